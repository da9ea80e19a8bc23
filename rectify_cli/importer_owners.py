"""Responsible units of a measure: the subjects of its clauses, matched against a vocabulary.

A vocabulary maps surface forms (canonical names, aliases, and curated phrases such as
"各级住房城乡建设部门") to one or more canonical unit names.  A clause contributes owners
when it *starts* with a chain of unit mentions joined by 、 和 及 与 会同 同 商 联合 (the
subject of the clause), a level written once before the first being each one's (自治区X厅、Y厅); "X牵头" marks the lead.  Clauses opening with 在…下 (a frame, not a
subject) and mentions followed by 的 (a possessive) are skipped."""
from __future__ import annotations

import re
from dataclasses import dataclass

SEPARATORS = ("会同", "联合", "、", "和", "及", "与", "同", "商")
SKIP_PREFIXES = ("由", "并", "同时", "另外", "会同", "联合")  # "X牵头，会同Y…": Y is a co-owner
# a unit-like name, used only when importing without a curated vocabulary
# (自治区 / 省 / 市: the province's own departments, as its report names them: 省生态环境厅)
# (a Party committee's own department first: the shortest name below reads 省委组织部 as 省委, and
# the chain of units then stops at 组织部; 省委书记部署 is no department, hence a list)
# (every prefecture, a unit of its own, joined to the next unit is no part of a longer name: 各地市及自治区自然资源厅
# is two units, not one ending in 厅; 自治区及各地市发展改革部门 is one)
# (a verb inside is no name: 自治区成立区党委… is the region setting one up, 自治区财政安排部门预算 its
# finance allotting a budget, 市政府组织相关部门 a government organising; 组织部, 组织人事部门 are units)
# (各级党委、政府, the Party committees and governments of every level, is one owner standing for many, as 各级党委、政府及有关部门
# is, not 各级党委 and a 政府定期研究… unread; a Party committee's 常委会 is the committee, as 区党委常委会 is 自治区党委 in
# the Tibet curation: 省委常委会 is 省委, read whole so the units after it are read: 省委常委会、省生态环境厅; another's,
# 省人大常委会, is its own name, not 省人大常委)
VERB_INSIDE = r"成立|安排|组织(?!部|人事)"
DISCOVER = re.compile(r"各级党委、政府(?:及有关部门)?|"
                      r"(?:自治区党委|区党委|省委|市委|州委)(?:组织部|宣传部|统战部|政法委|办公厅|编办|党校|网信办|常委会)|"
                      r"(?:自治区|省|市|各级|(?:各地市|各市州|各市（州）|各地（市）|各州市|各市县)"
                      r"(?!(?:会同|联合|及|和|与|同|商)(?:自治区|省|市(?!场)|各)))(?:(?!" + VERB_INSIDE + r")[\u4e00-\u9fff]){0,10}?"
                      r"(?:纪委监委|党委、政府及有关部门|常委会|厅|委|局|办公室|办|督查室|部门|领导小组)|各地市|各市州|各市（州）|各地（市）|各州市|各市县|"
                      r"各设区市|各市(?![县州区场级直（])")
# Sichuan's usual way to write each prefecture, and each county after it: named as without brackets
# (各市（州） is 各市州, 各地（市） 各地市; 各市（州）、县（市、区） the two units 各市州 and 各县市区, its 各 said of both)
BRACKETED = re.compile(r"（([州市])）")
STANDING_COMMITTEE = "常委会"  # (of a Party committee: the committee's; of a people's congress, 省人大常委会, its own name)
BRACKETED_ALL = ("各市（州）、县（市、区）", ("各市州", "各县市区"))
# the discovered units standing for every prefecture at once (kind all_regions: their measures fall
# to each region; 各市, 各设区市 as 河北, 江苏 say it); 各市县 names the counties too, and 各级 any level: neither is one
EVERY_REGION = ("各地市", "各市州", "各州市", "各市", "各设区市")


