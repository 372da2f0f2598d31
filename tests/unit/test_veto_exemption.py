"""VetoExemption (情况说明): granted for one period of a requirement's own rhythm in the
scheme's year, with a reason, a written explanation and another official approving; revoked
and granted again. Each refusal records nothing."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

import pytest

from domain import errors
from domain.assessment_scheme import Requirement, RequirementKind
from domain.periods import Cadence
from domain.veto_exemption import VetoExemption
from tests.unit.assessment_builders import HEAD, ITSELF, at

UNIT = "市营商环境局"
UNIT_ID = uuid5(UUID(int=2), UNIT)
MONTHLY = Requirement(
    "on_site", "现场办公会", RequirementKind.SESSIONS, (UNIT,),
    session_kind="on_site_office_meeting", cadence=Cadence.MONTHLY,
)  # fmt: skip
QUARTERLY = Requirement(
    "banks", "银企对接会", RequirementKind.SESSIONS, ("all",),
    session_kind="bank_enterprise_matchmaking",
)  # fmt: skip
VISITS = Requirement("visits", "包联企业走访", RequirementKind.PAIRING_VISITS, (UNIT,))
BRIEFING = Requirement(
    "briefing", "政策宣讲进展报送", RequirementKind.BRIEFING_PROGRESS, (UNIT,),
    due=("06-20", "11-20"),
)  # fmt: skip
LETTER = "关于8月现场办公会因防汛应急取消的情况说明"


def grant(
    requirement: Requirement = MONTHLY, period: str = "2026-08", **fields: Any
) -> VetoExemption:
    asked: dict[str, Any] = {
        "unit_id": UNIT_ID, "unit": UNIT, "requirement": requirement, "year": 2026,
        "period": period, "document": LETTER, "approver": HEAD, **fields,
    }  # fmt: skip
    envelope = asked.pop("envelope", at(reason="全市启动防汛Ⅱ级应急响应"))
    return VetoExemption.grant(envelope, **asked)


def test_an_exemption_is_granted_for_one_unit_requirement_and_period():
    e = grant()
    (event,) = e.collect_events()
    assert isinstance(event, VetoExemption.Granted)
    assert (event.exempt_unit, event.requirement, event.period, event.document) == (
        UNIT, "on_site", "2026-08", LETTER,
    )  # fmt: skip
    assert (event.approver_id, event.approver, event.reason) == (
        HEAD.official_id, "主任", "全市启动防汛Ⅱ级应急响应",
    )  # fmt: skip
    assert e.id == VetoExemption.id_for(UNIT_ID, "on_site", "2026-08")
    assert e.id != VetoExemption.id_for(UNIT_ID, "on_site", "2026-09")
    assert (e.granted, e.unit, e.period) == (True, UNIT, "2026-08")


@pytest.mark.parametrize(
    ("requirement", "period"),
    [
        (MONTHLY, "2026-01"),
        (MONTHLY, "2026-12"),
        (VISITS, "2026-08"),
        (QUARTERLY, "2026-Q1"),
        (QUARTERLY, "2026-Q4"),
        (BRIEFING, "2026-H1"),
        (BRIEFING, "2026-H2"),
    ],
)
def test_each_requirement_is_exempted_by_periods_of_its_own_rhythm(requirement, period):
    assert grant(requirement, period).period == period


@pytest.mark.parametrize(
    ("requirement", "period"),
    [
        (QUARTERLY, "2026-08"),  # a month for a quarterly requirement
        (QUARTERLY, "2026-H1"),
        (MONTHLY, "2026-Q3"),  # a quarter for a monthly one
        (VISITS, "2026-Q3"),
        (BRIEFING, "2026-06"),  # briefing progress: half-years only
        (BRIEFING, "2026-Q2"),
        (MONTHLY, "2025-08"),  # another year than the scheme's
        (QUARTERLY, "2027-Q1"),
        (BRIEFING, "2025-H1"),
        (MONTHLY, "2026-13"),
        (MONTHLY, "2026-00"),
        (QUARTERLY, "2026-Q5"),
        (MONTHLY, "2026"),
        (MONTHLY, "2026-8"),
        (MONTHLY, " 2026-08"),
    ],
)
def test_a_period_of_another_rhythm_or_year_is_refused(requirement, period):
    with pytest.raises(errors.InvalidPeriodError) as refused:
        grant(requirement, period)
    assert requirement.name in refused.value.detail


@pytest.mark.parametrize(
    ("error", "fields"),
    [
        (errors.ReasonRequiredError, {"envelope": at()}),
        (errors.ReasonRequiredError, {"envelope": at(reason=" ")}),
        (errors.ApproverIsActorError, {"approver": ITSELF}),
        (errors.RequirementNotBindingError, {"unit": "市税务局"}),
        (errors.BlankTextError, {"document": "  "}),
    ],
)
def test_a_grant_is_refused_naming_the_rule(error, fields):
    with pytest.raises(error):
        grant(**fields)


def test_a_requirement_for_all_units_binds_any_unit():
    assert grant(QUARTERLY, "2026-Q3", unit="市税务局").unit == "市税务局"


def granted() -> VetoExemption:
    e = grant()
    e.collect_events()
    return e


def test_a_revoked_exemption_is_granted_again_on_a_new_explanation():
    e = granted()
    e.revoke(at(reason="核实会议实际可以改期召开"))
    (revoked,) = e.collect_events()
    assert (type(revoked), revoked.reason, e.granted) == (
        VetoExemption.Revoked, "核实会议实际可以改期召开", False,
    )  # fmt: skip
    e.grant_again(at(reason="补充材料"), document="补充情况说明", approver=HEAD)
    (again,) = e.collect_events()
    assert (type(again), again.document, again.approver) == (
        VetoExemption.GrantedAgain, "补充情况说明", "主任",
    )  # fmt: skip
    assert (e.granted, e.document) == (True, "补充情况说明")


def test_granting_what_stands_or_revoking_what_is_revoked_is_refused():
    e = granted()
    with pytest.raises(errors.VetoExemptionAlreadyGrantedError):
        e.grant_again(at(reason="再次"), document="说明", approver=HEAD)
    assert e.collect_events() == []
    e.revoke(at(reason="撤销"))
    e.collect_events()
    with pytest.raises(errors.VetoExemptionNotGrantedError):
        e.revoke(at(reason="再次撤销"))
    assert (e.collect_events(), e.granted) == ([], False)


def again(e: VetoExemption, reason: str | None = "再次", **fields: Any) -> None:
    asked = {"document": "补充情况说明", "approver": HEAD, **fields}
    e.grant_again(at(reason=reason), **asked)


@pytest.mark.parametrize(
    ("error", "act"),
    [
        (errors.ReasonRequiredError, lambda e: again(e, reason=None)),
        (errors.ApproverIsActorError, lambda e: again(e, approver=ITSELF)),
        (errors.BlankTextError, lambda e: again(e, document=" ")),
    ],
)
def test_a_new_grant_is_refused_naming_the_rule(error, act):
    e = granted()
    e.revoke(at(reason="撤销"))
    e.collect_events()
    with pytest.raises(error):
        act(e)
    assert (e.collect_events(), e.granted) == ([], False)


def test_a_revocation_needs_a_reason():
    e = granted()
    with pytest.raises(errors.ReasonRequiredError):
        e.revoke(at())
    assert (e.collect_events(), e.granted) == ([], True)
