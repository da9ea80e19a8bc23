"""`rectify summary` and the day it judges on: a measure due that very day is not late (a
deadline day is not late) and is still open, so the report must name it, in its warning section.
Also the default month at the calendar's first day, and extensions of a measure closed by a
blanket done. (The rest of summary's tests are in test_summary.py.)
"""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import date_ms, entry, make_measure, make_plan, make_registry, make_task, ongoing
from rectify_cli import engine, summary
from rectify_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data/tasks.yaml"
SMALL = ROOT / "tests/fixtures/small/tasks.yaml"


def run(*args: str, today: str):
    return CliRunner().invoke(app, list(args), env={"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": today})


def judged(registry, first: str, last: str, as_of: str):
    report = engine.evaluate(plan=registry.plan, journal=registry.journal, as_of=date.fromisoformat(as_of))
    return summary.build(report, registry=registry, first=date.fromisoformat(first), last=date.fromisoformat(last))


def section(text: str, heading: str) -> list[str]:
    """The lines of a summary's section after its heading, to the blank line after it."""
    lines = text.splitlines()
    start = lines.index(heading)
    return lines[start + 1:lines.index("", start)]


def ids(lines: list[str], column: int) -> list[str]:
    """Column `column` of a section's table rows (after the header and its rule)."""
    return [line.split()[column] for line in lines[2:]]


# --------------------------------------------------------------------------- the core


def _june_registry():
    plan = make_plan([make_task("1", [
        make_measure("1.1", ["2019-06-30"]),  # open, due on the day judged
        make_measure("1.2", ["2019-06-30"]),  # closed
        make_measure("1.3", ["2019-06-29"]),  # open: one day late on the 30th
        make_measure("1.4", ["2019-07-15", ongoing()]),
        make_measure("1.5", [date_ms("2019-06-20", label="一期"), date_ms("2019-06-30", label="二期")]),
    ])])
    return make_registry(plan, [
        entry("1.2", "2019-06-10", "done", evidence="验收"),
        entry("1.5", "2019-06-15", "done", milestone="2019-06-20", evidence="一期验收"),
    ])


def test_a_month_judged_at_its_end_warns_of_what_falls_due_that_day():
    m = judged(_june_registry(), "2019-06-01", "2019-06-30", "2019-06-30")
    assert (m.next_first, m.next_last) == (date(2019, 6, 30), date(2019, 7, 31))
    assert [(i.due, i.measure_id, i.label) for i in m.due_next_month] == [
        (date(2019, 6, 30), "1.1", None), (date(2019, 6, 30), "1.5", "二期"), (date(2019, 7, 15), "1.4", None)]
    assert [o.measure_id for o in m.overdue] == ["1.3"]
    h = m.headline
    # every measure of the due group is closed, overdue, or due on the day: 1.2; 1.3; 1.1 and 1.5
    assert (h.measures_due, h.measures_due_done, h.measures_overdue, h.measures_due_today) == (4, 1, 1, 2)


def test_a_month_judged_mid_way_warns_from_the_day_judged_when_something_falls_due_on_it():
    reg = _june_registry()
    on_the_day = judged(reg, "2019-06-01", "2019-06-30", "2019-06-20")  # 1.5's 一期 was closed before
    assert on_the_day.next_first == date(2019, 6, 21)
    on_the_day = judged(reg, "2019-06-01", "2019-06-30", "2019-06-29")
    assert on_the_day.next_first == date(2019, 6, 29)
    assert [i.measure_id for i in on_the_day.due_next_month][:1] == ["1.3"]
    assert on_the_day.overdue == () and on_the_day.headline.measures_due_today == 1


def test_nothing_due_on_the_day_judged_keeps_next_month():
    m = judged(_june_registry(), "2019-05-01", "2019-05-31", "2019-05-31")
    assert (m.next_first, m.next_last) == (date(2019, 6, 1), date(2019, 6, 30))
    assert m.headline.measures_due_today == 0


