from fastapi import APIRouter, status

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.job_postings import CreateJobPostingRequest, JobPostingResponse
from interview_core.services import job_postings

router = APIRouter(tags=["job-postings"])


@router.post(
    "/job-postings",
    status_code=status.HTTP_201_CREATED,
    response_model=JobPostingResponse,
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
    summary="Publish a job posting (recruiters)",
)
def create_job_posting(
    body: CreateJobPostingRequest, user: CurrentUser, db: DatabaseDep, publisher: PublisherDep
) -> JobPostingResponse:
    posting = job_postings.create_job_posting(
        db,
        publisher,
        user,
        title=body.title,
        position=body.position,
        description=body.description,
        language=body.language,
        ai_scoring=body.ai_scoring,
        candidates_see_scores=body.candidates_see_scores,
        follow_up_limit=body.follow_up_limit,
        answer_seconds=body.answer_seconds,
        ai_notice=body.ai_notice,
    )
    return JobPostingResponse.of(posting)
