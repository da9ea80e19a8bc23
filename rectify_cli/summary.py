"""The monthly summary (按月交账): what the month's report to the leadership has to say.

Pure: :func:`build` takes the engine's report as of the month's last day plus the registry
and returns a :class:`MonthlySummary`; ``render/summary_text.py`` turns it into text.

The headline follows the report's own three groups, judged on the month's last day D:
measures and tasks whose deadline has a calendar date on or before D ("due"), those whose last
date is after D ("later"), and those with no calendar date at all (立行立改 / 长期坚持 only,
"ongoing"). Every task and every measure is in exactly one group. 立即启动 milestones are still
judged by the engine (due on ``plan.immediate_due_of(id)``), so an immediate measure that was never
done shows up among the overdue ones and in ``measures_overdue``, as does a measure that missed a
step but whose last date is later; the headline says how many of the overdue are such
(``measures_overdue_outside_due``). One that an approved extension moved to a date has that
calendar date, and is grouped by it.

What the month's journal entries did (closed, reopened, extended) is read off the engine itself:
each such entry's measure is replayed up to it (:func:`engine.entry_steps`), so that an entry counts for what
it changed — a second ``done`` of a closed measure closes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dateutil.relativedelta import relativedelta

from . import dates, engine
from .engine import MeasureResult, Status, StatusReport
from .errors import UsageError
from .i18n import Notice, few_of, not_real_reason, refusal, unit_suggestion
from .model import CHANGES_MILESTONES, Entry, EntryState, MilestoneKind, Plan, Registry, Task
from .regions import scope_word
from .registry import shown_title

# --------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class Headline:
    """The figures of the headline sentence, as of ``as_of`` (the month's last day, or today
    while the month is not over)."""

    as_of: date
    tasks_total: int
    """Tasks with at least one measure in the summary (all tasks when not filtered by owner or region)."""
    measures_total: int
    """Measures in the summary."""
    tasks_due: int
    """Tasks whose 整改时限 has a calendar date and whose last date is on or before ``as_of``."""
    tasks_due_done: int
    """Of ``tasks_due``: tasks none of whose (shown) measures has a dated milestone still open."""
    measures_due: int
    """Measures with a calendar date whose last effective due (after approved extensions) is
    on or before ``as_of``."""
    measures_due_done: int
    """Of ``measures_due``: measures with every dated milestone closed out (MeasureResult.closed)."""
    tasks_later: int
    """Tasks whose 整改时限's last date is after ``as_of``."""
    measures_later: int
    """Measures whose last effective due is after ``as_of``."""
    tasks_ongoing: int
    """Tasks whose 整改时限 has no calendar date (立行立改 / 长期坚持 only)."""
    measures_ongoing: int
    """Measures with no calendar date (立即启动 / 长期坚持 only; an extended 立即启动 milestone has
    one, the date it was extended to)."""
    measures_overdue: int
    """Measures of any group with a dated milestone past its effective due and not closed."""
    measures_overdue_outside_due: int
    """Of ``measures_overdue``: those not in the due group (立即启动, or a step missed of a measure
    whose last date is later), which the headline names so that its numbers add up."""
    measures_stale: int
    """Ongoing measures not reported on within the reporting period (engine's ``stale``)."""
    measures_stale_dated: int = 0
    """Of ``measures_stale``: those with a calendar date, so not in the ongoing group (长期坚持 once
    their dated part was closed), which the headline names so that the stale are not read as some
    of the measures with no end date."""
    measures_due_today: int = 0
    """Of ``measures_due``: open and not overdue, so falling due on ``as_of`` itself (a deadline
    day is not late); listed in the warning section (``due_next_month``), not among the overdue.
    ``measures_due`` = ``measures_due_done`` + the overdue of the due group + these."""


@dataclass(frozen=True)
class MonthChange:
    """The headline's standing against the end of the month before (``as_of``), of the same
    measures: what a monthly report is first asked, how many were closed net and whether the
    overdue are more or fewer."""

    as_of: date  # the previous month's last day
    closed_before: int  # measures closed (MeasureResult.closed) on `as_of`, of any group
    closed: int  # the same, on the day judged
    overdue_before: int
    overdue: int
    newly_overdue: int  # overdue on the day judged, not on `as_of`


