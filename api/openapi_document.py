"""The OpenAPI document, finished so that client generators take it whole.

Litestar writes the operations from the handlers; this adds what it cannot know: one
``Problem`` (RFC 9457) that every error answer refers to, the headers the middleware reads and
sends, the tags with their names, the contact and the licence. It also mends two things strict
readers refuse: optional query parameters written as nullable (a client would send ``null``),
and a ``name`` on the bearer scheme (OpenAPI 3.1 allows it on apiKey schemes only).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from http import HTTPStatus
from typing import Any

from litestar import Litestar
from litestar._openapi.plugin import OpenAPIPlugin
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import (
    Contact,
    License,
    OpenAPI,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Parameter,
    Reference,
    Schema,
    SecurityScheme,
    Tag,
)

from api.console.assets import docs_renderers

TAGS = {
    "projects": "重大项目 · major projects: lead leader, team, plan, milestones, progress",
    "issues": "问题台账 · the problem ledger: each enterprise's problem tracked to close-out",
    "pairings": "结对帮扶 · officials paired with enterprises, and their monthly visits",
    "sessions": "政企会议 · policy briefings and the required meetings, planned and held",
    "financing": "银企对接 · financing needs matched with banks, and bridge loans",
    "reviews": "好差评 · good and bad reviews of a service, and their follow-up",
    "timelines": "时间线 · a record as it stood at any past moment, with its events",
    "deadlines": "办结时限 · open deadlines by traffic light, and who answers for them",
    "accountability": "问责视图 · boards, rankings, accountability figures, one-vote veto",
    "assessment": "绩效考核 · schemes, scores with evidence, veto exemptions, good and bad lists",
    "summonses": "约谈整改 · a unit's principal leader summoned, and the rectification in time",
    "referrals": "移交纪检监察 · units and officials referred to the discipline inspection organs",
    "audit": "审计日志 · every event in order, its export, and the hash chain's check",
    "reports": "台账与文书 · Excel ledgers in and out, urging notices and circulars, labels",
    "directory": "单位与人员 · the directory of units and officials, their posts and ranks",
    "enterprises": "企业名录 · the enterprise register: sector, region, marks, contact leaders",
    "coverage": "联系覆盖 · who falls short: leaders without a key enterprise, industries short",
    "access-log": "访问记录 · who read which records, and when",
    "projections": "读模型 · how far each read model has caught up with the event log",
    "health": "健康检查 · whether the service answers",
}
# neither authenticated nor rate limited, with the refusals each may answer besides 405 and 500
PUBLIC: dict[str, tuple[int, ...]] = {"/health": (), "/ready": (503,), "/metrics": ()}


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Duban",
        version="0.1.0",
        description="Event-sourced supervision of government–enterprise service work.",
        contact=Contact(name="督办平台维护组 · Duban maintainers", url="https://duban.example/"),
        license=License(name="Proprietary: all rights reserved"),
        tags=[Tag(name=name, description=text) for name, text in TAGS.items()],
        path="/schema",
        render_plugins=docs_renderers(),
    )


def _text(description: str | None = None, **limits: Any) -> Schema:
    return Schema(type=OpenAPIType.STRING, description=description, **limits)


INTEGER = Schema(type=OpenAPIType.INTEGER)
PROBLEM = Schema(
    type=OpenAPIType.OBJECT,
    required=["type", "title", "status", "detail", "rule"],
    properties={
        "type": _text("a URI naming the rule: …/problems/<rule>"),
        "title": _text(),
        "status": INTEGER,
        "detail": _text(),
        "instance": _text("the path that was asked for"),
        "rule": _text("the rule that refused the request"),
        "errors": Schema(
            type=OpenAPIType.ARRAY,
            description="on a 400 from validation: what in the request is wrong, one by one",
            items=Schema(
                type=OpenAPIType.OBJECT,
                required=["message"],
                properties={"message": _text(), "key": _text(), "source": _text()},
            ),
        ),
    },
)
HEADERS = {
    "X-Request-Id": ("the request's id in the server's log: the one sent, or a new one", _text()),
    "RateLimit-Limit": ("requests allowed per window, counted per token", INTEGER),
    "RateLimit-Remaining": ("requests left in the current window", INTEGER),
    "RateLimit-Reset": ("seconds until the window starts again", INTEGER),
    "RateLimit-Policy": ("the limit and its window in seconds, as `600; w=60`", _text()),
    "Retry-After": ("seconds to wait before trying again", INTEGER),
    "Idempotent-Replayed": (
        "`true` on a POST answered with the kept first answer to its Idempotency-Key",
        _text(enum=["true"]),
    ),
    "Link": (
        'on a page of a list that has a next one: `<next URL>; rel="next"` (RFC 8288), the'
        " same URL as the body's `next`",
        _text(),
    ),
    "Duban-Position": (
        "on a command: the log position its events reached; pass it back as `min_position`"
        " (or `Duban-Min-Position`) to read them",
        INTEGER,
    ),
}
OPTIONAL_HEADERS = ("Idempotent-Replayed", "Duban-Position", "Link")
RATE = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy")
# an error can be answered before the middleware that adds these (a path that does not
# route, a missing token), so on errors they are documented as optional
MAYBE = ("X-Request-Id", *RATE, "Idempotent-Replayed")
ANSWERS: dict[int, tuple[str, tuple[str, ...]]] = {
    400: ("malformed request: not the documented shape", MAYBE),
    401: ("no valid bearer token", ()),
    403: ("the token's role or scope does not allow it", MAYBE),
    404: ("unknown resource", MAYBE),
    405: ("method not allowed", ()),
    409: ("the state forbids it, or another command changed it first", MAYBE),
    413: ("request body too large", MAYBE),
    422: ("a value the domain refuses", MAYBE),
    429: ("too many requests for this token", ()),  # always with RATE and Retry-After
    500: ("the server failed; see its log", ("X-Request-Id",)),
    503: (
        "the store is busy, or the read models had not reached the position asked"
        " (`read-models-behind`): retry after the seconds Retry-After says",
        (),
    ),
}
PARAMETERS = {
    "RequestId": Parameter(
        name="X-Request-Id",
        param_in="header",
        schema=_text(max_length=64),
        description="ties the request to the server's log lines; sent back in the answer",
    ),
    "IdempotencyKey": Parameter(
        name="Idempotency-Key",
        param_in="header",
        schema=_text(min_length=1, max_length=200),
        description="answers the command once: a retry with the same key, token and body gets"
        " the first answer back and records nothing new",
    ),
    "MinPosition": Parameter(
        name="min_position",
        param_in="query",
        schema=Schema(type=OpenAPIType.INTEGER, minimum=0),
        description="read at or after this log position (a command's `Duban-Position`): the"
        " answer waits for the read models to reach it, then 503 `read-models-behind`",
    ),
    "MinPositionHeader": Parameter(
        name="Duban-Min-Position",
        param_in="header",
        schema=Schema(type=OpenAPIType.STRING, pattern="^[0-9]{1,18}$"),
        description="the same as `min_position`, as a header",
    ),
    "CommandId": Parameter(
        name="X-Command-Id",
        param_in="header",
        schema=_text(min_length=1, max_length=200),
        description="the command id its events record when no Idempotency-Key is sent",
    ),
}


def _ref(kind: str, name: str) -> Reference:
    return Reference(ref=f"#/components/{kind}/{name}")


def _headers(names: tuple[str, ...]) -> dict[str, OpenAPIHeader | Reference]:
    return {name: _ref("headers", name) for name in names}


def _answer_name(status: int) -> str:
    return HTTPStatus(status).phrase.title().replace(" ", "").replace("-", "")


def _header(name: str, *, required: bool) -> OpenAPIHeader:
    text, kind = HEADERS[name]
    return OpenAPIHeader(description=text, schema=kind, required=required)


def _components(schema: OpenAPI) -> None:
    components = schema.components
    components.schemas["Problem"] = PROBLEM
    components.headers = {
        name: _header(name, required=name not in OPTIONAL_HEADERS) for name in HEADERS
    }
    components.parameters = dict(PARAMETERS)
    problem = {"application/problem+json": OpenAPIMediaType(schema=_ref("schemas", "Problem"))}
    components.responses = {}
    for status, (text, maybe) in ANSWERS.items():
        sent: dict[str, OpenAPIHeader | Reference] = {
            name: _header(name, required=False) for name in maybe
        }
        if status == 429:
            sent.update(_headers((*RATE, "Retry-After")))
        if status == 503:
            sent.update(_headers(("Retry-After",)))
        components.responses[_answer_name(status)] = OpenAPIResponse(
            description=text, headers=sent or None, content=problem
        )
    for scheme in (components.security_schemes or {}).values():
        if isinstance(scheme, SecurityScheme) and scheme.type == "http":
            scheme.name = None


_FINISHED: dict[tuple[tuple[str, tuple[str, ...]], ...], OpenAPI] = {}


def finish_document(app: Litestar) -> None:
    """Complete the document Litestar built for ``app``, in place, before it is served. An app
    with the same routes as one already built in this process (a test suite builds hundreds)
    takes that one's finished document instead of building it again."""
    plugin = app.plugins.get(OpenAPIPlugin)
    routes = tuple(sorted((r.path, tuple(sorted(getattr(r, "methods", ())))) for r in app.routes))
    if routes in _FINISHED:
        plugin._openapi = _FINISHED[routes]  # the plugin keeps its document here
        return
    schema = app.openapi_schema
    _components(schema)
    _name_pages(schema)
    for path, item in (schema.paths or {}).items():
        for operation in (item.get, item.post):
            if operation is not None:
                _finish(schema, path, operation, is_command=operation is item.post)
    _FINISHED[routes] = schema


