"""A folder of plan files (NAME.yaml + NAME.progress.yaml) is one registry with prefixed ids."""
from __future__ import annotations

import json
import os
import shutil
import re
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from builders import run_cli
from rectify_cli import registry
from rectify_cli.errors import RegistryError
from rectify_cli.textsafe import display_width

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


def run(*args, env_extra=None, lang=None):
    """The command line; `lang`: the language of its messages (RECTIFY_LANG), by default Chinese."""
    env = {**os.environ, "RECTIFY_TODAY": AS_OF, "RECTIFY_CACHE_DIR": env_extra or os.environ.get("RECTIFY_CACHE_DIR", "")}
    env.pop("RECTIFY_LANG", None)
    if lang:
        env["RECTIFY_LANG"] = lang
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
    # (xizang's report's counts alone: naqu's makes none, so no count of the folder's; see
    # test_a_folders_claim_is_the_sum_of_its_files_only_where_every_file_makes_it)
    assert [(c.key, c.value) for c in reg.plan.meta.claims] == []
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
        ("measures_total", "那曲4项措施；9项具体措施", 13)]  # (tasks_total, xizang's alone, is xizang's)


def test_rates_of_completion_are_not_added_up_across_the_folder(tmp_path):
    """Two provinces' 完成率71% and 80% made the folder claim 151%: a rate stays its own file's."""
    folder = split_small(tmp_path / "reg")
    for name, rate, before in (("xizang", 71, "  claims:\n"), ("naqu", 80, "  settings:")):  # (naqu's has no claims)
        plan = folder / f"{name}.yaml"
        claim = f"    - key: tasks_done_percent\n      text: 完成率{rate}%\n      value: {rate}\n"
        plan.write_text(plan.read_text(encoding="utf-8").replace(
            before, before + claim if name == "xizang" else "  claims:\n" + claim + before, 1), encoding="utf-8")
    reg = registry.load_registry(folder, today=date(2019, 3, 31), use_cache=False)
    assert "tasks_done_percent" not in [c.key for c in reg.plan.meta.claims]
    exported = json.loads(run("export", "--registry", str(folder)).stdout)["registry"]
    assert [c for c in exported["claims"] if c["key"] == "tasks_done_percent"] == []
    assert {f["prefix"]: [c["value"] for c in f["claims"] if c["key"] == "tasks_done_percent"] for f in exported["files"]} \
        == {"naqu:": [80], "xizang:": [71]}


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


@pytest.mark.parametrize("command, code", [
    (["status"], 0), (["status", "--measures"], 0), (["check"], 1), (["check", "--format", "json"], 1),
    (["summary", "--month", "2019-03"], 0), (["reconcile"], 1), (["show", "naqu:4.2"], 0), (["export"], 0),
    (["validate"], 0), (["history"], 0),
])
def test_every_command_works_on_a_folder(command, code, tmp_path):
    """(check: 1.1 is overdue; reconcile: the plan claims 9 measures of 8)"""
    folder = split_small(tmp_path / "reg")
    proc = run(*command, "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert proc.returncode == code, proc.stderr
    assert "内部错误" not in proc.stderr and proc.stdout  # (a bug's one line, in Chinese by default)


def test_every_command_names_a_folders_plan_file_as_check_does(tmp_path, monkeypatch):
    """A program (a CI step) matches a file one command names with what another names: every
    machine format gives the path check annotates, not a bare name some of them gave."""
    split_small(tmp_path / "reg")
    monkeypatch.chdir(tmp_path)  # (the folder named relative to the working folder, as in CI)
    cache = str(tmp_path / "cache")

    def document(*args):
        proc = run(*args, "-r", "reg", env_extra=cache)
        assert proc.returncode in (0, 1), proc.stderr
        return json.loads(proc.stdout)

    checked = {item["id"]: item["file"] for item in document("check", "--format", "json")["items"]}
    assert checked["xizang:1.1"] == "reg/xizang.yaml"  # (xizang:1.1 is overdue: check lists it)
    sarif = document("check", "--format", "sarif")["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif} == {"reg/xizang.yaml"}
    expected = ["reg/naqu.yaml", "reg/xizang.yaml"]
    assert [f["file"] for f in document("status", "--format", "json")["files"]] == expected
    assert [f["file"] for f in document("export")["registry"]["files"]] == expected
    assert [r["file"] for r in document("reconcile", "--format", "json")["reports"]] == expected
    # (history names journals, in the same form)
    assert {e["file"] for e in document("history", "--format", "json")["entries"]} == {
        "reg/naqu.progress.yaml", "reg/xizang.progress.yaml"}



def test_a_folder_of_one_plan_file_names_it_as_a_folder_of_two_does(tmp_path, monkeypatch):
    """A folder holding xizang.yaml alone (ids xizang:1.1) is a folder: reconcile gave its report
    "file": null and no heading, export no files, as if it were the file named alone, while check
    named reg/xizang.yaml. Named alone, the file is still no folder."""
    (tmp_path / "reg").mkdir()
    shutil.copy(SMALL / "tasks.yaml", tmp_path / "reg" / "xizang.yaml")
    shutil.copy(SMALL / "progress.yaml", tmp_path / "reg" / "xizang.progress.yaml")
    monkeypatch.chdir(tmp_path)
    cache = str(tmp_path / "cache")

    def document(registry, *args):
        proc = run(*args, "-r", registry, env_extra=cache)
        assert proc.returncode in (0, 1), proc.stderr
        return json.loads(proc.stdout)

    assert {item["file"] for item in document("reg", "check", "--format", "json")["items"]} == {"reg/xizang.yaml"}
    assert [r["file"] for r in document("reg", "reconcile", "--format", "json")["reports"]] == ["reg/xizang.yaml"]
    assert [f["file"] for f in document("reg", "export")["registry"]["files"]] == ["reg/xizang.yaml"]
    assert [f["file"] for f in document("reg", "status", "--format", "json")["files"]] == ["reg/xizang.yaml"]
    text = run("reconcile", "-r", "reg", env_extra=cache)
    assert (text.returncode, text.stdout.splitlines()[0]) == (1, "reg/xizang.yaml：报告数字核对（按附件计算，截至2019-03-31）")
    alone = "reg/xizang.yaml"
    assert [r["file"] for r in document(alone, "reconcile", "--format", "json")["reports"]] == [None]
    assert "files" not in document(alone, "export")["registry"]
    assert "files" not in document(alone, "status", "--format", "json")
    assert run("reconcile", "-r", alone, env_extra=cache).stdout.startswith("报告数字核对（按附件计算，截至2019-03-31）\n")
    # (its one file's quiet journal is the ledger's, said once, as of the file named alone)
    (tmp_path / "reg" / "xizang.progress.yaml").unlink()
    for args in (["status"], ["summary", "--month", "2019-03"]):
        said = [line for line in run(*args, "-r", "reg", env_extra=cache).stdout.splitlines() if line.startswith("注意")]
        assert said == ["注意：台账尚无任何进展记录。"], args


@pytest.mark.parametrize("lang, width, lines", [
    ("zh", 40, ["reg/naqu.yaml、reg/xizang.yaml：通过——", "4项整改任务、8项具体措施、9条进展记录"]),
    ("zh", 24, ["reg/naqu.yaml、", "reg/xizang.yaml：通过——", "4项整改任务、", "8项具体措施、9条进展记录"]),
    ("en", 40, ["reg/naqu.yaml, reg/xizang.yaml: ok —", "4 tasks, 8 measures, 9 journal entries"]),
])
def test_validate_wraps_its_line_at_the_terminals_width_between_files_and_counts(tmp_path, monkeypatch, lang, width,
                                                                                   lines):
    """validate's line ran past the terminal's edge (folded by it inside a path or a count), where
    status's header and check's lines are wrapped to it: it is too, between its files, never inside
    a path, and between its counts (`10条进展记` / `录` was cut). To a pipe or a file, one line."""
    split_small(tmp_path / "reg")
    monkeypatch.chdir(tmp_path)
    env = {"RECTIFY_TODAY": AS_OF, "RECTIFY_CACHE_DIR": str(tmp_path / "cache")}
    narrow = run_cli("validate", "-r", "reg", "--lang", lang, env={**env, "COLUMNS": str(width)})
    assert (narrow.exit_code, narrow.stdout.splitlines()) == (0, lines)
    piped = run_cli("validate", "-r", "reg", "--lang", lang, env={**env, "COLUMNS": None})
    assert (piped.exit_code, piped.stdout) == (0, {"zh": "", "en": " "}[lang].join(lines) + "\n")


def test_validate_wraps_its_line_never_inside_a_path_in_chinese(tmp_path, monkeypatch):
    """At 30 columns `整改台账目录/` / `tasks.yaml：通过——`: a path of Chinese words broke after its slash."""
    shutil.copytree(SMALL, tmp_path / "整改台账目录")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "-r", "整改台账目录/tasks.yaml", env={"RECTIFY_TODAY": AS_OF, "COLUMNS": "30"})
    assert (result.exit_code, result.stdout.splitlines()) == (0, ["整改台账目录/tasks.yaml：", "通过——4项整改任务、",
                                                                  "8项具体措施、9条进展记录"])


@pytest.mark.parametrize("lang, said", [("zh", "reg/（4 个文件）：通过——16项整改任务、32项具体措施、36条进展记录\n"),
                                         ("en", "reg/ (4 files): ok — 16 tasks, 32 measures, 36 journal entries\n")])
def test_validate_of_a_folder_of_many_files_names_the_folder_and_counts_them(tmp_path, monkeypatch, lang, said):
    folder = tmp_path / "reg"
    folder.mkdir()
    for name in ("a", "b", "c", "d"):  # (the small ledger four times, each plan file its own bytes)
        plan = (SMALL / "tasks.yaml").read_text(encoding="utf-8")
        (folder / f"{name}.yaml").write_text(plan + f"# {name}\n", encoding="utf-8")
        shutil.copy(SMALL / "progress.yaml", folder / f"{name}.progress.yaml")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "reg", "--lang", lang, env={"RECTIFY_TODAY": AS_OF})
    assert (result.exit_code, result.stdout, result.stderr) == (0, said, "")


def test_validate_with_no_ledger_found_says_it_judged_the_bundled_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bundled = Path(__file__).resolve().parents[1] / "data" / "tasks.yaml"
    result = run_cli("validate", "--lang", "en", env={"RECTIFY_TODAY": AS_OF, "COLUMNS": None})  # (one line: a pipe's)
    assert result.exit_code == 0
    assert result.stdout == (f"{bundled} (bundled example ledger: no ./data/tasks.yaml found): "
                             "ok — 45 tasks, 179 measures, 179 journal entries\n")


def test_reconcile_of_a_folder_gives_each_files_report_in_turn_named_as_check_names_it(tmp_path, monkeypatch):
    """One report a plan file, in the folder's order, a blank line apart; exit 1 for xizang's mismatches."""
    split_small(tmp_path / "reg")
    monkeypatch.chdir(tmp_path)
    result = run_cli("reconcile", "-r", "reg", "--lang", "en", env={"RECTIFY_TODAY": AS_OF, "COLUMNS": "60"})
    assert result.exit_code == 1
    assert result.stdout == (
        "reg/naqu.yaml: The report's figures recomputed from its\n"
        "appendix (as of 2019-03-31)\n"
        "\n"
        "The registry records no claims (registry.claims is empty).\n"
        "\n"
        "reg/xizang.yaml: The report's figures recomputed from its\n"
        "appendix (as of 2019-03-31)\n"
        "\n"
        "Key               Claimed    Computed  Result\n"
        "--------------  ---------  ----------  --------\n"
        "tasks_total             4           2  MISMATCH\n"
        "  Report's words: 全区4项整改任务\n"
        "  Counting rule: tasks listed in the appendix\n"
        "measures_total          9           4  MISMATCH\n"
        "  Report's words: 9项具体措施\n"
        "  Counting rule: measures listed in the appendix\n"
        "\n"
        "Figures the appendix does not support (2):\n"
        "- tasks_total (“全区4项整改任务”): the report claims 4, the\n"
        "  appendix gives 2.\n"
        "- measures_total (“9项具体措施”): the report claims 9, the\n"
        "  appendix gives 4.\n")


@pytest.mark.parametrize("columns", ["40", "100"])
def test_text_for_people_names_a_folders_plan_file_as_check_does_however_the_folder_was_typed(tmp_path, monkeypatch,
                                                                                               columns):
    """The status header and validate named a file as the folder was typed (/abs/reg/naqu.yaml),
    the quiet-journal warning and reconcile's headings by its bare name (xizang.yaml): one file,
    three names, none of them check's. Now each says reg/xizang.yaml, typed as reg or /abs/reg."""
    split_small(tmp_path / "reg")
    monkeypatch.chdir(tmp_path)
    env = {"RECTIFY_TODAY": "2019-06-05", "COLUMNS": columns}

    def said() -> dict[str, set]:
        """Each file name the commands print, by what says it, with the folder given both ways."""
        named = {}
        for folder in ("reg", str(tmp_path / "reg")):
            status = run_cli("status", "-r", folder, env=env)
            summary = run_cli("summary", "-r", folder, "--month", "2019-05", env=env)
            validate = run_cli("validate", "-r", folder, env=env)
            reconcile = run_cli("reconcile", "-r", folder, env=env)
            assert (status.exit_code, summary.exit_code, validate.exit_code, reconcile.exit_code) == (0, 0, 0, 1)
            # (at 40 columns the header puts a file a line; at 100 both on one)
            files = re.findall(r"[^\s、]*naqu\.yaml|[^\s、]*xizang\.yaml", status.stdout.split("截至")[0])
            named.setdefault("status header", set()).add(tuple(files))
            named.setdefault("status warning", set()).update(re.findall(r"^注意：(\S+) 自", status.stdout, re.M))
            named.setdefault("summary warning", set()).update(re.findall(r"^注意：(\S+) 自", summary.stdout, re.M))
            named.setdefault("validate", set()).add(validate.stdout.split("：通过")[0])
            named.setdefault("reconcile", set()).update(re.findall(r"^(\S+)：报告数字核对", reconcile.stdout, re.M))
        return named

    assert said() == {"status header": {("reg/naqu.yaml", "reg/xizang.yaml")},
                      "status warning": {"reg/xizang.yaml"}, "summary warning": {"reg/xizang.yaml"},
                      "validate": {"reg/naqu.yaml、reg/xizang.yaml"}, "reconcile": {"reg/naqu.yaml", "reg/xizang.yaml"}}


def test_text_for_people_names_a_folders_journals_as_history_does_however_the_folder_was_typed(tmp_path, monkeypatch):
    """verify, the summary's head lines and a write's confirmation named a journal as the folder
    was typed (/abs/reg/naqu.progress.yaml), history's JSON reg/naqu.progress.yaml: a head copied
    from one could not be matched with the other. Now each says reg/…, typed as reg or /abs/reg."""
    monkeypatch.chdir(tmp_path)
    env = {"RECTIFY_TODAY": "2019-06-05"}
    naqu, xizang = "reg/naqu.progress.yaml", "reg/xizang.progress.yaml"
    for folder in ("reg", str(tmp_path / "reg")):
        shutil.rmtree(tmp_path / "reg", ignore_errors=True)
        split_small(tmp_path / "reg")
        # (naqu's first entry chains from one now in xizang's journal: a problem, named on its line)
        verified = run_cli("verify", "-r", folder, env=env)
        assert verified.exit_code == 1, verified.output
        assert re.findall(r"^(\S+?)：核验 \d+ 条记录", verified.stdout, re.M) == [naqu, xizang]
        assert re.findall(r"^  (\S+?):\d+: ", verified.stdout, re.M) == [naqu]
        heads = re.findall(r"^台账哈希（截至本月）：([0-9a-f]{64})  (\S+)$",
                           run_cli("summary", "-r", folder, "--month", "2019-05", env=env).stdout, re.M)
        assert [journal for _, journal in heads] == [naqu, xizang]
        # (wide: at 80 columns its lines are wrapped between their clauses)
        since = run_cli("verify", "-r", folder, "--since-head", heads[1][0], "--lang", "en", env={**env, "COLUMNS": "400"})
        assert re.findall(r"\((\S+):\d+\); the history up to it is unchanged$", since.stdout, re.M) == [xizang]
        assert f"none of the --since-head hashes given is in {naqu}: " in since.stdout
        recorded = run_cli("record", "xizang:1.1", "--state", "in_progress", "--note", "进展", "-r", folder, env=env)
        assert recorded.exit_code == 0, recorded.output
        assert re.findall(r"^  台账哈希 [0-9a-f]{64}  (\S+)$", recorded.stdout, re.M) == [xizang]
    # (one plan file keeps its journal named as typed, as its plan is: a link's own name)
    shutil.copytree(SMALL, tmp_path / "small")
    recorded = run_cli("record", "1.1", "--state", "in_progress", "--note", "进展", "-r", str(tmp_path / "small" / "tasks.yaml"),
                       env=env)
    assert recorded.stdout.splitlines()[-1].endswith(f"  {tmp_path / 'small' / 'progress.yaml'}"), recorded.output



