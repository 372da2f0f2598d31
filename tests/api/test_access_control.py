"""Every role against every operation; scopes; refusals recorded; idempotent retries; limits."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from litestar.testing import TestClient

from api.auth import Principal, Role
from api.permissions import allowed
from demo.data import credit_code
from tests.api.conftest import CODE, DESK, bearer

OTHER = credit_code(99)

PRINCIPALS = {
    Role.OFFICER: Principal(
        "zhaoli", "赵丽", "市自然资源和规划局", Role.OFFICER, ("市自然资源和规划局",)
    ),
    Role.SUPERVISOR: DESK,
    Role.INSPECTOR: Principal("shenji", "审计员", "市政府督查室", Role.INSPECTOR, None),
    Role.ENTERPRISE: Principal(CODE, "示范新能源", "(enterprise)", Role.ENTERPRISE, (), CODE),
    Role.ADMIN: Principal("admin", "系统管理员", "市大数据中心", Role.ADMIN, ("市大数据中心",)),
}
FILL = {"uuid": "00000000-0000-4000-8000-000000000000", "int": "1", "str": "x"}


def operations(client: TestClient) -> list[tuple[str, str, str, frozenset[str]]]:
    found = []
    for route in client.app.routes:
        if route.path.startswith("/schema"):
            continue  # the API docs answer everyone
        for method, entry in getattr(route, "route_handler_map", {}).items():
            handler = entry[0] if isinstance(entry, tuple) else entry
            if method not in ("GET", "POST") or handler.operation_id in (None, "Health"):
                continue
            path = route.path
            for parameter in route.path_parameters.values():
                kind = parameter.type.__name__.lower()
                path = path.replace(f"{{{parameter.full}}}", FILL.get(kind, "x"))
            found.append((method, path, str(handler.operation_id), frozenset(handler.tags or ())))
    return found


def test_every_role_is_let_through_or_refused_as_the_permission_table_says(client: TestClient):
    table = operations(client)
    assert len(table) > 80  # every operation of the API, not a sample
    for role, principal in PRINCIPALS.items():
        headers = bearer(principal)
        for method, path, operation, tags in table:
            response = client.request(method, path, headers=headers, json={})
            refused = response.status_code == 403
            expected = role not in allowed(operation, method, tags)
            assert refused == expected, (role, operation, response.status_code, response.text[:200])


def test_an_officer_acts_only_for_its_own_unit_and_each_refusal_is_logged(client: TestClient):
    issue = client.post(
        "/issues",
        json={
            "channel": "visit",
            "category": "land",
            "enterprise_code": CODE,
            "enterprise_name": "企业",
            "description": "用地",
        },
    ).json()
    client.post(
        f"/issues/{issue['id']}/assignment",
        json={"responsible_unit": "市税务局", "responsible_person": "吴涛", "working_days": 5},
    )
    officer = bearer(PRINCIPALS[Role.OFFICER])
    refused = client.post(
        f"/issues/{issue['id']}/resolution", json={"resolution": "x"}, headers=officer
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert client.get(f"/issues/{issue['id']}", headers=officer).status_code == 404
    assert client.get("/issues", headers=officer).json() == []
    log = client.get("/access-log", params={"subject": "zhaoli"}).json()
    assert [(e["status"], e["method"]) for e in log] == [(403, "POST")]
    assert "outside 市自然资源和规划局" in log[0]["note"]


def test_an_enterprise_raises_and_sees_only_its_own_issues(client: TestClient):
    mine = bearer(PRINCIPALS[Role.ENTERPRISE])
    body = {
        "channel": "online_platform",
        "category": "permits",
        "enterprise_name": "企业",
        "description": "许可",
    }
    assert (
        client.post("/issues", json={**body, "enterprise_code": CODE}, headers=mine).status_code
        == 201
    )
    other = client.post("/issues", json={**body, "enterprise_code": OTHER}, headers=mine)
    assert other.status_code == 403
    client.post("/issues", json={**body, "enterprise_code": OTHER})  # by the desk
    assert len(client.get("/issues").json()) == 2
    assert [i["enterprise_code"] for i in client.get("/issues", headers=mine).json()] == [CODE]


def test_an_inspectors_history_reads_are_written_to_the_access_log(client: TestClient):
    inspector = bearer(PRINCIPALS[Role.INSPECTOR])
    assert client.get("/audit/events", headers=inspector).status_code == 200
    assert client.post("/issues", json={}, headers=inspector).status_code == 403
    log = client.get("/access-log", params={"subject": "shenji"}).json()
    assert sorted((e["status"], e["note"]) for e in log)[0] == (200, "history read")


def test_a_retried_command_with_the_same_key_answers_once_even_concurrently(
    client: TestClient, services
):
    body = {
        "channel": "visit",
        "category": "land",
        "enterprise_code": CODE,
        "enterprise_name": "企业",
        "description": "一次",
    }
    headers = {"Idempotency-Key": "raise-0001"}
    answers: list[Any] = []

    def send() -> None:
        answers.append(client.post("/issues", json=body, headers=headers))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    assert services.office.recorder.max_notification_id() == 1
    again = client.post("/issues", json=body, headers=headers)
    assert again.headers["idempotent-replayed"] == "true"
    reused = client.post("/issues", json={**body, "description": "另一件"}, headers=headers)
    assert reused.status_code == 422
    assert services.office.recorder.max_notification_id() == 1


@pytest.mark.parametrize("size", [2_000_000])
def test_an_oversized_body_is_refused_with_a_clear_error(client: TestClient, size: int):
    response = client.post(
        "/issues", content=b"{" + b" " * size + b"}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
