from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.pipeline import FlagResponse
from interview_core.api.routes.params import TEAM_RESPONSES, InterviewId
from interview_core.services import pipeline

router = APIRouter(tags=["pipeline"])


@router.get(
    "/interviews/{interview_id}/integrity",
    response_model=list[FlagResponse],
    responses=TEAM_RESPONSES,
    summary="Integrity flags of the interview with their evidence, for reviewers (staff only): "
    "never a verdict, never part of a score",
)
def get_interview_integrity(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep
) -> list[FlagResponse]:
    return [FlagResponse.of(f) for f in pipeline.integrity_flags(db, user, interview_id)]
