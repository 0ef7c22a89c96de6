"""The segmenter's reading of table rows.

Tables whose header names the roles of two or more content columns ("Outcome |
Assessment", "Week | Date | Topic | Reading") give a statement per cell, in the
kind of its column; other tables in a content section give one statement per
row, from the column the section's words name. "Label | value" rows give course
facts, a layout table's "Section name | its content" rows their section's
content, and a one-cell first row naming a section makes the rest of its table
that section.
"""

from __future__ import annotations

import re

from ._blocks import Block
from ._headings import COLUMN_WORDS, classify_heading, heading_key
from ._layout import cell_kind, content_columns, header_roles
from ._statements import NON_TEXT, split_cell


class TableRows:
    """Row handling for the segmenter's walker (``_segment._Walker``).

    It uses the walker's section state, its table state (``table_header``,
    ``seen_tables``, ``table_roles``, ``rows_checked``, ``titled_table``,
    ``label_table``) and its ``_label``, ``_switch`` and ``_add``.
    """

    def _label_row(self, block: Block, cells: list[str]) -> bool:
        """A "Label | value" row ("Course Number | LIB 110", "Instructor | ...");
        True if it was taken. In a table of such rows each row is judged by its
        own label: a "Course Description" row takes its own value only, and the
        rows after it are read as they would be before it."""
        if not (
            len(cells) == 2 and len(cells[0].split()) <= 4 and "\n" not in cells[0]
        ):
            return False
        if self.label_table is not None and self.label_table[0] == block.table:
            _, self.section, self.section_level = self.label_table
        elif not (
            self.section in (None, "boilerplate", "info")
            or self._layout_row(block, cells)
        ):
            return False
        before = (block.table, self.section, self.section_level)
        if not self._label(cells[0], cells[1], block.location, "row"):
            return False
        if before[1] in (None, "boilerplate", "info") and (
            self.label_table is None or self.label_table[0] != block.table
        ):
            self.label_table = before
        return True

    def _table_title(self, block: Block, cell: str) -> bool:
        """A one-cell row (cells merged across) naming a section ("Course
        Learning Outcomes") makes the rest of its table that section."""
        if block.table in self.seen_tables or self.titled_table is not None:
            return False  # only a table's first row is its title
        kind = classify_heading(cell, strict=True)
        if kind is None or len(cell.split()) > 8 or cell[-1] in ".;,":
            return False
        self.titled_table = (block.table, self.section, self.section_level)
        self._switch(kind, 99, cell)
        return True

    def _row(self, section: str, block: Block) -> None:
        cells = [c.strip() for c in block.cells]
        first = block.table not in self.seen_tables
        self.seen_tables.add(block.table)
        if block.header or (first and self._looks_like_header(cells)):
            self.table_header[block.table] = tuple(heading_key(c) for c in cells)
            return
        header = self.table_header.get(block.table, ())
        text = ""
        words = COLUMN_WORDS.get(section, ())
        if header:
            for word in words:
                hits = [i for i, h in enumerate(header) if word in h and i < len(cells)]
                if hits:
                    text = cells[hits[0]]
                    break
        if not text:
            candidates = [c for c in cells if not NON_TEXT.match(c)]
            if section == "reading":
                text = " ".join(candidates)
            elif candidates:
                text = max(candidates, key=lambda c: len(re.findall(r"[A-Za-z]", c)))
        # a cell of several items ("Quiz 1" / "Discussion post 1") gives one
        # statement each; a description stays whole
        for item in [text] if section == "description" else split_cell(text):
            self._add(section, item, block.location)

    def _role_table_row(self, block: Block) -> bool:
        """Read a row of a table whose columns have roles; True if it was one."""
        roles = self.table_roles.get(block.table)
        if roles is None:
            seen = self.rows_checked.get(block.table, 0)
            if seen >= 2:  # the header is the first or second row
                return False
            self.rows_checked[block.table] = seen + 1
            found = header_roles(block.cells, self.section)
            if found is None or content_columns(found) < 2:
                return False
            self.table_roles[block.table] = found
            self.table_header[block.table] = tuple(heading_key(c) for c in block.cells)
            self.seen_tables.add(block.table)
            if self.section in (None, "info", "other", "methods"):
                # a table of outcomes, topics or assessments is content even
                # without a heading above it
                self._switch("table", 99)
            return True
        if self.section == "boilerplate":
            self.boilerplate += 1
            return True
        for i, cell in enumerate(block.cells):
            kind = cell_kind(roles[i] if i < len(roles) else None, cell)
            if kind is not None:
                for item in split_cell(cell):
                    self._add(kind, item, f"{block.location} column {i + 1}")
        return True

    def _layout_row(self, block: Block, cells: list[str]) -> bool:
        """A "Section name | its content" row of a layout table."""
        kind = classify_heading(cells[0])
        return (
            kind not in (None, "info")
            and block.table not in self.table_header
            and len(cells[1].split()) >= 4
        )

    @staticmethod
    def _looks_like_header(cells: list[str]) -> bool:
        filled = [c for c in cells if c]
        return (
            bool(filled)
            and all(
                len(c.split()) <= 4
                and not re.fullmatch(r"[\d\s.%]+", c)
                and not c.endswith(".")
                for c in filled
            )
            and any(
                classify_heading(c)
                or heading_key(c) in ("week", "date", "weight", "points", "due")
                for c in filled
            )
        )
