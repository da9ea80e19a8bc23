"""Load and validate a registry: the plan (tasks.yaml) and its journal (progress.yaml).

Loading always validates. Every problem is collected with its file:line:column and they
are raised together as one RegistryError, so a user fixes a file in one pass.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import chain, dates
from .cache import HEAD, FileCache, decode_plan, encode_plan, new, plan_head
from .engine import voided_hashes
from .errors import Problem, RegistryError
from .ids import close_ids
from .i18n import ENTRY, MILESTONE, REPORTED, Lang, Notice, Where, label, problem, suggested, suggestion
from .layout import JOURNAL_SUFFIX, existing_root, journal_path_for, journal_present, plan_beside, plan_files, read_bytes, registry_files
from .model import (
    ALL_REGIONS,
    CHANGES_MILESTONES,
    KIND_WORDS,
    REGION,
    SUBREGION,
    Claim,
    Deadline,
    Entry,
    EntryState,
    Location,
    Measure,
    Meta,
    Milestone,
    MilestoneKind,
    Plan,
    Registry,
    Reported,
    ReportedState,
    Settings,
    Task,
    Unit,
    UNIT_KINDS,
    units_of_file,
)

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
    """
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

    helper = _prefetch_journals([(jpath, prefix) for _, jpath, prefix in layout if journal_present(jpath)], store)
    sizes: dict[int, list[Path]] = {}  # plan files by size, to find a copy
    try:
        for file, _, prefix in layout:
            raw = read(file)
            _refuse_a_copy(file, raw, sizes.setdefault(len(raw), []), problems)
            plan = _load_plan(file, prefix, store, problems, raw)
            if plan is not None:
                loaded.append((file.name, plan))
    finally:
        if helper is not None:
            _join(helper)
    plans = [plan for _, plan in loaded]
    for _, jpath, prefix in layout:
        if journal_present(jpath):
            journals.append(_load_journal(jpath, prefix, store, problems, read(jpath)))
    if not problems:
        plan = _merge(plans, files, problems)
    if problems:
        declaring = _files_declaring(loaded) if len(layout) > 1 else {}
        raise RegistryError(sorted((_declared_elsewhere(p, declaring) for p in problems), key=_problem_order))
    if today is None:
        today = dates.today(plan.settings.timezone)
    declared = {prefix: own.units for own, (_, _, prefix) in zip(plans, layout)}
    context = JournalContext(plan, today, declared)
    entries: list[Entry] = []
    for at, journal in enumerate(journals):
        try:
            found, bad = context.entries(journal.rows, str(journal.path), journal.prefix)
        except CACHE_DAMAGE:  # rows from a cache entry damaged in a way its shape doesn't show
            journal = journals[at] = _load_journal(journal.path, journal.prefix, store, problems, refresh=True)
            found, bad = context.entries(journal.rows, str(journal.path), journal.prefix)
        if bad:
            located = journal.located
            if located is None:  # read from the cache or the fast path: re-read it for positions
                PARSE_COUNTS[str(journal.path)] += 1
                located = _parse_reference(journal.path, read_text(journal.path))
            for index, key, notice in bad:  # (named by the key it is about, but for the measure's own)
                what = Where(f"journal entry {index + 1}" + ("" if key == "measure" else f".{key}"))
                problems.append(problem(str(journal.path), *_at(located[index], key), notice.key, what=what,
                                        **notice.values))
        entries.extend(found)
    if problems:
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


# Journals this big in all (bytes) are read by a second process while this one reads the
# plans: on two cores a cold load of a big registry takes the time of the bigger half.
PARALLEL_BYTES = 4_000_000


def _prefetch_journals(journals: list[tuple[Path, str]], store: FileCache | None):
    """Start reading the journals the cache lacks into the cache, in a forked child.

    The child only fills cache entries, through the same `_load_journal` as this process;
    this process then reads every journal as usual, from the entries the child made, or
    itself when the child made none (a journal with problems is never cached, so its
    messages always come from here). Returns (pid, the journals it reads), or None when
    nothing is worth it or the platform can't fork.
    """
    from . import fanout

    if store is None or not fanout.can_fork():
        return None
    missing, size = [], 0
    for jpath, prefix in journals:
        try:  # (hashed without holding its bytes, which the child would inherit)
            version, length = store.file_digest(jpath) if jpath.is_file() else (None, 0)
        except OSError:
            continue  # reported when this process reads it
        if version is not None and not store.has(jpath, "journal", prefix, version):
            missing.append((jpath, prefix))
            size += length
    if size < PARALLEL_BYTES:
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: fill the cache, then leave without running any exit handler
        code = 1
        try:
            for jpath, prefix in missing:
                _load_journal(jpath, prefix, store, [])
            code = 0
        finally:
            os._exit(code)
    return pid, missing


def _refuse_a_copy(file: Path, raw: bytes, same_size: list[Path], problems: list[Problem]) -> None:
    """A plan file byte for byte another of the folder (`same_size`: those of its size, read
    before it) is a copy left there (Windows names one "tasks - 副本.yaml"): read as a plan of its
    own, it would count every measure twice. (Files of one size are rare: those are read again.)"""
    original = next((other for other in same_size if read_bytes(other) == raw), None)
    if original is not None:
        problems.append(problem(str(file), None, None, "plan_copy", other=original.name))
    same_size.append(file)


def _join(helper) -> None:
    pid, missing = helper
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # pragma: no cover - reaped elsewhere
        pass
    for jpath, _ in missing:  # each was read as YAML, by the child
        PARSE_COUNTS[str(jpath)] += 1


class _JournalFile:
    """A journal's valid rows; `located`: its YAML with positions, when it was read that way."""

    __slots__ = ("path", "prefix", "rows", "located")

    def __init__(self, path: Path, prefix: str, rows: list[list], located=None):
        self.path, self.prefix, self.rows, self.located = path, prefix, rows, located


