"""How the alignment workbook prints: readable text, headers on every page.

Each sheet prints landscape on US Letter with narrow margins, over a print area
that leaves out helper columns (ids kept for sorting and import), with its
header row repeated on every page. A sheet narrow enough to print at
:data:`MIN_FIT_SCALE` or more is fitted to one page wide; a wider one is never
shrunk below :data:`WIDE_SCALE`: it runs across pages, repeating its title
columns, so printed text stays at 9 pt or more (11 pt cells). Header cells get
the width of their longest word (no "ambiguou/s") and a row tall enough for
their wrapped lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PRINTABLE_WIDTH_PT = 11 * 72 - 2 * 0.4 * 72  # landscape Letter, 0.4 in margins
MIN_FIT_SCALE = 0.78
"""Fit a sheet to one page wide only if that keeps text at >= 0.78 x 11 pt."""
WIDE_SCALE = 85
"""Print scale (percent) of a sheet too wide to fit: about 9.4 pt text."""


@dataclass(frozen=True)
class PrintLayout:
    """Print settings of one sheet.

    ``header_row``: the row repeated on every page; ``last_col``: the last
    column printed (``None``: all); ``title_cols``: columns repeated at the left
    of every page when the sheet runs across pages (``"A:B"``);
    ``repeat_header``: False for a sheet whose table starts below a preamble.
    """

    header_row: int = 1
    last_col: int | None = None
    title_cols: str | None = None
    repeat_header: bool = True


def _width_pt(ws: Any, first: int, last: int) -> float:
    from openpyxl.utils import get_column_letter

    total = 0.0
    for j in range(first, last + 1):
        w = ws.column_dimensions[get_column_letter(j)].width or 8.43
        # Excel prints a width unit as about 5.3 pt, LibreOffice (Carlito for
        # Calibri) as about 6.5 pt: plan for the wider one
        total += w * 6.5
    return total


def fit_header(ws: Any, row: int, last_col: int) -> None:
    """Widen header columns to their longest word; make the row tall enough."""
    from openpyxl.utils import get_column_letter

    lines = 1
    for j in range(1, last_col + 1):
        value = ws.cell(row=row, column=j).value
        if not isinstance(value, str) or not value:
            continue
        dim = ws.column_dimensions[get_column_letter(j)]
        longest = max(len(w) for w in value.split())
        need = longest * 1.1 + 1.2  # bold header text
        if (dim.width or 8.43) < need:
            dim.width = need
        per_line = max(1, int(((dim.width or 8.43) - 1.2) / 1.1))
        words, used, n = value.split(), 0, 1
        for w in words:
            if used and used + 1 + len(w) > per_line:
                n, used = n + 1, 0
            used = len(w) if not used else used + 1 + len(w)
        lines = max(lines, n)
    height = 4 + 15 * lines
    if (ws.row_dimensions[row].height or 15) < height:
        ws.row_dimensions[row].height = height


def apply_print_layout(ws: Any, layout: PrintLayout) -> None:
    """Set print area, orientation, margins, scale and repeated titles."""
    from openpyxl.utils import get_column_letter

    last = layout.last_col or ws.max_column
    fit_header(ws, layout.header_row, last)
    ws.print_area = f"A1:{get_column_letter(last)}{max(ws.max_row, 1)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    margins = ws.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.5
    margins.header = margins.footer = 0.25
    ws.print_options.gridLines = False
    if layout.repeat_header:
        ws.print_title_rows = f"{layout.header_row}:{layout.header_row}"
    scale = PRINTABLE_WIDTH_PT / max(_width_pt(ws, 1, last), 1.0)
    if scale >= 1:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = 100
    elif scale >= MIN_FIT_SCALE:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = WIDE_SCALE
        ws.page_setup.order = "overThenDown"
        if layout.title_cols:
            ws.print_title_cols = layout.title_cols
    ws.oddFooter.center.text = "&A \u2014 page &P of &N"
