"""`rectify merge-journal BASE OURS THEIRS [PATH]`: git's merge driver for a journal (README,
"Two colleagues, two branches"). OURS's entries, then THEIRS's entries after BASE, chained on
as `record` appends them (new hashes; a `retracts:` of one of them follows it); an entry both
sides added alike kept once; BASE's entries OURS holds with new hashes (a rebase's earlier
commits) taken as OURS's, those it lacks (a commit cherry-picked without the one before it) left
out. The result is written into OURS only when it loads as the writing
commands require and verifies; else OURS is left as it was and MergeConflict (exit 1) says why.
"""
from __future__ import annotations

import bisect
import os
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path

from . import chain
from .errors import FileWriteError, MergeConflict, Problem, RegistryError
from .fsutil import atomic_write_bytes, scratch_folder
from .i18n import Notice, os_reason, problem
from .journal import FIELD_ORDER, _check_journal, _joined, _last_hash, _raw_entries, render_entry
from .layout import found_alone_in, journal_path_for, plan_beside, plan_files, read_bytes, resolve_path
from .model import Registry
from .registry import entry_as_written, journal_as_written
from .validation import not_a_journal


@dataclass(frozen=True)
class MergeResult:
    ours: int  # entries OURS held
    added: int  # THEIRS's entries chained on after them
    alike: int  # THEIRS's entries OURS had added too, kept once
    unchecked: bool = False  # THEIRS refused under the plan found (theirs's plan changed): not checked against it
    left_out: int = 0  # BASE's entries OURS lacks (the commits before one cherry-picked), not chained on
    plan_refused: Problem | str | None = None  # unchecked as OURS's plan is refused, with no journal: its first problem


def merge(base: str, ours: str, theirs: str, path: str | None = None) -> MergeResult:
    """Merge the journals at `base`, `ours` and `theirs` into `ours` (git's %O %A %B); `path`:
    the journal's path in the working tree (git's %P), where its plan is looked for (else beside
    `ours`). MergeConflict when they can't be merged; `ours` is then unchanged."""
    named = path or ours  # (what messages call the journal: git's %A is a temporary file)
    base_side, ours_side, theirs_side = (_read_side(Path(file), named) for file in (base, ours, theirs))
    old, b, o, t = ours_side.raw, base_side.entries, ours_side.entries, theirs_side.entries
    at = next((i for i, entry in enumerate(b) if i >= len(t) or t[i] != entry), None)
    if at is not None:
        raise _conflict(problem(named, None, None, "merge_no_shared_base_theirs", index=at + 1), named)
    renamed: dict[str, str] = {}  # THEIRS's (or BASE's) hash -> the hash its entry has now
    ours_new, lacked = _replayed(b, o, renamed)
    prev = _last_hash(o)
    unmatched = _by_content(o, ours_new)  # (OURS's new entries not yet found alike on THEIRS's side)
    new, added, alike = old, [], 0
    origin = []  # (where each entry added is in THEIRS: its place, from 1, and line)
    moved_o, moved_t = _unnamed_moved(o, ours_new, t[len(b):], old, theirs_side.raw, Path(path or ours))
    extended = _extended(o, ours_new, moved_o)
    voided_t = {e.get("retracts") for e in t[len(b):] if e.get("state") == "retracted"}
    for index, entry in enumerate(t[len(b):], len(b) + 1):
        fields = _content(entry)
        if not _rewritable(fields):
            raise _conflict(problem(named, None, None, "merge_entry_not_rewritable", index=index), named)
        if isinstance(fields.get("retracts"), str) and fields["retracts"] in renamed:
            fields["retracts"] = renamed[fields["retracts"]]
        elif fields.get("retracts") in lacked:  # (it voids an entry this side never had: nothing to void here)
            at = lacked[fields["retracts"]]
            raise _conflict(problem(named, None, None, "merge_retracts_lacked", index=index, base=at + 1,
                                    measure=b[at].get("measure"), date=b[at].get("date")), named)
        waiting = unmatched.get(_content_key(fields))
        if waiting:  # (both sides recorded it alike: kept once, as OURS wrote it; the first of those alike)
            same = waiting.popleft()
            alike += 1
            kept = o[same]
            if isinstance(entry.get("hash"), str) and isinstance(kept.get("hash"), str):
                renamed[entry["hash"]] = kept["hash"]
            continue
        milestone = fields.get("milestone") or moved_t.get(entry.get("hash"))
        measure = fields.get("measure")
        extension = fields.get("state") == "extended" and entry.get("hash") not in voided_t  # (retracted: moves none)
        both = extended.get((measure, milestone)) if extension and isinstance(milestone, str) else None
        if both is not None:  # (the journal can't tell a second extension from one of the same deadline)
            raise _conflict(problem(named, None, None, "merge_both_extended", index=index, ours=both + 1,
                                    measure=fields["measure"], date=fields.get("date"), milestone=milestone), named)
        # (which deadline one naming none moves not found, no plan or a side refused under it: it may be the same)
        maybe = extended.get((measure, None) if isinstance(milestone, str) else (measure, ...))
        if extension and maybe is not None:
            refused = _plan_refusal(Path(path or ours))
            why = Notice("merge_unresolved_unknown", {}) if refused is None else \
                Notice("merge_unresolved_plan_refused", {"problem": refused})
            raise _conflict(problem(named, None, None, "merge_both_extended_unresolved", index=index, ours=maybe + 1,
                                    measure=measure, date=fields.get("date"), why=why), named)
        fields = {key: fields[key] for key in FIELD_ORDER if key in fields}
        fields["hash"] = chain.entry_hash(prev, fields)
        if isinstance(entry.get("hash"), str):
            renamed[entry["hash"]] = fields["hash"]
        prev = fields["hash"]
        new = _joined(new, render_entry(fields))
        added.append(fields)
        origin.append((index, theirs_side.lines[index - 1] if index <= len(theirs_side.lines) else None))
    unchecked, plan_refused = False, None
    if added:
        unchecked, plan_refused = _check_merged(new, o, added, named, Path(path or ours), theirs_side.raw,
                                  _Origins(old.count(b"\n") + (not old.endswith(b"\n") and bool(old)), origin))
        atomic_write_bytes(Path(ours), new)
    return MergeResult(ours=len(o), added=len(added), alike=alike, unchecked=unchecked, left_out=len(lacked),
                       plan_refused=plan_refused)


