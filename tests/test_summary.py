"""`rectify summary`: the monthly summary's content (core) and the command line around it.

The rendered text itself is pinned by snapshots in tests/render/test_summary_text.py.
"""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import date_ms, entry, immediate, make_measure, make_plan, make_registry, make_task, ongoing
from rectify_cli import engine, summary
from rectify_cli.cli import app
from rectify_cli.errors import UsageError
from rectify_cli.registry import load_registry
from rectify_cli.summary import (
    ClosedItem,
    DueItem,
    ExtensionItem,
    Headline,
    OverdueItem,
    ReopenedItem,
    StaleItem,
    UnitRow,
)

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests/fixtures/small/tasks.yaml"
ENV = {"RECTIFY_REGISTRY": None, "RECTIFY_TODAY": "2019-04-15"}

SMALL_HEAD = "55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f"


def month_of(registry, first: str, last: str, owners=()):
    first_d, last_d = date.fromisoformat(first), date.fromisoformat(last)
    report = engine.evaluate(plan=registry.plan, journal=registry.journal, as_of=last_d)
    return summary.build(report, registry=registry, first=first_d, last=last_d, owners=owners)


@pytest.fixture(scope="module")
def small():
    return load_registry(SMALL, use_cache=False)


def run(*args: str, env=ENV):
    return CliRunner().invoke(app, list(args), env=env)


# --------------------------------------------------------------------------- the core, on the small fixture


def test_march_2019_headline(small):
    m = month_of(small, "2019-03-01", "2019-03-31")
    assert m.headline == Headline(
        as_of=date(2019, 3, 31),
        tasks_total=4,
        measures_total=8,
        tasks_due=1,  # task 1 (2018-12-31)
        tasks_due_done=0,  # 1.1 is still open
        measures_due=2,  # 1.1, 1.2
        measures_due_done=1,  # 1.2
        tasks_later=2,  # task 2 (2019-04-30), task 3 (2020-12-31)
        measures_later=3,  # 2.1, 3.1, 4.2 (extended to 2019-12-31)
        tasks_ongoing=1,  # task 4: 立行立改，长期坚持
        measures_ongoing=3,  # 2.2, 3.2 (ongoing), 4.1 (immediate)
        measures_overdue=1,  # 1.1
        measures_overdue_outside_due=0,
        measures_stale=1,  # 3.2
    )


def test_march_2019_sections(small):
    m = month_of(small, "2019-03-01", "2019-03-31")
    assert m.closed == ()
    assert m.overdue == (
        OverdueItem("1.1", "拉萨市建成城东污水处理厂（2018年12月31日）。", ("拉萨市",), date(2018, 12, 31), 90),
    )
    assert m.due_next_month == (
        DueItem(date(2019, 4, 15), "2.1", "那曲市完成建筑工地围挡硬化（2019年4月15日，长期坚持）。", ("那曲市",), None),
    )
    assert (m.next_first, m.next_last) == (date(2019, 4, 1), date(2019, 4, 30))
    assert m.stale == (
        StaleItem("3.2", "定期开展水源地环境状况评估（长期坚持）。", ("自治区生态环境厅",), date(2018, 6, 30), 274),
    )
    assert m.extensions == (
        ExtensionItem(date(2019, 3, 10), "4.2", date(2019, 6, 30), date(2019, 12, 31), "自治区生态环境厅", False,
                      "高海拔冬季停工"),
    )
    assert m.units == (
        UnitRow("拉萨市", open=1, overdue=1, due_soon=0, stale=0),
        UnitRow("那曲市", open=2, overdue=0, due_soon=1, stale=0),
        UnitRow("自治区生态环境厅", open=2, overdue=0, due_soon=0, stale=1),
    )
    assert m.units_quiet == ("自治区住房城乡建设厅",)  # 1.2 done, 2.2 reported in time
    assert m.head_hash == SMALL_HEAD


def test_closed_out_in_the_month_and_head_hash_in_journal_order(small):
    m = month_of(small, "2018-06-01", "2018-06-30")
    assert [(c.date, c.measure_id, c.evidence) for c in m.closed] == [
        (date(2018, 6, 20), "1.2", "藏环发〔2018〕12号"),
    ]
    # The last entry dated on or before 2018-06-30 *in journal order* is 4.1's (2018-05-10),
    # written after 3.2's entry of 2018-06-30.
    assert m.head_hash == "b17614f691984f81bad96e3faf0ad161bb95bb2f2415f31da6fc0bec3620941d"


def test_month_before_any_entry_has_no_head_hash(small):
    assert month_of(small, "2017-12-01", "2017-12-31").head_hash is None


def test_a_folder_has_a_head_per_journal_and_one_file_keeps_its_single_head(small, tmp_path):
    for name in ("a", "b", "c"):  # the small fixture thrice (a copy is refused: a comment tells them apart)
        (tmp_path / f"{name}.yaml").write_bytes(SMALL.read_bytes() + f"# {name}\n".encode())
    for name in ("a", "b"):  # (c has no journal yet)
        (tmp_path / f"{name}.progress.yaml").write_bytes(SMALL.with_name("progress.yaml").read_bytes())
    folder = load_registry(tmp_path, use_cache=False, today=date(2019, 4, 15))
    m = month_of(folder, "2018-06-01", "2018-06-30")
    june = "b17614f691984f81bad96e3faf0ad161bb95bb2f2415f31da6fc0bec3620941d"  # in journal order, as above
    assert (m.head_hash, m.journal_heads) == (None, (
        (str(tmp_path / "a.progress.yaml"), june), (str(tmp_path / "b.progress.yaml"), june),
        (str(tmp_path / "c.progress.yaml"), None)))
    one_file = month_of(small, "2018-06-01", "2018-06-30")
    assert (one_file.head_hash, one_file.journal_heads) == (june, ())


def test_owner_by_alias_filters_every_section(small):
    m = month_of(small, "2019-03-01", "2019-03-31", owners=("环境保护厅",))
    assert m.owners == ("自治区生态环境厅",)
    assert (m.headline.tasks_total, m.headline.measures_total) == (3, 4)  # 1.2, 3.1, 3.2, 4.2
    assert (m.headline.tasks_due, m.headline.tasks_due_done) == (1, 1)  # task 1: its measure 1.2 is done
    assert (m.headline.measures_due, m.headline.measures_due_done) == (1, 1)
    assert (m.headline.measures_later, m.headline.measures_ongoing) == (2, 1)
    assert m.overdue == () and m.due_next_month == ()
    assert [s.measure_id for s in m.stale] == ["3.2"]
    assert [e.measure_id for e in m.extensions] == ["4.2"]
    assert m.units == (UnitRow("自治区生态环境厅", open=2, overdue=0, due_soon=0, stale=1),)
    assert m.units_quiet == ()


def test_unknown_owner_is_a_usage_error(small):
    with pytest.raises(UsageError, match="不存在的单位"):
        month_of(small, "2019-03-01", "2019-03-31", owners=("不存在的单位",))


# --------------------------------------------------------------------------- the core, hand-built cases


def test_due_next_month_crosses_the_year_and_skips_done_milestones():
    plan = make_plan([make_task("1", [
        make_measure("1.1", [date_ms("2019-01-10", label="一期"), date_ms("2019-01-20", label="二期")]),
        make_measure("1.2", ["2019-02-01"]),  # the month after next
        make_measure("1.3", ["2019-01-31", ongoing()]),
    ])])
    reg = make_registry(plan, [entry("1.1", "2018-12-05", "done", milestone="2019-01-10")])
    m = month_of(reg, "2018-12-01", "2018-12-31")
    assert (m.next_first, m.next_last) == (date(2019, 1, 1), date(2019, 1, 31))
    assert [(i.due, i.measure_id, i.label) for i in m.due_next_month] == [
        (date(2019, 1, 20), "1.1", "二期"),
        (date(2019, 1, 31), "1.3", None),
    ]


def test_extensions_show_the_due_they_moved_and_the_late_flag():
    plan = make_plan([make_task("1", [make_measure("1.1", ["2019-03-31"])])])
    reg = make_registry(plan, [
        entry("1.1", "2019-03-01", "extended", to="2019-06-30", approved_by="自治区生态环境厅"),
        entry("1.1", "2019-07-02", "extended", to="2019-09-30", approved_by="自治区人民政府", late=True,
              reason="资金未到位"),
    ])
    march = month_of(reg, "2019-03-01", "2019-03-31")
    assert [(e.from_due, e.to, e.late) for e in march.extensions] == [(date(2019, 3, 31), date(2019, 6, 30), False)]
    july = month_of(reg, "2019-07-01", "2019-07-31")
    assert july.extensions == (
        ExtensionItem(date(2019, 7, 2), "1.1", date(2019, 6, 30), date(2019, 9, 30), "自治区人民政府", True, "资金未到位"),
    )


