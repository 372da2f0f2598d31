from __future__ import annotations

from collections.abc import Iterator

import pytest

from application.context import Actor, CommandContext
from bootstrap.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget

CODE = "91110000600037341L"
OTHER_CODE = "91510800MA000002XH"  # a second well-formed code
DESK = CommandContext(Actor("许晓燕", "市政府督查室"), "cmd-desk")


@pytest.fixture
def services(target: DatabaseTarget, clock: FrozenClock) -> Iterator[Services]:
    opened = Services.open(target, clock, pool_size=4)
    yield opened
    opened.close()


def events(services: Services) -> int:
    return services.office.recorder.max_notification_id() or 0
