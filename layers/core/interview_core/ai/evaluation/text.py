"""Plain text handling for the offline evaluator, for Korean and English, with no model: tokens,
light stems, stop words, keyword matching and sentences. Deterministic and order-stable."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"[a-z0-9가-힣]+(?:[+#][a-z0-9+#]*)?", re.IGNORECASE)
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
# A sentence ends at . ! ? (not inside a number such as 1.2) or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?。])(?!\d)\s+|\n+")

# Particles, copulas and the endings of 하다/되다 verbs that attach to Korean nouns
# (인덱스를 -> 인덱스, 조정했습니다 -> 조정); tried longest first.
KO_SUFFIXES = tuple(
    sorted(
        {
            "에서는",
            "으로는",
            "에게서",
            "까지는",
            "이라는",
            "이라고",
            "이지만",
            "에서도",
            "으로도",
            "입니다",
            "으로",
            "에서",
            "에게",
            "한테",
            "까지",
            "부터",
            "처럼",
            "보다",
            "라고",
            "라는",
            "이나",
            "이랑",
            "하고",
            "에는",
            "와는",
            "과는",
            "이고",
            "이며",
            "였고",
            "이다",
            "은",
            "는",
            "이",
            "가",
            "을",
            "를",
            "에",
            "의",
            "도",
            "만",
            "로",
            "와",
            "과",
            "랑",
            "나",
            "요",
            "하겠습니다",
            "했습니다",
            "합니다",
            "했고",
            "해서",
            "하여",
            "하는",
            "했던",
            "하면",
            "해야",
            "하기",
            "했는데",
            "하지",
            "한",
            "할",
            "해",
            "했",
            "된",
            "되는",
            "됩니다",
            "되었습니다",
            "됐습니다",
            "되어",
            "돼서",
            "됐고",
            "되고",
            "시켜",
            "시켰습니다",
            "적인",
            "적으로",
        },
        key=lambda s: (-len(s), s),
    )
)

EN_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "then",
        "than",
        "so",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "onto",
        "about",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "you",
        "your",
        "yours",
        "he",
        "she",
        "it",
        "its",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "would",
        "could",
        "should",
        "will",
        "shall",
        "can",
        "may",
        "might",
        "must",
        "not",
        "no",
        "yes",
        "very",
        "really",
        "just",
        "also",
        "too",
        "more",
        "most",
        "much",
        "many",
        "some",
        "any",
        "all",
        "each",
        "every",
        "other",
        "such",
        "own",
        "same",
        "only",
        "both",
        "few",
        "one",
        "two",
        "three",
        "first",
        "second",
        "up",
        "down",
        "out",
        "over",
        "under",
        "again",
        "further",
        "once",
        "i'd",
        "i'm",
        "i've",
        "it's",
        "that's",
        "don't",
        "can't",
        "won't",
        "didn't",
        "doesn't",
        "isn't",
        "aren't",
        "wasn't",
        "let's",
        "tell",
        "describe",
        "time",
        "give",
        "explain",
        "walk",
        "through",
        "like",
        "well",
        "get",
        "got",
        "make",
        "made",
        "use",
        "used",
        "using",
        "thing",
        "things",
        "something",
        "way",
        "kind",
        "lot",
        "bit",
        "maybe",
        "probably",
        "actually",
        "honestly",
        "usually",
    ]
)

KO_STOP = frozenset(
    [
        "그리고",
        "그래서",
        "그러나",
        "하지만",
        "그런데",
        "또",
        "또한",
        "및",
        "등",
        "것",
        "수",
        "때",
        "저",
        "저는",
        "제가",
        "저희",
        "우리",
        "이",
        "그",
        "저것",
        "이것",
        "그것",
        "어떤",
        "어떻게",
        "무엇",
        "왜",
        "언제",
        "어디서",
        "말씀해",
        "주세요",
        "주시겠어요",
        "있다면",
        "있나요",
        "하시겠습니까",
        "하시나요",
        "했던",
        "있는",
        "없는",
        "하는",
        "한",
        "할",
        "합니다",
        "했습니다",
        "있습니다",
        "없습니다",
        "같은",
        "같이",
        "정도",
        "좀",
        "잘",
        "더",
        "많이",
        "너무",
        "아주",
        "정말",
        "진짜",
        "그냥",
        "네",
        "예",
        "음",
        "어",
        "뭐",
        "것을",
        "것이",
        "것은",
        "거",
        "게",
        "건",
        "걸",
        "경우",
        "때문에",
        "위해",
        "통해",
        "대해",
    ]
)


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


def is_hangul(token: str) -> bool:
    return bool(_HANGUL.search(token))


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A light stem: Korean particles stripped; English words cut to their first 6 letters after
    the plural s (transaction/transactions, consistent/consistency)."""
    if is_hangul(token):
        for particle in KO_SUFFIXES:
            if token.endswith(particle) and len(token) - len(particle) >= 2:
                return token[: -len(particle)]
        return token
    if len(token) > 4 and token.endswith("ies"):
        token = token[:-3] + "y"
    elif len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    return token[:6]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


@lru_cache(maxsize=4096)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    """An ASCII keyword matches at a word start (index -> indexes); a short one only as a whole word
    (ci, ks, ms); a Korean keyword anywhere, since particles attach to it (인덱스를)."""
    escaped = re.escape(normalize(keyword).strip())
    if is_hangul(keyword) or not _LATIN.search(keyword):
        return re.compile(escaped)
    if len(keyword) <= 3:
        return re.compile(rf"(?<![a-z0-9]){escaped}(?![a-z0-9])")
    return re.compile(rf"(?<![a-z0-9]){escaped}")


def keyword_in(keyword: str, normalized_text: str) -> bool:
    if not keyword.strip():
        return False
    if _keyword_pattern(keyword).search(normalized_text):
        return True
    # A multi-word English keyword also matches with its words inflected: "listened carefully".
    words = keyword.lower().split()
    if len(words) > 1 and not is_hangul(keyword):
        text_stems = {stem(t) for t in tokens(normalized_text)}
        return all(stem(w) in text_stems for w in words if w not in EN_STOP)
    return False
