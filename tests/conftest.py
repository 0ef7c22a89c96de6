"""Shared fixtures: small syllabus files built on the fly in a temporary folder.

``make_docx``, ``make_pdf``, ``make_xlsx`` and ``write_file`` are function-scoped
builders. The session-scoped sample fixtures (``lssc``, ``sample_program``,
``sample_alignment``, ``sample_report``, ``sample_run``) live in the project's
top-level ``conftest.py``, so that the doctests in ``lta_align`` can use them too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., Path]:
    """Build a .docx from a list of (style, text) paragraphs and table rows.

    Items are ``("Heading 1", "Course Objectives")``, ``("List Number", "...")``,
    ``("Normal", "...")``, ``("bold", "...")`` (a bold Normal paragraph) or
    ``("table", [[cell, ...], ...])``.
    """

    def build(name: str, items: Sequence[tuple[str, object]]) -> Path:
        import docx

        document = docx.Document()
        for style, content in items:
            if style == "table":
                rows = list(content)  # type: ignore[arg-type]
                table = document.add_table(rows=len(rows), cols=len(rows[0]))
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        table.cell(r, c).text = str(value)
            elif style == "bold":
                document.add_paragraph().add_run(str(content)).bold = True
            elif style == "Title":
                document.add_heading(str(content), level=0)
            else:
                document.add_paragraph(str(content), style=style)
        path = tmp_path / name
        document.save(str(path))
        return path

    return build


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Build a text PDF: one list of lines per page (fpdf2, core font)."""

    def build(name: str, pages: Sequence[Sequence[str]]) -> Path:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_font("Helvetica", size=11)
        for lines in pages:
            pdf.add_page()
            for line in lines:
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        path = tmp_path / name
        pdf.output(str(path))
        return path

    return build


@pytest.fixture
def make_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Build an .xlsx from {sheet name: rows}; ``hidden`` names sheets to hide."""

    def build(
        name: str,
        sheets: dict[str, Sequence[Sequence[object]]],
        *,
        hidden: Sequence[str] = (),
        merges: dict[str, Sequence[str]] | None = None,
    ) -> Path:
        import openpyxl

        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            ws = workbook.create_sheet(title)
            for row in rows:
                ws.append(list(row))
            if title in hidden:
                ws.sheet_state = "hidden"
            for cell_range in (merges or {}).get(title, ()):
                ws.merge_cells(cell_range)
        path = tmp_path / name
        workbook.save(str(path))
        return path

    return build


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write text (UTF-8 unless ``encoding``) or bytes to a file in tmp_path."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return write
