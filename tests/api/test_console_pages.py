"""The console's ledger and an issue's forms through the test client: the total and the pages
of 20, the filters, the Excel export of exactly what the filter finds, a command given by form
(with its CSRF token, and refused without one), and a problem outside an officer's scope
answering as if it did not exist. On both stores: the ledger's filters are SQL."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from infrastructure import credentials
from tests.api.test_issues_api import RAISE, assign, raise_issue

PASSWORD = "correct horse battery"
RAISED, ASSIGNED = 25, 3  # raised on 2026-09-28 (the test clock), three of them assigned


@pytest.fixture
def ledger(client):
    """25 problems on the test city's ledger, 3 assigned to 赵丽; returns their ids."""
    ids = [raise_issue(client) for _ in range(RAISED)]
    for issue_id in ids[:ASSIGNED]:
        assign(client, issue_id)
    return ids


def signed_in(client, services, directory, name: str, role: str):
    credentials.set_password(services.views, str(directory.id(name)), role, PASSWORD, by="t")
    client.headers.pop("authorization", None)
    client.cookies.clear()
    token = re.search(r'name="_csrf_token" value="([^"]+)"', client.get("/").text)[1]
    form = {"_csrf_token": token, "login": name, "password": PASSWORD}
    assert client.post("/signin", data=form, follow_redirects=False).status_code == 303
    return client


@pytest.fixture
def desk(client, services, directory, ledger):
    return signed_in(client, services, directory, "张三", "supervisor")


def total(html: str) -> int:
    return int(re.search(r"共 (\d+) 件", html)[1])


def rows(html: str) -> int:
    return len(re.findall(r'<a href="/console/issues/[0-9a-f-]{36}">', html))


def test_the_ledger_counts_all_and_shows_twenty_a_page(desk):
    first = desk.get("/console/issues").text
    assert (total(first), rows(first)) == (RAISED, 20)
    second = desk.get("/console/issues?page=2").text
    assert rows(second) == RAISED - 20


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=assigned", ASSIGNED),
        ("status=raised", RAISED - ASSIGNED),
        ("status=closed", 0),
        ("unit=市自然资源和规划局", ASSIGNED),
        (f"enterprise={RAISE['enterprise_code']}", RAISED),
        ("from=2026-09-28&until=2026-09-28", RAISED),
        ("from=2026-09-29", 0),
        ("until=2026-09-27", 0),
        ("overdue=1", 0),
        ("channel=visit", RAISED),
        ("channel=hotline_12345", 0),
        ("channel=no-such-channel", RAISED),  # an unknown value filters nothing out
        ("category=land", RAISED),
        ("category=financing", 0),
        ("status=assigned&category=land&channel=visit", ASSIGNED),
    ],
)
def test_the_ledgers_filters(desk, query, expected):
    assert total(desk.get(f"/console/issues?{query}").text) == expected


def test_the_export_holds_exactly_what_the_filter_finds(desk):
    answer = desk.get("/console/issues.xlsx?status=assigned")
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert cells.count(RAISE["description"]) == ASSIGNED


def test_a_command_given_by_form_is_recorded(desk, ledger):
    issue = ledger[0]
    page = desk.get(f"/console/issues/{issue}").text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page)[1]
    form = {"_csrf_token": token, "resolution": "用地指标已下达"}
    answer = desk.post(f"/console/issues/{issue}/resolve", data=form, follow_redirects=False)
    assert answer.status_code == 303
    assert "已办结" in desk.get(f"/console/issues/{issue}").text


def test_a_form_without_its_csrf_token_records_nothing(desk, ledger, services):
    issue = ledger[0]
    before = services.office.recorder.max_notification_id()
    form = {"resolution": "用地指标已下达"}
    answer = desk.post(f"/console/issues/{issue}/resolve", data=form, follow_redirects=False)
    assert answer.status_code == 403
    assert services.office.recorder.max_notification_id() == before


def test_a_refused_command_answers_its_status_and_names_the_rule(desk, ledger):
    issue = ledger[ASSIGNED]  # raised, not resolved
    page = desk.get(f"/console/issues/{issue}").text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page)[1]
    form = {"_csrf_token": token, "confirmed_by": "企业负责人"}
    answer = desk.post(f"/console/issues/{issue}/close-out", data=form)
    assert answer.status_code == 409
    assert "close-out-requires-resolution" in answer.text


def test_a_problem_outside_an_officers_scope_answers_as_unknown(
    client, services, directory, ledger
):
    officer = signed_in(client, services, directory, "孙强", "officer")
    assert officer.get(f"/console/issues/{ledger[0]}").status_code == 404
    assert total(officer.get("/console/issues").text) < RAISED


def test_an_officer_is_refused_a_supervision_page(client, services, directory):
    officer = signed_in(client, services, directory, "赵丽", "officer")
    answer = officer.get("/console/overdue")
    assert answer.status_code == 403
    assert "无权查看" in answer.text


def test_the_audit_page_counts_the_whole_log_and_follows_its_next_link(
    client, services, directory, ledger
):
    for _ in range(100 - RAISED - ASSIGNED + 3):  # 103 events of the desk's: a page of 100
        raise_issue(client)
    desk = signed_in(client, services, directory, "张三", "supervisor")
    first = desk.get("/console/audit").text
    assert "共 103 条" in first
    assert first.count("<tr><td>") == 100
    following = re.search(r'<a href="(/console/audit\?[^"]*cursor=[^"]+)">下一页</a>', first)
    assert following is not None
    rest = desk.get(following[1].replace("&amp;", "&")).text
    assert "共 103 条" in rest
    assert rest.count("<tr><td>") == 3
    assert "下一页" not in rest


def test_a_tables_pages_are_numbered_and_together_hold_every_row(
    client, services, directory, ledger
):
    # 45 reviews of one unit: pages of 20, 20 and 5, each reached by 下一页; 上一页 after the first
    unit = "市自然资源和规划局"
    body = {"subject_kind": "unit", "subject_id": unit, "subject_unit": unit, "channel": "app"}
    for n in range(45):
        answer = client.post("/reviews", json={**body, "level": 1 + n % 5, "comment": f"第{n}条"})
        assert answer.status_code == 201, answer.text
    desk = signed_in(client, services, directory, "张三", "supervisor")
    seen: list[str] = []
    path = "/console/reviews"
    for number, count in ((1, 20), (2, 20), (3, 5)):
        html = desk.get(path).text
        assert "共 45 条" in html
        assert f"第 {number} / 3 页" in html
        comments = re.findall(r"<td>(第\d+条)</td>", html)
        assert len(comments) == count
        seen += comments
        assert ("上一页" in html) == (number > 1)
        following = re.search(r'<a href="([^"]+)">下一页</a>', html)
        assert (following is not None) == (number < 3)
        if following:
            path = following[1].replace("&amp;", "&")
    assert sorted(seen) == sorted(f"第{n}条" for n in range(45))  # each once, none missed
    assert "第 1 / 3 页" in desk.get("/console/reviews?page=0").text  # not a page: the first
