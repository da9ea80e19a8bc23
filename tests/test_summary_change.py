"""The summary's standing against the previous month's end (MonthChange) is what the engine says
of that day: checked against a full evaluation as of it, over random plans and journals."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import entry, make_measure, make_plan, make_registry, make_task, plan_of, unit
from rectify_cli import engine, summary
from rectify_cli.engine import Status
from rectify_cli.i18n import Lang
from rectify_cli.model import EntryState
from rectify_cli.render.summary_text import change_sentence
from test_engine_properties import SETTINGS, any_plan_and_journal, as_of_near, days

OTHER = "乙单位"


def expected_change(registry, report, first, owners):
    """The previous month's end judged as the engine judges it, the whole plan evaluated again."""
    plan = registry.plan
    as_of = first - timedelta(days=1)
    before = engine.evaluate(plan=plan, journal=registry.journal, as_of=as_of, warn_days=report.warn_days,
                             report_period_days=report.report_period_days)
    before = engine.select(before, owners=owners, units=plan.units)
    now = list(report.measures())
    overdue_before = {mr.id for mr in before.measures() if mr.status is Status.OVERDUE}
    overdue = [mr.id for mr in now if mr.status is Status.OVERDUE]
    return summary.MonthChange(as_of=as_of, closed_before=sum(mr.closed for mr in before.measures()),
                               closed=sum(mr.closed for mr in now), overdue_before=len(overdue_before),
                               overdue=len(overdue), newly_overdue=len([i for i in overdue if i not in overdue_before]))



def with_retractions(journal: list, data, *, most: int) -> list:
    """`journal`, each entry given a hash, and up to `most` retractions drawn after it (of entries
    drawn, dated on days drawn on or after the entry's, as the loader requires: a retraction dated
    after the month's start changes what counted at its end)."""
    journal = [replace(e, hash=f"h{n}") for n, e in enumerate(journal)]
    for n in range(data.draw(st.integers(0, most)) if journal else 0):
        voided = data.draw(st.sampled_from(journal))
        journal.append(replace(voided, state=EntryState.RETRACTED, date=max(voided.date, data.draw(days)),
                               retracts=voided.hash, milestone=None, to=None, hash=f"r{n}"))
    return journal

@settings(SETTINGS, database=None)
@given(any_plan_and_journal, st.data())
def test_the_change_since_the_previous_month_is_the_engines_of_that_day(pj, data):
    plan, journal = pj
    day = data.draw(as_of_near(journal))  # (often a month with entries in it, or just after them)
    # Every other measure another unit's (a summary --owner of it), and some entries retracted
    # (a retraction dated after the month's start changes what counted at its end).
    tasks = tuple(replace(t, measures=tuple(replace(m, owners=(OTHER,), lead=OTHER) if n % 2 else m
                                            for n, m in enumerate(t.measures))) for t in plan.tasks)
    plan = replace(plan, tasks=tasks, units=(*plan.units, unit(OTHER)))
    journal = with_retractions(journal, data, most=3)
    registry = make_registry(plan, journal)
    first = day.replace(day=1)
    last = first + relativedelta(day=31)
    as_of = data.draw(st.sampled_from([last, day]))  # (a month under way is judged as of today)
    owners = data.draw(st.sampled_from([(), (OTHER,)]))
    report = engine.evaluate(plan=plan, journal=journal, as_of=as_of)
    m = summary.build(report, registry=registry, first=first, last=last, owners=owners)
    if first <= plan.meta.feedback_date:
        assert m.change is None
    else:
        selected = engine.select(report, owners=owners, units=plan.units) if owners else report
        assert m.change == expected_change(registry, selected, first, owners)


def march_2019(plan, journal):
    registry = make_registry(plan, journal)
    first, last = date(2019, 3, 1), date(2019, 3, 31)
    report = engine.evaluate(plan=plan, journal=registry.journal, as_of=last)
    return summary.build(report, registry=registry, first=first, last=last).change


def test_a_deadline_on_the_previous_months_last_day_was_not_yet_late_then():
    """Due 2019-02-28, never closed: on time at February's end (a deadline day is not late),
    newly overdue in March."""
    change = march_2019(plan_of(make_measure("1.1", ["2019-02-28"])), [])
    assert (change.overdue_before, change.overdue, change.newly_overdue) == (0, 1, 1)
    assert change_sentence(change, lang=Lang.zh) == (
        "与上月末（2019年2月28日）相比，仍无已完成的具体措施，逾期未完成的具体措施由0项增至1项（本月新增逾期1项）。")


