from __future__ import annotations

from collections.abc import Iterator

import pytest

from application.context import Actor, CommandContext
from bootstrap.services import Services
from domain.directory import UnitLevel
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget

CODE = "91110000600037341L"
OTHER_CODE = "91510800MA000002XH"  # a second well-formed code
DESK = CommandContext(Actor("许晓燕", "市政府督查室"), "cmd-desk")


UNITS = {  # the city's units the report tests name, with their officials and posts
    "市住房城乡建设局": [("周敏", "科长")],
    "市自然资源和规划局": [("赵丽", "科长"), ("王强", "副局长"), ("钱进", "局长")],
    "国网示范供电公司": [("刘洋", "经理")],
}
_BASELINE: dict[int, int] = {}


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    """The store with the city's directory in it; ``events`` counts what a test adds."""
    opened = Services.open(target, clock, pool_size=4)
    office = opened.office
    city = office.register_unit(DESK, name="示范市人民政府", level=UnitLevel.CITY)
    for name, people in UNITS.items():
        unit = office.register_unit(DESK, name=name, level=UnitLevel.DEPARTMENT, parent_id=city.id)
        for person, title in people:
            office.register_official(DESK, name=person, unit_id=unit.id, title=title)
    _BASELINE[id(opened)] = office.recorder.max_notification_id() or 0
    yield opened
    opened.close()


def events(services: Services) -> int:
    """Events recorded since the directory."""
    return (services.office.recorder.max_notification_id() or 0) - _BASELINE[id(services)]
