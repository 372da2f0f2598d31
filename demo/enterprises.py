"""The demo's enterprise register: the twelve enterprises of the year with their sectors and
marks, the six with major projects kept as key enterprises (重点企业), and each city leader
who leads a project linked to its enterprise (联系重点企业, seed 002)."""

from __future__ import annotations

from datetime import date

from demo.data import ENTERPRISES, SUPERVISION_OFFICE, credit_code
from demo.scenario import Scenario, ctx
from domain.enterprise import Classification

# sector, 规上, 专精特新, 重点企业 — in the order of ENTERPRISES
MARKS = [
    ("新能源", True, False, True),
    ("装备制造", True, True, True),
    ("现代物流", True, False, True),
    ("文化旅游", False, False, True),
    ("数字经济", True, True, True),
    ("建材", True, False, True),
    ("食品加工", True, False, False),
    ("纺织", True, False, False),
    ("精细化工", True, True, False),
    ("农产品加工", False, False, False),
    ("煤化工", True, False, False),
    ("竹木加工", False, False, False),
]
CONTACTS = {"王建国": 0, "刘志强": 1, "陈晓": 2}


def schedule_enterprises(s: Scenario) -> None:
    desk = ctx("许晓燕", SUPERVISION_OFFICE)
    ids = {}

    def register() -> None:
        for index, ((name, serial), marks) in enumerate(zip(ENTERPRISES, MARKS, strict=True)):
            ids[index] = s.office.register_enterprise(
                desk,
                credit_code=credit_code(serial),
                name=name,
                region_code="510802",
                classification=Classification(*marks),
            ).id
        for leader, index in CONTACTS.items():
            s.office.link_enterprise_leader(desk, ids[index], leader_id=s.people[leader])

    s.at(date(2026, 1, 5), 14, register)
