"""Mail through Amazon SES v2 (SendEmail with Simple content), boto3 imported on first send.

SES takes addresses as 7-bit text: a non-ASCII display name goes as a MIME encoded word. Subject
and bodies go as UTF-8. The answer's MessageId is the id returned.
"""

from __future__ import annotations

from email.utils import formataddr
from typing import Any

from interview_core.mail.message import MailMessage, parse_address
from interview_core.mail.sender import MailDeliveryError
from interview_core.mail.settings import MailSettings

CONNECT_TIMEOUT_SECONDS = 3
READ_TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 3  # in all, first try included; botocore "standard" retries throttling and 5xx


def wire_address(value: str) -> str:
    address = parse_address(value)
    return formataddr((address.display_name, address.addr_spec), charset="utf-8")


def utf8(data: str) -> dict[str, str]:
    return {"Data": data, "Charset": "UTF-8"}


def send_email_request(message: MailMessage, settings: MailSettings) -> dict[str, Any]:
    """The SendEmail parameters for `message`."""
    body = {"Text": utf8(message.text)}
    if message.html is not None:
        body["Html"] = utf8(message.html)
    simple: dict[str, Any] = {"Subject": utf8(message.subject), "Body": body}
    if message.headers:
        simple["Headers"] = [
            {"Name": name, "Value": value} for name, value in message.headers.items()
        ]
    request: dict[str, Any] = {
        "FromEmailAddress": wire_address(settings.mail_from),
        "Destination": {"ToAddresses": [wire_address(message.to)]},
        "Content": {"Simple": simple},
    }
    if settings.ses_configuration_set:
        request["ConfigurationSetName"] = settings.ses_configuration_set
    return request


class SesSender:
    def __init__(self, settings: MailSettings, *, client: Any | None = None) -> None:
        self.settings = settings
        self._client = client

    def _get_client(self) -> Any:
        if self._client is None:
            import boto3
            from botocore.config import Config

            self._client = boto3.session.Session().client(
                "sesv2",
                region_name=self.settings.aws_region,
                endpoint_url=self.settings.ses_endpoint_url,
                config=Config(
                    connect_timeout=CONNECT_TIMEOUT_SECONDS,
                    read_timeout=READ_TIMEOUT_SECONDS,
                    retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
                ),
            )
        return self._client

    def send(self, message: MailMessage) -> str:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            response = self._get_client().send_email(**send_email_request(message, self.settings))
            return str(response["MessageId"])
        except (BotoCoreError, ClientError, KeyError) as error:
            raise MailDeliveryError(f"mail not sent through SES: {_reason(error)}") from error


def _reason(error: BaseException) -> str:
    response = getattr(error, "response", None)
    if isinstance(response, dict) and response.get("Error", {}).get("Code"):
        return f"{response['Error']['Code']}: {response['Error'].get('Message', '')}".strip()
    return f"{type(error).__name__}: {error}"
