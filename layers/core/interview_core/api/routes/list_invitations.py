from typing import Annotated

from fastapi import APIRouter, Query

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import MAX_ID, ErrorResponse
from interview_core.api.models.invitations import InvitationResponse
from interview_core.domain.models import InvitationKind, InvitationStatus
from interview_core.services import invitations

router = APIRouter(tags=["invitations"])


@router.get(
    "/invitations",
    response_model=list[InvitationResponse],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
    summary="The organization's invitations, newest first",
)
def list_invitations(
    user: CurrentUser,
    db: DatabaseDep,
    job_posting_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    kind: InvitationKind | None = None,
    status: InvitationStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[InvitationResponse]:
    found = invitations.list_invitations(
        db,
        user,
        job_posting_id=job_posting_id,
        kind=kind,
        status=status,
        limit=limit,
        offset=offset,
    )
    return [InvitationResponse.of(i) for i in found]