def _conflict(found: Problem | list, named: str) -> MergeConflict:
    """MergeConflict saying `found`, then that OURS was left as it was and the way by hand."""
    said = found if isinstance(found, list) else [found]
    return MergeConflict([*said, problem(named, None, None, "merge_by_hand")])


@dataclass(frozen=True)
class _Side:
    """One of the three journals git gives, read once."""

    raw: bytes
    entries: list[dict]  # as written, each a dict
    lines: list[int]  # the line each entry begins on


def _read_side(file: Path, named: str) -> _Side:
    """The journal `file` as read: an empty file (git's %O of a journal both sides began) has no
    entry. MergeConflict when it is no journal; RegistryError (exit 2) when it can't be read: git
    gives three files, so a person named one wrong."""
    raw = read_bytes(file)
    try:
        data = journal_as_written(file, raw) if raw.strip() else None
        refused = not_a_journal(file, data)
        if refused is not None:
            raise refused
    except RegistryError as exc:
        raise _conflict(list(exc.problems), named) from None
    items = list(data or [])
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise _conflict(problem(str(file), None, None, "merge_entry_not_rewritable", index=index), named)
    lines = [line for line, _ in getattr(data, "item_pos", ())]
    return _Side(raw, [entry_as_written(item) for item in items], lines)


