"""Plain text for the journal commands: what was written, the history table, the chain check."""
from __future__ import annotations

from ..i18n import ENTRY, STATUS, Lang, Notice, label, notice_text, word
from ..model import EntryState
from ..textsafe import clip, display_width, printable

NOTE_WIDTH = 60  # display columns of a note in the history table; `show` prints it whole


def entry_kind(state: EntryState, milestone, lang: Lang) -> str:
    """What an entry records, as the journal's listings name it: a close of one step says which."""
    what = word(ENTRY, state, lang)
    if state == EntryState.DONE and milestone is not None:
        what += label("show_brackets", lang, text=label("closed_step", lang, day=str(milestone)))
    return what


def render_written(result, *, lang: Lang = Lang.zh) -> str:
    """The entry written and the measure's state after it, then notices, then the new head hash."""
    f = result.fields
    what = entry_kind(EntryState(f["state"]), f.get("milestone"), lang)
    if "to" in f:
        what += f" → {f['to']}"
    if f.get("late"):
        what += label("written_late_flag", lang)
    lines = [printable(f"{label('written', lang)} {result.measure} {f['date']} {what} — {effect_text(result.effect, lang)}",
                       single_line=True)]
    lines += [printable(f"  ! {notice_text(n, lang, prefix='notice_')}", single_line=True) for n in result.warnings]
    created = label("journal_new_file", lang) if result.created else ""
    lines.append(printable(f"  {label('journal_head', lang)} {result.head}  {result.journal}{created}", single_line=True))
    return "\n".join(lines) + "\n"


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


def extension_details(entry, lang: Lang) -> list[str]:
    """Why an extension was granted and who approved it, as `show` words them (raw text)."""
    if entry.state != EntryState.EXTENDED:
        return []
    details = []
    if entry.reason:
        details.append(label("show_reason", lang, text=entry.reason))
    if entry.approved_by:
        details.append(label("show_approved_by", lang, text=entry.approved_by))
    return details


def _note_cell(entry, lang: Lang, width: int = NOTE_WIDTH) -> str:
    """The note, and for an extension its reason and approving unit in brackets, as `show`
    has them; at most `width` cells, of which the note keeps at least a third."""
    note = printable(entry.note or "", single_line=True)
    details = extension_details(entry, lang)
    if not details:
        return clip(note, width)
    # (the brackets label carries its own leading space where a language wants one)
    brackets = printable(label("show_brackets", lang, text=label("show_detail_sep", lang).join(details)),
                         single_line=True)
    if note:  # cut the note first: the brackets are what the row is about
        note = clip(note, max(width - display_width(brackets), width // 3))
    return clip((note + brackets).strip(), width)


def _fitted(headers: list[str], rows: list[list[str]], entries, lang: Lang, width: int) -> list[list[str]]:
    """`rows` with the unit cut to a sixth of `width`, and the note and evidence to what the
    other columns leave of it (the note first, the evidence at least a third), so that a
    line fits a terminal `width` cells wide. Never longer than NOTE_WIDTH, as piped."""
    heads = [display_width(h) + 2 for h in headers]  # (a column is at least its header and 2)
    by_width = max(heads[3], width // 6)
    rows = [[*row[:3], clip(row[3], by_width), *row[4:]] for row in rows]
    fixed = sum(max([heads[i], *(display_width(row[i]) for row in rows)]) for i in range(4))
    room = width - fixed - 2 * (len(headers) - 1)
    notes = max([heads[4], *(display_width(row[4]) for row in rows)])
    evidence = max([heads[5], *(display_width(row[5]) for row in rows)])
    evidence = min(evidence, max(heads[5], room // 3, room - notes))
    notes = min(NOTE_WIDTH, max(heads[4], room - evidence))
    return [[*row[:4], _note_cell(entry, lang, notes), clip(row[5], evidence)] for row, entry in zip(rows, entries)]


def render_history(entries, *, lang: Lang, width: int | None = None) -> str:
    """A plain aligned table, newest first: date, measure, state, by, note, evidence. `width`:
    a terminal's, which each line fits (_fitted); None (piped): notes and evidence whole up
    to NOTE_WIDTH cells."""
    from .summary_text import table  # (tabulate: 40 ms, off the start-up of the writing commands and show)

    if not entries:
        return label("journal_no_entries", lang) + "\n"
    headers = [label(k, lang) for k in ("journal_date", "measure", "journal_state", "journal_by", "journal_note",
                                        "journal_evidence")]
    rows = []
    for e in entries:
        state = entry_kind(e.state, e.milestone and e.milestone.isoformat(), lang)
        if e.to is not None:
            state += f" → {e.to.isoformat()}"
        if e.late:
            state += " !"
        if e.recorded is not None:
            state += label("show_brackets", lang, text=label("recorded_on", lang, day=e.recorded.isoformat()))
        rows.append([
            e.date.isoformat(),
            printable(e.measure, single_line=True),
            state,
            printable(e.by or "", single_line=True),
            _note_cell(e, lang),
            clip(printable(e.evidence or "", single_line=True), NOTE_WIDTH),
        ])
    if width is not None:
        rows = _fitted(headers, rows, entries, lang, width)
    return table(headers, rows) + "\n"  # (200,000 entries: a few seconds less than tabulate)


def render_verify(result, *, lang: Lang = Lang.zh) -> str:
    """Each journal's chain checked, each problem on its line, each --since-head found or not."""
    lines = []
    for j in result.journals:
        if not j.exists:
            lines.append(printable(label("verify_no_journal", lang, journal=j.journal), single_line=True))
            continue
        checked = label("verify_checked", lang, journal=j.journal, entries=j.entries, head=j.head,
                        state=label("verify_ok_state", lang) if not j.problems
                        else label("verify_problems_state", lang, problems=len(j.problems)))
        lines.append(printable(checked, single_line=True))
        for p in j.problems:
            what = label(_PROBLEMS[p.problem] + ("_start" if p.chained_from == 0 else ""), lang, source=p.chained_from)
            lines.append(printable(f"  {p.journal}:{p.line}: " + label("verify_entry", lang, index=p.index, measure=p.measure,
                                                                         date=p.date, what=what), single_line=True))
    for head, found in result.since_heads:
        if found is not None:
            (journal, index, line), intact = found
            lines.append(printable(label("verify_since_found" if intact else "verify_since_changed", lang, head=head,
                                         index=index, journal=journal, line=line), single_line=True))
        else:
            lines.append(label("verify_since_missing", lang, head=head))
    lines.append(label("verify_passed" if result.ok else "verify_failed", lang))
    return "\n".join(lines) + "\n"


_PROBLEMS = {"malformed": "verify_malformed", "unhashed": "verify_unhashed", "edited": "verify_edited",
             "removed or reordered": "verify_moved"}
