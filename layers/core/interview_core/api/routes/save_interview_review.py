from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.pipeline import ReviewResponse, SaveReviewRequest
from interview_core.api.routes.params import TEAM_RESPONSES, InterviewId
from interview_core.services import pipeline

router = APIRouter(tags=["pipeline"])


@router.post(
    "/interviews/{interview_id}/reviews",
    response_model=list[ReviewResponse],
    responses=TEAM_RESPONSES,
    summary="Save the caller's rating and note on the interview or one of its questions (neither: "
    "withdrawn); answers every review of the interview",
)
def save_interview_review(
    interview_id: InterviewId, body: SaveReviewRequest, user: CurrentUser, db: DatabaseDep
) -> list[ReviewResponse]:
    reviews = pipeline.save_review(
        db, user, interview_id, question_id=body.question_id, rating=body.rating, note=body.note
    )
    return [ReviewResponse.of(r) for r in reviews]
