"""What an assessment shows its readers: its published versions (each table fixed when it was
published), its draft, a unit's scores with their figures, formulas and evidence, and the
good list and bad circular of a published version — all in Chinese where a person reads,
English identifiers kept beside them. The register lists assessments for the reader's
scope."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec

from domain.assessment import Assessment, PublishedVersion
from domain.assessment_lists import bad_list, good_list
from domain.assessment_results import Standing, UnitResult
from domain.assessment_scheme import Formula, Indicator, Scheme
from domain.labels import label
from projections.register import Register


class Place(msgspec.Struct, kw_only=True):
    unit_id: UUID
    unit: str
    total: float
    grade: str
    grade_label: str
    rank: int
    vetoed: bool


class Version(msgspec.Struct, kw_only=True):
    version: int
    document: str
    published_at: datetime
    table: list[Place]


class AssessmentSummary(msgspec.Struct, kw_only=True):
    id: UUID
    title: str
    period: str
    kind: str
    kind_label: str
    office: str | None
    scheme_version: str
    cutoff: datetime
    status: str  # draft (never published), published, correcting (a correction open)
    units: dict[str, str]  # id → name
    published: list[Version]
    draft: list[Place] | None  # the draft's table, while one is open and scored
    summonses: dict[str, str]  # unit id → summons id
    opened_at: datetime
    updated_at: datetime


def place(standing: Standing) -> Place:
    return Place(
        unit_id=standing.unit_id,
        unit=standing.unit,
        total=standing.total,
        grade=standing.grade.value,
        grade_label=label(standing.grade),
        rank=standing.rank,
        vetoed=standing.vetoed,
    )


def _version(v: PublishedVersion) -> Version:
    return Version(
        version=v.version,
        document=v.document,
        published_at=v.published_at,
        table=[place(s) for s in v.table],
    )


def status_of(assessment: Assessment) -> str:
    if not assessment.published:
        return "draft"
    return "correcting" if assessment.draft else "published"


def summarise(a: Assessment) -> AssessmentSummary:
    return AssessmentSummary(
        id=a.id,
        title=a.title,
        period=a.period,
        kind=a.kind.value,
        kind_label=label(a.kind),
        office=a.recorded_by_unit,
        scheme_version=a.scheme.version,
        cutoff=a.cutoff,
        status=status_of(a),
        units={str(i): n for i, n in a.units.items()},
        published=[_version(v) for v in a.published],
        draft=[place(s) for s in a.table()] if a.draft and a.results else None,
        summonses={str(u): str(s) for u, s in a.summonses.items()},
        opened_at=a.created_on,
        updated_at=a.modified_on,
    )


ASSESSMENT_REGISTER = Register(
    "assessment_register",
    Assessment,
    AssessmentSummary,
    summarise,
    {"period": lambda a: a.period, "kind": lambda a: a.kind},
    sort_key=lambda a: f"{a.period}:{a.opened_at.isoformat()}",
)


class IndicatorLine(msgspec.Struct, kw_only=True):
    id: str
    name: str
    weight: float
    separate: bool
    figure: str
    formula: str  # the formula in words, with the scheme's numbers
    value: float | None
    points: float  # as computed
    adjusted: float | None
    final: float
    applies: bool
    evidence: str


class NoteLine(msgspec.Struct, kw_only=True):
    item: str
    points: float
    reason: str
    recorded_by: str
    approved_by: str
    recorded_at: datetime


class UnitScores(msgspec.Struct, kw_only=True):
    assessment_id: UUID
    unit_id: UUID
    unit: str
    version: int  # the version these scores belong to (the draft's, or a published one)
    source: str  # computed or entered
    main_score: float
    separate_score: float
    bonus_score: float
    total: float
    vetoed: bool
    indicators: list[IndicatorLine]
    bonuses: dict[str, float]
    adjustments_and_bonuses: list[NoteLine]
    veto: dict[str, Any]  # the veto check, requirement by requirement, with its evidence


def formula_text(indicator: Indicator) -> str:
    if indicator.formula is Formula.DEDUCT:
        return f"{indicator.weight}分，每项（次/月/期）扣{indicator.per_item}分，扣完为止"
    return (
        f"{indicator.weight}分 × (实际值 − {indicator.zero_at}) ÷ ({indicator.full_at} − "
        f"{indicator.zero_at})，限0至{indicator.weight}分；无可计数据时"
        f"{'得满分' if indicator.no_data == 'full' else '不得分'}"
    )


def unit_scores(a: Assessment, result: UnitResult, version: int) -> UnitScores:
    scheme: Scheme = a.scheme
    lines = []
    for indicator in scheme.indicators:
        score = result.indicators.get(indicator.id)
        if score is None:
            continue
        lines.append(
            IndicatorLine(
                id=indicator.id,
                name=indicator.name,
                weight=indicator.weight,
                separate=indicator.separate,
                figure=indicator.figure.value,
                formula=formula_text(indicator),
                value=score.value,
                points=score.points,
                adjusted=score.adjusted,
                final=score.final,
                applies=score.applies,
                evidence=score.evidence,
            )
        )
    notes = [
        NoteLine(
            item=n.item,
            points=n.points,
            reason=n.reason,
            recorded_by=n.actor,
            approved_by=n.approver,
            recorded_at=n.recorded_at,
        )
        for n in a.notes
        if n.unit_id == result.unit_id
    ]
    return UnitScores(
        assessment_id=a.id,
        unit_id=result.unit_id,
        unit=result.unit,
        version=version,
        source=a.source,
        main_score=result.main_score(scheme) if result.entered_total is None else 0.0,
        separate_score=result.separate_score(scheme),
        bonus_score=result.bonus_score(scheme),
        total=result.total(scheme),
        vetoed=result.vetoed,
        indicators=lines,
        bonuses=dict(result.bonuses),
        adjustments_and_bonuses=notes,
        veto=result.veto,
    )


class ListEntry(msgspec.Struct, kw_only=True):
    place: Place
    why: str  # the facts behind the place, in words


class Lists(msgspec.Struct, kw_only=True):
    assessment_id: UUID
    period: str
    version: int
    published_at: datetime
    rule: str
    good_list: list[ListEntry]  # 好评榜
    bad_circular: list[ListEntry]  # 差评通报


def lists_of(a: Assessment, published: PublishedVersion) -> Lists:
    """The lists of a published version; ``a`` is the assessment as it stood when that
    version was published, whose results hold each veto's failed requirements."""
    rule = a.scheme.lists
    worst = len(published.table)
    good = [
        ListEntry(place=place(s), why=f"总分{s.total}分，排名第{s.rank}名（共{worst}个单位）")
        for s in good_list(published.table, a.scheme)
    ]
    bad = []
    for s in bad_list(published.table, a.scheme):
        reasons = [f"总分{s.total}分，排名第{s.rank}名（共{worst}个单位）"]
        if s.vetoed:
            result = a.results.get(s.unit_id)
            failed = [
                r["name"]
                for r in (result.veto if result else {}).get("requirements", [])
                if not r["passed"]
            ]
            verdict = "年度考核一票否决" if a.kind.value == "annual" else "机制运行未达要求"
            reasons.append(f"{verdict}（{'、'.join(failed)}）" if failed else verdict)
        bad.append(ListEntry(place=place(s), why="；".join(reasons)))
    return Lists(
        assessment_id=a.id,
        period=a.period,
        version=published.version,
        published_at=published.published_at,
        rule=(
            f"好评榜：排名前{rule.good_top}名且未被一票否决（并列同进）；差评通报：排名后"
            f"{rule.bad_bottom}名（并列同进）、总分低于{rule.bad_below}分"
            + ("或被一票否决" if rule.vetoed_on_bad else "")
            + "的单位，已列入好评榜的除外"
        ),
        good_list=good,
        bad_circular=bad,
    )
