"""Shared fixtures.

Session-scoped, read the sample program once for the whole run:
``lssc`` (the built-in framework), ``sample_program`` (``data/syllabi``),
``sample_alignment`` (its tf-idf alignment), ``sample_report`` (its gap report)
and ``sample_run`` (the folder one ``lta-align run`` of the sample wrote). They
are shared: never change them in place (copy a table, or copy the folder,
first).

Function-scoped builders of small syllabus files in a temporary folder:
``make_docx``, ``make_pdf``, ``make_xlsx``, ``write_file``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "syllabi"
"""The bundled sample program (ten LTA courses)."""


@pytest.fixture(scope="session")
def lssc():
    """The built-in LSSC framework."""
    import lta_align as la

    return la.load_framework("lssc")


@pytest.fixture(scope="session")
def sample_program():
    """The sample program in ``data/syllabi``, read once."""
    import lta_align as la

    return la.load_syllabi(SAMPLE, progress=False)


@pytest.fixture(scope="session")
def sample_alignment(sample_program, lssc):
    """The tf-idf alignment of the sample program with LSSC (no decisions)."""
    import lta_align as la

    return la.align(sample_program, lssc)


@pytest.fixture(scope="session")
def sample_report(sample_alignment):
    """The gap report of ``sample_alignment``."""
    import lta_align as la

    return la.gap_report(sample_alignment)


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Path:
    """The output folder of ``lta-align run data/syllabi`` (copy it to change it)."""
    from lta_align.cli import main

    out = tmp_path_factory.mktemp("sample_run") / "out"
    assert main(["run", str(SAMPLE), "--out", str(out), "--quiet"]) == 0
    return out


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
