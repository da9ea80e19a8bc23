"""The fast YAML path (yaml-rs + positions from a text scan) gives exactly what the
reference loader (libyaml + located walk) gives, and steps aside whenever it can't vouch."""
from __future__ import annotations

import re
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rectify_cli import registry, validation, yamlio
from rectify_cli.errors import RegistryError

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"
BUNDLED = ROOT / "data" / "tasks.yaml"
TODAY = date(2020, 6, 30)

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

pytestmark = pytest.mark.skipif(yamlio.yaml_rs is None, reason="yaml-rs not installed")


def load_both(path, monkeypatch):
    """(registry via the fast path, via the reference loader, reference parses of the fast load)."""
    registry.REFERENCE_PARSES.clear()
    fast = registry.load_registry(path, today=TODAY, use_cache=False)
    reference_parses = sum(registry.REFERENCE_PARSES.values())
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "yaml_rs", None)
        reference = registry.load_registry(path, today=TODAY, use_cache=False)
    return fast, reference, reference_parses


def errors_of(path, **kwargs):
    with pytest.raises(RegistryError) as caught:
        registry.load_registry(path, today=TODAY, use_cache=False, **kwargs)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("case", ["small", "bundled", "generated", "generated-folder"])
def test_fast_path_equals_reference_including_every_location(case, tmp_path, monkeypatch):
    if case == "small":
        path = SMALL / "tasks.yaml"
    elif case == "bundled":
        if not BUNDLED.exists():
            pytest.skip("no bundled ledger")
        path = BUNDLED
    elif case == "generated":
        path = generate(tmp_path / "g", 400, seed=7)
    else:
        path = generate(tmp_path / "f", 400, seed=7, files=5)
    fast, reference, reference_parses = load_both(path, monkeypatch)
    assert reference_parses == 0  # the fast path was really taken, for every file
    assert fast == reference  # dataclass equality: every field, every Location
    assert [m.location for m in fast.plan.measures()] == [m.location for m in reference.plan.measures()]
    assert [e.location for e in fast.journal] == [e.location for e in reference.journal]


def test_fast_positions_of_the_small_fixture():
    reg = registry.load_registry(SMALL / "tasks.yaml", today=TODAY, use_cache=False)
    measure = next(m for m in reg.plan.measures() if m.id == "4.2")
    assert (measure.location.line, measure.location.column) == (116, 9)
    assert (reg.plan.tasks[0].location.line, reg.plan.tasks[0].location.column) == (31, 5)
    assert (reg.journal[0].location.line, reg.journal[0].location.column) == (2, 3)


@pytest.mark.parametrize("text, refusal", [
    ("a: b\n", None),
    ("note: 3 * 4 & 5, 是否?\n", None),
    ("a: !!python/object:os.system x\n", "a tag (!)"),
    ("a: &anchor 1\n", "an anchor (&)"),
    ("b: *anchor\n", "an alias (*)"),
    ("a: b\n<<: c\n", "a merge key (<<)"),
    ("%YAML 1.1\n---\na: 1\n", "a directive (%)"),
    ("? a\n: b\n", "a complex key (?)"),
    ("a:\n\tb: c\n", "tabs"),
    ("a: 第一段\u2029第二段\n", "a Unicode line break"),
    ("- note: 已完成\n  by: |\n", "an empty block text at the end"),
    ("- |-\n\n", "an empty block text at the end"),
    ("- note: 甲|\n", None),
    ("- note: 甲 >\n", None),
])
def test_refusals(text, refusal):
    assert yamlio.fast_path_refusal(text) == refusal


def _line_of(length: int) -> str:
    return "a: " + "长" * (length - 3)


@pytest.mark.parametrize("lines, refused", [
    ([_line_of(yamlio.MAX_FAST_LINE)], False),  # at the limit
    ([_line_of(yamlio.MAX_FAST_LINE + 1)], True),
    (["b: 1"] * 3 + [_line_of(yamlio.MAX_FAST_LINE + 1)], True),  # the last line, no newline after
    (["b: 1"] * 3 + [_line_of(yamlio.MAX_FAST_LINE + 1), "c: 2"] + ["d: 3"] * 2000, True),
    ([_line_of(yamlio.MAX_FAST_LINE - 1)] * 50, False),  # many lines just under it
    (["b: 1"] * 20000, False),
])
def test_a_very_long_line_is_refused_wherever_it_is(lines, refused):
    # yaml-rs recurses per nesting level, which only a long line can hold; the reference says where
    assert (yamlio.fast_path_refusal("\n".join(lines)) == "a very long line") is refused


@pytest.mark.parametrize("value, differs", [
    ("yes", True), ("On", True), ("=", True), ("1:30", True), ("017", True),
    ("", False), ("中文", False), ("2018-06-30", False), ("Tibet", False),
])
def test_reads_differently_follows_yaml_1_1(value, differs):
    assert yamlio.reads_differently(value) is differs


