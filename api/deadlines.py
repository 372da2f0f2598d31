"""Open deadlines across every aggregate, each with its traffic light, filterable by light."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromQuery

from api.paging import Page, paged
from api.permissions import READ
from api.routing import Caller, Svc, query
from api.schemas import Limit, Offset
from bootstrap.services import Services
from domain.calendar import Light, traffic_light, yellow_boundary
from projections.open_deadlines import DeadlineFilter, DeadlineRow, OpenDeadlines
from projections.pending_deadlines import PendingDeadlines


class DeadlineView(msgspec.Struct, kw_only=True):
    aggregate_type: str
    aggregate_id: UUID
    key: str
    what: str
    due: date
    responsible: str
    light: Light
    missed: bool
    escalation_steps: dict[str, str]


class PendingView(msgspec.Struct, kw_only=True):
    aggregate_id: UUID
    aggregate_type: str
    key: str
    what: str
    start: date
    working_days: int
    year: int  # the year whose calendar it waits for


def light_range(services: Services, light: Light | None) -> tuple[date | None, date | None]:
    """The due-date range (after, until] a light stands for today."""
    if light is None:
        return None, None
    today = services.today()
    if light is Light.RED:
        return None, today - timedelta(days=1)
    boundary = yellow_boundary(
        services.office.calendar, today, services.office.policy.yellow_working_days
    )
    if light is Light.YELLOW:
        return today - timedelta(days=1), boundary
    return boundary, None


def view(services: Services, row: DeadlineRow) -> DeadlineView:
    light = traffic_light(
        services.office.calendar,
        services.today(),
        row.due,
        services.office.policy.yellow_working_days,
    )
    return DeadlineView(
        aggregate_type=row.aggregate_type,
        aggregate_id=row.aggregate_id,
        key=row.key,
        what=row.what,
        due=row.due,
        responsible=row.responsible,
        light=light,
        missed=row.missed,
        escalation_steps=row.steps,
    )


class DeadlineController(Controller):
    path = "/deadlines"
    tags = ("deadlines",)

    @query("/", "ListOpenDeadlines", roles=READ)
    def list_deadlines(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        light: FromQuery[Light | None] = None,
        responsible: FromQuery[str | None] = None,
        aggregate_type: FromQuery[str | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[DeadlineView]]:
        """Deadlines still owed, across every kind of item, each with its traffic light."""
        after, until = light_range(services, light)
        where = DeadlineFilter(
            scope=principal.scope,
            due_after=after,
            due_until=until,
            responsible=responsible,
            aggregate_type=aggregate_type,
        )
        with services.read() as tx:
            rows = OpenDeadlines.listing(tx, where, limit=limit, offset=offset)
            total = OpenDeadlines.count(tx, where)
        items = [view(services, row) for row in rows]
        return paged(request, items, total=total, offset=offset)

    @query("/pending", "ListDeadlinesWaitingForCalendar", roles=READ)
    def pending(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[PendingView]]:
        """Deadlines recorded as working-day counts into a year no calendar covers yet.

        Each is counted by the deadline watcher once the calendar (the chinesecalendar package,
        or the override file) covers its year; until then it has no due date and no light."""
        with services.read() as tx:
            rows = PendingDeadlines.listing(tx, principal.scope, limit, offset)
            total = PendingDeadlines.count(tx, principal.scope)
        items = [PendingView(**vars(row)) for row in rows]
        return paged(request, items, total=total, offset=offset)
