"""The offline rubric evaluator on its own merits: it orders answers as a careful reader would,
quotes only what was said, and gives the same report twice."""

from __future__ import annotations

from datetime import UTC, datetime

from interview_core.ai.evaluation.base import InterviewRecord
from interview_core.ai.evaluation.offline import MODEL_NAME, OfflineRubricEvaluator
from interview_core.domain.models import Question, Transcript

RUBRIC = {
    "criteria": [
        {
            "name": "indexing",
            "weight": 0.6,
            "keywords": ["index", "b-tree", "explain", "query plan", "인덱스"],
        },
        {"name": "impact", "weight": 0.4, "keywords": ["latency", "ms", "%", "measured", "개선"]},
    ]
}
CULTURE = {
    "criteria": [
        {"name": "teamwork", "weight": 1.0, "keywords": ["team", "feedback", "together", "협업"]}
    ]
}


def _question(id: int, category: str, rubric: dict) -> Question:
    return Question(
        id=id,
        content=f"Question {id}?",
        category=category,
        difficulty="medium",
        rubric_json=rubric,
        vector_id=None,
        position=None,
        language="en",
        usage_count=0,
        avg_score=None,
        is_active=True,
    )


def _record(answers: dict[int, str]) -> InterviewRecord:
    questions = [_question(1, "technical", RUBRIC), _question(2, "cultural_fit", CULTURE)]
    lines, order = [], 0
    for question in questions:
        order += 1
        lines.append(
            Transcript(
                id=order,
                interview_id=1,
                speaker="AI",
                text=question.content,
                timestamp=datetime.now(UTC),
                sentiment_score=None,
                emotion=None,
                question_id=question.id,
                order=order,
            )
        )
    for question_id, text in answers.items():
        order += 1
        lines.append(
            Transcript(
                id=order,
                interview_id=1,
                speaker="User",
                text=text,
                timestamp=datetime.now(UTC),
                sentiment_score=None,
                emotion=None,
                question_id=question_id,
                order=order,
            )
        )
    return InterviewRecord(
        interview_id=1,
        position="Backend Developer",
        language="en",
        questions=questions,
        transcripts=lines,
    )


STRONG = (
    "First I ran EXPLAIN to read the query plan, then added a B-tree index on the customer column. "
    "As a result p95 latency dropped from 480 ms to 35 ms, which I measured in Grafana for a week."
)
AVERAGE = "I would add an index because queries get faster with an index."
WEAK = "I am not sure, maybe restart the server."


def test_answers_are_ordered_strong_average_weak_empty():
    evaluator = OfflineRubricEvaluator()
    scores = [
        evaluator.evaluate(_record({1: text} if text else {})).technical_score
        for text in (STRONG, AVERAGE, WEAK, "")
    ]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4
    assert scores[-1] == 0


def test_keyword_dropping_without_substance_is_not_rewarded():
    evaluator = OfflineRubricEvaluator()
    dropped = evaluator.evaluate(_record({1: "index b-tree explain latency ms"})).technical_score
    assert dropped < evaluator.evaluate(_record({1: STRONG})).technical_score / 2


def test_every_quote_is_really_in_the_transcript_and_names_its_line():
    record = _record(
        {1: STRONG, 2: "We worked together as a team and I asked for feedback weekly."}
    )
    evaluation = OfflineRubricEvaluator().evaluate(record)
    text_of = {t.id: t.text for t in record.transcripts}
    quotes = [e for q in evaluation.questions for e in q.evidence]
    assert quotes
    for evidence in quotes:
        assert evidence.quote in text_of[evidence.transcript_id]


def test_the_report_says_who_wrote_it_and_is_the_same_twice():
    record = _record({1: STRONG})
    first, second = (
        OfflineRubricEvaluator().evaluate(record),
        OfflineRubricEvaluator().evaluate(record),
    )
    assert first.evaluator_model == MODEL_NAME
    assert first.details_json() == second.details_json()
    assert "offline rubric evaluator" in first.summary_text


def test_unanswered_questions_are_marked_and_have_no_score_for_statistics():
    evaluation = OfflineRubricEvaluator().evaluate(_record({1: STRONG}))
    unanswered = next(q for q in evaluation.questions if q.question_id == 2)
    assert not unanswered.answered and unanswered.score is None
    assert evaluation.cultural_fit_score == 0
