"""A cache of validated registry files, so that commands on an unchanged registry skip YAML.

One cache entry per source file (plan or journal, and the id prefix it was loaded with),
holding the file's *validated* content as JSON: for a plan, the Plan model in compact
form; for a journal, its entries as rows still in the words of the file (unprefixed
measure ids, unit names as written), because checking them against the plan and against
today's date happens on every load. An entry is valid only for the exact bytes it was
made from (SHA-256 of the content), so any edit, even one byte of a note, re-parses that
file and only that file. Beside a plan's entry lies its head (meta, settings and units
alone) and, made by outcomes.py, the outcomes of its measures.

Plans and journals are stored as a header and rows (a measure or an entry each), one row a
line with an index of where each ends (FileCache.put_rows), so that a check that lists a
third of a big registry's measures decodes only their rows.

Only JSON is ever read back (never pickle), and a cache that can't be read or written is
no error: a missing, corrupt or foreign entry is a miss, an unwritable folder is skipped.
What every warm run reads in full carries a CRC-32 (see _sealed): a plan's or journal's header
and index, and each document stored whole (a plan's head, its outcomes, its journal rows'
measures), so a byte changed there, even one that keeps the JSON well-formed (a deadline's
date), is a miss. Each row (a measure, a journal entry) has its CRC-32 in the index too, but
only a command about one task or measure checks it (outcomes.load_item: get_rows with `sealed`
for the few rows it reads, and every row of the registry's entries before it falls back to the
full load, an entry with a row edited made again): a row edited by hand could be written to the
append-only journal there. A check, and any full load, do not: summing 60 MB of rows at 100,000
measures is some 11% of a warm check, most of them never read by it. There, of a row, only
damage to its shape is seen (a row lost or cut, a value of the wrong type), a value edited by
hand is not; a problem a journal's cached rows show is made sure of in the file before it is
reported, and so is a refusal judged against plans from the cache (registry.load_registry).

A journal only grows, so its entry also holds the size of the bytes it was read from: after
entries are appended (a `record`, a colleague's commit pulled), registry._extend_cached_journal
reads only them, and outcomes.py judges again only the measures they are about.
"""
from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import re
import sys
import zlib
from bisect import bisect_left
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date
from itertools import accumulate, chain, islice
from pathlib import Path

from .dates import iso
from .model import (
    Claim,
    Measure,
    Meta,
    Milestone,
    MilestoneKind,
    Plan,
    Reported,
    ReportedState,
    Settings,
    Unit,
    new_deadline,
    new_location,
    new_measure,
    new_milestone,
    new_task,
)

ENV_CACHE_DIR = "RECTIFY_CACHE_DIR"
# Bump when the loader's validation or the encoding below changes: old entries become misses.
CACHE_VERSION = 29
# Files this big in all (bytes) are hashed in several processes (file_digests): SHA-256 takes some
# 40 ms for 50 MB here, a fork of a process just started some 2 ms.
PARALLEL_HASH_BYTES = 16_000_000
_MAGIC = b"rectify-cache"


try:
    import orjson
except ImportError:  # pragma: no cover - a dependency; the standard library reads and writes the same
    orjson = None


loads_json = (orjson or json).loads  # (a ValueError on what isn't JSON, from either)


def compact_json(document) -> bytes:
    """`document` as compact UTF-8 JSON: orjson when it can (3x faster on 100,000s of rows with
    Chinese text, a second of a cold 100,000-measure load), else the standard library."""
    if orjson is not None:
        try:
            return orjson.dumps(document)
        except (TypeError, ValueError):  # e.g. an integer beyond 64 bits
            pass
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _row_pieces(rows: Iterable[list]) -> tuple[list[bytes], list[int], str]:
    """(`rows`, read once, as lines ",row\n" joined a few thousand to a piece; each row's length;
    each row's CRC-32 in 8 hex digits, joined: see _row_sealed), each row as compact_json gives
    it (orjson called straight on the 100,000s of rows). Joined at
    once: orjson makes each text in a buffer of 1 KiB (4 KiB from orjson 3.12) that it shortens
    in place, so 200,000 rows kept one by one held 200 MB (800 MB), not the 60 they take."""
    pieces, lengths, sums = [], [], []
    rows = iter(rows)
    while batch := list(islice(rows, 4096)):
        lines = None
        if orjson is not None:
            try:
                lines = list(map(orjson.dumps, batch))
            except (TypeError, ValueError):  # a row orjson refuses: each the long way
                pass
        if lines is None:
            lines = [compact_json(row) for row in batch]
        lengths += map(len, lines)
        sums.append(b"".join([b"%08x" % crc32 for crc32 in map(zlib.crc32, lines)]))
        pieces.append(b",%s\n" % b"\n,".join(lines))
    return pieces, lengths, b"".join(sums).decode()


