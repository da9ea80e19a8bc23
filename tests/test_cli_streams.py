"""Standard output and standard error that can't take what rectify writes: the exit code still
says what happened (0 ok, 1 the check found something, 2 the input is wrong or the output could
not be written), never click's 1 for a closed pipe, never a traceback or "internal error".

Each case runs the real command line in a subprocess, since what matters is the file
descriptors it is started with:
- a pipe nobody reads (`rectify ... | head -1`, the reader gone): the read end is closed before
  rectify starts, so every write to it fails with EPIPE;
- a closed descriptor (`>&-`, `2>&-`): closed in the child before exec.
Both with Python's buffered standard streams and with PYTHONUNBUFFERED, which moves the failing
write from the final flush into the command itself.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import texts_of

from rectify_cli.chain import entry_hash

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX pipes and file descriptors")

ROOT = Path(__file__).resolve().parents[1]
SMALL = str(ROOT / "tests" / "fixtures" / "small" / "tasks.yaml")
CLOSED_STDOUT = "rectify: 输出无法写入（标准输出已关闭）\n"


@pytest.fixture(params=["buffered", "unbuffered"])
def buffering(request):
    return request.param


def _env(tmp_path, buffering: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("RECTIFY_REGISTRY", "RECTIFY_DEBUG", "RECTIFY_LANG", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY",
                        "PYTHONUNBUFFERED", "TF_BUILD", "TEAMCITY_VERSION")}
    env.update(RECTIFY_TODAY="2019-03-31", RECTIFY_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1",
               PYTHONIOENCODING="utf-8")
    if buffering == "unbuffered":
        env["PYTHONUNBUFFERED"] = "1"
    return env


def _close(*fds):
    def close_in_child():  # runs in the child between fork and exec
        for fd in fds:
            os.close(fd)
    return close_in_child


def rectify(args, tmp_path, buffering="buffered", *, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            close=()) -> tuple[int, bytes, bytes]:
    """(exit code, stdout, stderr) of `python -m rectify_cli ARGS` (b"" for a stream not piped here)."""
    done = subprocess.run([sys.executable, "-m", "rectify_cli", *args], cwd=ROOT, env=_env(tmp_path, buffering),
                          stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                          preexec_fn=_close(*close) if close else None, timeout=120)
    return done.returncode, done.stdout or b"", done.stderr or b""


def rectify_into_a_pipe_nobody_reads(args, tmp_path, buffering) -> tuple[int, bytes]:
    """(exit code, stderr) of rectify writing into a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        code, _, err = rectify(args, tmp_path, buffering, stdout=write_end)
    finally:
        os.close(write_end)
    return code, err


# -- bug 1: a reader that stops early --------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["verify", "-r", SMALL],
    ["export", "-r", SMALL],
    ["validate", SMALL],
    ["history", "-r", SMALL],
    ["summary", "--month", "2019-03", "-r", SMALL],
    ["status", "--format", "json", "-r", SMALL],
    ["status", "-r", SMALL],
    ["status", "--measures", "-r", SMALL],
    ["show", "1.1", "-r", SMALL],
    ["export"],  # the bundled ledger: far more than one buffer, so the write fails mid-command
], ids=lambda a: " ".join(x for x in a if x != SMALL))
def test_a_reader_that_stops_early_is_no_error(args, tmp_path, buffering):
    """`rectify export | head -1`: the reader's choice, not an error: exit 0, no message (it
    was 1, "the check found something", for every command but the Rich table)."""
    assert rectify_into_a_pipe_nobody_reads(args, tmp_path, buffering) == (0, b"")


@pytest.mark.parametrize("args,verdict", [
    (["check", "-r", SMALL], 1),                                                  # short report, overdue
    (["check", "-r", SMALL, "--as-of", "2017-01-01", "--format", "junit"], 0),    # short report, all fine
    (["check", "--format", "junit"], 1),                  # bundled ledger, ~30 kB: fails mid-write
    (["check", "--as-of", "2017-06-01", "--format", "junit"], 0),  # ~50 kB, all fine
    (["reconcile", "-r", SMALL], 1),                      # a claim the appendix does not support
], ids=["small-overdue", "small-ok", "bundled-overdue", "bundled-ok", "reconcile"])
def test_a_reader_that_stops_early_leaves_the_verdict_of_check(args, verdict, tmp_path, buffering):
    """`rectify check | head` (and reconcile, a check of the report's figures): the verdict is known before the report is written; the exit
    code stays the verdict whether or not anybody read the report."""
    assert rectify(args, tmp_path, buffering, stderr=subprocess.DEVNULL)[0] == verdict  # (the premise)
    assert rectify_into_a_pipe_nobody_reads(args, tmp_path, buffering) == (verdict, b"")


