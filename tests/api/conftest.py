"""Every API test runs beside two other organizations (tests/api/neighbours.py), with a real
local SMTP server catching the platform's mail (platform.mail_folder)."""

from __future__ import annotations

import pytest


@pytest.fixture
def mailbox(tmp_path, monkeypatch):
    from interview_core.local.mailbox import LocalMailServer
    from interview_core.mail.sender import get_mail_sender
    from interview_core.mail.settings import get_mail_settings

    with LocalMailServer(tmp_path / "mail") as server:
        monkeypatch.setenv("SMTP_HOST", server.host)
        monkeypatch.setenv("SMTP_PORT", str(server.port))
        get_mail_settings.cache_clear()
        get_mail_sender.cache_clear()
        yield server.folder
    get_mail_settings.cache_clear()
    get_mail_sender.cache_clear()


@pytest.fixture
def platform(platform, mailbox):
    from interview_core.db.connection import get_database

    from tests.api.neighbours import populate

    platform.neighbours = populate(get_database())
    platform.mail_folder = mailbox
    return platform
