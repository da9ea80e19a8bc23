"""`rectify reconcile`: the report's headline claims recomputed from its appendix."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner
from wcwidth import wcswidth

from builders import date_ms, entry, immediate, make_measure, make_plan, make_registry, make_task, ongoing
from rectify_cli import engine, summary
from rectify_cli.cli import app
from rectify_cli.i18n import Lang
from rectify_cli.model import Claim, Reported
from rectify_cli.reconcile import RULES, ReconcileResult, reconcile
from rectify_cli.registry import load_registry
from rectify_cli.render import reconcile_text

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests/fixtures/small/tasks.yaml"
BUNDLED = ROOT / "data/tasks.yaml"
ENV = {"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-04-15"}

# The twelve claims of the report's first paragraph: every one must have a rule.
REPORT_KEYS = (
    "tasks_total", "measures_total",
    "tasks_due_2018", "tasks_due_2018_done", "tasks_due_2018_finishing",
    "measures_due_2018", "measures_due_2018_done", "measures_due_2018_in_progress",
    "tasks_due_2019_2020", "measures_due_2019_2020",
    "tasks_ongoing", "measures_ongoing",
)


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV)


def claims(**values: int) -> tuple[Claim, ...]:
    return tuple(Claim(key, f"声明{key}", value) for key, value in values.items())


# --------------------------------------------------------------------------- small fixture, end to end


SMALL_ZH = (  # (piped: 80 cells; the counting rule under its row, the table would take 81)
    "报告数字核对（按附件计算，截至2019-03-31）\n"
    "\n"
    "代码            报告原文           报告数    附件计算  核对\n"
    "--------------  ---------------  --------  ----------  ------\n"
    "tasks_total     全区4项整改任务         4           4  一致\n"
    "  计数规则：附件所列整改任务数\n"
    "measures_total  9项具体措施             9           8  不一致\n"
    "  计数规则：附件所列具体措施数\n"
    "\n"
    "附件不支持的数字（1项）：\n"
    "- measures_total“9项具体措施”：报告称9，按附件计算为8。\n"
)

SMALL_EN = (
    "The report's figures recomputed from its appendix (as of 2019-03-31)\n"
    "\n"
    "Key             Report's words      Claimed    Computed  Result\n"
    "--------------  ----------------  ---------  ----------  --------\n"
    "tasks_total     全区4项整改任务           4           4  match\n"
    "  Counting rule: tasks listed in the appendix\n"
    "measures_total  9项具体措施               9           8  MISMATCH\n"
    "  Counting rule: measures listed in the appendix\n"
    "\n"
    "Figures the appendix does not support (1):\n"
    "- measures_total (“9项具体措施”): the report claims 9, the appendix gives 8.\n"
)


def test_small_fixture_in_chinese_shows_the_wrong_measure_count():
    result = run("reconcile", "-r", str(SMALL))
    assert result.exit_code == 1  # (a figure the appendix does not support: the check found something)
    assert result.stdout == SMALL_ZH


def test_small_fixture_in_english():
    result = run("reconcile", "-r", str(SMALL), "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout == SMALL_EN


def test_table_lines_line_up_with_chinese_text_and_end_without_spaces():
    # (padded to the widest, as the summary's tables were: Word keeps the spaces and wraps on them)
    table = SMALL_ZH.splitlines()[2:8]
    assert max(wcswidth(line) for line in table) == wcswidth(table[1]) == 61
    assert not any(line.endswith(" ") for line in SMALL_ZH.splitlines() + SMALL_EN.splitlines())


def test_small_fixture_checks():
    reg = load_registry(SMALL, use_cache=False)
    result = reconcile(plan=reg.plan, journal=reg.journal)
    assert [(c.key, c.claimed, c.computed, c.matches) for c in result.checks] == [
        ("tasks_total", 4, 4, True),
        ("measures_total", 9, 8, False),
    ]
    assert [c.key for c in result.mismatches] == ["measures_total"]


@pytest.mark.parametrize("lang, said", [("zh", "文件或文件夹不存在"), ("en", "no such file or folder")])
def test_missing_registry_is_exit_2_naming_it(tmp_path, lang, said):
    result = run("reconcile", "-r", str(tmp_path / "nothing.yaml"), "--lang", lang)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {tmp_path / 'nothing.yaml'}: {said}\n")


# --------------------------------------------------------------------------- the rules


def _ledger_plan(claim_values: dict[str, int]):
    """Four tasks covering each deadline group:

    1: due 2018-06-30 (ongoing too): 1.1 date 2018-06-30 done; 1.2 date 2018-12-31 + ongoing, open;
       1.3 ongoing only.
    2: due 2018-12-31: 2.1 immediate only, done; 2.2 date 2018-09-30 done.
    3: due 2020-12-31: 3.1 dates 2018-10-31 and 2019-06-30; 3.2 date 2019-12-31.
    4: 立行立改，长期坚持 (no date): 4.1 immediate + ongoing; 4.2 ongoing.
    """
    tasks = [
        make_task("1", [
            make_measure("1.1", ["2018-06-30"]),
            make_measure("1.2", ["2018-12-31", ongoing()]),
            make_measure("1.3", [ongoing()]),
        ], milestones=["2018-06-30", ongoing()], reported=Reported.BASICALLY_DONE),
        make_task("2", [
            make_measure("2.1", [immediate()]),
            make_measure("2.2", ["2018-09-30"]),
        ], milestones=["2018-12-31"], reported=Reported.FULLY_DONE),
        make_task("3", [
            make_measure("3.1", [date_ms("2018-10-31"), date_ms("2019-06-30")]),
            make_measure("3.2", ["2019-12-31"]),
        ], milestones=["2020-12-31"], reported=Reported.ON_SCHEDULE),
        make_task("4", [
            make_measure("4.1", [immediate(), ongoing()]),
            make_measure("4.2", [ongoing()]),
        ], milestones=[immediate(), ongoing()], reported=Reported.INTERIM_RESULTS),
    ]
    journal = [
        entry("1.1", "2018-06-20", "done"),
        entry("2.1", "2018-02-01", "done"),
        entry("2.2", "2018-09-01", "done"),
        entry("3.1", "2018-10-01", "done", milestone="2018-10-31"),
        entry("1.2", "2019-04-10", "done"),  # after the report date: does not count
    ]
    return make_plan(tasks, claims=claims(**claim_values)), journal


def test_each_rule_counts_by_its_written_reading():
    plan, journal = _ledger_plan({key: 0 for key in REPORT_KEYS})
    computed = {c.key: c.computed for c in reconcile(plan=plan, journal=journal).checks}
    assert computed == {
        "tasks_total": 4,
        "measures_total": 9,
        "tasks_due_2018": 2,  # tasks 1 and 2
        "tasks_due_2018_done": 1,  # task 2; task 1 still has 1.2 open on the report date
        "tasks_due_2018_finishing": 1,  # task 1
        "measures_due_2018": 3,  # 1.1, 1.2 (date + ongoing), 2.2; 3.1 ends in 2019
        "measures_due_2018_done": 2,  # 1.1, 2.2
        "measures_due_2018_in_progress": 1,  # 1.2 (closed only after the report date)
        "tasks_due_2019_2020": 1,  # task 3
        "measures_due_2019_2020": 2,  # 3.1, 3.2
        "tasks_ongoing": 1,  # task 4
        "measures_ongoing": 4,  # 1.3, 2.1 (immediate), 4.1, 4.2
    }


def test_the_tasks_and_measures_done_of_the_whole_appendix_are_checked_as_of_the_report_date():
    """全省4项整改任务已完成4项, with one done in the appendix, was "not checked, no counting rule",
    and reconcile said every claim checked matched."""
    plan, journal = _ledger_plan({"tasks_done": 4, "measures_done": 3})
    checks = {c.key: c for c in reconcile(plan=plan, journal=journal).checks}
    # task 2 alone (2.1 and 2.2 closed); task 1 has 1.2 open on the report date, 3 its second
    # step, 4 its 立行立改 4.1; measures 1.1, 2.1 and 2.2 (1.2 was closed after the report date)
    assert {key: (c.computed, c.matches) for key, c in checks.items()} == {"tasks_done": (1, False), "measures_done": (3, True)}
    assert checks["tasks_done"].rule_zh == "截至报告日期限均已销号、仅长期坚持的措施均有报告的任务（不论时限）"


@pytest.mark.parametrize("reported, done", [(False, 0), (True, 1)])
def test_a_task_is_done_by_the_summarys_rule_a_measure_only_long_term_never_reported_on_leaves_it_undone(reported, done):
    # (reconcile counted 1.2, 长期坚持 with nothing ever recorded, as done where the monthly summary
    # of the same day did not: 25项全面完成 beside 已完成24项 for the same ledger and day)
    tasks = [make_task("1", [make_measure("1.1", ["2018-06-30"]), make_measure("1.2", [ongoing()])],
                       milestones=["2018-06-30", ongoing()])]
    journal = [entry("1.1", "2018-06-20", "done")] + ([entry("1.2", "2019-01-10")] if reported else [])
    plan = make_plan(tasks, claims=claims(tasks_due_2018=1, tasks_due_2018_done=1, tasks_due_2018_finishing=0))
    computed = {c.key: c.computed for c in reconcile(plan=plan, journal=journal).checks}
    assert computed == {"tasks_due_2018": 1, "tasks_due_2018_done": done, "tasks_due_2018_finishing": 1 - done}
    report = engine.evaluate(plan=plan, journal=journal, as_of=plan.meta.report_date)
    month = summary.build(report, registry=make_registry(plan, journal), first=date(2019, 3, 1),
                          last=plan.meta.report_date)
    assert (month.headline.tasks_due, month.headline.tasks_due_done) == (1, done)


def test_every_report_claim_has_a_rule_described_in_both_languages():
    assert set(REPORT_KEYS) <= set(RULES)
    for key, spec in RULES.items():
        for rule in (spec.rule, *spec.alternatives):
            assert rule.zh.strip() and rule.en.strip(), key


def test_unknown_claim_key_is_a_no_rule_row_not_a_crash():
    plan = make_plan([make_task("1", [make_measure("1.1")])],
                     claims=(Claim("tasks_total", "1项整改任务", 1), Claim("trees_planted", "植树100万株", 1000000)))
    result = reconcile(plan=plan, journal=[])
    check = result.checks[1]
    assert (check.key, check.claimed, check.computed, check.matches) == ("trees_planted", 1000000, None, None)
    text = reconcile_text.render(result, lang=Lang.zh, width=200)
    assert "trees_planted  植树100万株   1000000           —  无规则  （没有此项的计数规则）\n" in text
    # (not 全部一致: one of them was not checked)
    assert text.endswith("核对的数字均一致。\n没有计数规则、未核对（1项）：trees_planted\n")
    text_en = reconcile_text.render(result, lang=Lang.en, width=200)
    assert "no rule" in text_en
    assert text_en.endswith("Every claim checked matches.\nNot checked, no counting rule (1): trees_planted\n")


@pytest.mark.parametrize("key", ["tasks_due_0000", "measures_due_0000_done", "tasks_due_2020_2019", "measures_due_0000_2020"])
def test_a_key_naming_no_year_or_years_backwards_is_a_no_rule_row_not_a_crash(key):
    # (tasks_due_0000, typed into a registry by hand, was an internal error: ValueError: year 0 is out
    # of range; tasks_due_2020_2019 counted the tasks due "in 2020 to 2019": none)
    plan = make_plan([make_task("1", [make_measure("1.1")])], claims=(Claim(key, "1项", 1),))
    (check,) = reconcile(plan=plan, journal=[]).checks
    assert (check.key, check.computed, check.matches) == (key, None, None)


def test_claims_none_of_which_has_a_rule_are_not_said_to_match():
    # (a report saying only 累计完成整改任务38个 was told 全部一致 though nothing had been compared;
    # 基本完成整改任务38个 is checked now, by the tasks' 整改进度: 正在推进 the ledger has no count for)
    plan = make_plan([make_task("1", [make_measure("1.1")])], claims=(Claim("tasks_in_progress", "正在推进整改任务38个", 38),))
    text = reconcile_text.render(reconcile(plan=plan, journal=[]), lang=Lang.zh, width=200)
    assert text.endswith("\n\n没有可按附件核对的数字。\n台账无此口径、未核对（1项）：tasks_in_progress\n")
    text_en = reconcile_text.render(reconcile(plan=plan, journal=[]), lang=Lang.en, width=200)
    assert text_en.endswith("\n\nNo claim could be checked against the appendix.\n"
                            "Not checked, the ledger has no such count (1): tasks_in_progress\n")


def test_a_closer_alternative_reading_is_named_under_the_table():
    # The report claims 1 measure in progress among those due by 2018; by the rule two are
    # (one in a task due in 2020); only counting the tasks due by 2018 gives 1.
    tasks = [
        make_task("1", [make_measure("1.1", ["2018-06-30"]), make_measure("1.2", ["2018-06-30"])],
                  milestones=["2018-06-30"]),
        make_task("2", [make_measure("2.1", ["2018-12-31"])], milestones=["2020-12-31"]),
    ]
    plan = make_plan(tasks, claims=(Claim("measures_due_2018_in_progress", "1项序时推动", 1),))
    result = reconcile(plan=plan, journal=[entry("1.1", "2018-06-01", "done")])
    (check,) = result.checks
    assert (check.computed, check.matches) == (2, False)
    assert check.alternative is not None and check.alternative.value == 1
    assert reconcile_text.render(result, lang=Lang.zh, width=200).endswith(
        "附件不支持的数字（1项）：\n"
        "- measures_due_2018_in_progress“1项序时推动”：报告称1，按附件计算为2。"
        "按另一种口径（其中属于2018年底前应完成任务、仍有期限未销号的措施）为1。\n"
    )


def test_tasks_done_or_basically_done_by_the_journal_or_their_progress_is_the_other_reading_named():
    """已完成或基本完成2项: by 整改进度 one task is (2, 基本完成; 1's is 序时推进), but 1 is closed in the journal: the
    other reading, closed or 基本完成, gives the 2 the report says, and is named under the table."""
    tasks = [make_task("1", [make_measure("1.1", ["2018-06-30"])], milestones=["2018-06-30"], reported=Reported.ON_SCHEDULE),
             make_task("2", [make_measure("2.1", ["2018-06-30"])], milestones=["2018-06-30"],
                       reported=Reported.BASICALLY_DONE)]
    plan = make_plan(tasks, claims=(Claim("tasks_done_or_basically_done", "已完成或基本完成2项", 2),))
    result = reconcile(plan=plan, journal=[entry("1.1", "2018-06-20", "done")])
    assert reconcile_text.render(result, lang=Lang.zh, width=200).endswith(
        "附件不支持的数字（1项）：\n"
        "- tasks_done_or_basically_done“已完成或基本完成2项”：报告称2，按附件计算为1。"
        "按另一种口径（截至报告日期限均已销号、仅长期坚持的措施均有报告，或整改进度为“基本完成”的任务）为2。\n")


def test_tasks_due_within_years_count_one_due_on_the_first_day_of_the_first():
    """应于2019年、2020年完成的: a task and a measure due 2019-01-01 are of 2019, as one due 2020-12-31 is of 2020."""
    tasks = [make_task("1", [make_measure("1.1", ["2019-01-01"])], milestones=["2019-01-01"]),
             make_task("2", [make_measure("2.1", ["2020-12-31"])], milestones=["2020-12-31"]),
             make_task("3", [make_measure("3.1", ["2018-12-31"])], milestones=["2018-12-31"])]
    plan = make_plan(tasks, claims=claims(tasks_due_2019_2020=2, measures_due_2019_2020=2))
    assert [(c.key, c.computed, c.matches) for c in reconcile(plan=plan, journal=[]).checks] == [
        ("tasks_due_2019_2020", 2, True), ("measures_due_2019_2020", 2, True)]


def test_claim_text_with_control_characters_is_escaped():
    plan = make_plan([make_task("1", [make_measure("1.1")])], claims=(Claim("tasks_total", "任务\x1b[31m", 1),))
    text = reconcile_text.render(reconcile(plan=plan, journal=[]), lang=Lang.zh, width=200)
    assert "\x1b" not in text
    assert "任务\\x1b[31m" in text


def test_no_claims_says_so():
    text = reconcile_text.render(reconcile(plan=make_plan([make_task("1")]), journal=[]), lang=Lang.en, width=200)
    assert text == (
        "The report's figures recomputed from its appendix (as of 2019-03-31)\n\n"
        "The registry records no claims (registry.claims is empty).\n"
    )


# --------------------------------------------------------------------------- the bundled ledger


needs_bundled = pytest.mark.skipif(not BUNDLED.is_file(), reason="data/tasks.yaml not generated yet")


@needs_bundled
def test_bundled_ledger_every_claim_appears_with_its_computed_value():
    reg = load_registry(BUNDLED, use_cache=False)
    result = reconcile(plan=reg.plan, journal=reg.journal)
    lines = run("reconcile", "-r", str(BUNDLED)).stdout.splitlines()
    assert len(result.checks) == len(reg.plan.meta.claims) == 12
    # (piped, 80 cells: the report's words and the rule under each row)
    rows = {line.split()[0]: at for at, line in enumerate(lines) if line and line.split()[0] in REPORT_KEYS}
    for claim, check in zip(reg.plan.meta.claims, result.checks):
        assert check.has_rule, claim.key
        at = rows[claim.key]
        assert lines[at].split()[1:] == [str(claim.value), str(check.computed), "一致" if check.matches else "不一致"]
        assert lines[at + 1] == f"  报告原文：{claim.text}"


@needs_bundled
def test_bundled_ledger_figures():
    """The appendix's own counts, checked by hand against the source text: 57 measures end in
    （长期坚持）, 10 in （立即启动）, 1 in （立行立改，长期坚持） = 68 without a date."""
    reg = load_registry(BUNDLED, use_cache=False)
    computed = {c.key: (c.claimed, c.computed) for c in reconcile(plan=reg.plan, journal=reg.journal).checks}
    assert computed == {
        "tasks_total": (45, 45),
        "measures_total": (179, 179),
        "tasks_due_2018": (28, 28),
        "tasks_due_2018_done": (25, 25),
        "tasks_due_2018_finishing": (3, 3),
        "measures_due_2018": (90, 87),
        "measures_due_2018_done": (86, 79),
        "measures_due_2018_in_progress": (4, 8),
        "tasks_due_2019_2020": (14, 14),
        "measures_due_2019_2020": (24, 24),
        "tasks_ongoing": (3, 3),
        "measures_ongoing": (65, 68),
    }


@needs_bundled
def test_bundled_ledger_what_is_done_of_what_is_due_in_2019_2020_is_counted_as_of_a_single_year():
    """tasks_due_2019_2020_done and the like were "no counting rule" where tasks_due_2018_done had one.
    Counted by hand from data/tasks.yaml and data/progress.yaml: each of the 14 tasks due in 2019-2020
    (13, 14, 15, 18, 19, 20, 21, 27, 30, 32, 33, 35, 39, 45) has a measure in_progress on the report
    date; of the 24 measures whose last date falls in 2019-2020 only 20.4 (2019-12-31) is done, 18.4
    closing its 2018-12-31 step only, its 2020-12-31 one still open."""
    reg = load_registry(BUNDLED, use_cache=False)
    keys = {"tasks_due_2019_2020_done": 0, "tasks_due_2019_2020_finishing": 14,
            "measures_due_2019_2020_done": 1, "measures_due_2019_2020_in_progress": 23}
    plan = replace(reg.plan, meta=replace(reg.plan.meta, claims=claims(**keys)))
    checks = {c.key: c for c in reconcile(plan=plan, journal=reg.journal).checks}
    assert {key: (c.computed, c.matches) for key, c in checks.items()} == {key: (value, True) for key, value in keys.items()}
    assert checks["tasks_due_2019_2020_done"].rule_zh == "其中截至报告日期限均已销号、仅长期坚持的措施均有报告的任务"
    measures = checks["measures_due_2019_2020_in_progress"]
    assert measures.rule_en == "of those, measures with a dated milestone still open as of the report date"
    # (the other readings name the years as a single year's name its year's end)
    alternatives = _alternatives_of("measures_due_2019_2020_in_progress")
    assert alternatives[0] == ("其中属于2019—2020年应完成任务、仍有期限未销号的措施",
                               "of those, measures of tasks due in 2019 or 2020 with a dated milestone still open")
    assert _alternatives_of("tasks_due_2019_2020_done")[0] == (
        "整改时限最晚日期在2019—2020年、整改进度为“全面完成”的任务",
        "tasks due in 2019 or 2020 whose reported progress (整改进度) is 全面完成")


def _alternatives_of(key: str) -> list[tuple[str, str]]:
    from rectify_cli.reconcile import rule_for

    spec = rule_for(key)
    assert spec is not None, key
    return [(alt.zh, alt.en) for alt in spec.alternatives]


def test_a_range_of_one_year_counts_what_falls_in_that_year_and_is_worded_as_it():
    # (2019_2019 was worded 在2019—2019年 / falls in 2019 to 2019. By hand: tasks 1 and 2 end in 2018,
    # task 3 on 2020-12-31; measures 3.1 (last 2019-06-30) and 3.2 (2019-12-31) end in 2019, 3.1 with its
    # first step closed only, 3.2 not at all)
    plan, journal = _ledger_plan({"tasks_due_2019_2019": 0, "tasks_due_2020_2020": 0, "tasks_due_2020_2020_finishing": 0,
                                  "measures_due_2019_2019": 0, "measures_due_2019_2019_in_progress": 0,
                                  "measures_due_2019_2019_done": 0})
    checks = {c.key: c for c in reconcile(plan=plan, journal=journal).checks}
    assert {key: c.computed for key, c in checks.items()} == {
        "tasks_due_2019_2019": 0,  # in 2019, not by its end as tasks_due_2019 (tasks 1 and 2)
        "tasks_due_2020_2020": 1,  # task 3
        "tasks_due_2020_2020_finishing": 1,  # task 3: 3.1's second step and 3.2 open
        "measures_due_2019_2019": 2,  # 3.1, 3.2
        "measures_due_2019_2019_in_progress": 2,
        "measures_due_2019_2019_done": 0,
    }
    assert (checks["tasks_due_2019_2019"].rule_zh, checks["tasks_due_2019_2019"].rule_en) == (
        "整改时限中最晚日期在2019年的任务", "tasks whose deadline's last date falls in 2019")
    assert _alternatives_of("measures_due_2019_2019_done")[0] == (
        "其中属于2019年应完成任务、各期限均已销号的措施",
        "of those, measures of tasks due in 2019 with every dated milestone closed out")


def _measures_total_rows(output: str) -> list[tuple[str, str, str, str]]:
    """(claimed, computed, verdict, the file whose title is above) of each measures_total row."""
    rows, file = [], None
    for line in output.splitlines():
        if "：报告数字核对" in line:
            file = line.split("：")[0]
        elif line.startswith("measures_total "):
            claimed, computed, verdict = line.split()[-3:]  # (piped, 80 cells: the words and rule under it)
            rows.append((file, claimed, computed, verdict))
    return rows


@pytest.mark.parametrize("b_claims", ["overstated", "none"])
def test_a_folder_checks_each_files_claims_against_its_own_appendix(tmp_path, b_claims, monkeypatch):
    """Summed up, a file that overstates hides beside one that understates, and a file making no
    claim makes the others' figures look wrong: each report is checked on its own."""
    monkeypatch.chdir(tmp_path)  # (each file named from here, as check names it: reg/a.yaml)
    ledger = Path(__file__).parent.parent / "data"
    folder = tmp_path / "reg"
    folder.mkdir()
    for name in ("a", "b"):
        text = (ledger / "tasks.yaml").read_text(encoding="utf-8")
        if name == "b":
            text = text.replace("      text: 179项具体措施\n      value: 179", "      text: 179项具体措施\n      value: 180") \
                if b_claims == "overstated" else text.replace(text[text.index("  claims:\n"):text.index("\nunits:")], "  claims: []")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        (folder / f"{name}.progress.yaml").write_bytes((ledger / "progress.yaml").read_bytes())
    result = run("reconcile", "--registry", str(folder))
    assert result.exit_code == 1, result.output  # (the bundled report's own four disagreements)
    if b_claims == "overstated":
        assert _measures_total_rows(result.stdout) == [("reg/a.yaml", "179", "179", "一致"), ("reg/b.yaml", "180", "179", "不一致、原文不符")]  # (its words say 179 too)
    else:
        assert _measures_total_rows(result.stdout) == [("reg/a.yaml", "179", "179", "一致")]
        assert "\nreg/b.yaml：报告数字核对（按附件计算，截至2019-03-31）\n\n台账未记录报告的数字（registry.claims 为空）。\n" in result.stdout



def test_claims_of_other_years_are_counted_by_the_years_their_keys_name():
    """Another province's report counts what was due by the end of 2019, and in 2020-2021 (the
    importer keys its claims so); the rules are the same, with those years."""
    plan, journal = _ledger_plan({"tasks_due_2019": 0, "tasks_due_2019_done": 0, "measures_due_2019": 0,
                                  "measures_due_2019_in_progress": 0, "tasks_due_2020_2021": 0,
                                  "measures_due_2019_2021": 0, "tasks_due_2019_soon": 0})
    checks = {c.key: c for c in reconcile(plan=plan, journal=journal).checks}
    assert {key: c.computed for key, c in checks.items()} == {
        "tasks_due_2019": 2,  # tasks 1 and 2 (task 3 ends in 2020)
        "tasks_due_2019_done": 1,  # task 2
        "measures_due_2019": 5,  # 1.1, 1.2, 2.2, 3.1 (2019-06-30), 3.2 (2019-12-31)
        "measures_due_2019_in_progress": 3,  # 1.2, 3.1's second step, 3.2
        "tasks_due_2020_2021": 1,  # task 3
        "measures_due_2019_2021": 2,  # 3.1, 3.2
        "tasks_due_2019_soon": None,  # no rule: said so, not guessed
    }
    assert checks["tasks_due_2019"].rule_zh == "整改时限中最晚日期不晚于2019-12-31的任务"
    assert checks["tasks_due_2020_2021"].rule_en == "tasks whose deadline's last date falls in 2020 or 2021"
    assert checks["measures_due_2019_2021"].rule_zh == "最晚日期在2019—2021年的措施"
    assert checks["measures_due_2019_2021"].rule_en == "measures whose last dated milestone falls in 2019 to 2021"


def test_reconcile_exits_0_only_when_every_claim_agrees_with_the_appendix(tmp_path):
    """It printed 附件不支持的数字（4项） and exited 0: a CI job could not gate on it."""
    text = SMALL.read_text(encoding="utf-8")
    wrong = "      value: 9   # deliberately wrong: the plan has 8 measures (reconcile must say so)\n"
    assert wrong in text
    fixed = tmp_path / "tasks.yaml"
    # (its words too: 9项具体措施 of a value of 8 contradicts itself)
    fixed.write_text(text.replace(wrong, "      value: 8\n").replace("text: 9项具体措施", "text: 8项具体措施"), encoding="utf-8")
    (tmp_path / "progress.yaml").write_bytes((SMALL.parent / "progress.yaml").read_bytes())
    result = run("reconcile", "-r", str(fixed))
    assert result.exit_code == 0, result.output
    assert "附件不支持" not in result.stdout
    assert run("reconcile", "-r", str(SMALL)).exit_code == 1


@needs_bundled
def test_reconcile_as_json_gives_each_claim_and_its_computed_figure():
    import json

    result = run("reconcile", "-r", str(BUNDLED), "--format", "json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["agree"] is False
    (report,) = document["reports"]
    assert (report["file"], report["report_date"]) == (None, "2019-03-31")
    claims = {c["key"]: c for c in report["claims"]}
    # (the figures checked by hand in test_bundled_ledger_figures)
    assert (claims["measures_due_2018"]["claimed"], claims["measures_due_2018"]["computed"]) == (90, 87)
    assert claims["measures_due_2018"]["matches"] is False
    assert claims["measures_due_2018_in_progress"]["alternative"]["value"] == 4
    assert claims["tasks_total"] == {"key": "tasks_total", "text": "全区45项整改任务", "claimed": 45, "computed": 45,
                                     "matches": True, "rule": {"zh": "附件所列整改任务数",
                                                               "en": "tasks listed in the appendix"},
                                     "alternative": None, "not_counted": None, "text_value": None, "suggestion": None,
                                     "quoted": True}
    assert [c["key"] for c in report["claims"] if c["matches"] is False] == [
        "measures_due_2018", "measures_due_2018_done", "measures_due_2018_in_progress", "measures_ongoing"]


# --------------------------------------------------------------------------- fitted to the terminal

# Numbers, dates and keys: what a line is never broken inside.
_WHOLE = re.compile(r"[A-Za-z0-9_-]*[0-9][A-Za-z0-9_-]*")


@needs_bundled
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [None, "120", "70", "60", "50", "40"])
def test_bundled_ledger_fits_the_terminal_and_keeps_every_number_and_key_whole(monkeypatch, lang, columns):
    """--lang en printed lines of 198 cells, Chinese of 150: a terminal wrapped them anywhere."""
    monkeypatch.setattr("rectify_cli.console.terminal_width", lambda stream=None: None if columns is None else int(columns))
    result = run("reconcile", "-r", str(BUNDLED), "--lang", lang)
    assert result.exit_code == 1
    width = 80 if columns is None else int(columns)
    lines = result.stdout.splitlines()
    assert max(wcswidth(line) for line in lines) <= width
    assert not any(line.endswith(" ") for line in lines)
    reg = load_registry(BUNDLED, use_cache=False)
    unfitted = reconcile_text.render(reconcile(plan=reg.plan, journal=reg.journal), lang=Lang(lang), width=1000)
    assert max(wcswidth(line) for line in unfitted.splitlines()) > 120  # (the table as it was, all on its rows)
    assert Counter(_WHOLE.findall(result.stdout)) == Counter(_WHOLE.findall(unfitted))
    assert all(re.search(f"\n{key}[ \n]", result.stdout) for key in REPORT_KEYS)  # (a row's key, or its own line)


@needs_bundled
@pytest.mark.parametrize("lang, block", [
    ("zh", ["measures_due_2018_in_progress",
            "  报告数 4，附件计算 8，不一致",
            "  报告原文：4项序时推动",
            "  计数规则：其中截至报告日仍有期限未销号的措施"]),
    ("en", ["measures_due_2018_in_progress",
            "  claimed 4, computed 8, MISMATCH",
            "  Report's words: 4项序时推动",
            "  Counting rule: of those, measures with a dated",
            "                 milestone still open as of the",
            "                 report date"]),
])
def test_below_the_narrowest_table_each_claim_says_its_numbers_on_lines_of_its_own(lang, block):
    """At 50 columns every row ran past the edge (the key, the numbers and the result alone are
    some 60 cells wide): the key goes on a line of its own, its numbers on the next, in words."""
    reg = load_registry(BUNDLED, use_cache=False)
    lines = reconcile_text.render(reconcile(plan=reg.plan, journal=reg.journal), lang=Lang(lang), width=50).splitlines()
    at = lines.index("measures_due_2018_in_progress")
    assert lines[at:at + len(block)] == block
    first = lines.index("") + 1  # (after the title and its blank line: no table heading)
    assert lines[first:first + 2] == ["tasks_total", {"zh": "  报告数 45，附件计算 45，一致",
                                                      "en": "  claimed 45, computed 45, match"}[lang]]
    assert max(wcswidth(line) for line in lines) <= 50


@needs_bundled
@pytest.mark.parametrize("lang, block", [
    ("zh", ["measures_due_2018_in_progress",
            "  报告数 4，附件计算 8，不一致",
            "  报告原文：",
            "    4项序时推动",
            "  计数规则：",
            "    其中截至报告日仍有期限未销",
            "    号的措施"]),
    ("en", ["measures_due_2018_in_progress",
            "  claimed 4, computed 8,",
            "  MISMATCH",
            "  Report's words:",
            "    4项序时推动",
            "  Counting rule:",
            "    of those, measures with a",
            "    dated milestone still open",
            "    as of the report date"]),
])
def test_on_a_terminal_too_narrow_for_a_label_and_its_text_the_text_goes_under_the_label(monkeypatch, lang, block):
    """At 30 columns in English (under 38; in Chinese under 32) the lines under each claim ran past
    the edge, `  Counting rule: tasks listed in the` (36 cells), the text kept 20 cells beside its
    label: it goes on the lines under the label, indented."""
    monkeypatch.setattr("rectify_cli.console.terminal_width", lambda stream=None: 30)
    result = run("reconcile", "-r", str(BUNDLED), "--lang", lang)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    at = lines.index("measures_due_2018_in_progress")
    assert lines[at:at + len(block)] == block
    assert max(wcswidth(line) for line in lines) <= 30


@needs_bundled
def test_bundled_ledger_in_english_at_120_columns():
    reg = load_registry(BUNDLED, use_cache=False)
    lines = reconcile_text.render(reconcile(plan=reg.plan, journal=reg.journal), lang=Lang.en, width=120).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("measures_due_2018 "))
    assert lines[at:at + 2] == [
        "measures_due_2018              90项具体措施基本整改到位                     90          87  MISMATCH",
        "  Counting rule: measures whose last dated milestone is on or before 2018-12-31 (incl. date + ongoing)",
    ]
    at = next(i for i, line in enumerate(lines) if line.startswith("- measures_due_2018_in_progress"))
    assert lines[at:at + 2] == [
        "- measures_due_2018_in_progress (“4项序时推动”): the report claims 4, the appendix gives 8. Another reading (of those,",
        "  measures of tasks due by 2018-12-31 with a dated milestone still open) gives 4.",
    ]


