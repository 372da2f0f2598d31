"""Accountability, veto checks, rankings and boards, against a hand-computed scenario."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

from litestar.testing import TestClient

from domain.scheme_reading import read_scheme
from tests.api.conftest import CODE, unit_id, who

UNIT = "市自然资源和规划局"


def post(client: TestClient, path: str, body: dict) -> dict:
    response = client.post(path, json=body)
    assert response.status_code in (200, 201), response.text
    return response.json()


def issue(client: TestClient, limit: str = "2026-10-10") -> str:
    made = post(
        client,
        "/issues",
        {
            "channel": "visit",
            "category": "land",
            "enterprise_code": CODE,
            "enterprise_name": "企业",
            "description": "用地",
        },
    )
    post(
        client,
        f"/issues/{made['id']}/assignment",
        {"responsible_person_id": who(client, "赵丽"), "time_limit": limit},
    )
    return made["id"]


def figures(client: TestClient, unit: str = UNIT, **params: str) -> dict:
    response = client.get(
        f"/accountability/units/{quote(unit)}", params={"period": "2026", **params}
    )
    assert response.status_code == 200, response.text
    return {name: f["value"] for name, f in response.json()["figures"].items()}


def test_the_accountability_view_adds_up_a_known_year(client: TestClient, clock):
    # four issues received; three resolved (one late), one of them closed out; one commitment
    # made and kept; one issue left to miss its limit
    a, b, c, d = (issue(client) for _ in range(4))
    post(client, f"/issues/{a}/resolution", {"resolution": "已办"})
    post(client, f"/issues/{a}/close-out", {"confirmed_by": "企业"})
    post(client, f"/issues/{b}/resolution", {"resolution": "已办"})
    post(
        client,
        f"/issues/{d}/commitments",
        {"what": "供地", "to_whom": "企业", "due_date": "2026-10-01"},
    )
    post(client, f"/issues/{d}/commitments/1/kept", {})
    before_late = clock.now()
    clock.advance(timedelta(days=20))  # 18 October: past the limits
    post(client, f"/issues/{c}/resolution", {"resolution": "已办"})
    got = figures(client)
    assert got["issues_received"] == 4
    assert got["issues_resolved"] == 3
    assert got["issues_closed_out"] == 1
    assert got["resolution_rate"] == 0.75
    # four limits due 10 October: a and b met in time, c met late, d still open and overdue
    assert (got["handled_on_time"], got["handled_late"], got["time_limits_missed_open"]) == (
        2,
        1,
        1,
    )
    assert got["on_time_rate"] == 0.5
    assert got["average_working_days_to_close_out"] == 0
    promised = figures(client, "市政府督查室")  # a commitment counts for the unit that made it
    assert (promised["commitments_made"], promised["commitments_kept"]) == (1, 1)
    assert got["deadlines_missed"] == 2  # c late and d open: whether the watcher ran or not
    then = figures(client, as_of=before_late.isoformat())
    assert (then["issues_resolved"], then["on_time_rate"]) == (2, 1.0)
    evidence = client.get(
        "/accountability/evidence", params={"unit": UNIT, "period": "2026", "kind": "handled_late"}
    ).json()["items"]
    assert [e["aggregate_id"] for e in evidence] == [c]


MEETINGS_MONTHLY = {  # a scheme written here: the unit must hold an on-site meeting monthly
    "year": 2026,
    "version": "t.1",
    "title": "测试方案",
    "total": 10.0,
    "separate_total": 0.0,
    "indicator": [
        {"id": "on_time", "name": "按期办结率", "weight": 10.0, "figure": "on_time_rate",
         "formula": "rate"},
    ],
    "requirement": [
        {"id": "meetings", "name": "现场办公会", "kind": "sessions",
         "session_kind": "on_site_office_meeting", "cadence": "monthly", "units": [UNIT]},
        {"id": "briefing", "name": "政策宣讲进展报送", "kind": "briefing_progress",
         "due": ["06-20", "11-20"], "units": [UNIT]},
        {"id": "talks", "name": "企业家恳谈会", "kind": "sessions",
         "session_kind": "entrepreneur_talk", "units": ["市工商联"]},
    ],
}  # fmt: skip


def test_a_unit_with_a_monthly_series_missing_months_is_vetoed_citing_the_gaps(
    client: TestClient, services, clock
):
    services.office.schemes = {2026: read_scheme(MEETINGS_MONTHLY)}
    series = post(
        client,
        "/session-series",
        {
            "unit_id": unit_id(client, UNIT),
            "kind": "on_site_office_meeting",
            "title": "现场办公会",
            "start": "2026-08-01",
        },
    )
    post(
        client,
        f"/session-series/{series['id']}/sessions",
        {"planned_on": "2026-08-20", "topic": "用地", "host": "李明"},
    )
    post(
        client,
        f"/session-series/{series['id']}/sessions/1/holding",
        {"attendance": 12, "business_date": "2026-08-20"},
    )
    clock.advance(timedelta(days=40))  # 7 November: every month to October has ended
    check = client.get(f"/veto-checks/{quote(UNIT)}", params={"year": 2026}).json()
    assert (check["verdict"], check["scheme_version"]) == ("veto", "t.1")
    # judged from the start of the year, not from the series' late start: only August held
    meetings = next(r for r in check["requirements"] if r["id"] == "meetings")
    assert [f["period"] for f in meetings["failures"]] == [
        "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07",
        "2026-09", "2026-10",
    ]  # fmt: skip
    assert meetings["failures"][-1]["searched"] == "2026-10-01..2026-10-31"
    assert meetings["failures"][-1]["reason"] == "本期未召开现场办公会"
    # required to run a briefing series it never set up: that fails, it does not "not apply"
    briefing = next(r for r in check["requirements"] if r["id"] == "briefing")
    assert [(f["period"], f["reason"]) for f in briefing["failures"]] == [
        ("2026", "未建立政策宣讲进展报送")
    ]
    assert "talks" not in {r["id"] for r in check["requirements"]}  # binds another unit


def test_rankings_state_their_formula_and_set_aside_reviews_do_not_count(client: TestClient):
    def review(unit: str, level: int) -> str:
        return post(
            client,
            "/reviews",
            {
                "subject_kind": "unit",
                "subject_id": unit,
                "subject_unit": unit,
                "channel": "app",
                "level": level,
            },
        )["id"]

    for level in (1, 2, 4):
        review("市税务局", level)
    for level in (1, 1):
        review("市人社局", level)
    malicious = review("市人社局", 5)
    post(client, f"/reviews/{malicious}/appeal", {"reason": "恶意差评"})
    post(client, f"/reviews/{malicious}/appeal-decision", {"upheld": True, "reason": "核实"})
    ranking = client.get("/rankings", params={"period": "2026-Q3", "n": 1, "min_reviews": 2}).json()
    assert "satisfaction rate = reviews at levels 1–3 / reviews" in ranking["formula"]
    rows = {r["subject"]: r for r in ranking["ranking"]}
    assert rows["市人社局"]["reviews"] == 2
    assert rows["市人社局"]["satisfaction_rate"] == 1.0
    assert rows["市税务局"]["satisfaction_rate"] == round(2 / 3, 4)
    assert rows["市税务局"]["rectification_rate"] == 0.0
    assert (ranking["good_list"], ranking["bad_list"]) == (["市人社局"], ["市税务局"])


def test_the_overdue_board_groups_by_unit_and_light_now_and_as_of(client: TestClient, clock):
    late = issue(client, limit="2026-09-29")
    issue(client, limit="2026-12-31")
    start = clock.now()
    clock.advance(timedelta(days=3))
    board = client.get("/boards/overdue").json()["items"]
    assert board == [{"unit": UNIT, "red": 1, "yellow": 0, "green": 1, "red_issues": [late]}]
    then = client.get("/boards/overdue", params={"as_of": start.isoformat()}).json()["items"]
    assert (then[0]["red"], then[0]["yellow"]) == (0, 1)


def test_rankings_share_ranks_for_ties_and_leave_too_few_reviews_unranked(client: TestClient):
    def reviews(unit: str, *levels: int) -> None:
        for level in levels:
            body = {"subject_kind": "unit", "subject_id": unit, "subject_unit": unit}
            post(client, "/reviews", {**body, "channel": "app", "level": level})

    perfect = ["市税务局", "市人社局", "市住建局", "市营商环境局", "市交通运输局"]
    for unit in perfect:
        reviews(unit, 1, 1, 2)
    reviews("市生态环境局", 1, 4, 5)  # one satisfied of three
    reviews("市发改委", 5)  # one review: too few to rank
    ranking = client.get("/rankings", params={"period": "2026-Q3", "n": 3, "min_reviews": 3}).json()
    ranks = {r["subject"]: r["rank"] for r in ranking["ranking"]}
    # five units tied at 100% share rank 1; the next is sixth, not second
    assert ranks == {**dict.fromkeys(perfect, 1), "市生态环境局": 6}
    assert sorted(ranking["good_list"]) == sorted(perfect)  # ties all in
    assert ranking["bad_list"] == ["市生态环境局"]
    assert [r["subject"] for r in ranking["too_few_reviews"]] == ["市发改委"]
    assert ranking["too_few_reviews"][0]["rank"] is None


def test_a_path_that_merely_contains_a_public_name_still_needs_a_token(client: TestClient):
    # "/schema" and "/health" are public only as whole paths: a unit named "schema" is not
    found = client.get("/veto-checks/schema", params={"year": 2026})
    assert (found.status_code, found.json()["rule"]) == (404, "unit-not-found")
    anonymous = client.get(
        "/veto-checks/schema", params={"year": 2026}, headers={"Authorization": ""}
    )
    assert anonymous.status_code == 401
