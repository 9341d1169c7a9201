from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import InterviewResponse
from interview_core.api.routes.params import InterviewId
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.get(
    "/interviews/{interview_id}",
    response_model=InterviewResponse,
    responses={401: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
    summary="One interview",
)
def get_interview(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep
) -> InterviewResponse:
    return InterviewResponse.of(interviews.get_interview(db, user, interview_id))
