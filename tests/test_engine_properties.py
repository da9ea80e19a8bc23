"""Properties of the engine over random plans and journals (hypothesis)."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import date_ms, entry, immediate, make_measure, make_plan, make_task, ongoing
from rectify_cli.engine import Status, evaluate
from rectify_cli.model import EntryState

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BASE = date(2018, 1, 1)
SPAN = 3 * 365


def day(n: int) -> date:
    return BASE + timedelta(days=n)


def days_in(span: int):
    return st.integers(0, span).map(day)


days = days_in(SPAN)


def milestone_lists(span: int = SPAN):
    milestone = st.one_of(days_in(span).map(date_ms), st.just(ongoing()), st.just(immediate()))
    return st.lists(milestone, min_size=0, max_size=4)

# Status rank, worst first (the lower, the worse).
RANK = {Status.OVERDUE: 0, Status.DUE_SOON: 1, Status.ON_TRACK: 2, Status.ONGOING: 3, Status.DONE: 4}


def measure_rank(m):
    """Worse is smaller: by status, then stale is worse than not stale."""
    return (RANK[m.status], not m.stale)


@st.composite
def plans(draw, span: int = SPAN):
    """1-4 tasks of 0-4 measures with random milestones within `span` days of 2018-01-01."""
    days = days_in(span)
    milestone_lists_ = milestone_lists(span)
    n_tasks = draw(st.integers(1, 4))
    tasks = []
    for t in range(1, n_tasks + 1):
        n_measures = draw(st.integers(0, 4))
        measures = [make_measure(f"{t}.{m}", draw(milestone_lists_)) for m in range(1, n_measures + 1)]
        tasks.append(make_task(str(t), measures, milestones=draw(milestone_lists_)))
    return make_plan(
        tasks,
        warn_days=draw(st.integers(0, 60)),
        report_period_days=draw(st.integers(1, 120)),
        immediate_due=draw(st.none() | days),
    )


@st.composite
def journals(draw, plan, span: int = SPAN):
    """Random entries for the plan's measures (and sometimes an unknown one), dated at random
    or close to one of the measure's due dates, so that done / extended / reopened entries
    interact with the deadlines often."""
    days = days_in(span)
    measures = list(plan.measures())
    ids = [m.id for m in measures] + ["99.1"]
    immediate_due = plan.immediate_due
    dues = {
        m.id: [immediate_due if ms.kind == "immediate" else ms.due for ms in m.milestones if ms.kind != "ongoing"]
        for m in measures
    }
    states = st.sampled_from(
        [EntryState.DONE, EntryState.DONE, EntryState.EXTENDED, EntryState.EXTENDED, EntryState.REOPENED,
         EntryState.REPORT, EntryState.IN_PROGRESS]
    )
    # a few "hot" measures get most entries
    hot = ids[: draw(st.integers(1, len(ids)))]
    out = []
    for _ in range(draw(st.integers(0, 14))):
        mid = draw(st.sampled_from(hot) | st.sampled_from(ids))
        state = draw(states)
        known = dues.get(mid) or []
        near = [st.builds(lambda due, k: due + timedelta(days=k), st.sampled_from(known), st.integers(-60, 60))] if known else []
        on = draw(st.one_of(days, *near))
        ms = None
        if state in (EntryState.DONE, EntryState.EXTENDED):
            ms = draw(st.one_of(st.none(), days, *([st.sampled_from(known)] if known else [])))
        to = draw(st.one_of(days, *near)) if state is EntryState.EXTENDED else None
        out.append(entry(mid, on, state, milestone=ms, to=to))
    return out


@st.composite
def plan_and_journal(draw, span: int = SPAN):
    plan = draw(plans(span))
    return plan, draw(journals(plan, span))


# Mostly spread over three years, sometimes crammed into 90 days so that entries and
# deadlines of one measure interact a lot.
any_plan_and_journal = st.one_of(plan_and_journal(SPAN), plan_and_journal(90))


def as_of_near(journal):
    """A reference date: at random, or shortly after a journal entry."""
    near = [st.builds(lambda e, k: e.date + timedelta(days=k), st.sampled_from(journal), st.integers(0, 90))] if journal else []
    return st.one_of(days, *near)


def measure_results(report):
    return {m.id: m for m in report.measures()}


# ---------------------------------------------------------------- (1) monotonic in time


@SETTINGS
@given(any_plan_and_journal, days, st.integers(1, 400))
def test_overdue_stays_overdue_and_days_grow_exactly(pj, d1, delta):
    plan, journal = pj
    d2 = d1 + timedelta(days=delta)
    journal = [e for e in journal if not (d1 < e.date <= d2)]
    r1 = evaluate(plan=plan, journal=journal, as_of=d1)
    r2 = evaluate(plan=plan, journal=journal, as_of=d2)
    m2 = measure_results(r2)
    for mid, m in measure_results(r1).items():
        if m.status is Status.OVERDUE:
            assert m2[mid].status is Status.OVERDUE
            assert m2[mid].days_overdue == m.days_overdue + delta
            assert m2[mid].next_due == m.next_due
    for t1, t2 in zip(r1.tasks, r2.tasks):
        if t1.status is Status.OVERDUE:
            assert t2.status is Status.OVERDUE
            assert t2.days_overdue == t1.days_overdue + delta


@SETTINGS
@given(any_plan_and_journal, days, st.integers(1, 400))
def test_nothing_gets_better_by_waiting(pj, d1, delta):
    """Without new entries, time only moves measures towards overdue (ongoing/done are fixed)."""
    plan, journal = pj
    d2 = d1 + timedelta(days=delta)
    journal = [e for e in journal if not (d1 < e.date <= d2)]
    m2 = measure_results(evaluate(plan=plan, journal=journal, as_of=d2))
    for mid, m in measure_results(evaluate(plan=plan, journal=journal, as_of=d1)).items():
        if m.status in (Status.ONGOING, Status.DONE):
            assert m2[mid].status is m.status
        else:
            assert RANK[m2[mid].status] <= RANK[m.status]
        assert m2[mid].stale >= m.stale


# ---------------------------------------------------------------- (2) a done entry never hurts


@SETTINGS
@given(any_plan_and_journal, st.data())
def test_adding_done_never_makes_anything_worse(pj, data):
    """A `done` entry without milestone, dated on or before as_of, inserted anywhere in the
    journal: no measure gets worse (status, then stale); no task status gets worse.

    Task *lights* are deliberately not compared: closing the date of a "date, then ongoing"
    measure with an old done entry can make it a stale ongoing measure, which turns its task
    yellow although the task status only improved."""
    plan, journal = pj
    measures = list(plan.measures())
    if not measures:
        return
    as_of = data.draw(as_of_near(journal))
    # prefer measures that have entries, and dates just before one of their entries
    with_entries = sorted({e.measure for e in journal if e.date <= as_of} & {m.id for m in measures})
    target = data.draw(st.one_of(st.sampled_from([m.id for m in measures]), *([st.sampled_from(with_entries)] if with_entries else [])))
    candidates = [e.date - timedelta(days=k) for e in journal if e.measure == target and e.date <= as_of for k in (0, 1)]
    on = data.draw(
        st.one_of(st.integers(0, 400).map(lambda k: as_of - timedelta(days=k)), *([st.sampled_from(candidates)] if candidates else []))
    )
    position = data.draw(st.integers(0, len(journal)))
    more = journal[:position] + [entry(target, on, "done")] + journal[position:]

    before = evaluate(plan=plan, journal=journal, as_of=as_of)
    after = evaluate(plan=plan, journal=more, as_of=as_of)
    after_m = measure_results(after)
    for mid, m in measure_results(before).items():
        assert measure_rank(after_m[mid]) >= measure_rank(m), mid
    for t_before, t_after in zip(before.tasks, after.tasks):
        assert RANK[t_after.status] >= RANK[t_before.status], t_before.id
        assert t_after.days_overdue <= t_before.days_overdue


# ---------------------------------------------------------------- (3) journal order


@SETTINGS
@given(any_plan_and_journal, days, st.randoms(use_true_random=False))
def test_order_of_entries_with_distinct_dates_does_not_matter(pj, as_of, rnd):
    """Shuffle the journal, keeping the relative order of entries of the same date."""
    plan, journal = pj
    shuffled_positions = list(range(len(journal)))
    rnd.shuffle(shuffled_positions)
    # slots in the new order, then refill each date's slots with its entries in journal order
    order = sorted(range(len(journal)), key=lambda i: shuffled_positions[i])
    by_date: dict[date, list] = {}
    for e in journal:
        by_date.setdefault(e.date, []).append(e)
    cursor = {k: 0 for k in by_date}
    shuffled = []
    for i in order:
        k = journal[i].date
        shuffled.append(by_date[k][cursor[k]])
        cursor[k] += 1

    assert evaluate(plan=plan, journal=shuffled, as_of=as_of) == evaluate(plan=plan, journal=journal, as_of=as_of)


# ---------------------------------------------------------------- consistency


@SETTINGS
@given(any_plan_and_journal, days)
def test_results_are_consistent(pj, as_of):
    plan, journal = pj
    report = evaluate(plan=plan, journal=journal, as_of=as_of)
    for task in report.tasks:
        for m in task.measures:
            assert (m.days_overdue > 0) == (m.status is Status.OVERDUE)
            assert m.stale <= (m.status is Status.ONGOING)
            assert all(e.date <= as_of for e in m.entries)
            assert [e.date for e in m.entries] == sorted(e.date for e in m.entries)
            assert m.last_entry == (m.entries[-1].date if m.entries else None)
            pending = [ms.due for ms in m.milestones if ms.due is not None and not ms.done]
            assert m.next_due == (min(pending) if pending else None)
            if m.status is Status.OVERDUE:
                assert m.days_overdue == (as_of - m.next_due).days
        if task.measures:
            assert RANK[task.status] == min(RANK[m.status] for m in task.measures)
            assert task.days_overdue == max(m.days_overdue for m in task.measures)
            assert 0 <= task.done_count <= len(task.measures)
    dates = [e.date for e in journal if e.date <= as_of]
    assert report.latest_entry == (max(dates) if dates else None)


# ---------------------------------------------------------------- outcomes (outcomes.py)


@SETTINGS
@given(any_plan_and_journal, st.integers(0, 400), st.integers(0, 60), st.integers(1, 120),
       st.sets(st.sampled_from(["overdue", "due_soon", "stale"]), min_size=1))
def test_outcomes_flag_exactly_the_measures_a_full_evaluation_puts_in_those_categories(pj, after, warn, period, wanted):
    """Outcomes made once, after every entry, judge any later day as the full evaluation does."""
    from rectify_cli.engine import category, flagged, outcome_of

    plan, journal = pj
    newest = max((e.date for e in journal), default=BASE)
    as_of = newest + timedelta(days=after)
    once = [outcome_of(m) for m in evaluate(plan=plan, journal=journal, as_of=date.max).measures()]
    full = list(evaluate(plan=plan, journal=journal, as_of=as_of, warn_days=warn, report_period_days=period).measures())
    expected = [i for i, m in enumerate(full) if category(m) in wanted]
    assert flagged(once, as_of=as_of, warn_days=warn, report_period_days=period,
                   feedback=plan.meta.feedback_date, categories=tuple(wanted)) == expected
