"""Every list answers one shape, {items, total, next}: total counts what the caller's scope
covers over every page, next is the same query's next page (also sent as a Link header), and
following next to the end yields each item exactly once."""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import TestClient

from domain.access import Role
from tests.api.test_access_scope import LABOUR, TAX, issue_for
from tests.api.test_issues_api import raise_issue
from tests.directory import TestDirectory

# the query parameters a list requires, given as a reader would
REQUIRED = {"period": "2026", "kind": "issue_closed"}
SUBJECT = {"/accountability/evidence": {"unit": TAX}}  # a unit or an official, not both


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = document["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _answer_schema(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation["responses"].get("200", {}).get("content", {})
    media = content.get("application/json")
    return media and media["schema"]


def list_routes(client: TestClient) -> dict[str, dict[str, Any]]:
    """The GET routes of the app's route table that answer a list, with their operation: any
    whose answer is an array, or an object of items with a total."""
    document = client.get("/schema/openapi.json").json()
    found = {}
    for route in client.app.routes:
        path = re.sub(r":[a-z]+\}", "}", route.path)
        operation = document["paths"].get(path, {}).get("get")
        schema = operation and _answer_schema(document, operation)
        if not schema:
            continue
        answer = _resolve(document, schema)
        fields = answer.get("properties", {})
        if answer.get("type") == "array" or {"items", "total"} <= set(fields):
            found[path] = {**operation, "answer": schema, "schema": answer}
    return found


def pages(client: TestClient, path: str, **kwargs: Any) -> list[dict[str, Any]]:
    """Every page from ``path`` on, following next; each checked against its Link header."""
    seen = []
    while path:
        response = client.get(path, **kwargs)
        assert response.status_code == 200, response.text
        page = response.json()
        assert set(page) == {"items", "total", "next"}
        link = response.headers.get("link")
        assert link == (f'<{page["next"]}>; rel="next"' if page["next"] else None)
        seen.append(page)
        path, kwargs = page["next"], {"headers": kwargs.get("headers")}
    return seen


def test_every_list_route_is_documented_as_a_named_page_of_its_items(client: TestClient):
    routes = list_routes(client)
    assert len(routes) >= 30  # 22 lists and the 9 items' event histories
    for path, operation in routes.items():
        assert operation["answer"].get("$ref", "").endswith("Page"), (path, operation["answer"])
        page = operation["schema"]
        assert sorted(page["required"]) == ["items", "next", "total"], path
        assert page["properties"]["total"] == {"type": "integer"}, path


def test_every_list_route_answers_the_page_shape(client: TestClient):
    issue = raise_issue(client)
    for path, operation in list_routes(client).items():
        path = path.replace("{issue_id}", issue)
        if "{" in path:
            continue  # the other items' histories: the same handler as the issue's
        wanted = [p["name"] for p in operation.get("parameters", []) if p.get("required")]
        params = {name: REQUIRED[name] for name in wanted if name in REQUIRED}
        params |= SUBJECT.get(path, {})
        response = client.get(path, params=params)
        assert response.status_code == 200, (path, response.text)
        page = response.json()
        assert set(page) == {"items", "total", "next"}, path
        assert page["total"] >= len(page["items"]), path
        assert (page["next"] is None) == ("link" not in response.headers), path


def test_a_small_fixed_list_is_one_page(client: TestClient):
    units = client.get("/directory/units")
    page = units.json()
    assert page["next"] is None
    assert "link" not in units.headers
    assert page["total"] == len(page["items"]) > 0


def test_the_issue_ledger_counts_and_pages_what_each_reader_covers(
    client: TestClient, directory: TestDirectory
):
    taxes = {issue_for(client, TAX, "吴涛") for _ in range(3)}
    labour = {issue_for(client, LABOUR, "郑华") for _ in range(2)}
    desk = pages(client, "/issues?limit=2&status=assigned")
    assert [len(p["items"]) for p in desk] == [2, 2, 1]
    assert {p["total"] for p in desk} == {5}
    assert desk[0]["next"] == "/issues?limit=2&status=assigned&offset=2"  # the same query
    walked = [i["id"] for p in desk for i in p["items"]]
    assert sorted(walked) == sorted(taxes | labour)  # each once

    officer = directory.bearer("吴涛", Role.OFFICER)  # the tax bureau's: its own unit only
    own = pages(client, "/issues?limit=2", headers=officer)
    assert [(len(p["items"]), p["total"]) for p in own] == [(2, 3), (1, 3)]
    assert sorted(i["id"] for p in own for i in p["items"]) == sorted(taxes)

    beyond = client.get("/issues", params={"offset": 5})
    assert beyond.json() == {"items": [], "total": 5, "next": None}
    assert "link" not in beyond.headers


def test_the_audit_log_counts_its_matches_and_its_next_link_carries_the_cursor(
    client: TestClient, directory: TestDirectory, head: int
):
    raised = [raise_issue(client) for _ in range(5)]  # one event each, after the directory's
    walked = pages(client, "/audit/events?limit=2&aggregate_type=Issue")
    assert [len(p["items"]) for p in walked] == [2, 2, 1]
    assert {p["total"] for p in walked} == {5}
    assert all("cursor=" in p["next"] for p in walked[:-1])
    positions = [i["entry"]["position"] for p in walked for i in p["items"]]
    assert positions == [head + n for n in range(1, 6)]
    assert [i["entry"]["aggregate_id"] for p in walked for i in p["items"]] == raised

    # the directory's events before head are no items of the desk's: not counted
    assert client.get("/audit/events").json()["total"] == 5
    inspector = directory.bearer("审计员", Role.INSPECTOR)  # reads everything: head more
    assert client.get("/audit/events", headers=inspector).json()["total"] == head + 5
    neighbour = directory.bearer("邻市督查员", Role.SUPERVISOR)
    assert client.get("/audit/events", headers=neighbour).json() == {
        "items": [],
        "total": 0,
        "next": None,
    }