@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_quiet_file_the_status_header_warns_of_is_never_broken_across_lines(tmp_path, monkeypatch, lang):
    """By its bare name a file had no slash to break at; named as check names it, a narrow
    terminal cut it after one (`Warning: the-second-round-provinces/` | `xizang.yaml has had…`),
    as the file names above it never are."""
    folder = "the-second-round-provinces"
    split_small(tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    lines = header(run_cli("status", "-r", folder, "--lang", lang, env={"RECTIFY_TODAY": "2019-06-05", "COLUMNS": "40"}))
    assert any(f"{folder}/xizang.yaml" in line for line in lines), lines


SETTINGS_BLOCK = "  settings:\n    timezone: Asia/Shanghai\n    warn_days: 30\n    report_period_days: 90\n"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def probe_folder(folder: Path) -> Path:
    """The bundled ledger (which writes immediate_due: 2018-01-03) beside the small fixture
    (feedback date 2018-01-03 too, and no immediate_due): the same settings in effect."""
    folder.mkdir()
    for plan, journal, name in ((ROOT / "data" / "tasks.yaml", ROOT / "data" / "progress.yaml", "xz"),
                                (SMALL / "tasks.yaml", SMALL / "progress.yaml", "sm")):
        (folder / f"{name}.yaml").write_bytes(plan.read_bytes())
        (folder / f"{name}.progress.yaml").write_bytes(journal.read_bytes())
    (folder / "source").mkdir()  # (the report the bundled plan names, beside it: else validate warns it is missing)
    report = "xizang-2019-rectification-report.txt"
    (folder / "source" / report).write_bytes((ROOT / "data" / "source" / report).read_bytes())
    return folder


@pytest.mark.parametrize("sm_settings", ["as written", "no settings block"])
def test_settings_written_differently_but_equal_in_effect_merge(tmp_path, sm_settings):
    folder = probe_folder(tmp_path / "reg")
    if sm_settings == "no settings block":  # every setting its default
        edit(folder / "sm.yaml", SETTINGS_BLOCK, "")
    proc = run("validate", str(folder), env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.startswith(f"{folder / 'sm.yaml'}、{folder / 'xz.yaml'}：通过——49项整改任务、")
    plan = registry.load_registry(folder, today=date(2019, 3, 31), use_cache=False).plan
    assert [plan.immediate_due_of(task) for task in ("xz:1", "sm:1")] == [date(2018, 1, 3)] * 2


def test_export_of_a_folder_gives_each_files_own_dates(tmp_path):
    """naqu.yaml (tasks 3-4: 4.1 is due at once) leaves immediate_due out; xizang.yaml writes it."""
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "feedback_date: 2018-01-03", "feedback_date: 2018-03-01")
    edit(folder / "xizang.yaml", "    report_period_days: 90\n", "    report_period_days: 90\n    immediate_due: 2018-02-01\n")
    exported = run("export", "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)["registry"]
    # (the folder's: none, the files' differ; it was the earliest, in effect for one file only)
    assert (document["feedback_date"], document["settings"]["immediate_due"]) == ("2018-01-03", None)
    dates = ("file", "prefix", "feedback_date", "report_date", "immediate_due")
    assert [{key: own[key] for key in dates} for own in document["files"]] == [
        {"file": str(folder / "naqu.yaml"), "prefix": "naqu:", "feedback_date": "2018-03-01", "report_date": "2019-03-31",
         "immediate_due": "2018-03-01"},
        {"file": str(folder / "xizang.yaml"), "prefix": "xizang:", "feedback_date": "2018-01-03", "report_date": "2019-03-31",
         "immediate_due": "2018-02-01"}]


def test_export_of_a_folder_gives_each_files_own_title_issuer_and_claims(tmp_path):
    """The folder's registry object sums its files up ("2个台账：…等", the claims added): what each
    province's report itself says was nowhere in the export."""
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "title: 测试台账", "title: 那曲市整改报告")
    edit(folder / "naqu.yaml", "issuer: 测试自治区党委、政府", "issuer: 那曲市委、市政府")
    edit(folder / "naqu.yaml", "  inspection: 测试督察组\n", "")
    exported = run("export", "-r", str(folder), env_extra=str(tmp_path / "cache"), lang="en")
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)["registry"]
    assert (document["title"], document["issuer"], document["inspection"]) == (
        "2个台账：那曲市整改报告等", "那曲市委、市政府；测试自治区党委、政府", None)
    own = ("file", "prefix", "title", "issuer", "inspection", "claims")
    assert [{key: part[key] for key in own} for part in document["files"]] == [
        {"file": str(folder / "naqu.yaml"), "prefix": "naqu:", "title": "那曲市整改报告", "issuer": "那曲市委、市政府",
         "inspection": None, "claims": []},
        {"file": str(folder / "xizang.yaml"), "prefix": "xizang:", "title": "测试台账", "issuer": "测试自治区党委、政府",
         "inspection": "测试督察组", "claims": [{"key": "tasks_total", "text": "全区4项整改任务", "value": 4},
                                                {"key": "measures_total", "text": "9项具体措施", "value": 9}]}]


def test_a_folders_issuers_are_joined_so_that_each_files_can_be_told_apart(tmp_path):
    """Issuers name several bodies with 、 themselves (中共西藏自治区委员会、西藏自治区人民政府): the
    folder's issuers joined with 、 too could not be split back into its files' issuers."""
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "issuer: 测试自治区党委、政府", "issuer: 中共那曲市委员会、那曲市人民政府")
    exported = run("export", "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)["registry"]
    assert document["issuer"].split("；") == ["中共那曲市委员会、那曲市人民政府", "测试自治区党委、政府"]


def test_a_folders_claim_is_the_sum_of_its_files_only_where_every_file_makes_it(tmp_path):
    """A count one province's report gives (剩余3项) stood in the export as the folder's own, beside
    the folder's total of tasks: a claim of a key every file makes is their sum; one some files make
    is only in theirs (files[].claims), as a rate is."""
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "feedback_date: 2018-01-03", "feedback_date: 2018-01-03\n  claims:\n"
         "    - {key: tasks_total, text: 2项整改任务, value: 2}\n    - {key: tasks_remaining, text: 剩余1项, value: 1}")
    exported = run("export", "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)["registry"]
    assert document["claims"] == [{"key": "tasks_total", "text": "2项整改任务；全区4项整改任务", "value": 6}]
    assert [[claim["key"] for claim in part["claims"]] for part in document["files"]] == [
        ["tasks_total", "tasks_remaining"], ["tasks_total", "measures_total"]]


@pytest.mark.parametrize("lang, title", [(None, "2个台账：那曲市整改报告等"), ("en", "2 ledgers: 那曲市整改报告 and 1 other")])
def test_a_folder_of_several_titles_is_named_in_the_readers_language(tmp_path, lang, title):
    """The title that sums a folder's files up was Chinese in an English status and summary (and
    of two files said 'and others' of the one other)."""
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "title: 测试台账", "title: 那曲市整改报告")
    cache = str(tmp_path / "cache")
    status = run("status", "-r", str(folder), env_extra=cache, lang=lang)
    summary = run("summary", "--month", "2019-03", "-r", str(folder), env_extra=cache, lang=lang)
    assert (status.returncode, summary.returncode) == (0, 0), status.stderr + summary.stderr
    # (status names the files after the title, on its line or the next)
    assert (status.stdout.splitlines()[0].split("  ")[0], summary.stdout.splitlines()[0]) == (title, title)


HEADLINE_ZH = ("截至2019年3月31日，{scope}4项整改任务、8项具体措施中，应于2019年3月31日前完成的1项整改任务未完成，"
               "2项具体措施已完成1项；期限在此之后的2项整改任务、3项具体措施尚未到期；需要立行立改、长期坚持的1项整改任务、"
               "3项具体措施不设完成日期。目前逾期未完成的具体措施1项，久未报告的长期坚持措施1项。")


@pytest.mark.parametrize("xizang, naqu, scope", [
    # (two autonomous regions said 全区 of both, as if the folder were one region's ledger)
    ("西藏自治区党委、政府", "新疆维吾尔自治区党委、政府", ""),
    ("西藏自治区党委、政府", "四川省委、省政府", ""),
    ("甘肃省委、省政府", "中共四川省委、四川省人民政府", ""),
    # (one province's rounds, its bodies named either way, keep its word)
    ("西藏自治区党委、政府", "中共西藏自治区委员会、西藏自治区人民政府", "全区"),
    ("中共甘肃省委、甘肃省人民政府", "甘肃省人民政府", "全省"),
    # (two files naming no territory: nothing says they are one region's, 全区 said of both)
    ("自治区党委、政府", "自治区党委、政府", ""),
    ("西藏自治区党委、政府", "自治区党委、政府", ""),
    # (one region written in full and short lost its word)
    ("宁夏回族自治区党委、政府", "宁夏自治区党委、政府", "全区"),
    ("广西自治区党委、政府", "中共广西壮族自治区委员会、广西壮族自治区人民政府", "全区"),
    ("新疆维吾尔自治区党委、政府", "新疆自治区人民政府", "全区"),
    ("内蒙古自治区党委、政府", "中共内蒙古自治区委员会", "全区"),
    ("中共北京市委、北京市人民政府", "北京市委、市政府", "全市"),
    # (a 吉林市 is no 吉林省, though the short form of one is the other's)
    ("吉林省委、省政府", "吉林市委、市政府", ""),
    # (the 州 of 贵州, 广州, 杭州 read as a level: each named no territory, and two cities were one)
    ("中共广州市委、广州市人民政府", "杭州市委、市政府", ""),
    ("贵州省委、省政府", "省委、省政府", ""),
    ("中共贵州省委、贵州省人民政府", "贵州省人民政府", "全省"),
])
def test_a_folder_of_several_provinces_summary_names_no_one_territory(tmp_path, xizang, naqu, scope):
    folder = split_small(tmp_path / "reg")
    edit(folder / "xizang.yaml", "issuer: 测试自治区党委、政府", f"issuer: {xizang}")
    edit(folder / "naqu.yaml", "issuer: 测试自治区党委、政府", f"issuer: {naqu}")
    cache = str(tmp_path / "cache")
    zh = run("summary", "--month", "2019-03", "-r", str(folder), env_extra=cache)
    en = run("summary", "--month", "2019-03", "-r", str(folder), env_extra=cache, lang="en")
    assert (zh.returncode, en.returncode) == (0, 0), zh.stderr + en.stderr
    assert zh.stdout.splitlines()[5] == HEADLINE_ZH.format(scope=scope)
    # (English names no level: "in all" is the folder's total, of one territory or several)
    assert en.stdout.splitlines()[5] == (
        "As of 2019-03-31: 4 tasks and 8 measures in all. Due by that day: 1 task, not completed; 2 measures, "
        "1 of them completed. Due later: 2 tasks, 3 measures. Immediate or long-term (立行立改 / 长期坚持, no end date): "
        "1 task, 3 measures. Overdue and still open: 1 measure. Ongoing and not reported on in time: 1 measure.")


@pytest.mark.parametrize("xizang_title, naqu_title, scope", [
    ("西藏自治区落实中央环境保护督察反馈意见整改情况的报告", "西藏贯彻落实中央环境保护督察“回头看”反馈意见整改方案", "全区"),
    ("西藏自治区落实中央环境保护督察反馈意见整改情况的报告", "新疆维吾尔自治区落实中央环境保护督察反馈意见整改情况的报告", ""),
    # (a title naming a prefecture says nothing of which 自治区 issued it)
    ("西藏自治区落实中央环境保护督察反馈意见整改情况的报告", "那曲市落实中央环境保护督察反馈意见整改情况的报告", ""),
])
def test_a_folder_whose_issuers_name_no_territory_keeps_the_word_its_titles_agree_on(tmp_path, xizang_title,
                                                                                      naqu_title, scope):
    folder = split_small(tmp_path / "reg")
    for name, title in (("xizang", xizang_title), ("naqu", naqu_title)):
        edit(folder / f"{name}.yaml", "issuer: 测试自治区党委、政府", "issuer: 自治区党委、政府")
        edit(folder / f"{name}.yaml", "title: 测试台账", f"title: {title}")
    zh = run("summary", "--month", "2019-03", "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.splitlines()[5] == HEADLINE_ZH.format(scope=scope)


def test_a_single_plan_whose_issuer_names_no_territory_keeps_its_word(tmp_path):
    """(one plan is one report: 自治区党委、政府 is its own region's, whichever it is)"""
    folder = tmp_path / "reg"
    folder.mkdir()
    (folder / "tasks.yaml").write_text((SMALL / "tasks.yaml").read_text(encoding="utf-8").replace(
        "issuer: 测试自治区党委、政府", "issuer: 自治区党委、政府"), encoding="utf-8")
    (folder / "progress.yaml").write_bytes((SMALL / "progress.yaml").read_bytes())
    zh = run("summary", "--month", "2019-03", "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.splitlines()[5] == HEADLINE_ZH.format(scope="全区")


@pytest.mark.parametrize("use_cache", [False, True])
def test_each_file_of_a_folder_has_its_own_immediate_due_date(tmp_path, use_cache):
    """(a folder's immediate milestones were all due on its earliest feedback date: a province
    inspected a round later was overdue on the day its problems were handed over, and writing
    its own immediate_due was refused as a setting the files did not share)"""
    folder = split_small(tmp_path / "reg")
    (folder / "naqu.progress.yaml").write_text("", encoding="utf-8")  # (its entries predate the feedback below)
    edit(folder / "naqu.yaml", "feedback_date: 2018-01-03", "feedback_date: 2019-03-01")
    argv = ["status", "--format", "json", "-r", str(folder), *([] if use_cache else ["--no-cache"])]
    run(*argv, env_extra=str(tmp_path / "cache"))  # (a warm cache the second time)

    def immediate_measure() -> dict:
        proc = run(*argv, env_extra=str(tmp_path / "cache"))
        assert proc.returncode == 0, proc.stderr
        task = next(t for t in json.loads(proc.stdout)["tasks"] if t["id"] == "naqu:4")
        return next(m for m in task["measures"] if m["id"] == "naqu:4.1")

    assert (immediate_measure()["days_overdue"], immediate_measure()["milestones"][0]["due"]) == (30, "2019-03-01")
    # its own immediate_due, beside a file that has none: accepted, and in effect for its measures only
    edit(folder / "naqu.yaml", "    report_period_days: 90\n", "    report_period_days: 90\n    immediate_due: 2019-03-21\n")
    assert immediate_measure()["days_overdue"] == 10
    xizang = registry.load_registry(folder, today=date(2019, 3, 31), use_cache=False).plan
    assert (xizang.immediate_due_of("xizang:1.1"), xizang.immediate_due_of("naqu:4.1")) == (date(2018, 1, 3), date(2019, 3, 21))


SHARE = "the files of a folder registry share one set of settings"


@pytest.mark.parametrize("edits, expected", [
    # both written: the one that is not the default is named, with the other's line
    ({"naqu": [("warn_days: 30", "warn_days: 10")]},
     ["naqu.yaml:11:16: registry.settings.warn_days: 10 here, 30 in xizang.yaml (line 11)"]),
    ({"naqu": [("timezone: Asia/Shanghai", "timezone: Asia/Urumqi")]},
     ["naqu.yaml:10:15: registry.settings.timezone: Asia/Urumqi here, Asia/Shanghai in xizang.yaml (line 10)"]),
    # the probe's case: one file sets it, the other leaves the whole block out
    ({"naqu": [(SETTINGS_BLOCK, "")], "xizang": [("warn_days: 30", "warn_days: 14")]},
     ["xizang.yaml:11:16: registry.settings.warn_days: 14 here, 30 (not set: the default) in naqu.yaml"]),
    # most files write 14; the one that leaves it out is named where it would write it
    ({"naqu": [("warn_days: 30", "warn_days: 14")], "xizang": [("warn_days: 30", "warn_days: 14")],
      "ali": [("    warn_days: 30\n", "")]},
     ["ali.yaml:9:3: registry.settings.warn_days: 30 (not set: the default) here, 14 in naqu.yaml (line 11)"]),
    ({"naqu": [("warn_days: 30", "warn_days: 14")], "xizang": [("warn_days: 30", "warn_days: 14")],
      "ali": [(SETTINGS_BLOCK, "")]},
     ["ali.yaml:3:1: registry.settings.warn_days: 30 (not set: the default) here, 14 in naqu.yaml (line 11)"]),
    ({"naqu": [("warn_days: 30", "warn_days: 14"), ("report_period_days: 90", "report_period_days: 60")]},
     ["naqu.yaml:11:16: registry.settings.warn_days: 14 here, 30 in xizang.yaml (line 11)",
      "naqu.yaml:12:25: registry.settings.report_period_days: 60 here, 90 in xizang.yaml (line 12)"]),
], ids=["both-written", "timezone", "one-without-settings", "majority-key-missing", "majority-block-missing", "two-keys"])
def test_differing_settings_are_refused_naming_the_setting_values_and_lines(tmp_path, edits, expected):
    folder = split_small(tmp_path / "reg")
    if "ali" in edits:  # a third file: naqu's tasks again, under another prefix
        (folder / "ali.yaml").write_bytes((folder / "naqu.yaml").read_bytes())
    for name, changes in edits.items():
        for old, new in changes:
            edit(folder / f"{name}.yaml", old, new)
    proc = run("validate", str(folder), env_extra=str(tmp_path / "cache"), lang="en")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "".join(f"rectify: {folder}/{line}: {SHARE}\n" for line in expected)


def test_a_copy_of_a_plan_file_left_in_the_folder_is_refused_not_counted_twice(tmp_path):
    """Windows Explorer's copy "naqu - 副本.yaml" beside naqu.yaml was read as another province:
    every measure of it counted twice and no word of it, warm (from the outcomes the folder
    had cached before the copy) as cold."""
    folder = probe_folder(tmp_path / "reg")
    cache = str(tmp_path / "cache")
    assert run("check", "-r", str(folder), env_extra=cache).returncode == 1  # (its outcomes cached)
    shutil.copy(folder / "sm.yaml", folder / "sm - 副本.yaml")
    expected = (f"rectify: {folder / 'sm.yaml'}: 与 sm - 副本.yaml 的内容逐字节相同：其中一个是另一个的副本？作为两个方案文件读入，"
                "每项措施都会计两次；请删除或移走其中之一\n")
    for command in (["check", "-r"], ["check", "--no-cache", "-r"], ["show", "sm - 副本:1.1", "-r"],
                    ["record", "sm - 副本:1.1", "--state", "in_progress", "--note", "x", "-r"]):
        refused = run(*command, str(folder), env_extra=cache)
        assert (refused.returncode, refused.stdout, refused.stderr) == (2, "", expected), command
    assert not (folder / "sm - 副本.progress.yaml").exists()


def test_two_plan_files_of_one_name_are_refused(tmp_path):
    """naqu.yaml and naqu.yml would both prefix their ids naqu: and share naqu.progress.yaml."""
    folder = split_small(tmp_path / "reg")
    (folder / "naqu.yml").write_bytes((folder / "naqu.yaml").read_bytes())
    result = run("check", "-r", str(folder), lang="en")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"rectify: {folder / 'naqu.yml'}: a second plan file named 'naqu' beside naqu.yaml: ids are "
                             "prefixed with the name (naqu:18.4) and the journal is named after it; rename one\n")


def test_a_plan_file_whose_name_ends_in_capitals_is_one_of_the_folder(tmp_path):
    """naqu.YAML, as a Windows tool saves it (case is nothing there, and `-r naqu.YAML` reads it),
    was passed over in its folder: validate passed it without naqu's 2 tasks, check judged none
    of its measures, and its journal was called one without its plan."""
    folder = split_small(tmp_path / "reg")
    (folder / "naqu.yaml").rename(folder / "naqu.YAML")
    validated = run("validate", str(folder))
    assert (validated.returncode, validated.stderr) == (0, "")
    assert validated.stdout == f"{folder / 'naqu.YAML'}、{folder / 'xizang.yaml'}：通过——4项整改任务、8项具体措施、9条进展记录\n"
    recorded = run("record", "naqu:3.1", "--state", "in_progress", "--note", "进展", "-r", str(folder))
    assert recorded.returncode == 0, recorded.stderr
    assert (folder / "naqu.progress.yaml").read_text(encoding="utf-8").count('- measure: "3.1"') == 2


@pytest.mark.parametrize("given", ["folder", "plan file"])
def test_tasks_yaml_whose_suffix_is_in_capitals_keeps_progress_yaml_and_ids_without_its_name(tmp_path, given):
    """tasks.YAML beside progress.yaml, as a Windows tool saves it: every command refused
    progress.yaml as a journal with no plan file beside it ("it is tasks.yaml's")."""
    folder = tmp_path / "reg"
    folder.mkdir()
    (folder / "tasks.YAML").write_bytes((SMALL / "tasks.yaml").read_bytes())
    (folder / "progress.yaml").write_bytes((SMALL / "progress.yaml").read_bytes())
    shutil.copytree(SMALL, tmp_path / "ref")  # (the same ledger named tasks.yaml)
    path = folder if given == "folder" else folder / "tasks.YAML"
    cache = str(tmp_path / "cache")
    checked = run("check", "-r", str(path), "--format", "json", env_extra=cache)
    assert (checked.returncode, checked.stderr) == (1, "")
    assert '"id": "1.1"' in checked.stdout
    as_named = run("check", "-r", str(tmp_path / "ref" / "tasks.yaml"), "--format", "json", env_extra=cache).stdout
    assert checked.stdout.replace(str(folder / "tasks.YAML"), str(tmp_path / "ref" / "tasks.yaml")) == as_named
    recorded = run("record", "3.1", "--state", "in_progress", "--note", "进展", "-r", str(path), env_extra=cache)
    assert recorded.returncode == 0, recorded.stderr
    assert not os.path.lexists(folder / "tasks.progress.yaml")
    assert (folder / "progress.yaml").read_text(encoding="utf-8").count('- measure: "3.1"') == 2


def test_a_plan_file_named_tasks_in_other_case_is_a_file_of_its_own_name(tmp_path):
    # (Tasks.yaml read as tasks.yaml would own progress.yaml, and refuse its own Tasks.progress.yaml as stray)
    folder = tmp_path / "reg"
    folder.mkdir()
    (folder / "Tasks.yaml").write_bytes((SMALL / "tasks.yaml").read_bytes())
    (folder / "Tasks.progress.yaml").write_bytes((SMALL / "progress.yaml").read_bytes())
    checked = run("check", "-r", str(folder), "--format", "json", env_extra=str(tmp_path / "cache"))
    assert (checked.returncode, checked.stderr) == (1, "")
    assert '"id": "Tasks:1.1"' in checked.stdout


def test_two_plan_files_whose_names_differ_in_case_alone_are_refused(tmp_path):
    """Naqu.yaml beside naqu.yaml: one file on Windows or a Mac, and their journals one too. Here
    every command told the user to rename naqu.yaml's own journal to Naqu.progress.yaml, which
    would have given its entries to the other file."""
    folder = split_small(tmp_path / "reg")
    (folder / "Naqu.yaml").write_text((folder / "naqu.yaml").read_text(encoding="utf-8").replace("测试台账", "山南台账"),
                                      encoding="utf-8")
    for command in (["validate", str(folder)], ["record", "naqu:3.1", "--state", "in_progress", "--note", "x", "-r", str(folder)]):
        result = run(*command, lang="en")
        assert (result.returncode, result.stdout) == (2, ""), command
        assert result.stderr == (f"rectify: {folder / 'naqu.yaml'}: a second plan file named 'naqu', differing from Naqu.yaml "
                                 "in case alone: on Windows and macOS the two are one file, and their journals one too; "
                                 "rename one\n")
    result = run("validate", str(folder))
    assert result.stderr == (f"rectify: {folder / 'naqu.yaml'}: 与 Naqu.yaml 仅大小写不同（naqu）的第二个方案文件：在 Windows 和 "
                             "macOS 上两者是同一个文件，进展记录也是同一个；请改名其中之一\n")
    assert sorted(p.name for p in folder.iterdir()) == ["Naqu.yaml", "naqu.progress.yaml", "naqu.yaml",
                                                        "xizang.progress.yaml", "xizang.yaml"]


@pytest.mark.parametrize("command", [["status"], ["check", "--format", "json"], ["validate"]])
def test_a_plan_file_named_in_no_utf_8_is_refused_saying_to_rename_it(tmp_path, command):
    """西.yaml unpacked from a Windows zip keeps its GBK name, b"\\xce\\xf7.yaml": it prefixes every id
    of the file, and every command stopped with an internal error (UnicodeEncodeError)."""
    folder = split_small(tmp_path / "reg")
    for name in ("naqu.yaml", "naqu.progress.yaml"):
        os.rename(folder / name, os.path.join(os.fsencode(folder), name.replace("naqu", "\udcce\udcf7").encode(errors="surrogateescape")))
    result = run(*command, *(["-r"] if command[0] != "validate" else []), str(folder), lang="en")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"rectify: {folder}/\\xce\\xf7.yaml: the file's name is not UTF-8 (a name kept from "
                             "another system, a Windows zip's GBK): it prefixes the ids of its measures; rename it\n")


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


