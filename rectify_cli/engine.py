"""The pure core: plan + journal + reference date -> the state of every measure and task.

No I/O here. Everything is a function of its arguments and returns frozen dataclasses.

Rules (as of a reference date D; a deadline day itself is not late)
------------------------------------------------------------------
For each measure only its journal entries dated on or before D count, processed in date
order (entries with the same date keep their journal order; a back-filled entry that was
appended later is moved to its date).

Milestones: ``date`` (due as written), ``immediate`` (due ``plan.immediate_due_of(id)``:
``settings.immediate_due`` or else ``meta.feedback_date``, of its own file in a folder) and ``ongoing`` (no due, never
done, never overdue). "Dated" below means date and immediate milestones.

Entries:

* ``done`` with ``milestone``: the dated milestone(s) whose *original* due equals it are done.
  ``done`` without ``milestone``: every dated milestone is done.
* ``reopened``: every done mark is cleared.
* ``extended`` with ``to``: the effective due of the milestone(s) whose original due equals
  ``milestone`` becomes ``to``; without ``milestone`` the earliest (effective due, then plan
  order) pending dated milestone is moved. Interpretation: "pending" here ignores done marks
  set by a ``done`` entry *without* milestone, i.e. only milestones closed by a ``done`` naming
  them are skipped. Without this an unlabelled extension recorded after a blanket ``done`` would
  silently be lost if the measure were later reopened, and adding a ``done`` entry could then
  make a measure worse. In every journal without a blanket ``done`` before the extension this
  is exactly "the earliest not-done dated milestone". One with ``late`` (recorded after the
  deadline it moves had passed) marks the milestone: while it is pending, its measure is
  ``extended_late``.
* ``in_progress`` / ``report``: no change, but count as the measure's last entry.
* ``retracted`` (撤回误录, with ``retracts``: the hash of an earlier entry of the measure, recorded
  by mistake): voids that entry from the retraction's own date on. As of a day D on or after
  it, the measure is judged as if the entry had never been written (it neither closes, extends
  nor counts as the last entry); as of a day before it, the entry counts as before, so that a
  month's summary already sent upward stays as it was. The retraction itself changes no
  milestone and is not the measure's last entry (retracting a report does not clear 久未报告).
  A retraction retracted (the wrong entry was retracted) voids nothing from that one's date on:
  its entry counts again from then.
  A correction is a new entry: the journal is append-only and hash-chained.

Measure status: no pending dated milestone -> ``ongoing`` if the measure has an ongoing
milestone, else ``done``; a measure with no milestone at all is ``ongoing`` (so that it must
be reported on, rather than silently counting as done). Otherwise with the earliest pending
effective due E: E < D -> ``overdue`` (days_overdue = D - E); E - D <= warn_days ->
``due_soon``; else ``on_track``. ``stale`` only for ``ongoing``: more than report_period_days
from the later of its last entry on/before D and the inspection's feedback date, to D.

Task status: the worst of its measures' statuses in the order overdue, due_soon, on_track,
ongoing, done (which is: any overdue -> overdue; any due_soon -> due_soon; all done -> done;
all done/ongoing -> ongoing; else on_track). A task with no measures is judged by its own
deadline milestones like a measure without journal.
"""
from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter

from .model import (
    ALL_REGIONS,
    CHANGES_MILESTONES,
    REGION,
    SUBREGION,
    Entry,
    EntryState,
    Measure,
    MilestoneKind,
    Plan,
    Task,
    Unit,
    file_prefix,
    item_key,
    maker,
    named_id,
    units_of_file,
)
from .states import STALE, Status


class Light(str, enum.Enum):
    """The supervision traffic light (红黄绿灯)."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


#: Sort rank of each display category, worst first. Overdue is red; due_soon and stale are
#: yellow; on_track, ongoing and done are green. Keys are plain strings; since ``Status`` is a
#: ``str`` enum, ``SEVERITY[Status.OVERDUE]`` works as well.
SEVERITY: dict[str, int] = {
    Status.OVERDUE.value: 0,
    Status.DUE_SOON.value: 1,
    STALE: 2,
    Status.ON_TRACK.value: 3,
    Status.ONGOING.value: 4,
    Status.DONE.value: 5,
}

# Roll-up order of statuses (worst first) for tasks.
_ROLLUP_RANK = {
    Status.OVERDUE: 0,
    Status.DUE_SOON: 1,
    Status.ON_TRACK: 2,
    Status.ONGOING: 3,
    Status.DONE: 4,
}


def light_of(status: Status, stale: bool) -> Light:
    """Red when overdue; yellow when due soon or stale; green otherwise."""
    if status == Status.OVERDUE:
        return Light.RED
    if status == Status.DUE_SOON or stale:
        return Light.YELLOW
    return Light.GREEN


@dataclass(frozen=True, slots=True)
class MilestoneResult:
    """A milestone as judged on the report's day: due when (after extensions), done or not, its status."""

    kind: MilestoneKind
    due: date | None  # effective due (after approved extensions); immediate -> plan.immediate_due
    original_due: date | None  # as written in the plan (None for ongoing); immediate -> plan.immediate_due
    label: str | None
    done: bool  # ongoing milestones are never done
    status: Status  # done / overdue / due_soon / on_track for dated; ongoing for ongoing
    # moved by an extension recorded after the deadline it moved had passed (`late: true`)
    extended_late: bool = False

    @property
    def extended(self) -> bool:
        """True when an approved extension moved the due date."""
        return self.due != self.original_due


@dataclass(frozen=True, slots=True)
class LateClose:
    """The close a measure stands closed by, made after the deadline it settled (逾期销号)."""

    date: date  # of the close
    deadline: date  # the earliest deadline still open just before it, as extended then

    @property
    def days(self) -> int:
        return (self.date - self.deadline).days


