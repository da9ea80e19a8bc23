"""Words shown to users, in Chinese (default: the registry and its users are Chinese) and English."""
from __future__ import annotations

import enum
import errno
import os
import re
import string
from dataclasses import dataclass

from .errors import Problem
from .textsafe import clip, excerpt


class Lang(str, enum.Enum):
    zh = "zh"
    en = "en"



def command_line_lang(args: list[str]) -> Lang:
    """The --lang of a command line, before the parser reads it (for its help, a command line it
    refused, or what ends the command), else default_lang()."""
    for at, arg in enumerate(args):
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        elif arg == "--lang" and at + 1 < len(args):
            value = args[at + 1]
        else:
            continue
        if value in (Lang.zh.value, Lang.en.value):
            return Lang(value)
    return default_lang()


def default_lang() -> Lang:
    """The language of a command without --lang: RECTIFY_LANG's (as --lang reads it), else Chinese."""
    try:
        return Lang(os.environ.get("RECTIFY_LANG", Lang.zh))
    except ValueError:
        return Lang.zh


STATUS = {
    "overdue": ("逾期", "overdue"),
    "due_soon": ("临期", "due soon"),
    "on_track": ("按期推进", "on track"),
    "ongoing": ("长期坚持", "ongoing"),
    "done": ("已销号", "closed"),
    "stale": ("久未报告", "stale"),
}
LIGHT = {"red": ("红", "red"), "yellow": ("黄", "yellow"), "green": ("绿", "green")}
REPORTED = {
    "fully_done": ("全面完成", "fully done"),
    "basically_done": ("基本完成", "essentially done"),
    "on_schedule": ("序时推进", "on schedule"),
    "interim_results": ("取得阶段性成效", "interim results"),
}
MILESTONE = {"date": ("限期", "by date"), "ongoing": ("长期坚持", "ongoing"), "immediate": ("立即启动", "immediate")}
ENTRY = {
    "in_progress": ("推进中", "in progress"),
    "done": ("销号", "closed"),
    "reopened": ("重新打开", "reopened"),
    "report": ("定期报告", "report"),
    "extended": ("延期", "extended"),
    "retracted": ("撤回误录", "retracted"),
}

# An entry named as a thing (what a retraction retracts: "the 2019-04-18 closure", "2019-04-18 的销号记录").
ENTRY_NOUN = {
    "in_progress": ("推进中", "progress note"),
    "done": ("销号", "closure"),
    "reopened": ("重新打开", "reopening"),
    "report": ("定期报告", "report"),
    "extended": ("延期", "extension"),
    "retracted": ("撤回误录", "retraction"),
}

# Why the system failed a file operation, by errno name: (Chinese, English). Its own words
# (strerror) are English whatever the language; the English here is Linux's. Others are shown
# as the system says them (os_reason).
OS_ERRORS = {
    "ENOSPC": ("磁盘空间不足", "No space left on device"),
    "EDQUOT": ("超出磁盘配额", "Disk quota exceeded"),
    "EFBIG": ("文件过大，超出文件大小上限", "File too large"),  # (a `ulimit -f`, a share's size cap)
    "EACCES": ("没有权限", "Permission denied"),
    "EPERM": ("不允许此操作", "Operation not permitted"),
    "EROFS": ("只读文件系统", "Read-only file system"),
    "ENOENT": ("文件或文件夹不存在", "No such file or directory"),
    "ENOTDIR": ("路径中有一项不是文件夹", "Not a directory"),
    "EISDIR": ("是文件夹", "Is a directory"),
    "ENAMETOOLONG": ("文件名过长", "File name too long"),
    "ELOOP": ("符号链接层数过多", "Too many levels of symbolic links"),
    "EIO": ("输入/输出错误", "Input/output error"),
    "EMFILE": ("打开的文件过多", "Too many open files"),
    "EBUSY": ("设备或资源忙", "Device or resource busy"),
    "ESTALE": ("网络文件句柄已失效", "Stale file handle"),
}


def os_reason(exc: OSError) -> Word | str:
    """Why `exc` failed, as a Notice's value: a Word of OS_ERRORS, else the system's words."""
    name = errno.errorcode.get(exc.errno)
    if name in OS_ERRORS:
        return Word(OS_ERRORS, name, said_in_english=True)
    return exc.strerror or str(exc)


def os_reason_in(exc: OSError, lang: Lang) -> str:
    """os_reason(exc) said in `lang`, for a message that is no Notice."""
    reason = os_reason(exc)
    return reason if isinstance(reason, str) else word(reason.table, reason.key, lang)


# What the YAML parser (libyaml, PyYAML) says of a syntax error, its problem and its context
# (in English: as it says them), said with what usually causes it in a registry: (Chinese, English).
YAML_SYNTAX = {
    "did not find expected key": ("缺少应有的键（检查缩进是否对齐；以 [、{、' 开头的文字请整体加引号）",
        "did not find expected key (check that the indentation lines up; put text starting with [, { or ' in quotes)"),
    "mapping values are not allowed in this context": ("此处不能有“键: 值”（检查缩进是否对齐；文字中含“: ”时请整体加引号）",
        "mapping values are not allowed in this context (check that the indentation lines up; put text holding ': ' in quotes)"),
    "mapping values are not allowed here": ("此处不能有“键: 值”（检查缩进是否对齐；文字中含“: ”时请整体加引号）",
        "mapping values are not allowed here (check that the indentation lines up; put text holding ': ' in quotes)"),
    "could not find expected ':'": ("找不到应有的冒号（键后应写半角冒号“:”加一个空格）",
        "could not find expected ':' (write an ASCII colon ':' and a space after a key)"),
    "did not find expected ',' or ']'": ("缺少“,”或“]”（方括号未闭合？）",
        "did not find expected ',' or ']' (a '[' not closed?)"),
    "did not find expected ',' or '}'": ("缺少“,”或“}”（花括号未闭合？）",
        "did not find expected ',' or '}' (a '{' not closed?)"),
    "found unexpected end of stream": ("文件意外结束", "found unexpected end of stream"),
    "found a tab character that violates indentation": ("缩进中有制表符（Tab）", "found a tab character that violates indentation"),
    "found character that cannot start any token": ("此处的字符不能作为开头（以 @、%、` 开头的文字请加引号；缩进请用空格，不要用 Tab）",
        "found character that cannot start any token (put text starting with @, % or ` in quotes; indent with spaces, not tabs)"),
    "did not find expected '-' indicator": ("缺少列表项开头的“-”（检查缩进是否对齐）",
        "did not find expected '-' indicator (check that the indentation lines up)"),
    "did not find expected alphabetic or numeric character": ("缺少字母或数字（以 * 或 & 开头的文字请加引号）",
        "did not find expected alphabetic or numeric character (put text starting with * or & in quotes)"),
    "did not find expected whitespace or line break": ("缺少空格或换行（以 ! 开头的文字请加引号）",
        "did not find expected whitespace or line break (put text starting with ! in quotes)"),
    "did not find expected comment or line break": ("缺少注释或换行（以 | 或 > 开头的文字请加引号）",
        "did not find expected comment or line break (put text starting with | or > in quotes)"),
    "block sequence entries are not allowed in this context": ("此处不能有列表项“- ”（以“- ”开头的文字请加引号）",
        "block sequence entries are not allowed in this context (put text starting with '- ' in quotes)"),
    "did not find expected <document start>": ("前文已是完整的列表或映射（如“[]”），其后不能再有内容",
        "did not find expected <document start> (what comes before is a whole list or mapping, such as '[]': "
        "nothing may follow it)"),
    "but found another document": ("却又有一个文档（“---”）",
        "but found another document ('---')"),
    "found unknown escape character": ("双引号内有未知的转义字符（文字中的“\\”请写作“\\\\”，或改用单引号）",
        "found unknown escape character (write a \\ in the text as \\\\, or use single quotes)"),
    "while parsing a block mapping": ("解析映射时", "while parsing a block mapping"),
    "while parsing a block collection": ("解析列表时", "while parsing a block collection"),
    "while parsing a flow sequence": ("解析方括号列表时", "while parsing a flow sequence"),
    "while parsing a flow sequence that starts here": ("方括号列表从此处开始", "while parsing a flow sequence that starts here"),
    "while parsing a flow mapping": ("解析花括号映射时", "while parsing a flow mapping"),
    "while parsing a flow mapping that starts here": ("花括号映射从此处开始", "while parsing a flow mapping that starts here"),
    "while scanning a quoted scalar": ("读取带引号的文字时", "while scanning a quoted scalar"),
    "while scanning a quoted scalar that starts here": ("带引号的文字从此处开始，引号未闭合",
        "while scanning a quoted scalar that starts here, its quote not closed"),
    "while parsing a quoted scalar": ("读取带引号的文字时", "while parsing a quoted scalar"),
    "while scanning a plain scalar": ("读取文字时", "while scanning a plain scalar"),
    "while scanning for the next token": ("读取下一项时", "while scanning for the next token"),
    "while scanning a simple key": ("读取键时", "while scanning a simple key"),
    "while scanning an alias": ("读取别名（*）时", "while scanning an alias"),
    "while scanning an anchor": ("读取锚点（&）时", "while scanning an anchor"),
    "while scanning a tag": ("读取标签（!）时", "while scanning a tag"),
    "while scanning a block scalar": ("读取多行文字（| 或 >）时", "while scanning a block scalar"),
    "expected a single document in the stream": ("一个文件只应有一个文档", "expected a single document in the stream"),
    # (escapes in double quotes: a Windows path, C:\xxx, most often)
    "did not find expected hexdecimal number": ("转义序列缺少十六进制数字（\\x 后应有 2 位，\\u 后 4 位，\\U 后 8 位；"
        "文字中的“\\”请写作“\\\\”，或改用单引号）",
        "did not find expected hexdecimal number (\\x takes 2 hex digits, \\u 4, \\U 8; write a \\ in the text as \\\\, "
        "or use single quotes)"),
    "found invalid Unicode character escape code": ("转义序列不代表有效的字符（文字中的“\\”请写作“\\\\”，或改用单引号）",
        "found invalid Unicode character escape code (write a \\ in the text as \\\\, or use single quotes)"),
    # (a % at a line's start begins a directive)
    "found unknown directive name": ("未知的指令（行首的“%”开始一条指令：以 % 开头的文字请加引号）",
        "found unknown directive name (a % at a line's start begins a directive: put text starting with % in quotes)"),
    "could not find expected directive name": ("“%”后缺少指令名（行首的“%”开始一条指令：以 % 开头的文字请加引号）",
        "could not find expected directive name (a % at a line's start begins a directive: put text starting with % in "
        "quotes)"),
    "found unexpected non-alphabetical character": ("指令名中有字母以外的字符（行首的“%”开始一条指令：以 % 开头的文字请加引号）",
        "found unexpected non-alphabetical character (a % at a line's start begins a directive: put text starting with % "
        "in quotes)"),
    "did not find expected version number": ("缺少版本号（如 %YAML 1.1）", "did not find expected version number"),
    "did not find expected digit or '.' character": ("版本号中缺少数字或“.”", "did not find expected digit or '.' character"),
    "found extremely long version number": ("版本号过长", "found extremely long version number"),
    "found incompatible YAML document": ("不支持的 YAML 版本（%YAML 指令应为 1.1 或 1.2）",
        "found incompatible YAML document (the %YAML directive should say 1.1 or 1.2)"),
    "found duplicate %YAML directive": ("重复的 %YAML 指令", "found duplicate %YAML directive"),
    "found duplicate %TAG directive": ("重复的 %TAG 指令", "found duplicate %TAG directive"),
    "did not find expected whitespace": ("缺少空格", "did not find expected whitespace"),
    "did not find expected '!'": ("缺少应有的“!”", "did not find expected '!'"),
    "while scanning a directive": ("读取指令（%）时", "while scanning a directive"),
    "while scanning a %YAML directive": ("读取 %YAML 指令时", "while scanning a %YAML directive"),
    "while scanning a %TAG directive": ("读取 %TAG 指令时", "while scanning a %TAG directive"),
    "while scanning a tag directive": ("读取 %TAG 指令时", "while scanning a tag directive"),
    "while parsing a tag directive": ("读取 %TAG 指令时", "while parsing a tag directive"),
    "while parsing a %TAG directive": ("读取 %TAG 指令时", "while parsing a %TAG directive"),
    # (a ! before a value begins a tag)
    "did not find expected tag URI": ("缺少标签名（以 ! 开头的文字请加引号）",
        "did not find expected tag URI (put text starting with ! in quotes)"),
    "did not find URI escaped octet": ("标签中的“%”后应有两位十六进制数字（以 ! 开头的文字请加引号）",
        "did not find URI escaped octet (put text starting with ! in quotes)"),
    "did not find the expected '>'": ("缺少应有的“>”（以 ! 开头的文字请加引号）",
        "did not find the expected '>' (put text starting with ! in quotes)"),
    "found undefined tag handle": ("未定义的标签前缀（以 ! 开头的文字请加引号）",
        "found undefined tag handle (put text starting with ! in quotes)"),
    "while parsing a tag": ("读取标签（!）时", "while parsing a tag"),
    "found an indentation indicator equal to 0": ("“|”或“>”后表示缩进的数字不能为 0（以 | 或 > 开头的文字请加引号）",
        "found an indentation indicator equal to 0 (put text starting with | or > in quotes)"),
    "found a tab character where an indentation space is expected": ("应为缩进空格处有制表符（Tab）",
        "found a tab character where an indentation space is expected"),
    "found unexpected document indicator": ("文字中有行首的“---”或“...”，读作文档分隔符（请把该行缩进）",
        "found unexpected document indicator (a line starting with --- or ...: indent it)"),
    "did not find expected node content": ("此处缺少内容（多余的“,”、“]”或“}”？以这些符号开头的文字请加引号）",
        "did not find expected node content (a stray ',', ']' or '}'? put text starting with one in quotes)"),
    "mapping keys are not allowed in this context": ("此处不能有“? ”开头的键（以“? ”开头的文字请加引号）",
        "mapping keys are not allowed in this context (put text starting with '? ' in quotes)"),
    "found unexpected ':'": ("此处不能有“:”（文字中含“:”时请整体加引号）", "found unexpected ':' (put text holding ':' in quotes)"),
    "while parsing a node": ("解析内容时", "while parsing a node"),
    "while parsing a block node": ("解析内容时", "while parsing a block node"),
    "while parsing a flow node": ("解析方括号或花括号内的内容时", "while parsing a flow node"),
}

