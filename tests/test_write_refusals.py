"""What the writing commands (record/close/reopen/report/extend) refuse, in the clerk's language:
Chinese by default, English with --lang en, saying the same thing (ids, dates, numbers and
suggestions, option names kept literal). The Python API's messages stay English.

Every test works on a copy of tests/fixtures/small in tmp_path; today is pinned to 2019-03-31.
"""
from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rectify_cli import journal
from rectify_cli.cli import app
from rectify_cli.errors import RectifyError
from rectify_cli.i18n import LABELS, Lang
from rectify_cli.render.journal_text import render_refusal

FIXTURE = Path(__file__).parent / "fixtures" / "small"
TODAY = "2019-03-31"


@pytest.fixture
def reg(tmp_path) -> Path:
    folder = tmp_path / "small"
    shutil.copytree(FIXTURE, folder)
    return folder / "tasks.yaml"


def run(*args: str, today: str = TODAY):
    return CliRunner().invoke(app, list(args), env={"RECTIFY_TODAY": today, "RECTIFY_REGISTRY": None})


# (arguments, what a Chinese clerk reads, what --lang en says): the whole stderr line
REFUSALS = [
    (("close", "1.1"),
     "措施 1.1 销号须提供 --evidence：证明已完成的文件或文字（如文号）",
     "closing 1.1 needs --evidence: a file or text that proves it is done (e.g. a document number)"),
    (("close", "1.2", "--evidence", "x"),
     "截至 2019-03-31，措施 1.2 已销号；如须再次销号，请先重新打开",
     "1.2 is already closed as of 2019-03-31; reopen it first if it must be closed again"),
    (("reopen", "1.1", "--note", "回头看"),
     "截至 2019-03-31，措施 1.1 未销号（状态：逾期）：无可重新打开",
     "1.1 is not closed as of 2019-03-31 (status: overdue): nothing to reopen"),
    # (the state as status prints it: it said "(status on_track)", the engine's key)
    (("reopen", "3.1", "--note", "回头看"),
     "截至 2019-03-31，措施 3.1 未销号（状态：按期推进）：无可重新打开",
     "3.1 is not closed as of 2019-03-31 (status: on track): nothing to reopen"),
    # (it said "(its deadlines: none: it is ongoing (长期坚持))", two colons and brackets in brackets)
    (("close", "2.2", "--evidence", "x", "--milestone", "2019-01-01"),
     "--milestone 2019-01-01 不是措施 2.2 的期限（该措施为长期坚持，没有期限）",
     "--milestone 2019-01-01 is not a deadline of 2.2: it is ongoing (长期坚持), with no deadline"),
    (("report", "3.2", "--note", "一季度", "--by", "拉撒市"),
     "--by：未知单位“拉撒市”（是否指 拉萨市？）；请使用方案 units: 下声明的单位（名称或别名）",
     "--by: unknown unit '拉撒市' (did you mean 拉萨市?); use a unit declared under 'units:' in the plan (name or alias)"),
    # (a list of units, as an office writes one: it was told the closest single unit, 那曲市)
    (("report", "3.2", "--note", "一季度", "--by", "拉萨市、那曲市"),
     "--by：只能填一个单位，“拉萨市、那曲市”是 2 个（拉萨市、那曲市）：请填牵头的单位，或为每个单位各记一条",
     "--by: one unit only, and '拉萨市、那曲市' is 2 (拉萨市, 那曲市): give the lead one, or record an entry for each"),
    # (a unit name of 100,000 characters was echoed whole: it is cut, as a table cuts a cell)
    (("record", "1.1", "--state", "in_progress", "--note", "施工", "--by", "a" * 100_000),
     f"--by：未知单位“{'a' * 39}…”；请使用方案 units: 下声明的单位（名称或别名）",
     f"--by: unknown unit '{'a' * 39}…'; use a unit declared under 'units:' in the plan (name or alias)"),
    (("extend", "1.1", "--to", "2019-12-31", "--reason", "冬季停工", "--approved-by", "拉萨市" * 10_000),
     f"--approved-by：未知单位“{'拉萨市' * 6}拉…”；请使用方案 units: 下声明的单位（名称或别名）",
     f"--approved-by: unknown unit '{'拉萨市' * 6}拉…'; use a unit declared under 'units:' in the plan (name or alias)"),
    # (an empty unit, as a script passes a variable left unset: the entry was written without a unit, not a word said)
    (("report", "3.2", "--note", "一季度", "--by", ""),
     "--by：单位名称为空；请填写方案 units: 下声明的单位（名称或别名）",
     "--by: the unit name is empty; give a unit declared under 'units:' in the plan (name or alias)"),
    # (an empty evidence, as a script passes a variable left unset: written as no evidence, not a word said)
    (("record", "1.1", "--state", "in_progress", "--note", "施工", "--evidence", ""),
     "--evidence：佐证为空；请填写佐证的文件路径或文字（如文号）",
     "--evidence: the evidence is empty; give a file path or text (e.g. a document number)"),
    (("report", "3.2", "--note", "一季度", "--evidence", " "),
     "--evidence：佐证为空；请填写佐证的文件路径或文字（如文号）",
     "--evidence: the evidence is empty; give a file path or text (e.g. a document number)"),
    (("reopen", "1.2", "--note", "回头看", "--evidence", "\u200b"),
     "--evidence：佐证为空；请填写佐证的文件路径或文字（如文号）",
     "--evidence: the evidence is empty; give a file path or text (e.g. a document number)"),
    # (it said 1.1 needs --evidence, which was given)
    (("close", "1.1", "--evidence", ""),
     "--evidence：佐证为空；请填写佐证的文件路径或文字（如文号）",
     "--evidence: the evidence is empty; give a file path or text (e.g. a document number)"),
    (("record", "1.1", "--state", "in_progress", "--note", "推进中", "--date", "2019-04-01"),
     "--date：2019-04-01 晚于今天（2019-03-31）；台账只记录已经发生的事",
     "--date: 2019-04-01 is in the future (today is 2019-03-31); the journal records what has happened"),
    (("record", "1.1", "--state", "in_progress", "--note", "推进中", "--date", "2019-02"),
     "--date：“2019-02”只是月份，不是具体日期：请写明哪一天，2019-02-DD",
     "--date: '2019-02' names a month, not a day: give the day, 2019-02-DD"),
    (("record", "1.1", "--state", "in_progress", "--note", "推进中", "--date", "2019-02-30"),
     "--date：“2019-02-30”不是实际存在的日期（该月没有这一天）",
     "--date: '2019-02-30' is not a real calendar date (that month has no such day)"),
    (("record", "1.7", "--state", "in_progress", "--note", "推进中"),
     "整改方案中没有措施“1.7”（是否指 1.2、1.1？）",
     "no measure '1.7' in the plan (did you mean 1.2, 1.1?)"),
    # (as typed, as show says it: it said “1,2”, a comma the clerk's input method never wrote)
    (("record", "１，２", "--state", "in_progress", "--note", "推进中"),
     "整改方案中没有措施“１，２”（是否指 1.2？）",
     "no measure '１，２' in the plan (did you mean 1.2?)"),
    (("record", "4", "--state", "in_progress", "--note", "推进中"),
     "整改方案中没有措施“4”（4 是整改任务，请指明其下的一项措施：4.1、4.2）",
     "no measure '4' in the plan (4 is a task: name one of its measures, 4.1, 4.2)"),
    (("record", "", "--state", "in_progress", "--note", "推进中"),  # (it said no measure “” in the plan)
     "措施编号为空：请写明措施编号，如 35.2",
     "the measure id is empty: give one, e.g. 35.2"),
    (("record", "9.1", "--state", "in_progress", "--note", "推进中"),  # (nothing close: the tasks there are, as show says)
     "整改方案中没有措施“9.1”（任务编号为 1 至 4）",
     "no measure '9.1' in the plan (tasks are 1 to 4)"),
    # (a day without its year, as a clerk writes it in a note: which year was not guessed, but said to be missing)
    (("record", "1.1", "--state", "in_progress", "--note", "施工", "--date", "3月5日"),
     "--date：“3月5日”缺少年份：请写明哪一年，YYYY-03-05",
     "--date: '3月5日' has no year: give it, YYYY-03-05"),
    (("record", "1.1", "--state", "in_progress", "--note", "施工", "--date", "3月5号"),
     "--date：“3月5号”缺少年份：请写明哪一年，YYYY-03-05",
     "--date: '3月5号' has no year: give it, YYYY-03-05"),
    (("extend", "3.1", "--to", "6月30日", "--reason", "资金", "--approved-by", "自治区生态环境厅"),
     "--to：“6月30日”缺少年份：请写明哪一年，YYYY-06-30",
     "--to: '6月30日' has no year: give it, YYYY-06-30"),
    # (the entry to retract named by its day: the same reading as --date's, and the same word when the year is left out)
    (("retract", "1.1", "--reason", "误记", "--entry", "9月30日"),
     "--entry：“9月30日”缺少年份：请写明哪一年，YYYY-09-30",
     "--entry: '9月30日' has no year: give it, YYYY-09-30"),
    # (a state typed in the words `history` and `show` print it in, as the journal's loader is told: the key it means)
    (("record", "1.1", "--state", "推进中", "--note", "施工"),
     "--state：未知的状态“推进中”（是否指 in_progress？）；应为 in_progress、done、reopened、report 之一",
     "--state: unknown state '推进中' (did you mean in_progress?); expected one of in_progress, done, reopened, report"),
    (("record", "1.1", "--state", "已销号", "--evidence", "验收"),
     "--state：未知的状态“已销号”（是否指 done？）；应为 in_progress、done、reopened、report 之一",
     "--state: unknown state '已销号' (did you mean done?); expected one of in_progress, done, reopened, report"),
    # (one state: a list, as status --state takes, is no state of record's, never its last item recorded)
    (("record", "1.1", "--state", "in_progress,done", "--note", "x"),
     "--state：未知的状态“in_progress,done”（是否指 in_progress？）；应为 in_progress、done、reopened、report 之一",
     "--state: unknown state 'in_progress,done' (did you mean in_progress?); expected one of in_progress, done, reopened, "
     "report"),
    (("record", "1.1", "--state", "延期", "--note", "x"),
     "此处不能用 --state 延期：延期请用 `rectify extend`",
     "--state 延期 is not allowed here: use `rectify extend`"),
]