@dataclass(frozen=True)
class ClosedItem:
    """A ``done`` journal entry dated within the month that closed its measure (as the engine
    judges it, :attr:`MeasureResult.closed`: not closed just before, closed just after), or one
    step of it (``step_due``); or one of an earlier month brought back into force within the month
    (``restored``). Only closes that count as of the day judged are listed (a retracted one is
    not: 九 lists its retraction), but every such close is, one that a reopening later in the
    month undid too (``reopened``), so that 本月重新打开 never cites a close 本月销号 leaves out."""

    date: date
    measure_id: str
    text: str
    lead: str
    evidence: str | None
    milestone: date | None  # the milestone it closes, when the entry names one
    # A close of one step of a measure that stays open (its other steps pending): the step's
    # date as the plan writes it, and its label. (Listed, as a reopening that undoes it is.)
    step_due: date | None = None
    step_label: str | None = None
    reopened: date | None = None  # the reopening later in the month that undid it
    # The day within the month a retraction of the retraction voiding it made it count again
    # (:func:`_restored_on`): a close dated before the month is listed in the month it came back.
    restored: date | None = None
    # The deadline it came after (逾期销号: what it closed was due before it, as extended), as
    # `close` warns when it is written; None for a close on or before its deadline, and for one
    # dated its report's own date: the report's statement of what was done by then (the import's).
    missed: date | None = None
    # Its measure goes on as 长期坚持 (立即启动 or a date, then 长期坚持): the close is of the dated part,
    # the measure is still to be reported on (六 urges it when it is not).
    goes_on: bool = False


@dataclass(frozen=True)
class ReopenedItem:
    """A ``reopened`` journal entry dated within the month that undid a close (回头看)."""

    date: date
    measure_id: str
    text: str
    owners: tuple[str, ...]  # the lead first (Measure.lead_first)
    closed_on: date  # the close it undid; within the month, listed among the closed too
    note: str


@dataclass(frozen=True)
class OverdueItem:
    measure_id: str
    text: str
    owners: tuple[str, ...]  # the lead first
    due: date  # the earliest missed effective due
    days_overdue: int
    label: str | None = None  # of the step due then, as the warning section names it
    extended_late: bool = False  # a pending deadline moved by a late extension, as status marks it


@dataclass(frozen=True)
class DueItem:
    """A pending dated milestone falling due from the day judged to the end of the month after
    the summary's month (on the day judged: due today, not yet late)."""

    due: date
    measure_id: str
    text: str
    owners: tuple[str, ...]  # the lead first
    label: str | None


@dataclass(frozen=True)
class StaleItem:
    measure_id: str
    text: str
    owners: tuple[str, ...]  # the lead first
    last_entry: date | None  # None: never reported on
    days_since: int  # to the day judged (as_of), as the engine counts them (engine.days_unreported)
    feedback: date | None = None  # never reported on: its plan's feedback date, which days_since counts from


@dataclass(frozen=True)
class ExtensionItem:
    """An ``extended`` journal entry dated within the month."""

    date: date
    measure_id: str
    from_due: date | None  # the due it moved (effective due just before this extension)
    to: date
    approved_by: str | None
    late: bool
    reason: str | None
    far_future: bool = False  # the new date more than FAR_YEARS on, confirmed (extend --far-future)


@dataclass(frozen=True)
class BackfilledItem:
    """An entry written within the month (``recorded``) but dated in an earlier month: it changed
    the summaries of those months, perhaps already filed."""

    recorded: date
    date: date
    measure_id: str
    state: EntryState
    late_days: int | None = None  # a close after its deadline: by how many days, as 二 says it
    late_request: bool = False  # an extension requested after the deadline it moves, as 七 marks it


@dataclass(frozen=True)
class RetractionItem:
    """A retraction (撤回误录) dated within the month: the entry it voids counts as never written
    from that day on (a close retracted within its own month is not listed among the closed); a
    retraction it voids no longer counts, and the entry that one voided counts again."""

    date: date
    measure_id: str
    state: EntryState  # the entry it voids: its state, date and the step a close names
    target_date: date
    milestone: date | None
    note: str  # why that entry was wrong
    by: str | None


@dataclass(frozen=True)
class UnitRow:
    """One line of the urging list (督办清单). A measure counts for every one of its owners, and one
    of a unit of every region (各地市) for each region of its file too."""

    unit: str
    open: int  # measures with a dated milestone still open (overdue, due soon or on track)
    overdue: int
    due_soon: int
    stale: int  # ongoing measures not reported on within the reporting period


