"""Settings of outgoing mail, from the environment, validated at first use.

MAIL_BACKEND             smtp | ses   (default smtp; `interview dev` runs a local SMTP server)
MAIL_FROM                the sender, e.g. "AI Interview <no-reply@example.com>"; with ses,
                         an identity verified in SES (so it must be set)
SMTP_HOST, SMTP_PORT     default 127.0.0.1:1025
SMTP_STARTTLS            upgrade the connection with STARTTLS before anything is sent
SMTP_USERNAME            with SMTP_PASSWORD: log in (after STARTTLS when it is on)
SMTP_PASSWORD
SMTP_TIMEOUT_SECONDS     connecting and each reply (default 10)
SES_ENDPOINT_URL         optional: another endpoint (a VPC endpoint, a local fake)
SES_CONFIGURATION_SET    optional: the configuration set that records sends and bounces
AWS_REGION               the region of SES (AWS_DEFAULT_REGION when AWS_REGION is not set)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from interview_core.mail.message import MailAddress


class MailSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    mail_backend: Literal["smtp", "ses"] = "smtp"
    mail_from: MailAddress = "AI Interview <no-reply@interview.localhost>"

    smtp_host: str = Field(default="127.0.0.1", min_length=1)
    smtp_port: int = Field(default=1025, ge=1, le=65535)
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = Field(default=10, gt=0, le=300)

    ses_endpoint_url: str | None = None
    ses_configuration_set: str | None = None
    aws_region: str | None = Field(
        default=None, validation_alias=AliasChoices("AWS_REGION", "AWS_DEFAULT_REGION")
    )

    @field_validator("mail_backend", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("smtp_host", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("smtp_username", "ses_endpoint_url", "ses_configuration_set", "aws_region")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() if value is not None and value.strip() else None

    @field_validator("smtp_password")
    @classmethod
    def _blank_password_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value() else None

    @field_validator("ses_endpoint_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("SES_ENDPOINT_URL must be an http(s) URL")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> MailSettings:
        if (self.smtp_username is None) != (self.smtp_password is None):
            raise ValueError("SMTP_USERNAME and SMTP_PASSWORD must be set together")
        if self.mail_backend == "ses" and "mail_from" not in self.model_fields_set:
            raise ValueError("MAIL_BACKEND=ses needs MAIL_FROM, an identity verified in SES")
        return self


@lru_cache(maxsize=1)
def get_mail_settings() -> MailSettings:
    return MailSettings()
