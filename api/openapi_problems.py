"""Documents the problem-details answers (RFC 9457) every operation can give, in the OpenAPI
schema, so clients and schema checks know each error's status and content type."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Schema

PROBLEM = Schema(
    type=OpenAPIType.OBJECT,
    required=["type", "title", "status", "detail", "rule"],
    properties={
        "type": Schema(type=OpenAPIType.STRING),
        "title": Schema(type=OpenAPIType.STRING),
        "status": Schema(type=OpenAPIType.INTEGER),
        "detail": Schema(type=OpenAPIType.STRING),
        "instance": Schema(type=OpenAPIType.STRING),
        "rule": Schema(type=OpenAPIType.STRING, description="the rule that refused the request"),
    },
)
ANSWERS = {
    "400": "malformed request: not the documented shape",
    "401": "no valid bearer token",
    "403": "the token's role or scope does not allow it",
    "404": "unknown resource",
    "405": "method not allowed",
    "409": "the state forbids it, or another command changed it first",
    "413": "request body too large",
    "422": "a value the domain refuses",
    "429": "too many requests for this token",
    "500": "the server failed; see its log",
}
PUBLIC = {"/health"}


def document_problems(app: Litestar) -> None:
    schema = app.openapi_schema
    for path, item in (schema.paths or {}).items():
        for operation in (item.get, item.post):
            if operation is None:
                continue
            _closed_body(schema, operation)
            responses = operation.responses or {}
            for status, description in ANSWERS.items():
                if path in PUBLIC and status not in ("405", "500"):
                    continue
                responses[status] = OpenAPIResponse(
                    description=description,
                    content={"application/problem+json": OpenAPIMediaType(schema=PROBLEM)},
                )
            if operation.operation_id == "ExportAuditEvents":
                responses["200"] = OpenAPIResponse(
                    description="the selection, streamed as JSON Lines or CSV (format=)",
                    content={
                        "application/x-ndjson": OpenAPIMediaType(
                            schema=Schema(type=OpenAPIType.STRING)
                        ),
                        "text/csv": OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING)),
                    },
                )
            operation.responses = responses


def _closed_body(schema: Any, operation: Any) -> None:
    """Request structs refuse unknown fields (forbid_unknown_fields); say so in the schema."""
    body = operation.request_body
    if body is None or not body.content:
        return
    for media in body.content.values():
        reference = getattr(media.schema, "ref", None)
        if reference and schema.components and schema.components.schemas:
            target = schema.components.schemas.get(reference.rsplit("/", 1)[-1])
            if target is not None:
                target.additional_properties = False
