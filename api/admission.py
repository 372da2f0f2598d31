"""Commands admitted a few at a time.

A server process is one Python interpreter: every thread carrying out a command takes its
turn at the same lock as the event loop and the threads answering reads. With eight writers
pressing, eight command threads left a read one ninth of the turns. Here at most
``DUBAN_COMMANDS_IN_FLIGHT`` commands (requests with a method other than GET, HEAD or
OPTIONS) are carried out at once; the others wait their turn, in the order they came,
without taking the CPU, and reads are never held. The event store's group commit still
gathers what the admitted commands save. 0 admits every command at once.
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send

SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def admission_middleware(in_flight: int) -> Callable[[ASGIApp], ASGIApp]:
    """The middleware factory bounding commands at ``in_flight`` (0: unbounded). Litestar
    wraps each route in its own middleware, so the turns are shared by every route the
    factory wraps: the bound is the process's, not a route's."""
    turns: list[anyio.Semaphore] = []  # made in the server's event loop, on first use

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if in_flight <= 0 or scope["type"] != ScopeType.HTTP or scope["method"] in SAFE:
                await app(scope, receive, send)
                return
            if not turns:
                turns.append(anyio.Semaphore(in_flight))
            async with turns[0]:
                await app(scope, receive, send)

        return middleware

    return factory