def _replayed(b: list[dict], o: list[dict], renamed: dict[str, str]) -> tuple[list[int], dict]:
    """Where OURS's entries not in BASE are, and BASE's entries OURS lacks (by hash: their place in
    BASE). BASE's entries after those OURS shares as written may be in OURS alike but for hashes:
    a `git rebase` or `git cherry-pick` replays commits one by one, BASE the commit before, which
    the driver chained on with new hashes (noted in `renamed`), after the branch built on (a
    `git pull --rebase` past a merge: in another order). Those not in OURS at all are of commits
    this side never had (a commit cherry-picked without the ones before it: BASE is its parent),
    or entries this side removed: left out, as THEIRS's change since BASE is only what it added."""
    shared = next((i for i, entry in enumerate(b) if i >= len(o) or o[i] != entry), len(b))
    left = _by_content(o, range(shared, len(o)))  # (OURS's entries not yet found in BASE)
    taken, lacked = set(), {}
    for at_base, entry in enumerate(b[shared:], shared):
        fields = _content(entry)
        if isinstance(fields.get("retracts"), str) and fields["retracts"] in renamed:
            fields["retracts"] = renamed[fields["retracts"]]
        waiting = left.get(_content_key(fields))
        if not waiting:
            lacked[entry["hash"] if isinstance(entry.get("hash"), str) else ("no hash", at_base)] = at_base
            continue
        at = waiting.popleft()
        if isinstance(entry.get("hash"), str) and isinstance(o[at].get("hash"), str):
            renamed[entry["hash"]] = o[at]["hash"]
        taken.add(at)
    return [i for i in range(shared, len(o)) if i not in taken], lacked


def _extended(o: list[dict], new: list[int], moved: dict[str, str]) -> dict[tuple, int]:
    """(measure, milestone) -> where OURS's new entries extend that deadline, not retracted among them;
    one naming no milestone, the one `moved` (_unnamed_moved) gives it, else (measure, None); and
    (measure, ...) -> one extending any of its deadlines."""
    voided = {o[i].get("retracts") for i in new if o[i].get("state") == "retracted"}
    found = {}
    for i in new:
        milestone = o[i].get("milestone") or moved.get(o[i].get("hash"))
        if o[i].get("state") == "extended" and o[i].get("hash") not in voided:
            found[(o[i].get("measure"), milestone if isinstance(milestone, str) else None)] = i
            found[(o[i].get("measure"), ...)] = i
    return found


