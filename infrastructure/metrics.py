"""What a running process tells Prometheus (the prometheus-client library, text format):
requests by route and status and their latency, commands' latency, how many commands each
commit of the event store wrote (group commit), the watcher's ticks and misses, the chain's
last verification; and, read when scraped, each read model's lag behind
the event log. Each process keeps its own: the API serves them at /metrics, the worker and
the watcher on DUBAN_METRICS_PORT when it is set."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "duban_http_requests",
    "HTTP requests answered, by route template, method and status",
    ["route", "method", "status"],
    registry=REGISTRY,
)
REQUEST_SECONDS = Histogram(
    "duban_http_request_seconds",
    "Time to answer an HTTP request, by route template and method",
    ["route", "method"],
    registry=REGISTRY,
)
COMMAND_SECONDS = Histogram(
    "duban_command_seconds",
    "Time to answer a command (a POST), by route template and outcome",
    ["route", "outcome"],
    registry=REGISTRY,
)
WATCHER_TICKS = Counter(
    "duban_watcher_ticks", "Deadline watcher ticks run in this process", registry=REGISTRY
)
WATCHER_MISSES = Counter(
    "duban_watcher_misses",
    "DeadlineMissed events the watcher recorded in this process",
    registry=REGISTRY,
)
WATCHER_STEPS = Counter(
    "duban_watcher_escalation_steps",
    "EscalationStepTaken events the watcher recorded in this process",
    registry=REGISTRY,
)
CHAIN_INTACT = Gauge(
    "duban_chain_intact",
    "1 if the last verification of the hash chain found it intact, 0 if broken, -1 not yet run",
    registry=REGISTRY,
)
CHAIN_POSITION = Gauge(
    "duban_chain_verified_position",
    "Position up to which the last verification found the chain intact",
    registry=REGISTRY,
)
CHAIN_VERIFIED_AT = Gauge(
    "duban_chain_verified_timestamp_seconds",
    "When the chain was last verified (Unix time)",
    registry=REGISTRY,
)
CHAIN_INTACT.set(-1)
COMMIT_SAVES = Histogram(
    "duban_event_store_commit_saves",
    "Commands (saves) each commit of the event store wrote together: group commit on"
    " PostgreSQL (1 when no other save was waiting), always 1 on SQLite",
    buckets=(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128),
    registry=REGISTRY,
)


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(route, method, str(status)).inc()
    REQUEST_SECONDS.labels(route, method).observe(seconds)
    if method == "POST":
        outcome = "recorded" if status < 400 else "refused" if status < 500 else "failed"
        COMMAND_SECONDS.labels(route, outcome).observe(seconds)


def observe_tick(misses: int, steps: int) -> None:
    WATCHER_TICKS.inc()
    WATCHER_MISSES.inc(misses)
    WATCHER_STEPS.inc(steps)


def observe_commit(saves: int) -> None:
    COMMIT_SAVES.observe(saves)


def observe_verification(intact: bool, position: int, at: float) -> None:
    CHAIN_INTACT.set(1 if intact else 0)
    CHAIN_POSITION.set(position)
    CHAIN_VERIFIED_AT.set(at)


class LagCollector(Collector):
    """Each read model's lag behind the log, read from the store when scraped (the worker
    that moves them may be another process); ``source`` is set by whoever holds the store."""

    def __init__(self) -> None:
        self.source: Callable[[], Mapping[str, int]] | None = None

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "duban_projection_lag_events",
            "Events recorded but not yet applied, by read model",
            labels=["read_model"],
        )
        for name, lag in (self.source() if self.source else {}).items():
            family.add_metric([name], lag)
        yield family


LAGS = LagCollector()
REGISTRY.register(LAGS)


def serve_metrics(port: int) -> None:
    """This process's metrics on their own port (the worker and the watcher have no API)."""
    start_http_server(port, registry=REGISTRY)
