"""`rectify check` end to end: exit codes, formats, GitHub Actions integration, CI examples."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from hashlib import sha256
from pathlib import Path

import pytest
import yaml
from builders import texts_of
from typer.testing import CliRunner

from rectify_cli.cli import app
from rectify_cli.textsafe import display_width

ROOT = Path(__file__).resolve().parents[1]
SMALL = "tests/fixtures/small/tasks.yaml"
CLEAR = "tests/fixtures/check/clear/tasks.yaml"
MANY = "tests/fixtures/check/many/tasks.yaml"
HOSTILE = "tests/fixtures/check/hostile/tasks.yaml"

# A clean environment: today pinned, no COLUMNS (80 cells, as in a log), not under GitHub Actions
# (even when the tests run there).
ENV = {"RECTIFY_TODAY": "2019-03-31", "COLUMNS": None, "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None,
       "GITHUB_WORKSPACE": None, "RECTIFY_REGISTRY": None}

SMALL_TEXT = (
    "1.1  红  逾期90天  拉萨市  拉萨市建成城东污水处理厂（201…\n"
    "临期提醒（不计为失败）：\n"
    "2.1  黄  2019-04-15到期  那曲市  那曲市完成建筑工地围挡硬化（2…\n"
    "1 项措施逾期（共 8 项）\n"
)
ANNOTATION = re.compile(r"^::(error|warning) file=[^,:\s]+,line=[0-9]+,title=[^:,]+::\S.*$|^::notice::\S.*$")


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args, env=None):
    return CliRunner().invoke(app, ["check", *args], env={**ENV, **(env or {})})


# --------------------------------------------------------------------------- exit codes & text


def test_overdue_measure_exits_1_with_the_text_report():
    result = run("--registry", SMALL)
    assert result.exit_code == 1
    assert result.stdout == SMALL_TEXT


@pytest.mark.parametrize("terminal", [None, 60])
def test_each_line_of_the_bundled_ledgers_check_fits_80_cells_or_the_terminal(monkeypatch, terminal):
    """They were 81 to 83 cells wide, as the tester saw at 80 columns: every line wrapped."""
    monkeypatch.setattr("rectify_cli.console.terminal_width", lambda stream=None: terminal)
    result = run("--registry", "data/tasks.yaml", "--fail-on", "stale", env={"RECTIFY_TODAY": "2019-07-02"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) > 70 and (terminal or 80) - 2 <= max(map(display_width, lines)) <= (terminal or 80)
    assert lines[0].split()[:3] == ["35.3", "红", "逾期367天"]


# The bundled ledger's failing measures as of 2019-03-31, worst first: id and state.
OVERDUE_ON_31_MARCH = {
    "zh": [("35.3", "逾期274天"), ("32.2", "逾期182天"), ("40.3", "逾期182天"), ("40.4", "逾期182天"),
           ("14.4", "逾期90天"), ("19.2", "逾期90天"), ("34.1", "逾期90天"), ("36.5", "逾期90天")],
    "en": [("35.3", "274 days overdue"), ("32.2", "182 days overdue"), ("40.3", "182 days overdue"),
           ("40.4", "182 days overdue"), ("14.4", "90 days overdue"), ("19.2", "90 days overdue"),
           ("34.1", "90 days overdue"), ("36.5", "90 days overdue")],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [20, 30, 40])
def test_each_line_fits_a_very_narrow_terminal_and_says_each_measures_id_and_state(lang, width):
    """At 20 columns each line was 25 cells (`35.3  红  逾期274天  …  …`; 33 in English): the
    terminal wrapped every one of them, and the units and text said nothing (`…`)."""
    result = run("--registry", "data/tasks.yaml", "--lang", lang, env={"COLUMNS": str(width)})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert max(map(display_width, lines)) <= width
    heads = [(at, line) for at, line in enumerate(lines) if re.match(r"\d+\.\d+ ", line)]
    assert [line.split()[0] for _, line in heads] == [measure for measure, _ in OVERDUE_ON_31_MARCH[lang]]
    for (at, line), (_, state) in zip(heads, OVERDUE_ON_31_MARCH[lang]):
        assert state in line or lines[at + 1] == "  " + state


@pytest.mark.parametrize("lang, first, total", [
    ("zh", ["35.3  红  逾期274天", "  责任单位：各地市", "  措施：已建成生活…", "32.2  红  逾期182天",
            "  责任单位：自治区住", "  房城乡建设厅", "  措施：自治区住房…"],
     ["8 项措施逾期（共", "179 项）"]),  # (179 kept with its 项)
    ("en", ["35.3  red", "  274 days overdue", "  Units: 各地市", "  Measure: 已建成生…", "32.2  red",
            "  182 days overdue", "  Units: 自治区住房", "  城乡建设厅", "  Measure: 自治区住…"],
     ["8 of 179 measures", "failing (overdue)"]),
])
def test_at_20_columns_each_measure_has_its_units_and_text_under_it(lang, first, total):
    """As `history` puts a note under its entry; in English the state goes under the id too. The
    units wrapped, not cut: `责任单位：自治区…` named no unit; the text, already a reminder cut, cut."""
    result = run("--registry", "data/tasks.yaml", "--lang", lang, env={"COLUMNS": "20"})
    lines = result.stdout.splitlines()
    assert lines[:len(first)] == first
    assert lines[-2:] == total


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [20, 30])
def test_the_warnings_heading_and_the_late_legend_fit_a_very_narrow_terminal_too(late_extended, lang, width):
    result = run("--registry", late_extended, "--warn-days", "120", "--lang", lang,
                 env={"RECTIFY_TODAY": "2019-09-30", "COLUMNS": str(width)})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert max(map(display_width, lines)) <= width
    assert any(line.startswith("33.1*  ") for line in lines)
    assert any(line.startswith({"zh": "临期提醒", "en": "Due soon"}[lang]) for line in lines)
    assert any(line.startswith("* ") for line in lines)


@pytest.fixture
def late_extended(tmp_path) -> str:
    """The bundled ledger, 33.1 (due 2019-06-30) extended to 2019-12-31 on 2019-09-01: late."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data" / "tasks.yaml")
    result = CliRunner().invoke(app, ["extend", "33.1", "--to", "2019-12-31", "--reason", "x", "--approved-by",
                                      "自治区生态环境厅", "--late", "--date", "2019-09-01", "--registry", registry],
                                env={**ENV, "RECTIFY_TODAY": "2019-09-30"})
    assert result.exit_code == 0, result.output
    return registry


@pytest.mark.parametrize("lang, start, legend", [
    ("zh", "33.1*  黄  2019-12-31到期  拉萨市  ", "* 逾期后延期：期限在过期后才延期"),
    ("en", "33.1*  yellow  due 2019-12-31  拉萨市  ", "* extended late: its deadline moved after it passed")])
