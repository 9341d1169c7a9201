from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.organizations import OrganizationResponse
from interview_core.api.routes.params import OrganizationId
from interview_core.services import organizations

router = APIRouter(tags=["organizations"])


@router.post(
    "/organizations/{organization_id}/approve",
    response_model=OrganizationResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
    summary="Approve a pending organization (admins); its recruiters can then work",
)
def approve_organization(
    organization_id: OrganizationId, user: CurrentUser, db: DatabaseDep
) -> OrganizationResponse:
    return OrganizationResponse.of(organizations.approve(db, user, organization_id))
