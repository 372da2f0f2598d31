"""Referral (移交纪检监察): a unit or an official referred with the facts, the evidence and the
receiving organ; the organ's disposition recorded once."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.directory import Person
from domain.referral import Referral, ReferralStatus
from tests.unit.builders import names, on

TAX = uuid4()
WU = Person(uuid4(), "吴涛", TAX, "市税务局")
FACTS = "对企业退税申请推诿扯皮三个月，致企业资金链断裂"


def refer(**changes: object) -> Referral:
    fields: dict[str, object] = {
        "unit": (TAX, "市税务局"),
        "official": WU,
        "facts": FACTS,
        "evidence": [12, 40],
        "log_head": 50,
        "organ": "市纪委监委",
    }
    fields.update(changes)
    return Referral.refer(on(), id=uuid4(), **fields)  # type: ignore[arg-type]


def test_a_referral_names_the_unit_and_the_official_with_the_facts_and_the_organ():
    r = refer(summons_id=(summons := uuid4()))
    (event,) = r.collect_events()
    assert names([event]) == ["Referred"]
    assert (event.unit_name, event.official_name, event.official_unit) == (
        "市税务局",
        "吴涛",
        "市税务局",
    )
    assert (event.evidence, event.organ, event.summons_id) == ([12, 40], "市纪委监委", summons)
    assert r.status is ReferralStatus.REFERRED
    assert r.answerable().units == frozenset({"市税务局"})
    assert r.answerable().officials == frozenset({"吴涛"})
    assert r.open_deadlines() == []


def test_an_official_alone_answers_with_their_unit():
    r = refer(unit=None)
    assert r.answering_unit == "市税务局"
    assert r.answerable().units == frozenset({"市税务局"})


def test_a_unit_alone_may_be_referred_with_no_evidence():
    r = refer(official=None, evidence=[])
    assert (r.official_name, r.evidence, r.answering_unit) == (None, [], "市税务局")


def test_a_referral_names_someone():
    with pytest.raises(errors.ReferralPartyRequiredError):
        refer(unit=None, official=None)


@pytest.mark.parametrize("field", ["facts", "organ"])
def test_facts_and_organ_are_required(field: str):
    with pytest.raises(errors.BlankTextError):
        refer(**{field: "  "})


@pytest.mark.parametrize("evidence", [[0], [51], [12, 12], [-3]])
def test_evidence_is_events_of_the_log_each_once(evidence: list[int]):
    with pytest.raises(errors.EvidenceNotInLogError):
        refer(evidence=evidence)


def test_the_disposition_is_recorded_once_on_its_business_day():
    r = refer()
    r.collect_events()
    with pytest.raises(errors.BlankTextError):
        r.record_outcome(on(), disposition=" ")
    with pytest.raises(errors.BusinessDateInFutureError):
        r.record_outcome(on(business=date(2026, 9, 29)), disposition="给予诫勉谈话")
    r.record_outcome(on(date(2026, 12, 1), business=date(2026, 11, 28)), disposition="给予诫勉")
    assert r.status is ReferralStatus.CONCLUDED
    assert (r.disposition, r.concluded_on) == ("给予诫勉", date(2026, 11, 28))
    with pytest.raises(errors.ReferralOutcomeAlreadyRecordedError):
        r.record_outcome(on(), disposition="再次")
    assert names(r.collect_events()) == ["OutcomeRecorded"]
