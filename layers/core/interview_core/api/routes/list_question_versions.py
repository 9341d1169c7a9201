from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.questions import QuestionVersionResponse
from interview_core.api.routes.params import QuestionId
from interview_core.services import question_bank

router = APIRouter(tags=["questions"])


@router.get(
    "/questions/{question_id}/versions",
    response_model=list[QuestionVersionResponse],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
    summary="Every version of a question's wording and rubric, newest first",
)
def list_question_versions(
    question_id: QuestionId, user: CurrentUser, db: DatabaseDep
) -> list[QuestionVersionResponse]:
    return [QuestionVersionResponse.of(v) for v in question_bank.versions(db, user, question_id)]
