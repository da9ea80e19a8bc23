"""journal.append / history / verify through the Python API, and the entry writer's round trip."""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
import yaml_rs
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rectify_cli import chain, fsutil, journal, yamlio
from rectify_cli.errors import FileWriteError, JournalWriteError, RegistryError, UsageError
from rectify_cli.registry import load_registry

FIXTURE = Path(__file__).parent / "fixtures" / "small"
FIXTURE_HEAD = "55d6337076b23d5f2d673cb01cba572e938ec313bc8c925c79e95325eb2fdb2f"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RECTIFY_TODAY", "2019-03-31")
    monkeypatch.delenv("RECTIFY_REGISTRY", raising=False)


@pytest.fixture
def reg(tmp_path) -> Path:
    folder = tmp_path / "small"
    shutil.copytree(FIXTURE, folder)
    return folder / "tasks.yaml"


def record(reg, measure="1.1", **kw):
    kw.setdefault("state", "in_progress")
    kw.setdefault("note", "推进中")
    kw.setdefault("date", None)
    kw.setdefault("evidence", None)
    kw.setdefault("by", None)
    return journal.append(reg, command=kw.pop("command", "record"), measure=measure, **kw)


# -------------------------------------------------------------------------- append

def test_write_result_describes_the_entry(reg):
    result = record(reg, "1.1", note="调试", by="拉萨市")
    assert result.fields == {"measure": "1.1", "date": "2019-03-31", "state": "in_progress", "note": "调试",
                             "by": "拉萨市", "hash": result.head}
    assert result.head == chain.entry_hash(FIXTURE_HEAD, {k: v for k, v in result.fields.items() if k != "hash"})
    assert result.journal == str(reg.parent / "progress.yaml")
    assert result.warnings == ()
    assert (result.effect.status, result.effect.days_overdue) == ("overdue", 90)


def test_full_width_measure_id_is_accepted(reg):
    assert record(reg, "１．１").fields["measure"] == "1.1"


def test_written_entry_loads_as_the_model_entry(reg):
    record(reg, "3.2", command="report", state="report", note='引号"与\\反斜杠\n第二行', by="环境保护厅")
    last = load_registry(reg).journal[-1]
    assert (last.measure, last.state.value, last.note, last.by) == ("3.2", "report", '引号"与\\反斜杠\n第二行', "自治区生态环境厅")


def test_chain_continues_after_legacy_unhashed_entries(reg):
    path = reg.parent / "progress.yaml"
    path.write_bytes(path.read_bytes() + '- measure: "1.1"\n  date: 2019-03-01\n  state: in_progress\n  note: 推进中\n'.encode())
    result = record(reg, "1.1")
    assert result.head == chain.entry_hash(FIXTURE_HEAD, {k: v for k, v in result.fields.items() if k != "hash"})
    check = journal.verify(reg)
    assert not check.ok
    assert (check.first_bad.index, check.first_bad.problem) == (10, "unhashed")
    assert check.journals[0].problems[1:] == ()  # the new entry itself verifies


def test_reopen_allowed_on_partly_done_multi_step_measure(reg):
    # 4.2: its first step was closed on 2018-10-20; the second is still pending
    result = record(reg, "4.2", command="reopen", state="reopened", note="回头看：生态恢复不到位")
    assert result.effect.status == "overdue"
    assert result.effect.days_overdue == 151  # since 2018-10-31


def test_folder_registry_writes_to_the_file_of_the_measure(tmp_path):
    folder = tmp_path / "reg"
    folder.mkdir()
    shutil.copy(FIXTURE / "tasks.yaml", folder / "small.yaml")
    result = journal.append(folder, command="record", measure="small:1.1", state="in_progress", note="x",
                            date=None, evidence=None, by=None)
    assert result.journal == str(folder / "small.progress.yaml")
    assert result.fields["measure"] == "1.1"
    assert load_registry(folder).journal[-1].measure == "small:1.1"
    # without its file: the one file that has it (see test_cli_journal for several files)
    again = journal.append(folder, command="record", measure="1.1", state="in_progress", note="y", date=None,
                           evidence=None, by=None)
    assert again.journal == str(folder / "small.progress.yaml")
    assert [(e.measure, e.note) for e in load_registry(folder).journal[-2:]] == [("small:1.1", "x"), ("small:1.1", "y")]


def test_a_folder_holding_tasks_yaml_alone_is_that_file_its_ids_unprefixed(tmp_path):
    """`--registry data/` (tasks.yaml and progress.yaml) printed every id as tasks:33.1, and a
    journal's "33.1" was named tasks:33.1 in messages: such a folder is its tasks.yaml."""
    folder = tmp_path / "reg"
    folder.mkdir()
    shutil.copy(FIXTURE / "tasks.yaml", folder / "tasks.yaml")
    result = journal.append(folder, command="record", measure="1.1", state="in_progress", note="x",
                            date=None, evidence=None, by=None)
    assert result.journal == str(folder / "progress.yaml")
    assert [m.id for m in load_registry(folder).plan.measures()] == [m.id for m in load_registry(FIXTURE).plan.measures()]
    assert load_registry(folder).journal[-1].measure == "1.1"
    with pytest.raises(UsageError, match=r"no measure 'tasks:1.1' in the plan \(did you mean 1.1, "):
        journal.append(folder, command="record", measure="tasks:1.1", state="in_progress", note="y", date=None,
                       evidence=None, by=None)


def test_lock_timeout_is_a_clear_refusal(reg, monkeypatch):
    from filelock import FileLock

    monkeypatch.setattr(journal, "LOCK_TIMEOUT_SECONDS", 0.2)
    before = (reg.parent / "progress.yaml").read_bytes()
    with FileLock(str(reg.parent / "progress.yaml.lock")):
        with pytest.raises(JournalWriteError, match="another rectify is writing this journal"):
            record(reg)
    assert (reg.parent / "progress.yaml").read_bytes() == before


def test_writers_through_two_links_to_one_journal_queue_on_one_lock(linked_twice, monkeypatch):
    """A writer through b/ waits while one through a/ holds the lock: each locked beside its
    own link, and the later rename replaced the journal without the other's entry."""
    target, a, b = linked_twice
    monkeypatch.setattr(journal, "LOCK_TIMEOUT_SECONDS", 0.2)
    before = target.read_bytes()
    with journal._locked(a.parent / "progress.yaml"):
        with pytest.raises(JournalWriteError, match="another rectify is writing this journal"):
            record(b, note="through b")
    assert target.read_bytes() == before
    record(b, note="through b")
    record(a, note="through a")
    assert [e.note for e in load_registry(a).journal[-2:]] == ["through b", "through a"]
    assert (a.parent / "progress.yaml").is_symlink() and (b.parent / "progress.yaml").is_symlink()
    assert sorted(p.name for p in target.parent.iterdir()) == ["progress.yaml", "progress.yaml.lock"]
    assert not (a.parent / "progress.yaml.lock").exists() and not (b.parent / "progress.yaml.lock").exists()