def missed_deadline(due: date | None, closed_on: date, report_date: date | None) -> date | None:
    """The deadline a close dated `closed_on` came after: `due` (the earliest one it settled, as
    extended), when it is before that day, as `close` warns; None for one on time, and for one
    dated its report's own date, the report's statement of what was done by then (an import's)."""
    return due if due is not None and due < closed_on and closed_on != report_date else None


@dataclass(frozen=True, slots=True)
class MeasureResult:
    """A measure as judged on the report's day, from its milestones and its journal entries."""

    measure: Measure
    status: Status
    stale: bool  # ongoing and not reported on within the reporting period
    days_overdue: int  # 0 unless overdue: days since the earliest missed milestone
    next_due: date | None  # earliest pending dated milestone (effective due)
    milestones: tuple[MilestoneResult, ...]
    last_entry: date | None  # date of the latest journal entry for it, on or before as_of (that counts)
    entries: tuple[Entry, ...]  # its journal entries dated on or before as_of that count, in date order
    # every one of them, retractions and the entries they void included (what `show` lists)
    written: tuple[Entry, ...] = ()
    # closed (all its dated milestones), by a close after its deadline (missed_deadline); else None
    closed_late: LateClose | None = None
    # its report's feedback date, whence it counts unreported with no entry (a folder's files differ)
    began: date | None = None

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def light(self) -> Light:
        return light_of(self.status, self.stale)

    @property
    def extended_late(self) -> bool:
        """A pending deadline of it was moved by a late extension: without that extension it
        would be overdue, whatever its light says now."""
        return any(ms.extended_late and not ms.done for ms in self.milestones)

    @property
    def next_due_extended_late(self) -> bool:
        """The deadline it is next due on (of an overdue one: the one it missed) is one a late
        extension moved; when only another step's was, that is said as another deadline's."""
        return any(ms.extended_late and not ms.done and ms.due == self.next_due for ms in self.milestones)

    @property
    def closed(self) -> bool:
        """Closed as far as dates go: ``done``, or ``ongoing`` with at least one dated/immediate
        milestone, all of them done (e.g. "2018年12月31日，长期坚持" after its date was met)."""
        if self.status == Status.DONE:
            return True
        if self.status == Status.ONGOING:
            return any(ms.kind != MilestoneKind.ONGOING for ms in self.milestones)
        return False

    @property
    def accounted_for(self) -> bool:
        """Closed, or only 长期坚持 and reported on: what a done task asks of each of its measures
        (TaskResult.closed)."""
        return self.closed or (self.status is Status.ONGOING and self.last_entry is not None)


@dataclass(frozen=True, slots=True)
class TaskResult:
    """A task as judged on the report's day: by the worst of its measures (else by its own deadline)."""

    task: Task
    status: Status
    days_overdue: int  # the worst of its measures
    measures: tuple[MeasureResult, ...]
    next_due: date | None = None  # earliest pending effective due over its measures
    # Only for a task without measures: its own deadline milestones, judged like a measure
    # without journal. Empty for tasks with measures (their measures carry the state).
    milestones: tuple[MilestoneResult, ...] = ()

    @property
    def id(self) -> str:
        return self.task.id

    @property
    def done_count(self) -> int:
        """Measures closed as far as dates go (:attr:`MeasureResult.closed`): status ``done``,
        plus ``ongoing`` measures that have at least one dated/immediate milestone and all of
        them done. Purely ongoing measures (长期坚持 only) are never counted."""
        return sum(1 for m in self.measures if m.closed)

    @property
    def closed(self) -> bool:
        """Done, the one rule `summary` (已完成) and `reconcile` (全面完成) count by: no measure has a
        dated milestone still open, and each was acted on: one that is only 长期坚持 has been reported
        on (else a task of such measures was done the day its deadline passed, with nothing ever
        recorded). Without measures: its own state, as a measure's with no entry (no entry can name a
        task): one only 长期坚持 is never reported on, so not done."""
        if not self.measures:
            return self.status is Status.DONE or (self.status is Status.ONGOING and any(
                ms.kind is not MilestoneKind.ONGOING for ms in self.milestones))
        return all(m.accounted_for for m in self.measures)

    @property
    def stale(self) -> bool:
        """Any of its measures is stale."""
        return any(m.stale for m in self.measures)

    @property
    def light(self) -> Light:
        return light_of(self.status, self.stale)


_new_measure_result, _new_task_result = maker(MeasureResult), maker(TaskResult)


@dataclass(frozen=True)
class FileStanding:
    """A plan file of a folder as of the report's date: the latest entry of its own journal on or
    before that date, the days since its journal was last written to (last_update; since its own
    feedback date when it has no entry, as for a measure never reported on), and whether they are
    more than the reporting period."""

    file: str  # its name in the folder, "naqu.yaml"
    latest_entry: date | None
    since: date  # its journal's last_update, else its feedback date
    days: int  # as_of - since
    stale: bool
    last_update: date | None = None  # its journal's (engine.last_update); None: no entry by as_of
    prefix: str = ""  # its ids' prefix, "naqu:"
    feedback: date | None = None  # its own plan's feedback date


@dataclass(frozen=True)
class StatusReport:
    """Where every task and measure stands on a day (`as_of`): what `status` and `check` report."""

    as_of: date
    warn_days: int
    report_period_days: int
    tasks: tuple[TaskResult, ...]  # in plan order
    latest_entry: date | None  # latest journal entry on or before as_of, any measure
    # A folder's plan files (in their order); () for one file. Not narrowed by select().
    files: tuple[FileStanding, ...] = ()
    # The day the journal was last written to, as of as_of (last_update): what the warning that
    # it went a reporting period without an update counts from, not latest_entry.
    last_update: date | None = None
    # The prefixes of the files select()'s scope (--task, --owner, --region, not --state) leaves
    # something of; None: no scope, every file. A file out of it is not warned of (stale_files).
    files_in_scope: frozenset[str] | None = None

    def measures(self):
        for task in self.tasks:
            yield from task.measures


