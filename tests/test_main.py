"""`python -m rectify_cli` (rectify_cli/__main__.py): Ctrl-C while the modules load ends as it does later."""
from __future__ import annotations

import os
import shutil
import signal
import site
import subprocess
import sys

import pytest

ENV = {**os.environ, "RECTIFY_TODAY": "2019-03-31"}
ENV.pop("RECTIFY_DEBUG", None)
ENV.pop("RECTIFY_LANG", None)

# Ctrl-C while a module loads: an import hook raises KeyboardInterrupt there, as the signal would.
INTERRUPTED_IMPORT = """
import runpy, sys

module = sys.argv[1]

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        global module
        if name == module:
            module = None  # (once: one Ctrl-C)
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["rectify", "status", *sys.argv[2:]]
runpy.run_module("rectify_cli", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("module", ["rectify_cli.i18n", "typer", "rectify_cli.cli", "rectify_cli.command_line",
                                    "rectify_cli.engine"])
def test_ctrl_c_while_the_modules_load_is_no_traceback(module):
    """It printed a Python traceback ending in KeyboardInterrupt, exit 1 (cli.main catches it
    only once it runs). Python's own start (its `site`) and runpy's, before any code of
    rectify's runs, remain Python's to report; the shell sees 130 for a death by SIGINT too.
    (i18n: the words the interruption is said in, which took 15 ms to load before anything
    caught it: a traceback, exit -2, for a Ctrl-C some 40 ms after the start.)"""
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_IMPORT, module], env=ENV, capture_output=True,
                          timeout=60)
    assert done.stderr.decode() == "rectify: 已中断\n"
    assert done.returncode == 130
    assert done.stdout == b""


@pytest.mark.parametrize("args,env", [(["--lang", "en"], {}), (["--lang=en"], {}), ([], {"RECTIFY_LANG": "en"}),
                                      (["--lang", "zh"], {"RECTIFY_LANG": "en"})])
def test_ctrl_c_while_the_modules_load_is_said_in_the_command_lines_language(args, env):
    """It was English whatever the language: the command line is read as the parser reads it later."""
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_IMPORT, "rectify_cli.cli", *args], env={**ENV, **env},
                          capture_output=True, timeout=60)
    expected = "rectify: 已中断\n" if "zh" in args else "rectify: interrupted\n"
    assert done.stderr.decode() == expected
    assert done.returncode == 130
    assert done.stdout == b""


def test_importing_it_runs_nothing():
    """The `rectify` command can name rectify_cli.__main__:run: importing it runs nothing."""
    code = "import rectify_cli.__main__ as m; print(callable(m.run))"
    done = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, timeout=60)
    assert done.stdout == b"True\n" and done.stderr == b""


# Ctrl-C while a command runs: at the step named (a module and a function of it), once the
# entry is written: while its confirmation is written, or while the cache learns the new journal
# (a good part of a second of a big journal's record, after the rename).
INTERRUPTED_COMMAND = """
import importlib, sys

from rectify_cli import cli

def interrupted(*args, **kwargs):
    raise KeyboardInterrupt