@pytest.mark.parametrize("mode", [0o664, 0o660, 0o640, 0o600])
def test_the_lock_file_takes_the_journals_permissions(reg, mode):
    """In a shared group folder (journal 664) the lock a first writer makes under umask 022
    was 644, and no one else of the group could record any more."""
    path = reg.parent / "progress.yaml"
    path.chmod(mode)
    old = os.umask(0o022)
    try:
        record(reg)
    finally:
        os.umask(old)
    assert stat.S_IMODE((reg.parent / "progress.yaml.lock").stat().st_mode) == mode
    assert stat.S_IMODE(path.stat().st_mode) == mode


OTHER_GROUP = 65534  # (nogroup: not the writer's own)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file another group needs root here")
def test_the_journal_and_its_lock_keep_the_journals_group(reg):
    """In a group folder without setgid the first writer's record gave the journal, and the
    lock, the writer's own group: every other member was refused from then on."""
    path = reg.parent / "progress.yaml"
    os.chown(path, -1, OTHER_GROUP)
    path.chmod(0o664)
    record(reg)
    assert (path.stat().st_gid, (reg.parent / "progress.yaml.lock").stat().st_gid) == (OTHER_GROUP, OTHER_GROUP)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_a_lock_file_made_before_takes_the_journals_permissions_at_the_next_write(reg):
    path = reg.parent / "progress.yaml"
    path.chmod(0o664)
    lock = reg.parent / "progress.yaml.lock"
    lock.touch()
    lock.chmod(0o644)
    record(reg)
    assert stat.S_IMODE(lock.stat().st_mode) == 0o664


def test_a_new_journals_lock_file_takes_the_umasks_permissions(reg):
    (reg.parent / "progress.yaml").unlink()
    old = os.umask(0o002)
    try:
        record(reg)
    finally:
        os.umask(old)
    assert stat.S_IMODE((reg.parent / "progress.yaml.lock").stat().st_mode) == 0o664


def test_a_record_on_windows_where_os_has_no_geteuid_is_written(reg, monkeypatch):
    """Windows has no os.geteuid: the lock's widening raised AttributeError, and every record,
    close or extend there ended in `rectify: 内部错误` (exit 2), nothing written."""
    from builders import run_cli

    monkeypatch.delattr(os, "geteuid")
    result = run_cli("record", "1.1", "--state", "in_progress", "--note", "在 Windows 上", "--registry", str(reg))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("已记录 1.1 2019-03-31 推进中")
    assert load_registry(reg).journal[-1].note == "在 Windows 上"


def test_a_write_by_another_program_meanwhile_is_kept_and_the_entry_refused(reg, monkeypatch):
    """A git pull (or a sync client, an editor) appending while `record` prepares its entry:
    its entry was lost when the rename replaced the journal."""
    path = reg.parent / "progress.yaml"
    pulled = b'- measure: "2.1"\n  date: 2019-03-30\n  state: in_progress\n  note: pulled\n'

    def pull(point):  # (the crash-test hook, called just before the rename)
        if point == "before-rename":
            with open(path, "ab") as handle:
                handle.write(pulled)

    monkeypatch.setattr(fsutil, "_fault", pull)
    before = path.read_bytes()
    with pytest.raises(JournalWriteError) as refused:
        record(reg, note="mine")
    assert str(refused.value) == (f"{path}: changed while recording (by a program other than rectify: a git pull, "
                                  "a sync client, an editor?); nothing was written — try again")
    assert path.read_bytes() == before + pulled
    # (no temporary file, nor the lock file this refused write made)
    assert sorted(p.name for p in reg.parent.iterdir()) == ["progress.yaml", "tasks.yaml"]
    monkeypatch.undo()
    record(reg, note="mine")
    assert [e.note for e in load_registry(reg).journal[-2:]] == ["pulled", "mine"]


def test_a_journal_made_by_another_program_meanwhile_is_kept(reg, monkeypatch):
    path = reg.parent / "progress.yaml"
    path.unlink()
    made = b'- measure: "2.1"\n  date: 2019-03-30\n  state: in_progress\n  note: pulled\n'
    monkeypatch.setattr(fsutil, "_fault", lambda point: point == "before-rename" and path.write_bytes(made))
    with pytest.raises(JournalWriteError, match="changed while recording"):
        record(reg, note="mine")
    assert path.read_bytes() == made


def test_a_read_only_journal_is_left_as_it_is(reg):
    path = reg.parent / "progress.yaml"
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(FileWriteError) as refused:
        record(reg)
    assert str(refused.value) == f"{path}: is read-only (-r--r--r--); nothing was written"
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_stale_temporary_files_of_killed_writes_are_removed(reg):
    """A write killed before its rename (a power cut) leaves `.progress.yaml.XXXXXXXX.tmp`,
    which `git add .` would commit; the next write removes it, once surely no one's."""
    folder = reg.parent
    names = [".progress.yaml.k2j9_x0q.tmp", ".progress.yaml.abcdefgh.tmp", ".progress.yaml.notes.tmp",
             ".tasks.yaml.abcdefgh.tmp"]
    for name in names:
        (folder / name).write_bytes(b"- measure: torn")
    hour_ago = time.time() - 3600
    for name in names[1:]:
        os.utime(folder / name, (hour_ago, hour_ago))
    record(reg)
    assert sorted(p.name for p in folder.glob(".*.tmp")) == sorted(names[:1] + names[2:])


def test_an_indented_journal_is_refused_naming_the_indentation(reg):
    """`  - measure:` is a list YAML reads as well, but an entry at the left margin can't
    continue it: the refusal named the end of the file."""
    path = reg.parent / "progress.yaml"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + b"".join(b"  " + line for line in lines[1:]))
    assert len(load_registry(reg).journal) == 9
    before = path.read_bytes()
    with pytest.raises(JournalWriteError) as refused:
        record(reg)
    assert str(refused.value) == (
        f"{path}: the journal's entries are indented (line 2 starts with spaces before its `-`), and an entry is "
        "written at the left margin, where it can't continue that list; nothing was written — remove the "
        "indentation (the same from every line of the entries) and try again")
    assert path.read_bytes() == before


# -------------------------------------------------------------------------- entry text