# -- bug 2: standard output closed -----------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["export", "-r", SMALL],
    ["status", "-r", SMALL],
    ["status", "--format", "json", "-r", SMALL],
    ["show", "1.1", "-r", SMALL],
    ["validate", SMALL],
    ["check", "-r", SMALL],
], ids=lambda a: " ".join(x for x in a if x != SMALL))
def test_a_closed_standard_output_is_output_that_could_not_be_written(args, tmp_path, buffering):
    """`rectify export >&-`: as for `> /dev/full`, exit 2 and why (it was "internal error:
    AttributeError", and for `status` exit 0 with the table silently lost)."""
    code, _, err = rectify(args, tmp_path, buffering, stdout=None, close=(1,))
    assert (code, err.decode()) == (2, CLOSED_STDOUT)


def test_a_closed_standard_output_is_said_in_the_command_lines_language(tmp_path):
    """It was English whatever the language."""
    code, _, err = rectify(["status", "-r", SMALL, "--lang", "en"], tmp_path, stdout=None, close=(1,))
    assert (code, err.decode()) == (2, "rectify: the output could not be written (standard output is closed)\n")


def test_a_closed_standard_output_does_not_hide_an_input_error(tmp_path):
    code, _, err = rectify(["status", "-r", "/nonexistent", "--lang", "en"], tmp_path, stdout=None, close=(1,))
    assert (code, err.decode()) == (2, "rectify: /nonexistent: no such file or folder\n")


def test_a_read_only_standard_output_is_output_that_could_not_be_written(tmp_path):
    with open(os.devnull, "rb") as read_only:
        code, _, err = rectify(["export", "-r", SMALL], tmp_path, stdout=read_only)
    # (the OS's words, as it says them)
    assert (code, err.decode()) == (2, "rectify: 标准输出（/dev/null）无法写入（Bad file descriptor）\n")


@pytest.mark.skipif(not Path("/dev/full").exists() or not Path("/proc/self/fd/1").exists(),
                    reason="needs /dev/full and /proc")
@pytest.mark.parametrize("lang,expected", [
    ([], "rectify: 标准输出（/dev/full）无法写入（磁盘空间不足）\n"),
    (["--lang", "en"], "rectify: standard output (/dev/full) could not be written (No space left on device)\n"),
])
def test_a_full_standard_output_is_named(tmp_path, buffering, lang, expected):
    """`rectify status > /mnt/full/file`: the shell opened the file, so the message named
    nothing ("输出无法写入（磁盘空间不足）"); it names what standard output is."""
    with open("/dev/full", "wb") as full:
        code, _, err = rectify(["status", "-r", SMALL, *lang], tmp_path, buffering, stdout=full)
    assert (code, err.decode()) == (2, expected)


def test_a_read_only_file_as_standard_output_is_named(tmp_path):
    report = tmp_path / "报告.txt"
    report.write_text("", encoding="utf-8")
    with open(report, "rb") as read_only:
        code, _, err = rectify(["status", "-r", SMALL, "--lang", "en"], tmp_path, stdout=read_only)
    assert (code, err.decode()) == (2, f"rectify: standard output ({report}) could not be written (Bad file descriptor)\n")


def test_standard_output_that_is_no_file_by_name_is_said_standard_output(tmp_path):
    """A pipe (its read end, so writes fail), or a file deleted since it was opened: no name to give."""
    read_end, write_end = os.pipe()
    try:
        code, _, err = rectify(["status", "-r", SMALL, "--lang", "en"], tmp_path, stdout=read_end)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert (code, err.decode()) == (2, "rectify: standard output could not be written (Bad file descriptor)\n")
    gone = tmp_path / "gone.txt"
    gone.write_text("", encoding="utf-8")
    with open(gone, "rb") as read_only:
        gone.unlink()
        code, _, err = rectify(["status", "-r", SMALL], tmp_path, stdout=read_only)
    assert (code, err.decode()) == (2, "rectify: 标准输出无法写入（Bad file descriptor）\n")


