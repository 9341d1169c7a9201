"""The question bank seeded on first start."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from interview_core.db import questions
from interview_core.db.connection import Connection


def bundled_question_bank() -> list[dict[str, Any]]:
    return json.loads(files(__name__).joinpath("question_bank.json").read_text("utf-8"))


def seed_question_bank(conn: Connection) -> int:
    """Fill an empty bank; a bank that has questions is the admins' and is left alone."""
    if questions.count_questions(conn) > 0:
        return 0
    bank = bundled_question_bank()
    questions.insert_questions(conn, bank)
    return len(bank)
