"""Assessment schemes and veto exemptions (情况说明) over HTTP, on each store: each refusal
answers problem details naming its rule and saves nothing."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from bootstrap.services import Services
from domain.access import Role
from domain.scheme_reading import read_scheme
from tests.api.conftest import unit_id, who
from tests.api.test_assessment_api import SMALL, problem, saved
from tests.directory import TestDirectory

ON_SITE_UNIT = "市发展改革委"  # SMALL's monthly on-site meetings bind it


def exemption(client: TestClient, **fields: Any) -> Any:
    body = {
        "unit_id": unit_id(client, ON_SITE_UNIT), "requirement": "on_site",
        "period": "2026-08", "document": "关于8月现场办公会因防汛应急取消的情况说明",
        "approver_id": who(client, "主任"), "reason": "全市启动防汛Ⅱ级应急响应", **fields,
    }  # fmt: skip
    return client.post("/veto-exemptions", json=body)


def test_the_shipped_schemes_are_listed_by_year(client: TestClient):
    listed = client.get("/assessment-schemes").json()["items"]
    assert [s["year"] for s in listed] == [2025, 2026]
    assert all(s["version"] and s["title"] for s in listed)


def test_a_schemes_whole_text_answers_by_year_and_an_unknown_year_is_refused(
    client: TestClient, services: Services
):
    services.office.schemes = {2026: read_scheme(SMALL)}
    assert client.get("/assessment-schemes").json()["items"] == [
        {"year": 2026, "version": "api.1", "title": "接口测试考核方案"}
    ]
    scheme = client.get("/assessment-schemes/2026").json()
    assert [(i["id"], i["weight"], i["separate"]) for i in scheme["indicator"]] == [
        ("resolution", 60.0, False),
        ("sessions", 40.0, False),
        ("close_out", 2.0, True),
    ]
    assert [(r["id"], r["cadence"]) for r in scheme["requirement"]] == [
        ("industry", "quarterly"),
        ("on_site", "monthly"),
    ]
    assert (scheme["cutoff_days"], scheme["lists"]["good_top"]) == (5, 1)
    problem(client.get("/assessment-schemes/1999"), 422, "assessment-scheme-not-found")


def test_schemes_are_read_by_supervision_only(client: TestClient, directory: TestDirectory):
    inspector = directory.bearer("审计员", Role.INSPECTOR)
    assert client.get("/assessment-schemes/2026", headers=inspector).status_code == 200
    officer = directory.bearer("李明", Role.OFFICER)
    assert client.get("/assessment-schemes", headers=officer).status_code == 403


def test_an_exemption_names_a_requirement_of_the_scheme_binding_the_unit_in_its_rhythm(
    client: TestClient, services: Services, head: int
):
    services.office.schemes = {2026: read_scheme(SMALL)}
    problem(exemption(client, requirement="nothing"), 422, "unknown-requirement")
    problem(exemption(client, period="2026-Q3"), 422, "invalid-period")  # monthly, not by quarter
    problem(exemption(client, requirement="industry", period="2026-Q3"), 422,
            "requirement-not-binding")  # fmt: skip
    problem(exemption(client, approver_id=who(client, "张三")), 422, "approver-is-actor")
    problem(exemption(client, period="2025-08"), 422, "assessment-scheme-not-found")
    neighbour = unit_id(client, "邻市税务局")
    problem(exemption(client, unit_id=neighbour), 403, "out-of-scope")
    assert exemption(client, period="2026-8").status_code == 400
    assert saved(services) == head


def test_an_exemption_revoked_twice_is_refused_and_granted_again_after(
    client: TestClient, services: Services
):
    services.office.schemes = {2026: read_scheme(SMALL)}
    granted = exemption(client)
    assert granted.status_code == 201, granted.text
    body = granted.json()
    assert (body["unit"], body["period"], body["granted"]) == (ON_SITE_UNIT, "2026-08", True)
    revoke = f"/veto-exemptions/{body['id']}/revocation"
    revoked = client.post(revoke, json={"reason": "会议可以改期召开"})
    assert (revoked.status_code, revoked.json()["granted"]) == (200, False)
    before = saved(services)
    problem(client.post(revoke, json={"reason": "再次撤销"}), 409, "veto-exemption-not-granted")
    assert saved(services) == before
    again = exemption(client, document="补充情况说明")
    assert (again.status_code, again.json()["id"], again.json()["granted"]) == (
        201,
        body["id"],
        True,
    )
    problem(exemption(client), 409, "veto-exemption-already-granted")
    listed = client.get("/veto-exemptions", params={"year": "2026"}).json()["items"]
    assert [(e["requirement"], e["document"]) for e in listed] == [("on_site", "补充情况说明")]
    missing = "/veto-exemptions/00000000-0000-4000-8000-000000000000/revocation"
    problem(client.post(missing, json={"reason": "撤销"}), 404, "veto-exemption-not-found")
