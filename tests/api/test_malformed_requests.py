"""Requests that are not what the API reads answer 4xx on both stores, never 5xx, and record
nothing: control characters in text (422 naming the field), bodies nested too deep, not UTF-8,
or too large (400, 400, 413)."""

from __future__ import annotations

import pytest
from litestar.testing import TestClient

from bootstrap.services import Services
from tests.api.test_issues_api import RAISE
from tests.directory import TestDirectory


def _recorded(services: Services) -> int:
    return services.office.recorder.max_notification_id() or 0


@pytest.mark.parametrize("character", ["\x00", "\x1f", "\x7f", "\x9b"])
def test_a_control_character_in_a_body_field_answers_422_naming_the_field(
    client: TestClient, services: Services, head: int, character: str
):
    response = client.post("/issues", json={**RAISE, "enterprise_name": f"示范{character}公司"})

    assert response.status_code == 422, response.text
    body = response.json()
    assert body["rule"] == "control-character-in-text"
    assert body["field"] == "enterprise_name"
    assert _recorded(services) == head
    assert client.get("/issues").status_code == 200


def test_a_control_character_in_a_list_item_names_the_item(
    client: TestClient, services: Services, directory: TestDirectory
):
    created = client.post(
        "/session-series",
        json={
            "unit_id": str(directory.units["市发改委"]),
            "kind": "policy_briefing",
            "title": "宣讲",
            "start": "2026-09-01",
        },
    )
    series = created.json()["id"]
    client.post(
        f"/session-series/{series}/sessions",
        json={"planned_on": "2026-09-28", "topic": "政策", "host": "李"},
    )
    before = _recorded(services)

    response = client.post(
        f"/session-series/{series}/sessions/1/holding",
        json={"attendance": 3, "questions": [{"text": "好"}, {"text": "\x00"}]},
    )

    assert response.status_code == 422, response.text
    assert response.json()["field"] == "questions[1].text"
    assert _recorded(services) == before


def test_tab_and_newline_are_text(client: TestClient):
    response = client.post("/issues", json={**RAISE, "description": "一、用地\n\t二、环评"})
    assert response.status_code == 201, response.text


def test_a_control_character_in_a_query_answers_422_naming_the_parameter(client: TestClient):
    response = client.get("/issues", params={"responsible_unit": "市\x00局"})

    assert response.status_code == 422
    assert response.json()["rule"] == "control-character-in-text"
    assert "responsible_unit" in response.json()["detail"]


def test_json_nested_far_deeper_than_the_decoder_recurses_answers_400(client: TestClient):
    deep = b"[" * 100_000 + b"]" * 100_000
    for body in (deep, b'{"channel": ' + deep + b"}"):
        response = client.post(
            "/issues", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400, response.text
        assert response.json()["rule"] == "malformed-request"


def test_a_body_that_is_not_utf8_answers_400(client: TestClient, services: Services, head: int):
    body = b'{"channel": "visit\xff\xfe", "category": "land"}'
    response = client.post("/issues", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.json()["rule"] == "malformed-request"
    assert _recorded(services) == head


def test_a_body_over_the_size_limit_answers_413(client: TestClient, services: Services, head: int):
    huge = {**RAISE, "description": "长" * 2_000_000}
    response = client.post("/issues", json=huge)
    assert response.status_code == 413
    assert _recorded(services) == head


def test_a_number_beyond_any_integer_answers_400(client: TestClient):
    body = b'{"attendance": ' + b"9" * 5000 + b"}"
    response = client.post(
        "/session-series/00000000-0000-4000-8000-000000000000/sessions/1/holding",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400, response.text
