from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from rectify_cli import dates


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2019-03-31", date(2019, 3, 31)),
        ("2019/3/31", date(2019, 3, 31)),
        ("2019-03", date(2019, 3, 31)),
        ("2019-02", date(2019, 2, 28)),
        ("2020-02", date(2020, 2, 29)),
        ("2019年3月31日", date(2019, 3, 31)),
        ("2019 年 3 月 31 日", date(2019, 3, 31)),
        ("２０１９年３月３１日", date(2019, 3, 31)),
        ("2019年3月", date(2019, 3, 31)),
        # (a deadline's own words for the end of a month or a year, as the report writes them)
        ("2019年12月底", date(2019, 12, 31)),
        ("2020年2月底", date(2020, 2, 29)),
        ("２０１９年　６月底", date(2019, 6, 30)),
        ("2019年底", date(2019, 12, 31)),
        ("2019年年底", date(2019, 12, 31)),  # (as the importer reads a deadline so written)
        ("2019年4月14号", date(2019, 4, 14)),  # (号 for 日, as spoken Chinese ends a day)
    ],
)
def test_user_dates(text, expected):
    assert dates.parse_user_date(text) == expected


@pytest.mark.parametrize("text", ["2019-02-30", "2018-13-01", "yesterday", "31/3/2019", "", "2019-3-31-1",
                                  "2019-3-", "2019-03-31-", "2019/3/31/", "2019.3.", "2019年", "２０１９-０３-",
                                  "2019年13月底", "2019年3月31日底", "3月底", "2019-03底", "2019年3月号", "2019年号"])
def test_bad_user_dates(text):
    with pytest.raises(dates.DateFormatError):
        dates.parse_user_date(text)


def test_registry_dates_are_strict():
    assert dates.parse_iso("2018-06-30") == date(2018, 6, 30)
    for text in ("2018-6-30", "2018/06/30", "2018-02-30"):
        with pytest.raises(dates.DateFormatError):
            dates.parse_iso(text)


def test_today_is_in_the_registry_time_zone(monkeypatch):
    from datetime import datetime, timezone

    class FrozenDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            # 23:00 UTC on 31 December is already 1 January in Shanghai
            return datetime(2018, 12, 31, 23, 0, tzinfo=timezone.utc).astimezone(tz)

    monkeypatch.delenv("RECTIFY_TODAY", raising=False)
    monkeypatch.setattr(dates, "datetime", FrozenDatetime)
    assert dates.today("Asia/Shanghai") == date(2019, 1, 1)
    assert dates.today("UTC") == date(2018, 12, 31)


def test_month_bounds_and_previous_month():
    assert dates.parse_month("2019-03") == (date(2019, 3, 1), date(2019, 3, 31))
    assert dates.previous_month(date(2019, 1, 15)) == (date(2018, 12, 1), date(2018, 12, 31))
    with pytest.raises(dates.DateFormatError):
        dates.parse_month("2019-03-05")
    assert dates.parse_month("２０１９-０３") == dates.parse_month("2019年3月") == (date(2019, 3, 1), date(2019, 3, 31))
    for slip in ("2019-3-", "2019/03/", "2019年3月-"):
        with pytest.raises(dates.DateFormatError, match=r"^not a month: "):
            dates.parse_month(slip)


def _frozen_at(monkeypatch, utc: str):
    from datetime import datetime, timezone

    class FrozenDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.fromisoformat(utc).replace(tzinfo=timezone.utc).astimezone(tz)

    monkeypatch.delenv("RECTIFY_TODAY", raising=False)
    monkeypatch.setattr(dates, "datetime", FrozenDatetime)


@pytest.mark.parametrize("zone, expected", [
    ("Asia/Shanghai", date(2019, 1, 1)),  # UTC+8: 01:00
    ("Etc/GMT-8", date(2019, 1, 1)),      # the IANA name for a fixed UTC+8 (the sign is POSIX's)
    ("PRC", date(2019, 1, 1)),            # a link to Asia/Shanghai
    ("Asia/Urumqi", date(2018, 12, 31)),  # UTC+6: 23:00
    ("UTC", date(2018, 12, 31)),
])
def test_today_at_17_utc_on_new_years_eve(monkeypatch, zone, expected):
    _frozen_at(monkeypatch, "2018-12-31T17:00:00")
    assert dates.today(zone) == expected


