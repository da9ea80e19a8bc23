"""A team keeping its ledger in git (README, "Two colleagues, two branches"): two clerks record on
two branches and merge, with real git. Skipped where git is not installed."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builders import GIT_ENV

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=check, timeout=60)


def rectify(repo: Path, *args: str, columns: str | None = "100") -> subprocess.CompletedProcess:
    """rectify run in `repo`, as on a terminal `columns` wide (None: to a pipe, each line whole)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RECTIFY_TODAY": "2019-03-31", "COLUMNS": columns}
    if columns is None:
        del env["COLUMNS"]
    return subprocess.run([sys.executable, "-m", "rectify_cli", *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository holding the small fixture in data/, committed on main."""
    shutil.copytree(SMALL, tmp_path / "data")
    (tmp_path / ".gitignore").write_text("*.lock\n.*.tmp\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "ledger")
    return tmp_path


def two_clerks(repo: Path) -> None:
    """Clerk A records 1.1 on branch a, clerk B 2.1 on branch b; a is checked out, b merged into it:
    a conflict at the journal's end."""
    on_two_branches(repo, ("1.1", "in_progress", "主体完工", "2019-03-20", "拉萨市"),
                    ("2.1", "in_progress", "围挡完成", "2019-03-21", "那曲市"))
    assert git(repo, "merge", "b", check=False).returncode == 1  # (a conflict)


def on_two_branches(repo: Path, a: tuple, b: tuple) -> None:
    """Clerk A records `a` (measure, state, note, date, unit) on branch a, clerk B `b` on branch b,
    each committed; a is checked out."""
    for branch, (measure, state, note, day, by) in (("a", a), ("b", b)):
        git(repo, "checkout", "-q", "-b", branch, "main")
        assert rectify(repo, "record", measure, "--state", state, "--note", note, "--date", day,
                       "--by", by).returncode == 0
        git(repo, "commit", "-q", "-am", f"{branch.upper()}: {measure}")
    git(repo, "checkout", "-q", "a")


def test_a_journal_left_in_conflict_says_to_take_one_side_not_to_keep_both(repo):
    # Keeping both sides' lines, as the message said, gave a journal that fails verify for good.
    two_clerks(repo)
    for command in ("check", "status", "verify", "history", "record"):
        args = [command, "--lang", "en"] + (["2.2", "--state", "report", "--note", "x"] if command == "record" else [])
        done = rectify(repo, *args)
        assert (done.returncode, done.stdout) == (2, ""), command
        assert done.stderr == (
            "rectify: data/progress.yaml:57:1: YAML syntax: an unresolved merge conflict (<<<<<<<) in a journal: "
            "keeping both sides' entries breaks its hash chain, and `rectify verify` fails for good; take one "
            "side's file (git checkout --ours or --theirs on it) and record the other side's entries again "
            "with `rectify record … --date DAY`\n"), command
    done = rectify(repo, "check")
    assert done.stderr == (
        "rectify: data/progress.yaml:57:1: YAML 语法错误：进展记录中有未解决的合并冲突（<<<<<<<）：双方的记录都保留会使"
        "哈希链断开，`rectify verify` 从此不能通过；请只取一方的文件（对它运行 git checkout --ours 或 --theirs），"
        "再用 `rectify record … --date 日期` 补录另一方的记录\n")


def test_the_readme_way_out_of_a_conflict_gives_a_verified_journal(repo):
    two_clerks(repo)
    git(repo, "checkout", "--theirs", "data/progress.yaml")
    again = rectify(repo, "record", "1.1", "--state", "in_progress", "--note", "主体完工", "--date", "2019-03-20",
                    "--by", "拉萨市", "--lang", "en")
    assert again.returncode == 0, again.stderr
    git(repo, "add", "data/progress.yaml")
    git(repo, "commit", "-q", "--no-edit")
    verified = rectify(repo, "verify", "--lang", "en")
    assert (verified.returncode, verified.stdout.splitlines()[-1]) == (0, "verify: ok")
    history = rectify(repo, "history", "--lang", "en")
    dated = [line.split()[:2] for line in history.stdout.splitlines() if line.startswith("20")]
    assert dated[:2] == [["2019-03-21", "2.1"], ["2019-03-20", "1.1"]]


@pytest.mark.parametrize("kept, line, marker", [
    ("<<<<<<<", 57, "<<<<<<< HEAD"),
    ("=======", 64, "======="),
    (">>>>>>>", 71, ">>>>>>> b"),
])
def test_a_conflict_marker_left_alone_is_named_with_its_line(repo, kept, line, marker):
    # Two of the three markers deleted: said as a syntax error elsewhere ("could not find expected ':'",
    # or, for >>>>>>>, to quote a text starting with '>').
    two_clerks(repo)
    journal = repo / "data" / "progress.yaml"
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    markers = ("<<<<<<<", "=======", ">>>>>>>")
    assert [at + 1 for at, text in enumerate(lines) if text.startswith(markers)] == [57, 65, 73]
    journal.write_text("".join(text for text in lines if not text.startswith(markers) or text.startswith(kept)),
                       encoding="utf-8")
    done = rectify(repo, "check", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"rectify: data/progress.yaml:{line}:1: YAML syntax: a merge conflict's marker line "
                           f"left in ({marker}): delete it, as the conflict's other marker lines were\n")


def test_the_base_marker_of_a_diff3_conflict_left_alone_is_named(repo):
    # (merge.conflictStyle diff3 or zdiff3 adds the base between ||||||| and =======)
    git(repo, "config", "merge.conflictStyle", "diff3")
    two_clerks(repo)
    journal = repo / "data" / "progress.yaml"
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    assert [at + 1 for at, text in enumerate(lines) if text.startswith(("<", "|", "=", ">"))] == [57, 65, 66, 74]
    assert lines[64].startswith("||||||| ")
    journal.write_text("".join(text for text in lines if not text.startswith(("<<<<<<<", "=======", ">>>>>>>"))),
                       encoding="utf-8")
    done = rectify(repo, "check", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"rectify: data/progress.yaml:64:1: YAML syntax: a merge conflict's marker line left in "
                           f"({lines[64].rstrip()}): delete it, as the conflict's other marker lines were\n")


def test_a_conflict_in_a_journal_kept_with_crlf_line_ends_is_named(repo):
    # (git on Windows writes its markers in the file's CRLF: read as a syntax error on the line after)
    two_clerks(repo)
    journal = repo / "data" / "progress.yaml"
    journal.write_bytes(journal.read_bytes().replace(b"\n", b"\r\n"))
    done = rectify(repo, "check", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("rectify: data/progress.yaml:57:1: YAML syntax: an unresolved merge conflict (<<<<<<<) in a "
                           "journal: keeping both sides' entries breaks its hash chain, and `rectify verify` fails for "
                           "good; take one side's file (git checkout --ours or --theirs on it) and record the other side's "
                           "entries again with `rectify record … --date DAY`\n")


def both_sides_kept(repo: Path) -> None:
    """The two clerks' merge committed with both sides' entries: the conflict's markers deleted."""
    two_clerks(repo)
    journal = repo / "data" / "progress.yaml"
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    journal.write_text("".join(line for line in lines if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))),
                       encoding="utf-8")
    git(repo, "commit", "-q", "-am", "both sides kept")


def test_verify_of_a_merge_that_kept_both_sides_says_so_and_what_to_do(repo):
    # (was "removed or reordered": as though entries had been tampered with, and no way out said)
    both_sides_kept(repo)
    assert rectify(repo, "check").returncode == 1  # (it loads: the two entries are of two measures)
    done = rectify(repo, "verify", "--lang", "en", columns=None)  # (piped: a problem on one line)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[1:] == [
        "  data/progress.yaml:64: entry 11 (measure 2.1, 2019-03-21): two branches' entries kept together — it "
        "chains from entry 9, as entry 10 does: a merge kept both sides' entries; take one side's journal from before "
        "the merge (git checkout COMMIT -- FILE) and record the other side's entries again with "
        "`rectify record … --date DAY`",
        "verify: FAILED — the journal was changed after it was written"]
    done = rectify(repo, "verify", columns=None)
    assert done.stdout.splitlines()[1] == (  # (after `data/progress.yaml：核验 12 条记录，1 处问题；台账哈希 <hash>`)
        "  data/progress.yaml:64: 第 11 条（措施 2.1，2019-03-21）：两个分支的记录被合在一起——与第 10 条一样接在第 9 条"
        "之后：合并时双方的记录都保留了；请取合并前一方的进展记录文件（git checkout 那一方的提交 -- 此文件），再用 "
        "`rectify record … --date 日期` 补录另一方的记录")