def _stderr_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1
    return result.stderr.removeprefix("rectify: ").removesuffix("\n")


@pytest.mark.parametrize("args, zh, en", REFUSALS, ids=[" ".join(r[0][:2]) for r in REFUSALS])
def test_a_refusal_is_chinese_by_default_and_english_with_lang_en(reg, args, zh, en):
    before = (reg.parent / "progress.yaml").read_bytes()
    chinese = run(*args, "--registry", str(reg))
    assert chinese.stderr.startswith("rectify: ")
    assert _stderr_line(chinese) == zh
    assert _stderr_line(run(*args, "--registry", str(reg), "--lang", "en")) == en
    assert (reg.parent / "progress.yaml").read_bytes() == before


# (a value of 1,000 characters was echoed whole, as --by's was: each option's is cut at 40 cells
# with …, a wide character counting two, as a table cuts a cell)
LONG, WIDE = "x" * 1000, "措" * 1000
ECHOED = {
    "state": (("record", "1.1", "--state", LONG, "--note", "x"),
              f"--state：未知的状态“{'x' * 39}…”；应为 in_progress、done、reopened、report 之一",
              f"--state: unknown state '{'x' * 39}…'; expected one of in_progress, done, reopened, report"),
    "date": (("record", "1.1", "--state", "in_progress", "--note", "x", "--date", LONG),
             f"--date：“{'x' * 39}…”不是日期（可写作 2019-03-31、2019/3/31 或 2019年3月31日）",
             f"--date: not a date: '{'x' * 39}…' (use 2019-03-31, 2019/3/31 or 2019年3月31日)"),
    "measure": (("record", WIDE, "--state", "in_progress", "--note", "x"),
                f"整改方案中没有措施“{'措' * 19}…”（任务编号为 1 至 4）",
                f"no measure '{'措' * 19}…' in the plan (tasks are 1 to 4)"),
    "entry": (("retract", "1.1", "--reason", "x", "--entry", LONG),
              f"--entry：“{'x' * 39}…”既不是日期（如 2019-04-18），也不是记录哈希的开头（7 至 64 位十六进制数字）",
              f"--entry: '{'x' * 39}…' is neither a day (e.g. 2019-04-18) nor the start of an entry's hash "
              "(7 to 64 hex digits)"),
}