@dataclass(frozen=True)
class MonthlySummary:
    title: str | Notice  # (registry.shown_title)
    first: date
    last: date
    as_of: date  # the day everything is judged on: `last`, or today while the month is not over
    next_first: date  # the warning window (due_next_month): the day judged when something falls
    next_last: date  # due on it, else the day after; to the end of the month after the summary's
    warn_days: int
    report_period_days: int
    owners: tuple[str, ...]  # canonical names of the --owner units; () = all units
    headline: Headline
    closed: tuple[ClosedItem, ...]
    reopened: tuple[ReopenedItem, ...]
    overdue: tuple[OverdueItem, ...]
    due_next_month: tuple[DueItem, ...]
    stale: tuple[StaleItem, ...]
    extensions: tuple[ExtensionItem, ...]
    units: tuple[UnitRow, ...]  # units with something open or stale, most overdue first
    units_quiet: tuple[str, ...]  # the other responsible units in the summary: nothing open, nothing stale
    head_hash: str | None  # hash of the last journal entry dated <= last; None: none / no hash
    # A registry of several journals (a folder): (journal file, as `verify` names it; its
    # head_hash) for each, in `verify`'s order, and head_hash is None. (): one journal.
    journal_heads: tuple[tuple[str, str | None], ...] = ()
    scope: str = ""  # the headline's word for all of the territory (全区, 全省: regions.scope_word), or none
    # Of each head (journal_heads' order; one journal: its head_hash), how many entries dated
    # after the month it covers all the same: written before an entry back-dated into the month
    # or earlier, which the chain puts after them (:func:`_later_covered`).
    heads_cover_later: tuple[int, ...] = ()
    backfilled: tuple[BackfilledItem, ...] = ()  # written this month, dated before it
    # A folder's plan files whose journal went a reporting period without an entry, stalest first
    # (engine.stale_files; of every file the owners or regions asked for have measures in).
    quiet_files: tuple[engine.FileStanding, ...] = ()
    unbegun_files: tuple[engine.FileStanding, ...] = ()  # (engine.unbegun_files: their own feedback later)
    retractions: tuple[RetractionItem, ...] = ()  # dated this month
    # The day the ledger's journal was last written to by the day judged (engine.last_update;
    # None: no entry), of every file, whatever the owners: the overview warns when it is a
    # reporting period old, as status does.
    last_update: date | None = None
    feedback: date | None = None  # the inspection's feedback (of a folder: its files' earliest)
    regions: tuple[str, ...] = ()  # the --region regions, canonical names as typed in order; () = all
    tasks: tuple[str, ...] = ()  # the --task tasks, as the plan names them (engine.named_tasks), in order; () = all
    # Against the previous month's end; None when the plan had not begun then (its feedback later).
    change: MonthChange | None = None
    made: date | None = None  # the day the summary was made, today (None: a day after the month)
    # Of `change`: the entries written this month, dated before it, that changed its figures of the
    # previous month's end (that month's summary, sent before them, gave others: said in the sentence).
    change_backfilled: int = 0
    # Of its newly overdue: those back overdue as a close or extension was retracted this month, their
    # deadline missed before it (no date passed this month: the sentence says why they are new).
    newly_overdue_retracted: tuple[str, ...] = ()

    @property
    def month_not_over(self) -> bool:
        """Whether the month was not over when the summary was made: judged before its last day,
        or on it (entries may still be recorded that day)."""
        return self.as_of < self.last or (self.made is not None and self.made <= self.last)


# --------------------------------------------------------------------------- figures


def _calendar_dates(milestones) -> list[date]:
    return [m.due for m in milestones if m.kind is MilestoneKind.DATE and m.due is not None]


def _measure_last_due(mr: MeasureResult) -> date | None:
    """Latest effective due of the measure's milestones with a calendar date: its dated ones, and
    a 立即启动 one that an extension moved to a date (None: it has none)."""
    dues = [ms.due for ms in mr.milestones
            if ms.due is not None and (ms.kind is MilestoneKind.DATE or ms.extended)]
    return max(dues) if dues else None


def _headline(report: StatusReport, as_of: date, *, by_measures: bool = False) -> Headline:
    """`by_measures`: a task is due when its shown measures are (a unit's or a region's summary:
    its own measures of the task, as `status --owner` rolls them up), not by the task's own deadline;
    a task shown whole (a region's own, or a unit's every measure) is that task, judged by its own
    deadline as the whole report judges it (else one overdue could read 尚未到期 by a later step)."""
    tasks_due = tasks_due_done = tasks_later = tasks_ongoing = 0
    for tr in report.tasks:
        if by_measures and len(tr.measures) < len(tr.task.measures):
            dates = [due for due in map(_measure_last_due, tr.measures) if due is not None]
        else:
            dates = _calendar_dates(tr.task.deadline.milestones)
        if not dates:
            tasks_ongoing += 1
        elif max(dates) <= as_of:
            tasks_due += 1
            tasks_due_done += tr.closed
        else:
            tasks_later += 1

    measures = list(report.measures())
    measures_due = measures_due_done = measures_later = measures_ongoing = overdue_outside_due = due_today = 0
    stale_dated = 0
    for mr in measures:
        last_due = _measure_last_due(mr)
        if last_due is None:
            measures_ongoing += 1
        elif last_due <= as_of:
            measures_due += 1
            measures_due_done += mr.closed
            due_today += not mr.closed and mr.status is not Status.OVERDUE  # (its last due is as_of itself)
        else:
            measures_later += 1
        overdue_outside_due += mr.status is Status.OVERDUE and not (last_due is not None and last_due <= as_of)
        stale_dated += mr.stale and last_due is not None

    return Headline(
        as_of=as_of,
        tasks_total=len(report.tasks),
        measures_total=len(measures),
        tasks_due=tasks_due,
        tasks_due_done=tasks_due_done,
        measures_due=measures_due,
        measures_due_done=measures_due_done,
        tasks_later=tasks_later,
        measures_later=measures_later,
        tasks_ongoing=tasks_ongoing,
        measures_ongoing=measures_ongoing,
        measures_overdue=sum(1 for mr in measures if mr.status is Status.OVERDUE),
        measures_overdue_outside_due=overdue_outside_due,
        measures_stale=sum(1 for mr in measures if mr.stale),
        measures_due_today=due_today,
        measures_stale_dated=stale_dated,
    )


