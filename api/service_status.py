"""What operators and their tools ask a running API: is it alive (/health), may it take
traffic (/ready: the store answers and every read model is within its lag bound), and its
metrics in the Prometheus text format (/metrics). None needs a token: keep /metrics on a
private network or behind the proxy."""

from __future__ import annotations

import os
from typing import Any

import structlog
from litestar import MediaType, Request, Response, get
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.problems import problem
from bootstrap.services import Services
from infrastructure.metrics import LAGS, REGISTRY

log = structlog.get_logger("duban.api")
PUBLIC = {"public": True}
DEFAULT_MAX_LAG = 1000  # events a read model may trail the log by and still be ready


def max_lag() -> int:
    return int(os.environ.get("DUBAN_READY_MAX_LAG", str(DEFAULT_MAX_LAG)))


@get("/health", operation_id="Health", tags=["health"], sync_to_thread=False, security=[{}],
     opt=PUBLIC)  # fmt: skip
def health() -> dict[str, str]:
    """Alive: the process answers. Whether it may take traffic is /ready."""
    return {"status": "ok"}


@get("/ready", operation_id="Ready", tags=["health"], sync_to_thread=True, security=[{}],
     opt=PUBLIC)  # fmt: skip
def ready(request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
    """Ready: the store answers, and no read model trails the event log by more than
    DUBAN_READY_MAX_LAG events (default 1000). Otherwise 503 problem details ``not-ready``
    saying which."""
    services: Services = request.app.state.services
    bound = max_lag()
    try:
        lags = services.lags()
    except Exception as error:  # the store does not answer: not ready, and why, in the log
        log.warning("not ready: store unreachable", error=str(error))
        return problem(request, 503, "not-ready", "Not ready", "the store does not answer")
    behind = {name: lag for name, lag in lags.items() if lag > bound}
    if behind:
        detail = f"read models behind the log by more than {bound} events: {sorted(behind)}"
        return problem(request, 503, "not-ready", "Not ready", detail, lags=lags)
    return Response({"status": "ready", "max_lag": bound, "lags": lags})


@get("/metrics", operation_id="Metrics", tags=["health"], sync_to_thread=True, security=[{}],
     opt=PUBLIC, media_type=MediaType.TEXT)  # fmt: skip
def metrics(request: Request[Any, Any, Any]) -> Response[bytes]:
    """This process's metrics, Prometheus text format: duban_http_requests_total and
    duban_http_request_seconds by route and status, duban_command_seconds, the watcher's
    ticks, misses and escalation steps, duban_chain_intact and its position, and
    duban_projection_lag_events by read model."""
    services: Services = request.app.state.services
    LAGS.source = services.lags
    # the framework adds the charset itself
    media_type = CONTENT_TYPE_LATEST.removesuffix("; charset=utf-8")
    return Response(generate_latest(REGISTRY), media_type=media_type)


SERVICE_ROUTES = [health, ready, metrics]
PUBLIC_PATHS = ["^/health$", "^/ready$", "^/metrics$"]
