"""The parsed-registry cache: reused only for identical bytes, per file, never required."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from rectify_cli import cache, registry
from rectify_cli.errors import RegistryError

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"
TODAY = date(2019, 3, 31)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def small(tmp_path) -> Path:
    shutil.copytree(SMALL, tmp_path / "reg")
    return tmp_path / "reg" / "tasks.yaml"


def parses() -> dict[str, int]:
    return {Path(k).name: v for k, v in registry.PARSE_COUNTS.items() if v}


def load(path, **kwargs):
    registry.PARSE_COUNTS.clear()
    return registry.load_registry(path, today=TODAY, **kwargs)


def test_second_load_reads_the_cache_and_gives_the_same_registry(small, cache_dir):
    first = load(small)
    assert parses() == {"tasks.yaml": 1, "progress.yaml": 1}
    second = load(small)
    assert parses() == {}
    assert second == first  # every field, including the Location of each measure and entry
    assert len(list(cache_dir.glob("*.json"))) == 3  # the plan, its head (for outcomes.py), the journal


def test_a_warm_load_reads_a_cached_journal_once(small, cache_dir, monkeypatch):
    """The SHA-256 taken to see whether the cache has the journal (registry._prefetch_journals)
    finds its rows: its bytes are not read and hashed a second time (54 MB at 100,000 measures)."""
    from rectify_cli import fsutil

    first = load(small)
    reads = []
    for module, name in ((registry, "read_bytes"), (fsutil, "file_sha256")):
        def counted(path, *args, _real=getattr(module, name), **kwargs):
            reads.append(Path(path).name)
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    assert load(small) == first
    assert reads.count("progress.yaml") == 1


def test_a_cold_load_reads_a_journal_the_helper_cached_once(small, cache_dir, monkeypatch):
    """The SHA-256 taken before the helper is started finds the rows it cached: this process
    does not read and hash the journal's bytes again (54 MB at 100,000 measures)."""
    from rectify_cli import fsutil

    reference = load(small, use_cache=False)
    monkeypatch.setattr(registry, "PARALLEL_BYTES", 0)  # the journal read by the helper
    reads = []
    for module, name in ((registry, "read_bytes"), (fsutil, "file_sha256")):
        def counted(path, *args, _real=getattr(module, name), **kwargs):
            reads.append(Path(path).name)  # (in this process: the helper's list is its own copy)
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    assert load(small) == reference
    assert parses() == {"tasks.yaml": 1, "progress.yaml": 1}  # the journal by the helper, once
    assert reads.count("progress.yaml") == 1


def test_one_byte_of_a_note_invalidates_the_journal_entry_only(small, cache_dir):
    load(small)
    journal = small.with_name("progress.yaml")
    journal.write_text(journal.read_text(encoding="utf-8").replace("主体工程完工60%。", "主体工程完工61%。"), encoding="utf-8")
    reg = load(small)
    assert parses() == {"progress.yaml": 1}
    assert reg.journal[0].note == "主体工程完工61%。"


def test_a_plan_edit_is_seen(small, cache_dir):
    load(small)
    small.write_text(small.read_text(encoding="utf-8").replace("污水处理设施建设滞后\n", "污水处理设施建设滞后了\n", 1), encoding="utf-8")
    reg = load(small)
    assert parses() == {"tasks.yaml": 1}
    assert reg.plan.tasks[0].title == "污水处理设施建设滞后了"