def _finish(schema: OpenAPI, path: str, operation: Operation, *, is_command: bool) -> None:
    public = path in PUBLIC
    _closed_body(schema, operation)
    parameters = [_not_null(p) for p in operation.parameters or []]
    names: tuple[str, ...] = ("RequestId",)
    if not public:
        names += ("MinPosition", "MinPositionHeader")
    names += ("IdempotencyKey", "CommandId") if is_command else ()
    operation.parameters = [*parameters, *(_ref("parameters", name) for name in names)]
    responses = operation.responses or {}
    if operation.operation_id == "ExportAuditEvents":
        responses["200"] = OpenAPIResponse(
            description="the selection, streamed as JSON Lines or CSV (format=)",
            content={
                "application/x-ndjson": OpenAPIMediaType(schema=_text()),
                "text/csv": OpenAPIMediaType(schema=_text()),
            },
        )
    for code, answer in responses.items():
        if code.startswith("2") and isinstance(answer, OpenAPIResponse):
            _download(answer)
    sent = ("X-Request-Id", *(() if public else RATE))
    sent += ("Idempotent-Replayed", "Duban-Position") if is_command else ()
    paging = {getattr(p, "name", None) for p in parameters} & {"offset", "cursor"}
    sent += ("Link",) if paging else ()
    for code, answer in responses.items():
        if isinstance(answer, OpenAPIResponse) and code.startswith("2"):
            answer.headers = _headers(sent)
    for status in ANSWERS:
        if not public or status in (405, 500, *PUBLIC.get(path, ())):
            responses[str(status)] = _ref("responses", _answer_name(status))
    operation.responses = responses


