"""Where a registry's files are: the plan file or folder a command reads (--registry,
$RECTIFY_REGISTRY, else the ledger in data/ found from the working folder, else the bundled
ledger), its plan files, the journal beside each, the prefix of each file's ids, reading a
file's bytes with a refusal that names the file, and refusing a report written over one of them.

Apart from the loader (registry.py): the writing commands (journal.py) and the warm check
(outcomes.py) find a registry's files without loading them, and none of this needs YAML, the
cache or the engine.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from .errors import RegistryError, UsageError
from .i18n import Notice, os_reason, problem, refusal


ENV_REGISTRY = "RECTIFY_REGISTRY"
JOURNAL_SUFFIX = ".progress.yaml"


def default_plan_path() -> Path:
    """The bundled ledger: inside the installed package, or data/ of a source checkout."""
    for candidate in (_PACKAGED_PLAN, _PACKAGE.parent / "data" / "tasks.yaml"):
        if candidate.is_file():
            return candidate
    return _PACKAGED_PLAN


_PACKAGE = Path(__file__).resolve().parent
_PACKAGED_PLAN = _PACKAGE / "data" / "tasks.yaml"  # (a wheel's copy of data/: see pyproject.toml)


def packaged_copy(root: Path) -> bool:
    """Whether `root` is the bundled ledger's copy inside the installed package, which the next
    install replaces: no journal is written there."""
    try:
        return root.resolve() in (_PACKAGED_PLAN, _PACKAGED_PLAN.parent)
    except OSError:
        return False


def resolve_path(path: str | os.PathLike | None) -> Path:
    """--registry, else $RECTIFY_REGISTRY, else the ledger in data/ found from the working folder
    (found_plan), else the bundled ledger. A folder holding tasks.yaml alone (and its journal) is
    that file: its ids are 33.1 rather than tasks:33.1."""
    if path or os.environ.get(ENV_REGISTRY):
        given = Path(path or os.environ[ENV_REGISTRY])
        return _single_plan(given) or given
    found = found_plan()
    default = found or default_plan_path()
    try:  # (named as a user would type it, in reports and messages, when it is below here; one found
        # above here too, `../tasks.yaml`, as validate and check name it: from data/source status named
        # it by its absolute path)
        default = Path(os.path.relpath(found)) if found is not None else default.relative_to(Path.cwd())
    except (ValueError, OSError):  # elsewhere, or the working folder is gone
        pass
    if found is not None and found.name == "tasks.yaml":
        _FOUND_ALONE.add(str(default))
    return default


def bundled_by_default(path: str | os.PathLike | None) -> bool:
    """Whether resolve_path(path) falls back to the bundled ledger: none given (--registry,
    $RECTIFY_REGISTRY) and none found from here. A newcomer's status showed the Tibet example as
    if it were their own ledger; one who names it with -r chose it."""
    return not (path or os.environ.get(ENV_REGISTRY)) and found_plan() is None


def found_plan() -> Path | None:
    """The ledger in data/ of the working folder or the nearest folder above it that has one, up
    to the repository's root (see nearest): its tasks.yaml, else the folder itself when it holds
    plan files (a folder registry: xizang.yaml, naqu.yaml); None when there is none. A
    repository's `rectify check` in CI checked the bundled ledger, not its own.
    (Not a bare tasks.yaml: other tools use that name. A link to nothing is found, and refused
    as one, rather than passed over for another ledger.)"""
    try:
        here = Path.cwd()
    except OSError:  # (the working folder is gone)
        return None
    return nearest(_ledger_in, here)


def _ledger_in(folder: Path) -> Path | None:
    """data/tasks.yaml of `folder`, else its data/ when that holds plan files, else None."""
    plan = folder / "data" / "tasks.yaml"
    if os.path.lexists(plan):
        return plan
    try:
        return plan.parent if plan.parent.is_dir() and _listed_plans(plan.parent) else None
    except OSError:  # (a folder its user may not list: not theirs, or said when named)
        return None


def found_alone_in(folder: Path) -> Path | None:
    """The plan file of `folder` that commands run with no -r read alone (found_plan): its
    tasks.yaml when `folder` is a data/ holding one, whatever else is beside it; else None (a
    data/ without it is read whole, as a folder registry; another folder is not looked for)."""
    found = _ledger_in(Path(os.path.abspath(folder)).parent)
    if found is None or found.name != "tasks.yaml" or found.parent != Path(os.path.abspath(folder)):
        return None
    return Path(folder) / found.name


def nearest(pick: str | Callable[[Path], Path | None], start: Path) -> Path | None:
    """What `pick` finds in `start` (a path below it that is there, or a function's answer), else
    in the nearest folder above it where it finds something, up to the repository's root (the
    first folder holding a .git: a folder, or a worktree's file); None when there is none.
    (`start` need not exist yet.)"""
    for folder in (start, *start.parents):
        found = pick(folder) if callable(pick) else _there(folder / pick)
        if found is not None:
            return found
        if os.path.lexists(folder / ".git"):
            return None
    return None


def _there(path: Path) -> Path | None:
    """`path` when something is there (a link to nothing too), else None."""
    return path if os.path.lexists(path) else None


def existing_root(path: str | os.PathLike | None) -> Path:
    """resolve_path(path), refused with RegistryError when nothing is there."""
    root = resolve_path(path)
    try:
        exists = root.exists()
    except OSError as exc:  # a name no file can have (too long)
        raise unreadable(root, exc) from None
    if not exists:
        # (a ~ in a quoted argument or an .env file reaches here as it is: no shell expanded it)
        expanded = os.path.expanduser(root) if str(root).startswith("~") else str(root)
        if expanded != str(root):
            raise RegistryError(problem(str(root), None, None, "no_such_path_tilde", expanded=expanded))
        raise RegistryError(problem(str(root), None, None, "no_such_path"))
    return root


def journal_path_for(plan_path: Path) -> Path:
    """tasks.yaml keeps its journal in progress.yaml; any other NAME.yaml in NAME.progress.yaml.
    A plan file that is a symbolic link with no journal beside it (ledger.yaml → a shared
    drive's tasks.yaml) keeps it beside the file it leads to, when one is there: read beside
    the link, the journal was missed and `record` began another."""
    beside = _journal_beside(plan_path)
    if not os.path.lexists(beside) and plan_path.is_symlink():
        target_journal = _journal_beside(Path(os.path.realpath(plan_path)))
        if os.path.lexists(target_journal):
            return target_journal
    return beside


def _journal_beside(plan_path: Path) -> Path:
    if _is_tasks_yaml(plan_path):
        return plan_path.with_name("progress.yaml")
    return plan_path.with_name(plan_path.name[: -len(plan_path.suffix)] + JOURNAL_SUFFIX)


def _is_tasks_yaml(path: Path) -> bool:
    """Whether a plan file is tasks.yaml (its journal progress.yaml; alone in its folder, its
    ids without its name): the suffix in any case, tasks.YAML as a Windows tool saves it (its
    progress.yaml was refused as a journal without its plan), but `tasks` as written: Tasks.yaml
    keeps Tasks.progress.yaml, which a Linux user may have."""
    return path.stem == "tasks" and path.suffix.lower() == ".yaml"


def _listed_plans(folder: Path) -> list[Path]:
    """The plan files of a folder, by name. (Hidden files are other programs': an editor's lock
    link .#x.yaml, a Mac's ._x.yaml. The suffix in any case: naqu.YAML, saved so on Windows, was
    passed over, its measures unjudged.)"""
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(".") and not _journal_name(p.name))


def _single_plan(path: Path) -> Path | None:
    """The tasks.yaml of a folder holding no other plan file and no journal but its own (data/);
    else None: a folder of plan files, its ids prefixed by their file's name even while it holds
    one (xizang.yaml, before the other provinces), or one with a stray journal, which loading it
    as a folder refuses."""
    try:
        if not path.is_dir():
            return None
        plans = _listed_plans(path)
        journals = [p for p in path.iterdir() if _journal_name(p.name) and not p.name.startswith(".")]
    except OSError:  # (reported when the folder is read as one)
        return None
    if len(plans) != 1 or not _is_tasks_yaml(plans[0]) or any(j.name != "progress.yaml" for j in journals):
        return None
    return plans[0]


def plan_files(path: Path) -> list[Path]:
    """The plan files of a registry: the file itself, or every plan file of a folder."""
    if path.is_dir():
        try:
            files = _listed_plans(path)
        except OSError as exc:  # (a folder its user may not list)
            raise unreadable(path, exc) from None
        if not files:
            raise RegistryError(problem(str(path), None, None, "no_plan_files"))
        # (a name kept from a Windows zip, GBK, would prefix every id of the file, which no output
        # can carry: refused, named by its bytes as `ls -b` names it, \xce\xf7.yaml)
        undecodable = [problem(os.fsencode(file).decode("utf-8", "backslashreplace"), None, None, "plan_name_not_utf8")
                       for file in files if not _utf8(file.name)]
        if undecodable:
            raise RegistryError(undecodable)
        # (a file's name is its ids' prefix, and names its journal; in any case: Naqu.yaml and
        # naqu.yaml are one file on Windows or a Mac, and their journals one too)
        first: dict[str, Path] = {}
        clashes = [problem(str(file), None, None, "plan_name_clash" if other.stem == file.stem else "plan_name_case_clash",
                           name=file.stem, other=other.name)
                   for file in files if (other := first.setdefault(file.stem.casefold(), file)) is not file]
        if clashes:
            raise RegistryError(clashes)
        return files
    return [path]


def _utf8(name: str) -> bool:
    """Whether a file name as the system gave it is UTF-8 (else it holds os.fsdecode's escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _journal_name(name: str) -> bool:
    """Whether a file of a folder is named as a journal (or nearly: .yml, another case)."""
    name = _as_yaml(name)
    return name == "progress.yaml" or name.endswith(JOURNAL_SUFFIX)


def _as_yaml(name: str) -> str:
    """A file name as a journal's would be written: lower case, .yml and a .txt an editor added
    (progress.yaml.txt) made .yaml."""
    name = name.casefold().removesuffix(".txt")
    return name[:-len(".yml")] + ".yaml" if name.endswith(".yml") else name


def registry_files(root: Path, plans: list[Path] | None = None) -> list[tuple[Path, Path, str]]:
    """(plan file, its journal's path, the id prefix of its measures) for each plan file of the
    registry at `root`: in a folder ids are prefixed with the file's stem, "NAME:18.4"."""
    layout = [(file, journal_path_for(file), id_prefix(file, root=root)) for file in (plans or plan_files(root))]
    folder = root.is_dir()
    _refuse_stray_journals(root, layout, folder=folder)
    # (Not the subfolders of a one-file registry's folder: a plan in data/old/ or data/2019/ is an
    # earlier round kept, or one judged with -r, and warned of, every command and CI run would say
    # it. A plan beside a data/tasks.yaml found, none given, is said: import puts a new round there.)
    if folder:
        _notice_unread_subfolders(root)
    elif str(root) in _FOUND_ALONE:
        _notice_unread_beside(root)
    return layout


# What listing a folder registry found unread (unread_subfolders), as Notices (label notice_<key>)
# the command line says on stderr once the command is done (command_line.Command.invoke).
LOAD_NOTICES: list[Notice] = []
_NOTICED: set[str] = set()  # (the folders looked at: registry_files runs several times a command)
# The data/tasks.yaml found from here this command (resolve_path, none given): the only plan
# file read of a data/ that may hold other rounds' (import -o data/round2.yaml), said so.
_FOUND_ALONE: set[str] = set()
_FILES_NAMED = 3  # (a subfolder's plan files named, the others counted)
# A plan's top-level keys at the start of their lines (not parsed): every plan has all three
# (schema/registry.schema.json), a curation (registry:, units:, no tasks:), a journal or another
# program's YAML not.
_PLAN_KEYS = tuple(re.compile(rb"(?m)^(?:\xef\xbb\xbf)?%s:" % key) for key in (b"registry", b"units", b"tasks"))


def has_plan_keys(raw: bytes) -> bool:
    """Whether the bytes `raw` of a YAML file hold a plan's three top-level keys."""
    return all(key.search(raw) for key in _PLAN_KEYS)


def forget_load_notices() -> None:
    """LOAD_NOTICES emptied, and each folder to be looked at again by the next command."""
    LOAD_NOTICES.clear()
    _NOTICED.clear()
    _FOUND_ALONE.clear()


def _files_shown(files: list[Path]) -> list[str] | Notice:
    """The names of `files`, the first few (_FILES_NAMED) then how many more."""
    from .i18n import few_of

    return few_of([file.name for file in files], _FILES_NAMED)


def _notice_unread_beside(plan: Path) -> None:
    """The other plan files in the folder of the tasks.yaml found (data/round2.yaml), which no
    command run here reads: said, with how to read them (-r data, a folder registry) or one alone.
    (The folder listed once; only its other .yaml files read, to tell a plan from a curation.)"""
    if not _first_look(plan):
        return
    try:
        others = [file for file in _listed_plans(plan.parent) if file.name != plan.name and _starts_as_plan(file)]
    except OSError:  # (a folder its user may not list: its tasks.yaml was read by name)
        return
    if others:
        LOAD_NOTICES.append(Notice("beside_unread", {
            "folder": str(plan.parent), "plan": str(plan), "files": _files_shown(others),
            "example": f"{plan.stem}:1.1", "one": str(others[0])}))


def _first_look(path: Path) -> bool:
    """Whether `path` is looked at for unread plan files the first time this command (else
    said already: registry_files runs several times a command)."""
    try:
        key = os.path.realpath(path)
    except (OSError, ValueError):
        return False
    if key in _NOTICED:
        return False
    _NOTICED.add(key)
    return True


def _notice_unread_subfolders(root: Path) -> None:
    if not _first_look(root):
        return
    for sub, files in unread_subfolders(root):
        LOAD_NOTICES.append(Notice("subfolder_unread", {"folder": str(sub), "root": str(root), "files": _files_shown(files)}))


def unread_subfolders(root: Path) -> list[tuple[Path, list[Path]]]:
    """(subfolder, its plan files) of each immediate subfolder of the folder registry `root` that
    holds plan files: no command reads them (a file's name is its ids' prefix; a subfolder's files
    would need prefixes of their own), which an office sorting rounds into folders was never told.
    Hidden ones (.git, .rectify-cache) are not looked in; a file is told a plan by its top-level keys."""
    try:
        subfolders = sorted(entry.name for entry in os.scandir(root) if not entry.name.startswith(".") and entry.is_dir())
    except OSError:
        return []
    found = []
    for name in subfolders:
        try:
            files = [file for file in _listed_plans(root / name) if _starts_as_plan(file)]
        except OSError:  # (a subfolder its user may not list: not theirs)
            continue
        if files:
            found.append((root / name, files))
    return found


def _starts_as_plan(file: Path) -> bool:
    """Whether `file` holds a plan's top-level keys (has_plan_keys): not a curation, as
    data/source/curation.yaml, a journal or docker-compose.yml."""
    try:
        return file.is_file() and has_plan_keys(file.read_bytes())  # (is_file: a FIFO would block)
    except OSError:
        return False


def role_in_registry(path: Path, *, root: Path) -> str | None:
    """What `path` is to the registry at `root` when writing a report there would damage it: one
    of its files (by another name too: a link, a relative path), a journal's lock file, or a
    .yaml file in the folder of its plan files (read as a plan file from then on), as a key
    ("plan_file", "journal", "lock", "in_folder"); else None. Found without loading it."""
    plans = plan_files(root)
    journals = [journal_path_for(file) for file in plans]
    locks = [f"{os.path.realpath(journal)}.lock" for journal in journals]  # (see journal._locked)
    for role, files in (("plan_file", plans), ("journal", journals), ("lock", locks)):
        for file in files:
            try:
                if os.path.samefile(path, file):
                    return role
            except OSError:  # one of them doesn't exist (a journal not written yet)
                if os.path.abspath(path) == os.path.abspath(file):
                    return role
    # (beside a plan file named alone, another .yaml is another ledger's plan file, or one of this
    # folder's when it is read as a registry)
    folder = root if root.is_dir() else root.parent
    if os.path.splitext(path)[1].lower() in (".yaml", ".yml") \
            and os.path.realpath(os.path.dirname(os.path.abspath(path))) == os.path.realpath(folder):
        return "in_folder"
    return None


def refuse_output_in_registry(output: str | os.PathLike | None, *, registry: str | os.PathLike | None) -> None:
    """-o naming one of the files of the registry `registry` names (role_in_registry) would
    replace the ledger with a report: refused (UsageError) before anything is read or written.
    So is a name ending in / (fsutil.names_a_folder), as typed: -o takes a file, and `x/` was
    written as the file x; a folder; and a symbolic link to nothing."""
    if output is None:
        return
    from .fsutil import names_a_folder, refuse_a_link_to_nothing

    if names_a_folder(output):
        raise UsageError(problem(str(output), None, None, "output_names_folder", end=str(output)[-1]))
    if os.path.isdir(output):  # (said before a national ledger is read and judged, not by the write after)
        raise UsageError(problem(str(output), None, None, "write_is_folder"))
    refuse_a_link_to_nothing(output)  # (written through, the report was made wherever the link led)
    role = role_in_registry(output, root=existing_root(registry))
    if role is not None:
        raise refusal(UsageError, "output_in_registry", output=str(output), role=Notice(f"output_is_{role}", {}))


def id_prefix(plan_file: Path, *, root: Path) -> str:
    """The prefix of the ids of `plan_file`'s tasks and measures: "NAME:" in a folder, else ""."""
    return plan_file.stem + ":" if root.is_dir() else ""


def _refuse_stray_journals(root: Path, layout: list[tuple[Path, Path, str]], *, folder: bool) -> None:
    """A journal no plan file of the registry owns would be ignored, with all it records: a
    plan renamed from tasks.yaml, say, leaves its progress.yaml behind. Refused: in a folder any
    such journal, beside a plan file a progress.yaml (unless a tasks.yaml owns it)."""
    if folder:
        present = [p for p in root.iterdir() if _journal_name(p.name) and not p.name.startswith(".")]
    else:
        present = [root.with_name("progress.yaml")] if not _is_tasks_yaml(root) else []
        present = [p for p in present if os.path.lexists(p) and not _tasks_yaml_beside(root)]
    problems, near = [], set()
    for plan, journal, _ in layout:
        if not os.path.lexists(journal):  # (only then: a file's folder is not listed on every load)
            for p in _near_misses(journal):
                near.add(p.name)
                problems.append(problem(str(p), None, None, "journal_near_miss", plan=plan.name, journal=journal.name))
    owned = {journal.name for _, journal, _ in layout} | near
    problems += [problem(str(p), None, None, "stray_journal", plan=plan_beside(p.name))
                 for p in sorted(p for p in present if p.name not in owned)]
    if problems:
        raise RegistryError(sorted(problems, key=lambda found: found.file))


def _tasks_yaml_beside(plan: Path) -> bool:
    """Whether a tasks.yaml (_is_tasks_yaml: tasks.YAML too) is beside `plan`: the owner of a
    progress.yaml there."""
    if os.path.lexists(plan.with_name("tasks.yaml")):
        return True
    try:
        return any(_is_tasks_yaml(p) for p in plan.parent.iterdir())
    except OSError:  # (a folder that can't be listed: its progress.yaml refused as no plan's, as before)
        return False


def _near_misses(journal: Path) -> list[Path]:
    """Files beside a journal not written yet that look like it saved under another name:
    progress.yml, Progress.yaml, progress.yaml.txt (Notepad), tasks.progress.yaml."""
    wanted = {journal.name.casefold()} | ({"tasks" + JOURNAL_SUFFIX} if journal.name == "progress.yaml" else set())
    try:
        return sorted(p for p in journal.parent.iterdir() if p.name != journal.name and _as_yaml(p.name) in wanted)
    except OSError:  # (a folder that can't be listed: its files are read, or refused, by name)
        return []


def journal_present(jpath: Path) -> bool:
    """Whether a journal was written: anything at its name. A link to nothing is a journal
    that can't be read, which is an error, not one that isn't written yet."""
    return os.path.lexists(jpath)


def is_pipe_or_device(path: Path) -> bool:
    """Whether `path` is a FIFO, socket or device: read whole, one could block forever (a FIFO)
    or never end (/dev/zero)."""
    return path.exists() and not path.is_dir() and not path.is_file()


def read_bytes(path: Path) -> bytes:
    """The file's bytes. A pipe or device is refused (is_pipe_or_device)."""
    path = Path(path)
    try:
        if is_pipe_or_device(path):
            raise RegistryError(problem(str(path), None, None, "not_regular"))
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from None
    except ValueError:  # (a NUL in a name a file gives, registry.source: "a\0b": no file is named so)
        raise RegistryError(problem(str(path), None, None, "no_such_file")) from None


def quoted_report(plan_file: str | Path, source: str | None, *, folder: bool, words: bool = True, ledger=()):
    """The report a plan names (registry.source, relative to the plan file), a
    reconcile.QuotedReport: its text as the import reads it (`words` False: only decoded, which
    is all validate needs to know it can be read), or why it cannot be read; None when it names none.
    `ledger`: the registry's other plan files, which no more than this one is its report."""
    if source is None:
        return None
    from .errors import ReportFormatError
    from .gate import display_path, shown_file
    from .importer_text import decode_report, report_text
    from .reconcile import UNREAD_WHY, QuotedReport

    path = _source_path(Path(plan_file), source)
    # (where the user opens it: as the plan file is named; beside the file a link leads to, from here)
    linked = path != Path(plan_file).parent / source
    shown = display_path(str(path)) if linked else shown_file(str(path), folder=folder)
    if _ledger_file(path, (plan_file, *ledger)):  # (a plan holds its claims' words: each one "found in the report")
        return QuotedReport(source, shown, None, "ledger")
    try:
        raw = read_bytes(path)
        text = report_text(raw, filename=str(path)) if words else decode_report(raw, filename=str(path))
    except (RegistryError, ReportFormatError) as exc:  # (missing, a folder, a PDF...: the words go unchecked, said)
        notice = getattr(exc.problems[0], "notice", None)
        return QuotedReport(source, shown, None, UNREAD_WHY.get(getattr(notice, "key", None), "unreadable"))
    return QuotedReport(source, shown, text)


def _source_path(plan_file: Path, source: str) -> Path:
    """registry.source, relative to the plan file; of a plan file that is a symbolic link with
    nothing there beside it, relative to the file it leads to, when the report is there, as its
    journal is (journal_path_for): the plan names it from where it was written."""
    path = plan_file.parent / source
    if not os.path.lexists(path) and plan_file.is_symlink():
        target = Path(os.path.realpath(plan_file)).parent / source
        if os.path.lexists(target):
            return target
    return path


def _ledger_file(path: Path, plan_files) -> bool:
    """Whether `path` is one of `plan_files` or a journal of theirs, by the file it leads to (a
    link, sub/../tasks.yaml)."""
    for plan_file in plan_files:
        for file in (Path(plan_file), journal_path_for(Path(plan_file))):
            try:
                if os.path.samefile(path, file):
                    return True
            except (OSError, ValueError):  # (either not there, or a NUL in the name: not the same file)
                continue
    return False


def quoted_reports(plan, plan_files, *, folder: bool, words: bool = True) -> dict:
    """The report each of a registry's plan files names (quoted_report), keyed as
    reconcile.reconcile_files names them: a folder's files by name, one file as None."""
    return {name: quoted_report(file, source, folder=folder, words=words, ledger=plan_files)
            for name, file, source in _sources(plan, plan_files)}


def _sources(plan, plan_files) -> list[tuple[str | None, str, str | None]]:
    """(name as reconcile_files names it, plan file, registry.source) of each plan file."""
    if not plan.parts:
        return [(None, plan_files[0], plan.meta.source)]
    files = {Path(file).name: file for file in plan_files}
    return [(name, files[name], meta.source) for name, _, meta in plan.parts]


def unread_sources(plan, plan_files, *, folder: bool) -> list[tuple[str, object]]:
    """(plan file, reconcile.QuotedReport) of each report a plan file names that cannot be read:
    what validate warns of (reconcile would not check the claims' words)."""
    found = [(file, quoted_report(file, source, folder=folder, words=False, ledger=plan_files))
             for _, file, source in _sources(plan, plan_files)]
    return [(file, report) for file, report in found if report is not None and report.text is None]


def unreadable(path: Path, exc: OSError) -> RegistryError:
    """What to say when `path` can't be read, as `exc` says."""
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            from .fsutil import link_to_nothing_said

            link = link_to_nothing_said(path, "dangling_link")
            said = link.key, link.values
        else:
            said = "no_such_file", {}
    elif isinstance(exc, IsADirectoryError):
        said = "is_folder", {}
    elif isinstance(exc, PermissionError):
        said = "permission", {}
    else:
        said = "unreadable", {"detail": os_reason(exc)}
    return RegistryError(problem(str(path), None, None, said[0], **said[1]))


def plan_beside(journal: str) -> str | Notice:
    """The plan file whose journal `journal` would be, as the user named it (see journal_path_for)."""
    path = Path(journal)
    name = _as_yaml(path.name)
    if name == "progress.yaml":
        return str(path.with_name("tasks.yaml"))
    if name.endswith(JOURNAL_SUFFIX):
        return str(path.with_name(path.name[: len(name) - len(JOURNAL_SUFFIX)] + ".yaml"))
    return Notice("plan_of_journal_example", {})
