"""SQL for the users table."""

from __future__ import annotations

import psycopg

from interview_core.db.connection import Connection
from interview_core.domain.models import Role, User
from interview_core.errors import Conflict

_COLUMNS = "id, email, username, role, full_name, created_at"


def insert_user(
    conn: Connection, *, email: str, username: str, password_hash: str, full_name: str | None, role: Role
) -> User:
    try:
        with conn.transaction():
            row = conn.execute(
                f"""INSERT INTO users (email, username, password_hash, full_name, role)
                    VALUES (%s, %s, %s, %s, %s) RETURNING {_COLUMNS}""",
                (email, username, password_hash, full_name, role),
            ).fetchone()
    except psycopg.errors.UniqueViolation as error:
        taken = "email" if "email" in (error.diag.constraint_name or "") else "username"
        raise Conflict(f"This {taken} is already registered") from None
    return User.model_validate(row)


def get_user(conn: Connection, user_id: int) -> User | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM users WHERE id = %s", (user_id,)).fetchone()
    return User.model_validate(row) if row else None


def find_login(conn: Connection, username_or_email: str) -> tuple[User, str] | None:
    """The user who logs in with this username (or email), and their password hash."""
    row = conn.execute(
        f"""SELECT {_COLUMNS}, password_hash FROM users
            WHERE lower(username) = lower(%(login)s) OR lower(email) = lower(%(login)s)
            ORDER BY lower(username) = lower(%(login)s) DESC LIMIT 1""",
        {"login": username_or_email},
    ).fetchone()
    if row is None:
        return None
    password_hash = row.pop("password_hash")
    return User.model_validate(row), password_hash


def update_password_hash(conn: Connection, user_id: int, password_hash: str) -> None:
    conn.execute("UPDATE users SET password_hash = %s WHERE id = %s", (password_hash, user_id))
