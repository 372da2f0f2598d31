"""The items a report shows, now from the read models, or as the office had recorded them at
a past moment: the audit index says each item's version then, the store rebuilds it (from a
snapshot, so a few dozen events at most)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from uuid import UUID

from bootstrap.services import Services
from domain.issue import Issue
from domain.project import Project
from infrastructure.view_store import Tx
from projections.issue_ledger import IssueFilter, IssueLedger
from projections.issue_ledger import summarise as summarise_issue
from projections.project_register import ProjectFilter, ProjectRegister
from projections.project_register import summarise as summarise_project
from projections.summaries import IssueSummary, ProjectSummary
from reports.scope import Moment, ReportScope

S = TypeVar("S")
PAGE = 5_000
_VERSIONS = (
    "SELECT aggregate_id, max(version) FROM audit_index"
    " WHERE aggregate_type = ? AND recorded_at <= ? GROUP BY aggregate_id"
)


def versions_at(tx: Tx, aggregate_type: str, moment: Moment) -> dict[str, int]:
    rows = tx.fetchall(_VERSIONS, [aggregate_type, moment.recorded_by()])
    return {str(aggregate_id): int(version) for aggregate_id, version in rows}


def _rebuilt(
    services: Services,
    tx: Tx,
    kind: type[Any],
    moment: Moment,
    scope: ReportScope,
    summarise: Callable[[Any], S],
) -> list[S]:
    """The items of ``kind`` as recorded at the moment that the scope covers then."""
    versions = versions_at(tx, kind.__name__, moment)
    repository = services.office.repository
    found: Iterator[Any] = (repository.get(UUID(i), version=v) for i, v in versions.items())
    return [summarise(item) for item in found if scope.covers(item.answerable())]


def issues(services: Services, tx: Tx, scope: ReportScope, moment: Moment) -> list[IssueSummary]:
    """The scope's issues in ledger order (by when they were raised)."""
    if moment.as_of is None:
        where = IssueFilter(enterprise_code=scope.enterprise_code, scope=scope.access)
        return list(_pages(lambda offset: IssueLedger.list(tx, where, limit=PAGE, offset=offset)))
    found = _rebuilt(services, tx, Issue, moment, scope, summarise_issue)
    return sorted(found, key=lambda s: (s.raised_at, str(s.id)))


def projects(
    services: Services, tx: Tx, scope: ReportScope, moment: Moment
) -> list[ProjectSummary]:
    if moment.as_of is None:
        found = list(_pages(lambda offset: _project_page(tx, scope, offset)))
        return [p for p in found if scope.enterprise_code in (None, p.enterprise_code)]
    found = _rebuilt(services, tx, Project, moment, scope, summarise_project)
    return sorted(found, key=lambda s: (s.registered_at, str(s.id)))


def _project_page(tx: Tx, scope: ReportScope, offset: int) -> list[ProjectSummary]:
    return ProjectRegister.list(tx, ProjectFilter(scope=scope.access), limit=PAGE, offset=offset)


def _pages(page: Callable[[int], list[S]]) -> Iterator[S]:
    offset = 0
    while found := page(offset):
        yield from found
        if len(found) < PAGE:
            return
        offset += PAGE
