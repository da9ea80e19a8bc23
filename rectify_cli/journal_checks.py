"""The checks of a journal's entries against the rest of the registry (`JournalContext`): each
entry's measure and units against the plan, its dates against the inspection's feedback and
today, and each measure's history replayed as the engine replays it (a second close, a
reopening of what is not closed, an extension that moves nothing or brings a deadline forward,
a retraction of no entry it may void). What the writing commands refuse is refused on load too,
for entries written by hand or merged in from another branch.

Apart from the checks of each file's data on its own (validation.py), whose results are
cached: these depend on the plan and on today, so they run on every load, on cached rows too, but
those of a journal whose stored outcomes vouch for them (outcomes.checked_before).
"""
from __future__ import annotations

import operator
from datetime import date

from .dates import years_after
from .engine import voided_hashes
from .i18n import Notice, suggested, unit_suggestion
from .ids import close_ids
from .model import (CHANGES_MILESTONES, Entry, EntryState, Location, Milestone, MilestoneKind, Plan, Unit, ids_in_files,
                    maker, units_of_file)
from .textsafe import shell_word
from .validation import shown_value


# An extension's new date more than this many years after the deadline it moves is likely a
# mistyped year, never overdue after: refused unless `extend --far-future`, warned of on load.
FAR_YEARS = 10


def late_extension(requested: date, *, deadline: date) -> bool:
    """Whether an extension requested on `requested` comes after the deadline it moves (a
    deadline day is not late): what its `late` flag must say."""
    return requested > deadline


def _other_files_measure(mid: str, prefix: str) -> Notice:
    """The measure `mid` of another file than `prefix`'s, whose journal records it."""
    return Notice("other_files_measure", {"measure": mid, "other": mid.partition(":")[0], "own": prefix[:-1],
                                          "command_id": shell_word(mid)})  # (as a shell reads it: "na qu:4.1")


def units_named_in_file(units: tuple[Unit, ...], declared: dict[str, tuple[Unit, ...]], prefix: str) -> dict[str, str]:
    """The unit (its name) each name a journal's `by:` / `approved_by:` may give names, as read
    and as written (--by, --approved-by). Of one file, every unit's name and aliases. Of a
    folder's file (`prefix`, "naqu:"), among the units it declares (`units`: the folder's, with
    the aliases every file gives them; `declared`: each file's own, by prefix): a unit's name
    names it; then an alias the file declares itself; then one another file gives a single one
    of them (one it gives two names neither)."""
    if not prefix:
        return {name: u.name for u in units for name in (u.name, *u.aliases)}
    shared, own = units_of_file(units, prefix), declared.get(prefix, ())
    given: dict[str, set[str]] = {}
    for unit in shared:
        for alias in unit.aliases:
            given.setdefault(alias, set()).add(unit.name)
    names = {alias: next(iter(named)) for alias, named in given.items() if len(named) == 1}
    names.update((alias, unit.name) for unit in own for alias in unit.aliases)
    names.update((unit.name, unit.name) for unit in shared)
    return names


def _measure_of(written: str, prefix: str, measure_ids) -> tuple[str, Notice | None]:
    """JournalContext.measure_of, the plan's ids being `measure_ids`."""
    mid = written  # (as written in the file: quoted so when it names no measure)
    if prefix and ":" not in mid:
        mid = prefix + mid
    elif prefix and not mid.startswith(prefix) and mid in measure_ids:
        # (its history would be split across two journals, each checked alone)
        return mid, _other_files_measure(mid, prefix)
    if mid not in measure_ids:
        # (another file's measure written without its file, as a journal split by hand has it)
        elsewhere = ids_in_files(mid[len(prefix):], measure_ids) if prefix and mid.startswith(prefix) else ()
        # (１.１ or 01.1, which the command line reads as 1.1: named by close_ids, not taken)
        return mid, (_other_files_measure(elsewhere[0], prefix) if len(elsewhere) == 1 else
                     Notice("no_measure", {"measure": written, "hint": suggested(close_ids(mid, measure_ids))}))
    return mid, None


