"""Build a corpus of syllabus layouts the way colleges write them, with expected counts.

Every file is generated here from text written for this script (nothing is copied
from anyone's files), deterministically: the same command gives the same files.
Each layout class of issue 11 is written in each format it occurs in, and
:data:`EXPECTED` gives, per file, what a correct reader finds (statement counts by
kind, course code, credits, text that must never become a statement).

Usage::

    python scripts/build_layout_corpus.py OUT_DIR [--rows 100000]

Tests call :func:`build` into a temporary folder (``tests/test_ingest_layouts.py``).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""A Unicode TrueType font for PDFs that need more than Latin-1 (bullet glyphs)."""

FIXED_DATE = datetime(2026, 8, 17, 9, 0, 0, tzinfo=UTC)

WORD_BULLETS = (
    "\uf0b7",
    "\uf0a7",
    "\uf076",
    "\uf0d8",
    "\u2022",
    "\u25aa",
    "\u25e6",
    "o",
)
"""The bullets Word-exported PDFs carry in their text layer: Symbol's bullet
(U+F0B7), Wingdings square, diamond and arrow (U+F0A7, U+F076, U+F0D8), the
bullet, small square, white bullet, and a letter "o" (Courier New's circle)."""

OUTCOMES = [
    "Explain the mission and core values of libraries in a democratic society.",
    "Describe the organization of public, academic, school and special libraries.",
    "Apply basic circulation procedures, including patron registration and holds.",
    "Use the online catalog and databases to locate materials for patrons.",
    "Demonstrate customer service skills at the public service desk.",
    "Identify the ethical and legal issues of library work, including privacy.",
    "Compare classification systems used to arrange library collections.",
    "Prepare a short report on a current issue facing library staff.",
]
ASSESSMENTS = [
    "Reflection essay on library values",
    "Library type comparison chart",
    "Circulation desk simulation",
    "Catalog search exercise",
    "Role-play observed by the instructor",
    "Case study discussion post",
    "Classification sorting lab",
    "Final issue report and presentation",
]
SCHEDULE = [
    # week, date, topic, reading
    ("1", "Sep 8", "Introduction; what access services do", "Greene ch. 1"),
    ("2", "Sep 15", "Patron records and privacy", "Greene ch. 2"),
    ("3", "Sep 22", "Loans, renewals and holds", "Greene ch. 3"),
    ("4", "Sep 29", "Fines, fees and fine-free policies", "Ortiz article"),
    ("5", "Oct 6", "MIDTERM EXAM", ""),
    ("6", "Oct 13", "Course reserves and copyright", "Greene ch. 5"),
    ("7", "Oct 20", "Interlibrary loan workflows", "Greene ch. 6"),
    ("8", "Oct 27", "Stacks maintenance and shelf reading", "Lee handout"),
]
HEADER_LINE = "Riverbend Community College | Access Services Syllabus | Fall 2026"
FOOTER_LINE = "Syllabus revised August 2026"

EXPECTED: dict[str, dict] = {}
"""File name -> expected facts: ``counts`` {kind: n}, ``code``, ``credits``,
``title``, ``absent`` (substrings no statement may contain), ``present``
(statements that must be there, exactly), ``kinds`` {text: kind}."""


def _expect(name: str, **facts) -> None:
    EXPECTED[name] = facts


# --- PDF helpers ---------------------------------------------------------------
def _unicode_font(path: Path) -> Path:
    """DejaVu Sans with Word's private-use bullet code points mapped to its bullet.

    A Word-exported PDF draws Symbol/Wingdings glyphs whose text layer gives
    U+F0B7 and friends; this font does the same, so the text layer of our PDF
    carries the same code points.
    """
    from fontTools.ttLib import TTFont

    out = path / "_bullets.ttf"
    if out.exists():
        return out
    font = TTFont(str(DEJAVU))
    bullet = font.getBestCmap()[0x2022]
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format in (4, 12):
            for code in (0xF0B7, 0xF0A7, 0xF076, 0xF0D8):
                table.cmap[code] = bullet
    font.save(str(out))
    return out


