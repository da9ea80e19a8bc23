"""`show` and `status` tell a close made after its deadline (逾期销号) from one on time, as the
monthly summary and `close` itself do: on a copy of the bundled ledger, 40.3 (due 2018-09-30)
closed on 2019-04-18, 200 days late, and 33.1 (due 2019-06-30) closed on 2019-04-26, on time
(the README's month of real use). The ledger's own closes, dated its report's day by the
import, are the report's statement and are not judged."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from builders import run_cli
from rich.cells import cell_len

ROOT = Path(__file__).resolve().parents[1]
TODAY = {"RECTIFY_TODAY": "2019-04-30"}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("late") / "data"
    shutil.copytree(ROOT / "data", folder)
    registry = str(folder / "tasks.yaml")
    for args in (("close", "40.3", "--evidence", "拉萨市环保局验收意见", "--date", "2019-04-18", "--by", "拉萨市"),
                 ("close", "33.1", "--evidence", "验收意见", "--date", "2019-04-26", "--by", "拉萨市")):
        written = run_cli(*args, "--registry", registry, env=TODAY)
        assert written.exit_code == 0, written.output
    return registry


def run(ledger: str, *args: str, columns: int = 100):
    result = run_cli(*args, "--registry", ledger, env={**TODAY, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_show_says_a_measure_was_closed_late_and_by_how_many_days(ledger):
    assert "截至 2019-04-30  绿  已销号（逾期200天销号）  期限 2018-09-30" in run(ledger, "show", "40.3")
    assert ("As of 2019-04-30  green  closed (200 days late)  Due 2018-09-30"
            in run(ledger, "show", "40.3", "--lang", "en"))


def test_show_of_a_close_on_time_says_closed_alone(ledger):
    assert "截至 2019-04-30  绿  已销号" in run(ledger, "show", "33.1")
    assert "As of 2019-04-30  green  closed" in run(ledger, "show", "33.1", "--lang", "en")
    # (closed on the report's day, 2019-03-31, by the import, after its 2018-09-30: the report's statement)
    assert "截至 2019-04-30  绿  已销号" in run(ledger, "show", "40.2")


def test_show_of_a_task_counts_its_late_closes_beside_its_progress(ledger):
    lines = run(ledger, "show", "40")
    assert "完成             3/5（其中逾期销号 1）" in lines
    assert "40.3  绿  已销号（逾期200天销号）              曲水县                曲水县加强聂当工业园区环境保护…" in lines
    assert "40.2  绿  已销号                               达孜区                达孜区加强达孜工业园区环境保护…" in lines
    assert "Completed         3/5 (1 closed late)" in run(ledger, "show", "40", "--lang", "en")


def test_status_counts_late_closes_in_the_totals_and_per_task(ledger):
    lines = run(ledger, "status", "--as-of", "2019-04-30", columns=120)
    # (40.3 is one of the 83 closed and of the 93 completed: said of those, as show says 3/5（其中逾期销号 1）,
    # so that the states add up to the 179 measures)
    assert lines[4:6] == ["措施状态：逾期 7  临期 0  按期推进 22  长期坚持 67  已销号 83",
                          "完成 [###############---------------]  93/179  51%（其中逾期销号 1）"]
    # (the count right-aligned under its header, blank for a task without one: wide characters two cells)
    table = [line for line in lines if line.startswith(("任务  ", "40  ", "33  "))]
    assert table == [
        "任务  问题                                     整改时限                        报告进度        完成  逾期销号  灯   逾期",
        "40    拉萨市工业园区管理工作有待加强           2018年9月30日前完成             基本完成         3/5         1  红  212天",
        "33    拉萨市、日喀则市污水处理设施及配套管网…  2019年6月30日前完成             序时推进         1/2            绿",
    ]
    en = run(ledger, "status", "--as-of", "2019-04-30", "--lang", "en", columns=120)
    assert en[4:6] == ["Measures by state: overdue 7  due soon 0  on track 22  ongoing 67  closed 83",
                       "Completed [###############---------------]  93/179  51% (1 closed late)"]
    assert next(line for line in en if line.startswith("Task  ")).split()[-5:] == [
        "Completed", "Closed", "late", "Light", "Overdue"]


def test_status_of_measures_says_which_were_closed_late(ledger):
    lines = run(ledger, "status", "--as-of", "2019-04-30", "--measures", "--task", "40", "--task", "33")
    assert next(line for line in lines if line.startswith("40.3  ")).startswith("40.3  绿  已销号（逾期200天销号）              曲水县")
    assert next(line for line in lines if line.startswith("33.1  ")).startswith("33.1  绿  已销号                ")
    en = run(ledger, "status", "--as-of", "2019-04-30", "--measures", "--task", "40", "--lang", "en")
    assert next(line for line in en if line.startswith("40.3  ")).startswith("40.3     green  closed (200 days late)  ")


@pytest.mark.parametrize("lang, columns, completed", [
    ("zh", 40, ["完成 [##########----------]  93/179  51%", "（其中逾期销号 1）"]),
    ("en", 40, ["Completed [#######--------]  93/179  51%", "(1 closed late)"]),
    ("zh", 60, ["完成 [###########-----------]  93/179  51%（其中逾期销号 1）"]),
    ("en", 60, ["Completed [#########----------]  93/179  51% (1 closed late)"]),
    ("zh", 80, ["完成 [###############---------------]  93/179  51%（其中逾期销号 1）"]),
    ("en", 80, ["Completed [###############---------------]  93/179  51% (1 closed late)"]),
])
def test_the_late_closes_said_on_the_completion_line_are_never_parted_from_their_words(ledger, lang, columns,
                                                                                        completed):
    """Where the line with the late closes is too wide, the bar is shorter; where it would be
    shorter than its least, the clause goes whole onto the next line. The states add up to the
    measures at any width."""
    lines = run(ledger, "status", "--as-of", "2019-04-30", "--lang", lang, columns=columns)
    start = next(n for n, line in enumerate(lines) if line.startswith(("完成 [", "Completed [")))
    assert lines[start:start + len(completed)] == completed
    assert lines[start + len(completed)] == ""  # (then the blank line before the table)
    states = " ".join(lines[next(n for n, line in enumerate(lines) if line.startswith(("措施状态", "Measures by"))):start])
    assert "逾期销号" not in states and "late" not in states
    assert sum(int(n) for n in states.split() if n.isdigit()) == 179, states


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_status_fits_the_terminal_with_the_late_closes(ledger, columns):
    for lang in ("zh", "en"):
        for extra in ((), ("--measures",)):
            lines = run(ledger, "status", "--as-of", "2019-04-30", "--lang", lang, *extra, columns=columns)
            assert max(map(cell_len, lines)) <= columns, "\n".join(lines)


def test_json_says_the_late_close_of_a_measure_and_counts_them(ledger):
    doc = json.loads("\n".join(run(ledger, "status", "--as-of", "2019-04-30", "--format", "json")))
    assert doc["counts"]["closed_late"] == 1
    tasks = {t["id"]: t for t in doc["tasks"]}
    assert (tasks["40"]["measures_closed_late"], tasks["33"]["measures_closed_late"]) == (1, 0)
    measures = {m["id"]: m for t in doc["tasks"] for m in t["measures"]}
    assert measures["40.3"]["closed_late"] == {"closed": "2019-04-18", "deadline": "2018-09-30", "days": 200}
    assert measures["33.1"]["closed_late"] is None
    shown = json.loads("\n".join(run(ledger, "show", "40.3", "--format", "json")))
    assert shown["measure"]["closed_late"] == {"closed": "2019-04-18", "deadline": "2018-09-30", "days": 200}


@pytest.fixture(scope="module")
def ongoing_ledger(tmp_path_factory) -> str:
    """27.2, due 2019-12-31 then 长期坚持, its dated step closed on 2020-01-10, 10 days late."""
    folder = tmp_path_factory.mktemp("late_ongoing") / "data"
    shutil.copytree(ROOT / "data", folder)
    registry = str(folder / "tasks.yaml")
    written = run_cli("close", "27.2", "--milestone", "2019-12-31", "--evidence", "验收", "--date", "2020-01-10",
                      "--by", "拉萨市", "--registry", registry, env={"RECTIFY_TODAY": "2020-01-10"})
    assert written.exit_code == 0, written.output
    return registry


@pytest.mark.parametrize("today, zh, en", [
    ("2020-01-10", "绿  长期坚持（限期部分逾期10天销号）", "green  ongoing (dated part closed 10 days late)"),
    # (unreported for a reporting period after: it is being stale that is late, not its close)
    ("2020-05-10", "黄  久未报告（限期部分逾期10天销号）", "yellow  stale (dated part closed 10 days late)"),
])
def test_a_measure_whose_dated_part_was_closed_late_says_it_was_that_part(ongoing_ledger, today, zh, en):
    """久未报告（逾期10天销号）, `stale (closed 10 days late)` read as if being stale had been closed late."""
    def lines(*args):
        result = run_cli(*args, "--registry", ongoing_ledger, env={"RECTIFY_TODAY": today, "COLUMNS": "120"})
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    assert f"截至 {today}  {zh}  期限 2019-12-31" in lines("show", "27.2")
    assert f"As of {today}  {en}  Due 2019-12-31" in lines("show", "27.2", "--lang", "en")
    row = next(line for line in lines("status", "--measures", "--task", "27") if line.startswith("27.2  "))
    assert row.split()[1:3] == zh.split()
    row = next(line for line in lines("status", "--measures", "--task", "27", "--lang", "en") if line.startswith("27.2  "))
    assert " ".join(row.split()[1:]).startswith(" ".join(en.split()))


def test_a_measure_whose_dated_part_was_closed_late_is_counted_where_show_counts_it(ongoing_ledger):
    """27.2, still 长期坚持, is one of the completed (its dated part closed), not a state of its own."""
    def lines(*args):
        result = run_cli(*args, "--registry", ongoing_ledger, env={"RECTIFY_TODAY": "2020-01-10", "COLUMNS": "120"})
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    assert any(line.startswith("完成") and line.endswith("（其中逾期销号 1）") for line in lines("show", "27"))
    status = lines("status")
    completed = next(line for line in status if line.startswith("完成 ["))
    assert completed.endswith("%（其中逾期销号 1）"), completed
    assert not any("逾期销号" in line for line in status[:status.index(completed)])


def test_status_limit_keeps_the_late_closes_column_the_bar_names(ledger):
    """--limit 2 leaves out task 40, the only one with a late close: the bar still counts it (the
    counts stay whole, as JSON's counts.closed_late), and the column stays, blank beside the rows
    shown (as JSON's measures_closed_late, 0), with the line saying how many rows were left out.
    It vanished while the bar said （其中逾期销号 1）."""
    lines = run(ledger, "status", "--as-of", "2019-04-30", "--limit", "2", columns=120)
    assert lines[5] == "完成 [###############---------------]  93/179  51%（其中逾期销号 1）"
    assert lines[7:] == [
        "任务  问题                                           整改时限                        报告进度  完成  逾期销号  灯   逾期",
        "------------------------------------------------------------------------------------------------------------------------",
        "35    污水管网建设不健全                             2020年12月31日前完成，长期坚持  序时推进   2/5            红  304天",
        "32    “十二五”城镇生活污水处理设施建设规划执行力不…  2020年12月31日前完成，长期坚持  序时推进   0/3            红  212天",
        "（只列出最严重的 2 行，另有 43 行未列出；去掉 --limit 即可全部列出）",
    ]
    en = run(ledger, "status", "--as-of", "2019-04-30", "--limit", "2", "--lang", "en", columns=120)
    assert next(line for line in en if line.startswith("Task  ")).split()[-5:] == [
        "Completed", "Closed", "late", "Light", "Overdue"]
    doc = json.loads("\n".join(run(ledger, "status", "--as-of", "2019-04-30", "--limit", "2", "--format", "json")))
    assert (doc["counts"]["closed_late"], doc["tasks_omitted"]) == (1, 43)
    assert [(t["id"], t["measures_closed_late"]) for t in doc["tasks"]] == [("35", 0), ("32", 0)]
