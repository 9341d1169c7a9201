"""Path parameters and error answers shared by several routes."""

from typing import Annotated, Any

from fastapi import Path

from interview_core.api.models.common import MAX_ID, ErrorResponse

InterviewId = Annotated[int, Path(ge=1, le=MAX_ID, description="The interview's id")]
JobPostingId = Annotated[int, Path(ge=1, le=MAX_ID, description="The job posting's id")]
QuestionId = Annotated[int, Path(ge=1, le=MAX_ID, description="The question's id")]
OrganizationId = Annotated[int, Path(ge=1, le=MAX_ID, description="The organization's id")]
InvitationId = Annotated[int, Path(ge=1, le=MAX_ID, description="The invitation's id")]
UserId = Annotated[int, Path(ge=1, le=MAX_ID, description="The user's id")]

# Reviewing a report and overriding its scores: the same refusals.
REVIEW_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    403: {"model": ErrorResponse, "description": "Not a member of the posting's organization"},
    404: {"model": ErrorResponse},
    409: {"model": ErrorResponse, "description": "A practice interview, or no report yet"},
}

# The recruiter's desk: stages and the team's reviews of an interview.
TEAM_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    403: {"model": ErrorResponse, "description": "Not a member of the posting's organization"},
    404: {"model": ErrorResponse},
    409: {
        "model": ErrorResponse,
        "description": "A practice interview, or a stage that follows the interview",
    },
}
# A posting's candidates side by side, and their export.
CANDIDATES_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    403: {"model": ErrorResponse, "description": "Not a member of the posting's organization"},
    404: {"model": ErrorResponse},
}
