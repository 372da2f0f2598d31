"""Signing in to the console: a password an admin set (Argon2id), a session cookie that is
HttpOnly and SameSite and opens the console's pages only (never the API), forms that need
their CSRF token, and sign-in attempts logged and limited per login."""

from __future__ import annotations

import re

import pytest

from infrastructure import access_log, credentials

pytestmark = pytest.mark.parametrize("target", ["sqlite"], indirect=True)

PASSWORD = "correct horse battery"


@pytest.fixture
def desk(services, directory):
    """张三 of 市政府督查室 may sign in as a supervisor; the client carries no token."""
    credentials.set_password(
        services.views, str(directory.id("张三")), "supervisor", PASSWORD, by="test"
    )
    return directory


@pytest.fixture
def browser(client):
    client.headers.pop("authorization", None)
    return client


def token_of(html: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', html)[1]


def sign_in(client, login: str, password: str):
    token = token_of(client.get("/").text)
    form = {"_csrf_token": token, "login": login, "password": password}
    return client.post("/signin", data=form, follow_redirects=False)


def test_the_front_door_answers_the_sign_in_form(browser):
    answer = browser.get("/")
    assert answer.status_code == 200
    assert 'name="password"' in answer.text
    assert 'type="password"' in answer.text


def test_signing_in_sets_an_httponly_samesite_session_cookie(browser, desk):
    answer = sign_in(browser, "张三", PASSWORD)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("duban_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert browser.get("/console/").status_code == 200


def test_a_wrong_password_is_refused_and_logged_under_the_login_tried(browser, desk, services):
    answer = sign_in(browser, "张三", "wrong password!")
    assert answer.status_code == 401
    assert "duban_session" not in answer.headers.get("set-cookie", "")
    (entry,) = access_log.entries(services.views, "张三", 10)
    assert (entry["path"], entry["status"]) == ("/signin", 401)


def test_an_unknown_name_is_refused_like_a_wrong_password(browser, desk):
    answer = sign_in(browser, "无此人", PASSWORD)
    assert answer.status_code == 401
    assert "姓名或密码不正确" in answer.text


def test_after_five_failures_the_login_is_refused_even_with_the_right_password(browser, desk):
    for _ in range(5):
        assert sign_in(browser, "张三", "wrong password!").status_code == 401
    answer = sign_in(browser, "张三", PASSWORD)
    assert answer.status_code == 429
    assert "登录失败次数过多" in answer.text


def test_a_successful_sign_in_is_logged(browser, desk, services):
    sign_in(browser, "张三", PASSWORD)
    (entry,) = access_log.entries(services.views, str(desk.id("张三")), 10)
    assert (entry["status"], entry["role"], entry["note"]) == (303, "supervisor", "signed in")


def test_a_form_posted_without_its_csrf_token_is_refused(browser, desk):
    browser.get("/")
    answer = browser.post("/signin", data={"login": "张三", "password": PASSWORD})
    assert answer.status_code == 403
    assert "duban_session" not in answer.headers.get("set-cookie", "")


def test_the_session_cookie_does_not_open_the_api(browser, desk):
    sign_in(browser, "张三", PASSWORD)
    assert browser.get("/issues").status_code == 401


def test_a_console_page_without_a_session_sends_the_browser_to_sign_in(browser):
    answer = browser.get("/console/issues", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"


def test_a_bearer_token_does_not_open_the_console(client):
    answer = client.get("/console/", follow_redirects=False)
    assert answer.status_code == 303


def test_signing_out_ends_the_session(browser, desk):
    sign_in(browser, "张三", PASSWORD)
    session_id = browser.cookies.get("duban_session")
    token = token_of(browser.get("/console/").text)
    answer = browser.post("/console/signout", data={"_csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303
    browser.cookies.set("duban_session", session_id)  # the old cookie, kept by a copy
    assert browser.get("/console/", follow_redirects=False).status_code == 303


def test_setting_the_password_again_ends_the_officials_sessions(browser, desk, services):
    sign_in(browser, "张三", PASSWORD)
    credentials.set_password(
        services.views, str(desk.id("张三")), "supervisor", "another password", by="test"
    )
    assert browser.get("/console/", follow_redirects=False).status_code == 303


def test_a_short_password_is_not_set(services, directory):
    with pytest.raises(credentials.WeakPasswordError):
        credentials.set_password(
            services.views, str(directory.id("张三")), "supervisor", "short", by="test"
        )


def test_the_stored_password_is_an_argon2id_hash_not_the_password(services, desk):
    with services.views.transaction(write=False) as tx:
        (stored,) = tx.fetchall("SELECT hash FROM console_passwords")
    assert stored[0].startswith("$argon2id$")
    assert PASSWORD not in stored[0]
