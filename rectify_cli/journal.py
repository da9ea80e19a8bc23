"""Writing the journal (record/close/reopen/report/extend/retract), reading its history, verifying its chain.

How an entry is written
-----------------------
Under an advisory lock (``<journal>.lock`` beside the file the journal's name leads to, so
that concurrent writers queue instead of losing each other's entries) we load and validate
the registry (only the measure, from the cache, when it can: outcomes.load_item), check the
request against the plan and the journal as of the entry's date, render the entry as YAML
text and write ``old bytes + entry`` with :func:`fsutil.atomic_write_bytes`: a temporary
file in the same folder, fsync, rename over the journal, fsync the folder. Just before the
rename the journal must still be the old bytes: a writer that takes no lock (a git pull, a
sync client) may have changed it meanwhile, and the write is then refused.

Why rewrite instead of ``O_APPEND``: appending is cheaper, but a crash (or kill, or full disk)
in the middle of an append leaves a torn last entry, and a torn YAML file does not load at
all, so one interrupted `rectify record` would break every command. With tmp+rename a reader
sees either the old file or the new one, never half of either, and the old bytes are copied
through unchanged (comments and layout included), so appending stays append-only byte for
byte (but the `[]` a journal of no entries may be written as: nothing can follow it). Before the rename the new text is parsed back and must hold exactly the old entries
plus the intended one; otherwise the write is refused and the journal is left untouched.

Hash chain
----------
Every written entry carries ``hash = chain.entry_hash(prev, fields)`` over its fields as
written (raw YAML text values), where ``prev`` is the hash of the last entry in file order
that has one (GENESIS for the first). A legacy journal with unhashed entries can still be
appended to (the chain continues from the last hash seen); `verify` reports the unhashed
entries as not covered. A write to a journal `verify` fails is made all the same (append-only),
and WriteResult.broken names its first changed entry, from a verdict cached by the journal's
bytes (_chain_broken).

Units given with ``--by`` / ``--approved-by`` are stored under their canonical name (an
alias is accepted on input), so the journal speaks one vocabulary.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import time
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Callable

from . import chain, dates, engine, yamlio
from .cache import FileCache, compact_json, loads_json
from .errors import JournalWriteError, Problem, RegistryError, UsageError, close_matches
from .fsutil import atomic_write_bytes, file_sha256, owner_name, umask
from .i18n import ENTRY, STATUS, Notice, Word, few_of, not_real_reason, os_reason, problem, refusal, suggested, suggestion, unit_suggestion
from .ids import close_ids, is_file_hint, tasks_range, unknown_item
from .journal_checks import FAR_YEARS, late_extension, repeated_by, units_named_in_file
from .layout import (
    bundled_by_default,
    existing_root,
    journal_path_for,
    journal_present,
    nearest,
    packaged_copy,
    plan_files,
    read_bytes,
    registry_files,
)
from .model import (
    ALL_REGIONS,
    CHANGES_MILESTONES,
    DEPARTMENT,
    OTHER,
    REGION,
    SUBREGION,
    Entry,
    EntryState,
    Measure,
    MilestoneKind,
    Plan,
    Registry,
    file_prefix,
    ids_in_files,
    item_key,
    named_id,
    pinned_file,
    units_of_file,
)
from .outcomes import load_item, remember_append
from .registry import ROW_HASH, appends_entries, continues_entries, entry_as_written, journal_as_written, not_a_plan
from .textsafe import clip, line_ends, printable, registry_words, says_nothing, shell_word
from .validation import WRITTEN_AS, not_a_journal
from .yamltext import plain_ok, quoted

LOCK_TIMEOUT_SECONDS = 10.0
# How long a writer waits for the journal's lock, when 10 s is too short (many writers of a big registry).
ENV_LOCK_TIMEOUT = "RECTIFY_LOCK_TIMEOUT"
HEADER = "# rectify journal — append-only: add entries with `rectify record`, never edit or delete.\n"

# Field order of a written entry (as in docs/registry-format.md).
FIELD_ORDER = ("measure", "date", "state", "retracts", "note", "evidence", "by", "milestone", "to", "reason",
               "approved_by", "late", "far_future", "recorded", "hash")
_DATE_FIELDS = ("date", "milestone", "to", "recorded")

# Which entry states each command may write.
_COMMAND_STATES = {
    "record": (EntryState.IN_PROGRESS, EntryState.DONE, EntryState.REOPENED, EntryState.REPORT),
    "close": (EntryState.DONE,),
    "reopen": (EntryState.REOPENED,),
    "report": (EntryState.REPORT,),
    "extend": (EntryState.EXTENDED,),
    "retract": (EntryState.RETRACTED,),
}
# The first hex digits of an entry's hash `--entry` takes (`history` and refusals show 12).
_HASH_PREFIX = re.compile(r"[0-9a-f]{7,64}")


@dataclass(frozen=True)
class Effect:
    """The measure's state right after the write, evaluated as of today."""

    as_of: date
    status: str  # engine.Status value
    days_overdue: int
    next_due: date | None
    stale: bool
    closed: bool  # its dated part is closed (an ongoing measure keeps running)


# Notice (i18n): something the writer should know about an accepted entry (warnings: closed_late,
# closed_all_steps, late_extension, late_left_out, back_filled, evidence_not_found, evidence_is_folder,
# evidence_outside_repository, evidence_outside_ledger), or why a
# request was refused (i18n.refusal).


@dataclass(frozen=True)
class WriteResult:
    fields: dict  # the entry as written (raw text values, including hash)
    journal: str  # path of the journal file
    head: str  # the new head hash (= fields["hash"])
    warnings: tuple[Notice, ...]
    effect: Effect
    measure: str  # its id as commands name it ("NAME:18.4" in a folder; `fields` hold "18.4")
    created: bool = False  # the journal file did not exist before
    retracted: Entry | None = None  # a retraction: the entry it voids
    folder: bool = False  # written to a folder registry's journal (named as gate.shown_file names it)
    repeats: Entry | None = None  # an earlier entry this one repeats field for field (journal_checks.repeated_by)
    # the measure's units, lead first, when --by named a unit not among them (_units_apart); () else
    units_apart: tuple[str, ...] = ()
    broken: tuple[int, int] | None = None  # (index, line) of the first entry `verify` finds changed, written after all
    cut_short: tuple[int, int] | None = None  # (index, line) of the last entry, unhashed where the journal ended mid-line


# --------------------------------------------------------------------------- append

def append(
    registry: str | os.PathLike | None,
    *,
    command: str,
    measure: str,
    state: str,
    note: str = "",
    date: str | None = None,
    evidence: str | None = None,
    by: str | None = None,
    to: str | None = None,
    reason: str | None = None,
    approved_by: str | None = None,
    late: bool = False,
    milestone: str | None = None,
    entry: str | None = None,
    far_future: bool = False,
    written: Callable[[str, bool], None] | None = None,
    named_registry: str | None = None,
) -> WriteResult:
    """Validate one entry and append it to the journal; see the module docstring. `entry`: of
    a retraction, the entry it voids, by its date or the first digits of its hash (None: the
    measure's latest, unless that is a retraction). `written(journal, folder)` is called as soon
    as the entry is in the journal (as WriteResult names them): what follows, the cache learning
    it, may still be interrupted. `named_registry`: the ledger as the command line named it (-r),
    which a command a refusal says to run instead names too (textsafe.registry_words)."""
    if command not in _COMMAND_STATES:
        raise UsageError(f"unknown journal command {command!r}")
    root = existing_root(registry)
    if packaged_copy(root):
        folder = (root if root.is_dir() else root.parent).resolve()
        # (the folders in the cp it says to run, quoted: a virtual environment's path may hold a space)
        raise refusal(UsageError, "installed_copy", root=str(root), folder=shell_word(str(folder)),
                      schema=shell_word(str(folder.parent / "schema")))
    if bundled_by_default(registry):  # (run in the wrong folder: the example is no ledger of the clerk's)
        raise refusal(UsageError, "bundled_fallen_back", root=str(root))
    typed, measure = measure, item_key(measure)  # (a refusal names the id as typed, as show does: １，２)
    if not measure:  # (record "": it was said to be no measure “” in the plan)
        raise refusal(UsageError, "empty_measure")
    if root.is_dir() and ":" not in measure:
        measure = _with_its_file(root, measure, typed)
    plan_file, stored_id = _plan_file_for(root, measure)
    jpath = journal_path_for(plan_file)
    if journal_present(jpath) and not jpath.exists():
        read_bytes(jpath)  # (a link to nothing: said so, before a lock is made where it leads)
    with _locked(jpath):
        _remove_stale_temporaries(jpath)
        seen = _identity(jpath)  # (before reading: a write after it changes it)
        old = read_bytes(jpath) if journal_present(jpath) else None
        cut_short = _cut_short_at(jpath, old)  # (said now: once written after, verify can no longer tell)
        # (the measure alone, from the cache when it can: the whole of a national registry takes seconds)
        reg = load_item(root, measure)
        today = dates.today(reg.plan.settings.timezone)
        request = _check_request(reg, command=command, measure=measure, state=state, note=note, day=date,
                                 evidence=evidence, by=by, to=to, reason=reason, approved_by=approved_by,
                                 late=late, milestone=milestone, today=today, journal_dir=jpath.parent, entry=entry,
                                 far_future=far_future, typed_id=typed, named_registry=named_registry)
        fields = request.fields(stored_id)
        store = FileCache()
        prefix = _prefix_of(root, plan_file)
        new, entry = _appended(jpath, old, fields, prefix=prefix, store=store)
        verdict = _chain_broken(jpath, old, prefix, store)  # (warned of, not refused: the journal is append-only)
        # (still `old` at the rename, so `reg` was read from it too, and no one else's write is lost)
        atomic_write_bytes(jpath, new, before_rename=partial(_unchanged, jpath, old, seen))
        if written is not None:
            written(str(jpath), root.is_dir())
    after = reg.journal + (request.as_entry(measure, fields["hash"]),)
    if verdict is not _UNKNOWN:  # (the entry chains from the last hash: the verdict holds for the new bytes)
        _remember_chain(store, jpath, prefix, new, verdict[0], fields["hash"], verdict[1] + 1)
    if old is not None:
        remember_append(root, journal=jpath, old=old, new=new, entry=entry, registry=reg, entries=after, store=store)
    effect = _effect(reg, after, measure, today)
    return WriteResult(fields=fields, journal=str(jpath), head=fields["hash"], warnings=request.warnings,
                       effect=effect, created=old is None, measure=measure, retracted=request.retracted,
                       folder=root.is_dir(), repeats=request.repeats, units_apart=request.units_apart,
                       broken=None if verdict is _UNKNOWN else verdict[0], cut_short=cut_short)


