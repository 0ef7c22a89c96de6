"""Throughput of ``load_syllabi`` on a generated batch of mixed syllabi.

Usage::

    .venv/bin/python bench/import_throughput.py [--per-format 60] [--repeat 5]
    .venv/bin/python bench/import_throughput.py --sheet-rows 100000 [--sheet-format csv]

Generates, into a temporary folder, ``--per-format`` syllabi in each of md, txt,
html, docx and pdf plus outcome sheets (xlsx) from templated text (fixed seed),
then times ``load_syllabi`` over the whole batch and over each format alone,
``--repeat`` times, and prints the median files/s and statements/s.

``--sheet-rows N`` times a big outcome-sheet program instead: ``N`` generated
statement rows (``bench/scale.py``'s program: courses of 100 rows, LSSC words)
written as sheets of 10,000 rows (``--sheet-format csv`` or ``xlsx``); prints
the median seconds and rows/s of ``load_syllabi`` over the folder.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import lta_align as la

VERBS = [
    "Explain",
    "Describe",
    "Apply",
    "Demonstrate",
    "Use",
    "Compare",
    "Identify",
    "Evaluate",
    "Prepare",
    "Organize",
    "Locate",
    "Assist patrons with",
]
OBJECTS = [
    "the reference interview",
    "MARC bibliographic records",
    "the Dewey Decimal Classification",
    "circulation policies",
    "collection development policies",
    "interlibrary loan procedures",
    "assistive technology at public workstations",
    "copyright and fair use in course reserves",
    "storytime programs for children",
    "the integrated library system",
    "materials budgets and fund codes",
    "customer service at the desk",
    "library advocacy messages",
    "digital literacy instruction",
    "weeding criteria such as CREW and MUSTIE",
]
TOPICS = [
    "Introduction and course overview",
    "Types of libraries",
    "Cataloging basics",
    "Reference sources",
    "Circulation systems",
    "Collection development",
    "Library technology",
    "Customer service",
    "Youth services",
    "Supervision",
    "Copyright and privacy",
    "Acquisitions workflow",
    "Preservation",
    "Ethics",
]
ASSIGNMENTS = [
    "Discussion posts",
    "Midterm exam",
    "Final exam",
    "Case study",
    "Lab exercises",
    "Research guide project",
    "Reflection paper",
]
POLICY = (
    "Academic Integrity: All work must be your own; plagiarism is reported. "
    "Disability Services: Students who need accommodations should contact the "
    "Disability Resource Center. Grading Scale: A 90-100, B 80-89, C 70-79."
)


def _course(rng: random.Random, n: int) -> dict:
    outcomes = [
        f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} in a {kind} library."
        for kind in rng.sample(
            [
                "public",
                "academic",
                "school",
                "special",
                "county",
                "branch",
                "medical",
                "law",
            ],
            8,
        )
    ]
    return {
        "code": f"LTA {100 + n}",
        "title": f"Library Course {n}",
        "description": "This course introduces "
        + ", ".join(rng.sample(OBJECTS, 4))
        + ".",
        "outcomes": outcomes,
        "topics": [f"{t} ({n}.{i})" for i, t in enumerate(rng.sample(TOPICS, 12), 1)],
        "assignments": [
            f"{a}: {rng.choice([10, 15, 20, 25])}%" for a in rng.sample(ASSIGNMENTS, 5)
        ],
        "readings": [f"Author {n}. Working in Libraries, {rng.randint(2, 9)}th ed."],
    }


def _md(c: dict) -> str:
    parts = [
        f"# {c['code']}: {c['title']}",
        "",
        "**Credits:** 3",
        "",
        "## Course Description",
        "",
        c["description"],
        "",
        "## Student Learning Outcomes",
        "",
        "Upon successful completion of this course, students will be able to:",
        "",
    ]
    parts += [f"{i}. {o}" for i, o in enumerate(c["outcomes"], 1)]
    parts += ["", "## Course Schedule", ""]
    parts += [f"- **Week {i}:** {t}" for i, t in enumerate(c["topics"], 1)]
    parts += ["", "## Assignments and Evaluation", ""] + [
        f"- {a}" for a in c["assignments"]
    ]
    parts += ["", "## Required Texts", ""] + [f"- {r}" for r in c["readings"]]
    parts += ["", "## College Policies", "", POLICY, ""]
    return "\n".join(parts)


def _txt(c: dict) -> str:
    parts = [
        f"Course: {c['code']} {c['title']}",
        "Credits: 3",
        "",
        "COURSE DESCRIPTION",
        "",
        c["description"],
        "",
        "COURSE OBJECTIVES",
        "",
    ]
    parts += [f"  {i}. {o}" for i, o in enumerate(c["outcomes"], 1)]
    parts += ["", "WEEKLY TOPICS", ""]
    parts += [f"  Week {i}   {t}" for i, t in enumerate(c["topics"], 1)]
    parts += ["", "GRADED WORK", ""] + [f"  - {a}" for a in c["assignments"]]
    parts += ["", "REQUIRED READINGS", ""] + [f"  - {r}" for r in c["readings"]]
    parts += ["", "COURSE POLICIES", "", POLICY, ""]
    return "\n".join(parts)


def _html(c: dict) -> str:
    li = "".join
    return (
        "<html><head><title>x</title><script>var a=1;</script></head><body>"
        "<header><nav><a href='/'>Home</a></nav></header><main>"
        f"<h1>{c['code']} {c['title']}</h1><p><b>Credits:</b> 3</p>"
        f"<h2>Course Description</h2><p>{c['description']}</p>"
        "<h2>Course Outcomes</h2><ol>"
        + li(f"<li>{o}</li>" for o in c["outcomes"])
        + "</ol><h2>Course Schedule</h2><table><tr><th>Week</th><th>Topic</th></tr>"
        + li(f"<tr><td>{i}</td><td>{t}</td></tr>" for i, t in enumerate(c["topics"], 1))
        + "</table><h2>Graded Work</h2><ul>"
        + li(f"<li>{a}</li>" for a in c["assignments"])
        + "</ul><h2>Required Texts</h2><ul>"
        + li(f"<li>{r}</li>" for r in c["readings"])
        + f"</ul><h2>College Policies</h2><p>{POLICY}</p></main>"
        "<footer>(c) College</footer></body></html>"
    )


def _docx(c: dict, path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading(f"{c['code']} {c['title']}", level=0)
    d.add_paragraph("Credits: 3")
    d.add_heading("Course Description", level=1)
    d.add_paragraph(c["description"])
    d.add_heading("Course Objectives", level=1)
    for o in c["outcomes"]:
        d.add_paragraph(o, style="List Number")
    d.add_heading("Weekly Topics", level=1)
    table = d.add_table(rows=1 + len(c["topics"]), cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Week", "Topic"
    for i, t in enumerate(c["topics"], 1):
        table.cell(i, 0).text, table.cell(i, 1).text = str(i), t
    d.add_heading("Assessment", level=1)
    for a in c["assignments"]:
        d.add_paragraph(a, style="List Bullet")
    d.add_heading("Required Readings", level=1)
    for r in c["readings"]:
        d.add_paragraph(r, style="List Bullet")
    d.add_heading("Institutional Policies", level=1)
    d.add_paragraph(POLICY)
    d.save(str(path))


def _pdf(c: dict, path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()

    def line(text: str) -> None:
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")

    line(f"{c['code']} {c['title']}")
    line("Credits: 3")
    line("Course Description")
    line(c["description"])
    line("Course Outcomes")
    for i, o in enumerate(c["outcomes"], 1):
        line(f"{i}. {o}")
    line("Topical Outline")
    for i, t in enumerate(c["topics"], 1):
        line(f"- Week {i}: {t}")
    line("Assignments and Evaluation")
    for a in c["assignments"]:
        line(f"- {a}")
    line("Required Texts")
    for r in c["readings"]:
        line(f"- {r}")
    line("College Policies")
    line(POLICY)
    pdf.output(str(path))


def _xlsx(courses: list[dict], path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Outcomes"
    ws.append(["course_code", "course_title", "kind", "text"])
    for c in courses:
        for o in c["outcomes"]:
            ws.append([c["code"], c["title"], "outcome", o])
        for t in c["topics"]:
            ws.append([c["code"], c["title"], "topic", t])
    wb.save(str(path))


def generate(folder: Path, per_format: int, seed: int = 0) -> dict[str, list[Path]]:
    """Write the batch; return the files of each format."""
    rng = random.Random(seed)
    files: dict[str, list[Path]] = {
        f: [] for f in ("md", "txt", "html", "docx", "pdf", "xlsx")
    }
    n = 0
    for fmt in ("md", "txt", "html", "docx", "pdf"):
        sub = folder / fmt
        sub.mkdir(parents=True)
        for _ in range(per_format):
            n += 1
            c = _course(rng, n)
            path = sub / f"LTA{100 + n}_syllabus.{fmt}"
            if fmt == "md":
                path.write_text(_md(c), encoding="utf-8")
            elif fmt == "txt":
                path.write_text(_txt(c), encoding="utf-8")
            elif fmt == "html":
                path.write_text(_html(c), encoding="utf-8")
            elif fmt == "docx":
                _docx(c, path)
            else:
                _pdf(c, path)
            files[fmt].append(path)
    sub = folder / "xlsx"
    sub.mkdir()
    for k in range(max(1, per_format // 5)):
        batch = []
        for _ in range(5):
            n += 1
            batch.append(_course(rng, n))
        path = sub / f"sheet_{k:03d}.xlsx"
        _xlsx(batch, path)
        files["xlsx"].append(path)
    return files


def _time(paths, repeat: int) -> tuple[float, int, int, int]:
    times = []
    program = None
    for _ in range(repeat):
        start = time.perf_counter()
        program = la.load_syllabi(*paths, progress=False)
        times.append(time.perf_counter() - start)
    assert program is not None
    errors = int((program.problems["severity"] == "error").sum())
    return (
        statistics.median(times),
        len(program.courses),
        len(program.statements),
        errors,
    )


def sheet_program(rows: int, fmt: str, repeat: int) -> None:
    """Time ``load_syllabi`` on ``rows`` outcome-sheet rows in ``fmt`` sheets."""
    import scale  # bench/scale.py, beside this script

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        program_rows = scale.make_rows(la.load_framework("lssc"), rows)
        paths = scale.write_sheets(program_rows, folder, fmt)
        print(
            f"generated {rows:,} rows in {len(paths)} {fmt} sheet(s) in "
            f"{time.perf_counter() - t0:.1f} s"
        )
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            program = la.load_syllabi(folder, progress=False)
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        print(
            f"load_syllabi: median {seconds:.2f} s of {repeat} runs "
            f"({', '.join(f'{t:.2f}' for t in times)}); {rows / seconds:,.0f} rows/s; "
            f"{len(program.courses):,} courses, {len(program.statements):,} "
            f"statements, {len(program.problems)} problem row(s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--sheet-rows",
        type=int,
        default=0,
        help="time one outcome-sheet program of this many rows instead",
    )
    parser.add_argument("--sheet-format", choices=("csv", "xlsx"), default="csv")
    args = parser.parse_args()
    if args.sheet_rows:
        sheet_program(args.sheet_rows, args.sheet_format, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        files = generate(folder, args.per_format)
        n_files = sum(len(v) for v in files.values())
        print(
            f"generated {n_files} files in {time.perf_counter() - t0:.1f} s "
            f"({', '.join(f'{k}: {len(v)}' for k, v in files.items())})"
        )
        print(f"median of {args.repeat} runs of load_syllabi")
        header = (
            f"{'format':<8}{'files':>7}{'courses':>9}{'statements':>12}"
            f"{'errors':>8}{'seconds':>9}{'files/s':>9}{'stmts/s':>10}"
        )
        print(header)
        print("-" * len(header))
        rows = [(fmt, paths) for fmt, paths in files.items()]
        rows.append(("all", [folder]))
        for fmt, paths in rows:
            count = n_files if fmt == "all" else len(paths)
            seconds, courses, statements, errors = _time(paths, args.repeat)
            print(
                f"{fmt:<8}{count:>7}{courses:>9}{statements:>12}{errors:>8}"
                f"{seconds:>9.2f}{count / seconds:>9.1f}{statements / seconds:>10.0f}"
            )


if __name__ == "__main__":
    main()