@needs_bundled
def test_the_readme_shows_the_bundled_ledger_as_a_terminal_160_cells_wide_shows_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\n报告数字核对") + len("```text\n")
    reg = load_registry(BUNDLED, use_cache=False)
    shown = reconcile_text.render(reconcile(plan=reg.plan, journal=reg.journal), lang=Lang.zh, width=160)
    assert readme[start:readme.index("```", start)] == shown


@pytest.mark.parametrize("spelling", [[], ["--format", "table"]])
def test_reconcile_takes_table_for_people_as_status_does(spelling):
    """--format table, as every other command spells text for people."""
    result = run("reconcile", "-r", str(SMALL), *spelling)
    assert result.exit_code == 1, result.output  # (the small plan claims 9 measures of 8)
    assert result.stdout.startswith("报告数字核对（按附件计算，截至2019-03-31）\n")


def test_reconcile_format_text_is_refused_naming_the_words_it_takes():
    """`text`, reconcile's word before it spelt it as the others do: one word for one thing."""
    result = run("reconcile", "-r", str(SMALL), "--format", "text")
    assert (result.exit_code, result.stdout) == (2, "")
    # (the usage line names the program as it was run: rectify, python -m rectify_cli)
    assert re.fullmatch(r"rectify: --format：“text”不是可选的值（可选：table、json）；用法见 .+ reconcile --help\n",
                        result.stderr), result.stderr


