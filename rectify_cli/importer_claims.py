"""The figures of a report's opening (总体情况) read into claims, and a warning of each figure not read.

    read_claims(headline, curated=...)   -> (claims, warnings)

The headline (the paragraph where the report first says 截至) gives the totals it claims (45项整改任务,
179项具体措施, 反馈问题共45个), what is done of them (已完成38项, 完成率84%, 正在推进2个), and what was due
by a year's end (应于2018年底前完成的28项整改任务) or a day before it (应于2022年6月底前完成的3项整改任务);
each is a claim {key, text, value}, its text in the report's own words (四十五项 read as 45), which
`rectify reconcile` checks against the appendix. A figure no claim reads (一百一项, 完成率94.5%, 近60%,
其余12项, a share such as 约占33%) is warned of, never lost in silence, unless the curation gives the claims
itself. The wordings this is tested on, each with the claims
it gives and the figures it only warns of, are one table: tests/fixtures/openings.yaml.

The rule every pattern and search here keeps: a long headline is read in linear time, a run of
60,000 digits or of one word included. A count's pattern looks behind it for no digit, so that it is
tried from the first digit of a run only; marks, pairs of nouns and counts are found once and looked
up by bisect; the words before or after a figure are looked for in a window of a few characters. The
hang guards (test_a_long_run_of_* in tests/test_importer_provinces.py) fail a pattern that backtracks.
"""
from __future__ import annotations

import bisect
import calendar
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from .i18n import Notice
from .importer_parse import cn_number
from .importer_text import GROUPED_DIGITS

__all__ = ["read_claims"]


