"""Commands admitted a few at a time: with a bound of two, six commands pressing at once over
two routes are carried out two by two in the order they came, and a read passes while they
wait."""

from __future__ import annotations

from typing import Any

import anyio
from anyio.lowlevel import checkpoint

from api.admission import admission_middleware
from infrastructure.settings import Settings


class Held:
    """An app that holds every command until released and notes who is inside."""

    def __init__(self) -> None:
        self.inside: list[str] = []
        self.admitted: list[str] = []
        self.answered: list[str] = []
        self.release = anyio.Event()
        self.snapshot: list[str] = []  # inside while six commands pressed
        self.read_passed = False  # a read answered while they were held

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.inside.append(scope["path"])
        self.admitted.append(scope["path"])
        if scope["method"] != "GET":
            await self.release.wait()
        self.inside.remove(scope["path"])
        self.answered.append(scope["path"])


def _request(method: str, path: str) -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path}


def _press(bound: int) -> Held:
    """Six commands at once, over two routes: Litestar wraps each route in the middleware
    on its own, so the bound must hold across them."""
    held = Held()
    factory = admission_middleware(bound)
    routes = [factory(held), factory(held)]
    app = routes[0]
    commands = [_request("POST", f"/c{n}") for n in range(6)]

    async def main() -> None:
        async with anyio.create_task_group() as group:
            for n, scope in enumerate(commands):
                group.start_soon(routes[n % 2], scope, None, None)
                await checkpoint()  # they arrive one after another, in this order
            await anyio.wait_all_tasks_blocked()
            held.snapshot = list(held.inside)
            await app(_request("GET", "/issues"), None, None)  # a read is not held
            held.read_passed = "/issues" in held.answered
            held.release.set()

    anyio.run(main)
    return held


def test_two_commands_are_carried_out_at_once_and_the_rest_wait_in_order() -> None:
    held = _press(2)
    assert held.snapshot == ["/c0", "/c1"]
    assert held.read_passed
    commands = [p for p in held.admitted if p != "/issues"]
    assert commands == ["/c0", "/c1", "/c2", "/c3", "/c4", "/c5"]
    assert sorted(held.answered) == sorted(["/issues", *commands])  # none lost


def test_no_bound_admits_every_command_at_once() -> None:
    held = _press(0)
    assert held.snapshot == ["/c0", "/c1", "/c2", "/c3", "/c4", "/c5"]


def test_the_bound_is_two_unless_the_environment_says_otherwise() -> None:
    assert Settings.from_env({}).commands_in_flight == 2
    assert Settings.from_env({"DUBAN_COMMANDS_IN_FLIGHT": "0"}).commands_in_flight == 0