module, function = sys.argv[1].rsplit(".", 1)
setattr(importlib.import_module(module), function, interrupted)
sys.argv = ["rectify", "record", "1.1", "--state", "in_progress", "--note", "调试", "-r", *sys.argv[2:]]
cli.main()
"""


@pytest.mark.parametrize("step", ["rectify_cli.render.journal_text.render_written", "rectify_cli.journal.remember_append"])
@pytest.mark.parametrize("lang,expected", [
    ([], "rectify: 已中断；进展记录已写入 {journal}\n"),
    (["--lang", "en"], "rectify: interrupted; the entry was written to {journal}\n"),
])
def test_ctrl_c_while_a_command_runs_says_so_and_what_was_written(tmp_path, lang, expected, step):
    """typer caught it and ended the command with 130 and nothing said: an interrupted record
    never said its entry was written, which a script would then record again. (In English
    whatever the language, until it was said in the command line's.) Nor did one interrupted
    after the rename but before the write returned (kill -INT at random moments of a record
    of a 10,000-measure journal)."""
    small = os.path.join(os.path.dirname(__file__), "fixtures", "small")
    shutil.copytree(small, tmp_path / "small")
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_COMMAND, step, str(tmp_path / "small" / "tasks.yaml"), *lang],
                          env=ENV, capture_output=True, timeout=60)
    assert done.returncode == 130
    journal = tmp_path / "small" / "progress.yaml"
    assert journal.read_text(encoding="utf-8").count("note: 调试") == 1  # (the entry is there)
    assert done.stderr.decode() == expected.format(journal=journal)


# SIGTERM (`timeout 5 rectify record …`, a CI job cancelled, `docker stop`) sent at the step named,
# once, by the process to itself, with rectify run as the `rectify` command runs it.
SIGNALLED_COMMAND = """
import importlib, os, signal, sys, time

from rectify_cli.__main__ import run

module, names = sys.argv[1].split(":")  # (module:function, or module:Class.method)
owner = importlib.import_module(module)
*classes, function = names.split(".")
for name in classes:
    owner = getattr(owner, name)

original, sent = getattr(owner, function), []

def terminated(*args, **kwargs):
    if sent:  # (once: what runs after it, removing a lock file say, runs as it does)
        return original(*args, **kwargs)
    sent.append(True)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(30)  # (the signal ends this wait)

setattr(owner, function, terminated)
sys.argv = ["rectify", "record", "1.1", "--state", "in_progress", "--note", "调试", "-r", *sys.argv[2:]]
run()
"""


# Ctrl-Break on a Windows console: SIGBREAK, which only Windows' signal module has. Simulated here
# by giving it one, an unused POSIX signal, before rectify's code runs (as Windows' is there from the start).
SIGBREAK_COMMAND = ("import signal; signal.SIGBREAK = signal.SIGUSR1\n"
                    + SIGNALLED_COMMAND.replace("signal.SIGTERM", "signal.SIGBREAK"))


@pytest.mark.parametrize("step, written", [("filelock:FileLock.acquire", False),
                                           ("rectify_cli.journal:remember_append", True)])
@pytest.mark.parametrize("lang,also", [([], "；进展记录已写入 {journal}"), (["--lang", "en"], "; the entry was written to {journal}")])
@pytest.mark.parametrize("command, code, said", [
    (SIGNALLED_COMMAND, 143, {"zh": "rectify: 已终止", "en": "rectify: terminated"}),
    pytest.param(SIGBREAK_COMMAND, 130, {"zh": "rectify: 已中断", "en": "rectify: interrupted"},
                 marks=pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="simulated with SIGUSR1 (POSIX)")),
], ids=["sigterm", "ctrl-break"])
def test_a_signal_while_a_write_runs_says_so_and_what_was_written(tmp_path, step, written, lang, also, command, code, said):
    """`timeout 0.5 rectify record …` ended it silently, Python's default for SIGTERM: no word
    of whether the entry was written, the lock file made to wait on left behind. It is said as
    Ctrl-C is, exit 143 (128 + 15), the journal the old one or the new one. Ctrl-Break (SIGBREAK)
    ended it so on Windows: the keyboard's other interrupt, said as Ctrl-C, exit 130."""
    small = os.path.join(os.path.dirname(__file__), "fixtures", "small")
    shutil.copytree(small, tmp_path / "small")
    journal = tmp_path / "small" / "progress.yaml"
    before = journal.read_bytes()
    done = subprocess.run([sys.executable, "-c", command, step, str(tmp_path / "small" / "tasks.yaml"), *lang],
                          env=ENV, capture_output=True, timeout=60)
    expected = said["en" if lang else "zh"] + (also.format(journal=journal) if written else "") + "\n"
    assert (done.returncode, done.stderr.decode(), done.stdout) == (code, expected, b"")
    if written:
        assert journal.read_text(encoding="utf-8").count("note: 调试") == 1
    else:
        assert journal.read_bytes() == before
        assert sorted(p.name for p in journal.parent.iterdir()) == ["progress.yaml", "tasks.yaml"]


def test_sigterm_while_the_modules_load_is_said_too():
    """The handler is set before the modules load (a good part of a second), as Ctrl-C is caught there."""
    script = INTERRUPTED_IMPORT.replace("raise KeyboardInterrupt", "import os, signal, time; "
                                        "os.kill(os.getpid(), signal.SIGTERM); time.sleep(30)")
    done = subprocess.run([sys.executable, "-c", script, "rectify_cli.cli", "--lang", "en"], env=ENV,
                          capture_output=True, timeout=60)
    assert (done.returncode, done.stderr.decode(), done.stdout) == (143, "rectify: terminated\n", b"")




@pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="simulated with SIGUSR1 (POSIX)")
def test_ctrl_break_while_the_modules_load_is_said_too():
    script = ("import signal; signal.SIGBREAK = signal.SIGUSR1\n"
              + INTERRUPTED_IMPORT.replace("raise KeyboardInterrupt", "import os, signal, time; "
                                           "os.kill(os.getpid(), signal.SIGBREAK); time.sleep(30)"))
    done = subprocess.run([sys.executable, "-c", script, "rectify_cli.cli"], env=ENV, capture_output=True,
                          timeout=60)
    assert (done.returncode, done.stderr.decode(), done.stdout) == (130, "rectify: 已中断\n", b"")


@pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="POSIX")
def test_without_sigbreak_no_other_signal_is_taken_for_it(tmp_path):
    """Where signal has no SIGBREAK (all but Windows) no handler is set: SIGUSR1 keeps its default."""
    shutil.copytree(os.path.join(os.path.dirname(__file__), "fixtures", "small"), tmp_path / "small")
    done = subprocess.run([sys.executable, "-c", SIGNALLED_COMMAND.replace("signal.SIGTERM", "signal.SIGUSR1"),
                           "rectify_cli.journal:remember_append", str(tmp_path / "small" / "tasks.yaml")], env=ENV,
                          capture_output=True, timeout=60)
    assert (done.returncode, done.stderr, done.stdout) == (-signal.SIGUSR1, b"", b"")


# Ctrl-C landing in a weakref callback, as in importlib's module locks: Python drops an exception
# raised there ("Exception ignored in: …"). Python 3.12 and 3.13 ran into it (1 in ~300 kill -INT of
# `rectify summary` in its first quarter second), 3.10 and 3.11 not in 600 each.
INTERRUPTED_CALLBACK = INTERRUPTED_IMPORT.replace("raise KeyboardInterrupt", """import weakref
            from rectify_cli import Terminated
            def callback(_):
                raise {exc}
            class Dropped:
                pass
            dropped = Dropped()
            ref = weakref.ref(dropped, callback)
            del dropped""")


@pytest.mark.parametrize("exc,said,code", [("KeyboardInterrupt", "rectify: 已中断\n", 130),
                                           ("Terminated", "rectify: 已终止\n", 143)])
def test_ctrl_c_in_a_callback_whose_exceptions_python_drops_still_ends_the_command(exc, said, code):
    """It printed "Exception ignored in: <function _WeakValueDictionary…> … KeyboardInterrupt",
    and the command ran on to its end, exit 0 (a record written after the Ctrl-C meant to stop it)."""
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_CALLBACK.format(exc=exc), "rectify_cli.engine"],
                          env=ENV, capture_output=True, timeout=60)
    assert (done.returncode, done.stderr.decode()) == (code, said)


