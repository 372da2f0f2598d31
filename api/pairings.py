"""Pairings (结对帮扶) over HTTP: establish, log visits (findings raise issues), reassign, end."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody

from api.actor import actor_guard
from api.history import EventRecord, history
from api.issues import Limit, Name, Offset, Text
from application.context import CommandContext
from application.linked_issues import IssueRequest
from bootstrap.services import Services
from domain.errors import PairingNotFoundError
from domain.pairing import Pairing, PairingMechanism
from domain.periods import Cadence, next_period, period_of
from domain.values import IssueCategory
from projections.pairing_register import PAIRING_REGISTER, PairingSummary, summarise


class EstablishPairing(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    mechanism: PairingMechanism
    official: Name
    official_unit: Name
    enterprise_code: Annotated[str, msgspec.Meta(max_length=18)]
    enterprise_name: Name
    start: date
    visits_per_month: Annotated[int, msgspec.Meta(ge=1, le=31)] = 1


class RaiseFromFinding(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    category: IssueCategory
    description: Text
    project_id: UUID | None = None


class Finding(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    text: Text
    raise_issue: RaiseFromFinding | None = None


class LogVisit(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    form: Name
    people_met: Annotated[list[Name], msgspec.Meta(max_length=50)] = []
    findings: Annotated[list[Finding], msgspec.Meta(max_length=50)] = []
    business_date: date | None = None


class Reassign(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    official: Name
    official_unit: Name
    reason: Text


class EndPairing(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
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
    guards = (actor_guard,)

    @post("/", operation_id="EstablishPairing", sync_to_thread=True)
    def establish(
        self,
        data: JSONBody[EstablishPairing],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> PairingSummary:
        return summarise(
            services.office.establish_pairing(
                command,
                mechanism=data.mechanism,
                official=data.official,
                official_unit=data.official_unit,
                enterprise_code=data.enterprise_code,
                enterprise_name=data.enterprise_name,
                start=data.start,
                visits_per_month=data.visits_per_month,
            )
        )

    @post(
        "/{pairing_id:uuid}/visits", operation_id="LogVisit", sync_to_thread=True, status_code=200
    )
    def log_visit(
        self,
        pairing_id: FromPath[UUID],
        data: JSONBody[LogVisit],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> PairingSummary:
        return summarise(
            services.office.log_visit(
                command,
                pairing_id,
                form=data.form,
                people_met=data.people_met,
                findings=[(f.text, _request(f)) for f in data.findings],
                business_date=data.business_date,
            )
        )

    @post(
        "/{pairing_id:uuid}/reassignment",
        operation_id="ReassignPairingOfficial",
        sync_to_thread=True,
        status_code=200,
    )
    def reassign(
        self,
        pairing_id: FromPath[UUID],
        data: JSONBody[Reassign],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> PairingSummary:
        return summarise(
            services.office.reassign_pairing_official(
                command,
                pairing_id,
                official=data.official,
                official_unit=data.official_unit,
                reason=data.reason,
            )
        )

    @post("/{pairing_id:uuid}/end", operation_id="EndPairing", sync_to_thread=True, status_code=200)
    def end(
        self,
        pairing_id: FromPath[UUID],
        data: JSONBody[EndPairing],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> PairingSummary:
        return summarise(
            services.office.end_pairing(
                command, pairing_id, reason=data.reason, business_date=data.business_date
            )
        )

    @get("/", operation_id="ListPairings", sync_to_thread=True)
    def list_pairings(
        self,
        services: NamedDependency[Services],
        official: FromQuery[str | None] = None,
        official_unit: FromQuery[str | None] = None,
        enterprise_code: FromQuery[str | None] = None,
        mechanism: FromQuery[PairingMechanism | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[PairingSummary]:
        where = {
            "official": official,
            "official_unit": official_unit,
            "enterprise_code": enterprise_code,
            "mechanism": mechanism.value if mechanism else None,
        }
        with services.read() as tx:
            return PAIRING_REGISTER.list(tx, where, limit=limit, offset=offset)

    @get("/{pairing_id:uuid}", operation_id="GetPairing", sync_to_thread=True)
    def get_pairing(
        self, pairing_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> PairingSummary:
        with services.read() as tx:
            found = PAIRING_REGISTER.get(tx, pairing_id)
        if found is None:
            raise PairingNotFoundError(f"no pairing {pairing_id}")
        return found

    @get("/{pairing_id:uuid}/visits-by-month", operation_id="GetVisitsByMonth", sync_to_thread=True)
    def visits_by_month(
        self, pairing_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> VisitsByMonth:
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

    @get("/{pairing_id:uuid}/events", operation_id="GetPairingEvents", sync_to_thread=True)
    def get_events(
        self, pairing_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> list[EventRecord]:
        return history(services.office, pairing_id, Pairing.Event, PairingNotFoundError)
