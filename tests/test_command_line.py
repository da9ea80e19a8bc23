"""rectify_cli/command_line.py: how rectify reads its command line before and while the parser
does. (Most of it is what every command's help and refusals say: tests/test_cli_help.py.)"""
import pytest
from typer.testing import CliRunner

from rectify_cli.cli import app
from rectify_cli.command_line import _app_for

from builders import CLI_ENV

NAMES = sorted(c.name for c in app.registered_commands)


# Command lines as `rectify` runs them (cli.main builds only the command named, see _app_for):
# each command's help and refusals, and the group's.
ONE_COMMAND_LINES = [
    *[(name, "--help") for name in NAMES],
    *[("--lang", "en", name, "--help") for name in NAMES],
    *[(name, "--no-such-option") for name in NAMES],
    ("check", "--format", "yaml"), ("record", "--lang", "xx"),
]
GROUP_LINES = [("--help",), ("--help", "status"), ("--lang", "en", "--help"), ("stauts",), ("--lang", "status"),
               ("--no-such-option", "status"), ()]


@pytest.mark.parametrize("args", ONE_COMMAND_LINES + GROUP_LINES, ids=" ".join)
def test_a_command_line_reads_the_same_with_only_the_command_it_names_built(args):
    built = _app_for(app, list(args))
    assert len(built.registered_commands) == (1 if args in ONE_COMMAND_LINES else len(NAMES))
    only, whole = (CliRunner().invoke(each, list(args), prog_name="rectify", env={**CLI_ENV, "RECTIFY_LANG": None})
                   for each in (built, app))
    assert (only.exit_code, only.stdout, only.stderr) == (whole.exit_code, whole.stdout, whole.stderr)


# How the argv reads once a -r/--registry, then a --lang, written before the command's name is
# moved after it (as Group.parse_args and _app_for move them), written out by hand.
MOVED_BEFORE_THE_COMMAND = [
    (["--lang", "en", "status", "--as-of", "x"], ["status", "--lang", "en", "--as-of", "x"]),
    (["-r", "data", "status"], ["status", "-r", "data"]),
    (["--registry", "data", "status", "--lang", "en"], ["status", "--registry", "data", "--lang", "en"]),
    (["--registry=data", "status"], ["status", "--registry=data"]),
    (["-rdata", "status"], ["status", "-rdata"]),
    (["--lang=en", "status"], ["status", "--lang=en"]),
    (["--lang", "en", "-r", "d", "status", "x"], ["status", "--lang", "en", "-r", "d", "x"]),
    (["-v", "-r", "d", "import", "x"], ["-v", "import", "-r", "d", "x"]),
    (["status", "--lang", "en", "-r", "d"], ["status", "--lang", "en", "-r", "d"]),
    # without a command: a --lang is the help's (left out), a -r left as written
    (["--lang", "en", "--help"], ["--help"]),
    (["--lang=en", "--help"], ["--help"]),
    (["-r", "data", "--help"], ["-r", "data", "--help"]),
    (["-r", "data"], ["-r", "data"]),
    (["-r", "data", "--lang", "en"], ["-r", "data", "--lang", "en"]),
    (["--lang"], ["--lang"]),
    (["-r"], ["-r"]),
    ([], []),
]


@pytest.mark.parametrize("args, moved", MOVED_BEFORE_THE_COMMAND, ids=lambda a: " ".join(a))
def test_an_option_before_the_command_is_moved_after_its_name(args, moved):
    from rectify_cli.command_line import _lang_after_command, _registry_after_command

    assert _lang_after_command(_registry_after_command(list(args))) == moved