# --------------------------------------------------------------------------- sections


def _in_month(day: date, first: date, last: date) -> bool:
    return first <= day <= last


def _overdue(measures: list[MeasureResult]) -> tuple[OverdueItem, ...]:
    return tuple(
        OverdueItem(mr.id, mr.measure.text, mr.measure.lead_first, mr.next_due, mr.days_overdue, _missed_label(mr),
                    mr.extended_late)
        for mr in engine.worst_first(mr for mr in measures if mr.status is Status.OVERDUE)
    )


def _missed_label(mr: MeasureResult) -> str | None:
    """The label of the overdue measure's earliest missed step (30.2: 5A级、4A级景区), if it has one."""
    return next((ms.label for ms in mr.milestones if not ms.done and ms.due == mr.next_due), None)


def _due_next_month(measures: list[MeasureResult], first: date, last: date) -> tuple[DueItem, ...]:
    items = [
        DueItem(ms.due, mr.id, mr.measure.text, mr.measure.lead_first, ms.label)
        for mr in measures
        for ms in mr.milestones
        if ms.due is not None and not ms.done and _in_month(ms.due, first, last)
    ]
    items.sort(key=lambda i: (i.due, engine.id_sort_key(i.measure_id)))
    return tuple(items)


def _stale(plan: Plan, measures: list[MeasureResult], as_of: date) -> tuple[StaleItem, ...]:
    return tuple(_stale_item(mr, plan.meta_of(mr.id).feedback_date, as_of)
                 for mr in engine.worst_first(mr for mr in measures if mr.stale))


def _stale_item(mr: MeasureResult, feedback: date, as_of: date) -> StaleItem:
    return StaleItem(mr.id, mr.measure.text, mr.measure.lead_first, mr.last_entry,
                     engine.days_unreported(mr.last_entry, feedback, as_of), feedback if mr.last_entry is None else None)




def _marks(mr: MeasureResult) -> tuple[bool, ...]:
    """Which of its milestones are done (only dated and immediate ones can be)."""
    return tuple(ms.done for ms in mr.milestones)


def _moved_from(before: MeasureResult, after: MeasureResult, extension: Entry) -> date | None:
    """The effective due an extension moved, judged just before it: read off the engine's
    states before and after it, so that it is the milestone the engine moved (an unnamed
    extension moves the earliest step not closed by a done naming it: after a blanket close,
    not `before.next_due`, which is None)."""
    moved = [b.due for b, a in zip(before.milestones, after.milestones) if b.due != a.due]
    if moved:
        return min(moved)
    # (it moved nothing the engine keeps: what it meant to move, as far as it can be told)
    if extension.milestone is None:
        return before.next_due  # an unnamed extension moves the earliest pending milestone
    for ms in before.milestones:
        if ms.original_due == extension.milestone:
            return ms.due
    return extension.milestone


def _undone_on(later_steps, still_closed) -> date | None:
    """The date of the first of `later_steps` (:func:`engine.entry_steps`) after which a close no longer
    holds (`still_closed` of the state after it is false): a reopening, the one entry that
    marks a milestone not done; None when it holds to the end."""
    return next((e.date for e, _, after in later_steps if not still_closed(after)), None)


def _restored_on(mr: MeasureResult, first: date, last: date) -> dict[str, date]:
    """The day within [first, last] each entry that counts again from then was restored on, by its
    hash: a retraction dated then voided the retraction that voided it (engine's rule)."""
    if mr.written is mr.entries:
        return {}  # (no retraction)
    named = engine.retracted_entries(mr.written)
    restored = {}
    for voided, retraction in engine.retractions(mr.written).items():
        undone = named.get(voided)
        if undone is not None and undone.state is EntryState.RETRACTED and _in_month(retraction.date, first, last):
            restored[undone.retracts] = retraction.date
    return restored


