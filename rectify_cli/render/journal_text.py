"""Plain text for the journal commands: what was written, the history table, the chain check;
validate's lines (the ledger valid, the entries and dates it warns of); import's warnings."""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from functools import cache, partial
from itertools import pairwise

from ..dates import nearest_months
from ..engine import Retractions, filter_values
from ..i18n import ENTRY, ENTRY_NOUN, STATUS, Lang, Notice, Word, any_of, few_of, label, names_listed, notice_text, word
from ..model import EntryState
from ..textsafe import clip, display_width, line_ends, printable, registry_words, shell_word

NOTE_WIDTH = 60  # display columns of a note in the history table; `show` prints it whole
QUIET_FILES_NAMED = 3  # (a national folder has 31 files: a few named, then their number)
# After a task's, a measure's or an extension's id (a column no narrow terminal or page cuts, unlike
# the deadline's): its (one of its measures') deadline holds only because it was moved after it had
# passed. ASCII: a mark of ambiguous width (※, †) is two cells wide in many Chinese terminals. A
# line under the table says what it means.
LATE_MARK = "*"


def extended_late_words(result, lang: Lang) -> str:
    """What follows a measure's state and the deadline it gives when a late extension moved a
    pending deadline of it (engine.MeasureResult): "（逾期后延期）" when that deadline is the one
    given, else "（另一期限逾期后延期）" (2020-12-31到期 said of a deadline never moved); else ""."""
    if not result.extended_late:
        return ""
    return label("status_extended_late" if result.next_due_extended_late else "status_extended_late_other", lang)


def extended_late_ends(lang: Lang) -> tuple[str, ...]:
    """Each of the words extended_late_words may end a line's state with."""
    return label("status_extended_late", lang), label("status_extended_late_other", lang)


def entry_kind(state: EntryState, milestone, lang: Lang) -> str:
    """What an entry records, as the journal's listings name it: a close of one step says which
    (`milestone`: its date, or that date as ISO text)."""
    return word(ENTRY, state, lang) + _step_of(state, milestone, lang)


def _step_of(state: EntryState, milestone, lang: Lang) -> str:
    """The step a close names, in brackets ("（2018-12-31到期的一步）"); else ""."""
    if state == EntryState.DONE and milestone is not None:
        return label("show_brackets", lang, text=label("closed_step", lang, day=str(milestone)))
    return ""


def retraction_text(entry, retractions: Retractions, lang: Lang) -> str:
    """What a retraction adds to its state, the entry it retracts ("（撤回 2019-03-01 销号）"), and
    what an entry retracted adds, "（已撤回）" (a retraction too, once retracted); else ""."""
    return _retracts_of(entry, retractions, lang) + marks_text(_retracted_mark(entry, retractions, lang), lang)


def marks_text(marks: list[str], lang: Lang) -> str:
    """An entry's marks in one bracket, "（逾期申请；2019-03-31补录）": "(retracted) (written
    2019-03-31)", two in a row, read as two asides; else ""."""
    return label("show_brackets", lang, text=label("show_detail_sep", lang).join(marks)) if marks else ""


def _retracts_of(entry, retractions: Retractions, lang: Lang) -> str:
    if entry.state == EntryState.RETRACTED and (target := retractions.named.get(entry.retracts)) is not None:
        return _retracts_text(target, lang)
    return ""


def _retracted_mark(entry, retractions: Retractions, lang: Lang) -> list[str]:
    return [label("retracted_word", lang)] if entry.hash is not None and entry.hash in retractions.voided else []


def _retracts_text(target, lang: Lang) -> str:
    if target.state == EntryState.RETRACTED:  # (撤回 2019-03-10 撤回误录 said 撤回 twice)
        what = label("retracts_retraction", lang, day=target.date.isoformat())
    else:
        what = label("retracts_entry", lang, entry=retracted_entry(target.state, target.milestone, target.date, lang))
    return label("show_brackets", lang, text=what)


def retracted_entry(state: EntryState, milestone, day, lang: Lang) -> str:
    """The entry a retraction voids, as history and the monthly summary name it: "2019-03-01 销号",
    "2019-03-01 closure" (a close of one step says which)."""
    entry = word(ENTRY_NOUN, state, lang)
    return label("retracted_entry", lang, day=day.isoformat(), entry=entry) + _step_of(state, milestone, lang)


def render_written(result, *, lang: Lang = Lang.zh, registry: str | None = None) -> str:
    """The entry written and the measure's state after it, then notices, then the new head hash.
    `registry`: the ledger as the command line named it (registry_words)."""
    f = result.fields
    what = entry_kind(EntryState(f["state"]), f.get("milestone"), lang)
    if "to" in f:
        what += f" → {f['to']}"
    if f.get("late"):
        what += label("written_late_flag", lang)
    if f.get("far_future"):  # (as history marks it)
        what += label("written_far_flag", lang)
    if result.retracted is not None:
        what += _retracts_text(result.retracted, lang)
    lines = [printable(f"{label('written', lang)} {result.measure} {f['date']} {what} — {effect_text(result.effect, lang)}",
                       single_line=True)]
    lines += [printable(f"  ! {notice_text(n, lang, prefix='notice_')}", single_line=True) for n in [*result.warnings, *_repeats(result, registry)]]
    created = label("journal_new_file", lang) if result.created else ""
    lines.append(printable(f"  {label('journal_head', lang)} {result.head}  {written_journal(result.journal, result.folder)}{created}",
                           single_line=True))
    return "\n".join(lines) + "\n"


def chain_broken_warning(result, *, lang: Lang = Lang.zh, registry: str | None = None) -> str:
    """For stderr: the journal just written to fails `verify` (WriteResult.broken), or was cut short
    in its last entry (WriteResult.cut_short), or ""."""
    journal = written_journal(result.journal, result.folder)
    said = []
    if result.broken is not None and result.broken != result.cut_short:  # (a break before the cut: both said)
        index, line = result.broken
        said.append(label("journal_chain_broken", lang, journal=journal, index=index, line=line,
                          registry=registry_words(registry)))
    if result.cut_short is not None:
        index, line = result.cut_short
        said.append(label("journal_cut_short_written", lang, journal=journal, index=index, line=line))
    return "".join(printable(f"rectify: {one}", single_line=True) + "\n" for one in said)


