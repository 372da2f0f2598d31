"""The enterprise register (企业名录) over HTTP: register, reclassify, link and unlink the
government leaders who contact a key enterprise; lists by sector, region and mark."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody

from api.paging import Page, register_page
from api.permissions import OFFICE, SUPERVISION
from api.routing import Act, Caller, Svc, command, query
from api.schemas import Body, CreditCode, Limit, Name, Offset, RegionCode, Text
from domain.enterprise import Classification, Enterprise
from domain.errors import EnterpriseNotFoundError
from projections.access_index import require_visible
from projections.enterprise_register import ENTERPRISE_REGISTER, EnterpriseSummary, summarise

KEEPERS = OFFICE  # the supervision office keeps the register for its government


def _flag(on: bool | None) -> str | None:
    """A mark as the register's filter column holds it."""
    return None if on is None else "true" if on else "false"


class RegisterEnterprise(Body):
    credit_code: CreditCode
    name: Name
    region_code: RegionCode
    sector: Name
    above_scale: bool = False
    specialised: bool = False
    key: bool = False


class Reclassify(Body):
    sector: Name
    above_scale: bool = False
    specialised: bool = False
    key: bool = False
    reason: Text | None = None


def _marks(data: RegisterEnterprise | Reclassify) -> Classification:
    return Classification(data.sector, data.above_scale, data.specialised, data.key)


class LinkLeader(Body):
    leader_id: UUID


class UnlinkLeader(Body):
    leader_id: UUID
    reason: Text


class EnterpriseController(Controller):
    path = "/enterprises"
    tags = ("enterprises",)

    @command("/", "RegisterEnterprise", roles=KEEPERS, creates=True)
    def register(self, data: JSONBody[RegisterEnterprise], act: Act) -> EnterpriseSummary:
        """Register an enterprise by its unified social credit code, with sector, region and
        marks (规上, 专精特新, 重点企业).

        Refused with invalid-credit-code, invalid-region-code, blank-text,
        enterprise-already-registered."""
        return summarise(
            act.office.register_enterprise(
                act.command,
                credit_code=data.credit_code,
                name=data.name,
                region_code=data.region_code,
                classification=_marks(data),
            )
        )

    @command("/{enterprise_id:uuid}/classification", "ReclassifyEnterprise", roles=KEEPERS)
    def reclassify(
        self, enterprise_id: FromPath[UUID], data: JSONBody[Reclassify], act: Act
    ) -> EnterpriseSummary:
        """Change the enterprise's sector or marks.

        Refused with classification-unchanged, key-enterprise-has-contacts (a leader still
        contacts it), blank-text, enterprise-not-found."""
        return summarise(
            act.office.reclassify_enterprise(
                act.command,
                enterprise_id,
                classification=_marks(data),
                reason=data.reason,
            )
        )

    @command("/{enterprise_id:uuid}/contacts", "LinkEnterpriseLeader", roles=KEEPERS)
    def link(
        self, enterprise_id: FromPath[UUID], data: JSONBody[LinkLeader], act: Act
    ) -> EnterpriseSummary:
        """Link a government leader who contacts this key enterprise (联系领导).

        Refused with contact-requires-key-enterprise, contact-requires-government-leader,
        contact-already-linked, unknown-official, enterprise-not-found."""
        office = act.office
        return summarise(
            office.link_enterprise_leader(act.command, enterprise_id, leader_id=data.leader_id)
        )

    @command("/{enterprise_id:uuid}/contacts/removal", "UnlinkEnterpriseLeader", roles=KEEPERS)
    def unlink(
        self, enterprise_id: FromPath[UUID], data: JSONBody[UnlinkLeader], act: Act
    ) -> EnterpriseSummary:
        """Unlink a leader from the enterprise, with a reason.

        Refused with contact-not-linked, reason-required, enterprise-not-found."""
        return summarise(
            act.office.unlink_enterprise_leader(
                act.command, enterprise_id, leader_id=data.leader_id, reason=data.reason
            )
        )

    @query("/", "ListEnterprises", roles=SUPERVISION)
    def list_enterprises(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        sector: FromQuery[str | None] = None,
        region_code: FromQuery[str | None] = None,
        key: FromQuery[bool | None] = None,
        above_scale: FromQuery[bool | None] = None,
        specialised: FromQuery[bool | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[EnterpriseSummary]]:
        """The register by credit code, filtered by sector, region code and marks."""
        where = {
            "sector": sector,
            "region_code": region_code,
            "key_enterprise": _flag(key),
            "above_scale": _flag(above_scale),
            "specialised": _flag(specialised),
        }
        return register_page(
            request,
            services,
            ENTERPRISE_REGISTER,
            where,
            scope=principal.scope,
            limit=limit,
            offset=offset,
        )

    @query("/{enterprise_id:uuid}", "GetEnterprise", roles=SUPERVISION)
    def get_enterprise(
        self, enterprise_id: FromPath[UUID], services: Svc, principal: Caller
    ) -> EnterpriseSummary:
        """One enterprise of the register with its marks and contact leaders."""
        with services.read() as tx:
            require_visible(tx, principal.scope, enterprise_id, Enterprise)
            found = ENTERPRISE_REGISTER.get(tx, enterprise_id)
        if found is None:
            raise EnterpriseNotFoundError(f"no enterprise {enterprise_id}")
        return found
