"""The working-day calendar: official holidays, adjusted workdays, unknown years refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from domain.calendar import (
    DayCount,
    add_calendar_days,
    add_working_days,
    working_days_between,
)
from domain.errors import CalendarYearUnknownError
from infrastructure.calendar import OfficialCalendar, load_overrides

CALENDAR = OfficialCalendar.from_file()


def test_five_working_days_after_28_september_2026_is_saturday_10_october():
    due = add_working_days(CALENDAR, date(2026, 9, 28), 5)
    assert due.due == date(2026, 10, 10)
    assert due.due.weekday() == 5  # an adjusted workday (调休)
    assert due.counted_in is DayCount.WORKING_DAYS
    assert due.calendar.startswith("chinesecalendar ")


def test_national_day_week_is_not_counted_but_its_adjusted_saturday_is():
    assert not CALENDAR.is_working_day(date(2026, 10, 5))
    assert CALENDAR.is_working_day(date(2026, 10, 10))
    assert working_days_between(CALENDAR, date(2026, 9, 30), date(2026, 10, 10)) == 3


def test_spring_festival_2026_pushes_a_seven_working_day_limit_past_the_holiday():
    # 2026 Spring Festival: 15–23 February off, 14 and 28 February adjusted workdays:
    # 13, 14 (Sat), then 24, 25, 26, 27 and 28 (Sat)
    due = add_working_days(CALENDAR, date(2026, 2, 12), 7)
    assert due.due == date(2026, 2, 28)


def test_a_count_reaching_an_unknown_year_is_refused_naming_the_year():
    with pytest.raises(CalendarYearUnknownError) as refused:
        add_working_days(CALENDAR, date(2026, 12, 28), 7)
    assert refused.value.year == 2027
    assert "2027" in refused.value.detail


def test_an_override_file_supplies_a_year_the_package_does_not_know(tmp_path: Path):
    overrides = tmp_path / "calendar.toml"
    overrides.write_text(
        "[years.2027]\n"
        'holidays = ["2027-01-01"]\n'
        'workdays = ["2027-01-03"]\n'
        'published = "test data"\n',
        encoding="utf-8",
    )
    calendar = OfficialCalendar(load_overrides(overrides))
    assert not calendar.is_working_day(date(2027, 1, 1))  # a Friday off
    assert calendar.is_working_day(date(2027, 1, 3))  # a Sunday worked
    due = add_working_days(calendar, date(2026, 12, 30), 2)
    assert due.due == date(2027, 1, 3)
    assert "test data" in due.calendar
    assert "chinesecalendar" in due.calendar


def test_an_override_entry_with_a_date_of_another_year_is_rejected(tmp_path: Path):
    overrides = tmp_path / "calendar.toml"
    overrides.write_text('[years.2027]\nholidays = ["2028-01-01"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="2027"):
        load_overrides(overrides)


def test_calendar_day_limits_need_no_calendar_data():
    due = add_calendar_days(date(2026, 12, 30), 3)
    assert due.due == date(2027, 1, 2)
    assert due.counted_in is DayCount.CALENDAR_DAYS
