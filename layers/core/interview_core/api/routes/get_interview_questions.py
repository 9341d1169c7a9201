from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import QuestionResponse
from interview_core.api.routes.params import InterviewId
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.get(
    "/interviews/{interview_id}/questions",
    response_model=list[QuestionResponse],
    responses={401: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
    summary="The interview's questions, in asking order",
)
def get_interview_questions(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep
) -> list[QuestionResponse]:
    return QuestionResponse.list_for(user, interviews.get_questions(db, user, interview_id))
