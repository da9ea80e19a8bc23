"""The journal commands end to end: record/close/reopen/report/extend, history, verify.

Every test works on a copy of tests/fixtures/small in tmp_path; today is pinned to 2019-03-31.
"""
from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rectify_cli.cli import app
from rectify_cli.registry import load_registry
from rectify_cli.textsafe import display_width

FIXTURE = Path(__file__).parent / "fixtures" / "small"
TODAY = "2019-03-31"


@pytest.fixture
def reg(tmp_path) -> Path:
    folder = tmp_path / "small"
    shutil.copytree(FIXTURE, folder)
    return folder / "tasks.yaml"


def run(*args: str, today: str = TODAY):
    return CliRunner().invoke(app, list(args), env={"RECTIFY_TODAY": today, "RECTIFY_REGISTRY": None})


def journal_bytes(reg: Path) -> bytes:
    return (reg.parent / "progress.yaml").read_bytes()


def _record_refused(reg, said_zh: str, said_en: str) -> None:
    """`record 1.1` on `reg` refused (exit 2) with `said_zh` on stderr, by default, and `said_en` with
    --lang en; the journal as it was."""
    before = journal_bytes(reg)
    for lang, said in (((), said_zh), (("--lang", "en"), said_en)):
        result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg), *lang)
        assert (result.exit_code, result.stderr) == (2, said), lang
    assert journal_bytes(reg) == before


def measure_json(reg: Path, measure: str, as_of: str) -> dict:
    result = run("status", "--registry", str(reg), "--format", "json", "--as-of", as_of, today=as_of)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    return next(m for t in doc["tasks"] for m in t["measures"] if m["id"] == measure)


# -------------------------------------------------------------------------- happy paths

