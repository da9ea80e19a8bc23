"""`rectify status` and `rectify show` end to end, on the small fixture as of 2019-03-31."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import run_cli as run
from rich.cells import cell_len

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "render" / "snapshots"  # pinned by tests/render/test_rich_status.py
SMALL = "tests/fixtures/small/tasks.yaml"


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def snapshot(name: str) -> str:
    return (SNAPSHOTS / name).read_text(encoding="utf-8")


def measure_ids(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [m["id"] for t in json.loads(result.stdout)["tasks"] for m in t["measures"]]


# --------------------------------------------------------------------------- status


def test_status_table_zh():
    result = run("status", "--registry", SMALL)
    assert result.exit_code == 0
    assert result.stdout == snapshot("status_zh.txt")


def test_status_table_en_with_measures():
    result = run("status", "--registry", SMALL, "--lang", "en", "--measures")
    assert result.exit_code == 0
    assert result.stdout == snapshot("status_measures_en.txt")


def test_status_limit_lists_the_worst_rows_and_says_how_many_more_while_the_counts_stay_whole():
    # (a national ledger's status listed its 22,250 tasks, with no way to ask for the worst few)
    result = run("status", "--registry", SMALL, "--limit", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:6] == snapshot("status_zh.txt").splitlines()[:6]  # (4 tasks, 8 measures: all counted)
    assert [line.split()[0] for line in lines[9:11]] == ["1", "2"]
    assert lines[11:] == ["（只列出最严重的 2 行，另有 2 行未列出；去掉 --limit 即可全部列出）"]


def test_status_limit_of_measures_in_english():
    result = run("status", "--registry", SMALL, "--measures", "--limit", "3", "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines[9:12]] == [["1.1", "red"], ["2.1", "yellow"], ["3.2", "yellow"]]
    assert lines[12:] == ["(The 3 worst shown, 5 more not listed; drop --limit to list them all)"]


def test_status_limit_of_one_row_in_english_reads_as_english():
    """`--limit 1` said "(The 1 worst shown, 3 more not listed; …)"."""
    result = run("status", "--registry", SMALL, "--limit", "1", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "(The worst one shown, 3 more not listed; drop --limit to list them all)"
    result = run("status", "--registry", SMALL, "--limit", "1")
    assert result.stdout.splitlines()[-1] == "（只列出最严重的 1 行，另有 3 行未列出；去掉 --limit 即可全部列出）"


@pytest.mark.parametrize("lang, width, expected", [
    ("zh", 48, ["（只列出最严重的 2 行，另有 2 行未列出；去掉", "--limit 即可全部列出）"]),
    ("en", 46, ["(The 2 worst shown, 2 more not listed; drop", "--limit to list them all)"]),
])
def test_status_limit_line_never_breaks_the_option_it_names(lang, width, expected):
    """A terminal some 46-50 columns wide broke the line after the option's hyphens, `去掉 --`
    then `limit 即可…`: the option to drop was in neither line."""
    result = run("status", "--registry", SMALL, "--limit", "2", "--lang", lang, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == expected


def test_status_limit_not_short_of_the_rows_changes_nothing():
    assert run("status", "--registry", SMALL, "--limit", "4").stdout == snapshot("status_zh.txt")


def test_status_json_limit_gives_the_worst_tasks_and_how_many_were_left_out():
    document = json.loads(run("status", "--registry", SMALL, "--format", "json", "--limit", "1").stdout)
    assert [t["id"] for t in document["tasks"]] == ["1"]
    assert document["tasks_omitted"] == 3
    assert document["counts"]["lights"] == {"red": 1, "yellow": 2, "green": 5}
    assert "tasks_omitted" not in json.loads(run("status", "--registry", SMALL, "--format", "json").stdout)


def test_status_limit_of_no_rows_is_refused():
    result = run("status", "--registry", SMALL, "--limit", "0")
    assert (result.exit_code, result.stdout) == (2, "")
    # (the usage line names the program as it was run: rectify, python -m rectify_cli)
    assert re.fullmatch(r"rectify: --limit：0 不在可选范围内（应不小于 1）；用法见 .+ status --help\n", result.stderr), result.stderr


@pytest.mark.parametrize("lang, warning", [
    ("zh", "注意：核查日期 2017-06-30 早于督察反馈日期 2018-01-03，整改尚未开始，各项措施尚无可核查的进展。"),
    ("en", "Note: 2017-06-30 is before the inspection's feedback date, 2018-01-03: rectification had not begun, "
           "and no measure has progress to judge."),
])
def test_status_as_of_a_day_before_the_feedback_says_the_rectification_had_not_begun(lang, warning):
    # (it showed every measure green, 6 on track, and warned only that the ledger had no entries)
    lines = run("status", "--registry", SMALL, "--as-of", "2017-06-30", "--lang", lang).stdout.splitlines()
    counts = next(n for n, line in enumerate(lines) if line.startswith(("任务 4 项", "4 tasks")))
    assert (" " if lang == "en" else "").join(lines[2:counts]) == warning  # (wrapped to the terminal)
    assert "尚无任何进展记录" not in "".join(lines) and "no entries" not in "".join(lines)
    on_the_day = run("status", "--registry", SMALL, "--as-of", "2018-01-03", "--lang", lang).stdout
    assert "督察反馈日期" not in on_the_day and "feedback date" not in on_the_day  # (the day itself: begun)


@pytest.mark.parametrize("lang, warning", [("zh", "注意：台账尚无任何进展记录。"),
                                           ("en", "Warning: the ledger has no journal entries yet.")])
def test_a_ledger_without_entries_is_warned_of_only_after_a_reporting_period(tmp_path, lang, warning):
    # (it was warned of on the feedback day itself, while a folder's file with no entries waits a
    # period: feedback 2018-01-03, 90 days, so 2018-04-03 is the last day not warned of)
    shutil.copy(SMALL, tmp_path / "tasks.yaml")

    def warned(as_of):
        result = run("status", "-r", str(tmp_path / "tasks.yaml"), "--as-of", as_of, "--lang", lang)
        assert result.exit_code == 0, result.output
        return [line for line in result.stdout.splitlines() if line.startswith(("注意", "Warning"))]

    assert warned("2018-01-03") == []
    assert warned("2018-04-03") == []
    assert warned("2018-04-04") == [warning]


def test_status_json_says_the_day_judged_is_before_the_feedback_as_the_header_does():
    # (the header said rectification had not begun; the JSON gave no sign of it)
    before = json.loads(run("status", "--registry", SMALL, "--format", "json", "--as-of", "2017-06-30").stdout)
    assert (before["feedback_date"], before["before_feedback"]) == ("2018-01-03", True)
    on_the_day = json.loads(run("status", "--registry", SMALL, "--format", "json", "--as-of", "2018-01-03").stdout)
    assert (on_the_day["feedback_date"], on_the_day["before_feedback"]) == ("2018-01-03", False)


def test_status_json_gives_the_day_the_ledger_was_last_written_to(tmp_path):
    """A report back-dated to 2019-03-20 but written on 2019-06-20 (`recorded:`): the ledger's
    latest_entry stays the latest date, 2019-03-10 before it, the back-dated one after, and
    last_update, what the "not updated" warning counts from, is the day it was written. Before,
    a program reading latest_entry alone saw an entry 92 days old and no reason for no warning."""
    shutil.copytree(ROOT / "tests/fixtures/small", tmp_path / "small")
    registry = str(tmp_path / "small/tasks.yaml")
    env = {"RECTIFY_TODAY": "2019-06-20"}
    before = json.loads(run("status", "--registry", registry, "--format", "json", env=env).stdout)
    assert (before["latest_entry"], before["last_update"]) == ("2019-03-10", "2019-03-10")
    written = run("report", "2.1", "--note", "三月报告", "--date", "2019-03-20", "--registry", registry, env=env)
    assert written.exit_code == 0, written.output
    after = json.loads(run("status", "--registry", registry, "--format", "json", env=env).stdout)
    assert (after["latest_entry"], after["last_update"]) == ("2019-03-20", "2019-06-20")
    # (as of a day before it was written, the entry counts from its own date)
    earlier = json.loads(run("status", "--registry", registry, "--format", "json", "--as-of", "2019-05-01", env=env).stdout)
    assert (earlier["latest_entry"], earlier["last_update"]) == ("2019-03-20", "2019-03-20")


def test_status_json():
    result = run("status", "--registry", SMALL, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["as_of"], document["latest_entry"]) == ("2019-03-31", "2019-03-10")
    assert document["counts"]["lights"] == {"red": 1, "yellow": 2, "green": 5}
    assert [t["id"] for t in document["tasks"]] == ["1", "2", "3", "4"]
    assert measure_ids(result) == ["1.1", "1.2", "2.1", "2.2", "3.2", "3.1", "4.2", "4.1"]
    assert "测试台账" not in result.stdout  # a document, not the table


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--state", "overdue"], ["1.1"]),
        (["--state", "stale", "--state", "due_soon"], ["2.1", "3.2"]),
        # (a comma list, as check --fail-on takes: refused as one unknown state before)
        (["--state", "stale,due_soon"], ["2.1", "3.2"]),
        (["--state=due_soon, stale,", "--state", "overdue"], ["1.1", "2.1", "3.2"]),
        # (typed on a Chinese keyboard: "“stale，due_soon”不是可选的值" before)
        (["--state", "stale，due_soon"], ["2.1", "3.2"]),
        (["--state", "overdue、stale"], ["1.1", "3.2"]),
        # An alias of 自治区生态环境厅; task 1 last: its only measure of them (1.2) is done.
        (["--owner", "环境保护厅"], ["3.2", "3.1", "4.2", "1.2"]),
        (["--region", "那曲市"], ["2.1", "2.2", "4.2", "4.1"]),
        (["--task", "4"], ["4.2", "4.1"]),
        (["--task", "4", "--owner", "自治区生态环境厅"], ["4.2"]),
    ],
)
def test_status_filters(args, expected):
    assert measure_ids(run("status", "--registry", SMALL, "--format", "json", *args)) == expected


def test_status_json_says_the_filters_in_force():
    """`status --owner 环境保护厅 --format json` gave counts and tasks with nothing to tell they
    were a part of the ledger's; its header says the filters, and the JSON now does too: units as
    the plan names them (an alias as its unit), ids as looked up (４ is 4), states by name, each once."""
    result = run("status", "--registry", SMALL, "--format", "json", "--owner", "环境保护厅", "--owner", "自治区生态环境厅",
                 "--task", "４", "--state", "overdue,due_soon")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["filters"] == {
        "owner": ["自治区生态环境厅"], "task": ["4"], "state": ["overdue", "due_soon"]}
    assert json.loads(run("status", "--registry", SMALL, "--format", "json").stdout)["filters"] == {}


@pytest.mark.parametrize("lang, given, said", [
    ("zh", "overdue,bogus", "rectify: --state：“bogus”不是可选的值（可选：overdue、due_soon、on_track、ongoing、done、stale）"
                            "；用法见 rectify status --help\n"),
    ("en", "overdue,bogus", "rectify: --state: 'bogus' is not one of the choices (overdue, due_soon, on_track, ongoing, "
                            "done, stale); see rectify status --help\n"),
    ("zh", "逾期,due_soon", "rectify: --state：“逾期”不是可选的值，应写作 overdue（可选：overdue、due_soon、on_track、ongoing、"
                           "done、stale）；用法见 rectify status --help\n"),
])
def test_an_unknown_state_in_a_state_list_is_refused_by_itself(lang, given, said):
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    result = CliRunner().invoke(app, ["status", "-r", SMALL, "--state", given, "--lang", lang], prog_name="rectify",
                                env={"RECTIFY_TODAY": "2019-03-31", "COLUMNS": "100"})
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


def test_status_filter_in_the_table():
    result = run("status", "--registry", SMALL, "--measures", "--state", "overdue")
    assert result.exit_code == 0
    rows = result.stdout.splitlines()[-1:]
    assert rows[0].split()[:4] == ["1.1", "红", "逾期90天", "2018-12-31"]


UNIT_OF_TASK_35 = ("--registry", "data/tasks.yaml", "--owner", "环境保护厅", "--as-of", "2019-03-31")


def test_owner_filter_lights_each_task_by_the_units_own_measures():
    """Task 35 is red for 35.3 (各地市, 274 days), but 环境保护厅's only measure of it, 35.5, is
    ongoing: for that unit the task is green, as its measures and `check` say."""
    result = run("status", *UNIT_OF_TASK_35)
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[1:5:2] == ["筛选条件：责任单位 自治区生态环境厅", "任务 13 项：红 0  黄 0  绿 13"]
    assert lines[4] == "措施 19 项：红 0  黄 0  绿 19"
    assert "35    污水管网建设不健全              2020年12月31日前完成，长期坚持  序时推进         0/1  绿" in lines
    assert "40    拉萨市工业园区管理工作有待加强  2018年9月30日前完成             基本完成         0/1  绿" in lines
    check = run("check", *UNIT_OF_TASK_35)
    assert (check.exit_code, check.stdout) == (0, "筛选条件：责任单位 自治区生态环境厅\n截至 2019-03-31，19 项措施均无逾期\n")
    whole = [line.rstrip() for line in run("status", *UNIT_OF_TASK_35[:2], "--task", "35", "--as-of", "2019-03-31").stdout.splitlines()]
    assert whole[-1] == "35    污水管网建设不健全  2020年12月31日前完成，长期坚持  序时推进   2/5  红  274天"  # all its measures


def test_owner_filter_in_json_rolls_tasks_up_from_the_listed_measures():
    document = json.loads(run("status", *UNIT_OF_TASK_35, "--format", "json").stdout)
    assert document["counts"]["tasks"] == {"overdue": 0, "due_soon": 0, "on_track": 1, "ongoing": 9, "done": 3}
    task = next(t for t in document["tasks"] if t["id"] == "35")
    assert (task["status"], task["light"], task["days_overdue"]) == ("ongoing", "green", 0)
    assert [(m["id"], m["status"]) for m in task["measures"]] == [("35.5", "ongoing")]


_ROLLUP = ("overdue", "due_soon", "on_track", "ongoing", "done")  # worst first, the engine's roll-up


@pytest.mark.parametrize("args", [
    ("--owner", "环境保护厅"), ("--owner", "拉萨市"), ("--state", "on_track"), ("--state", "overdue", "--state", "stale"),
    ("--region", "那曲市"), ("--owner", "各地市", "--state", "done", "--state", "ongoing"),
])
@pytest.mark.parametrize("as_of", ["2019-03-31", "2020-06-30"])
def test_every_filtered_task_agrees_with_its_listed_measures(args, as_of):
    document = json.loads(run("status", "--registry", "data/tasks.yaml", "--as-of", as_of, "--format", "json", *args).stdout)
    assert document["tasks"]
    for task in document["tasks"]:
        measures = task["measures"]
        assert task["status"] == min((m["status"] for m in measures), key=_ROLLUP.index), task["id"]
        assert task["days_overdue"] == max(m["days_overdue"] for m in measures), task["id"]


def test_status_filter_matching_nothing_says_so():
    result = run("status", "--registry", SMALL, "--owner", "拉萨市", "--state", "done")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "没有符合筛选条件的任务或措施。"


@pytest.mark.parametrize("lang, line", [
    ("zh", "筛选条件：责任单位 拉萨市、自治区生态环境厅  地区 那曲市  任务 1、3  状态 逾期、久未报告"),
    ("en", "Filtered to: owner 拉萨市 or 自治区生态环境厅  region 那曲市  task 1 or 3  state overdue or stale"),
])
def test_status_header_says_the_filters_in_force(lang, line):
    """A filtered status pasted into a report read as the whole ledger's figures: the header said
    nothing of --owner, --region, --task or --state. Units as the plan names them (环境保护厅 is
    its alias), each said once; measures of ANY of them (en: "or")."""
    result = run("status", "--registry", SMALL, "--owner", "拉萨市", "--owner", "环境保护厅", "--owner", "拉萨市",
                 "--region", "那曲市", "--task", "1", "--task", "３", "--state", "overdue", "--state", "stale",
                 "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == line
    unfiltered = run("status", "--registry", SMALL, "--lang", lang).stdout.splitlines()
    assert not any(row.startswith(line.split("：")[0].split(":")[0]) for row in unfiltered)


def test_status_header_says_the_filters_of_a_selection_of_nothing_too():
    result = run("status", "--registry", SMALL, "--owner", "拉萨市", "--state", "done")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:2] == ["筛选条件：责任单位 拉萨市  状态 已销号"]
    assert result.stdout.splitlines()[-1] == "没有符合筛选条件的任务或措施。"


def test_status_header_keeps_each_filtered_units_name_whole_on_a_narrow_terminal():
    """At 40 columns it read 拉萨市 or 自治区住房 / 城乡建设厅: two units, one of them unknown."""
    result = run("status", "--registry", SMALL, "--owner", "拉萨市", "--owner", "自治区住房城乡建设厅", "--region", "那曲市",
                 "--lang", "en", env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2:5] == ["Filtered to: owner 拉萨市 or", "自治区住房城乡建设厅", "region 那曲市"]


def test_status_header_prints_a_units_name_literally_not_as_markup(tmp_path):
    """A unit named [red]x[/] (by its alias 那曲市 on the command line) is printed as typed."""
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(ROOT / "tests" / "fixtures" / "small" / name, tmp_path / name)
    plan = tmp_path / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "  - name: 那曲市\n" in text
    plan.write_text(text.replace("  - name: 那曲市\n", '  - name: "[red]x[/]"\n    aliases: [那曲市]\n'), encoding="utf-8")
    result = run("status", "--registry", str(plan), "--owner", "那曲市", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "Filtered to: owner [red]x[/]"


def test_chinese_date_equals_iso_date():
    iso = run("status", "--registry", SMALL, "--as-of", "2019-03-31", "--format", "json")
    chinese = run("status", "--registry", SMALL, "--as-of", "2019年3月31日", "--format", "json")
    assert iso.exit_code == chinese.exit_code == 0
    assert chinese.stdout == iso.stdout
    assert json.loads(iso.stdout)["as_of"] == "2019-03-31"


def test_impossible_date_exits_2_with_a_message():
    result = run("status", "--registry", SMALL, "--as-of", "2019-02-30", "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "rectify: --as-of: '2019-02-30' is not a real calendar date (that month has no such day)\n"
    )


def test_as_of_in_the_future_warns_that_the_ledger_was_not_updated():
    result = run("status", "--registry", SMALL, "--as-of", "2019-09-30")
    assert result.stdout.splitlines()[1:3] == [
        "截至 2019-09-30（今天是 2019-03-31）  最近一次记录 2019-03-10（早于截至日204天）",
        "注意：台账已 204 天（约 7 个月）未更新，超过报告周期 90 天。",
    ]


@pytest.mark.parametrize("lang, warning", [
    ("zh", "注意：台账已 2705 天（约 89 个月）未更新，超过报告周期 90 天。"),
    ("en", "Warning: the ledger has not been updated for 2705 days (about 89 months), longer than the 90-day "
           "reporting period.")])
def test_the_stale_ledger_warning_says_about_the_nearest_month(lang, warning):
    """88 months and 26 days was said 约 88 个月 (about 88 months): whole months, rounded down."""
    result = run("status", "--registry", "data/tasks.yaml", "--as-of", "2026-08-26", "--lang", lang,
                 env={"RECTIFY_TODAY": "2026-08-26", "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == warning


def test_english_counts_say_closed_and_completed_as_the_chinese_does():
    """已销号 (the state done: closed out) and 完成 (closed as far as dates go, the bar and the
    table's column) are two counts; English said "done" of both."""
    lines = run("status", "--registry", SMALL, "--lang", "en").stdout.splitlines()
    assert lines[4:6] == ["Measures by state: overdue 1  due soon 1  on track 2  ongoing 2 (1 stale)  closed 2",
                          "Completed [#######-----------------------]  2/8  25% (1 closed late)"]
    assert lines[7].split()[3:5] == ["Reported", "Completed"]


@pytest.mark.parametrize("lang, head, states", [
    ("zh", "措施 179 项：红 8  黄 69  绿 102",
     "措施状态：逾期 8  临期 2  按期推进 21  长期坚持 67（其中久未报告 67）  已销号 81"),
    ("en", "179 measures: red 8  yellow 69  green 102",
     "Measures by state: overdue 8  due soon 2  on track 21  ongoing 67 (67 stale)  closed 81")])
def test_the_states_add_up_to_the_measures_and_stale_is_said_as_part_of_ongoing(lang, head, states):
    """`逾期 8 临期 2 按期推进 21 长期坚持 67 已销号 81 久未报告 67` added up to 246 of 179 measures:
    久未报告 (stale) is only ever said of 长期坚持 measures, so it is said inside that count."""
    result = run("status", "--as-of", "2019-06-30", "--lang", lang, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[lines.index(head) + 1] == states


@pytest.mark.parametrize("lang, states", [
    ("zh", "措施状态：逾期 8  临期 0  按期推进 23  长期坚持 67  已销号 81"),
    ("en", "Measures by state: overdue 8  due soon 0  on track 23  ongoing 67  closed 81")])
def test_no_stale_measure_says_nothing_of_stale_inside_the_ongoing_count(lang, states):
    """The day after the last report none is stale: `长期坚持 67（其中久未报告 0）` said a part of
    nothing; the count stands alone."""
    result = run("status", "--as-of", "2019-04-01", "--lang", lang, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert states in result.stdout.splitlines()


@pytest.mark.parametrize("lang, owners", [("zh", {"14.6": "自治区财政厅、…", "27.3": "自治区能源局、…"}),
                                           ("en", {"14.6": "自治区财政厅,…", "27.3": "自治区能源局,…"})])
def test_a_list_of_owners_cut_after_its_comma_ends_the_same_way_as_the_summarys(lang, owners):
    """At 80 columns English owners read `自治区财政厅, …`, the summary's `自治区自然资源厅,…`:
    the ellipsis follows the comma, never a space."""
    result = run("status", "--as-of", "2019-06-30", "--measures", "--lang", lang, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.split()[:1] in (["14.6"], ["27.3"])}
    assert {measure: re.split(r"\s{2,}", row)[3] for measure, row in rows.items()} == owners
    assert " …" not in result.stdout


def test_english_reported_state_fits_at_80_columns():
    result = run("status", "--registry", SMALL, "--lang", "en", env={"COLUMNS": "80"})
    # (the count of late closes, 4.1's, gives way first; the command, with the ledger typed, on its own line)
    assert result.stdout.splitlines()[-2:] == ["(Too narrow to show: Closed late;",
                                               "see rectify show <id> -r tests/fixtures/small/tasks.yaml)"]
    rows = result.stdout.splitlines()[-6:-2]
    assert [row[:6].strip() for row in rows] == ["1", "2", "3", "4"]
    for row, reported in zip(rows, ["essentially done", "on schedule", "on schedule", "interim results"]):
        assert f"  {reported}  " in row, row
    assert max(len(row) for row in rows) <= 80


def _left_out(stdout: str) -> list[str]:
    """The line under a narrow table naming what it left out, and the command that shows it, as
    wrapped: from its opening bracket to its closing one."""
    lines = stdout.splitlines()
    start = next(at for at, line in enumerate(lines) if line.startswith(("（终端太窄", "(Too narrow")))
    end = next(at for at in range(start, len(lines)) if lines[at].endswith(("）", ")")))
    return lines[start:end + 1]


def _pasted(footer: list[str], item: str) -> list[str]:
    """The command a footer names, its lines joined as the terminal shows them, split as a POSIX
    shell splits it, `item` for its placeholder: the arguments after `rectify`."""
    text = " ".join(footer)
    command = text[text.index("rectify "):].rstrip("）)")
    words = shlex.split(command.replace("<编号>", item).replace("<id>", item))
    assert words[0] == "rectify", command
    return words[1:]


@pytest.mark.parametrize("lang, width, footer", [
    ("zh", 40, ["（终端太窄，未显示：问题、报告进度、", "逾期销号；", "见 rectify show <编号>", "-r '台账 副本/tasks.yaml'）"]),
    ("en", 40, ["(Too narrow to show: Problem, Reported,", "Completed, Closed late;", "see rectify show <id>",
                "-r '台账 副本/tasks.yaml')"]),
    ("en", 80, ["(Too narrow to show: Closed late;", "see rectify show <id> -r '台账 副本/tasks.yaml')"]),
])
def test_the_show_a_narrow_status_points_at_names_the_registry_as_typed(tmp_path, monkeypatch, lang, width, footer):
    """Pasted, `rectify show <编号>` showed the ledger found from here (or the bundled one), not the one
    -r named. Wider than the line, the command takes a line of its own, and is broken between its
    words only: -r with its path where they fit a line, never inside the path."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "台账 副本")
    monkeypatch.chdir(tmp_path)
    result = run("status", "-r", "台账 副本/tasks.yaml", "--lang", lang,
                 env={"COLUMNS": str(width), "RECTIFY_REGISTRY": None})
    assert result.exit_code == 0, result.output
    assert _left_out(result.stdout) == footer
    assert max(map(cell_len, result.stdout.splitlines())) <= width
    pasted = run(*_pasted(footer, "1"), "--lang", lang, env={"COLUMNS": "100", "RECTIFY_REGISTRY": None})
    assert pasted.exit_code == 0, pasted.output
    assert "污水处理设施建设滞后" in pasted.stdout  # (the small ledger's task 1, not the bundled one's)


@pytest.mark.parametrize("lang, footer", [
    ("zh", ["（终端太窄，未显示：问题、报告进度、", "逾期销号；", "见 rectify show <编号>", "-r '台账 副本/tasks.yaml'",
            "--as-of 2019-06-30 --warn-days 40", "--report-period 30）"]),
    ("en", ["(Too narrow to show: Problem, Reported,", "Completed, Closed late;", "see rectify show <id>",
            "-r '台账 副本/tasks.yaml'", "--as-of 2019-06-30 --warn-days 40", "--report-period 30)"]),
])
def test_the_show_a_narrow_status_points_at_judges_the_day_and_rules_the_status_judged(tmp_path, monkeypatch, lang, footer):
    """Pasted, the show judged today by the ledger's own warning days and reporting period, not
    the day and rules of the screen it was read on. The day as the date it named; the filters,
    which show does not take, and what only changes the output (--no-cache, --lang) left out."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "台账 副本")
    monkeypatch.chdir(tmp_path)
    result = run("status", "-r", "台账 副本/tasks.yaml", "--as-of", "2019年6月底", "--warn-days", "40",
                 "--report-period", "30", "--owner", "拉萨市", "--owner", "那曲市", "--no-cache", "--lang", lang,
                 env={"COLUMNS": "40", "RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-03-31"})
    assert result.exit_code == 0, result.output
    assert _left_out(result.stdout) == footer
    pasted = run(*_pasted(footer, "1"), "--format", "json", env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-03-31"})
    assert pasted.exit_code == 0, pasted.output
    judged = json.loads(pasted.stdout)
    assert (judged["as_of"], judged["warn_days"], judged["report_period_days"]) == ("2019-06-30", 40, 30)


@pytest.mark.parametrize("found", ["default", "environment"])
def test_a_registry_the_status_command_line_did_not_name_is_not_added_to_the_show_it_points_at(tmp_path, monkeypatch, found):
    """The ledger found from the working folder, or named by RECTIFY_REGISTRY (still set in the same
    shell), is the one the pasted command finds: no -r."""
    (tmp_path / "data").mkdir()
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(ROOT / "tests" / "fixtures" / "small" / name, tmp_path / "data" / name)
    (tmp_path / ".git").mkdir()  # (the search for data/ stops here)
    monkeypatch.chdir(tmp_path)
    env = {"COLUMNS": "40", "RECTIFY_REGISTRY": str(tmp_path / "data" / "tasks.yaml") if found == "environment" else None}
    result = run("status", env=env)
    assert result.exit_code == 0, result.output
    assert _left_out(result.stdout) == ["（终端太窄，未显示：问题、报告进度、", "逾期销号；见 rectify show <编号>）"]


@pytest.mark.parametrize("lang, line", [("en", "As of 2019-03-31  No entries yet"), ("zh", "截至 2019-03-31  尚无进展记录")])
def test_header_of_an_empty_journal_says_no_entries_yet(tmp_path, lang, line):
    shutil.copy(SMALL, tmp_path / "tasks.yaml")
    result = run("status", "--registry", str(tmp_path / "tasks.yaml"), "--lang", lang)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == line


# --------------------------------------------------------------------------- show


def test_show_measure():
    result = run("show", "4.2", "--registry", SMALL)
    assert result.exit_code == 0
    assert result.stdout == snapshot("show_measure_4.2_zh.txt")


HISTORY_HEADING = {"zh": "进展记录", "en": "History"}  # (show's heading above its history table)


@pytest.mark.parametrize("lang, words", [("zh", ["日期", "记录", "记录单位", "进展", "佐证"]),
                                         ("en", ["Date", "Entry", "By", "Note", "Evidence"])])
def test_show_orders_its_history_columns_as_history_does(lang, words):
    """`history` lists 记录单位 / 进展 / 佐证, show's history table listed 进展 / 佐证 / 记录单位.
    (1.2's entry names its unit: both show every column.)"""
    shown = run("show", "1.2", "--registry", SMALL, "--lang", lang).stdout.splitlines()
    listed = run("history", "1.2", "--registry", SMALL, "--lang", lang).stdout.splitlines()
    assert shown[shown.index(HISTORY_HEADING[lang]) + 1].split() == words
    assert [word for word in listed[0].split() if word not in ("措施", "Measure")] == words


def test_show_task_en():
    result = run("show", "4", "--registry", SMALL, "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == snapshot("show_task_4_en.txt")


def test_show_unknown_id_exits_2_with_a_hint():
    result = run("show", "9.9", "--registry", SMALL, "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "rectify: no task or measure '9.9' (tasks are 1 to 4)\n"
    result = run("show", "4.9", "--registry", SMALL, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == "rectify: no task or measure '4.9' (did you mean 4.2, 4.1?)\n"


# --------------------------------------------------------------------------- colour


def _run_on_a_terminal(*args, no_color: bool | str) -> bytes:
    """Run `rectify` with stdout on a pseudo-terminal, where colour is on unless NO_COLOR (a
    string: NO_COLOR set to it)."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(RECTIFY_TODAY="2019-03-31", COLUMNS="100", TERM="xterm-256color")
    if no_color is not False:
        env["NO_COLOR"] = "1" if no_color is True else no_color
    # Read while it runs: a full terminal buffer would otherwise block the child.
    proc = subprocess.Popen([sys.executable, "-m", "rectify_cli", *args], stdout=slave,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal has no writer left
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0, stderr
    return b"".join(chunks)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_colour_on_a_terminal_and_none_with_no_color():
    coloured = _run_on_a_terminal("status", "--registry", SMALL, no_color=False)
    plain = _run_on_a_terminal("status", "--registry", SMALL, no_color=True)
    assert b"\x1b[" in coloured
    assert b"\x1b[" not in plain
    assert "完成 [#######-----------------------]  2/8  25%".encode() in plain
    # no-color.org: NO_COLOR set but empty asks for nothing
    assert b"\x1b[" in _run_on_a_terminal("status", "--registry", SMALL, no_color="")


@pytest.mark.parametrize("command", [["status"], ["show", "1"]])
def test_columns_0_is_no_width(command):
    """Emacs shells and some containers set COLUMNS=0: laid out in 80 columns, not in none."""
    env = {k: v for k, v in os.environ.items() if k not in ("RECTIFY_REGISTRY", "COLUMNS")}
    at_80 = subprocess.run([sys.executable, "-m", "rectify_cli", *command, "--registry", SMALL],
                           capture_output=True, env={**env, "RECTIFY_TODAY": "2019-03-31", "COLUMNS": "80"}, cwd=ROOT)
    at_0 = subprocess.run([sys.executable, "-m", "rectify_cli", *command, "--registry", SMALL],
                          capture_output=True, env={**env, "RECTIFY_TODAY": "2019-03-31", "COLUMNS": "0"}, cwd=ROOT)
    assert (at_0.returncode, at_0.stdout) == (0, at_80.stdout) and "任务".encode() in at_0.stdout


def _piped_widths(command: list[str], columns: str | None) -> list[int]:
    """The display width of each line `command` writes into a pipe (stdin not a terminal either:
    Rich would take its width), with COLUMNS as given or unset."""
    env = {k: v for k, v in os.environ.items() if k not in ("RECTIFY_REGISTRY", "COLUMNS")}
    env.update(RECTIFY_TODAY="2019-03-31", PYTHONIOENCODING="utf-8")
    if columns is not None:
        env["COLUMNS"] = columns
    result = subprocess.run([sys.executable, "-m", "rectify_cli", *command], capture_output=True, env=env, cwd=ROOT,
                            stdin=subprocess.DEVNULL)
    assert result.returncode in (0, 1), result.stderr
    return [cell_len(line) for line in result.stdout.decode("utf-8").splitlines()]


@pytest.mark.parametrize("command", [["status"], ["history"], ["check"], ["reconcile"]])
def test_piped_every_table_command_fits_an_explicit_columns(command):
    """`COLUMNS=60 rectify history | cat` printed lines of 170 cells, check's and reconcile's 80,
    where status fitted 60."""
    widths = _piped_widths(command, "60")
    assert len(widths) > 5 and 50 <= max(widths) <= 60


@pytest.mark.parametrize("command, widest", [(["status"], range(70, 81)), (["history"], range(121, 400)),
                                             (["check"], range(70, 81)), (["reconcile"], range(70, 81))])
def test_piped_without_columns_history_keeps_whole_lines_and_the_others_80_cells(command, widest):
    assert max(_piped_widths(command, None)) in widest


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_standard_output_that_cannot_carry_chinese_gets_utf_8(tmp_path, encoding):
    """A C locale or PYTHONIOENCODING=ascii: UTF-8, as `check` writes it, not a crash halfway
    (after `record` had written its entry, a retry recorded it twice)."""
    shutil.copytree(Path(SMALL).parent, tmp_path / "small")
    env = {k: v for k, v in os.environ.items() if k not in ("RECTIFY_REGISTRY", "COLUMNS")}
    env.update(RECTIFY_TODAY="2019-03-31", RECTIFY_CACHE_DIR=str(tmp_path / "cache"), PYTHONIOENCODING=encoding)
    plan = str(tmp_path / "small" / "tasks.yaml")
    status = subprocess.run([sys.executable, "-m", "rectify_cli", "status", "--registry", plan],
                            capture_output=True, env=env, cwd=ROOT)
    assert status.returncode == 0, status.stderr
    assert status.stdout.decode("utf-8").startswith("测试台账")
    record = subprocess.run([sys.executable, "-m", "rectify_cli", "report", "2.2", "--note", "四月检查", "--registry", plan],
                            capture_output=True, env=env, cwd=ROOT)
    assert (record.returncode, record.stderr) == (0, b"")
    assert record.stdout.decode("utf-8").startswith("已记录 2.2 2019-03-31 定期报告")
    assert (tmp_path / "small" / "progress.yaml").read_text(encoding="utf-8").count("四月检查") == 1


def test_filters_naming_nothing_in_the_registry_exit_2():
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    base = ["status", "--registry", "tests/fixtures/small/tasks.yaml", "--as-of", "2019-03-31", "--lang", "en"]
    result = CliRunner().invoke(app, [*base, "--task", "9"])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "rectify: --task: no task '9' (tasks are 1 to 4)\n")
    result = CliRunner().invoke(app, [*base, "--owner", "自治区生态环境听"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "rectify: --owner: unknown unit '自治区生态环境听' (did you mean 自治区生态环境厅?)\n")


# --------------------------------------------------------------------------- pipes


@pytest.mark.parametrize("args", [["status"], ["status", "--measures"], ["show", "1.1"]])
def test_a_reader_that_stops_early_is_no_error(args, tmp_path):
    """`rectify status | head -1`: the reader closes the pipe before rectify has written; the
    rest of the output goes nowhere, without a message, and the exit code is still 0."""
    env = {**os.environ, "RECTIFY_TODAY": "2019-03-31", "RECTIFY_CACHE_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "rectify_cli", *args, "-r", SMALL], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    proc.stdout.close()  # long before the first line is written (start-up takes 0.1 s)
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert (proc.wait(timeout=60), stderr) == (0, b"")


def test_english_counts_say_task_for_one():
    result = run("status", "--lang", "en", "--registry", SMALL, "--task", "1")
    assert result.stdout.splitlines()[3:5] == ["1 task: red 1  yellow 0  green 0", "2 measures: red 1  yellow 0  green 1"]



def test_the_bundled_ledger_is_named_as_a_user_would_type_it_from_here(monkeypatch, tmp_path):
    # (from the checkout: data/tasks.yaml, as in the README; from elsewhere, where it is)
    # (wide enough for any checkout's path: at 80 columns a long one moves to the next line)
    wide = {"COLUMNS": "400"}
    assert run("status", env=wide).stdout.splitlines()[0].endswith("  data/tasks.yaml")
    (tmp_path / ".git").mkdir()  # (a repository without data/tasks.yaml: nothing above it is looked at)
    monkeypatch.chdir(tmp_path)
    assert run("status", env=wide).stdout.splitlines()[0].endswith(f"  {ROOT / 'data' / 'tasks.yaml'}（内置示例台账：未找到 "
                                                                 "./data/tasks.yaml）")


@pytest.mark.parametrize("lang, notice", [("zh", "（内置示例台账：未找到 ./data/tasks.yaml）"),
                                          ("en", " (bundled example ledger: no ./data/tasks.yaml found)")])
def test_a_newcomer_without_a_ledger_is_told_theirs_is_the_bundled_example(monkeypatch, tmp_path, lang, notice):
    """In a folder with no ledger of its own, status showed the Tibet example's title and a long
    path, as if it were the newcomer's: said so, where the file is named; not when it is asked for."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    bundled = str(ROOT / "data" / "tasks.yaml")
    wide = {"COLUMNS": "400"}
    status = run("status", "--lang", lang, env=wide)
    assert status.exit_code == 0, status.output
    assert status.stdout.splitlines()[0].endswith(f"  {bundled}{notice}")
    validate = run("validate", "--lang", lang, env=wide)
    assert (validate.exit_code, validate.stdout.split("：通过" if lang == "zh" else ": ok")[0]) == (0, bundled + notice)
    # (given by -r, or found in data/ here: the ledger the user chose, as it was)
    assert run("status", "-r", bundled, "--lang", lang, env=wide).stdout.splitlines()[0].endswith(f"  {bundled}")
    assert notice not in run("validate", "-r", bundled, "--lang", lang).stdout
    shutil.copytree(ROOT / "data", tmp_path / "data")
    assert run("status", "--lang", lang, env=wide).stdout.splitlines()[0].endswith("  data/tasks.yaml")


@pytest.mark.parametrize("lang, columns", [("zh", "60"), ("en", "80")])
def test_the_bundled_ledgers_header_keeps_each_count_with_its_name_and_no_trailing_space(monkeypatch, tmp_path, lang,
                                                                                         columns):
    """The tester's lines: `措施状态：… 已销号 ` then `83  久未报告 65` at 60 columns, `stale 65`
    alone at 80 in English, and a title piped at 80 cells ending `…报告  `."""
    (tmp_path / ".git").mkdir()  # (no ledger of its own found: the bundled one)
    monkeypatch.chdir(tmp_path)  # (the bundled ledger named by its whole path: the title line wraps)
    result = run("status", "--lang", lang, env={"COLUMNS": columns, "RECTIFY_TODAY": "2019-07-02"})
    assert result.exit_code == 0, result.output
    header = result.stdout.split("\n\n")[0].splitlines()
    parted = re.compile(r"^\s*[0-9]+(  |$)")  # (a count parted from its name: `83  久未报告 65`, `65`)
    assert not [line for line in header if line != line.rstrip() or parted.match(line)], header
    assert [line for line in header if line.startswith(("措施状态", "Measures by state"))] == [
        "措施状态：逾期 10  临期 0  按期推进 21",  # (长期坚持 67（其中久未报告 67） whole, on the next line)
        "Measures by state: overdue 10  due soon 0  on track 21  ongoing 67 (67 stale)"][lang == "en":][:1]


# (each state word and its count, as the counts lines say them; the bracket after 长期坚持's)
_STATES = {"zh": ("逾期 8", "临期 2", "按期推进 21", "长期坚持 67", "已销号 81", "（其中久未报告 67）"),
           "en": ("overdue 8", "due soon 2", "on track 21", "ongoing 67", "closed 81", "(67 stale)")}


@pytest.mark.parametrize("lang, columns, block", [
    # (长期坚持 / 67（其中久未报告 67）: the word parted from its count)
    ("zh", 24, ["任务 45 项：红 7  黄 31", "            绿 7", "措施 179 项：红 8  黄 69", "             绿 102",
                "措施状态：逾期 8  临期 2", "按期推进 21", "长期坚持 67", "（其中久未报告 67）", "已销号 81"]),
    # (Measures by state: overdue / 8, and ongoing 67 (67 / stale))
    ("en", 20, ["45 tasks: red 7", "          yellow 31", "          green 7", "179 measures: red 8",
                "yellow 69  green 102", "Measures by state:", "overdue 8", "due soon 2", "on track 21",
                "ongoing 67", "(67 stale)", "closed 81"]),
])
def test_below_40_columns_the_counts_keep_each_state_word_with_its_count(lang, columns, block):
    """On a terminal below 40 columns the counts lines broke where Rich wraps, at any space: a state
    word ended a line and its count began the next, `长期坚持` / `67（其中久未报告 67）`. They break
    between two states, as the filters line does; a state wider than the line keeps its word and
    count together, its bracket whole on the next line. From 20 to 80 columns no line is wider."""
    result = run("status", "--limit", "1", "--lang", lang, env={"COLUMNS": str(columns), "RECTIFY_TODAY": "2019-06-30"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(("任务 45 项", "45 tasks")))
    assert lines[first:first + len(block)] == block
    for width in range(20, 81):
        result = run("status", "--limit", "1", "--lang", lang, env={"COLUMNS": str(width), "RECTIFY_TODAY": "2019-06-30"})
        lines = result.stdout.splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith(("任务 45 项", "45 tasks")))
        last = next(i for i, line in enumerate(lines) if line.startswith(("完成", "Completed")))
        counts = "\n".join(lines[first:last])
        assert max(map(cell_len, lines[first:last])) <= width, (width, counts)
        assert all(state in counts for state in _STATES[lang]), (width, counts)  # (each whole on one line)
        if width >= 30:  # (and 长期坚持's count with its bracket, where a line holds them)
            assert _STATES[lang][3] + ("" if lang == "zh" else " ") + _STATES[lang][5] in counts, (width, counts)


def _measure_ids(*args: str) -> set[str]:
    result = run("status", "--format", "json", "--as-of", "2019-06-30", *args)
    assert result.exit_code == 0, result.output
    return {m["id"] for t in json.loads(result.stdout)["tasks"] for m in t["measures"]}


def test_a_regions_filter_keeps_the_measures_of_every_region():
    """--region 昌都市 and --owner 昌都市 found nothing (exit 0, "没有符合筛选条件的任务或措施"),
    though 49 measures fall to 各地市, each prefecture, among them 35.3, overdue."""
    every_region = _measure_ids("--owner", "各地市")
    assert len(every_region) == 49 and "35.3" in every_region
    assert _measure_ids("--region", "昌都市") == every_region == _measure_ids("--owner", "昌都市")
    lhasa = _measure_ids("--region", "拉萨市")
    assert every_region < lhasa and "18.5" in lhasa  # (its own, and 18's: a task of its region)
    # a department's measures are its own, not every region's
    result = run("status", "--format", "json", "--as-of", "2019-06-30", "--owner", "自治区党委党校")
    owners = [m["owners"] for t in json.loads(result.stdout)["tasks"] for m in t["measures"]]
    assert owners and all("自治区党委党校" in names for names in owners)


def test_every_regions_unit_is_a_region_filter_and_an_unknown_region_lists_the_regions():
    """--region 各地市 was "unknown region '各地市'", a declared unit, with no list to choose from."""
    assert _measure_ids("--region", "各地市") == _measure_ids("--owner", "各地市")
    result = run("status", "--region", "自治区生态环境厅", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == ("rectify: --region: unknown region '自治区生态环境厅'; the regions are 拉萨市, 日喀则市, 山南市, "
                             "林芝市, 昌都市, 那曲市, 阿里地区, 墨竹工卡县 and 5 more\n")


# --------------------------------------------------------------------------- a late extension


@pytest.fixture
def late_extended(tmp_path) -> str:
    """The bundled ledger, 33.1 (due 2019-06-30) extended to 2019-12-31 on 2019-09-01: late."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data" / "tasks.yaml")
    result = run("extend", "33.1", "--to", "2019-12-31", "--reason", "x", "--approved-by", "自治区生态环境厅",
                 "--late", "--date", "2019-09-01", "--registry", registry, env={"RECTIFY_TODAY": "2019-09-30"})
    assert result.exit_code == 0, result.output
    return registry


def _status_rows(registry: str, *args: str, width: int) -> tuple[list[str], dict[str, str]]:
    """The lines under the counts (header, rule, rows, a legend under them) and each row by its measure."""
    result = run("status", "--measures", "--registry", registry, *args,
                 env={"RECTIFY_TODAY": "2019-09-30", "COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    table = lines[lines.index("") + 1:]
    return table, {row.split()[0]: row for row in table[2:]}


@pytest.mark.parametrize("width", [50, 60, 80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_measure_extended_after_its_deadline_is_marked_in_the_measures_table(late_extended, lang, width):
    """It stayed plain green 按期推进, like one extended in time: its deadline was moved after it was missed.
    Then the mark followed the deadline, which a narrow terminal cut (`2019-12-31 (extended lat…` at 50
    columns): it follows the measure's id, and a line under the table says what it means."""
    table, rows = _status_rows(late_extended, "--lang", lang, width=width)
    legend = next(at for at, line in enumerate(table) if line.startswith("* "))
    assert " ".join(table[legend:]) == MEASURE_LATE_LEGEND[lang]  # (wrapped at 50 columns, in English)
    assert [line.split()[0] for line in table[2:2 + 179] if line.split()[0].endswith("*")] == ["33.1*"]
    assert (rows["33.1*"], rows["35.3"]) == LATE_MEASURE_ROWS[lang, width]
    assert _spans_its_rule(table[:2 + 179], width)
    assert "".join(table[2 + 179:legend]).startswith(LEFT_OUT[lang]) == ((lang, width) in LATE_MEASURE_LEFT_OUT)


@pytest.mark.parametrize("lang, legend", [("zh", "已延期，原定期限：33.1 2019-06-30"),
                                           ("en", "Extended, first due: 33.1 2019-06-30")])
def test_the_measures_table_gives_the_deadline_an_extension_moved(tmp_path, lang, legend):
    """status --measures showed an extended measure's new date only (33.1 2019-12-31): the plan's,
    2019-06-30, was in show and the JSON alone, though status is to show both."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data" / "tasks.yaml")
    for measure, to in (("33.1", "2019-12-31"), ("39.3", "2020-03-31")):
        result = run("extend", measure, "--to", to, "--reason", "冬季停工", "--approved-by", "自治区生态环境厅",
                     "--date", "2019-04-20", "--registry", registry, env={"RECTIFY_TODAY": "2019-04-20"})
        assert result.exit_code == 0, result.output
    table, rows = _status_rows(registry, "--task", "33", "--lang", lang, width=100)
    assert rows["33.1"].split()[3 if lang == "zh" else 4] == "2019-12-31"
    assert table[-1] == legend  # (39.3, of another task, not listed: only the rows shown)
    table, _ = _status_rows(registry, "--lang", lang, width=100)
    assert table[-1] == legend.replace("2019-06-30", "2019-06-30" + ("、" if lang == "zh" else ", ") + "39.3 2019-06-30")
    table, _ = _status_rows(registry, "--task", "35", "--lang", lang, width=100)
    assert not any(line.startswith(legend.split("：")[0].split(":")[0]) for line in table)


MEASURE_LATE_LEGEND = {"zh": "* 逾期后延期：期限在过期后才延期", "en": "* extended late: its deadline moved after it passed"}
LATE_MEASURE_ROWS = {
    # (the units, and in English at 50 columns the text too, left out: they were cut to a few cells, `…   …`)
    ("zh", 50): ("33.1*  绿  按期推进   2019-12-31  拉萨市加快市区…",
                  "35.3   红  逾期457天  2018-06-30  已建成生活污水…"),
    ("en", 50): ("33.1*    green   on track          2019-12-31",
                  "35.3     red     457 days overdue  2018-06-30"),
    ("zh", 60): ("33.1*  绿  按期推进   2019-12-31  拉萨市        拉萨市加快…",
                  "35.3   红  逾期457天  2018-06-30  各地市        已建成生活…"),
    ("en", 60): ("33.1*    green   on track          2019-12-31  拉萨市加快市…",
                  "35.3     red     457 days overdue  2018-06-30  已建成生活污…"),
    ("zh", 80): ("33.1*  绿  按期推进   2019-12-31  拉萨市            拉萨市加快市区污水收集管网…",
                  "35.3   红  逾期457天  2018-06-30  各地市            已建成生活污水收集管网和污…"),
    ("en", 80): ("33.1*    green   on track          2019-12-31  拉萨市           拉萨市加快市区…",
                  "35.3     red     457 days overdue  2018-06-30  各地市           已建成生活污水…"),
    ("zh", 120): ("33.1*  绿  按期推进   2019-12-31  拉萨市                    拉萨市加快市区污水收集管网建设，将太阳岛、仙足岛两岛区域生…",
                  "35.3   红  逾期457天  2018-06-30  各地市                    已建成生活污水收集管网和污水集中处理设施的城镇，相关部门要…"),
    ("en", 120): ("33.1*    green   on track          2019-12-31  拉萨市                    拉萨市加快市区污水收集管网建设，将太阳岛、仙足…",
                  "35.3     red     457 days overdue  2018-06-30  各地市                    已建成生活污水收集管网和污水集中处理设施的城镇…"),
}
LATE_MEASURE_LEFT_OUT = {("zh", 50), ("en", 50), ("en", 60)}  # (the widths a line under the table names what it left out)
LEFT_OUT = {"zh": "（终端太窄，未显示：", "en": "(Too narrow to show: "}


def test_a_measure_extended_late_and_overdue_again_is_marked_too(late_extended):
    _, rows = _status_rows(late_extended, "--task", "33", "--as-of", "2020-01-10", width=100)
    assert rows["33.1*"].split()[:5] == ["33.1*", "红", "逾期10天", "2019-12-31", "拉萨市"]  # (its extended date)
    _, rows = _status_rows(late_extended, "--task", "33", "--as-of", "2020-01-10", "--lang", "en", width=100)
    assert rows["33.1*"].split()[:7] == ["33.1*", "red", "10", "days", "overdue", "2019-12-31", "拉萨市"]


@pytest.mark.parametrize("lang, deadline", [("zh", "整改时限         2019年6月30日前完成（逾期后延期：33.1）"),
                                            ("en", "Deadline          2019年6月30日前完成 (extended late: 33.1)")])
def test_show_of_a_task_says_which_of_its_measures_was_extended_late(late_extended, lang, deadline):
    """`show 33` said so only in its measures table, not in the task's own fields."""
    result = run("show", "33", "--registry", late_extended, "--lang", lang,
                 env={"RECTIFY_TODAY": "2019-09-30", "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert deadline in lines
    assert [line.split()[0] for line in lines if line.startswith("33.")] == ["33.1*", "33.2"]
    # (under the measures table, before the history of the task's entries)
    assert lines.index(MEASURE_LATE_LEGEND[lang]) + 2 == lines.index({"zh": "进展记录", "en": "History"}[lang])


@pytest.mark.parametrize("lang, rows", [
    # (when it was written in the same brackets: it said `late request) (written 2019-09-30)`)
    ("zh", ["2019-09-01  延期    （延期至2019-12-31；理由：x；批准：自治区生态环境厅；逾期申请；",
            "                    2019-09-30补录）"]),
    ("en", ["2019-09-01  extended     (extended to 2019-12-31; reason: x; approved by 自治区生态环境厅;",
            "                         late request; written 2019-09-30)"])])
def test_show_calls_a_late_extension_as_history_and_extend_call_it(late_extended, lang, rows):
    """History and extend's confirmation say 延期 → 2019-12-31（逾期申请）, `late request`; show said
    the same entry 期限过后才申请, `requested after the deadline`."""
    result = run("show", "33.1", "--registry", late_extended, "--lang", lang,
                 env={"RECTIFY_TODAY": "2019-09-30", "COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-2:] == rows


LATE_LEGEND = {"zh": "* 逾期后延期：有措施的期限在过期后才延期", "en": "* extended late: a measure's deadline moved after it passed"}


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("lang, as_of", [("zh", "2019-09-30"), ("en", "2019-09-30"), ("zh", "2020-01-10"), ("en", "2020-01-10")])
def test_the_task_of_a_measure_extended_late_is_marked_in_the_task_table(late_extended, lang, as_of, width):
    """Its row looked like any other task's; then the mark led the deadline cell, which cut it first
    (`(extended l…` at 80 columns, gone at 60): it follows the task's id, which is never cut, and
    a line under the table says what it means."""
    result = run("status", "--registry", late_extended, "--lang", lang, "--as-of", as_of,
                 env={"RECTIFY_TODAY": "2020-01-10", "COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    table = lines[lines.index("") + 1:][:2 + 45]
    rows = {line.split()[0]: line for line in table[2:]}
    assert "33*" in rows and "35" in rows and "35*" not in rows
    assert [row for row in rows if row.endswith("*")] == ["33*"]
    assert lines[-1] == LATE_LEGEND[lang]
    assert _spans_its_rule(table, width)
    # (the id column keeps its width: the mark takes no room from the others)
    assert table[0].startswith(("任务  ", "Task  ")) and rows["33*"].startswith("33*   ")
    if as_of == "2019-09-30":
        assert rows["33*"].rstrip() == LATE_ROWS[lang, width]


LATE_ROWS = {  # (narrower than 120 columns the deadline was cut, `2019年6 …`, `20…`: now it is given by its date)
    ("zh", 60): "33*   2019-06-30  序时推进         0/2  绿",
    ("en", 60): "33*   拉萨市、日喀…  2019-06-30        0/2  green",
    ("zh", 80): "33*   拉萨市、日喀则市污水处理设施…  2019-06-30  序时推进         0/2  绿",
    ("en", 80): "33*   拉萨市、日喀则…  2019-06-30  on schedule             0/2  green",
    ("zh", 120): "33*   拉萨市、日喀则市污水处理设施及配套管网建设进展迟…  2019年6月30日前完成             序时推进         0/2  绿",
    ("en", 120): "33*   拉萨市、日喀则市污水处理设施及配套…  2019年6月30日前完成             on schedule             0/2  green",
}


def test_the_task_table_has_no_legend_without_a_late_extension():
    result = run("status", "--registry", "data/tasks.yaml", env={"RECTIFY_TODAY": "2019-09-30", "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert re.match(r"\d+ +\S", result.stdout.splitlines()[-1])  # (the table's last row)
    assert "*" not in result.stdout


def test_status_json_says_which_measures_were_extended_late(late_extended):
    result = run("status", "--registry", late_extended, "--format", "json", env={"RECTIFY_TODAY": "2019-09-30"})
    assert result.exit_code == 0, result.output
    measures = {m["id"]: m for t in json.loads(result.stdout)["tasks"] for m in t["measures"]}
    assert (measures["33.1"]["light"], measures["33.1"]["next_due"], measures["33.1"]["extended_late"]) == (
        "green", "2019-12-31", True)
    assert [i for i, m in measures.items() if m["extended_late"]] == ["33.1"]


@pytest.mark.parametrize("lang, today, line", [
    ("zh", "2019-09-30", "截至 2019-09-30  绿  按期推进  下一期限 2019-12-31（逾期后延期）"),
    ("en", "2019-09-30", "As of 2019-09-30  green  on track  Next due 2019-12-31 (extended late)"),
    # overdue again: the date it missed is the extended one
    ("zh", "2020-01-10", "截至 2020-01-10  红  逾期10天  期限 2019-12-31（逾期后延期）"),
    ("en", "2020-01-10", "As of 2020-01-10  red  10 days overdue  Due 2019-12-31 (extended late)"),
])
def test_show_says_a_measure_stands_on_a_late_extension(late_extended, lang, today, line):
    result = run("show", "33.1", "--registry", late_extended, "--lang", lang,
                 env={"RECTIFY_TODAY": today, "COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert line in [shown.rstrip() for shown in result.stdout.splitlines()]  # (the fields' grid pads its lines)


SHOW_40 = {
    "zh": ["截至 2019-03-31  红  逾期182天  期限 2018-09-30",
           "措施  灯  状态       期限        责任单位          内容",
           "40.3  红  逾期182天  2018-09-30  曲水县            曲水县加强聂当工业园区环境保…",
           "40.4  红  逾期182天  2018-09-30  堆龙德庆区        堆龙德庆区加强堆龙工业园区环…"],
    "en": ["As of 2019-03-31  red  182 days overdue  Due 2018-09-30",
           "Measure  Light  Status            Due         Units             Text",
           "40.3     red    182 days overdue  2018-09-30  曲水县            曲水县加强聂当…",
           "40.4     red    182 days overdue  2018-09-30  堆龙德庆区        堆龙德庆区加强…"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_of_an_overdue_task_says_overdue_once_and_the_dates_missed(lang):
    """`红  逾期  逾期182天`, and in its measures table 逾期 beside 逾期182天 where the deadline
    belonged: 2018-09-30 was nowhere."""
    result = run("show", "40", "--registry", "data/tasks.yaml", "--lang", lang, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    state, head, *rows = SHOW_40[lang]
    assert state in lines
    table = lines.index(head)
    assert lines[table + 2:table + 4] == rows
    measure = run("show", "40.3", "--registry", "data/tasks.yaml", "--lang", lang, env={"COLUMNS": "80"})
    assert state in [line.rstrip() for line in measure.stdout.splitlines()]


# --------------------------------------------------------------------------- show on a narrow terminal


@pytest.mark.parametrize("lang, width, lines", [
    ("en", 50, ["As of 2019-09-30  red  365 days overdue",
                "                  Due 2018-09-30"]),
    ("zh", 50, ["截至 2019-09-30  红  逾期365天  期限 2018-09-30"]),
    ("en", 80, ["As of 2019-09-30  red  365 days overdue  Due 2018-09-30"]),
    ("zh", 80, ["截至 2019-09-30  红  逾期365天  期限 2018-09-30"]),
])
def test_show_keeps_a_label_and_its_date_on_one_line(lang, width, lines):
    """At 50 columns in English `Due` ended a line and its date 2018-09-30 began the next."""
    result = run("show", "40", "--registry", "data/tasks.yaml", "--lang", lang,
                 env={"COLUMNS": str(width), "RECTIFY_TODAY": "2019-09-30"})
    assert result.exit_code == 0, result.output
    shown = [line.rstrip() for line in result.stdout.splitlines()]
    start = shown.index(lines[0])
    assert shown[start:start + len(lines)] == lines
    assert "\u2060" not in result.stdout  # (what holds them together is not printed)


def _milestones(result) -> list[str]:
    """show's milestones table: the lines from its title to the blank line after it."""
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    start = next(at for at, line in enumerate(lines) if line in ("整改期限", "Milestones"))
    return lines[start:lines.index("", start)]


@pytest.mark.parametrize("lang, lines", [
    ("en", ["Milestones",
            "Kind     Due         Done  Status",
            "----------------------------------",
            "by date  2018-06-30  no    overdue"]),
    ("zh", ["整改期限",
            "类型  期限        完成  状态",
            "----------------------------",
            "限期  2018-06-30  否    逾期"]),
])
def test_show_at_50_columns_leaves_out_empty_milestone_columns_rather_than_cut_the_status(lang, lines):
    """`by date  2018-06-30                   no    overd…`: the empty 原定期限 and 事项 columns took
    the room of the status."""
    result = run("show", "35.3", "--registry", "data/tasks.yaml", "--lang", lang,
                 env={"COLUMNS": "50", "RECTIFY_TODAY": "2020-12-31"})
    assert result.exit_code == 0, result.output
    assert _milestones(result) == lines


@pytest.mark.parametrize("lang, width, lines", [
    ("en", 50, ["Milestones",
                "Kind     Due         Done  Status",
                "-----------------------------------",
                "by date  2019-12-31  no    on track",
                "Due 2019-12-31, originally 2019-06-30"]),
    ("zh", 50, ["整改期限",
                "类型  期限        原定期限    完成  状态",
                "--------------------------------------------",
                "限期  2019-12-31  2019-06-30  否    按期推进"]),
    ("zh", 40, ["整改期限",
                "类型  期限        完成  状态",
                "--------------------------------",
                "限期  2019-12-31  否    按期推进",
                "期限 2019-12-31 原定 2019-06-30"]),
    ("en", 60, ["Milestones",
                "Kind     Due         Originally due  Done  Status",
                "---------------------------------------------------",
                "by date  2019-12-31  2019-06-30      no    on track"]),
])
def test_show_on_a_narrow_terminal_puts_the_original_deadline_under_the_milestones(late_extended, lang, width, lines):
    """Where 原定期限 does not fit beside the status, it goes under the table, with the deadline it
    was moved to."""
    result = run("show", "33.1", "--registry", late_extended, "--lang", lang,
                 env={"COLUMNS": str(width), "RECTIFY_TODAY": "2019-09-30"})
    assert result.exit_code == 0, result.output
    assert _milestones(result) == lines


@pytest.mark.parametrize("lang, width, lines", [
    ("en", 50, ["Milestones",
                "Kind     Due         Step           Done  Status",
                "--------------------------------------------------",
                "by date  2019-12-31  5A级、4A级景   no    overdue",
                "                     区",
                "by date  2020-12-31  3A级、2A级、A  no    due soon",
                "                     级景区"]),
    ("en", 40, ["Milestones",
                "Kind     Due         Done  Status",
                "-----------------------------------",
                "by date  2019-12-31  no    overdue",
                "by date  2020-12-31  no    due soon",
                "Step due 2019-12-31: 5A级、4A级景区",
                "Step due 2020-12-31: 3A级、2A级、A级景区"]),
])
def test_show_on_a_narrow_terminal_keeps_the_steps_of_a_measure(lang, width, lines):
    """At 50 columns in English the 事项 column was gone, header and all: the steps were nowhere."""
    result = run("show", "30.2", "--registry", "data/tasks.yaml", "--lang", lang,
                 env={"COLUMNS": str(width), "RECTIFY_TODAY": "2020-12-31"})
    assert result.exit_code == 0, result.output
    assert _milestones(result) == lines


@pytest.mark.parametrize("lang, header, rows", [
    ("zh", "日期        记录    进展",
     ["2019-04-18  销号    （2019-04-30补录）",
      "                    记录单位：拉萨市",
      "                    佐证：验收意见"]),
    ("en", "Date        Entry        Note",
     ["2019-04-18  closed       (written 2019-04-30)",
      "                         By: 拉萨市",
      "                         Evidence: 验收意见"]),
])
def test_show_never_cuts_a_date_of_its_history_and_gives_the_note_room_for_it(tmp_path, lang, header, rows):
    """A back-dated close, 50 cells wide: the note was cut as （2019-04 / -30补录） and (written 2019-04- / 30);
    then `（` ended a line alone and `)` began one (Chinese line breaking: the note keeps room for them).
    Then the unit folded a character a line (拉 / 萨 / 市), evidence three (验收意 / 见), the header
    `Evidence` to `Evidenc` / `e`: too narrow for them, unit and evidence go under the note, named
    as `history` names them under its entry."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data" / "tasks.yaml")
    env = {"RECTIFY_TODAY": "2019-04-30", "COLUMNS": "50"}
    closed = run("close", "40.3", "--evidence", "验收意见", "--date", "2019-04-18", "--by", "拉萨市",
                 "--registry", registry, env=env)
    assert closed.exit_code == 0, closed.output
    result = run("show", "40.3", "--registry", registry, "--lang", lang, env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("2019-04-18"))
    assert [line.rstrip() for line in lines[start:start + len(rows)]] == rows
    rule = next(at for at in range(start, 0, -1) if set(lines[at]) == {"-"})  # (under the history's header)
    assert lines[rule - 1].rstrip() == header
    assert _spans_its_rule([lines[rule - 1], lines[rule], *lines[start:start + len(rows)]], 50)


@pytest.mark.parametrize("lang, rows", [
    ("zh", ["2018-09-30  推进中（已撤回）     主体工程完工60%。",
            "2019-03-31  撤回误录（撤回       误记",
            "            2018-09-30 推进中）"]),
    ("en", ["2018-09-30  in progress     主体工程完工60%。",
            "            (retracted)     Evidence: 正在开展设备",
            "2019-03-31  retracted       误记",
            "            (2018-09-30",
            "            progress note)"]),
])
def test_show_at_50_columns_wraps_a_retractions_entry_so_that_its_note_keeps_room(tmp_path, lang, rows):
    """`retracted (2018-09-30 progress note)` on one line left the note no column in English
    (dates cut to 2018-09…) and a cell in Chinese (主 / 体 / 工 / 程, a character a line): the
    entry wraps, leaving the note 16 cells at least (unit and evidence under it), in English 22:
    as narrow as it can be in as many lines (`progress` / `note)` left a word alone)."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    registry = str(tmp_path / "small" / "tasks.yaml")
    assert run("retract", "1.1", "--reason", "误记", "--registry", registry).exit_code == 0
    result = run("show", "1.1", "--registry", registry, "--lang", lang, env={"COLUMNS": "50"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("2018-09-30"))
    assert [line for line in lines[start:] if not line.startswith(" " * 18)] == rows


@pytest.mark.parametrize("lang, lines", [
    ("zh", ["日期        记录    进展" + " " * 64 + "佐证",
            "-" * 100,
            "2019-03-31  推进中  日喀则市实地督导、实时监督城市污水收集处理相关整改工作，采取截流式  进入招标程序",
            "                    解决污水处置问题。截至目前，《水环境综合整治（一期）》项目已完成前",
            "                    置手续，进入招标程序。"]),
    ("en", ["Date        Entry        Note" + " " * 59 + "Evidence",
            "-" * 100,
            "2019-03-31  in progress  日喀则市实地督导、实时监督城市污水收集处理相关整改工作，采取   进入招标程序",
            "                         截流式解决污水处置问题。截至目前，《水环境综合整治（一期）》",
            "                         项目已完成前置手续，进入招标程序。"]),
])
def test_show_leaves_out_the_unit_column_when_no_entry_names_a_unit_as_history_does(lang, lines):
    """33.2's one entry has no `by:`: an empty 记录单位 column took 10 cells from the note, which
    `history` leaves out. Without it the note has them."""
    result = run("show", "33.2", "--registry", "data/tasks.yaml", "--as-of", "2019-03-31", "--lang", lang)
    assert result.exit_code == 0, result.output
    shown = result.stdout.splitlines()
    start = shown.index(HISTORY_HEADING[lang]) + 1
    assert shown[start:] == lines


# 1.2: an entry with its unit and evidence, so both columns show; 2.1: none with either, so
# neither does (as history leaves them out).
@pytest.mark.parametrize("item, lang, lines", [
    ("1.2", "zh", ["日期        记录  记录单位          进展                              佐证",
                   "-" * 88,
                   "2018-06-20  销号  自治区生态环境厅  印发《污水处理厂运行监管办法》。  藏环发〔2018〕12号"]),
    ("1.2", "en", ["Date        Entry   By                Note                              Evidence",
                   "-" * 90,
                   "2018-06-20  closed  自治区生态环境厅  印发《污水处理厂运行监管办法》。  藏环发〔2018〕12号"]),
    ("2.1", "zh", ["日期        记录    进展", "-" * 33, "2019-01-15  推进中  围挡完成80%。"]),
    ("2.1", "en", ["Date        Entry        Note", "-" * 38, "2019-01-15  in progress  围挡完成80%。"]),
])
def test_show_keeps_the_unit_and_evidence_columns_only_when_an_entry_fills_them(item, lang, lines):
    result = run("show", item, "--registry", SMALL, "--as-of", "2019-03-31", "--lang", lang)
    assert result.exit_code == 0, result.output
    shown = result.stdout.splitlines()
    start = shown.index(HISTORY_HEADING[lang]) + 1
    assert shown[start:] == lines


@pytest.mark.parametrize("lang, header, evidence", [
    ("zh", "日期        记录    进展", "                    佐证：进入招标程序"),
    ("en", "Date        Entry        Note", "                         Evidence: 进入招标程序"),
])
def test_show_at_50_columns_gives_a_note_of_short_pieces_its_room(lang, header, evidence):
    """33.2's note breaks every few characters and its evidence is short: at 50 columns the evidence
    kept a column and an empty 记录单位 column its header, and the note was folded 10 cells wide
    (日喀则市 / 实地督 / 导、实时 …), 21 lines of it. As for any entry, the note keeps 16 cells
    or more, and the evidence goes under it."""
    result = run("show", "33.2", "--registry", "data/tasks.yaml", "--lang", lang,
                 env={"COLUMNS": "50", "RECTIFY_TODAY": "2019-07-20"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("2019-03-31"))
    assert lines[start - 2] == header
    assert evidence in lines[start:]
    assert len(lines) - start < 10


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", [("status",), ("status", "--measures"), ("show", "18.4"), ("show", "35")])
def test_piped_no_line_ends_in_spaces(args, lang):
    """Rich pads each table cell to its column: piped or saved, the padding ended 28 lines of
    `status` and 19 of `show 18.4`, which a clerk pasting them into a document must clean up."""
    result = run(*args, "--as-of", "2019-03-31", "--lang", lang)
    assert result.exit_code in (0, 1), result.output
    assert [line for line in result.stdout.splitlines() if line.endswith(" ")] == []
    assert len(result.stdout.splitlines()) > 10


def _spans_its_rule(table: list[str], width: int) -> bool:
    """The table's rule (its second line) is at most `width` cells and no line is wider: every
    column laid out in the width (off a terminal, no line carries its padding past the rule; a
    narrow terminal's table leaves out the columns that do not fit and may end short of the edge)."""
    rule = cell_len(table[1])
    return set(table[1]) <= {"-", " "} and rule <= width and max(map(cell_len, table)) == rule


@pytest.mark.parametrize("args", [["status"], ["show", "1.1"]])
def test_force_color_colours_output_that_is_not_a_terminal_unless_no_color(args):
    """CI logs (GitHub Actions, GitLab) show ANSI colour: FORCE_COLOR, set and not empty, asks for
    it off a terminal (force-color.org); NO_COLOR wins over it."""
    def output(**env):
        result = run(*args, "--registry", SMALL, env={"NO_COLOR": None, "FORCE_COLOR": None, **env})
        assert result.exit_code == 0, result.output
        return result.stdout

    assert "\x1b[" in output(FORCE_COLOR="1")
    if args == ["status"]:  # (a light and its count one run of colour: each character was coloured apart, a CI log 10% longer)
        assert "任务 4 项：\x1b[1;31m红 1\x1b[0m  \x1b[1;33m黄 2\x1b[0m  \x1b[1;32m绿 1\x1b[0m\n" in output(FORCE_COLOR="1")
    assert "\x1b[" not in output()
    assert "\x1b[" not in output(FORCE_COLOR="")
    assert "\x1b[" not in output(FORCE_COLOR="1", NO_COLOR="1")
    # (Emacs's shell and some CI runners say TERM=dumb, and show colour: Rich sent none)
    assert "\x1b[" in output(FORCE_COLOR="1", TERM="dumb")
    assert "\x1b[" not in output(TERM="dumb")


@pytest.mark.parametrize("columns", ["1", "2", "5", "10"])
def test_a_console_of_a_few_cells_is_laid_out_in_twenty_and_loses_no_registry_text(columns):
    """COLUMNS=1 printed the title as blank lines (a wide character cannot fit one cell): below
    20 cells every command lays out 20 and lets the terminal wrap."""
    status = run("status", "--registry", SMALL, env={"COLUMNS": columns}).stdout
    assert status.splitlines()[0] == "测试台账"
    show = run("show", "1.1", "--registry", SMALL, env={"COLUMNS": columns}).stdout
    assert "拉萨市建成城东污水处理厂（2018年12月31日）。" in re.sub(r"\s", "", show)
    for command in (["status"], ["show", "1.1"], ["history"], ["check"]):
        narrow = run(*command, "--registry", SMALL, env={"COLUMNS": columns})
        assert narrow.stdout == run(*command, "--registry", SMALL, env={"COLUMNS": "20"}).stdout, command
        if command != ["check"]:  # (check's lines keep an id, its light and its days whole: 29 cells)
            assert max(map(cell_len, narrow.stdout.splitlines())) <= 20, command


@pytest.mark.parametrize("lang, heading, rows", [
    ("zh", "进展记录", ["2018-05-10  4.1   销号", "2018-10-20  4.2   销号", "2019-03-10  4.2   延期"]),
    ("en", "History", ["2018-05-10  4.1      closed", "2018-10-20  4.2      closed", "2019-03-10  4.2      extended"]),
])
def test_show_of_a_task_gives_its_measures_history_in_date_order(lang, heading, rows):
    """`show 18` gave its measures and their states but no 进展记录, though a task's show is to
    give the journal's history in date order as a measure's does: each entry with its measure."""
    result = run("show", "4", "--registry", SMALL, "--lang", lang)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    entries = [line for line in lines[lines.index(heading) + 3:] if line[:1].isdigit()]
    assert [line[:len(row)] for line, row in zip(entries, rows)] == rows and len(entries) == len(rows)
    bundled = run("show", "18", "--as-of", "2019-03-31")
    assert bundled.exit_code == 0, bundled.output
    assert re.findall(r"^2019-03-31  (18\.\d)", bundled.stdout, flags=re.M) == ["18.1", "18.2", "18.3", "18.4", "18.5", "18.6"]
