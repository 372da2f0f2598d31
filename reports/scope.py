"""Whose rows a report holds and as of when: what the caller covers (the access policy of
domain/access.py, as every list is held to), an enterprise if one is asked for, and the
moment whose record it shows (None: now)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from bootstrap.services import Services
from domain.access import Answerable
from domain.access import Scope as AccessScope
from domain.values import shanghai_date


@dataclass(frozen=True)
class ReportScope:
    access: AccessScope = field(default_factory=AccessScope.all)
    enterprise_code: str | None = None

    @property
    def units(self) -> frozenset[str] | None:
        """The units the report ranges over (a jurisdiction); None for all of them."""
        return None if self.access.everything else self.access.units

    def covers_unit(self, unit: str | None) -> bool:
        return self.access.covers_unit(unit or "")

    def covers(self, item: Answerable) -> bool:
        wanted = self.enterprise_code in (None, item.enterprise)
        return wanted and self.access.covers(item)


@dataclass(frozen=True)
class Moment:
    """What was recorded by ``as_of`` (None: everything so far), read on ``today``."""

    as_of: datetime | None
    today: date

    @classmethod
    def of(cls, services: Services, as_of: datetime | None) -> Moment:
        if as_of is not None and as_of.tzinfo is None:
            as_of = as_of.replace(tzinfo=UTC)
        return cls(as_of, shanghai_date(as_of) if as_of else services.today())

    def stamp(self) -> str:
        """The moment as a heading says it: 截至2026年9月30日."""
        return f"截至{self.today.year}年{self.today.month}月{self.today.day}日"

    def recorded_by(self) -> str | None:
        """The bound on recorded_at columns (UTC ISO), or None for everything."""
        return self.as_of.astimezone(UTC).isoformat() if self.as_of else None
