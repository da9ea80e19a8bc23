"""`rectify summary`'s sentences, as a reader sees them: a count of one takes the singular (in
English; in Chinese, no 们 or 均 for one), and a clause about zero items is left out rather than
read as "0 tasks not yet due". (Its content is tested in test_summary.py.)
"""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from builders import entry, make_measure, make_plan, make_registry, make_task
from rectify_cli import engine, summary
from rectify_cli.cli import app
from rectify_cli.i18n import Lang
from rectify_cli.render.summary_text import change_sentence, headline_sentence, render
from rectify_cli.summary import Headline

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests/fixtures/small/tasks.yaml"


def on_a_copy(tmp_path, source: Path = ROOT / "data"):
    """A function running a command on a copy of a ledger's folder as of a day: its stdout lines."""
    shutil.copytree(source, tmp_path / "ledger")
    registry = str(tmp_path / "ledger" / "tasks.yaml")

    def run_on(today: str, *args: str) -> list[str]:
        result = CliRunner().invoke(app, [*args, "-r", registry], env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": today})
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    return run_on


def section(lines: list[str], heading: str) -> list[str]:
    """A section's lines after its heading, to the blank line after it (or the end)."""
    start = lines.index(heading) + 1
    return lines[start:lines.index("", start) if "" in lines[start:] else len(lines)]


# --------------------------------------------------------------------------- problem: one, in English


def test_one_measure_falling_due_on_the_day_judged_falls_due(tmp_path):
    """With 33.1 closed in June, only 39.3 falls due on 2019-06-30: "1 of the 89 falls due" (of
    them, after "80 of them completed", read as one of the 80)."""
    run_on = on_a_copy(tmp_path)
    run_on("2019-07-01", "close", "33.1", "--evidence", "运行报告", "--date", "2019-06-10")
    assert run_on("2019-07-01", "summary", "--month", "2019-06", "--lang", "en")[5] == (
        "As of 2019-06-30: 45 tasks and 179 measures in all. Due by that day: 29 tasks, 25 of them completed; 89 measures, "
        "80 of them completed (1 of the 89 falls due that very day, not yet late). Due later: 13 tasks, 22 measures. "
        "Immediate or long-term (立行立改 / 长期坚持, no end date): 3 tasks, 68 measures. Overdue and still open: "
        "8 measures. Ongoing and not reported on in time: 67 measures (9 of them long-term once the dated part was "
        "closed, counted above as due by that day or due later).")
    assert run_on("2019-07-01", "summary", "--month", "2019-06")[5] == (
        "截至2019年6月30日，全区45项整改任务、179项具体措施中，应于2019年6月30日前完成的29项整改任务已完成25项，"
        "89项具体措施已完成80项（另有1项当日到期，尚不算逾期）；期限在此之后的13项整改任务、22项具体措施尚未到期；"
        "需要立行立改、长期坚持的3项整改任务、68项具体措施不设完成日期。目前逾期未完成的具体措施8项，"
        "久未报告的长期坚持措施67项（其中9项为限期部分已销号、继续长期坚持的措施，计入上文应完成或尚未到期的措施）。")


def test_the_measures_falling_due_on_the_day_judged_are_said_to_be_of_those_due(tmp_path):
    """April 2018: 3 measures due, all three on 2018-04-30 itself. "3 measures, 0 of them completed
    (3 more fall due that very day" read as six; they are three of the three, as 另有 says in Chinese."""
    run_on = on_a_copy(tmp_path)
    assert run_on("2019-04-01", "summary", "--month", "2018-04", "--lang", "en")[5] == (
        "As of 2018-04-30: 45 tasks and 179 measures in all. Due by that day: 3 measures, none of them completed "
        "(3 of them fall due that very day, not yet late). Due later: 42 tasks, 108 measures. "
        "Immediate or long-term (立行立改 / 长期坚持, no end date): 3 tasks, 68 measures. Overdue and still open: "
        "11 measures (all of them immediate or done in steps, counted above as due later or with no end date). "
        "Ongoing and not reported on in time: 57 measures.")


def _headline(**figures) -> Headline:
    zeros = dict.fromkeys(("tasks_due", "tasks_due_done", "measures_due", "measures_due_done", "tasks_later",
                           "measures_later", "tasks_ongoing", "measures_ongoing", "measures_overdue",
                           "measures_overdue_outside_due", "measures_stale", "measures_due_today"), 0)
    return Headline(as_of=date(2019, 6, 30), **{"tasks_total": 1, "measures_total": 1, **zeros, **figures})


def test_a_single_measure_or_task_is_not_them():
    """"1 task, 0 of them completed", "1 measure (1 of them immediate …)": one is no "them"; none is none."""
    due_today = _headline(tasks_due=1, measures_due=1, measures_due_today=1)
    assert headline_sentence(due_today, owners=(), lang=Lang.en) == (
        "As of 2019-06-30: 1 task and 1 measure in all. Due by that day: 1 task, not completed; 1 measure, not completed "
        "(it falls due that very day, not yet late). Overdue and still open: none. "
        "Ongoing and not reported on in time: none.")
    done = _headline(tasks_due=1, tasks_due_done=1, measures_due=1, measures_due_done=1)
    assert "Due by that day: 1 task, completed; 1 measure, completed. " in headline_sentence(done, owners=(), lang=Lang.en)
    outside = _headline(tasks_ongoing=1, measures_ongoing=1, measures_overdue=1, measures_overdue_outside_due=1)
    assert headline_sentence(outside, owners=(), lang=Lang.en) == (
        "As of 2019-06-30: 1 task and 1 measure in all. Immediate or long-term (立行立改 / 长期坚持, no end date): "
        "1 task, 1 measure. Overdue and still open: 1 measure (immediate or done in steps, counted above as due "
        "later or with no end date). Ongoing and not reported on in time: none.")


def test_overdue_measures_all_immediate_or_in_steps_are_not_said_to_be_some_of_them():
    """"具体措施1项（其中1项为…）": one measure is no "of which"; when every overdue measure is
    one, the clause says all of them are."""
    def said(overdue, outside, lang):
        figures = _headline(measures_ongoing=overdue, measures_overdue=overdue, measures_overdue_outside_due=outside)
        return headline_sentence(figures, owners=(), lang=lang, scope="全区")

    assert "目前逾期未完成的具体措施1项（为立即启动或分阶段完成的措施，计入上文尚未到期或不设完成日期的措施），" in said(1, 1, Lang.zh)
    assert "目前逾期未完成的具体措施3项（均为立即启动或分阶段完成的措施，计入上文尚未到期或不设完成日期的措施），" in said(3, 3, Lang.zh)
    assert "目前逾期未完成的具体措施3项（其中2项为立即启动或分阶段完成的措施，" in said(3, 2, Lang.zh)
    assert "Overdue and still open: 3 measures (all of them immediate or done in steps, counted above as due later " \
           "or with no end date)." in said(3, 3, Lang.en)
    assert "Overdue and still open: 3 measures (2 of them immediate or done in steps" in said(3, 2, Lang.en)


# --------------------------------------------------------------------------- problem: the back-dating note


def test_the_note_under_a_head_says_which_entries_it_covers_and_why_in_a_sentence(tmp_path):
    """A close written on 2019-10-10, dated 2019-07-20: July's and August's heads are its hash,
    which covers entries dated after those months ("写在它们之后" of one entry; no full stop; why in
    brackets, not after a second colon: one sentence takes one 冒号)."""
    run_on = on_a_copy(tmp_path)
    run_on("2019-08-05", "report", "1.1", "--note", "8月研究")
    run_on("2019-09-05", "report", "1.3", "--note", "9月研究")
    run_on("2019-10-10", "close", "40.3", "--evidence", "验收意见", "--date", "2019-07-20")
    assert run_on("2019-10-10", "summary", "--month", "2019-07")[-1] == (
        "注：该哈希也涵盖日期在本月之后的2条记录（该哈希所属的记录系事后补录，写在这2条记录之后）。")
    assert run_on("2019-10-10", "summary", "--month", "2019-08")[-1] == (
        "注：该哈希也涵盖日期在本月之后的1条记录（该哈希所属的记录系事后补录，写在这1条记录之后）。")
    assert run_on("2019-10-10", "summary", "--month", "2019-07", "--lang", "en")[-1] == (
        "Note: this hash, of an entry back-dated to this month or earlier, also covers 2 entries dated after "
        "this month and written before that entry.")
    assert run_on("2019-10-10", "summary", "--month", "2019-08", "--lang", "en")[-1] == (
        "Note: this hash, of an entry back-dated to this month or earlier, also covers 1 entry dated after "
        "this month and written before that entry.")


# --------------------------------------------------------------------------- problem: zero, and one unit


def test_a_unit_with_no_task_due_later_or_without_an_end_date_is_told_nothing_of_them(tmp_path):
    """曲水县 owns one measure, 40.3, due 2018-09-30: "期限在此之后的0项整改任务、0项具体措施尚未到期"."""
    run_on = on_a_copy(tmp_path)
    assert run_on("2019-07-01", "summary", "--owner", "曲水县", "--month", "2019-06")[6] == (
        "截至2019年6月30日，曲水县负责的1项整改任务、1项具体措施中，应于2019年6月30日前完成的1项整改任务未完成，"
        "1项具体措施未完成。目前逾期未完成的具体措施1项，无久未报告的长期坚持措施。")
    assert run_on("2019-07-01", "summary", "--owner", "曲水县", "--month", "2019-06", "--lang", "en")[6] == (
        "As of 2019-06-30: 1 task and 1 measure owned by 曲水县. Due by that day: 1 task, not completed; 1 measure, "
        "not completed. Overdue and still open: 1 measure. Ongoing and not reported on in time: none.")


def test_of_two_counts_only_the_zero_one_is_left_out(tmp_path):
    """自治区生态环境厅 (small ledger, March 2019): no task without an end date but one measure, 3.2.
    (Not 那曲市 any more: it owns task 4 whole, 立行立改，长期坚持, counted as the whole report counts it.)"""
    run_on = on_a_copy(tmp_path, SMALL.parent)
    assert run_on("2019-04-15", "summary", "--owner", "自治区生态环境厅", "--month", "2019-03")[6] == (
        "截至2019年3月31日，自治区生态环境厅负责的3项整改任务、4项具体措施中，应于2019年3月31日前完成的1项整改任务已完成，"
        "1项具体措施已完成；期限在此之后的2项整改任务、2项具体措施尚未到期；"
        "需要立行立改、长期坚持的1项具体措施不设完成日期。目前无逾期未完成的具体措施，久未报告的长期坚持措施1项。")
    assert run_on("2019-04-15", "summary", "--owner", "自治区生态环境厅", "--month", "2019-03", "--lang", "en")[6] == (
        "As of 2019-03-31: 3 tasks and 4 measures owned by 自治区生态环境厅. Due by that day: 1 task, completed; "
        "1 measure, completed. Due later: 2 tasks, 2 measures. "
        "Immediate or long-term (立行立改 / 长期坚持, no end date): 1 measure. Overdue and still open: none. "
        "Ongoing and not reported on in time: 1 measure.")


def test_several_units_or_regions_are_joined_with_or_in_english():
    """--owner 拉萨市 --owner 曲水县 reports the measures of either (63 = 62 + 1): "owned by 拉萨市,
    曲水县" read as the measures the two own together."""
    h = _headline(tasks_later=1, measures_later=1)
    assert headline_sentence(h, owners=("拉萨市", "曲水县"), lang=Lang.en, regions=("那曲市", "阿里地区", "山南市")) == (
        "As of 2019-06-30: 1 task and 1 measure concerning 那曲市, 阿里地区 or 山南市 and owned by 拉萨市 or 曲水县. "
        "Due later: 1 task, 1 measure. Overdue and still open: none. Ongoing and not reported on in time: none.")
    nothing = _headline(tasks_total=0, measures_total=0)
    assert headline_sentence(nothing, owners=("自治区商务厅", "自治区生态环境厅"), lang=Lang.en, regions=("班戈县",)) == (
        "No measure concerning 班戈县 is owned by 自治区商务厅 or 自治区生态环境厅.")
    assert headline_sentence(nothing, owners=("自治区商务厅", "自治区生态环境厅"), lang=Lang.en) == (
        "No measure is owned by 自治区商务厅 or 自治区生态环境厅.")


def test_a_task_with_no_measure_says_so_rather_than_that_the_ledger_holds_none():
    """`summary --task 5` of a task with no measure: 台账中没有具体措施 was said of the whole ledger."""
    nothing = _headline(tasks_total=1, measures_total=0)
    assert headline_sentence(nothing, owners=(), lang=Lang.zh, tasks=("5",)) == "任务5没有具体措施。"
    assert headline_sentence(nothing, owners=(), lang=Lang.en, tasks=("5",)) == "Task 5 has no measure."
    assert headline_sentence(nothing, owners=(), lang=Lang.en, tasks=("5", "6")) == "Tasks 5 and 6 have no measure."
    assert headline_sentence(nothing, owners=("拉萨市",), lang=Lang.en, tasks=("5", "6")) == (
        "No measure of tasks 5 and 6 is owned by 拉萨市.")


def test_of_two_due_counts_only_the_zero_one_is_left_out():
    measures_only = _headline(tasks_later=1, measures_due=2, measures_due_done=1, measures_overdue=1)
    assert headline_sentence(measures_only, owners=(), lang=Lang.zh, scope="全区") == (
        "截至2019年6月30日，全区1项整改任务、1项具体措施中，应于2019年6月30日前完成的2项具体措施已完成1项；"
        "期限在此之后的1项整改任务尚未到期。目前逾期未完成的具体措施1项，无久未报告的长期坚持措施。")
    assert headline_sentence(measures_only, owners=(), lang=Lang.en) == (
        "As of 2019-06-30: 1 task and 1 measure in all. Due by that day: 2 measures, 1 of them completed. "
        "Due later: 1 task. Overdue and still open: 1 measure. Ongoing and not reported on in time: none.")


def test_one_quiet_unit_is_named_and_several_are_all_quiet(tmp_path):
    """"1个责任单位均无未完成或久未报告的措施" of 曲水县 alone: one unit is named, 均 is for several."""
    run_on = on_a_copy(tmp_path)
    run_on("2019-07-01", "close", "40.3", "--evidence", "验收意见", "--date", "2019-06-10")
    run_on("2019-07-01", "close", "40.4", "--evidence", "验收意见", "--date", "2019-06-12")
    one = run_on("2019-07-01", "summary", "--owner", "曲水县", "--month", "2019-06")
    assert section(one, "八、督办清单（按责任单位，逾期多的在前）") == ["曲水县无未完成或久未报告的措施。"]
    one = run_on("2019-07-01", "summary", "--owner", "曲水县", "--month", "2019-06", "--lang", "en")
    assert section(one, "8. Urging list by responsible unit (most overdue first)") == [
        "曲水县: nothing incomplete or stale."]
    two = run_on("2019-07-01", "summary", "--owner", "曲水县", "--owner", "堆龙德庆区", "--month", "2019-06")
    assert section(two, "八、督办清单（按责任单位，逾期多的在前）") == ["2个责任单位均无未完成或久未报告的措施。"]
    two = run_on("2019-07-01", "summary", "--owner", "曲水县", "--owner", "堆龙德庆区", "--month", "2019-06",
                 "--lang", "en")
    assert section(two, "8. Urging list by responsible unit (most overdue first)") == [
        "2 responsible units: nothing incomplete or stale."]


def test_a_ledger_without_measures_says_so_rather_than_a_sentence_of_nothing():
    empty = _headline(tasks_total=0, measures_total=0)
    assert headline_sentence(empty, owners=(), lang=Lang.zh, scope="全区") == "截至2019年6月30日，台账中没有具体措施。"
    assert headline_sentence(empty, owners=(), lang=Lang.en) == "As of 2019-06-30: the ledger holds no measure."


def test_the_stale_count_says_which_of_them_have_a_date_and_are_not_among_those_with_no_end_date(tmp_path):
    """The small ledger with 2.1 (2019年4月15日，长期坚持) closed on 2019-04-10: as of 2019-09-30 it
    is stale, with 2.2 and 3.2. "3 measures with no end date" (2.2, 3.2 and the immediate 4.1)
    then "3 ongoing measures stale" read as the same three; one of the stale is counted above among
    the measures with a date, as the overdue outside the due group are."""
    run_on = on_a_copy(tmp_path, ROOT / "tests/fixtures/small")
    run_on("2019-04-10", "close", "2.1", "--evidence", "验收")
    zh = run_on("2019-10-01", "summary")[5]
    assert "需要立行立改、长期坚持的1项整改任务、3项具体措施不设完成日期。" in zh
    assert zh.endswith("目前逾期未完成的具体措施1项，久未报告的长期坚持措施3项"
                       "（其中1项为限期部分已销号、继续长期坚持的措施，计入上文应完成或尚未到期的措施）。")
    en = run_on("2019-10-01", "summary", "--lang", "en")[5]
    assert "Immediate or long-term (立行立改 / 长期坚持, no end date): 1 task, 3 measures. " in en
    assert en.endswith("Overdue and still open: 1 measure. Ongoing and not reported on in time: 3 measures "
                       "(1 of them long-term once the dated part was closed, counted above as due by that day "
                       "or due later).")
    # (without such a measure, nothing more is said)
    assert run_on("2019-04-10", "summary", "--month", "2019-03")[5].endswith("久未报告的长期坚持措施1项。")


def test_one_stale_measure_with_a_date_is_not_them():
    zh = headline_sentence(_headline(measures_stale=1, measures_stale_dated=1, measures_due=1, measures_due_done=1),
                           owners=(), lang=Lang.zh, scope="全区")
    assert zh.endswith("久未报告的长期坚持措施1项（为限期部分已销号、继续长期坚持的措施，计入上文应完成或尚未到期的措施）。")
    en = headline_sentence(_headline(measures_stale=1, measures_stale_dated=1, measures_due=1, measures_due_done=1),
                           owners=(), lang=Lang.en)
    assert en.endswith("Ongoing and not reported on in time: 1 measure (long-term once the dated part was closed, "
                       "counted above as due by that day or due later).")


# --------------------------------------------------------------------------- problem: a count of none


def test_a_count_of_none_is_said_as_none_not_as_zero(tmp_path):
    """The bundled ledger's June 2018 and March 2019 headlines, pasted into a 月报: "7项整改任务已完成0项",
    "久未报告的长期坚持措施0项" and "Ongoing and not reported on in time: 0 measures" are no official
    sentences; a report says 均未完成 and 无…措施 (in English, none). Counts above zero are as before."""
    run_on = on_a_copy(tmp_path)
    june_zh = run_on("2021-01-15", "summary", "--month", "2018-06")[5]
    assert "应于2018年6月30日前完成的7项整改任务均未完成，45项具体措施均未完成（其中41项当日到期，尚不算逾期）；" in june_zh
    assert "0项" not in june_zh
    march_zh = run_on("2021-01-15", "summary", "--month", "2019-03")[5]
    assert march_zh.endswith("目前逾期未完成的具体措施8项，无久未报告的长期坚持措施。")
    june_en = run_on("2021-01-15", "summary", "--month", "2018-06", "--lang", "en")[5]
    assert "Due by that day: 7 tasks, none of them completed; 45 measures, none of them completed (41 of them" in june_en
    march_en = run_on("2021-01-15", "summary", "--month", "2019-03", "--lang", "en")[5]
    assert march_en.endswith("Overdue and still open: 8 measures. Ongoing and not reported on in time: none.")


def test_a_count_all_done_is_said_all_done(tmp_path):
    """那曲市's office (各地市's measures there) in April 2019, 35.3 closed on 04-10: every task
    and measure due is done. "13项整改任务已完成13项" and "13 tasks, 13 of them completed" are
    no report's words: a report says 均已完成 (of one, 已完成), all of them completed."""
    run_on = on_a_copy(tmp_path)
    run_on("2019-05-05", "close", "35.3", "--evidence", "验收报告", "--date", "2019-04-10")
    zh = section(run_on("2019-05-05", "summary", "--month", "2019-04", "--region", "那曲市", "--owner", "各地市"),
                 "一、总体情况")[0]
    assert "应于2019年4月30日前完成的13项整改任务均已完成，17项具体措施均已完成；" in zh
    en = section(run_on("2019-05-05", "summary", "--month", "2019-04", "--region", "那曲市", "--owner", "各地市",
                        "--lang", "en"), "1. Overview")[0]
    assert "Due by that day: 13 tasks, all of them completed; 17 measures, all of them completed. " in en
    one = _headline(tasks_due=1, tasks_due_done=1, measures_due=2, measures_due_done=2)
    assert "应于2019年6月30日前完成的1项整改任务已完成，2项具体措施均已完成。" in headline_sentence(
        one, owners=(), lang=Lang.zh, scope="全区")


def test_nothing_overdue_and_nothing_stale_is_one_clause_of_none():
    """A unit's report with nothing overdue and nothing stale; one task or measure due and not done takes no 均."""
    figures = _headline(tasks_due=1, measures_due=1, measures_due_today=1)
    assert headline_sentence(figures, owners=(), lang=Lang.zh, scope="全区") == (
        "截至2019年6月30日，全区1项整改任务、1项具体措施中，应于2019年6月30日前完成的1项整改任务未完成，"
        "1项具体措施未完成（当日到期，尚不算逾期）。目前无逾期未完成的具体措施，也无久未报告的长期坚持措施。")
    assert headline_sentence(figures, owners=(), lang=Lang.en).endswith(
        "Overdue and still open: none. Ongoing and not reported on in time: none.")
    stale_only = _headline(measures_ongoing=1, measures_stale=1)
    assert headline_sentence(stale_only, owners=(), lang=Lang.zh, scope="全区").endswith(
        "目前无逾期未完成的具体措施，久未报告的长期坚持措施1项。")
    all_due_today = _headline(measures_due=3, measures_due_today=3)
    assert "应于2019年6月30日前完成的3项具体措施均未完成（均于当日到期，尚不算逾期）。" in headline_sentence(
        all_due_today, owners=(), lang=Lang.zh, scope="全区")


# --------------------------------------------------------------------------- the change since the previous month's end


def _november_2018(**narrowed) -> dict[Lang, list[str]]:
    """A ledger whose history is known, summarised for November 2018 (its overview's lines, of
    each language). Owner A: 1.1 (due 09-30) and 1.2 (due 10-15), overdue on 10-31, closed on
    11-10 and 11-20; 1.3 (due 11-15) never closed, overdue from 11-16; 1.4 (due 12-31) closed
    early on 11-05. Owner B: 2.1 (due 08-31) closed 09-01, reopened 11-25; 2.2 (due 10-20)
    never closed; 2.3 (due 12-31) closed on 12-03, after the month."""
    plan = make_plan([
        make_task("1", [make_measure(f"1.{n}", [due], owners=["A"]) for n, due in
                        enumerate(["2018-09-30", "2018-10-15", "2018-11-15", "2018-12-31"], start=1)]),
        make_task("2", [make_measure(f"2.{n}", [due], owners=["B"]) for n, due in
                        enumerate(["2018-08-31", "2018-10-20", "2018-12-31"], start=1)]),
    ])
    registry = make_registry(plan, [
        entry("2.1", "2018-09-01", "done"), entry("1.4", "2018-11-05", "done"), entry("1.1", "2018-11-10", "done"),
        entry("1.2", "2018-11-20", "done"), entry("2.1", "2018-11-25", "reopened", note="回头看"),
        entry("2.3", "2018-12-03", "done"),
    ])
    first, last = date(2018, 11, 1), date(2018, 11, 30)
    report = engine.evaluate(plan=plan, journal=registry.journal, as_of=last)
    monthly = summary.build(report, registry=registry, first=first, last=last, **narrowed)
    overview = {}
    for lang in Lang:
        lines = render(monthly, lang=lang).splitlines()
        overview[lang] = section(lines, "一、总体情况" if lang == Lang.zh else "1. Overview")
    return overview


def test_the_overview_compares_with_the_end_of_the_previous_month():
    """Net closes (1.1, 1.2, 1.4 closed, 2.1 reopened: 3 - 1) and the overdue count (1.1, 1.2,
    2.2 on 10-31; 1.3, 2.1, 2.2 on 11-30: as many, two of them new), said after the standing;
    2.3's close of December is not counted in November, nor 1.1's of November on 10-31."""
    overview = _november_2018()
    assert overview[Lang.zh][1] == (
        "与上月末（2018年10月31日）相比，全部具体措施中已完成的由1项增至3项，逾期未完成的具体措施仍为3项（本月新增逾期2项）。")
    assert overview[Lang.en][1] == (
        "Since the end of the previous month (2018-10-31): completed measures, due or not, up from 1 to 3; overdue measures "
        "unchanged at 3 (2 newly overdue this month).")


def test_a_units_summary_compares_its_own_measures():
    """A's: 0 closed and 2 overdue on 10-31, 3 closed and 1 overdue (1.3, new) on 11-30. B's: 2.1
    closed on 10-31 and reopened since, so one fewer closed and one more overdue."""
    a = _november_2018(owners=("A",))
    assert a[Lang.zh][1] == (
        "与上月末（2018年10月31日）相比，全部具体措施中已完成的由0项增至3项，逾期未完成的具体措施由2项减至1项（本月新增逾期1项）。")
    assert a[Lang.en][1] == (
        "Since the end of the previous month (2018-10-31): completed measures, due or not, up from 0 to 3; overdue measures "
        "down from 2 to 1 (1 newly overdue this month).")
    b = _november_2018(owners=("B",))
    assert b[Lang.zh][1] == (
        "与上月末（2018年10月31日）相比，全部具体措施中已完成的由1项减至0项，逾期未完成的具体措施由1项增至2项（本月新增逾期1项）。")
    assert b[Lang.en][1] == (
        "Since the end of the previous month (2018-10-31): completed measures, due or not, down from 1 to 0; overdue measures "
        "up from 1 to 2 (1 newly overdue this month).")


def test_no_change_since_the_previous_month_is_said_in_one_clause(tmp_path):
    """The small ledger in March 2019: 1.2 and 4.1 closed, 1.1 overdue, on 2019-02-28 as on 03-31
    (4.2's extension of 03-10 closes nothing)."""
    run_on = on_a_copy(tmp_path, SMALL.parent)
    assert run_on("2019-04-15", "summary", "--month", "2019-03")[6] == (
        "与上月末（2019年2月28日）相比，已完成和逾期未完成的具体措施均持平。")
    assert run_on("2019-04-15", "summary", "--month", "2019-03", "--lang", "en")[6] == (
        "Since the end of the previous month (2019-02-28): no change in completed or overdue measures.")


def test_the_month_of_the_feedback_is_compared_with_nothing(tmp_path):
    """January 2018, the month the small ledger's inspection fed back (2018-01-03): on 2017-12-31
    there was no plan yet to compare with, and nothing is said of it (nor of no entries yet, within
    a reporting period). February is compared with January's end (nothing closed yet, 4.1 立即启动
    overdue on both days)."""
    run_on = on_a_copy(tmp_path, SMALL.parent)
    for lang, heading in (("zh", "一、总体情况"), ("en", "1. Overview")):
        january = section(run_on("2019-04-15", "summary", "--month", "2018-01", "--lang", lang), heading)
        assert len(january) == 1, january  # (the headline alone)
    assert section(run_on("2019-04-15", "summary", "--month", "2018-02"), "一、总体情况")[1] == (
        "与上月末（2018年1月31日）相比，已完成和逾期未完成的具体措施均持平。")
    assert section(run_on("2019-04-15", "summary", "--month", "2018-02", "--lang", "en"), "1. Overview")[1] == (
        "Since the end of the previous month (2018-01-31): no change in completed or overdue measures.")


def test_the_month_the_feedback_opens_is_compared_with_nothing(tmp_path):
    """Fed back on 2018-01-01, the month's first day: the day before, 2017-12-31, had no plan either, and
    January 2018 says nothing of it, as above (compared, it said 4.1, 立即启动, newly overdue since 2017-12-31)."""
    run_on = on_a_copy(tmp_path, SMALL.parent)
    plan = tmp_path / "ledger" / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("feedback_date: 2018-01-03", "feedback_date: 2018-01-01"),
                    encoding="utf-8")
    for lang, heading in (("zh", "一、总体情况"), ("en", "1. Overview")):
        january = section(run_on("2019-04-15", "summary", "--month", "2018-01", "--lang", lang), heading)
        assert len(january) == 1, january  # (the headline alone)


def test_a_count_with_none_before_and_none_now_is_said_still_none():
    """A month that closed its first measure and has none overdue, on either day."""
    change = summary.MonthChange(as_of=date(2019, 2, 28), closed_before=0, closed=1, overdue_before=0, overdue=0,
                                 newly_overdue=0)
    assert change_sentence(change, lang=Lang.zh) == (
        "与上月末（2019年2月28日）相比，全部具体措施中已完成的由0项增至1项，仍无逾期未完成的具体措施。")
    assert change_sentence(change, lang=Lang.en) == (
        "Since the end of the previous month (2019-02-28): completed measures, due or not, up from 0 to 1; still no overdue measures.")
