"""How a console page is declared, and the console's router: its pages and forms declare the
roles that may open them exactly as the API's routes do (the app's one guard applies them),
and every form post carries a CSRF token (Litestar's CSRF middleware, on the console's
routes only: the API's callers send bearer tokens, which a forged form cannot)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from litestar import Request, Response, get, post
from litestar.config.csrf import CSRFConfig
from litestar.exceptions import PermissionDeniedException
from litestar.handlers import HTTPRouteHandler
from litestar.middleware.base import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect, Template
from litestar.template.config import TemplateConfig

from api.problems import _status_of
from domain.access import Principal, Role
from domain.calendar import Light
from domain.errors import DomainError
from domain.labels import label_of, rule_label
from domain.values import SHANGHAI, Channel, IssueCategory, IssueStatus

F = TypeVar("F", bound=Callable[..., Any])
TEMPLATES = Path(__file__).parent / "templates"
ROLE_LABELS = {
    Role.OFFICER: "承办单位",
    Role.SUPERVISOR: "督查室",
    Role.INSPECTOR: "监督检查",
    Role.ENTERPRISE: "企业",
    Role.ADMIN: "系统管理员",
}


ENUMS: dict[str, type[Enum]] = {
    "Channel": Channel,
    "IssueCategory": IssueCategory,
    "IssueStatus": IssueStatus,
    "Light": Light,
}
ACTION_LABELS = {
    "assign": "受理交办",
    "progress": "记录进展",
    "extend": "延期",
    "resolve": "办结",
    "explain": "解释说明",
    "close-out": "销号",
    "reopen": "重新交办",
}
# the console's further pages: (path, label, roles), each added where it is declared
NAV: list[tuple[str, str, frozenset[Role]]] = []


def _value_text(enum: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return label_of(ENUMS[enum], getattr(value, "value", value))
    except (KeyError, ValueError):
        return str(value)


def _local_time(moment: datetime | str) -> str:
    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return when.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def _nav_links(me: Principal) -> list[tuple[str, str]]:
    return [(path, text) for path, text, roles in NAV if me.role in roles]


HELPERS: dict[str, Any] = {
    "role_label": ROLE_LABELS,
    "action_label": ACTION_LABELS,
    "value_text": _value_text,
    "status_text": lambda value: _value_text("IssueStatus", value),
    "status_label": lambda value: _value_text("IssueStatus", value),
    "light_label": lambda value: _value_text("Light", value),
    "local_time": _local_time,
    "nav_links": _nav_links,
}


def answer_of(handler: HTTPRouteHandler, **kwargs: Any) -> Any:
    """What an API query answers, asked directly (no HTTP): its handler's own function, with
    no controller instance (the API's handlers use none); a page with its Link header
    answers the page."""
    found = handler.fn(None, **kwargs)
    return found.content if isinstance(found, Response) else found


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    return TemplateConfig(directory=TEMPLATES, engine=JinjaTemplateEngine)


def csrf(secret: str) -> DefineMiddleware:
    config = CSRFConfig(
        secret=secret,
        cookie_name="duban_csrf",
        cookie_httponly=True,
        cookie_samesite="strict",
        cookie_path="/",
    )
    return DefineMiddleware(CSRFMiddleware, config=config)


def page(path: str, roles: frozenset[Role], **options: Any) -> Callable[[F], HTTPRouteHandler]:
    """A console page (GET) for ``roles``: left out of the API document."""
    opt = {"roles": roles, **options.pop("opt", {})}
    return get(path, include_in_schema=False, sync_to_thread=True, opt=opt, **options)


def form(path: str, roles: frozenset[Role], **options: Any) -> Callable[[F], HTTPRouteHandler]:
    """A console form's target (POST) for ``roles``: answers a page, never JSON."""
    opt = {"roles": roles, **options.pop("opt", {})}
    return post(
        path, include_in_schema=False, sync_to_thread=True, status_code=200, opt=opt, **options
    )


def render(
    request: Request[Any, Any, Any], name: str, status_code: int = 200, **context: Any
) -> Template:
    principal: Principal | None = request.scope.get("user")
    return Template(
        template_name=name,
        context={"me": principal, "path": request.url.path, **HELPERS, **context},
        status_code=status_code,
    )


def refused_page(
    request: Request[Any, Any, Any], error: PermissionDeniedException
) -> Response[Any]:
    """A page the signed-in role may not open: said in Chinese, with the policy's reason."""
    return render(request, "refused.html", status_code=403, detail=str(error.detail))


def to_sign_in(_: Request[Any, Any, Any], __: Exception) -> Response[Any]:
    return Redirect("/", status_code=303)


def domain_refusal_page(request: Request[Any, Any, Any], error: DomainError) -> Response[Any]:
    """A page whose query a rule refused (an unknown unit, a period written wrong): the rule
    and its reason, in Chinese, with the status the API would send."""
    status, _ = _status_of(error)
    detail = f"{rule_label(error.rule)}（{error.rule}）：{error.detail}"
    return render(request, "refused.html", status_code=status, detail=detail, refused=True)