@pytest.mark.parametrize("args, zh, en", ECHOED.values(), ids=ECHOED)
def test_a_long_value_typed_is_echoed_cut_at_40_cells(reg, args, zh, en):
    before = (reg.parent / "progress.yaml").read_bytes()
    assert _stderr_line(run(*args, "--registry", str(reg))) == zh
    assert _stderr_line(run(*args, "--registry", str(reg), "--lang", "en")) == en
    assert (reg.parent / "progress.yaml").read_bytes() == before


def test_a_back_dated_entry_that_makes_a_later_one_wrong_is_refused_in_both_languages(reg):
    """The later entry's own refusal (here: its --to no longer after the deadline it moves) is
    said inside, in the same language."""
    first = ("extend", "2.1", "--to", "2019-06-30", "--reason", "雨季", "--approved-by", "那曲市", "--date", "2019-03-20")
    assert run(*first, "--registry", str(reg)).exit_code == 0
    args = ("extend", "2.1", "--to", "2019-09-30", "--reason", "补批", "--approved-by", "那曲市", "--date", "2019-03-10",
            "--registry", str(reg))
    lines = (reg.parent / "progress.yaml").read_text(encoding="utf-8").splitlines()
    line = max(n for n, text in enumerate(lines, 1) if text.startswith("- measure:"))  # (the extension's)
    assert _stderr_line(run(*args)) == (
        f"这条延期记录（2019-03-10）会使 2019-03-20 的后一条记录（延期，第 {line} 行）出错：2019-06-30 不晚于所推迟的期限"
        "（2019-09-30）；请以晚于该记录的日期记录，或不予记录")
    assert _stderr_line(run(*args, "--lang", "en")) == (
        f"this extended entry, dated 2019-03-10, would make the later entry of 2019-03-20 (extended, line {line}) wrong: "
        "2019-06-30 is not after the deadline it moves (2019-09-30); record it with a date after that entry, or not at all")


