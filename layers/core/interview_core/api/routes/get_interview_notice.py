from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import NoticeResponse
from interview_core.api.routes.params import InterviewId
from interview_core.domain.models import Language
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.get(
    "/interviews/{interview_id}/notice",
    response_model=NoticeResponse,
    responses={401: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
    summary="The AI interviewer's notice a candidate reads before the first question",
)
def get_interview_notice(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep
) -> NoticeResponse:
    notice = interviews.get_notice(db, user, interview_id)
    return NoticeResponse(
        version=notice.version, language=Language(notice.language), text=notice.text
    )
