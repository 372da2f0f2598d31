"""A store too busy to take a command in time answers 503 with Retry-After and records
nothing; it is never a 500. SQLite lets one writer in at a time, so it is where this is seen:
the library's pool gives up waiting for its writer, or SQLite gives up on its file lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from bootstrap.services import Services
from infrastructure.database import DatabaseTarget
from tests.api.clients import ReadingClient
from tests.api.test_issues_api import RAISE


@pytest.fixture
def busy_services(sqlite_target: DatabaseTarget, clock) -> Iterator[Services]:
    opened = Services.open(sqlite_target, clock, pool_size=4)
    yield opened
    opened.close()


@pytest.fixture
def busy_client(busy_services: Services) -> Iterator[TestClient]:
    from api.app import create_app
    from infrastructure.settings import Settings
    from tests.api.conftest import DESK
    from tests.directory import SECRET, TestDirectory

    desk = TestDirectory(busy_services.office).bearer(*DESK)
    app = create_app(Settings(database_url="unused://"), services=busy_services, jwt_secret=SECRET)
    with ReadingClient(app, busy_services, raise_server_exceptions=False) as client:
        client.headers.update(desk)
        yield client


def _assert_busy(response, services: Services, before: int) -> None:
    assert response.status_code == 503, response.text
    assert response.json()["rule"] == "store-busy"
    assert int(response.headers["retry-after"]) >= 1
    assert (services.office.recorder.max_notification_id() or 0) == before


def test_a_writer_held_longer_than_the_pool_waits_answers_503(
    busy_client: TestClient, busy_services: Services
):
    before = busy_services.office.recorder.max_notification_id() or 0
    pool = busy_services.office.recorder.datastore.pool
    pool.pool_timeout = 0.2  # the library waits 5 s; the answer is the same
    assert pool._writer_lock.acquire(timeout=1)  # another command is writing
    try:
        response = busy_client.post("/issues", json=RAISE)
    finally:
        pool._writer_lock.release()
    _assert_busy(response, busy_services, before)
    assert busy_client.post("/issues", json=RAISE).status_code == 201


def test_a_file_locked_by_another_process_answers_503(
    busy_client: TestClient, busy_services: Services, sqlite_target: DatabaseTarget
):
    for connection in busy_services.office.recorder.datastore.pool._pool:
        connection._sqlite_conn.execute("PRAGMA busy_timeout = 200")  # the library waits 10 s
    other = sqlite3.connect(sqlite_target.sqlite_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        response = busy_client.post("/issues", json=RAISE)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"]
