"""Who may see and do what: every rule of the platform's access in one place, with no I/O.

The actors: a candidate (their own interviews), a recruiter who is a member of one organization
(its postings, questions, interviews, invitations; an owner also its members and audit trail),
and admins, the platform's operators (everything; the curated question bank; approving
organizations). A recruiter whose organization is still pending may read their account and their
organization, and nothing else. A recruiter sees a candidate only once that candidate has an
interview or an invitation with the organization (`db.users.known_to_organization`): nobody is
looked up by an arbitrary id or e-mail; anyone else is invited by e-mail.

Services ask these functions and raise: a resource the caller may not see is reported as not
found (ids reveal nothing), one they may see but not change as forbidden. The checks named
`require_*` raise `Forbidden` with the message the caller should read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interview_core.domain.models import (
    Interview,
    InterviewKind,
    Invitation,
    InvitationKind,
    JobPosting,
    JobPostingStatus,
    MemberRole,
    OrganizationStatus,
    Question,
    Role,
    User,
)
from interview_core.errors import Conflict, Forbidden

PENDING_MESSAGE = (
    "Your organization is waiting for approval by the platform's administrators; "
    "you can use it once it is approved"
)


# ------------------------------------------------------------------ who the caller is


def is_admin(user: User) -> bool:
    return user.role == Role.ADMIN


def is_member(user: User) -> bool:
    """A recruiter of an approved organization."""
    return (
        user.role == Role.RECRUITER
        and user.organization_id is not None
        and user.organization_status == OrganizationStatus.APPROVED
    )


def is_owner(user: User) -> bool:
    return is_member(user) and user.organization_role == MemberRole.OWNER


def is_member_of(user: User, organization_id: int | None) -> bool:
    return (
        organization_id is not None and is_member(user) and user.organization_id == organization_id
    )


def require_member(user: User, doing: str) -> None:
    """A recruiter of an approved organization, or Forbidden saying why not."""
    if is_member(user):
        return
    if user.role == Role.RECRUITER:
        raise Forbidden(PENDING_MESSAGE)
    raise Forbidden(f"Only recruiters of an organization can {doing}")


def require_member_or_admin(user: User, doing: str) -> None:
    if not is_admin(user):
        require_member(user, doing)


def require_admin(user: User, doing: str) -> None:
    if not is_admin(user):
        raise Forbidden(f"Only the platform's administrators can {doing}")


def require_owner(user: User, doing: str) -> None:
    require_member(user, doing)
    if not is_owner(user):
        raise Forbidden(f"Only the owner of the organization can {doing}")


def require_can_self_register(role: Role | None) -> None:
    if role == Role.ADMIN:
        raise Forbidden("Admin accounts cannot be self-registered; an admin creates them")


# ------------------------------------------------------------------ organizations and audit


def can_view_organization(user: User, organization_id: int) -> bool:
    """Admins, and the organization's own recruiters (a pending one included)."""
    return is_admin(user) or (
        user.role == Role.RECRUITER and user.organization_id == organization_id
    )


@dataclass(frozen=True)
class AuditScope:
    """Which audit entries a caller reads: one organization's, or (admins) every one."""

    organization_id: int | None
    everything: bool


def audit_scope(user: User) -> AuditScope:
    if is_admin(user):
        return AuditScope(organization_id=None, everything=True)
    require_owner(user, "read the organization's audit trail")
    return AuditScope(organization_id=user.organization_id, everything=False)


# ------------------------------------------------------------------ job postings


def can_view_job_posting(user: User, posting: JobPosting) -> bool:
    """Open postings are public to candidates; the rest is the organization's."""
    if is_admin(user) or is_member_of(user, posting.organization_id):
        return True
    return user.role == Role.CANDIDATE and posting.status == JobPostingStatus.OPEN


def can_manage_job_posting(user: User, posting: JobPosting) -> bool:
    return is_admin(user) or is_member_of(user, posting.organization_id)


def can_draft_questions(user: User, posting: JobPosting) -> bool:
    """Drafting questions for a posting, and reading its drafts, is its organization's work
    (like inviting its candidates): the platform's admins curate their own bank."""
    return is_member_of(user, posting.organization_id)


def require_can_create_job_posting(user: User) -> int:
    """The organization the new posting belongs to."""
    if is_admin(user):
        raise Forbidden("Job postings belong to an organization: its recruiters create them")
    require_member(user, "create job postings")
    assert user.organization_id is not None
    return user.organization_id


@dataclass(frozen=True)
class PostingScope:
    """Which postings a list shows: one organization's (any status), or the open ones of all."""

    organization_id: int | None
    only_open: bool


def posting_scope(user: User) -> PostingScope:
    if is_admin(user):
        return PostingScope(organization_id=None, only_open=False)
    if user.role == Role.CANDIDATE:
        return PostingScope(organization_id=None, only_open=True)
    require_member(user, "see job postings")
    return PostingScope(organization_id=user.organization_id, only_open=False)


