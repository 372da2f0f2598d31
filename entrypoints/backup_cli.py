"""`duban backup` and `duban restore`: an SQLite store copied while in use, and put back only
if the copy's hash chain is intact. PostgreSQL: pg_dump and pg_restore (README), then
`duban verify` on the restored store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from entrypoints.options import CommandError, add_database_url, database_url

POSTGRES = (
    "a PostgreSQL store is backed up with pg_dump and restored with pg_restore or psql, "
    "then checked with duban verify (see the README's Backups)"
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

    into = _sqlite_path(args, may_create=True)
    verdict = put_back(Path(args.backup), into, replace=args.replace)
    print(f"restored {args.backup} to {into}: chain {verdict.summary()}")
    return 0


def register(commands: Any) -> None:
    parser = commands.add_parser("backup", help="copy an SQLite store while it is in use")
    parser.add_argument("--out", required=True, help="the file to write the copy to")
    add_database_url(parser)
    parser.set_defaults(run=backup)

    parser = commands.add_parser("restore", help="put a backup in place, if its chain is intact")
    parser.add_argument("backup", help="a copy made by duban backup")
    parser.add_argument(
        "--replace", action="store_true", help="replace the store there (kept otherwise)"
    )
    add_database_url(parser)
    parser.set_defaults(run=restore)