def _committee_of(name: str) -> str:
    """A discovered unit's name, a Party committee's standing committee said as the committee (省委常委会: 省委)."""
    committee = name.removesuffix(STANDING_COMMITTEE)
    return committee if committee != name and committee.endswith("委") else name


@dataclass(frozen=True)
class Vocabulary:
    forms: tuple[tuple[str, tuple[str, ...]], ...]  # (surface form, canonical names), longest first
    discover: bool = False  # also accept unit-like names not in the vocabulary (no curation)

    @classmethod
    def build(cls, units: list[dict], phrases: dict[str, list[str]], *, discover: bool = False) -> "Vocabulary":
        table: dict[str, tuple[str, ...]] = {}
        for u in units:
            table[u["name"]] = (u["name"],)
            for a in u.get("aliases", []) or []:
                table[a] = (u["name"],)
        for phrase, owners in phrases.items():
            table[phrase] = tuple(owners)
        forms = sorted(table.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        return cls(tuple(forms), discover)

    def match(self, s: str, pos: int) -> tuple[int, tuple[str, ...]] | None:
        for form, names in self.forms:
            if s.startswith(form, pos):
                return len(form), names
        if self.discover:
            form, names = BRACKETED_ALL
            if s.startswith(form, pos):
                return len(form), names
            m = DISCOVER.match(s, pos)
            if m:
                return len(m.group(0)), (_committee_of(BRACKETED.sub(r"\1", m.group(0))),)
        return None

    def match_shared(self, s: str, pos: int, level: str | None) -> tuple[int, tuple[str, ...]] | None:
        """A unit at `pos` whose level the list wrote once, before its first unit (自治区商务厅、生态环境厅: 自治区生态环境厅)."""
        if level is None:
            return None
        joined = level + s[pos:pos + 40]
        for form, names in self.forms:
            if len(form) > len(level) and joined.startswith(form):
                return len(form) - len(level), names
        if self.discover:
            m = DISCOVER.match(joined)
            if m and len(m.group(0)) > len(level) and SHARED_NAME.search(m.group(0)) and not JOINED.search(m.group(0)):
                return len(m.group(0)) - len(level), (m.group(0),)
        return None


# the levels a list of units writes once, before its first (自治区发展改革委、住房城乡建设厅、水利厅)
SHARED_LEVELS = ("自治区", "省")
# what, discovered, is surely of that level: a 厅 is a province's only, as is a government's 委 (发展改革委); a 局 or a
# zone's 管委 may be a body of its own name (青海湖景区管理局), warned of as unread
SHARED_NAME = re.compile(r"(?:厅|(?<![管党])委)$")
# the joins after which a unit may be written without its level (自治区发展改革委同住房城乡建设厅); not 及, 与, 和, nor a 同
# beginning a word (及时, 同时: 省生态环境厅同时督促住房城乡建设厅 names no 省时督促住房城乡建设厅), nor a name spanning a join
SHARED_AFTER = ("、", "会同", "联合", "同")
NO_JOIN = re.compile("同[时步样意等期级比]")
JOINED = re.compile("会同|联合")


def _clauses(text: str) -> list[str]:
    # blank out book titles and parenthesised asides so their punctuation does not split clauses
    masked = re.sub(r"《[^《》]*》", lambda m: "□" * len(m.group(0)), text)
    masked = re.sub(r"（[^（）]*）", lambda m: "" if re.search(r"\d{4}年|长期坚持|立即启动|立行立改", m.group(0)) else m.group(0), masked)
    return [c for c in re.split(r"[，；。：]", masked) if c]


def _subject(clause: str, vocab: Vocabulary, *, sentence: bool = False) -> tuple[list[str], str | None, int, list[str]]:
    """(the chain of units a clause starts with, the one of them said to lead or None, where the chain ends, those of
    them not said to help: not X（配合）, and none where the chain's own word after it says so, X、Y配合; in a
    measure's `sentence`, whatever follows that word, X协助建设…)."""
    # (X配合Y建设…, X协助Y: Y, a unit it knows, is the one responsible, read as a chain of its own; X helps. Each chain
    # read in turn, by position: a call of its own on a copy of the rest for each 配合 ran out of stack on a thousand)
    chains = [_chain(clause, 0, vocab, sentence=sentence)]
    while chains[-1][4] is not None:
        chains.append(_chain(clause, chains[-1][4], vocab, sentence=sentence))
    # (Not Y的…: what X helps with is Y's work, not Y; X's chain then ends where it did. Read from the last one back, as
    # each chain's end is where the ones it helps end)
    end, reaches = chains[-1][2], [False] * len(chains)
    for i in range(len(chains) - 2, -1, -1):
        reaches[i] = not clause.startswith("的", end)
        end = end if reaches[i] else chains[i][2]
    units: list[str] = []
    i = 0
    while reaches[i]:
        units.extend(chains[i][0])
        i += 1
    units.extend(chains[i][0])
    return units, chains[i][1], end, chains[i][3]


def _chain(clause: str, pos: int, vocab: Vocabulary, *, sentence: bool) -> tuple[list[str], str | None, int, list[str], int | None]:
    """_subject's reading of the one chain of units at `pos`, and where the chain of the unit it says it helps starts, or
    None: X配合Y…, Y a unit it knows."""
    responsible: list[str] = []
    for p in SKIP_PREFIXES:
        if clause.startswith(p, pos):
            pos += len(p)
            break
    chain: list[str] = []
    lead: str | None = None
    level: str | None = None
    m = vocab.match(clause, pos)
    while m is not None:
        length, names = m
        level = next((lv for lv in SHARED_LEVELS if clause.startswith(lv, pos)), level)
        pos += length
        chain.extend(names)
        if clause.startswith("牵头", pos):
            lead = names[0]
            break
        # (a table's way: X（牵头）、Y（配合）, or （协助）, （协办）, said as （配合） is; the chain goes on)
        if clause.startswith(("（牵头）", *(f"（{word}）" for word in SUPPORTING_WORDS)), pos):
            if clause.startswith("（牵头）", pos):
                lead = lead or names[0]
                responsible.extend(names)
            pos += len("（牵头）")  # (as long as each of the others)
        else:
            responsible.extend(names)
        nxt = None
        for sep in SEPARATORS:
            if clause.startswith(sep, pos):
                nxt = vocab.match(clause, pos + len(sep))
                if nxt is None and sep in SHARED_AFTER and not NO_JOIN.match(clause, pos):
                    nxt = vocab.match_shared(clause, pos + len(sep), level)
                if nxt is not None:
                    pos += len(sep)
                    break
        m = nxt
    helping = SUPPORTING_TAIL.match(clause, pos) if chain and lead is None else None
    helped = helping.end() if helping and vocab.match(clause, helping.end()) else None
    # (X、Y配合, X、Y等配合 ending its clause: the whole chain helps; X配合Y, Y no unit it knows, is Y's unread, not X
    # helping in silence; in a sentence the word goes on with what they help do: 西宁市协助建设…, 西宁市配合有关企业建设…)
    if helping and (sentence or LISTED_TAIL.fullmatch(clause, pos)):
        responsible = []
    return chain, lead, pos, responsible, helped


def sentence_owners(text: str, vocab: Vocabulary) -> tuple[list[str], str | None]:
    """(owners, lead) of a measure's own sentence, or its progress note: the lead the one said to lead, else the first not said to help, as a
    unit line's (西宁市配合，省生态环境厅负责…: 省生态环境厅); None where none is, or every one helps (西宁市协助建设…)."""
    owners, lead, responsible = owner_roles(text, vocab, sentence=True)
    return owners, lead or next(iter(responsible), None)


def owner_roles(text: str, vocab: Vocabulary, *, sentence: bool = False) -> tuple[list[str], str | None, list[str]]:
    """(owners in order of mention, the one said to lead or None, those not said to help) of the clauses' subjects
    (the last, of 西宁市（配合）、省生态环境厅 or 西宁市、海东市协助，省生态环境厅负责: 省生态环境厅)."""
    owners: list[str] = []
    seen: set[str] = set()
    lead: str | None = None
    responsible: list[str] = []
    for clause in _clauses(text):
        if clause.startswith("在") and "下" in clause:
            continue
        chain, led, pos, unhelping = _subject(clause, vocab, sentence=sentence)
        if not chain or clause.startswith("的", pos):
            continue
        lead = lead or led
        responsible.extend(unhelping)
        for name in chain:
            if name not in seen:  # (a set: the list searched for each of 40,000 units took seconds)
                seen.add(name)
                owners.append(name)
    return owners, lead, responsible


# what may follow the units of a 责任单位： line's clause: who leads or helps (牵头, （配合）), 等有关部门
LISTED_TAIL = re.compile(r"(?:（[^（）]*）|牵头|配合|负责|参与|协助|协办|等(?:有关|相关)?(?:部门|单位)?)*")


# the words after a chain of units saying they help, not lead (西宁市配合, 西宁市协助; 等 before them, 西宁市、海东市等配合)
SUPPORTING_WORDS = ("配合", "协助", "协办")
SUPPORTING_TAIL = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位)?)?(?:" + "|".join(SUPPORTING_WORDS) + ")")


