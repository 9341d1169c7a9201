from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.organizations import MemberResponse, MyOrganizationResponse
from interview_core.services import organizations

router = APIRouter(tags=["organizations"])


@router.get(
    "/organizations/me",
    response_model=MyOrganizationResponse,
    responses={401: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
    summary="The caller's organization and its members (recruiters, a pending organization's too)",
)
def get_my_organization(user: CurrentUser, db: DatabaseDep) -> MyOrganizationResponse:
    mine = organizations.my_organization(db, user)
    return MyOrganizationResponse(
        **mine.organization.model_dump(), members=[MemberResponse.of(m) for m in mine.members]
    )