def _month_entries(plan: Plan, measures: list[MeasureResult], first: date, last: date) \
        -> tuple[tuple[ClosedItem, ...], tuple[ReopenedItem, ...], tuple[ExtensionItem, ...]]:
    """What the month's entries did: the closes (with the reopening that undid one, if any), the
    reopenings that undid a close, the extensions granted; each sorted by date, then measure."""
    closed: list[ClosedItem] = []
    reopened: list[ReopenedItem] = []
    extensions: list[ExtensionItem] = []
    task_of: dict[int, Task] | None = None  # (by id(): built once, only when something is replayed)
    for mr in measures:
        restored_on = _restored_on(mr, first, last)
        if not restored_on and not any(e.state in CHANGES_MILESTONES and _in_month(e.date, first, last)
                                       for e in mr.entries):
            continue
        if task_of is None:
            task_of = {id(m): t for t in plan.tasks for m in t.measures}
        steps = engine.entry_steps(plan, task_of[id(mr.measure)], mr)
        reported = plan.meta_of(mr.id).report_date
        last_close: date | None = None  # the latest done entry that marked a milestone done
        for n, (e, before, after) in enumerate(steps):
            in_month = _in_month(e.date, first, last)
            if e.state is EntryState.DONE:
                if _marks(after) != _marks(before):
                    last_close = e.date
                restored = restored_on.get(e.hash)
                if not in_month and restored is None:
                    continue
                # It closed the measure (steps after it: all in the month, up to the day judged),
                settled = _settled(before, after)
                if settled is None or settled[1] is not None and after.closed:
                    continue
                due, step = settled
                if step is None:
                    undone, step_fields = _undone_on(steps[n + 1:], lambda later: later.closed), {}
                else:  # or a step of one that stays open.
                    undone = _undone_on(steps[n + 1:], lambda later, i=step: later.milestones[i].done)
                    step_fields = {"step_due": after.milestones[step].original_due,
                                   "step_label": after.milestones[step].label}
                # (one undone before it was restored never came back)
                if in_month or undone is None or undone >= restored:
                    closed.append(ClosedItem(e.date, mr.id, mr.measure.text, mr.measure.lead, e.evidence,
                                             e.milestone, reopened=undone, restored=restored,
                                             missed=engine.missed_deadline(due, e.date, reported),
                                             goes_on=step is None and any(ms.kind is MilestoneKind.ONGOING
                                                                          for ms in mr.measure.milestones),
                                             **step_fields))
            elif in_month and e.state is EntryState.REOPENED and any(_marks(before)):  # (else it undid nothing)
                reopened.append(ReopenedItem(e.date, mr.id, mr.measure.text, mr.measure.lead_first, last_close, e.note))
            elif in_month and e.state is EntryState.EXTENDED and e.to is not None:
                # (its late flag is what its dates say: the loader refuses one they contradict)
                extensions.append(ExtensionItem(e.date, mr.id, _moved_from(before, after, e), e.to, e.approved_by,
                                                e.late, e.reason, e.far_future))

    def by_day(items):
        return tuple(sorted(items, key=lambda i: (i.date, engine.id_sort_key(i.measure_id))))

    return by_day(closed), by_day(reopened), by_day(extensions)


_OPEN = (Status.OVERDUE, Status.DUE_SOON, Status.ON_TRACK)


def _units(plan: Plan, measures: list[MeasureResult], only: tuple[str, ...], regions: tuple[str, ...] = ()) \
        -> tuple[tuple[UnitRow, ...], tuple[str, ...]]:
    """Rows for units with something open or stale, and the other units, left out (in order).
    `regions`: a region's report, where 各地市's measures fall to those regions alone (the other
    regions' shares are the same measures, urged in their own reports).

    Units in the plan's order (unknown owners after them, in order of appearance); sorted by
    overdue, then due soon, then open, then stale, most first; ties keep that order."""
    order: dict[str, int] = {u.name: i for i, u in enumerate(plan.units)}
    counts: dict[str, list[int]] = {}
    # (a region owns its share of every region's measures, 各地市's, as engine.select gives them
    # to its own summary: the whole report's row for it says the same)
    owners_of, every_region = engine.owners_with_regions(plan.units), engine.every_region_units(plan.units)
    overdue, due_soon = Status.OVERDUE, Status.DUE_SOON
    for mr in measures:
        owners = mr.measure.owners
        if not every_region.isdisjoint(owners):  # (few measures: sets for those alone)
            shares = owners_of(mr.measure) - set(owners)
            owners = [*owners, *sorted(shares & set(regions) if regions else shares)]
        status, stale = mr.status, mr.stale
        is_open, is_overdue, is_due_soon = status in _OPEN, status is overdue, status is due_soon
        for owner in owners:
            if only and owner not in only:
                continue
            c = counts.get(owner)
            if c is None:
                order.setdefault(owner, len(order))
                c = counts[owner] = [0, 0, 0, 0]
            c[0] += is_open
            c[1] += is_overdue
            c[2] += is_due_soon
            c[3] += stale
    rows = [UnitRow(name, *c) for name, c in counts.items() if c[0] or c[3]]
    rows.sort(key=lambda r: (-r.overdue, -r.due_soon, -r.open, -r.stale, order[r.unit]))
    quiet = sorted((name for name, c in counts.items() if not (c[0] or c[3])), key=order.__getitem__)
    return tuple(rows), tuple(quiet)