# --------------------------------------------------------------------------- evaluation

_DATE = MilestoneKind.DATE
_IMMEDIATE = MilestoneKind.IMMEDIATE
_ONGOING = MilestoneKind.ONGOING
_S_DONE = EntryState.DONE
_S_REOPENED = EntryState.REOPENED
_S_EXTENDED = EntryState.EXTENDED
_S_RETRACTED = EntryState.RETRACTED
_entry_date = attrgetter("date")


def _judge_days(days_left: int, warn_days: int) -> Status:
    """The status of a pending milestone due `days_left` days after the reference date."""
    if days_left < 0:
        return Status.OVERDUE
    if days_left <= warn_days:
        return Status.DUE_SOON
    return Status.ON_TRACK


def _judge(due: date, as_of: date, warn_days: int) -> Status:
    return _judge_days((due - as_of).days, warn_days)


def _is_stale(days_since: int, report_period_days: int) -> bool:
    """For an ongoing measure: not reported on within the reporting period, counted from
    :func:`days_unreported`."""
    return days_since > report_period_days


def days_unreported(last_entry: date | None, began: date, as_of: date) -> int:
    """The days an ongoing measure has gone unreported on `as_of`: since its last entry, or since
    the inspection's feedback (when rectification began) if that is later or it has none."""
    return (as_of - (last_entry if last_entry and last_entry > began else began)).days


def _evaluate_milestones(milestones, entries, as_of: date, warn_days: int, immediate_due: date, shared=None):
    """-> (status, days_overdue, next_due, milestone results, closing). `entries` in date order, <= as_of.
    `closing`: when every dated milestone is done, (the position among the milestone-changing
    entries of the done entry that closed the last of them, the earliest deadline still open just
    before it, as extended); else None. (Positions, not dates: results are shared by measures
    whose milestone-changing entries differ only in their dates.)

    `shared`: a dict in which equal MilestoneResults are made once and shared (they are
    immutable), which spares building the same few thousand results 100,000s of times."""
    n = len(milestones)
    original: list[date | None] = [None] * n
    dated: list[int] = []
    has_ongoing = False
    for i, ms in enumerate(milestones):
        kind = ms.kind
        if kind == _DATE:
            due = ms.due
        elif kind == _IMMEDIATE:
            due = immediate_due
        else:
            due = None
        if due is None:  # ongoing (or a malformed date milestone without due)
            has_ongoing = True
        else:
            original[i] = due
            dated.append(i)

    effective = list(original)
    done = [False] * n
    named = [False] * n  # done by an entry naming this milestone
    late = [False] * n  # moved once by a late extension (a later one in time still moves a missed deadline)
    closing = None
    if dated:
        position = -1
        for e in entries:
            state = e.state
            if id(state) in _MILESTONE_STATES:
                position += 1
            if state == _S_DONE:
                open_due = None if closing is not None else min(effective[i] for i in dated if not done[i])
                target = e.milestone
                if target is None:
                    for i in dated:
                        done[i] = True
                else:
                    for i in dated:
                        if original[i] == target:
                            done[i] = named[i] = True
                if open_due is not None and all(done[i] for i in dated):
                    closing = (position, open_due)
            elif state == _S_REOPENED:
                closing = None
                for i in dated:
                    done[i] = named[i] = False
            elif state == _S_EXTENDED and e.to is not None:
                target = e.milestone
                if target is None:
                    best = -1
                    for i in dated:
                        if not named[i] and (best < 0 or effective[i] < effective[best]):
                            best = i
                    if best >= 0:
                        effective[best] = e.to
                        late[best] = late[best] or e.late
                else:
                    for i in dated:
                        if original[i] == target:
                            effective[i] = e.to
                            late[i] = late[i] or e.late

    # Milestone results and the earliest pending due.
    if shared is None:
        shared = {}
    results = []
    earliest: date | None = None
    for i, ms in enumerate(milestones):
        due = effective[i]
        if due is None:
            fields = (ms.kind, None, None, ms.label, False, _ST_ONGOING)
        elif done[i]:
            fields = (ms.kind, due, original[i], ms.label, True, _ST_DONE, late[i])
        else:
            if earliest is None or due < earliest:
                earliest = due
            fields = (ms.kind, due, original[i], ms.label, False, _judge(due, as_of, warn_days), late[i])
        result = shared.get(fields)
        if result is None:
            result = shared[fields] = MilestoneResult(*fields)
        results.append(result)

    days_overdue = 0
    if earliest is None:
        status = Status.DONE if dated and not has_ongoing else Status.ONGOING
    else:
        status = _judge(earliest, as_of, warn_days)
        if status is Status.OVERDUE:
            days_overdue = (as_of - earliest).days
    return status, days_overdue, earliest, tuple(results), closing


_ST_DONE = Status.DONE
_ST_ONGOING = Status.ONGOING
# Entries that change milestones, by id: an Enum member's hash is a Python-level call.
_MILESTONE_STATES = frozenset(map(id, CHANGES_MILESTONES))


