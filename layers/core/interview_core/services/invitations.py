"""Invitations by e-mail: candidates to a posting's interview, recruiters into an organization.

Each is a single-use link with an expiry (`domain.invitation_token`), revocable and re-sendable
(a resend makes a new link and ends the old one). The e-mail is a queued job (`MailJob`), sent by
the mail worker, so an invitation committed is never an invitation lost.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pydantic import BaseModel

from interview_core.db import audit, interviews, invitations, job_postings, users
from interview_core.db.connection import Connection, Database, UnitOfWork
from interview_core.domain import access
from interview_core.domain.invitation_token import new_nonce, token_invitation_id, token_matches
from interview_core.domain.models import (
    Invitation,
    InvitationKind,
    InvitationStatus,
    JobPosting,
    JobPostingStatus,
    Language,
    MemberRole,
    Role,
    User,
)
from interview_core.errors import Conflict, Forbidden, InvalidInput, NotFound
from interview_core.jobs.messages import MailJob
from interview_core.jobs.publisher import JobPublisher
from interview_core.services import idempotency
from interview_core.services.idempotency import IdempotentRequest
from interview_core.settings import Settings

INVALID_LINK = "This invitation link is not valid: check that it was copied whole"


class Skipped(BaseModel):
    email: str
    reason: str


class InvitationBatch(BaseModel):
    invitations: list[Invitation]
    skipped: list[Skipped]


class Acceptance(BaseModel):
    kind: InvitationKind
    invitation_id: int
    organization_id: int
    job_posting_id: int | None
    interview_id: int | None


def _audit_view(invitation: Invitation) -> dict:
    return {
        "kind": invitation.kind,
        "email": invitation.email,
        "job_posting_id": invitation.job_posting_id,
        "status": invitation.status,
        "expires_at": invitation.expires_at.isoformat(),
        "deadline": invitation.deadline.isoformat() if invitation.deadline else None,
        "retake": invitation.retake,
    }


def _expiry(settings: Settings, deadline: datetime | None) -> datetime:
    expires = datetime.now(UTC) + timedelta(days=settings.invitation_ttl_days)
    return min(expires, deadline) if deadline is not None else expires


def _check_deadline(deadline: datetime | None) -> None:
    if deadline is not None and deadline <= datetime.now(UTC):
        raise InvalidInput("The deadline is in the past: give a date and time still to come")


# ------------------------------------------------------------------ inviting


def invite_candidates(
    db: Database,
    publisher: JobPublisher,
    settings: Settings,
    user: User,
    *,
    job_posting_id: int,
    emails: list[str],
    deadline: datetime | None,
    retake: bool,
    language: Language | None,
    idempotent: IdempotentRequest | None = None,
) -> InvitationBatch:
    _check_deadline(deadline)
    with db.unit_of_work() as uow:
        if (
            replay := idempotency.replayed(uow.conn, user, idempotent, InvitationBatch)
        ) is not None:
            return replay
        posting = job_postings.get_job_posting(uow.conn, job_posting_id)
        if posting is None or not access.can_view_job_posting(user, posting):
            raise NotFound(f"Job posting {job_posting_id} not found")
        access.require_member(user, "invite candidates")
        access.require_can_schedule_interview(user, posting)
        if posting.status != JobPostingStatus.OPEN:
            raise Conflict(
                f"Job posting {job_posting_id} is closed: reopen it to invite candidates"
            )
        batch = _invite(
            uow,
            publisher,
            settings,
            user,
            kind=InvitationKind.CANDIDATE,
            organization_id=posting.organization_id,
            posting=posting,
            emails=emails,
            deadline=deadline,
            retake=retake,
            language=language or posting.language,
        )
        return idempotency.remember(uow.conn, user, idempotent, batch, InvitationBatch)


def invite_members(
    db: Database,
    publisher: JobPublisher,
    settings: Settings,
    user: User,
    *,
    emails: list[str],
    language: Language | None,
    idempotent: IdempotentRequest | None = None,
) -> InvitationBatch:
    access.require_owner(user, "invite recruiters into the organization")
    assert user.organization_id is not None
    with db.unit_of_work() as uow:
        if (
            replay := idempotency.replayed(uow.conn, user, idempotent, InvitationBatch)
        ) is not None:
            return replay
        batch = _invite(
            uow,
            publisher,
            settings,
            user,
            kind=InvitationKind.MEMBER,
            organization_id=user.organization_id,
            posting=None,
            emails=emails,
            deadline=None,
            retake=False,
            language=language or Language.KO,
        )
        return idempotency.remember(uow.conn, user, idempotent, batch, InvitationBatch)


def _invite(
    uow: UnitOfWork,
    publisher: JobPublisher,
    settings: Settings,
    user: User,
    *,
    kind: InvitationKind,
    organization_id: int,
    posting: JobPosting | None,
    emails: list[str],
    deadline: datetime | None,
    retake: bool,
    language: Language,
) -> InvitationBatch:
    conn = uow.conn
    done: list[Invitation] = []
    skipped: list[Skipped] = []
    for email in dict.fromkeys(e.strip() for e in emails):
        reason = _reason_not_to_invite(conn, kind, organization_id, posting, email, retake)
        if reason:
            skipped.append(Skipped(email=email, reason=reason))
            continue
        nonce = new_nonce()
        existing = invitations.pending_for(
            conn,
            organization_id=organization_id,
            job_posting_id=posting.id if posting else None,
            email=email,
        )
        if (
            existing is not None
        ):  # inviting again renews the open invitation: a new link, sent again
            kept = deadline if deadline is not None else existing.deadline
            if kept is not None and kept <= datetime.now(UTC):
                kept = None  # its deadline passed: renewed without one unless a new one is given
            invitations.renew(
                conn,
                existing.id,
                token_nonce=nonce,
                expires_at=_expiry(settings, kept),
                deadline=kept,
                retake=retake,
            )
            invitation_id, action, before = existing.id, "invitation.resent", _audit_view(existing)
        else:
            invitation_id = invitations.insert_invitation(
                conn,
                kind=kind,
                organization_id=organization_id,
                job_posting_id=posting.id if posting else None,
                email=email,
                language=language,
                token_nonce=nonce,
                expires_at=_expiry(settings, deadline),
                deadline=deadline,
                retake=retake,
                invited_by=user.id,
            )
            action, before = "invitation.created", None
        invitation = invitations.get_invitation(conn, invitation_id)
        assert invitation is not None
        audit.record(
            conn,
            actor_id=user.id,
            organization_id=organization_id,
            action=action,
            target_type="invitation",
            target_id=invitation_id,
            before=before,
            after=_audit_view(invitation),
        )
        publisher.publish(uow, MailJob(invitation_id=invitation_id, token_nonce=nonce))
        done.append(invitation)
    return InvitationBatch(invitations=done, skipped=skipped)


def _reason_not_to_invite(
    conn: Connection,
    kind: InvitationKind,
    organization_id: int,
    posting: JobPosting | None,
    email: str,
    retake: bool,
) -> str | None:
    account = users.find_by_email(conn, email)
    refusal = access.invitation_refusal(kind, account, organization_id)
    if refusal or account is None or posting is None:
        return refusal
    if not retake and interviews.has_real_interview(
        conn, candidate_id=account.id, job_posting_id=posting.id
    ):
        return (
            "already has an interview for this posting: invite with retake to interview them again"
        )
    return None


# ------------------------------------------------------------------ managing


def list_invitations(
    db: Database,
    user: User,
    *,
    job_posting_id: int | None,
    kind: InvitationKind | None,
    status: InvitationStatus | None,
    limit: int,
    offset: int,
) -> list[Invitation]:
    access.require_member_or_admin(user, "see invitations")
    with db.unit_of_work() as uow:
        if job_posting_id is not None:
            posting = job_postings.get_job_posting(uow.conn, job_posting_id)
            if posting is None or not access.can_manage_job_posting(user, posting):
                raise NotFound(f"Job posting {job_posting_id} not found")
        return invitations.list_invitations(
            uow.conn,
            organization_id=None if access.is_admin(user) else user.organization_id,
            job_posting_id=job_posting_id,
            kind=kind,
            status=status,
            limit=limit,
            offset=offset,
        )


def _managed(conn: Connection, user: User, invitation_id: int) -> Invitation:
    invitation = invitations.get_invitation(conn, invitation_id, for_update=True)
    if invitation is None or not access.can_view_invitation(user, invitation):
        raise NotFound(f"Invitation {invitation_id} not found")
    if not access.can_manage_invitation(user, invitation):
        raise Forbidden("Only the organization's owner manages invitations of recruiters")
    return invitation


def revoke(db: Database, user: User, invitation_id: int) -> Invitation:
    with db.unit_of_work() as uow:
        invitation = _managed(uow.conn, user, invitation_id)
        if invitation.status == InvitationStatus.REVOKED:
            return invitation
        if invitation.status == InvitationStatus.ACCEPTED:
            raise Conflict("This invitation was already accepted: cancel the interview instead")
        invitations.revoke(uow.conn, invitation_id)
        revoked = invitations.get_invitation(uow.conn, invitation_id)
        assert revoked is not None
        audit.record(
            uow.conn,
            actor_id=user.id,
            organization_id=invitation.organization_id,
            action="invitation.revoked",
            target_type="invitation",
            target_id=invitation_id,
            before=_audit_view(invitation),
            after=_audit_view(revoked),
        )
        return revoked


def resend(
    db: Database, publisher: JobPublisher, settings: Settings, user: User, invitation_id: int
) -> Invitation:
    """A new link with a new expiry, e-mailed again; the old link stops working. A revoked
    invitation is opened again by this."""
    with db.unit_of_work() as uow:
        invitation = _managed(uow.conn, user, invitation_id)
        if invitation.status == InvitationStatus.ACCEPTED:
            raise Conflict("This invitation was already accepted")
        deadline = invitation.deadline
        if deadline is not None and deadline <= datetime.now(UTC):
            raise Conflict("The invitation's deadline has passed: invite again with a new deadline")
        if invitation.status == InvitationStatus.REVOKED:
            if invitations.pending_for(
                uow.conn,
                organization_id=invitation.organization_id,
                job_posting_id=invitation.job_posting_id,
                email=invitation.email,
            ):
                raise Conflict("A newer invitation to this address is open: resend that one")
            invitations.reopen(uow.conn, invitation_id)
        nonce = new_nonce()
        invitations.renew(
            uow.conn,
            invitation_id,
            token_nonce=nonce,
            expires_at=_expiry(settings, deadline),
            deadline=deadline,
            retake=invitation.retake,
        )
        renewed = invitations.get_invitation(uow.conn, invitation_id)
        assert renewed is not None
        audit.record(
            uow.conn,
            actor_id=user.id,
            organization_id=invitation.organization_id,
            action="invitation.resent",
            target_type="invitation",
            target_id=invitation_id,
            before=_audit_view(invitation),
            after=_audit_view(renewed),
        )
        publisher.publish(uow, MailJob(invitation_id=invitation_id, token_nonce=nonce))
        return renewed


# ------------------------------------------------------------------ opening the link


def open_invitation(
    conn: Connection, settings: Settings, token: str, *, lock: bool = False
) -> Invitation:
    """The invitation of a link that still works; NotFound for a wrong or replaced link,
    Conflict (with what happened) for one that was used, withdrawn or has expired."""
    invitation_id = token_invitation_id(token)
    invitation = (
        invitations.get_invitation(conn, invitation_id, for_update=lock) if invitation_id else None
    )
    key = settings.secret_key.get_secret_value()
    if invitation is None or not token_matches(key, token, invitation.id, invitation.token_nonce):
        raise NotFound(INVALID_LINK)
    if invitation.status == InvitationStatus.REVOKED:
        raise Conflict("This invitation was withdrawn by the organization")
    if invitation.status == InvitationStatus.EXPIRED:
        raise Conflict("This invitation has expired: ask the organization to send it again")
    return invitation


def preview(db: Database, settings: Settings, token: str) -> Invitation:
    """What the link's page shows before signing in (used links included, so the page can send
    their owner on to the interview)."""
    with db.unit_of_work() as uow:
        return open_invitation(uow.conn, settings, token)


def accept(db: Database, settings: Settings, user: User, token: str) -> Acceptance:
    with db.unit_of_work() as uow:
        invitation = open_invitation(uow.conn, settings, token, lock=True)
        return accept_open_invitation(uow, settings, user, invitation)


def accept_open_invitation(
    uow: UnitOfWork, settings: Settings, user: User, invitation: Invitation
) -> Acceptance:
    """Accept for `user` (idempotent for the one who accepted it): a candidate gets the
    posting's interview, a recruiter joins the organization."""
    conn = uow.conn
    refusal = access.acceptance_refusal(user, invitation)
    if refusal:
        raise Forbidden(refusal)
    result = Acceptance(
        kind=invitation.kind,
        invitation_id=invitation.id,
        organization_id=invitation.organization_id,
        job_posting_id=invitation.job_posting_id,
        interview_id=invitation.interview_id,
    )
    if invitation.status == InvitationStatus.ACCEPTED:
        if invitation.accepted_by == user.id:
            return result
        raise Conflict("This invitation was already used")
    interview_id = None
    if invitation.kind == InvitationKind.CANDIDATE:
        interview_id = _interview_for(conn, settings, user, invitation)
    else:
        _join(conn, user, invitation)
    invitations.accept(conn, invitation.id, user_id=user.id, interview_id=interview_id)
    accepted = invitations.get_invitation(conn, invitation.id)
    assert accepted is not None
    audit.record(
        conn,
        actor_id=user.id,
        organization_id=invitation.organization_id,
        action="invitation.accepted",
        target_type="invitation",
        target_id=invitation.id,
        before=_audit_view(invitation),
        after={**_audit_view(accepted), "interview_id": interview_id},
    )
    return result.model_copy(update={"interview_id": interview_id})