@pytest.mark.parametrize("damage", [b"", b"not json", b"rectify-cache 1 0000\n{}", None])
def test_a_corrupt_cache_entry_is_ignored_and_rebuilt(small, cache_dir, damage):
    expected = load(small)
    for entry in cache_dir.glob("*.json"):
        data = entry.read_bytes()
        if damage is None:  # right header, damaged document
            head, _, body = data.partition(b"\n")
            entry.write_bytes(head + b"\n" + body[: len(body) // 2])
        else:
            entry.write_bytes(damage)
    assert load(small) == expected
    assert parses() == {"tasks.yaml": 1, "progress.yaml": 1}
    assert load(small) == expected
    assert parses() == {}  # rebuilt


@pytest.mark.parametrize("cut", ["a row", "the last row"])
def test_an_entry_that_lost_a_row_is_a_miss(small, cache_dir, cut):
    """Each row is a line: a line lost still parses as JSON, but no longer as many rows as the
    entry's index says. (Read as it is, a closed measure would lose its closing entry.)"""
    expected = load(small)
    entry = cache.FileCache().entry_path(small.with_name("progress.yaml"), "journal", "")
    lines = entry.read_bytes().split(b"\n")
    at = 3 if cut == "a row" else len(lines) - 2  # (the key, the index, then a row a line; "]" last)
    entry.write_bytes(b"\n".join(lines[:at] + lines[at + 1:]))
    assert load(small) == expected
    assert parses() == {"progress.yaml": 1}


@pytest.mark.parametrize("kept", [0, 2])
def test_a_check_on_a_journal_entry_cut_at_a_row_answers_as_without_the_cache(small, cache_dir, kept):
    """A journal's entry cut short between rows (a disk filled, a cache folder copied in part):
    the rows a check picks by the entry's index lie past its end. They were read as no rows,
    and the check said of a measure due soon that nothing was ever recorded on it
    ("last_entry": null)."""
    from builders import run_cli

    args = ["check", "--format", "json", "--as-of", "2019-03-31", "-r", str(small)]
    expected = run_cli(*args, "--no-cache")
    assert '"last_entry": "2019-01-15"' in expected.stdout  # (2.1, due soon: its entry is the journal's third)
    assert run_cli(*args).stdout == expected.stdout  # (the cache made)
    entry = cache.FileCache().entry_path(small.with_name("progress.yaml"), "journal", "")
    lines = entry.read_bytes().split(b"\n")  # the key, the index, then a row a line
    entry.write_bytes(b"\n".join(lines[:2 + kept]) + b"\n")
    got = run_cli(*args)
    assert (got.exit_code, got.stdout) == (1, expected.stdout)


@pytest.mark.parametrize("command", [["status", "--format", "json", "--as-of", "2019-03-31"],
                                     ["check", "--format", "json", "--as-of", "2019-03-31"], ["summary", "--month", "2019-03"]])
def test_a_problem_seen_only_in_a_damaged_cache_entry_is_not_reported_of_the_journal(small, cache_dir, command):
    """A byte changed in a journal's cache entry (a disk's fault, a hand) that keeps it well-formed:
    a measure id no plan has. It was reported as a problem of the user's own journal, at the
    entry's line (`progress.yaml:…: 没有措施“1.9”`), exit 2; the journal itself is fine."""
    from builders import run_cli

    args = [*command, "-r", str(small)]
    expected = run_cli(*args, "--no-cache")
    assert expected.exit_code in (0, 1) and expected.stderr == "", expected.output
    assert run_cli(*args).stdout == expected.stdout  # (the cache made)
    entry = cache.FileCache().entry_path(small.with_name("progress.yaml"), "journal", "")
    data = entry.read_bytes()
    assert data.count(b'"1.1"') >= 1
    entry.write_bytes(data.replace(b'"1.1"', b'"1.9"', 1))
    got = run_cli(*args)
    assert (got.exit_code, got.stdout, got.stderr) == (expected.exit_code, expected.stdout, "")


def _rename_a_cached_plan_row(plan: Path, old: bytes, new: bytes, *, prefix: str = "") -> Path:
    """Change the id of the measure `old` to `new` (as long) in the plan's cache entry: the entry
    keeps its shape, its index and its CRC-32 (the rows are not summed). Returns the entry."""
    entry = cache.FileCache().entry_path(plan, "plan", prefix)
    data = entry.read_bytes()
    assert len(old) == len(new) and data.count(b'\n,["%s",' % old) == 1
    entry.write_bytes(data.replace(b'\n,["%s",' % old, b'\n,["%s",' % new))
    return entry


@pytest.mark.parametrize("command", [
    ["check", "--format", "json", "--as-of", "2019-03-31"], ["check", "--owner", "那曲市"],
    ["status", "--format", "json", "--as-of", "2019-03-31"], ["summary", "--month", "2019-03"],
    ["show", "1.1"], ["history", "1.1"], ["history"], ["validate"], ["export"]])
def test_a_measure_id_changed_in_a_cached_plan_row_is_not_reported_of_the_journal(small, cache_dir, command):
    """A cached plan row edited so that it keeps its shape (its measure 1.1 named 1.9): every
    command said the user's journal was wrong (`progress.yaml:2:12: 整改方案中没有措施“1.1”`, exit 2),
    where --no-cache passed. The plan is read again, and its cache entry made again."""
    from builders import run_cli

    args = [*command, "-r", str(small)]
    expected = run_cli(*args, "--no-cache")
    assert expected.exit_code in (0, 1) and expected.stderr == "", expected.output
    assert run_cli(*args).stdout == expected.stdout  # (the cache made)
    entry = _rename_a_cached_plan_row(small, b"1.1", b"1.9")
    got = run_cli(*args)
    assert (got.exit_code, got.stdout, got.stderr) == (expected.exit_code, expected.stdout, "")
    assert b'\n,["1.1",' in entry.read_bytes() and b'"1.9"' not in entry.read_bytes()  # made again
    assert run_cli(*args).stdout == expected.stdout


def test_record_on_a_measure_whose_cached_plan_row_was_changed_is_recorded(small, cache_dir):
    from builders import run_cli

    assert run_cli("check", "-r", str(small)).exit_code == 1  # (the cache made)
    _rename_a_cached_plan_row(small, b"1.1", b"1.9")
    got = run_cli("record", "1.1", "--state", "in_progress", "--note", "主体工程完工80%。", "--date", "2019-03-31",
                  "--lang", "en", "-r", str(small))
    assert (got.exit_code, got.stderr) == (0, ""), got.output
    assert got.stdout.startswith("Recorded 1.1 2019-03-31 in progress — as of 2019-03-31: 90 days overdue (due 2018-12-31)\n")
    assert '  note: 主体工程完工80%。\n' in small.with_name("progress.yaml").read_text(encoding="utf-8")
    assert run_cli("validate", "--no-cache", "-r", str(small)).exit_code == 0


def test_a_journal_wrong_beside_a_changed_cached_plan_row_is_reported_as_without_the_cache(small, cache_dir):
    """The journal names a measure the plan doesn't have (1.9), and the cached plan row of 1.1
    was changed to it: the problem reported is the file's own, as --no-cache reports it (not
    1.1's eight entries, nor silence about 1.9)."""
    from builders import run_cli

    args = ["check", "--lang", "en", "-r", str(small)]
    assert run_cli(*args).exit_code == 1  # (the cache made)
    _rename_a_cached_plan_row(small, b"1.1", b"1.9")
    journal = small.with_name("progress.yaml")
    journal.write_text(journal.read_text(encoding="utf-8").replace('"3.2"', '"1.9"'), encoding="utf-8")
    got = run_cli(*args)
    assert (got.exit_code, got.stdout) == (2, "")
    assert got.stderr == (f"rectify: {journal}:30:12: journal entry 6: no measure '1.9' in the plan"
                          " (did you mean 1.2, 1.1?)\n")
    assert got.stderr == run_cli(*args, "--no-cache").stderr


def test_a_measure_id_changed_in_one_cached_plan_of_a_folder_is_not_reported_of_its_journal(tmp_path, cache_dir):
    """In a folder, naqu.yaml's cached row of 3.2 named 3.9: `status` said naqu.progress.yaml was
    wrong (exit 2); it answers as --no-cache does, naqu.yaml read again (xizang.yaml too: it came
    from the cache, as every plan of the refused load did)."""
    from builders import run_cli
    from test_folder_registry import split_small

    folder = split_small(tmp_path / "national")
    args = ["status", "--format", "json", "--as-of", "2019-03-31", "-r", str(folder)]
    expected = run_cli(*args, "--no-cache")
    assert expected.exit_code == 0 and '"id": "naqu:3.2"' in expected.stdout
    assert run_cli(*args).stdout == expected.stdout  # (the cache made)
    entry = _rename_a_cached_plan_row(folder / "naqu.yaml", b"naqu:3.2", b"naqu:3.9", prefix="naqu:")
    registry.PARSE_COUNTS.clear()
    got = run_cli(*args)
    assert (got.exit_code, got.stdout, got.stderr) == (0, expected.stdout, "")
    assert parses() == {"naqu.yaml": 1, "xizang.yaml": 1}
    assert b'"3.9"' not in entry.read_bytes()


def _without_entries_of(small: Path, measure: str) -> None:
    """Remove the journal's entries on `measure` (the chain of hashes is broken after them)."""
    journal = small.with_name("progress.yaml")
    text = journal.read_text(encoding="utf-8")
    kept = re.sub(r'- measure: "%s"\n(?:  .*\n)+' % re.escape(measure), "", text)
    assert kept != text
    journal.write_text(kept, encoding="utf-8")


def test_record_on_a_measure_id_changed_in_its_cached_plan_row_is_refused_as_without_the_cache(small, cache_dir):
    """3.2's cached plan row named 3.9 (3.2 without journal entries): `record 3.9` appended an
    entry on 3.9 to the journal (exit 0), which `validate --no-cache` then refused. The row
    read is sealed: the plan is read again, 3.9 refused as the file has no such measure."""
    from builders import run_cli

    _without_entries_of(small, "3.2")
    journal = small.with_name("progress.yaml")
    before = journal.read_bytes()
    assert run_cli("check", "-r", str(small)).exit_code == 1  # (the cache made)
    _rename_a_cached_plan_row(small, b"3.2", b"3.9")
    got = run_cli("record", "3.9", "--state", "report", "--note", "x", "--lang", "en", "-r", str(small))
    assert (got.exit_code, got.stdout, got.stderr) == (2, "", "rectify: no measure '3.9' in the plan (did you mean 3.2, 3.1?)\n")
    assert journal.read_bytes() == before
    assert run_cli("validate", "--no-cache", "-r", str(small)).exit_code == 0


@pytest.mark.parametrize("command", [["show", "3.9"], ["history", "3.9"], ["show", "3.2"], ["history", "3.2"],
                                     ["show", "3"]])
def test_show_and_history_on_a_measure_id_changed_in_its_cached_plan_row_answer_as_without_the_cache(
        small, cache_dir, command):
    """`show 3.9` showed a measure the plan doesn't have (exit 0), `show 3.2` said there was
    no 3.2 (exit 2): both as --no-cache says them, and the entry is made again."""
    from builders import run_cli

    _without_entries_of(small, "3.2")
    args = [*command, "--lang", "en", "-r", str(small)]
    expected = run_cli(*args, "--no-cache")
    assert expected.exit_code in (0, 2), expected.output
    assert run_cli("check", "-r", str(small)).exit_code == 1  # (the cache made)
    entry = _rename_a_cached_plan_row(small, b"3.2", b"3.9")
    got = run_cli(*args)
    assert (got.exit_code, got.stdout, got.stderr) == (expected.exit_code, expected.stdout, expected.stderr)
    assert b'\n,["3.2",' in entry.read_bytes() and b'"3.9"' not in entry.read_bytes()  # made again
    assert run_cli(*args).stdout == expected.stdout


@pytest.mark.parametrize("warm", ["show", "check"])
def test_a_deadline_changed_in_the_cached_plan_row_show_reads_is_not_believed(small, cache_dir, warm):
    """1.1's cached row made to point at 1.2's milestone (due 2018-06-30, not 2018-12-31), its
    shape kept: `show 1.1` showed the edited deadline. (`check` stores the outcomes `show`
    reads the one row by; after a `show` alone it loads the whole.)"""
    from builders import run_cli

    args = ["show", "1.1", "--as-of", "2019-03-31", "--lang", "en", "-r", str(small)]
    expected = run_cli(*args, "--no-cache")
    assert expected.exit_code == 0 and "2018-12-31" in expected.stdout, expected.output
    assert run_cli(*args).stdout == expected.stdout  # (the cache made)
    if warm == "check":
        assert run_cli("check", "-r", str(small)).exit_code == 1
    entry = cache.FileCache().entry_path(small, "plan", "")
    data = entry.read_bytes()
    row = re.search(rb'\n,\["1\.1",[^\n]*', data).group()
    assert row.count(b",[0],") == 1 and b'"2018-06-30"' in data
    entry.write_bytes(data.replace(row, row.replace(b",[0],", b",[1],")))
    got = run_cli(*args)
    assert (got.exit_code, got.stdout, got.stderr) == (0, expected.stdout, "")


@pytest.mark.parametrize("warm", ["history", "check"])
def test_a_note_changed_in_a_cached_journal_row_history_reads_is_not_believed(small, cache_dir, warm):
    """1.1's entry's note changed in the journal's cache entry, its shape kept: `history 1.1`
    showed the edited note."""
    from builders import run_cli

    args = ["history", "1.1", "--lang", "en", "-r", str(small)]
    expected = run_cli(*args, "--no-cache")
    assert expected.exit_code == 0 and "主体工程完工60%。" in expected.stdout, expected.output
    assert run_cli(*args).stdout == expected.stdout  # (the cache made)
    if warm == "check":
        assert run_cli("check", "-r", str(small)).exit_code == 1
    entry = cache.FileCache().entry_path(small.with_name("progress.yaml"), "journal", "")
    data = entry.read_bytes()
    assert data.count("主体工程完工60%。".encode()) == 1
    entry.write_bytes(data.replace("主体工程完工60%。".encode(), "主体工程完工90%。".encode()))
    got = run_cli(*args)
    assert (got.exit_code, got.stdout, got.stderr) == (0, expected.stdout, "")


@pytest.mark.parametrize("kind, old, new", [
    ("plan", b'"2018-12-31"', b'"2019-12-31"'),  # a milestone date in the header: 1.1 no longer overdue
    ("outcomes", b"[737059,", b"[737424,"),  # 1.1's earliest pending due, 2018-12-31 -> 2019-12-31
    ("row-measures", b"[0,1,", b"[1,1,"),  # the journal's first row (on 1.1) said to be on 1.2
])
def test_a_value_changed_in_a_cached_header_or_small_document_is_a_miss(small, cache_dir, kind, old, new):
    """A byte changed where every warm check reads in full (a disk's fault, a hand), the entry still
    well-formed: the warm check said no measure was overdue, exit 0, where the files say 1.1 is
    (exit 1): a CI gate green on a damaged cache. Now those bytes carry a checksum."""
    from builders import run_cli

    args = ["check", "--format", "json", "--as-of", "2019-03-31", "-r", str(small)]
    expected = run_cli(*args, "--no-cache")
    assert expected.exit_code == 1 and '"1.1"' in expected.stdout
    assert run_cli(*args).stdout == expected.stdout  # (the cache made)
    entry = cache.FileCache().entry_path(small, kind, "")
    data = entry.read_bytes()
    assert data.count(old) == 1
    entry.write_bytes(data.replace(old, new))
    for _ in range(2):  # read as a miss, then rebuilt
        got = run_cli(*args)
        assert (got.exit_code, got.stdout, got.stderr) == (1, expected.stdout, "")
    assert old in entry.read_bytes() and new not in entry.read_bytes()  # written again


def test_a_value_changed_in_a_stored_document_or_a_header_of_rows_is_a_miss(tmp_path):
    """FileCache itself: a document stored whole, or the header and index of one stored as rows,
    changed in a way that keeps it well-formed, is read as no entry."""
    store = cache.FileCache(tmp_path)
    source = tmp_path / "src.yaml"
    store.put(source, "outcomes", "", b"content", {"newest": 737059, "outcomes": [1, 2, 3]})
    entry = store.entry_path(source, "outcomes", "")
    entry.write_bytes(entry.read_bytes().replace(b"737059", b"737424"))
    assert store.get(source, "outcomes", "", b"content") is None
    for old, new in [(b'{"bytes":7}', b'{"bytes":8}'), (b"[4,9]", b"[9,9]")]:  # the header; the index (where rows end)
        store.put_rows(source, "journal", "", b"content", {"bytes": 7}, [[0], [1]])
        entry = store.entry_path(source, "journal", "")
        data = entry.read_bytes()
        assert data.count(old) == 1
        entry.write_bytes(data.replace(old, new))
        assert store.get_rows(source, "journal", "", b"content") is None
        assert store.get_rows(source, "journal", "", b"content", pick=lambda _, count: range(count)) is None
        assert store.streamed_rows(source, "journal", "", b"content") is None
        assert store.find_rows(source, "journal", "", b"content", "x") is None
        assert store.stored_head(source, "journal", "") is None
        assert not store.append_rows(source, "journal", "", b"content", b"more content", [[2]], header={"bytes": 9})


def test_a_well_formed_entry_of_the_wrong_shape_is_ignored(small, cache_dir):
    expected = load(small)
    from builders import sealed

    for entry in cache_dir.glob("*.json"):
        head, _, _ = entry.read_bytes().partition(b"\n")
        entry.write_bytes(sealed(head + b'\n{"tasks": [[1, 2]]}'))  # (with its CRC-32: the shape is tested)
    assert load(small) == expected


def test_no_cache_bypasses_reading_and_writing(small, cache_dir):
    load(small, use_cache=False)
    assert not cache_dir.exists()
    load(small)
    load(small, use_cache=False)
    assert parses() == {"tasks.yaml": 1, "progress.yaml": 1}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_in_the_place_of_a_cache_entry_is_a_miss_not_a_wait(small, cache_dir):
    """Junk in the cache folder: a named pipe where an entry goes. Opened to be read, it waited
    for a writer that never came, and every command hung."""
    args = [sys.executable, "-m", "rectify_cli", "check", "--format", "json", "--as-of", "2019-03-31", "-r", str(small)]
    expected = subprocess.run([*args, "--no-cache"], capture_output=True, text=True, env=_env(cache_dir))
    assert expected.returncode == 1, expected.stderr
    subprocess.run(args, capture_output=True, env=_env(cache_dir))
    entries = sorted(cache_dir.glob("*.json"))
    assert len(entries) == 5  # the plan, its head, the journal, the outcomes and its rows' measures
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry)
    got = subprocess.run(args, capture_output=True, text=True, env=_env(cache_dir), timeout=60)
    assert (got.returncode, got.stdout, got.stderr) == (1, expected.stdout, "")


def test_an_unwritable_cache_is_silently_skipped(small, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(blocker / "cache"))
    assert len(load(small).journal) == 9
    assert len(load(small).journal) == 9
    assert parses() == {"tasks.yaml": 1, "progress.yaml": 1}


def _free_space(monkeypatch, free: int) -> None:
    """The file system has `free` bytes for us (os.statvfs as the cache asks it)."""
    from types import SimpleNamespace

    monkeypatch.setattr(os, "statvfs", lambda path: SimpleNamespace(f_bavail=free // 512, f_frsize=512, f_bsize=4096,
                                                                      f_flag=0))


MIB = 1 << 20


def test_a_nearly_full_disk_is_not_filled_by_the_cache(small, cache_dir, monkeypatch):
    """A cache entry could take the last space a journal write needs: none is written when
    less than 64 MiB would be left, silently, as other cache failures are."""
    _free_space(monkeypatch, 64 * MIB + 16)  # (the smallest entry is longer than 16 bytes)
    assert len(load(small).journal) == 9
    assert len(load(small).journal) == 9
    assert parses() == {"tasks.yaml": 1, "progress.yaml": 1}  # (read again: nothing was cached)
    assert list(cache_dir.iterdir()) == []
    _free_space(monkeypatch, 1 << 30)
    load(small)
    assert len(list(cache_dir.glob("*.json"))) == 3


def test_a_big_cache_entry_leaves_twice_its_size_free(tmp_path, monkeypatch):
    """Above 32 MiB an entry leaves twice its size free (a 100,000-measure journal's is 60 MB)."""
    store = cache.FileCache(tmp_path / "cache")
    source, document = tmp_path / "big.yaml", "x" * (40 * MIB)
    _free_space(monkeypatch, 40 * MIB + 70 * MIB)  # (70 MiB left: more than 64, less than 80)
    store.put(source, "journal", "", b"raw", document)
    assert store.get(source, "journal", "", b"raw") is None
    assert list((tmp_path / "cache").iterdir()) == []
    _free_space(monkeypatch, 40 * MIB + 90 * MIB)
    store.put(source, "journal", "", b"raw", document)
    assert store.get(source, "journal", "", b"raw") == document


def test_the_future_date_check_runs_on_cached_journals(small, cache_dir):
    load(small)
    with pytest.raises(RegistryError) as caught:
        registry.load_registry(small, today=date(2019, 3, 1))
    assert str(caught.value.problems[0]) == (
        f"{small.with_name('progress.yaml')}:49:9: journal entry 9, field date: 2019-03-10 is in the future (today is "
        "2019-03-01): an entry records what has happened; if its date is right, check this computer's clock")


def test_cached_unknown_measure_is_reported_with_its_position(small, cache_dir, tmp_path):
    # The journal is cached while valid; then the plan loses measure 4.2 the journal names.
    load(small)
    plan = small.read_text(encoding="utf-8")
    small.write_text(plan.replace("      - id: 2   # two dated steps", "      - id: 3   # two dated steps", 1), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load(small)
    assert parses() == {"tasks.yaml": 1, "progress.yaml": 1}  # the journal re-read for positions
    messages = [str(p) for p in caught.value.problems]
    journal = small.with_name("progress.yaml")
    assert messages == [
        f"{journal}:41:12: journal entry 8: no measure '4.2' in the plan (did you mean 4.1, 4.3?)",
        f"{journal}:48:12: journal entry 9: no measure '4.2' in the plan (did you mean 4.1, 4.3?)",
    ]


def test_cache_location(monkeypatch, tmp_path):
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path / "a"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "b"))
    assert cache.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("RECTIFY_CACHE_DIR")
    assert cache.cache_dir() == tmp_path / "b" / "rectify"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() is None  # (a home that is not there: see test_a_home_that_is_not_there_is_not_made)
    (tmp_path / "home").mkdir()
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "rectify"