@pytest.mark.parametrize("earlier, args, zh", [
    (("close", "2.1", "--evidence", "验收"), ("close", "2.1", "--evidence", "复验"),
     "截至 2019-03-31，措施 2.1 的限期部分已销号（继续长期坚持）；如须再次销号，请先重新打开"),
    (("extend", "1.1", "--to", "2019-06-30", "--reason", "冬季", "--approved-by", "拉萨市", "--date", "2019-03-20", "--late"),
     ("extend", "1.1", "--to", "2019-05-31", "--reason", "资金", "--approved-by", "拉萨市", "--date", "2018-12-20"),
     "这条延期记录（2018-12-20）会使 2019-03-20 的后一条记录（延期，第 {line} 行）出错：该记录标为逾期申请，但其所推迟的期限"
     "届时将是 2019-05-31；请以晚于该记录的日期记录，或不予记录"),
    (("close", "1.1", "--evidence", "验收", "--date", "2019-03-10"), ("close", "1.1", "--evidence", "初验", "--date", "2019-03-05"),
     "这条销号记录（2019-03-05）会使 2019-03-10 的后一条记录（销号，第 {line} 行）出错：截至 2019-03-10，措施 1.1 已销号；"
     "请以晚于该记录的日期记录，或不予记录"),
])
def test_what_an_earlier_entry_makes_wrong_is_said_in_chinese(reg, earlier, args, zh):
    assert run(*earlier, "--registry", str(reg)).exit_code == 0
    lines = (reg.parent / "progress.yaml").read_text(encoding="utf-8").splitlines()
    line = max(n for n, text in enumerate(lines, 1) if text.startswith("- measure:"))
    assert _stderr_line(run(*args, "--registry", str(reg))) == zh.format(line=line)


def test_a_back_dated_close_before_a_close_retracted_later_is_refused_saying_it_was_retracted(reg):
    """1.1 closed on 2019-03-10 by mistake, retracted on 2019-03-20: that close still counts from
    03-10 to 03-20 (a month's summary sent meanwhile said so), so a close dated 03-05 would close
    1.1 twice. The refusal said only that the close of 03-10 would be wrong, and the clerk, who
    sees it retracted in `history`, could not tell why it still mattered."""
    assert run("close", "1.1", "--evidence", "验收", "--date", "2019-03-10", "--registry", str(reg)).exit_code == 0
    lines = (reg.parent / "progress.yaml").read_text(encoding="utf-8").splitlines()
    line = max(n for n, text in enumerate(lines, 1) if text.startswith("- measure:"))  # (the close's)
    assert run("retract", "1.1", "--reason", "误记", "--date", "2019-03-20", "--registry", str(reg)).exit_code == 0
    before = (reg.parent / "progress.yaml").read_bytes()
    args = ("close", "1.1", "--evidence", "初验", "--date", "2019-03-05", "--registry", str(reg))
    assert _stderr_line(run(*args)) == (
        f"这条销号记录（2019-03-05）会使 2019-03-10 的后一条记录（销号，第 {line} 行，已于 2019-03-20 撤回，撤回前仍然有效）"
        "出错：截至 2019-03-10，措施 1.1 已销号；请以晚于该记录的日期记录，或不予记录")
    assert _stderr_line(run(*args, "--lang", "en")) == (
        f"this done entry, dated 2019-03-05, would make the later entry of 2019-03-10 (done, line {line}, retracted "
        "on 2019-03-20, but counting until then) wrong: 1.1 is already closed as of 2019-03-10; record it with a date "
        "after that entry, or not at all")
    assert (reg.parent / "progress.yaml").read_bytes() == before


