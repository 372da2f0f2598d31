"""Issues raised by another act — a visit's finding, a session's question, a bad review —
built here so the act and the issues it raised are saved together."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

from domain.calendar import DueDate, PendingCount
from domain.issue import Issue
from domain.values import Channel, Envelope, IssueCategory


@dataclass(frozen=True)
class IssueRequest:
    """What a finding or question needs to become an issue on the ledger."""

    category: IssueCategory
    description: str
    enterprise_code: str | None = None  # defaults to the source's enterprise
    enterprise_name: str | None = None
    project_id: UUID | None = None


def raise_linked(
    envelope: Envelope,
    request: IssueRequest,
    *,
    channel: Channel,
    source_kind: str,
    source_ref: str,
    enterprise_code: str,
    enterprise_name: str,
    acceptance_limit: DueDate | PendingCount | None = None,
) -> Issue:
    """The unit whose official recorded the act is the unit first contacted: it owes the
    acceptance (首问负责)."""
    return Issue.raise_issue(
        envelope,
        id=uuid4(),
        channel=channel,
        category=request.category,
        enterprise_code=request.enterprise_code or enterprise_code,
        enterprise_name=request.enterprise_name or enterprise_name,
        description=request.description,
        project_id=request.project_id,
        source_kind=source_kind,
        source_ref=source_ref,
        acceptance_limit=acceptance_limit,
    )
