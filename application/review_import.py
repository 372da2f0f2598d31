"""Bulk intake of reviews from the national evaluation system (好差评 系统): a city's
reviews arrive in batches of thousands, each already submitted by an enterprise or citizen.

Each row goes through the same domain rule as a review submitted here (``Review.submit``);
a row a rule refuses is reported with its rule and left out, the others are recorded together
in one transaction by the event store's bulk path. The review's id derives from the source
system's id, so importing a batch twice records nothing new: rows already recorded are
reported as duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol
from uuid import UUID, uuid5

import msgspec
from eventsourcing.persistence import IntegrityError, StoredEvent

from application.base import BackOfficeBase
from application.context import CommandContext
from application.reviews import answer_by_for
from domain.base import DubanAggregate
from domain.errors import DomainError, InvalidReviewError
from domain.review import Level, Review, SubjectKind
from domain.values import Envelope

SOURCE_NAMESPACE = UUID("6b2f4a1e-2d0c-5a7e-9c1b-3f8e0d4a7b21")


class BulkRecorder(Protocol):
    def insert_events_in_bulk(
        self, stored_events: Iterable[StoredEvent], count: int
    ) -> list[int]: ...


class ReviewRow(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One review as the evaluation system exports it; a JSON Lines file decodes into these."""

    source_id: str  # the evaluation system's own id for the review
    submitted_on: date  # the business date: when the reviewer submitted it
    subject_kind: SubjectKind
    subject_id: str
    subject_unit: str
    channel: str
    level: Level
    comment: str = ""
    aspects: dict[str, int] = {}
    reviewer_code: str | None = None


@dataclass(frozen=True)
class RejectedRow:
    index: int
    source_id: str
    rule: str
    detail: str


@dataclass
class ImportReport:
    recorded: int = 0
    duplicates: list[str] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


def review_id_for(source_id: str) -> UUID:
    return uuid5(SOURCE_NAMESPACE, f"review:{source_id}")


class ReviewImport(BackOfficeBase):
    def import_reviews(self, ctx: CommandContext, rows: Sequence[ReviewRow]) -> ImportReport:
        report = ImportReport()
        envelopes: dict[date, Envelope] = {}  # one per business date: the same act, many rows
        reviews: list[DubanAggregate.Event] = []
        seen: set[str] = set()
        for index, row in enumerate(rows):
            if row.source_id in seen:  # the same review twice in one batch: recorded once
                report.duplicates.append(str(review_id_for(row.source_id)))
                continue
            seen.add(row.source_id)
            try:
                env = envelopes.get(row.submitted_on)
                if env is None:
                    env = envelopes[row.submitted_on] = self.envelope(
                        ctx, business_date=row.submitted_on
                    )
                reviews += self._submission(env, row)
            except DomainError as refused:
                report.rejected.append(
                    RejectedRow(index, row.source_id, refused.rule, str(refused))
                )
        try:
            self._record_in_bulk(reviews)
        except IntegrityError:
            known = {r.originator_id for r in reviews if self._is_recorded(r.originator_id)}
            report.duplicates += [str(r.originator_id) for r in reviews if r.originator_id in known]
            reviews = [r for r in reviews if r.originator_id not in known]
            self._record_in_bulk(reviews)
        report.recorded = len({r.originator_id for r in reviews})
        return report

    def _submission(self, env: Envelope, row: ReviewRow) -> list[DubanAggregate.Event]:
        if row.subject_kind is SubjectKind.ISSUE:
            raise InvalidReviewError("a review of a closed-out issue is submitted on its own")
        answer_by = None
        if row.level >= Level.DISSATISFIED:
            answer_by = answer_by_for(self, row.submitted_on)
        return Review.submission_events(
            env,
            id=review_id_for(row.source_id),
            subject_kind=row.subject_kind,
            subject_id=row.subject_id,
            subject_unit=row.subject_unit,
            channel=row.channel,
            level=row.level,
            comment=row.comment,
            aspects=row.aspects,
            answer_by=answer_by,
            reviewer_code=row.reviewer_code,
        )

    def _record_in_bulk(self, submissions: Sequence[DubanAggregate.Event]) -> None:
        recorder: Any = self.recorder
        bulk: BulkRecorder = recorder
        bulk.insert_events_in_bulk(map(self.mapper.to_stored_event, submissions), len(submissions))

    def _is_recorded(self, review_id: UUID) -> bool:
        return bool(self.recorder.select_events(review_id, limit=1))
