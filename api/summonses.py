"""Summonses (约谈) and their rectification over HTTP: the supervision office's commands, and
reads for the office and inspectors, each held to the reader's scope."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody

from api.paging import Page, register_page
from api.permissions import OFFICE, SUPERVISION
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import Body, Days, Limit, Name, Offset, Reason, Text
from application.summonses import RectificationItem
from domain.errors import SummonsNotFoundError
from domain.summons import Summons, SummonsGrounds, SummonsStatus
from projections.access_index import require_visible
from projections.summons_register import SUMMONS_REGISTER, SummonsSummary, summarise


class RectificationItemRequest(Body):
    what: Text
    due: date | None = None
    working_days: Days | None = None


class ProposeSummons(Body):
    unit_id: UUID
    reason: Text
    items: Annotated[list[RectificationItemRequest], msgspec.Meta(max_length=100)]


class ScheduleSummons(Body):
    on: date
    place: Name
    reason: Text | None = None


class SummonsHeld(Body):
    held_on: date
    principal_leader_id: UUID
    conducted_by_id: UUID
    attendee_ids: Annotated[list[UUID], msgspec.Meta(max_length=200)] = msgspec.field(
        default_factory=list
    )
    notes: Text = ""


class ItemCompletion(Body):
    what_was_done: Text
    business_date: date | None = None


class SummonsController(Controller):
    path = "/summonses"
    tags = ("summonses",)

    @command("/", "ProposeSummons", roles=OFFICE, creates=True)
    def propose(self, data: JSONBody[ProposeSummons], act: Act) -> SummonsSummary:
        """Propose summoning a unit's principal leader, with the rectification list.

        Each item is due on a date or a number of working days from today. Refused with
        reason-required, rectification-list-empty, due-date-in-past, ambiguous-time-limit,
        time-limit-required, calendar-year-unknown, blank-text, unknown-unit, out-of-scope."""
        items = [RectificationItem(**fields(item)) for item in data.items]
        summons = act.office.propose_summons(
            act.command,
            unit_id=data.unit_id,
            grounds=SummonsGrounds.SUPERVISOR,
            reason=data.reason,
            items=items,
        )
        return summarise(summons)

    @command("/{summons_id:uuid}/schedule", "ScheduleSummons", roles=OFFICE)
    def schedule(
        self, summons_id: FromPath[UUID], data: JSONBody[ScheduleSummons], act: Act
    ) -> SummonsSummary:
        """Schedule the summons (date and place), or reschedule it with a reason.

        Refused with summons-date-in-past, reason-required, summons-already-held,
        summons-closed, summons-withdrawn, blank-text, summons-not-found."""
        return summarise(act.office.schedule_summons(act.command, summons_id, **fields(data)))

    @command("/{summons_id:uuid}/held", "RecordSummonsHeld", roles=OFFICE)
    def held(
        self, summons_id: FromPath[UUID], data: JSONBody[SummonsHeld], act: Act, services: Svc
    ) -> SummonsSummary:
        """Record the summons held: the day, the principal leader, who conducted it, who came.

        The principal leader is an official of the summoned unit holding a head post (局长,
        主任, 县长 …); they are counted among those present. Refused with
        summons-not-scheduled, summons-already-held, summons-closed, summons-withdrawn,
        business-date-in-future, principal-leader-not-of-unit,
        principal-leader-holds-no-head-post, unknown-official, summons-not-found."""
        summons = act.office.record_summons_held(
            act.command, summons_id, head_posts=services.documents.head_posts, **fields(data)
        )
        return summarise(summons)

    @command(
        "/{summons_id:uuid}/items/{number:int}/completion",
        "CompleteRectificationItem",
        roles=OFFICE,
    )
    def complete(
        self,
        summons_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[ItemCompletion],
        act: Act,
    ) -> SummonsSummary:
        """Record a rectification item completed, and what was done.

        Completed after its due date, the item's miss is recorded with it. Refused with
        rectification-item-not-found, rectification-item-already-completed, summons-closed,
        summons-withdrawn, business-date-in-future, blank-text, summons-not-found."""
        summons = act.office.complete_rectification_item(
            act.command, summons_id, number=number, **fields(data)
        )
        return summarise(summons)

    @command("/{summons_id:uuid}/acceptance", "AcceptRectification", roles=OFFICE)
    def accept(
        self, summons_id: FromPath[UUID], data: JSONBody[Reason], act: Act
    ) -> SummonsSummary:
        """Accept the rectification, with the reason: the summons is closed.

        Refused with rectification-incomplete, summons-not-held, summons-closed,
        summons-withdrawn, reason-required, summons-not-found."""
        return summarise(act.office.accept_rectification(act.command, summons_id, **fields(data)))

    @command("/{summons_id:uuid}/withdrawal", "WithdrawSummons", roles=OFFICE)
    def withdraw(
        self, summons_id: FromPath[UUID], data: JSONBody[Reason], act: Act
    ) -> SummonsSummary:
        """Withdraw a proposed or scheduled summons, with the reason.

        Refused with summons-already-held, summons-closed, summons-withdrawn, reason-required,
        summons-not-found."""
        return summarise(act.office.withdraw_summons(act.command, summons_id, **fields(data)))

    @query("/", "ListSummonses", roles=SUPERVISION)
    def list_summonses(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        unit: FromQuery[str | None] = None,
        status: FromQuery[SummonsStatus | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[SummonsSummary]]:
        """The summonses, oldest proposal first, filtered by summoned unit and status."""
        where = {"unit": unit, "status": status.value if status else None}
        return register_page(
            request,
            services,
            SUMMONS_REGISTER,
            where,
            scope=principal.scope,
            limit=limit,
            offset=offset,
        )

    @query("/{summons_id:uuid}", "GetSummons", roles=SUPERVISION)
    def get_summons(
        self, summons_id: FromPath[UUID], services: Svc, principal: Caller
    ) -> SummonsSummary:
        """One summons as the register shows it now, with its rectification items."""
        with services.read() as tx:
            require_visible(tx, principal.scope, summons_id, Summons)
            found = SUMMONS_REGISTER.get(tx, summons_id)
        if found is None:
            raise SummonsNotFoundError(f"no summons {summons_id}")
        return found
