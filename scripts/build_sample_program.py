"""Build the bundled sample LTA program (Riverbend Community College).

The files are written to ``data/syllabi/``.

Run from the repository root::

    python scripts/build_sample_program.py

The Markdown (.md) and plain-text (.txt) syllabi in ``data/syllabi/`` are their own
sources and are not touched. Every other syllabus is generated from one source file in
``data/sample_sources/`` written in a tiny markup:

* header lines ``key: value`` at the top of the file, up to the first blank line.
  ``format`` (docx, pdf, html or xlsx) picks the output; ``code`` and ``title`` make the
  document title; the other keys (credits, term, instructor, email, ...) are printed as
  ``Key: value`` lines under the title, in file order.
* ``## Heading`` for a section, ``### Heading`` for a sub-section.
* ``- item`` for a bulleted item and ``1. item`` for a numbered item. A following line
  indented by two or more spaces continues the same item.
* ``| a | b |`` pipe tables; the first row is the header, ``|---|---|`` rows are
  ignored.
* any other non-blank lines form a paragraph (consecutive lines are joined).

The output file name is the source file name with the new extension. For ``xlsx``
the source holds one pipe table with the columns ``Type | Learning Outcome`` and the
sheet "Outcomes" gets the header ``Course, Course Title, Type, Learning Outcome``.

Output is deterministic: fixed document dates and fixed ZIP entry times, so running the
script twice gives byte-identical files.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from _build_utils import FIXED_DATETIME, make_zip_deterministic, write_text

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sample_sources"
OUTPUT = ROOT / "data" / "syllabi"

COLLEGE = "Riverbend Community College"
PROGRAM = "Library Technical Assistant Program"
AUTHOR = "Riverbend Community College, Library Technical Assistant Program"

# --------------------------------------------------------------------------- parsing


@dataclass
class Block:
    kind: str  # heading | para | bullets | numbered | table
    level: int = 0
    text: str = ""
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Source:
    path: Path
    meta: dict[str, str]
    blocks: list[Block]

    @property
    def title(self) -> str:
        return f"{self.meta['code']} {self.meta['title']}"


_META_RE = re.compile(r"^([a-z_]+):\s*(.*)$")
_NUM_RE = re.compile(r"^(\d+)\.\s+(.*)$")
_SEP_CELL_RE = re.compile(r"^:?-{2,}:?$")


def parse_source(path: Path) -> Source:
    lines = path.read_text(encoding="utf-8").splitlines()
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        m = _META_RE.match(lines[i])
        if not m:
            raise ValueError(f"{path.name}:{i + 1}: expected 'key: value' header line")
        meta[m.group(1)] = m.group(2).strip()
        i += 1
    for key in ("format", "code", "title"):
        if key not in meta:
            raise ValueError(f"{path.name}: header line '{key}:' is missing")

    blocks: list[Block] = []
    current: Block | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            blocks.append(current)
        current = None

    for raw in lines[i:]:
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            close()
            continue
        if stripped.startswith("#"):
            close()
            level = len(stripped) - len(stripped.lstrip("#"))
            blocks.append(Block("heading", level=level, text=stripped[level:].strip()))
            continue
        if (
            line.startswith("  ")
            and current is not None
            and current.kind
            in (
                "bullets",
                "numbered",
            )
        ):
            current.items[-1] += " " + stripped
            continue
        if stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if current is None or current.kind != "table":
                close()
                current = Block("table")
            if not all(_SEP_CELL_RE.match(c) for c in cells):
                current.rows.append(cells)
            continue
        if stripped.startswith("- "):
            if current is None or current.kind != "bullets":
                close()
                current = Block("bullets")
            current.items.append(stripped[2:].strip())
            continue
        m = _NUM_RE.match(stripped)
        if m:
            if current is None or current.kind != "numbered":
                close()
                current = Block("numbered")
            current.items.append(m.group(2).strip())
            continue
        if current is None or current.kind != "para":
            close()
            current = Block("para", text=stripped)
        else:
            current.text += " " + stripped
    close()
    return Source(path=path, meta=meta, blocks=blocks)


def meta_lines(src: Source) -> list[tuple[str, str]]:
    """Header lines shown under the title, as (label, value)."""
    skip = {"format", "code", "title"}
    out = [("Course", src.title)]
    for key, value in src.meta.items():
        if key not in skip:
            out.append((key.replace("_", " ").capitalize(), value))
    return out


# --------------------------------------------------------------------------- DOCX


def _docx_restart_numbering(doc, paragraph, num_ids: list[int]) -> None:
    """Give *paragraph* a fresh ``w:num`` so each numbered list starts at 1."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract_id = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(style_num):
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    new_id = 100 + len(num_ids)
    num_ids.append(new_id)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    abstract = OxmlElement("w:abstractNumId")
    abstract.set(qn("w:val"), abstract_id)
    num.append(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return new_id


def _docx_set_num(paragraph, num_id: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    numid = OxmlElement("w:numId")
    numid.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(numid)
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, numpr)


def build_docx(src: Source, out: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    props = doc.core_properties
    props.title = src.title
    props.subject = f"{src.meta.get('term', '')} course syllabus".strip()
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.keywords = "syllabus; Library Technical Assistant"
    props.comments = ""
    props.category = "Syllabus"
    props.revision = 1
    props.created = FIXED_DATETIME.replace(tzinfo=None)
    props.modified = FIXED_DATETIME.replace(tzinfo=None)
    props.last_printed = FIXED_DATETIME.replace(tzinfo=None)

    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)

    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.text = f"{COLLEGE} | {PROGRAM}"
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot = section.footer.paragraphs[0]
    foot.text = f"{src.title} | {src.meta.get('term', '')} | Syllabus subject to change"
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_paragraph(src.title, style="Title")
    for label, value in meta_lines(src)[1:]:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)

    num_ids: list[int] = []
    for block in src.blocks:
        if block.kind == "heading":
            doc.add_heading(block.text, level=max(1, block.level - 1))
        elif block.kind == "para":
            doc.add_paragraph(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif block.kind == "numbered":
            num_id = None
            for item in block.items:
                p = doc.add_paragraph(item, style="List Number")
                if num_id is None:
                    num_id = _docx_restart_numbering(doc, p, num_ids)
                _docx_set_num(p, num_id)
        elif block.kind == "table":
            header, *body = block.rows
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for row in body:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
            doc.add_paragraph()
    doc.save(out)
    make_zip_deterministic(out)


# --------------------------------------------------------------------------- PDF


def _latin1(text: str) -> str:
    text.encode("latin-1")  # fail loudly: core PDF fonts only know latin-1
    return text


def build_pdf(src: Source, out: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    footer_text = f"{src.title} - {src.meta.get('term', '')}"

    class SyllabusPDF(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", "I", 8)
            self.set_text_color(90, 90, 90)
            self.cell(
                0,
                5,
                f"{COLLEGE} - {PROGRAM}",
                align="R",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            self.set_text_color(0, 0, 0)
            self.ln(3)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", "I", 8)
            self.set_text_color(90, 90, 90)
            self.cell(
                0, 5, f"{footer_text} - Page {self.page_no()} of {{nb}}", align="C"
            )
            self.set_text_color(0, 0, 0)

    pdf = SyllabusPDF(format="letter", unit="mm")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_creation_date(FIXED_DATETIME)
    pdf.set_title(_latin1(src.title))
    pdf.set_author(AUTHOR)
    pdf.set_subject(f"{src.meta.get('term', '')} course syllabus")
    pdf.set_keywords("syllabus, Library Technical Assistant")
    pdf.set_creator("Riverbend CC syllabus builder")
    pdf.set_producer("Riverbend CC syllabus builder")
    pdf.set_lang("en-US")
    pdf.add_page()

    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(src.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    for label, value in meta_lines(src)[1:]:
        pdf.set_font("helvetica", "B", 10)
        pdf.cell(pdf.get_string_width(f"{label}: ") + 1, 5.5, f"{label}: ")
        pdf.set_font("helvetica", "", 10)
        pdf.multi_cell(0, 5.5, _latin1(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)

    width = pdf.w - pdf.l_margin - pdf.r_margin
    for block in src.blocks:
        if block.kind == "heading":
            pdf.ln(3)
            pdf.set_font("helvetica", "B", 13 if block.level <= 2 else 11)
            pdf.multi_cell(
                0, 7, _latin1(block.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.ln(1)
        elif block.kind == "para":
            pdf.set_font("helvetica", "", 10)
            pdf.multi_cell(
                0, 5, _latin1(block.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.ln(1.5)
        elif block.kind in ("bullets", "numbered"):
            pdf.set_font("helvetica", "", 10)
            for n, item in enumerate(block.items, start=1):
                marker = "-" if block.kind == "bullets" else f"{n}."
                pdf.set_x(pdf.l_margin + 3)
                pdf.cell(7, 5, marker)
                pdf.multi_cell(
                    width - 10, 5, _latin1(item), new_x=XPos.LMARGIN, new_y=YPos.NEXT
                )
                pdf.ln(0.8)
            pdf.ln(1)
        elif block.kind == "table":
            header, *body = block.rows
            ncols = len(header)
            widths = (18, width - 18) if ncols == 2 else None
            pdf.set_font("helvetica", "", 9.5)
            with pdf.table(
                col_widths=widths,
                text_align="LEFT",
                line_height=5,
                first_row_as_headings=True,
            ) as table:
                for row in block.rows:
                    r = table.row()
                    for text in row:
                        r.cell(_latin1(text))
            pdf.ln(3)
    pdf.output(str(out))


# --------------------------------------------------------------------------- HTML

_HTML_NAV = """\
<header class="site-header">
  <a class="skip-link" href="#main">Skip to main content</a>
  <div class="brand"><a href="/">{college}</a></div>
  <nav aria-label="Main menu">
    <ul>
      <li><a href="/admissions/">Admissions</a></li>
      <li><a href="/academics/">Academics</a></li>
      <li><a href="/financial-aid/">Financial Aid</a></li>
      <li><a href="/student-services/">Student Services</a></li>
      <li><a href="/library/">Library</a></li>
      <li><a href="/calendar/">Calendar</a></li>
      <li><a href="/apply/">Apply Now</a></li>
    </ul>
  </nav>
  <nav aria-label="Breadcrumb" class="breadcrumb">
    <ol>
      <li><a href="/">Home</a></li>
      <li><a href="/academics/">Academics</a></li>
      <li><a href="/academics/lta/">Library Technical Assistant</a></li>
      <li aria-current="page">{code} Syllabus</li>
    </ol>
  </nav>
</header>
"""

_HTML_FOOTER = """\
<footer class="site-footer">
  <div class="footer-contact">
    <p><strong>{college}</strong><br>
    4100 Riverbend Parkway<br>
    Millbrook, XX 00000<br>
    Phone: 555-0100 |
    <a href="mailto:info@riverbend.example.edu">info@riverbend.example.edu</a></p>
  </div>
  <ul class="footer-links">
    <li><a href="/privacy/">Privacy Notice</a></li>
    <li><a href="/nondiscrimination/">Nondiscrimination Statement</a></li>
    <li><a href="/consumer-information/">Consumer Information</a></li>
    <li><a href="/jobs/">Employment</a></li>
    <li><a href="/sitemap/">Site Map</a></li>
  </ul>
  <p class="legal">{college} is an equal opportunity institution and does not
  discriminate on the basis of race, color, national origin, sex, disability, age,
  religion or any other protected status in its programs and activities.</p>
  <p class="copyright">&copy; 2026 {college}. All rights reserved.
  Page last updated August 17, 2026.</p>
</footer>
"""


def _html_block(block: Block) -> str:
    esc = html.escape
    if block.kind == "heading":
        level = min(6, max(2, block.level))
        return f"<h{level}>{esc(block.text)}</h{level}>"
    if block.kind == "para":
        return f"<p>{esc(block.text)}</p>"
    if block.kind in ("bullets", "numbered"):
        tag = "ul" if block.kind == "bullets" else "ol"
        items = "\n".join(f"  <li>{esc(item)}</li>" for item in block.items)
        return f"<{tag}>\n{items}\n</{tag}>"
    if block.kind == "table":
        header, *body = block.rows
        head = "".join(f'<th scope="col">{esc(c)}</th>' for c in header)
        rows = "\n".join(
            "    <tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
            for row in body
        )
        return (
            '<table class="schedule">\n  <thead>\n    <tr>' + head + "</tr>\n"
            "  </thead>\n  <tbody>\n" + rows + "\n  </tbody>\n</table>"
        )
    raise ValueError(block.kind)


def build_html(src: Source, out: Path) -> None:
    esc = html.escape
    meta = "\n".join(
        f"  <li><strong>{esc(label)}:</strong> {esc(value)}</li>"
        for label, value in meta_lines(src)[1:]
    )
    body = "\n\n".join(_html_block(b) for b in src.blocks)
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(src.title)} | Syllabus | {COLLEGE}</title>\n"
        '<link rel="stylesheet" href="/assets/css/site.css">\n'
        "</head>\n<body>\n"
        + _HTML_NAV.format(college=COLLEGE, code=esc(src.meta["code"]))
        + '<main id="main">\n<article class="syllabus">\n'
        f"<h1>{esc(src.title)}</h1>\n"
        f'<ul class="course-info">\n{meta}\n</ul>\n\n' + body + "\n</article>\n"
        '<aside class="sidebar">\n<h2>Related Links</h2>\n<ul>\n'
        '  <li><a href="/academics/lta/">LTA Program Overview</a></li>\n'
        '  <li><a href="/bookstore/">Campus Bookstore</a></li>\n'
        '  <li><a href="/tutoring/">Tutoring Center</a></li>\n'
        '  <li><a href="/canvas/">Log in to Canvas</a></li>\n'
        "</ul>\n</aside>\n</main>\n"
        + _HTML_FOOTER.format(college=COLLEGE)
        + "</body>\n</html>\n"
    )
    write_text(out, page)


# --------------------------------------------------------------------------- XLSX

XLSX_HEADER = ["Course", "Course Title", "Type", "Learning Outcome"]


def build_xlsx(src: Source, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    tables = [b for b in src.blocks if b.kind == "table"]
    if len(tables) != 1 or tables[0].rows[0] != ["Type", "Learning Outcome"]:
        raise ValueError(
            f"{src.path.name}: expected one table 'Type | Learning Outcome'"
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "Outcomes"
    ws.append(XLSX_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for kind, text in tables[0].rows[1:]:
        ws.append([src.meta["code"], src.meta["title"], kind, text])
    ws.freeze_panes = "A2"
    for col, width in zip("ABCD", (10, 22, 12, 100), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    props = wb.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.title = src.title
    props.created = FIXED_DATETIME.replace(tzinfo=None)
    props.modified = FIXED_DATETIME.replace(tzinfo=None)
    wb.save(out)
    make_zip_deterministic(out)


# --------------------------------------------------------------------------- main

BUILDERS = {
    "docx": build_docx,
    "pdf": build_pdf,
    "html": build_html,
    "xlsx": build_xlsx,
}


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    sources = sorted(SOURCES.glob("LTA*.md"))
    if not sources:
        print(f"no sources found in {SOURCES}", file=sys.stderr)
        return 1
    for path in sources:
        src = parse_source(path)
        fmt = src.meta["format"]
        if fmt not in BUILDERS:
            raise ValueError(
                f"{path.name}: unknown format {fmt!r}; use one of {sorted(BUILDERS)}"
            )
        out = OUTPUT / f"{path.stem}.{fmt}"
        BUILDERS[fmt](src, out)
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
