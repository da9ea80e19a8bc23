"""Loading validates: every planted mistake is reported with its file:line:column, together."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rectify_cli import registry
from rectify_cli.errors import RegistryError
from rectify_cli.registry import load_registry

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def test_small_fixture_loads_with_locations():
    reg = load_registry(FIXTURES / "small" / "tasks.yaml")
    assert [t.id for t in reg.plan.tasks] == ["1", "2", "3", "4"]
    measure = next(m for m in reg.plan.measures() if m.id == "4.2")
    assert [m.label for m in measure.milestones] == ["生态恢复", "验收"]
    assert measure.location.line == 116
    # a journal `by` written as an alias is read as the canonical unit
    entry = next(e for e in reg.journal if e.measure == "1.2")
    assert entry.by == "自治区生态环境厅"


def planted_problems() -> list[str]:
    """What is wrong with the planted fixture, a line each, in the order validate says it."""
    file = str(FIXTURES / "planted" / "tasks.yaml")
    return [
        # (the journal's measure judged against the plan all the same: its task's ids are all read)
        f"{FIXTURES / 'planted' / 'progress.yaml'}:1:12: journal entry 1: no measure '1.9' in the plan (did you mean 1.1?)",
        f"{file}:17:29: task 1, field deadline.milestones[1].due: '2018-02-30' is not a real calendar date (that month has no such day)",
        f"{file}:23:18: measure 1.1, field owners: unknown unit '自治区生态环境听' (did you mean 自治区生态环境厅?); declare it under 'units:'",
        f"{file}:27:9: measure 1.1: missing required key 'owners'",
        f"{file}:27:13: measure 1.1: duplicate measure id (first on line 21)",
        f"{file}:29:9: measure 1.1: unknown key 'owmers' (did you mean owners?); allowed: id, text, owners, lead, milestones",
        f"{file}:32:20: measure 1.1, field milestones[1].kind: unknown value 'weekly'; expected one of date, ongoing, immediate",
    ]


def test_planted_mistakes_are_all_reported_with_lines():
    with pytest.raises(RegistryError) as caught:
        load_registry(FIXTURES / "planted" / "tasks.yaml")
    assert [str(p) for p in caught.value.problems] == planted_problems()


def test_validate_command_exit_2_without_traceback():
    proc = subprocess.run(
        [sys.executable, "-m", "rectify_cli", "validate", "--lang", "en", str(FIXTURES / "planted" / "tasks.yaml")],
        capture_output=True, text=True,
    )
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.splitlines() == [f"rectify: {problem}" for problem in planted_problems()]


def test_validate_given_two_registries_says_so(tmp_path):
    """A path and --registry naming another registry: one of them was silently dropped."""
    small, bundled = str(FIXTURES / "small" / "tasks.yaml"), str(FIXTURES.parent.parent / "data" / "tasks.yaml")
    both = _rectify("validate", bundled, "--registry", small, cwd=tmp_path, cache=tmp_path / "cache")
    assert (both.returncode, both.stdout) == (2, "")
    assert both.stderr == f"rectify: two registries given, {bundled} and --registry {small}: give one\n"
    from_env = subprocess.run([sys.executable, "-m", "rectify_cli", "validate", bundled], capture_output=True, text=True,
                              env={**os.environ, "RECTIFY_REGISTRY": small, "RECTIFY_CACHE_DIR": str(tmp_path / "cache")})
    assert from_env.returncode == 0 and from_env.stdout.endswith("：通过——45项整改任务、179项具体措施、179条进展记录\n")


def test_validate_ok_on_small_fixture():
    # (os.environ as conftest left it: the C environment may hold a COLUMNS, and a narrow one wraps the line)
    proc = subprocess.run(
        [sys.executable, "-m", "rectify_cli", "validate", str(FIXTURES / "small" / "tasks.yaml")],
        capture_output=True, text=True, env=dict(os.environ),
    )
    assert proc.returncode == 0, proc.stderr
    # (Chinese first, as every report: it said "ok — 4 tasks, …" to a Chinese office)
    assert proc.stdout == f"{FIXTURES / 'small' / 'tasks.yaml'}：通过——4项整改任务、8项具体措施、9条进展记录\n"
    english = subprocess.run([sys.executable, "-m", "rectify_cli", "validate", "--lang", "en", str(FIXTURES / "small" / "tasks.yaml")],
                             capture_output=True, text=True, env=dict(os.environ))
    assert english.stdout == f"{FIXTURES / 'small' / 'tasks.yaml'}: ok — 4 tasks, 8 measures, 9 journal entries\n"


def test_a_plan_linked_under_an_offices_own_name_is_named_so_though_its_file_lies_here(tmp_path):
    """Named as check names files (the file a link leads to), `validate ledger.yaml` said
    small/tasks.yaml, a name the office never typed: one file is named as given."""
    shutil.copytree(FIXTURES / "small", tmp_path / "small")
    (tmp_path / "ledger.yaml").symlink_to(tmp_path / "small" / "tasks.yaml")
    validated = _rectify("validate", "ledger.yaml", cwd=tmp_path, cache=tmp_path / "cache")
    assert validated.stdout == "ledger.yaml: ok — 4 tasks, 8 measures, 9 journal entries\n"
    status = _rectify("status", "-r", "ledger.yaml", cwd=tmp_path, cache=tmp_path / "cache")
    assert status.stdout.splitlines()[0] == "测试台账  ledger.yaml"


def _rectify(*args, cwd=None, cache=None, lang="en"):
    """The command line run as a user would, its messages in `lang` (RECTIFY_LANG)."""
    env = {**os.environ, "RECTIFY_TODAY": "2019-03-31", "RECTIFY_CACHE_DIR": str(cache or ""), "RECTIFY_LANG": lang}
    return subprocess.run([sys.executable, "-m", "rectify_cli", *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.mark.parametrize("saved_as", ["progress.yml", "Progress.yaml", "progress.yaml.txt", "tasks.progress.yaml"])
def test_a_journal_saved_under_a_near_name_is_named_not_ignored(tmp_path, saved_as):
    """(it was ignored: "0 journal entries", and the next record began a second journal beside it)"""
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    shutil.copy(FIXTURES / "small" / "progress.yaml", tmp_path / saved_as)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == (f"{tmp_path / saved_as}: named like the journal of tasks.yaml, which rectify reads "
                                 "from progress.yaml only: rename it progress.yaml (else what it records is ignored, "
                                 "and the next entry starts a new journal)")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no BOM", "BOM"])
def test_a_byte_that_is_not_utf8_is_located_in_characters_with_or_without_a_bom(tmp_path, bom):
    """(after Notepad's byte-order mark the byte named was three bytes off, a BOM byte at times,
    and a bad byte at a line's start was put on the line before; columns counted bytes)"""
    plan = (FIXTURES / "small" / "tasks.yaml").read_bytes()
    # a comment "备注 备注": the first in UTF-8, the second in GBK (a line pasted from another file)
    plan = plan.replace(b"registry:\n", "# 备注 ".encode() + b"\xb1\xb8\xd7\xa2\nregistry:\n", 1)
    (tmp_path / "tasks.yaml").write_bytes(bom + plan)
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", use_cache=False)
    assert str(caught.value) == (f"{tmp_path / 'tasks.yaml'}:3:6: not valid UTF-8: byte 0xb1 (this line looks like "
                                 "GB18030/GBK, as another program may have written it: write it again in UTF-8)")


CONFLICTED_TAIL = """<<<<<<< HEAD
- measure: "1.1"
  date: 2019-03-20
  state: in_progress
  note: 主体完工
=======
- measure: "2.1"
  date: 2019-03-21
  state: in_progress
  note: 围挡完成
>>>>>>> alice
"""


@pytest.mark.parametrize("file, old, new, expected", [
    # (each was reported a line or more later, as the parser tripped: "could not find expected ':'")
    ("tasks.yaml", "    title: 污水处理设施建设滞后\n", "    title：污水处理设施建设滞后\n",
     "tasks.yaml:32:10: YAML syntax: a full-width colon '：' after the key 'title': write ':' (ASCII) and a space"),
    ("tasks.yaml", "    problem: 施工扬尘", "\u3000\u3000problem: 施工扬尘",
     "tasks.yaml:55:1: YAML syntax: a full-width space (U+3000) in the indentation: indent with spaces"),
    ("tasks.yaml", "    problem: 施工扬尘", "\tproblem: 施工扬尘",
     "tasks.yaml:55:1: YAML syntax: a tab in the indentation: indent with spaces"),
    ("tasks.yaml", "    problem: 施工扬尘", "\t\tproblem: 施工扬尘",  # (libyaml: "cannot start any token")
     "tasks.yaml:55:1: YAML syntax: a tab in the indentation: indent with spaces"),
    ("tasks.yaml", "    owners: [拉萨市]", "    owners:\u3000[拉萨市]",
     "tasks.yaml:43:16: YAML syntax: a full-width space (U+3000) after 'owners': write an ASCII space"),
    ("tasks.yaml", "      - {kind: date, due: 2018-12-31}", "      -\u3000{kind: date, due: 2018-12-31}",
     "tasks.yaml:37:10: YAML syntax: a full-width space (U+3000) after '-': write an ASCII space"),
    ("progress.yaml", "  hash: 55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f\n",
     "  hash: 55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f\n" + CONFLICTED_TAIL,
     "progress.yaml:57:1: YAML syntax: an unresolved merge conflict (<<<<<<<) in a journal: keeping both sides' "
     "entries breaks its hash chain, and `rectify verify` fails for good; take one side's file (git checkout --ours "
     "or --theirs on it) and record the other side's entries again with `rectify record … --date DAY`"),
    ("tasks.yaml", "    title: 污水处理设施建设滞后\n",
     "<<<<<<< HEAD\n    title: 污水处理设施建设滞后\n=======\n    title: 污水设施滞后\n>>>>>>> bob\n",
     "tasks.yaml:32:1: YAML syntax: an unresolved merge conflict (<<<<<<<): keep the lines each side needs "
     "and delete the marker lines <<<<<<<, ======= and >>>>>>>"),
    # (merge.conflictStyle diff3: the base's lines, between ||||||| and =======, are neither side's)
    ("tasks.yaml", "    title: 污水处理设施建设滞后\n",
     "<<<<<<< HEAD\n    title: 污水处理设施建设滞后\n||||||| base\n    title: 污水\n=======\n    title: 污水设施滞后\n"
     ">>>>>>> bob\n",
     "tasks.yaml:32:1: YAML syntax: an unresolved merge conflict (<<<<<<<): keep the lines each side needs "
     "and delete the marker lines <<<<<<<, |||||||, ======= and >>>>>>>, and the base's lines between ||||||| and ======="),
])
def test_a_slip_the_parser_reports_late_is_named_where_it_is(tmp_path, file, old, new, expected):
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(FIXTURES / "small" / name, tmp_path / name)
    text = (tmp_path / file).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == f"{tmp_path}/{expected}"


@pytest.mark.parametrize("note", ["    监测结果如下\n    PM10：45微克/立方米\n    SO2：8微克/立方米\n",
                                  "    监测结果如下\n    date：2019年3月\n    说明：\n"], ids=["key-like text", "a key's name"])
def test_a_note_that_looks_like_a_slip_does_not_hide_the_real_error(tmp_path, note):
    """(PM10：45 in a note was blamed for an unclosed quote further on: "a full-width colon after
    the key 'SO2'", which editing the note would not fix)"""
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(FIXTURES / "small" / name, tmp_path / name)
    journal = tmp_path / "progress.yaml"
    lines = journal.read_text(encoding="utf-8").count("\n")
    journal.write_text(journal.read_text(encoding="utf-8")
                       + f'- measure: "3.1"\n  date: 2019-03-20\n  state: in_progress\n  note: |\n{note}'
                       + '- measure: "3.1"\n  date: 2019-03-21\n  state: in_progress\n  note: "未闭合的引号\n', encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    message = str(caught.value)
    assert "full-width" not in message
    assert message.startswith(f"{journal}:{lines + 5 + note.count(chr(10)) + 3}:9: YAML syntax: ")


# Entries the writing commands refuse, written by hand or merged in from another branch, each
# appended to the small journal (9 entries; as of 2019-03-31: 1.1 due 2018-12-31, open; 1.2 closed;
# 2.1 due 2019-04-15 and ongoing; 2.2 ongoing only; 3.1 due 2020-12-31; 4.2's step 2018-10-31
# closed, its step 2019-06-30 extended to 2019-12-31). (line of the entry's key, column, message);
# the line counts from the first appended line.
CLOSE_1_2, REPORT_2_2 = ("5fcc87f277995e2358406d6c80309e5ae4955d159d34bb38410f3cd172417737",
                         "f56f00060ce1d5348917a9f05647b4f6fa7e9378c6888a5311da77b874cf3d30")  # (their hashes)
# A retraction of 1.2's close, with a hash a retraction can name.
RETRACTION_1_2 = ('- measure: "1.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2
                  + "\n  note: 误记\n  hash: " + "cd" * 32 + "\n")
EXTENSION = "  state: extended\n  to: 2019-12-31\n  reason: 补批\n  approved_by: 自治区生态环境厅\n"
REFUSED_ON_LOAD = {
    "extension of a closed measure": (
        '- measure: "1.2"\n  date: 2019-03-20\n' + EXTENSION,
        "3:10: journal entry 10, field state: 1.2 has no pending deadline as of 2019-03-20: nothing to extend"),
    "extension of an ongoing-only measure": (
        '- measure: "2.2"\n  date: 2019-03-20\n' + EXTENSION,
        "3:10: journal entry 10, field state: 2.2 has no pending deadline as of 2019-03-20: nothing to extend"),
    "extension of a closed step": (
        '- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n  milestone: 2018-10-31\n  to: 2020-06-30\n'
        "  reason: 补批\n  approved_by: 自治区生态环境厅\n  late: true\n",
        "3:10: journal entry 10, field state: 4.2 has no pending deadline 2018-10-31 as of 2019-03-20: nothing to extend"),
    "late extension not flagged": (
        '- measure: "1.1"\n  date: 2019-03-20\n' + EXTENSION,
        "1:3: journal entry 10, field late: the extension of 1.1 was requested on 2019-03-20, after the deadline it moves "
        "(2018-12-31, 79 days late): an extension must be approved before the deadline; write late: true to record "
        "it anyway, flagged as late"),
    "on-time extension flagged late": (
        '- measure: "3.1"\n  date: 2019-03-20\n  state: extended\n  to: 2021-06-30\n  reason: 补批\n'
        "  approved_by: 自治区生态环境厅\n  late: true\n",
        "7:9: journal entry 10, field late: flagged late, but the extension was requested on 2019-03-20, not after the "
        "deadline it moves (2020-12-31): remove late: true"),
    "flagged late against the deadline as extended before": (  # (4.2's 2019-06-30 is due 2019-12-31 now)
        '- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n  to: 2020-06-30\n  reason: 补批\n'
        "  approved_by: 自治区生态环境厅\n  late: true\n",
        "7:9: journal entry 10, field late: flagged late, but the extension was requested on 2019-03-20, not after the "
        "deadline it moves (2019-12-31): remove late: true"),
    "second close": (
        '- measure: "1.2"\n  date: 2019-03-20\n  state: done\n  evidence: 验收\n',
        "3:10: journal entry 10, field state: 1.2 is already closed as of 2019-03-20 (closed by entry 2, line 8, dated "
        "2018-06-20); reopen it first (a reopened entry before this one) if it must be closed again"),
    "second close of a step": (
        '- measure: "4.2"\n  date: 2019-03-20\n  state: done\n  milestone: 2018-10-31\n  evidence: 验收\n',
        "3:10: journal entry 10, field state: 4.2's step due 2018-10-31 is already closed as of 2019-03-20 (closed by "
        "entry 8, line 41, dated 2018-10-20); reopen it first (a reopened entry before this one) if it must be "
        "closed again"),
    "second close of a measure that stays ongoing": (
        '- measure: "2.1"\n  date: 2019-03-20\n  state: done\n  evidence: 验收\n'
        '- measure: "2.1"\n  date: 2019-03-21\n  state: done\n  evidence: 复验\n',
        "7:10: journal entry 11, field state: 2.1 is already closed as of 2019-03-21 (closed by entry 10, line 57, dated "
        "2019-03-20; its dated part; it stays ongoing); reopen it first (a reopened entry before this one) if it "
        "must be closed again"),
    "close of an ongoing-only measure": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: done\n  evidence: 检查记录\n',
        "3:10: journal entry 10, field state: 2.2 is ongoing (长期坚持) with no deadline to close: report on it "
        "(state: report)"),
    "reopening of a measure not closed": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: reopened\n  note: 回头看\n',
        "3:10: journal entry 10, field state: 1.1 is not closed as of 2019-03-20: nothing to reopen"),
    "reopening without a note": (
        '- measure: "1.2"\n  date: 2019-03-20\n  state: reopened\n',
        "1:3: journal entry 10: a reopened entry needs a note saying why the measure is reopened "
        "(e.g. a follow-up inspection (回头看) found superficial rectification)"),
    "report on a measure with no ongoing part": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: report\n  note: 一季度\n',
        "3:10: journal entry 10, field state: 1.1 has no ongoing (长期坚持) part to report on: write its progress as "
        "state: in_progress"),
    "in_progress with an empty note": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: in_progress\n  note: ""\n',
        "4:9: journal entry 10, field note: an in_progress entry needs a note saying what is under way"),
    "in_progress with a blank note": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: in_progress\n  note: "   "\n',
        "4:9: journal entry 10, field note: an in_progress entry needs a note saying what is under way"),
    "report with a note of a zero-width space": (  # (it showed nothing, and cleared 久未报告)
        '- measure: "2.2"\n  date: 2019-03-20\n  state: report\n  note: "\\u200b"\n',
        "4:9: journal entry 10, field note: a report needs a note saying what was done"),
    "in_progress without a note": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: in_progress\n',
        "1:3: journal entry 10: an in_progress entry needs a note saying what is under way"),
    # (back-filled: the close dated first stands, the one recorded first is the second close)
    "second close recorded first": (
        '- measure: "1.1"\n  date: 2019-03-25\n  state: done\n  evidence: 验收\n'
        '- measure: "1.1"\n  date: 2019-03-21\n  state: done\n  evidence: 初验\n',
        "3:10: journal entry 10, field state: 1.1 is already closed as of 2019-03-25 (closed by entry 11, line 61, dated "
        "2019-03-21, written after this one but dated before it); reopen it first (a reopened entry before this "
        "one) if it must be closed again"),
    # (撤回误录: the hash of an earlier entry of the same measure, not retracted before, dated by then)
    "retraction of no earlier entry": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + "ab" * 32 + "\n  note: 误记\n",
        "4:13: journal entry 10, field retracts: no earlier entry of this journal has the hash abababababab…: a retraction "
        "retracts an entry written before it"),
    "retraction of another measure's entry": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n  note: 误记\n",
        "4:13: journal entry 10, field retracts: the entry it retracts (line 8) is of 1.2, not of 1.1"),
    "retraction without the hash it retracts": (
        '- measure: "1.1"\n  date: 2019-03-20\n  state: retracted\n  note: 误记\n',
        "1:3: journal entry 10, field retracts: a retraction needs the hash of the entry it retracts (retracts: 64 "
        "lowercase hex digits)"),
    "retraction without a note": (
        '- measure: "1.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n",
        "1:3: journal entry 10: a retraction needs a note saying why the entry was wrong"),
    "retracts on an entry of another state": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: report\n  note: 一季度\n  retracts: ' + REPORT_2_2 + "\n",
        "5:13: journal entry 10, field retracts: only a retraction (state: retracted) has 'retracts'"),
    "retraction dated before its entry": (
        '- measure: "2.2"\n  date: 2019-02-01\n  state: retracted\n  retracts: ' + REPORT_2_2 + "\n  note: 误记\n",
        "4:13: journal entry 10, field retracts: the retraction's date 2019-02-01 is before that of the entry it retracts "
        "(2019-03-01, line 20)"),
    "entry retracted twice": (
        '- measure: "2.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + REPORT_2_2 + "\n  note: 误记\n"
        '- measure: "2.2"\n  date: 2019-03-21\n  state: retracted\n  retracts: ' + REPORT_2_2 + "\n  note: 误记\n",
        "9:13: journal entry 11, field retracts: the entry on line 20 is already retracted (line 57)"),
    # (a retraction retracted: its entry counts again from that day, and may be retracted once more)
    "retraction retracted twice": (
        RETRACTION_1_2 + '- measure: "1.2"\n  date: 2019-03-21\n  state: retracted\n  retracts: ' + "cd" * 32
        + "\n  note: 撤回有误\n  hash: " + "ef" * 32 + "\n"
        '- measure: "1.2"\n  date: 2019-03-22\n  state: retracted\n  retracts: ' + "cd" * 32 + "\n  note: 撤回有误\n",
        "16:13: journal entry 12, field retracts: the entry on line 57 is already retracted (line 63)"),
    "close after its retraction was undone": (
        RETRACTION_1_2 + '- measure: "1.2"\n  date: 2019-03-21\n  state: retracted\n  retracts: ' + "cd" * 32
        + "\n  note: 撤回有误\n"
        '- measure: "1.2"\n  date: 2019-03-22\n  state: done\n  evidence: 验收\n',
        "14:10: journal entry 12, field state: 1.2 is already closed as of 2019-03-22 (closed by entry 2, line 8, dated "
        "2018-06-20); reopen it first (a reopened entry before this one) if it must be closed again"),
    "reopening after the close it would reopen was retracted": (
        '- measure: "1.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n  note: 误记\n"
        '- measure: "1.2"\n  date: 2019-03-21\n  state: reopened\n  note: 回头看\n',
        "8:10: journal entry 11, field state: 1.2 is not closed as of 2019-03-21: nothing to reopen"),
}


