"""Copies of an SQLite store taken while it is in use (SQLite's online backup API: a
consistent snapshot, writers wait only for each step), and put back only once the copy's
hash chain has been walked and found intact. PostgreSQL is backed up with its own tools
(pg_dump / pg_restore; see the README), and a restored dump checked with ``duban verify``."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from infrastructure.database import DatabaseTarget
from infrastructure.eventstore.chain import Verdict
from infrastructure.eventstore.verify import verify_store


class RestoreRefusedError(ValueError):
    """The copy is not put in place: its chain is broken, or a store is there already."""


def backup(source: Path, out: Path) -> None:
    """A consistent copy of the store at ``source`` in ``out`` (written beside, then moved)."""
    partial = out.with_name(out.name + ".partial")
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(partial)) as copy:
        live.backup(copy, pages=1024)
    os.replace(partial, out)


def restore(copy: Path, into: Path, *, replace: bool = False) -> Verdict:
    """Walk the copy's chain; if intact, make it the store at ``into``. A store already there
    is kept unless ``replace``."""
    if not copy.is_file():
        raise RestoreRefusedError(f"no backup at {copy}")
    verdict = verify_store(DatabaseTarget(kind="sqlite", sqlite_path=copy))
    if not verdict.intact:
        raise RestoreRefusedError(f"not restored, the backup's chain is {verdict.summary()}")
    if into.exists() and not replace:
        raise RestoreRefusedError(f"a store is at {into} already (--replace puts the copy there)")
    into.parent.mkdir(parents=True, exist_ok=True)
    backup(copy, into)
    for stale in (into.with_name(into.name + "-wal"), into.with_name(into.name + "-shm")):
        stale.unlink(missing_ok=True)
    return verdict
