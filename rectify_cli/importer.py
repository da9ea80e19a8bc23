"""`rectify import`: turn a rectification report (text extracted from PDF) into a registry.

    decode_report(raw, filename=...)                 bytes -> text (UTF-8 / UTF-8 BOM / GB18030)
    load_curation(path)                              curation.yaml -> Curation
    import_report(text, filename=..., curation=...)  text -> ImportResult (tasks.yaml, progress.yaml)

import_report is pure: same text + same curation -> byte-identical output.  What the text
says is parsed here (importer_text repairs the PDF damage, importer_parse reads the appendix,
importer_owners finds responsible units); what needs an editor's judgement (the unit
vocabulary, owners the text does not name, the state of each measure as of the report, fixes
to words the PDF garbled) comes from curation.yaml.  Without a curation the importer proposes
owners and states heuristically and says so in ImportResult.warnings (i18n.Notices, labels
import_*: the command line says them in the user's language; see warning_text).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import chain
from .errors import JournalWriteError, Problem, RegistryError, ReportFormatError
from .i18n import ENTRY, MEASURE_FIELDS as MEASURE_FIELD_WORDS, REGISTRY_FIELDS, REPORTED, YAML_KINDS, Lang, Notice, Word, notice_text, problem
from .importer_owners import Vocabulary, find_owners
from .importer_regions import PREFECTURES, Region, find_regions, province_of, region_table
from .importer_parse import RawTask, measure_milestones, parse_appendix, parse_deadline, parse_reported, unreadable_deadlines
from .importer_text import decode_report, normalise, paragraphs
from .importer_yaml import Date, Quoted, flow_map, flow_seq, scalar
from .model import REGION, UNIT_KINDS

__all__ = ["Curation", "ImportResult", "decode_report", "import_report", "load_curation", "write_result", "REGIONS"]

REGIONS = tuple(r.name for r in region_table("西藏自治区"))  # (the bundled ledger's)
OPENING = 1000  # characters of a report read for the province it is about, when its title names none
JOURNAL_STATES = ("done", "in_progress", "report")
REPAIR = Notice("import_repair", {})  # (what to do with a wording the import can't read)
TASK_FIELDS = ("problem", "deadline", "progress")
MEASURE_FIELDS = ("text", "note")

# words in a progress note showing that a dated measure is not finished yet (heuristic only;
# the curated decision in curation.yaml wins)
NOT_DONE_WORDS = ("送审稿", "待审", "正在", "推进中", "有序推进", "积极推进", "设备调试", "试运行", "招标", "前期准备", "基本实现", "基本完成", "基本达标")
ACCOUNTABILITY_DONE = re.compile(r"对\d+名责任人进行追责|追责问责\d+人|共追责问责\d+人|对\d+名责任人进行追责问责")

# "as of" in the headline: 截至, or as often 截止
AS_OF = re.compile(r"截[至止](\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
AS_OF_WORD = re.compile(r"截[至止][^，。；\d]{0,6}")  # (截至目前, 截至今年: the headline, undated)

# the report's headline figures (first paragraph with 截至 + a date): key, pattern (group 1 = words, last group = value)
# the totals, each in the Tibet report's words first, then in other reports' (a count of what was
# due by some date, "应完成的28项整改任务", is no total)
# (Sichuan's "我省89项中央环保督察整改任务" puts words between 项 and 整改任务; its "但有7项整改任务未按期完成"
# counts the late ones: no total)
TOTAL_PATTERNS = (
    ("tasks", "tasks_total", (r"(全区(\d+)项整改任务)", r"((?:全|我)[省区州市](\d+)项[^，。；、\d]{0,12}?整改任务)",
                              r"(?<!\d)(?<!完成的)(?<!完成)((\d+)项[^，。；、\d]{0,12}?整改任务)(?!未)", r"(?<!完成)(整改任务共?(\d+)项)")),
    ("measures", "measures_total", (r"全区\d+项整改任务、((\d+)项具体措施)", r"(?<!\d)(?<!完成的)(?<!完成)((\d+)项(?:具体|整改)措施)",
                                    r"(?<!完成)((?:具体|整改)措施共?(\d+)项)")),
)
# other reports' counts of the total's tasks or measures done so far, read in the clause after the
# total, up to where it turns to another count or to what was due by a date
COUNT_PATTERNS = (
    ("done", r"(已(?:整改|全面)?完成(?:整改)?(\d+)项)"),
    ("basically_done", r"(已?基本完成(?:整改)?(\d+)项)"),
    ("on_schedule", r"((?:达到|符合)序时进度(?:要求)?(\d+)项)"),
    ("on_schedule", r"(?<!\d)((\d+)项(?:达到|符合)序时进度)"),  # (Sichuan's order: 37项达到序时进度)
)
COUNT_CLAUSE_END = re.compile(r"[。；]|\d+项(?:整改任务|具体措施|整改措施)|应于|应完成|底前")
TASKS_DONE_OUTRIGHT = r"((?:已|共|累计)完成整改任务(\d+)[项个])"  # (no total before it needed)
CLAIM_PATTERNS = (
    ("tasks_due_2018", r"(\d{4}年12月底前应完成的(\d+)项整改任务)"),
    ("tasks_due_2018_done", r"整改任务基本完成（((\d+)项全面完成)"),
    ("tasks_due_2018_finishing", r"((\d+)项正在收尾)"),
    ("measures_due_2018", r"((\d+)项具体措施基本整改到位)"),
    ("measures_due_2018_done", r"整改到位（((\d+)项全面完成)"),
    ("measures_due_2018_in_progress", r"((\d+)项序时推[动进])"),
    ("tasks_due_2019_2020", r"(应于\d{4}年、\d{4}年完成的(\d+)项整改任务)"),
    ("measures_due_2019_2020", r"应于\d{4}年、\d{4}年完成的\d+项整改任务、((\d+)项具体措施)"),
    ("tasks_ongoing", r"(需要立行立改、长期坚持的(\d+)项整改任务)"),
    ("measures_ongoing", r"立行立改、长期坚持的\d+项整改任务、((\d+)项具体措施)"),
)

LATIN_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[a-z]{2,}(?=[\u4e00-\u9fff])")

TASKS_HEADER = "# yaml-language-server: $schema=../schema/registry.schema.json\n"
JOURNAL_HEADER = "# rectify journal — append-only: add entries with `rectify record`, never edit or delete.\n"


# ------------------------------------------------------------------ curation


@dataclass(frozen=True)
class Curation:
    """Editorial decisions read from curation.yaml (see the comments at the top of that file)."""

    path: str
    registry: dict[str, Any] = field(default_factory=dict)
    units: tuple[dict[str, Any], ...] = ()
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    text_fixes: tuple[dict[str, str], ...] = ()
    owners: dict[str, dict[str, Any]] = field(default_factory=dict)
    journal: dict[str, dict[str, Any]] = field(default_factory=dict)
    # where each decision is written, for messages: ("journal", "2.1") -> its line
    lines: dict[tuple[str, ...], int] = field(default_factory=dict, compare=False)

    def fail(self, message_key: str, /, *keys: str, **values) -> ReportFormatError:
        """The curation file is wrong at the decision `keys` (its line, when known): label problem_import_<message_key>."""
        return ReportFormatError(problem(self.path, self.lines.get(keys), None, f"import_{message_key}", **values))


def warning_text(warning: Notice, lang: Lang) -> str:
    """An ImportResult warning said in `lang`."""
    return notice_text(warning, lang, prefix="import_")


REGISTRY_KEYS = ("title", "issuer", "inspection", "feedback_date", "report_date", "source", "settings")
REGISTRY_DATES = ("feedback_date", "report_date")


CURATION_SECTIONS = {"version", "registry", "units", "phrases", "text_fixes", "owners", "journal"}


def _other_than_curation(data) -> tuple[Notice, int | None] | None:
    """What a file given as the curation holds instead (a plan, a journal, no mapping at all) and
    the line that shows it; None for a mapping without tasks, whose sections are checked after."""
    if isinstance(data, dict):
        return (Notice("import_a_plan", {}), data.key_pos["tasks"][0]) if "tasks" in data else None
    line = data.pos[0] if hasattr(data, "pos") else None  # (a scalar has none)
    if isinstance(data, list) and data and all(isinstance(entry, dict) and "measure" in entry for entry in data):
        return Notice("import_a_journal", {}), line
    return Notice("import_no_mapping", {}), line


def load_curation(path: str | Path) -> Curation:
    """Read and check curation.yaml (with the registry's YAML reader: no tags, dates kept as text)."""
    from . import yamlio
    from .registry import _checked_date

    p = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise ReportFormatError(problem(p, None, None, "import_curation_unreadable", detail=e.strerror)) from None
    try:
        text = yamlio.decode(raw, filename=p)
        data = yamlio.parse(text, filename=p)
    except RegistryError as e:  # (not UTF-8, bad YAML, an anchor, a duplicate key: with its line)
        raise ReportFormatError(e.problems) from None
    data = yamlio.YMap() if data is None else data
    if (other := _other_than_curation(data)) is not None:
        what, line = other
        raise ReportFormatError(problem(p, line, None, "import_not_curation", what=what, known=sorted(CURATION_SECTIONS)))
    lines: dict[tuple[str, ...], int] = {}

    def fail(message_key: str, /, *keys: str, **values) -> ReportFormatError:
        return ReportFormatError(problem(p, lines.get(keys), None, f"import_{message_key}", **values))

    def where(keys: tuple[str, ...]):
        return ".".join(keys) or Notice("import_curation_file", {})

    def mapping(value: Any, *keys: str) -> dict:
        """`value` (the section or entry at `keys`) as a mapping whose keys are text, noting their lines."""
        if not isinstance(value, dict):
            raise fail("not_mapping", *keys, where=where(keys))
        for k in value:
            at = value.key_pos[k][0]
            if not isinstance(k, str):
                # (YAML reads 2.10 as the number 2.1, which would be another measure's id)
                written = _written_key(text, value.key_pos[k])
                raise ReportFormatError(problem(p, at, None, "import_key_not_text", where=where(keys), written=written,
                                                kind=Word(YAML_KINDS, _kind_of(k), said_in_english=True), value=k))
            lines[(*keys, k)] = at
        return value

    def sequence(value: Any, what: str, *keys: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise fail("not_list_eg", *keys, what=what, value=value) if isinstance(value, str) else fail("not_list", *keys, what=what)
        return value

    def iso_date(value: Any, what: str, *keys: str) -> str:
        day, why = _checked_date(str(value))
        if why is None:
            return day.isoformat()
        key, values = why  # (as the registry's loader words a bad date)
        raise ReportFormatError(problem(p, lines.get(keys), None, key, what=what, text=str(value), **values))

    for k in mapping(data):
        if k not in CURATION_SECTIONS:
            raise fail("unknown_section", str(k), key=k, known=sorted(CURATION_SECTIONS))

    registry = dict(mapping(data.get("registry") or yamlio.YMap(), "registry"))
    for k, v in registry.items():
        if k not in REGISTRY_KEYS:
            raise fail("unknown_registry_key", "registry", k, key=k, known=list(REGISTRY_KEYS))
        if k in REGISTRY_DATES:
            registry[k] = iso_date(v, f"registry.{k}", "registry", k)
        elif k != "settings" and not isinstance(v, str):
            raise fail("registry_not_text", "registry", k, key=k, value=v)
    if "settings" in registry:
        registry["settings"] = dict(mapping(registry["settings"] or yamlio.YMap(), "registry", "settings"))
        if "immediate_due" in registry["settings"]:
            registry["settings"]["immediate_due"] = iso_date(registry["settings"]["immediate_due"], "registry.settings.immediate_due",
                                                             "registry", "settings", "immediate_due")

    units: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for i, u in enumerate(sequence(data.get("units"), "units", "units")):
        lines[("units", str(i))] = data["units"].where(i)[0]
        if not isinstance(u, dict) or not isinstance(u.get("name"), str):
            raise fail("unit_needs_name", "units", str(i), index=i)
        kind = u.get("kind")
        if kind is not None and kind not in UNIT_KINDS:
            raise fail("unit_kind", "units", str(i), name=u["name"], kinds=list(UNIT_KINDS))
        aliases = [str(a) for a in sequence(u.get("aliases"), Notice("import_unit_field", {"name": u["name"], "field": "aliases"}), "units", str(i))]
        for form in [u["name"], *aliases]:
            if form in seen:
                raise fail("unit_twice", "units", str(i), form=form, first=seen[form], second=u["name"])
            seen[form] = u["name"]
        units.append({"name": u["name"], **({"kind": kind} if kind else {}), **({"aliases": aliases} if aliases else {})})
    names = {u["name"] for u in units}

    phrases: dict[str, tuple[str, ...]] = {}
    for phrase, owners in mapping(data.get("phrases") or yamlio.YMap(), "phrases").items():
        owners = [owners] if isinstance(owners, str) else list(owners or [])
        unknown = [o for o in owners if o not in names]
        if not owners or unknown:
            raise (fail("phrase_unknown_unit", "phrases", phrase, phrase=phrase, units=list(map(str, unknown))) if unknown
                   else fail("phrase_no_units", "phrases", phrase, phrase=phrase))
        if phrase in seen:
            raise fail("phrase_is_unit", "phrases", phrase, phrase=phrase)
        phrases[phrase] = tuple(owners)

    fixes: list[dict[str, str]] = []
    for i, fx in enumerate(sequence(data.get("text_fixes"), "text_fixes", "text_fixes")):
        lines[("text_fixes", str(i))] = data["text_fixes"].where(i)[0]
        if not isinstance(fx, dict) or not {"at", "field", "find", "replace"} <= set(fx):
            raise fail("text_fix_fields", "text_fixes", str(i), index=i)
        fixes.append({k: str(fx[k]) for k in ("at", "field", "find", "replace")})

    owners_sec: dict[str, dict[str, Any]] = {}
    for mid, o in mapping(data.get("owners") or yamlio.YMap(), "owners").items():
        if not isinstance(o, dict) or not o.get("owners"):
            raise fail("owners_needed", "owners", mid, measure=mid)
        listed = [str(x) for x in sequence(o["owners"], f"owners: {mid}: owners", "owners", mid)]  # (the file's keys, as written)
        bad = [x for x in listed if x not in names]
        if bad:
            raise fail("owners_unknown", "owners", mid, measure=mid, units=bad)
        lead = str(o.get("lead") or listed[0])
        if lead not in listed:
            raise fail("lead_not_owner", "owners", mid, measure=mid, lead=lead)
        owners_sec[mid] = {"owners": listed, "lead": lead}

    journal: dict[str, dict[str, Any]] = {}
    for mid, j in mapping(data.get("journal") or yamlio.YMap(), "journal").items():
        if isinstance(j, str):
            j = {"state": j}
        if not isinstance(j, dict) or j.get("state") not in JOURNAL_STATES:
            raise fail("journal_state", "journal", mid, measure=mid, states=list(JOURNAL_STATES))
        entry = {"state": j["state"]}
        for k in ("evidence", "milestone", "note"):
            if j.get(k) is not None:
                entry[k] = str(j[k])
        if "milestone" in entry:
            entry["milestone"] = iso_date(entry["milestone"], f"journal: {mid}: milestone", "journal", mid)
        extra = set(j) - {"state", "evidence", "milestone", "note", "why"}
        if extra:
            raise fail("journal_fields", "journal", mid, measure=mid, fields=sorted(map(str, extra)))
        journal[mid] = entry

    return Curation(p, registry, tuple(units), phrases, tuple(fixes), owners_sec, journal, lines)


def _written_key(text: str, pos: tuple[int, int]) -> str:
    """A mapping key as the curation file writes it (line, column: 1-based)."""
    line, column = pos
    rest = text.split("\n")[line - 1][column - 1 :]
    return re.match(r"[^:,}\s]*", rest).group(0)


def _kind_of(value: Any) -> str:
    """What YAML read a key as (i18n.YAML_KINDS)."""
    return {bool: "bool", int: "number", float: "number", type(None): "null"}.get(type(value), "value")


# ------------------------------------------------------------------ result


@dataclass(frozen=True)
class ImportResult:
    tasks_yaml: str
    progress_yaml: str
    registry: dict[str, Any]
    units: tuple[dict[str, Any], ...]
    tasks: tuple[dict[str, Any], ...]
    journal: tuple[dict[str, Any], ...]
    warnings: tuple[Notice, ...] = ()  # (label import_<key>: see warning_text)
    repairs: tuple[str, ...] = ()  # page-join repairs made, "line N: ..."

    @property
    def measures(self) -> list[dict[str, Any]]:
        return [m for t in self.tasks for m in t["measures"]]


REPORT_LIMIT = 64 << 20  # a report's text is ~100 KB: a stream far past it is `yes` or /dev/zero


def read_report(source: str) -> tuple[bytes, str]:
    """(the report's bytes, its name for messages) from a file, or from a stream: standard
    input (`-`) or a pipe named on the command line (`<(pdftotext …)`), read up to REPORT_LIMIT,
    past which it is refused. A device is refused but for our own standard input (`/dev/stdin`
    at a terminal): /dev/zero would be read without end. RegistryError when it can't be read."""
    import os
    import stat
    import sys

    from .registry import read_bytes, unreadable

    if source == "-":
        return _at_most(sys.stdin.buffer, "<stdin>"), "<stdin>"
    path = Path(source)
    try:
        found = os.stat(path)
        mode = found.st_mode
        if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
            return read_bytes(path), source
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            try:
                ours = os.path.samestat(found, os.fstat(0))
            except OSError:  # (no standard input)
                ours = False
            if not ours:
                raise ReportFormatError(problem(source, None, None, "import_device"))
        with open(path, "rb") as handle:
            return _at_most(handle, source), source
    except OSError as exc:
        raise unreadable(path, exc) from None


def _at_most(stream, name: str) -> bytes:
    raw = stream.read(REPORT_LIMIT + 1)
    if len(raw) > REPORT_LIMIT:
        raise ReportFormatError(problem(name, None, None, "import_too_long", limit=REPORT_LIMIT >> 20))
    return raw


def write_result(result: ImportResult, directory: str | Path) -> tuple[Path, Path, bool]:
    """Write tasks.yaml and progress.yaml into `directory`, made if need be (UTF-8, LF line
    ends; each file whole or not at all); returns the two files, which then hold the result,
    and whether the journal was kept as it was (see below).

    The journal is append-only, so a progress.yaml already there is never rewritten: when it
    begins with the entries this import writes (entries recorded later follow them) it is kept
    as it is and only tasks.yaml is written; when it does not, JournalWriteError and nothing is
    written. FileWriteError when a file can't be written."""
    from .fsutil import atomic_write_text, make_folder

    folder = Path(directory)
    tasks, journal = folder / "tasks.yaml", folder / "progress.yaml"
    kept = _keeps_journal(journal, result)  # (before anything is written: a refusal writes nothing)
    make_folder(folder)
    atomic_write_text(tasks, result.tasks_yaml)
    if not kept:
        atomic_write_text(journal, result.progress_yaml)
    return tasks, journal, kept


def _keeps_journal(path: Path, result: ImportResult) -> bool:
    """True when the journal at `path` begins with the imported entries, False when there is
    none; JournalWriteError when it holds anything else (edited, or another report's)."""
    from .registry import journal_present, read_bytes

    if not journal_present(path):
        return False
    old = read_bytes(path)
    if not old:
        return False  # (an empty file holds no entry to lose)
    new = result.progress_yaml.encode("utf-8")
    first = old.find(b"\n")
    if first > 0 and old[first - 1 : first] == b"\r":
        new = new.replace(b"\n", b"\r\n")  # (a journal kept in CRLF, as `rectify record` keeps it)
    if old.startswith(new):
        return True
    old_lines = old.splitlines(keepends=True)  # (line ends kept: a CR alone differs too)
    if new.startswith(old):
        line, what = len(old_lines), Notice("import_journal_ends", {})
    else:
        line = next(i for i, (a, b) in enumerate(zip(old_lines, new.splitlines(keepends=True)), 1) if a != b)
        what = Notice("import_journal_differs", {})
    raise JournalWriteError(problem(str(path), line, None, "import_journal_not_ours", count=len(result.journal), what=what))


# ------------------------------------------------------------------ import


def import_report(text: str, *, filename: str, curation: Curation | None = None, source: str | None = None) -> ImportResult:
    """Parse a report text into the registry files.  Pure: no I/O, deterministic."""
    warnings: list[Notice] = []
    paras = paragraphs(text)
    raw_tasks, tail = parse_appendix(paras, filename)
    if tail is not None:
        line, first = _source_line(text, tail)
        warnings.append(Notice("tail_left_out", {"line": line, "first": first}))
    repairs = tuple(f"line {ln}: {what}" for p in paras for ln, what in p.joins if isinstance(what, str) and "fragment" in what)
    headers: dict[tuple[str, int], list[int]] = {}  # (one warning per header, however many pages repeat it)
    for ln, what in (j for p in paras for j in p.joins if isinstance(j[1], Notice)):
        headers.setdefault((what.values["header"], what.values["first"]), []).append(ln)
    for (header, first), lns in headers.items():
        more = Notice("page_headers_more", {"count": len(lns)}) if len(lns) > 5 else ""
        key = "page_headers" if len(lns) > 1 else "page_header"
        warnings.append(Notice(key, {"lines": lns[:5], "more": more, "header": header, "first": first}))

    cur = curation or Curation(path="(none)")
    _apply_text_fixes(raw_tasks, cur)
    registry = _registry(text, paras, filename, cur, source)

    # regions are the prefectures of the province the report is about (its title says which)
    province = province_of(registry["title"], text[:OPENING])
    regions = region_table(province)
    if province is None:
        warnings.append(Notice("no_province", {}))
    if cur.units:
        units = [dict(u) for u in cur.units]
        vocab = Vocabulary.build(units, dict(cur.phrases))
    else:
        units = [{"name": r.name, "kind": REGION, **({"aliases": list(r.aliases)} if r.aliases else {})} for r in regions]
        vocab = Vocabulary.build(units, {}, discover=True)
    warnings.extend(_uncurated(cur))

    known_ids: set[str] = set()
    tasks: list[dict[str, Any]] = []
    for rt in raw_tasks:
        tasks.append(_task(rt, filename, cur, vocab, units, regions, known_ids, warnings, level=_level(registry["title"], province)))

    for section, ids in (("owners", cur.owners), ("journal", cur.journal)):
        for mid in ids:
            if mid not in known_ids:
                raise cur.fail("no_such_measure", section, mid, section=section, measure=mid, file=filename)

    used = {o for t in tasks for m in t["measures"] for o in m["owners"]}
    if cur.units:  # (a region must be a declared unit, or the loader refuses the plan)
        undeclared = [r.name for r in regions if r.name not in {u["name"] for u in units} and any(r.name in t["regions"] for t in tasks)]
        units.extend({"name": r, "kind": REGION} for r in undeclared)
        if undeclared:
            warnings.append(Notice("regions_declared", {"regions": "、".join(undeclared)}))
        unused = [u["name"] for u in units if u["name"] not in used and u["name"] not in {r.name for r in regions}]
        if unused:
            warnings.append(Notice("units_unused", {"units": "、".join(unused)}))

    journal = _journal(tasks, registry["report_date"], cur, warnings)
    _check_consistency(tasks, journal, warnings)
    _check_totals(registry["claims"], tasks, warnings)

    tasks_yaml = _render_tasks(registry, units, tasks, filename, cur)
    progress_yaml = _render_journal(journal, registry, cur)
    _check_loads(tasks_yaml, progress_yaml, filename, cur)
    return ImportResult(
        tasks_yaml=tasks_yaml,
        progress_yaml=progress_yaml,
        registry=registry,
        units=tuple(units),
        tasks=tuple(tasks),
        journal=tuple(journal),
        warnings=tuple(warnings),
        repairs=repairs,
    )


def _uncurated(cur: Curation) -> list[Notice]:
    """What the import proposes itself for want of a curation's units: or journal: section."""
    if cur.path == "(none)":
        return [Notice("no_curation", {})]
    if not cur.units:
        return [Notice("curation_lacks_units" if cur.journal else "curation_lacks_units_journal", {"path": cur.path})]
    return [] if cur.journal else [Notice("curation_lacks_journal", {"path": cur.path})]


def _source_line(text: str, tail) -> tuple[int, str]:
    """(line, the line's text) where what follows the appendix begins: the paragraph's first
    line, or a later one of it that starts so (a paragraph of lines with no blank between)."""
    no = _line_of(text, tail.para.line, tail.text[:4], start=True)
    return (no, text.split("\n")[no - 1].strip()) if no else (tail.para.line, tail.text)


def _line_of(text: str, first: int, words: str, *, start: bool = False) -> int | None:
    """The first line from line `first` on holding `words` (at its start if `start`): where in a
    paragraph of several lines (joined at page breaks) they are."""
    lines = text.split("\n")
    for no in range(first, len(lines) + 1):
        line = normalise(lines[no - 1])
        if line.startswith(words) if start else words in line:
            return no
    return None


def _check_loads(tasks_yaml: str, progress_yaml: str, filename: str, cur: Curation) -> None:
    """Load the result as `rectify validate` would (the registry's own loader, on the two texts
    in a scratch folder: nothing is written where they go yet); ReportFormatError with the
    loader's messages when it refuses it, each pointing at the curation's line when the value
    came from there."""
    import tempfile

    from .registry import load_registry

    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="rectify-import-") as scratch:
        folder = Path(scratch)
        (folder / "tasks.yaml").write_text(tasks_yaml, encoding="utf-8")
        (folder / "progress.yaml").write_text(progress_yaml, encoding="utf-8")
        try:  # (today is no limit: the report's own date may be later than the clock)
            load_registry(folder / "tasks.yaml", today=date.max, use_cache=False)
        except RegistryError as e:  # (named by the file's name: the scratch folder means nothing)
            problems = [replace(p, file=Path(p.file).name) for p in e.problems if isinstance(p, Problem)]
    if not problems:
        return
    written = {"tasks.yaml": tasks_yaml.split("\n"), "progress.yaml": progress_yaml.split("\n")}
    out = []
    for pr in sorted(problems, key=lambda pr: (pr.file, pr.line or 0, pr.column or 0)):
        keys = _curated_keys(written[pr.file][: pr.line], pr.file) if pr.line else None
        if keys and keys in cur.lines:
            out.append(replace(pr, file=cur.path, line=cur.lines[keys], column=None))
        else:
            at = f"{pr.file}:{pr.line}" if pr.line else pr.file
            out.append(problem(filename, None, None, "import_would_be_refused", at=at, problem=pr.notice or pr.message))
    raise ReportFormatError(out)


def _curated_keys(lines: list[str], file: str) -> tuple[str, ...] | None:
    """The curation decision that the last of `lines` (a written file up to a problem's line)
    comes from: a registry key or setting of tasks.yaml (as _render_tasks indents them), or
    the measure of a journal entry."""
    if file == "progress.yaml":
        if lines[-1].startswith("  date: "):
            return ("registry", "report_date")  # (every entry is dated the report's date)
        entry = next((ln for ln in reversed(lines) if ln.startswith("- measure: ")), "")
        m = re.match(r'- measure: "([^"]+)"', entry)
        return ("journal", m.group(1)) if m else None
    m = re.match(r"( {2}| {4})(\w+):", lines[-1])
    if not m:
        return None
    return ("registry", m.group(2)) if len(m.group(1)) == 2 else ("registry", "settings", m.group(2))


def _apply_text_fixes(raw_tasks: list[RawTask], cur: Curation) -> None:
    by_task = {str(t.id): t for t in raw_tasks}
    by_measure = {f"{t.id}.{m.id}": m for t in raw_tasks for m in t.measures}
    for i, fx in enumerate(cur.text_fixes):
        at, fld = fx["at"], fx["field"]
        obj: Any = by_measure.get(at) if "." in at else by_task.get(at)
        allowed = MEASURE_FIELDS if "." in at else TASK_FIELDS
        if obj is None or fld not in allowed:
            raise cur.fail("text_fix_no_field", "text_fixes", str(i), field=fld, at=at, fields=list(allowed))
        attr = {"deadline": "deadline", "progress": "progress"}.get(fld, fld)
        value = getattr(obj, attr) or ""
        if fx["find"] not in value:
            raise cur.fail("text_fix_not_found", "text_fixes", str(i), at=at, field=fld, find=fx["find"])
        setattr(obj, attr, normalise(value.replace(fx["find"], fx["replace"])))


FEEDBACK_AFTER = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日[，,]?中央[^。；，]{0,20}?[向对][^。；，]{0,10}?反馈")
# Qinghai's: 2017年8月7日至9月7日，中央第七环境保护督察组对我省开展了环境保护督察，并于12月24日向我省反馈:
# a day without its year, the year the sentence gave last before it.
FEEDBACK_NO_YEAR = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日[^。；，]{0,10}?反馈")

ISSUER = re.compile(r"([^，。、；：\s]{0,20}?(?:党委|省委|市委|区委|州委)(?:、|和|及)?[^，。、；：\s]{0,6}?(?:人民)?政府)"
                    r"(?:高度重视|坚决|始终|深入|认真|把|将|以)")


def _feedback_without_year(flat: str) -> date | None:
    """The feedback day written without its year (于12月24日向我省反馈), dated in the year the
    same sentence last named before it, or the next one when its month comes earlier than the
    month named with that year (2017年12月进驻…于1月5日反馈: 2018); None when there is none."""
    m = FEEDBACK_NO_YEAR.search(flat)
    if m is None:
        return None
    sentence = flat[flat.rfind("。", 0, m.start()) + 1:m.start()]
    years = re.findall(r"(\d{4})年(?:(\d{1,2})月)?", sentence)
    if not years:
        return None
    year, month = int(years[-1][0]), int(years[-1][1] or 1)
    if int(m.group(1)) < month:
        year += 1
    try:
        return date(year, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None


def _registry(text: str, paras, filename: str, cur: Curation, source: str | None) -> dict[str, Any]:
    reg: dict[str, Any] = {}
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    reg["title"] = normalise(first.lstrip("\ufeff"))
    # the headline is where the report first says "as of" (截至目前 gives no date: a later 截至2018年6月
    # is a statistic of the body, not the report's date)
    at = next((p for p in paras if AS_OF_WORD.search(p.text)), None)
    headline = at.text if at else ""
    # (in the headline, else the opening: 西藏自治区党委、政府高度重视, 甘肃省委、省政府高度重视,
    # 四川省委省政府坚决扛起, 自治区党委和政府始终…)
    m = ISSUER.search(headline) or ISSUER.search(normalise(text[:3000].replace("\n", "")))
    if m:
        reg["issuer"] = m.group(1)
    m = re.search(r"(中央第[一二三四五六七八九十]+(?:生态)?环境保护督察组)", text)
    if m:
        reg["inspection"] = m.group(1)
    flat = normalise(text.replace("\n", ""))
    # (…于2017年12月24日反馈; Shandong's 2017年12月26日，中央环保督察组向我省反馈)
    m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日反馈", flat) or FEEDBACK_AFTER.search(flat)
    if m:
        reg["feedback_date"] = date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    elif (day := _feedback_without_year(flat)) is not None:
        reg["feedback_date"] = day.isoformat()
    m = AS_OF.search(headline)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        d = int(m.group(3)) if m.group(3) else calendar.monthrange(y, mo)[1]
        reg["report_date"] = date(y, mo, d).isoformat()
    reg["source"] = source or filename  # (a curation's own wins: see below)
    for k, v in cur.registry.items():
        if k not in ("settings",):
            reg[k] = v
    missing = []  # (all of them at once: a run per field would be a run per field)
    for k in ("title", "issuer", "inspection", "feedback_date", "report_date"):
        if not reg.get(k):
            undated = k == "report_date" and at is not None
            says = Notice("import_headline_undated", {"words": AS_OF_WORD.search(headline).group(0)}) if undated else ""
            line = (_line_of(text, at.line, AS_OF_WORD.search(headline).group(0)) or at.line) if undated else None
            missing.append(problem(filename, line, None, "import_field_missing", field=Word(REGISTRY_FIELDS, k, said_in_english=True), says=says))
    if missing:
        raise ReportFormatError(missing)
    if reg["report_date"] < reg["feedback_date"]:  # (ISO dates: compared as text)
        dated = {"report": reg["report_date"], "feedback": reg["feedback_date"]}
        curated = next((k for k in ("report_date", "feedback_date") if k in cur.registry), None)
        raise cur.fail("before_feedback", "registry", curated, **dated) if curated else \
            ReportFormatError(problem(filename, None, None, "import_before_feedback", **dated))
    if isinstance(cur.registry.get("settings"), dict):
        reg["settings"] = dict(cur.registry["settings"])
    claims, counts = _counts(headline)
    years = _claim_years(headline)
    for key, pat in CLAIM_PATTERNS:
        cm = re.search(pat, headline)
        if cm:
            for named, written in years.items():  # (keys name the years the report's words give)
                key = key.replace(named, written)
            claims.append({"key": key, "text": cm.group(1), "value": int(cm.groups()[-1])})
    reg["claims"] = claims + counts
    return reg


def _counts(headline: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The totals the headline claims (tasks_total, measures_total), and what it says of each
    total's tasks or measures done so far (tasks_done, measures_basically_done, …)."""
    claims = []
    counts = []
    for noun, key, patterns in TOTAL_PATTERNS:
        m = next((m for m in (re.search(p, headline) for p in patterns) if m), None)
        if m is None:
            continue
        claims.append({"key": key, "text": m.group(1), "value": int(m.groups()[-1])})
        end = COUNT_CLAUSE_END.search(headline, m.end())
        clause = headline[m.end() : end.start() if end else len(headline)]
        for what, pat in COUNT_PATTERNS:
            cm = re.search(pat, clause)
            if cm and not any(c["key"] == f"{noun}_{what}" for c in counts):
                counts.append({"key": f"{noun}_{what}", "text": cm.group(1), "value": int(cm.groups()[-1])})
    if not any(c["key"] == "tasks_done" for c in counts) and (cm := re.search(TASKS_DONE_OUTRIGHT, headline)):
        counts.append({"key": "tasks_done", "text": cm.group(1), "value": int(cm.group(2))})
    return claims, counts


def _claim_years(headline: str) -> dict[str, str]:
    """The years a claim key names ("2018" of tasks_due_2018, "2019_2020" of tasks_due_2019_2020)
    -> the years the headline's words give: the report of another year counts by other years."""
    years = {}
    m = re.search(r"(\d{4})年12月底前应完成", headline)
    if m:
        years["2018"] = m.group(1)
    m = re.search(r"应于(\d{4})年、(\d{4})年完成", headline)
    if m:
        years["2019_2020"] = f"{m.group(1)}_{m.group(2)}"
    return years


def _title(problem: str) -> str:
    head, sep, _ = problem.partition("。")
    return head if sep else problem.rstrip("。")


# how a report names its issuer's own departments: 自治区生态环境厅, 省…, 市…, 州…
LEVELS = ("自治区", "省", "市", "州", "地区", "盟")
# a title beginning with the issuer below a province: 西宁市…, 海南藏族自治州…, 阿里地区…, 兴安盟…
# (自治州 only: 贵州省, 广州市 end no 州 issuer)
CITY_ISSUER = re.compile(r"(?:中共)?[\u4e00-\u9fff]{2,12}?(自治州|市|地区|盟)")


def _level(title: str, province: str | None) -> str:
    """The word a report puts before its issuer's own departments: a province's (its title
    beginning with it: 甘肃省… → 省), else a city's or a prefecture's its title begins with
    (西宁市… → 市, 海南藏族自治州… → 州), else the province's it is about (自治区 when none is
    named, as the bundled ledger's report)."""
    head = title.removeprefix("中共")
    named = next((p for p in PREFECTURES if head.startswith(p)), None)
    if named is None and (m := CITY_ISSUER.match(title)):
        return {"自治州": "州"}.get(m.group(1), m.group(1))
    province = named or province
    if province is None or province.endswith("自治区"):
        return "自治区"
    return "省" if province.endswith("省") else "市"


def _task(rt: RawTask, filename: str, cur: Curation, vocab: Vocabulary, units: list[dict], regions: tuple[Region, ...], known_ids: set[str],
          warnings: list[Notice], *, level: str = "自治区") -> dict[str, Any]:
    """`level`: as _level gives it, for a measure whose unit can't be found."""
    assert rt.deadline is not None and rt.progress is not None
    dl_text = rt.deadline.rstrip("。")
    dl = parse_deadline(dl_text)
    if not dl:
        raise ReportFormatError(problem(filename, rt.deadline_line, None, "import_task_deadline", task=rt.id, deadline=rt.deadline, repair=REPAIR))
    reported = parse_reported(rt.progress)
    if reported is None:
        raise ReportFormatError(problem(filename, rt.progress_line, None, "import_task_progress", task=rt.id, progress=rt.progress, repair=REPAIR))
    measures = []
    task_owners, task_lead = _listed_owners(rt.units, vocab, Notice("of_problem", {"task": rt.id}), warnings)
    for rm in rt.measures:
        mid = f"{rt.id}.{rm.id}"
        known_ids.add(mid)
        ms = measure_milestones(rm.text)
        unread = unreadable_deadlines(rm.text)
        if unread:  # (dropped, it would lose a step of the measure: a wrong ledger)
            raise ReportFormatError(problem(filename, rm.line, None, "import_measure_deadline", measure=mid, deadline=unread[0], repair=REPAIR))
        if not ms:
            raise ReportFormatError(problem(filename, rm.line, None, "import_measure_no_deadline", measure=mid))
        if rm.note is None:
            lines = rm.extra_text_lines
            lost = Notice("lost_headings" if len(lines) > 1 else "lost_heading", {"lines": list(lines)}) if lines else ""
            warnings.append(Notice("no_note", {"measure": mid, "line": rm.line, "lost": lost}))
        for fld, value in (("text", rm.text), ("note", rm.note or "")):
            for w in LATIN_IN_CJK.findall(value):
                warnings.append(Notice("latin_word", {"measure": mid, "word": w, "field": Word(MEASURE_FIELD_WORDS, fld, said_in_english=True)}))
        for line, numeral in rm.note_items:
            warnings.append(Notice("numeral_in_note", {"measure": mid, "numeral": numeral, "line": line, "next": rt.id + 1, "why": Notice("no_task_heading", {})}))
        if rm.extra_note_lines:
            warnings.append(Notice("note_continues", {"measure": mid, "lines": list(rm.extra_note_lines)}))
        if mid in cur.owners:
            owners, lead = list(cur.owners[mid]["owners"]), cur.owners[mid]["lead"]
        else:
            owners, lead = _listed_owners(rm.units, vocab, Notice("of_measure", {"measure": mid}), warnings)
            if not owners:
                owners, lead = find_owners(rm.text, vocab)
            if not owners and task_owners:  # (its problem's 责任单位： line)
                owners, lead = list(task_owners), task_lead
            if not owners and rm.note:
                owners, _ = find_owners(rm.note, vocab)
                lead = None
                if owners:
                    warnings.append(Notice("owners_from_note", {"measure": mid, "owners": "、".join(owners)}))
            if not owners:
                owners = [f"{level}相关部门"]
                warnings.append(Notice("no_unit", {"measure": mid, "owner": owners[0]}))
            lead = lead or owners[0]
        for o in owners:
            if not any(u["name"] == o for u in units):
                units.append({"name": o, "kind": "department" if o.startswith(LEVELS) else "other"})
        measures.append(
            {
                "id": rm.id,
                "full_id": mid,
                "line": rm.line,
                "text": rm.text,
                "owners": owners,
                "lead": lead,
                "milestones": ms,
                "note": rm.note,
                "note_heading": rm.note_head,
            }
        )
    return {
        "id": rt.id,
        "line": rt.line,
        "title": _title(rt.problem),
        "problem": rt.problem,
        "deadline": {"text": dl_text, "milestones": dl},
        "reported": reported,
        "regions": find_regions(rt.problem, regions),
        "measures": measures,
    }


def _listed_owners(lines: list[tuple[str, str, int]], vocab: Vocabulary, who: Notice, warnings: list[Notice]) -> tuple[list[str], str | None]:
    """(owners, lead) that 牵头单位：/责任单位：/配合单位： lines name, in their order; the lead is the
    first of a 牵头 or 主办 line, else the first named."""
    owners: list[str] = []
    lead = None
    for head, units, line in lines:
        found, _ = find_owners(units, vocab)
        if not found:
            warnings.append(Notice("names_no_unit", {"who": who, "head": head, "units": units, "line": line}))
        if found and lead is None and head.startswith(("牵头", "主办")):
            lead = found[0]
        owners.extend(o for o in found if o not in owners)
    return owners, lead or (owners[0] if owners else None)


# ------------------------------------------------------------------ journal


def _propose(task: dict, m: dict, report_date: str) -> dict[str, Any]:
    kinds = [x["kind"] for x in m["milestones"]]
    note = m["note"] or ""
    if all(k == "ongoing" for k in kinds):
        return {"state": "report"}
    if not note:  # (nothing in the report says it is done)
        return {"state": "in_progress"}
    dues = [x["due"] for x in m["milestones"] if x["kind"] == "date"]
    if any(due > report_date for due in dues):  # not due yet as of the report (ISO dates compare as text)
        quote = _quote(note, NOT_DONE_WORDS)
        passed = [due for due in dues if due <= report_date]
        if passed and not quote:  # the steps already due are met: done up to the last of them
            return {"state": "done", "milestone": max(passed)}
        return {"state": "in_progress", **({"evidence": quote} if quote else {})}
    if "date" not in kinds:  # immediate (+ ongoing): started at once, done when the report tells of work done
        quote = _quote(note, (*NOT_DONE_WORDS, "将于", "计划"))  # (将于年底前: still to come)
        if "ongoing" in kinds or ACCOUNTABILITY_DONE.search(note) or not quote:
            return {"state": "done"}
        return {"state": "in_progress", "evidence": quote}
    if task["reported"]["state"] == "fully_done":
        return {"state": "done"}
    quote = _quote(note, NOT_DONE_WORDS)
    if quote:
        return {"state": "in_progress", "evidence": quote}
    return {"state": "done"}


def _quote(note: str, words: tuple[str, ...]) -> str | None:
    for w in words:
        i = note.find(w)
        if i >= 0:
            start = max(note.rfind(c, 0, i) for c in "，。；：") + 1
            ends = [j for j in (note.find(c, i) for c in "，。；") if j >= 0]
            return note[start : min(ends) if ends else len(note)]
    return None


def _journal(tasks: list[dict], report_date: str, cur: Curation, warnings: list[Notice]) -> list[dict[str, Any]]:
    entries = []
    prev = chain.GENESIS
    for t in tasks:
        for m in t["measures"]:
            mid = m["full_id"]
            decision = cur.journal.get(mid)
            if decision is None:
                decision = _propose(t, m, report_date)
                if cur.journal:
                    warnings.append(Notice("no_curated_state", {"measure": mid, "state": Word(ENTRY, decision["state"])}))
            note = decision.get("note") or m["note"] or "（报告未载明整改进展）"
            if decision.get("evidence") and decision["evidence"] not in note:
                raise cur.fail("evidence_not_quoted", "journal", mid, measure=mid, evidence=decision["evidence"])
            dated = [x["due"] for x in m["milestones"] if x["kind"] == "date"]
            if decision.get("milestone") and decision["milestone"] not in dated:
                raise cur.fail("milestone_not_dated", "journal", mid, measure=mid, milestone=decision["milestone"],
                               dated=dated or Notice("import_none", {}))
            entry: dict[str, Any] = {"measure": mid, "date": report_date, "state": decision["state"], "note": note}
            if decision.get("evidence"):
                entry["evidence"] = decision["evidence"]
            if decision.get("milestone"):
                entry["milestone"] = decision["milestone"]
            h = chain.entry_hash(prev, entry)
            entry["hash"] = h
            prev = h
            entries.append(entry)
    return entries


def _check_totals(claims: list[dict], tasks: list[dict], warnings: list[Notice]) -> None:
    """The report's own count of problems and measures against what its appendix gave: a text
    cut short (a page lost in the PDF extraction) still parses, into fewer of them."""
    found = {"tasks_total": len(tasks), "measures_total": sum(len(t["measures"]) for t in tasks)}
    for claim in claims:
        count = found.get(claim["key"])
        if count is not None and count != claim["value"]:
            warnings.append(Notice("totals", {"text": claim["text"], "count": count}))


def _check_consistency(tasks: list[dict], journal: list[dict], warnings: list[Notice]) -> None:
    """The task's reported 整改进度 against the states of its dated measures."""
    state = {e["measure"]: e for e in journal}
    for t in tasks:
        dated = [m for m in t["measures"] if any(x["kind"] == "date" for x in m["milestones"])]
        not_done = [m["full_id"] for m in dated if _open(m, state[m["full_id"]])]
        rs = t["reported"]["state"]
        if rs == "fully_done" and not_done:
            warnings.append(Notice("done_but_open", {"task": t["id"], "measures": not_done}))
        if rs in ("basically_done", "on_schedule") and dated and not not_done:
            warnings.append(Notice("open_but_done", {"task": t["id"], "reported": Word(REPORTED, rs)}))


def _open(m: dict, entry: dict) -> bool:
    if entry["state"] != "done":
        return True
    dated = [x["due"] for x in m["milestones"] if x["kind"] == "date"]
    return bool(entry.get("milestone")) and entry["milestone"] != max(dated)


# ------------------------------------------------------------------ rendering


def _render_tasks(registry: dict, units: list[dict], tasks: list[dict], filename: str, cur: Curation) -> str:
    out = [TASKS_HEADER]
    how = f" + {Path(cur.path).name}" if cur.path != "(none)" else " (no curation)"
    out.append(f"# Generated by `rectify import` from {registry['source']}{how}; do not edit by hand: fix the importer or the curation and re-import.\n")
    out.append("registry:\n")
    for k in ("title", "issuer", "inspection"):
        out.append(f"  {k}: {scalar(registry[k])}\n")
    out.append(f"  feedback_date: {Date(registry['feedback_date'])}\n")
    out.append(f"  report_date: {Date(registry['report_date'])}\n")
    out.append(f"  source: {scalar(registry['source'])}\n")
    if registry.get("settings"):
        out.append("  settings:\n")
        for k, v in registry["settings"].items():
            v = Date(v) if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) else v
            out.append(f"    {k}: {scalar(v)}\n")
    out.append("  claims:\n" if registry["claims"] else "  claims: []\n")
    for c in registry["claims"]:
        out.append(f"    - key: {c['key']}\n      text: {scalar(c['text'])}\n      value: {c['value']}\n")
    out.append("units:\n")
    for u in units:
        out.append(f"  - name: {scalar(u['name'])}\n")
        if u.get("kind"):
            out.append(f"    kind: {u['kind']}\n")
        if u.get("aliases"):
            out.append(f"    aliases: {flow_seq(u['aliases'])}\n")
    out.append("tasks:\n")
    for t in tasks:
        out.append(f"  - id: {t['id']}\n")
        out.append(f"    title: {scalar(t['title'])}\n")
        out.append(f"    problem: {scalar(t['problem'])}\n")
        out.append("    deadline:\n")
        out.append(f"      text: {scalar(t['deadline']['text'])}\n")
        out.append("      milestones:\n")
        for ms in t["deadline"]["milestones"]:
            out.append(f"        - {_ms(ms)}\n")
        out.append(f"    reported: {flow_map(t['reported'])}\n")
        out.append(f"    regions: {flow_seq(t['regions'])}\n")
        out.append("    measures:\n")
        for m in t["measures"]:
            out.append(f"      - id: {m['id']}\n")
            out.append(f"        text: {scalar(m['text'])}\n")
            out.append(f"        owners: {flow_seq(m['owners'])}\n")
            out.append(f"        lead: {scalar(m['lead'])}\n")
            out.append("        milestones:\n")
            for ms in m["milestones"]:
                out.append(f"          - {_ms(ms)}\n")
    return "".join(out)


def _ms(ms: dict) -> str:
    return flow_map({k: (Date(v) if k == "due" else v) for k, v in ms.items()})


def _render_journal(journal: list[dict], registry: dict, cur: Curation) -> str:
    out = [JOURNAL_HEADER]
    out.append(f"# The first {len(journal)} entries are the report's 整改进展 as of {registry['report_date']}, written by `rectify import`.\n")
    for e in journal:
        out.append(f"- measure: {scalar(Quoted(e['measure']))}\n")
        out.append(f"  date: {Date(e['date'])}\n")
        out.append(f"  state: {e['state']}\n")
        out.append(f"  note: {scalar(e['note'])}\n")
        if "evidence" in e:
            out.append(f"  evidence: {scalar(e['evidence'])}\n")
        if "milestone" in e:
            out.append(f"  milestone: {Date(e['milestone'])}\n")
        out.append(f"  hash: {e['hash']}\n")
    return "".join(out)