def test_validate_reads_a_cached_file_from_the_cache_and_still_checks_it_against_the_rest(small, cache_dir):
    """A national ledger is validated in CI on every push: its unchanged files come from the
    cache, which holds only what passed; the checks against the plan and today still run."""
    from typer.testing import CliRunner

    from rectify_cli.cli import app

    def validate(*args):
        registry.PARSE_COUNTS.clear()
        result = CliRunner().invoke(app, ["validate", str(small), *args], env={"RECTIFY_TODAY": "2019-03-31"})
        return result.exit_code, parses()

    assert validate() == (0, {"tasks.yaml": 1, "progress.yaml": 1})
    assert validate() == (0, {})
    assert validate("--no-cache") == (0, {"tasks.yaml": 1, "progress.yaml": 1})
    result = CliRunner().invoke(app, ["validate", str(small), "--lang", "en"], env={"RECTIFY_TODAY": "2019-03-09"})  # before an entry
    # (the 9th entry, 4.2's extension of 2019-03-10, its date on line 49)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"rectify: {small.parent / 'progress.yaml'}:49:9: journal entry 9, field date: 2019-03-10 is in the future "
               "(today is 2019-03-09): an entry records what has happened; if its date is right, check this computer's clock\n")


def test_cli_no_cache_writes_nothing(small, cache_dir):
    env_run = [sys.executable, "-m", "rectify_cli", "check", "--format", "json", "--as-of", "2019-03-31", "-r", str(small)]
    proc = subprocess.run([*env_run, "--no-cache"], capture_output=True, text=True, env={**_env(cache_dir)})
    assert proc.returncode == 1, proc.stderr  # (1.1 is overdue on 2019-03-31)
    assert not cache_dir.exists()
    again = subprocess.run(env_run, capture_output=True, text=True, env={**_env(cache_dir)})
    assert again.stdout == proc.stdout
    assert len(list(cache_dir.glob("*.json"))) == 5  # the plan, its head, the journal, the outcomes and its rows' measures


