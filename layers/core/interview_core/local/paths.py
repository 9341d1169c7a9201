"""Where the local platform keeps its files."""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parents[4]


def project_root() -> Path:
    """The repository (an editable install), else the current directory."""
    return _REPO if (_REPO / "pyproject.toml").exists() else Path.cwd()


def data_dir() -> Path:
    """Local state: the embedded database, the generated secret key. INTERVIEW_DATA_DIR moves it."""
    configured = os.environ.get("INTERVIEW_DATA_DIR")
    return Path(configured).resolve() if configured else project_root() / ".data"


def functions_dir() -> Path:
    configured = os.environ.get("INTERVIEW_FUNCTIONS_DIR")
    return Path(configured).resolve() if configured else project_root() / "functions"
