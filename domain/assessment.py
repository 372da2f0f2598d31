"""Assessment (考核): a supervision office's assessment of a set of units over a period — a
year (年度考核, where the one-vote veto applies), a half-year (年中考评) or a quarter (季度考核).

Lifecycle: opened for a period, its units and the scheme of the period's year (recorded whole
in the opening event, with its version: a later edit of the scheme file changes nothing
already recorded), with a cut-off moment (by default the end of the period plus the scheme's
cut-off days) → scores recorded, computed from the views as recorded at the cut-off, each
figure linked to its evidence (refused before the cut-off), or entered from a paper record →
adjusted only with a reason and an approver other than the officer recording it → bonus
points awarded, each with a reason and an approver, up to the item's cap → published: the
version's table (totals, grades, ranks) is fixed in the event and never changes. A correction
opens the next version (with a reason) and is published in its turn; every published version
stays in the record, and an as-of reading shows those published by then. One assessment per
office, kind and period: its id follows from the three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID, uuid5

from domain.access import Answerable
from domain.assessment_results import Standing, UnitResult, standings
from domain.assessment_scheme import PeriodKind, Scheme, exact
from domain.base import DubanAggregate
from domain.errors import (
    ApproverIsActorError,
    AssessmentNotFoundError,
    AssessmentNotPublishedError,
    AssessmentNotScoredError,
    AssessmentPublishedError,
    BonusCapExceededError,
    CutoffNotReachedError,
    EnteredResultsIncompleteError,
    InvalidCutoffError,
    InvalidPeriodError,
    PointsOutOfRangeError,
    UnitNotAssessedError,
    UnknownBonusError,
    UnknownIndicatorError,
)
from domain.scheme_reading import read_scheme
from domain.values import SHANGHAI, Envelope, require_reason, require_text

_NAMESPACE = UUID("6b1f0c52-3d7e-5a94-8c21-7e0d4b9a1f63")
_PERIOD = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]))?$")


def assessment_period(period: str) -> tuple[PeriodKind, date, date]:
    """The kind and days of an assessment period: 2026, 2026-H1 or 2026-Q3."""
    match = _PERIOD.match(period)
    if match is None or not 2000 <= int(match[1]) <= 2100:
        raise InvalidPeriodError(f"{period!r} is not a year 2026, a half 2026-H1 or a 2026-Q3")
    year, part = int(match[1]), match[2]
    if part is None:
        return PeriodKind.ANNUAL, date(year, 1, 1), date(year, 12, 31)
    months = 6 if part[0] == "H" else 3
    first_month = (int(part[1]) - 1) * months + 1
    end = date(year + (first_month + months > 12), (first_month + months - 1) % 12 + 1, 1)
    kind = PeriodKind.HALF_YEAR if months == 6 else PeriodKind.QUARTER
    return kind, date(year, first_month, 1), end - timedelta(days=1)


@dataclass(frozen=True)
class Approval:
    """Who approved an adjustment or an award, by their directory identity."""

    official_id: UUID
    name: str


@dataclass
class PublishedVersion:
    version: int
    document: str
    published_at: datetime
    table: list[Standing]
    at_version: int  # the assessment's version (its event count) when it was published


@dataclass
class Note:
    """An adjustment or a bonus, as the record states it: what, by whom, approved by whom."""

    unit_id: UUID
    item: str  # the indicator adjusted or the bonus item awarded
    points: float
    reason: str
    actor: str
    approver: str
    recorded_at: datetime


class Assessment(DubanAggregate):
    not_found = AssessmentNotFoundError

    class Opened(DubanAggregate.Created):
        title: str
        period: str
        units: list[dict[str, str]]  # {"id", "name"} of each unit assessed
        scheme: dict[str, Any]  # the scheme as used, whole
        scheme_version: str
        cutoff: datetime

    class ScoresRecorded(DubanAggregate.Event):
        source: str  # computed (from the views) or entered (from a paper record)
        document: str  # for entered results: the record they come from
        results: list[dict[str, Any]]

        def apply(self, assessment: Assessment) -> None:
            assessment.replace_results([UnitResult.from_dict(r) for r in self.results])
            assessment.source = self.source

    class ScoreAdjusted(DubanAggregate.Event):
        unit_id: UUID
        indicator: str
        points: float
        approver_id: UUID
        approver: str

        def apply(self, assessment: Assessment) -> None:
            assessment.adjustments[(self.unit_id, self.indicator)] = self.points
            assessment.results[self.unit_id].indicators[self.indicator].adjusted = self.points
            assessment.notes.append(_note(self, self.indicator))

    class BonusAwarded(DubanAggregate.Event):
        unit_id: UUID
        bonus: str
        points: float
        evidence: str
        approver_id: UUID
        approver: str

        def apply(self, assessment: Assessment) -> None:
            awarded = assessment.bonuses.setdefault(self.unit_id, {})
            awarded[self.bonus] = float(exact(awarded.get(self.bonus, 0.0)) + exact(self.points))
            assessment.results[self.unit_id].bonuses = dict(awarded)
            assessment.notes.append(_note(self, self.bonus))

    class Published(DubanAggregate.Event):
        version: int
        document: str
        table: list[dict[str, Any]]

        def apply(self, assessment: Assessment) -> None:
            table = [Standing.from_dict(s) for s in self.table]
            assessment.published.append(
                PublishedVersion(
                    self.version, self.document, self.timestamp, table, self.originator_version
                )
            )
            assessment.draft = False

    class CorrectionOpened(DubanAggregate.Event):
        version: int  # the version the correction will publish

        def apply(self, assessment: Assessment) -> None:
            assessment.draft = True

    class SummonsProposed(DubanAggregate.Event):
        """A summons proposed on this assessment's results (the unit at the bottom two
        years running), recorded so a republished version does not propose it again."""

        unit_id: UUID
        summons_id: UUID

        def apply(self, assessment: Assessment) -> None:
            assessment.summonses[self.unit_id] = self.summons_id

    def __init__(
        self,
        *,
        title: str,
        period: str,
        units: list[dict[str, str]],
        scheme: dict[str, Any],
        scheme_version: str,
        cutoff: datetime,
    ) -> None:
        self.title = title
        self.period = period
        self.kind = assessment_period(period)[0]
        self.units = {UUID(u["id"]): u["name"] for u in units}
        self.scheme = read_scheme(scheme)
        self.cutoff = cutoff
        self.results: dict[UUID, UnitResult] = {}
        self.adjustments: dict[tuple[UUID, str], float] = {}
        self.bonuses: dict[UUID, dict[str, float]] = {}
        self.source = ""
        self.published: list[PublishedVersion] = []
        self.draft = True
        self.summonses: dict[UUID, UUID] = {}
        self.notes: list[Note] = []

    @staticmethod
    def id_for(office: str, period: str) -> UUID:
        """One assessment per office (the opening unit, by name) and period."""
        return uuid5(_NAMESPACE, f"{office}:{period}")

    @staticmethod
    def default_cutoff(period: str, scheme: Scheme) -> datetime:
        last = assessment_period(period)[2]
        return datetime.combine(last + timedelta(days=scheme.cutoff_days + 1), time(), SHANGHAI)

    @classmethod
    def open(
        cls,
        envelope: Envelope,
        *,
        office: str,
        title: str,
        period: str,
        units: dict[UUID, str],
        scheme: Scheme,
        cutoff: datetime | None = None,
    ) -> Assessment:
        last = assessment_period(period)[2]
        if scheme.year != int(period[:4]):
            raise InvalidPeriodError(f"scheme {scheme.version} is for {scheme.year}, not {period}")
        if not units:
            raise UnitNotAssessedError("an assessment assesses at least one unit")
        cutoff = cutoff or cls.default_cutoff(period, scheme)
        if cutoff < datetime.combine(last + timedelta(days=1), time(), SHANGHAI):
            raise InvalidCutoffError(f"the cut-off {cutoff} is before the end of {period}")
        return cls._start(
            cls.Opened,
            id=cls.id_for(office, period),
            envelope=envelope,
            title=require_text(title, "title"),
            period=period,
            units=[{"id": str(i), "name": n} for i, n in units.items()],
            scheme=scheme.to_dict(),
            scheme_version=scheme.version,
            cutoff=cutoff,
        )

    def answerable(self) -> Answerable:
        return Answerable.of(units=[self.recorded_by_unit, *self.units.values()])

    @property
    def draft_version(self) -> int:
        """The version the draft will publish as (or the last published, if none is open)."""
        return len(self.published) + (1 if self.draft else 0)

    def replace_results(self, results: list[UnitResult]) -> None:
        """New scores; adjustments and bonuses recorded on the draft stay on them."""
        self.results = {r.unit_id: r for r in results}
        for (unit_id, indicator), points in self.adjustments.items():
            score = self.results[unit_id].indicators.get(indicator)
            if score is not None:
                score.adjusted = points
        for unit_id, awarded in self.bonuses.items():
            self.results[unit_id].bonuses = dict(awarded)

    def _require_draft(self) -> None:
        if not self.draft:
            raise AssessmentPublishedError(
                f"version {len(self.published)} of this assessment is published and never "
                "changes: open a correction for the next version"
            )

    def record_scores(
        self, envelope: Envelope, *, results: list[UnitResult], source: str, document: str = ""
    ) -> None:
        self._require_draft()
        if source == "computed" and envelope.recorded_at < self.cutoff:
            raise CutoffNotReachedError(f"scores are computed after the cut-off {self.cutoff}")
        if source == "entered":
            require_text(document, "the record the results are entered from")
        given = {r.unit_id for r in results}
        if given != set(self.units) or len(results) != len(self.units):
            raise EnteredResultsIncompleteError(
                "results are recorded for every unit assessed, once each: "
                f"{len(results)} given for {len(self.units)} units"
            )
        self._record(
            self.ScoresRecorded,
            envelope,
            source=source,
            document=document,
            results=[_result_dict(r) for r in results],
        )

    def _scored_unit(self, unit_id: UUID) -> UnitResult:
        if unit_id not in self.units:
            raise UnitNotAssessedError(f"unit {unit_id} is not assessed here")
        if unit_id not in self.results:
            raise AssessmentNotScoredError("the assessment has no scores yet")
        return self.results[unit_id]

    def adjust_score(
        self,
        envelope: Envelope,
        *,
        unit_id: UUID,
        indicator: str,
        points: float,
        approver: Approval,
    ) -> None:
        self._require_draft()
        require_reason(envelope, "an adjustment")
        require_other_approver(envelope, approver)
        result = self._scored_unit(unit_id)
        found, score = self.scheme.indicator(indicator), result.indicators.get(indicator)
        if found is None or score is None or not score.applies:
            # an indicator that does not apply is left out of the unit's total: points set on
            # it would change nothing, so the adjustment is refused rather than recorded idle
            raise UnknownIndicatorError(f"{self.units[unit_id]} is not scored on {indicator!r}")
        if not 0 <= points <= found.weight:
            raise PointsOutOfRangeError(f"{found.name} scores 0 to {found.weight}, not {points}")
        self._record(
            self.ScoreAdjusted,
            envelope,
            unit_id=unit_id,
            indicator=indicator,
            points=float(points),
            approver_id=approver.official_id,
            approver=approver.name,
        )

    def award_bonus(
        self,
        envelope: Envelope,
        *,
        unit_id: UUID,
        bonus: str,
        points: float,
        evidence: str,
        approver: Approval,
    ) -> None:
        self._require_draft()
        require_reason(envelope, "a bonus")
        require_other_approver(envelope, approver)
        result = self._scored_unit(unit_id)
        item = self.scheme.bonus(bonus)
        if item is None:
            raise UnknownBonusError(f"scheme {self.scheme.version} has no bonus item {bonus!r}")
        if points <= 0:
            raise PointsOutOfRangeError(f"{item.name} awards points above 0, not {points}")
        already = result.bonuses.get(bonus, 0.0)
        if exact(already) + exact(points) > exact(item.cap):  # 1.1 + 1.3 + 0.6 is 3, exactly
            raise BonusCapExceededError(
                f"{item.name} is capped at {item.cap}: {already} awarded, {points} more asked"
            )
        self._record(
            self.BonusAwarded,
            envelope,
            unit_id=unit_id,
            bonus=bonus,
            points=float(points),
            evidence=require_text(evidence, "the evidence for the bonus"),
            approver_id=approver.official_id,
            approver=approver.name,
        )

    def table(self) -> list[Standing]:
        """The draft's totals, grades and ranks."""
        return standings(list(self.results.values()), self.scheme, self.kind)

    def publish(self, envelope: Envelope, *, document: str = "") -> None:
        self._require_draft()
        if not self.results:
            raise AssessmentNotScoredError("an assessment is published once it is scored")
        self._record(
            self.Published,
            envelope,
            version=self.draft_version,
            document=document.strip(),
            table=[s.as_dict() for s in self.table()],
        )

    def open_correction(self, envelope: Envelope) -> None:
        if not self.published or self.draft:
            raise AssessmentNotPublishedError(
                f"version {self.draft_version} is not published yet: it is corrected as it stands"
            )
        require_reason(envelope, "a correction")
        self._record(self.CorrectionOpened, envelope, version=len(self.published) + 1)

    def note_summons(self, envelope: Envelope, *, unit_id: UUID, summons_id: UUID) -> None:
        self._record(self.SummonsProposed, envelope, unit_id=unit_id, summons_id=summons_id)

    def published_as_of(self, moment: datetime | None) -> list[PublishedVersion]:
        return [v for v in self.published if moment is None or v.published_at <= moment]


def _note(event: Any, item: str) -> Note:
    return Note(
        unit_id=event.unit_id,
        item=item,
        points=event.points,
        reason=event.reason or "",
        actor=event.actor,
        approver=event.approver,
        recorded_at=event.timestamp,
    )


def require_other_approver(envelope: Envelope, approver: Approval) -> None:
    if approver.name == envelope.actor:
        raise ApproverIsActorError("an adjustment or an award is approved by another official")


def _result_dict(result: UnitResult) -> dict[str, Any]:
    return {
        "unit_id": str(result.unit_id),
        "unit": result.unit,
        "indicators": [
            {
                "id": s.id,
                "value": s.value,
                "points": s.points,
                "applies": s.applies,
                "evidence": s.evidence,
            }
            for s in result.indicators.values()
        ],
        "vetoed": result.vetoed,
        "veto": result.veto,
        "entered_total": result.entered_total,
    }