def write_small(tmp_path: Path, *, plan_edit=None, journal_edit=None) -> Path:
    plan = (SMALL / "tasks.yaml").read_text(encoding="utf-8")
    journal = (SMALL / "progress.yaml").read_text(encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(plan_edit(plan) if plan_edit else plan, encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(journal_edit(journal) if journal_edit else journal, encoding="utf-8")
    return tmp_path / "tasks.yaml"


# What YAML 1.1 (the reference) or 1.2 (yaml-rs) reads as a number, a bool or a date, written plain
# in a free-text field: the text the clerk wrote, on either path.
PLAIN_TEXTS = ["017", "Yes", "yes", "1.5", "12", "2.50", ".inf", "10:30", "1e3", "0o17", "0x1F", "1_000", "true",
               "2019-01-01"]


@pytest.mark.parametrize("written", PLAIN_TEXTS)
def test_a_plain_note_is_the_text_written_on_both_paths(written, tmp_path, monkeypatch):
    path = write_small(tmp_path, journal_edit=lambda t: t.replace("note: 主体工程完工60%。", f"note: {written}", 1))
    fast, reference, _ = load_both(path, monkeypatch)
    assert fast == reference
    assert fast.journal[0].note == written


@pytest.mark.parametrize("written", PLAIN_TEXTS)
def test_plain_plan_texts_are_the_text_written_on_both_paths(written, tmp_path, monkeypatch):
    def edit(plan):
        for old in ("  title: 测试台账\n", "    title: 污水处理设施建设滞后\n", "      text: 2018年12月31日前完成\n",
                    "        text: 拉萨市建成城东污水处理厂（2018年12月31日）。\n"):
            assert old in plan
            plan = plan.replace(old, old.split(":")[0] + f": {written}\n", 1)
        return plan
    fast, reference, _ = load_both(write_small(tmp_path, plan_edit=edit), monkeypatch)
    assert fast == reference
    task = fast.plan.tasks[0]
    assert (fast.plan.meta.title, task.title, task.deadline.text, task.measures[0].text) == (written,) * 4


def test_a_note_of_no_value_is_still_no_note(tmp_path):
    for empty, column in (("~", 9), ("", 8)):
        path = write_small(tmp_path, journal_edit=lambda t: t.replace("note: 主体工程完工60%。", f"note: {empty}", 1))
        assert errors_of(path) == [f"{tmp_path / 'progress.yaml'}:5:{column}: journal entry 1, field note: an in_progress entry needs a "
                                   "note saying what is under way"]


@pytest.mark.parametrize("written", ["017", "0o17", "0b11", "1_0"])
def test_numbers_of_the_registry_block_read_as_the_reference_reads_them(written, tmp_path, monkeypatch):
    # YAML 1.1 and 1.2 disagree on these spellings (0o17 is text in 1.1): the reference decides.
    path = write_small(tmp_path, plan_edit=lambda t: t.replace("value: 4\n", f"value: {written}\n", 1))
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "yaml_rs", None)
        try:
            expected = registry.load_registry(path, today=TODAY, use_cache=False)
        except RegistryError as exc:
            expected = str(exc)
    try:
        got = registry.load_registry(path, today=TODAY, use_cache=False)
    except RegistryError as exc:
        got = str(exc)
    assert got == expected


ANCHORS = "YAML anchors and aliases (&name, *name) are not allowed in a registry; write the value out"


@pytest.mark.parametrize("plan_edit, journal_edit, where", [
    # an alias of a scalar passed: an entry silently counted under another measure
    (None, lambda t: t.replace('- measure: "1.1"', '- measure: &m "1.1"', 1).replace('- measure: "3.1"', '- measure: *m', 1),
     "progress.yaml:2:12"),
    (lambda t: t.replace("  settings:\n", "  settings: &s\n", 1), None, "tasks.yaml:9:13"),  # an anchor alone
    (lambda t: t.replace("    reported: {state: basically_done}", "    reported: &r {state: basically_done}", 1)
     .replace("    reported: {state: on_schedule}", "    reported: *r", 1), None, "tasks.yaml:38:15"),
])
def test_anchors_and_aliases_are_refused_where_the_anchor_is(tmp_path, plan_edit, journal_edit, where):
    path = write_small(tmp_path, plan_edit=plan_edit, journal_edit=journal_edit)
    assert errors_of(path) == [f"{tmp_path / where}: {ANCHORS}"]


def test_a_tag_is_refused_with_its_position(tmp_path):
    path = write_small(tmp_path, plan_edit=lambda t: t.replace("  title: 测试台账", "  title: !!python/object:os.system 测试台账", 1))
    assert errors_of(path) == [f"{tmp_path / 'tasks.yaml'}:4:10: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system': a registry holds only plain text, numbers, lists and mappings"]


def test_a_measure_not_starting_with_its_id_falls_back_and_keeps_positions(tmp_path, monkeypatch):
    # `- text: ...` first: the scan can't find the item, so the reference loader reads the file.
    def swap(text):
        return text.replace("      - id: 2   # done\n        text: 自治区生态环境厅牵头制定污水处理厂运行监管办法（2018年6月30日）。\n",
                            "      - text: 自治区生态环境厅牵头制定污水处理厂运行监管办法（2018年6月30日）。\n        id: 2\n", 1)
    path = write_small(tmp_path, plan_edit=swap)
    fast, reference, reference_parses = load_both(path, monkeypatch)
    assert reference_parses == 1
    assert fast == reference


def test_validation_errors_from_the_fast_path_have_reference_positions(tmp_path):
    path = write_small(tmp_path, plan_edit=lambda t: t.replace("owners: [拉萨市]", "owners: [拉萨巿]", 1))
    assert errors_of(path) == [
        f"{tmp_path / 'tasks.yaml'}:43:18: measure 1.1, field owners: unknown unit '拉萨巿' (did you mean 拉萨市?); declare it under 'units:'",
    ]


@pytest.mark.parametrize("header", ["|", "|+", ">", "|2", "| # 无", "|\n\n", "|\n  "])
def test_an_empty_block_text_ending_the_file_reads_as_the_reference_reads_it(header, tmp_path, monkeypatch):
    # (yaml-rs reads it as a line break, the reference as nothing)
    ending = f'- measure: "1.1"\n  date: 2019-03-20\n  state: in_progress\n  note: 施工中\n  by: {header}\n'
    path = write_small(tmp_path, journal_edit=lambda t: t + ending)
    assert errors_of(path) == [f"{tmp_path / 'progress.yaml'}:61:7: journal entry 10, field by: unknown unit ''"]


def test_multi_document_journal_is_refused(tmp_path):
    path = write_small(tmp_path, journal_edit=lambda t: 'measure: "1.1"\ndate: 2019-01-01\nstate: done\n---\nmeasure: "1.2"\n')
    assert errors_of(path)[0].startswith(f"{tmp_path / 'progress.yaml'}:4:1: YAML syntax: expected a single document in the stream: but found another document ('---')")


@pytest.mark.parametrize("name", ["progress.yaml", "journal.yaml"])
@pytest.mark.parametrize("first", ["", "# a comment\n\n"])
def test_a_big_journal_given_as_the_plan_is_named_a_journal_without_the_reference_loader(name, first, tmp_path,
                                                                                          monkeypatch):
    # `-r progress.yaml` at 100,000 measures took 10-12 s and 1.6 GiB (the reference loader read
    # the whole journal) to say it is a journal: the message must be the reference's, read fast
    folder = generate(tmp_path / "reg", 400, seed=7).parent  # (a plan beside, as in `-r reg/progress.yaml`)
    journal = folder / name
    journal.write_text(first + (folder / "progress.yaml").read_text("utf-8"), encoding="utf-8")
    registry.REFERENCE_PARSES.clear()
    fast = errors_of(journal)
    assert registry.REFERENCE_PARSES == {}
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "yaml_rs", None)
        assert fast == errors_of(journal)
    line = first.count("\n") + 2  # (the generated journal's first line is a comment)
    assert fast == [f"{journal}:{line}:1: this is a journal (a list of entries, - measure: ...), not a plan: "
                    f"pass the plan file ({folder / 'tasks.yaml' if name == 'progress.yaml' else 'e.g. tasks.yaml'}) "
                    "or its folder"]


