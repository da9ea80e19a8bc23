"""An independent reference model of a measure's state, written from README's "The rules" and
"Recording progress" and docs/registry-format.md (not from engine.py), compared with
engine.evaluate over random valid journals, the as-of day chosen at the edges of the rules."""
from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import (FEEDBACK_DATE, REPORT_DATE, date_ms, entry, immediate, make_measure, make_plan, make_task, ongoing,
                      run_cli)
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
    for step in (s for s in steps if s[0] is None):
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
            if check and not any(s[2] for s in steps):  # (a step closed: "opens everything again")
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
    dated = iter([(s[1], s[0], Status.DONE if s[2] else judge(s[1], as_of, warn_days), s[3]) for s in steps])
    milestones = [(kind, *((None, None, Status.ONGOING, False) if kind == ONGOING else next(dated))) for kind, _ in kinds]
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
        if e.state == "retracted" and (e.retracts not in {x.hash for x in in_force(entries[:i], e.date)}
                                       or e.retracts in {x.retracts for x in entries[:i]}):  # (retracted already)
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
    dated = [due for kind, due in kinds if kind == "date"]  # (what a `milestone:` names: a date the plan writes)
    entries, on = [], start
    for i in range(draw(st.integers(0, 8))):
        step = draw(st.sampled_from([0, 0, 1, 7, 30, 60, "report"]))  # (the report's own day: an import's closes)
        latest = on = max(on, REPORT_DATE) if step == "report" else on + timedelta(days=step)
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


def milestones_of(kinds):  # (as the plan writes them)
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
    written = [e for e in journal if e.date <= as_of]  # (the header's latest entry, and last written to)
    assert report.latest_entry == max((e.date for e in written), default=None)
    assert report.last_update == max((e.recorded if e.recorded and e.recorded <= as_of else e.date for e in written), default=None)
    once = [outcome_of(m) for m in evaluate(plan=plan, journal=journal, as_of=date.max).measures()]
    for task, (prefix, feedback, _, measures) in zip(report.tasks, files):
        wants, expected = [w for w, _ in expected[:len(measures)]], expected[len(measures):]
        # closed as far as dates go (the bar); done (已完成): those, and each 长期坚持-only one reported on
        closed = [w[3] is None and any(kind != ONGOING for kind, _ in k) for w, (_, k, _) in zip(wants, measures)]
        assert (task.status, task.days_overdue) == task_oracle(wants)
        assert (task.done_count, task.closed) == (sum(closed), all(c or (w[0] is Status.ONGOING and w[5] is not None)
                                                                   for c, w in zip(closed, wants)))
        if all(e.date <= as_of for e in journal):  # (check's outcomes, made once, judge any later day)
            outcomes, once = once[:len(measures)], once[len(measures):]
            assert flagged(outcomes, as_of=as_of, warn_days=warn_days, report_period_days=period, feedback=feedback) == \
                [i for i, w in enumerate(wants) if w[0] in (Status.OVERDUE, Status.DUE_SOON) or w[1]]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(cases())
def test_engine_agrees_with_the_reference_model(case):
    check_against_engine(*case)


def write_registry(folder, files, journal):
    """tasks.yaml and progress.yaml of a case of one plan file, as a clerk would write them: the same
    cases, judged through the files and the command line."""
    (prefix, feedback, immediate_due, measures), = files
    due = lambda k: "{kind: ongoing}" if k[0] == ONGOING else "{kind: immediate}" if k[0] == IMMEDIATE else f"{{kind: date, due: {k[1]}}}"
    plan = [f"registry:\n  title: 测试\n  issuer: 测试单位\n  feedback_date: {feedback}\n  report_date: {REPORT_DATE}",
            f"  settings:\n    immediate_due: {immediate_due}" if immediate_due else "",
            "units:\n  - name: 自治区生态环境厅\ntasks:\n  - id: 1\n    title: 问题\n    problem: 问题。",
            "    deadline:\n      text: 长期坚持\n      milestones: [{kind: ongoing}]\n    reported: {state: on_schedule}",
            "    regions: []\n    measures:"]
    plan += [f"      - id: {mid.split('.')[1]}\n        text: 措施\n        owners: [自治区生态环境厅]\n        lead: 自治区生态环境厅\n"
             f"        milestones: [{', '.join(map(due, k))}]" for mid, k, _ in measures]
    rows = []
    for e in journal:
        row = [f'- measure: "{e.measure}"', f"  date: {e.date}", f"  state: {e.state.value}", "  note: 说明"]
        row += [f"  {key}: {getattr(e, key)}" for key in ("milestone", "to", "recorded", "retracts") if getattr(e, key)]
        row += ["  reason: 冬季停工", "  approved_by: 自治区生态环境厅"] if e.state == "extended" else []
        rows += row + (["  late: true"] if e.late else []) + [f"  hash: {e.hash}"]
    (folder / "tasks.yaml").write_text("\n".join(line for line in plan if line) + "\n", encoding="utf-8")
    (folder / "progress.yaml").write_text("\n".join(rows) + "\n" if rows else "[]\n", encoding="utf-8")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                                 HealthCheck.function_scoped_fixture])
@given(cases().filter(lambda case: len(case[0]) == 1))
def test_status_and_check_agree_with_the_reference_model(tmp_path_factory, case):
    """`status` and `check` as JSON, read from the files and then from the cache (check's outcomes)."""
    files, journal, warn_days, period, as_of = case
    folder = tmp_path_factory.mktemp("ledger")
    write_registry(folder, files, journal)
    (_, feedback, immediate_due, measures), = files
    expected = {mid: oracle(k, j, as_of, warn_days=warn_days, period=period, immediate_due=immediate_due or feedback,
                            feedback=feedback)[0] for mid, k, j in measures}
    args = ["-r", str(folder / "tasks.yaml"), "--format", "json", "--as-of", as_of.isoformat(),
            "--warn-days", str(warn_days), "--report-period", str(period)]
    env = {"RECTIFY_TODAY": "2030-01-01"}
    for _ in range(2):  # (cold, then from the cache)
        result = run_cli("status", *args, env=env)
        assert result.exit_code == 0, result.output
        document = json.loads(result.stdout)
        got = {m["id"]: m for t in document["tasks"] for m in t["measures"]}
        states = [w[0].value for w in expected.values()]
        assert document["counts"]["measures"] == {s.value: states.count(s.value) for s in Status}
        assert (document["counts"]["stale"], document["counts"]["closed_late"]) == \
            (sum(w[1] for w in expected.values()), sum(bool(w[4]) for w in expected.values()))
        for mid, want in expected.items():
            assert (got[mid]["status"], got[mid]["stale"], got[mid]["days_overdue"], got[mid]["next_due"]) == \
                (want[0].value, want[1], want[2], want[3] and want[3].isoformat()), (mid, case)
        result = run_cli("check", *args, "--fail-on", "overdue,due_soon,stale", env=env)
        flagged_ids = [m for m, w in expected.items() if w[0] in (Status.OVERDUE, Status.DUE_SOON) or w[1]]
        assert sorted(item["id"] for item in json.loads(result.stdout)["items"]) == sorted(flagged_ids), case
        assert result.exit_code == (1 if flagged_ids else 0), result.output