# The cache kind of a journal's chain verdict, by its bytes: {"broken": [index, line] or null,
# "bytes": its size, "head": its last hash, "entries": how many}, so that one appended to since
# (a colleague's entries pulled) is checked from there on.
_CHAIN = "chain"
_UNKNOWN = object()


def _chain_broken(jpath: Path, old: bytes | None, prefix: str, store: FileCache):
    """((index, line) of the journal's first entry `verify` finds changed, or None when none is
    (an unhashed one, of a journal begun before hashing, is none); how many entries it holds), or
    _UNKNOWN when it can't be read.
    From the verdict cached for these bytes (by verify, or the write before), or for their first
    bytes and the entries appended since, else by checking the whole chain once (a record to a
    journal of 20,000 entries, 5 MB: some 0.3 s more)."""
    if old is None:
        return None, 0
    found = _chain_verdict(store.get(jpath, _CHAIN, prefix, old))
    if found is not None:
        return found[0], found[3]
    try:
        extended = _chain_extended(jpath, old, prefix, store)
    except RegistryError:  # (the appended text read alone: the whole file decides)
        extended = None
    if extended is not None:
        return extended
    try:
        check = _check_journal(jpath, prefix=prefix, raw=old, store=store)
    except (RegistryError, UsageError, OSError):
        return _UNKNOWN
    return _first_break(check), check.entries


def _chain_verdict(document) -> tuple[tuple[int, int] | None, int, str, int] | None:
    """(broken, bytes, head, entries) of a cached verdict, None when it is not one."""
    if type(document) is not dict:
        return None
    at, size, head, count = (document.get(key) for key in ("broken", "bytes", "head", "entries"))
    if at is not None and not (type(at) is list and len(at) == 2 and all(type(n) is int for n in at)):
        return None
    if type(size) is not int or type(count) is not int or not (isinstance(head, str) and chain.HASH.fullmatch(head)):
        return None
    return (None if at is None else (at[0], at[1])), size, head, count


def _chain_extended(jpath: Path, old: bytes, prefix: str, store: FileCache):
    """_chain_broken from the verdict cached for `old`'s first bytes, the entries appended
    since read alone (as the cache reads them: registry.appends_entries); None when there is none."""
    version = store.stored_version(jpath, _CHAIN, prefix)
    found = None if version is None else _chain_verdict(store.get(jpath, _CHAIN, prefix, version))
    if found is None or not appends_entries(old, found[1], version):
        return None
    broken, size, prev, count = found
    data = journal_as_written(jpath, old[size:])
    if not isinstance(data, list):
        return None
    lines = old.count(b"\n", 0, size)
    for at, item in enumerate(data):
        if broken is not None:
            break
        where = (count + at + 1, data.item_pos[at][0] + lines if at < len(data.item_pos) else 0)
        if not isinstance(item, dict):
            broken = where
            continue
        item = entry_as_written(item)
        digest = item.get("hash")
        if not isinstance(digest, str):
            if prev != chain.GENESIS:  # (after a hashed entry: see _first_break)
                broken = where
            continue
        if chain.entry_hash(prev, item) != digest:
            broken = where
        prev = digest
    _remember_chain(store, jpath, prefix, old, broken, _last_hash([{"hash": prev}, *data]), count + len(data))
    return broken, count + len(data)


def _first_break(check: JournalCheck) -> tuple[int, int] | None:
    """The first problem but an unhashed entry before any hashed one (a journal begun before
    hashing); one after is an entry written by hand, or a hash line cut off."""
    first_hashed = min((index for _, index, _ in (*check.verified, *check.beyond)), default=None)
    bad = next((p for p in check.problems if p.problem != "unhashed" or (first_hashed or p.index) < p.index), None)
    return None if bad is None else (bad.index, bad.line)


def _remember_chain(store: FileCache, jpath: Path, prefix: str, raw: bytes, broken: tuple[int, int] | None,
                    head: str, entries: int) -> None:
    store.put(jpath, _CHAIN, prefix, raw, {"broken": None if broken is None else list(broken), "bytes": len(raw),
                                           "head": head, "entries": entries})


def _prefix_of(root: Path, plan_file: Path) -> str:
    """The id prefix of the plan file's measures (see layout.registry_files)."""
    return next(prefix for plan, _, prefix in registry_files(root) if plan == plan_file)


def _appended(jpath: Path, old: bytes | None, fields: dict, *, prefix: str, store: FileCache) -> tuple[bytes, bytes]:
    """(the journal's new bytes, the entry's text): `old` and the entry of `fields`, its hash
    (set in `fields`) chained from the journal's last. Checked to read back as the old entries
    plus exactly this one; else JournalWriteError.

    With the journal in the cache, its last hash is known without reading it; where the old
    text is a list of entries at the margin, only the entry and the last one before it are read
    back (_reads_back_appended), else the old and the new text at once, in two processes (a
    57 MB journal: 1.2 s instead of 2.5); anything that doesn't agree is done again the long
    way, one text after the other."""
    cached = _cached_last(jpath, old, prefix, store) if old is not None else None
    if cached is not None:
        last, line = cached
        fields["hash"] = chain.entry_hash(last, fields)
        entry = render_entry(fields)
        new = _joined(old, entry)
        if _reads_back_appended(new, old, fields, last, line, jpath) or _reads_back_at_once(new, old, fields, last, jpath):
            return new, entry
    old_raw = _raw_entries(old, jpath) if old is not None else []
    fields["hash"] = chain.entry_hash(_last_hash(old_raw), fields)
    entry = render_entry(fields)
    new = _joined(old, entry)
    _check_round_trip(new, old, old_raw, fields, jpath)
    return new, entry


def _cached_last(jpath: Path, old: bytes, prefix: str, store: FileCache) -> tuple[str, int | None] | None:
    """(the hash of the journal's last entry, the line it starts on) from its cached rows (a
    cached journal's entries are all rows: one with a problem is never cached); the line is None
    when there is no entry yet. None when the cache can't tell."""
    found = store.get_rows(jpath, "journal", prefix, old, pick=lambda _, count: [count - 1] if count else [], sealed=True)
    if found is None:
        return None
    if not found[1]:
        return chain.GENESIS, None
    row = found[1][0]
    digest, line = (row[ROW_HASH], row[-2]) if len(row) > ROW_HASH else (None, None)
    if not (isinstance(digest, str) and chain.HASH.fullmatch(digest) and type(line) is int):
        return None
    return digest, line


def _reads_back_appended(new: bytes, old: bytes, fields: dict, last: str, line: int | None, jpath: Path) -> bool:
    """Whether `new` (`old`, then an entry) reads as the entries `old` reads as, then exactly
    `fields`, and `old`'s last entry (from `line` on) has the hash `last`, reading only those two
    entries: when `old` is a list of entries at the left margin ending with a line break, what
    is appended can't change how they read (registry.continues_entries: the rule by which the
    cache reads only what was appended). A 57 MB journal is then not read at all."""
    if line is None or not continues_entries(new, len(old)):
        return False
    at = len(old)  # back to the start of `line`: old ends with a line break, so it has count("\n") lines
    for _ in range(old.count(b"\n") - line + 1):
        at = old.rfind(b"\n", 0, at - 1) + 1
    try:
        appended, before = _raw_entries(new[len(old):], jpath), _raw_entries(old[at:], jpath)
    except RegistryError:
        return False
    return (appended == [fields] and len(before) == 1 and isinstance(before[0], dict)
            and before[0].get("hash") == last)


def _reads_back_at_once(new: bytes, old: bytes, fields: dict, last: str, jpath: Path) -> bool:
    """Whether `new` reads (by the fast parser) as the entries `old` reads as, then exactly
    `fields`, and `old`'s last hash is `last`: each text read in a process of its own, the
    entries compared by the digest of their JSON."""
    from . import fanout

    got, had = fanout.run(partial(_reading, jpath=jpath), [(new, True), (old, False)],
                          encode=compact_json, decode=loads_json)
    return (got is not None and had is not None and got["count"] == had["count"] + 1
            and got["digest"] == had["digest"] and got["last"] == fields and had["last_hash"] == last)


def _reading(text: tuple[bytes, bool], *, jpath: Path) -> dict | None:
    """Of a journal's bytes: how many entries, the digest of their JSON (but the last, when
    `appended`), the last entry (when `appended`) and the last hash; None when it doesn't read
    as a list."""
    raw, appended = text
    try:
        data = _read(raw, jpath, fast=True)
    except RegistryError:
        return None
    if not isinstance(data, list) or (appended and not data):
        return None
    earlier = data[:-1] if appended else data
    return {"count": len(data), "digest": hashlib.sha256(compact_json(earlier)).hexdigest(),
            "last": data[-1] if appended else None, "last_hash": _last_hash(data)}


def lock_timeout() -> float:
    """The seconds a writer waits for the journal's lock: $RECTIFY_LOCK_TIMEOUT, else
    LOCK_TIMEOUT_SECONDS. Refused unless a finite number, at least 0 (filelock waits forever on
    a negative one: a writer that never returns)."""
    text = os.environ.get(ENV_LOCK_TIMEOUT, "").strip()
    if not text:
        return LOCK_TIMEOUT_SECONDS
    try:
        seconds = float(text)
    except ValueError:
        seconds = None
    if seconds is None or not 0 <= seconds < float("inf"):  # (nan too)
        raise refusal(UsageError, "lock_timeout", option=ENV_LOCK_TIMEOUT, text=text)
    return seconds


# What flock says on a file system that takes no locks: an NFS mount without its lock service
# (ENOLCK), some FUSE or SMB mounts (EOPNOTSUPP), one with no flock at all (ENOSYS). The file
# opened; waiting would not help.
_NO_LOCKS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP), errno.ENOSYS})


