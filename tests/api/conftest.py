from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from api.app import create_app
from bootstrap.services import Services
from domain.access import Role
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.settings import Settings
from tests.api.clients import ReadingClient
from tests.directory import SECRET, TestDirectory

CODE = "91110000600037341L"
# a read waits for its position at most this long: generous, the machine may be busy
TEST_SETTINGS = Settings(database_url="unused://", log_json=True, read_wait_seconds=60)
# the city's supervision desk (张三 of 市政府督查室): acts and reads across the city
DESK = ("张三", Role.SUPERVISOR)


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    opened = Services.open(target, clock, pool_size=4)
    yield opened
    opened.close()


@pytest.fixture
def directory(services: Services) -> TestDirectory:
    return TestDirectory(services.office)


@pytest.fixture
def head(services: Services, directory: TestDirectory) -> int:
    """The log's last position once the directory is registered: what a test adds follows it."""
    return services.office.recorder.max_notification_id() or 0


@pytest.fixture
def client(services: Services, directory: TestDirectory) -> Iterator[TestClient]:
    app = create_app(TEST_SETTINGS, services=services, jwt_secret=SECRET)
    with ReadingClient(app, services, raise_server_exceptions=False) as test_client:
        test_client.headers.update(directory.bearer(*DESK))
        yield test_client


def who(client: TestClient, name: str) -> str:
    """A directory official's id, as a client finds it (GET /directory/officials)."""
    officials = client.get("/directory/officials").json()["items"]
    (found,) = [o["id"] for o in officials if o["name"] == name]
    return str(found)


def unit_id(client: TestClient, name: str) -> str:
    units = client.get("/directory/units").json()["items"]
    (found,) = [u["id"] for u in units if u["name"] == name]
    return str(found)
