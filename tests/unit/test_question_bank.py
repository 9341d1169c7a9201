"""Sanity checks for the seeded interview question bank (db/seed/question_bank.json)."""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

QUESTION_BANK_PATH = (
    Path(__file__).parents[2] / "layers/core/interview_core/db/seed/question_bank.json"
)

LANGUAGES = ("ko", "en")
CATEGORIES = ("technical", "behavioral", "situational", "cultural_fit")
DIFFICULTIES = ("easy", "medium", "hard")
POSITIONS = ("Backend Developer", "Frontend Developer", "Data Scientist", "Product Manager")


@pytest.fixture(scope="module")
def bank() -> list[dict[str, Any]]:
    data = json.loads(QUESTION_BANK_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_size(bank: list[dict[str, Any]]) -> None:
    assert len(bank) >= 60
    assert len(bank) == 64


def test_both_languages_balanced(bank: list[dict[str, Any]]) -> None:
    counts = Counter(q["language"] for q in bank)
    assert set(counts) == set(LANGUAGES)
    assert counts["ko"] == counts["en"] == 32


def test_enums_and_required_fields(bank: list[dict[str, Any]]) -> None:
    for q in bank:
        assert isinstance(q["content"], str) and q["content"].strip(), q
        assert q["category"] in CATEGORIES, q["content"]
        assert q["difficulty"] in DIFFICULTIES, q["content"]
        assert q["position"] is None or q["position"] in POSITIONS, q["content"]
        assert q["language"] in LANGUAGES, q["content"]


def test_no_duplicate_questions(bank: list[dict[str, Any]]) -> None:
    contents = [q["content"] for q in bank]
    assert len(contents) == len(set(contents))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_category_difficulty_combination_per_language(
    bank: list[dict[str, Any]], language: str
) -> None:
    present = {(q["category"], q["difficulty"]) for q in bank if q["language"] == language}
    missing = set(itertools.product(CATEGORIES, DIFFICULTIES)) - present
    assert not missing, f"{language}: missing {sorted(missing)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_position_layout_per_language(bank: list[dict[str, Any]], language: str) -> None:
    items = [q for q in bank if q["language"] == language]
    for position in POSITIONS:
        mine = [q for q in items if q["position"] == position]
        assert len(mine) == 5, (language, position)
        technical = sorted(q["difficulty"] for q in mine if q["category"] == "technical")
        assert technical == sorted(DIFFICULTIES), (language, position)
        assert sum(q["category"] == "situational" for q in mine) == 1
        assert sum(q["category"] == "behavioral" for q in mine) == 1
    general = Counter(q["category"] for q in items if q["position"] is None)
    assert general == {"behavioral": 4, "situational": 4, "cultural_fit": 4}


def test_rubrics(bank: list[dict[str, Any]]) -> None:
    for q in bank:
        rubric = q["rubric"]
        criteria = rubric["criteria"]
        assert 2 <= len(criteria) <= 4, q["content"]
        total = sum(c["weight"] for c in criteria)
        assert math.isclose(total, 1.0, abs_tol=0.01), (q["content"], total)
        names = [c["name"] for c in criteria]
        assert len(names) == len(set(names)), q["content"]
        for c in criteria:
            assert c["name"] and c["name"] == c["name"].lower() and " " not in c["name"]
            assert c["description"].strip()
            assert 0 < c["weight"] <= 1
            keywords = c["keywords"]
            assert keywords, (q["content"], c["name"])
            assert 5 <= len(keywords) <= 12, (q["content"], c["name"], len(keywords))
            for kw in keywords:
                assert kw.strip() and kw == kw.lower(), (q["content"], kw)
        points = rubric["expected_points"]
        assert points and all(isinstance(p, str) and p.strip() for p in points)


def test_first_item_is_korean_backend_easy_technical(bank: list[dict[str, Any]]) -> None:
    first = bank[0]
    assert first["language"] == "ko"
    assert first["position"] == "Backend Developer"
    assert first["category"] == "technical"
    assert first["difficulty"] == "easy"


def test_first_item_keywords_match_sample_answer(bank: list[dict[str, Any]]) -> None:
    answer = "저는 FastAPI와 PostgreSQL 경험이 3년 있습니다.".lower()
    keywords = {kw for c in bank[0]["rubric"]["criteria"] for kw in c["keywords"]}
    hits = {kw for kw in keywords if kw in answer}
    assert {"fastapi", "postgresql"} <= hits
