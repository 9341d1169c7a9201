from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from interview_core.api.deps import CurrentUser, DatabaseDep
from interview_core.api.schemas import MAX_ID, ErrorResponse
from interview_core.domain.models import Category, Difficulty, Language
from interview_core.services import question_stats

router = APIRouter(tags=["questions"])


class QuestionStatsResponse(BaseModel):
    id: int
    content: str
    category: Category
    difficulty: Difficulty
    position: str | None
    language: Language
    is_active: bool
    usage_count: int
    avg_score: float | None
    interviews: int = Field(description="Completed, scored interviews that asked it (in the scope asked for)")
    mean_score: float | None
    score_sd: float | None
    correlation: float | None = Field(description="Pearson r of its score with the interview's overall score")
    rest_correlation: float | None = Field(
        description="Pearson r of its score with the mean of the interview's other questions (item-rest)")
    point_biserial: float | None = Field(
        description="Correlation of its score with 'strong' (overall score at or above the median)")
    strong_interviews: int
    strong_mean: float | None
    weak_interviews: int
    weak_mean: float | None
    separation: float | None = Field(description="strong_mean - weak_mean, in score points")
    discrimination: float | None = Field(description="rest_correlation, else correlation")
    verdict: str = Field(description="separates (>= 0.3), marginal (>= 0.2), does_not_separate, "
                                     "no_spread, too_few_interviews (< 5)")


@router.get(
    "/questions/stats",
    response_model=list[QuestionStatsResponse],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
    summary="Which questions separate strong from weak candidates (recruiters: their postings; admins: all)",
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
        db, user, question_id=question_id, job_posting_id=job_posting_id, category=category,
        difficulty=difficulty, position=position, language=language, min_interviews=min_interviews,
        limit=limit, offset=offset,
    )