def _small_with_appended(tmp_path: Path, appended: str) -> tuple[Path, int]:
    """The small fixture in tmp_path/reg, `appended` after its journal's entries; the journal's
    path and the line the appended text starts on."""
    if not (tmp_path / "reg").exists():
        shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    journal = tmp_path / "reg" / "progress.yaml"
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text + appended, encoding="utf-8")
    return journal, text.count("\n") + 1


@pytest.mark.parametrize("case", REFUSED_ON_LOAD)
@pytest.mark.parametrize("path", ["no cache", "cold cache", "appended to a cached journal"])
def test_an_entry_a_writing_command_refuses_is_refused_on_every_load_path(tmp_path, monkeypatch, case, path):
    """(validate passed them, and then show, history and summary told different stories: an
    extension of a closed measure listed as granted, the late flag saying one thing and summary
    another, an in_progress entry without a note clearing 久未报告)"""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    appended, expected = REFUSED_ON_LOAD[case]
    if path == "appended to a cached journal":
        _small_with_appended(tmp_path, "")
        load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31))
        registry.TAIL_PARSES.clear()
    journal, first = _small_with_appended(tmp_path, appended)
    line, column, message = expected.split(":", 2)
    for _ in range(2):  # (a refused journal is never cached: the second load reads it again)
        with pytest.raises(RegistryError) as caught:
            load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31), use_cache=path != "no cache")
        assert str(caught.value) == f"{journal}:{first + int(line) - 1}:{column}:{message}"
    if path == "appended to a cached journal":
        assert registry.TAIL_PARSES[str(journal)] >= 1  # (what was appended was read alone first)


