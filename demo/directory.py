"""The demo city's directory: the city government, its departments and a district, and the
officials the demo year names — registered on New Year's Day, before anything else."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from bootstrap.services import Services
from demo.data import CITY_REGION, INVESTMENT_BUREAU, SUPERVISION_OFFICE, UNITS
from demo.scenario import Scenario, ctx
from domain.directory import UnitLevel
from domain.posts import HEAD_POSTS, Rank
from infrastructure import credentials
from projections.directory_view import DirectoryView

ADMIN = ctx("系统管理员", "市大数据中心")
HEADS = {  # each answering unit's leader, to whom an urging notice also goes
    "市发展改革委": ("高建华", "主任"),
    "市自然资源和规划局": ("钱进", "局长"),
    "市生态环境局": ("冯涛", "局长"),
    "市住房城乡建设局": ("韩雪", "局长"),
    "国家税务总局示范市税务局": ("曹军", "局长"),
    "市人力资源社会保障局": ("邓丽", "局长"),
    "市地方金融管理局": ("蒋平", "局长"),
    "国网示范供电公司": ("沈浩", "总经理"),
    "市交通运输局": ("彭亮", "局长"),
    "市商务局": ("罗敏", "局长"),
    "市经济和信息化局": ("胡斌", "局长"),
    "市营商环境建设局": ("张伟", "局长"),
}
DEPARTMENTS = [
    SUPERVISION_OFFICE,
    INVESTMENT_BUREAU,
    "市营商环境建设局",
    "市工商联",
    "市行政审批局",
    "市大数据中心",
    "政务服务好差评系统",
    "市文化广电旅游局",
    "市商务局",
    *(unit for unit, _ in UNITS.values()),
]
CITY = "示范市人民政府"
# name, unit, post (a city department's divisions are 科: 科长, never 处长), rank (职级)
OFFICIALS: list[tuple[str, str, str, Rank | None]] = [
    ("许晓燕", SUPERVISION_OFFICE, "督查室主任", Rank.DIVISION_PRINCIPAL),
    ("何志远", INVESTMENT_BUREAU, "项目科科长", Rank.SECTION_PRINCIPAL),
    ("杨帆", "市营商环境建设局", "副局长", Rank.DIVISION_DEPUTY),
    ("马骏", "市工商联", "副主席", Rank.DIVISION_DEPUTY),
    ("唐宁", "市商务局", "外贸科科长", Rank.SECTION_PRINCIPAL),
    ("系统管理员", "市大数据中心", "", None),
    ("审计员", SUPERVISION_OFFICE, "督查专员", None),
    # the city leaders who lead major projects (包抓)
    ("王建国", CITY, "副市长", Rank.BUREAU_DEPUTY),
    ("刘志强", CITY, "副市长", Rank.BUREAU_DEPUTY),
    ("陈晓", CITY, "市长助理", None),
    ("孙丽华", "市文化广电旅游局", "局长", Rank.DIVISION_PRINCIPAL),
    *((person, unit, "科长", Rank.SECTION_PRINCIPAL) for unit, person in UNITS.values()),
    *(
        (person, unit, title, Rank.DIVISION_PRINCIPAL if title in HEAD_POSTS else None)
        for unit, (person, title) in HEADS.items()
    ),
]


def schedule_directory(s: Scenario) -> None:
    units: dict[str, UUID] = {}

    def register() -> None:
        city = s.office.register_unit(
            ADMIN, name="示范市人民政府", level=UnitLevel.CITY, region_code=CITY_REGION
        )
        units["示范市人民政府"] = city.id
        district = s.office.register_unit(
            ADMIN,
            name="利州区人民政府",
            level=UnitLevel.COUNTY,
            parent_id=city.id,
            region_code="510802",
        )
        units["利州区人民政府"] = district.id
        for name in dict.fromkeys(DEPARTMENTS):
            units[name] = s.office.register_unit(
                ADMIN, name=name, level=UnitLevel.DEPARTMENT, parent_id=city.id
            ).id
        for name, unit, title, rank in OFFICIALS:
            official = s.office.register_official(
                ADMIN, name=name, unit_id=units[unit], title=title, rank=rank
            )
            s.people[name] = official.id
        s.units.update(units)

    s.at(date(2026, 1, 1), 8, register)


# the console's demo sign-ins (demo only: a real install sets each with
# `duban directory set-password`): name, role, password
DEMO_PASSWORD = "duban-demo"  # noqa: S105 - the demo's, printed in the README
DEMO_SIGN_INS = [
    ("许晓燕", "supervisor"),  # 市政府督查室
    ("赵丽", "officer"),  # 市自然资源和规划局
    ("审计员", "inspector"),  # 市政府督查室's inspector
    ("系统管理员", "admin"),  # 市大数据中心
]


def set_demo_passwords(services: Services) -> None:
    with services.read() as tx:
        found = {name: DirectoryView.official(tx, name) for name, _ in DEMO_SIGN_INS}
    for name, role in DEMO_SIGN_INS:
        official = found[name]
        if official is not None:
            credentials.set_password(
                services.views, str(official["id"]), role, DEMO_PASSWORD, by="demo"
            )
