from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import InterviewResponse
from interview_core.api.routes.params import InterviewId
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews/{interview_id}/cancel",
    response_model=InterviewResponse,
    responses={
        401: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary="Cancel a scheduled or live interview",
)
def cancel_interview(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep
) -> InterviewResponse:
    return InterviewResponse.of(interviews.cancel_interview(db, user, interview_id))