def test_the_readme_way_out_of_a_merge_committed_with_both_sides(repo):
    both_sides_kept(repo)
    assert rectify(repo, "verify").returncode == 1
    git(repo, "checkout", "HEAD^1", "--", "data/progress.yaml")  # (clerk A's side)
    assert rectify(repo, "record", "2.1", "--state", "in_progress", "--note", "围挡完成", "--date", "2019-03-21",
                   "--by", "那曲市").returncode == 0
    git(repo, "commit", "-q", "-am", "B's entry again")
    verified = rectify(repo, "verify", "--lang", "en")
    assert (verified.returncode, verified.stdout.splitlines()[-1]) == (0, "verify: ok")


def test_the_readme_way_through_a_rebase(repo):
    two_clerks(repo)
    git(repo, "merge", "--abort")
    assert git(repo, "rebase", "b", check=False).returncode == 1  # (A's record commit replayed on B's)
    git(repo, "checkout", "--ours", "data/progress.yaml")  # (in a rebase: b's, the branch built on)
    assert rectify(repo, "record", "1.1", "--state", "in_progress", "--note", "主体完工", "--date", "2019-03-20",
                   "--by", "拉萨市").returncode == 0
    git(repo, "add", "data/progress.yaml")
    git(repo, "rebase", "--continue")
    verified = rectify(repo, "verify", "--lang", "en")
    assert (verified.returncode, verified.stdout.splitlines()[-1]) == (0, "verify: ok")
    assert git(repo, "log", "--format=%s").stdout.splitlines() == ["A: 1.1", "B: 2.1", "ledger"]


