"""The audit log, its exports, verification and as-of timelines through HTTP."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from litestar.testing import TestClient

from tests.api.test_issues_api import RAISE, assign, raise_issue


def test_the_audit_log_filters_and_pages_stably_while_events_arrive(
    client: TestClient, clock, head: int
):
    first = raise_issue(client)
    assign(client, first)
    raise_issue(client)
    page = client.get("/audit/events", params={"limit": 2}).json()
    # the directory's own events are not items of the desk's scope: its log starts after them
    assert [i["entry"]["position"] for i in page["items"]] == [head + 1, head + 2]
    raise_issue(client)  # arrives while the reader pages
    assert page["next"].startswith("/audit/events?limit=2&cursor=")
    rest = client.get(page["next"]).json()  # the next page: the same query, moved on
    assert [i["entry"]["position"] for i in rest["items"]] == [head + 3, head + 4]
    assigned = client.get("/audit/events", params={"event_type": "Assigned"}).json()["items"]
    (item,) = assigned
    assert item["entry"]["aggregate_id"] == first
    assert item["entry"]["actor"] == "张三"
    assert item["entry"]["description"] == (
        "市政府督查室 张三 将问题「二期用地指标尚未落实」交办给 市自然资源和规划局 赵丽，"
        "办理时限 2026-10-10"
    )
    by_unit = client.get(
        "/audit/events", params={"unit": "市政府督查室", "aggregate_type": "Issue"}
    ).json()
    assert len(by_unit["items"]) == 4
    assert client.get("/audit/events", params={"cursor": "garbage!"}).status_code == 400


def test_a_business_date_long_before_its_recording_is_flagged_late(client: TestClient):
    late = client.post("/issues", json={**RAISE, "business_date": "2026-09-15"}).json()["id"]
    on_time = client.post("/issues", json={**RAISE, "business_date": "2026-09-25"}).json()["id"]
    flags = {
        i["entry"]["aggregate_id"]: i["late_record"]
        for i in client.get("/audit/events").json()["items"]
    }
    assert flags == {late: True, on_time: False}  # 9 vs 1 working days before 28 September


def test_exports_keep_chinese_text_for_excel_and_json_lines(client: TestClient):
    raise_issue(client)
    response = client.get("/audit/events/export", params={"format": "csv"})
    assert response.status_code == 200
    body = response.content
    assert body.startswith("\ufeff".encode())
    assert b"\r\n" in body
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["position", "recorded_at", "business_date"]
    assert "二期用地指标尚未落实" in rows[1][-1]
    lines = client.get("/audit/events/export").text.splitlines()
    assert json.loads(lines[0])["entry"]["data"]["description"] == "二期用地指标尚未落实"
    assert client.get("/audit/events/export", params={"format": "xml"}).status_code == 400


def test_the_chain_verifies_through_the_api(client: TestClient, head: int):
    raise_issue(client)
    verdict = client.get("/audit/verify").json()
    assert verdict["intact"] is True
    assert verdict["summary"] == f"intact up to position {head + 1} ({head + 1} events)"


def test_a_timeline_as_of_a_past_moment_shows_what_was_recorded_then(client: TestClient, clock):
    issue_id = raise_issue(client)
    before_assignment = clock.now()
    clock.advance(timedelta(hours=2))
    assign(client, issue_id)
    now = client.get(f"/issues/{issue_id}/timeline").json()
    assert (now["version"], now["state"]["status"]) == (2, "assigned")
    assert [e["entry"]["event_type"] for e in now["events"]] == ["Raised", "Assigned"]
    then = client.get(
        f"/issues/{issue_id}/timeline", params={"as_of": before_assignment.isoformat()}
    ).json()
    assert (then["version"], then["state"]["status"]) == (1, "raised")
    assert [e["entry"]["event_type"] for e in then["events"]] == ["Raised"]
    earlier = (before_assignment - timedelta(days=1)).isoformat()
    assert client.get(f"/issues/{issue_id}/timeline", params={"as_of": earlier}).status_code == 404
    other = client.get(f"/projects/{issue_id}/timeline")
    assert other.status_code == 404