def by_not_responsible_warning(result, *, lang: Lang = Lang.zh, registry: str | None = None) -> str:
    """For stderr: the write's --by names none of the measure's units (WriteResult.units_apart), and
    the retract that voids it, or ""."""
    if not result.units_apart:
        return ""
    notice = Notice("by_not_responsible", {"measure": result.measure, "units": few_of(list(result.units_apart)),
                                           "by": result.fields["by"], "command_id": shell_word(result.measure),
                                           "new": result.head[:12], "registry": registry_words(registry)})
    return printable(f"rectify: {notice_text(notice, lang, prefix='notice_')}", single_line=True) + "\n"


def _repeats(result, registry: str | None) -> list[Notice]:
    """The earlier entry a write repeats exactly (WriteResult.repeats), by its date and hash, and
    how to retract the new one: a command run twice by mistake."""
    earlier = result.repeats
    if earlier is None:
        return []
    return [Notice("repeated_entry", {"date": earlier.date.isoformat(), "state": Word(ENTRY, earlier.state.value),
                                      "hash": (earlier.hash or "")[:12], "measure": shell_word(result.measure), "new": result.head[:12],
                                      "registry": registry_words(registry)})]


def written_journal(journal: str, folder: bool) -> str:
    """The journal a write went to (WriteResult's journal and folder), named as verify and the
    summary name it (gate.shown_file)."""
    from ..gate import shown_file

    return shown_file(journal, folder=folder)


def ledger_warnings(last_update, as_of, stale_files, period: int, lang: Lang, *, feedback=None,
                    paths=None, unbegun=()) -> list[str]:
    """What status's header and the summary's overview warn of: the ledger's journal gone a
    reporting period without being written to as of `as_of` (`last_update`: engine.last_update; or
    without any entry a period after `feedback`), then a folder's quiet files (quiet_journals, named by `paths`), not the file
    written to that day again (the same fact), but counting it. Before the `feedback` date (of a
    folder, its earliest), only that rectification had not begun; after it, first each of the
    `unbegun` files (engine.unbegun_files) whose own feedback is later still."""
    begun = feedback_notes(as_of, feedback, unbegun, lang, paths)
    if feedback is not None and as_of < feedback:  # (no entry could be there yet: that the ledger has none is no news)
        return begun
    ledger = _ledger_quiet(last_update, as_of, period, lang, feedback)
    if ledger is None:
        return [*begun, *quiet_journals(stale_files, period, lang, paths=paths)]
    others = [f for f in stale_files if f.latest_entry is None or f.since != last_update]
    return [*begun, ledger, *quiet_journals(others, period, lang, total=len(stale_files), paths=paths)]


def feedback_notes(as_of, feedback, unbegun, lang: Lang, paths=None) -> list[str]:
    """Before the `feedback` date (of a folder, its earliest), that rectification had not begun;
    after it, of each of the `unbegun` files (engine.unbegun_files, named by `paths`), that its
    had not. Status's header and check say them (ledger_warnings)."""
    if feedback is not None and as_of < feedback:
        return [label("status_before_feedback", lang, as_of=as_of.isoformat(), feedback=feedback.isoformat())]
    return _files_before_feedback(unbegun, as_of, lang, paths or {})


def _files_before_feedback(unbegun, as_of, lang: Lang, paths) -> list[str]:
    """A line for each of a folder's files whose plan had not begun on `as_of`, a few, then how many."""
    lines = [label("status_file_before_feedback", lang, as_of=as_of.isoformat(),
                   file=printable(paths.get(f.file, f.file), single_line=True), feedback=f.feedback.isoformat())
             for f in unbegun[:QUIET_FILES_NAMED]]
    if len(unbegun) > QUIET_FILES_NAMED:
        lines.append(label("status_files_before_feedback_more", lang, n=len(unbegun)))
    return lines


def _ledger_quiet(last_update, as_of, period: int, lang: Lang, feedback=None) -> str | None:
    """A plain sentence when the journal has not been written to for a whole period; one without
    any entry counted from the `feedback` day, as a folder's file without one is (engine.FileStanding)."""
    since = last_update or feedback
    days = None if since is None else (as_of - since).days
    if days is not None and days <= period:
        return None
    if last_update is None:
        return label("status_no_entries_warning", lang)
    months = nearest_months(last_update, as_of)  # (约 N 个月, about N months: to the nearest)
    if months == 0:
        return label("status_not_updated_warning_days", lang, days=days, period=period)
    return label("status_not_updated_warning", lang, days=days, months=months, period=period)


# The filters of a command, by kind (owner, region, task, state), as its command line gave them.
Filters = dict[str, Sequence[str]] | None


def filter_pairs(filters: Filters, units, lang: Lang, shown: Callable[[str], str] | None = None) -> list[str]:
    """The filters in force, one pair a kind given ("责任单位 拉萨市、曲水县"), as status's header
    and check's report say them: the names of filter_values, states in words. Each name is
    registry text, as `shown` makes it (by default one line, controls escaped: a format escapes
    its own markup), never interpreted."""
    shown = shown or partial(printable, single_line=True)
    pairs = []
    for kind, values in filter_values(filters, units).items():
        names = list(dict.fromkeys(shown(word(STATUS, v, lang) if kind == "state" else v) for v in values))
        # (the measures of any of them, as summary says it)
        pairs.append(label(f"status_filter_{kind}", lang, names=any_of(names, lang)))
    return pairs


def quiet_journals(stale_files, period: int, lang: Lang, *, total: int | None = None, paths=None) -> list[str]:
    """A line for each of a folder's plan files whose journal went a reporting period without an
    entry (engine.stale_files: stalest first), a few of them, then how many there are in all:
    `total` when `stale_files` leaves out one a warning before these already covers. `paths`: each
    file by its name in the folder, as the header names it (gate.file_paths); else that name."""
    paths = paths or {}
    lines = []
    for standing in stale_files[:QUIET_FILES_NAMED]:
        key = "status_file_quiet" if standing.latest_entry else "status_file_never"
        file = paths.get(standing.file, standing.file)
        lines.append(label(key, lang, file=printable(file, single_line=True), date=standing.since.isoformat(),
                           days=standing.days, period=period))
    if len(stale_files) > QUIET_FILES_NAMED:
        lines.append(label("status_files_quiet_more", lang, n=len(stale_files) if total is None else total))
    return lines


