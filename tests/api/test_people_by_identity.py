"""Officials and units by their directory identity: a command names them by id (unknown: 422
naming the field), events keep the name as it was beside the id, and a query for a unit or
official the directory does not know answers 404."""

from __future__ import annotations

from urllib.parse import quote
from uuid import uuid4

from litestar.testing import TestClient

from bootstrap.services import Services
from tests.api.conftest import unit_id, who
from tests.api.test_issues_api import raise_issue


def test_an_unknown_official_in_a_command_is_refused_naming_the_field(
    client: TestClient, services: Services, head: int
):
    issue_id = raise_issue(client)
    body = {"responsible_person_id": str(uuid4()), "working_days": 5}
    refused = client.post(f"/issues/{issue_id}/assignment", json=body)
    assert refused.status_code == 422
    assert refused.json()["rule"] == "unknown-official"
    assert "responsible_person_id" in refused.json()["detail"]
    assert services.office.recorder.max_notification_id() == head + 1  # the raise only


def test_events_keep_the_name_as_it_was_beside_the_directory_id(client: TestClient):
    issue_id = raise_issue(client)
    zhao = who(client, "赵丽")
    body = {"responsible_person_id": zhao, "working_days": 5}
    assigned = client.post(f"/issues/{issue_id}/assignment", json=body).json()
    assert (assigned["responsible_unit"], assigned["responsible_person"]) == (
        "市自然资源和规划局",
        "赵丽",
    )
    (event,) = [
        e
        for e in client.get(f"/issues/{issue_id}/events").json()["items"]
        if e["type"].endswith("Assigned")
    ]
    assert event["data"]["responsible_person_id"] == zhao
    assert event["data"]["responsible_person"] == "赵丽"
    assert event["data"]["responsible_unit_id"] == unit_id(client, "市自然资源和规划局")


def test_a_query_for_a_unit_or_official_the_directory_lacks_answers_404(client: TestClient):
    for path in (
        "/veto-checks/nounit?year=2026",
        f"/accountability/units/{quote('市不存在局')}?period=2026",
        f"/accountability/officials/{quote('无此人')}?period=2026",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
    tax = unit_id(client, "市税务局")
    assert (
        client.get(f"/accountability/units/{tax}", params={"period": "2026"}).json()["unit"]
        == "市税务局"
    )
    assert client.get("/veto-checks/市税务局", params={"year": 2026}).status_code == 200