# ------------------------------------------------------------------ interviews


def can_view_interview(user: User, interview: Interview) -> bool:
    """The candidate; the members of the posting's organization (never a practice interview);
    admins."""
    if is_admin(user) or interview.candidate_id == user.id:
        return True
    return interview.kind == InterviewKind.REAL and is_member_of(user, interview.organization_id)


def can_answer_interview(user: User, interview: Interview) -> bool:
    """Only the candidate speaks for the candidate."""
    return interview.candidate_id == user.id


def can_see_rubrics(user: User) -> bool:
    """Rubrics say what a good answer contains: members of approved organizations and admins
    only, never candidates or pending organizations (and only for questions they may view)."""
    return is_admin(user) or is_member(user)


@dataclass(frozen=True)
class InterviewScope:
    """Which interviews a list shows: a candidate's own (practice included), one organization's
    real interviews, or (admins) all."""

    candidate_id: int | None
    organization_id: int | None
    everything: bool


def interview_scope(user: User) -> InterviewScope:
    if is_admin(user):
        return InterviewScope(candidate_id=None, organization_id=None, everything=True)
    if user.role == Role.CANDIDATE:
        return InterviewScope(candidate_id=user.id, organization_id=None, everything=False)
    require_member(user, "see interviews")
    return InterviewScope(candidate_id=None, organization_id=user.organization_id, everything=False)


def require_can_schedule_interview(user: User, posting: JobPosting) -> None:
    """A real interview on a posting is made by its organization's members (or by accepting an
    invitation); a candidate's own interview is practice."""
    if not is_member_of(user, posting.organization_id):
        raise Forbidden("Only the recruiters of the posting's organization schedule its interviews")


# ------------------------------------------------------------------ reports: who reads what, who
# decides


def sees_candidate_report(user: User, interview: Interview) -> bool:
    """The interview's own candidate reads the candidate's projection of its report (feedback,
    and scores only when shown); everyone else who may view the interview (the posting's
    organization, admins) reads the staff's report."""
    return interview.candidate_id == user.id


def candidate_sees_scores(interview: Interview) -> bool:
    """Practice always shows the candidate their scores; a real interview when its posting
    says so (`candidates_see_scores`, joined onto the interview)."""
    if interview.kind == InterviewKind.PRACTICE or interview.candidates_see_scores is None:
        return True
    return interview.candidates_see_scores


def sees_scores(user: User, interview: Interview) -> bool:
    """Whether the caller sees the interview's scores (its overall score in lists, its report's
    scores): staff who may view it always; its own candidate when candidate_sees_scores."""
    return not sees_candidate_report(user, interview) or candidate_sees_scores(interview)


def is_reviewable(interview: Interview) -> bool:
    """Only real interviews are reviewed: practice is the candidate's alone."""
    return interview.kind == InterviewKind.REAL


def can_review_report(user: User, interview: Interview) -> bool:
    """Reviewing a report and overriding its scores is the decision of the members (owner or
    member, approved organization) of the posting's organization, and of nobody else."""
    return is_reviewable(interview) and is_member_of(user, interview.organization_id)


def require_reviewer(user: User) -> None:
    """Before anything is looked up: a recruiter of a pending organization is refused with the
    reason (a hostile sign-up learns nothing of any interview)."""
    if user.role == Role.RECRUITER:
        require_member(user, "review reports")


def require_can_review_report(user: User, interview: Interview) -> None:
    """For an interview the caller may view (else it is not found) that is reviewed (else a
    conflict): the organization's members may; admins, the candidate and anyone else may not."""
    if can_review_report(user, interview):
        return
    if is_admin(user):
        raise Forbidden(
            "Reviews are the organization's decision: only its members review and override scores"
        )
    if interview.candidate_id == user.id:
        raise Forbidden("Candidates cannot review or change the scores of their own interview")
    raise Forbidden("Only the members of the posting's organization review its reports")


# ------------------------------------------------------------------ the recruiter's desk


def sees_pipeline(user: User, interview: Interview) -> bool:
    """A real interview's stage, its decision and the team's reviews are the organization's own
    (its members, and admins who operate the platform): never its candidate's."""
    return (
        interview.kind == InterviewKind.REAL
        and interview.candidate_id != user.id
        and (is_admin(user) or is_member_of(user, interview.organization_id))
    )


def require_sees_stages(user: User) -> None:
    """Listing by stage is the organization's (and admins'): a candidate's filter would reveal
    the decisions about them."""
    if not (is_admin(user) or is_member(user)):
        raise Forbidden("Stages are the organization's: only its members list candidates by stage")


