"""Assessment schemes and veto exemptions (情况说明) over HTTP: the schemes in force, as each
assessment records them, and the office's exemptions of a unit's failing period."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody

from api.paging import Page, register_page, whole
from api.permissions import OFFICE, SUPERVISION
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import Body, Limit, Name, Offset, Text
from domain.errors import AssessmentSchemeNotFoundError
from projections.exemption_register import EXEMPTION_REGISTER, ExemptionSummary, summarise_exemption

ExemptedPeriod = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12])$", description="2026-08, 2026-Q3, 2026-H1"
    ),
]


class SchemeHeading(msgspec.Struct, kw_only=True):
    year: int
    version: str
    title: str


class GrantExemption(Body):
    unit_id: UUID
    requirement: Name  # a requirement id of the year's scheme
    period: ExemptedPeriod
    document: Text  # the written explanation (情况说明) it rests on
    approver_id: UUID
    reason: Text


class Revoke(Body):
    reason: Text


class SchemeController(Controller):
    path = "/assessment-schemes"
    tags = ("assessment",)

    @query("/", "ListAssessmentSchemes", roles=SUPERVISION)
    def list_schemes(self, services: Svc) -> Page[SchemeHeading]:
        """The assessment schemes in force, one per year, with their versions."""
        schemes = services.office.schemes
        return whole(
            [
                SchemeHeading(year=s.year, version=s.version, title=s.title)
                for _, s in sorted(schemes.items())
            ]
        )

    @query("/{year:int}", "GetAssessmentScheme", roles=SUPERVISION)
    def get_scheme(self, year: FromPath[int], services: Svc) -> dict[str, Any]:
        """A year's scheme, whole: indicators with weights and formulas, the separate points,
        bonus items, the mechanisms each unit must run (one-vote veto), grades, lists, summons.

        Unknown year: assessment-scheme-not-found."""
        scheme = services.office.schemes.get(year)
        if scheme is None:
            raise AssessmentSchemeNotFoundError(f"no assessment scheme for {year} is loaded")
        return scheme.to_dict()


class ExemptionController(Controller):
    path = "/veto-exemptions"
    tags = ("assessment",)

    @command("/", "GrantVetoExemption", roles=OFFICE, creates=True)
    def grant(self, data: JSONBody[GrantExemption], act: Act) -> ExemptionSummary:
        """Exempt a unit's failing period of a required mechanism from the one-vote veto, on
        its written explanation, with a reason and an approver (granted again after a
        revocation).

        Refused with unknown-requirement, requirement-not-binding, invalid-period,
        approver-is-actor, veto-exemption-already-granted, assessment-scheme-not-found,
        unknown-unit, unknown-official, out-of-scope."""
        office = act.office
        return summarise_exemption(office.grant_veto_exemption(act.command, **fields(data)))

    @command("/{exemption_id:uuid}/revocation", "RevokeVetoExemption", roles=OFFICE)
    def revoke(
        self, exemption_id: FromPath[UUID], data: JSONBody[Revoke], act: Act
    ) -> ExemptionSummary:
        """Revoke an exemption, with a reason: the period counts against the unit again.

        Refused with veto-exemption-not-granted, reason-required, veto-exemption-not-found."""
        office = act.office
        return summarise_exemption(
            office.revoke_veto_exemption(act.command, exemption_id, **fields(data))
        )

    @query("/", "ListVetoExemptions", roles=SUPERVISION)
    def list_exemptions(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        unit: FromQuery[str | None] = None,
        year: FromQuery[str | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[ExemptionSummary]]:
        """The exemptions the reader covers, by unit and year."""
        return register_page(
            request,
            services,
            EXEMPTION_REGISTER,
            {"unit": unit, "year": year},
            scope=principal.scope,
            limit=limit,
            offset=offset,
        )
