"""Mail settings and messages: defaults, a bad value named at start-up, what a message may hold."""

from __future__ import annotations

import os
import subprocess
import sys
from email.policy import default as default_policy

import pytest
from interview_core.configuration import ConfigurationError, check_configuration
from interview_core.mail import MailMessage, MailSettings, get_mail_sender, get_mail_settings
from interview_core.mail.ses import SesSender, send_email_request
from interview_core.mail.smtp import SmtpSender, build_email
from pydantic import ValidationError

GOOD = {"DATABASE_URL": "postgresql://x@localhost/db", "SECRET_KEY": "a-long-enough-secret-key"}
MAIL_SETTINGS = (
    "MAIL_BACKEND",
    "MAIL_FROM",
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_STARTTLS",
    "SMTP_USERNAME",
    "SMTP_PASSWORD",
    "SMTP_TIMEOUT_SECONDS",
    "SES_ENDPOINT_URL",
    "SES_CONFIGURATION_SET",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
)


@pytest.fixture
def environment(monkeypatch):
    from tests.conftest import _clear_cached_singletons

    def set_environment(**values: str) -> None:
        for name in MAIL_SETTINGS:
            monkeypatch.delenv(name, raising=False)
        for name, value in {**GOOD, **values}.items():
            monkeypatch.setenv(name, value)
        _clear_cached_singletons()
        get_mail_settings.cache_clear()
        get_mail_sender.cache_clear()

    set_environment()
    yield set_environment
    _clear_cached_singletons()
    get_mail_settings.cache_clear()
    get_mail_sender.cache_clear()


def test_defaults_send_by_smtp_to_the_local_server(environment):
    settings = MailSettings()
    assert (settings.mail_backend, settings.smtp_host, settings.smtp_port) == (
        "smtp",
        "127.0.0.1",
        1025,
    )
    assert settings.mail_from == "AI Interview <no-reply@interview.localhost>"
    assert (
        not settings.smtp_starttls
        and settings.smtp_username is None
        and settings.smtp_password is None
    )
    assert settings.smtp_timeout_seconds == 10
    assert isinstance(get_mail_sender(), SmtpSender)
    check_configuration()


def test_every_setting_from_the_environment(environment):
    environment(
        MAIL_BACKEND=" SES ",
        MAIL_FROM="면접 플랫폼 <no-reply@example.com>",
        SMTP_HOST=" mail.example.com ",
        SMTP_PORT="587",
        SMTP_STARTTLS="true",
        SMTP_USERNAME="apikey",
        SMTP_PASSWORD="s3cret-value",
        SMTP_TIMEOUT_SECONDS="2.5",
        SES_ENDPOINT_URL="http://127.0.0.1:5000",
        SES_CONFIGURATION_SET="invitations",
        AWS_DEFAULT_REGION="ap-northeast-2",
    )
    settings = get_mail_settings()
    assert (
        settings.mail_backend == "ses"
        and settings.mail_from == "면접 플랫폼 <no-reply@example.com>"
    )
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_starttls) == (
        "mail.example.com",
        587,
        True,
    )
    assert (
        settings.smtp_password is not None
        and settings.smtp_password.get_secret_value() == "s3cret-value"
    )
    assert "s3cret-value" not in repr(settings)
    assert settings.smtp_timeout_seconds == 2.5
    assert (settings.ses_endpoint_url, settings.ses_configuration_set) == (
        "http://127.0.0.1:5000",
        "invitations",
    )
    assert settings.aws_region == "ap-northeast-2"
    assert isinstance(get_mail_sender(), SesSender)


def test_blank_optional_settings_are_unset(environment):
    environment(SMTP_USERNAME=" ", SMTP_PASSWORD="", SES_ENDPOINT_URL="", SES_CONFIGURATION_SET=" ")
    settings = MailSettings()
    assert settings.smtp_username is settings.smtp_password is settings.ses_endpoint_url is None
    assert settings.ses_configuration_set is None


def test_every_bad_mail_setting_is_named_at_start_up_and_no_secret_is_shown(environment):
    environment(
        MAIL_BACKEND="sendmail",
        MAIL_FROM="not an address",
        SMTP_PORT="70000",
        SMTP_STARTTLS="maybe",
        SMTP_TIMEOUT_SECONDS="0",
        SES_ENDPOINT_URL="localhost:4566",
    )

    with pytest.raises(ConfigurationError) as raised:
        check_configuration()

    named = [problem.split(":")[0].split(" ")[0] for problem in raised.value.problems]
    assert named == [
        "MAIL_BACKEND",
        "MAIL_FROM",
        "SMTP_PORT",
        "SMTP_STARTTLS",
        "SMTP_TIMEOUT_SECONDS",
        "SES_ENDPOINT_URL",
    ]
    assert "MAIL_BACKEND: Input should be 'smtp' or 'ses'" in raised.value.problems
    assert "SES_ENDPOINT_URL must be an http(s) URL" in str(raised.value)


def test_a_username_needs_a_password_and_the_password_is_never_shown(environment):
    environment(SMTP_PASSWORD="hunter2-secret")
    with pytest.raises(
        ConfigurationError, match="SMTP_USERNAME and SMTP_PASSWORD must be set together"
    ) as raised:
        check_configuration()
    assert "hunter2-secret" not in str(raised.value)


def test_ses_needs_a_sender_address_of_its_own(environment):
    environment(MAIL_BACKEND="ses")
    with pytest.raises(ConfigurationError, match="MAIL_BACKEND=ses needs MAIL_FROM"):
        check_configuration()
    environment(MAIL_BACKEND="ses", MAIL_FROM="no-reply@example.com")
    check_configuration()


