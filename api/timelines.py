"""GET /{resource}/{id}/timeline[?as_of=…]: an aggregate's events with descriptions, and its
state — now, or as the system had recorded it at a past moment (what the office knew then)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec
from litestar import get
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath, FromQuery

from api.actor import actor_guard
from api.audit import AuditItem, is_late
from bootstrap.services import Services
from domain.base import DubanAggregate
from domain.briefing import SessionSeries
from domain.errors import (
    FinancingMatchNotFoundError,
    IssueNotFoundError,
    NotFoundError,
    PairingNotFoundError,
    ProjectNotFoundError,
    ReviewNotFoundError,
    SessionSeriesNotFoundError,
)
from domain.financing_match import FinancingMatch
from domain.issue import Issue
from domain.pairing import Pairing
from domain.project import Project
from domain.review import Review
from projections import (
    financing_register,
    issue_ledger,
    pairing_register,
    project_register,
    review_register,
    session_register,
)
from projections.audit_index import AuditFilter, AuditIndex


class Timeline(msgspec.Struct, kw_only=True):
    aggregate_type: str
    aggregate_id: UUID
    as_of: datetime | None
    version: int
    state: dict[str, Any]
    events: list[AuditItem]


RESOURCES: list[tuple[str, type[DubanAggregate], type[NotFoundError], Callable[[Any], Any]]] = [
    ("projects", Project, ProjectNotFoundError, project_register.summarise),
    ("issues", Issue, IssueNotFoundError, issue_ledger.summarise),
    ("pairings", Pairing, PairingNotFoundError, pairing_register.summarise),
    ("session-series", SessionSeries, SessionSeriesNotFoundError, session_register.summarise),
    (
        "financing-matches",
        FinancingMatch,
        FinancingMatchNotFoundError,
        financing_register.summarise,
    ),
    ("reviews", Review, ReviewNotFoundError, review_register.summarise),
]


def timeline(
    services: Services,
    aggregate_id: UUID,
    kind: type[DubanAggregate],
    not_found: type[NotFoundError],
    summarise: Callable[[Any], Any],
    as_of: datetime | None,
) -> Timeline:
    name = kind.__name__
    with services.read() as tx:
        version = AuditIndex.version_at(
            tx, str(aggregate_id), as_of or datetime.max.replace(tzinfo=None)
        )
        if version is None:
            raise not_found(
                f"no {name.lower()} {aggregate_id}" + (f" recorded by {as_of}" if as_of else "")
            )
        entries = AuditIndex.page(
            tx, AuditFilter(aggregate_id=str(aggregate_id)), after=0, limit=100_000
        )
    aggregate: DubanAggregate = services.office.repository.get(aggregate_id, version=version)
    if not isinstance(aggregate, kind):
        raise not_found(f"no {name.lower()} {aggregate_id}")
    return Timeline(
        aggregate_type=name,
        aggregate_id=aggregate_id,
        as_of=as_of,
        version=version,
        state=msgspec.to_builtins(summarise(aggregate)),
        events=[
            AuditItem(entry=e, late_record=is_late(services, e))
            for e in entries
            if e.version <= version
        ],
    )


def _handler(
    resource: str,
    kind: type[DubanAggregate],
    not_found: type[NotFoundError],
    summarise: Callable[[Any], Any],
) -> HTTPRouteHandler:
    def handler(
        aggregate_id: FromPath[UUID],
        services: NamedDependency[Services],
        as_of: FromQuery[datetime | None] = None,
    ) -> Timeline:
        return timeline(services, aggregate_id, kind, not_found, summarise, as_of)

    handler.__name__ = f"timeline_{kind.__name__.lower()}"
    return get(
        f"/{resource}/{{aggregate_id:uuid}}/timeline",
        operation_id=f"Get{kind.__name__}Timeline",
        sync_to_thread=True,
        guards=[actor_guard],
        tags=["timelines"],
    )(handler)


TIMELINE_HANDLERS = [_handler(*resource) for resource in RESOURCES]
