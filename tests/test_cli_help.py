"""Every command documents itself, and usage errors exit 2."""
import pytest
from typer.testing import CliRunner

from rectify_cli.cli import app

COMMANDS = sorted(app.registered_commands, key=lambda c: c.name or "")


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_command_has_help(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    doc = next(c for c in COMMANDS if c.name == command).callback.__doc__
    # (its first line, as the help wraps it: whitespace and Rich's box borders aside)
    shown = " ".join(result.output.replace("│", " ").split())
    assert doc and " ".join(doc.strip().splitlines()[0].split()) in shown


def test_unknown_option_exits_2():
    result = CliRunner().invoke(app, ["status", "--no-such-option"])
    assert result.exit_code == 2


def test_bad_as_of_exits_2_with_message():
    result = CliRunner().invoke(app, ["status", "--registry", "tests/fixtures/small/tasks.yaml", "--as-of", "2019-02-30", "--lang", "en"])
    assert result.exit_code == 2
    assert "--as-of: '2019-02-30' is not a real calendar date" in result.output
