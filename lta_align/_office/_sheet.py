"""The small cell writer behind every lta-align workbook (alignment, evidence).

Every text goes through :func:`~lta_align._office._text.safe_cell_text`, so no
cell holds a formula; rows are sized by word wrap; print setup is shared.
"""

from __future__ import annotations

import re
from copy import copy
from typing import Any
from weakref import WeakKeyDictionary

import pandas as pd

from ._palette import HEADER_FILL
from ._text import safe_cell_text


def _wrapped_lines(text: str, per_line: int) -> int:
    """Number of lines ``text`` takes when wrapped at word boundaries."""
    lines, used = 1, 0
    for word in text.split():
        n = len(word)
        if used and used + 1 + n > per_line:
            lines, used = lines + 1, 0
        used = n if not used else used + 1 + n
        while used > per_line:  # a word longer than the line breaks anywhere
            lines, used = lines + 1, used - per_line
    return lines


#: workbook -> {style key: the StyleArray openpyxl gave the first cell styled so}
_STYLES: WeakKeyDictionary = WeakKeyDictionary()


class Sheet:
    """Thin writer around an openpyxl worksheet; every text is safe_cell_text.

    Speed: each combination of :meth:`put` options is built into openpyxl style
    objects once per workbook; later fresh cells with the same options get a
    copy of the first one's style indices, so the file is the same as if every
    cell had been styled one by one. Column widths are looked up once.
    """

    def __init__(self, ws: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = ws
        self.Font, self.PatternFill, self.Alignment = Font, PatternFill, Alignment
        self.Border, self.Side = Border, Side
        self._styles = _STYLES.setdefault(ws.parent, {})
        self._widths: dict[int, float] = {}

    def put(
        self,
        row: int,
        col: int,
        value: Any,
        *,
        bold: bool = False,
        fill: str | None = None,
        colour: str | None = None,
        wrap: bool = False,
        size: float | None = None,
        italic: bool = False,
        center: bool = False,
    ) -> Any:
        cell = self.ws.cell(row=row, column=col)
        if isinstance(value, bool):
            cell.value = "yes" if value else "no"
            cell.data_type = "s"
        elif isinstance(value, int | float) and not pd.isna(value):
            cell.value = float(value) if isinstance(value, float) else int(value)
        else:
            cell.value = safe_cell_text(value)
            cell.data_type = "s"
        key = (bold, fill, colour, size, italic, wrap, center)
        style = self._styles.get(key)
        if style is not None and not cell.has_style:
            cell._style = copy(style)
        else:
            fresh = not cell.has_style
            if bold or colour or size or italic:
                cell.font = self.Font(
                    name="Calibri",
                    bold=bold,
                    color=colour,
                    size=size or 11,
                    italic=italic,
                )
            if fill:
                cell.fill = self.PatternFill("solid", start_color=fill, end_color=fill)
            cell.alignment = self.Alignment(
                wrap_text=wrap, vertical="top", horizontal="center" if center else None
            )
            if fresh:
                self._styles[key] = copy(cell._style)
        if wrap and isinstance(cell.value, str):
            self._fit_height(row, col, cell.value, size or 11, bold=bold)
        return cell

    def _fit_height(
        self, row: int, col: int, text: str, size: float, *, bold: bool = False
    ) -> None:
        """Set the row height so wrapped text shows in full (no spreadsheet
        program auto-fits rows on opening a file)."""
        from openpyxl.utils import get_column_letter

        ws = self.ws
        merged = next(
            (
                r
                for r in ws.merged_cells.ranges
                if r.min_row == row and r.min_col == col
            ),
            None,
        )
        cols = range(col, (merged.max_col if merged else col) + 1)
        width = 0.0
        for c in cols:
            if c not in self._widths:
                dims = ws.column_dimensions[get_column_letter(c)]
                self._widths[c] = dims.width or 10
            width += self._widths[c]
        # about 1.2 characters of running text per width unit at 11 pt (less
        # in bold); wrap word by word as the spreadsheet will
        per_line = max(1, int(width * (1.05 if bold else 1.2) * 11 / size))
        lines = sum(_wrapped_lines(part, per_line) for part in text.split("\n"))
        height = min(409.0, 3 + lines * size * 1.35)
        current = ws.row_dimensions[row].height or 15
        if height > current:
            ws.row_dimensions[row].height = height

    def header(self, row: int, names: list[str]) -> None:
        for j, name in enumerate(names, start=1):
            c = self.put(row, j, name, bold=True, fill=HEADER_FILL)
            c.alignment = self.Alignment(wrap_text=True, vertical="center")

    def widths(self, widths: list[float]) -> None:
        from openpyxl.utils import get_column_letter

        for j, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(j)].width = w
        self._widths.clear()

    def table(
        self,
        df: pd.DataFrame,
        columns: list[tuple[str, str, float, bool]],
        *,
        start_row: int = 1,
    ) -> int:
        """Write ``df`` with (column, header, width, wrap) specs; return last row."""
        from openpyxl.utils import get_column_letter

        self.header(start_row, [h for _, h, _, _ in columns])
        self.widths([w for _, _, w, _ in columns])
        r = start_row
        for r, rec in enumerate(df.to_dict("records"), start=start_row + 1):
            for j, (col, _, _, wrap) in enumerate(columns, start=1):
                self.put(r, j, rec.get(col, ""), wrap=wrap)
        last = max(r, start_row)
        self.ws.freeze_panes = f"A{start_row + 1}"
        self.ws.auto_filter.ref = (
            f"A{start_row}:{get_column_letter(len(columns))}{last}"
        )
        return last


def print_setup(ws: Any) -> None:
    """Landscape, fit to one page wide, header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = False
    if ws.freeze_panes:
        row = int(re.sub(r"[A-Z]+", "", ws.freeze_panes)) - 1
        if row >= 1:
            ws.print_title_rows = f"{row}:{row}"


def dropdown(
    ws: Any, ref: str, choices: tuple[str, ...], title: str, error: str
) -> None:
    """Add a drop-down list (data validation) of ``choices`` to ``ref``."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=error,
    )
    dv.add(ref)
    ws.add_data_validation(dv)
