"""An event a read model cannot apply stops that read model only, at that event: one logged
error, a /projections entry naming the event and why, a header on answers while it is stale,
and every other read model, the deadline watcher and every query go on, on both stores.

The events are stored around the domain's rules, as an older release or a bug could have
stored them: the log is append-only, so such an event stays for ever."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest
import structlog
from litestar.testing import TestClient

from bootstrap.services import Services
from domain.base import envelope_fields
from domain.issue import Issue
from tests.api.reads import READS as LISTS
from tests.api.test_issues_api import RAISE, raise_issue
from tests.unit.builders import CODE, on

READS = [
    *LISTS,
    "/rankings?period=2026",
    "/accountability/units/市发改委?period=2026",
    "/veto-checks/市发改委?year=2026",
]


def _store_a_limit_that_is_not_a_date(services: Services, issue_id: UUID) -> int:
    """An Assigned event whose time limit is text: the aggregate takes it, the ledger and
    the open deadlines cannot."""
    issue = services.office.repository.get(issue_id)
    issue.trigger_event(
        Issue.Assigned,
        **envelope_fields(on()),
        responsible_unit="市自规局",
        responsible_person="赵丽",
        time_limit="2026-13-45",
        counted_in="explicit",
        day_count=0,
        calendar="",
        responsible_unit_id=None,
        responsible_person_id=None,
    )
    services.office.save(issue)
    return services.office.recorder.max_notification_id() or 0


def _store_nul_text(services: Services) -> int:
    """A Raised event with NUL in a name: SQLite holds it, PostgreSQL's text columns cannot."""
    issue = Issue._create(
        Issue.Raised,
        id=uuid4(),
        **envelope_fields(on()),
        channel="visit",
        category="land",
        enterprise_code=CODE,
        enterprise_name="示范\x00公司",
        description="用地",
        project_id=None,
        source_kind=None,
        source_ref=None,
        first_contact_unit=None,
        first_contact_unit_id=None,
        instructing_leader=None,
        instructing_leader_id=None,
        instruction=None,
        cause=None,
        measures=None,
        acceptance_limit=None,
        acceptance_counted_in="",
        acceptance_day_count=0,
        acceptance_calendar="",
    )
    services.office.save(issue)
    return services.office.recorder.max_notification_id() or 0


@pytest.mark.parametrize("poison", ["a date that is text", "NUL in a name"])
def test_a_poison_event_stops_only_the_read_models_it_breaks(
    client: TestClient, services: Services, poison: str
):
    before = raise_issue(client)
    with structlog.testing.capture_logs() as logs:
        if poison == "a date that is text":
            position = _store_a_limit_that_is_not_a_date(services, UUID(before))
        else:
            position = _store_nul_text(services)
        after = client.post("/issues", json={**RAISE, "description": "之后的问题"})
        assert after.status_code == 201, after.text

        for path in READS:  # each catches up first, as every query does
            response = client.get(path)
            assert response.status_code == 200, (path, response.text)
        for _ in range(5):  # the background loop's ticks
            services.runner.catch_up()
        services.watcher.tick()

    status = {p["name"]: p for p in client.get("/projections").json()["items"]}
    stopped = {name for name, p in status.items() if p["stopped"]}
    head = position + 1
    for name, entry in status.items():
        if name in stopped:
            assert (entry["position"], entry["failed_position"]) == (position - 1, position)
            assert entry["failed_event"].startswith("Issue.")
            assert entry["error"]
        else:
            assert (entry["position"], entry["lag"]) == (head, 0), name
    errors = [e for e in logs if e["event"] == "read model stopped at an event it cannot apply"]
    assert sorted(e["model"] for e in errors) == sorted(stopped)  # once each, not each tick
    if stopped:
        header = client.get("/issues").headers["duban-stopped-read-models"]
        assert all(f"{name};lag=2" in header for name in stopped)
    if poison == "a date that is text":
        assert {"issue_ledger", "open_deadlines"} <= stopped  # on both stores
    if poison == "NUL in a name" and services.views.dialect == "postgres":
        assert "audit_index" in stopped
