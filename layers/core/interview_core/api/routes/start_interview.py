from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import InterviewResponse
from interview_core.api.routes.params import InterviewId
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews/{interview_id}/start",
    response_model=InterviewResponse,
    responses={
        401: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary="Start the interview (status live)",
)
def start_interview(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep
) -> InterviewResponse:
    return InterviewResponse.of(interviews.start_interview(db, user, interview_id))
