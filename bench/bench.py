"""Time whole rectify commands on registries of growing size and print a table.

    python bench/bench.py                    # N = 179 (bundled), 10,000, 100,000; 3 runs each (11 up to 1,000)
    python bench/bench.py --sizes 179,10000 --runs 5

Every figure is one whole process, as a user runs it: wall time (median of the runs) and
peak RSS (the child's ru_maxrss, via os.wait4). Each time is also given as a ratio to the
floor: a process that only reads and parses the same YAML files with the fastest parser
available (yaml-rs, else libyaml). "cold" runs start from an empty cache folder, "warm"
runs reuse it. With Taskwarrior installed (`task`), the same measures are imported as
tasks with their due dates and `task overdue` is timed beside `rectify check`; at the largest
size the two, the cold check and the floor are also run in turn, round after round, and the
targets that compare two commands are judged by the median of their ratios within a round (a
shared machine's load changes over the seconds that three runs in a row take). After the
table, each target of the issue is listed with what was measured and whether it is met.
Generated registries are cached under bench/.work/ (see generate.py).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))
from generate import TODAY  # noqa: E402

PY = sys.executable
# Runs at least of what takes a fraction of a second (start-up; the bundled ledger): a shared
# machine moves one such run by 100 ms and more, and a median of three by some 20 ms.
QUICK_RUNS = 11
# Runs at least at 10,000 measures (a second or less a command): those medians are what the
# growth to 100,000 is divided by, and a median of three moved it from 8.8x to 11.5x.
GROWTH_BASE_RUNS = 7


def _rectify_command() -> list[str]:
    """The `rectify` script installed beside this interpreter, as pip installs it. Found on PATH
    it may be a version manager's shim (pyenv's costs 70 ms a command), which the floor and
    `python -c pass`, run by this interpreter directly, don't pay."""
    beside = Path(PY).parent / ("rectify.exe" if os.name == "nt" else "rectify")
    if beside.is_file():
        return [str(beside)]
    return [PY, "-m", "rectify_cli"]


RECTIFY = _rectify_command()


def _versions(*names: str) -> str:
    """The installed versions of the libraries the figures depend on (orjson's buffers took
    1 KiB a text up to 3.11 and 4 KiB from 3.12, which moved the peak memory before rows were
    joined as they were encoded)."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"
    return ", ".join(f"{name} {installed(name)}" for name in names)
EXPORT_CODE = """
import json, sys
from rectify_cli.registry import load_registry
tasks = []
for measure in load_registry(sys.argv[1], use_cache=False).plan.measures():
    due = next((m.due for m in measure.milestones if m.due is not None), None)
    task = {"description": measure.text[:80], "status": "pending", "entry": "20180103T000000Z",
            "project": measure.task_id.split(":")[0], "tags": [measure.lead[:8]]}
    if due is not None:
        task["due"] = due.strftime("%Y%m%dT000000Z")
    tasks.append(task)
with open(sys.argv[2], "w", encoding="utf-8") as handle:
    json.dump(tasks, handle, ensure_ascii=False)
"""
FLOOR_CODE = """
import sys
try:
    import yaml_rs
    parse = lambda text: yaml_rs.loads(text, parse_datetime=False)
except ImportError:
    import yaml
    parse = lambda text: yaml.load(text, Loader=yaml.CSafeLoader)
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        parse(handle.read())
"""


def run_once(argv: list[str], env: dict, cwd: Path | None = None, *, terminal: bool = False) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in bytes, exit code) of one process. Its output goes to
    /dev/null, or with `terminal` to a pseudo-terminal of 120 columns, read as it comes, as a
    person's terminal would (rectify then writes colours)."""
    if terminal:
        import fcntl
        import pty
        import struct
        import termios
        import threading

        screen, tty = pty.openpty()
        fcntl.ioctl(tty, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**{k: v for k, v in env.items() if k != "NO_COLOR"}, "TERM": "xterm-256color"}
        reader = threading.Thread(target=_drain, args=(screen,), daemon=True)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=tty if terminal else subprocess.DEVNULL, stderr=subprocess.PIPE)
    if terminal:
        os.close(tty)  # (the child holds it now: the screen reads end of file when it exits)
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if terminal:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{err}")
    return wall, usage.ru_maxrss * 1024, proc.returncode