@pytest.mark.parametrize("appended", [
    # closed, reopened (saying why), closed again
    '- measure: "1.1"\n  date: 2019-03-20\n  state: done\n  evidence: 验收\n'
    '- measure: "1.1"\n  date: 2019-03-21\n  state: reopened\n  note: 回头看发现表面整改\n'
    '- measure: "1.1"\n  date: 2019-03-22\n  state: done\n  evidence: 复验\n',
    # a late extension flagged late; an extension on the deadline day is not late
    '- measure: "1.1"\n  date: 2019-03-20\n' + EXTENSION + "  late: true\n",
    '- measure: "1.1"\n  date: 2018-12-31\n' + EXTENSION,
    # the step still open of a measure whose other step is closed; an in_progress saying something
    '- measure: "4.2"\n  date: 2019-03-20\n  state: extended\n  to: 2020-06-30\n  reason: 补批\n'
    "  approved_by: 自治区生态环境厅\n",
    '- measure: "2.2"\n  date: 2019-03-20\n  state: in_progress\n  note: 检查工地12个\n',
    # a close of the dated part of a measure that stays ongoing, then a report on it
    '- measure: "2.1"\n  date: 2019-03-20\n  state: done\n  evidence: 验收\n'
    '- measure: "2.1"\n  date: 2019-03-21\n  state: report\n  note: 巡查\n',
    # a close retracted, then the measure closed again; a report retracted on its own day
    '- measure: "1.2"\n  date: 2019-03-20\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n  note: 误记\n"
    '- measure: "1.2"\n  date: 2019-03-21\n  state: done\n  evidence: 验收\n',
    '- measure: "2.2"\n  date: 2019-03-01\n  state: retracted\n  retracts: ' + REPORT_2_2 + "\n  note: 误记\n",
    # a retraction retracted, the entry it retracted then retracted again
    RETRACTION_1_2 + '- measure: "1.2"\n  date: 2019-03-21\n  state: retracted\n  retracts: ' + "cd" * 32
    + "\n  note: 撤回有误\n"
    '- measure: "1.2"\n  date: 2019-03-22\n  state: retracted\n  retracts: ' + CLOSE_1_2 + "\n  note: 确为误记\n",
], ids=["closed, reopened, closed", "late, flagged", "on the deadline day", "open step", "in_progress", "report",
        "retracted, closed again", "retracted the same day", "retraction undone, retracted again"])
