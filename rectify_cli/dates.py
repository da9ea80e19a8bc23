"""Calendar dates as users and registries write them, and "today" in the registry's time zone."""
from __future__ import annotations

import functools
import os
import re
import unicodedata
from datetime import date, datetime, timedelta, tzinfo

# re.ASCII: \d would otherwise accept Arabic-Indic and other Unicode digits.
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
# After normalisation 2019年3月31日 and 2019/3/31 both read 2019-3-31; a month alone is 2019-3.
_LOOSE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")

FORMS = "2019-03-31, 2019/3/31, 2019-03 ({month}) or 2019年3月31日"  # what a month alone means, filled in
DAY_FORMS = "2019-03-31, 2019/3/31 or 2019年3月31日"  # where a month alone is refused

# The shape of an IANA time zone name (Asia/Shanghai, Etc/GMT-8, EST5EDT, UTC): each part starts
# with a capital letter. It leaves out what else a zoneinfo folder holds (iso3166.tab, posixrules,
# localtime, right/...) and paths; a POSIX TZ string (CST-8) has the shape but names no zone file.
_ZONE_NAME = re.compile(r"[A-Z][-+\w]*(?:/[A-Z][-+\w]*)*", re.ASCII)


class DateFormatError(ValueError):
    """The text is not a date in one of the accepted forms (message says why). `kind` says
    which way, for callers that word it in another language: "month" (a month, not a day),
    "not_real" (no such calendar day), None (not read as a date at all)."""

    def __init__(self, message: str, *, kind: str | None = None, detail: str = ""):
        super().__init__(message)
        self.kind = kind
        self.detail = detail  # (for "not_real": why not, in Python's words: "day is out of range for month")


def iso(day: date | None) -> str | None:
    """YYYY-MM-DD, or None for no date: how dates are written in JSON and in the cache."""
    return day.isoformat() if day is not None else None


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    from dateutil.relativedelta import relativedelta  # (off the start-up path: months typed, `summary`)

    return day + relativedelta(day=31)


def years_after(day: date, years: int) -> date:
    """The same day `years` later (29 February: the 28th), or the last day there is."""
    if day.year + years > date.max.year:
        return date.max
    return day.replace(year=day.year + years, day=28 if (day.month, day.day) == (2, 29) else day.day)


def whole_months(earlier: date, later: date) -> int:
    """The whole months from `earlier` to `later` (not before it), as dateutil counts them: a
    month from a 31st ends on the last day of a shorter month."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    at_month_end = later == date.max or (later + timedelta(days=1)).day == 1
    return months - 1 if later.day < earlier.day and not at_month_end else months


def nearest_months(earlier: date, later: date) -> int:
    """The months from `earlier` to `later` to the nearest, half a month up, as 约 N 个月 (about N
    months) says: the whole months, and one more for the days left when they are half the month
    they run into or more."""
    months = whole_months(earlier, later)
    start = _months_after(earlier, months)
    if start.year == date.max.year and start.month == 12:  # (no month after it to build: December runs 31 days)
        length = 31
    else:
        length = (_months_after(earlier, months + 1) - start).days
    return months + 1 if 2 * (later - start).days >= length else months


def _months_after(day: date, months: int) -> date:
    """The same day `months` later, or the last day of a shorter month, as whole_months counts."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    first = date(year, month + 1, 1)
    last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1) if first.month < 12 else first.replace(day=31)
    return first.replace(day=min(day.day, last.day))


def parse_iso(text: str) -> date:
    """A registry date: exactly YYYY-MM-DD and a real calendar day."""
    match = _ISO.fullmatch(text)
    if not match:
        raise DateFormatError(f"expected a date written YYYY-MM-DD, got '{text}'")
    return _real_date(text, *map(int, match.groups()))


def _normal(text: str) -> str:
    """A typed date as it is read: NFKC (the full-width digits and marks of a Chinese input
    method, ２０１９－０３, read as typed in half width), without spaces, and a day ended by 号, as
    spoken Chinese ends it (4月14号), ended by 日."""
    normal = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return normal[:-1] + "日" if normal.endswith("号") else normal


def _typed(text: str, forms: str = FORMS.format(month="end of month")) -> tuple[int, int, int | None]:
    """(year, month, day or None for a month alone) of a date typed on the command line;
    `forms`: the forms the hint lists (saying what a month alone means there)."""
    normal = _normal(text)
    # (日 ends a day, 2019年3月31日, and 月 a month alone, 2019年3月: either ending anything else,
    # 2019年3月日 with the day left out, is a slip, as is a separator typed at the end, 2019-3-)
    ending = normal[-1] if normal.endswith(("日", "月")) else ""
    normal = normal[:len(normal) - len(ending)]
    match = _LOOSE.match(normal.replace("年", "-").replace("月", "-").replace("/", "-").replace(".", "-"))
    if not match or (ending and (ending == "日") != (match.group(3) is not None)):
        raise DateFormatError(f"not a date: '{text}' (use {forms})")
    year, month, day = match.groups()
    return int(year), int(month), None if day is None else int(day)