def evaluate(
    *,
    plan: Plan,
    journal: tuple[Entry, ...] | list[Entry],
    as_of: date,
    warn_days: int | None = None,
    report_period_days: int | None = None,
) -> StatusReport:
    """Compute the state of every measure and task as of `as_of`.

    `warn_days` / `report_period_days` override the plan's settings when not None. Journal
    entries for measures the plan does not have are ignored (except for `latest_entry`).
    O(entries + measures): the journal is grouped by measure once.
    """
    if warn_days is None:
        warn_days = plan.settings.warn_days
    if report_period_days is None:
        report_period_days = plan.settings.report_period_days
    by_measure: dict[str, list[Entry]] = {}
    retracting: set[str] = set()  # the measures with a retraction on or before as_of
    latest: date | None = None
    # A journal is written in date order, but for back-filled entries: in date order, each
    # measure's entries are too, unsorted (sorting them took 0.09 s of 1.5 at 100,000 measures).
    in_date_order = True
    for e in journal:
        d = e.date
        if d > as_of:
            continue
        if latest is None or d >= latest:
            latest = d
        else:
            in_date_order = False
        if e.state is _S_RETRACTED:
            retracting.add(e.measure)
        lst = by_measure.get(e.measure)
        if lst is None:
            by_measure[e.measure] = [e]
        else:
            lst.append(e)

    # Measures with the same milestones (the same tuple: the loader shares equal ones) and the
    # same milestone-changing entries have the same result: judge each combination once.
    # (per date immediate milestones are due: a folder's files have their own)
    judged_by_due: dict[date, dict[object, tuple]] = {}
    shared: dict[tuple, MilestoneResult] = {}
    changing = _MILESTONE_STATES
    ongoing = Status.ONGOING
    tasks = []
    for task in plan.tasks:
        measure_results = []
        meta = plan.meta_of(task.id)
        began = meta.feedback_date  # (its report's: a folder's files differ)
        immediate_due = plan.immediate_due_of(task.id)
        judged = judged_by_due.get(immediate_due)
        if judged is None:
            judged = judged_by_due[immediate_due] = {}
        for measure in task.measures:
            milestones = measure.milestones
            lst = by_measure.get(measure.id)
            if lst is None:
                entries: tuple[Entry, ...] = ()
                written = entries
                key = id(milestones)
                last_entry = None
                changed = entries
            else:
                if len(lst) > 1 and not in_date_order:
                    lst.sort(key=_entry_date)  # stable; ~O(n) when already in order
                entries = written = tuple(lst)
                if measure.id in retracting:
                    lst = counted(lst)
                    entries = tuple(lst)
                changed = [e for e in lst if id(e.state) in changing]
                key = (id(milestones), *[(e.state, e.milestone, e.to, e.late) for e in changed]) if changed else id(milestones)
                last_entry = lst[-1].date if lst else None
            outcome = judged.get(key)
            if outcome is None:
                outcome = judged[key] = _evaluate_milestones(milestones, entries, as_of, warn_days, immediate_due, shared)
            status, days, next_due, ms_results, closing = outcome
            closed_late = None
            if closing is not None:  # (its close: the entry at that position among those changing milestones)
                position, due = closing
                closed_on = changed[position].date
                if missed_deadline(due, closed_on, meta.report_date) is not None:
                    closed_late = LateClose(closed_on, due)
            if status is ongoing:
                stale = _is_stale(days_unreported(last_entry, began, as_of), report_period_days)
            else:
                stale = False
            measure_results.append(_new_measure_result(
                measure=measure, status=status, stale=stale, days_overdue=days, next_due=next_due,
                milestones=ms_results, last_entry=last_entry, entries=entries, written=written,
                closed_late=closed_late, began=began))

        if measure_results:
            tasks.append(rollup(task, tuple(measure_results)))
        else:
            status, days, next_due, ms_results, _ = _evaluate_milestones(
                task.deadline.milestones, (), as_of, warn_days, immediate_due, shared
            )
            tasks.append(TaskResult(task, status, days, (), next_due, ms_results))

    return StatusReport(
        as_of=as_of,
        warn_days=warn_days,
        report_period_days=report_period_days,
        tasks=tuple(tasks),
        latest_entry=latest,
        files=_file_standings(plan, tasks, as_of, report_period_days) if plan.parts else (),
        last_update=last_update(journal, as_of),
    )


def last_update(entries: Iterable[Entry], as_of: date) -> date | None:
    """The day a journal was last written to as of `as_of` (None: no entry by then). Of each
    entry dated on or before it, a retraction too, the later of its date and the day it was
    written (`recorded`, of a back-dated entry) if that day is not after `as_of`: a report
    back-dated to last month but written today is today's update. The one rule for the ledger's
    and a folder's files' "not updated for N days"."""
    latest = None
    for e in entries:
        day = e.date
        if day > as_of:
            continue
        written = e.recorded
        if written is not None and day < written <= as_of:
            day = written
        if latest is None or day > latest:
            latest = day
    return latest


def _file_standings(plan: Plan, tasks: list[TaskResult], as_of: date, report_period_days: int) -> tuple[FileStanding, ...]:
    """Each plan file's standing (see FileStanding), from its measures' entries: one pass."""
    latest: dict[str, date | None] = {prefix: None for _, prefix, _ in plan.parts}
    updated: dict[str, date | None] = dict(latest)
    for tr in tasks:
        prefix = file_prefix(tr.task.id)
        newest, written = latest[prefix], updated[prefix]
        for mr in tr.measures:
            # every entry written (a retraction too), as the folder's latest_entry counts them:
            # else a file holding that latest entry was said to have none for a period
            last = mr.written[-1].date if mr.written else None
            if last is not None and (newest is None or last > newest):
                newest = last
            last = last_update(mr.written, as_of) if mr.written else None  # (as the ledger's warning counts)
            if last is not None and (written is None or last > written):
                written = last
        latest[prefix], updated[prefix] = newest, written
    standings = []
    for name, prefix, meta in plan.parts:
        since = updated[prefix] or meta.feedback_date
        days = (as_of - since).days
        standings.append(FileStanding(name, latest[prefix], since, days, _is_stale(days, report_period_days),
                                      updated[prefix], prefix, meta.feedback_date))
    return tuple(standings)


def stale_files(report: StatusReport) -> list[FileStanding]:
    """The report's stale plan files, stalest first (ties by name). Of a folder of one file, none:
    its journal is the ledger's, whose warning says it (ledger_warnings). Nor a file the report's
    scope leaves nothing of: `status --region 拉萨市` is not the view of a province without it."""
    if len(report.files) < 2:
        return []
    scope = report.files_in_scope
    return sorted((f for f in report.files if f.stale and (scope is None or f.prefix in scope)),
                  key=lambda f: (-f.days, f.file))


