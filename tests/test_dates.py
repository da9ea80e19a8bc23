from datetime import date

import pytest

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
    ],
)
def test_user_dates(text, expected):
    assert dates.parse_user_date(text) == expected


@pytest.mark.parametrize("text", ["2019-02-30", "2018-13-01", "yesterday", "31/3/2019", "", "2019-3-31-1"])
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