def test_a_measure_due_soon_only_thanks_to_a_late_extension_is_marked_not_failed(late_extended, lang, start, legend):
    """Its line read like any due-soon warning; it is one still, exit code unchanged. Among the
    other warnings its words give way to a mark on its id (they left the text 9 characters),
    said above the total; alone, they fit."""
    for _ in ("cold", "warm"):  # (the cache keeps each measure's outcome)
        result = run("--registry", late_extended, "--warn-days", "120", "--lang", lang, env={"RECTIFY_TODAY": "2019-09-30"})
        assert result.exit_code == 1  # (the overdue measures, as before)
        lines = result.stdout.splitlines()
        warnings = lines[lines.index({"zh": "临期提醒（不计为失败）：", "en": "Due soon (not failing):"}[lang]) + 1:-2]
        assert [line for line in warnings if line.startswith("33.1")] == [line for line in warnings if "*" in line]
        assert next(line for line in warnings if line.startswith("33.1")).startswith(start)
        assert lines[-2] == legend
        assert max(map(display_width, lines)) <= 80
    result = run("--registry", late_extended, "--warn-days", "120", "--task", "33", env={"RECTIFY_TODAY": "2019-09-30"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "筛选条件：任务 33"
    assert lines[2].startswith("33.1  黄  2019-12-31到期（逾期后延期）  拉萨市  ")
    assert "*" not in result.stdout


@pytest.fixture
def other_step_extended_late(tmp_path) -> str:
    """The bundled ledger, 30.2 (steps due 2019-12-31 and 2020-12-31): its first step extended
    to 2021-06-30 on 2020-01-10, late; its second step, never extended, is next due."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data" / "tasks.yaml")
    result = CliRunner().invoke(app, ["extend", "30.2", "--milestone", "2019-12-31", "--to", "2021-06-30", "--reason", "x",
                                      "--approved-by", "自治区生态环境厅", "--late", "--date", "2020-01-10",
                                      "--registry", registry], env={**ENV, "RECTIFY_TODAY": "2020-01-10"})
    assert result.exit_code == 0, result.output
    return registry


@pytest.mark.parametrize("lang, today, detail", [
    ("zh", "2020-12-15", "2020-12-31到期（另一期限逾期后延期）"),
    ("zh", "2021-01-05", "逾期5天（另一期限逾期后延期）"),
    ("en", "2020-12-15", "due 2020-12-31 (another deadline extended late)"),
    ("en", "2021-01-05", "5 days overdue (another deadline extended late)")])
def test_a_late_extension_of_another_step_is_not_said_of_the_deadline_shown(other_step_extended_late, lang, today,
                                                                            detail):
    """`2020-12-31到期（逾期后延期）`: 2020-12-31 was never extended; 2019-12-31 was, late, to 2021-06-30."""
    for _ in ("cold", "warm"):
        result = run("--registry", other_step_extended_late, "--task", "30", "--lang", lang,
                     env={"RECTIFY_TODAY": today, "COLUMNS": "140"})
        (line,) = [line for line in result.stdout.splitlines() if line.startswith("30.2")]
        assert f"  {detail}  " in line, line
    show = CliRunner().invoke(app, ["show", "30.2", "--registry", other_step_extended_late, "--lang", lang],
                              env={**ENV, "RECTIFY_TODAY": today, "COLUMNS": "120"})
    (state,) = [line for line in show.stdout.splitlines() if line.startswith(("截至", "As of"))]
    assert state.endswith({"zh": "2020-12-31（另一期限逾期后延期）", "en": "2020-12-31 (another deadline extended late)"}[lang])


def test_nothing_failing_exits_0_with_all_clear():
    result = run("--registry", CLEAR)
    assert result.exit_code == 0
    assert result.stdout == "截至 2019-03-31，3 项措施均无逾期\n"


def test_nothing_failing_even_with_every_rule():
    result = run("-r", CLEAR, "--fail-on", "overdue", "--fail-on", "due_soon", "--fail-on", "stale", "--lang", "en")
    assert result.exit_code == 0
    # (it said "overdue or due soon or stale": a list of three takes its "or" once, before the last)
    assert result.stdout == "All clear as of 2019-03-31: 0 of 3 measures overdue, due soon or stale\n"
    chinese = run("-r", CLEAR, "--fail-on", "overdue,due_soon,stale")
    assert chinese.stdout == "截至 2019-03-31，3 项措施均无逾期、临期、久未报告\n"


def test_fail_on_due_soon_adds_measure_2_1():
    result = run("-r", SMALL, "--fail-on", "overdue", "--fail-on", "due_soon")
    assert result.exit_code == 1
    assert result.stdout == (
        "1.1  红  逾期90天        拉萨市  拉萨市建成城东污水处理厂（201…\n"
        "2.1  黄  2019-04-15到期  那曲市  那曲市完成建筑工地围挡硬化（2…\n"
        "2 项措施未通过检查：逾期 1 项、临期 1 项（共 8 项）\n"
    )


def test_fail_on_stale_adds_measure_3_2():
    result = run("-r", SMALL, "--fail-on", "overdue", "--fail-on", "stale", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout == (
        "1.1  red     90 days overdue  拉萨市            拉萨市建成城东污水处理厂（201…\n"
        "3.2  yellow  stale 274 days   自治区生态环境厅  定期开展水源地环境状况评估（…\n"
        "Due soon (not failing):\n"
        "2.1  yellow  due 2019-04-15  那曲市  那曲市完成建筑工地围挡硬化（2…\n"
        "2 of 8 measures failing (overdue 1, stale 1)\n"
    )


def test_fail_on_stale_alone_still_fails_the_overdue_measure():
    """--fail-on adds to overdue: naming only `stale` once let the overdue 1.1 pass unlisted."""
    result = run("-r", SMALL, "--fail-on", "stale")
    assert result.exit_code == 1
    assert result.stdout == (
        "1.1  红  逾期90天     拉萨市            拉萨市建成城东污水处理厂（201…\n"
        "3.2  黄  274天未报告  自治区生态环境厅  定期开展水源地环境状况评估（…\n"
        "临期提醒（不计为失败）：\n"
        "2.1  黄  2019-04-15到期  那曲市  那曲市完成建筑工地围挡硬化（2…\n"
        "2 项措施未通过检查：逾期 1 项、久未报告 1 项（共 8 项）\n"
    )


def test_owner_narrows_to_that_unit():
    result = run("-r", SMALL, "--owner", "那曲市")
    assert result.exit_code == 0
    assert result.stdout == (
        "筛选条件：责任单位 那曲市\n"
        "临期提醒（不计为失败）：\n"
        "2.1  黄  2019-04-15到期  那曲市  那曲市完成建筑工地围挡硬化（2…\n"
        "截至 2019-03-31，3 项措施均无逾期\n"
    )


def test_owner_alias_narrows_too():
    result = run("-r", SMALL, "--owner", "环境保护厅", "--fail-on", "stale")
    assert result.exit_code == 1
    assert result.stdout == (
        "筛选条件：责任单位 自治区生态环境厅\n"  # (as the plan names it)
        "3.2  黄  274天未报告  自治区生态环境厅  定期开展水源地环境状况评估（…\n"
        "1 项措施久未报告（共 4 项）\n"
    )


@pytest.mark.parametrize("lang, units", [("zh", "拉萨市、自治区生态环境厅"), ("en", "拉萨市, 自治区生态环境厅")])
def test_a_measures_units_are_named_lead_first_as_status_and_show_name_them(tmp_path, lang, units):
    """A Chinese reader takes the first unit named as the one that leads (牵头): check listed a
    measure's units in the plan's order, 自治区生态环境厅、拉萨市 for 1.1 led by 拉萨市, where
    status, show and summary name 拉萨市 first."""
    shutil.copytree(ROOT / "tests/fixtures/small", tmp_path / "small")
    plan = tmp_path / "small/tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("owners: [拉萨市]\n        lead: 拉萨市") == 1
    plan.write_text(text.replace("owners: [拉萨市]\n        lead: 拉萨市", "owners: [自治区生态环境厅, 拉萨市]\n        lead: 拉萨市"),
                    encoding="utf-8")
    result = run("-r", str(plan), "--lang", lang, env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    assert f"  {units}  " in result.stdout.splitlines()[0]


def test_task_narrows_to_that_task():
    result = run("-r", SMALL, "--task", "1")
    assert result.exit_code == 1
    assert result.stdout == ("筛选条件：任务 1\n"
                             "1.1  红  逾期90天  拉萨市  拉萨市建成城东污水处理厂（201…\n1 项措施逾期（共 2 项）\n")
    result = run("-r", SMALL, "--task", "3", "--task", "4")
    assert result.exit_code == 0
    assert result.stdout == "筛选条件：任务 3、4\n截至 2019-03-31，4 项措施均无逾期\n"


@pytest.mark.parametrize("typed", ["１", " 1 "])
def test_a_task_typed_in_full_width_or_with_spaces_is_that_task(typed):
    assert run("-r", SMALL, "--task", typed).stdout == run("-r", SMALL, "--task", "1").stdout


# --------------------------------------------------------------------------- the filters in force

FILTERS = ("--owner", "拉萨市", "--owner", "环境保护厅", "--owner", "拉萨市", "--region", "那曲市", "--task", "1", "--task", "３")


@pytest.mark.parametrize("lang, line", [
    ("zh", "筛选条件：责任单位 拉萨市、自治区生态环境厅  地区 那曲市  任务 1、3"),
    ("en", "Filtered to: owner 拉萨市 or 自治区生态环境厅  region 那曲市  task 1 or 3"),
])
def test_text_says_the_filters_in_force_in_the_words_of_status(lang, line):
    """`1 项措施逾期（共 1 项）` of check --owner 拉萨市 read as the whole ledger's in a CI log:
    nothing said a filter was on. The first line says them as status's header does: units as
    the plan names them (环境保护厅 is an alias), each once, ids as looked up (３ is 3)."""
    result = run("-r", SMALL, *FILTERS, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == line
    status = CliRunner().invoke(app, ["status", "-r", SMALL, *FILTERS, "--lang", lang], env=ENV)
    assert status.stdout.splitlines()[1] == line


@pytest.mark.parametrize("lang, heading, line", [
    ("zh", "### 整改台账检查：1 项措施逾期（共 1 项）", "筛选条件：责任单位 拉萨市"),
    ("en", "### Rectification ledger check: 1 of 1 measure failing (overdue)", "Filtered to: owner 拉萨市"),
])
def test_github_log_and_job_summary_say_the_filters_in_force(tmp_path, lang, heading, line):
    summary = tmp_path / "summary.md"
    result = run("-r", SMALL, "--owner", "拉萨市", "--lang", lang,
                 env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1, result.output
    log = result.stdout.splitlines()
    stop = log.index(next(row for row in log if row.startswith("::stop-commands::")))
    assert log[stop + 1] == line
    assert summary.read_text(encoding="utf-8").splitlines()[:4] == [heading, "", line, ""]


# (the filters as the plan names them: 环境保护厅 is an alias, ３ is task 3; each once, in the order given)
FILTERED = {"owner": ["拉萨市", "自治区生态环境厅"], "region": ["那曲市"], "task": ["1", "3"]}


def test_json_says_the_filters_in_force():
    """A CI artefact `check --owner 拉萨市 --format json` read later said `"total": 1` with nothing
    to tell it covered part of the ledger: the text said the filters, JSON did not."""
    result = run("-r", SMALL, *FILTERS, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["filters"], document["total"]) == (FILTERED, 0)  # (as the text says: 没有符合条件的措施)
    assert json.loads(run("-r", SMALL, "--format", "json").stdout)["filters"] == {}


def test_sarif_says_the_filters_in_force_in_its_run_properties():
    result = run("-r", SMALL, *FILTERS, "--format", "sarif")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["runs"][0]["properties"]["filters"] == FILTERED
    assert json.loads(run("-r", SMALL, "--format", "sarif").stdout)["runs"][0]["properties"]["filters"] == {}


def test_junit_says_the_filters_in_force_as_testsuite_properties():
    result = run("-r", SMALL, *FILTERS, "--format", "junit")
    assert result.exit_code == 0, result.output
    suite = ET.fromstring(result.stdout.encode("utf-8")).find("testsuite")
    assert [(p.get("name"), p.get("value")) for p in suite.find("properties")][5:] == [
        ("filter_owner", "拉萨市"), ("filter_owner", "自治区生态环境厅"), ("filter_region", "那曲市"),
        ("filter_task", "1"), ("filter_task", "3")]
    unfiltered = ET.fromstring(run("-r", SMALL, "--format", "junit").stdout.encode("utf-8")).find("testsuite")
    assert [p.get("name") for p in unfiltered.find("properties")] == [
        "as_of", "fail_on", "warn_days", "report_period_days", "warnings"]


def test_a_filtered_units_hostile_name_keeps_the_machine_formats_well_formed(tmp_path):
    """A unit's name is registry text: in JUnit its controls escaped (XML cannot hold them), in
    JSON and SARIF as written; one spelling the items' placeholder does not take their place."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    plan = tmp_path / "small" / "tasks.yaml"
    name = "<rectify: the items go here>\x01 ]]> \"q\"\n##[error]y"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  - name: 拉萨市\n", f'  - name: {json.dumps(name)}\n    aliases: [拉萨市]\n'),
                    encoding="utf-8")
    document = json.loads(run("-r", str(plan), "--owner", "拉萨市", "--format", "json").stdout)
    assert (document["filters"], [item["id"] for item in document["items"]]) == ({"owner": [name]}, ["1.1"])
    sarif = json.loads(run("-r", str(plan), "--owner", "拉萨市", "--format", "sarif").stdout)["runs"][0]
    assert (sarif["properties"]["filters"], len(sarif["results"])) == ({"owner": [name]}, 1)
    junit = run("-r", str(plan), "--owner", "拉萨市", "--format", "junit")
    properties = ET.fromstring(junit.stdout.encode("utf-8")).find("testsuite").find("properties")
    assert properties[-1].attrib == {"name": "filter_owner",
                                     "value": '<rectify: the items go here>\\x01 ]]> "q" ##[error]y'}


def test_text_keeps_each_filtered_units_name_whole_on_a_narrow_terminal():
    """As status's header keeps it: 拉萨市 or 自治区住 / 房城乡建设厅 would read as two units."""
    result = run("-r", SMALL, "--owner", "拉萨市", "--owner", "自治区住房城乡建设厅", "--region", "那曲市", "--lang", "en",
                 env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == ["Filtered to: owner 拉萨市 or", "自治区住房城乡建设厅", "region 那曲市"]


@pytest.mark.parametrize("columns, lines", [
    (49, ["筛选条件：责任单位 拉萨市  地区 那曲市  任务 1、3"]),  # (49 cells: a line as wide as the terminal fits it)
    (48, ["筛选条件：责任单位 拉萨市  地区 那曲市", "          任务 1、3"]),
    (44, ["筛选条件：责任单位 拉萨市  地区 那曲市", "          任务 1、3"]),
    (30, ["筛选条件：责任单位 拉萨市", "          地区 那曲市", "          任务 1、3"]),
    (25, ["筛选条件：责任单位 拉萨市", "          地区 那曲市", "          任务 1、3"]),  # (the widest under the first: 25 cells)
    (24, ["筛选条件：责任单位", "拉萨市", "地区 那曲市  任务 1、3"]),  # (there it fits no more: at the margin)
])
def test_text_breaks_the_filters_between_two_filters_as_status_does(columns, lines):
    """The line was wrapped anywhere: `…地区 那曲市  任务` / `1、3` at 44 columns, `…拉萨市  地` /
    `区 那曲市…` at 30, where status's header keeps each kind with its names, one under another."""
    filters = ("-r", SMALL, "--owner", "拉萨市", "--region", "那曲市", "--task", "1", "--task", "3")
    result = run(*filters, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:len(lines)] == lines
    status = CliRunner().invoke(app, ["status", *filters], env={**ENV, "COLUMNS": str(columns)}).stdout.splitlines()
    start = status.index(lines[0])  # (under the title and the files, on as many lines as they take)
    assert status[start:start + len(lines)] == lines


def test_a_filtered_units_name_is_printed_literally_and_obeys_no_runner(tmp_path):
    """A unit named `[red]x[/] ##[error]y` (by its alias 那曲市 on the command line): as typed in
    the text report; in the GitHub log inside the stopped part, even when nothing is listed (the
    runner obeys a legacy ##[error] anywhere in a line); escaped in the job summary."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    plan = tmp_path / "small" / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "  - name: 那曲市\n" in text
    plan.write_text(text.replace("  - name: 那曲市\n", '  - name: "[red]x[/] ##[error]y"\n    aliases: [那曲市]\n'),
                    encoding="utf-8")
    said = "Filtered to: owner [red]x[/] ##[error]y"
    result = run("-r", str(plan), "--owner", "那曲市", "--lang", "en")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, said)
    summary = tmp_path / "summary.md"
    # (task 3's measures are 自治区生态环境厅's: nothing selected, nothing annotated)
    result = run("-r", str(plan), "--owner", "那曲市", "--task", "3", "--lang", "en",
                 env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == "Filtered to: owner [red]x[/] ##[error]y  task 3"
    assert lines[0].startswith("::stop-commands::") and obeyed(result.stdout) == [lines[0], lines[-1]]
    assert summary.read_text(encoding="utf-8").splitlines()[2] == (
        r"Filtered to: owner \[red\]x\[/\] \#&#8203;\#&#8203;\[error\]y  task 3")


def test_as_of_moves_the_reference_date():
    result = run("-r", SMALL, "--as-of", "2018-12-31")  # the deadline day itself is not late
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "截至 2018-12-31，8 项措施均无逾期"


def test_bad_format_exits_2():
    result = CliRunner().invoke(app, ["check", "-r", SMALL, "--format", "html"], prog_name="rectify", env=ENV)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "rectify: --format：“html”不是可选的值（可选：text、json、junit、github、sarif）；用法见 rectify check --help\n")


def test_bad_as_of_exits_2():
    result = run("-r", SMALL, "--as-of", "2019-02-30", "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "rectify: --as-of: '2019-02-30' is not a real calendar date (that month has no such day)\n")


def test_missing_registry_exits_2():
    result = run("-r", "tests/fixtures/no-such/tasks.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "rectify: tests/fixtures/no-such/tasks.yaml: no such file or folder\n"


def test_bad_fail_on_exits_2_naming_the_choices():
    result = CliRunner().invoke(app, ["check", "-r", SMALL, "--fail-on", "late"], prog_name="rectify", env=ENV)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "rectify: --fail-on：“late”不是可选的值（可选：overdue、due_soon、stale）；用法见 rectify check --help\n")


def test_fail_on_takes_a_comma_separated_list():
    """CI tools take lists as `a,b`, and users type them so: refused as one unknown name before."""
    result = run("-r", SMALL, "--owner", "那曲市", "--fail-on", "due_soon,overdue")
    assert result.exit_code == 1  # (2.1 due soon fails; 那曲市 has nothing overdue)
    assert result.stdout == ("筛选条件：责任单位 那曲市\n"
                             "2.1  黄  2019-04-15到期  那曲市  那曲市完成建筑工地围挡硬化（2…\n1 项措施临期（共 3 项）\n")


@pytest.mark.parametrize("lists", [
    ["--fail-on", " stale , due_soon"],
    ["--fail-on=due_soon,stale", "--fail-on", "overdue"],
    ["--fail-on", "stale,stale", "--fail-on", "due_soon,overdue,due_soon"],
    ["--fail-on", "stale,due_soon,"],  # (a list ending in a comma, as a CI variable built by hand may: was refused as “”)
    ["--fail-on=,stale,,due_soon"],
    # (a Chinese keyboard's comma or 、, as --owner's lists are read: was "“stale，due_soon”不是可选的值")
    ["--fail-on", "stale，due_soon"],
    ["--fail-on", "stale、due_soon"],
])
def test_fail_on_lists_mix_with_the_repeated_option_spaces_and_duplicates_aside(lists):
    result = run("-r", SMALL, *lists)
    assert (result.exit_code, result.stdout) == (1, (
        "1.1  红  逾期90天        拉萨市            拉萨市建成城东污水处理厂（201…\n"
        "2.1  黄  2019-04-15到期  那曲市            那曲市完成建筑工地围挡硬化（2…\n"
        "3.2  黄  274天未报告     自治区生态环境厅  定期开展水源地环境状况评估（…\n"
        "3 项措施未通过检查：逾期 1 项、临期 1 项、久未报告 1 项（共 8 项）\n"))


def test_an_empty_fail_on_is_refused():
    result = CliRunner().invoke(app, ["check", "-r", SMALL, "--fail-on="], prog_name="rectify", env=ENV)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "rectify: --fail-on：“”不是可选的值（可选：overdue、due_soon、stale）；用法见 rectify check --help\n")


@pytest.mark.parametrize("lang, said", [
    ("zh", "rectify: --fail-on：“bogus”不是可选的值（可选：overdue、due_soon、stale）；用法见 rectify check --help\n"),
    ("en", "rectify: --fail-on: 'bogus' is not one of the choices (overdue, due_soon, stale); see rectify check --help\n"),
])
def test_an_unknown_name_in_a_fail_on_list_is_refused_by_itself(lang, said):
    result = CliRunner().invoke(app, ["check", "-r", SMALL, "--fail-on", "overdue,bogus", "--lang", lang],
                                prog_name="rectify", env=ENV)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


# --------------------------------------------------------------------------- -o FILE


def test_output_holds_the_junit_report_and_nothing_is_printed(tmp_path):
    report = tmp_path / "rectify-junit.xml"
    result = run("-r", SMALL, "--format", "junit", "-o", str(report))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")  # (the gate still fails)
    suite = ET.fromstring(report.read_bytes()).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("8", "1")
    assert report.read_bytes() == run("-r", SMALL, "--format", "junit").stdout_bytes  # (the bytes it would print)


def test_output_dash_is_standard_output_as_in_other_tools(tmp_path, monkeypatch):
    """`-o -` wrote a file named "-" in the working folder."""
    monkeypatch.chdir(tmp_path)
    result = run("-r", str(ROOT / SMALL), "-o", "-")
    assert (result.exit_code, result.stdout) == (1, SMALL_TEXT)
    assert list(tmp_path.iterdir()) == []


def test_output_of_the_text_report_is_the_same_from_the_cache(tmp_path):
    ledger = tmp_path / "ledger"
    shutil.copytree(ROOT / "tests/fixtures/small", ledger)
    # (read, then read and its outcomes cached, then judged from them: check_job._from_outcomes)
    for cache in (["--no-cache"], [], []):
        report = tmp_path / "check.txt"
        result = run("-r", str(ledger / "tasks.yaml"), "--output", str(report), *cache)
        assert (result.exit_code, result.stdout) == (1, "")
        assert report.read_text(encoding="utf-8") == SMALL_TEXT
        report.unlink()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_output_from_a_narrow_terminal_holds_the_report_a_file_gets(tmp_path):
    """From a terminal 40 columns wide, `check -o FILE` folded the file to 40 cells (units and
    text under each measure), where `> FILE` gave 80-cell lines: a file is read in viewers and
    diffs at 80, whatever terminal wrote it."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    master, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
    report = tmp_path / "check.txt"
    env = {**{k: v for k, v in os.environ.items() if k != "COLUMNS"}, "RECTIFY_TODAY": "2019-03-31"}
    try:
        done = subprocess.run([sys.executable, "-m", "rectify_cli", "check", "-r", SMALL, "-o", str(report)],
                              stdout=terminal, stderr=subprocess.PIPE, env=env, cwd=ROOT, timeout=60)
    finally:
        os.close(terminal)
        os.close(master)
    assert (done.returncode, done.stderr) == (1, b"")
    assert report.read_text(encoding="utf-8") == SMALL_TEXT


@pytest.mark.parametrize("args", [
    ["-r", "tests/fixtures/planted/tasks.yaml"],  # (a broken ledger)
    ["-r", "tests/fixtures/no-such/tasks.yaml"],
    ["-r", SMALL, "--as-of", "2019-02-30"],
    ["-r", SMALL, "--fail-on", "overdue,bogus"],
])
def test_an_input_refused_leaves_the_last_report_as_it_was(tmp_path, args):
    """CI's `check --format junit > rectify-junit.xml` emptied the last report before the ledger
    was read: GitLab then complained of an empty XML file."""
    report = tmp_path / "rectify-junit.xml"
    report.write_bytes(b"<testsuites>the last report</testsuites>\n")
    result = run(*args, "--format", "junit", "-o", str(report))
    assert (result.exit_code, result.stdout) == (2, "")
    assert report.read_bytes() == b"<testsuites>the last report</testsuites>\n"


@pytest.mark.parametrize("lang, said", [
    ("zh", "rectify: {report}: 无法写入（没有文件夹 {folder}）；未写入任何内容\n"),
    ("en", "rectify: {report}: cannot be written (no such folder: {folder}); nothing was written\n"),
])
def test_output_into_a_missing_folder_is_refused_naming_it(tmp_path, lang, said):
    report = tmp_path / "reports" / "rectify-junit.xml"
    result = run("-r", SMALL, "--format", "junit", "-o", str(report), "--lang", lang)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == said.format(report=report, folder=tmp_path / "reports")


@pytest.mark.parametrize("lang, said", [
    ("zh", "rectify: -o 不能与 `--format github`（在 `GitHub Actions` 中为默认格式）同用：工作流命令只有打印到标准输出才起作用；"
           "请用 --format 另选 `text`、`json`、`junit` 或 `sarif`，或去掉 -o\n"),
    ("en", "rectify: -o does not go with --format github (the default under GitHub Actions): workflow commands work "
           "only when printed to standard output; choose another --format (text, json, junit or sarif), or leave out -o\n"),
])
@pytest.mark.parametrize("how", [["--format", "github"], []])
def test_output_is_refused_for_github_annotations_which_work_on_standard_output_only(tmp_path, lang, said, how):
    report = tmp_path / "annotations.txt"
    summary = tmp_path / "summary.md"
    result = run("-r", SMALL, *how, "-o", str(report), "--lang", lang,
                 env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert (result.exit_code, result.stdout) == (2, "")
    # (between the runner's ::stop-commands:: and its token, as every refusal under GitHub Actions)
    stop, refused, resume = result.stderr.splitlines()
    assert (refused, f"::stop-commands::{resume.strip(':')}") == (said.rstrip("\n"), stop)
    assert not report.exists() and not summary.exists()


@pytest.mark.parametrize("to", ["/dev/stdout", "same file"])
def test_output_naming_standard_output_itself_is_not_refused_for_github(tmp_path, to):
    # (-o /dev/stdout is standard output: the annotations are obeyed there; it was refused, exit 2)
    piped = subprocess.run([sys.executable, "-m", "rectify_cli", "check", "-r", SMALL, "--format", "github"],
                           capture_output=True, env=_subprocess_env(), cwd=ROOT, timeout=60)
    assert piped.returncode == 1 and piped.stdout.startswith(b"::error ")
    report = tmp_path / "annotations.txt"
    with open(report, "wb") as out:
        done = subprocess.run([sys.executable, "-m", "rectify_cli", "check", "-r", SMALL, "--format", "github",
                               "-o", "/dev/stdout" if to == "/dev/stdout" else str(report)],
                              stdout=out, stderr=subprocess.PIPE, env=_subprocess_env(), cwd=ROOT, timeout=60)
    assert (done.returncode, done.stderr) == (1, b"")
    assert report.read_bytes() == piped.stdout


# --------------------------------------------------------------------------- machine formats


def test_junit_counts_and_failing_testcase():
    result = run("-r", SMALL, "--format", "junit")
    assert result.exit_code == 1
    suite = ET.fromstring(result.stdout.encode("utf-8")).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("8", "1")
    failing = [c for c in suite.findall("testcase") if c.find("failure") is not None]
    assert [(c.get("name"), c.get("file"), c.get("line"), c.find("failure").get("type")) for c in failing] == [
        ("1.1 拉萨市建成城东污水处理厂（201…", "tests/fixtures/small/tasks.yaml", "41", "overdue")]


def test_junit_with_due_soon_failing():
    result = run("-r", SMALL, "--format", "junit", "--fail-on", "overdue", "--fail-on", "due_soon")
    suite = ET.fromstring(result.stdout.encode("utf-8")).find("testsuite")
    failing = [c.get("name").split()[0] for c in suite.findall("testcase") if c.find("failure") is not None]
    assert (suite.get("failures"), failing) == ("2", ["1.1", "2.1"])


@pytest.mark.parametrize("args, code, failing, warnings", [
    (("--as-of", "2017-01-01"), 0, 0, 0),  # before any deadline
    (("--as-of", "2018-12-31"), 0, 0, 1),  # 1.1's deadline day: not late, due soon
    (("--as-of", "2019-01-01"), 1, 1, 0),  # the day after: late
    ((), 1, 1, 1),  # 1.1 overdue, 2.1 due soon
    (("--fail-on", "due_soon"), 1, 2, 0),
    (("--as-of", "2030-01-01"), 1, 4, 0),  # 1.1, 2.1, 3.1 and 4.2 (moved to 2019-12-31) late; the rest done or ongoing
])
def test_every_format_gives_the_same_counts_and_exit_code(args, code, failing, warnings):
    """A SARIF artefact said neither how many measures were checked nor by which rules, and a
    JUnit one not how many were due soon (its notes mix them with stale ones): each now says what
    JSON and the text's total say."""
    outputs = {f: run("-r", SMALL, *args, "--format", f) for f in ("text", "json", "junit", "sarif", "github")}
    assert {f: result.exit_code for f, result in outputs.items()} == dict.fromkeys(outputs, code)
    document = json.loads(outputs["json"].stdout)
    assert (document["failing"], document["warnings"], document["total"]) == (failing, warnings, 8)
    (sarif,) = json.loads(outputs["sarif"].stdout)["runs"]
    levels = [result["level"] for result in sarif["results"]]
    assert (levels.count("error"), levels.count("warning")) == (failing, warnings)
    assert {k: sarif["properties"][k] for k in ("fail_on", "failing", "warnings", "total")} == {
        "fail_on": document["fail_on"], "failing": failing, "warnings": warnings, "total": 8}
    suite = ET.fromstring(outputs["junit"].stdout.encode("utf-8")).find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert (suite.get("failures"), properties["warnings"], suite.get("tests")) == (str(failing), str(warnings), "8")
    annotations = [line.split(" ", 1)[0] for line in outputs["github"].stdout.splitlines()]
    assert (annotations.count("::error"), annotations.count("::warning")) == (failing, warnings)


def test_json_format():
    result = run("-r", SMALL, "--format", "json", "--fail-on", "overdue", "--fail-on", "stale")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["failing"], document["warnings"], document["total"]) == (2, 1, 8)
    assert [(i["id"], i["kind"], i["line"]) for i in document["items"]] == [
        ("1.1", "failure", 41), ("3.2", "failure", 93), ("2.1", "warning", 64)]


def _own_settings(tmp_path) -> str:
    """The small fixture with a warning window and a reporting period of its own (45, 60 days)."""
    shutil.copytree(ROOT / "tests/fixtures/small", tmp_path / "own")
    plan = tmp_path / "own" / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "warn_days: 30" in text and "report_period_days: 90" in text
    plan.write_text(text.replace("warn_days: 30", "warn_days: 45").replace("report_period_days: 90",
                                                                           "report_period_days: 60"), encoding="utf-8")
    return str(plan)


@pytest.mark.parametrize("cache", ["--no-cache", None])  # (a cached registry is judged from its outcomes)
@pytest.mark.parametrize("override, expected", [([], (45, 60)), (["--warn-days", "7", "--report-period", "200"], (7, 200))])
def test_json_and_sarif_give_the_warning_window_and_reporting_period_as_status_does(tmp_path, cache, override, expected):
    """A CI consumer tells which window made a measure "due soon": the settings in effect, under
    status's names, in check's JSON and in SARIF's run properties."""
    plan = _own_settings(tmp_path)
    args = ["-r", plan, *override, *([cache] if cache else [])]
    run("-r", plan)  # (warms the cache, for the run without --no-cache)
    status = json.loads(CliRunner().invoke(app, ["status", "--format", "json", *args], env=ENV).stdout)
    document = json.loads(run(*args, "--format", "json").stdout)
    run_properties = json.loads(run(*args, "--format", "sarif").stdout)["runs"][0]["properties"]
    assert (status["warn_days"], status["report_period_days"]) == expected
    assert (document["warn_days"], document["report_period_days"]) == expected
    assert (run_properties["warn_days"], run_properties["report_period_days"]) == expected


def test_sarif_start_line_of_measure_1_1():
    result = run("-r", SMALL, "--format", "sarif")
    assert result.exit_code == 1
    (first, second) = json.loads(result.stdout)["runs"][0]["results"]
    assert first["ruleId"] == "overdue" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "tests/fixtures/small/tasks.yaml"}, "region": {"startLine": 41}}
    assert second["ruleId"] == "due_soon" and second["level"] == "warning"
    assert second["locations"][0]["physicalLocation"]["region"] == {"startLine": 64}