# A deadline's Chinese words for the end of a month or of a year (2019年6月底, 2019年底, 2019年年底,
# as the importer reads them); a month and day without the year (6月30日).
_END_OF = re.compile(r"(\d{4})年(?:(\d{1,2})月|年)?底", re.ASCII)
_NO_YEAR = re.compile(r"(\d{1,2})月(\d{1,2})日?", re.ASCII)
_MONTH_ALONE = re.compile(r"(\d{1,2})月?", re.ASCII)


def likely_date(text: str) -> tuple[str, str] | None:
    """What a registry date written another way most likely means, for its refusal to say, as
    (how, what to write): ("day", "2019-06-30") when the command line reads it as one real day
    (2019/6/30, 2019.6.30, 2019年6月30日) or it names the end of a month or year (2019年6月底,
    2019年底); ("no_year", "YYYY-06-30") for a day without its year (6月30日); ("no_day",
    "2019-06-DD") for a month alone (2019年6月); None when unsure."""
    normal = _normal(text)
    end = _END_OF.fullmatch(normal)
    no_year = _NO_YEAR.fullmatch(normal)
    try:
        if end:
            year, month = int(end.group(1)), int(end.group(2) or 12)
            return "day", month_end(date(year, month, 1)).isoformat()
        if no_year:
            month, day = int(no_year.group(1)), int(no_year.group(2))
            date(2000, month, day)  # (a real day in some year: 2000 had a 29 February)
            return "no_year", f"YYYY-{month:02d}-{day:02d}"
        year, month, day = _typed(text)
        if day is None:
            return "no_day", f"{date(year, month, 1).isoformat()[:7]}-DD"
        return "day", date(year, month, day).isoformat()
    except (ValueError, DateFormatError):  # (2019年2月30日, 13月1日, June 30: unsure what is meant)
        return None


def month_without_year(text: str) -> str | None:
    """"YYYY-03" for a month typed without its year (3月, 03, 3), for its refusal to say, as
    likely_date says of a day without it; None for anything else."""
    alone = _MONTH_ALONE.fullmatch(_normal(text))
    return f"YYYY-{int(alone.group(1)):02d}" if alone and 1 <= int(alone.group(1)) <= 12 else None


def parse_user_date(text: str, *, month_start: bool = False) -> date:
    """A date typed on the command line; a month alone means its last day (as of the end of
    March), or with `month_start` its first (since the start of March). A month's or a year's
    end in a deadline's words (2019年6月底, 2019年底) is its last day, whatever `month_start`."""
    end = _END_OF.fullmatch(_normal(text))
    if end:
        return month_end(_real_date(text, int(end.group(1)), int(end.group(2) or 12), 1))
    year, month, day = _typed(text, FORMS.format(month="from its first day" if month_start else "end of month"))
    if day is None:
        first = _real_date(text, year, month, 1)
        return first if month_start else month_end(first)
    return _real_date(text, year, month, day)


def parse_event_date(text: str) -> date:
    """The day something happened, typed on the command line (a journal entry's --date): a
    month alone is refused, being more likely a slip than a wish for its last day, which would
    then be recorded as the entry's date without a word."""
    year, month, day = _typed(text, DAY_FORMS)
    if day is None:
        _real_date(text, year, month, 1)  # (2019-13: not a real month, said so first)
        raise DateFormatError(f"'{text}' names a month, not a day: give the day, {year:04d}-{month:02d}-DD",
                              kind="month")
    return _real_date(text, year, month, day)


def parse_month(text: str) -> tuple[date, date]:
    """`2019-03` / `2019年3月` / `2019.3` -> (first day, last day) of that month."""
    try:
        year, month, day = _typed(text)
    except DateFormatError:
        day = 0
    if day is not None:
        raise DateFormatError(f"not a month: '{text}' (use 2019-03 or 2019年3月)")
    first = _real_date(text, year, month, 1)
    last = month_end(first)
    if last == date.max:
        # a monthly report also looks at the following month, which the calendar lacks
        raise DateFormatError(f"'{text}': the last month of the calendar has no following month to report on")
    return first, last


def _real_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateFormatError(f"'{text}' is not a real calendar date ({exc})", kind="not_real", detail=str(exc)) from None


def time_zone(name) -> tzinfo | None:
    """The IANA time zone `name`, or None when it is not one.

    Not dateutil's gettz, which also reads POSIX TZ strings (CST+8 is UTC-8 there, a day off
    for a Chinese office), any file of the zoneinfo folder and absolute paths. The zone comes
    from the system's database (or the tzdata package), else from the one dateutil bundles
    (read whole, some 50 ms: only on a machine without the zone, or for a name that is none).
    """
    if not isinstance(name, str) or not _ZONE_NAME.fullmatch(name):
        return None
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # (ValueError: a file that is no zone)
        get_zonefile_instance = _dateutil_zones()
        return None if get_zonefile_instance is None else get_zonefile_instance().get(name)