def _download(answer: OpenAPIResponse) -> None:
    """A file answered (a workbook, a Word document): its own media type, then the octet
    stream a generated client reads any file as."""
    files = [kind for kind in (answer.content or {}) if kind.startswith("application/vnd.")]
    if files:
        answer.content = {
            **{kind: OpenAPIMediaType(schema=_file(kind)) for kind in files},
            "application/octet-stream": OpenAPIMediaType(schema=_file(None)),
        }


def _file(kind: str | None) -> Schema:
    return Schema(type=OpenAPIType.STRING, content_media_type=kind or "application/octet-stream")


def _not_null(parameter: Parameter | Reference) -> Parameter | Reference:
    """An optional query parameter is left out, never sent as null: drop the null choice."""
    if not isinstance(parameter, Parameter) or parameter.required:
        return parameter
    choices = parameter.schema.one_of or [] if isinstance(parameter.schema, Schema) else []
    kept = [c for c in choices if not (isinstance(c, Schema) and c.type == OpenAPIType.NULL)]
    if len(kept) == 1 < len(choices):
        parameter.schema = kept[0]
    return parameter


def _closed_body(schema: OpenAPI, operation: Operation) -> None:
    """Request structs refuse unknown fields (forbid_unknown_fields); say so in the schema."""
    body = operation.request_body
    if body is None or isinstance(body, Reference) or not body.content:
        return
    for media in body.content.values():
        reference = getattr(media.schema, "ref", None)
        if reference and schema.components and schema.components.schemas:
            target = schema.components.schemas.get(reference.rsplit("/", 1)[-1])
            if target is not None:
                target.additional_properties = False


def _name_pages(schema: OpenAPI) -> None:
    """Litestar names a page schema after the item type's module path
    (``Page_projections.summaries.IssueSummary_``); name it ``IssueSummaryPage`` instead, and
    a page of free-form objects ``RecordPage``."""
    schemas = schema.components.schemas
    renamed: dict[str, str] = {}
    for key, page in list(schemas.items()):
        title = page.title or ""
        if not (title.startswith("Page[") and title.endswith("]")):
            continue
        item = title.removeprefix("Page[").removesuffix("]")
        name = f"{item}Page" if item.isidentifier() else "RecordPage"
        page.title = name
        schemas[name] = schemas.pop(key)
        renamed[f"#/components/schemas/{key}"] = f"#/components/schemas/{name}"
    _rewrite_references(schema, renamed)


def _rewrite_references(node: object, renamed: dict[str, str]) -> None:
    if isinstance(node, Reference):
        node.ref = renamed.get(node.ref, node.ref)
    elif isinstance(node, dict):
        for value in node.values():
            _rewrite_references(value, renamed)
    elif isinstance(node, list | tuple):
        for value in node:
            _rewrite_references(value, renamed)
    elif is_dataclass(node):
        for field in fields(node):
            _rewrite_references(getattr(node, field.name), renamed)
