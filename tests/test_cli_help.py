"""Every command documents itself, in Chinese by default and in English with --lang en, and usage
errors exit 2."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner
from wcwidth import wcswidth

from rectify_cli.cli import app
from rectify_cli.i18n import LABELS

from builders import CLI_ENV

COMMANDS = sorted(app.registered_commands, key=lambda c: c.name or "")
NAMES = [c.name for c in COMMANDS]
LISTED = [c.name for c in COMMANDS if not c.hidden]  # (merge-journal, git's merge driver, is not listed)


def run(*args, width=None, **env):
    return CliRunner().invoke(app, list(args), prog_name="rectify", env={**CLI_ENV, "RECTIFY_LANG": None, **env},
                              terminal_width=width)


def help_of(*args, **env) -> list[str]:
    result = run(*args, **env)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def rectify(*args, **env) -> subprocess.CompletedProcess:
    """`python -m rectify_cli ARGS` as a terminal 80 columns wide runs it."""
    env = {**os.environ, **CLI_ENV, "RECTIFY_LANG": None, "COLUMNS": "80", **env}
    return subprocess.run([sys.executable, "-m", "rectify_cli", *args], capture_output=True, text=True, timeout=60,
                          env={name: value for name, value in env.items() if value is not None})


@pytest.mark.parametrize("command", NAMES)
def test_every_command_has_help(command):
    lines = help_of(command, "--help")
    assert lines[0].startswith(f"用法：rectify {command} [选项]")
    zh, en = LABELS[f"help_{command.replace('-', '_')}"]
    assert "".join(line.strip() for line in lines[2:lines.index("", 2)]) == zh
    lines = help_of(command, "--help", RECTIFY_LANG="en")
    assert " ".join(line.strip() for line in lines[2:lines.index("", 2)]) == en


CLOSE_ZH = """\
用法：python -m rectify_cli close [选项] <措施>

  措施办结销号，须附佐证。长期坚持的措施销号后仍须坚持。

参数：
  <措施>  措施编号，如 35.2（文件夹台账中带文件名：xizang:35.2）。  [必填]

选项：
  --evidence <文本>      必填：证明已完成的佐证（文件路径或文字）。
  --milestone <日期>     销号或延期时：措施有多个期限的，只针对方案中在该日期
                         到期的一步。
  --note <文本>          情况说明。
  --date <日期>          记录日期（默认：台账所在时区的今天）。
  --by <文本>            记录单位（名称或别名）。
  -r, --registry <路径>  整改方案文件（tasks.yaml）或方案文件所在的文件夹。默
                         认：data/tasks.yaml 或 data/ 中的方案文件（在当前文件
                         夹及其上级中查找，至仓库根目录为止）；都没有则不写
                         入：内置示例台账不作记录用。  [环境变量：
                         RECTIFY_REGISTRY]
  --lang <zh|en>         报告、提示和帮助的语言：zh（默认）或 en。  [环境变
                         量：RECTIFY_LANG；默认：zh]
  --help                 显示本帮助并退出。
"""

CLOSE_EN = """\
Usage: python -m rectify_cli close [OPTIONS] <measure>

  Close out a measure (销号), with evidence. An ongoing measure keeps running.

Arguments:
  <measure>  Measure id, e.g. 35.2 (in a folder, with its file's name:
             xizang:35.2).  [required]