# gettz reads CST+8, Beijing+8 and BJT8 as POSIX TZ strings (UTC-8: 31 December, 09:00, a day
# off), any file of the zoneinfo folder and any absolute path (/etc/passwd: "magic not found").
NOT_ZONES = ["CST+8", "Beijing+8", "BJT8", "UTC+8", "iso3166.tab", "zone1970.tab", "leapseconds", "posixrules",
             "localtime", "right/Asia/Shanghai", "/etc/localtime", "/etc/passwd", "/usr/share/zoneinfo/Asia/Shanghai",
             ":Asia/Shanghai", "../zoneinfo/UTC", "Asia", "asia/shanghai", "Asia/Shanghai ", "", "Mars/Olympus_Mons"]


@pytest.mark.parametrize("name", NOT_ZONES)
def test_only_iana_names_are_time_zones(monkeypatch, name):
    from rectify_cli.errors import RegistryError

    assert dates.time_zone(name) is None
    _frozen_at(monkeypatch, "2018-12-31T17:00:00")
    with pytest.raises(RegistryError) as caught:
        dates.today(name)
    assert str(caught.value) == f"registry.settings.timezone: unknown time zone {name!r} (an IANA name, e.g. Asia/Shanghai)"


@pytest.mark.parametrize("lang, said", [
    ("zh", "registry.settings.timezone：未知时区“Mars/Olympus_Mons”（应为 IANA 时区名，例如 Asia/Shanghai）"),
    ("en", "registry.settings.timezone: unknown time zone 'Mars/Olympus_Mons' (an IANA name, e.g. Asia/Shanghai)"),
])
def test_an_unknown_zone_not_checked_by_the_loader_is_said_in_the_users_language(monkeypatch, lang, said):
    """A plan made by an API caller, not loaded: today() refused its zone in English alone; the
    command line says it as the loader's refusal, in the user's language."""
    from rectify_cli.command_line import in_language
    from rectify_cli.errors import RegistryError
    from rectify_cli.i18n import Lang

    _frozen_at(monkeypatch, "2018-12-31T17:00:00")
    with pytest.raises(RegistryError) as caught:
        dates.today("Mars/Olympus_Mons")
    assert str(in_language(caught.value, Lang(lang))) == said


def test_zones_come_from_dateutils_database_on_a_machine_without_one():
    """No system tzdata (PYTHONTZPATH empty: zoneinfo finds nothing): the same names, the same days."""
    import os
    import subprocess
    import sys

    code = ("from datetime import datetime, timezone; from rectify_cli import dates; "
            "at = datetime(2018, 12, 31, 17, tzinfo=timezone.utc); "
            "print([at.astimezone(dates.time_zone(z)).date().isoformat() for z in ('Asia/Shanghai', 'Asia/Urumqi', 'UTC')], "
            "[dates.time_zone(z) for z in ('CST+8', 'iso3166.tab', 'posixrules')])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONTZPATH": ""})
    assert proc.stdout == "['2019-01-01', '2018-12-31', '2018-12-31'] [None, None, None]\n", proc.stderr


def test_a_zone_no_database_knows_is_unknown_when_dateutil_has_none_of_its_own():
    """dateutil 4 deprecates its own zone database (tzdata's, which zoneinfo reads, replaces it): on
    a machine without either, a zone is refused as unknown, as any name that is none, not a traceback."""
    import os
    import subprocess
    import sys

    code = ("import sys; sys.modules['dateutil.zoneinfo'] = sys.modules['tzdata'] = None; from rectify_cli import dates; "
            "print(dates.time_zone('Asia/Shanghai'), dates.zone_meant('Asia/Shanghia'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONTZPATH": ""})
    assert (proc.returncode, proc.stdout) == (0, "None None\n"), proc.stderr


def test_the_hint_for_a_date_says_what_a_month_alone_means_there():
    # (--since reads a month from its first day, --as-of to its last: the hint said "end of month" for both)
    with pytest.raises(dates.DateFormatError, match=r"2019-03 \(from its first day\)"):
        dates.parse_user_date("garbage", month_start=True)
    with pytest.raises(dates.DateFormatError, match=r"2019-03 \(end of month\)"):
        dates.parse_user_date("garbage")


