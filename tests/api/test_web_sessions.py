"""The web app's sign-in: the access token stays in the page's memory, and a session kept in an
httpOnly cookie gets it a new one. The seed's POST /token answers exactly as before."""

from __future__ import annotations

import hashlib
from datetime import datetime
from http.cookies import SimpleCookie

from fastapi.testclient import TestClient

from tests.api.helpers import sign_up

PASSWORD = "pass-phrase-42"
CSRF = {"X-Requested-With": "interview-web"}


def log_in_with_session(client: TestClient, username: str) -> str:
    """What the web app does to sign in; returns the session cookie's secret."""
    return log_in_for_token_and_session(client, username)[1]


def session_cookie(response) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(response.headers["set-cookie"])
    return cookie


def refresh(client: TestClient, secret: str | None, headers: dict[str, str] = CSRF):
    """POST /auth/refresh with exactly this cookie (none: without one)."""
    client.cookies.clear()
    sent = {**headers, "Cookie": f"interview_session={secret}"} if secret else headers
    return client.post("/auth/refresh", headers=sent)


def test_the_seeds_token_answer_is_unchanged_and_sets_no_cookie(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")

    answer = client.post("/token", json={"username": account.username, "password": PASSWORD})

    assert answer.status_code == 200
    assert set(answer.json()) == {"access_token", "token_type", "expires_in"}
    assert answer.json()["token_type"] == "bearer"
    assert "set-cookie" not in answer.headers
    assert sql.execute("SELECT count(*) AS n FROM sessions").fetchone()["n"] == 0
    me = client.get("/me", headers={"Authorization": f"Bearer {answer.json()['access_token']}"})
    assert me.status_code == 200


def test_the_web_apps_log_in_sets_an_httponly_strict_cookie_for_auth_only(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")

    logged_in = client.post(
        "/token",
        json={"username": account.username, "password": PASSWORD},
        headers={"X-Session": "cookie"},
    )
    grant = logged_in.json()["session_grant"]
    assert "set-cookie" not in logged_in.headers  # the API's origin is not the web app's
    exchanged = client.post("/auth/session", json={"grant": grant}, headers=CSRF)

    assert exchanged.status_code == 200, exchanged.text
    body = exchanged.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "session_expires_at"}
    me = client.get("/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["username"] == account.username
    morsel = session_cookie(exchanged)["interview_session"]
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "strict"
    assert morsel["path"] == "/auth"
    assert morsel["secure"] == ""  # ENVIRONMENT=test over plain http
    assert int(morsel["max-age"]) > 11 * 3600
    # Only a hash of each secret is stored.
    stored = {row["token_hash"] for row in sql.execute("SELECT token_hash FROM sessions")}
    assert hashlib.sha256(morsel.value.encode()).digest() in stored
    assert hashlib.sha256(grant.encode()).digest() in stored
    # A grant works once: a second exchange, however soon, ends the sign-in it began.
    client.cookies.clear()
    again = client.post("/auth/session", json={"grant": grant}, headers=CSRF)
    assert again.status_code == 401
    assert refresh(client, morsel.value).status_code == 401


def test_over_https_the_cookie_is_secure(platform):
    account = sign_up(platform.client, "candidate")
    client = TestClient(platform.client.app, base_url="https://testserver")

    grant = client.post(
        "/token",
        json={"username": account.username, "password": PASSWORD},
        headers={"X-Session": "cookie"},
    ).json()["session_grant"]
    exchanged = client.post("/auth/session", json={"grant": grant}, headers=CSRF)

    assert session_cookie(exchanged)["interview_session"]["secure"] is True


def test_a_refresh_replaces_the_session_and_gives_a_working_access_token(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")
    first = log_in_with_session(client, account.username)

    refreshed = refresh(client, first)

    assert refreshed.status_code == 200, refreshed.text
    assert set(refreshed.json()) == {
        "access_token",
        "token_type",
        "expires_in",
        "session_expires_at",
    }
    token = refreshed.json()["access_token"]
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    second = session_cookie(refreshed)["interview_session"].value
    assert second != first
    rows = sql.execute(
        "SELECT kind, revoked_reason, rotated_from, id FROM sessions ORDER BY id"
    ).fetchall()
    assert [(row["kind"], row["revoked_reason"]) for row in rows] == [
        ("grant", "rotated"),
        ("cookie", "rotated"),
        ("cookie", None),
    ]
    assert rows[2]["rotated_from"] == rows[1]["id"]
    assert refresh(client, second).status_code == 200


def test_a_replaced_session_presented_again_ends_the_whole_chain(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")
    first = log_in_with_session(client, account.username)
    second = session_cookie(refresh(client, first))["interview_session"].value
    # Past the few seconds' grace a lost answer gets: this is a copy used by someone else.
    sql.execute("UPDATE sessions SET revoked_at = revoked_at - interval '1 minute'")

    reused = refresh(client, first)

    assert reused.status_code == 401
    assert "used twice" in reused.json()["detail"]
    assert 'interview_session=""' in reused.headers["set-cookie"]  # the cookie is cleared
    # The newest session of the chain, the rightful user's, has ended too.
    newest = refresh(client, second)
    assert newest.status_code == 401
    reasons = {row["revoked_reason"] for row in sql.execute("SELECT revoked_reason FROM sessions")}
    assert reasons == {"reused"}


def test_a_session_replaced_a_moment_ago_still_gets_a_successor(platform):
    """A reload while a refresh is under way loses the answer that carried the new cookie."""
    client = platform.client
    account = sign_up(client, "candidate")
    first = log_in_with_session(client, account.username)
    second = session_cookie(refresh(client, first))["interview_session"].value

    again = refresh(client, first)

    assert again.status_code == 200, again.text
    assert refresh(client, second).status_code == 200  # the chain goes on


def test_logout_ends_the_session_and_clears_the_cookie(platform):
    client = platform.client
    account = sign_up(client, "candidate")
    secret = log_in_with_session(client, account.username)

    client.cookies.clear()
    out = client.post("/auth/logout", headers={**CSRF, "Cookie": f"interview_session={secret}"})

    assert out.status_code == 204
    cleared = session_cookie(out)["interview_session"]
    assert (cleared.value, cleared["path"], cleared["max-age"]) == ("", "/auth", "0")
    after = refresh(client, secret)
    assert after.status_code == 401
    assert after.json() == {
        "detail": "The session has ended; sign in again",
        "code": "unauthenticated",
    }
    # Signing out twice, or with no session, is fine.
    client.cookies.clear()
    assert client.post("/auth/logout", headers=CSRF).status_code == 204


def test_an_expired_session_is_refused(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")
    secret = log_in_with_session(client, account.username)
    sql.execute(
        "UPDATE sessions SET created_at = now() - interval '13 hours', "
        "expires_at = now() - interval '1 hour'"
    )

    refused = refresh(client, secret)

    assert refused.status_code == 401
    assert refused.json() == {
        "detail": "The session has expired; sign in again",
        "code": "unauthenticated",
    }


def test_a_refresh_keeps_the_sign_ins_end(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")
    secret = log_in_with_session(client, account.username)
    before = sql.execute("SELECT max(expires_at) AS at FROM sessions").fetchone()["at"]

    refreshed = refresh(client, secret)

    newest = sql.execute("SELECT expires_at FROM sessions WHERE revoked_at IS NULL").fetchone()[
        "expires_at"
    ]
    assert newest == before  # a sign-in lasts SESSION_LIFETIME_HOURS, not for ever
    # ... and the web app is told when, to warn before it ends.
    assert datetime.fromisoformat(refreshed.json()["session_expires_at"]) == before


def test_no_cookie_an_unknown_one_or_a_grant_as_cookie_is_401(platform):
    client = platform.client
    account = sign_up(client, "candidate")
    grant = client.post(
        "/token",
        json={"username": account.username, "password": PASSWORD},
        headers={"X-Session": "cookie"},
    ).json()["session_grant"]

    missing = refresh(client, None)
    unknown = refresh(client, "not-a-session")
    grant_as_cookie = refresh(client, grant)

    assert (missing.status_code, missing.json()) == (
        401,
        {"detail": "No session: sign in", "code": "unauthenticated"},
    )
    assert "set-cookie" not in missing.headers
    assert unknown.status_code == 401
    assert grant_as_cookie.status_code == 401
    client.cookies.clear()
    assert client.post("/auth/session", json={"grant": "unknown"}, headers=CSRF).status_code == 401


def test_without_the_csrf_header_every_session_route_is_403(platform):
    client = platform.client
    account = sign_up(client, "candidate")
    secret = log_in_with_session(client, account.username)
    cookie = {"Cookie": f"interview_session={secret}"}

    client.cookies.clear()
    answers = [
        client.post("/auth/refresh", headers=cookie),
        client.post("/auth/logout", headers=cookie),
        client.post("/auth/session", json={"grant": "x"}),
        client.post("/auth/refresh", headers={**cookie, "X-Requested-With": " "}),
    ]

    assert [answer.status_code for answer in answers] == [403, 403, 403, 403]
    assert "X-Requested-With" in answers[0].json()["detail"]
    assert refresh(client, secret).status_code == 200  # nothing was used up or ended


def test_an_account_that_is_gone_cannot_refresh(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")
    secret = log_in_with_session(client, account.username)

    sql.execute("DELETE FROM users WHERE id = %s", (account.id,))

    refused = refresh(client, secret)
    assert refused.status_code == 401


def test_a_refresh_gives_a_token_of_the_accounts_current_role(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")
    secret = log_in_with_session(client, account.username)
    sql.execute("UPDATE users SET role = 'recruiter' WHERE id = %s", (account.id,))

    token = refresh(client, secret).json()["access_token"]

    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).json()["role"] == (
        "recruiter"
    )


def test_a_wrong_password_with_the_session_header_is_401_and_opens_nothing(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")

    refused = client.post(
        "/token",
        json={"username": account.username, "password": "not-the-password"},
        headers={"X-Session": "cookie"},
    )

    assert refused.status_code == 401
    assert sql.execute("SELECT count(*) AS n FROM sessions").fetchone()["n"] == 0


def log_in_for_token_and_session(client: TestClient, username: str) -> tuple[str, str]:
    """The web app's sign-in: the access token from POST /token and the cookie's secret."""
    logged_in = client.post(
        "/token",
        json={"username": username, "password": PASSWORD},
        headers={"X-Session": "cookie"},
    )
    assert logged_in.status_code == 200, logged_in.text
    client.cookies.clear()
    exchanged = client.post(
        "/auth/session", json={"grant": logged_in.json()["session_grant"]}, headers=CSRF
    )
    assert exchanged.status_code == 200, exchanged.text
    return logged_in.json()["access_token"], session_cookie(exchanged)["interview_session"].value


def me(client: TestClient, token: str):
    return client.get("/me", headers={"Authorization": f"Bearer {token}"})


def test_signing_out_ends_the_sign_ins_access_tokens_at_once(platform):
    client = platform.client
    account = sign_up(client, "candidate")
    first_token, secret = log_in_for_token_and_session(client, account.username)
    refreshed = refresh(client, secret)
    second_token = refreshed.json()["access_token"]
    # The seed's token of the same account, and the same account signed in elsewhere
    seed_token = client.post(
        "/token", json={"username": account.username, "password": PASSWORD}
    ).json()["access_token"]
    other_token, _ = log_in_for_token_and_session(client, account.username)
    assert all(me(client, t).status_code == 200 for t in (first_token, second_token))

    client.cookies.clear()
    newest = session_cookie(refreshed)["interview_session"].value
    assert (
        client.post(
            "/auth/logout", headers={**CSRF, "Cookie": f"interview_session={newest}"}
        ).status_code
        == 204
    )

    # Every token of that sign-in is refused, long before it would expire
    for token in (first_token, second_token):
        refused = me(client, token)
        assert refused.status_code == 401
        assert refused.json() == {
            "detail": "This sign-in has ended; sign in again",
            "code": "session_ended",
        }
    # Tokens of other sign-ins go on
    assert me(client, seed_token).status_code == 200
    assert me(client, other_token).status_code == 200


def test_a_chain_ended_as_stolen_refuses_its_access_tokens(platform, sql):
    client = platform.client
    account = sign_up(client, "candidate")
    token, first = log_in_for_token_and_session(client, account.username)
    refresh(client, first)
    sql.execute("UPDATE sessions SET revoked_at = revoked_at - interval '1 minute'")

    assert refresh(client, first).status_code == 401  # reused: the chain ends

    assert me(client, token).status_code == 401


def test_a_grant_never_exchanged_leaves_its_token_working_until_it_expires(platform, sql):
    """A browser that refuses the cookie still has the token it logged in with."""
    client = platform.client
    account = sign_up(client, "candidate")
    logged_in = client.post(
        "/token",
        json={"username": account.username, "password": PASSWORD},
        headers={"X-Session": "cookie"},
    ).json()
    sql.execute(
        "UPDATE sessions SET created_at = now() - interval '2 minutes',"
        " expires_at = now() - interval '1 minute'"
    )

    assert me(client, logged_in["access_token"]).status_code == 200


def test_a_token_with_a_malformed_session_claim_is_refused(platform):
    from interview_core.settings import get_settings
    from jose import jwt

    client = platform.client
    account = sign_up(client, "candidate")
    token, _ = log_in_for_token_and_session(client, account.username)
    settings = get_settings()
    claims = jwt.get_unverified_claims(token)
    forged = jwt.encode(
        {**claims, "sid": "not-a-uuid"},
        settings.secret_key.get_secret_value(),
        algorithm=settings.algorithm,
    )

    refused = me(client, forged)

    assert refused.status_code == 401
    assert refused.json() == {"detail": "The access token is invalid", "code": "unauthenticated"}
