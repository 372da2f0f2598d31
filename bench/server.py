"""What the HTTP benchmarks share: the throwaway server's signing key, the directory's
names, a time limit two months out, and a free port on which to serve."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from application.context import Actor, CommandContext
from infrastructure.database import DatabaseTarget

SECRET = "bench-secret-not-for-production-0123456789abcdef"  # noqa: S105 - a throwaway server
ADMIN = CommandContext(Actor("系统管理员", "市政府督查室"), "bench-directory")
UNIT = "市自然资源和规划局"
# the server runs on the wall clock: time limits fall two months from today
_TODAY = datetime.now(ZoneInfo("Asia/Shanghai")).date()
_LIMIT = (_TODAY + timedelta(days=60)).isoformat()


def _url(target: DatabaseTarget) -> str:
    return (
        f"postgresql://{target.user}@{target.host}:{target.port}/{target.dbname}"
        f"?schema={target.schema}"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