def test_a_close_dated_while_a_retracted_close_still_counts_says_when_it_stops_counting(reg):
    """1.1 closed on 2019-03-10 by mistake, retracted on 2019-03-20; the true close, dated 03-15, was
    refused as 'already closed; reopen it first': the clerk, who retracted that close, was told to
    reopen (a 回头看), where a close dated on or after the retraction's day is what is written."""
    assert run("close", "1.1", "--evidence", "验收", "--date", "2019-03-10", "--registry", str(reg)).exit_code == 0
    assert run("retract", "1.1", "--reason", "误记", "--date", "2019-03-20", "--registry", str(reg)).exit_code == 0
    before = (reg.parent / "progress.yaml").read_bytes()
    args = ("close", "1.1", "--evidence", "初验", "--date", "2019-03-15", "--registry", str(reg))
    said = _stderr_line(run(*args))
    assert said == ("截至 2019-03-15，措施 1.1 已销号：2019-03-10 的销号已于 2019-03-20 撤回，撤回前仍然有效；"
                    "请以 2019-03-20 或之后的日期销号")
    assert f"(`{said}`)" in (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")  # (as quoted)
    assert _stderr_line(run(*args, "--lang", "en")) == (
        "1.1 is already closed as of 2019-03-15: the close of 2019-03-10 was retracted on 2019-03-20, but counts "
        "until then; close it on 2019-03-20 or later")
    assert (reg.parent / "progress.yaml").read_bytes() == before
    written = run("close", "1.1", "--evidence", "初验", "--date", "2019-03-20", "--registry", str(reg))
    assert written.exit_code == 0, written.output


def test_a_back_dated_close_before_a_close_retracted_on_its_own_day_is_written(reg):
    """A close retracted on its own date never counted: nothing a close before it makes wrong (the
    loader takes the same entries written by hand), yet it refused the back-dated close."""
    assert run("close", "1.1", "--evidence", "验收", "--date", "2019-03-10", "--registry", str(reg)).exit_code == 0
    assert run("retract", "1.1", "--reason", "误记", "--date", "2019-03-10", "--registry", str(reg)).exit_code == 0
    written = run("close", "1.1", "--evidence", "初验", "--date", "2019-03-05", "--registry", str(reg))
    assert written.exit_code == 0, written.output
    assert written.stdout.startswith("已记录 1.1 2019-03-05 销号 — 截至 2019-03-31：已销号\n")
    assert run("validate", str(reg), "--no-cache").exit_code == 0


def test_the_api_still_says_it_in_english(reg):
    with pytest.raises(RectifyError) as refused:
        journal.append(reg, command="close", measure="1.1", state="done")
    assert str(refused.value) == ("closing 1.1 needs --evidence: a file or text that proves it is done "
                                  "(e.g. a document number)")
    assert render_refusal(refused.value.notice, lang=Lang.zh) == "措施 1.1 销号须提供 --evidence：证明已完成的文件或文字（如文号）"


def test_a_broken_journal_is_still_named_as_it_was(reg):
    """A journal FILE that does not load is the loader's message (file:line: what was expected), not a refusal."""
    (reg.parent / "progress.yaml").write_text("- measure: [\n", encoding="utf-8")
    result = run("close", "1.1", "--evidence", "x", "--registry", str(reg))
    # (the flow list opened on line 1 ends unclosed where line 2 begins)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"rectify: {reg.parent / 'progress.yaml'}:2:1: YAML 语法错误：解析方括号或花括号内的内容时：此处缺少内容"
               "（多余的“,”、“]”或“}”？以这些符号开头的文字请加引号）\n")
    assert (reg.parent / "progress.yaml").read_text(encoding="utf-8") == "- measure: [\n"


# Every request a write refuses, through the API: the English of its Notice is the exception's
# own text (so --lang en says what the API says), and the Chinese is another text.
API_REFUSALS = [
    dict(command="record", measure="1.7", state="in_progress", note="x"),
    dict(command="record", measure="4", state="in_progress", note="x"),
    dict(command="record", measure="1.1", state="donee", note="x"),
    dict(command="record", measure="1.1", state="extended", note="x"),
    dict(command="close", measure="1.1", state="report", note="x"),
    dict(command="record", measure="1.1", state="in_progress", note="x", date="2019-02-30"),
    dict(command="record", measure="1.1", state="in_progress", note="x", date="yesterday"),
    dict(command="record", measure="1.1", state="in_progress", note="x", date="2019-03"),
    dict(command="record", measure="1.1", state="in_progress", note="x", date="2019-04-01"),
    dict(command="record", measure="1.1", state="in_progress", note="x", date="1900-01-01"),
    dict(command="record", measure="1.1", state="in_progress", note="x\udcff"),
    dict(command="record", measure="1.1", state="in_progress", note="x", by="拉撒市"),
    dict(command="record", measure="1.1", state="in_progress", note="x", by="某某局"),
    dict(command="record", measure="1.1", state="in_progress", note=" "),
    dict(command="record", measure="1.1", state="in_progress", note="x", milestone="2018-12-31"),
    dict(command="close", measure="1.1", state="done"),
    dict(command="close", measure="1.2", state="done", evidence="x"),
    dict(command="close", measure="2.2", state="done", evidence="x"),
    dict(command="close", measure="4.2", state="done", evidence="x", milestone="2018-10-31"),
    dict(command="close", measure="4.2", state="done", evidence="x", milestone="2019-01-01"),
    dict(command="close", measure="4.2", state="done", evidence="x", milestone="soon"),
    dict(command="close", measure="2.2", state="done", evidence="x", milestone="2019-01-01"),
    dict(command="reopen", measure="1.1", state="reopened", note="x"),
    dict(command="reopen", measure="1.2", state="reopened", note=""),
    dict(command="report", measure="1.1", state="report", note="x"),
    dict(command="report", measure="2.2", state="report", note=""),
    dict(command="extend", measure="3.1", state="extended", reason="r", approved_by="那曲市"),
    dict(command="extend", measure="3.1", state="extended", to="someday", reason="r", approved_by="那曲市"),
    dict(command="extend", measure="3.1", state="extended", to="2021-06-30", approved_by="那曲市"),
    dict(command="extend", measure="3.1", state="extended", to="2021-06-30", reason="r"),
    dict(command="extend", measure="3.1", state="extended", to="2021-06-30", reason="r", approved_by="发改委"),
    dict(command="extend", measure="3.1", state="extended", to="2020-06-30", reason="r", approved_by="那曲市"),
    dict(command="extend", measure="1.1", state="extended", to="2019-03-15", reason="r", approved_by="那曲市", late=True),
    dict(command="extend", measure="1.1", state="extended", to="2019-06-30", reason="r", approved_by="那曲市"),
    dict(command="extend", measure="1.2", state="extended", to="2021-06-30", reason="r", approved_by="那曲市"),
    dict(command="extend", measure="4.2", state="extended", to="2021-06-30", reason="r", approved_by="那曲市",
         milestone="2018-10-31"),
]


