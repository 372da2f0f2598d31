"""RFC 9457 problem details for every error, naming the rule that refused the request.

400 ``malformed-request``: the request does not match its schema (not JSON, nested too deep,
not UTF-8, a missing field, a wrong type, an unknown enum value, a value outside the schema's
stated length or range); 401: no acting official; 403: the role may not call the route, or the
item or unit lies outside the actor's scope (``out-of-scope``); 404: unknown resource (or one
outside the reader's scope: its existence is not revealed); 409: the aggregate's state forbids
the command, or another command changed it first; 422: a value the domain refuses (a bad
credit code, a time limit in the past) — and text with a control character,
``control-character-in-text``, which the schema states too but which is the domain's rule, so
it answers the same wherever it is caught, naming the field; 503 ``store-busy`` with
Retry-After: the store was too busy to take the request in time (nothing was recorded); 503
``read-models-behind``: work that must see the whole log (an assessment's scores) waited
longer than DUBAN_READ_WAIT_SECONDS for the read models (api/freshness.py answers the same to
a read at a position).
Anything else is a 500 that hides its cause from the client and logs it.
"""

from __future__ import annotations

from typing import Any

import structlog
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from api.schemas import STORABLE
from domain.errors import (
    ConflictError,
    ControlCharacterError,
    DomainError,
    ForbiddenError,
    InvalidValueError,
    NotFoundError,
)
from infrastructure.contention import RETRY_AFTER_SECONDS, is_contention
from projections.runner import ReadModelsBehindError

PROBLEM_JSON = "application/problem+json"
_STORABLE_REPR = repr(STORABLE)  # as msgspec quotes the pattern a string did not match
_TYPE_BASE = "https://duban.example/problems/"
log = structlog.get_logger("duban.api")


def document(status: int, rule: str, title: str, detail: str, instance: str) -> dict[str, Any]:
    """An RFC 9457 problem document, naming the rule that refused the request."""
    return {
        "type": _TYPE_BASE + rule,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        "rule": rule,
    }


def problem(
    request: Request[Any, Any, Any],
    status: int,
    rule: str,
    title: str,
    detail: str,
    **extra: Any,
) -> Response[dict[str, Any]]:
    body = document(status, rule, title, detail, request.url.path) | extra
    return Response(body, status_code=status, media_type=PROBLEM_JSON)


def _status_of(error: DomainError) -> tuple[int, str]:
    if isinstance(error, ForbiddenError):
        return 403, "Forbidden"
    if isinstance(error, NotFoundError):
        return 404, "Not found"
    if isinstance(error, InvalidValueError):
        return 422, "Invalid value"
    if isinstance(error, ConflictError):
        return 409, "Conflicting state"
    return 409, "Refused by a rule"


def domain_error_handler(request: Request[Any, Any, Any], error: DomainError) -> Response[Any]:
    status, title = _status_of(error)
    log.info("command refused", rule=error.rule, status=status, detail=error.detail)
    return problem(request, status, error.rule, title, error.detail)


def _validation_problem(
    request: Request[Any, Any, Any], error: ValidationException
) -> Response[Any]:
    errors = error.extra if isinstance(error.extra, list) else []
    unstorable = [
        e for e in errors if isinstance(e, dict) and _STORABLE_REPR in str(e.get("message"))
    ]
    if unstorable:
        field = str(unstorable[0].get("key", ""))
        rule = ControlCharacterError.rule
        detail = f"{field} contains a control character; only tab and newline are allowed"
        log.info("command refused", rule=rule, status=422, field=field)
        return problem(request, 422, rule, "Invalid value", detail, field=field, errors=errors)
    return problem(
        request, 400, "malformed-request", "Malformed request", str(error.detail), errors=errors
    )


def http_error_handler(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    if isinstance(error, ValidationException):
        return _validation_problem(request, error)
    status = error.status_code
    rule = {
        400: "malformed-request",
        401: "token-required",
        403: "forbidden",
        404: "not-found",
        405: "method-not-allowed",
    }.get(status, f"http-{status}")
    response = problem(request, status, rule, _reason(status), str(error.detail))
    headers = dict(error.headers or {})  # e.g. Allow on a 405, the RateLimit-* on a 429
    if status == 429:  # the rate limit names when its window starts again; say it plainly
        headers.setdefault("Retry-After", str(max(0, int(headers.get("RateLimit-Reset", 60)))))
    response.headers.update(headers)
    return response


def internal_error_handler(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    if isinstance(error, ReadModelsBehindError):  # work that must see the whole log waited
        response = problem(
            request, 503, "read-models-behind", "Service unavailable", f"{error}; retry shortly"
        )
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if is_contention(error):
        log.warning("store busy", error_type=type(error).__name__, detail=str(error))
        response = problem(
            request, 503, "store-busy", "Service unavailable", "the store is busy; retry shortly"
        )
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    log.exception("unhandled error", error_type=type(error).__name__)
    return problem(
        request, 500, "internal-error", "Internal error", "the server failed; see its log"
    )


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error_handler,
    HTTPException: http_error_handler,
    Exception: internal_error_handler,
}

__all__ = ["EXCEPTION_HANDLERS", "PROBLEM_JSON", "MediaType", "problem"]