def unread_units(listed: str, vocab: Vocabulary) -> list[str]:
    """What of a 责任单位：-like line's units is not read (a name the vocabulary does not know, and
    those after it in its clause): when others are, left out of the owners, to be said."""
    unread = []
    for clause in _clauses(listed):
        _, _, pos, _ = _subject(clause, vocab)
        rest = clause[pos:]
        if not LISTED_TAIL.fullmatch(rest):
            unread.append(rest[next((len(sep) for sep in SEPARATORS if rest.startswith(sep)), 0):])
    return unread


# the words after a unit in a sentence that say another follows (X、Y制定…, X会同Y…); not 联合, as often said of how
# they act (X、Y联合开展…), nor 和, 及, 与, which begin words too (及时)
SENTENCE_JOINS = ("、", "会同")
# what after 联合 names a unit, not how they act (联合开展, 联合执法…): a name ending as a body's does
UNIT_AFTER_LIANHE = re.compile(r"(?!开展|建立|制定|执法|印发|出台|下发|发布|检查|督查|督导|审批|监管|整治|组织|行动|调研|会商|推进|实施|编制|打击|发文|处置|查处)"
                               r"[\u4e00-\u9fff]{1,12}?(?:厅|委|局|办公室|部门|公司|单位|中心)")


# "the relevant bodies" after a clause's 会同 or 联合 (联合相关部门开展…): no unit to name, nothing lost
RELEVANT_BODIES = re.compile(r"各?(?:有关|相关)(?:部门|单位)")


