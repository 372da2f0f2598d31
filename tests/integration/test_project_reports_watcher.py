"""The deadline watcher records a listed project's missed weekly updates and quarter-end
reports on each store, on the days the 2026 holiday notice gives by hand: Friday 2 October
(National Day) is owed on Thursday 8 October, the Q3 report's 25 September (Mid-Autumn) on
Monday 28 September."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from application.context import Actor, CommandContext
from bootstrap.services import Services
from domain.values import Construction, ListLevel
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from tests.directory import TestDirectory
from tests.integration.test_watcher import at

DESK = CommandContext(Actor("许晓燕", "市政府督查室"), "cmd")


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    opened = Services.open(target, clock, pool_size=4)
    TestDirectory(opened.office)
    yield opened
    opened.close()


def listed_on(services: Services, clock: FrozenClock, day: date):
    clock.set(at(day))
    project = services.office.register_project(
        DESK,
        name="示范综合管廊",
        enterprise_name="示范城投有限公司",
        enterprise_code="91110000600037341L",
        region_code="510802",
        sector="基础设施",
        total_investment=1_500_000_000,
        construction=Construction.CONTINUING,
    )
    services.office.list_project(
        DESK, project.id, year=2026, level=ListLevel.CITY, construction=Construction.CONTINUING
    )
    return project.id


def misses(services: Services, project_id) -> list[tuple[str, date]]:
    return [
        (e.key, e.due)
        for e in services.office.events.get(project_id)
        if type(e).__name__ == "DeadlineMissed"
    ]


def test_a_friday_in_national_day_week_is_missed_the_day_after_the_next_working_day(
    services, clock
):
    project_id = listed_on(services, clock, date(2026, 9, 28))
    clock.set(at(date(2026, 10, 8), 23))
    assert services.watcher.tick().misses == 0
    clock.set(at(date(2026, 10, 9), 0))
    assert services.watcher.tick().misses == 1
    assert services.watcher.tick().misses == 0  # once
    clock.set(at(date(2026, 10, 10), 0))
    services.watcher.tick()
    assert misses(services, project_id) == [
        ("weekly:2026-W40", date(2026, 10, 8)),
        ("weekly:2026-W41", date(2026, 10, 9)),
    ]


def test_the_quarter_end_report_moves_past_mid_autumn_and_its_miss_is_recorded(services, clock):
    project_id = listed_on(services, clock, date(2026, 9, 21))
    services.office.submit_weekly_update(DESK, project_id, week="2026-W39", summary="管廊贯通")
    clock.set(at(date(2026, 9, 28), 23))
    assert services.watcher.tick().misses == 0
    clock.set(at(date(2026, 9, 29), 9))
    services.watcher.tick()
    assert misses(services, project_id) == [("quarterly:2026-Q3", date(2026, 9, 28))]
    services.office.submit_quarter_report(DESK, project_id, quarter="2026-Q3", summary="补报")
    assert misses(services, project_id) == [("quarterly:2026-Q3", date(2026, 9, 28))]  # once
    clock.set(at(date(2026, 12, 26), 9))
    services.watcher.tick()
    assert ("quarterly:2026-Q4", date(2026, 12, 25)) in misses(services, project_id)


def test_a_snapshot_of_a_listed_project_restores_its_list_reports_and_deadlines(services, clock):
    project_id = listed_on(services, clock, date(2026, 9, 28))
    services.office.submit_weekly_update(DESK, project_id, week="2026-W40", summary="管廊贯通")
    before = services.office.repository.get(project_id)
    services.office.take_snapshot(project_id)
    after = services.office.repository.get(project_id)
    assert after.listings == before.listings
    assert after.listings[2026].moved["2026-10-02"] == date(2026, 10, 8)
    assert after.weekly_updates == before.weekly_updates
    assert after.open_deadlines() == before.open_deadlines()