def _change(registry: Registry, report: StatusReport, first: date, last: date, owners: tuple[str, ...],
            regions: tuple[str, ...]) -> tuple[MonthChange | None, int, tuple[str, ...]]:
    """`report`'s closed and overdue measures against the same measures' on the day before
    `first`, judged on the same journal (the engine leaves out the entries dated after it); None
    when that day is before the feedback (of a folder: its earliest), when no plan ran yet.
    With it: how many entries written in [first, last] and dated before `first` changed those
    figures of that day (last month's summary, sent before them, gave others), and the newly
    overdue whose deadline was missed before that day, back overdue as a close or extension of
    theirs was retracted this month (no date passed: 九 lists the retraction)."""
    plan = registry.plan
    if first <= plan.meta.feedback_date:
        return None, 0, ()
    as_of = first - relativedelta(days=1)
    measures = list(report.measures())  # (owners and regions select the same measures on any day)

    def evaluated(ids: set[str], journal) -> dict[str, MeasureResult]:
        if not ids:
            return {}
        tasks = tuple(replace(task, measures=kept) for task in plan.tasks
                      if (kept := tuple(m for m in task.measures if m.id in ids)))
        before = engine.evaluate(plan=replace(plan, tasks=tasks), journal=journal, as_of=as_of,
                                 warn_days=report.warn_days, report_period_days=report.report_period_days)
        return {mr.id: mr for mr in before.measures()}

    # A measure with no entry after `as_of` stood then as it stands now, but for its pending
    # deadline, judged on that day (engine.outcome_of's rule): only the others are evaluated
    # again (evaluating them all took 1 s of a 100,000-measure summary).
    again = evaluated({mr.id for mr in measures if mr.written and max(e.date for e in mr.written) > as_of},
                      registry.journal)

    def then(mr: MeasureResult, again: dict[str, MeasureResult]) -> tuple[bool, bool]:
        was = again.get(mr.id)
        if was is None:  # (overdue: its earliest pending deadline before that day; the day itself is not late)
            return mr.closed, mr.next_due is not None and mr.next_due < as_of
        return was.closed, was.status is Status.OVERDUE

    closed_before = overdue_before = 0
    newly = []
    for mr in measures:
        was_closed, was_overdue = then(mr, again)
        closed_before += was_closed
        overdue_before += was_overdue
        if mr.status is Status.OVERDUE and not was_overdue:
            newly.append(mr)
    change = MonthChange(as_of=as_of, closed_before=closed_before, closed=sum(mr.closed for mr in measures),
                         overdue_before=overdue_before, overdue=sum(mr.status is Status.OVERDUE for mr in measures),
                         newly_overdue=len(newly))

    def back_dated(e: Entry) -> bool:
        return e.recorded is not None and first <= e.recorded <= last and e.date < first

    late = {mr.id: n for mr in measures if (n := sum(map(back_dated, mr.written)))}
    without = evaluated(set(late), [e for e in registry.journal if not back_dated(e)]) if late else {}
    backfilled = sum(n for mr in measures if (n := late.get(mr.id)) and then(mr, again) != then(mr, without))
    again_overdue = tuple(
        mr.id for mr in newly if mr.next_due is not None and mr.next_due < as_of
        and any(t.state in (EntryState.DONE, EntryState.EXTENDED) for t in _retracted_this_month(mr, first, last)))
    return change, backfilled, again_overdue


def _retracted_this_month(mr: MeasureResult, first: date, last: date) -> list[Entry]:
    """The entries of `mr` its retractions dated in [first, last] void."""
    named = engine.retracted_entries(mr.written)
    return [named[e.retracts] for e in mr.written
            if e.state is EntryState.RETRACTED and _in_month(e.date, first, last) and e.retracts in named]


def _head_hash(journal: tuple[Entry, ...], last: date) -> str | None:
    """The ``hash`` of the last entry (in journal order) dated on or before ``last``."""
    for e in reversed(journal):
        if e.date <= last:
            return e.hash or None
    return None


def _backfilled(plan: Plan, measures: list[MeasureResult], first: date, last: date) -> tuple[BackfilledItem, ...]:
    """The summary's measures' entries written in [first, last] and dated before `first`; of a close
    after its deadline, how late, and of an extension, whether requested late (its own month's
    summary, already sent, never listed it)."""
    task_of: dict[int, Task] | None = None  # (by id(): built once, only when a close was back-dated)
    items = []
    for mr in measures:
        for e in mr.written:
            if e.recorded is None or not first <= e.recorded <= last or e.date >= first:
                continue
            late = None
            if e.state is EntryState.DONE:
                if task_of is None:
                    task_of = {id(m): t for t in plan.tasks for m in t.measures}
                late = _late_days(plan, task_of[id(mr.measure)], mr, e)
            items.append(BackfilledItem(e.recorded, e.date, mr.id, e.state, late,
                                        e.state is EntryState.EXTENDED and e.late))
    return tuple(sorted(items, key=lambda i: (i.recorded, i.date, engine.id_sort_key(i.measure_id))))


