"""Organizations: approved by the platform's admins, seen by their own recruiters."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from interview_core.db import audit, organizations
from interview_core.db.connection import Database
from interview_core.domain import access
from interview_core.domain.models import Member, Organization, OrganizationStatus, User
from interview_core.errors import NotFound


class OrganizationWithMembers(BaseModel):
    organization: Organization
    members: list[Member]


def list_organizations(
    db: Database,
    user: User,
    *,
    status: OrganizationStatus | None,
    text: str | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    access.require_admin(user, "see every organization")
    with db.unit_of_work() as uow:
        return organizations.list_organizations(
            uow.conn, status=status, text=text, limit=limit, offset=offset
        )


def my_organization(db: Database, user: User) -> OrganizationWithMembers:
    if user.organization_id is None or not access.can_view_organization(user, user.organization_id):
        raise NotFound("You do not belong to an organization")
    with db.unit_of_work() as uow:
        organization = organizations.get_organization(uow.conn, user.organization_id)
        assert organization is not None
        return OrganizationWithMembers(
            organization=organization, members=organizations.members(uow.conn, user.organization_id)
        )


def approve(db: Database, user: User | None, organization_id: int) -> Organization:
    """Approving twice is harmless (and audited once). `user` is the admin, or None for the
    platform's operator at its command line (`interview orgs approve`)."""
    if user is not None:
        access.require_admin(user, "approve organizations")
    with db.unit_of_work() as uow:
        organization = organizations.get_organization(uow.conn, organization_id, for_update=True)
        if organization is None:
            raise NotFound(f"Organization {organization_id} not found")
        if organization.status == OrganizationStatus.APPROVED:
            return organization
        approved = organizations.approve(uow.conn, organization_id, by=user.id if user else None)
        audit.record(
            uow.conn,
            actor_id=user.id if user else None,
            organization_id=organization_id,
            action="organization.approved",
            target_type="organization",
            target_id=organization_id,
            before={"status": organization.status},
            after={"status": approved.status},
        )
        return approved


def list_for_operator(db: Database, *, status: OrganizationStatus | None) -> list[dict[str, Any]]:
    """For `interview orgs list`: the platform's operator at its command line."""
    with db.unit_of_work() as uow:
        return organizations.list_organizations(
            uow.conn, status=status, text=None, limit=10_000, offset=0
        )
