"""Assessment, after scoring: bonus points up to their caps, publication in versions whose
tables never change, corrections that keep what the draft recorded. Each refusal records
nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain import errors
from domain.assessment import Assessment
from domain.assessment_scheme import Grade
from domain.values import Envelope
from tests.unit import assessment_builders as given
from tests.unit.assessment_builders import HEAD, ITSELF, A, B, C, at, day


def award(a: Assessment, points: float, *, envelope: Envelope | None = None, **fields: Any) -> None:
    asked = {
        "unit_id": C,
        "bonus": "provincial",
        "evidence": "省重点项目名单",
        "approver": HEAD,
    }
    a.award_bonus(envelope or at(reason="列入省重点项目"), points=points, **{**asked, **fields})


def test_a_bonus_is_awarded_with_its_evidence_and_approver_and_adds_to_the_total():
    a = given.scored()
    award(a, 2.0)
    (event,) = a.collect_events()
    assert (event.unit_id, event.bonus, event.points, event.evidence, event.approver) == (
        C, "provincial", 2.0, "省重点项目名单", "主任",
    )  # fmt: skip
    assert a.results[C].bonuses == {"provincial": 2.0}
    assert given.totals(a)[C] == 52.5  # 50 + 0.5 + 2


def test_bonus_awards_add_up_to_the_cap_and_not_beyond():
    a = given.scored()
    for points in (1.1, 1.3, 0.6):  # 3.0 exactly, however the fractions fall
        award(a, points)
    assert len(a.collect_events()) == 3
    assert a.results[C].bonuses == {"provincial": 3.0}
    detail = given.refused(a, errors.BonusCapExceededError, lambda: award(a, 0.01))
    assert "capped at 3.0" in detail
    b = given.scored()
    award(b, 2.0)
    b.collect_events()
    given.refused(b, errors.BonusCapExceededError, lambda: award(b, 1.5))  # 3.5 across two awards
    assert given.totals(b)[C] == 52.5


@pytest.mark.parametrize(
    ("error", "fields"),
    [
        (errors.UnknownBonusError, {"bonus": "sunshine"}),
        (errors.PointsOutOfRangeError, {"points": 0.0}),
        (errors.PointsOutOfRangeError, {"points": -1.0}),
        (errors.BonusCapExceededError, {"points": 3.01}),
        (errors.BlankTextError, {"evidence": "  "}),
        (errors.ReasonRequiredError, {"envelope": at()}),
        (errors.ApproverIsActorError, {"approver": ITSELF}),
        (errors.UnitNotAssessedError, {"unit_id": HEAD.official_id}),
    ],
)
def test_a_bonus_is_refused_naming_the_rule(error, fields):
    a = given.scored()
    points = fields.pop("points", 1.0)
    given.refused(a, error, lambda: award(a, points, **fields))
    assert a.results[C].bonuses == {}


def test_no_bonus_before_scoring():
    a = given.opened()
    given.refused(a, errors.AssessmentNotScoredError, lambda: award(a, 1.0))


def test_publishing_fixes_the_table_of_the_version_in_its_event():
    a = given.scored()
    fresh = given.opened()
    given.refused(fresh, errors.AssessmentNotScoredError, lambda: fresh.publish(at()))
    a.publish(day(date(2027, 1, 10)), document=" 示范考〔2027〕1号 ")
    (event,) = a.collect_events()
    assert (event.version, event.document) == (1, "示范考〔2027〕1号")
    assert [(s["unit"], s["total"], s["grade"], s["rank"]) for s in event.table] == [
        ("市发展改革委", 102.0, "excellent", 1),
        ("市经济和信息化局", 76.0, "pass", 2),
        ("市营商环境局", 50.5, "fail", 3),
    ]
    (version,) = a.published
    assert (version.version, version.published_at, version.at_version) == (
        1, day(date(2027, 1, 10)).recorded_at, 3,
    )  # fmt: skip
    assert (a.draft, a.draft_version) == (False, 1)


def test_a_published_version_is_never_changed_or_published_again():
    a = given.scored()
    a.publish(at())
    a.collect_events()
    for act in (
        lambda: a.publish(at()),
        lambda: award(a, 1.0),
        lambda: a.adjust_score(
            at(reason="复核"),
            unit_id=A,
            indicator="resolution",
            points=1.0,
            approver=HEAD,
        ),
        lambda: a.record_scores(at(), results=given.computed(), source="computed"),
    ):
        given.refused(a, errors.AssessmentPublishedError, act)


def test_a_correction_opens_only_on_a_published_version_with_a_reason():
    draft = given.scored()
    given.refused(
        draft,
        errors.AssessmentNotPublishedError,
        lambda: draft.open_correction(at(reason="补报")),
    )
    draft.publish(at())
    draft.collect_events()
    given.refused(draft, errors.ReasonRequiredError, lambda: draft.open_correction(at()))
    draft.open_correction(at(reason="补报省重点项目加分"))
    (event,) = draft.collect_events()
    assert (event.version, draft.draft, draft.draft_version) == (2, True, 2)
    given.refused(  # one correction at a time
        draft,
        errors.AssessmentNotPublishedError,
        lambda: draft.open_correction(at(reason="再次更正")),
    )


def test_a_recomputed_correction_keeps_its_adjustments_and_bonuses_and_version_one_stands():
    a = given.scored()
    a.adjust_score(
        at(reason="复核"),
        unit_id=B,
        indicator="resolution",
        points=40.0,
        approver=HEAD,
    )
    a.publish(day(date(2027, 1, 10)), document="示范考〔2027〕1号")
    first = [(s.unit, s.total, s.rank, s.grade) for s in a.published[0].table]
    assert first == [
        ("市发展改革委", 102.0, 1, Grade.EXCELLENT),
        ("市经济和信息化局", 71.0, 2, Grade.PASS),  # 40 + 30 + 1
        ("市营商环境局", 50.5, 3, Grade.FAIL),
    ]

    a.open_correction(day(date(2027, 1, 15), reason="补报省重点项目加分"))
    award(a, 3.0)
    # the views changed by the second scoring: C resolved more, A lost a session
    recomputed = [
        given.result(A, 60.0, 30.0, 2.0),
        given.result(B, 45.0, 30.0, 1.0),
        given.result(C, 45.0, None, 1.0),
    ]
    a.record_scores(day(date(2027, 1, 15)), results=recomputed, source="computed")
    assert a.results[B].indicators["resolution"].final == 40.0  # the adjustment stays
    assert a.results[C].bonuses == {"provincial": 3.0}  # and the bonus
    # A: 60 + 30 + 2 = 92; B: 40 + 30 + 1 = 71; C: 45 of 60 → 75, + 1 + 3 = 79
    assert given.totals(a) == {A: 92.0, B: 71.0, C: 79.0}
    a.publish(day(date(2027, 1, 16)), document="示范考〔2027〕2号")

    assert [v.version for v in a.published] == [1, 2]
    assert [(s.unit, s.total, s.rank, s.grade) for s in a.published[0].table] == first
    assert [(s.unit, s.total, s.rank) for s in a.published[1].table] == [
        ("市发展改革委", 92.0, 1),
        ("市营商环境局", 79.0, 2),
        ("市经济和信息化局", 71.0, 3),
    ]
    assert a.published_as_of(day(date(2027, 1, 12)).recorded_at) == a.published[:1]
    assert a.published_as_of(None) == a.published


def test_a_summons_proposed_on_the_result_is_noted_against_its_unit():
    a = given.scored()
    a.publish(at())
    a.collect_events()
    summons_id = HEAD.official_id  # any id: the summons is another aggregate
    a.note_summons(at(), unit_id=C, summons_id=summons_id)
    (event,) = a.collect_events()
    assert (event.unit_id, event.summons_id, a.summonses) == (
        C,
        summons_id,
        {C: summons_id},
    )
