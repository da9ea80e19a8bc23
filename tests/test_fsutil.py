"""fsutil.atomic_write_bytes: a file is replaced whole or left as it was, links and pipes are
written through, and a failure is a FileWriteError naming the file, not an OSError."""
from __future__ import annotations

import errno
import os
import stat
import threading

import pytest

from rectify_cli import fsutil
from rectify_cli.errors import FileWriteError


def test_replaces_a_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "月报.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    fsutil.atomic_write_bytes(target, "新内容".encode())
    assert target.read_text(encoding="utf-8") == "新内容"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["月报.txt"]  # no temporary file left


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        fsutil.atomic_write_bytes(tmp_path / "new.txt", b"x")
        assert os.umask(umask) == umask  # (and the umask is left as it was)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == mode


def test_a_symbolic_link_stays_and_its_target_is_replaced(tmp_path):
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "2019-03.txt"
    real.write_bytes(b"old")
    link = tmp_path / "latest.txt"
    link.symlink_to(real)
    fsutil.atomic_write_bytes(link, b"new")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() == b"new"


def test_a_hard_link_keeps_the_old_content_and_extended_attributes_are_not_carried_over(tmp_path):
    """What README's *Writing safely* says: the file is replaced, not written in place, so a hard
    link (a `cp -al` snapshot) keeps what it had, and attributes of the old file but its mode and
    group are gone (ACLs are extended attributes too)."""
    target, snapshot = tmp_path / "progress.yaml", tmp_path / "snapshot.yaml"
    target.write_bytes(b"old")
    os.link(target, snapshot)
    try:
        os.setxattr(target, "user.note", b"kept?")
    except OSError:  # (a file system without user attributes)
        pytest.skip("no extended attributes here")
    fsutil.atomic_write_bytes(target, b"new")
    assert (target.read_bytes(), snapshot.read_bytes()) == (b"new", b"old")
    assert (target.stat().st_nlink, snapshot.stat().st_nlink) == (1, 1)
    assert os.listxattr(target) == []


def test_a_pipe_is_written_to_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    fsutil.atomic_write_bytes(fifo, "整改".encode())
    reader.join(timeout=10)
    assert received == ["整改".encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="needs /proc/self/fd (Linux)")
def test_a_descriptor_is_written_through_not_replaced(tmp_path):
    """`-o /dev/stdout >> log`: /dev/stdout leads to /proc/self/fd/1, and so to the log the
    shell opened; the log keeps what it held, and the output follows it."""
    log = tmp_path / "log.txt"
    log.write_bytes(b"earlier\n")
    with open(log, "ab") as opened:
        fsutil.atomic_write_bytes(f"/proc/self/fd/{opened.fileno()}", "月报\n".encode())
    assert log.read_text(encoding="utf-8") == "earlier\n月报\n"
    assert stat.S_ISREG(log.stat().st_mode) and not log.is_symlink()


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(FileWriteError) as caught:
        fsutil.atomic_write_bytes(tmp_path, b"x")
    assert str(caught.value) == f"{tmp_path}: is a folder, expected a file; nothing was written"


def test_a_missing_folder_is_named(tmp_path):
    target = tmp_path / "nowhere" / "月报.txt"
    with pytest.raises(FileWriteError) as caught:
        fsutil.atomic_write_bytes(target, b"x")
    assert str(caught.value) == f"{target}: cannot be written (no such folder: {target.parent}); nothing was written"


@pytest.mark.parametrize("existing", [False, True], ids=["new", "replaced"])
def test_a_file_system_that_keeps_no_modes_is_written_all_the_same(tmp_path, monkeypatch, existing):
    """FAT (a USB stick) and some shares refuse a chmod they can't store (EPERM): the first
    `record` of a ledger on one was refused, its journal never made."""
    target = tmp_path / "progress.yaml"
    if existing:
        target.write_bytes(b"[]\n")

    def refused(path, mode, **_):
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(fsutil.os, "chmod", refused)
    fsutil.atomic_write_bytes(target, b"- measure: '1.1'\n")
    assert target.read_bytes() == b"- measure: '1.1'\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.yaml"]


def test_a_full_disk_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "progress.yaml"
    target.write_bytes(b"entries: []\n")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fsutil.os, "fsync", full)
    with pytest.raises(FileWriteError) as caught:
        fsutil.atomic_write_bytes(target, b"entries: [1]\n")
    assert str(caught.value) == f"{target}: cannot be written (No space left on device); nothing was written"
    assert target.read_bytes() == b"entries: []\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.yaml"]


def test_make_folder_refuses_a_file(tmp_path):
    (tmp_path / "out").write_bytes(b"x")
    with pytest.raises(FileWriteError) as caught:
        fsutil.make_folder(tmp_path / "out")
    assert str(caught.value) == f"{tmp_path / 'out'}: is a file, expected a folder; nothing was written"
    fsutil.make_folder(tmp_path / "a")
    assert (tmp_path / "a").is_dir()
    with pytest.raises(FileWriteError) as caught:  # (a missing parent is a mistyped path, more likely than not)
        fsutil.make_folder(tmp_path / "b" / "c")
    assert str(caught.value) == (f"{tmp_path / 'b' / 'c'}: cannot be created (no such folder: {tmp_path / 'b'}); "
                                 "nothing was written")


