"""The bank's positions under the names candidates type for them, in Korean and English.

A practice interview for "백엔드 개발자" or "backend engineer" is for the bank's "Backend
Developer": its own questions, and the questions nearest to that position. What the candidate
typed stays the interview's position; only the questions are chosen for the bank's name."""

from __future__ import annotations

import re

_ALIASES: dict[str, tuple[str, ...]] = {
    "Backend Developer": (
        "backend developer",
        "backend engineer",
        "backend",
        "server developer",
        "server engineer",
        "백엔드 개발자",
        "백엔드 엔지니어",
        "백엔드",
        "서버 개발자",
        "서버 엔지니어",
    ),
    "Frontend Developer": (
        "frontend developer",
        "frontend engineer",
        "frontend",
        "web developer",
        "프론트엔드 개발자",
        "프런트엔드 개발자",
        "프론트엔드 엔지니어",
        "프런트엔드 엔지니어",
        "프론트엔드",
        "프런트엔드",
        "웹 개발자",
    ),
    "Data Scientist": (
        "data scientist",
        "data science",
        "데이터 사이언티스트",
        "데이터 과학자",
        "데이터 분석가",
    ),
    "Product Manager": (
        "product manager",
        "pm",
        "product owner",
        "프로덕트 매니저",
        "프로덕트 오너",
        "제품 관리자",
        "서비스 기획자",
        "기획자",
        "피엠",
    ),
}
_SPACE = re.compile(r"[\s\-_]+")


def _key(position: str) -> str:
    """Case, spaces and hyphens left aside: "Back-end  developer" is "backenddeveloper"."""
    return _SPACE.sub("", position.strip().lower())


_CANONICAL = {_key(alias): name for name, aliases in _ALIASES.items() for alias in (name, *aliases)}


def bank_position(position: str) -> str:
    """The bank's name for a position typed in either language (the same text if none fits)."""
    return _CANONICAL.get(_key(position), position)


def known_positions() -> list[str]:
    """The positions the bank has questions for (what a form can offer)."""
    return list(_ALIASES)