def _late_days(plan: Plan, task: Task, mr: MeasureResult, close: Entry) -> int | None:
    """Days `close` came after the deadline it settled, judged as _month_entries judges a close
    (None: on time, retracted, or settling nothing)."""
    for e, before, after in engine.entry_steps(plan, task, mr):
        if e is not close:
            continue
        settled = _settled(before, after)
        missed = None if settled is None else engine.missed_deadline(settled[0], e.date, plan.meta_of(mr.id).report_date)
        return None if missed is None else (e.date - missed).days
    return None


def _settled(before, after) -> tuple[date | None, int | None] | None:
    """What a close settled, replayed from the measure's state `before` and `after` it: (its
    earliest pending deadline, as `close` judges it, None) where it closed the measure; (the step's
    deadline, the step's index) where it marked a step done; None where it marked nothing done."""
    if not before.closed and after.closed:
        return before.next_due, None
    step = next((i for i, (b, a) in enumerate(zip(before.milestones, after.milestones)) if a.done and not b.done), None)
    return None if step is None else (before.milestones[step].due, step)


def _retractions(measures: list[MeasureResult], first: date, last: date) -> tuple[RetractionItem, ...]:
    """The summary's measures' retractions dated in [first, last], with the entries they retract."""
    items = []
    for mr in measures:
        if mr.written is mr.entries:
            continue  # (no retraction: nothing voided)
        named = engine.retracted_entries(mr.written)
        for e in mr.written:
            target = named.get(e.retracts) if e.state is EntryState.RETRACTED else None
            if target is not None and _in_month(e.date, first, last):
                items.append(RetractionItem(e.date, mr.id, target.state, target.date, target.milestone, e.note, e.by))
    return tuple(sorted(items, key=lambda i: (i.date, engine.id_sort_key(i.measure_id))))


def _later_covered(journal: tuple[Entry, ...] | list[Entry], last: date) -> int:
    """How many entries dated after ``last`` come before the :func:`_head_hash` entry in journal
    order: a chain's head vouches for every entry before it, and a month's head is the last
    entry dated in or before it, which a back-dated entry puts after later months' entries."""
    head = next((n for n in range(len(journal) - 1, -1, -1) if journal[n].date <= last), None)
    return 0 if head is None else sum(1 for e in journal[:head] if e.date > last)


def _journals(registry: Registry) -> dict[str, list[Entry]]:
    """Each journal file's entries, in `verify`'s order of the files, of a registry with several;
    {} for one. Each journal is a chain of its own: one head can't vouch for the others."""
    files = registry.journal_files
    if len(files) < 2:
        return {}
    own: dict[str, list[Entry]] = {file: [] for file in files}
    for e in registry.journal:  # (the loader names each entry's journal as journal_files does)
        if e.location is not None and e.location.file in own:
            own[e.location.file].append(e)
    return own


def _owner_names(plan: Plan, owners: tuple[str, ...]) -> tuple[str, ...]:
    names = []
    for given in owners:
        if not given.strip():  # (as status and check refuse it)
            raise refusal(UsageError, "empty_unit", option="--owner")
        engine.refuse_ambiguous_alias(plan.units, given, "--owner")  # (as status and check refuse it)
        unit = engine.resolve_unit(plan.units, given)
        if unit is None:  # (the names close to it, as status and check say them; else them all)
            engine.refuse_listed(given, engine.unit_index(plan.units), "--owner")
            close = unit_suggestion(given, engine.unit_index(plan.units))
            raise refusal(UsageError, "unknown_owner", name=given,
                          hint=close or Notice("known_units", {"units": few_of([u.name for u in plan.units])}))
        if unit.name not in names:
            names.append(unit.name)
    return tuple(names)


# --------------------------------------------------------------------------- build


def period(month: str | None, *, today: date, feedback: date) -> tuple[date, date]:
    """(first, last day) of the month to report on: `month` as typed (2019-03, 2019年3月), or
    last month; refused (UsageError) when it has not begun or ended before the feedback."""
    try:
        first, last = dates.parse_month(month) if month is not None else dates.previous_month(today)
    except dates.DateFormatError as exc:
        written = dates.month_without_year(month) if month is not None else None
        if written is not None:  # (3月: which year is not guessed, as typed_date says of a day without it)
            raise refusal(UsageError, "date_no_year", option="--month", text=month, written=written) from None
        raise refusal(UsageError, _month_refused(month, exc), text=month, detail=str(exc),
                      why=not_real_reason(exc.detail)) from None
    # (the month named as the user gave it, or as the default it is: never "--month: None")
    which = (Notice("month_given", {"month": month}) if month is not None
             else Notice("month_default", {"month": first.isoformat()[:7]}))
    if first > today:
        raise refusal(UsageError, "month_not_begun", which=which, today=today.isoformat())
    if last < feedback:
        # (by default in the month of the feedback: the month under way is the one to report on)
        hint = (Notice("month_this_month", {"month": today.isoformat()[:7]}) if month is None and feedback <= today
                else "")
        raise refusal(UsageError, "month_before_feedback", which=which, feedback=feedback.isoformat(), hint=hint)
    return first, last


