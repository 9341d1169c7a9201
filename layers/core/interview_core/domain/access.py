"""Who may see and do what. A resource the caller may not see is reported as not found."""

from interview_core.domain.models import Interview, JobPosting, JobPostingStatus, Role, User


def can_view_interview(user: User, interview: Interview) -> bool:
    return (
        user.role == Role.ADMIN
        or interview.candidate_id == user.id
        or (user.role == Role.RECRUITER and interview.recruiter_id == user.id)
    )


def can_answer_interview(user: User, interview: Interview) -> bool:
    """Only the candidate speaks for the candidate."""
    return interview.candidate_id == user.id


def can_view_job_posting(user: User, posting: JobPosting) -> bool:
    if user.role == Role.ADMIN or posting.recruiter_id == user.id:
        return True
    return user.role == Role.CANDIDATE and posting.status == JobPostingStatus.OPEN


def can_manage_job_posting(user: User, posting: JobPosting) -> bool:
    return user.role == Role.ADMIN or (user.role == Role.RECRUITER and posting.recruiter_id == user.id)
