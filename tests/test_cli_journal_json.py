"""`history --format json` and `show --format json`: the journal's entries for programs, each with
what rectify concluded of it (counts, or retracted by which entry from which day).

Works on a copy of the bundled ledger in tmp_path, today pinned to 2019-04-30."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from typer.testing import CliRunner

from builders import CLI_ENV, run_cli
from rectify_cli.cli import app

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL = Path(__file__).resolve().parent / "fixtures" / "small"
TODAY = "2019-04-30"
IMPORTED_40_3 = "7ff2daf402a1c8d28739de8b05027d46e30281606ff557bedd8e5ed7219564a8"  # (data/progress.yaml)
IMPORTED_NOTE_40_3 = ("曲水县建立聂当工业园区污水处理厂问题整改联席会议制度，先后召开9次联席会，研究解决整改具体工作。"
                      "目前，聂当园区污水处理厂投入资金近1500万元，正在开展设备调试工作。同时积极推进雅江园区县城片区污水处理厂项目建设。")


def run(*args: str, today: str = TODAY):
    return run_cli(*args, env={"RECTIFY_TODAY": today})


@pytest.fixture
def ledger(tmp_path) -> Path:
    """The bundled ledger, and the month of 40.3 the README tells: in progress on 2019-04-08,
    closed on 2019-04-18, the close retracted on 2019-04-20 (the acceptance had not passed)."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(DATA / name, folder / name)
    plan = folder / "tasks.yaml"
    for args in (("record", "40.3", "--state", "in_progress", "--note", "设备调试完成，进入试运行", "--date", "2019-04-08",
                  "--by", "拉萨市"),
                 ("close", "40.3", "--evidence", "拉萨市环保局验收意见（2019年4月18日）", "--date", "2019-04-18", "--by", "拉萨市"),
                 ("retract", "40.3", "--reason", "误记：验收尚未通过", "--date", "2019-04-20", "--by", "拉萨市")):
        result = run(*args, "--registry", str(plan))
        assert result.exit_code == 0, result.output
    return plan


def written(journal: Path) -> list[tuple[str, int]]:
    """(hash, line) of each entry appended after the imported ones, from the journal's text."""
    lines = journal.read_text(encoding="utf-8").splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.startswith("- measure:")][179:]
    return [(next(re.fullmatch(r"  hash: (\w+)", line)[1] for line in lines[start:] if line.startswith("  hash:")), start)
            for start in starts]


def history_json(*args: str, today: str = TODAY) -> dict:
    result = run("history", *args, "--format", "json", today=today)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return json.loads(result.stdout)


def entries_of_40_3(ledger: Path) -> list[dict]:
    """40.3's entries in date order, as of a day on or after the retraction."""
    journal = str(ledger.parent / "progress.yaml")
    (progress, progress_line), (close, close_line), (retraction, retraction_line) = written(ledger.parent / "progress.yaml")
    nothing = {"evidence": None, "by": None, "milestone": None, "to": None, "reason": None, "approved_by": None,
               "late": False, "far_future": False, "recorded": "2019-04-30", "retracts": None, "file": journal, "counts": True,
               "retracted_by": None}
    return [
        {**nothing, "measure": "40.3", "date": "2019-03-31", "state": "in_progress", "note": IMPORTED_NOTE_40_3,
         "evidence": "正在开展设备调试工作", "recorded": None, "hash": IMPORTED_40_3, "line": 809},
        {**nothing, "measure": "40.3", "date": "2019-04-08", "state": "in_progress", "note": "设备调试完成，进入试运行",
         "by": "拉萨市", "hash": progress, "line": progress_line},
        {**nothing, "measure": "40.3", "date": "2019-04-18", "state": "done", "note": "",
         "evidence": "拉萨市环保局验收意见（2019年4月18日）", "by": "拉萨市", "hash": close, "line": close_line,
         "counts": False, "retracted_by": {"hash": retraction, "date": "2019-04-20"}},
        {**nothing, "measure": "40.3", "date": "2019-04-20", "state": "retracted", "note": "误记：验收尚未通过",
         "by": "拉萨市", "retracts": close, "hash": retraction, "line": retraction_line, "counts": False},
    ]


def test_history_json_lists_every_field_and_what_rectify_concluded_newest_first(ledger):
    assert history_json("40.3", "--registry", str(ledger)) == {"entries": entries_of_40_3(ledger)[::-1]}


def test_json_gives_a_note_as_the_journal_holds_it_an_empty_one_as_empty(ledger):
    # (close without --note writes note: ""; JSON said "note": null, as if the key were not there)
    journal = (ledger.parent / "progress.yaml").read_text(encoding="utf-8")
    close = journal[journal.index('  state: done\n  note: ""\n  evidence: 拉萨市环保局验收意见'):]
    assert close.startswith('  state: done\n  note: ""\n')
    closed = [e for e in history_json("40.3", "--registry", str(ledger))["entries"] if e["state"] == "done"]
    assert [e["note"] for e in closed] == [""]
    shown = run("show", "40.3", "--registry", str(ledger), "--format", "json", "--as-of", "2019-04-19")
    assert [e["note"] for e in json.loads(shown.stdout)["measure"]["entries"] if e["state"] == "done"] == [""]


