"""Validation of one registry file's data on its own: `Checker` turns a plan file's parsed YAML
into model objects and a journal's into rows, recording a Problem, at its line and column, for
everything the format rules out (docs/registry-format.md).

Apart from the loader (registry.py), which reads, caches and merges the files and hands each
one's data to a Checker. What is checked here depends on the file's content alone, so its
result can be cached; what depends on the rest of the registry (a journal entry's measure,
units, history, date against today) is checked on every load, in journal_checks.py.
"""
from __future__ import annotations

import functools
import re
import sys
from datetime import date
from pathlib import Path

from . import chain, dates
from .errors import Problem, RegistryError
from .i18n import ENTRY, MILESTONE, REPORTED, Notice, Where, few_of, not_real_reason, problem, suggested, suggestion, unit_suggestion
from .layout import JOURNAL_SUFFIX, plan_beside
from .model import (
    KIND_WORDS,
    REGION,
    UNIT_KINDS,
    Claim,
    Deadline,
    EntryState,
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
    file_prefix,
    new_location,
    new_measure,
    new_task,
)
from .textsafe import excerpt, says_nothing

# A plan's top-level keys, each required.
PLAN_KEYS = ("registry", "units", "tasks")

# A claim's key, as schema/registry.schema.json has it: tasks_total, measures_due_2018_done.
CLAIM_KEY = re.compile(r"[a-z0-9_]+")
# A claim's value as written (the reference loader keeps the text of a number written plain).
PLAIN_COUNT = re.compile(r"0|[1-9][0-9]*")


def looks_like_journal(data, file: str) -> bool:
    """Whether what was read as a plan is a journal: a list (or nothing yet, an empty journal)
    in a file named like one, or a list holding an entry."""
    if isinstance(data, list) and any(isinstance(item, dict) and "measure" in item for item in data[:20]):
        return True
    name = Path(file).name
    return (data is None or isinstance(data, list)) and (name == "progress.yaml" or name.endswith(JOURNAL_SUFFIX))


# What only a command's JSON output has at its top (schema/status.schema.json, check.schema.json),
# no key of a plan's.
_OUTPUT_TOPS = ((("as_of", "counts"), "rectify status --format json"), (("as_of", "fail_on"), "rectify check --format json"))


def output_of(data) -> str | None:
    """The command whose JSON output what was read as a plan is, else None. An export is known by
    its measures: each carries its latest note and is named as the commands name it, "1.1" under
    "1" (schema/export.schema.json), where a plan's has no note and an id of 1. Every export ever
    written has that shape, so a marker added to it now would tell no more."""
    if not isinstance(data, dict):
        return None
    for keys, command in _OUTPUT_TOPS:
        if all(key in data for key in keys):
            return command
    tasks = data.get("tasks")
    if "registry" not in data or not isinstance(tasks, list):
        return None
    for task in tasks[:20]:  # (tasks read a piece at a time, registry._ItemsInPieces, are none yet: a YAML plan's)
        measures = task.get("measures") if isinstance(task, dict) else None
        first = measures[0] if isinstance(measures, list) and measures else None
        if (isinstance(first, dict) and "note" in first and isinstance(task.get("id"), str)
                and isinstance(first.get("id"), str) and first["id"].startswith(task["id"] + ".")):
            return "rectify export"
    return None


