"""The demo year loaded into a fresh SQLite store and the console served from it on a free
local port, read on a fixed day: for the browser tests, the README's screenshots and the
console's benchmark."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import uvicorn
from litestar import Litestar

from api.app import create_app
from bootstrap.services import Services
from demo.year import run_demo
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.settings import Settings

# the day the console is read on: the demo year's last weeks
READ_ON = datetime(2026, 12, 21, 2, 0, tzinfo=UTC)
SECRET = "demo-console-signing-secret-0000000000"  # noqa: S105 - a local demo server's


@contextmanager
def demo_app(folder: Path) -> Iterator[Litestar]:
    clock = FrozenClock(datetime(2026, 1, 1, tzinfo=UTC))
    target = DatabaseTarget(kind="sqlite", sqlite_path=folder / "duban.sqlite")
    services = Services.open(target, clock, pool_size=4)
    try:
        run_demo(services, clock)
        clock.set(READ_ON)
        settings = Settings(database_url="unused://", log_level="WARNING", log_json=True)
        yield create_app(settings, services=services, jwt_secret=SECRET)
    finally:
        services.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served_demo(folder: Path) -> Iterator[str]:
    """The demo console served; yields its base address."""
    with demo_app(folder) as app:
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the console did not start within 30 s")
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)