@pytest.mark.parametrize("lang, line", [
    ("en", "  {journal}:2: entry 1 (measure b:1.1, 2018-09-30): edited — its content does not match its hash: it was "
           "edited, or the entry before it was removed"),
    ("zh", "  {journal}:2: 第 1 条（措施 b:1.1，2018-09-30）：被修改——内容与其哈希不符：本条被修改，或其前一条被删除")])
def test_verify_names_a_bad_entrys_measure_with_its_file(tmp_path, lang, line):
    """Of two files' journals, each with a measure 1.1, verify said "measure 1.1": whose?"""
    folder = tmp_path / "reg"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.yaml").write_bytes((SMALL / "tasks.yaml").read_bytes() + f"# {name}\n".encode())
        (folder / f"{name}.progress.yaml").write_bytes((SMALL / "progress.yaml").read_bytes())
    journal = folder / "b.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8").replace("完工60%", "完工90%"), encoding="utf-8")
    verified = run("verify", "--lang", lang, "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert verified.returncode == 1
    assert verified.stdout.splitlines()[2] == line.format(journal=journal)


def test_summary_prints_each_journals_head_named_as_verify_names_it(tmp_path):
    """Each journal of a folder is a chain of its own: the summary vouches for every one."""
    folder = tmp_path / "reg"
    folder.mkdir()
    for name in ("a", "b"):  # the small fixture twice (a copy is refused: a comment tells them apart)
        (folder / f"{name}.yaml").write_bytes((SMALL / "tasks.yaml").read_bytes() + f"# {name}\n".encode())
        (folder / f"{name}.progress.yaml").write_bytes((SMALL / "progress.yaml").read_bytes())
    cache = str(tmp_path / "cache")
    for measure, day in (("a:1.1", "2019-02-20"), ("a:3.1", "2019-03-20")):
        recorded = run("record", measure, "--state", "in_progress", "--note", "x", "--date", day, "-r", str(folder),
                       env_extra=cache)
        assert recorded.returncode == 0, recorded.stderr
    verified = run("verify", "--lang", "en", "-r", str(folder), env_extra=cache)
    assert verified.returncode == 0, verified.stdout
    heads = dict(re.findall(r"^(.*): \d+ entries checked, ok; head ([0-9a-f]{64})$", verified.stdout, re.M))
    a, b = str(folder / "a.progress.yaml"), str(folder / "b.progress.yaml")
    assert list(heads) == [a, b] and heads[a] != heads[b]
    zh = run("summary", "--month", "2019-03", "-r", str(folder), env_extra=cache)
    assert zh.stdout.splitlines()[-3:] == ["", f"台账哈希（截至本月）：{heads[a]}  {a}", f"台账哈希（截至本月）：{heads[b]}  {b}"]
    en = run("summary", "--month", "2019-03", "--lang", "en", "-r", str(folder), env_extra=cache)
    assert en.stdout.splitlines()[-2:] == [f"Journal head hash (as of this month): {heads[a]}  {a}",
                                           f"Journal head hash (as of this month): {heads[b]}  {b}"]
    # As of an earlier month: each journal's own head then, which verify still finds in it.
    february = run("summary", "--month", "2019-02", "-r", str(folder), env_extra=cache).stdout.splitlines()
    # (a:1.1's entry dated 2019-02-20 was written after a's entries dated in March, which its head
    # covers; b's journal, the fixture's, has a March entry before its head, a close of October 2018)
    assert february[-4:] == [february[-4], "注：该哈希也涵盖日期在本月之后的2条记录（该哈希所属的记录系事后补录，写在这2条记录之后）。",
                             february[-2], "注：该哈希也涵盖日期在本月之后的1条记录（该哈希所属的记录系事后补录，写在这1条记录之后）。"]
    february = february[-4::2]
    earlier = [re.fullmatch(f"台账哈希（截至本月）：([0-9a-f]{{64}})  {re.escape(journal)}", line).group(1)
               for line, journal in zip(february, (a, b))]
    assert earlier[0] != earlier[1] and not set(earlier) & set(heads.values())
    # (one command for the whole of a folder's summary: a --since-head per journal)
    both = run("verify", "--since-head", earlier[0], "--since-head", earlier[1], "-r", str(folder), env_extra=cache)
    assert both.returncode == 0 and both.stdout.count("此前的记录未被改动") == 2 and "都不在" not in both.stdout
    # (one given: the other journal's end is vouched for by nothing, which was not said)
    one = run("verify", "--since-head", earlier[0], "-r", str(folder), env_extra=cache)
    assert one.returncode == 0
    assert one.stdout.splitlines()[-2] == f"核验起点：所给的台账哈希都不在 {b} 中，其末尾若有记录被删去，无法发现"
    one = run("verify", "--lang", "en", "--since-head", earlier[0], "-r", str(folder), env_extra=cache)
    assert one.stdout.splitlines()[-2] == f"none of the --since-head hashes given is in {b}: entries removed from its end would go unseen"
    before = run("summary", "--month", "2018-01", "-r", str(folder), env_extra=cache).stdout.splitlines()[-2:]
    assert before == [f"台账哈希（截至本月）：无  {a}", f"台账哈希（截至本月）：无  {b}"]


def test_verify_since_a_folders_summary_checks_every_head_it_prints(tmp_path):
    """`--since-summary` of a folder's summary: every head line it prints, as a --since-head each."""
    folder = split_small(tmp_path / "reg")
    cache = str(tmp_path / "cache")
    for name in ("xizang", "naqu"):  # (journals of their own: the split fixture's chains are broken)
        (folder / f"{name}.progress.yaml").unlink()
    for measure in ("xizang:1.1", "naqu:3.1"):
        recorded = run("record", measure, "--state", "in_progress", "--note", "x", "--date", "2019-03-20",
                       "-r", str(folder), env_extra=cache)
        assert recorded.returncode == 0, recorded.stderr
    made = run("summary", "--month", "2019-03", "-r", str(folder), env_extra=cache)
    lines = made.stdout.splitlines()[-2:]
    heads = [re.fullmatch(f"台账哈希（截至本月）：([0-9a-f]{{64}})  {re.escape(str(folder / name))}", line).group(1)
             for line, name in zip(lines, ("naqu.progress.yaml", "xizang.progress.yaml"))]
    saved = tmp_path / "march.txt"
    saved.write_text(made.stdout, encoding="utf-8")
    each = run("verify", "--since-head", heads[0], "--since-head", heads[1], "-r", str(folder), env_extra=cache)
    since = run("verify", "--since-summary", str(saved), "-r", str(folder), env_extra=cache)
    assert (since.returncode, since.stdout) == (0, each.stdout)
    assert since.stdout.count("此前的记录未被改动") == 2 and "都不在" not in since.stdout


def test_verify_since_a_folders_summary_checks_each_head_in_its_own_journal(tmp_path):
    """A head is looked for in the journal its line names: a copy of that journal's history left in
    another (journals begun alike) vouches for nothing of its own."""
    folder = tmp_path / "reg"
    folder.mkdir()
    for name in ("a", "b"):  # the small fixture twice (a comment tells the plans apart)
        (folder / f"{name}.yaml").write_bytes((SMALL / "tasks.yaml").read_bytes() + f"# {name}\n".encode())
        (folder / f"{name}.progress.yaml").write_bytes((SMALL / "progress.yaml").read_bytes())
    cache = str(tmp_path / "cache")
    recorded = run("record", "a:3.1", "--state", "in_progress", "--note", "x", "--date", "2019-03-20", "-r", str(folder),
                   env_extra=cache)
    assert recorded.returncode == 0, recorded.stderr
    made = run("summary", "--month", "2019-03", "-r", str(folder), env_extra=cache)
    a, b = str(folder / "a.progress.yaml"), str(folder / "b.progress.yaml")
    heads = [re.fullmatch(f"台账哈希（截至本月）：([0-9a-f]{{64}})  {re.escape(journal)}", line).group(1)
             for line, journal in zip(made.stdout.splitlines()[-2:], (a, b))]
    assert heads[1] == "55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f"  # (the fixture's, in a too)
    saved = tmp_path / "march.txt"
    saved.write_text(made.stdout, encoding="utf-8")
    since = run("verify", "--since-summary", str(saved), "-r", str(folder), "--lang", "en", env_extra=cache)
    assert since.returncode == 0, since.stdout
    assert since.stdout.splitlines()[2:] == [
        f"since-head {heads[0]}: found at entry 10 ({a}:57); the history up to it is unchanged",
        f"since-head {heads[1]}: found at entry 9 ({b}:48); the history up to it is unchanged", "verify: ok"]
    # b's last entry removed, a's journal the fixture's again: b's head is in a, not in b
    (folder / "a.progress.yaml").write_bytes((SMALL / "progress.yaml").read_bytes())
    text = (folder / "b.progress.yaml").read_text(encoding="utf-8")
    (folder / "b.progress.yaml").write_text(text[:text.rindex("\n- ") + 1], encoding="utf-8")
    en = run("verify", "--since-summary", str(saved), "-r", str(folder), "--lang", "en", env_extra=cache)
    assert en.returncode == 1
    assert en.stdout.splitlines()[2:] == [
        f"since-head {heads[0]}: not found in the journal — the history before that summary was rewritten (entries "
        "edited, removed or reordered), or the hash is mistyped",
        f"since-head {heads[1]}: not found in the journal — the history before that summary was rewritten (entries "
        "edited, removed or reordered), or the hash is mistyped",
        f"none of the --since-head hashes given is in {a}: entries removed from its end would go unseen",
        f"none of the --since-head hashes given is in {b}: entries removed from its end would go unseen",
        "verify: FAILED — the journal was changed after it was written"]

def test_verify_since_a_folders_summary_made_in_another_working_folder_finds_each_journal(tmp_path, monkeypatch):
    """The summary names a folder's journals from the working folder (reg/b.progress.yaml); verify run
    from another (ledgers/reg/b.progress.yaml) still looks for each head in its own journal."""
    folder = tmp_path / "ledgers" / "reg"
    folder.mkdir(parents=True)
    for name in ("a", "b"):  # (journals begun alike: b's head is in a too)
        (folder / f"{name}.yaml").write_bytes((SMALL / "tasks.yaml").read_bytes() + f"# {name}\n".encode())
        (folder / f"{name}.progress.yaml").write_bytes((SMALL / "progress.yaml").read_bytes())
    cache = str(tmp_path / "cache")
    monkeypatch.chdir(folder.parent)
    recorded = run("record", "a:3.1", "--state", "in_progress", "--note", "x", "--date", "2019-03-20", "-r", "reg",
                   env_extra=cache)
    assert recorded.returncode == 0, recorded.stderr
    made = run("summary", "--month", "2019-03", "-r", "reg", env_extra=cache)
    assert made.stdout.splitlines()[-1].endswith("  reg/b.progress.yaml")
    (tmp_path / "march.txt").write_text(made.stdout, encoding="utf-8")
    text = (folder / "b.progress.yaml").read_text(encoding="utf-8")
    (folder / "b.progress.yaml").write_text(text[:text.rindex("\n- ") + 1], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    en = run("verify", "--since-summary", "march.txt", "-r", "ledgers/reg", "--lang", "en", env_extra=cache)
    assert en.returncode == 1
    assert en.stdout.splitlines()[3:] == [
        "since-head 55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f: not found in the journal — the "
        "history before that summary was rewritten (entries edited, removed or reordered), or the hash is mistyped",
        "none of the --since-head hashes given is in ledgers/reg/b.progress.yaml: entries removed from its end would "
        "go unseen", "verify: FAILED — the journal was changed after it was written"]

def test_a_measure_never_reported_is_stale_a_reporting_period_after_its_own_files_feedback(tmp_path):
    """Rectification begins at the inspection's feedback: before a reporting period has passed
    since then, a measure not yet reported on is not stale. Each file counts from its own
    report's feedback, in the full evaluation and from the cache's outcomes alike."""
    folder = tmp_path / "reg"
    folder.mkdir()
    plan = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    (folder / "xz.yaml").write_text(plan, encoding="utf-8")  # feedback 2018-01-03
    later = plan.replace("feedback_date: 2018-01-03", "feedback_date: 2019-01-01")  # (and immediate_due: not before it)
    (folder / "later.yaml").write_text(later.replace("immediate_due: 2018-01-03", "immediate_due: 2019-01-01"), encoding="utf-8")
    cache = str(tmp_path / "cache")
    for load in ("cold", "warm"):
        proc = run("check", "-r", str(folder), "--fail-on", "stale", "--format", "json", "--as-of", "2019-04-01",
                   env_extra=cache)
        stale = [item["id"] for item in json.loads(proc.stdout)["items"] if item["stale"]]
        # 2019-04-01 is 453 days after xz's feedback, 90 after later's: only xz's are stale
        assert (proc.returncode, len(stale) > 0, sorted({i.split(":")[0] for i in stale})) == (1, True, ["xz"]), load
    proc = run("check", "-r", str(folder), "--fail-on", "stale", "--format", "json", "--as-of", "2019-04-02", env_extra=cache)
    assert {item["id"].split(":")[0] for item in json.loads(proc.stdout)["items"] if item["stale"]} == {"xz", "later"}


RENAMED = {"plan.yaml": "plan", "progress.yaml": "journal"}
NAQU_PLAN_MISSING = {"xizang.yaml": "plan", "xizang.progress.yaml": "journal", "naqu.progress.yaml": "journal"}


@pytest.mark.parametrize("layout, stray, owner, given", [
    # a plan renamed from tasks.yaml: its journal is plan.progress.yaml, progress.yaml was ignored
    (RENAMED, "progress.yaml", "tasks.yaml", "plan file"),
    (RENAMED, "progress.yaml", "tasks.yaml", "folder"),
    # in a folder, a journal whose plan file is missing or named otherwise (a plan file given
    # alone doesn't look at other files' journals)
    (NAQU_PLAN_MISSING, "naqu.progress.yaml", "naqu.yaml", "folder"),
])
def test_a_journal_beside_no_plan_of_its_name_is_refused_not_ignored(tmp_path, layout, stray, owner, given):
    folder = tmp_path / "reg"
    folder.mkdir()
    for name, kind in layout.items():
        source = SMALL / ("tasks.yaml" if kind == "plan" else "progress.yaml")
        (folder / name).write_bytes(source.read_bytes())
    plan = next(name for name, kind in layout.items() if kind == "plan")
    path = folder / plan if given == "plan file" else folder
    # (verify said the plan's journal was not written yet, nothing to verify, and passed: the stray one went unverified)
    for command in (["validate", str(path)], ["status", "-r", str(path)], ["verify", "-r", str(path)],
                    ["record", "1.1", "--state", "in_progress", "--note", "x", "-r", str(path)]):
        proc = run(*command, env_extra=str(tmp_path / "cache"), lang="en")
        assert (proc.returncode, proc.stdout, proc.stderr) == (
            2, "", f"rectify: {folder / stray}: a journal with no plan file of its name beside it (it is the journal of "
                   f"{owner}); rename one of them, or move it away\n"), command


def test_the_bundled_data_folder_is_a_registry_too(tmp_path):
    # (README: --registry takes a tasks.yaml or a folder; the curation file once sat in data/ and
    # was read as a second plan file)
    proc = run("validate", str(ROOT / "data"), env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stderr) == (0, "")


def test_a_folder_of_one_plan_file_names_its_ids_as_the_file_does(tmp_path):
    """`--registry data/` printed every id as tasks:33.1, in check, status, show and the monthly
    summary sent upward: a folder holding one plan file (and its journal) is that file."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    by_folder = run("check", "-r", str(tmp_path / "data"), "--as-of", "2019-07-02", "--format", "json")
    by_file = run("check", "-r", str(tmp_path / "data" / "tasks.yaml"), "--as-of", "2019-07-02", "--format", "json")
    assert by_folder.returncode == 1 and by_folder.stdout == by_file.stdout
    assert '"id": "33.1"' in by_folder.stdout and "tasks:" not in by_folder.stdout
    (tmp_path / "data" / "naqu.yaml").write_bytes((SMALL / "tasks.yaml").read_bytes())  # (a second province)
    assert '"id": "tasks:33.1"' in run("check", "-r", str(tmp_path / "data"), "--as-of", "2019-07-02", "--format", "json").stdout


def test_a_task_of_the_wrong_file_suggests_the_file_that_has_it(tmp_path):
    # (it suggested the ids of the named file that look alike: xizang:1, not naqu:3)
    folder = split_small(tmp_path / "reg")
    proc = run("status", "-r", str(folder), "--task", "xizang:3", "--lang", "en", env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stderr) == (2, "rectify: --task: no task 'xizang:3' (did you mean naqu:3?)\n")


@pytest.mark.parametrize("lang, message", [
    ("zh", "--task：文件夹中有多个文件含“3”（ali:3、naqu:3）：请连同文件名指明所指的一项"),
    ("en", "--task: '3' is in several files of the folder (ali:3, naqu:3): name the one you mean with its file"),
])
@pytest.mark.parametrize("command", ["status", "check"])
def test_a_task_several_files_have_is_refused_as_the_option_it_was_given_to(tmp_path, command, lang, message):
    # (it lacked the "--task:" that every other refusal of an option's value begins with)
    folder = split_small(tmp_path / "reg")
    (folder / "ali.yaml").write_bytes((folder / "naqu.yaml").read_bytes() + b"# ali\n")
    proc = run(command, "-r", str(folder), "--task", "3", env_extra=str(tmp_path / "cache"), lang=lang)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"rectify: {message}\n")


@pytest.mark.parametrize("command, message", [
    (["status", "--task", "NAQU:3"], "--task: no task 'NAQU:3' (did you mean naqu:3?)"),
    (["show", "NAQU:3.1"], "no task or measure 'NAQU:3.1' (did you mean naqu:3.1?)"),
    (["history", "NAQU:3.1"], "no task or measure 'NAQU:3.1' (did you mean naqu:3.1?)"),
    (["report", "NAQU:3.1", "--note", "按月报告", "--lang", "en"],  # (Chinese by default: test_write_refusals)
     "{folder} is a folder registry with no plan file 'NAQU' (did you mean naqu:3.1?); got 'NAQU:3.1'"),
])
def test_a_file_name_typed_in_other_case_is_suggested_as_written(tmp_path, command, message):
    # (file names differ by case only where the file system says so: the capitals were
    # suggested nothing, or every file's task of that number)
    folder = split_small(tmp_path / "reg")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    proc = run(*command, "-r", str(folder), "--lang", "en", env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stderr) == (2, f"rectify: {message.format(folder=folder)}\n")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.parametrize("command, message", [
    (["status", "--task", "naq:3"], "--task: no task 'naq:3' (did you mean naqu:3?)"),
    (["show", "naqu2:3.1"], "no task or measure 'naqu2:3.1' (did you mean naqu:3.1?)"),
    (["history", "nqau:3.1"], "no task or measure 'nqau:3.1' (did you mean naqu:3.1?)"),
    (["report", "naq:3.1", "--note", "按月报告", "--lang", "en"],
     "{folder} is a folder registry with no plan file 'naq' (did you mean naqu:3.1?); got 'naq:3.1'"),
])
def test_a_file_name_misspelt_is_suggested_as_written(tmp_path, command, message):
    # (show and history gave the range of every file's tasks, and --task every file's task 3)
    folder = split_small(tmp_path / "reg")
    (folder / "ali.yaml").write_bytes((folder / "naqu.yaml").read_bytes() + b"# ali\n")  # (a task 3 too)
    proc = run(*command, "-r", str(folder), "--lang", "en", env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stderr) == (2, f"rectify: {message.format(folder=folder)}\n")


@pytest.mark.parametrize("command, message", [
    (["show", "xizang:3.1"], "没有任务或措施“xizang:3.1”（是否指 naqu:3.1？）"),
    (["history", "xizang:3.1"], "没有任务或措施“xizang:3.1”（是否指 naqu:3.1？）"),
    (["show", "xizang:3"], "没有任务或措施“xizang:3”（是否指 naqu:3、xizang:2？）"),  # (then its own next to it)
    (["record", "xizang:3.1", "--state", "report", "--note", "按月报告"], "整改方案中没有措施“xizang:3.1”（是否指 naqu:3.1？）"),
    (["close", "xizang:3.1", "--evidence", "验收报告"], "整改方案中没有措施“xizang:3.1”（是否指 naqu:3.1？）"),
])
def test_an_id_under_a_file_that_lacks_it_suggests_the_file_that_has_it(tmp_path, command, message):
    # (xizang:3.1 of a measure naqu.yaml alone has listed the ranges of tasks, while the typo naq:3.1 got naqu:3.1)
    folder = split_small(tmp_path / "reg")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    proc = run(*command, "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"rectify: {message}\n")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.parametrize("command, message", [
    (["show", "xizang:1.3"], "没有任务或措施“xizang:1.3”（是否指 naqu:1.3、xizang:1.2？）"),
    (["history", "xizang:1.3"], "没有任务或措施“xizang:1.3”（是否指 naqu:1.3、xizang:1.2？）"),
    (["show", "naqu:1.2"], "没有任务或措施“naqu:1.2”（是否指 xizang:1.2、naqu:1.1、naqu:1.3？）"),
    (["record", "xizang:1.3", "--state", "report", "--note", "按月报告"], "整改方案中没有措施“xizang:1.3”（是否指 naqu:1.3、xizang:1.2？）"),
])
def test_an_id_another_file_has_still_suggests_its_own_files_ids_next_to_it(tmp_path, command, message):
    # (xizang:1.3, a typo for xizang:1.2 where naqu.yaml has a 1.3, was suggested naqu:1.3 alone)
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "  - id: 3\n", "  - id: 1\n")  # (naqu's task 1: measures 1.1 and 1.3)
    edit(folder / "naqu.yaml", "      - id: 2   # ongoing, last reported", "      - id: 3   # ongoing, last reported")
    (folder / "naqu.progress.yaml").unlink()  # (its entries name 3.1 and 3.2)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    proc = run(*command, "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"rectify: {message}\n")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.parametrize("command, message", [
    (["status", "--task", ":3"], "--task: no task ':3' (did you mean qinghai:3, sichuan:3?)"),
    (["show", ":3.1"], "no task or measure ':3.1' (did you mean qinghai:3.1, sichuan:3.1?)"),
    (["history", "：3.1"], "no task or measure '：3.1' (did you mean qinghai:3.1, sichuan:3.1?)"),
])
def test_an_id_with_its_file_name_left_out_suggests_it_in_every_file_that_has_it(tmp_path, command, message):
    # (`:3.1` was matched by spelling alone, and suggested one file's 3.1 of the several that have it)
    folder = split_small(tmp_path / "reg")  # (names of provinces, as long as most: by spelling, one was closer)
    (folder / "naqu.yaml").rename(folder / "sichuan.yaml")
    (folder / "naqu.progress.yaml").rename(folder / "sichuan.progress.yaml")
    (folder / "qinghai.yaml").write_bytes((folder / "sichuan.yaml").read_bytes() + b"# qinghai\n")  # (a task 3 too)
    proc = run(*command, "-r", str(folder), "--lang", "en", env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stderr) == (2, f"rectify: {message}\n")


@pytest.mark.parametrize("hidden", [".#xizang.yaml", "._xizang.yaml"])
def test_hidden_files_of_a_folder_are_no_plan_files(tmp_path, hidden):
    # (Emacs leaves .#NAME.yaml, a link to nowhere, while NAME.yaml is edited; a Mac leaves
    # ._NAME.yaml on shared drives: every command on the folder failed on them)
    folder = split_small(tmp_path / "reg")
    (folder / hidden).symlink_to("user@host.1234:1700000000") if hidden.startswith(".#") else \
        (folder / hidden).write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    proc = run("validate", str(folder), env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.startswith(f"{folder / 'naqu.yaml'}、{folder / 'xizang.yaml'}：通过")


NOT_A_PLAN = {  # (of a YAML file of a folder with none of a plan's keys: it may be a plan mistyped)
    "en": "not a plan: none of its top-level keys (version, services) is a plan's (registry, units, tasks); "
          "if it is a plan, check its keys, else move it out of the ledger's folder (each .yaml or .yml file there "
          "is read as a plan file)",
    "zh": "不是整改方案：其顶层的键（version、services）都不是方案的键（registry、units、tasks）；"
          "若是方案，请检查键名，否则请将其移出台账文件夹（其中每个 .yaml、.yml 文件都按方案文件读入）",
}


LIST_NOT_A_PLAN = {  # (of a YAML file of a folder whose top level is a list, and no journal: an Ansible playbook)
    "en": "not a plan: its top level is a list (- ...), where a plan's is a mapping of registry, units, tasks; "
          "if it is a plan, write it so, else move it out of the ledger's folder (each .yaml or .yml file there "
          "is read as a plan file)",
    "zh": "不是整改方案：其顶层是列表（- …），而方案的顶层是以 registry、units、tasks 为键的映射；"
          "若是方案，请照此改写，否则请将其移出台账文件夹（其中每个 .yaml、.yml 文件都按方案文件读入）",
}


CURATION_NOT_PLAN = {
    "en": "this is a curation file (rectify import --curation), not a plan: move it out of the ledger's folder "
          "(each .yaml or .yml file there is read as a plan file)",
    "zh": "这是导入用的校订文件（rectify import --curation），不是整改方案：请将其移出台账文件夹"
          "（其中每个 .yaml、.yml 文件都按方案文件读入）",
}


# YAML in a ledger's folder that is no plan: its text, where it is said to be what, and what
OTHER_YAML = {
    "docker-compose.yml": ('version: "3"\nservices:\n  web:\n    image: nginx\n', "1:1", NOT_A_PLAN),
    "playbook.yml": ("- hosts: all\n  tasks:\n    - name: ping\n      ping:\n", "1:1", LIST_NOT_A_PLAN),
    "curation.yaml": ("# 校订\nversion: 1\ntext_fixes:\n  - {at: \"1.1\", field: text, find: 甲, replace: 乙, why: 笔误}\n",
                      "2:1", CURATION_NOT_PLAN),
    # (a curation with a plan's sections too, as its registry: and units: are)
    "校订.yaml": ("\nregistry:\n  report_date: 2019-03-31\nunits:\n  - {name: 拉萨市, kind: region}\njournal:\n  \"1.1\": done\n",
                "2:1", CURATION_NOT_PLAN),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["status", "check", "validate"])
@pytest.mark.parametrize("name", sorted(OTHER_YAML))
def test_yaml_in_a_folder_that_is_no_plan_is_named_so_in_one_line(tmp_path, command, lang, name):
    """A docker-compose.yml got four lines and more (unknown key version, missing registry, units,
    tasks), a curation file a line for each of its sections; a playbook.yml, a list, got `registry
    file: expected a mapping (key: value), got a list`: neither that it is no plan, nor what to do."""
    folder = split_small(tmp_path / "reg")
    text, where, said = OTHER_YAML[name]
    (folder / name).write_text(text, encoding="utf-8")
    args = (command, str(folder)) if command == "validate" else (command, "-r", str(folder))
    proc = run(*args, env_extra=str(tmp_path / "cache"), lang=lang)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"rectify: {folder / name}:{where}: {said[lang]}\n"


def test_a_plan_of_a_folder_written_as_a_list_of_its_sections_is_told_to_be_a_mapping(tmp_path):
    """(- registry: … - units: … is a plan mistyped, not another program's file: not told to move out)"""
    folder = split_small(tmp_path / "reg")
    text = (folder / "naqu.yaml").read_text(encoding="utf-8")
    for key in ("registry", "units", "tasks"):
        text = re.sub(rf"^{key}:", f"- {key}:", text, flags=re.M)
    (folder / "naqu.yaml").write_text(text, encoding="utf-8")
    proc = run("validate", str(folder), env_extra=str(tmp_path / "cache"), lang="en")
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2, "", f"rectify: {folder / 'naqu.yaml'}:1:1: registry file: expected a mapping (key: value), got a list\n")


JOURNAL_NOT_PLAN = {  # (of a journal saved in a folder under a plan file's name: the folder was given already)
    "en": "this is a journal (a list of entries, - measure: ...), not a plan: move it out of the ledger's folder (each "
          ".yaml or .yml file there is read as a plan file), or name it <plan>.progress.yaml, beside its plan <plan>.yaml",
    "zh": "这是进展记录（- measure: … 的列表），不是整改方案：请将其移出台账文件夹（其中每个 .yaml、.yml 文件都按方案文件读入），"
          "或将其改名为 <方案名>.progress.yaml，放在其方案 <方案名>.yaml 旁边",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["status", "validate", "verify"])
def test_a_journal_saved_under_a_plans_name_in_a_folder_is_told_to_move_out_not_to_give_the_folder(tmp_path, command, lang):
    """(it said: pass the plan file (e.g. tasks.yaml) or its folder — the folder it was given)"""
    folder = split_small(tmp_path / "reg")
    shutil.copy(folder / "naqu.progress.yaml", folder / "extra.yaml")
    args = (command, str(folder)) if command == "validate" else (command, "-r", str(folder))
    proc = run(*args, env_extra=str(tmp_path / "cache"), lang=lang)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"rectify: {folder / 'extra.yaml'}:2:1: {JOURNAL_NOT_PLAN[lang]}\n"


def test_a_plan_of_a_folder_with_its_keys_mistyped_is_told_the_keys_it_meant(tmp_path):
    """(none of a plan's keys, but keys close to them: a plan mistyped, not another program's file)"""
    folder = split_small(tmp_path / "reg")
    text = (folder / "naqu.yaml").read_text(encoding="utf-8")
    for key in ("registry", "units", "tasks"):
        text = text.replace(f"\n{key}:", f"\n{key[:-1]}:", 1)
    (folder / "naqu.yaml").write_text(text, encoding="utf-8")
    proc = run("validate", str(folder), env_extra=str(tmp_path / "cache"), lang="en")
    assert (proc.returncode, proc.stdout) == (2, "")
    naqu = folder / "naqu.yaml"
    assert [line for line in proc.stderr.splitlines() if "unknown key" in line] == [
        f"rectify: {naqu}:3:1: registry file: unknown key 'registr' (did you mean registry?); allowed: registry, units, tasks",
        f"rectify: {naqu}:13:1: registry file: unknown key 'unit' (did you mean units?); allowed: registry, units, tasks",
        f"rectify: {naqu}:23:1: registry file: unknown key 'task' (did you mean tasks?); allowed: registry, units, tasks"]
    assert "not a plan" not in proc.stderr


def test_a_journal_saved_as_yml_in_a_folder_is_named_not_ignored(tmp_path):
    # (it was read as a plan file: "this is a journal, not a plan")
    folder = split_small(tmp_path / "reg")
    (folder / "naqu.progress.yaml").rename(folder / "naqu.progress.yml")
    proc = run("check", "-r", str(folder), env_extra=str(tmp_path / "cache"), lang="en")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (f"rectify: {folder / 'naqu.progress.yml'}: named like the journal of naqu.yaml, which rectify "
                           "reads from naqu.progress.yaml only: rename it naqu.progress.yaml (else what it records is "
                           "ignored, and the next entry starts a new journal)\n")


@pytest.mark.parametrize("zone", ["PRC"])
def test_two_names_of_one_time_zone_are_one_setting(tmp_path, zone):
    # (PRC beside Asia/Shanghai, the default, was refused as settings the files did not share)
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "timezone: Asia/Shanghai", f"timezone: {zone}")
    proc = run("validate", str(folder), env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stderr) == (0, "")


@pytest.mark.parametrize("use_cache", [False, True])
def test_an_entry_a_writing_command_refuses_is_named_with_its_files_journal_and_prefixed_id(tmp_path, monkeypatch, use_cache):
    """(naqu:4.2's step 2018-10-31 is closed: `extend` refuses to move it; the loader too)"""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    folder = split_small(tmp_path / "reg")
    registry.load_registry(folder, today=date(2019, 3, 31), use_cache=use_cache)
    journal = folder / "naqu.progress.yaml"
    lines = journal.read_text(encoding="utf-8").count("\n")
    with journal.open("a", encoding="utf-8") as handle:
        handle.write('- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n  milestone: 2018-10-31\n  to: 2020-06-30\n'
                     "  reason: 补批\n  approved_by: 自治区生态环境厅\n  late: true\n"
                     '- measure: "4.1"\n  date: 2019-03-21\n  state: reopened\n  note: 回头看\n'
                     '- measure: "4.1"\n  date: 2019-03-22\n  state: extended\n  to: 2019-06-30\n  reason: 补批\n'
                     "  approved_by: 自治区生态环境厅\n")
    with pytest.raises(RegistryError) as caught:
        registry.load_registry(folder, today=date(2019, 3, 31), use_cache=use_cache)
    # (4.1 is due at once, on its file's feedback date, 2018-01-03: reopened, extended late, unflagged)
    assert str(caught.value) == (
        f"{journal}:{lines + 3}:10: journal entry 6, field state: naqu:4.2 has no pending deadline 2018-10-31 as of "
        "2019-03-20: nothing to extend\n"
        f"{journal}:{lines + 13}:3: journal entry 8, field late: the extension of naqu:4.1 was requested on 2019-03-22, "
        "after the deadline it moves (2018-01-03, 443 days late): an extension must be approved before the deadline; "
        "write late: true to record it anyway, flagged as late")


def _closed_in_xizangs_journal(folder: Path, measure: str) -> tuple[Path, int]:
    """A close of `measure`, as written, appended to xizang's journal: (the journal, its line)."""
    journal = folder / "xizang.progress.yaml"
    with open(journal, "a", encoding="utf-8") as out:
        out.write(f'- measure: "{measure}"\n  date: 2019-03-20\n  state: done\n  evidence: 复验\n')
    return journal, journal.read_text(encoding="utf-8").count("\n") - 3


NAQUS_MEASURE_IN_XIZANGS_JOURNAL = ("journal entry 5: naqu:4.1 is a measure of naqu's plan, not of xizang's: a journal "
                                    "records its own file's measures; record it in naqu's journal (`rectify record "
                                    "naqu:4.1 …` writes it there)")


def _closed_in_xizangs_journal_refused(tmp_path, written: str, use_cache: bool, monkeypatch):
    """The small fixture split into a folder, loaded once (cached as it was), then `written` closed
    in xizang's journal (_closed_in_xizangs_journal): (the folder, that journal, the entry's line,
    the one problem the load then refuses it with)."""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    folder = split_small(tmp_path / "reg")
    registry.load_registry(folder, today=date(2019, 3, 31))
    journal, line = _closed_in_xizangs_journal(folder, written)
    with pytest.raises(RegistryError) as caught:
        registry.load_registry(folder, today=date(2019, 3, 31), use_cache=use_cache)
    (problem,) = caught.value.problems
    return folder, journal, line, problem


# "naqu:4.1": xizang.progress.yaml closing it again validated: its history was split across two
# journals, each replayed alone, so the second close went unseen (naqu's journal closed it).
# "4.1" (a clerk splitting one journal in two) was refused as no measure xizang:4.1, naming none.
@pytest.mark.parametrize("written", ["naqu:4.1", "4.1"])
@pytest.mark.parametrize("use_cache", [False, True])
def test_a_journal_naming_another_files_measure_is_refused_saying_whose_it_is(tmp_path, use_cache, written, monkeypatch):
    folder, journal, line, problem = _closed_in_xizangs_journal_refused(tmp_path, written, use_cache, monkeypatch)
    assert str(problem) == f"{journal}:{line}:12: {NAQUS_MEASURE_IN_XIZANGS_JOURNAL}"
    refused = run("status", "-r", str(folder))
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (f"rectify: {journal}:{line}:12: 第 5 条进展记录：naqu:4.1 是 naqu 方案的措施，不是 xizang 的："
                              "进展记录只记本文件的措施；请记在 naqu 的进展记录中（`rectify record naqu:4.1 …` 会写到那里）\n")


# "1.9" in xizang's journal was quoted as 'xizang:1.9', which the clerk searching the journal for it
# does not find there (as `record 1.9` quotes what was typed, suggesting the ids with their file).
@pytest.mark.parametrize("written", ["1.9", "xizang:1.9"])
@pytest.mark.parametrize("use_cache", [False, True])
def test_a_journals_unknown_measure_is_quoted_as_written_there(tmp_path, use_cache, written, monkeypatch):
    folder, journal, line, problem = _closed_in_xizangs_journal_refused(tmp_path, written, use_cache, monkeypatch)
    assert str(problem) == (f"{journal}:{line}:12: journal entry 5: no measure '{written}' in the plan "
                            "(did you mean xizang:1.2, xizang:1.1?)")
    refused = run("validate", str(folder))
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (f"rectify: {journal}:{line}:12: 第 5 条进展记录：整改方案中没有措施“{written}”"
                              "（是否指 xizang:1.2、xizang:1.1？）\n")


def test_a_journal_may_name_its_own_files_measures_with_their_file(tmp_path):
    folder = split_small(tmp_path / "reg")
    _closed_in_xizangs_journal(folder, "xizang:1.1")
    assert registry.load_registry(folder, today=date(2019, 3, 31)).journal[-1].measure == "xizang:1.1"


def test_a_unit_of_every_region_stands_for_its_own_files_regions(tmp_path):
    """In a folder, Tibet's 各地市 measures were counted as Qinghai's 西宁市's too (`check --owner
    西宁市`: 8 overdue of 51, truly 2 of 2): units are shared, its regions are its file's."""
    folder = tmp_path / "reg"
    folder.mkdir()
    text = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    assert text.count("昌都市") == 2  # (declared, with its alias 昌都市政府, and owning nothing itself)
    (folder / "xz.yaml").write_text(text, encoding="utf-8")
    (folder / "qh.yaml").write_text(text.replace("昌都市", "海东市"), encoding="utf-8")
    for name in ("xz", "qh"):
        (folder / f"{name}.progress.yaml").write_bytes((ROOT / "data" / "progress.yaml").read_bytes())

    def ids(*args):
        result = run("status", "-r", str(folder), "--format", "json", *args)
        assert result.returncode == 0, result.stderr
        return {m["id"] for t in json.loads(result.stdout)["tasks"] for m in t["measures"]}

    every_region = ids("--owner", "各地市")
    assert len(every_region) == 98
    assert ids("--region", "昌都市") == ids("--owner", "昌都市") == {i for i in every_region if i.startswith("xz:")}
    assert ids("--region", "海东市") == {i for i in every_region if i.startswith("qh:")}
    assert ids("--region", "拉萨市") >= every_region  # (declared in both files)


def test_a_journal_names_its_own_files_units(tmp_path):
    """`report xizang-2019:1.1 --by 西宁市` was written, a unit only Qinghai's plan declares: the
    folder still loaded, but Tibet's plan and journal alone no longer did (unknown unit), and an
    append-only journal can't be mended."""
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "\nunits:\n", "\nunits:\n  - name: 那曲市测试局\n    kind: department\n")
    journal = folder / "xizang.progress.yaml"
    before = journal.read_bytes()
    refused = run("record", "xizang:1.1", "--state", "in_progress", "--note", "调试", "--by", "那曲市测试局", "-r", str(folder),
                  "--lang", "en")
    assert refused.returncode == 2
    assert refused.stderr == ("rectify: --by: '那曲市测试局' is a unit of naqu.yaml, not of xizang.yaml, the plan of "
                              "xizang:1.1: an entry names a unit its own plan file declares\n")
    chinese = run("record", "xizang:1.1", "--state", "in_progress", "--note", "调试", "--by", "那曲市测试局", "-r", str(folder))
    assert chinese.stderr == ("rectify: --by：“那曲市测试局”是 naqu.yaml 中的单位，不属于措施 xizang:1.1 所在的 xizang.yaml："
                              "记录只能写本方案文件声明的单位\n")
    assert journal.read_bytes() == before
    assert run("record", "naqu:3.1", "--state", "in_progress", "--note", "调试", "--by", "那曲市测试局",
               "-r", str(folder)).returncode == 0
    # written by hand, it is refused on load
    journal.write_bytes(before + '- measure: "1.1"\n  date: 2019-03-20\n  state: in_progress\n  note: 调试\n  by: 那曲市测试局\n'.encode())
    with pytest.raises(RegistryError) as caught:
        registry.load_registry(folder, today=date(2019, 3, 31), use_cache=False)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{journal}:")
    assert "journal entry 5, field by: unknown unit '那曲市测试局'" in str(problem)