def test_reconcile_help_lists_the_format_words_status_lists():
    def format_help(command: str) -> str:
        text = CliRunner().invoke(app, [command, "--help"], env={**ENV, "COLUMNS": "200"}).stdout
        # (the option's lines, up to the next option: its default may wrap under its help)
        return "".join(re.search(r"^\s*(--format .*?)^\s*-", text, re.M | re.S).group(1).split())

    assert format_help("reconcile") == format_help("status")
    assert "<table|json>" in format_help("reconcile")



# --------------------------------------------------------------------------- other reports' counts of what is done


def test_what_remains_is_the_total_less_what_is_done_by_the_rule_done_is_counted_by():
    """剩余3项 of 45项整改任务，已完成42项，剩余3项 was 'not checked, no counting rule'."""
    plan, journal = _ledger_plan({"tasks_done": 1, "tasks_remaining": 3, "measures_done": 3, "measures_remaining": 5})
    checks = {c.key: c for c in reconcile(plan=plan, journal=journal).checks}
    # 4 tasks, task 2 alone done: 1, 3 and 4 remain; 9 measures, 1.1, 2.1 and 2.2 done: 6 remain
    # (1.2 closed after the report date, 1.3 and 4.2 ongoing only, 3.1 and 3.2 open, 4.1's 立即启动 open)
    assert {key: (c.computed, c.matches) for key, c in checks.items()} == {
        "tasks_done": (1, True), "tasks_remaining": (3, True), "measures_done": (3, True), "measures_remaining": (6, False)}
    assert checks["tasks_remaining"].rule_zh.startswith("附件所列整改任务数减去")
    assert checks["measures_remaining"].rule_en.startswith("measures listed in the appendix, less ")


