from typing import Annotated

from fastapi import APIRouter, Query

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import MAX_ID, ErrorResponse
from interview_core.api.models.interviews import InterviewResponse
from interview_core.domain.models import InterviewKind, InterviewStatus, Stage
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.get(
    "/interviews",
    response_model=list[InterviewResponse],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
    summary="The caller's interviews (a candidate's own, practice included; a recruiter's: their "
    "organization's real interviews), newest first",
)
def list_interviews(
    user: CurrentUser,
    db: DatabaseDep,
    status: InterviewStatus | None = None,
    job_posting_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    kind: InterviewKind | None = None,
    stage: Annotated[
        Stage | None, Query(description="The pipeline's stage (the organization's members only)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[InterviewResponse]:
    found = interviews.list_interviews(
        db,
        user,
        status=status,
        job_posting_id=job_posting_id,
        kind=kind,
        stage=stage,
        limit=limit,
        offset=offset,
    )
    return [InterviewResponse.of(i) for i in found]