def test_close_marks_an_overdue_measure_done(reg):
    assert measure_json(reg, "1.1", TODAY)["status"] == "overdue"
    result = run("close", "1.1", "--evidence", "验收报告", "--note", "建成投运", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已记录 1.1 2019-03-31 销号 — 截至 2019-03-31：已销号\n")
    assert "  ! 逾期销号：超过期限 2018-12-31 共90天\n" in result.stdout
    assert measure_json(reg, "1.1", TODAY)["status"] == "done"


def test_reopen_makes_it_overdue_again_with_days(reg):
    run("close", "1.1", "--evidence", "验收报告", "--date", "2019-03-01", "--registry", str(reg))
    result = run("reopen", "1.1", "--note", "回头看发现表面整改", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert "截至 2019-03-31：逾期90天（期限 2018-12-31）" in result.stdout
    m = measure_json(reg, "1.1", TODAY)
    assert (m["status"], m["days_overdue"]) == ("overdue", 90)


def test_close_of_dated_part_keeps_ongoing_measure_ongoing(reg):
    result = run("close", "2.1", "--evidence", "围挡验收单", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert "截至 2019-03-31：限期部分已销号，继续长期坚持" in result.stdout
    assert measure_json(reg, "2.1", TODAY)["status"] == "ongoing"


def test_report_clears_stale(reg):
    assert measure_json(reg, "3.2", TODAY)["stale"] is True
    result = run("report", "3.2", "--note", "完成一季度评估", "--by", "环境保护厅", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert measure_json(reg, "3.2", TODAY)["stale"] is False
    # the unit is stored under its canonical name, not the alias typed
    assert journal_bytes(reg).decode().endswith(
        '- measure: "3.2"\n  date: 2019-03-31\n  state: report\n  note: 完成一季度评估\n  by: 自治区生态环境厅\n'
        f"  hash: {result.stdout.split('台账哈希 ')[1].split()[0]}\n")


def test_extend_before_deadline_moves_next_due_and_keeps_original(reg):
    result = run("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "那曲市",
                 "--date", "2019-04-01", "--registry", str(reg), today="2019-04-01")
    assert result.exit_code == 0, result.output
    assert "截至 2019-04-01：按期推进，下一期限 2019-06-30" in result.stdout
    m = measure_json(reg, "2.1", "2019-04-01")
    assert m["next_due"] == "2019-06-30"
    assert m["milestones"][0]["original_due"] == "2019-04-15"
    assert "  milestone: 2019-04-15\n  to: 2019-06-30\n" in journal_bytes(reg).decode()


@pytest.mark.parametrize("typed, to", [("2021年6月底", "2021-06-30"), ("2021年底", "2021-12-31")])
def test_extend_to_the_end_of_a_month_or_year_as_a_deadline_says_it(reg, typed, to):
    """--to 2021-06 read as 2021-06-30, but 2021年6月底, the words of every deadline of the
    report, was refused as no date at all."""
    result = run("extend", "3.1", "--to", typed, "--reason", "资金", "--approved-by", "自治区生态环境厅",
                 "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout.splitlines()[0] == f"已记录 3.1 2019-03-31 延期 → {to} — 截至 2019-03-31：按期推进，下一期限 {to}"
    assert f"  to: {to}\n" in journal_bytes(reg).decode()


def test_extend_after_deadline_refused_unless_late(reg):
    before = journal_bytes(reg)
    args = ("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "那曲市",
            "--date", "2019-05-01", "--registry", str(reg))
    refused = run(*args, "--lang", "en", today="2019-05-01")
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        2, "", "rectify: extension of 2.1 requested on 2019-05-01, after the deadline it moves (2019-04-15, 16 days late): "
               "an extension must be approved before the deadline; use --late to record it anyway, flagged as late\n")
    assert journal_bytes(reg) == before
    written = run(*args, "--late", today="2019-05-01")
    assert written.exit_code == 0, written.output
    assert written.stdout.splitlines()[:2] == [
        "已记录 2.1 2019-05-01 延期 → 2019-06-30（逾期申请） — 截至 2019-05-01：按期推进，下一期限 2019-06-30",
        "  ! 逾期申请延期：在期限 2019-04-15 过后16天才申请（已写入 late: true）"]
    assert "  late: true\n" in journal_bytes(reg).decode()
    assert measure_json(reg, "2.1", "2019-05-01")["next_due"] == "2019-06-30"


def test_late_on_an_extension_before_its_deadline_is_said_to_be_left_out(reg):
    """--late on an extension the deadline of which has not passed was dropped without a word."""
    args = ("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "那曲市",
            "--date", "2019-04-10", "--late", "--registry", str(reg))
    written = run(*args, today="2019-04-10")
    assert written.exit_code == 0, written.output
    assert written.stdout.splitlines()[:2] == [
        "已记录 2.1 2019-04-10 延期 → 2019-06-30 — 截至 2019-04-10：按期推进，下一期限 2019-06-30",
        "  ! 未采用 --late：期限 2019-04-15 尚未过，按期申请延期（未写入 late）"]
    assert "late:" not in journal_bytes(reg).decode()
    english = run("extend", "2.1", "--to", "2019-07-31", "--reason", "雨季", "--approved-by", "那曲市",
                  "--date", "2019-04-11", "--late", "--registry", str(reg), "--lang", "en", today="2019-04-11")
    assert english.exit_code == 0, english.output
    assert english.stdout.splitlines()[1] == (
        "  ! --late left out: the deadline 2019-06-30 has not passed, an extension on time (written without late)")


@pytest.mark.parametrize("args, due", [
    (("3.1", "--to", "2031-01-01"), "2020-12-31"),
    (("3.1", "--to", "9999-12-31"), "2020-12-31"),
    # (the step as extended before, to 2019-12-31: the deadline it moves)
    (("4.2", "--milestone", "2019-06-30", "--to", "2030-01-01"), "2019-12-31"),
])
def test_an_extension_more_than_ten_years_past_its_deadline_is_refused(reg, args, due):
    """--to 9999-12-31 (or 2919 typed for 2019) was written without a word: the measure never overdue."""
    before = journal_bytes(reg)
    to = args[-1]
    extend = ("extend", *args, "--reason", "资金", "--approved-by", "那曲市", "--registry", str(reg))
    chinese, english = run(*extend), run(*extend, "--lang", "en")
    assert (chinese.exit_code, chinese.stderr) == (2, (
        f"rectify: --to {to} 比所推迟的期限（{due}）晚 10 年以上：年份是否输错了？如确实批准延期至该日，请加 --far-future\n"))
    assert (english.exit_code, english.stderr) == (2, (
        f"rectify: --to {to} is more than 10 years after the deadline it moves ({due}): is the year mistyped? If the "
        "extension truly runs that long, add --far-future\n"))
    assert journal_bytes(reg) == before


def test_an_extension_of_ten_years_to_the_day_is_written(reg):
    result = run("extend", "3.1", "--to", "2030-12-31", "--reason", "资金", "--approved-by", "那曲市", "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (0, "")
    assert "  to: 2030-12-31\n" in journal_bytes(reg).decode()


def test_a_far_future_extension_meant_is_written_with_far_future(reg):
    result = run("extend", "3.1", "--to", "2919-12-31", "--reason", "资金", "--approved-by", "那曲市", "--far-future",
                 "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("已记录 3.1 2019-03-31 延期 → 2919-12-31（已确认远期） — ")
    written = journal_bytes(reg).decode()
    # (the confirmation kept in the entry: validate and status warn of it no more)
    assert written.endswith("  to: 2919-12-31\n  reason: 资金\n  approved_by: 那曲市\n  far_future: true\n"
                            f"  hash: {result.stdout.split('台账哈希 ')[1].split()[0]}\n")
    history = json.loads(run("history", "3.1", "--format", "json", "--registry", str(reg)).stdout)
    assert [e["far_future"] for e in history["entries"]] == [True, False]


@pytest.mark.parametrize("lang, history_row, show_row", [
    ("zh", "2019-03-31  3.1   延期 → 2919-12-31（已确认远期）  （理由：资金；批准：那曲市）",
     "2019-03-31  延期    （延期至2919-12-31；理由：资金；批准：那曲市；已确认远期）"),
    ("en", "2019-03-31  3.1      extended → 2919-12-31 (far date confirmed)  (reason: 资金; approved by 那曲市)",
     "2019-03-31  extended     (extended to 2919-12-31; reason: 资金; approved by 那曲市; far date confirmed)")])
def test_history_and_show_mark_a_far_extension_confirmed_as_they_mark_a_late_one(reg, monkeypatch, lang,
                                                                                 history_row, show_row):
    """`延期 → 2919-12-31` said nothing of the confirmation (far_future: true), which only the JSON
    had: a reader took it for the year mistyped that validate warns of."""
    monkeypatch.setenv("COLUMNS", "120")
    written = run("extend", "3.1", "--to", "2919-12-31", "--reason", "资金", "--approved-by", "那曲市", "--far-future",
                  "--registry", str(reg))
    assert written.exit_code == 0, written.output
    history = run("history", "3.1", "--registry", str(reg), "--lang", lang)
    assert history.exit_code == 0, history.output
    assert [line.rstrip() for line in history.stdout.splitlines()][2] == history_row
    show = run("show", "3.1", "--registry", str(reg), "--lang", lang)
    assert show.exit_code == 0, show.output
    assert show.stdout.splitlines()[-1] == show_row


@pytest.mark.parametrize("lang, said", [
    ("zh", "  ! 未采用 --far-future：新期限 2030-12-31 比所推迟的期限 2020-12-31 晚不超过 10 年，无需确认（未写入 far_future）"),
    ("en", "  ! --far-future left out: the new date 2030-12-31 is no more than 10 years after the deadline 2020-12-31 "
           "it moves, nothing to confirm (written without far_future)")])
def test_far_future_on_an_extension_not_far_is_said_to_be_left_out(reg, lang, said):
    """(nothing to confirm: the key would say an extension of ten years was far; it was dropped
    without a word, where --late on an extension on time is said to be left out)"""
    result = run("extend", "3.1", "--to", "2030-12-31", "--reason", "资金", "--approved-by", "那曲市", "--far-future",
                 "--registry", str(reg), "--lang", lang)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[1] == said
    assert "far_future" not in journal_bytes(reg).decode()


def test_the_same_entry_recorded_twice_is_written_with_a_warning_naming_the_first(reg):
    """A command run twice by mistake wrote a second identical entry without a word."""
    args = ("record", "1.1", "--state", "in_progress", "--note", "同一说明", "--by", "拉萨市", "--registry", str(reg))
    first = run(*args)
    assert (first.exit_code, first.stderr) == (0, "")
    first_hash = first.stdout.split("台账哈希 ")[1].split()[0]
    second = run(*args)
    assert second.exit_code == 0, second.output
    second_hash = second.stdout.split("台账哈希 ")[1].split()[0]
    assert second.stderr == ""
    assert second.stdout.splitlines()[1] == (
        f"  ! 这条记录与 2019-03-31 的推进中记录（{first_hash[:12]}）完全相同，仍已写入；如是误将命令运行了两次，"
        f"请用 `rectify retract 1.1 --entry {second_hash[:12]} --reason 重复记录 -r {reg}` 撤回这一条")
    assert journal_bytes(reg).decode().count("  note: 同一说明\n") == 2
    third = run(*args, "--lang", "en")
    third_hash = third.stdout.split("head ")[1].split()[0]
    assert (third.exit_code, third.stderr, third.stdout.splitlines()[1]) == (0, "", (
        f"  ! this entry repeats the in_progress entry of 2019-03-31 ({second_hash[:12]}) exactly, and is "
        f"written all the same; if the command ran twice by mistake, `rectify retract 1.1 --entry {third_hash[:12]} "
        f"--reason duplicate -r {reg}` voids this one"))


def _hint(text: str) -> list[str]:
    """The command a message says to run (between its backquotes), split as a POSIX shell splits
    it, without the leading `rectify`."""
    words = shlex.split(text.split("`")[1])
    assert words[0] == "rectify", text
    return words[1:]


def _twice(*registry: str, env: dict | None = None):
    """`record 1.1` run twice on the ledger `registry` names (-r PATH, or nothing): the second run."""
    args = ("record", "1.1", "--state", "in_progress", "--note", "同一说明", *registry)
    assert CliRunner().invoke(app, list(args), env={"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None, **(env or {})}).exit_code == 0
    return CliRunner().invoke(app, list(args), env={"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None, **(env or {})})


def test_the_retract_a_repeat_is_told_to_run_names_the_registry_as_typed_and_runs_when_pasted(tmp_path, monkeypatch):
    """Run as printed, the hint retracted in the ledger found from here (or the bundled one), not
    in the one -r named: refused, 措施 1.1 没有 --entry … 所指的记录."""
    shutil.copytree(FIXTURE, tmp_path / "台账 副本")
    monkeypatch.chdir(tmp_path)
    second = _twice("-r", "台账 副本/tasks.yaml")
    assert second.exit_code == 0, second.output
    hint = _hint(second.stdout.splitlines()[1])
    new = second.stdout.split("台账哈希 ")[1].split()[0][:12]
    assert hint == ["retract", "1.1", "--entry", new, "--reason", "重复记录", "-r", "台账 副本/tasks.yaml"]
    assert "-r '台账 副本/tasks.yaml'`" in second.stdout  # (quoted for the shell it is pasted in)
    validated = run("validate", "台账 副本/tasks.yaml")
    assert validated.exit_code == 0, validated.output
    assert _hint(validated.stderr) == hint
    pasted = run(*hint)
    assert pasted.exit_code == 0, pasted.output
    assert f"  retracts: {new}" in (tmp_path / "台账 副本" / "progress.yaml").read_text(encoding="utf-8")
    assert run("validate", "台账 副本/tasks.yaml").stderr == ""  # (the repeat retracted: warned of no more)


# (what was typed, the refused command's words, the command it says to run instead as split by a shell)
REFUSED_FOR_ANOTHER = [
    (("close", "2.2", "--evidence", "藏建〔2019〕3号", "--note", "大检查 已完成", "--date", "2019年3月20日",
      "--by", "自治区住房城乡建设厅"),
     "措施 2.2 为长期坚持，没有可销号的期限：请用 `rectify report 2.2 --note '大检查 已完成' --date 2019-03-20 "
     "--evidence '藏建〔2019〕3号' --by 自治区住房城乡建设厅 -r '台账 副本/tasks.yaml'` 报告其进展",
     ["report", "2.2", "--note", "大检查 已完成", "--date", "2019-03-20", "--evidence", "藏建〔2019〕3号",
      "--by", "自治区住房城乡建设厅", "-r", "台账 副本/tasks.yaml"]),
    # (no note given: none made up, but a placeholder where it goes, to replace: without one, the
    # command pasted was refused in its turn, for want of the note)
    (("record", "2.2", "--state", "done", "--evidence", "x"),
     "措施 2.2 为长期坚持，没有可销号的期限：请用 `rectify report 2.2 --note <本期工作> --evidence x -r '台账 副本/tasks.yaml'` "
     "报告其进展，并把其中的 <本期工作> 换成本期完成的工作",
     ["report", "2.2", "--note", "<本期工作>", "--evidence", "x", "-r", "台账 副本/tasks.yaml"]),
    (("close", "2.2", "--evidence", "x", "--by", "自治区住房城乡建设厅"),
     "措施 2.2 为长期坚持，没有可销号的期限：请用 `rectify report 2.2 --note <本期工作> --evidence x --by 自治区住房城乡建设厅 "
     "-r '台账 副本/tasks.yaml'` 报告其进展，并把其中的 <本期工作> 换成本期完成的工作",
     ["report", "2.2", "--note", "<本期工作>", "--evidence", "x", "--by", "自治区住房城乡建设厅", "-r", "台账 副本/tasks.yaml"]),
    (("report", "1.1", "--note", "管网 施工中", "--by", "拉萨市"),
     "措施 1.1 没有长期坚持的部分可供定期报告：请用 `rectify record 1.1 --state in_progress --note '管网 施工中' "
     "--by 拉萨市 -r '台账 副本/tasks.yaml'`",
     ["record", "1.1", "--state", "in_progress", "--note", "管网 施工中", "--by", "拉萨市", "-r", "台账 副本/tasks.yaml"]),
]


@pytest.mark.parametrize("typed, said, hint", REFUSED_FOR_ANOTHER,
                         ids=["close", "record done", "close without note", "report"])
def test_a_refusal_naming_the_command_to_use_instead_names_it_whole_and_it_runs_when_pasted(tmp_path, monkeypatch,
                                                                                             typed, said, hint):
    """It said 请用 `rectify report`: pasted, refused for want of the measure, then of the note
    typed a moment ago. It names the measure and the options typed that command takes, quoted where
    a shell needs it (the date as read: a day is the same wherever it is pasted); a report's note,
    none typed, by a placeholder: without it, the command pasted was refused for want of --note."""
    shutil.copytree(FIXTURE, tmp_path / "台账 副本")
    monkeypatch.chdir(tmp_path)
    journal_file = tmp_path / "台账 副本" / "progress.yaml"
    before = journal_file.read_bytes()
    refused = run(*typed, "-r", "台账 副本/tasks.yaml")
    assert (refused.exit_code, refused.stderr) == (2, f"rectify: {said}\n")
    assert journal_file.read_bytes() == before
    assert _hint(refused.stderr) == hint
    english = run(*typed, "-r", "台账 副本/tasks.yaml", "--lang", "en")
    assert _hint(english.stderr) == [{"<本期工作>": "<WORK_DONE>"}.get(word, word) for word in hint]
    if "<本期工作>" in hint:  # (pasted as it is, its placeholder unreplaced: the shell refuses it, no note made up)
        command = refused.stderr.split("`")[1].replace("rectify", shlex.join([sys.executable, "-m", "rectify_cli"]), 1)
        shell = subprocess.run(["sh", "-c", command], capture_output=True, text=True, cwd=tmp_path)
        assert shell.returncode != 0 and "本期工作" in shell.stderr, shell.stderr
        assert journal_file.read_bytes() == before
    # (the placeholder, where no note was typed, replaced by a note, as the refusal says to)
    pasted = run(*[{"<本期工作>": "5月专题部署1次"}.get(word, word) for word in hint])
    assert (pasted.exit_code, pasted.stderr) == (0, ""), pasted.output
    assert journal_file.read_bytes().startswith(before) and len(journal_file.read_bytes()) > len(before)


@pytest.mark.parametrize("found", ["default", "environment"])
def test_a_registry_not_typed_on_the_command_line_is_not_repeated_in_the_hint(tmp_path, monkeypatch, found):
    """The ledger found from the working folder, or named by RECTIFY_REGISTRY (still set in the same
    shell), is the one the pasted command finds: no -r."""
    (tmp_path / "data").mkdir()
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(FIXTURE / name, tmp_path / "data" / name)
    (tmp_path / ".git").mkdir()  # (the search for data/ stops here)
    monkeypatch.chdir(tmp_path)
    env = {"RECTIFY_REGISTRY": str(tmp_path / "data" / "tasks.yaml")} if found == "environment" else {}
    second = _twice(env=env)
    assert second.exit_code == 0, second.output
    hint = _hint(second.stdout.splitlines()[1])
    assert "-r" not in hint and "--registry" not in hint
    pasted = CliRunner().invoke(app, hint, env={"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None, **env})
    assert pasted.exit_code == 0, pasted.output
    validated = CliRunner().invoke(app, ["validate"], env={"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None, **env})
    assert (validated.exit_code, validated.stderr) == (0, "")


# ------------------------------------------------------------- a write by a unit not the measure's

def _new_hash(result) -> str:
    """The first 12 digits of the hash of the entry a write printed it wrote."""
    return re.search(r"(?:台账哈希|head) ([0-9a-f]{12})", result.stdout)[1]


def test_a_write_by_a_unit_not_the_measures_is_written_with_a_warning_and_the_retract_that_voids_it(reg):
    """A new office's clerk wrote, by their region, on another region's measure: written without a
    word. Written still (a unit may report for another), warned of on stderr, naming the measure's
    units, and how to void it; pasted, that retract runs."""
    result = run("record", "2.1", "--state", "in_progress", "--note", "推进中", "--by", "拉萨市", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    new = _new_hash(result)
    assert result.stderr == (
        f"rectify: 警告：措施 2.1 由 那曲市 负责，--by 拉萨市 不在其中，仍已写入；若填错了，请用 "
        f"`rectify retract 2.1 --entry {new} --reason 填报单位有误 -r {reg}` 撤回这一条，再以正确的 --by 重新记录\n")
    assert result.stdout.startswith("已记录 2.1 2019-03-31 推进中 — ")
    assert "  note: 推进中\n  by: 拉萨市\n" in journal_bytes(reg).decode()
    pasted = run(*_hint(result.stderr))
    assert (pasted.exit_code, pasted.stderr) == (0, ""), pasted.output
    assert f"  retracts: {new}" in journal_bytes(reg).decode()


def test_the_warning_of_a_unit_not_the_measures_names_them_all_lead_first_in_english(reg):
    result = run("record", "1.2", "--state", "in_progress", "--note", "修订中", "--by", "那曲市", "--registry", str(reg),
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "rectify: warning: --by 那曲市 is none of the units 1.2 falls to (自治区生态环境厅, 自治区住房城乡建设厅); written "
        f"all the same; if that was a mistake, `rectify retract 1.2 --entry {_new_hash(result)} --reason 'wrong unit' "
        f"-r {reg}` voids this entry: then record it again with the right --by\n")


@pytest.mark.parametrize("args", [
    ("record", "1.1", "--state", "in_progress", "--note", "推进中", "--by", "拉萨市"),  # (its owner)
    ("record", "2.2", "--state", "in_progress", "--note", "推进中", "--by", "那曲市"),  # (a region its task is about)
    ("record", "2.1", "--state", "in_progress", "--note", "推进中", "--by", "自治区生态环境厅"),  # (a department over a region)
    ("record", "2.1", "--state", "in_progress", "--note", "推进中"),  # (no --by)
    # (the approving authority is no owner, as a rule)
    ("extend", "3.1", "--to", "2021-06-30", "--reason", "资金", "--approved-by", "那曲市", "--by", "自治区生态环境厅"),
], ids=["owner", "task's region", "department", "no --by", "approved by"])
def test_a_write_by_a_unit_the_measure_falls_to_or_with_no_unit_is_not_warned_of(reg, args):
    result = run(*args, "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (0, ""), result.output


def test_a_retraction_by_a_unit_not_the_measures_is_not_warned_of(reg):
    """Whoever finds a mistake voids it (the office overseeing them, another region's clerk): the
    warning's retract would have voided the retraction."""
    written = run("record", "2.1", "--state", "in_progress", "--note", "推进中", "--by", "那曲市", "--registry", str(reg))
    assert (written.exit_code, written.stderr) == (0, ""), written.output
    retracted = run("retract", "2.1", "--entry", _new_hash(written), "--reason", "误录", "--by", "拉萨市", "--registry", str(reg))
    assert (retracted.exit_code, retracted.stderr) == (0, ""), retracted.output
    assert "  by: 拉萨市\n" in journal_bytes(reg).decode()


def _with_units(reg: Path) -> Path:
    """`reg` with a unit for every region (owning 3.1), a county, and units of kind other: one standing
    for many (owning 3.2), and the office overseeing the rectification."""
    text = reg.read_text(encoding="utf-8")
    text = text.replace("tasks:\n", "  - name: 各地市\n    kind: all_regions\n  - name: 曲水县\n    kind: subregion\n"
                        "  - name: 各级党委、政府及有关部门\n    kind: other\n  - name: 自治区整改办\n    kind: other\n"
                        "tasks:\n", 1)
    first, _, rest = text.partition("      - id: 1   # on track\n")
    rest = rest.replace("owners: [自治区生态环境厅]\n        lead: 自治区生态环境厅", "owners: [各地市]\n        lead: 各地市", 1)
    rest = rest.replace("owners: [自治区生态环境厅]\n        lead: 自治区生态环境厅",
                        "owners: [各级党委、政府及有关部门]\n        lead: 各级党委、政府及有关部门", 1)
    reg.write_text(first + "      - id: 1   # on track\n" + rest, encoding="utf-8")
    return reg


@pytest.mark.parametrize("measure, by, said", [
    ("3.1", "那曲市", None),  # (a region: 各地市 stands for it)
    ("3.1", "自治区住房城乡建设厅", None),  # (a department over the regions)
    ("3.2", "拉萨市", None),  # (各级党委、政府及有关部门 stands for many: whether for 拉萨市, no one can tell)
    ("1.2", "自治区整改办", None),  # (a unit of kind other: the office overseeing them all)
    # (a county: no unit for every region stands for it, and whose region it is in, nothing says)
    ("3.1", "曲水县", "措施 3.1 由 各地市 负责，--by 曲水县 不在其中"),
    ("1.1", "曲水县", "措施 1.1 由 拉萨市 负责，--by 曲水县 不在其中"),
], ids=["region of every region's", "department", "owned by many", "overseeing office", "county of every region's",
        "county of a region's"])
def test_a_write_for_a_unit_of_every_region_of_many_or_by_a_county_is_warned_of_as_the_plan_tells(reg, measure, by,
                                                                                                    said):
    _with_units(reg)
    result = run("record", measure, "--state", "in_progress", "--note", "推进中", "--by", by, "--registry", str(reg))
    assert result.exit_code == 0, result.output
    if said is None:
        assert result.stderr == ""
    else:
        assert result.stderr.startswith(f"rectify: 警告：{said}，仍已写入；若填错了，请用 `rectify retract {measure} "
                                        f"--entry {_new_hash(result)} --reason 填报单位有误 -r {reg}` 撤回这一条"), result.stderr


@pytest.mark.parametrize("differs", [("--note", "另一说明"), ("--by", "自治区生态环境厅"), ("--evidence", "现场照片"),
                                     ("--date", "2019-03-30")])
def test_an_entry_that_differs_in_one_field_is_no_repeat(reg, differs):
    args = ("record", "1.1", "--state", "in_progress", "--note", "同一说明", "--by", "拉萨市", "--registry", str(reg))
    assert run(*args).exit_code == 0
    options = dict(zip(args[4::2], args[5::2]))
    options.update([differs])
    result = run("record", "1.1", "--state", "in_progress", *(x for pair in options.items() for x in pair))
    assert (result.exit_code, result.stderr) == (0, "")
    assert "完全相同" not in result.stdout


def test_a_repeat_of_a_retracted_entry_is_no_repeat(reg):
    """Recorded, retracted, recorded again: the first no longer counts, the second is the one that does."""
    args = ("report", "2.2", "--note", "二季度", "--registry", str(reg))
    assert run(*args).exit_code == 0
    assert run("retract", "2.2", "--reason", "误记", "--registry", str(reg)).exit_code == 0
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "完全相同" not in result.stdout


def test_record_in_progress_and_done_via_record(reg):
    assert run("record", "3.1", "--state", "in_progress", "--note", "完成80个", "--registry", str(reg)).exit_code == 0
    result = run("record", "3.1", "--state", "done", "--evidence", "划定方案批复", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert measure_json(reg, "3.1", TODAY)["status"] == "done"


def test_a_note_that_reads_like_checks_option_is_written_as_typed(reg):
    """check's comma lists (--fail-on a,b) were split in every command's arguments: a note
    "--fail-on=due_soon,stale …" was cut in two and the entry refused."""
    note = "--fail-on=due_soon,stale 已写入CI"
    result = run("report", "3.2", "--note", note, "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert f'  note: "{note}"\n' in journal_bytes(reg).decode()


@pytest.mark.parametrize("args", [
    ("close", "1.1", "--evidence", "验收"),
    ("extend", "3.1", "--to", "2021-06-30", "--reason", "资金", "--approved-by", "那曲市"),
])
@pytest.mark.parametrize("blank", [" ", "\u3000\u200b"])
def test_a_blank_note_where_a_note_may_be_left_out_is_written_as_none(tmp_path, args, blank):
    """`--note ' '` was written as the note " ": a note that shows nothing, as an empty one is
    written (a note that must say something, a report's, is refused so)."""
    written = {}
    for case, note in (("without", ()), ("blank", ("--note", blank))):
        shutil.copytree(FIXTURE, tmp_path / case)
        result = run(*args, *note, "--registry", str(tmp_path / case / "tasks.yaml"))
        assert result.exit_code == 0, result.output
        written[case] = journal_bytes(tmp_path / case / "tasks.yaml")
    assert written["blank"] == written["without"]


def test_back_filled_entry_is_flagged(reg):
    result = run("record", "2.1", "--state", "in_progress", "--note", "补记", "--date", "2019-01-01",
                 "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert "  ! 补录：日期 2019-01-01 早于措施 2.1 最近一条记录（2019-01-15）\n" in result.stdout


def test_evidence_file_is_pinned_by_sha256(reg):
    proof = reg.parent / "proof.txt"
    proof.write_bytes(b"acceptance\n")
    result = run("close", "1.1", "--evidence", str(proof), "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert ("  evidence: file:proof.txt sha256:93682060bf3e8203a105bcda6ef7ee727d90fbe3db4f8848fa2f97e5e7c2bf9f\n"
            in journal_bytes(reg).decode())


@pytest.mark.parametrize("lang, said", [
    ("zh", "  ! 佐证文件不在台账所在的仓库（{root}）中，按本机的完整路径 {path} 记录：同事克隆的仓库里找不到它；佐证文件宜放在仓库中\n"),
    ("en", "  ! the evidence file is outside the ledger's repository ({root}): recorded by its full path on this machine, "
           "{path}, which a colleague's clone won't find; keep evidence files in the repository\n")])
def test_evidence_outside_the_ledgers_repository_is_written_and_warned_of(tmp_path, lang, said):
    (tmp_path / "office" / ".git").mkdir(parents=True)
    shutil.copytree(FIXTURE, tmp_path / "office" / "data")
    proof = tmp_path / "下载" / "验收意见.pdf"
    proof.parent.mkdir()
    proof.write_bytes(b"acceptance\n")
    reg = tmp_path / "office" / "data" / "tasks.yaml"
    result = run("close", "1.1", "--evidence", str(proof), "--registry", str(reg), "--lang", lang)
    assert result.exit_code == 0, result.output
    assert said.format(root=(tmp_path / "office").as_posix(), path=proof.as_posix()) in result.stdout
    assert (f"  evidence: file:{proof.as_posix()} sha256:93682060bf3e8203a105bcda6ef7ee727d90fbe3db4f8848fa2f97e5e7c2bf9f\n"
            in journal_bytes(reg).decode())


def test_evidence_outside_a_ledger_kept_without_git_is_warned_of(reg, tmp_path):
    proof = tmp_path / "验收意见.pdf"
    proof.write_bytes(b"acceptance\n")
    result = run("close", "1.1", "--evidence", str(proof), "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert (f"  ! 佐证文件不在台账文件夹（{reg.parent.as_posix()}）中，按本机的完整路径 {proof.as_posix()} 记录："
            "台账复制到别处后找不到它；佐证文件宜放在台账文件夹中\n") in result.stdout


def test_a_colleagues_copy_of_the_repository_shows_and_verifies_the_evidence_as_written(tmp_path):
    """The entry names the file from the journal's folder: show and history in another clone say
    the path that leads to it there, and verify passes."""
    (tmp_path / "office" / ".git").mkdir(parents=True)
    shutil.copytree(FIXTURE, tmp_path / "office" / "data")
    (tmp_path / "office" / "evidence").mkdir()
    (tmp_path / "office" / "evidence" / "验收意见.pdf").write_bytes(b"acceptance\n")
    written = run("close", "1.1", "--evidence", str(tmp_path / "office" / "evidence" / "验收意见.pdf"),
                  "--registry", str(tmp_path / "office" / "data" / "tasks.yaml"))
    assert written.exit_code == 0, written.output
    assert "佐证文件" not in written.stdout
    shutil.copytree(tmp_path / "office", tmp_path / "colleague" / "office")
    shutil.rmtree(tmp_path / "office")
    reg = tmp_path / "colleague" / "office" / "data" / "tasks.yaml"
    pinned = "file:../evidence/验收意见.pdf sha256:93682060bf3e8203a105bcda6ef7ee727d90fbe3db4f8848fa2f97e5e7c2bf9f"
    show = CliRunner().invoke(app, ["show", "1.1", "--registry", str(reg)],
                              env={"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None, "COLUMNS": "140"})
    assert f"2019-03-31  销号    佐证：{pinned}" in show.stdout.splitlines()
    history = run("history", "1.1", "--format", "json", "--registry", str(reg))
    assert json.loads(history.stdout)["entries"][0]["evidence"] == pinned
    verified = run("verify", "--registry", str(reg))
    assert verified.exit_code == 0, verified.output
    assert verified.stdout.endswith("核验：通过\n")


@pytest.mark.parametrize("evidence, noticed", [("scans/验收报告.pdf", True), ("验收报告.PDF", True),
                                               ("藏环发〔2019〕12号", False), ("验收报告", False),
                                               ("https://sthjt.xizang.gov.cn/a/验收报告.pdf", False),
                                               # (no file could have these names: too long, an unknown ~user)
                                               ("已完成污水管网建设并通过验收" * 7, False), ("~某某提供的验收材料", False)])
def test_evidence_that_reads_like_a_missing_file_is_kept_as_text_with_a_notice(reg, evidence, noticed):
    """A mistyped path would otherwise be kept as text without a hash, and nobody told."""
    result = run("close", "1.1", "--evidence", evidence, "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert f"  evidence: {evidence}\n" in journal_bytes(reg).decode()
    notice = f"  ! 佐证“{evidence}”不是本机上的文件，按文字记录（未计算哈希）\n"
    assert (notice in result.stdout) is noticed


def test_evidence_naming_a_folder_is_kept_as_text_and_said_to_be_a_folder(reg):
    """It was noticed as "不是本机上的文件" (no file here), beside the folder itself."""
    (reg.parent / "scans").mkdir()
    result = run("close", "1.1", "--evidence", str(reg.parent / "scans"), "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert f"  ! 佐证“{reg.parent / 'scans'}”是文件夹，不是文件：按文字记录（未计算哈希）；要以哈希固定佐证，请指明其中的文件\n" in result.stdout
    assert "不是本机上的文件" not in result.stdout


def test_a_write_says_in_english_how_overdue_the_measure_is_and_that_the_evidence_is_no_file(reg):
    """It said "overdue 90 days", where status and check say "90 days overdue", and "is no file here"."""
    result = run("record", "1.1", "--state", "in_progress", "--note", "调试中", "--evidence", "scans/验收报告.pdf",
                 "--registry", str(reg), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Recorded 1.1 2019-03-31 in progress — as of 2019-03-31: 90 days overdue (due 2018-12-31)\n"
        "  ! evidence 'scans/验收报告.pdf' is not a file here: recorded as text (no hash)\n")


def test_append_is_byte_for_byte(reg):
    before = journal_bytes(reg)
    assert before.startswith(b"# Journal of the small test registry")
    run("record", "1.1", "--state", "in_progress", "--note", "调试中", "--registry", str(reg))
    run("report", "2.2", "--note", "检查工地40个", "--registry", str(reg))
    after = journal_bytes(reg)
    assert after.startswith(before)
    assert after[len(before):].decode().startswith('- measure: "1.1"\n  date: 2019-03-31\n  state: in_progress\n  note: 调试中\n  hash: ')
    assert len(load_registry(reg).journal) == 11


def test_missing_final_newline_gets_one(reg):
    path = reg.parent / "progress.yaml"
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    before = path.read_bytes()
    assert run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg)).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(before + b'\n- measure: "1.1"\n')


@pytest.mark.parametrize("final_newline", [True, False])
def test_a_journal_kept_on_windows_stays_crlf(reg, final_newline):
    path = reg.parent / "progress.yaml"
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf if final_newline else crlf.removesuffix(b"\r\n"))
    before = path.read_bytes()
    assert run("record", "1.1", "--state", "in_progress", "--note", "第一行\n第二行", "--registry", str(reg)).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before):].startswith(b'- measure: "1.1"\r\n' if final_newline else b'\r\n- measure: "1.1"\r\n')
    assert after.count(b"\n") == after.count(b"\r\n")  # no line end of another kind
    assert load_registry(reg).journal[-1].note == "第一行\n第二行"
    assert run("verify", "--registry", str(reg)).exit_code == 0


@pytest.mark.parametrize("head, tail, end", [(b"\r\n", b"\n", b"\n"), (b"\n", b"\r\n", b"\r\n")])
def test_a_journal_of_mixed_line_ends_is_appended_to_in_those_of_its_last_line(reg, head, tail, end):
    # (it took the first line's: a journal begun on Windows and carried on elsewhere got a CRLF
    # entry under LF ones; the last line's is the journal's ends as last written, where the entry goes)
    path = reg.parent / "progress.yaml"
    lines = path.read_bytes().split(b"\n")[:-1]
    half = len(lines) // 2
    path.write_bytes(b"".join(line + (head if n < half else tail) for n, line in enumerate(lines)))
    before = path.read_bytes()
    assert run("record", "1.1", "--state", "in_progress", "--note", "第一行\n第二行", "--registry", str(reg)).exit_code == 0
    added = path.read_bytes().removeprefix(before)
    assert added.startswith(b'- measure: "1.1"' + end) and added.endswith(end)
    assert b"\r" not in added.replace(end, b"") and b"\n" not in added.replace(end, b"")  # (all alike)
    assert load_registry(reg).journal[-1].note == "第一行\n第二行"
    assert run("verify", "--registry", str(reg)).exit_code == 0


def test_first_entry_creates_the_journal_with_a_header(reg):
    (reg.parent / "progress.yaml").unlink()
    result = run("record", "1.1", "--state", "in_progress", "--note", "开工", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    # (the journal is the ledger's 进展记录: 台账 alone reads as the whole ledger, plan file included)
    assert "progress.yaml（新建进展记录文件）\n" in result.stdout
    assert run("record", "1.1", "--state", "in_progress", "--note", "续", "--registry", str(reg)).stdout.endswith(
        "progress.yaml\n")  # (only the first entry creates it)
    text = journal_bytes(reg).decode()
    assert text.startswith("# rectify journal — append-only")
    assert run("verify", "--registry", str(reg)).exit_code == 0


# -------------------------------------------------------------------------- refusals

REFUSALS = [
    (("record", "1.7", "--state", "in_progress", "--note", "推进中"), "no measure '1.7' in the plan (did you mean 1.2, 1.1?)"),
    (("record", "4", "--state", "in_progress", "--note", "推进中"), "no measure '4' in the plan (4 is a task: name one of its measures, 4.1, 4.2)"),
    (("record", "1.1", "--state", "in_progress", "--note", "推进中", "--date", "2019-02-30"), "--date: '2019-02-30' is not a real calendar date (that month has no such day)"),
    (("record", "1.1", "--state", "in_progress", "--note", "推进中", "--date", "yesterday"), "--date: not a date: 'yesterday' (use 2019-03-31, 2019/3/31 or 2019年3月31日)"),
    # (a month alone was recorded as its last day, without a word)
    (("record", "1.1", "--state", "in_progress", "--note", "推进中", "--date", "2019-03"), "--date: '2019-03' names a month, not a day: give the day, 2019-03-DD"),
    (("close", "1.1", "--evidence", "验收", "--date", "2019年3月"), "--date: '2019年3月' names a month, not a day: give the day, 2019-03-DD"),
    (("record", "1.1", "--state", "in_progress", "--note", "推进中", "--date", "2019-04-01"), "--date: 2019-04-01 is in the future (today is 2019-03-31); the journal records what has happened"),
    (("record", "1.1", "--state", "in_progress", "--note", "推进中", "--date", "1900-01-01"),
     "--date: 1900-01-01 is before the inspection's feedback (2018-01-03), when the problems were handed over"),
    (("record", "1.1", "--state", "donee"), "--state: unknown state 'donee' (did you mean done?); expected one of in_progress, done, reopened, report"),
    (("record", "1.1", "--state", "extended"), "--state extended is not allowed here: use `rectify extend`"),
    (("record", "1.1", "--state", "in_progress", "--note", "推进中", "--by", "拉撒市"), "--by: unknown unit '拉撒市' (did you mean 拉萨市?); use a unit declared under 'units:' in the plan (name or alias)"),
    (("close", "1.1"), "closing 1.1 needs --evidence: a file or text that proves it is done (e.g. a document number)"),
    (("record", "1.1", "--state", "done"),
     "closing 1.1 needs --evidence: a file or text that proves it is done (e.g. a document number)"),
    (("close", "1.2", "--evidence", "x"), "1.2 is already closed as of 2019-03-31; reopen it first if it must be closed again"),
    (("close", "2.2", "--evidence", "x"), "2.2 is ongoing (长期坚持) with no deadline to close: use `rectify report 2.2 --note <WORK_DONE> --evidence x -r {reg}` "
     "to report on it, <WORK_DONE> in it replaced by what was done this period"),
    (("reopen", "1.1", "--note", "回头看"), "1.1 is not closed as of 2019-03-31 (status: overdue): nothing to reopen"),
    # (its example note in English, as the retraction's is: an untranslated 回头看发现表面整改 told an English reader nothing)
    (("reopen", "1.2", "--note", " "),
     "--note: say why the measure is reopened (e.g. a follow-up inspection (回头看) found superficial rectification)"),
    (("report", "1.1", "--note", "x"), "1.1 has no ongoing (长期坚持) part to report on: use `rectify record 1.1 --state in_progress --note x -r {reg}`"),
    (("extend", "3.1", "--to", "2020-06-30", "--reason", "r", "--approved-by", "自治区生态环境厅"),
     "--to 2020-06-30 is not after the deadline it moves (2020-12-31)"),
    (("extend", "1.1", "--to", "2019-03-15", "--late", "--reason", "补批", "--approved-by", "自治区生态环境厅"),
     "--to 2019-03-15 is not after the entry's date (2019-03-31): an extension sets a due date still to come"),
    (("extend", "1.1", "--to", "2019-03-31", "--late", "--reason", "补批", "--approved-by", "自治区生态环境厅"),
     "--to 2019-03-31 is not after the entry's date (2019-03-31): an extension sets a due date still to come"),
    (("report", "2.2", "--note", ""), "--note: say what was done this period (a report needs a note)"),
    (("report", "2.2", "--note", "  "), "--note: say what was done this period (a report needs a note)"),
    (("record", "2.2", "--state", "report", "--note", ""), "--note: say what was done this period (a report needs a note)"),
    # (an entry saying nothing cleared 久未报告: 67 stale measures "reported on" so)
    (("record", "2.2", "--state", "in_progress"), "--note: say what is under way (an entry without a note says nothing)"),
    (("record", "1.1", "--state", "in_progress", "--note", "  "),
     "--note: say what is under way (an entry without a note says nothing)"),
    # (a note of a zero-width space or a bell shows nothing, and cleared 久未报告 so)
    (("report", "2.2", "--note", "\u200b"), "--note: say what was done this period (a report needs a note)"),
    (("record", "1.1", "--state", "in_progress", "--note", "\u3000\u2060"),
     "--note: say what is under way (an entry without a note says nothing)"),
    (("close", "1.1", "--evidence", "\u200b"), "--evidence: the evidence is empty; give a file path or text (e.g. a document number)"),
    (("extend", "3.1", "--to", "someday", "--reason", "r", "--approved-by", "自治区生态环境厅"), "--to: not a date: 'someday' (use 2019-03-31, 2019/3/31, 2019-03 (end of month) or 2019年3月31日)"),
    (("extend", "3.1", "--to", "2021-06-30", "--reason", "r", "--approved-by", "发改委"), "--approved-by: unknown unit '发改委'; use a unit declared under 'units:' in the plan (name or alias)"),
    (("extend", "1.2", "--to", "2021-06-30", "--reason", "r", "--approved-by", "那曲市"), "1.2 has no pending deadline as of 2019-03-31: nothing to extend"),
]


@pytest.mark.parametrize("args, message", REFUSALS, ids=[" ".join(a[:2]) + f" #{i}" for i, (a, _) in enumerate(REFUSALS)])
def test_refusal_exits_2_and_leaves_journal_untouched(reg, args, message):
    """(In English: each is said in Chinese by default, see test_write_refusals.)"""
    before = journal_bytes(reg)
    result = run(*args, "--registry", str(reg), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert (result.stdout, result.stderr) == ("", f"rectify: {message.replace('{reg}', str(reg))}\n")
    assert journal_bytes(reg) == before


# A back-dated entry is checked against the entries recorded after its date, too.
BACK_DATED = [
    ([("close", "1.1", "--evidence", "验收", "--date", "2019-03-10")],
     ("close", "1.1", "--evidence", "初验", "--date", "2019-03-05"),
     "this done entry, dated 2019-03-05, would make the later entry of 2019-03-10 (done, line {line}) wrong: "
     "1.1 is already closed as of 2019-03-10; record it with a date after that entry, or not at all"),
    ([("close", "1.1", "--evidence", "验收", "--date", "2019-03-01"), ("reopen", "1.1", "--note", "回头看", "--date", "2019-03-20")],
     ("reopen", "1.1", "--note", "复查", "--date", "2019-03-10"),
     "this reopened entry, dated 2019-03-10, would make the later entry of 2019-03-20 (reopened, line {line}) wrong: "
     "1.1 is not closed as of 2019-03-20 (status: overdue): nothing to reopen; record it with a date after that entry, "
     "or not at all"),
    ([("extend", "3.1", "--to", "2021-06-30", "--reason", "冬季", "--approved-by", "自治区生态环境厅", "--date", "2019-03-20")],
     ("extend", "3.1", "--to", "2021-12-31", "--reason", "资金", "--approved-by", "自治区生态环境厅", "--date", "2019-03-10"),
     "this extended entry, dated 2019-03-10, would make the later entry of 2019-03-20 (extended, line {line}) wrong: "
     "2021-06-30 is not after the deadline it moves (2021-12-31); record it with a date after that entry, or not at all"),
    ([("extend", "1.1", "--to", "2019-06-30", "--reason", "冬季", "--approved-by", "拉萨市", "--date", "2019-03-20", "--late")],
     ("extend", "1.1", "--to", "2019-05-31", "--reason", "资金", "--approved-by", "拉萨市", "--date", "2018-12-20"),
     "this extended entry, dated 2018-12-20, would make the later entry of 2019-03-20 (extended, line {line}) wrong: "
     "it is flagged late, but the deadline it moves would then be 2019-05-31; record it with a date after that entry, "
     "or not at all"),
    ([("close", "3.1", "--evidence", "验收", "--date", "2019-03-20")],
     ("extend", "3.1", "--to", "2021-06-30", "--reason", "冬季", "--approved-by", "自治区生态环境厅", "--date", "2019-03-10"),
     None),
    ([("extend", "3.1", "--to", "2021-12-31", "--reason", "冬季", "--approved-by", "自治区生态环境厅", "--date", "2019-03-20")],
     ("extend", "3.1", "--to", "2021-06-30", "--reason", "资金", "--approved-by", "自治区生态环境厅", "--date", "2019-03-10"),
     None),
    ([("close", "1.1", "--evidence", "验收", "--date", "2019-03-10")],
     ("record", "1.1", "--state", "in_progress", "--note", "施工", "--date", "2019-03-05"),
     None),
]


@pytest.mark.parametrize("earlier, back_dated, refusal", BACK_DATED)
def test_a_back_dated_entry_must_not_contradict_later_ones(reg, earlier, back_dated, refusal):
    """Closing a measure before its recorded close would close it twice (both months' summaries
    counting it); an extension before a recorded one would make that one bring the deadline forward."""
    for args in earlier:
        assert run(*args, "--registry", str(reg)).exit_code == 0
    before = journal_bytes(reg)
    result = run(*back_dated, "--registry", str(reg), "--lang", "en")
    if refusal is None:
        assert result.exit_code == 0, result.output
        assert "back-filled" in result.stdout  # (accepted, flagged as back-filled)
        return
    # (the later entry is the journal's last: the line it starts on)
    line = [n for n, text in enumerate(before.decode().splitlines(), 1) if text.startswith("- ")][-1]
    assert (result.exit_code, result.stderr) == (2, f"rectify: {refusal.format(line=line)}\n")
    assert journal_bytes(reg) == before


def test_refused_when_journal_would_not_load_after_append(reg):
    path = reg.parent / "progress.yaml"
    path.write_bytes(path.read_bytes() + b"...\n")  # YAML document end: nothing may follow it
    before = path.read_bytes()
    result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg))
    assert result.exit_code == 2
    line = before.count(b"\n")  # (it said "line N+1: did not find expected <document start>", past the end)
    assert result.stderr == f"rectify: {path}: 第 {line} 行是 `...`，它结束 YAML 文档，其后不能再有记录；未写入任何内容——请删除这一行后重试\n"
    english = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg), "--lang", "en")
    assert (english.exit_code, english.stderr) == (2, (
        f"rectify: {path}: line {line} is `...`, which ends the YAML document: no entry can "
        "follow it; nothing was written — delete that line and try again\n"))
    assert path.read_bytes() == before


# (a journal of no entries written as an empty list, what is kept of it before the entry written)
EMPTY_LISTS = [
    (b"[]\n", b""),
    (b"[]", b""),  # (no line break at its end)
    (b"# rectify journal\n[]  # \xe5\xb0\x9a\xe6\x97\xa0\xe8\xae\xb0\xe5\xbd\x95\n",
     b"# rectify journal\n# \xe5\xb0\x9a\xe6\x97\xa0\xe8\xae\xb0\xe5\xbd\x95\n"),  # (its comments kept)
    (b"--- [ ]\n", b"---\n"),
    (b"\xef\xbb\xbf[]\r\n", b"\xef\xbb\xbf"),  # (a Windows editor's: BOM, CRLF)
    (b"# a\r\n\r\n[]\r\n# b\r\n", b"# a\r\n\r\n# b\r\n"),
    (b"\xef\xbb\xbf# a\r\n[]\r\n", b"\xef\xbb\xbf# a\r\n"),  # (Notepad's BOM before a comment, not before the [])
]


@pytest.mark.parametrize("empty, kept", EMPTY_LISTS, ids=[f"#{i}" for i in range(len(EMPTY_LISTS))])
def test_an_entry_is_written_after_a_journal_that_is_an_empty_list(reg, empty, kept):
    """validate and status read `[]` as a journal of no entries (通过, 0条进展记录), but every write
    was refused: 追加后进展记录将无法读取（…“[]”…其后不能再有内容）. The `[]` alone goes: nothing
    may follow it in YAML, and the entry is the list now; the rest is kept as it was."""
    path = reg.parent / "progress.yaml"
    path.write_bytes(empty)
    assert run("validate", str(reg)).stdout.endswith("0条进展记录\n")
    result = run("report", "2.2", "--note", "一季度检查", "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    text = path.read_bytes()
    assert text.startswith(kept + b"- measure: \"2.2\"")
    assert text.count(b"\r\n") == (text.count(b"\n") if b"\r\n" in empty else 0)  # (the line ends it was in)
    validated = run("validate", str(reg))
    assert (validated.exit_code, validated.stderr) == (0, "")
    assert validated.stdout.endswith("1条进展记录\n")
    assert run("verify", "--registry", str(reg)).exit_code == 0
    second = run("report", "2.2", "--note", "二季度检查", "--registry", str(reg))  # (and appended to after it)
    assert (second.exit_code, second.stderr) == (0, ""), second.output
    assert run("validate", str(reg)).stdout.endswith("2条进展记录\n")


# (the system's error, what a Chinese message says of it, and the English one: EFBIG, a `ulimit -f` or a share's
# file size cap, said "File too large" in a Chinese message)
WRITE_FAILURES = [("ENOSPC", "磁盘空间不足", "No space left on device"), ("EFBIG", "文件过大，超出文件大小上限", "File too large")]


@pytest.mark.parametrize("code, zh, en", WRITE_FAILURES, ids=["full disk", "file size limit"])
def test_a_write_the_system_refuses_is_said_in_the_readers_language_and_keeps_the_journal(reg, monkeypatch, code, zh, en):
    import errno
    import os

    from rectify_cli import fsutil

    def refused(fd):
        raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)))

    path = reg.parent / "progress.yaml"
    before = path.read_bytes()
    monkeypatch.setattr(fsutil.os, "fsync", refused)
    result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg))
    assert result.exit_code == 2
    assert result.stderr == f"rectify: {path}: 无法写入（{zh}）；未写入任何内容\n"
    english = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg), "--lang", "en")
    assert english.stderr == f"rectify: {path}: cannot be written ({en}); nothing was written\n"
    assert path.read_bytes() == before


def test_a_folder_closed_to_new_files_is_named_as_the_cause(reg, monkeypatch):
    """A journal (and its lock) the group may write, in a folder it may not: "cannot be written
    (Permission denied)" sent the clerk to the journal, which is writable. A write puts a new file
    in the journal's place, so the folder is named, and why it must be writable."""
    import os
    import tempfile

    folder = Path(os.path.realpath(reg.parent))
    (folder / "progress.yaml.lock").touch()
    mkstemp = tempfile.mkstemp

    def closed(*args, dir=None, **kwargs):  # (as root, no folder is closed to us)
        if dir is not None and Path(dir) == folder:
            raise PermissionError(13, "Permission denied")
        return mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", closed)
    path = reg.parent / "progress.yaml"
    _record_refused(reg, (
        f"rectify: {path}: 无法写入（不能在文件夹 {folder} 中新建文件：写入时先在原文件旁写好新文件，再用它替换原文件，"
        "所以这个文件夹须可写）；未写入任何内容\n"), (
        f"rectify: {path}: cannot be written (no file can be made in the folder {folder}: a write makes the new "
        "file beside the old one and puts it in its place, so the folder must be writable); nothing was written\n"))


def test_a_lock_file_the_user_may_not_write_is_named_as_the_cause(reg, monkeypatch):
    """A lock file another member of the group made 644: not "is the registry folder writable?"
    (it is) but the lock file, its owner, and what to do."""
    import os

    import filelock

    from rectify_cli.fsutil import owner_name

    def refused(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    lock = reg.parent / "progress.yaml.lock"
    lock.touch()
    lock.chmod(0o644)
    monkeypatch.setattr(filelock.FileLock, "acquire", refused)  # (as root, no file is closed to us)
    before = journal_bytes(reg)
    result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg))
    assert result.exit_code == 2
    owner = owner_name(lock.stat().st_uid)
    assert result.stderr == (f"rectify: {lock}: 你无权写入这个锁文件（所有者 {owner}，-rw-r--r--）：{owner} 可以把它改为"
                             "进展记录所属的组并允许该组写入（chgrp、chmod g+w），或在无人记录时删除它。未写入任何内容。\n")
    english = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg), "--lang", "en")
    assert (english.exit_code, english.stderr) == (2, (
        f"rectify: {lock}: the lock file is not writable by you (owner {owner}, -rw-r--r--): "
        f"{owner} can give it the journal's group and let that group write it (chgrp, chmod g+w), "
        "or remove it while no one is recording. Nothing was written.\n"))
    lock.unlink()
    real_open = os.open

    def closed_folder(path, flags, *args, **kwargs):  # (no lock file can be made there either)
        if os.fspath(path) == str(lock) and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", closed_folder)
    result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg))
    assert result.exit_code == 2
    assert result.stderr == (f"rectify: {lock}: 无法创建锁文件（没有权限）；文件夹 {reg.parent} 是否可写？"
                             "未写入任何内容。\n")
    english = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg), "--lang", "en")
    assert (english.exit_code, english.stderr) == (2, (
        f"rectify: {lock}: cannot create the lock file (Permission denied); is the folder "
        f"{reg.parent} writable? Nothing was written.\n"))
    assert journal_bytes(reg) == before


def test_a_lock_file_there_but_on_a_read_only_mount_is_not_said_to_be_missing(reg, monkeypatch):
    """On a read-only mount the lock file is there and only its opening for writing fails: it was
    "cannot create the lock file (read-only file system)". (Mounting needs privileges the tests
    may lack, and root writes through any mode: opening it for writing raises EROFS here, as the
    system does on such a mount.)"""
    import errno
    import os

    lock = reg.parent / "progress.yaml.lock"
    lock.touch()
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if os.fspath(path) == str(lock) and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    _record_refused(reg, f"rectify: {lock}: 锁文件已存在，但无法打开以写入（只读文件系统）。未写入任何内容。\n",
                    f"rectify: {lock}: the lock file is there but cannot be opened for writing (Read-only file system). "
                    "Nothing was written.\n")


@pytest.mark.parametrize("error", ["ENOLCK", "EOPNOTSUPP"])
def test_a_folder_whose_file_system_takes_no_locks_is_named_as_the_cause(reg, monkeypatch, error):
    """On an NFS mount without its lock service flock fails with ENOLCK (some file systems say
    EOPNOTSUPP): it was "the lock file is there but cannot be opened for writing (No locks
    available)", when it opened and only the lock failed; no retry or wait would help."""
    import errno
    import fcntl
    import os

    def no_locks(fd, operation):
        raise OSError(getattr(errno, error), os.strerror(getattr(errno, error)))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    monkeypatch.setattr(fcntl, "lockf", no_locks)
    lock = reg.parent / "progress.yaml.lock"
    _record_refused(reg, f"rectify: {lock}: 文件夹 {reg.parent} 所在的文件系统不支持文件锁，无法在写入进展记录时锁定它"
                         "（网络盘如 NFS 须启用其锁服务）；请把台账放在支持文件锁的位置。未写入任何内容。\n",
                    f"rectify: {lock}: the file system of the folder {reg.parent} does not support file locks, so the "
                    "journal cannot be locked while it is written (a network share such as NFS needs its lock service "
                    "running); keep the registry where locks work. Nothing was written.\n")
    assert not lock.exists()  # (it was made for nothing: an empty file `git status` showed)


def test_a_file_system_without_flock_is_refused_at_once_and_without_a_python_warning(reg, monkeypatch):
    """Where flock is not implemented at all (ENOSYS), filelock fell back to a lock by the lock
    file's existence, saying so in a Python warning (`…/filelock/_native/_unix.py:302: UserWarning:
    flock not supported on this filesystem, falling back to SoftFileLock`); the lock file rectify
    leaves in place then read as held, so every write waited 10 s and was told "another rectify is
    writing this journal". Refused at once, as a file system that takes no locks is."""
    import errno
    import fcntl
    import os
    import warnings

    def not_implemented(fd, operation):
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))

    monkeypatch.setattr(fcntl, "flock", not_implemented)
    monkeypatch.setattr(fcntl, "lockf", not_implemented)
    monkeypatch.setenv("RECTIFY_LOCK_TIMEOUT", "0.5")  # (the wrong refusal sooner; the right one waits for none)
    lock = reg.parent / "progress.yaml.lock"
    lock.touch()  # (as a write before, where the journal was, left it)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        _record_refused(reg, f"rectify: {lock}: 文件夹 {reg.parent} 所在的文件系统不支持文件锁，无法在写入进展记录时锁定它"
                             "（网络盘如 NFS 须启用其锁服务）；请把台账放在支持文件锁的位置。未写入任何内容。\n",
                        f"rectify: {lock}: the file system of the folder {reg.parent} does not support file locks, so the "
                        "journal cannot be locked while it is written (a network share such as NFS needs its lock service "
                        "running); keep the registry where locks work. Nothing was written.\n")
    assert [str(w.message) for w in said] == []
    assert lock.exists()  # (not ours: never removed)