def test_entries_a_writing_command_accepts_load(tmp_path, monkeypatch, appended):
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    _small_with_appended(tmp_path, appended)
    for use_cache in (False, True, True):
        reg = load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31), use_cache=use_cache)
        assert len(reg.journal) == 9 + appended.count("- measure:")


def test_a_journal_cached_by_an_earlier_version_is_checked_again(tmp_path, monkeypatch):
    """A cached journal's rows are the entries valid on their own, as the version that cached
    them judged: an in_progress entry without a note was, up to cache version 10."""
    from rectify_cli import cache

    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    appended, expected = REFUSED_ON_LOAD["in_progress with an empty note"]
    journal, first = _small_with_appended(tmp_path, appended.replace('note: ""', "note: 检查"))
    raw = journal.read_bytes()
    rows = registry._load_journal(journal, "", None, []).rows
    journal.write_bytes(raw.replace(b"note: \xe6\xa3\x80\xe6\x9f\xa5", b'note: ""'))
    rows[-1][4] = ""  # (the row the earlier version made of it)
    with monkeypatch.context() as earlier:
        earlier.setattr(cache, "CACHE_VERSION", 10)
        registry._put_journal(cache.FileCache(), journal, "", journal.read_bytes(), rows)
        assert load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31)).journal[-1].note == ""
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "reg" / "tasks.yaml", today=date(2019, 3, 31))
    line, column, message = expected.split(":", 2)
    assert str(caught.value) == f"{journal}:{first + int(line) - 1}:{column}:{message}"


