"""`rectify merge-journal`, git's merge driver for a journal (README, "Two colleagues, two branches"):
two clerks record on two branches and git merges their journals, with real git. Skipped where git is
not installed."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builders import GIT_ENV

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _env(bin_dir: Path | None = None) -> dict:
    env = {**os.environ, **GIT_ENV, "PYTHONPATH": str(ROOT), "RECTIFY_TODAY": "2019-03-31", "COLUMNS": "100"}
    if bin_dir is not None:  # (`rectify` on the PATH, as an installed one is: the README's recipe names it)
        env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env.pop("RECTIFY_LANG", None)
    return env


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=_env(repo.parent / "bin"), capture_output=True, text=True,
                          check=check, timeout=120)


def rectify(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rectify_cli", *args], cwd=cwd, env=_env(), capture_output=True,
                          text=True, timeout=120)


def readme_recipe() -> tuple[str, str]:
    """The README's setup: the .gitattributes lines (its block) and the git config command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    attributes = re.search(r"^```\n((?:[^`\n]*merge=rectify\n)+)```$", text, re.M)
    config = re.search(r"^git config merge\.rectify\.driver .*$", text, re.M)
    assert attributes and config, "README gives the driver's setup lines"
    return attributes.group(1).rstrip("\n"), config.group(0)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository holding the small fixture in data/, committed on main, the merge driver set up
    as the README says, `rectify` on the PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "rectify"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m rectify_cli "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    repo = tmp_path / "repo"
    shutil.copytree(SMALL, repo / "data")
    attributes, config = readme_recipe()
    (repo / ".gitattributes").write_text(attributes + "\n", encoding="utf-8")
    (repo / ".gitignore").write_text("*.lock\n.*.tmp\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    subprocess.run(config, shell=True, cwd=repo, env=_env(bin_dir), check=True, timeout=60)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ledger")
    return repo


def on_branch(repo: Path, branch: str, *records: tuple[str, ...]) -> None:
    git(repo, "checkout", "-q", "-b", branch, "main")
    for args in records:
        done = rectify(repo, *args, "--lang", "en")
        assert done.returncode == 0, done.stderr
    git(repo, "commit", "-q", "-am", f"{branch}'s entries")


A_RECORDS = ("record", "1.1", "--state", "in_progress", "--note", "主体完工", "--date", "2019-03-20", "--by", "拉萨市")
B_RECORDS = ("record", "2.1", "--state", "in_progress", "--note", "围挡完成", "--date", "2019-03-21", "--by", "那曲市")


@needs_git
def test_the_readme_recipe_merges_two_branches_recording_different_measures(repo):
    on_branch(repo, "a", A_RECORDS)
    on_branch(repo, "b", B_RECORDS)
    git(repo, "checkout", "-q", "a")
    merged = git(repo, "merge", "-q", "--no-edit", "b", check=False)
    assert merged.returncode == 0, merged.stderr + merged.stdout
    assert git(repo, "status", "--porcelain").stdout == ""
    verified = rectify(repo, "verify", "--lang", "en")
    assert (verified.returncode, verified.stdout.splitlines()[-1]) == (0, "verify: ok")
    history = rectify(repo, "history", "--lang", "en")
    dated = [line.split()[:2] for line in history.stdout.splitlines() if line.startswith("20")]
    assert dated[:2] == [["2019-03-21", "2.1"], ["2019-03-20", "1.1"]]
    for command in ("status", "check"):
        assert rectify(repo, command, "--lang", "en").returncode in (0, 1), command
    for measure, note in (("1.1", "主体完工"), ("2.1", "围挡完成")):
        shown = rectify(repo, "show", measure, "--lang", "en")
        assert shown.returncode == 0 and note in shown.stdout, measure


@needs_git
def test_a_retraction_on_theirs_of_its_own_new_entry_still_voids_it_after_the_merge(repo):
    on_branch(repo, "a", A_RECORDS)
    on_branch(repo, "b", ("close", "2.1", "--evidence", "验收单", "--date", "2019-03-21", "--by", "那曲市"),
              ("retract", "2.1", "--reason", "误录", "--date", "2019-03-22"))
    git(repo, "checkout", "-q", "a")
    assert git(repo, "merge", "-q", "--no-edit", "b", check=False).returncode == 0
    entries = yaml.safe_load((repo / "data" / "progress.yaml").read_text(encoding="utf-8"))
    closed, retraction = entries[-2], entries[-1]
    assert (closed["state"], retraction["state"]) == ("done", "retracted")
    assert retraction["retracts"] == closed["hash"]  # (its new hash, not the one it had on b)
    verified = rectify(repo, "verify", "--lang", "en")
    assert (verified.returncode, verified.stdout.splitlines()[-1]) == (0, "verify: ok")
    shown = rectify(repo, "status", "--format", "json", "--lang", "en")
    assert shown.returncode == 0, shown.stderr
    assert '"2.1"' in shown.stdout
    again = rectify(repo, "close", "2.1", "--evidence", "验收单", "--date", "2019-03-25", "--lang", "en")
    assert again.returncode == 0, again.stderr  # (refused as already closed, were the close not voided)


@needs_git
def test_both_sides_closing_one_measure_is_a_conflict_that_leaves_ours_as_it_was(repo):
    on_branch(repo, "a", ("close", "1.1", "--evidence", "验收", "--date", "2019-03-20", "--by", "拉萨市"))
    on_branch(repo, "b", ("close", "1.1", "--evidence", "验收2", "--date", "2019-03-21", "--by", "拉萨市"))
    git(repo, "checkout", "-q", "a")
    ours = (repo / "data" / "progress.yaml").read_bytes()
    merged = git(repo, "merge", "--no-edit", "b", check=False)
    assert merged.returncode == 1
    assert "CONFLICT" in merged.stdout
    assert (repo / "data" / "progress.yaml").read_bytes() == ours
    assert "rectify: data/progress.yaml:" in merged.stderr
    assert merged.stderr.rstrip().endswith(
        "rectify: data/progress.yaml: 未合并，我方文件保持原样；请手工合并：取一方的进展记录（git checkout --ours 或 "
        "--theirs 此文件），再用 `rectify record … --date 日期` 补录另一方的记录（见 README“两位同事，两个分支”）")


def _journals(tmp_path: Path, base: str, ours: str, theirs: str) -> list[Path]:
    files = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    return files