FILES_NAMED = 3  # a folder of more plan files is shown as itself and their number


def many_files(registry, lang: Lang) -> str | None:
    """A folder of more than FILES_NAMED plan files as status's header and validate name it,
    the folder and their number ("national/（31 个文件）"); None where each file is named."""
    from ..gate import display_path

    if registry.folder is None or len(registry.plan_files) <= FILES_NAMED:
        return None
    folder = os.path.join(display_path(registry.folder), "")
    return printable(folder, single_line=True) + label("status_folder_files", lang, n=len(registry.plan_files))


def validated_line(registry, *, bundled: bool, lang: Lang, width: int | None = None) -> str:
    """validate's one line for a valid `registry`: its files (a folder of many: the folder and
    how many, many_files), `bundled` the example fallen back to said so as status says it,
    then how many tasks, measures and journal entries it holds. `width`: a terminal's, wrapped
    as check's lines are, never inside a path (a file or a pipe: None, one whole line)."""
    from ..gate import shown_file

    files = many_files(registry, lang) or names_listed([shown_file(file, folder=registry.folder is not None)
                                                        for file in registry.plan_files], lang)
    if bundled:
        files += label("bundled_ledger", lang)
    measures = sum(len(task.measures) for task in registry.plan.tasks)
    line = printable(label("validate_ok", lang, files=files, tasks=len(registry.plan.tasks), measures=measures,
                           entries=len(registry.journal)), single_line=True)
    return line if width is None else _clauses_wrapped(line, len(printable(files, single_line=True)), width)


# (where a message's clauses end: after a list's 、 or comma, after ；，：, after a dash)
_CLAUSE_ENDS = re.compile(r"(?<=[、，；：])|(?<=——)|(?<=[,;:] )|(?<= — )")


def _clauses_wrapped(line: str, start: int, width: int) -> str:
    """`line` wrapped to `width` cells as check's lines are: to `start` between its files, after it
    between its clauses, each whole where it fits a line (`10条进展记` / `录`, `无` / `误；台账哈` / `希`
    were cut)."""
    if display_width(line) <= width:
        return line
    from .linebreak import joined_out, unbroken, wrapped

    # (each file whole too: wrapped keeps ASCII paths whole only, `整改台账/` / `tasks.yaml` was cut; whole
    # where it fits a line, the `：` after it then starting the next, not `整改台账/tasks.yam` / `l：` at 20
    # columns; wider, at its spaces, and a word of it wider still after a slash, not `西藏自治区整改台账/t` /
    # `asks.yaml`; the bundled ledger's bracket apart from the file)
    files, clauses = re.split(r"(?<=、)|(?<=, )|(?=（)|(?<= )(?=\()", line[:start]), _CLAUSE_ENDS.split(line[start:])
    text, wholes = "", []
    for file in files:
        if display_width(file) <= width:
            wholes.append((len(text), len(text) + len(unbroken(file))))
            text += unbroken(file)
            continue
        # (a line may break after a slash of a word wider than a line, else at the spaces between words)
        slashes = [at + 1 for word in re.finditer(r"\S+", file) if display_width(word.group()) > width
                   for at in range(word.start(), word.end() - 1) if file[at] == "/"]
        text += "".join(unbroken(file[at:end]) for at, end in pairwise([0, *slashes, len(file)]))
    text += "".join(map(unbroken, clauses))
    return "\n".join(map(joined_out, wrapped(text, width, wholes=wholes)))


def _hash_kept(line: str, start: int, head: str, width: int | None) -> str:
    """`line`, ending with the hash `head` after its name, wrapped to `width` (_clauses_wrapped),
    the hash never broken (it is pasted into --since-head): with its name on a line of their own
    where they fit one and not the line before, else alone."""
    if width is None or display_width(line) <= width or not line.endswith(head):
        return line
    rest, tail = line[:-len(head)].rstrip(), head
    clauses = _CLAUSE_ENDS.split(rest[start:])
    if len(clauses) > 1 and display_width(clauses[-1]) + 1 + len(head) <= width:
        rest, tail = rest[:-len(clauses[-1])].rstrip(), f"{clauses[-1]} {head}"
    *lines, last = _clauses_wrapped(rest, start, width).split("\n")
    return "\n".join([*lines, *([f"{last} {tail}"] if display_width(last) + 1 + display_width(tail) <= width
                               else [last, tail])])


# (of a journal pasted in again, the first few named, the others counted)
_REPEATS_NAMED = 10


def repeated_warnings(repeats, *, folder: bool, lang: Lang, registry: str | None = None) -> list[str]:
    """validate's warning lines for journal entries repeating an earlier one exactly
    (journal_checks.repeated_entries: (place, entry, earlier)), each at its file and line. One
    rectify wrote (hashed) is retracted, as its write said: deleted, the chain after it breaks.
    `registry`: the ledger as the command line named it (registry_words)."""
    def values(entry, earlier) -> dict:
        then = (label("validate_repeated_retract", lang, measure=shell_word(entry.measure), new=entry.hash[:12],
                      registry=registry_words(registry)) if entry.hash
                else label("validate_repeated_delete", lang))
        return {"first": earlier.location.line, "then": then}

    return _entry_warnings(repeats, "validate_repeated", {}, values, folder=folder, lang=lang)


def far_warnings(far, *, folder: bool, lang: Lang) -> list[str]:
    """validate's and status's warning lines for extensions more than FAR_YEARS after the
    deadline they move (journal_checks.far_extensions: (place, entry, deadline)), each at its
    file and line. One typed by hand is told how to confirm it (far_future: true); one rectify
    wrote (hashed) is not: the key added, the chain after it breaks. Then those confirmed
    (far_future: true) though not that far: the key is to be deleted."""
    from ..journal_checks import FAR_YEARS

    def values(entry, due) -> dict:
        then = label("validate_far_leave" if entry.hash else "validate_far_confirm", lang)
        return {"due": due.isoformat(), "to": entry.to.isoformat(), "then": then}

    common = {"years": FAR_YEARS}
    return (_entry_warnings([f for f in far if not f[1].far_future], "validate_far", common, values,
                            folder=folder, lang=lang)
            + _entry_warnings([f for f in far if f[1].far_future], "validate_far_needless", common,
                              lambda entry, due: {"due": due.isoformat(), "to": entry.to.isoformat()},
                              folder=folder, lang=lang))