def _env(cache_dir):
    import os

    return {**os.environ, "RECTIFY_CACHE_DIR": str(cache_dir), "RECTIFY_TODAY": "2019-03-31"}


# -- big journals are read by a second process while this one reads the plans ---------------
def test_a_journal_read_by_the_helper_process_gives_the_same_registry(small, cache_dir, monkeypatch):
    reference = load(small, use_cache=False)
    monkeypatch.setattr(registry, "PARALLEL_BYTES", 0)  # every journal counts as big
    first = load(small)
    assert parses() == {"tasks.yaml": 1, "progress.yaml": 1}  # the journal by the helper, once
    assert first == reference
    assert load(small) == reference and parses() == {}


def test_a_journal_with_problems_is_reported_the_same_with_the_helper(small, cache_dir, monkeypatch):
    journal = small.with_name("progress.yaml")
    journal.write_text(journal.read_text(encoding="utf-8").replace("state: done", "state: finished", 1), encoding="utf-8")
    with pytest.raises(RegistryError) as plain:
        load(small, use_cache=False)
    monkeypatch.setattr(registry, "PARALLEL_BYTES", 0)
    with pytest.raises(RegistryError) as helped:
        load(small)
    assert [str(p) for p in helped.value.problems] == [str(p) for p in plain.value.problems]
    assert len(list(cache_dir.glob("*.json"))) == 2  # the plan's and its head: a journal with problems is never cached


def _read_by(route: str, monkeypatch) -> None:
    """Have the files read by `route`: the reference loader alone ("reference"), the fast parser a
    piece at a time ("in pieces"), and a big journal by the second process too ("helper")."""
    from rectify_cli import yamlio

    if route == "reference":
        monkeypatch.setattr(yamlio, "yaml_rs", None)
    if route in ("in pieces", "helper"):
        monkeypatch.setattr(yamlio, "PIECES_FROM", 0)
        monkeypatch.setattr(yamlio, "PIECE_CHARS", 1)
    if route == "helper":
        monkeypatch.setattr(registry, "PARALLEL_BYTES", 0)


def _entry_with_two_problems(journal: Path) -> None:
    """Entry 2 names measure 1.9, which the small plan lacks, in the state `finished`, which is none."""
    journal.write_text(journal.read_text(encoding="utf-8").replace(
        '- measure: "1.2"\n  date: 2018-06-20\n  state: done', '- measure: "1.9"\n  date: 2018-06-20\n  state: finished', 1),
        encoding="utf-8")


ENTRY_2_PROBLEMS = [":8:12: journal entry 2: no measure '1.9' in the plan (did you mean 1.2, 1.1?)",
                    ":10:10: journal entry 2, field state: unknown value 'finished'; expected one of in_progress, done, reopened, "
                    "report, extended, retracted"]


@pytest.mark.parametrize("route", ["reference", "fast", "cached plan", "in pieces", "helper"])
def test_an_entry_with_a_wrong_field_has_its_measure_checked_against_the_plan_too(small, cache_dir, monkeypatch, route):
    """An entry with `state: finished` and `measure: "1.9"` (no such measure) was reported for
    its state alone; fixed, the next run named its measure: each problem of an entry is said at once,
    whichever way the journal is read (each entry read alone, by a second process, ...)."""
    journal = small.with_name("progress.yaml")
    _entry_with_two_problems(journal)
    _read_by(route, monkeypatch)
    if route == "cached plan":
        journal.rename(journal.with_suffix(".bak"))
        load(small)
        journal.with_suffix(".bak").rename(journal)
    with pytest.raises(RegistryError) as caught:
        load(small, use_cache=route in ("cached plan", "helper"))
    assert [str(p) for p in caught.value.problems] == [f"{journal}{said}" for said in ENTRY_2_PROBLEMS]
    if route == "helper":  # (handed over by the helper, with the measure its entry names: not read again)
        assert registry.PARSE_COUNTS[str(journal)] == 1


def _plan_with_a_problem(plan: Path, *edits: tuple[str, str]) -> None:
    """The small plan with a date no calendar has in measure 1.2 (line 52), and `edits`."""
    text = plan.read_text(encoding="utf-8").replace("due: 2018-06-30}", "due: 2018-06-31}", 1)
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")


def _journal_naming(journal: Path, *measures: tuple[str, str]) -> None:
    text = journal.read_text(encoding="utf-8")
    for old, new in measures:
        assert f'- measure: "{old}"' in text
        text = text.replace(f'- measure: "{old}"', f'- measure: "{new}"', 1)
    journal.write_text(text, encoding="utf-8")


PLAN_DATE = ": measure 1.2, field milestones[1].due: '2018-06-31' is not a real calendar date (that month has no such day)"


@pytest.mark.parametrize("route", ["reference", "fast", "cached journal", "in pieces", "helper"])
def test_a_journal_naming_no_measure_is_reported_with_the_plans_problems(small, cache_dir, monkeypatch, route):
    """A plan with a mistyped date and a journal naming measure 2.9 (task 2 has 2.1 and 2.2): the
    journal's entry was named only once the plan was fixed, a second run; its ids are all read all
    the same, and each route reading the files says it in the first."""
    journal = small.with_name("progress.yaml")
    _journal_naming(journal, ("2.1", "2.9"))
    _read_by(route, monkeypatch)
    if route == "cached journal":  # (a journal without problems of its own, its rows cached)
        with pytest.raises(RegistryError):
            load(small)
    _plan_with_a_problem(small)
    with pytest.raises(RegistryError) as caught:
        load(small, use_cache=route in ("cached journal", "helper"))
    assert [str(p) for p in caught.value.problems] == [
        f"{journal}:15:12: journal entry 3: no measure '2.9' in the plan (did you mean 2.2, 2.1?)",
        f"{small}:52:31{PLAN_DATE}"]


@pytest.mark.parametrize("route", ["reference", "helper"])
def test_an_entry_with_a_wrong_field_has_its_measure_checked_against_a_plan_with_problems(small, cache_dir, monkeypatch,
                                                                                          route):
    journal = small.with_name("progress.yaml")
    _entry_with_two_problems(journal)
    _plan_with_a_problem(small)
    _read_by(route, monkeypatch)
    with pytest.raises(RegistryError) as caught:
        load(small, use_cache=route == "helper")
    assert [str(p) for p in caught.value.problems] == [*(f"{journal}{said}" for said in ENTRY_2_PROBLEMS),
                                                       f"{small}:52:31{PLAN_DATE}"]


@pytest.mark.parametrize("route", ["reference", "fast", "in pieces", "helper"])
def test_a_unit_listed_twice_in_a_measures_owners_is_refused_by_every_route(small, cache_dir, monkeypatch, route):
    """Owners naming one unit twice, by its name or its aliases, were read as two owners (show said
    自治区生态环境厅、自治区生态环境厅): refused at the repeat, the same whichever way the plan is read,
    and again on a second run (the refusal is not cached away)."""
    assert _refused_twice_by(route, small, monkeypatch, (
        ("owners: [自治区生态环境厅, 自治区住房城乡建设厅]", "owners: [自治区环境保护厅, 自治区住房城乡建设厅, 环境保护厅]"),
        ("owners: [那曲市, 自治区生态环境厅]", "owners: [那曲市, 自治区生态环境厅, 环境保护厅]"))) == [
        f"{small}:49:40: measure 1.2, field owners: '环境保护厅' and '自治区环境保护厅' before it are both aliases of unit "
        "'自治区生态环境厅'; list each unit once",
        f"{small}:118:33: measure 4.2, field owners: '环境保护厅' is an alias of unit '自治区生态环境厅', listed before; "
        "list each unit once"]


