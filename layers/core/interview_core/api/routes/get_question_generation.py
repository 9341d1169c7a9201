from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.questions import QuestionGenerationResponse
from interview_core.services import question_drafts

router = APIRouter(tags=["questions"])


@router.get(
    "/questions/generation",
    response_model=QuestionGenerationResponse,
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
    summary="Whether questions can be drafted from a posting's description (a language model "
    "is configured), and if not why",
)
def get_question_generation(user: CurrentUser) -> QuestionGenerationResponse:
    found = question_drafts.availability(user)
    return QuestionGenerationResponse.model_validate(found.__dict__)
