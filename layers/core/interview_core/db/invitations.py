"""SQL for invitations (to a posting's interview, or into an organization)."""

from __future__ import annotations

from datetime import datetime

from interview_core.db.connection import Connection, one
from interview_core.domain.models import Invitation, InvitationKind, InvitationStatus, Language

_SELECT = """
    SELECT v.id, v.kind, v.organization_id, o.name AS organization_name, v.job_posting_id,
           p.title AS job_posting_title, p.position, v.email, v.language,
           CASE WHEN v.status = 'pending' AND v.expires_at <= now() THEN 'expired' ELSE v.status END
           AS status,
           v.token_nonce, v.expires_at, v.deadline, v.retake, v.invited_by, u.username AS
           invited_by_username,
           v.created_at, v.send_count, v.sent_nonce, v.sent_at, v.accepted_at, v.accepted_by,
           v.interview_id,
           v.revoked_at
    FROM invitations v
    JOIN organizations o ON o.id = v.organization_id
    JOIN users u ON u.id = v.invited_by
    LEFT JOIN job_postings p ON p.id = v.job_posting_id
"""


def insert_invitation(
    conn: Connection,
    *,
    kind: InvitationKind,
    organization_id: int,
    job_posting_id: int | None,
    email: str,
    language: Language,
    token_nonce: str,
    expires_at: datetime,
    deadline: datetime | None,
    retake: bool,
    invited_by: int,
) -> int:
    row = one(
        conn.execute(
            """INSERT INTO invitations (kind, organization_id, job_posting_id, email, language,
               token_nonce,
                                    expires_at, deadline, retake, invited_by)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
            (
                kind,
                organization_id,
                job_posting_id,
                email,
                language,
                token_nonce,
                expires_at,
                deadline,
                retake,
                invited_by,
            ),
        )
    )
    return row["id"]


def get_invitation(
    conn: Connection, invitation_id: int, *, for_update: bool = False
) -> Invitation | None:
    if for_update:
        conn.execute("SELECT 1 FROM invitations WHERE id = %s FOR UPDATE", (invitation_id,))
    row = conn.execute(_SELECT + " WHERE v.id = %s", (invitation_id,)).fetchone()
    return Invitation.model_validate(row) if row else None


def pending_for(
    conn: Connection, *, organization_id: int, job_posting_id: int | None, email: str
) -> Invitation | None:
    """The open invitation (expired or not) to this address for the posting (or organization)."""
    row = conn.execute(
        _SELECT
        + """ WHERE v.organization_id = %s AND coalesce(v.job_posting_id, 0) = coalesce(%s, 0)
              AND lower(v.email) = lower(%s) AND v.status = 'pending' FOR UPDATE OF v""",
        (organization_id, job_posting_id, email),
    ).fetchone()
    return Invitation.model_validate(row) if row else None


def list_invitations(
    conn: Connection,
    *,
    organization_id: int | None,
    job_posting_id: int | None,
    kind: InvitationKind | None,
    status: InvitationStatus | None,
    limit: int,
    offset: int,
) -> list[Invitation]:
    rows = conn.execute(
        _SELECT
        + """ WHERE (%(organization)s::bigint IS NULL OR v.organization_id = %(organization)s)
              AND (%(posting)s::bigint IS NULL OR v.job_posting_id = %(posting)s)
              AND (%(kind)s::text IS NULL OR v.kind = %(kind)s)
              AND (%(status)s::text IS NULL
                   OR (%(status)s = 'expired' AND v.status = 'pending' AND v.expires_at <= now())
                   OR (%(status)s = 'pending' AND v.status = 'pending' AND v.expires_at > now())
                   OR (%(status)s NOT IN ('expired', 'pending') AND v.status = %(status)s))
            ORDER BY v.created_at DESC, v.id DESC LIMIT %(limit)s OFFSET %(offset)s""",
        {
            "organization": organization_id,
            "posting": job_posting_id,
            "kind": kind,
            "status": status,
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
    return [Invitation.model_validate(row) for row in rows]


def renew(
    conn: Connection,
    invitation_id: int,
    *,
    token_nonce: str,
    expires_at: datetime,
    deadline: datetime | None,
    retake: bool,
) -> None:
    """A new link (the old one stops working) and a new expiry."""
    conn.execute(
        """UPDATE invitations SET token_nonce = %s, issued_at = now(), expires_at = %s, deadline =
           %s,
                  retake = %s
           WHERE id = %s""",
        (token_nonce, expires_at, deadline, retake, invitation_id),
    )


def mark_sent(conn: Connection, invitation_id: int, *, token_nonce: str) -> bool:
    """Record the delivery of the link of `token_nonce`; False when that link was already
    delivered or replaced since (nothing to send)."""
    row = conn.execute(
        """UPDATE invitations SET sent_nonce = token_nonce, sent_at = now(), send_count = send_count
           + 1
           WHERE id = %s AND token_nonce = %s AND sent_nonce IS DISTINCT FROM token_nonce
           RETURNING id""",
        (invitation_id, token_nonce),
    ).fetchone()
    return row is not None


def accept(conn: Connection, invitation_id: int, *, user_id: int, interview_id: int | None) -> None:
    conn.execute(
        """UPDATE invitations SET status = 'accepted', accepted_at = now(), accepted_by = %s,
           interview_id = %s
           WHERE id = %s""",
        (user_id, interview_id, invitation_id),
    )


def revoke(conn: Connection, invitation_id: int) -> None:
    conn.execute(
        "UPDATE invitations SET status = 'revoked', revoked_at = now() WHERE id = %s",
        (invitation_id,),
    )


def reopen(conn: Connection, invitation_id: int) -> None:
    """A revoked invitation made open again (by a resend)."""
    conn.execute(
        "UPDATE invitations SET status = 'pending', revoked_at = NULL WHERE id = %s",
        (invitation_id,),
    )


def unsent(
    conn: Connection, *, older_than_seconds: int, newer_than_seconds: int | None
) -> list[tuple[int, str]]:
    """(id, nonce) of open invitations whose current link was never delivered: their mail job
    may have been lost."""
    rows = conn.execute(
        """SELECT id, token_nonce FROM invitations
           WHERE status = 'pending' AND expires_at > now() AND sent_nonce IS DISTINCT FROM
           token_nonce
             AND issued_at < now() - make_interval(secs => %(old)s)
             AND (%(new)s::int IS NULL OR issued_at >= now() - make_interval(secs => %(new)s::int))
           ORDER BY id""",
        {"old": older_than_seconds, "new": newer_than_seconds},
    ).fetchall()
    return [(row["id"], row["token_nonce"]) for row in rows]
