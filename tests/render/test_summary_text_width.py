"""The monthly summary's tables fit the page they are pasted into: 80 cells by default (about 40
Chinese characters, an A4 line of a Chinese official document), `--width N` otherwise; the free-text
columns give way, ids, dates, numbers and state words never do; prose is left to the word processor."""
from __future__ import annotations

import pytest
from wcwidth import wcswidth

from builders import run_cli

ON_2019_06_30 = {"RECTIFY_TODAY": "2019-06-30"}


def summary(*args: str, env=None):
    return run_cli("summary", *args, env={**ON_2019_06_30, **(env or {})})


def section(text: str, heading: str) -> list[str]:
    """The lines under `heading`, to the next blank line."""
    lines = text.split("\n")
    start = lines.index(heading) + 1
    return lines[start:lines.index("", start)]


OVERDUE_2019_05_AT_80 = [
    "措施    内容                     责任单位                 期限          逾期天数",
    "------  -----------------------  -----------------------  ----------  ----------",
    "35.3    已建成生活污水收集管网…  各地市                   2018-06-30         335",
    "32.2    自治区住房城乡建设厅制…  自治区住房城乡建设厅     2018-09-30         243",
    "40.3    曲水县加强聂当工业园区…  曲水县                   2018-09-30         243",
    "40.4    堆龙德庆区加强堆龙工业…  堆龙德庆区               2018-09-30         243",
    "14.4    自治区自然保护区领导小…  自治区自然保护区领导小…  2018-12-31         151",
    "19.2    自治区自然资源厅对各地…  自治区自然资源厅         2018-12-31         151",
    "34.1    自治区住房城乡建设厅会…  自治区住房城乡建设厅、…  2018-12-31         151",
    "36.5    拉萨市督促拉萨市垃圾焚…  拉萨市                   2018-12-31         151",
]


def test_the_overdue_table_fits_80_cells_by_default_whatever_the_terminal():
    """It was 92 cells wide: pasted into a report, every row wrapped. The text and the units share
    what the id, the date and the days leave (23 cells each); the page, not the terminal, decides."""
    for columns in ("100", "200"):
        result = summary("--month", "2019-05", env={"COLUMNS": columns})
        assert result.exit_code == 0, result.output
        assert section(result.stdout, "四、逾期未完成（逾期最久的在前）") == OVERDUE_2019_05_AT_80
    assert max(wcswidth(line) for line in OVERDUE_2019_05_AT_80) == 80


def test_a_wider_page_gives_the_text_columns_more():
    """At 120 cells the units are whole (自治区住房城乡建设厅、自治区相关部门, 36 cells) and the text
    takes the rest: 24 characters and the …; ids, dates and days as they were."""
    result = summary("--month", "2019-05", "--width", "120")
    assert result.exit_code == 0, result.output
    rows = section(result.stdout, "四、逾期未完成（逾期最久的在前）")
    assert rows[2].split() == ["35.3", "已建成生活污水收集管网和污水集中处理设施的城镇，…", "各地市", "2018-06-30", "335"]
    assert rows[2].endswith("  2018-06-30         335")
    assert "  自治区住房城乡建设厅、自治区相关部门  2018-12-31         151" in rows[8]
    assert max(wcswidth(line) for line in rows) <= 120


def _prose(lines: list[str]) -> set[int]:
    """Indexes of the lines that are prose, left for Word to wrap: the headline sentence (the line
    under 一、总体情况), and the head hash lines (a hash, to be copied whole, is never broken)."""
    first = next(i for i, line in enumerate(lines) if line in ("一、总体情况", "1. Overview"))
    return {first + 1} | {i for i, line in enumerate(lines) if line.startswith(("台账哈希（", "Journal head hash ("))}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("month", ["2019-03", "2019-04", "2019-05", "2019-06"])
def test_every_line_but_prose_fits_80_cells(month, lang):
    result = summary("--month", month, "--lang", lang)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    prose = _prose(lines)
    assert [line for i, line in enumerate(lines) if i not in prose and wcswidth(line) > 80] == []
    assert sum(bool(line.startswith("---")) for line in lines) >= 2  # (tables there are, to fit)


@pytest.mark.parametrize("width", ["60", "100"])
def test_every_table_line_fits_the_width_asked_for(width):
    result = summary("--month", "2019-03", "--width", width)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    prose = _prose(lines)
    assert [line for i, line in enumerate(lines) if i not in prose and wcswidth(line) > int(width)] == []


def test_a_width_too_small_for_the_ids_dates_and_numbers_is_refused_naming_the_smallest():
    """四 needs 措施 6, 期限 10, 逾期天数 10, two cells between columns, and its text and units at
    least as wide as their headings and the two cells tabulate pads a heading with (6, 10): 50."""
    result = summary("--month", "2019-05", "--width", "49")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("rectify: --width 49 太窄：小结的表格至少需要 50 个半角字符宽（一个汉字占 2 个），"
                             "请用 --width 50 或更大的值\n")
    # (English headings are wider: Measure 9, Due 10, Days overdue 14, Text 6, Units 7)
    result = summary("--month", "2019-05", "--width", "53", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("rectify: --width 53 is too narrow: the summary's tables need at least 54 cells "
                             "(a Chinese character takes 2); use --width 54 or more\n")
    assert summary("--month", "2019-05", "--width", "50").exit_code == 0
    assert summary("--month", "2019-05", "--width", "54", "--lang", "en").exit_code == 0