def unread_in_sentence(text: str, vocab: Vocabulary) -> list[str]:
    """What of a measure's sentence follows a unit read and a word joining another to it, where no unit it knows is
    (自治区生态环境厅、拉萨市…, in a report naming no province), or a clause's 会同 or 联合 (X牵头，会同Y…): left out
    of the owners, to be said, as unread_units says a unit line's. (A book title is cut where it begins: its masking
    is no text of the report.)"""
    unread = []
    for clause in _clauses(text):
        chain, _, pos, _ = _subject(clause, vocab, sentence=True)
        join = next((j for j in SENTENCE_JOINS if clause.startswith(j, pos)), None)
        if join is None and clause.startswith("联合", pos) and UNIT_AFTER_LIANHE.match(clause, pos + 2):
            join = "联合"
        if chain and join and not clause.startswith("的", pos):
            unread.append(clause[pos + len(join):].partition("□")[0])
        elif not chain and (clause.startswith("会同") or clause.startswith("联合") and UNIT_AFTER_LIANHE.match(clause, 2)) \
                and not RELEVANT_BODIES.match(clause, 2):
            unread.append(clause[2:].partition("□")[0])  # (X牵头，会同Y、西宁市…: Y no unit it knows, and the rest lost with it)
    return [words for words in unread if words]
