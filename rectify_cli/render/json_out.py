"""JSON documents: the stable contract of `status --format json`, `check --format json`,
`export --format json`, `reconcile --format json`, and `history` and `show` with `--format json`,
each published as JSON Schema in schema/ (tests/test_schema.py holds the outputs to them).

Plain dicts of JSON types only: ids are strings, dates ISO ``YYYY-MM-DD`` strings or null,
states their enum values. Registry text is passed through as is: the JSON writer (:func:`dumps`)
escapes every control character (C0 as JSON requires; C1 and the bidirectional overrides too),
which is the escaping appropriate to JSON, and the "[" of a legacy workflow command (see commands_unobeyed).
"""
from __future__ import annotations

import re

from ..dates import iso
from ..engine import (
    Light,
    MeasureResult,
    MilestoneResult,
    Status,
    StatusReport,
    TaskResult,
    filter_values,
    find,
    light_of,
    retractions,
    voided_entries,
    worst_first,
)
from ..gate import file_paths
from ..model import Entry, EntryState, Milestone, MilestoneKind, Registry, ReportedState, Task
from ..textsafe import OBEYED_BEYOND_C0

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - a dependency; the standard library writes the same text
    _orjson = None


def dumps(document) -> str:
    """The text of a document: indented by two spaces, non-ASCII characters as they are, and a
    final newline; exactly ``json.dumps(document, ensure_ascii=False, indent=2) + "\n"``, but
    that C1 controls and bidirectional overrides are escaped too (see :func:`dumps_bytes`)."""
    return dumps_bytes(document).decode()


def dumps_bytes(document) -> bytes:
    """:func:`dumps` encoded as UTF-8, which is what orjson writes.

    orjson writes the same text about 5x faster than the standard library, whose indenting
    encoder is pure Python (0.9 s of a 100,000-measure `check --format json`). Anything orjson
    refuses (a lone surrogate, an integer beyond 64 bits) goes to the standard library, so
    the result never depends on which one wrote it.
    """
    if _orjson is not None:
        try:
            return commands_unobeyed(_escape_invisible(_orjson.dumps(document, option=_orjson.OPT_INDENT_2 | _orjson.OPT_APPEND_NEWLINE)))
        except (TypeError, ValueError):
            pass
    import json

    # A lone surrogate (a file name that is not UTF-8, as os.fsdecode reads it) can only be an escape,
    # \udcce, the JSON of that character, which backslashreplace writes: all else is UTF-8.
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return commands_unobeyed(_escape_invisible(text.encode(errors="backslashreplace")))


# CIs obey commands anywhere in a line of a job's log, where JSON printed in a step lands as it is
# (a pipe to jq and one to the log look alike): GitHub's legacy ##[error]…, Azure Pipelines'
# ##vso[…] and ##[group]…, TeamCity's ##teamcity[…] (streams._openings_obeyed). Such an opening
# occurs in JSON only inside a string, where \u005b is "[" to every reader (in XML, &#91;).
COMMAND_OPENINGS = (b"##[", b"##vso[", b"##teamcity[")


def commands_unobeyed(data: bytes, bracket: bytes = b"\\u005b") -> bytes:
    """`data` (a machine format's UTF-8) with the "[" of each CI command's opening written as
    `bracket`, the format's reference to it."""
    if b"##" not in data:
        return data
    for opening in COMMAND_OPENINGS:
        data = data.replace(opening, opening[:-1] + bracket)
    return data


# What JSON writers leave as they are but a terminal may obey, should the JSON be shown on one
# (textsafe.OBEYED_BEYOND_C0), in UTF-8. JSON readers get the same text from \uNNNN.
_INVISIBLE_CHARS = [chr(code).encode() for a, b in OBEYED_BEYOND_C0 for code in range(a, b + 1)]
_INVISIBLE = re.compile(b"|".join(map(re.escape, _INVISIBLE_CHARS)))
_INVISIBLE_LEADS = sorted({char[:1] for char in _INVISIBLE_CHARS})  # (\xc2, \xd8 and \xe2)