class Checker:
    """Turns parsed YAML into model objects, recording a Problem for everything wrong.

    `vouching`: the data came from the fast parser (no positions, YAML 1.2 scalars). Then
    the first problem, or any string the reference would not read as text, raises
    Unvouched instead: the caller re-reads the file with the reference loader, which finds
    the same problems with their positions (or none, where only the parsers disagreed).
    `per_item` (with vouching): a problem in an item of the long list (a task, a journal entry)
    only has the item noted, and ProblemSeen, raised after the last, names them all: the
    caller has the reference loader read those items alone (registry._problems_read_alone).
    """

    def __init__(self, filename: str, problems: list[Problem], *, vouching: bool = False, per_item: bool = False,
                 references: list[list] | None = None, ids_read: IdsRead | None = None):
        self.file = filename
        self.problems = problems
        # (journal_rows: [index, measure as written, line, column] of each entry with a problem, whose
        # measure is then checked against the plan all the same: JournalContext.references)
        self.references = references
        self.vouching = vouching
        self.problem_items: list[int] | None = [] if per_item else None  # (their indexes)
        from . import yamlio

        self._reads_differently = yamlio.reads_differently
        self._as_written = yamlio.as_written
        self._key_as_written = yamlio.key_as_written
        # Fast-parsed milestone lists by value: a plan repeats a few hundred of them 100,000s of
        # times, and with vouching their result depends on the values alone (a problem raises).
        self._milestones_seen: dict[tuple, tuple[Milestone, ...]] = {}
        self.kind_refused: set[str] = set()  # units whose kind was refused (see units)
        self.ids_read = IdsRead() if ids_read is None else ids_read
        self._unit_hints: dict[str, Notice | str] = {}  # (of the one plan's units: see unit_suggestion)

    # -- primitives ---------------------------------------------------------------
    def problem(self, pos: tuple[int, int] | None, message_key: str, /, **values) -> None:
        """A problem at `pos`: label problem_<message_key> (i18n.LABELS) with `values`; `what`, the place
        as problems name it ("measure 1.1.owners"), is said in the user's language."""
        if self.vouching:
            raise ProblemSeen
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
                position, key = key_position_of(value, key), self._key_as_written(value, key)
                fix = (Notice("key_full_width_colon", {"written": str(key).replace("：", ": ", 1)}) if "：" in str(key)
                       else Notice("keys_allowed", {"keys": list(allowed)}))
                self.problem(position, "unknown_key", what=what, key=key, hint=suggestion(str(key), allowed), fix=fix)
        for key in required:
            if key not in value:
                self.problem(position_of(value, None), "missing_key", what=what, key=key)
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
        if not isinstance(value, str) or (not empty_ok and says_nothing(value)):
            self.problem(position_of(m, key), "not_text" if empty_ok else "not_nonempty_text", what=f"{what}.{key}", kind=_kind(value))
            return None
        if self.vouching and self._reads_differently(value):
            raise Unvouched
        return value

    def integer(self, m, key: str, what: str, *, minimum: int = 0):
        value = m.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum or not writable_number(value):
            self.problem(position_of(m, key), "not_whole_number", what=f"{what}.{key}", minimum=minimum, value=shown_value(value),
                         hint=_number_hint(key, value))
            return None
        if not PLAIN_COUNT.fullmatch(written := str(self._as_written(m, key, value))):
            # (0x2d, 4_5, +45: YAML 1.1's integers; 055 is 45 to it, 55 to YAML 1.2, where 08 is text: an id
            # and a count are written as a report writes them, in plain decimal)
            self.problem(position_of(m, key), "not_whole_number", what=f"{what}.{key}", minimum=minimum,
                         value=shown_value(written), hint=Notice("number_unquoted", {"n": _decimal(written)}))
            return None
        return value

    def date(self, m, key: str, what: str):
        value = m.get(key)
        if not isinstance(value, str):
            self.problem(position_of(m, key), "not_date", what=f"{what}.{key}", value=shown_value(value))
            return None
        day, error = checked_date(value, due=key == "due")
        if error is not None:
            self.problem(position_of(m, key), error[0], what=f"{what}.{key}", text=value, **error[1])
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
            said = WRITTEN_AS.get(value) if isinstance(value, str) else None  # (推进中: in_progress)
            hint = (Notice("written_as", {"key": said}) if said in allowed else suggestion(str(value), allowed))
            self.problem(position_of(m, key), "unknown_value", what=f"{what}.{key}", value=shown_value(value), hint=hint,
                         allowed=allowed)
            return None

    # -- plan ---------------------------------------------------------------------
    def plan(self, data, *, prefix: str) -> Plan | None:
        if looks_like_journal(data, self.file):  # (a journal named where the plan is expected: say so)
            # (in a folder, given already, it is to be moved out or named as its plan's journal, as _plainly_other says)
            fix = Notice("journal_move_out", {"move_out": Notice("not_plan_move_out", {})}) if prefix else \
                Notice("not_plan_pass_plan", {"plan": plan_beside(self.file)})
            self.problem(position_of(data, None) or (1, 1), "journal_not_plan", fix=fix)
            return None
        if (command := output_of(data)) is not None:  # (a command's JSON given as the plan: 1,400 problems else)
            self.problem(position_of(data, None) or (1, 1), "export_not_plan" if command == "rectify export" else
                         "output_not_plan", command=command, plan=Notice("plan_of_journal_example", {}))
            return None
        if data is None:
            self.problem((1, 1), "empty_plan")
            return None
        if self._plainly_other(data, prefix):
            return None
        top = self.mapping(data, (1, 1), "registry file", PLAN_KEYS, PLAN_KEYS)
        if top is None:
            return None
        meta, settings = self.meta(top.get("registry"), position_of(top, "registry"))
        units = self.units(top.get("units"), position_of(top, "units"))
        lookup, region_lookup = {}, {}
        for unit in units:
            for name in (unit.name, *unit.aliases):
                lookup[name] = unit.name
                if unit.kind == REGION or unit.name in self.kind_refused:
                    region_lookup[name] = unit.name
        tasks = self.tasks(top.get("tasks"), position_of(top, "tasks"), lookup, prefix, region_lookup)
        if meta is None or settings is None:
            return None
        return Plan(meta=meta, settings=settings, units=tuple(units), tasks=tuple(tasks))

    def _plainly_other(self, data, prefix: str) -> bool:
        """Whether `data`, read where a plan is expected, is plainly another file, said so in one line
        (it got a line for each key, then one for each plan key missing): a curation of rectify import,
        or a mapping none of whose keys is a plan's or close to one (a folder's docker-compose.yml).
        A key close to a plan's is a plan mistyped: the keys are then named as for any plan. So too a list, not a
        journal (a folder's playbook.yml), unless an item names a plan's section (- registry: …, a plan mistyped)."""
        listed = isinstance(data, list) and data
        if not (listed or isinstance(data, dict) and data and "tasks" not in data):  # (a plan: the importer left unloaded, 0.1 s)
            return False
        # (in a folder every .yaml is a plan file; a file named alone is one the user meant as the plan)
        fix = Notice("not_plan_move_out", {}) if prefix else \
            Notice("not_plan_pass_plan", {"plan": Notice("plan_of_journal_example", {})})
        pos = position_of(data, None) or (1, 1)
        if listed:
            named = [str(item if isinstance(item, str) else next(iter(item))) for item in data
                     if isinstance(item, str) or isinstance(item, dict) and len(item) == 1]
            if any(name in PLAN_KEYS or suggestion(name, PLAN_KEYS) for name in named):
                return False
            self.problem(pos, "list_not_plan", plan_keys=list(PLAN_KEYS), fix=fix)
            return True
        from .importer import looks_like_curation

        curation = looks_like_curation(data)
        if not curation and not data.keys().isdisjoint(PLAN_KEYS):
            return False
        if curation:
            self.problem(pos, "curation_not_plan", fix=fix)
            return True
        written = [str(self._key_as_written(data, key)) for key in data]
        if any("：" in key or suggestion(key, PLAN_KEYS) for key in written):
            return False
        # (a line break in a key shown as \n, as unknown_key shows it: the one-line message would hide it)
        shown = [excerpt(key, 40).replace("\n", "\\n").replace("\t", "\\t") for key in written[:5]] + ["…"] * (len(written) > 5)
        self.problem(pos, "no_plan_keys", keys=shown, plan_keys=list(PLAN_KEYS), fix=fix)
        return True

    def meta(self, value, pos):
        allowed = ("title", "issuer", "inspection", "feedback_date", "report_date", "source", "settings", "claims")
        m = self.mapping(value, pos, "registry", allowed, ("title", "issuer", "feedback_date", "report_date"))
        if m is None:
            return None, None
        title = self.text(m, "title", "registry")
        issuer = self.text(m, "issuer", "registry")
        inspection = self.text(m, "inspection", "registry", required=False)
        # (a path is text as YAML reads it: 123 or true, read as a file named so, refused as a list is)
        source = self.text(m, "source", "registry", required=False, free=False)
        feedback = self.date(m, "feedback_date", "registry") if "feedback_date" in m else None
        report = self.date(m, "report_date", "registry") if "report_date" in m else None
        settings = self.settings(m.get("settings"), position_of(m, "settings"))
        claims = []
        claim_lines: dict[str, int | None] = {}  # (each key's first line: reconcile would check a repeat on its own)
        for i, item in enumerate(self.sequence(m.get("claims"), position_of(m, "claims"), "registry.claims")):
            cm = self.mapping(item, position_of(m["claims"], i), f"claim {i + 1}", ("key", "text", "value"), ("key", "text", "value"))
            if cm is None:
                continue
            key, text, number = self.text(cm, "key", "claim", free=False), self.text(cm, "text", "claim"), self.integer(cm, "value", "claim")
            if key and not CLAIM_KEY.fullmatch(key):  # (as the schema: a key reconcile counts by, not words)
                self.problem(position_of(cm, "key"), "claim_key", what="claim.key", value=shown_value(key))
                key = None
            if key in claim_lines:  # (46 and 45 both as tasks_total: one of them is a mistake)
                self.problem(position_of(cm, "key"), "claim_twice", what="claim.key", key=shown_value(key), line=claim_lines[key])
                key = None
            elif key:
                claim_lines[key] = _line(cm, "key")
            if key and text and number is not None:
                claims.append(Claim(key=key, text=text, value=number))
        if None in (title, issuer, feedback, report):
            return None, settings
        if report < feedback:  # (a report on the rectification follows the inspection's feedback)
            self.problem(position_of(m, "report_date"), "report_before_feedback", report=report.isoformat(),
                         feedback=feedback.isoformat())
            return None, settings
        if settings is not None and settings.immediate_due is not None and settings.immediate_due < feedback:
            # (its year mistyped: each 立即启动 measure a year more overdue, without a word)
            self.problem(position_of(m["settings"], "immediate_due"), "immediate_before_feedback",
                         due=settings.immediate_due.isoformat(), feedback=feedback.isoformat())
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
            if not isinstance(m["timezone"], str) or says_nothing(m["timezone"]):
                # (timezone: 8, for UTC+8: "expected text" got "8", refused as no zone a run later)
                self.problem(position_of(m, "timezone"), "zone_not_text", kind=_kind(m["timezone"]))
                zone = None
            else:
                zone = self.text(m, "timezone", "registry.settings", free=False)
            if zone is not None:
                if dates.time_zone(zone) is None:
                    meant = dates.zone_meant(zone)
                    if dates.zone_database_missing():  # (no name is a zone then: not "unknown time zone Asia/Shanghai")
                        self.problem(position_of(m, "timezone"), "zone_no_database", zone=zone)
                    elif meant and (west := dates.ETC_WEST.fullmatch(meant)) is not None:
                        # (Etc/GMT+08: "did you mean Etc/GMT+8?" led to the refusal below, a run later)
                        self.problem(position_of(m, "timezone"), "zone_west_sign", zone=zone, hours=int(west.group(1)))
                    elif meant and dates.no_place(meant):  # (factory: "did you mean Factory?" led to a zone of nowhere)
                        self.problem(position_of(m, "timezone"), "zone_no_place", zone=zone)
                    elif meant:
                        self.problem(position_of(m, "timezone"), "unknown_zone_close", zone=zone, hint=suggested([meant]))
                    else:
                        self.problem(position_of(m, "timezone"), "unknown_zone", zone=zone)
                elif dates.no_place(zone):
                    self.problem(position_of(m, "timezone"), "zone_no_place", zone=zone)
                elif (west := dates.ETC_WEST.fullmatch(zone)) is not None:
                    # (Etc/GMT+8 is UTC-8: written for Beijing, "today" ran a day behind 16 hours a day)
                    self.problem(position_of(m, "timezone"), "zone_west_sign", zone=zone, hours=int(west.group(1)))
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
            where = position_of(value, i)
            m = self.mapping(item, where, f"unit {i + 1}", ("name", "aliases", "kind"), ("name",))
            if m is None:
                continue
            name = self.text(m, "name", "unit")
            aliases = []
            placed = {}  # (each alias where it is written: a repeat is said there, not at its unit)
            aliases_written = m.get("aliases")
            for j, alias in enumerate(self.sequence(aliases_written, position_of(m, "aliases"), "unit.aliases")):
                alias = self._as_written(aliases_written, j, alias)
                if isinstance(alias, str) and alias.strip():
                    if self.vouching and self._reads_differently(alias):
                        raise Unvouched
                    aliases.append(alias)
                    placed.setdefault(alias, position_of(aliases_written, j) or where)
                else:
                    self.problem(position_of(m["aliases"], j), "not_text", what="unit.aliases", kind=_kind(alias))
            kind = self.text(m, "kind", "unit", required=False, free=False)
            if kind is not None and kind not in UNIT_KINDS:
                self.problem(position_of(m, "kind"), "unknown_value", what="unit.kind", value=shown_value(kind),
                             hint=suggestion(kind, UNIT_KINDS), allowed=list(UNIT_KINDS))
                kind = None
                if name is not None:
                    self.kind_refused.add(name)  # (as a region, it is refused once, here)
            if name is None:
                continue
            for label in (name, *aliases):
                at = placed.get(label, where) if label != name else where
                if label in seen:
                    self.problem(at, "unit_twice", name=label, line=seen[label])
                seen[label] = at[0] if at else None
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
            m = self.mapping(item, position_of(value, i), f"{what}[{i + 1}]", ("kind", "due", "label"), ("kind",))
            if m is None:
                continue
            kind = self.enum(m, "kind", f"{what}[{i + 1}]", MilestoneKind)
            label = self.text(m, "label", f"{what}[{i + 1}]", required=False)
            due = None
            if kind is MilestoneKind.DATE:
                if "due" not in m:
                    self.problem(position_of(m, None), "date_milestone_needs_due", what=f"{what}[{i + 1}]")
                    continue
                due = self.date(m, "due", f"{what}[{i + 1}]")
            elif kind is not None and "due" in m:
                self.problem(position_of(m, "due"), "milestone_has_no_due", what=f"{what}[{i + 1}]", kind=kind.value)
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
        read = self.ids_read
        read.passed.append(tasks)  # (their ids, asked for only when the plan has problems)
        if read.every_task is None:
            read.every_task = True
        for i, item in _numbered(value):
            where = position_of(value, i)
            try:
                task = self._vouched_task(item, where, units, prefix, region_units, task_lines) if self.vouching else None
                if task is None:
                    task = self._task(i, item, where, units, prefix, region_units, task_lines)
            except ProblemSeen:
                if self.problem_items is None:
                    raise
                self.problem_items.append(i)
                continue
            if task is not None:
                tasks.append(task)
        if self.problem_items:
            raise ProblemSeen(self.problem_items)
        return tasks

    def _task(self, i: int, item, where, units: dict[str, str], prefix: str, region_units: dict[str, str],
              task_lines: dict[str, int]) -> Task | None:
        """The Task of the `i`th item of `tasks`, read the long way, naming each problem; None when it has one."""
        m = self.mapping(item, where, _item_label("task", "", item, i), _TASK_ALLOWED, _TASK_ALLOWED_REQUIRED)
        if m is None:
            self.ids_read.every_task = False
            return None
        number = self.integer(m, "id", "task", minimum=1) if "id" in m else None
        if number is None:
            self.ids_read.every_task = False
        what = f"task {prefix}{number if number is not None else i + 1}"  # (in a folder, as its measures are named)
        if number is not None:
            key = str(number)
            if key in task_lines:
                self.problem(position_of(m, "id"), "duplicate_task", what=what, id=number, line=task_lines[key])
            task_lines[key] = _line(m, "id")
        task_id = f"{prefix}{number}"
        title = self.text(m, "title", what)
        problem = self.text(m, "problem", what)
        deadline = None
        dm = self.mapping(m.get("deadline"), position_of(m, "deadline"), f"{what}.deadline", ("text", "milestones"), ("text", "milestones")) if "deadline" in m else None
        if dm is not None:
            dtext = self.text(dm, "text", f"{what}.deadline")
            dms = self.milestones(dm.get("milestones"), position_of(dm, "milestones"), f"{what}.deadline.milestones")
            if dtext is not None and dms is not None:
                deadline = Deadline(text=dtext, milestones=dms)
        reported = None
        rm = self.mapping(m.get("reported"), position_of(m, "reported"), f"{what}.reported", ("state", "ongoing"), ("state",)) if "reported" in m else None
        if rm is not None:
            state = self.enum(rm, "state", f"{what}.reported", Reported)
            ongoing = rm.get("ongoing", False)
            if not isinstance(ongoing, bool):
                self.problem(position_of(rm, "ongoing"), "not_bool", what=f"{what}.reported.ongoing", value=shown_value(ongoing))
            elif state is not None:
                reported = ReportedState(state=state, ongoing=ongoing)
        regions = []
        for j, region in enumerate(self.sequence(m.get("regions"), position_of(m, "regions"), f"{what}.regions")):
            if region.__class__ is not str:
                region = self._as_written(m["regions"], j, region)
            if not isinstance(region, str):
                self.problem(position_of(m["regions"], j), "region_not_text", what=f"{what}.regions", kind=_kind(region))
            elif region not in region_units:
                refused, values = _not_a_region(region, units, region_units)
                self.problem(position_of(m["regions"], j), refused, what=f"{what}.regions", **values)
            else:
                regions.append(region_units[region])
        measures = self.measures(m["measures"], position_of(m, "measures"), what, task_id, units) if "measures" in m else []
        if number is not None:
            self.ids_read.record(task_id, _measure_ids_written(m.get("measures"), task_id))
        if None in (number, title, problem, deadline, reported):
            return None
        return new_task(id=task_id, title=title, problem=problem, deadline=deadline, reported=reported,
                        regions=tuple(regions), measures=tuple(measures),
                        location=new_location(file=self.file, line=where[0], column=where[1]))

    def _vouched_task(self, item, where, units: dict[str, str], prefix: str, region_units: dict[str, str],
                      task_lines: dict[str, int]) -> Task | None:
        """The Task of a fast-parsed item whose own fields have nothing to report, read as
        _vouched_measure reads a measure (its measures are read by `measures`, which raises
        on a problem when vouching); None for anything else, which `tasks` reads the long way.
        The 100,000 measures' plan (22,250 tasks) is then validated in 1.7–1.96 s of CPU, against
        1.99–3.06 s with only its measures read the short way (six runs each, alternately)."""
        if type(item) is not dict or not _TASK_KEYS >= item.keys() >= _TASK_REQUIRED:
            return None
        number, title, problem, deadline, reported = (item["id"], item["title"], item["problem"], item["deadline"],
                                                      item["reported"])
        regions = item.get("regions")
        regions = [] if regions is None else regions
        if (type(number) is not int or number < 1 or str(number) in task_lines or type(title) is not str
                or type(problem) is not str or not title.strip() or not problem.strip()
                or type(deadline) is not dict or deadline.keys() != _DEADLINE_KEYS
                or type(reported) is not dict or not _REPORTED_KEYS >= reported.keys() >= _REPORTED_REQUIRED
                or type(regions) is not list or not all(type(region) is str and region in region_units for region in regions)
                or self._reads_differently(title) or self._reads_differently(problem)):
            return None
        text, state, ongoing = deadline["text"], reported["state"], reported.get("ongoing", False)
        state = Reported._value2member_map_.get(state) if type(state) is str else None
        if (type(text) is not str or not text.strip() or self._reads_differently(text) or state is None
                or type(ongoing) is not bool):
            return None
        task_id, what = f"{prefix}{number}", f"task {prefix}{number}"
        milestones = self.milestones(deadline["milestones"], None, f"{what}.deadline.milestones")
        if milestones is None:
            return None
        task_lines[str(number)] = None  # (fast-parsed data has no line for it: see _line)
        return new_task(id=task_id, title=title, problem=problem, deadline=Deadline(text=text, milestones=milestones),
                        reported=ReportedState(state=state, ongoing=ongoing), regions=tuple([region_units[r] for r in regions]),
                        measures=tuple(self.measures(item["measures"], None, what, task_id, units)),
                        location=new_location(file=self.file, line=where[0], column=where[1]))

    def measures(self, value, pos, what: str, task_id: str, units: dict[str, str]) -> list[Measure]:
        result: list[Measure] = []
        seen: dict[int, int] = {}
        allowed = ("id", "text", "owners", "lead", "milestones")
        if value is None or (isinstance(value, list) and not value):
            # (nothing to record progress on, close or check: it would only ever show red in status)
            self.problem(pos, "no_measures", what=f"{what}.measures")
        for i, item in enumerate(self.sequence(value, pos, f"{what}.measures")):
            where = position_of(value, i)
            measure = self._vouched_measure(item, where, task_id, units, seen) if self.vouching else None
            if measure is not None:
                result.append(measure)
                continue
            m = self.mapping(item, where, _item_label("measure", f"{task_id}.", item, i, f"{what} measure {i + 1}"), allowed, allowed)
            if m is None:
                continue
            number = self.integer(m, "id", f"{what} measure", minimum=1) if "id" in m else None
            mid = f"{task_id}.{number}"
            label = f"measure {mid}" if number is not None else f"{what} measure {i + 1}"
            if number is not None:
                if number in seen:
                    self.problem(position_of(m, "id"), "duplicate_measure", what=label, line=seen[number])
                seen[number] = _line(m, "id")
            text = self.text(m, "text", label)
            owners = []
            named: dict[str, str] = {}  # (each owner's unit -> the name or alias it was first listed by)
            raw_owners = self.sequence(m.get("owners"), position_of(m, "owners"), f"{label}.owners") if "owners" in m else []
            if "owners" in m and not raw_owners and isinstance(m["owners"], (list, type(None))):
                self.problem(position_of(m, "owners"), "no_owners", what=f"{label}.owners")
            for j, owner in enumerate(raw_owners):
                if owner.__class__ is not str:
                    owner = self._as_written(raw_owners, j, owner)
                if not isinstance(owner, str):  # (a list or mapping is no unit to declare, as by: and regions: say)
                    self.problem(position_of(m["owners"], j), "not_unit_name", what=f"{label}.owners", kind=_kind(owner))
                    continue
                canonical = units.get(owner)
                listed = _listed_in_one(owner, units) if canonical is None else None
                if listed is not None:  # (拉萨市，日喀则市: not a unit to declare)
                    self.problem(position_of(m["owners"], j), "unknown_unit", what=f"{label}.owners", name=shown_value(owner), hint=listed)
                elif canonical is None:
                    self.problem(position_of(m["owners"], j), "unknown_owner", what=f"{label}.owners", name=shown_value(owner),
                                 hint=unit_suggestion(str(owner), units, self._unit_hints), unit=owner)
                elif canonical in named:  # (named twice in every table, 自治区生态环境厅、自治区生态环境厅)
                    key, values = _listed_again(owner, named[canonical], canonical)
                    self.problem(position_of(m["owners"], j), key, what=f"{label}.owners", **values)
                else:
                    named[canonical] = owner
                    owners.append(canonical)
            lead = self.text(m, "lead", label)
            if lead is not None:
                canonical = units.get(lead)
                if canonical is None:
                    self.problem(position_of(m, "lead"), "unknown_unit", what=f"{label}.lead", name=shown_value(lead), hint=unit_suggestion(lead, units, self._unit_hints),
                                 unit=lead)
                elif owners and canonical not in owners:
                    self.problem(position_of(m, "lead"), "lead_not_owner", what=f"{label}.lead", name=lead)
                lead = canonical
            milestones = self.milestones(m.get("milestones"), position_of(m, "milestones"), f"{label}.milestones") if "milestones" in m else None
            if None in (number, text, lead, milestones) or not owners:
                continue
            result.append(new_measure(id=mid, task_id=task_id, text=text, owners=tuple(owners), lead=lead,
                                      milestones=milestones, location=new_location(file=self.file, line=where[0], column=where[1])))
        return result

    def _vouched_measure(self, item, where, task_id: str, units: dict[str, str], seen: dict[int, int]) -> Measure | None:
        """The Measure of a fast-parsed item when it has nothing to report, read without naming its
        parts for messages (a problem only needs them, and raises when vouching); None for anything
        else, which `measures` reads the long way. A plan of 100,000 measures is validated in
        2.4–2.9 s of CPU so, against 3.5–4.0 s the long way."""
        if type(item) is not dict or item.keys() != _MEASURE_KEYS:
            return None
        number, text, owners, lead = item["id"], item["text"], item["owners"], item["lead"]
        if (type(number) is not int or number < 1 or number in seen or type(text) is not str or type(lead) is not str
                or type(owners) is not list or not owners or not text.strip()
                or self._reads_differently(text) or self._reads_differently(lead)):
            return None
        canonical = tuple([units.get(owner) if type(owner) is str else None for owner in owners])
        lead = units.get(lead)
        if lead is None or None in canonical or lead not in canonical or \
                len(canonical) > 1 and len(set(canonical)) < len(canonical):
            return None  # (a unit listed twice: said by `measures`; one owner, most measures', needs no set)
        mid = f"{task_id}.{number}"
        milestones = self.milestones(item["milestones"], None, f"measure {mid}.milestones")
        if milestones is None:
            return None
        seen[number] = None  # (fast-parsed data has no line for it: see _line)
        return new_measure(id=mid, task_id=task_id, text=text, owners=canonical, lead=lead, milestones=milestones,
                           location=new_location(file=self.file, line=where[0], column=where[1]))

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
        rows, problems, references = [], self.problems, self.references
        for i, item in _numbered(data):
            where = position_of(data, i)
            before = len(problems)
            try:
                row = self._vouched_row(i, item, where) if self.vouching else None
                if row is None:
                    row = self._row(i, item, where)
            except ProblemSeen:
                if self.problem_items is None:
                    raise
                self.problem_items.append(i)
                continue
            if row is not None:
                rows.append(row)
            if references is not None and len(problems) > before and isinstance(item, dict) \
                    and isinstance(item.get("measure"), str) and position_of(item, "measure") is not None:
                references.append([i, item["measure"], *position_of(item, "measure")])
        if self.problem_items:
            raise ProblemSeen(self.problem_items)
        return rows

    def _row(self, i: int, item, where) -> list | None:
        """The row of the `i`th entry, read the long way, naming each problem; None when it has one."""
        m = self.mapping(item, where, f"journal entry {i + 1}", _ENTRY_KEYS, ("measure", "date", "state"))
        if m is None:
            return None
        what = f"journal entry {i + 1}"
        mid = m.get("measure")
        if not isinstance(mid, str):
            self.problem(position_of(m, "measure"), "measure_not_quoted", what=f"{what}.measure", value=shown_value(mid))
            return None
        day = self.date(m, "date", what) if "date" in m else None
        state = self.enum(m, "state", what, EntryState) if "state" in m else None
        # (`rectify extend` refuses an extension without --reason or --approved-by: so is one written by hand)
        extension = state is EntryState.EXTENDED
        note = self.text(m, "note", what, required=False, empty_ok=True) if "note" in m else ""
        evidence = self.text(m, "evidence", what, required=False)
        by = self._unit_name(m, "by", what)
        approved_by = self._unit_name(m, "approved_by", what, required=extension)
        milestone = self.date(m, "milestone", what) if m.get("milestone") is not None else None
        to = self.date(m, "to", what) if m.get("to") is not None else None
        recorded = self.date(m, "recorded", what) if m.get("recorded") is not None else None
        if recorded is not None and day is not None and recorded <= day:
            self.problem(position_of(m, "recorded"), "recorded_not_after", what=f"{what}.recorded", recorded=recorded.isoformat(),
                         date=day.isoformat())
            return None
        reason = self.text(m, "reason", what, required=extension)
        late = m.get("late", False)
        if not isinstance(late, bool):
            self.problem(position_of(m, "late"), "not_bool", what=f"{what}.late", value=shown_value(late))
            late = False
        far_future = m.get("far_future", False)
        if not isinstance(far_future, bool):
            self.problem(position_of(m, "far_future"), "not_bool", what=f"{what}.far_future", value=shown_value(far_future))
            far_future = False
        digest = m.get("hash")
        if digest is not None and not (isinstance(digest, str) and chain.HASH.fullmatch(digest)):
            self.problem(position_of(m, "hash"), "hash_shape", what=f"{what}.hash")
        retracts = m.get("retracts")
        if state is EntryState.RETRACTED and not (isinstance(retracts, str) and chain.HASH.fullmatch(retracts)):
            self.problem(position_of(m, "retracts" if "retracts" in m else None), "retracts_shape", what=f"{what}.retracts")
            return None
        if state is EntryState.EXTENDED and to is None:
            self.problem(position_of(m, None), "extension_needs_to", what=what)
            return None
        if extension and (reason is None or approved_by is None):
            for key in ("reason", "approved_by"):
                if key not in m:  # (a null is said by self.text and _unit_name)
                    self.problem(position_of(m, None), "missing_key", what=what, key=key)
            return None
        if state is EntryState.EXTENDED and milestone is not None and to <= milestone:
            # (`rectify extend` refuses this too; an extension never brings a deadline forward)
            self.problem(position_of(m, "to"), "to_not_after_milestone", what=f"{what}.to", to=to.isoformat(),
                         milestone=milestone.isoformat())
            return None
        if state is EntryState.EXTENDED and day is not None and to <= day:
            self.problem(position_of(m, "to"), "to_not_after_date", what=f"{what}.to", to=to.isoformat(), date=day.isoformat())
            return None
        # (a note of the wrong type is reported as such; none, or blank, says nothing: a report or an
        # in_progress entry would clear 久未报告 reporting nothing, a reopening would not say why)
        needs = _NOTE_NEEDED.get(state)
        if needs is not None and (says_nothing(note) if note is not None else m.get("note") is None):
            self.problem(position_of(m, "note" if "note" in m else None), needs, what=f"{what}{'.note' * ('note' in m)}")
            return None
        if not self._keys_fit_state(m, state, what):
            return None
        if None in (day, state):
            return None
        return [i, mid, day.isoformat(), state.value, note or "", evidence, by,
                dates.iso(milestone), dates.iso(to), reason, approved_by, late, dates.iso(recorded), digest,
                retracts, far_future, *where]

    def _vouched_row(self, index: int, item, where) -> list | None:
        """The row of a fast-parsed entry of the common kinds (no extension, retraction or
        recorded date) when it has nothing to report, read without naming its parts for
        messages; None for anything else, which `journal_rows` reads the long way. A journal of
        200,000 entries is validated in 1.1–1.4 s of CPU so, against 2.2–2.6 s the long way."""
        if type(item) is not dict or not item.keys() <= _PLAIN_ENTRY_KEYS:
            return None
        mid, day, written, note = item.get("measure"), item.get("date"), item.get("state"), item.get("note", "")
        evidence, by, milestone, digest = item.get("evidence"), item.get("by"), item.get("milestone"), item.get("hash")
        state = EntryState._value2member_map_.get(written) if type(written) is str else None
        if (type(mid) is not str or type(day) is not str or type(note) is not str or state is None
                or state is EntryState.EXTENDED or state is EntryState.RETRACTED
                or (state in _NOTE_NEEDED and says_nothing(note))
                or ("milestone" in item and (state is not EntryState.DONE or type(milestone) is not str))
                or (evidence is not None and (type(evidence) is not str or says_nothing(evidence)))
                or (by is not None and type(by) is not str)
                or (digest is not None and (type(digest) is not str or not chain.HASH.fullmatch(digest)))
                or checked_date(day)[1] is not None or (milestone is not None and checked_date(milestone)[1] is not None)):
            return None
        reads_differently = self._reads_differently
        if reads_differently(note) or (evidence is not None and reads_differently(evidence)) \
                or (by is not None and reads_differently(by)):
            return None
        # (a valid date's text is its isoformat: dates.parse_iso reads YYYY-MM-DD alone)
        return [index, mid, day, written, note, evidence, by, milestone, None, None, None, False, None, digest, None, False,
                *where]

    def _keys_fit_state(self, m, state: EntryState | None, what: str) -> bool:
        """Whether the entry has only keys its state uses: another's would be kept and ignored
        (a `to:` on a done entry moves nothing)."""
        fits = True
        if "retracts" in m and state is not EntryState.RETRACTED and state is not None:
            self.problem(position_of(m, "retracts"), "retracts_key", what=f"{what}.retracts")
            fits = False
        if state is not EntryState.EXTENDED and state is not None:
            for key in _EXTENSION_KEYS:
                if key in m:
                    self.problem(position_of(m, key), "extension_key", what=f"{what}.{key}", key=key)
                    fits = False
            if "milestone" in m and state is not EntryState.DONE:
                self.problem(position_of(m, "milestone"), "milestone_key", what=f"{what}.milestone")
                fits = False
        return fits

    def _unit_name(self, m, key: str, what: str, *, required: bool = False):
        """The unit name m[key] as written (checked against the plan's units later, with the
        plan); `required`: a null is said to be no name, as another type is."""
        name = m.get(key)
        if name is not None and name.__class__ is not str:
            name = self._as_written(m, key, name)
        if (name is not None or (required and key in m)) and not isinstance(name, str):
            self.problem(position_of(m, key), "not_unit_name", what=f"{what}.{key}", kind=_kind(name))
            return None
        if name is not None and self.vouching and self._reads_differently(name):
            raise Unvouched
        return name


