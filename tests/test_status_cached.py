"""`rectify status` from a warm cache says, byte for byte, what it says with --no-cache (the
reference: every file read and every journal entry checked), on generated registries, as of
days before, on and after the journal's newest entry, with every kind of output."""
from __future__ import annotations

import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from builders import run_cli

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2020-06-30"  # (generate.py dates no entry after it)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    base = tmp_path_factory.mktemp("generated")
    return {"file": generate(base / "file", 300, seed=3), "folder": generate(base / "folder", 300, seed=5, files=3)}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(folder))
    return folder


def journals(reg: Path) -> list[Path]:
    return sorted(reg.glob("*.progress.yaml")) if reg.is_dir() else [reg.with_name("progress.yaml")]


def newest_entry(reg: Path) -> date:
    """The newest day a journal entry names, read from the YAML text."""
    days = [day for journal in journals(reg)
            for day in re.findall(r"^  (?:date|recorded): (\d{4}-\d\d-\d\d)$", journal.read_text(encoding="utf-8"), re.M)]
    return max(map(date.fromisoformat, days))


def a_lead(reg: Path) -> str:
    plan = next(p for p in sorted(reg.glob("*.yaml")) if not p.name.endswith(".progress.yaml")) if reg.is_dir() else reg
    return re.search(r"^ +lead: (\S+)$", plan.read_text(encoding="utf-8"), re.M).group(1)


def status(*args, today=TODAY, columns=None):
    result = run_cli("status", *args, env={"RECTIFY_TODAY": today, "COLUMNS": columns})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("kind", ["file", "folder"])
@pytest.mark.parametrize("days_after_newest", [-40, 0, 1, 4000])
def test_status_from_a_warm_cache_says_what_it_says_without_the_cache(generated, cache_dir, kind, days_after_newest):
    reg = generated[kind]
    as_of = (newest_entry(reg) + timedelta(days=days_after_newest)).isoformat()
    runs = [(options, columns) for options, columns in [
        ([], None), ([], "80"), ([], "200"), (["--measures"], None), (["--measures"], "80"),
        (["--owner", a_lead(reg)], None), (["--state", "overdue"], None), (["--state", "stale"], "200"),
        (["--limit", "7"], None), (["--measures", "--limit", "7", "--lang", "en"], "120"),
        (["--format", "json"], None), (["--format", "json", "--measures", "--state", "due_soon"], None)]]
    expected = [status("-r", str(reg), "--as-of", as_of, *options, "--no-cache", columns=columns)
                for options, columns in runs]
    assert all(code == 0 for code, _, _ in expected), expected[0]
    status("-r", str(reg))  # (the cache made)
    for (options, columns), answer in zip(runs, expected):
        for _ in range(2):  # (warm, and warm after a run of the same)
            assert status("-r", str(reg), "--as-of", as_of, *options, columns=columns) == answer, (options, columns)


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_an_entry_after_today_is_refused_from_a_warm_cache_as_without_it(generated, cache_dir, kind):
    """Today set back before the newest entry (a clock wrong, a ledger from elsewhere): the entry
    is in the future, refused, however warm the cache (it was judged as of a later today)."""
    reg = generated[kind]
    status("-r", str(reg))
    status("-r", str(reg))
    earlier = (newest_entry(reg) - timedelta(days=1)).isoformat()
    expected = status("-r", str(reg), "--no-cache", today=earlier)
    assert expected[0] == 2 and "晚于今天" in expected[2], expected
    assert status("-r", str(reg), today=earlier) == expected


def test_a_journal_that_no_longer_fits_its_edited_plan_is_refused_from_a_warm_cache_as_without_it(tmp_path, cache_dir):
    """A deadline an extension names, moved in the plan since the journal was cached and judged:
    the extension names no deadline of its measure now."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    reg = generate(tmp_path / "reg", 300, seed=3)
    status("-r", str(reg))
    status("-r", str(reg))
    journal = reg.with_name("progress.yaml").read_text(encoding="utf-8")
    measure, milestone = re.search(r'^- measure: "?([0-9.]+)"?\n(?:  .*\n)*?  milestone: (\d{4}-\d\d-\d\d)$', journal, re.M).groups()
    plan = reg.read_text(encoding="utf-8")
    edited = plan.replace(f"due: {milestone}", "due: 2030-01-01")
    assert edited != plan
    reg.write_text(edited, encoding="utf-8")
    expected = status("-r", str(reg), "--no-cache")
    assert expected[0] == 2 and milestone in expected[2], expected
    assert status("-r", str(reg)) == expected


def test_a_warm_status_takes_the_journals_rows_as_checked_before(generated, cache_dir, monkeypatch):
    """What makes it faster: a journal whose rows passed the checks against the same plan (its
    outcomes stored) is not checked again, as a warm check takes them; the first run checks them."""
    from rectify_cli.journal_checks import JournalContext

    checked = []
    entries = JournalContext.entries

    def noted(self, rows, file, prefix, **kwargs):
        checked.append(kwargs.get("checked", True))
        return entries(self, rows, file, prefix, **kwargs)

    monkeypatch.setattr(JournalContext, "entries", noted)
    reg = generated["folder"]
    assert status("-r", str(reg))[0] == 0 and checked == [True, True, True]
    checked.clear()
    assert status("-r", str(reg))[0] == 0 and checked == [False, False, False]