def test_an_alias_two_files_give_two_units_is_refused_as_a_filter(tmp_path):
    """--owner 环境保护厅 gave Qinghai's department alone (the first file's) and dropped Tibet's 19
    measures without a word."""
    folder = tmp_path / "reg"
    folder.mkdir()
    for name, department in (("xz", "自治区生态环境厅"), ("qh", "青海省生态环境厅")):
        text = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
        (folder / f"{name}.yaml").write_text(text.replace("自治区生态环境厅", department), encoding="utf-8")
    result = run("status", "-r", str(folder), "--owner", "环境保护厅", "--lang", "en")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("rectify: --owner: '环境保护厅' is an alias of 2 units (青海省生态环境厅, 自治区生态环境厅), "
                             "declared by different plan files: name the unit\n")
    assert run("status", "-r", str(folder), "--owner", "自治区生态环境厅").returncode == 0
    # (summary resolved the name itself, and reported on Qinghai's department alone)
    summary = run("summary", "-r", str(folder), "--month", "2019-03", "--owner", "环境保护厅", "--lang", "en")
    assert (summary.returncode, summary.stdout) == (2, "")
    assert summary.stderr == result.stderr
    chinese = run("status", "-r", str(folder), "--owner", "环境保护厅")
    assert (chinese.returncode, chinese.stderr) == (2, "rectify: --owner：“环境保护厅”是 2 个单位（青海省生态环境厅、自治区生态环境厅）的别名，"
                                                       "分别由不同的方案文件声明：请写明单位名称\n")


