"""Backups: `duban backup` copies an SQLite store in use, `duban restore` puts a copy in place
only if its chain is intact; a PostgreSQL store is dumped with pg_dump, restored with psql,
and the restored store verified with `duban verify`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest

from entrypoints.cli import main
from infrastructure.database import DatabaseTarget
from tests.integration.test_tamper import as_attacker, record_ten_events, state_at


def _url(target: DatabaseTarget) -> str:
    if target.sqlite_path is not None:
        return f"sqlite:///{target.sqlite_path}"
    return (
        f"postgresql://{target.user}@{target.host}:{target.port}/{target.dbname}"
        f"?schema={target.schema}"
    )


def test_a_backup_restores_and_verifies_a_tampered_one_is_refused(
    office, officer, target: DatabaseTarget, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_ten_events(office, officer)
    if target.sqlite_path is None:
        _dump_restore_and_verify(target, tmp_path, capsys)
        return
    copy, restored = tmp_path / "copy.sqlite", tmp_path / "restored" / "duban.sqlite"
    assert main(["backup", "--database-url", _url(target), "--out", str(copy)]) == 0
    assert main(["restore", str(copy), "--database-url", f"sqlite:///{restored}"]) == 0
    assert "chain intact up to position 10 (10 events)" in capsys.readouterr().out
    assert main(["verify", "--database-url", f"sqlite:///{restored}"]) == 0
    assert "intact up to position 10" in capsys.readouterr().out

    # a second restore over it is refused unless asked for
    assert main(["restore", str(copy), "--database-url", f"sqlite:///{restored}"]) == 1
    assert "--replace" in capsys.readouterr().err

    # a copy changed after it was taken is not put in place
    tampered_copy = DatabaseTarget(kind="sqlite", sqlite_path=copy)
    changed = state_at(tampered_copy, 4).replace("市自规局".encode(), "市住建局".encode(), 1)
    as_attacker(tampered_copy, [("UPDATE {events} SET state = ? WHERE {pos} = ?", (changed, 4))])
    elsewhere = tmp_path / "elsewhere" / "duban.sqlite"
    assert main(["restore", str(copy), "--database-url", f"sqlite:///{elsewhere}"]) == 1
    assert "broken at position 4: changed" in capsys.readouterr().err
    assert not elsewhere.exists()


def _dump_restore_and_verify(
    target: DatabaseTarget, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--database-url", _url(target), "--out", str(tmp_path / "x")]) == 2
    assert "pg_dump" in capsys.readouterr().err
    dump = tmp_path / "duban.sql"
    connection = f"postgresql://{target.user}@{target.host}:{target.port}/{target.dbname}"
    pg_dump, psql = shutil.which("pg_dump"), shutil.which("psql")
    assert pg_dump
    assert psql
    subprocess.run(  # noqa: S603 - the installed client tools
        [pg_dump, "--schema", target.schema, "--no-owner", "--file", str(dump), connection],
        check=True,
    )
    with psycopg.connect(target.conninfo(), autocommit=True) as pg:  # the store is lost
        pg.execute(f'DROP SCHEMA "{target.schema}" CASCADE')
    subprocess.run(  # noqa: S603 - the installed client tools
        [psql, "--quiet", "-v", "ON_ERROR_STOP=1", "--file", str(dump), connection],
        check=True,
        capture_output=True,
    )
    assert main(["verify", "--database-url", _url(target)]) == 0
    assert "intact up to position 10 (10 events)" in capsys.readouterr().out
