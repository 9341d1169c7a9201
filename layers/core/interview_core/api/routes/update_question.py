from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.questions import BankQuestionResponse, UpdateQuestionRequest
from interview_core.api.routes.params import QuestionId
from interview_core.services import question_bank

router = APIRouter(tags=["questions"])


@router.patch(
    "/questions/{question_id}",
    response_model=BankQuestionResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary="Edit a question, its rubric, or retire it (is_active false)",
)
def update_question(
    question_id: QuestionId,
    body: UpdateQuestionRequest,
    user: CurrentUser,
    db: DatabaseDep,
    publisher: PublisherDep,
) -> BankQuestionResponse:
    changes = body.model_dump(mode="json", exclude_unset=True)
    return BankQuestionResponse.of(question_bank.update(db, publisher, user, question_id, changes))