def test_a_read_only_file_is_left_as_it_is(tmp_path):
    """The rename could replace it (the folder is writable; root may anyway): a file frozen
    with `chmod a-w` is refused as a write in place would be, and keeps its mode."""
    target = tmp_path / "2018年台账.yaml"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(FileWriteError) as caught:
        fsutil.atomic_write_bytes(target, b"new")
    assert str(caught.value) == f"{target}: is read-only (-r--r--r--); nothing was written"
    assert target.read_bytes() == b"old" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2018年台账.yaml"]


def test_a_file_another_user_owns_is_refused_naming_the_owner(tmp_path, monkeypatch):
    target = tmp_path / "progress.yaml"
    target.write_bytes(b"old")
    target.chmod(0o644)
    monkeypatch.setattr(fsutil.os, "access", lambda path, how: False)  # (as root every file is open to us)
    with pytest.raises(FileWriteError) as caught:
        fsutil.atomic_write_bytes(target, b"new")
    owner = fsutil.owner_name(target.stat().st_uid)
    assert str(caught.value) == f"{target}: is not writable by you (owner {owner}, -rw-r--r--); nothing was written"
    assert target.read_bytes() == b"old"


def test_what_before_rename_raises_leaves_the_file_as_it_was(tmp_path):
    target = tmp_path / "progress.yaml"
    target.write_bytes(b"old")
    seen = []

    def changed():
        seen.append(sorted(p.name for p in tmp_path.iterdir() if p.name != "progress.yaml"))
        raise FileWriteError("changed meanwhile")

    with pytest.raises(FileWriteError, match="changed meanwhile"):
        fsutil.atomic_write_bytes(target, b"new", before_rename=changed)
    assert len(seen) == 1 and len(seen[0]) == 1 and seen[0][0].startswith(".progress.yaml.")  # (the new file written)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.yaml"]


def test_owner_name_is_the_number_when_the_system_has_no_name():
    assert fsutil.owner_name(0) == "root"
    assert fsutil.owner_name(2**31 - 7) == str(2**31 - 7)


@pytest.mark.parametrize("winerror", [5, 32])
def test_a_journal_another_program_holds_open_on_windows_is_named_as_such(tmp_path, monkeypatch, winerror):
    """Windows replaces no file another program holds open (WPS, Excel, a sync client, an
    antivirus, another rectify reading it: Python opens files without FILE_SHARE_DELETE): the
    rename raises PermissionError [WinError 5 or 32], which was said 没有权限, though the clerk
    may write the file. Said what it is; the journal as it was."""
    import shutil
    from pathlib import Path

    from builders import run_cli

    shutil.copytree(Path(__file__).parent / "fixtures" / "small", tmp_path / "small")
    reg, journal = tmp_path / "small" / "tasks.yaml", tmp_path / "small" / "progress.yaml"
    before = journal.read_bytes()

    def held(src, dst):
        exc = PermissionError(errno.EACCES, "另一个程序正在使用此文件，进程无法访问。", str(src), None, str(dst))
        exc.winerror = winerror  # (set by the constructor on Windows alone)
        raise exc

    monkeypatch.setattr(fsutil.os, "replace", held)
    said = {"zh": f"rectify: {journal}: 无法写入（另一个程序正打开着它：WPS、Excel、同步盘、杀毒软件，或正在读取它的另一个 rectify？"
                  "关闭它或稍后重试）；未写入任何内容\n",
            "en": f"rectify: {journal}: cannot be written (another program holds it open: WPS, Excel, a sync client, "
                  "an antivirus, another rectify reading it? close it or try again later); nothing was written\n"}
    for lang in ("zh", "en"):
        result = run_cli("record", "1.1", "--state", "in_progress", "--note", "推进中", "--registry", str(reg),
                         "--lang", lang)
        assert (result.exit_code, result.stderr) == (2, said[lang])
    assert journal.read_bytes() == before
    assert sorted(p.name for p in journal.parent.iterdir()) == ["progress.yaml", "tasks.yaml"]


def test_a_permission_error_at_the_rename_elsewhere_is_said_as_the_system_says_it(tmp_path, monkeypatch):
    """(a folder with the sticky bit, say: no WinError, nothing held open)"""
    target = tmp_path / "progress.yaml"
    target.write_bytes(b"old")

    def refused(src, dst):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(fsutil.os, "replace", refused)
    with pytest.raises(FileWriteError) as caught:
        fsutil.atomic_write_bytes(target, b"new")
    assert str(caught.value) == f"{target}: cannot be written (Permission denied); nothing was written"
    assert target.read_bytes() == b"old"