def _refused_twice_by(route: str, plan: Path, monkeypatch, edits) -> list[str]:
    """The problems loading `plan`, edited by `edits` (each text there once; no other problem, so
    that the fast parser's reading is judged), read by `route` (_read_by) says, the same on a
    second run (a refusal is never cached away)."""
    text = plan.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")
    _read_by(route, monkeypatch)
    said = []
    for _ in range(2):
        with pytest.raises(RegistryError) as caught:
            load(plan, use_cache=route != "reference")
        said.append([str(p) for p in caught.value.problems])
    assert said[0] == said[1]
    return said[0]


@pytest.mark.parametrize("route", ["reference", "fast", "in pieces", "helper"])
def test_a_claim_key_given_twice_is_refused_by_every_route(small, cache_dir, monkeypatch, route):
    """Two claims of tasks_total (4 and 9) passed validate, each checked on its own: reconcile listed
    the key twice, one of them surely a mistake. Refused at the second, naming the first's line, the
    same whichever way the plan is read, and again on a second run (the refusal is not cached away)."""
    assert _refused_twice_by(route, small, monkeypatch, (("    - key: measures_total\n", "    - key: tasks_total\n"),)) == [
        f"{small}:17:12: claim.key: the report's figure 'tasks_total' is claimed twice (first on line 14); "
        "claim each figure once"]

TASK_3_UNREAD = ("  - id: 3\n", "  - id: three\n")


@pytest.mark.parametrize("plan_edit, written, said", [
    # (task 2's measures can't all be read: 2.9 may be the one whose id is mistyped, or under `measure:`)
    (("      - id: 2   # ongoing, reported", "      - id: two   # ongoing, reported"), "2.9", None),
    (("    measures:\n      - id: 1   # due soon", "    measure:\n      - id: 1   # due soon"), "2.9", None),
    # (a task's id can't be read: 7.1 may be its measure, task 2's are all read)
    (TASK_3_UNREAD, "7.1", None),
    (TASK_3_UNREAD, "2.9", "no measure '2.9' in the plan (did you mean 2.2, 2.1?)"),
    # (every task's id read, and none is 7: no measure 7.1, whatever the plan's fix)
    (("", ""), "7.1", "no measure '7.1' in the plan"),
    # (task 3's id repeats task 2's: one of them was likely meant as another number, 7 say)
    (("  - id: 3\n", "  - id: 2\n"), "7.1", None),
])
@pytest.mark.parametrize("route", ["reference", "in pieces"])
def test_a_measure_of_a_task_not_read_whole_is_not_judged_while_the_plan_has_problems(small, cache_dir, monkeypatch,
                                                                                        plan_edit, written, said, route):
    """What the entry would be told once the plan is fixed, said now only where it is sure."""
    journal = small.with_name("progress.yaml")
    _journal_naming(journal, ("2.1", written))
    _plan_with_a_problem(small, plan_edit)
    _read_by(route, monkeypatch)
    with pytest.raises(RegistryError) as caught:
        load(small, use_cache=False)
    named = [str(p) for p in caught.value.problems if str(p).startswith(str(journal))]
    assert named == ([f"{journal}:15:12: journal entry 3: {said}"] if said else [])


@pytest.mark.parametrize("edit, problem", [
    (lambda text: text.replace("state: done", "state: finished", 1), True),
    # (valid, but not read by the fast parser: an entry not starting on its measure's line)
    (lambda text: text.replace('- measure: "1.1"\n  date: 2018-09-30\n', '- date: 2018-09-30\n  measure: "1.1"\n', 1), False),
])
def test_the_helper_leaves_a_journal_with_a_problem_to_this_process(small, cache_dir, monkeypatch, tmp_path, edit, problem):
    # a journal of 100,000 measures with one entry mistyped: the helper read it with the reference
    # loader, for nothing (a journal with problems is never cached), then this process again: 34 s
    journal = small.with_name("progress.yaml")
    journal.write_text(edit(journal.read_text(encoding="utf-8")), encoding="utf-8")
    read, reference = tmp_path / "read", registry._parse_reference

    def counted(path, text):  # (which process read which file with the reference loader)
        with open(read, "a", encoding="utf-8") as out:
            out.write(f"{'this' if os.getpid() == me else 'helper'} {path.name}\n")
        return reference(path, text)

    me = os.getpid()
    monkeypatch.setattr(registry, "_parse_reference", counted)
    monkeypatch.setattr(registry, "PARALLEL_BYTES", 0)
    if problem:
        with pytest.raises(RegistryError) as caught:
            load(small)
        assert [str(p) for p in caught.value.problems] == [f"{journal}:10:10: journal entry 2, field state: unknown value "
                                                           "'finished'; expected one of in_progress, done, reopened, "
                                                           "report, extended, retracted"]
        assert read.read_text(encoding="utf-8") == "this progress.yaml\n"
    else:  # (the helper still reads one the reference loader must read)
        assert load(small) == load(small, use_cache=False)
        assert read.read_text(encoding="utf-8") == "helper progress.yaml\nthis progress.yaml\n"  # (then without cache)



@pytest.mark.parametrize("plan_too", [False, True])
def test_a_journal_read_in_pieces_with_problems_is_read_once_by_the_helper(small, cache_dir, monkeypatch, plan_too):
    # a national journal with one mistyped entry: the helper gave up at it, and this process read the
    # whole journal again after the plan: `check` took 6.9 s, 3.7 s with its problems handed over
    from typer.testing import CliRunner

    from rectify_cli import yamlio
    from rectify_cli.cli import app

    journal = small.with_name("progress.yaml")
    journal.write_text(journal.read_text(encoding="utf-8").replace("date: 2019-03-01", "date: 2019-02-30")
                       .replace("state: done", "state: finished", 1).replace("  evidence: 纪委通报", "  evidenc: 纪委通报"),
                       encoding="utf-8")
    if plan_too:
        small.write_text(small.read_text(encoding="utf-8").replace("due: 2018-12-31}", "due: 2018-13-31}", 1),
                         encoding="utf-8")
    monkeypatch.setattr(yamlio, "PIECES_FROM", 0)  # (read in pieces, each entry's problems read alone)
    monkeypatch.setattr(yamlio, "PIECE_CHARS", 1)

    def check(*args):
        registry.PARSE_COUNTS.clear()
        result = CliRunner().invoke(app, ["check", "-r", str(small), *args],
                                    env={"RECTIFY_TODAY": "2019-03-31", "COLUMNS": "100"})
        return result.exit_code, result.stderr

    with monkeypatch.context() as patch:  # the oracle: each file read whole by the reference loader
        patch.setattr(yamlio, "yaml_rs", None)
        expected = [check("--no-cache"), check("--no-cache", "--lang", "en")]
    assert expected[1][0] == 2 and f"progress.yaml:21:9: journal entry 4, field date: '2019-02-30'" in expected[1][1]
    assert ("tasks.yaml" in expected[1][1]) == plan_too
    monkeypatch.setattr(registry, "PARALLEL_BYTES", 0)  # the journal read by the helper
    assert check() == expected[0]
    assert registry.PARSE_COUNTS[str(journal)] == 1  # (by the helper, which handed over its problems)
    assert check("--lang", "en") == expected[1]
    assert registry.PARSE_COUNTS[str(journal)] == 1



def test_problems_the_helper_found_in_a_journal_changed_since_are_not_taken(small, cache_dir, monkeypatch):
    from rectify_cli import yamlio

    journal = small.with_name("progress.yaml")
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text.replace("date: 2019-03-01", "date: 2019-02-30"), encoding="utf-8")
    monkeypatch.setattr(yamlio, "PIECES_FROM", 0)
    monkeypatch.setattr(yamlio, "PIECE_CHARS", 1)
    monkeypatch.setattr(registry, "PARALLEL_BYTES", 0)
    join = registry._join

    def edited_meanwhile(helper):  # (the helper done: its problems are of the bytes it read)
        handed = join(helper)
        journal.write_text(text.replace("state: done", "state: finished", 1), encoding="utf-8")
        return handed

    monkeypatch.setattr(registry, "_join", edited_meanwhile)
    with pytest.raises(RegistryError) as caught:
        load(small)
    assert [str(p) for p in caught.value.problems] == [f"{journal}:10:10: journal entry 2, field state: unknown value "
                                                       "'finished'; expected one of in_progress, done, reopened, "
                                                       "report, extended, retracted"]


