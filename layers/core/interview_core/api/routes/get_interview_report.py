from fastapi import APIRouter

from interview_core.api.deps import CurrentUser, DatabaseDep
from interview_core.api.routes.params import InterviewId
from interview_core.api.schemas import ErrorResponse, ReportPendingResponse, ReportResponse
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.get(
    "/interviews/{interview_id}/report",
    response_model=ReportResponse,
    responses={
        202: {"model": ReportPendingResponse, "description": "Being written; see the Retry-After header"},
        401: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse, "description": "The interview is not completed"},
    },
    summary="The final evaluation report",
)
def get_interview_report(interview_id: InterviewId, user: CurrentUser, db: DatabaseDep) -> ReportResponse:
    return ReportResponse.of(interviews.get_report(db, user, interview_id))