class _locked:
    """filelock on `<journal>.lock`: writers queue; after lock_timeout() we give up clearly.

    The lock sits beside the file the journal's name leads to: two registry folders linking
    one journal (kept on a shared drive) lock the same file, as the write replaces the same
    file. It is made with the journal's permissions, so that whoever may write the journal
    (the group of a shared folder) may take its lock."""

    def __init__(self, jpath: Path):
        self.path = Path(os.path.realpath(jpath) + ".lock")
        try:
            info = os.stat(jpath)
        except OSError:  # (a journal not written yet: a new file's mode, the folder's group)
            info = None
        # (its read and write permissions, its owner's always: filelock needs them)
        self.mode = (stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~umask()) & 0o666 | 0o600
        self.group = info.st_gid if info is not None else None

    def __enter__(self):
        from filelock import FileLock, Timeout

        seconds = lock_timeout()
        # (not filelock's fallback where flock is missing, ENOSYS: a lock by the lock file's
        # existence, said in a Python warning, which the lock file we leave in place holds for good)
        self.lock = FileLock(str(self.path), timeout=seconds, mode=self.mode, fallback_to_soft=False)
        self.made = self._make()
        try:
            self.lock.acquire()
        except Timeout:
            raise JournalWriteError(problem(str(self.path), None, None, "journal_locked",
                                            seconds=f"{seconds:.3f}".rstrip("0").rstrip("."))) from None
        except OSError as exc:
            if exc.errno in _NO_LOCKS:  # (no one can hold a lock there: ours was made for nothing)
                self._remove_made()
            raise JournalWriteError(self._refusal(exc)) from None
        except KeyboardInterrupt:  # (Ctrl-C while another writer held it: the file made to wait on stayed behind)
            self._remove_made_if_free()
            raise
        self._widen()
        return self

    def _make(self) -> os.stat_result | None:
        """Make the lock file when there is none, and say which file it is (None: it was there,
        perhaps another's, or it can't be made: filelock says why). Only a lock file made here
        is removed when nothing was written (_remove_made)."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, self.mode)
        except OSError:
            return None
        try:
            return os.fstat(fd)
        finally:
            os.close(fd)

    def _remove_made(self) -> None:
        """Remove the lock file made by _make, while it is still that file: a write refused
        left an empty `<journal>.lock` that `git status` showed (beside an export given as the
        registry, say). Done while the lock is held: a writer waiting on it then finds it
        removed and locks the new one (filelock checks), never the removed one beside another."""
        with contextlib.suppress(OSError):  # (Windows removes none that is open: filelock does on release)
            if self.made is not None and os.path.samestat(os.lstat(self.path), self.made):
                os.unlink(self.path)

    def _remove_made_if_free(self) -> None:
        """_remove_made, for a wait given up: only while the lock is taken here at once, as it is
        done. Removed under the lock of a writer that took it first, a third writer would make
        and lock a new file and write while that one does; the file then stays, as another's."""
        if self.made is None:
            return
        from filelock import Timeout

        with contextlib.suppress(Timeout, OSError):
            self.lock.acquire(timeout=0)
            try:
                self._remove_made()
            finally:
                self.lock.release()

    def _refusal(self, exc: OSError) -> Problem:
        if exc.errno in _NO_LOCKS:
            return problem(str(self.path), None, None, "journal_lock_unsupported", folder=str(self.path.parent))
        try:
            info = os.lstat(self.path)
        except OSError:
            info = None
        if info is not None and (stat.S_ISDIR(info.st_mode) or stat.S_ISLNK(info.st_mode)):
            # (filelock opens no link, and the system's cause, "too many levels of symbolic links", misleads)
            what = Notice("lock_place_folder" if stat.S_ISDIR(info.st_mode) else "lock_place_link", {})
            return problem(str(self.path), None, None, "journal_lock_not_a_file", what=what)
        if isinstance(exc, PermissionError) and info is not None:  # (it is there: it could not be opened)
            return problem(str(self.path), None, None, "journal_lock_not_yours", owner=owner_name(info.st_uid),
                           mode=stat.filemode(info.st_mode))
        if info is not None:  # (there, and not made now: opening it failed, on a read-only mount say)
            return problem(str(self.path), None, None, "journal_lock_unopened", why=os_reason(exc))
        return problem(str(self.path), None, None, "journal_lock_failed", why=os_reason(exc),
                       folder=str(self.path.parent))

    def _widen(self) -> None:
        """A lock of ours is given the journal's group (a new file gets the writer's own, in a
        folder without setgid) and its permissions (one made before took them was 0644 by the
        umask): the journal's group may record again."""
        if not hasattr(os, "geteuid"):  # (Windows: no owner, group nor modes to give)
            return
        try:
            info = os.stat(self.path)
            if info.st_uid != os.geteuid():
                return
            if self.group is not None and info.st_gid != self.group:
                os.chown(self.path, -1, self.group)  # (allowed to a member of that group)
            if stat.S_IMODE(info.st_mode) != self.mode:
                os.chmod(self.path, self.mode)
        except OSError:
            pass

    def __exit__(self, kind, *exc):
        try:
            if kind is not None:  # (refused or interrupted: as a rule nothing was written; either way removing is safe)
                self._remove_made()
        finally:
            self.lock.release()
        return False


# A temporary file atomic_write_bytes makes for the journal (tempfile.mkstemp's 8 characters).
_TEMPORARY = r"\.{name}\.[a-z0-9_]{{8}}\.tmp"
_STALE_SECONDS = 15 * 60


def _remove_stale_temporaries(jpath: Path) -> None:
    """Remove the temporary files of writes killed before their rename (a power cut, kill -9),
    which `git add .` would commit. Under the lock a temporary file is no live writer's (each
    holds the lock until its rename); that of one a quarter of an hour old is no writer's that
    took the lock some other way either (an older rectify locking beside a link)."""
    target = Path(os.path.realpath(jpath))
    pattern = re.compile(_TEMPORARY.format(name=re.escape(target.name)))
    try:
        names = [n for n in os.listdir(target.parent) if pattern.fullmatch(n)]
    except OSError:
        return
    now = time.time()
    for name in names:
        try:
            info = os.lstat(target.parent / name)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > _STALE_SECONDS:
                os.unlink(target.parent / name)
        except OSError:
            pass


def _identity(jpath: Path) -> tuple[int, int, int] | None:
    """(inode, size, modification time in ns) of the journal, or None when there is none."""
    try:
        info = os.stat(jpath)
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _unchanged(jpath: Path, old: bytes | None, seen: tuple[int, int, int] | None) -> None:
    """Refuse the write when the journal is no longer the `old` bytes it was read as: something
    that takes no lock of ours (a git pull, a sync client, an editor) wrote it while the entry
    was prepared, and the rename would lose what it wrote. `seen`: its _identity before it was
    read; the same still, it was not written since (its bytes are read again only otherwise:
    a national journal is tens of megabytes)."""
    if old is None:
        same = not os.path.lexists(jpath)
    elif seen is not None and _identity(jpath) == seen:
        same = True
    else:
        try:
            same = os.stat(jpath).st_size == len(old) and jpath.read_bytes() == old
        except FileNotFoundError:
            same = False
    if not same:
        raise JournalWriteError(problem(str(jpath), None, None, "journal_changed"))


def _with_its_file(root: Path, measure: str, typed: str) -> str:
    """"NAME:18.4" for "18.4" in a folder registry, when exactly one of its files has that
    measure (as `show` and `history` find it); else UsageError, naming it as `typed`."""
    plan = load_item(root, measure).plan
    ids = [m.id for m in plan.measures()]
    found = named_id(measure, ids)
    if found is not None:
        return found
    raise _in_several_files(measure, ids) or refusal(UsageError, "no_measure", measure=typed,
                                                     hint=_no_measure_hint(measure, ids, plan))


def _no_measure_hint(measure: str, ids, plan) -> Notice | None:
    """The ids close to an unknown measure id, else the range of tasks, as `show` says it (a
    folder's file named: its tasks' span)."""
    task_ids = [t.id for t in plan.tasks]
    return is_file_hint(measure, task_ids) or suggested(close_ids(measure, ids)) or tasks_range(task_ids, measure)


def _in_several_files(measure: str, ids) -> UsageError | None:
    """ids.several_files_have's refusal of an id several files of a folder have, or None."""
    several = ids_in_files(measure, ids)
    return refusal(UsageError, "several_files", measure=measure, ids=few_of(several)) if len(several) > 1 else None


def _plan_file_for(root: Path, measure: str) -> tuple[Path, str]:
    """The plan file whose journal receives the entry, and the id as written in that journal."""
    if not root.is_dir():
        return root, measure
    prefix, sep, local = measure.rpartition(":")
    files = plan_files(root)
    if sep:
        for file in files:
            if file.stem == prefix:
                return file, local
        near = close_matches(prefix, [f.stem for f in files])  # (of another case, or misspelt)
        hint = (Notice("plan_file_meant", {"name": f"{near[0]}:{local}"}) if len(near) == 1
                else Notice("plan_files", {"files": [f.stem for f in files]}))
        raise refusal(UsageError, "no_plan_file", root=str(root), prefix=prefix, hint=hint, measure=measure)
    raise refusal(UsageError, "measure_needs_file", root=str(root),
                   example=f"{files[0].stem if files else 'file'}:{measure}")


@dataclass(frozen=True)
class _Request:
    day: date
    state: EntryState
    note: str
    evidence: str | None
    by: str | None
    milestone: date | None
    to: date | None
    reason: str | None
    approved_by: str | None
    late: bool
    warnings: tuple[Notice, ...]
    recorded: date | None = None  # the day it is written, when after its date
    retracted: Entry | None = None  # a retraction: the entry it voids
    repeats: Entry | None = None  # an earlier entry it repeats field for field
    far_future: bool = False  # an extension more than FAR_YEARS on, confirmed (--far-future)
    units_apart: tuple[str, ...] = ()  # the measure's units, when `by` is none of them (_units_apart)

    def fields(self, stored_id: str) -> dict:
        raw = {
            "measure": stored_id, "date": self.day.isoformat(), "state": self.state.value,
            "retracts": self.retracted.hash if self.retracted else None, "note": self.note,
            "evidence": self.evidence, "by": self.by,
            "milestone": self.milestone.isoformat() if self.milestone else None,
            "to": self.to.isoformat() if self.to else None,
            "reason": self.reason, "approved_by": self.approved_by, "late": True if self.late else None,
            "far_future": True if self.far_future else None,
            "recorded": self.recorded.isoformat() if self.recorded else None,
        }
        return {k: v for k, v in raw.items() if v is not None}

    def as_entry(self, measure: str, digest: str) -> Entry:
        return Entry(measure=measure, date=self.day, state=self.state, note=self.note, evidence=self.evidence,
                     by=self.by, milestone=self.milestone, to=self.to, reason=self.reason,
                     approved_by=self.approved_by, late=self.late, hash=digest, recorded=self.recorded,
                     retracts=self.retracted.hash if self.retracted else None, far_future=self.far_future)