@pytest.mark.parametrize("request_", API_REFUSALS, ids=[f"{r['command']} {r['measure']} #{i}" for i, r in enumerate(API_REFUSALS)])
def test_each_refusal_carries_its_notice_in_both_languages(reg, request_, monkeypatch):
    monkeypatch.setenv("RECTIFY_TODAY", TODAY)
    with pytest.raises(RectifyError) as refused:
        journal.append(reg, **request_)
    notice = refused.value.notice
    assert notice is not None, str(refused.value)
    assert render_refusal(notice, lang=Lang.en) == str(refused.value)
    chinese = render_refusal(notice, lang=Lang.zh)
    assert chinese != str(refused.value) and re.search(r"[\u4e00-\u9fff]", chinese), chinese


def test_a_folder_that_cannot_place_a_measure_says_so_in_chinese(tmp_path):
    root = tmp_path / "folder"
    root.mkdir()
    for stem in ("sm", "xz"):  # (the small fixture twice: a comment tells them apart, a copy is refused)
        (root / f"{stem}.yaml").write_bytes((FIXTURE / "tasks.yaml").read_bytes() + f"# {stem}\n".encode())
    assert _stderr_line(run("record", "1.1", "--state", "in_progress", "--note", "x", "--registry", str(root))) == (
        "文件夹中有多个文件含“1.1”（sm:1.1、xz:1.1）：请连同文件名指明所指的一项")
    assert _stderr_line(run("record", "nosuch:1.1", "--state", "in_progress", "--note", "x", "--registry", str(root))) == (
        f"{root} 是台账文件夹，其中没有方案文件“nosuch”（其中的文件：sm、xz）；输入的是“nosuch:1.1”")
    assert _stderr_line(run("record", "xz:9.1", "--state", "in_progress", "--note", "x", "--registry", str(root))) == (
        "整改方案中没有措施“xz:9.1”（任务编号为 xz:1 至 xz:4）")  # (its own file's tasks)
    assert _stderr_line(run("record", "SM:1.1", "--state", "in_progress", "--note", "x", "--registry", str(root))) == (
        f"{root} 是台账文件夹，其中没有方案文件“SM”（是否指 sm:1.1？）；输入的是“SM:1.1”")


# ------------------------------------------------------------------ the labels

def _refusal_keys() -> set[str]:
    """Every key a refusal is raised with, or nested in one: by journal.py for the writes, and
    for the reading commands by engine.py, summary.py, cli.py and the loader's modules
    (registry.py, layout.py, ids.py, validation.py, journal_checks.py) (i18n.refusal)."""
    package = Path(journal.__file__).parent
    keys = set()
    for module in ("journal", "engine", "summary", "registry", "layout", "ids", "validation", "journal_checks", "cli"):
        source = (package / f"{module}.py").read_text(encoding="utf-8")
        keys |= set(re.findall(r'(?:_refused|refusal)\(\w+, "(\w+)"', source)) | set(re.findall(r'Notice\("(\w+)"', source))
        # (a key chosen by the date's error: `key = "a" if … else "b"`, summary._month_refused's)
        keys |= {k for pair in re.findall(r'key = "(\w+)" if [^\n]*? else "(\w+)"', source) for k in pair}
        keys |= set(re.findall(r'return "(month_\w+)"', source))
        keys |= set(re.findall(r'unreadable="(\w+)"', source))  # (journal.typed_date's key for a text that is no date)
    return keys


def test_every_refusal_key_has_a_chinese_and_an_english_label():
    keys = _refusal_keys()
    assert len(keys) > 30
    assert {"unknown_owner", "unknown_region", "unknown_item", "month_not_begun", "date_unreadable_since",
            "month_calendar_end", "ambiguous_alias"} <= keys  # (the reading commands' keys are found too)
    for key in keys:
        pair = LABELS.get(f"refused_{key}") or LABELS.get(f"notice_{key}") or LABELS.get(f"problem_{key}")
        assert pair is not None, key
        zh, en = pair
        assert zh.strip() and en.strip() and zh != en, key


