from fastapi import APIRouter

from interview_core.api.deps import CurrentUser, DatabaseDep, PublisherDep
from interview_core.api.routes.params import InterviewId
from interview_core.api.schemas import ErrorResponse, InterviewResponse
from interview_core.services import interviews

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews/{interview_id}/complete",
    response_model=InterviewResponse,
    responses={401: {"model": ErrorResponse}, 404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}},
    summary="Finish the interview (status completed) and queue its evaluation report",
)
def complete_interview(
    interview_id: InterviewId, user: CurrentUser, db: DatabaseDep, publisher: PublisherDep
) -> InterviewResponse:
    return InterviewResponse.of(interviews.complete_interview(db, publisher, user, interview_id))
