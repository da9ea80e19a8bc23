"""A folder of plan files (NAME.yaml + NAME.progress.yaml) is one registry with prefixed ids."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rectify_cli import registry
from rectify_cli.errors import RegistryError

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"
AS_OF = "2019-03-31"


def split_small(folder: Path) -> Path:
    """The small fixture as two files: tasks 1-2 in xizang.yaml, tasks 3-4 in naqu.yaml."""
    folder.mkdir()
    plan = (SMALL / "tasks.yaml").read_text(encoding="utf-8")
    head, tasks = plan.split("tasks:\n", 1)
    first, second = tasks.split("  - id: 3\n", 1)
    claims = re.search(r"  claims:\n(?:    .*\n)+", head).group(0)
    (folder / "xizang.yaml").write_text(head + "tasks:\n" + first, encoding="utf-8")
    (folder / "naqu.yaml").write_text(head.replace(claims, "") + "tasks:\n  - id: 3\n" + second, encoding="utf-8")
    entries = (SMALL / "progress.yaml").read_text(encoding="utf-8").split("\n- ")
    header, items = entries[0], ["- " + e for e in entries[1:]]
    for name, tasks_of_file in (("xizang", "12"), ("naqu", "34")):
        mine = [e for e in items if e.split('"')[1][0] in tasks_of_file]
        (folder / f"{name}.progress.yaml").write_text(header + "\n" + "\n".join(e.rstrip("\n") for e in mine) + "\n", encoding="utf-8")
    return folder


def run(*args, env_extra=None):
    env = {**os.environ, "RECTIFY_TODAY": AS_OF, "RECTIFY_CACHE_DIR": env_extra or os.environ.get("RECTIFY_CACHE_DIR", "")}
    return subprocess.run([sys.executable, "-m", "rectify_cli", *args], capture_output=True, text=True, env=env)


def unprefixed(document):
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    return json.loads(re.sub(r'"(?:xizang|naqu):', '"', text))


def test_folder_loads_with_prefixed_unique_ids(tmp_path):
    folder = split_small(tmp_path / "reg")
    reg = registry.load_registry(folder, today=date(2019, 3, 31), use_cache=False)
    assert [t.id for t in reg.plan.tasks] == ["naqu:3", "naqu:4", "xizang:1", "xizang:2"]
    assert sorted(e.measure for e in reg.journal) == [
        "naqu:3.1", "naqu:3.2", "naqu:4.1", "naqu:4.2", "naqu:4.2",
        "xizang:1.1", "xizang:1.2", "xizang:2.1", "xizang:2.2"]
    assert reg.plan.meta.title == "测试台账"  # shared by every file: kept
    assert [(c.key, c.value) for c in reg.plan.meta.claims] == [("tasks_total", 4), ("measures_total", 9)]
    assert reg.journal_files == (str(folder / "naqu.progress.yaml"), str(folder / "xizang.progress.yaml"))
    entry = next(e for e in reg.journal if e.measure == "naqu:4.1")
    assert entry.location.file == str(folder / "naqu.progress.yaml")


def test_claims_of_the_same_key_add_up(tmp_path):
    folder = split_small(tmp_path / "reg")
    naqu = folder / "naqu.yaml"
    naqu.write_text(naqu.read_text(encoding="utf-8").replace(
        "  settings:", "  claims:\n    - key: measures_total\n      text: 那曲4项措施\n      value: 4\n  settings:", 1), encoding="utf-8")
    reg = registry.load_registry(folder, today=date(2019, 3, 31), use_cache=False)
    assert [(c.key, c.text, c.value) for c in reg.plan.meta.claims] == [
        ("measures_total", "那曲4项措施；9项具体措施", 13), ("tasks_total", "全区4项整改任务", 4)]


def test_status_json_of_the_folder_equals_the_single_file_modulo_prefixes(tmp_path):
    folder = split_small(tmp_path / "reg")
    cache = str(tmp_path / "cache")
    single = run("status", "--format", "json", "--as-of", AS_OF, "-r", str(SMALL / "tasks.yaml"), env_extra=cache)
    split = run("status", "--format", "json", "--as-of", AS_OF, "-r", str(folder), env_extra=cache)
    assert single.returncode == 0 and split.returncode == 0, split.stderr
    one, many = json.loads(single.stdout), unprefixed(json.loads(split.stdout))
    assert many["counts"] == one["counts"]
    key = lambda item: item["id"]  # noqa: E731 - the order among equals may follow the prefix
    assert sorted(many["tasks"], key=key) == sorted(unprefixed(one["tasks"]), key=key)


@pytest.mark.parametrize("command", [
    ["status"], ["status", "--measures"], ["check"], ["check", "--format", "json"], ["summary", "--month", "2019-03"],
    ["reconcile"], ["show", "naqu:4.2"], ["export"], ["validate"], ["history"],
])
def test_every_command_works_on_a_folder(command, tmp_path):
    folder = split_small(tmp_path / "reg")
    proc = run(*command, "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert proc.returncode in (0, 1), proc.stderr
    assert "internal error" not in proc.stderr and proc.stdout


def test_journal_entry_may_name_another_files_measure_with_its_prefix(tmp_path):
    folder = split_small(tmp_path / "reg")
    journal = folder / "xizang.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8") + '- measure: "naqu:3.1"\n  date: 2019-03-01\n  state: in_progress\n', encoding="utf-8")
    reg = registry.load_registry(folder, today=date(2019, 3, 31), use_cache=False)
    assert reg.journal[-1].measure == "naqu:3.1"


def test_differing_settings_are_refused(tmp_path):
    folder = split_small(tmp_path / "reg")
    naqu = folder / "naqu.yaml"
    naqu.write_text(naqu.read_text(encoding="utf-8").replace("warn_days: 30", "warn_days: 10"), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        registry.load_registry(folder, today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == f"{folder / 'xizang.yaml'}: registry.settings differ from those of naqu.yaml: the files of a folder registry share one set of settings"


def test_two_plan_files_of_one_name_are_refused(tmp_path):
    """naqu.yaml and naqu.yml would both prefix their ids naqu: and share naqu.progress.yaml."""
    folder = split_small(tmp_path / "reg")
    (folder / "naqu.yml").write_bytes((folder / "naqu.yaml").read_bytes())
    result = run("check", "-r", str(folder))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"rectify: {folder / 'naqu.yml'}: a second plan file named 'naqu' beside naqu.yaml: ids are "
                             "prefixed with the name (naqu:18.4) and the journal is named after it; rename one\n")


def test_editing_one_file_of_a_folder_reparses_only_it(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    folder = generate(tmp_path / "f", 310, seed=3, files=31)
    first = registry.load_registry(folder, today=date(2020, 6, 30))
    assert len(first.plan.tasks) > 31 and len({m.id for m in first.plan.measures()}) == 310
    xizang = folder / "xizang.progress.yaml"
    xizang.write_text(xizang.read_text(encoding="utf-8").replace("note: ", "note: 又", 1), encoding="utf-8")
    registry.PARSE_COUNTS.clear()
    again = registry.load_registry(folder, today=date(2020, 6, 30))
    assert {Path(k).name: v for k, v in registry.PARSE_COUNTS.items()} == {"xizang.progress.yaml": 1}
    assert again.plan == first.plan
    assert sum(e.note.startswith("又") for e in again.journal) == 1
