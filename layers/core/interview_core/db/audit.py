"""SQL for the audit trail: append-only (the table refuses UPDATE, DELETE and TRUNCATE)."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from interview_core.db.connection import Connection
from interview_core.domain.models import AuditEvent


def record(
    conn: Connection,
    *,
    actor_id: int | None,
    organization_id: int | None,
    action: str,
    target_type: str,
    target_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    conn.execute(
        """INSERT INTO audit_events (actor_id, organization_id, action, target_type, target_id,
           before, after)
           VALUES (%s, %s, %s, %s, %s, %s, %s)""",
        (
            actor_id,
            organization_id,
            action,
            target_type,
            target_id,
            Jsonb(before) if before is not None else None,
            Jsonb(after) if after is not None else None,
        ),
    )


def list_events(
    conn: Connection,
    *,
    organization_id: int | None,
    everything: bool,
    action: str | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[AuditEvent]:
    """Newest first. Without `everything`, only the entries of `organization_id`."""
    rows = conn.execute(
        """SELECT a.id, a.occurred_at, a.actor_id, u.username AS actor_username, a.organization_id,
                  a.action, a.target_type, a.target_id, a.before, a.after
           FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
           WHERE (%(everything)s OR a.organization_id = %(organization)s)
             AND (NOT %(everything)s OR %(organization)s::bigint IS NULL OR a.organization_id =
             %(organization)s)
             AND (%(action)s::text IS NULL OR a.action = %(action)s OR a.action LIKE %(action)s ||
             '.%%')
             AND (%(target_type)s::text IS NULL OR a.target_type = %(target_type)s)
             AND (%(target_id)s::bigint IS NULL OR a.target_id = %(target_id)s)
           ORDER BY a.id DESC LIMIT %(limit)s OFFSET %(offset)s""",
        {
            "everything": everything,
            "organization": organization_id,
            "action": action,
            "target_type": target_type,
            "target_id": target_id,
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
    return [AuditEvent.model_validate(row) for row in rows]
