"""Integrity flags, never verdicts: what a reviewer should look at in an interview, each with its
evidence. An answer mostly pasted rather than typed, the window left while answering, an answer
typed faster than people type, an answer near-identical to another candidate's answer to the
same question of the same posting. No flag is an input of any score or changes any stage: people
read them and decide. No I/O.

Near-identical is measured on the text (the share of character trigrams two answers have in
common, after folding case, spacing and punctuation): it finds copied and lightly edited answers,
not the same idea in other words, and needs no language model."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel


class AnswerSignals(BaseModel):
    """What the web app measured while a typed answer was written (None: not measured)."""

    typing_ms: int | None = None  # from the first keystroke to sending
    keystrokes: int | None = None
    pasted_chars: int | None = None
    paste_events: int | None = None
    blur_events: int | None = None  # times the window or tab was left
    blur_ms: int | None = None  # time away, in all


@dataclass(frozen=True)
class SignalsOfAnswer:
    transcript_id: int
    question_id: int | None
    text: str
    signals: AnswerSignals


@dataclass(frozen=True)
class PostingAnswer:
    """A candidate's whole answer to one question (its lines joined) in a posting's interview."""

    interview_id: int
    question_id: int
    candidate_username: str
    text: str


class FlagKind(StrEnum):
    PASTED = "pasted"
    LEFT_WINDOW = "left_window"
    FAST = "fast"
    NEAR_IDENTICAL = "near_identical"


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    question_id: int | None
    transcript_id: int | None
    # The figures behind it, for the reviewer (and for the web app to phrase in its language).
    evidence: dict[str, int | float | str]


# Thresholds: generous, so that a flag is worth a reviewer's look.
PASTED_SHARE = 0.5  # at least half of the answer's characters came from pastes
PASTED_MIN_CHARS = 40
LEFT_MIN_MS = 3000  # away from the window for at least 3 s in all
FAST_MIN_CHARS = 80
# Characters per second of typing that people do not reach: about twice a fast typist's (a
# Korean syllable takes two to three keystrokes, so fewer characters per second).
FAST_CHARS_PER_SECOND = {"ko": 6.0, "en": 15.0}
NEAR_IDENTICAL_SIMILARITY = 0.8
NEAR_IDENTICAL_MIN_CHARS = 60


def answer_flags(answers: Iterable[SignalsOfAnswer], language: str) -> list[Flag]:
    flags: list[Flag] = []
    for answer in answers:
        signals, length = answer.signals, len(answer.text)
        where = {"question_id": answer.question_id, "transcript_id": answer.transcript_id}
        pasted = signals.pasted_chars or 0
        if pasted >= PASTED_MIN_CHARS and pasted >= PASTED_SHARE * length:
            flags.append(
                Flag(
                    FlagKind.PASTED,
                    **where,
                    evidence={
                        "pasted_chars": pasted,
                        "answer_chars": length,
                        "paste_events": signals.paste_events or 0,
                    },
                )
            )
        if (signals.blur_events or 0) >= 1 and (signals.blur_ms or 0) >= LEFT_MIN_MS:
            flags.append(
                Flag(
                    FlagKind.LEFT_WINDOW,
                    **where,
                    evidence={
                        "times": signals.blur_events or 0,
                        "seconds": round((signals.blur_ms or 0) / 1000, 1),
                    },
                )
            )
        typed = max(0, length - pasted)
        if typed >= FAST_MIN_CHARS and signals.typing_ms:
            per_second = typed / (signals.typing_ms / 1000)
            if per_second > FAST_CHARS_PER_SECOND.get(language, FAST_CHARS_PER_SECOND["en"]):
                flags.append(
                    Flag(
                        FlagKind.FAST,
                        **where,
                        evidence={
                            "typed_chars": typed,
                            "seconds": round(signals.typing_ms / 1000, 1),
                            "chars_per_second": round(per_second, 1),
                        },
                    )
                )
    return flags


_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _trigrams(text: str) -> frozenset[str]:
    folded = _NOT_WORD.sub(" ", text.casefold()).strip()
    return frozenset(folded[i : i + 3] for i in range(max(0, len(folded) - 2)))


@dataclass(frozen=True)
class SimilarAnswer:
    """Two candidates' answers to one question of a posting, near-identical."""

    interview_id: int
    question_id: int
    other_interview_id: int
    similarity: float
    other_candidate: str = ""


def similar_answers(
    interview_id: int, own: dict[int, str], others: Iterable[PostingAnswer]
) -> list[SimilarAnswer]:
    """Which of the interview's answers ({question id: its whole answer}) are near-identical to
    another candidate's answer to the same question (`others`: the posting's other interviews).
    Each pair once, from this interview's side."""
    grams = {q: _trigrams(text) for q, text in own.items() if len(text) >= NEAR_IDENTICAL_MIN_CHARS}
    found: list[SimilarAnswer] = []
    for other in others:
        mine = grams.get(other.question_id)
        if mine is None or other.interview_id == interview_id:
            continue
        if len(other.text) < NEAR_IDENTICAL_MIN_CHARS:
            continue
        theirs = _trigrams(other.text)
        # Jaccard similarity of the two answers' character trigrams
        score = len(mine & theirs) / len(mine | theirs) if mine and theirs else 0.0
        if score >= NEAR_IDENTICAL_SIMILARITY:
            found.append(
                SimilarAnswer(interview_id, other.question_id, other.interview_id, round(score, 3))
            )
    return found


def near_identical_flags(pairs: Iterable[SimilarAnswer]) -> list[Flag]:
    """A flag per question of the interview with a near-identical answer elsewhere in the
    posting: the most similar one named."""
    best: dict[int, SimilarAnswer] = {}
    for pair in pairs:
        if pair.question_id not in best or pair.similarity > best[pair.question_id].similarity:
            best[pair.question_id] = pair
    return [
        Flag(
            FlagKind.NEAR_IDENTICAL,
            question_id=pair.question_id,
            transcript_id=None,
            evidence={
                "similarity": pair.similarity,
                "other_interview_id": pair.other_interview_id,
                "other_candidate": pair.other_candidate,
            },
        )
        for pair in sorted(best.values(), key=lambda p: p.question_id)
    ]
