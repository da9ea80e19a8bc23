"""Outcomes: `rectify check` on a big registry whose files are in the cache, without building it.

Building every measure and journal entry of a 100,000-measure registry as objects takes
seconds, while a check lists only the measures that are overdue, due soon or stale. So for
each plan file (with its journal) the cache also keeps every measure's *outcome*
(engine.outcome_of: its earliest pending due, else closed or ongoing, and its last entry),
which holds as of any day on or after the file's newest journal entry. A check then judges
every measure from its outcome (engine.flagged) and builds only the flagged ones, from the
cached plan and journal, to evaluate them exactly as the full load would. To find their
journal entries, an entry beside the outcomes holds, for each of the journal's cached rows,
the position of its measure in the plan.

An outcome entry is valid for the exact bytes of its plan file and journal, and for the
registry-wide context the file was evaluated in (the settings, the immediate due date and
the units that every file of a folder registry shares): any change to these misses it.
Outcomes are only made from files that loaded without a problem, so a registry whose
outcomes are all cached is valid, but for journal days that are in the future (an entry's date,
or the day it was recorded), which the view checks against today.

Whatever the view can't answer (a registry mostly new to the cache, an --as-of before a
journal's newest entry, a problem, a damaged entry) the full load answers: `open_view` and
`OutcomeView.flagged` return None, and the full load reports any problem as usual; what
`status` and that full load do with the registry loaded (evaluate it, remember its outcomes,
select its measures) is `judge`.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date
from itertools import compress, count, groupby
from operator import attrgetter, methodcaller
from pathlib import Path

from . import dates, engine
from .cache import HEAD, FileCache, decode_plan, plan_positions_of_row, plan_rows_at
from .errors import RegistryError
from .journal_checks import JournalContext
from .layout import journal_present, read_bytes, registry_files, resolve_path
from .model import CHANGES_MILESTONES, Plan, Registry, Settings
from .registry import (
    CACHE_DAMAGE,
    _extend_cached_journal,
    _journal_rows_ok,
    _load_journal,
    _load_plan,
    _merge,
    appended_journal_row,
    appends_entries,
    journal_header,
    load_registry,
)

OUTCOMES = "outcomes"  # the cache entry kind (registry._load_plan writes the HEAD entries)
ROW_MEASURES = "row-measures"  # and beside it, whose each journal row is (see _put_outcomes)

# A view that would read more than this share of the registry's YAML itself leaves it to the
# full load, which reads plans and journals in two processes (and then remembers outcomes).
MAX_MISSING_SHARE = 0.5


@dataclass(frozen=True)
class _File:
    plan: Path
    journal: Path | None  # None: no journal beside the plan (yet)
    prefix: str
    plan_version: str  # SHA-256 of the bytes read
    journal_version: str | None


@dataclass(frozen=True)
class _Context:
    """What every file of a registry is evaluated with: registry._merge over the heads."""

    plan: Plan  # meta, settings and units merged over the files, no tasks
    key: str  # fingerprint of what evaluation and the journal checks depend on

    def outcome_version(self, file: _File) -> str:
        return f"{file.plan_version} {file.journal_version or '-'} {self.key}"


class OutcomeView:
    """A registry read from its cached outcomes (see `open_view`)."""

    def __init__(self, *, files: list[_File], heads: list[Plan], context: _Context, outcomes: list[list[int]],
                 newest: int, store: FileCache):
        self._files, self._heads, self._context = files, heads, context
        self._outcomes, self._newest, self._store = outcomes, newest, store

    @property
    def settings(self) -> Settings:
        return self._context.plan.settings

    @property
    def feedback_dates(self) -> tuple[date, date]:
        """The earliest of its files' feedback dates (the registry's) and the latest."""
        days = [head.meta.feedback_date for head in self._heads]
        return min(days), max(days)

    @property
    def total(self) -> int:
        """How many measures the registry has."""
        return sum(len(flat) for flat in self._outcomes) // 3

    def flagged(self, *, as_of: date, categories: tuple[str, ...], warn_days: int | None = None,
                report_period_days: int | None = None) -> Registry | None:
        """The registry narrowed to its measures whose category as of `as_of` is one of
        `categories` (of overdue, due_soon and stale), with their journal entries (meta,
        settings and units unchanged): evaluated, they give the results the whole registry
        gives for them. None when `as_of` precedes a journal entry or a cache entry has gone
        since the view was opened."""
        picks = self.flagged_positions(as_of=as_of, categories=categories, warn_days=warn_days,
                                       report_period_days=report_period_days)
        return None if picks is None else self.narrowed(picks)

    def flagged_positions(self, *, as_of: date, categories: tuple[str, ...], warn_days: int | None = None,
                          report_period_days: int | None = None) -> list[list[int]] | None:
        """Per file, the positions (in plan order) of the measures :meth:`flagged` keeps; None
        when `as_of` precedes a journal entry."""
        if as_of.toordinal() < self._newest:
            return None
        settings = self.settings
        warn = settings.warn_days if warn_days is None else warn_days
        period = settings.report_period_days if report_period_days is None else report_period_days
        return [engine.flagged(zip(flat[0::3], flat[1::3], flat[2::3]), as_of=as_of, warn_days=warn,
                               report_period_days=period, feedback=head.meta.feedback_date, categories=categories)
                for flat, head in zip(self._outcomes, self._heads)]

    def positions(self, *, as_of: date) -> list[list[int]] | None:
        """Per file, the positions of all its measures (junit lists every one); None when
        `as_of` precedes a journal entry (see flagged_positions)."""
        if as_of.toordinal() < self._newest:
            return None
        return [list(range(len(flat) // 3)) for flat in self._outcomes]

    def positions_of(self, item: str) -> list[list[int]] | None:
        """Per file, the positions of the measures of the one task or measure named `item`: by
        its id, else (in a folder) by its id within one file, "18.4" for "NAME:18.4" (as `show`
        finds it). None when no id or several match, or a task has no measures: the full
        load answers, and names the ids that come close."""
        found = self._rows_of(lambda file: item)
        if not found and ":" not in item and all(file.prefix for file in self._files):
            found = self._rows_of(lambda file: file.prefix + item)
        if found is None or len(found) != 1:
            return None
        at, header, row = found[0]
        try:
            positions = plan_positions_of_row(header, row)
        except (ValueError, LookupError, TypeError):  # a damaged header
            return None
        if not positions:
            return None
        return [positions if n == at else [] for n in range(len(self._files))]

    def _rows_of(self, id_in) -> list[tuple[int, dict, int]] | None:
        """(file index, its plan's header, row) of each row of every file's cached plan whose id
        is `id_in(file)`; None when a plan's entry is gone or damaged."""
        found = []
        for at, file in enumerate(self._files):
            rows = self._store.find_rows(file.plan, "plan", file.prefix, file.plan_version, id_in(file))
            if rows is None:
                return None
            found.extend((at, rows[0], row) for row in rows[1])
        return found

    def narrowed(self, picks: list[list[int]], *, judged_only: bool = False, sealed: bool = False) -> Registry | None:
        """The registry narrowed to the measures at `picks` (per file, ascending positions) and
        their journal entries (`judged_only`: only those a check's judgement and output depend
        on, see _judged_rows); None when a cache entry has gone since the view was opened, or
        (`sealed`) a row read is not the one its CRC-32 was made for."""
        plans, entries = [], []
        for file, head, positions in zip(self._files, self._heads, picks):
            narrowed = _narrowed(self._store, self._context, file, positions, judged_only=judged_only, sealed=sealed) \
                if positions else (head, [])
            if narrowed is None:
                return None
            plans.append(narrowed[0])
            entries.extend(narrowed[1])
        merged = _merge(plans, [f.plan for f in self._files], [], folder=bool(self._files[0].prefix))
        return Registry(plan=merged, journal=tuple(entries),
                        plan_files=tuple(str(f.plan) for f in self._files),
                        journal_files=tuple(str(f.journal) for f in self._files if f.journal is not None),
                        declared={f.prefix: plan.units for f, plan in zip(self._files, plans)})


def _narrowed(store: FileCache, context: _Context, file: _File, keep: list[int],
              positions: list[int] | None = None, *, judged_only: bool = False,
              sealed: bool = False) -> tuple[Plan, list] | None:
    """(the file's plan with only the measures at `keep`, ascending, and their journal
    entries), or None. Only those measures' and entries' rows of the cache are decoded.
    `positions`: the position of the measure of each journal row (rows appended since the
    outcomes were stored: checked here), else the stored ones (whose rows were checked when
    they were stored, in the same context: not again). `judged_only`: see _judged_rows.
    `sealed`: each row read is checked against its CRC-32 (FileCache.get_rows)."""
    try:
        header, rows = store.get_rows(file.plan, "plan", file.prefix, file.plan_version,
                                      pick=lambda header, _: plan_rows_at(header, keep), sealed=sealed)
        plan = decode_plan(header, rows, str(file.plan), positions=keep)
    except (OSError, *CACHE_DAMAGE):  # gone or damaged since the view was opened
        return None
    if file.journal is None:
        return plan, []

    checked = positions is not None
    if positions is None:
        positions = store.get(file.plan, ROW_MEASURES, file.prefix, context.outcome_version(file))
    if type(positions) is not list or not set(map(type, positions)) <= {int}:
        return None
    kept = set(keep)
    rows = list(compress(count(), map(kept.__contains__, positions)))  # (at C speed: 200,000 rows, 10 ms)
    if not rows:
        return plan, []

    def wanted(_, rows_in_journal: int) -> list[int]:
        if rows_in_journal != len(positions):
            raise ValueError("not a position for each row")
        return rows

    doc = store.get_rows(file.journal, "journal", file.prefix, file.journal_version, pick=wanted, sealed=sealed)
    if doc is None or not _journal_rows_ok(*doc):
        return None
    try:
        # (in the registry's context: a folder's immediate due date is its files' earliest)
        checker = JournalContext(_in_context(replace(plan, units=context.plan.units), context), date.max,
                                 {file.prefix: plan.units})
        found, bad = checker.entries(_judged_rows(doc[1]) if judged_only else doc[1], str(file.journal), file.prefix,
                                     checked=checked)
    except CACHE_DAMAGE:
        return None
    return None if bad else (plan, found)


_CHANGES_MILESTONES = frozenset(state.value for state in CHANGES_MILESTONES)


def _judged_rows(rows: list[list]) -> list[list]:
    """Of journal rows (in file order, of measures whose outcomes are known), those a check
    judges by and prints: each measure's entries that change its milestones, its last one
    (by date, then file order: the latest entry a check names, and the day staleness counts
    from), and every entry of a measure with a retraction, which may void any of them. The
    others (progress notes, reports before the last) change nothing a check says: at 100,000
    measures they are some two fifths of the listed measures' entries."""
    last: dict[str, list] = {}
    retracting = set()
    for row in rows:
        _, mid, day, state = row[:4]
        latest = last.get(mid)
        if latest is None or day >= latest[2]:  # (ISO dates, which sort as the days do)
            last[mid] = row
        if state == "retracted":
            retracting.add(mid)
    changing = _CHANGES_MILESTONES
    return [row for row in rows if row[3] in changing or last[row[1]] is row or row[1] in retracting]


def load_item(path, item: str, *, use_cache: bool = True) -> Registry:
    """The registry at `path` for a command about one task or measure, named `item` (its id as
    the command reads it; see OutcomeView.positions_of): narrowed to it and its journal
    entries from the cached outcomes when they can answer (some 0.2 s at 100,000 measures,
    against 3 s to load the whole from the cache), else the whole registry (registry.load_registry),
    which also names the ids close to an unknown one and reports any problem. The rows read
    are checked against their CRC-32: a row edited by hand would be written to the journal
    (`record` on a measure id changed in it), or shown."""
    if use_cache:
        store = FileCache()
        view = open_view(path, store=store)
        picks = view.positions_of(item) if view is not None else None
        narrowed = view.narrowed(picks, sealed=True) if picks is not None else None
        if narrowed is not None:
            return narrowed
        _discard_unsealed(path, store)  # (the full load believes a row edited by hand, the item's or one named as it)
    return load_registry(path, use_cache=use_cache)


def _discard_unsealed(path, store: FileCache) -> None:
    """Remove the cache entries of the registry's plans and journals that hold a row not the one
    its CRC-32 was made for (whatever bytes the entry was made from): the full load, which checks
    no row (see cache.py), then reads those files and makes their entries again."""
    try:
        layout = registry_files(resolve_path(path))
    except (RegistryError, OSError):
        return  # (the full load says what is wrong)
    for plan, journal, prefix in layout:
        for source, kind in ((plan, "plan"), (journal, "journal")):
            version = store.stored_version(source, kind, prefix)
            if version is not None and store.unsealed_rows(source, kind, prefix, version):
                store.discard(source, kind, prefix)


def open_view(path, *, store: FileCache, today: date | None = None) -> OutcomeView | None:
    """The registry at `path` (see layout.resolve_path) read from cached outcomes, filling in
    those of files changed since; None when the full load should answer instead."""
    try:
        root = resolve_path(path)
        if not root.exists():
            return None
        layout, sources = [], []
        for plan, journal, prefix in registry_files(root):
            if not journal_present(journal):
                journal = None  # nothing recorded yet
            for source in (plan, journal) if journal is not None else (plan,):
                if not source.is_file():
                    return None  # a pipe or a folder: the full load says what is wrong
                sources.append(source)
            layout.append((plan, journal, prefix))
        versions: dict[Path, str] = {}  # SHA-256 of each file, hashed without keeping its bytes
        sizes: dict[Path, int] = {}
        for source, (version, size) in zip(sources, store.file_digests(sources)):
            versions[source], sizes[source] = version, size
        files = [_File(plan, journal, prefix, versions[plan], versions.get(journal)) for plan, journal, prefix in layout]
    except (RegistryError, OSError):
        return None
    if len({file.plan_version for file in files}) < len(files):
        return None  # (a plan file's copy beside it: the full load refuses it)
    raws = _Raws(versions, store)
    sizes = {file: sizes[file.plan] + sizes.get(file.journal, 0) for file in files}
    budget = MAX_MISSING_SHARE * sum(sizes.values())
    heads = [_head(store, file) for file in files]
    if sum(sizes[f] for f, head in zip(files, heads) if head is None) > budget:
        return None
    for i, file in enumerate(files):
        if heads[i] is None:  # a plan changed since: load it, which stores its head
            problems: list = []
            raw = raws.get(file.plan)
            if raw is None or _load_plan(file.plan, file.prefix, store, problems, raw) is None or problems:
                return None
            heads[i] = _head(store, file)
            if heads[i] is None:  # the cache can't be written
                return None
    context = _context(files, heads)
    if context is None:
        return None
    if today is None:
        today = dates.today(context.plan.settings.timezone)

    outcomes = [_cached_outcomes(store, file, context) or _appended_outcomes(store, file, context, raws) for file in files]
    if sum(sizes[f] for f, document in zip(files, outcomes) if document is None) > budget:
        return None
    for i, file in enumerate(files):
        if outcomes[i] is None:
            outcomes[i] = _evaluate_file(file, raws, context, store, today)
            if outcomes[i] is None:
                return None
    newest = max((document["newest"] for document in outcomes), default=0)
    if newest > today.toordinal():
        return None  # an entry dated after today: the full load says so
    return OutcomeView(files=files, heads=[head for head, _ in heads], context=context,
                       outcomes=[document["outcomes"] for document in outcomes], newest=newest, store=store)


class _Raws:
    """The bytes of the files a view loads itself (those changed since they were cached), read
    when asked for: None when a file can't be read or has changed again since it was hashed."""

    def __init__(self, versions: dict[Path, str], store: FileCache):
        self._versions, self._store = versions, store

    def get(self, source: Path) -> bytes | None:
        try:
            raw = read_bytes(source)
        except RegistryError:
            return None
        return raw if self._store.digest(raw) == self._versions[source] else None


def remember(path, registry: Registry, report: engine.StatusReport, *, store: FileCache) -> None:
    """Store the outcomes of the registry at `path`, just loaded (with the cache) and evaluated
    in full by `report`, for the next `open_view`. Nothing is stored when the report was made
    as of a day before a journal entry, whose outcome it doesn't show."""
    versions = registry.sources
    files = []
    for plan, journal, prefix in registry_files(resolve_path(path)):
        if str(plan) not in versions:
            return
        journal_version = versions.get(str(journal))
        files.append(_File(plan, journal if journal_version else None, prefix, versions[str(plan)], journal_version))
    heads = [_head(store, file) for file in files]
    context = _context(files, heads) if None not in heads else None
    # (intact, not merely there: a damaged one, a miss to the view, is made again here, else
    # every warm check after it would load the registry in full)
    if context is None or all(store.intact(f.plan, kind, f.prefix, context.outcome_version(f))
                              for f in files for kind in (ROW_MEASURES, OUTCOMES)):
        return
    prefixes = {str(f.journal): f.prefix for f in files}
    entries_of: dict[str, tuple[list, date]] = {}  # journal -> (its entries in row order, the newest's date)
    try:  # (a registry's entries come a file after another: grouped, and checked, a file at a time)
        for file, entries in groupby(registry.journal, key=_ENTRY_FILE):
            if file in entries_of or file not in prefixes:
                return
            entries = list(entries)
            if prefixes[file] and not all(map(methodcaller("startswith", prefixes[file]), map(_MEASURE, entries))):
                return  # an entry on another file's measure: the view narrows each file alone
            newest = max(map(_latest, entries))
            if newest > report.as_of:
                return
            entries_of[file] = entries, newest
    except AttributeError:  # an entry without a location
        return
    results = list(report.measures())
    if len(results) != sum(measures for _, measures in heads):
        return
    at = 0
    for file, (_, measures) in zip(files, heads):
        _put_outcomes(store, file, context, results[at:at + measures], *entries_of.get(str(file.journal), ([], None)),
                      _journal_bytes(store, file))
        at += measures


@dataclass(frozen=True)
class Judged:
    """A registry evaluated as of a day, its measures selected (see judge)."""

    registry: Registry
    day: date  # as of which it was evaluated
    report: engine.StatusReport  # the measures selected
    filters: dict  # those given, as the reports say them (engine.given_filters)


def judge(*, registry: Registry, path, as_of: date | None, use_cache: bool, warn_days: int | None = None,
          report_period_days: int | None = None, states=(), owners=(), regions=(), tasks=()) -> Judged:
    """What `status` and `check`'s full load do with `registry`, just loaded from `path`:
    evaluate it as of `as_of` (None: today in its time zone), remember its outcomes in the cache
    (`use_cache`: the next check answers from them, and the next load takes the rows as checked,
    checked_before), then select the measures by state, owner, region and task (engine.select)."""
    day = as_of or dates.today(registry.plan.settings.timezone)
    report = engine.evaluate(plan=registry.plan, journal=registry.journal, as_of=day, warn_days=warn_days,
                             report_period_days=report_period_days)
    if use_cache:
        remember(path, registry, report, store=FileCache())
    selected = engine.select(report, units=registry.plan.units, states=tuple(getattr(s, "value", s) for s in states or ()),
                             owners=tuple(owners or ()), regions=tuple(regions or ()), task_ids=tuple(tasks or ()))
    filters = engine.given_filters(registry.plan, owners=owners, regions=regions, tasks=tasks, states=states)
    return Judged(registry=registry, day=day, report=selected, filters=filters)


def checked_before(store: FileCache, layout: list[tuple[Path, Path, str]], versions: dict[str, str],
                   today: date) -> set[str]:
    """The journals (their paths) of the registry loaded from `layout` (registry_files: plan,
    journal, prefix), `versions` (the SHA-256 of each file read), whose rows passed the journal
    checks (JournalContext.entries) in this context before, for these very bytes and those of
    their plans: those with outcomes stored, which are made only from files that loaded without a
    problem, none of whose entries is after `today` (the one check that moves with the day). The
    full load takes their rows as check's view takes them, unchecked (a third of the time of
    making their entries: 0.35 s at 100,000 measures)."""
    files = [_File(plan, journal if str(journal) in versions else None, prefix, versions[str(plan)],
                   versions.get(str(journal))) for plan, journal, prefix in layout]
    heads = [_head(store, file) for file in files]
    context = _context(files, heads) if None not in heads else None
    if context is None:
        return set()
    found = set()
    for file in files:
        document = _cached_outcomes(store, file, context) if file.journal is not None else None
        if document is not None and document["newest"] <= today.toordinal():
            found.add(str(file.journal))
    return found


def remember_append(path, *, journal: Path, old: bytes, new: bytes, entry: bytes, registry: Registry,
                    entries: tuple, store: FileCache) -> None:
    """After `entry` (YAML text, checked to read back as the one entry added) was appended to
    `journal` (its bytes `old`, now `new`), store for the new bytes what the cache held for
    the old: the journal's rows and its plan's outcomes, with the entry added. The next
    command then reads no YAML, where a national journal takes seconds to read again.
    `registry`: the registry the entry was checked against (whole or narrowed), holding its
    measure; `entries`: its journal, the new entry last. Nothing is stored when the cache
    held nothing for the old bytes."""
    new_entry = entries[-1]
    try:
        files = [_File(plan, path_of_journal, prefix, store.file_digest(plan)[0], None)
                 for plan, path_of_journal, prefix in registry_files(resolve_path(path))]
    except (RegistryError, OSError):
        return
    mine = [file for file in files if file.journal == journal]
    heads = [_head(store, file) for file in files]
    context = _context(files, heads) if None not in heads else None
    if context is None or len(mine) != 1:
        return
    file = mine[0]
    plan, prefix = file.plan, file.prefix
    before = replace(file, journal_version=store.digest(old))
    after = replace(before, journal_version=store.digest(new))
    document = _cached_outcomes(store, before, context)
    positions = store.get(plan, ROW_MEASURES, prefix, context.outcome_version(before))
    found = store.find_rows(plan, "plan", prefix, file.plan_version, new_entry.measure)
    if document is None or type(positions) is not list or found is None or len(found[1]) != 1:
        return
    try:
        at = plan_positions_of_row(found[0], found[1][0])
    except (ValueError, LookupError, TypeError):
        return
    measure = next((m for m in registry.plan.measures() if m.id == new_entry.measure), None)
    if len(at) != 1 or measure is None:
        return  # (a task's row: no measure has a task's id)
    lines = new.count(b"\n")
    row = appended_journal_row(journal, entry, index=len(positions), line=lines - entry.count(b"\n") + 1)
    if row is None or not store.append_rows(journal, "journal", prefix, old, new, [row], header=journal_header(new)):
        return
    # Its outcome judged as _evaluate_file judges the file's: in the registry's context, after every
    # entry of this journal (one in another file's journal, on this measure, is not this file's).
    task = next(t for t in registry.plan.tasks if t.id == measure.task_id)
    alone = _in_context(replace(context.plan, tasks=(replace(task, measures=(measure,)),)), context)
    own = [e for e in entries[:-1] if e.measure == measure.id and e.location is not None and e.location.file == str(journal)]
    result = next(engine.evaluate(plan=alone, journal=[*own, new_entry], as_of=date.max).measures())
    outcomes = list(document["outcomes"])
    outcomes[3 * at[0]:3 * at[0] + 3] = engine.outcome_of(result)
    _store_outcomes(store, after, context, outcomes, [*positions, at[0]], max(document["newest"], _latest(new_entry).toordinal()),
                    len(new))


_ENTRY_FILE, _MEASURE = attrgetter("location.file"), attrgetter("measure")


def _latest(entry) -> date:
    """The latest day an entry names: its date, or the day it was recorded when later (back-filled).
    Both are refused by the full load when after today, so the view answers only from on or after
    it (an --as-of between the two: the full load, which gives the same answer)."""
    return entry.recorded if entry.recorded is not None and entry.recorded > entry.date else entry.date


_MEASURE_ID = attrgetter("measure.id")


def _put_outcomes(store: FileCache, file: _File, context: _Context, results: list, entries: list,
                  newest: date | None, journal_bytes: int | None) -> dict | None:
    """Store the outcomes of a file's measures (`results`, evaluated as of a day on or after
    all of `entries`, its journal's entries in the order of its rows; `newest`: the latest of
    their dates; `journal_bytes`: the journal's size, if known) and, in an entry of their own,
    the position of each entry's measure among them (for OutcomeView._narrowed, while the
    outcomes are read whole). The outcomes document; None when nothing was stored."""
    position = dict(zip(map(_MEASURE_ID, results), count()))
    try:
        positions = list(map(position.__getitem__, map(_MEASURE, entries)))
    except KeyError:  # an entry of no measure here (the load would have refused it)
        return None
    return _store_outcomes(store, file, context, [number for result in results for number in engine.outcome_of(result)],
                           positions, newest.toordinal() if newest is not None else 0, journal_bytes)


def _store_outcomes(store: FileCache, file: _File, context: _Context, outcomes: list[int], positions: list[int],
                    newest: int, journal_bytes: int | None) -> dict:
    """Store a file's outcomes (3 numbers a measure, see engine.outcome_of) and the position of
    the measure of each of its journal's rows; the outcomes document."""
    version = context.outcome_version(file)
    store.put(file.plan, ROW_MEASURES, file.prefix, version, positions)
    document = {"newest": newest, "outcomes": outcomes, "journal_bytes": journal_bytes}
    store.put(file.plan, OUTCOMES, file.prefix, version, document)
    return document


def _appended_outcomes(store: FileCache, file: _File, context: _Context, raws: _Raws) -> dict | None:
    """The outcomes of a file whose journal had entries appended since its outcomes were
    stored (a colleague's entries, pulled), made from those by judging again only the measures
    the appended entries are about, and stored; None when that isn't the case, or they can't
    be made so (the full load then reads it and reports any problem)."""
    version = store.stored_version(file.plan, OUTCOMES, file.prefix) if file.journal is not None else None
    plan_version, journal_version, key = version.split(" ") if version and version.count(" ") == 2 else ("", "", "")
    if (plan_version, key) != (file.plan_version, context.key):
        return None
    document, positions = store.get(file.plan, OUTCOMES, file.prefix, version), store.get(file.plan, ROW_MEASURES, file.prefix, version)
    if not isinstance(document, dict) or type(positions) is not list or not set(map(type, positions)) <= {int}:
        return None
    raw = raws.get(file.journal)
    if raw is None:
        return None
    # The journal's rows for its bytes now: the cache has them, or makes them from what it had
    # (usually the bytes the outcomes were made from, which it then checked were appended to).
    extended_from = None if store.has(file.journal, "journal", file.prefix, raw) else \
        _extend_cached_journal(file.journal, file.prefix, store, raw) or False
    size = document.get("journal_bytes")
    if extended_from is False or (extended_from != (journal_version, size) and not appends_entries(raw, size, journal_version)):
        return None
    appended = store.get_rows(file.journal, "journal", file.prefix, raw, pick=lambda _, rows: range(len(positions), rows))
    ids = store.row_ids(file.plan, "plan", file.prefix, file.plan_version)
    if appended is None or not _journal_rows_ok(*appended) or ids is None:
        return None
    try:
        position_of = _measure_positions(*ids)
        mids = [mid if ":" in mid else file.prefix + mid for mid in (row[1] for row in appended[1])]
        added = [position_of[mid] for mid in mids]
    except (KeyError, TypeError, IndexError, ValueError):  # an entry of no measure here (the load says so), damage
        return None
    outcomes = document.get("outcomes")
    if not (isinstance(outcomes, list) and len(outcomes) == 3 * len(position_of) and type(document.get("newest")) is int):
        return None
    rows_measures, touched = [*positions, *added], sorted(set(added))
    narrowed = _narrowed(store, context, file, touched, rows_measures)
    if narrowed is None:
        return None
    plan, entries = narrowed
    results = list(engine.evaluate(plan=_in_context(plan, context), journal=entries, as_of=date.max).measures())
    if len(results) != len(touched):
        return None
    outcomes = list(outcomes)
    for at, result in zip(touched, results):
        outcomes[3 * at:3 * at + 3] = engine.outcome_of(result)
    newest = max([document["newest"], *(_latest(entry).toordinal() for entry in entries)])
    return _store_outcomes(store, file, context, outcomes, rows_measures, newest, len(raw))


def _measure_positions(header: dict, ids: list[str]) -> dict[str, int]:
    """Measure id -> its position in plan order, from the first value of each row of a plan's
    cache entry (cache.encode_plan: a task's row, then its measures'). Raises on a damaged header."""
    positions: dict[str, int] = {}
    row = 0
    for measures in header["measure_counts"]:
        for at in range(row + 1, row + 1 + measures):
            positions[ids[at]] = len(positions)
        row += 1 + measures
    if row != len(ids):
        raise ValueError("the rows are not the header's")
    return positions


def _in_context(plan: Plan, context: _Context) -> Plan:
    """A file's plan judged with the registry's settings, and its own immediate due date."""
    return replace(plan, settings=replace(context.plan.settings, immediate_due=plan.immediate_due))


def _journal_bytes(store: FileCache, file: _File) -> int | None:
    """The size of the file's journal as read, from its cache entry (None when unknown)."""
    stored = store.stored_head(file.journal, "journal", file.prefix) if file.journal is not None else None
    if stored is None or stored[0] != file.journal_version or type(stored[1]) is not dict:
        return None
    return stored[1].get("bytes")


def _head(store: FileCache, file: _File) -> tuple[Plan, int] | None:
    """(meta, settings and units as a Plan without tasks, number of measures) of a plan file."""
    document = store.get(file.plan, HEAD, file.prefix, file.plan_version)
    try:
        return decode_plan(document, [], str(file.plan)), int(document["measures"])
    except CACHE_DAMAGE:  # no head (None: a plan new to the cache) or a damaged one
        return None


def _context(files: list[_File], heads: list[tuple[Plan, int]]) -> _Context | None:
    """The context the files are evaluated in; None when their settings differ."""
    problems: list = []
    merged = _merge([head for head, _ in heads], [f.plan for f in files], problems, folder=bool(files[0].prefix))
    if problems:  # the files' settings differ: the full load reports it
        return None
    settings = merged.settings
    fingerprint = json.dumps([
        [settings.timezone, settings.warn_days, settings.report_period_days],  # (immediate_due: each file's own)
        [[u.name, list(u.aliases)] for u in merged.units],
    ], ensure_ascii=False)
    return _Context(plan=merged, key=hashlib.sha256(fingerprint.encode()).hexdigest())


def _cached_outcomes(store: FileCache, file: _File, context: _Context) -> dict | None:
    document = store.get(file.plan, OUTCOMES, file.prefix, context.outcome_version(file))
    if not isinstance(document, dict):
        return None
    flat = document.get("outcomes")
    if not (type(document.get("newest")) is int and isinstance(flat, list) and len(flat) % 3 == 0
            and set(map(type, flat)) <= {int}):  # (at C speed: 300,000 numbers, 7 ms against 13)
        return None
    return document


def _evaluate_file(file: _File, raws: _Raws, context: _Context, store: FileCache, today: date) -> dict | None:
    """Load one file in full, evaluate it in the registry's context and store its outcomes;
    None when it has a problem (the full load reports it)."""
    problems: list = []
    plan_raw = raws.get(file.plan)
    plan = _load_plan(file.plan, file.prefix, store, problems, plan_raw) if plan_raw is not None else None
    if plan is None or problems:
        return None
    entries = []
    if file.journal is not None:
        journal_raw = raws.get(file.journal)
        if journal_raw is None:
            return None
        rows = _load_journal(file.journal, file.prefix, store, problems, journal_raw).rows
        if problems:
            return None
        try:
            entries, bad = JournalContext(replace(plan, units=context.plan.units), today,
                                          {file.prefix: plan.units}).entries(rows, str(file.journal), file.prefix)
        except CACHE_DAMAGE:
            return None
        if bad:
            return None
    # Judged with the registry's settings and immediate due date, after every entry.
    report = engine.evaluate(plan=_in_context(plan, context), journal=entries, as_of=date.max)
    return _put_outcomes(store, file, context, list(report.measures()), entries, max(map(_latest, entries), default=None),
                         len(journal_raw) if file.journal is not None else None)
