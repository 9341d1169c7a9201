from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import ConsentRequest, InterviewResponse
from interview_core.api.routes.params import InterviewId
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews/{interview_id}/consent",
    response_model=InterviewResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary="The candidate consents to the AI notice they read (required before answering a "
    "real interview)",
)
def consent_interview(
    interview_id: InterviewId, body: ConsentRequest, user: CurrentUser, db: DatabaseDep
) -> InterviewResponse:
    return InterviewResponse.of(interviews.consent(db, user, interview_id, version=body.version))
