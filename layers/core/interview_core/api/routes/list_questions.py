from typing import Annotated, Literal

from fastapi import APIRouter, Query

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import MAX_ID, ErrorResponse
from interview_core.api.models.questions import BankQuestionResponse
from interview_core.domain.models import Category, Difficulty, Language, QuestionStatus
from interview_core.services import question_bank

router = APIRouter(tags=["questions"])


@router.get(
    "/questions",
    response_model=list[BankQuestionResponse],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
    summary=(
        "Browse and filter the question bank: the curated bank and the organization's own "
        "(admins: all)"
    ),
)
def list_questions(
    user: CurrentUser,
    db: DatabaseDep,
    owner: Annotated[
        Literal["platform", "organization"] | None,
        Query(description="platform: the curated bank; organization: organizations' own questions"),
    ] = None,
    category: Category | None = None,
    difficulty: Difficulty | None = None,
    position: Annotated[str | None, Query(max_length=100)] = None,
    language: Language | None = None,
    active: bool | None = None,
    q: Annotated[
        str | None, Query(max_length=200, pattern=r"^[^\x00]*$", description="Text to find")
    ] = None,
    status: Annotated[
        QuestionStatus | None,
        Query(description="draft, approved or rejected (default: drafts and approved)"),
    ] = None,
    job_posting_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="The posting drafts were written for")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[BankQuestionResponse]:
    found = question_bank.search(
        db,
        user,
        owner=owner,
        category=category,
        difficulty=difficulty,
        position=position,
        language=language,
        active=active,
        text=q,
        status=status,
        job_posting_id=job_posting_id,
        limit=limit,
        offset=offset,
    )
    return [BankQuestionResponse.of(question) for question in found]
