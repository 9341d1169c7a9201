from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.interviews import InterviewResponse
from interview_core.api.models.pipeline import SetStageRequest
from interview_core.api.routes.params import TEAM_RESPONSES, InterviewId
from interview_core.services import pipeline

router = APIRouter(tags=["pipeline"])


@router.post(
    "/interviews/{interview_id}/stage",
    response_model=InterviewResponse,
    responses=TEAM_RESPONSES,
    summary="Move the candidate to a stage of the posting's pipeline (the organization's members)",
)
def set_interview_stage(
    interview_id: InterviewId, body: SetStageRequest, user: CurrentUser, db: DatabaseDep
) -> InterviewResponse:
    changed = pipeline.set_stage(db, user, interview_id, stage=body.stage, reason=body.reason)
    return InterviewResponse.of(changed)
