from fastapi import APIRouter, status

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, SettingsDep
from interview_core.api.idempotency import IdempotencyKey
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import (
    CreatedInterviewResponse,
    CreateInterviewRequest,
    InterviewResponse,
    QuestionResponse,
)
from interview_core.services import interviews
from interview_core.services.idempotency import IdempotentRequest

router = APIRouter(tags=["interviews"])


@router.post(
    "/interviews",
    status_code=status.HTTP_201_CREATED,
    response_model=CreatedInterviewResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
        429: {
            "model": ErrorResponse,
            "description": "The candidate's interviews of the last 24 hours reached "
            "the limit; Retry-After says when",
        },
    },
    summary="Create an interview (scheduled) with its questions: a candidate's own is practice; "
    "recruiters schedule real ones on their organization's postings",
)
def create_interview(
    body: CreateInterviewRequest,
    user: CurrentUser,
    db: DatabaseDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> CreatedInterviewResponse:
    interview, questions = interviews.create_interview(
        db,
        settings,
        user,
        position=body.position,
        job_posting_id=body.job_posting_id,
        candidate_id=body.candidate_id,
        candidate_email=str(body.candidate_email) if body.candidate_email else None,
        language=body.language,
        scheduled_time=body.scheduled_time,
        deadline=body.deadline,
        retake=body.retake,
        idempotent=IdempotentRequest.of(idempotency_key, "POST /interviews", body),
    )
    return CreatedInterviewResponse(
        **InterviewResponse.of(interview).model_dump(),
        questions=QuestionResponse.list_for(user, questions),
    )
