"""The registry as plain, frozen data: what the loader produces and the engine consumes."""
from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date


class MilestoneKind(str, enum.Enum):
    DATE = "date"
    ONGOING = "ongoing"  # 长期坚持: no end date, reported on periodically
    IMMEDIATE = "immediate"  # 立即启动 / 立行立改: due on Settings.immediate_due


# The words a deadline names a kind without a date by, as reports write them: the importer reads
# them, and a registry date written in them is told which kind of milestone to write instead.
# (持续推进: other provinces' word for an ongoing measure, as a status in its parentheses)
KIND_WORDS = dict.fromkeys(("长期坚持", "长期坚持执行", "持续推进"), MilestoneKind.ONGOING) | dict.fromkeys(
    ("立即启动", "立行立改", "立即执行", "立即", "立即整改"), MilestoneKind.IMMEDIATE)


class Reported(str, enum.Enum):
    """整改进度: the state a task was reported in by the report itself."""

    FULLY_DONE = "fully_done"  # 全面完成
    BASICALLY_DONE = "basically_done"  # 基本完成
    ON_SCHEDULE = "on_schedule"  # 序时推进
    INTERIM_RESULTS = "interim_results"  # 取得阶段性成效


class EntryState(str, enum.Enum):
    """The kinds of journal entry."""

    IN_PROGRESS = "in_progress"
    DONE = "done"  # 销号 (closed out)
    REOPENED = "reopened"  # e.g. 回头看 found superficial rectification
    REPORT = "report"  # periodic report on an ongoing measure
    EXTENDED = "extended"  # approved extension (延期) of a dated milestone
    RETRACTED = "retracted"  # 撤回误录: voids an entry recorded by mistake (its hash in `retracts`)


# The entry states that change a measure's milestones (the others but a retraction only count as its
# last entry; a retraction voids another entry: see engine's rules).
CHANGES_MILESTONES = (EntryState.DONE, EntryState.REOPENED, EntryState.EXTENDED)


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is defined, for messages and CI annotations."""

    file: str
    line: int  # 1-based
    column: int = 1


@dataclass(frozen=True, slots=True)
class Milestone:
    """One deadline of a measure or task: a date, 长期坚持 (ongoing) or 立即启动 (at once), and its step."""

    kind: MilestoneKind
    due: date | None = None  # set for DATE only
    label: str | None = None


# What a unit's optional kind may be. region: a region directly below the issuer (a province's
# prefectures, 地市); subregion: a place within one (a county), which `--region` takes but a unit
# of every region does not stand for; all_regions: a unit standing for every region at once
# (各地市), whose measures fall to each region.
REGION = "region"
ALL_REGIONS = "all_regions"
SUBREGION = "subregion"
DEPARTMENT = "department"
OTHER = "other"  # (a body of no one place: a leading group, or a unit standing for many, 各级党委、政府及有关部门)
UNIT_KINDS = (REGION, SUBREGION, DEPARTMENT, ALL_REGIONS, OTHER)


@dataclass(frozen=True, slots=True)
class Unit:
    """A responsible unit (责任单位), by its canonical name and the other names the text gives it."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    # In a folder registry, the prefixes of the files that declare it ("xizang:"); () in one
    # file. Units are shared by a folder's files, but a unit standing for every region stands
    # for its own file's regions only.
    files: tuple[str, ...] = ()


def file_prefix(item_id: str) -> str:
    """The prefix of the folder's file a task or measure id belongs to ("NAME:" of "NAME:18.4";
    ":" for an id of a registry of one file, which no file's prefix is)."""
    return item_id.rpartition(":")[0] + ":"


def units_of_file(units, prefix: str) -> list[Unit]:
    """The units a folder's file declares (`prefix`: "xizang:"), of a folder's shared ones: what
    its own measures and journal may name. All of them in one file (prefix "")."""
    return [u for u in units if not u.files or prefix in u.files]


# Evidence naming a file, as `record` pins it: its path and the file's hash (so it cannot be swapped later).
_PINNED_FILE = re.compile(r"file:(?P<path>.+) sha256:(?P<digest>[0-9a-f]{64})")


def pinned_file(path: str, digest: str) -> str:
    """The evidence that names the file at `path` (POSIX form) with its SHA-256 `digest`."""
    return f"file:{path} sha256:{digest}"