@pytest.mark.parametrize("lang,expected", [
    ([], "rectify: 输出无法写入（标准输出已关闭）；进展记录已写入 {journal}\n"),
    (["--lang", "en"], "rectify: the output could not be written (standard output is closed); "
                       "the entry was written to {journal}\n"),
])
def test_a_journal_command_whose_output_fails_says_the_entry_was_written(tmp_path, buffering, lang, expected):
    """`rectify report ... >&-` writes the entry, then can't confirm it: exit 2 as for any
    output, but saying the entry is in the journal, lest a script that sees 2 record it again."""
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(Path(SMALL).with_name(name), tmp_path / name)
    journal = tmp_path / "progress.yaml"
    entries_before = journal.read_text(encoding="utf-8").count("hash:")
    code, _, err = rectify(["report", "2.2", "--note", "按月报告", "-r", str(tmp_path / "tasks.yaml"), *lang], tmp_path,
                           buffering, stdout=None, close=(1,))
    assert journal.read_text(encoding="utf-8").count("hash:") == entries_before + 1
    assert (code, err.decode()) == (2, expected.format(journal=journal))


# -- bug 3: standard error closed or gone ----------------------------------------------------
@pytest.mark.parametrize("args,expected", [
    (["status", "-r", "/nonexistent"], 2),
    (["status", "--as-of", "2019-02-30", "-r", SMALL], 2),
    (["status", "--no-such-option"], 2),
    (["check", "-r", SMALL], 1),
    (["status", "-r", SMALL], 0),
], ids=["missing-registry", "bad-date", "usage-error", "check-overdue", "ok"])
@pytest.mark.parametrize("how", ["closed", "read-only"])
def test_a_closed_standard_error_keeps_the_exit_code(args, expected, how, tmp_path, buffering):
    """`rectify status -r /nonexistent 2>&-`: the message can't be shown; the exit code still
    says "the input is wrong" (it was 1). Through a wrapper script (pyenv's shims are bash)
    the closed descriptor 2 reaches Python open read-only, hence both."""
    if how == "closed":
        assert rectify(args, tmp_path, buffering, stderr=None, close=(2,))[0] == expected
    else:
        with open(os.devnull, "rb") as read_only:
            assert rectify(args, tmp_path, buffering, stderr=read_only)[0] == expected


def test_standard_error_into_a_pipe_nobody_reads_keeps_the_exit_code(tmp_path, buffering):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        code, out, _ = rectify(["status", "-r", "/nonexistent"], tmp_path, buffering, stderr=write_end)
    finally:
        os.close(write_end)
    assert (code, out) == (2, b"")


def test_both_closed_still_say_the_output_could_not_be_written(tmp_path):
    assert rectify(["export", "-r", SMALL], tmp_path, stdout=None, stderr=None, close=(1, 2))[0] == 2


# -- an output encoding that lacks a character (a Chinese Windows machine: GBK) ------------------
def _emoji_registry(tmp_path) -> Path:
    """The small registry with a 🚧 (not in GBK) in a task title, a measure's text and a note."""
    folder = tmp_path / "reg"
    folder.mkdir()
    plan = Path(SMALL).read_text(encoding="utf-8").replace("title: 污水处理设施建设滞后", "title: 🚧污水处理设施建设滞后")
    plan = plan.replace("text: 拉萨市建成城东污水处理厂", "text: 🚧拉萨市建成城东污水处理厂")
    (folder / "tasks.yaml").write_text(plan, encoding="utf-8")
    journal = Path(SMALL).with_name("progress.yaml").read_text(encoding="utf-8")
    entry = {"measure": "1.1", "date": "2019-03-20", "state": "in_progress", "note": "🚧设备调试"}
    last = journal.rsplit("hash: ", 1)[1].strip()  # (hashed, as written: a write to it warns of nothing)
    (folder / "progress.yaml").write_text(journal + '- measure: "1.1"\n  date: 2019-03-20\n  state: in_progress\n'
                                          f"  note: 🚧设备调试\n  hash: {entry_hash(last, entry)}\n", encoding="utf-8")
    return folder / "tasks.yaml"