Options:
  --evidence <text>      Required: what proves it is done (a file path or
                         text).
  --milestone <date>     A close or an extension: only the step due on this
                         date (as the plan writes it), of a measure with
                         several.
  --note <text>          What happened.
  --date <date>          Date of the entry (default: today in the registry's
                         time zone).
  --by <text>            The unit recording it (name or alias).
  -r, --registry <path>  Plan file (tasks.yaml) or folder of plan files.
                         Default: data/tasks.yaml or data/'s plan files, here
                         or in a folder above (up to the repository's root);
                         with neither, nothing is written: the bundled example
                         ledger is not for recording.  [env var:
                         RECTIFY_REGISTRY]
  --lang <zh|en>         Language of the report, the messages and this help
                         (zh, the default, or en).  [env var: RECTIFY_LANG;
                         default: zh]
  --help                 Show this message and exit.
"""


def test_close_help_in_chinese():
    assert rectify("close", "--help").stdout == CLOSE_ZH


@pytest.mark.parametrize("env", [{}, {"RECTIFY_LANG": "en"}])
def test_close_help_in_english(env):
    assert rectify("close", "--help", *(() if env else ("--lang", "en")), **env).stdout == CLOSE_EN


@pytest.mark.parametrize("args", [("close", "--lang=en", "--help"), ("--lang", "en", "close", "--help"),
                                  ("close", "--help", "--lang", "en")])
def test_lang_en_anywhere_gives_the_english_help(args):
    assert run(*args).stdout == run("close", "--help", RECTIFY_LANG="en").stdout



# Each command's argument, as its usage line and its help name it (in brackets: it may be left out).
ARGUMENTS = {"show": ("<编号>", "<id>"), "history": ("[<编号>]", "[<id>]"), "validate": ("[<路径>]", "[<path>]"),
             "import": ("<报告>", "<report>"),
             "merge-journal": ("<基础> <我方> <对方> [<路径>]", "<base> <ours> <theirs> [<path>]"),
             **{command: ("<措施>", "<measure>") for command in ("record", "close", "reopen", "report", "extend", "retract")}}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", NAMES)
def test_an_argument_is_named_as_option_values_are(command, lang):
    """`import --help` said `用法：rectify import [选项] {report}` (the parser's braces, the
    argument's English name), where an option's value reads <路径>."""
    zh, en = ARGUMENTS.get(command, ("", ""))
    named = zh if lang == "zh" else en
    lines = help_of(command, "--help", RECTIFY_LANG=lang)
    usage = f"用法：rectify {command} [选项]" if lang == "zh" else f"Usage: rectify {command} [OPTIONS]"
    assert lines[0] == f"{usage} {named}".rstrip()
    heading = "参数：" if lang == "zh" else "Arguments:"
    if named:
        assert lines[lines.index(heading) + 1].startswith(f"  {named.split()[0].strip('[]')}  ")
    else:
        assert heading not in lines


@pytest.mark.parametrize("command, lang, said", [
    ("show", "zh", "<编号>  任务编号（如 18）或措施编号（如 18.4）；文件夹台账中带文件名：xizang:18.4。  [必填]"),
    ("show", "en", "<id>  Task id (18) or measure id (18.4); in a folder, with its file's name: xizang:18.4.  [required]"),
    ("history", "zh", "<编号>  只看该编号的措施（如 18.4）或任务（如 18）；文件夹台账中带文件名：xizang:18.4。"),
    ("history", "en", "<id>  Only this measure id (18.4) or task id (18); in a folder, with its file's name: xizang:18.4.")])
def test_an_id_argument_names_the_id_of_a_folder_too(command, lang, said):
    """(show gave 18 and 18.4 only, history no example at all, where a folder's ids carry their
    file's name, as show itself prints them)"""
    lines = help_of(command, "--help", RECTIFY_LANG=lang, width=200)
    heading = "参数：" if lang == "zh" else "Arguments:"
    assert lines[lines.index(heading) + 1].strip() == said


@pytest.mark.parametrize("lang, said", [
    ("zh", "<报告>  报告文本（UTF-8、GB18030，或带字节顺序标记的 UTF-16）；为 - 时从标准输入读取。  [必填]"),
    ("en", "<report>  The report's text (UTF-8, GB18030, or UTF-16 with its byte order mark); - reads it from standard "
           "input.  [required]")])
def test_the_import_argument_names_every_encoding_import_reads(lang, said):
    """(it said UTF-8 or GB18030, though a UTF-16 report with its byte order mark, Notepad's
    “Unicode”, imports too, as the README says)"""
    lines = help_of("import", "--help", RECTIFY_LANG=lang, width=200)
    heading = "参数：" if lang == "zh" else "Arguments:"
    assert lines[lines.index(heading) + 1].strip() == said


@pytest.mark.parametrize("lang, said", [
    ("zh", "只看该任务（如 18；文件夹台账中带文件名：xizang:18）。可重复。"),
    ("en", "Only this task (e.g. 18; in a folder, with its file's name: xizang:18). Repeatable.")])
@pytest.mark.parametrize("command", ["status", "check", "summary"])
def test_task_option_help_names_a_task_of_a_folder_too(command, lang, said):
    """(--task said 如 18 only, though a folder's task is given as xizang:18; summary had no --task)"""
    lines = help_of(command, "--help", RECTIFY_LANG=lang, width=200)
    task = next(line for line in lines if line.lstrip().startswith("--task "))
    assert task.split(">", 1)[1].strip() == said


@pytest.mark.parametrize("option, lang, said", [
    ("--owner", "zh", "只看该责任单位的措施（名称或别名）。可重复：其中任一单位的措施均算在内。"),
    ("--owner", "en", "Only measures of this responsible unit (name or alias). Repeatable: those of any of them."),
    ("--region", "zh", "只看涉及该地区（如 那曲市）的任务，以及该地区负责的措施。可重复：涉及其中任一地区的均算在内。"),
    ("--region", "en", "Only tasks concerning this region, and measures it owns (e.g. 那曲市). Repeatable: those of "
                       "any of them.")])
@pytest.mark.parametrize("command", ["status", "check", "summary"])
def test_owner_and_region_help_say_a_repeated_one_takes_the_measures_of_any(command, option, lang, said):
    """"Repeatable." left open whether --owner A --owner B means A's and B's measures or those they
    own together (it is the first, engine.select)."""
    lines = help_of(command, "--help", RECTIFY_LANG=lang, width=200)
    line = next(line for line in lines if line.lstrip().startswith(f"{option} "))
    assert line.split(">", 1)[1].strip() == said


@pytest.mark.parametrize("lang, said", [("zh", "缺少参数 <编号>；用法见 rectify show --help"),
                                        ("en", "missing argument <id>; see rectify show --help")])
def test_a_missing_argument_is_named_as_its_help_names_it(lang, said):
    result = run("show", RECTIFY_LANG=lang)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"rectify: {said}\n")


STATUS_OPTIONS = {
    "zh": ["  --as-of <日期>                  核查日期：2019-03-31、2019/3/31、2019-03（月",
           "  --limit <整数>                  只列出最严重的 N 行，计数不变。  [不小于 1]",
           "  --warn-days <整数>              临期预警天数（默认：台账的 warn_days，未设置",
           "                                  时为 30）。  [不小于 0]",
           "  --report-period <整数>          长期坚持的措施超过多少天未报告即为久未报告",
           "                                  （默认：台账的 report_period_days，未设置时",
           "                                  为 90）。  [不小于 1]"],
    "en": ["  --as-of <date>                  Reference date: 2019-03-31, 2019/3/31,",
           "  --limit <integer>               Only the N worst rows; counts unchanged.",
           "                                  [at least 1]",
           "  --warn-days <integer>           Due-soon window in days (default: the",
           "                                  none).  [at least 0]",
           "  --report-period <integer>       Days after which an ongoing measure without",
           "                                  report_period_days, 90 where it sets none).",
           "                                  [at least 1]"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_kinds_of_values_and_their_ranges_are_said_in_the_helps_language(lang):
    """Chinese help said `--warn-days <int range>` and `[x>=0]`, the parser's English."""
    lines = rectify("status", "--help", "--lang", lang).stdout.splitlines()
    assert [line for line in lines if line in STATUS_OPTIONS[lang]] == STATUS_OPTIONS[lang]


def test_english_help_names_values_and_ranges_as_english_refusals_do():
    """`--warn-days -1 --lang en` is refused as `out of range (at least 0)`; the help said `[x>=0]`,
    `--warn-days <int range>` and `--as-of <str>`, the parser's words, beside `<measure>` and `<id>`."""
    refused = run("status", "--warn-days", "-1", "--lang", "en")
    assert refused.stderr == "rectify: --warn-days: -1 is out of range (at least 0); see rectify status --help\n"
    lines = rectify("status", "--help", "--lang", "en").stdout.splitlines()
    assert "                                  none).  [at least 0]" in lines
    # (the names' column: as wide as `--report-period <integer>` and two spaces)
    assert any(line.startswith("  --month <month>" + " " * 12 + "The month to report on, e.g. 2019-03")
               for line in help_of("summary", "--help", "--lang", "en", width=80))
    for command in NAMES:
        assert not re.search(r"<(str|int range)>|x>=", "\n".join(help_of(command, "--help", "--lang", "en"))), command


@pytest.mark.parametrize("lang, said", [("zh", "可重复，或用逗号分隔：due_soon,stale。"),
                                        ("en", "Repeatable, or a comma list: due_soon,stale.")])
def test_the_help_of_fail_on_says_it_takes_a_comma_list(lang, said):
    text = ("" if lang == "zh" else " ").join(line.strip() for line in help_of("check", "--help", "--lang", lang, width=80))
    assert said in text


@pytest.mark.parametrize("lang, said", [("zh", "原因，如 回头看发现表面整改。"),
                                        ("en", "Why, e.g. a follow-up inspection (回头看) found superficial rectification.")])
def test_the_help_of_reopens_note_gives_its_example_in_the_helps_language(lang, said):
    text = ("" if lang == "zh" else " ").join(line.strip() for line in help_of("reopen", "--help", "--lang", lang, width=200))
    assert said in text


@pytest.mark.parametrize("command", [*NAMES, None])
def test_no_chinese_help_names_a_value_in_the_parsers_english(command):
    text = run(*filter(None, [command]), "--help").stdout
    assert not re.search(r"<(str|int range|path)>|x>=", text), text


# The first options of `status --help` at 80 columns, and at 50: beside the names, their text had
# 16 cells there and wrapped a word a line; under them it has the line (as long an option as
# --state's continued under its value).
STATUS_OPTIONS_AT = {
    ("zh", 80): ["  -r, --registry <路径>           整改方案文件（tasks.yaml）或方案文件所在的文",
                 "                                  件夹。默认：data/tasks.yaml 或 data/ 中的方",
                 "                                  案文件（在当前文件夹及其上级中查找，至仓库根",
                 "                                  目录为止），没有则用内置台账。  [环境变量：",
                 "                                  RECTIFY_REGISTRY]",
                 "  --as-of <日期>                  核查日期：2019-03-31、2019/3/31、2019-03（月",
                 "                                  末）、2019年3月31日。默认：台账所在时区的今",
                 "                                  天。",
                 "  --measures                      每项措施一行，而非每项任务一行。",
                 "  --limit <整数>                  只列出最严重的 N 行，计数不变。  [不小于 1]",
                 "  --state <overdue|due_soon|on_track|ongoing|done|stale>",
                 "                                  只看该状态的措施。可重复，或用逗号分隔：",
                 "                                  overdue,due_soon。"],
    ("zh", 50): ["  -r, --registry <路径>",
                 "      整改方案文件（tasks.yaml）或方案文件所在的文",
                 "      件夹。默认：data/tasks.yaml 或 data/ 中的方",
                 "      案文件（在当前文件夹及其上级中查找，至仓库根",
                 "      目录为止），没有则用内置台账。  [环境变量：",
                 "      RECTIFY_REGISTRY]",
                 "  --as-of <日期>",
                 "      核查日期：2019-03-31、2019/3/31、2019-03（月",
                 "      末）、2019年3月31日。默认：台账所在时区的今",
                 "      天。",
                 "  --measures",
                 "      每项措施一行，而非每项任务一行。",
                 "  --limit <整数>",
                 "      只列出最严重的 N 行，计数不变。  [不小于 1]",
                 "  --state <overdue|due_soon|on_track|ongoing|done|",
                 "          stale>",
                 "      只看该状态的措施。可重复，或用逗号分隔：",
                 "      overdue,due_soon。"],
    ("en", 80): ["  -r, --registry <path>           Plan file (tasks.yaml) or folder of plan",
                 "                                  files. Default: data/tasks.yaml or data/'s",
                 "                                  plan files, here or in a folder above (up to",
                 "                                  the repository's root), else the bundled",
                 "                                  ledger.  [env var: RECTIFY_REGISTRY]",
                 "  --as-of <date>                  Reference date: 2019-03-31, 2019/3/31,",
                 "                                  2019-03 (end of month), 2019年3月31日.",
                 "                                  Default: today in the registry's time zone.",
                 "  --measures                      One row per measure instead of per task.",
                 "  --limit <integer>               Only the N worst rows; counts unchanged.",
                 "                                  [at least 1]",
                 "  --state <overdue|due_soon|on_track|ongoing|done|stale>",
                 "                                  Only measures in this state. Repeatable, or",
                 "                                  a comma list: overdue,due_soon."],
    ("en", 50): ["  -r, --registry <path>",
                 "      Plan file (tasks.yaml) or folder of plan",
                 "      files. Default: data/tasks.yaml or data/'s",
                 "      plan files, here or in a folder above (up to",
                 "      the repository's root), else the bundled",
                 "      ledger.  [env var: RECTIFY_REGISTRY]",
                 "  --as-of <date>",
                 "      Reference date: 2019-03-31, 2019/3/31,",
                 "      2019-03 (end of month), 2019年3月31日.",
                 "      Default: today in the registry's time zone.",
                 "  --measures",
                 "      One row per measure instead of per task.",
                 "  --limit <integer>",
                 "      Only the N worst rows; counts unchanged.",
                 "      [at least 1]",
                 "  --state <overdue|due_soon|on_track|ongoing|done|",
                 "          stale>",
                 "      Only measures in this state. Repeatable, or",
                 "      a comma list: overdue,due_soon."],
}


@pytest.mark.parametrize("lang, columns", STATUS_OPTIONS_AT)
def test_on_a_narrow_terminal_an_options_text_goes_under_it(lang, columns):
    lines = rectify("status", "--help", "--lang", lang, COLUMNS=str(columns)).stdout.splitlines()
    options = lines.index("选项：" if lang == "zh" else "Options:") + 1
    assert lines[options:options + len(STATUS_OPTIONS_AT[lang, columns])] == STATUS_OPTIONS_AT[lang, columns]
    assert all(wcswidth(line) <= columns for line in lines), [line for line in lines if wcswidth(line) > columns]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", ["status", "check", "summary", "record", None])
def test_on_a_terminal_under_50_columns_every_help_line_fits_it(command, lang):
    # (the parser lays its help out 50 cells wide at the least: at 40 columns it ran 10 past the edge)
    lines = rectify(*filter(None, [command]), "--help", "--lang", lang, COLUMNS="40").stdout.splitlines()
    assert len(lines) > 10
    assert all(wcswidth(line) <= 40 for line in lines), [line for line in lines if wcswidth(line) > 40]


@pytest.mark.parametrize("columns", ["40", "80"])
def test_help_needs_no_click_beside_typers_own(columns):
    # (click is no dependency of rectify, and Typer 0.28 carries its own copy; an `import click`
    # in the help's formatter ran only because another package had installed click here)
    code = ("import sys; sys.modules['click'] = None; sys.argv = ['rectify', 'status', '--help']; "
            "from rectify_cli.cli import main; main()")
    env = {**os.environ, **CLI_ENV, "RECTIFY_LANG": None, "COLUMNS": columns}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={name: value for name, value in env.items() if value is not None})
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.startswith("用法：rectify status")
    assert all(wcswidth(line) <= int(columns) for line in proc.stdout.splitlines())


ROOT_ZH = """\
用法：python -m rectify_cli [选项] 命令 [参数]...

  rectify：按核查日期审核整改台账。

选项：
  --version  显示 rectify 的版本并退出。
  --help     显示本帮助并退出。

命令：
  status     查看整改进展：各灯色的措施数及各项任务，问题最重的在前。
  show       查看一项任务或措施的全部情况。
  check      CI 关口：有措施逾期时退出码为 1，否则为 0。
  summary    按月交账：生成纯文本月报，可直接粘贴到报告中。
  reconcile  核对报告的总体数字：按附件重新统计，与报告所称比对。
  validate   校验台账及其进展记录，逐一报告问题所在的文件:行:列。
  export     以 JSON 输出读入的整改方案（格式稳定，见 README）。
  import     从报告文本（附件中的问题与措施）生成台账。
  record     在进展记录中追加一条带日期的记录。
  close      措施办结销号，须附佐证。
  reopen     重新打开已销号的措施：回头看发现表面整改。
  report     记录长期坚持措施的定期报告，消除“久未报告”。
  extend     记录经批准的延期。
  retract    撤回误录的记录：自撤回日期起视为未曾记录。
  history    进展记录，最新的在前。
  verify     重算进展记录的哈希链，指出第一条被改动、删除或调换顺序的记录。
"""


def test_the_help_calls_the_summary_a_monthly_report_as_its_title_does():
    """The summary is titled …整改情况月报 and its notices say 月报; the help called it 小结 / 月度小结."""
    summary = "".join(line.strip() for line in help_of("summary", "--help"))
    assert "按月交账：生成纯文本月报，可直接粘贴到报告中。" in summary
    assert "月报的月份，如 2019-03（默认：上月）。" in summary
    verify = "".join(line.strip() for line in help_of("verify", "--help"))
    assert "此前月报打印的台账哈希：证明到它为止的记录未被改动。可重复（文件夹的月报每个进展记录文件打印一个）。" in verify
    assert "小结" not in summary + verify


@pytest.mark.parametrize("lang, said", [
    ("zh", "过窄、容不下表格的编号、日期和数字时拒绝执行，并给出可用的最小宽度。"),
    ("en", "A width too narrow for the tables' ids, dates and numbers is refused, naming the smallest that works."),
])
def test_the_help_of_summary_width_says_a_width_too_narrow_is_refused(lang, said):
    """The help said only `[at least 1]`, yet --width 40 is refused (the bundled ledger's tables
    need 56 cells): it says so, as the refusal does."""
    text = "".join(line.strip() for line in help_of("summary", "--help", "--lang", lang))
    assert "".join(said.split()) in "".join(text.split())


def test_verify_help_offers_since_summary_in_both_languages():
    verify = "".join(line.strip() for line in help_of("verify", "--help"))
    assert "--since-summary" in verify and "<月报>" in verify
    assert ("此前 `rectify summary` 的月报，存成或粘贴成的文字文件（- 为标准输入）：其中打印的每个台账哈希都作为一个 "
            "--since-head 核验，文件夹的月报每个对照其所列的进展记录文件。可与 --since-head 同用。") in verify
    english = "".join("".join(help_of("verify", "--help", "--lang", "en")).split())  # (wrapped even at a hyphen)
    assert "--since-summary<summary>" in english
    assert "".join(("An earlier summary by `rectify summary`, saved or pasted into a text file (- for standard input): "
                    "each head hash it prints is checked as a --since-head, a folder's in the journal its line names. "
                    "May be combined with --since-head.").split()) in english

def test_the_help_calls_a_measures_deadlines_期限_as_show_and_the_refusals_do():
    """show heads them 整改期限, extend's refusals say 期限 (须提供新的期限, 延期须在期限前批准) and the
    summary's columns 原期限 / 新期限; the help said 时限 / 时限节点 for the same deadlines."""
    extend = "".join(line.strip() for line in help_of("extend", "--help"))
    assert "记录经批准的延期。顺延措施的下一个期限，或 --milestone 所指的期限。" in extend
    assert "新的期限。" in extend
    assert "记录期限过后才申请的延期（予以标注）。" in extend
    assert "销号或延期时：措施有多个期限的，只针对方案中在该日期到期的一步。" in extend
    show = "".join(line.strip() for line in help_of("show", "--help"))
    assert "查看一项任务或措施的全部情况。包括内容、责任单位、各期限、进展记录和灯色。" in show
    assert "时限" not in extend + show


def test_the_commands_are_listed_in_chinese():
    assert rectify("--help").stdout == ROOT_ZH
    alone = rectify()  # (no command: the same help, on stderr)
    assert (alone.returncode, alone.stderr) == (2, ROOT_ZH)


def test_version_says_which_rectify_runs():
    """A CI log records which rectify judged the ledger: `rectify --version`, in either language."""
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"$', pyproject, re.MULTILINE).group(1)
    for args in (("--version",), ("--lang", "en", "--version")):
        said = rectify(*args)
        assert (said.returncode, said.stdout, said.stderr) == (0, f"rectify {version}\n", "")
    assert "  --version  Show rectify's version and exit." in help_of("--lang", "en", "--help")


@pytest.mark.parametrize("args, env", [(("--lang", "en", "--help"), {}), (("--help", "--lang=en"), {}),
                                       (("--help",), {"RECTIFY_LANG": "en"})])
def test_the_commands_are_listed_in_english(args, env):
    lines = help_of(*args, **env)
    assert lines[:3] == ["Usage: rectify [OPTIONS] COMMAND [ARGS]...", "",
                         "  rectify: audit a rectification ledger (整改台账) against a date."]
    assert "  close      Close out a measure (销号), with evidence." in lines
    assert "  history    Journal entries, newest first." in lines


ROOT_EN_COMMANDS = """\
Commands:
  status     Where do we stand? Counts per traffic light, worst first.
  show       Everything about one task or measure.
  check      CI gate: exit 1 when a measure is overdue, else 0.
  summary    Plain-text monthly summary (按月交账) to paste into a report.
  reconcile  Check the report's headline figures against its appendix.
  validate   Check a registry and its journal, each problem at file:line.
  export     Print the loaded plan as JSON (a stable contract, see README).
  import     Build a registry from a report's text (its appendix).
  record     Append one dated entry to the journal.
  close      Close out a measure (销号), with evidence.
  reopen     Reopen a measure that a follow-up (回头看) found superficial.
  report     Report on an ongoing (长期坚持) measure; clears 'stale'.
  extend     Record an approved extension (延期) of a deadline.
  retract    Retract an entry recorded by mistake (not a reopening).
  history    Journal entries, newest first.
  verify     Check the journal's hash chain; name the first entry changed.
"""


def test_at_80_columns_the_english_list_gives_each_command_a_whole_phrase():
    """Most English descriptions were the first sentence cut to 63 cells: "status     Where do we
    stand? Counts per traffic light and the tasks, wor…"."""
    assert rectify("--lang", "en", "--help").stdout.endswith(ROOT_EN_COMMANDS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_80_columns_no_command_description_is_cut(lang):
    lines = rectify("--help", "--lang", lang).stdout.splitlines()
    listed = lines[lines.index("命令：" if lang == "zh" else "Commands:") + 1:]
    assert [line.split()[0] for line in listed] == [info.name for info in app.registered_commands if not info.hidden]
    assert not [line for line in listed if "…" in line]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_40_columns_a_command_description_under_its_name_is_cut_only_at_the_edge(lang):
    # (cut to the room beside the names, 25 cells, where it had 36 under them: "Where do we stand? Count…")
    lines = rectify("--help", "--lang", lang, COLUMNS="40").stdout.splitlines()
    listed = lines[lines.index("命令：" if lang == "zh" else "Commands:") + 1:]
    cut = [line for line in listed if line.endswith("…")]
    assert cut and all(wcswidth(line) >= 39 for line in cut), cut


def _entries(lines: list[str]) -> list[str]:
    """The rows of the help's sections (an option, an argument, a command) with their
    continuation lines, each joined in one."""
    rows: list[str] = []
    for line in lines:
        if re.match(r"  \S", line):
            rows.append(line)
        elif line.startswith("   ") and rows:
            rows[-1] += line
    return rows


@pytest.mark.parametrize("command", [*NAMES, None])
def test_every_description_is_said_in_chinese(command):
    lines = help_of(*filter(None, [command]), "--help")
    for row in _entries(lines):  # (the command's own description too: indented as a row)
        assert re.search(r"[\u4e00-\u9fff]", row), row


@pytest.mark.parametrize("columns", [80, 60, 50])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", [*NAMES, None])
def test_every_line_fits_the_terminal_and_the_columns_line_up(command, lang, columns):
    lines = help_of(*filter(None, [command]), "--help", width=columns, RECTIFY_LANG=lang)
    assert all(wcswidth(line) <= columns for line in lines), [line for line in lines if wcswidth(line) > columns]
    # In each section, every description starts at one column: beside a name, or under it (a
    # name's choices continued on the next line, after a |, are the name's).
    section: set[int] = set()
    for previous, line in zip(["", *lines], lines):
        if not line.startswith("  "):
            assert len(section) <= 1, (line, section)
            section = set()
        elif match := re.match(r"(  \S+(?: \S+)*  +)\S", line):
            section.add(wcswidth(match.group(1)))
        elif line.startswith("   ") and not previous.endswith("|"):
            section.add(len(line) - len(line.lstrip(" ")))
    assert len(section) <= 1


def test_a_command_line_the_root_refuses_is_said_in_chinese():
    result = run("--foo")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "rectify: 没有选项 --foo；用法见 rectify --help\n")


@pytest.mark.parametrize("args, command", [
    (("--lang", "xx", "--help"), "rectify"), (("--help", "--lang=xx"), "rectify"), (("--lang", "xx"), "rectify"),
    (("status", "--lang", "xx", "--help"), "rectify status"), (("close", "--help", "--lang=xx"), "rectify close"),
    (("--lang", "xx", "status", "--help"), "rectify"),
])
def test_a_lang_not_offered_is_refused_even_with_help(args, command):
    """`rectify --lang xx --help` showed the Chinese help, saying nothing of xx (--help is read first)."""
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"rectify: --lang：“xx”不是可选的值（可选：zh、en）；用法见 {command} --help\n")


@pytest.mark.parametrize("args, command", [(("--lang", "xx", "--help"), "rectify"),
                                           (("status", "--help", "--lang", "xx"), "rectify status")])
def test_a_lang_not_offered_is_refused_in_english_when_english_is_the_default(args, command):
    result = run(*args, RECTIFY_LANG="en")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"rectify: --lang: 'xx' is not one of the choices (zh, en); see {command} --help\n")


@pytest.mark.parametrize("args, command", [(("status",), "rectify status"), (("close", "--help"), "rectify close")])
def test_a_rectify_lang_not_offered_is_refused_by_its_name(args, command):
    """RECTIFY_LANG=EN, set once in a profile, was refused as `--lang：“EN”…`, an option not typed:
    the variable is named, as RECTIFY_TODAY and RECTIFY_LOCK_TIMEOUT are."""
    result = run(*args, RECTIFY_LANG="EN")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"rectify: RECTIFY_LANG：“EN”不是可选的值（可选：zh、en）；用法见 {command} --help\n")
    # (a --lang typed is read instead, as ever)
    typed = run(*args, "--lang", "en", RECTIFY_LANG="EN")
    assert (typed.exit_code, typed.stderr) == (0, "")