_TASK_ALLOWED = ("id", "title", "problem", "deadline", "reported", "regions", "measures")  # (in the order messages list them)
_TASK_ALLOWED_REQUIRED = tuple(key for key in _TASK_ALLOWED if key != "regions")
_TASK_KEYS, _TASK_REQUIRED = frozenset(_TASK_ALLOWED), frozenset(_TASK_ALLOWED_REQUIRED)
_DEADLINE_KEYS = frozenset(("text", "milestones"))
_REPORTED_KEYS, _REPORTED_REQUIRED = frozenset(("state", "ongoing")), frozenset(("state",))
_MEASURE_KEYS = frozenset(("id", "text", "owners", "lead", "milestones"))
_ENTRY_KEYS = ("measure", "date", "state", "note", "evidence", "by", "milestone", "to", "reason", "approved_by", "late",
               "far_future", "recorded", "hash", "retracts")
_PLAIN_ENTRY_KEYS = frozenset(("measure", "date", "state", "note", "evidence", "by", "milestone", "hash"))
_EXTENSION_KEYS = ("to", "reason", "approved_by", "late", "far_future")
# What the note of an entry of each state must say (as the writing commands ask for it).
_NOTE_NEEDED = {EntryState.REPORT: "note_report", EntryState.IN_PROGRESS: "note_in_progress",
                EntryState.REOPENED: "note_reopened", EntryState.RETRACTED: "note_retracted"}  # (labels problem_<key>)