def test_without_yaml_rs_everything_takes_the_reference_path(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlio, "yaml_rs", None)
    registry.REFERENCE_PARSES.clear()
    reg = registry.load_registry(SMALL / "tasks.yaml", today=TODAY, use_cache=False)
    assert len(reg.journal) == 9
    assert sum(registry.REFERENCE_PARSES.values()) == 2


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_title_continued_after_a_unicode_line_break_reads_as_the_reference_reads_it(separator, tmp_path, monkeypatch):
    # YAML 1.1 (the reference) breaks lines at U+2028, U+2029 and NEL; yaml-rs reads YAML 1.2,
    # which doesn't, and kept the next line's indentation in the text. PyYAML writes this form.
    text = BUNDLED.read_text(encoding="utf-8")
    title = text[text.index("    title: ") + len("    title: "):].split("\n", 1)[0]
    broken = f"'{title[:4]}{separator}\n      {title[4:]}'"
    path = tmp_path / "tasks.yaml"
    path.write_text(text.replace(title, broken, 1), encoding="utf-8")
    fast, reference, _ = load_both(path, monkeypatch)
    assert fast.plan.tasks[0].title == reference.plan.tasks[0].title
    assert " " not in fast.plan.tasks[0].title  # (the next line's indentation)


# -- the validator's short way for the common items ---------------------------------------------
# A fast-parsed measure or journal entry with nothing to report is read without naming its parts
# for messages (validation.Checker._vouched_measure, _vouched_row). Whatever an item holds, the
# short way must give what the long way gives: the same Measure or row, or nothing and the long
# way (which, vouching, stops at any problem: the file is then re-read by the reference loader).
ENTRY_VALUES = {
    "measure": st.sampled_from(["1.1", "9.9", 11, None, ["1.1"]]),
    "date": st.sampled_from(["2019-03-31", "2019-3-31", "2019-02-30", "", None, 20190331, "yes", "2018-01-01"]),
    "state": st.sampled_from(["done", "report", "in_progress", "reopened", "extended", "retracted", "完成", None, 1]),
    "note": st.sampled_from(["已完成排查。", "", "  ", None, "yes", "1:30", 5, ["x"]]),
    "evidence": st.sampled_from(["西藏环发〔2019〕89号", "", " ", None, "on", 3]),
    "by": st.sampled_from(["拉萨市", None, "no", 7, "", "不存在"]),
    "milestone": st.sampled_from(["2019-06-30", "2019-6-30", None, "2019-02-30", 5]),
    "hash": st.sampled_from(["a" * 64, "A" * 64, "abc", None, 5]),
    "to": st.sampled_from(["2019-12-31", None]),
    "recorded": st.sampled_from(["2019-04-01", None]),
    "retracts": st.sampled_from(["b" * 64, None]),
    "late": st.sampled_from([True, "yes", None]),
    "reason": st.sampled_from(["资金未到位", None]),
    "approved_by": st.sampled_from(["拉萨市", None]),
    "extra": st.just("x"),
}
PLAIN_ENTRIES = st.fixed_dictionaries(
    {"measure": st.just("1.1"), "date": st.sampled_from(["2019-03-31", "2018-01-01"]),
     "state": st.sampled_from(["done", "report", "in_progress", "reopened"]), "note": st.just("已完成排查。")},
    optional={"evidence": st.just("西藏环发〔2019〕89号"), "by": st.sampled_from(["拉萨市", "拉萨"]),
              "milestone": st.just("2019-06-30"), "hash": st.just("a" * 64)})

