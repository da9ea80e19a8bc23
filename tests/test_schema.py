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
])
def test_the_journal_schema_holds_an_entry_to_the_keys_its_state_uses(entry, valid):
    # (as the loader does: see test_registry's test_an_entry_a_write_would_refuse_is_refused_on_load)
    assert jsonschema.Draft202012Validator(JOURNAL_SCHEMA).is_valid([entry]) is valid


# -------------------------------------------------------------------- JSON output: history, show

def _output_validator(name: str) -> jsonschema.Draft202012Validator:
    """The schema of an output document, with the schemas it refers to (show's entries are history's)."""
    from referencing import Registry, Resource

    schemas = {n: json.loads((ROOT / "schema" / f"{n}.schema.json").read_text(encoding="utf-8")) for n in ("history", "show")}
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


@pytest.mark.parametrize("args", [("history",), ("history", "--since", "2019-05"), ("show", "1.1"), ("show", "4"),
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
    described = _property_names([validator.schema, *(_output_validator(n).schema for n in ("history", "show"))])
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


ENTRY = {"measure": "1.1", "date": "2019-03-01", "state": "done", "note": None, "evidence": "验收", "by": None,
         "milestone": None, "to": None, "reason": None, "approved_by": None, "late": False, "recorded": None,
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
