"""The monthly summary as text: snapshots of whole outputs, table widths, clipping, escaping.

A snapshot that is missing or differs fails the test and writes NAME.txt.new next to it:
review it, and if it is right, rename it to NAME.txt.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from tabulate import tabulate
from typer.testing import CliRunner
from wcwidth import wcswidth

from rectify_cli.cli import app
from rectify_cli.i18n import Lang, label
from rectify_cli.model import EntryState
from rectify_cli import textsafe
from rectify_cli.render.summary_text import cell, render, table
from rectify_cli.summary import (
    ClosedItem,
    ExtensionItem,
    Headline,
    MonthlySummary,
    OverdueItem,
    ReopenedItem,
    RetractionItem,
    StaleItem,
    UnitRow,
)

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
SMALL = ROOT / "tests/fixtures/small/tasks.yaml"
BUNDLED = ROOT / "data/tasks.yaml"
ENV = {"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-04-15"}
BOX_DRAWING = re.compile(r"[\u2500-\u257f]")


def summary_text(*args: str, today: str = ENV["RECTIFY_TODAY"]) -> str:
    result = CliRunner().invoke(app, ["summary", *args], env={**ENV, "RECTIFY_TODAY": today})
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    new = path.with_name(path.name + ".new")
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        if new.exists():
            new.unlink()
        return
    new.write_text(text, encoding="utf-8")
    pytest.fail(f"snapshot {name} {'differs' if path.is_file() else 'is missing'}: review {new} "
                f"and rename it to {path.name} if it is right")


def table_blocks(text: str) -> list[list[str]]:
    """The tables of a summary: from the line above a dashed rule to the next blank line."""
    tables = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        for i, line in enumerate(lines[1:], start=1):
            if re.fullmatch(r"-+( +-+)*", line):
                tables.append(lines[i - 1:])
                break
    return tables


# --------------------------------------------------------------------------- snapshots

CASES = {
    "summary_small_zh.txt": ("-r", str(SMALL), "--month", "2019-03"),
    "summary_small_en.txt": ("-r", str(SMALL), "--month", "2019-03", "--lang", "en"),
    "summary_small_owner_zh.txt": ("-r", str(SMALL), "--month", "2019-03", "--owner", "那曲市"),
    "summary_bundled_zh.txt": ("-r", str(BUNDLED), "--month", "2019-03"),
}


@pytest.mark.parametrize("name", CASES)
def test_snapshot(name):
    if "bundled" in name and not BUNDLED.is_file():
        pytest.skip("data/tasks.yaml not generated yet")
    assert_snapshot(name, summary_text(*CASES[name]))


def assert_columns_line_up(block: list[str]) -> None:
    """Every line of a table keeps to its rule: no wider, nothing in the gaps between the
    rule's dashes (a character one cell off would straddle one), no trailing space."""
    rule = block[1]
    gaps = [i for i, ch in enumerate(rule) if ch == " "]
    for line in block:
        cells = "".join(ch + "\0" * (wcswidth(ch) - 1) for ch in line)  # (one position per display cell)
        assert len(cells) <= len(rule) and line == line.rstrip(), block
        assert all(i >= len(cells) or cells[i] == " " for i in gaps), (line, block)


@pytest.mark.parametrize("name", CASES)
def test_tables_are_plain_and_their_columns_line_up(name):
    if "bundled" in name and not BUNDLED.is_file():
        pytest.skip("data/tasks.yaml not generated yet")
    text = summary_text(*CASES[name])
    assert "\x1b" not in text and not BOX_DRAWING.search(text)
    blocks = table_blocks(text)
    assert blocks, "expected at least one table"
    for block in blocks:
        assert_columns_line_up(block)


def test_small_fixture_has_a_table_with_chinese_in_every_section_that_has_rows():
    blocks = table_blocks(summary_text("-r", str(SMALL), "--month", "2019-03"))
    # overdue, due next month, stale, extensions, urging list
    assert [b[0].split()[0] for b in blocks] == ["措施", "期限", "措施", "日期", "责任单位"]
    # (its due-soon column says its window, 30天内到期: 12 cells where 临期 took 6)
    assert max(wcswidth(line) for line in blocks[4]) == wcswidth(blocks[4][1]) == 60


