"""`duban db init --app-role NAME`: run as the owner role of a PostgreSQL store, it makes the
event store's tables, their append-only triggers and lock function, and grants the
application's role only what it needs (infrastructure/eventstore/roles.py)."""

from __future__ import annotations

import argparse
from typing import Any

from entrypoints.options import CommandError, add_database_url, database_url


def init(args: argparse.Namespace) -> int:
    from application.back_office import BackOffice
    from infrastructure.clock import SystemClock
    from infrastructure.database import parse_database_url
    from infrastructure.eventstore.roles import grant_application_role

    target = parse_database_url(database_url(args))
    if not target.is_postgres:
        raise CommandError("duban db init is for PostgreSQL; SQLite has no roles", 2)
    office = BackOffice(SystemClock(), env=target.eventsourcing_env(pool_size=1))
    try:
        recorder = office.recorder
        tables = (
            recorder.events_table_name,  # type: ignore[attr-defined]
            recorder.chain_table,  # type: ignore[attr-defined]
            recorder.keys_table,  # type: ignore[attr-defined]
            office.snapshots.recorder.events_table_name,  # type: ignore[union-attr]
        )
    finally:
        office.close()
    grant_application_role(target, args.app_role, tables)
    print(f"event store ready in schema {target.schema!r}; {args.app_role} may insert and read")
    return 0


def register(commands: Any) -> None:
    db = commands.add_parser("db", help="PostgreSQL: make the store, grant the application role")
    actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    init_parser = actions.add_parser("init", help="as the owner: tables, triggers, grants")
    add_database_url(
        init_parser, "the owner role's postgresql:// URL (default: DUBAN_DATABASE_URL)"
    )
    init_parser.add_argument("--app-role", required=True, help="the role the API runs as")
    init_parser.set_defaults(run=init)
