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