# --------------------------------------------------------------------------- building blocks


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("拉萨市建成城东污水处理厂", 9, "拉萨市建…"),  # 8 columns of text + 1 for …
        ("拉萨市建成城东污水处理厂", 8, "拉萨市…"),  # 建 would straddle the limit: left out
        ("拉萨市", 6, "拉萨市"),  # fits exactly: not cut
        ("short", 10, "short"),
        ("longer text", 5, "long…"),  # ASCII, cut the same way
        ("ab\u0301cdef", 3, "ab\u0301…"),  # a combining mark stays with the letter it marks
        ("ab\ncd", 10, "ab cd"),  # one line
        ("a\x1b[2Jb", 20, "a\\x1b[2Jb"),  # control characters visible, not obeyed
        ("CR\rLF", 6, "CR…"),  # an escape is cut whole, not to CR\x0…
        ("拉萨\x07市", 8, "拉萨…"),
        ("拉萨\u2066市", 8, "拉萨…"),  # (\u2066: the first of its 6 characters fits)
        ("拉萨市建成城东污水处理厂" * 6, 9, "拉萨市建…"),  # many times too wide, a measure's text
        ("e\u0301" * 30, 10, "e\u0301" * 9 + "…"),  # 60 characters in 30 cells: cut after the 9th e
    ],
)
def test_clip(text, width, expected):
    """A cell (cell()) of registry text, as the summary's tables cut it (textsafe.clip)."""
    assert textsafe.clip(cell(text), width) == expected
    assert wcswidth(textsafe.clip(cell(text), width)) <= width


def test_table_keeps_ids_as_text_and_pads_only_between_columns():
    text = table(["措施", "内容", "佐证"], [["2.10", "那曲市", ""], ["18.4", "自治区生态环境厅牵头", "文件"]])
    assert text.split("\n") == [
        "措施    内容                  佐证",
        "------  --------------------  ------",
        "2.10    那曲市",
        "18.4    自治区生态环境厅牵头  文件",
    ]


# --------------------------------------------------------------------------- hand-built summaries


def _headline(**changes) -> Headline:
    values = dict(as_of=date(2019, 3, 31), tasks_total=0, measures_total=0, tasks_due=0, tasks_due_done=0,
                  measures_due=0, measures_due_done=0, tasks_later=0, measures_later=0, tasks_ongoing=0,
                  measures_ongoing=0, measures_overdue=0, measures_overdue_outside_due=0,
                  measures_stale=0)
    values.update(changes)
    return Headline(**values)


def _summary(**changes) -> MonthlySummary:
    values = dict(title="台账", first=date(2019, 3, 1), last=date(2019, 3, 31), as_of=date(2019, 3, 31), next_first=date(2019, 4, 1),
                  next_last=date(2019, 4, 30), warn_days=30, report_period_days=90, owners=(),
                  headline=_headline(), closed=(), reopened=(), overdue=(), due_next_month=(), stale=(), extensions=(),
                  units=(), units_quiet=0, head_hash=None)
    values.update(changes)
    return MonthlySummary(**values)


def test_empty_sections_say_so_in_one_line():
    zh = render(_summary(), lang=Lang.zh)
    assert zh.split("\n\n")[2:] == [
        "二、本月销号\n本月无销号的措施。", "三、本月重新打开（回头看）\n本月无重新打开的措施。",
        "四、逾期未完成（逾期最久的在前）\n无逾期未完成的措施。", "五、下月到期预警（2019年4月）\n无到期的措施。",
        "六、长期坚持措施久未报告（超过90天未报告）\n无久未报告的措施。", "七、本月批准延期\n本月无批准延期。",
        "八、督办清单（按责任单位，逾期多的在前）\n无。", "台账哈希（截至本月）：无\n"]
    en = render(_summary(), lang=Lang.en)
    assert en.split("\n\n")[2:] == [
        "2. Closed out this month\nNo measure closed this month.",
        "3. Reopened this month (follow-up inspection)\nNo measure reopened this month.",
        "4. Overdue and still open (longest overdue first)\nNo measure overdue.",
        "5. Due next month (April 2019)\nNo measure falls due.",
        "6. Ongoing measures not reported on for over 90 days\nNo ongoing measure is stale.",
        "7. Extensions granted this month\nNo extension granted this month.",
        "8. Urging list by responsible unit (most overdue first)\nNone.",
        "Journal head hash (as of this month): none\n"]


