"""A token that never expires is no token: the API answers it 401 like any invalid one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jose import jwt

from tests.conftest import TEST_SECRET_KEY


def test_a_correctly_signed_token_without_exp_is_401(platform):
    client = platform.client
    login = {"username": "eve", "password": "a-long-pass-phrase-77"}
    user = client.post("/register", json={**login, "email": "eve@example.com", "role": "candidate"})
    assert user.status_code == 201, user.text
    claims = {"sub": str(user.json()["id"]), "role": "candidate", "iat": datetime.now(UTC)}

    forever = jwt.encode(claims, TEST_SECRET_KEY, algorithm="HS256")
    in_five_minutes = datetime.now(UTC) + timedelta(minutes=5)
    expiring = jwt.encode({**claims, "exp": in_five_minutes}, TEST_SECRET_KEY, algorithm="HS256")

    refused = client.get("/me", headers={"Authorization": f"Bearer {forever}"})
    assert refused.status_code == 401
    assert refused.json() == {"detail": "The access token is invalid", "code": "unauthenticated"}
    assert refused.headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/me", headers={"Authorization": f"Bearer {expiring}"}).status_code == 200