def require_team_member(user: User, interview: Interview, doing: str) -> None:
    """Moving a candidate through the pipeline and reviewing as a team are the decisions of the
    posting's organization's members: for an interview the caller may view (else not found)."""
    if interview.kind != InterviewKind.REAL:
        raise Conflict(
            "Practice interviews are the candidate's own: nobody reviews or decides them"
        )
    if is_member_of(user, interview.organization_id):
        return
    if is_admin(user):
        raise Forbidden(f"That is the organization's decision: only its members {doing}")
    if interview.candidate_id == user.id:
        raise Forbidden(f"Candidates cannot {doing} of their own interview")
    raise Forbidden(f"Only the members of the posting's organization {doing}")


def require_reads_pipeline(user: User, interview: Interview) -> None:
    """Reading the team's reviews: the organization's members and admins; not the candidate."""
    if interview.kind != InterviewKind.REAL:
        raise Conflict("Practice interviews are the candidate's own: nobody reviews them")
    if not sees_pipeline(user, interview):
        raise Forbidden("The team's reviews are the organization's: candidates do not see them")


def require_reads_candidates(user: User, posting: JobPosting) -> None:
    """A posting's candidates side by side (and their export): its organization's members and
    admins. Called for a posting the caller may view."""
    if is_admin(user) or is_member_of(user, posting.organization_id):
        return
    raise Forbidden("Only the members of the posting's organization see its candidates")


# ------------------------------------------------------------------ the question bank


def can_view_question(user: User, question: Question) -> bool:
    """Admins see every question; members the curated bank and their organization's own."""
    if is_admin(user):
        return True
    return is_member(user) and question.organization_id in (None, user.organization_id)


def can_edit_question(user: User, question: Question) -> bool:
    """The curated bank is the admins'; an organization's questions are its members'."""
    if question.organization_id is None:
        return is_admin(user)
    return is_member_of(user, question.organization_id)


def edit_refusal(question: Question) -> str:
    if question.organization_id is None:
        return "The curated question bank is edited by the platform's administrators only"
    return "Only the organization that owns this question can change it"


def draft_refusal(question: Question, changes: dict[str, Any]) -> str | None:
    """Why an edit of a drafted question is refused: it is asked only once approved (review),
    and a decided draft is not reopened by an edit."""
    if question.status != "approved" and changes.get("is_active"):
        return "A drafted question is asked only once a member approves it"
    return None


def require_can_create_question(user: User) -> int | None:
    """The owner of a new question: the caller's organization, or None (the curated bank) for
    admins."""
    if is_admin(user):
        return None
    require_member(user, "add questions")
    return user.organization_id


@dataclass(frozen=True)
class QuestionScope:
    """Which questions a caller browses, and whose interviews their statistics count."""

    organization_id: int | None  # the caller's organization: its own questions and interviews
    everything: bool  # admins: every question, every interview


def question_scope(user: User) -> QuestionScope:
    if is_admin(user):
        return QuestionScope(organization_id=None, everything=True)
    require_member(user, "use the question bank")
    return QuestionScope(organization_id=user.organization_id, everything=False)


def question_pool_owner(posting: JobPosting | None) -> int | None:
    """Whose questions an interview may ask besides the curated bank: a real interview's (on a
    posting) its organization's; practice (no posting) only the curated bank's."""
    return posting.organization_id if posting is not None else None


# ------------------------------------------------------------------ invitations


def can_view_invitation(user: User, invitation: Invitation) -> bool:
    return is_admin(user) or is_member_of(user, invitation.organization_id)


def can_manage_invitation(user: User, invitation: Invitation) -> bool:
    """Members handle candidate invitations; member invitations are the owner's."""
    if not is_member_of(user, invitation.organization_id):
        return False
    return invitation.kind == InvitationKind.CANDIDATE or is_owner(user)


def invitation_refusal(
    kind: InvitationKind, account: User | None, organization_id: int
) -> str | None:
    """Why the address of an existing `account` cannot be invited (None: it can; an address
    with no account always can). Whether a candidate already has an interview for the posting
    is the retake rule, checked with the data."""
    if account is None:
        return None
    if kind == InvitationKind.MEMBER:
        if account.organization_id == organization_id:
            return "already a member of the organization"
        if account.organization_id is not None or account.role == Role.ADMIN:
            return "this address belongs to an account that cannot join the organization"
        return None
    if account.role != Role.CANDIDATE:
        return "this address belongs to a recruiter or administrator account"
    return None


def acceptance_refusal(user: User, invitation: Invitation) -> str | None:
    """Why this signed-in account may not accept the invitation (None: it may). The link is
    meant for one address: someone it was forwarded to cannot use it."""
    if user.email.lower() != invitation.email.lower():
        return (
            "This invitation was sent to another e-mail address: sign in with the account of that "
            "address"
        )
    if invitation.kind == InvitationKind.CANDIDATE:
        if user.role != Role.CANDIDATE:
            return "Interview invitations are accepted with a candidate account"
        return None
    if user.role == Role.ADMIN:
        return "Administrators cannot join an organization"
    if user.organization_id is not None and user.organization_id != invitation.organization_id:
        return "This account already belongs to another organization"
    return None