def _escape_invisible(data: bytes) -> bytes:
    """`data` (UTF-8 JSON) with the characters of _INVISIBLE as \\uNNNN escapes. Each starts with
    one of three bytes, found at C speed, and Chinese text has few of them (curly quotes, dashes):
    the regular expression, 20 times slower over 30 MB of output, runs only where one is found."""
    for lead in _INVISIBLE_LEADS:
        at = data.find(lead)
        while at != -1:
            if _INVISIBLE.match(data, at):
                return _INVISIBLE.sub(lambda m: b"\\u%04x" % ord(m.group().decode()), data)
            at = data.find(lead, at + 1)
    return data


# A list holding only SLOT marks where dumps_spliced puts the pieces. Only a document's frame
# holds it, never registry text, so it can't be mistaken.
SLOT = "<rectify: the items go here>"


def dumps_nested(document, depth: int) -> bytes:
    """:func:`dumps_bytes` of `document` as it appears `depth` levels deep in a bigger document
    (as an element of a list there), without the separator after it."""
    indent = b"  " * depth
    # (JSON text holds no newline but those between lines: a newline in a string is \n)
    return indent + dumps_bytes(document)[:-1].replace(b"\n", b"\n" + indent)


def dumps_spliced(frame, pieces: list) -> bytes:
    """:func:`dumps_bytes` of `frame` with the list ``[SLOT]`` in it holding the documents whose
    texts are `pieces` (bytes-like, each from :func:`dumps_nested` at the slot's depth): the
    text of the whole document, made without the pieces' documents. Without pieces, `frame`
    has ``[]`` there instead."""
    text = dumps_bytes(frame)
    if not pieces:
        return text
    slot = b'"%s"' % SLOT.encode()
    at = text.index(slot)
    line = text.rindex(b"\n", 0, at) + 1
    # One join of tens of megabytes, not two: the frame's text goes into the first and last piece.
    head, tail = text[:line], text[at + len(slot):]
    if len(pieces) == 1:
        return b"".join((head, pieces[0], tail))
    return b",\n".join([head + bytes(pieces[0]), *pieces[1:-1], bytes(pieces[-1]) + tail])


# --------------------------------------------------------------------------- status


# Enum.value is a property: on 100,000s of values a dict look-up is much cheaper.
_VALUE = {member: member.value for enum in (Status, Light, MilestoneKind) for member in enum}


def milestone_result_document(ms: MilestoneResult) -> dict:
    """One milestone as evaluated: effective and original due, done flag, own status."""
    return {
        "kind": _VALUE[ms.kind],
        "due": iso(ms.due),
        "original_due": iso(ms.original_due),
        "label": ms.label,
        "done": ms.done,
        "status": _VALUE[ms.status],
    }


def measure_document(mr: MeasureResult, *, shared: dict | None = None) -> dict:
    """One measure as evaluated (also used by `rectify check --format json`).

    `shared`: a dict kept across the measures of one document, in which each milestone list
    is made once (evaluation gives measures with equal milestone results the same tuple).
    """
    milestones = mr.milestones
    if shared is None:
        documents = [milestone_result_document(ms) for ms in milestones]
    else:
        documents = shared.get(id(milestones))
        if documents is None:
            documents = shared[id(milestones)] = [milestone_result_document(ms) for ms in milestones]
    measure = mr.measure
    status = mr.status
    return {
        "id": measure.id,
        "status": _VALUE[status],
        "light": _VALUE[light_of(status, mr.stale)],
        "stale": mr.stale,
        "days_overdue": mr.days_overdue,
        "next_due": iso(mr.next_due),
        "extended_late": mr.extended_late,  # (a pending deadline moved after it had passed)
        "owners": list(measure.owners),
        "lead": measure.lead,
        "milestones": documents,
        "last_entry": iso(mr.last_entry),
        "closed_late": _closed_late_document(mr.closed_late),
    }


def _closed_late_document(late) -> dict | None:
    """The close a measure stands closed by, when it came after its deadline (engine.LateClose)."""
    if late is None:
        return None
    return {"closed": late.date.isoformat(), "deadline": late.deadline.isoformat(), "days": late.days}


