from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.reports import (
    AnyReportResponse,
    CandidateReportResponse,
    ReportPendingResponse,
    StaffReportResponse,
    report_response,
)
from interview_core.api.routes.params import InterviewId
from interview_core.services import report_review

router = APIRouter(tags=["interviews"])


@router.get(
    "/interviews/{interview_id}/report",
    response_model=AnyReportResponse,
    responses={
        202: {
            "model": ReportPendingResponse,
            "description": "Being written (status pending), or being retried "
            "after a failure (status retrying); see the Retry-After header",
        },
        503: {
            "model": ReportPendingResponse,
            "description": "Writing it failed and the queue gave up (status "
            "failed); recovery tries again",
        },
        401: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse, "description": "The interview is not completed"},
    },
    summary=(
        "The final evaluation report: the staff's (view 'staff') or the candidate's own (view "
        "'candidate')"
    ),
)
def get_interview_report(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep
) -> StaffReportResponse | CandidateReportResponse:
    return report_response(report_review.get_report(db, user, interview_id))
