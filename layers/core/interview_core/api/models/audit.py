"""The audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from interview_core.domain.models import AuditEvent


class AuditEventResponse(BaseModel):
    id: int
    occurred_at: datetime
    actor_id: int | None = Field(description="None: the platform itself")
    actor_username: str | None
    organization_id: int | None
    action: str
    target_type: str
    target_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEventResponse:
        return cls.model_validate(event.model_dump())
