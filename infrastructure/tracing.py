"""Tracing with OpenTelemetry, started only when OpenTelemetry's own environment variables ask
for it: ``OTEL_TRACES_EXPORTER`` (``otlp``, ``console``, or both, comma-separated; ``none``
turns tracing off), or an OTLP endpoint (``OTEL_EXPORTER_OTLP_ENDPOINT``,
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``) which means ``otlp``. When none is set, nothing of
OpenTelemetry is imported. The SDK reads the rest of its variables itself: the sampler
(``OTEL_TRACES_SAMPLER``), the service's name and attributes (``OTEL_SERVICE_NAME``,
``OTEL_RESOURCE_ATTRIBUTES``; the name is ``duban`` unless set), the exporter's headers and
timeout, the batch processor's sizes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter

ENDPOINTS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
PROTOCOLS = ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL")
KNOWN = ("otlp", "console", "none")


class TracingSettingsError(ValueError):
    """OpenTelemetry's variables ask for something this install does not do."""


def exporters_asked(env: Mapping[str, str]) -> list[str]:
    """The span exporters the environment names: none at all when it asks for no tracing."""
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return []
    named = env.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if not named:
        return ["otlp"] if any(env.get(name, "").strip() for name in ENDPOINTS) else []
    asked = [word.strip() for word in named.split(",") if word.strip()]
    unknown = [word for word in asked if word not in KNOWN]
    if unknown:
        raise TracingSettingsError(
            f"OTEL_TRACES_EXPORTER names {', '.join(unknown)}: duban exports spans with"
            " otlp (OTLP over HTTP), console or none"
        )
    return [word for word in asked if word != "none"]


def tracing_wanted(env: Mapping[str, str]) -> bool:
    return bool(exporters_asked(env))


def tracer_provider(env: Mapping[str, str]) -> TracerProvider:
    """A tracer provider exporting where the environment says (not made the global one: the
    API passes it to its middleware). Spans still queued are exported when the process
    exits."""
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import (
        BatchSpanProcessor,
        ConsoleSpanExporter,
        SimpleSpanProcessor,
    )

    resource = Resource.create()
    if str(resource.attributes.get(SERVICE_NAME, "")).startswith("unknown_service"):
        resource = resource.merge(Resource({SERVICE_NAME: "duban"}))
    provider = TracerProvider(resource=resource)
    for name in exporters_asked(env):
        if name == "console":  # for a person watching: each span printed as it ends
            provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
        else:
            provider.add_span_processor(BatchSpanProcessor(_otlp_exporter(env)))
    return provider


def _otlp_exporter(env: Mapping[str, str]) -> SpanExporter:
    protocol = next((env[name] for name in PROTOCOLS if env.get(name)), "http/protobuf")
    if protocol.strip() != "http/protobuf":
        raise TracingSettingsError(
            f"OTLP protocol {protocol!r}: duban sends spans over http/protobuf (port 4318),"
            " set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"
        )
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()