def cache_dir() -> Path | None:
    """$RECTIFY_CACHE_DIR, else $XDG_CACHE_HOME/rectify, else (Windows) %LOCALAPPDATA%\\rectify\\Cache,
    else ~/.cache/rectify; None, and no cache, for a user with no home: HOME unset and no account
    (a container's arbitrary user id), or a home that is not there (HOME=/nonexistent, as
    services are given), not to be made."""
    explicit = os.environ.get(ENV_CACHE_DIR)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "rectify"
    local = os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None
    if local:  # (where Windows programs keep a cache: not roamed, and what disk cleanup knows)
        return Path(local) / "rectify" / "Cache"
    try:
        home = Path.home()
    except RuntimeError:  # ("Could not determine home directory.")
        return None
    return home / ".cache" / "rectify" if home.is_dir() else None


def _sealed(line: bytes) -> bytes:
    """`line` (no line break in it) after its CRC-32 in 8 hex digits: how an entry's header and
    index, or a document stored whole, is written after the entry's key (see the docstring)."""
    return b"%08x%s" % (zlib.crc32(line), line)


def _seals(seal: bytes, line) -> bool:
    """Whether `seal` is the CRC-32 `_sealed` put before `line` (bytes, or a memoryview: a
    header line of a national plan is some 2 MB, not to be copied for this)."""
    return seal == b"%08x" % zlib.crc32(line)


def _unsealed(line: bytes | memoryview) -> memoryview | None:
    """The line `_sealed` made, without its CRC-32 (not copied); None when it is not this line's."""
    rest = memoryview(line)[8:]
    return rest if _seals(line[:8], rest) else None


def _row_sealed(sums: str, at: int, row) -> bool:
    """Whether `row` (its bytes, without the comma before it) is the row `at` that `sums` (the
    CRC-32 of each row in 8 hex digits, from the sealed index) was made for."""
    return sums[8 * at:8 * at + 8] == "%08x" % zlib.crc32(row)


# A row's first value, a text without escapes, where its line starts (see put_rows).
_ROW_ID = re.compile(rb'\n,\["([^"\\]*)",')


