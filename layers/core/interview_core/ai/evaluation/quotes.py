"""Whether a quote the language model cites is really something the candidate said.

Quote and line are compared folded: NFC, then NFKC per character, casefolded, typographic quotes,
apostrophes and dashes made plain, invisible format characters dropped, every run of white space
(line breaks included) one space; the quote also loses the quotation marks, punctuation and spaces
around it. So a correct quote with an extra space, a line break, full-width letters or curly
apostrophes passes, and the report keeps the words exactly as the line has them.

A quote must be long enough to show something: at least MIN_QUOTE_HANGUL Hangul syllables, or at
least MIN_QUOTE_CHARS characters (spaces aside) in at least MIN_QUOTE_WORDS words. "네", "yes" or a
single letter that happens to be in the answer is no evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from interview_core.ai.evaluation.base import Evidence
from interview_core.domain.models import Transcript

MIN_QUOTE_HANGUL = 4
MIN_QUOTE_CHARS = 8
MIN_QUOTE_WORDS = 2

_HANGUL = re.compile(r"[가-힣]")
# Runs of angle brackets (NFKC makes the full-width and small forms plain ones) in candidate text
# become these, so nothing a candidate says looks like the platform's <<<...>>> markers.
_MARKER_LIKE = re.compile(r"[<＜﹤]{2,}|[>＞﹥]{2,}")
_PLAIN = str.maketrans(
    {
        "‹": "<",
        "›": ">",
        "‘": "'",
        "’": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
    }
)


def neutralise(text: str) -> str:
    """Candidate text as sent to the model: the same length, with no look-alike of a marker."""
    return _MARKER_LIKE.sub(
        lambda m: ("‹" if m.group()[0] in "<＜﹤" else "›") * len(m.group()), text
    )


@dataclass(frozen=True)
class _Folded:
    original: str  # the line, NFC
    folded: str
    where: tuple[int, ...]  # for each folded character, its index in original

    def span(self, start: int, length: int) -> str:
        return self.original[self.where[start] : self.where[start + length - 1] + 1]


@lru_cache(maxsize=4096)
def _fold(text: str) -> _Folded:
    original = unicodedata.normalize("NFC", text)
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(original):
        for c in unicodedata.normalize("NFKC", char).casefold().translate(_PLAIN):
            if c.isspace():
                if not out or out[-1] == " ":
                    continue
                c = " "
            elif unicodedata.category(c) == "Cf":  # zero-width spaces and joiners
                continue
            out.append(c)
            where.append(i)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return _Folded(original, "".join(out), tuple(where))


def _is_edge(c: str) -> bool:
    return c.isspace() or c in "`'\"" or unicodedata.category(c)[0] in "PZ"


def fold_quote(quote: str) -> str:
    """The quote as it is searched for: folded, without quotation marks or punctuation around it."""
    folded = _fold(quote).folded
    start, end = 0, len(folded)
    while start < end and _is_edge(folded[start]):
        start += 1
    while end > start and _is_edge(folded[end - 1]):
        end -= 1
    return folded[start:end]


def long_enough(folded_quote: str) -> bool:
    if len(_HANGUL.findall(folded_quote)) >= MIN_QUOTE_HANGUL:
        return True
    words = folded_quote.split()
    return len(words) >= MIN_QUOTE_WORDS and sum(len(w) for w in words) >= MIN_QUOTE_CHARS


def folded_contains(text: str, phrase: str) -> bool:
    """Whether `phrase` (folded) occurs in `text` (folded): for checks on what the model wrote."""
    needle = fold_quote(phrase)
    return bool(needle) and needle in _fold(text).folded


def locate(quote: str, lines: Sequence[Transcript], cited: int | None = None) -> Evidence | str:
    """The quote as evidence from one of `lines` (the cited line first), in the line's own words;
    else why it is not evidence."""
    needle = fold_quote(quote)
    if not needle:
        return "empty quote"
    if not long_enough(needle):
        return "too short to be evidence"
    for line in sorted(lines, key=lambda t: t.id != cited):
        folded = _fold(line.text)
        at = folded.folded.find(needle)
        if at >= 0:
            return Evidence(transcript_id=line.id, quote=folded.span(at, len(needle)))
    return "not in the candidate's answer to this question"