def test_never_reported_ongoing_measure_is_stale_without_a_last_date_counted_from_the_feedback_date():
    """As the engine counts it: 2018-01-03 to 2019-03-31 is 365 + 59 (to 03-03) + 28 = 452 days."""
    plan = make_plan([make_task("1", [make_measure("1.1", [ongoing()])])])
    m = month_of(make_registry(plan), "2019-03-01", "2019-03-31")
    assert m.stale == (StaleItem("1.1", "措施1.1", ("自治区生态环境厅",), None, 452, feedback=date(2018, 1, 3)),)


def test_overdue_worst_first_counts_every_owner():
    plan = make_plan([make_task("1", [
        make_measure("1.1", ["2019-03-01"], owners=["拉萨市"]),
        make_measure("1.2", ["2019-01-01"], owners=["拉萨市", "那曲市"]),
        make_measure("1.10", ["2019-01-01"], owners=["那曲市"]),
    ])])
    m = month_of(make_registry(plan), "2019-03-01", "2019-03-31")
    assert [(o.measure_id, o.days_overdue) for o in m.overdue] == [("1.2", 89), ("1.10", 89), ("1.1", 30)]
    assert m.units == (UnitRow("拉萨市", 2, 2, 0, 0), UnitRow("那曲市", 2, 2, 0, 0))


def test_an_entry_is_closed_in_the_month_for_what_it_closed():
    """Closed as the engine has it (MeasureResult.closed): a second done of a measure closed
    before and a done of a 长期坚持-only measure close nothing; a done of one step of two closes
    that step, listed as such (it was in no month's list, while a reopening undoing it was)."""
    plan = make_plan([make_task("1", [
        make_measure("1.1", ["2019-01-31"]),
        make_measure("1.2", [ongoing()]),
        make_measure("1.3", [date_ms("2019-02-28", label="一期"), date_ms("2019-06-30", label="二期")]),
        make_measure("1.4", ["2019-03-31", ongoing()]),
        make_measure("1.5", [immediate()]),
    ])])
    reg = make_registry(plan, [
        entry("1.1", "2019-01-10", "done", evidence="验收"),
        entry("1.1", "2019-03-05", "done", evidence="再次验收"),  # (by hand: `close` refuses it)
        entry("1.2", "2019-03-06", "done", evidence="专栏"),
        entry("1.3", "2019-03-07", "done", milestone="2019-02-28", evidence="一期验收"),
        entry("1.4", "2019-03-08", "done", evidence="限期部分验收"),  # its dated part: it stays ongoing
        entry("1.5", "2019-03-09", "done", evidence="通报"),
        entry("1.3", "2019-05-20", "done", milestone="2019-06-30", evidence="二期验收"),
    ])
    assert month_of(reg, "2019-01-01", "2019-01-31").closed == (
        ClosedItem(date(2019, 1, 10), "1.1", "措施1.1", "自治区生态环境厅", "验收", None),
    )
    assert month_of(reg, "2019-03-01", "2019-03-31").closed == (
        # (a week after its step's deadline, and 立即启动's, due on the feedback date: closed late)
        ClosedItem(date(2019, 3, 7), "1.3", "措施1.3", "自治区生态环境厅", "一期验收", date(2019, 2, 28),
                   step_due=date(2019, 2, 28), step_label="一期", missed=date(2019, 2, 28)),
        ClosedItem(date(2019, 3, 8), "1.4", "措施1.4", "自治区生态环境厅", "限期部分验收", None, goes_on=True),
        ClosedItem(date(2019, 3, 9), "1.5", "措施1.5", "自治区生态环境厅", "通报", None, missed=date(2018, 1, 3)),
    )
    # 1.3 is closed by the entry closing its last open step
    assert month_of(reg, "2019-05-01", "2019-05-31").closed == (
        ClosedItem(date(2019, 5, 20), "1.3", "措施1.3", "自治区生态环境厅", "二期验收", date(2019, 6, 30)),
    )


def test_a_measure_reopened_in_the_month_is_listed_with_the_close_it_undid():
    plan = make_plan([make_task("1", [
        make_measure("1.1", ["2019-01-31"], owners=["拉萨市", "那曲市"]),
        make_measure("1.2", ["2019-01-31"]),
        make_measure("1.3", ["2019-01-31"]),
        make_measure("1.4", ["2019-06-30"]),
    ])])
    reg = make_registry(plan, [
        entry("1.1", "2019-02-20", "done", evidence="验收"),
        entry("1.1", "2019-03-20", "reopened", note="回头看发现出水超标"),
        entry("1.2", "2019-03-05", "done", evidence="验收"),
        entry("1.2", "2019-03-20", "reopened", note="回头看发现表面整改"),
        entry("1.3", "2019-03-05", "done", evidence="验收"),
        entry("1.3", "2019-03-10", "reopened", note="回头看发现虚假整改"),
        entry("1.3", "2019-03-25", "done", evidence="重新验收"),
        entry("1.4", "2019-03-12", "reopened", note="无可重新打开"),  # (by hand: nothing was closed)
    ])
    february = month_of(reg, "2019-02-01", "2019-02-28")
    assert [(c.date, c.measure_id) for c in february.closed] == [(date(2019, 2, 20), "1.1")]
    assert february.reopened == ()
    march = month_of(reg, "2019-03-01", "2019-03-31")
    # every close of the month is listed, those the month's reopenings undid marked with the reopening
    assert march.closed == (
        # (each after the deadline of 2019-01-31: closed late)
        ClosedItem(date(2019, 3, 5), "1.2", "措施1.2", "自治区生态环境厅", "验收", None, reopened=date(2019, 3, 20),
                   missed=date(2019, 1, 31)),
        ClosedItem(date(2019, 3, 5), "1.3", "措施1.3", "自治区生态环境厅", "验收", None, reopened=date(2019, 3, 10),
                   missed=date(2019, 1, 31)),
        ClosedItem(date(2019, 3, 25), "1.3", "措施1.3", "自治区生态环境厅", "重新验收", None, missed=date(2019, 1, 31)),
    )
    assert march.reopened == (
        ReopenedItem(date(2019, 3, 10), "1.3", "措施1.3", ("自治区生态环境厅",), date(2019, 3, 5), "回头看发现虚假整改"),
        ReopenedItem(date(2019, 3, 20), "1.1", "措施1.1", ("拉萨市", "那曲市"), date(2019, 2, 20), "回头看发现出水超标"),
        ReopenedItem(date(2019, 3, 20), "1.2", "措施1.2", ("自治区生态环境厅",), date(2019, 3, 5), "回头看发现表面整改"),
    )


def test_a_step_closed_and_reopened_in_the_month_is_listed_with_its_reopening():
    plan = make_plan([make_task("1", [
        make_measure("1.1", [date_ms("2019-03-31", label="一期"), date_ms("2019-12-31", label="二期")]),
    ])])
    reg = make_registry(plan, [
        entry("1.1", "2019-03-05", "done", milestone="2019-03-31", evidence="一期验收"),
        entry("1.1", "2019-03-18", "reopened", note="回头看发现一期未完成"),
    ])
    march = month_of(reg, "2019-03-01", "2019-03-31")
    assert march.closed == (
        ClosedItem(date(2019, 3, 5), "1.1", "措施1.1", "自治区生态环境厅", "一期验收", date(2019, 3, 31),
                   step_due=date(2019, 3, 31), step_label="一期", reopened=date(2019, 3, 18)),
    )
    assert [(r.measure_id, r.closed_on) for r in march.reopened] == [("1.1", date(2019, 3, 5))]


def test_an_extended_immediate_measure_is_grouped_by_the_date_it_was_extended_to():
    """立即启动 has no calendar date of its own ("ongoing" group); an approved extension gives
    it one, and it is due or later by that date like any dated measure."""
    plan = make_plan([make_task("1", [
        make_measure("1.1", [immediate()]),
        make_measure("1.2", [immediate()]),
        make_measure("1.3", [immediate()]),
        make_measure("1.4", [immediate(), ongoing()]),
    ], milestones=[immediate()])])
    reg = make_registry(plan, [
        entry("1.1", "2019-03-12", "extended", to="2019-06-30", approved_by="自治区纪委监委", late=True, reason="x"),
        entry("1.2", "2019-02-12", "extended", to="2019-03-20", approved_by="自治区纪委监委", late=True, reason="x"),
        entry("1.4", "2019-03-01", "extended", to="2019-03-10", approved_by="自治区纪委监委", late=True, reason="x"),
        entry("1.4", "2019-03-08", "done", evidence="通报"),
    ])
    assert month_of(reg, "2019-03-01", "2019-03-31").headline == Headline(
        as_of=date(2019, 3, 31), tasks_total=1, measures_total=4,
        tasks_due=0, tasks_due_done=0,
        measures_due=2, measures_due_done=1,  # 1.2 (2019-03-20, overdue), 1.4 (2019-03-10, closed)
        tasks_later=0, measures_later=1,  # 1.1 (2019-06-30)
        tasks_ongoing=1, measures_ongoing=1,  # 1.3: never extended, due on the feedback date
        measures_overdue=2,  # 1.2 since 2019-03-20, 1.3 since 2018-01-03
        measures_overdue_outside_due=1,  # 1.3, immediate: no completion date in the headline
        measures_stale=0,
    )


