from typing import Annotated

from fastapi import APIRouter, Query

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.organizations import OrganizationSummaryResponse
from interview_core.domain.models import OrganizationStatus
from interview_core.services import organizations

router = APIRouter(tags=["organizations"])


@router.get(
    "/organizations",
    response_model=list[OrganizationSummaryResponse],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
    summary="Every organization, pending ones first (admins)",
)
def list_organizations(
    user: CurrentUser,
    db: DatabaseDep,
    status: OrganizationStatus | None = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=r"^[^\x00]*$",
            description="Text in the name or the owner's username or e-mail",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[OrganizationSummaryResponse]:
    found = organizations.list_organizations(
        db, user, status=status, text=q, limit=limit, offset=offset
    )
    return [OrganizationSummaryResponse.model_validate(row) for row in found]
