"""How far each read model has read, how far behind the event log it is, and — for one
stopped at an event it cannot apply — which event and why. Answers that read a stopped model
say so in a header, with its lag, rather than failing: its rows are as they stood before."""

from __future__ import annotations

import msgspec
from litestar import Controller
from litestar.types import Message, Scope

from api.paging import Page, whole
from api.permissions import ANYONE_SIGNED_IN
from api.routing import Svc, query
from bootstrap.services import Services

STOPPED_HEADER = b"duban-stopped-read-models"


class ProjectionStatus(msgspec.Struct, kw_only=True):
    name: str
    position: int
    head: int
    lag: int  # events recorded but not yet applied
    stopped: bool = False  # at an event it cannot apply, until a fix and a restart or rebuild
    failed_position: int | None = None  # that event's position in the log
    failed_event: str | None = None  # its type, aggregate id and version
    error: str | None = None  # what applying it raised


class ProjectionController(Controller):
    path = "/projections"
    tags = ("projections",)

    @query("/", "ListProjections", roles=ANYONE_SIGNED_IN)
    def list_projections(self, services: Svc) -> Page[ProjectionStatus]:
        """Each read model's position in the event log, and how far it lags behind.

        A read model stopped at an event it cannot apply names the event and the error; the
        other read models go on, and queries answer from its rows as they stood."""
        head = services.office.recorder.max_notification_id() or 0
        stopped = services.runner.failures()
        statuses = []
        for name, position in services.runner.positions().items():
            failure = stopped.get(name)
            statuses.append(
                ProjectionStatus(
                    name=name,
                    position=position,
                    head=head,
                    lag=head - position,
                    stopped=failure is not None,
                    failed_position=failure.position if failure else None,
                    failed_event=failure.event if failure else None,
                    error=failure.error if failure else None,
                )
            )
        return whole(statuses)


async def stopped_read_models_header(message: Message, scope: Scope) -> None:
    """Every answer, while a read model is stopped, names it with its lag behind the log
    (``issue_ledger;lag=12``): a stale answer says it is stale."""
    if message["type"] != "http.response.start":
        return
    services: Services | None = getattr(scope["app"].state, "services", None)
    stopped = dict(services.runner.stopped) if services is not None else {}
    if services is None or not stopped:
        return
    head = max(services.runner.head, *(f.position for f in stopped.values()))
    value = ", ".join(
        f"{name};lag={head - failure.position + 1}" for name, failure in sorted(stopped.items())
    )
    message["headers"] = [*message.get("headers", []), (STOPPED_HEADER, value.encode())]
