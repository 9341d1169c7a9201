"""SQL for users, with their organization (a recruiter's membership, joined)."""

from __future__ import annotations

from uuid import UUID

import psycopg

from interview_core.db.connection import Connection, one
from interview_core.db.sessions import CHAIN_ENDED
from interview_core.domain.models import MemberRole, Role, User
from interview_core.errors import Conflict

_COLUMNS = """
    SELECT u.id, u.email, u.username, u.role, u.full_name, u.created_at,
           m.organization_id, m.role AS organization_role, o.status AS organization_status,
           o.name AS organization_name"""
_FROM = """
    FROM users u
    LEFT JOIN organization_members m ON m.user_id = u.id
    LEFT JOIN organizations o ON o.id = m.organization_id
"""
_SELECT = _COLUMNS + _FROM


def insert_user(
    conn: Connection,
    *,
    email: str,
    username: str,
    password_hash: str,
    full_name: str | None,
    role: Role,
) -> int:
    try:
        with conn.transaction():
            row = one(
                conn.execute(
                    """INSERT INTO users (email, username, password_hash, full_name, role)
                   VALUES (%s, %s, %s, %s, %s) RETURNING id""",
                    (email, username, password_hash, full_name, role),
                )
            )
    except psycopg.errors.UniqueViolation as error:
        taken = "email" if "email" in (error.diag.constraint_name or "") else "username"
        raise Conflict(f"This {taken} is already registered") from None
    return row["id"]


def get_user(conn: Connection, user_id: int, *, for_update: bool = False) -> User | None:
    if for_update:
        conn.execute("SELECT 1 FROM users WHERE id = %s FOR UPDATE", (user_id,))
    row = conn.execute(_SELECT + " WHERE u.id = %s", (user_id,)).fetchone()
    return User.model_validate(row) if row else None


def get_token_user(
    conn: Connection, user_id: int, session_chain: UUID | None
) -> tuple[User | None, bool]:
    """A token's user (None: the account is gone) and whether the sign-in session the token
    belongs to has ended (never, for a token of no session), read in one statement: one
    snapshot, and one round trip on a connection in autocommit."""
    row = conn.execute(
        _COLUMNS
        + f", (%(chain)s::uuid IS NOT NULL AND {CHAIN_ENDED}) AS session_ended"
        + _FROM
        + " WHERE u.id = %(user)s",
        {"user": user_id, "chain": session_chain},
    ).fetchone()
    if row is None:
        return None, False
    ended = bool(row.pop("session_ended"))
    return User.model_validate(row), ended


def find_login(conn: Connection, username_or_email: str) -> tuple[User, str] | None:
    """The user who logs in with this username (or email), and their password hash."""
    row = conn.execute(
        """SELECT id, email, username, role, full_name, created_at, password_hash FROM users
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
    row = conn.execute(_SELECT + " WHERE lower(u.email) = lower(%s)", (email,)).fetchone()
    return User.model_validate(row) if row else None


def list_users(
    conn: Connection, *, role: Role | None, text: str | None = None, limit: int, offset: int
) -> list[User]:
    rows = conn.execute(
        _SELECT
        + """ WHERE (%(role)s::text IS NULL OR u.role = %(role)s)
              AND (%(text)s::text IS NULL OR u.username ILIKE '%%' || %(text)s || '%%'
                   OR u.email ILIKE '%%' || %(text)s || '%%' OR u.full_name ILIKE '%%' || %(text)s
                   || '%%')
            ORDER BY u.id LIMIT %(limit)s OFFSET %(offset)s""",
        {"role": role, "text": text, "limit": limit, "offset": offset},
    ).fetchall()
    return [User.model_validate(row) for row in rows]


def set_role(conn: Connection, user_id: int, role: Role) -> None:
    conn.execute("UPDATE users SET role = %s WHERE id = %s", (role, user_id))


def known_to_organization(conn: Connection, candidate_id: int, organization_id: int) -> bool:
    """Whether the candidate has an interview on one of the organization's postings, or an
    invitation from it (accepted, or sent to their address)."""
    row = one(
        conn.execute(
            """SELECT EXISTS (
               SELECT 1 FROM interviews i JOIN job_postings p ON p.id = i.job_posting_id
               WHERE i.candidate_id = %(candidate)s AND p.organization_id = %(organization)s
           ) OR EXISTS (
               SELECT 1 FROM invitations v JOIN users u ON u.id = %(candidate)s
               WHERE v.organization_id = %(organization)s AND v.kind = 'candidate'
                 AND (v.accepted_by = u.id OR lower(v.email) = lower(u.email))
           ) AS known""",
            {"candidate": candidate_id, "organization": organization_id},
        )
    )
    return bool(row["known"])


# ------------------------------------------------------------------ membership


def add_member(conn: Connection, *, user_id: int, organization_id: int, role: MemberRole) -> None:
    conn.execute(
        "INSERT INTO organization_members (user_id, organization_id, role) VALUES (%s, %s, %s)",
        (user_id, organization_id, role),
    )


def remove_member(conn: Connection, user_id: int) -> None:
    conn.execute("DELETE FROM organization_members WHERE user_id = %s", (user_id,))


def count_owners(conn: Connection, organization_id: int) -> int:
    row = one(
        conn.execute(
            (
                "SELECT count(*) AS n FROM organization_members WHERE organization_id = %s AND "
                "role = "
                "'owner'"
            ),
            (organization_id,),
        )
    )
    return row["n"]
