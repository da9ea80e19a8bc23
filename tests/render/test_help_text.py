"""`--help` laid out by render/help_text.py on a narrow terminal."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from wcwidth import wcswidth

from builders import CLI_ENV


def _help(command: str, lang: str, columns: int) -> list[str]:
    """`python -m rectify_cli COMMAND --help --lang LANG` on a terminal `columns` wide."""
    env = {**os.environ, **CLI_ENV, "RECTIFY_LANG": None, "COLUMNS": str(columns)}
    proc = subprocess.run([sys.executable, "-m", "rectify_cli", command, "--help", "--lang", lang], capture_output=True,
                          text=True, timeout=60, env={name: value for name, value in env.items() if value is not None})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


@pytest.mark.parametrize("lang, columns, option, lines", [
    ("en", 24, "  --report-period", ["  --report-period", "    <integer>", "      Days after which"]),
    ("en", 20, "  -r, --registry", ["  -r, --registry", "    <path>", "      Plan file"]),
    ("zh", 20, "  -r, --registry", ["  -r, --registry", "    <路径>", "      整改方案文件"]),
    ("zh", 22, "  --report-period", ["  --report-period", "    <整数>", "      长期坚持的措施超"]),
])
def test_an_options_value_name_is_never_split_but_goes_under_the_option(lang, columns, option, lines):
    """At 20-26 columns status's help read `--report-period <integ` / `er>`, `-r, --registry <pa` /
    `th>`, `<路` / `径>`, `<` / `整` / `数` / `>`: a value's name that does not fit beside its option goes
    on the line under it, whole."""
    shown = _help("status", lang, columns)
    at = shown.index(option)
    assert shown[at:at + len(lines)] == lines
    # (nor any other value's name cut: an option's line leaves a value open only after a choice's `|`)
    names = [line for line in shown if line.lstrip().startswith("-")]
    assert [line for line in names if line.count("<") > line.count(">") and not line.endswith("|")] == []
    assert all(wcswidth(line) <= columns for line in names)
