"""Sign-up, log-in, sessions and users."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, EmailStr, Field

from interview_core.api.models.common import Id, InvitationToken, Request, Text, Username, _no_nul
from interview_core.domain.models import MemberRole, OrganizationStatus, Role, User


class RegisterRequest(Request):
    email: EmailStr
    username: Username = Field(description="3-50 letters, digits, '_', '.' or '-'")
    password: Annotated[str, Field(min_length=8, max_length=128), AfterValidator(_no_nul)]
    full_name: Text(200) | None = None  # type: ignore[valid-type]
    role: Literal["candidate", "recruiter", "admin"] | None = Field(
        default=None,
        description=(
            "candidate (the default) or recruiter; 'admin' is refused: admins are created by an "
            "admin. With an invitation the invitation decides."
        ),
    )
    organization_name: Text(200) | None = Field(  # type: ignore[valid-type]
        default=None,
        description=(
            "A recruiter founds an organization (pending until a platform admin approves it); "
            "its name, else the recruiter's name"
        ),
    )
    invitation_token: InvitationToken | None = Field(
        default=None,
        description="Sign up through an invitation link: the account joins what it invites to",
    )


class TokenRequest(Request):
    username: Text(320) = Field(description="Username or email")  # type: ignore[valid-type]
    password: Annotated[str, Field(min_length=1, max_length=128), AfterValidator(_no_nul)]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the token expires")
    # Left out of the answer unless asked for (response_model_exclude_none on POST /token).
    session_grant: str | None = Field(
        default=None,
        description=(
            "Only with the request header `X-Session: cookie` (the web app): exchange it within "
            "a minute at POST /auth/session for the session cookie"
        ),
    )
    session_expires_at: datetime | None = Field(
        default=None,
        description=(
            "POST /auth/session and /auth/refresh only: when the sign-in ends, however often "
            "its token is renewed"
        ),
    )


class SessionGrantRequest(Request):
    grant: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="POST /token's session_grant",
    )


class MembershipResponse(BaseModel):
    id: int
    name: str
    status: OrganizationStatus = Field(description="pending until a platform admin approves it")
    role: MemberRole


class UserResponse(BaseModel):
    id: int
    email: str
    username: str
    role: Role
    full_name: str | None
    created_at: datetime
    organization: MembershipResponse | None = Field(description="A recruiter's organization")

    @classmethod
    def of(cls, user: User) -> UserResponse:
        organization = None
        # A membership row always has its organization's status and the member's role.
        status, role = user.organization_status, user.organization_role
        if user.organization_id is not None and status is not None and role is not None:
            organization = MembershipResponse(
                id=user.organization_id, name=user.organization_name or "", status=status, role=role
            )
        return cls(
            id=user.id,
            email=user.email,
            username=user.username,
            role=user.role,
            full_name=user.full_name,
            created_at=user.created_at,
            organization=organization,
        )


class UpdateUserRequest(Request):
    role: Role
    organization_id: Id | None = Field(
        default=None,
        description="Making an account a recruiter: the organization it joins as a member",
    )