@settings(max_examples=300, deadline=None)
@given(st.text())
@example("0001-01-01")  # (date-shaped text: quoted, and text to every reader)
def test_any_note_round_trips_exactly(note):
    fields = {"measure": "1.1", "date": "2019-03-31", "state": "in_progress", "note": note,
              "hash": "0" * 64}
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        return  # lone surrogates cannot come from a UTF-8 command line; append refuses them
    text = journal.render_entry(fields).decode("utf-8")
    data = yamlio.parse(text, filename="<t>")
    assert dict(data[0]) == fields
    # Other programs read the journal too: PyYAML without libyaml (YAML 1.1) and a YAML 1.2
    # reader get the same text (the date is an ISO date, unquoted: a date to them).
    texts = {"note": note, "hash": "0" * 64}
    assert {key: yaml.load(text, Loader=yaml.SafeLoader)[0][key] for key in texts} == texts
    # (yaml-rs by default reads date-shaped text as a date even when quoted, note: "0001-01-01",
    # against the YAML spec; rectify reads with parse_datetime=False, and so does this)
    assert {key: yaml_rs.loads(text, parse_datetime=False)[0][key] for key in texts} == texts


@pytest.mark.parametrize("note, written", [
    ("主体工程完工60%。", "主体工程完工60%。"),
    ("true", '"true"'),
    ("123", '"123"'),
    ("a: b", '"a: b"'),
    ("x #y", '"x #y"'),
    (" 前导空格", '" 前导空格"'),
    ("- 列表", '"- 列表"'),
    ("两行\n文字", '"两行\\n文字"'),
    ("", '""'),
    ("tab\there", '"tab\\there"'),  # (PyYAML without libyaml refuses a tab in plain text)
    ("1e3", '"1e3"'), ("0o17", '"0o17"'), ("y", '"y"'),  # numbers and a boolean to YAML 1.2 or 1.1
    ("2019-01-01", '"2019-01-01"'), ("12:30", '"12:30"'),
    ("3 days", "3 days"), ("2018年底前完成", "2018年底前完成"),
])
def test_notes_are_plain_when_safe_else_quoted(note, written):
    fields = {"measure": "1.1", "date": "2019-03-31", "state": "report", "note": note}
    assert journal.render_entry(fields).decode() == f'- measure: "1.1"\n  date: 2019-03-31\n  state: report\n  note: {written}\n'


# -------------------------------------------------------------------------- history

def test_history_newest_first_ties_in_reverse_file_order(reg):
    record(reg, "2.1", note="first")
    record(reg, "2.1", note="second")
    record(reg, "2.1", note="old", date="2018-12-01")
    entries = journal.history(load_registry(reg), item="2.1", since=None).entries
    assert [(e.date.isoformat(), e.note) for e in entries] == [
        ("2019-03-31", "second"), ("2019-03-31", "first"), ("2019-01-15", "围挡完成80%。"), ("2018-12-01", "old")]


def test_history_task_id_since_and_errors(reg):
    loaded = load_registry(reg)
    assert [e.measure for e in journal.history(loaded, item="4", since=None).entries] == ["4.2", "4.2", "4.1"]
    assert [e.measure for e in journal.history(loaded, item=None, since="2019-03-01").entries] == ["4.2", "2.2"]
    with pytest.raises(UsageError, match=r"no task or measure '4\.3' \(did you mean 4\.2\?\)"):
        journal.history(loaded, item="4.3", since=None)
    with pytest.raises(UsageError, match="--since: not a date"):
        journal.history(loaded, item=None, since="last week")


# -------------------------------------------------------------------------- evidence files

ACCEPTANCE = "93682060bf3e8203a105bcda6ef7ee727d90fbe3db4f8848fa2f97e5e7c2bf9f"  # (sha256 of b"acceptance\n")


@pytest.fixture
def office(tmp_path) -> Path:
    """An office's repository (its .git): the small ledger in data/, the scanned evidence in evidence/."""
    root = tmp_path / "office"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(FIXTURE, root / "data")
    (root / "evidence").mkdir()
    (root / "evidence" / "验收 意见.pdf").write_bytes(b"acceptance\n")
    return root / "data" / "tasks.yaml"


def close_with(reg: Path, evidence: str):
    return record(reg, "1.1", command="close", state="done", note="", evidence=evidence)


def evidence_warnings(result) -> list[tuple[str, dict]]:
    """The warnings of a write about its evidence (1.1 closed is also closed late)."""
    return [(w.key, w.values) for w in result.warnings if w.key.startswith("evidence")]


def journal_text(reg: Path) -> str:
    return (reg.parent / "progress.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("typed, cwd", [("{root}/evidence/验收 意见.pdf", "{root}/.."), ("evidence/验收 意见.pdf", "{root}"),
                                        ("../evidence/验收 意见.pdf", "{root}/data"), ("../../office/evidence/验收 意见.pdf", "{root}/data")])
def test_evidence_in_the_ledgers_repository_is_named_from_the_journals_folder(office, monkeypatch, typed, cwd):
    """It was named by the clerk's full path (file:/tmp/office/evidence/…), which no colleague's
    clone, nor CI's checkout, has: named from the journal's folder, with /, each clone finds it."""
    root = office.parent.parent
    monkeypatch.chdir(cwd.format(root=root))
    result = close_with(office, typed.format(root=root))
    assert evidence_warnings(result) == []
    assert result.fields["evidence"] == f"file:../evidence/验收 意见.pdf sha256:{ACCEPTANCE}"
    assert journal_text(office).endswith(f"  evidence: file:../evidence/验收 意见.pdf sha256:{ACCEPTANCE}\n"
                                         f"  hash: {result.head}\n")
    assert journal.verify(office).ok  # (the hash covers the path as written)


def test_evidence_beside_the_journal_is_named_by_its_path_from_there(office):
    (office.parent / "scans").mkdir()
    (office.parent / "scans" / "验收意见.pdf").write_bytes(b"acceptance\n")
    result = close_with(office, str(office.parent / "scans" / "验收意见.pdf"))
    assert (result.fields["evidence"], evidence_warnings(result)) == (f"file:scans/验收意见.pdf sha256:{ACCEPTANCE}", [])


def test_evidence_that_is_a_link_in_the_repository_is_named_by_the_link(office):
    """git-annex keeps a repository's big files (scans, videos) as links into .git/annex/objects:
    the link's name says which document; where it leads is a hash that says nothing."""
    objects = office.parent.parent / ".git" / "annex" / "objects"
    objects.mkdir(parents=True)
    (objects / "SHA256E-s11--9368.pdf").write_bytes(b"acceptance\n")
    link = office.parent.parent / "evidence" / "现场照片.pdf"
    link.symlink_to(Path("..") / ".git" / "annex" / "objects" / "SHA256E-s11--9368.pdf")
    result = close_with(office, str(link))
    assert (result.fields["evidence"], evidence_warnings(result)) == (f"file:../evidence/现场照片.pdf sha256:{ACCEPTANCE}", [])