def _pdf(unicode_dir: Path | None = None):
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(True, margin=20)
    if unicode_dir is not None:
        pdf.add_font("U", "", str(_unicode_font(unicode_dir)))
        pdf.add_font("U", "B", str(_unicode_font(unicode_dir)))
        pdf.set_font("U", size=11)
    else:
        pdf.set_font("Helvetica", size=11)
    return pdf


def _line(pdf, text: str, *, bold: bool = False, size: int = 11, h: float = 6) -> None:
    family = pdf.font_family
    pdf.set_font(family, "B" if bold else "", size)
    pdf.multi_cell(0, h, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 11)


def _save_pdf(pdf, path: Path) -> Path:
    pdf.output(str(path))
    return path


# --- layout 1: Word-exported PDF with glyph bullets ----------------------------
def pdf_word_bullets(out: Path) -> Path:
    pdf = _pdf(out)
    pdf.add_page()
    _line(pdf, "LTA 101 Introduction to Library Services", bold=True, size=14)
    _line(pdf, "Credits: 3")
    _line(pdf, "Course Description", bold=True)
    _line(
        pdf,
        "An introduction to the work of library support staff in every kind of "
        "library, and to the values that guide it.",
    )
    _line(pdf, "Student Learning Outcomes", bold=True)
    _line(pdf, "Upon completion of this course, students will be able to:")
    for glyph, text in zip(WORD_BULLETS, OUTCOMES, strict=True):
        pdf.set_x(pdf.l_margin + 6)
        pdf.multi_cell(0, 6, f"{glyph}\t{text}".replace("\t", "  "), new_x="LMARGIN")
    path = _save_pdf(pdf, out / "LTA101_word_bullets.pdf")
    _expect(
        path.name,
        code="LTA 101",
        credits="3",
        counts={"outcome": 8, "description": 1},
        present=OUTCOMES,
    )
    return path


def txt_word_bullets(out: Path) -> Path:
    """The same outcomes pasted from Word into a text file, glyphs and all."""
    lines = ["LTA 102 Library Services Basics", "", "Learning Outcomes", ""]
    lines += [f"{g}\t{t}" for g, t in zip(WORD_BULLETS, OUTCOMES, strict=True)]
    path = out / "LTA102_word_bullets.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _expect(path.name, code="LTA 102", counts={"outcome": 8}, present=OUTCOMES)
    return path