def test_a_refused_write_leaves_no_lock_file_of_its_own(reg, tmp_path):
    """A write refused leaves the folder as it was: an empty lock file was left beside the
    target (`export.progress.yaml.lock` beside an export given as the registry), which `git
    status` showed. One that was there before may be another writer's, and stays; a write that
    lands leaves its lock in place, as every writer of the journal locks that file (README)."""
    exported = tmp_path / "export.json"
    assert run("export", "-r", str(reg), "-o", str(exported)).exit_code == 0
    before = sorted(p.name for p in tmp_path.iterdir())
    refused = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "-r", str(exported))
    assert (refused.exit_code, refused.stderr) == (2, (
        f"rectify: {exported}:1:1: 这是 `rectify export` 的输出，不是整改方案：请指定导出时所用的方案文件（例如 tasks.yaml）"
        "或其所在文件夹；rectify 不能把导出文件转回台账（其中没有进展记录）\n"))
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    refused = run("record", "9.9", "--state", "in_progress", "--note", "推进中", "-r", str(reg))
    assert (refused.exit_code, refused.stderr) == (2, "rectify: 整改方案中没有措施“9.9”（任务编号为 1 至 4）\n")
    assert sorted(p.name for p in reg.parent.iterdir()) == ["progress.yaml", "tasks.yaml"]
    lock = reg.parent / "progress.yaml.lock"
    lock.touch()
    refused = run("close", "9.9", "--note", "完成", "--evidence", "x.pdf", "-r", str(reg))
    assert (refused.exit_code, refused.stderr) == (2, "rectify: 整改方案中没有措施“9.9”（任务编号为 1 至 4）\n")
    assert lock.exists()
    lock.unlink()
    assert run("record", "1.1", "--state", "in_progress", "--note", "推进中", "-r", str(reg)).exit_code == 0
    assert sorted(p.name for p in reg.parent.iterdir()) == ["progress.yaml", "progress.yaml.lock", "tasks.yaml"]