@pytest.mark.parametrize("recorded, expected", [
    ("2019-03-01", ":5:13: journal entry 1, field recorded: 2019-03-01 is not after the entry's date (2019-03-01): "
                   "'recorded' is the later day a back-dated entry was written"),
    ("2019-04-01", ":5:13: journal entry 1, field recorded: 2019-04-01 is in the future (today is 2019-03-31): an entry "
                   "records what has happened; if its date is right, check this computer's clock"),
])
def test_a_recorded_day_before_its_entry_or_in_the_future_is_refused(tmp_path, recorded, expected):
    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "progress.yaml").write_text(
        f'- measure: "2.1"\n  date: 2019-03-01\n  state: in_progress\n  note: 推进中\n  recorded: {recorded}\n', encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert str(caught.value) == f"{tmp_path / 'progress.yaml'}{expected}"


def test_a_recorded_day_not_after_its_entry_is_told_in_the_words_the_write_uses(tmp_path):
    """(a back-dated entry is 补录 where rectify writes one, show and summary name it: this said 补记记录)"""
    from rectify_cli.i18n import Lang, problem_message

    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "progress.yaml").write_text(
        '- measure: "2.1"\n  date: 2019-03-01\n  state: in_progress\n  note: 推进中\n  recorded: 2019-03-01\n', encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "tasks.yaml", today=date(2019, 3, 31), use_cache=False)
    assert problem_message(caught.value.problems[0], Lang.zh) == (
        "第 1 条进展记录的 recorded：2019-03-01 不晚于该记录的日期（2019-03-01）：'recorded' 是补录记录的写入日，应在其日期之后")