# the report's headline figures (first paragraph with 截至 + a date): key, pattern (group 1 = words, last group = value)
# the totals, each in the Tibet report's words first, then in other reports' (a count of what was
# due by some date, "应完成的28项整改任务", is no total)
# (Sichuan's "我省89项中央环保督察整改任务" puts words between 项 and 整改任务; its "但有7项整改任务未按期完成"
# counts the late ones: no total; after the noun, 共 is as often 共计 or 共有: 整改任务共计45项)
# (other reports count the problems fed back, one task each: 反馈问题共45个, 共45个问题, 45项问题; not
# 共性问题 or 个性问题, those shared with other provinces or its own, nor 移交/交办 ones or 信访/举报 ones:
# some of them only, and only where no 整改任务 is counted; nor, as of the tasks, 2个问题未完成)
_SOME_PROBLEMS = r"(?<![交办访报性])"
# (a count followed by another of no noun of its own, 整改任务和具体措施共3项、4项: the pair's, BOTH_TOTALS's;
# one with its own, 整改任务共3项、4项具体措施, leaves it this noun's)
_NOT_LISTED = r"(?!、\d+项(?!整改任务|(?:具体整改|具体|整改)措施))"
# (in tiers: the first total in the text of the first tier that has one, 整改任务共3项 of 整改任务共3项，2项整改任务…, the
# later one warned of; a count worded as the total, 共/共计/共有/涉及/全部 before it, 共 after its noun, 全区/全省N项, 中 after
# it (45项整改任务中，…: the whole the next counts are of), before a bare N项整改任务 wherever it stands: 2项整改任务…，整改任务共3项
# is 3; the problems fed back only where no 整改任务 is counted; and no count smaller than one of its noun said before it,
# 45项整改任务，共10项整改任务需长期坚持: some of them, see a_total in _counts)
_WORDED = r"(?:(?<=共)|(?<=共[计有])|(?<=涉及)|(?<=涉及的)|(?<=全部)|(?<=[全我][省区州市]))"
# (but a count a clause describes, 的 just before its 共 or its noun, 需长期坚持的共10项整改任务, 的整改任务共10项, is some of a
# count of its noun said before it, 45项整改任务，… or 反馈问题共45个，…: no total, warned of; with none before it, 督察组反馈的共45项整改任务, the total)
DESCRIBED = re.compile(r"的(?:共[计有]?)?$")
TOTAL_PATTERNS = (
    ("tasks", "tasks_total", ((r"((?:全|我)[省区州市](\d+)项[^，。；、\d]{0,12}?整改任务)",
                               rf"{_WORDED}((\d+)项[^，。；、\d]{{0,12}}?整改任务)(?!未)", rf"(?<!完成)(?<!完成的)(整改任务共[计有]?(\d+)项){_NOT_LISTED}",
                               rf"{_WORDED}(整改任务(\d+)项){_NOT_LISTED}", r"(?<!\d)(?<!完成的)(?<!完成)((\d+)项[^，。；、\d]{0,12}?整改任务)(?=中)"),
                              (r"(?<!\d)(?<!完成的)(?<!完成)((\d+)项[^，。；、\d]{0,12}?整改任务)(?!未)", rf"(?<!完成)(整改任务(\d+)项){_NOT_LISTED}"),
                              (rf"{_SOME_PROBLEMS}((?:督察)?(?:反馈的?)?问题共[计有]?(\d+)[个项])",
                               rf"(?<!完成){_SOME_PROBLEMS}(共[计有]?(\d+)[个项](?:督察)?(?:反馈)?问题)(?!未)"),
                              (rf"(?<!\d)(?<!完成)(?<!移交的)(?<!交办的){_SOME_PROBLEMS}((\d+)[个项](?:督察)?(?:反馈)?问题)(?!未)",))),
    ("measures", "measures_total", ((r"全区\d+项整改任务、((\d+)项具体措施)", rf"{_WORDED}((\d+)项(?:具体整改|具体|整改)措施)",
                                     rf"(?<!完成)(?<!完成的)((?:具体整改|具体|整改)措施共[计有]?(\d+)项){_NOT_LISTED}",
                                     rf"{_WORDED}((?:具体整改|具体|整改)措施(\d+)项){_NOT_LISTED}",
                                     r"(?<!\d)(?<!完成的)(?<!完成)((\d+)项(?:具体整改|具体|整改)措施)(?=中)"),
                                    (r"(?<!\d)(?<!完成的)(?<!完成)((\d+)项(?:具体整改|具体|整改)措施)",
                                     rf"(?<!完成)((?:具体整改|具体|整改)措施(\d+)项){_NOT_LISTED}"))),
)
# a figure said to be about so much (完成率近60%, 约33%, 超过64%, 33%以上, 33%左右, 33%多, 1项以上, 10余项, 10多项):
# no figure to check as exact, warned of (see _exact)
_NEAR = r"(?:将近|接近|近|约为?|大约|超过|超|逾)"
NEAR_BEFORE = re.compile(rf"{_NEAR}$")
ABOUT_AFTER = re.compile(r"[%％]?(?:以上|左右|多)|[项个](?:以上|左右)|余")
# other reports' counts of the total's tasks or measures done so far, read in the clause after the
# total, up to where it turns to another count or to what was due by a date
COUNT_PATTERNS = (
    ("done", r"((?:已|共计?|累计)(?:整改|全面)?完成(?:整改)?(\d+)项)"),  # (共计完成整改3项, 累计完成3项 as 已完成3项)
    # (2项已完成 as 已完成2项, nothing after it in its clause; not 督办的3项已完成: those so described, some only)
    ("done", r"(?<!\d)(?<!的)((\d+)项已(?:整改|全面)?完成(?:整改)?)(?=[，。；]|$)"),
    # (the eight provinces' 已完成或基本完成274项: one count of both, not the basically done ones)
    ("done_or_basically_done", r"((?:已|共计?|累计)?(?:整改)?完成[或和及、]基本完成(?:整改)?(\d+)项)"),
    ("basically_done", r"(?<!完成[或和及、])(已?基本完成(?:整改)?(\d+)项)"),
    ("on_schedule", r"((?:达到|符合)序时进度(?:要求)?的?(\d+)项)"),  # (达到序时进度的4项 too)
    ("on_schedule", r"(?<!\d)((\d+)项(?:达到|符合)序时进度)"),  # (Sichuan's order: 37项达到序时进度)
    # (reconcile counts a rate and what remains by its rule of what is done; 正在推进, which the ledger has
    # no state for, it lists as not checked, saying why: reconcile.UNCOUNTED)
    # (a whole percentage: 94.5% is UNREAD_RATE's; one of a list, 完成率33%、50%, BOTH_RATES's; one naming its
    # noun, 任务完成率33%, 具体措施完成率50%, that noun's: see RATE_NOUN)
    ("done_percent", rf"((?:(?:整改)?任务|(?:具体整改|具体|整改)?措施)?(?:整改)?完成率(?:达到?|为)?(\d+)[%％])(?![、和]{_NEAR}?\d)"),
    ("in_progress", r"(正在推进(\d+)项)"),
    ("in_progress", r"(?<!\d)((\d+)项正在推进)"),
    ("remaining", r"((?:剩余|余下|尚余)(\d+)项)"),  # (as reports say it: 剩余3项, 余下3项, 尚余3项)
)
RATE_NOUN = re.compile(r"(?:整改)?任务|(?:具体整改|具体|整改)?措施")
# (two totals one after the other, 3项整改任务、4项具体措施: a figure after them, 完成率33%, 已完成1项, may be
# either's or both's; read only where it names its noun)
BETWEEN_LISTED = re.compile(r"[、，和及与]|以及")
# (after a total of problems counted by 个, 反馈问题共45个, its done, in progress and remaining ones by 个 too: 已完成整改38个,
# 基本完成3个, 正在推进2个 or 2个正在推进, 剩余7个; a 个 ending the words or before 问题 only, as 1个市 counts no problem)
_GE_COUNT_END = r"(?=[，。；、：（）]|问题|$)"
GE_COUNT_PATTERNS = (
    ("done", rf"((?:已|共计?|累计)(?:整改|全面)?完成(?:整改)?(\d+)个){_GE_COUNT_END}"),
    ("done_or_basically_done", rf"((?:已|共计?|累计)?(?:整改)?完成[或和及、]基本完成(?:整改)?(\d+)个){_GE_COUNT_END}"),
    ("basically_done", rf"(?<!完成[或和及、])(已?基本完成(?:整改)?(\d+)个){_GE_COUNT_END}"),
    ("in_progress", rf"(正在推进(\d+)个){_GE_COUNT_END}"),
    ("in_progress", r"(?<!\d)((\d+)个正在推进)"),
    ("remaining", rf"((?:剩余|余下|尚余)(\d+)个){_GE_COUNT_END}"),
)
# what is done, said before a count in its clause (已完成阶段性整改任务3项, 累计办结3项整改任务): a count
# of the done ones, no total
DONE_BEFORE = re.compile(r"(?:已|累计|共计?)(?:全面|基本|整改)?(?:完成|办结|销号)")
# (or said just after its noun with no count after it in its clause, 2项整改任务已完成, 3项具体措施已全面完成: those done,
# where 45项整改任务已完成33项 is a total and what is done of it; so are those in progress or not done, 2项整改任务正在推进)
DONE_AFTER = re.compile(r"已经?(?:全面|基本|整改)?(?:完成|办结|销号)|正在推进|未完成")
# (two counts joined share what follows them: 45项整改任务和179项具体措施已完成 is two counts done)
JOINED_COUNT = re.compile(r"[和及与、]\d+项[^，。；、\d]{0,12}?(?:整改任务|(?:具体整改|具体|整改)措施)")
DIGIT = re.compile(r"\d")
# and some of them only, said before a count in its clause (其中2项整改任务已完成, 剩余1项整改任务): no total
SOME_BEFORE = re.compile(r"其中|剩余|余下|尚余|尚有|还有|其余")
# (or as a clause of its own just before that clause: 其中，2项整改任务已完成, 其中：…)
SOME_ALONE = re.compile(r"其中[，：]$")
# a count one of a list of counts (已完成38项、150项 after 45项整改任务、179项具体措施): whose it is, the
# list's order says, not the total before it
IN_A_LIST = (re.compile(r"(?<!\d)\d+[项个]、$"), re.compile(r"、\d+[项个]"))  # ((?<!\d): see COUNT_CLAUSE_END)
# one sentence counting the tasks and the measures at once with 分别: their totals, the nouns just
# before it (整改任务和具体措施分别为45项、179项), or what is done of them, the nouns before it in the
# sentence (整改任务和具体措施已分别完成25项、86项, 分别完成了, 分别已完成): the counts in the nouns' order
_NOUN = r"(整改任务|(?:具体整改|具体|整改)措施)"
BOTH_NOUNS = re.compile(rf"{_NOUN}[和及与、](?:\d+项)?{_NOUN}")
# (or two totals each naming its noun, 整改任务共3项、具体措施4项: the pair's only what is said with 分别 after them,
# 分别完成1项、2项, 完成率分别为33%、50%, where no other count comes between and the totals are no count done or of some)
BOTH_NAMED = re.compile(rf"(?<!完成){_NOUN}(?:共[计有]?)?\d+项[和及与、]{_NOUN}(?:共[计有]?)?\d+项")
BOTH_COUNTS = re.compile(r"(?:已?分别已?)(完成了?|为|有|是)(\d+)项、(\d+)项")
# (their totals with 共 just after the nouns, 整改任务和具体措施共3项、4项, two counts and no third)
BOTH_TOTALS = re.compile(r"(共)[计有]?(\d+)项、(\d+)项(?![、和]\d)")
# (their rates, 完成率33%、50%, 完成率分别为33%、50%, two and no third, where no other count comes between the
# nouns, or the counts of them read before, and the rates: as LISTED_DONE)
BOTH_RATES = re.compile(rf"(?:整改)?完成率(分别)?(?:达到?|为|是)?(\d+)[%％][、和](\d+)[%％](?![、和]{_NEAR}?\d)")
# (without 分别, what is done only, two counts and no third, and only where no other count comes between the
# nouns and them: 45项整改任务、179项整改措施中，已完成38项、150项; after 应完成28项、90项 they may be of those)
LISTED_DONE = re.compile(r"(?:已|共计?|累计)(?:整改|全面)?(完成了?)(?:整改)?(\d+)项、(\d+)项(?!、)")
COUNT_BETWEEN = re.compile(r"(?<!\d)\d+[项个]|应")
# (a total ends it written either way: 179项具体措施, 具体措施共179项)
# ((?<!\d) before a count here and below: a match starts where its digits do all the same, and without it
# each is tried from every digit of a long run of them, minutes on a run of 60,000)
COUNT_CLAUSE_END = re.compile(r"[。；]|(?<!\d)\d+项(?:整改任务|具体措施|整改措施|具体整改措施)|(?<!完成)(?:整改任务|具体整改措施|具体措施|整改措施)(?:共[计有]?)?\d+项"
                              r"|应于|应完成|底前")