class IdsKnown:
    """The measure ids of a plan some of whose files have problems (no Plan is made), as far as
    they were read: a journal entry's measure is judged against them only where the whole plan's
    answer is sure, every id the judgement looks up known to be there or not (its task read whole,
    or no task of that number in a file whose every task's id was read); else nothing is said,
    until the plan is fixed. `files`: by each plan file's prefix, (the measures' ids of each task
    whose id was read, None when they can't all be read; whether every task's id was), or None
    for a file not read so far (validation.IdsRead). The ids close to one not there, suggested,
    are among those read."""

    def __init__(self, files: dict[str, tuple[dict[str, tuple[str, ...] | None], bool] | None]):
        self.files = files
        self.measure_ids = dict.fromkeys(mid for read in files.values() if read is not None
                                         for ids in read[0].values() if ids for mid in ids)

    def _has(self, mid: str) -> bool | None:
        """Whether the plan has the measure `mid`; None when that is not known."""
        prefix = next((p for p in self.files if mid.startswith(p)), None)  # (one file's: "")
        if prefix is None:  # (no file's id)
            return False
        read = self.files[prefix]
        if read is None:
            return None
        if mid in self.measure_ids:
            return True
        tasks, every_task = read
        task = mid.rpartition(".")[0]
        if task in tasks:
            return False if tasks[task] is not None else None
        return False if every_task else None

    def measure_of(self, written: str, prefix: str) -> tuple[str, Notice | None]:
        """As JournalContext.measure_of, but None for what is wrong where that is not known."""
        mid = prefix + written if prefix and ":" not in written else written
        looked_up = [mid]
        if prefix and mid.startswith(prefix):  # (the same measure in each other file: see _measure_of)
            looked_up += [other + mid[len(prefix):] for other in self.files if other != prefix]
        if any(self._has(i) is None for i in looked_up):
            return mid, None
        return _measure_of(written, prefix, self.measure_ids)


