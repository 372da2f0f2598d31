"""Pairing: visits month by month, findings linked to issues, reassignment, the end."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.pairing import Pairing, PairingMechanism
from tests.unit.builders import CODE, names, on


def pairing(start: date = date(2026, 7, 1), per_month: int = 1) -> Pairing:
    p = Pairing.establish(
        on(),
        id=uuid4(),
        mechanism=PairingMechanism.DEPARTMENT_HEAD_ENTERPRISE,
        official="李明",
        official_unit="市发展改革委",
        enterprise_code=CODE,
        enterprise_name="示范新能源科技有限公司",
        start=start,
        visits_per_month=per_month,
    )
    p.collect_events()
    return p


def visit(p: Pairing, day: date, findings: list[str] = (), issues: list[str] | None = None) -> int:
    return p.log_visit(
        on(business=day),
        form="上门走访",
        people_met=["王总"],
        findings=list(findings),
        raised_issues=issues if issues is not None else ["" for _ in findings],
    )


def test_a_cadence_outside_one_to_thirty_one_visits_a_month_is_refused():
    with pytest.raises(errors.InvalidCadenceError):
        pairing(per_month=0)


def test_visits_are_numbered_and_record_the_issues_their_findings_raised():
    p = pairing()
    assert visit(p, date(2026, 7, 10)) == 1
    issue_id = str(uuid4())
    assert visit(p, date(2026, 8, 3), ["用电紧张", "招工难"], [issue_id, ""]) == 2
    events = p.collect_events()
    assert names(events) == ["VisitLogged", "VisitLogged"]
    assert events[1].raised_issues == [issue_id, ""]
    assert (p.visits_in("2026-07"), p.visits_in("2026-08"), p.visits_in("2026-09")) == (1, 1, 0)


@pytest.mark.parametrize(
    ("day", "error"),
    [
        (date(2026, 6, 30), errors.VisitOutsidePairingError),
        (date(2026, 9, 29), errors.BusinessDateInFutureError),
    ],
)
def test_a_visit_before_the_start_or_in_the_future_is_refused(day: date, error: type):
    p = pairing()
    with pytest.raises(error):
        visit(p, day)
    assert p.pending_events == []


def test_the_open_deadline_is_the_first_month_without_enough_visits_or_a_recorded_miss():
    p = pairing()
    visit(p, date(2026, 7, 10))
    (deadline,) = p.open_deadlines()
    assert (deadline.key, deadline.due) == ("visit:2026-08", date(2026, 8, 31))
    p.record_missed_deadline(on(), key="visit:2026-08")
    assert [d.key for d in p.open_deadlines()] == ["visit:2026-09"]
    visit(p, date(2026, 9, 2))
    assert [d.key for d in p.open_deadlines()] == ["visit:2026-10"]


def test_a_twice_monthly_cadence_is_not_met_by_one_visit():
    p = pairing(per_month=2)
    visit(p, date(2026, 7, 10))
    assert [d.key for d in p.open_deadlines()] == ["visit:2026-07"]


def test_reassigning_needs_a_reason_and_another_official():
    p = pairing()
    with pytest.raises(errors.ReasonRequiredError):
        p.reassign_official(on(), official="赵丽", official_unit="市自规局")
    with pytest.raises(errors.OfficialUnchangedError):
        p.reassign_official(on(reason="岗位调整"), official="李明", official_unit="市发改委")
    p.reassign_official(on(reason="岗位调整"), official="赵丽", official_unit="市自规局")
    assert (p.official, p.official_unit) == ("赵丽", "市自规局")
    assert names(p.collect_events()) == ["OfficialReassigned"]


def test_an_ended_pairing_owes_nothing_and_refuses_changes():
    p = pairing()
    with pytest.raises(errors.ReasonRequiredError):
        p.end(on())
    p.end(on(reason="企业迁出"))
    assert p.ended_on == date(2026, 9, 28)
    assert p.open_deadlines() == []
    for command in (
        lambda: visit(p, date(2026, 9, 1)),
        lambda: p.reassign_official(on(reason="r"), official="x", official_unit="y"),
        lambda: p.end(on(reason="again")),
    ):
        with pytest.raises(errors.PairingEndedError):
            command()
    assert names(p.collect_events()) == ["Ended"]
