from datetime import UTC, date, datetime, timedelta

from core.search.calendar import local_day


def test_a_local_day_is_midnight_to_midnight_at_the_airport():
    assert local_day("JFK", date(2027, 1, 15)) == (
        datetime(2027, 1, 15, 5, tzinfo=UTC),
        datetime(2027, 1, 16, 5, tzinfo=UTC),
    )


def test_a_day_with_a_daylight_saving_change_has_23_or_25_hours():
    start, end = local_day("LHR", date(2027, 3, 28))
    assert end - start == timedelta(hours=23)
    start, end = local_day("LHR", date(2027, 10, 31))
    assert end - start == timedelta(hours=25)
