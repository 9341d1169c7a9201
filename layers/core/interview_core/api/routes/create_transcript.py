from fastapi import APIRouter, status

from interview_core.api.deps import CurrentUser, DatabaseDep, PublisherDep
from interview_core.api.schemas import CreateTranscriptRequest, ErrorResponse, TranscriptResponse
from interview_core.services import interviews

router = APIRouter(tags=["transcripts"])


@router.post(
    "/transcripts",
    status_code=status.HTTP_201_CREATED,
    response_model=TranscriptResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse, "description": "The interview is completed or cancelled"},
    },
    summary="Save one answer (speaker 'User'); its sentiment follows shortly",
)
def create_transcript(
    body: CreateTranscriptRequest, user: CurrentUser, db: DatabaseDep, publisher: PublisherDep
) -> TranscriptResponse:
    transcript = interviews.add_answer(
        db, publisher, user, interview_id=body.interview_id, text=body.text, question_id=body.question_id
    )
    return TranscriptResponse.of(transcript)