# --------------------------------------------------------------------------- the command line


def test_bundled_june_2019_names_the_two_measures_due_on_its_last_day():
    """33.1 and 39.3, due 2019-06-30 and open: the headline's 89 due, 79 done, 8 overdue and
    the body's 8 overdue and 2 due that day add up."""
    out = run("summary", "-r", str(BUNDLED), "--month", "2019-06", today="2019-07-10")
    assert out.exit_code == 0, out.output
    assert "89项具体措施已完成79项" in out.stdout and "目前逾期未完成的具体措施8项" in out.stdout
    assert len(ids(section(out.stdout, "四、逾期未完成（逾期最久的在前）"), 0)) == 8
    due = section(out.stdout, "五、到期预警（2019-06-30 至 2019-07-31）")
    assert [line.split()[:2] for line in due[2:]] == [["2019-06-30", "33.1"], ["2019-06-30", "39.3"]]


def test_bundled_december_2020_names_the_measures_due_on_the_plans_final_deadline():
    out = run("summary", "-r", str(BUNDLED), "--month", "2020-12", today="2021-01-10")
    assert out.exit_code == 0, out.output
    due = section(out.stdout, "五、到期预警（2020-12-31 至 2021-01-31）")
    assert all(line.startswith("2020-12-31  ") for line in due[2:])
    # the 14 measures due soon (临期) that day, and 30.2's step for its last grades (overdue for others)
    assert ids(due, 1) == ["13.2", "15.4", "18.3", "18.4", "18.5", "19.1", "19.4", "19.5", "21.3", "21.4",
                           "30.2", "32.1", "35.2", "45.2", "45.3"]
    assert "30.2" in ids(section(out.stdout, "四、逾期未完成（逾期最久的在前）"), 0)


@pytest.fixture
def small_due_at_month_end(tmp_path):
    """The small registry with 2.1 due on 2019-04-30, the last day of April."""
    shutil.copytree(SMALL.parent, tmp_path / "small")
    plan = tmp_path / "small/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("due: 2019-04-15", "due: 2019-04-30"), encoding="utf-8")
    return str(plan)


@pytest.mark.parametrize("today", ["2019-04-30", "2019-05-10"])  # the month's last day, and after it
def test_small_registry_judged_at_the_month_end(small_due_at_month_end, today):
    out = run("summary", "-r", small_due_at_month_end, "--month", "2019-04", today=today)
    assert out.exit_code == 0, out.output
    assert ids(section(out.stdout, "四、逾期未完成（逾期最久的在前）"), 0) == ["1.1"]
    due = section(out.stdout, "五、到期预警（2019-04-30 至 2019-05-31）")
    assert [line.split()[:2] for line in due[2:]] == [["2019-04-30", "2.1"]]
    english = run("summary", "-r", small_due_at_month_end, "--month", "2019-04", "--lang", "en", today=today)
    assert "\n5. Falling due from 2019-04-30 to 2019-05-31\n" in english.stdout


def test_small_registry_judged_mid_month_on_a_deadline_day():
    """On 15 April 2.1 (due that day) is due, not late: it is warned of, from that day on."""
    out = run("summary", "-r", str(SMALL), "--month", "2019-04", today="2019-04-15")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[2] == "统计区间：2019-04-01 至 2019-04-30（本月未结束，截至 2019-04-15）"
    assert ids(section(out.stdout, "四、逾期未完成（逾期最久的在前）"), 0) == ["1.1"]
    due = section(out.stdout, "五、到期预警（2019-04-15 至 2019-05-31）")
    assert [line.split()[:2] for line in due[2:]] == [["2019-04-15", "2.1"]]
    # the day after, it is late
    late = run("summary", "-r", str(SMALL), "--month", "2019-04", today="2019-04-16").stdout
    assert ids(section(late, "四、逾期未完成（逾期最久的在前）"), 0) == ["1.1", "2.1"]
    assert len(section(late, "五、到期预警（2019-04-17 至 2019-05-31）")) == 1  # (a line saying none, no table)


