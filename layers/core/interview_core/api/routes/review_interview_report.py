from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.reports import ReviewReportRequest, StaffReportResponse
from interview_core.api.routes.params import REVIEW_RESPONSES, InterviewId
from interview_core.services import report_review

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews/{interview_id}/report/review",
    response_model=StaffReportResponse,
    responses=REVIEW_RESPONSES,
    summary="Mark the report reviewed, or reopen it (the posting's organization)",
)
def review_interview_report(
    interview_id: InterviewId, body: ReviewReportRequest, user: CurrentUser, db: DatabaseDep
) -> StaffReportResponse:
    staff = report_review.review_report(db, user, interview_id, state=body.state, note=body.note)
    return StaffReportResponse.of_staff(staff)