TASKS_DONE_OUTRIGHT = r"((?:已|共|累计)完成整改任务(\d+)[项个])"  # (no total before it needed)
# a total said to be all done, just after its noun or opening the clause after it (3项整改任务已全部完成, 均已完成,
# 整改任务共3项，已全部完成): all of it done, where no count done of its noun is given; not 全部启动, 基本全部完成,
# 未全部完成, 应于2020年底前全部完成, 已全部完成的有30项 (a count of its own), nor 全部完成阶段性目标. 已全面完成 only in
# the clause after: just after a count's noun it is fully done, as 25项全面完成 counts some, and the count no total (DONE_AFTER).
# 办结 and 销号 (closed, written off) are done; 已于2019年底前全部完成, done by a date, too (not 应于…, due by it); 已完成 with
# no 全部 only opening the clause after and ending the sentence (整改任务共3项，已完成。); 全部基本完成 (group 1), all of it
# basically done, where 全部完成 is read (not 基本全部完成: basically all); 均已基本完成 (group 2) as 全部基本完成; 均完成,
# 均基本完成 (均 without 已: all of them) as 均已完成 (not 均未完成, 均应完成, 均完成阶段性目标); done on time, 均已按期完成,
# 已全部如期完成, and with 了, 均完成了, as done (not 均已按期推进, 均未按期完成); 均已于2019年底前完成 as 已于…全部完成 (均于…完成,
# no 已: done or due? UNDECIDED)
_DONE_WORD = r"(?:(?:按期|按时|如期)?(?:(?:整改)?完成(?:整改(?:工作)?)?|办结|销号)了?)"
ALL_DONE = re.compile(rf"(?:，?(?:已经?|已于\d{{4}}年(?:\d{{1,2}}月)?(?:底|\d{{1,2}}日)?前?|均已|均)?全部(?:(基本)完成(?:整改)?|{_DONE_WORD})"
                      rf"|，?均(?:已于\d{{4}}年(?:\d{{1,2}}月)?(?:底|\d{{1,2}}日)?前?|已)?(?:全面)?{_DONE_WORD}|，?均已?(基本)完成(?:整改)?|，已经?全面完成(?:整改)?|，已经?{_DONE_WORD}(?=[。；]|$))(?=[，。；]|$)")
# (全部 before the count, 全部3项整改任务已完成: all of them, so 已完成 just after the noun, which alone may count 3 of more
# (DONE_AFTER), says all done; group 1 as ALL_DONE's, basically done)
ALL_BEFORE = "全部"
ALL_OF_THEM_DONE = re.compile(rf"(?:均已?|已经?)(?:(基本)完成(?:整改)?|(?:全面)?{_DONE_WORD})(?=[，。；]|$)")
# (and 全部 before the first of two counts joined, 全部3项整改任务、4项具体措施已完成: of both; the words before the second)
ALL_BEFORE_JOINED = re.compile(rf"{ALL_BEFORE}\d+项[^，。；、\d]{{0,12}}?{_NOUN}[和及与、]$")
# (the rest said not done with no count of its own, in the clause of a total said all done: 已全部完成，其余正在推进; warned
# of, the all-done claim kept; 其余1项正在推进 is a count, NOT_ALL_DONE's; 其余工作持续推进 says nothing of the tasks;
# 仍在推进, 还在整改中 as 正在推进)
_REST = r"(?:其余|剩余|余下|尚余|其他)的?(?:整改任务|(?:具体整改|具体|整改)?措施|任务|问题)?"
REST_NOT_DONE = re.compile(rf"{_REST}(?:均|也|仍|还)?(?:正?在(?:推进|整改)中?|推进中|整改中|尚未完成|未完成|序时推进|达到序时进度)(?=[，。；]|$)")
# (and the rest said done with no count of its own, just after a count done of a total: 3项整改任务中已完成1项，其余均已完成
# is all 3; not 其余均已基本完成, 其余工作均已完成 (other work), 其余均未完成, 其余应于2020年底前全部完成)
REST_DONE = re.compile(rf"，{_REST}(?:均|也|都)?(?:已经?)?(?:全部|全面)?{_DONE_WORD}(?=[，。；]|$)")
# (or the rest said basically done, 3项整改任务中已完成1项，其余均已基本完成: the 1 done, and all 3 done or basically done, as
# 已完成或基本完成3项 is read (the GLOSSARY's 基本完成 is no 完成); after 已基本完成1项, all 3 basically done; not
# 其余基本全部完成, basically all of the rest)
REST_BASICALLY_DONE = re.compile(rf"，{_REST}(?:均|也|都)?(?:已经?)?(?:全部)?基本(?:完成(?:整改)?|整改完成)(?=[，。；]|$)")
# (a total said done by a date with neither 已 nor 应, 3项整改任务均于2019年底前完成, 整改任务共3项，均于2019年底前完成: done by
# then, or due by then as a plan words a deadline? warned of, quoting its words, and no claim read of it)
UNDECIDED = re.compile(rf"，?(?:均|全部)?[于在]\d{{4}}年(?:\d{{1,2}}月)?(?:底|\d{{1,2}}日)?前?(?:全部|均)?{_DONE_WORD}(?=[，。；]|$)")
# (what says some are not done, in the clause of a total said all done: warned of, the claims kept as read)
NOT_ALL_DONE = ("in_progress", "on_schedule", "remaining")
# what was due by the end of a year, as reports write it: 2018年12月底前应完成, 2020年底前应完成,
# 2020年12月31日前应完成, 应于2019年底前完成 (已于2019年底前完成 is what was done, not what was due); or by a day
# before it, a mid-year cut-off (Jiangxi's 应于2022年6月底前完成的, 2022年6月30日前应完成), keyed by that day (_due_by)
_YEAR_END = r"年(?:\d{1,2}月底|底|\d{1,2}月\d{1,2}日)前"
DUE_BY_YEAR_END = rf"(?:应于(\d{{4}}){_YEAR_END}|(\d{{4}}){_YEAR_END}应)完成"
# and within a range of years, as the Tibet report writes it (应于2019年、2020年完成) or as a year's end is written
# (2019—2020年应完成, 应于2019-2020年完成); 2019-2020年完成的 with no 应, done in them or due in them, is left to a warning
_YEARS = r"\d{4}(?:年、|[—-])\d{4}年"
DUE_IN_YEARS = rf"(?:应于{_YEARS}完成|{_YEARS}应完成)"
# (where what is said of one span's due counts ends: where another span's begins)
NEXT_DUE = re.compile(rf"{DUE_BY_YEAR_END}|{DUE_IN_YEARS}")
CLAIM_PATTERNS = (
    ("tasks_due_2018", rf"((?:应于\d{{4}}{_YEAR_END}|\d{{4}}{_YEAR_END}应)完成的(?:共[计有]?)?(\d+)项整改任务)"),  # (的共28项 too)
    ("tasks_due_2018_done", r"整改任务基本完成（((\d+)项全面完成)"),
    ("tasks_due_2018_finishing", r"(?<!\d)((\d+)项正在收尾)"),
    ("measures_due_2018", r"(?<!\d)((\d+)项具体措施基本整改到位)"),
    ("measures_due_2018_done", r"整改到位（((\d+)项全面完成)"),
    ("measures_due_2018_in_progress", r"(?<!\d)((\d+)项序时推[动进])"),
    ("tasks_due_2019_2020", rf"({DUE_IN_YEARS}的(\d+)项整改任务)"),
    ("measures_due_2019_2020", rf"{DUE_IN_YEARS}的\d+项整改任务、((\d+)项具体措施)"),
    ("tasks_ongoing", r"(需要立行立改、长期坚持的(\d+)项整改任务)"),
    ("measures_ongoing", r"立行立改、长期坚持的\d+项整改任务、((\d+)项具体措施)"),
)
# other reports' words for what was done of the tasks due by a year's end, and for the measures due
# by it and done of them (Sichuan's 2017年12月底前应完成的4项整改任务已完成3项，12项具体措施全面完成10项),
# read in the sentence of the tasks due where the Tibet report's words above give none: see _due_counts
DUE_DONE = re.compile(r"((?:已(?:整改|全面)?|全面)完成(?:整改)?(\d+)项)")  # (not 基本完成: done is done)
# (全省179项具体措施, 我区…: the total, not the ones due)
DUE_MEASURES = re.compile(r"(?<!\d)(?<![全我][省区州市])((\d+)项(?:具体整改|具体|整改)措施)")
SENTENCE_END = re.compile(r"[。；]")
# Jiangsu's way of giving what is due (全部55项整改任务，应于2022年底前完成的有13项): the tasks' or the measures'
# due by the end of that year, as tasks_due_YEAR counts them, where its sentence names one noun, before the count
# or after it, and it is the first count after that noun: after 已完成1项 or 2019年完成的有1项 those due may be of
# the rest only; 今年 (the year the report was written, which its as-of date does not give) and 2023-2025年完成
# (done in those years, or due in them?) are left to a warning (see _due_listed);
# 的共13项 and 的共计13项 as 的有13项
DUE_LISTED = re.compile(rf"({DUE_BY_YEAR_END}的(?:有|共[计有]?)(\d+)项{_NOUN}?)")
NOUN_NAMED = re.compile(_NOUN)
COUNT_OR_DONE = re.compile(r"(?<!\d)\d+[项个]|完成")

