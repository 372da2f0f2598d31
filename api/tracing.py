"""A span for every request, with its request id, when OpenTelemetry's environment variables
ask for tracing (infrastructure/tracing.py): Litestar's OpenTelemetry plugin, which wraps the
whole application in OpenTelemetry's ASGI middleware. Without them, nothing is added and
nothing of OpenTelemetry imported. The probes (/health, /ready, /metrics) are not traced."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from litestar import Litestar

from api.request_log import ON_ANSWERED, request_id_of
from infrastructure.tracing import tracer_provider, tracing_wanted

if TYPE_CHECKING:
    from litestar.config.app import AppConfig
    from litestar.plugins import PluginProtocol
    from litestar.types import Scope
    from opentelemetry.trace import Span, TracerProvider

REQUEST_ID_ATTRIBUTE = "duban.request_id"
UNTRACED = ["^/health$", "^/ready$", "^/metrics$"]  # api/service_status.py


def tracing_plugins(
    env: Mapping[str, str], provider: TracerProvider | None = None
) -> list[PluginProtocol]:
    """The plugin, when the environment asks for tracing or a ``provider`` is given."""
    if provider is None and not tracing_wanted(env):
        return []
    from litestar.plugins.opentelemetry import OpenTelemetryConfig, OpenTelemetryPlugin

    config = OpenTelemetryConfig(
        tracer_provider=provider or tracer_provider(env),
        server_request_hook_handler=_on_request,
        exclude=UNTRACED,
        exclude_spans=["receive", "send"],  # one span a request, not one per ASGI message
    )
    return [OpenTelemetryPlugin(config)]


class TracedWhenAsked(Litestar):
    """Litestar, less its own search of the middleware for OpenTelemetry's (to make it the
    outermost), which imports OpenTelemetry on every start wherever it is installed: here
    tracing only ever comes as the plugin above, outermost already."""

    @staticmethod
    def _patch_opentelemetry_middleware(config: AppConfig) -> AppConfig:
        return config


def _on_request(span: Span, scope: dict[str, Any]) -> None:
    """The request id on the span; once answered, the span named for the route template
    (the raw path, ids and all, until the request is routed)."""
    scope_ = cast("Scope", scope)
    span.set_attribute(REQUEST_ID_ATTRIBUTE, request_id_of(scope_))
    method = str(scope.get("method", ""))

    def answered(route: str) -> None:
        if route != "unmatched":
            span.update_name(f"{method} {route}")
            span.set_attribute("http.route", route)

    scope[ON_ANSWERED] = answered
