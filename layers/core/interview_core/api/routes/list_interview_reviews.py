from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.pipeline import ReviewResponse
from interview_core.api.routes.params import TEAM_RESPONSES, InterviewId
from interview_core.services import pipeline

router = APIRouter(tags=["pipeline"])


@router.get(
    "/interviews/{interview_id}/reviews",
    response_model=list[ReviewResponse],
    responses=TEAM_RESPONSES,
    summary="The team's ratings and notes on the interview and its questions (staff only)",
)
def list_interview_reviews(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep
) -> list[ReviewResponse]:
    return [ReviewResponse.of(r) for r in pipeline.list_reviews(db, user, interview_id)]
