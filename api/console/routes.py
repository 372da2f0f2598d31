"""The console's router: sign-in, its pages and forms, under the CSRF middleware, with a
refusal of the policy shown as a page rather than JSON."""

from __future__ import annotations

from litestar.exceptions import PermissionDeniedException
from litestar.router import Router

from api.console.issue_page import give_command, issue_page
from api.console.ledger import ledger, ledger_export, overview
from api.console.pages import csrf, domain_refusal_page, refused_page
from api.console.signin import sign_in, sign_in_page, sign_out
from api.console.tables import table_pages
from domain.errors import DomainError


def console_router(secret: str) -> Router:
    return Router(
        path="/",
        route_handlers=[
            sign_in_page,
            sign_in,
            sign_out,
            overview,
            ledger,
            ledger_export,
            issue_page,
            give_command,
            *table_pages(),
        ],
        middleware=[csrf(secret)],
        exception_handlers={
            PermissionDeniedException: refused_page,
            DomainError: domain_refusal_page,
        },
    )
