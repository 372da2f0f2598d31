"""Group commit on PostgreSQL: many concurrent commands, fewer transactions, every command
answered on its own, the chain one unbroken chain, and a lost race still refused."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from application.back_office import BackOffice
from domain.errors import ConcurrentWriteError
from domain.values import Channel, IssueCategory
from infrastructure.eventstore.verify import verify_store
from tests.conftest import opened_office
from tests.integration.test_read_models import assign_directly

pytestmark = pytest.mark.postgres
CODE = "91110000600037341L"


def _raise(office: BackOffice, officer, start: threading.Barrier):  # type: ignore[no-untyped-def]
    start.wait()
    return office.raise_issue(
        officer,
        channel=Channel.HOTLINE_12345,
        category=IssueCategory.PERMITS,
        enterprise_code=CODE,
        enterprise_name="利州食品股份有限公司",
        description="施工许可办理慢",
    )


@pytest.fixture
def pg_office(postgres_target, clock):  # type: ignore[no-untyped-def]
    yield from opened_office(postgres_target, clock, pool_size=16)


def test_concurrent_commands_share_transactions_and_each_is_recorded(
    pg_office: BackOffice, officer, postgres_target
):
    threads = 16
    start = threading.Barrier(threads)
    commits_before, saves_before = _commit_metrics()
    with ThreadPoolExecutor(threads) as pool:
        issues = list(pool.map(lambda _: _raise(pg_office, officer, start), range(threads * 4)))

    group = pg_office.recorder._group  # type: ignore[attr-defined]
    assert group.saves == threads * 4
    assert group.groups < group.saves  # some commands were committed together
    # /metrics: one observation a commit, of how many commands it wrote; 64 in all
    commits_after, saves_after = _commit_metrics()
    assert commits_after - commits_before == group.groups
    assert saves_after - saves_before == 64
    assert {pg_office.get_issue(i.id).description for i in issues} == {"施工许可办理慢"}
    assert pg_office.recorder.max_notification_id() == threads * 4
    verdict = verify_store(postgres_target)
    assert verdict.intact, verdict.summary()


def _commit_metrics() -> tuple[float, float]:
    """duban_event_store_commit_saves: (commits observed, commands they wrote)."""
    from infrastructure.metrics import REGISTRY

    count = REGISTRY.get_sample_value("duban_event_store_commit_saves_count") or 0.0
    total = REGISTRY.get_sample_value("duban_event_store_commit_saves_sum") or 0.0
    return count, total


def test_two_commands_racing_on_one_issue_one_is_refused(pg_office: BackOffice, officer):
    issue = _raise(pg_office, officer, threading.Barrier(1))
    assign_directly(pg_office, officer, issue.id, "市自规局", "赵丽", date(2026, 10, 30))
    loaded = [pg_office.get_issue(issue.id) for _ in range(2)]
    env = pg_office.envelope(officer)
    for copy in loaded:
        copy.note_progress(env, note="进展")
    start = threading.Barrier(2)

    def save(n: int) -> str:
        start.wait()
        try:
            pg_office.store(officer, loaded[n], "note_issue_progress")
        except ConcurrentWriteError:
            return "refused"
        return "recorded"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(save, range(2)))

    assert outcomes == ["recorded", "refused"]
    assert pg_office.get_issue(issue.id).version == 3