def _check_request(reg: Registry, *, command: str, measure: str, state: str, note: str, day: str | None,
                   evidence: str | None, by: str | None, to: str | None, reason: str | None,
                   approved_by: str | None, late: bool, today: date, journal_dir: Path,
                   milestone: str | None = None, entry: str | None = None, far_future: bool = False,
                   typed_id: str | None = None, named_registry: str | None = None) -> _Request:
    """Every check of a write request against the plan and journal (no I/O but hashing evidence
    and looking for the repository it may lie in).
    `typed_id`: the id as the user wrote it, which a refusal of no such measure names;
    `named_registry`: the ledger as -r named it, for a command a refusal says to run (_instead)."""
    plan = reg.plan
    ids = [m.id for m in plan.measures()]
    target = next((m for m in plan.measures() if m.id == measure), None)
    if target is None:
        task = next((t for t in plan.tasks if t.id == measure), None)
        hint = (Notice("task_not_measure", {"task": measure, "measures": [m.id for m in task.measures]})
                if task is not None else _no_measure_hint(measure, ids, plan))
        raise refusal(UsageError, "no_measure", measure=typed_id or measure, hint=hint)

    allowed = _COMMAND_STATES[command]
    typed = str(state).strip()
    try:
        entry_state = EntryState(typed)
    except ValueError:
        names = [s.value for s in allowed]
        # (推进中, 销号, 延期: a state typed in the words history and show print it in, told as the loader tells it)
        said = WRITTEN_AS.get(typed)
        if said not in (EntryState.EXTENDED.value, EntryState.RETRACTED.value):
            hint = suggested([said]) if said in names else suggestion(str(state), names)
            raise refusal(UsageError, "unknown_state", state=state, hint=hint, states=names) from None
        entry_state = EntryState(said)  # (refused below, naming the command that writes it)
    if entry_state not in allowed:
        if entry_state is EntryState.EXTENDED:
            raise refusal(UsageError, "state_use_extend", state=typed)
        if entry_state is EntryState.RETRACTED:
            raise refusal(UsageError, "state_use_retract", state=typed)
        raise refusal(UsageError, "state_not_allowed", state=entry_state.value, command=command,
                       states=[s.value for s in allowed])

    when = typed_date(day, "--date", dates.parse_event_date) if day is not None else today
    if when > today:
        raise refusal(UsageError, "date_future", date=when.isoformat(), today=today.isoformat())
    feedback = plan.meta_of(measure).feedback_date
    if when < feedback:  # (1900-01-01, 2091 for 2019: a slip of the keyboard)
        raise refusal(UsageError, "date_before_feedback", date=when.isoformat(), feedback=feedback.isoformat())

    note = _text(note, "--note") or ""
    if says_nothing(note):  # (--note " ", where a note may be left out: written as none, as --note "" is)
        note = ""
    # (a folder's plan files by their ids' prefix, "naqu:": naqu.yaml, to name a unit's file)
    files = {f"{Path(f).stem}:": Path(f).name for f in reg.plan_files}
    unit = partial(_unit, reg, measure=target.id, files=files)
    if by is not None and not by.strip():  # (--by "", a variable left unset: the entry would lose its unit unsaid)
        raise refusal(UsageError, "empty_unit", option="--by")
    if evidence is not None and says_nothing(evidence):  # (--evidence "", as --by "": it was written as none, unsaid)
        raise refusal(UsageError, "empty_evidence")
    by_unit = unit(by, "--by")
    evidence_text, outside = _evidence(evidence, journal_dir)
    warnings: list[Notice] = [outside] if outside is not None else []
    if evidence_text is not None and not evidence_text.startswith("file:"):
        if _is_folder(evidence_text):  # (a folder's contents can't be pinned by one hash)
            warnings.append(Notice("evidence_is_folder", {"evidence": evidence_text}))
        elif _LOOKS_LIKE_A_PATH.match(evidence_text):
            warnings.append(Notice("evidence_not_found", {"evidence": evidence_text}))

    # The measure's state just before this entry, as of its date.
    report = engine.evaluate(plan=plan, journal=reg.journal, as_of=when)
    result = next(m for m in report.measures() if m.id == measure)
    dated = [ms for ms in result.milestones if ms.kind is not MilestoneKind.ONGOING]
    has_ongoing = any(ms.kind is MilestoneKind.ONGOING for ms in result.milestones)
    instead = partial(_instead, measure=measure, note=note, day=when.isoformat() if day is not None else None,
                      evidence=evidence, by=by, registry=named_registry)
    step = _step(milestone, entry_state, measure, dated)  # the one dated milestone named, if one is
    milestone = step.original_due if step is not None else None
    to_day = reason_text = approver = retracted = None
    far = False

    if entry_state is EntryState.DONE:
        if not evidence_text:
            raise refusal(JournalWriteError, "evidence_missing", measure=measure)
        if not dated:
            # (a report needs a note: none typed, none is made up, but a placeholder stands for it, to be
            # replaced: the command pasted without one was refused in its turn)
            raise refusal(JournalWriteError, "close_ongoing_only", measure=measure,
                          run=instead("report", needs_note=True),
                          needs_note="" if note else Notice("note_needed_too", {}))
        if conflict := _state_conflict(entry_state, measure, result, when, milestone=milestone):
            if standing := _close_retracted_after(reg.journal, measure, when, milestone=milestone):
                raise refusal(JournalWriteError, "closed_until_retracted", conflict=conflict,
                              closed=standing[0].isoformat(), retracted=standing[1].isoformat())
            raise refusal(JournalWriteError, "reopen_first", conflict=conflict)
        pending = [ms for ms in dated if not ms.done]
        if step is None and len(pending) > 1:  # (a step due next year closed with this one: was it meant?)
            warnings.append(Notice("closed_all_steps", {"n": len(pending),
                                                        "deadlines": [ms.original_due.isoformat() for ms in pending]}))
        due = step.due if step is not None else result.next_due  # (what this close meets or misses)
        if due is not None and due < when:
            warnings.append(Notice("closed_late", {"days": (when - due).days, "deadline": due.isoformat()}))
        elif due is not None and due < today:
            warnings.append(_recorded_after(due, when=when, today=today))
    elif entry_state is EntryState.REOPENED:
        if says_nothing(note):
            raise refusal(UsageError, "note_reopen")
        if conflict := _state_conflict(entry_state, measure, result, when):
            raise refusal(JournalWriteError, conflict.key, **conflict.values)
    elif entry_state is EntryState.IN_PROGRESS:
        if says_nothing(note):  # (as a report: it would clear 久未报告, saying nothing)
            raise refusal(UsageError, "note_in_progress")
        if result.status is engine.Status.DONE:  # (work under way again is a reopening: this entry leaves it closed)
            warnings.append(Notice("in_progress_closed", {"measure": measure}))
    elif entry_state is EntryState.REPORT:
        if says_nothing(note):  # (it would clear 久未报告, reporting nothing)
            raise refusal(UsageError, "note_report")
        if not has_ongoing:
            raise refusal(JournalWriteError, "no_ongoing_part", measure=measure,
                          run=instead("record", "--state", "in_progress"))
    elif entry_state is EntryState.EXTENDED:
        if to is None:
            raise refusal(UsageError, "to_missing")
        to_day = typed_date(to, "--to", dates.parse_user_date)
        reason_text = _text(reason, "--reason")
        if not reason_text or says_nothing(reason_text):
            raise refusal(UsageError, "reason_missing")
        approver = unit(approved_by, "--approved-by")
        if approver is None:
            raise refusal(UsageError, "approver_missing")
        if conflict := _state_conflict(entry_state, measure, result, when, to=to_day, milestone=milestone):
            raise refusal(JournalWriteError, conflict.key, **conflict.values)
        moving = _moved(result, milestone)
        # (confirmed, kept in the entry: validate and status warn of it no more; of one not far, not written)
        far = to_day > dates.years_after(moving.due, FAR_YEARS)
        if far and not far_future:  # (2919 typed for 2019)
            raise refusal(UsageError, "to_far_future", to=to_day.isoformat(), due=moving.due.isoformat(),
                          years=FAR_YEARS)
        if late_extension(when, deadline=moving.due) and not late:
            raise refusal(JournalWriteError, "extension_late", measure=measure, date=when.isoformat(),
                           due=moving.due.isoformat(), days=(when - moving.due).days)
        late_asked, late = late, late_extension(when, deadline=moving.due)
        if late:
            warnings.append(Notice("late_extension", {"days": (when - moving.due).days,
                                                      "deadline": moving.due.isoformat()}))
        elif moving.due < today:
            warnings.append(_recorded_after(moving.due, when=when, today=today))
        if late_asked and not late:
            warnings.append(Notice("late_left_out", {"deadline": moving.due.isoformat()}))
        if far_future and not far:  # (not written: said, as --late on time is)
            warnings.append(Notice("far_future_left_out", {"to": to_day.isoformat(), "deadline": moving.due.isoformat(),
                                                           "years": FAR_YEARS}))
        milestone = moving.original_due
    elif entry_state is EntryState.RETRACTED:
        if says_nothing(note):
            raise refusal(UsageError, "reason_retract")
        retracted = _retracted_entry(reg, measure, entry, when)
    if (when.year, when.month) < (today.year, today.month):  # (its month's summary may be filed)
        warnings.append(Notice("month_over", {"month": f"{when.year:04d}-{when.month:02d}", "year": when.year,
                                              "number": when.month}))
    latest = max((e.date for e in reg.journal if e.measure == measure), default=None)
    if latest is not None and when < latest:
        warnings.append(Notice("back_filled", {"date": when.isoformat(), "measure": measure,
                                               "latest": latest.isoformat()}))
    request = _Request(day=when, state=entry_state, note=note, evidence=evidence_text, by=by_unit,
                       milestone=milestone, to=to_day, reason=reason_text, approved_by=approver,
                       late=bool(late) if entry_state is EntryState.EXTENDED else False,
                       far_future=entry_state is EntryState.EXTENDED and far,
                       warnings=tuple(warnings), recorded=today if when < today else None, retracted=retracted,
                       # (not of a retraction: whoever finds a mistake voids it, and the retract it would advise
                       # voids the retraction)
                       units_apart=() if entry_state is EntryState.RETRACTED else _units_apart(plan, target, by_unit))
    if latest is not None and when < latest and entry_state in CHANGES_MILESTONES:
        _check_later_entries(reg, measure, request)
    mine = [e for e in reg.journal if e.measure == measure]
    return replace(request, repeats=repeated_by(mine, request.as_entry(measure, None)))


