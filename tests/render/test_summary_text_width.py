"""The monthly summary's tables fit the page they are pasted into: 80 cells by default (about 40
Chinese characters, an A4 line of a Chinese official document), `--width N` otherwise; the free-text
columns give way, ids, dates, numbers and state words never do; prose is left to the word processor."""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

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


def _bundled_copy(tmp_path) -> Path:
    """A copy of the bundled ledger in tmp_path/data, for a test to write to: its plan file."""
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", tmp_path / "data")
    return tmp_path / "data/tasks.yaml"


OVERDUE_2019_05_AT_80 = [
    "措施    内容                       责任单位                   期限          逾期",
    "------  -------------------------  -------------------------  ----------  ------",
    "35.3    已建成生活污水收集管网和…  各地市                     2018-06-30   335天",
    "32.2    自治区住房城乡建设厅制定…  自治区住房城乡建设厅       2018-09-30   243天",
    "40.3    曲水县加强聂当工业园区环…  曲水县                     2018-09-30   243天",
    "40.4    堆龙德庆区加强堆龙工业园…  堆龙德庆区                 2018-09-30   243天",
    "14.4    自治区自然保护区领导小组…  自治区自然保护区领导小组…  2018-12-31   151天",
    "19.2    自治区自然资源厅对各地市…  自治区自然资源厅           2018-12-31   151天",
    "34.1    自治区住房城乡建设厅会同…  自治区住房城乡建设厅、自…  2018-12-31   151天",
    "36.5    拉萨市督促拉萨市垃圾焚烧…  拉萨市                     2018-12-31   151天",
]


def test_the_overdue_table_fits_80_cells_by_default_whatever_the_terminal():
    """It was 92 cells wide: pasted into a report, every row wrapped. The text and the units share
    what the id, the date and the days leave (25 cells each); the page, not the terminal, decides."""
    for columns in ("100", "200"):
        result = summary("--month", "2019-05", env={"COLUMNS": columns})
        assert result.exit_code == 0, result.output
        assert section(result.stdout, "四、逾期未完成（逾期最久的在前）") == OVERDUE_2019_05_AT_80
    assert max(wcswidth(line) for line in OVERDUE_2019_05_AT_80) == 80