def rectify_gbk(args, tmp_path) -> tuple[int, bytes, bytes]:
    """rectify with standard output in GBK, as on a Chinese Windows machine writing to a file or a pipe."""
    env = {**_env(tmp_path, "buffered"), "PYTHONIOENCODING": "gbk"}
    done = subprocess.run([sys.executable, "-m", "rectify_cli", *args], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("args", [
    ["status"], ["status", "--measures"], ["show", "1"], ["history"], ["summary", "--month", "2019-03"],
    ["status", "--lang", "en"], ["show", "1", "--lang", "en"], ["summary", "--month", "2019-03", "--lang", "en"],
], ids=" ".join)
def test_a_character_the_output_encoding_lacks_is_written_as_an_escape(args, tmp_path):
    """`rectify status > a.txt` on a Chinese Windows machine, with a 🚧 in a title: the report,
    with the emoji as \\U0001f6a7 (it was "internal error: UnicodeEncodeError", and nothing)."""
    code, out, err = rectify_gbk([*args, "-r", str(_emoji_registry(tmp_path))], tmp_path)
    assert (code, err) == (0, b"")
    assert "\\U0001f6a7" in out.decode("gbk")


def test_the_bundled_ledger_shows_under_gbk(tmp_path):
    """The bundled journal has m³ in 10.1's note: `show 10.1` died at it, halfway through."""
    code, out, err = rectify_gbk(["show", "10.1"], tmp_path)
    assert (code, err) == (0, b"")
    assert "m\\xb3" in out.decode("gbk")


def test_a_journal_write_confirmed_under_gbk(tmp_path):
    """The entry is written and confirmed, its evidence's ³ escaped in the notice (the
    confirmation crashed after the write, exit 2, and a script recorded the entry again)."""
    plan = _emoji_registry(tmp_path)
    journal = plan.with_name("progress.yaml")
    before = journal.read_text(encoding="utf-8").count("hash:")
    code, out, err = rectify_gbk(["close", "3.1", "--evidence", "验收材料/处理能力2万m³", "-r", str(plan)], tmp_path)
    assert (code, err) == (0, b"")
    assert "验收材料/处理能力2万m\\xb3" in out.decode("gbk")
    assert journal.read_text(encoding="utf-8").count("hash:") == before + 1


# A bug after the entry is written: here, in writing its confirmation.
BUG_AFTER_THE_WRITE = """
import sys

from rectify_cli import cli
from rectify_cli.render import journal_text

def boom(*args, **kwargs):
    raise ValueError("boom")

journal_text.render_written = boom
sys.argv = ["rectify", "report", "2.2", "--note", "按月报告", *sys.argv[1:]]
cli.main()
"""


@pytest.mark.parametrize("lang,expected", [
    ([], "rectify: 内部错误：ValueError: boom（设置 RECTIFY_DEBUG=1 可查看详情）；进展记录已写入 {journal}\n"),
    (["--lang=en"], "rectify: internal error: ValueError: boom (set RECTIFY_DEBUG=1 for details); "
                    "the entry was written to {journal}\n"),
])
def test_an_internal_error_after_a_journal_write_says_the_entry_was_written(tmp_path, lang, expected):
    """Whatever fails after the entry is written, the message says it is in the journal, in the
    command line's language (it was English whatever the language)."""
    for name in ("tasks.yaml", "progress.yaml"):
        shutil.copy(Path(SMALL).with_name(name), tmp_path / name)
    done = subprocess.run([sys.executable, "-c", BUG_AFTER_THE_WRITE, "-r", str(tmp_path / "tasks.yaml"), *lang],
                          cwd=ROOT, env=_env(tmp_path, "buffered"), capture_output=True, timeout=120)
    assert (done.returncode, done.stderr.decode()) == (2, expected.format(journal=tmp_path / "progress.yaml"))


@pytest.mark.parametrize("args", [
    ["status", "--format", "json"], ["export"], ["check", "--format", "json"], ["check", "--format", "junit"],
], ids=" ".join)
def test_machine_formats_are_utf8_whatever_the_console(args, tmp_path):
    """`status --format json > s.json` on a Chinese Windows runner: UTF-8, as JSON must be and
    as `check --format json` always was (it was GBK, and crashed at a 🚧)."""
    plan = _emoji_registry(tmp_path)
    code, gbk, err = rectify_gbk([*args, "-r", str(plan)], tmp_path)
    _, utf8, _ = rectify([*args, "-r", str(plan)], tmp_path)
    assert err == b""
    assert gbk == utf8 and "🚧".encode() in gbk


def test_import_to_standard_output_is_utf8_whatever_the_console(tmp_path):
    """`rectify import report.txt > out.yaml` under GBK: YAML rectify can read back (it was
    GBK, which the loader then refused, or cut off at the first m³)."""
    report = ROOT / "data" / "source" / "xizang-2019-rectification-report.txt"
    curation = ROOT / "data" / "source" / "curation.yaml"
    if not report.is_file():
        pytest.skip("no bundled report")
    args = ["import", str(report), "--curation", str(curation)]
    code, gbk, _ = rectify_gbk(args, tmp_path)
    assert code == 0
    assert gbk == rectify(args, tmp_path)[1]
    assert "m³".encode() in gbk


# -- registry text in an Azure Pipelines or TeamCity job's log ---------------------------------
# Both read commands anywhere in a line of the job's output: the Azure agent finds "##vso[" with
# message.IndexOf (Command.TryParse, culture-sensitive: a zero-width character between the two #
# is skipped as ignorable); its log viewer renders "##[group]", "##[error]"…; TeamCity finds
# "##teamcity[" mid-line too.
CI_LOG = str(ROOT / "tests" / "fixtures" / "ci_log_commands" / "tasks.yaml")
AZURE, TEAMCITY = {"TF_BUILD": "True"}, {"TEAMCITY_VERSION": "2024.12 (build 174331)"}
HAIR = "\u200a"  # (between the two #: no command, and the text still reads as written)


AZURE_OPENINGS, TEAMCITY_OPENINGS = ("##vso[", "##["), ("##teamcity[",)


def _openings(env: dict) -> tuple[str, ...]:
    return (AZURE_OPENINGS if "TF_BUILD" in env else ()) + (TEAMCITY_OPENINGS if "TEAMCITY_VERSION" in env else ())


def obeyed_in_the_log(text: str, env: dict) -> list[str]:
    """The lines of `text` holding a command the CI of `env` would obey: searched with ignorable
    (format) characters dropped, as a culture-sensitive search does."""
    import unicodedata

    def seen(line):
        return "".join(c for c in line if unicodedata.category(c) != "Cf")

    return [line for line in text.split("\n") if any(opening in seen(line) for opening in _openings(env))]


def rectify_in_a_ci_log(args, tmp_path, env=None, stdout=subprocess.PIPE) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "rectify_cli", *args], cwd=ROOT, env={**_env(tmp_path, "buffered"),
                          **(env or {})}, stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE, timeout=120)
    return done.returncode, (done.stdout or b"").decode("utf-8"), done.stderr.decode("utf-8")