ROWS = [[0, "一行\n两行", ["单位甲", "单位乙"], None], [1, "", [], True], [2, 'quote " and \\ and ]', [[]], 3.5],
        [3, "第四", ["x"], False]]


@pytest.mark.parametrize("positions", [[], [0], [3], [1, 2], [0, 1, 2, 3], [0, 3]])
def test_rows_picked_from_an_entry_are_exactly_those_rows(tmp_path, positions):
    store = cache.FileCache(tmp_path)
    store.put_rows(tmp_path / "src.yaml", "plan", "", b"content", {"head": "表头"}, ROWS)
    assert store.get_rows(tmp_path / "src.yaml", "plan", "", b"content") == ({"head": "表头"}, ROWS)
    counts = []
    picked = store.get_rows(tmp_path / "src.yaml", "plan", "", b"content", pick=lambda header, count: counts.append(count) or positions)
    assert picked == ({"head": "表头"}, [ROWS[at] for at in positions])
    assert counts == [len(ROWS)]
    assert store.get_rows(tmp_path / "src.yaml", "plan", "", b"other content", pick=lambda header, count: positions) is None


def test_rows_of_a_big_entry_are_picked_exactly_across_the_pieces_it_is_written_in(tmp_path):
    rows = [[at, "条目" * (at % 7), at % 3 == 0] for at in range(10_000)]  # written a few thousand at a time
    store = cache.FileCache(tmp_path)
    store.put_rows(tmp_path / "src.yaml", "journal", "", b"content", [], rows)
    positions = [0, 4095, 4096, 4097, 8191, 8192, 9999]
    assert store.get_rows(tmp_path / "src.yaml", "journal", "", b"content", pick=lambda header, count: positions) == (
        [], [rows[at] for at in positions])
    assert store.get_rows(tmp_path / "src.yaml", "journal", "", b"content") == ([], rows)


def test_rows_stored_from_an_iterator_with_one_orjson_refuses_are_all_the_rows(tmp_path):
    rows = [[at, "条目" * (at % 7), 2 ** 70 if at == 5000 else at] for at in range(10_000)]  # (beyond 64 bits)
    store = cache.FileCache(tmp_path)
    store.put_rows(tmp_path / "src.yaml", "journal", "", b"content", [], iter(rows))
    assert store.get_rows(tmp_path / "src.yaml", "journal", "", b"content") == ([], rows)


@pytest.mark.parametrize("refused", [None, 0, 4096])
def test_an_entry_of_rows_is_byte_for_byte_the_entry_earlier_versions_wrote(tmp_path, refused):
    # (so caches made before rows were encoded a batch at a time stay valid)
    rows = [[at, "条目\n\"\\\x00\u2028" * (at % 3), None, at % 2 == 0, ["单位"], 2 ** 70 if at == refused else at]
            for at in range(4100)]
    lines = [b"," + json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for row in rows]
    ends, end = [], 0
    for line in lines:
        end += len(line)
        ends.append(end - 1)  # (where its row ends: before the line break)
    sums = b"".join(b"%08x" % zlib.crc32(line[1:-1]) for line in lines)  # (each row's, in 8 hex digits)
    head = b'[{"bytes":7},"' + sums + b'",' + json.dumps(ends, separators=(",", ":")).encode()
    expected = (b"rectify-cache %d %s\n" % (cache.CACHE_VERSION, cache.hashlib.sha256(b"content").hexdigest().encode())
                + b"%08x" % zlib.crc32(head) + head + b"\n" + b"".join(lines) + b"]")  # (the header line after its CRC-32)
    store = cache.FileCache(tmp_path)
    store.put_rows(tmp_path / "src.yaml", "journal", "", b"content", {"bytes": 7}, iter(rows))
    assert store.entry_path(tmp_path / "src.yaml", "journal", "").read_bytes() == expected


@pytest.mark.parametrize("batch", [1, 3, 4096])
def test_streamed_rows_are_the_rows_whatever_the_batch(tmp_path, batch):
    source = tmp_path / "src.yaml"
    store = cache.FileCache(tmp_path)
    big = [[at, "条目" * (at % 7), at % 3 == 0] for at in range(10_000)]  # (written a few thousand at a time)
    for rows in (ROWS, big, []):
        store.put_rows(source, "journal", "", b"content", {"bytes": 7}, rows)
        header, streamed = store.streamed_rows(source, "journal", "", b"content", batch=batch)
        assert (header, list(streamed)) == ({"bytes": 7}, rows)
    assert store.streamed_rows(source, "journal", "", b"other content") is None
    assert store.streamed_rows(tmp_path / "other.yaml", "journal", "", b"content") is None


@pytest.mark.parametrize("damage", ["a row lost", "a row added", "the end lost", "emptied"])
def test_streamed_rows_of_an_entry_not_as_long_as_its_index_are_none(tmp_path, damage):
    source = tmp_path / "src.yaml"
    store = cache.FileCache(tmp_path)
    store.put_rows(source, "journal", "", b"content", {"bytes": 7}, ROWS)
    entry = store.entry_path(source, "journal", "")
    lines = entry.read_bytes().split(b"\n")  # the key, the index, then a row a line, "]" last
    lines = {"a row lost": lines[:3] + lines[4:], "a row added": lines[:3] + [b',[9,"x",[],null]'] + lines[3:],
             "the end lost": lines[:-1], "emptied": []}[damage]
    entry.write_bytes(b"\n".join(lines))
    assert store.streamed_rows(source, "journal", "", b"content") is None


def test_an_entry_without_rows_and_a_pick_beyond_its_rows(tmp_path):
    store = cache.FileCache(tmp_path)
    store.put_rows(tmp_path / "src.yaml", "journal", "", b"content", [], [])
    assert store.get_rows(tmp_path / "src.yaml", "journal", "", b"content") == ([], [])
    assert store.get_rows(tmp_path / "src.yaml", "journal", "", b"content", pick=lambda header, count: []) == ([], [])
    assert store.get_rows(tmp_path / "src.yaml", "journal", "", b"content", pick=lambda header, count: [0]) is None


def test_a_plan_decoded_at_some_positions_is_the_plan_with_only_those_measures(small, cache_dir):
    plan = load(small).plan
    measures = list(plan.measures())
    header, rows = cache.encode_plan(plan)
    assert cache.decode_plan(header, rows, str(small)) == plan
    for positions in ([0], [len(measures) - 1], [1, 2, 5], list(range(len(measures)))):
        kept = {measures[at].id for at in positions}
        picked = [rows[at] for at in cache.plan_rows_at(header, positions)]
        narrowed = cache.decode_plan(header, picked, str(small), positions=positions)
        assert [m.id for m in narrowed.measures()] == [measures[at].id for at in positions]
        assert narrowed.tasks == tuple(
            replace(task, measures=tuple(m for m in task.measures if m.id in kept))
            for task in plan.tasks if any(m.id in kept for m in task.measures))
        assert (narrowed.meta, narrowed.settings, narrowed.units) == (plan.meta, plan.settings, plan.units)


def _damage_a_journal_row(cache_dir: Path) -> None:
    """Give the first cached journal row a number for its measure id: the right shape, the wrong type."""
    for entry in cache_dir.glob("*.json"):
        key, _, body = entry.read_bytes().partition(b"\n")
        head, _, rows = body.partition(b"\n")
        if head[8:].startswith(b'[{"bytes":') and rows.startswith(b",[0,"):  # a journal: (CRC)[{"bytes":N},ends\n,row\n...]
            entry.write_bytes(key + b"\n" + head + b"\n" + b",[0,11," + rows.split(b",", 3)[3])
            return
    raise AssertionError("no journal entry in the cache")


def test_a_cached_journal_row_of_the_wrong_type_is_read_again_and_stored_again(small, cache_dir):
    expected = load(small)
    _damage_a_journal_row(cache_dir)
    assert load(small) == expected
    assert parses() == {"progress.yaml": 1}
    assert load(small) == expected and parses() == {}  # stored again


def test_a_cached_plan_row_of_the_wrong_type_is_read_again(small, cache_dir):
    expected = load(small)
    damaged = 0
    for entry in cache_dir.glob("*.json"):
        key, _, body = entry.read_bytes().partition(b"\n")
        if body[8:].startswith(b'[{"meta"'):  # the plan: (CRC)[header,ends\n,row\n...]; a measure's text becomes 5
            head, _, rows = body.partition(b"\n")
            first, rest = rows.split(b"\n", 1)
            row = json.loads(first[1:])
            row[1] = 5
            entry.write_bytes(key + b"\n" + head + b"\n," + json.dumps(row, ensure_ascii=False).encode() + b"\n" + rest)
            damaged += 1
    assert damaged == 1
    assert load(small) == expected
    assert parses() == {"tasks.yaml": 1}
    assert load(small) == expected and parses() == {}