UNITS = {"拉萨市": "拉萨市", "拉萨": "拉萨市", "日喀则市": "日喀则市"}
MEASURE_VALUES = {
    "id": st.sampled_from([1, 2, 0, -1, True, "1", None]),
    "text": st.sampled_from(["建立长效机制。", "", " ", "yes", None, 5]),
    "owners": st.sampled_from([["拉萨市"], ["拉萨"], ["拉萨市", "日喀则市"], [], None, "拉萨市", ["拉萨市", "山南市"], [5],
                               [["拉萨市"]], ["拉萨市，日喀则市"]]),
    "lead": st.sampled_from(["拉萨市", "拉萨", "日喀则市", "", "yes", None, "山南市"]),
    "milestones": st.sampled_from([[{"kind": "date", "due": "2019-06-30"}], [{"kind": "ongoing"}],
                                   [{"kind": "date", "due": "2019-06-30"}, {"kind": "ongoing"}], [], None,
                                   [{"kind": "date"}], "长期坚持", [{"kind": "immediate", "due": "2019-06-30"}]]),
    "extra": st.just("x"),
}
PLAIN_MEASURES = st.fixed_dictionaries(
    {"id": st.sampled_from([1, 2]), "text": st.just("建立长效机制。"), "owners": st.sampled_from([["拉萨市"], ["拉萨", "日喀则市"]]),
     "lead": st.just("拉萨市"), "milestones": st.just([{"kind": "date", "due": "2019-06-30"}])})
REGION_UNITS = {"拉萨市": "拉萨市", "拉萨": "拉萨市"}
TASK_VALUES = {
    "id": st.sampled_from([1, 2, 0, True, "1", None]),
    "title": st.sampled_from(["污水处理设施建设滞后", "", " ", "on", None, 3]),
    "problem": st.sampled_from(["污水处理设施建设滞后。", "", "yes", None]),
    "deadline": st.sampled_from([{"text": "2019年6月底前", "milestones": [{"kind": "date", "due": "2019-06-30"}]},
                                 {"text": "长期坚持", "milestones": [{"kind": "ongoing"}]}, {"text": "", "milestones": []},
                                 {"text": "no", "milestones": [{"kind": "ongoing"}]}, {"milestones": [{"kind": "ongoing"}]},
                                 {"text": "长期坚持", "milestones": [{"kind": "ongoing"}], "extra": 1}, "长期坚持", None]),
    "reported": st.sampled_from([{"state": "on_schedule"}, {"state": "fully_done", "ongoing": True}, {"state": "done"},
                                 {"state": "on_schedule", "ongoing": "yes"}, {"state": "on_schedule", "ongoing": None},
                                 {"ongoing": True}, {"state": ["on_schedule"]}, "on_schedule", None]),
    "regions": st.sampled_from([["拉萨市"], ["拉萨"], [], None, "", "拉萨市", ["日喀则市"], ["山南市"], [5], [["拉萨市"]]]),
    "measures": st.sampled_from([[{"id": 1, "text": "建立长效机制。", "owners": ["拉萨市"], "lead": "拉萨市",
                                   "milestones": [{"kind": "ongoing"}]}], [], None, "x",
                                 [{"id": 1, "text": "建立长效机制。", "owners": ["山南市"], "lead": "拉萨市",
                                   "milestones": [{"kind": "ongoing"}]}]]),
    "extra": st.just("x"),
}
PLAIN_TASKS = st.fixed_dictionaries(
    {"id": st.sampled_from([1, 2]), "title": st.just("污水处理设施建设滞后"), "problem": st.just("污水处理设施建设滞后。"),
     "deadline": st.just({"text": "2019年6月底前", "milestones": [{"kind": "date", "due": "2019-06-30"}]}),
     "reported": st.sampled_from([{"state": "on_schedule"}, {"state": "fully_done", "ongoing": True}]),
     "measures": st.just([{"id": 1, "text": "建立长效机制。", "owners": ["拉萨市"], "lead": "拉萨市",
                           "milestones": [{"kind": "ongoing"}]}])},
    optional={"regions": st.sampled_from([["拉萨市"], []])})
_GONE = object()


def items_from(plain, values):
    """An item that has nothing to report, with up to two of its values changed or taken away,
    or keys added; now and then not a mapping at all."""
    # (the strategies made once, not at each draw: hypothesis checks each new one, most of the test's time)
    odd, not_a_mapping = st.integers(0, 9), st.sampled_from([None, "x", ["1.1"]])
    keys = st.lists(st.sampled_from(sorted(values)), max_size=2)
    changed = {key: strategy | st.just(_GONE) for key, strategy in values.items()}

    @st.composite
    def item_of(draw):
        if draw(odd) == 0:
            return draw(not_a_mapping)
        item = draw(plain)
        for key in draw(keys):
            value = draw(changed[key])
            if value is _GONE:
                item.pop(key, None)
            else:
                item[key] = value
        return item
    return item_of()


