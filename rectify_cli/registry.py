"""Load and validate a registry: the plan (tasks.yaml) and its journal (progress.yaml).

Loading always validates. Every problem is collected with its file:line:column and they
are raised together as one RegistryError, so a user fixes a file in one pass.
"""
from __future__ import annotations

import difflib
import os
import re
from datetime import date
from pathlib import Path

from . import dates, yamlio
from .errors import Problem, RegistryError
from .model import (
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
)

ENV_REGISTRY = "RECTIFY_REGISTRY"
JOURNAL_SUFFIX = ".progress.yaml"
REGIONS = ("拉萨市", "日喀则市", "山南市", "林芝市", "昌都市", "那曲市", "阿里地区")
_HASH = re.compile(r"^[0-9a-f]{64}$")


def default_plan_path() -> Path:
    """The bundled ledger: inside the installed package, or data/ of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "tasks.yaml", here.parent / "data" / "tasks.yaml"):
        if candidate.is_file():
            return candidate
    return here / "data" / "tasks.yaml"


def resolve_path(path: str | os.PathLike | None) -> Path:
    """--registry, else $RECTIFY_REGISTRY, else the bundled ledger."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_REGISTRY)
    return Path(env) if env else default_plan_path()


def journal_path_for(plan_path: Path) -> Path:
    """tasks.yaml keeps its journal in progress.yaml; any other NAME.yaml in NAME.progress.yaml."""
    if plan_path.name == "tasks.yaml":
        return plan_path.with_name("progress.yaml")
    return plan_path.with_name(plan_path.name[: -len(plan_path.suffix)] + JOURNAL_SUFFIX)


def plan_files(path: Path) -> list[Path]:
    """The plan files of a registry: the file itself, or every plan file of a folder."""
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir()
            if p.suffix in (".yaml", ".yml") and not p.name.endswith(JOURNAL_SUFFIX) and p.name != "progress.yaml"
        )
        if not files:
            raise RegistryError(Problem(str(path), None, None, "folder holds no plan files (*.yaml)"))
        return files
    return [path]


def read_bytes(path: Path) -> bytes:
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise RegistryError(Problem(str(path), None, None, "no such file")) from None
    except IsADirectoryError:
        raise RegistryError(Problem(str(path), None, None, "is a folder, expected a YAML file")) from None
    except PermissionError:
        raise RegistryError(Problem(str(path), None, None, "cannot be read (permission denied)")) from None
    except OSError as exc:
        raise RegistryError(Problem(str(path), None, None, f"cannot be read ({exc.strerror})")) from None


def read_text(path: Path) -> str:
    return yamlio.decode(read_bytes(path), filename=str(path))


def load_registry(path: str | os.PathLike | None = None, *, today: date | None = None, use_cache: bool = True) -> Registry:
    """Load, validate and return the registry at `path` (see resolve_path)."""
    root = resolve_path(path)
    if not root.exists():
        raise RegistryError(Problem(str(root), None, None, "no such file or folder"))
    files = plan_files(root)
    prefixed = root.is_dir()
    problems: list[Problem] = []
    plans: list[Plan] = []
    journals: list[tuple[Path, object, str]] = []
    for file in files:
        prefix = file.stem + ":" if prefixed else ""
        data = yamlio.parse(read_text(file), filename=str(file))
        checker = _Checker(str(file), problems)
        plan = checker.plan(data, prefix=prefix)
        if plan is not None:
            plans.append(plan)
        jpath = journal_path_for(file)
        if jpath.exists():
            journals.append((jpath, yamlio.parse(read_text(jpath), filename=str(jpath)), prefix))
    if problems:
        raise RegistryError(sorted(problems, key=_problem_order))
    plan = _merge(plans)
    if today is None:
        today = dates.today(plan.settings.timezone)
    entries: list[Entry] = []
    measure_ids = {m.id for m in plan.measures()}
    for jpath, data, prefix in journals:
        checker = _Checker(str(jpath), problems)
        entries.extend(checker.journal(data, plan=plan, measure_ids=measure_ids, today=today, prefix=prefix))
    if problems:
        raise RegistryError(sorted(problems, key=_problem_order))
    return Registry(
        plan=plan,
        journal=tuple(entries),
        plan_files=tuple(str(f) for f in files),
        journal_files=tuple(str(journal_path_for(f)) for f in files),
    )


