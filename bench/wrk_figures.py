"""Commands and reads through HTTP, driven by wrk (a compiled load generator, Debian's
package) so the client does not eat the server's two cores: real scoped tokens, an
Idempotency-Key on every command, the server's CPU per command; beside the same acts through
a bare eventsourcing Application in the same run. Then the issue ledger's GET p99 while eight
writers run against its p99 idle, and read-your-writes: a command, then the query of what it
made at the position it answered.

``DUBAN_BENCH_SERVER`` names another ``duban`` executable to serve (another checkout's);
``DUBAN_BENCH_BEFORE`` names one to measure too, in the same run, and show beside the figure
(a version of the server from before a change).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID, uuid4

import httpx

from api.auth import issue_token
from bench.audit_figures import BareLibrary
from bench.fixtures import CODE, START, office
from bench.harness import Figure, fresh_schema
from bench.server import _LIMIT, ADMIN, SECRET, UNIT, _free_port, _url
from domain.access import Role
from domain.calendar import explicit
from domain.directory import UnitLevel
from domain.issue import Issue
from domain.review import Level, Review, SubjectKind
from domain.values import Channel, Envelope, IssueCategory
from infrastructure.database import DatabaseTarget
from projections.principals import Claims

WRK = shutil.which("wrk") or "/usr/bin/wrk"
SCRIPTS = Path(__file__).parent / "wrk"
ISSUES = 200  # prepared, assigned problems the mix notes progress on
WRITERS = 8  # connections
SECONDS = 10
TICKS = os.sysconf("SC_CLK_TCK")
RAISE = {
    "channel": "hotline_12345",
    "category": "permits",
    "enterprise_code": CODE,
    "enterprise_name": "利州食品股份有限公司",
    "description": "施工许可办理慢",
}


@dataclass(frozen=True)
class Served:
    base: str
    token: str
    issues: Path
    pids: tuple[int, ...]


@dataclass(frozen=True)
class WrkResult:
    rate: float  # requests/s
    p50: float  # ms
    p99: float  # ms
    statuses: dict[int, int]

    @property
    def ok(self) -> int:
        return sum(n for s, n in self.statuses.items() if s < 300)


def _server() -> str:
    return os.environ.get("DUBAN_BENCH_SERVER") or str(Path(sys.executable).with_name("duban"))


@contextmanager
def _serving_as(executable: str) -> Iterator[None]:
    before = os.environ.get("DUBAN_BENCH_SERVER")
    os.environ["DUBAN_BENCH_SERVER"] = executable
    try:
        yield
    finally:
        if before is None:
            del os.environ["DUBAN_BENCH_SERVER"]
        else:
            os.environ["DUBAN_BENCH_SERVER"] = before


def _directory(target: DatabaseTarget) -> tuple[str, UUID]:
    """The desk's supervisor token (a real one: scope read from the directory each request)
    and the responsible official the prepared problems are assigned to."""
    app = office(target)
    try:
        city = app.register_unit(ADMIN, name="示范市人民政府", level=UnitLevel.CITY)
        desk = app.register_unit(
            ADMIN, name="市政府督查室", level=UnitLevel.DEPARTMENT, parent_id=city.id
        )
        unit = app.register_unit(ADMIN, name=UNIT, level=UnitLevel.DEPARTMENT, parent_id=city.id)
        official = app.register_official(ADMIN, name="许晓燕", unit_id=desk.id)
        person = app.register_official(ADMIN, name="赵丽", unit_id=unit.id)
    finally:
        app.close()
    claims = Claims(str(official.id), Role.SUPERVISOR, str(desk.id))
    token = issue_token(SECRET, claims, timedelta(hours=1), max_lifetime=timedelta(hours=2))
    return token, person.id


def _wait_health(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        try:
            if httpx.get(f"{base}/health").status_code == 200:
                return
        except httpx.TransportError:
            if process.poll() is not None:
                raise RuntimeError("duban serve exited") from None
            time.sleep(0.1)
    raise RuntimeError("duban serve did not answer /health")


@contextmanager
def served(external_worker: bool = False) -> Iterator[Served]:
    """``duban serve`` on a fresh schema, with ``ISSUES`` problems raised and assigned; its
    read models kept inside it, or (``external_worker``) by a ``duban project`` beside it."""
    with fresh_schema() as target, tempfile.TemporaryDirectory() as folder:
        token, person = _directory(target)
        port = _free_port()
        env = {
            **os.environ,
            "DUBAN_JWT_SECRET": SECRET,
            "DUBAN_LOG_LEVEL": "WARNING",
            "DUBAN_RATE_LIMIT_PER_MINUTE": "100000000",
            "DUBAN_READ_MODELS": "external" if external_worker else "embedded",
        }
        url = _url(target)
        processes = [
            subprocess.Popen(  # noqa: S603 - our own entry point
                [_server(), "serve", "--port", str(port), "--database-url", url],
                env=env,
                stdout=subprocess.DEVNULL,
            )
        ]
        if external_worker:
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [_server(), "project", "--database-url", url],
                    env=env,
                    stdout=subprocess.DEVNULL,
                )
            )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_health(base, processes[0])
            issues = Path(folder) / "issues.txt"
            issues.write_text("\n".join(_prepare(base, token, person)) + "\n", encoding="utf-8")
            yield Served(base, token, issues, tuple(p.pid for p in processes))
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)


def _prepare(base: str, token: str, person: UUID) -> list[str]:
    headers = {"Authorization": f"Bearer {token}"}
    ids = []
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for _ in range(ISSUES):
            raised = client.post("/issues", json=RAISE)
            raised.raise_for_status()
            issue = raised.json()["id"]
            body = {"responsible_person_id": str(person), "time_limit": _LIMIT}
            client.post(f"/issues/{issue}/assignment", json=body).raise_for_status()
            ids.append(issue)
    return ids


def _cpu_seconds(pids: tuple[int, ...]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_SCALE = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(base: str, script: str, args: list[str], connections: int, seconds: int) -> WrkResult:
    command = [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s"]
    command += [str(SCRIPTS / script), base, "--", *args]
    ran = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if ran.returncode != 0:
        raise RuntimeError(f"wrk failed: {ran.stdout} {ran.stderr}")
    out = ran.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    marks = {int(p): float(v) * _SCALE[u] for p, v, u in _LATENCY.findall(out)}
    statuses = {int(s): int(n) for s, n in re.findall(r"^status (\d+) (\d+)$", out, re.M)}
    return WrkResult(rate, marks.get(50, 0.0), marks.get(99, 0.0), statuses)


def _commands(served_: Served, run: str, seconds: int = SECONDS) -> tuple[WrkResult, float]:
    """wrk's result over the command mix, and the servers' CPU seconds per command taken."""
    before = _cpu_seconds(served_.pids)
    args = [str(served_.issues), served_.token, run]
    result = _wrk(served_.base, "commands.lua", args, WRITERS, seconds)
    spent = _cpu_seconds(served_.pids) - before
    return result, spent / max(result.ok, 1)


def _bare_rate(seconds: int = SECONDS) -> float:
    """The same mix as aggregate methods and saves on a bare Application, WRITERS threads."""
    with fresh_schema() as target:
        office(target).close()  # the same tables, made by the back office
        env = target.eventsourcing_env(pool_size=WRITERS)
        env.pop("APPLICATION_RECORDER_TOPIC")
        app = BareLibrary(env=env)
        stamp = Envelope("许晓燕", "市政府督查室", "bench", START, None, None)
        limit = explicit(date(2026, 10, 30), date(2026, 9, 28))
        ids = []
        for _ in range(ISSUES):
            issue = _bare_issue(stamp)
            issue.accept_and_assign(
                stamp, responsible_unit=UNIT, responsible_person="赵丽", time_limit=limit
            )
            app.save(issue)
            ids.append(issue.id)
        done = [0] * WRITERS
        end = time.perf_counter() + seconds

        def loop(n: int) -> None:
            rng = random.Random(n)
            count = 0
            while time.perf_counter() < end:
                count += 1
                kind = count % 3
                if kind == 0:
                    app.save(_bare_issue(stamp))
                elif kind == 1:
                    issue: Issue = app.repository.get(rng.choice(ids))
                    issue.note_progress(stamp, note="已协调相关部门")
                    try:
                        app.save(issue)
                    except Exception:  # noqa: S112 - a lost race, as a 409 over HTTP
                        continue
                else:
                    app.save(_bare_review(stamp))
                done[n] += 1

        began = time.perf_counter()
        threads = [threading.Thread(target=loop, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        app.close()
    return sum(done) / elapsed


def _bare_issue(stamp: Envelope) -> Issue:
    return Issue.raise_issue(
        stamp,
        id=uuid4(),
        channel=Channel.HOTLINE_12345,
        category=IssueCategory.PERMITS,
        enterprise_code=CODE,
        enterprise_name="利州食品股份有限公司",
        description="施工许可办理慢",
    )


def _bare_review(stamp: Envelope) -> Review:
    return Review.submit(
        stamp,
        id=uuid4(),
        subject_kind=SubjectKind.UNIT,
        subject_id=UNIT,
        subject_unit=UNIT,
        channel="app",
        level=Level(2),
    )


def _read_your_writes(served_: Served, rounds: int) -> tuple[list[float], list[float]]:
    """Raise a problem, then read it at the position the answer gave: the query's latency
    and the whole round's, in ms."""
    reads, rounds_ = [], []
    headers = {"Authorization": f"Bearer {served_.token}"}
    with httpx.Client(base_url=served_.base, headers=headers, timeout=30) as client:
        for _ in range(rounds):
            began = time.perf_counter()
            raised = client.post("/issues", json=RAISE)
            position = raised.headers.get("Duban-Position", "0")
            asked = time.perf_counter()
            issue = client.get(f"/issues/{raised.json()['id']}", params={"min_position": position})
            ended = time.perf_counter()
            if issue.status_code != 200:
                raise RuntimeError(f"read-your-writes: {issue.status_code} {issue.text}")
            reads.append((ended - asked) * 1000)
            rounds_.append((ended - began) * 1000)
    return reads, rounds_


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)]