def both_ways(read, monkeypatch):
    """What `read(checker)` gives with a vouching _Checker the short way, and the long way alone:
    its result, or "unvouched"."""
    def outcome():
        try:
            return read(validation.Checker("x.yaml", [], vouching=True))
        except validation.Unvouched:
            return "unvouched"

    short = outcome()
    with monkeypatch.context() as patch:
        patch.setattr(validation.Checker, "_vouched_task", lambda *_: None)
        patch.setattr(validation.Checker, "_vouched_measure", lambda *_: None)
        patch.setattr(validation.Checker, "_vouched_row", lambda *_: None)
        return short, outcome()


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(items_from(PLAIN_ENTRIES, ENTRY_VALUES), min_size=1, max_size=2))
def test_a_journal_entry_reads_the_same_the_short_way_and_the_long_way(items, monkeypatch):
    data = registry._located(items, [(2 + 5 * i, 3) for i in range(len(items))])
    short, long = both_ways(lambda checker: checker.journal_rows(data), monkeypatch)
    assert short == long


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(items_from(PLAIN_MEASURES, MEASURE_VALUES), min_size=1, max_size=3))
def test_a_measure_reads_the_same_the_short_way_and_the_long_way(items, monkeypatch):
    data = registry._located(items, [(9 + 6 * i, 7) for i in range(len(items))])
    short, long = both_ways(lambda checker: checker.measures(data, (8, 5), "task 1", "1", UNITS), monkeypatch)
    assert short == long


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(items_from(PLAIN_TASKS, TASK_VALUES), min_size=1, max_size=3))
def test_a_task_reads_the_same_the_short_way_and_the_long_way(items, monkeypatch):
    for at, item in enumerate(items):  # (positioned as _locate_plan gives a plan's measures theirs)
        if isinstance(item, dict) and isinstance(item.get("measures"), list):
            item["measures"] = registry._located(item["measures"], [(15 + 20 * at, 7)] * len(item["measures"]))
    data = registry._located(items, [(9 + 20 * i, 5) for i in range(len(items))])
    short, long = both_ways(lambda checker: checker.tasks(data, (8, 1), UNITS, "", REGION_UNITS), monkeypatch)
    assert short == long


def test_the_short_way_reads_the_common_items_of_a_generated_registry(tmp_path):
    # (else the tests above would pass with a short way that never answers)
    path = generate(tmp_path / "g", 400, seed=7)
    answered = {"task": 0, "measure": 0, "row": 0}
    task, measure, row = validation.Checker._vouched_task, validation.Checker._vouched_measure, validation.Checker._vouched_row

    def counted(kind, method):
        def wrapper(*args):
            found = method(*args)
            answered[kind] += found is not None
            return found
        return wrapper

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation.Checker, "_vouched_task", counted("task", task))
        patch.setattr(validation.Checker, "_vouched_measure", counted("measure", measure))
        patch.setattr(validation.Checker, "_vouched_row", counted("row", row))
        reg = registry.load_registry(path, today=TODAY, use_cache=False)
    assert answered["task"] == len(reg.plan.tasks)
    assert answered["measure"] == len(list(reg.plan.measures()))
    assert answered["row"] >= len(reg.journal) * 0.9


# -- a big text read in pieces ------------------------------------------------------------------
# Items of a journal (the document is the list) and of a plan's tasks, among them the texts that
# must not be cut where a line starts like an item: within quotes or brackets spanning lines, a
# text block keeping its blank lines, a document marker, a key after the list.
JOURNAL_PIECES = [
    '- measure: "1.1"\n  date: 2019-03-31\n  state: report\n  note: 已完成\n',
    '- measure: "1.2"\n  note: "第一行\n- measure: 9.9\n  续"\n',
    "- measure: '1.3'\n  note: '单引号\n- x\n  '\n",
    '- measure: "1.4"\n  note: |+\n    保留\n\n\n',
    '- measure: "1.5"\n  note: >-\n    折叠\n    文本\n',
    "# 注释\n", "  # 缩进的注释\n", "\n",
    '- measure: "1.6"\n  tags: [a,\n- b]\n',
    "- [1,\n  2]\n",
    '-\n  measure: "1.7"\n',
    '- measure: "2.0"\r\n  note: crlf\r\n',
    "---\n", "...\n", "extra: 1\n",
    # yaml-rs reads an empty block text ending the document as a line break, else as nothing
    '- measure: "1.8"\n  note: |\n', "- |1\n", '- measure: "1.9"\n  note: >2+\n',
    '- measure: "2.1"\n  note: |2-\n     缩进\n    \n  # c\n\n', "-   >1\n  x\n\n  \n",
    '- {measure: "2.2",\n   "- x": 1}\n', '- "- y": 1\n  \'k\': |+\n    z\n   \n# c\n',
    "-\n", "- \n", "      \n", "  - \n", "- a\n - b\n",
    '- measure: "2.3"\r---\r', '- measure: "2.4"\r...\r- x\r',  # (a lone CR is a line break)
    '- measure: "2.5"\r  note: x\r', "\ufeff- x\n",
]
PLAN_PIECES = [
    "  - id: 1\n    title: 标题\n",
    '  - id: 2\n    problem: "跨行\n  - id: 3\n    "\n',
    "  - id: 4\n    note: |+\n      x\n\n",
    "  - id: 5\n    regions: [拉萨市,\n  - 日喀则市]\n",
    "# c\n", "\n",
    "  -\n    id: 6\n",
    "units:\n  - name: a\n",
    "---\n",
    "  - id: 7\n    note: |\n", "  - id: 8\n    note: >1+\n", "- id: 9\n  m:\n  - x\n",
    "  - id: 10\r---\r", "  - id: 11\r...\r", '  - "- x": 1\n    k: [a,\n       b]\n',
    "tasks:\n  - id: 12\n", "   - id: 13\n", "  - |2\n     x\n\n",
]