@functools.lru_cache(maxsize=65536)
def checked_date(text: str, *, due: bool = False) -> tuple[date | None, tuple[str, dict] | None]:
    """(date, None) or (None, why not): registries repeat a few thousand dates many times. `due`:
    a milestone's due date, which a kind's words (长期坚持) may stand in for."""
    try:
        return dates.parse_iso(text), None
    except dates.DateFormatError as exc:  # (label problem_<key> and its values but the text)
        if exc.kind != "not_real":
            return None, ("date_unwritten", {"hint": _date_hint(text, due)})
        # (Python's words for why: said in Chinese too where we know them)
        return None, ("date_not_real", {"detail": not_real_reason(exc.detail)})


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
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and writable_number(value) and int(value) > 0:
        # ('08' and '09' are text to YAML 1.1, which reads a leading 0 as octal; quotes make any text)
        return Notice("number_unquoted", {"n": int(value)})
    if key == "id" and isinstance(value, float):
        return Notice("measure_id_number", {})
    return ""


def deadlines_before_feedback(plan: Plan) -> list[tuple[Task | Measure, date, date]]:
    """(task or measure, its deadline, its file's feedback date) of each dated deadline before the
    inspection's feedback, in file order: likely a typo of its year (2017 for 2019), which import
    warns of; read as written, its measure shows overdue from the start. One comparison a
    milestone, on the plan as loaded (or cached): the files are not read again."""
    own = {prefix: meta.feedback_date for _, prefix, meta in plan.parts}  # (a folder: each file's own)
    found = []
    for task in plan.tasks:
        feedback = own.get(file_prefix(task.id), plan.meta.feedback_date) if own else plan.meta.feedback_date
        for item, milestones in ((task, task.deadline.milestones), *((m, m.milestones) for m in task.measures)):
            for milestone in milestones:
                if milestone.due is not None and milestone.due < feedback:
                    found.append((item, milestone.due, feedback))
    return found


