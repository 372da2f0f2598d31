"""Referrals to the discipline inspection and supervision organs (移交纪检监察) over HTTP: made
and concluded by the supervision office, read by it and by inspectors."""

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
from api.schemas import Body, Limit, Name, Offset, Text
from domain.errors import ReferralNotFoundError
from domain.referral import Referral, ReferralStatus
from projections.access_index import require_visible
from projections.referral_register import REFERRAL_REGISTER, ReferralSummary, summarise

Position = Annotated[int, msgspec.Meta(ge=1, le=10**15, description="a position in the audit log")]


class Refer(Body):
    facts: Text
    organ: Name
    unit_id: UUID | None = None
    official_id: UUID | None = None
    evidence: Annotated[list[Position], msgspec.Meta(max_length=500)] = msgspec.field(
        default_factory=list
    )
    summons_id: UUID | None = None


class ReferralOutcome(Body):
    disposition: Text
    business_date: date | None = None


class ReferralController(Controller):
    path = "/referrals"
    tags = ("referrals",)

    @command("/", "ReferToDisciplineInspection", roles=OFFICE, creates=True)
    def refer(self, data: JSONBody[Refer], act: Act) -> ReferralSummary:
        """Refer a unit, an official or both to the discipline inspection and supervision organ.

        With the facts, the evidence (positions of events in GET /audit/events) and, when it
        follows one, the summons. Refused with referral-party-required, evidence-not-in-log,
        blank-text, unknown-unit, unknown-official, unknown-summons, out-of-scope."""
        office = act.office
        return summarise(office.refer_to_discipline_inspection(act.command, **fields(data)))

    @command("/{referral_id:uuid}/outcome", "RecordReferralOutcome", roles=OFFICE)
    def outcome(
        self, referral_id: FromPath[UUID], data: JSONBody[ReferralOutcome], act: Act
    ) -> ReferralSummary:
        """Record the organ's disposition of the referral.

        Refused with referral-outcome-already-recorded, business-date-in-future, blank-text,
        referral-not-found."""
        office = act.office
        return summarise(office.record_referral_outcome(act.command, referral_id, **fields(data)))

    @query("/", "ListReferrals", roles=SUPERVISION)
    def list_referrals(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        unit: FromQuery[str | None] = None,
        status: FromQuery[ReferralStatus | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[ReferralSummary]]:
        """The referrals, oldest first, filtered by the unit concerned and status."""
        where = {"unit": unit, "status": status.value if status else None}
        return register_page(
            request,
            services,
            REFERRAL_REGISTER,
            where,
            scope=principal.scope,
            limit=limit,
            offset=offset,
        )

    @query("/{referral_id:uuid}", "GetReferral", roles=SUPERVISION)
    def get_referral(
        self, referral_id: FromPath[UUID], services: Svc, principal: Caller
    ) -> ReferralSummary:
        """One referral as the register shows it now."""
        with services.read() as tx:
            require_visible(tx, principal.scope, referral_id, Referral)
            found = REFERRAL_REGISTER.get(tx, referral_id)
        if found is None:
            raise ReferralNotFoundError(f"no referral {referral_id}")
        return found
