"""The enterprise register: registration with its marks, reclassification, and the government
leaders who contact a key enterprise — each transition and each refusal."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain import errors
from domain.enterprise import Classification, Enterprise, enterprise_id
from domain.posts import Placement
from tests.unit.builders import CODE, on

KEY = Classification("新能源", above_scale=True, specialised=False, key=True)
PLAIN = Classification("新能源", above_scale=True, specialised=False, key=False)
CITY_GOV = Placement(uuid4(), "示范市人民政府", is_department=False, government_level=2)
BUREAU = Placement(uuid4(), "市经济和信息化局", is_department=True, government_level=2)
LEADER = uuid4()


def enterprise(kind: Classification = KEY) -> Enterprise:
    e = Enterprise.register(
        on(),
        credit_code=CODE,
        name="示范新能源科技有限公司",
        region_code="510802",
        classification=kind,
    )
    e.collect_events()
    return e


def linked() -> Enterprise:
    e = enterprise()
    e.link_leader(on(), leader_id=LEADER, leader="王建国", placement=CITY_GOV)
    e.collect_events()
    return e


def test_an_enterprise_is_registered_once_per_credit_code_with_its_marks():
    e = Enterprise.register(
        on(),
        credit_code=CODE,
        name=" 示范新能源科技有限公司 ",
        region_code="510802",
        classification=Classification(" 新能源 ", True, True, False),
    )
    (event,) = e.collect_events()
    assert type(event) is Enterprise.Registered
    assert (event.credit_code, event.name, event.region_code, event.sector) == (
        CODE,
        "示范新能源科技有限公司",
        "510802",
        "新能源",
    )
    assert (event.above_scale, event.specialised, event.key) == (True, True, False)
    assert e.id == enterprise_id(CODE) == enterprise().id  # the same code, the same id


@pytest.mark.parametrize(
    ("code", "region", "sector", "refusal"),
    [
        ("91110000600037341X", "510802", "新能源", errors.InvalidCreditCodeError),  # check digit
        (CODE, "899999", "新能源", errors.InvalidRegionCodeError),
        (CODE, "510802", "  ", errors.BlankTextError),
    ],
)
def test_a_registration_with_a_bad_value_is_refused(code, region, sector, refusal):
    with pytest.raises(refusal):
        Enterprise.register(
            on(),
            credit_code=code,
            name="示范新能源科技有限公司",
            region_code=region,
            classification=Classification(sector, False, False, True),
        )


def test_reclassifying_records_the_new_marks():
    e = enterprise(PLAIN)
    e.reclassify(on(reason="列入重点企业名单"), classification=KEY)
    (event,) = e.collect_events()
    assert type(event) is Enterprise.Reclassified
    assert (event.sector, event.key, event.reason) == ("新能源", True, "列入重点企业名单")
    assert e.classification == KEY


def test_reclassifying_to_the_same_marks_is_refused():
    with pytest.raises(errors.ClassificationUnchangedError):
        enterprise().reclassify(on(), classification=KEY)


def test_a_key_enterprise_a_leader_contacts_stays_key_until_unlinked():
    e = linked()
    with pytest.raises(errors.KeyEnterpriseHasContactsError):
        e.reclassify(on(), classification=PLAIN)
    assert e.collect_events() == []
    e.unlink_leader(on(reason="分工调整"), leader_id=LEADER)
    e.reclassify(on(), classification=PLAIN)
    assert [type(x) for x in e.collect_events()] == [
        Enterprise.LeaderUnlinked,
        Enterprise.Reclassified,
    ]


def test_a_government_leader_is_linked_to_a_key_enterprise():
    e = enterprise()
    e.link_leader(on(), leader_id=LEADER, leader="王建国", placement=CITY_GOV)
    (event,) = e.collect_events()
    assert type(event) is Enterprise.LeaderLinked
    assert (event.leader_id, event.leader, event.leader_unit) == (
        LEADER,
        "王建国",
        "示范市人民政府",
    )
    assert [c.leader for c in e.contacts] == ["王建国"]
    assert e.answerable().officials == frozenset({"王建国"})
    assert e.answerable().region == "510802"


def test_only_a_key_enterprise_takes_a_leader():
    with pytest.raises(errors.ContactRequiresKeyEnterpriseError):
        enterprise(PLAIN).link_leader(on(), leader_id=LEADER, leader="王建国", placement=CITY_GOV)


def test_an_official_of_a_department_is_no_leader_contact():
    with pytest.raises(errors.ContactRequiresGovernmentLeaderError):
        enterprise().link_leader(on(), leader_id=uuid4(), leader="胡斌", placement=BUREAU)


def test_a_leader_is_linked_once():
    with pytest.raises(errors.ContactAlreadyLinkedError):
        linked().link_leader(on(), leader_id=LEADER, leader="王建国", placement=CITY_GOV)


def test_unlinking_needs_a_reason_and_a_linked_leader():
    e = linked()
    with pytest.raises(errors.ReasonRequiredError):
        e.unlink_leader(on(), leader_id=LEADER)
    with pytest.raises(errors.ContactNotLinkedError):
        e.unlink_leader(on(reason="分工调整"), leader_id=uuid4())
    assert e.collect_events() == []
    e.unlink_leader(on(reason="分工调整"), leader_id=LEADER)
    (event,) = e.collect_events()
    assert (type(event), event.leader, event.reason) == (
        Enterprise.LeaderUnlinked,
        "王建国",
        "分工调整",
    )
    assert e.contacts == []
