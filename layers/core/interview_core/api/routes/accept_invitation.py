from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, SettingsDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.invitations import AcceptanceResponse, InvitationTokenRequest
from interview_core.services import invitations

router = APIRouter(tags=["invitations"])


@router.post(
    "/invitations/accept",
    response_model=AcceptanceResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary=(
        "Accept an invitation with the signed-in account of its address: the interview, or the "
        "organization"
    ),
    description="Accepting again with the same account answers the same interview.",
)
def accept_invitation(
    body: InvitationTokenRequest, user: CurrentUser, db: DatabaseDep, settings: SettingsDep
) -> AcceptanceResponse:
    return AcceptanceResponse(**invitations.accept(db, settings, user, body.token).model_dump())