def _broken(text: str, env: dict) -> str:
    """`text` with the two # of each command opening the CI of `env` obeys apart."""
    for opening in _openings(env):
        text = text.replace(opening, f"#{HAIR}#{opening[2:]}")
    return text


CHECK_IN_A_CI_LOG = [
    "1.1  红  逾期89天  自治区生态环境厅  改{a}vso[task.setvariable vari…",
    "1.2  红  逾期58天  {a}[group]x        {a}vso[task.complete result=Fa…",
    "临期提醒（不计为失败）：",
    "1.3  黄  2019-04-15到期  自治区生态环境厅  {t}teamcity[buildStatus text='…",
    "2 项措施逾期（共 3 项）",
    "",
]


@pytest.mark.parametrize("env", [AZURE, TEAMCITY, {**AZURE, **TEAMCITY}], ids=["azure", "teamcity", "both"])
def test_registry_text_issues_no_command_in_an_azure_or_teamcity_log_from_check(env, tmp_path):
    """A measure's `##vso[task.setvariable variable=PWNED]yes` set a pipeline variable from
    `rectify check`'s report, a unit's `##[group]x` opened a group, `##teamcity[buildStatus …]`
    set the build's status: each is shown with its two # apart, nothing else changed."""
    code, out, err = rectify_in_a_ci_log(["check", "-r", CI_LOG], tmp_path, env)
    assert (code, err) == (1, "")
    apart = {"a": f"#{HAIR}#" if "TF_BUILD" in env else "##", "t": f"#{HAIR}#" if "TEAMCITY_VERSION" in env else "##"}
    assert out.split("\n") == [line.format(**apart) for line in CHECK_IN_A_CI_LOG]
    assert obeyed_in_the_log(out, env) == []


