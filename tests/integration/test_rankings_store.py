"""Review rankings counted in the database, on each store: windows and officials, set-aside
reviews left out, rectification and return-visit rates, and as of an earlier moment."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from application.back_office import BackOffice
from application.context import CommandContext
from bootstrap.services import read_models
from domain.review import Level, Rectification, SubjectKind
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import ViewStore
from projections.periods_query import Scope
from projections.rankings import rank
from projections.runner import ProjectionRunner

WINDOW_A, WINDOW_B = "政务中心 1号窗口", "政务中心 2号窗口"
UNIT = "市行政审批局"


def _review(office: BackOffice, ctx: CommandContext, kind: SubjectKind, subject: str, level: int):  # type: ignore[no-untyped-def]
    return office.submit_review(
        ctx, subject_kind=kind, subject_id=subject, subject_unit=UNIT, channel="pad",
        level=Level(level),
    ).id  # fmt: skip


def test_rankings_of_windows_and_officials_on_each_store(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget, clock: FrozenClock
):
    for level in (1, 1, 2):
        _review(office, officer, SubjectKind.WINDOW, WINDOW_A, level)
    bad_fixed = _review(office, officer, SubjectKind.WINDOW, WINDOW_A, 4)
    _review(office, officer, SubjectKind.WINDOW, WINDOW_B, 3)
    bad_open = _review(office, officer, SubjectKind.WINDOW, WINDOW_B, 5)
    set_aside = _review(office, officer, SubjectKind.WINDOW, WINDOW_B, 5)
    _review(office, officer, SubjectKind.OFFICIAL, "赵丽", 1)
    before_follow_ups = clock.now()
    clock.advance(timedelta(hours=2))
    office.verify_review(officer, bad_fixed)
    office.rectify_review(officer, bad_fixed, method=Rectification.FIXED_AT_ONCE)
    office.record_return_visit(officer, bad_fixed, satisfied=True)
    office.verify_review(officer, bad_open)
    office.appeal_review(officer, set_aside, reason="恶意差评")
    office.decide_review_appeal(officer, set_aside, upheld=True, reason="核实为恶意")
    store = ViewStore(target, pool_size=2)
    ProjectionRunner(office, store, read_models(office.calendar)).catch_up()
    year = Scope(None, None, date(2026, 1, 1), date(2026, 12, 31))

    with store.transaction(write=False) as tx:
        windows = {r.subject: r for r in rank(tx, year, "windows")}
        officials = rank(tx, year, "officials")
        units = rank(tx, year, "units")
        then = Scope(None, None, year.first, year.last, before_follow_ups)
        earlier = {r.subject: r for r in rank(tx, then, "windows")}
    store.close()

    a, b = windows[WINDOW_A], windows[WINDOW_B]
    assert (a.rank, a.reviews, a.by_level) == (1, 4, {"1": 2, "2": 1, "3": 0, "4": 1, "5": 0})
    assert (a.satisfaction_rate, a.bad_review_rate) == (0.75, 0.25)
    assert (a.rectification_rate, a.return_visit_rate) == (1.0, 1.0)
    assert (b.rank, b.reviews, b.by_level["5"]) == (2, 2, 1)  # the one set aside left out
    assert (b.satisfaction_rate, b.rectification_rate, b.return_visit_rate) == (0.5, 0.0, 0.0)
    assert [(r.subject, r.reviews) for r in officials] == [("赵丽", 1)]
    assert [(r.subject, r.reviews) for r in units] == [(UNIT, 7)]  # 8 less the one set aside
    # before the appeal and the follow-ups: the review later set aside still counts
    assert earlier[WINDOW_B].reviews == 3
    assert earlier[WINDOW_A].rectification_rate == 0.0


RECTIFICATION_ONLY = {  # a scheme of one indicator, its numbers written here
    "year": 2026,
    "version": "t.1",
    "title": "整改率",
    "total": 10.0,
    "separate_total": 0.0,
    "indicator": [
        {
            "id": "rectification",
            "name": "差评整改率",
            "weight": 10.0,
            "figure": "rectification_rate",
            "formula": "rate",
            "full_at": 1.0,
            "zero_at": 0.5,
        }
    ],
}


def test_bad_reviews_left_unrectified_lower_the_rectification_score(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget, clock: FrozenClock
):
    from domain.scheme_reading import read_scheme
    from projections.assessment_scoring import score_unit

    scheme = read_scheme(RECTIFICATION_ONLY)
    _review(office, officer, SubjectKind.WINDOW, WINDOW_A, 2)
    _review(office, officer, SubjectKind.WINDOW, WINDOW_A, 3)
    fixed = _review(office, officer, SubjectKind.WINDOW, WINDOW_A, 4)
    office.verify_review(officer, fixed)
    office.rectify_review(officer, fixed, method=Rectification.FIXED_AT_ONCE)
    set_aside = _review(office, officer, SubjectKind.WINDOW, WINDOW_A, 5)
    office.appeal_review(officer, set_aside, reason="恶意差评")
    office.decide_review_appeal(officer, set_aside, upheld=True, reason="核实为恶意")
    left = _review(office, officer, SubjectKind.WINDOW, WINDOW_B, 5)
    store = ViewStore(target, pool_size=2)
    runner = ProjectionRunner(office, store, read_models(office.calendar))
    runner.catch_up()
    unit_id = uuid4()
    with store.transaction(write=False) as tx:
        before = score_unit(tx, scheme, unit_id, UNIT, "2026", clock.now())
    clock.advance(timedelta(minutes=5))
    office.verify_review(officer, left)
    office.rectify_review(officer, left, method=Rectification.EXPLAINED)
    runner.catch_up()
    with store.transaction(write=False) as tx:
        after = score_unit(tx, scheme, unit_id, UNIT, "2026", clock.now())
    store.close()

    # two bad reviews count (the one set aside on appeal does not): one rectified of two,
    # 10 × (0.5 − 0.5) ÷ 0.5 = 0 points; then both, 10 points
    assert (
        before.indicators["rectification"].value,
        before.indicators["rectification"].points,
    ) == (0.5, 0.0)
    assert (after.indicators["rectification"].value, after.indicators["rectification"].points) == (
        1.0,
        10.0,
    )


def test_kept_tallies_rank_as_the_facts_count(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget, clock: FrozenClock
):
    """The present is ranked from tallies kept as reviews arrive; a moment after everything
    was recorded is ranked by counting the facts. The two must agree, month and year, for a
    unit, through rectifications, return visits and set-asides across batches."""
    store = ViewStore(target, pool_size=2)
    runner = ProjectionRunner(office, store, read_models(office.calendar), batch_size=3)
    fixed = _review(office, officer, SubjectKind.WINDOW, WINDOW_A, 4)
    later = _review(office, officer, SubjectKind.OFFICIAL, "赵丽", 5)
    _review(office, officer, SubjectKind.WINDOW, WINDOW_B, 2)
    runner.catch_up()  # the follow-ups below find their reviews in an earlier batch
    office.verify_review(officer, fixed)
    office.rectify_review(officer, fixed, method=Rectification.FIXED_AT_ONCE)
    office.record_return_visit(officer, fixed, satisfied=False)
    clock.advance(timedelta(days=40))
    set_aside = _review(office, officer, SubjectKind.WINDOW, WINDOW_A, 5)
    office.appeal_review(officer, set_aside, reason="恶意差评")
    office.decide_review_appeal(officer, set_aside, upheld=True, reason="核实为恶意")
    office.verify_review(officer, later)
    office.rectify_review(officer, later, method=Rectification.EXPLAINED)
    _review(office, officer, SubjectKind.OFFICIAL, "赵丽", 1)
    runner.catch_up()
    month = clock.now().date().replace(day=1)
    scopes = [
        Scope(None, None, date(2026, 1, 1), date(2026, 12, 31)),
        Scope(UNIT, None, date(2026, 1, 1), date(2026, 12, 31)),
        Scope(None, "赵丽", date(2026, 1, 1), date(2026, 12, 31)),
        Scope(None, None, month, (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)),
    ]
    counted = []
    with store.transaction(write=False) as tx:
        for scope in scopes:
            for subjects in ("units", "windows", "officials"):
                kept = rank(tx, scope, subjects)
                after_all = Scope(scope.unit, scope.official, scope.first, scope.last, clock.now())
                assert kept == rank(tx, after_all, subjects), (scope, subjects)
                counted.append(len(kept))
    store.close()
    assert counted[:3] == [1, 2, 1]  # the unit; both windows; the official
    # year: all, the unit, the official (no windows); then the month after 40 days
    assert counted == [1, 2, 1, 1, 2, 1, 1, 0, 1, 1, 0, 1]