# -- a broken file's messages in both languages ---------------------------------------------------
def _fields(template: str) -> set[str]:
    import string

    return {name.split("!")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(k for k in __import__("rectify_cli.i18n").i18n.LABELS if k.startswith("problem_")))
def test_a_problem_says_the_same_things_in_chinese_as_in_english(key):
    """Each message about a broken file fills the same values in both languages, and the
    Chinese one is Chinese (but for a literal, as a key path or a value, that stays as written)."""
    from rectify_cli.i18n import LABELS

    zh, en = LABELS[key]
    assert _fields(zh) == _fields(en), key
    assert re.search(r"[\u4e00-\u9fff]", zh) or not re.sub(r"\{[^}]*\}|[\s（）；：“”]", "", zh), (key, zh)
    # (full-width punctuation inside Chinese sentences)
    assert not re.search(r"[\u4e00-\u9fff][,;()?]|[,;(?][\u4e00-\u9fff]", zh), (key, zh)


def test_a_broken_file_is_said_in_english_with_lang_en_and_in_chinese_without(tmp_path):
    reg = tmp_path / "reg"
    shutil.copytree(FIXTURES / "small", reg)
    text = (reg / "tasks.yaml").read_text(encoding="utf-8")
    (reg / "tasks.yaml").write_text(text.replace("owners: [拉萨市]", "owners: [拉萨]", 1), encoding="utf-8")

    def run(*args, **env):
        environment = {k: v for k, v in os.environ.items() if k != "RECTIFY_LANG"} | {"RECTIFY_TODAY": "2019-03-31", **env}
        return subprocess.run([sys.executable, "-m", "rectify_cli", "validate", str(reg / "tasks.yaml"), *args], capture_output=True,
                              text=True, env=environment)

    english, chinese = run("--lang", "en"), run()
    assert english.returncode == chinese.returncode == 2
    where = f"rectify: {reg / 'tasks.yaml'}:43:18: "
    assert english.stderr == f"{where}measure 1.1, field owners: unknown unit '拉萨' (did you mean 拉萨市?); declare it under 'units:'\n"
    assert chinese.stderr == f"{where}措施 1.1 的 owners：未知单位“拉萨”（是否指 拉萨市？）；请在 'units:' 下声明\n"
    assert run(RECTIFY_LANG="en").stderr == english.stderr  # (for every command, once)


