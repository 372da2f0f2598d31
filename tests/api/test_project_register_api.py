"""The major project register through HTTP: real estate and 续建 at registration, the year's
list, the liaison, the weekly and quarter-end reports, 一包到底, and the monthly dispatch's new
columns. The clock stands at Monday 28 September 2026; the dates owed are read off the 2026
holiday notice by hand (National Day 1–7 October)."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from bootstrap.services import Services
from tests.api.conftest import who
from tests.api.test_projects_api import register
from tests.api.test_reports_api import table, workbook


def post(client: TestClient, path: str, body: dict[str, Any], status: int = 200) -> Any:
    response = client.post(path, json=body)
    assert response.status_code == status, (path, response.text)
    return response.json()


def listed(client: TestClient, **registration: object) -> str:
    project_id = register(client, **registration)
    body = {"year": 2026, "level": "province", "construction": "continuing"}
    post(client, f"/projects/{project_id}/listing", body)
    return project_id


def owed(client: TestClient, project_id: str) -> dict[str, str]:
    rows = client.get("/deadlines", params={"limit": 200}).json()["items"]
    return {d["key"]: d["due"] for d in rows if d["aggregate_id"] == project_id}


def test_a_continuing_real_estate_project_starts_under_construction_below_the_5yi_tiers(
    client: TestClient,
):
    project_id = register(client, real_estate=True, construction="continuing")
    project = client.get(f"/projects/{project_id}").json()
    assert project["stage"] == "under_construction"
    assert project["tier"] == "over_100_million"  # 35亿, but real estate
    assert (project["real_estate"], project["construction"]) == (True, "continuing")


def test_a_listed_project_owes_its_friday_update_on_the_first_working_day_after_national_day(
    client: TestClient,
):
    project_id = listed(client, construction="continuing")
    project = client.get(f"/projects/{project_id}").json()
    assert project["listings"] == [
        {"year": 2026, "level": "province", "construction": "continuing", "listed_on": "2026-09-28"}
    ]
    assert owed(client, project_id) == {
        "weekly:2026-W40": "2026-10-08",  # Friday 2 October is a holiday
        "quarterly:2026-Q4": "2026-12-25",
    }
    post(client, f"/projects/{project_id}/weekly-updates", {"week": "2026-W40", "summary": "封顶"})
    assert owed(client, project_id)["weekly:2026-W41"] == "2026-10-09"
    listed_only = client.get("/projects", params={"list_year": 2026, "list_level": "province"})
    assert [p["id"] for p in listed_only.json()["items"]] == [project_id]
    assert client.get("/projects", params={"list_level": "city"}).json()["items"] == []


def test_refused_reports_answer_problem_details_and_save_nothing(
    client: TestClient, services: Services
):
    project_id = listed(client, construction="continuing")
    path = f"/projects/{project_id}/weekly-updates"
    post(client, path, {"week": "2026-W40", "summary": "封顶"})
    before = services.office.recorder.max_notification_id()
    for body, status, rule in (
        ({"week": "2026-W40", "summary": "再报"}, 409, "weekly-update-already-submitted"),
        ({"week": "2026-40", "summary": "进展"}, 422, "invalid-week"),
        ({"week": "2026-W45", "summary": "进展"}, 422, "report-period-not-begun"),
        ({"week": "2025-W40", "summary": "进展"}, 409, "project-not-listed"),
    ):
        assert post(client, path, body, status)["rule"] == rule
    quarter = f"/projects/{project_id}/quarter-reports"
    assert post(client, quarter, {"quarter": "2026-Q9", "summary": "x"}, 422)["rule"] == (
        "invalid-period"
    )
    assert services.office.recorder.max_notification_id() == before
    post(client, quarter, {"quarter": "2026-Q3", "summary": "三季度完成投资4.2亿元"})


def test_listing_is_refused_where_the_stage_or_year_contradicts_it(client: TestClient):
    project_id = register(client)
    body = {"year": 2026, "level": "city", "construction": "continuing"}
    answer = post(client, f"/projects/{project_id}/listing", body, 409)
    assert answer["rule"] == "construction-contradicts-stage"
    body = {"year": 2030, "level": "city", "construction": "new_start"}
    assert post(client, f"/projects/{project_id}/listing", body, 422)["rule"] == "invalid-year"
    body = {"year": 2026, "level": "county", "construction": "new_start"}
    assert post(client, f"/projects/{project_id}/listing", body, 400)["rule"] == (
        "malformed-request"
    )


def test_the_liaison_answers_for_the_reports_and_the_team_is_kept_in_operation(
    client: TestClient,
):
    project_id = listed(client, construction="continuing")
    liaison = who(client, "李明")
    post(client, f"/projects/{project_id}/liaison", {"liaison_id": liaison})
    again = post(client, f"/projects/{project_id}/liaison", {"liaison_id": liaison}, 409)
    assert again["rule"] == "liaison-unchanged"
    rows = client.get("/deadlines", params={"limit": 200}).json()["items"]
    assert {d["responsible"] for d in rows if d["aggregate_id"] == project_id} == {"李明"}
    post(client, f"/projects/{project_id}/lead-leader", {"leader_id": who(client, "王建国")})
    for stage in ("completed", "operating"):
        post(client, f"/projects/{project_id}/stage", {"to": stage})
    project = client.get(f"/projects/{project_id}").json()
    assert project["carried_over_on"] == "2026-09-28"
    assert owed(client, project_id) == {}
    events = [e["type"] for e in client.get(f"/projects/{project_id}/events").json()["items"]]
    assert events[-1] == "Project.ServiceCarriedOver"
    kept = post(client, f"/projects/{project_id}/team", {"member_id": who(client, "赵丽")}, 409)
    assert kept["rule"] == "service-team-kept-in-operation"
    body = {"member_id": who(client, "赵丽"), "reason": "企业扩产，增配专人"}
    post(client, f"/projects/{project_id}/team", body)


def test_a_months_figure_and_image_progress_are_reported_and_checked(client: TestClient):
    project_id = register(client)
    post(client, f"/projects/{project_id}/progress", {"month": "2026-08", "investment_to_date": 3})
    body = {"month": "2026-09", "investment_to_date": 10, "month_investment": 6}
    assert post(client, f"/projects/{project_id}/progress", body, 422)["rule"] == (
        "progress-figures-disagree"
    )
    body = {"month": "2026-09", "investment_to_date": 10, "image_progress": "厂房主体完工"}
    progress = post(client, f"/projects/{project_id}/progress", body)["progress"]
    assert progress[-1] == {
        "month": "2026-09",
        "investment_to_date": 10,
        "month_investment": 7,
        "image_progress": "厂房主体完工",
    }


def test_the_monthly_dispatch_shows_the_list_the_liaison_and_the_months_figures(
    client: TestClient,
):
    project_id = listed(client, real_estate=True, construction="continuing")
    post(client, f"/projects/{project_id}/liaison", {"liaison_id": who(client, "李明")})
    post(client, f"/projects/{project_id}/annual-plan", {"year": 2026, "amount": 800_000_000})
    post(client, f"/projects/{project_id}/progress", {"month": "2025-12", "investment_to_date": 1})
    body = {
        "month": "2026-09",
        "investment_to_date": 420_000_000,
        "month_investment": 50_000_000,  # August not reported: the figure given stands
        "image_progress": "3号楼主体封顶",
    }
    post(client, f"/projects/{project_id}/progress", body)
    book = workbook(client, "/reports/monthly-dispatch.xlsx", month="2026-09")
    (row,) = table(book["月调度"])
    assert row["列入年度项目表"] == "省列重大项目（续建）"
    assert row["是否房地产"] == "是"
    assert row["服务联络员"] == "李明"
    assert row["本月完成（万元）"] == 5_000
    assert row["本年累计完成（万元）"] == 41_999.9999  # 4.2亿 − 1 yuan at the end of 2025
    assert row["年度完成率"] == 0.525
    assert row["形象进度"].startswith("3号楼主体封顶；开工建设")
    plan = client.get(f"/projects/{project_id}").json()["annual_plans"]
    assert plan == [
        {"year": 2026, "amount": 800_000_000, "completed": 419_999_999, "completion": 0.525}
    ]