def _measures_closed(total: int, closed: int, claimed: int):
    """One task of `total` measures due 2018-06-30, the first `closed` of them closed out in time,
    and the report's 整改完成率 `claimed`%."""
    measures = [make_measure(f"1.{i}", ["2018-06-30"]) for i in range(1, total + 1)]
    journal = [entry(f"1.{i}", "2018-06-20", "done") for i in range(1, closed + 1)]
    plan = make_plan([make_task("1", measures, milestones=["2018-06-30"])],
                     claims=(Claim("measures_done_percent", f"整改完成率{claimed}%", claimed),))
    (check,) = reconcile(plan=plan, journal=journal).checks
    return check


@pytest.mark.parametrize("total, closed, claimed, matches", [
    (45, 38, 84, True),  # 84.44%: a whole per cent, as the report writes it
    (45, 38, 85, False),
    (8, 1, 13, True),  # 12.5%: rounded half up, as 四舍五入 (not to the even 12)
    (8, 1, 12, False),
    (3, 2, 67, True),  # 66.67%
    (4, 1, 25, True),
])
def test_a_rate_of_completion_is_done_over_total_in_whole_per_cent_rounded_half_up(total, closed, claimed, matches):
    check = _measures_closed(total, closed, claimed)
    assert check.matches is matches
    assert check.rule_zh.endswith("占附件所列具体措施的百分比（四舍五入到整数，全部完成才为100%、无一完成才为0%）")


@pytest.mark.parametrize("total, closed, claimed, matches", [
    (200, 199, 100, False),  # 99.5%: one still open, so not 完成率100%, which says all are done
    (200, 199, 99, True),
    (200, 200, 100, True),
    (300, 1, 0, False),  # 0.33%: one done, so not 完成率0%, which says none is
    (300, 1, 1, True),
    (300, 0, 0, True),
])
def test_a_rate_is_100_only_when_all_are_done_and_0_only_when_none_is(total, closed, claimed, matches):
    """完成率100% beside 剩余1项 of the same appendix: both were said to agree with it."""
    check = _measures_closed(total, closed, claimed)
    assert check.matches is matches
    assert check.rule_zh.endswith("（四舍五入到整数，全部完成才为100%、无一完成才为0%）")
    assert check.rule_en.endswith("(rounded half up to a whole number; 100% only when all are done, 0% only when none is)")


def test_a_rate_cut_down_rather_than_rounded_is_named_as_another_reading():
    check = _measures_closed(3, 2, 66)  # (66.67% written 66%)
    assert (check.computed, check.matches) == (67, False)
    assert (check.alternative.value, check.alternative.zh.endswith("（舍去小数）")) == (66, True)


def test_a_rate_is_shown_with_its_per_cent_sign_in_the_table_and_the_lines_under_it():
    """报告称66 of 整改完成率66% read as a count of 66; a rate is 66%, the report's figure, the
    appendix's and another reading's alike (JSON keeps numbers)."""
    check = _measures_closed(3, 2, 66)  # (66.67%: 67% by the rule, 66% cut down)
    result = ReconcileResult(date(2019, 3, 31), (check,))
    rule_zh = "截至报告日各期限均已销号的措施（不论时限）占附件所列具体措施的百分比"
    rule_en = ("measures with every dated milestone closed out as of the report date (any deadline), "
               "as a per cent of the measures listed in the appendix")
    text = reconcile_text.render(result, lang=Lang.zh, width=300).splitlines()
    assert text[4] == f"measures_done_percent  整改完成率66%       66%         67%  不一致  {rule_zh}（四舍五入到整数，全部完成才为100%、无一完成才为0%）"
    assert text[7] == (f"- measures_done_percent“整改完成率66%”：报告称66%，按附件计算为67%。"
                       f"按另一种口径（{rule_zh}（舍去小数））为66%。")
    text_en = reconcile_text.render(result, lang=Lang.en, width=300).splitlines()
    assert text_en[4] == (f"measures_done_percent  整改完成率66%           66%         67%  MISMATCH  "
                          f"{rule_en} (rounded half up to a whole number; 100% only when all are done, "
                          "0% only when none is)")
    assert text_en[7] == (f"- measures_done_percent (“整改完成率66%”): the report claims 66%, the appendix gives 67%. "
                          f"Another reading ({rule_en} (decimals dropped)) gives 66%.")
    # (too narrow for the table: the figures in words, with theirs)
    narrow = reconcile_text.render(result, lang=Lang.en, width=40).splitlines()
    assert "  claimed 66%, computed 67%, MISMATCH" in narrow


def test_the_tasks_rate_of_completion_counts_done_tasks_by_the_done_rule():
    plan, journal = _ledger_plan({"tasks_done_percent": 25, "measures_done_percent": 33})
    # task 2 alone of 4: 25%; measures 1.1, 2.1 and 2.2 of 9: 33.33%
    assert [(c.key, c.computed, c.matches) for c in reconcile(plan=plan, journal=journal).checks] == [
        ("tasks_done_percent", 25, True), ("measures_done_percent", 33, True)]


def test_a_rate_of_an_appendix_listing_none_is_not_checked_not_a_crash():
    plan = make_plan([make_task("1", milestones=["2018-06-30"])], claims=(Claim("measures_done_percent", "完成率100%", 100),))
    (check,) = reconcile(plan=plan, journal=[]).checks
    assert (check.computed, check.matches) == (None, None)
    assert check.why_zh == "附件未列具体措施，无从计算比率"
    assert check.why_en == "the appendix lists no measures, so there is no rate to compute"


def test_tasks_basically_done_and_on_schedule_are_counted_by_the_appendixs_own_progress_words():
    """整改进度 of each task is the appendix's own word for it (GLOSSARY): 基本完成, 序时推进."""
    plan, journal = _ledger_plan({"tasks_basically_done": 1, "tasks_on_schedule": 2})
    checks = {c.key: c for c in reconcile(plan=plan, journal=journal).checks}
    # task 1 is reported 基本完成, task 3 序时推进 (2 全面完成, 4 取得阶段性成效)
    assert {key: (c.computed, c.matches) for key, c in checks.items()} == {
        "tasks_basically_done": (1, True), "tasks_on_schedule": (1, False)}
    assert checks["tasks_on_schedule"].rule_zh == "整改进度为“序时推进”的任务"


UNCOUNTED = claims(measures_basically_done=2, measures_on_schedule=3, tasks_in_progress=4, measures_in_progress=5)