def test_never_reported_rows_of_files_fed_back_on_different_days_name_each_files_day():
    """A folder's files have their own feedback dates: one date in the note would be wrong for
    some rows, so it names each file's (by the prefix their ids show), in the rows' order."""
    stale = (StaleItem("sm:1.1", "措施", ("拉萨市",), None, 395, feedback=date(2018, 3, 1)),
             StaleItem("xz:2.1", "措施", ("拉萨市",), None, 452, feedback=date(2018, 1, 3)),
             StaleItem("sm:1.2", "措施", ("拉萨市",), None, 395, feedback=date(2018, 3, 1)),
             StaleItem("xz:2.2", "措施", ("拉萨市",), date(2018, 6, 30), 274))
    zh = render(_summary(stale=stale), lang=Lang.zh)
    assert "\n\n从未报告的措施自各自文件的反馈之日起计：sm 2018-03-01，xz 2018-01-03。\n\n七、" in zh
    en = render(_summary(stale=stale), lang=Lang.en)
    assert ("\n\nNever reported: counted from each file's feedback date (sm 2018-03-01, xz 2018-01-03).\n\n7. "
            in en)


def test_registry_text_is_printed_literally_with_controls_escaped():
    hostile = "措施\x1b]0;pwned\x07\r\n第二行"
    text = render(_summary(
        title="台账\x1b[2J",
        closed=(ClosedItem(date(2019, 3, 5), "1.1", hostile, "单位\x1b[31m", "证据\x00", None),),
        reopened=(ReopenedItem(date(2019, 3, 6), "1.4", hostile, ("拉萨市\x1b[0m",), date(2019, 3, 1), "回头看\x1b[2J"),),
        overdue=(OverdueItem("1.2", hostile, ("拉萨市\x1b[0m",), date(2019, 1, 1), 89),),
        extensions=(ExtensionItem(date(2019, 3, 6), "1.3", date(2019, 3, 31), date(2019, 6, 30), "批准\x1b",
                                  True, "理由\x1b"),),
        units=(UnitRow("单位\x1b[31m", 1, 1, 0, 0),),
        head_hash="ab\x1bcd",
    ), lang=Lang.zh)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert text.startswith("台账\\x1b[2J\n")
    # (a Windows line end, CR LF, is the line end it is: a space, as history shows it)
    assert "措施\\x1b]0;pwned\\x07 第二行" in text
    assert "台账哈希（截至本月）：ab\\x1bcd\n" in text
    assert "回头看\\x1b[2J" in text
    for block in table_blocks(text):
        assert_columns_line_up(block)


def test_a_cut_reopening_reason_said_under_the_table_is_one_line_with_one_full_stop():
    """The reason a reopening's row cuts is said whole under the table: its own full stop not
    doubled (。。), its line break and controls escaped as in its cell, on one line."""
    why = "回头看发现围挡拆除后未恢复，工地扬尘问题反弹，需重新整改。"
    reopened = (ReopenedItem(date(2019, 3, 6), "1.4", "措施", ("拉萨市",), date(2019, 3, 1), why),
                ReopenedItem(date(2019, 3, 9), "1.5", "措施", ("拉萨市",), date(2019, 3, 2),
                             "回头看发现\x1b[2J出水超标\n进水管网未接通"))
    zh = render(_summary(reopened=reopened), lang=Lang.zh).split("\n")
    at = zh.index("1.4 的 2019-03-06 重新打开：" + why)
    assert zh[at - 1:at + 3] == ["", "1.4 的 2019-03-06 重新打开：" + why,
                                 "1.5 的 2019-03-09 重新打开：回头看发现\\x1b[2J出水超标 进水管网未接通。", ""]
    en = render(_summary(reopened=reopened), lang=Lang.en).split("\n")
    assert "1.4, reopened 2019-03-06: " + why in en
    assert "1.5, reopened 2019-03-09: 回头看发现\\x1b[2J出水超标 进水管网未接通." in en