def _decimal(written: str) -> int:
    """The count a claim's value written not in plain decimal most likely means: 0x2d 45, 055 55."""
    digits = written.replace("_", "").lstrip("+-")
    return int(digits, 0) if digits[:2].lower() in ("0x", "0o", "0b") else int(digits)


def _item_label(kind: str, prefix: str, item, index: int, unnumbered: str | None = None) -> str:
    """How problems name a task or measure before it is read: by its id when it has a readable
    one (a task is known by its id, not by where it stands in the list), else by its place."""
    number = item.get("id") if isinstance(item, dict) else None
    if isinstance(number, int) and not isinstance(number, bool) and number >= 1 and writable_number(number):
        return f"{kind} {prefix}{number}"
    return unnumbered or f"{kind} {index + 1} in the list"


def _listed_again(name: str, first: str, unit: str) -> tuple[str, dict]:
    """Why an owner `name` is refused, its `unit` listed before as `first`: the label key and its values,
    naming the alias (or aliases) it was listed by."""
    if name == first:
        return "owner_twice", {"name": name}
    if first == unit:
        return "owner_alias_of_listed", {"name": name, "unit": unit}
    if name == unit:
        return "owner_listed_by_alias", {"name": name, "first": first}
    return "owner_aliases_of_one", {"name": name, "first": first, "unit": unit}