@pytest.mark.parametrize("use_cache", [True, False])
def test_a_journal_reads_an_alias_as_its_own_files_unit(tmp_path, use_cache):
    """生态环境局 is Lhasa's bureau in xizang.yaml and Nagqu's in naqu.yaml, which declares Lhasa's
    too: naqu's journal read `by: 生态环境局` as the unit declared last among naqu's, Lhasa's."""
    folder = split_small(tmp_path / "reg")
    for name, units in (("xizang", "  - name: 拉萨市生态环境局\n    aliases: [生态环境局]\n"),
                        ("naqu", "  - name: 那曲市生态环境局\n    aliases: [生态环境局]\n  - name: 拉萨市生态环境局\n")):
        edit(folder / f"{name}.yaml", "\nunits:\n", "\nunits:\n" + units)
    journal = folder / "naqu.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8") + '- measure: "3.1"\n  date: 2019-03-20\n  state: in_progress\n'
                       '  note: 调试\n  by: 生态环境局\n', encoding="utf-8")
    argv = ["history", "naqu:3.1", "-r", str(folder), *([] if use_cache else ["--no-cache"])]
    for _ in range(2 if use_cache else 1):  # (cold, then warm)
        proc = run(*argv, env_extra=str(tmp_path / "cache"))
        assert proc.returncode == 0, proc.stderr
        assert "2019-03-20  naqu:3.1  推进中  那曲市生态环境局  调试" in proc.stdout.splitlines()


@pytest.mark.parametrize("warm", [False, True])
def test_by_an_alias_two_files_give_is_written_as_the_journal_reads_it(tmp_path, warm):
    """生态环境局 is Lhasa's bureau in xizang.yaml and Nagqu's in naqu.yaml (which declares Lhasa's
    too): `by: 生态环境局` in naqu's journal loads as Nagqu's, but `record naqu:3.1 --by 生态环境局`
    was refused as an alias of two units (the folder's, not naqu's own)."""
    folder = split_small(tmp_path / "reg")
    for name, units in (("xizang", "  - name: 拉萨市生态环境局\n    aliases: [生态环境局]\n"),
                        ("naqu", "  - name: 那曲市生态环境局\n    aliases: [生态环境局]\n  - name: 拉萨市生态环境局\n")):
        edit(folder / f"{name}.yaml", "\nunits:\n", "\nunits:\n" + units)
    cache = str(tmp_path / "cache")
    if warm:
        assert run("status", "-r", str(folder), env_extra=cache).returncode == 0
    for measure, unit in (("naqu:3.1", "那曲市生态环境局"), ("xizang:1.1", "拉萨市生态环境局")):
        written = run("record", measure, "--state", "in_progress", "--note", "调试", "--date", "2019-03-20",
                      "--by", "生态环境局", "-r", str(folder), env_extra=cache)
        assert written.returncode == 0, written.stderr
        journal = folder / f"{measure.split(':')[0]}.progress.yaml"
        assert f"  note: 调试\n  by: {unit}\n  recorded: 2019-03-31\n" in journal.read_text(encoding="utf-8")
        history = run("history", measure, "-r", str(folder), "--no-cache")
        assert f"2019-03-20  {measure}  推进中（2019-03-31补录）  {unit}  调试" in history.stdout.splitlines()
    journal = (folder / "xizang.progress.yaml").read_bytes()
    refused = run("record", "xizang:1.1", "--state", "in_progress", "--note", "调试", "--by", "那曲市生态环境局",
                  "-r", str(folder), env_extra=cache, lang="en")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == ("rectify: --by: '那曲市生态环境局' is a unit of naqu.yaml, not of xizang.yaml, the plan of "
                              "xizang:1.1: an entry names a unit its own plan file declares\n")
    assert (folder / "xizang.progress.yaml").read_bytes() == journal


def test_a_unit_several_files_declare_is_known_by_all_their_aliases_and_must_be_alike(tmp_path):
    """A unit declared by several files kept the first file's declaration: a later file's alias was
    an unknown unit in the folder (its own journal's `by: 拉萨市政府` refused), and a file sorting
    first that declared 各地市 without kind: all_regions hid Tibet's 49 measures from every
    prefecture's filter (35.3, overdue, gone from check --owner 昌都市)."""
    folder = tmp_path / "reg"
    folder.mkdir()
    tibet = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    assert "aliases: [拉萨市政府, 拉萨市委]" in tibet
    small = (SMALL / "tasks.yaml").read_text(encoding="utf-8")
    (folder / "xz.yaml").write_text(tibet.replace("aliases: [拉萨市政府, 拉萨市委]", "aliases: [拉萨市政府, 拉萨市委, 拉萨市人民政府]"), encoding="utf-8")
    (folder / "aa.yaml").write_text(small.replace("\nunits:\n", "\nunits:\n  - name: 各地市\n", 1), encoding="utf-8")
    result = run("check", "-r", str(folder), "--owner", "昌都市", lang="en")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"rectify: {folder / 'xz.yaml'}: unit '各地市' is kind all_regions here but (none) in aa.yaml: "
                             "a folder's files declare a region, a subregion, or a unit of every region, alike\n")
    edit(folder / "aa.yaml", "  - name: 各地市\n", "  - name: 各地市\n    kind: all_regions\n")
    assert run("check", "-r", str(folder), "--owner", "昌都市").stdout.endswith("项措施逾期（共 49 项）\n")
    assert run("status", "-r", str(folder), "--owner", "拉萨市人民政府").returncode == 0  # (xz's alias, aa first)


@pytest.mark.parametrize("item, zh, en", [
    ("4.9", "没有任务或措施“4.9”（是否指 naqu:4.2、naqu:4.1？）", "no task or measure '4.9' (did you mean naqu:4.2, naqu:4.1?)"),
    ("9.9", "没有任务或措施“9.9”（任务编号为 naqu:3 至 naqu:4、xizang:1 至 xizang:2）",
     "no task or measure '9.9' (tasks are naqu:3 to naqu:4, xizang:1 to xizang:2)"),
])
def test_an_unknown_id_without_its_file_is_matched_against_each_files_ids(tmp_path, item, zh, en):
    """show 9.9 said 'tasks are naqu:3 to xizang:2', a range of no file, and 4.9 had no suggestion
    (naqu:4.2 is far from 4.9 as text)."""
    folder = split_small(tmp_path / "reg")
    for command in ("show", "history"):
        assert run(command, item, "-r", str(folder)).stderr == f"rectify: {zh}\n"
        assert run(command, item, "-r", str(folder), "--lang", "en").stderr == f"rectify: {en}\n"


def test_a_files_name_given_for_an_id_is_said_to_be_a_file_with_how_its_ids_are_written(tmp_path):
    """show xizang suggested xizang:2、xizang:1、xizang:2.2, ids close to it as text, not why it is none."""
    folder = split_small(tmp_path / "reg")
    for command in ("show", "history"):
        zh = run(command, "xizang", "-r", str(folder))
        assert (zh.returncode, zh.stdout, zh.stderr) == (
            2, "", "rectify: “xizang”是文件夹中的一个文件，不是任务或措施（其任务编号为 xizang:1 至 xizang:2）\n")
        en = run(command, "naqu", "-r", str(folder), "--lang", "en")
        assert (en.returncode, en.stderr) == (
            2, "rectify: 'naqu' is a file of the folder, not a task or measure (its tasks are naqu:3 to naqu:4)\n")


def test_a_files_name_with_its_colon_and_no_id_is_said_to_be_a_file_too(tmp_path):
    """show xizang: suggested xizang:2、xizang:1、xizang:2.2 (ids close to it as text), as show xizang once did."""
    folder = split_small(tmp_path / "reg")
    for command in ("show", "history"):
        zh = run(command, "xizang:", "-r", str(folder))
        assert (zh.returncode, zh.stdout, zh.stderr) == (
            2, "", "rectify: “xizang:”是文件夹中的一个文件，不是任务或措施（其任务编号为 xizang:1 至 xizang:2）\n")
    done = run("status", "--task", "naqu:", "-r", str(folder), "--lang", "en")
    assert (done.returncode, done.stderr) == (
        2, "rectify: --task: no task 'naqu:' ('naqu:' is a file of the folder: its tasks are naqu:3 to naqu:4)\n")


