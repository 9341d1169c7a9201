from fastapi import APIRouter, status

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep, SettingsDep
from interview_core.api.idempotency import IdempotencyKey
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.invitations import InvitationBatchResponse, InviteCandidatesRequest
from interview_core.api.routes.params import JobPostingId
from interview_core.services import invitations
from interview_core.services.idempotency import IdempotentRequest

router = APIRouter(tags=["invitations"])


@router.post(
    "/job-postings/{job_posting_id}/invitations",
    status_code=status.HTTP_201_CREATED,
    response_model=InvitationBatchResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
    summary="Invite candidates by e-mail to the posting's interview (one or many at once)",
    description="Each address gets a single-use link; an address already invited gets a new link. "
    "Addresses that cannot be invited are listed in `skipped` with the reason.",
)
def invite_candidates(
    job_posting_id: JobPostingId,
    body: InviteCandidatesRequest,
    user: CurrentUser,
    db: DatabaseDep,
    publisher: PublisherDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> InvitationBatchResponse:
    batch = invitations.invite_candidates(
        db,
        publisher,
        settings,
        user,
        job_posting_id=job_posting_id,
        emails=[str(e) for e in body.emails],
        deadline=body.deadline,
        retake=body.retake,
        language=body.language,
        idempotent=IdempotentRequest.of(
            idempotency_key, f"POST /job-postings/{job_posting_id}/invitations", body
        ),
    )
    return InvitationBatchResponse.of(batch.invitations, batch.skipped)