def _modules_loaded(*args: str) -> set[str]:
    """The modules a `python -m rectify_cli …` run imported, as `-X importtime` lists them."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "rectify_cli", *args], env=ENV,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [["--help"], ["status", "--help"], ["check", "--help"], ["import", "--help"]])
def test_help_does_not_load_the_registry_or_the_engine(args):
    """Every command pays for what the command line loads before it runs: the engine and the
    model took 35 ms of the 110 ms of start-up, only to name `--state`'s and `--fail-on`'s choices."""
    loaded = _modules_loaded(*args)
    assert {"rectify_cli.cli", "rectify_cli.states"} <= loaded  # (what -X importtime lists, read right)
    assert not loaded & {"rectify_cli.engine", "rectify_cli.model", "rectify_cli.gate", "rectify_cli.registry",
                         "rectify_cli.render.check", "rich.console"}


def test_status_does_not_load_dateutil():
    """dateutil (with six and calendar: 5 ms of start-up) only counted the months a stale ledger
    went unreported; its month arithmetic serves dates typed on the command line and `summary`."""
    data = os.path.join(os.path.dirname(__file__), "..", "data", "tasks.yaml")
    loaded = _modules_loaded("status", "-r", data)
    assert "rectify_cli.render.rich_status" in loaded  # (what -X importtime lists, read right)
    assert not {name for name in loaded if name.startswith("dateutil")}


def test_status_does_not_load_what_only_writing_needs():
    """tempfile (with random: 2.5 ms of start-up) makes the files a write replaces atomically;
    `status` only reads. (Here without Python's `site`, whose .pth files may load it anyway.)"""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    clean = {**ENV, "PYTHONPATH": os.pathsep.join([root, *site.getsitepackages()])}
    done = subprocess.run([sys.executable, "-S", "-X", "importtime", "-m", "rectify_cli", "status", "-r",
                           os.path.join(root, "data", "tasks.yaml")], env=clean, capture_output=True, text=True,
                          timeout=60)
    loaded = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "rectify_cli.fsutil" in loaded  # (what -X importtime lists, read right)
    assert "tempfile" not in loaded


# A command run as `rectify` runs it, telling how many times the cyclic collector ran once run() began.
COLLECTIONS_WHILE_RUNNING = """
import atexit, gc, sys

from rectify_cli.__main__ import run

collected = []
gc.callbacks.append(lambda phase, info: phase == "start" and collected.append(info["generation"]))
atexit.register(lambda: sys.stderr.write(f"collections: {len(collected)}\\n"))
sys.argv = ["rectify", "status", "-r", sys.argv[1]]
run()
"""


def test_the_cyclic_collector_is_off_while_the_modules_load():
    """Loading the command line's modules (typer, click) ran the collector some 20 times, 4-6 ms
    of start-up walking objects that live as long as the process: cli.main turned it off only
    once they were loaded."""
    small = os.path.join(os.path.dirname(__file__), "fixtures", "small", "tasks.yaml")
    done = subprocess.run([sys.executable, "-c", COLLECTIONS_WHILE_RUNNING, small], env=ENV, capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "collections: 0\n")


def test_variables_from_a_windows_env_file_are_read_without_their_carriage_return():
    """`docker run --env-file` and CI secrets pasted from Notepad keep the CR of a CRLF line:
    RECTIFY_TODAY=2019-09-30\\r was refused as no date, RECTIFY_LANG=en\\r left the output Chinese,
    RECTIFY_REGISTRY=…\\r named no file."""
    small = os.path.join(os.path.dirname(__file__), "fixtures", "small", "tasks.yaml")
    env = {**ENV, "RECTIFY_TODAY": "2019-09-30\r", "RECTIFY_LANG": "en\r", "RECTIFY_REGISTRY": small + "\r",
           "NO_COLOR": "1", "COLUMNS": "100"}
    clean = {**env, **{name: env[name].rstrip("\r") for name in ("RECTIFY_TODAY", "RECTIFY_LANG", "RECTIFY_REGISTRY")}}
    done, expected = (subprocess.run([sys.executable, "-m", "rectify_cli", "check"], env=given,
                                     capture_output=True, text=True, timeout=60) for given in (env, clean))
    assert (done.returncode, done.stderr, done.stdout) == (expected.returncode, "", expected.stdout)
    assert done.stdout.endswith(" measures failing (overdue)\n")  # (in English)