@pytest.mark.parametrize("args", [["status", "--measures"], ["summary", "--month", "2019-03"], ["show", "1.2"],
                                  ["show", "1.3"]], ids=" ".join)
@pytest.mark.parametrize("env", [AZURE, TEAMCITY], ids=["azure", "teamcity"])
def test_registry_text_issues_no_command_in_an_azure_or_teamcity_log(args, env, tmp_path):
    """status, summary and show print the measures' texts and units (summary's table of units
    starts a line with `##[group]x`): in the job's log each command's two # are apart."""
    plain = rectify_in_a_ci_log([*args, "-r", CI_LOG], tmp_path)
    code, out, err = rectify_in_a_ci_log([*args, "-r", CI_LOG], tmp_path, env)
    assert (code, err) == (plain[0], plain[2]) == (0, "")
    assert out == _broken(plain[1], env) and obeyed_in_the_log(out, env) == []
    assert obeyed_in_the_log(plain[1], env) != [] or args[0] == "show"  # (1.2 holds Azure's, 1.3 TeamCity's)


def test_a_unit_starting_a_line_issues_no_command_in_an_azure_log(tmp_path):
    code, out, _ = rectify_in_a_ci_log(["summary", "--month", "2019-03", "-r", CI_LOG], tmp_path, AZURE)
    assert code == 0
    assert f"#{HAIR}#[group]x               1       1             0           0" in out.split("\n")


@pytest.mark.parametrize("args", [["check"], ["status", "--measures"], ["summary", "--month", "2019-03"],
                                  ["check", "--format", "json"], ["check", "--format", "junit"],
                                  ["check", "--format", "sarif"], ["status", "--format", "json"]], ids=" ".join)
def test_outside_a_ci_log_the_output_is_as_written(args, tmp_path):
    """Redirected to a file (`> report.txt`) a report holds the text alone, even under the CI;
    and machine formats are never changed (a pipe to jq looks like the log)."""
    plain = rectify_in_a_ci_log([*args, "-r", CI_LOG], tmp_path)
    assert "##" in plain[1]
    with open(tmp_path / "report", "wb") as file:
        code, _, err = rectify_in_a_ci_log([*args, "-r", CI_LOG], tmp_path, {**AZURE, **TEAMCITY}, stdout=file)
    assert (code, (tmp_path / "report").read_text(encoding="utf-8"), err) == plain
    if "--format" in args:
        assert rectify_in_a_ci_log([*args, "-r", CI_LOG], tmp_path, {**AZURE, **TEAMCITY}) == plain


def test_a_refusal_naming_registry_text_issues_no_command_in_an_azure_log(tmp_path):
    """The Azure agent reads standard error too: a unit's name quoted in a refusal, exit 2."""
    plan = Path(CI_LOG).read_text(encoding="utf-8").replace(
        "owners: [自治区生态环境厅], lead: 自治区生态环境厅, milestones: [{kind: date, due: 2019-04-15}]",
        'owners: ["##vso[task.setvariable variable=X]y"], lead: 自治区生态环境厅, milestones: [{kind: date, due: 2019-04-15}]')
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    code, out, err = rectify_in_a_ci_log(["status", "-r", str(tmp_path / "tasks.yaml")], tmp_path, AZURE)
    assert (code, out) == (2, "")
    assert err == (f"rectify: {tmp_path / 'tasks.yaml'}:15:68: 措施 1.3 的 owners：未知单位"
                   f"“#{HAIR}#vso[task.setvariable variable=X]y”；请在 'units:' 下声明\n")


