"""Reading the audit trail: owners their organization's entries, admins every one."""

from __future__ import annotations

from interview_core.db import audit
from interview_core.db.connection import Database
from interview_core.domain import access
from interview_core.domain.models import AuditEvent, User
from interview_core.errors import NotFound


def list_events(
    db: Database,
    user: User,
    *,
    organization_id: int | None,
    action: str | None,
    target_type: str | None,
    target_id: int | None,
    limit: int,
    offset: int,
) -> list[AuditEvent]:
    scope = access.audit_scope(user)
    if not scope.everything:
        if organization_id not in (None, scope.organization_id):
            raise NotFound(f"Organization {organization_id} not found")
        organization_id = scope.organization_id
    with db.unit_of_work() as uow:
        return audit.list_events(
            uow.conn,
            organization_id=organization_id,
            everything=scope.everything,
            action=action,
            target_type=target_type,
            target_id=target_id,
            limit=limit,
            offset=offset,
        )
