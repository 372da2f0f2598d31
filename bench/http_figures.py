"""Issue 8's command throughput: a realistic mix of commands through HTTP against
``duban serve`` on PostgreSQL, beside the same sequence of aggregate methods and saves through
a bare eventsourcing Application (no API, no envelope, no chain), in the same run."""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import httpx

from api.auth import issue_token
from application.context import Actor, CommandContext
from bench.audit_figures import BareLibrary
from bench.fixtures import CODE, START, office
from bench.harness import RUNS, Figure, fresh_schema, median_of
from domain.access import Role
from domain.calendar import explicit
from domain.directory import UnitLevel
from domain.issue import Issue
from domain.pairing import Pairing, PairingMechanism
from domain.review import Level, Review, SubjectKind
from domain.values import Channel, Envelope, IssueCategory
from infrastructure.database import DatabaseTarget
from projections.principals import Claims

CLIENTS = 16
SECONDS = 12
SECRET = "bench-secret-not-for-production-0123456789abcdef"  # noqa: S105 - a throwaway server
ADMIN = CommandContext(Actor("系统管理员", "市政府督查室"), "bench-directory")
UNIT = "市自然资源和规划局"
PAIRINGS = 48  # each client visits its own three: no two race on one pairing
# the server runs on the wall clock: pairings start this month (no visit is owed yet, so the
# deadline watcher has nothing to record), time limits fall two months from today
_TODAY = datetime.now(ZoneInfo("Asia/Shanghai")).date()
_LIMIT = (_TODAY + timedelta(days=60)).isoformat()
# one round of the mix: an issue's whole life (5 commands), a visit, a review
MIX = 7


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


