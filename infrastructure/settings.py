"""Settings, read from the environment once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

DEFAULT_SQLITE_PATH = Path("var") / "duban.sqlite"


@dataclass(frozen=True)
class Settings:
    database_url: str
    log_level: str = "INFO"
    log_json: bool = True
    max_body_bytes: int = 1_000_000
    rate_limit_per_minute: int = 1200
    # commands a server process carries out at once; the rest wait their turn without taking
    # the CPU, so reads go on while writers press (0: no bound)
    commands_in_flight: int = 2
    token_max_hours: int = 168  # the longest a bearer token may live
    # "embedded": `duban serve` keeps the read models itself; "external": a `duban project`
    # worker beside it does (PostgreSQL), and the server only reads them
    read_models: str = "embedded"
    read_wait_seconds: float = 5.0  # the longest a read waits for its position
    metrics_port: int | None = None  # the worker's and the watcher's /metrics, when set
    background: bool = True  # serve runs the deadline watcher itself (off: its own process)

    @property
    def token_max_lifetime(self) -> timedelta:
        return timedelta(hours=self.token_max_hours)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get("DUBAN_DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}",
            log_level=env.get("DUBAN_LOG_LEVEL", "INFO").upper(),
            log_json=env.get("DUBAN_LOG_FORMAT", "json") != "console",
            max_body_bytes=int(env.get("DUBAN_MAX_BODY_BYTES", "1000000")),
            rate_limit_per_minute=int(env.get("DUBAN_RATE_LIMIT_PER_MINUTE", "1200")),
            commands_in_flight=int(env.get("DUBAN_COMMANDS_IN_FLIGHT", "2")),
            token_max_hours=int(env.get("DUBAN_TOKEN_MAX_HOURS", "168")),
            read_models=_read_models(env.get("DUBAN_READ_MODELS", "embedded")),
            read_wait_seconds=float(env.get("DUBAN_READ_WAIT_SECONDS", "5")),
            background=env.get("DUBAN_SERVE_BACKGROUND", "on") != "off",
            metrics_port=int(env["DUBAN_METRICS_PORT"]) if env.get("DUBAN_METRICS_PORT") else None,
        )


def _read_models(value: str) -> str:
    if value not in ("embedded", "external"):
        raise ValueError(f"DUBAN_READ_MODELS is embedded or external, not {value!r}")
    return value
