"""Migration 0006's table of failed log-ins is the application role's to read and write (in AWS the
API functions log in as it), and refuses rows that make no sense."""

from __future__ import annotations

import secrets

import psycopg
import pytest
from interview_core.db.app_role import ensure_app_role
from psycopg import sql as pgsql
from psycopg.conninfo import make_conninfo
from psycopg.rows import dict_row


@pytest.fixture
def app_url(database_url: str):
    name = f"interview_app_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(24)
    with psycopg.connect(database_url) as conn:
        ensure_app_role(conn, username=name, password=password)
    yield make_conninfo(database_url, user=name, password=password)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(pgsql.SQL("DROP OWNED BY {}").format(pgsql.Identifier(name)))
        conn.execute(pgsql.SQL("DROP ROLE {}").format(pgsql.Identifier(name)))


def test_the_application_role_reads_writes_and_deletes_failed_log_ins(app_url):
    with psycopg.connect(app_url, autocommit=True, row_factory=dict_row) as conn:
        conn.execute("""
            INSERT INTO login_throttle (kind, subject, failures, last_failure_at, expires_at)
            VALUES ('address', '203.0.113.7', 1, now(), now() + interval '15 minutes')""")
        conn.execute("""
            UPDATE login_throttle SET failures = 2, locked_until = now() + interval '1 minute'
            WHERE kind = 'address' AND subject = '203.0.113.7'""")
        row = conn.execute("SELECT failures FROM login_throttle FOR UPDATE").fetchone()
        assert row == {"failures": 2}
        assert conn.execute("DELETE FROM login_throttle").rowcount == 1


@pytest.mark.parametrize(
    ("kind", "subject", "failures"),
    [
        ("user", "user:1", 1),
        ("account", "", 1),
        ("account", "x" * 201, 1),
        ("account", "user:1", -1),
    ],
)
def test_rows_that_make_no_sense_are_refused(sql, kind, subject, failures):
    with pytest.raises(psycopg.errors.CheckViolation):
        sql.execute(
            """INSERT INTO login_throttle (kind, subject, failures, last_failure_at, expires_at)
               VALUES (%s, %s, %s, now(), now())""",
            (kind, subject, failures),
        )
