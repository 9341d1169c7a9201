"""Outgoing mail over real protocols: SMTP to the local mail server of `interview dev` (aiosmtpd,
on a free port), and SES v2 through boto3 against moto's server. Nothing is mocked."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import boto3
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from interview_core.local.mailbox import LocalMailServer, list_mail, read_mail
from interview_core.mail import (
    MailDeliveryError,
    MailMessage,
    MailSettings,
    get_mail_sender,
    get_mail_settings,
)
from interview_core.mail.ses import SesSender
from interview_core.mail.smtp import SmtpSender
from moto.core import DEFAULT_ACCOUNT_ID
from moto.server import ThreadedMotoServer
from moto.ses.models import ses_backends

LINK = "https://app.example.com/invitations/abc123?lang=ko"
INVITATION = MailMessage(
    to="김철수 <kim@example.com>",
    subject="[AI 면접] Backend Developer 면접에 초대합니다",
    text=(
        f"안녕하세요 김철수님,\n\n아래 링크에서 면접을 시작하세요: {LINK}.\n\n"
        "See you soon — the AI Interview team\n"
    ),
    html=f'<p>안녕하세요 김철수님, <a href="{LINK}">면접 시작</a></p>',
    headers={"X-Interview-Invitation": "inv-42"},
)


@pytest.fixture
def mailbox(tmp_path: Path) -> Iterator[LocalMailServer]:
    """The local server with its folder where `interview mail` looks when
    INTERVIEW_DATA_DIR=tmp_path."""
    with LocalMailServer(tmp_path / "mail") as server:
        yield server


def smtp_to(host: str, port: int, **settings: object) -> SmtpSender:
    return SmtpSender(MailSettings(smtp_host=host, smtp_port=port, **settings))


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def interview(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interview_core.cli", *args],
        env={**os.environ, "INTERVIEW_DATA_DIR": str(data_dir), "PYTHONUTF8": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


# --------------------------------------------------------------------------- SMTP


def test_a_korean_invitation_arrives_whole_as_an_eml_file(mailbox):
    assert mailbox.host == "127.0.0.1" and mailbox.port > 0

    message_id = smtp_to(
        mailbox.host, mailbox.port, mail_from="AI 면접 <no-reply@example.com>"
    ).send(INVITATION)

    files = list(mailbox.folder.iterdir())
    assert [f.suffix for f in files] == [".eml"], "one .eml file and no temporary file left"
    assert files[0].read_bytes().isascii(), "7-bit MIME on the wire"
    [mail] = list_mail(mailbox.folder)
    assert mail.path == files[0]
    assert mail.headers["Message-ID"] == message_id and message_id.endswith("@example.com>")
    assert mail.sender == "AI 면접 <no-reply@example.com>"
    assert mail.to == "김철수 <kim@example.com>"
    assert mail.subject == INVITATION.subject
    assert mail.text == INVITATION.text
    assert mail.links == [LINK], "the full stop after the link is not part of it"
    assert mail.headers["X-Interview-Invitation"] == "inv-42"
    assert abs(time.time() - mail.received.timestamp()) < 60
    assert (
        read_mail(mailbox.folder)
        == read_mail(mailbox.folder, 1)
        == read_mail(mailbox.folder, mail.name)
        == mail
    )


def test_mail_is_listed_in_order_of_arrival(mailbox):
    sender = smtp_to(mailbox.host, mailbox.port)
    for n in range(1, 4):
        sender.send(
            MailMessage(to=f"candidate{n}@example.com", subject=f"초대 {n}", text=f"{n}번째 메일")
        )

    mails = list_mail(mailbox.folder)
    assert [m.subject for m in mails] == ["초대 1", "초대 2", "초대 3"]
    assert [m.name for m in mails] == sorted(m.name for m in mails)
    assert [m.received for m in mails] == sorted(m.received for m in mails)
    assert read_mail(mailbox.folder, "latest").to == "candidate3@example.com"
    assert read_mail(mailbox.folder, "2").text == "2번째 메일\n"
    for missing in (0, 4, "nothing.eml"):
        with pytest.raises(LookupError):
            read_mail(mailbox.folder, missing)
    assert list_mail(mailbox.folder / "none") == []


def test_a_refused_connection_is_a_delivery_error_at_once():
    port = unused_port()
    started = time.monotonic()
    with pytest.raises(MailDeliveryError, match=f"SMTP 127.0.0.1:{port}: ConnectionRefusedError"):
        smtp_to("127.0.0.1", port).send(INVITATION)
    assert time.monotonic() - started < 2


def test_a_server_that_never_answers_times_out():
    with socket.socket() as silent:  # accepts the connection (backlog), never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        started = time.monotonic()
        with pytest.raises(MailDeliveryError, match="timed out"):
            smtp_to("127.0.0.1", silent.getsockname()[1], smtp_timeout_seconds=0.5).send(INVITATION)
    assert time.monotonic() - started < 3


def test_a_failed_login_names_the_reply_not_the_password(mailbox):
    sender = smtp_to(
        mailbox.host, mailbox.port, smtp_username="mailer", smtp_password="hunter2-secret"
    )
    with pytest.raises(MailDeliveryError) as raised:  # the local server offers no AUTH
        sender.send(INVITATION)
    assert "SMTPNotSupportedError" in str(raised.value) and "hunter2-secret" not in str(
        raised.value
    )
    assert list_mail(mailbox.folder) == []


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that is its own authority, and its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp.crt", folder / "smtp.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_starttls_then_login_against_a_server_that_requires_both(tmp_path, monkeypatch):
    cert, key = self_signed_certificate(tmp_path)
    monkeypatch.setenv(
        "SSL_CERT_FILE", str(cert)
    )  # the sender verifies the server as it would a real one
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    logins: list[tuple[bool, bytes, bytes]] = []
    received: list[bytes] = []

    def authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
        logins.append((session.ssl is not None, auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret-pass", handled=False)

    class Keep:
        async def handle_DATA(self, server, session, envelope) -> str:
            received.append(envelope.content)
            return "250 OK"

    port = unused_port()
    server = Controller(
        Keep(),
        hostname="127.0.0.1",
        port=port,
        tls_context=tls,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticator,
    )
    server.start()
    try:
        smtp_to(
            "127.0.0.1",
            port,
            smtp_starttls=True,
            smtp_username="mailer",
            smtp_password="s3cret-pass",
        ).send(INVITATION)
        with pytest.raises(MailDeliveryError, match="SMTPAuthenticationError 535") as wrong:
            smtp_to(
                "127.0.0.1",
                port,
                smtp_starttls=True,
                smtp_username="mailer",
                smtp_password="wrong-pass",
            ).send(INVITATION)
        with pytest.raises(
            MailDeliveryError, match="530"
        ):  # no STARTTLS: refused before anything is sent
            smtp_to("127.0.0.1", port).send(INVITATION)
    finally:
        server.stop()

    assert "wrong-pass" not in str(wrong.value)
    # Always inside TLS; smtplib tries each mechanism the server offers before it gives up.
    assert logins[0] == (True, b"mailer", b"s3cret-pass")
    assert set(logins[1:]) == {(True, b"mailer", b"wrong-pass")}
    [raw] = received
    assert message_from_bytes(raw, policy=default_policy)["Subject"] == INVITATION.subject


def test_interview_mail_list_and_show(mailbox, tmp_path):
    smtp_to(mailbox.host, mailbox.port).send(INVITATION)
    smtp_to(mailbox.host, mailbox.port).send(
        MailMessage(to="lee@example.com", subject="Reminder", text="No link.")
    )

    listed = interview("mail", "list", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    first, second = listed.stdout.splitlines()
    assert first.split()[0] == "1" and first.endswith(
        "김철수 <kim@example.com>  " + INVITATION.subject
    )
    assert second.split()[0] == "2" and second.endswith("lee@example.com  Reminder")

    as_json = json.loads(interview("mail", "list", "--json", data_dir=tmp_path).stdout)
    assert [m["subject"] for m in as_json] == [INVITATION.subject, "Reminder"]
    assert as_json[0]["links"] == [LINK] and as_json[0]["text"] == INVITATION.text

    links = interview("mail", "show", "1", "--links", data_dir=tmp_path)
    assert links.returncode == 0 and links.stdout == LINK + "\n"
    assert interview("mail", "show", "latest", "--links", data_dir=tmp_path).stdout == "\n"

    shown = interview("mail", "show", "1", data_dir=tmp_path)
    assert "Subject: " + INVITATION.subject + "\n" in shown.stdout
    assert "X-Interview-Invitation: inv-42\n" in shown.stdout and "Content-Type" not in shown.stdout
    assert shown.stdout.endswith("\n\n" + INVITATION.text)
    assert interview("mail", "show", data_dir=tmp_path).stdout.endswith("\n\nNo link.\n")

    missing = interview("mail", "show", "7", data_dir=tmp_path)
    assert missing.returncode == 1 and "no mail '7'" in missing.stderr


def test_interview_mail_list_with_no_mail(tmp_path):
    empty = interview("mail", "list", data_dir=tmp_path)
    assert empty.returncode == 0 and empty.stdout == "" and "no mail in" in empty.stderr


@pytest.fixture
def mail_environment(monkeypatch, tmp_path):
    """No mail settings in the environment (restored afterwards), the data folder in tmp_path."""
    for name in (
        "MAIL_BACKEND",
        "MAIL_FROM",
        "SMTP_HOST",
        "SMTP_PORT",
        "SMTP_USERNAME",
        "SMTP_PASSWORD",
    ):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("INTERVIEW_DATA_DIR", str(tmp_path))
    get_mail_settings.cache_clear()
    get_mail_sender.cache_clear()
    yield tmp_path
    get_mail_settings.cache_clear()
    get_mail_sender.cache_clear()


def test_interview_dev_starts_a_mail_server_when_none_is_configured(mail_environment):
    from interview_core.local.server import _local_mail_server

    server = _local_mail_server()
    assert server is not None
    try:
        assert os.environ["SMTP_HOST"] == "127.0.0.1" and os.environ["SMTP_PORT"] == str(
            server.port
        )
        get_mail_sender().send(INVITATION)  # what the API and the workers of `interview dev` do
        [mail] = list_mail(mail_environment / "mail")
        assert mail.subject == INVITATION.subject
    finally:
        server.stop()


@pytest.mark.parametrize(
    "configured",
    [{"SMTP_PORT": "2525"}, {"SMTP_HOST": "mail.example.com"}, {"MAIL_BACKEND": "ses"}],
)
def test_interview_dev_leaves_a_configured_mail_path_alone(
    mail_environment, monkeypatch, configured
):
    from interview_core.local.server import _local_mail_server

    for name, value in configured.items():
        monkeypatch.setenv(name, value)
    assert _local_mail_server() is None


# --------------------------------------------------------------------------- SES v2

REGION = "ap-northeast-2"
SENDER = "AI 면접 <no-reply@example.com>"


@pytest.fixture(scope="module")
def ses_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def ses(ses_endpoint, monkeypatch):
    """A sesv2 client of moto's server; the sender's own client finds the same credentials."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    return boto3.session.Session().client("sesv2", region_name=REGION, endpoint_url=ses_endpoint)