def _dateutil_zones():
    """dateutil's own zone database (its get_zonefile_instance), None when it has none. dateutil 4
    made it a wrapper of tzdata's, which ZoneInfo reads already, and deprecated it: its warning
    says nothing a user can act on (a name that is no zone reaches here too)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            from dateutil.zoneinfo import get_zonefile_instance
        except ImportError:
            return None
    return get_zonefile_instance


# An IANA zone west of UTC named by its offset, whose sign is POSIX's: Etc/GMT+8 is UTC-8
# (Etc/GMT+0 is UTC, west of nothing).
ETC_WEST = re.compile(r"Etc/GMT\+0*([1-9]\d*)")


def zone_database_missing() -> bool:
    """Whether this machine has no zone database at all (no system zoneinfo, tzdata or dateutil's):
    then no name is a zone, and none is unknown either."""
    return time_zone("UTC") is None


def no_place(name: str) -> bool:
    """Whether the zone `name` is the database's Factory, abbreviated "-00": no place's zone,
    which reads as UTC (a day behind Beijing until 8 in the morning)."""
    zone = time_zone(name)
    return zone is not None and datetime(2000, 1, 1, tzinfo=zone).tzname() == "-00"


def zone_meant(name: str) -> str | None:
    """The IANA time zone a name that is none most likely means (`asia/shanghai`,
    `Asia/Shanghia`, `right/Asia/Shanghai`), None when none is close."""
    import difflib
    import zoneinfo

    from .errors import same_but_case

    names = zoneinfo.available_timezones()
    if not names:  # (no system database: dateutil's own, as time_zone falls back to)
        get_zonefile_instance = _dateutil_zones()
        if get_zonefile_instance is None:
            return None
        names = set(get_zonefile_instance().zones)
    names.discard("localtime")  # (a link to the machine's zone, beside the names: no name)
    close = same_but_case(name, names) or difflib.get_close_matches(name, names, n=3, cutoff=0.8)
    # (never one of another offset, close as its name is: GMT+8 is not GMT+0, nor Etc/GMT+13 Etc/GMT+3)
    offsets = _offsets(name)
    return next((zone for zone in close if _offsets(zone) == offsets), None)


def _offsets(name: str) -> list[tuple[str, int]]:
    """The numbers in a zone's name with their signs (Etc/GMT+08: [("+", 8)], EST5EDT: [("", 5)]):
    a number without its sign is neither offset (Etc/GMT8: UTC+8 or, as POSIX reads it, UTC-8?)."""
    return [(sign, int(number)) for sign, number in re.findall(r"([-+]?)(\d+)", name, re.ASCII)]


@functools.lru_cache(maxsize=16)
def zone_in_effect(name: str):
    """What the zone `name` does to dates, to compare zones by: its UTC offset at noon UTC of
    each day from 1970 to 2037 (PRC and Asia/Shanghai, two names of one zone, are the same);
    the name itself when it is no zone. Some 30 ms: for the rare zones that differ by name."""
    zone = time_zone(name)
    if zone is None:
        return name
    from datetime import timedelta, timezone

    start = datetime(1970, 1, 1, 12, tzinfo=timezone.utc)
    return tuple((start + timedelta(days=n)).astimezone(zone).utcoffset() for n in range(0, 68 * 365))


def today(timezone: str) -> date:
    """Today's date where the registry lives. RECTIFY_TODAY=YYYY-MM-DD pins it (tests, replays)."""
    pinned = os.environ.get("RECTIFY_TODAY")
    if pinned:
        try:
            return parse_iso(pinned)
        except DateFormatError as exc:
            from .errors import UsageError
            from .i18n import not_real_reason, refusal

            key = "date_not_real" if exc.kind == "not_real" else "date_not_iso"
            raise refusal(UsageError, key, option="RECTIFY_TODAY", text=pinned, detail=str(exc),
                          why=not_real_reason(exc.detail)) from None
    zone = time_zone(timezone)
    if zone is None:
        from .errors import RegistryError
        from .i18n import refusal

        if zone_database_missing():  # (the zone is the default, or the plan came not through the loader)
            raise refusal(RegistryError, "zone_no_database", zone=timezone)
        # (the loader refuses it; this is for a plan that did not come through it, said as the loader says it)
        raise refusal(RegistryError, "unknown_zone", zone=timezone)
    return datetime.now(zone).date()


def previous_month(day: date) -> tuple[date, date]:
    """(first day, last day) of the month before `day`'s: what `summary` reports on by default."""
    first_this = day.replace(day=1)
    if first_this == date.min:  # (RECTIFY_TODAY=0001-01-01: the calendar has no month before)
        from .errors import UsageError
        from .i18n import refusal

        raise refusal(UsageError, "first_month", today=day.isoformat())
    last_prev = first_this - timedelta(days=1)
    return last_prev.replace(day=1), last_prev
