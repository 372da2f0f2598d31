"""Figures a unit cannot dispute: misses decided by the calendar, not by when the watcher
looked; rates over cohorts of issues, never above 1; counts that add up — on both stores, and
over random histories."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from application.context import Actor, CommandContext
from bootstrap.services import Services
from domain.errors import DomainError
from domain.values import SHANGHAI, Channel, IssueCategory
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from projections.accountability import figures
from projections.periods_query import Scope
from tests.directory import TestDirectory, official_named

DESK = CommandContext(Actor("许晓燕", "市政府督查室"), "cmd")
UNIT, PERSON = "市地方金融管理局", "陈静"
YEAR = Scope(UNIT, None, date(2026, 1, 1), date(2026, 12, 31))


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI).astimezone(UTC)


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    opened = Services.open(target, clock, pool_size=4)
    TestDirectory(opened.office)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_target_factory(tmp_path_factory: pytest.TempPathFactory):
    """A fresh embedded store per generated history (hypothesis runs many in one test)."""

    def make() -> tuple[Services, FrozenClock]:
        path = tmp_path_factory.mktemp("history") / "duban.sqlite"
        clock = FrozenClock(at(date(2026, 3, 2)))
        opened = Services.open(DatabaseTarget(kind="sqlite", sqlite_path=path), clock, 2)
        TestDirectory(opened.office)
        return opened, clock

    return make


def complaint(services: Services, clock: FrozenClock, day: date, limit: date) -> object:
    clock.set(at(day))
    issue = services.office.raise_issue(
        DESK,
        channel=Channel.HOTLINE_12345,
        category=IssueCategory.FINANCING,
        enterprise_code="91110000600037341L",
        enterprise_name="企业",
        description="贷款",
    )
    services.office.accept_and_assign_issue(
        DESK, issue.id, responsible_person_id=official_named(services, PERSON), time_limit=limit
    )
    return issue.id


def read(services: Services, today: date) -> dict[str, float | None]:
    with services.read() as tx:
        return {k: f.value for k, f in figures(tx, YEAR, today).items()}


def test_a_late_resolution_before_the_watcher_looked_is_still_a_miss(
    services: Services, clock: FrozenClock
):
    issue_id = complaint(services, clock, date(2026, 3, 4), date(2026, 3, 11))
    clock.set(at(date(2026, 3, 12), 8))  # before the watcher's first tick of the day
    services.office.resolve_issue(DESK, issue_id, resolution="已放款")
    assert services.watcher.tick().misses == 0  # nothing open: the resolution recorded it
    got = read(services, date(2026, 3, 12))
    assert (got["handled_late"], got["deadlines_missed"], got["handled_on_time"]) == (1, 1, 0)
    missed = [
        e for e in services.office.events.get(issue_id) if type(e).__name__ == "DeadlineMissed"
    ]
    assert [(e.due, e.key) for e in missed] == [(date(2026, 3, 11), "time_limit")]
    with services.read() as tx:
        officials = {row[0] for row in tx.fetchall("SELECT official FROM accountability_facts")}
    assert f"{UNIT} {PERSON}" not in officials  # one official, one name


def test_a_recorded_miss_stands_against_an_earlier_business_date_until_withdrawn(
    services: Services, clock: FrozenClock
):
    issue_id = complaint(services, clock, date(2026, 3, 4), date(2026, 3, 11))
    clock.set(at(date(2026, 3, 12), 10))
    assert services.watcher.tick().misses == 1
    services.office.resolve_issue(
        DESK, issue_id, resolution="当日已放款", business_date=date(2026, 3, 11)
    )
    got = read(services, date(2026, 3, 12))
    assert (got["handled_on_time"], got["handled_late"], got["on_time_rate"]) == (0, 1, 0.0)
    office = CommandContext(Actor("许晓燕", "市政府督查室"), "withdraw")
    from domain.issue import Issue

    services.office.withdraw_miss(
        office,
        Issue,
        issue_id,
        key="time_limit",
        due=date(2026, 3, 11),
        reason="当日办结，次日补录",
    )
    got = read(services, date(2026, 3, 12))
    assert (got["handled_on_time"], got["handled_late"], got["deadlines_missed"]) == (1, 0, 0)


def test_an_issue_resolved_reopened_and_resolved_again_counts_once(
    services: Services, clock: FrozenClock
):
    issue_id = complaint(services, clock, date(2026, 3, 2), date(2026, 3, 20))
    clock.set(at(date(2026, 3, 5)))
    services.office.resolve_issue(DESK, issue_id, resolution="办结")
    services.office.reopen_issue(DESK, issue_id, reason="企业不满意", time_limit=date(2026, 3, 27))
    clock.set(at(date(2026, 3, 10)))
    services.office.resolve_issue(DESK, issue_id, resolution="再次办结")
    got = read(services, date(2026, 3, 30))
    assert (got["issues_received"], got["issues_resolved"], got["resolution_rate"]) == (1, 1, 1.0)
    assert (got["time_limits_due"], got["handled_on_time"]) == (2, 2)  # two limits, both met


ACTIONS = st.sampled_from(
    ["resolve", "resolve_dated_early", "explain", "reopen", "extend", "escalate", "close", "watch"]
)
HISTORY = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=40),
        st.integers(1, 15),
        st.lists(st.tuples(ACTIONS, st.integers(0, 12)), max_size=6),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(history=HISTORY)
def test_every_rate_is_between_0_and_1_and_the_counts_add_up(sqlite_target_factory, history):
    services, clock = sqlite_target_factory()
    try:
        for start, days, acts in history:
            day = date(2026, 3, 2) + timedelta(days=start)
            issue_id = complaint(services, clock, day, day + timedelta(days=days))
            for act, after in acts:
                day += timedelta(days=after)
                clock.set(at(day))
                _try(services, issue_id, act, day)
        got = read(services, day + timedelta(days=30))
    finally:
        services.close()
    for rate in ("resolution_rate", "on_time_rate"):
        assert got[rate] is None or 0 <= got[rate] <= 1, (rate, got)
    assert got["issues_resolved"] <= got["issues_received"]
    parts = got["handled_on_time"] + got["handled_late"] + got["time_limits_missed_open"]
    assert parts == got["time_limits_due"]
    assert got["deadlines_missed"] >= got["handled_late"] + got["time_limits_missed_open"]


def _try(services: Services, issue_id: object, act: str, day: date) -> None:
    office = services.office
    calls = {
        "resolve": lambda: office.resolve_issue(DESK, issue_id, resolution="办结"),
        "resolve_dated_early": lambda: office.resolve_issue(
            DESK, issue_id, resolution="办结", business_date=day - timedelta(days=3)
        ),
        "explain": lambda: office.explain_issue(DESK, issue_id, explanation="依法解释"),
        "reopen": lambda: office.reopen_issue(
            DESK, issue_id, reason="不满意", time_limit=day + timedelta(days=7)
        ),
        "extend": lambda: office.extend_issue_time_limit(
            DESK,
            issue_id,
            approver_id=official_named(services, "主任"),
            reason="需协调",
            calendar_days=10,
        ),
        "escalate": lambda: office.escalate_issue(
            DESK, issue_id, to_level=f"市政府{day}", reason="难办"
        ),
        "close": lambda: office.close_out_issue(DESK, issue_id, confirmed_by="企业"),
        "watch": lambda: services.watcher.tick(),
    }
    with contextlib.suppress(DomainError):  # a refused act records nothing: the history goes on
        calls[act]()
