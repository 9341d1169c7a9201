"""Organizations and their members."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from interview_core.domain.models import Member, MemberRole, Organization, OrganizationStatus


class OrganizationResponse(BaseModel):
    id: int
    name: str
    status: OrganizationStatus
    created_at: datetime
    approved_at: datetime | None
    stage_labels: dict[str, str] = Field(
        default={}, description="Its own names of the pipeline's stages"
    )

    @classmethod
    def of(cls, organization: Organization) -> OrganizationResponse:
        return cls.model_validate(organization.model_dump())


class OrganizationSummaryResponse(OrganizationResponse):
    owner_username: str | None
    owner_email: str | None
    owner_full_name: str | None
    member_count: int


class MemberResponse(BaseModel):
    id: int
    username: str
    email: str
    full_name: str | None
    role: MemberRole
    joined_at: datetime

    @classmethod
    def of(cls, member: Member) -> MemberResponse:
        return cls(id=member.user_id, **member.model_dump(exclude={"user_id"}))


class MyOrganizationResponse(OrganizationResponse):
    members: list[MemberResponse]