def test_the_same_measure_closed_on_both_sides_named_directly(tmp_path):
    ledger = tmp_path / "data"
    shutil.copytree(SMALL, ledger)
    journal = ledger / "progress.yaml"
    base = journal.read_text(encoding="utf-8")
    assert rectify(tmp_path, "close", "1.1", "--evidence", "验收", "--date", "2019-03-20", "--lang", "en").returncode == 0
    ours = journal.read_text(encoding="utf-8")
    journal.write_text(base, encoding="utf-8")
    assert rectify(tmp_path, "close", "1.1", "--evidence", "验收2", "--date", "2019-03-21", "--lang", "en").returncode == 0
    theirs = journal.read_text(encoding="utf-8")
    journal.write_text(ours, encoding="utf-8")
    files = _journals(tmp_path, base, ours, theirs)
    done = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml", "--lang", "en")
    assert (done.returncode, done.stdout) == (1, "")
    # (was "data/progress.yaml:66:10: journal entry 11 …": a line of the merged journal, which is not written)
    assert done.stderr.splitlines() == [
        "rectify: data/progress.yaml: the merged journal, not written, would be refused on load (its entries 1–10 are "
        "ours's, as in this file, and those after theirs's, chained on: entry numbers past 10 and line numbers past 63 "
        "are the merged journal's):",
        "rectify: data/progress.yaml: theirs's (THEIRS) entry 10, line 57 of theirs's data/progress.yaml (measure 1.1, "
        "2019-03-21), merged as entry 11: journal entry 11, field state: 1.1 is already closed as of 2019-03-21 "
        "(closed by ours's (OURS) entry 10, line 57, dated 2019-03-20); reopen it first (a reopened entry before this "
        "one) if it must be closed again",
        "rectify: data/progress.yaml: not merged, ours left as it was; merge by hand: take one side's journal (git "
        "checkout --ours or --theirs on it) and record the other side's entries again with `rectify record … --date "
        "DAY` (README, \"Two colleagues, two branches\")"]
    assert files[1].read_text(encoding="utf-8") == ours


def _two_closes(tmp_path: Path, ours_date: str, theirs_date: str) -> list[Path]:
    """A ledger in tmp_path/data, and BASE, OURS, THEIRS journals: each side closed 1.1 on its date."""
    ledger = tmp_path / "data"
    shutil.copytree(SMALL, ledger)
    journal = ledger / "progress.yaml"
    base = journal.read_text(encoding="utf-8")
    sides = []
    for day, evidence in ((ours_date, "验收"), (theirs_date, "验收2")):
        journal.write_text(base, encoding="utf-8")
        done = rectify(tmp_path, "close", "1.1", "--evidence", evidence, "--date", day, "--lang", "en")
        assert done.returncode == 0, done.stderr
        sides.append(journal.read_text(encoding="utf-8"))
    journal.write_text(sides[0], encoding="utf-8")
    return _journals(tmp_path, base, *sides)


def test_a_refusal_at_an_entry_of_ours_names_its_line_in_ours(tmp_path):
    # (theirs's close, dated first, is judged first: the refusal is at ours's, at its line in ours's file; the
    # close it names, theirs's, by its place and line in theirs's file: was "entry 11, line 64", the merged one's)
    files = _two_closes(tmp_path, "2019-03-21", "2019-03-20")
    ours = files[1].read_bytes()
    done = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml", "--lang", "en")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[:2] == [
        "rectify: data/progress.yaml: the merged journal, not written, would be refused on load (its entries 1–10 are "
        "ours's, as in this file, and those after theirs's, chained on: entry numbers past 10 and line numbers past 63 "
        "are the merged journal's):",
        "rectify: data/progress.yaml:59:10: ours's (OURS) entry 10 (measure 1.1, 2019-03-21): journal entry 10, field "
        "state: 1.1 is already closed as of 2019-03-21 (closed by theirs's (THEIRS) entry 10, line 57 of theirs's "
        "data/progress.yaml, dated 2019-03-20, written after this one but dated before it); reopen it first (a "
        "reopened entry before this one) if it must be closed again"]
    assert ours.decode("utf-8").splitlines()[58] == "  state: done"  # (line 59 of ours's file: the field named)
    assert files[1].read_bytes() == ours
    said = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml")
    assert said.stderr.splitlines()[:2] == [
        "rectify: data/progress.yaml: 合并后的进展记录（未写入）读取时会被拒绝（其第 1–10 条为我方的记录，与本文件相同，"
        "之后为接上的对方记录：第 10 条之后的条号、第 63 行之后的行号指合并后的文件）：",
        "rectify: data/progress.yaml:59:10: 我方（OURS）的第 10 条记录（措施 1.1，2019-03-21）：第 10 条进展记录的 state："
        "截至 2019-03-21，1.1 已经销号（已由对方（THEIRS）data/progress.yaml 的第 10 条记录（第 57 行）销号，其日期为 "
        "2019-03-20，写在本条之后但日期更早）；"
        "如须再次销号，请先重新打开（在此之前加一条 reopened 记录）"]


def test_a_refusal_at_an_entry_of_theirs_names_its_line_in_theirs_in_chinese(tmp_path):
    files = _two_closes(tmp_path, "2019-03-20", "2019-03-21")
    theirs = files[2].read_text(encoding="utf-8").splitlines()
    assert theirs[56:58] == ['- measure: "1.1"', "  date: 2019-03-21"]  # (theirs's close: its line 57)
    done = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[1] == (
        "rectify: data/progress.yaml: 对方（THEIRS）data/progress.yaml 的第 10 条记录（第 57 行；措施 1.1，2019-03-21），"
        "合并后为第 11 条：第 11 条进展记录的 state：截至 2019-03-21，1.1 已经销号（已由我方（OURS）的第 10 条记录（第 57 行）"
        "销号，其日期为 2019-03-20）；如须再次销号，请先重新打开（在此之前加一条 reopened 记录）")


def _folder(tmp_path: Path) -> None:
    """tmp_path/data: plans one.yaml and two.yaml, each with the small fixture's journal."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("one", "two"):
        plan = (SMALL / "tasks.yaml").read_text(encoding="utf-8").replace("title: 测试台账", f"title: 测试台账{name}")
        (data / f"{name}.yaml").write_text(plan, encoding="utf-8")
        shutil.copyfile(SMALL / "progress.yaml", data / f"{name}.progress.yaml")


_TWO_REFUSED = "rectify: data/two.progress.yaml:57:12: journal entry 10: no measure '9.9' in the plan\n"
_TWO_PLAN_REFUSED = ("rectify: data/two.yaml:123:5: task 5 in the list: expected a mapping (key: value), got text "
                     "'bogus'\n")


def _one_merged(tmp_path: Path, ours_args: tuple, theirs_args: tuple, spoiled: str = "journal"
                ) -> subprocess.CompletedProcess:
    """one's journal merged by the driver, each side having recorded on it (OURS left in data/, where it
    is merged into), when two's journal has an entry written by hand on a measure its plan lacks (or,
    `spoiled` "plan", two's plan a task that is no mapping)."""
    journal = tmp_path / "data" / "one.progress.yaml"
    base = journal.read_text(encoding="utf-8")
    sides = []
    for args in (ours_args, theirs_args):
        journal.write_text(base, encoding="utf-8")
        done = rectify(tmp_path, "-r", "data", *args, "--lang", "en")
        assert done.returncode == 0, done.stderr
        sides.append(journal.read_text(encoding="utf-8"))
    files = _journals(tmp_path, base, *sides)
    if spoiled == "plan":
        with open(tmp_path / "data" / "two.yaml", "a", encoding="utf-8") as other:
            other.write("  - bogus\n")
    else:
        with open(tmp_path / "data" / "two.progress.yaml", "a", encoding="utf-8") as other:
            other.write('- measure: "9.9"\n  date: 2019-03-01\n  state: in_progress\n  note: 手写\n')
    refused = _TWO_PLAN_REFUSED if spoiled == "plan" else _TWO_REFUSED
    assert rectify(tmp_path, "-r", "data", "validate", "--lang", "en").stderr == refused
    done = rectify(tmp_path, "merge-journal", *map(str, files), "data/one.progress.yaml", "--lang", "en")
    if done.returncode == 0:
        shutil.copyfile(files[1], journal)
    return done