class JournalContext:
    """What journal rows are checked against on every load: the plan's ids and units, today."""

    def __init__(self, plan: Plan, today: date, declared: dict[str, tuple[Unit, ...]] | None = None):
        self.plan = plan
        # (a folder's: the units each file declares itself, by its prefix, with its own aliases)
        self.declared = declared or {}
        self.measure_ids = {m.id: m for m in plan.measures()}  # ordered: suggestions stay stable
        self.today = today
        # (by id() of a milestones tuple, which measures share: see _steps_of)
        self._steps: dict[int, tuple[tuple[date | None, ...], bool, bool]] = {}
        # (of a milestones tuple with an immediate step, by its id() and the measure's immediate due)
        self._deadlines: dict[tuple[int, date], tuple[date, ...]] = {}
        self._dues: dict[str, tuple[date, ...]] = {}  # (deadlines, by measure: an entry's check, then its history's)

    def _steps_of(self, mid: str) -> tuple[tuple[date | None, ...], bool, bool]:
        """_steps_of_milestones of the measure's milestones, made once for each tuple of them."""
        milestones = self.measure_ids[mid].milestones
        found = self._steps.get(id(milestones))
        if found is None:
            found = self._steps[id(milestones)] = _steps_of_milestones(milestones)
        return found

    def deadlines(self, mid: str) -> tuple[date, ...]:
        """The original due dates of a measure's dated milestones: what an entry's `milestone` names."""
        found = self._dues.get(mid)
        if found is None:
            found = self._dues[mid] = self._deadlines_of(mid)
        return found

    def _deadlines_of(self, mid: str) -> tuple[date, ...]:
        dues, immediate, _ = self._steps_of(mid)
        if not immediate:
            return dues
        immediate_due = self.plan.immediate_due_of(mid)
        key = (id(self.measure_ids[mid].milestones), immediate_due)
        found = self._deadlines.get(key)
        if found is None:
            found = self._deadlines[key] = tuple(immediate_due if due is None else due for due in dues)
        return found

    def has_ongoing(self, mid: str) -> bool:
        """Whether a measure has an ongoing (长期坚持) part, which reports are about."""
        return self._steps_of(mid)[2]

    def measure_of(self, written: str, prefix: str) -> tuple[str, Notice | None]:
        """(the id of the measure a journal of the file of `prefix` names `written`, as written
        in the file; what is wrong with it, or None when it is one of the plan's)."""
        return _measure_of(written, prefix, self.measure_ids)

    def entries(self, rows: list[list], file: str, prefix: str, *,
                checked: bool = True) -> tuple[list[Entry], list[tuple[int, str, Notice]]]:
        """The Entry of each row, and (entry index, the key it is about, what is wrong: label
        problem_<key>, without the place) for each problem found. `checked=False`: rows that
        passed these checks in this context before (a warm check's, whose outcomes were stored
        after a clean load of the same bytes; a full load's, outcomes.checked_before), only their
        measures checked (a fifth of the time)."""
        entries, problems = [], []
        measure_ids, today = self.measure_ids, self.today
        # (the units its own plan file declares: a folder's other files' would make the journal
        # unreadable beside its plan alone)
        units = units_named_in_file(self.plan.units, self.declared, prefix)
        append, states = entries.append, _ENTRY_STATES
        # Rows hold dates as canonical ISO text (YYYY-MM-DD), which sorts as the dates do.
        today_iso = today.isoformat()
        # (its own file's: a journal records what was done after that report's inspection)
        feedback_iso = self.plan.meta_of(prefix).feedback_date.isoformat()
        days: dict[str, date] = {}  # a journal repeats a few thousand dates
        # (index, entry) of each entry that closes, reopens or extends, by measure: checked against its history below
        histories: dict[str, list[tuple[int, Entry]]] = {}

        get_day, fromisoformat = days.get, date.fromisoformat

        def day_of(text: str | None) -> date | None:
            if text is None:
                return None
            day = days.get(text)
            if day is None:
                day = days[text] = date.fromisoformat(text)
            return day

        retractions: list[tuple[int, Entry]] = []  # (index, entry) of each retraction: checked below
        later: list[tuple[int, str, str]] = []  # (index, field, date) of each entry dated after today
        hints: dict[str, Notice | str] = {}  # the units close to each unknown unit's name (see unit_suggestion)
        for (index, written, day, state, note, evidence, by, milestone, to, reason, approved_by, late, recorded, digest,
             retracts, far_future, line, column) in rows:
            mid, wrong = (prefix + written if prefix and ":" not in written else written), None
            measure = measure_ids.get(mid)
            if measure is None or (prefix and not mid.startswith(prefix)):  # (the common case inline)
                mid, wrong = self.measure_of(written, prefix)
            else:  # (the plan's own text: one object for all of a measure's entries, which the engine
                mid = measure.id  # groups by it, and not one more for each entry)
            if wrong is not None:
                # (its fields that don't depend on the measure are checked still: every problem of
                # an entry said in one run; it is no entry, so nothing of its history is)
                problems.append((index, "measure", wrong))
            else:
                on = get_day(day)
                if on is None:
                    on = days[day] = fromisoformat(day)
                # (most rows have no unit, milestone, new date or recorded day: no call for those)
                entry = _entry_of_row(mid, on, states[state], note, evidence, by if by is None else units.get(by),
                                      milestone if milestone is None else day_of(milestone),
                                      to if to is None else day_of(to), reason,
                                      approved_by if approved_by is None else units.get(approved_by), late, digest,
                                      recorded if recorded is None else day_of(recorded), retracts, far_future,
                                      _location_of_row(file, line, column))
                append(entry)
            if not checked:
                continue
            if day > today_iso or (recorded is not None and recorded > today_iso):
                later.append((index, "date", day) if day > today_iso else (index, "recorded", recorded))
            elif day < feedback_iso:
                problems.append((index, "date", Notice("date_before_feedback", {"date": day, "feedback": feedback_iso})))
            if wrong is None and milestone is not None and entry.milestone not in self.deadlines(mid):
                deadlines = sorted({d.isoformat() for d in self.deadlines(mid)})  # (none: 长期坚持 only)
                problems.append((index, "milestone", Notice("milestone_not_deadline" if deadlines else "milestone_ongoing",
                                                            {"milestone": milestone, "measure": mid, "deadlines": deadlines})))
            if by is not None and by not in units:
                problems.append((index, "by", _unknown_unit(by, units, hints)))
            if approved_by is not None and approved_by not in units:
                problems.append((index, "approved_by", _unknown_unit(approved_by, units, hints)))
            if wrong is not None:
                continue
            if state in _REPLAYED:
                history = histories.get(mid)
                if history is None:
                    histories[mid] = [(index, entry)]
                else:
                    history.append((index, entry))
            elif state == "report" and not self.has_ongoing(mid):
                problems.append((index, "state", Notice("report_not_ongoing", {"measure": mid})))
            elif state == "retracted":
                retractions.append((index, entry))
        if later:  # (said once: a clock set back puts every entry since that day in the future)
            index, field, day = later[0]
            more = len(later) - 1  # (English says one and several apart: "as is the entry", "as are 5 entries")
            more = Notice("date_future_one_more" if more == 1 else "date_future_more", {"count": more}) if more else ""
            problems.append((index, field, Notice("date_future", {"date": day, "today": today_iso, "more": more})))
        voided: dict[str, list[Entry]] = {}
        if retractions:
            problems += _retraction_problems(entries, retractions, voided)
        if histories:
            problems += self._history_problems(histories, voided)
        return entries, problems

    def _history_problems(self, histories: dict[str, list[tuple[int, Entry]]],
                          voided: dict[str, list[Entry]]) -> list[tuple[int, str, Notice]]:
        """What the writing commands refuse, for entries written by hand or merged in from two
        branches: a close of a measure (or step) already closed, or of one with no deadline (长期
        坚持 only); a reopening of one not closed; an extension of one with no pending deadline,
        one whose `late` flag the dates contradict, one that brings the deadline it moves forward
        (two extensions of one deadline, the later to an earlier date). Each entry is judged
        against its measure's history up to it (by date; on a day, in file order), replayed as the
        engine replays it (engine._evaluate_milestones), refused entries included. `histories`:
        (index, entry) of the entries that close, reopen or extend, by measure, in file order
        (the others change nothing a check here depends on). `voided`: the valid retractions, by
        measure; an entry dated on or after a retraction is judged without the entry it voids, and
        with it again from the day that retraction is retracted (engine's rules)."""
        problems = []
        for mid, history in histories.items():
            voids = voided.get(mid)
            if not voids:
                problems += self._replayed_problems(mid, history)
                continue
            history.sort(key=_date_of_pair)  # (stable: file order on a day)
            voids.sort(key=_date_of)  # (stable: each after the retraction it retracts)
            days = sorted({r.date for r in voids})
            # (judged in spans between retractions, each without the entries voided by its start)
            for start, end in zip([None, *days], [*days, None]):
                gone = voided_hashes([r for r in voids if r.date <= start]) if start is not None else set()
                span = [(index, entry) for index, entry in history if entry.hash not in gone
                        and (end is None or entry.date < end)]
                judged = {index for index, entry in span if start is None or entry.date >= start}
                problems += [p for p in self._replayed_problems(mid, span) if p[0] in judged]
        return problems

    def _replayed_problems(self, mid: str, history: list[tuple[int, Entry]]) -> list[tuple[int, str, Notice]]:
        """The problems of one measure's `history` (see _history_problems) replayed."""
        problems = []
        done_state, reopened_state, extended_state = EntryState.DONE, EntryState.REOPENED, EntryState.EXTENDED
        original = self.deadlines(mid)
        if len(history) == 1 and original and history[0][1].state is done_state:
            return problems  # (a first close of a measure with a deadline: the common case, and right)
        steps = range(len(original))
        effective, done, named = list(original), [False] * len(original), [False] * len(original)
        closed_by: list[tuple[int, Entry] | None] = [None] * len(original)  # (the close that closed each step)
        if len(history) > 1:
            history.sort(key=_date_of_pair)  # (stable: file order on a day)
        for index, entry in history:
            state, day, milestone = entry.state, entry.date, entry.milestone
            if milestone is not None and milestone not in original:
                continue  # (it names no deadline of the measure, which is said: it moves and closes nothing)
            if state is done_state:
                closing = steps if milestone is None else [i for i in steps if original[i] == milestone]
                if not original:
                    problems.append((index, "state", Notice("close_ongoing", {"measure": mid})))
                elif all([done[i] for i in closing]):
                    item = (Notice("step_of", {"measure": mid, "due": milestone.isoformat()}) if milestone is not None
                            else mid)
                    notes = [_closed_by(closed_by[closing[-1]], index)]
                    if milestone is None and self.has_ongoing(mid):
                        notes.append(Notice("stays_ongoing", {}))
                    notes = [note for note in notes if note]
                    if len(notes) == 2:
                        notes = [Notice("two_notes", {"first": notes[0], "second": notes[1]})]
                    problems.append((index, "state", Notice("already_closed", {
                        "item": item, "date": day.isoformat(),
                        "notes": Notice("closed_notes", {"notes": notes[0]}) if notes else ""})))
                for i in closing:
                    done[i] = True
                    closed_by[i] = (index, entry)
                    if milestone is not None:
                        named[i] = True
            elif state is reopened_state:
                if True not in done:
                    problems.append((index, "state", Notice("reopen_not_closed", {"measure": mid, "date": day.isoformat()})))
                done, named = [False] * len(original), [False] * len(original)
            elif state is extended_state and entry.to is not None:
                problems += self._extension_problems(mid, index, entry, original, effective, done, named)
        return problems

    def _extension_problems(self, mid: str, index: int, entry: Entry, original: tuple[date, ...], effective: list[date],
                            done: list[bool], named: list[bool]) -> list[tuple[int, str, Notice]]:
        """What is wrong with an extension (see _history_problems) of the measure `mid` whose dated
        steps, due on `original` dates, are due on `effective` dates and `done` (`named`: by a close
        naming them) just before it; `effective` is updated as the engine moves them."""
        problems = []
        day, milestone = entry.date, entry.milestone
        steps = range(len(original))
        # (the step it moves as `extend` finds it: the earliest pending, or the one named)
        pending = [i for i in steps if not done[i] and milestone in (None, original[i])]
        if not pending:
            named_step = f" {milestone.isoformat()}" if milestone is not None else ""
            problems.append((index, "state", Notice("nothing_to_extend", {"measure": mid, "step": named_step,
                                                                          "date": day.isoformat()})))
        else:
            due = min([effective[i] for i in pending])
            late = late_extension(day, deadline=due)
            if late and not entry.late:
                problems.append((index, "late", Notice("extension_late", {"measure": mid, "date": day.isoformat(),
                                                                          "due": due.isoformat(), "days": (day - due).days})))
            elif entry.late and not late:
                problems.append((index, "late", Notice("extension_not_late", {"date": day.isoformat(), "due": due.isoformat()})))
        # (the steps it moves, as the engine moves them: see engine._evaluate_milestones)
        free = [i for i in steps if not named[i]]
        targets = [i for i in steps if original[i] == milestone] if milestone else \
            [min(free, key=effective.__getitem__)] if free else []
        for i in targets:
            if pending and entry.to <= effective[i]:
                before = Notice("as_extended_before", {}) if effective[i] != original[i] else ""
                problems.append((index, "to", Notice("to_not_after_deadline", {
                    "to": entry.to.isoformat(), "due": effective[i].isoformat(), "before": before})))
            effective[i] = entry.to
        return problems


