"""OpenTelemetry tracing: a span for every request, named for its route and carrying its
request id, when OpenTelemetry's own variables ask for it; nothing of OpenTelemetry loaded
when they do not."""

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
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from api.app import create_app
from bootstrap.services import Services
from infrastructure.tracing import TracingSettingsError, exporters_asked, tracer_provider
from tests.api.clients import ReadingClient
from tests.api.conftest import DESK, TEST_SETTINGS
from tests.api.test_issues_api import raise_issue
from tests.directory import SECRET, TestDirectory

DUBAN = shutil.which("duban", path=str(Path(sys.executable).parent)) or "duban"


@pytest.fixture
def spans() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
def traced(
    services: Services, directory: TestDirectory, spans: InMemorySpanExporter
) -> Iterator[TestClient]:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    app = create_app(TEST_SETTINGS, services=services, jwt_secret=SECRET, tracer_provider=provider)
    with ReadingClient(app, services, raise_server_exceptions=False) as client:
        client.headers.update(directory.bearer(*DESK))
        yield client


def _server_spans(spans: InMemorySpanExporter) -> list[ReadableSpan]:
    return [span for span in spans.get_finished_spans() if span.kind.name == "SERVER"]


def test_each_request_makes_a_span_with_its_request_id_named_for_its_route(
    traced: TestClient, spans: InMemorySpanExporter
) -> None:
    spans.clear()
    listed = traced.get("/issues", headers={"X-Request-Id": "trace-me-1"})
    assert listed.status_code == 200
    issue_id = raise_issue(traced)
    one = traced.get(f"/issues/{issue_id}")
    assert one.status_code == 200

    found = _server_spans(spans)
    assert [span.name for span in found] == [
        "GET /issues",
        "POST /issues",
        "GET /issues/{issue_id}",
    ]
    assert found[0].attributes is not None
    assert found[0].attributes["duban.request_id"] == "trace-me-1"
    # a request that sends no id gets one made, the same on its span as in its answer
    assert found[2].attributes is not None
    assert found[2].attributes["duban.request_id"] == one.headers["x-request-id"]
    assert found[2].attributes["http.route"] == "/issues/{issue_id}"
    assert len(str(found[1].attributes["duban.request_id"])) == 32  # type: ignore[index]


def test_probes_are_not_traced(traced: TestClient, spans: InMemorySpanExporter) -> None:
    spans.clear()
    for path in ("/health", "/ready", "/metrics"):
        assert traced.get(path, headers={"Authorization": ""}).status_code == 200
    assert _server_spans(spans) == []


def test_the_variables_that_ask_for_tracing() -> None:
    assert exporters_asked({}) == []
    assert exporters_asked({"OTEL_SERVICE_NAME": "duban-api"}) == []  # names, does not ask
    assert exporters_asked({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}) == ["otlp"]
    assert exporters_asked({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318/v1/traces"}) == [
        "otlp"
    ]
    assert exporters_asked({"OTEL_TRACES_EXPORTER": "console, otlp"}) == ["console", "otlp"]
    assert (
        exporters_asked({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "x"}) == []
    )
    assert exporters_asked({"OTEL_TRACES_EXPORTER": "console", "OTEL_SDK_DISABLED": "true"}) == []
    with pytest.raises(TracingSettingsError, match="zipkin"):
        exporters_asked({"OTEL_TRACES_EXPORTER": "zipkin"})
    with pytest.raises(TracingSettingsError, match="http/protobuf"):
        tracer_provider({"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"})


UNTRACED_PROBE = """
import json, sys
from api.app import create_app
from infrastructure.settings import Settings
create_app(Settings(database_url=sys.argv[1]), jwt_secret="x" * 32)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "opentelemetry")))
"""


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "DUBAN_"))}
    return {**env, **extra}


def test_without_the_variables_nothing_of_opentelemetry_is_loaded(tmp_path: Path) -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own arguments
        [sys.executable, "-c", UNTRACED_PROBE, f"sqlite:///{tmp_path / 'duban.sqlite'}"],
        capture_output=True,
        text=True,
        env=_environment(),
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _status(request: urllib.request.Request, out: Path) -> int:
    """The answer's status, once the server answers (it is starting)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 - ours
                return int(answer.status)
        except urllib.error.HTTPError as refused:
            return int(refused.code)
        except OSError:
            assert time.monotonic() < deadline, out.read_text()
            time.sleep(0.2)


def test_serve_with_the_console_exporter_prints_each_requests_span(tmp_path: Path) -> None:
    port = _free_port()
    out = tmp_path / "serve.out"
    env = _environment(
        OTEL_TRACES_EXPORTER="console",
        OTEL_SERVICE_NAME="duban-test",
        DUBAN_JWT_SECRET="trace-test-secret-0123456789abcdef",
        DUBAN_LOG_FORMAT="console",
    )
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    argv = [DUBAN, "serve", "--database-url", url, "--port", str(port)]
    with out.open("w") as log:
        server = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)  # noqa: S603
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/issues", headers={"X-Request-Id": "console-span-1"}
        )
        assert _status(request, out) == 401  # no token: refused, and traced all the same
        deadline = time.monotonic() + 10
        while '"duban.request_id": "console-span-1"' not in out.read_text():
            assert time.monotonic() < deadline, out.read_text()
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    printed = out.read_text()
    assert '"name": "GET /issues"' in printed
    assert '"service.name": "duban-test"' in printed
