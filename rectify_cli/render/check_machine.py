"""`rectify check` for programs: json, junit (GitLab and most CI servers), sarif (code scanning).

Dispatched from render/check.py; the phrases (titles, bodies, total line) come from there.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path, PurePath
from urllib.parse import quote

from ..gate import FAILURE, CheckItem, CheckResult, Verdict
from ..engine import filter_values, id_sort_key
from ..i18n import Lang, label
from ..states import CHECK_RULES
from ..textsafe import printable
from . import check as phrases
from .journal_text import Filters
from .json_out import COMMAND_OPENINGS, SLOT, dumps_nested, dumps_spliced, measure_document

# --------------------------------------------------------------------------- json


def item_document(item: CheckItem, *, shared: dict | None = None) -> dict:
    """A measure as in `status --format json`, plus where it is defined and why it is listed;
    `shared`: see json_out.measure_document."""
    document = measure_document(item.result, shared=shared)
    document.update({
        "task_id": item.task_id,
        "text": item.result.measure.text,
        "file": item.file,
        "line": item.line,
        "kind": item.kind,  # "failure" or "warning"
        "rule": item.rule,
    })
    return document


# Where the items sit in the document: {"items": [item]}, and {"runs": [{"results": [item]}]}.
_ITEM_DEPTH = 2
_SARIF_RESULT_DEPTH = 4


def json_pieces(items, *, as_of, lang: Lang) -> list[bytes]:
    """Per item, its document's text as it appears in the whole document."""
    shared: dict = {}
    return [dumps_nested(item_document(item, shared=shared), _ITEM_DEPTH) for item in items]


def assemble_json(verdict: Verdict, failing: list, warnings: list, *, lang: Lang, filters: Filters = None,
                  units=()) -> bytes:
    """Failing measures then warnings, each group worst first; the filters given, of the plan's
    `units` (filter_values), so that the counts are not read as the whole ledger's."""
    pieces = [*failing, *warnings]
    return dumps_spliced({
        "as_of": verdict.as_of.isoformat(),
        # (the window that made a measure due soon, the period that made one stale: as status names them)
        "warn_days": verdict.warn_days,
        "report_period_days": verdict.report_period_days,
        "fail_on": list(verdict.fail_on),
        "failing": verdict.failing,
        "warnings": verdict.warnings,
        "total": verdict.total,
        "items": [SLOT] if pieces else [],
        # (after the items: a unit named as SLOT is not where dumps_spliced puts them)
        "filters": filter_values(filters, units),
    }, pieces)


# --------------------------------------------------------------------------- junit

# Characters XML 1.0 cannot hold at all, even as character references.
# (compiled when first used, by junit: 5 ms, off the other formats' start-up)
_XML_INVALID = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


def _xml_escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def xml_safe(text: str, *, single_line: bool = False) -> str:
    """Registry text ready for ElementTree: control characters (terminal escapes included) and
    anything else XML 1.0 forbids become visible \\xNN / \\uNNNN text. ElementTree escapes
    < > & and quotes itself."""
    return re.sub(_XML_INVALID, _xml_escape, printable(text, single_line=single_line))