def test_a_files_name_given_for_a_task_or_a_measure_is_said_to_be_a_file_by_status_and_record(tmp_path):
    """status --task xizang and record xizang suggested ids close to the word as text, as show once did."""
    folder = split_small(tmp_path / "reg")
    journal = (folder / "xizang.progress.yaml").read_bytes()
    for command in (["status", "--task", "xizang"], ["check", "--task", "xizang"]):
        done = run(*command, "-r", str(folder), "--lang", "en")
        assert (done.returncode, done.stdout, done.stderr) == (
            2, "", "rectify: --task: no task 'xizang' ('xizang' is a file of the folder: its tasks are xizang:1 to xizang:2)\n")
    done = run("record", "naqu", "--state", "in_progress", "--note", "x", "-r", str(folder))
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", "rectify: 整改方案中没有措施“naqu”（“naqu”是文件夹中的一个文件，其任务编号为 naqu:3 至 naqu:4）\n")
    assert (folder / "xizang.progress.yaml").read_bytes() == journal


def test_record_of_an_unknown_id_without_its_file_suggests_each_files_close_ids(tmp_path):
    """It said no more than "no measure '4.9' in the plan"."""
    folder = split_small(tmp_path / "reg")
    done = run("record", "4.9", "--state", "in_progress", "--note", "x", "-r", str(folder), "--lang", "en")
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", "rectify: no measure '4.9' in the plan (did you mean naqu:4.2, naqu:4.1?)\n")


@pytest.mark.parametrize("item", ["naqu.4.2", "naqu 4.2"])
def test_an_id_with_its_file_and_the_wrong_separator_suggests_the_id(tmp_path, item):
    folder = split_small(tmp_path / "reg")
    hint = " (did you mean naqu:4.2, naqu:4.1, naqu:3.2?)"
    for command, said in ((["show", item], f"no task or measure '{item}'{hint}"),
                          (["history", item], f"no task or measure '{item}'{hint}"),
                          (["record", item, "--state", "in_progress", "--note", "x"], f"no measure '{item}' in the plan{hint}")):
        done = run(*command, "-r", str(folder), "--lang", "en")
        assert (done.returncode, done.stdout, done.stderr) == (2, "", f"rectify: {said}\n"), command


def test_a_task_number_several_files_have_is_refused_as_a_filter_as_show_refuses_it(tmp_path):
    """`check --task 2` of a folder checked every file's task 2 together, with no word of it,
    where `show 2` asks which file's."""
    folder = probe_folder(tmp_path / "reg")
    refused = run("check", "-r", str(folder), "--task", "2")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == "rectify: --task：文件夹中有多个文件含“2”（sm:2、xz:2）：请连同文件名指明所指的一项\n"
    assert run("status", "-r", str(folder), "--task", "2").stderr == refused.stderr
    assert '"sm:2.1"' in run("check", "-r", str(folder), "--task", "sm:2", "--format", "json").stdout
    only_xz = run("check", "-r", str(folder), "--task", "20", "--format", "json", "--as-of", "2020-01-01")
    assert only_xz.returncode == 1 and '"task_id": "xz:20"' in only_xz.stdout  # (one file has a task 20)


# --------------------------------------------------------------------------- a province gone quiet


def header(result) -> list[str]:
    """The lines of a status table from its date line to the task counts (not included)."""
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(("截至", "As of")))
    last = next(i for i, line in enumerate(lines) if re.match(r"任务 \d+ 项：|\d+ tasks?: ", line))
    return lines[first:last]


def test_status_of_a_folder_names_the_file_whose_journal_went_a_reporting_period_without_an_entry(tmp_path, monkeypatch):
    """The folder's newest entry (naqu's, 2019-03-10) was all the header gave: xizang.yaml's journal,
    silent since 2019-03-01, went unnoticed while the folder as a whole was not yet stale."""
    monkeypatch.chdir(tmp_path)
    split_small(tmp_path / "reg")
    today = {"RECTIFY_TODAY": "2019-06-05"}
    assert header(run_cli("status", "-r", "reg", env=today)) == [
        "截至 2019-06-05  最近一次记录 2019-03-10（87天前）",
        "注意：reg/xizang.yaml 自 2019-03-01 起 96 天未记录（报告周期 90 天）。"]
    assert header(run_cli("status", "-r", "reg", "--lang", "en", env=today)) == [
        "As of 2019-06-05  Latest entry 2019-03-10 (87 days ago)",
        "Warning: reg/xizang.yaml has had no entry since 2019-03-01 (96 days; reporting period 90 days)."]
    document = json.loads(run_cli("status", "-r", "reg", "--format", "json", env=today).stdout)
    assert document["files"] == [{"file": "reg/naqu.yaml", "latest_entry": "2019-03-10", "last_update": "2019-03-10", "stale": False,
                                  "feedback_date": "2018-01-03", "before_feedback": False},
                                 {"file": "reg/xizang.yaml", "latest_entry": "2019-03-01", "last_update": "2019-03-01", "stale": True,
                                  "feedback_date": "2018-01-03", "before_feedback": False}]
    # (a filter leaves the files' own latest entries as they are, as it leaves the folder's)
    assert json.loads(run_cli("status", "-r", "reg", "--format", "json", "--task", "naqu:3",
                              env=today).stdout)["files"] == document["files"]
    # a reporting period of one day is "1 day" (it was "reporting period 1 days")
    assert header(run_cli("status", "-r", "reg", "--lang", "en", "--report-period", "1", env={"RECTIFY_TODAY": "2019-03-11"}))[1:] == [
        "Warning: reg/xizang.yaml has had no entry since 2019-03-01 (10 days; reporting period 1 day)."]
    # a period later than the gap: nothing to say, as of one file
    assert header(run_cli("status", "-r", "reg", "--report-period", "96", env=today)) == [
        "截至 2019-06-05  最近一次记录 2019-03-10（87天前）"]
    single = json.loads(run_cli("status", "-r", str(SMALL / "tasks.yaml"), "--format", "json", env=today).stdout)
    assert "files" not in single


def test_a_file_without_entries_counts_from_its_own_feedback_date_stalest_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = split_small(tmp_path / "reg")
    (folder / "naqu.progress.yaml").write_text("", encoding="utf-8")
    edit(folder / "naqu.yaml", "feedback_date: 2018-01-03", "feedback_date: 2018-06-30")
    today = {"RECTIFY_TODAY": "2019-09-30"}
    assert header(run_cli("status", "-r", "reg", env=today)) == [
        "截至 2019-09-30  最近一次记录 2019-03-01（213天前）",
        "注意：台账已 213 天（约 7 个月）未更新，超过报告周期 90 天。",
        "注意：reg/naqu.yaml 尚无任何进展记录（自反馈之日 2018-06-30 起 457 天）。"]
    assert header(run_cli("status", "-r", "reg", "--lang", "en", env=today))[-2:] == [
        "reporting period.", "Warning: reg/naqu.yaml has no journal entries yet (457 days since its feedback on 2018-06-30)."]
    document = json.loads(run_cli("status", "-r", "reg", "--format", "json", env=today).stdout)
    assert document["files"] == [{"file": "reg/naqu.yaml", "latest_entry": None, "last_update": None, "stale": True,
                                  "feedback_date": "2018-06-30", "before_feedback": False},
                                 {"file": "reg/xizang.yaml", "latest_entry": "2019-03-01", "last_update": "2019-03-01", "stale": True,
                                  "feedback_date": "2018-01-03", "before_feedback": False}]
    # within a reporting period of its feedback, a file yet to write its first entry is not late
    # (naqu's feedback is 90 days before 2018-09-28: not more than a period)
    assert header(run_cli("status", "-r", "reg", "--as-of", "2018-09-28", env=today)) == [
        "截至 2018-09-28（今天是 2019-09-30）  最近一次记录 2018-06-20（早于截至日100天）",
        "注意：台账已 100 天（约 3 个月）未更新，超过报告周期 90 天。"]  # (xizang's entry is that one: said once)


def test_measures_never_reported_on_are_listed_stalest_first_across_files_fed_back_on_different_days(tmp_path, monkeypatch):
    """Of a folder's measures never reported on, naqu:3.2 (452 days) came before xizang:2.2 (668
    days), by id: all of them were taken as equally stale, whatever their file's feedback date."""
    monkeypatch.chdir(tmp_path)
    folder = split_small(tmp_path / "reg")
    for name in ("naqu", "xizang"):
        (folder / f"{name}.progress.yaml").write_text("", encoding="utf-8")
    edit(folder / "xizang.yaml", "feedback_date: 2018-01-03", "feedback_date: 2017-06-01")
    today = {"RECTIFY_TODAY": "2019-03-31"}

    def ids(lines):
        return [line.split()[0] for line in lines if line.startswith(("naqu:3.2", "xizang:2.2"))]
    status = run_cli("status", "-r", "reg", "--measures", "--state", "stale", env=today)
    assert ids(status.stdout.splitlines()) == ["xizang:2.2", "naqu:3.2"]
    summary = run_cli("summary", "-r", "reg", "--month", "2019-03", env=today).stdout.splitlines()
    stale = summary[summary.index("六、长期坚持措施久未报告（超过90天未报告）"):]
    assert [line.split()[-1] for line in stale if line.startswith(("naqu:3.2", "xizang:2.2"))] == ["668", "452"]
    check = run_cli("check", "-r", "reg", "--fail-on", "stale", env=today)
    assert ids(check.stdout.splitlines()) == ["xizang:2.2", "naqu:3.2"]


def test_a_retraction_is_its_files_latest_entry_as_it_is_the_folders(tmp_path, monkeypatch):
    """xizang.yaml's retraction of 2019-05-01 was the folder's latest entry (35 days before), yet
    the same header said xizang.yaml had had no entry since 2019-03-01 (96 days): a file's own
    latest entry left its retractions out."""
    monkeypatch.chdir(tmp_path)
    split_small(tmp_path / "reg")
    today = {"RECTIFY_TODAY": "2019-06-05"}
    retracted = run_cli("retract", "xizang:2.1", "--reason", "记到了别的措施上", "--date", "2019-05-01", "-r", "reg",
                        env=today)
    assert retracted.exit_code == 0, retracted.output
    # (written that day, back-dated: the header says so, as the ledger was updated on it)
    assert header(run_cli("status", "-r", "reg", env=today)) == [
        "截至 2019-06-05  最近一次记录 2019-05-01（35天前，2019-06-05有补录）"]
    document = json.loads(run_cli("status", "-r", "reg", "--format", "json", env=today).stdout)
    assert document["files"] == [{"file": "reg/naqu.yaml", "latest_entry": "2019-03-10", "last_update": "2019-03-10", "stale": False,
                                  "feedback_date": "2018-01-03", "before_feedback": False},
                                 # (its retraction back-dated to 2019-05-01, written on 2019-06-05)
                                 {"file": "reg/xizang.yaml", "latest_entry": "2019-05-01", "last_update": "2019-06-05", "stale": False,
                                  "feedback_date": "2018-01-03", "before_feedback": False}]


def test_a_quiet_file_a_filter_leaves_nothing_of_is_not_warned_of(tmp_path, monkeypatch):
    """`status --region 拉萨市` warned that naqu.yaml has no entries, a file with nothing in 拉萨市:
    a region's (an owner's, a task's) view is not that file's. The ledger's own warning stays, as a
    filter leaves the folder's latest entry as it is, and so does JSON's files; a state is no scope."""
    monkeypatch.chdir(tmp_path)
    folder = split_small(tmp_path / "reg")
    (folder / "naqu.progress.yaml").write_text("", encoding="utf-8")
    today = {"RECTIFY_TODAY": "2019-09-30"}
    ledger = ["截至 2019-09-30  最近一次记录 2019-03-01（213天前）", "注意：台账已 213 天（约 7 个月）未更新，超过报告周期 90 天。"]
    naqu = "注意：reg/naqu.yaml 尚无任何进展记录（自反馈之日 2018-01-03 起 635 天）。"
    for scope in (["--region", "拉萨市"], ["--owner", "拉萨市"], ["--task", "xizang:1"]):  # (nothing of naqu.yaml)
        assert header(run_cli("status", "-r", "reg", *scope, env=today)) == ledger, scope
    for view in (["--region", "那曲市"], ["--state", "done"], []):  # (naqu.yaml's task 4; done: none of it)
        assert header(run_cli("status", "-r", "reg", *view, env=today)) == [*ledger, naqu], view
    assert header(run_cli("status", "-r", "reg", "--region", "拉萨市", "--lang", "en", env=today))[-1] == "reporting period."
    files = json.loads(run_cli("status", "-r", "reg", "--region", "拉萨市", "--format", "json", env=today).stdout)["files"]
    assert [(f["file"], f["stale"]) for f in files] == [("reg/naqu.yaml", True), ("reg/xizang.yaml", True)]
    # (summary's overview, of the region's measures as status --region keeps them, says what status says)
    for region, warned in (("拉萨市", []), ("那曲市", [naqu])):
        lines = run_cli("summary", "-r", "reg", "--month", "2019-09", "--region", region, env=today).stdout.splitlines()
        assert [line for line in lines if line.startswith("注意")] == [ledger[1], *warned], region


def quiet_provinces(folder: Path, names, silent) -> Path:
    """A folder of the small plan once per name, each with the small journal, but `silent`'s empty."""
    folder.mkdir()
    for name in names:
        (folder / f"{name}.yaml").write_text((SMALL / "tasks.yaml").read_text(encoding="utf-8") + f"# {name}\n",
                                             encoding="utf-8")
        journal = "" if name == silent else (SMALL / "progress.yaml").read_text(encoding="utf-8")
        (folder / f"{name}.progress.yaml").write_text(journal, encoding="utf-8")
    return folder


