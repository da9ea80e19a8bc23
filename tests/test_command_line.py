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
