"""How far each read model has read, and how far behind the event log it is."""

from __future__ import annotations

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency

from api.actor import actor_guard
from bootstrap.services import Services


class ProjectionStatus(msgspec.Struct, kw_only=True):
    name: str
    position: int
    head: int
    lag: int  # events recorded but not yet applied


class ProjectionController(Controller):
    path = "/projections"
    tags = ("projections",)
    guards = (actor_guard,)

    @get("/", operation_id="ListProjections", sync_to_thread=True)
    def list_projections(self, services: NamedDependency[Services]) -> list[ProjectionStatus]:
        head = services.office.recorder.max_notification_id() or 0
        return [
            ProjectionStatus(name=name, position=position, head=head, lag=head - position)
            for name, position in services.runner.positions().items()
        ]
