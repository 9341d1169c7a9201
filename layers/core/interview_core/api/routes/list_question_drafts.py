from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.questions import QuestionDraftRequestResponse
from interview_core.api.routes.params import JobPostingId
from interview_core.services import question_drafts

router = APIRouter(tags=["questions"])


@router.get(
    "/job-postings/{job_posting_id}/question-drafts",
    response_model=list[QuestionDraftRequestResponse],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
    summary="The posting's requests for drafted questions, newest first: their state, what each "
    "added and what it dropped and why",
)
def list_question_drafts(
    job_posting_id: JobPostingId, user: CurrentUser, db: DatabaseDep
) -> list[QuestionDraftRequestResponse]:
    found = question_drafts.list_requests(db, user, job_posting_id)
    return [QuestionDraftRequestResponse.of(request) for request in found]
