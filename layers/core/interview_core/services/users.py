"""Accounts, as an admin sees them."""

from __future__ import annotations

from interview_core.db import users
from interview_core.db.connection import Database
from interview_core.domain.models import Role, User
from interview_core.errors import Conflict, Forbidden, NotFound


def _require_admin(user: User) -> None:
    if user.role != Role.ADMIN:
        raise Forbidden("Only admins manage accounts")


def list_users(db: Database, user: User, *, role: Role | None, limit: int, offset: int) -> list[User]:
    _require_admin(user)
    with db.unit_of_work() as uow:
        return users.list_users(uow.conn, role=role, limit=limit, offset=offset)


def change_role(db: Database, user: User, user_id: int, role: Role) -> User:
    _require_admin(user)
    if user_id == user.id and role != Role.ADMIN:
        raise Conflict("Admins cannot remove their own admin role; ask another admin")
    with db.unit_of_work() as uow:
        changed = users.set_role(uow.conn, user_id, role)
    if changed is None:
        raise NotFound(f"User {user_id} not found")
    return changed
