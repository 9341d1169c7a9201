"""Sign-up, log-in and the current user."""

from __future__ import annotations

from datetime import UTC, datetime

from interview_core.db import audit, organizations, users
from interview_core.db.connection import Database
from interview_core.domain import access
from interview_core.domain.models import InvitationKind, MemberRole, Role, User
from interview_core.errors import ErrorCode, InvalidInput, Unauthenticated
from interview_core.security import (
    burn_password_check,
    hash_password,
    password_needs_rehash,
    token_claims,
    verify_password,
)
from interview_core.services import login_throttle
from interview_core.services.password_policy import require_acceptable_password
from interview_core.settings import Settings, get_settings


def register_user(
    db: Database,
    settings: Settings,
    *,
    email: str,
    username: str,
    password: str,
    full_name: str | None,
    role: Role | None,
    organization_name: str | None = None,
    invitation_token: str | None = None,
) -> User:
    """A candidate account; or a recruiter, who founds a new organization (pending until an
    admin approves it) unless an invitation into an organization is given; with an invitation the
    account is of its kind and the invitation is accepted in the same transaction."""
    from interview_core.services import invitations

    access.require_can_self_register(role)
    require_acceptable_password(
        password, username=username, email=email, environment=settings.environment
    )
    password_hash = hash_password(password)
    with db.unit_of_work() as uow:
        invitation = None
        if invitation_token is not None:
            if organization_name is not None:
                raise InvalidInput(
                    "An invitation joins an existing organization: leave organization_name out"
                )
            invitation = invitations.open_invitation(
                uow.conn, settings, invitation_token, lock=True
            )
            wanted = Role.RECRUITER if invitation.kind == InvitationKind.MEMBER else Role.CANDIDATE
            if role not in (None, wanted):
                raise InvalidInput(f"This invitation is for a {wanted.value} account")
            role = wanted
        role = role or Role.CANDIDATE
        if role != Role.RECRUITER and organization_name is not None:
            raise InvalidInput("organization_name is for recruiters, who found an organization")
        user_id = users.insert_user(
            uow.conn,
            email=email,
            username=username,
            password_hash=password_hash,
            full_name=full_name,
            role=role,
        )
        if invitation is not None:
            user = users.get_user(uow.conn, user_id)
            assert user is not None
            invitations.accept_open_invitation(uow, settings, user, invitation)
        elif role == Role.RECRUITER:
            organization = organizations.insert_organization(
                uow.conn, name=organization_name or full_name or username
            )
            users.add_member(
                uow.conn, user_id=user_id, organization_id=organization.id, role=MemberRole.OWNER
            )
            audit.record(
                uow.conn,
                actor_id=user_id,
                organization_id=organization.id,
                action="organization.created",
                target_type="organization",
                target_id=organization.id,
                after={
                    "name": organization.name,
                    "status": organization.status,
                    "owner_id": user_id,
                },
            )
        found = users.get_user(uow.conn, user_id)
        assert found is not None
        return found


def create_admin(
    db: Database,
    *,
    email: str,
    username: str,
    password: str,
    full_name: str | None,
    settings: Settings | None = None,
) -> User:
    environment = (settings or get_settings()).environment
    require_acceptable_password(password, username=username, email=email, environment=environment)
    password_hash = hash_password(password)
    with db.unit_of_work() as uow:
        user_id = users.insert_user(
            uow.conn,
            email=email,
            username=username,
            password_hash=password_hash,
            full_name=full_name,
            role=Role.ADMIN,
        )
        audit.record(
            uow.conn,
            actor_id=None,
            organization_id=None,
            action="user.admin_created",
            target_type="user",
            target_id=user_id,
            after={"username": username, "role": Role.ADMIN},
        )
        user = users.get_user(uow.conn, user_id)
        assert user is not None
        return user


def log_in(
    db: Database, settings: Settings, *, username: str, password: str, client_address: str
) -> User:
    """The user of the right password (the route issues the token), unless the account or the
    client's address is locked for failing too often (services/login_throttle.py): then 429, the
    right password included."""
    throttle = login_throttle.policy(settings)
    with db.unit_of_work() as uow:
        found = users.find_login(uow.conn, username)
        keys = login_throttle.keys_for(
            user_id=found[0].id if found else None, login=username, client_address=client_address
        )
        login_throttle.refuse_while_locked(uow.conn, keys, now=datetime.now(UTC))
    # The hash is checked with no connection held: it is the slow part.
    user, password_hash = found if found else (None, "")
    if user is None:
        burn_password_check(password)
    verified = user is not None and verify_password(password_hash, password)
    with db.unit_of_work() as uow:
        if verified:
            refused = login_throttle.count_success(uow.conn, keys, now=datetime.now(UTC))
        else:
            refused = login_throttle.count_failure(uow.conn, keys, throttle, now=datetime.now(UTC))
    if refused is not None:
        raise refused
    if not verified or user is None:
        raise Unauthenticated("Incorrect username or password")
    if password_needs_rehash(password_hash):
        # Hashed with older parameters: stored again with today's, now that the password is known.
        new_hash = hash_password(password)
        with db.unit_of_work() as uow:
            users.update_password_hash(uow.conn, user.id, new_hash)
    return user


def user_for_token(db: Database, settings: Settings, token: str) -> User:
    """The user of a valid token, unless the account is gone or the token's sign-in has ended.
    One statement outside any transaction (one round trip, one snapshot): it runs for every
    authenticated request."""
    claims = token_claims(settings, token)
    with db.autocommit() as conn:
        user, ended = users.get_token_user(conn, claims.user_id, claims.session_chain)
    if user is None:
        raise Unauthenticated("The account of this token no longer exists")
    if ended:
        raise Unauthenticated("This sign-in has ended; sign in again", code=ErrorCode.SESSION_ENDED)
    return user
