"""Which bank questions an interview asks, and in what order.

The plan walks from technical to cultural questions, with the technical ones rising in
difficulty. For each slot it prefers the position's own questions over general ones, then the
least used, then the oldest: a deterministic choice that spreads use across the bank.
"""

from collections.abc import Sequence

from interview_core.domain.models import Category, Difficulty, Question

C = Category
D = Difficulty

# (category, preferred difficulty) per slot, in asking order; repeats as needed.
_PLAN: list[tuple[Category, Difficulty]] = [
    (C.TECHNICAL, D.EASY),
    (C.TECHNICAL, D.MEDIUM),
    (C.BEHAVIORAL, D.MEDIUM),
    (C.SITUATIONAL, D.MEDIUM),
    (C.CULTURAL_FIT, D.EASY),
    (C.TECHNICAL, D.HARD),
    (C.BEHAVIORAL, D.EASY),
    (C.SITUATIONAL, D.HARD),
    (C.CULTURAL_FIT, D.MEDIUM),
]
_DIFFICULTY_RANK = {D.EASY: 0, D.MEDIUM: 1, D.HARD: 2}


def choose_questions(candidates: Sequence[Question], count: int) -> list[Question]:
    remaining = list(candidates)
    chosen: list[Question] = []
    slot = 0
    while remaining and len(chosen) < count:
        category, difficulty = _PLAN[slot % len(_PLAN)]
        slot += 1
        in_category = [q for q in remaining if q.category == category]
        if not in_category:
            if slot > 2 * len(_PLAN):  # no category left with questions: take what is there
                in_category = remaining
            else:
                continue
        best = min(
            in_category,
            key=lambda q: (
                q.position is None,
                abs(_DIFFICULTY_RANK[q.difficulty] - _DIFFICULTY_RANK[difficulty]),
                q.usage_count,
                q.id,
            ),
        )
        chosen.append(best)
        remaining.remove(best)
    return chosen
