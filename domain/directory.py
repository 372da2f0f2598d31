"""The directory: units in a hierarchy and the officials who belong to them, kept as events.

A Unit is registered with its name, level (province > city > county/district > department),
parent (none for the top) and, where it applies, its GB/T 2260 region code; it may be renamed.
An Official is registered in a unit and may move to another; history is the events. A unit
below another must be of a lower level, or a department of the same administrative level.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from uuid import UUID

from domain.base import DubanAggregate
from domain.errors import (
    InvalidUnitLevelError,
    OfficialNotFoundError,
    OfficialUnchangedError,
    UnitNotFoundError,
)
from domain.values import Envelope, require_region_code, require_text


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

    class Registered(DubanAggregate.Created):
        name: str
        unit_id: UUID
        title: str

    class Moved(DubanAggregate.Event):
        unit_id: UUID

        def apply(self, official: Official) -> None:
            official.unit_id = self.unit_id

    def __init__(self, *, name: str, unit_id: UUID, title: str) -> None:
        self.name = name
        self.unit_id = unit_id
        self.title = title

    @classmethod
    def register(
        cls, envelope: Envelope, *, id: UUID, name: str, unit: Unit, title: str = ""
    ) -> Official:
        return cls._start(
            cls.Registered,
            id=id,
            envelope=envelope,
            name=require_text(name, "name"),
            unit_id=unit.id,
            title=title.strip(),
        )

    def move(self, envelope: Envelope, *, to: Unit) -> None:
        if to.id == self.unit_id:
            raise OfficialUnchangedError(f"{self.name} already belongs to {to.name}")
        self._record(self.Moved, envelope, unit_id=to.id)


@dataclass(frozen=True)
class Person:
    """An official as a command names them: by directory id, with the name and unit they
    have at the moment of the command (events keep both, as they were)."""

    id: UUID
    name: str
    unit_id: UUID
    unit: str
