"""A test client that reads its own writes the way a client of the API does: by position.

No request catches the read models up; the server's worker does. Each request this client
sends asks to be answered at the log's head as it stands when the request is sent
(``Duban-Min-Position``), so a read sees every event the test recorded before it — through
the API or straight through the back office — once the worker has applied it. A request
that names a position itself is sent as it is.
"""

from __future__ import annotations

from typing import Any

import httpx
from litestar.testing import TestClient

from bootstrap.services import Services


class ReadingClient(TestClient[Any]):
    def __init__(self, app: Any, services: Services, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.services = services

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        if "duban-min-position" not in request.headers and "min_position" not in str(
            request.url.query
        ):
            head = self.services.office.recorder.max_notification_id() or 0
            request.headers["Duban-Min-Position"] = str(head)
        return super().send(request, **kwargs)