def repeated_entries(entries) -> list[tuple[int, Entry, Entry]]:
    """(its place in its journal, from 1; the entry; the earlier one it repeats) of each entry of
    a loaded journal that repeats an earlier entry of its journal in every field a user gives, a
    retracted one aside (a clerk's YAML with an entry pasted twice; `record` run twice, whose
    entries differ in their hash and maybe the day written, as repeated_by compares them): warned
    of, not refused, as it changes no state (what a second close or extension would change is
    refused above). One pass, keyed by the fields (no pairwise loop: 300,000 entries take a few
    tenths of a second)."""
    void = voided_hashes(entries)
    first: dict[tuple, Entry] = {}
    repeats = []
    file, place = None, 0
    for entry in entries:  # (a folder's journals one after another)
        if entry.location.file != file:
            file, place = entry.location.file, 0
        place += 1
        if void and entry.hash in void:  # (retracted, as a repeat is meant to be: said no more)
            continue
        # (the measure names its journal: a folder's ids carry their file's prefix)
        earlier = first.setdefault(_given_fields(entry), entry)
        if earlier is not entry:
            repeats.append((place, entry, earlier))
    return repeats


# (what a clerk gives of an entry: every field but its hash, its place and the day it was written)
_given_fields = operator.attrgetter(*(name for name in Entry.__slots__ if name not in ("hash", "location", "recorded")))