def test_another_files_bad_journal_neither_blocks_nor_unchecks_the_merge(tmp_path):
    # (two's journal was loaded with one's merged one: refused, and theirs's alike, so the merge was said
    # unchecked, "their plan changed?", and a real refusal of one's went through: the next test)
    _folder(tmp_path)
    done = _one_merged(tmp_path, ("record", "one:1.1", *A_RECORDS[2:]), ("record", "one:2.1", *B_RECORDS[2:]))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "merge-journal: 1 of theirs's entries chained on after ours's 10 (new hashes)\n"
    for command in ("validate", "check"):  # (two's problem said as before)
        after = rectify(tmp_path, "-r", "data", command, "--lang", "en")
        assert (after.returncode, after.stdout, after.stderr) == (2, "", _TWO_REFUSED), command


def test_a_refusal_of_the_merged_journal_stands_beside_another_files_bad_journal(tmp_path):
    _folder(tmp_path)
    close = ("close", "one:1.1", "--evidence", "验收")
    done = _one_merged(tmp_path, (*close, "--date", "2019-03-20"), (*close, "--date", "2019-03-21"))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[1].startswith(
        "rectify: data/one.progress.yaml: theirs's (THEIRS) entry 10, line 57 of theirs's data/one.progress.yaml "
        "(measure 1.1, 2019-03-21), merged as entry 11: journal entry 11, field state: ")
    assert "two.progress.yaml" not in done.stderr


def test_base_entries_ours_removed_stay_removed_and_theirs_chain_on(tmp_path):
    # (OURS lacks BASE's entries 2-9, as a branch a commit is cherry-picked onto lacks those of the commits before
    # it: THEIRS's change since BASE, its entry added, chained on; the entries left out said)
    from rectify_cli.chain import entry_hash

    text = (SMALL / "progress.yaml").read_text(encoding="utf-8")
    cut = text[:text.index("- measure:", text.index("- measure:") + 1)]  # (the first entry only)
    other = '- measure: "2.1"\n  date: 2019-03-21\n  state: in_progress\n  note: 围挡完成\n'
    theirs = text + other + f"  hash: {entry_hash(yaml.safe_load(text)[-1]['hash'], yaml.safe_load(other)[0])}\n"
    files = _journals(tmp_path, text, cut, theirs)
    done = rectify(tmp_path, "merge-journal", *map(str, files), "--lang", "en")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == ("merge-journal: 1 of theirs's entries chained on after ours's 1 (new hashes); 8 of the base's "
                           "(BASE) entries ours lacks left out (of the commits before one cherry-picked? or removed on "
                           "this side?)\n")
    head = yaml.safe_load(cut)[-1]["hash"]
    assert files[1].read_text(encoding="utf-8") == cut + other + f"  hash: {entry_hash(head, yaml.safe_load(other)[0])}\n"


def test_another_files_bad_plan_does_not_uncheck_the_merge(tmp_path):
    # (two's plan was loaded with one's: refused, and theirs's journal alike, so a double close of one's
    # merged "not checked against a plan", with a warning blaming theirs's plan)
    _folder(tmp_path)
    close = ("close", "one:1.1", "--evidence", "验收")
    done = _one_merged(tmp_path, (*close, "--date", "2019-03-20"), (*close, "--date", "2019-03-21"), spoiled="plan")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[1] == (
        "rectify: data/one.progress.yaml: theirs's (THEIRS) entry 10, line 57 of theirs's data/one.progress.yaml "
        "(measure 1.1, 2019-03-21), merged as entry 11: journal entry 11, field state: one:1.1 is already closed as "
        "of 2019-03-21 (closed by ours's (OURS) entry 10, line 57, dated 2019-03-20); reopen it first (a reopened entry "
        "before this one) if it must be closed again")
    assert "two.yaml" not in done.stderr


def test_another_files_bad_plan_neither_blocks_nor_warns_of_a_merge(tmp_path):
    _folder(tmp_path)
    done = _one_merged(tmp_path, ("record", "one:1.1", *A_RECORDS[2:]), ("record", "one:2.1", *B_RECORDS[2:]),
                       spoiled="plan")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "merge-journal: 1 of theirs's entries chained on after ours's 10 (new hashes)\n"
    after = rectify(tmp_path, "-r", "data", "validate", "--lang", "en")  # (two's problem said as before)
    assert (after.returncode, after.stdout, after.stderr) == (2, "", _TWO_PLAN_REFUSED)


def test_this_sides_refused_plan_is_named_not_blamed_on_theirs(tmp_path):
    # (ours's plan refused, every journal is refused under it: the merge was said unchecked "their plan changed?")
    from rectify_cli.chain import entry_hash

    ledger = tmp_path / "data"
    shutil.copytree(SMALL, ledger)
    base = (ledger / "progress.yaml").read_text(encoding="utf-8")
    head = yaml.safe_load(base)[-1]["hash"]
    mine = '- measure: "1.1"\n  date: 2019-03-20\n  state: in_progress\n  note: 主体完工\n'
    other = '- measure: "2.1"\n  date: 2019-03-21\n  state: in_progress\n  note: 围挡完成\n'
    ours_head = entry_hash(head, yaml.safe_load(mine)[0])
    ours = base + mine + f"  hash: {ours_head}\n"
    theirs = base + other + f"  hash: {entry_hash(head, yaml.safe_load(other)[0])}\n"
    with open(ledger / "tasks.yaml", "a", encoding="utf-8") as plan:
        plan.write("  - bogus\n")
    refused = ("data/tasks.yaml:123:5: task 5 in the list: expected a mapping (key: value), got text 'bogus'")
    assert rectify(tmp_path, "validate", "--lang", "en").stderr == f"rectify: {refused}\n"
    for lang, warned in (
            ("en", f"rectify: data/progress.yaml: warning: this side's plan is refused ({refused}): the merged journal "
                   "was not checked against a plan; fix the plan, then run `rectify validate` and `rectify check`\n"),
            ("zh", "rectify: data/progress.yaml: 警告：本方的整改方案读取时被拒绝（data/tasks.yaml:123:5: 列表中第 5 项任务："
                   "应为映射（键: 值），实为文字“bogus”），合并结果未对照方案检查；请修正方案后运行 `rectify validate` 和 "
                   "`rectify check`\n")):
        (tmp_path / lang).mkdir()
        files = _journals(tmp_path / lang, base, ours, theirs)
        done = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml", "--lang", lang)
        assert (done.returncode, done.stderr) == (0, warned), lang
        assert files[1].read_text(encoding="utf-8") == (
            ours + other + f"  hash: {entry_hash(ours_head, yaml.safe_load(other)[0])}\n"), lang


