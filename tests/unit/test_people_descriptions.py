"""Audit descriptions of posts and the enterprise register: one Chinese sentence each."""

from __future__ import annotations

from uuid import uuid4

from domain.directory import Official
from domain.enterprise import Classification, Enterprise
from domain.posts import Placement, Rank
from projections.descriptions import describe
from tests.unit.builders import CODE, on

BUREAU = Placement(uuid4(), "市税务局", is_department=True, government_level=2)
CITY_GOV = Placement(uuid4(), "示范市人民政府", is_department=False, government_level=2)
NAME = "示范新能源科技有限公司"


def test_an_official_registered_and_given_a_new_post():
    official = Official.register(
        on(), id=uuid4(), name="吴涛", placement=BUREAU, title="征管科科长",
        rank=Rank.SECTION_PRINCIPAL,
    )  # fmt: skip
    official.change_post(on(reason="市委任命"), placement=BUREAU, title="副局长", rank=None)
    registered, changed = official.collect_events()
    assert describe(registered) == "市发改委 张三 登记工作人员「吴涛」（征管科科长，乡科级正职）"
    assert describe(changed, "吴涛") == (
        "市发改委 张三 调整工作人员「吴涛」的职务职级为（副局长）（理由：市委任命）"
    )


def test_an_official_registered_before_ranks_reads_as_before():
    official = Official.register(on(), id=uuid4(), name="赵丽", placement=BUREAU, title="")
    (registered,) = official.collect_events()
    assert describe(registered) == "市发改委 张三 登记工作人员「赵丽」"


def test_the_register_s_events():
    e = Enterprise.register(
        on(), credit_code=CODE, name=NAME, region_code="510802",
        classification=Classification("新能源", True, True, True),
    )  # fmt: skip
    e.link_leader(on(), leader_id=uuid4(), leader="王建国", placement=CITY_GOV)
    e.unlink_leader(on(reason="分工调整"), leader_id=e.contacts[0].leader_id)
    e.reclassify(on(), classification=Classification("储能", False, False, False))
    registered, linked, unlinked, reclassified = e.collect_events()
    assert describe(registered) == (
        f"市发改委 张三 登记企业「{NAME}」"
        f"（{CODE}，新能源行业，区划 510802，规上、专精特新、重点企业）"
    )
    assert describe(linked, NAME) == f"市发改委 张三 明确 示范市人民政府 王建国 联系企业「{NAME}」"
    assert describe(unlinked, NAME) == (
        f"市发改委 张三 取消 王建国 对企业「{NAME}」的联系（理由：分工调整）"
    )
    assert (
        describe(reclassified, NAME) == f"市发改委 张三 调整企业「{NAME}」的分类为 储能行业，无标识"
    )
