"""Outgoing mail: a `MailMessage` handed to `get_mail_sender().send()`, by SMTP or Amazon SES."""

from interview_core.mail.message import MailMessage
from interview_core.mail.sender import MailDeliveryError, MailSender, get_mail_sender
from interview_core.mail.settings import MailSettings, get_mail_settings

__all__ = [
    "MailDeliveryError",
    "MailMessage",
    "MailSender",
    "MailSettings",
    "get_mail_sender",
    "get_mail_settings",
]
