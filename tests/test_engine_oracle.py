"""An independent reference model of a measure's state, written from README's "The rules" and
"Recording progress" and docs/registry-format.md (not from engine.py), compared with
engine.evaluate over random valid journals, the as-of day chosen at the edges of the rules."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import FEEDBACK_DATE, REPORT_DATE, date_ms, entry, immediate, make_measure, make_plan, make_task, ongoing
from rectify_cli.engine import Status, evaluate, flagged, outcome_of

ONGOING, IMMEDIATE = "ongoing", "immediate"


# ---------------------------------------------------------------- the reference model


def in_force(entries, as_of):
    """The entries that count on `as_of`: dated on or before it, not voided by a retraction
    (itself in force) dated on or before it; in date order, journal order on a day."""
    seen = [e for e in entries if e.date <= as_of]
    retractions = {e.hash: e for e in seen if e.state == "retracted"}

    def voided(e):
        return any(r.retracts == e.hash and not voided(r) for r in retractions.values())

    return sorted((e for e in seen if not voided(e)), key=lambda e: e.date)


def replay(kinds, entries, immediate_due, check=False):
    """Dated steps (original due, effective due, done) after the entries, and the close (with the
    deadline it is judged by) that closed the last of them since any reopening; with `check`,
    None where an entry is one the docs say the writing commands (and the loader) refuse."""
    steps = [[due, due, False, False] for kind, due in kinds if kind != ONGOING]  # (+ moved by a late extension)
    for step in steps:
        if step[0] is None:
            step[0] = step[1] = immediate_due
    closer = None
    for e in entries:
        named = [s for s in steps if e.milestone is None or s[0] == e.milestone]
        pending = [s for s in named if not s[2]]
        if e.state == "done":
            if check and not pending:
                return None
            still_open = [s[1] for s in steps if not s[2]]
            for s in named:
                s[2] = True
            if still_open and all(s[2] for s in steps):
                closer = (e.date, min(still_open))
        elif e.state == "reopened":
            if check and not (steps and all(s[2] for s in steps)):
                return None
            closer = None
            for s in steps:
                s[2] = False
        elif e.state == "extended":
            if e.milestone is None:  # (docs silent on which step: the next deadline, as status shows it)
                pending = sorted(pending, key=lambda s: s[1])[:1]
            if check and not (pending and e.to > pending[0][1] and e.to > e.date and e.late == (e.date > pending[0][1])):
                return None
            for s in pending:
                s[1], s[3] = e.to, s[3] or e.late  # (docs: flagged while that deadline is pending)
        elif e.state == "report" and check and all(kind != ONGOING for kind, _ in kinds):
            return None
    return steps, closer


def judge(due, as_of, warn_days):
    """A pending deadline: overdue from the day after it; due soon within warn_days; else on track."""
    if due <= as_of - timedelta(days=1):
        return Status.OVERDUE
    return Status.DUE_SOON if (due - as_of).days <= warn_days else Status.ON_TRACK


def oracle(kinds, entries, as_of, *, warn_days, period, immediate_due, feedback=FEEDBACK_DATE):
    """A measure by the documented rules: (status, stale, days_overdue, next_due, closed late as
    (close's date, deadline) or None, last entry), and each milestone as (kind, due, original due,
    status, moved by a late extension)."""
    counted = in_force(entries, as_of)
    steps, closer = replay(kinds, counted, immediate_due)
    reports = [e.date for e in counted if e.state != "retracted"]
    last = reports[-1] if reports else None
    it = iter(steps)
    milestones = [(kind, None, None, Status.ONGOING, False) if kind == ONGOING else
                  (lambda s: (kind, s[1], s[0], Status.DONE if s[2] else judge(s[1], as_of, warn_days), s[3]))(next(it))
                  for kind, _ in kinds]
    pending = sorted(s[1] for s in steps if not s[2])
    if not pending:
        # closed late: after the deadline it settled, but not on the report's own date (an import's)
        late = closer if closer and closer[0] > closer[1] and closer[0] != REPORT_DATE else None
        if all(kind != ONGOING for kind, _ in kinds):
            return (Status.DONE, False, 0, None, late, last), milestones
        return (Status.ONGOING, (as_of - (last or feedback)).days > period, 0, None, late, last), milestones
    status = judge(pending[0], as_of, warn_days)
    overdue = (as_of - pending[0]).days if status is Status.OVERDUE else 0
    return (status, False, overdue, pending[0], None, last), milestones


def task_oracle(results):
    """A task by its measures: any overdue, else any due soon; all done; only ongoing left; else on track."""
    statuses = {r[0] for r in results}
    for status in (Status.OVERDUE, Status.DUE_SOON):
        if status in statuses:
            return status, max(r[2] for r in results)
    if statuses == {Status.DONE}:
        return Status.DONE, 0
    return (Status.ONGOING if statuses <= {Status.DONE, Status.ONGOING} else Status.ON_TRACK), 0


def valid(kinds, entries, immediate_due):
    """A journal the docs let be written: each entry legal after those before it by date, as
    things stand on each entry's day (retractions included; back-filled entries too, which must
    leave no later one wrong); a retraction names an entry written before it, in force on its day."""
    for i, e in enumerate(entries):
        if e.state == "retracted" and e.retracts not in {x.hash for x in in_force(entries[:i], e.date)}:
            return False
        if replay(kinds, in_force(entries, e.date), immediate_due, check=True) is None:
            return False
    return True


# ---------------------------------------------------------------- random measures and journals

WINDOW = 240  # days after the feedback date: small, so entries and deadlines meet often


def kinds_from(start):
    day = st.integers(0, WINDOW).map(lambda n: ("date", start + timedelta(days=n)))
    return st.lists(st.one_of(day, st.just((ONGOING, None)), st.just((IMMEDIATE, None))), min_size=1, max_size=3, unique=True)


@st.composite
def journal_of(draw, mid, kinds, immediate_due, start):
    """Entries from `start` in date order (several on a day often, some back-filled), each kept
    only when the docs allow it."""
    dues = [immediate_due if kind == IMMEDIATE else due for kind, due in kinds if kind != ONGOING]
    dated = [due for kind, due in kinds if kind == "date"]  # (what a `milestone:` names: a date the plan writes)
    entries, on = [], start
    for i in range(draw(st.integers(0, 8))):
        latest = on = on + timedelta(days=draw(st.sampled_from([0, 0, 1, 7, 30, 60])))
        if draw(st.integers(0, 4)) == 0:  # back-filled (补录): dated before entries already written
            on = max(start, on - timedelta(days=draw(st.sampled_from([1, 7, 30]))))
        state = draw(st.sampled_from(["done", "done", "reopened", "extended", "extended", "report", "in_progress",
                                      "retracted", "retracted"]))
        fields = {}
        if dated and state in ("done", "extended") and draw(st.booleans()):
            fields["milestone"] = draw(st.sampled_from(dated))
        if state == "extended":
            steps = replay(kinds, in_force(entries, on), immediate_due)[0]
            named = [s for s in steps if s[0] == fields["milestone"]] if "milestone" in fields else \
                sorted((s for s in steps if not s[2]), key=lambda s: s[1])[:1]  # (else the next deadline)
            base = max([on, *(s[1] for s in named)])
            fields["to"] = base + timedelta(days=draw(st.sampled_from([1, 1, 10, 45])))
            fields["late"] = bool(named) and on > named[0][1]
        if state == "retracted":
            targets = [e.hash for e in in_force(entries, on)][-2:]
            if not targets:
                continue
            fields["retracts"] = draw(st.sampled_from(targets))
        h = hashlib.sha256(f"{mid}/{i}".encode()).hexdigest()
        e = entry(mid, on, state, note="说明", hash=h, recorded=latest if on < latest else None, **fields)
        if valid(kinds, [*entries, e], immediate_due):
            entries.append(e)
        on = latest
    return entries


@st.composite
def cases(draw):
    """One plan file, or a folder of two with their own feedback and immediate dates, of 1-3
    measures each (some with the same milestones, as the loader shares them), their journals
    interleaved, settings, and an as-of day at an edge of the rules."""
    files = []
    for prefix in draw(st.sampled_from([[""], ["a:", "b:"]])):
        feedback = FEEDBACK_DATE + timedelta(days=draw(st.sampled_from([0, 0, 30])))
        immediate_due = draw(st.sampled_from([None, feedback, feedback + timedelta(days=20)]))
        effective = immediate_due or feedback
        measures = []
        for i in range(draw(st.integers(1, 3))):
            kinds = measures[-1][1] if measures and draw(st.booleans()) else \
                [k for k in draw(kinds_from(feedback)) if k[1] != effective] or [(ONGOING, None)]
            # (a date step on the immediate due would make a `milestone:` naming it name both)
            mid = f"{prefix}1.{i + 1}"
            measures.append((mid, kinds, draw(journal_of(mid, kinds, effective, feedback))))
        files.append((prefix, feedback, immediate_due, measures))
    warn_days, period = draw(st.sampled_from([0, 1, 7, 30])), draw(st.sampled_from([1, 30, 90]))
    # the journal in the order written, or its measures' entries merged at random (each in its order)
    queues = [list(j) for *_, ms in files for _, _, j in ms if j]
    journal = sorted((e for q in queues for e in q), key=lambda e: e.recorded or e.date)
    if draw(st.booleans()):
        journal = [queues[i].pop(0) for i in draw(st.permutations([i for i, q in enumerate(queues) for _ in q]))]
    marks = [m for _, f, imm, ms in files for m in [f, imm or f, *(due for _, k, _ in ms for _, due in k if due)]]
    marks += [x for e in journal for x in (e.date, e.to) if x]
    offset = draw(st.sampled_from([0, 0, 1, -1, -warn_days, -warn_days - 1, period, period + 1]))
    as_of = draw(st.sampled_from(marks)) + timedelta(days=offset)
    return files, journal, warn_days, period, as_of


def milestones_of(kinds):
    return tuple(date_ms(due) if kind == "date" else ongoing() if kind == ONGOING else immediate() for kind, due in kinds)


def check_against_engine(files, journal, warn_days, period, as_of):
    tasks, parts, expected = [], [], []
    for prefix, feedback, immediate_due, measures in files:
        shared = {}  # (the loader shares equal milestones: the engine judges each such tuple once)
        tasks.append(make_task(f"{prefix}1", [make_measure(mid, shared.setdefault(tuple(k), milestones_of(k)))
                                              for mid, k, _ in measures]))
        parts.append((f"{prefix[:-1]}.yaml", prefix, make_plan(feedback_date=feedback).meta))
        expected += [oracle(k, j, as_of, warn_days=warn_days, period=period, immediate_due=immediate_due or feedback,
                            feedback=feedback) for _, k, j in measures]
    plan = make_plan(tasks, warn_days=warn_days + 5, report_period_days=period + 5, immediate_due=files[0][2],
                     feedback_date=files[0][1])  # (settings overridden below, as --warn-days does)
    if prefix:
        plan = replace(plan, parts=tuple(parts), immediate_dues=tuple((p, imm or f) for p, f, imm, _ in files))
    report = evaluate(plan=plan, journal=journal, as_of=as_of, warn_days=warn_days, report_period_days=period)
    for m, (want, want_milestones) in zip(report.measures(), expected):
        late = m.closed_late and (m.closed_late.date, m.closed_late.deadline)
        assert (m.status, m.stale, m.days_overdue, m.next_due, late, m.last_entry) == want, (m.id, files, as_of)
        assert [(ms.kind.value, ms.due, ms.original_due, ms.status, ms.extended_late) for ms in m.milestones] == want_milestones
    for task, (_, _, _, measures) in zip(report.tasks, files):
        wants = [(w, k) for (w, _), (_, k, _) in zip([expected.pop(0) for _ in measures], measures)]
        # closed as far as dates go (the bar); done (已完成): those, and each 长期坚持-only one reported on
        closed = [not w[3] and any(kind != ONGOING for kind, _ in k) for w, k in wants]
        assert (task.status, task.days_overdue) == task_oracle([w for w, _ in wants])
        assert (task.done_count, task.closed) == (sum(closed), all(c or (w[0] is Status.ONGOING and w[5] is not None) for c, (w, _) in zip(closed, wants)))
    written = [e for e in journal if e.date <= as_of]  # (the header's latest entry, and last written to)
    assert report.latest_entry == max((e.date for e in written), default=None)
    assert report.last_update == max((e.recorded if e.recorded and e.recorded <= as_of else e.date for e in written), default=None)
    if all(e.date <= as_of for e in journal):  # (check's outcomes, made once, judge any later day)
        for prefix, feedback, _, measures in files:
            mine = [m for m in report.measures() if m.id.startswith(prefix)]
            once = [outcome_of(m) for m in evaluate(plan=plan, journal=journal, as_of=date.max).measures() if m.id.startswith(prefix)]
            found = flagged(once, as_of=as_of, warn_days=warn_days, report_period_days=period, feedback=feedback)
            assert found == [i for i, m in enumerate(mine) if m.status in (Status.OVERDUE, Status.DUE_SOON) or m.stale]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(cases())
def test_engine_agrees_with_the_reference_model(case):
    check_against_engine(*case)