def pinned_file_name(evidence: str | None) -> str | None:
    """The name of the file `evidence` pins (its path's last part), or None for other evidence."""
    if (pinned := _PINNED_FILE.fullmatch(evidence or "")) is None:
        return None
    return pinned["path"].rstrip("/").rsplit("/", 1)[-1] or pinned["path"]


@dataclass(frozen=True, slots=True)
class Measure:
    """A concrete measure (具体措施) of a task: its text, its units (the lead among them) and its deadlines."""

    id: str  # "18.4" (or "file:18.4" in a folder registry)
    task_id: str
    text: str
    owners: tuple[str, ...]  # canonical unit names
    lead: str
    milestones: tuple[Milestone, ...]
    location: Location | None = None

    @property
    def lead_first(self) -> tuple[str, ...]:
        """Its units as every list of them names them: the lead first (a Chinese reader takes the
        first unit named as the one that leads), then the others in the plan's order."""
        return (self.lead, *(o for o in self.owners if o != self.lead))


@dataclass(frozen=True, slots=True)
class Deadline:
    """A task's 整改时限 as the report writes it, and the milestones read from it."""

    text: str
    milestones: tuple[Milestone, ...]


@dataclass(frozen=True, slots=True)
class ReportedState:
    """A task's 整改进度 as the report gives it; `ongoing` when 长期坚持 follows it."""

    state: Reported
    ongoing: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    """A problem of the plan (整改任务) and its measures."""

    id: str  # "18" (or "file:18")
    title: str
    problem: str
    deadline: Deadline
    reported: ReportedState
    regions: tuple[str, ...]
    measures: tuple[Measure, ...]
    location: Location | None = None


@dataclass(frozen=True)
class Claim:
    """A figure the report claims in its own words (全区45项整改任务: 45), which `reconcile` checks."""

    key: str
    text: str
    value: int


@dataclass(frozen=True)
class Settings:
    """How the registry is judged: its time zone, its warning and reporting periods, when "at once" is due."""

    timezone: str = "Asia/Shanghai"
    warn_days: int = 30
    report_period_days: int = 90
    immediate_due: date | None = None  # None: the registry's feedback date


