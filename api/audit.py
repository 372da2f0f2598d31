"""The audit log over HTTP: every event in global order, filtered, paged by a stable cursor,
exported as JSON Lines or CSV (UTF-8 with BOM, so Excel keeps the Chinese), and the chain's
verification."""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import FromQuery
from litestar.response import Stream

from api.paging import Page, linked, next_url
from api.permissions import SUPERVISION
from api.routing import Svc, query
from api.schemas import PageSize
from bootstrap.services import Services
from domain.calendar import working_days_between
from domain.errors import CalendarYearUnknownError
from domain.values import shanghai_date
from infrastructure.eventstore.verify import verify_store
from projections.audit_index import AuditEntry, AuditFilter, AuditIndex

UNKNOWN_CALENDAR_LATE_DAYS = 7


class AuditItem(msgspec.Struct, kw_only=True):
    entry: AuditEntry
    late_record: bool  # recorded long after its business date


class ChainVerdict(msgspec.Struct, kw_only=True):
    intact: bool
    summary: str
    checked: int
    head_position: int
    head_hash: str
    break_position: int | None
    kind: str | None
    unused_positions: int = 0  # handed to saves that were rolled back: no break
    gaps: list[list[int]] = msgspec.field(default_factory=list)  # their first [first, last]


def is_late(services: Services, entry: AuditEntry) -> bool:
    if entry.business_date is None:
        return False
    recorded = shanghai_date(entry.recorded_at)
    try:
        lag = working_days_between(services.office.calendar, entry.business_date, recorded)
    except CalendarYearUnknownError:
        return (recorded - entry.business_date).days > UNKNOWN_CALENDAR_LATE_DAYS
    return lag > services.office.policy.late_record_working_days


def _cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"p{position}".encode()).decode()


def _after(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        return int(base64.urlsafe_b64decode(cursor.encode()).decode().removeprefix("p"))
    except ValueError:
        raise ValidationException(detail=f"not a cursor this API issued: {cursor!r}") from None


def _entries(services: Services, where: AuditFilter, batch: int = 1000) -> Iterator[AuditEntry]:
    after = 0
    while True:
        with services.views.transaction(write=False) as tx:
            page = AuditIndex.page(tx, where, after=after, limit=batch)
        yield from page
        if len(page) < batch:
            return
        after = page[-1].position


CSV_FIELDS = [
    "position",
    "recorded_at",
    "business_date",
    "late_record",
    "actor",
    "unit",
    "aggregate_type",
    "aggregate_id",
    "version",
    "event_type",
    "reason",
    "description",
    "command_id",
    "data",
]


def _csv(services: Services, where: AuditFilter) -> Iterator[bytes]:
    yield "\ufeff".encode()  # BOM: Excel then reads the file as UTF-8
    yield (",".join(CSV_FIELDS) + "\r\n").encode()
    for entry in _entries(services, where):
        buffer = io.StringIO()
        row = msgspec.to_builtins(entry)
        row["late_record"] = is_late(services, entry)
        row["data"] = msgspec.json.encode(entry.data).decode()
        csv.writer(buffer, lineterminator="\r\n").writerow([row.get(f, "") for f in CSV_FIELDS])
        yield buffer.getvalue().encode()


def _jsonl(services: Services, where: AuditFilter) -> Iterator[bytes]:
    for entry in _entries(services, where):
        item = AuditItem(entry=entry, late_record=is_late(services, entry))
        yield msgspec.json.encode(item) + b"\n"


def audit_filter(
    request: Request[Any, Any, Any],
    aggregate_type: FromQuery[str | None] = None,
    aggregate_id: FromQuery[UUID | None] = None,
    event_type: FromQuery[str | None] = None,
    actor: FromQuery[str | None] = None,
    unit: FromQuery[str | None] = None,
    recorded_from: FromQuery[datetime | None] = None,
    recorded_until: FromQuery[datetime | None] = None,
    business_from: FromQuery[date | None] = None,
    business_until: FromQuery[date | None] = None,
) -> AuditFilter:
    """The log's filters, shared by the listing and the export: only the events of items the
    reader covers (a supervisor: its jurisdiction's)."""
    return AuditFilter(
        aggregate_type,
        aggregate_id,
        event_type,
        actor,
        unit,
        recorded_from,
        recorded_until,
        business_from,
        business_until,
        scope=request.user.scope,
    )


AuditWhere = NamedDependency[AuditFilter]


class AuditController(Controller):
    path = "/audit"
    tags = ("audit",)
    dependencies = {"where": Provide(audit_filter, sync_to_thread=False)}  # noqa: RUF012

    @query("/events", "ListAuditEvents", roles=SUPERVISION, audited=True)
    def events(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        where: AuditWhere,
        cursor: FromQuery[str | None] = None,
        limit: PageSize = 100,
    ) -> Response[Page[AuditItem]]:
        """Every event in global order, with its envelope and a one-line description; paged
        by a cursor that stays stable while new events arrive (``next`` carries it)."""
        with services.read() as tx:
            page = AuditIndex.page(tx, where, after=_after(cursor), limit=limit + 1)
            total = AuditIndex.count(tx, where)
        items = [AuditItem(entry=e, late_record=is_late(services, e)) for e in page[:limit]]
        more = (
            next_url(request, cursor=_cursor(page[limit - 1].position))
            if len(page) > limit
            else None
        )
        return linked(Page(items=items, total=total, next=more))

    @query("/events/export", "ExportAuditEvents", roles=SUPERVISION, audited=True)
    def export(self, services: Svc, where: AuditWhere, format: FromQuery[str] = "jsonl") -> Stream:
        """The same selection streamed as JSON Lines or CSV (UTF-8 with a BOM, so Excel keeps
        the Chinese)."""
        if format not in ("jsonl", "csv"):
            raise ValidationException(detail="format is jsonl or csv")
        if format == "csv":
            headers = {"Content-Disposition": 'attachment; filename="audit.csv"'}
            return Stream(
                _csv(services, where), media_type="text/csv; charset=utf-8", headers=headers
            )
        return Stream(_jsonl(services, where), media_type="application/x-ndjson")

    @query("/verify", "VerifyChain", roles=SUPERVISION, audited=True)
    def verify(self, services: Svc) -> ChainVerdict:
        """Walk the hash chain over the whole log: intact up to its head, or the first break."""
        verdict = verify_store(services.views.target)
        return ChainVerdict(
            intact=verdict.intact,
            summary=verdict.summary(),
            checked=verdict.checked,
            head_position=verdict.head_position,
            head_hash=verdict.head_hash.hex(),
            break_position=verdict.break_position,
            kind=verdict.kind,
            unused_positions=verdict.unused,
            gaps=[[first, last] for first, last in verdict.gaps],
        )
