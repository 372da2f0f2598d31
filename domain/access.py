"""Who answers for an item, and what a principal covers: the one rule every read and every
command is held to.

An item (any aggregate) names its *answerable* parties: the units that answer for it (the
unit that recorded it, the responsible unit, the owning unit), the officials who answer for
it by name (a lead leader, a team member, a paired official, a responsible person), the
enterprise it concerns, and the region it lies in (GB/T 2260, from a project's region or an
enterprise's credit code — so a supervision office finds problems not yet assigned to any
unit in its own jurisdiction).

A principal's *scope* says which of those it covers: an officer covers its own unit and
itself; a supervision office covers every unit of its government's subtree and that
government's region; an enterprise covers its own credit code; an inspector covers
everything (to read); an admin covers nothing but the directory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"  # acts on what its unit answers for, or what the official leads
    SUPERVISOR = "supervisor"  # the supervision office: reads and acts across its subtree
    INSPECTOR = "inspector"  # reads everything, history and verification included; no commands
    ENTERPRISE = "enterprise"  # raises issues and reviews for its own credit code; sees its own
    ADMIN = "admin"  # the directory and tokens


# the unit recorded on an enterprise's own acts: not a unit of the directory
ENTERPRISE_UNIT = "(enterprise)"


@dataclass(frozen=True)
class Answerable:
    """The parties that answer for one item."""

    units: frozenset[str] = frozenset()
    officials: frozenset[str] = frozenset()
    enterprise: str | None = None
    region: str | None = None  # a six-digit region code

    @classmethod
    def of(
        cls,
        units: Iterable[str | None] = (),
        officials: Iterable[str | None] = (),
        enterprise: str | None = None,
        region: str | None = None,
    ) -> Answerable:
        return cls(
            frozenset(u for u in units if u and u != ENTERPRISE_UNIT),
            frozenset(o for o in officials if o),
            enterprise or None,
            region or None,
        )


def region_of_credit_code(code: str) -> str | None:
    """The registering authority's region: characters 3–8 of a unified social credit code."""
    region = code[2:8]
    return region if len(region) == 6 and region.isdigit() else None


def region_prefix(region_code: str) -> str:
    """The digits a region's subdivisions share: 510000 → 51, 510800 → 5108, 510802 → 510802."""
    prefix = region_code
    while prefix.endswith("00") and len(prefix) > 2:
        prefix = prefix[:-2]
    return prefix


@dataclass(frozen=True)
class Scope:
    """What a principal covers. ``everything``: every item (an inspector's reads, or work done
    by the system itself, such as the demo loader or an import run on the server)."""

    everything: bool = False
    units: frozenset[str] = frozenset()
    officials: frozenset[str] = frozenset()
    enterprise: str | None = None
    regions: tuple[str, ...] = field(default=())  # region prefixes covered

    @classmethod
    def all(cls) -> Scope:
        return cls(everything=True)

    def covers(self, item: Answerable) -> bool:
        if self.everything:
            return True
        if item.units & self.units or item.officials & self.officials:
            return True
        if self.enterprise is not None and item.enterprise == self.enterprise:
            return True
        return item.region is not None and any(item.region.startswith(p) for p in self.regions)

    def covers_unit(self, unit: str) -> bool:
        return self.everything or unit in self.units


@dataclass(frozen=True)
class Principal:
    """Who is acting: an official of the directory as it stands now (or an enterprise), the
    role its token grants, and what that role covers."""

    subject: str  # the official's directory id, or the enterprise's credit code
    name: str
    unit: str  # the official's unit now; ENTERPRISE_UNIT for an enterprise
    role: Role
    scope: Scope
    enterprise_code: str | None = None
    token_id: str = ""

    @property
    def keys_owner(self) -> str:
        """Whose idempotency keys these are: one principal's never answer another's."""
        return f"{self.role.value}:{self.subject}"
