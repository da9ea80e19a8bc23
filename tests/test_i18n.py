"""How messages quote what a user wrote: one way in each language, and literally."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rectify_cli.i18n import LABELS

FIXTURES = Path(__file__).parent / "fixtures"

# Python's quotes: {value!r}, or a value put between ASCII single quotes ('{value}').
_PYTHON_QUOTED = re.compile(r"\{[^{}]*![rs]\}|'\{[^{}]*\}'")


@pytest.mark.parametrize("key", sorted(LABELS))
def test_no_chinese_message_quotes_a_value_as_python_does(key):
    """Chinese quotes a value with “…” (未知单位“拉萨”), as the refusals do: not '拉萨', which
    is Python's repr."""
    zh, _ = LABELS[key]
    assert not _PYTHON_QUOTED.search(zh), (key, zh)


def _validate(plan: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RECTIFY_LANG"} | {"RECTIFY_TODAY": "2019-03-31"}
    return subprocess.run([sys.executable, "-m", "rectify_cli", "validate", str(plan), *args], capture_output=True, text=True, env=env)


def test_a_broken_plans_values_are_quoted_in_chinese_as_written(tmp_path):
    """Each value quoted between “ and ”, whole, however it is written: a quote in it, or what
    Rich would read as markup, is printed as it is."""
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    plan = tmp_path / "reg" / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    for old, new in [("owners: [拉萨市]", "owners: [\"拉萨'[b]市\"]"),
                     ("timezone: Asia/Shanghai", "timezone: \"Asia/[b]Lha'sa\""),
                     ("        lead: 自治区生态环境厅\n", "        lead: 自治区'厅\n        ex[b]tra: 1\n")]:
        assert old in text
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")

    result = _validate(plan)
    assert result.returncode == 2
    messages = [line.split(": ", 2)[2] for line in result.stderr.splitlines()]
    assert messages == [
        "registry.settings.timezone：未知时区“Asia/[b]Lha'sa”（应为 IANA 时区名，例如 Asia/Shanghai）",
        "措施 1.1 的 owners：未知单位“拉萨'[b]市”（是否指 拉萨市？）；请在 'units:' 下声明",
        "措施 1.2 的 lead：未知单位“自治区'厅”（是否指 自治区生态环境厅？）",
        "措施 1.2：未知的键“ex[b]tra”；可用的键：id、text、owners、lead、milestones",
    ]
