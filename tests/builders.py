"""Small helpers to build model objects in tests, with sensible defaults.

Dates can be given as ``date`` objects or ISO text everywhere::

    from builders import make_plan, make_task, make_measure, date_ms, ongoing, immediate, entry

    plan = make_plan(tasks=[
        make_task("1", measures=[
            make_measure("1.1", milestones=[date_ms("2018-06-30"), ongoing()]),
        ]),
    ])
    journal = [entry("1.1", "2018-07-01", "done")]

    # or, when the task structure does not matter:
    plan = plan_of(make_measure("18.4", milestones=[date_ms("2018-06-30"), ongoing()]))
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date

from rectify_cli.model import (
    Claim,
    Deadline,
    Entry,
    EntryState,
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

FEEDBACK_DATE = date(2018, 1, 3)
REPORT_DATE = date(2019, 3, 31)
DEFAULT_OWNER = "自治区生态环境厅"


def d(value: date | str | None) -> date | None:
    """ISO text (or a date, or None) -> date (or None)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# --------------------------------------------------------------------------- milestones


def date_ms(due: date | str, label: str | None = None) -> Milestone:
    """A dated milestone: ``date_ms("2018-06-30")``."""
    return Milestone(MilestoneKind.DATE, d(due), label)


def ongoing(label: str | None = None) -> Milestone:
    """A 长期坚持 milestone."""
    return Milestone(MilestoneKind.ONGOING, None, label)


def immediate(label: str | None = None) -> Milestone:
    """A 立即启动 milestone (due on ``plan.immediate_due``)."""
    return Milestone(MilestoneKind.IMMEDIATE, None, label)


def _milestones(items: Iterable[Milestone | date | str]) -> tuple[Milestone, ...]:
    """Milestones, where a bare date / ISO text stands for ``date_ms(...)`` and the strings
    "ongoing" / "immediate" for those kinds."""
    out = []
    for item in items:
        if isinstance(item, Milestone):
            out.append(item)
        elif item == "ongoing":
            out.append(ongoing())
        elif item == "immediate":
            out.append(immediate())
        else:
            out.append(date_ms(item))
    return tuple(out)


# --------------------------------------------------------------------------- plan


def unit(name: str, *aliases: str, kind: str | None = None) -> Unit:
    """``unit("自治区生态环境厅", "自治区环境保护厅", "环境保护厅")``, ``unit("那曲市", kind="region")``."""
    return Unit(name, tuple(aliases), kind)


def make_measure(
    id: str = "1.1",
    milestones: Iterable[Milestone | date | str] = ("2018-06-30",),
    *,
    owners: Iterable[str] = (DEFAULT_OWNER,),
    lead: str | None = None,
    text: str | None = None,
    task_id: str | None = None,
    location=None,
) -> Measure:
    """A measure. `task_id` defaults to the part of `id` before the last '.' ("18.4" -> "18").
    Default milestones: one dated milestone on 2018-06-30."""
    owners = tuple(owners)
    if task_id is None:
        task_id = id.rpartition(".")[0] or id
    return Measure(
        id=id,
        task_id=task_id,
        text=text if text is not None else f"措施{id}",
        owners=owners,
        lead=lead if lead is not None else (owners[0] if owners else ""),
        milestones=_milestones(milestones),
        location=location,
    )


def make_task(
    id: str = "1",
    measures: Iterable[Measure] = (),
    *,
    milestones: Iterable[Milestone | date | str] = (),
    deadline_text: str = "",
    title: str | None = None,
    problem: str | None = None,
    reported: Reported | str = Reported.ON_SCHEDULE,
    reported_ongoing: bool = False,
    regions: Iterable[str] = (),
    location=None,
) -> Task:
    """A task. `milestones` are its own deadline milestones (整改时限)."""
    return Task(
        id=id,
        title=title if title is not None else f"问题{id}",
        problem=problem if problem is not None else f"问题{id}。",
        deadline=Deadline(deadline_text, _milestones(milestones)),
        reported=ReportedState(Reported(reported), reported_ongoing),
        regions=tuple(regions),
        measures=tuple(measures),
        location=location,
    )


def make_plan(
    tasks: Iterable[Task] = (),
    *,
    units: Iterable[Unit] = (),
    feedback_date: date | str = FEEDBACK_DATE,
    report_date: date | str = REPORT_DATE,
    warn_days: int = 30,
    report_period_days: int = 90,
    immediate_due: date | str | None = None,
    timezone: str = "Asia/Shanghai",
    title: str = "测试整改方案",
    issuer: str = "测试单位",
    inspection: str | None = "中央环境保护督察组",
    source: str | None = None,
    claims: Iterable[Claim] = (),
) -> Plan:
    """A plan. Units default to the owners named by its measures (all canonical, no aliases)."""
    tasks = tuple(tasks)
    units = tuple(units)
    if not units:
        names: dict[str, None] = {}
        for task in tasks:
            for measure in task.measures:
                for owner in measure.owners:
                    names.setdefault(owner)
        units = tuple(Unit(name) for name in names)
    return Plan(
        meta=Meta(
            title=title,
            issuer=issuer,
            inspection=inspection,
            feedback_date=d(feedback_date),
            report_date=d(report_date),
            source=source,
            claims=tuple(claims),
        ),
        settings=Settings(
            timezone=timezone,
            warn_days=warn_days,
            report_period_days=report_period_days,
            immediate_due=d(immediate_due),
        ),
        units=units,
        tasks=tasks,
    )