def unbegun_files(report: StatusReport) -> list[FileStanding]:
    """The report's plan files whose own feedback is after its date (their rectification had not
    begun), earliest first (ties by name). As stale_files: of a folder only (one file's is the
    ledger's feedback), and not a file the report's scope leaves nothing of."""
    if len(report.files) < 2:
        return []
    scope = report.files_in_scope
    return sorted((f for f in report.files if f.feedback is not None and report.as_of < f.feedback
                   and (scope is None or f.prefix in scope)), key=lambda f: (f.feedback, f.file))


def voided_hashes(entries: Sequence[Entry]) -> set[str]:
    """The hashes of the entries the retractions among `entries` void, each retraction after the
    entry it names (in date order, or file order): a retraction voided itself voids nothing, so
    the last of a chain decides (A <- R1 <- R2: R1 is void, A counts)."""
    void: set[str] = set()
    for e in reversed(entries):
        if e.state is _S_RETRACTED and (e.hash is None or e.hash not in void):
            void.add(e.retracts)
    return void


def counted(entries: Sequence[Entry]) -> list[Entry]:
    """`entries` (of one measure, dated on or before the day judged) but the retractions and
    the entries they void (see the module's rules)."""
    void = voided_hashes(entries)
    return [e for e in entries if e.state is not _S_RETRACTED and (e.hash is None or e.hash not in void)]


def voided_entries(entries: Iterable[Entry]) -> dict[str, Entry]:
    """The entries the retractions among `entries` void, by their hash (as `history` marks them)."""
    entries = tuple(entries)
    void = voided_hashes(entries)
    return {e.hash: e for e in entries if e.hash is not None and e.hash in void} if void else {}


def retracted_entries(entries: Iterable[Entry]) -> dict[str, Entry]:
    """The entries a retraction among `entries` names, voided or not, by their hash (what each
    retraction says it retracts)."""
    entries = tuple(entries)
    named = {e.retracts for e in entries if e.state is _S_RETRACTED}
    return {e.hash: e for e in entries if e.hash is not None and e.hash in named} if named else {}


@dataclass(frozen=True)
class Retractions:
    """What the retractions among entries do, as listings say it: the entries they name
    (retracted_entries) and those they void (voided_entries), by hash."""

    named: dict[str, Entry]
    voided: dict[str, Entry]

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> Retractions:
        entries = tuple(entries)
        return cls(named=retracted_entries(entries), voided=voided_entries(entries))


def retractions(entries: Sequence[Entry]) -> dict[str, Entry]:
    """The retractions among `entries` that count (not undone by a later one), by the hash of
    the entry each voids."""
    void = voided_hashes(entries)
    return {e.retracts: e for e in entries if e.state is _S_RETRACTED and (e.hash is None or e.hash not in void)}


def find(report: StatusReport, *, item_id: str) -> MeasureResult | TaskResult | None:
    """The task or measure `item_id` names: by exact id; else an unprefixed id matching exactly one
    id of a folder registry (as `show` finds it)."""
    results: dict[str, MeasureResult | TaskResult] = {}
    for tr in report.tasks:
        results[tr.id] = tr
        results.update((mr.id, mr) for mr in tr.measures)
    found = named_id(item_key(item_id), results)
    return None if found is None else results[found]


def rollup(task: Task, measures: tuple[MeasureResult, ...]) -> TaskResult:
    """The result of a task with measures, rolled up from `measures` (see the module's rules):
    the worst status, the most days overdue, the earliest pending due."""
    rank = _ROLLUP_RANK
    worst = measures[0].status
    days = 0
    next_due = None
    for mr in measures:
        status = mr.status
        if status is not worst and rank[status] < rank[worst]:
            worst = status
        if mr.days_overdue > days:
            days = mr.days_overdue
        if mr.next_due is not None and (next_due is None or mr.next_due < next_due):
            next_due = mr.next_due
    return _new_task_result(task=task, status=worst, days_overdue=days, measures=measures, next_due=next_due,
                            milestones=())


# --------------------------------------------------------------------------- outcomes
# A measure's evaluation as of any day on or after its last journal entry depends on that day
# only through three numbers: its earliest pending (effective) due, else whether it is closed
# or ongoing, and the date of its last entry. Stored per file (outcomes.py), they let a big
# registry be triaged without building its measures; the rules stay the ones above.

PENDING, CLOSED, ONGOING_ONLY = 0, 1, 2  # what a measure has left, in an outcome


def entry_steps(plan: Plan, task: Task, result: MeasureResult) -> list[tuple[Entry, MeasureResult, MeasureResult]]:
    """(entry, the measure just before it, just after it) for each of the entries of `result` (a
    measure of `task` in `plan`, evaluated) that changes milestones (done, reopened, extended: the
    others change nothing the engine keeps), in the engine's order; each state is the engine's,
    replaying the entries before: what an entry did (summary's months, which deadline an extension
    without `milestone:` moved)."""
    changing = [e for e in result.entries if e.state in CHANGES_MILESTONES]
    if not changing:  # (nothing to replay: every entry retracted, or none yet)
        return []
    one = replace(plan, tasks=(replace(task, measures=(result.measure,)),))
    states = [
        evaluate(plan=one, journal=changing[:n], as_of=result.entries[-1].date, warn_days=0,
                 report_period_days=1).tasks[0].measures[0]
        for n in range(len(changing) + 1)
    ]
    return [(e, states[n], states[n + 1]) for n, e in enumerate(changing)]


def outcome_of(result: MeasureResult) -> tuple[int, int, int]:
    """(earliest pending due as an ordinal or 0, PENDING/CLOSED/ONGOING_ONLY, last entry as an
    ordinal or 0) of a measure evaluated as of a day on or after its last journal entry."""
    if result.next_due is not None:
        left = PENDING
    else:
        left = CLOSED if result.status is Status.DONE else ONGOING_ONLY
    return (result.next_due.toordinal() if result.next_due is not None else 0, left,
            result.last_entry.toordinal() if result.last_entry is not None else 0)