def test_a_rewritten_history_of_theirs_is_a_conflict(tmp_path):
    text = (SMALL / "progress.yaml").read_text(encoding="utf-8")
    cut = text[:text.index("- measure:", text.index("- measure:") + 1)]  # (the first entry only)
    files = _journals(tmp_path, text, text, cut)
    done = rectify(tmp_path, "merge-journal", *map(str, files), "--lang", "en")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[0] == (
        f"rectify: {files[1]}: entry 2 of theirs (THEIRS) differs from the base's (BASE): the two sides do not share "
        "the base's entries (a history rewritten?)")
    assert files[1].read_text(encoding="utf-8") == text


def test_a_file_that_is_no_journal_is_a_conflict(tmp_path):
    text = (SMALL / "progress.yaml").read_text(encoding="utf-8")
    files = _journals(tmp_path, text, text, "<<<<<<< HEAD\n")
    done = rectify(tmp_path, "merge-journal", *map(str, files), "--lang", "en")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        f"rectify: {files[2]}:1:1: journal: expected a list of entries (- measure: ...), got text '<<<<<<< HEAD'",
        f"rectify: {files[1]}: not merged, ours left as it was; merge by hand: take one side's journal (git checkout "
        "--ours or --theirs on it) and record the other side's entries again with `rectify record … --date DAY` "
        "(README, \"Two colleagues, two branches\")"]
    assert files[1].read_text(encoding="utf-8") == text


def test_entries_both_sides_added_alike_are_kept_once_and_theirs_chain_on(tmp_path):
    base = (SMALL / "progress.yaml").read_text(encoding="utf-8")
    same = ('- measure: "1.1"\n  date: 2019-03-20\n  state: in_progress\n  note: 主体完工\n')
    other = ('- measure: "2.1"\n  date: 2019-03-21\n  state: in_progress\n  note: 围挡完成\n')
    from rectify_cli.chain import entry_hash

    head = yaml.safe_load(base)[-1]["hash"]
    ours_hash = entry_hash(head, yaml.safe_load(same)[0])
    theirs_first = entry_hash(head, yaml.safe_load(other)[0])
    ours = base + same + f"  hash: {ours_hash}\n"
    theirs = (base + other + f"  hash: {theirs_first}\n" + same
              + f"  hash: {entry_hash(theirs_first, yaml.safe_load(same)[0])}\n")
    files = _journals(tmp_path, base, ours, theirs)
    done = rectify(tmp_path, "merge-journal", *map(str, files), "--lang", "en")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "merge-journal: 1 of theirs's entries chained on after ours's 10 (new hashes); 1 both added alike kept once\n"
    assert files[1].read_text(encoding="utf-8") == ours + other + f"  hash: {entry_hash(ours_hash, yaml.safe_load(other)[0])}\n"


def test_an_entry_both_sides_added_twice_is_kept_twice_and_a_third_of_theirs_chains_on(tmp_path):
    # (alike entries are found by their content: each of ours's is matched once, in order)
    base = (SMALL / "progress.yaml").read_text(encoding="utf-8")
    from rectify_cli.chain import entry_hash
    from rectify_cli.journal import render_entry

    def side(notes: list[str]) -> tuple[str, list[str]]:
        text, prev, hashes = base, yaml.safe_load(base)[-1]["hash"], []
        for note in notes:
            fields = {"measure": "1.1", "date": "2019-03-20", "state": "in_progress", "note": note}
            fields["hash"] = prev = entry_hash(prev, fields)
            text += render_entry(fields).decode("utf-8")
            hashes.append(prev)
        return text, hashes

    ours, ours_hashes = side(["同", "我", "同"])
    theirs, _ = side(["同", "他", "同", "同"])
    files = _journals(tmp_path, base, ours, theirs)
    done = rectify(tmp_path, "merge-journal", *map(str, files), "--lang", "en")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == ("merge-journal: 2 of theirs's entries chained on after ours's 12 (new hashes); 2 both added "
                           "alike kept once\n")
    after = {"measure": "1.1", "date": "2019-03-20", "state": "in_progress", "note": "他"}
    after["hash"] = entry_hash(ours_hashes[-1], after)
    last = {"measure": "1.1", "date": "2019-03-20", "state": "in_progress", "note": "同"}
    last["hash"] = entry_hash(after["hash"], last)
    chained = (render_entry(after) + render_entry(last)).decode("utf-8")
    assert files[1].read_text(encoding="utf-8") == ours + chained


@pytest.mark.parametrize("ours_milestone, theirs_milestone", [("", ""), ("  milestone: 2020-12-31\n", ""),
                                                               ("", "  milestone: 2020-12-31\n")])
def test_extensions_of_one_deadline_naming_no_milestone_are_a_conflict(tmp_path, ours_milestone, theirs_milestone):
    # (were merged: by the `milestone:` each names, they were not seen to extend the same deadline; without
    # one an extension moves the earliest open dated step, 3.1's only, due 2020-12-31)
    from rectify_cli.chain import entry_hash

    ledger = tmp_path / "data"
    shutil.copytree(SMALL, ledger)
    base = (ledger / "progress.yaml").read_text(encoding="utf-8")
    head = yaml.safe_load(base)[-1]["hash"]

    def extension(day: str, to: str, milestone: str = "") -> str:
        text = (f'- measure: "3.1"\n  date: {day}\n  state: extended\n{milestone}  to: {to}\n  reason: 资金\n'
                "  approved_by: 自治区生态环境厅\n")
        return text + f"  hash: {entry_hash(head, yaml.safe_load(text)[0])}\n"

    ours = base + extension("2019-03-20", "2021-06-30", ours_milestone)
    theirs = base + extension("2019-03-21", "2021-12-31", theirs_milestone)
    files = _journals(tmp_path, base, ours, theirs)
    (ledger / "progress.yaml").write_text(ours, encoding="utf-8")
    assert rectify(tmp_path, "verify", "--lang", "en").returncode == 0  # (each side's own journal is sound)
    done = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[0] == (
        "rectify: data/progress.yaml: 对方的第 10 条记录（措施 3.1，2019-03-21）与我方的第 10 条各自延期了同一期限 2020-12-31："
        "合并后对方的一条会被读作把我方延期后的期限再次延期；请商定保留哪一条")
    assert files[1].read_text(encoding="utf-8") == ours


