"""Plain-word reasons for files that cannot be read.

Every failure of a third-party parser (python-docx, openpyxl, pypdf,
pdfplumber, html.parser, zipfile) ends here and becomes a
:class:`~lta_align.errors.ParseError` whose reason a faculty member can act on;
Python exception names never reach the reason.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import ParseError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""First bytes of an OLE compound file: an old .doc/.xls, or a password-protected
.docx/.xlsx (Office encrypts those into an OLE container)."""

_KIND = {
    ".docx": ("Word", "Word", ".docx"),
    ".dotx": ("Word", "Word", ".docx"),
    ".xlsx": ("Excel", "Excel", ".xlsx"),
    ".xlsm": ("Excel", "Excel", ".xlsx"),
    ".pdf": ("PDF", "a PDF viewer", ".pdf"),
    ".html": ("web page", "a browser", ".html"),
    ".htm": ("web page", "a browser", ".html"),
    ".csv": ("CSV", "a spreadsheet program", ".csv"),
}


def _kind(path: Path) -> tuple[str, str, str]:
    return _KIND.get(path.suffix.lower(), ("text", "a text editor", ".txt"))


def office_container_problem(path: Path, head: bytes) -> ParseError | None:
    """Return the error for a .docx/.xlsx that is an OLE container, else None.

    Office saves a password-protected .docx/.xlsx as an encrypted OLE file (its
    directory names the ``EncryptionInfo`` stream); an OLE file without it is an
    old .doc/.xls given the new extension.
    """
    if not head.startswith(OLE_MAGIC):
        return None
    kind, app, ext = _kind(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(4_000_000)
    except OSError:
        data = head
    if "EncryptionInfo".encode("utf-16-le") in data:
        return ParseError(
            path,
            "the file is password-protected (encrypted), so its text cannot be read.",
            f"Open it in {app} with the password, remove the password (File > Info "
            f"> Protect > Encrypt with Password, clear it) and save; or save an "
            f"unprotected copy as {ext}.",
        )
    old = ".doc" if kind == "Word" else ".xls"
    return ParseError(
        path,
        f"the file is an old {kind} {old} file with a {path.suffix} name.",
        f"Open it in {app} and save it as {ext} (File > Save As).",
    )


def read_failure(path: Path, exc: BaseException) -> ParseError:
    """Return the plain-word :class:`ParseError` for ``exc`` raised reading ``path``."""
    kind, app, ext = _kind(path)
    an = "an" if kind[0] in "AEIOU" else "a"
    again = f"Open it in {app} and save it again as {ext}, then run again."
    if isinstance(exc, NotImplementedError) or (
        isinstance(exc, zipfile.BadZipFile) and "compression" in str(exc).lower()
    ):
        return ParseError(
            path,
            f"the {kind} file is packed in a way lta-align cannot unpack (an "
            "unsupported zip compression or version, often a damaged file).",
            again,
        )
    if isinstance(exc, MemoryError):
        return ParseError(
            path,
            f"the {kind} file needs more memory to read than is available.",
            "Split it into smaller files, or run on a machine with more memory.",
        )
    if isinstance(exc, RecursionError):
        return ParseError(
            path,
            f"the {kind} file is nested too deeply to read (a damaged or "
            "machine-made file).",
            again,
        )
    if isinstance(exc, zipfile.BadZipFile | EOFError):
        return ParseError(
            path, f"the file is damaged: it is not a valid {kind} document.", again
        )
    return ParseError(
        path,
        f"the file could not be read: it is damaged or not {an} {kind} document "
        "lta-align understands.",
        again,
    )
