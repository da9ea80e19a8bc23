"""`rectify merge-journal BASE OURS THEIRS [PATH]`: git's merge driver for a journal (README,
"Two colleagues, two branches"). OURS's entries, then THEIRS's entries after BASE, chained on
as `record` appends them (new hashes; a `retracts:` of one of them follows it); an entry both
sides added alike kept once; BASE's entries OURS holds with new hashes (a rebase's earlier
commits) taken as OURS's. The result is written into OURS only when it loads as the writing
commands require and verifies; else OURS is left as it was and MergeConflict (exit 1) says why.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from . import chain
from .errors import FileWriteError, MergeConflict, Problem, RegistryError
from .fsutil import atomic_write_bytes, scratch_folder
from .i18n import os_reason, problem
from .journal import FIELD_ORDER, _check_journal, _joined, _last_hash, _raw_entries, render_entry
from .layout import found_alone_in, journal_path_for, journal_present, plan_beside, plan_files, read_bytes, resolve_path
from .registry import entry_as_written, journal_as_written
from .validation import not_a_journal


@dataclass(frozen=True)
class MergeResult:
    ours: int  # entries OURS held
    added: int  # THEIRS's entries chained on after them
    alike: int  # THEIRS's entries OURS had added too, kept once
    unchecked: bool = False  # THEIRS refused under the plan found (theirs's plan changed): not checked against it


def merge(base: str, ours: str, theirs: str, path: str | None = None) -> MergeResult:
    """Merge the journals at `base`, `ours` and `theirs` into `ours` (git's %O %A %B); `path`:
    the journal's path in the working tree (git's %P), where its plan is looked for (else beside
    `ours`). MergeConflict when they can't be merged; `ours` is then unchanged."""
    named = path or ours  # (what messages call the journal: git's %A is a temporary file)
    entries = {side: _entries(Path(file), named) for side, file in (("base", base), ("ours", ours), ("theirs", theirs))}
    old, b, o, t = read_bytes(Path(ours)), entries["base"], entries["ours"], entries["theirs"]
    at = next((i for i, entry in enumerate(b) if i >= len(t) or t[i] != entry), None)
    if at is not None:
        raise _conflict(problem(named, None, None, "merge_no_shared_base_theirs", index=at + 1), named)
    renamed: dict[str, str] = {}  # THEIRS's (or BASE's) hash -> the hash its entry has now
    ours_new = _replayed(b, o, renamed, named)
    prev = _last_hash(o)
    unmatched = list(ours_new)  # (OURS's new entries not yet found alike on THEIRS's side)
    new, added, alike = old, [], 0
    extended = _extended(o, ours_new)
    for index, entry in enumerate(t[len(b):], len(b) + 1):
        fields = _content(entry)
        if not _rewritable(fields):
            raise _conflict(problem(named, None, None, "merge_entry_not_rewritable", index=index), named)
        if isinstance(fields.get("retracts"), str) and fields["retracts"] in renamed:
            fields["retracts"] = renamed[fields["retracts"]]
        same = next((at for at in unmatched if _content(o[at]) == fields), None)
        if same is not None:  # (both sides recorded it alike: kept once, as OURS wrote it)
            unmatched.remove(same)
            alike += 1
            kept = o[same]
            if isinstance(entry.get("hash"), str) and isinstance(kept.get("hash"), str):
                renamed[entry["hash"]] = kept["hash"]
            continue
        both = extended.get((fields.get("measure"), fields.get("milestone"))) if fields.get("state") == "extended" else None
        if both is not None:  # (the journal can't tell a second extension from one of the same deadline)
            raise _conflict(problem(named, None, None, "merge_both_extended", index=index, ours=both + 1,
                                    measure=fields["measure"], date=fields.get("date"), milestone=fields["milestone"]),
                            named)
        fields = {key: fields[key] for key in FIELD_ORDER if key in fields}
        fields["hash"] = chain.entry_hash(prev, fields)
        if isinstance(entry.get("hash"), str):
            renamed[entry["hash"]] = fields["hash"]
        prev = fields["hash"]
        new = _joined(new, render_entry(fields))
        added.append(fields)
    unchecked = False
    if added:
        unchecked = _check_merged(new, o, added, named, Path(path or ours), read_bytes(Path(theirs)))
        atomic_write_bytes(Path(ours), new)
    return MergeResult(ours=len(o), added=len(added), alike=alike, unchecked=unchecked)


def _conflict(found: Problem | list, named: str) -> MergeConflict:
    """MergeConflict saying `found`, then that OURS was left as it was and the way by hand."""
    said = found if isinstance(found, list) else [found]
    return MergeConflict([*said, problem(named, None, None, "merge_by_hand")])


