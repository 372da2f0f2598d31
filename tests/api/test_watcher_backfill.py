"""The watcher backfills a long-unmet series a bounded number of periods per tick, on each
store; a series starting before the office's earliest date is refused outright (422)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from uuid import UUID

import pytest
from httpx import Response
from litestar.testing import TestClient

from bootstrap.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.time_limits import load_policy
from tests.directory import TestDirectory


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    policy = replace(load_policy(), watcher_backfill_periods=4)
    opened = Services.open(target, clock, pool_size=4, policy=policy)
    yield opened
    opened.close()


def _misses(services: Services, series_id) -> list[str]:
    return [
        e.key for e in services.office.events.get(series_id) if type(e).__name__ == "DeadlineMissed"
    ]


def _series(client: TestClient, directory: TestDirectory, start: str) -> Response:
    body = {"unit_id": str(directory.units["市发改委"]), "kind": "entrepreneur_talk"}
    return client.post("/session-series", json={**body, "title": "恳谈会", "start": start})


def test_a_series_five_years_unmet_is_backfilled_four_quarters_a_tick(
    client: TestClient, services: Services, directory: TestDirectory
):
    series = _series(client, directory, "2021-07-01").json()
    # clock: 2026-09-28; quarters 2021-Q3 to 2026-Q2 ended unmet: 20 of them
    ticks = [services.watcher.tick().misses for _ in range(6)]

    assert ticks == [4, 4, 4, 4, 4, 0]
    missed = _misses(services, UUID(series["id"]))
    assert missed[0] == "session:2021-Q3"
    assert missed[-1] == "session:2026-Q2"
    assert len(missed) == len(set(missed)) == 20


def test_a_series_starting_in_the_year_102_is_refused_and_records_nothing(
    client: TestClient, services: Services, directory: TestDirectory, head: int
):
    response = _series(client, directory, "0102-01-01")

    assert response.status_code == 422, response.text
    assert response.json()["rule"] == "date-out-of-range"
    assert services.office.recorder.max_notification_id() == head
    assert services.watcher.tick().misses == 0
