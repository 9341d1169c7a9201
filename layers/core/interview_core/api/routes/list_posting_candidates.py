from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.pipeline import CandidateResponse, PostingCandidatesResponse
from interview_core.api.routes.params import CANDIDATES_RESPONSES, JobPostingId
from interview_core.domain.models import Stage
from interview_core.services import pipeline

router = APIRouter(tags=["pipeline"])


@router.get(
    "/job-postings/{job_posting_id}/candidates",
    response_model=PostingCandidatesResponse,
    responses=CANDIDATES_RESPONSES,
    summary="The posting's candidates side by side: scores in force, rubric criteria with their "
    "evidence, review, team ratings and stage; counts by stage",
)
def list_posting_candidates(
    job_posting_id: JobPostingId, user: CurrentUser, db: DatabaseDep, stage: Stage | None = None
) -> PostingCandidatesResponse:
    found = pipeline.posting_candidates(db, user, job_posting_id, stage=stage)
    return PostingCandidatesResponse(
        job_posting_id=found.posting.id,
        title=found.posting.title,
        stage_labels=found.stage_labels,
        counts=found.counts,
        candidates=[CandidateResponse.of(row) for row in found.rows],
    )
