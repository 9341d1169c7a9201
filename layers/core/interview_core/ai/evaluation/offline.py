"""The offline rubric evaluator: scores each answer against its question's rubric_json with no
model and no network, and says so in evaluator_model. It is deterministic: the same interview
always gets the same report.

Per answered question:  rubric coverage (share of each criterion's keywords the answer uses),
specificity (numbers, durations, named tools), and substance (enough words to make a point).
Communication: answer length, structure (first/then/result), few fillers, across all answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from interview_core.ai.evaluation.base import (
    CriterionScore,
    Evaluation,
    Evidence,
    InterviewRecord,
    QuestionEvaluation,
)
from interview_core.domain.models import Category, Language, Question, Speaker, Transcript

MODEL_NAME = "offline-rubric-v1"

_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|퍼센트|년|개월|명|배|ms|초|분|시간|x|k|m)?", re.IGNORECASE)
_STRUCTURE = (
    "first", "then", "finally", "as a result", "because", "so that", "for example", "result",
    "먼저", "그리고", "그래서", "결과", "예를 들어", "때문에", "마지막으로", "우선", "이후",
)
_FILLERS = ("um", "uh", "you know", "like,", "음", "어...", "그니까", "뭐랄까")
_WORD = re.compile(r"[\w가-힣]+", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _answers_per_question(record: InterviewRecord) -> dict[int, list[Transcript]]:
    """Answers tagged with a question id go to it; an untagged answer goes to the question the
    AI asked last before it."""
    asked = {q.id for q in record.questions}
    answers: dict[int, list[Transcript]] = {q.id: [] for q in record.questions}
    current: int | None = None
    for line in sorted(record.transcripts, key=lambda t: t.order):
        if line.speaker == Speaker.AI:
            current = line.question_id if line.question_id in asked else current
            continue
        target = line.question_id if line.question_id in asked else current
        if target is not None:
            answers[target].append(line)
    return answers


def _criterion_score(keywords: list[str], answer: list[Transcript]) -> tuple[float, list[Evidence]]:
    found: set[str] = set()
    evidence: list[Evidence] = []
    for line in answer:
        lowered = line.text.lower()
        hits = [k for k in keywords if k and k.lower() in lowered]
        if not hits:
            continue
        found.update(hits)
        for sentence in _sentences(line.text):
            if any(k.lower() in sentence.lower() for k in hits) and len(evidence) < 3:
                evidence.append(Evidence(transcript_id=line.id, quote=sentence))
    needed = max(2, math.ceil(len(keywords) * 0.35))
    return min(1.0, len(found) / needed) * 100, evidence


def _specificity(text: str) -> float:
    numbers = len(_NUMBER.findall(text))
    named = len(re.findall(r"\b[A-Z][A-Za-z0-9+#.]{1,}\b", text))
    return min(1.0, 0.35 * numbers + 0.2 * named) * 100


def _substance(word_count: int) -> float:
    """0 for a word or two, full marks from about 40 words on."""
    return min(1.0, max(0.0, (word_count - 2) / 38)) * 100


def _score_question(question: Question, answer: list[Transcript]) -> QuestionEvaluation:
    base = QuestionEvaluation(
        question_id=question.id, question=question.content, category=question.category, answered=False
    )
    text = " ".join(line.text for line in answer).strip()
    if not text:
        base.comment = "Not answered"
        return base
    criteria_spec = question.rubric_json.get("criteria") or []
    criteria: list[CriterionScore] = []
    weighted = 0.0
    total_weight = 0.0
    for spec in criteria_spec:
        score, evidence = _criterion_score(list(spec.get("keywords") or []), answer)
        weight = float(spec.get("weight") or 1.0)
        criteria.append(CriterionScore(name=str(spec.get("name", "criterion")), score=round(score, 1), evidence=evidence))
        weighted += weight * score
        total_weight += weight
    coverage = weighted / total_weight if total_weight else 50.0
    words = len(_words(text))
    substance = _substance(words)
    specificity = _specificity(text)
    # Without substance, keywords alone are name-dropping: coverage counts in proportion.
    score = 0.6 * coverage * (0.4 + 0.6 * substance / 100) + 0.2 * specificity + 0.2 * substance
    evidence = [e for c in criteria for e in c.evidence][:3] or [
        Evidence(transcript_id=answer[0].id, quote=_sentences(answer[0].text)[0])
    ]
    return base.model_copy(
        update={
            "answered": True,
            "score": round(min(100.0, score), 1),
            "criteria": criteria,
            "evidence": evidence,
            "comment": f"{words} words; rubric coverage {coverage:.0f}/100; specificity {specificity:.0f}/100",
        }
    )


def _communication(answers: Iterable[Transcript]) -> float:
    texts = [a.text for a in answers if a.text.strip()]
    if not texts:
        return 0.0
    scores = []
    for text in texts:
        lowered = text.lower()
        substance = _substance(len(_words(text)))
        structure = min(1.0, sum(marker in lowered for marker in _STRUCTURE) / 2) * 100
        fillers = sum(lowered.count(f) for f in _FILLERS)
        sentences = _sentences(text)
        complete = 100.0 if sentences and len(sentences[-1]) > 3 else 50.0
        scores.append(max(0.0, 0.5 * substance + 0.3 * structure + 0.2 * complete - 10 * fillers))
    return sum(scores) / len(scores)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


class OfflineRubricEvaluator:
    name = MODEL_NAME

    def evaluate(self, record: InterviewRecord) -> Evaluation:
        answers = _answers_per_question(record)
        per_question = [_score_question(q, answers[q.id]) for q in record.questions]
        by_id = {q.id: q for q in record.questions}

        def group_score(categories: set[Category]) -> float | None:
            # An unanswered question counts as 0 here: it was a chance to show the skill.
            return _mean([e.score or 0.0 for e in per_question if by_id[e.question_id].category in categories])

        technical = group_score({Category.TECHNICAL})
        cultural = group_score({Category.BEHAVIORAL, Category.SITUATIONAL, Category.CULTURAL_FIT})
        notes: dict[str, str] = {}
        if technical is None:
            notes["technical_score"] = "no technical question was asked: taken from the other answers"
        if cultural is None:
            notes["cultural_fit_score"] = "no behavioral or cultural question was asked: taken from the other answers"
        technical = technical if technical is not None else (cultural or 0.0)
        cultural = cultural if cultural is not None else technical
        user_lines = [t for t in record.transcripts if t.speaker == Speaker.USER]
        communication = _communication(user_lines)

        answered = [e for e in per_question if e.answered]
        strong = sorted((e for e in answered if (e.score or 0) >= 60), key=lambda e: -(e.score or 0))
        weak = [e for e in per_question if not e.answered or (e.score or 0) < 40]
        korean = record.language == Language.KO
        strengths = [_strength_line(e, korean) for e in strong[:3]]
        improvements = [_improvement_line(e, korean) for e in weak[:3]]
        evaluation = Evaluation(
            technical_score=round(technical, 1),
            communication_score=round(communication, 1),
            cultural_fit_score=round(cultural, 1),
            summary_text="",
            questions=per_question,
            strengths=strengths,
            improvements=improvements,
            evaluator_model=MODEL_NAME,
            notes={"method": "keyword rubric coverage, specificity and substance; no language model", **notes},
        )
        evaluation.summary_text = _summary(evaluation, len(answered), len(per_question), korean)
        return evaluation


def _strength_line(e: QuestionEvaluation, korean: bool) -> str:
    return (f"'{e.question}' 답변이 구체적입니다 ({e.score:.0f}점)." if korean
            else f"Specific answer to '{e.question}' ({e.score:.0f}/100).")


def _improvement_line(e: QuestionEvaluation, korean: bool) -> str:
    if not e.answered:
        return f"'{e.question}'에 답변하지 않았습니다." if korean else f"'{e.question}' was not answered."
    return (f"'{e.question}' 답변에 루브릭의 핵심 요소와 구체적인 사례를 더하세요." if korean
            else f"Cover the rubric's key points with a concrete example in '{e.question}'.")


def _summary(e: Evaluation, answered: int, asked: int, korean: bool) -> str:
    if korean:
        text = (f"{asked}개 질문 중 {answered}개에 답변했습니다. 기술 {e.technical_score:.0f}점, "
                f"의사소통 {e.communication_score:.0f}점, 컬처핏 {e.cultural_fit_score:.0f}점, "
                f"종합 {e.overall_score:.0f}점입니다.")
    else:
        text = (f"Answered {answered} of {asked} questions. Technical {e.technical_score:.0f}, "
                f"communication {e.communication_score:.0f}, cultural fit {e.cultural_fit_score:.0f}, "
                f"overall {e.overall_score:.0f}.")
    if e.strengths:
        text += (" 강점: " if korean else " Strengths: ") + " ".join(e.strengths)
    if e.improvements:
        text += (" 개선점: " if korean else " To improve: ") + " ".join(e.improvements)
    suffix = " (오프라인 루브릭 평가기로 작성)" if korean else " (written by the offline rubric evaluator)"
    return text + suffix
