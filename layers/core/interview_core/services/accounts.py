"""Sign-up, log-in and the current user."""

from __future__ import annotations

from interview_core.db import users
from interview_core.db.connection import Database
from interview_core.domain.models import Role, User
from interview_core.errors import Forbidden, Unauthenticated
from interview_core.security import (
    AccessToken,
    burn_password_check,
    create_access_token,
    hash_password,
    password_needs_rehash,
    user_id_from_token,
    verify_password,
)
from interview_core.settings import Settings


def register_user(
    db: Database, *, email: str, username: str, password: str, full_name: str | None, role: Role
) -> User:
    if role == Role.ADMIN:
        raise Forbidden("Admin accounts cannot be self-registered; an admin creates them")
    password_hash = hash_password(password)
    with db.unit_of_work() as uow:
        return users.insert_user(
            uow.conn, email=email, username=username, password_hash=password_hash, full_name=full_name, role=role
        )


def create_admin(db: Database, *, email: str, username: str, password: str, full_name: str | None) -> User:
    with db.unit_of_work() as uow:
        return users.insert_user(
            uow.conn,
            email=email,
            username=username,
            password_hash=hash_password(password),
            full_name=full_name,
            role=Role.ADMIN,
        )


def log_in(db: Database, settings: Settings, *, username: str, password: str) -> AccessToken:
    with db.unit_of_work() as uow:
        found = users.find_login(uow.conn, username)
        if found is None:
            burn_password_check(password)
            raise Unauthenticated("Incorrect username or password")
        user, password_hash = found
        if not verify_password(password_hash, password):
            raise Unauthenticated("Incorrect username or password")
        if password_needs_rehash(password_hash):
            users.update_password_hash(uow.conn, user.id, hash_password(password))
    return create_access_token(settings, user.id, user.role)


def user_for_token(db: Database, settings: Settings, token: str) -> User:
    user_id = user_id_from_token(settings, token)
    with db.unit_of_work() as uow:
        user = users.get_user(uow.conn, user_id)
    if user is None:
        raise Unauthenticated("The account of this token no longer exists")
    return user
