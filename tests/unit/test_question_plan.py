from __future__ import annotations

from interview_core.domain.models import Question
from interview_core.domain.question_plan import choose_questions


def q(
    id: int, category: str, difficulty: str = "medium", position: str | None = None, used: int = 0
) -> Question:
    return Question(
        id=id,
        content=f"q{id}",
        category=category,
        difficulty=difficulty,
        rubric_json={},
        vector_id=None,
        position=position,
        language="ko",
        usage_count=used,
        avg_score=None,
        is_active=True,
    )


def test_the_plan_covers_every_category_technical_first_rising_in_difficulty():
    bank = [
        q(1, "technical", "hard", "Backend"),
        q(2, "technical", "easy", "Backend"),
        q(3, "technical", "medium", "Backend"),
        q(4, "behavioral"),
        q(5, "situational"),
        q(6, "cultural_fit"),
    ]

    chosen = choose_questions(bank, 5)

    assert [c.id for c in chosen] == [2, 3, 4, 5, 6]


def test_the_positions_own_questions_come_before_general_ones_and_less_used_before_more():
    bank = [
        q(1, "behavioral", used=0),
        q(2, "behavioral", position="Backend", used=9),
        q(3, "situational", used=5),
        q(4, "situational", used=1),
    ]

    assert [c.id for c in choose_questions(bank, 2)] == [2, 4]


def test_a_thin_bank_gives_what_it_has_without_repeats():
    bank = [q(1, "technical"), q(2, "technical")]
    assert [c.id for c in choose_questions(bank, 5)] == [1, 2]
    assert choose_questions([], 5) == []


def test_a_question_the_candidate_was_asked_before_comes_only_when_the_slot_has_nothing_else():
    bank = [
        q(1, "technical", "easy", "Backend"),
        q(2, "technical", "medium", "Backend"),
        q(3, "behavioral"),
        q(4, "behavioral", position="Backend"),
    ]

    # technical easy: 2 (1 was asked); technical medium: only 1 is left; behavioral: 3 before 4
    assert [c.id for c in choose_questions(bank, 3, asked={1, 4})] == [2, 1, 3]


def test_similarity_ranks_within_a_slot_after_position_and_difficulty_ties_by_usage_then_id():
    bank = [
        q(1, "behavioral", "medium"),
        q(2, "behavioral", "medium"),
        q(3, "behavioral", "hard"),
        q(4, "behavioral", "medium", used=3),
        q(5, "behavioral", "medium"),
    ]
    near = {1: 0.81, 2: 0.84, 3: 0.99, 4: 0.8404, 5: 0.83951}

    # 3 is nearest but of another difficulty; 2 and 4 tie at three decimals, 2 is less used;
    # 5 rounds to 0.840 too; a question without a vector comes last among equals.
    assert [c.id for c in choose_questions(bank, 1, similarity=near)] == [2]
    assert [
        c.id
        for c in choose_questions(bank[:2] + [q(6, "behavioral", "medium")], 1, similarity={6: 0.5})
    ] == [6]
    assert [
        c.id
        for c in choose_questions([q(7, "behavioral"), q(8, "behavioral")], 1, similarity={8: 0.1})
    ] == [8]


def test_without_a_posting_description_the_first_slot_keeps_the_plans_order():
    bank = [
        q(1, "technical", "easy", "Backend"),
        q(9, "technical", "easy", "Backend"),
        q(3, "behavioral", "medium"),
        q(4, "behavioral", "medium"),
    ]
    near = {1: 0.70, 9: 0.90, 3: 0.70, 4: 0.90}

    assert [c.id for c in choose_questions(bank, 3, similarity=near, plain_first_slot=True)] == [
        1,
        9,
        4,
    ]
    assert [c.id for c in choose_questions(bank, 3, similarity=near)] == [9, 1, 4]
