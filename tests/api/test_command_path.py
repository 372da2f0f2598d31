"""What a request costs less by: tokens decoded once until they expire, a rate limit of two
integers per caller. The rules they keep are the same as before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from litestar.security.jwt import Token
from litestar.testing import TestClient

from api.auth import DecodedTokens
from api.rate_limit import Windows
from domain.access import Role
from tests.directory import TestDirectory


def _token(expires: datetime) -> Token:
    return Token(sub="s", exp=expires, iat=expires - timedelta(hours=1), extras={"role": "officer"})


def test_a_decoded_token_is_kept_until_it_expires_and_no_longer():
    kept = DecodedTokens()
    live = _token(datetime.now(UTC) + timedelta(hours=1))
    dead = _token(datetime.now(UTC) + timedelta(hours=1))
    dead.exp = datetime.now(UTC) - timedelta(seconds=1)  # (a new Token refuses a past exp)
    kept.put("secret", "live.text", live)
    kept.put("secret", "dead.text", dead)
    assert kept.get("secret", "live.text") is live
    assert kept.get("other secret", "live.text") is None  # kept under the key that checked it
    assert kept.get("secret", "dead.text") is None
    assert kept.get("secret", "never.seen") is None


def test_the_least_recently_used_token_goes_first_past_the_size():
    kept = DecodedTokens(size=2)
    later = datetime.now(UTC) + timedelta(hours=1)
    a, b, c = (_token(later) for _ in range(3))
    kept.put("k", "a", a)
    kept.put("k", "b", b)
    assert kept.get("k", "a") is a  # a is now the most recently used
    kept.put("k", "c", c)
    assert kept.get("k", "b") is None
    assert (kept.get("k", "a"), kept.get("k", "c")) == (a, c)


def test_a_window_lets_the_limit_through_then_refuses_until_it_closes():
    windows = Windows(limit=3)
    # (allowed, remaining, seconds until the window closes), worked out by hand
    assert [windows.take("desk", 100) for _ in range(4)] == [
        (True, 2, 60),
        (True, 1, 60),
        (True, 0, 60),
        (False, 0, 60),
    ]
    assert windows.take("desk", 130) == (False, 0, 30)
    assert windows.take("other", 130) == (True, 2, 60)  # each caller its own window
    assert windows.take("desk", 160) == (True, 2, 60)  # the window closed at 160: a new one


def test_a_token_altered_after_a_good_one_was_kept_is_refused(
    client: TestClient, directory: TestDirectory
):
    officer = directory.bearer("吴涛", Role.OFFICER)
    assert client.get("/issues", headers=officer).status_code == 200
    assert client.get("/issues", headers=officer).status_code == 200
    tampered = {"Authorization": officer["Authorization"][:-2] + "xx"}
    assert client.get("/issues", headers=tampered).status_code == 401