def _entries(file: Path, named: str) -> list[dict]:
    """The journal's entries as written (each a dict); an empty file (git's %O of a journal
    both sides began) has none. MergeConflict when it is no journal; RegistryError (exit 2) when
    it can't be read: git gives three files, so a person named one wrong."""
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
    return [entry_as_written(item) for item in items]


def _replayed(b: list[dict], o: list[dict], renamed: dict[str, str], named: str) -> list[int]:
    """Where OURS's entries not in BASE are. BASE's entries OURS lacks as written must be in OURS
    after those it shares, alike but for hashes: a `git rebase` or `git cherry-pick` replays commits
    one by one, BASE the commit before, which the driver chained on with new hashes (noted in
    `renamed`), after the branch built on (a `git pull --rebase` past a merge: in another order).
    Else MergeConflict: a history rewritten."""
    shared = next((i for i, entry in enumerate(b) if i >= len(o) or o[i] != entry), len(b))
    left = list(range(shared, len(o)))  # (OURS's entries not yet found in BASE)
    for entry in b[shared:]:
        fields = _content(entry)
        if isinstance(fields.get("retracts"), str) and fields["retracts"] in renamed:
            fields["retracts"] = renamed[fields["retracts"]]
        at = next((i for i in left if _content(o[i]) == fields), None)
        if at is None:
            raise _conflict(problem(named, None, None, "merge_no_shared_base_ours", index=shared + 1), named)
        if isinstance(entry.get("hash"), str) and isinstance(o[at].get("hash"), str):
            renamed[entry["hash"]] = o[at]["hash"]
        left.remove(at)
    return left


def _extended(o: list[dict], new: list[int]) -> dict[tuple, int]:
    """(measure, milestone) -> where OURS's new entries extend that deadline, not retracted among them."""
    voided = {o[i].get("retracts") for i in new if o[i].get("state") == "retracted"}
    return {(o[i].get("measure"), o[i]["milestone"]): i for i in new if o[i].get("state") == "extended"
            and isinstance(o[i].get("milestone"), str) and o[i].get("hash") not in voided}


def _content(entry: dict) -> dict:
    """An entry's fields but its hash."""
    return {key: value for key, value in entry.items() if key != "hash"}


def _rewritable(fields: dict) -> bool:
    """Whether `record` would write these fields as they are: its own, each text or true/false."""
    return all(key in FIELD_ORDER and isinstance(value, (str, bool)) for key, value in fields.items())


def _check_merged(new: bytes, ours: list[dict], added: list[dict], named: str, journal: Path, theirs: bytes) -> bool:
    """The merged bytes must read as OURS's entries then those added, verify, and load against
    the journal's plan (when it is found) as the writing commands require. Else MergeConflict.
    True when not checked against the plan: the plan there is OURS's (git writes the merged one
    after the driver ran), and THEIRS's own journal is refused under it (their plan changed)."""
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
        return True
    if refused:  # (its lines are the merged journal's, which is not written: said first)
        raise _conflict([problem(named, None, None, "merge_refused_on_load"), *refused], named)
    return False


def _load_problems(new: bytes, journal: Path) -> list[Problem]:
    """What loading the registry `journal` belongs to says, with `new` as that journal: in a copy
    of its plan files and journals, named as the originals. [] when it loads or no plan is found."""
    from .registry import load_registry

    plan = plan_beside(str(journal))
    if not isinstance(plan, str) or not os.path.isfile(plan):
        return []
    plan = Path(plan)
    root = (found_alone_in(plan.parent) if plan.name == "tasks.yaml" else None) or resolve_path(str(plan.parent))
    with scratch_folder("rectify-merge-", "merge_scratch_failed") as copy:
        for file in plan_files(root):
            beside = journal_path_for(file)
            target = journal_path_for(Path(copy, file.name))
            copies = [(Path(copy, file.name), read_bytes(file))]
            if os.path.abspath(beside) == os.path.abspath(journal):
                copies.append((target, new))
            elif journal_present(beside):
                copies.append((target, read_bytes(beside)))
            for to, data in copies:  # (read apart from written: only a write failing is the temporary folder's)
                try:
                    to.write_bytes(data)
                except OSError as exc:  # (the temporary folder full: named, not said as OURS failing)
                    raise FileWriteError(problem(str(Path(copy).parent), None, None, "merge_scratch_failed",
                                                 why=os_reason(exc))) from None
        try:
            load_registry(Path(copy, root.name) if root.is_file() else Path(copy), use_cache=False)
        except RegistryError as exc:
            shown = str(journal.parent)
            return [replace(p, file=os.path.join(shown, os.path.relpath(p.file, copy)))
                    if isinstance(p, Problem) and p.file.startswith(copy) else p for p in exc.problems]
    return []