def _not_a_region(name: str, units: dict[str, str], region_units: dict[str, str]) -> tuple[str, dict]:
    """Why a task's region `name` is refused, a unit of another kind or no unit declared: the
    label key and its values."""
    if name in units:
        return "not_a_region", {"name": name}
    declared = list(dict.fromkeys(region_units.values()))
    hint = _listed_in_one(name, region_units) or suggestion(name, region_units)
    shown = few_of(declared) if declared else Notice("regions_none", {})
    return "unknown_region", {"name": shown_value(name), "hint": hint, "regions": shown}


# The words of a state, a reported state and a milestone kind as Chinese reports write them
# (i18n's tables, and 已完成, 已销号): a journal or plan written by hand in them is told the key.
WRITTEN_AS = {chinese: key for table in (ENTRY, REPORTED, MILESTONE) for key, (chinese, _) in table.items()} | {
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


class IdsRead:
    """The ids a plan file's tasks and measures were read to have, a task with other problems too:
    what a journal's entries are judged against when the plan has problems (see
    journal_checks.IdsKnown). `tasks`: the measures' ids of each task read the long way, None
    when its measures, or one's id, could not be read; `passed`: the lists of the tasks that passed
    (whole, their ids gathered only when asked for: nothing spent on a plan without problems);
    `every_task`: whether every task's id was read (None: no list of tasks was)."""

    __slots__ = ("tasks", "passed", "every_task")

    def __init__(self):
        self.tasks: dict[str, tuple[str, ...] | None] = {}
        self.passed: list[list[Task]] = []
        self.every_task: bool | None = None

    def record(self, task_id: str, ids: tuple[str, ...] | None) -> None:
        if task_id in self.tasks:  # (a task id repeated: the measures of both)
            before = self.tasks[task_id]
            ids = None if before is None or ids is None else before + ids
            # (one of them likely mistyped for a number no task has now, whose measures the journal
            # names: those are not judged, as if a task's id could not be read)
            self.every_task = False
        self.tasks[task_id] = ids

    def of_tasks(self) -> dict[str, tuple[str, ...] | None]:
        """The measures' ids of each task whose id was read (None: not all of them were)."""
        found: dict[str, tuple[str, ...] | None] = {}
        for tasks in self.passed:
            for task in tasks:  # (one read the long way has only its measures without problems: recorded)
                if task.id not in self.tasks:
                    found[task.id] = found.get(task.id, ()) + tuple(m.id for m in task.measures)
        for task_id, ids in self.tasks.items():
            before = found.get(task_id, ())
            found[task_id] = None if ids is None or before is None else before + ids
        return found


def _measure_ids_written(value, task_id: str) -> tuple[str, ...] | None:
    """The ids of a task's measures as written (`value`, its `measures:`), when each one's can be
    read as Checker.integer reads it; else None (an empty list too: its measures are yet to be written)."""
    if not isinstance(value, list) or not value:
        return None
    ids = []
    for item in value:
        number = item.get("id") if isinstance(item, dict) else None
        if type(number) is not int or number < 1 or not writable_number(number):
            return None
        ids.append(f"{task_id}.{number}")
    return tuple(ids)


class Unvouched(Exception):
    """Fast-parsed data has a problem or an ambiguity: re-read the file with the reference loader."""


class ProblemSeen(Unvouched):
    """Fast-parsed data has a problem (not an ambiguity): the reference loader will likely see one too.
    `items`: the indexes of the long list's items that have one, from a Checker reading `per_item`."""

    def __init__(self, items: list[int] | None = None):
        super().__init__()
        self.items = items or []


def _numbered(items):
    """Each of `items` with its index: in the whole list, for one holding only some of its items
    (yamlio.SomeItems, which registry._problems_read_alone reads), named by it in messages."""
    indexes = getattr(items, "indexes", None)
    return enumerate(items) if indexes is None else zip(indexes, items)


def position_of(container, key):
    """Position of container[key] (of the container itself for key None), or None when the
    data came from the fast path, which keeps positions only for tasks, measures, entries."""
    if type(container) is dict or type(container) is list:  # (cheaper than a failing getattr)
        return None
    if key is None:
        return getattr(container, "pos", None)
    where = getattr(container, "where", None)
    return where(key) if where is not None else None


def key_position_of(mapping, key):
    key_pos = getattr(mapping, "key_pos", None)
    return key_pos.get(key, mapping.pos) if key_pos is not None else None


def _line(mapping, key) -> int | None:
    where = position_of(mapping, key)
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
    if isinstance(value, int) and not writable_number(value):
        return Notice("kind_long_number", {"digits": sys.get_int_max_str_digits()})
    if isinstance(value, (int, float)):
        return Notice("kind_number", {"n": value})
    return Notice("kind_text_shown", {"text": value}) if len(str(value)) < 40 else Notice("kind_text", {})


def writable_number(value: int | str) -> bool:
    """Whether Python reads or writes `value` as a decimal number: it refuses one of more than
    sys.get_int_max_str_digits() (4,300) digits, which 0x… of 3,600 digits is (an internal error, not a message)."""
    try:
        int(value) if isinstance(value, str) else str(value)
    except ValueError:
        return False
    return True


def shown_value(value) -> Notice:
    """`value` as a problem shows what it found: a text quoted as the language quotes one (“拉萨”,
    '拉萨'), anything else named by its kind."""
    return _kind(value) if not isinstance(value, str) else Notice("quoted", {"text": value})
