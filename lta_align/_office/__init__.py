"""What every Office file lta-align writes shares: safe cell text, fixed zip
layout and properties (deterministic bytes), and the status colours."""

from __future__ import annotations

from ._palette import (
    FILL,
    FONT_COLOUR,
    HEADER_FILL,
    PROGRAM_STATUS_COLOURS,
    STATUS_COLOURS,
)
from ._sheet import Sheet, dropdown, print_setup
from ._text import FORMULA_START, MAX_CELL, neutralise_formula, safe_cell_text
from ._zip import (
    fix_document_properties,
    fix_workbook_properties,
    normalise_zip,
    saved_bytes,
)

__all__ = [
    "FILL",
    "FONT_COLOUR",
    "FORMULA_START",
    "HEADER_FILL",
    "MAX_CELL",
    "PROGRAM_STATUS_COLOURS",
    "STATUS_COLOURS",
    "Sheet",
    "dropdown",
    "print_setup",
    "fix_document_properties",
    "fix_workbook_properties",
    "neutralise_formula",
    "normalise_zip",
    "safe_cell_text",
    "saved_bytes",
]
