"""Domain errors. The API turns each into one HTTP status in one place (api/errors.py)."""


class DomainError(Exception):
    """Base class: a message safe to show to the caller, and a code a client translates (the
    class's own unless a more precise one is given: see ErrorCode)."""

    default_code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code


class ErrorCode:
    """The precise codes beyond each class's own (what the web app translates)."""

    CONSENT_REQUIRED = "consent_required"
    NOTICE_CHANGED = "notice_changed"
    NOT_OPEN_YET = "not_open_yet"
    INTERVIEW_CLOSED = "interview_closed"
    DEADLINE_PASSED = "deadline_passed"
    QUESTION_NOT_IN_INTERVIEW = "question_not_in_interview"
    ANSWER_LIMIT = "answer_limit"
    DAILY_LIMIT = "daily_limit"
    POSTING_CLOSED = "posting_closed"
    SESSION_ENDED = "session_ended"
    GENERATION_UNAVAILABLE = "generation_unavailable"
    GENERATION_RUNNING = "generation_running"
    NOT_A_DRAFT = "not_a_draft"
    DRAFT_NOT_APPROVED = "draft_not_approved"
    STAGE_FOLLOWS_INTERVIEW = "stage_follows_interview"


class NotFound(DomainError):
    """The resource does not exist, or the caller may not know it exists."""

    default_code = "not_found"


class Forbidden(DomainError):
    """The caller is known but their role may not do this."""

    default_code = "forbidden"


class Conflict(DomainError):
    """The request clashes with the current state (taken name, finished interview...)."""

    default_code = "conflict"


class Unauthenticated(DomainError):
    """Missing, expired or invalid credentials."""

    default_code = "unauthenticated"


class InvalidInput(DomainError):
    """Well-formed but semantically wrong input (answered with 422)."""

    default_code = "invalid_input"


class NotConfigured(DomainError):
    """A feature needs configuration this server does not have (a provider key, say)."""

    default_code = "not_configured"


class UpstreamError(DomainError):
    """An outside service (Deepgram, an LLM) failed; the request may be retried."""

    default_code = "upstream_error"


class TooManyRequests(DomainError):
    """A limit was reached (answered with 429 and Retry-After: the seconds until it lifts)."""

    default_code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = max(1, int(retry_after))


class InvalidField(InvalidInput):
    """One named field of the request is unacceptable (a weak password, say): answered like a
    validation error, a 422 whose `detail` names the field, with `code` saying why."""

    def __init__(self, field: str, message: str, *, code: str) -> None:
        super().__init__(message, code=code)
        self.field = field


class ReportPending(Exception):
    """The interview is completed and its report is being written (`waited` seconds so far); or
    writing it failed `attempts` times: retrying, or `given_up` once the queue has dead-lettered
    it. Not a DomainError: answered with 202 (or 503 once given up)."""

    def __init__(self, *, waited: float = 0.0, attempts: int = 0, given_up: bool = False) -> None:
        super().__init__("report pending")
        self.waited = waited
        self.attempts = attempts
        self.given_up = given_up