def read_in_pieces(text: str, long_list: str, monkeypatch) -> tuple[object, int]:
    """(parse_fast's reading of `text` cut before every item it may be cut at, how many pieces
    yaml-rs read)."""
    reads = []
    loads = yamlio.yaml_rs.loads
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "PIECES_FROM", 0)
        patch.setattr(yamlio, "PIECE_CHARS", 1)
        patch.setattr(yamlio.yaml_rs, "loads", lambda text, **kw: reads.append(text) or loads(text, **kw))
        return yamlio.parse_fast(text, long_list=long_list), len(reads)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(JOURNAL_PIECES), min_size=1, max_size=6))
def test_a_journal_read_in_pieces_reads_as_the_whole(pieces, monkeypatch):
    text = "# rectify journal\n" + "".join(pieces)
    assert read_in_pieces(text, "", monkeypatch)[0] == yamlio.parse_fast(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(PLAN_PIECES), min_size=1, max_size=6))
def test_a_plan_read_in_pieces_reads_as_the_whole(pieces, monkeypatch):
    text = "registry:\n  title: |\n    标题\ntasks:\n" + "".join(pieces)
    assert read_in_pieces(text, "tasks", monkeypatch)[0] == yamlio.parse_fast(text)


@pytest.mark.parametrize("text, long_list", [
    ('- measure: "1.1"\n  note: |\n- measure: "1.2"\n', ""),  # the note is "", not "\n"
    ("registry: {}\ntasks:\n  - id: 1\n    note: >2+\n  - id: 2\n", "tasks"),
    ('- measure: "1.1"\n- measure: "1.2"\r---\r- measure: "1.3"\n', ""),  # two documents
    ("registry: {}\ntasks:\n  - id: 1\n  - id: 2\r...\r  - id: 3\n", "tasks"),
])
def test_a_text_read_in_pieces_reads_as_the_whole_where_a_piece_alone_read_otherwise(text, long_list, monkeypatch):
    assert read_in_pieces(text, long_list, monkeypatch)[0] == yamlio.yaml_rs.loads(text, parse_datetime=False)


def test_a_generated_registry_is_read_in_pieces(tmp_path, monkeypatch):
    # (else the tests above would pass with pieces never read)
    path = generate(tmp_path / "g", 200, seed=3)
    for name, long_list in (("tasks.yaml", "tasks"), ("progress.yaml", "")):
        text = (path.parent / name).read_text(encoding="utf-8")
        whole = yamlio.parse_fast(text)
        assert whole is not yamlio.NOT_VOUCHED
        assert read_in_pieces(text, long_list, monkeypatch) == (whole, len(whole["tasks"] if long_list else whole))
    loaded = registry.load_registry(path, today=TODAY, use_cache=False)
    assert (sum(len(task.measures) for task in loaded.plan.tasks), loaded.plan.meta.feedback_date) == \
        (200, date(2018, 1, 3))  # (the 200 measures generated, bench/generate.py's feedback date)


@pytest.fixture
def small_pieces(monkeypatch):
    """Any plan or journal read in pieces of a few tasks or entries; the pieces yaml-rs reads."""
    monkeypatch.setattr(yamlio, "PIECES_FROM", 0)
    monkeypatch.setattr(yamlio, "PIECE_CHARS", 3000)
    pieces = []
    later = yamlio._later_pieces

    def counted(*args):
        for piece in later(*args):
            pieces.append(len(piece))
            yield piece
    monkeypatch.setattr(yamlio, "_later_pieces", counted)
    return pieces


def test_a_plan_validated_a_piece_at_a_time_is_the_reference_plan(tmp_path, monkeypatch, small_pieces):
    path = generate(tmp_path / "g", 400, seed=11)
    fast, reference, reference_parses = load_both(path, monkeypatch)
    assert len(small_pieces) > 20 and reference_parses == 0  # read in pieces, by the fast path
    assert fast == reference
    assert [m.location for m in fast.plan.measures()] == [m.location for m in reference.plan.measures()]
    assert [t.location for t in fast.plan.tasks] == [t.location for t in reference.plan.tasks]


@pytest.mark.parametrize("which", ["plan", "journal"])
def test_a_file_whose_later_piece_does_not_read_alone_is_read_whole(tmp_path, monkeypatch, small_pieces, which):
    path = generate(tmp_path / "g", 400, seed=11)
    later = yamlio._later_pieces

    def failing(text, *args):  # (its third piece, as yaml-rs refuses a piece cut within a text)
        for n, piece in enumerate(later(text, *args)):
            if n == 2 and text.startswith("# rectify journal") == (which == "journal"):
                raise ValueError("a piece that doesn't read alone")
            yield piece
    monkeypatch.setattr(yamlio, "_later_pieces", failing)
    fast, reference, reference_parses = load_both(path, monkeypatch)
    assert reference_parses == 0  # read whole by the fast path
    assert fast == reference
    assert [m.location for m in fast.plan.measures()] == [m.location for m in reference.plan.measures()]
    assert [e.location for e in fast.journal] == [e.location for e in reference.journal]


def test_a_journal_validated_a_piece_at_a_time_is_the_reference_journal(tmp_path, monkeypatch, small_pieces):
    path = generate(tmp_path / "g", 400, seed=11)
    whole = []
    parse_fast = yamlio.parse_fast
    monkeypatch.setattr(yamlio, "parse_fast", lambda text, **kw: whole.append(yamlio.yaml_rs) or parse_fast(text, **kw))
    fast, reference, reference_parses = load_both(path, monkeypatch)
    assert len(small_pieces) > 40 and reference_parses == 0  # both read in pieces, by the fast path
    assert whole == [None, None]  # (by the reference load only: the fast one read nothing whole)
    assert fast == reference
    assert [e.location for e in fast.journal] == [e.location for e in reference.journal]


