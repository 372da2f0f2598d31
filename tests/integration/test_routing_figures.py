"""What routing counts for, on each store: a unit that hands a problem on (转办) leaves it out
of its cohort and its limit lapses; an assisting unit (协办) answers for its part's miss; the
unit first contacted (首问负责) answers for a missed acceptance limit, found by the watcher."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from application.context import Actor, CommandContext
from bootstrap.services import Services
from domain.values import SHANGHAI, Channel, IssueCategory
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from projections.accountability import figures
from projections.periods_query import Scope
from tests.directory import TestDirectory

DESK = CommandContext(Actor("许晓燕", "市政府督查室"), "cmd")
FIRST, SECOND, THIRD = "市地方金融管理局", "市住建局", "市税务局"


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI).astimezone(UTC)


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    opened = Services.open(target, clock, pool_size=4)
    yield opened
    opened.close()


@pytest.fixture
def city(services: Services) -> TestDirectory:
    return TestDirectory(services.office)


def read(services: Services, unit: str, today: date) -> dict[str, float | None]:
    scope = Scope(unit, None, date(2026, 1, 1), date(2026, 12, 31))
    with services.read() as tx:
        return {k: f.value for k, f in figures(tx, scope, today).items()}


def assigned(services: Services, city: TestDirectory, person: str, limit: date) -> object:
    issue = services.office.raise_issue(
        DESK,
        channel=Channel.VISIT,
        category=IssueCategory.FINANCING,
        enterprise_code="91110000600037341L",
        enterprise_name="企业",
        description="贷款",
    )
    services.office.accept_and_assign_issue(
        DESK, issue.id, responsible_person_id=city.id(person), time_limit=limit
    )
    return issue.id


def test_a_transferred_problem_counts_for_the_unit_that_took_it_over(
    services: Services, clock: FrozenClock, city: TestDirectory
):
    clock.set(at(date(2026, 3, 2)))
    issue_id = assigned(services, city, "陈静", date(2026, 3, 13))
    clock.set(at(date(2026, 3, 4)))
    services.office.transfer_issue(
        DESK, issue_id, responsible_person_id=city.id("周敏"), reason="属住建部门职责",
        time_limit=date(2026, 3, 20),
    )  # fmt: skip
    clock.set(at(date(2026, 3, 18)))
    services.office.resolve_issue(DESK, issue_id, resolution="已解决")
    first = read(services, FIRST, date(2026, 4, 1))
    assert (first["issues_received"], first["issues_handed_on"]) == (0, 1)
    assert (first["time_limits_due"], first["deadlines_missed"]) == (0, 0)
    second = read(services, SECOND, date(2026, 4, 1))
    assert (second["issues_received"], second["issues_resolved"]) == (1, 1)
    assert (second["handled_on_time"], second["time_limits_due"]) == (1, 1)


def test_a_transfer_after_the_limit_leaves_the_miss_with_the_unit_that_held_it(
    services: Services, clock: FrozenClock, city: TestDirectory
):
    clock.set(at(date(2026, 3, 2)))
    issue_id = assigned(services, city, "陈静", date(2026, 3, 6))
    clock.set(at(date(2026, 3, 10)))
    services.office.transfer_issue(
        DESK, issue_id, responsible_person_id=city.id("周敏"), reason="迟转",
        time_limit=date(2026, 3, 20),
    )  # fmt: skip
    first = read(services, FIRST, date(2026, 4, 1))
    assert (first["time_limits_missed_open"], first["deadlines_missed"]) == (1, 1)


def test_an_assisting_unit_answers_for_its_missed_part(
    services: Services, clock: FrozenClock, city: TestDirectory
):
    clock.set(at(date(2026, 3, 2)))
    issue_id = assigned(services, city, "陈静", date(2026, 3, 20))
    services.office.request_assistance(
        DESK, issue_id, assisting_person_id=city.id("周敏"), part="出具意见", due=date(2026, 3, 6)
    )
    clock.set(at(date(2026, 3, 9)))  # Monday: the part, due Friday 6 March, passed unmet
    assert services.watcher.tick().misses == 1
    second = read(services, SECOND, date(2026, 3, 9))
    assert (second["assisting_parts_received"], second["deadlines_missed"]) == (1, 1)
    first = read(services, FIRST, date(2026, 3, 9))
    assert first["deadlines_missed"] == 0


def test_the_unit_first_contacted_answers_for_a_missed_acceptance(
    services: Services, clock: FrozenClock, city: TestDirectory
):
    clock.set(at(date(2026, 3, 2)))  # Monday: accepted by Thursday 5 March (3 working days)
    services.office.raise_issue(
        DESK,
        channel=Channel.SUPERVISOR,
        category=IssueCategory.TAX_AND_FEES,
        enterprise_code="91110000600037341L",
        enterprise_name="企业",
        description="退税慢",
        first_contact_unit_id=city.units[THIRD],
    )
    clock.set(at(date(2026, 3, 5)))
    assert services.watcher.tick().misses == 0
    clock.set(at(date(2026, 3, 6)))
    assert services.watcher.tick().misses == 1
    assert read(services, THIRD, date(2026, 4, 1))["deadlines_missed"] == 1
    assert read(services, "市政府督查室", date(2026, 4, 1))["deadlines_missed"] == 0
