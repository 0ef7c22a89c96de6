"""Size limits and pre-flight checks applied to every input file.

The limits protect a batch from one hostile or accidental file (a zip bomb, a
500 MB export, a binary renamed ``.md``, a 1 MB line of text). Every limit that
is hit produces a message saying what was skipped and how to raise the limit:
a file over ``max_file_mb`` or a zip bomb raises
:class:`~lta_align.errors.ParseError` (the file is skipped and listed in
``Program.problems``); the page, text and statement limits keep the first part
of the file and add a ``warning`` row. ``load_syllabi(..., limits=Limits(...))``
and ``lta-align run --max-file-mb`` set them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TypeVar

from ..errors import ParseError
from ..model import ReadProblem

ZIP_FORMATS = {".docx", ".dotx", ".xlsx", ".xlsm"}
ZIP_BOMB_MIN_BYTES = 10_000_000
"""The expansion ratio is only checked above this unzipped size (10 MB): small
files compress well for harmless reasons (a DOCX of repeated table rows)."""

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Limits:
    """Configurable input limits (raise one with ``Limits(max_file_mb=200)``).

    The defaults are far above any real syllabus or outcome sheet; they stop
    accidents (a whole course-shell export, a scanned binder) and hostile files.

    Attributes
    ----------
    max_file_mb : float, default=50
        Largest file read, in MB (a syllabus is rarely over 5 MB). A larger file
        is skipped: "the file is 80.0 MB, over the 50 MB limit, so it was
        skipped". CLI: ``lta-align run --max-file-mb 200``.
    max_pages : int, default=300
        Most PDF pages read; later pages are skipped with a warning ("the PDF
        has 420 pages; only the first 300 were read").
    max_zip_ratio : float, default=100
        Largest expansion ratio of a DOCX/XLSX (unzipped size / file size),
        checked when the unzipped size is over 10 MB; a larger ratio is treated
        as a zip bomb and the file is skipped before anything is unpacked.
    max_unzipped_mb : float, default=300
        Largest total unzipped size of a DOCX/XLSX, in MB; a larger file is
        skipped as a zip bomb.
    max_text_chars : int, default=2_000_000
        Most characters of text kept from one file (about 600 pages); the rest
        is skipped with a warning.
    max_statement_chars : int, default=5_000
        Longest statement kept whole. A statement is a sentence or a short
        paragraph; a longer one (a 1 MB line, a table flattened into one cell)
        is cut at a word boundary, ends with " …", and a warning names it.
        This also keeps every exported cell under Excel's 32,767-character limit.
    max_seconds : float, default=120
        Longest time spent reading one file; a file still being read after it is
        skipped with the reason (a file that slow is malformed or machine-made).
        Enforced with a timer signal, so only when ``load_syllabi`` runs in the
        main thread on a system with ``SIGALRM`` (Linux, macOS) and no other
        timer is set.

    Raises
    ------
    ValueError
        A limit is not a positive number.
    """

    max_file_mb: float = 50
    max_pages: int = 300
    max_zip_ratio: float = 100
    max_unzipped_mb: float = 300
    max_text_chars: int = 2_000_000
    max_statement_chars: int = 5_000
    max_seconds: float = 120

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not (value > 0)
            ):
                raise ValueError(
                    f"Limits.{f.name} should be a positive number; got {value!r}."
                )


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
    from ._reasons import office_container_problem

    size = path.stat().st_size if size is None else size
    kind = "Word" if path.suffix.lower() in (".docx", ".dotx") else "Excel"
    with open(path, "rb") as fh:
        head = fh.read(8)
    ole = office_container_problem(path, head)
    if ole is not None:
        raise ole
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ParseError(
            path,
            f"the file is damaged: it is not a valid {kind} document (it is not "
            "a complete zip package).",
            f"Open it in {kind} and save it again, or export a fresh copy.",
        ) from exc
    if total > limits.max_unzipped_mb * 1_000_000 or (
        size and total / size > limits.max_zip_ratio and total > ZIP_BOMB_MIN_BYTES
    ):
        raise ParseError(
            path,
            f"the file would expand to {total / 1_000_000:.0f} MB "
            f"({total / max(size, 1):.0f} times its size), which looks like a zip "
            "bomb, so it was skipped.",
            "If the file is genuine, raise Limits(max_zip_ratio=..., "
            "max_unzipped_mb=...).",
        )


class OverBudget(BaseException):
    """Raised by the timer of :func:`time_budget` (a BaseException, so that the
    readers' catch-alls for parser errors let it through)."""


@contextmanager
def time_budget(seconds: float):
    """Interrupt the block with :class:`OverBudget` after ``seconds``.

    Does nothing outside the main thread, without ``SIGALRM``, or when another
    interval timer is already running (the caller's timer is left alone).
    """
    import signal
    import threading

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def _expired(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cap_text(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters at a word boundary.

    A cut text ends with ``" …"`` so readers can see it was shortened.
    """
    if len(text) <= limit:
        return text
    keep = max(limit - 2, 1)
    cut = text[:keep]
    space = cut.rfind(" ", keep * 3 // 4)
    if space > 0:
        cut = cut[:space]
    return cut.rstrip() + " …"


def cap_statements(
    statements: Iterable[_T], limits: Limits, notes: list[ReadProblem]
) -> list[_T]:
    """Cut statements longer than ``limits.max_statement_chars``, with one warning.

    Parameters
    ----------
    statements : iterable of dataclass instances with ``text`` and ``location``
        The statements (or outcome-sheet rows) of one file.
    limits : Limits
        Gives ``max_statement_chars``.
    notes : list of ReadProblem
        One ``warning`` is appended when anything was cut.

    Returns
    -------
    list
        The statements, long ones replaced by copies with the cut text.
    """
    limit = limits.max_statement_chars
    out: list[_T] = []
    cut: list[tuple[int, str]] = []
    for st in statements:
        text = st.text  # type: ignore[attr-defined]
        if len(text) > limit:
            cut.append((len(text), st.location))  # type: ignore[attr-defined]
            st = replace(st, text=cap_text(text, limit))  # type: ignore[type-var]
        out.append(st)
    if cut:
        longest, where = max(cut)
        notes.append(
            ReadProblem(
                "",
                f"{len(cut)} statement(s) were longer than {limit:,} characters and "
                f"were cut (the longest, {longest:,} characters, at {where}); a "
                "statement is usually a sentence or a short paragraph, so check the "
                "file's layout.",
                severity="warning",
                hint="Raise Limits(max_statement_chars=...) to keep them whole.",
            )
        )
    return out


_XML_ENTITY = re.compile(r"entit|amplification|\bDTD", re.IGNORECASE)


def is_xml_entity_refusal(exc: BaseException | None) -> bool:
    """Return True if ``exc`` (or what caused it) is a refusal to expand XML entities.

    DOCX and XLSX files are zipped XML. A file whose XML declares entities (an
    external entity pointing at ``/etc/passwd``, or the nested "billion laughs")
    is refused by the parsers (lxml with ``resolve_entities=False`` and its
    amplification limit, defusedxml or expat inside openpyxl); this recognises
    their errors so the message can say why.
    """
    for _ in range(5):
        if exc is None:
            return False
        if _XML_ENTITY.search(f"{type(exc).__name__} {exc}"):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def damaged_reason(kind: str, exc: BaseException) -> str:
    """Return the reason shown for a ``kind`` ("Word", "Excel") file we cannot parse."""
    if is_xml_entity_refusal(exc):
        return (
            f"the file is not a valid {kind} document: its XML declares entities (a "
            "trick used to read other files or exhaust memory), which lta-align never "
            "expands, so it was not read."
        )
    if isinstance(exc, NotImplementedError):
        return (
            f"the {kind} file is packed in a way lta-align cannot unpack (an "
            "unsupported zip compression or version, often a damaged file)."
        )
    if isinstance(exc, KeyError) and "[Content_Types].xml" not in str(exc):
        return (
            f"the file is damaged: a part the {kind} document lists is missing from it."
        )
    return f"the file is damaged: it is not a valid {kind} document."
