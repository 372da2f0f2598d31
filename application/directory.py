"""Directory commands: register units and officials, move officials."""

from __future__ import annotations

from uuid import UUID, uuid4

from application.base import BackOfficeBase
from application.context import CommandContext
from domain.directory import Official, Unit, UnitLevel


class DirectoryCommands(BackOfficeBase):
    def register_unit(
        self,
        ctx: CommandContext,
        *,
        name: str,
        level: UnitLevel,
        parent_id: UUID | None = None,
        region_code: str | None = None,
    ) -> Unit:
        parent = self.load(Unit, parent_id) if parent_id else None
        unit = Unit.register(
            self.envelope(ctx),
            id=uuid4(),
            name=name,
            level=level,
            parent=parent,
            region_code=region_code,
        )
        self.store(ctx, unit, "register_unit")
        return unit

    def register_official(
        self, ctx: CommandContext, *, name: str, unit_id: UUID, title: str = ""
    ) -> Official:
        unit = self.load(Unit, unit_id)
        official = Official.register(
            self.envelope(ctx), id=uuid4(), name=name, unit=unit, title=title
        )
        self.store(ctx, official, "register_official")
        return official

    def move_official(
        self, ctx: CommandContext, official_id: UUID, *, unit_id: UUID, reason: str
    ) -> Official:
        unit = self.load(Unit, unit_id)
        env = self.envelope(ctx, reason=reason)
        return self.change(
            ctx,
            Official,
            official_id,
            "move_official",
            lambda o: o.move(env, to=unit),
        )