def _load_plan(file: Path, prefix: str, store: FileCache | None, problems: list[Problem], raw: bytes | None = None) -> Plan | None:
    """The file's Plan (None if it has problems, which are added to `problems`); `raw`: its
    bytes, when already read."""
    raw = read_bytes(file) if raw is None else raw
    if store is not None:
        doc = store.get_rows(file, "plan", prefix, raw)
        if doc is not None:
            try:
                return decode_plan(*doc, str(file))
            except CACHE_DAMAGE:  # a damaged or foreign entry, whatever its shape: rebuild it
                pass
    from . import yamlio

    text = yamlio.decode(raw, filename=str(file))
    PARSE_COUNTS[str(file)] += 1
    plan = None
    data = yamlio.parse_fast(text)
    if isinstance(data, dict) and _plan_ints_vouched(text) and _locate_plan(raw, data):
        try:
            plan = _Checker(str(file), [], vouching=True).plan(data, prefix=prefix)
        except _Unvouched:
            plan = None
    data = None  # (the parsed YAML takes several times the Plan's memory: free it before storing)
    if plan is None:
        before = len(problems)
        plan = _Checker(str(file), problems).plan(_parse_reference(file, text), prefix=prefix)
        if len(problems) > before:
            return None
    if store is not None and plan is not None:
        header, rows = encode_plan(plan)
        store.put_rows(file, "plan", prefix, raw, header, rows)
        store.put(file, HEAD, prefix, raw, plan_head(header))  # for outcomes.py: settings and units alone
    return plan


def _load_journal(path: Path, prefix: str, store: FileCache | None, problems: list[Problem], raw: bytes | None = None,
                  *, refresh: bool = False) -> _JournalFile:
    """The journal's valid rows; `refresh`: read the file even if the cache has it, and store
    it again."""
    raw = read_bytes(path) if raw is None else raw
    if store is not None and not refresh:
        doc = store.get_rows(path, "journal", prefix, raw)
        if doc is None and _extend_cached_journal(path, prefix, store, raw):
            doc = store.get_rows(path, "journal", prefix, raw)
        if doc is not None and _journal_rows_ok(*doc):
            return _JournalFile(path, prefix, doc[1])
    from . import yamlio

    text = yamlio.decode(raw, filename=str(path))
    PARSE_COUNTS[str(path)] += 1
    rows = _fast_journal_rows(path, raw, text)
    if rows is not None:
        if store is not None:
            _put_journal(store, path, prefix, raw, rows)
        return _JournalFile(path, prefix, rows)
    located = _parse_reference(path, text)
    before = len(problems)
    rows = _Checker(str(path), problems).journal_rows(located)
    if store is not None and len(problems) == before:
        _put_journal(store, path, prefix, raw, rows)
    return _JournalFile(path, prefix, rows, located)


_ROW_LENGTH = 17  # index, 14 fields, line, column: see _Checker.journal_rows
ROW_HASH = 13  # where a row holds its entry's hash
# What decoding a cache entry raises when it keeps its shape but not its types or keys (a
# damaged or foreign entry, JournalContext.entries on its rows): the file is then read again.
CACHE_DAMAGE = (TypeError, ValueError, LookupError, AttributeError)


def _fast_journal_rows(path: Path, raw: bytes, text: str) -> list[list] | None:
    """The rows of a journal's text (`raw` decoded) read by the fast parser, or None when it
    can't vouch for them: the reference loader must read it."""
    from . import yamlio

    data = yamlio.parse_fast(text)
    if data is yamlio.NOT_VOUCHED or not (data is None or isinstance(data, list)):
        return None
    try:
        return _Checker(str(path), [], vouching=True).journal_rows(data if data is None else _locate_journal(raw, data))
    except _Unvouched:
        return None


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
        rows = _Checker(str(path), problems).journal_rows(data)
    except RegistryError:
        return None
    if problems or len(rows) != 1:
        return None
    row = rows[0]
    row[0], row[-2] = index, row[-2] + line - 1
    return row


def journal_as_written(path: Path):
    """The journal's YAML document as the reference loader reads it, its entries located (a
    YSeq): from the fast parser when it can vouch for that, every entry a mapping of text and
    true/false that the reference reads alike, on a line of its own (`verify` of a 57 MB
    journal: 4.8 s and 0.65 GB, against 13.4 s and 1.7 GB); else from the reference loader.
    Raises RegistryError."""
    from . import yamlio

    raw = read_bytes(path)
    text = yamlio.decode(raw, filename=str(path))
    PARSE_COUNTS[str(path)] += 1
    data = yamlio.parse_fast(text)
    if isinstance(data, list) and _read_alike(data):
        try:
            return _locate_journal(raw, data)
        except _Unvouched:
            pass
    return _parse_reference(path, text)


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
def _item_starts(raw: bytes, marker: bytes) -> list[tuple[int, int, int, str]]:
    """(line, column of the mapping, indentation, first value as written) of each `marker` line.

    Works on the file's bytes: bytes.find is several times faster than on decoded CJK text,
    and the markers, indentation and ids are ASCII (a BOM shifts nothing that is vouched for:
    an item on the BOM's line has a non-space before it and is refused).
    """
    starts = []
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
            starts.append((line, indent + 3, indent, value.strip().decode("utf-8", "replace")))
        at = raw.find(marker, at + len(marker))
    return starts


def _located(items: list, positions: list[tuple[int, int]]) -> yamlio.YSeq:
    from . import yamlio

    seq = yamlio.YSeq(items)
    seq.pos = positions[0] if positions else (1, 1)
    seq.item_pos = positions
    return seq


def _locate_plan(raw: bytes, data: dict) -> bool:
    """Give data's task and measure lists their items' positions; False if not vouched for."""
    tasks = data.get("tasks")
    if not isinstance(tasks, list):
        return False
    starts = iter(_item_starts(raw, b"- id:"))
    task_positions, task_indent, measure_indent = [], None, None
    for task in tasks:
        found = next(starts, None)
        if not isinstance(task, dict) or found is None or found[3] != str(task.get("id")):
            return False
        line, column, indent, _ = found
        task_indent = indent if task_indent is None else task_indent
        if indent != task_indent:
            return False
        task_positions.append((line, column))
        measures = task.get("measures")
        if isinstance(measures, list):
            positions = []
            for measure in measures:
                found = next(starts, None)
                if not isinstance(measure, dict) or found is None or found[3] != str(measure.get("id")):
                    return False
                measure_indent = found[2] if measure_indent is None else measure_indent
                if found[2] != measure_indent or measure_indent <= task_indent:
                    return False
                positions.append(found[:2])
            task["measures"] = _located(measures, positions)
    if next(starts, None) is not None:
        return False
    data["tasks"] = _located(tasks, task_positions)
    return True


