"""Signing in to the console and out of it. An official signs in with the directory name (or
id) and the password an admin set; each attempt, accepted or refused, goes to the access log
under the login tried; after ``MAX_FAILURES`` refusals of one login within ``WINDOW`` the
login is refused without checking the password (429) until the window passes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template

from api.console.pages import render
from api.console.sessions import COOKIE, principal_of_session
from bootstrap.services import Services
from domain.access import Role
from infrastructure import access_log, credentials
from projections.directory_view import DirectoryView

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
PATH = "/signin"
HOME = "/console/"


class SignInForm(msgspec.Struct):
    login: str = ""
    password: str = ""


Form = Annotated[SignInForm, Body(media_type=RequestEncodingType.URL_ENCODED)]


@get("/", include_in_schema=False, sync_to_thread=True, opt={"public": True})
def sign_in_page(request: Request[Any, Any, Any]) -> Template | Redirect:
    """The console's front door: the sign-in form, or the overview for a live session."""
    session_id = request.cookies.get(COOKIE)
    services: Services = request.app.state.services
    if session_id and principal_of_session(services, session_id) is not None:
        return Redirect(HOME, status_code=303)
    return render(request, "signin.html")


def _log(services: Services, login: str, who: tuple[str, str, str] | None, status: int) -> None:
    note = {303: "signed in", 401: "sign-in refused: wrong name or password"}.get(
        status, "sign-in refused: too many failed attempts"
    )
    subject, name, role = who or (login, "", "")
    access_log.record(services.views, (subject, name, role), "POST", PATH, status, note)


@post(
    PATH,
    include_in_schema=False,
    sync_to_thread=True,
    opt={"public": True, "logs_own_access": True},
)
def sign_in(request: Request[Any, Any, Any], data: Form) -> Template | Redirect:
    services: Services = request.app.state.services
    login = data.login.strip()[:100]
    since = datetime.now(UTC) - WINDOW
    if access_log.refusals_since(services.views, login, PATH, since) >= MAX_FAILURES:
        _log(services, login, None, 429)
        message = f"该账号登录失败次数过多，请 {WINDOW.seconds // 60} 分钟后再试。"
        return render(request, "signin.html", status_code=429, error=message, login=login)
    with services.read() as tx:
        official = DirectoryView.official(tx, login) if login else None
    official_id = str(official["id"]) if official else None
    role = credentials.check_password(services.views, official_id, data.password)
    if official is None or role is None:
        _log(services, login, None, 401)
        message = "姓名或密码不正确。"
        return render(request, "signin.html", status_code=401, error=message, login=login)
    session = credentials.Session(str(official["id"]), role, str(official["unit_id"]))
    session_id = credentials.start_session(services.views, session)
    _log(services, login, (str(official["id"]), str(official["name"]), role), 303)
    response = Redirect(HOME, status_code=303)
    response.set_cookie(
        COOKIE,
        session_id,
        httponly=True,
        samesite="lax",
        path="/",
        max_age=credentials.SESSION_HOURS * 3600,
    )
    return response


@post(
    "/console/signout",
    include_in_schema=False,
    sync_to_thread=True,
    opt={"roles": frozenset(Role)},
)
def sign_out(request: Request[Any, Any, Any]) -> Redirect:
    services: Services = request.app.state.services
    session_id = request.cookies.get(COOKIE)
    if session_id:
        credentials.end_session(services.views, session_id)
    response = Redirect("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
