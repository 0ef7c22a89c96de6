"""Safe cell text: the one formula-injection guard of every exported table.

Syllabus text is untrusted. Text that a spreadsheet could evaluate (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or their full-width
forms) gets a visible leading single quote ``'``, the OWASP "CSV injection"
advice, in the Excel workbooks and in the CSV tables alike.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["FORMULA_START", "MAX_CELL", "neutralise_formula", "safe_cell_text"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Starts of text that Excel, LibreOffice or Google Sheets may run as a formula."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32_000


def neutralise_formula(text: str) -> str:
    """Return ``text`` with a leading ``'`` when a spreadsheet would run it."""
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_cell_text(value: Any) -> str:
    """Return ``value`` as text that no spreadsheet evaluates as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return (or a
    full-width ``= + - @``) gets a leading single quote; control characters that
    XML cannot hold are removed; very long text is cut at 32,000 characters
    (Excel's cell limit is 32,767).

    Parameters
    ----------
    value : object
        Anything; ``None`` and NaN become ``""``.

    Returns
    -------
    str
        Never starts with ``= + - @``, tab or CR.

    Examples
    --------
    >>> safe_cell_text('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell_text("Catalog with MARC")
    'Catalog with MARC'
    """
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    text = _ILLEGAL.sub("", str(value))
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "\u2026"
    return neutralise_formula(text)
