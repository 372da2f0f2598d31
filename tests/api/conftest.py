from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.settings import Settings

HEADERS = {"X-Actor": "%E5%BC%A0%E4%B8%89", "X-Unit": "%E5%B8%82%E5%8F%91%E6%94%B9%E5%A7%94"}
CODE = "91110000600037341L"


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    opened = Services.open(target, clock, pool_size=4)
    yield opened
    opened.close()


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    app = create_app(Settings(database_url="unused://", log_json=True), services=services)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        test_client.headers.update(HEADERS)
        yield test_client