def _command_run() -> tuple[WrkResult, float]:
    with served() as one:
        _commands(one, "warm", 3)
        return _commands(one, "run")


def _before(measure: Callable[[], str]) -> str:
    """The same figure from the server named by DUBAN_BENCH_BEFORE, if one is."""
    other = os.environ.get("DUBAN_BENCH_BEFORE")
    if not other:
        return ""
    with _serving_as(other):
        return f"; before: {measure()}"


def http_commands() -> list[Figure]:
    def before() -> str:
        result, cpu = _command_run()
        return f"{result.ok / SECONDS:,.0f} commands/s, server CPU {cpu * 1000:.1f} ms a command"

    earlier = _before(before)
    result, cpu = _command_run()
    bare = _bare_rate()
    ratio = result.ok / SECONDS / bare
    refused = {s: n for s, n in result.statuses.items() if s >= 300}
    return [
        Figure(
            f"commands through HTTP (wrk, {WRITERS} connections, a scoped token and an"
            f" Idempotency-Key each; p50 {result.p50:.0f} ms, p99 {result.p99:.0f} ms;"
            f" server CPU {cpu * 1000:.1f} ms a command; refused {refused or 'none'})",
            result.ok / SECONDS,
            "commands/s",
            "≥ ×1.0 the bare library",
            ratio >= 1.0,
            f"bare library, same mix, {WRITERS} threads: {bare:,.0f} saves/s (×{ratio:.2f})"
            + earlier,
        )
    ]


