from fastapi import APIRouter, status

from interview_core.api.deps import CurrentUser, DatabaseDep
from interview_core.api.routes.params import InterviewId
from interview_core.api.schemas import ErrorResponse, OverrideScoreRequest, StaffReportResponse
from interview_core.services import report_review

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews/{interview_id}/report/overrides",
    status_code=status.HTTP_201_CREATED,
    response_model=StaffReportResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse, "description": "Not a member of the posting's organization"},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse, "description": "A practice interview, or no report yet"},
    },
    summary="Override a score with a reason (the posting's organization); the AI's original stays",
)
def override_report_score(
    interview_id: InterviewId, body: OverrideScoreRequest, user: CurrentUser, db: DatabaseDep
) -> StaffReportResponse:
    staff = report_review.override_score(
        db, user, interview_id, scope=body.scope, question_id=body.question_id, score=body.score, reason=body.reason
    )
    return StaffReportResponse.of_staff(staff)