def test_the_calendars_first_month_has_no_previous_month():
    from rectify_cli.errors import UsageError

    assert dates.previous_month(date(1, 2, 28)) == (date(1, 1, 1), date(1, 1, 31))
    assert dates.previous_month(date(9999, 12, 31)) == (date(9999, 11, 1), date(9999, 11, 30))
    with pytest.raises(UsageError, match=r"^today is 0001-01-01, in the calendar's first month: there is no last "
                                         r"month to report on \(name one with --month\)$"):
        dates.previous_month(date(1, 1, 1))


@pytest.mark.parametrize("text, expected", [("2019-06-30", date(2019, 6, 30)), ("2019/6/3", date(2019, 6, 3)),
                                            ("2019年6月30日", date(2019, 6, 30)), ("２０１９年６月３０日", date(2019, 6, 30)),
                                            ("2019年6月3号", date(2019, 6, 3)), ("2019年６月３０ 号", date(2019, 6, 30))])
def test_an_event_date_is_a_day(text, expected):
    assert dates.parse_event_date(text) == expected


@pytest.mark.parametrize("text, month", [("2019-06", "2019-06"), ("2019年6月", "2019-06"), ("2019/6", "2019-06"),
                                         ("2020.2", "2020-02")])
def test_an_event_date_is_not_a_month(text, month):
    """A journal entry happened on a day: `--date 2019-06` recorded 2019-06-30 without a word.
    (--as-of, --month, --since, --to and --milestone still read a month.)"""
    with pytest.raises(dates.DateFormatError) as caught:
        dates.parse_event_date(text)
    assert str(caught.value) == f"{text!r} names a month, not a day: give the day, {month}-DD"
    assert dates.parse_user_date(text) == dates.parse_user_date(f"{month}-01") + relativedelta(day=31)


@pytest.mark.parametrize("text, message", [
    ("2019-13", "'2019-13' is not a real calendar date (month must be in 1..12)"),
    ("2019-02-30", "'2019-02-30' is not a real calendar date (day is out of range for month)"),
    ("June", "not a date: 'June' (use 2019-03-31, 2019/3/31 or 2019年3月31日)"),
])
def test_an_event_date_that_is_no_date_says_why(text, message):
    with pytest.raises(dates.DateFormatError) as caught:
        dates.parse_event_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("earlier, later, months", [
    ("2019-03-31", "2026-08-26", 89),  # (88 months and 26 of 31 days: 约 88 个月 said)
    ("2019-03-10", "2019-09-30", 7),   # (6 months and 20 of 30 days)
    ("2019-03-10", "2019-09-24", 6),   # (14 of 30 days: under half)
    ("2019-03-10", "2019-09-25", 7),   # (15 of 30: half, rounded up)
    ("2019-03-10", "2019-03-25", 0),   # (15 of 31)
    ("2019-01-31", "2019-02-13", 0),   # (13 of the 28 days to 28 February)
    ("2019-01-31", "2019-02-28", 1),
    ("2019-03-31", "2019-03-31", 0),
    ("9999-12-01", "9999-12-31", 1),   # (no month after December 9999 to count in: no error)
])
def test_nearest_months_round_the_remaining_days_to_the_nearest_month(earlier, later, months):
    """The stale-ledger warning says 约 N 个月 (about N months) and counted whole months, rounding
    88 months and 26 days down to 88."""
    assert dates.nearest_months(date.fromisoformat(earlier), date.fromisoformat(later)) == months


def test_whole_months_are_counted_as_dateutil_counts_them():
    """A month from the 31st ends on the last day of a shorter month (31 January -> 29 February
    2020), as dateutil's relativedelta counts it, which `status` said before (约 N 个月)."""
    starts = [date(year, 1, 20) + timedelta(days=n) for year in (2019, 2020) for n in range(50)] + [date(2019, 12, 31)]
    for earlier in starts:
        for later in (earlier + timedelta(days=n) for n in range(400)):
            delta = relativedelta(later, earlier)
            assert dates.whole_months(earlier, later) == delta.years * 12 + delta.months, (earlier, later)