def _reads() -> tuple[WrkResult, WrkResult, list[float], list[float], list[float]]:
    with served() as one:
        path = "/issues?limit=50"
        args = [path, one.token]
        _wrk(one.base, "reads.lua", args, 2, 2)
        idle = _wrk(one.base, "reads.lua", args, 2, SECONDS)
        writers = threading.Thread(target=_commands, args=(one, "load", SECONDS + 4))
        writers.start()
        time.sleep(2)
        loaded = _wrk(one.base, "reads.lua", args, 2, SECONDS)
        writers.join()
        idle_ryw, _ = _read_your_writes(one, 200)
        writers = threading.Thread(target=_commands, args=(one, "load2", SECONDS + 4))
        writers.start()
        time.sleep(2)
        loaded_ryw, whole = _read_your_writes(one, 200)
        writers.join()
    return idle, loaded, idle_ryw, loaded_ryw, whole


def reads_under_writes() -> list[Figure]:
    def before() -> str:
        idle, loaded, idle_ryw, loaded_ryw, _ = _reads()
        return (
            f"GET p99 {idle.p99:.1f} ms idle, {loaded.p99:.1f} ms under writers;"
            f" read-your-writes p99 {_p99(idle_ryw):.1f} ms idle, {_p99(loaded_ryw):.1f} ms"
            " under writers"
        )

    earlier = _before(before)
    idle, loaded, idle_ryw, loaded_ryw, whole = _reads()
    ratio = loaded.p99 / idle.p99 if idle.p99 else float("inf")
    ryw = _p99(loaded_ryw)
    return [
        Figure(
            f"GET /issues?limit=50 p99 while {WRITERS} writers run (wrk, 2 connections;"
            f" {loaded.rate:,.0f} reads/s)",
            loaded.p99,
            "ms",
            "≤ ×1.5 idle p99",
            ratio <= 1.5,
            f"idle: p99 {idle.p99:.1f} ms, {idle.rate:,.0f} reads/s (×{ratio:.2f})" + earlier,
        ),
        Figure(
            f"read-your-writes: the query at its command's position, p99 while {WRITERS}"
            f" writers run (the whole round p99 {_p99(whole):.0f} ms)",
            ryw,
            "ms",
            "< 100 ms",
            ryw < 100,
            f"idle: p99 {_p99(idle_ryw):.1f} ms, median {statistics.median(idle_ryw):.1f} ms",
        ),
    ]
