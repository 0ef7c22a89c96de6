"""Build the blank files users copy from ``templates/``.

Run from the repository root::

    python scripts/build_templates.py

Writes ``templates/outcome_sheet_template.xlsx``: an empty "Outcomes" sheet with the
canonical header ``course_code, course_title, kind, text`` and an "Instructions" sheet
with column meanings and worked examples. The output is deterministic (fixed document
dates and ZIP entry times), so rebuilding gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from _build_utils import FIXED_DATETIME, make_zip_deterministic

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

HEADER = ["course_code", "course_title", "kind", "text"]
KINDS = ["description", "outcome", "topic", "assessment", "reading"]
WIDTHS = {"A": 14, "B": 40, "C": 14, "D": 100}
ROWS_WITH_DROPDOWN = 2000

COLUMN_HELP = [
    (
        "course_code",
        "Required. The course code as it appears in your catalog, e.g. LTA 101. "
        "Every row of the same course uses the same code.",
    ),
    (
        "course_title",
        "The course title, e.g. Introduction to Libraries. Repeat it on every "
        "row of the course.",
    ),
    (
        "kind",
        "Required. What the text is. Pick one of: " + ", ".join(KINDS) + " "
        "(a drop-down list is provided in the Outcomes sheet).",
    ),
    (
        "text",
        "Required. One statement per row: one learning outcome, one weekly topic, "
        "one assignment or exam, one reading, or the catalog description. "
        "Do not number it.",
    ),
]

KIND_HELP = [
    ("description", "The catalog or course description (usually one row per course)."),
    ("outcome", "A student learning outcome / course objective."),
    ("topic", "A topic from the weekly schedule or topical outline."),
    ("assessment", "An assignment, project, exam or other graded work."),
    ("reading", "A required text or reading."),
]

EXAMPLES = [
    [
        "LTA 999",
        "Example Course in Library Work",
        "description",
        "An example course used only to show how the sheet is filled in.",
    ],
    [
        "LTA 999",
        "Example Course in Library Work",
        "outcome",
        "Explain the purpose of a library in its community.",
    ],
    [
        "LTA 999",
        "Example Course in Library Work",
        "topic",
        "Week 2: Types of libraries and the people who work in them",
    ],
    [
        "LTA 999",
        "Example Course in Library Work",
        "assessment",
        "Library site visit report (15%)",
    ],
    [
        "LTA 999",
        "Example Course in Library Work",
        "reading",
        "Chapter 1 of the course textbook",
    ],
]

NOTES = [
    "One sheet may hold many courses: add one row per statement and repeat the "
    "course code.",
    "Keep the header row. The canonical headers are course_code, course_title, kind "
    "and text.",
    "Common header variants are also recognised, for example Course or Course Code, "
    "Course Title, Type, and SLO or Learning Outcome.",
    "Leave out institutional boilerplate (attendance, academic integrity, disability "
    "services, grading scale); only course content is aligned.",
    "This file stays on your computer: lta-align reads it locally and sends nothing "
    "anywhere.",
]


def build_outcome_sheet(out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")

    wb = Workbook()
    ws = wb.active
    ws.title = "Outcomes"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    ws.freeze_panes = "A2"
    for col, width in WIDTHS.items():
        ws.column_dimensions[col].width = width
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(KINDS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Unknown kind",
        error="Choose one of: " + ", ".join(KINDS),
        showInputMessage=True,
        promptTitle="kind",
        prompt="description, outcome, topic, assessment or reading",
    )
    dv.add(f"C2:C{ROWS_WITH_DROPDOWN}")
    ws.add_data_validation(dv)

    info = wb.create_sheet("Instructions")
    info.column_dimensions["A"].width = 16
    info.column_dimensions["B"].width = 60
    info.column_dimensions["C"].width = 14
    info.column_dimensions["D"].width = 70
    wrap = Alignment(wrap_text=True, vertical="top")
    rows: list[tuple[list[str], bool]] = [
        (["lta-align outcome sheet: how to fill it in"], True),
        ([], False),
        (["Fill in the Outcomes sheet, one statement per row."], False),
        ([], False),
        (["Column", "Meaning"], True),
        *[([name, text], False) for name, text in COLUMN_HELP],
        ([], False),
        (["kind", "Use for"], True),
        *[([name, text], False) for name, text in KIND_HELP],
        ([], False),
        (["Notes"], True),
        *[([note], False) for note in NOTES],
        ([], False),
        (
            [
                "Example rows (a fictional course; do not copy them into the "
                "Outcomes sheet)"
            ],
            True,
        ),
        (HEADER, True),
        *[(row, False) for row in EXAMPLES],
    ]
    for values, is_bold in rows:
        info.append(values)
        for cell in info[info.max_row]:
            if is_bold:
                cell.font = bold
            if len(values) > 1:  # single-cell rows overflow to the right instead
                cell.alignment = wrap
    info["A1"].font = Font(bold=True, size=14)

    props = wb.properties
    props.creator = "lta-align"
    props.lastModifiedBy = "lta-align"
    props.title = "lta-align outcome sheet template"
    props.created = FIXED_DATETIME.replace(tzinfo=None)
    props.modified = FIXED_DATETIME.replace(tzinfo=None)
    wb.active = 0
    wb.save(out)
    make_zip_deterministic(out)


def main() -> int:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    out = TEMPLATES / "outcome_sheet_template.xlsx"
    build_outcome_sheet(out)
    print(f"wrote {out.relative_to(ROOT)}")
    # the restylable report template: a copy of the packaged one (test_reports
    # checks the two agree; to_html(template=...) renders a restyled copy)
    packaged = ROOT / "lta_align" / "reports" / "templates" / "report.html.j2"
    report = TEMPLATES / "report.html.j2"
    report.write_bytes(packaged.read_bytes())
    print(f"wrote {report.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
