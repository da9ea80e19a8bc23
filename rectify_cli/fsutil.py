"""Durable file writes: a reader sees the old file or the new one, never half of either."""
from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Callable

from .errors import FileWriteError, UsageError
from .i18n import Notice, os_reason, problem


# Windows's ERROR_ACCESS_DENIED and ERROR_SHARING_VIOLATION, of a rename onto a file held open.
_HELD_OPEN = frozenset({5, 32})


def atomic_write_bytes(path: Path, data: bytes, *, before_rename: Callable[[], None] | None = None) -> None:
    """Write to a temporary file in the same folder, fsync it, rename it over `path`, fsync the
    folder. A symbolic link keeps pointing where it did (its target is replaced), and a
    device or a pipe (`-o /dev/stdout`) is written to, not replaced. A file the user may not
    write (read-only, or another's) is refused as a write in place would be, though the
    rename could replace it. FileWriteError when it can't be written; the file is then as it
    was. `before_rename` is called last thing before the rename: what it raises leaves the
    file as it was too (the journal checks there that no one else wrote it meanwhile)."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _write_error(path, exc) from None
    mode = info.st_mode if info is not None else None
    if mode is not None and stat.S_ISDIR(mode):
        raise FileWriteError(problem(str(path), None, None, "write_is_folder"))
    if mode is not None and (not stat.S_ISREG(mode) or _names_a_descriptor(path)):
        append_bytes(path, data)  # (a terminal, a pipe, /dev/null, a file the shell opened: in place)
        return
    if info is not None and (refused := not_writable(path, info)):
        raise FileWriteError(problem(str(path), None, None, "write_refused", why=refused))
    target = Path(os.path.realpath(path))
    import tempfile  # (off the start-up path: reading commands hash files with this module, never write)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        if info is not None and isinstance(exc, PermissionError):  # (the file is writable: "permission denied" misled)
            why = Notice("write_folder_closed", {"folder": str(target.parent)})
            raise FileWriteError(problem(str(path), None, None, "write_failed", why=why)) from None
        # (a link's missing folder is the one it leads into; else the folder as the user wrote it)
        raise _write_error(path, exc, folder=target.parent if os.path.islink(path) else None) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            _fault("after-tmp-write")
            handle.flush()
            os.fsync(handle.fileno())
        _fault("before-rename")
        if before_rename is not None:
            before_rename()
        if info is not None and info.st_gid != os.stat(tmp).st_gid:
            # (the group it had: a new file gets the writer's own, and a journal shared by a
            # group would be closed to the others after one of them wrote it)
            with contextlib.suppress(OSError):  # (not a member of that group: it can't be kept)
                os.chown(tmp, -1, info.st_gid)
        # (mkstemp makes the file private: give it the mode it had, or a new file's usual one;
        # FAT, a USB stick, and some shares refuse modes they can't store: the file has theirs)
        with contextlib.suppress(PermissionError):
            os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~umask())
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            # (Windows replaces no file another program holds open: access denied, sharing violation)
            if getattr(exc, "winerror", None) not in _HELD_OPEN:
                raise
            why = Notice("write_held_open", {})
            raise FileWriteError(problem(str(path), None, None, "write_failed", why=why)) from None
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise
    _fsync_dir(target.parent)


def not_writable(path: Path, info: os.stat_result) -> Notice | None:
    """Why the user may not write the file `path` (whose stat is `info`), or None: read-only
    (no write permission for anyone: a file frozen with `chmod a-w`, which even root's rename
    would otherwise replace), or not writable by this user (another's, say)."""
    if not info.st_mode & 0o222:
        return Notice("write_read_only", {"mode": stat.filemode(info.st_mode)})
    if not os.access(path, os.W_OK) and not _on_a_read_only_mount(path):  # (that, the write says itself)
        return Notice("write_not_yours", {"owner": owner_name(info.st_uid), "mode": stat.filemode(info.st_mode)})
    return None


def _on_a_read_only_mount(path: Path) -> bool:
    """Whether `path` is on a file system mounted read-only (never, where there is no statvfs)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # (Windows: neither statvfs nor ST_RDONLY)
        return False


def owner_name(uid: int) -> str:
    """The user name of `uid`, or the number when the system has no name for it."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError, OSError):  # (no pwd on Windows)
        return str(uid)


def umask() -> int:
    """The process's umask, left as it is."""
    mask = os.umask(0o022)  # (the only way to read it is to set it)
    os.umask(mask)
    return mask


def names_a_folder(name: str | os.PathLike) -> bool:
    """Whether `name`, as typed (a str: pathlib drops the ending), ends in a slash (or, on
    Windows, a backslash): a folder meant, whether or not it is there."""
    return isinstance(name, str) and name.endswith(tuple({"/", os.sep, os.altsep or "/"}))


def a_link_to_nothing(path: str | os.PathLike) -> Notice | None:
    """What `path` is when it is a symbolic link to nothing, else None. (A stale link: written
    through, the file would be made wherever it led.)"""
    try:
        os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return link_to_nothing_said(path, "output_a_broken_link")
    except (OSError, ValueError):  # (the write names what is wrong)
        pass
    return None


def link_to_nothing_said(path: str | os.PathLike, key: str) -> Notice:
    """The Notice `key` of the link to nothing `path`, naming its target as the link holds it; or
    `key`_chain, where that target is itself a link, naming too the path missing at the end (the
    link in between is there: "which does not exist" was false of it). Each said from `path`'s folder."""
    target = os.readlink(path)
    at, shown, end = os.path.join(os.path.dirname(path), target), target, None
    for _ in range(40):  # (the kernel's own limit on links followed)
        if not os.path.islink(at):
            break
        hop = os.readlink(at)
        at = os.path.join(os.path.dirname(at), hop)
        shown = end = hop if os.path.isabs(hop) else os.path.normpath(os.path.join(os.path.dirname(shown), hop))
    if end is None:
        return Notice(key, {"target": target})
    return Notice(f"{key}_chain", {"target": target, "end": end})


def refuse_a_link_to_nothing(path: str | os.PathLike) -> None:
    """-o `path` a symbolic link to nothing: refused (UsageError), before anything is read. (Into
    a folder that is gone too, the write names that folder: nothing would be made.)"""
    what = a_link_to_nothing(path)
    if what is not None and os.path.isdir(os.path.dirname(os.path.realpath(path))):
        raise UsageError(problem(str(path), None, None, "write_refused", why=what))


def is_standard_output(path: Path) -> bool:
    """Whether `path` is this process's standard output itself (/dev/stdout, or the file the
    shell redirected it to): the same file, by device and inode, as descriptor 1."""
    try:
        return os.path.samestat(os.stat(path), os.fstat(1))
    except (OSError, ValueError):  # (no such file, or no standard output)
        return False


def _names_a_descriptor(path: Path) -> bool:
    """Whether `path` leads, link by link, to an open descriptor (/dev/stdout is /proc/self/fd/1):
    what it stands for, a file the shell opened say, is written to, not replaced."""
    at = os.path.abspath(path)
    for _ in range(40):  # (the kernel's own limit on links followed)
        if at.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(at):
            return False
        at = os.path.abspath(os.path.join(os.path.dirname(at), os.readlink(at)))
    return False


def _write_error(path: Path, exc: OSError, *, atomic: bool = True, folder: Path | None = None) -> FileWriteError:
    folder = path.parent if folder is None else folder
    if isinstance(exc, FileNotFoundError):
        why = Notice("write_no_folder", {"folder": str(folder)})
    elif isinstance(exc, NotADirectoryError):
        why = Notice("write_not_a_folder", {"folder": str(folder)})
    else:
        why = os_reason(exc)
    return FileWriteError(problem(str(path), None, None, "write_failed" if atomic else "write_failed_appending", why=why))


def append_bytes(path: Path, data: bytes) -> None:
    """Add `data` at the end of the file `path` (made if need be), as a log is written to, or
    as `>>` in the shell may have asked. FileWriteError when it can't be; a regular file is then
    as it was (a full disk took part of it: cut back to where it ended)."""
    try:
        with open(path, "ab", buffering=0) as handle:  # (unbuffered: what failed is not written again at close)
            info = os.fstat(handle.fileno())
            try:
                left = memoryview(data)
                while left:  # (a full disk's write() stops short first, then fails)
                    left = left[handle.write(left):]
            except OSError:
                if stat.S_ISREG(info.st_mode):
                    with contextlib.suppress(OSError):
                        handle.truncate(info.st_size)
                raise
    except OSError as exc:
        raise _write_error(Path(path), exc, atomic=False) from None


def size(path: str) -> int:
    """Bytes of the file at `path`; 0 when there is none (or it can't be looked at)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def file_sha256(path: Path) -> tuple[str, int]:
    """(SHA-256 in hex, size) of a file's content, read a block at a time into one buffer:
    100 MB of registry, or a video of gigabytes as evidence, in a megabyte of memory (and
    as fast as a memory map). Raises OSError."""
    import hashlib

    digest, size = hashlib.sha256(), 0
    block = bytearray(1 << 20)
    view = memoryview(block)
    with open(path, "rb", buffering=0) as handle:
        while count := handle.readinto(block):
            digest.update(view[:count])
            size += count
    return digest.hexdigest(), size


def make_folder(path: Path) -> None:
    """Create the folder `path`, unless it exists. FileWriteError when it can't, as when its
    parent is missing: making that too would hide a mistyped path."""
    try:
        path.mkdir(exist_ok=True)
    except FileExistsError:
        raise FileWriteError(problem(str(path), None, None, "write_folder_is_file")) from None
    except FileNotFoundError:  # (which one is missing, as _write_error says it)
        missing = Notice("write_no_folder", {"folder": str(path.parent)})
        raise FileWriteError(problem(str(path), None, None, "write_folder_failed", why=missing)) from None
    except OSError as exc:
        raise FileWriteError(problem(str(path), None, None, "write_folder_failed", why=os_reason(exc))) from None


def scratch_folder(prefix: str, failed: str):
    """A tempfile.TemporaryDirectory named `prefix`…, to check a result in before it is written.
    FileWriteError saying the problem `failed` (taking {why}) when none can be made: of the
    temporary folder (a full /tmp), or of TMPDIR when no folder is usable at all (TMPDIR, /tmp,
    /var/tmp and the working folder each full or read-only; the system's words list them)."""
    import tempfile

    try:
        folder = tempfile.gettempdir()
    except OSError as exc:
        raise FileWriteError(problem("TMPDIR", None, None, failed, why=exc.strerror or str(exc))) from None
    try:
        return tempfile.TemporaryDirectory(prefix=prefix)
    except OSError as exc:
        raise FileWriteError(problem(folder, None, None, failed, why=os_reason(exc))) from None


def _fault(point: str) -> None:
    """Crash-test hook: RECTIFY_FAULT=<point> kills the process right here (tests only)."""
    if os.environ.get("RECTIFY_FAULT") == point:
        os._exit(86)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # e.g. platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
