from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.invitations import InvitationResponse
from interview_core.api.routes.params import InvitationId
from interview_core.services import invitations

router = APIRouter(tags=["invitations"])


@router.post(
    "/invitations/{invitation_id}/revoke",
    response_model=InvitationResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
    },
    summary="Withdraw an invitation: its link stops working",
)
def revoke_invitation(
    invitation_id: InvitationId, user: CurrentUser, db: DatabaseDep
) -> InvitationResponse:
    return InvitationResponse.of(invitations.revoke(db, user, invitation_id))
