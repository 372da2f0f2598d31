"""Bounds on every date and amount an event carries: none before the earliest date the office
records, none more than its years ahead of the recording day, no amount past 10万亿 yuan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest

from domain import errors
from domain.briefing import SessionKind, SessionSeries
from domain.calendar import explicit
from domain.financing_match import FinancingMatch
from domain.values import DateBounds
from infrastructure.time_limits import load_policy
from tests.unit.builders import CODE, MONDAY, issue, on, project


def establish(start: date, bounds: DateBounds | None = None) -> SessionSeries:
    return SessionSeries.establish(
        replace(on(), bounds=bounds or DateBounds()),
        id=uuid4(),
        unit="市发改委",
        kind=SessionKind.CONSULTATION_MEETING,
        title="会商会",
        start=start,
    )


@pytest.mark.parametrize("start", [date(102, 1, 1), date(2015, 12, 31), date(2036, 9, 29)])
def test_a_series_starting_outside_the_bounds_is_refused(start: date):
    with pytest.raises(errors.DateOutOfRangeError) as refused:
        establish(start)
    assert "start" in refused.value.detail
    assert refused.value.rule == "date-out-of-range"


@pytest.mark.parametrize("start", [date(2016, 1, 1), MONDAY, date(2036, 9, 28)])
def test_a_series_starting_within_the_bounds_is_recorded(start: date):
    assert establish(start).start == start


def test_the_bounds_are_the_settings_not_fixed():
    later = DateBounds(earliest=date(2024, 1, 1), years_ahead=2)
    with pytest.raises(errors.DateOutOfRangeError):
        establish(date(2023, 12, 31), later)
    with pytest.raises(errors.DateOutOfRangeError):
        establish(date(2028, 9, 29), later)


def test_a_business_date_before_the_earliest_is_refused():
    with pytest.raises(errors.DateOutOfRangeError, match="business_date"):
        issue("assigned").note_progress(on(business=date(1999, 5, 1)), note="补录")


def test_a_time_limit_a_century_away_is_refused():
    raised = issue()
    with pytest.raises(errors.DateOutOfRangeError, match="time_limit"):
        raised.accept_and_assign(
            on(),
            responsible_unit="市自规局",
            responsible_person="赵丽",
            time_limit=explicit(date(2126, 9, 28), MONDAY),
        )


def test_a_progress_month_in_the_year_102_is_refused():
    with pytest.raises(errors.DateOutOfRangeError):
        project().report_progress(on(), month="0102-01", investment_to_date=1)


@pytest.mark.parametrize("amount", [10**13 + 1, 10**18])
def test_an_amount_past_ten_trillion_yuan_is_refused(amount: int):
    need = {"enterprise_code": CODE, "enterprise_name": "示范公司", "purpose": "流动资金"}
    with pytest.raises(errors.AmountOutOfRangeError):
        FinancingMatch.register_need(on(), id=uuid4(), amount=amount, term_months=12, **need)
    with pytest.raises(errors.AmountOutOfRangeError):
        project(investment=amount)


def test_attendance_past_a_hundred_thousand_is_refused():
    series = establish(MONDAY)
    series.plan_session(
        on(), planned_on=MONDAY, topic="政策", policy_area="", host="李", audience=""
    )
    with pytest.raises(errors.InvalidAmountError):
        series.hold_session(on(), number=1, attendance=100_001, questions=[], raised_issues=[])


def test_the_settings_file_states_the_bounds_and_the_watchers_backfill(tmp_path: Path):
    settings = tmp_path / "limits.toml"
    settings.write_text(
        "[bounds]\nsystem_start = 2030-06-01\nyears_before_start = 3\nyears_ahead = 5\n"
        "[watcher]\nbackfill_periods = 4\n"
    )
    policy = load_policy(settings)
    assert (policy.earliest_date, policy.years_ahead) == (date(2027, 1, 1), 5)
    assert policy.watcher_backfill_periods == 4
    shipped = load_policy()
    assert (shipped.earliest_date, shipped.years_ahead) == (date(2016, 1, 1), 10)
    assert shipped.watcher_backfill_periods == 12
