"""Fuzzing the API from its own OpenAPI schema: no answer is a 5xx, and every answer matches
the schema (status codes, content types, bodies) — as the supervision desk, which reaches
every operation."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from bootstrap.services import Services
from domain.access import Role
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.settings import Settings
from tests.directory import SECRET, TestDirectory

_store = Path(tempfile.mkdtemp(prefix="duban-fuzz-")) / "fuzz.sqlite"
_services = Services.open(
    DatabaseTarget(kind="sqlite", sqlite_path=_store),
    FrozenClock(datetime(2026, 9, 28, 2, tzinfo=UTC)),
    pool_size=2,
)
_app = create_app(
    Settings(database_url="unused://", log_level="WARNING", rate_limit_per_minute=100_000),
    services=_services,
    jwt_secret=SECRET,
)
schema = schemathesis.openapi.from_asgi("/schema/openapi.json", _app)
AUTH = TestDirectory(_services.office).bearer("张三", Role.SUPERVISOR)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_5xx_and_every_answer_matches_the_schema(case):  # type: ignore[no-untyped-def]
    # What the issue asks: no 5xx, and every answer — status, content type, headers, body —
    # as the schema documents it. Two checks are left out on purpose: a value the schema allows
    # but a domain rule refuses answers 422 by design (a blank name, a bad check digit); and
    # Litestar answers OPTIONS per handler, so Allow lists one handler's methods.
    case.call_and_validate(headers=AUTH, checks=CHECKS)
