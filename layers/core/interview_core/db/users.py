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


def find_by_email(conn: Connection, email: str) -> User | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM users WHERE lower(email) = lower(%s)", (email,)).fetchone()
    return User.model_validate(row) if row else None


def list_users(conn: Connection, *, role: Role | None, limit: int, offset: int) -> list[User]:
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM users WHERE (%(role)s::text IS NULL OR role = %(role)s)
            ORDER BY id LIMIT %(limit)s OFFSET %(offset)s""",
        {"role": role, "limit": limit, "offset": offset},
    ).fetchall()
    return [User.model_validate(row) for row in rows]


def set_role(conn: Connection, user_id: int, role: Role) -> User | None:
    row = conn.execute(
        f"UPDATE users SET role = %s WHERE id = %s RETURNING {_COLUMNS}", (role, user_id)
    ).fetchone()
    return User.model_validate(row) if row else None