def test_cut_evidence_reasons_and_notes_said_under_their_tables_are_one_line_with_one_full_stop():
    """A close's evidence, an extension's reason and a retraction's note that their rows cut are
    said whole under the table, as a reopening's reason is: the text's own full stop not doubled,
    its line break and controls escaped as in its cell. An extension with no reason, its approving
    unit cut, says the unit under the table (it was said nowhere), as 九 says a unit that wrote the
    entry retracted."""
    evidence = "拉萨市环保局验收意见（2019年3月5日）及第三方监测报告，出水达到一级A标准。"
    text = render(_summary(
        closed=(ClosedItem(date(2019, 3, 5), "1.1", "措施", "拉萨市", evidence, None),),
        extensions=(ExtensionItem(date(2019, 3, 6), "1.3", date(2019, 3, 31), date(2019, 6, 30), "自治区生态环境厅",
                                  False, "冻土期\x1b[2J无法施工\n管网铺设须待五月解冻后继续"),
                    ExtensionItem(date(2019, 3, 7), "1.4", date(2019, 3, 31), date(2019, 6, 30),
                                  "自治区生态环境保护督察整改工作领导小组办公室", False, None)),
        retractions=(RetractionItem(date(2019, 3, 8), "1.5", EntryState.DONE, date(2019, 3, 2), None,
                                    "误记：该验收意见属于1.6，系录入人员选错了措施编号！", "拉萨市"),),
    ), lang=Lang.zh)
    assert f"\n\n1.1 的 2019-03-05 销号，佐证：{evidence}\n\n三、" in text
    assert ("\n\n1.3 的 2019-03-06 延期：冻土期\\x1b[2J无法施工 管网铺设须待五月解冻后继续。\n"
            "1.4 的 2019-03-07 延期（批准单位：自治区生态环境保护督察整改工作领导小组办公室）。\n\n八、") in text
    assert "\n\n1.5 的 2019-03-08 撤回误录：误记：该验收意见属于1.6，系录入人员选错了措施编号！\n\n被撤回" in text
    en = render(_summary(
        closed=(ClosedItem(date(2019, 3, 5), "1.1", "措施", "拉萨市", evidence[:-1], None),),
    ), lang=Lang.en)
    assert f"\n\n1.1, closed 2019-03-05, evidence: {evidence[:-1]}.\n\n3. " in en


def test_a_retraction_whose_note_and_unit_are_both_cut_is_said_whole_in_one_line():
    """Its note and its unit cut in the row are said in the one line under the table, not two."""
    retraction = RetractionItem(date(2019, 3, 8), "1.5", EntryState.DONE, date(2019, 3, 2), None,
                                "误记：该验收意见属于1.6，系录入人员选错了措施编号", "自治区生态环境保护督察整改工作领导小组办公室")
    zh = render(_summary(retractions=(retraction,)), lang=Lang.zh, width=60)
    assert ("\n\n1.5 的 2019-03-08 撤回误录（记录单位：自治区生态环境保护督察整改工作领导小组办公室）："
            "误记：该验收意见属于1.6，系录入人员选错了措施编号。\n\n被撤回") in zh
    en = render(_summary(retractions=(retraction,)), lang=Lang.en, width=60)
    assert ("\n\n1.5, retracted 2019-03-08 by 自治区生态环境保护督察整改工作领导小组办公室: "
            "误记：该验收意见属于1.6，系录入人员选错了措施编号.\n\nRetracted entries") in en


