"""Domain errors. The API turns each into one HTTP status in one place (api/errors.py)."""


class DomainError(Exception):
    """Base class: a message safe to show to the caller."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The resource does not exist, or the caller may not know it exists."""


class Forbidden(DomainError):
    """The caller is known but their role may not do this."""


class Conflict(DomainError):
    """The request clashes with the current state (taken name, finished interview...)."""


class Unauthenticated(DomainError):
    """Missing, expired or invalid credentials."""


class InvalidInput(DomainError):
    """Well-formed but semantically wrong input (answered with 422)."""


class NotConfigured(DomainError):
    """A feature needs configuration this server does not have (a provider key, say)."""


class UpstreamError(DomainError):
    """An outside service (Deepgram, an LLM) failed; the request may be retried."""


class TooManyRequests(DomainError):
    """A limit was reached (answered with 429 and Retry-After: the seconds until it lifts)."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


class InvalidField(InvalidInput):
    """One named field of the request is unacceptable (a weak password, say): answered like a
    validation error, a 422 whose `detail` names the field, with `code` saying why."""

    def __init__(self, field: str, message: str, *, code: str) -> None:
        super().__init__(message)
        self.field = field
        self.code = code


class ReportPending(Exception):
    """The interview is completed and its report is being written (`waited` seconds so far); or
    writing it failed `attempts` times: retrying, or `given_up` once the queue has dead-lettered
    it. Not a DomainError: answered with 202 (or 503 once given up)."""

    def __init__(self, *, waited: float = 0.0, attempts: int = 0, given_up: bool = False) -> None:
        super().__init__("report pending")
        self.waited = waited
        self.attempts = attempts
        self.given_up = given_up
