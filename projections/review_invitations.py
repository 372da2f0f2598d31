"""ReviewInvitations: closing out an issue invites its enterprise to review how it was handled;
the invitation stands until the enterprise reviews it (or the issue is reopened)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.application import Application

from domain.access import Scope
from domain.issue import Issue
from domain.review import Review, SubjectKind
from infrastructure.view_store import Tx
from projections.access_index import visible
from projections.latest import state_after
from projections.tables import MadeByDDL, count_where

_DDL = (
    "CREATE TABLE IF NOT EXISTS review_invitations ("
    " issue_id TEXT PRIMARY KEY, enterprise_code TEXT NOT NULL, enterprise_name TEXT NOT NULL,"
    " responsible_unit TEXT, closed_at TEXT NOT NULL, review_id TEXT)",
    "CREATE INDEX IF NOT EXISTS review_invitations_enterprise"
    " ON review_invitations (enterprise_code, review_id)",
)
_INVITE = (
    "INSERT INTO review_invitations (issue_id, enterprise_code, enterprise_name,"
    " responsible_unit, closed_at, review_id) VALUES (?, ?, ?, ?, ?, NULL)"
    " ON CONFLICT (issue_id) DO UPDATE SET closed_at = excluded.closed_at"
)
_WITHDRAW = "DELETE FROM review_invitations WHERE issue_id = ? AND review_id IS NULL"
_ANSWER = "UPDATE review_invitations SET review_id = ? WHERE issue_id = ?"


class ReviewInvitation(msgspec.Struct, kw_only=True):
    issue_id: UUID
    enterprise_code: str
    enterprise_name: str
    responsible_unit: str | None
    closed_at: datetime
    review_id: UUID | None


class ReviewInvitations(MadeByDDL):
    name = "review_invitations"
    subscribes = (Issue.ClosedOut, Issue.Reopened, Review.Submitted)
    tables = ("review_invitations",)
    ddl = _DDL

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        """The batch's statements run in the events' order, a run of the same one at a time."""
        steps: list[tuple[str, tuple[Any, ...]]] = []
        for event in events:
            if isinstance(event, Issue.ClosedOut):
                steps.append((_INVITE, self._invitation(event, source)))
            elif isinstance(event, Issue.Reopened):
                steps.append((_WITHDRAW, (str(event.originator_id),)))
            elif isinstance(event, Review.Submitted) and event.subject_kind == SubjectKind.ISSUE:
                steps.append((_ANSWER, (str(event.originator_id), event.subject_id)))
        for statement, run in groupby(steps, key=itemgetter(0)):
            tx.executemany(statement, [params for _, params in run])

    @staticmethod
    def _invitation(event: Any, source: Application[UUID]) -> tuple[Any, ...]:
        issue: Issue = state_after(source, event)
        return (
            str(issue.id),
            issue.enterprise_code,
            issue.enterprise_name,
            issue.responsible_unit,
            event.timestamp.isoformat(),
        )

    @staticmethod
    def open_for(
        tx: Tx, enterprise_code: str | None, *, scope: Scope, limit: int, offset: int
    ) -> list[ReviewInvitation]:
        clause, params = _open(enterprise_code, scope)
        rows = tx.fetchall(
            "SELECT issue_id, enterprise_code, enterprise_name, responsible_unit, closed_at,"  # noqa: S608
            f" review_id FROM review_invitations WHERE {clause}"
            " ORDER BY closed_at, issue_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [
            ReviewInvitation(
                issue_id=UUID(r[0]),
                enterprise_code=r[1],
                enterprise_name=r[2],
                responsible_unit=r[3],
                closed_at=datetime.fromisoformat(r[4]),
                review_id=UUID(r[5]) if r[5] else None,
            )
            for r in rows
        ]

    @staticmethod
    def count_open(tx: Tx, enterprise_code: str | None, *, scope: Scope) -> int:
        """How many ``open_for`` finds over all its pages."""
        clause, params = _open(enterprise_code, scope)
        return count_where(tx, "review_invitations", [clause], params)


def _open(enterprise_code: str | None, scope: Scope) -> tuple[str, list[Any]]:
    """Invitations not yet answered, of an enterprise (or all), that ``scope`` covers."""
    covered, params = visible(scope, "issue_id")
    clause = f"review_id IS NULL AND (CAST(? AS TEXT) IS NULL OR enterprise_code = ?) AND {covered}"
    return clause, [enterprise_code, enterprise_code, *params]
