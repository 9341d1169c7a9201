from __future__ import annotations

from interview_core.domain.models import Question
from interview_core.domain.question_plan import choose_questions


def q(id: int, category: str, difficulty: str = "medium", position: str | None = None, used: int = 0) -> Question:
    return Question(id=id, content=f"q{id}", category=category, difficulty=difficulty, rubric_json={},
                    vector_id=None, position=position, language="ko", usage_count=used, avg_score=None, is_active=True)


def test_the_plan_covers_every_category_technical_first_rising_in_difficulty():
    bank = [q(1, "technical", "hard", "Backend"), q(2, "technical", "easy", "Backend"),
            q(3, "technical", "medium", "Backend"), q(4, "behavioral"), q(5, "situational"), q(6, "cultural_fit")]

    chosen = choose_questions(bank, 5)

    assert [c.id for c in chosen] == [2, 3, 4, 5, 6]


def test_the_positions_own_questions_come_before_general_ones_and_less_used_before_more():
    bank = [q(1, "behavioral", used=0), q(2, "behavioral", position="Backend", used=9),
            q(3, "situational", used=5), q(4, "situational", used=1)]

    assert [c.id for c in choose_questions(bank, 2)] == [2, 4]


def test_a_thin_bank_gives_what_it_has_without_repeats():
    bank = [q(1, "technical"), q(2, "technical")]
    assert [c.id for c in choose_questions(bank, 5)] == [1, 2]
    assert choose_questions([], 5) == []
