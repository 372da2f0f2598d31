"""The directory over HTTP: units and officials (admin), read by every role."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import Controller
from litestar.params import FromPath, JSONBody

from api.paging import Page, whole
from api.permissions import ANYONE_SIGNED_IN, DIRECTORY, SUPERVISION
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import Body, Name, RegionCode, Registered, text
from domain.access import Principal, Role
from domain.directory import UnitLevel
from domain.posts import Rank
from projections.directory_view import DirectoryView


class RegisterUnit(Body):
    name: Name
    level: UnitLevel
    parent_id: UUID | None = None
    region_code: RegionCode | None = None


class RegisterOfficial(Body):
    name: Name
    unit_id: UUID
    title: Name = ""
    rank: Rank | None = None


class ChangePost(Body):
    title: Name
    reason: Annotated[str, text(2000)]
    rank: Rank | None = None


class MoveOfficial(Body):
    unit_id: UUID
    reason: Annotated[str, text(2000)]


def _covered(principal: Principal) -> frozenset[str] | None:
    return None if principal.scope.everything else principal.scope.units


class DirectoryController(Controller):
    path = "/directory"
    tags = ("directory",)

    @command("/units", "RegisterUnit", roles=DIRECTORY, creates=True)
    def register_unit(self, data: JSONBody[RegisterUnit], act: Act) -> Registered:
        """Register a unit (government, department) under its parent in the directory.

        Refused with invalid-unit-level, invalid-region-code, blank-text, unit-not-found."""
        unit = act.office.register_unit(act.command, **fields(data))
        return Registered(id=unit.id, version=unit.version)

    @command("/officials", "RegisterOfficial", roles=DIRECTORY, creates=True)
    def register_official(self, data: JSONBody[RegisterOfficial], act: Act) -> Registered:
        """Register an official in a unit, with their post (职务) and rank (职级).

        Refused with rank-above-unit, city-division-is-section (a city or county
        department's divisions are 科), head-post-rank-mismatch, blank-text,
        unit-not-found."""
        official = act.office.register_official(act.command, **fields(data))
        return Registered(id=official.id, version=official.version)

    @command("/officials/{official_id:uuid}/move", "MoveOfficial", roles=DIRECTORY)
    def move_official(
        self, official_id: FromPath[UUID], data: JSONBody[MoveOfficial], act: Act
    ) -> Registered:
        """Move an official to another unit, with a reason.

        Refused with official-unchanged, rank-above-unit, city-division-is-section,
        reason-required, official-not-found, unit-not-found."""
        official = act.office.move_official(act.command, official_id, **fields(data))
        return Registered(id=official.id, version=official.version)

    @command("/officials/{official_id:uuid}/post", "ChangeOfficialPost", roles=DIRECTORY)
    def change_post(
        self, official_id: FromPath[UUID], data: JSONBody[ChangePost], act: Act
    ) -> Registered:
        """Give an official another post or rank in their unit, with a reason.

        Refused with post-unchanged, rank-above-unit, city-division-is-section,
        head-post-rank-mismatch, reason-required, official-not-found."""
        official = act.office.change_official_post(act.command, official_id, **fields(data))
        return Registered(id=official.id, version=official.version)

    @query("/officials", "ListOfficials", roles=DIRECTORY | SUPERVISION)
    def officials(self, services: Svc, principal: Caller) -> Page[dict[str, Any]]:
        """The directory's officials with their post and unit (a supervisor: its jurisdiction's)."""
        units = None if principal.role is Role.ADMIN else _covered(principal)
        with services.read() as tx:
            return whole(DirectoryView.officials(tx, units))

    @query("/units", "ListUnits", roles=ANYONE_SIGNED_IN)
    def units(self, services: Svc) -> Page[dict[str, Any]]:
        """Every unit of the directory with its level, parent and region code."""
        with services.read() as tx:
            return whole(DirectoryView.units(tx))