def _reported_document(reported: ReportedState) -> dict:
    return {"state": reported.state.value, "ongoing": reported.ongoing}


def _deadline_document(task: Task) -> dict:
    return {
        "text": task.deadline.text,
        "milestones": [_plan_milestone_document(ms) for ms in task.deadline.milestones],
    }


def task_document(tr: TaskResult, *, shared: dict | None = None) -> dict:
    """One task as evaluated, its measures worst first (engine.worst_first); `shared`: see
    measure_document."""
    return {
        "id": tr.id,
        "title": tr.task.title,
        "status": tr.status.value,
        "light": tr.light.value,
        "days_overdue": tr.days_overdue,
        "deadline": _deadline_document(tr.task),
        "reported": _reported_document(tr.task.reported),
        "measures_closed_late": sum(1 for mr in tr.measures if mr.closed_late is not None),
        "measures": [measure_document(mr, shared=shared) for mr in worst_first(tr.measures)],
    }


def status_counts(report: StatusReport) -> dict:
    """Counts over the report's (possibly filtered) tasks and measures. ``lights``, ``stale``
    and ``closed_late`` (closed after their deadline) count measures; every state and light
    appears, with 0 when absent."""
    tasks = {s.value: 0 for s in Status}
    measures = {s.value: 0 for s in Status}
    lights = {light.value: 0 for light in Light}
    stale = closed_late = 0
    for tr in report.tasks:
        tasks[tr.status.value] += 1
        for mr in tr.measures:
            measures[mr.status.value] += 1
            lights[mr.light.value] += 1
            stale += mr.stale
            closed_late += mr.closed_late is not None
    return {"tasks": tasks, "measures": measures, "lights": lights, "stale": stale, "closed_late": closed_late}


def status_document(report: StatusReport, *, limit: int | None = None, plan_files=(), filters=None,
                    units=(), feedback=None) -> dict:
    """The whole status report: settings used, counts, and the tasks worst first, each with
    its measures worst first too (both by engine.worst_first; not plan order); with `limit`,
    only that many tasks, and how many more there are as tasks_omitted (the counts stay whole).
    `plan_files`: the registry's, by which a folder's files are named (file_paths). `filters`:
    those that selected the report, of the plan's `units`, as the header says them (filter_values).
    `feedback`: the plan's feedback date (of a folder, its files' earliest), before which the
    header says rectification had not begun."""
    shared: dict = {}
    paths = file_paths(plan_files) if report.files else {}
    tasks = worst_first(report.tasks)
    shown = tasks[:limit]
    return {
        "as_of": report.as_of.isoformat(),
        "warn_days": report.warn_days,
        "report_period_days": report.report_period_days,
        "latest_entry": iso(report.latest_entry),
        # (the day the journal was last written to, a back-dated entry's written day: what "not updated" counts from)
        "last_update": iso(report.last_update),
        # (as the header's note: judged before the feedback, no measure could have progress yet)
        **feedback_fields(report.as_of, feedback),
        # (a folder's plan files, each with its own journal's latest entry and last update: what its stale counts from)
        **({"files": [{"file": paths.get(f.file, f.file), "latest_entry": iso(f.latest_entry),
                       "last_update": iso(f.last_update), "stale": f.stale, **feedback_fields(report.as_of, f.feedback)}
                      for f in report.files]}
           if report.files else {}),
        "filters": filter_values(filters, units),  # (the counts and tasks are the selection's)
        "counts": status_counts(report),
        "tasks": [task_document(tr, shared=shared) for tr in shown],
        **({} if limit is None else {"tasks_omitted": len(tasks) - len(shown)}),
    }


def feedback_fields(as_of, feedback) -> dict:
    """`feedback_date`, and `before_feedback`: whether `as_of` is before it (none: not before it; the
    day itself is not), as status's and check's JSON name them."""
    return {"feedback_date": iso(feedback), "before_feedback": feedback is not None and as_of < feedback}


# --------------------------------------------------------------------------- journal


