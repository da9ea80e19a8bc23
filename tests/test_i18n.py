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


def _broken_plan_says(tmp_path, lead: str, *args: str) -> list[str]:
    """validate's messages (exit 2) of the small plan given values holding a quote, Rich markup and
    (`lead`) whatever the test needs: an owner, the time zone, a lead and an unknown key."""
    shutil.copytree(FIXTURES / "small", tmp_path / "reg")
    plan = tmp_path / "reg" / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    for old, new in [("owners: [拉萨市]", "owners: [\"拉萨'[b]市\"]"),
                     ("timezone: Asia/Shanghai", "timezone: \"Asia/[b]Lha'sa\""),
                     ("        lead: 自治区生态环境厅\n", f"        lead: {lead}\n        ex[b]tra: 1\n")]:
        assert old in text
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    result = _validate(plan, *args)
    assert result.returncode == 2
    return [line.split(": ", 2)[2] for line in result.stderr.splitlines()]


def test_a_broken_plans_values_are_quoted_in_chinese_as_written(tmp_path):
    """Each value quoted between “ and ”, whole, however it is written: a quote in it, or what
    Rich would read as markup, is printed as it is."""
    assert _broken_plan_says(tmp_path, "自治区'厅") == [
        "registry.settings.timezone：未知时区“Asia/[b]Lha'sa”（应为 IANA 时区名，例如 Asia/Shanghai）",
        "措施 1.1 的 owners：未知单位“拉萨'[b]市”（是否指 拉萨市？）；请在 'units:' 下声明",
        "措施 1.2 的 lead：未知单位“自治区'厅”（是否指 自治区生态环境厅？）",
        "措施 1.2：未知的键“ex[b]tra”；可用的键：id、text、owners、lead、milestones",
    ]


# English quotes a value between ASCII single quotes ('拉萨'), literally; other quotes only where
# they are not a value's: the YAML to write (a key quoted: "1.1"), the report's Chinese words that
# reconcile quotes (“全区5项整改任务”).
_OTHER_QUOTES = re.compile(r"\"\{[^{}]*\}\"|“\{[^{}]*\}”")
_OTHER_QUOTES_MEANT = {"problem_import_key_not_text", "reconcile_mismatch_line", "reconcile_text_line",
                       "reconcile_not_quoted_line", "reconcile_unrecorded_line"}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_no_english_message_quotes_a_value_as_python_does(key):
    """English quotes a value as '…', as it is: not with Python's repr, which shows C:\\data as
    'C:\\\\data' and a value holding ' between double quotes."""
    _, en = LABELS[key]
    assert not re.search(r"\{[^{}]*![rs]\}", en), (key, en)
    assert key in _OTHER_QUOTES_MEANT or not _OTHER_QUOTES.search(en), (key, en)


def test_a_broken_plans_values_are_quoted_in_english_as_written(tmp_path):
    """In English too each value is quoted between ' and ', whole: a quote, a backslash or Rich
    markup in it printed as it is."""
    assert _broken_plan_says(tmp_path, "C:\\data'厅", "--lang", "en") == [
        "registry.settings.timezone: unknown time zone 'Asia/[b]Lha'sa' (an IANA name, e.g. Asia/Shanghai)",
        "measure 1.1, field owners: unknown unit '拉萨'[b]市' (did you mean 拉萨市?); declare it under 'units:'",
        "measure 1.2, field lead: unknown unit 'C:\\data'厅'",
        "measure 1.2: unknown key 'ex[b]tra'; allowed: id, text, owners, lead, milestones",
    ]


@pytest.mark.parametrize("option, typed, said", [
    ("--owner", "C:\\data'厅", "--owner: unknown unit 'C:\\data'厅' (known units: "),
    ("--as-of", "C:\\2019", "--as-of: not a date: 'C:\\2019' (use 2019-03-31,"),
    # (a tab shown as repr showed it, not as a space that hides it)
    ("--owner", "拉萨\t市", "--owner: unknown unit '拉萨\\t市' (did you mean 拉萨市?)"),
])
def test_a_value_typed_is_echoed_in_english_as_typed(option, typed, said):
    """A refusal of an option's value (the date parser's words too) quotes it as typed."""
    env = {k: v for k, v in os.environ.items() if k != "RECTIFY_LANG"} | {"RECTIFY_TODAY": "2019-03-31"}
    result = subprocess.run([sys.executable, "-m", "rectify_cli", "status", "-r", str(FIXTURES / "small"), option, typed,
                             "--lang", "en"], capture_output=True, text=True, env=env)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"rectify: {said}"), result.stderr


