"""Shared fixtures: a frozen clock, and stores — the embedded SQLite file and real PostgreSQL.

PostgreSQL tests read DUBAN_TEST_DATABASE_URL (default: the local server). Off CI they skip,
with the reason, when no server answers; with CI=true they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest

from application.back_office import BackOffice
from application.context import Actor, CommandContext
from infrastructure.calendar import OfficialCalendar
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget, parse_database_url
from infrastructure.time_limits import load_policy
from tests.directory import TestDirectory

DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
# 2026-09-28 10:00 in Shanghai: the Monday before National Day
START = datetime(2026, 9, 28, 2, 0, tzinfo=UTC)


def pg_url() -> str:
    return os.environ.get("DUBAN_TEST_DATABASE_URL", DEFAULT_PG_URL)


def _require_postgres() -> DatabaseTarget:
    target = parse_database_url(pg_url())
    try:
        with psycopg.connect(target.conninfo(), connect_timeout=3):
            pass
    except psycopg.OperationalError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs PostgreSQL at {pg_url()}: {error}")
        pytest.skip(f"no PostgreSQL answers at {pg_url()}: {error}")
    return target


@pytest.fixture
def postgres_target() -> Iterator[DatabaseTarget]:
    """A fresh schema in the test database, dropped afterwards."""
    base = _require_postgres()
    schema = f"duban_test_{uuid4().hex[:12]}"
    with psycopg.connect(base.conninfo(), autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    target = DatabaseTarget(
        kind="postgres",
        host=base.host,
        port=base.port,
        user=base.user,
        password=base.password,
        dbname=base.dbname,
        schema=schema,
    )
    yield target
    with psycopg.connect(base.conninfo(), autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def sqlite_target(tmp_path: Path) -> DatabaseTarget:
    return DatabaseTarget(kind="sqlite", sqlite_path=tmp_path / "duban.sqlite")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def target(request: pytest.FixtureRequest) -> DatabaseTarget:
    """Each test using this runs on the embedded store and again on PostgreSQL."""
    name = "sqlite_target" if request.param == "sqlite" else "postgres_target"
    found: DatabaseTarget = request.getfixturevalue(name)
    return found


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


def opened_office(
    target: DatabaseTarget, clock: FrozenClock, pool_size: int
) -> Iterator[BackOffice]:
    """A back office on ``target`` with the official calendar and policy, closed after."""
    app = BackOffice(
        clock,
        env=target.eventsourcing_env(pool_size=pool_size),
        calendar=OfficialCalendar.from_file(),
        policy=load_policy(),
    )
    yield app
    app.close()


@pytest.fixture
def office(target: DatabaseTarget, clock: FrozenClock) -> Iterator[BackOffice]:
    yield from opened_office(target, clock, pool_size=5)


@pytest.fixture
def people(office: BackOffice) -> TestDirectory:
    """The test city's directory in the office's store: officials and units by id."""
    return TestDirectory(office)


@pytest.fixture
def officer() -> CommandContext:
    return CommandContext(Actor("张三", "市发展改革委"), command_id="cmd-1")


@pytest.fixture
def cjk_font() -> str:
    """The CJK font charts are drawn with (Debian's fonts-noto-cjk, which .ci/run installs).
    Off CI a machine without one skips, saying why; with CI=true it fails instead."""
    from reports.charts import ChartFontMissingError, cjk_family

    try:
        return cjk_family()
    except ChartFontMissingError as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs a CJK font for the charts: {missing}")
        pytest.skip(str(missing))
