"""Broken registries and journals: every one is refused with one clear, located message.

The corpus is tests/bad_inputs/<case>/ (tasks.yaml, and progress.yaml for journal cases);
tests/bad_inputs/README.md describes each case. Every case runs the real command line in a
subprocess (a crash of the C YAML parser must not take pytest down with it), from a copy
of the case folder so that messages name the relative path `tasks.yaml` and so that
nothing (a cache, a lock) is ever written into the corpus.

For each case: exit code 2, stderr exactly the expected `rectify: file:line:col: message`
lines, nothing on stdout, no "Traceback", finished quickly. Adding a case is one line in
CASES plus its folder. The messages are pinned in English (RECTIFY_LANG=en); by default they
are said in Chinese, at the same places (test_bad_input_is_said_in_chinese_by_default).
"""
from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "bad_inputs"
ROOT = CORPUS.parent.parent
TODAY = "2019-03-31"
ACCEPTED_SMALL = "tasks.yaml：通过——1项整改任务、1项具体措施、{}条进展记录"


# -- running the command line --------------------------------------------------------------
@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    maxrss_mb: float  # peak resident memory of this one child


def rectify(args, cwd, *, timeout: float = 30, env: dict | None = None, memory_limit: int | None = None,
            stdout: Path | None = None, lang: str | None = "en", run_by: tuple[str, ...] = ()) -> Run:
    """`python -m rectify_cli ARGS` in `cwd`; its own exit code, time and peak memory.
    `stdout`: where standard output goes instead (then Run.stdout is empty). `lang`: the
    language (RECTIFY_LANG) of its messages; None: the default, Chinese. `run_by`: a command
    that runs it (as_a_clerk()).

    os.wait4 gives the rusage of exactly this child (RUSAGE_CHILDREN would mix in every
    earlier test's children). `timeout`: a hang guard in seconds of the child's CPU (RLIMIT_CPU),
    not of the clock, which a busy machine stretches; one blocked without using CPU (a pipe no
    one writes to) is killed after ten times as long by the clock. Either way the run is
    reported as 124.
    """
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("RECTIFY_REGISTRY", "RECTIFY_DEBUG", "RECTIFY_LANG", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    full_env.update({"RECTIFY_TODAY": TODAY, "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"})
    if lang is not None:
        full_env["RECTIFY_LANG"] = lang
    full_env.update(env or {})

    def limit():  # runs in the child before exec
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(timeout), math.ceil(timeout) + 5))  # (SIGXCPU, then SIGKILL)
        if memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    out_path, err_path = Path(cwd) / ".rectify-test-stdout", Path(cwd) / ".rectify-test-stderr"
    with open(stdout or out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen([*run_by, sys.executable, "-m", "rectify_cli", *map(str, args)], cwd=cwd,
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=full_env,
                                preexec_fn=limit)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > 10 * timeout:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                status = None
                break
            time.sleep(0.01)
        seconds = time.monotonic() - start
        code = None if status is None else os.waitstatus_to_exitcode(status)
        proc.returncode = 124 if code in (None, -signal.SIGXCPU, -signal.SIGKILL) else code
    output = "" if stdout else out_path.read_bytes().decode("utf-8", "replace")
    stderr = err_path.read_bytes().decode("utf-8", "replace")
    out_path.unlink(missing_ok=True)
    err_path.unlink()
    return Run(proc.returncode, output, stderr, seconds, usage.ru_maxrss / 1024)


def assert_refused(run: Run, expected: list[str]) -> None:
    """Refused: exit 2 (a run that hangs is killed at rectify()'s timeout, exit 124),
    the expected lines on stderr and nothing else. (No time limit beyond that: this machine
    is shared, and speed is the benchmark's to measure.)"""
    assert run.returncode == 2, f"exit {run.returncode}, stderr: {run.stderr!r}"
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr and "内部错误" not in run.stderr
    assert run.stdout == ""
    assert run.stderr == "".join(f"rectify: {line}\n" for line in expected)


# -- the corpus table ----------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    name: str  # folder under tests/bad_inputs
    wrong: str  # what is wrong (for README.md)
    expected: tuple[str, ...]  # stderr lines without "rectify: "; for accepted cases, stdout
    accepted: bool = False  # the input is odd but valid: exit 0
    target: str = "tasks.yaml"
    defect: str | None = None  # the code does not behave yet: strict xfail with this reason

    @property
    def journal(self) -> bool:
        return (CORPUS / self.name / "progress.yaml").exists()


def C(name, wrong, *expected, **kw) -> Case:
    return Case(name, wrong, tuple(expected), **kw)


CASES = [
    # YAML syntax
    C("yaml_unclosed_flow_sequence", "`regions: [拉萨市` never closed",
      "tasks.yaml:19:13: YAML syntax: while parsing a flow sequence: did not find expected ',' or ']' (a '[' not closed?)"),
    C("yaml_unclosed_flow_mapping", "`{kind: date, due: 2018-12-31` never closed",
      "tasks.yaml:17:13: YAML syntax: while parsing a flow mapping: did not find expected ',' or '}' (a '{' not closed?)"),
    C("yaml_bad_indentation", "`issuer:` indented one space more than its siblings",
      "tasks.yaml:3:10: YAML syntax: mapping values are not allowed in this context (check that the indentation lines up; put text holding ': ' in quotes)"),
    C("yaml_unclosed_quote", "`title: \"污水…` opening quote never closed",
      "tasks.yaml:11:12: YAML syntax: while scanning a quoted scalar that starts here, its quote not closed: found unexpected end of stream"),
    C("yaml_stray_colon", "`problem: 污水处理: 设施…` (a second ': ' in plain text)",
      "tasks.yaml:12:18: YAML syntax: mapping values are not allowed in this context (check that the indentation lines up; put text holding ': ' in quotes)"),
    C("yaml_tab_indentation", "a tab used for indentation",
      "tasks.yaml:3:1: YAML syntax: a tab in the indentation: indent with spaces"),
    C("yaml_two_documents", "two YAML documents (`---`) in one plan file",
      "tasks.yaml:26:1: YAML syntax: expected a single document in the stream: but found another document ('---')"),
    C("yaml_control_character", "a raw BEL (0x07) inside a plain scalar",
      'tasks.yaml:12:18: YAML syntax: control character \\x07 is not allowed (inside double quotes, write it as the escape "\\x07")'),
    C("ctrl_z_at_end", "a Ctrl-Z (0x1a) after the last line, as DOS `copy` and old Windows tools end a file",
      "tasks.yaml:26:1: a Ctrl-Z (\\x1a) ends the file, as old DOS and Windows tools end one: delete it"),
    # empty-ish files
    C("empty_file", "a file of 0 bytes",
      "tasks.yaml:1:1: empty file: expected a registry with 'registry', 'units' and 'tasks'"),
    C("only_comment", "a file holding one comment line",
      "tasks.yaml:1:1: empty file: expected a registry with 'registry', 'units' and 'tasks'"),
    C("only_document_marker", "`---` and `...` only",
      "tasks.yaml:1:1: empty file: expected a registry with 'registry', 'units' and 'tasks'"),
    C("top_level_text", "the whole file is one line of text",
      "tasks.yaml:1:1: registry file: expected a mapping (key: value), got text '整改台账'"),
    C("top_level_list", "the top level is a list",
      "tasks.yaml:1:1: registry file: expected a mapping (key: value), got a list"),
    # encodings
    C("bom_accepted", "starts with a UTF-8 byte-order mark (Windows Notepad): accepted, the BOM is dropped",
      ACCEPTED_SMALL.format(0), accepted=True),
    C("crlf_accepted", "Windows line ends (CRLF): accepted",
      ACCEPTED_SMALL.format(0), accepted=True),
    C("gb18030", "the file is saved as GB18030/GBK",
      "tasks.yaml:2:10: not valid UTF-8: byte 0xbb (it looks like GB18030/GBK: save it as UTF-8)"),
    C("invalid_utf8", "bytes 0xff 0xfe in the middle of the text",
      "tasks.yaml:12:14: not valid UTF-8: byte 0xff"),
    C("utf16", "the file is saved as UTF-16 (with its BOM), as Notepad saves \"Unicode\"",
      "tasks.yaml:1:1: not valid UTF-8: byte 0xff (it looks like UTF-16, Notepad's \"Unicode\": save it as UTF-8)"),
    C("title_number", "`title: 2019` (YAML reads an integer): accepted as the text written",
      ACCEPTED_SMALL.format(0), accepted=True),
    # duplicates
    C("duplicate_key", "`title:` twice in one task",
      "tasks.yaml:13:5: duplicate key 'title' (first defined on line 11)"),
    C("duplicate_task_id", "two tasks with id 1",
      "tasks.yaml:26:9: task 1: duplicate task id 1 (first on line 10)"),
    C("duplicate_measure_id", "two measures 1 under task 1",
      "tasks.yaml:26:13: measure 1.1: duplicate measure id (first on line 20)"),
    C("duplicate_unit", "unit 拉萨市 declared twice",
      "tasks.yaml:8:5: unit name or alias '拉萨市' is declared twice (first on line 7)"),
    C("duplicate_unit_alias", "alias 环境保护厅 of one unit given again to another, in block lists",
      "tasks.yaml:14:9: unit name or alias '环境保护厅' is declared twice (first on line 9)"),
    C("owner_twice", "a measure's owners name 拉萨市 twice",
      "tasks.yaml:22:23: measure 1.1, field owners: unit '拉萨市' is listed twice; list each unit once"),
    C("owner_alias_twice", "a measure's owners name 自治区生态环境厅 after its alias 环境保护厅",
      "tasks.yaml:24:30: measure 1.1, field owners: unit '自治区生态环境厅' is listed before by its alias '环境保护厅'; "
      "list each unit once"),
    # dates
    C("date_feb_30", "due 2018-02-30",
      "tasks.yaml:16:29: task 1, field deadline.milestones[1].due: '2018-02-30' is not a real calendar date (that month has no such day)"),
    C("date_month_13", "feedback_date 2018-13-01",
      "tasks.yaml:4:18: registry.feedback_date: '2018-13-01' is not a real calendar date (a month is 1 to 12)"),
    C("date_chinese_text", "due written 2018年6月30日",
      "tasks.yaml:16:29: task 1, field deadline.milestones[1].due: expected a date written YYYY-MM-DD, got '2018年6月30日' "
      "(did you mean 2018-06-30?)"),
    C("date_kind_word", "due written 长期坚持 (a kind of milestone, not a date)",
      "tasks.yaml:16:29: task 1, field deadline.milestones[1].due: expected a date written YYYY-MM-DD, got '长期坚持' "
      "(长期坚持 is a kind of milestone, not a date: write the milestone {kind: ongoing})"),
    C("date_no_year", "due written 6月30日 (no year)",
      "tasks.yaml:16:29: task 1, field deadline.milestones[1].due: expected a date written YYYY-MM-DD, got '6月30日' "
      "(the year is missing: write YYYY-06-30)"),
    C("date_english_text", "report_date written `June 30`",
      "tasks.yaml:5:16: registry.report_date: expected a date written YYYY-MM-DD, got 'June 30'"),
    C("date_number", "due written 20181231 (a number)",
      "tasks.yaml:25:31: measure 1.1, field milestones[1].due: expected a date YYYY-MM-DD, got the number 20181231"),
    C("integer_too_big_for_a_date", "due written 2018_12_31 (YAML 1.1 reads an integer)",
      "tasks.yaml:16:29: task 1, field deadline.milestones[1].due: expected a date YYYY-MM-DD, got the number 20181231"),
    C("date_missing_due", "`{kind: date}` without due",
      "tasks.yaml:25:13: measure 1.1, field milestones[1]: a date milestone needs 'due: YYYY-MM-DD'"),
    C("ongoing_with_due", "`{kind: ongoing, due: 2018-12-31}` (an ongoing milestone given a date)",
      "tasks.yaml:25:34: measure 1.1, field milestones[1]: a milestone of kind ongoing takes no due date: remove 'due' "
      "(a step due on a date is a milestone of its own: {kind: date, due: YYYY-MM-DD})"),
    C("date_unicode_digits", "report_date in Arabic-Indic digits ٢٠١٩-٠٣-٣١",
      "tasks.yaml:5:16: registry.report_date: expected a date written YYYY-MM-DD, got '٢٠١٩-٠٣-٣١' "
      "(did you mean 2019-03-31?)"),
    C("date_trailing_newline", 'report_date "2019-03-31\\n" (a newline inside the quotes)',
      "tasks.yaml:5:16: registry.report_date: expected a date written YYYY-MM-DD, got '2019-03-31\\n' "
      "(did you mean 2019-03-31?)"),
    # vocabulary and keys
    C("milestone_unknown_kind", "milestone `{kind: weekly}`",
      "tasks.yaml:25:20: measure 1.1, field milestones[1].kind: unknown value 'weekly'; expected one of date, ongoing, immediate"),
    C("reported_unknown_state", "reported state `done` (not a 整改进度 value)",
      "tasks.yaml:17:23: task 1, field reported.state: unknown value 'done'; expected one of fully_done, basically_done, on_schedule, interim_results"),
    C("unknown_key_owmers", "`owmers:` typo for owners",
      "tasks.yaml:20:9: measure 1.1: missing required key 'owners'",
      "tasks.yaml:22:9: measure 1.1: unknown key 'owmers' (did you mean owners?); allowed: id, text, owners, lead, milestones"),
    C("unknown_key_titel", "`titel:` typo for title",
      "tasks.yaml:10:5: task 1: missing required key 'title'",
      "tasks.yaml:11:5: task 1: unknown key 'titel' (did you mean title?); allowed: id, title, problem, deadline, reported, regions, measures"),
    C("unknown_unit", "owner 拉萨巿 (巿 U+5DFF instead of 市)",
      "tasks.yaml:22:18: measure 1.1, field owners: unknown unit '拉萨巿' (did you mean 拉萨市?); declare it under 'units:'"),
    C("unknown_region", "region 拉萨 (without 市)",
      "tasks.yaml:18:15: task 1, field regions: unknown region '拉萨' (did you mean 拉萨市?); the regions are the units "
      "declared under 'units:' with kind: region (拉萨市)"),
    # wrong types
    C("list_where_mapping", "`reported: [basically_done]`",
      "tasks.yaml:17:15: task 1, field reported: expected a mapping (key: value), got a list"),
    C("mapping_where_text", "`title: {zh: …}`",
      "tasks.yaml:11:12: task 1, field title: expected non-empty text, got a mapping"),
    C("text_where_list", "`owners: 拉萨市` without brackets",
      "tasks.yaml:22:17: measure 1.1, field owners: expected a list, got text '拉萨市'"),
    C("milestones_mapping", "`milestones: {kind: ongoing}` (a mapping, not a list)",
      "tasks.yaml:24:21: measure 1.1, field milestones: expected a list, got a mapping"),
    C("region_not_text", "`regions: [[拉萨市]]` (a list inside the list)",
      "tasks.yaml:18:15: task 1, field regions: expected the name of a region, got a list"),
    C("owner_not_text", "`owners: [拉萨市, [拉萨市]]` (a list inside the list)",
      "tasks.yaml:22:23: measure 1.1, field owners: expected the name of a unit (text), got a list"),
    C("task_id_text", "`id: 一` (a Chinese numeral)",
      "tasks.yaml:10:9: task.id: expected a whole number ≥ 1, got '一'"),
    C("empty_measures_owners", "`owners: []`",
      "tasks.yaml:22:17: measure 1.1, field owners: expected at least one responsible unit"),
    C("bool_where_number", "`warn_days: yes`",
      "tasks.yaml:7:16: registry.settings.warn_days: expected a whole number ≥ 0, got true/false"),
    C("claim_key_not_a_key", "a claim's key written as words, `Tasks Total`",
      "tasks.yaml:7:13: claim.key: expected a count key of lowercase letters, digits and _ (e.g. tasks_total), got 'Tasks Total'"),
    C("claim_key_twice", "two claims of key tasks_total (46 and 1): one is a mistake, and reconcile listed the key twice",
      "tasks.yaml:8:13: claim.key: the report's figure 'tasks_total' is claimed twice (first on line 7); claim each figure once"),
    C("complex_key", "a complex mapping key `? [a, b]`",
      "tasks.yaml:6:3: a mapping key must be plain text"),
    # YAML features a registry refuses
    C("alias_single", "an anchor `&lhasa` and an alias `*lhasa`",
      "tasks.yaml:7:5: YAML anchors and aliases (&name, *name) are not allowed in a registry; write the value out"),
    C("merge_key", "a merge key `<<:`",
      "tasks.yaml:18:7: merge keys (<<) are not allowed in a registry"),
    C("alias_bomb", "billion laughs: 9 levels of 9 aliases (also checked for time and memory below)",
      "tasks.yaml:1:4: YAML anchors and aliases (&name, *name) are not allowed in a registry; write the value out"),
    C("tag_binary", "`!!binary` scalar",
      "tasks.yaml:12:14: unsupported YAML tag 'tag:yaml.org,2002:binary': a registry holds only plain text, numbers, lists and mappings"),
    C("tag_custom", "local tag `!custom`",
      "tasks.yaml:12:14: unsupported YAML tag '!custom': a registry holds only plain text, numbers, lists and mappings"),
    C("tag_set", "`!!set {拉萨市}`",
      "tasks.yaml:18:14: unsupported YAML tag 'tag:yaml.org,2002:set': a registry holds only plain text, numbers, lists and mappings"),
    C("tag_timestamp", "explicit `!!timestamp` (dates stay text)",
      "tasks.yaml:5:16: unsupported YAML tag 'tag:yaml.org,2002:timestamp': a registry holds only plain text, numbers, lists and mappings"),
    C("tag_python_name", "`!!python/name:os.system`",
      "tasks.yaml:12:14: unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system': a registry holds only plain text, numbers, lists and mappings"),
    # journal (progress.yaml next to a valid tasks.yaml); also run through `status`
    C("journal_unknown_task", 'entry for measure "46.1" (there is no task 46)',
      "progress.yaml:1:12: journal entry 1: no measure '46.1' in the plan"),
    C("journal_missing_measure", 'entry for measure "1.9" (task 1 has one measure)',
      "progress.yaml:1:12: journal entry 1: no measure '1.9' in the plan (did you mean 1.1?)"),
    C("journal_unknown_state", "state `finished`",
      "progress.yaml:3:10: journal entry 1, field state: unknown value 'finished'; expected one of in_progress, done, reopened, report, extended, retracted"),
    C("journal_future_date", f"entry dated 2019-04-01 with RECTIFY_TODAY={TODAY}",
      "progress.yaml:2:9: journal entry 1, field date: 2019-04-01 is in the future (today is 2019-03-31): an entry records "
      "what has happened; if its date is right, check this computer's clock"),
    C("journal_unquoted_measure", "`measure: 1.1` unquoted (YAML reads the number 1.1)",
      'progress.yaml:1:12: journal entry 1, field measure: expected a quoted measure id like "18.4", got the number 1.1'),
    C("journal_not_a_list", "the journal is one mapping, not a list of entries",
      "progress.yaml:1:1: journal: expected a list of entries (- measure: ...), got a mapping"),
    C("journal_chinese_date", "entry date written 2019年3月1日",
      "progress.yaml:2:9: journal entry 1, field date: expected a date written YYYY-MM-DD, got '2019年3月1日' "
      "(did you mean 2019-03-01?)"),
    C("journal_extended_without_to", "state extended without `to:`",
      "progress.yaml:1:3: journal entry 1: an extension needs 'to: YYYY-MM-DD' (the new due date)"),
    C("journal_yaml_error", "`note: [主体…` unclosed flow sequence in the journal",
      "progress.yaml:5:1: YAML syntax: while parsing a flow sequence: did not find expected ',' or ']' (a '[' not closed?)"),
    C("journal_nul_at_end", "the journal ends in 16 NUL bytes (0x00), as a copy or save cut short leaves it",
      "progress.yaml:5:1: from here to its end the file holds only NUL bytes (\\x00), as a save or copy cut short "
      "leaves it: restore the file from a copy"),
    C("journal_cut_mid_character", "the journal ends inside a character (two of the three bytes of 。), as a copy cut short leaves it",
      "progress.yaml:4:18: the file ends inside a character (byte 0xe3): was a save or copy cut short? "
      "Restore the file from a copy"),
    C("journal_unicode_line_break", "a raw U+2028 (line separator, as text pasted from Word or a web page brings) in a note",
      "progress.yaml:4:19: YAML syntax: a Unicode line break U+2028, which YAML reads as the end of a line: delete it, "
      "or put the text in double quotes writing it as the escape \"\\u2028\""),
    C("journal_bom_mid_file", "two journals saved by Notepad joined with `cat`: a UTF-8 byte-order mark starts line 5",
      "progress.yaml:5:1: U+FEFF (a byte-order mark) in mid-file: two files joined?"),
    C("journal_bad_hash", "`hash: 1234`",
      "progress.yaml:5:9: journal entry 1, field hash: expected 64 lowercase hex digits"),
    C("journal_unknown_unit", "`by: 拉萨` (not a declared unit)",
      "progress.yaml:5:7: journal entry 1, field by: unknown unit '拉萨' (did you mean 拉萨市?)"),
    C("journal_note_sexagesimal", "`note: 10:30` (YAML 1.1 reads base-60 integers): accepted as text",
      ACCEPTED_SMALL.format(1), accepted=True),
    C("journal_note_number", "`note: 017` (YAML 1.1 reads an integer): accepted as the text written",
      ACCEPTED_SMALL.format(1), accepted=True),
    C("journal_only_comment_accepted", "a journal holding only a comment: nothing recorded yet, accepted",
      ACCEPTED_SMALL.format(0), accepted=True),
    # folders
    C("folder_without_plans", "a folder holding only progress.yaml and a .txt",
      ".: folder holds no plan files (*.yaml)", target="."),
]

PARAMS = []
for case in CASES:
    commands = ["validate"] + (["status"] if case.journal or case.target == "." else [])
    for command in commands:
        marks = [pytest.mark.xfail(strict=True, reason=case.defect)] if case.defect else []
        PARAMS.append(pytest.param(case, command, id=f"{case.name}-{command}", marks=marks))


def copy_case(case: Case, tmp_path: Path) -> Path:
    folder = tmp_path / case.name
    shutil.copytree(CORPUS / case.name, folder)
    return folder


@pytest.mark.parametrize("case,command", PARAMS)
def test_bad_input(case: Case, command: str, tmp_path):
    folder = copy_case(case, tmp_path)
    args = ["validate", case.target] if command == "validate" else ["status", "--registry", case.target]
    run = rectify(args, folder, lang=None if case.accepted else "en")
    if case.accepted:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
        if command == "validate":
            assert run.stdout == "".join(f"{line}\n" for line in case.expected)
        return
    assert_refused(run, list(case.expected))


REFUSED = [case for case in CASES if not case.accepted and not case.defect]
_CJK = re.compile("[\u4e00-\u9fff]")

# Some of them word for word, as a Chinese clerk reads them.
IN_CHINESE = {
    "date_feb_30": "tasks.yaml:16:29: 任务 1 的 deadline.milestones[1].due：“2018-02-30”不是实际存在的日期（该月没有这一天）",
    "date_chinese_text": "tasks.yaml:16:29: 任务 1 的 deadline.milestones[1].due：应为 YYYY-MM-DD 格式的日期，实为“2018年6月30日”"
                         "（是否指 2018-06-30？）",
    "date_kind_word": "tasks.yaml:16:29: 任务 1 的 deadline.milestones[1].due：应为 YYYY-MM-DD 格式的日期，实为“长期坚持”"
                      "（长期坚持 是时限的类别，不是日期：该时限应写作 {kind: ongoing}）",
    "date_no_year": "tasks.yaml:16:29: 任务 1 的 deadline.milestones[1].due：应为 YYYY-MM-DD 格式的日期，实为“6月30日”"
                    "（缺少年份：应写作 YYYY-06-30）",
    # (a line break inside the quotes shown as \n, not as a space that hides it)
    "date_trailing_newline": "tasks.yaml:5:16: registry.report_date：应为 YYYY-MM-DD 格式的日期，实为“2019-03-31\\n”"
                             "（是否指 2019-03-31？）",
    "date_number": "tasks.yaml:25:31: 措施 1.1 的 milestones[1].due：应为 YYYY-MM-DD 格式的日期，实为数字 20181231",
    "duplicate_measure_id": "tasks.yaml:26:13: 措施 1.1：措施编号重复（首次在第 20 行）",
    "duplicate_key": "tasks.yaml:13:5: 键“title”重复（首次定义在第 11 行）",
    "claim_key_twice": "tasks.yaml:8:13: claim.key：报告的数字“tasks_total”列了两次（首次在第 7 行）；每个数字只列一次",
    "owner_twice": "tasks.yaml:22:23: 措施 1.1 的 owners：单位“拉萨市”列了两次；每个单位只列一次",
    "owner_alias_twice": "tasks.yaml:24:30: 措施 1.1 的 owners：单位“自治区生态环境厅”已在前面以其别名“环境保护厅”列出；每个单位只列一次",
    "gb18030": "tasks.yaml:2:10: 不是有效的 UTF-8：字节 0xbb（看起来是 GB18030/GBK 编码：请另存为 UTF-8）",
    "utf16": "tasks.yaml:1:1: 不是有效的 UTF-8：字节 0xff（看起来是 UTF-16 编码，即记事本的“Unicode”：请另存为 UTF-8）",
    "ctrl_z_at_end": "tasks.yaml:26:1: 文件末尾有 Ctrl-Z（\\x1a，DOS 和旧版 Windows 工具写入的文件结束符）：请删除它",
    "journal_nul_at_end": "progress.yaml:5:1: 从这里到文件末尾全是空字节（\\x00），是保存或复制中途中断留下的：请从备份恢复该文件",
    "ongoing_with_due": "tasks.yaml:25:34: 措施 1.1 的 milestones[1]：kind 为 ongoing 的时限不写截止日期：请删去 due"
                        "（有截止日期的一步另写为一个时限：{kind: date, due: YYYY-MM-DD}）",
    "milestone_unknown_kind": "tasks.yaml:25:20: 措施 1.1 的 milestones[1].kind：未知的值“weekly”；应为以下之一：date、ongoing、immediate",
    "empty_file": "tasks.yaml:1:1: 空文件：台账应含 'registry'、'units' 和 'tasks'",
    "journal_unknown_unit": "progress.yaml:5:7: 第 1 条进展记录的 by：未知单位“拉萨”（是否指 拉萨市？）",
    "journal_cut_mid_character": "progress.yaml:4:18: 文件在一个字符的中间结束（字节 0xe3）：是否保存或复制中途中断？请从备份恢复该文件",
    "owner_not_text": "tasks.yaml:22:23: 措施 1.1 的 owners：应为单位名称（文字），实为列表",
    "journal_bom_mid_file": "progress.yaml:5:1: 文件中间有 U+FEFF（字节顺序标记，BOM）：是两个文件拼接而成的吗？",
}


@pytest.mark.parametrize("case", REFUSED, ids=[case.name for case in REFUSED])
def test_bad_input_is_said_in_chinese_by_default(case: Case, tmp_path):
    """Without --lang (or RECTIFY_LANG), the same problems at the same places, each said in
    Chinese: not the English words."""
    run = rectify(["validate", case.target], copy_case(case, tmp_path), lang=None)
    assert run.returncode == 2 and run.stdout == "" and "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == len(case.expected)
    for line, english in zip(lines, case.expected):
        where = english[: english.index(": ")]
        assert line.startswith(f"rectify: {where}: "), line
        said = line[len(f"rectify: {where}: "):]
        assert _CJK.search(said) and said != english[len(where) + 2:], line
    if case.name in IN_CHINESE:
        assert lines == [f"rectify: {IN_CHINESE[case.name]}"]


def test_the_chinese_examples_are_corpus_cases():
    assert set(IN_CHINESE) <= {case.name for case in REFUSED}


def test_corpus_folders_all_have_a_case():
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert folders == {case.name for case in CASES}
    assert len(CASES) >= 30


def test_readme_lists_every_case():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for case in CASES:
        assert f"`{case.name}`" in readme, case.name


def test_the_main_readme_counts_the_corpus_right():
    """"What rectify refuses" says how many broken inputs pin their message (it said 70 of 68)."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"{len(REFUSED)} broken registries and journals in" in readme


def test_readme_gives_each_case_the_message_it_pins():
    """The corpus README is where a reader looks up what rectify says to each case: its row
    quotes the message word for word (it had drifted: owmers, a future date, unknown states)."""
    rows: dict[str, str] = {}
    for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"\| `(\w+)` \|", line):
            rows[m.group(1)] = rows.get(m.group(1), "") + line
    for case in CASES:
        for message in case.expected:
            assert f"`{message}`" in rows[case.name], (case.name, message)


# -- generated cases: too big, too deep, or not a plain file ---------------------------------
MINIMAL_PLAN = (CORPUS / "journal_future_date" / "tasks.yaml").read_text(encoding="utf-8")


def huge_plan(target_bytes: int) -> tuple[str, int]:
    """A valid plan of about `target_bytes` bytes: many tasks of five measures each."""
    head = MINIMAL_PLAN[: MINIMAL_PLAN.index("tasks:\n")].replace(
        "    kind: region\n", "    kind: region\n  - name: 自治区生态环境厅\n    aliases: [环境保护厅]\n") + "tasks:\n"
    filler = "部分县城污水直排，管网建设滞后，需加快推进。" * 4
    measure = """      - id: {j}
        text: 措施{i}.{j}。{filler}（2018年12月31日，长期坚持）。
        owners: [拉萨市, 自治区生态环境厅]
        lead: 自治区生态环境厅
        milestones:
          - {{kind: date, due: 2018-12-31, label: 第一步}}
          - {{kind: ongoing}}
"""
    task = """  - id: {i}
    title: 问题{i}
    problem: 问题{i}。{filler}
    deadline:
      text: 2018年12月31日前完成，长期坚持
      milestones:
        - {{kind: date, due: 2018-12-31}}
        - {{kind: ongoing}}
    reported: {{state: basically_done, ongoing: true}}
    regions: [拉萨市]
    measures:
"""
    parts, size, i = [head], len(head.encode()), 0
    while size < target_bytes:
        i += 1
        chunk = task.format(i=i, filler=filler) + "".join(measure.format(i=i, j=j, filler=filler) for j in range(1, 6))
        parts.append(chunk)
        size += len(chunk.encode())
    return "".join(parts), i


def test_huge_valid_file_loads(tmp_path, capsys):
    """~20 MB of valid plan must load, not be refused as too big (time printed with -s)."""
    text, tasks = huge_plan(20_000_000)
    (tmp_path / "tasks.yaml").write_text(text, encoding="utf-8")
    run = rectify(["validate", "tasks.yaml"], tmp_path, timeout=120, lang=None)
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"tasks.yaml：通过——{tasks}项整改任务、{tasks * 5}项具体措施、0条进展记录\n"
    with capsys.disabled():
        print(f"\n[huge file] {len(text.encode()) / 1e6:.1f} MB, {tasks} tasks: validate took "
              f"{run.seconds:.1f} s, peak memory {run.maxrss_mb:.0f} MB")


def test_evidence_bigger_than_the_memory_allowed_is_pinned(tmp_path):
    """Evidence is often a video or a scanned file of gigabytes: it is hashed a block at a
    time, not read whole (here: 400 MB of evidence in a process allowed 300 MB in all)."""
    import hashlib

    shutil.copytree(SMALL, tmp_path / "small")
    with open(tmp_path / "现场核查.mp4", "wb") as video:
        video.truncate(400 << 20)  # (sparse: takes no disk)
    run = rectify(["close", "1.1", "--evidence", "现场核查.mp4", "-r", "small/tasks.yaml"], tmp_path,
                  timeout=60, memory_limit=300 << 20)
    assert run.returncode == 0, run.stderr
    digest = hashlib.sha256(bytes(1 << 20))
    for _ in range(399):
        digest.update(bytes(1 << 20))
    entries = (tmp_path / "small" / "progress.yaml").read_text(encoding="utf-8")
    assert f"evidence: file:{(tmp_path / '现场核查.mp4').as_posix()} sha256:{digest.hexdigest()}\n" in entries


SEGFAULT = "the C composer (libyaml) recurses once per level: the process dies of SIGSEGV"


@pytest.mark.parametrize("shape,text,where", [
    pytest.param("flow_sequences", "[" * 100_000, "1:66", id="100000-brackets"),
    pytest.param("flow_mappings", "{a: " * 100_000, "1:261", id="100000-flow-mappings"),
    pytest.param("block_sequences", "- " * 100_000 + "x", "1:131", id="100000-block-dashes"),
])
def test_deeply_nested_document_fails_cleanly(shape, text, where, tmp_path):
    (tmp_path / "deep.yaml").write_text(text + "\n", encoding="utf-8")
    run = rectify(["validate", "deep.yaml"], tmp_path)
    assert run.returncode != -signal.SIGSEGV, "segmentation fault"
    if shape == "flow_sequences" and run.stderr.startswith("rectify: deep.yaml:1:1001:"):
        where = "1:1001"  # PyYAML 6.0.4+ stops at its own flow-nesting limit first; same message
    assert_refused(run, [f"deep.yaml:{where}: document nested deeper than 64 levels"])


def test_nesting_just_too_deep_is_refused(tmp_path):
    """70 levels: below the crash threshold; the walker's own limit names the place."""
    (tmp_path / "deep.yaml").write_text("[" * 70 + "]" * 70 + "\n", encoding="utf-8")
    run = rectify(["validate", "deep.yaml"], tmp_path)
    assert_refused(run, ["deep.yaml:1:66: document nested deeper than 64 levels"])


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    folder = copy_case(next(c for c in CASES if c.name == "alias_bomb"), tmp_path)
    # (expanded, it would take gigabytes: allowed 300 MB in all, it would fail. A child's peak RSS can't
    # tell: Linux counts in it the memory of the test process it was started from.)
    run = rectify(["validate", "tasks.yaml"], folder, memory_limit=300 << 20)
    assert_refused(run, ["tasks.yaml:1:4: YAML anchors and aliases (&name, *name) are not allowed in a registry; write the value out"])


PYTHON_TAGS = [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/new:os.system ["touch {marker}"]',
    "!!python/object/apply:subprocess.check_call [[touch, {marker}]]",
    '!!python/object/apply:builtins.exec ["open(\'{marker}\', \'w\').close()"]',
]


@pytest.mark.parametrize("tag", PYTHON_TAGS, ids=["os.system", "object-new", "subprocess", "exec"])
@pytest.mark.parametrize("where", ["plan", "journal"])
def test_python_tags_execute_nothing(tag, where, tmp_path):
    marker = Path("/tmp") / f"rectify-pwned-{uuid.uuid4().hex}"
    payload = tag.format(marker=marker)
    if where == "plan":
        (tmp_path / "tasks.yaml").write_text(MINIMAL_PLAN.replace("    problem: 污水处理设施建设滞后。",
                                                                  f"    problem: {payload}"), encoding="utf-8")
        file, line_col = "tasks.yaml", "12:14"
    else:
        (tmp_path / "tasks.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
        (tmp_path / "progress.yaml").write_text(
            f'- measure: "1.1"\n  date: 2019-03-01\n  state: in_progress\n  note: {payload}\n', encoding="utf-8")
        file, line_col = "progress.yaml", "4:9"
    tag_name = payload.split(" ")[0].replace("!!", "tag:yaml.org,2002:")
    expected = [f"{file}:{line_col}: unsupported YAML tag {tag_name!r}: a registry holds only plain text, "
                "numbers, lists and mappings"]
    try:
        for args in (["validate", "tasks.yaml"], ["status", "--registry", "tasks.yaml"], ["check", "--registry", "tasks.yaml"]):
            run = rectify(args, tmp_path)
            assert not marker.exists(), f"{args[0]} executed the payload"
            assert_refused(run, expected)
    finally:
        if marker.exists():
            marker.unlink()


def test_missing_path(tmp_path):
    run = rectify(["validate", "nowhere/tasks.yaml"], tmp_path)
    assert_refused(run, ["nowhere/tasks.yaml: no such file or folder"])
    run = rectify(["status", "--registry", "nowhere/tasks.yaml"], tmp_path)
    assert_refused(run, ["nowhere/tasks.yaml: no such file or folder"])


REPORT = Path(__file__).parent / "fixtures" / "reports" / "damaged.txt"


@pytest.mark.parametrize("args", [
    *([command, *rest, "-r", ""] for command, *rest in (
        ["status"], ["show", "1.1"], ["check"], ["summary"], ["reconcile"], ["validate"], ["export"], ["history", "1.1"],
        ["verify"], ["record", "1.1", "--state", "in_progress", "--note", "x"], ["close", "1.1"], ["reopen", "4.1", "--note", "x"],
        ["report", "1.2", "--note", "x"], ["extend", "1.1", "--to", "2019-12-31", "--reason", "x"], ["retract", "1.2", "--reason", "x"])),
    ["check", "-o", ""], ["summary", "-o", ""], ["export", "-o", ""],
    ["import", str(REPORT), "-o", ""], ["import", str(REPORT), "--curation", ""],
])
@pytest.mark.parametrize("lang", [None, "en"])
def test_an_empty_path_is_refused_not_read_as_the_current_folder(tmp_path, args, lang):
    """`-r "$REG"` with REG unset: -r '' was read as the current folder (a ledger there was read,
    `record` wrote to it, `import -o ''` wrote its files there), while an empty RECTIFY_REGISTRY
    is as none. Refused, naming the option, nothing read or written."""
    for name in ("tasks.yaml", "progress.yaml"):  # (a ledger in the current folder, that '' would have named)
        shutil.copy(SMALL / name, tmp_path / name)
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    option = {"-r": "--registry", "-o": "--output"}.get(args[-2], args[-2])
    run = rectify(args, tmp_path, lang=lang)
    said = (f"{option}: the path is empty: give one, or leave the option out" if lang else
            f"{option}：路径为空：请给出路径，或去掉该选项")
    assert_refused(run, [f"{said}; see python -m rectify_cli {args[0]} --help" if lang else
                         f"{said}；用法见 python -m rectify_cli {args[0]} --help"])
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("lang", [None, "en"])
@pytest.mark.parametrize("args, name", [(["validate", ""], "<路径>"), (["import", ""], "<报告>")])
def test_an_empty_path_argument_is_refused_too(tmp_path, args, name, lang):
    """`rectify validate "$REG"` with REG unset validated the current folder; `import ''` said the
    folder was no report."""
    for file in ("tasks.yaml", "progress.yaml"):
        shutil.copy(SMALL / file, tmp_path / file)
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    run = rectify(args, tmp_path, lang=lang)
    name = {"<路径>": "<path>", "<报告>": "<report>"}[name] if lang else name
    assert_refused(run, [f"{name}: the path is empty: give one; see python -m rectify_cli {args[0]} --help" if lang else
                         f"{name}：路径为空：请给出路径；用法见 python -m rectify_cli {args[0]} --help"])
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before


def test_a_path_starting_with_a_tilde_says_it_was_not_expanded(tmp_path):
    """`RECTIFY_REGISTRY=~/台账` in an .env file, or `-r "~/台账"` quoted: no shell expands the ~."""
    home = tmp_path / "home"
    (home / "台账").mkdir(parents=True)
    env = {"HOME": str(home)}
    run = rectify(["status", "--registry", "~/台账"], tmp_path, env=env)
    assert_refused(run, [f"~/台账: no such file or folder (a ~ is not expanded here: write {home}/台账)"])
    run = rectify(["check"], tmp_path, env={**env, "RECTIFY_REGISTRY": "~/台账"}, lang=None)
    assert_refused(run, [f"RECTIFY_REGISTRY=~/台账: 文件或文件夹不存在（此处不会把 ~ 展开为主目录：请写作 {home}/台账）"])


@pytest.mark.parametrize("args, lang, said", [
    (["status"], None, "RECTIFY_REGISTRY={gone}: 文件或文件夹不存在"),
    (["check"], "en", "RECTIFY_REGISTRY={gone}: no such file or folder"),
    (["record", "1.1", "--state", "in_progress", "--note", "x"], "en", "RECTIFY_REGISTRY={gone}: no such file or folder"),
    # (-r named it: the variable, set to a ledger that is there, is not what was read)
    (["status", "-r", "{gone}"], "en", "{gone}: no such file or folder"),
])
def test_a_registry_named_by_rectify_registry_that_is_not_there_is_said_to_come_from_it(tmp_path, args, lang, said):
    """`RECTIFY_REGISTRY=/tmp/nonexist rectify status` said `/tmp/nonexist: 文件或文件夹不存在`: a user
    who forgot the variable was set looked for that path on their command line."""
    gone = tmp_path / "gone"
    for file in ("tasks.yaml", "progress.yaml"):
        shutil.copy(SMALL / file, tmp_path / file)
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    env = {"RECTIFY_REGISTRY": str(tmp_path / "tasks.yaml") if "-r" in args else str(gone)}
    run = rectify([arg.format(gone=gone) for arg in args], tmp_path, env=env, lang=lang)
    assert_refused(run, [said.format(gone=gone)])
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir() if not p.name.startswith(".rectify-test")) == \
        [b for b in before if not b[0].startswith(".rectify-test")]


@pytest.mark.parametrize("set_to, lang, said", [
    ("{gone}/", None, "RECTIFY_REGISTRY={gone}: 文件或文件夹不存在"),  # (a folder's name completed by the shell: its /)
    ("./gone", "en", "RECTIFY_REGISTRY=gone: no such file or folder"),
])
def test_a_registry_named_by_rectify_registry_as_a_folder_is_said_to_come_from_it(tmp_path, set_to, lang, said):
    """`RECTIFY_REGISTRY=/srv/台账/`, written as the shell completes a folder, was said as
    `/srv/台账: 文件或文件夹不存在`, the variable unnamed, as if -r had named it."""
    gone = tmp_path / "gone"
    run = rectify(["status"], tmp_path, env={"RECTIFY_REGISTRY": set_to.format(gone=gone)}, lang=lang)
    assert_refused(run, [said.format(gone=gone)])


@pytest.mark.parametrize("args", [["validate", "{path}"], ["status", "--registry", "{path}"],
                                  ["check", "--registry", "{path}"], ["verify", "--registry", "{path}"],
                                  ["record", "1.1", "--state", "in_progress", "--note", "x", "--registry", "{path}"]])
def test_a_path_no_file_can_have_is_refused_by_every_command(tmp_path, args):
    path = "整改台账" * 30 + ".yaml"  # 366 bytes: too long for a file name
    run = rectify([arg.format(path=path) for arg in args], tmp_path)
    assert_refused(run, [f"{path}: cannot be read (File name too long)"])


def test_dangling_symlink(tmp_path):
    (tmp_path / "tasks.yaml").symlink_to(tmp_path / "gone.yaml")
    run = rectify(["validate", "tasks.yaml"], tmp_path)
    assert_refused(run, ["tasks.yaml: no such file or folder"])


def test_journal_path_is_a_folder(tmp_path):
    (tmp_path / "tasks.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    (tmp_path / "progress.yaml").mkdir()
    run = rectify(["validate", "tasks.yaml"], tmp_path)
    assert_refused(run, ["progress.yaml: is a folder, expected a YAML file"])


@pytest.mark.parametrize("command", [["validate", "tasks.yaml"], ["check", "-r", "tasks.yaml"], ["verify", "-r", "tasks.yaml"],
                                     ["record", "1.1", "--state", "in_progress", "--note", "x", "-r", "tasks.yaml"]])
@pytest.mark.parametrize("link", ["to nothing", "to itself"])
def test_a_journal_linked_nowhere_is_an_error_not_a_journal_not_yet_written(tmp_path, command, link):
    """(Read as no journal, every measure would look never reported on, and verify would say ok.)"""
    (tmp_path / "tasks.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    (tmp_path / "progress.yaml").symlink_to(tmp_path / ("gone.yaml" if link == "to nothing" else "progress.yaml"))
    run = rectify(command, tmp_path)
    assert_refused(run, [f"progress.yaml: a link to {tmp_path / 'gone.yaml'}, which does not exist" if link == "to nothing"
                         else "progress.yaml: cannot be read (Too many levels of symbolic links)"])
    assert (tmp_path / "progress.yaml").is_symlink()  # and left as it was


JOURNAL_WRITES = [["record", "1.1", "--state", "in_progress", "--note", "x"], ["close", "1.1", "--evidence", "x"],
                  ["reopen", "4.1", "--note", "x"], ["report", "2.2", "--note", "x"],
                  ["extend", "3.1", "--to", "2021-06-30", "--reason", "x", "--approved-by", "自治区生态环境厅"],
                  ["retract", "1.2", "--reason", "x"]]


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
@pytest.mark.parametrize("command", JOURNAL_WRITES, ids=[c[0] for c in JOURNAL_WRITES])
def test_a_journal_linked_to_a_link_to_nothing_names_where_it_leads(tmp_path, command):
    """Linked to a link that is there, to nothing: said "a link to elsewhere/mid.yaml, which does not
    exist", of a file `ls` lists. Nothing is written, nor a lock made, where either leads."""
    shutil.copytree(SMALL, tmp_path / "small")
    (tmp_path / "small" / "progress.yaml").unlink()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "small" / "progress.yaml").symlink_to(Path("..") / "elsewhere" / "mid.yaml")
    (tmp_path / "elsewhere" / "mid.yaml").symlink_to("gone.yaml")
    run = rectify([*command, "-r", "small"], tmp_path)
    assert_refused(run, ["small/progress.yaml: a link to ../elsewhere/mid.yaml, which leads to ../elsewhere/gone.yaml, "
                         "which does not exist"])
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["mid.yaml"]
    assert sorted(p.name for p in (tmp_path / "small").iterdir()) == ["progress.yaml", "tasks.yaml"]
    if command[0] == "record":
        assert_refused(rectify([*command, "-r", "small"], tmp_path, lang=None), [
            "small/progress.yaml: 是指向 ../elsewhere/mid.yaml 的链接，../elsewhere/mid.yaml 又指向 ../elsewhere/gone.yaml，"
            "而 ../elsewhere/gone.yaml 不存在"])


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
@pytest.mark.parametrize("command", JOURNAL_WRITES, ids=[c[0] for c in JOURNAL_WRITES])
def test_a_journal_linked_into_a_missing_folder_is_refused_and_no_folder_made(tmp_path, command):
    """(A shared drive not mounted: its folder made and a new history begun there would go unnoticed.)"""
    shutil.copytree(SMALL, tmp_path / "small")
    (tmp_path / "small" / "progress.yaml").unlink()
    (tmp_path / "small" / "progress.yaml").symlink_to(tmp_path / "share" / "ledger" / "progress.yaml")
    run = rectify([*command, "-r", "small"], tmp_path)
    assert_refused(run, [f"small/progress.yaml: a link to {tmp_path / 'share' / 'ledger' / 'progress.yaml'}, "
                         "which does not exist"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small"]
    assert sorted(p.name for p in (tmp_path / "small").iterdir()) == ["progress.yaml", "tasks.yaml"]


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_import_beside_a_journal_linked_to_a_link_to_nothing_names_where_it_leads(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "ledger.progress.yaml").symlink_to("elsewhere/mid.yaml")
    (tmp_path / "elsewhere" / "mid.yaml").symlink_to("gone.yaml")
    run = rectify(["import", REPORT, "-o", "ledger.yaml"], tmp_path)
    assert_refused(run, ["ledger.progress.yaml: is a link to elsewhere/mid.yaml, which leads to elsewhere/gone.yaml, "
                         "which does not exist; nothing was written"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "ledger.progress.yaml"]
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["mid.yaml"]
    zh = rectify(["import", REPORT, "-o", "ledger.yaml"], tmp_path, lang=None)
    assert_refused(zh, ["ledger.progress.yaml: 是指向 elsewhere/mid.yaml 的链接，elsewhere/mid.yaml 又指向 "
                        "elsewhere/gone.yaml，而 elsewhere/gone.yaml 不存在；未写入任何内容"])


def as_a_clerk() -> tuple[str, ...]:
    """What runs a command as a user whom permissions stop: nothing, unless the tests run as
    root (a CI container), who reads anything: then root without that power (setpriv)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ()
    powers = "-dac_override,-dac_read_search"
    clerk = ("setpriv", f"--bounding-set={powers}", f"--inh-caps={powers}")
    if not shutil.which("setpriv") or subprocess.run([*clerk, "true"], capture_output=True).returncode:
        pytest.skip("running as root, and setpriv cannot take root's power to read anything "
                    "(test_unreadable_file_simulated covers the message)")
    return clerk


@pytest.mark.parametrize("args, unreadable, said", [
    (["validate", "tasks.yaml"], "tasks.yaml", "tasks.yaml: cannot be read (permission denied)"),
    (["check", "-r", "tasks.yaml"], "tasks.yaml", "tasks.yaml: cannot be read (permission denied)"),
    (["status", "-r", "reg"], "reg", "reg: cannot be read (permission denied)"),
    (["import", "report.txt", "-o", "out"], "report.txt", "report.txt: cannot be read (permission denied)"),
    (["import", "report.txt", "--curation", "curation.yaml", "-o", "out"], "curation.yaml",
     "curation.yaml: cannot be read (permission denied)"),  # (it said "cannot read curation file: Permission denied")
], ids=["validate-file", "check-file", "status-folder", "import-report", "import-curation"])
def test_unreadable_path_is_said_as_such(tmp_path, args, unreadable, said):
    """A file or folder that can't be read is refused as rectify refuses one, not as a command
    line the parser finds wrong (it said "--registry: invalid value (Path 'reg' is not readable.);
    see rectify status --help", in English whatever the language)."""
    clerk = as_a_clerk()
    (tmp_path / "tasks.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    (tmp_path / "reg").mkdir()
    (tmp_path / "reg" / "tasks.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "reports" / "no-appendix.txt", tmp_path / "report.txt")
    (tmp_path / "curation.yaml").write_text("units: []\n", encoding="utf-8")
    (tmp_path / unreadable).chmod(0)
    try:
        run = rectify(args, tmp_path, run_by=clerk)
    finally:
        (tmp_path / unreadable).chmod(stat.S_IRWXU)
    assert_refused(run, [said])


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    """Root reads anything, so simulate the PermissionError the OS gives everyone else."""
    from rectify_cli.errors import RegistryError
    from rectify_cli.registry import load_registry

    plan = tmp_path / "tasks.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    real = Path.read_bytes

    def denied(self):
        if self.name == "tasks.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(RegistryError) as caught:
        load_registry(plan, use_cache=False)
    assert str(caught.value) == f"{plan}: cannot be read (permission denied)"


def test_fifo_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "tasks.yaml")
    run = rectify(["validate", "tasks.yaml"], tmp_path)
    assert_refused(run, ["tasks.yaml: not a regular file (a pipe or device); expected a YAML file"])


def test_device_is_refused(tmp_path):
    run = rectify(["validate", "/dev/zero"], tmp_path, memory_limit=1 << 30)
    assert_refused(run, ["/dev/zero: not a regular file (a pipe or device); expected a YAML file"])


def test_an_unreadable_curation_is_said_as_every_unreadable_file_is_in_chinese_too(tmp_path):
    (tmp_path / "curation.yaml").write_text("units: []\n", encoding="utf-8")
    (tmp_path / "curation.yaml").chmod(0)
    try:
        run = rectify(["import", REPORT, "--curation", "curation.yaml", "-o", "out"], tmp_path, lang=None, run_by=as_a_clerk())
    finally:
        (tmp_path / "curation.yaml").chmod(stat.S_IRWXU)
    assert_refused(run, ["curation.yaml: 无法读取（没有权限）"])
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("lang, said", [("en", "nope.yaml: no such file"), (None, "nope.yaml: 文件不存在")])
def test_a_missing_curation_is_said_as_a_missing_report_is(tmp_path, lang, said):
    # (it said "cannot read curation file: No such file or directory", the system's words)
    run = rectify(["import", REPORT, "--curation", "nope.yaml", "-o", "out"], tmp_path, lang=lang)
    assert_refused(run, [said])
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("curation", ["/dev/zero", "fifo.yaml"])
def test_a_curation_that_is_a_pipe_or_device_is_refused(tmp_path, curation):
    """The curation file is YAML as a plan is, read whole: `--curation /dev/zero` read until
    the memory ran out (24 GB, killed after 40 s), a FIFO no one writes to hung for ever."""
    os.mkfifo(tmp_path / "fifo.yaml")
    run = rectify(["import", REPORT, "--curation", curation, "-o", "out"], tmp_path,
                  timeout=20, memory_limit=1 << 30)
    assert_refused(run, [f"{curation}: not a regular file (a pipe or device); expected a YAML file"])
    assert not (tmp_path / "out").exists()


# -- bad command-line values (not registry files, but bad input all the same) -----------------
SMALL = Path(__file__).parent / "fixtures" / "small"
REPORT = Path(__file__).parent.parent / "data" / "source" / "xizang-2019-rectification-report.txt"


def test_a_journal_key_indented_too_far_is_said_to_be_the_indentation(tmp_path):
    """A key a space further in than the one above it was refused as text to quote, in Chinese
    by default, saying nothing of the indentation that a hand edit gets wrong most often."""
    shutil.copytree(SMALL, tmp_path / "small")
    journal = tmp_path / "small" / "progress.yaml"
    lines = journal.read_text(encoding="utf-8").count("\n")
    with journal.open("a", encoding="utf-8") as handle:
        handle.write('- measure: "1.1"\n  date: 2019-03-31\n   state: report\n  note: 施工中\n')
    run = rectify(["status", "-r", "small"], tmp_path, lang=None)
    assert_refused(run, [f"small/progress.yaml:{lines + 3}:9: YAML 语法错误："
                         "此处不能有“键: 值”（检查缩进是否对齐；文字中含“: ”时请整体加引号）"])


def test_output_file_in_a_missing_folder(tmp_path):
    shutil.copytree(SMALL, tmp_path / "small")
    run = rectify(["summary", "-r", "small", "-o", "nowhere/月报.txt"], tmp_path)
    assert_refused(run, ["nowhere/月报.txt: cannot be written (no such folder: nowhere); nothing was written"])


def test_export_writes_to_its_output_file_the_bytes_it_prints(tmp_path):
    """`export -o plan.json` was refused (no option -o), though check and summary take it."""
    shutil.copytree(SMALL, tmp_path / "small")
    printed = rectify(["export", "-r", "small"], tmp_path)
    written = rectify(["export", "-r", "small", "-o", "plan.json"], tmp_path)
    assert (written.returncode, written.stdout, written.stderr) == (0, "", "")
    assert (tmp_path / "plan.json").read_text(encoding="utf-8") == printed.stdout
    assert json.loads(printed.stdout)["registry"]["title"] == "测试台账"


def test_output_file_that_is_a_folder(tmp_path):
    shutil.copytree(SMALL, tmp_path / "small")
    (tmp_path / "reports").mkdir()
    run = rectify(["summary", "-r", "small", "-o", "reports"], tmp_path)
    assert_refused(run, ["reports: is a folder, expected a file; nothing was written"])
    assert list((tmp_path / "reports").iterdir()) == []


@pytest.mark.parametrize("target, role", [
    ("small/progress.yaml", "the registry's journal"), ("small/tasks.yaml", "the registry's plan file"),
    ("plan-link.yaml", "the registry's plan file"), ("small/../small/progress.yaml", "the registry's journal"),
    ("small/progress.yaml.lock", "the lock file of the registry's journal"),
])
@pytest.mark.parametrize("command", [["summary", "--month", "2019-03"], ["check"], ["check", "--format", "junit"],
                                     ["export"]])
def test_an_output_that_is_a_registry_file_is_refused(tmp_path, target, role, command):
    """`-o` naming the journal (or the plan, by any name) would replace the ledger with the report
    (check -o wrote over it: its report from cached outcomes has no registry loaded to ask)."""
    shutil.copytree(SMALL, tmp_path / "small")
    (tmp_path / "plan-link.yaml").symlink_to(tmp_path / "small" / "tasks.yaml")
    rectify(["check", "-r", "small"], tmp_path)  # (a cache to answer from)
    before = {p.name: p.read_bytes() for p in (tmp_path / "small").iterdir()}
    run = rectify([*command, "-r", "small", "-o", target], tmp_path)
    assert_refused(run, [f"--output: {target} is {role}; write the output to another file"])
    assert {p.name: p.read_bytes() for p in (tmp_path / "small").iterdir()} == before


@pytest.mark.parametrize("command, done", [(["summary", "--month", "2019-03"], 0), (["check"], 1)])
def test_an_output_into_a_folder_registry_as_yaml_is_refused(tmp_path, command, done):
    """c.yaml in a folder registry would be read as a third plan file, and break every command."""
    folder = tmp_path / "reg"
    folder.mkdir()
    for name in ("a", "b"):  # (the small fixture twice: a comment tells them apart, a copy is refused)
        (folder / f"{name}.yaml").write_bytes((SMALL / "tasks.yaml").read_bytes() + f"# {name}\n".encode())
    run = rectify([*command, "-r", "reg", "-o", "reg/c.yaml"], tmp_path)
    assert_refused(run, ["--output: reg/c.yaml is in the registry's folder, where a .yaml file is read as a plan file; "
                         "write the output to another file"])
    assert sorted(p.name for p in folder.iterdir()) == ["a.yaml", "b.yaml"]
    assert rectify([*command, "-r", "reg", "-o", "reg/c.txt"], tmp_path).returncode == done


@pytest.mark.parametrize("command", [["summary", "--month", "2019-03"], ["check"]])
def test_an_output_beside_a_plan_file_as_yaml_is_refused(tmp_path, command):
    """Beside a plan file named by itself, another .yaml is another ledger's plan file (written
    over, it was lost) or would become one when the folder is read as a registry."""
    folder = tmp_path / "reg"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.yaml").write_bytes((SMALL / "tasks.yaml").read_bytes() + f"# {name}\n".encode())
    before = (folder / "b.yaml").read_bytes()
    for target in ("reg/b.yaml", "reg/c.yml"):
        run = rectify([*command, "-r", "reg/a.yaml", "-o", target], tmp_path)
        assert_refused(run, [f"--output: {target} is in the registry's folder, where a .yaml file is read as a plan file; "
                             "write the output to another file"])
    assert (folder / "b.yaml").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.yaml", "b.yaml"]


@pytest.mark.parametrize("name", ["ledger", "notes.txt"])
def test_import_into_a_file_instead_of_a_folder(tmp_path, name):
    """A file whose name is no .yaml was taken for the folder; "expected a folder" did not say
    that -o takes a plan file too."""
    (tmp_path / name).write_bytes(b"keep me")
    run = rectify(["import", REPORT, "-o", name], tmp_path)
    assert_refused(run, [f"{name}: is a file, not a folder: -o names a folder (tasks.yaml written into it) "
                         "or a plan file ending in .yaml; nothing was written"])
    assert (tmp_path / name).read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    if name == "notes.txt":  # (as the README quotes it)
        zh = "notes.txt: 是文件而不是文件夹：-o 应指文件夹（写入其中的 tasks.yaml）或以 .yaml 结尾的方案文件；未写入任何内容"
        assert_refused(rectify(["import", REPORT, "-o", name], tmp_path, lang=None), [zh])
        assert f"`rectify: {zh}`" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_import_into_a_link_to_nothing_says_so(tmp_path):
    """A link to nothing where the folder goes was "a file, expected a folder"."""
    (tmp_path / "ledger").symlink_to("gone")
    run = rectify(["import", REPORT, "-o", "ledger"], tmp_path)
    assert_refused(run, ["ledger: is a link to gone, which does not exist: -o names a folder "
                         "(tasks.yaml written into it) or a plan file ending in .yaml; nothing was written"])
    assert os.readlink(tmp_path / "ledger") == "gone" and sorted(p.name for p in tmp_path.iterdir()) == ["ledger"]


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
@pytest.mark.parametrize("command, name", [
    (["import", REPORT], "ledger.yaml"),
    (["summary", "-r", "small"], "月报.txt"),
    (["export", "-r", "small"], "export.csv"),
    (["check", "-r", "small", "--format", "json"], "check.json"),
], ids=["import", "summary", "export", "check"])
def test_output_onto_a_link_to_nothing_is_refused(tmp_path, command, name):
    """`-o x.yaml`, a link to nothing: the file was written through it, made where the link led
    (import -o's plan, check, summary, export), as `-o ledger`, the folder, is refused."""
    shutil.copytree(SMALL, tmp_path / "small")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / name).symlink_to(Path("elsewhere") / name)
    run = rectify([*command, "-o", name], tmp_path)
    assert_refused(run, [f"{name}: is a link to elsewhere/{name}, which does not exist; nothing was written"])
    assert os.readlink(tmp_path / name) == f"elsewhere/{name}" and list((tmp_path / "elsewhere").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["small", "elsewhere", name])


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_output_onto_a_link_to_nothing_is_refused_in_chinese(tmp_path):
    shutil.copytree(SMALL, tmp_path / "small")
    (tmp_path / "旧").mkdir()
    (tmp_path / "月报.txt").symlink_to("旧/月报.txt")
    run = rectify(["summary", "-r", "small", "-o", "月报.txt"], tmp_path, lang=None)
    said = "月报.txt: 是指向 旧/月报.txt 的链接，而 旧/月报.txt 不存在；未写入任何内容"
    assert_refused(run, [said])
    assert f"`rectify: {said}`" in (ROOT / "README.md").read_text(encoding="utf-8")  # (as the README quotes it)


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_import_beside_a_journal_link_to_nothing_is_refused(tmp_path):
    """The plan's journal, written beside it, a link to nothing: as the plan itself."""
    (tmp_path / "ledger.progress.yaml").symlink_to("gone.yaml")
    run = rectify(["import", REPORT, "-o", "ledger.yaml"], tmp_path)
    assert_refused(run, ["ledger.progress.yaml: is a link to gone.yaml, which does not exist; nothing was written"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.progress.yaml"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("lang, said", [
    ("en", "is a device, not a folder or a plan file: -o names a folder (tasks.yaml written into it) "
           "or a plan file ending in .yaml; nothing was written"),
    (None, "是设备，不是文件夹或方案文件：-o 应指文件夹（写入其中的 tasks.yaml）或以 .yaml 结尾的方案文件；未写入任何内容"),
])
def test_import_into_a_device_says_it_is_a_device(tmp_path, lang, said):
    """`-o /dev/full` was called "a file, expected a folder"."""
    run = rectify(["import", REPORT, "-o", "/dev/full"], tmp_path, lang=lang)
    assert_refused(run, [f"/dev/full: {said}"])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["export"], ["summary", "--month", "2019-03"], ["check"]])
@pytest.mark.parametrize("there", [False, True])
def test_an_output_ending_in_a_slash_is_a_folder_not_a_file_named_without_it(tmp_path, command, there):
    """`-o x/` wrote a file named x: the slash says a folder was meant, and -o takes a file."""
    shutil.copytree(SMALL, tmp_path / "small")
    if there:
        (tmp_path / "x").mkdir()
    run = rectify([*command, "-r", "small", "-o", "x/"], tmp_path)
    assert_refused(run, ["x/: ends in /, which names a folder: -o names a file; nothing was written"])
    assert sorted(p.name for p in tmp_path.iterdir()) == (["small", "x"] if there else ["small"])
    assert not there or list((tmp_path / "x").iterdir()) == []


@pytest.mark.parametrize("command", [["export"], ["summary", "--month", "2019-03"], ["check"]])
def test_an_output_that_is_a_folder_is_refused_before_the_ledger_is_read(tmp_path, command):
    """`-o reports` (a folder, no slash) was refused by the write, after the whole ledger was read and
    judged: a broken ledger was said instead, and a national one took seconds to say it."""
    shutil.copytree(SMALL, tmp_path / "small")
    (tmp_path / "small" / "tasks.yaml").write_text("tasks: [\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    run = rectify([*command, "-r", "small", "-o", "reports"], tmp_path)
    assert_refused(run, ["reports: is a folder, expected a file; nothing was written"])
    assert list((tmp_path / "reports").iterdir()) == []


def test_an_output_ending_in_a_slash_is_refused_in_chinese_by_default_as_the_readme_quotes(tmp_path):
    shutil.copytree(SMALL, tmp_path / "small")
    said = "reports/: 以 / 结尾，指的是文件夹：-o 应指文件；未写入任何内容"
    assert_refused(rectify(["export", "-r", "small", "-o", "reports/"], tmp_path, lang=None), [said])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small"]
    assert f"`rectify: {said}`" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_import_into_a_name_ending_in_a_slash_makes_that_folder(tmp_path):
    """`-o new.yaml/`: the slash says a folder, though the name ends in .yaml."""
    run = rectify(["import", REPORT, "-o", "new.yaml/"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "new.yaml").iterdir()) == ["progress.yaml", "tasks.yaml"]


def test_output_that_cannot_be_written_is_said_in_chinese_by_default(tmp_path):
    """The Chinese user was told in English why nothing was written."""
    shutil.copytree(SMALL, tmp_path / "small")
    (tmp_path / "reports").mkdir()
    (tmp_path / "ledger").write_bytes(b"keep me")
    assert_refused(rectify(["summary", "-r", "small", "-o", "nowhere/月报.txt"], tmp_path, lang=None),
                   ["nowhere/月报.txt: 无法写入（没有文件夹 nowhere）；未写入任何内容"])
    assert_refused(rectify(["summary", "-r", "small", "-o", "reports"], tmp_path, lang=None),
                   ["reports: 是文件夹，应为文件；未写入任何内容"])
    assert_refused(rectify(["import", REPORT, "-o", "ledger"], tmp_path, lang=None),
                   ["ledger: 是文件而不是文件夹：-o 应指文件夹（写入其中的 tasks.yaml）或以 .yaml 结尾的方案文件；未写入任何内容"])
    assert_refused(rectify(["import", REPORT, "-o", "nowhere/ledger"], tmp_path, lang=None),
                   ["nowhere/ledger: 无法创建（没有文件夹 nowhere）；未写入任何内容"])
    assert_refused(rectify(["summary", "-r", "small", "-o", "reports", "--lang", "en"], tmp_path, lang=None),
                   ["reports: is a folder, expected a file; nothing was written"])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a disk that is always full)")
@pytest.mark.parametrize("command", [["status"], ["check", "--format", "json"], ["summary"], ["show", "1.1"]])
def test_a_full_disk_under_standard_output(command, tmp_path):
    shutil.copytree(SMALL, tmp_path / "small")
    run = rectify([*command, "-r", "small"], tmp_path, stdout=Path("/dev/full"))
    assert_refused(run, ["standard output (/dev/full) could not be written (No space left on device)"])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a disk that is always full)")
def test_a_full_disk_under_standard_output_is_said_in_chinese_by_default(tmp_path):
    """It was English whatever the language, and so was the cause the system gave."""
    shutil.copytree(SMALL, tmp_path / "small")
    run = rectify(["status", "-r", "small"], tmp_path, stdout=Path("/dev/full"), lang=None)
    assert_refused(run, ["标准输出（/dev/full）无法写入（磁盘空间不足）"])


@pytest.mark.parametrize("args,expected", [
    (["status", "--as-of", "2019-02-30"],
     "--as-of: '2019-02-30' is not a real calendar date (that month has no such day)"),
    (["status", "--as-of", "June 30"],
     "--as-of: not a date: 'June 30' (use 2019-03-31, 2019/3/31, 2019-03 (end of month) or 2019年3月31日)"),
    (["summary", "--month", "2019-13"],
     "--month: '2019-13' is not a real month (a month is 1 to 12)"),
])
def test_bad_command_line_dates(args, expected, tmp_path):
    shutil.copytree(SMALL, tmp_path / "small")
    run = rectify([*args, "--registry", "small/tasks.yaml", "--lang", "en"], tmp_path)
    assert_refused(run, [expected])


@pytest.mark.parametrize("command", [["status"], ["check"], ["summary"], ["validate", "small/tasks.yaml"]])
def test_a_bad_pinned_today(command, tmp_path):
    shutil.copytree(SMALL, tmp_path / "small")
    run = rectify([*command, "--registry", "small/tasks.yaml"], tmp_path, env={"RECTIFY_TODAY": "2019-02-30"})
    assert_refused(run, ["RECTIFY_TODAY: '2019-02-30' is not a real calendar date (that month has no such day)"])


@pytest.mark.parametrize("pinned, chinese", [("2019-02-30", "RECTIFY_TODAY：“2019-02-30”不是实际存在的日期（该月没有这一天）"),
                                             ("2019/3/31", "RECTIFY_TODAY：应为 YYYY-MM-DD 格式的日期，实为“2019/3/31”")])
def test_a_bad_pinned_today_is_said_in_chinese_by_default(pinned, chinese, tmp_path):
    shutil.copytree(SMALL, tmp_path / "small")
    run = rectify(["status", "--registry", "small/tasks.yaml"], tmp_path, env={"RECTIFY_TODAY": pinned}, lang=None)
    assert_refused(run, [chinese])


def test_summary_of_the_last_month_of_the_calendar(tmp_path):
    shutil.copytree(SMALL, tmp_path / "small")
    run = rectify(["summary", "--month", "9999-12", "--registry", "small/tasks.yaml", "--lang", "en"], tmp_path)
    assert run.returncode in (0, 2)
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    if run.returncode == 2:
        assert run.stderr.startswith("rectify: --month: ") and run.stderr.count("\n") == 1


def test_summary_output_onto_the_lock_of_a_linked_journal_is_refused(tmp_path):
    """(the lock of a journal reached through a link sits beside the file the link leads to, where
    writers of every folder linking it meet: -o there was let through)"""
    (tmp_path / "shared").mkdir()
    shutil.copy(SMALL / "progress.yaml", tmp_path / "shared" / "progress.yaml")
    (tmp_path / "small").mkdir()
    shutil.copy(SMALL / "tasks.yaml", tmp_path / "small" / "tasks.yaml")
    (tmp_path / "small" / "progress.yaml").symlink_to(tmp_path / "shared" / "progress.yaml")
    run = rectify(["summary", "-r", "small", "--month", "2019-03", "-o", "shared/progress.yaml.lock"], tmp_path)
    assert_refused(run, ["--output: shared/progress.yaml.lock is the lock file of the registry's journal; "
                         "write the output to another file"])
    assert not (tmp_path / "shared" / "progress.yaml.lock").exists()