# --------------------------------------------------------------------------- the command line


def test_output_file_gets_exactly_what_stdout_would(tmp_path):
    shown = run("summary", "-r", str(SMALL), "--month", "2019-03")
    target = tmp_path / "月报.txt"
    written = run("summary", "-r", str(SMALL), "--month", "2019-03", "-o", str(target))
    assert (shown.exit_code, written.exit_code) == (0, 0)
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert shown.stdout.startswith("测试台账\n2019年3月整改情况月报（按月交账）\n")


def test_output_dash_is_standard_output_as_in_other_tools(tmp_path, monkeypatch):
    """`-o -` wrote a file named "-" in the working folder."""
    shown = run("summary", "-r", str(SMALL), "--month", "2019-03")
    monkeypatch.chdir(tmp_path)
    dashed = run("summary", "-r", str(SMALL), "--month", "2019-03", "-o", "-")
    assert (dashed.exit_code, dashed.stdout) == (0, shown.stdout)
    assert list(tmp_path.iterdir()) == []


def test_default_month_is_last_month_of_today():
    assert run("summary", "-r", str(SMALL)).stdout == run("summary", "-r", str(SMALL), "--month", "2019-03").stdout


def test_month_in_chinese_is_accepted():
    result = run("summary", "-r", str(SMALL), "--month", "2019年3月")
    assert result.exit_code == 0
    assert "统计区间：2019-03-01 至 2019-03-31\n" in result.stdout


@pytest.mark.parametrize("month, en, zh", [
    ("2019-13", "--month: '2019-13' is not a real month (a month is 1 to 12)", "--month：“2019-13”不是实际存在的月份（月份应在 1 到 12 之间）"),
    ("2019-03-15", "--month: not a month: '2019-03-15' (use 2019-03 or 2019年3月)", "--month：“2019-03-15”不是月份（可写作 2019-03 或 2019年3月）"),
    ("March", "--month: not a month: 'March' (use 2019-03 or 2019年3月)", "--month：“March”不是月份（可写作 2019-03 或 2019年3月）"),
    ("2019-00", "--month: '2019-00' is not a real month (a month is 1 to 12)", "--month：“2019-00”不是实际存在的月份（月份应在 1 到 12 之间）"),
])
def test_bad_month_is_exit_2_with_a_message(month, en, zh):
    result = run("summary", "-r", str(SMALL), "--month", month, "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {en}\n")
    result = run("summary", "-r", str(SMALL), "--month", month)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {zh}\n")