def _interrupted_while_waiting(monkeypatch, lock: Path, *, taken_by=None) -> None:
    """Ctrl-C once while record waits for the journal's lock (KeyboardInterrupt out of acquire),
    `taken_by`, another writer's lock, taking it first, as one starting in between would."""
    from filelock import FileLock

    from rectify_cli.command_line import DONE_BEFORE_OUTPUT

    # (the entries earlier tests' runs in this process wrote, which an interruption would name as
    # written: cleared in place, the one list cli._write adds to and the interruption reads)
    DONE_BEFORE_OUTPUT.clear()
    acquire, interrupted = FileLock.acquire, []

    def once(self, *args, **kwargs):
        if interrupted:
            return acquire(self, *args, **kwargs)
        interrupted.append(True)
        if taken_by is not None:
            taken_by.acquire()
        raise KeyboardInterrupt

    monkeypatch.setattr(FileLock, "acquire", once)


@pytest.mark.parametrize("lang, said", [((), "rectify: 已中断\n"), (("--lang", "en"), "rectify: interrupted\n")])
def test_ctrl_c_while_waiting_for_the_lock_leaves_no_lock_file_of_its_own(reg, monkeypatch, lang, said):
    """The lock file made to wait on stayed behind, an empty file `git status` showed, as a refused write's did."""
    before = journal_bytes(reg)
    _interrupted_while_waiting(monkeypatch, reg.parent / "progress.yaml.lock")
    result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "-r", str(reg), *lang)
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", said)
    assert sorted(p.name for p in reg.parent.iterdir()) == ["progress.yaml", "tasks.yaml"]
    assert journal_bytes(reg) == before


def test_ctrl_c_while_another_writer_holds_the_lock_file_made_leaves_it_to_that_writer(reg, monkeypatch):
    """Removed under the other writer's lock, a third would make and lock a new file and write beside it."""
    from filelock import FileLock

    lock = reg.parent / "progress.yaml.lock"
    other = FileLock(str(lock))
    _interrupted_while_waiting(monkeypatch, lock, taken_by=other)
    try:
        result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "-r", str(reg))
        assert (result.exit_code, result.stderr) == (130, "rectify: 已中断\n")
        assert lock.exists() and other.is_locked
    finally:
        other.release()


@pytest.mark.parametrize("made, zh, en", [
    (lambda lock: lock.mkdir(), "文件夹", "a folder"),
    (lambda lock: lock.symlink_to("nowhere"), "符号链接", "a symbolic link"),
    (lambda lock: lock.symlink_to("tasks.yaml"), "符号链接", "a symbolic link"),
])
def test_a_folder_or_a_link_where_the_lock_goes_is_named_as_the_cause(reg, made, zh, en):
    """Not "too many levels of symbolic links; is the folder writable?" (it is): what is in the
    lock file's place, and what to do."""
    lock = reg.parent / "progress.yaml.lock"
    made(lock)
    _record_refused(reg, f"rectify: {lock}: 锁文件的位置上是一个{zh}，不是锁文件：请在无人记录时移走它后重试。未写入任何内容。\n",
                    f"rectify: {lock}: where the lock file goes there is {en}, not a lock file: move it away while no one "
                    "is recording, and try again. Nothing was written.\n")


def test_a_journal_another_rectify_is_writing_is_refused_in_the_users_language(reg, monkeypatch):
    """The wait is RECTIFY_LOCK_TIMEOUT's (it was 10 s, fixed: with many writers of a big registry
    one gave up), and the refusal says how long it waited and how to wait longer."""
    from filelock import FileLock

    monkeypatch.setenv("RECTIFY_LOCK_TIMEOUT", "0.05")
    lock = reg.parent / "progress.yaml.lock"
    with FileLock(str(lock)):
        _record_refused(reg, f"rectify: {lock}: 另一个 rectify 正在写入这份进展记录（已等待 0.05 秒）；请稍后重试，或设置环境变量 "
                             "RECTIFY_LOCK_TIMEOUT（秒数）以等待更久。未写入任何内容。\n",
                        f"rectify: {lock}: another rectify is writing this journal (waited 0.05 s); try again, or wait "
                        "longer with RECTIFY_LOCK_TIMEOUT (seconds). Nothing was written.\n")


@pytest.mark.parametrize("value", ["ten", "-1", "nan", "inf"])
def test_a_lock_timeout_that_is_no_number_of_seconds_is_refused(reg, monkeypatch, value):
    monkeypatch.setenv("RECTIFY_LOCK_TIMEOUT", value)
    _record_refused(reg, f"rectify: RECTIFY_LOCK_TIMEOUT：应为等待进展记录锁文件的秒数（不小于 0 的数），实为“{value}”\n",
                    f"rectify: RECTIFY_LOCK_TIMEOUT: expected the seconds to wait for the journal's lock (a number, at "
                    f"least 0), got {value!r}\n")


def test_a_lock_timeout_of_no_seconds_takes_the_lock_if_it_is_free(reg, monkeypatch):
    """RECTIFY_LOCK_TIMEOUT=0: not to wait at all (the refusal above asks for a number at least 0)."""
    monkeypatch.setenv("RECTIFY_LOCK_TIMEOUT", "0")
    result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg))
    assert (result.exit_code, result.stderr, result.stdout.splitlines()[0]) == (
        0, "", "已记录 1.1 2019-03-31 推进中 — 截至 2019-03-31：逾期90天（期限 2018-12-31）")


def test_an_indented_journal_is_refused_in_the_users_language(reg):
    path = reg.parent / "progress.yaml"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + b"".join(b"  " + line for line in lines[1:]))
    _record_refused(reg, (
        f"rectify: {path}: 进展记录的各条记录有缩进（第 2 行的 `-` 前有空格），而新记录写在行首，无法接续这个列表；"
        "未写入任何内容——请去掉缩进（各条记录的每一行去掉同样多的空格）后重试\n"), (
        f"rectify: {path}: the journal's entries are indented (line 2 starts with spaces before its `-`), and an entry "
        "is written at the left margin, where it can't continue that list; nothing was written — remove the "
        "indentation (the same from every line of the entries) and try again\n"))


def test_a_block_ending_the_journal_is_refused_in_the_users_language(reg):
    path = reg.parent / "progress.yaml"
    assert run("record", "1.1", "--state", "in_progress", "--note", "第一行\n第二行", "--registry", str(reg)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert '  note: "第一行\\n第二行"\n' in text
    # (an editor that writes the note as a block and ends the file without a line break)
    path.write_text(text.replace('  note: "第一行\\n第二行"\n', "").rstrip("\n") + "\n  note: |\n    第一行\n    第二行",
                    encoding="utf-8")
    before = path.read_bytes()
    last = before.count(b"\n") + 1
    result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (2, (
        f"rectify: {path}: 进展记录的最后一行（第 {last} 行）之后没有换行，且在一个文本块（| 或 >）中结束，新记录所需的换行会"
        "并入该块的文字；未写入任何内容——请在文件末尾加一个换行，并把该记录的 | 写作 |-（> 写作 >-），使其文字保持原样\n"))
    english = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg), "--lang", "en")
    assert (english.exit_code, english.stderr) == (2, (
        f"rectify: {path}: the journal's last line ({last}) has no line break after it and ends a block (| or >), whose "
        "text would take the line break the new entry needs; nothing was written — end the file with a line break, "
        "writing that entry's | as |- (> as >-) so that its text stays as it was\n"))
    assert path.read_bytes() == before


def test_evidence_that_cannot_be_read_is_refused_in_the_users_language(reg, monkeypatch):
    import errno
    import os

    from rectify_cli import journal

    def unreadable(path):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    (reg.parent / "验收报告.pdf").write_bytes(b"%PDF")
    monkeypatch.setattr(journal, "file_sha256", unreadable)
    before = journal_bytes(reg)
    result = run("close", "1.1", "--evidence", str(reg.parent / "验收报告.pdf"), "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (2, f"rectify: --evidence：{reg.parent / '验收报告.pdf'}：无法读取（输入/输出错误）\n")
    english = run("close", "1.1", "--evidence", str(reg.parent / "验收报告.pdf"), "--registry", str(reg), "--lang", "en")
    assert (english.exit_code, english.stderr) == (
        2, f"rectify: --evidence: {reg.parent / '验收报告.pdf'}: cannot be read (Input/output error)\n")
    assert journal_bytes(reg) == before


def test_a_read_only_journal_is_refused_and_left_read_only(reg):
    path = reg.parent / "progress.yaml"
    path.chmod(0o444)  # (an office freezing a closed year)
    before = path.read_bytes()
    result = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg))
    assert result.exit_code == 2
    assert result.stderr == f"rectify: {path}: 是只读文件（-r--r--r--）；未写入任何内容\n"
    english = run("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg), "--lang", "en")
    assert english.stderr == f"rectify: {path}: is read-only (-r--r--r--); nothing was written\n"
    assert path.read_bytes() == before
    assert oct(path.stat().st_mode & 0o777) == "0o444"


def test_a_journal_changed_by_another_program_while_recording_is_kept(reg, monkeypatch):
    from rectify_cli import fsutil

    path = reg.parent / "progress.yaml"
    pulled = b'- measure: "2.1"\n  date: 2019-03-30\n  state: in_progress\n  note: pulled\n'

    def pull(point):  # (a git pull landing just before the rename)
        if point == "before-rename":
            with open(path, "ab") as handle:
                handle.write(pulled)

    monkeypatch.setattr(fsutil, "_fault", pull)
    before = path.read_bytes()
    result = run("record", "1.1", "--state", "in_progress", "--note", "mine", "--registry", str(reg))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"rectify: {path}: 记录期间被 rectify 以外的程序改动（git pull、同步软件、编辑器？）；"
                             "未写入任何内容——请重试\n")
    assert path.read_bytes() == before + pulled
    english = run("record", "1.1", "--state", "in_progress", "--note", "mine", "--registry", str(reg), "--lang", "en")
    assert (english.exit_code, english.stderr) == (2, (
        f"rectify: {path}: changed while recording (by a program other than rectify: a git pull, "
        "a sync client, an editor?); nothing was written — try again\n"))
    assert path.read_bytes() == before + pulled * 2


# -------------------------------------------------------------------------- history