def test_github_format_annotates_measure_1_1_at_line_41():
    result = run("-r", SMALL, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=tests/fixtures/small/tasks.yaml,line=41,title=1.1 逾期90天::"
        "措施 1.1：拉萨市建成城东污水处理厂（2018年12月31日）。%0A责任单位：拉萨市%0A期限：2018-12-31"
        "%0A最近有效记录：2018-09-30 推进中：主体工程完工60%25。"
    )
    assert lines[1] == (
        "::warning file=tests/fixtures/small/tasks.yaml,line=64,title=2.1 2019-04-15到期::"
        "措施 2.1：那曲市完成建筑工地围挡硬化（2019年4月15日，长期坚持）。%0A责任单位：那曲市%0A期限：2019-04-15"
        "%0A最近有效记录：2019-01-15 推进中：围挡完成80%25。"
    )
    assert lines[2] == "::stop-commands::rectify-" + sha256(SMALL_TEXT[:-1].encode()).hexdigest()[:32]
    assert "\n".join(lines[3:-1]) + "\n" == SMALL_TEXT
    assert lines[-1] == lines[2].replace("stop-commands::", "") + "::"


def test_github_actions_picks_github_format_and_writes_the_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run("-r", SMALL, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=tests/fixtures/small/tasks.yaml,line=41,title=1.1 逾期90天::")
    assert summary.read_text(encoding="utf-8") == (
        "earlier step\n"
        "### 整改台账检查：1 项措施逾期（共 8 项）\n"
        "\n"
        "| 编号 | 灯 | 情况 | 责任单位 | 措施 |\n"
        "|---|---|---|---|---|\n"
        "| 1.1 | 红 | 逾期90天 | 拉萨市 | 拉萨市建成城东污水处理厂（2018年12月31日）。 |\n"
        "\n"
    )


@pytest.mark.parametrize("lang,expected", [
    ([], "rectify: 警告：GITHUB_STEP_SUMMARY {summary}: 无法写入（没有文件夹 {folder}）；作业摘要缺失\n"),
    (["--lang", "en"], "rectify: warning: GITHUB_STEP_SUMMARY {summary}: cannot be written (no such folder: {folder}); "
                       "the job summary is missing\n"),
])
def test_a_step_summary_that_cannot_be_written_leaves_the_verdict_standing(tmp_path, lang, expected):
    """The warning was English whatever the language."""
    summary = tmp_path / "gone" / "summary.md"
    result = run("-r", SMALL, *lang, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary),
                                          "RECTIFY_LANG": None})
    assert result.exit_code == 1  # (the measure overdue fails the check, as it would with the summary)
    assert result.stdout.startswith("::error file=tests/fixtures/small/tasks.yaml,line=41,title=1.1 ")
    assert result.stderr == expected.format(summary=summary, folder=summary.parent)


