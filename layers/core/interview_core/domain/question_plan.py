"""Which bank questions an interview asks, and in what order.

The plan walks from technical to cultural questions, with the technical ones rising in
difficulty. For each slot it prefers, in this order:

1. a question the candidate was not asked in an earlier interview (one already asked is used
   only when the category has nothing else left),
2. the position's own questions over general ones,
   then an organization's own questions over the curated bank's (a real interview's pool),
3. the slot's difficulty (the nearest one otherwise),
4. when similarities are given, the question nearest to the job posting (cosine, rounded to
   three decimals so that noise in the last digits never decides); questions without a vector
   come after those with one,
5. the least used, then the oldest (lowest id).

It is deterministic given its inputs. `plain_first_slot` leaves similarity out of the first slot:
an interview without a job posting description opens with the position's easiest technical
question, as the seed's curl flow expects (question 1 on a fresh database).
"""

from collections.abc import Collection, Mapping, Sequence

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


def choose_questions(
    candidates: Sequence[Question],
    count: int,
    *,
    asked: Collection[int] = (),
    similarity: Mapping[int, float] | None = None,
    plain_first_slot: bool = False,
) -> list[Question]:
    asked = set(asked)
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
        ranked = (
            similarity if similarity is not None and not (plain_first_slot and not chosen) else None
        )

        def key(
            q: Question,
            difficulty: Difficulty = difficulty,
            ranked: Mapping[int, float] | None = ranked,
        ):
            near: tuple[int, float] = (0, 0.0)
            if ranked is not None:
                value = ranked.get(q.id)
                near = (0, -round(value, 3)) if value is not None else (1, 0.0)
            return (
                q.id in asked,
                q.position is None,
                q.organization_id is None,
                abs(_DIFFICULTY_RANK[q.difficulty] - _DIFFICULTY_RANK[difficulty]),
                near,
                q.usage_count,
                q.id,
            )

        best = min(in_category, key=key)
        chosen.append(best)
        remaining.remove(best)
    return chosen