def early_deadline_warnings(found, *, folder: bool, lang: Lang) -> list[str]:
    """validate's and status's warning lines for deadlines before the inspection's feedback
    (validation.deadlines_before_feedback: (task or measure, due, feedback)), each at the line of
    its task or measure, the first _REPEATS_NAMED named, the others counted."""
    from ..gate import shown_file
    from ..model import Measure

    def said(found_one) -> dict:
        item, due, feedback = found_one
        where = item.location
        who = (label("import_of_measure", lang, measure=item.id) if isinstance(item, Measure)
               else label("validate_of_task", lang, task=item.id))
        return {"place": "" if where is None else f"{shown_file(where.file, folder=folder)}:{where.line}", "who": who,
                "due": due.isoformat(), "feedback": feedback.isoformat()}

    return _named_then_counted(found, "validate_due_before_feedback", {}, said, lang=lang)


def _entry_warnings(found, key: str, common: dict, values, *, folder: bool, lang: Lang) -> list[str]:
    """Warning lines `key` for journal entries found wanting ((place in its journal, entry, what
    else it names)), each at its file and line (_named_then_counted); `common`: values of both
    labels, `values(entry, what else)`: the line's own."""
    from ..gate import shown_file

    def said(found_one) -> dict:
        index, entry, more = found_one
        return {"place": f"{shown_file(entry.location.file, folder=folder)}:{entry.location.line}", "index": index,
                "measure": entry.measure, "date": entry.date.isoformat(), **values(entry, more)}

    return _named_then_counted(found, key, common, said, lang=lang)


def _named_then_counted(found, key: str, common: dict, said, *, lang: Lang) -> list[str]:
    """Warning lines `key`, the first _REPEATS_NAMED of `found` each with the values `said(it)`
    gives, then `key`_more counting the others; `common`: values of both labels."""
    lines = [printable("rectify: " + label(key, lang, **common, **said(one)), single_line=True)
             for one in found[:_REPEATS_NAMED]]
    if len(found) > _REPEATS_NAMED:
        lines.append("rectify: " + label(f"{key}_more", lang, count=len(found) - _REPEATS_NAMED, **common))
    return lines


def render_refusal(notice: Notice, *, lang: Lang = Lang.zh) -> str:
    """Why a request was refused (a refusal's Notice, see i18n.refusal: a write's, or a reading
    command's), in `lang`: one line, which the command line prints after `rectify: `."""
    return notice_text(notice, lang, prefix="refused_")


def effect_text(effect, lang: Lang) -> str:
    """'截至2019-04-30：逾期212天（期限2018-09-30）' and the like."""
    if effect.status == "overdue":
        text = label("effect_overdue", lang, days=effect.days_overdue, due=effect.next_due.isoformat())
    elif effect.status == "done":
        text = label("effect_done", lang)
    elif effect.status == "ongoing":
        text = label("effect_ongoing_closed" if effect.closed else "effect_ongoing", lang)
        if effect.stale:
            text += label("effect_stale", lang)
    else:
        text = label("effect_pending", lang, status=word(STATUS, effect.status, lang), due=effect.next_due.isoformat())
    return label("effect_as_of", lang, date=effect.as_of.isoformat()) + text


def extension_parts(entry, lang: Lang) -> list[tuple[str, str, str]]:
    """Why an extension was granted and who approved it, as `show` words them (raw text), each as the
    words before the registry's value, the value, the words after (`理由：`, `资金未到位`, ``): show
    breaks a line between words and value only where the whole does not fit."""
    if entry.state != EntryState.EXTENDED:
        return []
    return [worded(key, lang, value) for key, value in (("show_reason", entry.reason),
                                                         ("show_approved_by", entry.approved_by)) if value]


def worded(key: str, lang: Lang, value: str, name: str = "text") -> tuple[str, str, str]:
    """label(key, lang, name=value) as the words before `value`, `value`, and the words after it."""
    before, _, after = label(key, lang, **{name: "\0"}).partition("\0")
    return before, value, after


