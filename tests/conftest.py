"""Shared test set-up: tests/ on sys.path (for builders.py), colour and dates pinned."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch, tmp_path_factory):
    # Colour off and no CI auto-detection leaking in from the machine running the tests;
    # a private cache folder so tests never share parsed registries with a user's cache.
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)  # (colours output that is no terminal, where NO_COLOR is unset)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("TF_BUILD", raising=False)  # (Azure Pipelines)
    monkeypatch.delenv("TEAMCITY_VERSION", raising=False)
    monkeypatch.delenv("RECTIFY_REGISTRY", raising=False)
    # (the width of the shell running the tests: tables off a terminal are laid out to COLUMNS)
    monkeypatch.delenv("COLUMNS", raising=False)
    # (a clerk's own settings: messages in English, a pinned day, tracebacks, a crash hook)
    for name in ("RECTIFY_LANG", "RECTIFY_TODAY", "RECTIFY_DEBUG", "RECTIFY_FAULT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "rectify-cache"))


@pytest.fixture
def linked_twice(tmp_path) -> tuple[Path, Path, Path]:
    """(a journal on a "shared drive", and two registries a/ and b/ linking it as theirs), from
    the small fixture."""
    small = Path(__file__).parent / "fixtures" / "small"
    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.copy(small / "progress.yaml", shared)
    regs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(small / "tasks.yaml", tmp_path / name)
        (tmp_path / name / "progress.yaml").symlink_to(Path("..") / "shared" / "progress.yaml")
        regs.append(tmp_path / name / "tasks.yaml")
    return shared / "progress.yaml", regs[0], regs[1]
