from fastapi import APIRouter, status

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.reports import OverrideScoreRequest, StaffReportResponse
from interview_core.api.routes.params import REVIEW_RESPONSES, InterviewId
from interview_core.services import report_review

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews/{interview_id}/report/overrides",
    status_code=status.HTTP_201_CREATED,
    response_model=StaffReportResponse,
    responses=REVIEW_RESPONSES,
    summary="Override a score with a reason (the posting's organization); the AI's original stays",
)
def override_report_score(
    interview_id: InterviewId, body: OverrideScoreRequest, user: CurrentUser, db: DatabaseDep
) -> StaffReportResponse:
    staff = report_review.override_score(
        db,
        user,
        interview_id,
        scope=body.scope,
        question_id=body.question_id,
        score=body.score,
        reason=body.reason,
    )
    return StaffReportResponse.of_staff(staff)
