"""Sentence vectors kept on disk between runs, so a re-run after review embeds nothing.

``lta-align run`` is a new process every time; without this, each run after a
round of review embedded every statement and profile phrasing again. The
vectors of the embedding model are kept in one file per model in the user's
cache folder:

* ``$LTA_ALIGN_CACHE_DIR`` when set (``off`` turns the disk cache off), else
  ``$XDG_CACHE_HOME/lta-align`` or ``~/.cache/lta-align`` (``%LOCALAPPDATA%``
  on Windows);
* the file holds a digest of each text (BLAKE2b of the model name and the
  normalised text) and its vector: never the text itself;
* at most :data:`DISK_LIMIT` vectors (the newest are kept); written like every
  output (:func:`lta_align._utils.atomic_open`: a temporary file renamed over
  the old one, so a run that stops half way leaves the previous file whole),
  readable by the user only. A file that cannot be read or written is
  ignored (the vectors are computed, as without a cache): it can never change
  a result, only the time.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import numpy as np

from .._utils import atomic_open

log = logging.getLogger(__name__)

ENV = "LTA_ALIGN_CACHE_DIR"
#: vectors kept per model file (384 float32 each: about 300 MB at the limit)
DISK_LIMIT = 200_000


def cache_dir() -> Path | None:
    """The folder of the vector files, or ``None`` when the disk cache is off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return (
            None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
        )
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "lta-align" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lta-align"


def text_key(model: str, text: str) -> bytes:
    """The digest a text's vector is kept under (16 bytes)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(model.encode() + b"\x1f" + text.encode("utf-8", "surrogatepass"))
    return h.digest()


class VectorFile:
    """The vectors of one model on disk: read once, appended to by :meth:`add`."""

    def __init__(self, model: str, dim: int) -> None:
        self.model, self.dim = model, dim
        self._rows: dict[bytes, int] | None = None
        self._loaded_from: Path | None = None
        self._keys = np.zeros(0, dtype="S16")
        self._vectors = np.zeros((0, dim), dtype=np.float32)

    @property
    def path(self) -> Path | None:
        folder = cache_dir()
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in self.model)
        return None if folder is None else folder / f"vectors-{safe}.npz"

    def _load(self) -> None:
        path = self.path
        if self._rows is not None and path == self._loaded_from:
            return
        self._rows, self._loaded_from = {}, path
        self._keys = np.zeros(0, dtype="S16")
        self._vectors = np.zeros((0, self.dim), dtype=np.float32)
        if path is None or not path.is_file():
            return
        try:
            with np.load(path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
            if keys.dtype != np.dtype("S16") or vectors.shape != (len(keys), self.dim):
                raise ValueError("unexpected layout")
        except (OSError, ValueError, KeyError) as exc:
            log.debug("vector cache %s not read (%s); starting afresh", path, exc)
            return
        self._keys, self._vectors = keys, vectors.astype(np.float32, copy=False)
        self._rows = {k: i for i, k in enumerate(keys.tolist())}

    def get(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        """The kept vectors among ``keys``."""
        self._load()
        rows = self._rows or {}
        return {k: self._vectors[rows[k]] for k in keys if k in rows}

    def add(self, keys: list[bytes], vectors: np.ndarray) -> None:
        """Keep ``vectors`` under ``keys`` and write the file (atomically)."""
        self._load()
        path = self.path
        if path is None or not keys:
            return
        assert self._rows is not None
        new = [i for i, k in enumerate(keys) if k not in self._rows]
        if not new:
            return
        all_keys = np.concatenate([self._keys, np.array([keys[i] for i in new], "S16")])
        all_vectors = np.concatenate(
            [self._vectors, np.asarray(vectors, dtype=np.float32)[new]]
        )
        if len(all_keys) > DISK_LIMIT:  # the newest are kept
            all_keys, all_vectors = all_keys[-DISK_LIMIT:], all_vectors[-DISK_LIMIT:]
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with atomic_open(path, "wb") as fh:
                np.savez(fh, keys=all_keys, vectors=all_vectors)
            os.chmod(path, 0o600)  # the user's own: vectors of their syllabi
        except OSError as exc:
            log.debug("vector cache %s not written (%s)", path, exc)
            return
        self._keys, self._vectors = all_keys, all_vectors
        self._rows = {k: i for i, k in enumerate(all_keys.tolist())}
