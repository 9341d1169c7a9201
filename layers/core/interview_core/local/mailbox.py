"""The local mail server of `interview dev`: SMTP on 127.0.0.1, each message kept as an .eml file.

Files are named by their arrival time in UTC (`20261201T102233.123456-000001.eml`), so sorting
the names sorts the mail, and written to a hidden temporary file first, then renamed, so a reader
never sees half a message. `list_mail` and `read_mail` read them back for `interview mail` and
for tests.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, Self, cast

from aiosmtpd.controller import Controller

from interview_core.local.paths import data_dir

STAMP = "%Y%m%dT%H%M%S.%f"
_LINK = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_NOT_A_LINK_END = ".,;:!?'\")]"


def mail_folder() -> Path:
    return data_dir() / "mail"


class _SaveToFolder:
    """aiosmtpd handler: every message accepted is written to the folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._count = itertools.count(1)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        name = f"{datetime.now(UTC).strftime(STAMP)}-{next(self._count):06d}.eml"
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{name}.tmp"
        temporary.write_bytes(envelope.original_content or envelope.content)
        os.replace(temporary, self.folder / name)
        return "250 OK"


class _Controller(Controller):
    def _trigger_server(self) -> None:
        # Bound to port 0: learn the port the OS chose before aiosmtpd connects to check it.
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class LocalMailServer:
    """SMTP on `host`; port 0 (the default) lets the OS choose a free port, read from `.port`."""

    def __init__(self, folder: Path, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.folder = folder
        self._controller = _Controller(_SaveToFolder(folder), hostname=host, port=port)

    @property
    def host(self) -> str:
        return self._controller.hostname

    @property
    def port(self) -> int:
        return self._controller.port

    def start(self) -> Self:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


@dataclass(frozen=True)
class StoredMail:
    path: Path
    received: datetime
    sender: str
    to: str
    subject: str
    text: str
    links: list[str]
    headers: dict[str, str]

    @property
    def name(self) -> str:
        return self.path.name


def _received(path: Path) -> datetime:
    try:
        return datetime.strptime(path.stem.split("-")[0], STAMP).replace(tzinfo=UTC)
    except ValueError:  # an .eml put there by hand
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def links_in(text: str) -> list[str]:
    """The http(s) links of a text, in order, each once."""
    return list(dict.fromkeys(link.rstrip(_NOT_A_LINK_END) for link in _LINK.findall(text)))


def load_mail(path: Path) -> StoredMail:
    email = cast(EmailMessage, message_from_bytes(path.read_bytes(), policy=default_policy))
    body = email.get_body(preferencelist=("plain",))
    text = body.get_content().replace("\r\n", "\n") if body is not None else ""
    return StoredMail(
        path=path,
        received=_received(path),
        sender=str(email.get("From", "")),
        to=str(email.get("To", "")),
        subject=str(email.get("Subject", "")),
        text=text,
        links=links_in(text),
        headers={name: str(value) for name, value in email.items()},
    )


def list_mail(folder: Path) -> list[StoredMail]:
    """Every message in the folder, oldest first."""
    return [load_mail(path) for path in sorted(folder.glob("*.eml"))] if folder.is_dir() else []


def read_mail(folder: Path, which: str | int = "latest") -> StoredMail:
    """One message: "latest", its 1-based index in `list_mail`, or its file name (LookupError if
    there is none such)."""
    paths = sorted(folder.glob("*.eml")) if folder.is_dir() else []
    chosen: Path | None = None
    if which == "latest":
        chosen = paths[-1] if paths else None
    elif isinstance(which, int) or which.isdigit():
        index = int(which)
        chosen = paths[index - 1] if 1 <= index <= len(paths) else None
    else:
        candidate = folder / Path(which).name
        chosen = candidate if candidate in paths else None
    if chosen is None:
        raise LookupError(f"no mail {which!r} in {folder} ({len(paths)} there)")
    return load_mail(chosen)