# A count in Chinese numerals (四十五项整改任务) that cn_number can't read (一百一项), so no claim pattern reads
NUMERAL_COUNT = re.compile(r"(?<![零〇一二三四五六七八九十百千万两])[零〇一二三四五六七八九十百千万两]+项(?:整改任务|具体措施|整改措施|具体整改措施)"
                           r"|问题共[计有]?[零〇一二三四五六七八九十百千万两]+个|共[计有]?[零〇一二三四五六七八九十百千万两]+个(?:督察)?(?:反馈)?问题")
# a count in Chinese numerals (四十五项, 一百七十九项), read as its number: one that starts where a
# numeral starts (十五 of 四十五 is none), and not 第一项, 每一项, 逐一项 or 统一项目, which count nothing
NUMERAL_ITEMS = re.compile(r"(?<![\d.第每逐统零〇一二三四五六七八九十百千万两])[零〇一二三四五六七八九十百千万两]+(?=项(?!目))")
# and a count of problems by 个 in numerals, only where 共 ties it to 问题 as TOTAL_PATTERNS read it
# (问题共三个, 反馈问题共计四十五个, 共三个问题), or 完成, 正在推进 or 剩余 to the end of its words as GE_COUNT_PATTERNS
# read it (已完成整改三十八个，正在推进两个，剩余七个), or 正在推进 just after it (三个正在推进, as 3个正在推进): 一个 is
# as often a word (建立一个机制, 一个问题一个问题地整改, 已完成一个专项行动)
NUMERAL_PROBLEMS = re.compile(r"(?:(?<=问题共)|(?<=问题共[计有]))[零〇一二三四五六七八九十百千万两]+(?=个)"
                              r"|(?:(?<=共)|(?<=共[计有]))[零〇一二三四五六七八九十百千万两]+(?=个(?:督察)?(?:反馈)?问题)"
                              rf"|(?:(?<=完成)|(?<=完成整改)|(?<=正在推进)|(?<=剩余|余下|尚余))[零〇一二三四五六七八九十百千万两]+(?=个{_GE_COUNT_END})"
                              r"|(?<![\d零〇一二三四五六七八九十百千万两])[零〇一二三四五六七八九十百千万两]+(?=个正在推进)")
# a count grouped in thousands (2,001项, as a national round counts its tasks), read as its digits
GROUPED_COUNT = re.compile(rf"{GROUPED_DIGITS}(?=\s*[余多]?[项个%％])")


# a rate of completion, or a list of them (完成率33%、50%), each warned of where no claim reads it: one that is
# no whole number (完成率94.5%: a claim's value is a whole number), in words (完成率百分之七十一), or whole but
# whose it is the headline does not say (完成率33%、50% of no two nouns, 完成率分别为33%)
_RATE = r"(?:\d+(?:\.\d+)?[%％]|百分之[零〇一二三四五六七八九十百点]+)"
# (and one said to be about so much, 完成率近60%, 33%以上, or done without 率, 已经完成超过64%)
_ONE_RATE = rf"{_NEAR}?{_RATE}(?:以上|左右|多)?"
UNREAD_RATE = re.compile(rf"(?:整改)?完成(?:率(?:分别)?(?:达到?|为|是)?|{_NEAR}){_ONE_RATE}(?:[、和]{_ONE_RATE})*")
# (and a share not written 完成率 N%: 约占33%, 占比33%, 占整改任务总数的33%, 完成近六成, 完成率超过六成, 已完成半数; where its
# sentence names the tasks, measures or problems, or, a bare 占33%, says what is done before it: PM2.5浓度下降12%,
# 森林面积占国土面积的33% is none)
_TENTHS = rf"{_NEAR}?(?:[一二三四五六七八九两]|\d+)成(?:以上|左右|多)?"
SHARE = re.compile(rf"{_NEAR}?占比?(?:达到?|为)?(?:[^，。；\d%％]{{0,12}}?(任务|措施|问题)[^，。；\d%％]{{0,6}}?)?(?:{_ONE_RATE}|{_TENTHS})"
                   rf"|(?:已经?)?完成(?:了|率(?:达到?|为|是)?)?{_TENTHS}|(?:已经?)?完成了?半数")
# (said before a share, see _a_share; done said as DONE_BEFORE says it: 已办结1项，约占33% is a share as 已完成1项，约占33% is)
SHARE_NOUN, SHARE_DONE = re.compile(r"任务|措施|问题|整改"), re.compile(r"完成|办结|销号")


