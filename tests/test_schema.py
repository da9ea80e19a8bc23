"""The published JSON Schema (for editors' YAML plugins) agrees with the loader."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PLAN_SCHEMA = json.loads((ROOT / "schema" / "registry.schema.json").read_text(encoding="utf-8"))
JOURNAL_SCHEMA = json.loads((ROOT / "schema" / "journal.schema.json").read_text(encoding="utf-8"))


class _TextDates(yaml.SafeLoader):
    """Editors see YAML 1.2: dates are strings. Mirror that."""


_TextDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates)


REGISTRIES = [ROOT / "tests" / "fixtures" / "small", ROOT / "data"]


@pytest.mark.parametrize("folder", REGISTRIES, ids=lambda p: p.name)
def test_valid_registries_match_the_schema(folder):
    if not (folder / "tasks.yaml").exists():
        pytest.fail(f"{folder / 'tasks.yaml'} is missing")
    jsonschema.validate(_read(folder / "tasks.yaml"), PLAN_SCHEMA)
    jsonschema.validate(_read(folder / "progress.yaml"), JOURNAL_SCHEMA)


def test_bundled_plan_points_editors_at_the_schema():
    first = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/registry.schema.json"


def test_planted_mistakes_are_schema_errors_too():
    errors = sorted(jsonschema.Draft202012Validator(PLAN_SCHEMA).iter_errors(_read(ROOT / "tests/fixtures/planted/tasks.yaml")),
                    key=lambda e: list(e.absolute_path))
    paths = {"/".join(map(str, e.absolute_path)) for e in errors}
    # unknown key 'owmers', missing 'owners', kind 'weekly' (the impossible date and the unknown
    # unit are beyond a schema: only the loader catches those)
    assert "tasks/0/measures/1" in paths
    assert "tasks/0/measures/1/milestones/0/kind" in paths
    messages = " ".join(e.message for e in errors)
    assert "'owmers' was unexpected" in messages
    assert "'owners' is a required property" in messages


@pytest.mark.parametrize("entry, valid", [
    ({"measure": "1.1", "date": "2019-03-31", "state": "report", "note": "已开展巡查"}, True),
    ({"measure": "1.1", "date": "2019-03-31", "state": "report", "note": "  "}, False),
    ({"measure": "1.1", "date": "2019-03-31", "state": "report"}, False),
    # (an entry saying nothing, refused on load since it would clear 久未报告)
    ({"measure": "1.1", "date": "2019-03-31", "state": "in_progress", "note": "调试中"}, True),
    ({"measure": "1.1", "date": "2019-03-31", "state": "in_progress"}, False),
    ({"measure": "1.1", "date": "2019-03-31", "state": "in_progress", "note": " "}, False),
    ({"measure": "1.1", "date": "2019-03-31", "state": "reopened"}, False),
    ({"measure": "1.1", "date": "2019-03-31", "state": "done", "evidence": "x", "milestone": "2018-12-31"}, True),
    ({"measure": "1.1", "date": "2019-03-31", "state": "done", "evidence": ""}, False),  # (refused on load too)
    ({"measure": "1.1", "date": "2019-03-31", "state": "done", "evidence": "x", "to": "2020-01-01"}, False),
    ({"measure": "1.1", "date": "2019-03-31", "state": "in_progress", "late": False}, False),
    ({"measure": "1.1", "date": "2019-03-31", "state": "reopened", "note": "回头看", "milestone": "2018-12-31"}, False),
    ({"measure": "1.1", "date": "2019-03-31", "state": "extended", "milestone": "2018-12-31", "to": "2019-06-30",
      "reason": "冬季停工", "approved_by": "自治区生态环境厅", "late": True}, True),
    # (`rectify extend` asks for both, and the loader refuses an extension without either)
    ({"measure": "1.1", "date": "2018-12-01", "state": "extended", "to": "2019-06-30", "approved_by": "拉萨市"}, False),
    ({"measure": "1.1", "date": "2018-12-01", "state": "extended", "to": "2019-06-30", "reason": "冬季停工"}, False),
])
def test_the_journal_schema_holds_an_entry_to_the_keys_its_state_uses(entry, valid):
    # (as the loader does: see test_registry's test_an_entry_a_write_would_refuse_is_refused_on_load)
    assert jsonschema.Draft202012Validator(JOURNAL_SCHEMA).is_valid([entry]) is valid


# -------------------------------------------------------------------- JSON output: history, show, status, check, export, reconcile

OUTPUT_SCHEMAS = ("history", "show", "status", "check", "export", "reconcile")


def _output_validator(name: str) -> jsonschema.Draft202012Validator:
    """The schema of an output document, with the schemas it refers to (show's entries are history's,
    status's tasks and check's items show's)."""
    from referencing import Registry, Resource

    schemas = {n: json.loads((ROOT / "schema" / f"{n}.schema.json").read_text(encoding="utf-8")) for n in OUTPUT_SCHEMAS}
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return jsonschema.Draft202012Validator(schemas[name], registry=registry)


@pytest.fixture
def journal_written(tmp_path) -> Path:
    """The small fixture, with a close of 1.1 and its retraction, a report back-filled and a late extension."""
    import shutil

    from builders import run_cli

    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    plan = tmp_path / "small" / "tasks.yaml"
    for args in (("close", "1.1", "--evidence", "验收", "--date", "2019-03-01"), ("retract", "1.1", "--reason", "误记"),
                 ("report", "2.2", "--note", "补记", "--date", "2019-03-20", "--by", "环境保护厅"),
                 ("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "那曲市", "--late")):
        result = run_cli(*args, "--registry", str(plan), env={"RECTIFY_TODAY": "2019-04-20"})
        assert result.exit_code == 0, result.output
    return plan


@pytest.mark.parametrize("args", [("history",), ("history", "--since", "2019-04-20"), ("show", "1.1"), ("show", "4"),
                                  ("show", "2.1"), ("show", "1.1", "--as-of", "2018-01-31")])
def test_history_and_show_json_match_their_schemas(journal_written, args):
    from builders import run_cli

    result = run_cli(*args, "--format", "json", "--registry", str(journal_written), env={"RECTIFY_TODAY": "2019-04-20"})
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    _output_validator(args[0]).validate(document)
    assert _undescribed_fields(document, _output_validator(args[0])) == []


def _undescribed_fields(document, validator) -> list[str]:
    """The fields of `document` no schema describes. (The schemas let a reader's older copy
    accept fields added later; ours must still describe every field we write.)"""
    described = _property_names([validator.schema, *(_output_validator(n).schema for n in OUTPUT_SCHEMAS)])
    return sorted(_field_names(document) - described)


def _property_names(node) -> set[str]:
    if isinstance(node, list):
        return set().union(*map(_property_names, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    return set(node.get("properties", {})) | _property_names(list(node.values()))


def _field_names(value) -> set[str]:
    if isinstance(value, list):
        return set().union(*map(_field_names, value)) if value else set()
    if not isinstance(value, dict):
        return set()
    return set(value) | _field_names(list(value.values()))


ENTRY = {"measure": "1.1", "date": "2019-03-01", "state": "done", "note": "", "evidence": "验收", "by": None,
         "milestone": None, "to": None, "reason": None, "approved_by": None, "late": False, "far_future": False, "recorded": None,
         "retracts": None, "hash": "a" * 64, "file": "progress.yaml", "line": 57, "counts": False,
         "retracted_by": {"hash": "b" * 64, "date": "2019-03-05"}}


@pytest.mark.parametrize("entry, valid", [
    (ENTRY, True),
    ({**ENTRY, "counts": True, "retracted_by": None}, True),
    ({k: v for k, v in ENTRY.items() if k != "counts"}, False),
    ({**ENTRY, "date": "2019/3/1"}, False),
    ({**ENTRY, "retracted_by": {"hash": "b" * 64}}, False),
    ({**ENTRY, "state": "closed"}, False),
])
def test_the_history_schema_holds_an_entry_to_its_fields(entry, valid):
    assert _output_validator("history").is_valid({"entries": [entry]}) is valid


# -------------------------------------------------------------------- status and check

DATA = str(ROOT / "data" / "tasks.yaml")
# (the bundled ledger's feedback was given on 2018-01-03; its report is of 2019-03-31)
BUNDLED_RUNS = [
    ("2018-01-01",), ("2019-03-31",), ("2030-01-01",),
    ("2019-03-31", "--owner", "那曲市"), ("2030-01-01", "--owner", "拉萨市", "--region", "拉萨市"),
]


def _json_of(*args, today: str = "2019-03-31") -> dict:
    from builders import run_cli

    result = run_cli(*args, "--format", "json", env={"RECTIFY_TODAY": today})
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _assert_matches(name: str, document: dict) -> None:
    _output_validator(name).validate(document)
    assert _undescribed_fields(document, _output_validator(name)) == []


@pytest.mark.parametrize("args", [*BUNDLED_RUNS, ("2019-03-31", "--limit", "3"), ("2030-01-01", "--limit", "3", "--owner", "各地市")],
                         ids=" ".join)
def test_status_json_of_the_bundled_ledger_matches_its_schema(args):
    as_of, *options = args
    document = _json_of("status", "--registry", DATA, "--as-of", as_of, *options)
    assert document["tasks"]
    assert ("tasks_omitted" in document) is ("--limit" in options)
    _assert_matches("status", document)


@pytest.mark.parametrize("args", [*BUNDLED_RUNS, ("2030-01-01", "--fail-on", "due_soon,stale")], ids=" ".join)
def test_check_json_of_the_bundled_ledger_matches_its_schema(args):
    as_of, *options = args
    document = _json_of("check", "--registry", DATA, "--as-of", as_of, *options)
    assert document["items"]
    _assert_matches("check", document)


def test_check_json_items_of_each_kind_and_rule_match_the_schema():
    # (before the feedback: immediate measures due soon, warnings; long after it, overdue and stale failures)
    warned = _json_of("check", "--registry", DATA, "--as-of", "2018-01-01")
    failed = _json_of("check", "--registry", DATA, "--as-of", "2030-01-01", "--fail-on", "stale")
    assert {(i["kind"], i["rule"]) for i in warned["items"] + failed["items"]} == {
        ("warning", "due_soon"), ("failure", "overdue"), ("failure", "stale")}
    _assert_matches("check", warned)
    _assert_matches("check", failed)


def test_empty_status_and_check_json_match_their_schemas():
    status = _json_of("status", "--registry", DATA, "--as-of", "2030-01-01", "--state", "due_soon", "--limit", "3")
    check = _json_of("check", "--registry", DATA, "--as-of", "2019-03-31", "--task", "1")
    assert (status["tasks"], status["tasks_omitted"], check["items"]) == ([], 0, [])
    _assert_matches("status", status)
    _assert_matches("check", check)


@pytest.mark.parametrize("command", ["status", "check"])
@pytest.mark.parametrize("as_of", ["2019-03-31", "2030-01-01"])
def test_status_and_check_json_of_a_folder_registry_match_their_schemas(tmp_path, monkeypatch, command, as_of):
    from test_folder_registry import split_small

    split_small(tmp_path / "reg")
    monkeypatch.chdir(tmp_path)  # (files named relative to it, as check names them)
    document = _json_of(command, "--registry", "reg", "--as-of", as_of, *(("--fail-on", "stale") if command == "check" else ()))
    if command == "status":
        assert [f["file"] for f in document["files"]] == ["reg/naqu.yaml", "reg/xizang.yaml"]
        # (the small ledger's measure 4.1 was closed 127 days after its immediate deadline)
        assert [m["closed_late"] for t in document["tasks"] for m in t["measures"] if m["id"] == "naqu:4.1"] == [
            {"closed": "2018-05-10", "deadline": "2018-01-03", "days": 127}]
    else:
        assert {i["file"] for i in document["items"]} == {"reg/naqu.yaml", "reg/xizang.yaml"}
    _assert_matches(command, document)


def test_status_json_of_a_late_extension_matches_its_schema(journal_written):
    document = _json_of("status", "--registry", str(journal_written), today="2019-04-20")
    assert [m["extended_late"] for t in document["tasks"] for m in t["measures"] if m["id"] == "2.1"] == [True]
    _assert_matches("status", document)


# Hand-made documents: each a valid one but for one field, so that a schema is seen to hold that field.
MILESTONE = {"kind": "date", "due": "2018-12-31", "original_due": "2018-12-31", "label": None, "done": False, "status": "overdue"}
MEASURE = {"id": "1.1", "status": "overdue", "light": "red", "stale": False, "days_overdue": 90, "next_due": "2018-12-31",
           "extended_late": False, "owners": ["拉萨市"], "lead": "拉萨市", "milestones": [MILESTONE],
           "last_entry": "2018-09-30", "closed_late": None}
TASK = {"id": "1", "title": "污水处理设施建设滞后", "status": "overdue", "light": "red", "days_overdue": 90,
        "deadline": {"text": "2018年12月31日前完成", "milestones": [{"kind": "date", "due": "2018-12-31", "label": None}]},
        "reported": {"state": "basically_done", "ongoing": False}, "measures_closed_late": 0, "measures": [MEASURE]}
STATES = {"overdue": 1, "due_soon": 0, "on_track": 0, "ongoing": 0, "done": 0}
STATUS = {"as_of": "2019-03-31", "warn_days": 30, "report_period_days": 90, "latest_entry": "2018-09-30", "last_update": "2018-09-30",
          "feedback_date": "2018-01-03", "before_feedback": False,
          "counts": {"tasks": STATES, "measures": STATES, "lights": {"red": 1, "yellow": 0, "green": 0}, "stale": 0,
                     "closed_late": 0},
          "filters": {}, "tasks": [TASK]}
ITEM = {**MEASURE, "task_id": "1", "text": "建成拉萨市污水处理厂", "file": "data/tasks.yaml", "line": 41, "kind": "failure",
        "rule": "overdue"}
CHECK = {"as_of": "2019-03-31", "warn_days": 30, "report_period_days": 90, "fail_on": ["overdue"], "failing": 1,
         "warnings": 0, "total": 8, "items": [ITEM], "filters": {"owner": ["拉萨市"]}}


def _with_task(**fields) -> dict:
    return {**STATUS, "tasks": [{**TASK, **fields}]}


def _with_measure(**fields) -> dict:
    return _with_task(measures=[{**MEASURE, **fields}])


def _with_item(**fields) -> dict:
    return {**CHECK, "items": [{**ITEM, **fields}]}


@pytest.mark.parametrize("document, valid", [
    (STATUS, True),
    ({**STATUS, "latest_entry": None, "tasks": [], "tasks_omitted": 1,
      "files": [{"file": "reg/naqu.yaml", "latest_entry": None, "stale": True, "feedback_date": "2018-05-01",
                 "before_feedback": True}]}, True),
    ({**STATUS, "as_of": "2017-06-30", "before_feedback": True}, True),
    ({k: v for k, v in STATUS.items() if k != "before_feedback"}, False),
    ({**STATUS, "before_feedback": "yes"}, False),
    ({**STATUS, "files": [{"file": "reg/naqu.yaml", "latest_entry": None, "stale": True, "feedback_date": "2018-05-01"}]},
     False),
    (_with_measure(closed_late={"closed": "2019-01-10", "deadline": "2018-12-31", "days": 10}, status="done", light="green"), True),
    (_with_task(id=1), False),  # an id as a number
    (_with_measure(id=1.1), False),
    (_with_measure(status="late"), False),  # a state rectify has not
    (_with_task(light="amber"), False),
    (_with_measure(milestones=[{**MILESTONE, "kind": "weekly"}]), False),
    (_with_measure(next_due="2018/12/31"), False),
    (_with_measure(last_entry=""), False),
    ({k: v for k, v in STATUS.items() if k != "latest_entry"}, False),  # a field missing
    ({**STATUS, "counts": {**STATUS["counts"], "lights": {"red": 1, "green": 0}}}, False),
    ({**STATUS, "counts": {**STATUS["counts"], "measures": {k: v for k, v in STATES.items() if k != "due_soon"}}}, False),
    (_with_measure(light=None), False),
    ({**STATUS, "tasks_omitted": -1}, False),
    ({**STATUS, "files": [{"file": "reg/naqu.yaml", "latest_entry": None}]}, False),
    ({**STATUS, "filters": {"owner": ["拉萨市"], "state": ["overdue", "stale"]}}, True),
    ({k: v for k, v in STATUS.items() if k != "filters"}, False),
    ({**STATUS, "filters": {"state": ["late"]}}, False),
    ({**STATUS, "filters": {"task": []}}, False),
])
def test_the_status_schema_holds_a_document_to_its_fields(document, valid):
    assert _output_validator("status").is_valid(document) is valid


@pytest.mark.parametrize("document, valid", [
    (CHECK, True),
    ({**CHECK, "fail_on": ["overdue", "due_soon", "stale"], "items": []}, True),
    (_with_item(kind="warning", rule="due_soon", status="due_soon", light="yellow", days_overdue=0), True),
    (_with_item(id=1.1), False),  # an id as a number
    (_with_item(task_id=1), False),
    (_with_item(kind="error"), False),  # a kind rectify has not
    (_with_item(rule="late"), False),
    (_with_item(rule=None), False),  # (a listed measure is listed by a rule)
    (_with_item(kind="warning"), False),  # (only a measure due soon is a warning; an overdue one always fails)
    (_with_item(status="closed"), False),
    (_with_item(line="41"), False),
    ({**CHECK, "fail_on": ["due_soon"]}, False),  # (overdue always fails)
    ({**CHECK, "fail_on": ["overdue", "late"]}, False),
    ({**CHECK, "as_of": "2019-3-31"}, False),
    ({k: v for k, v in CHECK.items() if k != "total"}, False),  # a field missing
    ({**CHECK, "items": [{k: v for k, v in ITEM.items() if k != "file"}]}, False),
    ({**CHECK, "items": [{k: v for k, v in ITEM.items() if k != "stale"}]}, False),  # (of the status measure's shape)
    ({**CHECK, "filters": {}}, True),  # (none given)
    ({k: v for k, v in CHECK.items() if k != "filters"}, False),
    ({**CHECK, "filters": {"owner": []}}, False),  # (a kind not given is left out)
    ({**CHECK, "filters": {"owner": "拉萨市"}}, False),
    ({**CHECK, "filters": {"state": ["overdue"]}}, False),  # (check has no state filter)
])
def test_the_check_schema_holds_a_document_to_its_fields(document, valid):
    assert _output_validator("check").is_valid(document) is valid


# -------------------------------------------------------------------- export and reconcile

SMALL = str(ROOT / "tests" / "fixtures" / "small" / "tasks.yaml")


@pytest.mark.parametrize("plan", [DATA, SMALL], ids=["bundled", "small"])
def test_export_json_matches_its_schema(plan):
    document = _json_of("export", "--registry", plan)
    assert "files" not in document["registry"]
    # (an immediate milestone, whose due is null, beside dated and ongoing ones)
    assert {"immediate", "date", "ongoing"} <= {ms["kind"] for t in document["tasks"] for m in t["measures"]
                                               for ms in m["milestones"]}
    _assert_matches("export", document)


def test_export_json_of_a_plan_without_a_journal_matches_its_schema(tmp_path):
    import shutil

    shutil.copy(SMALL, tmp_path)
    document = _json_of("export", "--registry", str(tmp_path / "tasks.yaml"))
    assert {m["note"] for t in document["tasks"] for m in t["measures"]} == {None}  # (nothing reported yet)
    _assert_matches("export", document)


def _folder_of_two_reports(tmp_path, monkeypatch, *, differ: bool) -> str:
    """The small fixture as a folder registry (test_folder_registry.split_small); `differ`: its
    files of two inspections, whose immediate milestones are due on different days."""
    from test_folder_registry import split_small

    folder = split_small(tmp_path / "reg")
    if differ:
        naqu = folder / "naqu.yaml"
        text = naqu.read_text(encoding="utf-8").replace("inspection: 测试督察组", "inspection: 另一督察组", 1)
        naqu.write_text(text.replace("  settings:\n", "  settings:\n    immediate_due: 2018-02-01\n", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # (files named relative to it, as check names them)
    return "reg"


@pytest.mark.parametrize("differ", [False, True], ids=["alike", "differ"])
def test_export_json_of_a_folder_registry_matches_its_schema(tmp_path, monkeypatch, differ):
    document = _json_of("export", "--registry", _folder_of_two_reports(tmp_path, monkeypatch, differ=differ))
    registry = document["registry"]
    assert [(f["file"], f["prefix"]) for f in registry["files"]] == [("reg/naqu.yaml", "naqu:"), ("reg/xizang.yaml", "xizang:")]
    # (of two inspections, the folder's is none, and each file's immediate milestones are due on its own day)
    assert (registry["inspection"], registry["settings"]["immediate_due"]) == ((None, None) if differ else ("测试督察组", "2018-01-03"))
    assert [f["immediate_due"] for f in registry["files"]] == ["2018-02-01" if differ else "2018-01-03", "2018-01-03"]
    _assert_matches("export", document)


def _reconcile_json(plan: str, *, exit_code: int) -> dict:
    from builders import run_cli

    result = run_cli("reconcile", "--registry", plan, "--format", "json", env={"RECTIFY_TODAY": "2019-04-20"})
    assert result.exit_code == exit_code, result.output
    return json.loads(result.stdout)


def test_reconcile_json_of_the_bundled_ledger_matches_its_schema():
    document = _reconcile_json(DATA, exit_code=1)
    (report,) = document["reports"]
    # (a mismatch with another reading offered, one without, and claims that agree)
    assert {(c["matches"], c["alternative"] is None) for c in report["claims"]} == {(True, True), (False, False), (False, True)}
    _assert_matches("reconcile", document)


def _small_with_claims(tmp_path, claims: str, *, measures_total: int = 9) -> str:
    """The small fixture with `claims` (YAML items) before its own, and its measures_total claim as given."""
    import shutil

    text = Path(SMALL).read_text(encoding="utf-8").replace("  claims:\n", "  claims:\n" + claims, 1)
    text = text.replace("      value: 9   #", f"      value: {measures_total}   #", 1)
    text = text.replace("text: 9项具体措施", f"text: {measures_total}项具体措施", 1)  # (its words, its value)
    (tmp_path / "tasks.yaml").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "small" / "progress.yaml", tmp_path)
    return str(tmp_path / "tasks.yaml")


def test_reconcile_json_of_claims_not_checked_matches_its_schema(tmp_path):
    # (a claim the ledger has no count for, one no rule knows, and a mismatch)
    plan = _small_with_claims(tmp_path, "    - {key: tasks_in_progress, text: 正在推进2项, value: 2}\n"
                                        "    - {key: trees_planted, text: 植树100万株, value: 1000000}\n")
    document = _reconcile_json(plan, exit_code=1)
    (report,) = document["reports"]
    assert [(c["key"], c["matches"], c["not_counted"] is None) for c in report["claims"]] == [
        ("tasks_in_progress", None, False), ("trees_planted", None, True), ("tasks_total", True, True),
        ("measures_total", False, True)]
    assert (report["file"], document["agree"]) == (None, False)
    _assert_matches("reconcile", document)


def test_reconcile_json_of_a_claim_contradicting_its_words_and_a_mistyped_key_matches_its_schema(tmp_path):
    # (整改完成率20% of a value of 0%, the appendix's rate: its words disagree; task_total: tasks_total mistyped)
    plan = _small_with_claims(tmp_path, "    - {key: tasks_done_percent, text: 整改完成率20%, value: 0}\n"
                                        "    - {key: task_total, text: 全区4项整改任务, value: 4}\n", measures_total=8)
    document = _reconcile_json(plan, exit_code=1)
    (report,) = document["reports"]
    assert [(c["key"], c["matches"], c["text_value"], c["suggestion"]) for c in report["claims"]] == [
        ("tasks_done_percent", True, 20, None), ("task_total", None, None, "tasks_total"), ("tasks_total", True, None, None),
        ("measures_total", True, None, None)]
    assert document["agree"] is False
    _assert_matches("reconcile", document)


@pytest.mark.parametrize("report", [None, "全区4项整改任务", "%PDF-1.4"])
def test_reconcile_json_of_a_report_named_read_or_not_matches_its_schema(tmp_path, report):
    # (the report the plan names (registry.source): missing, read (its words found or not), not text)
    plan = _small_with_claims(tmp_path, "", measures_total=8)
    Path(plan).write_text(Path(plan).read_text(encoding="utf-8").replace("  report_date: 2019-03-31\n",
                                                                        "  report_date: 2019-03-31\n  source: report.txt\n", 1),
                          encoding="utf-8")
    if report is not None:
        (tmp_path / "report.txt").write_text(report, encoding="utf-8")
    document = _reconcile_json(plan, exit_code=1 if report == "全区4项整改任务" else 0)  # (8项具体措施: not said)
    (named,) = document["reports"]
    assert (named["source"]["read"], named["source"]["why"]) == {None: (False, "missing"), "%PDF-1.4": (False, "pdf")}.get(
        report, (True, None))
    _assert_matches("reconcile", document)
    # (and the schema holds a report not read to have checked no words)
    named["claims"][0]["quoted"] = True
    if not named["source"]["read"]:
        assert list(_output_validator("reconcile").iter_errors(document))


def test_reconcile_json_of_a_report_its_appendix_supports_matches_its_schema(tmp_path):
    document = _reconcile_json(_small_with_claims(tmp_path, "", measures_total=8), exit_code=0)
    assert document["agree"] is True
    _assert_matches("reconcile", document)


def test_reconcile_json_of_a_folder_registry_matches_its_schema(tmp_path, monkeypatch):
    document = _reconcile_json(_folder_of_two_reports(tmp_path, monkeypatch, differ=True), exit_code=1)
    # (one file makes no claim; the other's are judged against its own half of the appendix)
    assert [(r["file"], len(r["claims"])) for r in document["reports"]] == [("reg/naqu.yaml", 0), ("reg/xizang.yaml", 2)]
    _assert_matches("reconcile", document)


PLAN_MILESTONE = {"kind": "date", "due": "2018-12-31", "label": None}
PLAN_MEASURE = {"id": "1.1", "text": "拉萨市建成城东污水处理厂（2018年12月31日）。", "owners": ["拉萨市"], "lead": "拉萨市",
                "milestones": [PLAN_MILESTONE], "note": "主体工程完工60%。"}
PLAN_TASK = {"id": "1", "title": "污水处理设施建设滞后", "problem": "污水处理设施建设滞后。",
             "deadline": {"text": "2018年12月31日前完成", "milestones": [PLAN_MILESTONE]},
             "reported": {"state": "basically_done", "ongoing": False}, "regions": ["拉萨市"], "measures": [PLAN_MEASURE]}
CLAIM = {"key": "tasks_total", "text": "全区4项整改任务", "value": 4}
PLAN_FILE = {"file": "reg/naqu.yaml", "prefix": "naqu:", "title": "测试台账", "issuer": "那曲市委、市政府", "inspection": None,
             "feedback_date": "2018-01-03", "report_date": "2019-03-31", "immediate_due": "2018-01-03", "claims": [CLAIM]}
EXPORT = {"registry": {"title": "测试台账", "issuer": "测试自治区党委、政府", "inspection": "测试督察组",
                       "feedback_date": "2018-01-03", "report_date": "2019-03-31",
                       "settings": {"timezone": "Asia/Shanghai", "warn_days": 30, "report_period_days": 90,
                                    "immediate_due": "2018-01-03"},
                       "claims": [CLAIM]},
          "units": [{"name": "拉萨市", "aliases": [], "kind": "region"}],
          "tasks": [PLAN_TASK]}


def _export_with(**fields) -> dict:
    return {**EXPORT, "registry": {**EXPORT["registry"], **fields}}


def _plan_measure_with(**fields) -> dict:
    return {**EXPORT, "tasks": [{**PLAN_TASK, "measures": [{**PLAN_MEASURE, **fields}]}]}


@pytest.mark.parametrize("document, valid", [
    (EXPORT, True),
    (_export_with(inspection=None, settings={**EXPORT["registry"]["settings"], "immediate_due": None}, files=[PLAN_FILE]), True),
    ({**EXPORT, "units": [{"name": "各地市", "aliases": ["各市"], "kind": None}]}, True),
    (_plan_measure_with(note=None, milestones=[{"kind": "immediate", "due": None, "label": "立即启动"}]), True),
    ({k: v for k, v in EXPORT.items() if k != "units"}, False),  # a field missing
    ({**EXPORT, "tasks": [{**PLAN_TASK, "measures": [{k: v for k, v in PLAN_MEASURE.items() if k != "note"}]}]}, False),
    (_export_with(files=[{k: v for k, v in PLAN_FILE.items() if k != "prefix"}]), False),
    ({**EXPORT, "tasks": [{**PLAN_TASK, "id": 1}]}, False),  # an id as a number
    (_plan_measure_with(id=1.1), False),
    (_export_with(claims=[{**CLAIM, "value": "4"}]), False),
    (_export_with(feedback_date="2018年1月3日"), False),
    (_export_with(settings={**EXPORT["registry"]["settings"], "warn_days": "30"}), False),
    ({**EXPORT, "units": [{"name": "拉萨市", "aliases": [], "kind": "city"}]}, False),  # a kind rectify has not
    (_plan_measure_with(owners="拉萨市"), False),
    (_plan_measure_with(milestones=[{**PLAN_MILESTONE, "due": None}]), False),  # (a dated milestone has its date)
    (_plan_measure_with(milestones=[{"kind": "ongoing", "due": "2018-12-31", "label": None}]), False),
    (_plan_measure_with(milestones=[]), False),
    ({**EXPORT, "tasks": [{**PLAN_TASK, "reported": {"state": "done", "ongoing": False}}]}, False),
])
def test_the_export_schema_holds_a_document_to_its_fields(document, valid):
    assert _output_validator("export").is_valid(document) is valid


RULE = {"zh": "附件所列整改任务数", "en": "tasks listed in the appendix"}
AGREEING = {"key": "tasks_total", "text": "全区4项整改任务", "claimed": 4, "computed": 4, "matches": True, "rule": RULE,
            "alternative": None, "not_counted": None, "text_value": None, "suggestion": None, "quoted": None}
DIFFERING = {**AGREEING, "key": "measures_total", "text": "9项具体措施", "claimed": 9, "computed": 8, "matches": False,
             "alternative": {"zh": "另一种口径", "en": "another reading", "value": 9}}
UNCHECKED = {**AGREEING, "key": "tasks_in_progress", "text": "正在推进2项", "claimed": 2, "computed": None, "matches": None,
             "rule": None, "not_counted": {"zh": "台账无此口径", "en": "the ledger has no such count"}}
RECONCILE = {"agree": False, "reports": [{"file": None, "report_date": "2019-03-31", "source": None,
                                           "claims": [AGREEING, DIFFERING, UNCHECKED]}]}
READ = {"named": "source/report.txt", "path": "data/source/report.txt", "read": True, "why": None}
MISSING = {**READ, "read": False, "why": "missing"}


def _reconcile_with(*claims, source=None, **fields) -> dict:
    return {**RECONCILE, **fields, "reports": [{**RECONCILE["reports"][0], "source": source, "claims": list(claims)}]}


@pytest.mark.parametrize("document, valid", [
    (RECONCILE, True),
    (_reconcile_with(AGREEING, {**UNCHECKED, "not_counted": None}, agree=True), True),  # (a key no rule knows)
    ({"agree": True, "reports": [{"file": "reg/naqu.yaml", "report_date": "2019-03-31", "source": None, "claims": []}]}, True),
    ({"agree": True, "reports": [{"file": "reg/naqu.yaml", "report_date": "2019-03-31", "claims": []}]}, False),  # (source?)
    ({k: v for k, v in RECONCILE.items() if k != "agree"}, False),  # a field missing
    (_reconcile_with({k: v for k, v in AGREEING.items() if k != "not_counted"}, agree=True), False),
    (_reconcile_with(AGREEING, agree="true"), False),
    (_reconcile_with({**AGREEING, "claimed": "4"}, agree=True), False),
    (_reconcile_with({**AGREEING, "matches": "yes"}, agree=True), False),
    (_reconcile_with(DIFFERING, agree=True), False),  # (a claim the appendix does not support: they do not agree)
    (_reconcile_with(AGREEING, agree=False), False),
    (_reconcile_with({**AGREEING, "rule": None}, agree=True), False),  # (a figure computed by a rule names it)
    (_reconcile_with({**UNCHECKED, "matches": True}, agree=True), False),  # (nothing computed: nothing agrees)
    (_reconcile_with({**AGREEING, "alternative": DIFFERING["alternative"]}, agree=True), False),  # (for a mismatch only)
    (_reconcile_with({**AGREEING, "not_counted": UNCHECKED["not_counted"]}, agree=True), False),
    (_reconcile_with({**AGREEING, "rule": {"zh": RULE["zh"]}}, agree=True), False),
    ({**RECONCILE, "reports": [{**RECONCILE["reports"][0], "report_date": "2019-3-31"}]}, False),
    # (a claim whose words give another figure, 全区5项整改任务 of 4, or whose key is mistyped: they do not agree)
    (_reconcile_with({**AGREEING, "text": "全区5项整改任务", "text_value": 5}, agree=False), True),
    (_reconcile_with({**AGREEING, "text": "全区5项整改任务", "text_value": 5}, agree=True), False),
    (_reconcile_with({**UNCHECKED, "key": "task_total", "not_counted": None, "suggestion": "tasks_total"}, agree=False), True),
    (_reconcile_with({**UNCHECKED, "key": "task_total", "not_counted": None, "suggestion": "tasks_total"}, agree=True), False),
    (_reconcile_with({**AGREEING, "suggestion": "tasks_total"}, agree=False), False),  # (a key a rule counts is no typo)
    (_reconcile_with({k: v for k, v in AGREEING.items() if k != "text_value"}, agree=True), False),
    # (a claim whose words the report it quotes does not say: they do not agree)
    (_reconcile_with({**AGREEING, "quoted": False}, source=READ, agree=False), True),
    (_reconcile_with({**AGREEING, "quoted": False}, source=READ, agree=True), False),
    (_reconcile_with({**AGREEING, "quoted": True}, source=READ, agree=True), True),
    (_reconcile_with({**AGREEING, "quoted": "yes"}, source=READ, agree=True), False),
    # (the report the plan names: read, or not and why; words are looked for only in one read)
    (_reconcile_with(AGREEING, source=MISSING, agree=True), True),
    (_reconcile_with({**AGREEING, "quoted": True}, agree=True), False),
    (_reconcile_with({**AGREEING, "quoted": True}, source=MISSING, agree=True), False),
    (_reconcile_with(AGREEING, source={**MISSING, "why": None}, agree=True), False),
    (_reconcile_with(AGREEING, source={**READ, "why": "missing"}, agree=True), False),
    (_reconcile_with(AGREEING, source={**MISSING, "why": "gone"}, agree=True), False),
    (_reconcile_with(AGREEING, source={k: v for k, v in READ.items() if k != "path"}, agree=True), False),
])
def test_the_reconcile_schema_holds_a_document_to_its_fields(document, valid):
    assert _output_validator("reconcile").is_valid(document) is valid