def test_unknown_owner_is_exit_2():
    result = run("summary", "-r", str(SMALL), "--month", "2019-03", "--owner", "不存在的单位", "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "rectify: --owner: unknown unit '不存在的单位' (known units: 自治区生态环境厅, 自治区住房城乡建设厅, 那曲市, 拉萨市)\n")


def test_owner_option_names_the_unit():
    result = run("summary", "-r", str(SMALL), "--month", "2019-03", "--owner", "环境保护厅")
    assert result.exit_code == 0
    assert "\n责任单位：自治区生态环境厅\n" in result.stdout
    assert "截至2019年3月31日，自治区生态环境厅负责的3项整改任务、4项具体措施中，" in result.stdout


def test_a_month_not_over_is_judged_as_of_today():
    """On 10 April, 2.1 (due 15 April) is due soon, not 15 days overdue as it would be on the
    30th; 1.1 is 100 days overdue, as `check` says that day."""
    result = run("summary", "-r", str(SMALL), "--month", "2019-04", env={**ENV, "RECTIFY_TODAY": "2019-04-10"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2] == "统计区间：2019-04-01 至 2019-04-30（本月未结束，截至 2019-04-10）"
    overdue = lines[lines.index("四、逾期未完成（逾期最久的在前）") + 3:lines.index("五、到期预警（2019-04-11 至 2019-05-31）") - 1]
    assert [line.split()[0] for line in overdue] == ["1.1"] and overdue[0].endswith(" 100天")
    # what falls due before the month is over is warned of, from tomorrow on
    due = lines[lines.index("五、到期预警（2019-04-11 至 2019-05-31）") + 3]
    assert due.split()[:2] == ["2019-04-15", "2.1"]
    assert "截至2019年4月10日，" in result.stdout
    english = run("summary", "-r", str(SMALL), "--month", "2019-04", "--lang", "en",
                  env={**ENV, "RECTIFY_TODAY": "2019-04-10"})
    assert english.stdout.splitlines()[2] == "Period: 2019-04-01 to 2019-04-30 (the month is not over: as of 2019-04-10)"
    assert "5. Falling due from 2019-04-11 to 2019-05-31\n" in english.stdout


def test_a_month_run_on_its_last_day_is_not_over_yet():
    """On 30 April the month is judged as of its last day, but entries may still be recorded that
    day: pasted, the summary must not pass for the month's final one."""
    result = run("summary", "-r", str(SMALL), "--month", "2019-04", env={**ENV, "RECTIFY_TODAY": "2019-04-30"})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == "统计区间：2019-04-01 至 2019-04-30（本月未结束，截至 2019-04-30）"
    over = run("summary", "-r", str(SMALL), "--month", "2019-04", env={**ENV, "RECTIFY_TODAY": "2019-05-01"})
    assert over.stdout.splitlines()[2] == "统计区间：2019-04-01 至 2019-04-30"


def test_a_month_not_begun_is_refused():
    result = run("summary", "-r", str(SMALL), "--month", "2019-05", "--lang", "en", env={**ENV, "RECTIFY_TODAY": "2019-04-30"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "rectify: --month: 2019-05 has not begun (today is 2019-04-30)\n"


def test_a_month_before_the_inspection_is_refused():
    result = run("summary", "-r", str(SMALL), "--month", "2017-12", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "rectify: --month: 2017-12 ended before the inspection's feedback (2018-01-03): nothing to report on\n"
    assert run("summary", "-r", str(SMALL), "--month", "2018-01").exit_code == 0  # (the month of the feedback)


@pytest.mark.parametrize("month", ["2019-03", "2019年3月", "2019 年 3 月", "2019.03", "2019/3"])
def test_a_month_is_read_in_the_forms_as_of_takes(month):
    assert run("summary", "-r", str(SMALL), "--month", month).stdout.splitlines()[2] == "统计区间：2019-03-01 至 2019-03-31"


def _section(text: str, heading: str) -> list[str]:
    """The lines of a summary's section, from its heading to the blank line after it."""
    lines = text.splitlines()
    start = lines.index(heading)
    return lines[start:lines.index("", start)]


def test_a_second_close_written_by_hand_and_a_close_of_an_ongoing_measure_are_refused_not_summed_up(tmp_path):
    shutil.copytree(SMALL.parent, tmp_path / "small")
    registry = tmp_path / "small/tasks.yaml"
    with open(tmp_path / "small/progress.yaml", "a", encoding="utf-8") as journal:
        # 1.2 was closed on 2018-06-20; 3.2 is 长期坚持 only (`rectify close` refuses both)
        journal.write('- measure: "1.2"\n  date: 2019-03-05\n  state: done\n  evidence: 再次验收\n  note: x\n'
                      '- measure: "3.2"\n  date: 2019-03-06\n  state: done\n  evidence: 专栏\n  note: x\n')
    result = run("summary", "-r", str(registry), "--month", "2019-03", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    problems = result.stderr.splitlines()
    assert len(problems) == 2
    assert "1.2 is already closed as of 2019-03-05" in problems[0]
    assert "3.2 is ongoing (长期坚持) with no deadline to close" in problems[1]


def test_a_close_reopened_in_its_own_month_is_listed_as_closed_and_reopened(tmp_path):
    """1.1 closed on 04-05 and reopened on 04-20: 三 cited the close's date while 二 left it
    out. 二 lists every close of the month, one undone since marked with its reopening; the
    headline, as of the month's end, counts 1.1 open."""
    shutil.copytree(SMALL.parent, tmp_path / "small")
    registry = str(tmp_path / "small/tasks.yaml")
    env = {**ENV, "RECTIFY_TODAY": "2019-05-10"}
    for args in (("close", "1.1", "--evidence", "验收", "--date", "2019-04-05"),
                 ("reopen", "1.1", "--note", "回头看发现出水超标", "--date", "2019-04-20"),
                 ("close", "2.1", "--evidence", "验收意见", "--date", "2019-04-12")):
        assert run(*args, "-r", registry, env=env).exit_code == 0
    zh = run("summary", "-r", registry, "--month", "2019-04", env=env).stdout
    assert _section(zh, "二、本月销号") == [
        "二、本月销号",
        "销号日期    措施    内容         牵头单位    佐证      备注",
        "----------  ------  -----------  ----------  --------  ------------------------",
        "2019-04-05  1.1     拉萨市建成…  拉萨市      验收      已于 2019-04-20 重新打开",
        "2019-04-12  2.1     那曲市完成…  那曲市      验收意见",
    ]
    assert _section(zh, "三、本月重新打开（回头看）") == [
        "三、本月重新打开（回头看）",
        "日期        措施    内容               责任单位    销号日期    说明",
        "----------  ------  -----------------  ----------  ----------  -----------------",
        "2019-04-20  1.1     拉萨市建成城东污…  拉萨市      2019-04-05  回头看发现出水超…",
    ]
    # (as of 2019-04-30 1.1 is open: of the 3 measures due, 1.2 and 2.1 are done)
    assert "3项具体措施已完成2项" in zh.splitlines()[5]
    en = run("summary", "-r", registry, "--month", "2019-04", "--lang", "en", env=env).stdout
    assert _section(en, "2. Closed out this month") == [
        "2. Closed out this month",
        "Closed on    No.    Text           Lead unit    Evidence    Note",
        "-----------  -----  -------------  -----------  ----------  -------------------",
        "2019-04-05   1.1    拉萨市建成城…  拉萨市       验收        reopened 2019-04-20",
        "2019-04-12   2.1    那曲市完成建…  那曲市       验收意见",
    ]
    assert _section(en, "3. Reopened this month (follow-up inspection)") == [
        "3. Reopened this month (follow-up inspection)",
        "Date        No.    Text                 Units    Closed on    Note",
        "----------  -----  -------------------  -------  -----------  ------------------",
        "2019-04-20  1.1    拉萨市建成城东污水…  拉萨市   2019-04-05   回头看发现出水超标",
    ]


WHY = "回头看发现城东污水处理厂出水氨氮超标，进水管网尚未全部接通，实际处理量不足设计能力的三成，运行台账记录不全，存在表面整改问题"


def _small_written_in_april(tmp_path, *writes):
    """A copy of the small ledger to which `writes` (command lines) were written on a day in May
    2019: the ledger's path and the environment of that day."""
    shutil.copytree(SMALL.parent, tmp_path / "small")
    registry = str(tmp_path / "small/tasks.yaml")
    env = {**ENV, "RECTIFY_TODAY": "2019-05-10"}
    for args in writes:
        assert run(*args, "-r", registry, env=env).exit_code == 0
    return registry, env


def _two_reopened_in_april(tmp_path):
    """A copy of the small ledger in which 1.1 and 2.1 were closed and reopened in April 2019 (1.1
    for the long reason WHY): the ledger's path and the environment of a day in May."""
    return _small_written_in_april(tmp_path, ("close", "1.1", "--evidence", "验收", "--date", "2019-04-05"),
                                   ("close", "2.1", "--evidence", "验收意见", "--date", "2019-04-12"),
                                   ("reopen", "1.1", "--note", WHY, "--date", "2019-04-20"),
                                   ("reopen", "2.1", "--note", "围挡未硬化", "--date", "2019-04-25"))


@pytest.mark.parametrize("lang, reopened", [
    ("zh", ["三、本月重新打开（回头看）",
            "日期        措施    内容               责任单位    销号日期    说明",
            "----------  ------  -----------------  ----------  ----------  -----------------",
            "2019-04-20  1.1     拉萨市建成城东污…  拉萨市      2019-04-05  回头看发现城东污…",
            "2019-04-25  2.1     那曲市完成建筑工…  那曲市      2019-04-12  围挡未硬化",
            "",
            f"1.1 的 2019-04-20 重新打开：{WHY}。",
            ""]),
    ("en", ["3. Reopened this month (follow-up inspection)",
            "Date        No.    Text                 Units    Closed on    Note",
            "----------  -----  -------------------  -------  -----------  -----------------",
            "2019-04-20  1.1    拉萨市建成城东污水…  拉萨市   2019-04-05   回头看发现城东污…",
            "2019-04-25  2.1    那曲市完成建筑工地…  那曲市   2019-04-12   围挡未硬化",
            "",
            f"1.1, reopened 2019-04-20: {WHY}.",
            ""]),
])
def test_a_reopenings_reason_cut_in_its_row_is_said_whole_under_the_table(tmp_path, lang, reopened):
    """A reopening's note says why (回头看发现…), and its column gives way to fit the page: 1.1's
    62 characters were cut to 回头看发现城…, and the pasted report never said what the follow-up
    inspection found. A reason cut is said whole under the table, as a step's long label is; one
    that fits its row (2.1's) is not said twice."""
    registry, env = _two_reopened_in_april(tmp_path)
    result = run("summary", "-r", registry, "--month", "2019-04", "--lang", lang, env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index(reopened[0])
    assert lines[start:start + len(reopened)] == reopened


@pytest.mark.parametrize("lang, reopened", [
    ("zh", ["三、本月重新打开（回头看）",
            "日期        措施    内容     责任单位    销号日期    说明",
            "----------  ------  -------  ----------  ----------  -------",
            "2019-04-20  1.1     拉萨市…  拉萨市      2019-04-05  回头看…",
            "2019-04-25  2.1     那曲市…  那曲市      2019-04-12  围挡未…",
            "",
            f"1.1 的 2019-04-20 重新打开：{WHY}。",
            "2.1 的 2019-04-25 重新打开：围挡未硬化。",
            ""]),
    ("en", ["3. Reopened this month (follow-up inspection)",
            "Date        No.    Text       Units    Closed on    Note",
            "----------  -----  ---------  -------  -----------  -------",
            "2019-04-20  1.1    拉萨市建…  拉萨市   2019-04-05   回头看…",
            "2019-04-25  2.1    那曲市完…  那曲市   2019-04-12   围挡未…",
            "",
            f"1.1, reopened 2019-04-20: {WHY}.",
            "2.1, reopened 2019-04-25: 围挡未硬化.",
            ""]),
])
def test_a_month_with_a_reopening_fits_60_cells_as_other_months_do(tmp_path, lang, reopened):
    """`summary --width 60` was refused (exit 2, use --width 64) in a month with a reopening only:
    its two date columns were headed 重新打开日期 and 原销号日期, 14 and 12 cells for dates of 10.
    Headed 日期 (as 七's and 九's are) and 销号日期 (as 二's is), the table needs 58 cells (55 in
    English), and its texts give way as other sections' do, said whole under the table."""
    registry, env = _two_reopened_in_april(tmp_path)
    result = run("summary", "-r", registry, "--month", "2019-04", "--lang", lang, "--width", "60", env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index(reopened[0])
    assert lines[start:start + len(reopened)] == reopened


def test_a_reason_written_in_windows_line_ends_reads_as_history_reads_it(tmp_path):
    """A reopening's reason pasted from Windows, 回头看发现\\r\\n出水超标: history shows it 回头看发现 出水超标,
    三 showed 回头看发现\\x0d… in its row and 回头看发现\\x0d 出水超标 under the table."""
    registry, env = _small_written_in_april(tmp_path, ("close", "1.1", "--evidence", "验收", "--date", "2019-04-05"),
                                            ("reopen", "1.1", "--note", "回头看发现\r\n出水超标，管网未接通", "--date", "2019-04-20"))
    zh = run("summary", "-r", registry, "--month", "2019-04", env=env).stdout
    assert _section(zh, "三、本月重新打开（回头看）")[3:] == [
        "2019-04-20  1.1     拉萨市建成城东污…  拉萨市      2019-04-05  回头看发现 出水…"]
    assert "1.1 的 2019-04-20 重新打开：回头看发现 出水超标，管网未接通。" in zh.splitlines()
    assert "\\x0d" not in zh


EVIDENCE = "拉萨市住建局组织现场验收，出水水质达到一级A标准，验收意见及监测报告已存档"
REASON = "受高原冬季施工期限制，界桩设立须待五月解冻后继续施工"
MISTAKE = "误记：该报告属于3.2措施，系录入人员选错了措施编号"


def _month_of_long_texts(tmp_path):
    """The small fixture's April 2019 with a close, an extension and a retraction each of a text
    too long for its column at 80 cells, and one of each that fits."""
    shutil.copytree(SMALL.parent, tmp_path / "small")
    registry = str(tmp_path / "small/tasks.yaml")
    env = {**ENV, "RECTIFY_TODAY": "2019-05-10"}
    for args in (("close", "1.1", "--evidence", EVIDENCE, "--date", "2019-04-05"),
                 ("close", "2.1", "--evidence", "验收意见", "--date", "2019-04-12"),
                 ("extend", "3.1", "--to", "2021-06-30", "--approved-by", "自治区生态环境厅", "--reason", REASON,
                  "--date", "2019-04-18"),
                 ("extend", "4.2", "--to", "2020-06-30", "--approved-by", "那曲市", "--reason", "冻土期",
                  "--date", "2019-04-19"),
                 ("report", "2.2", "--note", "检查", "--date", "2019-04-10"),
                 ("report", "3.2", "--note", "评估", "--date", "2019-04-11"),
                 ("retract", "2.2", "--reason", MISTAKE, "--by", "自治区住房城乡建设厅", "--date", "2019-04-20"),
                 ("retract", "3.2", "--reason", "记错了日期", "--date", "2019-04-21")):
        assert run(*args, "-r", registry, env=env).exit_code == 0
    return registry, env


@pytest.mark.parametrize("lang, closed, extensions, retractions", [
    ("zh",
     ["二、本月销号",
      "销号日期    措施    内容                     牵头单位    佐证",
      "----------  ------  -----------------------  ----------  -----------------------",
      "2019-04-05  1.1     拉萨市建成城东污水处理…  拉萨市      拉萨市住建局组织现场验…",
      "2019-04-12  2.1     那曲市完成建筑工地围挡…  那曲市      验收意见",
      "",
      f"1.1 的 2019-04-05 销号，佐证：{EVIDENCE}。",
      "逾期销号：1.1（逾期95天）。",
      "销号后继续长期坚持：2.1。",  # (2019年4月15日，长期坚持)
      ""],
     ["七、本月批准延期",
      "日期        措施    原期限      新期限      批准单位：理由",
      "----------  ------  ----------  ----------  -----------------------------------",
      "2019-04-18  3.1     2020-12-31  2021-06-30  自治区生态环境厅：受高原冬季施工期…",
      "2019-04-19  4.2     2019-12-31  2020-06-30  那曲市：冻土期",
      "",
      f"3.1 的 2019-04-18 延期：{REASON}。",
      ""],
     ["九、本月撤回的误录记录（2条）",
      "日期        措施    撤回的记录           说明                 记录单位",
      "----------  ------  -------------------  -------------------  -----------------",
      "2019-04-20  2.2     2019-04-10 定期报告  误记：该报告属于3.…  自治区住房城乡建…",
      "2019-04-21  3.2     2019-04-11 定期报告  记错了日期",
      "",
      f"2.2 的 2019-04-20 撤回误录（记录单位：自治区住房城乡建设厅）：{MISTAKE}。",
      "",
      "被撤回的记录自撤回之日起视为未曾记录，不属于回头看重新打开。"]),
    ("en",
     ["2. Closed out this month",
      "Closed on    No.    Text                     Lead unit    Evidence",
      "-----------  -----  -----------------------  -----------  ---------------------",
      "2019-04-05   1.1    拉萨市建成城东污水处理…  拉萨市       拉萨市住建局组织现场…",
      "2019-04-12   2.1    那曲市完成建筑工地围挡…  那曲市       验收意见",
      "",
      f"1.1, closed 2019-04-05, evidence: {EVIDENCE}.",
      "Closed late: 1.1 (95 days late).",
      "Closed, and kept up long-term (长期坚持): 2.1.",
      ""],
     ["7. Extensions granted this month",
      "Date        No.    From        To          By: reason",
      "----------  -----  ----------  ----------  -------------------------------------",
      "2019-04-18  3.1    2020-12-31  2021-06-30  自治区生态环境厅: 受高原冬季施工期限…",
      "2019-04-19  4.2    2019-12-31  2020-06-30  那曲市: 冻土期",
      "",
      f"3.1, extended 2019-04-18: {REASON}.",
      ""],
     ["9. Entries retracted this month as recorded by mistake (2)",
      "Date        No.    Entry retracted    Note                  By",
      "----------  -----  -----------------  --------------------  --------------------",
      "2019-04-20  2.2    2019-04-10 report  误记：该报告属于3.2…  自治区住房城乡建设厅",
      "2019-04-21  3.2    2019-04-11 report  记错了日期",
      "",
      f"2.2, retracted 2019-04-20: {MISTAKE}.",
      "",
      "Retracted entries count as never written from their retraction on: no reopening."]),
])
def test_a_close_evidence_an_extension_reason_and_a_retraction_note_cut_in_their_rows_are_said_whole_under_the_table(
        tmp_path, lang, closed, extensions, retractions):
    """二's evidence, 七's reason and 九's note give way to fit the page, and were left cut: at 80
    cells 1.1's evidence read 拉萨市住建局组织现场验…, 3.1's reason 受高原冬季施工期…, and the pasted
    report never said what was accepted, why the deadline moved or what the mistake was. Each text
    cut is said whole under its table, as a reopening's reason is; one that fits its row is not
    said twice; 九's 记录单位 cut in its row is said in the same line (the unit that wrote the
    entry retracted, said nowhere else), where English has room for it whole."""
    registry, env = _month_of_long_texts(tmp_path)
    result = run("summary", "-r", registry, "--month", "2019-04", "--lang", lang, env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for expected in (closed, extensions, retractions):
        start = lines.index(expected[0])
        assert lines[start:start + len(expected)] == expected


@pytest.mark.parametrize("lang, follows", [
    ("zh", {"二、本月销号": "逾期销号：1.1（逾期95天）。", "七、本月批准延期": "八、督办清单（按责任单位，逾期多的在前）",
            "九、本月撤回的误录记录（2条）": "被撤回的记录自撤回之日起视为未曾记录，不属于回头看重新打开。"}),
    ("en", {"2. Closed out this month": "Closed late: 1.1 (95 days late).",
            "7. Extensions granted this month": "8. Urging list by responsible unit (most overdue first)",
            "9. Entries retracted this month as recorded by mistake (2)":
                "Retracted entries count as never written from their retraction on: no reopening."}),
])
def test_on_a_page_wide_enough_no_text_is_said_again_under_the_tables(tmp_path, lang, follows):
    """At 200 cells every evidence, reason and note fits its row: under 二's table comes what was
    under it before (1.1 closed late), after 七's the next heading, after 九's what a retraction
    means, and each text is printed once."""
    registry, env = _month_of_long_texts(tmp_path)
    result = run("summary", "-r", registry, "--month", "2019-04", "--lang", lang, "--width", "200", env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for heading, follow in follows.items():
        end = lines.index("", lines.index(heading))
        assert lines[end + 1] == follow
    assert [sum(text in line for line in lines) for text in (EVIDENCE, REASON, MISTAKE)] == [1, 1, 1]


def test_an_extended_immediate_measure_leaves_the_no_completion_date_group(tmp_path):
    """4.1 (立即启动) closed 2018-05-10, reopened and extended to 2019-06-30: due later, not
    among the measures without a completion date."""
    shutil.copytree(SMALL.parent, tmp_path / "small")
    registry = str(tmp_path / "small/tasks.yaml")
    before = run("summary", "-r", registry, "--month", "2019-03").stdout.splitlines()[5]
    assert "期限在此之后的2项整改任务、3项具体措施尚未到期；需要立行立改、长期坚持的1项整改任务、3项具体措施不设完成日期。" in before
    for args in (("reopen", "4.1", "--note", "回头看", "--date", "2019-03-10"),
                 ("extend", "4.1", "--to", "2019-06-30", "--reason", "x", "--approved-by", "自治区生态环境厅",
                  "--date", "2019-03-12", "--late")):
        assert run(*args, "-r", registry).exit_code == 0
    after = run("summary", "-r", registry, "--month", "2019-03").stdout.splitlines()[5]
    assert "期限在此之后的2项整改任务、4项具体措施尚未到期；需要立行立改、长期坚持的1项整改任务、2项具体措施不设完成日期。" in after


def test_an_extension_requested_after_its_deadline_without_its_late_flag_is_refused(tmp_path):
    # (written by hand without late: true, the summary said 逾期后申请 否 183 days after the deadline,
    # while show and history, going by the flag, said on time: now the loader refuses the flag)
    shutil.copytree(SMALL.parent, tmp_path / "small")
    with open(tmp_path / "small/progress.yaml", "a", encoding="utf-8") as journal:
        journal.write('- measure: "1.1"\n  date: 2019-04-01\n  state: extended\n  to: 2020-01-01\n'
                      '  reason: 资金\n  approved_by: 自治区生态环境厅\n')
    result = run("summary", "-r", str(tmp_path / "small/tasks.yaml"), "--month", "2019-04", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "the extension of 1.1 was requested on 2019-04-01, after the deadline it moves (2018-12-31" in result.stderr
    assert "write late: true to record it anyway, flagged as late" in result.stderr


def test_the_headline_says_which_overdue_measures_lie_outside_the_due_group():
    """The headline groups measures as the report does: 立即启动 has no completion date, and a
    measure with several steps counts by its last. Overdue ones outside the due group are said
    to be so, or "11 overdue" stood beside "0 due" (January 2018)."""
    from rectify_cli.i18n import Lang
    from rectify_cli.render.summary_text import headline_sentence

    plan = make_plan([make_task("1", [make_measure("1.1", [immediate()]),  # due on the feedback date
                                      make_measure("1.2", ["2018-01-10", "2020-12-31"]),  # first step missed
                                      make_measure("1.3", ["2018-01-20"])])])
    m = month_of(make_registry(plan), "2018-01-01", "2018-01-31")
    h = m.headline
    assert (h.measures_due, h.measures_due_done, h.measures_overdue, h.measures_overdue_outside_due) == (1, 0, 3, 2)
    assert headline_sentence(h, owners=(), lang=Lang.zh).endswith(
        "目前逾期未完成的具体措施3项（其中2项为立即启动或分阶段完成的措施，计入上文尚未到期或不设完成日期的措施），"
        "无久未报告的长期坚持措施。")
    assert "Overdue and still open: 3 measures (2 of them immediate or done in steps, counted above as due later " \
        "or with no end date). " in \
        headline_sentence(h, owners=(), lang=Lang.en)


def test_a_summary_for_a_unit_owning_no_measure_says_so(tmp_path):
    # (status and check say there is nothing; the summary printed a report of zeros)
    text = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(text.replace("\nunits:\n", "\nunits:\n  - name: 自治区测试局\n    kind: department\n", 1),
                                         encoding="utf-8")
    shutil.copy(ROOT / "data" / "progress.yaml", tmp_path / "progress.yaml")
    result = CliRunner().invoke(app, ["summary", "--registry", str(tmp_path / "tasks.yaml"), "--month", "2019-03",
                                      "--owner", "自治区测试局"], env=ENV)
    assert result.exit_code == 0, result.output
    assert "一、总体情况\n自治区测试局没有负责的具体措施。\n" in result.stdout


def test_a_units_tasks_fall_due_with_its_own_measures(small):
    """(as of 2018-09-30 the unit's task 1 was counted not yet due, by the task's own deadline,
    2018-12-31, while its one measure of it, 1.2, was due 2018-06-30 and done; task 4, whose own
    deadline is 立即启动 and 长期坚持, sat among the tasks without a date, though the unit's 4.2
    has dated steps)"""
    m = month_of(small, "2018-09-01", "2018-09-30", owners=("自治区生态环境厅",))
    h = m.headline
    assert (h.tasks_due, h.tasks_due_done, h.tasks_later, h.tasks_ongoing) == (1, 1, 2, 0)
    assert (h.measures_due, h.measures_due_done, h.measures_later, h.measures_ongoing) == (1, 1, 2, 1)
    whole = month_of(small, "2018-09-01", "2018-09-30").headline  # (the whole ledger: by each task's own deadline)
    assert (whole.tasks_due, whole.tasks_later, whole.tasks_ongoing) == (0, 3, 1)


def test_a_close_retracted_in_its_own_month_is_not_closed_and_the_retraction_is_listed(tmp_path):
    """A close recorded on the wrong measure and retracted (撤回误录) within its month never
    happened as of the month's end: not in 二, nor in 三 (no 回头看 found anything), the headline
    counts the measure open; the month's retractions are listed with the entry each voids. A
    close retracted in a later month stays in its own month's summary."""
    shutil.copytree(SMALL.parent, tmp_path / "small")
    registry = str(tmp_path / "small/tasks.yaml")
    env = {**ENV, "RECTIFY_TODAY": "2019-05-10"}
    for args in (("close", "1.1", "--evidence", "验收", "--date", "2019-04-05"),
                 ("retract", "1.1", "--reason", "误记：应为1.2的验收", "--by", "拉萨市", "--date", "2019-04-20"),
                 ("close", "2.1", "--evidence", "验收意见", "--date", "2019-03-12"),
                 ("retract", "2.1", "--reason", "记错了日期", "--date", "2019-04-02")):
        assert run(*args, "-r", registry, env=env).exit_code == 0
    zh = run("summary", "-r", registry, "--month", "2019-04", env=env).stdout
    assert _section(zh, "二、本月销号") == ["二、本月销号", "本月无销号的措施。"]
    assert _section(zh, "三、本月重新打开（回头看）") == ["三、本月重新打开（回头看）", "本月无重新打开的措施。"]
    assert "3项具体措施已完成1项" in zh.splitlines()[5]  # (1.2 alone; 1.1 and 2.1 open as of 04-30)
    assert _section(zh, "九、本月撤回的误录记录（2条）") == [
        "九、本月撤回的误录记录（2条）",
        "日期        措施    撤回的记录       说明                 记录单位",
        "----------  ------  ---------------  -------------------  ----------",
        "2019-04-02  2.1     2019-03-12 销号  记错了日期",
        "2019-04-20  1.1     2019-04-05 销号  误记：应为1.2的验收  拉萨市",
    ]
    # (what a retraction means, under the table as other sections' notes are: in the heading, the
    # heading was 89 cells, 144 in English, wider than the page)
    assert ("误记：应为1.2的验收  拉萨市\n\n被撤回的记录自撤回之日起视为未曾记录，不属于回头看重新打开。\n\n台账哈希"
            in zh)
    en = run("summary", "-r", registry, "--month", "2019-04", "--lang", "en", env=env).stdout
    assert _section(en, "9. Entries retracted this month as recorded by mistake (2)")[1:] == [
        "Date        No.    Entry retracted     Note                 By",
        "----------  -----  ------------------  -------------------  ------",
        "2019-04-02  2.1    2019-03-12 closure  记错了日期",
        "2019-04-20  1.1    2019-04-05 closure  误记：应为1.2的验收  拉萨市",
    ]
    assert ("误记：应为1.2的验收  拉萨市\n\nRetracted entries count as never written from their retraction on: "
            "no reopening.\n\nJournal head hash" in en)
    march = run("summary", "-r", registry, "--month", "2019-03", env=env).stdout
    assert _section(march, "二、本月销号")[3].startswith("2019-03-12  2.1")
    assert "本月撤回的误录记录" not in march


def test_retractions_no_unit_wrote_have_no_empty_unit_column(tmp_path):
    """九 listed every retraction under a 记录单位 (By) column that none of them filled: a column
    headed 记录单位 and empty all the way down, in a report pasted into a document, and its 12
    cells taken from the note beside it. history and show leave such a column out
    (filled_columns); so does 九, and keeps it when one retraction names its unit."""
    registry, env = _small_written_in_april(tmp_path, ("close", "1.1", "--evidence", "验收", "--date", "2019-04-05"),
                                            ("retract", "1.1", "--reason", "误记：应为1.2的验收", "--date", "2019-04-20"))
    zh = run("summary", "-r", registry, "--month", "2019-04", env=env).stdout
    assert _section(zh, "九、本月撤回的误录记录（1条）")[1:] == [
        "日期        措施    撤回的记录       说明",
        "----------  ------  ---------------  -------------------",
        "2019-04-20  1.1     2019-04-05 销号  误记：应为1.2的验收",
    ]
    en = run("summary", "-r", registry, "--month", "2019-04", "--lang", "en", env=env).stdout
    assert _section(en, "9. Entries retracted this month as recorded by mistake (1)")[1:] == [
        "Date        No.    Entry retracted     Note",
        "----------  -----  ------------------  -------------------",
        "2019-04-20  1.1    2019-04-05 closure  误记：应为1.2的验收",
    ]


def test_a_retraction_undone_in_the_month_is_listed_and_its_close_counts_again(tmp_path):
    """A close retracted by mistake, the retraction then retracted: the month lists both
    retractions, the second as retracting the first, and the close counts as of the month's end."""
    registry, env = _small_written_in_april(
        tmp_path, ("close", "1.1", "--evidence", "验收", "--date", "2019-04-05"),
        ("retract", "1.1", "--reason", "误记", "--date", "2019-04-10"),
        ("retract", "1.1", "--reason", "撤回有误", "--entry", "2019-04-10", "--by", "拉萨市", "--date", "2019-04-20"))
    zh = run("summary", "-r", registry, "--month", "2019-04", env=env).stdout
    assert _section(zh, "二、本月销号")[3].startswith("2019-04-05  1.1")
    assert _section(zh, "九、本月撤回的误录记录（2条）")[1:] == [
        "日期        措施    撤回的记录           说明      记录单位",
        "----------  ------  -------------------  --------  ----------",
        "2019-04-10  1.1     2019-04-05 销号      误记",
        "2019-04-20  1.1     2019-04-10 撤回误录  撤回有误  拉萨市",
    ]
    en = run("summary", "-r", registry, "--month", "2019-04", "--lang", "en", env=env).stdout
    assert _section(en, "9. Entries retracted this month as recorded by mistake (2)")[3:] == [
        "2019-04-10  1.1    2019-04-05 closure     误记",
        "2019-04-20  1.1    2019-04-10 retraction  撤回有误  拉萨市",
    ]
    for lang in ("zh", "en"):  # (the widest a retracted entry is named: still on a page 60 cells wide)
        assert run("summary", "-r", registry, "--month", "2019-04", "--width", "60", "--lang", lang, env=env).exit_code == 0


def test_a_close_restored_in_the_month_is_listed_as_closed_with_the_day_it_counts_again(tmp_path):
    """A close of August retracted in August, the retraction retracted in September: the close
    counts again from that day, so September's 二 lists it (by its own date), says under the
    table why, and the headline counts the measure completed, not overdue."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data/tasks.yaml")
    for today, args in (("2019-08-05", ("close", "35.3", "--evidence", "验收", "--date", "2019-08-05")),
                        ("2019-08-20", ("retract", "35.3", "--reason", "误记", "--date", "2019-08-20")),
                        ("2019-09-10", ("retract", "35.3", "--entry", "2019-08-20", "--reason", "撤回有误",
                                        "--date", "2019-09-10"))):
        assert run(*args, "-r", registry, env={**ENV, "RECTIFY_TODAY": today}).exit_code == 0
    env = {**ENV, "RECTIFY_TODAY": "2019-10-05"}
    zh = run("summary", "-r", registry, "--month", "2019-09", env=env).stdout
    assert _section(zh, "二、本月销号") == [
        "二、本月销号",
        "销号日期    措施    内容                                     牵头单位    佐证",
        "----------  ------  ---------------------------------------  ----------  ------",
        "2019-08-05  35.3    已建成生活污水收集管网和污水集中处理设…  各地市      验收",
    ]
    # (due 2018-06-30: closed 401 days late, which the line above says)
    assert ("\n\n逾期销号：35.3（逾期401天）。\n35.3 的 2019-08-05 销号：撤回误录被撤回，自 2019-09-10 起恢复。\n\n"
            "三、本月重新打开（回头看）\n") in zh
    assert "89项具体措施已完成80项" in zh and "目前逾期未完成的具体措施9项" in zh
    assert "\n35.3  " not in zh.split("四、逾期未完成")[1].split("五、")[0]
    en = run("summary", "-r", registry, "--month", "2019-09", "--lang", "en", env=env).stdout
    assert ("\n\nClosed late: 35.3 (401 days late).\n35.3, closed 2019-08-05: restored on 2019-09-10, its retraction was "
            "retracted.\n\n3. Reopened") in en
    assert "89 measures, 80 of them completed" in en
    august = run("summary", "-r", registry, "--month", "2019-08", env=env).stdout  # (voided as of its end)
    assert _section(august, "二、本月销号") == ["二、本月销号", "本月无销号的措施。"]
    for lang in ("zh", "en"):
        narrow = run("summary", "-r", registry, "--month", "2019-09", "--width", "60", "--lang", lang, env=env)
        assert narrow.exit_code == 0, narrow.output
        assert ("自 2019-09-10 起恢复。\n" if lang == "zh" else "restored on 2019-09-10, its") in narrow.stdout


def _summary_after(tmp_path, steps, month: str, lang: str) -> str:
    """The bundled ledger's summary of `month` after the writes `steps` ((day, args) each), in `lang`."""
    shutil.copytree(ROOT / "data", tmp_path / "data", dirs_exist_ok=True)
    registry = str(tmp_path / "data/tasks.yaml")
    for today, args in steps:
        result = run(*args, "-r", registry, env={**ENV, "RECTIFY_TODAY": today})
        assert result.exit_code == 0, result.output
    result = run("summary", "-r", registry, "--month", month, "--lang", lang, env={**ENV, "RECTIFY_TODAY": "2019-10-05"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang, closed", [
    ("zh", ["二、本月销号",
            "销号日期    措施    内容                               牵头单位          佐证",
            "----------  ------  ---------------------------------  ----------------  ------",
            "2019-08-05  30.2    【5A级、4A级景区】自治区旅游发展…  自治区旅游发展厅  验收",
            "",
            "30.2 的 2019-08-05 销号：撤回误录被撤回，自 2019-09-10 起恢复。"]),
    ("en", ["2. Closed out this month",
            "Closed on    No.    Text                            Lead unit         Evidence",
            "-----------  -----  ------------------------------  ----------------  ----------",
            "2019-08-05   30.2   [5A级、4A级景区] 自治区旅游发…  自治区旅游发展厅  验收",
            "",
            "30.2, closed 2019-08-05: restored on 2019-09-10, its retraction was retracted."]),
])
def test_a_step_close_restored_in_the_month_is_listed_by_its_own_date_with_the_day_it_counts_again(tmp_path, lang, closed):
    """30.2's first step (2019-12-31, 5A级、4A级景区) closed in August, the close retracted in August,
    the retraction retracted in September: September's 二 lists the step's close, as the one-step
    35.3's, with the line saying since when it counts again; August's lists nothing."""
    steps = (("2019-08-05", ("close", "30.2", "--milestone", "2019-12-31", "--evidence", "验收", "--date", "2019-08-05")),
             ("2019-08-20", ("retract", "30.2", "--reason", "误记", "--date", "2019-08-20")),
             ("2019-09-10", ("retract", "30.2", "--entry", "2019-08-20", "--reason", "撤回有误", "--date", "2019-09-10")))
    lines = _summary_after(tmp_path, steps, "2019-09", lang).splitlines()
    start = lines.index(closed[0])
    assert lines[start:start + len(closed) + 1] == [*closed, ""]
    august = run("summary", "-r", str(tmp_path / "data/tasks.yaml"), "--month", "2019-08", "--lang", lang,
                 env={**ENV, "RECTIFY_TODAY": "2019-10-05"}).stdout
    assert _section(august, closed[0]) == [closed[0], "本月无销号的措施。" if lang == "zh" else "No measure closed this month."]


@pytest.mark.parametrize("lang, closed, retracted", [
    ("zh", ["二、本月销号",
            "销号日期    措施    内容                                     牵头单位    佐证",
            "----------  ------  ---------------------------------------  ----------  ------",
            "2019-09-05  35.3    已建成生活污水收集管网和污水集中处理设…  各地市      验收",
            "",
            "逾期销号：35.3（逾期432天）。",  # (due 2018-06-30)
            "35.3 的 2019-09-05 销号：撤回误录被撤回，自 2019-09-20 起恢复。",
            "",
            "三、本月重新打开（回头看）"],
     ["2019-09-10  35.3    2019-09-05 销号      误记",
      "2019-09-20  35.3    2019-09-10 撤回误录  撤回有误"]),
    ("en", ["2. Closed out this month",
            "Closed on    No.    Text                                 Lead unit    Evidence",
            "-----------  -----  -----------------------------------  -----------  ----------",
            "2019-09-05   35.3   已建成生活污水收集管网和污水集中处…  各地市       验收",
            "",
            "Closed late: 35.3 (432 days late).",
            "35.3, closed 2019-09-05: restored on 2019-09-20, its retraction was retracted.",
            "",
            "3. Reopened this month (follow-up inspection)"],
     ["2019-09-10  35.3   2019-09-05 closure     误记",
      "2019-09-20  35.3   2019-09-10 retraction  撤回有误"]),
])
def test_a_close_retracted_and_restored_in_its_own_month_is_listed_once_with_the_day_it_counts_again(
        tmp_path, lang, closed, retracted):
    """Close, retraction and the retraction's retraction all in September: 二 lists the close once,
    by its date, and says under the table why it holds, since 九 lists its retraction: without the
    line a reader of 九 would take the close for void."""
    steps = (("2019-09-05", ("close", "35.3", "--evidence", "验收", "--date", "2019-09-05")),
             ("2019-09-10", ("retract", "35.3", "--reason", "误记", "--date", "2019-09-10")),
             ("2019-09-20", ("retract", "35.3", "--entry", "2019-09-10", "--reason", "撤回有误", "--date", "2019-09-20")))
    text = _summary_after(tmp_path, steps, "2019-09", lang)
    lines = text.splitlines()
    start = lines.index(closed[0])
    assert lines[start:start + len(closed)] == closed
    assert [line.rstrip() for line in lines if line.startswith("2019-09-") and "35.3" in line][1:] == retracted
    assert ("89项具体措施已完成80项" if lang == "zh" else "89 measures, 80 of them completed") in text


def test_a_restoration_undone_again_in_the_month_leaves_the_close_unlisted(tmp_path):
    """The retraction that restored a close retracted in turn, in the same month: the close no
    longer counts at the month's end, so 二 does not list it and 35.3 stays overdue."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data/tasks.yaml")
    for today, args in (("2019-08-05", ("close", "35.3", "--evidence", "验收", "--date", "2019-08-05")),
                        ("2019-08-20", ("retract", "35.3", "--reason", "误记", "--date", "2019-08-20")),
                        ("2019-09-10", ("retract", "35.3", "--entry", "2019-08-20", "--reason", "撤回有误",
                                        "--date", "2019-09-10")),
                        ("2019-09-20", ("retract", "35.3", "--entry", "2019-09-10", "--reason", "确属误记",
                                        "--date", "2019-09-20"))):
        result = run(*args, "-r", registry, env={**ENV, "RECTIFY_TODAY": today})
        assert result.exit_code == 0, result.output
    zh = run("summary", "-r", registry, "--month", "2019-09", env={**ENV, "RECTIFY_TODAY": "2019-10-05"}).stdout
    assert _section(zh, "二、本月销号") == ["二、本月销号", "本月无销号的措施。"]
    assert "起恢复" not in zh
    assert "\n35.3  " in zh.split("四、逾期未完成")[1].split("五、")[0]


def test_a_close_after_its_deadline_is_said_late_in_the_months_closes(tmp_path):
    """`close` warned 逾期销号 when it was written, and the month's 二 then listed it as any other
    close: the report a person pastes never said which measures were closed late."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    registry = str(tmp_path / "data/tasks.yaml")
    for today, args in (("2019-07-05", ("close", "33.1", "--evidence", "验收")),  # (due 2019-06-30: 5 days late)
                        ("2019-07-10", ("close", "30.2", "--evidence", "验收", "--milestone", "2019-12-31"))):
        assert run(*args, "-r", registry, env={**ENV, "RECTIFY_TODAY": today}).exit_code == 0
    env = {**ENV, "RECTIFY_TODAY": "2019-08-05"}
    zh = run("summary", "-r", registry, "--month", "2019-07", env=env).stdout
    closes = _section(zh, "二、本月销号")
    assert [line.split()[:2] for line in closes[3:]] == [["2019-07-05", "33.1"], ["2019-07-10", "30.2"]]
    # (30.2's step was due 2019-12-31: closed on time)
    assert "\n".join(closes) + "\n\n逾期销号：33.1（逾期5天）。\n\n三、本月重新打开（回头看）" in zh
    en = run("summary", "-r", registry, "--month", "2019-07", "--lang", "en", env=env).stdout
    assert "\n\nClosed late: 33.1 (5 days late).\n\n3. Reopened" in en


@pytest.mark.parametrize("lang, closed", [
    ("zh", ["二、本月销号",
            "销号日期    措施    内容                               牵头单位     佐证",
            "----------  ------  ---------------------------------  -----------  ------------",
            "2019-05-20  18.4    【2018-12-31到期的一步】自治区自…  自治区自然…  清理方案印发",
            "",
            "逾期销号：18.4（逾期140天）。",
            "18.4 的 2019-05-20 销号：已于 2019-05-25 重新打开。"]),
    ("en", ["2. Closed out this month",
            "Closed on    No.    Text                             Lead unit      Evidence",
            "-----------  -----  -------------------------------  -------------  ------------",
            "2019-05-20   18.4   [step due 2018-12-31] 自治区自…  自治区自然资…  清理方案印发",
            "",
            "Closed late: 18.4 (140 days late).",
            "18.4, closed 2019-05-20: reopened 2019-05-25."]),
])
def test_a_step_close_reopened_in_its_month_fits_the_page_its_reopening_said_under_the_table(tmp_path, lang, closed):
    """18.4's 2018-12-31 step (no label: 【2018-12-31到期的一步】, never cut) closed in May and
    reopened in May: the 备注 column beside it needed 91 cells, so the default `summary --month
    2019-05` was refused (exit 2, use --width 91). Where the column does not fit the page, each
    close's reopening is said under the table instead, as a restored close is. (The lead unit gives
    way to 4 characters of the text after the mark: 自治区自…, whose step it is.)"""
    steps = (("2019-04-15", ("reopen", "18.4", "--note", "回头看：清理方案未落实", "--date", "2019-04-15")),
             ("2019-05-20", ("close", "18.4", "--milestone", "2018-12-31", "--evidence", "清理方案印发",
                             "--date", "2019-05-20")),
             ("2019-05-25", ("reopen", "18.4", "--note", "回头看：方案未执行", "--date", "2019-05-25")))
    text = _summary_after(tmp_path, steps, "2019-05", lang)
    lines = text.splitlines()
    start = lines.index(closed[0])
    assert lines[start:start + len(closed) + 1] == [*closed, ""]


def test_a_task_its_region_keeps_whole_falls_due_by_its_own_deadline_as_in_the_whole_report():
    """(`summary --region 日喀则市` of July 2019 counted task 33, 整改时限 2019年6月30日, among the
    tasks 期限在此之后…尚未到期, by its measures' latest date, 33.2's 2020-06-30, while the whole
    report counts it due and not done, and status --region shows it red, 31 days overdue: the
    region keeps all of a task of its own, so it is that task, judged by its own deadline)"""
    from builders import unit
    from rectify_cli.i18n import Lang
    from rectify_cli.render.summary_text import headline_sentence

    plan = make_plan([make_task("1", [make_measure("1.1", ["2019-06-30"], owners=["那曲市"]),
                                      make_measure("1.2", ["2020-06-30"], owners=["那曲市"])],
                                milestones=["2019-06-30"], regions=["那曲市"])],
                     units=[unit("那曲市", kind="region")])
    registry = make_registry(plan)
    last = date(2019, 7, 31)
    report = engine.evaluate(plan=plan, journal=(), as_of=last)
    region = summary.build(report, registry=registry, first=date(2019, 7, 1), last=last, regions=("那曲市",))
    assert headline_sentence(region.headline, owners=(), regions=("那曲市",), lang=Lang.zh) == (
        "截至2019年7月31日，那曲市涉及的1项整改任务、2项具体措施中，"
        "应于2019年7月31日前完成的1项整改任务未完成，1项具体措施未完成；"
        "期限在此之后的1项具体措施尚未到期。目前逾期未完成的具体措施1项，无久未报告的长期坚持措施。")
    # (a unit owning every measure of the task has the task whole too)
    owner = summary.build(report, registry=registry, first=date(2019, 7, 1), last=last, owners=("那曲市",))
    assert (owner.headline.tasks_due, owner.headline.tasks_later) == (1, 0)


def _small_led_second(tmp_path):
    """A copy of the small ledger whose 1.1 (overdue in March 2019), 2.1 (due in April) and 3.2
    (unreported since June 2018) each list their lead unit second of their owners."""
    shutil.copytree(SMALL.parent, tmp_path / "small")
    plan = tmp_path / "small/tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    for measure, before, after in (
            ("拉萨市建成城东污水处理厂（2018年12月31日）。", "owners: [拉萨市]", "owners: [自治区生态环境厅, 拉萨市]"),
            ("那曲市完成建筑工地围挡硬化（2019年4月15日，长期坚持）。", "owners: [那曲市]",
             "owners: [自治区住房城乡建设厅, 那曲市]"),
            ("定期开展水源地环境状况评估（长期坚持）。", "owners: [自治区生态环境厅]", "owners: [那曲市, 自治区生态环境厅]")):
        old = f"{measure}\n        {before}\n"
        assert text.count(old) == 1
        text = text.replace(old, f"{measure}\n        {after}\n")
    plan.write_text(text, encoding="utf-8")
    return str(plan)


@pytest.mark.parametrize("lang, sep", [("zh", "、"), ("en", ", ")])
def test_a_measures_units_are_named_lead_first_as_status_and_show_name_them(tmp_path, lang, sep):
    """A Chinese reader takes the first unit named as the one that leads (牵头): status and show
    name a measure's lead first, but summary's 四、五、六 and 三 listed its units in the plan's
    order, so that 1.1 (owners 自治区生态环境厅, 拉萨市; lead 拉萨市) read as the department's."""
    registry = _small_led_second(tmp_path)
    env = {**ENV, "RECTIFY_TODAY": "2019-05-10"}
    march = run("summary", "-r", registry, "--month", "2019-03", "--lang", lang, "--width", "200", env=env)
    assert march.exit_code == 0, march.output
    rows = {line.split()[0]: line for line in march.stdout.splitlines() if line[:4] in ("1.1 ", "2.1 ", "3.2 ")
            or line[12:16] == "2.1 "}
    assert f"拉萨市{sep}自治区生态环境厅" in rows["1.1"]  # 四, overdue
    assert f"那曲市{sep}自治区住房城乡建设厅" in rows["2019-04-15"]  # 五, due next month
    assert f"自治区生态环境厅{sep}那曲市" in rows["3.2"]  # 六, unreported
    for args in (("close", "1.1", "--evidence", "验收", "--date", "2019-04-05"),
                 ("reopen", "1.1", "--note", "出水超标", "--date", "2019-04-20")):
        assert run(*args, "-r", registry, env=env).exit_code == 0
    april = run("summary", "-r", registry, "--month", "2019-04", "--lang", lang, "--width", "200", env=env)
    assert april.exit_code == 0, april.output
    reopened = [line for line in april.stdout.splitlines() if line.startswith("2019-04-20  1.1 ")]
    assert len(reopened) == 1 and f"拉萨市{sep}自治区生态环境厅" in reopened[0]  # 三, reopened
