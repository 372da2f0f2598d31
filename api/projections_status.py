"""How far each read model has read, and how far behind the event log it is."""

from __future__ import annotations

import msgspec
from litestar import Controller

from api.permissions import ANYONE_SIGNED_IN
from api.routing import Svc, query


class ProjectionStatus(msgspec.Struct, kw_only=True):
    name: str
    position: int
    head: int
    lag: int  # events recorded but not yet applied


class ProjectionController(Controller):
    path = "/projections"
    tags = ("projections",)

    @query("/", "ListProjections", roles=ANYONE_SIGNED_IN)
    def list_projections(self, services: Svc) -> list[ProjectionStatus]:
        """Each read model's position in the event log, and how far it lags behind."""
        head = services.office.recorder.max_notification_id() or 0
        return [
            ProjectionStatus(name=name, position=position, head=head, lag=head - position)
            for name, position in services.runner.positions().items()
        ]