def flagged(outcomes: Iterable[tuple[int, int, int]], *, as_of: date, warn_days: int, report_period_days: int,
            feedback: date, categories: tuple[str, ...] = (Status.OVERDUE.value, Status.DUE_SOON.value, STALE)) -> list[int]:
    """Positions of the measures (given by their outcomes) whose display category (see
    :func:`category`) as of `as_of` is one of `categories`, of overdue, due_soon and stale.
    `as_of` must not precede any of their journal entries; `feedback`: the inspection's
    feedback date of their report."""
    day = as_of.toordinal()
    wanted = tuple(Status(c) for c in categories if c != STALE)  # (a tuple: members compare by identity)
    want_stale = STALE in categories
    judge, stale, began = _judge_days, _is_stale, feedback.toordinal()
    found = []
    for position, (due, left, last) in enumerate(outcomes):
        if due:
            if judge(due - day, warn_days) in wanted:
                found.append(position)
        elif want_stale and left == ONGOING_ONLY and stale(day - max(last, began), report_period_days):
            found.append(position)
    return found


# --------------------------------------------------------------------------- ordering

_NUM_CHUNK = re.compile(r"([0-9]+)")


def _natural(text: str) -> tuple:
    return tuple((0, int(c)) if c.isdigit() else (1, c) for c in _NUM_CHUNK.split(text) if c)


_natural_prefix = functools.lru_cache(maxsize=1024)(_natural)  # a folder has a few dozen prefixes


@functools.lru_cache(maxsize=8192)
def _part_key(part: str) -> tuple:
    """The key of one dot-separated part of an id: ids of 100,000 measures share a few
    thousand parts ("1" … "2500")."""
    # A part of ASCII digits only ("18") is the common case: its key without the regex.
    return ((0, int(part)),) if part.isdigit() and part.isascii() else _natural(part)


def id_sort_key(id: str) -> tuple:
    """Natural order of task/measure ids: "2.9" < "2.10" < "10.1".

    A folder-registry prefix ("file:18.4", split at the last ':') sorts first, naturally;
    ids without prefix come before prefixed ones. Non-numeric parts compare as text, after
    numbers.
    """
    prefix, _, rest = str(id).strip().rpartition(":")
    return _natural_prefix(prefix), tuple(map(_part_key, rest.split(".")))


_VALUE = {s: s.value for s in Status}  # (Enum.value is a property: a dict look-up is 5x cheaper)
_OVERDUE_V, _DUE_SOON_V, _ON_TRACK_V = Status.OVERDUE.value, Status.DUE_SOON.value, Status.ON_TRACK.value


def category(result: MeasureResult | TaskResult) -> str:
    """The display category of a measure or task: a key of :data:`SEVERITY`."""
    status = result.status
    if status == Status.OVERDUE or status == Status.DUE_SOON:
        return _VALUE[status]
    if result.stale:
        return STALE
    return _VALUE[status]


_FAR = date.max.toordinal() + 1


def severity_key(result: MeasureResult | TaskResult) -> tuple:
    """Sort key, worst first: red before yellow before green. Overdue by days_overdue
    (most first); due_soon by next_due; stale (measures: never reported first, by their feedback
    date, then by oldest last entry; tasks: by their stalest measure); on_track by next_due;
    ongoing; done. Ties by natural id order."""
    cat = category(result)
    if cat == _OVERDUE_V:
        sub = -result.days_overdue
    elif cat == _DUE_SOON_V or cat == _ON_TRACK_V:
        sub = result.next_due.toordinal() if result.next_due is not None else _FAR
    elif cat == STALE:
        if isinstance(result, TaskResult):
            subs = [_unreported_key(m) for m in result.measures if m.stale]
            sub = min(subs) if subs else _NEVER
        else:
            sub = _unreported_key(result)
    else:
        sub = 0
    return (SEVERITY[cat], sub, id_sort_key(result.id))


_NEVER = -(10 ** 7)  # (below any date's ordinal: never reported sorts before reported)


def _unreported_key(result: MeasureResult) -> int:
    """A stale measure's place, stalest first: never reported before reported, each by the day it
    counts from (never reported: its file's feedback date; a folder's files differ)."""
    if result.last_entry is not None:  # (counted from the later of it and the feedback, as days_unreported does)
        last, began = result.last_entry, result.began
        return (last if began is None or last > began else began).toordinal()
    return _NEVER + (result.began.toordinal() if result.began is not None else 0)


def worst_first(results: Iterable[MeasureResult | TaskResult]) -> list:
    """`results` (measures or tasks) sorted worst first, see :func:`severity_key`."""
    return sorted(results, key=severity_key)


# --------------------------------------------------------------------------- units & select


def resolve_unit(units: Iterable[Unit], name: str) -> Unit | None:
    """The unit named `name` (canonical name or alias, exact after stripping whitespace).
    A canonical name wins over another unit's alias."""
    name = name.strip()
    by_alias = None
    for unit in units:
        if unit.name.strip() == name:
            return unit
        if by_alias is None and any(a.strip() == name for a in unit.aliases):
            by_alias = unit
    return by_alias


def unit_index(units: Iterable[Unit]) -> dict[str, str]:
    """name or alias -> canonical name (canonical names win over aliases)."""
    index: dict[str, str] = {}
    units = tuple(units)
    for unit in units:
        for alias in unit.aliases:
            index.setdefault(alias.strip(), unit.name)
    for unit in units:
        index[unit.name.strip()] = unit.name
    return index


_VALID_STATES = frozenset(SEVERITY)


