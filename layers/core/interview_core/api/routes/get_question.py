from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.questions import BankQuestionResponse
from interview_core.api.routes.params import QuestionId
from interview_core.services import question_bank

router = APIRouter(tags=["questions"])


@router.get(
    "/questions/{question_id}",
    response_model=BankQuestionResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
    summary="One question of the bank, with its rubric and statistics",
)
def get_question(
    question_id: QuestionId, user: CurrentUser, db: DatabaseDep
) -> BankQuestionResponse:
    return BankQuestionResponse.of(question_bank.get(db, user, question_id))