def test_a_close_retracted_within_the_month_still_counted_at_the_previous_months_end():
    """Closed in February, the close retracted in March: closed at February's end, overdue now."""
    done = entry("1.1", "2019-02-10", "done", hash="a1")
    retraction = entry("1.1", "2019-03-05", "retracted", retracts="a1", hash="a2")
    change = march_2019(plan_of(make_measure("1.1", ["2019-02-28"])), [done, retraction])
    assert (change.closed_before, change.closed, change.overdue_before, change.overdue) == (1, 0, 0, 1)
    assert change_sentence(change, lang=Lang.en) == (
        "Since the end of the previous month (2019-02-28): completed measures, due or not, down from 1 to 0; "
        "overdue measures up from 0 to 1 (1 newly overdue this month).")


# --------------------------------------------------------------------------- summary --task

# The sections a summary of some tasks shares with a summary of a registry holding those tasks
# alone (the heads, the ledger's last update and the scope's words are the registry's own).
SHARED = ("headline", "change", "closed", "reopened", "overdue", "due_next_month", "stale", "extensions", "units",
          "units_quiet", "backfilled", "retractions", "quiet_files", "unbegun_files", "next_first", "next_last")


def only_tasks(registry, ids):
    """The registry as if it held the tasks `ids` alone, and their measures' entries."""
    tasks = tuple(t for t in registry.plan.tasks if t.id in ids)
    kept = {m.id for t in tasks for m in t.measures}
    return make_registry(replace(registry.plan, tasks=tasks), [e for e in registry.journal if e.measure in kept])


def month_of(registry, first, last, as_of, **filters):
    report = engine.evaluate(plan=registry.plan, journal=registry.journal, as_of=as_of)
    return summary.build(report, registry=registry, first=first, last=last, **filters)


def test_a_summary_of_some_tasks_is_that_of_a_ledger_of_those_tasks_alone():
    """March 2019 of tasks 1 and 3: 1.1, overdue at February's end, closed in March; 3.1 closed in
    January; 3.2 closed in February, reopened in March past its deadline. Task 2's 2.1, falling
    overdue in March, is not theirs: the change since February is 2 closed then and now, 1 overdue
    then and now, 1 of them new."""
    plan = make_plan([make_task("1", [make_measure("1.1", ["2019-02-15"])]),
                      make_task("2", [make_measure("2.1", ["2019-03-15"])]),
                      make_task("3", [make_measure("3.1", ["2019-01-31"]), make_measure("3.2", ["2019-02-28"])])])
    journal = [entry("3.1", "2019-01-20", "done"), entry("3.2", "2019-02-20", "done"),
               entry("3.2", "2019-03-05", "reopened", note="回头看"), entry("1.1", "2019-03-10", "done")]
    registry = make_registry(plan, journal)
    first, last = date(2019, 3, 1), date(2019, 3, 31)
    tasks = month_of(registry, first, last, last, tasks=("1", "3"))
    assert tasks.tasks == ("1", "3")
    assert tasks.change == summary.MonthChange(as_of=date(2019, 2, 28), closed_before=2, closed=2, overdue_before=1,
                                               overdue=1, newly_overdue=1)
    assert change_sentence(tasks.change, lang=Lang.zh) == (
        "与上月末（2019年2月28日）相比，全部具体措施中已完成的仍为2项，逾期未完成的具体措施仍为1项（本月新增逾期1项）。")
    assert [i.measure_id for i in tasks.overdue] == ["3.2"]
    assert (tasks.headline.tasks_total, tasks.headline.measures_total) == (2, 3)
    alone = month_of(only_tasks(registry, {"1", "3"}), first, last, last)
    assert {f: getattr(tasks, f) for f in SHARED} == {f: getattr(alone, f) for f in SHARED}


@settings(SETTINGS, database=None)
@given(any_plan_and_journal, st.data())
def test_any_summary_of_some_tasks_is_that_of_a_ledger_of_those_tasks_alone(pj, data):
    plan, journal = pj
    day = data.draw(as_of_near(journal))
    journal = with_retractions(journal, data, most=2)
    registry = make_registry(plan, journal)
    ids = data.draw(st.lists(st.sampled_from([t.id for t in plan.tasks]), min_size=1, unique=True))
    first = day.replace(day=1)
    last = first + relativedelta(day=31)
    as_of = data.draw(st.sampled_from([last, day]))
    tasks = month_of(registry, first, last, as_of, tasks=tuple(ids))
    alone = month_of(only_tasks(registry, set(ids)), first, last, as_of)
    assert {f: getattr(tasks, f) for f in SHARED} == {f: getattr(alone, f) for f in SHARED}