def test_a_colleagues_clone_elsewhere_verifies_and_finds_the_evidence_it_names(office, tmp_path):
    """No command opens an evidence file after it is pinned: the entry is for people, who read the
    path in their own clone, from the journal's folder."""
    written = close_with(office, str(office.parent.parent / "evidence" / "验收 意见.pdf"))
    clone = tmp_path / "colleague" / "ledgers" / "office"
    shutil.move(office.parent.parent, clone)  # (nothing of the clerk's left where it was)
    reg = clone / "data" / "tasks.yaml"
    assert journal.verify(reg).ok
    shown = journal.history(load_registry(reg), item="1.1", since=None).entries[0]
    assert (shown.evidence, shown.hash) == (f"file:../evidence/验收 意见.pdf sha256:{ACCEPTANCE}", written.head)
    named = reg.parent / "../evidence/验收 意见.pdf"
    assert hashlib.sha256(named.read_bytes()).hexdigest() == ACCEPTANCE


def test_evidence_outside_the_repository_keeps_its_full_path_and_is_warned_of(office, tmp_path):
    outside = tmp_path / "下载" / "验收意见.pdf"
    outside.parent.mkdir()
    outside.write_bytes(b"acceptance\n")
    result = close_with(office, str(outside))
    assert result.fields["evidence"] == f"file:{outside.as_posix()} sha256:{ACCEPTANCE}"
    assert evidence_warnings(result) == [
        ("evidence_outside_repository", {"path": outside.as_posix(), "folder": (tmp_path / "office").as_posix()})]


def test_evidence_outside_a_ledger_kept_without_git_keeps_its_full_path_and_is_warned_of(reg, tmp_path):
    """Without a repository, the ledger's folder is what is copied: a file beside it is not."""
    outside = tmp_path / "验收意见.pdf"
    outside.write_bytes(b"acceptance\n")
    result = close_with(reg, str(outside))
    assert result.fields["evidence"] == f"file:{outside.as_posix()} sha256:{ACCEPTANCE}"
    assert evidence_warnings(result) == [
        ("evidence_outside_ledger", {"path": outside.as_posix(), "folder": reg.parent.as_posix()})]


def test_an_entry_naming_its_evidence_by_a_full_path_as_earlier_versions_did_still_verifies(reg):
    """Journals written before evidence was named from the journal's folder keep their full paths:
    read as they were, and chained on from."""
    evidence = f"file:/home/clerk/文档/2019年整改验收材料/验收意见.pdf sha256:{ACCEPTANCE}"
    path = reg.parent / "progress.yaml"
    path.write_bytes(path.read_bytes() + (
        f'- measure: "1.1"\n  date: 2019-03-31\n  state: done\n  note: ""\n  evidence: {evidence}\n'
        "  hash: 0dc39b3e1f29e667697d2e10a391201a488a8b0ef8079022d1d1ca39389a2ffe\n").encode())
    assert journal.verify(reg).ok
    assert load_registry(reg, use_cache=False).journal[-1].evidence == evidence
    record(reg, "2.1")
    assert journal.verify(reg).ok


# -------------------------------------------------------------------------- verify

def test_fixture_verifies(reg):
    result = journal.verify(FIXTURE / "tasks.yaml")
    assert (result.ok, result.entries_checked, result.head, result.first_bad) == (True, 9, FIXTURE_HEAD, None)


def _entries_text(reg):
    text = (reg.parent / "progress.yaml").read_text()
    head, *entries = text.split("\n- ")
    return head, entries


def _write_entries(reg, head, entries):
    (reg.parent / "progress.yaml").write_text("\n- ".join([head, *entries]))


def test_verify_names_a_deleted_entry(reg):
    head, entries = _entries_text(reg)
    del entries[4]  # 3.1 of 2019-02-01
    _write_entries(reg, head, entries)
    result = journal.verify(reg)
    assert not result.ok
    bad = result.first_bad
    assert (bad.index, bad.line, bad.measure, bad.date) == (5, 25, "3.2", "2018-06-30")
    assert (bad.problem, bad.chained_from) == ("edited", None)  # (the removed entry's hash is gone)
    assert len(result.journals[0].problems) == 1


def test_verify_names_a_swapped_pair(reg):
    head, entries = _entries_text(reg)
    entries[2], entries[3] = entries[3], entries[2]  # 2.1 and 2.2
    _write_entries(reg, head, entries)
    result = journal.verify(reg)
    bad = result.first_bad
    assert (bad.index, bad.measure, bad.problem) == (3, "2.2", "removed or reordered")
    assert bad.chained_from == 4


def test_verify_says_an_entry_pasted_twice_is_out_of_place_not_two_branches_merged(reg):
    # (the copy chains from the entry its original chains from, as an entry of another branch would)
    head, entries = _entries_text(reg)
    entries.append(entries[1].rstrip("\n") + "\n")  # 1.2 of 2018-06-20, again at the end
    _write_entries(reg, head, entries)
    bad = journal.verify(reg).first_bad
    assert (bad.index, bad.measure, bad.problem, bad.chained_from) == (10, "1.2", "removed or reordered", 1)


def test_verify_since_head(reg):
    record(reg, "1.1")
    at = (str(reg.parent / "progress.yaml"), 9, 48)
    assert journal.verify(reg, since_heads=(FIXTURE_HEAD,)).since_heads[0][1] == (at, True)
    missing = journal.verify(reg, since_heads=(FIXTURE_HEAD, "f" * 64))
    assert not missing.ok and [at is None for _, at in missing.since_heads] == [False, True]
    # a head past the first tampered entry is found, but vouches for nothing
    head, entries = _entries_text(reg)
    entries[0] = entries[0].replace("60%", "70%")
    _write_entries(reg, head, entries)
    changed = journal.verify(reg, since_heads=(FIXTURE_HEAD,))
    assert not changed.ok and changed.since_heads == ((FIXTURE_HEAD, (at, False)),)


