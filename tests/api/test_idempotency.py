"""Idempotency keys saved with the command's events: retries answer once, per principal, and
survive a crash between the save and the answer."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from typing import Any

from litestar.testing import TestClient

from bootstrap.services import Services
from domain.access import Role
from infrastructure.database import DatabaseTarget
from tests.api.conftest import CODE
from tests.directory import TestDirectory

BODY = {
    "channel": "visit",
    "category": "land",
    "enterprise_code": CODE,
    "enterprise_name": "企业",
    "description": "一次",
}


def test_a_retried_command_with_the_same_key_is_recorded_once_even_concurrently(
    client: TestClient, services: Services, head: int
):
    headers = {"Idempotency-Key": "raise-0001"}
    answers: list[Any] = []

    def send() -> None:
        answers.append(client.post("/issues", json=BODY, headers=headers))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    assert services.office.recorder.max_notification_id() == head + 1
    again = client.post("/issues", json=BODY, headers=headers)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == answers[0].json()
    reused = client.post("/issues", json={**BODY, "description": "另一件"}, headers=headers)
    assert reused.status_code == 422
    assert reused.json()["rule"] == "idempotency-key-reused"
    assert services.office.recorder.max_notification_id() == head + 1


def test_keys_belong_to_the_principal_not_to_the_header_text(
    client: TestClient, services: Services, directory: TestDirectory, head: int
):
    token = client.headers["Authorization"].removeprefix("Bearer ")
    first = client.post(
        "/issues", json=BODY, headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k"}
    )
    retried = client.post(
        "/issues", json=BODY, headers={"Authorization": f"bearer {token}", "Idempotency-Key": "k"}
    )
    assert retried.headers.get("idempotent-replayed") == "true"
    assert retried.json()["id"] == first.json()["id"]
    another = directory.bearer("审计员", Role.SUPERVISOR) | {"Idempotency-Key": "k"}
    theirs = client.post("/issues", json=BODY, headers=another)
    assert theirs.status_code == 201
    assert "idempotent-replayed" not in theirs.headers
    assert theirs.json()["id"] != first.json()["id"]  # never someone else's answer
    assert services.office.recorder.max_notification_id() == head + 2


def test_a_retry_after_a_crash_between_the_save_and_the_answer_gets_the_first_answer(
    client: TestClient, services: Services, target: DatabaseTarget, head: int
):
    body = json.dumps(BODY, ensure_ascii=False).encode()
    headers = {
        "Authorization": client.headers["Authorization"],
        "Idempotency-Key": "crash-0001",
        "Content-Type": "application/json",
    }
    crashed = subprocess.run(  # noqa: S603 - the test's own interpreter and script
        [sys.executable, "-c", CRASHING_SERVER, _url(target), json.dumps(headers)],
        input=body,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert crashed.returncode == -9, crashed.stderr.decode()[-2000:]
    assert services.office.recorder.max_notification_id() == head + 1  # saved, unanswered
    retry = client.post("/issues", content=body, headers=headers)
    assert retry.status_code == 201, retry.text
    assert retry.headers["idempotent-replayed"] == "true"
    (stored,) = list(services.office.events.get(_uuid(retry.json()["id"])))
    assert stored.description == "一次"
    assert services.office.recorder.max_notification_id() == head + 1


# The server as in production, except that answering a raised issue kills its process: the
# command has been saved (with its key), the answer never leaves.
CRASHING_SERVER = textwrap.dedent(
    """
    import json, os, signal, sys
    from datetime import UTC, datetime
    from tests.api.clients import ReadingClient
    import api.issues
    from api.app import create_app
    from bootstrap.services import Services
    from infrastructure.clock import FrozenClock
    from infrastructure.database import parse_database_url
    from infrastructure.settings import Settings
    from tests.directory import SECRET

    def crash(issue):
        os.kill(os.getpid(), signal.SIGKILL)

    api.issues.summarise = crash
    clock = FrozenClock(datetime(2026, 9, 28, 2, 0, tzinfo=UTC))
    services = Services.open(parse_database_url(sys.argv[1]), clock, 2)
    app = create_app(Settings(database_url="unused://"), services=services, jwt_secret=SECRET)
    with ReadingClient(app, services) as client:
        client.post("/issues", content=sys.stdin.buffer.read(), headers=json.loads(sys.argv[2]))
    """
)


def _url(target: DatabaseTarget) -> str:
    if target.sqlite_path is not None:
        return f"sqlite:///{target.sqlite_path}"
    return f"postgresql://{target.user}@{target.host}:{target.port}/{target.dbname}?schema={target.schema}"


def _uuid(text: str) -> Any:
    from uuid import UUID

    return UUID(text)
