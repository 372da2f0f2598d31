"""A PostgreSQL store put back from a ``pg_dump --format custom`` file only once the dump's
hash chain has been walked and found intact.

The dump is first restored into a scratch database made for the purpose (the role needs
CREATEDB) and its chain verified there, as ``duban verify`` does; the scratch database is
dropped whatever the verdict. A broken chain, or a dump pg_restore cannot read, is refused
with the store in place untouched. An intact one is then restored into the store's own
database in one transaction and verified again where it stands; a store already in that
schema is kept, renamed aside, and only with ``replace`` (put back if that last step fails).

The dump names its schema: it is restored into that schema, and the URL must name the same
one. pg_restore is PostgreSQL's own client tool, taken from PATH."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import psycopg
from psycopg.sql import SQL, Identifier

from infrastructure.backup import RestoreRefusedError
from infrastructure.database import DatabaseTarget
from infrastructure.eventstore.chain import Verdict
from infrastructure.eventstore.verify import verify_store

EVENTS_TABLE = "duban_events"
# pg_restore --list: "343; 1259 51669 TABLE lst_demo duban_events postgres"
_EVENTS_ENTRY = re.compile(rf"^\d+; \d+ \d+ TABLE (\S+) {EVENTS_TABLE} ", re.MULTILINE)
_MAX_IDENTIFIER = 63


@dataclass(frozen=True)
class Restored:
    verdict: Verdict
    kept_as: str | None  # the schema the store that was there was renamed to, if any


def restore_dump(dump: Path, target: DatabaseTarget, *, replace_store: bool = False) -> Restored:
    """Verify the dump's chain in a scratch database; if intact, restore it into ``target``."""
    tool = shutil.which("pg_restore")
    if tool is None:
        raise RestoreRefusedError(
            "pg_restore is not on PATH: install PostgreSQL's client tools"
            " (Debian: postgresql-client), of the server's major version or newer"
        )
    if not dump.is_file():
        raise RestoreRefusedError(f"no dump at {dump}")
    listing = _run([tool, "--list", str(dump)], target, what=f"{dump} could not be read")
    schema = _schema_of(listing, dump, target)
    makes_schema = re.search(rf"^\d+; \d+ \d+ SCHEMA - {re.escape(schema)} ", listing, re.M)
    occupied = _occupied(target)
    if occupied and not replace_store:
        raise RestoreRefusedError(
            f"schema {schema!r} holds a store already (--replace restores the dump in its place,"
            " keeping that one renamed aside)"
        )
    verdict = _verified_in_scratch(tool, dump, target)
    if not verdict.intact:
        raise RestoreRefusedError(f"not restored, the dump's chain is {verdict.summary()}")
    kept, existed = _make_room(target, occupied=occupied, makes_schema=makes_schema is not None)
    try:
        _run(
            [tool, "--exit-on-error", "--single-transaction", *_connection(target), str(dump)],
            target,
            what="not restored, pg_restore stopped",
        )
        restored = verify_store(target)
        if not restored.intact:
            raise RestoreRefusedError(f"not restored, the chain is {restored.summary()}")
    except BaseException:
        _put_back(target, kept, existed=existed)
        raise
    return Restored(restored, kept)


def _schema_of(listing: str, dump: Path, target: DatabaseTarget) -> str:
    schemas = sorted(set(_EVENTS_ENTRY.findall(listing)))
    if not schemas:
        raise RestoreRefusedError(f"{dump} holds no event store (no {EVENTS_TABLE} table)")
    if len(schemas) > 1:
        raise RestoreRefusedError(
            f"{dump} holds the event stores of several schemas ({', '.join(schemas)}):"
            " dump one schema (pg_dump --schema NAME)"
        )
    if schemas[0] != target.schema:
        raise RestoreRefusedError(
            f"{dump} holds the store of schema {schemas[0]!r}, not {target.schema!r}: name it"
            f" in the URL (…?schema={schemas[0]})"
        )
    found: str = schemas[0]
    return found


