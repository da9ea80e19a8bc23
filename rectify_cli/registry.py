"""Load and validate a registry: the plan (tasks.yaml) and its journal (progress.yaml).

Loading always validates. Every problem is collected with its file:line:column and they
are raised together as one RegistryError, so a user fixes a file in one pass.

Here: reading the files (through the cache, a big registry's journals in a second process),
locating what the fast parser read, and merging a folder's plan files into one plan. Where the
files are is in layout.py; the checks of each file's data on its own in validation.py; those
of the journal's entries against the plan and today in journal_checks.py.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from . import dates
from .cache import HEAD, FileCache, decode_plan, encode_plan, plan_head
from .errors import Problem, RegistryError
from .i18n import Lang, Notice, Where, label, problem
from .journal_checks import IdsKnown, JournalContext
from .layout import existing_root, has_plan_keys, journal_path_for, journal_present, plan_files, read_bytes, registry_files
from .model import ALL_REGIONS, REGION, SUBREGION, Claim, Entry, Meta, Plan, Registry, Settings, Unit
from .validation import Checker, IdsRead, ProblemSeen, Unvouched, key_position_of, looks_like_journal, position_of, writable_number

# yamlio (PyYAML and yaml-rs, 40 ms to import) is imported where YAML is read: a registry whose
# files are all in the cache never reads any.
if TYPE_CHECKING:
    from . import yamlio


def read_text(path: Path) -> str:
    from . import yamlio

    return yamlio.decode(read_bytes(path), filename=str(path))


# How many times each file was read as YAML (by either parser) by this process or the helper
# process it started (_prefetch_journals): lets tests observe that the cache spares unchanged files.
PARSE_COUNTS: Counter[str] = Counter()
REFERENCE_PARSES: Counter[str] = Counter()  # ... of which by the reference loader
TAIL_PARSES: Counter[str] = Counter()  # ... of which only of the entries appended since it was cached


def load_registry(path: str | os.PathLike | None = None, *, today: date | None = None, use_cache: bool = True) -> Registry:
    """Load, validate and return the registry at `path` (see layout.resolve_path).

    A folder registry holds NAME.yaml plan files, each with its journal NAME.progress.yaml
    beside it (tasks.yaml: progress.yaml); ids are prefixed with the file's stem, "NAME:18.4",
    while a journal names its own file's measures unprefixed. `use_cache`: reuse the
    validated content of files unchanged since the last load (see cache.py).

    A refusal judged against plans decoded from the cache is made sure of in their files: a
    plan's rows are not checked against their CRC-32 here (cache.py), and a measure id changed in one, its shape kept, was
    reported as the user's journal's problem (exit 2) where --no-cache passed. Those plans are
    read again (and cached again), and their answer stands; a load that passes costs no more.
    """
    unsure: set[str] = set()
    try:
        return _load_registry(path, today, use_cache, unsure)
    except (RegistryError, _JudgedFromTheCache):
        if not unsure:
            raise
    return _load_registry(path, today, use_cache, None, refresh=frozenset(unsure))


class _JudgedFromTheCache(Exception):
    """A journal's entries refused by plans decoded from the cache: load_registry loads again."""


def _load_registry(path, today: date | None, use_cache: bool, unsure: set[str] | None, *,
                   refresh: frozenset[str] = frozenset()) -> Registry:
    """load_registry's load; `unsure`: where the plans decoded from the cache are put when a
    refusal was judged against them (None: the load again, whose refusal stands); `refresh`:
    plans read from their files, not the cache."""
    root = existing_root(path)
    files = plan_files(root)
    store = FileCache() if use_cache else None
    problems: list[Problem] = []
    loaded: list[tuple[str, Plan]] = []  # (its file's name, the plan) of each plan file that loads
    journals: list[_JournalFile] = []
    layout = registry_files(root, files)
    versions: dict[str, str] = {}  # what was loaded, for outcomes.remember

    def read(path: Path) -> bytes:
        raw = read_bytes(path)
        if store is not None:
            versions[str(path)] = store.digest(raw)
        return raw

    hashed: dict[str, str] = {}  # (the SHA-256 of each journal the cache has, taken by _prefetch_journals)
    helper = _prefetch_journals([(jpath, prefix) for _, jpath, prefix in layout if journal_present(jpath)], store,
                                hashed)
    handed: dict[str, tuple[str, list[Problem], list[list]]] = {}  # (see _join)
    sizes: dict[int, list[Path]] = {}  # plan files by size, to find a copy
    ids_read: dict[str, IdsRead] = {}  # (of each plan file with problems, by its prefix: see IdsKnown)
    by_prefix: dict[str, Plan] = {}
    decoded: set[str] = set()  # the plan files decoded from the cache
    try:
        for file, _, prefix in layout:
            raw = read(file)
            _refuse_a_copy(file, raw, sizes.setdefault(len(raw), []), problems)
            plan = _load_plan(file, prefix, store, problems, raw, ids_read, refresh=str(file) in refresh,
                              decoded=decoded)
            if plan is not None:
                loaded.append((file.name, plan))
                by_prefix[prefix] = plan
    finally:
        if helper is not None:
            handed = _join(helper)
    plans = [plan for _, plan in loaded]
    plans_read = not problems  # (each plan file loaded: the journals' entries can be checked against them)
    # (path, prefix, [index, measure, line, column] of each entry with a problem: see Checker.references)
    references: list[tuple[Path, str, list[list]]] = []
    clean: list[int] = []  # (the journals without problems, by their place in `journals`)
    raw = None  # (the last plan's bytes, not kept while the journals' entries are made)
    for _, jpath, prefix in layout:
        if journal_present(jpath):
            version = hashed.get(str(jpath))
            journal = _streamed_journal(jpath, prefix, store, version) if version is not None else None
            if journal is not None:  # (its bytes not read and hashed again: 54 MB at 100,000 measures)
                versions[str(jpath)] = version
                journals.append(journal)
                references.append((jpath, prefix, []))
                clean.append(len(journals) - 1)
                continue
            raw = read(jpath)
            found = handed.get(str(jpath))
            if found is not None and found[0] == versions[str(jpath)]:  # (the bytes the helper read)
                problems.extend(found[1])  # (not read again: with problems, its rows go unused)
                references.append((jpath, prefix, found[2]))
            else:
                referred: list[list] = []
                before = len(problems)
                journals.append(_load_journal(jpath, prefix, store, problems, raw, streamed=True, references=referred))
                references.append((jpath, prefix, referred))
                if len(problems) == before:
                    clean.append(len(journals) - 1)
            raw = None
    journals_read = len(problems)
    if plans_read:
        plan = _merge(plans, files, problems, folder=root.is_dir())
    declared = {prefix: own.units for own, (_, _, prefix) in zip(plans, layout)}
    if problems:
        # What entries with problems name is checked against the plan all the same, every problem of an
        # entry said in one run, and what those of a journal without problems name: against the whole
        # plan, or the ids its files were read to have, where they tell (see IdsKnown).
        judge = None
        if plans_read and len(problems) == journals_read:
            if today is None:
                today = dates.today(plan.settings.timezone)
            judge = JournalContext(plan, today, declared)
        elif not plans_read:
            judge = IdsKnown(_ids_known(layout, by_prefix, ids_read))
        if judge is not None:
            problems += _references_problems(judge, references)
            problems += _clean_rows_problems(judge, journals, clean, store, problems)
        if unsure is not None and len(problems) > journals_read:  # (judged against the plans, not the files' own)
            unsure.update(decoded)
        declaring = _files_declaring(loaded) if len(layout) > 1 else {}
        raise RegistryError(sorted((_declared_elsewhere(p, declaring) for p in problems), key=_problem_order))
    if today is None:
        today = dates.today(plan.settings.timezone)
    if store is not None:
        store.forget_bytes()  # (each file's version is in `versions`)
    context = JournalContext(plan, today, declared)
    if store is not None:
        from .outcomes import checked_before

        trusted = checked_before(store, layout, versions, today) if not refresh else set()
    else:
        trusted = set()
    entries: list[Entry] = []
    for at, journal in enumerate(journals):
        try:
            found, bad = context.entries(journal.rows, str(journal.path), journal.prefix,
                                         checked=str(journal.path) not in trusted)
        except CACHE_DAMAGE:  # rows from a cache entry damaged in a way its shape doesn't show
            journal = journals[at] = _load_journal(journal.path, journal.prefix, store, problems, refresh=True)
            found, bad = context.entries(journal.rows, str(journal.path), journal.prefix)
        if bad and decoded and unsure is not None:  # (the plans are made sure of first, see load_registry)
            unsure.update(decoded)
            raise _JudgedFromTheCache
        if bad and journal.cached:  # (a problem of rows from the cache is made sure of in the file: a byte of
            # the entry changed, well-formed still, would be reported as the user's own journal's problem;
            # read with positions, which its messages need)
            journal = journals[at] = _load_journal(journal.path, journal.prefix, store, problems, refresh=True,
                                                   with_positions=True)
            found, bad = context.entries(journal.rows, str(journal.path), journal.prefix)
        if bad:
            located = journal.located
            if located is None:  # read from the cache or the fast path: re-read it for positions
                PARSE_COUNTS[str(journal.path)] += 1
                located = _parse_reference(journal.path, read_text(journal.path))
            for index, key, notice in bad:  # (named by the key it is about, but for the measure's own)
                what = Where(f"journal entry {index + 1}" + ("" if key == "measure" else f".{key}"))
                problems.append(problem(str(journal.path), *position_of(located[index], key), notice.key, what=what,
                                        **notice.values))
            problems += _forks_problems(journal.path, located)
        entries.extend(found)
    if problems:
        if unsure is not None:
            unsure.update(decoded)
        raise RegistryError(sorted(problems, key=_problem_order))
    return Registry(
        plan=plan,
        journal=tuple(entries),
        plan_files=tuple(str(f) for f in files),
        journal_files=tuple(str(journal_path_for(f)) for f in files),
        sources=versions,
        folder=str(root) if root.is_dir() else None,
        declared=declared,
    )