def _drain(screen: int) -> None:
    """Read a pseudo-terminal until the process writing to it has gone, then close it."""
    try:
        while os.read(screen, 1 << 16):
            pass
    except OSError:  # EIO: no writer left (Linux)
        pass
    finally:
        os.close(screen)


def measure(argv: list[str], env: dict, runs: int, before=None, *, terminal: bool = False) -> tuple[float, int]:
    """(median wall, max peak RSS) over `runs` runs; `before()` is called before each run;
    `terminal`: see run_once."""
    walls, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        wall, peak, _ = run_once(argv, env, terminal=terminal)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


def registry_files(path: Path) -> list[Path]:
    plans = sorted(p for p in path.glob("*.yaml")) if path.is_dir() else [path, path.with_name("progress.yaml")]
    return [p for p in plans if p.exists()]


class Table:
    def __init__(self):
        self.rows: list[tuple] = []
        self.raw: dict[tuple, tuple[float, int]] = {}  # (n, what) -> (wall, rss), for the targets

    def add(self, n, what, wall, rss, floor=None, note=""):
        self.raw[(n, what)] = (wall, rss)
        ratio = f"{wall / floor:.2f}" if floor else ""
        self.rows.append((f"{n:,}" if isinstance(n, int) else n, what, f"{wall:.3f}", f"{rss / 2**20:.0f}" if rss else "", ratio, note))
        print("  ".join(str(c) for c in self.rows[-1]), file=sys.stderr, flush=True)

    def print(self):
        head = ("N", "command", "wall s (median)", "peak RSS MiB", "× floor", "note")
        print_table(head, self.rows)


def print_table(head: tuple, rows: list[tuple]) -> None:
    """`rows` under `head` and a rule, in left-aligned columns two spaces apart."""
    widths = [max(len(str(r[i])) for r in (head, *rows)) for i in range(len(head))]
    for row in (head, tuple("-" * w for w in widths), *rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())