def _interview_for(conn: Connection, settings: Settings, user: User, invitation: Invitation) -> int:
    from interview_core.services.interviews import create_real_interview

    assert invitation.job_posting_id is not None
    posting = job_postings.get_job_posting(conn, invitation.job_posting_id)
    assert posting is not None
    if posting.status != JobPostingStatus.OPEN:
        raise Conflict("This job posting is closed: the interview can no longer be taken")
    interview = create_real_interview(
        conn,
        settings,
        candidate=user,
        posting=posting,
        language=invitation.language,
        scheduled_time=None,
        deadline=invitation.deadline,
        retake=invitation.retake,
    )
    return interview.id


def _join(conn: Connection, user: User, invitation: Invitation) -> None:
    if user.organization_id == invitation.organization_id:
        return
    if user.role == Role.CANDIDATE:
        if interviews.list_interviews(conn, scope=access.interview_scope(user), limit=1):
            raise Conflict(
                "This candidate account has interviews: a recruiter needs an account of their own"
            )
        users.set_role(conn, user.id, Role.RECRUITER)
    users.add_member(
        conn, user_id=user.id, organization_id=invitation.organization_id, role=MemberRole.MEMBER
    )
    audit.record(
        conn,
        actor_id=user.id,
        organization_id=invitation.organization_id,
        action="member.joined",
        target_type="user",
        target_id=user.id,
        before={"role": user.role},
        after={"role": Role.RECRUITER, "organization_role": MemberRole.MEMBER},
    )