def test_verify_of_a_journal_edited_throughout_ends_in_seconds(reg, monkeypatch):
    """A search-and-replace over every note (环境保护厅 to 生态环境厅) of a 5,000-entry journal kept
    verify busy for minutes (20,000 entries: over 5): each edited entry was tried against every
    hash of the journal, its canonical form made again for each. Every edited entry is still named.
    The work is counted, not timed: a few canonical forms an entry, and no more hashes than the
    search's budget and one an entry."""
    n = 5000
    entries, prev = [], chain.GENESIS
    for i in range(n):
        fields = {"measure": "2.2", "date": "2019-03-01", "state": "report", "note": f"环境保护厅第{i}次检查"}
        prev = chain.entry_hash(prev, fields)
        entries.append(f'measure: "2.2"\n  date: 2019-03-01\n  state: report\n  note: {fields["note"]}\n  hash: {prev}\n')
    text = "# journal\n- " + "- ".join(entries)
    (reg.parent / "progress.yaml").write_text(text.replace("环境保护厅", "生态环境厅"), encoding="utf-8")
    made = tried = 0
    canonical, sha256 = chain.canonical, hashlib.sha256

    def counted_canonical(entry):
        nonlocal made
        made += 1
        if made > 3 * n:  # (failed at once: made for each hash tried, it would take minutes)
            pytest.fail(f"over {3 * n} canonical forms made for {n} entries")
        return canonical(entry)

    def counted_sha256(*data):
        nonlocal tried
        tried += 1
        if tried > journal.ORIGIN_TRIALS + 2 * n:
            pytest.fail(f"over {journal.ORIGIN_TRIALS + 2 * n} hashes tried for {n} entries: past the search's budget")
        return sha256(*data)

    with monkeypatch.context() as m:
        m.setattr(chain, "canonical", counted_canonical)
        m.setattr(chain, "hashlib", SimpleNamespace(sha256=counted_sha256))
        result = journal.verify(reg)
    problems = result.journals[0].problems
    assert not result.ok and [p.index for p in problems] == list(range(1, n + 1))
    assert problems[0].problem == "edited"


def test_verify_past_its_search_budget_says_an_entry_out_of_place_untraced_not_edited(reg, monkeypatch):
    """Past the budget of hashes tried, an entry is not traced to the one it chains from: said
    so, rather than called edited when it may only have moved."""
    head, entries = _entries_text(reg)
    entries[2], entries[3] = entries[3], entries[2]  # 2.1 and 2.2: three entries out of place
    _write_entries(reg, head, entries)
    monkeypatch.setattr(journal, "ORIGIN_TRIALS", 20)  # (two searches of the 9 hashes)
    problems = journal.verify(reg).journals[0].problems
    assert [(p.index, p.problem) for p in problems] == [(3, "removed or reordered"), (4, "removed or reordered"),
                                                       (5, "untraced")]
    from rectify_cli.i18n import Lang
    from rectify_cli.render.journal_text import verify_problem_text

    assert "未再查找" in verify_problem_text(problems[2], Lang.zh) and "被修改" in verify_problem_text(problems[2], Lang.zh)
    assert "not traced" in verify_problem_text(problems[2], Lang.en)


@pytest.mark.parametrize("key", ["1", "~", "true"])
def test_verify_names_an_entry_given_a_key_that_is_not_text_as_edited(reg, key):
    """A line `1: x` added by hand to an entry (YAML reads the key as a number, or null, a
    boolean) was an internal error of verify, the entry's keys not sortable together."""
    path = reg.parent / "progress.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  note: 围挡完成80%。\n", f"  note: 围挡完成80%。\n  {key}: x\n"), encoding="utf-8")
    result = journal.verify(reg)
    bad = result.first_bad
    assert not result.ok and (bad.index, bad.line, bad.measure, bad.date, bad.problem) == (3, 15, "2.1", "2019-01-15", "edited")


def test_verify_without_journal_is_ok(reg):
    (reg.parent / "progress.yaml").unlink()
    result = journal.verify(reg)
    assert (result.ok, result.entries_checked, result.head) == (True, 0, chain.GENESIS)


def _reference_only(monkeypatch):
    monkeypatch.setattr(yamlio, "parse_fast", lambda text, **_: yamlio.NOT_VOUCHED)


@pytest.mark.parametrize("note, edit", [
    ("0o17", None),  # written plain: text to the reference, a number to yaml-rs
    ("yes", ('"yes"', "yes")),  # quotes taken off: a bool to the reference (an edit), text to yaml-rs
    ("017", ('"017"', "017")),  # 15 to the reference, 17 to yaml-rs
    ("2.50", ('"2.50"', "2.50")),  # a float, 2.5, whose text is no longer the one hashed
    ("2.5", ('"2.5"', "2.5")),  # a float whose text is the one hashed
    (".inf", None),  # written plain: text to the reference, a float to yaml-rs
    ("", None),
    ("主体工程完工", None),
])
def test_verify_reads_each_entry_as_the_reference_loader_does(reg, monkeypatch, note, edit):
    """verify reads big journals with the fast parser, but never to a different verdict."""
    closing = {"state": "done", "evidence": "藏环函〔2019〕1号"}  # (an entry in progress needs a note)
    record(reg, "1.1", note=note, **(closing if not note else {}))
    journal_file = reg.parent / "progress.yaml"
    if edit is not None:
        text = journal_file.read_text(encoding="utf-8")
        assert text.endswith(f"  note: {edit[0]}\n", 0, text.rindex("  hash:"))
        journal_file.write_text(text.replace(f"  note: {edit[0]}\n", f"  note: {edit[1]}\n"), encoding="utf-8")
    fast = journal.verify(reg)
    _reference_only(monkeypatch)
    assert fast == journal.verify(reg)


@pytest.mark.parametrize("note", ["017", "Yes", "yes", "2.50", "12", "1e3", "0x1F", ".inf", "0o17", "10:30", "true"])
def test_a_note_written_plain_by_hand_hashes_and_verifies_as_the_text_written(reg, monkeypatch, note):
    """`note: 017` is the note "017": the entry `record --note 017` writes, quoted, with its hash."""
    record(reg, "1.1", note=note)
    journal_file = reg.parent / "progress.yaml"
    text = journal_file.read_text(encoding="utf-8")
    at = text.rindex("  note: ")
    by_hand = text[:at] + f"  note: {note}" + text[text.index("\n", at):]
    journal_file.write_text(by_hand, encoding="utf-8")
    for parser in ("fast", "reference"):
        if parser == "reference":
            _reference_only(monkeypatch)
        assert journal.verify(reg).ok, parser
        assert load_registry(reg, use_cache=False).journal[-1].note == note, parser


def _note_as_a_block_at_the_very_end(reg, indicator: str) -> None:
    """The journal's last note rewritten as a block scalar ending the file with no line break
    (an editor that adds none): the same value to the reference loader, a line break more to
    yaml-rs."""
    journal_file = reg.parent / "progress.yaml"
    text = journal_file.read_text(encoding="utf-8")
    text = text.replace('  note: "第一行\\n第二行"\n', "").rstrip("\n") + f"\n  note: {indicator}\n    第一行\n    第二行"
    journal_file.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)[-1]["note"] == "第一行\n第二行"