def repeated_by(entries, new: Entry) -> Entry | None:
    """The latest of a measure's `entries` (in file order) that `new` repeats field for field, a
    retracted one aside: a command run twice by mistake. Written all the same (a second identical
    report can be true), but warned of, so that it can be retracted."""
    void = voided_hashes(entries)
    given = _given_fields(new)
    return next((e for e in reversed(entries) if e.hash not in void and _given_fields(e) == given), None)


def far_extensions(entries, *, plan: Plan) -> list[tuple[int, Entry, date]]:
    """(its place in its journal, from 1; the extension; the deadline it moves, as extended
    before) of each extension of a loaded journal, not retracted, whose new date is more than
    FAR_YEARS after the deadline it moves (2919 typed by hand for 2019: its measure never overdue
    again), in file order, but those confirmed (`far_future: true`, which `extend --far-future`
    writes): warned of, not refused, as a hand-typed one may be meant. With them, each one typed
    by hand (no hash) with `far_future: true` that moves no deadline that far (history and show
    mark it confirmed: false); one rectify wrote was far when written (a back-filled entry moved
    it since), and the key deleted would break the chain. Only the measures with an extension are replayed, as the
    engine replays them (a journal without one costs a pass over the states)."""
    mids = {entry.measure for entry, state in zip(entries, map(_state_of, entries)) if state is _EXTENDED}
    if not mids:
        return []
    mine: dict[str, list[Entry]] = {mid: [] for mid in mids}
    for entry in entries:
        if entry.measure in mids:
            mine[entry.measure].append(entry)
    milestones = {m.id: m.milestones for m in plan.measures() if m.id in mids}
    far: dict[int, date] = {}  # id() of each far extension: the deadline it moves
    needless: dict[int, date] = {}  # (the same of each typed with far_future: true, not far)
    confirmed: set[int] = set()  # (id() of each with far_future: true, far)
    for mid, history in mine.items():
        dues, immediate, _ = _steps_of_milestones(milestones[mid])
        if immediate:
            dues = tuple(plan.immediate_due_of(mid) if due is None else due for due in dues)
        effective, named = list(dues), [False] * len(dues)
        void = voided_hashes(history)
        for entry in sorted(history, key=_date_of):  # (stable: file order on a day)
            state, milestone = entry.state, entry.milestone
            if entry.hash in void:  # (retracted: it moves nothing)
                continue
            if state is EntryState.DONE and milestone is not None:
                named = [named[i] or due == milestone for i, due in enumerate(dues)]
            elif state is EntryState.REOPENED:
                named = [False] * len(dues)
            elif state is _EXTENDED and entry.to is not None:
                free = [i for i in range(len(dues)) if not named[i]]
                targets = [i for i, due in enumerate(dues) if due == milestone] if milestone else \
                    [min(free, key=effective.__getitem__)] if free else []
                for i in targets:  # (the moves of engine._evaluate_milestones)
                    if entry.to > years_after(effective[i], FAR_YEARS):
                        if entry.far_future:
                            confirmed.add(id(entry))
                        else:
                            far.setdefault(id(entry), effective[i])
                    elif entry.far_future and entry.hash is None:
                        needless.setdefault(id(entry), effective[i])
                    effective[i] = entry.to
    for key in needless.keys() - confirmed:  # (needless only if far of none of the steps it moves)
        far[key] = needless[key]
    if not far:
        return []
    found, file, place = [], None, 0
    for entry in entries:  # (a folder's journals one after another; rare: a pass more)
        if entry.location.file != file:
            file, place = entry.location.file, 0
        place += 1
        if id(entry) in far:
            found.append((place, entry, far[id(entry)]))
    return found