def test_an_entry_written_without_a_note_gives_the_note_an_empty_one_gives_as_the_readme_says(tmp_path):
    # (the journal's schema lets a close or an extension go without note:, as with note: "": the same to
    # every report, and to JSON; the README's contract said "null where it has none", of note too)
    import yaml

    from rectify_cli.chain import entry_hash

    shutil.copytree(SMALL, tmp_path / "small")
    journal = tmp_path / "small" / "progress.yaml"
    text = journal.read_text(encoding="utf-8")
    prev = yaml.safe_load(text)[-1]["hash"]
    for entry in ('- measure: "2.1"\n  date: 2019-03-02\n  state: done\n',
                  '- measure: "1.1"\n  date: 2019-03-03\n  state: done\n  note: ""\n'):
        prev = entry_hash(prev, yaml.safe_load(entry)[0])
        text += entry + f"  hash: {prev}\n"
    journal.write_text(text, encoding="utf-8")
    for _ in ("cold", "cached"):
        listed = history_json("--since", "2019-03-02", "--registry", str(journal.parent), today="2019-03-31")
        assert [(e["measure"], e["state"], e["note"]) for e in listed["entries"]] == [
            ("4.2", "extended", "冬季无法施工。"), ("1.1", "done", ""), ("2.1", "done", "")]
        shown = run("show", "2.1", "--registry", str(journal.parent), "--format", "json", today="2019-03-31")
        assert [e["note"] for e in json.loads(shown.stdout)["measure"]["entries"]] == ["围挡完成80%。", ""]
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    contract = readme[readme.index("history: {\"entries\""):readme.index("show:    {")]
    assert '# note "" where it has none (as written' in contract


def test_history_json_is_the_entries_history_prints_in_its_order(ledger):
    # (piped without COLUMNS: one line an entry, where a width puts long notes under theirs)
    table = run_cli("history", "--since", "2019-04", "--registry", str(ledger),
                    env={"RECTIFY_TODAY": TODAY, "COLUMNS": None}).stdout.splitlines()[2:]
    document = history_json("--since", "2019-04", "--registry", str(ledger))
    assert [(e["date"], e["measure"]) for e in document["entries"]] == [tuple(row.split()[:2]) for row in table] == [
        ("2019-04-20", "40.3"), ("2019-04-18", "40.3"), ("2019-04-08", "40.3")]
    assert [e["date"] for e in history_json("40", "--registry", str(ledger))["entries"]][:3] == [
        "2019-04-20", "2019-04-18", "2019-04-08"]


def test_history_json_writes_registry_text_as_it_is(ledger):
    result = run("history", "40.3", "--format", "json", "--registry", str(ledger))
    assert '"by": "拉萨市"' in result.stdout and "\\u" not in result.stdout
    assert result.stdout.startswith('{\n  "entries": [\n    {\n      "measure": "40.3",\n')


def test_history_json_of_no_entries_is_an_empty_list(ledger):
    result = run("history", "--since", "2019-05", "--format", "json", "--registry", str(ledger), today="2019-05-31")
    assert (result.exit_code, result.stdout, result.stderr) == (0, '{\n  "entries": []\n}\n', "")


@pytest.mark.parametrize("command", [("history",), ("history", "40.3"), ("show", "40.3")])
def test_a_format_neither_table_nor_json_is_refused(ledger, command):
    result = CliRunner().invoke(app, [*command, "--format", "xml", "--registry", str(ledger)], prog_name="rectify",
                                env={**CLI_ENV, "RECTIFY_TODAY": TODAY})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: --format：“xml”不是可选的值（可选：table、json）；用法见 rectify {command[0]} --help\n"


@pytest.mark.parametrize("command", [("history", "40.3"), ("show", "40.3"), ("history",)])
def test_format_table_is_the_text_as_before(ledger, command):
    plain = run(*command, "--registry", str(ledger))
    assert plain.exit_code == 0
    assert run(*command, "--format", "table", "--registry", str(ledger)).stdout == plain.stdout


def status_measure(ledger: Path, measure: str, as_of: str) -> dict:
    doc = json.loads(run("status", "--format", "json", "--as-of", as_of, "--registry", str(ledger)).stdout)
    return next(m for t in doc["tasks"] for m in t["measures"] if m["id"] == measure)


