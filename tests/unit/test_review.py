"""Review: a good review is one event; a bad one is verified, rectified, answered, or set aside."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.review import Level, Rectification, Review, ReviewStatus, SubjectKind
from tests.unit.builders import names, on


def review(level: Level = Level.VERY_DISSATISFIED, **extra) -> Review:
    fields = {
        "subject_kind": SubjectKind.WINDOW,
        "subject_id": "政务大厅3号窗口",
        "subject_unit": "市行政审批局",
        "channel": "天府通办",
        "level": level,
        "answer_by": date(2026, 10, 13),
        **extra,
    }
    return Review.submit(on(), id=uuid4(), **fields)


def test_a_good_review_is_one_small_event_and_owes_nothing():
    r = review(Level.SATISFIED, comment="办事快", aspects={"efficiency": 5})
    (event,) = r.collect_events()
    assert type(event).__name__ == "Submitted"
    assert event.answer_by is None
    assert (r.status, r.is_bad, r.open_deadlines()) == (ReviewStatus.GOOD, False, [])
    with pytest.raises(errors.IllegalReviewStepError):
        r.verify(on())


@pytest.mark.parametrize(
    "extra",
    [
        {"aspects": {"speed": 3}},
        {"aspects": {"efficiency": 6}},
        {"comment": "长" * 501},
        {"answer_by": None},
    ],
)
def test_invalid_aspects_comments_or_a_bad_review_without_answer_date_are_refused(extra):
    with pytest.raises(errors.InvalidReviewError):
        review(**extra)


def test_a_bad_review_is_verified_rectified_and_answered_by_a_return_visit():
    r = review()
    assert [(d.key, d.due) for d in r.open_deadlines()] == [("answer", date(2026, 10, 13))]
    with pytest.raises(errors.IllegalReviewStepError):
        r.rectify(on(), method=Rectification.FIXED_AT_ONCE, issue_id=None)
    r.verify(on())
    with pytest.raises(errors.InvalidReviewError):
        r.rectify(on(), method=Rectification.LEDGER, issue_id=None)
    with pytest.raises(errors.InvalidReviewError):
        r.rectify(on(), method=Rectification.EXPLAINED, issue_id=uuid4())
    issue_id = uuid4()
    r.rectify(on(), method=Rectification.LEDGER, issue_id=issue_id)
    r.record_return_visit(on(), satisfied=True)
    assert (r.status, r.issue_id, r.open_deadlines()) == (ReviewStatus.ANSWERED, issue_id, [])
    assert names(r.collect_events()) == ["Submitted", "Verified", "Rectified", "ReturnVisited"]
    with pytest.raises(errors.IllegalReviewStepError):
        r.record_return_visit(on(), satisfied=True)


def test_an_upheld_appeal_sets_a_review_aside_and_keeps_its_history():
    r = review()
    with pytest.raises(errors.ReasonRequiredError):
        r.appeal(on())
    r.appeal(on(reason="评价人并未办理该事项"))
    assert r.open_deadlines() == []
    r.decide_appeal(on(reason="核实为恶意差评"), upheld=True)
    assert r.status is ReviewStatus.SET_ASIDE
    assert names(r.collect_events()) == ["Submitted", "Appealed", "AppealDecided"]
    with pytest.raises(errors.IllegalReviewStepError):
        r.verify(on())


def test_a_rejected_appeal_returns_the_review_to_where_it_was():
    r = review()
    r.verify(on())
    r.appeal(on(reason="误评"))
    with pytest.raises(errors.IllegalReviewStepError):
        r.appeal(on(reason="again"))
    r.decide_appeal(on(reason="差评属实"), upheld=False)
    assert r.status is ReviewStatus.VERIFIED
    assert [d.key for d in r.open_deadlines()] == ["answer"]
