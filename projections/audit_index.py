"""AuditIndex: every event in global order with its envelope, its data and a one-line
description — what the audit log, its exports and the timelines read. Positions only grow,
so a cursor (the last position seen) pages stably while new events arrive."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.application import Application

from domain.access import Scope
from infrastructure.view_store import Tx
from projections.access_index import visible
from projections.descriptions import describe, title_of
from projections.tables import MadeByDDL, count_where

ENVELOPE = frozenset(
    {
        "originator_id",
        "originator_version",
        "originator_topic",
        "timestamp",
        "actor",
        "unit",
        "command_id",
        "business_date",
        "reason",
    }
)
_COLUMNS = (
    "position, aggregate_type, aggregate_id, version, event_type, actor, unit, command_id,"
    " recorded_at, business_date, reason, description, data"
)
_COLUMN_NAMES = tuple(_COLUMNS.split(", "))
_DDL = (
    "CREATE TABLE IF NOT EXISTS audit_index (position BIGINT PRIMARY KEY,"
    " aggregate_type TEXT NOT NULL, aggregate_id TEXT NOT NULL, version BIGINT NOT NULL,"
    " event_type TEXT NOT NULL, actor TEXT NOT NULL, unit TEXT NOT NULL, command_id TEXT NOT NULL,"
    " recorded_at TEXT NOT NULL, business_date TEXT, reason TEXT, description TEXT NOT NULL,"
    " data TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS audit_index_aggregate ON audit_index (aggregate_id, position)",
    "CREATE INDEX IF NOT EXISTS audit_index_actor ON audit_index (actor, position)",
    "CREATE INDEX IF NOT EXISTS audit_index_unit ON audit_index (unit, position)",
    "CREATE INDEX IF NOT EXISTS audit_index_recorded ON audit_index (recorded_at)",
)


class AuditEntry(msgspec.Struct, kw_only=True):
    position: int
    aggregate_type: str
    aggregate_id: UUID
    version: int
    event_type: str
    actor: str
    unit: str
    command_id: str
    recorded_at: datetime
    business_date: date | None
    reason: str | None
    description: str
    data: dict[str, Any]


@dataclass(frozen=True)
class AuditFilter:
    aggregate_type: str | None = None
    aggregate_id: UUID | None = None
    event_type: str | None = None
    actor: str | None = None
    unit: str | None = None
    recorded_from: datetime | None = None
    recorded_until: datetime | None = None
    business_from: date | None = None
    business_until: date | None = None
    scope: Scope = field(default_factory=Scope.all)  # only the items the reader covers

    def clauses(self) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if not self.scope.everything:
            covered, params = visible(self.scope, "aggregate_id")
            clauses.append(covered)
        for clause, value in (
            ("aggregate_type = ?", self.aggregate_type),
            ("aggregate_id = ?", str(self.aggregate_id) if self.aggregate_id else None),
            ("event_type = ?", self.event_type),
            ("actor = ?", self.actor),
            ("unit = ?", self.unit),
            ("recorded_at >= ?", _utc(self.recorded_from)),
            ("recorded_at <= ?", _utc(self.recorded_until)),
            ("business_date >= ?", self.business_from.isoformat() if self.business_from else None),
            (
                "business_date <= ?",
                self.business_until.isoformat() if self.business_until else None,
            ),
        ):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        return clauses, params


def _utc(moment: datetime | None) -> str | None:
    """Recorded times are compared as UTC ISO strings; a naive bound is taken as UTC."""
    if moment is None:
        return None
    return _iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _row(position: int, event: Any, titles: dict[str, str]) -> tuple[Any, ...]:
    aggregate, _, name = type(event).__qualname__.partition(".")
    state = vars(event)
    data = {k: v for k, v in state.items() if k not in ENVELOPE}
    aggregate_id = str(event.originator_id)
    return (
        position,
        aggregate,
        aggregate_id,
        event.originator_version,
        name,
        event.actor,
        event.unit,
        event.command_id,
        _iso(event.timestamp),
        event.business_date.isoformat() if event.business_date else None,
        event.reason,
        describe(event, titles.get(aggregate_id, "")),
        msgspec.json.encode(data).decode(),
    )


_TITLES = (
    "SELECT aggregate_id, aggregate_type, data FROM audit_index"
    " WHERE version = 1 AND aggregate_id IN ({})"
)


def _titles(tx: Tx, events: Sequence[Any]) -> dict[str, str]:
    """The titles of the items whose later events the batch holds, for their descriptions
    (a creation event names its own item): from a creation event in the batch, else from
    the creation event's row indexed earlier."""
    created: dict[str, Any] = {}
    later: set[str] = set()
    for event in events:
        if getattr(event, "originator_version", 0) == 1:
            created[str(event.originator_id)] = event
        else:
            later.add(str(event.originator_id))
    titles: dict[str, str] = {}
    for aggregate_id in later & created.keys():
        event = created[aggregate_id]
        titles[aggregate_id] = title_of(type(event).__qualname__.partition(".")[0], vars(event))
    wanted = sorted(later - titles.keys())
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        sql = _TITLES.format(", ".join("?" * len(chunk)))
        for aggregate_id, kind, data in tx.fetchall(sql, chunk):
            titles[aggregate_id] = title_of(kind, msgspec.json.decode(data))
    return titles


class AuditIndex(MadeByDDL):
    name = "audit_index"
    tables = ("audit_index",)
    ddl = _DDL
    version = 2  # 2: descriptions are one Chinese sentence naming the item

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        described = [e for e in events if hasattr(e, "actor")]
        titles = _titles(tx, described)
        rows = [
            _row(p, e, titles)
            for p, e in zip(positions, events, strict=True)
            if hasattr(e, "actor")
        ]
        if rows:
            tx.append("audit_index", _COLUMN_NAMES, rows)

    @staticmethod
    def version_at(tx: Tx, aggregate_id: UUID, moment: datetime) -> int | None:
        """The aggregate's version as recorded at ``moment``: what the office knew then."""
        rows = tx.fetchall(
            "SELECT max(version) FROM audit_index WHERE aggregate_id = ? AND recorded_at <= ?",
            [str(aggregate_id), _iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))],
        )
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    @staticmethod
    def page(tx: Tx, where: AuditFilter, *, after: int, limit: int) -> list[AuditEntry]:
        clauses, params = where.clauses()
        clauses.append("position > ?")
        sql = (
            f"SELECT {_COLUMNS} FROM audit_index WHERE "  # noqa: S608 - fixed clauses
            + " AND ".join(clauses)
            + " ORDER BY position LIMIT ?"
        )
        return [_entry(row) for row in tx.fetchall(sql, [*params, after, limit])]

    @staticmethod
    def count(tx: Tx, where: AuditFilter) -> int:
        """How many events the filter finds in the whole log, every page together."""
        clauses, params = where.clauses()
        return count_where(tx, "audit_index", clauses, params)


def _entry(row: Sequence[Any]) -> AuditEntry:
    return AuditEntry(
        position=int(row[0]),
        aggregate_type=row[1],
        aggregate_id=UUID(row[2]),
        version=int(row[3]),
        event_type=row[4],
        actor=row[5],
        unit=row[6],
        command_id=row[7],
        recorded_at=datetime.fromisoformat(row[8]),
        business_date=date.fromisoformat(row[9]) if row[9] else None,
        reason=row[10],
        description=row[11],
        data=msgspec.json.decode(row[12]),
    )