def test_show_json_is_the_measure_as_status_gives_it_with_its_entries_in_date_order(ledger):
    result = run("show", "40.3", "--format", "json", "--registry", str(ledger))
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    document = json.loads(result.stdout)
    assert list(document) == ["as_of", "warn_days", "report_period_days", "measure"]
    assert (document["as_of"], document["warn_days"], document["report_period_days"]) == (TODAY, 30, 90)
    measure = document["measure"]
    assert measure.pop("entries") == entries_of_40_3(ledger)
    assert measure == status_measure(ledger, "40.3", TODAY)
    assert (measure["status"], measure["days_overdue"], measure["next_due"], measure["last_entry"]) == (
        "overdue", 212, "2018-09-30", "2019-04-08")


def test_show_json_as_of_a_day_before_the_retraction_counts_the_close(ledger):
    document = json.loads(run("show", "40.3", "--format", "json", "--as-of", "2019-04-19", "--registry", str(ledger)).stdout)
    imported, progress, close, _ = entries_of_40_3(ledger)
    assert document["measure"]["entries"] == [imported, progress, {**close, "counts": True, "retracted_by": None}]
    assert (document["measure"]["status"], document["measure"]["last_entry"]) == ("done", "2019-04-18")


def test_show_json_of_a_task_is_the_task_as_status_gives_it_with_its_measures_entries(ledger):
    document = json.loads(run("show", "40", "--format", "json", "--registry", str(ledger)).stdout)
    task = document["task"]
    entries = task.pop("entries")
    status = json.loads(run("status", "--format", "json", "--registry", str(ledger)).stdout)
    assert task == next(t for t in status["tasks"] if t["id"] == "40")
    assert [(e["date"], e["measure"]) for e in entries] == [
        ("2019-03-31", "40.1"), ("2019-03-31", "40.2"), ("2019-03-31", "40.3"), ("2019-03-31", "40.4"), ("2019-03-31", "40.5"),
        ("2019-04-08", "40.3"), ("2019-04-18", "40.3"), ("2019-04-20", "40.3")]
    assert entries[5:] == entries_of_40_3(ledger)[1:]


def test_show_json_of_an_unknown_id_is_refused_as_the_table_refuses_it(ledger):
    result = run("show", "40.9", "--format", "json", "--registry", str(ledger))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == run("show", "40.9", "--registry", str(ledger)).stderr != ""


@pytest.fixture
def folder(tmp_path) -> Path:
    """Two plan files with their journals: xz (the bundled ledger) and sm (the small fixture)."""
    root = tmp_path / "folder"
    root.mkdir()
    for stem, source in (("xz", DATA), ("sm", SMALL)):
        shutil.copy(source / "tasks.yaml", root / f"{stem}.yaml")
        shutil.copy(source / "progress.yaml", root / f"{stem}.progress.yaml")
    return root


def test_history_json_of_a_folder_names_each_entrys_journal(folder):
    assert run("record", "sm:1.1", "--state", "in_progress", "--note", "调试", "--registry", str(folder)).exit_code == 0
    assert run("record", "xz:35.2", "--state", "in_progress", "--note", "专班成立", "--registry", str(folder)).exit_code == 0
    entries = history_json("--since", "2019-04", "--registry", str(folder))["entries"]
    assert [(e["measure"], e["file"], e["line"]) for e in entries] == [
        ("xz:35.2", str(folder / "xz.progress.yaml"), 933), ("sm:1.1", str(folder / "sm.progress.yaml"), 57)]
    shown = json.loads(run("show", "sm:4.2", "--format", "json", "--registry", str(folder)).stdout)["measure"]["entries"]
    assert [(e["measure"], e["file"], e["line"], e["to"], e["reason"], e["approved_by"]) for e in shown] == [
        ("sm:4.2", str(folder / "sm.progress.yaml"), 41, None, None, None),
        ("sm:4.2", str(folder / "sm.progress.yaml"), 48, "2019-12-31", "高海拔冬季停工", "自治区生态环境厅")]


def test_an_undone_retraction_leaves_its_target_counting_and_is_itself_retracted(ledger):
    """A <- R1 <- R2: the close counts again from R2's date; R1 is retracted by R2."""
    result = run("retract", "40.3", "--entry", written(ledger.parent / "progress.yaml")[2][0][:10], "--reason", "撤回有误",
                 "--date", "2019-04-25", "--registry", str(ledger))
    assert result.exit_code == 0, result.output
    (_, _), (close, _), (retraction, _), (undo, _) = written(ledger.parent / "progress.yaml")
    entries = {e["hash"]: e for e in history_json("40.3", "--registry", str(ledger))["entries"]}
    judged = {h: (entries[h]["counts"], entries[h]["retracted_by"]) for h in (close, retraction, undo)}
    assert judged == {close: (True, None), retraction: (False, {"hash": undo, "date": "2019-04-25"}), undo: (False, None)}
    before = {e["hash"]: e["counts"] for e in json.loads(run("show", "40.3", "--as-of", "2019-04-22", "--format", "json",
                                                              "--registry", str(ledger)).stdout)["measure"]["entries"]}
    assert before[close] is False and undo not in before