def _serve(target: DatabaseTarget, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DUBAN_JWT_SECRET": SECRET,
        "DUBAN_LOG_LEVEL": "WARNING",
        "DUBAN_RATE_LIMIT_PER_MINUTE": "100000000",
    }
    duban = Path(sys.executable).with_name("duban")
    server = subprocess.Popen(  # noqa: S603 - our own entry point
        [str(duban), "serve", "--port", str(port), "--database-url", _url(target)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("duban serve did not answer /health")


def _round(client: httpx.Client, pairings: list[str], rng: random.Random) -> list[float]:
    """One round of the mix; the latency of each command in seconds."""
    spent: list[float] = []

    def post(path: str, body: dict[str, Any], expect: int = 200) -> dict[str, Any]:
        began = time.perf_counter()
        response = client.post(path, json=body)
        while response.status_code == 409 and response.json()["rule"] == "concurrent-write":
            response = client.post(path, json=body)  # as the answer says: reload and retry
        spent.append(time.perf_counter() - began)
        if response.status_code != expect:
            raise RuntimeError(f"{path}: {response.status_code} {response.text}")
        answer: dict[str, Any] = response.json()
        return answer

    issue = post(
        "/issues",
        {
            "channel": "hotline_12345",
            "category": "permits",
            "enterprise_code": CODE,
            "enterprise_name": "利州食品股份有限公司",
            "description": "施工许可办理慢",
        },
        201,
    )["id"]
    post(
        f"/issues/{issue}/assignment",
        {"responsible_unit": UNIT, "responsible_person": "赵丽", "time_limit": _LIMIT},
    )
    post(f"/issues/{issue}/progress", {"note": "已协调相关部门"})
    post(f"/issues/{issue}/resolution", {"resolution": "已办结"})
    post(f"/issues/{issue}/close-out", {"confirmed_by": "企业负责人"})
    post(f"/pairings/{rng.choice(pairings)}/visits", {"form": "上门走访", "people_met": ["王总"]})
    post(
        "/reviews",
        {"subject_kind": "unit", "subject_id": UNIT, "subject_unit": UNIT, "channel": "app",
         "level": rng.choice((1, 1, 2, 2, 3))},
        201,
    )  # fmt: skip
    return spent


def _drive(
    clients: int, seconds: float, one_round: Callable[[int], list[float]]
) -> tuple[int, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    end = time.perf_counter() + seconds

    def client_loop(n: int) -> None:
        while time.perf_counter() < end:
            spent = one_round(n)
            with lock:
                latencies.extend(spent)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), [time.perf_counter() - began, *sorted(latencies)]


def _desk_token(target: DatabaseTarget) -> str:
    """A supervisor of the city's office, registered in the bench schema's directory."""
    app = office(target)
    try:
        city = app.register_unit(ADMIN, name="示范市人民政府", level=UnitLevel.CITY)
        desk = app.register_unit(
            ADMIN, name="市政府督查室", level=UnitLevel.DEPARTMENT, parent_id=city.id
        )
        for name in (UNIT, "市发展改革委"):
            app.register_unit(ADMIN, name=name, level=UnitLevel.DEPARTMENT, parent_id=city.id)
        official = app.register_official(ADMIN, name="许晓燕", unit_id=desk.id)
    finally:
        app.close()
    claims = Claims(str(official.id), Role.SUPERVISOR, str(desk.id))
    return issue_token(SECRET, claims, timedelta(hours=1), max_lifetime=timedelta(hours=2))


def _http_run() -> tuple[float, float, float]:
    """(commands/s, p50 ms, p99 ms)"""
    with fresh_schema() as target:
        port = _free_port()
        server = _serve(target, port)
        try:
            headers = {"Authorization": f"Bearer {_desk_token(target)}"}
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base, headers=headers) as setup:
                pairings = [
                    setup.post(
                        "/pairings",
                        json={
                            "mechanism": "department_head_enterprise",
                            "official": f"李明{n}",
                            "official_unit": "市发展改革委",
                            "enterprise_code": CODE,
                            "enterprise_name": "利州食品股份有限公司",
                            "start": _TODAY.replace(day=1).isoformat(),
                        },
                    ).json()["id"]
                    for n in range(PAIRINGS)
                ]
            clients = [httpx.Client(base_url=base, headers=headers) for _ in range(CLIENTS)]
            rngs = [random.Random(n) for n in range(CLIENTS)]
            done, timing = _drive(CLIENTS, SECONDS, lambda n: _round(clients[n], pairings, rngs[n]))
            for client in clients:
                client.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    elapsed, latencies = timing[0], timing[1:]
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    return done / elapsed, p50, p99


def _bare_round(app: BareLibrary, pairings: list[UUID], rng: random.Random) -> list[float]:
    """The same acts as aggregate methods and saves, each step loading the aggregate as a
    command does; no HTTP, no auth, no chain."""
    spent: list[float] = []
    env = Envelope("许晓燕", "市政府督查室", "bench", START, None, None)

    def step(act: Callable[[], object]) -> None:
        began = time.perf_counter()
        act()
        spent.append(time.perf_counter() - began)

    issue_id = uuid4()

    def raise_() -> None:
        app.save(
            Issue.raise_issue(
                env,
                id=issue_id,
                channel=Channel.HOTLINE_12345,
                category=IssueCategory.PERMITS,
                enterprise_code=CODE,
                enterprise_name="利州食品股份有限公司",
                description="施工许可办理慢",
            )
        )

    def on_issue(act: Callable[[Issue], None]) -> Callable[[], None]:
        def run() -> None:
            issue: Issue = app.repository.get(issue_id)
            act(issue)
            app.save(issue)

        return run

    step(raise_)
    step(
        on_issue(
            lambda i: i.accept_and_assign(
                env,
                responsible_unit=UNIT,
                responsible_person="赵丽",
                time_limit=explicit(date(2026, 10, 30), date(2026, 9, 28)),
            )
        )
    )
    step(on_issue(lambda i: i.note_progress(env, note="已协调相关部门")))
    step(on_issue(lambda i: i.resolve(env, resolution="已办结")))
    step(on_issue(lambda i: i.close_out(env, confirmed_by="企业负责人")))

    def visit() -> None:
        pairing: Pairing = app.repository.get(rng.choice(pairings))
        pairing.log_visit(env, form="上门走访", people_met=["王总"], findings=[], raised_issues=[])
        app.save(pairing)

    step(visit)
    step(
        lambda: app.save(
            Review.submit(
                env,
                id=uuid4(),
                subject_kind=SubjectKind.UNIT,
                subject_id=UNIT,
                subject_unit=UNIT,
                channel="app",
                level=Level(rng.choice((1, 1, 2, 2, 3))),
            )
        )
    )
    return spent


def _bare_run() -> float:
    with fresh_schema() as target:
        office(target).close()  # the same tables, made by the back office
        env = target.eventsourcing_env(pool_size=CLIENTS)
        env.pop("APPLICATION_RECORDER_TOPIC")
        app = BareLibrary(env=env)
        setup = Envelope("许晓燕", "市政府督查室", "bench", START, None, None)
        pairings = []
        for n in range(PAIRINGS):
            pairing = Pairing.establish(
                setup,
                id=uuid4(),
                mechanism=PairingMechanism.DEPARTMENT_HEAD_ENTERPRISE,
                official=f"李明{n}",
                official_unit="市发展改革委",
                enterprise_code=CODE,
                enterprise_name="利州食品股份有限公司",
                start=date(2026, 1, 1),
            )
            app.save(pairing)
            pairings.append(pairing.id)
        rngs = [random.Random(n) for n in range(CLIENTS)]
        done, timing = _drive(
            CLIENTS, SECONDS, lambda n: _bare_round(app, pairings[n::CLIENTS], rngs[n])
        )
        app.close()
    return done / timing[0]


def command_throughput() -> list[Figure]:
    runs = [_http_run() for _ in range(RUNS)]
    rates = tuple(r for r, _, _ in runs)
    rate = statistics.median(rates)
    p50 = statistics.median(p for _, p, _ in runs)
    p99 = statistics.median(p for _, _, p in runs)
    bare, _ = median_of(_bare_run)
    ratio = rate / bare
    return [
        Figure(
            f"commands through HTTP, {CLIENTS} clients, mix of {MIX}"
            f" (p50 {p50:.0f} ms, p99 {p99:.0f} ms)",
            rate,
            "commands/s",
            "≥ 2× the bare library",
            ratio >= 2,
            f"bare library, same acts, {CLIENTS} threads: {bare:,.0f} saves/s (×{ratio:.2f})",
            rates,
        )
    ]
