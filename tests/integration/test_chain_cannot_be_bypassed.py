"""The chain cannot be switched off by configuration: settings that would store events around
the chained recorder are refused at start-up, and the append-only triggers hold on a table
whose name is as long as PostgreSQL allows."""

from __future__ import annotations

import psycopg
import pytest

from application.back_office import BackOffice
from application.settings_guard import UnsafeSettingError
from infrastructure.calendar import OfficialCalendar
from infrastructure.database import DatabaseTarget
from infrastructure.eventstore.verify import verify_store
from infrastructure.time_limits import load_policy
from tests.integration.test_tamper import record_ten_events

BYPASSES = [
    ("POSTGRES_ENABLE_DB_FUNCTIONS", "y"),
    ("DUBAN_POSTGRES_ENABLE_DB_FUNCTIONS", "true"),
    ("DUBAN_PERSISTENCE_MODULE", "eventsourcing.postgres"),
    ("DUBAN_APPLICATION_RECORDER_TOPIC", "eventsourcing.sqlite:SQLiteApplicationRecorder"),
    ("CIPHER_TOPIC", "eventsourcing.cipher:AESCipher"),
    ("CIPHER_KEY", "0123456789abcdef0123456789abcdef"),
    ("COMPRESSOR_TOPIC", "eventsourcing.compressor:ZlibCompressor"),
    ("DUBAN_COMPRESSOR_TOPIC", "zlib"),
]


def _open(target: DatabaseTarget, clock, kind: type[BackOffice] = BackOffice) -> BackOffice:
    return kind(
        clock,
        env=target.eventsourcing_env(pool_size=2),
        calendar=OfficialCalendar.from_file(),
        policy=load_policy(),
    )


@pytest.mark.parametrize(("variable", "value"), BYPASSES)
def test_a_setting_that_would_bypass_the_chain_is_refused_at_start_up(
    target: DatabaseTarget, clock, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
):
    monkeypatch.setenv(variable, value)
    with pytest.raises(UnsafeSettingError, match=variable):
        _open(target, clock).close()


def test_settings_that_keep_the_chain_are_accepted(
    target: DatabaseTarget, clock, officer, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("POSTGRES_ENABLE_DB_FUNCTIONS", "no")
    monkeypatch.setenv("PERSISTENCE_MODULE", "eventsourcing.popo")  # the store's own wins
    office = _open(target, clock)
    try:
        record_ten_events(office, officer)
    finally:
        office.close()
    verdict = verify_store(target)
    assert (verdict.intact, verdict.checked) == (True, 10)


class LongNamedOffice(BackOffice):
    name = "d" * 53  # its events table: 60 characters, its chain table's over 63 bytes


def test_the_append_only_triggers_hold_on_a_sixty_character_table_name(
    postgres_target: DatabaseTarget, clock, officer
):
    office = _open(postgres_target, clock, LongNamedOffice)
    try:
        record_ten_events(office, officer)
        events = office.recorder.events_table_name  # type: ignore[attr-defined]
        chain = office.recorder.chain_table  # type: ignore[attr-defined]
        keys = office.recorder.keys_table  # type: ignore[attr-defined]
    finally:
        office.close()
    assert len(events) == 60
    assert all(len(name) <= 63 for name in (chain, keys))
    with psycopg.connect(postgres_target.conninfo(), autocommit=True) as pg:
        pg.execute(f'SET search_path TO "{postgres_target.schema}"')
        triggers = pg.execute(
            "SELECT c.relname, count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE NOT t.tgisinternal AND c.relnamespace = %s::regnamespace"
            " GROUP BY c.relname",
            [postgres_target.schema],
        ).fetchall()
        assert sorted(triggers) == sorted([(events, 2), (chain, 2), (keys, 2)])
        for sql in (
            f"UPDATE \"{events}\" SET topic = 'x' WHERE notification_id = 1",
            f'DELETE FROM "{events}" WHERE notification_id = 1',
            f'TRUNCATE "{events}"',
            f"UPDATE \"{chain}\" SET hash = '\\x00' WHERE position = 1",
            f'DELETE FROM "{chain}" WHERE position = 1',
            f'TRUNCATE "{chain}"',
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                pg.execute(sql)