@pytest.mark.parametrize("lang,expected", [
    ([], "rectify: 警告：GITHUB_STEP_SUMMARY {summary}: 无法写入（磁盘空间不足）；作业摘要缺失\n"),
    (["--lang", "en"], "rectify: warning: GITHUB_STEP_SUMMARY {summary}: cannot be written (No space left on device); "
                       "the job summary is missing\n"),
])
def test_a_step_summary_the_disk_fills_under_keeps_the_earlier_steps_and_no_half_table(tmp_path, monkeypatch, lang,
                                                                                         expected):
    """The disk filled part-way through the table: its first 40 bytes stayed after the earlier
    steps' summary, cut inside a character, while the warning said the summary was missing."""
    import errno

    from rectify_cli import fsutil

    summary = tmp_path / "summary.md"
    summary.write_bytes("### 上一步骤\n".encode("utf-8"))
    real_open = open

    class FillsUp:  # (a file the disk has 40 bytes left for, as a full disk's write() stops short)
        def __init__(self, handle):
            self.handle, self.room = handle, 40

        def write(self, data):
            data = bytes(data)
            self.handle.write(data[:self.room])
            self.handle.flush()
            if len(data) > self.room:
                self.room = 0
                raise OSError(errno.ENOSPC, "No space left on device")
            self.room -= len(data)
            return len(data)

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def fills_up(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return FillsUp(handle) if Path(path) == summary else handle

    monkeypatch.setattr(fsutil, "open", fills_up, raising=False)
    result = run("-r", SMALL, *lang, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary),
                                          "RECTIFY_LANG": None})
    assert result.exit_code == 1  # (the verdict stands)
    assert result.stderr == expected.format(summary=summary)
    assert summary.read_bytes() == "### 上一步骤\n".encode("utf-8")