def test_interview_dev_names_a_bad_mail_setting():
    env = {**os.environ, **GOOD, "SMTP_PORT": "0"}
    finished = subprocess.run(
        [sys.executable, "-m", "interview_core.cli", "dev", "--no-web", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 2
    assert "  SMTP_PORT: Input should be greater than or equal to 1\n" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_choosing_the_ses_sender_does_not_import_boto3():
    code = (
        "import sys; from interview_core.mail import get_mail_sender\n"
        "sender = get_mail_sender(); print(type(sender).__name__, 'boto3' in sys.modules)"
    )
    env = {**os.environ, "MAIL_BACKEND": "ses", "MAIL_FROM": "no-reply@example.com"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["SesSender", "False"]


# --------------------------------------------------------------------------- the message


def test_addresses_are_normalised_and_may_have_a_korean_name():
    assert MailMessage(to="Kim@Example.COM", subject="s", text="t").to == "Kim@example.com"
    assert (
        MailMessage(to="김철수 <kim@example.com>", subject="s", text="t").to
        == "김철수 <kim@example.com>"
    )
    assert (
        MailMessage(to="kim@예시.한국", subject="s", text="t").to == "kim@xn--vv4b11d.xn--3e0b707e"
    )
    assert (
        MailMessage(to='"Kim, C" <kim@example.com>', subject="s", text="t").to
        == '"Kim, C" <kim@example.com>'
    )


@pytest.mark.parametrize(
    "to",
    [
        "not an address",
        "a@example.com, b@example.com",
        "kim@example.com\r\nBcc: x@example.com",
        "@example.com",
        "kim@",
        "kim@localhost",
        "김@example.com",
        "kim@[127.0.0.1]",
        "",
    ],
)
def test_anything_but_one_address_is_refused(to):
    with pytest.raises(ValidationError):
        MailMessage(to=to, subject="s", text="t")


@pytest.mark.parametrize(
    "fields",
    [
        {"subject": "초대\r\nBcc: x@example.com"},
        {"subject": ""},
        {"text": ""},
        {"headers": {"Bcc": "x@example.com"}},
        {"headers": {"x-interview-invitation": "한글"}},
        {"headers": {"X-Bad:Name": "1"}},
        {"headers": {"X-Id": "1\r\nBcc: x@example.com"}},
        {"headers": {f"X-H{i}": "1" for i in range(16)}},
        {"cc": "x@example.com"},
    ],
)
def test_what_could_add_a_recipient_or_break_a_header_is_refused(fields):
    with pytest.raises(ValidationError):
        MailMessage(**{"to": "kim@example.com", "subject": "면접 초대", "text": "본문", **fields})


def test_korean_survives_as_seven_bit_mime():
    message = MailMessage(
        to="김철수 <kim@example.com>",
        subject="면접 초대: Backend Developer",
        text="안녕하세요, 면접에 초대합니다.\nhttps://app.example.com/i/abc\n",
        html="<p>안녕하세요</p>",
        headers={"X-Interview-Invitation": "42"},
    )
    email = build_email(message, "AI 면접 <no-reply@example.com>")
    raw = email.as_bytes()
    assert raw.isascii(), "UTF-8 goes as encoded words and base64/quoted-printable"
    assert (
        email["Subject"] == "면접 초대: Backend Developer"
        and email["To"] == "김철수 <kim@example.com>"
    )
    assert email["X-Interview-Invitation"] == "42" and email["Message-ID"].endswith("@example.com>")
    assert email.get_body(("plain",)).get_content() == message.text
    assert email.get_body(("html",)).get_content() == "<p>안녕하세요</p>\n"


@pytest.mark.parametrize("padding", range(60))
def test_a_korean_subject_keeps_every_space_whatever_its_length(padding):
    """The standard folder could split a subject between two encoded words at a space, which
    readers drop (RFC 2047): "백엔드 개발자" arrived as "백엔드개발자" for some lengths."""
    from email import message_from_bytes
    from email.policy import default

    subject = (
        f"{'초' * (padding % 9)} 면접 초대: 백엔드 개발자 (판교) — {'x' * padding} 주식회사 이름"
    )
    message = MailMessage(to="kim@example.com", subject=subject, text="본문")
    raw = build_email(message, "AI 면접 <no-reply@example.com>").as_bytes()
    assert raw.isascii()
    assert max(len(line) for line in raw.splitlines() if line) <= 78
    assert message_from_bytes(raw, policy=default)["Subject"] == subject


def test_the_ses_request_is_utf8_with_an_encoded_display_name():
    settings = MailSettings(
        mail_backend="ses",
        mail_from="AI 면접 <no-reply@example.com>",
        ses_configuration_set="invitations",
    )
    message = MailMessage(
        to="김철수 <kim@example.com>",
        subject="면접 초대",
        text="본문",
        html="<b>본문</b>",
        headers={"X-Interview-Invitation": "42"},
    )
    request = send_email_request(message, settings)
    [to] = request["Destination"]["ToAddresses"]
    assert request["FromEmailAddress"].isascii() and to.isascii(), "SES takes MIME encoded words"
    assert (
        str(default_policy.header_factory("from", request["FromEmailAddress"]))
        == "AI 면접 <no-reply@example.com>"
    )
    assert str(default_policy.header_factory("to", to)) == "김철수 <kim@example.com>"
    assert request["ConfigurationSetName"] == "invitations"
    assert request["Content"] == {
        "Simple": {
            "Subject": {"Data": "면접 초대", "Charset": "UTF-8"},
            "Body": {
                "Text": {"Data": "본문", "Charset": "UTF-8"},
                "Html": {"Data": "<b>본문</b>", "Charset": "UTF-8"},
            },
            "Headers": [{"Name": "X-Interview-Invitation", "Value": "42"}],
        }
    }
