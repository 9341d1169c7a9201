"""The mail job: e-mail an invitation's link, in the invitation's language.

At least once: a link is marked delivered after the send, so a crash in between sends it again
on redelivery; a job for a link replaced since (a resend) or already delivered sends nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from interview_core.db import invitations
from interview_core.db.connection import Database
from interview_core.domain.invitation_token import make_token
from interview_core.domain.models import Invitation, InvitationKind, InvitationStatus, Language
from interview_core.mail.message import MailMessage
from interview_core.mail.sender import MailSender
from interview_core.observability import logger
from interview_core.settings import Settings

INVITATION_HEADER = "X-Interview-Invitation"


def invitation_link(settings: Settings, invitation: Invitation) -> str:
    token = make_token(
        settings.secret_key.get_secret_value(), invitation.id, invitation.token_nonce
    )
    return f"{settings.web_base_url}/invite?token={token}"


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def render(settings: Settings, invitation: Invitation) -> MailMessage:
    link = invitation_link(settings, invitation)
    org = invitation.organization_name
    expires = _when(invitation.expires_at)
    deadline = _when(invitation.deadline) if invitation.deadline else None
    ko = invitation.language == Language.KO
    if invitation.kind == InvitationKind.CANDIDATE:
        title = invitation.job_posting_title or ""
        if ko:
            subject = f"[{org}] {title} 면접에 초대합니다"
            lines = [
                "안녕하세요,",
                f"{org}에서 '{title}' 포지션의 면접에 초대했습니다.",
                (
                    "이 면접은 AI 면접관이 진행합니다. 답변은 기록되고 평가되며, 결과는 채용 "
                    "담당자가 검토합니다."
                ),
                "아래 링크에서 가입하거나 로그인하면 바로 면접으로 이동합니다.",
                link,
                *([f"면접 마감: {deadline}"] if deadline else []),
                f"이 링크는 {expires}까지 한 번만 사용할 수 있습니다.",
            ]
        else:
            subject = f"{org} invites you to interview for {title}"
            lines = [
                "Hello,",
                f"{org} invites you to an interview for the position '{title}'.",
                (
                    "An AI interviewer conducts it: your answers are recorded and evaluated, and "
                    "the results are reviewed by the recruiting team."
                ),
                "Sign up or sign in at the link below and you land in the interview.",
                link,
                *([f"Take the interview by: {deadline}"] if deadline else []),
                f"The link works once, until {expires}.",
            ]
    elif ko:
        subject = f"{org}의 채용 담당자로 초대되었습니다"
        lines = [
            "안녕하세요,",
            f"{org}에서 AI 면접 플랫폼의 채용 담당자로 함께하자고 초대했습니다.",
            "아래 링크에서 가입하거나 로그인하세요.",
            link,
            f"이 링크는 {expires}까지 한 번만 사용할 수 있습니다.",
        ]
    else:
        subject = f"Join {org} as a recruiter"
        lines = [
            "Hello,",
            f"{org} invites you to join its recruiting team on the AI interview platform.",
            "Sign up or sign in at the link below.",
            link,
            f"The link works once, until {expires}.",
        ]
    text = "\n\n".join(lines) + "\n"
    html = "".join(
        f'<p><a href="{escape(line)}">{escape(line)}</a></p>'
        if line == link
        else f"<p>{escape(line)}</p>"
        for line in lines
    )
    return MailMessage(
        to=invitation.email,
        subject=subject,
        text=text,
        html=html,
        headers={INVITATION_HEADER: str(invitation.id)},
    )


def send_invitation(
    db: Database, sender: MailSender, settings: Settings, *, invitation_id: int, token_nonce: str
) -> bool:
    """Send the link of `token_nonce`; False when there is nothing to send. A delivery failure
    raises (MailDeliveryError), so the job is retried and, failing every time, dead-lettered."""
    with db.unit_of_work() as uow:
        invitation = invitations.get_invitation(uow.conn, invitation_id)
    if invitation is None or invitation.status != InvitationStatus.PENDING:
        logger.info("invitation not open; mail dropped", extra={"invitation_id": invitation_id})
        return False
    if invitation.token_nonce != token_nonce or invitation.sent_nonce == token_nonce:
        logger.info(
            "invitation link replaced or already sent; mail dropped",
            extra={"invitation_id": invitation_id},
        )
        return False
    message_id = sender.send(render(settings, invitation))
    with db.unit_of_work() as uow:
        invitations.mark_sent(uow.conn, invitation_id, token_nonce=token_nonce)
    logger.info("invitation sent", extra={"invitation_id": invitation_id, "message_id": message_id})
    return True