_UNRESOLVED = (
    "rectify: data/progress.yaml: entry {theirs} of theirs (measure 3.1, 2019-03-21) and entry 10 of ours each extend a "
    "deadline of 3.1, not both naming a milestone:, and which deadline each moves can't be told from the plan (none "
    "found beside the journal, or one side's entries are refused under this side's plan): if the same, merged, "
    "theirs's would read as extending ours's new date again; agree which one stands")


def _chained(journal: str, *texts: str) -> str:
    """`journal` with each entry of `texts` (an entry's YAML text, without its hash) appended, chained on as `record`
    chains it."""
    from rectify_cli.chain import entry_hash

    out, prev = journal, yaml.safe_load(journal)[-1]["hash"]
    for text in texts:
        prev = entry_hash(prev, yaml.safe_load(text)[0])
        out += text + f"  hash: {prev}\n"
    return out


def _extensions(tmp_path: Path, theirs_first: str = "") -> tuple[str, list[Path]]:
    """BASE, OURS, THEIRS journals in tmp_path/sides, each side extending 3.1 naming no milestone (THEIRS after
    `theirs_first`, an entry's text), and the small ledger in tmp_path/data; OURS's text."""
    ledger = tmp_path / "data"
    shutil.copytree(SMALL, ledger)
    base = (ledger / "progress.yaml").read_text(encoding="utf-8")

    extension = ('- measure: "3.1"\n  date: {}\n  state: extended\n  to: {}\n  reason: 资金\n'
                 "  approved_by: 自治区生态环境厅\n")
    ours = _chained(base, extension.format("2019-03-20", "2021-06-30"))
    theirs = _chained(base, *[t for t in (theirs_first, extension.format("2019-03-21", "2021-12-31")) if t])
    (tmp_path / "sides").mkdir()
    return ours, _journals(tmp_path / "sides", base, ours, theirs)


def test_extensions_naming_no_milestone_are_a_conflict_where_no_plan_is_found(tmp_path):
    # (were merged: with no plan the deadline each moves was not resolved, and so not compared)
    ours, files = _extensions(tmp_path)
    done = rectify(tmp_path, "merge-journal", *map(str, files), "elsewhere/progress.yaml", "--lang", "en")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[0] == _UNRESOLVED.format(theirs=10).replace("data/", "elsewhere/")
    assert files[1].read_text(encoding="utf-8") == ours
    said = rectify(tmp_path, "merge-journal", *map(str, files), "elsewhere/progress.yaml")
    assert said.stderr.splitlines()[0] == (
        "rectify: elsewhere/progress.yaml: 对方的第 10 条记录（措施 3.1，2019-03-21）与我方的第 10 条都延期了 3.1 的期限，"
        "且未都写明 milestone:，无法对照整改方案确定各自所延的是哪一期限（进展记录旁没有整改方案，或一方的记录在本方的方案下"
        "读取时会被拒绝）：若是同一期限，合并后对方的一条会被读作把我方延期后的期限再次延期；请商定保留哪一条")


def test_extensions_naming_no_milestone_are_a_conflict_where_theirs_is_refused_under_ours_plan(tmp_path):
    # (theirs recorded on a measure their plan added: theirs's journal, not loaded under ours's plan, resolved
    # nothing, and the merge went through "not checked against a plan", two extensions of 3.1's one deadline)
    added = '- measure: "3.3"\n  date: 2019-03-19\n  state: in_progress\n  note: 开工\n'
    ours, files = _extensions(tmp_path, added)
    done = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml", "--lang", "en")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[0] == _UNRESOLVED.format(theirs=11)
    assert files[1].read_text(encoding="utf-8") == ours


def test_extensions_naming_no_milestone_where_this_sides_plan_is_refused_say_so(tmp_path):
    # (the conflict gave "none found beside the journal, or one side's entries are refused": the plan was
    # there and refused, every journal under it, and the user could not tell what to fix)
    ours, files = _extensions(tmp_path)
    with open(tmp_path / "data" / "tasks.yaml", "a", encoding="utf-8") as plan:
        plan.write("  - bogus\n")
    done = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml", "--lang", "en")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines()[0] == (
        "rectify: data/progress.yaml: entry 10 of theirs (measure 3.1, 2019-03-21) and entry 10 of ours each extend a "
        "deadline of 3.1, not both naming a milestone:, and which deadline each moves can't be told from the plan "
        "(this side's plan is refused: data/tasks.yaml:123:5: task 5 in the list: expected a mapping (key: value), "
        "got text 'bogus'): if the same, merged, theirs's would read as extending ours's new date again; agree which "
        "one stands")
    assert files[1].read_text(encoding="utf-8") == ours
    said = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml")
    assert said.stderr.splitlines()[0] == (
        "rectify: data/progress.yaml: 对方的第 10 条记录（措施 3.1，2019-03-21）与我方的第 10 条都延期了 3.1 的期限，"
        "且未都写明 milestone:，无法对照整改方案确定各自所延的是哪一期限（本方的整改方案读取时被拒绝：data/tasks.yaml:123:5: "
        "列表中第 5 项任务：应为映射（键: 值），实为文字“bogus”）：若是同一期限，合并后对方的一条会被读作把我方延期后的期限"
        "再次延期；请商定保留哪一条")


def test_an_extension_naming_no_milestone_that_theirs_retracted_merges_beside_ours(tmp_path):
    # (voided, it moves nothing: not a second extension of the deadline ours extended)
    from rectify_cli.chain import entry_hash

    ours, files = _extensions(tmp_path)
    theirs = files[2].read_text(encoding="utf-8")
    last = yaml.safe_load(theirs)[-1]["hash"]
    retraction = (f'- measure: "3.1"\n  date: 2019-03-22\n  state: retracted\n  note: 误录\n  retracts: {last}\n')
    files[2].write_text(theirs + retraction + f"  hash: {entry_hash(last, yaml.safe_load(retraction)[0])}\n",
                        encoding="utf-8")
    for path in ("data/progress.yaml", "elsewhere/progress.yaml"):
        files[1].write_text(ours, encoding="utf-8")
        done = rectify(tmp_path, "merge-journal", *map(str, files), path, "--lang", "en")
        assert (done.returncode, done.stderr) == (0, ""), path
        assert done.stdout == "merge-journal: 2 of theirs's entries chained on after ours's 10 (new hashes)\n", path


