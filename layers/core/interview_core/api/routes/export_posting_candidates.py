from fastapi import APIRouter
from fastapi.responses import Response

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.routes.params import CANDIDATES_RESPONSES, JobPostingId
from interview_core.domain.models import Language
from interview_core.services import pipeline

router = APIRouter(tags=["pipeline"])


@router.get(
    "/job-postings/{job_posting_id}/candidates/export",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}, "description": "One line per candidate interview"},
        **CANDIDATES_RESPONSES,
    },
    summary="The posting's candidates as CSV: scores in force, stage, review state, team ratings",
)
def export_posting_candidates(
    job_posting_id: JobPostingId,
    user: CurrentUser,
    db: DatabaseDep,
    language: Language = Language.EN,
) -> Response:
    posting, text = pipeline.posting_candidates_csv(db, user, job_posting_id, language=language)
    return Response(
        content=text.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="posting-{posting.id}-candidates.csv"'
        },
    )
