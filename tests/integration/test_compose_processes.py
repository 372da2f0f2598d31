"""The processes docker-compose.yml names, started here as the compose file says (its
commands, its environment, its secret), on PostgreSQL — no container engine runs on these
machines. Only what a container changes is translated: the database's address (the test
server, a fresh schema, roles made for the test in place of docker/initdb's), the secret's
mount point, the ports. They must cooperate: a command through the API is projected by the
worker and read back; the watcher records a deadline that passed unmet, once."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from uuid import uuid4

import psycopg
import pytest
import yaml

from bootstrap.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from tests.api.test_issues_api import RAISE
from tests.directory import TestDirectory
from tests.integration.test_watcher import assigned

pytestmark = pytest.mark.postgres
COMPOSE = Path(__file__).parents[2] / "docker-compose.yml"
DUBAN = shutil.which("duban", path=str(Path(sys.executable).parent)) or "duban"


@pytest.fixture
def roles(postgres_target: DatabaseTarget) -> Iterator[dict[str, DatabaseTarget]]:
    """docker/initdb's two roles, under names of the test's own."""
    suffix = uuid4().hex[:8]
    owner, app = f"duban_owner_{suffix}", f"duban_app_{suffix}"
    with psycopg.connect(postgres_target.conninfo(), autocommit=True) as pg:
        pg.execute(f'CREATE ROLE "{owner}" LOGIN')
        pg.execute(f'CREATE ROLE "{app}" LOGIN')
        pg.execute(f'ALTER SCHEMA "{postgres_target.schema}" OWNER TO "{owner}"')
    yield {
        "duban_owner": replace(postgres_target, user=owner),
        "duban_app": replace(postgres_target, user=app),
    }
    with psycopg.connect(postgres_target.conninfo(), autocommit=True) as pg:
        for role in (owner, app):
            pg.execute(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER')
            pg.execute(f'DROP OWNED BY "{role}"')
            pg.execute(f'DROP ROLE "{role}"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class Compose:
    """The compose file's services as local processes."""

    def __init__(self, roles: dict[str, DatabaseTarget], secrets: Path, logs: Path) -> None:
        self.spec: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
        self.roles = roles
        self.logs = logs
        self.ports: dict[str, int] = {}
        self.mounts: dict[str, str] = {}
        for name in self.spec.get("secrets", {}):
            path = secrets / name
            path.write_text(uuid4().hex + uuid4().hex, encoding="utf-8")
            self.mounts[f"/run/secrets/{name}"] = str(path)
        self.running: list[subprocess.Popen[bytes]] = []

    def service(self, name: str) -> dict[str, Any]:
        found: dict[str, Any] = self.spec["services"][name]
        return found

    def environment(self, name: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
        for key, value in (self.service(name).get("environment") or {}).items():
            env[key] = self._translate(str(value))
        if "DUBAN_METRICS_PORT" in env:
            env["DUBAN_METRICS_PORT"] = str(self.ports.setdefault(name, _free_port()))
        return env

    def command(self, name: str, *extra: str) -> list[str]:
        argv = [self._translate(str(word)) for word in self.service(name)["command"]]
        argv[0] = DUBAN if argv[0] == "duban" else argv[0]
        if "--port" in argv:
            argv[argv.index("--port") + 1] = str(self.ports.setdefault(name, _free_port()))
        return [*argv, *extra]

    def run(self, name: str, *extra: str) -> str:
        """``docker compose run NAME``, with ``extra`` after the service's command."""
        return self._run(name, self.command(name, *extra))

    def exec(self, name: str, *argv: str) -> str:
        """``docker compose exec NAME duban ARGV``: another command, the service's environment."""
        return self._run(name, [DUBAN, *argv]).strip()

    def _run(self, name: str, argv: list[str]) -> str:
        done = subprocess.run(  # noqa: S603 - the compose file's own command
            argv,
            env=self.environment(name),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self, name: str) -> None:
        log = (self.logs / f"{name}.log").open("wb")
        self.running.append(
            subprocess.Popen(  # noqa: S603 - the compose file's own command
                self.command(name), env=self.environment(name), stdout=log, stderr=log
            )
        )

    def in_order(self, names: tuple[str, ...]) -> list[str]:
        """The services in the order their depends_on starts them."""
        done: list[str] = []

        def visit(name: str) -> None:
            for before in self.service(name).get("depends_on") or {}:
                if before in names:
                    visit(before)
            if name not in done:
                done.append(name)

        for name in names:
            visit(name)
        return done

    def stop(self) -> None:
        for process in self.running:
            process.terminate()
        for process in self.running:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def _translate(self, value: str) -> str:
        if value in self.mounts:
            return self.mounts[value]
        if value in self.roles:  # --app-role duban_app
            return self.roles[value].user
        if not value.startswith("postgresql://"):
            return value
        target = self.roles[urlsplit(value).username or ""]
        return (
            f"postgresql://{target.user}@{target.host}:{target.port}/{target.dbname}"
            f"?schema={target.schema}"
        )


def _until(check: Callable[[], Any], what: str, seconds: float = 180) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except (OSError, urllib.error.URLError, ValueError):
            found = None
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting for {what}")


def _http(url: str, token: str = "", body: dict[str, Any] | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 - local
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - local
        raw = answer.read()
    return json.loads(raw) if raw.strip().startswith((b"{", b"[")) else raw.decode()


def test_the_compose_services_cooperate(roles: dict[str, DatabaseTarget], tmp_path: Path) -> None:
    compose = Compose(roles, tmp_path, tmp_path)
    assert {"db", "init", "api", "worker", "watcher"} <= set(compose.spec["services"])
    compose.run("init")  # duban db init, as the owner

    # recorded earlier by the office: an issue due 2026-10-09 (5 working days from 9-30),
    # long past by the time the watcher looks
    clock = FrozenClock(datetime(2026, 9, 28, 2, tzinfo=UTC))
    earlier = Services.open(roles["duban_app"], clock, pool_size=2)
    try:
        TestDirectory(earlier.office)
        overdue = assigned(earlier, clock, datetime(2026, 9, 30).date(), working_days=5)
    finally:
        earlier.close()

    try:
        for name in compose.in_order(("worker", "watcher", "api")):
            compose.start(name)
            if name in compose.ports and name != "api":  # healthy: its metrics answer
                metrics = f"http://127.0.0.1:{compose.ports[name]}/metrics"
                _until(lambda url=metrics: _http(url), f"{name} to start")
        base = f"http://127.0.0.1:{compose.ports['api']}"
        _until(lambda: _http(f"{base}/health") == {"status": "ok"}, "the API to start")
        # as the README says: docker compose exec api duban token issue …
        token = compose.exec(
            "api", "token", "issue", "--official", "许晓燕", "--role", "supervisor"
        )
        raised = _http(f"{base}/issues", token, RAISE)

        def caught_up() -> bool:
            statuses = _http(f"{base}/projections", token)["items"]
            return all(status["lag"] == 0 for status in statuses)

        _until(caught_up, "the worker to project the new issue")
        assert _http(f"{base}/issues/{raised['id']}", token)["status"] == "raised"

        def missed() -> list[str]:
            records = _http(f"{base}/issues/{overdue}/events", token)["items"]
            return [r for r in records if r["type"].endswith("DeadlineMissed")]

        assert len(_until(missed, "the watcher to record the miss")) == 1
        compose.run("watcher", "--once")  # another tick, another process: no second miss
        assert len(missed()) == 1
        watcher_metrics = _http(f"http://127.0.0.1:{compose.ports['watcher']}/metrics")
        assert "duban_watcher_misses_total 1.0" in watcher_metrics  # this process's: the one
    finally:
        compose.stop()
