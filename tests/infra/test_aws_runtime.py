"""interview_core.aws_runtime: secrets from Secrets Manager into the settings' environment."""

from __future__ import annotations

import json
from urllib.parse import unquote, urlsplit

import boto3
import pytest
from aws_lambda_powertools.utilities import parameters
from botocore.stub import Stubber
from interview_core import aws_runtime
from interview_core.aws_runtime import (
    UNSET_SECRET_VALUE,
    SecretFormatError,
    database_url_from_secret,
    load_aws_secrets_into_environment,
)
from interview_core.settings import Settings

DB_ARN = "arn:aws:secretsmanager:ap-northeast-2:000000000000:secret:db-AbCdEf"
KEY_ARN = "arn:aws:secretsmanager:ap-northeast-2:000000000000:secret:key-AbCdEf"
LLM_ARN = "arn:aws:secretsmanager:ap-northeast-2:000000000000:secret:llm-AbCdEf"
RDS_SECRET = {
    "username": "interview_admin",
    "password": "p@ss:w/rd%?#",
    "host": "db.internal",
    "port": 5432,
    "dbname": "interview",
    "engine": "postgres",
}


@pytest.fixture
def secrets(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Secrets Manager as a dict, behind Powertools' get_secret (no network)."""
    store = {DB_ARN: json.dumps(RDS_SECRET), KEY_ARN: "k" * 64, LLM_ARN: UNSET_SECRET_VALUE}
    calls = []

    def fake_get_secret(name: str, **kwargs):
        calls.append((name, kwargs))
        return store[name]

    monkeypatch.setattr(parameters, "get_secret", fake_get_secret)
    store["_calls"] = calls  # type: ignore[assignment]
    return store


def test_rds_secret_becomes_a_tls_database_url_through_the_proxy(secrets):
    # Given the ARNs the CDK app sets, and the proxy as DATABASE_HOST
    env = {
        "DATABASE_SECRET_ARN": DB_ARN,
        "DATABASE_HOST": "proxy.internal",
        "SECRET_KEY_SECRET_ARN": KEY_ARN,
    }
    # When the secrets are loaded
    loaded = load_aws_secrets_into_environment(env)
    # Then DATABASE_URL names the proxy, with the user and password URL-quoted
    assert sorted(loaded) == ["DATABASE_URL", "SECRET_KEY"]
    url = urlsplit(env["DATABASE_URL"])
    assert (url.scheme, url.hostname, url.port, url.path) == (
        "postgresql",
        "proxy.internal",
        5432,
        "/interview",
    )
    assert (unquote(url.username), unquote(url.password)) == ("interview_admin", "p@ss:w/rd%?#")
    assert url.query == "sslmode=require"
    assert env["SECRET_KEY"] == "k" * 64
    # read through Powertools' cache, five minutes
    assert all(kwargs == {"max_age": 300} for _, kwargs in secrets["_calls"])


def test_settings_read_what_was_loaded(secrets, monkeypatch):
    for key in ("DATABASE_URL", "SECRET_KEY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DATABASE_SECRET_ARN", DB_ARN)
    monkeypatch.setenv("SECRET_KEY_SECRET_ARN", KEY_ARN)
    monkeypatch.setenv("ENVIRONMENT", "dev")
    monkeypatch.setenv("ALLOWED_ORIGINS", "https://d111.cloudfront.net")
    load_aws_secrets_into_environment()
    settings = Settings()  # type: ignore[call-arg]
    assert settings.database_url.startswith(
        "postgresql://interview_admin:p%40ss%3Aw%2Frd%25%3F%23@db.internal:5432/"
    )
    assert settings.secret_key.get_secret_value() == "k" * 64


def test_without_arns_nothing_is_read_or_changed(secrets):
    env = {"DATABASE_URL": "postgresql://local/db", "SECRET_KEY": "x" * 20}
    assert load_aws_secrets_into_environment(env) == []
    assert env == {"DATABASE_URL": "postgresql://local/db", "SECRET_KEY": "x" * 20}
    assert secrets["_calls"] == []


def test_an_optional_key_left_at_its_placeholder_stays_unset(secrets):
    env = {"LLM_API_KEY_SECRET_ARN": LLM_ARN}
    assert load_aws_secrets_into_environment(env) == []
    assert "LLM_API_KEY" not in env
    secrets[LLM_ARN] = "sk-real"
    assert load_aws_secrets_into_environment(env) == ["LLM_API_KEY"]
    assert env["LLM_API_KEY"] == "sk-real"


def test_secret_host_and_sslmode_are_used_when_no_proxy_is_named():
    url = database_url_from_secret({**RDS_SECRET, "sslmode": "disable", "dbname": "postgres"})
    assert url.endswith("@db.internal:5432/postgres?sslmode=disable")


@pytest.mark.parametrize("broken", [{"password": "x", "host": "h"}, {"username": "u", "host": "h"}])
def test_a_secret_without_credentials_is_refused(broken):
    with pytest.raises(SecretFormatError):
        database_url_from_secret(broken)


def test_a_database_secret_that_is_not_json_is_refused(secrets):
    secrets[DB_ARN] = "not json"
    with pytest.raises(SecretFormatError):
        load_aws_secrets_into_environment({"DATABASE_SECRET_ARN": DB_ARN})


def test_real_powertools_provider_reads_secrets_manager_once_per_five_minutes(monkeypatch):
    """The real get_secret against a stubbed Secrets Manager client: a warm call is cached."""
    client = boto3.client(
        "secretsmanager",
        region_name="ap-northeast-2",
        aws_access_key_id="x",
        aws_secret_access_key="x",
    )
    stubber = Stubber(client)
    stubber.add_response(
        "get_secret_value",
        {"SecretString": "s" * 40, "ARN": KEY_ARN, "Name": "key"},
        {"SecretId": KEY_ARN},
    )
    monkeypatch.setitem(
        parameters.base.DEFAULT_PROVIDERS,
        "secrets",
        parameters.SecretsProvider(boto3_client=client),
    )
    with stubber:
        first = load_aws_secrets_into_environment({"SECRET_KEY_SECRET_ARN": KEY_ARN})
        env = {"SECRET_KEY_SECRET_ARN": KEY_ARN}
        load_aws_secrets_into_environment(env)  # no second response queued: served from cache
        stubber.assert_no_pending_responses()
    assert first == ["SECRET_KEY"] and env["SECRET_KEY"] == "s" * 40
    assert aws_runtime.SECRET_MAX_AGE_SECONDS == 300


def test_the_application_role_secret_is_read_by_its_reader_and_never_becomes_a_setting(secrets):
    """migrate gets APP_DATABASE_SECRET_ARN to set the application role's password: the loader
    leaves it alone (no APP_DATABASE variable holding a password), read_database_secret reads it."""
    app_arn = "arn:aws:secretsmanager:ap-northeast-2:000000000000:secret:app-AbCdEf"
    secrets[app_arn] = json.dumps({**RDS_SECRET, "username": "interview_app", "password": "pw"})
    env = {"DATABASE_SECRET_ARN": DB_ARN, "APP_DATABASE_SECRET_ARN": app_arn}
    assert load_aws_secrets_into_environment(env) == ["DATABASE_URL"]
    assert set(env) == {"DATABASE_SECRET_ARN", "APP_DATABASE_SECRET_ARN", "DATABASE_URL"}
    assert "interview_admin" in env["DATABASE_URL"]  # the master user's login
    assert [name for name, _ in secrets["_calls"]] == [DB_ARN]
    credentials = aws_runtime.read_database_secret(app_arn)
    assert (credentials["username"], credentials["password"]) == ("interview_app", "pw")
    secrets[app_arn] = json.dumps({"username": "interview_app"})
    with pytest.raises(SecretFormatError, match="password"):
        aws_runtime.read_database_secret(app_arn)
    secrets[app_arn] = "[1, 2]"
    with pytest.raises(SecretFormatError):
        aws_runtime.read_database_secret(app_arn)
