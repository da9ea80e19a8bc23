"""`rectify check` for programs: json, junit (GitLab and most CI servers), sarif (code scanning).

Dispatched from render/check.py; the phrases (titles, bodies, total line) come from there.
"""
from __future__ import annotations

import functools
import operator
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
from .json_out import SLOT, commands_unobeyed, dumps_nested, dumps_spliced, feedback_fields, measure_document

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
        **feedback_fields(verdict.as_of, verdict.feedback),
        "notices": phrases.notices(verdict, lang),  # (a file's name in one: after the items too)
    }, pieces)


# --------------------------------------------------------------------------- junit

# Characters XML 1.0 cannot hold at all, even as character references.
# (compiled when first used, by junit: 5 ms, off the other formats' start-up)
_XML_INVALID = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


def _xml_escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def xml_safe(text: str, *, single_line: bool = False) -> str:
    """Registry text ready for XML: control characters (terminal escapes included) and
    anything else XML 1.0 forbids become visible \\xNN / \\uNNNN text. xml_attribute and
    xml_text escape < > & and quotes."""
    # (isprintable, in C: no control, separator but " ", surrogate or non-character, so nothing
    # printable or XML changes; most registry text, and 100,000 measures' of it)
    if text.isprintable():
        return text
    return re.sub(_XML_INVALID, _xml_escape, printable(text, single_line=single_line))


def xml_attribute(text: str) -> str:
    """`text` as an attribute's value between double quotes, escaped exactly as ElementTree
    escapes one (xml.etree.ElementTree._escape_attrib, the same in Python 3.10 to 3.13): as
    content is, and the quote and the line breaks and tabs an attribute would lose."""
    text = xml_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def xml_text(text: str) -> str:
    """`text` as an element's content, escaped exactly as ElementTree escapes it (_escape_cdata)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attributes(pairs) -> str:
    return "".join(f' {name}="{xml_attribute(value)}"' for name, value in pairs)


def _one_line(text: str) -> str:
    return xml_attribute(xml_safe(text, single_line=True))


def in_id_order(result: CheckResult) -> list[CheckItem]:
    """Every item in natural id order, as ``sorted(result.items, key=id_sort_key of the id)``
    orders them; but a listed item's id key is the last part of its severity (not made again),
    and the passing ones are not sorted worst first for nothing: that order only tells apart
    ids of equal keys ("1.01" and "1.1"), which are then sorted as that."""
    if result.unlisted:
        return list(result.items)  # (raises: only a check of the whole registry has them all)
    items = [*result.failing, *result.warnings, *result.passing]
    keys = [item.severity[2] if item.severity is not None else id_sort_key(item.id) for item in items]
    order = sorted(range(len(items)), key=keys.__getitem__)
    if any(map(operator.eq, (keys[n] for n in order), (keys[n] for n in order[1:]))):
        return sorted(result.items, key=lambda i: id_sort_key(i.id))
    return [items[n] for n in order]


def junit_cases(items, *, as_of, lang: Lang) -> str:
    """The testcases of `items`, in their order, as lines of the document (without a last
    line end): one testcase a measure; failing ones carry a <failure>, due-soon warnings (and
    rules not asked for) a <system-out> note."""
    lines = []
    for item in items:
        case = (f'    <testcase classname="{_one_line(f"task.{item.task_id}")}"'
                f' name="{_one_line(f"{item.id} {phrases.short_text(item)}")}" time="0"')
        if item.file is not None:
            case += f' file="{_one_line(item.file)}"'
            if item.line is not None:
                case += f' line="{item.line}"'
        if item.kind == FAILURE:
            message = _one_line(phrases.title(item, as_of, lang))
            tag, text = f'failure message="{message}" type="{xml_attribute(item.rule or "")}"', phrases.body(item, as_of, lang)
        elif item.rule is not None:  # a warning, or a rule not asked for (kept visible, not failing)
            tag, text = "system-out", f"{phrases.title(item, as_of, lang)}\n{phrases.body(item, as_of, lang)}"
        else:
            lines.append(case + " />")
            continue
        text = xml_text(xml_safe(text))
        # (an element without text ElementTree closes as it closes an empty testcase)
        inner = f"      <{tag}>{text}</{tag.split(' ', 1)[0]}>" if text else f"      <{tag} />"
        lines += [case + ">", inner, "    </testcase>"]
    return "\n".join(lines)


def assemble_junit(verdict: Verdict, cases: list, *, lang: Lang = Lang.zh, filters: Filters = None, units=()) -> bytes:
    """The JUnit document of `verdict` with the testcases `cases` (junit_cases's, UTF-8, bytes-like,
    in id order); the filters given (of the plan's `units`) are properties filter_owner,
    filter_region, filter_task: one a value.

    Written as text, line by line, as ElementTree wrote the document indented (ET.indent) with
    the same escapes (tests/render/test_check_machine.py holds the two equal): the tree of
    100,000 testcases took seconds to build, indent and serialise."""
    counts = [("tests", str(verdict.total)), ("failures", str(verdict.failing)), ("errors", "0")]
    properties = [("as_of", verdict.as_of.isoformat()), ("fail_on", ",".join(verdict.fail_on)),
                  ("warn_days", str(verdict.warn_days)), ("report_period_days", str(verdict.report_period_days)),
                  # (JUnit has no count of warnings; its notes mix the due-soon ones with rules not asked for)
                  ("warnings", str(verdict.warnings))]
    for kind, values in filter_values(filters, units).items():
        properties += [(f"filter_{kind}", xml_safe(value, single_line=True)) for value in values]
    properties += [("notice", xml_safe(note, single_line=True)) for note in phrases.notices(verdict, lang)]  # (one a note)
    head = "\n".join(['<?xml version="1.0" encoding="UTF-8"?>',
                      f'<testsuites{_attributes([("name", "rectify"), *counts])}>',
                      f'  <testsuite{_attributes([("name", "rectify"), *counts, ("skipped", "0"), ("time", "0")])}>',
                      "    <properties>",
                      *(f'      <property{_attributes([("name", name), ("value", value)])} />' for name, value in properties),
                      "    </properties>"])
    xml = b"\n".join([head.encode(), *(case for case in cases if len(case)), b"  </testsuite>\n</testsuites>\n"])
    return commands_unobeyed(xml, b"&#91;")  # (a CI's command in the log, as JSON's)


def junit_document(result: CheckResult, *, lang: Lang, filters: Filters = None, units=()) -> bytes:
    """assemble_junit of every measure of `result`, in id order."""
    cases = junit_cases(in_id_order(result), as_of=result.as_of, lang=lang)
    return assemble_junit(result.verdict, [cases.encode()], lang=lang, filters=filters, units=units)


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
    # (what is no finding, a judgement before the feedback: a notification, as the cut's)
    notifications = [{"level": "note", "message": {"text": _sarif_text(note)}} for note in phrases.notices(verdict, lang)]
    if len(pieces) > SARIF_RESULTS_CAP:
        # (a brace in a path or a unit doubled, as in every message: _sarif_text)
        cut = _sarif_text(label("check_sarif_cut", lang, cap=SARIF_RESULTS_CAP, n=len(pieces) - SARIF_RESULTS_CAP,
                                command=phrases.rerun_command(rerun)))
        notifications.append({"level": "warning", "message": {"text": cut}})
        run["properties"].update(resultsTotal=len(pieces), resultsListed=SARIF_RESULTS_CAP)
        pieces = pieces[:SARIF_RESULTS_CAP]
    if notifications:
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": notifications}]
    return dumps_spliced({"version": "2.1.0", "$schema": SARIF_SCHEMA, "runs": [run]}, pieces)
