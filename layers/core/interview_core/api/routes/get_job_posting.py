from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.job_postings import JobPostingResponse
from interview_core.api.routes.params import JobPostingId
from interview_core.services import job_postings

router = APIRouter(tags=["job-postings"])


@router.get(
    "/job-postings/{job_posting_id}",
    response_model=JobPostingResponse,
    responses={401: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
    summary="One job posting",
)
def get_job_posting(
    job_posting_id: JobPostingId, user: CurrentUser, db: DatabaseDep
) -> JobPostingResponse:
    return JobPostingResponse.of(job_postings.get_job_posting(db, user, job_posting_id))
