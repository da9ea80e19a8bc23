"""A command line the parser refuses is said as rectify's own refusals are: one line naming what
is wrong and where the command's help is, in Chinese, and in English with --lang en or
RECTIFY_LANG=en (not the parser's four lines: Usage, Try, a blank line, Error)."""
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
    # (a state as status prints it, or a key in capitals, is told the key: it was told the list alone)
    (("status", "--state", "逾期"),
     "--state：“逾期”不是可选的值，应写作 overdue（可选：overdue、due_soon、on_track、ongoing、done、stale）；用法见 rectify status --help"),
    (("check", "--fail-on", "Due_Soon"),
     "--fail-on：“Due_Soon”不是可选的值，应写作 due_soon（可选：overdue、due_soon、stale）；用法见 rectify check --help"),
    # (a hyphen for the underscore, as the option's own name is written: it was told the list alone)
    (("check", "--fail-on", "due-soon,stale"),
     "--fail-on：“due-soon”不是可选的值，应写作 due_soon（可选：overdue、due_soon、stale）；用法见 rectify check --help"),
    (("status", "--state", "on-track"),
     "--state：“on-track”不是可选的值，应写作 on_track（可选：overdue、due_soon、on_track、ongoing、done、stale）；用法见 rectify status --help"),
    (("record", "1.1"), "缺少必需的选项 --state；用法见 rectify record --help"),
    (("extend", "1.1", "--to", "2019-12-31"), "缺少必需的选项 --reason；用法见 rectify extend --help"),
    (("check", "--region"), "选项 --region 后面需要一个值；用法见 rectify check --help"),
    (("status", "extra"), "多余的参数：extra；用法见 rectify status --help"),
    (("statu",), "没有命令“statu”（是否指 status？）；用法见 rectify --help"),
    # (a value of 1,000 characters was echoed whole: cut at 40 cells with …, as rectify's own refusals cut it)
    (("措" * 1000,), f"没有命令“{'措' * 19}…”；用法见 rectify --help"),
    (("status", "--warn-days", "x" * 1000), f"--warn-days：“{'x' * 39}…”不是整数；用法见 rectify status --help"),
])
def test_a_command_line_the_parser_refuses_is_said_in_chinese(args, said):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {said}\n")


@pytest.mark.parametrize("args, said", [
    (("status", "--foo"), "no such option --foo (did you mean --format?); see rectify status --help"),
    (("status", "--bogus"), "no such option --bogus; see rectify status --help"),
    (("status", "--format", "xml"), "--format: 'xml' is not one of the choices (table, json); see rectify status --help"),
    (("status", "--state", "closed"), "--state: 'closed' is not one of the choices: write done (overdue, due_soon, on_track, "
                                      "ongoing, done, stale); see rectify status --help"),
    (("record", "1.1"), "missing required option --state; see rectify record --help"),
    (("check", "--region"), "option --region requires a value; see rectify check --help"),
    (("status", "extra"), "unexpected extra argument: extra; see rectify status --help"),
    (("statu",), "no such command 'statu' (did you mean status?); see rectify --help"),
    (("status", "--warn-days", "-1"), "--warn-days: -1 is out of range (at least 0); see rectify status --help"),
    (("status", "--warn-days", "x"), "--warn-days: 'x' is not a whole number; see rectify status --help"),
    (("status", "--format", "x" * 1000),
     f"--format: '{'x' * 39}…' is not one of the choices (table, json); see rectify status --help"),
])
@pytest.mark.parametrize("english", [("--lang", "en"), ("--lang=en",), ()])
def test_in_english_it_is_one_line_too(args, said, english):
    result = run(*english, *args, **({} if english else {"RECTIFY_LANG": "en"}))  # (--lang first: --region takes what follows)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {said}\n")


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