@pytest.mark.parametrize("args, command", [(("--help", "--lang"), "rectify"), (("--lang",), "rectify"),
                                           (("status", "--help", "--lang"), "rectify status")])
def test_a_lang_without_a_value_is_refused_as_needing_one(args, command):
    """`rectify --help --lang` said "没有选项 --lang", as if there were no such option."""
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"rectify: 选项 --lang 后面需要一个值；用法见 {command} --help\n")


def test_lang_before_the_command_is_the_commands():
    result = run("--lang", "en", "status", "--registry", "tests/fixtures/small/tasks.yaml", "--as-of", "2019-02-30")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "rectify: --as-of: '2019-02-30' is not a real calendar date (that month has no such day)\n")


@pytest.mark.parametrize("before", [("-r", "tests/fixtures/small/tasks.yaml"),
                                    ("--registry", "tests/fixtures/small/tasks.yaml"),
                                    ("--registry=tests/fixtures/small/tasks.yaml",),
                                    ("--lang", "en", "-r", "tests/fixtures/small/tasks.yaml")])
def test_registry_before_the_command_is_the_commands(before):
    """`rectify -r data status` (as `git -C DIR status` is typed) said "没有选项 -r", when every
    command but import has one: the ledger named before the command is the command's, as --lang.
    (Its header names it: a -r read and then dropped, the bundled ledger found instead, reads
    西藏自治区…; an --as-of refused said nothing of which ledger was read.)"""
    result = run(*before, "status")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout.splitlines()[0] == "测试台账  tests/fixtures/small/tasks.yaml"


