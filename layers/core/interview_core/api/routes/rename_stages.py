from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.pipeline import StageLabelsRequest, StageLabelsResponse
from interview_core.services import pipeline

router = APIRouter(tags=["pipeline"])


@router.patch(
    "/organizations/me/stages",
    response_model=StageLabelsResponse,
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
    summary="Rename the pipeline's stages for the organization (its owner)",
)
def rename_stages(
    body: StageLabelsRequest, user: CurrentUser, db: DatabaseDep
) -> StageLabelsResponse:
    changes = {stage.value: name for stage, name in body.stage_labels.items()}
    return StageLabelsResponse(stage_labels=pipeline.set_stage_labels(db, user, changes))