@pytest.mark.parametrize("retracted_by", ["theirs", "ours"])
def test_an_extension_naming_its_milestone_that_its_side_retracted_merges_beside_the_others(tmp_path, retracted_by):
    # (theirs's, voided, was still counted as a second extension of the deadline 2020-12-31: a conflict)
    from rectify_cli.chain import entry_hash

    ledger = tmp_path / "data"
    shutil.copytree(SMALL, ledger)
    base = (ledger / "progress.yaml").read_text(encoding="utf-8")

    extension = ('- measure: "3.1"\n  date: {}\n  state: extended\n  milestone: 2020-12-31\n  to: {}\n  reason: 资金\n'
                 "  approved_by: 自治区生态环境厅\n")
    sides = {"ours": extension.format("2019-03-20", "2021-06-30"), "theirs": extension.format("2019-03-21", "2021-12-31")}
    texts = {}
    for side, text in sides.items():
        prev = entry_hash(yaml.safe_load(base)[-1]["hash"], yaml.safe_load(text)[0])
        texts[side] = base + text + f"  hash: {prev}\n"
        if side == retracted_by:
            retraction = f'- measure: "3.1"\n  date: 2019-03-22\n  state: retracted\n  note: 误录\n  retracts: {prev}\n'
            texts[side] += retraction + f"  hash: {entry_hash(prev, yaml.safe_load(retraction)[0])}\n"
    files = _journals(tmp_path, base, texts["ours"], texts["theirs"])
    done = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml", "--lang", "en")
    added = 2 if retracted_by == "theirs" else 1
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"merge-journal: {added} of theirs's entries chained on after ours's {12 - added} (new hashes)\n"
    shutil.copyfile(files[1], ledger / "progress.yaml")
    stands = "2021-06-30" if retracted_by == "theirs" else "2021-12-31"
    shown = rectify(tmp_path, "show", "3.1", "--lang", "en")
    assert f"by date  {stands}  2020-12-31" in shown.stdout, shown.stdout


def test_extensions_naming_no_milestone_that_move_two_steps_merge(tmp_path):
    # (3.1 given two steps: ours's extension moves the first; theirs closed it first, so theirs's the second)
    ledger = tmp_path / "data"
    shutil.copytree(SMALL, ledger)
    plan = (ledger / "tasks.yaml").read_text(encoding="utf-8")
    step = "        milestones:\n          - {kind: date, due: 2020-12-31}\n      - id: 2   # ongoing"
    assert plan.count(step) == 1
    (ledger / "tasks.yaml").write_text(plan.replace(step, step.replace(
        "milestones:\n", "milestones:\n          - {kind: date, due: 2020-06-30}\n")), encoding="utf-8")
    base = (ledger / "progress.yaml").read_text(encoding="utf-8")

    extension = ('- measure: "3.1"\n  date: {}\n  state: extended\n  to: {}\n  reason: 资金\n'
                 "  approved_by: 自治区生态环境厅\n")
    close = '- measure: "3.1"\n  date: 2019-03-20\n  state: done\n  milestone: 2020-06-30\n  evidence: 验收\n'
    files = _journals(tmp_path, base, _chained(base, extension.format("2019-03-20", "2020-09-30")),
                      _chained(base, close, extension.format("2019-03-21", "2021-12-31")))
    done = rectify(tmp_path, "merge-journal", *map(str, files), "data/progress.yaml", "--lang", "en")
    assert (done.returncode, done.stderr) == (0, "")
    shutil.copyfile(files[1], ledger / "progress.yaml")
    shown = rectify(tmp_path, "show", "3.1", "--lang", "en")
    assert "by date  2020-09-30  2020-06-30      yes   closed" in shown.stdout
    assert "by date  2021-12-31  2020-12-31      no    on track" in shown.stdout


