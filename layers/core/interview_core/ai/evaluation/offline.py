"""The offline rubric evaluator: scores each answer against its question's rubric_json with no
model and no network, and says so in evaluator_model. Deterministic: the same interview always gets
the same report, in any process.

Per answered question, five signals in [0, 1], each shown in the report:
- coverage: the rubric's criteria, each by the keywords it lists (a keyword common to most of the
  bank's questions, such as "result" or "경험", counts less than a specific one such as "index") and
  by the terms of its description; weighted by the criteria's weights;
- relevance: how much of what was said is about this question: the question's own terms and its
  rubric's (expected points included), each weighted by how specific it is to this question;
- specificity: numbers, named tools and technologies, concrete examples;
- structure: situation, action, result (or reasoning for an explanation), in Korean and English;
- substance: enough said to make a point.
Specificity, structure and length only count for an answer that is about the question (a fluent
answer about something else is not a good answer), and rubric keywords without substance are
name-dropping: they count in proportion.

Skipped questions are coverage, not weak answers: they have no score (so question statistics are
not dragged down by questions nobody answered), they are listed as not answered, and they lower the
interview's scores through the share of questions answered, not as zero-point answers. An answer
such as "I don't know" is an answer, scored as one. Sentiment is never read: it is context for the
reader, not a score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from interview_core.ai.evaluation.base import (
    CriterionScore,
    Evaluation,
    Evidence,
    InterviewRecord,
    QuestionEvaluation,
)
from interview_core.ai.evaluation.text import (
    TermWeights,
    bank_term_weights,
    content_stems,
    keyword_in,
    matched_terms,
    normalize,
    question_vocabulary,
    sentences,
    stem,
    tokens,
    word_equivalents,
)
from interview_core.domain.models import Category, Language, Question, Speaker, Transcript

MODEL_NAME = "offline-rubric-v2"

# Skipped questions lower a score by coverage: x (FLOOR + (1 - FLOOR) * share answered).
COVERAGE_FLOOR = 0.3

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NAMED = re.compile(r"(?<![\w])([A-Z][A-Za-z0-9+#.]*[A-Za-z0-9+#]|[a-z]+[A-Z0-9][A-Za-z0-9]*|[A-Za-z]+\d+[A-Za-z0-9]*)")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#.\-]*[A-Za-z0-9+#]")

_EXAMPLE = (
    "for example", "for instance", "e.g.", "such as", "in my last", "at my last", "in my previous", "last year",
    "last quarter", "a case", "once ", "예를 들어", "예컨대", "예를 들면", "예전에", "작년에", "전 회사", "이전 회사",
    "이전 프로젝트", "당시", "실제로",
)
_SITUATION = (
    "when ", "at my last", "in my previous", "last year", "we had", "there was", "the problem", "situation",
    "context", "상황", "당시", "적이 있", "작년", "예전에", "전 회사", "이전 회사", "문제가", "문의가",
)
_ACTION = (
    "first", "then", "next", "i decided", "i added", "i rewrote", "i ran", "i started", "i asked", "i built",
    "i changed", "i'd ", "i would", "we agreed", "i used", "i put", "i fixed", "i found",
    "먼저", "우선", "그다음", "다음으로", "그래서", "바꿨", "적용", "추가", "제안", "정리", "확인", "하겠습니다",
)
_OUTCOME = (
    "as a result", "result", "dropped", "reduced", "improved", "ended up", "learned", "afterwards", "since then",
    "went from", "recovered", "lifted", "cut the", "disappeared",
    "결과", "덕분에", "줄었", "줄였", "개선", "배웠", "배운", "그 뒤로", "이후", "올랐", "올렸", "사라졌",
)
_REASONING = (
    "because", "so that", "which means", "trade-off", "tradeoff", "however", "instead", "otherwise", "the cost",
    "때문", "따라서", "대신", "반면", "하지만", "그래서", "트레이드오프", "그러면",
)
_NON_ANSWER = re.compile(
    r"(don't know|do not know|not sure|no idea|can't remember|cannot remember|\bpass\b|\bskip\b|"
    r"모르겠|모릅니다|기억이 (?:잘 )?안|기억나지 않|패스|넘어가)",
    re.IGNORECASE,
)
_FILLER = re.compile(r"(?<![a-z])(um+|uh+|you know|kind of|sort of)(?![a-z])|음\.\.\.|어\.\.\.|그니까|뭐랄까", re.IGNORECASE)


@dataclass(frozen=True)
class _Signals:
    coverage: float
    relevance: float
    specificity: float
    structure: float
    substance: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(v * 100, 1) for k, v in self.__dict__.items()}


def answers_per_question(record: InterviewRecord) -> dict[int, list[Transcript]]:
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
        if target is not None and line.text.strip():
            answers[target].append(line)
    return answers


def _saturate(x: float, scale: float) -> float:
    return 1.0 - math.exp(-max(0.0, x) / scale)


def _keyword_weight(keyword: str, weights: TermWeights) -> float:
    """1 for a keyword specific to the question, down to 0.3 for one most questions share."""
    stems = [stem(t) for t in tokens(keyword)] or [keyword]
    return min(1.0, max(0.3, max(weights.weight(s) for s in stems) / 2.0))


def _criterion(
    spec: dict, answer: list[Transcript], normalized: str, answer_stems: list[str], weights: TermWeights
) -> tuple[float, list[Evidence], list[str]]:
    keywords = [str(k) for k in spec.get("keywords") or [] if str(k).strip()]
    hits = [k for k in keywords if keyword_in(k, normalized)]
    raw = sum(_keyword_weight(k, weights) for k in hits)
    described = matched_terms(answer_stems, content_stems(str(spec.get("description") or "")))
    hit_stems = {stem(t) for k in hits for t in tokens(k)}
    raw += 0.5 * sum(min(1.0, weights.weight(t) / 2.0) for t in described if t not in hit_stems)
    needed = max(2.0, 0.3 * len(keywords))
    evidence: list[Evidence] = []
    for line in answer:
        for sentence in sentences(line.text):
            lowered = normalize(sentence)
            if len(evidence) < 2 and any(keyword_in(k, lowered) for k in hits):
                evidence.append(Evidence(transcript_id=line.id, quote=sentence))
    return min(1.0, raw / needed), evidence, hits


def _relevance(question: Question, rubric: dict, answer_stems: list[str], weights: TermWeights) -> float:
    """How much of the answer is about this question. The rubric's terms (what a good answer
    contains) count fully, the question's own words half (echoing the question is not answering
    it), each by how specific it is to this question; then scaled by the share of the answer's
    words that are on the question, so a long answer about something else that touches a term or
    two stays low."""
    rubric_terms = question_vocabulary("", rubric)
    question_terms = [t for t in content_stems(question.content) if t not in rubric_terms]
    on_rubric = matched_terms(answer_stems, rubric_terms)
    on_question = [t for t in matched_terms(answer_stems, question_terms) if t not in on_rubric]
    weight = sum(weights.weight(t) for t in on_rubric) + 0.5 * sum(weights.weight(t) for t in on_question)
    vocabulary = rubric_terms + question_terms
    on_point = matched_terms(vocabulary, answer_stems)  # the answer's words that are on the question
    density = len(on_point) / len(answer_stems) if answer_stems else 0.0
    return _saturate(weight * min(1.0, density / 0.15), 8.0)


def _specificity(text: str, korean: bool) -> float:
    numbers = len(_NUMBER.findall(text))
    if korean:
        named = len({w.lower() for w in _LATIN_WORD.findall(text)})
    else:
        # Capitalised words not starting a sentence, camelCase, words with digits (p95, k6).
        named = 0
        for sentence in sentences(text):
            named += len({m for m in _NAMED.findall(sentence)[0 if not sentence[:1].isupper() else 1:]
                          if m.lower() not in ("i", "i'd", "i'm")})
    lowered = normalize(text)
    examples = sum(marker in lowered for marker in _EXAMPLE)
    return _saturate(0.45 * min(numbers, 5) + 0.3 * min(named, 6) + 0.6 * min(examples, 2), 1.4)


def _structure(text: str) -> float:
    lowered = normalize(text)
    flags = [
        any(m in lowered for m in _SITUATION) or any(m in lowered for m in _REASONING),
        any(m in lowered for m in _ACTION),
        any(m in lowered for m in _OUTCOME) or any(m in lowered for m in _REASONING),
        len(sentences(text)) >= 3,
    ]
    return sum(flags) / len(flags)


def _score_question(question: Question, answer: list[Transcript], korean: bool) -> QuestionEvaluation:
    base = QuestionEvaluation(
        question_id=question.id, question=question.content, category=question.category, answered=False
    )
    text = "\n".join(line.text.strip() for line in answer).strip()
    if not text:
        base.comment = "답변하지 않음" if korean else "Not answered"
        return base
    rubric = question.rubric_json or {}
    weights = bank_term_weights(str(question.language))
    normalized = normalize(text)
    answer_stems = content_stems(text)

    criteria: list[CriterionScore] = []
    weighted = total_weight = 0.0
    for spec in rubric.get("criteria") or []:
        score, evidence, _ = _criterion(spec, answer, normalized, answer_stems, weights)
        weight = float(spec.get("weight") or 1.0)
        criteria.append(CriterionScore(name=str(spec.get("name", "criterion")), score=round(100 * score, 1),
                                       evidence=evidence))
        weighted += weight * score
        total_weight += weight

    relevance = _relevance(question, rubric, answer_stems, weights)
    coverage = weighted / total_weight if total_weight else relevance
    words = word_equivalents(text)
    signals = _Signals(
        coverage=coverage,
        relevance=relevance,
        specificity=_specificity(text, korean),
        structure=_structure(text),
        substance=_saturate(words - 3, 30.0),
    )
    # Specificity, structure and length count only as far as the answer is about the question.
    on_topic = min(1.0, relevance / 0.6)
    value = (0.40 * signals.coverage + 0.20 * signals.relevance
             + on_topic * (0.15 * signals.specificity + 0.10 * signals.structure + 0.15 * signals.substance))
    # Keywords without substance are name-dropping: they count in proportion.
    value *= 0.45 + 0.55 * signals.substance
    non_answer = bool(_NON_ANSWER.search(text)) and words < 15
    if non_answer:
        value = min(value, 0.05)
    # Having said something is a little more than silence: 1 to 5 points, by how much was said.
    value = max(value, 0.01 + 0.04 * signals.substance)
    score = round(min(100.0, 100 * value), 1)

    evidence = _pick_evidence(criteria) or [Evidence(transcript_id=answer[0].id, quote=sentences(answer[0].text)[0])]
    return base.model_copy(update={
        "answered": True,
        "score": score,
        "criteria": criteria,
        "evidence": evidence,
        "signals": signals.as_dict(),
        "comment": _comment(signals, words, non_answer, korean),
    })


def _pick_evidence(criteria: list[CriterionScore]) -> list[Evidence]:
    picked: list[Evidence] = []
    for criterion in sorted(criteria, key=lambda c: -c.score):
        for e in criterion.evidence:
            if e not in picked and len(picked) < 3:
                picked.append(e)
    return picked


def _comment(s: _Signals, words: float, non_answer: bool, korean: bool) -> str:
    d = s.as_dict()
    if korean:
        text = (f"루브릭 충족 {d['coverage']:.0f}, 질문 관련성 {d['relevance']:.0f}, 구체성 {d['specificity']:.0f}, "
                f"구조 {d['structure']:.0f}, 분량 {d['substance']:.0f} (/100)")
        return text + ("; 답을 모른다고 함" if non_answer else "")
    text = (f"rubric coverage {d['coverage']:.0f}, relevance {d['relevance']:.0f}, specificity {d['specificity']:.0f}, "
            f"structure {d['structure']:.0f}, substance {d['substance']:.0f} (/100)")
    return text + ("; said they did not know" if non_answer else "")


def _communication(evaluations: Iterable[QuestionEvaluation], answers: dict[int, list[Transcript]]) -> float | None:
    """Clear, structured, on the point, without fillers; averaged over the answered questions."""
    scores = []
    for e in evaluations:
        if not e.answered:
            continue
        text = " ".join(line.text for line in answers[e.question_id])
        signals = e.signals
        parts = sentences(text)
        complete = 1.0 if parts and len(parts[-1]) > 3 and parts[-1][-1:] in ".!?。요다" else 0.6
        fillers = len(_FILLER.findall(text))
        relevance = signals["relevance"] / 100
        on_topic = min(1.0, relevance / 0.6)
        value = ((0.35 * signals["substance"] / 100 + 0.25 * signals["structure"] / 100 + 0.15 * complete)
                 * (0.4 + 0.6 * on_topic) + 0.25 * relevance - 0.05 * fillers)
        if e.score is not None and e.score <= 5:
            value = min(value, 0.1)
        scores.append(max(0.0, value) * 100)
    return sum(scores) / len(scores) if scores else None


def _coverage_factor(answered: int, asked: int) -> float:
    return COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * (answered / asked) if asked else 0.0


def _group(evaluations: list[QuestionEvaluation], categories: set[Category]) -> tuple[float | None, int, int]:
    """(score, answered, asked) of a group: the mean answered score scaled by the share answered;
    0 when none was answered; None when none was asked."""
    asked = [e for e in evaluations if e.category in categories]
    answered = [e.score or 0.0 for e in asked if e.answered]
    if not asked:
        return None, 0, 0
    if not answered:
        return 0.0, 0, len(asked)
    return sum(answered) / len(answered) * _coverage_factor(len(answered), len(asked)), len(answered), len(asked)


class OfflineRubricEvaluator:
    name = MODEL_NAME

    def evaluate(self, record: InterviewRecord) -> Evaluation:
        korean = record.language == Language.KO
        answers = answers_per_question(record)
        per_question = [_score_question(q, answers[q.id], korean) for q in record.questions]
        by_id = {q.id: q for q in record.questions}

        technical, _, _ = _group(per_question, {Category.TECHNICAL})
        cultural, _, _ = _group(
            per_question, {Category.BEHAVIORAL, Category.SITUATIONAL, Category.CULTURAL_FIT})
        notes: dict[str, object] = {
            "method": ("rubric coverage, relevance to the question, specificity, structure and substance of each "
                       "answer, from the bank's rubric; no language model"),
            "coverage": {"answered": sum(e.answered for e in per_question), "asked": len(per_question)},
            "skipped_questions": (f"count as coverage: scores are scaled by {COVERAGE_FLOOR} + "
                                  f"{1 - COVERAGE_FLOOR:.1f} x share answered; they get no score of their own"),
            "sentiment": "not used for any score; shown to the reader as context",
        }
        if technical is None:
            notes["technical_score"] = "no technical question was asked: taken from the other answers"
        if cultural is None:
            notes["cultural_fit_score"] = "no behavioral or cultural question was asked: taken from the other answers"
        technical = technical if technical is not None else (cultural or 0.0)
        cultural = cultural if cultural is not None else technical
        answered = [e for e in per_question if e.answered]
        communication = (_communication(per_question, answers) or 0.0) * _coverage_factor(
            len(answered), len(per_question))

        evaluation = Evaluation(
            technical_score=round(technical, 1),
            communication_score=round(communication, 1),
            cultural_fit_score=round(cultural, 1),
            summary_text="",
            questions=per_question,
            strengths=_strengths(per_question, by_id, korean),
            improvements=_improvements(per_question, by_id, korean),
            evaluator_model=MODEL_NAME,
            notes=notes,
        )
        evaluation.summary_text = _summary(evaluation, len(answered), len(per_question), korean)
        return evaluation


def _short(question: str, limit: int = 48) -> str:
    return question if len(question) <= limit else question[: limit - 1].rstrip() + "…"


def _describe(question: Question, criterion: str) -> str:
    """The rubric's own description of a criterion (in the question's language), else its name."""
    for spec in (question.rubric_json or {}).get("criteria") or []:
        if str(spec.get("name")) == criterion:
            return str(spec.get("description") or criterion.replace("_", " ")).rstrip(".")
    return criterion.replace("_", " ")


def _strengths(per_question: list[QuestionEvaluation], questions: dict[int, Question], korean: bool) -> list[str]:
    strong = sorted((e for e in per_question if e.answered and (e.score or 0) >= 60), key=lambda e: -(e.score or 0))
    lines = []
    for e in strong[:3]:
        best = max(e.criteria, key=lambda c: c.score, default=None)
        point = _describe(questions[e.question_id], best.name) if best else ""
        if korean:
            lines.append(f"'{_short(e.question)}' ({e.score:.0f}점): {point}." if point
                         else f"'{_short(e.question)}' 답변이 구체적입니다 ({e.score:.0f}점).")
        else:
            lines.append(f"'{_short(e.question)}' ({e.score:.0f}/100): {point}." if point
                         else f"'{_short(e.question)}': a specific answer ({e.score:.0f}/100).")
    return lines


def _improvements(per_question: list[QuestionEvaluation], questions: dict[int, Question], korean: bool) -> list[str]:
    lines = []
    for e in per_question:
        if len(lines) == 3:
            break
        if not e.answered:
            lines.append(f"'{_short(e.question)}'에 답변하지 않았습니다." if korean
                         else f"'{_short(e.question)}' was not answered.")
        elif (e.score or 0) < 45:
            if e.signals.get("relevance", 100) < 35:
                lines.append(f"'{_short(e.question)}': 질문과 다른 이야기를 했습니다. 질문에 직접 답하세요." if korean
                             else f"'{_short(e.question)}': the answer was about something else; answer the question.")
                continue
            weakest = min(e.criteria, key=lambda c: c.score, default=None)
            if weakest is None:
                lines.append(f"'{_short(e.question)}': 구체적인 사례와 수치를 더하세요." if korean
                             else f"'{_short(e.question)}': add a concrete example and numbers.")
            else:
                point = _describe(questions[e.question_id], weakest.name)
                lines.append(f"'{_short(e.question)}': 보완할 점 - {point} (구체적인 사례와 수치로)." if korean
                             else f"'{_short(e.question)}': to strengthen - {point}, with a concrete example.")
    return lines


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