def test_the_english_overdue_table_gives_the_text_what_the_chinese_one_does():
    """Its headings took what the text needed: Measure 9 cells for ids of 4, Days overdue 14 for
    numbers of 3, so the text kept 9 characters (自治区住房城乡建设…). No. and Overdue (status's
    word for the same days) leave the text and the units 24 cells each, 11 characters and the …,
    where 措施 and 逾期 leave 25: a character, 2 cells, does not fit in the one more."""
    result = summary("--month", "2019-05", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert section(result.stdout, "4. Overdue and still open (longest overdue first)") == [
        "No.    Text                     Units                    Due           Overdue",
        "-----  -----------------------  -----------------------  ----------  ---------",
        "35.3   已建成生活污水收集管网…  各地市                   2018-06-30   335 days",
        "32.2   自治区住房城乡建设厅制…  自治区住房城乡建设厅     2018-09-30   243 days",
        "40.3   曲水县加强聂当工业园区…  曲水县                   2018-09-30   243 days",
        "40.4   堆龙德庆区加强堆龙工业…  堆龙德庆区               2018-09-30   243 days",
        "14.4   自治区自然保护区领导小…  自治区自然保护区领导小…  2018-12-31   151 days",
        "19.2   自治区自然资源厅对各地…  自治区自然资源厅         2018-12-31   151 days",
        "34.1   自治区住房城乡建设厅会…  自治区住房城乡建设厅,…   2018-12-31   151 days",
        "36.5   拉萨市督促拉萨市垃圾焚…  拉萨市                   2018-12-31   151 days",
    ]


def test_a_wider_page_gives_the_text_columns_more():
    """At 120 cells the units are whole (自治区住房城乡建设厅、自治区相关部门, 36 cells) and the text
    takes the rest: 26 characters and the …; ids, dates and days as they were."""
    result = summary("--month", "2019-05", "--width", "120")
    assert result.exit_code == 0, result.output
    rows = section(result.stdout, "四、逾期未完成（逾期最久的在前）")
    assert rows[2].split() == ["35.3", "已建成生活污水收集管网和污水集中处理设施的城镇，相关…", "各地市", "2018-06-30", "335天"]
    assert rows[2].endswith("  2018-06-30   335天")
    assert "  自治区住房城乡建设厅、自治区相关部门  2018-12-31   151天" in rows[8]
    assert max(wcswidth(line) for line in rows) <= 120


def _prose(lines: list[str]) -> set[int]:
    """Indexes of the lines that are prose, left for Word to wrap: the overview (the headline
    sentence under 一、总体情况 and the warnings after it), the head hash lines (a hash, to be
    copied whole, is never broken), and a text cut in its row said whole under its table."""
    first = next(i for i, line in enumerate(lines) if line in ("一、总体情况", "1. Overview")) + 1
    return set(range(first, lines.index("", first))) | {
        i for i, line in enumerate(lines) if line.startswith(("台账哈希（", "Journal head hash (")) or _WHOLE.match(line)}


# (a close's evidence, an extension's reason, a reopening's or a retraction's note, and its unit, said
# whole; an extension's approving unit with its reason, or alone: 1.4 的 2019-03-07 延期（批准单位：…）。)
_WHOLE = re.compile(r"\S+ 的 \d{4}-\d\d-\d\d (?:(?:销号，佐证|延期|重新打开|撤回误录(?:（记录单位：.+）)?)："
                    r"|延期（批准单位：.+）[：。])|"
                    r"\S+, (?:closed \d{4}-\d\d-\d\d, evidence|(?:extended|reopened|retracted) \d{4}-\d\d-\d\d"
                    r"(?: by .+)?): |\S+, extended \d{4}-\d\d-\d\d by .+\.$")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("month", ["2019-03", "2019-04", "2019-05", "2019-06"])
def test_every_line_but_prose_fits_80_cells(month, lang):
    result = summary("--month", month, "--lang", lang)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    prose = _prose(lines)
    assert [line for i, line in enumerate(lines) if i not in prose and wcswidth(line) > 80] == []
    assert sum(bool(line.startswith("---")) for line in lines) >= 2  # (tables there are, to fit)


@pytest.mark.parametrize("month, width", [("2019-05", "60"), ("2019-03", "65"), ("2019-03", "100")])
def test_every_table_line_fits_the_width_asked_for(month, width):
    # (March's close of one step, 【2018-12-31到期的一步】, is whole at 65; at 60 its mark keeps the date)
    result = summary("--month", month, "--width", width)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    prose = _prose(lines)
    assert [line for i, line in enumerate(lines) if i not in prose and wcswidth(line) > int(width)] == []


@pytest.mark.parametrize("lang, mark, heading", [("zh", "【2018-12-31到期的一步】", "二、本月销号"),
                                                  ("en", "[step due 2018-12-31] ", "2. Closed out this month")])
def test_a_step_row_keeps_some_of_its_text_beside_its_mark_at_80(lang, mark, heading):
    """18.4's close of its 2018-12-31 step read 【2018-12-31到期的一步】… at 80 cells: the mark, never
    cut, took the text column's whole share, and which measure's step it was went unsaid. The lead
    unit and the evidence give way to at least 4 of its characters (8 cells) and the …."""
    result = summary("--month", "2019-03", "--lang", lang, env={"RECTIFY_TODAY": "2019-04-05"})
    assert result.exit_code == 0, result.output
    rows = section(result.stdout, heading)
    (row,) = [line for line in rows if line.split()[1] == "18.4"]
    assert mark + "自治区自" in row  # (18.4: 自治区自然资源厅牵头开展全区自然保护区内矿业权清理工作，…)
    assert "  自治区自然" in row.split(mark)[1]  # (its lead unit, 自治区自然资源厅, cut but named)
    lines = result.stdout.split("\n")
    prose = _prose(lines)
    assert [line for i, line in enumerate(lines) if i not in prose and wcswidth(line) > 80] == []


def test_a_width_too_small_for_the_ids_dates_and_numbers_is_refused_naming_the_smallest():
    """八 needs 未完成 8, 逾期 6, 30天内到期 12, 久未报告 10, two cells between columns, and its units
    at least as wide as their heading and the two cells tabulate pads a heading with (10): 54."""
    result = summary("--month", "2019-05", "--width", "53")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("rectify: --width 53 太窄：月报的表格至少需要 54 个半角字符宽（一个汉字占 2 个），"
                             "请用 --width 54 或更大的值\n")
    # (in English 8 needs Unit 6, Incomplete 12, Overdue 9, Due in 30 days 16, Stale 7 and the gaps: 58;
    # 四 less, No. 5, Text 6, Units 7, Due 10, Overdue 9 and the gaps: 45)
    result = summary("--month", "2019-05", "--width", "57", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("rectify: --width 57 is too narrow: the summary's tables need at least 58 cells "
                             "(a Chinese character takes 2); use --width 58 or more\n")
    assert summary("--month", "2019-05", "--width", "54").exit_code == 0
    assert summary("--month", "2019-05", "--width", "58", "--lang", "en").exit_code == 0


def _april_with_extensions_and_a_retraction(tmp_path) -> str:
    """A copy of the bundled ledger: in April 2019 33.1 extended in time, 40.4 late, and 40.3's
    close retracted."""
    registry = str(_bundled_copy(tmp_path))
    for args in (("extend", "33.1", "--to", "2019-12-31", "--reason", "管网施工受冻土期影响", "--date", "2019-04-26"),
                 ("extend", "40.4", "--to", "2019-09-30", "--reason", "x", "--date", "2019-04-27", "--late"),
                 ("close", "40.3", "--evidence", "验收意见", "--date", "2019-04-18", "--by", "拉萨市"),
                 ("retract", "40.3", "--reason", "误记", "--date", "2019-04-20", "--by", "拉萨市")):
        extra = ("--approved-by", "自治区生态环境厅") if args[0] == "extend" else ()
        assert run_cli(*args, *extra, "-r", registry, env={"RECTIFY_TODAY": "2019-04-30"}).exit_code == 0
    return registry


def test_extensions_and_retractions_fit_60_cells_their_late_flag_a_mark_on_the_id(tmp_path):
    """--width 60 was refused in a month with an extension (76 needed in Chinese, 78 in English:
    three dates, 逾期后申请 for 是/否, 批准单位 and 理由 apart) or, in English, a retraction (63:
    Recorded by). The late flag is now a mark on the id, said under the table as status says it,
    and the approving unit and the reason share a column, which gives way."""
    registry = _april_with_extensions_and_a_retraction(tmp_path)
    zh = summary("--month", "2019-04", "--width", "60", "-r", registry, env={"RECTIFY_TODAY": "2019-04-30"})
    assert zh.exit_code == 0, zh.output
    assert section(zh.stdout + "\n", "七、本月批准延期") == [
        "日期        措施    原期限      新期限      批准单位：理由",
        "----------  ------  ----------  ----------  ----------------",
        "2019-04-26  33.1    2019-06-30  2019-12-31  自治区生态环境…",
        "2019-04-27  40.4*   2018-09-30  2019-09-30  自治区生态环境…",
    ]
    lines = zh.stdout.split("\n")
    # (the reasons the shared column cuts, and the unit it cuts, said whole under the table, then the late mark's legend)
    assert lines[lines.index("七、本月批准延期") + 6:lines.index("七、本月批准延期") + 10] == [
        "33.1 的 2019-04-26 延期（批准单位：自治区生态环境厅）：管网施工受冻土期影响。",
        "40.4 的 2019-04-27 延期（批准单位：自治区生态环境厅）：x。", "",
        "* 逾期后延期：期限在过期后才延期"]
    en = summary("--month", "2019-04", "--width", "60", "--lang", "en", "-r", registry,
                 env={"RECTIFY_TODAY": "2019-04-30"})
    assert en.exit_code == 0, en.output
    lines = en.stdout.split("\n")
    seventh = lines.index("7. Extensions granted this month")
    assert lines[seventh + 1:seventh + 11] == [
        "Date        No.    From        To          By: reason",
        "----------  -----  ----------  ----------  -----------------",
        "2019-04-26  33.1   2019-06-30  2019-12-31  自治区生态环境厅…",
        "2019-04-27  40.4*  2018-09-30  2019-09-30  自治区生态环境厅…",
        "",
        "33.1, extended 2019-04-26 by 自治区生态环境厅: 管网施工受冻土期影响.",
        "40.4, extended 2019-04-27 by 自治区生态环境厅: x.",
        "",
        "* extended late: its deadline moved after it passed",
        "",
    ]
    ninth = next(i for i, line in enumerate(lines) if line.startswith("9. Entries retracted this month"))
    assert lines[ninth + 1:ninth + 4] == [
        "Date        No.    Entry retracted     Note    By",
        "----------  -----  ------------------  ------  ------",
        "2019-04-20  40.3   2019-04-18 closure  误记    拉萨市",
    ]
    # (at 80 the shared column has room for both: the unit, then why)
    wide = summary("--month", "2019-04", "-r", registry, env={"RECTIFY_TODAY": "2019-04-30"}).stdout
    assert section(wide + "\n", "七、本月批准延期")[2] == \
        "2019-04-26  33.1    2019-06-30  2019-12-31  自治区生态环境厅：管网施工受冻土期…"


@pytest.mark.parametrize("lang, width, note", [
    ("en", "60", ["Retracted entries count as never written from their", "retraction on: no reopening."]),
    ("en", "80", ["Retracted entries count as never written from their retraction on: no reopening."]),
    ("zh", "60", ["被撤回的记录自撤回之日起视为未曾记录，不属于回头看重新打开。"]),
])
def test_what_a_retraction_means_under_its_table_fits_the_page(tmp_path, lang, width, note):
    """The English note under 九 was 80 cells at --width 60, the one fixed line under a table wider
    than the page; it is broken where English breaks, to the page's width."""
    registry = _april_with_extensions_and_a_retraction(tmp_path)
    result = summary("--month", "2019-04", "--width", width, "--lang", lang, "-r", registry,
                     env={"RECTIFY_TODAY": "2019-04-30"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    start = lines.index(note[0])
    assert lines[start - 1:start + len(note) + 1] == ["", *note, ""]


def _march_with_far_extensions(tmp_path) -> str:
    """A copy of the bundled ledger: in March 2019 3.1 extended to 2035, confirmed (--far-future),
    and 40.4 to 2918 by hand, not confirmed: the year mistyped that validate warns of."""
    registry = str(_bundled_copy(tmp_path))
    assert run_cli("extend", "3.1", "--to", "2035-12-31", "--far-future", "--late", "--reason", "需要长期治理",
                   "--approved-by", "自治区人民政府办公厅", "--date", "2019-03-20", "-r", registry,
                   env={"RECTIFY_TODAY": "2019-04-30"}).exit_code == 0
    with open(tmp_path / "data/progress.yaml", "a", encoding="utf-8") as journal:
        journal.write('- measure: "40.4"\n  date: 2019-03-25\n  state: extended\n  note: ""\n  to: 2918-09-30\n'
                      "  reason: 资金未到位\n  approved_by: 自治区生态环境厅\n  late: true\n")
    return registry


@pytest.mark.parametrize("lang, width, lines", [
    ("zh", "80", ["日期        措施    原期限      新期限      批准单位：理由",
                  "----------  ------  ----------  ----------  ----------------------------------",
                  "2019-03-20  3.1*    2018-06-30  2035-12-31  自治区人民政府办公厅：需要长期治理",
                  "2019-03-25  40.4*   2018-09-30  2918-09-30  自治区生态环境厅：资金未到位",
                  "",
                  "3.1 延期至 2035-12-31（已确认远期）。",
                  "",
                  "* 逾期后延期：期限在过期后才延期"]),
    ("zh", "60", ["日期        措施    原期限      新期限      批准单位：理由",
                  "----------  ------  ----------  ----------  ----------------",
                  "2019-03-20  3.1*    2018-06-30  2035-12-31  自治区人民政府…",
                  "2019-03-25  40.4*   2018-09-30  2918-09-30  自治区生态环境…",
                  "",
                  # (the approving unit its row cuts said whole with the reason, as 九 says its unit)
                  "3.1 的 2019-03-20 延期（批准单位：自治区人民政府办公厅）：需要长期治理。",
                  "40.4 的 2019-03-25 延期（批准单位：自治区生态环境厅）：资金未到位。",
                  "3.1 延期至 2035-12-31（已确认远期）。",
                  "",
                  "* 逾期后延期：期限在过期后才延期"]),
    ("en", "80", ["Date        No.    From        To          By: reason",
                  "----------  -----  ----------  ----------  ----------------------------------",
                  "2019-03-20  3.1*   2018-06-30  2035-12-31  自治区人民政府办公厅: 需要长期治理",
                  "2019-03-25  40.4*  2018-09-30  2918-09-30  自治区生态环境厅: 资金未到位",
                  "",
                  "3.1 extended to 2035-12-31 (far date confirmed).",
                  "",
                  "* extended late: its deadline moved after it passed"]),
    ("en", "60", ["Date        No.    From        To          By: reason",
                  "----------  -----  ----------  ----------  -----------------",
                  "2019-03-20  3.1*   2018-06-30  2035-12-31  自治区人民政府办…",
                  "2019-03-25  40.4*  2018-09-30  2918-09-30  自治区生态环境厅…",
                  "",
                  # (自治区生态环境厅… does not say where the unit ends: named, in the line its reason has anyway)
                  "3.1, extended 2019-03-20 by 自治区人民政府办公厅: 需要长期治理.",
                  "40.4, extended 2019-03-25 by 自治区生态环境厅: 资金未到位.",
                  "3.1 extended to 2035-12-31 (far date confirmed).",
                  "",
                  "* extended late: its deadline moved after it passed"]),
])
def test_a_far_extension_confirmed_is_said_under_the_table_the_new_date_column_as_wide(tmp_path, lang, width, lines):
    """七 showed 2035-12-31 unmarked, as it shows a year mistyped (2918, which validate warns of):
    history and show mark the confirmed one. The mark after the date widened the column by 14 cells
    (21 in English) and refused --width 60; it is said under the table, as the late mark's legend is."""
    registry = _march_with_far_extensions(tmp_path)
    result = summary("--month", "2019-03", "--width", width, "--lang", lang, "-r", registry,
                     env={"RECTIFY_TODAY": "2019-04-30"})
    assert result.exit_code == 0, result.output
    text = result.stdout.split("\n")
    heading = "七、本月批准延期" if lang == "zh" else "7. Extensions granted this month"
    at = text.index(heading) + 1
    assert text[at:at + len(lines) + 1] == [*lines, ""]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_but_prose_fits_60_cells_in_a_month_with_extensions(tmp_path, lang):
    """_WHOLE knew 七's line of a reason alone (3.1 的 2019-04-18 延期：…), not one naming the approving
    unit its row cuts (3.1 的 2019-03-20 延期（批准单位：…）：…): a month with an extension went
    unchecked, each such line taken for a table line too wide."""
    registry = _march_with_far_extensions(tmp_path)
    result = summary("--month", "2019-03", "--width", "60", "--lang", lang, "-r", registry,
                     env={"RECTIFY_TODAY": "2019-04-30"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    prose = _prose(lines)
    assert [line for i, line in enumerate(lines) if i not in prose and wcswidth(line) > 60] == []
    assert sum(bool(line.startswith("---")) for line in lines) >= 2  # (tables there are, to fit)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_but_prose_fits_60_cells_with_an_extension_of_no_reason(lang):
    # (no journal's extension lacks a reason: the renderer's own, as its tests build one, says its
    # approving unit alone, 1.4 的 2019-03-07 延期（批准单位：…）。)
    from rectify_cli.i18n import Lang
    from rectify_cli.render.summary_text import render
    from rectify_cli.summary import ExtensionItem
    from test_summary_text import _summary

    unit = "自治区生态环境保护督察整改工作领导小组办公室"
    extensions = (ExtensionItem(date(2019, 3, 7), "1.4", date(2019, 3, 31), date(2019, 6, 30), unit, False, None),)
    lines = render(_summary(extensions=extensions), lang=Lang(lang), width=60).split("\n")
    assert f"1.4 的 2019-03-07 延期（批准单位：{unit}）。" in lines or f"1.4, extended 2019-03-07 by {unit}." in lines
    prose = _prose(lines)
    assert [line for i, line in enumerate(lines) if i not in prose and wcswidth(line) > 60] == []


LONG_LABEL = "5A级、4A级景区及涉及重要城镇建成区和自然保护区的旅游景区"


@pytest.mark.parametrize("lang, mark, note", [
    ("zh", "【2019-12-31到期的一步】", f"30.2 的 2019-12-31 到期的一步：{LONG_LABEL}。"),
    ("en", "[step due 2019-12-31]", f"30.2, step due 2019-12-31: {LONG_LABEL}."),
])
@pytest.mark.parametrize("month, today, writes", [
    ("2020-01", "2020-02-10", ()),  # (四: its 2019-12-31 step overdue)
    ("2019-11", "2019-12-05", ()),  # (五: due next month)
    ("2019-12", "2020-01-05",  # (二: that step closed)
     (("close", "30.2", "--milestone", "2019-12-31", "--evidence", "验收", "--date", "2019-12-20"),)),
])
def test_a_step_label_too_long_for_the_page_is_said_whole_under_its_table(tmp_path, month, today, writes,
                                                                         lang, mark, note):
    """30.2's step labelled with a real report's 28 characters: its mark, never cut, took 57 cells,
    so every month listing that step (overdue, due soon or closed) was refused at the default
    width (exit 2, use --width 105). The row is marked with the step's date, as a step with no
    label is, and the label said whole under the table."""
    plan = _bundled_copy(tmp_path)
    plan.write_text(plan.read_text(encoding="utf-8").replace("label: 5A级、4A级景区}", f"label: {LONG_LABEL}}}"),
                    encoding="utf-8")
    for args in writes:
        assert run_cli(*args, "-r", str(plan), env={"RECTIFY_TODAY": args[-1]}).exit_code == 0
    result = summary("--month", month, "--lang", lang, "-r", str(plan), env={"RECTIFY_TODAY": today})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert result.stdout.count(LONG_LABEL) == 1 and note in lines
    prose = _prose(lines) | {lines.index(note)}
    assert [line for i, line in enumerate(lines) if i not in prose and wcswidth(line) > 80] == []
    rows = [line for line in lines if mark in line]
    assert len(rows) == 1 and "30.2" in rows[0].split()
    # (the note follows the step's table, after a blank line, as other lines under a table do)
    table_end = lines.index("", lines.index(rows[0]))
    assert lines[table_end + 1] == note


# 14 characters: its mark fits beside the other columns' headings with a … but not with 4 characters
# of the measure's text (READABLE) too. In English, whose Overdue leaves the text 2 cells more, one
# more character: 15.
FITTING_LABEL = "城镇建成区和自然保护区的景区"
FITTING_LABEL_EN = "城镇建成区和自然保护区内的景区"


@pytest.mark.parametrize("lang, label, row, note", [
    # (it read 30.2 【城镇建成区和自然保护区的景区】自…: which measure's step it was, hardly said)
    ("zh", FITTING_LABEL, "30.2    【2019-12-31到期的一步】自治区旅…  自治区旅游发展厅   2019-12-31    31天",
     f"30.2 的 2019-12-31 到期的一步：{FITTING_LABEL}。"),
    ("en", FITTING_LABEL_EN, "30.2   [step due 2019-12-31] 自治区旅…  自治区旅游发展厅   2019-12-31    31 days",
     f"30.2, step due 2019-12-31: {FITTING_LABEL_EN}."),
    # (a label leaving its row 4 characters of text stays in the row, as before)
    ("zh", FITTING_LABEL[:11], "30.2    【城镇建成区和自然保护区】自治区旅…  自治区旅游发展…  2019-12-31    31天", None),
    ("en", FITTING_LABEL, "30.2   [城镇建成区和自然保护区的景区] 自治区旅…  自治区…  2019-12-31    31 days", None),
])
def test_a_step_label_leaving_its_row_no_readable_text_is_said_under_its_table(tmp_path, lang, label, row, note):
    plan = _bundled_copy(tmp_path)
    plan.write_text(plan.read_text(encoding="utf-8").replace("label: 5A级、4A级景区}", f"label: {label}}}"),
                    encoding="utf-8")
    result = summary("--month", "2020-01", "--lang", lang, "-r", str(plan), env={"RECTIFY_TODAY": "2020-02-10"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert [line for line in lines if line.startswith("30.2 ") and line != note] == [row]
    assert wcswidth(row) <= 80
    if note is None:
        assert "30.2 的" not in result.stdout and "30.2, step" not in result.stdout
    else:  # (under the table, after a blank line)
        assert lines[lines.index("", lines.index(row)) + 1] == note


def _after_table(lines: list[str], row: str) -> list[str]:
    """The lines under the table holding `row`: after its blank line, to the next blank line."""
    start = lines.index("", lines.index(row)) + 1
    return lines[start:lines.index("", start)]


@pytest.mark.parametrize("lang, heading, row, step", [
    # (its mark, 【2018-12-31到期的一步】, 24 cells never cut, made 二 need 65: the date stays whole)
    ("zh", "二、本月销号", "2019-03-31  18.4    【2018-12-31…】自治…  自治区自…   制定…",
     "18.4 的 2019-03-31 销号：2018-12-31到期的一步。"),
    ("en", "2. Closed out this month", "2019-03-31   18.4   [2018-12-31…] …  自治区自然…  制定《各…",
     "18.4, closed 2019-03-31: step due 2018-12-31."),
])
def test_a_close_of_one_step_fits_60_cells_its_step_said_under_the_table(lang, heading, row, step):
    """2019-03 was refused at --width 60 (65 needed in Chinese, 68 in English). The step's mark keeps
    its date and gives way to …; what the row no longer says is said whole under the table."""
    result = summary("--month", "2019-03", "--width", "60", "--lang", lang)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert [line for line in section(result.stdout, heading) if line.split()[1] == "18.4"] == [row]
    assert step in _after_table(lines, row)


@pytest.mark.parametrize("lang, width, row, step", [
    ("zh", "57", "30.2    【2019-12-31…】…   自治区旅…   2019-12-31    31天",
     "30.2 的 2019-12-31 到期的一步：5A级、4A级景区。"),
    # (四's days headed 逾期, not 逾期天数, leave it 4 cells more: at 60 the mark is whole)
    ("zh", "60", "30.2    【5A级、4A级景区】…   自治区旅…   2019-12-31    31天", None),
])
def test_a_labelled_step_overdue_fits_60_cells_its_label_said_under_the_table(lang, width, row, step):
    """Every month of 2020 was refused at --width 60 in Chinese (63 needed): 30.2's step mark,
    【5A级、4A级景区】, never cut. It gives way to the step's date; the label is said under 四."""
    result = summary("--month", "2020-01", "--width", width, "--lang", lang, env={"RECTIFY_TODAY": "2020-02-10"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert [line for line in lines if line.startswith("30.2 ")] == [row] + ([step] if step else [])
    if step:
        assert _after_table(lines, row) == [step]
    else:
        assert "30.2 的" not in result.stdout


@pytest.mark.parametrize("lang, rows, step", [
    # (no retraction names a unit: no 记录单位 column, the entry's room the wider)
    ("zh", ["日期        措施    撤回的记录                        说明",
            "----------  ------  --------------------------------  ------",
            "2019-04-24  18.4    2019-03-31 销号（2018-12-31到期…  误记"],
     "18.4 的 2019-03-31 销号：2018-12-31到期的一步。"),
    ("en", ["Date        No.    Entry retracted                    Note",
            "----------  -----  ---------------------------------  ------",
            "2019-04-24  18.4   2019-03-31 closure (step due 201…  误记"],
     "18.4, closed 2019-03-31: step due 2018-12-31."),
])
def test_a_retracted_close_of_one_step_fits_60_cells_its_step_said_under_the_table(tmp_path, lang, rows, step):
    """A retraction of 18.4's close of its 2018-12-31 step made April need 79 cells (73 in English):
    the entry retracted, 2019-03-31 销号（2018-12-31到期的一步）, was never cut. Its date and state
    stay whole; the step gives way, and is said whole under the table."""
    registry = str(_bundled_copy(tmp_path))
    assert run_cli("retract", "18.4", "--reason", "误记", "--date", "2019-04-24", "-r", registry,
                   env={"RECTIFY_TODAY": "2019-04-30"}).exit_code == 0
    result = summary("--month", "2019-04", "--width", "60", "--lang", lang, "-r", registry,
                     env={"RECTIFY_TODAY": "2019-04-30"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith(("九、", "9. ")))
    assert lines[heading + 1:heading + 4] == rows
    assert lines[heading + 5] == step


@pytest.mark.parametrize("lang, width, block", [
    # (at 60 the unit, cut to 自…, was said nowhere: it is said whole in the retraction's line)
    ("zh", "60", ["日期        措施    撤回的记录            说明    记录单位",
                  "----------  ------  --------------------  ------  ----------",
                  "2019-04-24  18.4    2019-03-31 销号（20…  误记    自治区生…",
                  "",
                  "18.4 的 2019-04-24 撤回误录（记录单位：自治区生态环境厅）：误记。",
                  "18.4 的 2019-03-31 销号：2018-12-31到期的一步。"]),
    ("en", "60", ["Date        No.    Entry retracted              Note    By",
                  "----------  -----  ---------------------------  ------  ----",
                  "2019-04-24  18.4   2019-03-31 closure (step d…  误记    自…",
                  "",
                  "18.4, retracted 2019-04-24 by 自治区生态环境厅: 误记.",
                  "18.4, closed 2019-03-31: step due 2018-12-31."]),
    # (at 80 the unit is whole in its row: only the step is said under the table)
    ("zh", "80", ["日期        措施    撤回的记录                          说明    记录单位",
                  "----------  ------  ----------------------------------  ------  ----------------",
                  "2019-04-24  18.4    2019-03-31 销号（2018-12-31到期的…  误记    自治区生态环境厅",
                  "",
                  "18.4 的 2019-03-31 销号：2018-12-31到期的一步。"]),
    ("en", "80", ["Date        No.    Entry retracted                      Note    By",
                  "----------  -----  -----------------------------------  ------  ----------------",
                  "2019-04-24  18.4   2019-03-31 closure (step due 2018-…  误记    自治区生态环境厅",
                  "",
                  "18.4, closed 2019-03-31: step due 2018-12-31."]),
])
def test_a_retractions_unit_cut_in_its_row_is_said_whole_under_the_table(tmp_path, lang, width, block):
    """At --width 60 the By column was cut to 自…, its heading's width, and the unit said nowhere:
    the entry retracted kept its readable cells first, though its step is said under the table."""
    registry = str(_bundled_copy(tmp_path))
    assert run_cli("retract", "18.4", "--reason", "误记", "--by", "自治区生态环境厅", "--date", "2019-04-24",
                   "-r", registry, env={"RECTIFY_TODAY": "2019-04-30"}).exit_code == 0
    result = summary("--month", "2019-04", "--width", width, "--lang", lang, "-r", registry,
                     env={"RECTIFY_TODAY": "2019-04-30"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith(("九、", "9. ")))
    assert lines[heading + 1:heading + 1 + len(block) + 1] == [*block, ""]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("month", [f"{year}-{month:02d}" for year in (2019, 2020) for month in range(1, 13)])
def test_every_month_of_the_bundled_ledger_fits_60_cells(month, lang):
    result = summary("--month", month, "--width", "60", "--lang", lang, env={"RECTIFY_TODAY": "2021-01-10"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    prose = _prose(lines)
    assert [line for i, line in enumerate(lines) if i not in prose and wcswidth(line) > 60] == []


@pytest.mark.parametrize("lang, width, period", [
    ("zh", "60", ["统计区间：2019-06-01 至 2019-06-30", "（本月未结束，截至 2019-06-12）"]),
    ("en", "60", ["Period: 2019-06-01 to 2019-06-30", "(the month is not over: as of 2019-06-12)"]),
    ("zh", "80", ["统计区间：2019-06-01 至 2019-06-30（本月未结束，截至 2019-06-12）"]),
    ("en", "80", ["Period: 2019-06-01 to 2019-06-30 (the month is not over: as of 2019-06-12)"]),
])
def test_the_period_of_a_month_not_over_fits_the_page(lang, width, period):
    """A month not over said so after its period in one line of 65 cells (74 in English), wider
    than --width 60: its bracket goes on a line of its own where the page is narrower."""
    result = summary("--month", "2019-06", "--width", width, "--lang", lang, env={"RECTIFY_TODAY": "2019-06-12"})
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n")[2:2 + len(period) + 1] == [*period, ""]


@pytest.mark.parametrize("lang, units", [
    ("zh", ["责任单位：自治区自然保护区领导小组办公室、",
            "自治区住房城乡建设厅、自治区生态环境厅"]),
    ("en", ["Responsible units: 自治区自然保护区领导小组办公室,",
            "自治区住房城乡建设厅, 自治区生态环境厅"]),
])
def test_the_units_a_summary_is_of_fit_the_page_each_name_whole(lang, units):
    """Three units named with --owner made the line under the title 80 cells (89 in English) at
    --width 60; it is broken between the names, none cut in two."""
    result = summary("--month", "2019-05", "--width", "60", "--lang", lang, "--owner", "自治区自然保护区领导小组办公室",
                     "--owner", "自治区住房城乡建设厅", "--owner", "自治区生态环境厅")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n")[2:2 + len(units) + 1] == [*units, "统计区间：2019-05-01 至 2019-05-31" if lang == "zh"
                                                               else "Period: 2019-05-01 to 2019-05-31"]


def _unit_rows(text: str, heading: str) -> list[tuple[str, list[str]]]:
    """八's rows as (unit, its four figures): a line without figures goes on its unit's name."""
    rows: list[tuple[str, list[str]]] = []
    for line in section(text, heading)[2:]:
        *name, = re.split(r"\s{2,}", line.strip())
        figures = [w for w in name if w.isdigit()]
        unit = " ".join(w for w in name if not w.isdigit())
        if figures:
            rows.append((unit, figures))
        else:
            rows[-1] = (rows[-1][0] + unit, rows[-1][1])
    return rows


@pytest.mark.parametrize("lang, heading", [("zh", "八、督办清单（按责任单位，逾期多的在前）"),
                                           ("en", "8. Urging list by responsible unit (most overdue first)")])
def test_the_urging_lists_units_are_whole_on_a_narrow_page_broken_over_lines(lang, heading):
    """At --width 60 in English nine rows read 自治区… and could not be told apart: the unit is
    the row's name, so it is broken over lines, never cut; each row as a page wide enough shows it."""
    wide = summary("--month", "2019-05", "--width", "120", "--lang", lang)
    narrow = summary("--month", "2019-05", "--width", "60", "--lang", lang)
    assert wide.exit_code == narrow.exit_code == 0, narrow.output
    assert "…" not in "".join(section(wide.stdout, heading))  # (the oracle: nothing cut at 120)
    lines = section(narrow.stdout, heading)
    assert [line for line in lines if wcswidth(line) > 60] == []
    assert _unit_rows(narrow.stdout, heading) == _unit_rows(wide.stdout, heading)
    assert "自治区住房城乡建设厅" in [unit for unit, _ in _unit_rows(narrow.stdout, heading)]
