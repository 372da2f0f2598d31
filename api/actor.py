"""The acting official and unit, from the X-Actor and X-Unit headers (until tokens exist).

Header values are Latin-1 on the wire, so Chinese names arrive either percent-encoded
(``%E5%BC%A0%E4%B8%89``) or as raw UTF-8 bytes; both are accepted.
"""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import unquote
from uuid import uuid4

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

from application.context import Actor, CommandContext


def _header(request: ASGIConnection[Any, Any, Any, Any], name: str) -> str:
    raw = request.headers.get(name, "")
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        raw = raw.encode("latin-1").decode("utf-8")
    return unquote(raw).strip()


def provide_command_context(request: ASGIConnection[Any, Any, Any, Any]) -> CommandContext:
    official = _header(request, "x-actor")
    unit = _header(request, "x-unit")
    if not official or not unit:
        raise NotAuthorizedException(
            detail="commands need the acting official in X-Actor and the acting unit in X-Unit"
        )
    command_id = request.headers.get("x-command-id") or str(uuid4())
    return CommandContext(actor=Actor(official=official, unit=unit), command_id=command_id)


def actor_guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Every route but the health check and the API docs answers 401 without an actor."""
    provide_command_context(connection)