def _units_apart(plan: Plan, measure: Measure, by: str | None) -> tuple[str, ...]:
    """The measure's units, lead first, when `by` (the unit --by named) is none of those it falls
    to: its owners; each region of its file, of one owned by a unit standing for every region
    (各地市); the regions its task is about (拉萨市 writing for its county's 40.3), as `status
    --owner` and `--region` count them. () when it is one, or when the plan can't tell: an owner or
    `by` of kind other (各级党委、政府及有关部门 stands for many units, 整改办 oversees all), or a
    department writing for a region's measure (the province's department overseeing it: a
    回头看 reopens it). A subregion is no region's: nothing says which region a county is in."""
    if by is None:
        return ()
    kinds = {unit.name: unit.kind for unit in plan.units}
    task = next(task for task in plan.tasks if task.id == measure.task_id)
    index = engine.unit_index(plan.units)
    theirs = (engine.owners_with_regions(plan.units)(measure) | {measure.lead}
              | {index.get(region, region) for region in task.regions})
    if by in theirs or OTHER in (kinds.get(by), *(kinds.get(owner) for owner in measure.owners)):
        return ()
    if kinds.get(by) == DEPARTMENT and any(kinds.get(unit) in (REGION, SUBREGION, ALL_REGIONS) for unit in theirs):
        return ()
    return measure.lead_first


def _instead(command: str, *words: str, measure: str, note: str, day: str | None, evidence: str | None,
             by: str | None, registry: str | None, needs_note: bool = False) -> str | Notice:
    """The command a refusal says to run instead, whole: the measure, then the options given that
    it takes too (the date as read, the rest as typed), quoted for a POSIX shell: pasted, it
    writes what was meant (a bare `rectify report` was refused for want of the measure, then of
    the note typed a moment before). `needs_note`: the command needs a --note, which, none typed,
    it gives a placeholder to replace (refused_run_with_note), where a typed one would stand."""
    # (a note's CR LF as the LF it is, as history and show have it: not \x0d and a space)
    given = (("--date", day), ("--evidence", evidence), ("--by", by))
    head = " ".join(shell_word(word) for word in ("rectify", command, measure, *words))
    rest = "".join(f" {shell_word(word)}" for pair in given if pair[1] for word in pair) + registry_words(registry)
    if note:
        return f"{head} --note {shell_word(line_ends(note))}{rest}"
    return Notice("run_with_note", {"command": head, "options": rest}) if needs_note else head + rest


def _retracted_entry(reg: Registry, measure: str, given: str | None, when: date) -> Entry:
    """The entry a retraction dated `when` voids: the one `given` names (a day, or the first
    digits of a hash), else the measure's latest in the journal. Refused when there is none, it
    is voided already, it is dated after `when`, or a later entry depends on it. A latest entry
    that is a retraction is neither passed over nor undone unasked (run twice, `retract` would
    void a true entry, or bring back a mistaken one): --entry names it, or the one meant."""
    mine = [e for e in reg.journal if e.measure == measure]  # (in file order)
    void = engine.voided_entries(mine)
    if given is None:
        if not mine:
            raise refusal(UsageError, "nothing_to_retract", measure=measure)
        target = mine[-1]
        if target.state is EntryState.RETRACTED:
            raise refusal(UsageError, "latest_is_retraction", measure=measure, date=target.date.isoformat(),
                          hash=(target.hash or "")[:12])
    else:
        target = _named_entry(mine, given, measure)
    if target.hash is None:  # (written before entries were hashed: no retraction can name it)
        raise refusal(UsageError, "retract_unhashed", date=target.date.isoformat(), state=Word(ENTRY, target.state.value))
    if target.hash in void:
        raise refusal(UsageError, "already_retracted", date=target.date.isoformat(),
                      state=Word(ENTRY, target.state.value), hash=target.hash[:12])
    if when < target.date:
        raise refusal(UsageError, "retract_before_target", date=when.isoformat(), target=target.date.isoformat(),
                      state=Word(ENTRY, target.state.value))
    # (undone, a retraction voids nothing from `when` on: its entry counts again from then)
    since = when if target.state is EntryState.RETRACTED else target.date
    _check_entries_after(reg, measure, mine, void, target, since)
    return target


def _named_entry(mine: list[Entry], given: str, measure: str) -> Entry:
    """The one entry of `mine` (a measure's) that --entry `given` names: by the first digits of
    its hash, or by its day; refused when none or several are."""
    text = item_key(given).lower()  # (full-width digits and letters, as an id is typed, read as ASCII)
    if _HASH_PREFIX.fullmatch(text):
        found = [e for e in mine if e.hash is not None and e.hash.startswith(text)]
    else:
        try:
            day = dates.parse_event_date(given)
        except dates.DateFormatError as exc:
            likely = dates.likely_date(given)
            if exc.kind is None and (likely is None or likely[0] != "no_year"):
                raise refusal(UsageError, "entry_unreadable", text=given) from None
            # (raises: a month, no such day, or a day without its year, said so as --date says it)
            day = typed_date(given, "--entry", dates.parse_event_date)
        found = [e for e in mine if e.date == day]
    if not found:
        raise refusal(UsageError, "no_such_entry", measure=measure, entry=given.strip())
    if len(found) > 1:
        # (with the start of what each says: history shows no hash, by which alone they differ)
        listed = [Notice("entry_listed_said" if _said(e) else "entry_listed",
                         {"date": e.date.isoformat(), "state": Word(ENTRY, e.state.value), "hash": (e.hash or "")[:12],
                          "said": _said(e)}) for e in found]
        raise refusal(UsageError, "several_entries", measure=measure, entry=given.strip(), entries=listed)
    return found[0]


LISTED_SAID_CELLS = 24  # (an entry's note, reason or evidence, in a list naming several of one day)


def _said(entry: Entry) -> str:
    """The start of what `entry` says, on one line: its note, else its reason or evidence."""
    text = entry.note or entry.reason or entry.evidence or ""
    return clip(printable(line_ends(text), single_line=True).strip(), LISTED_SAID_CELLS)


def _check_entries_after(reg: Registry, measure: str, mine: list[Entry], void: dict, target: Entry,
                         since: date) -> None:
    """Refuse to void `target` when an entry that changes milestones, recorded after it and on or
    after `since` (by date), and not voided itself, would then be wrong as of its date: a
    reopening of the close retracted, which must be retracted first; a second close, when the
    retraction undone brings back a close."""
    ordered = sorted(mine, key=lambda e: e.date)  # (stable: file order on a day)
    after = ordered.index(target) + 1
    for at in range(after, len(ordered)):
        later = ordered[at]
        if later.state not in CHANGES_MILESTONES or later.hash in void or later.date < since:
            continue
        before = [e for e in ordered[:at] if e is not target]
        result = next(m for m in engine.evaluate(plan=reg.plan, journal=before, as_of=later.date).measures()
                      if m.id == measure)
        conflict = _state_conflict(later.state, measure, result, later.date, to=later.to, milestone=later.milestone,
                                   late=later.late, option="")
        if conflict:
            raise refusal(JournalWriteError, "retract_later_first", date=target.date.isoformat(),
                          state=Word(ENTRY, target.state.value), later_date=later.date.isoformat(),
                          later_state=Word(ENTRY, later.state.value), hash=(later.hash or "")[:12], conflict=conflict)


def _step(given: str | None, state: EntryState, measure: str, dated: list):
    """The dated milestone (a MilestoneResult) --milestone names by its original due, or None
    when none is given. Only a close or an extension names one."""
    if given is None:
        return None
    if state not in (EntryState.DONE, EntryState.EXTENDED):
        raise refusal(UsageError, "milestone_wrong_state")
    day = typed_date(given, "--milestone", dates.parse_user_date)
    step = next((ms for ms in dated if ms.original_due == day), None)
    if step is None:
        deadlines = sorted({ms.original_due.isoformat() for ms in dated})
        if not deadlines:
            raise refusal(UsageError, "milestone_no_steps", day=day.isoformat(), measure=measure)
        raise refusal(UsageError, "milestone_not_a_step", day=day.isoformat(), measure=measure, deadlines=deadlines)
    return step


def typed_date(text: str, option: str, parse, unreadable: str | None = None) -> date:
    """`text` read by `parse` (dates.parse_event_date, parse_user_date); a refusal naming
    `option` when it does not read, in English the parser's own words: the one for every option
    taking a date, so that each says alike what is wrong (a day without its year, 6月30日).
    `unreadable`: the key for a text that is no date, when the forms it lists are not the parser's."""
    try:
        return parse(text)
    except dates.DateFormatError as exc:
        detail = str(exc)
        values = {"option": option, "text": text, "detail": detail}
        if exc.kind == "month":
            month = dates.parse_user_date(text)
            raise refusal(UsageError, "date_month", month=f"{month.year:04d}-{month.month:02d}", **values) from None
        if exc.kind == "not_real":
            raise refusal(UsageError, "date_not_real", why=not_real_reason(exc.detail), **values) from None
        likely = dates.likely_date(text)
        if likely is not None and likely[0] == "no_year":  # (6月30日: which year is not guessed)
            raise refusal(UsageError, "date_no_year", written=likely[1], **values) from None
        key = "date_unreadable_day" if parse is dates.parse_event_date else "date_unreadable"
        raise refusal(UsageError, unreadable or key, **values) from None


def _recorded_after(deadline: date, *, when: date, today: date) -> Notice:
    """A close or an extension dated by its deadline but written after it: on time by its date
    (which the journal, and every report, takes as given), said so that the date is checked."""
    return Notice("recorded_after_deadline", {"deadline": deadline.isoformat(), "days": (today - deadline).days,
                                              "date": when.isoformat()})


