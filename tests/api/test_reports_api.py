"""Excel exports over HTTP: each workbook opened with openpyxl and read against the views and
against figures worked out by hand (the calendar: 1–7 October 2026 off, 10 October worked)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from urllib.parse import quote

import openpyxl
import pytest
from litestar.testing import TestClient

from domain.access import Role
from tests.api.conftest import CODE
from tests.api.test_projects_api import register
from tests.directory import enterprise_bearer

ZHAO = ("市自然资源和规划局", "赵丽")
SUN = ("市生态环境局", "孙强")
RAISE = {"channel": "hotline_12345", "category": "land", "enterprise_code": CODE,
         "enterprise_name": "示范新能源科技有限公司"}  # fmt: skip
LIGHTS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}


def official_id(client: TestClient, unit: str, name: str) -> str:
    officials = client.get("/directory/officials").json()["items"]
    (found,) = [o["id"] for o in officials if o["name"] == name and o["unit"] == unit]
    return str(found)


def post(client: TestClient, path: str, body: dict) -> dict:
    response = client.post(path, json=body)
    assert response.status_code in (200, 201), response.text
    return response.json()


def raised(client: TestClient, description: str) -> str:
    return post(client, "/issues", {**RAISE, "description": description})["id"]


def assigned(client: TestClient, description: str, who: tuple[str, str], limit: str) -> str:
    issue_id = raised(client, description)
    body = {"responsible_person_id": official_id(client, *who), "time_limit": limit}
    post(client, f"/issues/{issue_id}/assignment", body)
    return issue_id


def workbook(client: TestClient, path: str, **params: str) -> openpyxl.Workbook:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def table(sheet) -> list[dict]:
    """The rows under the header (row 2), keyed by header."""
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.fixture
def ledger_year(client: TestClient, clock) -> dict[str, str]:
    """Four problems raised on Monday 28 September; one closed out the next day; then the
    clock stands on Friday 9 October."""
    ids = {
        "raised": raised(client, "退税进度咨询"),
        "green": assigned(client, "二期用地指标尚未落实", ZHAO, "2026-10-10"),
        "late": assigned(client, "环评批复等待时间过长", SUN, "2026-09-29"),
        "closed": assigned(client, "冷库用地性质需调整", ZHAO, "2026-10-20"),
    }
    post(client, f"/issues/{ids['closed']}/resolution", {"resolution": "已调整"})
    clock.advance(timedelta(days=1))
    post(client, f"/issues/{ids['closed']}/close-out", {"confirmed_by": "企业负责人"})
    post(client, f"/issues/{ids['green']}/progress", {"note": "已现场踏勘"})
    clock.set(datetime.fromisoformat("2026-10-09T10:00:00+08:00"))
    return ids


def test_the_ledger_workbook_holds_the_ledger_as_the_views_show_it(client, ledger_year):
    book = workbook(client, "/reports/ledger.xlsx")
    sheet = book["问题台账"]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:O6"
    assert sheet["A1"].value.startswith("问题台账（截至2026年10月9日")
    rows = {row["问题编号"]: row for row in table(sheet)}
    view = {i["id"]: i for i in client.get("/issues", params={"limit": 200}).json()["items"]}
    assert set(rows) == set(view) == set(ledger_year.values())
    for issue_id, issue in view.items():
        row = rows[issue_id]
        assert row["企业"] == issue["enterprise_name"]
        assert row["统一社会信用代码"] == issue["enterprise_code"]
        assert row["问题描述"] == issue["description"]
        assert row["责任单位"] == issue["responsible_unit"]
        assert row["红黄绿灯"] == LIGHTS.get(issue["light"])
        limit = row["办理时限"]
        assert (limit.date().isoformat() if limit else None) == issue["time_limit"]
    assert [r["序号"] for r in table(sheet)] == [1, 2, 3, 4]
    # by hand: 9 October, a Friday; 10 October a working Saturday
    late, green = rows[ledger_year["late"]], rows[ledger_year["green"]]
    assert (late["剩余/逾期工作日"], late["红黄绿灯"]) == (-3, "红灯")  # 30 Sep, 8 and 9 Oct
    assert (green["剩余/逾期工作日"], green["红黄绿灯"]) == (1, "黄灯")
    assert green["办理进展"] == "已交办：已现场踏勘"
    assert green["来源渠道"] == "12345热线"
    assert green["问题类别"] == "用地"
    closed = rows[ledger_year["closed"]]
    assert (closed["是否销号"], closed["销号日期"].date().isoformat()) == ("是", "2026-09-29")
    assert closed["剩余/逾期工作日"] is None
    assert rows[ledger_year["raised"]]["办理进展"] == "已受理"
    assert sheet.cell(3, 9).number_format == "yyyy-mm-dd"


def test_the_ledger_as_of_a_past_moment_shows_what_was_recorded_then(client, ledger_year):
    book = workbook(client, "/reports/ledger.xlsx", as_of="2026-09-28T23:00:00+08:00")
    rows = {row["问题编号"]: row for row in table(book["问题台账"])}
    closed, late = rows[ledger_year["closed"]], rows[ledger_year["late"]]
    assert (closed["是否销号"], closed["销号日期"], closed["办理进展"]) == (
        "否",
        None,
        "已办结：已调整",
    )
    assert (late["剩余/逾期工作日"], late["红黄绿灯"]) == (1, "黄灯")  # due the next day
    assert rows[ledger_year["green"]]["办理进展"] == "已交办"


def test_an_officer_exports_only_the_problems_of_their_units(client, directory, ledger_year):
    officer = directory.bearer("赵丽", Role.OFFICER)
    response = client.get("/reports/ledger.xlsx", headers=officer)
    rows = table(openpyxl.load_workbook(io.BytesIO(response.content))["问题台账"])
    assert {r["问题编号"] for r in rows} == {ledger_year["green"], ledger_year["closed"]}
    enterprise = enterprise_bearer(CODE, "示范新能源科技有限公司")
    assert client.get("/reports/ledger.xlsx", headers=enterprise).status_code == 403


def test_the_overdue_workbook_counts_as_the_overdue_board(client, ledger_year):
    book = workbook(client, "/reports/overdue.xlsx")
    board = client.get("/boards/overdue").json()["items"]
    summary = table(book["逾期情况汇总"])
    assert [
        (r["责任单位"], r["红灯（已逾期）"], r["黄灯（临近时限）"], r["绿灯"]) for r in summary
    ] == [(u["unit"], u["red"], u["yellow"], u["green"]) for u in board]
    assert [(r["责任单位"], r["红灯（已逾期）"]) for r in summary] == [(SUN[0], 1), (ZHAO[0], 0)]
    (overdue,) = table(book["逾期问题清单"])
    assert (overdue["问题编号"], overdue["剩余/逾期工作日"]) == (ledger_year["late"], -3)


def test_the_accountability_workbook_holds_each_units_figures_and_their_evidence(
    client, ledger_year
):
    book = workbook(client, "/reports/accountability.xlsx", period="2026")
    rows = {r["责任单位"]: r for r in table(book["各单位统计"])}
    assert set(rows) == {ZHAO[0], SUN[0]}
    for unit, row in rows.items():
        figures = client.get(f"/accountability/units/{quote(unit)}", params={"period": "2026"})
        values = {name: f["value"] for name, f in figures.json()["figures"].items()}
        assert row["受理问题"] == values["issues_received"]
        assert row["办结"] == values["issues_resolved"]
        assert row["按时办结率"] == values["on_time_rate"]
    assert (rows[ZHAO[0]]["受理问题"], rows[ZHAO[0]]["销号"]) == (2, 1)
    evidence = table(book["统计依据"])
    closing = [e for e in evidence if e["事项"] == "销号"]
    assert len(closing) == 1
    assert "将问题「冷库用地性质需调整」销号" in closing[0]["记录"]
    assert len([e for e in evidence if e["责任单位"] == ZHAO[0]]) == 2 + 1 + 1 + 1


def test_the_monthly_dispatch_measures_each_project_against_its_years_plan(client):
    project_id = register(client)
    post(client, f"/projects/{project_id}/annual-plan", {"year": 2026, "amount": 800_000_000})
    for month, to_date in (("2025-12", 100_000_000), ("2026-08", 300_000_000),
                           ("2026-09", 420_000_000)):  # fmt: skip
        body = {"month": month, "investment_to_date": to_date}
        post(client, f"/projects/{project_id}/progress", body)
    issue_id = post(
        client, "/issues", {**RAISE, "description": "施工用电接入慢", "project_id": project_id}
    )["id"]
    body = {"responsible_person_id": official_id(client, *ZHAO), "time_limit": "2026-10-10"}
    post(client, f"/issues/{issue_id}/assignment", body)
    book = workbook(client, "/reports/monthly-dispatch.xlsx", month="2026-09")
    (row,) = table(book["月调度"])
    view = client.get(f"/projects/{project_id}").json()
    assert row["项目名称"] == view["name"]
    assert row["总投资（万元）"] == view["total_investment"] / 10_000 == 350_000
    assert row["年度计划投资（万元）"] == 80_000
    assert row["本月完成（万元）"] == 12_000  # 4.2亿 − 3亿
    assert row["本年累计完成（万元）"] == 32_000  # 4.2亿 − 1亿 at the end of 2025
    assert row["年度完成率"] == 0.4
    assert row["开工以来累计完成（万元）"] == 42_000
    assert row["项目阶段"] == "储备"
    assert (row["列入年度项目表"], row["是否房地产"], row["服务联络员"]) == ("未列入", "否", None)
    assert row["存在问题"] == "1. 施工用电接入慢（市自然资源和规划局）"
    october = table(workbook(client, "/reports/monthly-dispatch.xlsx", month="2026-10")["月调度"])
    assert october[0]["本月完成（万元）"] is None
    assert "2026-10 未报送进度" in october[0]["形象进度"]
    assert (
        client.get("/reports/monthly-dispatch.xlsx", params={"month": "2026-13"}).status_code == 422
    )


def test_the_label_table_is_served_for_the_console(client):
    labels = client.get("/labels").json()
    assert labels["IssueStatus"]["closed"] == "已销号"
    assert labels["Channel"]["mayors_mailbox"] == "书记市长信箱"
    assert labels["Event"]["Issue.ClosedOut"] == "销号"
