"""When the interviewer asks a follow-up question, and how the offline interviewer phrases it.

After each answer the interviewer may ask up to the posting's limit of follow-ups per question
(practice: DEFAULT_LIMIT). It asks about the rubric point the answers to the question so far cover
least, when one is covered less than COVERED (a vague answer is followed up); never after what
is no attempt at an answer (silence, "I don't know", text addressed to the scorer), never once
the interview is over.

Offline, the follow-up is phrased from templates in the interview's language around the
criterion's description turned into a topic ("원인을 어떻게 찾았는지 설명한다" -> "원인을
어떻게 찾았는지 조금 더 구체적으로 말씀해 주시겠어요?"); a description that does not turn into a
topic gets a general probe for a concrete example. With a language model configured the model
phrases it from the answer instead (services.follow_up_phrasing); these templates are its
fallback. Whether to ask, and about what, is decided here either way."""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_LIMIT = 1
MAX_LIMIT = 3
# A criterion scored below this (0-100) by the offline evaluator is not yet covered.
COVERED = 50.0


@dataclass(frozen=True)
class Criterion:
    name: str
    description: str
    weight: float
    score: float  # 0-100, of the answers to the question so far


@dataclass(frozen=True)
class Decision:
    """Ask about `criterion` (asked) or not, and why (`reason`, kept in the decision log)."""

    asked: bool
    reason: str
    criterion: Criterion | None = None


def decide(
    *,
    open_for_answers: bool,
    asked_so_far: int,
    limit: int,
    answer_attempted: bool,
    criteria: list[Criterion],
    superseded: bool = False,
) -> Decision:
    """`asked_so_far` counts every follow-up of the question; `superseded`: a later line of an
    answer to it exists (a spoken answer in several lines), whose decision is the one taken."""
    if not open_for_answers:
        return Decision(False, "interview_closed")
    if superseded:
        return Decision(False, "superseded")
    if asked_so_far >= limit:
        return Decision(False, "limit_reached" if limit else "follow_ups_off")
    if not answer_attempted:
        return Decision(False, "not_attempted")
    uncovered = [c for c in criteria if c.score < COVERED]
    if not uncovered:
        return Decision(False, "covered")
    # The least covered, the heavier first among equals.
    target = min(uncovered, key=lambda c: (c.score, -c.weight, c.name))
    return Decision(True, target.name, target)


# A Korean rubric description ends in a verb: one of saying (its object is the topic), an action
# (asked as "how you do it"), or a past action (asked as "the time you did it").
_KO_SPEECH = re.compile(r"\s*(?:설명한다|말한다|제시한다|밝힌다|보여 준다|보인다|소개한다|든다)$")
_KO_ADVERB = re.compile(r"\s*(?:구체적으로|정확히|분명히|명확히|솔직하게)$")
_KO_TOPIC_END = re.compile(r"(?:을|를|지|점|와|과)$")
_KO_ACTION = re.compile(r"(\S+)한다$")
_KO_PAST = re.compile(r"(\S+)했다$")
_EN_PRONOUNS = {
    "they": "you",
    "their": "your",
    "them": "you",
    "themselves": "yourself",
    "they're": "you're",
    "candidate": "you",
    "candidate's": "your",
}
_EN_LEADING = re.compile(r"^(?:on|with|about|to|that|for)\s+", re.IGNORECASE)


def _korean_topic(description: str) -> str | None:
    text = description.strip().rstrip(".")
    if _KO_SPEECH.search(text):
        topic = _KO_ADVERB.sub("", _KO_SPEECH.sub("", text))
        return topic if _KO_TOPIC_END.search(topic) else None
    if _KO_ACTION.search(text):
        return _KO_ACTION.sub(r"\1하는 방법을", text)
    if _KO_PAST.search(text):
        return _KO_PAST.sub(r"\1하신 경험을", text)
    return None


def _english_topic(description: str) -> str | None:
    words = description.strip().rstrip(".").split()
    if len(words) < 2:
        return None
    verb = words[0].lower()
    if not verb.endswith("s") or verb.endswith("ss"):
        return None  # not a third-person verb ("Still delivered", "Learned ...")
    rest = " ".join(_EN_PRONOUNS.get(w.lower(), w) for w in words[1:])
    rest = _EN_LEADING.sub("", rest)
    return rest or None


def phrase(criterion: Criterion, language: str) -> str:
    """The offline interviewer's follow-up about a criterion, in the interview's language."""
    if language == "ko":
        topic = _korean_topic(criterion.description)
        if topic:
            return (
                f"답변 감사합니다. 한 가지만 더 여쭤볼게요. {topic} 조금 더 구체적으로 "
                "말씀해 주시겠어요?"
            )
        return (
            "답변 감사합니다. 한 가지만 더 여쭤볼게요. 실제로 어떻게 하셨는지 구체적인 예를 들어 "
            "말씀해 주시겠어요? 무엇을 했고, 왜 그렇게 했는지도 함께요."
        )
    topic = _english_topic(criterion.description)
    if topic:
        return f"Thank you. One more question on that: could you say more about {topic}?"
    return (
        "Thank you. One more question on that: could you give a concrete example of what you "
        "did, and why you did it that way?"
    )
