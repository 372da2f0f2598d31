"""Each principal's requests counted in a window of a minute, in this process's memory.

The same rule and headers as Litestar's rate-limit middleware (a window opens at a caller's
first request and closes a minute later; ``RateLimit-Limit``, ``-Remaining``, ``-Reset``,
``-Policy`` on every answer; 429 with ``Retry-After`` past the limit), at a fraction of its
cost: that middleware kept every request's time stamp and encoded the list to JSON and back
through its store on each request (0.4–0.7 ms at 1,200 a minute). Here a window is two
integers. Counts are per process: behind an ingress proxy that limits rates itself, or with
several server processes, set ``DUBAN_RATE_LIMIT_PER_MINUTE=0`` and let the proxy do it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from litestar.enums import ScopeType
from litestar.exceptions import TooManyRequestsException
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from domain.access import Principal

WINDOW_SECONDS = 60
EXCLUDED = re.compile("^/health$|^/ready$|^/metrics$|^/schema|^/assets/")  # api/service_status.py
_FORGET_AFTER = 10_000  # windows kept before the closed ones are swept


class Windows:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._windows: dict[str, list[int]] = {}  # caller -> [closes at, requests counted]

    def take(self, caller: str, now: int) -> tuple[bool, int, int]:
        """Count one request; (allowed, remaining, seconds until the window closes)."""
        window = self._windows.get(caller)
        if window is None or window[0] <= now:
            if len(self._windows) >= _FORGET_AFTER:
                self._sweep(now)
            window = self._windows[caller] = [now + WINDOW_SECONDS, 0]
        if window[1] >= self.limit:
            return False, 0, window[0] - now
        window[1] += 1
        return True, self.limit - window[1], window[0] - now

    def _sweep(self, now: int) -> None:
        for caller in [c for c, (closes, _) in self._windows.items() if closes <= now]:
            del self._windows[caller]


def _caller(scope: Scope) -> str:
    """Counted per principal (authentication runs first), not per header text."""
    principal: Principal | None = scope.get("user")
    if principal is not None:
        return principal.keys_owner
    client = scope.get("client")
    return str(client[0]) if client else "-"


def rate_limit(limit: int) -> Callable[[ASGIApp], ASGIApp]:
    windows = Windows(limit)
    policy = f"{limit}; w={WINDOW_SECONDS}".encode()
    total = str(limit).encode()

    def middleware_factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if limit <= 0 or scope["type"] != ScopeType.HTTP or EXCLUDED.match(scope["path"]):
                await app(scope, receive, send)
                return
            allowed, remaining, reset = windows.take(_caller(scope), int(time.time()))
            headers = [
                (b"ratelimit-policy", policy),
                (b"ratelimit-limit", total),
                (b"ratelimit-remaining", str(remaining).encode()),
                (b"ratelimit-reset", str(reset).encode()),
            ]
            if not allowed:
                raise TooManyRequestsException(headers={k.decode(): v.decode() for k, v in headers})

            async def with_headers(message: Message) -> None:
                if message["type"] == "http.response.start":
                    sent: Any = message.setdefault("headers", [])
                    message["headers"] = [*sent, *headers]
                await send(message)

            await app(scope, receive, with_headers)

        return middleware

    return middleware_factory
