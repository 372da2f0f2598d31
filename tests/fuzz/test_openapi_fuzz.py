"""Fuzzing the API from its own OpenAPI schema, on SQLite and on PostgreSQL: no answer is a
5xx, no read after a write the API took is a 5xx, and every answer matches the schema (status
codes, content types, bodies) — as the supervision desk, which reaches every operation.

Data comes in both of schemathesis' modes: positive (what the schema allows) and negative
(what it does not: strings breaking the text pattern, so holding NUL and other control
characters, wrong types, out-of-range numbers); NUL is allowed wherever a string is free.
Half of the bodies carry a valid credit code, region code and dates, and half of the path
ids name aggregates the run made (tests/fuzz/steering.py), so commands get past the first
rule and reach the read models.
After each write the API took (2xx), every list the service offers is read again: a stored
event that broke a read model showed there, and only there, before. ``make fuzz`` runs the
same with many more examples (DUBAN_FUZZ_EXAMPLES)."""

from __future__ import annotations

import atexit
import os
import re
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import psycopg
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from litestar.testing import TestClient
from schemathesis import GenerationMode
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
from infrastructure.database import DatabaseTarget, parse_database_url
from infrastructure.settings import Settings
from tests.api.clients import ReadingClient
from tests.api.reads import LISTS, READS
from tests.conftest import _require_postgres, pg_url
from tests.directory import SECRET, TestDirectory
from tests.fuzz.steering import known, remember

EXAMPLES = int(os.environ.get("DUBAN_FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
_CONTROL = re.compile(r"\\x[01][0-9a-f]|\\x7f")  # as repr() writes them
FIGURES: dict[str, Counter[str]] = {}  # per store, printed at the end (tests/fuzz/conftest.py)


def _postgres_schema() -> DatabaseTarget | None:
    """A fresh schema on the test server, dropped when the run ends; None if none answers."""
    base = parse_database_url(pg_url())
    try:
        with psycopg.connect(base.conninfo(), autocommit=True, connect_timeout=3) as pg:
            schema = f"duban_fuzz_{uuid4().hex[:12]}"
            pg.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.OperationalError:
        return None

    def drop() -> None:
        with psycopg.connect(base.conninfo(), autocommit=True) as pg:
            pg.execute(f'DROP SCHEMA "{schema}" CASCADE')

    atexit.register(drop)
    return replace(base, schema=schema)


def _served(target: DatabaseTarget) -> tuple[schemathesis.BaseSchema, TestClient]:
    services = Services.open(target, FrozenClock(datetime(2026, 9, 28, 2, tzinfo=UTC)), 4)
    atexit.register(services.close)
    settings_ = Settings(database_url="unused://", log_level="WARNING", rate_limit_per_minute=10**6)
    app = create_app(settings_, services=services, jwt_secret=SECRET)
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", app)
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], allow_x00=True, codec="utf-8"
    )
    # schemathesis runs the app's lifespan around each test, and with it the read-model
    # worker, as `duban serve` does; this client's own reads wait for the log's head, the
    # fuzzed ones read the read models as they stand
    client = ReadingClient(app, services, raise_server_exceptions=False)
    directory = TestDirectory(services.office)
    client.headers.update(directory.bearer("张三", Role.SUPERVISOR))
    ids = known(schema)
    ids.units = [str(unit) for unit in directory.units.values()]
    ids.officials = [str(member.official_id) for member in directory.people.values()]
    return schema, client


def _fuzz(store: str, client: TestClient, case: Any) -> None:
    # What the issue asks: no 5xx, and every answer — status, content type, headers, body —
    # as the schema documents it. Two checks are left out on purpose: a value the schema allows
    # but a domain rule refuses answers 422 by design (a blank name, a bad check digit); and
    # Litestar answers OPTIONS per handler, so Allow lists one handler's methods.
    figures = FIGURES.setdefault(store, Counter())
    figures["cases"] += 1
    if _CONTROL.search(repr((case.body, case.query, case.path_parameters))):
        figures["with control characters"] += 1
    auth = {"Authorization": client.headers["Authorization"]}  # the desk, on this store
    response = case.call_and_validate(headers=auth, checks=CHECKS)
    figures[f"{response.status_code // 100}xx"] += 1
    if os.environ.get("DUBAN_FUZZ_DEBUG"):
        rule = response.json().get("rule", "") if response.status_code >= 400 else ""
        figures[f"{case.method} {case.path} {response.status_code} {rule}"] += 1
    if case.method.upper() == "POST" and response.status_code < 300:
        figures["writes taken"] += 1
        if response.status_code == 201:
            remember(case.operation.schema, case.path, response.json())
        for path in READS:
            later = client.get(path)
            figures["later reads"] += 1
            assert later.status_code < 500, (path, later.text, case.as_curl_command())
            if path in LISTS and later.status_code == 200:
                assert set(later.json()) == {"items", "total", "next"}, (path, later.text)


SQLITE, SQLITE_CLIENT = _served(
    DatabaseTarget(kind="sqlite", sqlite_path=Path(tempfile.mkdtemp()) / "fuzz.sqlite")
)


@SQLITE.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_5xx_on_sqlite_and_every_answer_matches_the_schema(case):  # type: ignore[no-untyped-def]
    _fuzz("sqlite", SQLITE_CLIENT, case)


_PG_TARGET = _postgres_schema()
if _PG_TARGET is not None:
    POSTGRES, POSTGRES_CLIENT = _served(_PG_TARGET)

    @pytest.mark.postgres
    @POSTGRES.parametrize()
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def test_no_5xx_on_postgres_and_every_answer_matches_the_schema(case):  # type: ignore[no-untyped-def]
        _fuzz("postgres", POSTGRES_CLIENT, case)

else:

    @pytest.mark.postgres
    def test_no_5xx_on_postgres_and_every_answer_matches_the_schema() -> None:
        _require_postgres()  # skips, saying why, off CI; fails on CI