# -- the targets (from the issue) -------------------------------------------------------------
def targets(raw: dict, sizes: list[int], floors: dict, peer: dict, rounds: dict | None = None) -> list[tuple[str, str, bool | None]]:
    """(target, what was measured, met: True/False, None when not measured) for each target.
    `rounds`: the paired rounds at the largest size (see paired), by which the ratios of two
    commands are judged when they were run."""
    result = []

    def get(n, what):
        return raw.get((n, what), (None, None))[0]

    def add(target, measured, met):
        result.append((target, measured, met))

    small, large = (179 if 179 in sizes else None), max(sizes)
    status = get(small, "rectify status (warm cache)") if small else None
    add("bundled ledger: rectify status <= 0.3 s (median, warm cache)",
        f"{status:.3f} s" if status is not None else "not run", None if status is None else status <= 0.3)
    bare, cli = get("-", "python -c pass"), get("-", "python -c 'import rectify_cli.cli'")
    add("start-up: import <= 0.15 s over bare python", f"+{cli - bare:.3f} s", cli - bare <= 0.15)

    floor, task = floors.get(large), peer.get(large)
    cold, warm = get(large, "rectify check --format json (cold cache)"), get(large, "rectify check --format json (warm cache)")
    n = f"{large:,}" if large >= 100000 else f"{large:,} (the targets are for 100,000)"
    def ratio(top: str, bottom: str, sequential: float, unit: str) -> tuple[str, float]:
        """(what was measured, the ratio judged): paired when measured so, else in a row."""
        if not rounds:
            return f"{sequential:.2f} x {unit}", sequential
        paired_ratio = median_ratio(rounds, top, bottom)
        return f"{paired_ratio:.2f} x {unit} paired (runs in a row: {sequential:.2f} x)", paired_ratio

    measured, value = ratio("cold", "floor", cold / floor, "floor")
    add(f"{n}: rectify check, cold cache <= 1.3 x parse floor", f"{cold:.2f} s = {measured}", value <= 1.3)
    if task:
        measured, value = ratio("cold", "task", cold / task, "task")
        add(f"{n}: rectify check, cold cache faster than task overdue", f"{cold:.2f} s = {measured}", value < 1)
        measured, value = ratio("warm", "task", warm / task, "task")
        add(f"{n}: rectify check, warm cache <= 0.3 x task overdue", f"{warm:.2f} s = {measured}", value <= 0.3)
        edited = next((w for (size, what), (w, _) in raw.items() if size == large and "journals edited" in what), None)
        add(f"{n}: folder, one file edited <= 0.6 x task overdue",
            f"{edited:.2f} s = {edited / task:.2f} x task" if edited is not None else "not run",
            None if edited is None else edited <= 0.6 * task)
    else:
        for what in ("cold cache faster than task overdue", "warm cache <= 0.3 x task overdue", "folder, one file edited <= 0.6 x task overdue"):
            add(f"{n}: {what}", "Taskwarrior not installed", None)
    peak = max((rss for (size, what), (_, rss) in raw.items() if size == large and what.startswith("rectify")), default=0)
    add(f"{n}: peak RSS <= 1 GiB (aim 0.4 GiB)", f"{peak / 2**30:.2f} GiB", peak <= 2**30)
    if 10000 in sizes and large > 10000:
        growth = [(raw[(large, what)][0] / wall, what) for (size, what), (wall, _) in raw.items()
                  if size == 10000 and what.startswith("rectify") and (large, what) in raw and wall]
        worst, what = max(growth)
        # (the bare parse's own growth beside it: on a shared machine it too has grown 11-13x)
        floor_growth = f"; the floor {floors[large] / floors[10000]:.1f}x" if floors.get(10000) and floors.get(large) else ""
        add(f"10,000 -> {n}: time grows no more than ~10x ({large // 10000}x the measures)",
            f"worst {worst:.1f}x ({what}{floor_growth})", worst <= 10.5)
    return result


def print_rounds(rounds: dict[str, list[float]], n: int) -> None:
    """The paired rounds' walls and ratios, and their medians."""
    names = {"cold": "check cold", "warm": "check warm", "task": "task overdue", "floor": "floor"}
    ratios = {"warm/task": ("warm", "task"), "cold/task": ("cold", "task"), "cold/floor": ("cold", "floor")}
    head = ("round", *names.values(), *ratios)
    rows = [(str(k + 1), *(f"{rounds[name][k]:.3f}" for name in names),
             *(f"{rounds[a][k] / rounds[b][k]:.2f}" for a, b in ratios.values())) for k in range(len(rounds["cold"]))]
    rows.append(("median", *(f"{statistics.median(rounds[name]):.3f}" for name in names),
                 *(f"{median_ratio(rounds, a, b):.2f}" for a, b in ratios.values())))
    print(f"paired rounds at {n:,} measures: rectify check --format json cold, then warm, then task overdue, then the floor")
    print_table(head, rows)


def print_targets(rows: list[tuple[str, str, bool | None]]) -> None:
    head = ("target", "measured", "")
    cells = [(t, m, "met" if ok else "MISSED" if ok is False else "n/a") for t, m, ok in rows]
    print_table(head, cells)


def cold_and_warm(table: Table, n, what: str, argv: list[str], env: dict, cache: Path, runs: int, floor: float) -> tuple[float, float]:
    """Time `argv` from an empty cache folder (`cache`, emptied before each run), then again
    with the cache its last run left; add both rows and return (cold, warm) median walls."""
    cold_env = {**env, "RECTIFY_CACHE_DIR": str(cache)}
    cold, rss = measure(argv, cold_env, runs, before=lambda: shutil.rmtree(cache, ignore_errors=True))
    table.add(n, f"{what} (cold cache)", cold, rss, floor)
    warm, rss = measure(argv, cold_env, runs)
    table.add(n, f"{what} (warm cache)", warm, rss, floor)
    return cold, warm