def test_many_quiet_files_are_a_few_lines_stalest_first_then_their_number(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = quiet_provinces(tmp_path / "reg", ["shannan", "naqu", "linzhi", "changdu", "ali", "dali"], silent="naqu")
    with open(folder / "dali.progress.yaml", "a", encoding="utf-8") as journal:  # (the folder's latest entry)
        journal.write('- measure: "1.1"\n  date: 2019-03-20\n  state: in_progress\n  note: 调试\n')
    today = {"RECTIFY_TODAY": "2019-09-30"}
    assert header(run_cli("status", "-r", "reg", env=today))[1:] == [
        "注意：台账已 194 天（约 6 个月）未更新，超过报告周期 90 天。",  # (of dali.yaml's entry: not said again)
        "注意：reg/naqu.yaml 尚无任何进展记录（自反馈之日 2018-01-03 起 635 天）。",
        "注意：reg/ali.yaml 自 2019-03-10 起 204 天未记录（报告周期 90 天）。",
        "注意：reg/changdu.yaml 自 2019-03-10 起 204 天未记录（报告周期 90 天）。",
        "…共 6 个文件超过报告周期未记录。"]  # (dali.yaml too: the 5 it said did not add up to the folder's quiet files)
    assert header(run_cli("status", "-r", "reg", "--lang", "en", env=today))[-1] == (
        "… 6 files in all without an entry for longer than the reporting period.")
    document = json.loads(run_cli("status", "-r", "reg", "--format", "json", env=today).stdout)
    assert sum(file["stale"] for file in document["files"]) == 6


def test_summary_of_a_folder_names_its_quiet_files_in_the_overview(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    split_small(tmp_path / "reg")
    for lang, heading, warning in (
            ("zh", "一、总体情况", "注意：reg/xizang.yaml 自 2019-03-01 起 91 天未记录（报告周期 90 天）。"),
            ("en", "1. Overview",
             "Warning: reg/xizang.yaml has had no entry since 2019-03-01 (91 days; reporting period 90 days).")):
        result = run_cli("summary", "-r", "reg", "--month", "2019-05", "--lang", lang,
                         env={"RECTIFY_TODAY": "2019-06-05"})  # (judged as of 2019-05-31: 91 days)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        at = lines.index(heading)
        # (after the headline and the change since April's end: nothing due in May, nothing written)
        assert lines[at + 3:at + 5] == [warning, ""]


def test_summary_of_a_folders_task_names_the_quiet_file_only_when_the_task_is_in_it(tmp_path, monkeypatch):
    """As status --task does (stale_files: of the files the scope leaves something of): xizang.yaml,
    quiet 91 days, is naqu's task 3's report's business no more than the rest of xizang's measures."""
    monkeypatch.chdir(tmp_path)
    split_small(tmp_path / "reg")
    warning = "注意：reg/xizang.yaml 自 2019-03-01 起 91 天未记录（报告周期 90 天）。"

    def summary(task):
        result = run_cli("summary", "-r", "reg", "--month", "2019-05", "--task", task, env={"RECTIFY_TODAY": "2019-06-05"})
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    lines = summary("1")  # (the one file with a task 1: named as the folder names it)
    assert lines[2] == "任务：xizang:1"
    assert lines[lines.index("一、总体情况") + 3:lines.index("一、总体情况") + 5] == [warning, ""]
    lines = summary("3")
    assert lines[2] == "任务：naqu:3"
    assert warning not in lines and not any(line.startswith("注意：") for line in lines)


def test_status_header_of_a_folder_of_many_files_gives_the_folder_and_their_number(tmp_path, monkeypatch):
    """A national folder's 31 file names made a wall of a header line."""
    monkeypatch.chdir(tmp_path)
    quiet_provinces(tmp_path / "reg", ["shannan", "naqu", "linzhi", "changdu"], silent=None)
    assert run_cli("status", "-r", "reg").stdout.splitlines()[0] == "测试台账  reg/（4 个文件）"
    assert run_cli("status", "-r", "reg/", "--lang", "en").stdout.splitlines()[0] == "测试台账  reg/ (4 files)"
    # (the folder typed as a path from elsewhere: named as its files are, from here)
    assert run_cli("status", "-r", str(tmp_path / "reg")).stdout.splitlines()[0] == "测试台账  reg/（4 个文件）"
    (tmp_path / "reg" / "shannan.yaml").unlink()
    (tmp_path / "reg" / "shannan.progress.yaml").unlink()
    assert run_cli("status", "-r", "reg").stdout.splitlines()[0] == (
        "测试台账  reg/changdu.yaml、reg/linzhi.yaml、reg/naqu.yaml")


def test_validate_of_a_folder_of_many_files_gives_the_folder_and_their_number(tmp_path, monkeypatch):
    """validate named each of a national folder's 31 files on its one line (1,040 characters), where
    status's header gives the folder and their number."""
    monkeypatch.chdir(tmp_path)
    quiet_provinces(tmp_path / "reg", ["shannan", "naqu", "linzhi", "changdu"], silent=None)
    validated = run_cli("validate", "-r", "reg")
    assert (validated.exit_code, validated.stdout.split("：通过")[0]) == (0, "reg/（4 个文件）")
    validated = run_cli("validate", str(tmp_path / "reg"), "--lang", "en")
    assert (validated.exit_code, validated.stdout.split(": ok")[0]) == (0, "reg/ (4 files)")
    (tmp_path / "reg" / "shannan.yaml").unlink()
    (tmp_path / "reg" / "shannan.progress.yaml").unlink()
    assert run_cli("validate", "-r", "reg").stdout.split("：通过")[0] == "reg/changdu.yaml、reg/linzhi.yaml、reg/naqu.yaml"


def test_status_header_breaks_a_folders_file_names_between_names_never_within_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = "provinces-of-the-second-round-of-inspections"
    quiet_provinces(tmp_path / folder, ["changdu", "linzhi", "naqu"], silent=None)
    result = run_cli("status", "-r", folder, env={"COLUMNS": "80"})
    assert result.stdout.splitlines()[:5] == [
        "测试台账",
        f"{folder}/changdu.yaml、",
        f"{folder}/linzhi.yaml、",
        f"{folder}/naqu.yaml",
        "截至 2019-03-31  最近一次记录 2019-03-10（21天前）"]


def test_a_quiet_files_warning_keeps_its_bracket_whole_on_a_narrow_terminal(tmp_path, monkeypatch):
    """At 80 columns the Chinese warning broke inside its bracket, （报告周期 / 90 天）。, where the
    English one keeps (204 days; reporting period 90 days). whole on the next line."""
    monkeypatch.chdir(tmp_path)
    folder = quiet_provinces(tmp_path / "second-round-2019", ["changdu", "linzhi"], silent=None)
    with open(folder / "linzhi.progress.yaml", "a", encoding="utf-8") as journal:  # (the folder's latest entry)
        journal.write('- measure: "1.1"\n  date: 2019-09-20\n  state: in_progress\n  note: 调试\n')
    env = {"COLUMNS": "80", "RECTIFY_TODAY": "2019-09-30"}
    assert header(run_cli("status", "-r", "second-round-2019", env=env))[1:] == [
        "注意：second-round-2019/changdu.yaml 自 2019-03-10 起 204 天未记录",
        "（报告周期 90 天）。"]
    assert header(run_cli("status", "-r", "second-round-2019", "--lang", "en", env=env))[1:] == [
        "Warning: second-round-2019/changdu.yaml has had no entry since 2019-03-10",
        "(204 days; reporting period 90 days)."]


def test_a_unit_only_another_file_declares_is_refused_naming_that_file(tmp_path):
    """A national office copies a unit into one province's measures that only another province's
    file declares: refused (a file declares the units it uses), but the message said only
    "declare it under 'units:'", leaving the reader to wonder why a unit the folder knows is unknown."""
    folder = split_small(tmp_path / "reg")
    edit(folder / "xizang.yaml", "\nunits:\n", "\nunits:\n  - name: 那曲市测试局\n    kind: department\n")
    plan = folder / "naqu.yaml"
    edit(plan, "owners: [那曲市]\n        lead: 那曲市", "owners: [那曲市测试局]\n        lead: 那曲市测试局")
    lines = plan.read_text(encoding="utf-8").splitlines()
    owners_line = next(n for n, text in enumerate(lines, 1) if "owners: [那曲市测试局]" in text)
    measure = "naqu:4.1"  # (the first of naqu.yaml's measures owned by 那曲市 alone)
    english = run("status", "-r", str(folder), "--lang", "en")
    assert english.returncode == 2
    assert english.stderr.splitlines() == [
        f"rectify: {plan}:{owners_line}:18: measure {measure}, field owners: unknown unit '那曲市测试局' (only xizang.yaml "
        "declares it: each plan file declares the units it names); declare it under 'units:'",
        f"rectify: {plan}:{owners_line + 1}:15: measure {measure}, field lead: unknown unit '那曲市测试局' (only xizang.yaml "
        "declares it: each plan file declares the units it names)"]
    chinese = run("check", "-r", str(folder))
    assert chinese.returncode == 2
    assert chinese.stderr.splitlines() == [
        f"rectify: {plan}:{owners_line}:18: 措施 {measure} 的 owners：未知单位“那曲市测试局”（只有 xizang.yaml "
        "声明了它：每个方案文件须自己声明所写的单位）；请在 'units:' 下声明",
        f"rectify: {plan}:{owners_line + 1}:15: 措施 {measure} 的 lead：未知单位“那曲市测试局”（只有 xizang.yaml "
        "声明了它：每个方案文件须自己声明所写的单位）"]


def test_a_task_of_a_folder_is_named_in_a_problem_with_its_file_as_its_measures_are(tmp_path):
    """A problem of a folder's task said `任务 3 的 …` beside `措施 naqu:3.1 的 …`: which file's task 3?"""
    folder = split_small(tmp_path / "reg")
    plan = folder / "naqu.yaml"
    edit(plan, "        - {kind: date, due: 2020-12-31}\n    reported: {state: on_schedule}",
         "        - {kind: date, due: 2020-12-32}\n    reported: {state: on_schedule}")
    line = next(n for n, text in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1) if "2020-12-32" in text)
    chinese = run("status", "-r", str(folder))
    assert chinese.returncode == 2
    assert chinese.stderr.splitlines() == [
        f"rectify: {plan}:{line}:29: 任务 naqu:3 的 deadline.milestones[1].due：“2020-12-32”不是实际存在的日期"
        "（该月没有这一天）"]
    english = run("status", "-r", str(folder), "--lang", "en")
    assert english.stderr.splitlines() == [
        f"rectify: {plan}:{line}:29: task naqu:3, field deadline.milestones[1].due: '2020-12-32' is not a real calendar date "
        "(that month has no such day)"]


def test_a_file_whose_name_holds_a_colon_is_named_in_chinese_at_its_problems(tmp_path):
    """An id is its file's name, ":", and numbers; of a file named a:b.yaml (a Linux or Mac
    name) the problems were said half in English, `task a:b:1.deadline…`."""
    text = (SMALL / "tasks.yaml").read_text(encoding="utf-8").replace("due: 2018-12-31", "due: 2018-12-32", 2)
    (tmp_path / "a:b.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "-r", str(tmp_path))
    assert result.exit_code == 2
    assert [line.split(": ", 2)[2] for line in result.stderr.splitlines()] == [
        "任务 a:b:1 的 deadline.milestones[1].due：“2018-12-32”不是实际存在的日期（该月没有这一天）",
        "措施 a:b:1.1 的 milestones[1].due：“2018-12-32”不是实际存在的日期（该月没有这一天）",
    ]


def test_a_folder_of_three_files_names_the_two_others(tmp_path):
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "title: 测试台账", "title: 那曲市整改报告")
    (folder / "ali.yaml").write_bytes((folder / "naqu.yaml").read_bytes() + "# ali\n".encode())
    status = run("status", "-r", str(folder), env_extra=str(tmp_path / "cache"), lang="en")
    assert status.returncode == 0, status.stderr
    assert status.stdout.splitlines()[0].split("  ")[0] == "3 ledgers: 那曲市整改报告 and 2 others"


OTHER_FILES = ("/naqu.progress.yaml:2:12: journal entry 1: xizang:1.1 is a measure of xizang's plan, not of naqu's: a "
               "journal records its own file's measures; record it in xizang's journal (`rectify record xizang:1.1 …` "
               "writes it there)")
NO_2_9 = "/xizang.progress.yaml:15:12: journal entry 3: no measure '2.9' in the plan (did you mean xizang:2.2, xizang:2.1?)"


@pytest.mark.parametrize("plan, old, new, said", [
    ("naqu.yaml", "due: 2020-12-31}", "due: 2020-12-32}", [OTHER_FILES, NO_2_9]),
    # (xizang's task 2 can't be read: 2.9 may be its measure; 1.1 is xizang's all the same)
    ("xizang.yaml", "  - id: 2\n", "  - id: two\n", [OTHER_FILES]),
    # (xizang's task 1 can't be read: naqu's journal may name one of naqu's measures, or xizang's)
    ("xizang.yaml", "  - id: 1\n", "  - id: one\n", [NO_2_9]),
])
def test_a_folders_journals_are_judged_against_the_ids_its_plan_files_were_read_to_have(tmp_path, plan, old, new, said):
    """A plan file with a problem: the journals' measures were judged only once it was fixed."""
    folder = split_small(tmp_path / "f")
    edit(folder / "xizang.progress.yaml", '"2.1"', '"2.9"')
    edit(folder / "naqu.progress.yaml", '"3.1"', '"1.1"')  # (xizang's measure, recorded in naqu's journal)
    edit(folder / plan, old, new)
    with pytest.raises(RegistryError) as caught:
        registry.load_registry(folder, today=date(2019, 3, 31), use_cache=False)
    journals = [str(p).replace(str(folder), "") for p in caught.value.problems if ".progress." in str(p)]
    assert journals == said


@pytest.mark.parametrize("columns", ["20", "25", "31"])
def test_history_on_a_narrow_terminal_keeps_a_province_s_ids_whole(tmp_path, columns):
    """At 20-31 columns `新疆维吾尔自治区:4.2` (a file named for its province) was cut to `新疆维…`, its
    rule with it: the id goes on the line under its date, whole."""
    folder = split_small(tmp_path / "reg")
    for name in ("naqu.yaml", "naqu.progress.yaml"):
        (folder / name).rename(folder / name.replace("naqu", "新疆维吾尔自治区"))
    result = run_cli("history", "-r", str(folder), env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    ids = [line for line in lines if line.startswith(("新疆", "xizang:"))]
    assert sorted(ids) == ["xizang:1.1", "xizang:1.2", "xizang:2.1", "xizang:2.2", "新疆维吾尔自治区:3.1",
                           "新疆维吾尔自治区:3.2", "新疆维吾尔自治区:4.1", "新疆维吾尔自治区:4.2", "新疆维吾尔自治区:4.2"]
    assert "…" not in "\n".join(lines[:3]) and max(map(display_width, lines)) <= int(columns)


@pytest.mark.parametrize("columns", ["38", "39"])
def test_history_of_a_province_s_measure_keeps_its_entry_whole_beside_or_under_it(tmp_path, columns):
    """At 38-39 columns beside `新疆维吾尔自治区:3.1` (5-6 cells were left) the entry was cut to `推进…`,
    its header's rule to `----…`: too narrow to wrap in, it goes under its date and measure, named."""
    folder = split_small(tmp_path / "reg")
    for name in ("naqu.yaml", "naqu.progress.yaml"):
        (folder / name).rename(folder / name.replace("naqu", "新疆维吾尔自治区"))
    result = run_cli("history", "新疆维吾尔自治区:3.1", "-r", str(folder), env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "…" not in "\n".join(lines[:3]) and max(map(display_width, lines)) <= int(columns)
    assert lines[2:4] == ["2019-02-01  新疆维吾尔自治区:3.1", "  记录：推进中"]


def test_status_json_gives_each_file_the_day_its_journal_was_last_written_to(tmp_path, monkeypatch):
    """naqu's report back-dated to 2019-04-10 but written on 2019-09-01 left its file `"latest_entry":
    "2019-04-10", "stale": false` 158 days on, a period of 90: the day it was written, what its
    staleness counts from, was given of the folder (`last_update`) but not of its file."""
    monkeypatch.chdir(tmp_path)
    split_small(tmp_path / "reg")
    written = run_cli("record", "naqu:3.1", "--state", "in_progress", "--note", "补录", "--date", "2019-04-10", "-r", "reg",
                      env={"RECTIFY_TODAY": "2019-09-01"})
    assert written.exit_code == 0, written.output
    document = json.loads(run_cli("status", "-r", "reg", "--format", "json", env={"RECTIFY_TODAY": "2019-09-15"}).stdout)
    assert document["last_update"] == "2019-09-01"
    assert document["files"] == [
        {"file": "reg/naqu.yaml", "latest_entry": "2019-04-10", "last_update": "2019-09-01", "stale": False,
         "feedback_date": "2018-01-03", "before_feedback": False},
        {"file": "reg/xizang.yaml", "latest_entry": "2019-03-01", "last_update": "2019-03-01", "stale": True,
         "feedback_date": "2018-01-03", "before_feedback": False}]


# --------------------------------------------------------------------------- a task filter, as the plan names it


def test_a_task_filter_given_without_its_file_is_said_by_its_full_id(tmp_path):
    """`--task 3` of a folder (one file has a task 3) was said as typed, "任务 3", and in JSON
    `"task": ["3"]` beside tasks whose id is naqu:3; `--task 1 --task xizang:1`, one task, was
    "任务 1、xizang:1". A unit's alias is said by its name; a task is said by its id too."""
    folder = split_small(tmp_path / "reg")
    cache = str(tmp_path / "cache")
    table = run("status", "-r", str(folder), "--as-of", AS_OF, "--task", "1", "--task", "xizang:1", env_extra=cache)
    assert table.returncode == 0, table.stderr
    assert [line for line in table.stdout.splitlines() if line.startswith("筛选条件")] == ["筛选条件：任务 xizang:1"]
    status = run("status", "-r", str(folder), "--as-of", AS_OF, "--task", "3", "--format", "json", env_extra=cache)
    assert json.loads(status.stdout)["filters"] == {"task": ["naqu:3"]}
    check = run("check", "-r", str(folder), "--as-of", AS_OF, "--task", "1", "--format", "json", env_extra=cache)
    assert json.loads(check.stdout)["filters"] == {"task": ["xizang:1"]}
    text = run("check", "-r", str(folder), "--as-of", AS_OF, "--task", "１", "--lang", "en", env_extra=cache)
    assert text.stdout.splitlines()[0] == "Filtered to: task xizang:1"


@pytest.mark.parametrize("lang, note, no_entries, counts", [
    ("zh", "注意：核查日期 2018-03-31 早于 {file} 的督察反馈日期 2018-05-01，该文件的整改尚未开始，其各项措施尚无可核查的进展。",
     "注意：台账尚无任何进展记录。", "任务 4 项："),
    ("en", "Note: 2018-03-31 is before the inspection's feedback date of {file}, 2018-05-01: its rectification had "
           "not begun, and none of its measures has progress to judge.",
     "Warning: the ledger has no journal entries yet.", "4 tasks: "),
])
def test_status_before_one_files_feedback_names_the_file_whose_plan_had_not_begun(tmp_path, lang, note, no_entries,
                                                                                  counts):
    """naqu.yaml's feedback on 2018-05-01, xizang.yaml's on 2018-01-03: as of 2018-03-31 naqu's
    rectification had not begun, which the header says of it as it says of a day before the
    whole ledger's feedback (before, it said nothing of naqu)."""
    folder = split_small(tmp_path / "reg")
    naqu = folder / "naqu.yaml"
    naqu.write_text(naqu.read_text(encoding="utf-8").replace("feedback_date: 2018-01-03", "feedback_date: 2018-05-01"),
                    encoding="utf-8")
    env = {"RECTIFY_TODAY": AS_OF, "COLUMNS": "400", "RECTIFY_CACHE_DIR": str(tmp_path / "cache")}

    def lines(*args):
        result = run_cli("status", "-r", str(folder), "--lang", lang, *args, env=env)
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    # (no entry yet, but 87 days after the earliest feedback: within the reporting period, not warned of)
    said = lines("--as-of", "2018-03-31")
    assert said[2] == note.format(file=naqu) and said[3].startswith(counts), said
    # (out of the scope: not its view; on its feedback day, begun; before both, the ledger's note alone)
    assert lines("--as-of", "2018-03-31", "--task", "xizang:1")[3:4] == ["任务 1 项：红 0  黄 0  绿 1"
                                                                      if lang == "zh" else "1 task: red 0  yellow 0  green 1"]
    assert no_entries in lines("--as-of", "2018-04-04")  # (91 days after it: warned of)
    assert "naqu.yaml " not in "\n".join(lines("--as-of", "2018-05-01")[1:])
    before = lines("--as-of", "2017-12-31")
    assert [line for line in before if line.startswith(("注意", "Note", "Warning"))] == [
        "注意：核查日期 2017-12-31 早于督察反馈日期 2018-01-03，整改尚未开始，各项措施尚无可核查的进展。" if lang == "zh" else
        "Note: 2017-12-31 is before the inspection's feedback date, 2018-01-03: rectification had not begun, and no "
        "measure has progress to judge."]


def test_status_json_before_one_files_feedback_says_so_of_that_file_as_the_header_does(tmp_path):
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "feedback_date: 2018-01-03", "feedback_date: 2018-05-01")
    env = {"RECTIFY_TODAY": AS_OF, "RECTIFY_CACHE_DIR": str(tmp_path / "cache")}

    def document(as_of):
        result = run_cli("status", "-r", str(folder), "--format", "json", "--as-of", as_of, env=env)
        assert result.exit_code == 0, result.output
        found = json.loads(result.stdout)
        return ((found["feedback_date"], found["before_feedback"]),
                [(f["file"], f["feedback_date"], f["before_feedback"]) for f in found["files"]])

    naqu, xizang = str(folder / "naqu.yaml"), str(folder / "xizang.yaml")
    assert document("2018-03-31") == (("2018-01-03", False),
                                      [(naqu, "2018-05-01", True), (xizang, "2018-01-03", False)])
    assert document("2018-05-01") == (("2018-01-03", False),
                                      [(naqu, "2018-05-01", False), (xizang, "2018-01-03", False)])
    assert document("2017-12-31") == (("2018-01-03", True),
                                      [(naqu, "2018-05-01", True), (xizang, "2018-01-03", True)])


def test_summary_before_one_files_feedback_names_the_file_as_status_does(tmp_path):
    folder = split_small(tmp_path / "reg")
    naqu = folder / "naqu.yaml"
    naqu.write_text(naqu.read_text(encoding="utf-8").replace("feedback_date: 2018-01-03", "feedback_date: 2018-05-01"),
                    encoding="utf-8")
    env = {"RECTIFY_TODAY": AS_OF, "RECTIFY_CACHE_DIR": str(tmp_path / "cache")}
    result = run_cli("summary", "-r", str(folder), "--month", "2018-03", env=env)
    assert result.exit_code == 0, result.output
    overview = result.stdout.split("一、总体情况\n")[1].split("\n\n")[0].splitlines()
    # (no entry yet, within a reporting period of the earliest feedback: not warned of)
    assert overview[-1:] == [f"注意：核查日期 2018-03-31 早于 {naqu} 的督察反馈日期 2018-05-01，该文件的整改尚未开始，"
                             "其各项措施尚无可核查的进展。"]
    may = run_cli("summary", "-r", str(folder), "--month", "2018-05", env=env).stdout
    assert "督察反馈日期" not in may  # (its feedback day in the month: begun by its end)


def test_files_whose_plan_had_not_begun_are_named_three_then_counted():
    from rectify_cli.engine import FileStanding
    from rectify_cli.i18n import Lang
    from rectify_cli.render.journal_text import ledger_warnings

    unbegun = [FileStanding(f"{name}.yaml", None, date(2018, 5, day), -day, False, None, f"{name}:", date(2018, 5, day))
               for day, name in enumerate(["ali", "naqu", "lasa", "rikaze"], start=1)]
    assert ledger_warnings(date(2018, 3, 31), date(2018, 4, 1), [], 90, Lang.zh, feedback=date(2018, 1, 3),
                           unbegun=unbegun) == [
        "注意：核查日期 2018-04-01 早于 ali.yaml 的督察反馈日期 2018-05-01，该文件的整改尚未开始，其各项措施尚无可核查的进展。",
        "注意：核查日期 2018-04-01 早于 naqu.yaml 的督察反馈日期 2018-05-02，该文件的整改尚未开始，其各项措施尚无可核查的进展。",
        "注意：核查日期 2018-04-01 早于 lasa.yaml 的督察反馈日期 2018-05-03，该文件的整改尚未开始，其各项措施尚无可核查的进展。",
        "…共 4 个文件的整改在核查日期尚未开始。"]
    assert ledger_warnings(date(2018, 3, 31), date(2018, 4, 1), [], 90, Lang.en, feedback=date(2018, 1, 3),
                           unbegun=unbegun)[3] == "… 4 files in all whose rectification had not begun by then."
    # (three are named, and no count of them follows)
    assert ledger_warnings(date(2018, 3, 31), date(2018, 4, 1), [], 90, Lang.zh, feedback=date(2018, 1, 3),
                           unbegun=unbegun[:3])[2:] == [
        "注意：核查日期 2018-04-01 早于 lasa.yaml 的督察反馈日期 2018-05-03，该文件的整改尚未开始，其各项措施尚无可核查的进展。"]


def test_the_retract_a_repeat_is_told_to_run_quotes_an_id_whose_file_name_has_a_space(tmp_path):
    # (`rectify retract gan su:1.1 --entry …`, pasted, retracted nothing: the shell read `gan` and `su:1.1`)
    folder = split_small(tmp_path / "reg")
    (folder / "xizang.yaml").rename(folder / "gan su.yaml")
    (folder / "xizang.progress.yaml").rename(folder / "gan su.progress.yaml")
    record = ("record", "gan su:1.1", "--state", "in_progress", "--note", "同一说明", "-r", str(folder))
    first = run(*record, env_extra=str(tmp_path / "cache"))
    second = run(*record, env_extra=str(tmp_path / "cache"))
    old, new = (proc.stdout.split("台账哈希 ")[1].split()[0][:12] for proc in (first, second))
    command = f"rectify retract 'gan su:1.1' --entry {new} --reason 重复记录 -r {folder}"
    assert (second.returncode, second.stdout.splitlines()[1]) == (0, (
        f"  ! 这条记录与 2019-03-31 的推进中记录（{old}）完全相同，仍已写入；如是误将命令运行了两次，"
        f"请用 `{command}` 撤回这一条"))
    validated = run("validate", str(folder), env_extra=str(tmp_path / "cache"))
    assert (validated.returncode, validated.stderr) == (0, (
        f"rectify: {folder}/gan su.progress.yaml:30: 警告：第 6 条进展记录（措施 gan su:1.1，2019-03-31）与第 25 行的记录"
        f"完全相同：重复的记录不改变任何状态；如是误将命令运行了两次，请用 `{command}` 撤回这一条\n"))
    pasted = run(*shlex.split(command)[1:], env_extra=str(tmp_path / "cache"))
    assert pasted.returncode == 0, pasted.stderr
    assert f"  retracts: {new}" in (folder / "gan su.progress.yaml").read_text(encoding="utf-8")


def test_a_journal_naming_another_files_measure_quotes_the_record_command_it_gives(tmp_path):
    folder = split_small(tmp_path / "reg")
    (folder / "naqu.yaml").rename(folder / "na qu.yaml")
    (folder / "naqu.progress.yaml").rename(folder / "na qu.progress.yaml")
    journal, line = _closed_in_xizangs_journal(folder, "na qu:4.1")
    refused = run("status", "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (f"rectify: {journal}:{line}:12: 第 5 条进展记录：na qu:4.1 是 na qu 方案的措施，不是 xizang 的："
                              "进展记录只记本文件的措施；请记在 na qu 的进展记录中（`rectify record 'na qu:4.1' …` 会写到那里）\n")


@pytest.mark.parametrize("command, message", [
    (["show", "xizang:99.1"], "没有任务或措施“xizang:99.1”（任务编号为 xizang:1 至 xizang:2）"),
    (["history", "xizang:99"], "没有任务或措施“xizang:99”（任务编号为 xizang:1 至 xizang:2）"),
    (["status", "--task", "xizang:99"], "--task：没有任务“xizang:99”（任务编号为 xizang:1 至 xizang:2）"),
    (["check", "--task", "naqu:99"], "--task：没有任务“naqu:99”（任务编号为 naqu:3 至 naqu:4）"),
    (["record", "xizang:99.1", "--state", "report", "--note", "按月报告"],
     "整改方案中没有措施“xizang:99.1”（任务编号为 xizang:1 至 xizang:2）"),
    (["show", "99.1"], "没有任务或措施“99.1”（任务编号为 naqu:3 至 naqu:4、xizang:1 至 xizang:2）"),  # (no file named: each)
])
def test_an_id_far_from_its_files_ids_is_told_the_range_of_its_own_file(tmp_path, command, message):
    # (xizang:99.1 was told every file's range of tasks, naqu's first, as if the file were not named)
    folder = split_small(tmp_path / "reg")
    proc = run(*command, "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"rectify: {message}\n")


@pytest.mark.parametrize("output, other, lang, message", [
    ("XIZANG.yaml", "xizang.yaml", "zh",
     "文件夹中已有同名的方案文件 xizang.yaml（名字只差大小写或 .yml、.yaml）：两者都在，该文件夹的台账就无法读入；"
     "要替换它，请用 -o 指明 xizang.yaml，否则请换一个名字。未写入任何内容。"),
    ("naqu.yml", "naqu.yaml", "en",
     "the folder already holds a plan file of that name, naqu.yaml (the names differ only in case or in .yml, .yaml): "
     "with both there, the folder's ledger cannot be read; to replace it give -o naqu.yaml, else choose another name. "
     "Nothing was written."),
])
def test_an_import_into_a_folder_is_refused_a_name_another_plan_file_has_but_for_case_or_suffix(tmp_path, output, other,
                                                                                                   lang, message):
    # (it wrote XIZANG.yaml and XIZANG.progress.yaml beside xizang.yaml, exit 0, and every command then refused the folder;
    # on Windows or a Mac the journal written would have been xizang's own)
    folder = split_small(tmp_path / "reg")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    proc = run("import", str(ROOT / "data" / "source" / "xizang-2019-rectification-report.txt"),
               "--curation", str(ROOT / "data" / "source" / "curation.yaml"), "-o", str(folder / output),
               env_extra=str(tmp_path / "cache"), lang=lang)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"rectify: {folder / output}: {message}\n")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert run("status", "-r", str(folder), env_extra=str(tmp_path / "cache")).returncode == 0


def test_a_setting_left_to_its_default_is_said_so_in_chinese(tmp_path):
    # (the Chinese refusal read “此处为 14，在 naqu.yaml 中为 30 (not set: the default)”)
    folder = split_small(tmp_path / "reg")
    edit(folder / "xizang.yaml", "warn_days: 30", "warn_days: 14")
    edit(folder / "naqu.yaml", "    warn_days: 30\n", "")
    proc = run("validate", str(folder), env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (f"rectify: {folder}/xizang.yaml:11:16: registry.settings.warn_days：此处为 14，"
                           "在 naqu.yaml 中为 30（未设置，取默认值）：文件夹中各文件共用同一套设置\n")


# -- a subfolder's plan files: not read, said so ---------------------------------------------------
def _with_subfolder(folder: Path, name: str, files: list[str]) -> Path:
    """`folder` with a subfolder `name` holding a copy of its xizang.yaml under each of `files`."""
    sub = folder / name
    sub.mkdir()
    for file in files:
        shutil.copyfile(folder / "xizang.yaml", sub / file)
    return sub


@pytest.mark.parametrize("command", [
    ["status", "--format", "json"], ["status"], ["check"], ["check", "--format", "json"], ["summary", "--month", "2019-03"],
    ["validate"], ["export"], ["reconcile"], ["verify"],
])
def test_a_subfolder_holding_plan_files_is_said_to_be_unread_and_the_rest_judged_as_without_it(tmp_path, command):
    """`check -r nat` passed with nat/2019/ningxia.yaml in it, unjudged, and nobody was told: a
    warning on stderr names the subfolder and its plan files; the output and exit code are as without it."""
    folder = split_small(tmp_path / "reg")
    without = run(*command, "-r", str(folder), env_extra=str(tmp_path / "cache"))
    _with_subfolder(folder, "2019", ["ningxia.yaml"])
    with_it = run(*command, "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert (with_it.returncode, with_it.stdout) == (without.returncode, without.stdout)
    warning = (f"rectify: 注意：子文件夹 {folder}/2019 中的方案文件未被读取：ningxia.yaml；只读取 {folder} 中直接存放的方案文件。"
               f"若要核查它们，请将其移到 {folder} 中，或用 -r {folder}/2019 另行指定\n")
    assert with_it.stderr == without.stderr + warning


def test_a_subfolders_plan_files_are_named_a_few_then_counted_in_the_readers_language(tmp_path):
    folder = split_small(tmp_path / "reg")
    _with_subfolder(folder, "sub", ["gansu.yaml", "ningxia.yaml", "qinghai.yml", "shaanxi.yaml", "xinjiang.YAML"])
    _with_subfolder(folder, "2018", ["anhui.yaml"])
    proc = run("validate", "-r", str(folder), "--lang", "en", env_extra=str(tmp_path / "cache"))
    assert proc.returncode == 0
    assert proc.stderr == (
        f"rectify: note: the plan files in the subfolder {folder}/2018 are not read: anhui.yaml; only those directly "
        f"in {folder} are. To check them, move them up into {folder}, or give -r {folder}/2018\n"
        f"rectify: note: the plan files in the subfolder {folder}/sub are not read: gansu.yaml, ningxia.yaml, qinghai.yml "
        f"and 2 more; only those directly in {folder} are. To check them, move them up into {folder}, or give -r {folder}/sub\n")
    zh = run("validate", "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert zh.stderr == (
        f"rectify: 注意：子文件夹 {folder}/2018 中的方案文件未被读取：anhui.yaml；只读取 {folder} 中直接存放的方案文件。"
        f"若要核查它们，请将其移到 {folder} 中，或用 -r {folder}/2018 另行指定\n"
        f"rectify: 注意：子文件夹 {folder}/sub 中的方案文件未被读取：gansu.yaml、ningxia.yaml、qinghai.yml，另有 2 个；"
        f"只读取 {folder} 中直接存放的方案文件。若要核查它们，请将其移到 {folder} 中，或用 -r {folder}/sub 另行指定\n")


def test_a_subfolder_of_the_report_and_its_curation_says_nothing(tmp_path):
    """data/source/ holds the report's text and curation.yaml, which are no plans; nor is a journal,
    a docker-compose.yml, nor a curation without the bundled one's comments."""
    folder = split_small(tmp_path / "reg")
    shutil.copytree(ROOT / "data" / "source", folder / "source")
    curation = (ROOT / "data" / "source" / "curation.yaml").read_text(encoding="utf-8")
    other = folder / "other"
    other.mkdir()
    (other / "curation.yaml").write_text(curation[curation.index("\nversion:") + 1:], encoding="utf-8")
    (other / "docker-compose.yml").write_text("version: '3'\nservices:\n  web:\n    image: nginx\n", encoding="utf-8")
    shutil.copyfile(folder / "xizang.progress.yaml", other / "ningxia.progress.yaml")
    for command, code in ((["validate"], 0), (["check"], 1), (["status"], 0)):  # (check: the small ledger's overdue 1.1)
        proc = run(*command, "-r", str(folder), env_extra=str(tmp_path / "cache"))
        assert (proc.returncode, proc.stderr) == (code, ""), command


def test_a_hidden_subfolder_says_nothing(tmp_path):
    folder = split_small(tmp_path / "reg")
    _with_subfolder(folder, ".git", ["ningxia.yaml"])
    _with_subfolder(folder, ".rectify-cache", ["ningxia.yaml"])
    proc = run("validate", "-r", str(folder), env_extra=str(tmp_path / "cache"))
    assert (proc.returncode, proc.stderr) == (0, "")


@pytest.mark.parametrize("given", [["-r", "data/tasks.yaml"], ["-r", "data"], []])
def test_a_one_file_registrys_subfolders_say_nothing(tmp_path, given):
    """The folder of a plan file named alone (data/tasks.yaml; data/ holding it alone; found from
    here) may hold anything, as beside it: another round's plan there is a ledger of its own."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(SMALL, tmp_path / "data")
    for sub, name in (("old", "tasks.yaml"), ("old", "ningxia.yaml"), ("2019", "xizang.yaml")):
        (tmp_path / "data" / sub).mkdir(exist_ok=True)
        shutil.copyfile(SMALL / "tasks.yaml", tmp_path / "data" / sub / name)
    env = {**os.environ, "RECTIFY_TODAY": AS_OF, "RECTIFY_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("RECTIFY_LANG", None)
    env.pop("RECTIFY_REGISTRY", None)
    for command, code in ((["validate"], 0), (["status"], 0), (["check"], 1)):
        proc = subprocess.run([sys.executable, "-m", "rectify_cli", *command, *given], capture_output=True, text=True,
                              env={**env, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
        assert (proc.returncode, proc.stderr) == (code, ""), (command, proc.stderr)


def test_under_github_actions_a_subfolders_warning_obeys_no_command_its_name_holds(tmp_path):
    """As a refusal's lines are: the runner reads a legacy ##[command] anywhere in a line."""
    folder = split_small(tmp_path / "reg")
    _with_subfolder(folder, "##[error]x", ["ningxia.yaml"])
    env = {**os.environ, "RECTIFY_TODAY": AS_OF, "RECTIFY_CACHE_DIR": str(tmp_path / "cache"), "GITHUB_ACTIONS": "true",
           "RECTIFY_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "rectify_cli", "validate", "-r", str(folder)], capture_output=True,
                          text=True, env=env)
    lines = proc.stderr.splitlines()
    assert proc.returncode == 0 and len(lines) == 3, proc.stderr
    assert lines[0].startswith("::stop-commands::rectify-") and lines[2] == f"::{lines[0].split('::')[2]}::"
    assert lines[1].startswith(f"rectify: note: the plan files in the subfolder {folder}/##[error]x are not read: ningxia.yaml;")


def test_check_before_one_files_feedback_names_the_file_as_status_does(tmp_path):
    """As status's header: as of 2018-03-31, naqu.yaml's rectification (fed back 2018-05-01) had not
    begun; check said nothing of it. Before the whole ledger's feedback, the ledger's note alone."""
    folder = split_small(tmp_path / "reg")
    edit(folder / "naqu.yaml", "feedback_date: 2018-01-03", "feedback_date: 2018-05-01")
    env = {"RECTIFY_TODAY": AS_OF, "COLUMNS": "400", "RECTIFY_CACHE_DIR": str(tmp_path / "cache")}
    naqu = folder / "naqu.yaml"
    for cache in (["--no-cache"], [], []):
        zh = run_cli("check", "-r", str(folder), "--as-of", "2018-03-31", *cache, env=env)
        assert (zh.exit_code, zh.stdout) == (0, f"注意：核查日期 2018-03-31 早于 {naqu} 的督察反馈日期 2018-05-01，该文件的整改尚未开始，"
                                                "其各项措施尚无可核查的进展。\n截至 2018-03-31，8 项措施均无逾期\n")
    en = run_cli("check", "-r", str(folder), "--as-of", "2017-12-31", "--lang", "en", env=env)
    assert (en.exit_code, en.stdout) == (0, "Note: 2017-12-31 is before the inspection's feedback date, 2018-01-03: "
                                            "rectification had not begun, and no measure has progress to judge.\n"
                                            "All clear as of 2017-12-31: 0 of 8 measures overdue\n")
    scoped = run_cli("check", "-r", str(folder), "--as-of", "2018-03-31", "--task", "xizang:1", env=env)
    assert (scoped.exit_code, scoped.stdout) == (0, "筛选条件：任务 xizang:1\n截至 2018-03-31，2 项措施均无逾期\n")


@pytest.mark.parametrize("lang, header, validated", [
    ("zh", "reg/naqu.yaml、reg/xizang.yaml", "reg/naqu.yaml、reg/xizang.yaml：通过——4项整改任务、8项具体措施、9条进展记录"),
    ("en", "reg/naqu.yaml, reg/xizang.yaml", "reg/naqu.yaml, reg/xizang.yaml: ok — 4 tasks, 8 measures, 9 journal entries"),
])
def test_a_folders_files_are_listed_as_other_messages_list_files(tmp_path, monkeypatch, lang, header, validated):
    """In Chinese the status header and validate joined them with ", ", where every other message
    listing files (the unread ones, a unit's files) uses 、; where a file's name holds 、 each is
    quoted, as those messages quote them."""
    split_small(tmp_path / "reg")
    monkeypatch.chdir(tmp_path)
    env = {"RECTIFY_TODAY": AS_OF, "COLUMNS": "100", "RECTIFY_CACHE_DIR": str(tmp_path / "cache")}
    status = run_cli("status", "-r", "reg", "--lang", lang, env=env)
    assert status.stdout.splitlines()[0] == "测试台账  " + header
    validate = run_cli("validate", "-r", "reg", "--lang", lang, env=env)
    assert (validate.exit_code, validate.stdout) == (0, validated + "\n")
    narrow = run_cli("status", "-r", "reg", "--lang", lang, env={**env, "COLUMNS": "24"})
    assert narrow.stdout.splitlines()[:3] == ["测试台账", "reg/naqu.yaml、" if lang == "zh" else "reg/naqu.yaml,",
                                              "reg/xizang.yaml"]  # (a file a line)
    if lang == "zh":
        (tmp_path / "reg" / "naqu.yaml").rename(tmp_path / "reg" / "那曲、昌都.yaml")
        (tmp_path / "reg" / "naqu.progress.yaml").rename(tmp_path / "reg" / "那曲、昌都.progress.yaml")
        validate = run_cli("validate", "-r", "reg", env=env)
        assert validate.stdout.startswith("“reg/xizang.yaml”、“reg/那曲、昌都.yaml”：通过"), validate.output