@pytest.mark.parametrize("args, said", [
    (["status", "--state", "##vso[task.setvariable variable=X]y"],
     "rectify: --state：“#{a}#vso[task.setvariable variable=X]y”不是可选的值（可选：overdue、due_soon、on_track、ongoing、done、"
     "stale）；用法见 python -m rectify_cli status --help\n"),
    (["import", "##vso[task.complete result=Failed]x.txt"],
     "rectify: #{a}#vso[task.complete result=Failed]x.txt: 文件不存在\n"),
])
def test_a_value_typed_quoted_in_a_refusal_issues_no_command_in_an_azure_log(args, said, tmp_path):
    """A refusal quoting what was typed (a CI script's variable, say) is said as every refusal is:
    in an Azure job's log its two # apart (a parser's refusal set a pipeline variable)."""
    code, out, err = rectify_in_a_ci_log(args, tmp_path, AZURE)
    assert (code, out, err) == (2, "", said.format(a=HAIR))


def test_a_warning_naming_registry_text_issues_no_command_in_an_azure_log(tmp_path):
    """validate's warning on standard error names the report registry.source gives: its
    `##vso[…]` set a pipeline variable (the Azure agent reads standard error too)."""
    plan = Path(CI_LOG).read_text(encoding="utf-8").replace(
        "report_date: 2019-03-31}", 'report_date: 2019-03-31, source: "##vso[task.setvariable variable=X]y.txt"}')
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    code, out, err = rectify_in_a_ci_log(["validate", str(tmp_path / "tasks.yaml")], tmp_path, AZURE)
    assert (code, out) == (0, f"{tmp_path / 'tasks.yaml'}：通过——1项整改任务、3项具体措施、0条进展记录\n")
    assert err == (f"rectify: {tmp_path / 'tasks.yaml'}:1: 警告：registry.source 所指的报告读不到（{tmp_path}/"
                   f"#{HAIR}#vso[task.setvariable variable=X]y.txt：文件不存在）：rectify reconcile 不会核对报告数字的原文\n")


def test_history_issues_no_command_in_an_azure_log(tmp_path):
    """A journal entry's note and evidence, as history lists them."""
    shutil.copy(CI_LOG, tmp_path / "tasks.yaml")
    registry = ["-r", str(tmp_path / "tasks.yaml")]
    assert rectify_in_a_ci_log(["record", "1.1", "--state", "in_progress", "--note", "进展##vso[task.complete result=Failed]",
                                "--evidence", "##[error]e", *registry], tmp_path)[0] == 0
    plain = rectify_in_a_ci_log(["history", *registry], tmp_path)
    code, out, err = rectify_in_a_ci_log(["history", *registry], tmp_path, AZURE)
    assert (code, out, err) == (0, plain[1].replace("进展##vso[", f"进展#{HAIR}#vso[").replace("##[error]e", f"#{HAIR}#[error]e"), "")
    assert "##vso[task.complete" in plain[1] and obeyed_in_the_log(out, AZURE) == []


@pytest.mark.parametrize("args", [["check", "--format", "text"], ["summary", "--month", "2019-03"]], ids=" ".join)
def test_text_written_with_o_dev_stdout_into_an_azure_log_issues_no_command(args, tmp_path):
    """`-o /dev/stdout` in a step writes to the job's log, as `-o -` does."""
    bare = rectify_in_a_ci_log([*args, "-r", CI_LOG, "-o", "-"], tmp_path, AZURE)
    named = rectify_in_a_ci_log([*args, "-r", CI_LOG, "-o", "/dev/stdout"], tmp_path, AZURE)
    assert named == bare and f"#{HAIR}#vso[" in named[1] and obeyed_in_the_log(named[1], AZURE) == []


@pytest.mark.parametrize("written", ["#\u200d#vso[", "##\u200bvso[", "##v\u00adso[", "#\ufeff#\u2060[", "##te\u200camcity["],
                         ids=["zwj", "zwsp", "soft hyphen", "bom word joiner", "zwnj teamcity"])