def entry_documents(entries, *, among) -> list[dict]:
    """`entries` as the journal stores them, each with what rectify concluded of it, judged among
    the entries `among` (those of the day judged): whether it counts (not a retraction, nor
    voided by one) and, voided, by which retraction from which day. Files named as `check`
    names them (gate.display_path)."""
    from ..gate import display_path

    voiding = retractions(among)
    paths: dict[str, str] = {}
    documents = []
    for e in entries:
        where = e.location
        if where is not None and where.file not in paths:
            paths[where.file] = display_path(where.file)
        retraction = voiding.get(e.hash) if e.hash is not None else None
        documents.append({
            "measure": e.measure,
            "date": iso(e.date),
            "state": e.state.value,
            "note": e.note,  # (as the journal holds it: close without --note writes "")
            "evidence": e.evidence,
            "by": e.by,
            "milestone": iso(e.milestone),
            "to": iso(e.to),
            "reason": e.reason,
            "approved_by": e.approved_by,
            "late": e.late,
            "far_future": e.far_future,
            "recorded": iso(e.recorded),
            "retracts": e.retracts,
            "hash": e.hash,
            "file": None if where is None else paths[where.file],
            "line": None if where is None else where.line,
            "counts": e.state is not EntryState.RETRACTED and retraction is None,
            "retracted_by": None if retraction is None else {"hash": retraction.hash, "date": iso(retraction.date)},
        })
    return documents


def history_document(entries, *, journal) -> dict:
    """`history --format json`: the entries `history` lists, in its order (journal.history),
    judged among the whole `journal`, as of today (no entry is dated later)."""
    return {"entries": entry_documents(entries, among=journal)}


def show_document(report: StatusReport, item_id: str) -> dict:
    """`show --format json`: the measure or task as status_document gives it, with its entries
    dated on or before the day judged (of a task, of its measures), in date order (on one
    day, in journal order). An unknown id is refused as `show` refuses it."""
    result = find(report, item_id=item_id)
    if result is None:
        from ..ids import unknown_item

        raise unknown_item(item_id, report.tasks)
    if isinstance(result, TaskResult):
        kind, document = "task", task_document(result)
        written = sorted((e for mr in result.measures for e in mr.written), key=_journal_order)
    else:
        kind, document = "measure", measure_document(result)
        written = result.written
    return {
        "as_of": report.as_of.isoformat(),
        "warn_days": report.warn_days,
        "report_period_days": report.report_period_days,
        kind: {**document, "entries": entry_documents(written, among=written)},
    }


def _journal_order(entry: Entry) -> tuple:
    """By date, then where it is in its journal (a task's measures are all in one)."""
    return entry.date, entry.location.line if entry.location is not None else 0


# --------------------------------------------------------------------------- plan


def _plan_milestone_document(ms: Milestone) -> dict:
    """A milestone as written in the plan (an immediate milestone has no due of its own)."""
    return {"kind": ms.kind.value, "due": iso(ms.due), "label": ms.label}


def _latest_notes(journal: tuple[Entry, ...]) -> dict[str, str]:
    """measure id -> note of its latest entry with one, by date (any date); same date: the later
    one in the journal wins, as the journal is append-only. (A close or an extension often says
    nothing: it would hide the last progress reported. A retraction's note says why another entry
    was wrong: neither it nor the entry it voids counts.)"""
    latest: dict[str, Entry] = {}
    voided = voided_entries(journal)
    for entry in journal:
        if not entry.note.strip() or entry.state is EntryState.RETRACTED or entry.hash in voided:
            continue
        current = latest.get(entry.measure)
        if current is None or entry.date >= current.date:
            latest[entry.measure] = entry
    return {measure: entry.note for measure, entry in latest.items()}


def _shared_immediate_due(plan):
    """The date the plan's immediate milestones are due; None for a folder whose files' differ."""
    dues = {due for _, due in plan.immediate_dues}
    if len(dues) > 1:
        return None
    return plan.immediate_due


def _claims_document(claims) -> list[dict]:
    return [{"key": c.key, "text": c.text, "value": c.value} for c in claims]


