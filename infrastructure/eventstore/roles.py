"""Least privilege on PostgreSQL: the event store's tables are made by an owner role, and the
application runs as a role that may only insert into them and read them.

``duban db init --app-role NAME`` (run as the owner) makes the tables, their append-only
triggers and the lock function, and grants the application role what it needs and no more:
SELECT and INSERT on the events, chain and snapshot tables, the events' sequence, the lock
function, and CREATE in the schema for its own read-model and bookkeeping tables. Not being
their owner, it cannot UPDATE, DELETE or TRUNCATE the log, nor disable or drop a trigger.

The library serialises saves with ``LOCK TABLE … IN EXCLUSIVE MODE``, which PostgreSQL allows
only to a role that may UPDATE, DELETE or TRUNCATE the table; so the lock is taken by a
function of the owner's (SECURITY DEFINER) that does that and nothing else.
"""

from __future__ import annotations

import hashlib

import psycopg
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composed, Identifier

from infrastructure.database import DatabaseTarget

TRIGGER_NAMES = ("duban_append_only", "duban_no_truncate")
_LOCK_FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.{name}() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
BEGIN
    LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE;
END
$fn$
"""


class EventStoreNotReadyError(RuntimeError):
    """The event store's tables belong to another role and lack what the chain needs."""


def lock_function(events_table: str) -> str:
    return "duban_lock_" + hashlib.sha256(events_table.encode()).hexdigest()[:12]


def lock_function_ddl(schema: str, events_table: str) -> list[Composed]:
    name, qualified_schema = Identifier(lock_function(events_table)), Identifier(schema)
    return [
        SQL(_LOCK_FUNCTION).format(
            schema=qualified_schema, name=name, table=Identifier(events_table)
        ),
        SQL("REVOKE EXECUTE ON FUNCTION {schema}.{name}() FROM PUBLIC").format(
            schema=qualified_schema, name=name
        ),
    ]


def take_lock(schema: str, events_table: str) -> Composed:
    return SQL("SELECT {schema}.{name}()").format(
        schema=Identifier(schema), name=Identifier(lock_function(events_table))
    )


def owned_by_another_role(curs: Cursor[DictRow], schema: str, table: str) -> bool:
    """True when the table exists and this role is not (a member of) its owner."""
    row = curs.execute(
        "SELECT NOT pg_has_role(current_user, c.relowner, 'USAGE') AS other FROM pg_class c"
        " WHERE c.oid = to_regclass(format('%%I.%%I', %s::text, %s::text))",
        [schema, table],
    ).fetchone()
    return bool(row and row["other"])


def require_chain_objects(curs: Cursor[DictRow], schema: str, tables: tuple[str, ...]) -> None:
    """An application role does not make the store: its owner must have, in full."""
    row = curs.execute(
        "SELECT (SELECT count(*) FROM pg_trigger t WHERE t.tgenabled <> 'D'"
        "   AND t.tgname = ANY(%s) AND t.tgrelid = ANY(ARRAY("
        "     SELECT to_regclass(format('%%I.%%I', %s::text, name))"
        "     FROM unnest(%s::text[]) name))) AS triggers,"
        " to_regprocedure(format('%%I.%%I()', %s::text, %s::text)) IS NOT NULL AS lock",
        [list(TRIGGER_NAMES), schema, list(tables), schema, lock_function(tables[0])],
    ).fetchone()
    if row is None or row["triggers"] != len(TRIGGER_NAMES) * len(tables) or not row["lock"]:
        raise EventStoreNotReadyError(
            f"the event store in schema {schema!r} belongs to another role and lacks its"
            " append-only triggers or lock function: run `duban db init` as its owner"
        )


def grant_application_role(target: DatabaseTarget, role: str, tables: tuple[str, ...]) -> None:
    """Grant ``role`` what the application needs on the store ``target`` (as its owner)."""
    names = {
        "schema": Identifier(target.schema),
        "role": Identifier(role),
        "lock": Identifier(lock_function(tables[0])),
    }
    statements = [
        SQL("GRANT USAGE, CREATE ON SCHEMA {schema} TO {role}").format(**names),
        # the events' position sequence: a save draws from it
        SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}").format(**names),
        SQL("GRANT EXECUTE ON FUNCTION {schema}.{lock}() TO {role}").format(**names),
        *(
            SQL("GRANT SELECT, INSERT ON {schema}.{table} TO {role}").format(
                table=Identifier(table), **names
            )
            for table in tables
        ),
    ]
    with psycopg.connect(target.conninfo(), autocommit=True) as pg:
        for statement in statements:
            pg.execute(statement)