def plan_of(*measures: Measure, **plan_kwargs) -> Plan:
    """A plan with the given measures, grouped into tasks by their task_id (first-seen order)."""
    groups: dict[str, list[Measure]] = {}
    for measure in measures:
        groups.setdefault(measure.task_id, []).append(measure)
    return make_plan(tasks=[make_task(tid, ms) for tid, ms in groups.items()], **plan_kwargs)


# --------------------------------------------------------------------------- journal


def entry(
    measure: str,
    on: date | str,
    state: EntryState | str = EntryState.REPORT,
    *,
    milestone: date | str | None = None,
    to: date | str | None = None,
    note: str = "",
    **fields,
) -> Entry:
    """A journal entry: ``entry("1.1", "2018-07-01", "done")``,
    ``entry("18.4", "2018-06-01", "extended", milestone="2018-06-30", to="2018-12-31")``.
    Other Entry fields (evidence, by, reason, approved_by, late, hash, location) as keywords."""
    return Entry(
        measure=measure,
        date=d(on),
        state=EntryState(state),
        note=note,
        milestone=d(milestone),
        to=d(to),
        **fields,
    )


def make_registry(plan: Plan, journal: Iterable[Entry] = (), **kwargs) -> Registry:
    return Registry(plan=plan, journal=tuple(journal), **kwargs)


# The command line as the CLI tests run it (in-process): a pinned day and width, no colour, and
# neither a registry nor GitHub Actions from the environment; `env` adds to or overrides it.
CLI_ENV = {"RECTIFY_TODAY": "2019-03-31", "COLUMNS": "100", "NO_COLOR": None, "RECTIFY_REGISTRY": None,
           "GITHUB_ACTIONS": None}


def run_cli(*args, env=None):
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    return CliRunner().invoke(app, list(args), env={**CLI_ENV, **(env or {})})


def unsealed(entry: bytes) -> bytes:
    """A cache entry's bytes without the CRC-32 that cache.py writes after its key line."""
    key, _, body = entry.partition(b"\n")
    return key + b"\n" + body[8:]


def rows_resealed(entry: bytes) -> bytes:
    """A cache entry of rows (cache.FileCache.put_rows) with each row's CRC-32 in its index, and
    the index's own, made again: for a test whose damage to a row is to reach the checks behind them."""
    import json
    import zlib

    key, _, body = entry.partition(b"\n")
    head, _, rows = body.partition(b"\n")
    header, _, ends = json.loads(head[8:] + b"]")
    sums = "".join("%08x" % zlib.crc32(line[1:]) for line in rows.split(b"\n")[:-1])  # (",row" each, then "]")
    line = b"[" + json.dumps([header, sums, ends], ensure_ascii=False, separators=(",", ":")).encode()[1:-1]
    return key + b"\n" + b"%08x" % zlib.crc32(line) + line + b"\n" + rows


def sealed(entry: bytes) -> bytes:
    """A cache entry's bytes, given without the CRC-32 (`unsealed`), as cache.py writes them: the
    line after the key (a document stored whole; the header and index of rows) after its CRC-32.
    For a test whose damage is to reach the checks behind the CRC-32."""
    import zlib

    key, _, body = entry.partition(b"\n")
    return key + b"\n" + b"%08x" % zlib.crc32(body.split(b"\n", 1)[0]) + body


def texts_of(output: str, format: str = "json") -> list[str]:
    """Every string of a machine format's document, as its readers read them: a JSON value's
    strings (SARIF's too), or a JUnit document's texts and attribute values."""
    if format == "junit":
        import xml.etree.ElementTree as ET

        return [value for element in ET.fromstring(output).iter() for value in [element.text or "", *element.attrib.values()]]
    import json

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, (dict, list)):
            for item in value.values() if isinstance(value, dict) else value:
                yield from strings(item)

    return list(strings(json.loads(output)))


# Git run by tests of a team's repository (test_git_flow, test_merge_journal): a fixed author, and
# none of the machine's or the user's configuration (a merge driver, an editor) in the way.
GIT_ENV = {"GIT_AUTHOR_NAME": "clerk", "GIT_AUTHOR_EMAIL": "clerk@example.org", "GIT_COMMITTER_NAME": "clerk",
           "GIT_COMMITTER_EMAIL": "clerk@example.org", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_EDITOR": "true"}