def test_counts_the_ledger_has_no_state_for_say_why_they_are_not_checked():
    plan, journal = _ledger_plan({})
    plan = replace(plan, meta=replace(plan.meta, claims=UNCOUNTED + (Claim("trees_planted", "植树100万株", 1000000),)))
    result = reconcile(plan=plan, journal=journal)
    assert [(c.computed, c.matches) for c in result.checks] == [(None, None)] * 5
    text = reconcile_text.render(result, lang=Lang.zh, width=300)
    assert "未核对  （台账无此口径：措施没有整改进度，分不出哪些措施“基本完成”）\n" in text
    assert "未核对  （台账无此口径：整改进度没有“正在推进”，分不出正在推进的与其余未完成的）\n" in text
    assert "无规则  （没有此项的计数规则）\n" in text  # (a key nobody reads: no rule, as before)
    assert text.endswith(
        "没有可按附件核对的数字。\n"
        "台账无此口径、未核对（4项）：measures_basically_done、measures_on_schedule、tasks_in_progress、"
        "measures_in_progress\n"
        "没有计数规则、未核对（1项）：trees_planted\n")
    text_en = reconcile_text.render(result, lang=Lang.en, width=300)
    # (plain English, not three clauses strung on colons)
    assert "not checked  (the ledger has no such count: measures have no 整改进度 (only tasks do), so which are 基本完成 " \
           "is not recorded)\n" in text_en
    assert "not checked  (the ledger has no such count: no 整改进度 says 正在推进, so those in progress cannot be told " \
           "from the other unfinished ones)\n" in text_en
    assert text_en.endswith(
        "No claim could be checked against the appendix.\n"
        "Not checked, the ledger has no such count (4): measures_basically_done, measures_on_schedule, "
        "tasks_in_progress, measures_in_progress\n"
        "Not checked, no counting rule (1): trees_planted\n")


def test_reconcile_as_json_says_why_a_claim_the_ledger_has_no_count_for_is_not_checked(tmp_path):
    import json

    plan = SMALL.read_text(encoding="utf-8").replace(
        "  claims:\n", "  claims:\n    - key: tasks_in_progress\n      text: 正在推进2项\n      value: 2\n", 1)
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "progress.yaml").write_bytes((SMALL.parent / "progress.yaml").read_bytes())
    result = run("reconcile", "-r", str(tmp_path / "tasks.yaml"), "--format", "json")
    (report,) = json.loads(result.stdout)["reports"]
    in_progress, total = report["claims"][:2]
    assert in_progress == {"key": "tasks_in_progress", "text": "正在推进2项", "claimed": 2, "computed": None, "matches": None,
                           "rule": None, "alternative": None,
                           "not_counted": {"zh": "整改进度没有“正在推进”，分不出正在推进的与其余未完成的",
                                           "en": "no 整改进度 says 正在推进, so those in progress cannot be told from the "
                                                 "other unfinished ones"},
                           "text_value": None, "suggestion": None, "quoted": None}
    assert total["not_counted"] is None


# --------------------------------------------------------------------------- claims that can't be right


def _small_claiming(tmp_path, claims: str) -> str:
    """The small fixture with `claims` (YAML items) in place of its own, and its journal."""
    text = SMALL.read_text(encoding="utf-8")
    head, tail = text.split("  claims:\n", 1)
    tail = tail[tail.index("units:\n"):]
    (tmp_path / "tasks.yaml").write_text(head + "  claims:\n" + claims + tail, encoding="utf-8")
    (tmp_path / "progress.yaml").write_bytes((SMALL.parent / "progress.yaml").read_bytes())
    return str(tmp_path / "tasks.yaml")


def test_a_claim_whose_own_words_give_another_figure_disagrees(tmp_path):
    """{tasks_total, 全区5项整改任务, 4} printed 一致 and exited 0: the ledger has 4 tasks, the value
    says 4, but the report's words say 5."""
    plan = _small_claiming(tmp_path, "    - {key: tasks_total, text: 全区5项整改任务, value: 4}\n"
                                     "    - {key: measures_total, text: 8项具体措施, value: 8}\n")
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 1, result.stdout
    lines = result.stdout.splitlines()
    assert [line.split() for line in lines if line.startswith(("tasks_total", "measures_total"))] == [
        ["tasks_total", "全区5项整改任务", "4", "4", "原文不符"], ["measures_total", "8项具体措施", "8", "8", "一致"]]
    assert result.stdout.endswith("\n\n报告原文与报告数不符（1项）：\n"
                                  "- tasks_total“全区5项整改任务”：原文为5，报告数为4。\n")
    assert "全部一致" not in result.stdout and "均一致" not in result.stdout
    en = run("reconcile", "-r", plan, "--lang", "en")
    assert en.exit_code == 1
    assert [line.split()[-1] for line in en.stdout.splitlines() if line.startswith("tasks_total")] == ["differ"]
    assert en.stdout.endswith("\n\nClaims whose own words give another figure (1):\n"
                              "- tasks_total (“全区5项整改任务”): the words say 5, the claimed figure is 4.\n")


@pytest.mark.parametrize(("key", "text", "said"), [("tasks_total", "全区5 项整改任务", "5"),
                                                  ("tasks_total", "全区5\u3000项整改任务", "5"),
                                                  ("tasks_done_percent", "整改完成率20 %", "20%")])
def test_words_with_a_space_before_the_unit_still_give_their_figure(tmp_path, key, text, said):
    """全区5 项整改任务 (a space, as a PDF's text keeps one) of 4 printed 全部一致 and exited 0."""
    value = 4 if key == "tasks_total" else 0
    plan = _small_claiming(tmp_path, f'    - {{key: {key}, text: "{text}", value: {value}}}\n')
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 1, result.stdout
    assert result.stdout.endswith(
        f"\n报告原文与报告数不符（1项）：\n- {key}“{text}”：原文为{said}，报告数为{value}{'%' if said.endswith('%') else ''}。\n")


def test_a_claim_contradicting_its_words_and_the_appendix_says_both(tmp_path):
    plan = _small_claiming(tmp_path, "    - {key: measures_total, text: 10项具体措施, value: 9}\n")
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 1
    # (its column says both, as the lines under the table do: 不一致 alone hid the words' figure)
    assert [line.split() for line in result.stdout.splitlines() if line.startswith("measures_total")] == [
        ["measures_total", "10项具体措施", "9", "8", "不一致、原文不符"]]
    assert [line.split()[4:] for line in run("reconcile", "-r", plan, "--lang", "en").stdout.splitlines()
            if line.startswith("measures_total")] == [["MISMATCH,", "words", "differ"]]
    assert result.stdout.endswith("\n\n附件不支持的数字（1项）：\n"
                                  "- measures_total“10项具体措施”：报告称9，按附件计算为8。\n"
                                  "报告原文与报告数不符（1项）：\n"
                                  "- measures_total“10项具体措施”：原文为10，报告数为9。\n")


@pytest.mark.parametrize(("text", "value"), [
    ("共排查1，234项", 1234), ("共排查1,234项", 1234), ("共排查1 234项", 1234), ("共排查12,345,678项", 12345678),
    ("共排查１，２３４项", 1234), ("共排查1，234 项", 1234),
    # (not a thousands separator: a clause's comma, groups not of three, a first group of more than three)
    ("已完成3，4项", 4), ("共排查1，2345项", 2345), ("共排查1234，567项", 567), ("共排查1，23项", 23),
    ("共排查1，234，56项", 56), ("共排查1,234 567项", 567)])
def test_a_figure_with_thousands_separators_is_read_whole(tmp_path, text, value):
    """共排查1，234项 of 1234 said 原文为234 and failed: the words' figure was its last group."""
    plan = _small_claiming(tmp_path, f'    - {{key: sites_checked, text: "{text}", value: {value}}}\n')
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 0, result.stdout
    assert "原文不符" not in result.stdout


def test_a_figure_with_thousands_separators_disagreeing_with_its_value_says_the_whole_figure(tmp_path):
    plan = _small_claiming(tmp_path, '    - {key: sites_checked, text: "共排查1，234项", value: 234}\n')
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 1, result.stdout
    assert "\n报告原文与报告数不符（1项）：\n- sites_checked“共排查1，234项”：原文为1234，报告数为234。\n" in result.stdout


@pytest.mark.parametrize("text", ["全区四项整改任务", "45项整改任务已完成4项", "整改任务", "2018年底前应完成的整改任务"])
def test_words_with_no_figure_or_several_or_in_chinese_numerals_are_left_to_the_value(tmp_path, text):
    plan = _small_claiming(tmp_path, f"    - {{key: tasks_total, text: {text}, value: 4}}\n")
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith("\n\n全部一致。\n")


def test_a_rates_words_are_compared_as_a_rate(tmp_path):
    # (the value agrees with the appendix, none of whose tasks is done by the report date: the words do not)
    plan = _small_claiming(tmp_path, "    - {key: tasks_done_percent, text: 整改完成率20%, value: 0}\n")
    result = run("reconcile", "-r", plan, "--lang", "en")
    assert "Figures the appendix does not support" not in result.stdout
    assert " ".join(result.stdout.split()).endswith(  # (wrapped at 80 cells)
        "- tasks_done_percent (“整改完成率20%”): the words say 20%, the claimed figure is 0%.")
    assert result.exit_code == 1


@needs_bundled
def test_the_bundled_ledgers_claims_say_in_words_the_figures_they_claim():
    import json

    document = json.loads(run("reconcile", "-r", str(BUNDLED), "--format", "json").stdout)
    (report,) = document["reports"]
    assert len(report["claims"]) == 12
    assert [c["text_value"] for c in report["claims"]] == [None] * 12
    assert [c["suggestion"] for c in report["claims"]] == [None] * 12


def test_a_mistyped_key_is_named_with_the_key_it_is_close_to_and_fails_the_check(tmp_path):
    """task_total was listed as 无规则 with exit 0: a CI gate let the typo through."""
    plan = _small_claiming(tmp_path, "    - {key: task_total, text: 全区4项整改任务, value: 4}\n"
                                     "    - {key: measures_total, text: 8项具体措施, value: 8}\n")
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 1, result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("task_total"))
    assert row.split() == ["task_total", "全区4项整改任务", "4", "—", "疑似笔误"]
    assert "  计数规则：（没有此项的计数规则；是否指 tasks_total？）\n" in result.stdout
    assert result.stdout.endswith("\n\n代码疑似笔误、未核对（1项）：\n- task_total：是否指 tasks_total？\n")
    en = run("reconcile", "-r", plan, "--lang", "en")
    assert en.exit_code == 1
    assert "  Counting rule: (no counting rule for this key; did you mean tasks_total?)\n" in en.stdout
    assert en.stdout.endswith("\n\nNot checked, key perhaps mistyped (1):\n- task_total: did you mean tasks_total?\n")


@pytest.mark.parametrize(("key", "meant"), [("measures_due_2018_in_progres", "measures_due_2018_in_progress"),
                                           ("tasks_done_precent", "tasks_done_percent")])
def test_a_long_key_a_letter_or_two_off_is_still_named_as_mistyped(tmp_path, key, meant):
    plan = _small_claiming(tmp_path, f"    - {{key: {key}, text: 全区4项整改任务, value: 4}}\n")
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 1, result.stdout
    assert result.stdout.endswith(f"\n\n代码疑似笔误、未核对（1项）：\n- {key}：是否指 {meant}？\n")