def _problem_order(problem: Problem):
    return (problem.file, problem.line or 0, problem.column or 0)


def _merge(plans: list[Plan]) -> Plan:
    if len(plans) == 1:
        return plans[0]
    first = plans[0]
    units: dict[str, Unit] = {}
    for plan in plans:
        for unit in plan.units:
            units.setdefault(unit.name, unit)
    claims = tuple(c for plan in plans for c in plan.meta.claims)
    return Plan(
        meta=Meta(
            title=first.meta.title if len(plans) == 1 else f"{len(plans)} registries",
            issuer=first.meta.issuer,
            inspection=first.meta.inspection,
            feedback_date=min(p.meta.feedback_date for p in plans),
            report_date=max(p.meta.report_date for p in plans),
            source=None,
            claims=claims,
        ),
        settings=first.settings,
        units=tuple(units.values()),
        tasks=tuple(t for plan in plans for t in plan.tasks),
    )


def suggest(name: str, choices) -> str:
    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(close)}?)" if close else ""


class _Checker:
    """Turns parsed YAML into model objects, recording a Problem for everything wrong."""

    def __init__(self, filename: str, problems: list[Problem]):
        self.file = filename
        self.problems = problems

    # -- primitives ---------------------------------------------------------------
    def problem(self, pos: tuple[int, int] | None, message: str) -> None:
        line, column = pos if pos else (None, None)
        self.problems.append(Problem(self.file, line, column, message))

    def mapping(self, value, pos, what: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()):
        if not isinstance(value, dict):
            self.problem(pos, f"{what}: expected a mapping (key: value), got {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.problem(value.key_pos.get(key, value.pos), f"{what}: unknown key {key!r}{suggest(str(key), allowed)}; allowed: {', '.join(allowed)}")
        for key in required:
            if key not in value:
                self.problem(value.pos, f"{what}: missing required key {key!r}")
        return value

    def sequence(self, value, pos, what: str):
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(pos, f"{what}: expected a list, got {_kind(value)}")
            return []
        return value

    def text(self, m, key: str, what: str, *, required: bool = True, empty_ok: bool = False):
        if key not in m:
            return None
        value = m[key]
        if value is None and not required:
            return None
        if not isinstance(value, str) or (not empty_ok and not value.strip()):
            self.problem(m.where(key), f"{what}.{key}: expected {'text' if empty_ok else 'non-empty text'}, got {_kind(value)}")
            return None
        return value

    def integer(self, m, key: str, what: str, *, minimum: int = 0):
        value = m.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(m.where(key), f"{what}.{key}: expected a whole number ≥ {minimum}, got {_show(value)}")
            return None
        return value

    def date(self, m, key: str, what: str):
        value = m.get(key)
        if not isinstance(value, str):
            self.problem(m.where(key), f"{what}.{key}: expected a date YYYY-MM-DD, got {_show(value)}")
            return None
        try:
            return dates.parse_iso(value)
        except dates.DateFormatError as exc:
            self.problem(m.where(key), f"{what}.{key}: {exc}")
            return None

    def enum(self, m, key: str, what: str, enum_type):
        value = m.get(key)
        try:
            return enum_type(value)
        except ValueError:
            allowed = [e.value for e in enum_type]
            self.problem(m.where(key), f"{what}.{key}: unknown value {_show(value)}{suggest(str(value), allowed)}; expected one of {', '.join(allowed)}")
            return None

    # -- plan ---------------------------------------------------------------------
    def plan(self, data, *, prefix: str) -> Plan | None:
        if data is None:
            self.problem((1, 1), "empty file: expected a registry with 'registry', 'units' and 'tasks'")
            return None
        top = self.mapping(data, (1, 1), "registry file", ("registry", "units", "tasks"), ("registry", "units", "tasks"))
        if top is None:
            return None
        meta, settings = self.meta(top.get("registry"), top.where("registry"))
        units = self.units(top.get("units"), top.where("units"))
        lookup = {}
        for unit in units:
            for name in (unit.name, *unit.aliases):
                lookup[name] = unit.name
        tasks = self.tasks(top.get("tasks"), top.where("tasks"), lookup, prefix)
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
        settings = self.settings(m.get("settings"), m.where("settings"))
        claims = []
        for i, item in enumerate(self.sequence(m.get("claims"), m.where("claims"), "registry.claims")):
            cm = self.mapping(item, m["claims"].where(i), f"claim {i + 1}", ("key", "text", "value"), ("key", "text", "value"))
            if cm is None:
                continue
            key, text, number = self.text(cm, "key", "claim"), self.text(cm, "text", "claim"), self.integer(cm, "value", "claim")
            if key and text and number is not None:
                claims.append(Claim(key=key, text=text, value=number))
        if None in (title, issuer, feedback, report):
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
            zone = self.text(m, "timezone", "registry.settings")
            if zone is not None:
                from dateutil import tz

                if tz.gettz(zone) is None:
                    self.problem(m.where("timezone"), f"registry.settings.timezone: unknown time zone {zone!r} (e.g. Asia/Shanghai)")
                else:
                    kwargs["timezone"] = zone
        for key in ("warn_days", "report_period_days"):
            if key in m:
                number = self.integer(m, key, "registry.settings")
                if number is not None:
                    kwargs[key] = number
        if "immediate_due" in m:
            kwargs["immediate_due"] = self.date(m, "immediate_due", "registry.settings")
        return Settings(**kwargs)

    def units(self, value, pos) -> list[Unit]:
        units: list[Unit] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(self.sequence(value, pos, "units")):
            where = value.where(i)
            m = self.mapping(item, where, f"unit {i + 1}", ("name", "aliases", "kind"), ("name",))
            if m is None:
                continue
            name = self.text(m, "name", "unit")
            aliases = []
            for j, alias in enumerate(self.sequence(m.get("aliases"), m.where("aliases"), "unit.aliases")):
                if isinstance(alias, str) and alias.strip():
                    aliases.append(alias)
                else:
                    self.problem(m["aliases"].where(j), f"unit.aliases: expected text, got {_kind(alias)}")
            kind = self.text(m, "kind", "unit", required=False)
            if name is None:
                continue
            for label in (name, *aliases):
                if label in seen:
                    self.problem(where, f"unit name or alias {label!r} is declared twice (first on line {seen[label]})")
                seen[label] = where[0]
            units.append(Unit(name=name, aliases=tuple(aliases), kind=kind))
        return units

    def milestones(self, value, pos, what: str) -> tuple[Milestone, ...] | None:
        items = self.sequence(value, pos, what)
        if not items:
            self.problem(pos, f"{what}: expected at least one milestone ({{kind: date, due: YYYY-MM-DD}}, {{kind: ongoing}} or {{kind: immediate}})")
            return None
        result = []
        for i, item in enumerate(items):
            m = self.mapping(item, value.where(i), f"{what}[{i + 1}]", ("kind", "due", "label"), ("kind",))
            if m is None:
                continue
            kind = self.enum(m, "kind", f"{what}[{i + 1}]", MilestoneKind)
            label = self.text(m, "label", f"{what}[{i + 1}]", required=False)
            due = None
            if kind is MilestoneKind.DATE:
                if "due" not in m:
                    self.problem(m.pos, f"{what}[{i + 1}]: a date milestone needs 'due: YYYY-MM-DD'")
                    continue
                due = self.date(m, "due", f"{what}[{i + 1}]")
            elif kind is not None and "due" in m:
                self.problem(m.where("due"), f"{what}[{i + 1}]: a milestone of kind {kind.value} has no due date")
            if kind is not None:
                result.append(Milestone(kind=kind, due=due, label=label))
        return tuple(result)

    def tasks(self, value, pos, units: dict[str, str], prefix: str) -> list[Task]:
        tasks: list[Task] = []
        task_lines: dict[str, int] = {}
        if not isinstance(value, list):
            self.sequence(value, pos, "tasks")
            return tasks
        allowed = ("id", "title", "problem", "deadline", "reported", "regions", "measures")
        for i, item in enumerate(value):
            where = value.where(i)
            m = self.mapping(item, where, f"task {i + 1}", allowed, allowed[:-2])
            if m is None:
                continue
            number = self.integer(m, "id", "task", minimum=1) if "id" in m else None
            what = f"task {number if number is not None else i + 1}"
            if number is not None:
                key = str(number)
                if key in task_lines:
                    self.problem(m.where("id"), f"{what}: duplicate task id {number} (first on line {task_lines[key]})")
                task_lines[key] = m.where("id")[0]
            task_id = f"{prefix}{number}"
            title = self.text(m, "title", what)
            problem = self.text(m, "problem", what)
            deadline = None
            dm = self.mapping(m.get("deadline"), m.where("deadline"), f"{what}.deadline", ("text", "milestones"), ("text", "milestones")) if "deadline" in m else None
            if dm is not None:
                dtext = self.text(dm, "text", f"{what}.deadline")
                dms = self.milestones(dm.get("milestones"), dm.where("milestones"), f"{what}.deadline.milestones")
                if dtext is not None and dms is not None:
                    deadline = Deadline(text=dtext, milestones=dms)
            reported = None
            rm = self.mapping(m.get("reported"), m.where("reported"), f"{what}.reported", ("state", "ongoing"), ("state",)) if "reported" in m else None
            if rm is not None:
                state = self.enum(rm, "state", f"{what}.reported", Reported)
                ongoing = rm.get("ongoing", False)
                if not isinstance(ongoing, bool):
                    self.problem(rm.where("ongoing"), f"{what}.reported.ongoing: expected true or false, got {_show(ongoing)}")
                elif state is not None:
                    reported = ReportedState(state=state, ongoing=ongoing)
            regions = []
            for j, region in enumerate(self.sequence(m.get("regions"), m.where("regions"), f"{what}.regions")):
                if region not in REGIONS and region not in units:
                    self.problem(m["regions"].where(j), f"{what}.regions: unknown region {_show(region)}{suggest(str(region), REGIONS)}; expected one of {', '.join(REGIONS)}")
                else:
                    regions.append(region)
            measures = self.measures(m.get("measures"), m.where("measures"), what, task_id, units)
            if None in (number, title, problem, deadline, reported):
                continue
            tasks.append(Task(id=task_id, title=title, problem=problem, deadline=deadline, reported=reported,
                              regions=tuple(regions), measures=tuple(measures), location=Location(self.file, *where)))
        return tasks

    def measures(self, value, pos, what: str, task_id: str, units: dict[str, str]) -> list[Measure]:
        result: list[Measure] = []
        seen: dict[int, int] = {}
        allowed = ("id", "text", "owners", "lead", "milestones")
        for i, item in enumerate(self.sequence(value, pos, f"{what}.measures")):
            where = value.where(i)
            m = self.mapping(item, where, f"{what} measure {i + 1}", allowed, allowed)
            if m is None:
                continue
            number = self.integer(m, "id", f"{what} measure", minimum=1) if "id" in m else None
            mid = f"{task_id}.{number}"
            label = f"measure {mid}" if number is not None else f"{what} measure {i + 1}"
            if number is not None:
                if number in seen:
                    self.problem(m.where("id"), f"{label}: duplicate measure id (first on line {seen[number]})")
                seen[number] = m.where("id")[0]
            text = self.text(m, "text", label)
            owners = []
            raw_owners = self.sequence(m.get("owners"), m.where("owners"), f"{label}.owners") if "owners" in m else []
            if "owners" in m and not raw_owners:
                self.problem(m.where("owners"), f"{label}.owners: expected at least one responsible unit")
            for j, owner in enumerate(raw_owners):
                canonical = units.get(owner) if isinstance(owner, str) else None
                if canonical is None:
                    self.problem(m["owners"].where(j), f"{label}.owners: unknown unit {_show(owner)}{suggest(str(owner), units)}; declare it under 'units:'")
                else:
                    owners.append(canonical)
            lead = self.text(m, "lead", label)
            if lead is not None:
                canonical = units.get(lead)
                if canonical is None:
                    self.problem(m.where("lead"), f"{label}.lead: unknown unit {lead!r}{suggest(lead, units)}")
                elif owners and canonical not in owners:
                    self.problem(m.where("lead"), f"{label}.lead: {lead!r} is not one of its owners")
                lead = canonical
            milestones = self.milestones(m.get("milestones"), m.where("milestones"), f"{label}.milestones") if "milestones" in m else None
            if None in (number, text, lead, milestones) or not owners:
                continue
            result.append(Measure(id=mid, task_id=task_id, text=text, owners=tuple(owners), lead=lead,
                                  milestones=milestones, location=Location(self.file, *where)))
        return result

    # -- journal ------------------------------------------------------------------
    def journal(self, data, *, plan: Plan, measure_ids: set[str], today: date, prefix: str) -> list[Entry]:
        if data is None:
            return []  # an empty journal (or only comments): nothing recorded yet
        if not isinstance(data, list):
            self.problem((1, 1), f"journal: expected a list of entries (- measure: ...), got {_kind(data)}")
            return []
        units = {name: u.name for u in plan.units for name in (u.name, *u.aliases)}
        allowed = ("measure", "date", "state", "note", "evidence", "by", "milestone", "to", "reason", "approved_by", "late", "hash")
        entries = []
        for i, item in enumerate(data):
            where = data.where(i)
            m = self.mapping(item, where, f"journal entry {i + 1}", allowed, ("measure", "date", "state"))
            if m is None:
                continue
            what = f"journal entry {i + 1}"
            mid = m.get("measure")
            if not isinstance(mid, str):
                self.problem(m.where("measure"), f"{what}.measure: expected a quoted measure id like \"18.4\", got {_show(mid)}")
                continue
            mid = prefix + mid if prefix and ":" not in mid else mid
            if mid not in measure_ids:
                self.problem(m.where("measure"), f"{what}: no measure {mid!r} in the plan{suggest(mid, measure_ids)}")
                continue
            day = self.date(m, "date", what) if "date" in m else None
            if day is not None and day > today:
                self.problem(m.where("date"), f"{what}.date: {day.isoformat()} is in the future (today is {today.isoformat()})")
            state = self.enum(m, "state", what, EntryState) if "state" in m else None
            note = self.text(m, "note", what, required=False, empty_ok=True) if "note" in m else ""
            evidence = self.text(m, "evidence", what, required=False)
            by = self._unit(m, "by", what, units)
            approved_by = self._unit(m, "approved_by", what, units)
            milestone = self.date(m, "milestone", what) if m.get("milestone") is not None else None
            to = self.date(m, "to", what) if m.get("to") is not None else None
            reason = self.text(m, "reason", what, required=False)
            late = m.get("late", False)
            if not isinstance(late, bool):
                self.problem(m.where("late"), f"{what}.late: expected true or false, got {_show(late)}")
                late = False
            digest = m.get("hash")
            if digest is not None and not (isinstance(digest, str) and _HASH.match(digest)):
                self.problem(m.where("hash"), f"{what}.hash: expected 64 lowercase hex digits")
            if state is EntryState.EXTENDED and to is None:
                self.problem(m.pos, f"{what}: an extension needs 'to: YYYY-MM-DD' (the new due date)")
                continue
            if None in (day, state):
                continue
            entries.append(Entry(measure=mid, date=day, state=state, note=note or "", evidence=evidence, by=by,
                                 milestone=milestone, to=to, reason=reason, approved_by=approved_by, late=late,
                                 hash=digest, location=Location(self.file, *where)))
        return entries

    def _unit(self, m, key: str, what: str, units: dict[str, str]):
        if m.get(key) is None:
            return None
        name = m[key]
        if not isinstance(name, str) or name not in units:
            self.problem(m.where(key), f"{what}.{key}: unknown unit {_show(name)}{suggest(str(name), units)}")
            return None
        return units[name]


def _kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"text {value!r}" if len(str(value)) < 40 else "text"


def _show(value) -> str:
    return _kind(value) if not isinstance(value, str) else repr(value)
