"""Path parameters shared by several routes."""

from typing import Annotated

from fastapi import Path

from interview_core.api.schemas import MAX_ID

InterviewId = Annotated[int, Path(ge=1, le=MAX_ID, description="The interview's id")]
JobPostingId = Annotated[int, Path(ge=1, le=MAX_ID, description="The job posting's id")]
QuestionId = Annotated[int, Path(ge=1, le=MAX_ID, description="The question's id")]
OrganizationId = Annotated[int, Path(ge=1, le=MAX_ID, description="The organization's id")]
InvitationId = Annotated[int, Path(ge=1, le=MAX_ID, description="The invitation's id")]
UserId = Annotated[int, Path(ge=1, le=MAX_ID, description="The user's id")]
