"""Nothing already written is ever lost: kill -9 mid-write, injected crashes, parallel writers.

Run with `-s` to see the measured figures ("kill trials: N, corrupted journals: 0").
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rectify_cli import journal, yamlio
from rectify_cli.registry import load_registry

FIXTURE = Path(__file__).parent / "fixtures" / "small"
KILL_TRIALS = int(os.environ.get("RECTIFY_KILL_TRIALS", "150"))
ENV = {**os.environ, "RECTIFY_TODAY": "2019-03-31"}
ENV.pop("RECTIFY_REGISTRY", None)
ENV.pop("RECTIFY_FAULT", None)

# Writers forked from one process that imports everything and appends once (what a first write
# loads, it loads then: kills land among the writes, not in imports), says "ready", then for each
# tag read from stdin forks a writer appending as fast as it can until killed, says its pid, and
# says "reaped" once it is dead. (A fresh interpreter a trial spent most of the test starting up.)
WRITERS = """
import os, sys
from rectify_cli import journal
reg = sys.argv[1]
journal.append(reg, command="record", measure="1.1", state="in_progress", note="warm",
               date=None, evidence=None, by=None)
print("ready", flush=True)
for tag in sys.stdin:
    tag = tag.strip()
    pid = os.fork()
    if pid == 0:
        i = 0
        while True:
            journal.append(reg, command="record", measure="1.1", state="in_progress", note=f"{tag}-{i}",
                           date=None, evidence=None, by=None)
            i += 1
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
"""

# A writer that appends `count` entries and exits.
BURST = """
import sys
from rectify_cli import journal
reg, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    journal.append(reg, command="record", measure="2.2", state="report", note=f"{tag}-{i}",
                   date=None, evidence=None, by=None)
"""


@pytest.fixture
def reg(tmp_path) -> Path:
    folder = tmp_path / "small"
    shutil.copytree(FIXTURE, folder)
    return folder / "tasks.yaml"


def entries_of(raw: bytes) -> list:
    return list(yamlio.parse(raw.decode("utf-8"), filename="progress.yaml"))


def assert_intact(reg: Path, old: bytes) -> int:
    """The journal loads, verifies and is `old` plus whole entries; returns how many were added."""
    new = (reg.parent / "progress.yaml").read_bytes()
    assert new.startswith(old)
    loaded = load_registry(reg)
    assert journal.verify(reg).ok
    added = len(entries_of(new)) - len(entries_of(old))
    assert len(loaded.journal) == len(entries_of(new))
    assert added >= 0
    return added


def test_kill_9_at_random_moments_never_corrupts(reg, capsys):
    rng = random.Random(20190331)
    path = reg.parent / "progress.yaml"
    corrupted = mid_write = appended = 0
    writers = subprocess.Popen([sys.executable, "-c", WRITERS, str(reg)], env=ENV, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert writers.stdout.readline() == b"ready\n", writers.stderr.read()
    for trial in range(KILL_TRIALS):
        old = path.read_bytes()
        writers.stdin.write(f"t{trial}\n".encode())
        writers.stdin.flush()
        pid = int(writers.stdout.readline())
        time.sleep(rng.uniform(0, 0.05))
        os.kill(pid, signal.SIGKILL)
        assert writers.stdout.readline() == b"reaped\n", writers.stderr.read()
        leftovers = list(reg.parent.glob(".progress.yaml.*.tmp"))
        if leftovers:  # killed between creating the temporary file and renaming it
            mid_write += 1
            for tmp in leftovers:
                tmp.unlink()
        try:
            appended += assert_intact(reg, old)
        except Exception:
            corrupted += 1
    writers.stdin.close()
    assert writers.wait(timeout=60) == 0, writers.stderr.read()
    writers.stdout.close()
    writers.stderr.close()
    with capsys.disabled():
        print(f"\nkill trials: {KILL_TRIALS}, corrupted journals: {corrupted} "
              f"(killed mid-write: {mid_write}, whole entries appended: {appended})")
    assert corrupted == 0
    assert appended > 0 and mid_write > 0  # the kills really landed before, during and after writes


@pytest.mark.parametrize("point", ["after-tmp-write", "before-rename"])
def test_crash_at_injected_fault_leaves_old_journal(reg, point):
    path = reg.parent / "progress.yaml"
    old = path.read_bytes()
    args = [sys.executable, "-m", "rectify_cli", "record", "1.1", "--state", "in_progress", "--note", "崩溃",
            "--registry", str(reg)]
    crashed = subprocess.run(args, env={**ENV, "RECTIFY_FAULT": point}, capture_output=True)
    assert crashed.returncode == 86
    assert path.read_bytes() == old
    assert assert_intact(reg, old) == 0
    written = subprocess.run(args, env=ENV, capture_output=True)  # the lock was released by the crash
    assert written.returncode == 0, written.stderr.decode()
    assert assert_intact(reg, old) == 1


def test_parallel_writers_lose_nothing(reg, capsys):
    path = reg.parent / "progress.yaml"
    old = path.read_bytes()
    writers, each = 8, 5
    started = time.monotonic()
    children = [subprocess.Popen([sys.executable, "-c", BURST, str(reg), f"w{w}", str(each)], env=ENV,
                                 stderr=subprocess.PIPE) for w in range(writers)]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err.decode()
    elapsed = time.monotonic() - started
    assert assert_intact(reg, old) == writers * each
    notes = sorted(e["note"] for e in entries_of(path.read_bytes())[9:])
    assert notes == sorted(f"w{w}-{i}" for w in range(writers) for i in range(each))
    # each writer's own entries stay in its order
    for w in range(writers):
        mine = [e["note"] for e in entries_of(path.read_bytes()) if str(e["note"]).startswith(f"w{w}-")]
        assert mine == [f"w{w}-{i}" for i in range(each)]
    with capsys.disabled():
        print(f"\nparallel writers: {writers} x {each} = {writers * each} entries in {elapsed:.1f} s, all present, chain ok")


def test_parallel_writers_through_two_links_to_one_journal_lose_nothing(linked_twice):
    """One journal on a shared drive, linked into two registry folders: writers through either
    link lock the same file (they locked one each, and 11 of 40 entries went missing)."""
    journal_file, *regs = linked_twice
    old = journal_file.read_bytes()
    writers, each = 6, 4
    children = [subprocess.Popen([sys.executable, "-c", BURST, str(regs[w % 2]), f"w{w}", str(each)], env=ENV,
                                 stderr=subprocess.PIPE) for w in range(writers)]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err.decode()
    new = journal_file.read_bytes()
    assert new.startswith(old)
    notes = sorted(e["note"] for e in entries_of(new)[len(entries_of(old)):])
    assert notes == sorted(f"w{w}-{i}" for w in range(writers) for i in range(each))
    assert journal.verify(regs[0]).ok and journal.verify(regs[1]).ok
    assert all((reg.parent / "progress.yaml").is_symlink() for reg in regs)