# --- layout 2: outcome | assessment table --------------------------------------
def docx_outcome_assessment_table(out: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("LTA 105 Communication and Customer Service", "Title")
    document.add_paragraph("3 credit hours")
    document.add_heading("Course Outcomes and Assessment", 1)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Student Learning Outcome"
    table.rows[0].cells[1].text = "Assessment"
    for outcome, assessment in zip(OUTCOMES[:6], ASSESSMENTS[:6], strict=True):
        cells = table.add_row().cells
        cells[0].text = outcome
        cells[1].text = assessment
    path = out / "LTA105_outcome_assessment_table.docx"
    document.save(str(path))
    _expect(
        path.name,
        code="LTA 105",
        credits="3",
        counts={"outcome": 6, "assessment": 6},
        kinds={
            **dict.fromkeys(OUTCOMES[:6], "outcome"),
            **dict.fromkeys(ASSESSMENTS[:6], "assessment"),
        },
    )
    return path


def html_outcome_assessment_table(out: Path) -> Path:
    rows = "".join(
        f"<tr><td>{o}</td><td>{a}</td></tr>"
        for o, a in zip(OUTCOMES[:5], ASSESSMENTS[:5], strict=True)
    )
    html = (
        "<html><body><h1>LTA 106 Public Service Skills</h1>"
        "<h2>Outcomes</h2><table><tr><th>Student Learning Outcome</th>"
        f"<th>Assessment</th></tr>{rows}</table></body></html>"
    )
    path = out / "LTA106_outcome_assessment_table.html"
    path.write_text(html, encoding="utf-8")
    _expect(
        path.name,
        code="LTA 106",
        counts={"outcome": 5, "assessment": 5},
        kinds={
            **dict.fromkeys(OUTCOMES[:5], "outcome"),
            **dict.fromkeys(ASSESSMENTS[:5], "assessment"),
        },
    )
    return path


# --- layout 3: Week | Date | Topic | Reading schedule --------------------------
_SCHEDULE_TOPICS = [row[2] for row in SCHEDULE]
_SCHEDULE_READINGS = sorted({row[3] for row in SCHEDULE if row[3]})
_AFTER_TABLE = ["Circulation desk observation", "Midterm exam", "Final project"]


def _schedule_expect(name: str, code: str) -> None:
    _expect(
        name,
        code=code,
        counts={
            "topic": len(_SCHEDULE_TOPICS) - 1,  # MIDTERM EXAM is an assessment
            "reading": len(_SCHEDULE_READINGS),
            "assessment": len(_AFTER_TABLE),
            "outcome": 2,
        },
        kinds={
            **{t: "topic" for t in _SCHEDULE_TOPICS if t != "MIDTERM EXAM"},
            **dict.fromkeys(_SCHEDULE_READINGS, "reading"),
            **dict.fromkeys(_AFTER_TABLE[:1] + _AFTER_TABLE[2:], "assessment"),
        },
        absent=["Sep 8", "Oct 27 ", "Week", "Greene ch. 1 ", "; Greene"],
    )


def pdf_schedule_table(out: Path, *, ruled: bool = True) -> Path:
    pdf = _pdf()
    pdf.add_page()
    _line(pdf, "LTA 150 Access Services and Circulation", bold=True, size=14)
    _line(pdf, "Learning Outcomes", bold=True)
    for text in OUTCOMES[2:4]:
        _line(pdf, f"- {text}")
    _line(pdf, "Course Schedule", bold=True)
    with pdf.table(
        col_widths=(12, 20, 90, 40),
        text_align="LEFT",
        borders_layout="ALL" if ruled else "NONE",
    ) as table:
        for cells in [("Week", "Date", "Topic", "Reading"), *SCHEDULE]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    _line(pdf, "Assignments", bold=True)
    for text in _AFTER_TABLE:
        _line(pdf, f"- {text}")
    name = "LTA150_schedule_table.pdf" if ruled else "LTA155_schedule_borderless.pdf"
    path = _save_pdf(pdf, out / name)
    _schedule_expect(path.name, "LTA 150")
    return path


def pdf_schedule_borderless(out: Path) -> Path:
    """The same schedule drawn without rules (columns only by position)."""
    return pdf_schedule_table(out, ruled=False)


def docx_schedule_table(out: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("LTA 151 Circulation Practice", 1)
    document.add_heading("Learning Outcomes", 2)
    for text in OUTCOMES[2:4]:
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Course Schedule", 2)
    table = document.add_table(rows=0, cols=4)
    for cells in [("Week", "Date", "Topic", "Reading"), *SCHEDULE]:
        row = table.add_row().cells
        for cell, text in zip(row, cells, strict=True):
            cell.text = text
    document.add_heading("Assignments", 2)
    for text in _AFTER_TABLE:
        document.add_paragraph(text, style="List Bullet")
    path = out / "LTA151_schedule_table.docx"
    document.save(str(path))
    _schedule_expect(path.name, "LTA 151")
    return path


def md_schedule_table(out: Path) -> Path:
    lines = ["# LTA 152 Stacks and Circulation", "", "## Learning Outcomes", ""]
    lines += [f"- {t}" for t in OUTCOMES[2:4]]
    lines += ["", "## Course Schedule", "", "| Week | Date | Topic | Reading |"]
    lines += ["|---|---|---|---|"] + [f"| {' | '.join(r)} |" for r in SCHEDULE]
    lines += ["", "## Assignments", ""] + [f"- {t}" for t in _AFTER_TABLE]
    path = out / "LTA152_schedule_table.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _schedule_expect(path.name, "LTA 152")
    return path


# --- layout 4: catalog page ----------------------------------------------------
CATALOG_DESCRIPTION = (
    "Introduces the technical services of libraries: acquisitions, cataloging, "
    "processing and the management of collections in print and electronic formats."
)


def html_catalog_page(out: Path) -> Path:
    items = "".join(f"<li>{t}</li>" for t in OUTCOMES[:4])
    html = (
        "<!DOCTYPE html><html><head><title>LTA 130 | Course Catalog</title></head>"
        "<body><nav><a href='/'>Home</a> <a href='/catalog'>Catalog</a> "
        "<a href='/apply'>Apply Now</a></nav>"
        "<div id='skip'><a href='#main'>Skip to main content</a></div>"
        "<div class='sidebar'><h3>Related Programs</h3><p>Library Science transfer "
        "degree: see a counselor to plan your courses.</p></div>"
        "<main id='main'><div class='breadcrumb'>Home &gt; Catalog &gt; LTA</div>"
        "<div class='course-block'>"
        "<p class='course-title'><strong>LTA 130 Cataloging and Classification"
        "</strong></p><p class='units'>3 Units</p>"
        f"<p>{CATALOG_DESCRIPTION}</p>"
        "<p>Prerequisite: LTA 101</p>"
        f"<h3>Student Learning Outcomes</h3><ul>{items}</ul>"
        "</div></main>"
        "<footer><p>Copyright 2026 Riverbend Community College District. "
        "All rights reserved.</p><p>Contact the webmaster about this page.</p>"
        "</footer></body></html>"
    )
    path = out / "LTA130_catalog_page.html"
    path.write_text(html, encoding="utf-8")
    _expect(
        path.name,
        code="LTA 130",
        title="Cataloging and Classification",
        credits="3",
        counts={"description": 1, "outcome": 4},
        present=[CATALOG_DESCRIPTION, *OUTCOMES[:4]],
        absent=[
            *("Units", "Apply Now", "Copyright", "webmaster", "Skip to"),
            *("Related Programs", "counselor", "Home >"),
        ],
    )
    return path


def docx_credit_hours_header(out: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("LTA 131 Descriptive Cataloging", "Title")
    document.add_paragraph("3 credit hours")
    document.add_paragraph(CATALOG_DESCRIPTION)
    document.add_heading("Course Objectives", 1)
    for text in OUTCOMES[:3]:
        document.add_paragraph(text, style="List Number")
    path = out / "LTA131_credit_hours_header.docx"
    document.save(str(path))
    _expect(
        path.name,
        code="LTA 131",
        title="Descriptive Cataloging",
        credits="3",
        counts={"outcome": 3, "description": 1},
    )
    return path


# --- layout 5: running headers and footers on most PDF pages -------------------
def pdf_running_headers(out: Path) -> Path:
    from fpdf import FPDF

    class _Paged(FPDF):
        def header(self) -> None:
            if self.page_no() == 1:  # a title page without the running header
                return
            self.set_font("Helvetica", "", 9)
            for text in HEADER_LINE.split(" | "):
                self.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "", 9)
            self.cell(0, 6, f"{FOOTER_LINE}    Page {self.page_no()} of {{nb}}")

    pdf = _Paged(format="letter")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(True, margin=25)
    pdf.set_font("Helvetica", size=11)
    sections = [
        ("Course Description", [CATALOG_DESCRIPTION]),
        ("Student Learning Outcomes", [f"{i}. {t}" for i, t in enumerate(OUTCOMES, 1)]),
        ("Topics", [f"- {row[2]}" for row in SCHEDULE if row[2] != "MIDTERM EXAM"]),
        ("Assignments", [f"- {a}" for a in ASSESSMENTS[:4]]),
    ]
    for n, (heading, lines) in enumerate(sections):
        pdf.add_page()
        if n == 0:
            _line(pdf, "LTA 153 Access Services", bold=True, size=14)
        _line(pdf, heading, bold=True)
        for text in lines:
            _line(pdf, text)
    path = out / "LTA153_running_headers.pdf"
    pdf.output(str(path))
    _expect(
        path.name,
        code="LTA 153",
        counts={"description": 1, "outcome": 8, "topic": 7, "assessment": 4},
        absent=["Riverbend", "revised", "Page ", "Fall 2026", "Syllabus"],
    )
    return path


# --- layout 6: outcome sheet with a title block and an SLO # column ------------
_SHEET_ROWS = [
    ("LTA 101", "Introduction to Library Services", 1, OUTCOMES[0]),
    ("LTA 101", "Introduction to Library Services", 2, OUTCOMES[1]),
    ("LTA 120", "Reference Services", 1, OUTCOMES[3]),
    ("LTA 120", "Reference Services", 2, OUTCOMES[4]),
    ("LTA 120", "Reference Services", 3, OUTCOMES[5]),
]
_TITLE_BLOCK = [
    ["Riverbend Community College"],
    ["Library Technical Assistant Program: Course Student Learning Outcomes"],
    ["Approved by the curriculum committee, spring 2026"],
    [],
]
_SHEET_HEADER = ["Course", "Course Title", "SLO #", "Student Learning Outcome"]


def xlsx_title_block_slo_number(out: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "SLOs"
    for row in _TITLE_BLOCK:
        ws.append(row)
    ws.merge_cells("A1:D1")
    ws.append(_SHEET_HEADER)
    for row in _SHEET_ROWS:
        ws.append(list(row))
    path = out / "slo_sheet_title_block.xlsx"
    wb.save(str(path))
    _expect(path.name, counts={"outcome": 5}, courses=2, problems=0)
    return path


def csv_title_block_slo_number(out: Path) -> Path:
    path = out / "slo_sheet_title_block.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        for row in _TITLE_BLOCK:
            writer.writerow(row)
        writer.writerow(_SHEET_HEADER)
        writer.writerows(_SHEET_ROWS)
    _expect(path.name, counts={"outcome": 5}, courses=2, problems=0)
    return path


# --- layout 7: a very long outcome sheet ---------------------------------------
def xlsx_many_rows(out: Path, rows: int = 100_000) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Outcomes")
    ws.append(["course_code", "course_title", "kind", "text"])
    for i in range(rows):
        course = 100 + i % 50
        ws.append(
            [
                f"LTA {course}",
                f"Course {course}",
                "outcome",
                f"{OUTCOMES[i % len(OUTCOMES)][:-1]}, case {i}.",
            ]
        )
    path = out / "outcomes_many_rows.xlsx"
    wb.save(str(path))
    _expect(path.name, counts={"outcome": rows}, courses=min(rows, 50), problems=0)
    return path


BUILDERS = [
    pdf_word_bullets,
    txt_word_bullets,
    docx_outcome_assessment_table,
    html_outcome_assessment_table,
    pdf_schedule_table,
    pdf_schedule_borderless,
    docx_schedule_table,
    md_schedule_table,
    html_catalog_page,
    docx_credit_hours_header,
    pdf_running_headers,
    xlsx_title_block_slo_number,
    csv_title_block_slo_number,
    xlsx_many_rows,
]
"""One builder per layout class and format; each writes one file and its facts."""


def build(
    out: Path, *, rows: int = 100_000, only: str | None = None
) -> dict[str, dict]:
    """Write the corpus into ``out`` and return :data:`EXPECTED` for what was built.

    ``only`` builds just the builder of that name (e.g. ``"pdf_schedule_table"``).
    """
    out.mkdir(parents=True, exist_ok=True)
    built = {}
    for builder in BUILDERS:
        if only is not None and builder.__name__ != only:
            continue
        if builder is xlsx_many_rows:
            path = builder(out, rows)
        else:
            path = builder(out)
        built[path.name] = EXPECTED[path.name]
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    built = build(args.out, rows=args.rows)
    font = args.out / "_bullets.ttf"
    if font.exists():
        font.unlink()
    (args.out / "expected.json").write_text(
        json.dumps(built, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    sys.stdout.write(f"wrote {len(built)} files and expected.json to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