def test_a_merge_that_kept_both_closes_of_a_measure_says_why_it_does_not_load(repo):
    # (said was only "already closed …; reopen it first (a reopened entry before this one)": an edit that
    # breaks the chain, where the way out is to keep one side's journal)
    git(repo, "checkout", "-q", "-b", "a")
    assert rectify(repo, "close", "1.1", "--evidence", "验收", "--date", "2019-03-20", "--by", "拉萨市").returncode == 0
    git(repo, "commit", "-q", "-am", "A closes 1.1")
    git(repo, "checkout", "-q", "-b", "b", "main")
    assert rectify(repo, "close", "1.1", "--evidence", "验收2", "--date", "2019-03-21", "--by", "拉萨市").returncode == 0
    git(repo, "commit", "-q", "-am", "B closes 1.1")
    git(repo, "checkout", "-q", "a")
    shown = {side: git(repo, "show", f"{side}:data/progress.yaml").stdout for side in ("main", "a", "b")}
    (repo / "data" / "progress.yaml").write_text(shown["a"] + shown["b"][len(shown["main"]):], encoding="utf-8")
    for command in ("check", "status", "history", "summary"):
        done = rectify(repo, command, "--lang", "en")
        assert (done.returncode, done.stdout) == (2, ""), command
        assert done.stderr.splitlines() == [
            "rectify: data/progress.yaml:65:3: journal entry 11: two branches' entries kept together — it chains from "
            "entry 9, as entry 10 does: a merge kept both sides' entries; take one side's journal from before the "
            "merge (git checkout COMMIT -- FILE) and record the other side's entries again with "
            "`rectify record … --date DAY`",
            "rectify: data/progress.yaml:67:10: journal entry 11, field state: 1.1 is already closed as of 2019-03-21 "
            "(closed by entry 10, line 57, dated 2019-03-20); reopen it first (a reopened entry before this one) if it "
            "must be closed again"], command


