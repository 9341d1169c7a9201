"""Invitations of candidates and members."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, EmailStr, Field, StrictBool

from interview_core.api.models.common import InvitationToken, Request
from interview_core.domain.models import Invitation, InvitationKind, InvitationStatus, Language


def _deliverable(address: str) -> str:
    # Neither SES nor most mail relays take a non-ASCII part before the @ (no SMTPUTF8).
    if not address.rsplit("@", 1)[0].isascii():
        raise ValueError("the part before @ must be ASCII to be delivered")
    return address


Emails = Annotated[
    list[Annotated[EmailStr, AfterValidator(_deliverable)]], Field(min_length=1, max_length=100)
]


class InviteCandidatesRequest(Request):
    emails: Emails = Field(description="1-100 addresses; each gets its own link")
    deadline: AwareDatetime | None = Field(
        default=None, description="Take the interview by then; the link ends then"
    )
    retake: StrictBool = Field(
        default=False, description="Invite a candidate who already has an interview for the posting"
    )
    language: Language | None = Field(
        default=None, description="Of the e-mail and the interview; the posting's by default"
    )


class InviteMembersRequest(Request):
    emails: Emails = Field(description="1-100 addresses of recruiters to join the organization")
    language: Language | None = Field(default=None, description="Of the e-mail; Korean by default")


class InvitationResponse(BaseModel):
    id: int
    kind: InvitationKind
    organization_id: int
    job_posting_id: int | None
    job_posting_title: str | None
    email: str
    language: Language
    status: InvitationStatus
    expires_at: datetime
    deadline: datetime | None
    retake: bool
    invited_by: int
    invited_by_username: str
    created_at: datetime
    send_count: int = Field(description="How many e-mails with a link were delivered")
    sent_at: datetime | None = Field(
        description="When the current link was delivered; None while it is on its way"
    )
    accepted_at: datetime | None
    accepted_by: int | None
    interview_id: int | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, invitation: Invitation) -> InvitationResponse:
        data = invitation.model_dump()
        return cls.model_validate(
            {
                **data,
                "sent_at": data["sent_at"] if data["sent_nonce"] == data["token_nonce"] else None,
            }
        )


class SkippedInvitation(BaseModel):
    email: str
    reason: str


class InvitationBatchResponse(BaseModel):
    invitations: list[InvitationResponse] = Field(
        description="Created, or renewed when one was open already"
    )
    skipped: list[SkippedInvitation]

    @classmethod
    def of(cls, invitations: list[Invitation], skipped: list[Any]) -> InvitationBatchResponse:
        return cls(
            invitations=[InvitationResponse.of(i) for i in invitations],
            skipped=[SkippedInvitation.model_validate(s.model_dump()) for s in skipped],
        )


class InvitationTokenRequest(Request):
    token: InvitationToken = Field(description="The token of the invitation link")


class InvitationPreviewResponse(BaseModel):
    kind: InvitationKind
    organization_name: str
    job_posting_title: str | None
    position: str | None
    email: str
    language: Language
    status: InvitationStatus
    expires_at: datetime
    deadline: datetime | None

    @classmethod
    def of(cls, invitation: Invitation) -> InvitationPreviewResponse:
        return cls.model_validate(invitation.model_dump())


class AcceptanceResponse(BaseModel):
    kind: InvitationKind
    invitation_id: int
    organization_id: int
    job_posting_id: int | None
    interview_id: int | None = Field(description="The interview to take (candidate invitations)")
