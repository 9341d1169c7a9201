from typing import Annotated, Any

from fastapi import APIRouter, Query

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import MAX_ID, ErrorResponse
from interview_core.api.models.questions import QuestionStatsResponse
from interview_core.domain.models import Category, Difficulty, Language
from interview_core.services import question_stats

router = APIRouter(tags=["questions"])


@router.get(
    "/questions/stats",
    response_model=list[QuestionStatsResponse],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
    summary=(
        "Which questions separate strong from weak candidates (recruiters: their postings; "
        "admins: all)"
    ),
)
def get_question_stats(
    user: CurrentUser,
    db: DatabaseDep,
    question_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    job_posting_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    category: Category | None = None,
    difficulty: Difficulty | None = None,
    position: Annotated[str | None, Query(max_length=100, pattern=r"^[^\x00]*$")] = None,
    language: Language | None = None,
    min_interviews: Annotated[int, Query(ge=0, le=1_000_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[Any]:
    return question_stats.question_statistics(
        db,
        user,
        question_id=question_id,
        job_posting_id=job_posting_id,
        category=category,
        difficulty=difficulty,
        position=position,
        language=language,
        min_interviews=min_interviews,
        limit=limit,
        offset=offset,
    )