def read_claims(headline: str, *, curated: Sequence[dict[str, Any]] = ()) -> tuple[list[dict[str, Any]], list[Notice]]:
    """The claims of `headline` (the paragraph where the report first says 截至) and a claims_unread
    warning of each figure in it that no claim reads; `curated`: the curation's claims (registry: claims:),
    each of which replaces the claim of its key read here, in its place, the others following; with
    them, no warning (the editor has read the figures)."""
    headline, said = _numerals_in_digits(headline)  # (its claims in its own words, their values in digits)
    found = [(key, re.search(pat, headline)) for key, pat in CLAIM_PATTERNS]
    other = _due_counts(headline, dict(found))
    found = [(key, cm or other.get(key)) for key, cm in found]  # (a key read in both words: the Tibet report's, once)
    # (what is done of a range's, read in other reports' words only: after the range's own counts)
    at = [key for key, _ in found].index("measures_due_2019_2020") + 1
    found[at:at] = [(key, other[key]) for key in ("tasks_due_2019_2020_done", "measures_due_2019_2020_done") if key in other]
    # (their words are no total: 90项具体措施基本整改到位 counts what was due by end 2018)
    read: list[tuple[int, int]] = []  # (the spans of the headline the claims read)
    listed = _due_listed(headline, [cm.span(1) for _, cm in found if cm])  # (应于2020年底前完成的有2项整改任务: no total)
    contradicted: list[Notice] = []  # (all done, where a count given says otherwise: warned of, in both their words)
    claims, counts = _counts(headline, [cm.span(1) for _, cm in found if cm] + [span for _, span, _ in listed], said, read, contradicted)
    years = _claim_years(headline)
    for key, cm in found:
        # (what is said of the tasks due where no day they are due by is read, 2019年6月31日前, is left
        # out: stored as 2018's, reconcile compared it with what was due by the end of 2018; a mid-year
        # cut-off, 2019年6月底前, is keyed by its day, tasks_due_2019_06_30: see _due_by)
        if cm and (key.startswith(("tasks_due_2018", "measures_due_2018")) and "2018" not in years):
            continue
        if cm:
            for named, written in years.items():  # (keys name the years the report's words give)
                key = key.replace(named, written)
            if not _exact(headline, *cm.span(len(cm.groups()))):
                continue  # (left to a warning: 近28项 is no figure to check)
            claims.append({"key": key, "text": said(cm.span(1)), "value": int(cm.groups()[-1])})
            read.append(cm.span(1))
    for key, span, value in listed:
        if not any(c["key"] == key for c in claims):  # (said in the Tibet report's words too: read once)
            claims.append({"key": key, "text": said(span), "value": value})
            read.append(span)
    warnings: list[Notice] = []
    if not curated:  # (lost, whatever else is read: a loose numeral, and each rate no claim reads, the tasks' and the measures')
        shares = [m for m in SHARE.finditer(headline) if _a_share(headline, m)]
        rates = sorted((m for m in [*UNREAD_RATE.finditer(headline), *shares] if not any(s < m.end() and m.start() < e for s, e in read)),
                       key=lambda m: m.start())
        unread = [m for m in (NUMERAL_COUNT.search(headline),) if m] + rates
        warnings.extend(Notice("claims_unread", {"words": said(m.span())}) for m in unread)
        warnings.extend(contradicted)
        # (and each count no claim read, in its clause's words: lost, else, in silence)
        warnings.extend(Notice("claims_unread", {"words": said(span)}) for span in _unread_counts(headline, read))
    # (a curated claim replaces the one of its key the import read, in its place; the others follow)
    given = {claim["key"]: claim for claim in curated}
    read = [given.pop(claim["key"], claim) for claim in claims + counts]
    return read + list(given.values()), warnings


def _numerals_in_digits(headline: str) -> tuple[str, Callable[[tuple[int, int]], str]]:
    """The headline with its counts in Chinese numerals written in digits (四十五项 -> 45项), and those
    grouped in thousands without their separators (2,001项 -> 2001项: else read as 1), for the claim
    patterns to read; and what a span of it says in the report's own words."""
    parts, starts, at = [], [], 0  # (starts: where each character of the result comes from, and its end)
    counts = [*NUMERAL_ITEMS.finditer(headline), *NUMERAL_PROBLEMS.finditer(headline), *GROUPED_COUNT.finditer(headline)]
    for m in sorted(counts, key=lambda m: m.start()):
        try:
            digits = str(cn_number(m.group(0))) if m.re is not GROUPED_COUNT else re.sub(r"\D", "", m.group(0))
        except ValueError:
            continue  # (left as written: NUMERAL_COUNT warns of it)
        parts += [headline[at : m.start()], digits]
        starts += [*range(at, m.start()), *[m.start()] * len(digits)]
        at = m.end()
    parts.append(headline[at:])
    starts += range(at, len(headline) + 1)
    return "".join(parts), lambda span: headline[starts[span[0]] : starts[span[1]]]


def _a_share(headline: str, m: re.Match) -> bool:
    """Whether SHARE's `m` is a share of the tasks, measures or problems: its words name one (占整改任务总数的33%), or the
    sentence before it does (整改任务已完成近六成); a bare 占33% only where that sentence says what is done (已完成1项，约占33%).
    (Looked for in the few characters before it: a long headline read in linear time.)"""
    if m.group(1):
        return True
    window = max(0, m.start() - 40)
    start = max([window] + [headline.rfind(c, window, m.start()) + 1 for c in "。；"])
    return (SHARE_DONE if "占" in m.group(0) else SHARE_NOUN).search(headline, start, m.start()) is not None


# a count of the headline (28项, 3项; 45个 of 问题共45个): each is a claim's, or warned of
COUNT_ITEM = re.compile(r"(?<![\d.第])\d+[余多]?(?:项(?!目)|个)")  # (10余项, 10多项 as well: about so many)
# (a count by 个 is warned of in a clause of problems, tasks or their progress only: 21个市 counts no figure to check)
GE_CLAUSE = re.compile(r"问题|任务|措施|整改|完成|推进|销号|剩余|余下|尚余")  # (剩余1个: what is left of them)
CLAUSE_MARK = "，。；：、（）"


