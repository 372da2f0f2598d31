"""The directory over HTTP: units and officials (admin), read by every role."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from api.actor import actor_guard
from application.context import CommandContext
from bootstrap.services import Services
from domain.directory import UnitLevel
from projections.directory_view import DirectoryView

Name = Annotated[str, msgspec.Meta(max_length=200)]


class RegisterUnit(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: Name
    level: UnitLevel
    parent_id: UUID | None = None
    region_code: Annotated[str, msgspec.Meta(max_length=6)] | None = None


class RegisterOfficial(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: Name
    unit_id: UUID
    title: Name = ""


class MoveOfficial(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    unit_id: UUID
    reason: Annotated[str, msgspec.Meta(max_length=2000)]


class Registered(msgspec.Struct, kw_only=True):
    id: UUID
    version: int


class DirectoryController(Controller):
    path = "/directory"
    tags = ("directory",)
    guards = (actor_guard,)

    @post("/units", operation_id="RegisterUnit", sync_to_thread=True)
    def register_unit(
        self,
        data: JSONBody[RegisterUnit],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> Registered:
        unit = services.office.register_unit(
            command,
            name=data.name,
            level=data.level,
            parent_id=data.parent_id,
            region_code=data.region_code,
        )
        return Registered(id=unit.id, version=unit.version)

    @post("/officials", operation_id="RegisterOfficial", sync_to_thread=True)
    def register_official(
        self,
        data: JSONBody[RegisterOfficial],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> Registered:
        official = services.office.register_official(
            command, name=data.name, unit_id=data.unit_id, title=data.title
        )
        return Registered(id=official.id, version=official.version)

    @post(
        "/officials/{official_id:uuid}/move",
        operation_id="MoveOfficial",
        sync_to_thread=True,
        status_code=200,
    )
    def move_official(
        self,
        official_id: FromPath[UUID],
        data: JSONBody[MoveOfficial],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> Registered:
        official = services.office.move_official(
            command, official_id, unit_id=data.unit_id, reason=data.reason
        )
        return Registered(id=official.id, version=official.version)

    @get("/units", operation_id="ListUnits", sync_to_thread=True)
    def units(self, services: NamedDependency[Services]) -> list[dict[str, Any]]:
        with services.read() as tx:
            return DirectoryView.units(tx)
