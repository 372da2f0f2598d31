"""Officials' posts and ranks: each registration, move and change of post, and each refusal,
against the standing of the unit (a table written here from the civil-service ranks)."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain import errors
from domain.directory import Official
from domain.posts import Placement, Rank, is_department_head
from tests.unit.builders import on

CITY_GOV = Placement(uuid4(), "示范市人民政府", is_department=False, government_level=2)
CITY_BUREAU = Placement(uuid4(), "市税务局", is_department=True, government_level=2)
COUNTY_BUREAU = Placement(uuid4(), "利州区税务局", is_department=True, government_level=3)
PROVINCE_DEPT = Placement(uuid4(), "省发展改革委", is_department=True, government_level=1)


def official(
    placement: Placement = CITY_BUREAU, title: str = "科长", rank: Rank | None = None
) -> Official:
    return Official.register(
        on(), id=uuid4(), name="吴涛", placement=placement, title=title, rank=rank
    )


# the principal rank of each kind of unit, as the civil service ranks them
@pytest.mark.parametrize(
    ("is_department", "level", "principal"),
    [
        (False, 1, "provincial_principal"),  # 省政府: 省部级正职
        (True, 1, "bureau_principal"),  # 省直厅局: 厅局级正职
        (False, 2, "bureau_principal"),  # 市政府: 厅局级正职
        (True, 2, "division_principal"),  # 市直局委: 县处级正职
        (False, 3, "division_principal"),  # 县政府: 县处级正职
        (True, 3, "section_principal"),  # 县直局: 乡科级正职
    ],
)
def test_each_unit_has_the_principal_rank_of_its_standing(is_department, level, principal):
    placement = Placement(uuid4(), "某单位", is_department=is_department, government_level=level)
    assert placement.principal_rank.value == principal


def test_a_section_chief_is_registered_with_post_and_rank():
    o = official(title=" 征管科科长 ", rank=Rank.SECTION_PRINCIPAL)
    (event,) = o.collect_events()
    assert type(event) is Official.Registered
    assert (event.title, event.rank, event.unit_id) == (
        "征管科科长",
        "section_principal",
        CITY_BUREAU.unit_id,
    )
    assert (o.title, o.rank) == ("征管科科长", Rank.SECTION_PRINCIPAL)


@pytest.mark.parametrize("title", ["处长", "综合处处长", "副处长"])
@pytest.mark.parametrize("placement", [CITY_BUREAU, COUNTY_BUREAU])
def test_a_city_or_county_department_has_no_division_chief_called_chuzhang(placement, title):
    with pytest.raises(errors.CityDivisionIsSectionError):
        official(placement, title=title)


def test_a_provincial_department_has_its_chuzhang():
    o = official(PROVINCE_DEPT, title="综合处处长", rank=Rank.DIVISION_PRINCIPAL)
    assert o.title == "综合处处长"


def test_a_city_leader_holds_a_rank_of_the_city_government():
    assert official(CITY_GOV, title="副市长", rank=Rank.BUREAU_DEPUTY).rank is Rank.BUREAU_DEPUTY


@pytest.mark.parametrize(
    ("placement", "rank", "refused"),
    [
        (CITY_BUREAU, Rank.DIVISION_PRINCIPAL, False),  # its principal rank
        (CITY_BUREAU, Rank.SECTION_DEPUTY, False),
        (CITY_BUREAU, Rank.BUREAU_DEPUTY, True),  # a step above 县处级正职
        (COUNTY_BUREAU, Rank.DIVISION_DEPUTY, True),  # above 乡科级正职
        (CITY_GOV, Rank.BUREAU_PRINCIPAL, False),
        (CITY_GOV, Rank.PROVINCIAL_DEPUTY, True),
    ],
)
def test_no_official_outranks_the_principal_post_of_the_unit(placement, rank, refused):
    if refused:
        with pytest.raises(errors.RankAboveUnitError):
            official(placement, title="调研员", rank=rank)
    else:
        assert official(placement, title="调研员", rank=rank).rank is rank


@pytest.mark.parametrize("title", ["局长", "主任"])
def test_a_department_head_post_carries_the_principal_rank(title):
    assert official(title=title, rank=Rank.DIVISION_PRINCIPAL).rank is Rank.DIVISION_PRINCIPAL
    assert official(title=title).rank is None  # a rank not known is not refused
    with pytest.raises(errors.HeadPostRankError):
        official(title=title, rank=Rank.DIVISION_DEPUTY)


def test_moving_checks_the_post_in_the_new_unit():
    o = official(PROVINCE_DEPT, title="综合处处长", rank=Rank.DIVISION_PRINCIPAL)
    o.collect_events()
    with pytest.raises(errors.CityDivisionIsSectionError):
        o.move(on(), to=CITY_BUREAU)
    chief = official(CITY_BUREAU, title="局长", rank=Rank.DIVISION_PRINCIPAL)
    chief.collect_events()
    with pytest.raises(errors.RankAboveUnitError):
        chief.move(on(), to=COUNTY_BUREAU)
    with pytest.raises(errors.OfficialUnchangedError):
        chief.move(on(), to=CITY_BUREAU)
    assert chief.collect_events() == []
    chief.move(on(), to=CITY_GOV)
    (moved,) = chief.collect_events()
    assert (type(moved), moved.unit_id) == (Official.Moved, CITY_GOV.unit_id)


def test_a_change_of_post_is_recorded_with_its_reason():
    o = official(title="科长", rank=Rank.SECTION_PRINCIPAL)
    o.collect_events()
    o.change_post(
        on(reason="市委任命"), placement=CITY_BUREAU, title="副局长", rank=Rank.DIVISION_DEPUTY
    )
    (changed,) = o.collect_events()
    assert type(changed) is Official.PostChanged
    assert (changed.title, changed.rank, changed.reason) == (
        "副局长",
        "division_deputy",
        "市委任命",
    )
    assert (o.title, o.rank) == ("副局长", Rank.DIVISION_DEPUTY)


def test_a_change_of_post_is_refused_without_reason_unchanged_or_out_of_rule():
    o = official(title="科长", rank=Rank.SECTION_PRINCIPAL)
    o.collect_events()
    with pytest.raises(errors.ReasonRequiredError):
        o.change_post(on(), placement=CITY_BUREAU, title="副局长", rank=Rank.DIVISION_DEPUTY)
    with pytest.raises(errors.PostUnchangedError):
        o.change_post(
            on(reason="重复"), placement=CITY_BUREAU, title="科长", rank=Rank.SECTION_PRINCIPAL
        )
    with pytest.raises(errors.CityDivisionIsSectionError):
        o.change_post(on(reason="机构改革"), placement=CITY_BUREAU, title="处长", rank=None)
    with pytest.raises(errors.RankAboveUnitError):
        o.change_post(
            on(reason="晋升"), placement=CITY_BUREAU, title="局长", rank=Rank.BUREAU_PRINCIPAL
        )
    assert o.collect_events() == []
    assert (o.title, o.rank) == ("科长", Rank.SECTION_PRINCIPAL)


def test_a_registration_stored_before_ranks_reads_with_no_rank():
    state: dict[str, object] = {"name": "吴涛", "title": "处长"}
    Official.Registered.upcast_v1_v2(state)
    assert state == {"name": "吴涛", "title": "处长", "rank": None}
    assert Official.Registered.class_version == 2


@pytest.mark.parametrize(
    ("placement", "title", "rank", "head"),
    [
        (CITY_BUREAU, "局长", Rank.DIVISION_PRINCIPAL, True),
        (CITY_BUREAU, "党组书记", Rank.DIVISION_PRINCIPAL, True),  # the rank decides
        (CITY_BUREAU, "副局长", Rank.DIVISION_DEPUTY, False),
        (CITY_BUREAU, "主任", None, True),  # no rank known: the head post decides
        (CITY_BUREAU, "督查室主任", None, False),
        (CITY_BUREAU, "科长", None, False),
        (CITY_GOV, "市长", Rank.BUREAU_PRINCIPAL, False),  # a government is no department
    ],
)
def test_who_is_a_department_head(placement, title, rank, head):
    assert is_department_head(placement, title, rank) is head
