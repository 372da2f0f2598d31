"""The access log: every refusal, and every read of history, audit data or exports by an
inspector, with who, when and what — for supervision to query."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import structlog
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromQuery, QueryParameter

from api.auth import Principal
from projections.view_store import Tx, ViewStore

log = structlog.get_logger("duban.access")
DDL = (
    "CREATE TABLE IF NOT EXISTS access_log (at TEXT NOT NULL, subject TEXT NOT NULL,"
    " name TEXT NOT NULL, role TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,"
    " status INTEGER NOT NULL, note TEXT NOT NULL)"
)
_COLUMNS = ("at", "subject", "name", "role", "method", "path", "status", "note")


def create_table(tx: Tx) -> None:
    tx.execute(DDL)


def record(
    store: ViewStore, principal: Principal | None, method: str, path: str, status: int, note: str
) -> None:
    subject = principal.subject if principal else "(anonymous)"
    log.info("access", subject=subject, method=method, path=path, status=status, note=note)
    with store.transaction() as tx:
        tx.execute(
            f"INSERT INTO access_log ({', '.join(_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            [
                datetime.now(UTC).isoformat(),
                subject,
                principal.name if principal else "",
                principal.role.value if principal else "",
                method,
                path,
                status,
                note,
            ],
        )


def _authorize(connection: Any, handler: Any) -> None:
    from api.permissions import authorize  # permissions records refusals here: import late

    authorize(connection, handler)


class AccessLogController(Controller):
    path = "/access-log"
    tags = ("access-log",)
    guards = (_authorize,)

    @get("/", operation_id="ListAccessLog", sync_to_thread=True)
    def entries(
        self,
        views: NamedDependency[ViewStore],
        subject: FromQuery[str | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    ) -> list[dict[str, Any]]:
        with views.transaction(write=False) as tx:
            rows = tx.fetchall(
                f"SELECT {', '.join(_COLUMNS)} FROM access_log"  # noqa: S608
                " WHERE (CAST(? AS TEXT) IS NULL OR subject = ?) ORDER BY at DESC LIMIT ?",
                [subject, subject, limit],
            )
        return [dict(zip(_COLUMNS, row, strict=True)) for row in rows]
