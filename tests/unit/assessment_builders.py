"""Builders for assessment tests: three units, a small scheme written here, envelopes on a
given Shanghai day, and assessments opened or scored with totals worked out by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from uuid import UUID, uuid5

import pytest

from domain import errors
from domain.assessment import Approval, Assessment
from domain.assessment_results import IndicatorScore, UnitResult
from domain.scheme_reading import read_scheme
from domain.values import SHANGHAI, Envelope

OFFICE = "市政府督查室"
NAMES = ["市发展改革委", "市经济和信息化局", "市营商环境局"]
IDS = [uuid5(UUID(int=0), name) for name in NAMES]
A, B, C = IDS
UNITS = dict(zip(IDS, NAMES, strict=True))
SCHEME_DATA: dict[str, Any] = (  # the scheme as its file would give it
    {
        "year": 2026, "version": "d.1", "title": "测试方案", "cutoff_days": 5,
        "indicator": [
            {"id": "resolution", "name": "问题办结率", "weight": 60.0,
             "figure": "resolution_rate", "formula": "rate"},
            {"id": "sessions", "name": "会议机制运行", "weight": 40.0,
             "figure": "sessions_missed", "formula": "deduct", "per_item": 10.0},
            {"id": "close_out", "name": "销号", "weight": 2.0, "figure": "close_out_rate",
             "formula": "rate", "separate": True},
        ],
        "bonus": [{"id": "provincial", "name": "省重点项目加分", "cap": 3.0}],
    }
)  # fmt: skip
SCHEME = read_scheme(SCHEME_DATA)
CUTOFF = datetime(2027, 1, 6, tzinfo=SHANGHAI)  # the end of the fifth day after the year
HEAD = Approval(uuid5(UUID(int=0), "主任"), "主任")
ITSELF = Approval(uuid5(UUID(int=0), "张三"), "张三")  # the official who records the act


def at(moment: datetime = CUTOFF, reason: str | None = None) -> Envelope:
    return Envelope("张三", OFFICE, "cmd", moment, None, reason)


def day(d: date, hour: int = 10, reason: str | None = None) -> Envelope:
    return at(datetime.combine(d, time(hour), SHANGHAI), reason)


def result(unit: UUID, resolution: float, sessions: float | None, close_out: float) -> UnitResult:
    """A unit's computed points; ``sessions`` None: that indicator does not apply to it."""
    scores = [
        IndicatorScore("resolution", 1.0, resolution),
        IndicatorScore("sessions", 0.0, sessions or 0.0, applies=sessions is not None),
        IndicatorScore("close_out", 1.0, close_out),
    ]
    return UnitResult(unit, UNITS.get(unit, "市税务局"), {s.id: s for s in scores})


def computed() -> list[UnitResult]:
    # A: 60 + 40 = 100, +2 = 102; B: 45 + 30 = 75, +1 = 76; C: sessions does not apply,
    # 30 of 60 → 50, +0.5 = 50.5
    return [result(A, 60.0, 40.0, 2.0), result(B, 45.0, 30.0, 1.0), result(C, 30.0, None, 0.5)]


def opened(period: str = "2026", cutoff: datetime | None = None) -> Assessment:
    a = Assessment.open(
        day(date(2027, 1, 4)), office=OFFICE, title="2026年度考核", period=period,
        units=UNITS, scheme=SCHEME, cutoff=cutoff,
    )  # fmt: skip
    a.collect_events()
    return a


def scored() -> Assessment:
    a = opened()
    a.record_scores(at(), results=computed(), source="computed")
    a.collect_events()
    return a


def refused(a: Assessment, error: type[errors.DomainError], act: Callable[[], Any]) -> str:
    """The act is refused with the error and records nothing."""
    with pytest.raises(error) as caught:
        act()
    assert a.collect_events() == []
    return caught.value.detail


def totals(a: Assessment) -> dict[UUID, float]:
    return {s.unit_id: s.total for s in a.table()}
