"""The urging notice (督办通知): issued for a miss the ladder took its urging-notice step on,
addressed from the directory, numbered per year, recorded, and rendered from the record."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from uuid import UUID

import docx
import pytest

from bootstrap.services import Services
from domain.errors import (
    UrgingNoticeAlreadyIssuedError,
    UrgingNoticeNotDueError,
    UrgingNoticeNotFoundError,
)
from domain.urging import Addressee
from domain.values import Channel, IssueCategory
from reports.urging_notice import issue_notice, notice_document
from tests.directory import official_named
from tests.reports.conftest import CODE, DESK, events

UNIT = "市自然资源和规划局"


def overdue_issue(
    services: Services, description: str = "二期用地指标尚未落实", limit: date = date(2026, 9, 29)
) -> UUID:
    office = services.office
    issue = office.raise_issue(
        DESK, channel=Channel.VISIT, category=IssueCategory.LAND, enterprise_code=CODE,
        enterprise_name="示范新能源科技有限公司", description=description,
    )  # fmt: skip
    office.accept_and_assign_issue(
        DESK, issue.id, responsible_person_id=official_named(services, "赵丽"), time_limit=limit
    )
    return issue.id


@pytest.fixture
def missed(services: Services, clock) -> list[UUID]:
    """Two problems due Tuesday 29 September, unmet on Friday 9 October, when the watcher has
    recorded the misses and taken the urging-notice step (the circular falls due on 13 Oct)."""
    ids = [overdue_issue(services), overdue_issue(services, "冷库用地性质需调整")]
    clock.set(datetime.fromisoformat("2026-10-09T10:00:00+08:00"))
    report = services.watcher.tick()
    assert (report.misses, report.steps) == (2, 2)
    return ids


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def test_a_notice_is_numbered_addressed_from_the_directory_and_recorded(services, missed):
    issued = issue_notice(services, DESK, missed[0])
    assert (issued.number, issued.key, issued.due) == (
        "示范督〔2026〕1号",
        "time_limit",
        date(2026, 9, 29),
    )
    issue = services.office.get_issue(issued.issue_id)
    assert issue.urged_limit == date(2026, 10, 15)  # 5 working days: 10, 12, 13, 14, 15 Oct
    recorded = services.office.repository.get(issued.issue_id)
    assert recorded.urging_notices == {"time_limit@2026-09-29": "示范督〔2026〕1号"}
    second = issue_notice(services, DESK, missed[1], new_time_limit=date(2026, 10, 20))
    assert second.number == "示范督〔2026〕2号"


def test_the_document_says_what_was_recorded(services, missed):
    issued = issue_notice(services, DESK, missed[0])
    before = events(services)
    text = paragraphs(notice_document(services, issued.issue_id))
    assert events(services) == before  # rendering records nothing
    assert text[0] == "示范市人民政府督查室"
    assert text[1] == "示范督〔2026〕1号"
    assert f"{UNIT}：" in text
    body = "\n".join(text)
    assert "于2026年9月28日交办你单位赵丽同志办理，办理时限为2026年9月29日" in body
    assert "截至2026年10月9日，该问题仍未办结，已逾期3个工作日" in body  # 30 Sep, 8 and 9 Oct
    assert "请于2026年10月15日前办结" in body
    assert f"送：赵丽同志（{UNIT}科长）、钱进同志（{UNIT}局长）。" in text
    assert "（经办人：许晓燕）" in text
    (history,) = docx.Document(io.BytesIO(notice_document(services, issued.issue_id))).tables
    rows = [[cell.text for cell in row.cells] for row in history.rows]
    assert [row[1] for row in rows] == ["事项", "登记问题", "受理交办", "逾期未办", "启动督办程序"]
    with services.read() as tx:
        said = [r[0] for r in tx.fetchall(
            "SELECT description FROM audit_index WHERE aggregate_id = ? ORDER BY position",
            [str(missed[0])],
        )]  # fmt: skip
    assert [row[2] for row in rows[1:]] == said[:4]


def test_a_miss_gets_one_notice_and_a_miss_without_the_step_none(services, missed, clock):
    issue_notice(services, DESK, missed[0])
    with pytest.raises(UrgingNoticeAlreadyIssuedError):
        issue_notice(services, DESK, missed[0], due=date(2026, 9, 29))
    fresh = overdue_issue(services, "排污许可证延续审批慢", date(2026, 10, 20))  # not missed
    before = events(services)
    with pytest.raises(UrgingNoticeNotDueError):
        issue_notice(services, DESK, fresh)
    assert events(services) == before
    with pytest.raises(UrgingNoticeNotFoundError):
        notice_document(services, fresh)


def test_notices_issued_at_once_never_share_a_number(services, clock):
    """The register's version decides: a notice that lost the race takes the next number.
    (Commands only: on SQLite a read model's catch-up racing a write waits on the file.)"""
    ids = [overdue_issue(services, f"问题{n}") for n in range(4)]
    clock.set(datetime.fromisoformat("2026-10-09T10:00:00+08:00"))
    services.watcher.tick()
    to = [Addressee("赵丽", "科长", UNIT)]

    def issue(issue_id: UUID) -> str:
        issued = services.office.issue_urging_notice(
            DESK, issue_id, key="time_limit", due=date(2026, 9, 29), addressees=to,
            number_pattern="示范督〔{year}〕{sequence}号",
        )  # fmt: skip
        return issued.urging_notices["time_limit@2026-09-29"]

    with ThreadPoolExecutor(4) as pool:
        numbers = list(pool.map(issue, ids))
    assert sorted(numbers) == [f"示范督〔2026〕{n}号" for n in range(1, 5)]
