"""The `local` stage's database secret carries the embedded PostgreSQL's Unix-socket URL in a
form the functions turn back into the same connection (no LocalStack needed)."""

from __future__ import annotations

import dataclasses

from interview_core.aws_runtime import database_url_from_secret
from psycopg.conninfo import conninfo_to_dict

from infra_cdk.stages import ExternalDatabase


def test_a_unix_socket_url_survives_the_secret_round_trip() -> None:
    database = ExternalDatabase.from_url("postgresql://postgres:@/interview?host=/tmp/x y/pgdata")
    secret = {**dataclasses.asdict(database), "sslmode": "disable"}
    parts = conninfo_to_dict(database_url_from_secret(secret))
    assert parts["host"] == "/tmp/x y/pgdata"
    assert parts["dbname"] == "interview" and parts["user"] == "postgres"
    assert parts["port"] == "5432"


def test_a_tcp_url_is_unchanged() -> None:
    database = ExternalDatabase.from_url("postgresql://app:s%40cret@127.0.0.1:5433/interview")
    assert (database.host, database.port, database.username, database.password) == (
        "127.0.0.1",
        5433,
        "app",
        "s@cret",
    )