def _month_refused(month: str, exc: dates.DateFormatError) -> str:
    """The refusal's key for a --month that does not read (dates.parse_month's error)."""
    if exc.kind == "not_real":
        return "month_not_real"
    try:  # (the calendar's last month, 9999-12, has no following month to report on)
        if (dates.parse_user_date(month, month_start=True), dates.parse_user_date(month)) == (date.max.replace(day=1),
                                                                                          date.max):
            return "month_calendar_end"
    except dates.DateFormatError:
        pass
    return "month_unreadable"


def build(
    report: StatusReport,
    *,
    registry: Registry,
    first: date,
    last: date,
    owners: tuple[str, ...] = (),
    regions: tuple[str, ...] = (),
    tasks: tuple[str, ...] = (),
    today: date | None = None,
) -> MonthlySummary:
    """The month [first, last] summarised from `report`: the engine's report as of `last`, or
    as of today while the month is not over.

    `owners`: unit names or aliases; when given every section keeps only measures one of them
    owns (unknown names raise UsageError).
    `regions`: region names or aliases; when given every section keeps only the measures
    `status --region` keeps (engine.select's rule; unknown names refused as it refuses them).
    `tasks`: task ids as `status --task` takes them, kept and refused as it does (engine.select).
    `today`: the day it is made, in the registry's time zone (MonthlySummary.month_not_over).
    """
    plan = registry.plan
    names = _owner_names(plan, tuple(owners))
    if names or regions or tasks:
        report = engine.select(report, owners=names, regions=regions, task_ids=tasks, units=plan.units)
    index = engine.unit_index(plan.units)  # (an alias is the region it names, as select reads it)
    region_names = tuple(dict.fromkeys(index.get(r.strip(), r.strip()) for r in regions))
    measures = list(report.measures())
    # Due next month, and what falls due from the day judged to the month's end: not overdue on
    # that day (a deadline day is not late), so it must still be warned of. The window starts on
    # the day judged only when something falls due on it, so that a month judged at its end
    # keeps the heading "下月" when nothing does.
    judged = min(report.as_of, last)
    next_last = last + relativedelta(days=1) + relativedelta(day=31)
    due = _due_next_month(measures, judged, next_last)
    next_first = judged if due and due[0].due == judged else judged + relativedelta(days=1)
    unit_rows, quiet = _units(plan, measures, names, region_names)
    closed, reopened, extensions = _month_entries(plan, measures, first, last)
    journals = _journals(registry)
    heads = tuple((file, _head_hash(tuple(entries), last)) for file, entries in journals.items())
    metas = tuple(meta for _, _, meta in plan.parts) or (plan.meta,)
    change, change_backfilled, newly_overdue_retracted = _change(registry, report, first, last, names, regions)
    return MonthlySummary(
        title=shown_title(plan),
        first=first,
        last=last,
        as_of=report.as_of,
        next_first=next_first,
        next_last=next_last,
        warn_days=report.warn_days,
        report_period_days=report.report_period_days,
        owners=names,
        regions=region_names,
        tasks=tuple(dict.fromkeys(engine.named_tasks(tasks, plan=plan))),
        headline=_headline(report, report.as_of, by_measures=bool(names or regions)),
        closed=closed,
        reopened=reopened,
        overdue=_overdue(measures),
        due_next_month=due,
        stale=_stale(plan, measures, report.as_of),
        extensions=extensions,
        units=unit_rows,
        units_quiet=quiet,
        head_hash=None if heads else _head_hash(registry.journal, last),
        journal_heads=heads,
        scope=scope_word([meta.issuer for meta in metas], [meta.title for meta in metas]),
        heads_cover_later=tuple(_later_covered(entries, last) for entries in journals.values()) if journals
        else (_later_covered(registry.journal, last),),
        backfilled=_backfilled(plan, measures, first, last),
        quiet_files=tuple(engine.stale_files(report)),
        unbegun_files=tuple(engine.unbegun_files(report)),
        retractions=_retractions(measures, first, last),
        last_update=report.last_update,
        feedback=plan.meta.feedback_date,
        change=change,
        change_backfilled=change_backfilled,
        newly_overdue_retracted=newly_overdue_retracted,
        made=today,
    )