@pytest.mark.parametrize("indicator", ["|", "|+"])
def test_a_block_note_ending_the_file_without_a_line_break_verifies_as_the_reference_reads_it(reg, monkeypatch,
                                                                                          indicator):
    """verify called the entry edited (exit 1) when yaml-rs was installed, passed without it."""
    record(reg, "1.1", note="第一行\n第二行")
    _note_as_a_block_at_the_very_end(reg, indicator)
    assert journal.verify(reg).ok
    _reference_only(monkeypatch)
    assert journal.verify(reg).ok


def test_a_record_after_a_block_note_ending_the_file_is_refused_keeping_that_note(reg):
    """The write added the missing line break, which the block then kept as its own: the
    previous entry's note changed under its hash, and the check after writing (both texts
    read by yaml-rs) saw nothing."""
    record(reg, "1.1", note="第一行\n第二行")
    _note_as_a_block_at_the_very_end(reg, "|")
    journal_file = reg.parent / "progress.yaml"
    before = journal_file.read_bytes()
    last_line = before.count(b"\n") + 1
    with pytest.raises(JournalWriteError, match=rf"last line \({last_line}\) has no line break after it and ends a block"):
        record(reg, "1.2", note="新")
    assert journal_file.read_bytes() == before
    assert yaml.safe_load(before)[-1]["note"] == "第一行\n第二行"


def test_a_measure_id_written_plain_reads_as_the_same_text(reg, monkeypatch):
    journal_file = reg.parent / "progress.yaml"
    journal_file.write_text(journal_file.read_text(encoding="utf-8").replace('measure: "2.2"', "measure: 2.2"),
                            encoding="utf-8")
    fast = journal.verify(reg)
    assert fast.ok
    _reference_only(monkeypatch)
    assert fast == journal.verify(reg)


def test_verify_of_a_journal_written_by_rectify_takes_the_fast_parser(reg):
    from rectify_cli import registry

    record(reg, "1.1", note="0.5")
    registry.REFERENCE_PARSES.clear()
    assert journal.verify(reg).ok
    assert registry.REFERENCE_PARSES == {}


def test_a_cached_last_hash_that_lies_never_breaks_the_chain(reg, tmp_path, monkeypatch):
    """The journal's last hash is taken from the cache, and checked against the journal read
    at the same time: a damaged cache costs time, never a wrong link."""
    from rectify_cli.cache import FileCache

    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    load_registry(reg)  # caches the journal
    entry = FileCache().entry_path(reg.parent / "progress.yaml", "journal", "")
    damaged = entry.read_bytes().replace(FIXTURE_HEAD.encode(), b"e" * 64)
    assert damaged != entry.read_bytes()
    entry.write_bytes(damaged)
    written = record(reg, "2.1", note="复查")
    assert written.fields["hash"] == chain.entry_hash(FIXTURE_HEAD, {k: v for k, v in written.fields.items() if k != "hash"})
    assert journal.verify(reg).ok


def _refuse_whole_reads(monkeypatch):
    def whole(*args, **kwargs):
        raise AssertionError("the whole journal was read back")

    monkeypatch.setattr(journal, "_reads_back_at_once", whole)
    monkeypatch.setattr(journal, "_check_round_trip", whole)


def test_with_the_journal_cached_only_the_entry_and_the_last_are_read_back(reg, tmp_path, monkeypatch):
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    load_registry(reg)  # caches the journal
    with monkeypatch.context() as patched:
        _refuse_whole_reads(patched)
        written = [record(reg, "2.1", note="复查"), record(reg, "3.2", command="report", state="report", note="二季度")]
    assert written[1].fields["hash"] == chain.entry_hash(written[0].head, {k: v for k, v in written[1].fields.items() if k != "hash"})
    assert journal.verify(reg).ok
    assert [e.measure for e in load_registry(reg, use_cache=False).journal][-2:] == ["2.1", "3.2"]


@pytest.mark.parametrize("damage", ["a line that is not the last entry's", "no line break at the end"])
def test_an_append_read_back_alone_is_refused_where_it_could_read_otherwise(reg, tmp_path, monkeypatch, damage):
    """A cached last row that names another entry, its line and hash (a damaged cache), or a journal whose
    end is not a line break (a text kept with |+ would take the new one): read back whole."""
    from builders import rows_resealed

    from rectify_cli.cache import FileCache

    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    path = reg.parent / "progress.yaml"
    if damage == "no line break at the end":
        path.write_bytes(path.read_bytes().rstrip(b"\n"))
    load_registry(reg)
    if damage.startswith("a line"):
        entry = FileCache().entry_path(path, "journal", "")
        body = entry.read_bytes()
        last_row = body[body.rindex(b"\n,[") + 1:]
        assert last_row.endswith(b",48,3]\n]")  # (the line and column of the fixture's last entry)
        before = b"beceb83049c8546b2c52627fdcdc1451ff52c1bcb8866f9abaced1e1ec702da3"  # the entry before: its hash, its line
        # (the row's CRC-32 made again: a single-item command believes no row edited by hand otherwise)
        entry.write_bytes(rows_resealed(body.replace(last_row, last_row.replace(b",48,3]", b",41,3]")
                                                     .replace(FIXTURE_HEAD.encode(), before))))
    with monkeypatch.context() as patched:
        _refuse_whole_reads(patched)
        with pytest.raises(AssertionError, match="the whole journal was read back"):
            record(reg, "2.1", note="复查")
    written = record(reg, "2.1", note="复查")
    assert written.fields["hash"] == chain.entry_hash(FIXTURE_HEAD, {k: v for k, v in written.fields.items() if k != "hash"})
    assert journal.verify(reg).ok


@pytest.mark.parametrize("cached", [True, False])
def test_a_journal_ending_its_document_is_refused_and_left_as_it_was(reg, tmp_path, monkeypatch, cached):
    """After `...` (the end of the YAML document) an entry would start a second document,
    which no loader reads: the write is refused, with or without the journal cached."""
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "cache"))
    path = reg.parent / "progress.yaml"
    path.write_bytes(path.read_bytes() + b"...\n")
    if cached:
        load_registry(reg)
    before = path.read_bytes()
    with pytest.raises(JournalWriteError):
        record(reg, "2.1", note="复查")
    assert path.read_bytes() == before


def test_an_entry_is_chained_alike_with_the_journal_cached_or_not(tmp_path, monkeypatch):
    heads = []
    for cached in (True, False):
        folder = tmp_path / str(cached)
        shutil.copytree(FIXTURE, folder)
        monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / f"cache-{cached}"))
        if cached:
            load_registry(folder / "tasks.yaml")
        heads.append(record(folder / "tasks.yaml", "2.1", note="复查").head)
        assert journal.verify(folder / "tasks.yaml").ok
    assert heads[0] == heads[1]


