"""The test city's directory, registered through the application, and bearer tokens for its
people: commands name officials and units by their directory ids, and tokens name a
directory official, so every test that acts registers the city first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

from api.auth import issue_token
from application.back_office import BackOffice
from application.context import Actor, CommandContext
from domain.access import Role
from domain.directory import UnitLevel
from projections.directory_view import DirectoryView
from projections.principals import Claims

SECRET = "test-secret-not-for-production-use-0123456789"
ADMIN_CTX = CommandContext(Actor("系统管理员", "市大数据中心"), "test-directory")
CITY, NEIGHBOUR = "示范市人民政府", "邻市人民政府"
OFFICE = "市政府督查室"
# the city's departments (the unit names the API tests use), and a neighbour city's
DEPARTMENTS = [
    OFFICE,
    "市发改委",
    "市发展改革委",
    "市自然资源和规划局",
    "市自规局",
    "市税务局",
    "市人社局",
    "市住建局",
    "市住房城乡建设局",
    "市营商环境局",
    "市大数据中心",
    "市生态环境局",
    "市交通运输局",
    "市地方金融管理局",
    "市行政审批局",
    "市经济和信息化局",
    "国网供电公司",
]
NEIGHBOUR_DEPARTMENTS = ["邻市督查室", "邻市税务局"]
# name, unit
PEOPLE = [
    ("张三", OFFICE),  # the supervision desk
    ("审计员", OFFICE),
    ("许晓燕", OFFICE),
    ("主任", OFFICE),  # the office's head, who approves extensions
    ("赵丽", "市自然资源和规划局"),
    ("孙强", "市生态环境局"),
    ("吴涛", "市税务局"),
    ("郑华", "市人社局"),
    ("李明", "市发展改革委"),
    ("周敏", "市住建局"),
    ("黄磊", "市住房城乡建设局"),
    ("陈静", "市地方金融管理局"),
    ("胡斌", "市经济和信息化局"),
    ("刘洋", "国网供电公司"),
    ("系统管理员", "市大数据中心"),
    ("王建国", CITY),  # city leaders
    ("张伟", CITY),
    ("马骏", CITY),
    ("邻市督查员", "邻市督查室"),
    ("邻市专员", "邻市税务局"),
]


@dataclass(frozen=True)
class Member:
    official_id: UUID
    unit_id: UUID


class TestDirectory:
    """Registers the two cities; ``bearer`` mints a token for one of their people."""

    __test__ = False

    def __init__(self, office: BackOffice) -> None:
        self.units: dict[str, UUID] = {}
        for city, region, departments in (
            (CITY, "510800", DEPARTMENTS),
            (NEIGHBOUR, "510900", NEIGHBOUR_DEPARTMENTS),
        ):
            top = office.register_unit(
                ADMIN_CTX, name=city, level=UnitLevel.CITY, region_code=region
            )
            self.units[city] = top.id
            for name in departments:
                unit = office.register_unit(
                    ADMIN_CTX, name=name, level=UnitLevel.DEPARTMENT, parent_id=top.id
                )
                self.units[name] = unit.id
        self.people: dict[str, Member] = {}
        for name, unit in PEOPLE:
            official = office.register_official(ADMIN_CTX, name=name, unit_id=self.units[unit])
            self.people[name] = Member(official.id, self.units[unit])

    def id(self, name: str) -> UUID:
        """An official's directory id, by name."""
        return self.people[name].official_id

    def bearer(
        self, name: str, role: Role, expires: timedelta = timedelta(hours=1)
    ) -> dict[str, str]:
        member = self.people[name]
        claims = Claims(str(member.official_id), role, str(member.unit_id))
        return authorization(claims, expires)


def enterprise_bearer(code: str, name: str = "") -> dict[str, str]:
    return authorization(Claims(code, Role.ENTERPRISE, None, name=name), timedelta(hours=1))


def authorization(claims: Claims, expires: timedelta) -> dict[str, str]:
    token = issue_token(SECRET, claims, expires, max_lifetime=timedelta(days=7))
    return {"Authorization": f"Bearer {token}"}


def official_named(services: Any, name: str) -> UUID:
    """An official's id as a service finds it: through its directory view."""
    with services.read() as tx:
        found = DirectoryView.official(tx, name)
    assert found is not None, f"{name} is not in the test directory"
    return UUID(found["id"])
