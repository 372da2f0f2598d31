"""Posts, ranks and the enterprise register on each store: what is recorded reloads the same,
and a refused command records nothing."""

from __future__ import annotations

from uuid import uuid4

import pytest

from application.back_office import BackOffice
from domain import errors
from domain.directory import UnitLevel
from domain.enterprise import Classification, Enterprise, enterprise_id
from domain.posts import Rank
from tests.directory import ADMIN_CTX, TestDirectory

CODE = "91110000600037341L"
KEY = Classification("新能源", above_scale=True, specialised=True, key=True)


def head(office: BackOffice) -> int:
    return office.recorder.max_notification_id() or 0


def test_a_post_and_rank_are_recorded_and_changed(office: BackOffice, people: TestDirectory):
    tax = people.units["市税务局"]
    chief = office.register_official(
        ADMIN_CTX, name="钱卫东", unit_id=tax, title="征管科科长", rank=Rank.SECTION_PRINCIPAL
    )
    office.change_official_post(
        ADMIN_CTX, chief.id, title="副局长", rank=Rank.DIVISION_DEPUTY, reason="市委任命"
    )
    again = office.load(type(chief), chief.id)
    assert (again.title, again.rank, again.version) == ("副局长", Rank.DIVISION_DEPUTY, 2)


def test_a_refused_post_records_nothing(office: BackOffice, people: TestDirectory):
    tax = people.units["市税务局"]
    before = head(office)
    with pytest.raises(errors.CityDivisionIsSectionError):
        office.register_official(ADMIN_CTX, name="孙立", unit_id=tax, title="征管处处长")
    with pytest.raises(errors.RankAboveUnitError):
        office.register_official(ADMIN_CTX, name="孙立", unit_id=tax, rank=Rank.BUREAU_DEPUTY)
    assert head(office) == before


def test_a_department_of_a_county_takes_the_county_standing(
    office: BackOffice, people: TestDirectory
):
    county = office.register_unit(
        ADMIN_CTX,
        name="利州区人民政府",
        level=UnitLevel.COUNTY,
        parent_id=people.units["示范市人民政府"],
        region_code="510802",
    )
    bureau = office.register_unit(
        ADMIN_CTX, name="利州区税务局", level=UnitLevel.DEPARTMENT, parent_id=county.id
    )
    assert office.placement(bureau.id).principal_rank is Rank.SECTION_PRINCIPAL
    with pytest.raises(errors.HeadPostRankError):
        office.register_official(
            ADMIN_CTX, name="钱卫东", unit_id=bureau.id, title="局长", rank=Rank.SECTION_DEPUTY
        )


def test_an_enterprise_and_its_leader_reload_the_same(
    office: BackOffice, people: TestDirectory, officer
):
    registered = office.register_enterprise(
        officer,
        credit_code=CODE,
        name="示范新能源科技有限公司",
        region_code="510802",
        classification=KEY,
    )
    assert registered.id == enterprise_id(CODE)
    office.link_enterprise_leader(officer, registered.id, leader_id=people.id("王建国"))
    again = office.get_enterprise(registered.id)
    assert isinstance(again, Enterprise)
    assert (again.classification, [c.leader for c in again.contacts]) == (KEY, ["王建国"])
    assert again.contacts[0].unit == "示范市人民政府"


def test_refused_register_commands_record_nothing(
    office: BackOffice, people: TestDirectory, officer
):
    enterprise = office.register_enterprise(
        officer, credit_code=CODE, name="甲公司", region_code="510802", classification=KEY
    )
    before = head(office)
    with pytest.raises(errors.EnterpriseAlreadyRegisteredError):
        office.register_enterprise(
            officer, credit_code=CODE, name="乙公司", region_code="510802", classification=KEY
        )
    with pytest.raises(errors.ContactRequiresGovernmentLeaderError):
        office.link_enterprise_leader(officer, enterprise.id, leader_id=people.id("李明"))
    with pytest.raises(errors.UnknownOfficialError):
        office.link_enterprise_leader(officer, enterprise.id, leader_id=uuid4())
    with pytest.raises(errors.EnterpriseNotFoundError):
        office.link_enterprise_leader(officer, uuid4(), leader_id=people.id("王建国"))
    assert head(office) == before