def _unread_counts(headline: str, read: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of the headline's counts that no claim read (`read`: the spans the claims read),
    each with the words of its clause around it, up to a claim's words on either side."""
    out: dict[tuple[int, int], None] = {}  # (in text order; a dict: looked up once for each count)
    of_problems: dict[tuple[int, int], bool] = {}  # (GE_CLAUSE in a clause, searched once however many counts it has)
    marks = [i for i, c in enumerate(headline) if c in CLAUSE_MARK]  # (found once: a long headline is read in linear time)
    for m in COUNT_ITEM.finditer(headline):
        if any(start < m.end() and m.start() < end for start, end in read):
            continue
        before, after = bisect.bisect_left(marks, m.start()), bisect.bisect_left(marks, m.end())
        start = max([marks[before - 1] + 1 if before else 0] + [end for _, end in read if end <= m.start()])
        ends = marks[after : after + 1] + [s for s, _ in read if s >= m.end()]
        span = (start, min(ends, default=len(headline)))
        if m.group(0).endswith("个"):
            if span not in of_problems:
                of_problems[span] = GE_CLAUSE.search(headline, *span) is not None
            if not of_problems[span]:
                continue
        out.setdefault(span)  # (a clause of two counts, 应完成的2项整改任务已完成1项: warned of once)
    return list(out)


def _counts(headline: str, taken: list[tuple[int, int]], said: Callable[[tuple[int, int]], str],
            read: list[tuple[int, int]], contradicted: list[Notice]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The totals the headline claims (tasks_total, measures_total), and what it says of each
    total's tasks or measures done so far (tasks_done, measures_basically_done, …); `taken`: the
    spans of words another claim reads, which are no total; `said`: a span in the report's words;
    the span of each claim's words is added to `read`; to `contradicted`, a warning of a total said
    all done (ALL_DONE) where a count done of its noun given says another count (claims_overruled),
    or a count in its clause says some are not done (claims_contradicted: NOT_ALL_DONE, a rate short
    of 100%), quoting both."""
    claims = []
    counts = []
    spans: dict[str, tuple[int, int]] = {}  # (a count's key -> the span of its words, read in a total's clause)
    both = _both_counts(headline)
    totals: list[tuple[str, re.Match]] = []
    not_total = taken + [s for s, _ in both.values()]

    def a_total(m: re.Match, starts: list[int], largest: list[tuple[int, str]]) -> bool:
        # (`starts`: where each count of its noun starts, in text order; `largest`: the largest of them up to each)
        before = bisect.bisect_left(starts, m.start(1))  # (how many counts of its noun start before it)
        return (not any(start < m.end(1) and m.start(1) < end for start, end in not_total)
                and _exact(headline, *m.span(m.re.groups))  # (近45项整改任务, 整改任务共45项以上: warned of)
                and not _done_before(headline, m.start(1)) and not _done_before(headline, m.start(1), SOME_BEFORE)
                and not (_done_after(headline, m.end(1)) and not _all_of_them_done(headline, m))
                and not (before and DESCRIBED.search(headline, max(0, m.start(1) - 3), m.start(1)))
                # (the whole is no smaller than a part said before it: 45项整改任务，共10项整改任务需长期坚持 is some of the 45)
                and not (before and _size(m.group(m.re.groups)) < largest[before - 1]))

    for noun, key, tiers in TOTAL_PATTERNS:
        # (each pattern's counts are found once: a long headline read in linear time)
        found = sorted((f.start(1), _size(f.group(f.re.groups))) for p in itertools.chain(*tiers) for f in re.finditer(p, headline))
        starts, largest = [start for start, _ in found], list(itertools.accumulate((size for _, size in found), max))
        # (each pattern's first total, then the first of them in the text: a tie, 全区45项整改任务 and 45项整改任务, the first pattern's)
        m = next((min(found, key=lambda f: f.start(1)) for tier in tiers
                  if (found := [f for f in (next(filter(functools.partial(a_total, starts=starts, largest=largest), re.finditer(p, headline)), None) for p in tier) if f])), None)
        if m is None:
            if key in both:  # (整改任务和具体措施分别为45项、179项, 共45项、179项)
                span, value = both[key]
                claims.append({"key": key, "text": said(span), "value": value})
                read.append(span)
            continue
        claims.append({"key": key, "text": said(m.span(1)), "value": int(m.groups()[-1])})
        read.append(m.span(1))
        totals.append((noun, m))
    for noun, m in totals:
        listed = any(o is not m and o.end(1) <= m.start(1) and BETWEEN_LISTED.fullmatch(headline, o.end(1), m.start(1))
                     for _, o in totals)  # (the second of 3项整改任务、4项具体措施)
        end = COUNT_CLAUSE_END.search(headline, m.end())
        clause = headline[m.end() : end.start() if end else len(headline)]
        by_ge = noun == "tasks" and headline.startswith("个", m.end(m.re.groups))  # (问题共45个, 共45个问题)
        for what, pat in COUNT_PATTERNS + (GE_COUNT_PATTERNS if by_ge else ()):
            # (its first two rates, one for each noun: 整改任务完成率33%、具体措施完成率50%; any other count, its first;
            # no more: each is looked at in its clause, and a clause may run on for thousands of them)
            for cm in itertools.islice(re.finditer(pat, clause), 2) if what == "done_percent" else [re.search(pat, clause)]:
                if cm is None:
                    continue
                named = RATE_NOUN.match(cm.group(1)) if what == "done_percent" else None
                whose = ("tasks" if "任务" in named.group(0) else "measures") if named else noun
                if any(start < m.end() + cm.end(1) and m.end() + cm.start(1) < end for (start, end), _ in both.values()):
                    continue  # (已完成25项 of 分别已完成25项、86项: the tasks', not this total's)
                if IN_A_LIST[0].search(clause, 0, cm.start(1)) or IN_A_LIST[1].match(clause, cm.end(1)):
                    continue  # (left to a warning: 1项、2项 are the tasks' and the measures', not this total's)
                if not _exact(headline, m.end() + cm.start(2), m.end() + cm.end(2)):
                    continue  # (left to a warning: 已完成1项以上, 完成率达33%以上)
                if listed and not named:
                    continue  # (left to a warning: 完成率33% after 3项整改任务、4项具体措施 is of either, or both)
                if not any(c["key"] == f"{whose}_{what}" for c in counts):
                    words = said((m.end() + cm.start(1), m.end() + cm.end(1)))
                    counts.append({"key": f"{whose}_{what}", "text": words, "value": int(cm.groups()[-1])})
                    read.append((m.end() + cm.start(1), m.end() + cm.end(1)))
                    spans[f"{whose}_{what}"] = read[-1]
    # (已完成1项，其余均已完成: the rest done too, so all of the total; 已基本完成1项，其余均已基本完成 the same, all basically done)
    for noun, m in totals:
        for key, rest_said in ((f"{noun}_done", REST_DONE), (f"{noun}_basically_done", REST_BASICALLY_DONE)):
            if key in spans and (rest := rest_said.match(headline, spans[key][1])):
                # (its words from the total's: 已完成1项，其余均已完成 alone gives 1, which reconcile says is another figure)
                span = (m.start(1), rest.end())
                next(c for c in counts if c["key"] == key).update(text=said(span), value=int(m.groups()[-1]))
                read[read.index(spans[key])] = spans[key] = span
    for noun, m in totals:  # (已完成1项，其余均已基本完成: all of the total done or basically done, the 1 kept as done;
        # 已基本完成1项，其余均已完成 the same, the 1 kept as basically done)
        rest = (f"{noun}_done" in spans and REST_BASICALLY_DONE.match(headline, spans[f"{noun}_done"][1])) \
            or (f"{noun}_basically_done" in spans and REST_DONE.match(headline, spans[f"{noun}_basically_done"][1]))
        if rest and not any(c["key"] == f"{noun}_done_or_basically_done" for c in counts):
            counts.append({"key": f"{noun}_done_or_basically_done", "text": said((m.start(1), rest.end())), "value": int(m.groups()[-1])})
            read.append((m.start(1), rest.end()))
    # (整改任务和具体措施已分别完成25项、86项, 完成率分别为33%、50%, where no other words give it)
    for key in ("tasks_done", "measures_done", "tasks_done_percent", "measures_done_percent"):
        if key in both and not any(c["key"] == key for c in counts):
            span, value = both[key]
            counts.append({"key": key, "text": said(span), "value": value})
            read.append(span)
    if not any(c["key"] == "tasks_done" for c in counts) and (cm := re.search(TASKS_DONE_OUTRIGHT, headline)) \
            and _exact(headline, *cm.span(2)):
        counts.append({"key": "tasks_done", "text": said(cm.span(1)), "value": int(cm.group(2))})
        read.append(cm.span(1))
    rests: set[tuple[int, int]] = set()  # (其余正在推进 after 3项整改任务、4项具体措施已全部完成: warned of once, of both)
    for noun, m in totals:  # (3项整改任务已全部完成: all 3 done, its words the count's and theirs)
        joined = JOINED_COUNT.match(headline, m.end(1))  # (3项整改任务、4项具体措施已全部完成: both)
        if (done := ALL_DONE.match(headline, joined.end() if joined else m.end(1)) or _all_of_them_done(headline, m)) is None:
            if (due := UNDECIDED.match(headline, joined.end() if joined else m.end(1))) and due.span() not in rests:
                rests.add(due.span())  # (3项整改任务、4项具体措施均于2019年底前完成: warned of once, of both)
                contradicted.append(Notice("claims_undecided", {"words": said((m.start(1), due.end()))}))
            continue
        # (全部3项整改任务已完成, 全部3项整改任务均已完成: its words from 全部)
        start = m.start(1) - len(ALL_BEFORE) if headline.endswith(ALL_BEFORE, 0, m.start(1)) else m.start(1)
        span, value = (start, done.end()), int(m.groups()[-1])
        key = f"{noun}_basically_done" if any(done.groups()) else f"{noun}_done"  # (全部基本完成, 均已基本完成)
        given = next((c for c in counts if c["key"] == key), None)
        if given is None:
            counts.append({"key": key, "text": said(span), "value": value})
            read.append(span)
        elif given["value"] != value:  # (the count given wins: 全部完成 may count the basically done too)
            contradicted.append(Notice("claims_overruled", {"text": said(span), "words": given["text"]}))
            continue
        # (3项整改任务已全部完成，1项正在推进: all done, and not; both kept, warned of in both their words)
        contradicted.extend(Notice("claims_contradicted", {"text": said(span), "words": c["text"]})
                            for c in counts if c["key"] in spans and c["key"].startswith(f"{noun}_")
                            and (c["value"] < 100 if c["key"].endswith("_done_percent")
                                 else c["value"] > 0 and c["key"].removeprefix(f"{noun}_") in NOT_ALL_DONE))
        end = COUNT_CLAUSE_END.search(headline, done.end())  # (…，其余正在推进: the rest, and no count of it)
        if (rest := REST_NOT_DONE.search(headline, done.end(), end.start() if end else len(headline))) and rest.span() not in rests:
            rests.add(rest.span())
            contradicted.append(Notice("claims_contradicted_uncounted", {"text": said(span), "words": said(rest.span())}))
    return claims, counts


# (no report counts more than a few digits' worth of tasks: a figure of more is no claim, warned of as one not read;
# int() refused one of thousands of digits, an internal error)
MAX_DIGITS = 9


def _size(digits: str) -> tuple[int, str]:
    """A count's digits as a key that orders counts by their value: compared without int(), which refuses a run of
    more than 4,300 digits."""
    digits = digits.lstrip("0")
    return len(digits), digits


def _exact(headline: str, start: int, end: int) -> bool:
    """Whether the figure whose digits the headline has from `start` to `end` is said as exact: not said to be
    about so much, 近/约/超过 before it, 以上/左右/多 after it (33%以上, 1项以上), 余 after its digits (10余项); and
    is a count at all, of MAX_DIGITS digits at most. (Every claim's digits are checked here before int() reads them.)"""
    return (end - start <= MAX_DIGITS and NEAR_BEFORE.search(headline, max(0, start - 2), start) is None
            and ABOUT_AFTER.match(headline, end) is None)


def _done_before(headline: str, at: int, words: re.Pattern = DONE_BEFORE) -> bool:
    """Whether the words before `at` in its clause say what is done (DONE_BEFORE): the count at `at` is of the
    done ones; or, `words` SOME_BEFORE, that it is of some only. (Looked for in the few characters before it: a
    long headline read in linear time.)"""
    window = max(0, at - 40)
    start = max([window] + [headline.rfind(c, window, at) + 1 for c in "，。；："])
    if words is SOME_BEFORE and SOME_ALONE.search(headline, max(0, start - 3), start):
        return True
    return words.search(headline, start, at) is not None


def _done_after(headline: str, at: int) -> bool:
    """Whether the words at `at`, just after a count's noun, say what is done (DONE_AFTER) and no count follows them
    in their clause (2项整改任务已完成): the count is of the done ones; or in progress, or not done (DONE_AFTER's other
    words); the same after a count joined to it (JOINED_COUNT). (Looked for in the few characters after it.)"""
    if joined := JOINED_COUNT.match(headline, at):
        at = joined.end()
    m = DONE_AFTER.match(headline, at)
    if m is None:
        return False
    window = min(len(headline), m.end() + 40)
    end = min([window] + [i for i in (headline.find(c, m.end(), window) for c in "，。；：") if i >= 0])
    return DIGIT.search(headline, m.end(), end) is None


def _all_of_them_done(headline: str, m: re.Match) -> re.Match | None:
    """The words saying the total `m` all done where 全部 comes before its count, 全部3项整改任务已完成 (ALL_OF_THEM_DONE),
    or before the count joined to it, 全部3项整改任务、4项具体措施已完成 (of either), or None. (Looked for in the few
    characters before it: a long headline read in linear time.)"""
    if headline.endswith(ALL_BEFORE, 0, m.start(1)):
        joined = JOINED_COUNT.match(headline, m.end(1))
        return ALL_OF_THEM_DONE.match(headline, joined.end() if joined else m.end(1))
    if ALL_BEFORE_JOINED.search(headline, max(0, m.start(1) - 40), m.start(1)):
        return ALL_OF_THEM_DONE.match(headline, m.end(1))
    return None


def _both_counts(headline: str) -> dict[str, tuple[tuple[int, int], int]]:
    """The counts of the tasks and the measures one sentence gives at once (BOTH_COUNTS, BOTH_TOTALS, LISTED_DONE,
    BOTH_RATES, after BOTH_NOUNS or BOTH_NAMED), keyed tasks_total and measures_total, tasks_done and measures_done, or tasks_done_percent and
    measures_done_percent: (the span of their words, the count); the words from the nouns when they run on
    into the counts, else the counts'."""
    out: dict[str, tuple[tuple[int, int], int]] = {}
    # (found once: a long headline is read in linear time)
    pairs = sorted([*BOTH_NOUNS.finditer(headline), *BOTH_NAMED.finditer(headline)], key=lambda p: p.end())
    ends = [p.end() for p in pairs]
    stops = [i for i, c in enumerate(headline) if c in "。；"]
    after: dict[int, int] = {}  # (a pair -> where the last counts read of it end: rates may follow them)
    # (the counts COUNT_BETWEEN finds, found once: each figure left to a warning searched the words back to its
    # nouns again, seconds for thousands of them; they never overlap, so one lies between two places where the
    # first to start after the one ends before the other)
    between = [c.span() for c in COUNT_BETWEEN.finditer(headline)]
    starts = [start for start, _ in between]

    def count_between(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, start)
        return i < len(between) and between[i][1] <= end

    found = [*BOTH_COUNTS.finditer(headline), *BOTH_TOTALS.finditer(headline), *LISTED_DONE.finditer(headline),
             *BOTH_RATES.finditer(headline)]
    for m in sorted(found, key=lambda m: m.start()):  # (in text order)
        at = bisect.bisect_right(ends, m.start()) - 1  # (the last pair before the counts: the sentence's subject)
        nouns = pairs[at] if at >= 0 else None
        stop = bisect.bisect_right(stops, m.start()) - 1
        if nouns is None or (stop >= 0 and stops[stop] >= nouns.end()):  # (a pair of another sentence)
            continue
        if ("任务" in nouns.group(1)) == ("任务" in nouns.group(2)):  # (two tasks' nouns, or two measures')
            continue
        gap = headline[nouns.end() : m.start()]
        if m.re is LISTED_DONE and count_between(nouns.end(), m.start()):
            continue
        if m.re is BOTH_RATES and count_between(after.get(at, nouns.end()), m.start()):
            continue
        if nouns.re is BOTH_NAMED and not (
                (m.re is BOTH_COUNTS and m.group(1).startswith("完成") or m.re is BOTH_RATES and m.group(1))
                and not count_between(after.get(at, nouns.end()), m.start())
                and not _done_before(headline, nouns.start()) and not _done_before(headline, nouns.start(), SOME_BEFORE)):
            continue  # (left to a warning: 整改任务共3项、具体措施4项，已完成1项、2项 without 分别)
        if not (_exact(headline, *m.span(2)) and _exact(headline, *m.span(3))):
            continue  # (完成率分别为33%、50%以上: left to a warning)
        total = m.group(1) in ("为", "有", "是", "共")
        if total and gap not in ("", "共", "总数", "数量"):  # (…中已完成和正在推进的分别为: no totals)
            continue
        runs_on = not re.search(rf"[\d{CLAUSE_MARK}]", gap) and not re.search(r"\d", nouns.group(0))
        span = (nouns.start() if runs_on else m.start(), m.end())
        first, second = ("tasks", "measures") if "任务" in nouns.group(1) else ("measures", "tasks")
        what = "total" if total else "done_percent" if m.re is BOTH_RATES else "done"
        for noun, value in ((first, m.group(2)), (second, m.group(3))):
            out.setdefault(f"{noun}_{what}", (span, int(value)))
        after[at] = m.end()
    return out


def _due_counts(headline: str, found: dict[str, re.Match | None]) -> dict[str, re.Match]:
    """The counts of what was due by a year's end, or within a range of years, in other reports' words
    (DUE_DONE, DUE_MEASURES), keyed as CLAIM_PATTERNS (and tasks_due_2019_2020_done, measures_due_2019_2020_done:
    a range's as a year's), for the keys whose patterns (`found`) read none: in the sentence of the tasks
    due (up to 。 or ；, or where what is due by another date is said), the tasks done in the clause after
    them, the measures due the first count of measures, their done in the clause after it (a clause ends
    where another count or another due date begins: COUNT_CLAUSE_END)."""
    out: dict[str, re.Match | None] = {}
    for years in ("2018", "2019_2020"):
        due = found[f"tasks_due_{years}"]
        if due is None:
            continue
        stop = SENTENCE_END.search(headline, due.end())
        end = stop.start() if stop else len(headline)
        # (…已完成1项，应于2019年、2020年完成的1项整改任务、1项具体措施: those measures the range's, not 2017's too)
        if following := NEXT_DUE.search(headline, due.end(), end):
            end = following.start()

        def done_after(at: int, end: int = end) -> re.Match | None:
            clause = COUNT_CLAUSE_END.search(headline, at, end)
            return DUE_DONE.search(headline, at, clause.start() if clause else end)

        out[f"tasks_due_{years}_done"] = done_after(due.end())
        if measures := DUE_MEASURES.search(headline, due.end(), end):
            out |= {f"measures_due_{years}": measures, f"measures_due_{years}_done": done_after(measures.end())}
    return {key: m for key, m in out.items() if m is not None and found.get(key) is None}


def _due_listed(headline: str, taken: list[tuple[int, int]]) -> list[tuple[str, tuple[int, int], int]]:
    """The counts of what was due by a year's end said as Jiangsu says them (DUE_LISTED), each (its key,
    tasks_due_YEAR or measures_due_YEAR, the span of its words, its count); `taken`: the spans of words
    another claim reads. Only the first of a sentence, and only where the sentence names one noun and no
    other count or 完成 comes between that noun and it: else whose, or which of them, is not said."""
    out = []
    at = 0  # (where the sentence of the last one ends: each sentence is looked at once, a long headline in linear time)
    while m := DUE_LISTED.search(headline, at):
        start = max([at] + [headline.rfind(c, at, m.start()) + 1 for c in "。；"])
        stop = SENTENCE_END.search(headline, m.end())
        at = stop.end() if stop else len(headline)
        nouns = list(NOUN_NAMED.finditer(headline, start, m.start()))
        kinds = {"任务" in n.group(0) for n in nouns} | ({"任务" in m.group(5)} if m.group(5) else set())
        if len(kinds) != 1 or COUNT_OR_DONE.search(headline, nouns[-1].end() if nouns else start, m.start()):
            continue  # (left to a warning)
        if not _exact(headline, *m.span(4)) or any(s < m.end(1) and m.start(1) < e for s, e in taken):
            continue
        if (by := _due_by(m.group(1))) is None:
            continue  # (no such day, 2022年6月31日前: left to a warning)
        out.append((f"{'tasks' if kinds == {True} else 'measures'}_due_{by}", m.span(1), int(m.group(4))))
    return out


def _claim_years(headline: str) -> dict[str, str]:
    """The years a claim key names ("2018" of tasks_due_2018, "2019_2020" of tasks_due_2019_2020)
    -> the years the headline's words give: the report of another year counts by other years."""
    years = {}
    m = re.search(DUE_BY_YEAR_END, headline)
    if m and (by := _due_by(m.group(0))) is not None:
        years["2018"] = by
    m = re.search(DUE_IN_YEARS, headline)
    if m:
        years["2019_2020"] = "_".join(re.findall(r"\d{4}", m.group(0)))
    return years


DUE_DAY = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:底|(\d{1,2})日)|底)前")


def _due_by(words: str) -> str | None:
    """What a claim key names of the day the words due by (DUE_BY_YEAR_END's) give: the year where it is the
    year's end ("2018" of 2018年底前, 2018年12月底前, 2018年12月31日前), else the day ("2022_06_30" of 2022年6月底前,
    2022年6月30日前: reconcile counts by it); None where the day is none (2022年6月31日前, 2022年13月底前)."""
    m = DUE_DAY.search(words)
    year, month, day = int(m.group(1)), int(m.group(2) or 12), m.group(3)
    try:
        by = date(year, month, int(day) if day else calendar.monthrange(year, month)[1])
    except (ValueError, calendar.IllegalMonthError):
        return None
    return str(year) if (by.month, by.day) == (12, 31) else f"{year}_{by.month:02}_{by.day:02}"
