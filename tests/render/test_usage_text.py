"""A command line the parser refuses is said in Chinese, as rectify's own refusals are: one line
naming what is wrong and where the command's help is; in English (--lang en, RECTIFY_LANG=en)
the parser's own words."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rectify_cli.cli import app


def run(*args, **env):
    return CliRunner().invoke(app, list(args), prog_name="rectify", env={"RECTIFY_LANG": None, **env})


@pytest.mark.parametrize("args, said", [
    (("status", "--foo"), "没有选项 --foo（是否指 --format？）；用法见 rectify status --help"),
    (("status", "--format", "xml"), "--format：“xml”不是可选的值（可选：table、json）；用法见 rectify status --help"),
    (("check", "--fail-on", "late"),
     "--fail-on：“late”不是可选的值（可选：overdue、due_soon、stale）；用法见 rectify check --help"),
    (("record", "1.1"), "缺少必需的选项 --state；用法见 rectify record --help"),
    (("extend", "1.1", "--to", "2019-12-31"), "缺少必需的选项 --reason；用法见 rectify extend --help"),
    (("check", "--region"), "选项 --region 后面需要一个值；用法见 rectify check --help"),
    (("status", "extra"), "多余的参数：extra；用法见 rectify status --help"),
    (("statu",), "没有命令“statu”（是否指 status？）；用法见 rectify --help"),
])
def test_a_command_line_the_parser_refuses_is_said_in_chinese(args, said):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {said}\n")


@pytest.mark.parametrize("english", [("--lang", "en"), ("--lang=en",)])
def test_in_english_it_is_the_parsers_own_words(english):
    result = run("status", "--foo", *english)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: No such option: --foo (Possible options: --format)\n")
    assert run("status", "--foo", RECTIFY_LANG="en").stderr == result.stderr


@pytest.mark.parametrize("args, said", [
    (("status", "--warn-days", "-1"), "--warn-days：-1 不在可选范围内（应不小于 0）；用法见 rectify status --help"),
    (("status", "--report-period", "0"), "--report-period：0 不在可选范围内（应不小于 1）；用法见 rectify status --help"),
    (("summary", "--width", "0"), "--width：0 不在可选范围内（应不小于 1）；用法见 rectify summary --help"),
    (("status", "--warn-days", "x"), "--warn-days：“x”不是整数；用法见 rectify status --help"),
    (("check", "--warn-days", "1.5"), "--warn-days：“1.5”不是整数；用法见 rectify check --help"),
])
def test_a_number_out_of_its_range_or_not_a_number_is_said_in_chinese(args, said):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {said}\n")


@pytest.mark.parametrize("args, said", [
    (("status", "--warn-days", "-1"), "Invalid value for '--warn-days': -1 is not in the range x>=0."),
    (("status", "--warn-days", "x"), "Invalid value for '--warn-days': 'x' is not a valid int range."),
    (("summary", "--width", "0"), "Invalid value for '--width': 0 is not in the range x>=1."),
])
def test_a_number_out_of_its_range_in_english_is_the_parsers_own_words(args, said):
    result = run(*args, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {said}\n")