def test_a_step_summary_stays_under_githubs_1_mib_when_a_step_checks_twice(tmp_path):
    """GitHub drops a step's summary over 1 MiB whole, all of it: each check kept its own table
    short of the limit, but two in one step (a ledger per province, in a loop) wrote 1.2 MB."""
    ledger = tmp_path / "tasks.yaml"
    # (MANY's 12 overdue measures, each text some 51,000 bytes: a table of about 600,000)
    ledger.write_text(re.sub(r"(text: 第1项任务第[0-9]+条措施)", r"\1" + "整改" * 8500,
                             (ROOT / MANY).read_text(encoding="utf-8")), encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    assert [run("-r", str(ledger), env=env).exit_code for _ in range(2)] == [1, 1]
    written = summary.read_bytes()
    assert len(written) < 1024 * 1024
    lines = written.decode("utf-8").splitlines()
    assert [line for line in lines if line.startswith("###")] == ["### 整改台账检查：12 项措施逾期（共 23 项）"] * 2
    rows = [line for line in lines if line.startswith("| 1.")]
    assert 12 < len(rows) < 24
    assert lines[-2] == (f"另有 {24 - len(rows)} 项未列出（GitHub 的作业摘要不能超过 1 MiB），"
                         f"完整列表见本步骤的日志或 `rectify check -r {ledger} --format json`")


# The note under a cut job summary and a cut SARIF run names a command showing all: run as
# printed, it judged the ledger found from here (or none), today, by the default rules, unfiltered.
CUT_NOTES = {
    "zh": ("另有 2 项未列出（GitHub 的作业摘要不能超过 1 MiB），完整列表见本步骤的日志或 `{command}`",
           "只列出最严重的 1 项结果，另有 1 项未列出（GitHub 代码扫描每次最多接受 1 项），完整列表见 {command}"),
    "en": ("2 more measures not listed (GitHub refuses a job summary over 1 MiB); all are in the step's log and "
           "in `{command}`",
           "Only the 1 worst results are listed, 1 more left out (GitHub code scanning accepts at most 1 a run); "
           "{command} lists them all"),
}


def _cut_notes(tmp_path, monkeypatch, *args, lang="zh", env=None):
    """The note under the job summary (left no room by an earlier step) and the SARIF run's
    notification (allowed one result) of `rectify check ARGS` failing two measures."""
    from rectify_cli.render import check_machine

    summary = tmp_path / "summary.md"
    summary.write_text("x" * 999_999 + "\n", encoding="utf-8")  # (SUMMARY_BYTES: none left)
    langs = ["--lang", lang] if lang != "zh" else []
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), **(env or {})}
    assert run(*args, *langs, env=env).exit_code == 1
    markdown = summary.read_text(encoding="utf-8").splitlines()[-2]
    monkeypatch.setattr(check_machine, "SARIF_RESULTS_CAP", 1)
    result = run(*args, *langs, "--format", "sarif", env=env)
    assert result.exit_code == 1
    (notification,) = json.loads(result.stdout)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    return markdown, notification["message"]["text"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_command_a_cut_output_names_repeats_the_ledger_day_and_filters_given(tmp_path, monkeypatch, lang):
    folder = tmp_path / "my ledger"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", folder)
    ledger = folder / "tasks.yaml"
    notes = _cut_notes(tmp_path, monkeypatch, "-r", str(ledger), "--as-of", "2019-06-30", "--owner", "拉萨市",
                       "--owner", "那曲市", lang=lang)
    command = f"rectify check -r '{ledger}' --as-of 2019-06-30 --owner 拉萨市 --owner 那曲市 --format json"
    assert notes == tuple(note.format(command=command) for note in CUT_NOTES[lang])


def test_the_command_a_cut_output_names_repeats_each_rule_and_setting_given(tmp_path, monkeypatch):
    """In the order of check --help; a date given in other words as the day it named."""
    notes = _cut_notes(tmp_path, monkeypatch, "--report-period", "30", "--task", "3", "--fail-on", "stale",
                       "--warn-days", "7", "--as-of", "2019年3月底", "-r", SMALL, "--task", "1")
    command = (f"rectify check -r {SMALL} --as-of 2019-03-31 --fail-on stale --task 3 --task 1 "
               "--warn-days 7 --report-period 30 --format json")
    assert notes == tuple(note.format(command=command) for note in CUT_NOTES["zh"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_command_a_cut_output_names_is_bare_when_nothing_was_given(tmp_path, monkeypatch, lang):
    """The ledger named by RECTIFY_REGISTRY, still set in the step's shell, is found again."""
    notes = _cut_notes(tmp_path, monkeypatch, lang=lang, env={"RECTIFY_REGISTRY": SMALL, "RECTIFY_TODAY": "2019-06-30"})
    assert notes == tuple(note.format(command="rectify check --format json") for note in CUT_NOTES[lang])


def test_paths_are_relative_to_the_repository_under_a_working_directory(tmp_path, monkeypatch):
    """`defaults: run: working-directory: ledger`: annotations, SARIF and JUnit name the file
    as the repository has it, ledger/tasks.yaml (probe6 #5)."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "ledger")
    monkeypatch.chdir(tmp_path / "ledger")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)}
    assert run("-r", "tasks.yaml", env=env).stdout.startswith(
        "::error file=ledger/tasks.yaml,line=41,title=1.1 逾期90天::")
    sarif = json.loads(run("-r", "tasks.yaml", "--format", "sarif", env=env).stdout)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "ledger/tasks.yaml"}
    junit = ET.fromstring(run("-r", "tasks.yaml", "--format", "junit", env=env).stdout.encode("utf-8"))
    assert {case.get("file") for case in junit.iter("testcase")} == {"ledger/tasks.yaml"}
    # Without GitHub's workspace: relative to the working folder, as before.
    assert run("-r", "tasks.yaml", "--format", "github").stdout.startswith("::error file=tasks.yaml,line=41,")


def test_a_unicode_line_break_in_quoted_text_moves_no_annotation(tmp_path):
    """A U+2028 or U+0085 pasted into a quoted measure text ends a line for YAML 1.1 alone: every
    measure below it was annotated (and located in SARIF and JUnit) one line further down per
    such character than the line an editor, GitHub and code scanning count."""
    ledger = tmp_path / "ledger"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", ledger)
    (ledger / "progress.yaml").unlink()  # (nothing done: every measure below it is annotated)
    plan = ledger / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    pasted = text.replace("text: 拉萨市建成城东污水处理厂（2018年12月31日）。",
                          'text: "拉萨市建成\u2028城东污水处理厂\x85（2018年12月31日）。"')
    assert pasted != text
    plan.write_text(pasted, encoding="utf-8")
    github = run("-r", str(plan), "--format", "github")
    assert github.exit_code == 1
    assert re.findall(r"^::error file=[^,]*,line=(\d+),title=(\S+)", github.stdout, re.MULTILINE)[:3] == [
        ("110", "4.1"), ("47", "1.2"), ("116", "4.2")]
    sarif = json.loads(run("-r", str(plan), "--format", "sarif").stdout)
    assert [(r["properties"]["measure"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in sarif["runs"][0]["results"]][:3] == [("4.1", 110), ("1.2", 47), ("4.2", 116)]
    junit = ET.fromstring(run("-r", str(plan), "--format", "junit").stdout.encode("utf-8"))
    assert {case.get("name").split()[0]: case.get("line") for case in junit.iter("testcase")}["2.1"] == "64"


def test_a_ledger_outside_the_repository_is_not_named_as_if_in_it(tmp_path, monkeypatch):
    """`working-directory: ${{ runner.temp }}` checking a copy of the ledger there: named from
    that folder, ledger/tasks.yaml, code scanning and the annotations put its results on the
    repository's own ledger/tasks.yaml (README: SARIF names a file outside the repository by
    its file:// address). Under GitHub Actions a file outside the repository is named in full."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "repo" / "ledger")
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "temp" / "ledger")
    monkeypatch.chdir(tmp_path / "temp")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path / "repo")}
    copy = (tmp_path / "temp" / "ledger" / "tasks.yaml").resolve()
    sarif = run("-r", "ledger", "--format", "sarif", env=env)
    assert sarif.exit_code == 1
    assert json.loads(sarif.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": f"file://{copy}"}, "region": {"startLine": 41}}
    assert run("-r", "ledger", env=env).stdout.startswith(f"::error file={copy},line=41,title=1.1 逾期90天::")
    assert json.loads(run("-r", "ledger", "--format", "json", env=env).stdout)["items"][0]["file"] == str(copy)


@pytest.mark.skipif(sys.platform == "win32", reason="a file name that is not UTF-8 is a POSIX one")
def test_a_ledger_folder_named_in_gbk_is_checked_in_json_and_sarif(tmp_path, monkeypatch):
    """A folder unpacked from a Windows zip keeps its GBK name (西 is b"\\xce\\xf7"), which is not
    UTF-8: json and sarif stopped with an internal error. JSON gives the name as Python reads it
    (os.fsdecode: the lone surrogates escaped), SARIF by its bytes percent-encoded."""
    ledger = tmp_path / os.fsdecode(b"\xce\xf7")
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", ledger)
    monkeypatch.chdir(tmp_path)
    result = run("-r", str(ledger / "tasks.yaml"), "--format", "json")
    assert (result.exit_code, result.stderr) == (1, "")
    assert '"file": "\\udcce\\udcf7/tasks.yaml",' in result.stdout
    assert json.loads(result.stdout)["items"][0]["file"] == os.fsdecode(b"\xce\xf7/tasks.yaml")
    result = run("-r", str(ledger / "tasks.yaml"), "--format", "sarif")
    assert result.exit_code == 1
    location = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "%CE%F7/tasks.yaml"}
    # (a workflow command is UTF-8 text: the name as JSON writes it, as JUnit does)
    result = run("-r", str(ledger / "tasks.yaml"), "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=\\udcce\\udcf7/tasks.yaml,line=41,title=1.1 逾期90天::")


