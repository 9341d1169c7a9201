"""Secrets for a Lambda in AWS, read once per execution environment before settings are read.

The CDK app never puts a secret value in a function's environment. It gives the secret's ARN
instead, under the name of the setting plus `_SECRET_ARN`:

    DATABASE_SECRET_ARN      -> DATABASE_URL  (the RDS credentials secret: a JSON object with
                                               username, password, host, port, dbname and an
                                               optional sslmode; DATABASE_HOST, when set, replaces
                                               the host: it names the RDS Proxy endpoint)
    SECRET_KEY_SECRET_ARN    -> SECRET_KEY
    <NAME>_SECRET_ARN        -> <NAME>        (DEEPGRAM_API_KEY, LLM_API_KEY, ...: a plain string)

Not a setting: APP_DATABASE_SECRET_ARN, the application role's credentials, which only the
migrate function gets (its DATABASE_SECRET_ARN is the master user's) to create that role with
their password; it reads them with `read_database_secret()` and they never enter the environment.

`load_aws_secrets_into_environment()` resolves them through Powertools Parameters (cached for
five minutes, so a warm call costs nothing) and sets the variables, after which
`interview_core.settings.get_settings()` reads them like any other. Without such ARNs (local
runs, tests) it does nothing and imports nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, MutableMapping
from typing import Any
from urllib.parse import quote

SECRET_ARN_SUFFIX = "_SECRET_ARN"
DATABASE_SECRET_ARN = "DATABASE_SECRET_ARN"
DATABASE_HOST = "DATABASE_HOST"
APP_DATABASE_SECRET_ARN = "APP_DATABASE_SECRET_ARN"
# ARNs their readers resolve themselves: never turned into environment variables.
NOT_SETTINGS = frozenset({APP_DATABASE_SECRET_ARN})
# The value an optional key's secret is created with until an operator sets the real one: such a
# secret is treated as absent, so the feature falls back to its offline provider.
UNSET_SECRET_VALUE = "unset"
SECRET_MAX_AGE_SECONDS = 300


class SecretFormatError(ValueError):
    pass


def _get_secret(arn: str) -> str:
    # Imported here: boto3 and Powertools Parameters are paid for only where a secret is read.
    from aws_lambda_powertools.utilities import parameters

    value = parameters.get_secret(arn, max_age=SECRET_MAX_AGE_SECONDS)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def database_url_from_secret(secret: Mapping[str, Any], *, host: str | None = None) -> str:
    """postgresql://user:pass@host:port/dbname?sslmode=require from an RDS credentials secret."""
    try:
        username = str(secret["username"])
        password = str(secret["password"])
        host = host or str(secret["host"])
    except KeyError as missing:
        raise SecretFormatError(f"the database secret has no {missing.args[0]!r}") from None
    port = int(secret.get("port") or 5432)
    dbname = str(secret.get("dbname") or "postgres")
    sslmode = str(secret.get("sslmode") or "require")
    return (
        f"postgresql://{quote(username, safe='')}:{quote(password, safe='')}@{host}:{port}/"
        f"{quote(dbname, safe='')}?sslmode={quote(sslmode, safe='')}"
    )


def read_database_secret(arn: str) -> dict[str, Any]:
    """A database credentials secret (JSON with at least username and password), as a dict."""
    try:
        secret = json.loads(_get_secret(arn))
    except json.JSONDecodeError:
        raise SecretFormatError("the database secret is not a JSON object") from None
    if not isinstance(secret, dict):
        raise SecretFormatError("the database secret is not a JSON object")
    for key in ("username", "password"):
        if not secret.get(key):
            raise SecretFormatError(f"the database secret has no {key!r}")
    return secret


def load_aws_secrets_into_environment(environ: MutableMapping[str, str] | None = None) -> list[str]:
    """Set each setting that has a `<NAME>_SECRET_ARN`; return the names set (never values).

    Call it before the first `get_settings()` of the execution environment.
    """
    env = os.environ if environ is None else environ
    loaded: list[str] = []
    for key, arn in sorted((k, v) for k, v in env.items() if k.upper().endswith(SECRET_ARN_SUFFIX)):
        if not arn.strip() or key.upper() in NOT_SETTINGS:
            continue
        name = key.upper().removesuffix(SECRET_ARN_SUFFIX)
        value = _get_secret(arn)
        if name == "DATABASE":
            try:
                secret = json.loads(value)
            except json.JSONDecodeError:
                raise SecretFormatError("the database secret is not a JSON object") from None
            env["DATABASE_URL"] = database_url_from_secret(
                secret, host=env.get(DATABASE_HOST) or None
            )
            loaded.append("DATABASE_URL")
        elif value.strip() and value.strip() != UNSET_SECRET_VALUE:
            env[name] = value
            loaded.append(name)
    return loaded