def _occupied(target: DatabaseTarget) -> bool:
    """Whether the schema holds anything at all (tables, sequences, functions, types)."""
    with psycopg.connect(target.conninfo()) as pg:
        row = pg.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            "  WHERE n.nspname = %(s)s)"
            " OR EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            "  WHERE n.nspname = %(s)s)",
            {"s": target.schema},
        ).fetchone()
    return bool(row and row[0])


def _verified_in_scratch(tool: str, dump: Path, target: DatabaseTarget) -> Verdict:
    scratch = replace(target, dbname=f"duban_restore_{uuid4().hex[:12]}")
    try:
        with psycopg.connect(target.conninfo(), autocommit=True) as pg:
            pg.execute(
                SQL("CREATE DATABASE {} TEMPLATE template0").format(Identifier(scratch.dbname))
            )
    except psycopg.errors.InsufficientPrivilege:
        raise RestoreRefusedError(
            "a dump is verified in a scratch database before it is restored: the role"
            f" {target.user or '(default)'} needs CREATEDB (restore as the store's owner)"
        ) from None
    try:
        quick = ["--exit-on-error", "--no-owner", "--no-privileges"]  # only read, then dropped
        _run(
            [tool, *quick, *_connection(scratch), str(dump)],
            target,
            what="not restored, pg_restore could not restore the dump to verify it",
        )
        return verify_store(scratch)
    finally:
        with psycopg.connect(target.conninfo(), autocommit=True) as pg:
            pg.execute(
                SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(Identifier(scratch.dbname))
            )


def _make_room(
    target: DatabaseTarget, *, occupied: bool, makes_schema: bool
) -> tuple[str | None, bool]:
    """The schema made ready for the restore: a store there renamed aside, an empty one
    dropped if the dump makes it, made if the dump does not. Returns the name the store
    there was given, if any, and whether the schema was there."""
    kept = None
    schema = Identifier(target.schema)
    with psycopg.connect(target.conninfo(), autocommit=True) as pg:
        exists = pg.execute(
            "SELECT 1 FROM pg_namespace WHERE nspname = %s", [target.schema]
        ).fetchone()
        existed = exists is not None
        if exists and occupied:
            stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
            kept = _aside(target.schema, stamp)
            pg.execute(SQL("ALTER SCHEMA {} RENAME TO {}").format(schema, Identifier(kept)))
            exists = None
        if exists and makes_schema:
            pg.execute(SQL("DROP SCHEMA {}").format(schema))  # empty: nothing is lost
        elif not exists and not makes_schema:  # public, which pg_dump leaves out
            pg.execute(SQL("CREATE SCHEMA {}").format(schema))
    return kept, existed


def _aside(schema: str, stamp: str) -> str:
    suffix = f"_replaced_{stamp}"
    return schema.encode()[: _MAX_IDENTIFIER - len(suffix)].decode(errors="ignore") + suffix


def _put_back(target: DatabaseTarget, kept: str | None, *, existed: bool) -> None:
    """After a failed restore: what it made dropped, the schema as it was put back."""
    schema = Identifier(target.schema)
    with psycopg.connect(target.conninfo(), autocommit=True) as pg:
        pg.execute(SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(schema))
        if kept is not None:
            pg.execute(SQL("ALTER SCHEMA {} RENAME TO {}").format(Identifier(kept), schema))
        elif existed:  # it was there, empty
            pg.execute(SQL("CREATE SCHEMA {}").format(schema))


def _connection(target: DatabaseTarget) -> list[str]:
    """pg_restore's connection options (the password goes by the environment, not argv)."""
    options = ["--host", target.host, "--port", str(target.port), "--dbname", target.dbname]
    return [*options, "--username", target.user] if target.user else options


def _run(argv: Sequence[str], target: DatabaseTarget, *, what: str) -> str:
    env = dict(os.environ)
    if target.password:
        env["PGPASSWORD"] = target.password
    done = subprocess.run(  # noqa: S603 - PostgreSQL's own client tool, our own arguments
        list(argv), capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        why = next((line for line in lines if "error" in line.lower()), lines[0] if lines else "")
        raise RestoreRefusedError(f"{what}: {why.strip()}")
    return done.stdout
