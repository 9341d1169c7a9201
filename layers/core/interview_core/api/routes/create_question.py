from fastapi import APIRouter, status

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.questions import BankQuestionResponse, CreateQuestionRequest
from interview_core.services import question_bank

router = APIRouter(tags=["questions"])


@router.post(
    "/questions",
    status_code=status.HTTP_201_CREATED,
    response_model=BankQuestionResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary="Add a question with its rubric to the bank",
)
def create_question(
    body: CreateQuestionRequest, user: CurrentUser, db: DatabaseDep, publisher: PublisherDep
) -> BankQuestionResponse:
    return BankQuestionResponse.of(
        question_bank.create(db, publisher, user, body.model_dump(mode="json"))
    )