def test_files_hashed_in_several_processes_give_each_its_own_digest_in_order(tmp_path, monkeypatch):
    import hashlib

    from rectify_cli import fanout

    # (3 MiB + 7: hashed in several blocks, its last byte in the last: a digest of the first
    # block alone never matched the cache's own digest of the bytes, and the warm check's
    # stored outcomes of every national-size plan went unused)
    contents = [b"x" * n + bytes([n % 256]) for n in (5, 300, 1, 70_000, 12, 4_000, 3 << 20)]
    paths = []
    for n, content in enumerate(contents):
        paths.append(tmp_path / f"f{n}.yaml")
        paths[-1].write_bytes(content)
    expected = [(hashlib.sha256(c).hexdigest(), len(c)) for c in contents]
    store = cache.FileCache(tmp_path / "cache")
    assert store.file_digests(paths) == expected  # small: hashed here
    runs = []
    real_run = fanout.run
    monkeypatch.setattr(fanout, "run", lambda work, chunks, **kw: runs.append(len(chunks)) or real_run(work, chunks, **kw))
    monkeypatch.setattr(fanout, "workers", lambda: 3)
    monkeypatch.setattr(cache, "PARALLEL_HASH_BYTES", 0)
    assert store.file_digests(paths) == expected
    assert runs == [3]


@pytest.mark.parametrize("first, expected", [(0, [0]), (3, [4, 5]), ("一行\n两行", [1]), ('quote " and \\ and ]', [2]),
                                             ("第四", [3]), ("第", []), (None, [])])
def test_rows_are_found_by_their_first_value_without_decoding_them(tmp_path, first, expected):
    rows = [[0, "一行\n两行"], ["一行\n两行", 1], ['quote " and \\ and ]', [["第四", 0]]], ["第四", "一行\n两行"], [3, 3],
            [3, "x"]]
    store = cache.FileCache(tmp_path)
    store.put_rows(tmp_path / "src.yaml", "plan", "", b"content", {"head": 1}, rows)
    found = store.find_rows(tmp_path / "src.yaml", "plan", "", b"content", first)
    assert found == ({"head": 1}, expected)
    assert store.find_rows(tmp_path / "src.yaml", "plan", "", b"other content", first) is None


def test_rows_found_in_an_entry_whose_index_was_damaged_are_a_miss(tmp_path):
    store = cache.FileCache(tmp_path)
    store.put_rows(tmp_path / "src.yaml", "plan", "", b"content", None, [["a", 1], ["b", 2], ["c", 3]])
    entry = store.entry_path(tmp_path / "src.yaml", "plan", "")
    assert store.find_rows(tmp_path / "src.yaml", "plan", "", b"content", "c") == (None, [2])
    entry.write_bytes(entry.read_bytes().replace(b'",[8,17,26]', b'",[8,16,26]'))  # row 1 ends a byte early
    assert store.find_rows(tmp_path / "src.yaml", "plan", "", b"content", "c") is None
    entry.write_bytes(b"")
    assert store.find_rows(tmp_path / "src.yaml", "plan", "", b"content", "c") is None


@pytest.mark.parametrize("before", [0, 1, 4096, 4097])
def test_rows_appended_to_an_entry_make_the_entry_of_all_rows_byte_for_byte(tmp_path, before):
    rows = [[at, "条目" * (at % 5), {"x": at}] for at in range(before + 3)]
    store = cache.FileCache(tmp_path)
    store.put_rows(tmp_path / "src.yaml", "journal", "", b"old", None, rows[:before])
    assert store.append_rows(tmp_path / "src.yaml", "journal", "", b"old", b"new", rows[before:])
    appended = store.entry_path(tmp_path / "src.yaml", "journal", "").read_bytes()
    store.put_rows(tmp_path / "src.yaml", "journal", "", b"new", None, rows)
    assert appended == store.entry_path(tmp_path / "src.yaml", "journal", "").read_bytes()
    assert store.get_rows(tmp_path / "src.yaml", "journal", "", b"new", pick=lambda header, count: [count - 1]) == (None, rows[-1:])


def test_rows_are_not_appended_to_an_entry_of_other_bytes_or_a_damaged_one(tmp_path):
    store = cache.FileCache(tmp_path)
    source = tmp_path / "src.yaml"
    assert not store.append_rows(source, "journal", "", b"old", b"new", [[1]])  # no entry at all
    store.put_rows(source, "journal", "", b"old", None, [[0]])
    assert not store.append_rows(source, "journal", "", b"other", b"new", [[1]])
    entry = store.entry_path(source, "journal", "")
    entry.write_bytes(entry.read_bytes()[:-1])  # cut short: no closing bracket
    assert not store.append_rows(source, "journal", "", b"old", b"new", [[1]])
    assert store.get_rows(source, "journal", "", b"new") is None


def test_the_positions_of_a_plan_row_are_its_tasks_measures_or_its_own(small, cache_dir):
    plan = load(small).plan
    header, rows = cache.encode_plan(plan)
    measures = [m.id for m in plan.measures()]
    for row, values in enumerate(rows):
        positions = cache.plan_positions_of_row(header, row)
        task = next((t for t in plan.tasks if t.id == values[0]), None)
        expected = [m.id for m in task.measures] if task is not None else [values[0]]
        assert [measures[at] for at in positions] == expected
    with pytest.raises(ValueError):
        cache.plan_positions_of_row(header, len(rows))


# -- a journal appended to: only the entries appended since it was cached are read --------------
def _entry_starts(text: bytes) -> list[int]:
    return [match.start() for match in re.finditer(rb"(?m)^- measure", text)]


def _load_or_error(path, **kwargs):
    try:
        return load(path, **kwargs)
    except RegistryError as exc:
        return str(exc)


@pytest.mark.parametrize("form", ["as written", "CRLF", "BOM", "document start"])
@pytest.mark.parametrize("cached", [1, 5, 8])  # entries in the version cached; the others are appended
def test_entries_appended_to_a_cached_journal_are_read_alone_and_give_what_a_whole_read_gives(small, cache_dir, form, cached):
    journal = small.with_name("progress.yaml")
    whole = journal.read_bytes()
    whole = {"as written": whole, "CRLF": whole.replace(b"\n", b"\r\n"), "BOM": b"\xef\xbb\xbf" + whole,
             "document start": b"---\n" + whole}[form]
    journal.write_bytes(whole[:_entry_starts(whole)[cached]])
    load(small)
    journal.write_bytes(whole)
    registry.TAIL_PARSES.clear()
    reg = load(small)
    assert parses() == {"progress.yaml": 1} and registry.TAIL_PARSES == {str(journal): 1}
    assert reg == load(small, use_cache=False)  # every entry, with its line and column
    assert reg.journal[-1].location.line == whole[:_entry_starts(whole)[-1]].count(b"\n") + 1
    # The cache now holds, byte for byte, what reading the whole file stores.
    entry = cache.FileCache().entry_path(journal, "journal", "")
    extended = entry.read_bytes()
    shutil.rmtree(cache_dir)
    load(small)
    assert entry.read_bytes() == extended


_KEPT_NOTE = '- measure: "3.2"\n  date: 2019-03-02\n  state: report\n  note: |+\n    第一行\n'
_APPENDED = '- measure: "2.1"\n  date: 2019-03-03\n  state: in_progress\n  note: 围挡\n'


@pytest.mark.parametrize("old, new", [
    # where the whole file reads otherwise than the old text then the appended text
    pytest.param(_KEPT_NOTE, _KEPT_NOTE + "\n" + _APPENDED, id="blank line kept by |+"),
    pytest.param(_KEPT_NOTE + "...\n", _KEPT_NOTE + "...\n" + _APPENDED, id="document end"),
    pytest.param(_KEPT_NOTE.replace("\n", "\n  ").rstrip(" ").replace("- m", "  - m", 1),
                 _KEPT_NOTE.replace("\n", "\n  ").rstrip(" ").replace("- m", "  - m", 1) + _APPENDED, id="indented list"),
    pytest.param('[{measure: "3.2", date: 2019-03-02, state: report, note: 巡查}]\n',
                 '[{measure: "3.2", date: 2019-03-02, state: report, note: 巡查}]\n' + _APPENDED, id="flow list"),
    pytest.param(_KEPT_NOTE, _KEPT_NOTE.replace("第一行", "第二行") + _APPENDED, id="edited, then appended to"),
    # where reading the appended text alone can't vouch for it
    pytest.param(_KEPT_NOTE, _KEPT_NOTE + _APPENDED.replace("state", "stat"), id="a problem appended"),
    pytest.param(_KEPT_NOTE, _KEPT_NOTE + _APPENDED.replace('"2.1"', "&a \"2.1\""), id="an anchor appended"),
    pytest.param(_APPENDED.rstrip(), _APPENDED.rstrip() + _APPENDED, id="no line break at the end"),
    # (the tab has the reference read both texts, which counts these as line breaks)
    *(pytest.param(f"# 台账{brk}#\t注\n" + _APPENDED,
                   f"# 台账{brk}#\t注\n" + _APPENDED + _APPENDED,
                   id=f"a line break {brk!r} before") for brk in ("\r", "\x85", "\u2028")),
])
def test_a_journal_that_is_not_simply_appended_to_is_read_as_it_reads_whole(small, cache_dir, old, new):
    journal = small.with_name("progress.yaml")
    journal.write_bytes(old.encode())
    load(small)
    journal.write_bytes(new.encode())
    cached = _load_or_error(small)
    assert cached == _load_or_error(small, use_cache=False)  # the same registry, or the same problems
    assert load(small) == cached if not isinstance(cached, str) else _load_or_error(small) == cached  # and again


