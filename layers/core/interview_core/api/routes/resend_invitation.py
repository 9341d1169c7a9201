from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep, SettingsDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.invitations import InvitationResponse
from interview_core.api.routes.params import InvitationId
from interview_core.services import invitations

router = APIRouter(tags=["invitations"])


@router.post(
    "/invitations/{invitation_id}/resend",
    response_model=InvitationResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary="E-mail the invitation again with a new link and expiry (the old link stops working)",
)
def resend_invitation(
    invitation_id: InvitationId,
    user: CurrentUser,
    db: DatabaseDep,
    publisher: PublisherDep,
    settings: SettingsDep,
) -> InvitationResponse:
    return InvitationResponse.of(invitations.resend(db, publisher, settings, user, invitation_id))
