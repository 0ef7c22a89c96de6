"""Read PDF syllabi through their text layer (pypdf)."""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter
from pathlib import Path

from ..errors import ParseError
from ..model import ReadProblem
from ._blocks import Block, note, parse_lines

_PAGE_NO = re.compile(r"\bpage\s+\d+(\s+of\s+\d+)?\b|^\s*-?\s*\d{1,3}\s*-?\s*$", re.I)
_DIGITS = re.compile(r"\d+")


class _Collect(logging.Handler):
    """Collect pypdf's log records while one file is read (instead of printing)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _damaged(path: Path, exc: BaseException) -> ParseError:
    return ParseError(
        path,
        f"the PDF is damaged or not a PDF ({exc.__class__.__name__}: {exc}).",
        "Open it in a PDF viewer and save or export it again.",
    )


def read_pdf(
    path: Path, *, notes: list[ReadProblem], max_pages: int, max_chars: int
) -> list[Block]:
    """Read the text layer of a PDF into blocks located by page.

    Running headers and footers (lines repeated on most pages, "Page 2 of 3")
    are dropped.

    Raises
    ------
    ParseError
        The PDF is password-protected, damaged, or has no text layer (a scan).
    """
    from pypdf import PdfReader

    # pypdf reports repairable damage through logging (logger "pypdf.*") and
    # sometimes warnings; keep both out of the user's console for this read and
    # turn them into one info note instead.
    collect = _Collect()
    pypdf_logger = logging.getLogger("pypdf")
    propagate = pypdf_logger.propagate
    pypdf_logger.addHandler(collect)
    pypdf_logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pages = _extract(path, PdfReader, notes, max_pages, max_chars)
    finally:
        pypdf_logger.removeHandler(collect)
        pypdf_logger.propagate = propagate
    messages = collect.messages + [str(w.message) for w in caught]
    if messages:
        notes.append(
            note(
                f"the PDF has {len(messages)} structural problem(s) that were repaired "
                f"while reading (first: {messages[0]}).",
                "If text is missing, export the PDF again.",
                severity="info",
            )
        )

    if sum(ch.isalnum() for t in pages for ch in t) < 10:
        raise ParseError(
            path,
            "the PDF has no text layer (a scanned image).",
            "Run OCR (e.g. in Acrobat or ocrmypdf) and try again.",
        )
    page_lines = [t.split("\n") for t in pages]
    repeated = _running_lines(page_lines)
    lines: list[tuple[str, str]] = []
    for number, page in enumerate(page_lines, start=1):
        for line in page:
            if not line.strip():
                continue
            key = _DIGITS.sub("#", line.strip())
            if key in repeated or _PAGE_NO.search(line) and len(line.split()) <= 12:
                continue
            lines.append((f"page {number}", line))
    return parse_lines(lines, loose=True)


def _extract(path, reader_cls, notes, max_pages, max_chars) -> list[str]:
    try:
        reader = reader_cls(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means we cannot open it
                ok = 0
            if not ok:
                raise ParseError(
                    path,
                    "the PDF is password-protected.",
                    "Save an unprotected copy and try again.",
                )
        n_pages = len(reader.pages)
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on bad input
        raise _damaged(path, exc) from exc
    if n_pages > max_pages:
        notes.append(
            note(
                f"the PDF has {n_pages} pages; only the first {max_pages} were read.",
                "Raise Limits(max_pages=...) to read more.",
            )
        )
    texts: list[str] = []
    total = 0
    for index in range(min(n_pages, max_pages)):
        try:
            text = reader.pages[index].extract_text() or ""
        except Exception as exc:  # noqa: BLE001
            notes.append(note(f"page {index + 1} could not be read ({exc}); skipped."))
            text = ""
        texts.append(text)
        total += len(text)
        if total > max_chars:
            break
    return texts


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (digits ignored) repeated at the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [ln.strip() for ln in page if ln.strip()]
        edge = set(lines[:2] + lines[-2:])
        counts.update(_DIGITS.sub("#", ln) for ln in edge)
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, n in counts.items() if n >= need}
