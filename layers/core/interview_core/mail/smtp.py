"""Mail through an SMTP server with the standard library: one connection a message.

The message goes as 7-bit MIME (UTF-8 headers as encoded words, bodies as quoted-printable or
base64, whichever is shorter), so any server takes it without 8BITMIME or SMTPUTF8. Its
Message-ID is the id returned: SMTP has no other id that every server gives back.
"""

from __future__ import annotations

import smtplib
import ssl
from email.header import Header
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import formatdate, make_msgid

from interview_core.mail.message import MailMessage, parse_address
from interview_core.mail.sender import MailDeliveryError
from interview_core.mail.settings import MailSettings


class _SevenBitPolicy(EmailPolicy):
    """The standard policy, but a non-ASCII Subject is encoded by email.header.Header: the
    standard folder may split it between two encoded words exactly at a space, and readers drop
    whitespace between encoded words (RFC 2047), so "백엔드 개발자" arrived as "백엔드개발자"."""

    def fold(self, name: str, value: str) -> str:
        if name.lower() == "subject" and not str(value).isascii():
            encoded = Header(str(value), "utf-8", header_name=name).encode(linesep=self.linesep)
            return f"{name}: {encoded}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() == "subject" and not str(value).isascii():
            return self.fold(name, value).encode("ascii")
        return super().fold_binary(name, value)


SEVEN_BIT = _SevenBitPolicy(cte_type="7bit")


def build_email(message: MailMessage, sender: str) -> EmailMessage:
    email = EmailMessage(policy=SEVEN_BIT)
    email["From"] = sender
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False, usegmt=True)
    email["Message-ID"] = make_msgid(domain=parse_address(sender).domain)
    for name, value in message.headers.items():
        email[name] = value
    email.set_content(message.text)
    if message.html is not None:
        email.add_alternative(message.html, subtype="html")
    return email


class SmtpSender:
    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings

    def send(self, message: MailMessage) -> str:
        s = self.settings
        email = build_email(message, s.mail_from)
        try:
            with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds) as smtp:
                if s.smtp_starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if s.smtp_username and s.smtp_password:
                    smtp.login(s.smtp_username, s.smtp_password.get_secret_value())
                smtp.send_message(email)
        except (smtplib.SMTPException, OSError) as error:
            where = f"{s.smtp_host}:{s.smtp_port}"
            raise MailDeliveryError(
                f"mail not sent through SMTP {where}: {_reason(error)}"
            ) from error
        return str(email["Message-ID"])


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        if isinstance(reply, bytes):
            reply = reply.decode("utf-8", "replace")
        return f"{type(error).__name__} {error.smtp_code}: {reply}"
    return f"{type(error).__name__}: {error}"
