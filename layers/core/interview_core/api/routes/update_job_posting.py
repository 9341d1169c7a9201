from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.job_postings import JobPostingResponse, UpdateJobPostingRequest
from interview_core.api.routes.params import JobPostingId
from interview_core.services import job_postings

router = APIRouter(tags=["job-postings"])


@router.patch(
    "/job-postings/{job_posting_id}",
    response_model=JobPostingResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
    summary="Edit or close a job posting (its recruiter)",
)
def update_job_posting(
    job_posting_id: JobPostingId,
    body: UpdateJobPostingRequest,
    user: CurrentUser,
    db: DatabaseDep,
    publisher: PublisherDep,
) -> JobPostingResponse:
    changes = body.model_dump(exclude_unset=True)
    return JobPostingResponse.of(
        job_postings.update_job_posting(db, publisher, user, job_posting_id, changes)
    )