def test_registry_before_import_is_refused_as_imports():
    result = run("-r", "tests/fixtures/small/tasks.yaml", "import", "report.txt")
    assert (result.exit_code, result.stderr) == (2, "rectify: 没有选项 -r；用法见 rectify import --help\n")


@pytest.mark.parametrize("lang, said", [("zh", "rectify: 没有选项 --no-such-option；用法见 rectify status --help\n"),
                                        ("en", "rectify: no such option --no-such-option; see rectify status --help\n")])
def test_unknown_option_exits_2(lang, said):
    result = run("status", "--no-such-option", RECTIFY_LANG=lang)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


def test_the_help_before_a_command_lists_every_command():
    result = rectify("--help", "status")
    assert result.returncode == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ") and line.split()]
    assert set(LISTED) <= set(listed)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_path_in_the_help_is_never_cut_across_lines(lang):
    """`COLUMNS=40 rectify status --help` broke --registry's default after its slash: data/ at
    a line's end, tasks.yaml at the next one's start, a path no one could copy whole."""
    lines = rectify("status", "--help", "--lang", lang, COLUMNS="40").stdout.splitlines()
    assert any("data/tasks.yaml" in line for line in lines), lines
    for width in range(40, 81):  # (wherever the column ends)
        lines = help_of("status", "--help", width=width, RECTIFY_LANG=lang)
        assert any("data/tasks.yaml" in line for line in lines), (width, lines)



