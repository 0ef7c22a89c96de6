"""Line up an HTML table's cells with its header: the columns a ``colspan``
fills and the cells a ``rowspan`` carries down into the rows below."""

from __future__ import annotations

import re

MAX_SPAN_COLUMNS = 64
"""The widest a row is made by spanned cells (``colspan``, or ``rowspan`` cells
from the rows above): a table's own cells are always kept, but no span fills
columns past this one, so ``colspan="100000"`` costs no more than a wide row."""
MAX_ROWSPAN = 65534
"""HTML's own limit on ``rowspan``; ``rowspan="0"`` spans to the table's end."""
_MARKER_CELL = re.compile(r"^(?=.*\d)\S+(?: \S+){0,2}$")
"""A short cell with a digit ("Week 3", "1", "Sept. 9", "1/15-1/22"): a place
in a schedule, repeated in each row it spans; a spanned content cell is read
once, in its first row."""


def span(attrs, name: str, zero: int) -> int:
    """The ``colspan``/``rowspan`` of a cell: 1 unless a positive number is
    given; ``zero`` for "0" (HTML: a rowspan to the end of the table)."""
    value = next((v or "" for n, v in attrs if n == name), "")
    m = re.match(r"\s*(\d{1,9})", value)
    if m is None:
        return 1
    return min(int(m.group(1)) or zero, MAX_ROWSPAN)


class Spans:
    """The cells of a table's earlier rows that span down into the row being
    read, so that each row's cells line up with the header.

    ``below`` maps a column to [rows still spanned, text]; ``new`` holds the
    spans starting in the row being read. A row costs at most
    ``MAX_SPAN_COLUMNS`` steps more than its own cells: linear in the table.
    """

    __slots__ = ("below", "new")

    def __init__(self) -> None:
        self.below: dict[int, list] = {}
        self.new: dict[int, list] = {}

    def before_cell(self, row: list[str]) -> None:
        """Add the spanned cells that come before the next cell of ``row``."""
        while len(row) in self.below:
            row.append(self.below[len(row)][1])

    def add(self, row: list[str], text: str, colspan: int, rowspan: int) -> None:
        """Add a cell and the columns it spans."""
        self.before_cell(row)
        col = len(row)
        row.append(text)
        row.extend([""] * min(colspan - 1, max(MAX_SPAN_COLUMNS - len(row), 0)))
        if rowspan > 1 and col < MAX_SPAN_COLUMNS:
            marker = len(text) <= 40 and _MARKER_CELL.match(text)
            repeat = text if marker else ""
            for c in range(col, len(row)):
                self.new[c] = [rowspan - 1, repeat if c == col else ""]

    def end_row(self, row: list[str], keep: bool) -> None:
        """Add the spanned cells after the row's last cell (when the row is
        kept), then move the spans one row down."""
        if keep:
            for col in sorted(c for c in self.below if c >= len(row)):
                row.extend([""] * (col - len(row)))
                row.append(self.below[col][1])
        for col in list(self.below):
            self.below[col][0] -= 1
            if self.below[col][0] <= 0:
                del self.below[col]
        self.below.update(self.new)
        self.new = {}