@pytest.mark.parametrize("args, missing", [((), "<base>"), (("a",), "<ours>"), (("a", "b"), "<theirs>")])
def test_a_command_line_without_three_journals_exits_2(tmp_path, args, missing):
    done = rectify(tmp_path, "merge-journal", *args, "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"rectify: missing argument {missing}; see python -m rectify_cli merge-journal --help\n"


def rebase_a_close_onto_b(repo: Path) -> None:
    """A close of 3.1 committed on branch a, then a rebased onto b: each of a's record commits replayed
    through the driver, in order, and the journal verified."""
    assert rectify(repo, "close", "3.1", "--evidence", "验收", "--date", "2019-03-22", "--lang", "en").returncode == 0
    git(repo, "commit", "-q", "-am", "a's close")
    rebased = git(repo, "rebase", "b", check=False)
    assert rebased.returncode == 0, rebased.stderr
    assert git(repo, "log", "--format=%s").stdout.splitlines() == ["a's close", "a's entries", "b's entries", "ledger"]
    verified = rectify(repo, "verify", "--lang", "en")
    assert (verified.returncode, verified.stdout.splitlines()[-1]) == (0, "verify: ok")


@needs_git
def test_a_rebase_of_two_record_commits_replays_both_through_the_driver(repo):
    # (the second commit replayed was a conflict, "entry 10 of ours differs from the base's … a history
    # rewritten?": its base, the first commit, is in ours with a new hash)
    on_branch(repo, "b", B_RECORDS)
    on_branch(repo, "a", A_RECORDS)
    rebase_a_close_onto_b(repo)
    history = rectify(repo, "history", "--lang", "en")
    dated = [line.split()[:2] for line in history.stdout.splitlines() if line.startswith("20")]
    assert dated[:3] == [["2019-03-22", "3.1"], ["2019-03-21", "2.1"], ["2019-03-20", "1.1"]]


@needs_git
def test_a_rebased_retraction_voids_the_entry_replayed_before_it(repo):
    # (the retraction names the close's hash on its branch; replayed, the close has a new one)
    on_branch(repo, "b", B_RECORDS)
    on_branch(repo, "a", ("close", "1.1", "--evidence", "验收", "--date", "2019-03-20", "--by", "拉萨市"))
    assert rectify(repo, "retract", "1.1", "--reason", "误录", "--date", "2019-03-22", "--lang", "en").returncode == 0
    git(repo, "commit", "-q", "-am", "a's retraction")
    assert git(repo, "rebase", "b", check=False).returncode == 0
    entries = yaml.safe_load((repo / "data" / "progress.yaml").read_text(encoding="utf-8"))
    assert [(e["measure"], e["state"]) for e in entries[-3:]] == [("2.1", "in_progress"), ("1.1", "done"),
                                                                   ("1.1", "retracted")]
    assert entries[-1]["retracts"] == entries[-2]["hash"]
    verified = rectify(repo, "verify", "--lang", "en")
    assert (verified.returncode, verified.stdout.splitlines()[-1]) == (0, "verify: ok")


@needs_git
def test_a_rebase_past_a_merge_replays_the_commits_after_it(repo):
    # (`git pull --rebase` after a merge: the merge is dropped, and its journal, the base of the commit
    # after it, holds the other side's entry after this side's, where the branch built on has it before)
    on_branch(repo, "b", B_RECORDS)
    on_branch(repo, "a", A_RECORDS)
    assert git(repo, "merge", "-q", "--no-edit", "b", check=False).returncode == 0
    rebase_a_close_onto_b(repo)
    entries = yaml.safe_load((repo / "data" / "progress.yaml").read_text(encoding="utf-8"))
    assert [e["measure"] for e in entries[-4:]] == ["4.2", "2.1", "1.1", "3.1"]


@needs_git
def test_a_cherry_pick_of_a_record_commit_without_the_one_before_chains_on_its_entries(repo):
    # (was a conflict, "a history rewritten? or a commit cherry-picked without the commits before it?", where a
    # merge of a into b resolves: the driver's BASE for a cherry-pick is the picked commit's parent, whose entry
    # 10 this side never had)
    on_branch(repo, "a", A_RECORDS)
    assert rectify(repo, "close", "3.1", "--evidence", "验收", "--date", "2019-03-22", "--lang", "en").returncode == 0
    git(repo, "commit", "-q", "-am", "a's close")
    on_branch(repo, "b", B_RECORDS)
    ours = (repo / "data" / "progress.yaml").read_text(encoding="utf-8")
    picked = git(repo, "cherry-pick", "a", check=False)
    assert picked.returncode == 0, picked.stdout + picked.stderr
    assert "merge-journal：我方 10 条记录之后接上对方 1 条（哈希已重新计算）；合并基础（BASE）中本方没有的 1 条未接入" \
           "（挑选（cherry-pick）的提交之前的提交中的记录？或本方删去的记录？）\n" in picked.stdout
    assert git(repo, "log", "--format=%s").stdout.splitlines() == ["a's close", "b's entries", "ledger"]
    after = (repo / "data" / "progress.yaml").read_text(encoding="utf-8")
    assert after.startswith(ours)
    assert after[len(ours):].splitlines()[:6] == ['- measure: "3.1"', "  date: 2019-03-22", "  state: done", '  note: ""',
                                                  "  evidence: 验收", "  recorded: 2019-03-31"]
    verified = rectify(repo, "verify", "--lang", "en")
    assert (verified.returncode, verified.stdout.splitlines()[-1]) == (0, "verify: ok")
    history = rectify(repo, "history", "--lang", "en")
    dated = [line.split()[:2] for line in history.stdout.splitlines() if line.startswith("20")]
    assert dated[:2] == [["2019-03-22", "3.1"], ["2019-03-21", "2.1"]]
    assert ["2019-03-20", "1.1"] not in dated  # (a's first commit, not picked)


@needs_git
def test_a_cherry_picked_retraction_of_an_entry_this_side_lacks_is_a_conflict(repo):
    # (what the picked commit's entry voids is in the commit before it, not picked: nothing to chain it on to)
    on_branch(repo, "a", ("close", "1.1", "--evidence", "验收", "--date", "2019-03-20", "--by", "拉萨市"))
    assert rectify(repo, "retract", "1.1", "--reason", "误录", "--date", "2019-03-22", "--lang", "en").returncode == 0
    git(repo, "commit", "-q", "-am", "a's retraction")
    on_branch(repo, "b", B_RECORDS)
    ours = (repo / "data" / "progress.yaml").read_bytes()
    picked = git(repo, "cherry-pick", "a", check=False)
    assert picked.returncode == 1 and "CONFLICT" in picked.stdout
    assert (repo / "data" / "progress.yaml").read_bytes() == ours
    assert picked.stderr.splitlines()[:2] == [
        "rectify: data/progress.yaml: 对方（THEIRS）的第 11 条记录撤回的是合并基础（BASE）的第 10 条记录（措施 1.1，2019-03-20），"
        "而我方没有这一条（挑选（cherry-pick）的提交之前的提交本分支没有？）：无从接上",
        "rectify: data/progress.yaml: 未合并，我方文件保持原样；请手工合并：取一方的进展记录（git checkout --ours 或 --theirs 此文件），"
        "再用 `rectify record … --date 日期` 补录另一方的记录（见 README“两位同事，两个分支”）"]


@needs_git
def test_the_readme_recipe_merges_the_journals_of_a_folder_registry(repo):
    # (its .gitattributes line, `progress.yaml`, matched no `NAME.progress.yaml`: a conflict, the driver unused)
    data = repo / "data"
    for name in ("one", "two"):  # (two plan files alike but for their titles)
        plan = (SMALL / "tasks.yaml").read_text(encoding="utf-8").replace("title: 测试台账", f"title: 测试台账{name}")
        (data / f"{name}.yaml").write_text(plan, encoding="utf-8")
        shutil.copyfile(SMALL / "progress.yaml", data / f"{name}.progress.yaml")
    (data / "tasks.yaml").unlink()
    (data / "progress.yaml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a folder")
    on_branch(repo, "a", ("-r", "data", *A_RECORDS[:1], "one:1.1", *A_RECORDS[2:]),
              ("-r", "data", *B_RECORDS[:1], "two:2.1", *B_RECORDS[2:]))
    on_branch(repo, "b", ("-r", "data", *B_RECORDS[:1], "one:2.1", *B_RECORDS[2:]),
              ("-r", "data", *A_RECORDS[:1], "two:1.1", *A_RECORDS[2:]))
    git(repo, "checkout", "-q", "a")
    merged = git(repo, "merge", "--no-edit", "b", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    verified = rectify(repo, "-r", "data", "verify", "--lang", "en")
    assert verified.returncode == 0
    assert verified.stdout.splitlines()[-1] == "verify: ok"
    history = rectify(repo, "-r", "data", "history", "--lang", "en")
    dated = [line.split()[:2] for line in history.stdout.splitlines() if line.startswith("20")]
    assert dated[:4] == [["2019-03-21", "two:2.1"], ["2019-03-21", "one:2.1"], ["2019-03-20", "two:1.1"],
                         ["2019-03-20", "one:1.1"]]


_MEASURE_3_3 = """      - id: 3
        text: 完成水源地规范化建设（2020年12月31日）。
        owners: [自治区生态环境厅]
        lead: 自治区生态环境厅
        milestones:
          - {kind: date, due: 2020-12-31}
  - id: 4
"""


@needs_git
def test_theirs_recording_on_a_measure_their_plan_added_merges_with_a_warning(repo):
    # (was a conflict: git runs the driver before it writes the merged plan, so the merged journal was
    # checked against ours's plan, which lacks 3.3: "the plan has no measure 3.3")
    on_branch(repo, "a", A_RECORDS)
    git(repo, "checkout", "-q", "-b", "b", "main")
    plan = repo / "data" / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  - id: 4\n", _MEASURE_3_3, 1), encoding="utf-8")
    done = rectify(repo, "record", "3.3", "--state", "in_progress", "--note", "开工", "--date", "2019-03-21",
                   "--by", "自治区生态环境厅", "--lang", "en")
    assert done.returncode == 0, done.stderr
    git(repo, "commit", "-q", "-am", "b's measure and entry")
    git(repo, "checkout", "-q", "a")
    merged = git(repo, "merge", "--no-edit", "b", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert merged.stderr.splitlines() == [
        "rectify: data/progress.yaml: 警告：对方的记录在本方的整改方案下读取时会被拒绝（对方改了方案？），合并结果未对照方案检查；"
        "请在合并后运行 `rectify check`"]
    verified = rectify(repo, "verify", "--lang", "en")
    assert (verified.returncode, verified.stdout.splitlines()[-1]) == (0, "verify: ok")
    assert rectify(repo, "check", "--lang", "en").returncode == 1  # (it loads: 1.1 is overdue)
    history = rectify(repo, "history", "--lang", "en")
    dated = [line.split()[:2] for line in history.stdout.splitlines() if line.startswith("20")]
    assert dated[:2] == [["2019-03-21", "3.3"], ["2019-03-20", "1.1"]]


@needs_git
def test_a_double_close_is_still_a_conflict_when_both_plans_are_alike(repo):
    # (theirs's journal loads under ours's plan: the refusal of the merged one stands)
    on_branch(repo, "a", ("close", "3.1", "--evidence", "验收", "--date", "2019-03-20"))
    on_branch(repo, "b", ("close", "3.1", "--evidence", "验收2", "--date", "2019-03-21"))
    git(repo, "checkout", "-q", "a")
    merged = git(repo, "merge", "--no-edit", "b", check=False)
    assert merged.returncode == 1 and "CONFLICT" in merged.stdout
    assert "警告" not in merged.stderr


@pytest.mark.parametrize("missing", [0, 1, 2])
def test_a_journal_named_that_is_not_there_is_bad_input_exit_2(tmp_path, missing):
    # (was exit 1, a conflict, "not merged … merge by hand": git always gives three files; a person mistyped one)
    text = (SMALL / "progress.yaml").read_text(encoding="utf-8")
    files = [str(f) for f in _journals(tmp_path, text, text, text)]
    files[missing] = str(tmp_path / "nothing.yaml")
    done = rectify(tmp_path, "merge-journal", *files, "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"rectify: {tmp_path / 'nothing.yaml'}: no such file\n"


@needs_git
def test_both_sides_extending_one_deadline_is_a_conflict(repo):
    # (was merged as two extensions in turn: theirs's, granted from 2020-12-31, then read as moving ours's
    # new date, 2021-06-30; the summary's 原期限 of it wrong, nothing said)
    extend = ("extend", "3.1", "--reason", "资金", "--approved-by", "自治区生态环境厅")
    on_branch(repo, "a", (*extend, "--to", "2021-06-30", "--date", "2019-03-20"))
    on_branch(repo, "b", (*extend, "--to", "2021-12-31", "--date", "2019-03-21"))
    git(repo, "checkout", "-q", "a")
    ours = (repo / "data" / "progress.yaml").read_bytes()
    merged = git(repo, "merge", "--no-edit", "b", check=False)
    assert merged.returncode == 1 and "CONFLICT" in merged.stdout
    assert (repo / "data" / "progress.yaml").read_bytes() == ours
    assert merged.stderr.splitlines()[:2] == [
        "rectify: data/progress.yaml: 对方的第 10 条记录（措施 3.1，2019-03-21）与我方的第 10 条各自延期了同一期限 2020-12-31："
        "合并后对方的一条会被读作把我方延期后的期限再次延期；请商定保留哪一条",
        "rectify: data/progress.yaml: 未合并，我方文件保持原样；请手工合并：取一方的进展记录（git checkout --ours 或 --theirs 此文件），"
        "再用 `rectify record … --date 日期` 补录另一方的记录（见 README“两位同事，两个分支”）"]


@pytest.mark.parametrize("lang, said", [
    ("zh", "无法写入临时文件（磁盘空间不足）：合并结果先在此对照整改方案检查；可设置环境变量 TMPDIR 改用另一个文件夹；"
           "未合并，我方文件保持原样"),
    ("en", "cannot write a temporary file (No space left on device): a merge's result is first checked there against "
           "the plan; set TMPDIR to use another folder; not merged, ours left as it was"),
])
@pytest.mark.parametrize("fails", ["copy", "folder", "none usable"])
def test_a_merge_that_cannot_write_its_scratch_copy_names_the_temporary_folder(tmp_path, monkeypatch, lang, said, fails):
    """The temporary folder full (/tmp on its own small disk): "the output could not be written
    (No space left on device)" named no file, and OURS, the output, was never the cause."""
    import errno
    import tempfile

    from typer.testing import CliRunner

    from rectify_cli.chain import entry_hash
    from rectify_cli.cli import app

    ledger = tmp_path / "data"
    shutil.copytree(SMALL, ledger)
    base = (ledger / "progress.yaml").read_text(encoding="utf-8")
    other = '- measure: "2.1"\n  date: 2019-03-21\n  state: in_progress\n  note: 围挡完成\n'
    theirs = base + other + f"  hash: {entry_hash(yaml.safe_load(base)[-1]['hash'], yaml.safe_load(other)[0])}\n"
    side = tmp_path / "side"
    side.mkdir()
    files = _journals(side, base, base, theirs)
    (ledger / "progress.yaml").write_text(base, encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    real_write, real_copy = Path.write_bytes, shutil.copyfile

    def in_scratch(target) -> bool:
        return Path(target).parent.parent == scratch

    def full(self, data):
        if in_scratch(self):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, data)

    def full_copy(source, target, **kwargs):
        if in_scratch(target):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy(source, target, **kwargs)

    monkeypatch.setattr(Path, "write_bytes", full)
    monkeypatch.setattr(shutil, "copyfile", full_copy)
    if fails == "folder":  # (its folder not made: no room for it either)
        monkeypatch.setattr(tempfile, "mkdtemp", lambda *a, **k: full(scratch / "rectify-merge-x" / "x", b""))
    if fails == "none usable":  # (TMPDIR, /tmp, /var/tmp and the working folder each full or read-only)
        def no_folder():
            raise FileNotFoundError(errno.ENOENT, "No usable temporary directory found in ['/tmp', '/var/tmp']")

        monkeypatch.setattr(tempfile, "tempdir", None)
        monkeypatch.setattr(tempfile, "gettempdir", no_folder)
        scratch, said = "TMPDIR", said.replace("磁盘空间不足", "No usable temporary directory found in ['/tmp', '/var/tmp']"
                                               ).replace("No space left on device",
                                                         "No usable temporary directory found in ['/tmp', '/var/tmp']")
    result = CliRunner().invoke(app, ["merge-journal", str(files[0]), str(ledger / "progress.yaml"), str(files[2]),
                                      str(ledger / "progress.yaml"), "--lang", lang],
                                env={"RECTIFY_TODAY": "2019-03-31", "RECTIFY_REGISTRY": None})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rectify: {scratch}: {said}\n"
    assert (ledger / "progress.yaml").read_text(encoding="utf-8") == base
    assert list((tmp_path / "tmp").iterdir()) == []
