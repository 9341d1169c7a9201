"""SQL for organizations and their members."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from interview_core.db.connection import Connection
from interview_core.domain.models import Member, Organization, OrganizationStatus

_COLUMNS = "id, name, status, created_at, approved_at, stage_labels"


def insert_organization(conn: Connection, *, name: str) -> Organization:
    row = conn.execute(
        f"INSERT INTO organizations (name) VALUES (%s) RETURNING {_COLUMNS}", (name,)
    ).fetchone()
    return Organization.model_validate(row)


def get_organization(
    conn: Connection, organization_id: int, *, for_update: bool = False
) -> Organization | None:
    lock = " FOR UPDATE" if for_update else ""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM organizations WHERE id = %s{lock}", (organization_id,)
    ).fetchone()
    return Organization.model_validate(row) if row else None


def set_stage_labels(
    conn: Connection, organization_id: int, labels: dict[str, str]
) -> Organization:
    row = conn.execute(
        f"UPDATE organizations SET stage_labels = %s WHERE id = %s RETURNING {_COLUMNS}",
        (Jsonb(labels), organization_id),
    ).fetchone()
    return Organization.model_validate(row)


def approve(conn: Connection, organization_id: int, *, by: int | None) -> Organization:
    row = conn.execute(
        f"""UPDATE organizations SET status = 'approved', approved_at = now(), approved_by = %s
            WHERE id = %s RETURNING {_COLUMNS}""",
        (by, organization_id),
    ).fetchone()
    return Organization.model_validate(row)


def list_organizations(
    conn: Connection,
    *,
    status: OrganizationStatus | None,
    text: str | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    """Each organization with its owner and how many members it has; pending ones first."""
    return conn.execute(
        """SELECT o.id, o.name, o.status, o.created_at, o.approved_at,
                  owner.username AS owner_username, owner.email AS owner_email,
                  owner.full_name AS owner_full_name,
                  (SELECT count(*) FROM organization_members m WHERE m.organization_id = o.id)::int
                  AS member_count
           FROM organizations o
           LEFT JOIN LATERAL (
               SELECT u.username, u.email, u.full_name FROM organization_members m JOIN users u ON
               u.id = m.user_id
               WHERE m.organization_id = o.id AND m.role = 'owner' ORDER BY m.joined_at LIMIT 1
           ) owner ON true
           WHERE (%(status)s::text IS NULL OR o.status = %(status)s)
             AND (%(text)s::text IS NULL OR o.name ILIKE '%%' || %(text)s || '%%'
                  OR owner.email ILIKE '%%' || %(text)s || '%%' OR owner.username ILIKE '%%' ||
                  %(text)s || '%%')
           ORDER BY o.status = 'pending' DESC, o.created_at DESC, o.id DESC
           LIMIT %(limit)s OFFSET %(offset)s""",
        {"status": status, "text": text, "limit": limit, "offset": offset},
    ).fetchall()


def members(conn: Connection, organization_id: int) -> list[Member]:
    rows = conn.execute(
        """SELECT u.id AS user_id, u.username, u.email, u.full_name, m.role, m.joined_at
           FROM organization_members m JOIN users u ON u.id = m.user_id
           WHERE m.organization_id = %s ORDER BY m.role = 'owner' DESC, m.joined_at, u.id""",
        (organization_id,),
    ).fetchall()
    return [Member.model_validate(row) for row in rows]
