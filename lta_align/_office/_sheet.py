"""The small cell writer behind every lta-align workbook (alignment, evidence).

Every text goes through :func:`~lta_align._office._text.safe_cell_text`, so no
cell holds a formula; rows are sized by word wrap; print setup is shared.
"""

from __future__ import annotations

import re
from copy import copy
from functools import lru_cache
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


def _set_value(cell: Any, value: Any) -> None:
    """Store ``value`` as :meth:`Sheet.put` does: yes/no, a number or safe text."""
    if isinstance(value, bool):
        cell._value = "yes" if value else "no"
        cell.data_type = "s"
    elif isinstance(value, int | float) and not pd.isna(value):
        cell.value = float(value) if isinstance(value, float) else int(value)
    else:
        # safe_cell_text already removed what XML cannot hold and cut the
        # text to the cell limit: stored as is, never read as a formula
        cell._value = safe_cell_text(value)
        cell.data_type = "s"


def _plain_key(wrap: bool) -> tuple:
    """The style key of a table body cell (see :meth:`Sheet.put`)."""
    return (False, None, None, None, False, wrap, False)


#: workbook -> {style key: the StyleArray openpyxl gave the first cell styled so}
_STYLES: WeakKeyDictionary = WeakKeyDictionary()


class Sheet:
    """Thin writer around an openpyxl worksheet; every text is safe_cell_text.

    Speed: each combination of :meth:`put` options is built into openpyxl style
    objects once per workbook; later fresh cells with the same options get a
    copy of the first one's style indices, so the file is the same as if every
    cell had been styled one by one. Column widths are looked up once.
    :meth:`table` creates its body cells directly (each column's style
    computed once), and :class:`fast_rows` saves a workbook's rows one XML
    tree at a time: the same bytes, a fraction of the time at 20,000+ rows.
    """

    def __init__(self, ws: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = ws
        self.Font, self.PatternFill, self.Alignment = Font, PatternFill, Alignment
        self.Border, self.Side = Border, Side
        self._styles = _STYLES.setdefault(ws.parent, {})
        self._widths: dict[int, float] = {}
        self._heights: dict[int, float] = {}  # rows whose height this set
        self._merged: tuple[int, dict[tuple[int, int], int]] = (0, {})

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
        _set_value(cell, value)
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
        ranges = ws.merged_cells.ranges
        if len(ranges) != self._merged[0]:  # (top-left cell) -> last column
            firsts: dict[tuple[int, int], int] = {}
            for r in ranges:
                firsts.setdefault((r.min_row, r.min_col), r.max_col)
            self._merged = (len(ranges), firsts)
        cols = range(col, self._merged[1].get((row, col), col) + 1)
        width = 0.0
        for c in cols:
            if c not in self._widths:
                dims = ws.column_dimensions[get_column_letter(c)]
                self._widths[c] = dims.width or 10
            width += self._widths[c]
        # about 1.2 characters of running text per width unit at 11 pt (less
        # in bold); wrap word by word as the spreadsheet will
        per_line = max(1, int(width * (1.05 if bold else 1.2) * 11 / size))
        if len(text) <= per_line:  # fits on one line (the common case)
            lines = text.count("\n") + 1 if "\n" in text else 1
            if lines > 1:
                lines = sum(_wrapped_lines(p, per_line) for p in text.split("\n"))
        else:
            lines = sum(_wrapped_lines(p, per_line) for p in text.split("\n"))
        height = min(409.0, 3 + lines * size * 1.35)
        current = self._heights.get(row)
        if current is None:
            current = ws.row_dimensions[row].height or 15
        if height > current:
            ws.row_dimensions[row].height = height
            self._heights[row] = height
        else:
            self._heights[row] = current

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
        from openpyxl.cell.cell import Cell as _Cell
        from openpyxl.utils import get_column_letter

        self.header(start_row, [h for _, h, _, _ in columns])
        self.widths([w for _, _, w, _ in columns])
        r = start_row
        ws = self.ws
        cells = ws._cells  # fresh cells are added directly (no lookup per cell)
        names = [col for col, _, _, _ in columns]
        wraps = [wrap for _, _, _, wrap in columns]
        values = [df[c].tolist() if c in df.columns else [""] * len(df) for c in names]
        # the first cell of each column is styled by put(); the others are
        # fresh cells given a copy of the same style indices (as put() does)
        keys = [_plain_key(w) for w in wraps]
        for r, row in enumerate(zip(*values, strict=True), start=start_row + 1):
            for j, value in enumerate(row, start=1):
                wrap = wraps[j - 1]
                style = self._styles.get(keys[j - 1])
                if style is None or (r, j) in cells:
                    self.put(r, j, value, wrap=wrap)
                    continue
                cell = _Cell(ws, row=r, column=j)
                _set_value(cell, value)
                cell._style = copy(style)
                ws._add_cell(cell)
                if wrap and cell.data_type == "s":
                    self._fit_height(r, j, cell._value, 11)
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


# --- saving: the rows of a sheet, one XML tree per row ------------------------------
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@lru_cache(maxsize=1)
def _row_tools() -> tuple:
    from openpyxl.cell.cell import Cell
    from openpyxl.cell.rich_text import CellRichText
    from openpyxl.compat import safe_string
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.functions import Element, SubElement

    letter = lru_cache(maxsize=None)(get_column_letter)
    return Cell, CellRichText, safe_string, letter, Element, SubElement


def _fast_write_row(self: Any, xf: Any, row: list, row_idx: int) -> None:
    """openpyxl's ``WorksheetWriter.write_row``, built as one tree per row.

    The same bytes as openpyxl's cell-by-cell streaming (an empty cell or row is
    written ``<c ...></c>`` as it does), several times faster. Rows holding
    anything but plain text and numbers (comments, links, dates, formulas,
    rich text) go to openpyxl's own writer.
    """
    Cell, CellRichText, safe_string, letter, Element, SubElement = _row_tools()
    for cell in row:
        if (
            type(cell) is not Cell  # merged cells: openpyxl's writer
            or cell._comment is not None
            or cell._hyperlink is not None
            or cell.data_type not in ("s", "n")
            or isinstance(cell._value, CellRichText)
        ):
            return _OPENPYXL_WRITE_ROW[0](self, xf, row, row_idx)
    attrs = {"r": f"{row_idx}"}
    attrs.update(self.ws.row_dimensions.get(row_idx, {}))
    el = Element("row", attrs)
    styles = self.ws.parent._cell_styles
    for cell in row:
        value = cell._value
        styled = cell.has_style
        if value is None and not styled:
            continue
        ca = {"r": f"{letter(cell.column)}{row_idx}"}
        if styled:
            ca["s"] = f"{styles.add(cell._style)}"
        ca["t"] = "inlineStr" if cell.data_type == "s" else cell.data_type
        c = SubElement(el, "c", ca)
        if value is None or value == "":
            c.text = ""
        elif cell.data_type == "s":
            inline = SubElement(c, "is")
            if isinstance(value, str):
                t = SubElement(
                    inline,
                    "t",
                    {_XML_SPACE: "preserve"} if value != value.strip() else {},
                )
                t.text = value
            else:
                inline.text = ""
        else:
            SubElement(c, "v").text = safe_string(value)
    if not len(el):
        el.text = ""
    xf.write(el)


_OPENPYXL_WRITE_ROW: list[Any] = []


class fast_rows:  # noqa: N801 - used as a context manager, like a function
    """While active, openpyxl writes sheet rows with :func:`_fast_write_row`."""

    def __enter__(self) -> fast_rows:
        from openpyxl.worksheet._writer import WorksheetWriter

        if not _OPENPYXL_WRITE_ROW:
            _OPENPYXL_WRITE_ROW.append(WorksheetWriter.write_row)
        self._saved = WorksheetWriter.write_row
        WorksheetWriter.write_row = _fast_write_row
        return self

    def __exit__(self, *exc: Any) -> None:
        from openpyxl.worksheet._writer import WorksheetWriter

        WorksheetWriter.write_row = self._saved
