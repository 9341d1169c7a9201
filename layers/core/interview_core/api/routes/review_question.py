from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.questions import BankQuestionResponse, ReviewQuestionRequest
from interview_core.api.routes.params import QuestionId
from interview_core.services import question_bank

router = APIRouter(tags=["questions"])


@router.post(
    "/questions/{question_id}/review",
    response_model=BankQuestionResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary="Approve a drafted question (asked from now on) or reject it (kept, never asked)",
)
def review_question(
    question_id: QuestionId, body: ReviewQuestionRequest, user: CurrentUser, db: DatabaseDep
) -> BankQuestionResponse:
    return BankQuestionResponse.of(question_bank.review(db, user, question_id, body.decision))