def _fields(template: str) -> dict[str, bool]:
    """The names of a template's fields, each with whether it has a format spec."""
    import string

    fields: dict[str, bool] = {}
    for _, name, spec, _ in string.Formatter().parse(template):
        if name is not None:
            root = re.split(r"[.\[]", name, maxsplit=1)[0]
            fields[root] = fields.get(root, False) or bool(spec)
    return fields


@pytest.mark.parametrize("key", sorted(LABELS))
def test_a_label_is_worded_as_the_counting_formatter_words_it(key):
    """label writes a template without format specs with str.format_map, for speed: the same
    text as the formatter that words counts ({n:day}), given text holding braces, or numbers."""
    from rectify_cli.i18n import Lang, _Counts, label

    for lang, template in zip((Lang.zh, Lang.en), LABELS[key]):
        fields = _fields(template)
        for n in (1, 2):
            values = {name: n if counted else f"{{{name}}} {n}% {{}}" for name, counted in fields.items()}
            assert label(key, lang, **values) == _Counts().format(template, **values), (key, lang)
            numbers = {name: n for name in fields}
            assert label(key, lang, **numbers) == _Counts().format(template, **numbers), (key, lang)


JIANGXI_REGIONS = ("南昌市", "景德镇市", "萍乡市", "九江市", "新余市", "鹰潭市", "赣州市", "吉安市", "宜春市", "抚州市", "上饶市")


def test_an_unknown_unit_as_close_to_many_units_as_to_any_suggests_none(tmp_path):
    """`--approved-by 省人民政府` was asked 是否指 鹰潭市人民政府、赣州市人民政府、萍乡市人民政府？: three of eleven
    city governments, all as close, picked by their spelling, a provincial body offered a city's."""
    units = "".join(f"  - {{name: {r}, kind: region, aliases: [{r}人民政府]}}\n" for r in JIANGXI_REGIONS)
    plan = tmp_path / "tasks.yaml"
    plan.write_text("registry: {title: 江西省整改情况报告, issuer: 江西省委、省政府, inspection: 督察组, feedback_date: 2021-07-15, "
                    "report_date: 2022-06-30}\nunits:\n  - {name: 省生态环境厅, kind: department}\n" + units +
                    "tasks:\n  - id: 1\n    title: 问题\n    problem: 问题。\n    deadline:\n      text: 2022年12月31日前完成\n"
                    "      milestones: [{kind: date, due: 2022-12-31}]\n    reported: {state: on_schedule}\n    regions: []\n"
                    "    measures:\n      - id: 1\n        text: 措施。\n        owners: [省生态环境厅]\n        lead: 省生态环境厅\n        milestones: [{kind: date, due: 2022-12-31}]\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "RECTIFY_LANG"} | {"RECTIFY_TODAY": "2022-07-18"}
    run = [sys.executable, "-m", "rectify_cli", "extend", "1.1", "--to", "2023-06-30", "--reason", "资金缺口", "-r", str(plan)]
    refused = subprocess.run([*run, "--approved-by", "省人民政府"], capture_output=True, text=True, env=env)
    assert (refused.returncode, refused.stderr) == (
        2, "rectify: --approved-by：未知单位“省人民政府”；请使用方案 units: 下声明的单位（名称或别名）\n")
    # (a slip of one character is still suggested, its closest first)
    slip = subprocess.run([*run, "--approved-by", "赣州市人民政"], capture_output=True, text=True, env=env)
    assert (slip.returncode, slip.stderr) == (
        2, "rectify: --approved-by：未知单位“赣州市人民政”（是否指 赣州市人民政府、抚州市人民政府、鹰潭市人民政府？）；"
           "请使用方案 units: 下声明的单位（名称或别名）\n")
    assert not (tmp_path / "progress.yaml").exists()
