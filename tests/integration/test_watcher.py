"""The deadline watcher on each store, with a frozen clock across the holidays."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import structlog

from application.context import Actor, CommandContext
from bootstrap.services import Services
from domain.values import SHANGHAI, Channel, IssueCategory
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from tests.directory import TestDirectory, official_named

DESK = CommandContext(Actor("许晓燕", "市政府督查室"), "cmd")


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI).astimezone(UTC)


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    opened = Services.open(target, clock, pool_size=4)
    TestDirectory(opened.office)
    yield opened
    opened.close()


def assigned(services: Services, clock: FrozenClock, day: date, working_days: int):
    clock.set(at(day))
    issue = services.office.raise_issue(
        DESK,
        channel=Channel.HOTLINE_12345,
        category=IssueCategory.UTILITIES,
        enterprise_code="91110000600037341L",
        enterprise_name="企业",
        description="用电报装慢",
    )
    services.office.accept_and_assign_issue(
        DESK,
        issue.id,
        responsible_person_id=official_named(services, "刘洋"),
        working_days=working_days,
    )
    return issue.id


def event_names(services: Services, issue_id) -> list[str]:
    return [type(e).__name__ for e in services.office.events.get(issue_id)]


def test_a_limit_counted_across_national_day_is_missed_once_the_day_after(services, clock):
    issue_id = assigned(services, clock, date(2026, 9, 28), 5)
    assigned_event = list(services.office.events.get(issue_id))[1]
    assert assigned_event.time_limit == date(2026, 10, 10)
    assert assigned_event.counted_in == "working_days"
    assert assigned_event.calendar.startswith("chinesecalendar")

    for day in (date(2026, 10, 9), date(2026, 10, 10)):
        clock.set(at(day, 23))
        assert services.watcher.tick().misses == 0
    clock.set(at(date(2026, 10, 11), 0))
    assert services.watcher.tick().misses == 1
    assert services.watcher.tick().misses == 0  # repeated tick
    assert event_names(services, issue_id).count("DeadlineMissed") == 1
    missed = [
        e for e in services.office.events.get(issue_id) if type(e).__name__ == "DeadlineMissed"
    ]
    assert missed[0].business_date == date(2026, 10, 11)
    assert missed[0].actor == "deadline-watcher"


def test_the_ladder_urges_the_working_day_after_and_circulates_five_working_days_later(
    services, clock
):
    issue_id = assigned(services, clock, date(2026, 9, 28), 5)  # due Saturday 10 October
    clock.set(at(date(2026, 10, 11)))  # Sunday: missed, nothing to urge yet
    report = services.watcher.tick()
    assert (report.misses, report.steps) == (1, 0)
    clock.set(at(date(2026, 10, 12)))  # Monday, the working day after
    assert services.watcher.tick().steps == 1
    clock.set(at(date(2026, 10, 16)))  # Friday: 5 working days after the due day
    assert services.watcher.tick().steps == 0
    clock.set(at(date(2026, 10, 19)))  # Monday: 6 working days after, 5 after the urging
    assert services.watcher.tick().steps == 1
    assert services.watcher.tick().steps == 0
    steps = [e.step for e in services.office.events.get(issue_id) if hasattr(e, "step")]
    assert steps == ["urging_notice", "circular"]


def test_spring_festival_urging_falls_on_the_adjusted_saturday(services, clock):
    issue_id = assigned(services, clock, date(2026, 2, 6), 5)  # due Friday 13 February
    assert list(services.office.events.get(issue_id))[1].time_limit == date(2026, 2, 13)
    clock.set(at(date(2026, 2, 14)))  # Saturday 14 February is a working day (调休)
    services.watcher.tick()
    services.watcher.tick()
    steps = [e for e in services.office.events.get(issue_id) if hasattr(e, "step")]
    assert [(s.step, s.business_date) for s in steps] == [("urging_notice", date(2026, 2, 14))]


def test_resolving_or_extending_before_the_due_day_means_no_miss(services, clock):
    resolved = assigned(services, clock, date(2026, 9, 28), 5)
    extended = assigned(services, clock, date(2026, 9, 28), 5)
    clock.set(at(date(2026, 10, 9)))
    services.office.resolve_issue(DESK, resolved, resolution="已接电")
    services.office.extend_issue_time_limit(
        DESK,
        extended,
        working_days=5,
        approver_id=official_named(services, "主任"),
        reason="需设备到货",
    )
    clock.set(at(date(2026, 10, 12)))
    assert services.watcher.tick().misses == 0
    clock.set(at(date(2026, 10, 20)))  # five working days after 10 October is 16 October
    assert services.watcher.tick().misses == 1
    assert "DeadlineMissed" not in event_names(services, resolved)


def test_a_restarted_watcher_and_a_rebuilt_index_reproduce_the_same_misses(services, clock, target):
    issue_id = assigned(services, clock, date(2026, 9, 28), 5)
    clock.set(at(date(2026, 10, 11)))
    services.watcher.tick()
    again = Services.open(target, clock, pool_size=2)
    try:
        assert again.watcher.tick().misses == 0
        with again.read() as tx:
            rows = tx.fetchall("SELECT key, due, missed FROM open_deadlines")
        assert [tuple(r) for r in rows] == [("time_limit", "2026-10-10", 1)]
    finally:
        again.close()
    assert event_names(services, issue_id).count("DeadlineMissed") == 1


@pytest.mark.postgres
def test_two_watchers_racing_on_postgres_record_each_miss_exactly_once(postgres_target, clock):
    first = Services.open(postgres_target, clock, pool_size=4)
    TestDirectory(first.office)
    second = Services.open(postgres_target, clock, pool_size=4)
    try:
        ids = [assigned(first, clock, date(2026, 9, 28), 5) for _ in range(20)]
        clock.set(at(date(2026, 10, 11)))
        barrier = threading.Barrier(2)
        totals: list[int] = []

        def run(services: Services) -> None:
            barrier.wait(timeout=10)
            totals.append(services.watcher.tick().misses)

        threads = [threading.Thread(target=run, args=(s,)) for s in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sum(totals) == 20
        for issue_id in ids:
            assert event_names(first, issue_id).count("DeadlineMissed") == 1
    finally:
        first.close()
        second.close()


def test_a_step_counted_into_an_unpublished_year_waits_and_is_said_once(services, clock):
    """Due Monday 28 December 2026: the urging falls due on the 29th, the circular six working
    days after the due day, in 2027, whose holidays are not published yet."""
    issue_id = assigned(services, clock, date(2026, 12, 21), 5)
    assert list(services.office.events.get(issue_id))[1].time_limit == date(2026, 12, 28)
    clock.set(at(date(2026, 12, 31)))
    watcher = services.watcher
    assert services.watcher is watcher  # one per process, as the background loop ticks it
    with structlog.testing.capture_logs() as logs:
        reports = [watcher.tick() for _ in range(4)]
    assert sum(r.misses for r in reports) == 1
    assert sum(r.steps for r in reports) == 1  # the urging; the circular cannot be counted
    assert reports[-1].waiting == 1
    said = [e for e in logs if e["event"] == "escalations not scheduled"]
    assert [e["count"] for e in said] == [1]
    assert "2027" in said[0]["detail"]
    steps = [e.step for e in services.office.events.get(issue_id) if hasattr(e, "step")]
    assert steps == ["urging_notice"]
