"""Tighter by default: ENVIRONMENT is never assumed (only the `interview` command says local),
the example SECRET_KEY works only locally and in tests, and an access token must expire."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from interview_core.configuration import ConfigurationError, check_configuration
from interview_core.errors import Unauthenticated
from interview_core.security import create_access_token, token_claims
from interview_core.settings import EXAMPLE_SECRET_KEY, Settings
from jose import jwt
from pydantic import ValidationError

KEY = "a-long-enough-secret-key"
BASE = {"database_url": "postgresql://x@localhost/db", "secret_key": KEY}


@pytest.fixture
def no_environment(monkeypatch):
    from tests.conftest import _clear_cached_singletons

    monkeypatch.delenv("ENVIRONMENT", raising=False)
    monkeypatch.setenv("DATABASE_URL", BASE["database_url"])
    _clear_cached_singletons()
    yield
    _clear_cached_singletons()


def test_an_unset_environment_is_refused_not_taken_for_local(no_environment):
    with pytest.raises(ValidationError) as raised:
        Settings(**BASE)
    assert [error["loc"] for error in raised.value.errors()] == [("environment",)]

    with pytest.raises(ConfigurationError) as problems:
        check_configuration()
    assert "ENVIRONMENT: Field required" in problems.value.problems


def test_a_lambda_without_environment_fails_its_cold_start(no_environment):
    from interview_core.api.lambda_handler import http_handler
    from interview_core.api.routes.health import router

    with pytest.raises(ConfigurationError, match="ENVIRONMENT"):
        http_handler(router)


@pytest.mark.parametrize("environment", ["dev", "prod"])
def test_the_example_secret_key_is_refused_outside_local_and_test(environment):
    with pytest.raises(ValidationError, match="SECRET_KEY still has the example value"):
        Settings(**{**BASE, "environment": environment, "secret_key": EXAMPLE_SECRET_KEY})


@pytest.mark.parametrize("environment", ["local", "test"])
def test_the_example_secret_key_still_works_locally_and_in_tests(environment):
    settings = Settings(**{**BASE, "environment": environment, "secret_key": EXAMPLE_SECRET_KEY})
    assert settings.environment == environment


def _interview_dev(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    # A bad SENTIMENT_PROVIDER stops `interview dev` at the configuration check, before it
    # connects to anything: what else the check reports is what it thinks of the rest.
    environment = {key: value for key, value in os.environ.items() if key != "ENVIRONMENT"}
    environment.update(
        {
            "DATABASE_URL": BASE["database_url"],
            "SECRET_KEY": EXAMPLE_SECRET_KEY,
            "SENTIMENT_PROVIDER": "vader",
            "INTERVIEW_DATA_DIR": str(tmp_path),
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "interview_core.cli", "dev", "--no-web", "--port", "1"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_interview_dev_runs_as_local_when_environment_is_unset(tmp_path):
    finished = _interview_dev(tmp_path)

    assert finished.returncode == 2, finished.stderr
    problems = finished.stderr.split("invalid configuration:\n", 1)[1].strip().splitlines()
    assert len(problems) == 1 and problems[0].strip().startswith("SENTIMENT_PROVIDER"), problems


def test_interview_dev_told_it_is_prod_refuses_the_example_key(tmp_path):
    finished = _interview_dev(tmp_path, ENVIRONMENT="prod")

    assert finished.returncode == 2
    assert "  SECRET_KEY still has the example value; set a real secret\n" in finished.stderr
    assert EXAMPLE_SECRET_KEY not in finished.stderr


def _signed(claims: dict) -> str:
    return jwt.encode(claims, KEY, algorithm="HS256")


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "42", "role": "candidate"},
        {"sub": "42", "iat": int(datetime.now(UTC).timestamp())},
        {"sub": "42", "exp": None},
        {"sub": "42", "exp": "tomorrow"},
        {"sub": "42", "exp": 1e999},
    ],
    ids=["no-exp", "iat-only", "null-exp", "text-exp", "infinite-exp"],
)
def test_a_token_without_a_valid_expiry_is_invalid(claims):
    settings = Settings(**BASE, environment="test")
    with pytest.raises(Unauthenticated, match="The access token is invalid"):
        token_claims(settings, _signed(claims))


def test_the_tokens_the_platform_issues_expire_and_are_accepted():
    settings = Settings(**BASE, environment="test")
    issued = create_access_token(settings, 42, "candidate")
    claims = jwt.get_unverified_claims(issued.access_token)

    assert claims["exp"] - claims["iat"] == settings.access_token_expire_minutes * 60
    assert token_claims(settings, issued.access_token).user_id == 42
    expired = _signed({"sub": "42", "exp": datetime.now(UTC) - timedelta(seconds=5)})
    with pytest.raises(Unauthenticated, match="expired"):
        token_claims(settings, expired)