def _unnamed_moved(o: list[dict], ours_new: list[int], theirs_new: list[dict], ours_raw: bytes, theirs_raw: bytes,
                   journal: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The deadline each side's new extension naming no `milestone:` moves (_steps_moved), of a measure
    both sides extended: OURS's, THEIRS's. Each side's journal is loaded only where there is one."""
    extensions = [[o[i] for i in ours_new], theirs_new]
    extensions = [[e for e in side if e.get("state") == "extended"] for side in extensions]
    both = {e.get("measure") for e in extensions[0]} & {e.get("measure") for e in extensions[1]}
    unnamed = [{e["hash"] for e in side if e.get("measure") in both and not isinstance(e.get("milestone"), str)
                and isinstance(e.get("hash"), str)} for side in extensions]
    return _steps_moved(ours_raw, journal, unnamed[0]), _steps_moved(theirs_raw, journal, unnamed[1])


def _content(entry: dict) -> dict:
    """An entry's fields but its hash."""
    return {key: value for key, value in entry.items() if key != "hash"}


def _by_content(o: list[dict], places) -> dict[frozenset, deque]:
    """`places` (in OURS `o`) by their entry's content (_content_key), each key's in order: an entry
    looked for among them is found in one step, not by comparing it with each (quadratic: 3,000 new
    entries a side took 38 s)."""
    found: dict[frozenset, deque] = {}
    for at in places:
        found.setdefault(_content_key(_content(o[at])), deque()).append(at)
    return found


def _content_key(fields: dict) -> frozenset:
    """`fields` as a key equal to another's exactly when the dicts are equal (==)."""
    return frozenset((key, _frozen(value)) for key, value in fields.items())


def _frozen(value):
    """A value as written, hashable, equal to another's as the values are: a list or mapping
    hand-written into an entry too."""
    if isinstance(value, dict):
        return dict, frozenset((key, _frozen(item)) for key, item in value.items())
    if isinstance(value, list):
        return list, tuple(_frozen(item) for item in value)
    return value


def _rewritable(fields: dict) -> bool:
    """Whether `record` would write these fields as they are: its own, each text or true/false."""
    return all(key in FIELD_ORDER and isinstance(value, (str, bool)) for key, value in fields.items())


@dataclass(frozen=True)
class _Origins:
    ours_lines: int  # lines of OURS's file, which the merged journal begins with as they are
    theirs: list[tuple[int, int | None]]  # each entry added: its place (from 1) and line in THEIRS


def _check_merged(new: bytes, ours: list[dict], added: list[dict], named: str, journal: Path, theirs: bytes,
                  origins: _Origins) -> tuple[bool, Problem | str | None]:
    """The merged bytes must read as OURS's entries then those added, verify, and load against
    the journal's plan (when it is found) as the writing commands require. Else MergeConflict.
    (True, None) when not checked against the plan: the plan there is OURS's (git writes the merged
    one after the driver ran), and THEIRS's own journal is refused under it (their plan changed);
    (True, its first problem) when that plan is refused with no journal (this side's plan broken)."""
    try:
        read = _raw_entries(new, journal)
    except RegistryError as exc:
        raise _conflict(list(exc.problems), named) from None
    if len(read) != len(ours) + len(added) or [dict(e) for e in read[len(ours):]] != added:
        raise _conflict(problem(named, None, None, "merge_reads_differently"), named)
    check = _check_journal(Path(named), prefix="", raw=new)
    if check.problems:
        bad = check.problems[0]
        raise _conflict(problem(named, bad.line or None, None, "merge_fails_verify", index=bad.index), named)
    refused = _load_problems(new, journal)
    if refused and _load_problems(theirs, journal):
        return True, _plan_refusal(journal)
    if refused:  # (the merged journal is not written: each refusal of it said where its entry is)
        head = problem(named, None, None, "merge_refused_on_load", ours=len(ours), lines=origins.ours_lines) \
            if ours else problem(named, None, None, "merge_refused_on_load_none")
        raise _conflict([head, *_relocated(refused, new, ours, added, named, journal, origins)], named)
    return False, None


def _relocated(refused: list, new: bytes, ours: list[dict], added: list[dict], named: str, journal: Path,
               origins: _Origins) -> list:
    """The refusals of the merged journal `new`, each at an entry of it said as that entry of its
    side: OURS's at its line, which OURS's file has too; THEIRS's at its place and line in THEIRS."""
    try:
        starts = [line for line, _ in getattr(journal_as_written(journal, new), "item_pos", ())]
    except RegistryError:
        starts = []
    if len(starts) != len(ours) + len(added):
        return refused  # (not located entry by entry: said as the merged journal's, as the heading says)
    said = []
    for found in refused:
        at = bisect.bisect_right(starts, found.line) if isinstance(found, Problem) and found.line else 0
        if not at or os.path.abspath(found.file) != os.path.abspath(journal):
            said.append(found)
            continue
        entry = ours[at - 1] if at <= len(ours) else added[at - len(ours) - 1]
        why = _sided(found.notice, len(ours), origins, named) if found.notice is not None else found.message
        values = {"measure": entry.get("measure"), "date": entry.get("date"), "why": why}
        if at <= len(ours):
            said.append(problem(named, found.line, found.column, "merge_refused_ours", index=at, **values))
            continue
        index, line = origins.theirs[at - len(ours) - 1]
        said.append(problem(named, None, None, "merge_refused_theirs", file=named, index=index, line=line,
                            merged=at, **values))
    return said


def _sided(said, ours: int, origins: _Origins, named: str):
    """A refusal's Notice (or a value of one) with each other entry of the merged journal it names
    (the close that closed it first) said as that entry of its side, as the refusal's own place is:
    the merged journal's numbering is of a file no one has."""
    if not isinstance(said, Notice):
        return said
    values = {key: _sided(value, ours, origins, named) for key, value in said.values.items()}
    at, line = values.get("entry"), values.get("line")
    if said.key != "closed_by" or not isinstance(at, int) or not 0 < at <= ours + len(origins.theirs):
        return Notice(said.key, values)
    if at <= ours:  # (OURS's entries are the merged journal's first, at their lines in OURS's file)
        line = line.values.get("line") if isinstance(line, Notice) else None
        entry = Notice("merge_entry_ours", {"index": at, "line": line})
    else:
        index, line = origins.theirs[at - ours - 1]
        entry = Notice("merge_entry_theirs", {"index": index, "line": line, "file": named})
    if line is None:
        return Notice(said.key, values)
    return Notice("merge_closed_by", {"entry": entry, "date": values.get("date"), "after": values.get("after", "")})


def _plan_refusal(journal: Path) -> Problem | str | None:
    """The first problem of the plan `journal` belongs to, loaded with no journal (its first
    located one, where the load says any); None when it loads or none is found."""
    plan = _load_problems(None, journal)
    return next((p for p in plan if isinstance(p, Problem)), plan[0]) if plan else None


def _load_problems(new: bytes | None, journal: Path) -> list[Problem]:
    """What loading the registry `journal` belongs to says, with `new` as that journal (None: none,
    the plan alone) (_loaded): [] when it loads or no plan is found."""
    loaded = _loaded(new, journal)
    return loaded if isinstance(loaded, list) else []


def _loaded(new: bytes | None, journal: Path) -> Registry | list[Problem] | None:
    """The registry `journal` belongs to, loaded with `new` as that journal, in a copy of its plan
    files and that journal alone (another file's journal judges nothing of this one's, and its
    problems are not the merge's), but for another plan file refused (loaded again without it);
    what the load says, named as the originals, when refused; None when no plan is found."""
    from .registry import load_registry

    plan = plan_beside(str(journal))
    if not isinstance(plan, str) or not os.path.isfile(plan):
        return None
    plan = Path(plan)
    root = (found_alone_in(plan.parent) if plan.name == "tasks.yaml" else None) or resolve_path(str(plan.parent))
    files = plan_files(root)
    own = {f.name for f in files if os.path.abspath(journal_path_for(f)) == os.path.abspath(journal)}
    left_out: set[str] = set()  # (other plan files refused: another province's, which judge nothing of this one's)
    while True:
        with scratch_folder("rectify-merge-", "merge_scratch_failed") as copy:
            for file in (f for f in files if f.name not in left_out):
                copies = [(Path(copy, file.name), read_bytes(file))]
                if file.name in own and new is not None:
                    copies.append((journal_path_for(Path(copy, file.name)), new))
                for to, data in copies:  # (read apart from written: only a write failing is the temporary folder's)
                    try:
                        to.write_bytes(data)
                    except OSError as exc:  # (the temporary folder full: named, not said as OURS failing)
                        raise FileWriteError(problem(str(Path(copy).parent), None, None, "merge_scratch_failed",
                                                     why=os_reason(exc))) from None
            try:
                return load_registry(Path(copy, root.name) if root.is_file() else Path(copy), use_cache=False)
            except RegistryError as exc:
                refused = {Path(p.file).name for p in exc.problems
                           if isinstance(p, Problem) and Path(p.file).parent == Path(copy)}
                others = refused & {f.name for f in files} - own - left_out
                if root.is_dir() and others:
                    left_out |= others
                    continue
                shown = str(journal.parent)
                return [replace(p, file=os.path.join(shown, os.path.relpath(p.file, copy)))
                        if isinstance(p, Problem) and p.file.startswith(copy) else p for p in exc.problems]


def _steps_moved(raw: bytes, journal: Path, hashes: set[str]) -> dict[str, str]:
    """The deadline (its original due) each extension of `hashes` in the journal `raw` moves, by
    hash, as the engine moves it: one naming no `milestone:` the earliest dated step open then.
    {} where the journal does not load against its plan."""
    from . import engine

    registry = _loaded(raw, journal) if hashes else None
    if not isinstance(registry, Registry) or not registry.journal:
        return {}
    wanted = {e.measure for e in registry.journal if e.hash in hashes}
    report = engine.evaluate(plan=registry.plan, journal=registry.journal,
                             as_of=max(e.date for e in registry.journal))
    task_of = {id(m): t for t in registry.plan.tasks for m in t.measures}
    moved = {}
    for mr in (mr for tr in report.tasks for mr in tr.measures if mr.id in wanted):
        for entry, before, after in engine.entry_steps(registry.plan, task_of[id(mr.measure)], mr):
            steps = [b.original_due for b, a in zip(before.milestones, after.milestones) if b.due != a.due]
            if entry.hash in hashes and steps:
                moved[entry.hash] = min(steps).isoformat()
    return moved
