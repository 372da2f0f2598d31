"""Tokens bound to the directory as it stands, revocable, of bounded lifetime, small however wide
the role reaches, and accepted only under the Bearer scheme."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import jwt
import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.auth import TokenLifetimeError, issue_token
from application.context import Actor, CommandContext
from bootstrap.services import Services
from domain.access import Role
from domain.directory import UnitLevel
from infrastructure import token_revocations
from infrastructure.settings import Settings
from projections.principals import Claims
from tests.api.clients import ReadingClient
from tests.directory import SECRET, TestDirectory, authorization

ADMIN = CommandContext(Actor("系统管理员", "市大数据中心"), "test")


def test_a_moved_official_loses_the_old_units_rights(
    client: TestClient, services: Services, directory: TestDirectory
):
    officer = directory.bearer("吴涛", Role.OFFICER)
    assert client.get("/issues", headers=officer).status_code == 200
    services.office.move_official(
        ADMIN,
        directory.people["吴涛"].official_id,
        unit_id=directory.units["市人社局"],
        reason="轮岗",
    )
    assert client.get("/issues", headers=officer).status_code == 401
    member = directory.people["吴涛"]
    anew = Claims(str(member.official_id), Role.OFFICER, str(directory.units["市人社局"]))
    assert client.get("/issues", headers=authorization(anew, timedelta(hours=1))).status_code == 200


def test_a_well_signed_token_for_someone_the_directory_does_not_know_is_refused(
    client: TestClient, directory: TestDirectory
):
    stranger = Claims(
        "00000000-0000-4000-8000-000000000000",
        Role.SUPERVISOR,
        str(directory.units["市政府督查室"]),
    )
    assert (
        client.get("/issues", headers=authorization(stranger, timedelta(hours=1))).status_code
        == 401
    )


def test_revoked_tokens_are_refused_from_then_on(
    client: TestClient, services: Services, directory: TestDirectory
):
    first, second = (directory.bearer("吴涛", Role.OFFICER) for _ in range(2))
    token_id = jwt.decode(first["Authorization"][7:], options={"verify_signature": False})["jti"]
    subject = str(directory.people["吴涛"].official_id)
    token_revocations.revoke(
        services.views, subject=subject, token_id=token_id, by="管理员", reason="遗失"
    )
    assert client.get("/issues", headers=first).status_code == 401
    assert client.get("/issues", headers=second).status_code == 200
    token_revocations.revoke(
        services.views, subject=subject, token_id=None, by="管理员", reason="离职"
    )
    assert client.get("/issues", headers=second).status_code == 401
    assert client.get("/issues").status_code == 200  # the desk's token is another subject's


def test_a_token_may_not_outlive_the_configured_maximum(
    client: TestClient, directory: TestDirectory
):
    member = directory.people["张三"]
    claims = Claims(str(member.official_id), Role.SUPERVISOR, str(member.unit_id))
    with pytest.raises(TokenLifetimeError):
        issue_token(SECRET, claims, timedelta(days=3650), max_lifetime=timedelta(days=7))
    long_lived = issue_token(SECRET, claims, timedelta(days=30), max_lifetime=timedelta(days=90))
    headers = {"Authorization": f"Bearer {long_lived}"}
    assert client.get("/issues", headers=headers).status_code == 401  # the server's max: 168 h


def test_only_the_bearer_scheme_is_accepted_in_any_case(client: TestClient):
    token = client.headers["Authorization"].removeprefix("Bearer ")
    for scheme, status in (("bearer", 200), ("BEARER", 200), ("Basic", 401), ("Token", 401)):
        response = client.get("/issues", headers={"Authorization": f"{scheme} {token}"})
        assert response.status_code == status, scheme
    assert client.get("/issues", headers={"Authorization": token}).status_code == 401


def test_a_supervisors_token_stays_small_however_wide_its_jurisdiction(
    client: TestClient, services: Services, directory: TestDirectory
):
    office = services.office
    province = office.register_unit(
        ADMIN, name="示范省人民政府", level=UnitLevel.PROVINCE, region_code="510000"
    )
    desk = office.register_unit(
        ADMIN, name="省委督查室", level=UnitLevel.DEPARTMENT, parent_id=province.id
    )
    unit_ids = {}
    for city in range(20):
        seat = office.register_unit(
            ADMIN, name=f"第{city}市人民政府", level=UnitLevel.CITY, parent_id=province.id
        )
        for department in range(15):
            name = f"第{city}市第{department}局"
            unit_ids[name] = office.register_unit(
                ADMIN, name=name, level=UnitLevel.DEPARTMENT, parent_id=seat.id
            ).id
    official = office.register_official(ADMIN, name="省督查员", unit_id=desk.id)
    headers = authorization(
        Claims(str(official.id), Role.SUPERVISOR, str(desk.id)), timedelta(hours=8)
    )
    token = headers["Authorization"].removeprefix("Bearer ")
    assert len(token) < 1024  # 322 units covered, none of them in the token
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert "scope" not in payload
    assert "scope" not in payload.get("extras", {})
    body = {
        "unit_id": str(unit_ids["第19市第14局"]),
        "kind": "policy_briefing",
        "title": "宣讲",
        "start": "2026-07-01",
    }
    assert client.post("/session-series", json=body, headers=headers).status_code == 201


def test_rate_limits_count_per_principal_and_a_429_says_when_to_retry(
    services: Services, directory: TestDirectory
):
    app = create_app(
        Settings(database_url="unused://", rate_limit_per_minute=3),
        services=services,
        jwt_secret=SECRET,
    )
    token = directory.bearer("张三", Role.SUPERVISOR)["Authorization"].removeprefix("Bearer ")
    with ReadingClient(app, services) as client:
        for scheme in ("Bearer", "bearer", "BEARER"):
            assert client.get("/issues", headers={"Authorization": f"{scheme} {token}"}).is_success
        refused = client.get("/issues", headers={"Authorization": f"bearer {token}"})
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0
        other = directory.bearer("审计员", Role.INSPECTOR)
        assert client.get("/issues", headers=other).status_code == 200