def test_a_comment_inside_an_unquoted_note_is_refused_not_dropped(tmp_path):
    """`note: 管网已通水 #1号泵站` read as 管网已通水: the rest was dropped without a word. A comment
    after a value that is no text (state: done  # 已核实), inside quotes, or a comment of its own
    (`# ` and words, as docs/registry-format.md annotates its example), is as before."""
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    journal = tmp_path / "reg" / "progress.yaml"
    text = journal.read_text(encoding="utf-8")
    entry = '- measure: "1.1"\n  date: 2019-03-20\n  state: in_progress  # 已核实\n  note: {}\n'
    for written, read in (('"管网已通水 #1号泵站"', "管网已通水 #1号泵站"), ("管网已通水  # 已核实", "管网已通水")):
        journal.write_text(text + entry.format(written), encoding="utf-8")
        assert load_registry(tmp_path / "reg" / "tasks.yaml", use_cache=False, today=date(2019, 3, 31)).journal[-1].note == read
    journal.write_text(text + entry.format("管网已通水 #1号泵站"), encoding="utf-8")
    line = text.count("\n") + 4
    for use_cache in (False, True):
        with pytest.raises(RegistryError) as caught:
            load_registry(tmp_path / "reg" / "tasks.yaml", use_cache=use_cache, today=date(2019, 3, 31))
        assert str(caught.value) == (f"{journal}:{line}:15: a ' #' in the text of note, written without quotes, starts a "
                                     "comment, and the text after it is dropped: put the text in quotes (\"…\"), or the "
                                     "comment on a line of its own")


