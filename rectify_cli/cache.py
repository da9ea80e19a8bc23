"""A cache of validated registry files, so that commands on an unchanged registry skip YAML.

One cache entry per source file (plan or journal, and the id prefix it was loaded with),
holding the file's *validated* content as JSON: for a plan, the Plan model in compact
form; for a journal, its entries as rows still in the words of the file (unprefixed
measure ids, unit names as written), because checking them against the plan and against
today's date happens on every load. An entry is valid only for the exact bytes it was
made from (SHA-256 of the content), so any edit, even one byte of a note, re-parses that
file and only that file. Beside a plan's entry lies its head (meta, settings and units
alone) and, made by outcomes.py, the outcomes of its measures.

Only JSON is ever read back (never pickle), and a cache that can't be read or written is
no error: a missing, corrupt or foreign entry is a miss, an unwritable folder is skipped.
"""
from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

from .model import (
    Claim,
    Deadline,
    Location,
    Measure,
    Meta,
    Milestone,
    MilestoneKind,
    Plan,
    Reported,
    ReportedState,
    Settings,
    Task,
    Unit,
    new,
)

ENV_CACHE_DIR = "RECTIFY_CACHE_DIR"
# Bump when the loader's validation or the encoding below changes: old entries become misses.
CACHE_VERSION = 2
_MAGIC = b"rectify-cache"


try:
    import orjson
except ImportError:  # pragma: no cover - a dependency; the standard library reads and writes the same
    orjson = None


def _compact_json(document) -> bytes:
    """`document` as compact UTF-8 JSON: orjson when it can (3x faster on 100,000s of rows with
    Chinese text, a second of a cold 100,000-measure load), else the standard library."""
    if orjson is not None:
        try:
            return orjson.dumps(document)
        except (TypeError, ValueError):  # e.g. an integer beyond 64 bits
            pass
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def cache_dir() -> Path:
    """$RECTIFY_CACHE_DIR, else $XDG_CACHE_HOME/rectify, else ~/.cache/rectify."""
    explicit = os.environ.get(ENV_CACHE_DIR)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "rectify"


