"""Size limits and pre-flight checks applied to every input file before parsing.

The limits protect a batch from one hostile or accidental file (a zip bomb, a
500 MB export, a binary renamed ``.md``). Each check that fails raises
:class:`~lta_align.errors.ParseError` saying what was skipped and how to raise the
limit; ``load_syllabi(..., limits=Limits(...))`` sets them.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParseError

ZIP_FORMATS = {".docx", ".xlsx", ".xlsm"}


@dataclass(frozen=True, slots=True)
class Limits:
    """Configurable input limits (raise one with ``Limits(max_file_mb=200)``).

    Attributes
    ----------
    max_file_mb : float, default=50
        Largest file read, in MB (a syllabus is rarely over 5 MB).
    max_pages : int, default=300
        Most PDF pages read; later pages are skipped with a warning.
    max_zip_ratio : float, default=100
        Largest expansion ratio of a DOCX/XLSX (unzipped size / file size);
        larger files are treated as zip bombs and skipped.
    max_unzipped_mb : float, default=300
        Largest total unzipped size of a DOCX/XLSX, in MB.
    max_text_chars : int, default=2_000_000
        Most characters of text kept from one file; the rest is skipped with a
        warning.
    """

    max_file_mb: float = 50
    max_pages: int = 300
    max_zip_ratio: float = 100
    max_unzipped_mb: float = 300
    max_text_chars: int = 2_000_000


def preflight(path: Path, limits: Limits) -> None:
    """Check ``path`` against ``limits`` before any parser touches it.

    Raises
    ------
    ParseError
        The file is empty, too large, or (for DOCX/XLSX) not a valid zip or a zip
        bomb. The message names the limit and how to raise it.
    """
    size = path.stat().st_size
    if size == 0:
        raise ParseError(
            path,
            "the file is empty (0 bytes).",
            "Check that it was saved or copied completely.",
        )
    if size > limits.max_file_mb * 1_000_000:
        raise ParseError(
            path,
            f"the file is {size / 1_000_000:.1f} MB, over the {limits.max_file_mb:g} "
            "MB limit, so it was skipped.",
            "If it really is a syllabus, raise the limit with "
            "Limits(max_file_mb=...) / --max-file-mb.",
        )
    if path.suffix.lower() in ZIP_FORMATS:
        check_zip(path, limits, size=size)


def check_zip(path: Path, limits: Limits, *, size: int | None = None) -> None:
    """Refuse a DOCX/XLSX that is not a zip archive or would expand too far."""
    size = path.stat().st_size if size is None else size
    kind = "Word" if path.suffix.lower() == ".docx" else "Excel"
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ParseError(
            path,
            f"the file is damaged: it is not a valid {kind} document "
            f"({exc.__class__.__name__}: {exc}).",
            f"Open it in {kind} and save it again, or export a fresh copy.",
        ) from exc
    if total > limits.max_unzipped_mb * 1_000_000 or (
        size and total / size > limits.max_zip_ratio and total > 10_000_000
    ):
        raise ParseError(
            path,
            f"the file would expand to {total / 1_000_000:.0f} MB "
            f"({total / max(size, 1):.0f} times its size), which looks like a zip "
            "bomb, so it was skipped.",
            "If the file is genuine, raise Limits(max_zip_ratio=..., "
            "max_unzipped_mb=...).",
        )
