"""`duban restore` on PostgreSQL: a pg_dump (custom format) is restored into a scratch
database, its chain verified there, and only then restored into the store's schema; a dump
whose chain is broken is refused in one line and the store in place is left as it was."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from application.back_office import BackOffice
from entrypoints.cli import main
from infrastructure.database import DatabaseTarget
from tests.conftest import opened_office
from tests.integration.test_tamper import as_attacker, record_ten_events, state_at

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_office(postgres_target: DatabaseTarget, clock) -> Iterator[BackOffice]:  # type: ignore[no-untyped-def]
    yield from opened_office(postgres_target, clock, pool_size=2)


@pytest.fixture
def kept_aside(postgres_target: DatabaseTarget) -> Iterator[None]:
    """Schemas a restore renamed aside, dropped after the test."""
    yield
    with psycopg.connect(postgres_target.conninfo(), autocommit=True) as pg:
        for (name,) in pg.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
            [postgres_target.schema + "_replaced_%"],
        ).fetchall():
            pg.execute(f'DROP SCHEMA "{name}" CASCADE')


def _url(target: DatabaseTarget, schema: str | None = None) -> str:
    return (
        f"postgresql://{target.user}@{target.host}:{target.port}/{target.dbname}"
        f"?schema={schema or target.schema}"
    )


def _dump(target: DatabaseTarget, out: Path) -> Path:
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "PostgreSQL's client tools (pg_dump, pg_restore) are needed"
    connection = f"postgresql://{target.user}@{target.host}:{target.port}/{target.dbname}"
    subprocess.run(  # noqa: S603 - the installed client tool
        [pg_dump, "--format", "custom", "--schema", target.schema, "--file", str(out), connection],
        check=True,
    )
    return out


def _aside(target: DatabaseTarget) -> list[str]:
    with psycopg.connect(target.conninfo()) as pg:
        rows = pg.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
            [target.schema + "_replaced_%"],
        ).fetchall()
    return [str(row[0]) for row in rows]


def _scratch_databases(target: DatabaseTarget) -> set[str]:
    with psycopg.connect(target.conninfo()) as pg:
        rows = pg.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'duban_restore_%'"
        ).fetchall()
    return {str(row[0]) for row in rows}


def _one_line(err: str) -> str:
    assert err.count("\n") == 1, err  # one line, no traceback
    return err


def test_a_dump_is_restored_only_once_its_chain_is_verified(
    pg_office: BackOffice,
    officer,  # type: ignore[no-untyped-def]
    postgres_target: DatabaseTarget,
    kept_aside: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target, url = postgres_target, _url(postgres_target)
    record_ten_events(pg_office, officer)
    pg_office.close()
    scratch_before = _scratch_databases(target)
    good = _dump(target, tmp_path / "good.dump")
    original = state_at(target, 4)

    # a store is there: refused unless asked to replace it
    assert main(["restore", str(good), "--database-url", url]) == 1
    assert "--replace" in _one_line(capsys.readouterr().err)

    # the store is lost: the dump comes back, verified, into its own schema
    with psycopg.connect(target.conninfo(), autocommit=True) as pg:
        pg.execute(f'DROP SCHEMA "{target.schema}" CASCADE')
    assert main(["restore", str(good), "--database-url", url]) == 0
    said = capsys.readouterr().out
    assert f"into schema {target.schema}: chain intact up to position 10 (10 events)" in said
    assert main(["verify", "--database-url", url]) == 0
    assert "intact up to position 10 (10 events)" in capsys.readouterr().out

    # a store changed behind the chain's back, then dumped: that dump is a tampered one
    changed = original.replace("市自规局".encode(), "市住建局".encode(), 1)
    assert changed != original
    as_attacker(target, [("UPDATE {events} SET state = ? WHERE {pos} = ?", (changed, 4))])
    tampered = _dump(target, tmp_path / "tampered.dump")

    # the good dump replaces the tampered store, which is kept aside, renamed
    assert main(["restore", str(good), "--database-url", url, "--replace"]) == 0
    said = capsys.readouterr().out
    assert "chain intact up to position 10 (10 events)" in said
    (aside,) = _aside(target)
    assert f"kept as schema {aside}" in said
    assert state_at(target, 4) == original
    assert state_at(DatabaseTarget(**{**target.__dict__, "schema": aside}), 4) == changed

    # the tampered dump is refused, even with --replace: the store in place is untouched
    assert main(["restore", str(tampered), "--database-url", url, "--replace"]) == 1
    err = _one_line(capsys.readouterr().err)
    assert "not restored, the dump's chain is broken at position 4: changed" in err
    assert state_at(target, 4) == original
    assert _aside(target) == [aside]  # nothing more renamed
    assert main(["verify", "--database-url", url]) == 0
    assert "intact up to position 10 (10 events)" in capsys.readouterr().out
    assert _scratch_databases(target) == scratch_before  # each scratch database dropped


def test_a_dump_of_another_schema_or_no_pg_restore_is_refused_in_one_line(
    pg_office: BackOffice,
    officer,  # type: ignore[no-untyped-def]
    postgres_target: DatabaseTarget,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record_ten_events(pg_office, officer)
    good = _dump(postgres_target, tmp_path / "good.dump")
    elsewhere = _url(postgres_target, "duban_restore_elsewhere")
    assert main(["restore", str(good), "--database-url", elsewhere]) == 1
    err = _one_line(capsys.readouterr().err)
    assert f"holds the store of schema {postgres_target.schema!r}" in err

    not_a_dump = tmp_path / "notes.txt"
    not_a_dump.write_text("not a dump\n", encoding="utf-8")
    url = _url(postgres_target)
    assert main(["restore", str(not_a_dump), "--database-url", url, "--replace"]) == 1
    assert "could not be read" in _one_line(capsys.readouterr().err)

    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    assert main(["restore", str(good), "--database-url", url]) == 1
    assert "pg_restore is not on PATH" in _one_line(capsys.readouterr().err)
    assert state_at(postgres_target, 10)  # the store is still there