class FileCache:
    """Cache entries in one folder, one per (source file, kind, prefix)."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder is not None else cache_dir()
        # The last few (bytes, SHA-256) hashed: a file's bytes are hashed for its version, to
        # look it up and to store it, once. Only a few are kept: each holds a file's bytes alive.
        self._digests: list[tuple[bytes, str]] = []

    def digest(self, raw: bytes) -> str:
        """SHA-256 of `raw` in hex, computed once for the bytes objects last hashed (100 MB take 0.06 s)."""
        for known, digest in self._digests:
            if known is raw:
                return digest
        digest = hashlib.sha256(raw).hexdigest()
        self._digests = [(raw, digest), *self._digests[:1]]
        return digest

    def forget_bytes(self) -> None:
        """Let go of the bytes `digest` keeps: for a caller done with its files' bytes, which
        would otherwise stay alive (110 MB at 100,000 measures)."""
        self._digests = []

    def file_digest(self, path: Path) -> tuple[str, int]:
        """(SHA-256 in hex, size) of a file's content: its version, as `digest` gives for its
        bytes. Raises OSError."""
        from .fsutil import file_sha256

        return file_sha256(path)

    def file_digests(self, paths: list[Path]) -> list[tuple[str, int]]:
        """file_digest of each of `paths`, in order; files this big in all are shared out to
        several processes, hashed at once (fanout.py). Raises OSError."""
        sizes = [os.stat(path).st_size for path in paths]
        if sum(sizes) < PARALLEL_HASH_BYTES:
            return [self.file_digest(path) for path in paths]
        from . import fanout

        groups: list[list[int]] = [[] for _ in range(fanout.workers())]  # indexes into paths
        bytes_in = [0] * len(groups)
        for at in sorted(range(len(paths)), key=sizes.__getitem__, reverse=True):  # biggest first, to the lightest
            lightest = bytes_in.index(min(bytes_in))
            groups[lightest].append(at)
            bytes_in[lightest] += sizes[at]
        groups = [group for group in groups if group]
        hashed = fanout.run(lambda group: [self.file_digest(paths[at]) for at in group], groups,
                            encode=compact_json, decode=loads_json)
        digests: list = [None] * len(paths)
        for group, results in zip(groups, hashed):
            for at, (digest, size) in zip(group, results):
                digests[at] = (digest, size)
        return digests

    def entry_path(self, source: Path, kind: str, prefix: str) -> Path:
        # One slot per source, overwritten on change, so the cache can't grow without bound.
        # (surrogateescape: a folder named in GBK, unpacked from a Windows zip, is not UTF-8)
        name = hashlib.sha256(f"{Path(source).resolve()}\0{kind}\0{prefix}".encode(errors="surrogateescape")).hexdigest()[:40]
        if self.folder is None:  # (no cache: every entry missing, as readers and _write expect of one)
            raise FileNotFoundError(errno.ENOENT, "no cache folder", f"{name}.json")
        return self.folder / f"{name}.json"

    def _open(self, source: Path, kind: str, prefix: str):
        """The entry in this slot, open to be read. Raises OSError when there is none, or
        something else is in its place: a named pipe would wait for a writer forever (every
        command hung), a device such as /dev/zero never end (as layout.read_bytes refuses)."""
        path = self.entry_path(source, kind, prefix)
        if not path.is_file():  # (follows a link, as open does)
            raise FileNotFoundError(errno.ENOENT, "not a cache entry", str(path))
        return open(path, "rb")

    def content_key(self, content: bytes | str) -> bytes:
        """The first line of an entry made from `content`: the source's bytes, or any text that
        names a version of what the entry was made from (e.g. several files' SHA-256)."""
        version = content if isinstance(content, str) else self.digest(content)
        return b"%s %d %s\n" % (_MAGIC, CACHE_VERSION, version.encode())

    def get(self, source: Path, kind: str, prefix: str, raw: bytes | str):
        """The cached document for these exact bytes (or version, see content_key), or None."""
        body = self._body(source, kind, prefix, raw)
        try:
            return None if body is None else loads_json(body)
        except ValueError:  # truncated, not JSON (orjson's error is a ValueError)
            return None

    def get_rows(self, source: Path, kind: str, prefix: str, raw: bytes | str, *, pick=None, sealed: bool = False):
        """(header, rows) of an entry stored by `put_rows`, or None. `pick(header, count)`, given
        how many rows the entry holds: the positions (ascending) of the only rows wanted, the
        others never read, which is what makes a check that lists a third of a big registry's
        measures cheap; it raises ValueError when the header doesn't describe those rows.
        `sealed` (with `pick`): None too when a row picked is not the one its CRC-32 was made
        for (a command about one measure believes no row edited by hand; a check, which reads
        thousands, does not pay for it: see the docstring)."""
        if pick is None:
            document = self.get(source, kind, prefix, raw)
            if type(document) is not list or len(document) < 3 or type(document[2]) is not list \
                    or len(document[2]) != len(document) - 3:  # (a row lost or added: damaged)
                return None
            return document[0], document[3:]
        try:
            with self._rows(source, kind, prefix, raw) as (data, base, header, ends, sums):
                if data is None:
                    return None
                # Each row with the comma before it (the first's is the opening bracket), closed by
                # one: a JSON array made by one join, not a join and a copy.
                picked = list(pick(header, len(ends)))
                rows = [data[base + (ends[at - 1] + 1 if at else 0):base + ends[at]] for at in picked]
            if sealed and not all(_row_sealed(sums, at, memoryview(row)[1:]) for at, row in zip(picked, rows)):
                return None
            if not rows:
                return header, []
            rows[0] = b"[" + rows[0][1:]
            rows.append(b"]")
            return header, loads_json(b"".join(rows))
        except (OSError, ValueError, LookupError, TypeError):  # missing, damaged (mmap of an empty file: ValueError)
            return None

    def streamed_rows(self, source: Path, kind: str, prefix: str, raw: bytes | str, *, batch: int = 4096):
        """(header, its rows as an iterator) of an entry stored by `put_rows`, or None. The rows
        are decoded `batch` at a time as they are read, each batch let go before the next: the
        200,000 rows of a 100,000-measure journal, decoded at once, take 160 MB and 340 MB at
        the peak. Reading them raises ValueError, LookupError or TypeError on a damaged entry."""
        rows = self._rows_in_batches(source, kind, prefix, raw, batch)
        try:
            return next(rows), rows
        except (OSError, ValueError, LookupError, TypeError, StopIteration):  # missing, damaged
            return None

    def _rows_in_batches(self, source: Path, kind: str, prefix: str, raw: bytes | str, batch: int):
        """The entry's header, then its rows (see streamed_rows)."""
        with self._rows(source, kind, prefix, raw) as (data, base, header, ends, _):
            if data is None:
                return
            yield header
            for at in range(0, len(ends), batch):
                # rows at..last, each with the comma before it (the first's dropped), in brackets
                last = min(at + batch, len(ends)) - 1
                yield from loads_json(b"[%s]" % data[base + (ends[at - 1] + 1 if at else 0) + 1:base + ends[last]])

    def find_rows(self, source: Path, kind: str, prefix: str, raw: bytes | str, first: str) -> tuple[object, list[int]] | None:
        """(header, the positions of the rows whose first value is the text `first`) of an entry
        stored by `put_rows`, found in its bytes without decoding any row (a plan's measure by
        its id: some 30 ms in a 100,000-measure plan); None when the entry is missing or damaged."""
        # Rows are written one a line, each line "," + row: a row [first, ...] starts with this
        # after a newline, and no row holds a newline (JSON escapes them).
        start = b"\n,[" + compact_json(first) + b","
        try:
            with self._rows(source, kind, prefix, raw) as (data, base, header, ends, _):
                if data is None:
                    return None
                found, at = [], data.find(start, base - 1)
                while at != -1:
                    row = bisect_left(ends, at - base) + 1 if at >= base else 0
                    if row >= len(ends) or (row and ends[row - 1] != at - base):
                        return None  # the index doesn't fit the rows
                    found.append(row)
                    at = data.find(start, at + 1)
                return header, found
        except (OSError, ValueError, LookupError, TypeError):
            return None

    def row_ids(self, source: Path, kind: str, prefix: str, raw: bytes | str) -> tuple[object, list[str]] | None:
        """(header, the first value of each row) of an entry stored by `put_rows` whose rows all
        start with a text without escapes (a plan's ids: 30 ms at 100,000 measures, no row
        decoded); None when the entry is missing or damaged, or a row starts otherwise."""
        try:
            with self._rows(source, kind, prefix, raw) as (data, base, header, ends, _):
                if data is None:
                    return None
                ids = _ROW_ID.findall(data, base - 1)
                if len(ids) != len(ends):
                    return None
                return header, [found.decode() for found in ids]
        except (OSError, ValueError, LookupError, TypeError):
            return None

    def append_rows(self, source: Path, kind: str, prefix: str, old: bytes | str, new: bytes | str, rows: list,
                    *, header=None) -> bool:
        """Store for `new` the entry stored by `put_rows` for `old`, with `rows` after its rows
        and `header` for its header: for a journal appended to, whose 200,000 rows are copied
        as bytes instead of decoded and encoded again. False when there is no such entry for
        `old`, or it is damaged."""
        try:
            with self._rows(source, kind, prefix, old) as (data, base, _, ends, sums):
                if data is None:
                    return False
                start = ends[-1] + 1 if ends else 0  # where the rows end, and the closing bracket is
                body = data[base:base + start]
        except (OSError, ValueError, LookupError, TypeError):
            return False
        pieces, lengths, more = _row_pieces(rows)
        ends = ends + [end - 1 for end in accumulate([length + 2 for length in lengths], initial=start)][1:]
        head = _sealed(b"[%s,%s,%s" % (compact_json(header), compact_json(sums + more), compact_json(ends))) + b"\n"
        self._write(source, kind, prefix, new, (head, body, *pieces, b"]"))
        return True

    def stored_head(self, source: Path, kind: str, prefix: str) -> tuple[str, object, int] | None:
        """(the version it was made from, header, how many rows) of the entry stored by
        `put_rows` in this slot, whatever bytes it was made from (no row is read); None when
        there is none, or it is damaged or of another cache version."""
        try:
            with self._open(source, kind, prefix) as handle:
                version = _stored_version(handle)
                if version is None:
                    return None
                line = handle.readline()
                head = _unsealed(memoryview(line)[:-1]) if line.endswith(b"\n") else None
                if head is None:
                    return None
                header, _, ends = loads_json(b"[%s]" % head[1:])
            return (version, header, len(ends)) if type(ends) is list else None
        except (OSError, ValueError, LookupError, TypeError):  # missing, damaged (not JSON)
            return None

    def unsealed_rows(self, source: Path, kind: str, prefix: str, raw: bytes | str) -> bool:
        """Whether the entry stored by `put_rows` for these bytes holds a row that is not the one
        its CRC-32 was made for (edited by hand, keeping its shape); False when there is no such
        entry or it is damaged otherwise (a miss to its readers). Every row is read."""
        try:
            with self._rows(source, kind, prefix, raw) as (data, base, _, ends, sums):
                if data is None:
                    return False
                with memoryview(data) as view:  # (released before the mmap is closed)
                    starts = [base + 1, *(base + end + 2 for end in ends[:-1])]  # (after each row's comma)
                    return not all(_row_sealed(sums, at, view[start:base + end])
                                   for at, (start, end) in enumerate(zip(starts, ends)))
        except (OSError, ValueError, LookupError, TypeError):
            return False

    def discard(self, source: Path, kind: str, prefix: str) -> None:
        """Remove the entry in this slot, if any: the next load of its file reads the file and
        makes it again."""
        try:
            self.entry_path(source, kind, prefix).unlink()
        except OSError:
            pass

    @contextmanager
    def _rows(self, source: Path, kind: str, prefix: str, raw: bytes | str):
        """(the entry's bytes, where its rows start, its header, where each row ends, the CRC-32
        of each row: see put_rows), or Nones when the entry is not of these bytes, or is cut
        short or runs on past its rows. Raises OSError, ValueError (mmap of an empty file, not JSON),
        LookupError or TypeError on a damaged entry."""
        import mmap  # (off the start-up path)

        with self._open(source, kind, prefix) as handle, \
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            key = self.content_key(raw)
            if data[:len(key)] != key:
                yield None, None, None, None, None
                return
            # "[header,sums,ends\n" sealed, then ",row\n" for each row, then "]": rows[i] ends at ends[i],
            # counted from `base`, and starts after the comma that follows the row before.
            base = data.find(b"\n", len(key)) + 1
            head = _unsealed(data[len(key):base - 1]) if base else None
            if head is None:
                yield None, None, None, None, None
                return
            header, sums, ends = loads_json(b"[%s]" % head[1:])
            if type(sums) is not str or len(sums) != 8 * len(ends):
                yield None, None, None, None, None
                return
            if data[base + (ends[-1] + 1 if ends else 0):] != b"]":
                # (Cut at a row's end, the rows picked past it would be read as none at all.)
                yield None, None, None, None, None
                return
            yield data, base, header, ends, sums

    def _body(self, source: Path, kind: str, prefix: str, raw: bytes | str) -> bytes | None:
        try:
            with self._open(source, kind, prefix) as handle:
                if handle.readline() != self.content_key(raw):
                    return None
                seal, body = handle.read(8), handle.read()
        except OSError:  # missing, unreadable
            return None
        # Sealed is the body's first line: all of a document stored whole, the header and index
        # of one stored as rows (not its rows: see the docstring).
        end = body.find(b"\n")
        return body if _seals(seal, body if end < 0 else memoryview(body)[:end]) else None

    def stored_version(self, source: Path, kind: str, prefix: str) -> str | None:
        """What the entry in this slot was made from (the bytes' SHA-256, or the version
        given: see content_key), read without the rest; None when there is none."""
        try:
            with self._open(source, kind, prefix) as handle:
                return _stored_version(handle)
        except OSError:
            return None

    def has(self, source: Path, kind: str, prefix: str, raw: bytes | str) -> bool:
        """Whether an entry was made from these exact bytes or version (without reading it)."""
        try:
            with self._open(source, kind, prefix) as handle:
                return handle.readline() == self.content_key(raw)
        except OSError:
            return False

    def intact(self, source: Path, kind: str, prefix: str, raw: bytes | str) -> bool:
        """Whether an entry stored by `put` was made from these exact bytes or version and holds
        the document as written (its CRC-32 checked, the document not decoded)."""
        return self._body(source, kind, prefix, raw) is not None

    def put(self, source: Path, kind: str, prefix: str, raw: bytes | str, document) -> None:
        """Store `document`; silently do nothing if the cache folder can't be written."""
        self._write(source, kind, prefix, raw, (_sealed(compact_json(document)),))

    def put_rows(self, source: Path, kind: str, prefix: str, raw: bytes | str, header, rows: Iterable[list]) -> None:
        """Store `header` and `rows` (read once) as one JSON array for `get_rows`: header, each
        row's CRC-32 (in 8 hex digits, joined in one text), where each row ends (this line sealed:
        _sealed), then each row on a line of its own."""
        # Written a few thousand lines at a time: a 100,000-measure journal is 60 MB, not to be
        # copied whole, nor written in 600,000 pieces.
        pieces, lengths, sums = _row_pieces(rows)
        # Each row's line is "," + row + "\n": rows[i] ends one byte before the end of its line.
        ends = [end - 1 for end in accumulate([length + 2 for length in lengths])]
        head = _sealed(b"[%s,%s,%s" % (compact_json(header), compact_json(sums), compact_json(ends))) + b"\n"
        self._write(source, kind, prefix, raw, chain((head,), pieces, (b"]",)))

    def _write(self, source: Path, kind: str, prefix: str, raw: bytes | str, pieces) -> None:
        tmp = None
        try:
            path = self.entry_path(source, kind, prefix)
            self.folder.mkdir(parents=True, exist_ok=True)
            key, pieces = self.content_key(raw), list(pieces)  # (bytes already made: no copy)
            if not _room_for(self.folder, len(key) + sum(map(len, pieces))):
                return
            import tempfile  # (off the start-up path: only a cache miss writes)

            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(key)
                handle.writelines(pieces)
            os.replace(tmp, path)  # readers see the old entry or the new one, never half
            tmp = None
        except OSError:
            pass
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


# What a cache entry leaves free on its disk, at least: a cache must not take the space a
# journal write needs (a journal of 100,000 measures is 60 MB), nor fill a disk.
_SPARE_BYTES = 64 << 20


def _room_for(folder: Path, size: int) -> bool:
    """Whether an entry of `size` bytes leaves the larger of _SPARE_BYTES and twice its size
    free on the disk of `folder` (always, where there is no statvfs: Windows)."""
    try:
        info = os.statvfs(folder)
    except AttributeError:
        return True
    return info.f_bavail * info.f_frsize - size >= max(_SPARE_BYTES, 2 * size)


def _stored_version(handle) -> str | None:
    """What the entry open in `handle` was made from, as its first line (FileCache.content_key)
    names it; None when that line is not one of this cache version's."""
    magic, _, rest = handle.readline().partition(b" ")
    number, _, version = rest.partition(b" ")
    if magic != _MAGIC or number != b"%d" % CACHE_VERSION or not version.endswith(b"\n"):
        return None
    try:
        return version[:-1].decode()
    except UnicodeDecodeError:
        return None


# -- the compact form of a validated plan file ------------------------------------------------
def encode_plan(plan: Plan) -> tuple[dict, list[list]]:
    """(header, rows) of a plan for FileCache.put_rows: per task, a row for the task and then a
    row per measure, in plan order; the header holds the rest, with how many measures each
    task has. (Tasks are rows, not part of the header, so that a check reading a few measures
    decodes only their tasks: a national plan's task titles are 13 MB of JSON.)"""
    milestone_index: dict[Milestone, int] = {}

    def ms(milestones) -> list[int]:
        # Plans repeat a few hundred distinct milestones thousands of times: store each once.
        return [milestone_index.setdefault(m, len(milestone_index)) for m in milestones]

    meta, settings = plan.meta, plan.settings
    counts, rows = [], []
    for task in plan.tasks:
        rows.append([task.id, task.title, task.problem, task.deadline.text, ms(task.deadline.milestones),
                     task.reported.state.value, task.reported.ongoing, list(task.regions),
                     task.location.line, task.location.column])
        rows.extend([m.id, m.text, list(m.owners), m.lead, ms(m.milestones), m.location.line, m.location.column]
                    for m in task.measures)
        counts.append(len(task.measures))
    header = {
        "meta": [meta.title, meta.issuer, meta.inspection, iso(meta.feedback_date), iso(meta.report_date),
                 meta.source, [[c.key, c.text, c.value] for c in meta.claims]],
        "settings": [settings.timezone, settings.warn_days, settings.report_period_days, iso(settings.immediate_due)],
        "units": [[u.name, list(u.aliases), u.kind] for u in plan.units],
        "milestones": [[m.kind.value, iso(m.due), m.label] for m in milestone_index],
        "measure_counts": counts,
    }
    return header, rows


def plan_rows_at(header: dict, positions: list[int]) -> list[int]:
    """The rows of an `encode_plan` entry that hold the measures at `positions` (ascending, in
    plan order from 0), each task's row before its first one's: what `decode_plan` takes with
    `positions`."""
    return [at for row, start, kept in _kept_by_task(header["measure_counts"], positions)
            for at in (row, *[row + 1 + position - start for position in kept])]


def plan_positions_of_row(header: dict, row: int) -> list[int]:
    """The positions (in plan order from 0) of the measures that row `row` of an `encode_plan`
    entry holds: all of its task's for a task's row, else its own. Raises ValueError on a row
    beyond the tasks' measures."""
    for task_row, start, kept in _kept_by_task(header["measure_counts"], None):
        if row <= task_row + len(kept):
            return list(kept) if row == task_row else [start + row - task_row - 1]
    raise ValueError("a row beyond the tasks' measures")


def _kept_by_task(counts: list[int], positions: list[int] | None):
    """For each task of an `encode_plan` header (`counts`: its measure_counts) that keeps a
    measure: (the task's row, the position of its first measure, the positions kept), every
    task and measure when `positions` is None. Raises on a malformed count, or on positions
    beyond the tasks' measures."""
    start = row = taken = 0  # the position of the task's first measure; its row; positions[:taken] are earlier
    for count in counts:
        _check(type(count) is int and count >= 0)
        end = start + count
        if positions is None:
            yield row, start, range(start, end)
        else:
            first = taken
            while taken < len(positions) and positions[taken] < end:
                taken += 1
            if taken > first:
                yield row, start, positions[first:taken]
        start, row = end, row + 1 + count
    if positions is not None and taken != len(positions):
        raise ValueError("positions beyond the tasks' measures")


HEAD = "head"  # the cache entry kind of a plan's head, beside its "plan" entry


def plan_head(header: dict) -> dict:
    """The head of an `encode_plan` header: everything but the tasks, and how many measures
    the plan has. `decode_plan(head, [], ...)` gives the plan's meta, settings and units."""
    return {"meta": header["meta"], "settings": header["settings"], "units": header["units"], "milestones": [],
            "measure_counts": [], "measures": sum(header["measure_counts"])}


# Equal milestones and milestone lists are one object across all files decoded: a folder of
# 31 provinces repeats the same few hundred, and the engine judges each list once (by identity).
_MILESTONE_LISTS: dict[tuple, tuple] = {}  # keyed by the ids of interned milestones, which live on


@functools.lru_cache(maxsize=None)
def _milestone(kind: str, due: str | None, label: str | None) -> Milestone:
    return new_milestone(kind=MilestoneKind(kind), due=date.fromisoformat(due) if due else None, label=label)


@functools.lru_cache(maxsize=None)
def _reported(state: str, ongoing: bool) -> ReportedState:
    return ReportedState(state=Reported(state), ongoing=ongoing)  # (a handful of values: one object each)


def _check(condition: bool) -> None:
    if not condition:
        raise ValueError("a cache entry of the wrong types")


def _texts(values) -> tuple[str, ...]:
    _check(type(values) is list and all(type(value) is str for value in values))
    return tuple(values)


def decode_plan(header: dict, rows: list[list], file: str, *, positions: list[int] | None = None) -> Plan:
    """The Plan of `encode_plan`, located in `file`. Raises on a malformed document, and on
    one of the right shape whose values have the wrong types (damaged by hand, or foreign):
    what is decoded here is not validated again.

    `positions`: the rows are only those of the measures at these positions (ascending, in
    plan order from 0) and of their tasks (see plan_rows_at), and the plan keeps only those
    tasks; None: all rows.
    """
    day = date.fromisoformat
    title, issuer, inspection, feedback, report, source, claims = header["meta"]
    timezone, warn_days, period, immediate = header["settings"]
    milestones = [_milestone(kind, due, label) for kind, due, label in header["milestones"]]
    shared: dict[tuple, tuple] = {}  # indexes -> the interned milestone list, per file

    def milestones_of(indexes: list[int]) -> tuple[Milestone, ...]:
        key = tuple(indexes)
        found = shared.get(key)
        if found is None:
            _check(all(type(i) is int and i >= 0 for i in key))
            found = tuple([milestones[i] for i in indexes])
            found = shared[key] = _MILESTONE_LISTS.setdefault(tuple(map(id, found)), found)
        return found

    def measure(task_id: str, mid, text, owners, lead, mms, mline, mcolumn) -> Measure:
        # (Checked inline: this runs for every measure of a warm load. str.join refuses a list
        # holding anything but text, without a loop here.)
        if (type(mid) is not str or type(text) is not str or type(lead) is not str or type(mline) is not int
                or type(mcolumn) is not int or type(owners) is not list or type("".join(owners)) is not str):
            raise ValueError("a measure of the wrong types")
        return new_measure(id=mid, task_id=task_id, text=text, owners=tuple(owners), lead=lead,
                           milestones=milestones_of(mms), location=new_location(file=file, line=mline, column=mcolumn))

    _check(type(title) is str and type(issuer) is str and type(timezone) is str and type(warn_days) is int
           and type(period) is int and all(type(v) in (str, type(None)) for v in (inspection, source)))
    tasks = []
    at = 0  # rows[:at] belong to earlier tasks
    for _, _, kept in _kept_by_task(header["measure_counts"], positions):
        tid, ttitle, problem, dtext, dms, state, ongoing, regions, line, column = rows[at]
        own, at = rows[at + 1:at + 1 + len(kept)], at + 1 + len(kept)
        _check(len(own) == len(kept) and type(tid) is str and type(ttitle) is str and type(problem) is str
               and type(dtext) is str and type(ongoing) is bool and type(line) is int and type(column) is int)
        tasks.append(new_task(
            id=tid, title=ttitle, problem=problem,
            deadline=new_deadline(text=dtext, milestones=milestones_of(dms)),
            reported=_reported(state, ongoing),
            regions=_texts(regions),
            measures=tuple([measure(tid, *row) for row in own]),
            location=new_location(file=file, line=line, column=column),
        ))
    if at != len(rows):
        raise ValueError("rows beyond the tasks' measures")
    _check(all(type(k) is str and type(t) is str and type(v) is int for k, t, v in claims)
           and all(type(n) is str and type(k) in (str, type(None)) for n, _, k in header["units"]))
    return Plan(
        meta=Meta(title=title, issuer=issuer, inspection=inspection, feedback_date=day(feedback),
                  report_date=day(report), source=source, claims=tuple(Claim(k, t, v) for k, t, v in claims)),
        settings=Settings(timezone=timezone, warn_days=warn_days, report_period_days=period,
                          immediate_due=day(immediate) if immediate else None),
        units=tuple(Unit(name=n, aliases=_texts(a), kind=k) for n, a, k in header["units"]),
        tasks=tuple(tasks),
    )
