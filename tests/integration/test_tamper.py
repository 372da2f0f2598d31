"""Tamper evidence that really tampers: bytes changed, rows deleted, positions swapped, in SQL,
on each store — and verification names the exact position and kind of break."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

import psycopg
import pytest

from application.back_office import BackOffice
from domain.values import Channel, IssueCategory
from infrastructure.database import DatabaseTarget
from infrastructure.eventstore.chain import Verdict
from infrastructure.eventstore.verify import verify_store as verify_either
from tests.integration.test_read_models import assign_directly

CODE = "91110000600037341L"


def verify_store(target: DatabaseTarget) -> Verdict:
    """On PostgreSQL the walk inside the database and the one in Python must agree."""
    verdict = verify_either(target)
    client = verify_either(target, client_side=True)
    facts = ("intact", "checked", "head_position", "head_hash", "break_position", "kind", "unused")
    facts = (*facts, "gaps")
    assert [getattr(client, f) for f in facts] == [getattr(verdict, f) for f in facts]
    return verdict


def record_ten_events(office: BackOffice, officer) -> None:
    for n in range(5):
        issue = office.raise_issue(
            officer,
            channel=Channel.VISIT,
            category=IssueCategory.LAND,
            enterprise_code=CODE,
            enterprise_name="企业",
            description=f"问题{n}",
        )
        assign_directly(office, officer, issue.id, "市自规局", "赵丽", date(2026, 10, 9))


def as_attacker(target: DatabaseTarget, statements: list[tuple[str, tuple]]) -> None:
    """Someone with the database's own rights, going around the append-only guards."""
    if target.sqlite_path is not None:
        with sqlite3.connect(target.sqlite_path) as lite:
            for (name,) in lite.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall():
                lite.execute(f"DROP TRIGGER {name}")
            for sql, params in statements:
                lite.execute(
                    sql.replace("{events}", "stored_events").replace("{pos}", "rowid"), params
                )
        return
    with psycopg.connect(target.conninfo(), autocommit=True) as pg:
        pg.execute(f'SET search_path TO "{target.schema}"')
        pg.execute("SET session_replication_role = replica")  # triggers off, as a superuser can
        for sql, params in statements:
            pg.execute(
                sql.replace("{events}", "duban_events")
                .replace("{pos}", "notification_id")
                .replace("?", "%s"),
                params,
            )


def state_at(target: DatabaseTarget, position: int) -> bytes:
    if target.sqlite_path is not None:
        with sqlite3.connect(target.sqlite_path) as lite:
            return bytes(
                lite.execute(
                    "SELECT state FROM stored_events WHERE rowid = ?", (position,)
                ).fetchone()[0]
            )
    with psycopg.connect(target.conninfo()) as pg:
        pg.execute(f'SET search_path TO "{target.schema}"')
        return bytes(
            pg.execute(
                "SELECT state FROM duban_events WHERE notification_id = %s", (position,)
            ).fetchone()[0]
        )


def test_an_untouched_log_verifies_intact_to_its_head(office, officer, target):
    record_ten_events(office, officer)
    verdict = verify_store(target)
    assert verdict.intact
    assert (verdict.head_position, verdict.checked) == (10, 10)
    assert verdict.summary() == "intact up to position 10 (10 events)"


def test_one_changed_byte_is_reported_changed_at_its_position(office, officer, target):
    record_ten_events(office, officer)
    original = state_at(target, 4)
    tampered = original.replace("市自规局".encode(), "市住建局".encode(), 1)
    assert tampered != original
    as_attacker(target, [("UPDATE {events} SET state = ? WHERE {pos} = ?", (tampered, 4))])
    verdict = verify_store(target)
    assert (verdict.intact, verdict.break_position, verdict.kind) == (False, 4, "changed")
    assert verdict.head_position == 3


def test_a_deleted_row_is_reported_missing_at_its_position(office, officer, target):
    record_ten_events(office, officer)
    as_attacker(target, [("DELETE FROM {events} WHERE {pos} = ?", (6,))])
    verdict = verify_store(target)
    assert (verdict.break_position, verdict.kind) == (6, "missing")


def test_two_swapped_positions_are_reported_reordered_at_the_first(office, officer, target):
    record_ten_events(office, officer)
    as_attacker(
        target,
        [
            ("UPDATE {events} SET {pos} = ? WHERE {pos} = ?", (1000, 3)),
            ("UPDATE {events} SET {pos} = ? WHERE {pos} = ?", (3, 7)),
            ("UPDATE {events} SET {pos} = ? WHERE {pos} = ?", (7, 1000)),
        ],
    )
    verdict = verify_store(target)
    assert (verdict.break_position, verdict.kind) == (3, "reordered")


def test_the_database_itself_refuses_update_and_delete_on_the_log(office, officer, target):
    record_ten_events(office, officer)
    attempts: list[Callable[[], object]]
    if target.sqlite_path is not None:
        lite = sqlite3.connect(target.sqlite_path)
        attempts = [
            lambda: lite.execute("UPDATE stored_events SET topic = 'x' WHERE rowid = 1"),
            lambda: lite.execute("DELETE FROM stored_events WHERE rowid = 1"),
            lambda: lite.execute("DELETE FROM event_chain WHERE position = 1"),
        ]
        for attempt in attempts:
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                attempt()
        lite.close()
    else:
        for sql in (
            "UPDATE duban_events SET topic = 'x' WHERE notification_id = 1",
            "DELETE FROM duban_events WHERE notification_id = 1",
            "TRUNCATE duban_events",
            "UPDATE duban_event_chain SET hash = '\\x00' WHERE position = 1",
        ):
            with psycopg.connect(target.conninfo(), autocommit=True) as pg:
                pg.execute(f'SET search_path TO "{target.schema}"')
                with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                    pg.execute(sql)
    assert verify_store(target).intact
