"""Helpers shared by the import tests: the (kind, text) rows of what
``load_syllabi`` read, and PDFs drawn with fpdf2 (a page set-up, a ruled table)."""

from __future__ import annotations

from pathlib import Path


def kinds_and_texts(program) -> list[tuple[str, str]]:
    """The (kind, text) of every statement of ``program``, in order."""
    return list(
        zip(program.statements["kind"], program.statements["text"], strict=True)
    )


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""A font with U+2010 (typeset hyphens); the core fonts have none."""


def drawn_pdf(
    tmp_path: Path, name: str, draw, *, size: float = 10, unicode: bool = False
) -> Path:
    """Write ``tmp_path / name``: one FPDF document (no automatic page breaks,
    Helvetica or DejaVu Sans at ``size``) that ``draw(pdf)`` fills."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    if unicode:
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.set_font("DejaVu", size=size)
    else:
        pdf.set_font("Helvetica", size=size)
    draw(pdf)
    path = tmp_path / name
    pdf.output(str(path))
    return path


def ruled_table(pdf, rows, y: float, *, headings: bool = True) -> None:
    """A ruled four-column table (20/60/55/55 mm) at ``y``; the first row is a
    header row unless ``headings`` is False."""
    pdf.set_y(y)
    with pdf.table(
        col_widths=(20, 60, 55, 55), first_row_as_headings=headings, line_height=6
    ) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
