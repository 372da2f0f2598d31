"""IssueLedger: the problem ledger (台账) — every issue's current state, filterable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.application import Application

from domain.access import Scope
from domain.issue import Issue
from domain.issue_routing import AssistingPart
from domain.values import IssueStatus
from infrastructure.view_store import Tx
from projections.access_index import visible
from projections.latest import states_at
from projections.summaries import AssistingPartSummary, IssueSummary, commitments_of
from projections.tables import MadeByDDL, count_where

_COLUMNS = "id, status, enterprise_code, project_id, responsible_unit, time_limit, raised_at, doc"
_COLUMN_NAMES = tuple(_COLUMNS.split(", "))
_DDL = (
    "CREATE TABLE IF NOT EXISTS issue_ledger ("
    " id TEXT PRIMARY KEY, status TEXT NOT NULL, enterprise_code TEXT NOT NULL,"
    " project_id TEXT, responsible_unit TEXT, time_limit TEXT, raised_at TEXT NOT NULL,"
    " doc TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS issue_ledger_unit ON issue_ledger (responsible_unit, status)",
    "CREATE INDEX IF NOT EXISTS issue_ledger_enterprise ON issue_ledger (enterprise_code)",
    "CREATE INDEX IF NOT EXISTS issue_ledger_project ON issue_ledger (project_id)",
    "CREATE INDEX IF NOT EXISTS issue_ledger_raised ON issue_ledger (raised_at, id)",
    # the overdue board of the present reads only this: the open issues' limits and units
    "CREATE INDEX IF NOT EXISTS issue_ledger_open"
    " ON issue_ledger (status, time_limit, responsible_unit, id)",
)


def summarise(issue: Issue) -> IssueSummary:
    return IssueSummary(
        id=issue.id,
        status=issue.status,
        channel=issue.channel,
        category=issue.category,
        enterprise_code=issue.enterprise_code,
        enterprise_name=issue.enterprise_name,
        project_id=issue.project_id,
        description=issue.description,
        source_kind=issue.source_kind,
        source_ref=issue.source_ref,
        responsible_unit=issue.responsible_unit,
        responsible_person=issue.responsible_person,
        time_limit=issue.time_limit,
        escalations=list(issue.escalations),
        progress_count=issue.progress_count,
        last_progress_note=issue.last_progress_note,
        outcome=issue.outcome,
        confirmed_by=issue.confirmed_by,
        reopen_count=issue.reopen_count,
        commitments=commitments_of(issue),
        raised_at=issue.created_on,
        updated_at=issue.modified_on,
        version=issue.version,
        light=None,
        first_contact_unit=issue.first_contact_unit,
        routing_unit=issue.routing_unit if issue.status is IssueStatus.RAISED else None,
        acceptance_limit=issue.acceptance_limit,
        instructing_leader=issue.instructing_leader,
        instruction=issue.instruction,
        one_by_one=issue.one_by_one,
        cause=issue.cause,
        measures=issue.measures,
        transfers=issue.transfers,
        returns=issue.returns,
        assisting=[_part(p) for p in issue.assisting.values()],
        reply_rule=issue.reply_rule or None,
        reply_by=issue.reply_by,
        replied_on=issue.replied_on,
        one_time_notice=issue.one_time_notice,
    )


def _part(part: AssistingPart) -> AssistingPartSummary:
    return AssistingPartSummary(
        number=part.number,
        unit=part.unit,
        person=part.person,
        part=part.part,
        due=part.due,
        completed_on=part.completed_on,
        answer=part.answer,
        withdrawn=part.withdrawn,
    )


@dataclass(frozen=True)
class IssueFilter:
    status: str | None = None
    responsible_unit: str | None = None
    enterprise_code: str | None = None
    project_id: UUID | None = None
    overdue_on: date | None = None  # open issues whose time limit is before this day
    limit_after: date | None = None  # assigned issues whose time limit is after this day
    limit_until: date | None = None  # ... and on or before this day
    raised_from: date | None = None  # raised on or after this day (UTC date of recording)
    raised_until: date | None = None  # ... and before the day after this one
    channel: str | None = None  # an enum value (Channel)
    category: str | None = None  # an enum value (IssueCategory)
    scope: Scope = field(default_factory=Scope.all)  # only the issues the reader covers


class IssueLedger(MadeByDDL):
    name = "issue_ledger"
    subscribes = (Issue.Event,)
    # 2: intake and routing — first contact, acceptance limit, 一事一督办, transfers, returns,
    # assisting parts, the reply owed, the one-time notice
    version = 2
    tables = ("issue_ledger",)
    ddl = _DDL

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        rows = []
        for issue in states_at(source, events, Issue.Event):
            summary = summarise(issue)
            rows.append(
                (
                    str(summary.id),
                    summary.status.value,
                    summary.enterprise_code,
                    str(summary.project_id) if summary.project_id else None,
                    summary.responsible_unit,
                    summary.time_limit.isoformat() if summary.time_limit else None,
                    summary.raised_at.isoformat(),
                    msgspec.json.encode(summary).decode(),
                )
            )
        if rows:
            tx.upsert("issue_ledger", _COLUMN_NAMES, "id", rows)

    @staticmethod
    def get(tx: Tx, issue_id: UUID) -> IssueSummary | None:
        rows = tx.fetchall("SELECT doc FROM issue_ledger WHERE id = ?", [str(issue_id)])
        return msgspec.json.decode(rows[0][0], type=IssueSummary) if rows else None

    @staticmethod
    def list(tx: Tx, where: IssueFilter, *, limit: int, offset: int) -> list[IssueSummary]:
        clauses, params = _conditions(where)
        sql = (
            "SELECT doc FROM issue_ledger"  # noqa: S608 - clauses are fixed strings
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + " ORDER BY raised_at, id LIMIT ? OFFSET ?"
        )
        rows = tx.fetchall(sql, [*params, limit, offset])
        return [msgspec.json.decode(row[0], type=IssueSummary) for row in rows]

    @staticmethod
    def count(tx: Tx, where: IssueFilter) -> int:
        """How many issues the filter finds, over all pages."""
        clauses, params = _conditions(where)
        return count_where(tx, "issue_ledger", clauses, params)


def _conditions(where: IssueFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("status", where.status),
        ("responsible_unit", where.responsible_unit),
        ("enterprise_code", where.enterprise_code),
        ("project_id", str(where.project_id) if where.project_id else None),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if where.overdue_on is not None:
        clauses.append("status = 'assigned' AND time_limit < ?")
        params.append(where.overdue_on.isoformat())
    if not where.scope.everything:
        clause, covered = visible(where.scope)
        clauses.append(clause)
        params.extend(covered)
    for clause, bound in (
        ("time_limit > ?", where.limit_after),
        ("time_limit <= ?", where.limit_until),
    ):
        if bound is not None:
            clauses.append(f"status = 'assigned' AND {clause}")
            params.append(bound.isoformat())
    for name, value in (("channel", where.channel), ("category", where.category)):
        if value is not None:  # the summary's JSON, as msgspec writes it: "name":"value"
            clauses.append("doc LIKE ?")
            params.append(f'%"{name}":"{value}"%')
    if where.raised_from is not None:
        clauses.append("raised_at >= ?")
        params.append(where.raised_from.isoformat())
    if where.raised_until is not None:
        clauses.append("raised_at < ?")
        params.append((where.raised_until + timedelta(days=1)).isoformat())
    return clauses, params
