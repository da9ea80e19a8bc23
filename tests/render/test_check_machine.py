"""`check --format junit` written as text (render/check_machine.py), held to what ElementTree
writes of the same document: the output it had when it was built as a tree, byte for byte."""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ holds builders.py

from builders import entry, make_measure, make_registry, plan_of  # noqa: E402
from rectify_cli.engine import evaluate, filter_values, id_sort_key  # noqa: E402
from rectify_cli.gate import FAILURE, run_check  # noqa: E402
from rectify_cli.i18n import Lang  # noqa: E402
from rectify_cli.model import Location  # noqa: E402
from rectify_cli.render import check as phrases  # noqa: E402
from rectify_cli.render.check_machine import junit_document, xml_attribute, xml_safe, xml_text  # noqa: E402

AS_OF = date(2019, 3, 31)


def _junit(result, **options) -> str:
    return junit_document(result, **options).decode()

# What XML and CI logs treat specially, what XML 1.0 forbids, what printable escapes, and text
# beyond the Basic Multilingual Plane, among any characters at all.
HOSTILE_PIECES = st.sampled_from([
    "<", ">", "&", '"', "'", "\n", "\r", "\t", "\r\n", "]]>", "&amp;", "&#91;", "##[", "##vso[", "##teamcity[", "#", "[",
    "\x00", "\x08", "\x0b", "\x1b[31m", "\x7f", "\x85", "\x9b", "\u061c", "\u200f", "\u202e", "\u2028", "\u2029",
    "\ud800", "\udcce", "\udfff", "\ufffe", "\uffff", "\U0010ffff", "红", "𠀀", " ", "　", "…", "1.1",
])
HOSTILE = st.lists(st.one_of(HOSTILE_PIECES, st.characters()), max_size=12).map("".join)
# A file's name as read from disk: no NUL, and a byte that is not UTF-8 as os.fsdecode gives it
FILE_NAME = HOSTILE.map(lambda text: "".join(
    "" if c == "\x00" else "\udcce" if "\ud800" <= c <= "\udfff" and not "\udc80" <= c <= "\udcff" else c for c in text))


def _by_elementtree(result, *, lang: Lang, filters=None, units=()) -> str:
    """The JUnit document as render_junit built it with ElementTree (before it was written as text)."""
    as_of = result.as_of
    suite = ET.Element("testsuite", {"name": "rectify", "tests": str(result.total), "failures": str(len(result.failing)),
                                     "errors": "0", "skipped": "0", "time": "0"})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "as_of", "value": as_of.isoformat()})
    ET.SubElement(properties, "property", {"name": "fail_on", "value": ",".join(result.fail_on)})
    for name in ("warn_days", "report_period_days"):
        ET.SubElement(properties, "property", {"name": name, "value": str(getattr(result, name))})
    ET.SubElement(properties, "property", {"name": "warnings", "value": str(len(result.warnings))})
    for kind, values in filter_values(filters, units).items():
        for value in values:
            ET.SubElement(properties, "property", {"name": f"filter_{kind}", "value": xml_safe(value, single_line=True)})
    for note in phrases.notices(result.verdict, lang):
        ET.SubElement(properties, "property", {"name": "notice", "value": xml_safe(note, single_line=True)})
    for item in sorted(result.items, key=lambda i: id_sort_key(i.id)):
        attributes = {"classname": xml_safe(f"task.{item.task_id}", single_line=True),
                      "name": xml_safe(f"{item.id} {phrases.short_text(item)}", single_line=True), "time": "0"}
        if item.file is not None:
            attributes["file"] = xml_safe(item.file, single_line=True)
            if item.line is not None:
                attributes["line"] = str(item.line)
        case = ET.SubElement(suite, "testcase", attributes)
        if item.kind == FAILURE:
            failure = ET.SubElement(case, "failure", {
                "message": xml_safe(phrases.title(item, as_of, lang), single_line=True), "type": item.rule or ""})
            failure.text = xml_safe(phrases.body(item, as_of, lang))
        elif item.rule is not None:
            out = ET.SubElement(case, "system-out")
            out.text = xml_safe(f"{phrases.title(item, as_of, lang)}\n{phrases.body(item, as_of, lang)}")
    root = ET.Element("testsuites", {"name": "rectify", "tests": str(result.total),
                                     "failures": str(len(result.failing)), "errors": "0"})
    root.append(suite)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    for opening in ("##[", "##vso[", "##teamcity["):  # (CI commands: see json_out.commands_unobeyed)
        xml = xml.replace(opening, opening[:-1] + "&#91;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


@settings(max_examples=300)
@given(HOSTILE)
def test_an_attribute_is_escaped_as_elementtree_escapes_it(text):
    assert f'<e a="{xml_attribute(text)}" />' == ET.tostring(ET.Element("e", {"a": text}), encoding="unicode")


@settings(max_examples=300)
@given(HOSTILE)
def test_text_is_escaped_as_elementtree_escapes_it(text):
    element = ET.Element("e")
    element.text = text
    # (junit_document closes an element without text as ElementTree does)
    assert (f"<e>{xml_text(text)}</e>" if text else "<e />") == ET.tostring(element, encoding="unicode")


@settings(max_examples=300)
@given(HOSTILE, st.booleans())
def test_xml_safe_leaves_nothing_xml_forbids_whatever_the_text(text, single_line):
    import re

    assert not re.search("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", xml_safe(text, single_line=single_line))


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(HOSTILE, min_size=2, max_size=2), owner=HOSTILE, note=HOSTILE, file=FILE_NAME,
       task=HOSTILE, lang=st.sampled_from(Lang), fail_on=st.sampled_from([("overdue",), ("overdue", "stale"), ("due_soon",)]),
       twin=st.sampled_from(["1.01", "01.2", "2.02", "2.10"]), due=st.sampled_from(["2018-06-30", "2019-04-15", "2020-06-30", "2021-01-01"]))