@pytest.mark.parametrize(("key", "meant"), [("measure_due_2021", "measures_due_2021"),
                                           ("tasks_due_2020_2021_dnoe", "tasks_due_2020_2021_done"),
                                           ("measure_due_2022_06_30", "measures_due_2022_06_30"),
                                           ("tasks_due_2022_06_30_dnoe", "tasks_due_2022_06_30_done")])
def test_a_key_of_other_years_a_letter_or_two_off_is_named_as_mistyped(tmp_path, key, meant):
    """measure_due_2021 was 无规则 with exit 0, while measure_due_2018 was 疑似笔误 with exit 1:
    only the Tibet report's years were looked at, though every year's key has its rule."""
    plan = _small_claiming(tmp_path, f"    - {{key: {key}, text: 全区4项整改任务, value: 4}}\n")
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 1, result.stdout
    assert result.stdout.endswith(f"\n\n代码疑似笔误、未核对（1项）：\n- {key}：是否指 {meant}？\n")


@pytest.mark.parametrize("key", ["trees_planted", "tasks_late", "tasks_delayed", "cities_total", "measures_overdue",
                                 # (long keys a word or more off a known one: their difflib ratio passes 0.85)
                                 "tasks_due_2018_in_progress", "measures_due_2018_overdue", "measures_due_2019_2020_total",
                                 "tasks_due_2021_in_progress", "measures_due_2021_overdue"])
def test_a_key_close_to_none_rectify_knows_is_still_only_not_checked(tmp_path, key):
    # (a claim another province's report makes, which rectify has no rule for, is no typo: tasks_late
    # is not tasks_done mistyped, and failed the check as one; nor is tasks_due_2019_2020_done, of those
    # due in 2019-2020 the ones done, tasks_due_2019_2020 mistyped, which it was said to be, failing the check)
    plan = _small_claiming(tmp_path, f"    - {{key: {key}, text: 植树100万株, value: 1000000}}\n"
                                     "    - {key: measures_total, text: 8项具体措施, value: 8}\n")
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith(f"\n\n核对的数字均一致。\n没有计数规则、未核对（1项）：{key}\n")


def test_words_with_a_figure_of_thousands_of_digits_are_no_crash(tmp_path):
    # (int() refuses more than 4,300 digits: it was an internal error, not the table; no count a
    # report gives, it is left to the value, as words with no figure are)
    plan = _small_claiming(tmp_path, f"    - {{key: tasks_total, text: 全区{'9' * 5000}项整改任务, value: 4}}\n")
    result = run("reconcile", "-r", plan)
    assert not isinstance(result.exception, ValueError)
    assert result.exit_code == 0, result.output[-300:]
    assert result.stdout.endswith("\n\n全部一致。\n")


# --------------------------------------------------------------------------- the words against the report they quote


def _small_quoting(tmp_path, claims: str, report: str | None) -> str:
    """The small fixture with `claims`, its plan naming report.txt (holding `report`; None: no such
    file) as the report its claims quote."""
    plan = Path(_small_claiming(tmp_path, claims))
    plan.write_text(plan.read_text(encoding="utf-8").replace("  report_date: 2019-03-31\n",
                                                              "  report_date: 2019-03-31\n  source: report.txt\n", 1),
                    encoding="utf-8")
    if report is not None:
        (tmp_path / "report.txt").write_text(report, encoding="utf-8")
    return str(plan)


def test_a_claims_words_the_report_does_not_say_are_a_disagreement(tmp_path, monkeypatch):
    """{tasks_total, 全区4项整改任务均已完成, 4}, words the report never says, printed 一致 and exited 0:
    the column 报告原文 put in the report's mouth what it does not say."""
    monkeypatch.chdir(tmp_path)  # (the report named from here, as the plan file is: report.txt)
    _small_quoting(tmp_path, "    - {key: tasks_total, text: 全区4项整改任务均已完成, value: 4}\n"
                             "    - {key: measures_total, text: 8项具体措施, value: 8}\n",
                   "测试报告\n\n截至2019年3月31日，全区4项整改任务、8项具体措施中，已完成1项。\n")
    plan = "tasks.yaml"
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 1, result.stdout
    assert [line.split() for line in result.stdout.splitlines() if line.startswith(("tasks_total", "measures_total"))] == [
        ["tasks_total", "全区4项整改任务均已完成", "4", "4", "未见于报告"], ["measures_total", "8项具体措施", "8", "8", "一致"]]
    assert result.stdout.endswith("\n\n报告（report.txt）中没有的原文（1项）：\n"
                                  "- tasks_total“全区4项整改任务均已完成”\n"
                                  # (and the report's 全区4项整改任务 and 已完成1项, which no claim's words hold)
                                  "报告开头的数字未记录为 claims，未核对（2处）：\n"
                                  "- “全区4项整改任务、8项具体措施中”\n- “已完成1项”\n"
                                  "要核对，请在校订文件的 registry: claims: 下逐项写明 key、text、value，重新导入。\n")
    en = run("reconcile", "-r", plan, "--lang", "en")
    assert en.exit_code == 1
    assert [line.split()[-4:] for line in en.stdout.splitlines() if line.startswith("tasks_total")] == [
        ["4", "not", "in", "report"]]
    assert "\n\nWords the report (report.txt) does not say (1):\n- tasks_total (“全区4项整改任务均已完成”)\n" \
           "Figures of the report's opening not recorded as claims, so not checked (2):\n" in en.stdout


@pytest.mark.parametrize("lang, width, lines", [
    ("zh", "40", ["  报告数 4，附件计算 4，原文不符、", "  未见于报告"]),
    ("zh", "36", ["  报告数 4，附件计算 4，原文不符、", "  未见于报告"]),
    ("zh", "30", ["  报告数 4，附件计算 4，", "  原文不符、未见于报告"]),
    ("en", "50", ["  claimed 4, computed 4, words differ,", "  not in report"]),
    ("en", "30", ["  claimed 4, computed 4,", "  words differ, not in report"])])
def test_a_narrow_reconcile_keeps_each_word_of_the_result_whole(tmp_path, lang, width, lines):
    """At 40 columns the result `原文不符、未见于报告` was cut `未见于` / `报告` (`未` / `见于报告` at 36,
    `原文不` / `符、…` at 30; `not in` / `report`): each word on one line where it fits."""
    plan = _small_quoting(tmp_path, "    - {key: tasks_total, text: 全区5项整改任务, value: 4}\n"
                                    "    - {key: measures_total, text: 8项具体措施, value: 8}\n",
                          "测试报告\n\n全区4项整改任务、8项具体措施。\n")
    result = CliRunner().invoke(app, ["reconcile", "-r", plan, "--lang", lang], env={**ENV, "COLUMNS": width})
    assert result.exit_code == 1, result.output
    shown = result.stdout.splitlines()
    assert shown[shown.index("tasks_total") + 1:][:2] == lines


def test_words_the_report_says_across_a_line_or_page_break_are_found(tmp_path):
    # (as the import reads them: the text extracted from a PDF breaks lines, and pages, mid-sentence)
    plan = _small_quoting(tmp_path, "    - {key: tasks_total, text: 全区4项整改任务, value: 4}\n"
                                    "    - {key: measures_total, text: 8项具体措施, value: 8}\n",
                          "测试报告\n\n截至2019年3月31日，全区4项整\n改任务、8项\n\n— 1 —\n\n具体措施中，已完成1项。\n")
    result = run("reconcile", "-r", plan)
    assert result.exit_code == 0, result.stdout
    # (found: only the figure no claim records, 已完成1项, is left unchecked)
    assert result.stdout.endswith("\n\n核对的数字均一致。\n报告开头的数字未记录为 claims，未核对（1处）：\n- “已完成1项”\n"
                                  "要核对，请在校订文件的 registry: claims: 下逐项写明 key、text、value，重新导入。\n")


# --------------------------------------------------------------------------- figures the report makes that no claim records

# (Jiangxi's headline: the import read its totals, warned its mid-year figures unread, and reconcile said 全部一致)
UNRECORDED_REPORT = ("测试报告\n\n截至2019年3月31日，全区4项整改任务、8项具体措施，其中应于2018年6月底前完成的3项整改任务已完成2项，"
                     "8项具体措施已完成6项。\n")
TOTALS = "    - {key: tasks_total, text: 全区4项整改任务, value: 4}\n    - {key: measures_total, text: 8项具体措施, value: 8}\n"


@pytest.mark.parametrize("lang, tail", [
    ("zh", "\n\n核对的数字均一致。\n"
           "报告开头的数字未记录为 claims，未核对（2处）：\n"
           "- “其中应于2018年6月底前完成的3项整改任务已完成2项”\n"
           "- “8项具体措施已完成6项”\n"
           "要核对，请在校订文件的 registry: claims: 下逐项写明 key、text、value，重新导入。\n"),
    ("en", "\n\nEvery claim checked matches.\n"
           "Figures of the report's opening not recorded as claims, so not checked (2):\n"
           "- “其中应于2018年6月底前完成的3项整改任务已完成2项”\n"
           "- “8项具体措施已完成6项”\n"
           "To check them, give each under registry: claims: in the curation file, as key,\n"
           "text and value, and import again.\n"),
])
def test_figures_of_the_reports_opening_no_claim_records_are_said_not_checked_not_all_matching(tmp_path, lang, tail):
    plan = _small_quoting(tmp_path, TOTALS, UNRECORDED_REPORT)
    result = run("reconcile", "-r", plan, "--lang", lang)
    assert result.exit_code == 0, result.stdout  # (no disagreement: nothing recorded was found wrong)
    assert result.stdout.endswith(tail), result.stdout
    assert "全部一致" not in result.stdout and "All claims match" not in result.stdout


def test_figures_no_claim_records_are_listed_in_json_and_do_not_fail_the_agreement(tmp_path):
    plan = _small_quoting(tmp_path, TOTALS, UNRECORDED_REPORT)
    result = run("reconcile", "-r", plan, "--format", "json")
    assert result.exit_code == 0, result.stdout
    document = json.loads(result.stdout)
    assert (document["agree"], document["reports"][0]["unrecorded"]) == (
        True, ["其中应于2018年6月底前完成的3项整改任务已完成2项", "8项具体措施已完成6项"])


def test_an_opening_whose_every_figure_a_claim_records_is_all_matching(tmp_path):
    # (8项具体措施 said twice: one claim's words hold both; 已完成2项, 已完成6项 recorded)
    plan = _small_quoting(tmp_path, TOTALS + "    - {key: tasks_due_2018, text: 应于2018年6月底前完成的3项整改任务已完成2项, value: 3}\n"
                                             "    - {key: measures_done, text: 已完成6项, value: 6}\n", UNRECORDED_REPORT)
    result = run("reconcile", "-r", plan)
    assert "报告开头的数字未记录为 claims" not in result.stdout
    assert run("reconcile", "-r", plan, "--format", "json").stdout.count('"unrecorded": []') == 1