def _close_retracted_after(journal, measure: str, when: date, *, milestone: date | None) -> tuple[date, date] | None:
    """The date of the close `measure` stands closed by as of `when` (of the step `milestone`, if
    named) and of the retraction voiding it after `when`, when one does; else None."""
    mine = [e for e in journal if e.measure == measure]
    closes = [e for e in engine.counted([e for e in mine if e.date <= when])
              if e.state is EntryState.DONE and (milestone is None or e.milestone in (None, milestone))]
    if not closes:
        return None
    standing = sorted(closes, key=lambda e: e.date)[-1]  # (the last of its day, in file order)
    if standing.hash is None:
        return None
    retraction = engine.retractions(mine).get(standing.hash)
    return (standing.date, retraction.date) if retraction is not None and retraction.date > when else None


def _moved(result, milestone: date | None):
    """The pending dated milestone (of a MeasureResult) an extension moves: the one whose
    original due is `milestone`, else the earliest; None when none is pending."""
    pending = [ms for ms in result.milestones
               if ms.kind is not MilestoneKind.ONGOING and not ms.done and milestone in (None, ms.original_due)]
    return min(pending, key=lambda ms: ms.due, default=None)


def _state_conflict(state: EntryState, measure: str, result, when: date, *, to: date | None = None,
                    milestone: date | None = None, late: bool | None = None, option: str = "--to ") -> Notice | None:
    """Why an entry of `state` can't follow the measure's state `result` (as of `when`, just
    before the entry), as a refusal's Notice, or None. The rules a write is checked by, for it
    and for the entries recorded after its date (see _check_later_entries; `late`: an
    extension's flag as written, which must still say whether it came after the deadline it
    moves; `option`: what its new due date is called, "" for a later entry's)."""
    dated = [ms for ms in result.milestones if ms.kind is not MilestoneKind.ONGOING]
    day = when.isoformat()
    if state is EntryState.DONE and milestone is not None:
        if all(ms.done for ms in dated if ms.original_due == milestone):
            return Notice("step_already_closed", {"measure": measure, "milestone": milestone.isoformat(), "date": day})
    elif state is EntryState.DONE and result.closed:
        ongoing = any(ms.kind is MilestoneKind.ONGOING for ms in result.milestones)
        return Notice("already_closed_dated_part" if ongoing else "already_closed", {"measure": measure, "date": day})
    if state is EntryState.REOPENED and not any(ms.done for ms in dated):
        # (the state in status's words: "on track", not the key on_track, which no option takes)
        return Notice("nothing_to_reopen", {"measure": measure, "date": day,
                                            "status": Word(STATUS, result.status.value, said_in_english=True)})
    if state is EntryState.EXTENDED:
        moving = _moved(result, milestone)
        if moving is None:
            if milestone is not None:
                return Notice("nothing_to_extend_step", {"measure": measure, "milestone": milestone.isoformat(), "date": day})
            return Notice("nothing_to_extend", {"measure": measure, "date": day})
        if to is not None and to <= moving.due:
            return Notice("to_not_after_deadline", {"option": option, "to": to.isoformat(), "due": moving.due.isoformat()})
        if to is not None and to <= when:
            return Notice("to_not_after_entry", {"option": option, "to": to.isoformat(), "date": day})
        if late is not None and late != late_extension(when, deadline=moving.due):
            return Notice("flagged_late" if late else "flagged_on_time", {"due": moving.due.isoformat()})
    return None


def _check_later_entries(reg: Registry, measure: str, request: _Request) -> None:
    """Refuse a back-dated entry that would make an entry recorded after its date wrong: a
    close before a later close (closed twice, counted in two months), an extension before a
    later one that would then bring the deadline forward. Each later entry that changes
    milestones is checked as it was when written, with this entry now before it."""
    mine = sorted((e for e in reg.journal if e.measure == measure), key=lambda e: e.date)  # (stable: file order)
    new_entry = request.as_entry(measure, "")
    for at, later in enumerate(mine):
        if later.date <= request.day or later.state not in CHANGES_MILESTONES:
            continue
        if not any(e is later for e in engine.counted([e for e in mine if e.date <= later.date])):
            continue  # (retracted on its own day: it never counted)
        before = [*(e for e in mine[:at] if e.date <= request.day), new_entry, *(e for e in mine[:at] if e.date > request.day)]
        report = engine.evaluate(plan=reg.plan, journal=before, as_of=later.date)
        result = next(m for m in report.measures() if m.id == measure)
        conflict = _state_conflict(later.state, measure, result, later.date, to=later.to, milestone=later.milestone,
                                   late=later.late, option="")
        if conflict:
            where = (Notice("line", {"line": later.location.line})
                     if later.location is not None and later.location.line else "")
            # (a retraction voids it from its own date only: until then it counts, and is made wrong)
            retraction = engine.retractions(mine).get(later.hash)
            retracted = Notice("later_retracted", {"date": retraction.date.isoformat()}) if retraction else ""
            raise refusal(JournalWriteError, "later_entry_wrong", state=Word(ENTRY, request.state.value),
                           date=request.day.isoformat(), later_date=later.date.isoformat(),
                           later_state=Word(ENTRY, later.state.value), where=where, retracted=retracted,
                           conflict=conflict)