PULLED = 50  # entries a colleague's commit appends to the journal, for the "pulled" row


def one_item(table: Table, n, path: Path, env: dict, runs: int, floor: float) -> None:
    """`check` after a pull appended entries to the journal, then `show`, `history` and
    `record` of one measure, and `verify`, with a warm cache, as a person asks after one item
    and records its progress: on a copy of the registry, which `record` writes to (an entry a
    run). The measure is the journal's last entry's, near the end of the plan."""
    copy = Path(tempfile.mkdtemp(prefix="item-", dir=WORK))
    try:
        for file in registry_files(path):
            shutil.copy(file, copy / file.name)
        plan = copy / path.name
        journal = (copy / "progress.yaml").read_bytes()
        at = journal.rindex(b'- measure: "') + len(b'- measure: "')
        item = journal[at:journal.index(b'"', at)].decode()
        cache = copy / ".cache"
        item_env = {**env, "RECTIFY_CACHE_DIR": str(cache)}
        check = [*RECTIFY, "check", "--format", "json", "-r", str(plan)]
        # The cache as a check leaves it before the pull, restored before each run after it.
        (copy / "progress.yaml").write_bytes(journal[:_entry_starts(journal)[-PULLED]])
        run_once(check, item_env)
        shutil.copytree(cache, copy / ".cache-before")
        (copy / "progress.yaml").write_bytes(journal)

        def before_the_pull():
            shutil.rmtree(cache)
            shutil.copytree(copy / ".cache-before", cache)

        wall, rss = measure(check, item_env, runs, before=before_the_pull)
        table.add(n, f"rectify check, {PULLED} entries pulled into the journal", wall, rss, floor)
        for what, extra in (("show", ["show", item]), ("history", ["history", item]),
                            ("record", ["record", item, "--state", "in_progress", "--note", "基准测试"]),
                            ("verify", ["verify"])):
            wall, rss = measure([*RECTIFY, *extra, "-r", str(plan)], item_env, runs)
            table.add(n, f"rectify {what} ({'the whole journal' if what == 'verify' else 'one measure, warm cache'})",
                      wall, rss, floor)
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def _entry_starts(journal: bytes) -> list[int]:
    """Where each entry of a journal (as generate.py writes it) starts."""
    return [at + 1 for at in _find_all(journal, b"\n- measure:")]


def _find_all(data: bytes, needle: bytes):
    at = data.find(needle)
    while at != -1:
        yield at
        at = data.find(needle, at + 1)


