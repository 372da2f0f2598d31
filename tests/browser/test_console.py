"""The console in a real browser, as three people of the demo city use it: 赵丽 (an officer of
市自然资源和规划局), 许晓燕 (the supervision office, 市政府督查室) and 审计员 (an inspector).
What each may see and do is the access policy's; these tests hold the pages to it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

OFFICER, SUPERVISOR, INSPECTOR = "赵丽", "许晓燕", "审计员"
OFFICER_UNIT = "市自然资源和规划局"
# the navigation each role is offered: every page's roles are its API route's
SUPERVISION_ONLY = [
    "项目月调度",
    "一票否决核查",
    "好差评排名",
    "逾期看板",
    "审计日志",
    "哈希链核验",
    "访问记录",
]
EVERYONE = ["总览", "问题台账", "重大项目", "结对帮扶", "政企会议", "银企对接", "好差评"]


def nav_texts(page) -> list[str]:
    return page.locator("nav[aria-label='主导航'] a").all_inner_texts()


def total_of(page) -> int:
    text = page.locator("#ledger-total").inner_text()
    return int(re.search(r"共 (\d+) 件", text)[1])


def test_the_front_door_is_the_sign_in_page(new_page):
    page = new_page()
    page.goto("/")
    assert page.title() == "登录 · 督办"
    assert page.get_by_label("姓名或人员编号").is_visible()


def test_a_wrong_password_is_refused_in_chinese_and_nothing_opens(new_page):
    page = new_page()
    sign_in(page, OFFICER, "not-the-password")
    assert page.get_by_role("alert").inner_text() == "姓名或密码不正确。"
    page.goto("/console/issues")
    assert page.url.endswith("/")  # sent back to sign in


def test_an_officer_sees_its_units_problems_and_no_supervision_page(new_page):
    page = new_page()
    sign_in(page, OFFICER)
    assert page.url.endswith("/console/")
    links = nav_texts(page)
    assert all(text in links for text in EVERYONE)
    assert not any(text in links for text in SUPERVISION_ONLY)
    page.goto("/console/issues")
    units = page.locator("tbody tr td:nth-child(4)").all_inner_texts()
    assert OFFICER_UNIT in units  # and those it handed on or assists with: the policy's
    everything = new_page()
    sign_in(everything, INSPECTOR)
    everything.goto("/console/issues")
    assert total_of(page) < total_of(everything)
    answer = page.goto("/console/audit")
    assert answer.status == 403
    assert "无权查看" in page.locator("h1").inner_text()


def test_a_supervisor_sees_the_whole_citys_ledger_and_its_own_pages(new_page):
    officer = new_page()
    sign_in(officer, OFFICER)
    officer.goto("/console/issues")
    page = new_page()
    sign_in(page, SUPERVISOR)
    links = nav_texts(page)
    assert all(text in links for text in SUPERVISION_ONLY)
    page.goto("/console/issues")
    assert total_of(page) > total_of(officer)
    assert page.goto("/console/audit").status == 200
    assert page.goto("/console/overdue").status == 200


def test_an_inspector_reads_everything_and_is_offered_no_command(new_page):
    page = new_page()
    sign_in(page, INSPECTOR)
    page.goto("/console/issues")
    page.locator("tbody tr td:nth-child(2) a").first.click()
    assert page.locator("#issue-status").is_visible()
    assert page.locator("section.commands").count() == 0
    for path in ("/console/audit", "/console/verify", "/console/access-log"):
        assert page.goto(path).status == 200, path


def test_an_officer_resolves_a_problem_through_the_form_and_the_timeline_shows_it(new_page):
    page = new_page()
    sign_in(page, OFFICER)
    page.goto("/console/issues?status=assigned")
    page.locator("tbody tr td:nth-child(2) a").first.click()
    assert page.locator("#issue-status").inner_text() == "已交办"
    page.locator("summary", has_text="办结").first.click()
    page.get_by_label("办理结果").fill("已协调出让用地指标，企业确认")
    page.get_by_role("button", name="办结", exact=True).click()
    expect(page.locator("#issue-status")).to_have_text("已办结")
    assert "min_position=" in page.url  # the page after the form waits for its own write
    newest = page.locator("table.timeline tbody tr").first
    assert newest.locator("td").nth(2).inner_text() == "办结"
    assert "赵丽" in newest.locator("td").nth(3).inner_text()
    assert newest.locator("td").nth(1).inner_text().startswith("2026-12-21")


def test_a_refused_close_out_shows_the_rule_and_records_nothing(new_page):
    page = new_page()
    sign_in(page, SUPERVISOR)
    page.goto("/console/issues?status=assigned&unit=市发展改革委")  # not the officer's unit
    page.locator("tbody tr td:nth-child(2) a").first.click()
    before = page.locator("table.timeline tbody tr").count()
    page.locator("summary", has_text="销号").click()
    page.get_by_label("企业确认人").fill("企业负责人")
    page.get_by_role("button", name="销号", exact=True).click()
    refusal = page.locator("#refusal")
    assert "问题办结或解释后方可销号" in refusal.inner_text()
    assert "close-out-requires-resolution" in refusal.inner_text()
    assert page.locator("#issue-status").inner_text() == "已交办"
    assert page.locator("table.timeline tbody tr").count() == before


def test_the_as_of_control_shows_a_closed_problem_as_it_stood_when_raised(new_page):
    page = new_page()
    sign_in(page, SUPERVISOR)
    page.goto("/console/issues?status=closed")
    page.locator("tbody tr td:nth-child(2) a").first.click()
    assert page.locator("#issue-status").inner_text() == "已销号"
    raised_on = page.locator("table.timeline tbody tr").last.locator("td").nth(1).inner_text()
    page.get_by_label("查看某日的记录状态").fill(raised_on[:10])
    page.get_by_role("button", name="回放").click()
    expect(page.locator(".asof")).to_be_visible()  # waits for the replayed page
    expect(page.locator("#issue-status")).not_to_have_text("已销号")
    assert page.locator("table.timeline tbody tr").count() < 4


def test_an_officer_is_not_offered_the_as_of_control(new_page):
    page = new_page()
    sign_in(page, OFFICER)
    page.goto("/console/issues")
    page.locator("tbody tr td:nth-child(2) a").first.click()
    assert page.get_by_label("查看某日的记录状态").count() == 0


def test_filtering_the_ledger_refreshes_its_results_in_place(new_page):
    page = new_page()
    sign_in(page, SUPERVISOR)
    page.goto("/console/issues")
    everything = total_of(page)
    page.get_by_label("状态").select_option("closed")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/console/issues?status=closed**")
    closed = total_of(page)
    assert 0 < closed < everything
    statuses = page.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert set(statuses) == {"已销号"}


def test_a_long_table_is_read_page_by_page(new_page):
    page = new_page()
    sign_in(page, INSPECTOR)
    page.goto("/console/reviews")
    listed = int(re.search(r"共 (\d+) 条", page.locator("main").inner_text())[1])
    pages = -(-listed // 20)
    assert pages > 1, "the demo year holds more reviews than one page shows"
    pager = page.locator("nav.pages")
    expect(pager).to_contain_text(f"第 1 / {pages} 页")
    assert pager.get_by_role("link", name="上一页").count() == 0
    shown = page.locator("main table tbody tr").count()
    for number in range(2, pages + 1):
        pager.get_by_role("link", name="下一页").click()
        expect(pager).to_contain_text(f"第 {number} / {pages} 页")
        shown += page.locator("main table tbody tr").count()
    assert pager.get_by_role("link", name="下一页").count() == 0
    assert shown == listed  # every review on exactly one page
    pager.get_by_role("link", name="上一页").click()
    expect(pager).to_contain_text(f"第 {pages - 1} / {pages} 页")
