from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.job_postings import JobPostingResponse
from interview_core.domain.models import JobPostingStatus
from interview_core.services import job_postings

router = APIRouter(tags=["job-postings"])


@router.get(
    "/job-postings",
    response_model=list[JobPostingResponse],
    responses={401: {"model": ErrorResponse}},
    summary="A recruiter's own postings; the open ones for candidates; all for admins",
)
def list_job_postings(
    user: CurrentUser, db: DatabaseDep, status: JobPostingStatus | None = None
) -> list[JobPostingResponse]:
    return [
        JobPostingResponse.of(p) for p in job_postings.list_job_postings(db, user, status=status)
    ]