@pytest.mark.parametrize("written", ['{date}  measure: "{mid}"\n', '- measure:\n    "{mid}"\n{date}'])
def test_a_journal_entry_not_on_its_measure_line_takes_the_reference_path(tmp_path, monkeypatch, small_pieces, written):
    path = generate(tmp_path / "g", 400, seed=11)
    journal = path.parent / "progress.yaml"
    text = journal.read_text(encoding="utf-8")
    at = text.index("\n- measure: ", len(text) // 2) + 1  # an entry far past the first piece
    measure_end = text.index("\n", at) + 1
    date_end = text.index("\n", measure_end) + 1
    mid, date_line = text[at:measure_end].split('"')[1], text[measure_end:date_end]
    assert date_line.startswith("  date: ")
    # (its date line first, or its measure on a line of its own)
    entry = written.format(mid=mid, date="- " + date_line[2:] if written.startswith("{date}") else date_line)
    journal.write_text(text[:at] + entry + text[date_end:], encoding="utf-8")
    fast, reference, reference_parses = load_both(path, monkeypatch)
    assert reference_parses == 1  # an entry not on its `- measure:` line: its position can't be vouched for
    assert fast == reference
    assert [e.location for e in fast.journal] == [e.location for e in reference.journal]


@pytest.mark.parametrize("where", ["a task far past the first piece", "the last measure"])
def test_a_plan_with_an_item_line_in_a_later_text_block_takes_the_reference_path(tmp_path, monkeypatch, small_pieces,
                                                                                  where):
    path = generate(tmp_path / "g", 400, seed=11)
    plan = path.read_text(encoding="utf-8")
    if where == "the last measure":
        at = plan.rindex("        text: ")
        block = "        text: |\n          - id: 7\n"
    else:
        at = plan.index("    problem: ", len(plan) // 2)
        block = "    problem: |\n      - id: 7\n"
    path.write_text(plan[:at] + block + plan[plan.index("\n", at) + 1:], encoding="utf-8")
    fast, reference, reference_parses = load_both(path, monkeypatch)
    assert reference_parses == 1  # a `- id:` line no task's: its positions can't be vouched for
    assert fast == reference
    assert "- id: 7\n" in [t.problem for t in fast.plan.tasks] + [m.text for m in fast.plan.measures()]


# A journal of the small registry's entries and odd ones, validated piece by piece (an entry a
# piece): what a user is shown is the reference loader's, every row, location and message.
_SMALL_ENTRIES = ["- measure:" + entry.rstrip("\n") + "\n" for entry in
                  (SMALL / "progress.yaml").read_text(encoding="utf-8").split("\n- measure:")[1:]]
ODD_ENTRIES = [
    "# 注释\n", "\n", "  # 缩进的注释\n",
    '- measure: "1.1"\r\n  date: 2019-01-10\r\n  state: in_progress\r\n  note: crlf\r\n',
    '- date: 2019-01-10\n  measure: "1.1"\n  state: in_progress\n  note: 测量不在首行\n',
    '-\n  measure: "1.1"\n  date: 2019-01-10\n  state: in_progress\n  note: 另起一行\n',
    '- measure: "1.1"\n  date: 2019-01-10\n  state: in_progress\n  note: "跨行\n  - measure: 1.1"\n',
    '- measure: "1.1"\n  date: 2019-01-10\n  state: in_progress\n  note: |\n    块\n    - measure: "1.1"\n',
    '- measure: "1.1"  # 注释\n  date: 2019-01-10\n  state: in_progress\n  note: 017\n',
    '- measure: "9.9"\n  date: 2019-01-10\n  state: in_progress\n  note: 无此措施\n',
    '- measure: "1.1"\n  date: 2019-02-30\n  state: in_progress\n  note: 无此日\n',
    '- measure: "1.1"\n  date: 2019-01-10\n  state: finished\n  note: 无此状态\n',
    '- measure: "1.1"\n  date: 2019-01-10\n  state: retracted\n  note: 撤回\n  retracts: ' + "b" * 64 + "\n",
    '- {measure: "1.1", date: 2019-01-10,\n   state: in_progress, note: 流式}\n',
]


def _journal_outcome(path):
    try:
        loaded = registry.load_registry(path, today=TODAY, use_cache=False)
    except RegistryError as error:
        return [str(p) for p in error.problems]
    return loaded, [e.location for e in loaded.journal]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.sampled_from(_SMALL_ENTRIES + ODD_ENTRIES), min_size=2, max_size=8),
       start=st.sampled_from(["", "# 台账\n", "\ufeff"]))
def test_a_journal_of_odd_entries_validated_a_piece_at_a_time_is_the_reference_journal(entries, start, tmp_path_factory,
                                                                                      monkeypatch):
    folder = tmp_path_factory.mktemp("reg")
    (folder / "tasks.yaml").write_bytes((SMALL / "tasks.yaml").read_bytes())
    (folder / "progress.yaml").write_bytes((start + "".join(entries)).encode("utf-8"))
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "PIECES_FROM", 0)
        patch.setattr(yamlio, "PIECE_CHARS", 1)  # (a piece of each entry)
        fast = _journal_outcome(folder / "tasks.yaml")
        patch.setattr(yamlio, "yaml_rs", None)
        assert fast == _journal_outcome(folder / "tasks.yaml")