@pytest.mark.parametrize("key", sorted(k for k in LABELS if k.startswith("refused_")))
def test_no_chinese_refusal_label_is_english_by_mistake(key):
    zh, en = LABELS[key]
    # what stays literal in Chinese: placeholders, commands, option names, file names, states as typed,
    # a plan's field and a time zone's name (dates.today refuses a zone as the loader does)
    words = re.sub(r"\{[^}]*\}|`[^`]*`|--[a-z-]+|\([a-z_]+\)|（[a-z_]+）|UTF-8|RECTIFY_REGISTRY|units:|\./data|"
                   r"cp -r|rectify|YYYY-MM-DD|YYYY|DD|registry\.settings\.[a-z_]+|IANA|Asia/Shanghai", "", zh)
    assert not re.search(r"[A-Za-z]{2,}", words), (key, zh)
    # (a label of placeholders and full-width punctuation alone, as `{option}：{what}`, has no words to say)
    assert re.search(r"[\u4e00-\u9fff]", zh) or not words.strip(" （）？："), (key, zh)
    # (full-width punctuation inside Chinese sentences)
    assert not re.search(r"[\u4e00-\u9fff][,;:()?]|[,;:(?][\u4e00-\u9fff]", zh), (key, zh)


def test_the_installed_copy_of_the_bundled_ledger_is_refused_in_chinese(tmp_path, monkeypatch):
    from rectify_cli import layout

    installed = tmp_path / "site-packages" / "rectify_cli" / "data"
    shutil.copytree(FIXTURE, installed)
    monkeypatch.setattr(layout, "_PACKAGED_PLAN", installed / "tasks.yaml")
    result = run("report", "2.2", "--note", "一季度", "--registry", str(installed / "tasks.yaml"))
    assert _stderr_line(result) == (
        f"{installed / 'tasks.yaml'} 是已安装的 rectify 自带台账的副本，下次安装时会被替换：要保留进展记录，请先把它"
        f"连同其首行所指的 `schema/` 文件夹复制到此处（cp -r {installed} {installed.parent / 'schema'} .），"
        "此后在该文件夹中运行的命令即读取 `data/tasks.yaml`（或用 --registry 指定）；未写入任何内容")


def test_the_copy_the_installed_ledger_refusal_says_to_make_runs_when_pasted(tmp_path, monkeypatch):
    """(a virtual environment in a folder named with a space: `cp -r /x/my venv/… ./data`, pasted,
    copied two folders that are not there)"""
    from rectify_cli import layout

    installed = tmp_path / "我的 环境" / "site-packages" / "rectify_cli" / "data"
    shutil.copytree(FIXTURE, installed)
    monkeypatch.setattr(layout, "_PACKAGED_PLAN", installed / "tasks.yaml")
    monkeypatch.chdir(tmp_path)
    result = run("report", "2.2", "--note", "一季度", "--registry", str(installed / "tasks.yaml"), "--lang", "en")
    command = _stderr_line(result).split("(cp ", 1)[1].split("); ", 1)[0]
    assert shlex.split(f"cp {command}") == ["cp", "-r", str(installed), str(installed.parent / "schema"), "."]


@pytest.mark.parametrize("empty_data", [False, True], ids=["no ./data", "an empty ./data"])
def test_the_copy_the_installed_ledger_refusal_says_to_make_gives_a_ledger_that_is_then_written(
        tmp_path, monkeypatch, empty_data):
    """`cp -r …/data ./data`, pasted where an empty ./data was, made ./data/data, which no command
    finds; and it left out schema/, which the copied plan's first line names for editors."""
    from rectify_cli import layout

    package = tmp_path / "我的 环境" / "site-packages" / "rectify_cli"  # (as the wheel lays it out: pyproject.toml)
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", package / "data")
    shutil.copytree(Path(__file__).resolve().parents[1] / "schema", package / "schema")
    monkeypatch.setattr(layout, "_PACKAGED_PLAN", package / "data" / "tasks.yaml")
    here = tmp_path / "台账"
    (here / ".git").mkdir(parents=True)  # (the search for data/tasks.yaml stops there)
    if empty_data:
        (here / "data").mkdir()
    monkeypatch.chdir(here)
    args = ("report", "1.1", "--note", "一季度", "--lang", "en")
    refused = run(*args, today="2019-04-30")  # (no ledger given nor found: the installed one)
    command = re.fullmatch(r".*\((cp -r .*)\); commands run here.*", _stderr_line(refused))[1]
    subprocess.run(["sh", "-c", command], cwd=here, check=True)
    assert not (here / "data" / "data").exists()
    first = (here / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)[1]
    assert (here / "data" / schema).is_file()
    written = run(*args, today="2019-04-30")
    assert written.exit_code == 0, written.output
    journal = (here / "data" / "progress.yaml").read_text(encoding="utf-8")
    assert journal.count("\n- measure: ") == 180 and '- measure: "1.1"\n  date: 2019-04-30\n' in journal
    assert (package / "data" / "progress.yaml").read_bytes() == (
        Path(__file__).resolve().parents[1] / "data" / "progress.yaml").read_bytes()


