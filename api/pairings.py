"""Pairings (结对帮扶) over HTTP: establish, log visits (findings raise issues), reassign, end."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody

from api.paging import Page, register_page
from api.permissions import ACT, READ
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import Body, CreditCode, Limit, Name, Offset, Text
from application.linked_issues import IssueRequest
from domain.errors import PairingNotFoundError
from domain.pairing import Pairing, PairingMechanism
from domain.periods import Cadence, next_period, period_of
from domain.values import IssueCategory
from projections.access_index import require_visible
from projections.pairing_register import PAIRING_REGISTER, PairingSummary, summarise


class EstablishPairing(Body):
    mechanism: PairingMechanism
    official_id: UUID  # a directory official, who answers with their unit
    enterprise_code: CreditCode
    enterprise_name: Name
    start: date
    visits_per_month: Annotated[int, msgspec.Meta(ge=1, le=31)] = 1


class RaiseFromFinding(Body):
    category: IssueCategory
    description: Text
    project_id: UUID | None = None


class Finding(Body):
    text: Text
    raise_issue: RaiseFromFinding | None = None


class LogVisit(Body):
    form: Name
    people_met: Annotated[list[Name], msgspec.Meta(max_length=50)] = msgspec.field(
        default_factory=list
    )
    findings: Annotated[list[Finding], msgspec.Meta(max_length=50)] = msgspec.field(
        default_factory=list
    )
    business_date: date | None = None


class Reassign(Body):
    official_id: UUID
    reason: Text


class EndPairing(Body):
    reason: Text
    business_date: date | None = None


class MonthVisits(msgspec.Struct, kw_only=True):
    month: str
    visits: int
    met: bool


class VisitsByMonth(msgspec.Struct, kw_only=True):
    pairing_id: UUID
    visits_per_month: int
    months: list[MonthVisits]
    months_without_visit: list[str]


def _request(finding: Finding) -> IssueRequest | None:
    r = finding.raise_issue
    return IssueRequest(r.category, r.description, project_id=r.project_id) if r else None


class PairingController(Controller):
    path = "/pairings"
    tags = ("pairings",)

    @command("/", "EstablishPairing", roles=ACT, creates=True)
    def establish(self, data: JSONBody[EstablishPairing], act: Act) -> PairingSummary:
        """Pair an official with an enterprise (结对帮扶), with the visits owed each month.

        Refused with unknown-official, invalid-credit-code, blank-text, out-of-scope (an
        official of a unit outside the actor's)."""
        return summarise(act.office.establish_pairing(act.command, **fields(data)))

    @command("/{pairing_id:uuid}/visits", "LogVisit", roles=ACT)
    def log_visit(
        self, pairing_id: FromPath[UUID], data: JSONBody[LogVisit], act: Act
    ) -> PairingSummary:
        """Log a service visit with its findings (a finding may raise a problem on the ledger,
        saved with the visit).

        Refused with pairing-ended, visit-outside-pairing, business-date-in-future, blank-text,
        pairing-not-found."""
        return summarise(
            act.office.log_visit(
                act.command,
                pairing_id,
                form=data.form,
                people_met=data.people_met,
                findings=[(f.text, _request(f)) for f in data.findings],
                business_date=data.business_date,
            )
        )

    @command("/{pairing_id:uuid}/reassignment", "ReassignPairingOfficial", roles=ACT)
    def reassign(
        self, pairing_id: FromPath[UUID], data: JSONBody[Reassign], act: Act
    ) -> PairingSummary:
        """Hand the pairing to another official, with a reason.

        Refused with unknown-official, official-unchanged, pairing-ended, reason-required,
        out-of-scope, pairing-not-found."""
        office = act.office
        return summarise(office.reassign_pairing_official(act.command, pairing_id, **fields(data)))

    @command("/{pairing_id:uuid}/end", "EndPairing", roles=ACT)
    def end(
        self, pairing_id: FromPath[UUID], data: JSONBody[EndPairing], act: Act
    ) -> PairingSummary:
        """End the pairing, with a reason.

        Refused with pairing-ended, reason-required, business-date-in-future,
        pairing-not-found."""
        return summarise(act.office.end_pairing(act.command, pairing_id, **fields(data)))

    @query("/", "ListPairings", roles=READ)
    def list_pairings(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        official: FromQuery[str | None] = None,
        official_unit: FromQuery[str | None] = None,
        enterprise_code: FromQuery[str | None] = None,
        mechanism: FromQuery[PairingMechanism | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[PairingSummary]]:
        """The pairings, filtered by official, unit, enterprise or mechanism."""
        where = {
            "official": official,
            "official_unit": official_unit,
            "enterprise_code": enterprise_code,
            "mechanism": mechanism.value if mechanism else None,
        }
        return register_page(
            request,
            services,
            PAIRING_REGISTER,
            where,
            scope=principal.scope,
            limit=limit,
            offset=offset,
        )

    @query("/{pairing_id:uuid}", "GetPairing", roles=READ)
    def get_pairing(
        self, pairing_id: FromPath[UUID], services: Svc, principal: Caller
    ) -> PairingSummary:
        """One pairing with its visits, as the register shows it now."""
        with services.read() as tx:
            require_visible(tx, principal.scope, pairing_id, Pairing)
            found = PAIRING_REGISTER.get(tx, pairing_id)
        if found is None:
            raise PairingNotFoundError(f"no pairing {pairing_id}")
        return found

    @query("/{pairing_id:uuid}/visits-by-month", "GetVisitsByMonth", roles=READ)
    def visits_by_month(self, pairing_id: FromPath[UUID], services: Svc) -> VisitsByMonth:
        """Each month from the start to this month (or the end): visits, and whether enough."""
        pairing = services.office.get_pairing(pairing_id)
        last = period_of(pairing.ended_on or services.today(), Cadence.MONTHLY)
        months, month = [], period_of(pairing.start, Cadence.MONTHLY)
        while month <= last:
            count = pairing.visits_in(month)
            months.append(
                MonthVisits(month=month, visits=count, met=count >= pairing.visits_per_month)
            )
            month = next_period(month, Cadence.MONTHLY)
        return VisitsByMonth(
            pairing_id=pairing_id,
            visits_per_month=pairing.visits_per_month,
            months=months,
            months_without_visit=[m.month for m in months if m.visits == 0],
        )
