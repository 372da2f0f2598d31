"""Directory commands: register units and officials, move officials, change their posts."""

from __future__ import annotations

from uuid import UUID, uuid4

from application.base import BackOfficeBase
from application.context import CommandContext
from domain.directory import Official, Unit, UnitLevel
from domain.posts import Placement, Rank


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

    def placement(self, unit_id: UUID) -> Placement:
        """Where an official of the unit serves: the government the unit is, or the nearest
        government above the department it is."""
        unit = government = self.load(Unit, unit_id)
        while government.level is UnitLevel.DEPARTMENT and government.parent_id is not None:
            government = self.load(Unit, government.parent_id)
        # Unit.register gives every department a parent; a store holding one without is read
        # at the lowest standing rather than refused on every command naming its people
        level = UnitLevel.COUNTY if government.level is UnitLevel.DEPARTMENT else government.level
        return Placement(
            unit_id=unit.id,
            unit_name=unit.name,
            is_department=unit.level is UnitLevel.DEPARTMENT,
            government_level=int(level),
        )

    def register_official(
        self,
        ctx: CommandContext,
        *,
        name: str,
        unit_id: UUID,
        title: str = "",
        rank: Rank | None = None,
    ) -> Official:
        official = Official.register(
            self.envelope(ctx),
            id=uuid4(),
            name=name,
            placement=self.placement(unit_id),
            title=title,
            rank=rank,
        )
        self.store(ctx, official, "register_official")
        return official

    def move_official(
        self, ctx: CommandContext, official_id: UUID, *, unit_id: UUID, reason: str
    ) -> Official:
        to = self.placement(unit_id)
        env = self.envelope(ctx, reason=reason)
        return self.change(
            ctx, Official, official_id, "move_official", lambda o: o.move(env, to=to)
        )

    def change_official_post(
        self, ctx: CommandContext, official_id: UUID, *, title: str, rank: Rank | None, reason: str
    ) -> Official:
        env = self.envelope(ctx, reason=reason)

        def change(official: Official) -> None:
            placement = self.placement(official.unit_id)
            official.change_post(env, placement=placement, title=title, rank=rank)

        return self.change(ctx, Official, official_id, "change_official_post", change)
