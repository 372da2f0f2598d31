"""Whose rows a report holds and as of when: the caller's units (None: every unit), an
enterprise if one is asked for, and the moment whose record it shows (None: now)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bootstrap.services import Services
from domain.values import shanghai_date


@dataclass(frozen=True)
class ReportScope:
    units: tuple[str, ...] | None = None
    enterprise_code: str | None = None

    def covers(self, unit: str | None) -> bool:
        return self.units is None or (unit is not None and unit in self.units)


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
