from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.auth import Principal, Role, issue_token
from bootstrap.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.settings import Settings

CODE = "91110000600037341L"
SECRET = "test-secret-not-for-production-use-0123456789"
# the city's supervision desk: acts and reads across every unit
DESK = Principal("zhangsan", "张三", "市发改委", Role.SUPERVISOR, None)


def bearer(principal: Principal, expires: timedelta = timedelta(hours=1)) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(SECRET, principal, expires)}"}


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    opened = Services.open(target, clock, pool_size=4)
    yield opened
    opened.close()


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    app = create_app(
        Settings(database_url="unused://", log_json=True), services=services, jwt_secret=SECRET
    )
    with TestClient(app, raise_server_exceptions=False) as test_client:
        test_client.headers.update(bearer(DESK))
        yield test_client