def paired(commands: dict[str, tuple[list[str], dict, object]], rounds: int) -> dict[str, list[float]]:
    """Wall times of each command, run in turn in each of `rounds` rounds: {name: [wall per
    round]}. Commands: {name: (argv, env, before)}, `before()` called before each run. A ratio
    of two commands taken within each round compares them in the same phase of a shared machine,
    which three runs of one and then three of the other do not."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (argv, env, before) in commands.items():
            if before:
                before()
            walls[name].append(run_once(argv, env)[0])
    return walls


def median_ratio(walls: dict[str, list[float]], top: str, bottom: str) -> float:
    """The median over rounds of walls[top] / walls[bottom] (see paired)."""
    return statistics.median(a / b for a, b in zip(walls[top], walls[bottom]))


def generated(out: Path, measures: int, *, files: int = 1) -> Path:
    """generate.generate, in a child process: a registry of 100,000 measures built here would
    pass this process's peak RSS (some 0.5 GiB) on to every command timed after it (Linux keeps
    the pre-exec high-water mark; see taskwarrior_data)."""
    done = subprocess.run([PY, str(Path(__file__).with_name("generate.py")), "--measures", str(measures),
                           "--files", str(files), "--out", str(out)], check=True, capture_output=True, text=True)
    return Path(done.stdout.strip().splitlines()[-1])


# -- Taskwarrior ------------------------------------------------------------------------------
def taskwarrior_data(registry_path: Path, n: int) -> Path | None:
    """A TASKDATA folder holding the registry's measures as tasks (built once, kept in .work)."""
    if shutil.which("task") is None:
        return None
    folder = WORK / f"taskwarrior-{n}"
    stamp = folder / ".imported"
    if stamp.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = folder / "import.json"
    # In a child process: a parent that grew by loading 100,000 measures would pass its
    # peak RSS on to every later child (Linux keeps the pre-exec high-water mark).
    subprocess.run([PY, "-c", EXPORT_CODE, str(registry_path), str(source)], check=True, cwd=ROOT,
                   env={**os.environ, "RECTIFY_TODAY": TODAY.isoformat()})
    (folder / "taskrc").write_text("")
    proc = subprocess.run(["task", *task_rc(folder), "import", str(source)], env=task_env(folder),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        print(f"task import failed: {proc.stderr[:500]}", file=sys.stderr)
        return None
    source.unlink()
    stamp.write_text(str(n))
    return folder


def task_rc(folder: Path) -> list[str]:
    return [f"rc.data.location={folder}", "rc.confirmation=off", "rc.verbose=nothing", "rc.hooks=off",
            "rc.gc=off", "rc.recurrence=off", "rc.detection=off", "rc.color=off"]


def task_env(folder: Path) -> dict:
    return {**os.environ, "TASKRC": str(folder / "taskrc"), "TASKDATA": str(folder), "TZ": "UTC"}


# -- the benchmark ----------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="179,10000,100000", help="179 = the bundled ledger")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder-files", type=int, default=31, help="files of the folder registry at the largest size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    WORK.mkdir(exist_ok=True)
    cache_root = Path(tempfile.mkdtemp(prefix="cache-", dir=WORK))
    # (bytecode written and reused, as on a user's machine: any value of PYTHONDONTWRITEBYTECODE,
    # "0" too, stops Python writing it, and start-up would then compile every changed module)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(RECTIFY_TODAY=TODAY.isoformat(), RECTIFY_CACHE_DIR=str(cache_root / "unused"))
    table = Table()
    floors: dict[int, float] = {}
    peer: dict[int, float] = {}
    rounds: dict[str, list[float]] | None = None  # paired rounds at the largest size

    try:
        startup_bare, _ = measure([PY, "-c", "pass"], env, max(args.runs, QUICK_RUNS))
        startup_cli, rss = measure([PY, "-c", "import rectify_cli.cli"], env, max(args.runs, QUICK_RUNS))
        table.add("-", "python -c pass", startup_bare, 0)
        table.add("-", "python -c 'import rectify_cli.cli'", startup_cli, rss, note=f"+{startup_cli - startup_bare:.3f} s over bare python")

        for n in sizes:
            runs = max(args.runs, QUICK_RUNS if n <= 1000 else GROWTH_BASE_RUNS if n <= 10000 else 0)
            if n == 179 and (ROOT / "data" / "tasks.yaml").exists():
                path = ROOT / "data" / "tasks.yaml"
            else:
                print(f"generating {n:,} measures ...", file=sys.stderr, flush=True)
                path = generated(WORK / f"m{n}", n)
            files = registry_files(path)
            size = sum(f.stat().st_size for f in files)
            floor, floor_rss = measure([PY, "-c", FLOOR_CODE, *map(str, files)], env, runs)
            table.add(n, f"floor: parse {len(files)} files, {size / 1e6:.1f} MB", floor, floor_rss, floor)
            floors[n] = floor
            commands = {
                "status": ["status"],
                "check --format json": ["check", "--format", "json"],
                "summary": ["summary", "--month", "2020-05"],
            }
            results = {}
            for name, extra in commands.items():
                results[name] = cold_and_warm(table, n, f"rectify {name}", [*RECTIFY, *extra, "-r", str(path)], env,
                                              cache_root / "cold", runs, floor)
            if os.name == "posix":  # as a person sees it: in colour, on a terminal (the cache as the last run left it)
                wall, rss = measure([*RECTIFY, "status", "-r", str(path)], {**env, "RECTIFY_CACHE_DIR": str(cache_root / "cold")},
                                    runs, terminal=True)
                table.add(n, "rectify status, on a terminal (warm cache)", wall, rss, floor)

            if n >= 1000:
                one_item(table, n, path, env, runs, floor)

            tw = taskwarrior_data(path, n) if n >= 1000 else None
            if tw is not None:
                tw_wall, tw_rss = measure(["task", *task_rc(tw), "overdue"], task_env(tw), runs)
                peer[n] = tw_wall
                table.add(n, "task overdue (Taskwarrior)", tw_wall, tw_rss, floor,
                          note=f"rectify check: cold {results['check --format json'][0] / tw_wall:.2f}×, warm {results['check --format json'][1] / tw_wall:.2f}× of task")
                if n == max(sizes):
                    print("paired rounds ...", file=sys.stderr, flush=True)
                    paired_cache = cache_root / "paired"
                    check_env = {**env, "RECTIFY_CACHE_DIR": str(paired_cache)}
                    check = [*RECTIFY, "check", "--format", "json", "-r", str(path)]
                    rounds = paired({
                        "cold": (check, check_env, lambda: shutil.rmtree(paired_cache, ignore_errors=True)),
                        "warm": (check, check_env, None),
                        "task": (["task", *task_rc(tw), "overdue"], task_env(tw), None),
                        "floor": ([PY, "-c", FLOOR_CODE, *map(str, files)], env, None),
                    }, runs)
            elif shutil.which("task") is None and n >= 1000:
                table.add(n, "task overdue", 0.0, 0, note="skipped: Taskwarrior not installed (apt-get install taskwarrior)")

            if n == max(sizes) and args.folder_files > 1:
                folder = generated(WORK / f"f{n}x{args.folder_files}", n, files=args.folder_files)
                ffiles = registry_files(folder)
                ffloor, frss = measure([PY, "-c", FLOOR_CODE, *map(str, ffiles)], env, runs)
                table.add(n, f"floor: folder of {args.folder_files} plan files + journals", ffloor, frss, ffloor)
                argv = [*RECTIFY, "check", "--format", "json", "-r", str(folder)]
                cold_and_warm(table, n, "rectify check, folder", argv, env, cache_root / "cold", args.runs, ffloor)
                warm_env = {**env, "RECTIFY_CACHE_DIR": str(cache_root / "cold")}  # as the folder's last run left it
                edited = sorted(folder.glob("*.progress.yaml"))[0]
                original = edited.read_bytes()
                counter = iter(range(10**6))

                def edit_one_file():
                    # A different byte each run, so that every run misses the cache for this file.
                    edited.write_bytes(original.replace("note: ".encode(), f"note: {next(counter) % 10}".encode(), 1))
                try:
                    wall, rss = measure(argv, warm_env, args.runs, before=edit_one_file)
                finally:
                    edited.write_bytes(original)
                note = f"{wall / tw_wall:.2f}× of task overdue" if tw is not None else ""
                table.add(n, f"rectify check, folder, 1 of {args.folder_files} journals edited", wall, rss, ffloor, note=note)
    finally:
        shutil.rmtree(cache_root, ignore_errors=True)

    print()
    print(f"rectify benchmark: RECTIFY_TODAY={TODAY.isoformat()}, {args.runs} runs each ({max(args.runs, QUICK_RUNS)} up to 1,000 measures and of start-up, {max(args.runs, GROWTH_BASE_RUNS)} at 10,000), {os.cpu_count()} CPUs, "
          f"Python {sys.version.split()[0]}, {_versions('yaml-rs', 'orjson')}")
    table.print()
    if rounds:
        print()
        print_rounds(rounds, max(sizes))
    print()
    print_targets(targets(table.raw, sizes, floors, peer, rounds))


if __name__ == "__main__":
    main()
