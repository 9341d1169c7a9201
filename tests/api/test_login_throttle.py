"""Failed log-ins are slowed, then locked, per account and per client address: a clear 429 with
Retry-After, the right password included, counted in PostgreSQL (table login_throttle)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import sign_up
from tests.integration.test_lambda_handlers import rest_proxy_event

PASSWORD = "pass-phrase-42"  # tests/api/helpers.sign_up's


def log_in(client: TestClient, username: str, password: str):
    return client.post("/token", json={"username": username, "password": password})


def from_address(platform, address: str) -> TestClient:
    """Another client of the same app, whose socket peer is `address`."""
    return TestClient(platform.client.app, raise_server_exceptions=False, client=(address, 50000))


def end_lockouts(sql) -> None:
    """As if every lockout had just run out (failures stay counted)."""
    sql.execute("""UPDATE login_throttle SET locked_until = now() - interval '1 second',
                   last_failure_at = least(last_failure_at, now() - interval '1 second')
                   WHERE locked_until IS NOT NULL""")


def assert_locked(response, *, at_most: int) -> int:
    assert response.status_code == 429, response.text
    assert "Too many failed log-ins" in response.json()["detail"]
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= at_most
    return retry_after


def test_five_failures_lock_the_account_and_the_right_password_is_refused_meanwhile(platform):
    client = platform.client
    kim = sign_up(client, name="kim")
    other = sign_up(client, name="lee")

    for _ in range(5):
        assert log_in(client, "kim", "wrong-password").status_code == 401

    assert_locked(log_in(client, "kim", PASSWORD), at_most=60)
    assert_locked(
        log_in(client, "KIM@example.com", PASSWORD), at_most=60
    )  # the same account by its email
    # Another account from the same address is not locked by it
    assert log_in(client, other.username, PASSWORD).status_code == 200
    assert kim.id != other.id


def test_the_lockout_doubles_with_each_further_failure_and_a_success_clears_the_count(
    platform, sql
):
    client = platform.client
    sign_up(client, name="kim")
    for _ in range(5):
        log_in(client, "kim", "wrong-password")
    end_lockouts(sql)

    # One more failure after the first lockout: locked for two minutes
    assert log_in(client, "kim", "still-wrong").status_code == 401
    assert assert_locked(log_in(client, "kim", PASSWORD), at_most=120) > 60
    end_lockouts(sql)
    assert log_in(client, "kim", "wrong-again").status_code == 401
    assert assert_locked(log_in(client, "kim", PASSWORD), at_most=240) > 120
    end_lockouts(sql)

    # The right password once the lockout is over: in, and the account's count starts again
    assert log_in(client, "kim", PASSWORD).status_code == 200
    assert (
        sql.execute("SELECT count(*) AS n FROM login_throttle WHERE kind = 'account'").fetchone()[
            "n"
        ]
        == 0
    )
    for _ in range(4):
        assert log_in(client, "kim", "wrong-password").status_code == 401
    assert log_in(client, "kim", PASSWORD).status_code == 200


def test_a_name_nobody_has_locks_the_same_way_and_is_not_stored_as_typed(platform, sql):
    client = platform.client
    for _ in range(5):
        assert log_in(client, "My-Secret-Passw0rd", "whatever-1").status_code == 401
    assert_locked(log_in(client, "My-Secret-Passw0rd", "whatever-1"), at_most=60)
    subjects = [
        row["subject"] for row in sql.execute("SELECT subject FROM login_throttle").fetchall()
    ]
    assert not any("secret" in subject.lower() for subject in subjects)


def test_an_address_that_fails_twenty_times_is_locked_for_every_account_others_are_not(platform):
    sign_up(platform.client, name="kim")
    attacker = from_address(platform, "203.0.113.10")
    neighbour = from_address(platform, "198.51.100.20")

    # Four guesses on each of five accounts: no account reaches its limit
    for name in ("kim", "lee", "park", "choi", "jung"):
        for _ in range(4):
            assert log_in(attacker, name, "guess-1234").status_code == 401

    # The address has: even kim's right password from it is refused
    assert_locked(log_in(attacker, "kim", PASSWORD), at_most=60)
    assert log_in(neighbour, "kim", PASSWORD).status_code == 200


def test_x_forwarded_for_is_not_the_client_address(platform, sql):
    sign_up(platform.client, name="kim")
    attacker = from_address(platform, "203.0.113.11")
    for number in range(20):
        spoofed = {"X-Forwarded-For": f"198.51.100.{number}"}
        attacker.post(
            "/token", json={"username": f"name{number}", "password": "guess-1234"}, headers=spoofed
        )

    assert_locked(
        attacker.post(
            "/token",
            json={"username": "kim", "password": PASSWORD},
            headers={"X-Forwarded-For": "192.0.2.99"},
        ),
        at_most=60,
    )
    addresses = {
        row["subject"]
        for row in sql.execute("SELECT subject FROM login_throttle WHERE kind = 'address'")
    }
    assert addresses == {"203.0.113.11"}


def test_behind_api_gateway_the_address_is_the_events_source_ip(platform, sql):
    from interview_core.local.lambda_runtime import LambdaContext, load_function

    sign_up(platform.client, name="kim")
    handler = load_function("token").handler

    def token_call(username: str, password: str, forwarded_for: str) -> dict:
        event = rest_proxy_event(
            "POST", "/token", "/token", body={"username": username, "password": password}
        )
        event["headers"]["X-Forwarded-For"] = forwarded_for
        event["multiValueHeaders"]["X-Forwarded-For"] = [forwarded_for]
        return handler(event, LambdaContext("token"))

    for number in range(20):
        assert token_call(f"name{number}", "guess-1234", f"10.0.0.{number}")["statusCode"] == 401
    refused = token_call("kim", PASSWORD, "10.9.9.9")
    assert refused["statusCode"] == 429
    assert int(refused["headers"]["retry-after"]) >= 1
    addresses = {
        row["subject"]
        for row in sql.execute("SELECT subject FROM login_throttle WHERE kind = 'address'")
    }
    assert addresses == {"203.0.113.7"}  # the event's requestContext.identity.sourceIp


def test_guesses_sent_all_at_once_get_no_more_answers_than_guesses_sent_in_turn(
    platform, monkeypatch
):
    from interview_core.services import accounts

    client = platform.client
    sign_up(client, name="kim")
    burst = from_address(platform, "203.0.113.12")
    # Every guess is past the first look at the lock before any is counted
    everyone_checked = threading.Barrier(12)
    verify = accounts.verify_password

    def verify_together(password_hash: str, password: str) -> bool:
        everyone_checked.wait(timeout=30)
        return verify(password_hash, password)

    monkeypatch.setattr(accounts, "verify_password", verify_together)
    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = sorted(
            pool.map(lambda n: log_in(burst, "kim", f"guess-{n:04d}").status_code, range(12))
        )

    # Five wrong passwords are answered as such; the rest learn nothing but "locked"
    assert statuses == [401] * 5 + [429] * 7
    monkeypatch.setattr(accounts, "verify_password", verify)
    assert_locked(log_in(burst, "kim", PASSWORD), at_most=15 * 60)


def test_rows_that_mean_nothing_any_more_are_deleted_as_failures_are_written(platform, sql):
    sql.execute("""
        INSERT INTO login_throttle
            (kind, subject, failures, last_failure_at, locked_until, expires_at)
        VALUES ('address', '192.0.2.1', 3, now() - interval '2 hours', NULL,
                now() - interval '1 hour'),
               ('account', 'user:999', 9, now() - interval '1 minute',
                now() + interval '14 minutes', now() + interval '29 minutes')""")

    assert log_in(platform.client, "nobody-here", "guess-1234").status_code == 401

    left = {row["subject"] for row in sql.execute("SELECT subject FROM login_throttle").fetchall()}
    assert "192.0.2.1" not in left
    assert "user:999" in left  # still locked: kept


@pytest.mark.parametrize("field", ["username", "password"])
def test_a_malformed_log_in_is_a_422_and_counts_as_no_failure(platform, sql, field):
    body = {"username": "kim", "password": "x"}
    body.pop(field)
    assert platform.client.post("/token", json=body).status_code == 422
    assert sql.execute("SELECT count(*) AS n FROM login_throttle").fetchone()["n"] == 0
