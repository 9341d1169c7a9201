from fastapi import APIRouter

from interview_core.api.deps import CurrentUser, DatabaseDep
from interview_core.api.routes.params import InterviewId
from interview_core.api.schemas import ErrorResponse, ReviewReportRequest, StaffReportResponse
from interview_core.services import report_review

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews/{interview_id}/report/review",
    response_model=StaffReportResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse, "description": "Not a member of the posting's organization"},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse, "description": "A practice interview, or no report yet"},
    },
    summary="Mark the report reviewed, or reopen it (the posting's organization)",
)
def review_interview_report(
    interview_id: InterviewId, body: ReviewReportRequest, user: CurrentUser, db: DatabaseDep
) -> StaffReportResponse:
    staff = report_review.review_report(db, user, interview_id, state=body.state, note=body.note)
    return StaffReportResponse.of_staff(staff)
