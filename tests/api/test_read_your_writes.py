"""Reads never write, and a client reads its own writes by the position its command reached.

A command's answer carries ``Duban-Position``; a request passing it back (``?min_position=``
or ``Duban-Min-Position``) waits for the read models to reach it, and no longer than the
server's bound (then 503 with Retry-After). A request that passes none reads the read models as
they stand: it never catches them up itself.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from uuid import UUID

import pytest
from litestar.testing import TestClient

from api.app import create_app
from bootstrap.services import Services, read_models
from infrastructure.settings import Settings
from projections.runner import ProjectionRunner
from tests.api.conftest import DESK
from tests.api.test_issues_api import RAISE
from tests.api.test_poison_event import _store_a_limit_that_is_not_a_date
from tests.directory import SECRET, TestDirectory


def _positions(services: Services) -> dict[str, int]:
    with services.views.transaction(write=False) as tx:
        return {str(r[0]): int(r[1]) for r in tx.fetchall("SELECT * FROM projection_positions")}


@pytest.fixture
def unkept(services: Services, directory: TestDirectory) -> Iterator[TestClient]:
    """A server whose read models another process keeps (here: none, until the test catches
    them up by hand, as that worker would), waiting at most 0.3 s for a position."""
    services.runner.catch_up()  # the directory, so the token's official is known
    settings = Settings(database_url="unused://", read_models="external", read_wait_seconds=0.3)
    app = create_app(settings, services=services, jwt_secret=SECRET)
    with TestClient(app, raise_server_exceptions=False) as client:
        client.headers.update(directory.bearer(*DESK))
        yield client


def test_a_command_answers_the_position_its_events_reached(
    client: TestClient, services: Services, head: int
):
    raised = client.post("/issues", json=RAISE)
    assert raised.status_code == 201
    # raising a problem records one event, the next after the directory's
    assert raised.headers["Duban-Position"] == str(head + 1)
    assert services.office.recorder.max_notification_id() == head + 1


def test_a_read_neither_catches_up_nor_moves_a_read_model(
    unkept: TestClient, services: Services, head: int
):
    before = _positions(services)
    raised = unkept.post("/issues", json=RAISE)
    assert raised.status_code == 201
    assert unkept.get("/issues").json()["items"] == []  # read as the read models stand
    assert unkept.get(f"/issues/{raised.json()['id']}").status_code == 404
    assert _positions(services) == before
    assert set(before.values()) == {head}


def test_a_read_at_a_position_not_yet_reached_answers_503_with_retry_after(
    unkept: TestClient, services: Services, head: int
):
    position = unkept.post("/issues", json=RAISE).headers["Duban-Position"]
    behind = unkept.get("/issues", params={"min_position": position})
    assert behind.status_code == 503
    assert behind.json()["rule"] == "read-models-behind"
    assert behind.headers["Retry-After"] == "1"
    services.runner.catch_up()  # what the worker beside the server does
    caught = unkept.get("/issues", headers={"Duban-Min-Position": position})
    assert caught.status_code == 200
    assert [i["description"] for i in caught.json()["items"]] == [RAISE["description"]]


def test_a_read_at_its_commands_position_sees_the_command_through_the_servers_worker(
    services: Services, directory: TestDirectory
):
    app = create_app(Settings(database_url="unused://"), services=services, jwt_secret=SECRET)
    with TestClient(app) as client:  # a plain client: it names the position itself
        client.headers.update(directory.bearer(*DESK))
        assert client.get("/health", params={"min_position": "0"}).status_code == 200
        for n in range(3):
            raised = client.post("/issues", json={**RAISE, "description": f"问题{n}"})
            position = raised.headers["Duban-Position"]
            issue = client.get(f"/issues/{raised.json()['id']}", params={"min_position": position})
            assert issue.status_code == 200, issue.text
            assert issue.json()["description"] == f"问题{n}"


def test_a_position_the_log_has_not_recorded_or_not_a_number_is_refused(
    client: TestClient, head: int
):
    ahead = client.get("/issues", params={"min_position": str(head + 1000)})
    assert ahead.status_code == 422
    assert ahead.json()["rule"] == "position-not-recorded"
    for bad in ("-1", "3.5", "abc", ""):
        answer = client.get("/issues", headers={"Duban-Min-Position": bad})
        assert answer.status_code == 400, bad
        assert answer.json()["rule"] == "malformed-request"


def test_a_replayed_command_answers_a_position_at_or_past_the_first(client: TestClient, head: int):
    keyed = {"Idempotency-Key": "raise-position-1"}
    first = client.post("/issues", json=RAISE, headers=keyed)
    client.post("/issues", json={**RAISE, "description": "另一件"})
    again = client.post("/issues", json=RAISE, headers=keyed)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert first.headers["Duban-Position"] == str(head + 1)
    assert again.headers["Duban-Position"] == str(head + 2)


def test_a_server_whose_read_models_another_process_keeps_still_names_a_stopped_one(
    unkept: TestClient, services: Services
):
    issue_id = unkept.post("/issues", json=RAISE).json()["id"]
    position = _store_a_limit_that_is_not_a_date(services, UUID(issue_id))
    elsewhere = ProjectionRunner(
        services.office, services.views, read_models(services.office.calendar)
    )
    elsewhere.catch_up()  # another process's worker: the ledger stops at the event
    assert "issue_ledger" not in services.runner.stopped  # the server's runner ran nothing
    for _ in range(100):  # the server looks at the store every second
        answer = unkept.get("/issues")
        if "Duban-Stopped-Read-Models" in answer.headers:
            break
        time.sleep(0.1)
    assert "issue_ledger;lag=1" in answer.headers["Duban-Stopped-Read-Models"]
    assert services.runner.stopped["issue_ledger"].position == position
