from __future__ import annotations

import pytest
from interview_core.errors import Unauthenticated
from interview_core.security import (
    create_access_token,
    hash_password,
    token_claims,
    verify_password,
)
from interview_core.settings import EXAMPLE_SECRET_KEY, Settings
from pydantic import ValidationError

BASE = {"database_url": "postgresql://x@localhost/db", "secret_key": "a-long-enough-secret-key"}


def test_defaults_follow_the_seed():
    settings = Settings(**BASE)
    assert settings.algorithm == "HS256" and settings.access_token_expire_minutes == 30
    assert settings.allowed_origins == ["http://localhost:3000", "http://localhost:5173"]


def test_allowed_origins_come_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_ORIGINS", "https://a.example, https://b.example")
    assert Settings(**BASE).allowed_origins == ["https://a.example", "https://b.example"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"secret_key": ""},
        {"secret_key": "short"},
        {"environment": "prod", "secret_key": EXAMPLE_SECRET_KEY},
        {"environment": "prod", "allowed_origins": "*"},
        {"algorithm": "none"},
        {"access_token_expire_minutes": 0},
        {"queue_backend": "redis"},
    ],
)
def test_unsafe_or_wrong_settings_stop_the_start(overrides):
    with pytest.raises(ValidationError):
        Settings(**{**BASE, **overrides})


def test_star_origins_are_fine_locally():
    assert Settings(**BASE, allowed_origins="*").allowed_origins == ["*"]


def test_passwords_are_hashed_with_argon2_and_verified():
    hashed = hash_password("test1234")
    assert hashed.startswith("$argon2") and "test1234" not in hashed
    assert verify_password(hashed, "test1234") and not verify_password(hashed, "test1235")
    assert not verify_password("not-a-hash", "test1234")


def test_tokens_carry_the_user_and_are_checked_with_the_configured_key():
    settings = Settings(**BASE)
    token = create_access_token(settings, 42, "candidate")
    assert token.expires_in == 1800
    assert token_claims(settings, token.access_token).user_id == 42
    with pytest.raises(Unauthenticated):
        token_claims(
            Settings(**{**BASE, "secret_key": "another-secret-key-entirely"}), token.access_token
        )