def test_the_head_of_a_slots_entry_is_read_whatever_bytes_it_was_made_from(tmp_path):
    store = cache.FileCache(tmp_path)
    source = tmp_path / "src.yaml"
    assert store.stored_head(source, "journal", "") is None  # nothing stored
    store.put_rows(source, "journal", "", b"old", {"bytes": 3}, [[0], [1]])
    assert store.stored_head(source, "journal", "") == (store.digest(b"old"), {"bytes": 3}, 2)
    entry = store.entry_path(source, "journal", "")
    for damaged in (b"", b"rectify-cache 1 abc\n[null,[]\n]", entry.read_bytes().replace(b"[{", b"[x", 1)):
        entry.write_bytes(damaged)
        assert store.stored_head(source, "journal", "") is None


def _check_without_a_home(tmp_path, home: str | None, *, no_account: bool = False) -> subprocess.CompletedProcess:
    """`rectify check` on the small fixture with HOME as given (None: unset) and neither
    XDG_CACHE_HOME nor RECTIFY_CACHE_DIR; `no_account`: as a user id the system has no account
    for (a container run with an arbitrary --user), which Python then finds no home for."""
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME", "RECTIFY_CACHE_DIR")}
    env.update({"RECTIFY_TODAY": "2019-03-31", "RECTIFY_LANG": "en", "PYTHONPATH": str(ROOT)})
    if home is not None:
        env["HOME"] = home
    no_such_user = "import pwd\ndef no_account(uid): raise KeyError(uid)\npwd.getpwuid = no_account\n" if no_account else ""
    code = no_such_user + "import sys\nsys.argv = ['rectify', *sys.argv[1:]]\nfrom rectify_cli.__main__ import run\nrun()\n"
    return subprocess.run([sys.executable, "-c", code, "check", "-r", str(SMALL)], cwd=tmp_path, env=env,
                          capture_output=True, text=True)


def test_no_home_at_all_is_a_run_without_a_cache(tmp_path):
    """HOME unset, and no account for the user: it was "internal error: RuntimeError: Could not
    determine home directory." for every command."""
    expected = _check_without_a_home(tmp_path, str(tmp_path))
    run = _check_without_a_home(tmp_path, None, no_account=True)
    assert (run.returncode, run.stdout, run.stderr) == (1, expected.stdout, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache"]  # (the first run's: none in the working folder)


def test_a_home_that_is_not_there_is_not_made(tmp_path):
    """HOME=/nonexistent, as services and containers are given: the cache made that folder
    (/nonexistent/.cache/rectify, as root) rather than run without one."""
    expected = _check_without_a_home(tmp_path, str(tmp_path))
    run = _check_without_a_home(tmp_path, str(tmp_path / "nonexistent"))
    assert (run.returncode, run.stdout, run.stderr) == (1, expected.stdout, "")
    assert not (tmp_path / "nonexistent").exists()


def test_a_folders_journals_read_by_the_helper_in_pieces_give_what_a_load_without_cache_gives(tmp_path, cache_dir,
                                                                                               monkeypatch):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    from rectify_cli import yamlio

    folder = generate(tmp_path / "f", 300, seed=5, files=3)
    journals = sorted(folder.glob("*.progress.yaml"))
    monkeypatch.setattr(registry, "PARALLEL_BYTES", 0)  # every journal through the helper ...
    monkeypatch.setattr(yamlio, "PIECES_FROM", 0)  # ... read a few entries a piece
    monkeypatch.setattr(yamlio, "PIECE_CHARS", 2000)

    def outcome(**kwargs):
        try:
            loaded = registry.load_registry(folder, today=date(2020, 6, 30), **kwargs)
        except RegistryError as error:
            return [str(p) for p in error.problems]
        return loaded, [e.location for e in loaded.journal]

    assert outcome()[0] == outcome(use_cache=False)[0]  # (every journal cached)
    edited, broken = journals[1], journals[0]
    text = edited.read_text(encoding="utf-8")
    at = text.index("  note: ", len(text) // 2)  # its entry cached for other bytes
    edited.write_text(text[:at] + "  note: 改过" + text[text.index("\n", at):], encoding="utf-8")
    text = broken.read_text(encoding="utf-8")
    at = text.index("  state: ", len(text) * 3 // 4)  # a problem in a later piece
    broken.write_text(text[:at] + "  state: finished" + text[text.index("\n", at):], encoding="utf-8")
    reported = outcome()
    assert reported == outcome(use_cache=False) and len(reported) == 1 and "finished" in reported[0]
    broken.write_text(text, encoding="utf-8")
    assert outcome() == outcome(use_cache=False)
    assert outcome() == outcome(use_cache=False)  # (warm)


# -- probes of a warm cache against edits a file's size and time don't tell ------------------
def _check_json(reg: Path, cache_dir: Path, *extra: str) -> tuple[int, dict, str]:
    proc = subprocess.run([sys.executable, "-m", "rectify_cli", "-r", str(reg), "check", "--format", "json", *extra],
                          capture_output=True, text=True, env=_env(cache_dir))
    return proc.returncode, json.loads(proc.stdout) if proc.stdout else {}, proc.stderr


def test_a_byte_changed_keeping_size_and_mtime_is_seen_by_a_warm_check(small, cache_dir):
    assert _check_json(small, cache_dir)[1]["items"][0]["days_overdue"] == 90  # (warms the cache)
    stat = small.stat()
    plan = small.read_text(encoding="utf-8")
    at = plan.index("due: 2018-12-31}", plan.index("- id: 1   # overdue"))  # measure 1.1's, not its task's
    small.write_text(plan[:at] + "due: 2018-12-30}" + plan[at + 16:], encoding="utf-8")
    os.utime(small, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert small.stat().st_size == stat.st_size
    code, document, _ = _check_json(small, cache_dir)
    assert (code, document["items"][0]["id"], document["items"][0]["days_overdue"]) == (1, "1.1", 91)
    assert _check_json(small, cache_dir, "--no-cache")[1] == document


def test_a_plan_file_renamed_in_a_folder_gives_its_ids_the_new_name_from_a_warm_cache(tmp_path, cache_dir):
    from test_folder_registry import split_small

    folder = split_small(tmp_path / "national")
    assert _check_json(folder, cache_dir)[1]["items"][0]["id"] == "xizang:1.1"  # (warms the cache)
    for name in ("xizang.yaml", "xizang.progress.yaml"):
        (folder / name).rename(folder / name.replace("xizang", "xz"))
    code, document, _ = _check_json(folder, cache_dir)
    assert (code, [item["id"] for item in document["items"]]) == (1, ["xz:1.1", "xz:2.1"])
    assert _check_json(folder, cache_dir, "--no-cache")[1] == document


def test_checks_started_at_once_on_a_cold_cache_all_answer_as_without_it(small, cache_dir):
    argv = [sys.executable, "-m", "rectify_cli", "-r", str(small), "check", "--format", "json"]
    alone = subprocess.run([*argv, "--no-cache"], capture_output=True, text=True, env=_env(cache_dir))
    runs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(cache_dir))
            for _ in range(4)]
    answers = [(run.communicate(), run.returncode) for run in runs]
    assert alone.returncode == 1 and answers == [((alone.stdout, ""), 1)] * 4


def test_cache_location_on_windows_is_the_local_app_data_folder(monkeypatch, tmp_path):
    """Windows keeps a program's cache in %LOCALAPPDATA% (not roamed with the profile, as
    C:\\Users\\…\\.cache would be by nothing, and where a clerk's disk cleanup looks); there
    XDG_CACHE_HOME, a Unix convention, is set by nobody."""
    monkeypatch.delenv("RECTIFY_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(cache.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert cache.cache_dir() == tmp_path / "Local" / "rectify" / "Cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # (one who set it meant it)
    assert cache.cache_dir() == tmp_path / "xdg" / "rectify"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("LOCALAPPDATA")  # (a service account may lack it: the home's, as elsewhere)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "rectify"