_state_of = operator.attrgetter("state")
_EXTENDED = EntryState.EXTENDED
_REPLAYED = frozenset(state.value for state in CHANGES_MILESTONES)


def _retraction_problems(entries: list[Entry], retractions: list[tuple[int, Entry]],
                         voided: dict[str, list[Entry]]) -> list[tuple[int, str, Notice]]:
    """What is wrong with each retraction (index, entry) of a journal's `entries` (in file order):
    it must void an earlier entry of the same measure in this journal (a retraction too: it is
    undone), not voided by the valid retractions before it, dated on or before it. Each valid
    one is added to `voided`, by measure."""
    problems = []
    written = {}  # hash -> the first entry that has it
    for entry in entries:
        if entry.hash is not None:
            written.setdefault(entry.hash, entry)
    valid: list[Entry] = []
    named: set[str] = set()  # (what valid retractions name: only those may be voided already)
    for index, retraction in retractions:
        target = written.get(retraction.retracts)
        earlier = _voided_by(valid, retraction.retracts) if retraction.retracts in named else None
        if target is None or target.location.line >= retraction.location.line:
            notice = Notice("retracts_unknown", {"hash": retraction.retracts[:12]})
        elif target.measure != retraction.measure:
            notice = Notice("retracts_other_measure", {"measure": retraction.measure, "other": target.measure,
                                                       "line": target.location.line})
        elif earlier is not None:
            notice = Notice("retracted_twice", {"line": target.location.line, "earlier": earlier.location.line})
        elif retraction.date < target.date:
            notice = Notice("retracts_later", {"date": retraction.date.isoformat(), "target": target.date.isoformat(),
                                               "line": target.location.line})
        else:
            valid.append(retraction)
            named.add(retraction.retracts)
            voided.setdefault(retraction.measure, []).append(retraction)
            continue
        problems.append((index, "retracts", notice))
    return problems


