"""Passwords are hashed with Argon2id at the parameters of security.py; a hash made with others
(argon2-cffi's defaults, used before) still verifies, and is made again with today's on the next
successful log-in."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.low_level import Type
from interview_core.security import (
    ARGON2_MEMORY_KIB,
    ARGON2_PARALLELISM,
    ARGON2_TIME_COST,
    hash_password,
)

from tests.api.helpers import sign_up

TODAYS = f"$argon2id$v=19$m={ARGON2_MEMORY_KIB},t={ARGON2_TIME_COST},p={ARGON2_PARALLELISM}$"


def stored_hash(sql, username: str) -> str:
    return sql.execute(
        "SELECT password_hash FROM users WHERE username = %s", (username,)
    ).fetchone()["password_hash"]


def test_new_hashes_use_todays_parameters(platform, sql):
    sign_up(platform.client, name="kim")
    assert stored_hash(sql, "kim").startswith(TODAYS)
    assert hash_password("anything at all").startswith(TODAYS)


def test_an_old_hash_still_logs_in_and_is_replaced_by_one_with_todays_parameters(platform, sql):
    client = platform.client
    sign_up(client, name="kim")
    old = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4, type=Type.ID).hash(
        "kims-old-passphrase"
    )
    sql.execute("UPDATE users SET password_hash = %s WHERE username = 'kim'", (old,))

    # A wrong password changes nothing
    assert (
        client.post("/token", json={"username": "kim", "password": "not-it-at-all"}).status_code
        == 401
    )
    assert stored_hash(sql, "kim") == old

    # The right one logs in and is hashed again with today's parameters
    assert (
        client.post(
            "/token", json={"username": "kim", "password": "kims-old-passphrase"}
        ).status_code
        == 200
    )
    renewed = stored_hash(sql, "kim")
    assert renewed != old and renewed.startswith(TODAYS)
    assert (
        client.post(
            "/token", json={"username": "kim", "password": "kims-old-passphrase"}
        ).status_code
        == 200
    )
    assert stored_hash(sql, "kim") == renewed
