"""`duban backup` and `duban restore`: an SQLite store copied while in use, and put back only
if the copy's hash chain is intact. PostgreSQL: dumped with pg_dump --format custom (README),
and put back by `duban restore` only once the dump's chain is verified intact."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from entrypoints.options import CommandError, add_database_url, database_url

if TYPE_CHECKING:
    from infrastructure.database import DatabaseTarget

POSTGRES = (
    "a PostgreSQL store is backed up with pg_dump --format custom (see the README's Backups),"
    " and the dump restored with duban restore, which verifies its chain first"
)


def _sqlite_path(args: argparse.Namespace, *, may_create: bool = False) -> Path:
    from infrastructure.database import parse_database_url

    target = parse_database_url(database_url(args, may_create=may_create))
    if target.sqlite_path is None:
        raise CommandError(POSTGRES, 2)
    return target.sqlite_path


def backup(args: argparse.Namespace) -> int:
    from infrastructure.backup import backup as copy

    source = _sqlite_path(args)
    copy(source, Path(args.out))
    print(f"backed up {source} to {args.out}")
    return 0


def restore(args: argparse.Namespace) -> int:
    from infrastructure.backup import restore as put_back
    from infrastructure.database import parse_database_url

    target = parse_database_url(database_url(args, may_create=True))
    if target.is_postgres:
        return _restore_postgres(args, target)
    into = _sqlite_path(args, may_create=True)
    verdict = put_back(Path(args.backup), into, replace=args.replace)
    print(f"restored {args.backup} to {into}: chain {verdict.summary()}")
    return 0


def _restore_postgres(args: argparse.Namespace, target: DatabaseTarget) -> int:
    from infrastructure.backup_postgres import restore_dump

    done = restore_dump(Path(args.backup), target, replace_store=args.replace)
    print(f"restored {args.backup} into schema {target.schema}: chain {done.verdict.summary()}")
    if done.kept_as:
        print(
            f"the store that was there is kept as schema {done.kept_as}"
            f" (DROP SCHEMA {done.kept_as} CASCADE once it is no longer wanted)"
        )
    return 0


def register(commands: Any) -> None:
    parser = commands.add_parser("backup", help="copy an SQLite store while it is in use")
    parser.add_argument("--out", required=True, help="the file to write the copy to")
    add_database_url(parser)
    parser.set_defaults(run=backup)

    parser = commands.add_parser("restore", help="put a backup in place, if its chain is intact")
    parser.add_argument(
        "backup", help="a copy made by duban backup (PostgreSQL: a pg_dump --format custom file)"
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace the store there (refused otherwise; PostgreSQL keeps it, renamed aside)",
    )
    add_database_url(parser)
    parser.set_defaults(run=restore)