def union_merged(repo: Path) -> None:
    """As two_clerks, with `merge=union` set for the journal: both clerks report on 2.2, on two days;
    git merges with no conflict, the two entries' lines in one list item under one `- measure: "2.2"`."""
    (repo / ".gitattributes").write_text("data/progress.yaml merge=union\n", encoding="utf-8")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-q", "-m", "union")
    on_two_branches(repo, ("2.2", "report", "检查工地40个", "2019-03-20", "拉萨市"),
                    ("2.2", "report", "检查工地41个", "2019-03-21", "拉萨市"))
    git(repo, "merge", "-q", "b", "-m", "merge b")  # (no conflict: union)


def test_a_journal_merged_line_by_line_by_merge_union_is_named_so_with_the_way_out(repo):
    # (it said only "duplicate key 'date' (first defined on line 58)", of lines rectify had written)
    union_merged(repo)
    for command in ("verify", "status", "check", "history"):
        done = rectify(repo, command, "--lang", "en")
        assert (done.returncode, done.stdout) == (2, ""), command
        assert done.stderr == (
            "rectify: data/progress.yaml:64:3: duplicate key 'date' (first defined on line 58), in an entry holding "
            "two entries' lines (two hash: keys): two branches' entries merged line by line, as git's merge=union "
            "merges a journal; take one side's journal from before the merge (git checkout MERGE^1 -- FILE) and "
            "record the other side's entries again with `rectify record … --date DAY` (README: \"Two colleagues, "
            "two branches\")\n"), command
    done = rectify(repo, "verify")
    assert (done.returncode, done.stderr) == (2, (
        "rectify: data/progress.yaml:64:3: 键“date”重复（首次定义在第 58 行），所在的一条中有两条记录的行（两个 hash: 键）："
        "这是 git 以 merge=union 把两个分支的记录逐行合在一起的样子；请取合并前一方的进展记录文件（git checkout MERGE^1 -- "
        "此文件），再用 `rectify record … --date 日期` 补录另一方的记录（见 README“Two colleagues, two branches”）\n"))


def test_a_key_written_twice_in_a_hand_written_entry_is_still_a_duplicate_key(repo):
    journal = repo / "data" / "progress.yaml"
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text + '- measure: "2.2"\n  date: 2019-03-20\n  state: report\n  date: 2019-03-21\n  note: x\n',
                       encoding="utf-8")
    line = text.count("\n") + 4
    done = rectify(repo, "verify", "--lang", "en")
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", f"rectify: data/progress.yaml:{line}:3: duplicate key 'date' (first defined on line {line - 2})\n")


def test_evidence_recorded_in_the_repository_is_found_in_a_colleagues_clone(repo, tmp_path_factory):
    """It was named by the clerk's full path (file:/…/evidence/验收意见.pdf), which the clone has not:
    named from the journal's folder, the clone's history leads to its own copy, and verify passes."""
    (repo / "evidence").mkdir()
    (repo / "evidence" / "验收意见.pdf").write_bytes(b"acceptance\n")
    closed = rectify(repo, "close", "1.1", "--evidence", "evidence/验收意见.pdf")
    assert closed.returncode == 0, closed.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "1.1 closed")
    clone = tmp_path_factory.mktemp("colleague") / "ledger"
    git(clone.parent, "clone", "-q", str(repo), str(clone))
    history = rectify(clone, "history", "1.1", "--format", "json")
    pinned = "file:../evidence/验收意见.pdf sha256:93682060bf3e8203a105bcda6ef7ee727d90fbe3db4f8848fa2f97e5e7c2bf9f"
    assert json.loads(history.stdout)["entries"][0]["evidence"] == pinned
    assert (clone / "data" / "../evidence/验收意见.pdf").read_bytes() == b"acceptance\n"
    verified = rectify(clone, "verify")
    assert verified.returncode == 0, verified.stderr