class FileCache:
    """Cache entries in one folder, one per (source file, kind, prefix)."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder is not None else cache_dir()
        self._digests: dict[int, tuple[bytes, str]] = {}  # id(raw) -> (raw, its SHA-256): hash each file once

    def digest(self, raw: bytes) -> str:
        """SHA-256 of `raw` in hex, computed once per bytes object (100 MB take 0.06 s)."""
        known = self._digests.get(id(raw))
        if known is None or known[0] is not raw:
            known = self._digests[id(raw)] = (raw, hashlib.sha256(raw).hexdigest())
        return known[1]

    def entry_path(self, source: Path, kind: str, prefix: str) -> Path:
        # One slot per source, overwritten on change, so the cache can't grow without bound.
        name = hashlib.sha256(f"{Path(source).resolve()}\0{kind}\0{prefix}".encode()).hexdigest()[:40]
        return self.folder / f"{name}.json"

    def content_key(self, content: bytes | str) -> bytes:
        """The first line of an entry made from `content`: the source's bytes, or any text that
        names a version of what the entry was made from (e.g. several files' SHA-256)."""
        version = content if isinstance(content, str) else self.digest(content)
        return b"%s %d %s\n" % (_MAGIC, CACHE_VERSION, version.encode())

    def get(self, source: Path, kind: str, prefix: str, raw: bytes | str):
        """The cached document for these exact bytes (or version, see content_key), or None."""
        try:
            with open(self.entry_path(source, kind, prefix), "rb") as handle:
                if handle.readline() != self.content_key(raw):
                    return None
                return (orjson or json).loads(handle.read())
        except (OSError, ValueError):  # missing, unreadable, truncated, not JSON (orjson's error is a ValueError)
            return None

    def has(self, source: Path, kind: str, prefix: str, raw: bytes) -> bool:
        """Whether an entry was made from these exact bytes (without reading it)."""
        try:
            with open(self.entry_path(source, kind, prefix), "rb") as handle:
                return handle.readline() == self.content_key(raw)
        except OSError:
            return False

    def put(self, source: Path, kind: str, prefix: str, raw: bytes | str, document) -> None:
        """Store `document`; silently do nothing if the cache folder can't be written."""
        path = self.entry_path(source, kind, prefix)
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = _compact_json(document)
            import tempfile  # (off the start-up path: only a cache miss writes)

            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(self.content_key(raw))
                handle.write(data)
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


# -- the compact form of a validated plan file ------------------------------------------------
def _iso(day: date | None):
    return day.isoformat() if day is not None else None


def encode_plan(plan: Plan) -> dict:
    milestone_index: dict[Milestone, int] = {}

    def ms(milestones) -> list[int]:
        # Plans repeat a few hundred distinct milestones thousands of times: store each once.
        return [milestone_index.setdefault(m, len(milestone_index)) for m in milestones]

    meta, settings = plan.meta, plan.settings
    tasks = []
    for task in plan.tasks:
        measures = [[m.id, m.text, list(m.owners), m.lead, ms(m.milestones), m.location.line, m.location.column]
                    for m in task.measures]
        tasks.append([task.id, task.title, task.problem, task.deadline.text, ms(task.deadline.milestones),
                      task.reported.state.value, task.reported.ongoing, list(task.regions),
                      task.location.line, task.location.column, measures])
    return {
        "meta": [meta.title, meta.issuer, meta.inspection, _iso(meta.feedback_date), _iso(meta.report_date),
                 meta.source, [[c.key, c.text, c.value] for c in meta.claims]],
        "settings": [settings.timezone, settings.warn_days, settings.report_period_days, _iso(settings.immediate_due)],
        "units": [[u.name, list(u.aliases), u.kind] for u in plan.units],
        "milestones": [[m.kind.value, _iso(m.due), m.label] for m in milestone_index],
        "tasks": tasks,
    }


HEAD = "head"  # the cache entry kind of a plan's head, beside its "plan" entry


def plan_head(doc: dict) -> dict:
    """The header of an `encode_plan` document: everything but the tasks, and how many measures
    it has. `decode_plan` of a head gives the plan's meta, settings and units, without tasks."""
    return {"meta": doc["meta"], "settings": doc["settings"], "units": doc["units"], "milestones": [], "tasks": [],
            "measures": sum(len(task[-1]) for task in doc["tasks"])}


def decode_plan(doc: dict, file: str, *, keep: frozenset[int] | None = None) -> Plan:
    """The Plan of `encode_plan`, located in `file`. Raises on a malformed document.

    `keep`: only the measures at these positions (in plan order, from 0), and only the tasks
    that have one of them; None keeps everything.
    """
    day = date.fromisoformat
    title, issuer, inspection, feedback, report, source, claims = doc["meta"]
    timezone, warn_days, period, immediate = doc["settings"]
    milestones = [Milestone(kind=MilestoneKind(kind), due=day(due) if due else None, label=label)
                  for kind, due, label in doc["milestones"]]
    shared: dict[tuple, tuple] = {}  # one tuple per distinct milestone list: the engine judges each once

    def milestones_of(indexes: list[int]) -> tuple[Milestone, ...]:
        key = tuple(indexes)
        found = shared.get(key)
        if found is None:
            found = shared[key] = tuple([milestones[i] for i in indexes])
        return found

    tasks = []
    position = 0
    for tid, ttitle, problem, dtext, dms, state, ongoing, regions, line, column, measures in doc["tasks"]:
        if keep is not None:
            first, position = position, position + len(measures)
            measures = [m for at, m in enumerate(measures, first) if at in keep]
            if not measures:
                continue
        tasks.append(new(
            Task, id=tid, title=ttitle, problem=problem,
            deadline=Deadline(text=dtext, milestones=tuple(milestones[i] for i in dms)),
            reported=ReportedState(state=Reported(state), ongoing=ongoing),
            regions=tuple(regions),
            measures=tuple(
                new(Measure, id=mid, task_id=tid, text=text, owners=tuple(owners), lead=lead,
                    milestones=milestones_of(mms), location=new(Location, file=file, line=mline, column=mcolumn))
                for mid, text, owners, lead, mms, mline, mcolumn in measures
            ),
            location=new(Location, file=file, line=line, column=column),
        ))
    return Plan(
        meta=Meta(title=title, issuer=issuer, inspection=inspection, feedback_date=day(feedback),
                  report_date=day(report), source=source, claims=tuple(Claim(k, t, v) for k, t, v in claims)),
        settings=Settings(timezone=timezone, warn_days=warn_days, report_period_days=period,
                          immediate_due=day(immediate) if immediate else None),
        units=tuple(Unit(name=n, aliases=tuple(a), kind=k) for n, a, k in doc["units"]),
        tasks=tuple(tasks),
    )
