"""A unit's result in an assessment: its indicators' figures and points, its one-vote-veto
verdict, its bonus points and any adjustments — and the total, grade and rank they give.

Totals: the main indicators that apply to the unit are scored and their points brought to
the scheme's full marks in proportion (按比例折算: points ÷ the weights that apply × the
total); the separate points (单列) and the bonus points (each bonus item up to its cap) are
added. A result entered from a paper record carries its total alone. Ranks: by the veto
first (a vetoed unit ranks below every unit that was not, in the year-end assessment), then
by total, highest first; units equal on both share a rank (1, 1, 3…).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.assessment_scheme import Grade, PeriodKind, Scheme, exact, two_places


@dataclass
class IndicatorScore:
    id: str
    value: float | None  # the figure; None where there was nothing to measure
    points: float  # as computed
    applies: bool = True
    evidence: str = ""  # where the figure's facts are listed
    adjusted: float | None = None  # the points after an adjustment (ScoreAdjusted)

    @property
    def final(self) -> float:
        return self.points if self.adjusted is None else self.adjusted

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> IndicatorScore:
        return cls(
            id=raw["id"],
            value=raw.get("value"),
            points=float(raw["points"]),
            applies=bool(raw.get("applies", True)),
            evidence=raw.get("evidence", ""),
        )


@dataclass
class UnitResult:
    unit_id: UUID
    unit: str
    indicators: dict[str, IndicatorScore] = field(default_factory=dict)
    vetoed: bool = False
    veto: dict[str, Any] = field(default_factory=dict)  # the verdict, requirement by requirement
    bonuses: dict[str, float] = field(default_factory=dict)  # bonus id → points awarded
    entered_total: float | None = None  # a result entered from the record: its total alone

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> UnitResult:
        return cls(
            unit_id=UUID(str(raw["unit_id"])),
            unit=raw["unit"],
            indicators={i["id"]: IndicatorScore.from_dict(i) for i in raw.get("indicators", [])},
            vetoed=bool(raw.get("vetoed", False)),
            veto=dict(raw.get("veto", {})),
            entered_total=raw.get("entered_total"),
        )

    def main_score(self, scheme: Scheme) -> float:
        """The main indicators' points brought to the scheme's full marks."""
        earned = possible = Decimal(0)
        for indicator in scheme.indicators:
            score = self.indicators.get(indicator.id)
            if indicator.separate or score is None or not score.applies:
                continue
            earned += exact(score.final)
            possible += exact(indicator.weight)
        if not possible:
            return scheme.total
        # multiplied before dividing: a total that falls on a half cent is found exactly
        return two_places(earned * exact(scheme.total) / possible)

    def separate_score(self, scheme: Scheme) -> float:
        return _sum(
            self.indicators[i.id].final
            for i in scheme.indicators
            if i.separate and i.id in self.indicators and self.indicators[i.id].applies
        )

    def bonus_score(self, scheme: Scheme) -> float:
        return _sum(
            min(points, b.cap) for b in scheme.bonuses if (points := self.bonuses.get(b.id))
        )

    def total(self, scheme: Scheme) -> float:
        if self.entered_total is not None:
            return self.entered_total
        parts = self.main_score(scheme), self.separate_score(scheme), self.bonus_score(scheme)
        return _sum(parts)


def _sum(points: Iterable[float]) -> float:
    return two_places(sum((exact(p) for p in points), Decimal(0)))


@dataclass(frozen=True)
class Standing:
    """A unit's place in a published assessment."""

    unit_id: UUID
    unit: str
    total: float
    grade: Grade
    rank: int
    vetoed: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_id": str(self.unit_id),
            "unit": self.unit,
            "total": self.total,
            "grade": self.grade.value,
            "rank": self.rank,
            "vetoed": self.vetoed,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Standing:
        return cls(
            unit_id=UUID(str(raw["unit_id"])),
            unit=raw["unit"],
            total=float(raw["total"]),
            grade=Grade(raw["grade"]),
            rank=int(raw["rank"]),
            vetoed=bool(raw["vetoed"]),
        )


def standings(results: list[UnitResult], scheme: Scheme, kind: PeriodKind) -> list[Standing]:
    """Every unit's total, grade and shared rank (see the module's note)."""
    vetoes = kind is PeriodKind.ANNUAL

    def order(r: UnitResult) -> tuple[bool, float]:
        return (r.vetoed and vetoes, -r.total(scheme))

    ranked = sorted(results, key=lambda r: (*order(r), r.unit))
    first_at: dict[tuple[bool, float], int] = {}
    return [
        Standing(
            unit_id=r.unit_id,
            unit=r.unit,
            total=r.total(scheme),
            grade=scheme.grade(r.total(scheme), r.vetoed, kind),
            rank=first_at.setdefault(order(r), position),
            vetoed=r.vetoed,
        )
        for position, r in enumerate(ranked, start=1)
    ]


def from_bottom(table: list[Standing]) -> dict[UUID, int]:
    """Each unit's rank counted from the bottom, ties shared (1, 1, 3… from the last)."""
    first_at: dict[tuple[int], int] = {}
    return {
        s.unit_id: first_at.setdefault((s.rank,), position)
        for position, s in enumerate(reversed(table), start=1)
    }