@pytest.mark.parametrize("workspace", [True, False])
def test_sarif_names_a_ledger_reached_by_dot_dot_by_its_file_uri(tmp_path, monkeypatch, workspace):
    """`-r ../../shared/tasks.yaml` from a step's working folder: SARIF readers take a relative
    uri from the repository's root, where ../../shared/tasks.yaml is another file or none."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "shared 台账")
    (tmp_path / "repo" / "step").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo" / "step")
    env = {"GITHUB_WORKSPACE": str(tmp_path / "repo")} if workspace else {}
    sarif = json.loads(run("-r", "../../shared 台账/tasks.yaml", "--format", "sarif", env=env).stdout)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file://" + str(tmp_path.resolve()) + "/shared%20%E5%8F%B0%E8%B4%A6/tasks.yaml"}


def test_explicit_format_wins_over_github_actions(tmp_path):
    summary = tmp_path / "summary.md"
    result = run("-r", SMALL, "--format", "text", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    lines = result.stdout.split("\n")  # (the text, in the job's log with the runner's commands stopped)
    assert lines[0].startswith("::stop-commands::rectify-") and lines[-2:] == [f"::{lines[0][17:]}::", ""]
    assert "\n".join(lines[1:-2]) + "\n" == SMALL_TEXT
    assert not summary.exists()


def test_github_caps_annotations_at_ten_per_level():
    result = run("-r", MANY, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split("::")[1].split(",title=")[0] for line in lines[:20]] == (
        [f"error file=tests/fixtures/check/many/tasks.yaml,line={24 + 6 * i}" for i in range(10)]
        + [f"warning file=tests/fixtures/check/many/tasks.yaml,line={106 + 6 * i}" for i in range(10)])
    assert lines[20] == ("::notice::另有 2 项未通过的措施、1 项临期提醒未逐条标注（GitHub 每步每类最多显示 10 条），"
                         "完整列表见下方日志")
    assert lines[21].startswith("::stop-commands::") and lines[-1].startswith("::rectify-")
    assert not any(line.startswith("::") for line in lines[22:-1])
    assert [line.split()[0] for line in lines[22:34]] == [f"1.{i}" for i in range(1, 13)]
    assert lines[-2] == "12 项措施逾期（共 23 项）"


def test_github_escapes_comma_and_colon_in_the_file_property(tmp_path, monkeypatch):
    ledger = tmp_path / "ledger,v1:2019"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", ledger)
    monkeypatch.chdir(tmp_path)
    result = run("-r", str(ledger / "tasks.yaml"), "--format", "github", "--lang", "en")
    assert result.stdout.splitlines()[0].startswith(
        "::error file=ledger%2Cv1%3A2019/tasks.yaml,line=41,title=1.1 90 days overdue::Measure 1.1: ")


# --------------------------------------------------------------------------- hostile text


def test_hostile_text_prints_literally():
    result = run("-r", HOSTILE)
    assert result.exit_code == 1
    assert result.stdout == (
        "1.1  红  逾期89天  <b>单位</b>&amp;[red]  <x>&amp; \\x00nul \\x1b[31m[red…\n"
        "临期提醒（不计为失败）：\n"
        "1.2  黄  2019-04-15到期  自治区生态环境厅  *粗体* `code` _斜体_ # 标题 !…\n"
        "1 项措施逾期（共 2 项）\n"
    )


def test_hostile_text_keeps_junit_well_formed():
    result = run("-r", HOSTILE, "--format", "junit")
    suite = ET.fromstring(result.stdout.encode("utf-8")).find("testsuite")
    case = suite.find("testcase")
    assert case.get("name") == "1.1 <x>&amp; \\x00nul \\x1b[31m[red…"
    assert case.find("failure").text.splitlines()[-1] == (
        "最近有效记录：2019-02-01 推进中：]]></failure><x> \\x1b]0;title\\x07 %0A \\x08 done")


@pytest.mark.parametrize("lang, latest", [
    ("en", "Latest in force: 2018-09-30 in progress: 主体工程完工60%25。"),
    ("zh", "最近有效记录：2018-09-30 推进中：主体工程完工60%25。")])
def test_an_annotations_latest_entry_parts_its_state_from_its_note(lang, latest):
    """"2018-09-30 in progress 主体工程…" read as one phrase: the state ran into the note."""
    first = run("--registry", SMALL, "--format", "github", "--lang", lang).stdout.splitlines()[0]
    assert first.split("%0A")[-1] == latest


def test_hostile_text_in_github_annotations():
    lines = run("-r", HOSTILE, "--format", "github").stdout.splitlines()
    assert lines[0] == (
        "::error file=tests/fixtures/check/hostile/tasks.yaml,line=24,title=1.1 逾期89天::"
        "措施 1.1：<x>&amp; \\x00nul \\x1b[31m[red]红[/red] 100%25 a:b,c | d\\x0d ::error::fake\ufffe（2019年1月1日）。"
        "%0A责任单位：<b>单位</b>&amp;[red]%0A期限：2019-01-01"
        "%0A最近有效记录：2019-02-01 推进中：]]></failure><x> \\x1b]0;title\\x07 %250A \\x08 done"
    )
    assert [line[:10] for line in lines if line.startswith("::")] == [
        "::error fi", "::warning ", "::stop-com", "::rectify-"]


@pytest.fixture
def hostile_name(tmp_path, monkeypatch):
    """A folder whose plan file's name (so its ids, NAME:1.1) holds an escape, a line break and
    a workflow command (probe6 #4)."""
    name = "x\x1b[31m\n::warning::y\x01"
    for kind in ("tasks", "progress"):
        shutil.copy(ROOT / HOSTILE.replace("tasks", kind), tmp_path / f"{name}{'' if kind == 'tasks' else '.progress'}.yaml")
    monkeypatch.chdir(tmp_path)
    return "x\\x1b[31m ::warning::y\\x01"  # the name as every command prints it


def test_ids_from_a_hostile_file_name_print_escaped_on_one_line(hostile_name):
    out = run("-r", ".").stdout
    assert out == (  # (the 30-cell id leaves the units and the text 32 and 26 cells of a line's 80)
        f"{hostile_name}:1.1  红  逾期89天  <b>单位</b>&amp…  <x>&amp; \\x00nu…\n"
        "临期提醒（不计为失败）：\n"
        f"{hostile_name}:1.2  黄  2019-04-15到期  自治区生态环…  *粗体* `code…\n"
        "1 项措施逾期（共 2 项）\n"
    )
    status = CliRunner().invoke(app, ["status", "-r", ".", "--measures"], env=ENV).stdout
    assert f"{hostile_name}:1.1  " in status  # as status prints it


def test_ids_from_a_hostile_file_name_are_escaped_in_annotations_and_the_log(hostile_name):
    out = run("-r", ".", "--format", "github").stdout
    assert "\x1b" not in out and "\x01" not in out
    lines = out.splitlines()
    escaped = hostile_name.replace(":", "%3A")
    assert lines[0].startswith(f"::error file={escaped}.yaml,line=24,title={escaped}%3A1.1 逾期89天::"
                               f"措施 {hostile_name}:1.1：<x>&amp; ")
    assert lines[1].startswith(f"::warning file={escaped}.yaml,line=30,title={escaped}%3A1.2 2019-04-15到期::")
    assert lines[3].startswith(f"{hostile_name}:1.1  红  逾期89天  ")
    assert len(lines) == 2 + 1 + 4 + 1


# --------------------------------------------------------------------------- the runner's reading

WORKFLOW = "tests/fixtures/check_workflow_commands/tasks.yaml"  # probe6 #1: legacy ##[command]s in texts and units
# The commands the GitHub runner knows (actions/runner, ActionCommandManager and its extensions).
RUNNER_COMMANDS = {"error", "warning", "notice", "debug", "group", "endgroup", "echo", "add-mask", "add-matcher",
                   "remove-matcher", "set-output", "save-state", "set-env", "add-path", "stop-commands"}


def _parsed(line: str, known: set[str]) -> tuple[str, str] | None:
    """(command, data) of `line` as the runner reads it (ActionCommand.cs): `::cmd props::data`
    after leading spaces, else the legacy `##[cmd props]data` anywhere in the line."""
    stripped = line.lstrip()
    if stripped.startswith("::") and (end := stripped.find("::", 2)) >= 0:
        name = stripped[2:end].split(" ", 1)[0]
        if name.lower() in known:
            return name.lower(), stripped[end + 2:]
    start = line.find("##[")
    if start >= 0 and (end := line.find("]", start)) >= 0:
        name = line[start + 3:end].split(" ", 1)[0]
        if name.lower() in known:
            return name.lower(), line[end + 1:]
    return None


def obeyed(output: str) -> list[str]:
    """The lines of `output` the runner obeys as workflow commands (TryProcessCommand): none
    between ::stop-commands::TOKEN and the TOKEN's own command, which it then obeys."""
    known, token, lines = set(RUNNER_COMMANDS), None, []
    for line in output.split("\n"):
        command = _parsed(line, known)
        if command is None:
            continue
        name, data = command
        if token is not None:
            if name == token:
                lines.append(line)
                known.discard(token)
                token = None
        else:
            lines.append(line)
            if name == "stop-commands":
                token = data.lower()
                known.add(token)
    return lines


def test_registry_text_cannot_issue_workflow_commands_in_the_github_log():
    """The runner reads a legacy ##[command] anywhere in a line: a measure's text raised a forged
    error annotation, a unit's name stopped every later command. The log part is now inside a
    stop-commands block whose token the registry's author cannot know (a hash of that part)."""
    result = run("-r", WORKFLOW, "--format", "github", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    stop = lines.index(next(line for line in lines if line.startswith("::stop-commands::")))
    token = lines[stop].removeprefix("::stop-commands::")
    assert re.fullmatch(r"rectify-[0-9a-f]{32}", token)
    assert lines[stop + 1:] == [
        "1.1  红  逾期89天  自治区生态环境厅  ##[error]伪造的失败注释（2019…",
        "临期提醒（不计为失败）：",
        "1.2  黄  2019-04-15到期  ##[stop-commands]tok  完成整改（2019年4月15日）。",
        "1 项措施逾期（共 2 项）",
        f"::{token}::",
    ]
    assert obeyed(result.stdout) == [*lines[:2], lines[stop], f"::{token}::"]
    assert [line.split(" ", 1)[0] for line in lines[:stop]] == ["::error", "::warning"]
    # Deterministic: the same ledger gives the same token; another ledger another.
    assert run("-r", WORKFLOW, "--format", "github").stdout == result.stdout
    assert token not in run("-r", HOSTILE, "--format", "github").stdout


@pytest.mark.parametrize("command", [["check", "--format", "text"], ["summary", "--month", "2019-03"]])
def test_text_written_with_o_dev_stdout_into_the_github_log_issues_no_workflow_command(command):
    """`-o /dev/stdout` in a step writes to the job's log as `-o -` does: a measure's
    ##[error]… raised a forged error annotation there, the report written bare, unstopped."""
    def logged(*output):
        return subprocess.run([sys.executable, "-m", "rectify_cli", *command, "-r", WORKFLOW, *output],
                              capture_output=True, env=_subprocess_env(GITHUB_ACTIONS="true"), cwd=ROOT, timeout=60)

    bare, named = logged("-o", "-"), logged("-o", "/dev/stdout")
    assert b"##[error]" in named.stdout and (named.returncode, named.stderr) == (bare.returncode, bare.stderr)
    lines = named.stdout.decode("utf-8").splitlines()
    assert obeyed(named.stdout.decode("utf-8")) == [lines[0], lines[-1]] and lines[0].startswith("::stop-commands::")
    assert named.stdout == bare.stdout


@pytest.mark.parametrize("format", ["json", "sarif", "junit"])
def test_registry_text_in_a_machine_format_shown_in_the_log_issues_no_workflow_command(format):
    """JSON, SARIF and JUnit are never wrapped in stop-commands (a pipe to jq and one to the log
    look alike): a measure's ##[error]… raised a forged error annotation there, a unit's
    ##[stop-commands]tok stopped every later command. "[" is now written as a reference to it,
    which every reader of the format reads as "[": the values are the registry's text."""
    result = run("-r", WORKFLOW, "--format", format, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert obeyed(result.stdout) == []
    texts = texts_of(result.stdout, format)
    assert any("##[error]伪造的失败注释" in text for text in texts)
    assert any("##[stop-commands]tok" in text for text in texts)


@pytest.mark.parametrize("ledger", [HOSTILE, MANY, SMALL])
def test_the_runner_obeys_the_annotations_and_the_stop_and_resume_only(ledger):
    out = run("-r", ledger, "--format", "github").stdout
    lines = out.splitlines()
    stop = next(n for n, line in enumerate(lines) if line.startswith("::stop-commands::"))
    assert all(line.startswith(("::error ", "::warning ", "::notice::")) for line in lines[:stop])
    assert lines[-1] == f"::{lines[stop].removeprefix('::stop-commands::')}::"
    assert obeyed(out) == [*lines[:stop + 1], lines[-1]]


# --------------------------------------------------------------------------- CI examples


def _subprocess_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("RECTIFY_REGISTRY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE")}
    env.update(RECTIFY_TODAY="2019-03-31", PYTHONPATH=str(ROOT), **extra)  # (rectify as if installed)
    return env


def _rectify_lines(script: str) -> list[str]:
    return [line.strip() for line in script.splitlines() if line.strip().startswith("rectify")]


@pytest.fixture
def ledger_repository(tmp_path):
    """An office's repository: the bundled ledger in data/, no rectify source beside it."""
    (tmp_path / "data").mkdir()
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    return tmp_path


def _github_steps() -> list[dict]:
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


JENKINS_VENV = ".rectify-venv/bin/"
# A one-line `sh '…'` or `sh "…"` step of the Jenkinsfile: its command.
JENKINS_SH = re.compile(r"""^\s*sh\s+(['"])(.*)\1\s*(?://.*)?$""")


def _jenkins_text() -> str:
    return (ROOT / "examples" / "ci" / "Jenkinsfile").read_text(encoding="utf-8")


def _jenkins_commands() -> list[str]:
    """The Jenkinsfile's shell commands in order, pip and rectify named as on PATH (they run from
    the venv the pipeline makes: a python image's user may not write site-packages)."""
    commands = [found[2] for line in _jenkins_text().splitlines() if (found := JENKINS_SH.match(line))]
    assert commands, "no sh '…' step found in the Jenkinsfile"
    tools = [c for c in commands if c.split(" ")[0].split("/")[-1] in ("pip", "rectify")]
    assert tools and all(c.startswith(JENKINS_VENV) for c in tools), tools
    return [c.removeprefix(JENKINS_VENV) for c in commands]


# What the CI examples install: rectify has no release tags (v0.1.0, pinned once, did not exist
# and the copied example failed to install), so its branch; the office pins a commit or its own tag.
PIN = "main"


def _installs(script: str) -> list[str]:
    """What each `pip install` line of `script` installs, its variables as the example sets them."""
    return [shlex.split(line.replace("${RECTIFY_VERSION}", PIN))[2:]
            for line in script.splitlines() if line.strip().startswith("pip install")]


CI_EXAMPLES = {"github": "github-actions.yml", "gitlab": "gitlab-ci.yml", "jenkins": "Jenkinsfile",
               "azure": "azure-pipelines.yml"}


def _azure_pipeline() -> dict:
    return yaml.safe_load((ROOT / "examples" / "ci" / "azure-pipelines.yml").read_text(encoding="utf-8"))


def _azure_commands(job: str | None = None) -> list[str]:
    """The Azure example's `script:` / `bash:` lines in order (of `job`, else of every job), pip
    and rectify named as on PATH (they run from the venv the pipeline makes, as the Jenkinsfile's)."""
    commands = [line.strip() for each in _azure_pipeline()["jobs"] if job in (None, each["job"])
                for step in each["steps"] for key in ("script", "bash") if key in step
                for line in step[key].splitlines() if line.strip() and not line.strip().startswith("#")]
    assert commands, "no script: or bash: step found in the Azure example"
    tools = [c for c in commands if c.split(" ")[0].split("/")[-1] in ("pip", "rectify")]
    assert tools and all(c.startswith(JENKINS_VENV) for c in tools), tools
    return [c.removeprefix(JENKINS_VENV) for c in commands]


@pytest.mark.parametrize("example", ["github", "gitlab", "jenkins", "azure"])
def test_ci_examples_install_rectify_by_name_from_a_repository_to_replace(example):
    """From an office's ledger repository `pip install .` finds no project (probe6 #7); rectify
    is not on PyPI, where "rectify" is another program: pip installs it from git."""
    from packaging.requirements import Requirement

    text = (ROOT / "examples" / "ci" / CI_EXAMPLES[example]).read_text(encoding="utf-8")
    if example == "github":
        scripts = [step["run"] for step in _github_steps() if "run" in step]
    elif example == "gitlab":
        scripts = yaml.safe_load(text)["rectify"]["script"]
    elif example == "azure":
        scripts = _azure_commands()
    else:
        scripts = _jenkins_commands()
    installs = [tuple(args) for script in scripts for args in _installs(script)]
    # (Azure: once in each of its two jobs, the same)
    assert len(installs) == (2 if example == "azure" else 1), installs
    ((requirement,),) = set(installs)
    wanted = Requirement(requirement)
    project = re.search(r'^name = "(.*)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)[1]
    assert wanted.name == project
    assert wanted.url.startswith("git+https://") and wanted.url.endswith(f".git@{PIN}")
    assert "REPLACE" in wanted.url and "REPLACE the URL" in text
    assert (f"RECTIFY_VERSION = '{PIN}'" if example == "jenkins" else f"RECTIFY_VERSION: {PIN}") in text
    # (and how to pin a release instead, as the URL is replaced)
    assert re.search(rf"REPLACE {PIN} with .*commit's hash.* or a tag", " ".join(text.split()))


def test_the_readme_names_the_pin_the_ci_examples_install():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"at `{PIN}`" in readme and "v0.1.0" not in readme


def test_github_actions_example_saves_the_cache_when_the_check_fails():
    """actions/cache saves only after a job that succeeded, and check fails while anything is
    overdue: the cache was never saved for a ledger that is behind (probe6 #3)."""
    steps = _github_steps()
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    names = [step.get("run", "").split(" ")[:2] for step in steps]
    restore, save = uses.index("actions/cache/restore"), uses.index("actions/cache/save")
    assert "actions/cache" not in uses
    assert restore < names.index(["rectify", "validate"]) < names.index(["rectify", "check"]) < save == len(steps) - 1
    restored, saved = steps[restore], steps[save]
    assert saved["if"] == f"always() && steps.{restored['id']}.outputs.cache-hit != 'true'"
    assert saved["with"] == {"path": restored["with"]["path"],
                             "key": f"${{{{ steps.{restored['id']}.outputs.cache-primary-key }}}}"}
    assert restored["with"]["path"] == "~/.cache/rectify"
    # A new key whenever the ledger (plan or journal) changes, or the release of rectify.
    assert restored["with"]["key"] == "rectify-${{ env.RECTIFY_VERSION }}-${{ hashFiles('data/**/*.yaml') }}"


def test_github_actions_example_runs_against_the_bundled_ledger(tmp_path, ledger_repository):
    steps = _github_steps()
    commands = [line for step in steps if "run" in step for line in _rectify_lines(step["run"])]
    assert [shlex.split(c)[1] for c in commands] == ["--version", "validate", "verify", "check"]
    summary = tmp_path / "summary.md"
    for command in commands:
        done = subprocess.run([sys.executable, "-m", "rectify_cli", *shlex.split(command)[1:]], cwd=ledger_repository,
                              env=_subprocess_env(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary),
                                                  GITHUB_WORKSPACE=str(ledger_repository)),
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
        # (validate and verify pass; check fails the job: the bundled ledger has measures overdue today)
        assert done.returncode == (1 if shlex.split(command)[1] == "check" else 0), (command, done.stderr)
        assert "Traceback" not in done.stderr
        if shlex.split(command)[1] == "--version":  # (the release that ran, in the job's log)
            assert re.fullmatch(r"rectify \d+\.\d+\.\d+\n", done.stdout), done.stdout
        if shlex.split(command)[1] == "check":
            annotations = obeyed(done.stdout)[:-2]  # (then the stop and resume around the log)
            assert all(ANNOTATION.match(line) for line in annotations), annotations
            assert all(",line=" in line for line in annotations if not line.startswith("::notice::"))
            assert all(line.startswith(("::notice::", "::error file=data/tasks.yaml,", "::warning file=data/tasks.yaml,"))
                       for line in annotations)
            assert len([a for a in annotations if a.startswith("::error ")]) <= 10
            assert len([a for a in annotations if a.startswith("::warning ")]) <= 10
            assert (done.returncode == 1) == bool(annotations and annotations[0].startswith("::error "))
            assert summary.read_text(encoding="utf-8").startswith("### 整改台账检查：")


@pytest.mark.parametrize("example", ["github", "gitlab", "jenkins", "azure"])
def test_ci_examples_print_the_release_that_ran_right_after_installing_it(example):
    """The README says `rectify --version` puts the release that ran in the job's log; neither
    example ran it."""
    if example == "github":
        lines = [line.strip() for step in _github_steps() if "run" in step for line in step["run"].splitlines()]
    elif example == "jenkins":
        lines = _jenkins_commands()
    elif example == "azure":
        lines = _azure_commands()
    else:
        lines = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))["rectify"]["script"]
    installed = [at for at, line in enumerate(lines) if line.startswith("pip install")]
    assert installed and all(lines[at + 1] == "rectify --version" for at in installed), lines


def test_gitlab_example_writes_a_junit_report(ledger_repository):
    pipeline = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    job = pipeline["rectify"]
    assert job["artifacts"] == {"when": "always", "reports": {"junit": "rectify-junit.xml"}}
    (command,) = [c for c in _rectify_lines("\n".join(job["script"])) if " check " in c]
    args = shlex.split(command)
    assert ">" not in args and args[args.index("-o") + 1] == "rectify-junit.xml"  # (a broken ledger leaves no empty file)
    done = subprocess.run([sys.executable, "-m", "rectify_cli", *args[1:]], cwd=ledger_repository,
                          env=_subprocess_env(), capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr  # (measures overdue today: the job fails, the report is kept)
    suite = ET.fromstring((ledger_repository / "rectify-junit.xml").read_bytes()).find("testsuite")
    assert int(suite.get("tests")) == len(suite.findall("testcase")) > 0
    failures = sum(1 for case in suite.findall("testcase") if case.find("failure") is not None)
    assert int(suite.get("failures")) == failures
    assert (done.returncode == 1) == (failures > 0)


def test_jenkins_example_makes_a_venv_and_installs_rectify_into_it():
    commands = _jenkins_commands()
    made = commands.index(f"python -m venv --clear {JENKINS_VENV.removesuffix('/bin/')}")
    installed = next(at for at, c in enumerate(commands) if c.startswith("pip install"))
    assert made < installed < min(at for at, c in enumerate(commands) if c.startswith("rectify "))


def test_jenkins_example_runs_against_the_bundled_ledger_and_publishes_its_junit_report(ledger_repository):
    commands = _jenkins_commands()
    rectify = [c for c in commands if c.startswith("rectify ")]
    assert [shlex.split(c)[1] for c in rectify] == ["--version", "validate", "verify", "check"]
    (check,) = [shlex.split(c) for c in rectify if c.startswith("rectify check ")]
    assert ">" not in check and check[check.index("--format") + 1] == "junit"
    report = check[check.index("-o") + 1]
    # (an earlier build's report, which a check stopped by exit 2 leaves as it was, is not published as this one's)
    removed = commands.index(f"rm -f {report}")
    assert removed < commands.index("rectify validate data/tasks.yaml")
    code = "\n".join(line.split("//")[0] for line in _jenkins_text().splitlines())  # (without comments)
    # Published whatever stopped the stage, and a check selecting no measures (tests="0") fails no build.
    assert re.search(r"\bpost\s*\{\s*always\s*\{\s*junit\s+testResults:\s*'(.*?)',\s*allowEmptyResults:\s*true\s*\}\s*\}",
                     code)[1] == report
    (ledger_repository / report).write_text("an earlier build's", encoding="utf-8")
    for command in rectify:
        args = shlex.split(command)
        if args[1] == "validate":
            (ledger_repository / report).unlink()  # (as the rm -f before it)
        _run_an_example_step(args, ledger_repository, _subprocess_env())
    _assert_the_bundled_ledgers_junit_report(ledger_repository / report)


def _run_an_example_step(args: list[str], cwd: Path, env: dict) -> None:
    """A CI example's `rectify …` line run as its step runs it: validate and verify pass, check
    fails the build (the bundled ledger has measures overdue today), writing its report only."""
    done = subprocess.run([sys.executable, "-m", "rectify_cli", *args[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == (1 if args[1] == "check" else 0), (args, done.stderr)
    assert "Traceback" not in done.stderr
    if args[1] == "--version":
        assert re.fullmatch(r"rectify \d+\.\d+\.\d+\n", done.stdout), done.stdout
    if args[1] == "check":
        assert done.stdout == ""


def _assert_the_bundled_ledgers_junit_report(path: Path) -> None:
    suite = ET.fromstring(path.read_bytes()).find("testsuite")
    failures = [case.get("name") for case in suite.findall("testcase") if case.find("failure") is not None]
    assert int(suite.get("tests")) == len(suite.findall("testcase")) == 179
    assert len(failures) == int(suite.get("failures")) == len(OVERDUE_ON_31_MARCH["zh"])


def test_the_readme_links_every_ready_to_copy_ci_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in CI_EXAMPLES.values()
            if f"[`examples/ci/{name}`](examples/ci/{name})" not in readme] == []
    assert sorted(path.name for path in (ROOT / "examples" / "ci").iterdir()) == sorted(CI_EXAMPLES.values())


AZURE_CACHE_KEY = 'rectify | "$(RECTIFY_VERSION)" | data/**/*.yaml'


def _azure_tasks(job: dict, name: str) -> list[int]:
    return [at for at, step in enumerate(job["steps"]) if step.get("task") == name]


def _azure_step_of(job: dict, command: str) -> int:
    return next(at for at, step in enumerate(job["steps"])
                if command in step.get("script", "") + step.get("bash", ""))


def test_azure_example_keeps_rectifys_cache_from_a_job_the_check_cannot_fail():
    """Cache@2 saves only after a job whose status is Succeeded, and check fails whenever a
    measure is overdue: a check in the job that saves the cache would never save it for a ledger
    that is behind (the GitHub example's probe6 #3). validate fills it in a job of its own."""
    pipeline = _azure_pipeline()
    assert pipeline["variables"]["RECTIFY_CACHE_DIR"] == "$(Pipeline.Workspace)/.rectify-cache"
    jobs = {job["job"]: job for job in pipeline["jobs"]}
    (validating,) = [name for name in jobs if "rectify validate data/tasks.yaml" in _azure_commands(name)]
    (checking,) = [name for name in jobs if any(c.startswith("rectify check ") for c in _azure_commands(name))]
    assert validating != checking and jobs[checking]["dependsOn"] == validating
    for name, command in ((validating, "rectify validate "), (checking, "rectify check ")):
        (cache,) = _azure_tasks(jobs[name], "Cache@2")
        assert cache < _azure_step_of(jobs[name], command)
        assert jobs[name]["steps"][cache]["inputs"] == {
            "key": AZURE_CACHE_KEY, "restoreKeys": AZURE_CACHE_KEY.removesuffix(" | data/**/*.yaml"),
            "path": "$(RECTIFY_CACHE_DIR)"}


def test_azure_example_runs_against_the_bundled_ledger_and_publishes_its_junit_report(tmp_path, ledger_repository):
    pipeline = _azure_pipeline()
    commands = _azure_commands()
    rectify = [c for c in commands if c.startswith("rectify ")]
    assert [shlex.split(c)[1] for c in rectify] == ["--version", "validate", "verify", "--version", "check"]
    assert commands.count(f"python -m venv --clear {JENKINS_VENV.removesuffix('/bin/')}") == 2
    (check,) = [shlex.split(c) for c in rectify if c.startswith("rectify check ")]
    assert ">" not in check and check[check.index("--format") + 1] == "junit"
    report = check[check.index("-o") + 1]
    # (an earlier run's report on a self-hosted agent, which a check stopped by exit 2 leaves, is not published as this one's)
    assert commands.index(f"rm -f {report}") < commands.index(" ".join(check))
    (job,) = [job for job in pipeline["jobs"] if " ".join(check) in _azure_commands(job["job"])]
    (publish,) = _azure_tasks(job, "PublishTestResults@2")
    assert publish > _azure_step_of(job, "rectify check ")
    # Published though the check's exit 1 failed the job; the check's exit code is the gate.
    assert job["steps"][publish]["condition"] == "succeededOrFailed()"
    assert job["steps"][publish]["inputs"] == {"testResultsFormat": "JUnit", "testResultsFiles": report,
                                               "failTaskOnFailedTests": False, "testRunTitle": "rectify"}
    workspace = tmp_path / "workspace"  # ($(Pipeline.Workspace))
    cache = Path(pipeline["variables"]["RECTIFY_CACHE_DIR"].replace("$(Pipeline.Workspace)", str(workspace)))
    (ledger_repository / report).write_text("an earlier run's", encoding="utf-8")
    for command in commands:
        args = shlex.split(command)
        if args[:2] == ["rm", "-f"]:
            (ledger_repository / args[2]).unlink(missing_ok=True)
        if args[0] != "rectify":
            continue  # (the venv, and pip, as the Jenkins example's test)
        _run_an_example_step(args, ledger_repository, _subprocess_env(TF_BUILD="True", RECTIFY_CACHE_DIR=str(cache)))
        if args[1] == "validate":  # (what Cache@2 saves after the first job)
            assert any(cache.iterdir())
    _assert_the_bundled_ledgers_junit_report(ledger_repository / report)


def test_a_junit_check_selecting_no_measures_writes_a_report_of_no_tests(tmp_path):
    """What the Jenkins example's allowEmptyResults is for: task 3's measures are none of
    拉萨市's, and Jenkins' junit step fails a build on a report with no test case unless told."""
    report = tmp_path / "rectify-junit.xml"
    result = run("--registry", "data/tasks.yaml", "--owner", "拉萨市", "--task", "3", "--format", "junit",
                 "-o", str(report))
    assert (result.exit_code, result.stdout) == (0, "")
    root = ET.fromstring(report.read_bytes())
    suite = root.find("testsuite")
    assert (root.get("tests"), suite.get("tests"), suite.get("failures"), suite.findall("testcase")) == ("0", "0", "0", [])


def test_invalid_registry_under_github_actions_is_annotated_on_its_line(monkeypatch):
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(app, ["check", "--registry", "tests/fixtures/planted/tasks.yaml", "--format", "junit",
                                      "--lang", "en"])
    assert result.exit_code == 2
    assert result.stdout == ""  # (`--format junit > junit.xml`: no annotation inside the report's file)
    from test_registry import planted_problems

    # (each of validate's lines, test_registry's, as an annotation on its file, line and column)
    annotations = [re.sub(r"^.*/tests/fixtures/planted/([a-z]+\.yaml):(\d+):(\d+): ",
                          r"::error file=tests/fixtures/planted/\1,line=\2,col=\3::", said) for said in planted_problems()]
    assert [line for line in result.stderr.splitlines() if line.startswith("::error")] == annotations
    assert annotations[2] == ("::error file=tests/fixtures/planted/tasks.yaml,line=23,col=18::measure 1.1, field owners: "
                              "unknown unit '自治区生态环境听' (did you mean 自治区生态环境厅?); declare it under 'units:'")


def test_invalid_registry_outside_github_actions_is_said_without_annotations(monkeypatch):
    """Annotations are for the runner alone: elsewhere the refusal is its `rectify:` lines, one a problem."""
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    result = CliRunner().invoke(app, ["check", "--registry", "tests/fixtures/planted/tasks.yaml", "--format", "junit",
                                      "--lang", "en"])
    from test_registry import planted_problems

    # (validate's lines, test_registry's, of the file as typed: no annotation among them)
    said = [re.sub(r"^.*/(tests/fixtures/planted/)", r"rectify: \1", problem) for problem in planted_problems()]
    assert (result.exit_code, result.stdout, result.stderr.splitlines()) == (2, "", said)
    assert said[2] == ("rectify: tests/fixtures/planted/tasks.yaml:23:18: measure 1.1, field owners: unknown unit "
                       "'自治区生态环境听' (did you mean 自治区生态环境厅?); declare it under 'units:'")


def test_registry_text_in_the_problems_of_a_broken_registry_issues_no_workflow_command(tmp_path, monkeypatch):
    """`rectify: tasks.yaml:43:18: … unknown unit '##[error]x'` on stderr, which the runner reads
    too: the legacy command in mid-line raised a forged error annotation."""
    from rectify_cli.cli import app

    small = Path(SMALL)
    text = small.read_text(encoding="utf-8")
    assert "owners: [拉萨市]" in text
    (tmp_path / "tasks.yaml").write_text(text.replace("owners: [拉萨市]", "owners: ['##[error]x']", 1), encoding="utf-8")
    shutil.copy(small.parent / "progress.yaml", tmp_path / "progress.yaml")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(app, ["check", "--registry", str(tmp_path / "tasks.yaml"), "--lang", "en"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any("unknown unit '##[error]x'" in line and line.startswith("rectify: ") for line in lines)
    stop = lines[0].removeprefix("::stop-commands::")
    assert obeyed(result.stderr) == [lines[0], f"::{stop}::", lines[-1]]
    assert lines[-1].startswith("::error file=") and "unknown unit '##[error]x'" in lines[-1]


def test_control_characters_in_the_problems_of_a_broken_registry_are_shown_in_its_annotations(tmp_path, monkeypatch):
    """An unknown unit's name holding a terminal's title-setting escape, a backspace and a
    right-to-left override: the `rectify:` line showed them as \\x1b…, its annotation held them
    raw, for the log's viewer to obey."""
    small = Path(SMALL)
    text = small.read_text(encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(
        text.replace("owners: [拉萨市]", 'owners: ["x\\e]0;title\\a \\b\\u202e"]', 1), encoding="utf-8")
    shutil.copy(small.parent / "progress.yaml", tmp_path / "progress.yaml")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(app, ["check", "--registry", str(tmp_path / "tasks.yaml"), "--lang", "en"])
    assert result.exit_code == 2
    stop, said, resumed, annotation = result.stderr.splitlines()
    assert stop.startswith("::stop-commands::rectify-") and resumed == f"::{stop.removeprefix('::stop-commands::')}::"
    assert said == (f"rectify: {tmp_path / 'tasks.yaml'}:43:18: measure 1.1, field owners: unknown unit "
                    "'x\\x1b]0;title\\x07 \\x08\\u202e'; declare it under 'units:'")
    assert annotation == (f"::error file={tmp_path / 'tasks.yaml'},line=43,col=18::measure 1.1, field owners: unknown unit "
                          "'x\\x1b]0;title\\x07 \\x08\\u202e'; declare it under 'units:'")


@pytest.mark.parametrize("lang, latest", [
    ("zh", "最近有效记录：2019-12-20 销号（2019-12-31到期的一步）"),
    ("en", "Latest in force: 2019-12-20 closed (step due 2019-12-31)")])
def test_an_annotations_latest_entry_says_a_close_of_one_step_is_of_that_step(tmp_path, lang, latest):
    """"Latest in force: closed" beside "overdue" read as a contradiction: the close was of the
    measure's first step, as history and show say it."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data" / "tasks.yaml")
    written = CliRunner().invoke(app, ["close", "30.2", "--milestone", "2019-12-31", "--evidence", "验收意见",
                                       "--date", "2019-12-20", "--registry", registry], env={**ENV, "RECTIFY_TODAY": "2019-12-20"})
    assert written.exit_code == 0, written.output
    for form in ("github", "junit"):
        result = run("--registry", registry, "--task", "30", "--format", form, "--lang", lang, env={"RECTIFY_TODAY": "2021-01-15"})
        assert result.exit_code == 1
        said = result.stdout.replace("%0A", "\n").splitlines()
        start = said.index(next(line for line in said if "30.2" in line and ("::error" in line or "<failure" in line)))
        assert next(line for line in said[start:] if line.startswith(latest[:6])).removesuffix("</failure>") == latest


@pytest.mark.parametrize("lang, note", [
    ("zh", "rectify: 注意：未找到 ./data/tasks.yaml，检查的是内置示例台账；请在台账所在的文件夹中运行，或用 --registry 指定台账\n"),
    ("en", "rectify: note: no ./data/tasks.yaml found, so this checked the bundled example ledger; run it in your "
           "ledger's folder, or name it with --registry\n")])
def test_a_check_that_fell_back_to_the_bundled_ledger_says_so(monkeypatch, tmp_path, lang, note):
    """A newcomer's `rectify check` in a folder without a ledger (a CI step in the wrong folder)
    listed Tibet's 8 overdue measures and failed, saying nothing of whose ledger it judged."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    fell_back = run("--lang", lang, "--format", "json")
    assert fell_back.exit_code == 1
    assert fell_back.stderr == note
    assert json.loads(fell_back.stdout)["failing"] == 8
    # (named with -r, or found in data/ here: the ledger chosen, nothing said)
    assert run("--lang", lang, "-r", str(ROOT / "data" / "tasks.yaml")).stderr == ""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    assert run("--lang", lang).stderr == ""


# --------------------------------------------------------------------------- before the feedback

BEFORE_FEEDBACK = {
    "zh": "注意：核查日期 2017-06-30 早于督察反馈日期 2018-01-03，整改尚未开始，各项措施尚无可核查的进展。",
    "en": "Note: 2017-06-30 is before the inspection's feedback date, 2018-01-03: rectification had not begun, and no "
          "measure has progress to judge.",
}


@pytest.mark.parametrize("lang, total", [("zh", "截至 2017-06-30，8 项措施均无逾期"),
                                         ("en", "All clear as of 2017-06-30: 0 of 8 measures overdue")])
def test_check_before_the_feedback_says_the_rectification_had_not_begun_as_status_does(tmp_path, lang, total):
    # (it said only "8 项措施均无逾期", as if the ledger were in order; status said it had not begun)
    ledger = tmp_path / "ledger"
    shutil.copytree(ROOT / "tests/fixtures/small", ledger)
    env = {"COLUMNS": "400", "RECTIFY_CACHE_DIR": str(tmp_path / "cache")}
    for cache in (["--no-cache"], [], []):  # (read; read and cached; from the cached outcomes)
        result = run("-r", str(ledger / "tasks.yaml"), "--as-of", "2017-06-30", "--lang", lang, *cache, env=env)
        assert (result.exit_code, result.stdout) == (0, f"{BEFORE_FEEDBACK[lang]}\n{total}\n")
    on_the_day = run("-r", SMALL, "--as-of", "2018-01-03", "--lang", lang, env={"COLUMNS": "400"})
    assert on_the_day.exit_code == 0 and BEFORE_FEEDBACK[lang][:8] not in on_the_day.stdout  # (the day itself: begun)


def test_check_before_the_feedback_says_so_wrapped_to_80_cells():
    result = run("-r", SMALL, "--as-of", "2017-06-30")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and all(display_width(line) <= 80 for line in lines)
    assert "".join(lines[:-1]) == BEFORE_FEEDBACK["zh"]


def test_check_machine_formats_carry_the_before_feedback_notice_without_failing():
    args = ("-r", SMALL, "--as-of", "2017-06-30")
    document = json.loads(run(*args, "--format", "json").stdout)
    assert (document["feedback_date"], document["before_feedback"], document["notices"], document["failing"]) == (
        "2018-01-03", True, [BEFORE_FEEDBACK["zh"]], 0)
    github = run(*args, "--format", "github", "--lang", "en")
    assert github.exit_code == 0
    assert github.stdout.splitlines()[0] == f"::notice::{BEFORE_FEEDBACK['en']}"
    sarif = json.loads(run(*args, "--format", "sarif").stdout)["runs"][0]
    assert sarif["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [
        {"level": "note", "message": {"text": BEFORE_FEEDBACK["zh"]}}]}]
    junit = run(*args, "--format", "junit")
    assert junit.exit_code == 0
    properties = {p.get("name"): p.get("value") for p in ET.fromstring(junit.stdout).iter("property")}
    assert properties["notice"] == BEFORE_FEEDBACK["zh"]
    after = json.loads(run("-r", SMALL, "--as-of", "2018-01-03", "--format", "json").stdout)
    assert (after["feedback_date"], after["before_feedback"], after["notices"]) == ("2018-01-03", False, [])
    after_sarif = json.loads(run("-r", SMALL, "--as-of", "2018-01-03", "--format", "sarif").stdout)["runs"][0]
    assert "invocations" not in after_sarif


def test_check_job_summary_says_the_before_feedback_notice_under_its_heading(tmp_path):
    summary = tmp_path / "summary.md"
    result = run("-r", SMALL, "--as-of", "2017-06-30", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0
    assert summary.read_text(encoding="utf-8").splitlines()[:3] == [
        "### 整改台账检查：截至 2017-06-30，8 项措施均无逾期", "", BEFORE_FEEDBACK["zh"]]