def _references_problems(context: JournalContext | IdsKnown, references: list[tuple[Path, str, list[list]]]) -> list[Problem]:
    """The problems of the measures entries with other problems name (`references`: see
    Checker.references), as JournalContext.entries names those of the other entries."""
    found = []
    for path, prefix, referred in references:
        for index, written, line, column in referred:
            wrong = context.measure_of(written, prefix)[1]
            if wrong is not None:
                found.append(problem(str(path), line, column, wrong.key, what=Where(f"journal entry {index + 1}"),
                                     **wrong.values))
    return found


def _clean_rows_problems(judge: JournalContext | IdsKnown, journals: list[_JournalFile], clean: list[int],
                         store: FileCache | None, problems: list[Problem]) -> list[Problem]:
    """The problems of the measures the entries of the journals without problems (`clean`, their
    places in `journals`) name, when others have problems: as the loader names them once there
    are none, at the measure's position, read again for it (rows hold the entry's), and made sure
    of in the file (a row from the cache may be damaged). Only what is wrong is read again."""
    found = []
    for at in clean:
        journal = journals[at]
        try:
            bad = [row[0] for row in journal.rows if judge.measure_of(row[1], journal.prefix)[1] is not None]
        except CACHE_DAMAGE:  # (rows from a damaged cache entry: read the file)
            journal = journals[at] = _load_journal(journal.path, journal.prefix, store, problems, refresh=True)
            bad = [row[0] for row in journal.rows if judge.measure_of(row[1], journal.prefix)[1] is not None]
        if not bad:
            continue
        located = journal.located
        if located is None:
            PARSE_COUNTS[str(journal.path)] += 1
            located = _parse_reference(journal.path, read_text(journal.path))
        for index in bad:
            entry = located[index] if isinstance(located, list) and index < len(located) else None
            written = entry.get("measure") if isinstance(entry, dict) else None
            wrong = judge.measure_of(written, journal.prefix)[1] if isinstance(written, str) else None
            if wrong is not None:
                found.append(problem(str(journal.path), *position_of(entry, "measure"), wrong.key,
                                     what=Where(f"journal entry {index + 1}"), **wrong.values))
    return found


def _ids_known(layout, plans: dict[str, Plan], ids_read: dict[str, IdsRead]):
    """IdsKnown's `files`: each plan file's ids, of one that loaded or one with problems (else None)."""
    files = {}
    for _, _, prefix in layout:
        if prefix in plans:
            files[prefix] = ({task.id: tuple(m.id for m in task.measures) for task in plans[prefix].tasks}, True)
        elif prefix in ids_read:
            read = ids_read[prefix]
            files[prefix] = (read.of_tasks(), read.every_task is True)
        else:
            files[prefix] = None
    return files


# Journals this big in all (bytes) are read by a second process while this one reads the
# plans: on two cores a cold load of a big registry takes the time of the bigger half.
PARALLEL_BYTES = 4_000_000


