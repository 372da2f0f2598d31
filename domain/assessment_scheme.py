"""The assessment scheme (考核方案) of a year, as data: what is scored, how, and what vetoes.

Seed 004 六: the interaction mechanisms are scored in the annual performance assessment of
counties and city departments — mechanisms run, the problem ledger and its handling, and
enterprises' satisfaction; 一事一督办 and 清单制+责任制+销号制 are a separate 2 points; a unit
whose 会商会 and other mechanisms fall short is vetoed at the year end (一票否决). Seed 001
adds bonus points (省重点项目加分). A jurisdiction writes its scheme as a file per year;
an assessment records the scheme it used, so a later edit of the file never changes a
result already computed.

Formulas (points rounded to two decimals, halves up, on the figures as written: the arithmetic
is decimal, so 1 of 22 problems resolved (0.0455) on a weight of 10 scores 0.455 → 0.46, not
the 0.45 binary floating point would give):

- ``rate``: weight × (value − zero_at) ÷ (full_at − zero_at), kept between 0 and the weight
  — full marks at ``full_at`` or better, none at ``zero_at`` or worse;
- ``deduct``: weight − per_item × count, never below 0.

Where a figure has nothing to measure (no problem received, no review), ``no_data`` says
whether the unit scores full marks or none. An indicator that does not apply to a unit is
not scored for it and its weight is left out of the unit's possible total.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from domain.periods import Cadence

ALL_UNITS = "all"


class Formula(StrEnum):
    RATE = "rate"
    DEDUCT = "deduct"


class FigureName(StrEnum):
    """The figures an indicator may score, each read from the views as of the cut-off."""

    RESOLUTION_RATE = "resolution_rate"  # 问题办结率 (cohort of problems received)
    ON_TIME_RATE = "on_time_rate"  # 按时办结率 (time limits due)
    CLOSE_OUT_RATE = "close_out_rate"  # 销号率 (problems received and closed out)
    SATISFACTION_RATE = "satisfaction_rate"  # 好差评满意率
    RECTIFICATION_RATE = "rectification_rate"  # 差评整改率
    COMMITMENTS_BROKEN = "commitments_broken"  # 承诺未兑现件数
    MONTHS_WITHOUT_VISIT = "months_without_visit"  # 包联企业未走访月数
    SESSIONS_MISSED = "sessions_missed"  # 应开未开会议期数
    FINANCING_FEEDBACK_MISSED = "financing_feedback_missed"  # 融资对接逾期未反馈次数


class RequirementKind(StrEnum):
    SESSIONS = "sessions"  # a series of sessions held every period of its cadence
    PAIRING_VISITS = "pairing_visits"  # pairings set up, none a month without its visit
    BRIEFING_PROGRESS = "briefing_progress"  # policy-briefing progress reported by each due day


class PeriodKind(StrEnum):
    ANNUAL = "annual"  # 年度考核 (the year-end assessment: the veto applies)
    HALF_YEAR = "half_year"  # 年中考评
    QUARTER = "quarter"  # 季度考核


class Grade(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    PASS = "pass"  # noqa: S105 - a grade, 合格
    FAIL = "fail"


def exact(value: float) -> Decimal:
    """A number as written (its shortest decimal form), for arithmetic without binary error."""
    return Decimal(str(value))


def two_places(value: float | Decimal) -> float:
    written = value if isinstance(value, Decimal) else exact(value)
    return float(written.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    weight: float
    figure: FigureName
    formula: Formula
    full_at: float = 1.0
    zero_at: float = 0.0
    per_item: float = 0.0
    no_data: str = "full"  # full or zero
    applies_to: tuple[str, ...] = (ALL_UNITS,)
    separate: bool = False  # the separate points (单列), outside the main total

    def applies(self, unit: str) -> bool:
        return ALL_UNITS in self.applies_to or unit in self.applies_to

    def points(self, value: float | None) -> float:
        if value is None:
            return self.weight if self.no_data == "full" else 0.0
        none, whole = Decimal(0), Decimal(1)
        if self.formula is Formula.DEDUCT:
            left = exact(self.weight) - exact(self.per_item) * exact(value)
            return two_places(max(none, left))
        share = (exact(value) - exact(self.zero_at)) / (exact(self.full_at) - exact(self.zero_at))
        return two_places(exact(self.weight) * min(whole, max(none, share)))


@dataclass(frozen=True)
class Bonus:
    id: str
    name: str
    cap: float  # the most a unit may be awarded under this item in one assessment


@dataclass(frozen=True)
class Requirement:
    id: str
    name: str
    kind: RequirementKind
    units: tuple[str, ...]  # the units it binds, or ("all",): every assessed unit
    session_kind: str = ""
    cadence: Cadence = Cadence.QUARTERLY
    title_contains: str = ""  # which of the unit's series of that kind, where it has several
    lead_leader: bool = False  # the series must have a city leader leading it (市领导牵头)
    due: tuple[str, ...] = ()  # MM-DD, for briefing progress
    tolerance: int = 0  # failing periods scored but not vetoed (months without a visit, say)

    def binds(self, unit: str) -> bool:
        return ALL_UNITS in self.units or unit in self.units


@dataclass(frozen=True)
class Grades:
    excellent: float = 90.0
    good: float = 80.0
    passing: float = 60.0


@dataclass(frozen=True)
class ListRule:
    good_top: int = 3  # the good list: ranked this or better (ties all in)
    bad_bottom: int = 3  # the bad circular: this or better from the bottom (ties all in)
    bad_below: float = 60.0  # …and any unit whose total is below this
    vetoed_on_bad: bool = True  # a vetoed unit is on the bad circular


@dataclass(frozen=True)
class SummonsRule:
    bottom: int = 2  # at the bottom: ranked this or better from the bottom, ties shared
    rectify_working_days: int = 20
    items: int = 3  # one rectification item for each of the indicators that lost most


@dataclass(frozen=True)
class Scheme:
    year: int
    version: str
    title: str
    indicators: tuple[Indicator, ...]
    requirements: tuple[Requirement, ...]
    bonuses: tuple[Bonus, ...] = ()
    total: float = 100.0
    separate_total: float = 2.0
    cutoff_days: int = 10  # figures as recorded by the end of this many days after the period
    grades: Grades = Grades()
    lists: ListRule = ListRule()
    summons: SummonsRule = SummonsRule()

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def bonus(self, bonus_id: str) -> Bonus | None:
        return next((b for b in self.bonuses if b.id == bonus_id), None)

    def requirement(self, requirement_id: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == requirement_id), None)

    def grade(self, total: float, vetoed: bool, kind: PeriodKind) -> Grade:
        """The grade of a total; a unit vetoed in the year-end assessment fails (不合格)."""
        if vetoed and kind is PeriodKind.ANNUAL:
            return Grade.FAIL
        for floor, grade in (
            (self.grades.excellent, Grade.EXCELLENT),
            (self.grades.good, Grade.GOOD),
            (self.grades.passing, Grade.PASS),
        ):
            if total >= floor:
                return grade
        return Grade.FAIL

    def to_dict(self) -> dict[str, Any]:
        """The scheme as an assessment records it (and as its file reads)."""
        raw = asdict(self)
        raw["indicator"] = raw.pop("indicators")
        raw["requirement"] = raw.pop("requirements")
        raw["bonus"] = raw.pop("bonuses")
        plain: dict[str, Any] = _plain(raw)
        return plain


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    return value
