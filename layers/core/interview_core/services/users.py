"""Accounts, as an admin sees them."""

from __future__ import annotations

from interview_core.db import audit, organizations, users
from interview_core.db.connection import Database
from interview_core.domain import access
from interview_core.domain.models import MemberRole, Role, User
from interview_core.errors import Conflict, InvalidInput, NotFound


def list_users(
    db: Database, user: User, *, role: Role | None, text: str | None = None, limit: int, offset: int
) -> list[User]:
    access.require_admin(user, "manage accounts")
    with db.unit_of_work() as uow:
        return users.list_users(uow.conn, role=role, text=text, limit=limit, offset=offset)


def change_role(
    db: Database, user: User, user_id: int, role: Role, *, organization_id: int | None = None
) -> User:
    """A recruiter belongs to one organization: making someone a recruiter names the organization
    they join (as a member); a recruiter who becomes something else leaves theirs, unless they are
    its last owner while others remain."""
    access.require_admin(user, "manage accounts")
    if user_id == user.id and role != Role.ADMIN:
        raise Conflict("Admins cannot remove their own admin role; ask another admin")
    with db.unit_of_work() as uow:
        conn = uow.conn
        target = users.get_user(conn, user_id, for_update=True)
        if target is None:
            raise NotFound(f"User {user_id} not found")
        if role == Role.RECRUITER and target.role != Role.RECRUITER:
            if organization_id is None:
                raise InvalidInput("A recruiter belongs to an organization: give organization_id")
            if organizations.get_organization(conn, organization_id) is None:
                raise NotFound(f"Organization {organization_id} not found")
        elif organization_id is not None and organization_id != target.organization_id:
            raise InvalidInput(
                "organization_id is given only to make an account a recruiter; a recruiter does "
                "not move "
                "to another organization"
            )
        if target.role == role:
            return target
        if target.organization_id is not None:
            members = organizations.members(conn, target.organization_id)
            if (
                target.organization_role == MemberRole.OWNER
                and users.count_owners(conn, target.organization_id) == 1
                and len(members) > 1
            ):
                raise Conflict("This is the organization's only owner and it has other members")
            users.remove_member(conn, user_id)
        users.set_role(conn, user_id, role)
        if role == Role.RECRUITER:
            assert organization_id is not None
            users.add_member(
                conn, user_id=user_id, organization_id=organization_id, role=MemberRole.MEMBER
            )
        changed = users.get_user(conn, user_id)
        assert changed is not None
        audit.record(
            conn,
            actor_id=user.id,
            organization_id=changed.organization_id or target.organization_id,
            action="user.role_changed",
            target_type="user",
            target_id=user_id,
            before={"role": target.role, "organization_id": target.organization_id},
            after={"role": changed.role, "organization_id": changed.organization_id},
        )
        return changed
