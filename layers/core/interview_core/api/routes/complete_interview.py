from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep
from interview_core.api.idempotency import IdempotencyKey
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import InterviewResponse
from interview_core.api.routes.params import InterviewId
from interview_core.services import interviews
from interview_core.services.idempotency import IdempotentRequest

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews/{interview_id}/complete",
    response_model=InterviewResponse,
    responses={
        401: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
        422: {
            "model": ErrorResponse,
            "description": "The Idempotency-Key was used for another request",
        },
    },
    summary="Finish the interview (status completed) and queue its evaluation report",
)
def complete_interview(
    interview_id: InterviewId,
    user: CurrentUser,
    db: DatabaseDep,
    publisher: PublisherDep,
    idempotency_key: IdempotencyKey = None,
) -> InterviewResponse:
    request = IdempotentRequest.of(idempotency_key, f"POST /interviews/{interview_id}/complete")
    return InterviewResponse.of(
        interviews.complete_interview(db, publisher, user, interview_id, idempotent=request)
    )