def test_history_newest_first_for_a_task(reg):
    run("record", "1.1", "--state", "in_progress", "--note", "调试中", "--date", "2019-03-20", "--registry", str(reg))
    result = run("history", "1", "--lang", "en", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Date", "Measure", "Entry", "By", "Note", "Evidence"]
    assert [line.split()[:3] for line in lines[2:]] == [
        ["2019-03-20", "1.1", "in"], ["2018-09-30", "1.1", "in"], ["2018-06-20", "1.2", "closed"]]
    assert "自治区生态环境厅" in lines[4]  # by: stored as an alias, shown canonical


@pytest.mark.parametrize("lang, row", [
    ("zh", "2018-09-30  1.1     推进中              017     正在开展设备调试"),
    ("en", "2018-09-30  1.1        in progress        017     正在开展设备调试"),
])
def test_history_prints_a_plain_note_as_written(reg, lang, row):
    journal = reg.parent / "progress.yaml"
    text = journal.read_text(encoding="utf-8")
    assert "  note: 主体工程完工60%。\n" in text
    journal.write_text(text.replace("  note: 主体工程完工60%。\n", "  note: 017\n", 1), encoding="utf-8")
    history = run("history", "1.1", "--lang", lang, "--no-cache", "--registry", str(reg))
    assert history.exit_code == 0, history.output
    assert history.stdout.splitlines()[2:] == [row]


@pytest.mark.parametrize("typed", ["1。1", "１。１", " 1。1 "])
def test_an_id_typed_with_the_chinese_full_stop_is_the_id_with_a_dot(reg, typed):
    """A Chinese input method types 。 for "." : `show 1。1` was refused (是否指 1.1？) where
    １.１ and 1．1 were accepted. Between digits it is the dot, in every command taking an id."""
    for command in (("show",), ("history",)):
        expected = run(*command, "1.1", "--registry", str(reg))
        assert expected.exit_code == 0
        got = run(*command, typed, "--registry", str(reg))
        assert (got.exit_code, got.stdout) == (0, expected.stdout)
    written = run("record", typed, "--state", "in_progress", "--note", "推进中", "--registry", str(reg))
    assert (written.exit_code, written.stderr) == (0, ""), written.output
    assert written.stdout.startswith("已记录 1.1 2019-03-31 推进中")
    assert load_registry(reg, use_cache=False).journal[-1].measure == "1.1"


# Marks that stay refused between digits, each for what it means there: ，and 、 list things (1，2
# may be tasks 1 and 2, not 1.2), and ：(NFKC: ":") parts a folder's file from the id (NAME:18.4).
@pytest.mark.parametrize("typed, show_hint, record_hint", [
    ("1，2", "（是否指 1.2？）", "（是否指 1.2？）"),
    ("1、2", "（是否指 1.2？）", "（是否指 1.2？）"),
    ("1：2", "（是否指 2、1、3？）", "（任务编号为 1 至 4）"),
])
def test_an_id_with_a_mark_that_means_something_else_is_still_refused(reg, typed, show_hint, record_hint):
    before = journal_bytes(reg)
    shown = run("show", typed, "--registry", str(reg))
    assert (shown.exit_code, shown.stdout, shown.stderr) == (2, "", f"rectify: 没有任务或措施“{typed}”{show_hint}\n")
    recorded = run("record", typed, "--state", "in_progress", "--note", "推进中", "--registry", str(reg))
    assert (recorded.exit_code, recorded.stdout, recorded.stderr) == (
        2, "", f"rectify: 整改方案中没有措施“{typed}”{record_hint}\n")
    assert journal_bytes(reg) == before


def test_history_since_and_unknown_id(reg):
    result = run("history", "--since", "2019-02", "--registry", str(reg))  # (from 1 February)
    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == ["2019-03-10", "2019-03-01", "2019-02-01"]
    unknown = run("history", "19", "--registry", str(reg), "--lang", "en")
    assert unknown.exit_code == 2
    assert unknown.stderr == "rectify: no task or measure '19' (did you mean 1?)\n"
    bad = run("history", "--since", "soon", "--registry", str(reg), "--lang", "en")
    assert (bad.exit_code, bad.stdout, bad.stderr) == (
        2, "", "rectify: --since: not a date: 'soon' (use 2019-03-31, 2019/3/31, 2019-03 (from its first day) or 2019年3月31日)\n")


@pytest.mark.parametrize("args, zh, en", [
    # (a month is its first day, as --since reads it)
    (["--since", "2019-03-11"], "自 2019-03-11 以来没有记录", "No entries since 2019-03-11"),
    (["--since", "2019-04"], "自 2019-04-01 以来没有记录", "No entries since 2019-04-01"),
    (["1.1", "--since", "2019-02"], "措施 1.1 自 2019-02-01 以来没有记录", "No entries for measure 1.1 since 2019-02-01"),
    (["3", "--since", "2019-03-02"], "任务 3 自 2019-03-02 以来没有记录", "No entries for task 3 since 2019-03-02"),
])
def test_history_with_nothing_listed_says_since_when_and_of_what(reg, args, zh, en):
    # (it said only 没有记录, No entries: read as an empty journal)
    for lang, said in (("zh", zh), ("en", en)):
        result = run("history", *args, "--registry", str(reg), "--lang", lang, today="2019-05-15")
        assert (result.exit_code, result.stdout, result.stderr) == (0, said + "\n", "")


def test_history_of_an_empty_journal_says_so_of_the_measure_asked_about(reg):
    (reg.parent / "progress.yaml").write_text("# journal\n", encoding="utf-8")
    for args, zh, en in ((["1.1"], "措施 1.1 没有记录", "No entries for measure 1.1"),
                         (["2"], "任务 2 没有记录", "No entries for task 2"),
                         ([], "没有记录", "No entries")):
        for lang, said in (("zh", zh), ("en", en)):
            result = run("history", *args, "--registry", str(reg), "--lang", lang)
            assert (result.exit_code, result.stdout, result.stderr) == (0, said + "\n", ""), args


def test_history_note_is_one_printable_line(reg):
    run("record", "1.1", "--state", "in_progress", "--note", "第一行\n第二行\x1b[31m", "--registry", str(reg))
    out = run("history", "1.1", "--registry", str(reg)).stdout
    assert "第一行 第二行\\x1b[31m" in out
    assert "\x1b" not in out


def test_a_note_in_windows_line_ends_is_shown_as_a_note_in_line_breaks_is(reg):
    """--note $'第一行\\r\\n第二行' (a note pasted from Windows) was shown 第一行\\x0d 第二行: its CR
    before the LF is the line end Windows writes, not a control. A CR alone still is one, shown
    \\x0d (test_injection); the note is stored as typed."""
    typed = "第一行\r\n第二行\r第三行"
    assert run("record", "1.1", "--state", "in_progress", "--note", typed, "--registry", str(reg)).exit_code == 0
    assert load_registry(reg, use_cache=False).journal[-1].note == typed
    history = run("history", "1.1", "--registry", str(reg)).stdout
    assert "  第一行 第二行\\x0d第三行" in history  # (as 第一行\n第二行 is: one line of the table)
    show = run("show", "1.1", "--registry", str(reg)).stdout.splitlines()
    at = next(i for i, line in enumerate(show) if line.startswith("2019-03-31") and line.endswith("推进中  第一行"))
    assert show[at + 1].strip() == "第二行\\x0d第三行"
    for out in (history, "\n".join(show)):
        assert "\r" not in out


@pytest.mark.parametrize("lang, said", [
    ((), "rectify: 措施 1.1 没有长期坚持的部分可供定期报告：请用 `rectify record 1.1 --state in_progress "
         "--note '第一行 第二行\\x0d第三行' -r {reg}`\n"),
    (("--lang", "en"), "rectify: 1.1 has no ongoing (长期坚持) part to report on: use `rectify record 1.1 --state "
                       "in_progress --note '第一行 第二行\\x0d第三行' -r {reg}`\n"),
], ids=["zh", "en"])
def test_a_note_in_windows_line_ends_is_shown_in_a_hint_as_history_shows_it(reg, lang, said):
    """The command a refusal names instead showed --note $'第一行\\r\\n第二行' as '第一行\\x0d 第二行',
    where history and show have the CR LF the line end it is (a space in one line); a CR alone
    is \\x0d in all three."""
    refused = run("report", "1.1", "--note", "第一行\r\n第二行\r第三行", "--registry", str(reg), *lang)
    assert (refused.exit_code, refused.stderr) == (2, said.format(reg=reg))


def test_evidence_in_windows_line_ends_is_shown_as_a_note_in_them_is(reg):
    """--evidence $'藏环发12号\\r\\n附件' was shown 藏环发12号\\x0d 附件 by history and show, where
    summary, and both for a note, have the CR LF the line end it is."""
    typed = "藏环发12号\r\n附件"
    assert run("record", "1.1", "--state", "in_progress", "--note", "施工中", "--evidence", typed,
               "--registry", str(reg)).exit_code == 0
    assert load_registry(reg, use_cache=False).journal[-1].evidence == typed
    history = run("history", "1.1", "--registry", str(reg)).stdout
    assert re.search(r"  施工中 +藏环发12号 附件\n", history), history
    show = run("show", "1.1", "--registry", str(reg)).stdout.splitlines()
    at = next(i for i, line in enumerate(show) if line.startswith("2019-03-31") and "施工中" in line)
    assert re.search(r"  施工中 +藏环发12号$", show[at]) and show[at + 1].strip() == "附件", show[at:at + 2]
    for out in (history, "\n".join(show)):
        assert "\\x0d" not in out


@pytest.mark.parametrize("columns", ["60", "100"])
def test_evidence_with_a_tab_is_shown_by_show_as_history_shows_it(reg, columns):
    """show's table expanded a tab of the evidence to the next tab stop, which its widths counted no
    cells: `证据    第二`, wrapped early, where history, and show for a note, give one space."""
    assert run("record", "1.1", "--state", "in_progress", "--note", "施工中", "--evidence", "证据\t第二",
               "--registry", str(reg)).exit_code == 0
    history = run("history", "1.1", "--registry", str(reg)).stdout
    show = CliRunner().invoke(app, ["show", "1.1", "--registry", str(reg)],
                              env={"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None, "COLUMNS": columns}).stdout
    for out in (history, show):
        assert "\t" not in out
        assert "证据 第二" in out, out


def test_history_of_an_extension_shows_its_reason_and_approving_unit_as_show_does(reg):
    result = run("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "那曲市",
                 "--date", "2019-04-01", "--registry", str(reg), today="2019-04-01")
    assert result.exit_code == 0, result.output
    out = run("history", "2.1", "--registry", str(reg), today="2019-04-01").stdout
    assert out.splitlines()[2].rstrip() == "2019-04-01  2.1     延期 → 2019-06-30              （理由：雨季；批准：那曲市）"
    out = run("history", "2.1", "--lang", "en", "--registry", str(reg), today="2019-04-01").stdout
    assert out.splitlines()[2].rstrip() == (
        "2019-04-01  2.1        extended → 2019-06-30        (reason: 雨季; approved by 那曲市)")


def test_show_gives_a_tab_in_an_extensions_reason_one_space_as_history_does(reg):
    result = run("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季\t停工", "--approved-by", "那曲市",
                 "--date", "2019-04-01", "--registry", str(reg), today="2019-04-01")
    assert result.exit_code == 0, result.output
    history = run("history", "2.1", "--registry", str(reg), today="2019-04-01").stdout
    show = run("show", "2.1", "--registry", str(reg), today="2019-04-01").stdout
    assert "（理由：雨季 停工；批准：那曲市）" in history
    assert "（延期至2019-06-30；理由：雨季 停工；批准：那曲市）" in show, show


def test_history_cuts_an_extensions_note_before_its_reason_and_unit(reg):
    result = run("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季\x1b[31m", "--approved-by", "那曲市",
                 "--note", "一二三四五六七八九十" * 5, "--date", "2019-04-01", "--registry", str(reg), today="2019-04-01")
    assert result.exit_code == 0, result.output
    row = run("history", "2.1", "--registry", str(reg), today="2019-04-01").stdout.splitlines()[2]
    assert row == "2019-04-01  2.1     延期 → 2019-06-30              一二三四五六七八九十一…（理由：雨季\\x1b[31m；批准：那曲市）"
    # A long reason keeps the note a third of the cell, and the cell its 60 cells: the reason cut, not the
    # approving unit (it read `…雨季雨季…`, 那曲市 gone).
    run("extend", "2.1", "--to", "2019-07-31", "--reason", "雨季" * 20, "--approved-by", "那曲市",
        "--note", "一二三四五六七八九十" * 5, "--date", "2019-04-02", "--registry", str(reg), today="2019-04-02")
    row = run("history", "2.1", "--registry", str(reg), today="2019-04-02").stdout.splitlines()[2]
    assert row == "2019-04-02  2.1     延期 → 2019-07-31              一二三四五六七八九…（理由：" + "雨季" * 4 + "…；批准：那曲市）"
    assert display_width(row.split("2019-07-31", 1)[1].strip()) == 60


# -------------------------------------------------------------------------- verify

def test_verify_bundled_fixture_and_after_writes(reg):
    result = run("verify", "--registry", str(FIXTURE / "tasks.yaml"))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"{FIXTURE / 'progress.yaml'}：核验 9 条记录，无误；台账哈希 "
                             "55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f\n核验：通过\n")
    english = run("verify", "--lang", "en", "--registry", str(FIXTURE / "tasks.yaml"))
    assert english.stdout == (f"{FIXTURE / 'progress.yaml'}: 9 entries checked, ok; head "
                              "55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f\nverify: ok\n")
    run("close", "1.1", "--evidence", "x", "--registry", str(reg))
    assert run("verify", "--registry", str(reg)).exit_code == 0


@pytest.mark.parametrize("lang, width, lines", [
    ("zh", 40, ["small/progress.yaml：核验 9 条记录，", "无误；台账哈希", "{head}", "核验：通过"]),
    ("zh", 80, ["small/progress.yaml：核验 9 条记录，无误；", "台账哈希 {head}", "核验：通过"]),
    ("en", 80, ["small/progress.yaml: 9 entries checked, ok;", "head {head}", "verify: ok"]),
])
def test_verify_wraps_at_the_terminals_width_never_inside_the_head(reg, monkeypatch, lang, width, lines):
    """verify's line, 115 cells, ran past the terminal's edge: wrapped between its clauses, the head
    hash (pasted into --since-head) on a line with its name where they fit one, else alone, never
    broken. To a pipe or a file, one line."""
    monkeypatch.chdir(reg.parent.parent)
    env = {"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None}
    piped = CliRunner().invoke(app, ["verify", "-r", "small/tasks.yaml", "--lang", lang], env={**env, "COLUMNS": None})
    head = re.search(r"[0-9a-f]{64}", piped.stdout).group()
    whole = {"zh": f"small/progress.yaml：核验 9 条记录，无误；台账哈希 {head}\n核验：通过\n",
             "en": f"small/progress.yaml: 9 entries checked, ok; head {head}\nverify: ok\n"}[lang]
    assert (piped.exit_code, piped.stdout) == (0, whole)
    narrow = CliRunner().invoke(app, ["verify", "-r", "small/tasks.yaml", "--lang", lang],
                                env={**env, "COLUMNS": str(width)})
    assert (narrow.exit_code, narrow.stdout.splitlines()) == (0, [line.format(head=head) for line in lines])


def test_verify_names_an_edited_note(reg):
    path = reg.parent / "progress.yaml"
    path.write_text(path.read_text().replace("围挡完成80%。", "围挡完成100%。"))
    result = run("verify", "--registry", str(reg))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"  {path}:15: 第 3 条（措施 2.1，2019-01-15）：被修改——内容与其哈希不符：本条被修改，或其前一条被删除",
        "核验：未通过——进展记录写入后被改动"]
    english = run("verify", "--lang", "en", "--registry", str(reg))
    assert english.stdout.splitlines()[1:] == [
        f"  {path}:15: entry 3 (measure 2.1, 2019-01-15): edited — its content does not match its hash: it was edited, "
        "or the entry before it was removed", "verify: FAILED — the journal was changed after it was written"]


@pytest.mark.parametrize("lang, lines", [
    ("zh", ["small/progress.yaml：核验 9 条记录，1 处问题；台账哈希", "{head}",
            "  small/progress.yaml:15: 第 3 条（措施 2.1，2019-01-15）：",
            "                          被修改——内容与其哈希不符：本条被修",  # (— one cell)
            "                          改，或其前一条被删除",
            "核验：未通过——进展记录写入后被改动"]),
    ("en", ["small/progress.yaml: 9 entries checked, 1 problem; head", "{head}",
            "  small/progress.yaml:15: entry 3 (measure 2.1, 2019-01-15):",
            "                          edited — its content does not",
            "                          match its hash: it was edited, or",
            "                          the entry before it was removed",
            "verify: FAILED —", "the journal was changed after it was written"]),
])
def test_verify_wraps_a_problem_under_its_text_at_the_terminals_width(reg, monkeypatch, lang, lines):
    """verify's problem lines ran on past the terminal's edge while its other lines were wrapped: each
    is wrapped too, its place (`path:line:`) whole, the lines after indented under its text; to a pipe,
    one line a problem. Exit 1, the chain broken."""
    monkeypatch.chdir(reg.parent.parent)
    path = reg.parent / "progress.yaml"
    path.write_text(path.read_text().replace("围挡完成80%。", "围挡完成100%。"))
    env = {"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None}
    piped = CliRunner().invoke(app, ["verify", "-r", "small/tasks.yaml", "--lang", lang], env={**env, "COLUMNS": None})
    head = re.search(r"[0-9a-f]{64}", piped.stdout).group()
    assert piped.exit_code == 1 and len(piped.stdout.splitlines()) == 3
    narrow = CliRunner().invoke(app, ["verify", "-r", "small/tasks.yaml", "--lang", lang],
                                env={**env, "COLUMNS": "60"})
    assert (narrow.exit_code, narrow.stdout.splitlines()) == (1, [line.format(head=head) for line in lines])


@pytest.mark.parametrize("lang, lines", [
    ("zh", ["核验起点 {head}：", "见第 9 条（small/progress.yaml:48），但此前的记录已被改动（见上）",
            "核验起点 {other}：进展记录中未找到——", "该月报之前的记录已被改写（修改、删除或调换），或哈希抄错",
            "核验：未通过——进展记录写入后被改动"]),
    ("en", ["since-head {head}:", "at entry 9 (small/progress.yaml:48), but the history before it was changed (see above)",
            "since-head {other}:",
            "not found in the journal — the history before that summary was rewritten (entries edited,",
            "removed or reordered), or the hash is mistyped",
            "verify: FAILED — the journal was changed after it was written"]),
])
def test_verify_wraps_its_since_head_lines_at_the_terminals_width(reg, monkeypatch, lang, lines):
    """At 100 columns the line after `台账哈希` (where the hash with its name could not go on the line
    before: the layout meant) was not the defect; the --since-head lines were, 150 to 200 cells, run past
    the edge, the terminal folding them inside a word. Wrapped between their clauses, the hash whole."""
    monkeypatch.chdir(reg.parent.parent)
    path = reg.parent / "progress.yaml"
    path.write_text(path.read_text().replace("围挡完成80%。", "围挡完成100%。"))
    other = "ab" * 32
    result = CliRunner().invoke(app, ["verify", "-r", "small/tasks.yaml", "--lang", lang, "--since-head", FIXTURE_HEAD,
                                      "--since-head", other],
                                env={"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None, "COLUMNS": "100"})
    assert result.exit_code == 1
    assert result.stdout.splitlines()[4:] == [line.format(head=FIXTURE_HEAD, other=other) for line in lines]


def test_verify_names_a_measure_or_date_that_is_not_text_as_written_not_as_python_shows_it(reg):
    """A hand-edited entry's measure or date written as a list, a mapping or a number: verify
    said ['1.10'] or {'a': 1}, Python's forms, and 3.1 of 3.10."""
    path = reg.parent / "progress.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (('- measure: "1.1"\n  date: 2018-09-30', "- measure: [1.10]\n  date: 2018-09-30"),
                     ("  date: 2019-01-15", "  date: {a: 1, b: [x, 'y, z']}"),
                     ('- measure: "2.2"', "- measure: {单位: 拉萨市}"),
                     ('- measure: "3.1"\n  date: 2019-02-01', '- measure: 3.10\n  date: [2019-02-01, ~, true]')):
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = run("verify", "--registry", str(reg))
    assert result.exit_code == 1
    edited = "：被修改——内容与其哈希不符：本条被修改，或其前一条被删除"
    assert result.stdout.splitlines()[1:5] == [
        f"  {path}:2: 第 1 条（措施 [1.10]，2018-09-30）{edited}",
        f"  {path}:15: 第 3 条（措施 2.1，{{a: 1, b: [x, \"y, z\"]}}）{edited}",
        f"  {path}:20: 第 4 条（措施 {{单位: 拉萨市}}，2019-03-01）{edited}",
        f"  {path}:25: 第 5 条（措施 3.10，[2019-02-01, null, true]）{edited}"]


def test_verify_under_github_actions_annotates_the_changed_entry_on_its_line(reg):
    """A CI job's verify said what was changed in its log only: the workflow now marks the line."""
    path = reg.parent / "progress.yaml"
    path.write_text(path.read_text().replace("围挡完成80%。", "围挡完成100%。"))
    env = {"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None, "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(reg.parent)}
    result = CliRunner().invoke(app, ["verify", "--registry", str(reg)], env=env)
    assert result.exit_code == 1
    assert result.stderr == ("::error file=progress.yaml,line=15::第 3 条（措施 2.1，2019-01-15）：被修改——内容与其哈希不符："
                             "本条被修改，或其前一条被删除\n")
    assert f"  {path}:15: 第 3 条" in result.stdout  # (the report as before)
    english = CliRunner().invoke(app, ["verify", "--lang", "en", "--registry", str(reg)], env=env)
    assert english.stderr.startswith("::error file=progress.yaml,line=15::entry 3 (measure 2.1, 2019-01-15): edited")
    assert run("verify", "--registry", str(reg)).stderr == ""  # (outside GitHub Actions: no annotation)


def test_verify_of_a_journal_cut_short_in_a_hash_names_the_hash_and_gives_the_last_whole_one_as_head(reg):
    """A copy cut short inside the last entry's hash: verify said that entry was edited and gave the
    cut hash as the journal's head (`台账哈希 55d6337076b2`), which --since-head refuses."""
    path = reg.parent / "progress.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.rindex("55d6337076b2") + 12], encoding="utf-8")
    result = run("verify", "--registry", str(reg))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}：核验 9 条记录，1 处问题；台账哈希 beceb83049c8546b2c52627fdcdc1451ff52c1bcb8866f9abaced1e1ec702da3\n"
        f"  {path}:48: 第 9 条（措施 4.2，2019-03-10）：哈希格式错误——应为 64 位小写十六进制数字：文件是否被截断，或哈希被改动？\n"
        "核验：未通过——进展记录写入后被改动\n")
    english = run("verify", "--registry", str(reg), "--lang", "en")
    assert english.stdout.splitlines()[1:] == [
        f"  {path}:48: entry 9 (measure 4.2, 2019-03-10): malformed hash — expected 64 lowercase hex digits: "
        "was the file cut short, or the hash changed?", "verify: FAILED — the journal was changed after it was written"]
    assert english.stdout.splitlines()[0].endswith("head beceb83049c8546b2c52627fdcdc1451ff52c1bcb8866f9abaced1e1ec702da3")


def test_verify_of_a_journal_cut_short_inside_its_last_entry_says_so_not_that_it_was_written_by_hand(reg):
    """A copy cut short in the last entry's reason left an entry without its hash: verify said
    it was written by hand or by an old version, when the file ends in the middle of a line."""
    path = reg.parent / "progress.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.rindex("高海拔冬季") + 3], encoding="utf-8")
    result = run("verify", "--registry", str(reg))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"  {path}:48: 第 9 条（措施 4.2，2019-03-10）：无哈希，且文件在这一条的一行中间结束：文件是否被截断？请从备份恢复",
        "核验：未通过——进展记录写入后被改动"]
    english = run("verify", "--registry", str(reg), "--lang", "en")
    assert english.stdout.splitlines()[1] == (
        f"  {path}:48: entry 9 (measure 4.2, 2019-03-10): unhashed, and the file ends in the middle of one of its "
        "lines: was the file cut short? Restore it from a copy")
    # (an entry typed by hand, its last line ended, is said to be one)
    path.write_text(text[:text.rindex("  hash: ")], encoding="utf-8")
    assert "无哈希——手工写入或由旧版本写入" in run("verify", "--registry", str(reg)).stdout


@pytest.mark.parametrize("text, found", [('measure: "2.1"\ndate: 2019-03-31\n', "映射"), ("hello\n", "文字“hello”")])
def test_verify_refuses_a_journal_that_is_no_list_of_entries(reg, text, found):
    """It said 核验 0 条记录，无误 and passed (exit 0) a journal the loader refuses whole."""
    (reg.parent / "progress.yaml").write_text(text, encoding="utf-8")
    result = run("verify", "--registry", str(reg))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"rectify: {reg.parent / 'progress.yaml'}:1:1: 进展记录：应为记录的列表（- measure: …），"
                             f"实为{found}\n")
    assert run("validate", str(reg)).stderr == result.stderr