@dataclass(frozen=True)
class Meta:
    """Which report the plan is: its title, issuer, inspection, dates and claimed figures."""

    title: str
    issuer: str
    inspection: str | None
    feedback_date: date
    report_date: date
    source: str | None = None
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The plan of a registry: the report it is, its settings, units and tasks."""

    meta: Meta
    settings: Settings
    units: tuple[Unit, ...]
    tasks: tuple[Task, ...]
    # A folder's plan: (file name, its ids' prefix "NAME:", its own meta) for each plan file. Each
    # is a report of its own, whose claims count its own tasks (reconcile checks them so); `meta`
    # sums them up.
    parts: tuple[tuple[str, str, Meta], ...] = ()
    # A folder's plan: (ids' prefix "NAME:", the date its file's immediate milestones are due) for
    # each plan file: its own settings.immediate_due, else its own feedback date. (Provinces
    # inspected in different rounds get their problems on different days.)
    immediate_dues: tuple[tuple[str, date], ...] = ()

    @property
    def immediate_due(self) -> date:
        """The date immediate milestones are due (of a folder: the earliest of its files')."""
        if self.immediate_dues:
            return min(due for _, due in self.immediate_dues)
        return self.settings.immediate_due or self.meta.feedback_date

    def immediate_due_of(self, item_id: str) -> date:
        """The date the immediate milestones of a task or measure ("NAME:18.4") are due: those of
        its file (see immediate_dues)."""
        if self.immediate_dues:
            prefix = file_prefix(item_id)
            for own, due in self.immediate_dues:
                if own == prefix:
                    return due
        return self.settings.immediate_due or self.meta.feedback_date

    def meta_of(self, item_id: str) -> Meta:
        """The meta of the report a task or measure id ("NAME:18.4" in a folder) belongs to:
        its file's own (its feedback date, not the folder's earliest)."""
        prefix = file_prefix(item_id)
        return next((meta for _, own, meta in self.parts if own == prefix), self.meta)

    def measures(self):
        for task in self.tasks:
            yield from task.measures


@dataclass(frozen=True, slots=True)
class Entry:
    """A journal entry: what was recorded of a measure, as of its date."""

    measure: str
    date: date
    state: EntryState
    note: str = ""
    evidence: str | None = None
    by: str | None = None
    milestone: date | None = None  # done/extended: which dated milestone (by its original due)
    to: date | None = None  # extended: the new due date
    reason: str | None = None
    approved_by: str | None = None
    late: bool = False
    hash: str | None = None
    location: Location | None = None
    # The day it was written, when after its date (a back-dated entry, 补录); None: on its date,
    # or written before rectify kept it.
    recorded: date | None = None
    retracts: str | None = None  # retracted: the hash of the entry it voids (engine's rules)
    # extended: its new date more than journal_checks.FAR_YEARS on was confirmed (`extend
    # --far-future`), so not warned of as a mistyped year
    far_future: bool = False


@dataclass(frozen=True)
class Registry:
    """A loaded, validated registry: the plan, its journal, and where they came from."""

    plan: Plan
    journal: tuple[Entry, ...]
    plan_files: tuple[str, ...] = ()
    journal_files: tuple[str, ...] = ()
    # path -> SHA-256 of the bytes loaded, for each file read (when loaded with the cache).
    sources: dict = field(default_factory=dict, compare=False)
    folder: str | None = None  # a folder registry's folder
    # The units each plan file declares itself, by its ids' prefix ("naqu:"), with its own aliases.
    declared: dict = field(default_factory=dict, compare=False)


def maker(cls, *order: str):
    """A function making an instance of `cls`, a frozen dataclass with slots, from all of its
    fields given by keyword: equal to cls(**fields) in every way, made in half the time.

    A frozen dataclass's __init__ assigns each field through object.__setattr__, which finds the
    field's slot by name; this sets each slot through its own descriptor. Loading and judging a
    national registry makes some 500,000 such objects (measures, journal entries, their results);
    in slots they take a third of the memory an instance __dict__ takes (an Entry: 160 bytes,
    not 530).

    `order`: the names of all the fields, each once, in an order the caller names beside its
    calls; the function then takes them by position only, in that order. For the hottest loops: a call
    by keyword is not specialised by CPython, and with an Entry's 16 fields it cost some 1 µs more
    (0.2 s of the 200,000 entries of a warm 100,000-measure load). A field added to the dataclass
    and missing from `order` raises TypeError here, at import.
    """
    names = [f.name for f in fields(cls)]
    if order and sorted(order) != sorted(names):
        raise TypeError(f"maker({cls.__name__}, ...) must name each of its fields once: {', '.join(names)}")
    scope = {"_new": object.__new__, "_cls": cls, **{f"_set_{name}": getattr(cls, name).__set__ for name in names}}
    params = f"{', '.join(order)}, /" if order else f"*, {', '.join(names)}"
    exec(f"def new_{cls.__name__}({params}):\n"  # noqa: S102 - made from the field names alone
         "    made = _new(_cls)\n"
         + "".join(f"    _set_{name}(made, {name})\n" for name in names)
         + "    return made\n", scope)
    return scope[f"new_{cls.__name__}"]


new_location = maker(Location)
new_milestone = maker(Milestone)
new_measure = maker(Measure)
new_deadline = maker(Deadline)
new_task = maker(Task)
# (an Entry is made by position where it is made in bulk: journal_checks._entry_of_row)


def item_key(item: str) -> str:
    """A task or measure id as typed, as commands look it up: full-width digits and letters
    (typed with a Chinese input method) as ASCII, spaces around dropped; the full stop 。
    between digits as ".", which the input method types for it (as NFKC reads ．). Not ，、
    (a list: 1，2 may be tasks 1 and 2) nor ：(":", a folder's NAME:18.4): they mean other things."""
    key = unicodedata.normalize("NFKC", item).strip()
    return _FULL_STOP.sub(".", key) if "。" in key else key


_FULL_STOP = re.compile(r"(?<=[0-9])。(?=[0-9])")


def named_id(key: str, ids) -> str | None:
    """The id among `ids` that `key` (an item_key) names: itself, else in a folder registry
    the one "NAME:key" when exactly one file has that id (as commands accept it); None when
    there is none, or several."""
    if key in ids:
        return key
    found = ids_in_files(key, ids)
    return found[0] if len(found) == 1 else None


def ids_in_files(key: str, ids) -> list[str]:
    """The ids "NAME:key" among `ids`: `key` in each file of a folder registry that has it."""
    return [i for i in ids if ":" in i and i.rpartition(":")[2] == key]