def _note_cell(entry, lang: Lang, width: int = NOTE_WIDTH) -> str:
    """The note, and for an extension its reason and approving unit in brackets, as `show`
    has them; at most `width` cells, of which the note keeps at least a third. The reason is cut
    (at a word) before the unit, which never is: where even `理由：…` leaves it no room, the cell
    is wider than `width` (on a terminal, _fitted then puts the notes under their entries)."""
    note = printable(line_ends(entry.note or ""), single_line=True)
    if not extension_parts(entry, lang):
        return clip(note, width)
    # (the brackets label carries its own leading space where a language wants one)
    whole = label("show_brackets", lang, text=_extension_text(entry, lang, None))
    if note:  # cut the note first: the brackets are what the row is about
        note = clip(note, max(width - display_width(whole), width // 3))
    around = display_width((note + label("show_brackets", lang, text="")).strip()) - display_width(note)
    return (note + label("show_brackets", lang, text=_extension_text(entry, lang, width - display_width(note) - around))).strip()


def _extension_text(entry, lang: Lang, room: int | None, *, reason: str | None = None) -> str:
    """An extension's reason and approving unit joined as `show` joins them (extension_parts;
    `reason`: the words before the reason instead of show's `理由：`), in `room` cells (None: whole)
    where cutting the reason at a word lets them, the reason keeping a third of them (as a note in
    its cell). The approving unit, who granted the new date, is never cut (`批准：自…` and `approve…`
    named no one): beside a long one, the text is wider than `room`."""
    from ..textsafe import ELLIPSIS

    parts = [[before, printable(value, single_line=True), after] for before, value, after in extension_parts(entry, lang)]
    if reason is not None and entry.reason:
        parts[0][0] = reason
    sep = label("show_detail_sep", lang)
    text = sep.join(map("".join, parts))
    if room is None or display_width(text) <= room or not entry.reason:
        return text
    from .linebreak import cut_at_break  # (Rich's cell widths and uniseg: off the start-up, only when cut)

    before, value, after = parts[0]
    kept = max(room - display_width(text) + display_width(value), room // 3 - display_width(before + after))
    parts[0][1] = cut_at_break(value, kept) or ELLIPSIS
    return sep.join(map("".join, parts))


# On a terminal, the cells a note needs beside its entry to say something (ten Chinese
# characters): with less, each note (and evidence) goes on lines of its own under its entry.
NOTE_MIN = 20
_MEASURE, _STATE, _BY, _NOTE, _EVIDENCE = 1, 2, 3, 4, 5
_WRAP_MIN = len("2019-03-31")  # (the fewest cells an entry is wrapped in beside its date and id: a date's)  # (columns of the history: date, measure, state, by, note, evidence)


def _history_row(entry, lang: Lang, retractions: Retractions) -> list[str]:
    """An entry's cells, its note and evidence cut to NOTE_WIDTH."""
    state = entry_kind(entry.state, entry.milestone, lang)
    if entry.to is not None:
        state += f" → {entry.to.isoformat()}"
    # (what it retracts goes with the state as in show; then its marks, in one bracket, when it was written last;
    # far_future: confirmed, not the mistyped year validate warns of)
    marks = [label(key, lang) for key, marked in (("show_late", entry.late), ("show_far_future", entry.far_future))
             if marked]
    marks += _retracted_mark(entry, retractions, lang)
    if entry.recorded is not None:
        marks.append(label("recorded_on", lang, day=entry.recorded.isoformat()))
    state += _retracts_of(entry, retractions, lang) + marks_text(marks, lang)
    return [entry.date.isoformat(), printable(entry.measure, single_line=True), state,
            printable(entry.by or "", single_line=True), _note_cell(entry, lang),
            clip(printable(line_ends(entry.evidence or ""), single_line=True), NOTE_WIDTH)]


class _Widths(dict):
    """Text -> its display width, each text measured once (a long history's ids, states and
    units repeat)."""

    def __missing__(self, text: str) -> int:
        self[text] = width = display_width(text)
        return width


def _widest(widths: _Widths, headers: list[str], rows: list[list[str]], column: int) -> int:
    return max(widths[text] for text in [headers[column], *(row[column] for row in rows)])


def _aligned(widths: _Widths, headers: list[str], rows: list[list[str]], columns: list[int]) -> list[str]:
    """`columns` of the table, each as wide as its widest cell, two spaces apart, no trailing
    spaces: the header, its rule, then a line per row."""
    sizes = [_widest(widths, headers, rows, i) for i in columns]

    def line(cells: list[str]) -> str:
        return "  ".join(cells[i] + " " * (size - widths[cells[i]]) for i, size in zip(columns, sizes)).rstrip()

    return [line(headers), "  ".join("-" * size for size in sizes), *map(line, rows)]


def _shares(natural: dict[int, int], room: int) -> dict[int, int]:
    """Cells for the note and evidence (those in `natural`, by their widest cells) out of
    `room`: the evidence at most a third of it unless the note needs less, the note the rest."""
    shares = {}
    if _EVIDENCE in natural:
        note = natural.get(_NOTE, 0)
        shares[_EVIDENCE] = min(natural[_EVIDENCE], max(room // 3, room - note) if note else room)
    if _NOTE in natural:
        shares[_NOTE] = min(natural[_NOTE], room - shares.get(_EVIDENCE, 0))
    return shares


def filled_columns(rows: list[list[str]]) -> list[int]:
    """The columns of a table of entries worth showing on a terminal: those with a cell in some
    row (a column empty in every row, most often the unit's, took 6 to 12 cells for its header)."""
    return [i for i, cells in enumerate(zip(*rows)) if any(cells)]


def _fitted(headers: list[str], rows: list[list[str]], entries, lang: Lang, width: int) -> list[str]:
    """The table for a terminal `width` cells wide, each line within it. A column empty in every
    row is left out (filled_columns), the unit is cut to a sixth of the width (or to what the
    other columns leave, when more: _unit_widened), and the date, id
    and state are as wide as their cells; the note and evidence share
    what is left (_shares). Where that leaves either under NOTE_MIN cells, they go on lines of
    their own under their entry, with the whole width, and so does the unit where the entry
    leaves it no room for its header, and the entry where it does not fit beside its date and id
    (_state_under); an id that does not fit beside its date (a folder's, `新疆维吾尔自治区:35.3`) goes on
    the line under it, whole, the entry and all under both. A line that still does not fit (a terminal
    narrower than an entry's date, id and state) is cut."""
    by = max(display_width(headers[_BY]), width // 6)
    whole, rows = rows, [[*row[:_BY], clip(row[_BY], by), *row[_BY + 1:]] for row in rows]
    widths = _Widths()
    shown = filled_columns(rows)
    fixed = [i for i in shown if i < _NOTE]
    natural = {i: _widest(widths, headers, rows, i) for i in shown if i >= _NOTE}
    room = width - sum(_widest(widths, headers, rows, i) for i in fixed) - 2 * (len(shown) - 1)
    shares = _shares(natural, room)
    if room >= 0 and all(share >= min(NOTE_MIN, natural[i]) for i, share in shares.items()):
        widened = _unit_widened(widths, headers, rows, whole, room - sum(shares.values())) if _BY in fixed else rows
        cut = [[*row[:_NOTE], _note_cell(entry, lang, shares.get(_NOTE, 0)), clip(row[_EVIDENCE], shares.get(_EVIDENCE, 0))]
               for row, entry in zip(widened, entries)]
        # (a cell too narrow for an extension's approving unit, which is never cut: the notes go under their entries)
        if _NOTE not in shares or all(widths[row[_NOTE]] <= shares[_NOTE] for row in cut):
            return _aligned(widths, headers, cut, shown)
    # (from here an entry may wrap: at its words, never inside one; the joiners are taken out below)
    whole, rows = ([[*row[:_STATE], entry_words_whole(row[_STATE], lang), *row[_STATE + 1:]] for row in table]
                   for table in (whole, rows))
    under = list(natural)
    # (an id cut, `新疆维…`, names no measure: it goes under its date, as status keeps ids whole)
    stacked = _widest(widths, headers, rows, 0) + 2 + _widest(widths, headers, rows, _MEASURE) > width
    if stacked:
        fixed.remove(_MEASURE)
    state_under = stacked or _state_under(widths, headers, rows, fixed, width)
    if state_under:  # (first under the row: it is what the entry is)
        fixed.remove(_STATE)
        under.insert(0, _STATE)
    taken = sum(_widest(widths, headers, [*rows, *whole], i) + 2 for i in fixed) - 2  # (each unit whole)
    if _BY in fixed and (state_under or taken > width):
        # (a unit cut to `…`, header and all, says nothing: it goes under the entry, after the note, as in
        # show; and so does one beside a date and measure whose entry is under them, and one the table
        # would cut, `Edge Environm…` at 86 columns where 85 had it whole under its entry)
        fixed.remove(_BY)
        under.insert(under.index(_NOTE) + 1 if _NOTE in under else int(state_under), _BY)
        rows = whole  # (there with the whole width, as a note)
    elif _BY in fixed:
        taken = sum(_widest(widths, headers, rows, i) + 2 for i in fixed) - 2
        rows = _unit_widened(widths, headers, rows, whole, width - taken)
    lines = _with_notes_under(widths, headers, rows, entries, fixed, under, lang, width)
    from .linebreak import joined_out  # (Rich's cell widths: off the start-up of the writing commands)

    return [clip(joined_out(line), width) for line in lines]


# (an entry's cell holds i18n's words and dates, never registry text: a run of Chinese characters is a word)
_CHINESE_WORD = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")


def entry_words_whole(state: str, lang: Lang) -> str:
    """An entry's cell with no line break inside a word (`unbroken`): a run of Chinese characters
    (`推进` / `中`, `撤` / `回` were split at 30-36 columns), an entry's name of two words (`in` /
    `progress`, `progress` / `note`), a day with the words that say what it is (`written 2026-12-02`,
    `2026-12-02补录`, `step due 2018-12-31`): a bracket too wide for a line breaks between its parts,
    `(retracted;` / `written 2026-12-02)`, not `(retracted; written` / `2026-12-02)` (at 28-31 columns)."""
    from .linebreak import unbroken

    for name in {word(names, kind, lang) for names in (ENTRY, ENTRY_NOUN) for kind in EntryState}:
        if " " in name:
            state = state.replace(name, unbroken(name))
    state = _dated_words(lang).sub(lambda dated: unbroken(dated.group()), state)
    return _CHINESE_WORD.sub(lambda run: unbroken(run.group()), state)


@cache
def _dated_words(lang: Lang) -> re.Pattern:
    """The day an entry was written on and the step a close names, each with its words
    (recorded_on, closed_step), as an entry's cell has them."""
    said = [worded(key, lang, "", "day") for key in ("recorded_on", "closed_step")]
    return re.compile("|".join(re.escape(before) + r"\d{4}-\d\d-\d\d" + re.escape(after) for before, _, after in said))


def _state_under(widths: _Widths, headers: list[str], rows: list[list[str]], fixed: list[int], width: int) -> bool:
    """Whether the entries go under their date and measure: beside them, the header was cut to `…`
    (at 20-27 columns, every entry with it), or a piece of an entry a line may not break inside (up to
    the width under them) folded, `（` / `2019-06-30` / `补录）` in 10 cells, or a bracket broken that
    the line under them holds whole, `销号（2020-06-30` / `到期的一步）` in 22."""
    if _STATE not in fixed:
        return False
    room = width - sum(_widest(widths, headers, rows, i) + 2 for i in fixed if i not in (_STATE, _BY))
    if room < widths[headers[_STATE]]:
        return True
    long = {row[_STATE] for row in rows if widths[row[_STATE]] > room}  # (one that fits is not broken)
    if long and room < _WRAP_MIN:  # (_state_lines wraps in no less: 推进中 was cut to 推进… beside a province's id)
        return True
    # (a bracket too, a date's: beside 22 cells `销号（2020-06-30` / `到期的一步）` was broken, whole under them)
    return any(_widest_kept(state, width - 2) > room for state in long)


def _widest_kept(state: str, most: int) -> int:
    """The widest piece of an entry a line keeps whole where it fits (its words, its bracket groups:
    `（2020-06-30到期的一步）`), of those up to `most` cells."""
    from .linebreak import shape, widest_kept  # (Rich's cell widths: off the start-up of the writing commands)

    return widest_kept(shape(state), most, groups_from=0)


def _unit_widened(widths: _Widths, headers: list[str], rows: list[list[str]], whole: list[list[str]],
                  spare: int) -> list[list[str]]:
    """`rows` with the unit cut `spare` cells wider (whole at most): the cells the other columns
    leave go to it, or a wider terminal showed less of a long unit than a narrow one (under its entry)."""
    if spare <= 0:
        return rows
    by = _widest(widths, headers, rows, _BY) + spare
    return [[*row[:_BY], clip(full[_BY], by), *row[_BY + 1:]] for row, full in zip(rows, whole)]


def _with_notes_under(widths: _Widths, headers: list[str], rows: list[list[str]], entries, columns: list[int],
                      under: list[int], lang: Lang, width: int) -> list[str]:
    """`columns` as a table, each row followed by its cells of the columns `under` (the note and
    evidence), each named and indented, wrapped to `width` where a line may break. A state wider
    than the date and id leave it goes on under its start (_state_lines). Without the id (`columns`
    but the date: _fitted), each id goes on the line under its date, and its header under the date's."""
    from .linebreak import fewest_breaks_width, wrapped

    states = _state_lines(widths, headers, rows, columns, width)
    table = _aligned(widths, headers, [[*row[:_STATE], piece, *row[_STATE + 1:]] if not n else ["", "", piece, "", "", ""]
                                       for row, pieces in zip(rows, states) for n, piece in enumerate(pieces)], columns)
    lines, rest = table[:2], iter(table[2:])
    # (a note or evidence under its row: as much as a line holds, or a table's cell when more; wrapped, not
    # cut at the edge, which read `批准：Edge Environment…`)
    most = max(NOTE_WIDTH, width - 2)
    stacked = _MEASURE not in columns
    if stacked:  # (the rule as wide as the wider of dates and ids, down to the width)
        lines = [table[0], headers[_MEASURE], "-" * min(width, max(len(table[1]), _widest(widths, headers, rows, _MEASURE)))]
    for row, entry, pieces in zip(rows, entries, states):
        lines.extend(next(rest) for _ in pieces)
        if stacked:  # (folded only where wider than the terminal, never cut)
            lines += _id_lines(row[_MEASURE], width)
        for column in (i for i in under if row[i]):
            if column == _STATE:  # (whole, wrapped at its words where it can be: the entry is what the row is)
                entry_line = label("history_under_row", lang, name=headers[_STATE], text=row[_STATE])
                fit = fewest_breaks_width([entry_line], _widest_kept(entry_line, width - 2) or width - 2, width - 2,
                                          narrowest=False, groups=True)
                lines += ["  " + line for line in wrapped(entry_line, fit, groups=True)]
                continue
            if column == _NOTE:
                lines += ["  " + line for line in _notes_under(entry, lang, most, width - 2)]
                continue
            if column == _EVIDENCE:  # (whole, as the note: the row's cell was cut to NOTE_WIDTH for a table)
                named = label("history_under_row", lang, name=headers[column], text="")
                evidence = printable(line_ends(entry.evidence or ""), single_line=True)
                lines += ["  " + line for line in _cut_at_line_end(named + evidence, display_width(named) + most, width - 2)]
                continue
            lines += ["  " + line for line in wrapped(label("history_under_row", lang, name=headers[column], text=row[column]),
                                                        width - 2)]  # (the unit whole)
    return lines


def _id_lines(measure: str, width: int) -> list[str]:
    """An id on the lines under its date: whole where it fits, else broken after its file's name
    (`新疆维吾尔自治区:` / `18.4`, folded `新疆维吾尔自治` / `区:18.4`), a name wider than the line
    folded as text is; the number never split."""
    from .linebreak import wrapped

    file, colon, number = measure.rpartition(":")
    if not colon or display_width(measure) <= width:
        return wrapped(measure, width)
    *lines, last = wrapped(file + colon, width)
    if display_width(last + number) <= width:  # (a name folded: its number after its last piece)
        return [*lines, last + number]
    return [*lines, last, *wrapped(number, width)]


def _notes_under(entry, lang: Lang, most: int, room: int) -> list[str]:
    """The note's lines under its entry, wrapped to `room` cells: the note by its name, cut after
    `most` cells (_cut_at_line_end), then an extension's reason and approving unit, by theirs, in
    `most` cells where cutting the reason lets them (_extension_text: the unit never cut). A
    retraction's note is why it was written: named a reason (both read 进展：, which they are not)."""
    from .linebreak import wrapped

    note = printable(line_ends(entry.note or ""), single_line=True)
    name = label("journal_reason" if entry.state == EntryState.RETRACTED else "journal_note", lang)
    lines = _cut_at_line_end(label("history_under_row", lang, name=name, text=note), most, room) if note else []
    if extension_parts(entry, lang):
        reason = label("history_under_row", lang, name=label("journal_reason", lang), text="")
        details = wrapped(text := _extension_text(entry, lang, most, reason=reason), room)
        # (the lines a long unit takes anyway filled with the reason, as far as its breaks let it: beside
        # the unit it was cut to `Land…`; a few tries, uniseg being slow)
        if text != _extension_text(entry, lang, None, reason=reason):
            for fill in range(len(details) * room, most, -max(room // 4, 1))[:4]:
                if len(fuller := wrapped(_extension_text(entry, lang, fill, reason=reason), room)) <= len(details):
                    return lines + fuller
        lines += details
    return lines


def _cut_at_line_end(text: str, cut: int, room: int) -> list[str]:
    """`text` (one line) wrapped to `room` cells and cut after `cut` cells, at the end of the line
    the cut falls on, filled to it and ending in … (cut at `cut` cells, then wrapped, the last line
    read `工…` or `2027…`); whole where that line is its last."""
    from ..textsafe import ELLIPSIS, cut_end
    from .linebreak import cut_at_break, wrapped

    # (wrapped only a little past that line: uniseg is slow, and a note may be 10,000 characters)
    part = clip(text, cut + room + 8)
    more = part != text
    part = part[:-len(ELLIPSIS)] if more else text
    lines = wrapped(part, room)
    shown, at = 0, 0  # (the cells of the lines so far, and where the line starts in `part`)
    for n, line in enumerate(lines):
        shown += display_width(line)
        if n == len(lines) - 1 and not more:
            break
        if shown >= cut or n == len(lines) - 1:
            # (its pieces as wrapped found them; of a part cut short, the last maybe part of a word)
            end = cut_at_break(part, room, start=part.index(line, at), whole=not more)
            # (else a piece wider than a line, folded: cut where it was, at a character)
            folded = clip(line, room - display_width(ELLIPSIS))
            return [*lines[:n], end or (folded if folded != line else cut_end(line))]
        at = part.index(line, at) + len(line)
    return lines


def _state_lines(widths: _Widths, headers: list[str], rows: list[list[str]], columns: list[int],
                 width: int) -> list[list[str]]:
    """Each row's state in the lines that leave the date and id their cells, wrapped where a line
    may break: a step's close (`closed (step due 2018-12-31)`, 28 cells) was cut at 40 columns,
    its date and all. Where that leaves no room for a date, the state as it is (and cut). Each in
    as few lines as the room allows, breaking fewest words (fewest_breaks_width; the widest such, as
    the notes are under the table): filled to the room they read `（逾` / `期申请）`, `补` / `录）`."""
    room = width - sum(_widest(widths, headers, rows, i) + 2 for i in columns if i != _STATE)
    if _STATE not in columns or _widest(widths, headers, rows, _STATE) <= room or room < _WRAP_MIN:
        return [[row[_STATE]] for row in rows]
    from .linebreak import fewest_breaks_width, shape, wrapped  # (Rich's cell widths: off the start-up)

    fits: dict[str, int] = {}  # (by its shape: entries of other days break alike, and uniseg is slow)
    for state in {shape(row[_STATE]) for row in rows if widths[row[_STATE]] > room}:
        fits[state] = fewest_breaks_width([state], min(room, _widest_kept(state, width)) or room, room,
                                          narrowest=False, groups=True)
    # (a bracket that fits the column whole: beside 18 cells it read `销号（2019-06-30` / `补录）`)
    return [wrapped(row[_STATE], fits[shape(row[_STATE])], groups=True) if widths[row[_STATE]] > room
            else [row[_STATE]] for row in rows]


def render_history(entries, *, lang: Lang, width: int | None = None, journal=(), asked=None) -> str:
    """A plain aligned table, newest first: date, measure, state, by, note, evidence. `width`:
    a terminal's, which each line fits (_fitted); None (piped): every column, notes and
    evidence whole up to NOTE_WIDTH cells. `journal`: the whole, whose retractions the table
    says, marking the entries they void and saying what each retracts. `asked`
    (journal.History): of none, the measure or task and the day they were asked of."""
    if not entries:
        return _no_entries(asked, lang) + "\n"
    headers = [label(k, lang) for k in ("journal_date", "measure", "journal_state", "journal_by", "journal_note",
                                        "journal_evidence")]
    retractions = Retractions.of(journal)
    rows = [_history_row(e, lang, retractions) for e in entries]
    if width is not None:
        return "\n".join(_fitted(headers, rows, entries, lang, width)) + "\n"
    from .summary_text import table  # (tabulate: 40 ms, off the start-up of the writing commands and show)

    return table(headers, rows) + "\n"  # (200,000 entries: a few seconds less than tabulate)


def _no_entries(asked, lang: Lang) -> str:
    """没有记录, of the measure or task and since the day asked of: not read as an empty journal."""
    item, since = (asked.item, asked.since) if asked is not None else (None, None)
    key = "journal_no_entries" + ("" if item is None else "_task" if asked.task else "_measure")
    key += "" if since is None else "_since"
    return printable(label(key, lang, item=item, since=since and since.isoformat()), single_line=True)


def render_merged(result, *, lang: Lang = Lang.zh) -> str:
    """What `merge-journal` did (journal_merge.MergeResult)."""
    alike = label("merge_alike", lang, n=result.alike) if result.alike else ""
    alike += label("merge_left_out", lang, n=result.left_out) if result.left_out else ""
    return label("merge_done", lang, ours=result.ours, added=result.added, alike=alike)


def import_warnings(warnings: Sequence[Notice], *, lang: Lang) -> list[str]:
    """What `import` warns of on stderr (importer.ImportResult.warnings: what to check, or to
    settle in a curation file), a line each."""
    from ..importer import warning_text

    return [printable("rectify: " + label("import_warning", lang, text=warning_text(warning, lang)), single_line=True)
            for warning in warnings]


def merged_warnings(result, named: str, *, lang: Lang = Lang.zh) -> list[str]:
    """What `merge-journal` warns of on stderr: a result not checked against a plan, and why: this
    side's plan refused (its first problem, where and what), else theirs's entries refused under it."""
    if not result.unchecked:
        return []
    refused = result.plan_refused
    if refused is None:
        return [f"rectify: {label('merge_unchecked', lang, file=named)}"]
    from ..i18n import problem_said

    return [f"rectify: {label('merge_unchecked_plan', lang, file=named, problem=problem_said(refused, lang))}"]


def render_verify(result, *, lang: Lang = Lang.zh, width: int | None = None) -> str:
    """Each journal's chain checked, each problem on its line, each --since-head found or not.
    A folder's journals named as the summary that printed the heads names them (gate.shown_file).
    `width`: a terminal's, each journal's line wrapped to it as check's are, its head hash whole (with
    its name on a line of their own where the line before cannot hold them: `无误；` / `台账哈希 …`, as
    meant), each problem's under its text's start, and the --since-head lines between their clauses."""
    from ..gate import shown_file
    from .linebreak import hanging

    names: dict[str, str] = {}

    def named(journal: str) -> str:
        if journal not in names:
            names[journal] = shown_file(journal, folder=result.folder)
        return names[journal]

    lines = []
    for j in result.journals:
        if not j.exists:
            lines.append(printable(label("verify_no_journal", lang, journal=named(j.journal)), single_line=True))
            continue
        checked = label("verify_checked", lang, journal=named(j.journal), entries=j.entries, head=j.head,
                        state=label("verify_ok_state", lang) if not j.problems
                        else label("verify_problems_state", lang, problems=len(j.problems)))
        lines.append(_hash_kept(printable(checked, single_line=True), len(printable(named(j.journal), single_line=True)),
                                j.head, width))
        for p in j.problems:
            place = printable(f"  {named(p.journal)}:{p.line}: ", single_line=True)
            text = printable(verify_problem_text(p, lang), single_line=True)
            # (under its text's start, the place never broken; piped, one line a problem)
            lines += [place + text] if width is None else hanging(place, text, width)
    since = []
    for head, found in result.since_heads:
        if found is not None:
            (journal, index, line), intact = found
            since.append(printable(label("verify_since_found" if intact else "verify_since_changed", lang, head=head,
                                         index=index, journal=named(journal), line=line), single_line=True))
        else:
            since.append(label("verify_since_missing", lang, head=head))
    since += [printable(label("verify_since_none", lang, journal=named(journal)), single_line=True)
              for journal in result.unvouched]
    # (wrapped as the lines above, a clause whole where it fits: at 100 columns they ran past the edge, the
    # terminal folding them inside a word or the hash)
    lines += since if width is None else [_clauses_wrapped(line, 0, width) for line in since]
    verdict = label("verify_passed" if result.ok else "verify_failed", lang)
    lines.append(verdict if width is None else _clauses_wrapped(verdict, 0, width))
    return "\n".join(lines) + "\n"


def verify_annotations(result, *, lang: Lang) -> list:
    """Each entry verify found wanting as an errors.Problem at its journal's line, for the
    workflow's annotations (streams.annotate_problems)."""
    from ..errors import Problem

    return [Problem(p.journal, p.line or None, None, verify_problem_text(p, lang)) for j in result.journals for p in j.problems]


def verify_problem_text(problem, lang: Lang) -> str:
    """What verify says of one entry of a journal's chain (journal.BadEntry), after its place."""
    what = label(_PROBLEMS[problem.problem] + ("_start" if problem.chained_from == 0 else ""), lang,
                 source=problem.chained_from, sibling=(problem.chained_from or 0) + 1)
    return label("verify_entry", lang, index=problem.index, measure=problem.measure, date=problem.date, what=what)


_PROBLEMS = {"malformed": "verify_malformed", "unhashed": "verify_unhashed", "edited": "verify_edited",
             "removed or reordered": "verify_moved", "untraced": "verify_untraced", "bad hash": "verify_bad_hash",
             "cut short": "verify_cut_short", "forked": "verify_forked"}
