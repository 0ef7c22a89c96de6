"""Small private helpers: stable ids, atomic writes and the output guard."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputExistsError

MANIFEST_NAME = ".lta-align-manifest.json"


def short_hash(text: str, length: int = 8) -> str:
    """Return a stable hex digest of ``text`` (blake2b, never the salted ``hash``)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()[:length]


def sha256_file(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def atomic_open(path: str | Path, mode: str = "wb", **kwargs) -> Iterator:
    """Open a temporary file beside ``path`` and rename it into place on success.

    If the block raises (or the process is killed) the previous file at ``path``
    is left untouched and the temporary file is removed (or left as a hidden
    ``.tmp`` that never replaces anything).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file, then rename)."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)
    return Path(path)


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically, with ``\\n`` line endings."""
    return atomic_write_bytes(path, text.encode("utf-8"))


class OutputGuard:
    """Write files into an output folder without clobbering a person's edits.

    The guard keeps a manifest (``.lta-align-manifest.json``) of the SHA-256 of
    every file it wrote. A file that still has the recorded hash is lta-align's
    own, unedited output and may be replaced. A file that was changed after we
    wrote it, or that we never wrote, is refused with :class:`OutputExistsError`
    unless ``force=True``.

    Parameters
    ----------
    out_dir : str or Path
        The output folder (created if needed).
    force : bool, default=False
        Replace files even when they were edited or not written by lta-align.
    """

    def __init__(self, out_dir: str | Path, *, force: bool = False) -> None:
        self.out_dir = Path(out_dir)
        self.force = force
        self._manifest_path = self.out_dir / MANIFEST_NAME
        self._manifest: dict[str, str] = {}
        if self._manifest_path.exists():
            try:
                self._manifest = json.loads(self._manifest_path.read_text("utf-8"))
            except (OSError, ValueError):
                self._manifest = {}

    def check(self, name: str) -> Path:
        """Return the target path for ``name``, or raise if writing would lose edits."""
        target = self.out_dir / name
        if target.exists() and not self.force:
            recorded = self._manifest.get(name)
            if recorded is None or recorded != sha256_file(target):
                why = (
                    "was changed after lta-align wrote it"
                    if recorded
                    else "was not written by lta-align"
                )
                raise OutputExistsError(
                    f"Refusing to overwrite '{target}': it {why} and may hold "
                    "someone's edits. Move it away, choose another --out folder, "
                    "or pass --force (force=True) to replace it."
                )
        return target

    def write_bytes(self, name: str, data: bytes) -> Path:
        """Atomically write ``data`` as ``out_dir/name`` and record its hash."""
        target = self.check(name)
        atomic_write_bytes(target, data)
        self._manifest[name] = hashlib.sha256(data).hexdigest()
        self._save_manifest()
        return target

    def write_text(self, name: str, text: str) -> Path:
        """Atomically write UTF-8 ``text`` as ``out_dir/name``."""
        return self.write_bytes(name, text.encode("utf-8"))

    def _save_manifest(self) -> None:
        body = json.dumps(self._manifest, indent=2, sort_keys=True) + "\n"
        atomic_write_text(self._manifest_path, body)