def _locate_journal(raw: bytes, data: list) -> yamlio.YSeq:
    """The journal's entries with their positions; raises _Unvouched if they can't be found."""
    starts = [s for s in _item_starts(raw, b"- measure:") if s[2] == 0]
    if len(starts) != len(data):
        raise _Unvouched
    for entry, (_, _, _, written) in zip(data, starts):
        if not isinstance(entry, dict) or written.strip("\"'") != str(entry.get("measure")):
            raise _Unvouched
    return _located(data, [s[:2] for s in starts])


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


def _merge(plans: list[Plan], files: list[Path], problems: list[Problem]) -> Plan:
    """One plan from the plan files of a folder (their task and measure ids are prefixed).

    Text shared by every file is kept, else summarised; dates span all files; units are
    the union (a name declared by several files is one unit, with all their aliases, and each
    unit knows the files declaring it); claims with the same key
    are added up, since they count things (measures_total of each province sums to the
    folder's); settings must agree in effect, because the engine applies one set to every
    measure (see _shared_settings), but for the date immediate milestones are due, each file's
    own (Plan.immediate_dues).
    """
    if len(plans) == 1:
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
    for claim in (c for plan in plans for c in plan.meta.claims):
        seen = claims.get(claim.key)
        claims[claim.key] = claim if seen is None else Claim(claim.key, f"{seen.text}；{claim.text}", seen.value + claim.value)

    def shared(values, summary):
        distinct = list(dict.fromkeys(values))
        return distinct[0] if len(distinct) == 1 else summary(distinct)

    return Plan(
        meta=Meta(
            title=shared((p.meta.title for p in plans),
                         lambda titles: label("notice_folder_title", Lang.zh, n=len(plans), first=titles[0])),
            issuer=shared((p.meta.issuer for p in plans), "、".join),
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
    return Notice("folder_title", {"n": len(plan.parts), "first": titles[0]})


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

    def shown(value, name: str, writes: bool | None) -> str:
        text = value.isoformat() if isinstance(value, date) else str(value)
        if writes is False:
            text += " (not set: the default)"
        return text

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
        return {}, _key_at(top, "registry") if "registry" in top else None
    settings = meta.get("settings")
    block = _key_at(meta, "settings") if "settings" in meta else _key_at(top, "registry")
    if not isinstance(settings, dict):
        return {}, block
    return {key: _at(settings, key) for key in settings if isinstance(key, str)}, block


def _looks_like_journal(data, file: str) -> bool:
    """Whether what was read as a plan is a journal: a list (or nothing yet, an empty journal)
    in a file named like one, or a list holding an entry."""
    if isinstance(data, list) and any(isinstance(item, dict) and "measure" in item for item in data[:20]):
        return True
    name = Path(file).name
    return (data is None or isinstance(data, list)) and (name == "progress.yaml" or name.endswith(JOURNAL_SUFFIX))


class _Checker:
    """Turns parsed YAML into model objects, recording a Problem for everything wrong.

    `vouching`: the data came from the fast parser (no positions, YAML 1.2 scalars). Then
    the first problem, or any string the reference would not read as text, raises
    _Unvouched instead: the caller re-reads the file with the reference loader, which finds
    the same problems with their positions (or none, where only the parsers disagreed).
    """

    def __init__(self, filename: str, problems: list[Problem], *, vouching: bool = False):
        self.file = filename
        self.problems = problems
        self.vouching = vouching
        from . import yamlio

        self._reads_differently = yamlio.reads_differently
        self._as_written = yamlio.as_written
        # Fast-parsed milestone lists by value: a plan repeats a few hundred of them 100,000s of
        # times, and with vouching their result depends on the values alone (a problem raises).
        self._milestones_seen: dict[tuple, tuple[Milestone, ...]] = {}
        self.kind_refused: set[str] = set()  # units whose kind was refused (see units)

    # -- primitives ---------------------------------------------------------------
    def problem(self, pos: tuple[int, int] | None, message_key: str, /, **values) -> None:
        """A problem at `pos`: label problem_<message_key> (i18n.LABELS) with `values`; `what`, the place
        as problems name it ("measure 1.1.owners"), is said in the user's language."""
        if self.vouching:
            raise _Unvouched
        line, column = pos if pos else (None, None)
        if "what" in values:
            values["what"] = Where(values["what"])
        self.problems.append(problem(self.file, line, column, message_key, **values))

    def mapping(self, value, pos, what: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()):
        if type(value) is dict and _key_sets(allowed) >= value.keys() >= _key_sets(required):
            return value  # the common case, plain data from the fast parser: no key to report
        if not isinstance(value, dict):
            self.problem(pos, "not_mapping", what=what, kind=_kind(value))
            return None
        for key in value:
            if key not in allowed:
                fix = (Notice("key_full_width_colon", {"written": str(key).replace("：", ": ", 1)}) if "：" in str(key)
                       else Notice("keys_allowed", {"keys": list(allowed)}))
                self.problem(_key_at(value, key), "unknown_key", what=what, key=key, hint=suggestion(str(key), allowed), fix=fix)
        for key in required:
            if key not in value:
                self.problem(_at(value, None), "missing_key", what=what, key=key)
        return value

    def sequence(self, value, pos, what: str):
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(pos, "not_list", what=what, kind=_kind(value))
            return []
        return value

    def text(self, m, key: str, what: str, *, required: bool = True, empty_ok: bool = False, free: bool = True):
        """The text of m[key]; `free`: free text, where a plain scalar is the text written (note:
        017 is "017"), else a word or name of the format's, which must be text as YAML reads it."""
        if key not in m:
            return None
        value = m[key]
        if free and value.__class__ is not str:  # (the rare case: only text is ever written differently)
            value = self._as_written(m, key, value)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (not empty_ok and not value.strip()):
            self.problem(_at(m, key), "not_text" if empty_ok else "not_nonempty_text", what=f"{what}.{key}", kind=_kind(value))
            return None
        if self.vouching and self._reads_differently(value):
            raise _Unvouched
        return value

    def integer(self, m, key: str, what: str, *, minimum: int = 0):
        value = m.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(_at(m, key), "not_whole_number", what=f"{what}.{key}", minimum=minimum, value=_show(value),
                         hint=_number_hint(key, value))
            return None
        return value

    def date(self, m, key: str, what: str):
        value = m.get(key)
        if not isinstance(value, str):
            self.problem(_at(m, key), "not_date", what=f"{what}.{key}", value=_show(value))
            return None
        day, error = _checked_date(value, due=key == "due")
        if error is not None:
            self.problem(_at(m, key), error[0], what=f"{what}.{key}", text=value, **error[1])
        return day

    def enum(self, m, key: str, what: str, enum_type):
        value = m.get(key)
        member = enum_type._value2member_map_.get(value) if isinstance(value, str) else None
        if member is not None:  # (a dict look-up: calling the enum costs 5x more, per field)
            return member
        elif key not in m:  # (a key every caller requires: the mapping has said it is missing)
            return None
        else:
            allowed = [e.value for e in enum_type]
            said = _WRITTEN_AS.get(value) if isinstance(value, str) else None  # (推进中: in_progress)
            hint = (Notice("written_as", {"key": said}) if said in allowed else suggestion(str(value), allowed))
            self.problem(_at(m, key), "unknown_value", what=f"{what}.{key}", value=_show(value), hint=hint,
                         allowed=allowed)
            return None

    # -- plan ---------------------------------------------------------------------
    def plan(self, data, *, prefix: str) -> Plan | None:
        if _looks_like_journal(data, self.file):  # (a journal named where the plan is expected: say so)
            self.problem(_at(data, None) or (1, 1), "journal_not_plan", plan=plan_beside(self.file))
            return None
        if data is None:
            self.problem((1, 1), "empty_plan")
            return None
        top = self.mapping(data, (1, 1), "registry file", ("registry", "units", "tasks"), ("registry", "units", "tasks"))
        if top is None:
            return None
        meta, settings = self.meta(top.get("registry"), _at(top, "registry"))
        units = self.units(top.get("units"), _at(top, "units"))
        lookup, region_lookup = {}, {}
        for unit in units:
            for name in (unit.name, *unit.aliases):
                lookup[name] = unit.name
                if unit.kind == REGION or unit.name in self.kind_refused:
                    region_lookup[name] = unit.name
        tasks = self.tasks(top.get("tasks"), _at(top, "tasks"), lookup, prefix, region_lookup)
        if meta is None or settings is None:
            return None
        return Plan(meta=meta, settings=settings, units=tuple(units), tasks=tuple(tasks))

    def meta(self, value, pos):
        allowed = ("title", "issuer", "inspection", "feedback_date", "report_date", "source", "settings", "claims")
        m = self.mapping(value, pos, "registry", allowed, ("title", "issuer", "feedback_date", "report_date"))
        if m is None:
            return None, None
        title = self.text(m, "title", "registry")
        issuer = self.text(m, "issuer", "registry")
        inspection = self.text(m, "inspection", "registry", required=False)
        source = self.text(m, "source", "registry", required=False)
        feedback = self.date(m, "feedback_date", "registry") if "feedback_date" in m else None
        report = self.date(m, "report_date", "registry") if "report_date" in m else None
        settings = self.settings(m.get("settings"), _at(m, "settings"))
        claims = []
        for i, item in enumerate(self.sequence(m.get("claims"), _at(m, "claims"), "registry.claims")):
            cm = self.mapping(item, _at(m["claims"], i), f"claim {i + 1}", ("key", "text", "value"), ("key", "text", "value"))
            if cm is None:
                continue
            key, text, number = self.text(cm, "key", "claim", free=False), self.text(cm, "text", "claim"), self.integer(cm, "value", "claim")
            if key and text and number is not None:
                claims.append(Claim(key=key, text=text, value=number))
        if None in (title, issuer, feedback, report):
            return None, settings
        if report < feedback:  # (a report on the rectification follows the inspection's feedback)
            self.problem(_at(m, "report_date"), "report_before_feedback", report=report.isoformat(),
                         feedback=feedback.isoformat())
            return None, settings
        meta = Meta(title=title, issuer=issuer, inspection=inspection, feedback_date=feedback,
                    report_date=report, source=source, claims=tuple(claims))
        return meta, settings

    def settings(self, value, pos) -> Settings | None:
        if value is None:
            return Settings()
        m = self.mapping(value, pos, "registry.settings", ("timezone", "warn_days", "report_period_days", "immediate_due"))
        if m is None:
            return None
        kwargs = {}
        if "timezone" in m:
            zone = self.text(m, "timezone", "registry.settings", free=False)
            if zone is not None:
                if dates.time_zone(zone) is None:
                    meant = dates.zone_meant(zone)
                    if meant:
                        self.problem(_at(m, "timezone"), "unknown_zone_close", zone=zone, hint=suggested([meant]))
                    else:
                        self.problem(_at(m, "timezone"), "unknown_zone", zone=zone)
                else:
                    kwargs["timezone"] = zone
        for key in ("warn_days", "report_period_days"):
            if key in m:
                # (a period of 0 days would make every ongoing measure stale: the CLI refuses it too)
                number = self.integer(m, key, "registry.settings", minimum=1 if key == "report_period_days" else 0)
                if number is not None:
                    kwargs[key] = number
        if "immediate_due" in m:
            kwargs["immediate_due"] = self.date(m, "immediate_due", "registry.settings")
        return Settings(**kwargs)

    def units(self, value, pos) -> list[Unit]:
        units: list[Unit] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(self.sequence(value, pos, "units")):
            where = _at(value, i)
            m = self.mapping(item, where, f"unit {i + 1}", ("name", "aliases", "kind"), ("name",))
            if m is None:
                continue
            name = self.text(m, "name", "unit")
            aliases = []
            aliases_written = m.get("aliases")
            for j, alias in enumerate(self.sequence(aliases_written, _at(m, "aliases"), "unit.aliases")):
                alias = self._as_written(aliases_written, j, alias)
                if isinstance(alias, str) and alias.strip():
                    if self.vouching and self._reads_differently(alias):
                        raise _Unvouched
                    aliases.append(alias)
                else:
                    self.problem(_at(m["aliases"], j), "not_text", what="unit.aliases", kind=_kind(alias))
            kind = self.text(m, "kind", "unit", required=False, free=False)
            if kind is not None and kind not in UNIT_KINDS:
                self.problem(_at(m, "kind"), "unknown_value", what="unit.kind", value=_show(kind),
                             hint=suggestion(kind, UNIT_KINDS), allowed=list(UNIT_KINDS))
                kind = None
                if name is not None:
                    self.kind_refused.add(name)  # (as a region, it is refused once, here)
            if name is None:
                continue
            for label in (name, *aliases):
                if label in seen:
                    self.problem(where, "unit_twice", name=label, line=seen[label])
                seen[label] = where[0] if where else None
            units.append(Unit(name=name, aliases=tuple(aliases), kind=kind))
        return units

    def milestones(self, value, pos, what: str) -> tuple[Milestone, ...] | None:
        key = None
        if self.vouching and type(value) is list:
            try:
                key = tuple([tuple(item.items()) if type(item) is dict else item for item in value])
                known = self._milestones_seen.get(key)
            except TypeError:  # a value that can't be a key (a list): check it the long way
                key = known = None
            if known is not None:
                return known
        result = self._milestones(value, pos, what)
        if key is not None and result is not None:
            self._milestones_seen[key] = result
        return result

    def _milestones(self, value, pos, what: str) -> tuple[Milestone, ...] | None:
        if value is not None and not isinstance(value, list):
            self.sequence(value, pos, what)  # reports the wrong type, once
            return None
        items = self.sequence(value, pos, what)
        if not items:
            self.problem(pos, "no_milestone", what=what)
            return None
        result = []
        for i, item in enumerate(items):
            m = self.mapping(item, _at(value, i), f"{what}[{i + 1}]", ("kind", "due", "label"), ("kind",))
            if m is None:
                continue
            kind = self.enum(m, "kind", f"{what}[{i + 1}]", MilestoneKind)
            label = self.text(m, "label", f"{what}[{i + 1}]", required=False)
            due = None
            if kind is MilestoneKind.DATE:
                if "due" not in m:
                    self.problem(_at(m, None), "date_milestone_needs_due", what=f"{what}[{i + 1}]")
                    continue
                due = self.date(m, "due", f"{what}[{i + 1}]")
            elif kind is not None and "due" in m:
                self.problem(_at(m, "due"), "milestone_has_no_due", what=f"{what}[{i + 1}]", kind=kind.value)
            if kind is not None:
                result.append(_milestone(kind, due, label))
        return tuple(result)

    def tasks(self, value, pos, units: dict[str, str], prefix: str, region_units: dict[str, str]) -> list[Task]:
        """`units`: each unit's name and alias -> its name; `region_units` the same for the units
        of kind region, which a task's regions name."""
        tasks: list[Task] = []
        task_lines: dict[str, int] = {}
        if not isinstance(value, list):
            self.sequence(value, pos, "tasks")
            return tasks
        allowed = ("id", "title", "problem", "deadline", "reported", "regions", "measures")
        required = tuple(key for key in allowed if key != "regions")
        for i, item in enumerate(value):
            where = _at(value, i)
            m = self.mapping(item, where, _item_label("task", "", item, i), allowed, required)
            if m is None:
                continue
            number = self.integer(m, "id", "task", minimum=1) if "id" in m else None
            what = f"task {prefix}{number if number is not None else i + 1}"  # (in a folder, as its measures are named)
            if number is not None:
                key = str(number)
                if key in task_lines:
                    self.problem(_at(m, "id"), "duplicate_task", what=what, id=number, line=task_lines[key])
                task_lines[key] = _line(m, "id")
            task_id = f"{prefix}{number}"
            title = self.text(m, "title", what)
            problem = self.text(m, "problem", what)
            deadline = None
            dm = self.mapping(m.get("deadline"), _at(m, "deadline"), f"{what}.deadline", ("text", "milestones"), ("text", "milestones")) if "deadline" in m else None
            if dm is not None:
                dtext = self.text(dm, "text", f"{what}.deadline")
                dms = self.milestones(dm.get("milestones"), _at(dm, "milestones"), f"{what}.deadline.milestones")
                if dtext is not None and dms is not None:
                    deadline = Deadline(text=dtext, milestones=dms)
            reported = None
            rm = self.mapping(m.get("reported"), _at(m, "reported"), f"{what}.reported", ("state", "ongoing"), ("state",)) if "reported" in m else None
            if rm is not None:
                state = self.enum(rm, "state", f"{what}.reported", Reported)
                ongoing = rm.get("ongoing", False)
                if not isinstance(ongoing, bool):
                    self.problem(_at(rm, "ongoing"), "not_bool", what=f"{what}.reported.ongoing", value=_show(ongoing))
                elif state is not None:
                    reported = ReportedState(state=state, ongoing=ongoing)
            regions = []
            for j, region in enumerate(self.sequence(m.get("regions"), _at(m, "regions"), f"{what}.regions")):
                if region.__class__ is not str:
                    region = self._as_written(m["regions"], j, region)
                if not isinstance(region, str):
                    self.problem(_at(m["regions"], j), "region_not_text", what=f"{what}.regions", kind=_kind(region))
                elif region not in region_units:
                    refused, values = _not_a_region(region, units, region_units)
                    self.problem(_at(m["regions"], j), refused, what=f"{what}.regions", **values)
                else:
                    regions.append(region_units[region])
            measures = self.measures(m["measures"], _at(m, "measures"), what, task_id, units) if "measures" in m else []
            if None in (number, title, problem, deadline, reported):
                continue
            tasks.append(new(Task, id=task_id, title=title, problem=problem, deadline=deadline, reported=reported,
                             regions=tuple(regions), measures=tuple(measures), location=new(Location, file=self.file, line=where[0], column=where[1])))
        return tasks

    def measures(self, value, pos, what: str, task_id: str, units: dict[str, str]) -> list[Measure]:
        result: list[Measure] = []
        seen: dict[int, int] = {}
        allowed = ("id", "text", "owners", "lead", "milestones")
        if value is None or (isinstance(value, list) and not value):
            # (nothing to record progress on, close or check: it would only ever show red in status)
            self.problem(pos, "no_measures", what=f"{what}.measures")
        for i, item in enumerate(self.sequence(value, pos, f"{what}.measures")):
            where = _at(value, i)
            m = self.mapping(item, where, _item_label("measure", f"{task_id}.", item, i, f"{what} measure {i + 1}"), allowed, allowed)
            if m is None:
                continue
            number = self.integer(m, "id", f"{what} measure", minimum=1) if "id" in m else None
            mid = f"{task_id}.{number}"
            label = f"measure {mid}" if number is not None else f"{what} measure {i + 1}"
            if number is not None:
                if number in seen:
                    self.problem(_at(m, "id"), "duplicate_measure", what=label, line=seen[number])
                seen[number] = _line(m, "id")
            text = self.text(m, "text", label)
            owners = []
            raw_owners = self.sequence(m.get("owners"), _at(m, "owners"), f"{label}.owners") if "owners" in m else []
            if "owners" in m and not raw_owners and isinstance(m["owners"], (list, type(None))):
                self.problem(_at(m, "owners"), "no_owners", what=f"{label}.owners")
            for j, owner in enumerate(raw_owners):
                if owner.__class__ is not str:
                    owner = self._as_written(raw_owners, j, owner)
                canonical = units.get(owner) if isinstance(owner, str) else None
                listed = _listed_in_one(owner, units)
                if canonical is None and listed is not None:  # (拉萨市，日喀则市: not a unit to declare)
                    self.problem(_at(m["owners"], j), "unknown_unit", what=f"{label}.owners", name=_show(owner), hint=listed)
                elif canonical is None:
                    self.problem(_at(m["owners"], j), "unknown_owner", what=f"{label}.owners", name=_show(owner),
                                 hint=suggestion(str(owner), units), unit=owner)
                else:
                    owners.append(canonical)
            lead = self.text(m, "lead", label)
            if lead is not None:
                canonical = units.get(lead)
                if canonical is None:
                    self.problem(_at(m, "lead"), "unknown_unit", what=f"{label}.lead", name=repr(lead), hint=suggestion(lead, units),
                                 unit=lead)
                elif owners and canonical not in owners:
                    self.problem(_at(m, "lead"), "lead_not_owner", what=f"{label}.lead", name=lead)
                lead = canonical
            milestones = self.milestones(m.get("milestones"), _at(m, "milestones"), f"{label}.milestones") if "milestones" in m else None
            if None in (number, text, lead, milestones) or not owners:
                continue
            result.append(new(Measure, id=mid, task_id=task_id, text=text, owners=tuple(owners), lead=lead,
                              milestones=milestones, location=new(Location, file=self.file, line=where[0], column=where[1])))
        return result

    # -- journal ------------------------------------------------------------------
    def journal_rows(self, data) -> list[list]:
        """The entries that are valid on their own, as rows (see JournalContext.entries).

        A row keeps what depends on the rest of the registry (the measure id, unit names,
        the date against today) as written: those are checked on every load, while a row
        itself only depends on the journal file's content and can be cached.
        """
        if data is None:
            return []  # an empty journal (or only comments): nothing recorded yet
        if not isinstance(data, list):
            self.problem((1, 1), "journal_not_list", kind=_kind(data))
            return []
        allowed = ("measure", "date", "state", "note", "evidence", "by", "milestone", "to", "reason", "approved_by", "late",
                   "recorded", "hash", "retracts")
        rows = []
        for i, item in enumerate(data):
            where = _at(data, i)
            m = self.mapping(item, where, f"journal entry {i + 1}", allowed, ("measure", "date", "state"))
            if m is None:
                continue
            what = f"journal entry {i + 1}"
            mid = m.get("measure")
            if not isinstance(mid, str):
                self.problem(_at(m, "measure"), "measure_not_quoted", what=f"{what}.measure", value=_show(mid))
                continue
            day = self.date(m, "date", what) if "date" in m else None
            state = self.enum(m, "state", what, EntryState) if "state" in m else None
            note = self.text(m, "note", what, required=False, empty_ok=True) if "note" in m else ""
            evidence = self.text(m, "evidence", what, required=False)
            by = self._unit_name(m, "by", what)
            approved_by = self._unit_name(m, "approved_by", what)
            milestone = self.date(m, "milestone", what) if m.get("milestone") is not None else None
            to = self.date(m, "to", what) if m.get("to") is not None else None
            recorded = self.date(m, "recorded", what) if m.get("recorded") is not None else None
            if recorded is not None and day is not None and recorded <= day:
                self.problem(_at(m, "recorded"), "recorded_not_after", what=f"{what}.recorded", recorded=recorded.isoformat(),
                             date=day.isoformat())
                continue
            reason = self.text(m, "reason", what, required=False)
            late = m.get("late", False)
            if not isinstance(late, bool):
                self.problem(_at(m, "late"), "not_bool", what=f"{what}.late", value=_show(late))
                late = False
            digest = m.get("hash")
            if digest is not None and not (isinstance(digest, str) and chain.HASH.fullmatch(digest)):
                self.problem(_at(m, "hash"), "hash_shape", what=f"{what}.hash")
            retracts = m.get("retracts")
            if state is EntryState.RETRACTED and not (isinstance(retracts, str) and chain.HASH.fullmatch(retracts)):
                self.problem(_at(m, "retracts" if "retracts" in m else None), "retracts_shape", what=f"{what}.retracts")
                continue
            if state is EntryState.EXTENDED and to is None:
                self.problem(_at(m, None), "extension_needs_to", what=what)
                continue
            if state is EntryState.EXTENDED and milestone is not None and to <= milestone:
                # (`rectify extend` refuses this too; an extension never brings a deadline forward)
                self.problem(_at(m, "to"), "to_not_after_milestone", what=f"{what}.to", to=to.isoformat(),
                             milestone=milestone.isoformat())
                continue
            if state is EntryState.EXTENDED and day is not None and to <= day:
                self.problem(_at(m, "to"), "to_not_after_date", what=f"{what}.to", to=to.isoformat(), date=day.isoformat())
                continue
            # (a note of the wrong type is reported as such; none, or blank, says nothing: a report or an
            # in_progress entry would clear 久未报告 reporting nothing, a reopening would not say why)
            needs = _NOTE_NEEDED.get(state)
            if needs is not None and (note.strip() == "" if note is not None else m.get("note") is None):
                self.problem(_at(m, "note" if "note" in m else None), needs, what=f"{what}{'.note' * ('note' in m)}")
                continue
            if not self._keys_fit_state(m, state, what):
                continue
            if None in (day, state):
                continue
            rows.append([i, mid, day.isoformat(), state.value, note or "", evidence, by,
                         dates.iso(milestone), dates.iso(to), reason, approved_by, late, dates.iso(recorded), digest,
                         retracts, *where])
        return rows

    def _keys_fit_state(self, m, state: EntryState | None, what: str) -> bool:
        """Whether the entry has only keys its state uses: another's would be kept and ignored
        (a `to:` on a done entry moves nothing)."""
        fits = True
        if "retracts" in m and state is not EntryState.RETRACTED and state is not None:
            self.problem(_at(m, "retracts"), "retracts_key", what=f"{what}.retracts")
            fits = False
        if state is not EntryState.EXTENDED and state is not None:
            for key in _EXTENSION_KEYS:
                if key in m:
                    self.problem(_at(m, key), "extension_key", what=f"{what}.{key}", key=key)
                    fits = False
            if "milestone" in m and state is not EntryState.DONE:
                self.problem(_at(m, "milestone"), "milestone_key", what=f"{what}.milestone")
                fits = False
        return fits

    def _unit_name(self, m, key: str, what: str):
        name = m.get(key)
        if name is not None and name.__class__ is not str:
            name = self._as_written(m, key, name)
        if name is not None and not isinstance(name, str):
            self.problem(_at(m, key), "unknown_unit", what=f"{what}.{key}", name=_show(name), hint="")
            return None
        if name is not None and self.vouching and self._reads_differently(name):
            raise _Unvouched
        return name


_EXTENSION_KEYS = ("to", "reason", "approved_by", "late")
# What the note of an entry of each state must say (as the writing commands ask for it).
_NOTE_NEEDED = {EntryState.REPORT: "note_report", EntryState.IN_PROGRESS: "note_in_progress",
                EntryState.REOPENED: "note_reopened", EntryState.RETRACTED: "note_retracted"}  # (labels problem_<key>)


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


def late_extension(requested: date, deadline: date) -> bool:
    """Whether an extension requested on `requested` comes after the deadline it moves (a
    deadline day is not late): what its `late` flag must say."""
    return requested > deadline


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


class JournalContext:
    """What journal rows are checked against on every load: the plan's ids and units, today."""

    def __init__(self, plan: Plan, today: date, declared: dict[str, tuple[Unit, ...]] | None = None):
        self.plan = plan
        # (a folder's: the units each file declares itself, by its prefix, with its own aliases)
        self.declared = declared or {}
        self.measure_ids = {m.id: m.milestones for m in plan.measures()}  # ordered: suggestions stay stable
        self.today = today
        # (by id() of a milestones tuple, which measures share: see _steps_of)
        self._steps: dict[int, tuple[tuple[date | None, ...], bool, bool]] = {}
        # (of a milestones tuple with an immediate step, by its id() and the measure's immediate due)
        self._deadlines: dict[tuple[int, date], tuple[date, ...]] = {}

    def _steps_of(self, mid: str) -> tuple[tuple[date | None, ...], bool, bool]:
        """_steps_of_milestones of the measure's milestones, made once for each tuple of them."""
        milestones = self.measure_ids[mid]
        found = self._steps.get(id(milestones))
        if found is None:
            found = self._steps[id(milestones)] = _steps_of_milestones(milestones)
        return found

    def deadlines(self, mid: str) -> tuple[date, ...]:
        """The original due dates of a measure's dated milestones: what an entry's `milestone` names."""
        dues, immediate, _ = self._steps_of(mid)
        if not immediate:
            return dues
        immediate_due = self.plan.immediate_due_of(mid)
        key = (id(self.measure_ids[mid]), immediate_due)
        found = self._deadlines.get(key)
        if found is None:
            found = self._deadlines[key] = tuple(immediate_due if due is None else due for due in dues)
        return found

    def has_ongoing(self, mid: str) -> bool:
        """Whether a measure has an ongoing (长期坚持) part, which reports are about."""
        return self._steps_of(mid)[2]

    def entries(self, rows: list[list], file: str, prefix: str, *,
                checked: bool = True) -> tuple[list[Entry], list[tuple[int, str, Notice]]]:
        """The Entry of each row, and (entry index, the key it is about, what is wrong: label
        problem_<key>, without the place) for each problem found. `checked=False`: rows that
        passed these checks in this context before (a warm check's, whose outcomes were stored
        after a clean load of the same bytes), only their measures checked (a fifth of the time)."""
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

        def day_of(text: str | None) -> date | None:
            if text is None:
                return None
            day = days.get(text)
            if day is None:
                day = days[text] = date.fromisoformat(text)
            return day

        retractions: list[tuple[int, Entry]] = []  # (index, entry) of each retraction: checked below
        later: list[tuple[int, str, str]] = []  # (index, field, date) of each entry dated after today
        for (index, mid, day, state, note, evidence, by, milestone, to, reason, approved_by, late, recorded, digest, retracts,
             line, column) in rows:
            if prefix and ":" not in mid:
                mid = prefix + mid
            elif prefix and not mid.startswith(prefix) and mid in measure_ids:
                # (its history would be split across two journals, each checked alone)
                other = mid.partition(":")[0]
                problems.append((index, "measure", Notice("other_files_measure", {"measure": mid, "other": other,
                                                                                  "own": prefix[:-1]})))
                continue
            if mid not in measure_ids:
                problems.append((index, "measure", Notice("no_measure", {"measure": mid, "hint": suggested(close_ids(mid, measure_ids))})))
                continue
            entry = new(Entry, measure=mid, date=day_of(day), state=states[state], note=note, evidence=evidence,
                        by=units.get(by), milestone=day_of(milestone), to=day_of(to),
                        reason=reason, approved_by=units.get(approved_by), late=late, hash=digest, recorded=day_of(recorded),
                        retracts=retracts, location=new(Location, file=file, line=line, column=column))
            append(entry)
            if not checked:
                continue
            if day > today_iso or (recorded is not None and recorded > today_iso):
                later.append((index, "date", day) if day > today_iso else (index, "recorded", recorded))
            elif day < feedback_iso:
                problems.append((index, "date", Notice("date_before_feedback", {"date": day, "feedback": feedback_iso})))
            if milestone is not None and day_of(milestone) not in self.deadlines(mid):
                deadlines = sorted({d.isoformat() for d in self.deadlines(mid)}) or Notice("no_deadlines", {})
                problems.append((index, "milestone", Notice("milestone_not_deadline", {
                    "milestone": milestone, "measure": mid, "deadlines": deadlines})))
            if by is not None and by not in units:
                problems.append((index, "by", _unknown_unit(by, units)))
            if approved_by is not None and approved_by not in units:
                problems.append((index, "approved_by", _unknown_unit(approved_by, units)))
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
            more = Notice("date_future_more", {"count": len(later) - 1}) if len(later) > 1 else ""
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
            late = late_extension(day, due)
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


@functools.lru_cache(maxsize=65536)
def _checked_date(text: str, *, due: bool = False) -> tuple[date | None, tuple[str, dict] | None]:
    """(date, None) or (None, why not): registries repeat a few thousand dates many times. `due`:
    a milestone's due date, which a kind's words (长期坚持) may stand in for."""
    try:
        return dates.parse_iso(text), None
    except dates.DateFormatError as exc:  # (label problem_<key> and its values but the text)
        if exc.kind != "not_real":
            return None, ("date_unwritten", {"hint": _date_hint(text, due)})
        # (Python's words for why: said in Chinese too where we know them)
        detail = {"day is out of range for month": Notice("day_out_of_range", {}),
                  "month must be in 1..12": Notice("month_out_of_range", {})}.get(exc.detail, exc.detail)
        return None, ("date_not_real", {"detail": detail})


def _date_hint(text: str, due: bool) -> Notice | str:
    """What to write instead of a date written another way, '' when unsure what is meant."""
    kind = KIND_WORDS.get(text.strip()) if due else None
    if kind is not None:
        return Notice("date_is_kind", {"text": text.strip(), "kind": kind.value})
    likely = dates.likely_date(text)
    if likely is None:
        return ""
    how, written = likely
    return suggested([written]) if how == "day" else Notice(f"date_{how}", {"written": written})


@functools.lru_cache(maxsize=4096)
def _milestone(kind: MilestoneKind, due: date | None, label: str | None) -> Milestone:
    return Milestone(kind=kind, due=due, label=label)  # immutable: one shared object per value


@functools.lru_cache(maxsize=64)
def _key_sets(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


def _number_hint(key: str, value) -> Notice | str:
    """What to write instead of a number written as text, or of a measure's full id."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and int(value) > 0:
        # ('08' and '09' are text to YAML 1.1, which reads a leading 0 as octal; quotes make any text)
        return Notice("number_unquoted", {"n": int(value)})
    if key == "id" and isinstance(value, float):
        return Notice("measure_id_number", {})
    return ""


def _item_label(kind: str, prefix: str, item, index: int, unnumbered: str | None = None) -> str:
    """How problems name a task or measure before it is read: by its id when it has a readable
    one (a task is known by its id, not by where it stands in the list), else by its place."""
    number = item.get("id") if isinstance(item, dict) else None
    if isinstance(number, int) and not isinstance(number, bool) and number >= 1:
        return f"{kind} {prefix}{number}"
    return unnumbered or f"{kind} {index + 1} in the list"


def _not_a_region(name: str, units: dict[str, str], region_units: dict[str, str]) -> tuple[str, dict]:
    """Why a task's region `name` is refused, a unit of another kind or no unit declared: the
    label key and its values."""
    if name in units:
        return "not_a_region", {"name": name}
    declared = list(dict.fromkeys(region_units.values()))
    hint = _listed_in_one(name, region_units) or suggestion(name, region_units)
    shown = (declared if len(declared) <= 8 else Notice("regions_more", {"regions": declared[:8], "more": len(declared) - 8})
             ) if declared else Notice("regions_none", {})
    return "unknown_region", {"name": _show(name), "hint": hint, "regions": shown}


# The words of a state, a reported state and a milestone kind as Chinese reports write them
# (i18n's tables, and 已完成, 已销号): a journal or plan written by hand in them is told the key.
_WRITTEN_AS = {chinese: key for table in (ENTRY, REPORTED, MILESTONE) for key, (chinese, _) in table.items()} | {
    "已完成": "done", "已销号": "done", "完成": "done"}


def _listed_in_one(name, known) -> Notice | None:
    """Names written as one, joined by a Chinese comma or 、 (拉萨市，日喀则市), each of them
    `known`: the hint to write them as a list; else None."""
    if not isinstance(name, str):
        return None
    parts = [part.strip() for part in re.split("[，、,]", name)]
    if len(parts) < 2 or not all(part in known for part in parts):
        return None
    return Notice("listed_in_one", {"written": f"[{', '.join(parts)}]"})


def _unknown_unit(name, units) -> Notice:
    return Notice("unknown_unit", {"name": _show(name), "hint": suggestion(str(name), units)})


class _Unvouched(Exception):
    """Fast-parsed data has a problem or an ambiguity: re-read the file with the reference loader."""


def _at(container, key):
    """Position of container[key] (of the container itself for key None), or None when the
    data came from the fast path, which keeps positions only for tasks, measures, entries."""
    if type(container) is dict or type(container) is list:  # (cheaper than a failing getattr)
        return None
    if key is None:
        return getattr(container, "pos", None)
    where = getattr(container, "where", None)
    return where(key) if where is not None else None


def _key_at(mapping, key):
    key_pos = getattr(mapping, "key_pos", None)
    return key_pos.get(key, mapping.pos) if key_pos is not None else None


def _line(mapping, key) -> int | None:
    where = _at(mapping, key)
    return where[0] if where else None


def not_a_journal(path: Path, data) -> RegistryError | None:
    """The loader's refusal of a journal that is no list of entries, for a command that reads
    the journal's YAML itself (verify); None when it is one, or empty."""
    if data is None or isinstance(data, list):
        return None
    return RegistryError(problem(str(path), 1, 1, "journal_not_list", kind=_kind(data)))


def _kind(value) -> Notice:
    """What `value` is, as a problem says what it found instead (label problem_kind_*)."""
    if value is None:
        return Notice("kind_nothing", {})
    if isinstance(value, bool):
        return Notice("kind_bool", {})
    if isinstance(value, dict):
        return Notice("kind_mapping", {})
    if isinstance(value, list):
        return Notice("kind_list", {})
    if isinstance(value, (int, float)):
        return Notice("kind_number", {"n": value})
    return Notice("kind_text_shown", {"text": value}) if len(str(value)) < 40 else Notice("kind_text", {})


def _show(value) -> Notice | str:
    return _kind(value) if not isinstance(value, str) else repr(value)