def plan_document(registry: Registry) -> dict:
    """The loaded plan in plan order (`rectify export --format json`). Each measure's
    ``note`` is the note of its latest journal entry, or null without one."""
    plan = registry.plan
    meta, settings = plan.meta, plan.settings
    notes = _latest_notes(registry.journal)
    paths = file_paths(registry.plan_files) if plan.parts else {}
    return {
        "registry": {
            "title": meta.title,
            "issuer": meta.issuer,
            "inspection": meta.inspection,
            "feedback_date": iso(meta.feedback_date),
            "report_date": iso(meta.report_date),
            "settings": {
                "timezone": settings.timezone,
                "warn_days": settings.warn_days,
                "report_period_days": settings.report_period_days,
                # (in effect: the feedback date when left out; of a folder whose files differ, null:
                # each file's is under files)
                "immediate_due": iso(_shared_immediate_due(plan)),
            },
            "claims": _claims_document(meta.claims),
            # A folder's files, each a report of its own with its own title, issuer, dates and claims
            # (its measures' ids begin with its prefix): the folder's above only sum them up.
            **({"files": [{"file": paths.get(name, name), "prefix": prefix, "title": own.title, "issuer": own.issuer,
                           "inspection": own.inspection, "feedback_date": iso(own.feedback_date),
                           "report_date": iso(own.report_date), "immediate_due": iso(plan.immediate_due_of(prefix)),
                           "claims": _claims_document(own.claims)}
                          for name, prefix, own in plan.parts]} if plan.parts else {}),
        },
        "units": [{"name": u.name, "aliases": list(u.aliases), "kind": u.kind} for u in plan.units],
        "tasks": [
            {
                "id": task.id,
                "title": task.title,
                "problem": task.problem,
                "deadline": _deadline_document(task),
                "reported": _reported_document(task.reported),
                "regions": list(task.regions),
                "measures": [
                    {
                        "id": m.id,
                        "text": m.text,
                        "owners": list(m.owners),
                        "lead": m.lead,
                        "milestones": [_plan_milestone_document(ms) for ms in m.milestones],
                        "note": notes.get(m.id),
                    }
                    for m in task.measures
                ],
            }
            for task in plan.tasks
        ],
    }


# --------------------------------------------------------------------------- reconcile


def reconcile_document(results, *, plan_files=()) -> dict:
    """`reconcile --format json`: per report (a folder: per plan file, `file` naming it as
    file_paths of the registry's `plan_files` does; one file: null), each claim with the figure computed from the appendix, whether they agree
    (null: no rule computes it), the rule, for a disagreement the closest other reading, and for a
    claim the ledger has no count for, why (not_counted); the figure a claim's words give against
    its value (text_value), the known key a key no rule knows is close to (suggestion), whether the
    report the plan names says the claim's words (quoted: null, no report read); and per report,
    the report it names (source: as named, its path from here, read or not and why; null, none), and the clauses of
    its opening with a figure no claim records (unrecorded: not checked)."""
    paths = file_paths(plan_files)
    return {
        "agree": not any(result.disagreements for _, result in results),
        "reports": [{
            "file": None if file is None else paths.get(file, file),
            "report_date": result.report_date.isoformat(),
            "source": None if result.source is None else {
                "named": result.source.named, "path": result.source.path, "read": result.source.text is not None,
                "why": result.source.why},
            "claims": [{
                "key": check.key,
                "text": check.text,
                "claimed": check.claimed,
                "computed": check.computed,
                "matches": check.matches,
                "rule": None if check.rule_zh is None else {"zh": check.rule_zh, "en": check.rule_en},
                "alternative": None if check.alternative is None else {
                    "zh": check.alternative.zh, "en": check.alternative.en, "value": check.alternative.value},
                "not_counted": None if check.why_zh is None else {"zh": check.why_zh, "en": check.why_en},
                "text_value": check.text_value,
                "suggestion": check.suggestion,
                "quoted": check.quoted,
            } for check in result.checks],
            "unrecorded": list(result.unrecorded),
        } for file, result in results],
    }