def test_a_folder_ends_with_one_head_per_journal_named_by_its_file():
    heads = (("台账/甲.progress.yaml", "ab" * 32), ("台账/乙\x1b[2J.progress.yaml", None))
    zh = render(_summary(journal_heads=heads), lang=Lang.zh)
    assert zh.endswith("\n\n台账哈希（截至本月）：" + "ab" * 32 + "  台账/甲.progress.yaml\n"
                       "台账哈希（截至本月）：无  台账/乙\\x1b[2J.progress.yaml\n")
    en = render(_summary(journal_heads=heads), lang=Lang.en)
    assert en.endswith("\n\nJournal head hash (as of this month): " + "ab" * 32 + "  台账/甲.progress.yaml\n"
                       "Journal head hash (as of this month): none  台账/乙\\x1b[2J.progress.yaml\n")


@pytest.mark.parametrize("lang, mark", [("zh", "【2018-12-31到期的一步】"), ("en", "[step due 2018-12-31] ")])
@pytest.mark.parametrize("width", ["80", "72"])
def test_the_step_a_close_is_of_stays_whole_where_its_text_is_cut(lang, mark, width):
    # (18.4 closed its 2018-12-31 step in March: the row read 【2018-12-31到期的…, so that nothing told
    # that the measure stays open; the mark is whole and the text after it gives way)
    row = next(line for line in summary_text("-r", str(BUNDLED), "--month", "2019-03", "--lang", lang, "--width", width)
               .split("\n") if "18.4" in line)
    assert mark in row
    # (what is cut is the text, 自治区自然资源厅牵头…: as much of it as fits, not none of it)
    assert mark + "自治" in row


def test_long_measure_text_is_cut_to_what_the_page_leaves():
    """80 cells less the id, the units, the date and the days (and 2 between columns): 40, 19
    characters and the …."""
    long_text = "自治区生态环境厅牵头" * 10
    text = render(_summary(overdue=(OverdueItem("1.1", long_text, ("拉萨市",), date(2019, 1, 1), 89),)), lang=Lang.zh)
    (block,) = table_blocks(text)
    assert block[2] == "1.1     自治区生态环境厅牵头自治区生态环境厅牵…  拉萨市      2019-01-01    89天"


