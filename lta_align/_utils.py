"""Small private helpers: stable ids, atomic writes and the output guard."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .errors import LtaAlignError, OutputExistsError

MANIFEST_NAME = ".lta-align-manifest.json"

WORKBOOK_OPEN = "the workbook is open in Excel or LibreOffice: save and close it first"
"""The reason given when a lock file sits beside a workbook."""


def lock_files(path: str | Path) -> list[Path]:
    """Return the lock files Excel (``~$name``) or LibreOffice
    (``.~lock.name#``) keep beside ``path`` while it is open."""
    path = Path(path)
    names = (f"~${path.name}", f".~lock.{path.name}#")
    return [path.with_name(n) for n in names if path.with_name(n).exists()]


def check_not_open(path: str | Path) -> None:
    """Raise :class:`LtaAlignError` when ``path`` is open in a spreadsheet or
    word processor (its lock file is beside it)."""
    found = lock_files(path)
    if found:
        raise LtaAlignError(
            f"Cannot use '{path}': {WORKBOOK_OPEN} (lock file {found[0].name})."
        )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a new file gets under the current umask (``0o666 & ~umask``)."""
    return 0o666 & ~_umask()


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (the folder or a file in it is read-only)"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return "it is a file, not a folder"
    if exc.errno == errno.EISDIR:
        return f"'{Path(exc.filename or '').name}' is a folder, not a file"
    return exc.strerror or type(exc).__name__


def output_error(folder: str | Path, exc: OSError) -> LtaAlignError:
    """One-line error naming the output folder and why it cannot be written."""
    return LtaAlignError(
        f"Cannot write to the output folder '{folder}': {_reason(exc)}. "
        "Nothing in it was changed; choose another --out folder or fix its "
        "permissions."
    )


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
        os.fchmod(fd, file_mode())  # mkstemp makes 0600: follow the umask
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
    unless ``force=True``; a workbook or document open in Excel, Word or
    LibreOffice (its lock file beside it) is refused too.

    :meth:`commit` writes a whole run: every file is built in a staging folder
    beside the output folder and moved in only when all are written; if one
    cannot be moved in, those already moved are put back, so the folder never
    mixes two runs.

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
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise LtaAlignError(
                f"Cannot write to the output folder '{self.out_dir}': it is a "
                "file, not a folder. Choose a folder for --out."
            )
        if self._manifest_path.exists():
            try:
                self._manifest = json.loads(self._manifest_path.read_text("utf-8"))
            except (OSError, ValueError):
                self._manifest = {}

    def check(self, name: str) -> Path:
        """Return the target path for ``name``, or raise if writing would lose edits."""
        target = self.out_dir / name
        if target.suffix.lower() in {".xlsx", ".docx"} and lock_files(target):
            raise OutputExistsError(
                f"Refusing to overwrite '{target}': {WORKBOOK_OPEN} (then run "
                "again; import its decisions first if reviewers typed any)."
            )
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
        return self.commit({name: data})[0]

    def write_text(self, name: str, text: str) -> Path:
        """Atomically write UTF-8 ``text`` as ``out_dir/name``."""
        return self.write_bytes(name, text.encode("utf-8"))

    def commit(self, files: Mapping[str, bytes]) -> list[Path]:
        """Write every file of ``files`` (name -> bytes), all or none.

        Every target is checked first (:meth:`check`); the files and the new
        manifest are written into a staging folder beside ``out_dir`` and then
        moved in. Returns the paths written, in the order given.

        Raises
        ------
        OutputExistsError
            A target was edited by a person or is open (nothing is written).
        LtaAlignError
            The folder cannot be written (one line naming it and the reason);
            the files already there are as they were.
        """
        targets = [self.check(name) for name in files]
        manifest = dict(self._manifest)
        manifest.update({n: hashlib.sha256(d).hexdigest() for n, d in files.items()})
        body = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
        staged = {**files, MANIFEST_NAME: body.encode("utf-8")}
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            stage = self._staging_dir()
        except OSError as exc:
            raise output_error(self.out_dir, exc) from None
        try:
            mode = file_mode()
            for name, data in staged.items():
                path = stage / "new" / name
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(path, mode)
            self._swap_in(stage, list(staged))
        except OSError as exc:
            raise output_error(self.out_dir, exc) from None
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        self._manifest = manifest
        return targets

    def _staging_dir(self) -> Path:
        """A fresh folder on the same disk as ``out_dir`` (so moves are renames)."""
        prefix = f".{self.out_dir.resolve().name}.staging-"
        try:
            return Path(tempfile.mkdtemp(prefix=prefix, dir=self.out_dir.parent))
        except OSError:
            return Path(tempfile.mkdtemp(prefix=".staging-", dir=self.out_dir))

    def _swap_in(self, stage: Path, names: list[str]) -> None:
        """Move the old files aside, the new ones in; undo everything on error."""
        (stage / "old").mkdir()
        moved_old: list[str] = []
        moved_new: list[str] = []
        try:
            for name in names:
                target = self.out_dir / name
                if target.exists() or target.is_symlink():
                    os.replace(target, stage / "old" / name)
                    moved_old.append(name)
            for name in names:
                os.replace(stage / "new" / name, self.out_dir / name)
                moved_new.append(name)
        except BaseException:  # an error or Ctrl-C: put the previous run back
            for name in moved_new:
                try:
                    os.unlink(self.out_dir / name)
                except OSError:
                    pass
            for name in moved_old:
                try:
                    os.replace(stage / "old" / name, self.out_dir / name)
                except OSError:
                    pass
            raise
        _fsync_dir(self.out_dir)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