def test_figures_after_the_opening_and_a_report_not_read_are_not_said_unrecorded(tmp_path, monkeypatch):
    """Only the headline's figures are the report's claims (a later 截至目前，已完成3项 is the body's);
    a report not read says so, and nothing of its figures."""
    monkeypatch.chdir(tmp_path)
    _small_quoting(tmp_path, TOTALS, "测试报告\n\n截至2019年3月31日，全区4项整改任务、8项具体措施。\n\n"
                                     "一、截至目前，已完成3项专项行动。\n")
    assert run("reconcile", "-r", "tasks.yaml").stdout.endswith("\n\n全部一致。\n")
    (tmp_path / "report.txt").unlink()
    assert run("reconcile", "-r", "tasks.yaml").stdout.endswith("\n\n全部一致。\n未核对原文：读不到报告（report.txt：文件不存在）。\n")


def test_what_was_due_by_a_day_before_a_years_end_is_counted_by_the_key_naming_that_day(tmp_path):
    """应于2019年4月底前完成的2项整改任务 (Jiangxi's 应于2022年6月底前完成的, a mid-year cut-off) had no key: recorded as
    tasks_due_2019 it was compared with what was due by the year's end. By 2019-04-30 the small fixture's tasks 1
    (2018-12-31) and 2 (2019-04-30) are due, task 4 (2019-06-30) not; measures 1.1, 1.2 and 2.1 (2019-04-15), of them
    1.2 closed; by the year's end 4.2 (2019-06-30) too."""
    plan = _small_claiming(tmp_path, "    - {key: tasks_due_2019_04_30, text: 应于2019年4月底前完成的2项整改任务, value: 2}\n"
                                     "    - {key: measures_due_2019_04_30, text: 3项具体措施, value: 3}\n"
                                     "    - {key: measures_due_2019_04_30_done, text: 已完成1项, value: 1}\n"
                                     "    - {key: measures_due_2019, text: 2019年底前应完成的3项具体措施, value: 3}\n")
    result = CliRunner().invoke(app, ["reconcile", "-r", plan], env={**ENV, "COLUMNS": "200"})
    assert result.exit_code == 1, result.stdout
    assert [line.split()[:5] + line.split()[5:6] for line in result.stdout.splitlines() if line.startswith(("tasks_due", "measures_due"))] == [
        ["tasks_due_2019_04_30", "应于2019年4月底前完成的2项整改任务", "2", "2", "一致", "整改时限中最晚日期不晚于2019-04-30的任务"],
        ["measures_due_2019_04_30", "3项具体措施", "3", "3", "一致", "最晚日期不晚于2019-04-30的措施（含“日期，长期坚持”）"],
        ["measures_due_2019_04_30_done", "已完成1项", "1", "1", "一致", "其中截至报告日各期限均已销号的措施"],
        # (by the year's end, as the key without the day counts: 4.2 too, 2019-06-30)
        ["measures_due_2019", "2019年底前应完成的3项具体措施", "3", "4", "不一致", "最晚日期不晚于2019-12-31的措施（含“日期，长期坚持”）"]]


@pytest.mark.parametrize("key", ["tasks_due_2019_06_31", "tasks_due_2019_13_01", "tasks_due_2019_6_30"])
def test_a_key_naming_no_real_day_is_a_no_rule_row(tmp_path, key):
    plan = _small_claiming(tmp_path, f"    - {{key: {key}, text: 2项整改任务, value: 2}}\n")
    result = run("reconcile", "-r", plan, "--lang", "en")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith(f"\n\nNo claim could be checked against the appendix.\nNot checked, no counting rule (1): {key}\n")


def _folder_quoting(tmp_path, monkeypatch, report) -> None:
    """A folder f of one plan file, naqu.yaml (the small fixture), naming src/naqu.txt as its report:
    `report` is what is there (text; "folder"; b"..." bytes; None: nothing); run from tmp_path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f" / "src").mkdir(parents=True)
    text = SMALL.read_text(encoding="utf-8").replace("  report_date: 2019-03-31\n",
                                                     "  report_date: 2019-03-31\n  source: src/naqu.txt\n", 1)
    (tmp_path / "f" / "naqu.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "f" / "naqu.progress.yaml").write_bytes((SMALL.parent / "progress.yaml").read_bytes())
    report_file = tmp_path / "f" / "src" / "naqu.txt"
    if report == "folder":
        report_file.mkdir()
    elif isinstance(report, bytes):
        report_file.write_bytes(report)


UNREAD = [(None, "missing", "文件不存在", "no such file"), ("folder", "folder", "是文件夹", "is a folder"),
          (b"  \n", "empty", "是空的", "is empty"), (b"%PDF-1.4\n", "pdf", "是 PDF，不是文字", "is a PDF, not text"),
          # (the kinds said alike in both languages, 是… / is…: "a PDF, not text" read as no sentence)
          (b"PK\x03\x04rest", "office", "是办公文档，不是文字", "is an office document, not text"),
          (b"<!DOCTYPE html>\n<html></html>\n", "web_page", "是网页，不是文字", "is a web page, not text"),
          # (a picture's bytes decode as GB18030: read as text, every claim was 未见于报告)
          (b"\x89PNG\r\n\x1a\n", "binary", "不是文字文件", "is not a text file"),
          (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "binary", "不是文字文件", "is not a text file"),
          (b"abc\x80\xff\xfd\x81", "undecodable", "不是 UTF-8、UTF-16 或 GB18030 文字", "not UTF-8, UTF-16 or GB18030 text"),
          # (a UTF-16 mark, then a lone surrogate: it was said 无法读取 / cannot be read, a system's error)
          (b"\xff\xfeA\x00\x00\xdcB\x00", "undecodable", "不是 UTF-8、UTF-16 或 GB18030 文字", "not UTF-8, UTF-16 or GB18030 text"),
          # (UTF-8 cut inside its last 。: said not UTF-8, UTF-16 or GB18030, where import says it was cut short)
          ("全区4项整改任务、9项具体措施。".encode()[:-1], "cut_short", "在一个字符的中间结束，是否被截断？",
           "ends inside a character: was it cut short?")]


@pytest.mark.parametrize("report, why, zh, en", UNREAD)
def test_a_report_that_cannot_be_read_is_said_why_at_a_path_one_can_open(tmp_path, monkeypatch, report, why, zh, en):
    """It said 未核对原文：读不到报告（src/naqu.txt）。: not why, and the path as the plan writes it,
    relative to the plan file, which is not where a user in the registry's parent opens it."""
    _folder_quoting(tmp_path, monkeypatch, report)
    result = run("reconcile", "-r", "f")
    assert result.exit_code == 1, result.stdout  # (9项具体措施 of 8: the figures speak; the words went unchecked)
    assert result.stdout.endswith(f"\n未核对原文：读不到报告（f/src/naqu.txt：{zh}）。\n")
    en_result = run("reconcile", "-r", "f", "--lang", "en")
    assert en_result.stdout.replace("\n", " ").endswith(  # (its words broken at spaces to fit 80 cells)
        f" The claims' words were not checked against the report: it cannot be read (f/src/naqu.txt: {en}). ")


