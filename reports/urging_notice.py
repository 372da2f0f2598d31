"""The urging notice (督办通知): issued for a missed deadline whose urging-notice step the
escalation ladder took, addressed from the directory to the responsible official and the
leader of their unit by name and post, numbered from the year's register, recorded as an
event on the issue — and rendered, now or later, from what was recorded, never renumbered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import msgspec

from application.context import CommandContext
from bootstrap.services import Services
from domain.calendar import working_days_between
from domain.deadlines import miss_key
from domain.errors import CalendarYearUnknownError, UrgingNoticeNotFoundError
from domain.issue import Issue
from domain.labels import event_label, label_of
from domain.urging import URGING_NOTICE_STEP, Addressee
from domain.values import SHANGHAI, Channel, IssueCategory
from infrastructure.view_store import Tx
from projections.description_lines import deadline_label
from projections.directory_view import DirectoryView
from reports.documents import chinese_date, render, template

_NOTICES = (
    "SELECT position, version, recorded_at, actor, data FROM audit_index"
    " WHERE aggregate_id = ? AND event_type = 'UrgingNoticeIssued' ORDER BY position"
)
_HISTORY = (
    "SELECT event_type, business_date, recorded_at, description FROM audit_index"
    " WHERE aggregate_id = ? AND position < ? ORDER BY position"
)


@dataclass(frozen=True)
class IssuedNotice:
    issue_id: UUID
    number: str
    key: str
    due: date


def addressees(tx: Tx, unit: str, person: str, head_posts: tuple[str, ...]) -> list[Addressee]:
    """The responsible official, and the unit's leader: an official whose post is a head's
    (局长, 主任 …, not a deputy's 副…). Someone the directory does not know is named without
    a post rather than left out."""
    officials = DirectoryView.officials_in(tx, unit)
    posts = dict(officials)
    found = [Addressee(person, posts.get(person, ""), unit)]
    for name, post in officials:
        head = post.endswith(head_posts) and not post.startswith("副")
        if head and name != person:
            found.append(Addressee(name, post, unit))
            break
    return found


def issue_notice(
    services: Services,
    ctx: CommandContext,
    issue_id: UUID,
    *,
    due: date | None = None,
    new_time_limit: date | None = None,
    working_days: int | None = None,
) -> IssuedNotice:
    """Issue the notice of the issue's latest miss awaiting one (or the miss due ``due``)."""
    office, policy = services.office, services.documents
    issue = office.get_issue(issue_id)
    key, due = _miss(issue, due)
    if new_time_limit is None and working_days is None and policy.urging_new_limit_working_days:
        working_days = policy.urging_new_limit_working_days
    with services.read() as tx:
        to = addressees(
            tx, issue.responsible_unit or "", issue.responsible_person or "", policy.head_posts
        )
    issued = office.issue_urging_notice(
        ctx, issue_id, key=key, due=due, addressees=to, number_pattern=policy.urging_number,
        new_time_limit=new_time_limit, working_days=working_days,
    )  # fmt: skip
    return IssuedNotice(issue_id, issued.urging_notices[miss_key(key, due)], key, due)


def _miss(issue: Issue, due: date | None) -> tuple[str, date]:
    waiting = [
        miss
        for miss_key, miss in issue.missed_deadlines.items()
        if URGING_NOTICE_STEP in miss.steps
        and not miss.withdrawn
        and miss_key not in issue.urging_notices
        and due in (None, miss.due)
    ]
    if not waiting:
        # the domain refuses it, with the rule and what it found
        return "time_limit", due or issue.time_limit or date.min
    latest = max(waiting, key=lambda miss: miss.due)
    return latest.key, latest.due


def notice_document(services: Services, issue_id: UUID, due: date | None = None) -> bytes:
    """The recorded notice (of the miss due ``due``, else the latest) as a Word document."""
    with services.read() as tx:
        notices = tx.fetchall(_NOTICES, [str(issue_id)])
        chosen = [
            n for n in notices if due is None or msgspec.json.decode(n[4])["due"] == due.isoformat()
        ]
        if not chosen:
            raise UrgingNoticeNotFoundError(f"no urging notice is recorded for issue {issue_id}")
        position, version, recorded_at, actor, data = chosen[-1]
        history = tx.fetchall(_HISTORY, [str(issue_id), position])
    issue: Issue = services.office.repository.get(issue_id, version=int(version))
    fields: dict[str, Any] = msgspec.json.decode(data)
    issued_on = _day(None, recorded_at)
    context = _context(services, issue, fields, issued_on, history)
    context["clerk"] = actor
    return render(template(services.documents, "urging_notice.docx"), context)


def _day(business: str | None, recorded_at: str) -> date:
    if business:
        return date.fromisoformat(business)
    return datetime.fromisoformat(recorded_at).astimezone(UTC).astimezone(SHANGHAI).date()


def _context(
    services: Services, issue: Issue, notice: dict[str, Any], issued_on: date, history: list[Any]
) -> dict[str, Any]:
    due = date.fromisoformat(notice["due"])
    assigned = [_day(b, r) for kind, b, r, _ in history if kind in ("Assigned", "Reopened")]
    try:
        overdue = str(working_days_between(services.office.calendar, due, issued_on))
    except CalendarYearUnknownError:
        overdue = f"{(issued_on - due).days}（自然日）"
    limit = notice.get("new_time_limit")
    return {
        "issuer": services.documents.issuer,
        "number": notice["number"],
        "unit": issue.responsible_unit,
        "issue": {
            "description": issue.description,
            "enterprise": issue.enterprise_name,
            "code": issue.enterprise_code,
            "channel": label_of(Channel, issue.channel.value),
            "category": label_of(IssueCategory, issue.category.value),
            "person": issue.responsible_person,
        },
        "assigned_on": chinese_date(assigned[-1]) if assigned else "",
        "what": deadline_label(notice["key"]),
        "due": chinese_date(due),
        "issued_on": chinese_date(issued_on),
        "overdue_days": overdue,
        "new_limit": chinese_date(date.fromisoformat(limit)) if limit else "",
        "addressees": "、".join(_addressed(a) for a in notice["addressees"]),
        "history": [
            {"day": _day(b, r).isoformat(), "kind": event_label("Issue", kind), "what": said}
            for kind, b, r, said in history
        ],
    }


def _addressed(addressee: dict[str, str]) -> str:
    where = f"{addressee['unit']}{addressee['post']}"
    return f"{addressee['name']}同志（{where}）"
