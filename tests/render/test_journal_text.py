"""`rectify history` as a table: on a terminal it fits the terminal's width, as `status` and
`show` do; piped or redirected it keeps whole notes up to NOTE_WIDTH cells."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from wcwidth import wcswidth

from rectify_cli.i18n import Lang
from rectify_cli.journal import history
from rectify_cli.registry import load_registry
from rectify_cli.render.journal_text import NOTE_WIDTH, render_history

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data/tasks.yaml"


@pytest.fixture(scope="module")
def entries():
    if not BUNDLED.is_file():
        pytest.skip("no bundled ledger")
    return history(load_registry(BUNDLED), item=None, since=None)


@pytest.mark.parametrize("lang", [Lang.zh, Lang.en])
@pytest.mark.parametrize("width", [80, 100, 120])
def test_history_fits_the_width_it_is_given(entries, width, lang):
    """At 80 columns the rows were 101 to 148 cells wide: each wrapped on the terminal."""
    lines = render_history(entries, lang=lang, width=width).rstrip("\n").split("\n")
    assert max(wcswidth(line) for line in lines) <= width
    assert lines[0].split()[:3] == (["日期", "措施", "记录"] if lang is Lang.zh else ["Date", "Measure", "Entry"])


def test_history_on_a_wide_terminal_cuts_no_more_than_piped(entries):
    assert render_history(entries, lang=Lang.zh, width=400) == render_history(entries, lang=Lang.zh)


def test_piped_history_keeps_notes_up_to_note_width(entries):
    lines = render_history(entries, lang=Lang.zh).split("\n")
    assert max(wcswidth(line) for line in lines) > 120  # (as before: nothing but NOTE_WIDTH cuts a note)
    assert NOTE_WIDTH == 60


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_history_on_a_terminal_fits_columns(tmp_path):
    import pty

    if not BUNDLED.is_file():
        pytest.skip("no bundled ledger")
    env = {k: v for k, v in os.environ.items() if k not in ("RECTIFY_REGISTRY", "RECTIFY_DEBUG")}
    env.update(COLUMNS="80", RECTIFY_TODAY="2019-04-30", RECTIFY_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONIOENCODING="utf-8", NO_COLOR="1")
    main, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "rectify_cli", "history", "45"], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL, stdout=terminal, stderr=subprocess.DEVNULL)
    os.close(terminal)
    out = b""
    try:
        while chunk := os.read(main, 65536):  # (read while it writes: a terminal holds little)
            out += chunk
    except OSError:  # (Linux: EIO once the program has ended and all is read)
        pass
    finally:
        os.close(main)
    assert process.wait(timeout=120) == 0
    lines = out.decode("utf-8").replace("\r\n", "\n").rstrip("\n").split("\n")
    assert len(lines) > 3 and max(wcswidth(line) for line in lines) <= 80
