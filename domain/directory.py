"""The directory: units in a hierarchy and the officials who belong to them, kept as events.

A Unit is registered with its name, level (province > city > county/district > department),
parent (none for the top) and, where it applies, its GB/T 2260 region code; it may be renamed.
An Official is registered in a unit with a post (职务, its title) and, where known, a rank
(职级); the post and rank may change, and the official may move to another unit; history is the
events. A unit below another must be of a lower level, or a department of the same
administrative level. Posts and ranks keep the rules of domain/posts.py in the official's unit,
on registration, on a change of post and on a move.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TypedDict
from uuid import UUID

from domain.base import DubanAggregate
from domain.errors import (
    InvalidUnitLevelError,
    OfficialNotFoundError,
    OfficialUnchangedError,
    PostUnchangedError,
    UnitNotFoundError,
)
from domain.posts import Placement, Rank, check_post
from domain.values import Envelope, require_reason, require_region_code, require_text


class UnitLevel(IntEnum):
    PROVINCE = 1
    CITY = 2
    COUNTY = 3
    DEPARTMENT = 4


class Unit(DubanAggregate):
    not_found = UnitNotFoundError

    class Registered(DubanAggregate.Created):
        name: str
        level: int
        parent_id: UUID | None
        region_code: str | None

    def __init__(
        self, *, name: str, level: int, parent_id: UUID | None, region_code: str | None
    ) -> None:
        self.name = name
        self.level = UnitLevel(level)
        self.parent_id = parent_id
        self.region_code = region_code

    @classmethod
    def register(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        name: str,
        level: UnitLevel,
        parent: Unit | None,
        region_code: str | None = None,
    ) -> Unit:
        if parent is not None and level < parent.level:
            raise InvalidUnitLevelError(
                f"a {level.name.lower()} cannot sit under a {parent.level.name.lower()}"
            )
        if parent is None and level is UnitLevel.DEPARTMENT:
            raise InvalidUnitLevelError("a department belongs to a government unit")
        return cls._start(
            cls.Registered,
            id=id,
            envelope=envelope,
            name=require_text(name, "unit name"),
            level=int(level),
            parent_id=parent.id if parent else None,
            region_code=require_region_code(region_code) if region_code else None,
        )


class Official(DubanAggregate):
    not_found = OfficialNotFoundError
    state_version = 2  # 2: the rank

    class Registered(DubanAggregate.Created):
        class_version = 2  # 2: the rank (职级)
        name: str
        unit_id: UUID
        title: str
        rank: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Registered before ranks were kept: rank unknown."""
            state["rank"] = None

    class Moved(DubanAggregate.Event):
        unit_id: UUID

        def apply(self, official: Official) -> None:
            official.unit_id = self.unit_id

    class PostChanged(DubanAggregate.Event):
        title: str
        rank: str | None

        def apply(self, official: Official) -> None:
            official.title = self.title
            official.rank = Rank(self.rank) if self.rank else None

    def __init__(self, *, name: str, unit_id: UUID, title: str, rank: str | None) -> None:
        self.name = name
        self.unit_id = unit_id
        self.title = title
        self.rank = Rank(rank) if rank else None

    @classmethod
    def register(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        name: str,
        placement: Placement,
        title: str = "",
        rank: Rank | None = None,
    ) -> Official:
        check_post(placement, title.strip(), rank)
        return cls._start(
            cls.Registered,
            id=id,
            envelope=envelope,
            name=require_text(name, "name"),
            unit_id=placement.unit_id,
            title=title.strip(),
            rank=rank.value if rank else None,
        )

    def move(self, envelope: Envelope, *, to: Placement) -> None:
        if to.unit_id == self.unit_id:
            raise OfficialUnchangedError(f"{self.name} already belongs to {to.unit_name}")
        check_post(to, self.title, self.rank)
        self._record(self.Moved, envelope, unit_id=to.unit_id)

    def change_post(
        self, envelope: Envelope, *, placement: Placement, title: str, rank: Rank | None
    ) -> None:
        """A new post or rank in the official's own unit (任职, 晋升), with a reason."""
        require_reason(envelope, "changing an official's post")
        title = title.strip()
        if (title, rank) == (self.title, self.rank):
            raise PostUnchangedError(f"{self.name} already holds {title or 'no post'}")
        check_post(placement, title, rank)
        self._record(self.PostChanged, envelope, title=title, rank=rank.value if rank else None)


@dataclass(frozen=True)
class Person:
    """An official as a command names them: by directory id, with the name and unit they
    have at the moment of the command (events keep both, as they were)."""

    id: UUID
    name: str
    unit_id: UUID
    unit: str

    def responsible(self) -> Responsible:
        """The official as the one who answers for a problem (the keywords an assignment,
        a transfer or an imported row takes)."""
        return Responsible(
            responsible_unit=self.unit,
            responsible_person=self.name,
            responsible_unit_id=self.unit_id,
            responsible_person_id=self.id,
        )


class Responsible(TypedDict):
    responsible_unit: str
    responsible_person: str
    responsible_unit_id: UUID
    responsible_person_id: UUID