def ses_sender(endpoint: str, mail_from: str = SENDER) -> SesSender:
    return SesSender(
        MailSettings(
            mail_backend="ses",
            mail_from=mail_from,
            ses_endpoint_url=endpoint,
            aws_region=REGION,
            ses_configuration_set="invitations",
        )
    )


def recorded(message_id: str):
    """What moto's SES backend kept of the message (its documented way to inspect sent mail)."""
    [message] = [
        m for m in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages if m.id == message_id
    ]
    return message


def test_ses_sends_a_korean_message_from_a_verified_identity(ses, ses_endpoint):
    ses.create_email_identity(EmailIdentity="no-reply@example.com")
    ses.create_configuration_set(ConfigurationSetName="invitations")
    plain = INVITATION.model_copy(update={"html": None})

    message_id = ses_sender(ses_endpoint).send(plain)

    sent = recorded(message_id)
    assert str(default_policy.header_factory("from", sent.source)) == SENDER
    [to] = sent.destinations["ToAddresses"]
    assert str(default_policy.header_factory("to", to)) == "김철수 <kim@example.com>"
    assert sent.subject == INVITATION.subject
    assert sent.body == INVITATION.text  # moto keeps the text body when there is no HTML


def test_ses_sends_the_html_alternative(ses, ses_endpoint):
    ses.create_email_identity(EmailIdentity="example.com")  # a verified domain covers its addresses
    message_id = ses_sender(ses_endpoint, "invitations@example.com").send(INVITATION)
    assert (
        recorded(message_id).body == INVITATION.html
    )  # moto keeps the HTML body when there is one


def test_ses_refuses_an_unverified_sender(ses, ses_endpoint):
    with pytest.raises(MailDeliveryError, match="SES: MessageRejected: Email address not verified"):
        ses_sender(ses_endpoint, "nobody@unverified.example.org").send(INVITATION)


def test_ses_unreachable_is_a_delivery_error(ses):
    with pytest.raises(MailDeliveryError, match="EndpointConnectionError"):
        ses_sender(f"http://127.0.0.1:{unused_port()}").send(INVITATION)
