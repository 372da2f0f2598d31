"""What a server answers to bytes no client library sends: a request line it cannot parse,
and a query with raw (unencoded) Chinese — problem details, as for every refusal."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import uvicorn

from api.app import create_app
from api.server import ProblemHttpToolsProtocol
from bootstrap.services import Services
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from infrastructure.settings import Settings
from tests.directory import SECRET


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    store = tmp_path_factory.mktemp("raw") / "duban.sqlite"
    clock = FrozenClock(datetime(2026, 9, 28, 2, tzinfo=UTC))
    services = Services.open(DatabaseTarget(kind="sqlite", sqlite_path=Path(store)), clock, 2)
    app = create_app(Settings(database_url="unused://"), services=services, jwt_secret=SECRET)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    config = uvicorn.Config(
        app, host="127.0.0.1", port=free, http=ProblemHttpToolsProtocol, log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield free
    server.should_exit = True
    thread.join(timeout=10)
    services.close()


def _send(port: int, raw: bytes) -> tuple[str, dict[str, str], bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(raw)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and _complete(answer):
                break
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return status, headers, body


def _complete(answer: bytes) -> bool:
    head, _, body = answer.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def test_a_request_line_that_is_not_http_answers_problem_details(port: int) -> None:
    status, headers, body = _send(port, b"GET /health HTTP/1.1 extra\r\n\r\n\x00\x01\r\n\r\n")
    assert status.startswith("HTTP/1.1 400")
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body)["rule"] == "malformed-request"


def test_raw_chinese_in_a_query_answers_problem_details(port: int) -> None:
    raw = "GET /issues?responsible_unit=市税务局 HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    status, headers, body = _send(port, raw)
    assert status.startswith("HTTP/1.1 400")
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body)["rule"] == "malformed-request"
    assert "--data-urlencode" in json.loads(body)["detail"]
