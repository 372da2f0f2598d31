"""GET /access-log: refusals and inspectors' reads of history, for supervision to query."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller
from litestar.di import NamedDependency
from litestar.params import FromQuery, QueryParameter

from api.permissions import actor_guard
from api.routing import query
from infrastructure import access_log
from infrastructure.view_store import ViewStore


class AccessLogController(Controller):
    path = "/access-log"
    tags = ("access-log",)
    guards = (actor_guard,)

    @query("/", "ListAccessLog")
    def entries(
        self,
        views: NamedDependency[ViewStore],
        subject: FromQuery[str | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    ) -> list[dict[str, Any]]:
        """Refusals and inspectors' reads of history, newest first, optionally of one subject."""
        return access_log.entries(views, subject, limit)