def _voided_by(retractions: list[Entry], digest: str) -> Entry | None:
    """The retraction among `retractions` (in file order) that voids the entry of hash `digest`,
    a retraction of it not retracted itself; None when none does."""
    void = voided_hashes(retractions)
    return next((r for r in reversed(retractions) if r.retracts == digest and r.hash not in void), None)


def _closed_by(closer: tuple[int, Entry] | None, index: int) -> Notice | str:
    """Which entry closed what a second close closes, for its message; when that entry comes
    later in the file (a close back-filled before this one, or merged in), it says so: this one,
    written first, is the one refused."""
    if closer is None:
        return ""
    at, entry = closer
    line = Notice("closed_by_line", {"line": entry.location.line}) if entry.location is not None else ""
    after = Notice("closed_by_later", {}) if at > index else ""
    return Notice("closed_by", {"entry": at + 1, "line": line, "date": entry.date.isoformat(), "after": after})


def _date_of_pair(pair: tuple[int, Entry]) -> date:
    return pair[1].date


def _date_of(entry: Entry) -> date:
    return entry.date


def _steps_of_milestones(milestones: tuple[Milestone, ...]) -> tuple[tuple[date | None, ...], bool, bool]:
    """(the due of each dated milestone, None for an immediate one (due on its file's date);
    whether one is immediate; whether one is ongoing)."""
    dues = tuple(ms.due if ms.kind is MilestoneKind.DATE else None for ms in milestones if ms.kind is not MilestoneKind.ONGOING)
    return dues, None in dues, any(ms.kind is MilestoneKind.ONGOING for ms in milestones)


_ENTRY_STATES = EntryState._value2member_map_
# An Entry by position, in this order, for the loop above (model.maker: by keyword it took 0.2 s
# more of a 200,000-entry journal)
_entry_of_row = maker(Entry, "measure", "date", "state", "note", "evidence", "by", "milestone", "to", "reason",
                      "approved_by", "late", "hash", "recorded", "retracts", "far_future", "location")
_location_of_row = maker(Location, "file", "line", "column")  # (by position too)


def _unknown_unit(name, units, hints: dict) -> Notice:
    """`hints`: unit_suggestion's of each name met before (every entry by a unit's old name)."""
    return Notice("unknown_unit", {"name": shown_value(name), "hint": unit_suggestion(str(name), units, hints)})
