"""GET /access-log: refusals and inspectors' reads of history, for supervision to query."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromQuery, QueryParameter

from api.actor import actor_guard
from infrastructure import access_log
from infrastructure.view_store import ViewStore


class AccessLogController(Controller):
    path = "/access-log"
    tags = ("access-log",)
    guards = (actor_guard,)

    @get("/", operation_id="ListAccessLog", sync_to_thread=True)
    def entries(
        self,
        views: NamedDependency[ViewStore],
        subject: FromQuery[str | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    ) -> list[dict[str, Any]]:
        return access_log.entries(views, subject, limit)