def test_verify_without_a_journal_says_no_entries_yet_not_no_ledger(reg):
    """It said progress.yaml：尚无台账 of a ledger whose plan is there, only its journal not yet."""
    (reg.parent / "progress.yaml").unlink()
    result = run("verify", "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (0, "")
    journal = reg.parent / "progress.yaml"
    assert result.stdout.splitlines()[0] == f"{journal}：尚无进展记录（无可核验）"
    english = run("verify", "--registry", str(reg), "--lang", "en")
    assert english.stdout.splitlines()[0] == f"{journal}: no journal yet (nothing to verify)"


def test_verify_since_head(reg):
    head = "55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f"
    run("close", "1.1", "--evidence", "x", "--registry", str(reg))
    ok = run("verify", "--since-head", head, "--registry", str(reg))
    assert ok.exit_code == 0, ok.output
    assert f"核验起点 {head}：见第 9 条（{reg.parent / 'progress.yaml'}:48），此前的记录未被改动\n" in ok.stdout
    fake = run("verify", "--lang", "en", "--since-head", head, "--since-head", "ab" * 32, "--registry", str(reg))
    assert fake.exit_code == 1
    assert fake.stdout.splitlines()[1:] == [
        f"since-head {head}: found at entry 9 ({reg.parent / 'progress.yaml'}:48); the history up to it is unchanged",
        # (led by since-head, as the line above and the Chinese 核验起点 of both are: not "head")
        f"since-head {'ab' * 32}: not found in the journal — the history before that summary was rewritten (entries "
        "edited, removed or reordered), or the hash is mistyped",
        "verify: FAILED — the journal was changed after it was written"]
    path = reg.parent / "progress.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("围挡完成80%。", "围挡完成100%。"), encoding="utf-8")
    changed = run("verify", "--since-head", head, "--registry", str(reg))
    assert changed.exit_code == 1
    assert f"核验起点 {head}：见第 9 条（{path}:48），但此前的记录已被改动（见上）\n" in changed.stdout


def test_verify_says_in_chinese_it_is_the_journal_that_was_changed(reg):
    """Verify checks the journal (进展记录), not the plan (台账): it said 接在台账开头, 台账中未找到,
    台账写入后被改动. (台账哈希 stays: the summary prints it under that name.)"""
    path = reg.parent / "progress.yaml"
    text = path.read_text(encoding="utf-8")
    first, second = text.index("\n- ") + 1, text.index("\n- measure: \"2.1\"") + 1
    second_entry = text.index("\n- ", first + 1) + 1
    path.write_text(text[:first] + text[second_entry:second] + text[first:second_entry] + text[second:], encoding="utf-8")
    result = run("verify", "--since-head", "ab" * 32, "--registry", str(reg))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[2] == f"  {path}:9: 第 2 条（措施 1.1，2018-09-30）：被删除或调换——内容与哈希相符，但接在进展记录开头，而非前一条之后"
    assert lines[-3:] == [f"核验起点 {'ab' * 32}：进展记录中未找到——该月报之前的记录已被改写（修改、删除或调换），或哈希抄错",
                          f"核验起点：所给的台账哈希都不在 {path} 中，其末尾若有记录被删去，无法发现",
                          "核验：未通过——进展记录写入后被改动"]


def test_verify_since_a_head_not_in_the_journal_does_not_say_none_was_given(reg):
    """`verify --since-head H` where H is in no journal said "no --since-head given for progress.yaml"
    under "H not found": one was given, it is in none of them."""
    journal_file = reg.parent / "progress.yaml"
    for lang, said in (("zh", f"核验起点：所给的台账哈希都不在 {journal_file} 中，其末尾若有记录被删去，无法发现"),
                       ("en", f"none of the --since-head hashes given is in {journal_file}: entries removed from its "
                              "end would go unseen")):
        result = run("verify", "--lang", lang, "--since-head", "ab" * 32, "--registry", str(reg))
        assert result.exit_code == 1
        assert result.stdout.splitlines()[-2] == said
        assert "未给出" not in result.stdout and "given for" not in result.stdout


@pytest.mark.parametrize("mistyped", ["55d6337076b2", "55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f0",
                                      "台账哈希 55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f"])
def test_verify_since_a_mistyped_head_is_no_alarm(reg, mistyped):
    """A hash cut short or pasted with its label is a mistake of the command line (exit 2),
    not a journal that was tampered with (exit 1, "FAILED")."""
    result = run("verify", "--since-head", mistyped, "--registry", str(reg), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == ("rectify: --since-head: expected a head hash of 64 hex digits, as `rectify summary` "
                             f"prints it; got {mistyped!r}\n")
    assert run("verify", "--since-head", mistyped, "--registry", str(reg)).stderr == (
        f"rectify: --since-head：应为 64 位十六进制的台账哈希，即 `rectify summary` 所打印的；输入的是“{mistyped}”\n")
    assert result.stdout == ""
    upper = run("verify", "--since-head", "55D6337076B23D5F2D673CB01CBA572E938EC313BC8C925C79E95325EB2FDB2F",
                "--registry", str(reg))
    assert upper.exit_code == 0, upper.output


# -------------------------------------------------------------------------- verify --since-summary

FIXTURE_HEAD = "55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f"


def _summary_file(reg: Path, tmp_path: Path, *args: str, name: str = "march.txt", encoding: str = "utf-8") -> Path:
    """`rectify summary --month 2019-03` of `reg` saved as `name` in `encoding`, as a clerk keeps it."""
    made = run("summary", "--month", "2019-03", "--registry", str(reg), *args)
    assert made.exit_code == 0, made.output
    saved = tmp_path / name
    saved.write_bytes(made.stdout.encode(encoding))
    return saved


def test_verify_since_summary_checks_the_head_the_summary_printed(reg, tmp_path):
    """Next month's proof from this month's summary as saved: no head typed out of it."""
    saved = _summary_file(reg, tmp_path)
    run("close", "1.1", "--evidence", "x", "--registry", str(reg))
    path = reg.parent / "progress.yaml"
    ok = run("verify", "--since-summary", str(saved), "--registry", str(reg))
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.splitlines()[1:] == [f"核验起点 {FIXTURE_HEAD}：见第 9 条（{path}:48），此前的记录未被改动", "核验：通过"]
    # (the same as the head given by hand)
    assert ok.stdout == run("verify", "--since-head", FIXTURE_HEAD, "--registry", str(reg)).stdout
    path.write_text(path.read_text(encoding="utf-8").replace("围挡完成80%。", "围挡完成100%。"), encoding="utf-8")
    changed = run("verify", "--since-summary", str(saved), "--registry", str(reg))
    assert changed.exit_code == 1
    assert changed.stdout.splitlines()[1:] == [
        f"  {path}:15: 第 3 条（措施 2.1，2019-01-15）：被修改——内容与其哈希不符：本条被修改，或其前一条被删除",
        f"核验起点 {FIXTURE_HEAD}：见第 9 条（{path}:48），但此前的记录已被改动（见上）",
        "核验：未通过——进展记录写入后被改动"]


def test_verify_since_summary_of_a_journal_whose_last_entries_were_removed_fails(reg, tmp_path):
    saved = _summary_file(reg, tmp_path)
    path = reg.parent / "progress.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.rindex("\n- ") + 1], encoding="utf-8")  # (the last entry gone: a chain still whole)
    assert run("verify", "--registry", str(reg)).exit_code == 0
    result = run("verify", "--since-summary", str(saved), "--registry", str(reg), "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"since-head {FIXTURE_HEAD}: not found in the journal — the history before that summary was rewritten "
        "(entries edited, removed or reordered), or the hash is mistyped",
        f"none of the --since-head hashes given is in {path}: entries removed from its end would go unseen",
        "verify: FAILED — the journal was changed after it was written"]


@pytest.mark.parametrize("lang, encoding", [("zh", "gbk"), ("zh", "gb18030"), ("zh", "utf-8-sig"), ("zh", "utf-16"),
                                            ("en", "utf-8"), ("en", "utf-16")])
def test_verify_since_summary_reads_a_summary_in_either_language_as_import_reads_a_report(reg, tmp_path, lang, encoding):
    """Saved by Notepad or WPS on a Chinese Windows (GBK, UTF-16 with its mark) or in English."""
    saved = _summary_file(reg, tmp_path, "--lang", lang, encoding=encoding)
    if encoding == "gbk":
        assert saved.read_bytes().decode("gbk") and b"\xcc\xa8\xd5\xcb" in saved.read_bytes()  # (台账 in GBK)
    result = run("verify", "--since-summary", str(saved), "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (f"核验起点 {FIXTURE_HEAD}：见第 9 条（{reg.parent / 'progress.yaml'}:48），"
                                             "此前的记录未被改动")


def test_verify_since_summary_from_standard_input(reg, tmp_path):
    text = _summary_file(reg, tmp_path).read_bytes()
    result = CliRunner().invoke(app, ["verify", "--since-summary", "-", "--registry", str(reg), "--lang", "en"], input=text,
                                env={"RECTIFY_TODAY": TODAY, "RECTIFY_REGISTRY": None})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (f"since-head {FIXTURE_HEAD}: found at entry 9 "
                                             f"({reg.parent / 'progress.yaml'}:48); the history up to it is unchanged")


def test_verify_since_summary_takes_the_head_line_only_not_a_hash_quoted_in_the_summary(reg, tmp_path):
    """A retraction's reason quoting the entry's hash is in the summary, whole, under its table: no head."""
    retracted = run("retract", "4.2", "--reason", f"误录，见 {FIXTURE_HEAD}", "--registry", str(reg))
    assert retracted.exit_code == 0, retracted.output
    saved = _summary_file(reg, tmp_path)
    text = saved.read_text(encoding="utf-8")
    assert f"误录，见 {FIXTURE_HEAD}。" in text
    head = re.fullmatch(r"台账哈希（截至本月）：([0-9a-f]{64})", text.splitlines()[-1]).group(1)
    assert head != FIXTURE_HEAD
    result = run("verify", "--since-summary", str(saved), "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        f"核验起点 {head}：见第 10 条（{reg.parent / 'progress.yaml'}:57），此前的记录未被改动", "核验：通过"]


def test_verify_since_summary_with_since_head_checks_both(reg, tmp_path):
    saved = _summary_file(reg, tmp_path)
    result = run("verify", "--since-head", "ab" * 32, "--since-summary", str(saved), "--registry", str(reg), "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:3] == [
        f"since-head {'ab' * 32}: not found in the journal — the history before that summary was rewritten (entries "
        "edited, removed or reordered), or the hash is mistyped",
        f"since-head {FIXTURE_HEAD}: found at entry 9 ({reg.parent / 'progress.yaml'}:48); the history up to it is unchanged"]


def test_verify_since_a_summary_of_a_month_before_any_entry_checks_no_head(reg, tmp_path):
    """台账哈希（截至本月）：无 — nothing written by then, nothing to vouch for: verify as without it."""
    made = run("summary", "--month", "2018-01", "--registry", str(reg))
    assert made.stdout.splitlines()[-1] == "台账哈希（截至本月）：无"
    saved = tmp_path / "january.txt"
    saved.write_text(made.stdout, encoding="utf-8")
    result = run("verify", "--since-summary", str(saved), "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == run("verify", "--registry", str(reg)).stdout


def test_verify_since_summary_refuses_a_file_with_no_head_line(reg, tmp_path):
    saved = tmp_path / "notes.txt"
    saved.write_text(f"三月月报见附件。\n哈希：{FIXTURE_HEAD}\n", encoding="utf-8")
    for lang, said in (
            ("zh", f"rectify: {saved}: 没有台账哈希行，不像是 `rectify summary` 的月报：应有形如"
                   "“台账哈希（截至本月）：<64 位十六进制数字>”的一行（文件夹的月报每个进展记录文件一行，文件名在哈希之后）\n"),
            ("en", f"rectify: {saved}: no head line — is it not a summary by `rectify summary`? Expected a line such as "
                   "'Journal head hash (as of this month): <64 hex digits>' (in a folder's summary, one per journal, "
                   "its file named after the hash)\n")):
        result = run("verify", "--since-summary", str(saved), "--registry", str(reg), "--lang", lang)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


def test_verify_since_summary_refuses_a_head_line_cut_short_naming_its_line(reg, tmp_path):
    saved = _summary_file(reg, tmp_path)
    lines = saved.read_text(encoding="utf-8").splitlines()
    number = len(lines)  # (the head line is the last)
    saved.write_text("\n".join(lines[:-1] + ["台账哈希（截至本月）：55d6337076b2"]) + "\n", encoding="utf-8")
    for lang, said in (
            ("zh", f"rectify: {saved}:{number}: 台账哈希应为 64 位十六进制数字，此行的是“55d6337076b2”：复制时被截断？\n"),
            ("en", f"rectify: {saved}:{number}: a head hash is 64 hex digits, this line's is '55d6337076b2': "
                   "cut short in the copy?\n")):
        result = run("verify", "--since-summary", str(saved), "--registry", str(reg), "--lang", lang)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


def test_verify_since_summary_refuses_a_file_it_cannot_read(reg, tmp_path):
    missing = tmp_path / "april.txt"
    for lang, said in (("zh", f"rectify: {missing}: 文件不存在\n"),
                       ("en", f"rectify: {missing}: no such file\n")):
        result = run("verify", "--since-summary", str(missing), "--registry", str(reg), "--lang", lang)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)



@pytest.mark.parametrize("name, content, lang, said", [
    # (the summary named as one, not as import's report; what to do then said for verify, not "import that")
    ("march", None, "zh", "是文件夹，应为月报文字"),
    ("march", None, "en", "is a folder, expected the summary's text"),
    ("march.txt", b"\xff\xfe\xff\xff\x00\xd8", "zh", "1:2: 文件在一个字符的中间结束（第 5 个字节）：是否被截断？请提供完整的月报"),
    ("march.txt", "台账哈希".encode() + b"\xff\xff\xff\n", "en",
     "1:13: cannot decode the summary: invalid UTF-8 at byte 13 (0xff) and invalid GB18030 at byte 13; save the file as UTF-8"),
    ("march.docx", b"PK\x03\x04", "zh", "是办公软件（Word、WPS…）的文档，不是文字：请在其中另存为纯文本（.txt，UTF-8 编码）再用 --since-summary 核验"),
    ("march.pdf", b"%PDF-1.7\n", "en", "is a PDF, not text: extract its text first (pdftotext report.pdf report.txt, or copy it "
                                        "all from a PDF viewer into a .txt file) and give that to --since-summary"),
    ("march.png", b"\x89PNG\r\n\x1a\n", "zh", "不是文字文件（是图片、压缩包等）：请提供月报文字（.txt 文件）"),
])
def test_verify_since_summary_refuses_a_file_of_another_kind_as_a_summary(reg, tmp_path, name, content, lang, said):
    path = tmp_path / name
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    result = run("verify", "--since-summary", str(path), "--registry", str(reg), "--lang", lang)
    sep = "" if said[0].isdigit() else " "
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {path}:{sep}{said}\n")


def test_write_confirmation_in_english(reg):
    result = run("close", "1.1", "--evidence", "验收报告", "--lang", "en", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Recorded 1.1 2019-03-31 closed — as of 2019-03-31: closed\n")
    assert "  ! closed late: 90 days after its deadline 2018-12-31\n" in result.stdout


@pytest.mark.parametrize("lang, notice", [
    ("zh", "  ! 措施 1.2 已销号，这条进展不改变其状态；回头看发现问题，请用 rectify reopen 重新打开\n"),
    ("en", "  ! 1.2 is closed, and this entry leaves it so; if a follow-up inspection (回头看) found a problem, use "
           "`rectify reopen`\n"),
])
def test_progress_recorded_on_a_closed_measure_says_it_stays_closed(reg, lang, notice):
    # (it was recorded without a word, and the clerk who meant the work is under way again saw 已销号 still)
    result = run("record", "1.2", "--state", "in_progress", "--note", "整改回潮，正在处理", "--lang", lang,
                 "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert notice in result.stdout
    assert run("show", "1.2", "--format", "json", "--registry", str(reg)).stdout.count('"status": "done"') >= 1


def test_a_long_history_is_laid_out_as_tabulate_lays_it_out(reg, monkeypatch):
    """A long history (a national journal's 200,000 entries) is laid out row by row, not by
    tabulate: the same text."""
    from rectify_cli.render import summary_text

    for day in range(1, 9):
        for measure in ("2.2", "3.2"):
            result = run("report", measure, "--note", f"第{day}次报告：进展{'正常' * (day % 4)}", "--date",
                         f"2019-02-{day:02d}", "-r", str(reg))
            assert result.exit_code == 0, result.output
    monkeypatch.setattr(summary_text, "FAST_ROWS", 10**9)
    by_tabulate = run("history", "-r", str(reg)).stdout
    monkeypatch.setattr(summary_text, "FAST_ROWS", 0)
    assert run("history", "-r", str(reg)).stdout == by_tabulate
    assert by_tabulate.count("\n") == 2 + 9 + 16


# -------------------------------------------------------------------------- folder registries

@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """Two plan files: xz (the bundled ledger, 1.1 to 45.x) and sm (the small fixture, 1.1 to 4.2)."""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "folder"
    root.mkdir()
    data = Path(__file__).parent.parent / "data"
    for stem, source in (("xz", data), ("sm", FIXTURE)):
        shutil.copy(source / "tasks.yaml", root / f"{stem}.yaml")
        shutil.copy(source / "progress.yaml", root / f"{stem}.progress.yaml")
    return root


def test_a_measure_only_one_file_has_is_found_without_its_file(folder):
    """As `show` and `history` find it: 35.2 is only in xz.yaml."""
    before = (folder / "sm.progress.yaml").read_bytes()
    result = run("record", "35.2", "--state", "in_progress", "--note", "专班成立", "--registry", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"已记录 xz:35.2 {TODAY} 推进中 — ")  # (named as show and history name it)
    assert (folder / "xz.progress.yaml").read_text(encoding="utf-8").endswith(
        f'- measure: "35.2"\n  date: {TODAY}\n  state: in_progress\n  note: 专班成立\n'
        f"  hash: {result.stdout.split('台账哈希 ')[1].split()[0]}\n")
    assert (folder / "sm.progress.yaml").read_bytes() == before


@pytest.mark.parametrize("measure, message", [
    ("1.1", "'1.1' is in several files of the folder (sm:1.1, xz:1.1): name the one you mean with its file"),
    ("nosuch:1.1", "{folder} is a folder registry with no plan file 'nosuch' (its files: sm, xz); got 'nosuch:1.1'"),
    ("99.9", "no measure '99.9' in the plan (tasks are sm:1 to sm:4, xz:1 to xz:45)"),
])
def test_a_measure_a_folder_cannot_place_is_refused(folder, measure, message):
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("record", measure, "--state", "in_progress", "--note", "x", "--registry", str(folder), "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"rectify: {message.format(folder=folder)}\n")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.parametrize("since", ["2019-03", "2019年3月", "2019-03-01"])
def test_history_since_a_month_starts_on_its_first_day(reg, since):
    """(`--as-of 2019-03` is the end of March; `--since 2019-03` its start.)"""
    result = run("history", "--since", since, "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == ["2019-03-10", "2019-03-01"]


@pytest.mark.parametrize("command", ["show", "history"])
def test_an_id_several_files_have_is_named_so_by_show_and_history(folder, command):
    result = run(command, "1.1", "--registry", str(folder), "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2, "rectify: '1.1' is in several files of the folder (sm:1.1, xz:1.1): name the one you mean with its file\n")
    assert run(command, "1.1", "--registry", str(folder)).stderr == (
        "rectify: 文件夹中有多个文件含“1.1”（sm:1.1、xz:1.1）：请连同文件名指明所指的一项\n")
    assert run(command, "35.2", "--registry", str(folder)).exit_code == 0  # (only xz has it)


def test_a_folder_checks_an_entrys_date_against_its_own_files_feedback_date(folder):
    """sm's inspection fed back on 2018-03-01, xz's on 2018-01-03: a February entry fits only xz."""
    plan = folder / "sm.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("feedback_date: 2018-01-03", "feedback_date: 2018-03-01"),
                    encoding="utf-8")
    refused = run("record", "sm:1.1", "--state", "in_progress", "--note", "x", "--date", "2018-02-01", "--registry", str(folder),
                  "--lang", "en")
    assert (refused.exit_code, refused.stderr) == (
        2, "rectify: --date: 2018-02-01 is before the inspection's feedback (2018-03-01), when the problems were handed over\n")
    accepted = run("record", "xz:35.2", "--state", "in_progress", "--note", "x", "--date", "2018-02-01", "--registry", str(folder))
    assert accepted.exit_code == 0, accepted.output



# -------------------------------------------------------------------------- one step of several

def with_third_step(reg: Path) -> Path:
    """4.2 with a third dated step, 复核 by 2020-06-30: as of 2019-03-31 the 验收 step (2019-06-30,
    extended to 2019-12-31) and this one are pending."""
    plan = reg.read_text(encoding="utf-8")
    step = "          - {kind: date, due: 2019-06-30, label: 验收}\n"
    assert step in plan
    reg.write_text(plan.replace(step, step + "          - {kind: date, due: 2020-06-30, label: 复核}\n", 1), encoding="utf-8")
    return reg


def test_close_with_milestone_closes_that_step_only(reg):
    with_third_step(reg)
    result = run("close", "4.2", "--milestone", "2019-06-30", "--evidence", "验收报告", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    last = journal_bytes(reg).decode().rsplit("\n- ", 1)[1]
    assert last.startswith('measure: "4.2"\n') and "\n  state: done\n" in last and "\n  milestone: 2019-06-30\n" in last
    measure = measure_json(reg, "4.2", "2019-03-31")
    assert (measure["status"], measure["next_due"]) == ("on_track", "2020-06-30")
    assert [m["done"] for m in measure["milestones"]] == [True, True, False]
    # (each listing says which step: a bare "销号" stood above a measure still open)
    assert result.stdout.startswith(f"已记录 4.2 {TODAY} 销号（2019-06-30到期的一步） — ")
    history = run("history", "4.2", "--registry", str(reg)).stdout.splitlines()
    assert history[2].split()[:3] == [TODAY, "4.2", "销号（2019-06-30到期的一步）"]
    english = run("history", "4.2", "--registry", str(reg), "--lang", "en").stdout.splitlines()
    assert " closed (step due 2019-06-30) " in english[2]


def test_extend_with_milestone_moves_that_step_not_the_earliest(reg):
    with_third_step(reg)
    result = run("extend", "4.2", "--milestone", "2020-06-30", "--to", "2020-12-31", "--reason", "冬季停工",
                 "--approved-by", "自治区生态环境厅", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    measure = measure_json(reg, "4.2", "2019-03-31")
    assert [(m["original_due"], m["due"]) for m in measure["milestones"]] == [
        ("2018-10-31", "2018-10-31"), ("2019-06-30", "2019-12-31"), ("2020-06-30", "2020-12-31")]


@pytest.mark.parametrize("args, message", [
    (("close", "4.2", "--milestone", "2018-10-31", "--evidence", "x"),
     "4.2's step due 2018-10-31 is already closed as of 2019-03-31; reopen it first if it must be closed again"),
    (("close", "4.2", "--milestone", "2019-01-01", "--evidence", "x"),
     "--milestone 2019-01-01 is not a deadline of 4.2 (its deadlines: 2018-10-31, 2019-06-30)"),
    (("close", "4.2", "--milestone", "soon", "--evidence", "x"),
     "--milestone: not a date: 'soon' (use 2019-03-31, 2019/3/31, 2019-03 (end of month) or 2019年3月31日)"),
    (("extend", "4.2", "--milestone", "2018-10-31", "--to", "2020-01-01", "--reason", "r", "--approved-by", "那曲市"),
     "4.2 has no pending deadline 2018-10-31 as of 2019-03-31: nothing to extend"),
])
def test_a_milestone_that_cannot_be_closed_or_moved_is_refused(reg, args, message):
    before = journal_bytes(reg)
    result = run(*args, "--registry", str(reg), "--lang", "en")
    assert (result.exit_code, journal_bytes(reg)) == (2, before), result.output
    assert (result.stdout, result.stderr) == ("", f"rectify: {message}\n")


@pytest.mark.parametrize("lang, notice", [
    ("zh", "  ! 一并销号了全部2个未完成的期限（2019-06-30、2020-06-30）；只销其中一个，用 --milestone 日期\n"),
    ("en", "  ! closed all 2 pending steps (2019-06-30, 2020-06-30); --milestone DATE closes one\n"),
])
def test_a_close_of_several_pending_steps_says_so(reg, lang, notice):
    with_third_step(reg)
    result = run("close", "4.2", "--evidence", "验收报告", "--lang", lang, "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert notice in result.stdout
    one = run("reopen", "4.2", "--note", "回头看", "--registry", str(reg), today="2019-04-01")
    assert one.exit_code == 0, one.output
    named = run("close", "4.2", "--milestone", "2019-06-30", "--evidence", "x", "--registry", str(reg), today="2019-04-01")
    assert named.exit_code == 0 and "--milestone" not in named.stdout


def test_an_extension_one_day_late_is_refused_saying_one_day(reg):
    before = journal_bytes(reg)
    refused = run("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "那曲市",
                  "--date", "2019-04-16", "--registry", str(reg), "--lang", "en", today="2019-04-16")
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        2, "", "rectify: extension of 2.1 requested on 2019-04-16, after the deadline it moves (2019-04-15, 1 day late): "
               "an extension must be approved before the deadline; use --late to record it anyway, flagged as late\n")
    assert journal_bytes(reg) == before
    # (on the deadline day itself it is not late: written)
    on_the_day = run("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "那曲市",
                     "--date", "2019-04-15", "--registry", str(reg), "--lang", "en", today="2019-04-15")
    assert (on_the_day.exit_code, on_the_day.stderr) == (0, "")
    assert on_the_day.stdout.splitlines()[0] == \
        "Recorded 2.1 2019-04-15 extended → 2019-06-30 — as of 2019-04-15: on track, next due 2019-06-30"


def test_an_entry_written_after_its_deadline_but_dated_before_it_is_said_to_be_so(reg):
    """An extension of 2.1 (due 2019-04-15) written on 2019-05-20 but dated 2019-04-10 was taken
    as on time without a word, and changed April's summary, filed before it was written."""
    result = run("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "那曲市",
                 "--date", "2019-04-10", "--registry", str(reg), today="2019-05-20")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:3] == [
        "  ! 所填日期 2019-04-10 不晚于期限 2019-04-15，计为按期，但记录时期限已过35天，请核实日期",
        "  ! 补录到已结束的2019年4月：该月及以后各月的月报随之改变（已报送的不会）",
    ]
    english = run("close", "2.1", "--evidence", "验收", "--date", "2019-05-02", "--registry", str(reg), "--lang", "en",
                  today="2019-07-03")
    assert english.stdout.splitlines()[1:3] == [
        # (it said "written 3 days after the deadline 2019-06-30: on time by its date 2019-05-02": on
        # time, late, or on time by what)
        "  ! dated 2019-05-02, on or before the deadline 2019-06-30, so it counts as on time, though written 3 days "
        "after the deadline; make sure that date is true",
        "  ! dated in 2019-05, a month already over: the summaries of 2019-05 and later months change; those already "
        "filed do not",
    ]


def test_an_entry_of_this_month_written_by_its_deadline_gets_no_such_notice(reg):
    result = run("close", "2.1", "--evidence", "验收", "--date", "2019-04-12", "--registry", str(reg), today="2019-04-15")
    assert result.exit_code == 0, result.output
    assert "!" not in result.stdout


@pytest.mark.parametrize("item, said", [
    ("a\\b", "'a\\b' (tasks are 1 to 4)"),  # (history doubled the backslash: Python's repr)
    ("4.9", "'4.9' (did you mean 4.2, 4.1?)"),
    ("\x1b[31m1.9", "'\\x1b[31m1.9' (tasks are 1 to 4)"),  # (the escape shown, never obeyed)
])
def test_show_and_history_say_an_unknown_id_alike_and_literally(reg, item, said):
    for command in ("show", "history"):
        result = run(command, item, "--registry", str(reg), "--lang", "en")
        assert (result.exit_code, result.stderr) == (2, f"rectify: no task or measure {said}\n"), command


def test_history_and_show_say_when_a_back_dated_entry_was_written(reg):
    assert run("record", "2.1", "--state", "in_progress", "--note", "补记", "--date", "2019-03-20",
               "--registry", str(reg)).exit_code == 0
    history = run("history", "2.1", "--registry", str(reg)).stdout.splitlines()
    assert history[2].split()[:3] == ["2019-03-20", "2.1", "推进中（2019-03-31补录）"]
    assert "in progress (written 2019-03-31)" in run("history", "2.1", "--registry", str(reg), "--lang", "en").stdout
    assert "补记（2019-03-31补录）" in run("show", "2.1", "--registry", str(reg)).stdout


def test_an_alias_two_files_give_two_units_names_the_files_own_else_is_refused_not_guessed(folder):
    """发展改革委 is xz's alias of 自治区发展改革委 and sm's of 自治区住房城乡建设厅 (a unit both files
    declare). In xz's journal it names xz's own unit, as the loader reads `by: 发展改革委` there (the
    command refused it); in qh, which declares both units and gives neither that alias, it names
    none of them, and is refused (it once wrote one of them by file order, hash-chained for good)."""
    plan = folder / "sm.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "  - name: 自治区住房城乡建设厅\n", "  - name: 自治区住房城乡建设厅\n    aliases: [发展改革委]\n", 1), encoding="utf-8")
    written = run("extend", "xz:33.1", "--to", "2019-12-31", "--reason", "资金未到位", "--approved-by", "发展改革委",
                  "--by", "发展改革委", "--registry", str(folder))
    assert written.exit_code == 0, written.stderr
    assert "  by: 自治区发展改革委\n  milestone: 2019-06-30\n  to: 2019-12-31\n  reason: 资金未到位\n" \
           "  approved_by: 自治区发展改革委\n" in (folder / "xz.progress.yaml").read_text(encoding="utf-8")
    assert run("validate", str(folder), "--no-cache").exit_code == 0
    (folder / "qh.yaml").write_text((FIXTURE / "tasks.yaml").read_text(encoding="utf-8").replace(
        "\nunits:\n", "\nunits:\n  - name: 自治区发展改革委\n", 1), encoding="utf-8")
    for option in ("--approved-by", "--by"):
        args = ["--approved-by", "自治区发展改革委", option, "发展改革委"] if option == "--by" else [option, "发展改革委"]
        refused = run("extend", "qh:2.1", "--to", "2019-06-30", "--reason", "雨季", *args, "--registry", str(folder))
        assert (refused.exit_code, refused.stdout) == (2, "")
        assert refused.stderr == (f"rectify: {option}：“发展改革委”是 2 个单位（自治区发展改革委、自治区住房城乡建设厅）的别名，"
                                  "分别由不同的方案文件声明：请写明单位名称\n")
        assert not (folder / "qh.progress.yaml").exists()
    written = run("extend", "qh:2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "自治区发展改革委",
                  "--registry", str(folder))
    assert written.exit_code == 0, written.stderr


# -------------------------------------------------------------------------- retract (撤回误录)

def entry_hash(reg: Path, measure: str, state: str) -> str:
    return next(e.hash for e in load_registry(reg, use_cache=False).journal if e.measure == measure and e.state.value == state)


def test_a_retracted_close_makes_the_measure_overdue_again_from_the_retractions_date(reg):
    """A close recorded on the wrong measure: from the retraction's date on it never happened
    (status, check: exit 1), before it it still counts (a month's summary already sent)."""
    assert run("close", "1.1", "--evidence", "验收", "--date", "2019-03-01", "--registry", str(reg)).exit_code == 0
    close = entry_hash(reg, "1.1", "done")
    result = run("retract", "1.1", "--reason", "误记：应为1.2", "--date", "2019-03-20", "--by", "拉萨市", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已记录 1.1 2019-03-20 撤回误录（撤回 2019-03-01 销号） — 截至 2019-03-31：逾期90天（期限 2018-12-31）\n")
    assert journal_bytes(reg).decode().endswith(
        f'- measure: "1.1"\n  date: 2019-03-20\n  state: retracted\n  retracts: {close}\n  note: 误记：应为1.2\n'
        f"  by: 拉萨市\n  recorded: 2019-03-31\n  hash: {entry_hash(reg, '1.1', 'retracted')}\n")
    for as_of, state in (("2019-03-19", ("done", 0)), ("2019-03-20", ("overdue", 79))):
        doc = json.loads(run("status", "--registry", str(reg), "--as-of", as_of, "--format", "json").stdout)
        m = next(m for t in doc["tasks"] for m in t["measures"] if m["id"] == "1.1")
        assert (m["status"], m["days_overdue"]) == state, as_of
    assert run("check", "--registry", str(reg), "--as-of", "2019-03-19").exit_code == 0
    assert run("check", "--registry", str(reg)).exit_code == 1
    assert run("verify", "--registry", str(reg)).exit_code == 0


def test_retract_takes_the_latest_entry_that_counts_or_the_one_entry_names(reg):
    run("record", "2.2", "--state", "report", "--note", "二季度", "--date", "2019-03-10", "--registry", str(reg))
    assert run("retract", "2.2", "--reason", "误记", "--registry", str(reg)).stdout.startswith(
        "已记录 2.2 2019-03-31 撤回误录（撤回 2019-03-10 定期报告）")
    assert run("retract", "2.2", "--reason", "误记", "--entry", "2019-03-01", "--registry", str(reg)).stdout.startswith(
        "已记录 2.2 2019-03-31 撤回误录（撤回 2019-03-01 定期报告）")
    report = entry_hash(reg, "1.2", "done")
    english = run("retract", "1.2", "--reason", "wrong", "--entry", report[:7].upper(), "--registry", str(reg), "--lang", "en")
    assert english.stdout.startswith("Recorded 1.2 2019-03-31 retracted (2018-06-20 closure) — as of 2019-03-31: "
                                     "274 days overdue (due 2018-06-30)\n")


def test_retract_takes_a_hash_prefix_typed_in_full_width(reg):
    """A Chinese input method in full-width mode types ０８ａ９ｆ…: it was "neither a day nor the
    start of an entry's hash", while the id and a date so typed are read as half width."""
    close = entry_hash(reg, "1.2", "done")
    typed = "".join(chr(ord(c) + 0xFEE0) for c in close[:8])  # (０-９, ａ-ｆ)
    result = run("retract", "1.2", "--reason", "误记", "--entry", typed, "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("已记录 1.2 2019-03-31 撤回误录（撤回 2018-06-20 销号）")


def test_retract_run_twice_refuses_the_second_rather_than_retract_the_entry_before(reg):
    """A clerk who runs `retract 2.2` again (the first seemed not to work) must not void the
    measure's earlier, true entry, nor undo the retraction unasked; the refusal says how to do
    either, naming the retraction by its hash."""
    run("record", "2.2", "--state", "report", "--note", "二季度", "--date", "2019-03-10", "--registry", str(reg))
    assert run("retract", "2.2", "--reason", "误记", "--registry", str(reg)).exit_code == 0
    before = journal_bytes(reg)
    again = run("retract", "2.2", "--reason", "误记", "--registry", str(reg))
    retraction = load_registry(reg, use_cache=False).journal[-1].hash[:12]
    assert (again.exit_code, again.stdout) == (2, "")
    assert again.stderr == (f"rectify: 措施 2.2 最近的一条记录是撤回误录（2019-03-31，{retraction}）：如要撤销这次撤回，"
                            f"请用 --entry {retraction}；如还要撤回更早的记录，请用 --entry 写明其日期或哈希开头\n")
    english = run("retract", "2.2", "--reason", "x", "--registry", str(reg), "--lang", "en")
    assert english.stderr == (f"rectify: the latest entry of 2.2 is a retraction (2019-03-31, {retraction}): to undo "
                              f"it, name it with --entry {retraction}; to retract an earlier entry too, name it with "
                              "--entry (its date or the first digits of its hash)\n")
    assert journal_bytes(reg) == before


def test_history_says_what_a_back_filled_retraction_retracts_beside_its_state_as_show_and_retract_do(reg):
    """`retract` and `show` say 撤回误录（撤回 2019-03-01 销号）; history put the back-filling
    note between the state and what it retracts, unlike an extension's （逾期申请）, which stays
    beside its state: the back-filling note comes last."""
    assert run("close", "1.1", "--evidence", "验收", "--date", "2019-03-01", "--registry", str(reg)).exit_code == 0
    assert run("retract", "1.1", "--reason", "误记", "--date", "2019-03-10", "--registry", str(reg)).exit_code == 0
    lines = run("history", "1.1", "--registry", str(reg)).stdout.splitlines()
    assert lines[2:4] == [  # (the state column: 50 cells; the unit's: 10, empty; the note's: 17)
        "2019-03-10  1.1     撤回误录（撤回 2019-03-01 销号）（2019-03-31补录）" + " " * (2 + 10 + 2) + "误记",
        "2019-03-01  1.1     销号（已撤回；2019-03-31补录）" + " " * (20 + 2 + 10 + 2 + 17 + 2) + "验收",
    ]
    english = run("history", "1.1", "--registry", str(reg), "--lang", "en").stdout.splitlines()
    assert english[2] == ("2019-03-10  1.1        retracted (2019-03-01 closure) (written 2019-03-31)"
                          "        误记")


@pytest.mark.parametrize("lang, history, show", [
    ("zh", ["2019-04-20  1.1   撤回误录（撤回 2019-04-10 的撤回）",
            "  理由：撤回有误",
            "2019-04-10  1.1   撤回误录（撤回 2019-04-01 销号）（已撤回）",
            "  理由：误记"],
     ["2019-04-10  撤回误录（撤回       误记",  # (not 撤回误录（撤回 2019-04-01 销 / 号）（已撤回）: see
      "            2019-04-01 销号）",  # test_at_80_columns_one_long_entry_wraps_rather_than_narrow_every_note)
      "            （已撤回）",
      "2019-04-20  撤回误录（撤回       撤回有误",
      "            2019-04-10 的撤回）"]),
    ("en", ["2019-04-20  1.1      retracted (2019-04-10 retraction)",
            "  Reason: 撤回有误",
            "2019-04-10  1.1      retracted (2019-04-01 closure)",  # (63 cells: it was cut, `(retrac…`)
            "                     (retracted)",
            "  Reason: 误记"],
     ["2019-04-10  retracted (2019-04-01  误记",
      "            closure) (retracted)",
      "2019-04-20  retracted (2019-04-10  撤回有误",
      "            retraction)"]),
])
def test_a_retracted_retraction_is_named_without_saying_its_word_twice(reg, monkeypatch, lang, history, show):
    """History and show said 撤回误录（撤回 2019-03-10 撤回误录）: 撤回误录 twice, longer than the
    retraction it names, wrapped at 60 columns inside 撤回 / 误录."""
    monkeypatch.setenv("COLUMNS", "60")
    for day, args in (("2019-04-01", ("close", "1.1", "--evidence", "验收")),
                      ("2019-04-10", ("retract", "1.1", "--reason", "误记")),
                      ("2019-04-20", ("retract", "1.1", "--reason", "撤回有误", "--entry", "2019-04-10"))):
        result = run(*args, "--date", day, "--registry", str(reg), today=day)
        assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in run("history", "1.1", "--registry", str(reg), "--lang", lang, today="2019-04-30").stdout.splitlines()]
    assert lines[2:2 + len(history)] == history
    lines = [line.rstrip() for line in run("show", "1.1", "--registry", str(reg), "--lang", lang, today="2019-04-30").stdout.splitlines()]
    start = next(at for at, line in enumerate(lines) if line.startswith("2019-04-10"))
    assert lines[start:start + len(show)] == show


def test_a_retraction_retracted_lets_its_entry_count_again_from_that_day(reg, monkeypatch):
    """A clerk who retracted the wrong entry (1.1's close, meant for 1.2) was stuck: a retraction
    could not be retracted. Retracting it undoes it from the new entry's date on; before that day
    the close stays retracted, as the summaries already sent said."""
    assert run("close", "1.1", "--evidence", "验收", "--date", "2019-03-01", "--registry", str(reg)).exit_code == 0
    assert run("retract", "1.1", "--reason", "误记", "--date", "2019-03-10", "--registry", str(reg)).exit_code == 0
    mistaken = entry_hash(reg, "1.1", "retracted")
    undone = run("retract", "1.1", "--reason", "撤回有误：应撤回1.2的记录", "--entry", mistaken[:7], "--date", "2019-03-20",
                 "--registry", str(reg))
    assert undone.exit_code == 0, undone.output
    assert undone.stdout.startswith("已记录 1.1 2019-03-20 撤回误录（撤回 2019-03-10 的撤回） — 截至 2019-03-31：已销号\n")
    assert f"  state: retracted\n  retracts: {mistaken}\n  note: 撤回有误：应撤回1.2的记录\n" in journal_bytes(reg).decode()
    for as_of, status in (("2019-03-09", "done"), ("2019-03-10", "overdue"), ("2019-03-19", "overdue"),
                          ("2019-03-20", "done")):
        doc = json.loads(run("status", "--registry", str(reg), "--as-of", as_of, "--format", "json").stdout)
        assert next(m for t in doc["tasks"] for m in t["measures"] if m["id"] == "1.1")["status"] == status, as_of
    lines = run("history", "1.1", "--registry", str(reg)).stdout.splitlines()
    assert lines[2].startswith("2019-03-20  1.1     撤回误录（撤回 2019-03-10 的撤回）（2019-03-31补录）")
    assert lines[3].startswith("2019-03-10  1.1     撤回误录（撤回 2019-03-01 销号）（已撤回；2019-03-31补录）")
    assert lines[4].startswith("2019-03-01  1.1     销号（2019-03-31补录）  ")
    english = run("history", "1.1", "--registry", str(reg), "--lang", "en").stdout.splitlines()
    assert "retracted (2019-03-10 retraction) (written 2019-03-31)" in english[2]
    assert "retracted (2019-03-01 closure) (retracted; written 2019-03-31)" in english[3]
    monkeypatch.setenv("COLUMNS", "100")  # (each entry on its line: at 80 they wrap, 撤回误录（撤回 2019-03-10 / 的撤回）)
    show = run("show", "1.1", "--registry", str(reg)).stdout
    assert "撤回误录（撤回 2019-03-10 的撤回）" in show and "撤回误录（撤回 2019-03-01 销号）（已撤回）" in show
    assert "销号（已撤回）" not in show
    assert run("validate", str(reg), "--no-cache").exit_code == 0
    assert run("verify", "--registry", str(reg)).exit_code == 0
    # (the close counts again: retracting it once more is a retraction like the first)
    again = run("retract", "1.1", "--reason", "确为误记", "--entry", "2019-03-01", "--date", "2019-03-25", "--registry", str(reg))
    assert again.exit_code == 0, again.output
    assert measure_json(reg, "1.1", TODAY)["status"] == "overdue"


def test_undoing_a_retraction_that_would_make_a_later_close_wrong_is_refused(reg):
    """Undone, the retraction of 1.1's close of 03-01 would make the close of 03-25 a second close."""
    run("close", "1.1", "--evidence", "验收", "--date", "2019-03-01", "--registry", str(reg))
    run("retract", "1.1", "--reason", "误记", "--date", "2019-03-10", "--registry", str(reg))
    mistaken = entry_hash(reg, "1.1", "retracted")
    run("close", "1.1", "--evidence", "复验", "--date", "2019-03-25", "--registry", str(reg))
    before = journal_bytes(reg)
    args = ("retract", "1.1", "--reason", "撤回有误", "--entry", mistaken[:7], "--date", "2019-03-20", "--registry", str(reg))
    close = next(e.hash for e in load_registry(reg, use_cache=False).journal if e.date.isoformat() == "2019-03-25")[:12]
    refused = run(*args, "--lang", "en")
    assert (refused.exit_code, refused.stderr) == (2, (
        f"rectify: retracting the retracted entry of 2019-03-10 would make the later done entry of 2019-03-25 "
        f"({close}) wrong: 1.1 is already closed as of 2019-03-25; retract that entry first\n"))
    assert run(*args).stderr == (f"rectify: 撤回 2019-03-10 的撤回误录记录会使其后 2019-03-25 的销号记录（{close}）出错："
                                 "截至 2019-03-25，措施 1.1 已销号；请先撤回那条记录\n")
    assert journal_bytes(reg) == before
    # (dated after that close, the undoing leaves it as it was written: it counts from its own date)
    later = run("retract", "1.1", "--reason", "撤回有误", "--entry", mistaken[:7], "--date", "2019-03-28", "--registry", str(reg))
    assert later.exit_code == 0, later.output
    assert run("validate", str(reg), "--no-cache").exit_code == 0


def test_history_and_show_say_what_a_retraction_retracts_and_mark_the_entry_retracted(reg):
    run("close", "1.1", "--evidence", "验收", "--date", "2019-03-01", "--registry", str(reg))
    run("retract", "1.1", "--reason", "误记", "--registry", str(reg))
    lines = run("history", "1.1", "--registry", str(reg)).stdout.splitlines()
    assert lines[2].startswith("2019-03-31  1.1     撤回误录（撤回 2019-03-01 销号）") and lines[2].endswith("误记")
    assert lines[3].startswith("2019-03-01  1.1     销号（已撤回；2019-03-31补录）")
    english = run("history", "1.1", "--registry", str(reg), "--lang", "en").stdout.splitlines()
    # (one bracket of its marks: it said "closed (retracted) (written 2019-03-31)", two in a row)
    assert "retracted (2019-03-01 closure)" in english[2] and "closed (retracted; written 2019-03-31)" in english[3]
    show = run("show", "1.1", "--registry", str(reg)).stdout
    assert "销号（已撤回）" in show and "撤回误录（撤回 2019-03-01 销号）" in show


def _several(reg):
    run("record", "1.1", "--state", "in_progress", "--note", "甲", "--date", "2019-03-05", "--registry", str(reg))
    run("record", "1.1", "--state", "in_progress", "--note", "乙", "--date", "2019-03-05", "--registry", str(reg))


RETRACT_REFUSALS = [
    ([], ("retract", "1.1", "--reason", " "), "--reason: say why the entry was wrong (e.g. recorded on the wrong measure)"),
    ([], ("retract", "1.1", "--reason", "x", "--entry", "2019-03-05"),
     "1.1 has no entry that --entry 2019-03-05 names (give its date, or the first 7 or more digits of its hash)"),
    ([], ("retract", "1.1", "--reason", "x", "--entry", "abc"),
     "--entry: 'abc' is neither a day (e.g. 2019-04-18) nor the start of an entry's hash (7 to 64 hex digits)"),
    # (longer than a hash, 64 digits: "7 or more" said it should do)
    ([], ("retract", "1.1", "--reason", "x", "--entry", "a" * 66),
     f"--entry: '{'a' * 39}…' is neither a day (e.g. 2019-04-18) nor the start of an entry's hash (7 to 64 hex digits)"),
    ([], ("retract", "1.1", "--reason", "x", "--entry", "2019-03"), "--entry: '2019-03' names a month, not a day: give the day, 2019-03-DD"),
    ([], ("retract", "1.1", "--reason", "x", "--date", "2018-09-29"),
     "the retraction's date 2018-09-29 is before that of the in_progress entry it retracts (2018-09-30)"),
    ([], ("record", "1.1", "--state", "retracted", "--note", "x"), "--state retracted is not allowed here: use `rectify retract`"),
    ("empty", ("retract", "2.2", "--reason", "x"), "2.2 has no entry to retract"),
    ([("retract", "2.2", "--reason", "x")], ("retract", "2.2", "--reason", "x"),
     "the latest entry of 2.2 is a retraction (2019-03-31, {hash}): to undo it, name it with --entry {hash}; to retract "
     "an earlier entry too, name it with --entry (its date or the first digits of its hash)"),
    ([("retract", "2.2", "--reason", "x")], ("retract", "2.2", "--reason", "x", "--entry", "2019-03-01"),
     "the report entry of 2019-03-01 (f56f00060ce1) is already retracted"),
    ([("retract", "2.2", "--reason", "x", "--date", "2019-03-20"), ("retract", "2.2", "--reason", "x", "--entry", "2019-03-20")],
     ("retract", "2.2", "--reason", "x", "--entry", "2019-03-20"),
     "the retracted entry of 2019-03-20 ({first}) is already retracted"),
    ([("close", "1.1", "--evidence", "验收", "--date", "2019-03-01"), ("reopen", "1.1", "--note", "回头看", "--date", "2019-03-10")],
     ("retract", "1.1", "--reason", "x", "--entry", "2019-03-01"),
     "retracting the done entry of 2019-03-01 would make the later reopened entry of 2019-03-10 ({hash}) wrong: "
     "1.1 is not closed as of 2019-03-10 (status: overdue): nothing to reopen; retract that entry first"),
    ("several", ("retract", "1.1", "--reason", "x", "--entry", "2019-03-05"),
     "1.1 has several entries that --entry 2019-03-05 names: 2019-03-05 in_progress ({first}: 甲), "
     "2019-03-05 in_progress ({hash}: 乙); "
     "name the one to retract with --entry <hash prefix>"),
]


@pytest.mark.parametrize("earlier, args, message", RETRACT_REFUSALS, ids=[f"#{i}" for i in range(len(RETRACT_REFUSALS))])
def test_a_retraction_refused_exits_2_and_leaves_the_journal_untouched(reg, earlier, args, message):
    if earlier == "several":
        _several(reg)
    elif earlier == "empty":  # (a journal with its header but no entry yet)
        (reg.parent / "progress.yaml").write_text("[]\n", encoding="utf-8")
    else:
        for steps in earlier:
            assert run(*steps, "--registry", str(reg)).exit_code == 0
    journal = load_registry(reg, use_cache=False).journal
    before = journal_bytes(reg)
    result = run(*args, "--registry", str(reg), "--lang", "en")
    assert result.exit_code == 2, result.output
    said = message.format(hash=journal[-1].hash[:12], first=journal[-2].hash[:12]) if journal else message
    assert (result.stdout, result.stderr) == ("", f"rectify: {said}\n")
    assert journal_bytes(reg) == before
    chinese = run(*args, "--registry", str(reg))
    assert chinese.exit_code == 2 and not chinese.stderr.isascii()



def test_entries_of_one_day_a_retraction_cannot_tell_apart_are_listed_with_what_each_says(reg):
    """It listed 2019-03-05 的推进中记录（hash） for each: history shows no hash, so the clerk could
    not tell which was the mistaken one. Each now gives the start of its note, on one line."""
    run("record", "1.1", "--state", "in_progress", "--note", "主体工程完工80%", "--date", "2019-03-05", "--registry", str(reg))
    run("record", "1.1", "--state", "in_progress", "--note", "误记：应为1.2，拉萨市污水处理厂提标改造\n第二行",
        "--date", "2019-03-05", "--registry", str(reg))
    first, second = (e.hash[:12] for e in load_registry(reg, use_cache=False).journal[-2:])
    before = journal_bytes(reg)
    refused = run("retract", "1.1", "--reason", "记错了", "--entry", "2019年3月5日", "--registry", str(reg))
    assert (refused.exit_code, refused.stderr) == (2, (
        f"rectify: 措施 1.1 有多条记录符合 --entry 2019年3月5日：2019-03-05 的推进中记录（{first}：主体工程完工80%）、"
        f"2019-03-05 的推进中记录（{second}：误记：应为1.2，拉萨市污…）；请用 --entry <哈希开头> 指明撤回哪一条\n"))
    assert journal_bytes(reg) == before

def test_export_gives_a_measure_the_note_of_its_latest_entry_that_counts_not_a_retractions_reason(reg):
    run("record", "1.1", "--state", "in_progress", "--note", "误记在1.1上", "--date", "2019-03-05", "--registry", str(reg))
    run("retract", "1.1", "--reason", "应记在1.2上", "--registry", str(reg))
    doc = json.loads(run("export", "--registry", str(reg)).stdout)
    assert next(m for t in doc["tasks"] for m in t["measures"] if m["id"] == "1.1")["note"] == "主体工程完工60%。"


def test_a_plan_linked_under_another_name_keeps_its_journal_beside_the_file_it_leads_to(reg, tmp_path):
    """ledger.yaml → small/tasks.yaml (an office's short name for the shared drive's plan): its
    journal is small/progress.yaml. It was read as ledger.progress.yaml, not there: every measure
    showed no progress, and `record` started a second journal beside the link."""
    link = tmp_path / "ledger.yaml"
    link.symlink_to(reg)
    result = run("validate", str(link))
    assert result.exit_code == 0 and result.stdout == f"{link}：通过——4项整改任务、8项具体措施、9条进展记录\n"
    result = run("record", "1.1", "--state", "in_progress", "--note", "经链接记录", "--registry", str(link))
    assert result.exit_code == 0, result.output
    assert "  state: in_progress\n  note: 经链接记录\n" in journal_bytes(reg).decode("utf-8")
    assert run("validate", str(reg)).stdout == f"{reg}：通过——4项整改任务、8项具体措施、10条进展记录\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.yaml", "small"]


def test_a_journal_beside_the_link_stays_the_links(reg, tmp_path):
    """A folder linking a shared plan under its own name, with a journal of its own beside the
    link: that journal, as before."""
    (tmp_path / "office").mkdir()
    link = tmp_path / "office" / "ledger.yaml"
    link.symlink_to(reg)
    (tmp_path / "office" / "ledger.progress.yaml").write_text("# 本处的进展记录\n", encoding="utf-8")
    result = run("validate", str(link))
    assert result.exit_code == 0 and result.stdout == f"{link}：通过——4项整改任务、8项具体措施、0条进展记录\n"


@pytest.mark.parametrize("lang, said", [
    ("zh", "（延期至2019-12-31；理由：冬季停工；批准：自治区生态环境厅；逾期申请；2019-03-31补录）"),
    ("en", "(extended to 2019-12-31; reason: 冬季停工; approved by 自治区生态环境厅; late request; written 2019-03-31)"),
])
def test_show_says_when_a_back_dated_extension_was_written_in_its_brackets(reg, monkeypatch, lang, said):
    """Show said `(… late request) (written 2019-03-31)`, two brackets in a row, as history did."""
    monkeypatch.setenv("COLUMNS", "160")
    assert run("extend", "1.1", "--to", "2019-12-31", "--reason", "冬季停工", "--approved-by", "自治区生态环境厅",
               "--date", "2019-03-01", "--late", "--registry", str(reg)).exit_code == 0
    shown = run("show", "1.1", "--registry", str(reg), "--lang", lang).stdout.splitlines()
    assert next(line for line in shown if line.startswith("2019-03-01")).endswith(said)


# -------------------------------------------------------------------------- writing to a broken chain

def _edit_entry_3(reg: Path) -> Path:
    path = reg.parent / "progress.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("围挡完成80%。", "围挡完成100%。"), encoding="utf-8")
    return path


def test_record_on_a_journal_whose_chain_is_broken_writes_and_warns(reg):
    """It wrote silently to a journal `verify` fails: the clerk learned of it at the next audit."""
    path = _edit_entry_3(reg)
    before = path.read_bytes()
    result = run("report", "2.2", "--note", "四月检查工地12个", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已记录 2.2 2019-03-31 ")
    assert result.stderr == (f"rectify: 警告：{path} 的哈希链已断（第 3 条，第 15 行起与哈希不符），本条仍已写入；"
                             f"请运行 `rectify verify -r {reg}` 查看\n")
    assert path.read_bytes().startswith(before) and "四月检查工地12个" in path.read_text(encoding="utf-8")
    english = run("report", "2.2", "--note", "五月", "--registry", str(reg), "--lang", "en")
    assert english.exit_code == 0, english.output
    assert english.stderr == (f"rectify: warning: the hash chain of {path} is broken (entry 3, line 15 on does not "
                              f"match its hash); this entry was written all the same; run `rectify verify -r {reg}` "
                              "to see where\n")
    # (the new entries chain on: verify still names entry 3, and only it)
    check = run("verify", "--registry", str(reg))
    assert (check.exit_code, check.stdout.count("第 3 条"), check.stdout.count("：被")) == (1, 1, 1)


def test_record_on_an_intact_journal_warns_of_nothing(reg):
    first = run("report", "2.2", "--note", "四月检查工地12个", "--registry", str(reg))
    second = run("report", "2.2", "--note", "五月检查工地9个", "--registry", str(reg))
    assert (first.exit_code, first.stderr, second.exit_code, second.stderr) == (0, "", 0, "")


def test_record_after_verify_warns_from_its_verdict(reg, monkeypatch):
    """Cheap: a journal `verify` has judged is not hashed through again on a write."""
    from rectify_cli import journal

    path = _edit_entry_3(reg)
    assert run("verify", "--registry", str(reg)).exit_code == 1
    monkeypatch.setattr(journal, "_check_journal", lambda *a, **k: pytest.fail("hashed through again"))
    result = run("report", "2.2", "--note", "四月检查工地12个", "--registry", str(reg))
    warned = f"rectify: 警告：{path} 的哈希链已断（第 3 条，第 15 行起与哈希不符），本条仍已写入；请运行 `rectify verify -r {reg}` 查看\n"
    assert (result.exit_code, result.stderr) == (0, warned), result.output
    again = run("report", "2.2", "--note", "五月检查工地9个", "--registry", str(reg))
    assert (again.exit_code, again.stderr) == (0, warned)


def test_record_after_entries_pulled_checks_only_those(reg, monkeypatch):
    """Entries appended since the verdict (a colleague's, pulled) are checked alone: one of them
    edited is named by its place in the whole file."""
    from rectify_cli import journal

    path = reg.parent / "progress.yaml"
    assert run("report", "2.2", "--note", "四月检查工地12个", "--registry", str(reg)).stderr == ""
    text = path.read_text(encoding="utf-8")
    pulled = text[text.rindex("\n- ") + 1:].replace("四月检查工地12个", "四月检查工地20个")
    path.write_text(text + pulled, encoding="utf-8")
    monkeypatch.setattr(journal, "_check_journal", lambda *a, **k: pytest.fail("hashed through again"))
    result = run("report", "2.2", "--note", "五月检查工地9个", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    line = text.count("\n") + 1
    assert result.stderr == (f"rectify: 警告：{path} 的哈希链已断（第 11 条，第 {line} 行起与哈希不符），本条仍已写入；"
                             f"请运行 `rectify verify -r {reg}` 查看\n")


def test_record_on_a_journal_cut_short_before_its_last_hash_warns(reg):
    """A journal cut off mid-write by another tool (its last entry's hash line lost, no line break
    at its end) still loads, its last entry unhashed: what is appended keeps it, and says so, as
    verify said it: "does not match its hash" named no cut, of an entry with no hash, and once
    written after, the file no longer ends mid-line, so verify no longer asks whether it was cut."""
    path = reg.parent / "progress.yaml"
    text = path.read_text(encoding="utf-8")
    cut = text[:text.rindex("\n  hash: ")]
    path.write_text(cut, encoding="utf-8")
    assert "文件是否被截断？请从备份恢复" in run("verify", "--registry", str(reg)).stdout
    result = run("report", "2.2", "--note", "四月检查工地12个", "--registry", str(reg))
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"rectify: 警告：{path} 的第 9 条记录（第 48 行起）无哈希，且文件在这一条的一行中间结束："
                             "文件是否被截断？本条仍已写入其后；请对照备份核对这一条\n")
    assert path.read_text(encoding="utf-8").startswith(cut + "\n- measure: \"2.2\"\n")
    assert run("verify", "--registry", str(reg)).stdout.count("无哈希") == 1


def test_record_on_a_journal_cut_short_in_its_last_note_warns_in_english_too(reg):
    """Cut in the middle of its last entry's note (a crash, a sync): said so in English too."""
    path = reg.parent / "progress.yaml"
    assert run("report", "2.2", "--note", "四月检查工地12个", "--registry", str(reg)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.rindex("- measure:")) + 1
    cut = text[:text.rindex("工地12个")]
    path.write_text(cut, encoding="utf-8")
    result = run("report", "2.2", "--note", "五月检查", "--registry", str(reg), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"rectify: warning: entry 10 of {path} (line {line} on) is unhashed, and the file ended in "
                             "the middle of one of its lines: was it cut short? This entry was written after it all the "
                             "same; check that one against a copy\n")
    assert path.read_text(encoding="utf-8").startswith(cut + "\n- measure: \"2.2\"\n")


def test_record_on_a_journal_begun_before_hashing_warns_of_nothing(reg):
    """Unhashed entries before the first hashed one are a journal begun before hashing: verify
    says so, a write does not warn of it each time."""
    path = reg.parent / "progress.yaml"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("  hash: ")), encoding="utf-8")
    first = run("report", "2.2", "--note", "四月检查工地12个", "--registry", str(reg))
    second = run("report", "2.2", "--note", "五月检查工地9个", "--registry", str(reg))
    assert (first.exit_code, first.stderr, second.exit_code, second.stderr) == (0, "", 0, "")


@pytest.mark.parametrize("args, said", [
    (["record", "1.1.1", "--state", "in_progress", "--note", "推进中"], "rectify: 整改方案中没有措施“1.1.1”（是否指 1.1？）\n"),
    (["show", "1.1.1"], "rectify: 没有任务或措施“1.1.1”（是否指 1.1？）\n"),
    (["history", "2.2.3"], "rectify: 没有任务或措施“2.2.3”（是否指 2.2？）\n"),
])
def test_an_id_with_a_part_too_many_suggests_the_measure_it_extends(reg, args, said):
    """1.1.1 was said to be none of the tasks 1 to 3, though measure 1.1 is there."""
    result = run(*args, "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (2, said)
