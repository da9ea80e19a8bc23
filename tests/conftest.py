"""Shared test set-up: tests/ on sys.path (for builders.py), colour and dates pinned."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch, tmp_path_factory):
    # Colour off and no CI auto-detection leaking in from the machine running the tests;
    # a private cache folder so tests never share parsed registries with a user's cache.
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("RECTIFY_REGISTRY", raising=False)
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "rectify-cache"))