WRITING = ["record", "close", "reopen", "report", "extend", "retract"]
REGISTRY_OF_A_WRITE = {
    "zh": "-r, --registry <路径>整改方案文件（tasks.yaml）或方案文件所在的文件夹。默认：data/tasks.yaml 或 data/ 中的"
          "方案文件（在当前文件夹及其上级中查找，至仓库根目录为止）；都没有则不写入：内置示例台账不作记录用。"
          "[环境变量：RECTIFY_REGISTRY]",
    "en": "-r, --registry <path> Plan file (tasks.yaml) or folder of plan files. Default: data/tasks.yaml or data/'s "
          "plan files, here or in a folder above (up to the repository's root); with neither, nothing is written: "
          "the bundled example ledger is not for recording. [env var: RECTIFY_REGISTRY]",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", WRITING)
def test_a_writing_commands_help_does_not_say_it_falls_back_to_the_bundled_ledger(command, lang):
    """It said 没有则用内置台账, as a reading command's does, but a write is refused there
    (没有指定台账，从此处也未找到…：不写入内置示例台账)."""
    lines = help_of(command, "--help", "--lang", lang, width=200)
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("-r, --registry"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip().startswith("--"))
    words = " ".join(" ".join(lines[start:end]).split())
    said = REGISTRY_OF_A_WRITE[lang]
    assert (words.replace(" ", "") == said.replace(" ", "")) if lang == "zh" else words == said, words
