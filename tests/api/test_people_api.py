"""Posts and ranks, the enterprise register and the coverage views over HTTP, on each store:
answers, problem details naming the rule, and nothing recorded by a refusal."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient
from stdnum.cn import uscc

from domain.access import Role
from tests.api.conftest import unit_id, who
from tests.directory import TestDirectory


def code(serial: int) -> str:
    body = f"91510800MA{serial:06d}X"[:17]
    return body + uscc.calc_check_digit(body)


def refused(answer: Any, status: int, rule: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["rule"] == rule


def head(services: Any) -> int:
    return services.office.recorder.max_notification_id() or 0


def enterprise(client: TestClient, serial: int, sector: str, key: bool = True) -> str:
    answer = client.post(
        "/enterprises",
        json={
            "credit_code": code(serial),
            "name": f"{sector}{serial}号企业",
            "region_code": "510802",
            "sector": sector,
            "above_scale": True,
            "key": key,
        },
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def test_an_official_is_registered_with_post_and_rank_and_a_chuzhang_is_refused(
    client: TestClient, directory: TestDirectory, services
):
    admin = directory.bearer("系统管理员", Role.ADMIN)
    tax = unit_id(client, "市税务局")
    made = client.post(
        "/directory/officials",
        json={"name": "钱卫东", "unit_id": tax, "title": "局长", "rank": "division_principal"},
        headers=admin,
    )
    assert made.status_code == 201, made.text
    listed = [
        o for o in client.get("/directory/officials").json()["items"] if o["name"] == "钱卫东"
    ]
    assert [(o["title"], o["rank"]) for o in listed] == [("局长", "division_principal")]
    before = head(services)
    body = {"name": "孙立", "unit_id": tax, "title": "征管处处长"}
    refused(
        client.post("/directory/officials", json=body, headers=admin),
        422,
        "city-division-is-section",
    )
    body = {"name": "孙立", "unit_id": tax, "title": "局长", "rank": "division_deputy"}
    refused(
        client.post("/directory/officials", json=body, headers=admin),
        422,
        "head-post-rank-mismatch",
    )
    body = {"name": "孙立", "unit_id": tax, "rank": "bureau_deputy"}
    refused(client.post("/directory/officials", json=body, headers=admin), 422, "rank-above-unit")
    assert head(services) == before


def test_a_change_of_post_is_recorded_and_an_unchanged_one_refused(
    client: TestClient, directory: TestDirectory, services
):
    admin = directory.bearer("系统管理员", Role.ADMIN)
    official = who(client, "吴涛")
    path = f"/directory/officials/{official}/post"
    body = {"title": "征管科科长", "rank": "section_principal", "reason": "市局任命"}
    assert client.post(path, json=body, headers=admin).status_code == 200
    refused(client.post(path, json=body, headers=admin), 409, "post-unchanged")
    body = {"title": "处长", "reason": "机构改革"}
    refused(client.post(path, json=body, headers=admin), 422, "city-division-is-section")
    refused(
        client.post(path, json={"title": "科长", "reason": " "}, headers=admin),
        422,
        "reason-required",
    )
    inspector = directory.bearer("审计员", Role.INSPECTOR)
    found = client.get("/audit/events", params={"aggregate_id": official}, headers=inspector)
    events = found.json()["items"]
    assert events[-1]["entry"]["description"] == (
        "市大数据中心 系统管理员 调整工作人员「吴涛」的职务职级为"
        "（征管科科长，乡科级正职）（理由：市局任命）"
    )


def test_the_register_records_and_lists_enterprises_and_refuses_by_rule(
    client: TestClient, directory: TestDirectory, services
):
    first = enterprise(client, 1, "装备制造")
    plain = enterprise(client, 2, "装备制造", key=False)
    got = client.get(f"/enterprises/{first}").json()
    assert (got["credit_code"], got["sector"], got["marks"]) == (
        code(1),
        "装备制造",
        "规上、重点企业",
    )
    keyed = client.get("/enterprises", params={"key": "true"}).json()["items"]
    assert [e["id"] for e in keyed] == [first]
    before = head(services)
    again = {"credit_code": code(1), "name": "另一家", "region_code": "510802", "sector": "建材"}
    refused(client.post("/enterprises", json=again), 409, "enterprise-already-registered")
    bad = {**again, "credit_code": code(3)[:-1] + ("0" if code(3)[-1] != "0" else "1")}
    refused(client.post("/enterprises", json=bad), 422, "invalid-credit-code")
    refused(
        client.post(
            "/enterprises", json={**again, "credit_code": code(3), "region_code": "899999"}
        ),
        422,
        "invalid-region-code",
    )
    leader = {"leader_id": who(client, "王建国")}
    refused(
        client.post(f"/enterprises/{plain}/contacts", json=leader),
        409,
        "contact-requires-key-enterprise",
    )
    refused(
        client.post(f"/enterprises/{first}/contacts", json={"leader_id": who(client, "李明")}),
        422,
        "contact-requires-government-leader",
    )
    refused(
        client.post(
            f"/enterprises/{first}/classification",
            json={"sector": "装备制造", "above_scale": True, "key": True},
        ),
        409,
        "classification-unchanged",
    )
    unknown = "00000000-0000-4000-8000-000000000000"
    refused(
        client.post(f"/enterprises/{unknown}/contacts", json=leader), 404, "enterprise-not-found"
    )
    refused(client.get(f"/enterprises/{unknown}"), 404, "enterprise-not-found")
    assert head(services) == before
    assert client.post(f"/enterprises/{first}/contacts", json=leader).status_code == 200
    refused(
        client.post(f"/enterprises/{first}/contacts", json=leader), 409, "contact-already-linked"
    )
    unkey = {"sector": "装备制造", "above_scale": True, "key": False}
    refused(
        client.post(f"/enterprises/{first}/classification", json=unkey),
        409,
        "key-enterprise-has-contacts",
    )
    removal = f"/enterprises/{first}/contacts/removal"
    refused(
        client.post(removal, json={"leader_id": who(client, "张伟"), "reason": "分工调整"}),
        409,
        "contact-not-linked",
    )
    assert client.post(removal, json={**leader, "reason": "分工调整"}).status_code == 200
    assert client.post(f"/enterprises/{first}/classification", json=unkey).status_code == 200
    history = client.get(f"/enterprises/{first}/events").json()["items"]
    assert [e["type"] for e in history] == [
        "Enterprise.Registered",
        "Enterprise.LeaderLinked",
        "Enterprise.LeaderUnlinked",
        "Enterprise.Reclassified",
    ]


def test_the_leader_view_lists_the_city_leaders_without_a_key_enterprise(
    client: TestClient, directory: TestDirectory
):
    first = enterprise(client, 1, "新能源")
    client.post(f"/enterprises/{first}/contacts", json={"leader_id": who(client, "王建国")})
    view = client.get("/coverage/leaders").json()
    # the test city's leaders (示范市人民政府), by name in code-point order: 张 < 王 < 马;
    # the neighbour city's are outside the desk's scope
    assert [
        (r["leader"], r["key_enterprises"], r["met"], r["status"]) for r in view["leaders"]
    ] == [
        ("张伟", [], False, "未联系重点企业"),
        ("王建国", ["新能源1号企业"], True, "已联系1家重点企业"),
        ("马骏", [], False, "未联系重点企业"),
    ]
    assert view["falling_short"] == ["张伟", "马骏"]
    assert view["rule"] == "市政府领导每人联系一家以上重点企业"


def test_the_industry_view_counts_enterprises_an_open_head_pairing_serves(
    client: TestClient, directory: TestDirectory
):
    admin = directory.bearer("系统管理员", Role.ADMIN)
    bureau = unit_id(client, "市经济和信息化局")
    for name, title, rank in (
        ("钱卫东", "局长", "division_principal"),
        ("孙立", "副局长", "division_deputy"),
    ):
        body = {"name": name, "unit_id": bureau, "title": title, "rank": rank}
        assert client.post("/directory/officials", json=body, headers=admin).status_code == 201
    for serial in (1, 2, 3):
        enterprise(client, serial, "装备制造", key=False)
    enterprise(client, 4, "新能源", key=False)
    pairings = {}
    for serial, official in ((1, "钱卫东"), (2, "钱卫东"), (3, "孙立")):
        answer = client.post(
            "/pairings",
            json={
                "mechanism": "department_head_enterprise",
                "official_id": who(client, official),
                "enterprise_code": code(serial),
                "enterprise_name": f"装备制造{serial}号企业",
                "start": "2026-09-01",
            },
        )
        assert answer.status_code == 201, answer.text
        pairings[serial] = answer.json()["id"]
    view = client.get("/coverage/industries", params={"minimum": 2}).json()
    # 装备制造: 1 and 2 served by the head (局长), 3 by a deputy, who is no head
    rows = [(r["sector"], r["served"], r["shortfall"], r["status"]) for r in view["industries"]]
    assert rows == [
        ("新能源", [], 2, "还差2家"),
        ("装备制造", ["装备制造1号企业", "装备制造2号企业"], 0, "达标"),
    ]
    assert view["falling_short"] == ["新能源"]
    client.post(f"/pairings/{pairings[2]}/end", json={"reason": "企业投产"})
    view = client.get("/coverage/industries").json()  # the seed's ten
    rows = [
        (r["sector"], len(r["served"]), r["shortfall"], r["status"]) for r in view["industries"]
    ]
    assert rows == [("新能源", 0, 10, "还差10家"), ("装备制造", 1, 9, "还差9家")]
    assert view["rule"] == "每个行业不少于10家企业由部门主要负责人结对帮扶"
    refused(client.get("/coverage/industries", params={"minimum": 0}), 400, "malformed-request")


def test_an_officer_may_not_keep_the_register_nor_read_the_coverage(
    client: TestClient, directory: TestDirectory
):
    officer = directory.bearer("李明", Role.OFFICER)
    body = {"credit_code": code(1), "name": "甲", "region_code": "510802", "sector": "建材"}
    assert client.post("/enterprises", json=body, headers=officer).status_code == 403
    assert client.get("/coverage/leaders", headers=officer).status_code == 403
