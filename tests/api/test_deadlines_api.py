"""Deadlines through HTTP: computed time limits, unknown years, lights, late extensions."""

from __future__ import annotations

from datetime import timedelta

from litestar.testing import TestClient

from tests.api.conftest import who
from tests.api.test_issues_api import RAISE, raise_issue


def assign(client: TestClient, issue_id: str, **limit: object):
    body = {"responsible_person_id": who(client, "吴涛"), **limit}
    return client.post(f"/issues/{issue_id}/assignment", json=body)


def test_a_limit_in_working_days_skips_national_day(client: TestClient):
    issue_id = raise_issue(client)
    response = assign(client, issue_id, working_days=5)
    assert response.status_code == 200
    assert response.json()["time_limit"] == "2026-10-10"
    assigned = client.get(f"/issues/{issue_id}/events").json()["items"][1]["data"]
    assert assigned["counted_in"] == "working_days"
    assert assigned["calendar"].startswith("chinesecalendar")


def test_a_complaint_without_a_limit_gets_seven_working_days(client: TestClient):
    response = client.post("/issues", json={**RAISE, "channel": "hotline_12345"})
    assert assign(client, response.json()["id"]).json()["time_limit"] == "2026-10-13"


def test_a_visit_finding_without_a_limit_is_refused_with_422(client: TestClient):
    response = assign(client, raise_issue(client))
    assert response.status_code == 422
    assert response.json()["rule"] == "time-limit-required"


def test_a_limit_reaching_an_unknown_year_is_refused_naming_it(client: TestClient, clock):
    clock.advance(timedelta(days=90))  # 27 December 2026
    response = assign(client, raise_issue(client), working_days=7)
    assert response.status_code == 422
    assert response.json()["rule"] == "calendar-year-unknown"
    assert "2027" in response.json()["detail"]


def test_an_extension_on_the_due_day_answers_409(client: TestClient, clock):
    issue_id = raise_issue(client)
    assign(client, issue_id, time_limit="2026-09-30")
    clock.advance(timedelta(days=2))  # 30 September
    response = client.post(
        f"/issues/{issue_id}/extension",
        json={"working_days": 3, "approver_id": who(client, "主任"), "reason": "需会审"},
    )
    assert response.status_code == 409
    assert response.json()["rule"] == "extension-filed-too-late"


def test_lights_show_on_issues_and_open_deadlines_and_filter_them(client: TestClient, clock):
    red = raise_issue(client)
    assign(client, red, time_limit="2026-09-29")
    yellow = raise_issue(client)
    assign(client, yellow, time_limit="2026-10-08")
    green = raise_issue(client)
    assign(client, green, time_limit="2026-10-20")
    clock.advance(timedelta(days=2))  # 30 September: three working days to 8 October
    lights = {i["id"]: i["light"] for i in client.get("/issues").json()["items"]}
    assert lights == {red: "red", yellow: "yellow", green: "green"}
    for light, expected in (("red", red), ("yellow", yellow), ("green", green)):
        assert [
            i["id"] for i in client.get("/issues", params={"light": light}).json()["items"]
        ] == [expected]
        deadlines = client.get("/deadlines", params={"light": light}).json()["items"]
        assert [(d["aggregate_id"], d["light"]) for d in deadlines] == [(expected, light)]