# -------------------------------------------------------------------------- invisible characters

# Bidirectional controls reorder what a terminal or `git diff` shows ("Trojan source"); the other
# format characters (zero-width space and joiner, soft hyphen, Arabic letter mark, tag letters)
# show nothing. Written raw, the journal read otherwise than it is.
_INVISIBLE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u200e\u200f\u2060\u00ad\u061c\U000e0041"


def test_a_note_with_bidirectional_controls_is_written_as_escapes():
    fields = {"measure": "1.1", "date": "2019-03-31", "state": "report", "note": "完成率\u202e%06\u202c，\u2066甲\u2069\u200b"}
    assert journal.render_entry(fields).decode() == (
        '- measure: "1.1"\n  date: 2019-03-31\n  state: report\n  note: "完成率\\u202e%06\\u202c，\\u2066甲\\u2069\\u200b"\n')
    fields["note"] = "\U000e0041\u00ad"  # (beyond U+FFFF: eight digits; up to U+00FF: two)
    assert journal.render_entry(fields).decode().endswith('  note: "\\U000e0041\\xad"\n')


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(_INVISIBLE + "ab 完成率:#\"\\\n") | st.characters(categories=["Cf"])))
def test_any_note_with_invisible_characters_round_trips_and_shows_none_raw(note):
    """As test_any_note_round_trips_exactly, with the format characters it rarely draws."""
    import unicodedata

    fields = {"measure": "1.1", "date": "2019-03-31", "state": "in_progress", "note": note, "hash": "0" * 64}
    text = journal.render_entry(fields).decode("utf-8")
    assert not [ch for ch in text if unicodedata.category(ch) == "Cf"]
    assert dict(yamlio.parse(text, filename="<t>")[0]) == fields
    texts = {"note": note, "hash": "0" * 64}
    assert {key: yaml.load(text, Loader=yaml.SafeLoader)[0][key] for key in texts} == texts
    # (yaml-rs by default reads date-shaped text as a date even when quoted, note: "0001-01-01",
    # against the YAML spec; rectify reads with parse_datetime=False, and so does this)
    assert {key: yaml_rs.loads(text, parse_datetime=False)[0][key] for key in texts} == texts


def test_a_journal_with_an_escaped_bidirectional_note_verifies_and_reads_back(reg):
    note = "完成率\u202e%06\u202c \u2066甲\u2069"
    written = record(reg, "1.1", note=note)
    assert '  note: "完成率\\u202e%06\\u202c \\u2066甲\\u2069"\n' in (reg.parent / "progress.yaml").read_text()
    result = journal.verify(reg)
    assert (result.ok, result.head) == (True, written.head)
    assert load_registry(reg, use_cache=False).journal[-1].note == note


@pytest.mark.parametrize("note", ["_0", "09", "+.1", "0_9", "-_9", "1_000"])
def test_a_note_the_fast_reader_takes_for_a_number_is_quoted(note):
    # yaml-rs reads these as numbers, PyYAML (all but 1_000) as text: written plain, a note "09" read back as 9.
    fields = {"measure": "1.1", "date": "2019-03-31", "state": "report", "note": note}
    text = journal.render_entry(fields).decode()
    assert text.endswith(f'  note: "{note}"\n')
    assert (yaml_rs.loads(text)[0]["note"], yaml.load(text, Loader=yaml.SafeLoader)[0]["note"]) == (note, note)


@settings(max_examples=300, deadline=None)
@given(st.text("0123456789_.+-eExob:~ ", max_size=6))
def test_any_number_like_note_round_trips_exactly(note):
    """As test_any_note_round_trips_exactly, with the text that readers take for numbers."""
    fields = {"measure": "1.1", "date": "2019-03-31", "state": "in_progress", "note": note, "hash": "0" * 64}
    text = journal.render_entry(fields).decode("utf-8")
    assert dict(yamlio.parse(text, filename="<t>")[0]) == fields
    texts = {"note": note, "hash": "0" * 64}
    assert {key: yaml.load(text, Loader=yaml.SafeLoader)[0][key] for key in texts} == texts
    # (yaml-rs by default reads date-shaped text as a date even when quoted, note: "0001-01-01",
    # against the YAML spec; rectify reads with parse_datetime=False, and so does this)
    assert {key: yaml_rs.loads(text, parse_datetime=False)[0][key] for key in texts} == texts


def test_the_bundled_ledgers_copy_in_the_installed_package_is_not_written(tmp_path, monkeypatch):
    """After `pip install .`, `rectify record …` without --registry wrote into site-packages, and
    the next install replaced that journal: the entries were lost."""
    from rectify_cli import layout

    installed = tmp_path / "site-packages" / "rectify_cli" / "data"
    shutil.copytree(FIXTURE, installed)
    monkeypatch.setattr(layout, "_PACKAGED_PLAN", installed / "tasks.yaml")
    before = (installed / "progress.yaml").read_bytes()
    with pytest.raises(UsageError) as caught:
        record(installed / "tasks.yaml", "1.1")
    assert str(caught.value) == (f"{installed / 'tasks.yaml'} is the bundled ledger's copy inside the installed rectify, "
                                 "which the next install replaces: to keep a journal, copy it here with the `schema/` "
                                 f"folder its first line names (cp -r {installed} {installed.parent / 'schema'} .); "
                                 "commands run here then read `data/tasks.yaml` (or give --registry); nothing was written")
    assert (installed / "progress.yaml").read_bytes() == before
    (tmp_path / ".git").mkdir()  # (the search for data/tasks.yaml stops there)
    shutil.copytree(installed, tmp_path / "data")  # (its copy is written as any ledger, found with no option)
    monkeypatch.chdir(tmp_path)
    assert record(None, "1.1").fields["measure"] == "1.1"
    assert (tmp_path / "data" / "progress.yaml").read_bytes() != before


# ----------------------------------------------- the writing commands and the loader agree
# The writing commands check a request (journal._check_request) and the loader replays the
# journal (journal_checks.JournalContext); both state what may follow what. Random sequences of
# writes, back-dated, naming steps, flagged late or not, on the small fixture's measures of
# every kind (one deadline, two steps, dated + 长期坚持, 长期坚持 only, immediate):
_DAYS = ["2018-01-03", "2018-06-30", "2018-07-01", "2018-10-31", "2018-11-01", "2018-12-31", "2019-01-01",
         "2019-03-31"]
