"""Word documents over HTTP: the circular read against the views it summarises, and an urging
notice issued, refused, and rendered from the record."""

from __future__ import annotations

import io
from urllib.parse import quote

import docx
from litestar.testing import TestClient

from domain.access import Role
from tests.api.test_reports_api import SUN, ZHAO, post
from tests.api.test_reports_api import ledger_year as ledger_year  # a fixture these tests share


def document(client: TestClient, path: str, **params: str) -> docx.document.Document:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return docx.Document(io.BytesIO(response.content))


def review(client: TestClient, unit: str, level: int) -> None:
    body = {"subject_kind": "unit", "subject_id": unit, "subject_unit": unit, "channel": "app"}
    post(client, "/reviews", {**body, "level": level})


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows][1:]


def test_the_circular_holds_the_figures_of_the_views(client, ledger_year, cjk_font):
    # ten reviews each, the rankings' minimum sample: satisfied 100%, 90%, 80%, 60%, 50%
    for unit, levels in (
        (ZHAO[0], [1] * 10),
        (SUN[0], [1] * 9 + [5]),
        ("市税务局", [1] * 8 + [4] * 2),
        ("市人社局", [2] * 6 + [5] * 4),
        ("市住建局", [2] * 5 + [4] * 5),
    ):
        for level in levels:
            review(client, unit, level)
    paper = document(client, "/reports/circular.docx", period="2026")
    text = [p.text for p in paper.paragraphs]
    assert "关于2026年度政企服务工作情况的通报" in text
    figures = {}
    for unit in (ZHAO[0], SUN[0]):
        answer = client.get(f"/accountability/units/{quote(unit)}", params={"period": "2026"})
        figures[unit] = {name: f["value"] for name, f in answer.json()["figures"].items()}
    counts = ("issues_received", "issues_resolved", "time_limits_due", "handled_on_time",
              "handled_late", "time_limits_missed_open")  # fmt: skip
    total = {name: sum(f[name] for f in figures.values()) for name in counts}
    received, resolved, due = (
        total["issues_received"],
        total["issues_resolved"],
        total["time_limits_due"],
    )
    assert (received, resolved, due, total["handled_on_time"]) == (3, 1, 2, 1)
    missed = total["handled_late"] + total["time_limits_missed_open"]
    red = sum(u["red"] for u in client.get("/boards/overdue").json()["items"])
    assert (
        f"各单位共受理企业问题{received}件，办结{resolved}件，办结率33.3%；办理时限到期{due}件，"
        f"按时办结率50.0%，超时办结或逾期未办结{missed}件。截至2026年10月9日，仍有{red}件问题"
        "逾期未办结。"
    ) in "\n".join(text)
    units, overdue = paper.tables[0], paper.tables[1]
    assert rows(units) == [
        ["1", ZHAO[0], "2", "1", "100.0%", "0"],
        ["2", SUN[0], "1", "0", "0.0%", "1"],
    ]
    assert rows(overdue) == [
        [SUN[0], "环评批复等待时间过长", "示范新能源科技有限公司", "2026-09-29", "3"]
    ]
    ranking = client.get("/rankings", params={"period": "2026", "n": 3}).json()
    good, bad = "、".join(ranking["good_list"]), "、".join(ranking["bad_list"])
    assert (good, bad) == (f"{ZHAO[0]}、{SUN[0]}、市税务局", "市住建局、市人社局")
    assert f"共收到好差评50条。满意率前列的单位：{good}；满意率靠后的单位：{bad}。" in "\n".join(
        text
    )
    assert "五、考核结果\n本期考核结果尚未公布。" in "\n".join(text)  # none published yet
    assert len(paper.inline_shapes) == 2  # the trend and the on-time rates
    then = document(
        client, "/reports/circular.docx", period="2026", as_of="2026-09-28T23:00:00+08:00"
    )
    said = "\n".join(p.text for p in then.paragraphs)
    assert "截至2026年9月28日，仍有0件问题逾期未办结" in said  # due the next day
    assert "共收到好差评0条" in said  # the reviews came on 9 October


def test_an_urging_notice_is_issued_once_by_the_supervision_office_and_rendered(
    client, services, directory, ledger_year
):
    late = ledger_year["late"]
    services.watcher.tick()  # 9 October: the miss of 29 September and its urging-notice step
    officer = directory.bearer("李明", Role.OFFICER)
    refused = client.post(f"/reports/urging-notices/{late}", json={}, headers=officer)
    assert refused.status_code == 403
    issued = client.post(f"/reports/urging-notices/{late}", json={"working_days": 3})
    assert issued.status_code == 201, issued.text
    answer = issued.json()
    assert (answer["number"], answer["due"]) == ("示范督〔2026〕1号", "2026-09-29")
    again = client.post(f"/reports/urging-notices/{late}", json={})
    assert (again.status_code, again.json()["rule"]) == (409, "urging-notice-already-issued")
    early = client.post(f"/reports/urging-notices/{ledger_year['green']}", json={})
    assert (early.status_code, early.json()["rule"]) == (409, "urging-notice-not-due")
    paper = document(client, answer["document"].split("?")[0], due="2026-09-29")
    text = "\n".join(p.text for p in paper.paragraphs)
    assert "示范督〔2026〕1号" in text
    assert "请于2026年10月13日前办结" in text  # 3 working days: Saturday 10 (worked), 12, 13
    assert f"送：孙强同志（{SUN[0]}）。" in text  # the directory knows no one: no post
    events = client.get(f"/issues/{late}/events").json()["items"]
    assert [e["type"] for e in events][-3:] == [
        "Issue.DeadlineMissed",
        "Issue.EscalationStepTaken",
        "Issue.UrgingNoticeIssued",
    ]
    other = directory.bearer("赵丽", Role.OFFICER)
    hidden = client.get(f"/reports/urging-notices/{late}/document.docx", headers=other)
    assert hidden.status_code == 404