def test_a_comment_inside_unquoted_evidence_is_said_in_english_without_a_wrong_article(tmp_path):
    """The key is named as the file writes it: 'in a evidence' (or 'a issuer') was no English."""
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    journal = tmp_path / "reg" / "progress.yaml"
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text + '- measure: "1.1"\n  date: 2019-03-20\n  state: in_progress\n  note: 管网已通水\n'
                       "  evidence: 藏环发 #12号\n", encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "reg" / "tasks.yaml", use_cache=False, today=date(2019, 3, 31))
    assert str(caught.value) == (f"{journal}:{text.count(chr(10)) + 5}:17: a ' #' in the text of evidence, written without "
                                 "quotes, starts a comment, and the text after it is dropped: put the text in quotes "
                                 "(\"…\"), or the comment on a line of its own")


def test_validate_says_the_hint_in_chinese_by_default(tmp_path):
    from builders import run_cli

    shutil.copy(FIXTURES / "small" / "tasks.yaml", tmp_path / "tasks.yaml")
    journal = (FIXTURES / "small" / "progress.yaml").read_text(encoding="utf-8")
    (tmp_path / "progress.yaml").write_text(journal.replace("  date: 2018-09-30\n", "  date: 2019年3月31日\n", 1), encoding="utf-8")
    result = run_cli("validate", str(tmp_path / "tasks.yaml"), "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == (f"rectify: {tmp_path / 'progress.yaml'}:3:9: 第 1 条进展记录的 date：应为 YYYY-MM-DD 格式的日期，"
                             "实为“2019年3月31日”（是否指 2019-03-31？）\n")