def _prefetch_journals(journals: list[tuple[Path, str]], store: FileCache | None, hashed: dict[str, str]):
    """Start reading the journals the cache lacks into the cache, in a forked child; the
    SHA-256 of each journal the cache has, and of each the child reads, goes to `hashed`, by its
    path (its rows are then streamed from the cache by it, its bytes not read again; one the child
    did not cache for those bytes, with problems or changed meanwhile, is read as before).

    The child fills cache entries, through the same `_load_journal` as this process; this
    process then reads every journal as usual, from the entries the child made, or itself
    when the child made none: a journal with problems is never cached, but the problems the
    child found reading only the entries that have them (_problems_read_alone) it sends
    back (see _join), sparing this process a second read of the whole journal (at 100,000
    measures with one entry mistyped, 3 s after the plan's). Returns (pid, the journals it
    reads, the read end of its pipe), or None when nothing is worth it or the platform can't fork.
    """
    from . import fanout

    if store is None or not fanout.can_fork():
        return None
    missing, size, versions = [], 0, {}
    for jpath, prefix in journals:
        try:  # (hashed without holding its bytes, which the child would inherit)
            version, length = store.file_digest(jpath) if jpath.is_file() else (None, 0)
        except OSError:
            continue  # reported when this process reads it
        if version is not None and not store.has(jpath, "journal", prefix, version):
            missing.append((jpath, prefix))
            versions[str(jpath)] = version
            size += length
        elif version is not None:
            hashed[str(jpath)] = version
    if size < PARALLEL_BYTES:
        return None
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: fill the cache, then leave without running any exit handler
        code = 1
        try:
            os.close(read_end)
            found = {}  # {journal: [the version read, its problems, the measures its entries with problems name]}
            for jpath, prefix in missing:
                raw, problems, referred = read_bytes(jpath), [], []
                _load_journal(jpath, prefix, store, problems, raw, only_store=True, references=referred)
                if problems:
                    try:
                        found[str(jpath)] = [store.digest(raw), [_problem_as_json(p) for p in problems], referred]
                    except TypeError:
                        pass  # (a value JSON can't say: this process reads the journal again)
                raw = None
            fanout.send(write_end, json.dumps(found, ensure_ascii=False).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    hashed.update(versions)
    return pid, missing, read_end


def _refuse_a_copy(file: Path, raw: bytes, same_size: list[Path], problems: list[Problem]) -> None:
    """A plan file byte for byte another of the folder (`same_size`: those of its size, read
    before it) is a copy left there (Windows names one "tasks - 副本.yaml"): read as a plan of its
    own, it would count every measure twice. (Files of one size are rare: those are read again.)"""
    original = next((other for other in same_size if read_bytes(other) == raw), None)
    if original is not None:
        problems.append(problem(str(file), None, None, "plan_copy", other=original.name))
    same_size.append(file)


def _join(helper) -> dict[str, tuple[str, list[Problem], list[list]]]:
    """Wait for the helper; {journal: (the version it read, its problems, the measures its entries
    with problems name: see Checker.references)} of each journal with problems it sent (none when
    it failed: this process reads every journal)."""
    from . import fanout

    pid, missing, pipe = helper
    status = 1
    try:
        sent = fanout.receive(pipe)
    finally:
        try:
            status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        except ChildProcessError:  # pragma: no cover - reaped elsewhere
            pass
    for jpath, _ in missing:  # each was read as YAML, by the child
        PARSE_COUNTS[str(jpath)] += 1
    if status != 0 or not sent:
        return {}
    return {name: (version, [_problem_from_json(p) for p in found], referred)
            for name, (version, found, referred) in json.loads(sent).items()}


# A Problem sent by the helper as JSON (never pickle): its fields, and its Notice's values, each
# a JSON scalar or one of these, marked; others (a Word, a date) raise TypeError, not sent.
def _problem_as_json(found: Problem) -> list:
    notice = found.notice
    return [found.file, found.line, found.column, found.message,
            None if notice is None else _value_as_json(notice)]


def _value_as_json(value):
    if value is None or type(value) in (str, int, float, bool):
        return value
    if type(value) is list:
        return {"list": [_value_as_json(v) for v in value]}
    if type(value) is Notice:
        return {"notice": value.key, "values": {key: _value_as_json(v) for key, v in value.values.items()}}
    if type(value) is Where:
        return {"where": value.path}
    raise TypeError(type(value).__name__)


def _problem_from_json(sent: list) -> Problem:
    file, line, column, message, notice = sent
    return Problem(file, line, column, message, None if notice is None else _value_from_json(notice))


def _value_from_json(value):
    if type(value) is not dict:
        return value
    if "list" in value:
        return [_value_from_json(v) for v in value["list"]]
    if "notice" in value:
        return Notice(value["notice"], {key: _value_from_json(v) for key, v in value["values"].items()})
    return Where(value["where"])


class _JournalFile:
    """A journal's valid rows (a list, or an iterator read once: see _load_journal); `located`:
    its YAML with positions, when it was read that way."""

    __slots__ = ("path", "prefix", "rows", "located", "cached")

    def __init__(self, path: Path, prefix: str, rows: list[list] | Iterator[list], located=None, *, cached=False):
        self.path, self.prefix, self.rows, self.located, self.cached = path, prefix, rows, located, cached


def _load_plan(file: Path, prefix: str, store: FileCache | None, problems: list[Problem], raw: bytes | None = None,
               ids_read: dict[str, IdsRead] | None = None, *, refresh: bool = False,
               decoded: set[str] | None = None) -> Plan | None:
    """The file's Plan (None if it has problems, which are added to `problems`); `raw`: its
    bytes, when already read; `ids_read`: where the ids of a plan with problems are put, by
    its prefix (see validation.IdsRead); `refresh`: read the file even if the cache has it, and
    store it again; `decoded`: where the file is put when its plan comes from the cache."""
    raw = read_bytes(file) if raw is None else raw
    if store is not None and not refresh:
        doc = store.get_rows(file, "plan", prefix, raw)
        if doc is not None:
            try:
                plan = decode_plan(*doc, str(file))
                if decoded is not None:
                    decoded.add(str(file))
                return plan
            except CACHE_DAMAGE:  # a damaged or foreign entry, whatever its shape: rebuild it
                pass
    from . import yamlio

    text = yamlio.decode(raw, filename=str(file))
    PARSE_COUNTS[str(file)] += 1
    before, read = len(problems), IdsRead()
    plan = _vouched_plan(file, prefix, raw, text, problems, read) if _plan_ints_vouched(text) else None
    if plan is None and len(problems) == before:
        data, read = _journal_as_plan(file, raw, text), IdsRead()
        plan = Checker(str(file), problems, ids_read=read).plan(_parse_reference(file, text) if data is None else data,
                                                                prefix=prefix)
    if len(problems) > before:
        if ids_read is not None:
            ids_read[prefix] = read
        return None
    if store is not None and plan is not None:
        header, rows = encode_plan(plan)
        store.put_rows(file, "plan", prefix, raw, header, rows)
        store.put(file, HEAD, prefix, raw, plan_head(header))  # for outcomes.py: settings and units alone
    return plan


def _vouched_plan(file: Path, prefix: str, raw: bytes, text: str, problems: list[Problem],
                  read: IdsRead | None = None) -> Plan | None:
    """The Plan of the text of a plan file as the fast parser reads it, when it can vouch for it
    (else None: the reference loader reads it). A big plan's tasks are read a piece at a time
    as they are validated, each piece's YAML let go after (yamlio.parse_fast_in_pieces): loading
    the 100,000-measure plan peaks at 274 MiB so, against 459 MiB read whole and then validated.
    The problems of such a plan's tasks are added to `problems` when the reference loader finds
    them reading only those tasks (_problems_read_alone); the ids of the tasks that passed, and
    of those, then go to `read`."""
    from . import yamlio

    pieces = yamlio.parse_fast_in_pieces(text, "tasks")
    if pieces is not None and isinstance(pieces[0], dict):
        data, later = pieces
        tasks = data["tasks"] = _ItemsInPieces(data["tasks"], later, _TaskLocator(raw))
        try:
            return Checker(str(file), [], vouching=True, per_item=True, ids_read=read).plan(data, prefix=prefix)
        except ProblemSeen as seen:
            if seen.items and not _task_ids_repeat(raw, tasks.item_pos[0][1] - 3):
                found = _problems_read_alone(file, text, tasks, seen.items, "tasks", lambda into, doc: Checker(
                    str(file), into, ids_read=read).plan(doc, prefix=prefix))
                problems.extend(found[0] if found is not None else ())
            return None  # (else the reference reads it whole: the fast parser would see them read whole too)
        except Unvouched:
            pass  # (a piece that doesn't read alone, or an item not found where it is: read it whole)
    data = yamlio.parse_fast(text)
    if not isinstance(data, dict) or not _locate_plan(raw, data):
        return None
    try:
        return Checker(str(file), [], vouching=True).plan(data, prefix=prefix)
    except Unvouched:
        return None


def _journal_as_plan(file: Path, raw: bytes, text: str) -> yamlio.YSeq | None:
    """The entries, located, of a journal given where a plan is expected (`-r progress.yaml`),
    read by the fast parser, for Checker.plan to name it a journal; else None: the reference
    loader reads the file. At 100,000 measures the reference took 10-12 s and 1.6 GiB for that."""
    if not _entry_unindented(raw):
        return None
    from . import yamlio

    data = yamlio.parse_fast(text, long_list="")
    if not isinstance(data, list) or not looks_like_journal(data, str(file)):
        return None
    try:
        located = _locate_journal(raw, data)
    except Unvouched:
        return None
    located.pos = (located.pos[0], 1)  # (the list's own, where the reference puts it: its unindented first item)
    return located


def _forks_problems(path: Path, located) -> list[Problem]:
    """A problem at the entry where the journal's chain first breaks, when it forks there (verify's
    "forked": a merge kept both branches' entries): why entries the writing commands would refuse
    are there. Only the entries up to that break are hashed (an error's path: the journal is read)."""
    from . import chain as hash_chain

    items = list(located) if isinstance(located, list) else []
    hashes: dict[str, int] = {}  # hash -> index (1-based) of the entries before the break
    prev = hash_chain.GENESIS
    for index, item in enumerate(items, 1):
        digest = item.get("hash") if isinstance(item, dict) else None
        if not isinstance(digest, str) or not hash_chain.HASH.fullmatch(digest):
            return []
        item = entry_as_written(item)
        if hash_chain.entry_hash(prev, item) == digest:
            hashes.setdefault(digest, index)
            prev = digest
            continue
        if hash_chain.entry_hash(hash_chain.GENESIS, item) == digest:
            source = 0
        else:
            found = hash_chain.chained_from(hashes, item, digest)
            if found is None:
                return []
            source = hashes[found]
        if source + 1 >= index or items[source].get("hash") == digest:  # (no fork: moved, or pasted twice)
            return []
        after = entry_as_written(items[source])  # (the entry after the one it chains from: of the other branch)
        before = items[source - 1]["hash"] if source else hash_chain.GENESIS
        if hash_chain.entry_hash(before, after) != after.get("hash"):
            return []
        where = located.item_pos[index - 1] if index <= len(getattr(located, "item_pos", ())) else (None, None)
        return [problem(str(path), *where,
                        "journal_forked" + ("_start" if source == 0 else ""), what=Where(f"journal entry {index}"),
                        source=source, sibling=source + 1)]
    return []


def _entry_unindented(raw: bytes) -> bool:
    """Whether the file holds a journal entry at its top level (none: not a journal)."""
    return raw.startswith(b"- measure:") or b"\n- measure:" in raw


def not_a_plan(file: Path, prefix: str = "") -> RegistryError | None:
    """The refusal every command that loads the plan gives a plan file that is a journal or a
    command's JSON output (an export), or is empty and named as a journal, for verify, which loads no plan: it
    looked for the journal beside such a file (out.progress.yaml), found none, and passed. None for any other file,
    which verify does not judge, nor for one it cannot read (the journal is what it verifies). `prefix`: the file's
    in a folder, where what to do differs (move it out)."""
    try:
        found = own_file(file, read_bytes(file))
    except RegistryError:
        return None
    if found is None:
        return None
    problems: list[Problem] = []
    Checker(str(file), problems).plan(found[1], prefix=prefix)  # (which says what it is, as it does loading it)
    return RegistryError(problems) if problems else None


def own_file(file: Path, raw: bytes, *, plan: bool = False) -> tuple[str, object] | None:
    """What of rectify's own `raw` (named `file`) is, as read, where no plan should be: ("journal",
    its entries), also for an empty one named as a journal; ("output", a command's JSON output,
    an export: validation.output_of names the command); `plan`: also ("plan", None), a plan's
    top-level keys at the start of their lines (not parsed: the import asks, of a report's text).
    None for any other file, or one that does not read (RegistryError: one that can't be read)."""
    from . import yamlio
    from .validation import output_of

    if _JSON_START.match(raw):  # (no YAML plan begins so; every command writes its JSON so)
        try:
            data = json.loads(yamlio.decode(raw, filename=str(file)))
        except (ValueError, RegistryError):
            return None
        return None if output_of(data) is None else ("output", data)
    try:
        if _entry_unindented(raw):
            text = yamlio.decode(raw, filename=str(file))
            data = _journal_as_plan(file, raw, text)
            if data is None:
                data = _parse_reference(file, text)
        elif looks_like_journal(None, str(file)):  # (named as a journal: empty, or [], is one not written to yet)
            data = _parse_reference(file, yamlio.decode(raw, filename=str(file)))
        else:
            return ("plan", None) if plan and has_plan_keys(raw) else None
    except RegistryError:
        return None
    return ("journal", data) if looks_like_journal(data, str(file)) else None


_JSON_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*\{")


class _ItemsInPieces(list):
    """A long list's items as the fast parser reads them a piece at a time
    (yamlio.parse_fast_in_pieces), located as they are gone through by `locator` (a _TaskLocator
    or an _EntryLocator) and let go after: for a Checker method that goes through them once
    (tasks, journal_rows). Raises Unvouched where a piece doesn't read alone, or an item is not
    where the text says."""

    __slots__ = ("pos", "item_pos", "_first", "_later", "_locator")

    def __init__(self, first: list, later, locator):
        super().__init__()
        self.pos, self.item_pos = (1, 1), []
        self._first, self._later, self._locator = first, later, locator

    def where(self, index: int) -> tuple[int, int]:
        return self.item_pos[index]

    def __iter__(self):
        from .yamlio import FAST_PARSE_FAILURES

        locator, pieces, self._first = self._locator, chain((self._first,), self._later), None
        try:
            for items in pieces:
                for item in items:
                    where = locator.locate(item)
                    if where is None:
                        raise Unvouched
                    self.item_pos.append(where)
                    yield item
        except FAST_PARSE_FAILURES:
            raise Unvouched from None
        if not locator.done():
            raise Unvouched


def _load_journal(path: Path, prefix: str, store: FileCache | None, problems: list[Problem], raw: bytes | None = None,
                  *, refresh: bool = False, streamed: bool = False, only_store: bool = False,
                  with_positions: bool = False, references: list[list] | None = None) -> _JournalFile | None:
    """The journal's valid rows; `refresh`: read the file even if the cache has it, and store
    it again; `streamed`: rows the cache holds come as an iterator, decoded as they are read
    (FileCache.streamed_rows; reading them raises one of CACHE_DAMAGE on a damaged entry);
    `only_store`: only fill the cache (the prefetching child), letting each row go once it is
    encoded (None is returned): its texts hold a copy in UTF-8 from then on (orjson's), which
    every row kept to the end held at once; or add the problems its entries have, found reading
    only those (_problems_read_alone), to `problems`; `with_positions`: read by the reference loader,
    with the positions its problems are named at (`located`), not by the fast parser; `references`:
    where the measures its entries with problems name are added (see Checker.references)."""
    raw = read_bytes(path) if raw is None else raw
    if store is not None and not refresh:
        if streamed:
            # (by its version, not its bytes: the rows' iterator would keep them alive)
            found = _streamed_journal(path, prefix, store, store.digest(raw))
            if found is not None:
                return found
        doc = store.get_rows(path, "journal", prefix, raw)
        if doc is None and _extend_cached_journal(path, prefix, store, raw):
            doc = store.get_rows(path, "journal", prefix, raw)
        if doc is not None and _journal_rows_ok(*doc):
            return _JournalFile(path, prefix, doc[1], cached=True)
    from . import yamlio

    text = yamlio.decode(raw, filename=str(path))
    PARSE_COUNTS[str(path)] += 1
    before, located = len(problems), None
    try:
        rows = None if with_positions else _fast_journal_rows(path, raw, text, only_store, problems, references)
    except ProblemSeen:  # (the helper, at a problem the entries read alone don't tell: this process reads it again)
        return None
    if rows is None:
        located = _parse_reference(path, text)
        rows = Checker(str(path), problems, references=references).journal_rows(located)
    del text  # (what the rows need of it, they hold: 75 MB at 100,000 measures, let go before they are stored)
    if store is not None and len(problems) == before:
        _put_journal(store, path, prefix, raw, _let_go(rows) if only_store else rows)
    return None if only_store else _JournalFile(path, prefix, rows, located)


def _streamed_journal(path: Path, prefix: str, store: FileCache, version: str) -> _JournalFile | None:
    """The journal's rows cached for this version (its SHA-256), streamed (see _load_journal); None
    when the cache has no such entry."""
    found = store.streamed_rows(path, "journal", prefix, version)
    if found is not None and type(found[0]) is dict and type(found[0].get("bytes")) is int:
        return _JournalFile(path, prefix, found[1], cached=True)
    return None


def _let_go(rows: list[list]):
    """Each of `rows`, the list's hold on it let go as it is read."""
    for at in range(len(rows)):
        row, rows[at] = rows[at], None
        yield row


_ROW_LENGTH = 18  # index, 15 fields, line, column: see validation.Checker.journal_rows
ROW_HASH = 13  # where a row holds its entry's hash
# What decoding a cache entry raises when it keeps its shape but not its types or keys (a
# damaged or foreign entry, JournalContext.entries on its rows): the file is then read again.
CACHE_DAMAGE = (TypeError, ValueError, LookupError, AttributeError)


def _fast_journal_rows(path: Path, raw: bytes, text: str, problem_ends: bool = False,
                       problems: list[Problem] | None = None, references: list[list] | None = None) -> list[list] | None:
    """The rows of a journal's text (`raw` decoded) read by the fast parser, or None when it
    can't vouch for them: the reference loader must read it. `problem_ends`: a problem seen in
    the entries that reading them alone doesn't tell raises ProblemSeen (the helper process: at
    100,000 measures, one mistyped entry had it read the journal with the reference loader for
    nothing, 1.6 GiB, before this one did).
    `problems`: where those of a big journal's entries are added when the reference loader finds
    them reading only those entries (_problems_read_alone); the rows are then theirs alone, and the
    measures those entries name are added to `references` (see Checker.references)."""
    from . import yamlio

    pieces = yamlio.parse_fast_in_pieces(text, "")
    if pieces is not None and isinstance(pieces[0], list):
        entries = _ItemsInPieces(*pieces, _EntryLocator(raw))
        try:
            return Checker(str(path), [], vouching=True, per_item=problems is not None).journal_rows(entries)
        except ProblemSeen as seen:
            referred: list[list] = []  # (kept only when the entries read alone tell their problems)
            found = _problems_read_alone(path, text, entries, seen.items, "", lambda into, doc: Checker(
                str(path), into, references=referred).journal_rows(doc)) if seen.items else None
            if found is None:
                if problem_ends:
                    raise
                return None  # (the reference reads it whole: the fast parser would see them read whole too)
            problems.extend(found[0])
            if references is not None:
                references += referred
            return found[1]
        except Unvouched:
            pass  # (as a plan's: see _vouched_plan)
    # (read whole: a text parse_fast_in_pieces didn't cut, parse_fast can't either, and one it
    # cut has just been read in pieces)
    data = yamlio.parse_fast(text)
    if data is yamlio.NOT_VOUCHED or not (data is None or isinstance(data, list)):
        return None
    try:
        return Checker(str(path), [], vouching=True).journal_rows(data if data is None else _locate_journal(raw, data))
    except ProblemSeen:
        if problem_ends:
            raise
        return None
    except Unvouched:
        return None


def _problems_read_alone(path: Path, text: str, items: _ItemsInPieces, failing: list[int], long_list: str, read):
    """(the problems, what `read` returned) of a big file, `text`, in whose long list (`long_list`, as
    yamlio.parse_fast names it), its `items` gone through, vouching saw problems in the items at the
    indexes `failing`: the reference loader reads the file's head (what precedes the list's first item)
    and those items alone, each at its own lines, every other line a comment, so that each position is
    the file's own; `read` (a Checker's plan or journal_rows, given a list for the problems and that
    document) checks it as it would the whole. At 100,000 measures, `check` of a plan with a mistyped
    date so took 5-7 s and 355 MiB, against 19 s and 2 GiB reading the whole file with the reference
    loader; of a journal with one, 8.6 s and 540 MiB against 21 s and 2 GiB (3.7 s and 376 MiB since the
    helper reading a big journal hands over the problems it finds so: see _prefetch_journals).
    None when that doesn't find a problem in each of those items (only the parsers disagreed, or a
    problem is of several items, as a task's id repeated, see _task_ids_repeat): read the whole file."""
    from bisect import bisect_left

    from . import yamlio

    starts = [line for line, _ in items.item_pos]
    spans = [(starts[at], starts[at + 1] if at + 1 < len(starts) else len(text) + 2) for at in failing]
    offsets = _line_offsets(text, [starts[0], *(line for span in spans for line in span)])
    parts, line = [text[:offsets[starts[0]]]], starts[0]
    for first, end in spans:
        parts.append("#\n" * (first - line))  # (a comment: a blank line would be a text block's kept with |+)
        parts.append(text[offsets[first]:offsets[end]])
        line = end
    try:
        doc = yamlio.parse("".join(parts), filename=str(path))
    except RegistryError:  # (the whole file's first such error may be elsewhere)
        return None
    listed = doc.get(long_list) if long_list and isinstance(doc, dict) else doc
    if not isinstance(listed, yamlio.YSeq) or listed.item_pos != [items.item_pos[at] for at in failing]:
        return None
    some = yamlio.SomeItems(listed, failing)
    if long_list:
        doc[long_list] = some
    problems: list[Problem] = []
    result = read(problems, doc if long_list else some)
    lines = sorted(found.line for found in problems if found.line is not None)
    if any(bisect_left(lines, first) == bisect_left(lines, end) for first, end in spans):
        return None
    return problems, result


def _line_offsets(text: str, lines: list[int]) -> dict[int, int]:
    """Where each of `lines` (1-based; past the last: the text's end) starts in `text`."""
    offsets, line, at = {}, 1, 0
    for wanted in sorted(set(lines)):
        while line < wanted and at < len(text):
            found = text.find("\n", at)
            at = len(text) if found == -1 else found + 1
            line += 1
        offsets[wanted] = at
    return offsets


def _task_ids_repeat(raw: bytes, indent: int) -> bool:
    """Whether two tasks of a plan's bytes, at `indent`, have ids the reference loader reads as one
    number (a problem of both, which reading one alone doesn't show)."""
    from .yamlio import plain_value

    numbers = set()
    for written in re.findall(rb"\n" + b" " * indent + rb"- id:([^\n]*)", raw):
        written = written.decode("utf-8", "replace").split(" #")[0].strip()
        try:
            number = plain_value(written)
        except RegistryError:
            continue
        if type(number) is int:
            if number in numbers:
                return True
            numbers.add(number)
    return False


def _put_journal(store: FileCache, path: Path, prefix: str, raw: bytes, rows: list[list]) -> None:
    # (which rows are whose measure's, outcomes.py keeps with each plan's outcomes; the size of
    # the bytes they were read from lets _extend_cached_journal find what was appended since)
    store.put_rows(path, "journal", prefix, raw, journal_header(raw), rows)


def journal_header(raw: bytes) -> dict:
    """The header of a journal's cache entry made from `raw`."""
    return {"bytes": len(raw)}


# -- a journal appended to ---------------------------------------------------------------------
# A journal only grows: `record` appends an entry, and so does a colleague whose commit is
# pulled. Read whole, a national journal takes seconds; read from the cache, the entries it
# held before plus those appended, read alone, take a fraction of that. Reading the appended
# text alone gives the entries the whole file gives when the old text was a block list at the
# left margin (`- measure: …`) ending with a line break and holding no document marker (so the
# list still runs at its end: every quote and bracket is closed, as it was read), and the
# appended text starts a list item at once (a blank line could still belong to a text block
# kept with `|+`). Anything else is read whole.
_OTHER_LINE_BREAKS = ("\x85".encode(), "\u2028".encode(), "\u2029".encode())  # YAML's, but for LF and CRLF


def _extend_cached_journal(path: Path, prefix: str, store: FileCache, raw: bytes) -> tuple[str, int] | None:
    """When the cache held the journal's rows for what its first bytes were, and now holds
    them for all of `raw`, reading only the entries appended since (see above): the version
    and size of those first bytes; else None."""
    stored = store.stored_head(path, "journal", prefix)
    if stored is None:
        return None
    version, header, count = stored
    size = header.get("bytes") if type(header) is dict else None
    if not appends_entries(raw, size, version):
        return None
    try:
        text = raw[size:].decode("utf-8")
    except UnicodeDecodeError:
        return None
    PARSE_COUNTS[str(path)] += 1
    TAIL_PARSES[str(path)] += 1
    rows = _fast_journal_rows(path, raw[size:], text)
    if rows is None:
        return None
    lines = raw.count(b"\n", 0, size)
    for row in rows:  # numbered in the whole file
        row[0] += count
        row[-2] += lines
    if not store.append_rows(path, "journal", prefix, version, raw, rows, header=journal_header(raw)):
        return None
    return version, size


def appends_entries(raw: bytes, size, version: str) -> bool:
    """Whether `raw`, a journal's bytes, is the text whose first `size` bytes had the SHA-256
    `version` with entries appended that read alone as they read in the whole (see above)."""
    if not continues_entries(raw, size):
        return False
    import hashlib

    return hashlib.sha256(memoryview(raw)[:size]).hexdigest() == version


def continues_entries(raw: bytes, size) -> bool:
    """Whether what follows the first `size` bytes of a journal's `raw` reads alone as it reads
    in the whole, and the entries of those first bytes read as they read alone (see above)."""
    if type(size) is not int or not 0 < size < len(raw) or raw[size - 1] != 0x0A or not raw.startswith(b"- ", size):
        return False
    return _lists_entries_to_the_end(raw, 0, size) and _lists_entries_to_the_end(raw, size, len(raw))


def _lists_entries_to_the_end(raw: bytes, start: int, end: int) -> bool:
    """Whether raw[start:end] is, as far as a few byte searches tell, a block list at the left
    margin with no document marker (a '---' is allowed at the very start of the file), and no
    line break but LF and CRLF (by which lines are numbered)."""
    if raw.find(b"\n---", start, end) != -1 or raw.find(b"\n...", start, end) != -1 or raw.startswith(b"...", start):
        return False
    if raw.find(b"\r", start, end) != -1 and raw.count(b"\r", start, end) != raw.count(b"\r\n", start, end):
        return False
    if any(raw.find(other, start, end) != -1 for other in _OTHER_LINE_BREAKS):
        return False
    at = start + 3 if start == 0 and raw.startswith(b"\xef\xbb\xbf") else start  # (a BOM)
    if start == 0 and (raw.startswith(b"---\n", at) or raw.startswith(b"---\r\n", at)):
        at = raw.index(b"\n", at) + 1  # the document's start, on a line of its own
    while at < end:  # its first line that is not blank or a comment
        line_end = raw.find(b"\n", at, end)
        line_end = end if line_end == -1 else line_end
        line = raw[at:line_end].rstrip(b"\r")
        if line.strip(b" ") and not line.lstrip(b" ").startswith(b"#"):
            return line == b"-" or line.startswith(b"- ")
        at = line_end + 1
    return True  # only blank lines and comments: no entry


def appended_journal_row(path: Path, entry: bytes, *, index: int, line: int) -> list | None:
    """The cached row of an entry appended to the journal at `path` as `entry` (its YAML text):
    its `index`-th entry, from its line `line` on. None when it isn't valid on its own."""
    from . import yamlio

    problems: list[Problem] = []
    try:
        data = yamlio.parse(yamlio.decode(entry, filename=str(path)), filename=str(path))
        rows = Checker(str(path), problems).journal_rows(data)
    except RegistryError:
        return None
    if problems or len(rows) != 1:
        return None
    row = rows[0]
    row[0], row[-2] = index, row[-2] + line - 1
    return row


def journal_as_written(path: Path, raw: bytes | None = None):
    """The journal's YAML document (of `raw`, its bytes when read already) as the reference
    loader reads it, its entries located (a YSeq): from the fast parser when it can vouch for that, every entry a mapping of text and
    true/false that the reference reads alike, on a line of its own (`verify` of a 57 MB
    journal: 4.8 s and 0.65 GB, against 13.4 s and 1.7 GB); else from the reference loader.
    Raises RegistryError."""
    from . import yamlio

    raw = read_bytes(path) if raw is None else raw
    PARSE_COUNTS[str(path)] += 1
    data = yamlio.parse_fast(yamlio.decode(raw, filename=str(path)), long_list="")
    # (its text let go as soon as it is read, decoded again for the reference: 75 MB at 100,000 measures)
    if isinstance(data, list) and _read_alike(data):
        try:
            return _locate_journal(raw, data)
        except Unvouched:
            pass
    return _parse_reference(path, yamlio.decode(raw, filename=str(path)))


# The free-text fields of a journal entry: a plain scalar there is the text written (note: 017).
ENTRY_TEXTS = ("note", "evidence", "reason", "by", "approved_by")


def entry_as_written(entry: dict) -> dict:
    """A journal entry as read (journal_as_written), its free-text fields the text written: what
    `record --note 017` hashes, and so what verify hashes for a hand-written `note: 017`."""
    from .yamlio import as_written

    if getattr(entry, "written", None) is None:
        return entry  # (the common case: nothing written plain that reads as other than text)
    return {key: as_written(entry, key, value) if key in ENTRY_TEXTS else value for key, value in entry.items()}


def _read_alike(entries: list) -> bool:
    """Whether the reference loader reads fast-parsed journal entries as values of the same
    text (what the hash chain covers: chain.canonical)."""
    from .yamlio import plain_value

    known: dict[str, bool] = {}  # (dates, states and units recur)

    def alike(value) -> bool:
        if value is None or type(value) is bool:
            return True  # (null, ~, true, false: the same to both)
        if type(value) is not str:
            return False
        found = known.get(value)
        if found is None:
            try:
                reading = plain_value(value)
            except RegistryError:
                reading = None
            # A measure id ("18.4") is a float to the reference when written plain: the same text all the same.
            found = known[value] = reading == value or (type(reading) is float and str(reading) == value)
        return found

    # (true in a note is the text "true": only the reference knows it was written so)
    return all(isinstance(entry, dict) and all(type(key) is str and alike(key) and alike(value)
                                               and (type(value) is not bool or key not in ENTRY_TEXTS)
                                               for key, value in entry.items()) for entry in entries)


def _journal_rows_ok(header, rows) -> bool:
    """Whether a cached journal's (header, rows) have the shape `_put_journal` gives them."""
    return (type(header) is dict and type(header.get("bytes")) is int and isinstance(rows, list)
            and all(isinstance(row, list) and len(row) == _ROW_LENGTH for row in rows))


def _parse_reference(path: Path, text: str):
    from . import yamlio

    REFERENCE_PARSES[str(path)] += 1
    return yamlio.parse(text, filename=str(path))


# -- positions for fast-parsed data ------------------------------------------------------------
# The fast parser gives no positions, but a Measure, Task or Entry carries its Location (for
# messages and CI annotations). In the layout of docs/registry-format.md each starts on a
# line of its own, `- id: N` / `- measure: "N.M"`, so one pass of str.find recovers them.
# Every item must be found, in order, at one indentation per level, naming the id the
# parser read; otherwise the positions can't be vouched for and the reference loader is used.
def _item_starts(raw: bytes, marker: bytes) -> Iterator[tuple[int, int, int, str]]:
    """(line, column of the mapping, indentation, first value as written) of each `marker` line,
    found as they are asked for (a journal's 200,000 took 48 MB held at once).

    Works on the file's bytes: bytes.find is several times faster than on decoded CJK text,
    and the markers, indentation and ids are ASCII (a BOM shifts nothing that is vouched for:
    an item on the BOM's line has a non-space before it and is refused).
    """
    line, counted = 1, 0
    at = raw.find(marker)
    while at != -1:
        line_start = raw.rfind(b"\n", 0, at) + 1
        indent = at - line_start
        if raw.count(b" ", line_start, at) == indent:  # only spaces before: an item, not text
            line += raw.count(b"\n", counted, at)
            counted = at
            end = raw.find(b"\n", at)
            value = raw[at + len(marker): end if end != -1 else len(raw)]
            if b" #" in value:
                value = value[: value.index(b" #")]
            yield line, indent + 3, indent, value.strip().decode("utf-8", "replace")
        at = raw.find(marker, at + len(marker))


def _located(items: list, positions: list[tuple[int, int]]) -> yamlio.YSeq:
    from . import yamlio

    seq = yamlio.YSeq(items)
    seq.pos = positions[0] if positions else (1, 1)
    seq.item_pos = positions
    return seq


class _TaskLocator:
    """Finds a plan's tasks, one after another, and each one's measures among the `- id:` lines
    of its bytes (see above), at one indentation for tasks and another, deeper, for measures."""

    def __init__(self, raw: bytes):
        self._starts = _item_starts(raw, b"- id:")
        self._task_indent = self._measure_indent = None

    def locate(self, task) -> tuple[int, int] | None:
        """The next task's position, its measures given theirs (their list becomes a YSeq);
        None when it, or one of them, is not the next found."""
        found = next(self._starts, None)
        if not isinstance(task, dict) or found is None or found[3] != _written(task.get("id")):
            return None
        line, column, indent, _ = found
        self._task_indent = indent if self._task_indent is None else self._task_indent
        if indent != self._task_indent:
            return None
        measures = task.get("measures")
        if isinstance(measures, list):
            positions = []
            for measure in measures:
                found = next(self._starts, None)
                if not isinstance(measure, dict) or found is None or found[3] != _written(measure.get("id")):
                    return None
                self._measure_indent = found[2] if self._measure_indent is None else self._measure_indent
                if found[2] != self._measure_indent or self._measure_indent <= self._task_indent:
                    return None
                positions.append(found[:2])
            task["measures"] = _located(measures, positions)
        return line, column

    def done(self) -> bool:
        """Whether every `- id:` line was found to be a task's or a measure's."""
        return next(self._starts, None) is None


def _locate_plan(raw: bytes, data: dict) -> bool:
    """Give data's task and measure lists their items' positions; False if not vouched for."""
    tasks = data.get("tasks")
    located = _located_by(tasks, _TaskLocator(raw)) if isinstance(tasks, list) else None
    if located is None:
        return False
    data["tasks"] = located
    return True


def _locate_journal(raw: bytes, data: list) -> yamlio.YSeq:
    """The journal's entries with their positions; raises Unvouched if they can't be found."""
    located = _located_by(data, _EntryLocator(raw))
    if located is None:
        raise Unvouched
    return located


def _located_by(items: list, locator) -> yamlio.YSeq | None:
    """`items` with the position `locator` (a _TaskLocator or an _EntryLocator) finds each at;
    None when one is not where the text says, or the text has an item more."""
    positions = []
    for item in items:
        where = locator.locate(item)
        if where is None:
            return None
        positions.append(where)
    return _located(items, positions) if locator.done() else None


def _written(value) -> str | None:
    """`value` as its line writes it, for a locator to compare; None for a number str() refuses, of more than
    4,300 digits (0xfff…): no line, and the reference reader then says where it is and what is wrong with it."""
    # (a text is never refused: asking int() of one, an id "1.2", raised and caught an error a row, 0.3 s a 100,000)
    return None if isinstance(value, int) and not writable_number(value) else str(value)


class _EntryLocator:
    """Finds a journal's entries, one after another, among the unindented `- measure:` lines of
    its bytes (see _item_starts)."""

    def __init__(self, raw: bytes):
        self._starts = (start for start in _item_starts(raw, b"- measure:") if start[2] == 0)

    def locate(self, entry) -> tuple[int, int] | None:
        """The next entry's position; None when it is not the next found."""
        found = next(self._starts, None)
        if not isinstance(entry, dict) or found is None or found[3].strip("\"'") != _written(entry.get("measure")):
            return None
        return found[:2]

    def done(self) -> bool:
        """Whether every unindented `- measure:` line was found to be an entry's."""
        return next(self._starts, None) is None


def _plan_ints_vouched(text: str) -> bool:
    """The fast parser reads 017 as 17 where YAML 1.1 reads 15, and 0o17 as a number where
    YAML 1.1 reads text. Ids are checked against the text by _locate_plan; the only other
    numbers are the claims and settings of the `registry:` block, which must come first."""
    end = text.find("\ntasks:")
    if end == -1 or not (text.startswith("registry:") or text.find("\nregistry:", 0, end) != -1):
        return False
    return _LEADING_ZERO.search(text, 0, end) is None


_LEADING_ZERO = re.compile(r"[\s\[{,:][-+]?0[0-9_oObB]")


def _problem_order(problem: Problem):
    return (problem.file, problem.line or 0, problem.column or 0)


def _merge(plans: list[Plan], files: list[Path], problems: list[Problem], *, folder: bool) -> Plan:
    """One plan from the plan files of a folder (their task and measure ids are prefixed).

    Text shared by every file is kept, else summarised; dates span all files; units are
    the union (a name declared by several files is one unit, with all their aliases, and each
    unit knows the files declaring it); claims with the same key
    are added up, since they count things (measures_total of each province sums to the
    folder's); settings must agree in effect, because the engine applies one set to every
    measure (see _shared_settings), but for the date immediate milestones are due, each file's
    own (Plan.immediate_dues). A folder of one file is a folder still, its file one of its parts
    (reconcile and export name it as check does); `folder` False: a plan file named alone.
    """
    if len(plans) == 1 and not folder:
        return plans[0]
    feedback = min(p.meta.feedback_date for p in plans)
    settings = _shared_settings(plans, files, problems)
    units: dict[str, Unit] = {}
    declared: dict[str, list[Path]] = {}  # unit -> the files declaring it
    for plan, file in zip(plans, files):
        for unit in plan.units:
            first = units.get(unit.name)
            if first is None:
                units[unit.name] = unit
            else:  # (declared by several files: one unit, known by all their aliases)
                if unit.kind != first.kind and {unit.kind, first.kind} & {REGION, SUBREGION, ALL_REGIONS}:
                    problems.append(problem(str(file), None, None, "unit_kind_differs", name=unit.name,
                                            kind=unit.kind or "(none)", other_kind=first.kind or "(none)",
                                            other=declared[unit.name][0].name))
                units[unit.name] = dataclasses.replace(
                    first, kind=first.kind or unit.kind,
                    aliases=first.aliases + tuple(a for a in unit.aliases if a not in first.aliases))
            declared.setdefault(unit.name, []).append(file)
    units = {name: dataclasses.replace(unit, files=tuple(f.stem + ":" for f in declared[name]))
             for name, unit in units.items()}
    claims: dict[str, Claim] = {}
    # (a count some files' reports give, 剩余3项, is no count of the folder's: each stays its file's, in parts)
    everyones = set.intersection(*({c.key for c in plan.meta.claims} for plan in plans))
    for claim in (c for plan in plans for c in plan.meta.claims):
        if claim.key not in everyones or (len(plans) > 1 and claim.key.endswith("_percent")):
            continue  # (and rates don't add up, and one file's is not the folder's)
        seen = claims.get(claim.key)
        claims[claim.key] = claim if seen is None else Claim(claim.key, f"{seen.text}；{claim.text}", seen.value + claim.value)

    def shared(values, summary):
        distinct = list(dict.fromkeys(values))
        return distinct[0] if len(distinct) == 1 else summary(distinct)

    return Plan(
        meta=Meta(
            title=shared((p.meta.title for p in plans),
                         lambda titles: label("notice_folder_title", Lang.zh, n=len(plans), first=titles[0],
                                              others=len(plans) - 1)),
            # (；: an issuer lists its own bodies with 、, 中共…委员会、…人民政府, and each file's stays apart)
            issuer=shared((p.meta.issuer for p in plans), "；".join),
            inspection=shared((p.meta.inspection for p in plans), lambda _: None),
            feedback_date=feedback,
            report_date=max(p.meta.report_date for p in plans),
            source=shared((p.meta.source for p in plans), lambda _: None),
            claims=tuple(claims.values()),
        ),
        settings=settings,
        units=tuple(units.values()),
        tasks=tuple(t for plan in plans for t in plan.tasks),
        parts=tuple((file.name, file.stem + ":", plan.meta) for plan, file in zip(plans, files)),  # (as registry_files)
        immediate_dues=tuple((file.stem + ":", plan.immediate_due) for plan, file in zip(plans, files)),
    )


def shown_title(plan: Plan) -> str | Notice:
    """The title a reader is shown: the plan's own; of a folder whose files have several, the
    first and how many files (label notice_folder_title, said in the reader's language: meta.title,
    which export gives, has the Chinese words)."""
    titles = list(dict.fromkeys(meta.title for _, _, meta in plan.parts))
    if len(titles) < 2:
        return plan.meta.title
    return Notice("folder_title", {"n": len(plan.parts), "first": titles[0], "others": len(plan.parts) - 1})


def _shared_settings(plans: list[Plan], files: list[Path], problems: list[Problem]) -> Settings:
    """The settings the plan files of a folder share, compared as they are in effect: a setting
    a file does not write has its default, and two names of one time zone (PRC, Asia/Shanghai)
    are one. Where they differ, each file with a value most files don't share gets a problem
    naming the setting and both values. (Not immediate_due, which is each file's own: see _merge.)"""

    def in_effect(name: str, value):
        return dates.zone_in_effect(value) if name == "timezone" else value

    located: dict[Path, tuple | None] = {}  # (None: the file could not be read again)

    def where(file: Path, name: str) -> tuple[tuple[int, int] | None, bool | None]:
        """(position of the setting, else of where it would be written; whether the file
        writes it). The file is read again for positions: only when settings differ."""
        if file not in located:
            try:
                PARSE_COUNTS[str(file)] += 1
                located[file] = _setting_positions(_parse_reference(file, read_text(file)))
            except RegistryError:  # (gone or changed since it was read: no position then)
                located[file] = None
        found = located[file]
        if found is None:
            return None, None
        positions, block = found
        return (positions[name], True) if name in positions else (block, False)

    def shown(value, name: str, writes: bool | None) -> str | Notice:
        text = value.isoformat() if isinstance(value, date) else str(value)
        return Notice("setting_default", {"value": text}) if writes is False else text

    for name in (f.name for f in dataclasses.fields(Settings) if f.name != "immediate_due"):
        values = [getattr(plan.settings, name) for plan in plans]
        if len(set(values)) == 1:
            continue
        keys = [in_effect(name, value) for value in values]
        if len(set(keys)) == 1:
            continue
        counts, default = Counter(keys), in_effect(name, getattr(_DEFAULTS, name))
        # The value most files have; in a tie the default (a file that differs from it is the one
        # that was changed), else the first file's.
        common = max(counts, key=lambda key: (counts[key], key == default, -keys.index(key)))
        other = files[keys.index(common)]
        other_pos, other_writes = where(other, name)
        value_there = shown(values[keys.index(common)], name, other_writes)
        there = (Notice("setting_there_line", {"value": value_there, "file": other.name, "line": other_pos[0]})
                 if other_writes and other_pos else Notice("setting_there", {"value": value_there, "file": other.name}))
        for file, value, key in zip(files, values, keys):
            if key != common:
                pos, writes = where(file, name)
                problems.append(problem(str(file), *(pos or (None, None)), "setting_differs", name=name,
                                        value=shown(value, name, writes), there=there))
    return dataclasses.replace(plans[0].settings, immediate_due=None)


_DEFAULTS = Settings()


def _setting_positions(data) -> tuple[dict[str, tuple[int, int]], tuple[int, int] | None]:
    """({setting: position of its value}, position of the settings: key, else of the registry:
    key) in a plan file's YAML with positions."""
    top = data if isinstance(data, dict) else {}
    meta = top.get("registry")
    if not isinstance(meta, dict):
        return {}, key_position_of(top, "registry") if "registry" in top else None
    settings = meta.get("settings")
    block = key_position_of(meta, "settings") if "settings" in meta else key_position_of(top, "registry")
    if not isinstance(settings, dict):
        return {}, block
    return {key: position_of(settings, key) for key in settings if isinstance(key, str)}, block


def source_line(file: str | Path) -> int | None:
    """The line of a plan file's registry: source: key (validate's warning of a report it names
    that cannot be read); None where it can't be found (the file changed since it was read). Only
    the registry: block is parsed: the whole of a national plan, by the reference parser, took
    longer than the check it warns in."""
    try:
        text = read_text(Path(file))
    except RegistryError:
        return None
    head = _REGISTRY_BLOCK.search(text)
    if head is None:
        return None
    end = _TOP_LEVEL_KEY.search(text, head.end())
    try:
        data = _parse_reference(Path(file), text[head.start():end.start() if end else len(text)])
    except RegistryError:
        return None
    meta = data.get("registry") if isinstance(data, dict) else None
    where = key_position_of(meta, "source") if isinstance(meta, dict) and "source" in meta else None
    return where[0] + text.count("\n", 0, head.start()) if where else None


_REGISTRY_BLOCK = re.compile(r"^registry:", re.M)
_TOP_LEVEL_KEY = re.compile(r"^[^\s#-]", re.M)  # (the next key at column 0 ends the block; not ---)


def _files_declaring(plans: list[tuple[str, Plan]]) -> dict[str, list[str]]:
    """The names of the plan files that load, by each unit name and alias they declare."""
    declaring: dict[str, list[str]] = {}
    for file, plan in plans:
        for unit in plan.units:
            for name in (unit.name, *unit.aliases):
                declaring.setdefault(name, []).append(file)
    return declaring


def _declared_elsewhere(found: Problem, declaring: dict[str, list[str]]) -> Problem:
    """An unknown unit of a folder's plan file said to be declared by its other files, when it is:
    a file declares the units it names (units_named_in_file), which "unknown unit" alone leaves a
    puzzle, a close name suggested in the file misleading."""
    unit = found.notice.values.get("unit") if found.notice is not None else None
    files = declaring.get(unit) if isinstance(unit, str) else None  # (an owner may be written as a list)
    if not files:
        return found
    hint = Notice("declared_elsewhere", {"files": files})
    return problem(found.file, found.line, found.column, found.notice.key, **{**found.notice.values, "hint": hint})