# Free-standing labels; renderers add theirs here so both languages stay side by side.
# In English a count is written with its noun as its format spec, "{n:day}": "1 day", "2 days"
# (see _Counts); "{n:entry|entries}" when the plural is not the noun plus s.
LABELS = {
    "registry": ("台账", "Registry"),
    "as_of": ("截至", "As of"),
    "latest_entry": ("最近一次记录", "Latest entry"),
    # (show's: the one its state is judged by, not a later retraction or the entry it voids listed under it;
    # no wider than "As of 2019-03-31", else a narrow terminal folds the dates beside the labels)
    "show_latest_in_force": ("最近有效记录", "Latest in force"),
    "never": ("无", "none"),
    "task": ("任务", "Task"),
    "measure": ("措施", "Measure"),
    "title": ("问题", "Problem"),
    "deadline": ("整改时限", "Deadline"),
    "reported": ("报告进度", "Reported"),
    "progress": ("完成", "Completed"),  # (closed as far as dates go: MeasureResult.closed)
    "light": ("灯", "Light"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "owners": ("责任单位", "Units"),
    "next_due": ("下一期限", "Next due"),
    "status": ("状态", "Status"),
    # rectify check (render/check.py)
    # ({command}: `rectify check ... --format json` with the options that decided what was judged,
    # render/check.rerun_command; in the summary, a Markdown code span)
    "check_summary_cut": ("另有 {n} 项未列出（GitHub 的作业摘要不能超过 1 MiB），完整列表见本步骤的日志或 {command}",
                          "{n:more measure} not listed (GitHub refuses a job summary over 1 MiB); all are in the step's "
                          "log and in {command}"),
    "check_sarif_cut": ("只列出最严重的 {cap} 项结果，另有 {n} 项未列出（GitHub 代码扫描每次最多接受 {cap} 项），"
                        "完整列表见 {command}",
                        "Only the {cap} worst results are listed, {n} more left out (GitHub code scanning accepts at "
                        "most {cap} a run); {command} lists them all"),
    "check_id": ("编号", "ID"),
    "check_state": ("情况", "State"),  # what is wrong: days overdue, due soon, not reported
    "check_overdue_days": ("逾期{n}天", "{n:day} overdue"),
    "check_due_on": ("{date}到期", "due {date}"),
    "check_stale_days": ("{n}天未报告", "stale {n:day}"),
    "check_never_reported": ("从未报告（自反馈起{n}天）", "never reported ({n:day} since feedback)"),
    "check_total_single": ("{n} 项措施{what}（共 {total} 项）", "{n} of {total:measure} failing ({what})"),
    "check_total_multi": ("{n} 项措施未通过检查：{what}（共 {total} 项）", "{n} of {total:measure} failing ({what})"),
    "check_rule_count": ("{what} {n} 项", "{what} {n}"),
    "check_list_sep": ("、", ", "),
    "check_or": ("、", " or "),
    "check_all_clear": ("截至 {date}，{total} 项措施均无{what}", "All clear as of {date}: 0 of {total:measure} {what}"),
    "check_one_clear": ("截至 {date}，{total} 项措施无{what}", "All clear as of {date}: 0 of {total:measure} {what}"),
    "check_nothing_selected": ("截至 {date}，没有符合条件的措施", "No measures selected as of {date}"),
    "check_warnings_header": ("临期提醒（不计为失败）：", "Due soon (not failing):"),
    # (what is left out: failures, warnings or both, a zero one not named)
    "check_not_annotated": ("另有 {what}未逐条标注（GitHub 每步每类最多显示 10 条），完整列表见下方日志",
                            "Not annotated: {what} (GitHub shows at most 10 of each per step); all are listed in the log "
                            "below"),
    "check_more_failures": ("{n} 项未通过的措施", "{n:more failing measure}"),  # (未通过未逐条标注 read as one muddle)
    "check_more_warnings": ("{n} 项临期提醒", "{n:more warning}"),
    "check_and": ("、", " and "),
    "check_heading": ("整改台账检查", "Rectification ledger check"),
    "check_due": ("期限", "Due"),
    "check_colon": ("：", ": "),
    "check_entry_note": ("{entry}：{note}", "{entry}: {note}"),  # (a journal entry, then its note: "推进中 主体…" read as one)
    "check_rule_overdue": ("措施逾期：已过整改期限仍未销号", "Measure overdue: past its deadline and not closed"),
    "check_rule_due_soon": ("措施临期：整改期限在预警天数之内", "Measure due soon: its deadline is within the warning window"),
    "check_rule_stale": ("长期坚持措施久未报告", "Ongoing measure not reported on within the reporting period"),
    # journal history (render/journal_text.py)
    "journal_date": ("日期", "Date"),
    "journal_state": ("记录", "Entry"),
    "journal_by": ("记录单位", "By"),
    "journal_note": ("进展", "Note"),
    "journal_evidence": ("佐证", "Evidence"),
    "journal_reason": ("理由", "Reason"),  # (under its entry: an extension's reason, a retraction's note)
    "journal_no_entries": ("没有记录", "No entries"),
    # (of history --since and of a measure or task asked about: not read as an empty journal)
    "journal_no_entries_since": ("自 {since} 以来没有记录", "No entries since {since}"),
    "journal_no_entries_measure": ("措施 {item} 没有记录", "No entries for measure {item}"),
    "journal_no_entries_task": ("任务 {item} 没有记录", "No entries for task {item}"),
    "journal_no_entries_measure_since": ("措施 {item} 自 {since} 以来没有记录", "No entries for measure {item} since {since}"),
    "journal_no_entries_task_since": ("任务 {item} 自 {since} 以来没有记录", "No entries for task {item} since {since}"),
    # (on a terminal too narrow for a note beside its entry: the note, the evidence under it)
    "history_under_row": ("{name}：{text}", "{name}: {text}"),
    "validate_ok": ("{files}：通过——{tasks}项整改任务、{measures}项具体措施、{entries}条进展记录",
                    "{files}: ok — {tasks:task}, {measures:measure}, {entries:journal entry|journal entries}"),
    # (a report a plan names that cannot be read: valid, but reconcile leaves the claims' words unchecked)
    "validate_source_unread": ("{place}: 警告：registry.source 所指的报告读不到（{path}：{why}）：rectify reconcile 不会核对报告数字的原文",
                               "{place}: warning: the report named by registry.source cannot be read ({path}: {why}): rectify reconcile "
                               "will not check the claims' words against it"),
    # (an entry repeating an earlier one field for field: journal_checks.repeated_entries)
    "validate_repeated": ("{place}: 警告：第 {index} 条进展记录（措施 {measure}，{date}）与第 {first} 行的记录完全相同："
                          "重复的记录不改变任何状态；{then}",
                          "{place}: warning: journal entry {index} (measure {measure}, {date}) repeats the entry on line "
                          "{first} exactly: a repeated entry changes no state; {then}"),
    # (what to do of it: one typed by hand is deleted; one rectify wrote (hashed) is retracted, as
    # its write said, since the hash chain after it would break)
    "validate_repeated_delete": ("若是重复粘贴，请删去这一条", "if it was pasted twice, delete this one"),
    # ({registry}: " -r PATH" when the command named its ledger so, textsafe.registry_words)
    "validate_repeated_retract": ("如是误将命令运行了两次，请用 `rectify retract {measure} --entry {new} --reason 重复记录{registry}` "
                                  "撤回这一条",
                                  "if the command ran twice by mistake, `rectify retract {measure} --entry {new} "
                                  "--reason duplicate{registry}` voids this one"),
    "validate_repeated_more": ("警告：另有 {count} 条记录与前面的某条完全相同",
                               "warning: {count:more entry repeats|more entries repeat} an earlier one exactly"),
    # (a deadline before the inspection's feedback, likely its year mistyped: as import_due_before_feedback)
    "validate_due_before_feedback": ("{place}: 警告：{who} 的时限 {due} 早于督察反馈日期 {feedback}：是否笔误？",
                                     "{place}: warning: {who}: deadline {due} is before the inspection's feedback of "
                                     "{feedback}: a typo?"),
    # (the plan's task, as its other messages name it; import's "problem {task}" is the report's, and
    # "warning: problem 1:" reads as validate's first problem found)
    "validate_of_task": ("任务 {task}", "task {task}"),
    "validate_due_before_feedback_more": ("警告：另有 {count} 个时限早于督察反馈日期",
                                          "warning: {count:more deadline is|more deadlines are} before the "
                                          "inspection's feedback"),
    # (an extension more than FAR_YEARS after the deadline it moves: journal_checks.far_extensions)
    "validate_far": ("{place}: 警告：第 {index} 条进展记录（措施 {measure}，{date}）将期限 {due} 延至 {to}，晚 {years} 年以上："
                     "年份是否输错了？在此之前该措施不会显示逾期；{then}",
                     "{place}: warning: journal entry {index} (measure {measure}, {date}) moves the deadline {due} to "
                     "{to}, more than {years} years later: is the year mistyped? Until then the measure is never "
                     "overdue; {then}"),
    # (what to do of a true one: one typed by hand gets the confirmation extend --far-future writes;
    # one rectify wrote (hashed, before entries kept it) is left alone, as the key would break the chain)
    "validate_far_confirm": ("如确实批准延期至该日，请在这条记录中写上 far_future: true，不再警告",
                             "if the extension truly runs that long, write far_future: true in the entry and this "
                             "warning stops"),
    "validate_far_leave": ("如确实批准延期至该日，无需改动", "if the extension truly runs that long, leave it as it is"),
    # (far_future: true typed on an extension not that far: history and show say it is confirmed)
    "validate_far_needless": ("{place}: 警告：第 {index} 条进展记录（措施 {measure}，{date}）将期限 {due} 延至 {to}，"
                              "并未晚 {years} 年以上：far_future: true 在此无需写上，请删去（history、show 和 summary 据此标为“已确认远期”）",
                              "{place}: warning: journal entry {index} (measure {measure}, {date}) moves the deadline "
                              "{due} to {to}, not more than {years} years later: far_future: true is needless there, "
                              "delete it (with it, history, show and summary mark the entry 'far date confirmed')"),
    "validate_far_needless_more": ("警告：另有 {count} 条延期记录写有 far_future: true，而新期限比所推迟的期限晚不超过 {years} 年",
                                   "warning: {count:more extension says|more extensions say} far_future: true, moving "
                                   "a deadline no more than {years} years later"),
    "validate_far_more": ("警告：另有 {count} 条延期记录的新期限比所推迟的期限晚 {years} 年以上",
                          "warning: {count:more extension moves|more extensions move} a deadline more than {years} "
                          "years later"),
    # what a write command prints (render/journal_text.py render_written)
    "written": ("已记录", "Recorded"),
    "written_late_flag": ("（逾期申请）", " (late request)"),
    # (an extension more than FAR_YEARS on, confirmed: far_future: true, which validate no longer warns of)
    "written_far_flag": ("（已确认远期）", " (far date confirmed)"),
    # (a close of one step of several: without it, "4.2 销号" stood above 4.2 still open)
    "closed_step": ("{day}到期的一步", "step due {day}"),
    "step_marked": ("【{step}】{text}", "[{step}] {text}"),  # (a measure's text, marked with one of its steps)
    "recorded_on": ("{day}补录", "written {day}"),  # (a back-dated entry: the day it was written)
    "retracts_entry": ("撤回 {entry}", "{entry}"),  # (a retraction: the entry it voids, as retracted_entry names it)
    "retracts_retraction": ("撤回 {day} 的撤回", "{day} retraction"),  # (a retraction that voids one)
    # (an entry a retraction voids, in few cells: history's brackets and summary's retractions both name it so)
    "retracted_entry": ("{day} {entry}", "{day} {entry}"),
    "retracted_word": ("已撤回", "retracted"),  # (an entry a retraction voids)
    "effect_as_of": ("截至 {date}：", "as of {date}: "),
    "effect_overdue": ("逾期{days}天（期限 {due}）", "{days:day} overdue (due {due})"),  # (as status and check say it)
    "effect_done": ("已销号", "closed"),
    "effect_ongoing_closed": ("限期部分已销号，继续长期坚持", "dated part closed; stays ongoing"),
    "effect_ongoing": ("长期坚持", "ongoing"),
    "effect_stale": ("，久未报告", ", stale"),
    "effect_pending": ("{status}，下一期限 {due}", "{status}, next due {due}"),
    # (said on stderr after a command that read a folder registry: see layout.unread_subfolders)
    "notice_subfolder_unread": ("注意：子文件夹 {folder} 中的方案文件未被读取：{files}；只读取 {root} 中直接存放的方案文件。"
                                "若要核查它们，请将其移到 {root} 中，或用 -r {folder} 另行指定",
                                "note: the plan files in the subfolder {folder} are not read: {files}; only those directly in "
                                "{root} are. To check them, move them up into {root}, or give -r {folder}"),
    # (said on stderr after a command that read the data/tasks.yaml found, none given: see layout._notice_unread_beside)
    "notice_beside_unread": ("注意：{folder} 中另有方案文件未被读取：{files}；不带 -r 时只读取 {plan}。若要全部读取，请用 -r {folder}"
                             "（按多文件台账读入，各文件的编号以文件名为前缀，如 {example}）；若要单独核查其中一个，请用 -r {one}",
                             "note: other plan files in {folder} are not read: {files}; with no -r, only {plan} is. To read "
                             "them all, give -r {folder} (a folder registry: each file's ids prefixed by its name, {example}); "
                             "to check one alone, give -r {one}"),
    "notice_in_progress_closed": ("措施 {measure} 已销号，这条进展不改变其状态；回头看发现问题，请用 rectify reopen 重新打开",
                                  "{measure} is closed, and this entry leaves it so; if a follow-up inspection (回头看) "
                                  "found a problem, use `rectify reopen`"),
    "notice_closed_late": ("逾期销号：超过期限 {deadline} 共{days}天", "closed late: {days:day} after its deadline {deadline}"),
    "notice_late_extension": ("逾期申请延期：在期限 {deadline} 过后{days}天才申请（已写入 late: true）",
                              "late extension: requested {days:day} after the deadline {deadline} (written with late: true)"),
    "notice_late_left_out": ("未采用 --late：期限 {deadline} 尚未过，按期申请延期（未写入 late）",
                             "--late left out: the deadline {deadline} has not passed, an extension on time "
                             "(written without late)"),
    "notice_far_future_left_out": ("未采用 --far-future：新期限 {to} 比所推迟的期限 {deadline} 晚不超过 {years} 年，"
                                   "无需确认（未写入 far_future）",
                                   "--far-future left out: the new date {to} is no more than {years} years after the "
                                   "deadline {deadline} it moves, nothing to confirm (written without far_future)"),
    "notice_closed_all_steps": ("一并销号了全部{n}个未完成的期限（{deadlines}）；只销其中一个，用 --milestone 日期",
                                "closed all {n} pending steps ({deadlines}); --milestone DATE closes one"),
    # (a close or an extension dated by its deadline but written after it: on time, as its date says,
    # and why said first; "on time by its date" left the reader to work that out)
    "notice_recorded_after_deadline": ("所填日期 {date} 不晚于期限 {deadline}，计为按期，但记录时期限已过{days}天，请核实日期",
                                       "dated {date}, on or before the deadline {deadline}, so it counts as on time, "
                                       "though written {days:day} after the deadline; make sure that date is true"),
    "notice_month_over": ("补录到已结束的{year}年{number}月：该月及以后各月的月报随之改变（已报送的不会）",
                          "dated in {month}, a month already over: the summaries of {month} and later months "
                          "change; those already filed do not"),
    "notice_back_filled": ("补录：日期 {date} 早于措施 {measure} 最近一条记录（{latest}）",
                           "back-filled: dated {date}, before the latest entry of {measure} ({latest})"),
    # (under the entry written, as the other notices: written all the same, as a second identical report can be true)
    "notice_repeated_entry": ("这条记录与 {date} 的{state}记录（{hash}）完全相同，仍已写入；如是误将命令运行了两次，"
                              "请用 `rectify retract {measure} --entry {new} --reason 重复记录{registry}` 撤回这一条",
                              "this entry repeats the {state} entry of {date} ({hash}) exactly, and is written "
                              "all the same; if the command ran twice by mistake, `rectify retract {measure} --entry {new} "
                              "--reason duplicate{registry}` voids this one"),
    # (on stderr after a write whose --by is none of the measure's units: written all the same, as a
    # unit may report for another; the retract of notice_repeated_entry, and the way to record it right)
    "notice_by_not_responsible": ("警告：措施 {measure} 由 {units} 负责，--by {by} 不在其中，仍已写入；若填错了，"
                                  "请用 `rectify retract {command_id} --entry {new} --reason 填报单位有误{registry}` 撤回这一条，"
                                  "再以正确的 --by 重新记录",
                                  "warning: --by {by} is none of the units {measure} falls to ({units}); written all "
                                  "the same; if that was a mistake, `rectify retract {command_id} --entry {new} --reason "
                                  "'wrong unit'{registry}` voids this entry: then record it again with the right --by"),
    "notice_evidence_not_found": ("佐证“{evidence}”不是本机上的文件，按文字记录（未计算哈希）",
                                  "evidence '{evidence}' is not a file here: recorded as text (no hash)"),
    "notice_evidence_is_folder": ("佐证“{evidence}”是文件夹，不是文件：按文字记录（未计算哈希）；要以哈希固定佐证，请指明其中的文件",
                                  "evidence '{evidence}' is a folder, not a file: recorded as text (no hash); name a "
                                  "file in it to pin the proof by its hash"),
    # (a file in the repository is named relative to the journal: this one's path is this machine's alone)
    "notice_evidence_outside_repository": ("佐证文件不在台账所在的仓库（{folder}）中，按本机的完整路径 {path} 记录："
                                           "同事克隆的仓库里找不到它；佐证文件宜放在仓库中",
                                           "the evidence file is outside the ledger's repository ({folder}): recorded "
                                           "by its full path on this machine, {path}, which a colleague's clone won't "
                                           "find; keep evidence files in the repository"),
    "notice_evidence_outside_ledger": ("佐证文件不在台账文件夹（{folder}）中，按本机的完整路径 {path} 记录："
                                       "台账复制到别处后找不到它；佐证文件宜放在台账文件夹中",
                                       "the evidence file is outside the ledger's folder ({folder}): recorded by its "
                                       "full path on this machine, {path}, which a copy of the ledger elsewhere won't "
                                       "find; keep evidence files in the ledger's folder"),
    "journal_head": ("台账哈希", "head"),
    # (on stderr after a write to a journal `verify` fails: written all the same, as the journal is append-only)
    "journal_chain_broken": ("警告：{journal} 的哈希链已断（第 {index} 条，第 {line} 行起与哈希不符），本条仍已写入；"
                             "请运行 `rectify verify{registry}` 查看",
                             "warning: the hash chain of {journal} is broken (entry {index}, line {line} on does not "
                             "match its hash); this entry was written all the same; run `rectify verify{registry}` "
                             "to see where"),
    # (after a write to a journal that ended mid-line in an unhashed entry: what verify said of it, said before it is hidden)
    "journal_cut_short_written": ("警告：{journal} 的第 {index} 条记录（第 {line} 行起）无哈希，且文件在这一条的一行中间结束："
                                  "文件是否被截断？本条仍已写入其后；请对照备份核对这一条",
                                  "warning: entry {index} of {journal} (line {line} on) is unhashed, and the file ended in "
                                  "the middle of one of its lines: was it cut short? This entry was written after it all "
                                  "the same; check that one against a copy"),
    # what a command refuses of a request (i18n.refusal; render/journal_text.py render_refusal), in
    # English the exception's own text; a Notice nested in another's values is worded by its own
    # refused_ label (a hint, the rule a later entry breaks)
    # (of export's plan as JSON too: no report)
    "refused_output_in_registry": ("--output：{output} {role}；请写到别的文件",
                                   "--output: {output} {role}; write the output to another file"),
    "refused_output_github": ("-o 不能与 `--format github`（在 `GitHub Actions` 中为默认格式）同用：工作流命令只有打印到标准输出"
                              "才起作用；请用 --format 另选 `text`、`json`、`junit` 或 `sarif`，或去掉 -o",
                              "-o does not go with --format github (the default under GitHub Actions): workflow "
                              "commands work only when printed to standard output; choose another --format (text, "
                              "json, junit or sarif), or leave out -o"),
    "refused_output_is_plan_file": ("是台账的整改方案文件", "is the registry's plan file"),
    "refused_output_is_journal": ("是台账的进展记录", "is the registry's journal"),
    "refused_output_is_lock": ("是台账进展记录的锁文件", "is the lock file of the registry's journal"),
    "refused_output_is_in_folder": ("在台账的文件夹中，写在那里会被当作又一个方案文件读入",
                                    "is in the registry's folder, where a .yaml file is read as a plan file"),
    "refused_head_malformed": ("--since-head：应为 64 位十六进制的台账哈希，即 `rectify summary` 所打印的；输入的是“{given}”",
                               "--since-head: expected a head hash of 64 hex digits, as `rectify summary` prints it; "
                               "got '{given}'"),
    "refused_two_registries": ("给出了两个台账：{path} 和 --registry {registry}；请只给一个",
                               "two registries given, {path} and --registry {registry}: give one"),
    # (no ledger given nor found: status falls back to the example and says so; a write is refused)
    "refused_bundled_fallen_back": ("没有指定台账，从此处也未找到 `./data/tasks.yaml`：不写入内置示例台账 {root}；"
                                    "请在台账所在的文件夹中运行，或用 --registry 指定台账；未写入任何内容",
                                    "no ledger given, and no `./data/tasks.yaml` found from here: rectify does not write into "
                                    "the bundled example ledger {root}; run it in your ledger's folder, or name it with "
                                    "--registry; nothing was written"),
    # (copied to ./data, it is the ledger found there and in the folders below, with no option;
    # `cp -r A/data A/schema .` lands in ./data whether or not an empty one is there, where
    # `cp -r A/data ./data` made ./data/data; schema/: the plan's first line names ../schema/)
    "refused_installed_copy": ("{root} 是已安装的 rectify 自带台账的副本，下次安装时会被替换：要保留进展记录，请先把它"
                               "连同其首行所指的 `schema/` 文件夹复制到此处（cp -r {folder} {schema} .），"
                               "此后在该文件夹中运行的命令即读取 `data/tasks.yaml`（或用 --registry 指定）；未写入任何内容",
                               "{root} is the bundled ledger's copy inside the installed rectify, which the next install "
                               "replaces: to keep a journal, copy it here with the `schema/` folder its first line names "
                               "(cp -r {folder} {schema} .); commands run here then read `data/tasks.yaml` (or give "
                               "--registry); nothing was written"),
    "refused_empty_measure": ("措施编号为空：请写明措施编号，如 35.2",
                              "the measure id is empty: give one, e.g. 35.2"),
    "refused_no_measure": ("整改方案中没有措施“{measure}”{hint}", "no measure '{measure}' in the plan{hint}"),
    "refused_evidence_unreadable": ("--evidence：{path}：无法读取（{why}）", "--evidence: {path}: cannot be read ({why})"),
    "refused_did_you_mean": ("（是否指 {names}？）", " (did you mean {names}?)"),
    "refused_task_not_measure": ("（{task} 是整改任务，请指明其下的一项措施：{measures}）",
                                 " ({task} is a task: name one of its measures, {measures})"),
    "refused_several_files": ("文件夹中有多个文件含“{measure}”（{ids}）：请连同文件名指明所指的一项",
                              "'{measure}' is in several files of the folder ({ids}): name the one you mean with its file"),
    "refused_of_option": ("{option}：{what}", "{option}: {what}"),  # (a refusal of a value an option was given)
    "refused_no_plan_file": ("{root} 是台账文件夹，其中没有方案文件“{prefix}”（{hint}）；输入的是“{measure}”",
                             "{root} is a folder registry with no plan file '{prefix}' ({hint}); got '{measure}'"),
    "refused_plan_file_meant": ("是否指 {name}？", "did you mean {name}?"),
    "refused_plan_files": ("其中的文件：{files}", "its files: {files}"),
    "refused_measure_needs_file": ("{root} 是台账文件夹：请连同文件名指明措施，如 {example}",
                                   "{root} is a folder registry: name the measure with its file, e.g. {example}"),
    "refused_unknown_state": ("--state：未知的状态“{state}”{hint}；应为 {states} 之一",
                              "--state: unknown state '{state}'{hint}; expected one of {states}"),
    "refused_state_use_extend": ("此处不能用 --state {state}：延期请用 `rectify extend`",
                                 "--state {state} is not allowed here: use `rectify extend`"),
    "refused_state_not_allowed": ("此处不能用 --state {state}：`rectify {command}` 只接受 {states}",
                                  "--state {state} is not allowed here: use `rectify {command}` with one of {states}"),
    # (a date that does not read: in English the date parser's own words, `detail`)
    "refused_date_unreadable_day": ("{option}：“{text}”不是日期（可写作 2019-03-31、2019/3/31 或 2019年3月31日）",
                                    "{option}: {detail}"),
    "refused_date_unreadable": ("{option}：“{text}”不是日期（可写作 2019-03-31、2019/3/31、2019-03（该月最后一天）"
                                "或 2019年3月31日）", "{option}: {detail}"),
    "refused_date_no_year": ("{option}：“{text}”缺少年份：请写明哪一年，{written}",
                             "{option}: '{text}' has no year: give it, {written}"),
    "refused_date_month": ("{option}：“{text}”只是月份，不是具体日期：请写明哪一天，{month}-DD", "{option}: {detail}"),
    "refused_date_not_real": ("{option}：“{text}”不是实际存在的日期（{why}）", "{option}: '{text}' is not a real calendar date ({why})"),
    "refused_date_not_iso": ("{option}：应为 YYYY-MM-DD 格式的日期，实为“{text}”", "{option}: {detail}"),
    "refused_date_future": ("--date：{date} 晚于今天（{today}）；台账只记录已经发生的事",
                            "--date: {date} is in the future (today is {today}); the journal records what has happened"),
    "refused_since_future": ("--since：{date} 晚于今天（{today}）；台账只记录已经发生的事，此后还没有记录",
                             "--since: {date} is in the future (today is {today}); the journal records what has happened, "
                             "none after today yet"),
    # (today where the registry lives, on a machine with no zone database at all: loading needs it,
    # to refuse an entry dated in the future, so no --as-of helps)
    "refused_zone_no_database": ("本机没有时区数据库，无从得知 {zone} 的今天是哪天：请安装时区数据库（`pip install tzdata`）",
                                 "this machine has no time zone database, so today's date in {zone} is unknown: install "
                                 "tzdata (pip install tzdata)"),
    "refused_date_before_feedback": ("--date：{date} 早于督察反馈日期（{feedback}），即问题移交之日",
                                     "--date: {date} is before the inspection's feedback ({feedback}), when the problems "
                                     "were handed over"),
    "refused_lock_timeout": ("{option}：应为等待进展记录锁文件的秒数（不小于 0 的数），实为“{text}”",
                             "{option}: expected the seconds to wait for the journal's lock (a number, at least 0), "
                             "got '{text}'"),
    "refused_not_utf8": ("{option}：不是有效的 UTF-8 文本", "{option}: not valid UTF-8 text"),
    "refused_names_more": ("{names}，另有 {more} 个", "{names} and {more} more"),  # (few_of)
    "refused_unit_of_other_file": ("{option}：“{name}”是 {files} 中的单位，不属于措施 {measure} 所在的 {own}：记录只能写本方案文件"
                                   "声明的单位",
                                   "{option}: '{name}' is a unit of {files}, not of {own}, the plan of {measure}: an "
                                   "entry names a unit its own plan file declares"),
    "refused_one_unit": ("{option}：只能填一个单位，“{name}”是 {count} 个（{units}）：请填牵头的单位，或为每个单位各记一条",
                         "{option}: one unit only, and '{name}' is {count} ({units}): give the lead one, or record an "
                         "entry for each"),
    "refused_unknown_unit": ("{option}：未知单位“{name}”{hint}；请使用方案 units: 下声明的单位（名称或别名）",
                             "{option}: unknown unit '{name}'{hint}; use a unit declared under 'units:' in the plan "
                             "(name or alias)"),
    # (a plan `rectify import` wrote is not edited by hand: the unit is added in its curation, and the plan imported again)
    "refused_unknown_unit_generated": ("{option}：未知单位“{name}”{hint}；{plan} 由 `rectify import` 生成，请勿手工修改：请在校订文件 "
                                       "{curation} 的 `extra_units:` 下添加该单位（写法同 units:），再重新导入",
                                       "{option}: unknown unit '{name}'{hint}; {plan} is generated by `rectify import`, not edited "
                                       "by hand: add the unit under 'extra_units:' in the curation {curation} (written as under "
                                       "'units:'), then import again"),
    "refused_unknown_unit_generated_no_curation": ("{option}：未知单位“{name}”{hint}；{plan} 由 `rectify import` 生成，请勿手工修改："
                                                   "请写一个校订文件，在其 `extra_units:` 下添加该单位（写法同 units:），再以 --curation 重新导入",
                                                   "{option}: unknown unit '{name}'{hint}; {plan} is generated by `rectify import`, "
                                                   "not edited by hand: write a curation file with the unit under 'extra_units:' (written "
                                                   "as under 'units:'), then import again with --curation"),
    "refused_milestone_wrong_state": ("--milestone：只有销号（done）或延期才能指明期限",
                                      "--milestone: only a close (done) or an extension names a milestone"),
    "refused_milestone_not_a_step": ("--milestone {day} 不是措施 {measure} 的期限（其期限为：{deadlines}）",
                                     "--milestone {day} is not a deadline of {measure} (its deadlines: {deadlines})"),
    "refused_milestone_no_steps": ("--milestone {day} 不是措施 {measure} 的期限（该措施为长期坚持，没有期限）",
                                   "--milestone {day} is not a deadline of {measure}: it is ongoing (长期坚持), with "
                                   "no deadline"),
    "refused_evidence_missing": ("措施 {measure} 销号须提供 --evidence：证明已完成的文件或文字（如文号）",
                                 "closing {measure} needs --evidence: a file or text that proves it is done (e.g. a "
                                 "document number)"),
    # ({run}: the command whole, with the measure and the options typed that it takes: journal._instead)
    # ({needs_note}: "" when a note was typed, which {run} repeats; else refused_note_needed_too, of
    # the placeholder {run} then holds: refused_run_with_note)
    "refused_close_ongoing_only": ("措施 {measure} 为长期坚持，没有可销号的期限：请用 `{run}` 报告其进展{needs_note}",
                                   "{measure} is ongoing (长期坚持) with no deadline to close: use `{run}` to "
                                   "report on it{needs_note}"),
    "refused_note_needed_too": ("，并把其中的 <本期工作> 换成本期完成的工作",
                                ", <WORK_DONE> in it replaced by what was done this period"),
    # (a command advised that needs a --note none was typed for: a placeholder where it goes, which
    # refused_note_needed_too says to replace; in <>, as the other placeholders: pasted unreplaced, the
    # shell refuses it (no such file) where a plain word was written as the note, clearing 久未报告)
    "refused_run_with_note": ("{command} --note <本期工作>{options}", "{command} --note <WORK_DONE>{options}"),
    "refused_reopen_first": ("{conflict}；如须再次销号，请先重新打开", "{conflict}; reopen it first if it must be closed again"),
    # (the close that stands is retracted after this date: it counts until then, and no reopening undoes a mistake)
    "refused_closed_until_retracted": ("{conflict}：{closed} 的销号已于 {retracted} 撤回，撤回前仍然有效；请以 {retracted} 或之后的日期销号",
                                       "{conflict}: the close of {closed} was retracted on {retracted}, but counts until "
                                       "then; close it on {retracted} or later"),
    "refused_note_reopen": ("--note：请说明重新打开的原因（如：回头看发现表面整改）",
                            "--note: say why the measure is reopened (e.g. a follow-up inspection (回头看) found "
                            "superficial rectification)"),
    "refused_note_in_progress": ("--note：请说明正在推进的工作（不写说明，这条记录就什么也没说）",
                                 "--note: say what is under way (an entry without a note says nothing)"),
    "refused_note_report": ("--note：请说明本期完成的工作（定期报告须有说明）",
                            "--note: say what was done this period (a report needs a note)"),
    "refused_no_ongoing_part": ("措施 {measure} 没有长期坚持的部分可供定期报告：请用 `{run}`",
                                "{measure} has no ongoing (长期坚持) part to report on: use `{run}`"),
    "refused_to_missing": ("--to：须提供新的期限", "--to: the new due date is required"),
    "refused_reason_missing": ("--reason：请说明批准延期的理由", "--reason: say why the extension was granted"),
    "refused_approver_missing": ("--approved-by：请写明批准延期的单位", "--approved-by: name the unit that approved the extension"),
    "refused_extension_late": ("措施 {measure} 的延期于 {date} 申请，已过其所推迟的期限（{due}，逾期{days}天）：延期须在期限前"
                               "批准；如仍要记录，请加 --late，记为逾期申请",
                               "extension of {measure} requested on {date}, after the deadline it moves ({due}, {days:day} "
                               "late): an extension must be approved before the deadline; use --late to record it "
                               "anyway, flagged as late"),
    "refused_to_far_future": ("--to {to} 比所推迟的期限（{due}）晚 {years} 年以上：年份是否输错了？如确实批准延期至该日，"
                              "请加 --far-future",
                              "--to {to} is more than {years} years after the deadline it moves ({due}): is the year "
                              "mistyped? If the extension truly runs that long, add --far-future"),
    # (why an entry can't follow the measure's state: said of this entry, or of a later one it would make wrong)
    "refused_step_already_closed": ("截至 {date}，措施 {measure} {milestone}到期的一步已销号",
                                    "{measure}'s step due {milestone} is already closed as of {date}"),
    "refused_already_closed": ("截至 {date}，措施 {measure} 已销号", "{measure} is already closed as of {date}"),
    "refused_already_closed_dated_part": ("截至 {date}，措施 {measure} 的限期部分已销号（继续长期坚持）",
                                          "{measure} is already closed as of {date} (its dated part; it stays ongoing)"),
    "refused_nothing_to_reopen": ("截至 {date}，措施 {measure} 未销号（状态：{status}）：无可重新打开",
                                  "{measure} is not closed as of {date} (status: {status}): nothing to reopen"),
    "refused_nothing_to_extend": ("截至 {date}，措施 {measure} 没有未完成的期限：无可延期",
                                  "{measure} has no pending deadline as of {date}: nothing to extend"),
    "refused_nothing_to_extend_step": ("截至 {date}，措施 {measure} 没有 {milestone} 到期的未完成期限：无可延期",
                                       "{measure} has no pending deadline {milestone} as of {date}: nothing to extend"),
    # (`option`: "--to " of the entry being written, "" of a later one)
    "refused_to_not_after_deadline": ("{option}{to} 不晚于所推迟的期限（{due}）",
                                      "{option}{to} is not after the deadline it moves ({due})"),
    "refused_to_not_after_entry": ("{option}{to} 不晚于记录日期（{date}）：延期后的期限须在以后",
                                   "{option}{to} is not after the entry's date ({date}): an extension sets a due date "
                                   "still to come"),
    "refused_flagged_late": ("该记录标为逾期申请，但其所推迟的期限届时将是 {due}",
                             "it is flagged late, but the deadline it moves would then be {due}"),
    "refused_flagged_on_time": ("该记录标为按期申请，但其所推迟的期限届时将是 {due}",
                                "it is flagged on time, but the deadline it moves would then be {due}"),
    "refused_later_entry_wrong": ("这条{state}记录（{date}）会使 {later_date} 的后一条记录（{later_state}{where}{retracted}）"
                                  "出错：{conflict}；请以晚于该记录的日期记录，或不予记录",
                                  "this {state} entry, dated {date}, would make the later entry of {later_date} "
                                  "({later_state}{where}{retracted}) wrong: {conflict}; record it with a date after that "
                                  "entry, or not at all"),
    "refused_line": ("，第 {line} 行", ", line {line}"),
    "refused_later_retracted": ("，已于 {date} 撤回，撤回前仍然有效", ", retracted on {date}, but counting until then"),
    "refused_state_use_retract": ("此处不能用 --state {state}：撤回误录请用 `rectify retract`",
                                  "--state {state} is not allowed here: use `rectify retract`"),
    "refused_reason_retract": ("--reason：请说明该记录错在哪里（如：误记在此措施上）",
                               "--reason: say why the entry was wrong (e.g. recorded on the wrong measure)"),
    "refused_nothing_to_retract": ("措施 {measure} 没有可撤回的记录", "{measure} has no entry to retract"),
    "refused_no_such_entry": ("措施 {measure} 没有 --entry {entry} 所指的记录（可写其日期，或其哈希的前 7 位以上）",
                              "{measure} has no entry that --entry {entry} names (give its date, or the first 7 or "
                              "more digits of its hash)"),
    "refused_entry_unreadable": ("--entry：“{text}”既不是日期（如 2019-04-18），也不是记录哈希的开头（7 至 64 位十六进制数字）",
                                 "--entry: '{text}' is neither a day (e.g. 2019-04-18) nor the start of an entry's hash "
                                 "(7 to 64 hex digits)"),
    "refused_several_entries": ("措施 {measure} 有多条记录符合 --entry {entry}：{entries}；请用 --entry <哈希开头> 指明撤回哪一条",
                                "{measure} has several entries that --entry {entry} names: {entries}; name the one to "
                                "retract with --entry <hash prefix>"),
    "refused_entry_listed": ("{date} 的{state}记录（{hash}）", "{date} {state} ({hash})"),
    "refused_entry_listed_said": ("{date} 的{state}记录（{hash}：{said}）", "{date} {state} ({hash}: {said})"),
    "refused_latest_is_retraction": ("措施 {measure} 最近的一条记录是撤回误录（{date}，{hash}）：如要撤销这次撤回，"
                                     "请用 --entry {hash}；如还要撤回更早的记录，请用 --entry 写明其日期或哈希开头",
                                     "the latest entry of {measure} is a retraction ({date}, {hash}): to undo it, name it "
                                     "with --entry {hash}; to retract an earlier entry too, name it with --entry (its "
                                     "date or the first digits of its hash)"),
    "refused_already_retracted": ("{date} 的{state}记录（{hash}）已经撤回", "the {state} entry of {date} ({hash}) is already "
                                  "retracted"),
    "refused_retract_unhashed": ("{date} 的{state}记录没有哈希（写于记录加哈希之前），无法指明撤回",
                                 "the {state} entry of {date} has no hash (written before entries were hashed): a "
                                 "retraction cannot name it"),
    "refused_retract_before_target": ("撤回日期 {date} 早于所撤回的{state}记录的日期（{target}）",
                                      "the retraction's date {date} is before that of the {state} entry it retracts "
                                      "({target})"),
    "refused_retract_later_first": ("撤回 {date} 的{state}记录会使其后 {later_date} 的{later_state}记录（{hash}）出错：{conflict}；"
                                    "请先撤回那条记录",
                                    "retracting the {state} entry of {date} would make the later {later_state} entry of "
                                    "{later_date} ({hash}) wrong: {conflict}; retract that entry first"),
    # what a reading command (status, check, summary, show, history) refuses of a request
    # (engine.select, summary.period, ids.unknown_item, cli._user_date, journal.history)
    "refused_empty_unit": ("{option}：单位名称为空；请填写方案 units: 下声明的单位（名称或别名）",
                           "{option}: the unit name is empty; give a unit declared under 'units:' in the plan (name or alias)"),
    "refused_empty_evidence": ("--evidence：佐证为空；请填写佐证的文件路径或文字（如文号）",
                               "--evidence: the evidence is empty; give a file path or text (e.g. a document number)"),
    "refused_empty_region": ("--region：地区名称为空{hint}", "--region: the region name is empty{hint}"),
    "refused_empty_task": ("--task：任务编号为空{hint}", "--task: the task number is empty{hint}"),
    "refused_unknown_owner": ("--owner：未知单位“{name}”{hint}", "--owner: unknown unit '{name}'{hint}"),
    "refused_listed_units": ("{option}：一次只填一个单位，“{name}”是 {count} 个：请写作 {repeated}",
                             "{option}: one unit at a time, and '{name}' is {count}: write {repeated}"),
    "refused_listed_regions": ("{option}：一次只填一个地区，“{name}”是 {count} 个：请写作 {repeated}",
                               "{option}: one region at a time, and '{name}' is {count}: write {repeated}"),
    "refused_listed_tasks": ("{option}：一次只填一个任务，“{name}”是 {count} 个：请写作 {repeated}",
                             "{option}: one task at a time, and '{name}' is {count}: write {repeated}"),
    "refused_known_units": ("（已知单位：{units}）", " (known units: {units})"),
    "refused_ambiguous_alias": ("{option}：“{name}”是 {count} 个单位（{units}）的别名，分别由不同的方案文件声明：请写明单位名称",
                                "{option}: '{name}' is an alias of {count} units ({units}), declared by different plan "
                                "files: name the unit"),
    "refused_unknown_region": ("--region：未知地区“{region}”{hint}", "--region: unknown region '{region}'{hint}"),
    "refused_regions_are": ("；地区为 {regions}", "; the regions are {regions}"),
    "refused_no_regions": ("；台账未声明任何地区", "; the registry declares no region"),
    "refused_unknown_task": ("--task：没有任务“{task}”{hint}", "--task: no task '{task}'{hint}"),
    "refused_empty_item": ("任务或措施编号为空{hint}", "the task or measure id is empty{hint}"),
    "refused_unknown_item": ("没有任务或措施“{item}”{hint}", "no task or measure '{item}'{hint}"),
    "refused_item_is_file": ("“{item}”是文件夹中的一个文件，不是任务或措施（其任务编号为 {span}）",
                             "'{item}' is a file of the folder, not a task or measure (its tasks are {span})"),
    "refused_is_file": ("（“{item}”是文件夹中的一个文件，其任务编号为 {span}）", " ('{item}' is a file of the folder: its tasks are {span})"),
    "refused_task_has_measures": ("（任务 {task} 的措施为 {measures}）", " (task {task} has measures {measures})"),
    "refused_tasks_range": ("（任务编号为 {spans}）", " (tasks are {spans})"),
    "refused_tasks_span": ("{first} 至 {last}", "{first} to {last}"),
    "refused_only_task": ("（唯一的任务为 {task}）", " (the only task is {task})"),
    "refused_date_unreadable_since": ("{option}：“{text}”不是日期（可写作 2019-03-31、2019/3/31、2019-03（自该月第一天起）"
                                      "或 2019年3月31日）", "{option}: {detail}"),
    "refused_month_unreadable": ("--month：“{text}”不是月份（可写作 2019-03 或 2019年3月）", "--month: {detail}"),
    "refused_month_not_real": ("--month：“{text}”不是实际存在的月份（{why}）", "--month: '{text}' is not a real month ({why})"),
    "refused_first_month": ("今天是 {today}，在日历的第一个月，没有上个月可供汇总（请用 --month 指定月份）",
                            "today is {today}, in the calendar's first month: there is no last month to report on "
                            "(name one with --month)"),
    "refused_month_calendar_end": ("--month：“{text}”是日历的最后一个月，没有下一个月可供对照汇总", "--month: {detail}"),
    "refused_month_given": ("--month 指定的月份（{month}）", "--month: {month}"),
    "refused_month_default": ("上月（{month}，--month 的默认值）", "last month ({month}, the default of --month)"),
    "refused_month_not_begun": ("{which}尚未开始（今天是 {today}）", "{which} has not begun (today is {today})"),
    "refused_month_before_feedback": ("{which}在督察反馈日期（{feedback}）之前已结束，没有可汇总的内容{hint}",
                                      "{which} ended before the inspection's feedback ({feedback}): nothing to report "
                                      "on{hint}"),
    "refused_month_this_month": ("；--month {month} 可汇总本月至今的情况", "; --month {month} reports on this month so far"),
    "refused_summary_width": ("--width {width} 太窄：月报的表格至少需要 {needed} 个半角字符宽（一个汉字占 2 个），"
                              "请用 --width {needed} 或更大的值",
                              "--width {width} is too narrow: the summary's tables need at least {needed} cells "
                              "(a Chinese character takes 2); use --width {needed} or more"),
    # rectify verify (render/journal_text.py)
    "verify_no_journal": ("{journal}：尚无进展记录（无可核验）", "{journal}: no journal yet (nothing to verify)"),
    "verify_checked": ("{journal}：核验 {entries} 条记录，{state}；台账哈希 {head}",
                       "{journal}: {entries:entry|entries} checked, {state}; head {head}"),
    "verify_ok_state": ("无误", "ok"),
    "verify_problems_state": ("{problems} 处问题", "{problems:problem}"),
    "verify_entry": ("第 {index} 条（措施 {measure}，{date}）：{what}", "entry {index} (measure {measure}, {date}): {what}"),
    "verify_malformed": ("格式错误——不是键值映射", "malformed — not a mapping"),
    "verify_unhashed": ("无哈希——手工写入或由旧版本写入，不在哈希链内",
                        "unhashed — has no hash (written by hand or an old version): not covered by the chain"),
    "verify_bad_hash": ("哈希格式错误——应为 64 位小写十六进制数字：文件是否被截断，或哈希被改动？",
                        "malformed hash — expected 64 lowercase hex digits: was the file cut short, or the hash changed?"),
    "verify_cut_short": ("无哈希，且文件在这一条的一行中间结束：文件是否被截断？请从备份恢复",
                         "unhashed, and the file ends in the middle of one of its lines: was the file cut short? "
                         "Restore it from a copy"),
    "verify_edited": ("被修改——内容与其哈希不符：本条被修改，或其前一条被删除",
                      "edited — its content does not match its hash: it was edited, or the entry before it was removed"),
    "verify_untraced": ("被改动——不接在前一条之后：本条被修改，或有记录被删除或调换（问题过多，未再查找其接在哪一条之后）",
                        "changed — it does not chain from the entry before it: it was edited, or entries were removed "
                        "or reordered (too many problems: where it chains from was not traced)"),
    "verify_moved": ("被删除或调换——内容与哈希相符，但接在第 {source} 条之后，而非前一条之后",
                     "removed or reordered — its content matches its hash but it chains from entry {source}, "
                     "not from the entry before it"),
    "verify_moved_start": ("被删除或调换——内容与哈希相符，但接在进展记录开头，而非前一条之后",
                           "removed or reordered — its content matches its hash but it chains from the start of the "
                           "journal, not from the entry before it"),
    # (two entries chaining from one: two branches' appends both kept by a merge; README "Two colleagues, two branches")
    "verify_forked": ("两个分支的记录被合在一起——与第 {sibling} 条一样接在第 {source} 条之后：合并时双方的记录都保留了；"
                      "请取合并前一方的进展记录文件（git checkout 那一方的提交 -- 此文件），再用 `rectify record … --date 日期` "
                      "补录另一方的记录",
                      "two branches' entries kept together — it chains from entry {source}, as entry {sibling} does: "
                      "a merge kept both sides' entries; take one side's journal from before the merge (git checkout "
                      "COMMIT -- FILE) and record the other side's entries again with `rectify record … --date DAY`"),
    "verify_forked_start": ("两个分支的记录被合在一起——与第 1 条一样接在进展记录开头：合并时双方的记录都保留了；"
                            "请取合并前一方的进展记录文件（git checkout 那一方的提交 -- 此文件），再用 "
                            "`rectify record … --date 日期` 补录另一方的记录",
                            "two branches' entries kept together — it chains from the start of the journal, as entry 1 "
                            "does: a merge kept both sides' entries; take one side's journal from before the merge (git "
                            "checkout COMMIT -- FILE) and record the other side's entries again with "
                            "`rectify record … --date DAY`"),
    "verify_since_found": ("核验起点 {head}：见第 {index} 条（{journal}:{line}），此前的记录未被改动",
                           "since-head {head}: found at entry {index} ({journal}:{line}); the history up to it is unchanged"),
    "verify_since_changed": ("核验起点 {head}：见第 {index} 条（{journal}:{line}），但此前的记录已被改动（见上）",
                             "since-head {head}: at entry {index} ({journal}:{line}), but the history before it was "
                             "changed (see above)"),
    "verify_since_missing": ("核验起点 {head}：进展记录中未找到——该月报之前的记录已被改写（修改、删除或调换），或哈希抄错",
                             "since-head {head}: not found in the journal — the history before that summary was "
                             "rewritten (entries edited, removed or reordered), or the hash is mistyped"),
    # (true whether no hash was given for the journal or the one given is found in no journal)
    "verify_since_none": ("核验起点：所给的台账哈希都不在 {journal} 中，其末尾若有记录被删去，无法发现",
                          "none of the --since-head hashes given is in {journal}: entries removed from its end "
                          "would go unseen"),
    "verify_passed": ("核验：通过", "verify: ok"),
    "verify_failed": ("核验：未通过——进展记录写入后被改动", "verify: FAILED — the journal was changed after it was written"),
    "journal_new_file": ("（新建进展记录文件）", " (new journal file)"),
    # rectify status / show (render/rich_status.py)
    "status_today_is": ("（今天是 {day}）", " (today is {day})"),
    "status_folder_files": ("（{n} 个文件）", " ({n:file})"),  # after a folder registry's folder, "reg/"
    # after the bundled ledger's file, when no ledger was given or found (layout.bundled_by_default)
    "bundled_ledger": ("（内置示例台账：未找到 ./data/tasks.yaml）", " (bundled example ledger: no ./data/tasks.yaml found)"),
    # (check, fallen back to it: on stderr, its report and machine formats as they were)
    "check_bundled_ledger": ("注意：未找到 ./data/tasks.yaml，检查的是内置示例台账；请在台账所在的文件夹中运行，或用 --registry 指定台账",
                             "note: no ./data/tasks.yaml found, so this checked the bundled example ledger; run it in your "
                             "ledger's folder, or name it with --registry"),
    "summary_bundled_ledger": ("注意：未找到 ./data/tasks.yaml，月报写的是内置示例台账；请在台账所在的文件夹中运行，或用 --registry 指定台账",
                               "note: no ./data/tasks.yaml found, so this summary is of the bundled example ledger; run it "
                               "in your ledger's folder, or name it with --registry"),
    # (counted to the day judged: "ago" when it is today, else "before" it, named just before;
    # "earlier" said earlier than what? 天前 after 今天是 … reads as before today: 早于截至日, the
    # 截至 the line opens with; not 截至日前, read as the set phrase 截至日前 "as of lately")
    "status_days_ago": ("（{n}天前）", " ({n:day} ago)"),
    "status_days_before": ("（早于截至日{n}天）", " ({n:day} before)"),
    "status_same_day": ("（当天）", " (same day)"),
    # (the ledger last written, by a back-dated entry, after its latest entry's date: what the
    # "not updated" warning counts from, so that no warning under "137 days ago" reads as wrong)
    "status_days_ago_written": ("（{n}天前，{written}）", " ({n:day} ago; {written})"),
    "status_days_before_written": ("（早于截至日{n}天，{written}）", " ({n:day} before; {written})"),
    "status_written_on": ("{day}有补录", "back-dated entry written {day}"),
    # the title of a folder whose plan files have several: the first, and how many files
    "notice_folder_title": ("{n}个台账：{first}等", "{n} ledgers: {first} and {others:other}"),
    "status_no_entries": ("尚无进展记录", "No entries yet"),
    "status_not_updated_warning": ("注意：台账已 {days} 天（约 {months} 个月）未更新，超过报告周期 {period} 天。",
                                   "Warning: the ledger has not been updated for {days:day} (about {months:month}), longer than the {period}-day reporting period."),
    # (under a month: no "about 0 months")
    "status_not_updated_warning_days": ("注意：台账已 {days} 天未更新，超过报告周期 {period} 天。",
                                        "Warning: the ledger has not been updated for {days:day}, longer than the {period}-day reporting period."),
    "status_no_entries_warning": ("注意：台账尚无任何进展记录。", "Warning: the ledger has no journal entries yet."),
    # (a folder's plan file whose own journal has gone quiet: render/journal_text.quiet_journals;
    # sentences, ended as the ledger's own warning is, for summary's overview pasted into a report)
    "status_file_quiet": ("注意：{file} 自 {date} 起 {days} 天未记录（报告周期 {period} 天）。",
                          "Warning: {file} has had no entry since {date} ({days:day}; reporting period {period:day})."),
    "status_file_never": ("注意：{file} 尚无任何进展记录（自反馈之日 {date} 起 {days} 天）。",
                          "Warning: {file} has no journal entries yet ({days:day} since its feedback on {date})."),
    "status_files_quiet_more": ("…共 {n} 个文件超过报告周期未记录。",
                                "… {n:file} in all without an entry for longer than the reporting period."),
    "status_tasks_count": ("任务 {n} 项：", "{tasks}: "),
    "status_measures_count": ("措施 {n} 项：", "{measures}: "),
    "status_states": ("措施状态：", "Measures by state: "),
    # (after the count of 长期坚持, as show says 3/5 (1 closed late): only they are stale, and a clerk
    # adding up the states gets the measures)
    "status_stale_of_ongoing": ("（其中久未报告 {n}）", " ({n} stale)"),
    "status_empty_selection": ("没有符合筛选条件的任务或措施。", "No task or measure matches the filters."),
    # (the header's line of the filters in force: a filtered status pasted into a report must not
    # read as the whole ledger's figures; "or": the measures of any of them, as summary says it)
    "status_filters": ("筛选条件：", "Filtered to: "),
    "status_filter_owner": ("责任单位 {names}", "owner {names}"),
    "status_filter_region": ("地区 {names}", "region {names}"),
    "status_filter_task": ("任务 {names}", "task {names}"),
    "status_filter_state": ("状态 {names}", "state {names}"),
    "status_due_column": ("期限", "Due"),
    "status_text_column": ("内容", "Text"),
    "status_overdue_days": ("逾期{n}天", "{n:day} overdue"),
    # (of a measure closed after its deadline, engine.MeasureResult.closed_late: its state word, then
    # how late; "closed (closed … late)" would say it twice in English. Of one still ongoing or
    # stale, its dated part was closed late: 久未报告（逾期10天销号） read as if being stale were)
    "status_closed_late": ("{state}（逾期{n}天销号）", "{state} ({n:day} late)"),
    "status_closed_late_ongoing": ("{state}（限期部分逾期{n}天销号）", "{state} (dated part closed {n:day} late)"),
    "status_closed_late_header": ("逾期销号", "Closed late"),  # (status's task table: how many of its measures)
    # (under status --measures too narrow for the days in the state: each id, with the state's words after it)
    "status_closed_late_legend": ("逾期销号：{items}", "Closed late: {items}"),
    "show_progress_closed_late": ("{progress}（其中逾期销号 {n}）", "{progress} ({n} closed late)"),
    # (after a measure's deadline or days overdue: the deadline was moved after it had passed)
    "status_extended_late": ("（逾期后延期）", " (extended late)"),
    "status_extended_late_other": ("（另一期限逾期后延期）", " (another deadline extended late)"),
    # (under the task table, when a task's id carries the mark: render/journal_text.LATE_MARK)
    "status_extended_late_legend": ("{mark} 逾期后延期：有措施的期限在过期后才延期",
                                    "{mark} extended late: a measure's deadline moved after it passed"),
    # (under a measures table, when a measure's id carries it; worded as the task table's, which must fit 60 cells)
    # (under status --measures: the plan's deadline of each row an approved extension moved)
    "status_measure_extended_legend": ("已延期，原定期限：{items}", "Extended, first due: {items}"),
    "status_measure_extended_item": ("{measure} {due}", "{measure} {due}"),
    "status_measure_extended_more": ("{items}，另有 {n} 项", "{items} and {n} more"),
    "status_measure_extended_late_legend": ("{mark} 逾期后延期：期限在过期后才延期",
                                            "{mark} extended late: its deadline moved after it passed"),
    "status_overdue_header": ("逾期", "Overdue"),
    "status_days": ("{n}天", "{n:day}"),
    # Under a status table cut by --limit.
    "status_limited": ("（只列出最严重的 {shown} 行，另有 {more} 行未列出；去掉 {option} 即可全部列出）",
                       "(The {shown} worst shown, {more} more not listed; drop {option} to list them all)"),
    "status_limited_one": ("（只列出最严重的 {shown} 行，另有 {more} 行未列出；去掉 {option} 即可全部列出）",
                           "(The worst one shown, {more} more not listed; drop {option} to list them all)"),
    # In status's header, of a day before the inspection's feedback date (one 冒号, 注意's: as summary_head_covers_later).
    "status_before_feedback": ("注意：核查日期 {as_of} 早于督察反馈日期 {feedback}，整改尚未开始，各项措施尚无可核查的进展。",
                               "Note: {as_of} is before the inspection's feedback date, {feedback}: rectification had not "
                               "begun, and no measure has progress to judge."),
    # (of a folder's file whose own feedback is after the day judged, the ledger's earliest before it)
    "status_file_before_feedback": ("注意：核查日期 {as_of} 早于 {file} 的督察反馈日期 {feedback}，该文件的整改尚未开始，其各项措施尚无可核查的进展。",
                                    "Note: {as_of} is before the inspection's feedback date of {file}, {feedback}: its "
                                    "rectification had not begun, and none of its measures has progress to judge."),
    "status_files_before_feedback_more": ("…共 {n} 个文件的整改在核查日期尚未开始。",
                                          "… {n:file} in all whose rectification had not begun by then."),
    # Under a status table on a narrow terminal; {columns}: the headers of the columns left out.
    "status_left_out": ("（终端太窄，未显示：{columns}；{see}）", "(Too narrow to show: {columns}; {see})"),
    # ({given}: " -r PATH --as-of DAY …", the options typed that judged what is shown, render/rich_status._see)
    "status_see_show": ("见 rectify show <编号>{given}", "see rectify show <id>{given}"),
    # (under show's own tables: {id}, the one it was asked for, quoted for the shell)
    "show_see_json": ("见 rectify show {id} --format json{given}", "see rectify show {id} --format json{given}"),
    "status_deadline_at_once": ("立行立改", "at once"),  # a task's deadline without a date, in few cells
    "show_lead_mark": ("（牵头）", " (lead)"),
    "show_text": ("措施内容", "Text"),
    "show_problem": ("问题描述", "Problem text"),
    "show_regions": ("涉及地区", "Regions"),
    "show_measures": ("具体措施", "Measures"),
    "show_milestones": ("整改期限", "Milestones"),
    "show_kind": ("类型", "Kind"),
    "show_due": ("期限", "Due"),
    "show_original_due": ("原定期限", "Originally due"),
    "show_step": ("事项", "Step"),
    "show_done": ("完成", "Done"),
    # Under show's milestones table, a cell of a column too wide for the terminal; {due}: its deadline.
    "show_original_due_under": ("期限 {due} 原定 {text}", "Due {due}, originally {text}"),
    "show_step_under": ("期限 {due} 的事项：{text}", "Step due {due}: {text}"),
    # Under show's history on a terminal too narrow for its note column; {row}: the entry's date, (measure,) entry.
    "show_note_under": ("{row}：", "{row}: "),
    "show_yes": ("是", "yes"),
    "show_no": ("否", "no"),
    "show_history": ("进展记录", "History"),
    "show_no_history": ("截至 {day} 无进展记录。", "No journal entries up to {day}."),
    # (show's history names the journal's fields as history does: journal_date, journal_state…)
    # (no space before the day: Rich would break there, leaving （延期至 alone on its line)
    "show_extended_to": ("延期至{day}", "extended to {day}"),
    "show_reason": ("理由：{text}", "reason: {text}"),
    "show_approved_by": ("批准：{text}", "approved by {text}"),
    "show_late": ("逾期申请", "late request"),  # (as history and the write name it: written_late_flag)
    "show_far_future": ("已确认远期", "far date confirmed"),  # (as history names it: written_far_flag)
    "show_task_extended_late": ("（逾期后延期：{ids}）", " (extended late: {ids})"),
    "show_detail_sep": ("；", "; "),
    "show_brackets": ("（{text}）", " ({text})"),
    # rectify summary (render/summary_text.py)
    "summary_title": ("{year}年{month}月整改情况月报（按月交账）", "Monthly rectification summary, {month_name} {year}"),
    "summary_owner": ("责任单位：{names}", "Responsible unit: {names}"),
    "summary_owners": ("责任单位：{names}", "Responsible units: {names}"),
    "summary_region": ("地区：{names}", "Region: {names}"),
    "summary_regions": ("地区：{names}", "Regions: {names}"),
    "summary_task": ("任务：{names}", "Task: {names}"),
    "summary_tasks": ("任务：{names}", "Tasks: {names}"),
    "summary_period": ("统计区间：{first} 至 {last}", "Period: {first} to {last}"),
    "summary_month_not_over": ("（本月未结束，截至 {day}）", " (the month is not over: as of {day})"),
    # what an empty section says: each its own, as its heading is about this month, next month or now
    "summary_none_s2": ("本月无销号的措施。", "No measure closed this month."),
    "summary_none_s3": ("本月无重新打开的措施。", "No measure reopened this month."),
    "summary_none_s4": ("无逾期未完成的措施。", "No measure overdue."),
    "summary_none_s5": ("无到期的措施。", "No measure falls due."),
    "summary_none_s6": ("无久未报告的措施。", "No ongoing measure is stale."),
    "summary_none_s7": ("本月无批准延期。", "No extension granted this month."),
    "summary_none_s8": ("无。", "None."),
    "summary_s1": ("一、总体情况", "1. Overview"),
    "summary_s2": ("二、本月销号", "2. Closed out this month"),
    "summary_s3": ("三、本月重新打开（回头看）", "3. Reopened this month (follow-up inspection)"),
    "summary_s4": ("四、逾期未完成（逾期最久的在前）", "4. Overdue and still open (longest overdue first)"),
    "summary_s5": ("五、下月到期预警（{next}）", "5. Due next month ({next})"),
    "summary_s5_from": ("五、到期预警（{first} 至 {last}）", "5. Falling due from {first} to {last}"),
    "summary_s6": ("六、长期坚持措施久未报告（超过{days}天未报告）",
                   "6. Ongoing measures not reported on for over {days:day}"),
    "summary_s7": ("七、本月批准延期", "7. Extensions granted this month"),
    "summary_s8": ("八、督办清单（按责任单位，逾期多的在前）", "8. Urging list by responsible unit (most overdue first)"),
    "summary_quiet": ("其余{n}个责任单位无未完成或久未报告的措施。",
                      "{n:other responsible unit}: nothing incomplete or stale."),
    "summary_one_quiet": ("{unit}无未完成或久未报告的措施。", "{unit}: nothing incomplete or stale."),
    "summary_all_quiet": ("{n}个责任单位均无未完成或久未报告的措施。",
                          "{n:responsible unit}: nothing incomplete or stale."),
    "summary_head": ("台账哈希（截至本月）：{hash}", "Journal head hash (as of this month): {hash}"),
    "summary_backfilled": ("本月补录此前日期的记录{n}条，此前各月的月报随之改变：{items}。",
                           "Written this month, dated in earlier months ({n:entry|entries}; the summaries of those "
                           "months change): {items}."),
    # (all dated last month: a summary says the state as of its month's end, so an entry dated
    # earlier changes the months after its own too, to last month)
    "summary_backfilled_last_month": ("本月补录上月日期的记录{n}条，上月的月报随之改变：{items}。",
                                      "Written this month, dated last month ({n:entry|entries}; the summary of that "
                                      "month changes): {items}."),
    # (the previous month's end in the change sentence, of figures back-dated entries changed: last
    # month's report, sent before them, gave others; the 补录 line at the end names them)
    "summary_change_backfilled": ("{day}，含本月补录的{n}条记录，见文末",
                                  "{day}, counting {n:entry|entries} written this month and dated before it, see the end"),
    "summary_newly_overdue": ("（本月新增逾期{n}项{why}）", " ({n} newly overdue this month{why})"),
    # (of the newly overdue, those whose deadline passed long before, back as a close or an extension
    # of theirs was retracted: 九 lists the retraction)
    "summary_newly_overdue_retracted_all": ("：{ids}因撤回误录而重新逾期，见九",
                                            ": {ids}, overdue again after a retraction, see 9"),
    "summary_newly_overdue_retracted_some": ("，其中{ids}因撤回误录而重新逾期，见九",
                                             ", {ids} of them overdue again after a retraction, see 9"),
    "summary_backfilled_item": ("{measure} {what}（日期{date}，记录于{recorded}）",
                                "{measure} {what} (dated {date}, written {recorded})"),
    # (a close after its deadline, or an extension requested after it: its own month's summary never said so)
    "summary_backfilled_item_flagged": ("{measure} {what}（日期{date}，记录于{recorded}，{flag}）",
                                        "{measure} {what} (dated {date}, written {recorded}, {flag})"),
    "summary_backfilled_days_late": ("逾期{days}天", "{days:day} late"),
    # (no pronoun for the entries covered: 它们 and "them" were wrong of one; the why in brackets:
    # a sentence takes one 冒号, and 注： is it)
    "summary_head_covers_later": ("注：该哈希也涵盖日期在本月之后的{n}条记录（该哈希所属的记录系事后补录，写在这{n}条记录之后）。",
                                  "Note: this hash, of an entry back-dated to this month or earlier, also covers "
                                  "{n:entry|entries} dated after this month and written before that entry."),
    "summary_col_date_closed": ("销号日期", "Closed on"),
    "summary_retractions": ("九、本月撤回的误录记录（{n}条）", "9. Entries retracted this month as recorded by mistake ({n})"),
    # (under the table: in the heading it made it 89 cells, 144 in English, wider than the page)
    "summary_retractions_note": ("被撤回的记录自撤回之日起视为未曾记录，不属于回头看重新打开。",
                                 "Retracted entries count as never written from their retraction on: no reopening."),
    "summary_col_retracted": ("撤回的记录", "Entry retracted"),
    "summary_col_by": ("记录单位", "By"),
    "summary_col_remark": ("备注", "Note"),
    # (a step label too long for the page: the row is marked with the step's date, the label said under the table)
    "summary_step_label_line": ("{measure} 的 {day} 到期的一步：{label}。", "{measure}, step due {day}: {label}."),
    "summary_reopened_on": ("已于 {day} 重新打开", "reopened {day}"),
    # (the same, under the table, where the 备注 column does not fit the page; and the step a close
    # was of, where its mark, 【2018-12-31到期的一步】, or its entry retracted is cut to the date)
    "summary_close_line": ("{measure} 的 {closed} 销号：{what}。", "{measure}, closed {closed}: {what}."),
    # (the closes made after their deadline, as `close` warns when writing each: as 四 counts days overdue)
    "summary_closed_late_line": ("逾期销号：{closes}。", "Closed late: {closes}."),
    # (closes of a measure that goes on as 长期坚持 (its date or 立即启动 met): listed as any close, as the report
    # itself says 全面完成，长期坚持, and named under the table, their rows' text cut before 长期坚持)
    "summary_closed_goes_on": ("销号后继续长期坚持：{measures}。",
                               "Closed, and kept up long-term (长期坚持): {measures}."),
    "summary_closed_late": ("{measure}（逾期{days}天）", "{measure} ({days:day} late)"),
    "summary_restored": ("{measure} 的 {closed} 销号：撤回误录被撤回，自 {day} 起恢复。",
                         "{measure}, closed {closed}: restored on {day}, its retraction was retracted."),
    # (a reopening's note cut in its row, whole under the table; the note brings its own full stop)
    "summary_reopened_why": ("{measure} 的 {day} 重新打开：{note}", "{measure}, reopened {day}: {note}"),
    # (likewise a close's evidence, an extension's reason and a retraction's note; each brings its full stop)
    "summary_closed_evidence": ("{measure} 的 {day} 销号，佐证：{evidence}", "{measure}, closed {day}, evidence: {evidence}"),
    "summary_extended_why": ("{measure} 的 {day} 延期：{reason}", "{measure}, extended {day}: {reason}"),
    # (and its approving unit, when its row cuts that too; or the unit alone, of one with no reason)
    "summary_extended_why_by": ("{measure} 的 {day} 延期（批准单位：{by}）：{reason}",
                                "{measure}, extended {day} by {by}: {reason}"),
    "summary_extended_by": ("{measure} 的 {day} 延期（批准单位：{by}）。", "{measure}, extended {day} by {by}."),
    # (an extension confirmed far, said under 七's table: its mark, history's, widened 新期限 by 14 cells)
    "summary_extended_far": ("{measure} 延期至 {to}{mark}。", "{measure} extended to {to}{mark}."),
    "summary_retracted_why": ("{measure} 的 {day} 撤回误录：{note}", "{measure}, retracted {day}: {note}"),
    # (and its unit, 记录单位, when its row cuts that too: one line a retraction)
    "summary_retracted_by": ("{measure} 的 {day} 撤回误录（记录单位：{by}）：{note}",
                             "{measure}, retracted {day} by {by}: {note}"),
    # (no wider than their dates, as 二's 销号日期 and 七's 日期: 重新打开日期 and 原销号日期, 14 and 12
    # cells, made a month with a reopening refuse --width 60, which other months take)
    "summary_col_date_reopened": ("日期", "Date"),
    "summary_col_closed_before": ("销号日期", "Closed on"),
    "summary_col_note": ("说明", "Note"),
    # (No., not Measure: the ids are 4 cells and a heading's width is its column's least, which the
    # text columns beside it give up at 80 cells)
    "summary_col_measure": ("措施", "No."),
    "summary_col_text": ("内容", "Text"),
    "summary_col_lead": ("牵头单位", "Lead unit"),
    "summary_col_units": ("责任单位", "Units"),
    "summary_col_unit": ("责任单位", "Unit"),
    "summary_col_evidence": ("佐证", "Evidence"),
    "summary_col_due": ("期限", "Due"),
    # (status's words for the same days, 逾期 / 335天: one thing, one word; a bare 335 under 逾期
    # would read as 八's count of overdue measures)
    "summary_col_days_overdue": ("逾期", "Overdue"),
    "summary_col_last_entry": ("最近记录", "Last entry"),  # (what staleness counts from: a close too, not only a report)
    # (from the last report to the day judged: the month's end, or today in a month not over)
    # ("Days to Jul 31" read as a countdown to that day: they are the days since the last entry, counted to it)
    "summary_col_days_to": ("距{month}月{day}日天数", "Days as of {month_name} {day}"),
    "summary_col_date": ("日期", "Date"),
    "summary_col_from": ("原期限", "From"),
    "summary_col_to": ("新期限", "To"),
    # (one column, so that an extension's row fits 60 cells: the unit, then why, which gives way)
    "summary_col_approved_reason": ("批准单位：理由", "By: reason"),
    "summary_approved_reason": ("{by}：{reason}", "{by}: {reason}"),
    # (the measures with a deadline still to meet; Open read as if it counted the ongoing ones too,
    # never closed, so that a unit read Open 0 … Stale 3, which are only ongoing ones. Status's word,
    # 完成 / Completed, negated: Not done said another; Not completed made English need 61 cells)
    "summary_col_open": ("未完成", "Incomplete"),
    "summary_col_overdue": ("逾期", "Overdue"),
    # (the engine's 临期: within warn_days of the day judged, not 五's window to the end of next month)
    "summary_col_due_soon": ("{days}天内到期", "Due in {days:day}"),
    "summary_col_due_that_day": ("当日到期", "Due that day"),  # (--warn-days 0)
    "summary_col_stale": ("久未报告", "Stale"),
    "summary_never_reported": ("从未报告", "never"),
    # (under 六: the days of a measure never reported on count from the feedback date, as the
    # engine counts them; a folder's files each have their own)
    "summary_never_reported_since": ("从未报告的措施自反馈之日（{date}）起计。",
                                     "Never reported: counted from the feedback date ({date})."),
    "summary_never_reported_since_each": ("从未报告的措施自各自文件的反馈之日起计：{dates}。",
                                          "Never reported: counted from each file's feedback date ({dates})."),
    # rectify reconcile (render/reconcile_text.py)
    "reconcile_title": ("报告数字核对（按附件计算，截至{date}）", "The report's figures recomputed from its appendix (as of {date})"),
    "reconcile_key": ("代码", "Key"),
    "reconcile_text": ("报告原文", "Report's words"),
    "reconcile_claimed": ("报告数", "Claimed"),
    "reconcile_computed": ("附件计算", "Computed"),
    "reconcile_result": ("核对", "Result"),
    "reconcile_rule": ("计数规则", "Counting rule"),
    "reconcile_match": ("一致", "match"),
    "reconcile_mismatch": ("不一致", "MISMATCH"),
    "reconcile_no_rule": ("无规则", "no rule"),
    # (a claim's numbers under its key, where the table does not fit the terminal)
    "reconcile_claim_numbers": ("报告数 {claimed}，附件计算 {computed}，{result}", "claimed {claimed}, computed {computed}, {result}"),
    "reconcile_no_rule_text": ("（没有此项的计数规则）", "(no counting rule for this key)"),
    "reconcile_no_claims": ("台账未记录报告的数字（registry.claims 为空）。", "The registry records no claims (registry.claims is empty)."),
    "reconcile_all_match": ("全部一致。", "All claims match."),
    # (some claims have no counting rule: only the others were compared; or none was)
    "reconcile_checked_match": ("核对的数字均一致。", "Every claim checked matches."),
    "reconcile_none_checked": ("没有可按附件核对的数字。", "No claim could be checked against the appendix."),
    "reconcile_mismatches": ("附件不支持的数字（{n}项）：", "Figures the appendix does not support ({n}):"),
    "reconcile_mismatch_line": ("{claim_key}“{text}”：报告称{claimed}，按附件计算为{computed}。",
                                "{claim_key} (“{text}”): the report claims {claimed}, the appendix gives {computed}."),
    "reconcile_alternative": ("按另一种口径（{rule}）为{value}。", "Another reading ({rule}) gives {value}."),
    "reconcile_without_rule": ("没有计数规则、未核对（{n}项）：{keys}", "Not checked, no counting rule ({n}): {keys}"),
    "reconcile_not_counted": ("未核对", "not checked"),
    "reconcile_not_counted_text": ("（台账无此口径：{why}）", "(the ledger has no such count: {why})"),
    "reconcile_without_count": ("台账无此口径、未核对（{n}项）：{keys}", "Not checked, the ledger has no such count ({n}): {keys}"),
    # (a claim whose own words give another figure than its value, 全区46项整改任务 of 45)
    "reconcile_text_differs": ("原文不符", "words differ"),
    "reconcile_text_disagrees": ("报告原文与报告数不符（{n}项）：", "Claims whose own words give another figure ({n}):"),
    "reconcile_text_line": ("{claim_key}“{text}”：原文为{said}，报告数为{claimed}。",
                            "{claim_key} (“{text}”): the words say {said}, the claimed figure is {claimed}."),
    # (a claim whose words the report it quotes (registry.source) does not say, or a report not there to look in)
    "reconcile_not_quoted": ("未见于报告", "not in report"),
    "reconcile_not_quoted_heading": ("报告（{source}）中没有的原文（{n}项）：", "Words the report ({source}) does not say ({n}):"),
    "reconcile_not_quoted_line": ("{claim_key}“{text}”", "{claim_key} (“{text}”)"),
    # (figures the report's opening gives that no claim records: not checked, said, and how to record them)
    "reconcile_unrecorded": ("报告开头的数字未记录为 claims，未核对（{n}处）：", "Figures of the report's opening not recorded as claims, so not checked ({n}):"),
    "reconcile_unrecorded_line": ("“{words}”", "“{words}”"),
    "reconcile_unrecorded_how": ("要核对，请在校订文件的 registry: claims: 下逐项写明 key、text、value，重新导入。",
                                 "To check them, give each under registry: claims: in the curation file, as key, text and value, and import again."),
    "reconcile_source_unread": ("未核对原文：读不到报告（{path}：{why}）。",
                                "The claims' words were not checked against the report: it cannot be read ({path}: {why})."),
    # (why a report a plan names cannot be read, in a few words: reconcile.UNREAD_WHY)
    "source_unread_missing": ("文件不存在", "no such file"),
    "source_unread_folder": ("是文件夹", "is a folder"),
    "source_unread_not_file": ("不是普通文件", "not a regular file"),
    "source_unread_permission": ("没有读取权限", "permission denied"),
    "source_unread_unreadable": ("无法读取", "cannot be read"),
    "source_unread_empty": ("是空的", "is empty"),
    "source_unread_pdf": ("是 PDF，不是文字", "is a PDF, not text"),
    "source_unread_office": ("是办公文档，不是文字", "is an office document, not text"),
    "source_unread_web_page": ("是网页，不是文字", "is a web page, not text"),
    "source_unread_binary": ("不是文字文件", "is not a text file"),
    "source_unread_ledger": ("是台账自身的文件，不是报告", "is a file of the ledger itself, not the report"),
    "source_unread_undecodable": ("不是 UTF-8、UTF-16 或 GB18030 文字", "not UTF-8, UTF-16 or GB18030 text"),
    "source_unread_cut_short": ("在一个字符的中间结束，是否被截断？", "ends inside a character: was it cut short?"),
    # (a key no rule knows, close to one known: task_total, mistyped for tasks_total)
    "reconcile_mistyped": ("疑似笔误", "typo?"),
    "reconcile_mistyped_text": ("（没有此项的计数规则；是否指 {known}？）", "(no counting rule for this key; did you mean {known}?)"),
    "reconcile_mistyped_keys": ("代码疑似笔误、未核对（{n}项）：", "Not checked, key perhaps mistyped ({n}):"),
    "reconcile_mistyped_line": ("{claim_key}：是否指 {known}？", "{claim_key}: did you mean {known}?"),

    # What is wrong with a registry's file (layout.py, registry.py, validation.py, journal_checks.py,
    # yamlio.py): label problem_<key>, the message after "file:line:column: ". {what} names the
    # place (see Where), {kind} what was found (a Notice kind_*), {hint} a did-you-mean; {detail}
    # is a library's own English words.
    "problem_no_such_path": ("文件或文件夹不存在", "no such file or folder"),
    "problem_no_such_path_tilde": ("文件或文件夹不存在（此处不会把 ~ 展开为主目录：请写作 {expanded}）",
                                   "no such file or folder (a ~ is not expanded here: write {expanded})"),
    "problem_no_such_file": ("文件不存在", "no such file"),
    "problem_dangling_link": ("是指向 {target} 的链接，而该文件不存在", "a link to {target}, which does not exist"),
    # (its target a link too, which is there: {end} the path missing where the links lead)
    "problem_dangling_link_chain": ("是指向 {target} 的链接，{target} 又指向 {end}，而 {end} 不存在",
                                    "a link to {target}, which leads to {end}, which does not exist"),
    "problem_is_folder": ("是文件夹，应为 YAML 文件", "is a folder, expected a YAML file"),
    # (a file that could not be written, fsutil's: said with what it holds left as it was)
    "problem_output_names_folder": ("以 {end} 结尾，指的是文件夹：-o 应指文件；未写入任何内容",
                                    "ends in {end}, which names a folder: -o names a file; nothing was written"),
    "problem_write_is_folder": ("是文件夹，应为文件；未写入任何内容", "is a folder, expected a file; nothing was written"),
    "problem_write_refused": ("{why}；未写入任何内容", "{why}; nothing was written"),
    "problem_output_a_broken_link": ("是指向 {target} 的链接，而 {target} 不存在", "is a link to {target}, which does not exist"),
    "problem_output_a_broken_link_chain": ("是指向 {target} 的链接，{target} 又指向 {end}，而 {end} 不存在",
                                           "is a link to {target}, which leads to {end}, which does not exist"),
    "problem_write_read_only": ("是只读文件（{mode}）", "is read-only ({mode})"),
    "problem_write_not_yours": ("你无权写入（所有者 {owner}，{mode}）", "is not writable by you (owner {owner}, {mode})"),
    "problem_write_failed": ("无法写入（{why}）；未写入任何内容", "cannot be written ({why}); nothing was written"),
    "problem_write_failed_appending": ("无法写入（{why}）", "cannot be written ({why})"),
    "problem_write_no_folder": ("没有文件夹 {folder}", "no such folder: {folder}"),
    "problem_write_not_a_folder": ("{folder} 不是文件夹", "{folder} is not a folder"),
    "problem_write_folder_closed": ("不能在文件夹 {folder} 中新建文件：写入时先在原文件旁写好新文件，再用它替换原文件，所以这个文件夹须可写",
                                    "no file can be made in the folder {folder}: a write makes the new file beside the old one "
                                    "and puts it in its place, so the folder must be writable"),
    "problem_write_held_open": ("另一个程序正打开着它：WPS、Excel、同步盘、杀毒软件，或正在读取它的另一个 rectify？关闭它或稍后重试",
                                "another program holds it open: WPS, Excel, a sync client, an antivirus, another rectify "
                                "reading it? close it or try again later"),
    "problem_write_folder_is_file": ("是文件，应为文件夹；未写入任何内容", "is a file, expected a folder; nothing was written"),
    "problem_write_folder_failed": ("无法创建（{why}）；未写入任何内容", "cannot be created ({why}); nothing was written"),
    # (a journal write refused, journal.py's: its lock, or the text it would write)
    "problem_journal_locked": ("另一个 rectify 正在写入这份进展记录（已等待 {seconds} 秒）；请稍后重试，或设置环境变量 "
                               "RECTIFY_LOCK_TIMEOUT（秒数）以等待更久。未写入任何内容。",
                               "another rectify is writing this journal (waited {seconds} s); try again, or wait longer "
                               "with RECTIFY_LOCK_TIMEOUT (seconds). Nothing was written."),
    "problem_journal_lock_not_yours": ("你无权写入这个锁文件（所有者 {owner}，{mode}）：{owner} 可以把它改为进展记录所属的组并允许该组写入"
                                       "（chgrp、chmod g+w），或在无人记录时删除它。未写入任何内容。",
                                       "the lock file is not writable by you (owner {owner}, {mode}): {owner} can give it the "
                                       "journal's group and let that group write it (chgrp, chmod g+w), or remove it while no "
                                       "one is recording. Nothing was written."),
    "problem_journal_lock_failed": ("无法创建锁文件（{why}）；文件夹 {folder} 是否可写？未写入任何内容。",
                                    "cannot create the lock file ({why}); is the folder {folder} writable? Nothing was written."),
    "problem_journal_lock_unsupported": ("文件夹 {folder} 所在的文件系统不支持文件锁，无法在写入进展记录时锁定它（网络盘如 NFS "
                                         "须启用其锁服务）；请把台账放在支持文件锁的位置。未写入任何内容。",
                                         "the file system of the folder {folder} does not support file locks, so the journal "
                                         "cannot be locked while it is written (a network share such as NFS needs its lock "
                                         "service running); keep the registry where locks work. Nothing was written."),
    "problem_journal_lock_unopened": ("锁文件已存在，但无法打开以写入（{why}）。未写入任何内容。",
                                      "the lock file is there but cannot be opened for writing ({why}). Nothing was written."),
    "problem_journal_lock_not_a_file": ("锁文件的位置上是一个{what}，不是锁文件：请在无人记录时移走它后重试。未写入任何内容。",
                                        "where the lock file goes there is {what}, not a lock file: move it away while no "
                                        "one is recording, and try again. Nothing was written."),
    "problem_lock_place_folder": ("文件夹", "a folder"),
    "problem_lock_place_link": ("符号链接", "a symbolic link"),
    "problem_journal_changed": ("记录期间被 rectify 以外的程序改动（git pull、同步软件、编辑器？）；未写入任何内容——请重试",
                                "changed while recording (by a program other than rectify: a git pull, a sync client, an "
                                "editor?); nothing was written — try again"),
    "problem_journal_indented": ("进展记录的各条记录有缩进（第 {line} 行的 `-` 前有空格），而新记录写在行首，无法接续这个列表；"
                                 "未写入任何内容——请去掉缩进（各条记录的每一行去掉同样多的空格）后重试",
                                 "the journal's entries are indented (line {line} starts with spaces before its `-`), and an "
                                 "entry is written at the left margin, where it can't continue that list; nothing was written "
                                 "— remove the indentation (the same from every line of the entries) and try again"),
    "problem_journal_document_end": ("第 {line} 行是 `...`，它结束 YAML 文档，其后不能再有记录；未写入任何内容——请删除这一行后重试",
                                     "line {line} is `...`, which ends the YAML document: no entry can follow it; nothing "
                                     "was written — delete that line and try again"),
    "problem_journal_unloadable": ("追加后进展记录将无法读取（{detail}）；未写入任何内容——请检查文件末尾",
                                   "the journal would not load after appending ({detail}); nothing was written — check the "
                                   "end of the file"),
    "problem_journal_at_line": ("第 {line} 行：{detail}", "line {line}: {detail}"),
    "problem_journal_ends_in_block": ("进展记录的最后一行（第 {line} 行）之后没有换行，且在一个文本块（| 或 >）中结束，新记录所需的换行会"
                                      "并入该块的文字；未写入任何内容——请在文件末尾加一个换行，并把该记录的 | 写作 |-（> 写作 >-），"
                                      "使其文字保持原样",
                                      "the journal's last line ({line}) has no line break after it and ends a block (| or >), "
                                      "whose text would take the line break the new entry needs; nothing was written — end "
                                      "the file with a line break, writing that entry's | as |- (> as >-) so that its text "
                                      "stays as it was"),
    "problem_journal_reads_differently": ("追加会改变已有记录的读法（文件是否在一个文本块或文档结束标记中结束？）；未写入任何内容",
                                          "appending would change how the existing entries read (does the file end inside "
                                          "a block or a document end marker?); nothing was written"),
    "problem_journal_not_read_back": ("新记录读回时与写入的不同；未写入任何内容",
                                      "the new entry would not read back as written; nothing was written"),
    "problem_permission": ("无法读取（没有权限）", "cannot be read (permission denied)"),
    "problem_unreadable": ("无法读取（{detail}）", "cannot be read ({detail})"),
    "problem_not_regular": ("不是普通文件（是管道或设备）；应为 YAML 文件", "not a regular file (a pipe or device); expected a YAML file"),
    "problem_no_plan_files": ("文件夹中没有整改方案文件（*.yaml）", "folder holds no plan files (*.yaml)"),
    "problem_plan_name_not_utf8": ("文件名不是 UTF-8 编码（从其他系统带来的名字，如 Windows 压缩包中的 GBK 文件名）："
                                   "它是该文件各项措施编号的前缀；请改名",
                                   "the file's name is not UTF-8 (a name kept from another system, a Windows zip's GBK): "
                                   "it prefixes the ids of its measures; rename it"),
    "problem_plan_name_clash": ("与 {other} 同名（{name}）的第二个方案文件：编号以文件名为前缀（{name}:18.4），进展记录也以它命名；请改名其中之一",
                                "a second plan file named '{name}' beside {other}: ids are prefixed with the name "
                                "({name}:18.4) and the journal is named after it; rename one"),
    # (Naqu.yaml beside naqu.yaml: two names on Linux, whose user would doubt "the same name")
    "problem_plan_name_case_clash": ("与 {other} 仅大小写不同（{name}）的第二个方案文件：在 Windows 和 macOS 上两者是同一个文件，"
                                     "进展记录也是同一个；请改名其中之一",
                                     "a second plan file named '{name}', differing from {other} in case alone: on Windows and "
                                     "macOS the two are one file, and their journals one too; rename one"),
    "problem_plan_copy": ("与 {other} 的内容逐字节相同：其中一个是另一个的副本？作为两个方案文件读入，每项措施都会计两次；"
                          "请删除或移走其中之一",
                          "the same, byte for byte, as {other}: is one a copy of the other? Read as two plan files, "
                          "every measure would count twice; delete or move one of them"),
    "problem_journal_near_miss": ("名称像 {plan} 的进展记录，但 rectify 只读取 {journal}：请改名为 {journal}（否则其中的记录会被忽略，"
                                  "下一条记录会另起一份进展记录）",
                                  "named like the journal of {plan}, which rectify reads from {journal} only: rename it "
                                  "{journal} (else what it records is ignored, and the next entry starts a new journal)"),
    "problem_stray_journal": ("旁边没有同名方案文件的进展记录（它是 {plan} 的进展记录）；请改名其中之一，或将其移走",
                              "a journal with no plan file of its name beside it (it is the journal of {plan}); rename "
                              "one of them, or move it away"),
    "problem_not_utf8": ("不是有效的 UTF-8：字节 0x{byte}{hint}", "not valid UTF-8: byte 0x{byte}{hint}"),
    "problem_looks_gbk": ("（看起来是 GB18030/GBK 编码：请另存为 UTF-8）", " (it looks like GB18030/GBK: save it as UTF-8)"),
    "problem_looks_utf16": ("（看起来是 UTF-16 编码，即记事本的“Unicode”：请另存为 UTF-8）",
                            " (it looks like UTF-16, Notepad's \"Unicode\": save it as UTF-8)"),
    "problem_utf16_without_bom": ("不是 UTF-8：看起来是没有字节顺序标记的 UTF-16 编码（字母、数字间夹着字节 0x00）：请另存为 UTF-8",
                                  "not UTF-8: it looks like UTF-16 without a byte order mark (0x00 bytes between its "
                                  "letters and digits): save it as UTF-8"),
    "problem_looks_gbk_line": ("（这一行看起来是 GB18030/GBK 编码，可能由另一个程序写入：请用 UTF-8 重写这一行）",
                               " (this line looks like GB18030/GBK, as another program may have written it: write it "
                               "again in UTF-8)"),
    "problem_yaml_syntax": ("YAML 语法错误：{detail}", "YAML syntax: {detail}"),
    "problem_yaml_detail": ("{context}：{problem}", "{context}: {problem}"),
    "problem_yaml_tab": ("YAML 语法错误：{detail}：请用空格缩进", "YAML syntax: {detail}: indent with spaces"),
    "problem_yaml_control": ("YAML 语法错误：不允许出现控制字符 \\x{code}（如需要，请在双引号内写作转义序列 \"\\x{code}\"）",
                             "YAML syntax: control character \\x{code} is not allowed (inside double quotes, write it as "
                             "the escape \"\\x{code}\")"),
    "problem_unicode_line_break": ("YAML 语法错误：有 Unicode 换行符 U+{code}，YAML 把它读作一行的结束：请删除它，"
                                   "或把这段文字放在双引号内并写作转义序列 \"\\u{code}\"",
                                   "YAML syntax: a Unicode line break U+{code}, which YAML reads as the end of a line: "
                                   "delete it, or put the text in double quotes writing it as the escape \"\\u{code}\""),
    "problem_bom_mid_file": ("文件中间有 U+FEFF（字节顺序标记，BOM）：是两个文件拼接而成的吗？",
                             "U+FEFF (a byte-order mark) in mid-file: two files joined?"),
    "problem_ctrl_z_at_end": ("文件末尾有 Ctrl-Z（\\x1a，DOS 和旧版 Windows 工具写入的文件结束符）：请删除它",
                              "a Ctrl-Z (\\x1a) ends the file, as old DOS and Windows tools end one: delete it"),
    "problem_nul_at_end": ("从这里到文件末尾全是空字节（\\x00），是保存或复制中途中断留下的：请从备份恢复该文件",
                           "from here to its end the file holds only NUL bytes (\\x00), as a save or copy cut short "
                           "leaves it: restore the file from a copy"),
    "problem_cut_mid_character": ("文件在一个字符的中间结束（字节 0x{byte}）：是否保存或复制中途中断？请从备份恢复该文件",
                                  "the file ends inside a character (byte 0x{byte}): was a save or copy cut short? "
                                  "Restore the file from a copy"),
    "problem_merge_conflict": ("YAML 语法错误：有未解决的合并冲突（<<<<<<<）：保留双方需要的行，删除标记行 <<<<<<<、======= 和 >>>>>>>",
                               "YAML syntax: an unresolved merge conflict (<<<<<<<): keep the lines each side needs "
                               "and delete the marker lines <<<<<<<, ======= and >>>>>>>"),
    "problem_merge_conflict_base": ("YAML 语法错误：有未解决的合并冲突（<<<<<<<）：保留双方需要的行，删除标记行 <<<<<<<、|||||||、======= 和 "
                                    ">>>>>>>，以及 ||||||| 与 ======= 之间的原有版本的行",
                                    "YAML syntax: an unresolved merge conflict (<<<<<<<): keep the lines each side needs "
                                    "and delete the marker lines <<<<<<<, |||||||, ======= and >>>>>>>, and the base's "
                                    "lines between ||||||| and ======="),
    # (a journal is one hash chain: both sides kept, verify fails for good; README "Two colleagues, two branches")
    "problem_merge_conflict_journal": (
        "YAML 语法错误：进展记录中有未解决的合并冲突（<<<<<<<）：双方的记录都保留会使哈希链断开，`rectify verify` 从此不能通过；"
        "请只取一方的文件（对它运行 git checkout --ours 或 --theirs），再用 `rectify record … --date 日期` 补录另一方的记录",
        "YAML syntax: an unresolved merge conflict (<<<<<<<) in a journal: keeping both sides' entries breaks its hash "
        "chain, and `rectify verify` fails for good; take one side's file (git checkout --ours or --theirs on it) and "
        "record the other side's entries again with `rectify record … --date DAY`"),
    "problem_conflict_marker_left": ("YAML 语法错误：合并冲突的标记行未删除（{marker}）：请删除这一行，如同已删除的其他标记行",
                                     "YAML syntax: a merge conflict's marker line left in ({marker}): delete it, as the "
                                     "conflict's other marker lines were"),
    "problem_full_width_colon": ("YAML 语法错误：键“{key}”后是全角冒号“：”：请写半角冒号“:”加一个空格",
                                 "YAML syntax: a full-width colon '：' after the key '{key}': write ':' (ASCII) and a space"),
    "problem_full_width_indent": ("YAML 语法错误：缩进中有全角空格（U+3000）：请用半角空格缩进",
                                  "YAML syntax: a full-width space (U+3000) in the indentation: indent with spaces"),
    "problem_full_width_after": ("YAML 语法错误：“{key}”后是全角空格（U+3000）：请写半角空格",
                                 "YAML syntax: a full-width space (U+3000) after '{key}': write an ASCII space"),
    "problem_tab_indent": ("YAML 语法错误：缩进中有制表符（Tab）：请用空格缩进",
                           "YAML syntax: a tab in the indentation: indent with spaces"),
    "problem_comment_in_text": ("{key} 的文字未加引号，其中的“ #”起注释作用，其后的内容会被丢掉：请给整段文字加上引号（\"…\"），"
                                "或把注释写在单独一行",
                                "a ' #' in the text of {key}, written without quotes, starts a comment, and the text "
                                "after it is dropped: put the text in quotes (\"…\"), or the comment on a line of its "
                                "own"),  # (the key as written: "a evidence", "a issuer" was no English)
    "problem_anchors": ("台账中不能使用 YAML 锚点和别名（&name、*name）；请把值写出来",
                        "YAML anchors and aliases (&name, *name) are not allowed in a registry; write the value out"),
    "problem_too_deep": ("文档嵌套超过 {depth} 层", "document nested deeper than {depth} levels"),
    "problem_key_not_text": ("映射的键必须是普通文字", "a mapping key must be plain text"),
    "problem_merge_key": ("台账中不能使用合并键（<<）", "merge keys (<<) are not allowed in a registry"),
    "problem_duplicate_key": ("键“{key}”重复（首次定义在第 {line} 行）", "duplicate key '{key}' (first defined on line {line})"),
    # (of a journal's entry with two hash: keys: git's merge=union; README "Two colleagues, two branches")
    "problem_duplicate_key_merged": (
        "键“{key}”重复（首次定义在第 {line} 行），所在的一条中有两条记录的行（两个 hash: 键）：这是 git 以 merge=union "
        "把两个分支的记录逐行合在一起的样子；请取合并前一方的进展记录文件（git checkout MERGE^1 -- 此文件），再用 "
        "`rectify record … --date 日期` 补录另一方的记录（见 README“Two colleagues, two branches”）",
        "duplicate key '{key}' (first defined on line {line}), in an entry holding two entries' lines (two hash: keys): "
        "two branches' entries merged line by line, as git's merge=union merges a journal; take one side's journal "
        "from before the merge (git checkout MERGE^1 -- FILE) and record the other side's entries again with "
        "`rectify record … --date DAY` (README: \"Two colleagues, two branches\")"),
    "problem_yaml_tag": ("不支持的 YAML 标签“{tag}”：台账只含普通文字、数字、列表和映射",
                         "unsupported YAML tag '{tag}': a registry holds only plain text, numbers, lists and mappings"),
    "problem_bad_integer": ("不是有效的整数：“{value}”", "not a valid integer: '{value}'"),
    "problem_kind_nothing": ("空值", "nothing"),
    "problem_kind_bool": ("布尔值 true/false", "true/false"),
    "problem_kind_mapping": ("映射", "a mapping"),
    "problem_kind_list": ("列表", "a list"),
    "problem_kind_number": ("数字 {n}", "the number {n}"),
    "problem_kind_long_number": ("超过 {digits} 位的数字", "a number of more than {digits} digits"),
    "problem_kind_text": ("文字", "text"),
    "problem_kind_text_shown": ("文字“{text}”", "text '{text}'"),
    # (a text a problem quotes where it could be something else: validation.shown_value)
    "problem_quoted": ("“{text}”", "'{text}'"),
    "problem_not_mapping": ("{what}：应为映射（键: 值），实为{kind}", "{what}: expected a mapping (key: value), got {kind}"),
    "problem_unknown_key": ("{what}：未知的键“{key}”{hint}{fix}", "{what}: unknown key '{key}'{hint}{fix}"),
    "problem_key_full_width_colon": ("；这是全角冒号：应写作“{written}”", "; a full-width colon: write '{written}'"),
    "problem_keys_allowed": ("；可用的键：{keys}", "; allowed: {keys}"),
    "problem_missing_key": ("{what}：缺少必需的键“{key}”", "{what}: missing required key '{key}'"),
    "problem_not_list": ("{what}：应为列表，实为{kind}", "{what}: expected a list, got {kind}"),
    "problem_not_text": ("{what}：应为文字，实为{kind}", "{what}: expected text, got {kind}"),
    "problem_claim_key": ("{what}：应为小写字母、数字和下划线组成的计数键（如 tasks_total），实为{value}",
                          "{what}: expected a count key of lowercase letters, digits and _ (e.g. tasks_total), got {value}"),
    "problem_claim_twice": ("{what}：报告的数字{key}列了两次（首次在第 {line} 行）；每个数字只列一次",
                            "{what}: the report's figure {key} is claimed twice (first on line {line}); claim each figure once"),
    "problem_not_nonempty_text": ("{what}：应为非空文字，实为{kind}", "{what}: expected non-empty text, got {kind}"),
    "problem_not_whole_number": ("{what}：应为不小于 {minimum} 的整数，实为{value}{hint}",
                                 "{what}: expected a whole number ≥ {minimum}, got {value}{hint}"),
    "problem_number_unquoted": ("；请写作 {n}，不加引号、不以 0 开头", "; write {n}, without quotes or a leading 0"),
    "problem_measure_id_number": ("；措施的 id 是它在所属任务中的序号（任务 1 下的 id: 2 即措施 1.2）",
                                  "; a measure's id is its number within its task (id: 2 under task 1 is measure 1.2)"),
    "problem_not_date": ("{what}：应为 YYYY-MM-DD 格式的日期，实为{value}", "{what}: expected a date YYYY-MM-DD, got {value}"),
    "problem_date_unwritten": ("{what}：应为 YYYY-MM-DD 格式的日期，实为“{text}”{hint}",
                               "{what}: expected a date written YYYY-MM-DD, got '{text}'{hint}"),
    "problem_date_no_year": ("（缺少年份：应写作 {written}）", " (the year is missing: write {written})"),
    "problem_date_no_day": ("（缺少日：应写作 {written}）", " (the day is missing: write {written})"),
    "problem_date_is_kind": ("（{text} 是时限的类别，不是日期：该时限应写作 {{kind: {kind}}}）",
                             " ({text} is a kind of milestone, not a date: write the milestone {{kind: {kind}}})"),
    "problem_date_not_real": ("{what}：“{text}”不是实际存在的日期（{detail}）", "{what}: '{text}' is not a real calendar date ({detail})"),
    "problem_day_out_of_range": ("该月没有这一天", "that month has no such day"),
    "problem_month_out_of_range": ("月份应在 1 到 12 之间", "a month is 1 to 12"),
    "problem_year_out_of_range": ("年份应在 1 到 9999 之间", "a year is 1 to 9999"),
    "problem_unknown_value": ("{what}：未知的值{value}{hint}；应为以下之一：{allowed}",
                              "{what}: unknown value {value}{hint}; expected one of {allowed}"),
    "problem_not_bool": ("{what}：应为 true 或 false，实为{value}", "{what}: expected true or false, got {value}"),
    "problem_journal_not_plan": ("这是进展记录（- measure: … 的列表），不是整改方案：{fix}",
                                 "this is a journal (a list of entries, - measure: ...), not a plan: {fix}"),
    # (a journal in a folder under a plan file's name: the folder was given already)
    "problem_journal_move_out": ("{move_out}，或将其改名为 <方案名>.progress.yaml，放在其方案 <方案名>.yaml 旁边",
                                 "{move_out}, or name it <plan>.progress.yaml, beside its plan <plan>.yaml"),
    # (rectify reads no export: it holds the plan and each measure's latest note, not the journal)
    "problem_export_not_plan": ("这是 `{command}` 的输出，不是整改方案：请指定导出时所用的方案文件（{plan}）或其所在文件夹；"
                                "rectify 不能把导出文件转回台账（其中没有进展记录）",
                                "this is the output of `{command}`, not a plan: pass the plan file it was exported from "
                                "({plan}) or its folder; rectify cannot turn an export back into a ledger (it holds no journal)"),
    "problem_output_not_plan": ("这是 `{command}` 的输出，不是整改方案：请指定方案文件（{plan}）或其所在文件夹",
                                "this is the output of `{command}`, not a plan: pass the plan file ({plan}) or its folder"),
    "problem_plan_of_journal_example": ("例如 tasks.yaml", "e.g. tasks.yaml"),
    # (another program's YAML, or rectify import's curation, read as a plan: validation.Checker._plainly_other)
    "problem_curation_not_plan": ("这是导入用的校订文件（rectify import --curation），不是整改方案：{fix}",
                                  "this is a curation file (rectify import --curation), not a plan: {fix}"),
    "problem_no_plan_keys": ("不是整改方案：其顶层的键（{keys}）都不是方案的键（{plan_keys}）；若是方案，请检查键名，否则{fix}",
                             "not a plan: none of its top-level keys ({keys}) is a plan's ({plan_keys}); if it is a plan, "
                             "check its keys, else {fix}"),
    "problem_list_not_plan": ("不是整改方案：其顶层是列表（- …），而方案的顶层是以 {plan_keys} 为键的映射；若是方案，请照此改写，否则{fix}",
                              "not a plan: its top level is a list (- ...), where a plan's is a mapping of {plan_keys}; if it "
                              "is a plan, write it so, else {fix}"),
    "problem_not_plan_move_out": ("请将其移出台账文件夹（其中每个 .yaml、.yml 文件都按方案文件读入）",
                                  "move it out of the ledger's folder (each .yaml or .yml file there is read as a plan file)"),
    "problem_not_plan_pass_plan": ("请指定方案文件（{plan}）或其所在文件夹", "pass the plan file ({plan}) or its folder"),
    "problem_empty_plan": ("空文件：台账应含 'registry'、'units' 和 'tasks'", "empty file: expected a registry with 'registry', 'units' and 'tasks'"),
    "problem_report_before_feedback": ("registry.report_date：{report} 早于反馈日期 feedback_date {feedback}；整改报告应在督察反馈之后",
                                       "registry.report_date: {report} is before the feedback_date {feedback}; the report "
                                       "comes after the feedback"),
    "problem_immediate_before_feedback": ("registry.settings.immediate_due：{due} 早于反馈日期 feedback_date {feedback}；"
                                          "“立即”自问题移交之日起计，宽限的期限应在其后",
                                          "registry.settings.immediate_due: {due} is before the feedback_date {feedback}; "
                                          "'at once' counts from the day the problems were handed over, and a grace "
                                          "period ends after it"),
    "problem_unknown_zone": ("registry.settings.timezone：未知时区“{zone}”（应为 IANA 时区名，例如 Asia/Shanghai）",
                             "registry.settings.timezone: unknown time zone '{zone}' (an IANA name, e.g. Asia/Shanghai)"),
    "problem_zone_not_text": ("registry.settings.timezone：应为 IANA 时区名（例如 Asia/Shanghai），实为{kind}",
                              "registry.settings.timezone: expected an IANA time zone name (e.g. Asia/Shanghai), got {kind}"),
    "problem_zone_west_sign": ("registry.settings.timezone：“{zone}”是 UTC−{hours}（Etc/GMT 时区名的正负号是 POSIX 的，"
                               "与通常写法相反）：北京时间请写 Asia/Shanghai；确在 UTC 以西的，请写当地城市的时区（如 America/Chicago）",
                               "registry.settings.timezone: '{zone}' is UTC-{hours} (the sign of an Etc/GMT name is POSIX's, "
                               "the other way round): for Beijing time write Asia/Shanghai; for a place west of UTC, its "
                               "city's zone (e.g. America/Chicago)"),
    # (a machine with no zone database at all: no name can be checked; as refused_zone_no_database)
    "problem_zone_no_database": ("registry.settings.timezone：本机没有时区数据库，无从核对时区“{zone}”：请安装时区数据库（`pip install tzdata`）",
                                 "registry.settings.timezone: this machine has no time zone database, so '{zone}' cannot be "
                                 "checked: install tzdata (pip install tzdata)"),
    # (Factory, in the zone database: "-00", no zone; it reads as UTC)
    "problem_zone_no_place": ("registry.settings.timezone：“{zone}”不是任何地方的时区（时区库中的“-00”，即无时区，按 UTC 计）："
                              "北京时间请写 Asia/Shanghai；其他地方请写当地城市的时区",
                              "registry.settings.timezone: '{zone}' is no place's time zone (the zone database's \"-00\", "
                              "no zone, read as UTC): for Beijing time write Asia/Shanghai; elsewhere, the zone of its city"),
    "problem_unknown_zone_close": ("registry.settings.timezone：未知时区“{zone}”{hint}",
                                   "registry.settings.timezone: unknown time zone '{zone}'{hint}"),
    "problem_unit_twice": ("单位名称或别名“{name}”重复声明（首次在第 {line} 行）",
                           "unit name or alias '{name}' is declared twice (first on line {line})"),
    "problem_unit_kind_differs": ("单位“{name}”在此的 kind 为 {kind}，在 {other} 中为 {other_kind}：文件夹中各文件对地区、下辖地区或各地市单位的声明须一致",
                                  "unit '{name}' is kind {kind} here but {other_kind} in {other}: a folder's files declare "
                                  "a region, a subregion, or a unit of every region, alike"),
    "problem_setting_differs": ("registry.settings.{name}：此处为 {value}，{there}：文件夹中各文件共用同一套设置",
                                "registry.settings.{name}: {value} here, {there}: the files of a folder registry share one "
                                "set of settings"),
    "problem_setting_default": ("{value}（未设置，取默认值）", "{value} (not set: the default)"),
    "problem_setting_there": ("在 {file} 中为 {value}", "{value} in {file}"),
    "problem_setting_there_line": ("在 {file} 中为 {value}（第 {line} 行）", "{value} in {file} (line {line})"),
    "problem_no_milestone": ("{what}：至少应有一个时限（{{kind: date, due: YYYY-MM-DD}}、{{kind: ongoing}} 或 {{kind: immediate}}）",
                             "{what}: expected at least one milestone ({{kind: date, due: YYYY-MM-DD}}, {{kind: ongoing}} "
                             "or {{kind: immediate}})"),
    "problem_date_milestone_needs_due": ("{what}：限期时限须写明 'due: YYYY-MM-DD'", "{what}: a date milestone needs 'due: YYYY-MM-DD'"),
    # (a rule, not a lack: "has no due date" was read as the due being missing, written on the line)
    "problem_milestone_has_no_due": ("{what}：kind 为 {kind} 的时限不写截止日期：请删去 due（有截止日期的一步另写为一个时限："
                                     "{{kind: date, due: YYYY-MM-DD}}）",
                                     "{what}: a milestone of kind {kind} takes no due date: remove 'due' (a step due on a "
                                     "date is a milestone of its own: {{kind: date, due: YYYY-MM-DD}})"),
    "problem_duplicate_task": ("{what}：任务编号 {id} 重复（首次在第 {line} 行）", "{what}: duplicate task id {id} (first on line {line})"),
    "problem_region_not_text": ("{what}：应为地区名称，实为{kind}", "{what}: expected the name of a region, got {kind}"),
    "problem_not_a_region": ("{what}：“{name}”不是地区（其单位的 kind 不是 region）；地区是在 'units:' 下声明为 kind: region 的单位",
                             "{what}: '{name}' is no region (its unit is not of kind region); the regions are the units "
                             "declared under 'units:' with kind: region"),
    "problem_unknown_region": ("{what}：未知地区{name}{hint}；地区是在 'units:' 下声明为 kind: region 的单位（{regions}）",
                               "{what}: unknown region {name}{hint}; the regions are the units declared under 'units:' "
                               "with kind: region ({regions})"),
    "problem_regions_none": ("尚未声明任何地区", "none is"),
    "problem_no_measures": ("{what}：为空；整改任务通过其措施落实：请至少列出一项",
                            "{what}: empty; a task is rectified through its measures: list at least one"),
    "problem_duplicate_measure": ("{what}：措施编号重复（首次在第 {line} 行）", "{what}: duplicate measure id (first on line {line})"),
    "problem_no_owners": ("{what}：至少应有一个责任单位", "{what}: expected at least one responsible unit"),
    "problem_unknown_unit": ("{what}：未知单位{name}{hint}", "{what}: unknown unit {name}{hint}"),
    # (a unit listed twice in a measure's owners, by its name or its aliases: named twice in every table)
    "problem_owner_twice": ("{what}：单位“{name}”列了两次；每个单位只列一次", "{what}: unit '{name}' is listed twice; list each unit once"),
    "problem_owner_alias_of_listed": ("{what}：“{name}”是单位“{unit}”的别名，该单位已在前面列出；每个单位只列一次",
                                      "{what}: '{name}' is an alias of unit '{unit}', listed before; list each unit once"),
    "problem_owner_listed_by_alias": ("{what}：单位“{name}”已在前面以其别名“{first}”列出；每个单位只列一次",
                                      "{what}: unit '{name}' is listed before by its alias '{first}'; list each unit once"),
    "problem_owner_aliases_of_one": ("{what}：“{name}”与前面的“{first}”都是单位“{unit}”的别名；每个单位只列一次",
                                     "{what}: '{name}' and '{first}' before it are both aliases of unit '{unit}'; list each unit once"),
    "problem_not_unit_name": ("{what}：应为单位名称（文字），实为{kind}", "{what}: expected the name of a unit (text), got {kind}"),
    "problem_unknown_owner": ("{what}：未知单位{name}{hint}；请在 'units:' 下声明",
                              "{what}: unknown unit {name}{hint}; declare it under 'units:'"),
    # (the hint of an unknown unit in a folder's file, when other files declare it)
    "problem_declared_elsewhere": ("（只有 {files} 声明了它：每个方案文件须自己声明所写的单位）",
                                   " (only {files} declares it: each plan file declares the units it names)"),
    "problem_listed_in_one": ("（几个单位写成了一项：请用半角逗号分隔，写作 {written}）",
                              " (several names written as one: separate them with ASCII commas, {written})"),
    "problem_written_as": ("（应写作 {key}）", " (write {key})"),  # (an instruction, as 应写作: not what was written)
    "problem_lead_not_owner": ("{what}：“{name}”不在其责任单位之中", "{what}: '{name}' is not one of its owners"),
    # merge-journal (git's merge driver): why OURS was left as it was, then the way by hand
    "problem_merge_retracts_lacked": (
        "对方（THEIRS）的第 {index} 条记录撤回的是合并基础（BASE）的第 {base} 条记录（措施 {measure}，{date}），"
        "而我方没有这一条（挑选（cherry-pick）的提交之前的提交本分支没有？）：无从接上",
        "entry {index} of theirs (THEIRS) retracts the base's (BASE) entry {base} (measure {measure}, {date}), which "
        "ours lacks (a commit cherry-picked without the commits before it?): nothing to chain it on to"),
    "problem_merge_no_shared_base_theirs": (
        "对方（THEIRS）的第 {index} 条记录与合并基础（BASE）的不同：双方没有共同的历史记录（历史被改写？）",
        "entry {index} of theirs (THEIRS) differs from the base's (BASE): the two sides do not share the base's "
        "entries (a history rewritten?)"),
    "problem_merge_both_extended": (
        "对方的第 {index} 条记录（措施 {measure}，{date}）与我方的第 {ours} 条各自延期了同一期限 {milestone}："
        "合并后对方的一条会被读作把我方延期后的期限再次延期；请商定保留哪一条",
        "entry {index} of theirs (measure {measure}, {date}) and entry {ours} of ours each extend the deadline "
        "{milestone}: merged, theirs's would read as extending ours's new date again; agree which one stands"),
    "problem_merge_both_extended_unresolved": (
        "对方的第 {index} 条记录（措施 {measure}，{date}）与我方的第 {ours} 条都延期了 {measure} 的期限，且未都写明 milestone:，"
        "无法对照整改方案确定各自所延的是哪一期限（{why}）："
        "若是同一期限，合并后对方的一条会被读作把我方延期后的期限再次延期；请商定保留哪一条",
        "entry {index} of theirs (measure {measure}, {date}) and entry {ours} of ours each extend a deadline of {measure}, "
        "not both naming a milestone:, and which deadline each moves can't be told from the plan ({why}): if the same, "
        "merged, theirs's would read as extending ours's new date again; agree which one stands"),
    # (its {why}: this side's plan refused, named by its first problem as merge_unchecked_plan names it; else either)
    "problem_merge_unresolved_plan_refused": ("本方的整改方案读取时被拒绝：{problem}", "this side's plan is refused: {problem}"),
    "problem_merge_unresolved_unknown": ("进展记录旁没有整改方案，或一方的记录在本方的方案下读取时会被拒绝",
                                         "none found beside the journal, or one side's entries are refused under "
                                         "this side's plan"),
    "problem_merge_entry_not_rewritable": (
        "第 {index} 条记录不是 `rectify record` 所写的形式（只能有其字段，值为文字或 true/false），无法重新接入哈希链",
        "entry {index} is not as `rectify record` writes one (its fields only, each text or true/false): it can't "
        "be chained on again"),
    "problem_merge_reads_differently": ("合并后的进展记录读出的记录与写入的不同", "the merged journal reads as other entries than those written"),
    # (the merged journal is never written: where its entries are, in the files a user has, said first)
    "problem_merge_refused_on_load": (
        "合并后的进展记录（未写入）读取时会被拒绝（其第 1–{ours} 条为我方的记录，与本文件相同，之后为接上的对方记录："
        "第 {ours} 条之后的条号、第 {lines} 行之后的行号指合并后的文件）：",
        "the merged journal, not written, would be refused on load (its entries 1–{ours} are ours's, as in this "
        "file, and those after theirs's, chained on: entry numbers past {ours} and line numbers past {lines} are the "
        "merged journal's):"),
    "problem_merge_refused_on_load_none": (
        "合并后的进展记录（未写入）读取时会被拒绝（其记录都是接上的对方记录，以下条号、行号指合并后的文件）：",
        "the merged journal, not written, would be refused on load (its entries are all theirs's, chained on: the "
        "entry and line numbers below are the merged journal's):"),
    "problem_merge_refused_theirs": (
        "对方（THEIRS）{file} 的第 {index} 条记录（第 {line} 行；措施 {measure}，{date}），合并后为第 {merged} 条：{why}",
        "theirs's (THEIRS) entry {index}, line {line} of theirs's {file} (measure {measure}, {date}), merged as entry "
        "{merged}: {why}"),
    "problem_merge_refused_ours": ("我方（OURS）的第 {index} 条记录（措施 {measure}，{date}）：{why}",
                                   "ours's (OURS) entry {index} (measure {measure}, {date}): {why}"),
    # (another entry a refusal of the merged journal names, the one that closed it: where its side has it)
    "problem_merge_closed_by": ("已由{entry}销号，其日期为 {date}{after}", "closed by {entry}, dated {date}{after}"),
    "problem_merge_entry_ours": ("我方（OURS）的第 {index} 条记录（第 {line} 行）", "ours's (OURS) entry {index}, line {line}"),
    "problem_merge_entry_theirs": ("对方（THEIRS）{file} 的第 {index} 条记录（第 {line} 行）",
                                   "theirs's (THEIRS) entry {index}, line {line} of theirs's {file}"),
    "problem_merge_fails_verify": ("合并后的进展记录在第 {index} 条不能通过 `rectify verify`",
                                   "the merged journal fails `rectify verify` at entry {index}"),
    "problem_merge_scratch_failed": ("无法写入临时文件（{why}）：合并结果先在此对照整改方案检查；可设置环境变量 TMPDIR 改用另一个"
                                     "文件夹；未合并，我方文件保持原样",
                                     "cannot write a temporary file ({why}): a merge's result is first checked there "
                                     "against the plan; set TMPDIR to use another folder; not merged, ours left as it was"),
    "problem_merge_by_hand": (
        "未合并，我方文件保持原样；请手工合并：取一方的进展记录（git checkout --ours 或 --theirs 此文件），"
        "再用 `rectify record … --date 日期` 补录另一方的记录（见 README“两位同事，两个分支”）",
        "not merged, ours left as it was; merge by hand: take one side's journal (git checkout --ours or --theirs "
        "on it) and record the other side's entries again with `rectify record … --date DAY` (README, \"Two "
        "colleagues, two branches\")"),
    "problem_journal_not_list": ("进展记录：应为记录的列表（- measure: …），实为{kind}",
                                 "journal: expected a list of entries (- measure: ...), got {kind}"),
    "problem_measure_not_quoted": ("{what}：应为带引号的措施编号，例如 \"18.4\"，实为{value}",
                                   "{what}: expected a quoted measure id like \"18.4\", got {value}"),
    "problem_recorded_not_after": ("{what}：{recorded} 不晚于该记录的日期（{date}）：'recorded' 是补录记录的写入日，应在其日期之后",
                                   "{what}: {recorded} is not after the entry's date ({date}): 'recorded' is the later day "
                                   "a back-dated entry was written"),
    "problem_hash_shape": ("{what}：应为 64 位小写十六进制数字", "{what}: expected 64 lowercase hex digits"),
    "problem_extension_needs_to": ("{what}：延期须写明 'to: YYYY-MM-DD'（新的期限）",
                                   "{what}: an extension needs 'to: YYYY-MM-DD' (the new due date)"),
    "problem_to_not_after_milestone": ("{what}：{to} 不晚于所延的期限（milestone: {milestone}）",
                                       "{what}: {to} is not after the deadline it moves (milestone: {milestone})"),
    "problem_to_not_after_date": ("{what}：{to} 不晚于该记录的日期（{date}）：延期应设一个尚未到来的期限",
                                  "{what}: {to} is not after the entry's date ({date}): an extension sets a due date still "
                                  "to come"),
    "problem_note_report": ("{what}：定期报告须附说明，写明做了什么", "{what}: a report needs a note saying what was done"),
    "problem_note_in_progress": ("{what}：推进中的记录须附说明，写明正在做什么",
                                 "{what}: an in_progress entry needs a note saying what is under way"),
    "problem_note_reopened": ("{what}：重新打开须附说明，写明原因（例如 回头看发现表面整改）",
                              "{what}: a reopened entry needs a note saying why the measure is reopened (e.g. a follow-up "
                              "inspection (回头看) found superficial rectification)"),
    "problem_extension_key": ("{what}：只有延期记录（state: extended）才有“{key}”", "{what}: only an extension (state: extended) has '{key}'"),
    "problem_milestone_key": ("{what}：只有销号或延期记录才指明 milestone", "{what}: only a done or extended entry names a milestone"),
    "problem_other_files_measure": ("{what}：{measure} 是 {other} 方案的措施，不是 {own} 的：进展记录只记本文件的措施；请记在 {other} 的进展记录中"
                                    "（`rectify record {command_id} …` 会写到那里）",
                                    "{what}: {measure} is a measure of {other}'s plan, not of {own}'s: a journal records its "
                                    "own file's measures; record it in {other}'s journal (`rectify record {command_id} …` "
                                    "writes it there)"),
    "problem_no_measure": ("{what}：整改方案中没有措施“{measure}”{hint}", "{what}: no measure '{measure}' in the plan{hint}"),
    "problem_date_future": ("{what}：{date} 晚于今天（{today}）{more}：记录只记已经发生的事；若日期无误，请检查这台电脑的日期",
                            "{what}: {date} is in the future (today is {today}){more}: an entry records what has happened; "
                            "if its date is right, check this computer's clock"),
    "problem_date_future_more": ("，其后还有 {count} 条记录也是如此", ", as are {count} entries after it"),
    "problem_date_future_one_more": ("，其后还有 1 条记录也是如此", ", as is the entry after it"),
    "problem_date_before_feedback": ("{what}：{date} 早于督察反馈（{feedback}），彼时问题尚未交办",
                                     "{what}: {date} is before the inspection's feedback ({feedback}), when the problems "
                                     "were handed over"),
    "problem_milestone_not_deadline": ("{what}：{milestone} 不是措施 {measure} 的期限（其期限：{deadlines}）",
                                       "{what}: {milestone} is not a deadline of measure {measure} (its deadlines: {deadlines})"),
    # (worded as refused_milestone_no_steps: "(its deadlines: none: it is ongoing (长期坚持))" nested brackets)
    "problem_milestone_ongoing": ("{what}：{milestone} 不是措施 {measure} 的期限（该措施为长期坚持，没有期限）",
                                  "{what}: {milestone} is not a deadline of measure {measure}: it is ongoing (长期坚持), "
                                  "with no deadline"),
    "problem_report_not_ongoing": ("{what}：{measure} 没有长期坚持的部分可供定期报告：请把进展写成 state: in_progress",
                                   "{what}: {measure} has no ongoing (长期坚持) part to report on: write its progress as "
                                   "state: in_progress"),
    "problem_close_ongoing": ("{what}：{measure} 为长期坚持，没有可销号的期限：请定期报告（state: report）",
                              "{what}: {measure} is ongoing (长期坚持) with no deadline to close: report on it (state: report)"),
    "problem_already_closed": ("{what}：截至 {date}，{item} 已经销号{notes}；如须再次销号，请先重新打开（在此之前加一条 reopened 记录）",
                               "{what}: {item} is already closed as of {date}{notes}; reopen it first (a reopened entry "
                               "before this one) if it must be closed again"),
    "problem_step_of": ("{measure} 于 {due} 到期的一步", "{measure}'s step due {due}"),
    "problem_closed_notes": ("（{notes}）", " ({notes})"),
    "problem_two_notes": ("{first}；{second}", "{first}; {second}"),
    "problem_closed_by": ("已由第 {entry} 条记录{line}销号，其日期为 {date}{after}", "closed by entry {entry}{line}, dated {date}{after}"),
    "problem_closed_by_line": ("（第 {line} 行）", ", line {line}"),
    "problem_closed_by_later": ("，写在本条之后但日期更早", ", written after this one but dated before it"),
    "problem_stays_ongoing": ("销号的是其限期部分，长期坚持部分仍在继续", "its dated part; it stays ongoing"),
    "problem_reopen_not_closed": ("{what}：截至 {date}，{measure} 尚未销号：无可重新打开", "{what}: {measure} is not closed as of {date}: nothing to reopen"),
    "problem_nothing_to_extend": ("{what}：截至 {date}，{measure} 没有待完成的期限{step}：无可延期",
                                  "{what}: {measure} has no pending deadline{step} as of {date}: nothing to extend"),
    "problem_extension_late": ("{what}：{measure} 的延期于 {date} 申请，晚于所延的期限（{due}，已逾期 {days} 天）：延期应在期限之前批准；"
                               "如仍要记录，请写 late: true，标为逾期申请",
                               "{what}: the extension of {measure} was requested on {date}, after the deadline it moves "
                               "({due}, {days:day} late): an extension must be approved before the deadline; write late: "
                               "true to record it anyway, flagged as late"),
    "problem_extension_not_late": ("{what}：标为逾期申请，但延期于 {date} 申请，并未晚于所延的期限（{due}）：请删去 late: true",
                                   "{what}: flagged late, but the extension was requested on {date}, not after the deadline "
                                   "it moves ({due}): remove late: true"),
    "problem_to_not_after_deadline": ("{what}：{to} 不晚于所延的期限（{due}{before}）",
                                      "{what}: {to} is not after the deadline it moves ({due}{before})"),
    "problem_as_extended_before": ("，此前已延期", ", as extended before"),
    "problem_retracts_shape": ("{what}：撤回误录须写明所撤回记录的哈希（retracts: 64 位小写十六进制数字）",
                               "{what}: a retraction needs the hash of the entry it retracts (retracts: 64 lowercase hex "
                               "digits)"),
    "problem_retracts_key": ("{what}：只有撤回误录的记录（state: retracted）才有 'retracts'",
                             "{what}: only a retraction (state: retracted) has 'retracts'"),
    "problem_note_retracted": ("{what}：撤回误录须附说明，写明该记录错在哪里",
                               "{what}: a retraction needs a note saying why the entry was wrong"),
    "problem_retracts_unknown": ("{what}：本进展记录中，此前没有哈希为 {hash}… 的记录：只能撤回写在它之前的记录",
                                 "{what}: no earlier entry of this journal has the hash {hash}…: a retraction retracts an "
                                 "entry written before it"),
    "problem_retracts_other_measure": ("{what}：所撤回的记录（第 {line} 行）是措施 {other} 的，不是 {measure} 的",
                                       "{what}: the entry it retracts (line {line}) is of {other}, not of {measure}"),
    "problem_retracted_twice": ("{what}：第 {line} 行的记录已由第 {earlier} 行撤回", "{what}: the entry on line {line} is "
                                "already retracted (line {earlier})"),
    "problem_retracts_later": ("{what}：撤回日期 {date} 早于所撤回记录的日期（{target}，第 {line} 行）",
                               "{what}: the retraction's date {date} is before that of the entry it retracts ({target}, "
                               "line {line})"),
}
# A command line the parser refuses, in Chinese (render/usage_text.py; English: the parser's own).
LABELS.update({
    "usage_line": ("{what}；用法见 {command} --help", "{what}; see {command} --help"),
    "usage_no_such_option": ("没有选项 {name}{hint}", "no such option {name}{hint}"),
    "usage_missing_option": ("缺少必需的选项 {name}", "missing required option {name}"),
    "usage_missing_argument": ("缺少参数 {name}", "missing argument {name}"),
    "usage_not_a_choice_meant": ("{name}：“{value}”不是可选的值，应写作 {meant}（可选：{choices}）",
                                 "{name}: '{value}' is not one of the choices: write {meant} ({choices})"),
    "usage_not_a_choice": ("{name}：“{value}”不是可选的值（可选：{choices}）", "{name}: '{value}' is not one of the choices ({choices})"),
    "usage_empty_path": ("{name}：路径为空：请给出路径，或去掉该选项", "{name}: the path is empty: give one, or leave the option out"),
    "usage_empty_path_argument": ("{name}：路径为空：请给出路径", "{name}: the path is empty: give one"),
    "usage_invalid_value": ("{name}：取值无效（{detail}）", "{name}: invalid value ({detail})"),
    "usage_out_of_range": ("{name}：{value} 不在可选范围内（应{bounds}）", "{name}: {value} is out of range ({bounds})"),
    "usage_at_least": ("不小于 {bound}", "at least {bound}"),
    "usage_more_than": ("大于 {bound}", "more than {bound}"),
    "usage_at_most": ("不大于 {bound}", "at most {bound}"),
    "usage_less_than": ("小于 {bound}", "less than {bound}"),
    "usage_not_an_integer": ("{name}：“{value}”不是整数", "{name}: '{value}' is not a whole number"),
    "usage_requires_value": ("选项 {name} 后面需要一个值", "option {name} requires a value"),
    "usage_no_such_command": ("没有命令“{name}”{hint}", "no such command '{name}'{hint}"),
    "usage_extra_argument": ("多余的参数：{args}", "unexpected extra argument: {args}"),
    "usage_other": ("命令行有误（{detail}）", "{detail}"),
})
# `--help` (cli.py, render/help_text.py): each command's description (help_<command>) and, where its
# first sentence would be cut in the list of commands at 80 columns, its line there
# (help_<command>_short, 63 cells at most; "": the first sentence, which fits), each option's and argument's (help_opt_<name> when
# several commands share it, else help_<command>_<name>), and the parser's fixed phrases around them.
LABELS.update({
    "help_usage": ("用法：", "Usage: "),
    "help_options_metavar": ("[选项]", "[OPTIONS]"),
    "help_commands_metavar": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "help_heading_arguments": ("参数：", "Arguments:"),
    "help_heading_options": ("选项：", "Options:"),
    "help_heading_commands": ("命令：", "Commands:"),
    "help_help": ("显示本帮助并退出。", "Show this message and exit."),
    "help_opt_version": ("显示 rectify 的版本并退出。", "Show rectify's version and exit."),
    # (what the parser adds in brackets after an option's help)
    "help_env_var": ("环境变量：{name}", "env var: {name}"),
    "help_default": ("默认：{value}", "default: {value}"),
    "help_required": ("必填", "required"),
    # (what an option's value is, after its name; in English too in words, not the parser's <str>)
    "help_value_text": ("<文本>", "<text>"),
    "help_value_int_range": ("<整数>", "<integer>"),
    "help_value_path": ("<路径>", "<path>"),
    "help_value_date": ("<日期>", "<date>"),
    "help_value_month": ("<月份>", "<month>"),
    "help_value_measure": ("<措施>", "<measure>"),
    "help_value_id": ("<编号>", "<id>"),
    "help_value_report": ("<报告>", "<report>"),
    "help_value_base": ("<基础>", "<base>"),
    "help_value_ours": ("<我方>", "<ours>"),
    "help_value_theirs": ("<对方>", "<theirs>"),
    "help_value_summary": ("<月报>", "<summary>"),
    "help_at_least": ("不小于 {value}", "at least {value}"),  # (as a refusal says it: usage_at_least)
    "help_extras_sep": ("；", "; "),
    "help_rectify": ("rectify：按核查日期审核整改台账。", "rectify: audit a rectification ledger (整改台账) against a date."),
    "help_status": ("查看整改进展：各灯色的措施数及各项任务，问题最重的在前。",
                    "Where do we stand? Counts per traffic light and the tasks, worst first."),
    "help_status_short": ("", "Where do we stand? Counts per traffic light, worst first."),
    "help_show": ("查看一项任务或措施的全部情况。包括内容、责任单位、各期限、进展记录和灯色。",
                  "Everything about one task or measure: text, units, milestones, history, light."),
    "help_show_short": ("", "Everything about one task or measure."),
    "help_check": ("CI 关口：有措施逾期时退出码为 1，否则为 0。加 --fail-on 时，临期或久未报告的措施也算。",
                   "CI gate: exit 1 when a measure is overdue (or, with --fail-on, due soon or stale), else 0."),
    "help_check_short": ("", "CI gate: exit 1 when a measure is overdue, else 0."),
    "help_summary": ("按月交账：生成纯文本月报，可直接粘贴到报告中。",
                     "Plain-text monthly summary (按月交账), ready to paste into a report."),
    "help_summary_short": ("", "Plain-text monthly summary (按月交账) to paste into a report."),
    "help_reconcile": ("核对报告的总体数字：按附件重新统计，与报告所称比对。有数字不符时退出码为 1。",
                       "Recompute the report's headline figures from its appendix and compare with its claims; exit 1 "
                       "when a figure disagrees."),
    "help_reconcile_short": ("", "Check the report's headline figures against its appendix."),
    "help_validate": ("校验台账及其进展记录，逐一报告问题所在的文件:行:列。",
                      "Check a registry and its journal; report every problem with file:line:column."),
    "help_validate_short": ("", "Check a registry and its journal, each problem at file:line."),
    "help_export": ("以 JSON 输出读入的整改方案（格式稳定，见 README）。",
                    "Print the loaded plan as JSON (a stable contract, see README)."),
    "help_import": ("从报告文本（附件中的问题与措施）生成台账。",
                    "Build a registry from a report's text (its appendix of problems and measures)."),
    "help_import_short": ("", "Build a registry from a report's text (its appendix)."),
    "help_record": ("在进展记录中追加一条带日期的记录。", "Append one dated entry to the journal."),
    "help_close": ("措施办结销号，须附佐证。长期坚持的措施销号后仍须坚持。",
                   "Close out a measure (销号), with evidence. An ongoing measure keeps running."),
    "help_reopen": ("重新打开已销号的措施：回头看发现表面整改。",
                    "Reopen a closed measure: a follow-up inspection (回头看) found superficial rectification."),
    "help_reopen_short": ("", "Reopen a measure that a follow-up (回头看) found superficial."),
    "help_report": ("记录长期坚持措施的定期报告，消除“久未报告”。",
                    "Record a periodic report on an ongoing (长期坚持) measure; clears 'stale'."),
    "help_report_short": ("", "Report on an ongoing (长期坚持) measure; clears 'stale'."),
    "help_extend": ("记录经批准的延期。顺延措施的下一个期限，或 --milestone 所指的期限。",
                    "Record an approved extension (延期) of the measure's next deadline (or of the step --milestone "
                    "names)."),
    "help_extend_short": ("", "Record an approved extension (延期) of a deadline."),
    "help_retract": ("撤回误录的记录：自撤回日期起视为未曾记录。这不同于重新打开。",
                     "Retract an entry recorded by mistake (撤回误录): from this date on it counts as never written. "
                     "Not a reopening."),
    "help_retract_short": ("", "Retract an entry recorded by mistake (not a reopening)."),
    "help_history": ("进展记录，最新的在前。", "Journal entries, newest first."),
    "help_merge_journal": ("git 的进展记录合并驱动：我方的记录之后接上对方在合并基础之后新增的记录（重新计算哈希），结果写入我方文件。"
                           "不能合并时我方文件保持原样，退出码 1。",
                           "git's merge driver for a journal: ours's entries, then theirs's entries after the base, "
                           "chained on (new hashes), written into OURS. When they can't be merged, OURS is left as it "
                           "was and it exits 1."),
    "help_merge_base": ("合并基础版本的进展记录（git 的 %O）。", "The base's journal (git's %O)."),
    "help_merge_ours": ("我方的进展记录（git 的 %A），合并结果写入此文件。", "Ours's journal (git's %A), where the merge is written."),
    "help_merge_theirs": ("对方的进展记录（git 的 %B）。", "Theirs's journal (git's %B)."),
    "help_merge_path": ("进展记录在工作区中的路径（git 的 %P）：据此找到它的方案文件来检查合并结果。",
                        "The journal's path in the working tree (git's %P): its plan, which the merge is checked "
                        "against, is found from it."),
    "merge_done": ("merge-journal：我方 {ours} 条记录之后接上对方 {added} 条（哈希已重新计算）{alike}\n",
                   "merge-journal: {added} of theirs's entries chained on after ours's {ours} (new hashes){alike}\n"),
    "merge_unchecked": ("{file}: 警告：对方的记录在本方的整改方案下读取时会被拒绝（对方改了方案？），合并结果未对照方案检查；"
                        "请在合并后运行 `rectify check`",
                        "{file}: warning: theirs's entries are refused under this side's plan (their plan changed?): "
                        "the merged journal was not checked against a plan; run `rectify check` after the merge"),
    # (every journal is refused under it: theirs's plan not to blame)
    "merge_unchecked_plan": ("{file}: 警告：本方的整改方案读取时被拒绝（{problem}），合并结果未对照方案检查；"
                             "请修正方案后运行 `rectify validate` 和 `rectify check`",
                             "{file}: warning: this side's plan is refused ({problem}): the merged journal was not "
                             "checked against a plan; fix the plan, then run `rectify validate` and `rectify check`"),
    "merge_left_out": ("；合并基础（BASE）中本方没有的 {n} 条未接入（挑选（cherry-pick）的提交之前的提交中的记录？或本方删去的记录？）",
                       "; {n} of the base's (BASE) entries ours lacks left out (of the commits before one cherry-picked? "
                       "or removed on this side?)"),
    "merge_alike": ("；双方相同的 {n} 条只保留一次", "; {n} both added alike kept once"),
    "help_verify": ("重算进展记录的哈希链，指出第一条被改动、删除或调换顺序的记录。",
                    "Recompute the journal's hash chain; name the first entry edited, removed or reordered."),
    "help_verify_short": ("", "Check the journal's hash chain; name the first entry changed."),
    # options several commands share
    "help_opt_registry": ("整改方案文件（tasks.yaml）或方案文件所在的文件夹。默认：data/tasks.yaml 或 data/ 中的"
                          "方案文件（在当前文件夹及其上级中查找，至仓库根目录为止），没有则用内置台账。",
                          "Plan file (tasks.yaml) or folder of plan files. Default: data/tasks.yaml or data/'s plan "
                          "files, here or in a folder above (up to the repository's root), else the bundled ledger."),
    # (a write's: none given nor found, it is refused rather than made into the example)
    "help_opt_registry_write": ("整改方案文件（tasks.yaml）或方案文件所在的文件夹。默认：data/tasks.yaml 或 data/ 中的"
                                "方案文件（在当前文件夹及其上级中查找，至仓库根目录为止）；都没有则不写入：内置示例台账不作"
                                "记录用。",
                                "Plan file (tasks.yaml) or folder of plan files. Default: data/tasks.yaml or data/'s plan "
                                "files, here or in a folder above (up to the repository's root); with neither, nothing is "
                                "written: the bundled example ledger is not for recording."),
    "help_opt_as_of": ("核查日期：2019-03-31、2019/3/31、2019-03（月末）、2019年3月31日。默认：台账所在时区的今天。",
                       "Reference date: 2019-03-31, 2019/3/31, 2019-03 (end of month), 2019年3月31日. Default: today "
                       "in the registry's time zone."),
    "help_opt_warn_days": ("临期预警天数（默认：台账的 warn_days，未设置时为 30）。",
                           "Due-soon window in days (default: the registry's warn_days, 30 where it sets none)."),
    "help_opt_report_period": ("长期坚持的措施超过多少天未报告即为久未报告（默认：台账的 report_period_days，未设置时为 90）。",
                               "Days after which an ongoing measure without a report is stale (default: the "
                               "registry's report_period_days, 90 where it sets none)."),
    "help_opt_lang": ("报告、提示和帮助的语言：zh（默认）或 en。",
                      "Language of the report, the messages and this help (zh, the default, or en)."),
    # (repeated: the measures of any of them, engine.select's OR, not those they own together)
    "help_opt_owner": ("只看该责任单位的措施（名称或别名）。可重复：其中任一单位的措施均算在内。",
                       "Only measures of this responsible unit (name or alias). Repeatable: those of any of them."),
    "help_opt_task": ("只看该任务（如 18；文件夹台账中带文件名：xizang:18）。可重复。",
                      "Only this task (e.g. 18; in a folder, with its file's name: xizang:18). Repeatable."),
    # (and the measures it owns, as engine.select keeps them: 各地市's too, each region's share)
    "help_opt_region": ("只看涉及该地区（如 那曲市）的任务，以及该地区负责的措施。可重复：涉及其中任一地区的均算在内。",
                        "Only tasks concerning this region, and measures it owns (e.g. 那曲市). Repeatable: those of "
                        "any of them."),
    "help_opt_no_cache": ("即使缓存有效，也重新解析 YAML。", "Parse the YAML even if a cached copy is valid."),
    "help_opt_measure": ("措施编号，如 35.2（文件夹台账中带文件名：xizang:35.2）。",
                         "Measure id, e.g. 35.2 (in a folder, with its file's name: xizang:35.2)."),
    "help_opt_date": ("记录日期（默认：台账所在时区的今天）。", "Date of the entry (default: today in the registry's time zone)."),
    "help_opt_by": ("记录单位（名称或别名）。", "The unit recording it (name or alias)."),
    "help_opt_note": ("情况说明。", "What happened."),
    "help_opt_evidence": ("佐证：文件路径或文字。", "Evidence: a file path or text."),
    "help_opt_milestone": ("销号或延期时：措施有多个期限的，只针对方案中在该日期到期的一步。",
                           "A close or an extension: only the step due on this date (as the plan writes it), of a "
                           "measure with several."),
    # options of one command
    "help_status_measures": ("每项措施一行，而非每项任务一行。", "One row per measure instead of per task."),
    "help_status_limit": ("只列出最严重的 N 行，计数不变。", "Only the N worst rows; counts unchanged."),
    "help_status_state": ("只看该状态的措施。可重复，或用逗号分隔：overdue,due_soon。",
                          "Only measures in this state. Repeatable, or a comma list: overdue,due_soon."),
    "help_opt_format": ("table 供人阅读，json 供程序读取。", "table for people, json for programs."),
    "help_show_item": ("任务编号（如 18）或措施编号（如 18.4）；文件夹台账中带文件名：xizang:18.4。",
                       "Task id (18) or measure id (18.4); in a folder, with its file's name: xizang:18.4."),
    "help_check_fail_on": ("临期（due_soon）或久未报告（stale）的措施也判为不通过（逾期的一律不通过）。"
                           "可重复，或用逗号分隔：due_soon,stale。",
                           "Fail on due_soon or stale measures too (overdue ones always fail). "
                           "Repeatable, or a comma list: due_soon,stale."),
    "help_check_format": ("text（默认）、json、junit、github（在 GitHub Actions 中默认）或 sarif。",
                          "text (default), json, junit, github (default under GitHub Actions) or sarif."),
    "help_summary_month": ("月报的月份，如 2019-03（默认：上月）。", "The month to report on, e.g. 2019-03 (default: last month)."),
    "help_opt_output": ("写入该文件，而非标准输出。", "Write to this file instead of stdout."),
    "help_summary_width": ("表格每行最多占的宽度，以半角字符计（一个汉字占 2 个）。默认值约为 A4 公文一行，"
                           "与终端宽度无关：同一命令处处输出相同的文字。表格过宽时截短内容、责任单位等文字列；"
                           "整段文字不截断。过窄、容不下表格的编号、日期和数字时拒绝执行，并给出可用的最小宽度。",
                           "Table lines are at most this many cells wide (a Chinese character takes 2). The default "
                           "is about a line of an A4 official document, whatever the terminal: the same command "
                           "gives the same text everywhere. Text columns (measure text, units) are cut to fit; prose "
                           "is left whole. A width too narrow for the tables' ids, dates and numbers is refused, "
                           "naming the smallest that works."),
    "help_validate_path": ("方案文件或文件夹（默认：与 --registry 的默认相同）。",
                           "Plan file or folder (default: as --registry's)."),
    "help_export_format": ("输出格式。", "Output format."),
    "help_import_report": ("报告文本（UTF-8、GB18030，或带字节顺序标记的 UTF-16）；为 - 时从标准输入读取。",
                           "The report's text (UTF-8, GB18030, or UTF-16 with its byte order mark); - reads it from "
                           "standard input."),
    "help_import_output": ("写入 tasks.yaml 和 progress.yaml 的文件夹，或方案文件（如 xizang.yaml，进展记录写在其旁的 "
                           "xizang.progress.yaml）。默认：依次输出 tasks.yaml 和 progress.yaml。",
                           "Folder to write tasks.yaml and progress.yaml into, or a plan file (xizang.yaml: its "
                           "journal goes beside it, in xizang.progress.yaml). Default: print tasks.yaml then "
                           "progress.yaml."),
    "help_import_curation": ("校订文件：单位名录、责任单位更正、进展状态。",
                             "Curation file: unit vocabulary, owner fixes, journal states."),
    "help_record_state": ("in_progress（推进中）、done（销号）、reopened（重新打开）或 report（定期报告）。",
                          "in_progress, done, reopened or report."),
    "help_record_note": ("情况说明；除 --state done 外必填。", "What happened; required unless --state done."),
    "help_close_evidence": ("必填：证明已完成的佐证（文件路径或文字）。",
                            "Required: what proves it is done (a file path or text)."),
    "help_reopen_note": ("原因，如 回头看发现表面整改。",
                         "Why, e.g. a follow-up inspection (回头看) found superficial rectification."),
    "help_report_note": ("定期报告的内容。", "The periodic report."),
    "help_extend_to": ("新的期限。", "The new due date."),
    "help_extend_reason": ("延期理由。", "Why the extension was granted."),
    "help_extend_approved_by": ("批准单位。", "The unit that approved it."),
    "help_extend_late": ("记录期限过后才申请的延期（予以标注）。",
                         "Record an extension requested after the deadline it moves (flagged)."),
    "help_extend_far_future": ("记录新期限比所推迟的期限晚 10 年以上的延期（请先核实年份）。",
                               "Record an extension more than 10 years past the deadline it moves (check the year first)."),
    "help_retract_reason": ("误录原因，如 记到了别的措施上。", "Why the entry was wrong, e.g. recorded on the wrong measure."),
    "help_retract_entry": ("要撤回的记录：其日期，或其哈希值的前 7 位及以上（默认：该措施最新一条记录，撤回记录除外；"
                           "指定一条撤回记录即撤销该撤回）。",
                           "The entry to retract: its date, or the first 7 or more digits of its hash (default: the "
                           "measure's latest entry, unless that is a retraction; name a retraction to undo it)."),
    "help_history_measure": ("只看该编号的措施（如 18.4）或任务（如 18）；文件夹台账中带文件名：xizang:18.4。",
                             "Only this measure id (18.4) or task id (18); in a folder, with its file's name: xizang:18.4."),
    "help_history_since": ("只看该日期及以后的记录（只写月份的，从当月第一天起）。",
                           "Only entries on or after this date (a month alone: from its first day)."),
    "help_verify_since_head": ("此前月报打印的台账哈希：证明到它为止的记录未被改动。可重复（文件夹的月报每个进展记录文件打印一个）。",
                               "A head hash printed by an earlier summary: prove the history up to it is unchanged. "
                               "Repeatable (a folder's summary prints one per journal)."),
    "help_verify_since_summary": ("此前 `rectify summary` 的月报，存成或粘贴成的文字文件（- 为标准输入）：其中打印的每个台账哈希"
                                  "都作为一个 --since-head 核验，文件夹的月报每个对照其所列的进展记录文件。可与 --since-head 同用。",
                                  "An earlier summary by `rectify summary`, saved or pasted into a text file (- for "
                                  "standard input): each head hash it prints is checked as a --since-head, a folder's in "
                                  "the journal its line names. May be combined with --since-head."),
})
# `rectify import`: what it refuses in a report or a curation file (problem_import_*, said as
# Problems), what it warns of (import_*, Notices the command line says) and what it wrote.
LABELS.update({
    "import_wrote": ("已写入 {tasks} 和 {journal}", "wrote {tasks} and {journal}"),
    "import_wrote_kept": ("已写入 {tasks}；保留 {journal}（它以本次导入的记录开头）",
                          "wrote {tasks}; kept {journal}, which begins with the entries imported"),
    "import_warning": ("警告：{text}", "warning: {text}"),
    "import_joined_folder": ("注意：{folder} 中另有方案文件 {others}：该文件夹按多文件台账读入，各文件的编号以文件名为前缀（{example}）",
                             "note: {folder} holds other plan files too ({others}): it is read as a folder registry, each "
                             "file's ids prefixed by its name ({example})"),
    # (the folder a data/ whose tasks.yaml commands with no -r find, and read alone: layout.found_alone_in)
    "import_joined_found_alone": ("注意：{folder} 中另有方案文件 {others}：不带 -r 运行的命令找到的台账是 {plan}，只读取该文件；"
                                  "用 -r {folder} 则按多文件台账读入全部文件，各文件的编号以文件名为前缀（{example}）",
                                  "note: {folder} holds other plan files too ({others}): commands run with no -r find {plan} "
                                  "and read it alone; -r {folder} reads them all as a folder registry, each file's ids "
                                  "prefixed by its name ({example})"),
    # What ends a command early (cli.main, __main__.run), after `rectify: `; what it did before, after "；".
    "exit_interrupted": ("已中断", "interrupted"),
    "exit_terminated": ("已终止", "terminated"),  # (SIGTERM)
    "exit_output_failed": ("输出无法写入（{why}）", "the output could not be written ({why})"),
    "exit_stdout_closed": ("标准输出已关闭", "standard output is closed"),
    # (standard output refused a write: named when the system says what file it is, `> file` in the shell)
    "exit_stdout_failed": ("标准输出无法写入（{why}）", "standard output could not be written ({why})"),
    "exit_stdout_file_failed": ("标准输出（{file}）无法写入（{why}）", "standard output ({file}) could not be written ({why})"),
    "exit_internal_error": ("内部错误：{error}（设置 RECTIFY_DEBUG=1 可查看详情）",
                            "internal error: {error} (set RECTIFY_DEBUG=1 for details)"),
    "exit_done_sep": ("；", "; "),
    "exit_done_entry_written": ("进展记录已写入 {journal}", "the entry was written to {journal}"),
    "check_step_summary_missing": ("警告：GITHUB_STEP_SUMMARY {problem}；作业摘要缺失",
                                   "warning: GITHUB_STEP_SUMMARY {problem}; the job summary is missing"),
    # A warning of a place in the report (or in the curation) begins with its file and line, `{file} 第 {line} 行：` /
    # `{file}, line {line}: `, as a compiler's does, for an editor or a reader to go there; then what it is of
    # (措施 1.2：), then the rest. Those of no one place (no province, no curation, units unused) name none.
    "import_tail_left_out": ("{file} 第 {line} 行起是附件之后的文字，未导入：{first}", "{file}, line {line}: text after the appendix left out, from: {first}"),
    "import_page_header": ("{file} 第 {lines} 行：去掉了重复的页眉“{header}”（同第 {first} 行）",
                           "{file}, line {lines}: dropped a repeated page header '{header}' (as on line {first})"),
    "import_page_headers": ("{file} 第 {lines} 行{more}：去掉了重复的页眉“{header}”（同第 {first} 行）",
                            "{file}, lines {lines}{more}: dropped a repeated page header '{header}' (as on line {first})"),
    "import_page_headers_more": ("…（共 {count} 处）", " … ({count} in all)"),
    "import_page_headers_each": ("{file} 第 {lines} 行{more}：去掉了各页重复的页眉“{header}”",
                                 "{file}, lines {lines}{more}: dropped the page header '{header}' repeated at page breaks"),
    "import_no_province": ("报告标题和开头都没有写明省份（省、自治区或直辖市）：未从问题中读取地区（请在校订文件的 registry: 下写明标题）",
                           "no province (省, 自治区 or 直辖市) named in the report's title or opening: no regions read from the problems "
                           "(give the title under registry: in the curation)"),
    "import_no_curation": ("没有校订文件：单位从报告文字中识别，责任单位和状态由程序推测",
                           "no curation: units discovered from the text, owners and states proposed heuristically"),
    "import_curation_lacks_units_journal": ("校订文件 {path} 没有 units: 和 journal: 部分：单位从报告文字中识别，责任单位和状态由程序推测",
                                            "the curation {path} has no units: and no journal: section: units discovered from the text, "
                                            "owners and states proposed heuristically"),
    "import_curation_lacks_units": ("校订文件 {path} 没有 units: 部分：单位从报告文字中识别，责任单位由程序推测",
                                    "the curation {path} has no units: section: units discovered from the text, owners proposed heuristically"),
    "import_curation_lacks_journal": ("校订文件 {path} 没有 journal: 部分：状态由程序推测",
                                      "the curation {path} has no journal: section: states proposed heuristically"),
    "import_regions_declared": ("问题或措施中提到的以下地区未在校订文件的 units: 下声明，已作为地区声明：{regions}",
                                "regions named in the problems or measures but not declared under units: in the curation, declared as regions: {regions}"),
    "import_units_unused": ("以下声明的单位不负责任何措施：{units}", "declared units owning no measure: {units}"),
    "import_no_note": ("{file} 第 {line} 行：措施 {measure}：报告中没有整改进展{lost}", "{file}, line {line}: measure {measure}: no 整改进展 note in the report{lost}"),
    "import_closing_unread": ("{file} 第 {line} 行：措施 {measure}：结尾的“{deadline}”未读作时限，只计入了其他括号中的时限"
                              "（如果它是一步的时限，请在校订文件的 text_fixes: 下改正）",
                              "{file}, line {line}: measure {measure}: its closing {deadline} is not read as a deadline, only its other "
                              "parentheses are (if it is a step's deadline, repair it under text_fixes: in the curation)"),
    "import_done_no_deadline": ("{file} 第 {line} 行：措施 {measure}：“{status}”说明已完成，但没有写明时限：取其问题的{heading}（{deadline}）作为其时限"
                                "（如其另有时限，请在校订文件的 text_fixes: 下写入）",
                                "{file}, line {line}: measure {measure}: {status} says it is done but gives no deadline: its problem's {heading} "
                                "({deadline}) is taken as its deadline (if it has one of its own, write it in under text_fixes: in the curation)"),
    "import_done_but_note_not": ("{file} 第 {line} 行：措施 {measure}：“{status}”说明已完成，但其整改进展写的是“{quote}”：推测为正在整改"
                                 "（请在校订文件的 journal: 下写明其状态）",
                                 "{file}, line {line}: measure {measure}: {status} says it is done, but its note says {quote}: proposed in progress "
                                 "(give its state under journal: in the curation)"),
    "import_problem_done_but_progress": ("{file} 第 {line} 行：问题 {task}：“{status}”说明已完成，但第 {progress_line} 行的整改进度是“{progress}”：按整改进度读取"
                                         "（请核对，必要时在校订文件的 text_fixes: 下改正）",
                                         "{file}, line {line}: problem {task}: {status} says it is done, but its 整改进度 on line {progress_line} "
                                         "is {progress}: the 整改进度 is read (check it; repair it under text_fixes: in the curation if need be)"),
    "import_problem_two_deadlines": ("{file} 第 {line} 行：问题 {task}：文字末尾的“{bracket}”与第 {deadline_line} 行的{heading}“{deadline}”不同：按{heading}读取"
                                     "（请核对，必要时在校订文件的 text_fixes: 下改正）",
                                     "{file}, line {line}: problem {task}: {bracket} after its text differs from its {heading} on line {deadline_line}, "
                                     "{deadline}: the {heading} is read (check it; repair it under text_fixes: in the curation if need be)"),
    "import_lost_heading": ("；其文字延续到第 {lines} 行：是否漏了“整改进展：”标题？", "; its text runs on over line {lines}: a lost 整改进展： heading?"),
    "import_lost_headings": ("；其文字延续到第 {lines} 行：是否漏了“整改进展：”标题？", "; its text runs on over lines {lines}: a lost 整改进展： heading?"),
    "import_latin_word": ("{file} 第 {line} 行：措施 {measure}：{field}的中文里有拉丁字母单词“{word}”（PDF 转换所致？请在 text_fixes: 下改正）",
                          "{file}, line {line}: measure {measure}: Latin word '{word}' inside Chinese {field} (a PDF artefact? fix it under "
                          "text_fixes:)"),
    "import_numeral_in_note": ("{file} 第 {line} 行：措施 {measure}：“{numeral}、”读作其整改进展的一部分，而不是问题 {next}（{why}）",
                               "{file}, line {line}: measure {measure}: {numeral}、 is read as part of its progress note, not as problem {next} "
                               "({why})"),
    "import_numbered_otherwise": ("{file} 第 {line} 行：措施 {measure}：“{numbered}”读作其{field}的一部分，而不是措施 {next}（{first}）",
                                  "{file}, line {line}: measure {measure}: {numbered} is read as part of its {field}, not as measure {next} "
                                  "({first})"),
    "import_as_first_style": ("措施的编号方式与第一项措施相同：{numbering}", "measures are numbered as the first one is: {numbering}"),
    # (the line where each of its paragraphs after the first begins)
    "import_note_continues": ("{file} 第 {lines} 行：措施 {measure}：整改进展在这几行各另起一段继续",
                              "{file}, lines {lines}: measure {measure}: note continues in separate paragraphs"),
    "import_note_continues_one": ("{file} 第 {lines} 行：措施 {measure}：整改进展在此另起一段继续",
                                  "{file}, line {lines}: measure {measure}: note continues in a separate paragraph"),
    "import_owners_from_note": ("{file} 第 {line} 行：措施 {measure}：措施文字没有写明单位；责任单位取自其整改进展：{owners}",
                                "{file}, line {line}: measure {measure}: the text names no unit; owners taken from its progress note: {owners}"),
    "import_no_unit": ("{file} 第 {line} 行：措施 {measure}：找不到责任单位；暂定为{owner}",
                       "{file}, line {line}: measure {measure}: no responsible unit found; using {owner}"),
    "import_names_no_unit": ("{file} 第 {line} 行：{who}：“{head}：{units}”中没有导入程序认识的单位",
                             "{file}, line {line}: {who}: {head}：{units} names no unit the import knows"),
    "import_names_unread_unit": ("{file} 第 {line} 行：{who}：“{head}：{units}”中，“{words}”不是导入程序认识的单位，未计入责任单位",
                                 "{file}, line {line}: {who}: {head}：{units}: no unit the import knows read in {words}, left out of the owners"),
    "import_sentence_unread_unit": ("{file} 第 {line} 行：{who}：措施原文中，“{words}”不是导入程序认识的单位，未计入责任单位",
                                    "{file}, line {line}: {who}: the measure's sentence: no unit the import knows read in {words}, left out "
                                    "of the owners"),
    "import_supporting_only": ("{file} 第 {line} 行：{who}：“{head}：{units}”只列配合单位，没有牵头单位或责任单位；牵头单位暂定为{lead}，请核对，"
                               "必要时在校订文件的 owners: 下写明 lead",
                               "{file}, line {line}: {who}: {head}：{units} names {count:supporting unit} only, no lead or responsible unit; "
                               "{lead} is made the lead for now: check it, and if need be give the lead under owners: in the curation"),
    # (the same of a measure's own sentence, no unit line beside it: 1.西宁市协助建设…)
    "import_supporting_only_sentence": ("{file} 第 {line} 行：{who}：措施原文所写单位（{units}）均为配合单位，没有牵头单位或责任单位；"
                                        "牵头单位暂定为{lead}，请核对，必要时在校订文件的 owners: 下写明 lead",
                                        "{file}, line {line}: {who}: the measure's sentence names {count:supporting unit} only ({units}), no "
                                        "lead or responsible unit; {lead} is made the lead for now: check it, and if need be "
                                        "give the lead under owners: in the curation"),
    # (the same of its progress note, where the measure's sentence names no unit: 整改进展：西宁市协助完成…)
    "import_supporting_only_note": ("{file} 第 {line} 行：{who}：整改进展所写单位（{units}）均为配合单位，没有牵头单位或责任单位；"
                                    "牵头单位暂定为{lead}，请核对，必要时在校订文件的 owners: 下写明 lead",
                                    "{file}, line {line}: {who}: its progress note names {count:supporting unit} only ({units}), no "
                                    "lead or responsible unit; {lead} is made the lead for now: check it, and if need be "
                                    "give the lead under owners: in the curation"),
    "import_of_problem": ("问题 {task}", "problem {task}"),
    "import_of_measure": ("措施 {measure}", "measure {measure}"),
    # (at the measure's line in the report: what its state is to be read from)
    "import_no_curated_state": ("{file} 第 {line} 行：措施 {measure}：校订文件中没有其状态；推测为“{state}”",
                                "{file}, line {line}: measure {measure}: no curated state; proposed {state}"),
    "import_claims_unread": ("{file} 第 {line} 行：报告开头的数字未能读取（如“{words}”）：要用 rectify reconcile 核对，请在校订文件的 "
                             "registry: claims: 下写明（key、text、value）",
                             "{file}, line {line}: the report's opening figures could not be read (e.g. '{words}'): to check them "
                             "with rectify reconcile, write them under registry: claims: in the curation (key, text, value)"),
    # (a total said all done, and in the same sentence some not, both read; or a count done given, read instead of it)
    "import_claims_contradicted": ("{file} 第 {line} 行：报告称“{text}”，同一句又称“{words}”：两者均按原文读取；请核对报告，必要时在校订文件的 "
                                   "registry: claims: 下写明（key、text、value）",
                                   "{file}, line {line}: the report says '{text}' and, in the same sentence, '{words}': both are read "
                                   "as written; check the report, and if need be write its claims under registry: claims: in the "
                                   "curation (key, text, value)"),
    "import_claims_overruled": ("{file} 第 {line} 行：报告称“{text}”，又称“{words}”：按后者读取；请核对报告，必要时在校订文件的 "
                                "registry: claims: 下写明（key、text、value）",
                                "{file}, line {line}: the report says '{text}' and also '{words}': the latter is read; check the "
                                "report, and if need be write its claims under registry: claims: in the curation (key, text, value)"),
    "import_claims_contradicted_uncounted": ("{file} 第 {line} 行：报告称“{text}”，同一句又称“{words}”：后者没有数字，按前者读取；请核对报告，"
                                             "必要时在校订文件的 registry: claims: 下写明（key、text、value）",
                                             "{file}, line {line}: the report says '{text}' and, in the same sentence, '{words}', "
                                             "which gives no count: the former is read; check the report, and if need be write "
                                             "its claims under registry: claims: in the curation (key, text, value)"),
    # (完成 by a date with neither 已 nor 应, 均于2019年底前完成: worded as a plan's deadline is; no claim read of it)
    "import_claims_undecided": ("{file} 第 {line} 行：报告称“{words}”，分不清是已经完成还是应于该日期前完成：未读作数字；请核对报告，必要时在"
                                "校订文件的 registry: claims: 下写明（key、text、value）",
                                "{file}, line {line}: the report says '{words}', which does not tell whether this is done or only due "
                                "by then: no figure is read from it; check the report, and if need be write its claims under "
                                "registry: claims: in the curation (key, text, value)"),
    # (at the claim's line: the report's, or the curation's where it is written under registry: claims:)
    "import_totals": ("{file} 第 {line} 行：报告称“{text}”，但其附件中为 {count} 项：报告文字是否完整？",
                      "{file}, line {line}: the report says {text}, but its appendix gives {count}: is the text complete?"),
    # (a year read as written, likely mistyped: 2009 or 2109 for 2019)
    # (line: a problem's 整改时限's, a measure's own)
    "import_due_before_feedback": ("{file} 第 {line} 行：{who}：时限 {due}（{written}）早于督察反馈日期 {feedback}：是否笔误？"
                                   "请在校订文件的 text_fixes: 下改正",
                                   "{file}, line {line}: {who}: deadline {due} ({written}) is before the inspection's feedback of {feedback}: "
                                   "a typo? repair it under text_fixes: in the curation"),
    "import_due_long_after": ("{file} 第 {line} 行：{who}：时限 {due}（{written}）比督察反馈日期 {feedback} 晚 {years} 年以上：是否笔误？"
                              "请在校订文件的 text_fixes: 下改正",
                              "{file}, line {line}: {who}: deadline {due} ({written}) is more than {years} years after the inspection's "
                              "feedback of {feedback}: a typo? repair it under text_fixes: in the curation"),
    # (line: its 整改进度's; reported: import_reported_word)
    "import_done_but_open": ("{file} 第 {line} 行：问题 {task}：报告为{reported}，但措施 {measures} 尚未完成",
                             "{file}, line {line}: problem {task}: reported {reported}, but measures {measures} are not done"),
    "import_done_but_open_one": ("{file} 第 {line} 行：问题 {task}：报告为{reported}，但措施 {measures} 尚未完成",
                                 "{file}, line {line}: problem {task}: reported {reported}, but measure {measures} is not done"),
    # (of measures proposed, not curated, whose notes say neither done nor not done: import_measure_at each)
    "import_done_but_unread": ("{file} 第 {line} 行：问题 {task}：报告为{reported}，但导入程序未能从措施 {measures}的整改进展读出其已完成："
                               "请核对，必要时在校订文件的 journal: 下写明其状态",
                               "{file}, line {line}: problem {task}: reported {reported}, but the import could not read measures {measures} "
                               "as done from their progress notes: check them, and if need be give their states under journal: in the curation"),
    "import_done_but_unread_one": ("{file} 第 {line} 行：问题 {task}：报告为{reported}，但导入程序未能从措施 {measures}的整改进展读出其已完成："
                                   "请核对，必要时在校订文件的 journal: 下写明其状态",
                                   "{file}, line {line}: problem {task}: reported {reported}, but the import could not read measure {measures} "
                                   "as done from its progress note: check it, and if need be give its state under journal: in the curation"),
    "import_measure_at": ("{measure}（第 {line} 行）", "{measure} (line {line})"),
    "import_open_but_done": ("{file} 第 {line} 行：问题 {task}：报告为{reported}，但其限期措施均已完成",
                             "{file}, line {line}: problem {task}: reported {reported}, but all its dated measures are done"),
    # (the report's own word, searched for in it, with its meaning in English)
    "import_reported_word": ("{word}", "{word} ({meaning})"),
    "import_no_task_heading": ("其后没有“整改时限：”或“整改进度：”一行", "no 整改时限： or 整改进度： line follows it"),

    "problem_import_curation_file": ("校订文件", "curation file"),
    "problem_import_curation_is_folder": ("是文件夹，应为校订文件", "is a folder, expected a curation file"),
    "problem_import_not_curation": ("不是校订文件：{what}；校订文件是由 {known} 这几部分（均可省略）组成的映射，见 README 的“校订文件 / The curation file”一节",
                                    "not a curation file: {what}; a curation file is a mapping of the sections {known} (each optional), "
                                    "see README, The curation file"),
    "problem_import_empty_curation": ("空文件：校订文件应为由 {known} 这几部分（均可省略）组成的映射；不用校订文件导入请去掉 --curation",
                                      "empty file: expected a curation, a mapping of the sections {known} (each optional); "
                                      "to import without one, leave out --curation"),
    "problem_import_a_plan": ("这是整改方案（有 tasks 部分）", "it is a plan (it has tasks)"),
    "problem_import_a_journal": ("这是进展记录（记录的列表）", "it is a journal (a list of entries)"),
    "problem_import_no_mapping": ("其内容不是“键: 值”的映射", "it is not a mapping of 'key: value'"),
    "problem_import_not_mapping": ("{where} 应为映射（“键: 值”）", "{where} must be a mapping"),
    "problem_import_key_not_text": ("{where}：键 {written} 被 YAML 读作{kind} {value}，而不是文字：请加引号：\"{written}\"",
                                    "{where}: the key {written} is read by YAML as {kind} {value}, not as text: quote it: \"{written}\""),
    "problem_import_not_list": ("{what} 应为列表", "{what} must be a list"),
    "problem_import_not_list_eg": ("{what} 应为列表，如 [{value}]", "{what} must be a list, e.g. [{value}]"),
    "problem_import_unit_field": ("单位“{name}”的 {field}", "unit {name}: {field}"),
    "problem_import_unknown_section": ("未知的部分“{key}”（应为 {known} 之一）", "unknown section '{key}' (expected one of {known})"),
    "problem_import_curation_version": ("version 为 {value}：本导入程序只读取第 {versions} 版的校订文件",
                                        "version {value}: this import reads curation files of version {versions}"),
    "problem_import_unknown_registry_key": ("registry：未知的键“{key}”（应为 {known} 之一）",
                                            "registry: unknown key '{key}' (expected one of {known})"),
    "problem_import_claim_shape": ("registry.claims 第 {n} 项：应为 key（英文键名，如 tasks_total）、text（报告原文）和 value（整数）",
                                   "registry.claims {n}: expected key (an English key such as tasks_total), text (the "
                                   "report's words) and value (a whole number)"),
    "problem_import_claim_twice": ("registry.claims 第 {n} 项：键 {key} 列了两次（首次在第 {line} 行）；每个数字只列一次",
                                   "registry.claims {n}: key {key} is given twice (first on line {line}); claim each figure once"),
    "problem_import_registry_not_text": ("registry.{key}：应为文字，实为{value}", "registry.{key}: expected text, got {value}"),
    "problem_import_unit_needs_name": ("{section}[{index}]：每个单位都要写明名称（name）", "{section}[{index}]: each unit needs a name"),
    # (one unknown field, or several: _one; Chinese says both alike)
    "problem_import_unit_fields": ("单位“{name}”：未知的字段 {fields}（可用字段：{known}）", "unit {name}: unknown fields {fields} (fields: {known})"),
    "problem_import_unit_fields_one": ("单位“{name}”：未知的字段 {fields}（可用字段：{known}）", "unit {name}: unknown field {fields} (fields: {known})"),
    "problem_import_unit_kind": ("单位“{name}”：kind 应为 {kinds} 之一", "unit {name}: kind must be one of {kinds}"),
    "problem_import_phrase_unknown_unit": ("短语“{phrase}”：未知单位 {units}", "phrase '{phrase}': unknown units {units}"),
    "problem_import_phrase_unknown_unit_one": ("短语“{phrase}”：未知单位 {units}", "phrase '{phrase}': unknown unit {units}"),
    "problem_import_phrase_no_units": ("短语“{phrase}”：没有写单位", "phrase '{phrase}': no units"),
    "problem_import_phrase_is_unit": ("短语“{phrase}”同时也是单位名称或别名", "phrase '{phrase}' is also a unit name or alias"),
    "problem_import_text_fix_fields": ("text_fixes[{index}]：须写明 at、field、find、replace", "text_fixes[{index}]: needs at, field, find, replace"),
    "problem_import_text_fix_no_field": ("text_fixes：“{at}”没有字段“{field}”（可用字段：{fields}）", "text_fixes: no '{field}' at '{at}' (fields: {fields})"),
    "problem_import_text_fix_not_found": ("text_fixes：{at} {field}：找不到“{find}”（原文或导入程序已经改正？）",
                                          "text_fixes: {at} {field}: '{find}' not found (already fixed in the source or the importer?)"),
    "problem_import_owners_needed": ("owners: {measure}：须在 owners: 下列出责任单位（如 owners: [拉萨市]）", "owners: {measure}: needs owners: [unit, ...]"),
    "problem_import_owners_unknown": ("owners: {measure}：未知单位 {units}（请在 units: 下声明）",
                                      "owners: {measure}: unknown units {units} (declare them under units:)"),
    "problem_import_owners_unknown_one": ("owners: {measure}：未知单位 {units}（请在 units: 下声明）",
                                          "owners: {measure}: unknown unit {units} (declare it under units:)"),
    "problem_import_owners_fields": ("owners: {measure}：未知的字段 {fields}（可用字段：{known}）",
                                     "owners: {measure}: unknown fields {fields} (fields: {known})"),
    "problem_import_owners_fields_one": ("owners: {measure}：未知的字段 {fields}（可用字段：{known}）",
                                         "owners: {measure}: unknown field {fields} (fields: {known})"),
    "problem_import_owners_twice": ("owners: {measure}：单位 {name} 列了两次；每个单位只列一次",
                                    "owners: {measure}: unit {name} is listed twice; list each unit once"),
    "problem_import_lead_not_owner": ("owners: {measure}：牵头单位 {lead} 不在 owners 之中", "owners: {measure}: lead {lead} is not one of the owners"),
    "problem_import_journal_state": ("journal: {measure}：state 应为 {states} 之一", "journal: {measure}: state must be one of {states}"),
    "problem_import_journal_fields": ("journal: {measure}：未知的字段 {fields}", "journal: {measure}: unknown fields {fields}"),
    "problem_import_journal_fields_one": ("journal: {measure}：未知的字段 {fields}", "journal: {measure}: unknown field {fields}"),
    "problem_import_no_such_measure": ("{section}: {measure}：{file} 中没有这项措施", "{section}: {measure}: no such measure in {file}"),
    "problem_import_evidence_not_quoted": ("journal: {measure}：佐证“{evidence}”不是整改进展中的原话",
                                           "journal: {measure}: evidence '{evidence}' is not a quote from the note"),
    "problem_import_milestone_not_dated": ("journal: {measure}：milestone {milestone} 不是该措施的限期时限（{dated}）",
                                           "journal: {measure}: milestone {milestone} is not a dated milestone of the measure ({dated})"),
    "problem_import_none": ("无", "none"),
    # (what the text read was to be, in the refusals of reading it: importer_text.read_as)
    "problem_text_of_report": ("报告文字", "the report's text"),
    "problem_text_of_summary": ("月报文字", "the summary's text"),
    "problem_doc_report": ("报告", "the report"),
    "problem_doc_summary": ("月报", "the summary"),
    "problem_then_report": ("再导入", "and import that"),
    "problem_then_summary": ("再用 --since-summary 核验", "and give that to --since-summary"),
    "problem_import_device": ("是设备，不是文件或管道；应为{text}", "is a device, not a file or a pipe; expected {text}"),
    "problem_import_stdin_closed": ("标准输入已关闭；应为{text}", "standard input is closed; expected {text}"),
    "problem_import_too_long": ("超过 {limit} MiB（一个不会结束的数据流？）；应为{text}",
                                "goes on past {limit} MiB (a stream that never ends?); expected {text}"),
    # (a file of another kind, by its first bytes: the text is to be taken out of it first)
    "problem_import_pdf": ("是 PDF 文件，不是文字：请先取出其中的文字（pdftotext report.pdf report.txt，或在 PDF 阅读器中全选复制，存为 .txt 文件）{then}",
                           "is a PDF, not text: extract its text first (pdftotext report.pdf report.txt, or copy it all from a PDF viewer "
                           "into a .txt file) {then}"),
    "problem_import_html": ("是网页（HTML），不是{text}：请在浏览器中复制{text}，存为 .txt 文件{then}",
                            "is a web page (HTML), not {text}: copy {text} from the browser into a .txt file {then}"),
    # (a picture, an archive: bytes no text holds, importer_text._OTHER_KINDS)
    "problem_import_binary": ("不是文字文件（是图片、压缩包等）：请提供{text}（.txt 文件）",
                              "is not a text file (a picture, an archive…): give {text} (a .txt file)"),
    "problem_import_office": ("是办公软件（Word、WPS…）的文档，不是文字：请在其中另存为纯文本（.txt，UTF-8 编码）{then}",
                              "is an office document (Word, WPS…), not text: save it from there as plain text (.txt, UTF-8) {then}"),
    # (a byte's place counted from 1: the first byte is 第 1 个字节, byte 1)
    "problem_import_undecodable": ("无法解码{doc}：第 {at} 个字节（0x{byte}）不是有效的 UTF-8，第 {gb_at} 个字节也不是有效的 GB18030；请另存为 UTF-8",
                                   "cannot decode {doc}: invalid UTF-8 at byte {at} (0x{byte}) and invalid GB18030 at byte {gb_at}; "
                                   "save the file as UTF-8"),
    "problem_import_not_utf16": ("无法解码{doc}：第 {at} 个字节起不是有效的 UTF-16（文件以 UTF-16 的字节顺序标记开头）；请另存为 UTF-8",
                                 "cannot decode {doc}: invalid UTF-16 at byte {at} (the file begins with UTF-16's byte order mark); "
                                 "save the file as UTF-8"),
    "problem_import_not_gb18030": ("无法解码报告：不是 UTF-8，按 GB18030 读出的文字中没有“整改”二字：是否为其他编码（Big5、Shift-JIS…）？请另存为 UTF-8",
                                   "cannot decode the report: it is not UTF-8, and read as GB18030 it has no 整改 anywhere: is it in "
                                   "another encoding (Big5, Shift-JIS…)? save the file as UTF-8"),
    "problem_import_utf16_without_bom": ("无法解码{doc}：看起来是没有字节顺序标记的 UTF-16 编码（字母、数字间夹着字节 0x00）；请另存为 UTF-8",
                                         "cannot decode {doc}: it looks like UTF-16 without a byte order mark (0x00 bytes "
                                         "between its letters and digits); save the file as UTF-8"),
    # (a tool's slip: the two bytes of a UTF-16 mark before UTF-8 text)
    "problem_import_utf8_behind_utf16_mark": ("文件以 UTF-16 的字节顺序标记（{mark}）开头，其后却是 UTF-8 文字：请删去开头这两个字节，或另存为 UTF-8",
                                              "the file begins with UTF-16's byte order mark ({mark}) but what follows is UTF-8 "
                                              "text: delete those two bytes, or save the file as UTF-8"),
    "problem_import_scratch_failed": ("无法写入临时文件（{why}）：导入结果先在此检查能否读取；可设置环境变量 TMPDIR 改用另一个文件夹；"
                                      "未写入任何内容",
                                      "cannot write a temporary file ({why}): an import's result is first checked there "
                                      "to load; set TMPDIR to use another folder; nothing was written"),
    "problem_import_cut_short": ("文件在一个字符的中间结束（第 {at} 个字节）：是否被截断？请{then_whole}",
                                 "the file ends inside a character (at byte {at}): was it cut short? {then_whole}"),
    "problem_whole_report": ("导入完整的文件", "Import the whole file"),
    "problem_whole_summary": ("提供完整的月报", "Give the whole summary"),
    # (one of rectify's own files given as the report: importer.refuse_own_file)
    # ({utf16}: import_is_utf16 when the file is UTF-16, which -r refuses; else empty)
    "problem_import_is_plan": ("这是整改方案（已是台账），不是整改报告：无需导入，{utf16}在其他命令中用 -r 指定它即可",
                               "this is a plan (a ledger already), not a report: there is nothing to import; {utf16}pass it to the "
                               "other commands with -r"),
    "problem_import_is_journal": ("这是进展记录（- measure: … 的列表），不是整改报告：它已属于一本台账；请{utf16}在其他命令中用 -r 指定该台账的方案文件（{plan}）",
                                  "this is a journal (a list of entries, - measure: ...), not a report: it belongs to a ledger "
                                  "already; {utf16}pass that ledger's plan file ({plan}) to the other commands with -r"),
    "problem_import_is_utf16": ("先将它另存为 UTF-8（它是 UTF-16 编码，即记事本的“Unicode”，其他命令不读），再",
                                "save it as UTF-8 first (it is UTF-16, Notepad's \"Unicode\", which the other commands do not "
                                "read), then "),
    "problem_import_is_output": ("这是 `{command}` 的输出，不是整改报告：请导入整改报告本身的文字",
                                 "this is the output of `{command}`, not a report: import the report's own text"),
    "problem_import_is_export": ("这是 `{command}` 的输出，不是整改报告：请导入整改报告本身的文字；rectify 不能把导出文件转回台账（其中没有进展记录）",
                                 "this is the output of `{command}`, not a report: import the report's own text; rectify cannot "
                                 "turn an export back into a ledger (it holds no journal)"),
    # ({key}: the curation's key, {form}: what it takes, YYYY-MM-DD or …: the key is what the file needs, not the word)
    "problem_import_field_missing": ("找不到报告的{field}{says}（请在校订文件的 registry: 下写明 {key}: {form}）",
                                     "cannot find the report's {field}{says} (give it under registry: in the curation file, "
                                     "as {key}: {form})"),
    "problem_import_headline_undated": ("：开头一段写的是“{words}”，没有日期", ": its headline says {words}, with no date"),
    "problem_import_before_feedback": ("报告日期 {report} 早于督察反馈日期 {feedback}",
                                       "the report's date {report} is before the inspection's feedback {feedback}"),
    "problem_import_repair": ("请在校订文件的 text_fixes: 下改正", "repair it under text_fixes: in the curation"),
    "problem_import_task_deadline": ("问题 {task}：无法识别{heading}“{deadline}”（应为 2018年6月30日前完成、长期坚持 或 立行立改 这样的时限，"
                                     "{steps}，以“，”分隔；{repair}）",
                                     "problem {task}: cannot read the deadline {heading}：{deadline} (expected a date such as 2018年6月30日前完成, "
                                     "长期坚持 or 立行立改, {steps}, separated by ，; {repair})"),
    "problem_import_task_progress": ("问题 {task}：未知的整改进度“{progress}”（应为 全面完成、基本完成、序时推进 或 取得阶段性成效；{repair}）",
                                     "problem {task}: unknown 整改进度 '{progress}' (expected 全面完成, 基本完成, 序时推进 or 取得阶段性成效; {repair})"),
    "problem_import_measure_deadline": ("措施 {measure}：无法识别时限“{deadline}”（应为 2018年6月30日、长期坚持 或 立即启动 这样的时限，"
                                        "{steps}，以“，”分隔；{repair}）",
                                        "measure {measure}: cannot read the deadline {deadline} (expected a date such as 2018年6月30日, 长期坚持 "
                                        "or 立即启动, {steps}, separated by ，; {repair})"),
    # (the labelled steps parse_deadline reads, both ways of writing them)
    "problem_import_steps": ("或 2018年6月30日前完成关停、关停于2018年6月30日前完成 这样的分步时限",
                             "or steps such as 2018年6月30日前完成关停 or 关停于2018年6月30日前完成"),
    # (每年, 每季度: due again each period; read as 长期坚持 it would never be late)
    "problem_import_task_recurring": ("问题 {task}：{heading}“{deadline}”{recurs}", "problem {task}: the deadline {heading}：{deadline} {recurs}"),
    "problem_import_measure_recurring": ("措施 {measure}：时限“{deadline}”{recurs}", "measure {measure}: the deadline {deadline} {recurs}"),
    "problem_import_recurs": ("是周期性的（每年、每季度或每月），台账的时限容纳不了（只能是日期、长期坚持或立即启动）：请改写为长期坚持或各期的日期；{repair}",
                              "recurs (each year, quarter or month), which a ledger's deadline can't hold (a date, 长期坚持 or 立即启动): "
                              "rewrite it as 长期坚持 or as the date of each period; {repair}"),
    "problem_import_measure_no_deadline": ("措施 {measure}：没有括号中的时限，如（2018年6月30日）或（长期坚持）",
                                           "measure {measure}: no deadline in parentheses such as （2018年6月30日） or （长期坚持）"),
    "problem_import_would_be_refused": ("导入的台账会被拒绝：{at}：{problem}", "the imported registry would be refused: {at}: {problem}"),
    "problem_import_journal_not_ours": ("进展记录应以本次导入写入的 {count} 条记录开头，但{what}（手工改过，或是另一份报告、另一个校订文件的进展记录）；"
                                        "进展记录只能追加，不能替换：要重新导入，请先把它移走。未写入任何内容。",
                                        "expected the journal to begin with the {count:entry|entries} this import writes, but {what} (edited by hand, "
                                        "or the journal of another report or curation); a journal is append-only, so it is not replaced: move it "
                                        "away to import afresh. Nothing was written."),
    "problem_import_journal_recorded_since": ("进展记录应以本次导入写入的 {count} 条记录开头，但{what}；它在导入的 {imported} 条之后还有 {later} 条录入的记录，"
                                              "移走就会丢失：请让报告和校订文件仍写出导入时的记录（journal:、text_fixes:），"
                                              "更正用 rectify record、rectify retract 另行记录。未写入任何内容。",
                                              "expected the journal to begin with the {count:entry|entries} this import writes, but {what}; "
                                              "it holds {later:entry|entries} recorded after the {imported} imported, which moving it away "
                                              "would lose: have the report and the curation write the imported entries as they did "
                                              "(journal:, text_fixes:), and record a correction with rectify record or rectify retract. "
                                              "Nothing was written."),
    "problem_import_output_is_journal": ("是进展记录的文件名：-o 应指方案文件（如 {plan}，进展记录写在它旁边）或文件夹。未写入任何内容。",
                                         "is the name of a journal: -o names a plan file (such as {plan}, its journal written beside "
                                         "it) or a folder. Nothing was written."),
    "problem_import_output_not_folder": ("{what}：-o 应指文件夹（写入其中的 tasks.yaml）或以 .yaml 结尾的方案文件；未写入任何内容",
                                         "{what}: -o names a folder (tasks.yaml written into it) or a plan file ending in .yaml; "
                                         "nothing was written"),
    "problem_import_output_a_file": ("是文件而不是文件夹", "is a file, not a folder"),
    "problem_import_output_a_device": ("是设备，不是文件夹或方案文件", "is a device, not a folder or a plan file"),
    "problem_import_output_a_pipe": ("是管道，不是文件夹或方案文件", "is a pipe, not a folder or a plan file"),
    "problem_import_plan_not_regular": ("不是普通文件（是管道或设备）：导入须把方案写入文件；未写入任何内容",
                                        "is not a regular file (a pipe or device): an import writes its plan to a file; "
                                        "nothing was written"),
    "problem_import_plan_not_ours": ("不是 rectify import 生成的方案（没有“# Generated by `rectify import`”一行）：导入不会替换手写的方案；"
                                     "请导入到别的文件夹，或先把它移走。未写入任何内容。",
                                     "not a plan written by rectify import (it has no '# Generated by `rectify import`' line): an import "
                                     "does not replace a plan written by hand; import into another folder, or move it away first. "
                                     "Nothing was written."),
    # (XIZANG.yaml or xizang.yml written beside xizang.yaml: a folder every command refuses, see problem_plan_name_clash)
    "problem_import_plan_name_taken": ("文件夹中已有同名的方案文件 {other}（名字只差大小写或 .yml、.yaml）：两者都在，该文件夹的台账就无法读入；"
                                       "要替换它，请用 -o 指明 {other}，否则请换一个名字。未写入任何内容。",
                                       "the folder already holds a plan file of that name, {other} (the names differ only in case "
                                       "or in .yml, .yaml): with both there, the folder's ledger cannot be read; to replace it give "
                                       "-o {other}, else choose another name. Nothing was written."),
    "problem_import_plan_edited": ("自导入以来被改过（“# Generated by”一行下面的内容与那一行记下的 sha256 不符）：重新导入会丢掉这些修改。"
                                   "请把修改写进校订文件（text_fixes:、units:、owners:，见 README 的 Re-importing 一节），再把这个文件移走后重新导入。"
                                   "未写入任何内容。",
                                   "edited since it was imported (the lines below its '# Generated by' line no longer match the sha256 "
                                   "written there): a re-import would lose the edits. Move them into the curation file (text_fixes:, "
                                   "units:, owners:; see README, Re-importing), then move this file away and import again. Nothing was "
                                   "written."),
    # verify --since-summary: the summary's head lines (render/summary_text.summary_heads)
    "problem_summary_no_head": ("没有台账哈希行，不像是 `rectify summary` 的月报：应有形如“台账哈希（截至本月）：<64 位十六进制数字>”"
                                "的一行（文件夹的月报每个进展记录文件一行，文件名在哈希之后）",
                                "no head line — is it not a summary by `rectify summary`? Expected a line such as "
                                "'Journal head hash (as of this month): <64 hex digits>' (in a folder's summary, one per "
                                "journal, its file named after the hash)"),
    "problem_summary_head_cut_short": ("台账哈希应为 64 位十六进制数字，此行的是“{given}”：复制时被截断？",
                                       "a head hash is 64 hex digits, this line's is '{given}': cut short in the copy?"),
    "problem_import_is_folder": ("是文件夹，应为{text}", "is a folder, expected {text}"),
    "problem_import_empty": ("是空的，应为报告文字", "is empty, expected the report's text"),
    "problem_import_kept_journal_refused": ("本次导入写出的方案读不了保留的进展记录（导入后录入的记录用到了它不再声明的单位或措施：请在校订文件中保留它们）。"
                                            "未写入任何内容。",
                                            "the plan this import writes could not read the journal kept (entries recorded since the "
                                            "import name what it no longer declares: keep their units and measures in the curation "
                                            "file). Nothing was written."),
    "problem_import_journal_differs": ("这一行不同", "this line differs"),
    "problem_import_journal_ends": ("它到这一行就结束了", "it ends on this line"),
    "problem_import_no_appendix": ("没有找到附件中编号的问题（一、…）及其整改时限、整改进展",
                                   "no appendix of numbered problems (一、…) with 整改时限/整改进展 found"),
    "problem_import_tab_columns": ("本行是以制表符分隔的列（如从表格软件或文档中复制的表格）：附件按段落读取，而非表格（每个问题 一、… 之后一行整改时限：…、"
                                   "一行整改进度：…，再是其措施 1. …，每条措施之后一行整改进展：…）；请照此改写，或将每列文字按其标题各占一行",
                                   "this line holds columns separated by tabs, as a table copied from a spreadsheet or a document does: the "
                                   "appendix is read as paragraphs, not as a table (each problem 一、… with a line 整改时限：… and a line 整改进度：…, then its "
                                   "measures 1. … each followed by a line 整改进展：…); write it so, or give each column's text its own line "
                                   "under its heading"),
    "problem_import_task_numbered_otherwise": ("问题应编号为 一、 二、 …，实为“{numbered}”（每个问题在其措施之前各有一行整改时限和整改进度）",
                                               "problems are numbered 一、 二、 …, found {numbered} (each with one 整改时限 and one 整改进度 "
                                               "before its measures)"),
    "problem_import_no_deadline": ("问题 {task}：问题文字之后没有“整改时限：”一行", "problem {task}: no 整改时限： line after the problem's text"),
    "problem_import_no_deadline_said_done": ("问题 {task}：问题文字之后没有“整改时限：”一行（其“{status}”说明已完成，但没有说明时限）",
                                             "problem {task}: no 整改时限： line after the problem's text (its {status} says it is done, "
                                             "not by when)"),
    "problem_import_no_progress": ("问题 {task}：没有“整改进度：”一行", "problem {task}: no 整改进度 line"),
    "problem_import_no_measures": ("问题 {task}：没有编号的措施", "problem {task}: no numbered measures"),
    "problem_import_task_empty": ("问题 {task} 下没有整改时限、整改进度和措施：紧接着就是第 {line} 行的“{numeral}、”（是否漏了它的文字？）",
                                  "problem {task} has no 整改时限, 整改进度 or measures under it: {numeral}、 on line {line} follows "
                                  "at once (is its text missing?)"),
    "problem_import_task_number": ("应为第 {expected} 个问题，实为“{numeral}、”", "problem {numeral}、 found where problem number {expected} was expected"),
    "problem_import_unexpected_heading": ("问题 {task} 中出现了意外的“{heading}：”{hint}", "unexpected {heading}： in problem {task}{hint}"),
    "problem_import_hint_measure_deadline": ("（措施 {measure} 的时限从其文字末尾的括号中读取，如（2018年6月30日）：请在报告文字中把它写在那里）",
                                             " (measure {measure}'s deadline is read from the parentheses its text ends with, such as "
                                             "（2018年6月30日）: write it there in the report's text)"),
    "problem_import_hint_passed_over": ("（第 {line} 行的“{numeral}、”是否应为问题 {next}？）", " (is {numeral}、 on line {line} meant as problem {next}?)"),
    "problem_import_hint_passed_over_why": ("（第 {line} 行的“{numeral}、”是否应为问题 {next}？{why}）",
                                            " (is {numeral}、 on line {line} meant as problem {next}? {why})"),
    "problem_import_hint_sub_problem": ("（第 {line} 行的“{numbered}”是否是一个问题？问题应编号为 一、 二、 …，每个问题在其措施之前各有一行整改时限和整改进度）",
                                        " (is {numbered} on line {line} a problem? problems are numbered 一、 二、 …, each with one 整改时限 "
                                        "and one 整改进度 before its measures)"),
    "problem_import_hint_measure_before": ("（它之前应有一项编号为 {numbering} 的措施，编号写在行首）",
                                           " (expected a measure numbered {numbering} before it, at the start of a line of its own)"),
    # (what to do said, as the report's text is what is mended: refused, the paragraph is either)
    "problem_import_measure_numbered_otherwise": ("“{numbered}”是否是措施 {measure}？其编号方式与第一项措施不同，会被读入措施 {prev} 的{field}（{first}）："
                                                  "若是，请照第一项措施编号；若不是，请把这一段并入上一段",
                                                  "is {numbered} measure {measure}? it is numbered otherwise than the first measure, and would be "
                                                  "read as part of measure {prev}'s {field} ({first}): if it is, number it as the first one is; "
                                                  "if not, join this paragraph to the one before"),
    "problem_import_hint_numbered_otherwise": ("（第 {line} 行的“{numbered}”是否是措施 {measure}？{first}）",
                                               " (is {numbered} on line {line} measure {measure}? {first})"),
    "problem_import_numbering": ("1. 2. …、1、 2、 …、（1）（2）… 或 ① ② …", "1. 2. …, 1、 2、 …, （1）（2）… or ① ② …"),
    "problem_import_measure_number": ("问题 {task} 中应为措施 {expected}，实为措施 {found}{hint}",
                                      "measure {found} of problem {task} found where measure {expected} was expected{hint}"),
    "problem_import_text_before_measure": ("问题 {task} 的整改进度与第一项措施之间有文字（应为一项措施：{expected}）",
                                           "text between 整改进度 and the first measure of problem {task} (expected a measure {expected})"),
    "problem_import_as_first_numbered": ("{first}，与问题 1 的措施编号方式相同", "{first}, numbered as problem 1's measures are"),
    "problem_import_numbered": ("编号为 {numbering}", "numbered {numbering}"),
})
LABELS["problem_import_no_task_heading"] = LABELS["import_no_task_heading"]
# (a journal that does not load after a merge kept both sides: what verify would say, at the entry, as its why)
for _forked in ("verify_forked", "verify_forked_start"):
    LABELS[f"problem_journal_{_forked[7:]}"] = ("{what}：" + LABELS[_forked][0], "{what}: " + LABELS[_forked][1])
# (why a date is none, i18n.not_real_reason: the command line's as a registry's)
for _why in ("day", "month", "year"):
    LABELS[f"refused_{_why}_out_of_range"] = LABELS[f"problem_{_why}_out_of_range"]
LABELS["problem_import_as_first_style"] = LABELS["import_as_first_style"]
# (dates.today: a zone that did not come through the loader, refused as the loader refuses it)
LABELS["refused_unknown_zone"] = LABELS["problem_unknown_zone"]
# How a curation's value that YAML read as something else than text is named; which field of a
# measure a word is in; which registry field a report lacks (import labels' Words).
YAML_KINDS = {"bool": ("真假值", "the truth value"), "number": ("数字", "the number"), "null": ("空值", "null"), "value": ("值", "the value")}
MEASURE_FIELDS = {"text": ("措施文字", "text"), "note": ("整改进展", "note")}
REGISTRY_FIELDS = {"title": ("标题", "title"), "issuer": ("印发单位", "issuer"), "inspection": ("督察名称", "inspection"),
                   "feedback_date": ("督察反馈日期", "feedback date"), "report_date": ("报告日期", "report date")}
# (a problem's and the parser's did-you-mean are a refusal's)
LABELS["problem_did_you_mean"] = LABELS["usage_did_you_mean"] = LABELS["refused_did_you_mean"]
LABELS["problem_names_more"] = LABELS["usage_names_more"] = LABELS["notice_names_more"] = LABELS["refused_names_more"]


def word(table: dict, key, lang: Lang) -> str:
    """The word for `key` (an enum or its value) in `lang`; unknown keys print as themselves."""
    key = getattr(key, "value", key)
    pair = table.get(key)
    if pair is None:
        return str(key)
    return pair[0] if lang == Lang.zh else pair[1]


class _Counts(string.Formatter):
    """str.format, but a count (an int) with a format spec is written with that noun, in the
    singular for 1: "{n:day}" -> plural(n, "day"), "{n:entry|entries}" -> plural(n, "entry", "entries")."""

    def format_field(self, value, format_spec):
        if format_spec and isinstance(value, int) and not isinstance(value, bool):
            return plural(value, *format_spec.split("|", 1))
        return super().format_field(value, format_spec)


_COUNTS = _Counts()


# Per template: whether no field has a format spec. _COUNTS changes only a field with one, so
# str.format_map, in C, writes the same text several times faster (the phrases of a
# 100,000-measure `check --format junit` take half a million labels).
_PLAIN: dict[str, bool] = {}


def label(key: str, lang: Lang, /, **values) -> str:
    template = word(LABELS, key, lang)
    plain = _PLAIN.get(template)
    if plain is None:
        plain = _PLAIN[template] = not any(spec for _, name, spec, _ in _COUNTS.parse(template) if name is not None)
    return template.format_map(values) if plain else _COUNTS.format(template, **values)


def said(text: str | Notice, lang: Lang) -> str:
    """A text to show that is either the registry's own (as written) or a Notice (its label
    notice_<key>, in `lang`)."""
    return notice_text(text, lang, prefix="notice_") if isinstance(text, Notice) else text


def any_of(names, lang: Lang) -> str:
    """Names of which any one will do, "A、B、C" / "A, B or C" (the "or" once, before the last): the
    filters' units (--owner A --owner B takes A's measures and B's, not those A and B own together,
    as "owned by A, B" reads), the states check fails on."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return label("check_list_sep", lang).join(names[:-1]) + label("check_or", lang) + names[-1]


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """"1 task", "2 tasks": an English count (Chinese counts take 项 whatever the number)."""
    return f"{n} {noun}" if n == 1 else f"{n} {nouns or noun + 's'}"


@dataclass(frozen=True)
class Notice:
    """Something said of a write, as a label key and its values: a warning of an entry written
    (label notice_<key>), or why one was refused (refused_<key>). A value is shown as it is
    (ids, dates, numbers, names), but a list, joined as `lang` joins one, a Word, and a Notice,
    worded by its own label (a hint inside a sentence, the rule a later entry breaks)."""

    key: str
    values: dict


@dataclass(frozen=True)
class Word:
    """A value of a Notice that is a word of one of the tables above (STATUS, ENTRY): in
    Chinese that word, in English the key itself, as the journal and the options write it
    (or, `said_in_english`, the table's English: YAML_SYNTAX's, the parser's words with a hint)."""

    table: dict
    key: str
    said_in_english: bool = False


@dataclass(frozen=True)
class Where:
    """A value of a Notice naming a place in a registry file as its problems do, "measure
    1.1.milestones[1].due": its first words, the entry or item, are said apart from the keys
    after them, which are the file's own, as written: "measure 1.1, field milestones[1].due",
    in Chinese "措施 1.1 的 milestones[1].due"."""

    path: str

    def __str__(self) -> str:
        return self.path

    def said(self, lang: Lang) -> str:
        for pattern, chinese in _WHERE_ZH:
            match = re.match(pattern, self.path)  # (compiled when first needed, by re's own cache)
            if match:
                head, rest = match.group() if lang == Lang.en else match.expand(chinese), self.path[match.end():]
                if rest.startswith(".") and lang == Lang.en:  # ("journal entry 14.late" read as a path)
                    rest = ", field " + rest[1:]
                elif rest.startswith("."):
                    rest = (" 的 " if head[-1].isascii() else "的 ") + rest[1:]
                return head + rest
        return self.path


# How problems name a place, in Chinese (see Where); an id is a file's name (a:b.yaml's is a:b),
# ":", and numbers.
_ID = r"((?:\S+?:)?\d+)"
_WHERE_ZH = (
    (r"registry file", "台账文件"),
    (r"journal entry (\d+)", r"第 \1 条进展记录"),
    (r"task (\d+) in the list", r"列表中第 \1 项任务"),
    (r"measure (\d+) in the list", r"列表中第 \1 项措施"),
    (rf"task {_ID} measure (\d+)", r"任务 \1 的第 \2 项措施"),
    (rf"task {_ID} measure", r"任务 \1 下的措施"),
    (rf"measure {_ID}\.(\d+)", r"措施 \1.\2"),
    (rf"task {_ID}", r"任务 \1"),
    (r"unit (\d+)", r"第 \1 个单位"),
    (r"claim (\d+)", r"第 \1 条声明"),
)


def problem(file: str, line: int | None, column: int | None, message_key: str, /, **values):
    """An errors.Problem whose message is the label problem_<message_key> (see Notice), in English, and
    its Notice, which the command line says in the user's language (problem_message)."""
    from .errors import Problem

    notice = Notice(message_key, values)
    return Problem(file, line, column, notice_text(notice, Lang.en, prefix="problem_"), notice)


def names_listed(names: list[str], lang: Lang, *, sep: str | None = None) -> str:
    """`names` (units, files) as a message lists them, "A、B" / "A, B"; all quoted where one holds
    the separator (各级党委、政府: one name, quoted so it reads as one). `sep`: between them instead
    (a line break after it: a file a line)."""
    between = label("check_list_sep", lang)
    if any(between in name for name in names):
        names = [f"“{name}”" if lang == Lang.zh else f"'{name}'" for name in names]
    return (between if sep is None else sep).join(names)


def problem_message(problem, lang: Lang) -> str:
    """An errors.Problem's message (after `file:line:column: `) in `lang`: one with a Notice said
    in it, another as it is."""
    notice = getattr(problem, "notice", None)
    if notice is None or lang == Lang.en:
        return problem.message
    return notice_text(notice, lang, prefix="problem_")


def problem_said(found, lang: Lang) -> str:
    """An errors.Problem as a message quotes it, `file:line:column: ` and its message in `lang`;
    a text as it is."""
    if not isinstance(found, Problem):
        return str(found)
    return str(Problem(found.file, found.line, found.column, problem_message(found, lang)))


def notice_text(notice: Notice, lang: Lang, *, prefix: str) -> str:
    """The label `prefix + notice.key` in `lang`, filled with the notice's values (see Notice)."""
    def shown(value):
        if isinstance(value, list):
            return names_listed([str(shown(v)) for v in value], lang)
        if isinstance(value, Word):
            return word(value.table, value.key, lang) if lang == Lang.zh or value.said_in_english else value.key
        if isinstance(value, Notice):
            return notice_text(value, lang, prefix=prefix)
        if isinstance(value, Where):
            return value.said(lang)
        if isinstance(value, Problem):  # (another file's problem quoted: merge-journal's refused plan)
            return problem_said(value, lang)
        return value

    cut = prefix in _CUT_IN
    return label(prefix + notice.key, lang, **{key: excerpt(value, QUOTED_CELLS).translate(_BREAKS_SHOWN)
                                               if cut and key in _QUOTED and type(value) is str
                                               else shown(value) for key, value in notice.values.items()})


# A value a problem or an import warning quotes, of more cells than this (a 5,000-digit id, a report's
# run-on clause), is quoted by its start and its end (textsafe.excerpt): not a wall of digits.
QUOTED_CELLS = 100  # (a unit's name of 40 Chinese characters, quoted, is whole)
# (a line break or tab in a value quoted is shown as \n, \t: the one-line message would make it a
# space that hides it; printable escapes the other controls)
_BREAKS_SHOWN = str.maketrans({"\n": "\\n", "\t": "\\t"})
_CUT_IN = ("problem_", "import_")  # (refusals and the usage's echo a value cut already: echoed)
_QUOTED = frozenset({"value", "text", "name", "zone", "key", "tag", "phrase", "find", "evidence", "progress", "numbered", "header",
                     "word", "words", "first", "head", "deadline", "written", "measure", "task", "state", "item", "region", "prefix",
                     "given", "numeral", "lead"})


def suggested(names) -> Notice | str:
    """The hint naming `names` after a refusal (label refused_did_you_mean), '' when there are none;
    a few of many, and how many more (few_of)."""
    return Notice("did_you_mean", {"names": few_of(list(names))}) if names else ""


def suggestion(name: str, choices) -> Notice | str:
    """suggested() of the choices closest to `name` (errors.close_matches), '' when none is close."""
    from .errors import close_matches

    return suggested(close_matches(name, choices))


# Python's words for why a date is no calendar day (dates.DateFormatError.detail): the labels
# <prefix>day_out_of_range etc. say them in Chinese too, of a registry's date and of the command line's.
_NOT_REAL = {"day is out of range for month": "day_out_of_range", "month must be in 1..12": "month_out_of_range",
             "year 0 is out of range": "year_out_of_range"}


def not_real_reason(detail: str) -> Notice | str:
    """Why a date is not real, as a Notice's value: a Notice where we know the words, else Python's."""
    key = _NOT_REAL.get(detail)
    return Notice(key, {}) if key else detail


def unit_suggestion(name: str, names, seen: dict | None = None) -> Notice | str:
    """suggestion() among a registry's units, `names` giving each name and alias its unit's name:
    the closest name of each unit, not several names of one (自治区生态环境听 is close to
    自治区生态环境厅 and to its aliases 自治区环境保护厅 and 生态环境厅: the first alone).
    `seen`: the suggestion of each name met before among the same `names`, kept there (a unit
    renamed under units: alone is unknown to each of its measures and entries: 14,821 at 100,000
    measures, each looked for again took 23 s of a 45 s load)."""
    if seen is not None:
        if name not in seen:
            seen[name] = unit_suggestion(name, names)
        return seen[name]
    from .errors import close_matches

    closest: dict[str, str] = {}  # unit -> its closest name
    for match in close_matches(name, names, most=max(len(names), 1)):
        closest.setdefault(names[match], match)
    shown = list(closest.values())[:3]
    if len(closest) > len(shown) and _likeness(name, list(closest.values())[len(shown)]) == _likeness(name, shown[0]):
        # (more units as close as the closest than are named: 省人民政府 to each of 11 城市's 人民政府;
        # three of them, picked by their spelling, would be a guess, a city's for the province's)
        return ""
    return suggested(shown)


def _likeness(name: str, other: str) -> float:
    """How close `other` is to `name`, as errors.close_matches ranks them (difflib's ratio)."""
    import difflib

    matcher = difflib.SequenceMatcher()
    matcher.set_seqs(other, name)
    return matcher.ratio()


# What a refusal echoes of a value typed: enough to know it by, not 100,000 characters of it.
ECHOED_CELLS = 40
# How many names of a list a message gives before "and N more" (a ledger's 49 units were a line of
# over a thousand characters; a plan's undeclared region names its regions so too).
LISTED_SHOWN = 8


def few_of(names: list, shown: int = LISTED_SHOWN) -> list | Notice:
    """`names` as a message lists them: all, or the first `shown` and how many more (a folder of
    31 provinces' plans declares some 1,000 units)."""
    if len(names) <= shown:
        return names
    return Notice("names_more", {"names": names[:shown], "more": len(names) - shown})
# The values' names that carry one as typed (an option's value, an id, a unit's or region's
# name); a path is echoed whole, its file's name being at its end, and so is a hash (--entry,
# --since-head: 64 digits, one too many is what its refusal shows).
_TYPED = frozenset({"text", "state", "item", "measure", "name", "region", "task", "prefix", "value"})


def echoed(values: dict) -> dict:
    """A refusal's `values`, those as typed cut at ECHOED_CELLS cells with … (as a table cuts a
    cell), a tab or line break in them shown \\t, \\n; the date parser's own words, `detail`,
    quote `text`, and quote it cut."""
    cut = {key: clip(value, ECHOED_CELLS, as_typed=True).translate(_BREAKS_SHOWN) if key in _TYPED and isinstance(value, str) else value
           for key, value in values.items()}
    if isinstance(values.get("detail"), str) and isinstance(values.get("text"), str):
        cut["detail"] = values["detail"].replace(f"'{values['text']}'", f"'{cut['text']}'")  # (as dates quotes it)
    return cut


def refusal(error: type, key: str, **values):
    """`error` (UsageError, JournalWriteError) refusing a request: its text the English of the
    label refused_<key>, and the Notice with it, so that the command line says it in the
    user's language (render/journal_text.render_refusal). The API's message stays English.
    A value as typed is echoed cut (echoed)."""
    notice = Notice(key, echoed(values))
    return error(notice_text(notice, Lang.en, prefix="refused_"), notice=notice)
