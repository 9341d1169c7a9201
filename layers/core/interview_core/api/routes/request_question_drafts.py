from fastapi import APIRouter, status

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.questions import QuestionDraftRequestResponse, RequestDraftsRequest
from interview_core.api.routes.params import JobPostingId
from interview_core.services import question_drafts

router = APIRouter(tags=["questions"])


@router.post(
    "/job-postings/{job_posting_id}/question-drafts",
    response_model=QuestionDraftRequestResponse,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary="Ask the language model for questions from the posting's description: they arrive "
    "as the organization's drafts (near-duplicates dropped), asked only once approved",
)
def request_question_drafts(
    job_posting_id: JobPostingId,
    user: CurrentUser,
    db: DatabaseDep,
    publisher: PublisherDep,
    body: RequestDraftsRequest | None = None,
) -> QuestionDraftRequestResponse:
    count = body.count if body is not None else question_drafts.DEFAULT_COUNT
    request = question_drafts.request_drafts(db, publisher, user, job_posting_id, count=count)
    return QuestionDraftRequestResponse.of(request)
