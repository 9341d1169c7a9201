"""The mail sender in use: SMTP by default, Amazon SES v2 with MAIL_BACKEND=ses (see
settings.py)."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from interview_core.mail.message import MailMessage
from interview_core.mail.settings import get_mail_settings


class MailDeliveryError(Exception):
    """The mail was not accepted for delivery. The message names the cause, never a credential."""


class MailSender(Protocol):
    def send(self, message: MailMessage) -> str:
        """Hand the message over for delivery; the provider's message id, or MailDeliveryError."""
        ...


@lru_cache(maxsize=1)
def get_mail_sender() -> MailSender:
    settings = get_mail_settings()
    if settings.mail_backend == "ses":
        from interview_core.mail.ses import SesSender

        return SesSender(settings)
    from interview_core.mail.smtp import SmtpSender

    return SmtpSender(settings)