# --------------------------------------------------------------------------- the default month


@pytest.mark.parametrize("lang,expected", [
    ([], "rectify: 今天是 0001-01-15，在日历的第一个月，没有上个月可供汇总（请用 --month 指定月份）\n"),
    (["--lang", "en"], "rectify: today is 0001-01-15, in the calendar's first month: there is no last month "
                       "to report on (name one with --month)\n"),
])
def test_no_default_month_in_the_calendars_first_month(tmp_path, lang, expected):
    """Today 0001-01-15: no last month. A message and exit 2, not an internal error; in the
    user's language (it was English whatever the language)."""
    (tmp_path / "tasks.yaml").write_bytes(SMALL.read_bytes())
    (tmp_path / "progress.yaml").write_text("# journal\n", encoding="utf-8")
    out = run("summary", "-r", str(tmp_path / "tasks.yaml"), *lang, today="0001-01-15")
    assert (out.exit_code, out.stdout) == (2, "")
    assert out.stderr == expected


# --------------------------------------------------------------------------- 七: the due an extension moved


def test_an_extension_after_a_blanket_close_shows_the_step_the_engine_moves():
    """18.4's shape: a step closed by a done naming it, then a blanket done, then an unnamed
    extension (written by hand: `extend` refuses it). The engine moves the earliest step not
    closed by a done naming it, the 2020-12-31 one; 七 says so, as `show` does."""
    plan = make_plan([make_task("1", [
        make_measure("1.1", [date_ms("2018-12-31"), ongoing(), date_ms("2020-12-31")]),
    ])])
    reg = make_registry(plan, [
        entry("1.1", "2019-03-31", "done", milestone="2018-12-31", evidence="方案"),
        entry("1.1", "2019-05-01", "done", evidence="全部完成"),
        entry("1.1", "2019-05-02", "extended", to="2021-12-31", approved_by="自治区生态环境厅", reason="x"),
        entry("1.1", "2019-05-03", "reopened", note="回头看"),
    ])
    m = judged(reg, "2019-05-01", "2019-05-31", "2019-05-31")
    assert [(e.measure_id, e.from_due, e.to, e.late) for e in m.extensions] == [
        ("1.1", date(2020, 12, 31), date(2021, 12, 31), False)]
    shown = {ms.original_due: ms.due for ms in m_result(reg, "2019-05-31").milestones if ms.original_due}
    assert shown == {date(2018, 12, 31): date(2018, 12, 31), date(2020, 12, 31): date(2021, 12, 31)}


def m_result(reg, as_of: str):
    return next(engine.evaluate(plan=reg.plan, journal=reg.journal, as_of=date.fromisoformat(as_of)).measures())


def test_bundled_18_4_extended_after_a_blanket_close_is_refused_on_load(tmp_path):
    """probe3 #5 on the bundled ledger (七 gave 原期限 —): `extend` refuses such an extension, and
    so does the loader now, written by hand or merged."""
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(BUNDLED.with_name(name), tmp_path / name)
    with open(tmp_path / "progress.yaml", "a", encoding="utf-8") as journal:
        journal.write('- measure: "18.4"\n  date: 2019-05-01\n  state: done\n  note: ""\n  evidence: 全部完成\n'
                      '- measure: "18.4"\n  date: 2019-05-02\n  state: extended\n  note: ""\n  to: 2021-12-31\n'
                      '  reason: 资金\n  approved_by: 自治区生态环境厅\n'
                      '- measure: "18.4"\n  date: 2019-05-03\n  state: reopened\n  note: 回头看\n')
    out = run("summary", "-r", str(tmp_path / "tasks.yaml"), "--month", "2019-05", "--lang", "en", today="2019-06-10")
    assert (out.exit_code, out.stdout) == (2, "")
    assert "18.4 has no pending deadline as of 2019-05-02: nothing to extend" in out.stderr