def test_a_command_spelt_with_invisible_characters_issues_none_in_the_log(written, tmp_path):
    """The Azure agent finds `##vso[` with a culture-sensitive search, which skips a zero-width
    character wherever it is: `#\\u200d#vso[` was not taken apart, and the agent took the line
    for a command it could not read (hidden from the log, a warning in its place)."""
    plan = Path(CI_LOG).read_text(encoding="utf-8").replace("改##vso[", f"改{written}")
    (tmp_path / "tasks.yaml").write_text(plan, encoding="utf-8")
    env = {**AZURE, **TEAMCITY}
    code, out, err = rectify_in_a_ci_log(["check", "-r", str(tmp_path / "tasks.yaml")], tmp_path, env)
    assert (code, err) == (1, "")
    assert obeyed_in_the_log(out, env) == []
    assert f"改#{HAIR}{written[1:4]}" in out.split("\n")[0]  # (the rest of the cell cut to the column)


@pytest.mark.parametrize("args", [["check", "--format", "json"], ["check", "--format", "sarif"],
                                  ["check", "--format", "junit"], ["status", "--format", "json"], ["export"]],
                         ids=" ".join)
def test_a_machine_format_shown_in_an_azure_or_teamcity_log_issues_no_command(args, tmp_path):
    """JSON, SARIF and JUnit are written as they are wherever they go (a pipe to jq and one to
    the log look alike), and a step that prints one lands it in the job's log: a measure's
    `##vso[task.setvariable …]` set a pipeline variable there. Its "[" is written as a reference
    to it, which every reader of the format reads as "[" (as GitHub's `##[` always was)."""
    env = {**AZURE, **TEAMCITY}
    code, out, err = rectify_in_a_ci_log([*args, "-r", CI_LOG], tmp_path, env)
    assert (code, err) == (1 if args[0] == "check" else 0, "")
    assert obeyed_in_the_log(out, env) == []
    texts = texts_of(out, "junit" if "junit" in args else "json")
    said = ["##[group]x"] if args[0] == "status" else ["改##vso[task.setvariable variable=PWNED]yes",
                                                       "##teamcity[buildStatus text='x']"]  # (status: units, no text)
    assert all(any(written in text for text in texts) for written in said)


# -- Windows: a reader gone is said EINVAL, not EPIPE --------------------------------------------
# rectify as on Windows, whose C runtime says a write to a pipe its reader closed (ERROR_NO_DATA)
# as EINVAL, "Invalid argument" (python/cpython#79935): streams loaded while sys.platform says
# win32, and standard output's writes raising EINVAL where here they raise EPIPE.
_AS_ON_WINDOWS = """
import errno, io, sys
platform, sys.platform = sys.platform, "win32"
from rectify_cli import streams
sys.platform = platform

class _WindowsPipe(io.FileIO):
    def write(self, data):
        try:
            return super().write(data)
        except BrokenPipeError:
            raise OSError(errno.EINVAL, "Invalid argument") from None

class _Stream(streams._StandardStream, _WindowsPipe):
    pass

streams._StandardStream = _Stream
sys.argv = ["rectify", *sys.argv[1:]]
from rectify_cli.__main__ import run
run()
"""


@pytest.mark.parametrize("args,verdict", [
    (["status", "-r", SMALL], 0),
    (["export"], 0),  # (the bundled ledger: the write fails mid-command)
    (["check", "--format", "junit"], 1),
], ids=["status", "export", "check"])
def test_a_reader_that_stops_early_on_windows_is_no_error(args, verdict, tmp_path, buffering):
    """`rectify status | more`, quit at the first page, on Windows: the write raised EINVAL, taken
    for output that could not be written (exit 2, 输出无法写入), not for the reader's choice."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-c", _AS_ON_WINDOWS, *args], cwd=ROOT, env=_env(tmp_path, buffering),
                              stdin=subprocess.DEVNULL, stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (verdict, b"")


def test_a_full_disk_on_windows_is_still_output_that_could_not_be_written(tmp_path):
    """(EINVAL alone is taken for the reader gone: ENOSPC still says the output failed)"""
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-c", _AS_ON_WINDOWS, "export"], cwd=ROOT, env=_env(tmp_path, "buffered"),
                              stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert (done.returncode, done.stderr.decode()) == (2, "rectify: 标准输出（/dev/full）无法写入（磁盘空间不足）\n")