_MEASURES = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2"]
_STEPS = [None, "2018-10-31", "2019-06-30", "2019-04-15", "2018-12-31"]
_measures, _days, _steps = st.sampled_from(_MEASURES), st.sampled_from(_DAYS), st.sampled_from(_STEPS)
_write = st.one_of(
    st.builds(lambda m, d, s: dict(command="close", measure=m, state="done", date=d, evidence="藏环发〔2019〕1号",
                                   milestone=s), _measures, _days, _steps),
    st.builds(lambda m, d: dict(command="reopen", measure=m, state="reopened", date=d, note="回头看发现表面整改"),
              _measures, _days),
    st.builds(lambda m, d, t, s, late: dict(command="extend", measure=m, state="extended", date=d, to=t,
                                            milestone=s, late=late, reason="冬季停工", approved_by="自治区生态环境厅"),
              _measures, _days, st.sampled_from(["2018-12-31", "2019-06-30", "2019-12-31"]), _steps, st.booleans()),
    st.builds(lambda m, d: dict(command="report", measure=m, state="report", date=d, note="季度报告"), _measures, _days),
    st.builds(lambda m, d: dict(command="record", measure=m, state="in_progress", date=d, note="推进中"),
              _measures, _days),
)


def _fresh_small(tmp: str) -> Path:
    shutil.copytree(FIXTURE, Path(tmp) / "small")
    return Path(tmp) / "small" / "tasks.yaml"


@settings(max_examples=60, deadline=None)
@given(st.lists(_write, min_size=1, max_size=8))
def test_whatever_a_write_accepts_loads_alike_with_and_without_the_cache(writes):
    with tempfile.TemporaryDirectory() as tmp:
        reg = _fresh_small(tmp)
        for write in writes:
            try:
                journal.append(reg, **write)
            except (UsageError, JournalWriteError):
                continue
            entries = [(e.measure, e.date, e.state, e.milestone, e.to, e.late)
                       for e in load_registry(reg, use_cache=False).journal]  # (raises if it refuses)
            assert [(e.measure, e.date, e.state, e.milestone, e.to, e.late) for e in load_registry(reg).journal] == entries


@settings(max_examples=60, deadline=None)
@given(st.lists(_write, min_size=1, max_size=8))
def test_whatever_a_write_refuses_the_loader_refuses_written_by_hand(writes):
    with tempfile.TemporaryDirectory() as tmp:
        reg = _fresh_small(tmp)
        path = reg.parent / "progress.yaml"
        for write in writes:
            try:
                journal.append(reg, **write)
                continue
            except UsageError:
                continue  # (the command line itself: a note missing, a step it does not have)
            except JournalWriteError:
                pass  # (what the plan and journal say: the loader must say it too)
            before = path.read_bytes()
            fields = {k: v for k, v in write.items() if k != "command" and v not in (None, False)}
            path.write_bytes(before + journal.render_entry(fields))
            with pytest.raises(RegistryError):
                load_registry(reg, use_cache=False)
            path.write_bytes(before)


def test_a_late_extension_written_by_an_earlier_version_still_verifies(reg):
    """The hash of an entry with `late: true` (a bool, the one field not text) is pinned as
    rectify wrote it: hashing the flag as the text "True" passed every other test, and turned
    each journal holding a late extension into one `verify` calls edited."""
    path = reg.parent / "progress.yaml"
    path.write_bytes(path.read_bytes() + (
        '- measure: "1.1"\n  date: 2019-03-31\n  state: extended\n  note: ""\n  milestone: 2018-12-31\n'
        "  to: 2019-06-30\n  reason: 冬季停工\n  approved_by: 拉萨市\n  late: true\n"
        "  hash: 1d1ddc8184fe2355208848c2286c45b58ad7e4b0b74bc9c245ecc54b64f5f4f0\n").encode())
    assert journal.verify(reg).ok


def test_a_back_dated_entry_keeps_the_day_it_was_written(reg):
    """The journal kept only the date an entry was given: an extension written 51 days after its
    deadline, dated before it, could not be told later from one written in time."""
    back = record(reg, "2.1", date="2019-03-20")
    assert back.fields["recorded"] == "2019-03-31"
    assert "recorded" not in record(reg, "2.1").fields  # (written on its date)
    entries = load_registry(reg, use_cache=False).journal
    assert [(e.date.isoformat(), e.recorded and e.recorded.isoformat()) for e in entries[-2:]] == [
        ("2019-03-20", "2019-03-31"), ("2019-03-31", None)]
    assert journal.verify(reg).ok  # (in the hash chain, as every field is)


@pytest.mark.parametrize("new, old, old_raw, fields, english, chinese", [
    (b"- a: [1\n", None, [], {},
     "the journal would not load after appending (line 2: YAML syntax: while parsing a flow sequence: did not find "
     "expected ',' or ']' (a '[' not closed?)); nothing was written — check the end of the file",
     "追加后进展记录将无法读取（第 2 行：YAML 语法错误：解析方括号列表时：缺少“,”或“]”（方括号未闭合？））；未写入任何内容——请检查文件末尾"),
    # (a journal that is `[]`, an entry appended after it: the parser's words were left in English)
    (b"[]\n- a: 1\n", None, [], {},
     "the journal would not load after appending (line 2: YAML syntax: did not find expected <document start> (what "
     "comes before is a whole list or mapping, such as '[]': nothing may follow it)); nothing was written — check the "
     "end of the file",
     "追加后进展记录将无法读取（第 2 行：YAML 语法错误：前文已是完整的列表或映射（如“[]”），其后不能再有内容）；未写入任何内容——请检查文件末尾"),
    (b"- a: 1\n- b: 2\n", b"- a: 1\n", [{"a": 9}], {"b": 2},
     "appending would change how the existing entries read (does the file end inside a block or a document end "
     "marker?); nothing was written",
     "追加会改变已有记录的读法（文件是否在一个文本块或文档结束标记中结束？）；未写入任何内容"),
    (b"- a: 1\n- b: 2\n", b"- a: 1\n", [{"a": 1}], {"b": 3},
     "the new entry would not read back as written; nothing was written", "新记录读回时与写入的不同；未写入任何内容"),
])
@pytest.mark.parametrize("fast", [True, False])
def test_a_write_that_would_not_read_back_is_refused_in_either_language(new, old, old_raw, fields, english, chinese, fast):
    """What no command line provokes (the refusals before it catch the journals that would):
    each said in English and, for the command line, in Chinese."""
    from rectify_cli.i18n import Lang, problem_message

    found = journal._round_trip_problem(new, old, old_raw, fields, Path("/ledger/progress.yaml"), fast=fast)
    assert str(found) == f"/ledger/progress.yaml: {english}"
    assert problem_message(found, Lang.zh) == chinese