def refuse_ambiguous_alias(units: Iterable[Unit], name: str, option: str) -> None:
    """A name that is an alias of several units (a folder's files each declaring it, for a unit
    of its own: 环境保护厅) names none of them: a UsageError naming them."""
    name = name.strip()
    if any(u.name.strip() == name for u in units):
        return  # (a unit's name names that unit, whatever another's aliases)
    meant = [u.name for u in units if name in (a.strip() for a in u.aliases)]
    if len(meant) > 1:
        from .errors import UsageError
        from .i18n import refusal

        raise refusal(UsageError, "ambiguous_alias", option=option, name=name, count=len(meant), units=meant)


def every_region_units(units: Iterable[Unit]) -> set[str]:
    """The units standing for every region at once (kind all_regions: 各地市)."""
    return {u.name for u in units if u.kind == ALL_REGIONS}


def owners_with_regions(units: Sequence[Unit]):
    """A function giving a measure's owners and, when one of them stands for every region (各地市),
    the regions of the measure's own file too: its measures fall to each of them, as filters and
    a region's urging list count them. (In a folder, the regions its file declares: Tibet's
    各地市 is no owner of Qinghai's 西宁市.)"""
    every_region = every_region_units(units)
    regions = [u for u in units if u.kind == REGION]

    def owners(measure: Measure) -> set[str]:
        names = set(measure.owners)
        if every_region.isdisjoint(names):
            return names
        return names | {u.name for u in units_of_file(regions, file_prefix(measure.id))}

    return owners


# What separates the units of a list as an office writes one (拉萨市、日喀则市; 拉萨市,日喀则市).
_UNITS_LISTED = re.compile(r"\s*[,，、;；/／]\s*|\s+")


def listed_names(name: str, known) -> list[str]:
    """The names `name` lists when it is a list of several `known` names alone (拉萨市、那曲市),
    else []."""
    parts = _UNITS_LISTED.split(name.strip())
    return parts if len(parts) > 1 and all(part in known for part in parts) else []


def refuse_listed(name: str, known, option: str) -> None:
    """`name` that is several `known` names listed (--owner 拉萨市、那曲市) is refused, saying how
    to give each: its closest single name would read as the same list turned round."""
    from .errors import UsageError
    from .i18n import LISTED_SHOWN, refusal

    parts = listed_names(name, known)
    if parts:
        repeated = " ".join(f"{option} {part}" for part in parts[:LISTED_SHOWN]) + (" …" if len(parts) > LISTED_SHOWN else "")
        key = {"--region": "listed_regions", "--task": "listed_tasks"}.get(option, "listed_units")
        raise refusal(UsageError, key, option=option,
                      name=name.strip(), count=len(parts), repeated=repeated)


def _refuse_unknown(report: StatusReport, *, owner_set, region_set, id_set, index, region_units, declared) -> None:
    """A filter naming nothing in the registry is a typo, not an empty result; a region is one a
    task names, or a unit of kind region (a department is no region: it would filter as --owner)."""
    from .errors import UsageError, close_matches, same_but_case
    from .i18n import Notice, few_of, refusal, suggested as hint, unit_suggestion
    from .ids import close_ids, in_file_misspelt, is_file_hint, tasks_range

    units = set(index.values()) | {o for tr in report.tasks for mr in tr.measures for o in mr.measure.owners}
    for owner in sorted(owner_set - units):
        if not owner:  # (--owner "", as a script passes a variable left unset: "unknown unit “”" said nothing)
            raise refusal(UsageError, "empty_unit", option="--owner")
        refuse_listed(owner, index, "--owner")
        # (the names close to it; else the units declared, as summary says them: "unknown" alone said
        # nothing of what to give)
        hint = unit_suggestion(owner, index) or (Notice("known_units", {"units": few_of(declared)}) if declared else "")
        raise refusal(UsageError, "unknown_owner", name=owner, hint=hint)
    regions = set(region_units) | {r for tr in report.tasks for r in tr.task.regions}
    for region in sorted(region_set - regions):
        refuse_listed(region, {name for name, unit in index.items() if unit in regions} | regions, "--region")
        listed = [*region_units, *sorted(regions - set(region_units))]  # (in the order declared)
        said = hint(close_matches(region, regions)) or (Notice("regions_are", {"regions": few_of(listed)}) if listed
                                                         else Notice("no_regions", {}))
        if not region:
            raise refusal(UsageError, "empty_region", hint=said)
        raise refusal(UsageError, "unknown_region", region=region, hint=said)
    ids = {tr.task.id for tr in report.tasks} | {tr.task.id.rpartition(":")[2] for tr in report.tasks}
    for task_id in sorted(id_set - ids, key=id_sort_key):
        if not task_id:
            raise refusal(UsageError, "empty_task", hint=tasks_range([tr.task.id for tr in report.tasks]))
        refuse_listed(task_id, ids, "--task")
        # (in a folder, the same task number in another file is the likeliest meaning)
        local = task_id.rpartition(":")[2]
        elsewhere = same_but_case(task_id, ids) or in_file_misspelt(task_id, ids) or [
            tr.task.id for tr in report.tasks if ":" in tr.task.id and tr.task.id.rpartition(":")[2] == local]
        # (a measure's id, 18.4, names its task: that, rather than the range of tasks)
        task_of = task_id.rpartition(".")[0]
        holding = [tr.task.id for tr in report.tasks if task_of in (tr.task.id, tr.task.id.rpartition(":")[2])]
        close = elsewhere or close_ids(task_id, [tr.task.id for tr in report.tasks]) or holding
        task_ids = [tr.task.id for tr in report.tasks]
        raise refusal(UsageError, "unknown_task", task=task_id,
                      hint=is_file_hint(task_id, task_ids) or hint(close) or tasks_range(task_ids, task_id))
    for task_id in sorted(id_set - {tr.task.id for tr in report.tasks}, key=id_sort_key):  # (18 of a folder: whose?)
        several = [tr.task.id for tr in report.tasks if tr.task.id.rpartition(":")[2] == task_id]
        if len(several) > 1:
            raise refusal(UsageError, "of_option", option="--task",
                          what=Notice("several_files", {"measure": task_id, "ids": few_of(several)}))