def test_a_long_list_of_units_for_one_entry_names_a_few_of_them_not_every_one(tmp_path):
    """`--by` given all of the bundled ledger's units, 49 of them joined with 、: the refusal
    named each, one line of 1,355 characters. It names the first 8, and says how many there are."""
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", tmp_path / "data")
    plan = (tmp_path / "data" / "tasks.yaml").read_text(encoding="utf-8")
    units = [name for name in re.findall(r"^  - name: (.+)$", plan, re.M) if "、" not in name]
    assert len(units) == 49
    args = ("report", "1.1", "--note", "一季度", "--by", "、".join(units), "--registry", str(tmp_path / "data" / "tasks.yaml"))
    chinese, english = run(*args, today="2019-04-30"), run(*args, "--lang", "en", today="2019-04-30")
    assert (chinese.exit_code, chinese.stderr) == (2, (
        f"rectify: --by：只能填一个单位，“自治区党委、自治区党委宣传部、自治区党…”是 49 个（{'、'.join(units[:8])}，另有 41 个）："
        "请填牵头的单位，或为每个单位各记一条\n"))
    assert (english.exit_code, english.stderr) == (2, (
        f"rectify: --by: one unit only, and '自治区党委、自治区党委宣传部、自治区党…' is 49 ({', '.join(units[:8])} and 41 more): "
        "give the lead one, or record an entry for each\n"))


def test_an_unknown_unit_in_an_imported_plan_says_to_add_it_in_the_curation_and_import_again(tmp_path):
    """The plan `rectify import` wrote says not to edit it by hand (a re-import would lose the
    edit): the refusal says where the unit is added instead, the curation its header names. A
    hand-written plan's refusal keeps advising its units: (REFUSALS, --by 拉撒市)."""
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", tmp_path / "data")
    plan = tmp_path / "data" / "tasks.yaml"
    args = ("report", "1.1", "--note", "一季度", "--by", "省人民政府", "--registry", str(plan))
    chinese, english = run(*args, today="2019-04-30"), run(*args, "--lang", "en", today="2019-04-30")
    assert (chinese.exit_code, chinese.stderr) == (2, (
        f"rectify: --by：未知单位“省人民政府”；{plan} 由 `rectify import` 生成，请勿手工修改：请在校订文件 curation.yaml "
        "的 `extra_units:` 下添加该单位（写法同 units:），再重新导入\n"))
    assert (english.exit_code, english.stderr) == (2, (
        f"rectify: --by: unknown unit '省人民政府'; {plan} is generated by `rectify import`, not edited by hand: add the "
        "unit under 'extra_units:' in the curation curation.yaml (written as under 'units:'), then import again\n"))


def test_an_unknown_unit_in_a_plan_imported_without_a_curation_says_to_write_one(tmp_path):
    report = tmp_path / "nx.txt"
    report.write_text("宁夏回族自治区整改情况报告\n\n中央第二生态环境保护督察组于2018年1月3日反馈了督察意见。当地党委、政府高度重视。"
                      "截至2019年3月，全区1项整改任务基本完成。\n\n附：整改情况\n\n一、银川市问题突出。\n\n整改时限：2019年6月30日前完成。\n\n"
                      "整改进度：序时推进。\n\n1.自治区生态环境厅制定方案（2019年6月30日）。\n\n整改进展：正在制定。\n", encoding="utf-8")
    assert run("import", str(report), "-o", str(tmp_path / "data")).exit_code == 0
    args = ("extend", "1.1", "--to", "2019-12-31", "--reason", "x", "--approved-by", "省人民政府",
            "--registry", str(tmp_path / "data"))
    chinese, english = run(*args, today="2019-04-30"), run(*args, "--lang", "en", today="2019-04-30")
    plan = tmp_path / "data" / "tasks.yaml"
    assert (chinese.exit_code, chinese.stderr) == (2, (
        f"rectify: --approved-by：未知单位“省人民政府”；{plan} 由 `rectify import` 生成，请勿手工修改：请写一个校订文件，"
        "在其 `extra_units:` 下添加该单位（写法同 units:），再以 --curation 重新导入\n"))
    assert (english.exit_code, english.stderr) == (2, (
        f"rectify: --approved-by: unknown unit '省人民政府'; {plan} is generated by `rectify import`, not edited by hand: "
        "write a curation file with the unit under 'extra_units:' (written as under 'units:'), then import again with --curation\n"))
