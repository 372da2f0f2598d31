"""What operators' tools ask: /health (alive), /ready (store answers, read models within
their lag bound), /metrics (Prometheus text); / answers a browser (the console)."""

from __future__ import annotations

import pytest
from litestar.testing import TestClient
from prometheus_client.parser import text_string_to_metric_families

from bootstrap.services import Services
from tests.api.test_issues_api import raise_issue


def _samples(client: TestClient) -> dict[tuple[str, frozenset], float]:
    answer = client.get("/metrics", headers={"Authorization": ""})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def _value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_the_root_answers_a_browser(client: TestClient) -> None:
    answer = client.get("/", headers={"Authorization": ""}, follow_redirects=False)
    assert answer.status_code != 404


def test_health_and_ready_need_no_token(client: TestClient) -> None:
    assert client.get("/health", headers={"Authorization": ""}).json() == {"status": "ok"}
    ready = client.get("/ready", headers={"Authorization": ""})
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready"
    assert isinstance(ready.json()["lags"]["issue_ledger"], int)


def test_ready_answers_503_problem_details_when_a_read_model_trails_too_far(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUBAN_READY_MAX_LAG", "-1")  # any lag at all is too much
    answer = client.get("/ready", headers={"Authorization": ""})
    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["rule"] == "not-ready"
    assert "issue_ledger" in answer.json()["detail"]


def test_metrics_count_requests_commands_watcher_ticks_lag_and_the_chain(
    client: TestClient, services: Services
) -> None:
    before = _samples(client)
    client.get("/health")
    raise_issue(client)
    assert client.post("/issues", json={"channel": "visit"}).status_code == 400
    services.watch_once()
    assert client.get("/audit/verify").json()["intact"] is True
    after = _samples(client)

    def grew(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert grew("duban_http_requests_total", route="/health", method="GET", status="200") == 1
    assert grew("duban_http_requests_total", route="/issues", method="POST", status="201") == 1
    assert grew("duban_command_seconds_count", route="/issues", outcome="recorded") == 1
    assert grew("duban_command_seconds_count", route="/issues", outcome="refused") == 1
    assert grew("duban_watcher_ticks_total") == 1
    assert _value(after, "duban_chain_intact") == 1
    assert _value(after, "duban_chain_verified_position") >= 1
    lags = {dict(k)["read_model"] for (name, k) in after if name == "duban_projection_lag_events"}
    assert {"issue_ledger", "directory"} <= lags


def test_metrics_count_the_commands_each_commit_of_the_event_store_wrote(
    client: TestClient,
) -> None:
    """One command alone is one commit of one command; a refused one commits nothing. (Group
    commits of several: tests/integration/test_group_commit_pg.py.)"""
    before = _samples(client)
    raise_issue(client)
    assert client.post("/issues", json={"channel": "visit"}).status_code == 400
    after = _samples(client)

    def grew(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert grew("duban_event_store_commit_saves_count") == 1
    assert grew("duban_event_store_commit_saves_sum") == 1
    assert grew("duban_event_store_commit_saves_bucket", le="1.0") == 1
    assert _value(after, "duban_event_store_commit_saves_bucket", le="+Inf") >= 1