# -- big tables: laid out directly, with the same text tabulate gives ---------------------------
@pytest.mark.parametrize("month", ["2019-03", "2019-04", "2020-05"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("ledger", [SMALL, BUNDLED])
def test_a_big_table_is_laid_out_exactly_as_tabulate_lays_it_out(monkeypatch, ledger, lang, month):
    from rectify_cli.render import summary_text as module

    args = ["--month", month, "--lang", lang, "-r", str(ledger)]
    monkeypatch.setattr(module, "FAST_ROWS", 10**9)
    by_tabulate = summary_text(*args, today="2020-06-30")
    monkeypatch.setattr(module, "FAST_ROWS", 0)  # every table counts as big
    assert summary_text(*args, today="2020-06-30") == by_tabulate


@pytest.mark.parametrize("odd", [
    "  padded  ", "", "全角　空格", "e\u0301 combining", "👍🏽 emoji", "🇨🇳 flag", "\u1100\u1161 jamo", "a\u200db", "☃️",
    "क्ष conjunct", "宽" * 40, "2.10", "\\x1b[31m",
])
def test_odd_cells_are_laid_out_as_tabulate_lays_them_out(monkeypatch, odd):
    from rectify_cli.render import summary_text as module

    rows = [[f"{i}.1", odd if i % 7 == 3 else f"措施{i}", "单位", str(i)] for i in range(30)]
    headers = ["措施", "内容", "责任单位", "天数"]
    monkeypatch.setattr(module, "FAST_ROWS", 10**9)
    by_tabulate = table(headers, rows, right=(3,))
    monkeypatch.setattr(module, "FAST_ROWS", 0)
    assert table(headers, rows, right=(3,)) == by_tabulate
    assert by_tabulate == tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True,
                                   colalign=["left", "left", "left", "right"])  # (unpadded: as tabulate lays it out)


# --------------------------------------------------------------------------- English counts


@pytest.mark.parametrize(("key", "values", "one", "two"), [
    ("check_overdue_days", {}, "1 day overdue", "2 days overdue"),
    ("check_stale_days", {}, "stale 1 day", "stale 2 days"),
    ("status_overdue_days", {}, "1 day overdue", "2 days overdue"),
    ("status_days", {}, "1 day", "2 days"),
    ("status_days_ago", {}, " (1 day ago)", " (2 days ago)"),
    ("status_days_before", {}, " (1 day before)", " (2 days before)"),
    ("summary_quiet", {}, "1 other responsible unit: nothing incomplete or stale.",
     "2 other responsible units: nothing incomplete or stale."),
    ("summary_all_quiet", {}, "1 responsible unit: nothing incomplete or stale.",
     "2 responsible units: nothing incomplete or stale."),
    ("summary_s6", {}, "6. Ongoing measures not reported on for over 1 day",
     "6. Ongoing measures not reported on for over 2 days"),
    ("effect_overdue", {"due": "2019-01-01"}, "1 day overdue (due 2019-01-01)", "2 days overdue (due 2019-01-01)"),
    ("notice_closed_late", {"deadline": "2019-01-01"}, "closed late: 1 day after its deadline 2019-01-01",
     "closed late: 2 days after its deadline 2019-01-01"),
    ("notice_late_extension", {"deadline": "2019-01-01"},
     "late extension: requested 1 day after the deadline 2019-01-01 (written with late: true)",
     "late extension: requested 2 days after the deadline 2019-01-01 (written with late: true)"),
    ("verify_checked", {"journal": "p.yaml", "state": "ok", "head": "ab"}, "p.yaml: 1 entry checked, ok; head ab",
     "p.yaml: 2 entries checked, ok; head ab"),
    ("verify_problems_state", {}, "1 problem", "2 problems"),
    ("check_total_single", {"n": 1, "what": "overdue"}, "1 of 1 measure failing (overdue)", "1 of 2 measures failing (overdue)"),
    ("check_total_multi", {"n": 1, "what": "overdue 1"}, "1 of 1 measure failing (overdue 1)",
     "1 of 2 measures failing (overdue 1)"),
    ("check_all_clear", {"date": "2019-03-31", "what": "overdue"}, "All clear as of 2019-03-31: 0 of 1 measure overdue",
     "All clear as of 2019-03-31: 0 of 2 measures overdue"),
    ("check_more_failures", {}, "1 more failing measure", "2 more failing measures"),
    ("check_more_warnings", {}, "1 more warning", "2 more warnings"),
    ("status_not_updated_warning", {"period": 1}, "Warning: the ledger has not been updated for 1 day (about 1 month), "
     "longer than the 1-day reporting period.", "Warning: the ledger has not been updated for 2 days (about 2 months), "
     "longer than the 1-day reporting period."),
])
def test_an_english_count_of_one_takes_the_singular(key, values, one, two):
    # every count placeholder the label has: n, days, entries, problems, total, errors, warnings, months
    counts = ("n", "days", "entries", "problems", "total", "errors", "warnings", "months")
    assert label(key, Lang.en, **{**dict.fromkeys(counts, 1), **values}) == one
    assert label(key, Lang.en, **{**dict.fromkeys(counts, 2), **values}) == two


def test_chinese_counts_are_unchanged():
    assert label("check_overdue_days", Lang.zh, n=1) == "逾期1天"
    assert label("verify_checked", Lang.zh, journal="p.yaml", entries=1, state="无误", head="ab") == \
        "p.yaml：核验 1 条记录，无误；台账哈希 ab"


def test_show_says_one_day_overdue():
    result = CliRunner().invoke(app, ["show", "1.1", "-r", str(SMALL), "--as-of", "2019-01-01", "--lang", "en"],
                                env=ENV)
    assert result.exit_code == 0, result.output
    assert "As of 2019-01-01  red  1 day overdue  Due 2018-12-31" in result.stdout


def test_the_stale_heading_of_a_one_day_period_says_one_day():
    text = render(_summary(report_period_days=1), lang=Lang.en)
    assert "\n6. Ongoing measures not reported on for over 1 day\nNo ongoing measure is stale.\n" in text
