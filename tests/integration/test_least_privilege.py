"""Least privilege on PostgreSQL: the store is made by an owner role (`duban db init`), and the
application, running as a role the owner granted only what it needs, records events and keeps
its read models — and cannot update, delete or truncate the log, nor switch off, drop or
replace its append-only triggers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from uuid import uuid4

import psycopg
import pytest

from bootstrap.services import Services
from entrypoints.cli import main
from infrastructure.database import DatabaseTarget
from infrastructure.eventstore.roles import EventStoreNotReadyError
from infrastructure.eventstore.verify import verify_store
from tests.integration.test_tamper import record_ten_events

pytestmark = pytest.mark.postgres


def _url(target: DatabaseTarget) -> str:
    return f"postgresql://{target.user}@{target.host}:{target.port}/{target.dbname}?schema={target.schema}"


@pytest.fixture
def roles(postgres_target: DatabaseTarget) -> Iterator[tuple[DatabaseTarget, DatabaseTarget]]:
    """An owner role owning the test schema, and an application role with nothing yet."""
    suffix = uuid4().hex[:8]
    owner, app = f"duban_owner_{suffix}", f"duban_app_{suffix}"
    with psycopg.connect(postgres_target.conninfo(), autocommit=True) as pg:
        pg.execute(f'CREATE ROLE "{owner}" LOGIN')
        pg.execute(f'CREATE ROLE "{app}" LOGIN')
        pg.execute(f'ALTER SCHEMA "{postgres_target.schema}" OWNER TO "{owner}"')
    yield replace(postgres_target, user=owner), replace(postgres_target, user=app)
    with psycopg.connect(postgres_target.conninfo(), autocommit=True) as pg:
        for role in (owner, app):
            pg.execute(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER')
            pg.execute(f'DROP OWNED BY "{role}"')
            pg.execute(f'DROP ROLE "{role}"')


def _refused(target: DatabaseTarget, sql: str) -> None:
    with psycopg.connect(target.conninfo(), autocommit=True) as pg:
        pg.execute(f'SET search_path TO "{target.schema}"')
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            pg.execute(sql)


def test_the_application_role_records_and_reads_but_cannot_rewrite_the_log(
    roles: tuple[DatabaseTarget, DatabaseTarget], clock, officer
):
    owner, app = roles
    assert main(["db", "init", "--database-url", _url(owner), "--app-role", app.user]) == 0

    services = Services.open(app, clock, pool_size=2)  # read models made by the app itself
    try:
        record_ten_events(services.office, officer)
        services.runner.catch_up()
        assert set(services.runner.positions().values()) == {10}
        assert services.runner.failures() == {}
    finally:
        services.close()
    assert verify_store(app).intact

    for table in ("duban_events", "duban_event_chain", "duban_command_keys", "duban_snapshots"):
        for sql in (
            f"UPDATE {table} SET {'version' if 'keys' in table else 'originator_version'} = 9",
            f"DELETE FROM {table}",
            f"TRUNCATE {table}",
            f"DROP TABLE {table}",
            f"ALTER TABLE {table} DISABLE TRIGGER ALL",
        ):
            _refused(app, sql)
    for table in ("duban_events", "duban_event_chain", "duban_command_keys"):  # the record
        for sql in (
            f"ALTER TABLE {table} DISABLE TRIGGER duban_append_only",
            f"DROP TRIGGER duban_append_only ON {table}",
            f"DROP TRIGGER duban_no_truncate ON {table}",
            f"CREATE OR REPLACE TRIGGER duban_append_only BEFORE UPDATE ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
        ):
            _refused(app, sql)
    _refused(app, "SET session_replication_role = replica")  # triggers off: superusers only
    _refused(app, "DROP FUNCTION duban_append_only() CASCADE")
    assert verify_store(app).intact


def test_a_store_whose_owner_dropped_a_trigger_is_refused_to_the_application(
    roles: tuple[DatabaseTarget, DatabaseTarget], clock
):
    owner, app = roles
    assert main(["db", "init", "--database-url", _url(owner), "--app-role", app.user]) == 0
    with psycopg.connect(owner.conninfo(), autocommit=True) as pg:
        pg.execute(f'DROP TRIGGER duban_append_only ON "{owner.schema}".duban_events')
    with pytest.raises(EventStoreNotReadyError, match="duban db init"):
        Services.open(app, clock, pool_size=2)