def test_a_journal_of_the_small_registrys_entries_is_validated_a_piece_at_a_time(tmp_path, monkeypatch, small_pieces):
    # (else the test above would pass with no journal read in pieces)
    monkeypatch.setattr(yamlio, "PIECE_CHARS", 1)
    shutil.copytree(SMALL, tmp_path / "reg")
    fast, reference, reference_parses = load_both(tmp_path / "reg" / "tasks.yaml", monkeypatch)
    assert reference_parses == 0 and len(small_pieces) == len(fast.plan.tasks) - 1 + len(_SMALL_ENTRIES) - 1
    assert fast == reference and [e.location for e in fast.journal] == [e.location for e in reference.journal]


# A big file in which vouching saw a problem: the reference loader reads only the items that
# have one (and the file's head), each at its own lines. What a user is shown is what reading
# the whole file with the reference loader shows, which is the oracle here.
def _edit_after(text: str, fraction: float, pattern: str, replace) -> tuple[str, int]:
    """`text` with the first match of `pattern` past `fraction` of it replaced by replace(match);
    and where the match starts."""
    import re

    found = re.compile(pattern, re.MULTILINE).search(text, int(len(text) * fraction))
    return text[:found.start()] + replace(found) + text[found.end():], found.start()


_DEFECTS = {  # (file, fraction, pattern, replacement) of each defect seeded
    "milestone date": [("tasks.yaml", 0.6, r"due: 2020-\d\d-", lambda m: "due: 2020-13-")],
    "unknown owner": [("tasks.yaml", 0.7, r"owners: \[", lambda m: "owners: [无此单位, ")],
    "missing key": [("tasks.yaml", 0.5, r"^    problem: .*\n", lambda m: "")],
    "journal date": [("progress.yaml", 0.6, r"^  date: 20\d\d-\d\d-\d\d$", lambda m: "  date: 2019-02-30")],
    "two pieces": [("tasks.yaml", 0.8, r"due: 2020-\d\d-", lambda m: "due: 2020-13-"),
                   ("tasks.yaml", 0.2, r"^    title: .*$", lambda m: '    title: ""'),
                   ("progress.yaml", 0.3, r"^  state: report", lambda m: "  state: 已完成"),
                   ("progress.yaml", 0.9, r"^  date: 20\d\d-\d\d-\d\d$", lambda m: "  date: 2019-3-31")],
    "a task known by its place": [("tasks.yaml", 0.6, r"^  - id: \d+\n    title: .*$", lambda m: "  - id: 第七\n    title: ''")],
    "a unit renamed": [("tasks.yaml", 0.0, r"^  - name: .*$", lambda m: m.group(0) + "甲")],  # (many tasks')
    "duplicate task id": [("tasks.yaml", 0.6, r"^  - id: \d+$", lambda m: "  - id: 1")],
    "duplicate task id and a date": [("tasks.yaml", 0.6, r"^  - id: \d+\n", lambda m: "  - id: 1\n"),
                                     ("tasks.yaml", 0.6, r"due: 2020-\d\d-", lambda m: "due: 2020-13-")],
}


def _check_both(path, monkeypatch) -> tuple[tuple[int, str], tuple[int, str], int]:
    """(exit code, stderr) of `check` by the fast path and with the reference loader alone; how many
    times the fast one read the whole plan or journal with the reference loader."""
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    def check():
        result = CliRunner().invoke(app, ["check", "-r", str(path)], env={"RECTIFY_TODAY": "2020-06-30", "COLUMNS": "100"})
        return result.exit_code, result.stderr

    registry.REFERENCE_PARSES.clear()
    fast = check()
    whole = sum(registry.REFERENCE_PARSES.values())
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "yaml_rs", None)
        return fast, check(), whole


@pytest.mark.parametrize("defect", list(_DEFECTS))
def test_a_problem_in_a_big_file_read_in_pieces_is_reported_as_the_reference_reports_it(defect, tmp_path, monkeypatch,
                                                                                        small_pieces):
    path = generate(tmp_path / "g", 400, seed=11)
    for name, fraction, pattern, replace in _DEFECTS[defect]:
        file = path.parent / name
        file.write_text(_edit_after(file.read_text(encoding="utf-8"), fraction, pattern, replace)[0], encoding="utf-8")
    fast, reference, whole = _check_both(path, monkeypatch)
    assert fast == reference and fast[0] == 2 and fast[1].count("rectify: ") >= len(_DEFECTS[defect])
    # (each problem read alone; a task's id repeated is a problem of two tasks: the whole file is read)
    assert whole == (1 if defect.startswith("duplicate") else 0)


def test_a_mistyped_date_far_into_a_big_plan_is_reported_at_its_line_and_column(tmp_path, monkeypatch, small_pieces):
    path = generate(tmp_path / "g", 400, seed=11)
    text, at = _edit_after(path.read_text(encoding="utf-8"), 0.75, r"\{kind: date, due: 2020-\d\d-\d\d\}",
                           lambda m: "{kind: date, due: 2020-02-30}")
    path.write_text(text, encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    column = at - text.rindex("\n", 0, at) + len("{kind: date, due: ") - 1 + 1
    measure = re.findall(r"^      - id: (\d+)$", text[:at], re.MULTILINE)[-1]
    task = re.findall(r"^  - id: (\d+)$", text[:at], re.MULTILINE)[-1]
    which = text[text.rindex("milestones:", 0, at):at].count("{kind: ") + 1
    registry.REFERENCE_PARSES.clear()
    assert errors_of(path) == [f"{path}:{line}:{column}: measure {task}.{measure}, field milestones[{which}].due: '2020-02-30' "
                               "is not a real calendar date (that month has no such day)"]
    assert registry.REFERENCE_PARSES == {}  # (the whole plan was not read by the reference loader)