def filter_values(filters: dict | None, units) -> dict[str, list[str]]:
    """The filters given to `select`, kind -> values, as every report says them (in words:
    journal_text.filter_pairs; the machine formats as they are): units and regions as the plan
    (its `units`) names them (an alias is its unit, as select reads it), ids as looked up
    (model.item_key), states by name; each once, in the order given; a kind not given left out."""
    index = unit_index(units)
    named = {"owner": lambda v: index.get(v.strip(), v.strip()), "region": lambda v: index.get(v.strip(), v.strip()),
             "task": item_key, "state": lambda v: v}
    values = {}
    for kind, given in (filters or {}).items():
        names = list(dict.fromkeys(named[kind](str(getattr(v, "value", v))) for v in given or ()))
        if names:
            values[kind] = names
    return values


def named_tasks(task_ids: Iterable[str] | None, *, plan: Plan) -> tuple[str, ...]:
    """`--task` words as the plan names their tasks, for the filters a report says: "1" of a
    folder whose one file has a task 1 is xizang:1, as an alias is said by its unit's name
    (else as typed: select refuses it)."""
    ids = {task.id for task in plan.tasks}
    return tuple(named_id(item_key(str(t)), ids) or str(t) for t in task_ids or ())


def given_filters(plan: Plan, *, owners, regions, tasks, states=()) -> dict:
    """The filters a command was given, by kind, as its report says them (filter_values):
    --task words as the plan names their tasks (named_tasks); each other as given."""
    return {"owner": owners, "region": regions, "task": named_tasks(tasks, plan=plan), "state": states}


def select(
    report: StatusReport,
    *,
    states: Iterable[str] = (),
    owners: Iterable[str] = (),
    regions: Iterable[str] = (),
    task_ids: Iterable[str] = (),
    units: Sequence[Unit] = (),
) -> StatusReport:
    """A new report keeping only the matching measures, and the tasks that still have one.

    Filters of one kind are alternatives (OR); filters of different kinds must all match
    (AND); an empty filter matches everything.

    * states: a measure's status value, or "stale" for stale measures. Unknown names raise
      ValueError.
    * owners: a unit name or alias (resolved via `units`); matches measures having that unit
      among their owners.
    * regions: matches measures of a task whose `regions` include it, or measures having that
      region unit among their owners (names/aliases resolved via `units`).
    * task_ids: the task's id, or its id without the folder prefix ("18" matches "file:18" when
      one file has a task 18; of several, refused, as `show 18` is), as typed (see
      model.item_key: "１８" is "18").

    A task that keeps only some of its measures is rolled up again from those (:func:`rollup`:
    status, days_overdue, next_due), so that its light and counts agree with the measures
    shown; one that keeps them all (as the task-level filters keep them) is unchanged. A task
    without measures is kept when the task-level filters (task_ids, regions via task.regions)
    match, states match the task's own status and no owner filter is given. `latest_entry`,
    as_of etc. are unchanged.
    """
    state_set = set()
    for s in states:
        key = s.value if isinstance(s, Status) else str(s).strip().lower()
        if key not in _VALID_STATES:
            raise ValueError(f"unknown state {s!r}; expected one of {', '.join(SEVERITY)}")
        state_set.add(key)
    index = unit_index(units)

    def canon(name: str, option: str) -> str:
        refuse_ambiguous_alias(units, name, option)
        name = name.strip()
        return index.get(name, name)

    owner_set = {canon(o, "--owner") for o in owners}
    region_set = {canon(r, "--region") for r in regions}
    id_set = {item_key(str(t)) for t in task_ids}
    if not (state_set or owner_set or region_set or id_set):
        return report  # no filter: everything is kept as it is
    region_units = [u.name for u in units if u.kind in (REGION, SUBREGION)]
    _refuse_unknown(report, owner_set=owner_set, region_set=region_set, id_set=id_set, index=index,
                    region_units=[*region_units, *every_region_units(units)], declared=[u.name for u in units])
    # (a unit standing for every region, 各地市, owns its measures in each region of its file: a
    # region's office asking for its own measures, or its region's, is given those too)
    owners_of = owners_with_regions(units)
    want_stale = STALE in state_set

    kept_tasks = []
    in_scope: set[str] = set()  # (the files the scope filters leave something of, whatever the states)
    for tr in report.tasks:
        task = tr.task
        if id_set and task.id not in id_set and task.id.rpartition(":")[2] not in id_set:
            continue
        task_in_region = bool(region_set) and any(index.get(r.strip(), r.strip()) in region_set for r in task.regions)

        if not tr.measures:
            if owner_set or (region_set and not task_in_region):
                continue
            in_scope.add(file_prefix(task.id))
            if state_set and tr.status.value not in state_set:
                continue
            kept_tasks.append(tr)
            continue

        kept = []
        for mr in tr.measures:
            if owner_set or (region_set and not task_in_region):
                measure_owners = owners_of(mr.measure)  # (canonical names: the loader made them so)
                if owner_set and not (measure_owners & owner_set):
                    continue
                if region_set and not task_in_region and not (measure_owners & region_set):
                    continue
            in_scope.add(file_prefix(task.id))
            if state_set and mr.status.value not in state_set and not (want_stale and mr.stale):
                continue
            kept.append(mr)
        if kept:
            # Rolled up from the kept measures alone, so the task's light and days agree with them.
            kept_tasks.append(tr if len(kept) == len(tr.measures) else rollup(task, tuple(kept)))

    scoped = owner_set or region_set or id_set
    return replace(report, tasks=tuple(kept_tasks), files_in_scope=frozenset(in_scope) if scoped else None)
