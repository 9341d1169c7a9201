from typing import Annotated

from fastapi import APIRouter, Query

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.audit import AuditEventResponse
from interview_core.api.models.common import MAX_ID, ErrorResponse
from interview_core.services import audit_trail

router = APIRouter(tags=["audit"])


@router.get(
    "/audit-events",
    response_model=list[AuditEventResponse],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
    summary="Who did what and when, newest first (owners: their organization's; admins: all)",
)
def list_audit_events(
    user: CurrentUser,
    db: DatabaseDep,
    organization_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    action: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=r"^[a-z_]+(\.[a-z_]+)?$",
            description="An action (question.updated) or a group (question)",
        ),
    ] = None,
    target_type: Annotated[str | None, Query(max_length=50, pattern=r"^[a-z_]+$")] = None,
    target_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[AuditEventResponse]:
    found = audit_trail.list_events(
        db,
        user,
        organization_id=organization_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        limit=limit,
        offset=offset,
    )
    return [AuditEventResponse.of(e) for e in found]