def render_junit(result: CheckResult, *, lang: Lang, filters: Filters = None, units=()) -> str:
    """One testcase per measure of the selection (in id order); failing ones carry a <failure>,
    due-soon warnings a <system-out> note. The filters given (of the plan's `units`) are
    properties filter_owner, filter_region, filter_task: one a value."""
    import xml.etree.ElementTree as ET  # (only junit needs it: off the other formats' start-up)

    as_of = result.as_of
    suite = ET.Element("testsuite", {
        "name": "rectify",
        "tests": str(result.total),
        "failures": str(len(result.failing)),
        "errors": "0",
        "skipped": "0",
        "time": "0",
    })
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "as_of", "value": as_of.isoformat()})
    ET.SubElement(properties, "property", {"name": "fail_on", "value": ",".join(result.fail_on)})
    for name in ("warn_days", "report_period_days"):
        ET.SubElement(properties, "property", {"name": name, "value": str(getattr(result, name))})
    # (JUnit has no count of warnings; its notes mix the due-soon ones with rules not asked for)
    ET.SubElement(properties, "property", {"name": "warnings", "value": str(len(result.warnings))})
    for kind, values in filter_values(filters, units).items():
        for value in values:
            ET.SubElement(properties, "property", {"name": f"filter_{kind}", "value": xml_safe(value, single_line=True)})
    for item in sorted(result.items, key=lambda i: id_sort_key(i.id)):
        attributes = {
            "classname": xml_safe(f"task.{item.task_id}", single_line=True),
            "name": xml_safe(f"{item.id} {phrases.short_text(item)}", single_line=True),
            "time": "0",
        }
        if item.file is not None:
            attributes["file"] = xml_safe(item.file, single_line=True)
            if item.line is not None:
                attributes["line"] = str(item.line)
        case = ET.SubElement(suite, "testcase", attributes)
        if item.kind == FAILURE:
            failure = ET.SubElement(case, "failure", {
                "message": xml_safe(phrases.title(item, as_of, lang), single_line=True),
                "type": item.rule or "",
            })
            failure.text = xml_safe(phrases.body(item, as_of, lang))
        elif item.rule is not None:  # a warning, or a rule not asked for (kept visible, not failing)
            out = ET.SubElement(case, "system-out")
            out.text = xml_safe(f"{phrases.title(item, as_of, lang)}\n{phrases.body(item, as_of, lang)}")
    root = ET.Element("testsuites", {
        "name": "rectify",
        "tests": str(result.total),
        "failures": str(len(result.failing)),
        "errors": "0",
    })
    root.append(suite)
    ET.indent(root)
    # (a CI's command in the log, as JSON's: json_out._unobeyed; &#91; is "[" to every XML reader)
    xml = ET.tostring(root, encoding="unicode")
    for opening in COMMAND_OPENINGS if "##" in xml else ():
        xml = xml.replace(opening, opening[:-1] + "&#91;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


# --------------------------------------------------------------------------- sarif

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_document(rule: str, lang: Lang) -> dict:
    return {
        "id": rule,
        "name": rule,
        "shortDescription": {"text": label(f"check_rule_{rule}", lang)},
        "defaultConfiguration": {"level": "error" if rule == "overdue" else "warning"},
    }


def _artifact_uri(file: str) -> str:
    """A file as SARIF locates it: relative to the repository, percent-encoded; outside it, by its
    file: URI (a bare absolute path, or one climbing out with "..", would be read as relative to
    the repository: gate.display_path leaves a file outside it as given)."""
    return _uri_from(file, os.getcwd())


@functools.lru_cache(maxsize=256)  # (a registry has a few files, and 30,000 results may name them)
def _uri_from(file: str, cwd: str) -> str:
    path = PurePath(file)
    if ".." in path.parts:  # (relative to `cwd`, hence the cache's key)
        return Path(cwd, file).resolve().as_uri()
    # (by its bytes, os.fsencode: a name that is not UTF-8, a GBK folder's, is %CE%F7)
    return path.as_uri() if path.is_absolute() else quote(os.fsencode(file), safe="/")


def _result_document(item: CheckItem, as_of, lang: Lang) -> dict:
    document = {
        "ruleId": item.rule,
        "level": "error" if item.kind == FAILURE else "warning",
        "message": {"text": _sarif_text(f"{phrases.title(item, as_of, lang)}\n{phrases.body(item, as_of, lang)}")},
        "properties": {"measure": item.id, "task": item.task_id},
    }
    if item.file is not None:
        location = {"artifactLocation": {"uri": _artifact_uri(item.file)}}
        if item.line is not None:
            location["region"] = {"startLine": item.line}
        document["locations"] = [{"physicalLocation": location}]
    return document


# (what SARIF would read as an embedded link, [text](target): its brackets escaped)
_SARIF_LINK = re.compile(r"\[([^\[\]]*)\](?=\()")


def _sarif_text(text: str) -> str:
    """A SARIF plain-text message showing registry text as written: braces doubled (a consumer
    reads {0} as a placeholder for an argument, and SARIF requires {{ for a brace), and the
    brackets of a would-be embedded link escaped (others are literal as they are)."""
    text = text.replace("{", "{{").replace("}", "}}")
    return _SARIF_LINK.sub(r"\\[\1\\]", text) if "](" in text else text


def sarif_pieces(items, *, as_of, lang: Lang) -> list[bytes]:
    return [dumps_nested(_result_document(item, as_of, lang), _SARIF_RESULT_DEPTH) for item in items]


# GitHub code scanning rejects a run of more results than this outright (and shows the 5,000
# of the highest severity): a national ledger's 30,000 overdue measures would upload nothing.
SARIF_RESULTS_CAP = 25_000


def assemble_sarif(verdict: Verdict, failing: list, warnings: list, *, lang: Lang, rerun=(), filters: Filters = None,
                   units=()) -> bytes:
    """SARIF 2.1.0: failing measures as errors, due-soon warnings as warnings, worst first, the
    filters given (of the plan's `units`) in the run's properties as JSON's;
    the worst SARIF_RESULTS_CAP of them, with a notification of how many more when there are,
    naming the command listing them all (`rerun`: see check.rerun_command)."""
    pieces = [*failing, *warnings]
    run = {
        "tool": {"driver": {
            "name": "rectify",
            "rules": [_rule_document(rule, lang) for rule in CHECK_RULES],
        }},
        "results": [SLOT] if pieces else [],
        # (the day judged, the settings judged by, the counts and the filters, as check's JSON names them)
        "properties": {"as_of": verdict.as_of.isoformat(), "warn_days": verdict.warn_days,
                       "report_period_days": verdict.report_period_days, "fail_on": list(verdict.fail_on),
                       "failing": verdict.failing, "warnings": verdict.warnings, "total": verdict.total,
                       "filters": filter_values(filters, units)},
    }
    if len(pieces) > SARIF_RESULTS_CAP:
        # (a brace in a path or a unit doubled, as in every message: _sarif_text)
        cut = _sarif_text(label("check_sarif_cut", lang, cap=SARIF_RESULTS_CAP, n=len(pieces) - SARIF_RESULTS_CAP,
                                command=phrases.rerun_command(rerun)))
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": cut}}]}]
        run["properties"].update(resultsTotal=len(pieces), resultsListed=SARIF_RESULTS_CAP)
        pieces = pieces[:SARIF_RESULTS_CAP]
    return dumps_spliced({"version": "2.1.0", "$schema": SARIF_SCHEMA, "runs": [run]}, pieces)