def test_a_report_one_file_names_that_cannot_be_read_is_named_from_where_the_plan_was(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    _small_quoting(tmp_path / "sub", "    - {key: tasks_total, text: 全区4项整改任务, value: 4}\n", None)
    result = run("reconcile", "-r", "sub/tasks.yaml")
    assert result.exit_code == 0, result.stdout  # (the figures agree; the words were not checked, and it says so)
    assert result.stdout.endswith("\n\n全部一致。\n未核对原文：读不到报告（sub/report.txt：文件不存在）。\n")
    en = run("reconcile", "-r", "sub/tasks.yaml", "--lang", "en")
    # (it said "Words not checked: cannot read the report": which words, checked against what; at 80
    # cells, broken before the path, not inside it: sub/ | report.txt)
    assert en.stdout.endswith("\n\nAll claims match.\nThe claims' words were not checked against the report: it cannot be "
                              "read\n(sub/report.txt: no such file).\n")


def test_a_plan_reached_by_a_link_has_its_report_read_beside_the_file_it_leads_to(tmp_path, monkeypatch):
    """ledger.yaml → a shared drive's tasks.yaml: its journal was found beside tasks.yaml, its report
    (source: report.txt, written beside it) looked for beside the link: 未核对原文：读不到报告
    （ledger/report.txt：文件不存在）, and validate warned of it, of a report that is there."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shared").mkdir()
    _small_quoting(tmp_path / "shared", "    - {key: tasks_total, text: 全区4项整改任务均已完成, value: 4}\n",
                   "测试报告\n\n截至2019年3月31日，全区4项整改任务、8项具体措施。\n")
    (tmp_path / "ledger").mkdir()
    (tmp_path / "ledger" / "ledger.yaml").symlink_to(tmp_path / "shared" / "tasks.yaml")
    result = run("reconcile", "-r", "ledger/ledger.yaml")
    assert result.exit_code == 1, result.stdout  # (words the report does not say: checked against it)
    assert result.stdout.endswith("\n报告（shared/report.txt）中没有的原文（1项）：\n- tasks_total“全区4项整改任务均已完成”\n"
                                  "报告开头的数字未记录为 claims，未核对（1处）：\n- “全区4项整改任务、8项具体措施”\n"
                                  "要核对，请在校订文件的 registry: claims: 下逐项写明 key、text、value，重新导入。\n")
    validated = run("validate", "ledger/ledger.yaml")
    assert validated.exit_code == 0, validated.output
    assert "警告" not in validated.stderr
    # (a report beside the link is the link's own, as a journal beside it is)
    (tmp_path / "ledger" / "report.txt").write_text("全区4项整改任务均已完成。\n", encoding="utf-8")
    assert run("reconcile", "-r", "ledger/ledger.yaml").stdout.endswith("\n\n全部一致。\n")


@pytest.mark.parametrize("named, zh, en", [
    # (an absolute path was cut after its first slash, "(/" | "srv/…"; a long name at its hyphens,
    # "…rectification-" | "report.txt": pasted, neither opens)
    ("/srv/rectify/source/xizang-2019-rectification-report.txt",
     ["未核对原文：读不到报告", "（/srv/rectify/source/xizang-2019-rectification-report.txt：文件不存在）。"],
     ["The claims' words were not checked against the report: it cannot be read",
      "(/srv/rectify/source/xizang-2019-rectification-report.txt: no such file)."]),
    ("source/xizang-autonomous-region-2019-rectification-report.txt",
     ["未核对原文：读不到报告", "（source/xizang-autonomous-region-2019-rectification-report.txt：文件不存在）。"],
     ["The claims' words were not checked against the report: it cannot be read",
      "(source/xizang-autonomous-region-2019-rectification-report.txt: no such file)."]),
])
def test_a_report_path_too_long_for_the_rest_of_the_line_goes_whole_to_the_next(tmp_path, monkeypatch, named, zh, en):
    monkeypatch.chdir(tmp_path)
    plan = Path(_small_quoting(tmp_path, "    - {key: tasks_total, text: 全区4项整改任务, value: 4}\n", None))
    plan.write_text(plan.read_text(encoding="utf-8").replace("  source: report.txt\n", f"  source: {named}\n"),
                    encoding="utf-8")
    for lang, lines in (("zh", zh), ("en", en)):
        result = run("reconcile", "-r", "tasks.yaml", "--lang", lang)  # (piped: 80 cells)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[-2:] == lines


@pytest.mark.parametrize("columns, en", [
    # (the path, wider than the line, folded: the line after it began ".txt: no such file)." at 40
    # columns, ": no such file)." at 44; the character before goes down with the mark, as in Chinese;
    # at 40, wider than the line alone, it breaks after a hyphen, not inside a word, `…-repor` / `t.txt`)
    (40, ["(source/xizang-2019-rectification-", "report.txt: no such file)."]),
    (44, ["(source/xizang-2019-rectification-report.tx", "t: no such file)."]),
])
def test_a_report_path_folded_in_english_starts_no_line_with_a_closing_mark(tmp_path, monkeypatch, columns, en):
    monkeypatch.chdir(tmp_path)
    plan = Path(_small_quoting(tmp_path, "    - {key: tasks_total, text: 全区4项整改任务, value: 4}\n", None))
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "  source: report.txt\n", "  source: source/xizang-2019-rectification-report.txt\n"), encoding="utf-8")
    result = CliRunner().invoke(app, ["reconcile", "-r", "tasks.yaml", "--lang", "en"],
                                env={**ENV, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == en


@pytest.mark.parametrize("report, why, zh, en", UNREAD)
def test_reconcile_as_json_says_which_report_was_named_and_why_it_was_not_read(tmp_path, monkeypatch, report, why, zh, en):
    """quoted was null both where the plan names no report and where it could not be read."""
    import json

    _folder_quoting(tmp_path, monkeypatch, report)
    (named,) = json.loads(run("reconcile", "-r", "f", "--format", "json").stdout)["reports"]
    assert named["source"] == {"named": "src/naqu.txt", "path": "f/src/naqu.txt", "read": False, "why": why}
    assert [c["quoted"] for c in named["claims"]] == [None, None]


def test_reconcile_as_json_says_a_report_named_was_read_and_none_where_none_is_named(tmp_path, monkeypatch):
    import json

    _folder_quoting(tmp_path, monkeypatch, "全区4项整改任务、9项具体措施。\n".encode())
    (named,) = json.loads(run("reconcile", "-r", "f", "--format", "json").stdout)["reports"]
    assert named["source"] == {"named": "src/naqu.txt", "path": "f/src/naqu.txt", "read": True, "why": None}
    (alone,) = json.loads(run("reconcile", "-r", str(SMALL), "--format", "json").stdout)["reports"]
    assert alone["source"] is None


@pytest.mark.parametrize("report, why, zh, en", UNREAD)
def test_validate_warns_of_a_report_the_plan_names_that_cannot_be_read(tmp_path, monkeypatch, report, why, zh, en):
    """validate said 通过 of a plan whose registry.source pointed at nothing: reconcile would not check
    the claims' words, said only there. A warning at the source: line; the plan is valid (exit 0)."""
    _folder_quoting(tmp_path, monkeypatch, report)
    result = run("validate", "f")
    assert result.exit_code == 0, result.output
    assert result.stdout == "f/naqu.yaml：通过——4项整改任务、8项具体措施、9条进展记录\n"
    assert result.stderr == (f"rectify: f/naqu.yaml:9: 警告：registry.source 所指的报告读不到（f/src/naqu.txt：{zh}）："
                             "rectify reconcile 不会核对报告数字的原文\n")
    en_result = run("validate", "f", "--lang", "en")
    assert en_result.exit_code == 0
    assert en_result.stderr == (f"rectify: f/naqu.yaml:9: warning: the report named by registry.source cannot be read "
                                f"(f/src/naqu.txt: {en}): rectify reconcile will not check the claims' words against it\n")


def test_a_report_named_with_a_nul_in_its_name_is_said_missing_not_an_internal_error(tmp_path, monkeypatch):
    """source: "a\\0b" (a NUL, which YAML's double quotes can write and no file name holds): validate
    said 通过 and then 内部错误：ValueError: embedded null byte, exit 2; reconcile crashed alike."""
    import json

    monkeypatch.chdir(tmp_path)
    plan = Path(_small_quoting(tmp_path, "    - {key: tasks_total, text: 全区4项整改任务, value: 4}\n", None))
    plan.write_text(plan.read_text(encoding="utf-8").replace("  source: report.txt\n", '  source: "rep\\0ort.txt"\n'),
                    encoding="utf-8")
    result = run("validate", "tasks.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("rectify: tasks.yaml:9: 警告：registry.source 所指的报告读不到（rep")
    assert "：文件不存在）" in result.stderr and "内部错误" not in result.stderr
    shown = run("reconcile", "-r", "tasks.yaml")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.endswith("：文件不存在）。\n")
    (named,) = json.loads(run("reconcile", "-r", "tasks.yaml", "--format", "json").stdout)["reports"]
    assert (named["source"]["read"], named["source"]["why"]) == (False, "missing")


def test_validate_says_nothing_of_a_report_it_can_read_nor_of_a_plan_naming_none(tmp_path, monkeypatch):
    _folder_quoting(tmp_path, monkeypatch, "全区4项整改任务。\n".encode())
    result = run("validate", "f")
    assert (result.exit_code, result.stderr) == (0, "")
    alone = run("validate", str(SMALL))
    assert (alone.exit_code, alone.stderr) == (0, "")


def test_reconcile_as_json_says_whether_the_report_says_each_claims_words(tmp_path):
    import json

    plan = _small_quoting(tmp_path, "    - {key: tasks_total, text: 全区4项整改任务均已完成, value: 4}\n"
                                    "    - {key: measures_total, text: 8项具体措施, value: 8}\n",
                          "截至2019年3月31日，全区4项整改任务、8项具体措施中，已完成1项。\n")
    document = json.loads(run("reconcile", "-r", plan, "--format", "json").stdout)
    assert document["agree"] is False
    assert [c["quoted"] for c in document["reports"][0]["claims"]] == [False, True]
    # (a plan naming no report: nothing to check the words against)
    alone = json.loads(run("reconcile", "-r", str(SMALL), "--format", "json").stdout)
    assert [c["quoted"] for c in alone["reports"][0]["claims"]] == [None, None]


@needs_bundled
def test_the_bundled_report_says_every_claims_words():
    import json

    document = json.loads(run("reconcile", "-r", str(BUNDLED), "--format", "json").stdout)
    assert [c["quoted"] for c in document["reports"][0]["claims"]] == [True] * 12


def test_a_task_without_measures_only_long_term_is_not_done_with_nothing_recorded():
    # (the loader refuses a task without measures; built through the API, one whose deadline is only
    # 长期坚持 counted done, 已完成2项 of an appendix with one task done, though no entry can name it:
    # as a measure only 长期坚持 never reported on, it is not)
    tasks = [make_task("1", [], milestones=[ongoing()]),
             make_task("2", [make_measure("2.1", ["2018-06-30"])], milestones=["2018-06-30"])]
    plan = make_plan(tasks, claims=claims(tasks_done=2))
    (check,) = reconcile(plan=plan, journal=[entry("2.1", "2018-06-20", "done")]).checks
    assert (check.computed, check.matches) == (1, False)


def test_a_report_named_by_a_registry_block_after_the_units_is_warned_of_at_its_own_line(tmp_path, monkeypatch):
    """The source: line is found in the registry: block wherever the block stands in the file (it
    alone is parsed again, not the whole plan): here after the units and tasks, its line moved."""
    monkeypatch.chdir(tmp_path)
    plan = Path(_small_quoting(tmp_path, "    - {key: tasks_total, text: 全区4项整改任务, value: 4}\n", None))
    text = plan.read_text(encoding="utf-8")
    start = text.index("registry:\n")
    end = text.index("\nunits:") + 1
    block, rest = text[start:end], text[:start] + text[end:]
    moved = rest.rstrip("\n") + "\n" + block
    plan.write_text(moved, encoding="utf-8")
    line = moved.splitlines().index("  source: report.txt") + 1
    assert line > 100  # (after the tasks: the line the reference parse of the block alone must offset)
    result = run("validate", "tasks.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"rectify: tasks.yaml:{line}: 警告：registry.source 所指的报告读不到（report.txt：文件不存在）："
                             "rectify reconcile 不会核对报告数字的原文\n")


@pytest.mark.parametrize("named", ["tasks.yaml", "sub/../tasks.yaml", "progress.yaml", "link.txt"])
def test_a_plan_naming_itself_or_its_journal_as_its_report_leaves_the_words_unchecked_saying_why(tmp_path, monkeypatch, named):
    """source: tasks.yaml (or a path, or a link, leading to it): the plan holds the claims' words, so
    every claim was 'found in the report'; the journal was searched as a report too."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.txt").symlink_to(tmp_path / "tasks.yaml")
    plan = Path(_small_quoting(tmp_path, "    - {key: tasks_total, text: 全区4项整改任务均已完成, value: 4}\n", None))
    plan.write_text(plan.read_text(encoding="utf-8").replace("  source: report.txt\n", f"  source: {named}\n"),
                    encoding="utf-8")
    result = run("reconcile", "-r", "tasks.yaml")
    assert result.exit_code == 0, result.stdout  # (the figures agree; the words were not checked, and it says so)
    assert result.stdout.endswith(f"\n\n全部一致。\n未核对原文：读不到报告（{named}：是台账自身的文件，不是报告）。\n")
    en = run("reconcile", "-r", "tasks.yaml", "--lang", "en")
    assert en.stdout.replace("\n", " ").endswith(
        f" it cannot be read ({named}: is a file of the ledger itself, not the report). ")
    (checked,) = __import__("json").loads(run("reconcile", "-r", "tasks.yaml", "--format", "json").stdout)["reports"]
    assert (checked["source"]["read"], checked["source"]["why"], checked["claims"][0]["quoted"]) == (False, "ledger", None)
    validated = run("validate", "tasks.yaml")
    assert (validated.exit_code, validated.stderr) == (0, f"rectify: tasks.yaml:9: 警告：registry.source 所指的报告读不到"
                                                          f"（{named}：是台账自身的文件，不是报告）：rectify reconcile 不会核对报告数字的原文\n")


def test_the_core_functions_take_their_arguments_by_name():
    """The standard's keyword-only core: a plan and a journal swapped can't be passed unnamed."""
    from rectify_cli.reconcile import reconcile_files

    plan = make_plan([make_task("1")])
    for call in (lambda: reconcile(plan, []), lambda: reconcile_files(plan, [])):
        with pytest.raises(TypeError):
            call()
    assert reconcile_files(plan=plan, journal=[])[0][0] is None