def _text(value: str | None, option: str) -> str | None:
    """Text as typed; refused when it cannot be stored as UTF-8 (undecodable command-line bytes)."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise refusal(UsageError, "not_utf8", option=option) from None
    return value


def _unit(reg: Registry, name: str | None, option: str, *, measure: str, files: dict) -> str | None:
    """The unit `name` names in `measure`'s journal, as the loader reads it there
    (journal_checks.units_named_in_file: a folder's other files' units would make the journal
    unreadable beside its plan alone). Refused, an alias of several of its units, a unit of
    another file (naming the files, `files` by their ids' prefix), or no unit."""
    if name is None or not name.strip():
        return None
    prefix = file_prefix(measure) if ":" in measure else ""
    names = units_named_in_file(reg.plan.units, reg.declared, prefix)
    found = names.get(_text(name, option).strip())
    if found is not None:
        return found
    listed = engine.listed_names(name, names)
    if listed:  # (拉萨市、日喀则市: an entry has one unit)
        units = [names[part] for part in listed]
        # (all of a ledger's 49 units were a line of 1,355 characters)
        raise refusal(UsageError, "one_unit", option=option, name=name.strip(), count=len(listed), units=few_of(units))
    own = units_of_file(reg.plan.units, file_prefix(measure))
    engine.refuse_ambiguous_alias(own, name, option)
    elsewhere = engine.resolve_unit(reg.plan.units, name)
    if elsewhere is not None:
        raise refusal(UsageError, "unit_of_other_file", option=option, name=name.strip(), measure=measure,
                       files=[files[prefix] for prefix in elsewhere.files], own=files[file_prefix(measure)])
    from .gate import shown_file
    from .importer import imported_with  # (the importer's modules loaded for this refusal only)

    hint = unit_suggestion(name.strip(), names)
    plan = next((f for f in reg.plan_files if len(reg.plan_files) == 1 or f"{Path(f).stem}:" == file_prefix(measure)), None)
    generated, curation = (False, None) if plan is None else imported_with(plan)
    if generated:  # (its header says not to edit it by hand: the unit is added where a re-import keeps it)
        shown = shown_file(plan, folder=reg.folder is not None)
        raise (refusal(UsageError, "unknown_unit_generated", option=option, name=name, hint=hint, plan=shown, curation=curation)
               if curation else refusal(UsageError, "unknown_unit_generated_no_curation", option=option, name=name, hint=hint, plan=shown))
    raise refusal(UsageError, "unknown_unit", option=option, name=name, hint=hint)


# Evidence text that reads like a file's path or name (a folder separator, or a document's file
# type at the end) but names no file here: recorded as text, with a notice, in case of a typo.
# A web address is evidence as it stands.
_LOOKS_LIKE_A_PATH = re.compile(r"(?![a-z][a-z0-9+.-]*://)(.*[/\\]|.*\.(pdf|docx?|xlsx?|jpe?g|png|zip|rar|ofd|wps)$)",
                                re.IGNORECASE | re.DOTALL)


def _evidence(evidence: str | None, journal_dir: Path) -> tuple[str | None, Notice | None]:
    """(the evidence as the entry stores it, a notice when it is a file outside the ledger's
    repository): a path to an existing file is pinned by its sha256 (so it cannot be swapped
    later), named as _evidence_path names it; anything else is kept as text."""
    text = _text(evidence, "--evidence")
    if text is None or says_nothing(text):
        return None, None
    try:
        path = Path(text).expanduser()
        if not path.is_file():
            return text, None
    except (OSError, RuntimeError):  # no file can have that name: too long, an unknown ~user
        return text, None
    try:
        digest, _ = file_sha256(path)
    except OSError as exc:
        raise refusal(UsageError, "evidence_unreadable", path=text, why=os_reason(exc)) from None
    shown, outside = _evidence_path(path, journal_dir)
    return pinned_file(shown, digest), outside


def _evidence_path(path: Path, journal_dir: Path) -> tuple[str, Notice | None]:
    """How an entry names the evidence file at `path`: relative to the journal's folder, with `/`
    (../evidence/x.pdf), when it lies in that folder or in the git repository holding it, so that
    every clone, on Linux or Windows, names the same file; else in full, with a notice that a
    clone (a copy, without git) of the ledger won't find it. A link is named where it is, not
    where it leads (git-annex keeps a repository's big files as links into .git/annex/objects)."""
    folder = journal_dir.resolve()
    located = path.parent.resolve() / path.name
    git = nearest(".git", folder)
    tree = folder if git is None else git.parent
    if located.is_relative_to(tree):
        return Path(os.path.relpath(located, folder)).as_posix(), None
    key = "evidence_outside_ledger" if git is None else "evidence_outside_repository"
    return located.as_posix(), Notice(key, {"path": located.as_posix(), "folder": tree.as_posix()})


def _is_folder(text: str) -> bool:
    try:
        return Path(text).expanduser().is_dir()
    except (OSError, RuntimeError):  # (as in _evidence)
        return False


def _effect(reg: Registry, journal: tuple[Entry, ...], measure: str, as_of: date) -> Effect:
    report = engine.evaluate(plan=reg.plan, journal=journal, as_of=as_of)
    m = next(r for r in report.measures() if r.id == measure)
    return Effect(as_of=as_of, status=m.status.value, days_overdue=m.days_overdue, next_due=m.next_due,
                  stale=m.stale, closed=m.closed)


# --------------------------------------------------------------------------- YAML text

def render_entry(fields: dict) -> bytes:
    """One journal entry as block YAML, in the style of the existing entries."""
    lines = []
    for key in FIELD_ORDER:
        if key not in fields:
            continue
        value = fields[key]
        if key == "measure":
            text = quoted(value)
        elif key in _DATE_FIELDS:
            text = value  # ISO dates are written unquoted; the loader reads them as text
        elif isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = _scalar(value)
        lines.append(("- " if not lines else "  ") + f"{key}: {text}\n")
    return "".join(lines).encode("utf-8")


def _scalar(value: str) -> str:
    """Plain when every YAML reader reads it back as exactly the same text, else double-quoted."""
    return value if plain_ok(value) else quoted(value)


def _joined(old: bytes | None, entry: bytes) -> bytes:
    """`entry` (LF line ends) after the journal's `old` bytes, in the line ends the journal
    uses: a journal kept on Windows (CRLF) stays CRLF, not a mix. Those of its last line, of
    one that mixes them: the ends it was last written in, beside which the entry goes."""
    if old is None:
        return HEADER.encode("utf-8") + entry
    last = old.rfind(b"\n")
    end = b"\r\n" if last > 0 and old[last - 1:last] == b"\r" else b"\n"
    old = _empty_list_dropped(old)  # (after its line ends are seen: `[]` may have been the only line)
    if old.removeprefix(b"\xef\xbb\xbf") and not old.endswith(b"\n"):
        old += end
    return old + entry.replace(b"\n", end)


# A journal of no entries written as an empty flow list (`[]`, `--- []`, a comment after it), on
# a line of its own: the document start, the comment, the line end; and what may come before it,
# the BOM and lines of nothing else (blank, comments, directives, `---`).
_EMPTY_LIST = re.compile(rb"(---[ \t]+)?\[[ \t]*\][ \t]*(#[^\r\n]*)?(\r?\n|\Z)")
_NOTHING_BEFORE = re.compile(rb"(?:\xef\xbb\xbf)?(?:[ \t]*(?:[#%][^\r\n]*|---[ \t]*)?\r?\n)*")


def _empty_list_dropped(old: bytes) -> bytes:
    """`old` without the `[]` that is all a journal of no entries holds (validate reads it so):
    nothing may follow it in YAML, and the entry appended is the list now. Its comments, a
    document start before it, the rest of the file kept as they were. Else `old` as it is."""
    # (only its first line with more than a comment can be it: a journal of entries is passed at its
    # first, not searched through (0.5 s a write of a 60 MB one); a BOM before a comment is no content)
    found = _EMPTY_LIST.match(old, _NOTHING_BEFORE.match(old).end())
    if found is None:
        return old
    if any(line.strip() and not line.strip().startswith((b"#", b"%")) and line.strip() != b"---"
           for line in old[found.end():].splitlines()):
        return old  # (something besides: not a journal of no entries, left to be refused as it was)
    start, comment, end = found.groups()
    kept = b" ".join(part for part in (start and start.rstrip(), comment) if part)
    return old[:found.start()] + (kept + end if kept else b"") + old[found.end():]


def _read(raw: bytes, jpath: Path, *, fast: bool):
    """The journal's YAML as read: by the fast parser when `fast` and it can vouch for the text
    (a 57 MB journal: 1.2 s, against 20 s for the reference), else by the reference loader.
    Raises RegistryError."""
    text = yamlio.decode(raw, filename=str(jpath))
    data = yamlio.parse_fast(text, long_list="") if fast else yamlio.NOT_VOUCHED
    return yamlio.parse(text, filename=str(jpath)) if data is yamlio.NOT_VOUCHED else data


def _raw_entries(raw: bytes, jpath: Path, *, fast: bool = True) -> list:
    data = _read(raw, jpath, fast=fast)
    return list(data) if isinstance(data, list) else []


def _last_hash(raw_entries: list) -> str:
    for item in reversed(raw_entries):  # (a hash cut short is no head: --since-head could not be given it)
        if isinstance(item, dict) and isinstance(item.get("hash"), str) and chain.HASH.fullmatch(item["hash"]):
            return item["hash"]
    return chain.GENESIS


def _check_round_trip(new: bytes, old: bytes | None, old_raw: list, fields: dict, jpath: Path) -> None:
    """The new text must load as the old entries plus exactly `fields`; else refuse the write.

    Both texts are read by the fast parser first, then, if they don't read so, by the
    reference loader, which decides: the fast parser reads YAML 1.2, where some plain text
    the reference reads as text (`0o17`) is a number."""
    if _round_trip_problem(new, old, old_raw, fields, jpath, fast=True) is None:
        return
    old_raw = _raw_entries(old, jpath, fast=False) if old is not None else []
    problem = _round_trip_problem(new, old, old_raw, fields, jpath, fast=False)
    if problem is not None:
        raise JournalWriteError(problem)


def _round_trip_problem(new: bytes, old: bytes | None, old_raw: list, fields: dict, jpath: Path, *,
                        fast: bool) -> Problem | None:
    file = str(jpath)
    try:
        data = _read(new, jpath, fast=fast)
    except RegistryError as exc:
        if (line := _indented_list_at(new)) is not None:
            return problem(file, None, None, "journal_indented", line=line)
        if (line := _document_end_at(new)) is not None:
            return problem(file, None, None, "journal_document_end", line=line)
        return problem(file, None, None, "journal_unloadable", detail=_said_where(exc.problems[0]))
    if not isinstance(data, list) or len(data) != len(old_raw) + 1 or list(data[:-1]) != old_raw:
        if old is not None and old.strip() and not old.endswith((b"\n", b"\r")):
            # (a block, | or >, ending the file takes the line break written before the entry)
            return problem(file, None, None, "journal_ends_in_block", line=old.count(b"\n") + 1)
        return problem(file, None, None, "journal_reads_differently")
    if not isinstance(data[-1], dict) or dict(data[-1]) != fields:
        return problem(file, None, None, "journal_not_read_back")
    return None


def _said_where(found: Problem | str) -> Notice | str:
    """A problem of the journal's text as it would be, to name within another: at its line, said
    in the user's language when it has a Notice."""
    if not isinstance(found, Problem) or found.notice is None:
        return str(found)
    return Notice("journal_at_line", {"line": found.line, "detail": found.notice}) if found.line else found.notice


def _document_end_at(raw: bytes) -> int | None:
    """The line of a document end marker (`...`), which nothing may follow; None without one."""
    for number, line in enumerate(raw.splitlines(), 1):
        if line == b"..." or line.startswith((b"... ", b"...\t", b"...#")):
            return number
    return None


def _indented_list_at(raw: bytes) -> int | None:
    """The line of the journal's first entry when it is indented (`  - measure:`): a list YAML
    reads as well as one at the left margin, but one an entry there can't continue; else None."""
    for number, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").splitlines(), 1):
        text = line.strip()
        if not text or text.startswith(b"#") or text == b"---":
            continue
        return number if line[:1] in (b" ", b"\t") and text.startswith(b"-") else None
    return None


# --------------------------------------------------------------------------- history

@dataclass(frozen=True)
class History:
    """`history`'s entries (newest first) and what they were asked of, for a list of none to say it."""

    entries: list[Entry]
    item: str | None = None  # the measure's or task's id, as the plan has it ("xizang:18.4")
    task: bool = False  # `item` is a task's
    since: date | None = None  # --since as read (a month: its first day)


def history(reg: Registry, *, item: str | None, since: str | None) -> History:
    """Journal entries, newest first (date desc, then file order desc); optionally one measure
    ("18.4") or all measures of a task ("18"; in a folder "NAME:18", or "18" when only one
    file has it), and only those on or after `since`; with the id and day they were asked of."""
    entries = list(enumerate(reg.journal))
    key, task, first = None, False, None
    if item is not None:
        key = item_key(item)
        measure_ids = {m.id for m in reg.plan.measures()}
        task_ids = {t.id for t in reg.plan.tasks}
        key = named_id(key, measure_ids | task_ids) or key
        if key in measure_ids:
            wanted = {key}
        elif key in task_ids:
            wanted, task = {m.id for t in reg.plan.tasks if t.id == key for m in t.measures}, True
        else:
            raise unknown_item(item, reg.plan.tasks)
        entries = [(i, e) for i, e in entries if e.measure in wanted]
    if since is not None:
        first = typed_date(since, "--since", partial(dates.parse_user_date, month_start=True),
                           unreadable="date_unreadable_since")  # (a month: its first day)
        today = dates.today(reg.plan.settings.timezone)
        if first > today:  # (it can only list nothing: 没有记录 read as a journal quiet since then; as --date refuses it)
            raise refusal(UsageError, "since_future", date=first.isoformat(), today=today.isoformat())
        entries = [(i, e) for i, e in entries if e.date >= first]
    entries.sort(key=lambda pair: (pair[1].date, pair[0]), reverse=True)
    return History([e for _, e in entries], key, task, first)


# --------------------------------------------------------------------------- verify

@dataclass(frozen=True)
class BadEntry:
    journal: str
    index: int  # 1-based position in the file
    line: int
    measure: str
    date: str
    problem: str  # "edited" | "removed or reordered" | "forked" | "untraced" | "unhashed" | "cut short" | "malformed" | "bad hash"
    # removed or reordered, forked: the entry it chains from (0: the start); forked: the entry after that one chains
    # from it too (two branches' appends both kept by a merge)
    chained_from: int | None = None


@dataclass(frozen=True)
class JournalCheck:
    journal: str
    exists: bool
    entries: int
    head: str  # hash of the last hashed entry (GENESIS when none)
    problems: tuple[BadEntry, ...]
    # (hash, index, line) of each entry up to the first problem: what --since-head may name
    verified: tuple[tuple[str, int, int], ...] = ()
    # the same of each hashed entry from the first problem on: a head found there does not vouch
    beyond: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    journals: tuple[JournalCheck, ...]
    # Each --since-head given, and where it is: ((journal, entry index, line), whether the history
    # up to it is intact), None when no entry has it.
    since_heads: tuple[tuple[str, tuple[tuple[str, int, int], bool] | None], ...] = ()
    # With --since-head: the journals with entries that hold none of the heads given (a folder's
    # journal none was given for), whose entries removed from the end would go unseen.
    unvouched: tuple[str, ...] = ()
    folder: bool = False  # of a folder registry (its journals named as gate.shown_file names them)

    @property
    def entries_checked(self) -> int:
        return sum(j.entries for j in self.journals)

    @property
    def head(self) -> str:
        return self.journals[-1].head if self.journals else chain.GENESIS

    @property
    def first_bad(self) -> BadEntry | None:
        return next((p for j in self.journals for p in j.problems), None)


def verify(registry: str | os.PathLike | None, *, since_heads: tuple[str, ...] = (),
           since_summary: str | None = None) -> VerifyResult:
    """Recompute each journal's hash chain over the raw fields as written in the file.

    The plan is not loaded or validated: tamper evidence must work even on a journal that no
    longer validates. An entry whose hash matches its content chained from another entry's
    hash (not its predecessor's) was moved, or entries between were removed; an entry whose
    hash matches nothing was edited, or the entry before it was removed (the two cannot be told
    apart: the removed entry's hash is gone). Removing the last entries leaves a valid chain:
    that is what `since_heads` (heads printed earlier, by a summary: one per journal of a
    folder) catch; each must be found where its journal's chain verifies. `since_summary`: an
    earlier summary's text file (`-`: standard input), each head it prints one more, looked for in
    the journal its line names when that is one of the registry's (else in any, as a head given).
    """
    wanted: list[tuple[str, str | None]] = []  # (head, the journal a summary names it of)
    for given in since_heads:
        head = given.strip().lower()
        if not chain.HASH.fullmatch(head):
            raise refusal(UsageError, "head_malformed", given=given)
        wanted.append((head, None))
    if since_summary is not None:
        wanted += _summary_heads(since_summary)
    root = existing_root(registry)
    # (a journal no plan file owns, progress.yaml beside plan.yaml, refused as every command does: else it went unverified)
    files = registry_files(root)
    for f, _, prefix in files:  # (an export or a journal named as the plan has no journal beside it: "nothing to verify", passed)
        if (refused := not_a_plan(f, prefix)) is not None:
            raise refused
    store = FileCache()
    checks = tuple(_check_journal(journal, prefix=prefix, store=store) for _, journal, prefix in files)
    # (each head's journals to look in: the one named, else all)
    names = _journal_names(checks, root) if any(named for _, named in wanted) else []
    where = [_named_journal(names, named) if named else list(checks) for _, named in wanted]
    found = tuple((head, next((at for j in among if (at := _find_hash(j, head)) is not None), None))
                  for (head, _), among in zip(wanted, where))
    ok = all(not j.problems for j in checks) and all(at is not None and at[1] for _, at in found)
    # (in each journal holding it: two journals begun alike, one a copy of the other, hold the same hashes)
    unvouched = tuple(j.journal for j in checks if wanted and j.entries and all(
        _find_hash(j, head) is None for (head, _), among in zip(wanted, where) if any(j is k for k in among)))
    return VerifyResult(ok=ok, journals=checks, since_heads=found, unvouched=unvouched, folder=root.is_dir())


def _journal_names(checks: tuple[JournalCheck, ...], root: Path) -> list[tuple[JournalCheck, str, str]]:
    """Each journal, its name as a folder's summary prints it (gate.shown_file), its path in the folder."""
    from .gate import shown_file

    return [(j, shown_file(j.journal, folder=True), os.path.relpath(j.journal, root).replace(os.sep, "/")) for j in checks]


def _named_journal(names: list[tuple[JournalCheck, str, str]], named: str) -> list[JournalCheck]:
    """The journal a summary's head line names `named`, else the one whose path in the folder
    `named` ends with (a summary made from another working folder); all when none is."""
    exact = [j for j, shown, _ in names if shown == named]
    if exact:
        return exact
    ends = [(j, inside) for j, _, inside in names if f"/{named}".endswith(f"/{inside}")]
    longest = max((len(inside) for _, inside in ends), default=0)  # (sub/a.progress.yaml before a.progress.yaml)
    return [j for j, inside in ends if len(inside) == longest] or [j for j, _, _ in names]


def _summary_heads(source: str) -> list[tuple[str, str | None]]:
    """The heads an earlier summary prints (summary_text.summary_heads), its file read as `import`
    reads a report. ReportFormatError or RegistryError when it can't be read or holds no head."""
    from .importer import read_report
    from .importer_text import decode_text
    from .render.summary_text import summary_heads

    raw, name = read_report(source, of="summary")
    return list(summary_heads(decode_text(raw, filename=name, of="summary"), filename=name))


# Hashes verify may try, per journal, to trace entries out of place to the entry each chains
# from (about a second): each costs one per hash of the journal, so a journal edited throughout
# took hours; past it, an entry that does not chain from the one before is said "untraced".
ORIGIN_TRIALS = 2_000_000


def _as_written(entry, key: str) -> str:
    """An entry's `key` for verify to name it by: text as it is, else as written (yamlio.flow_text);
    "?" when it has none."""
    from .yamlio import as_written, flow_text

    if key not in entry:
        return "?"
    value = as_written(entry, key, entry[key])
    return value if isinstance(value, str) else flow_text(value)


def _check_journal(jpath: Path, *, prefix: str, raw: bytes | None = None, store: FileCache | None = None) -> JournalCheck:
    """`prefix`: of the measure ids of the journal's plan file, which a problem names them with;
    `raw`: its bytes when read already. With `store`, the verdict is cached for a write to find."""
    if raw is None and not journal_present(jpath):
        return JournalCheck(journal=str(jpath), exists=False, entries=0, head=chain.GENESIS, problems=())
    raw = read_bytes(jpath) if raw is None else raw
    data = journal_as_written(jpath, raw)
    refused = not_a_journal(jpath, data)
    if refused is not None:  # (no entries to chain: it is not read as a journal at all)
        raise refused
    items = list(data) if data is not None else []
    positions = data.item_pos if isinstance(data, list) else []
    stored = {}  # hash -> index (1-based) of the entry holding it
    for i, item in enumerate(items, 1):
        if isinstance(item, dict) and isinstance(item.get("hash"), str) and chain.HASH.fullmatch(item["hash"]):
            stored.setdefault(item["hash"], i)
    problems: list[BadEntry] = []
    hashes: list[tuple[str, int, int]] = []  # (hash, index, line) of entries whose chain verified
    beyond: list[tuple[str, int, int]] = []  # and of the entries from the first problem on
    prev = chain.GENESIS
    trials = ORIGIN_TRIALS
    for i, item in enumerate(items, 1):
        line = positions[i - 1][0] if i - 1 < len(positions) else 0
        read = item  # (as read, with the text of its numbers as written: entry_as_written keeps only its free text's)

        def bad(kind: str, chained_from: int | None = None) -> None:
            m = read if isinstance(read, dict) else {}
            measure = _as_written(m, "measure")
            if isinstance(m.get("measure"), (str, int, float)):  # (an id: named as the commands name it)
                measure = f"{prefix}{measure}"
            problems.append(BadEntry(str(jpath), i, line, measure, _as_written(m, "date"), kind, chained_from))

        if not isinstance(item, dict):
            bad("malformed")
            continue
        item = entry_as_written(item)
        digest = item.get("hash")
        if not isinstance(digest, str):
            bad("cut short" if i == len(items) and _ends_mid_line(raw) else "unhashed")
            continue
        if not chain.HASH.fullmatch(digest):  # (a copy cut short in it, or typed by hand: it chains nothing on)
            bad("bad hash")
            prev = digest
            continue
        if chain.entry_hash(prev, item) != digest:
            if trials <= len(stored):  # (the search budget spent)
                bad("untraced")
            else:
                trials -= len(stored) + 1
                source = _chained_from(item, digest, stored, exclude=i)
                if source is not None:
                    bad("forked" if _forks(items, source, i) else "removed or reordered", source)
                else:
                    bad("edited")
        (beyond if problems else hashes).append((digest, i, line))
        prev = digest  # (after a problem: the rest is checked against what each entry claims)
    check = JournalCheck(journal=str(jpath), exists=True, entries=len(items), head=_last_hash(items),
                         problems=tuple(problems), verified=tuple(hashes), beyond=tuple(beyond))
    if store is not None:
        _remember_chain(store, jpath, prefix, raw, _first_break(check), check.head, check.entries)
    return check


def _cut_short_at(jpath: Path, old: bytes | None) -> tuple[int, int] | None:
    """(index, line) of the journal's last entry when verify would call it cut short: unhashed,
    the file ending in one of its lines. Read whole only then (rectify ends each entry it writes)."""
    if old is None or not _ends_mid_line(old):
        return None
    try:
        data = journal_as_written(jpath, old)
    except RegistryError:
        return None
    if not isinstance(data, list) or not data or not isinstance(data[-1], dict):
        return None
    if isinstance(entry_as_written(data[-1]).get("hash"), str) or len(data.item_pos) < len(data):
        return None
    return len(data), data.item_pos[-1][0]


def _ends_mid_line(raw: bytes) -> bool:
    """Whether the file's last line has no line break and is no comment: as a copy cut short
    leaves it (rectify ends every entry it writes with one)."""
    tail = raw[-4096:]
    last = tail.replace(b"\r", b"\n").rpartition(b"\n")[2].strip()  # (CR alone ends a line too)
    return bool(last) and not last.startswith(b"#")


def _chained_from(item, digest: str, stored: dict, *, exclude: int) -> int | None:
    """0 when it chains from GENESIS, N when from entry N's hash, None when from nothing here."""
    if chain.entry_hash(chain.GENESIS, item) == digest:
        return 0
    found = chain.chained_from((other for other, index in stored.items() if index != exclude), item, digest)
    return None if found is None else stored[found]


def _forks(items: list, source: int, index: int) -> bool:
    """Whether the entry after entry `source` (0: the start) chains from it as entry `index` does:
    two chains grown from one entry, as a merge keeping both branches' appends leaves them."""
    if source + 1 >= index:
        return False
    before = items[source - 1] if source else None
    after = items[source]
    if (source and not isinstance(before, dict)) or not isinstance(after, dict):
        return False
    prev = before.get("hash") if source else chain.GENESIS
    after = entry_as_written(after)
    if after.get("hash") == items[index - 1].get("hash"):  # (the same entry pasted twice, not two branches')
        return False
    return isinstance(prev, str) and chain.entry_hash(prev, after) == after.get("hash")


def _find_hash(check: JournalCheck, wanted: str) -> tuple[tuple[str, int, int], bool] | None:
    """((journal, index, line) of `wanted`, whether the chain verifies up to and including it),
    or None when no entry has it."""
    for hashes, intact in ((check.verified, True), (check.beyond, False)):
        for digest, index, line in hashes:
            if digest == wanted:
                return (check.journal, index, line), intact
    return None
