from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import TranscriptResponse
from interview_core.api.routes.params import InterviewId
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.get(
    "/interviews/{interview_id}/transcripts",
    response_model=list[TranscriptResponse],
    responses={401: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
    summary="The whole conversation, in order, with each answer's sentiment",
)
def list_interview_transcripts(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep
) -> list[TranscriptResponse]:
    return [TranscriptResponse.of(t) for t in interviews.get_transcripts(db, user, interview_id)]