def test_junit_is_byte_for_byte_what_elementtree_wrote(texts, owner, note, file, task, lang, fail_on, twin, due):
    """Measures failing, warning, passing with a rule not asked for, and passing; hostile text in
    a measure's text, its units, a note, its file and its task's id, a filter of a unit; and an
    id of the same natural order as another's ("1.01" and "1.1"), or not ("2.10")."""
    plan = plan_of(
        make_measure("1.1", ["2019-01-01"], text=texts[0], owners=[owner, "拉萨市"], location=Location(file, 7, 1)),
        make_measure("1.2", ["2019-04-15"], text=texts[1], owners=["那曲市"], location=Location(file, 9, 1)),
        make_measure("2.1", ["ongoing"], text=note, owners=[owner], task_id=task or "2"),
        make_measure("2.2", ["2020-12-31"], owners=["那曲市"], location=Location(file, 12, 1)),
        make_measure(twin, [due], owners=["那曲市"], location=Location(file, 14, 1)),
    )
    journal = [entry("1.1", "2018-09-30", "in_progress", note=note), entry("1.2", "2019-01-30", "report", note=owner)]
    registry = make_registry(plan, journal)
    result = run_check(evaluate(plan=plan, journal=journal, as_of=AS_OF), fail_on=fail_on, registry=registry)
    filters = {"owner": (owner,), "region": (), "task": ()}
    assert _junit(result, lang=lang, filters=filters, units=plan.units) == _by_elementtree(
        result, lang=lang, filters=filters, units=plan.units)


def test_junit_document_as_written(monkeypatch):
    """The whole document, written out by hand: indentation, empty testcases closed with " />",
    a failure's text, the warning's system-out and a command opening stopped."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    plan = plan_of(
        make_measure("1.1", ["2019-01-01"], text="建成<污水>厂 & \"管网\"", owners=["拉萨市"], location=Location("t.yaml", 3, 1)),
        make_measure("1.2", ["2019-04-15"], text="##[error]排查", owners=["那曲市"], location=Location("t.yaml", 5, 1)),
        make_measure("2.1", ["2020-12-31"], text="划定", owners=["那曲市"]),
    )
    registry = make_registry(plan, [], plan_files=("t.yaml",))
    result = run_check(evaluate(plan=plan, journal=(), as_of=AS_OF), fail_on=("overdue",), registry=registry)
    assert _junit(result, lang=Lang.en) == """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="rectify" tests="3" failures="1" errors="0">
  <testsuite name="rectify" tests="3" failures="1" errors="0" skipped="0" time="0">
    <properties>
      <property name="as_of" value="2019-03-31" />
      <property name="fail_on" value="overdue" />
      <property name="warn_days" value="30" />
      <property name="report_period_days" value="90" />
      <property name="warnings" value="1" />
    </properties>
    <testcase classname="task.1" name="1.1 建成&lt;污水&gt;厂 &amp; &quot;管网&quot;" time="0" file="t.yaml" line="3">
      <failure message="1.1 89 days overdue" type="overdue">Measure 1.1: 建成&lt;污水&gt;厂 &amp; "管网"
Units: 拉萨市
Due: 2019-01-01
Latest in force: none</failure>
    </testcase>
    <testcase classname="task.1" name="1.2 ##&#91;error]排查" time="0" file="t.yaml" line="5">
      <system-out>1.2 due 2019-04-15
Measure 1.2: ##&#91;error]排查
Units: 那曲市
Due: 2019-04-15
Latest in force: none</system-out>
    </testcase>
    <testcase classname="task.2" name="2.1 划定" time="0" file="t.yaml" />
  </testsuite>
</testsuites>
"""
