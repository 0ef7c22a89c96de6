"""Word numbering read the way Word shows it: outline-numbered section headings
("I. COURSE OUTCOMES") are headings, the nesting level of a numbered item is
kept, and a table cell's paragraphs and line breaks stay separate lines.

Every document is built with python-docx; numbering is real ``w:numPr`` that
points at a numbering definition added to the numbering part.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import lta_align as la
from lta_align.ingest.docx import read_docx


def _numbering(document, fmt: str, text: str) -> str:
    """Add a one-level numbering definition ("upperRoman", "%1.") and return
    the id paragraphs use to point at it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    ids = [int(n.get(n.tag.replace("num", "numId"))) for n in numbering.num_lst]
    num_id = max(ids, default=0) + 1
    abstract_id = 900 + num_id
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl>'
        "</w:abstractNum>"
    )
    # abstract definitions come before the w:num elements
    numbering.insert(0, abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return str(num_id)


def _number(paragraph, num_id: str, ilvl: int = 0) -> None:
    """Number ``paragraph`` with ``w:numPr`` (what Word writes for 1. 2. 3.)."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = int(num_id)


def _add(document, text: str, num_id: str | None = None, *, ilvl: int = 0, **fmt):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = fmt.get("bold")
    run.font.all_caps = fmt.get("caps")
    if num_id is not None:
        _number(paragraph, num_id, ilvl)
    return paragraph


def _save(document, tmp_path: Path, name: str = "LTA120.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def _statements(path: Path) -> list[tuple[str, str]]:
    program = la.load_syllabi(path)
    return list(zip(program.statements.kind, program.statements.text, strict=True))


def _reasons(path: Path) -> list[str]:
    return list(la.load_syllabi(path).problems.reason)


def _outline_syllabus(heading_fmt: dict) -> object:
    import docx

    document = docx.Document()
    _add(document, "LTA 120 Reference and Information Services", bold=True)
    sections = _numbering(document, "upperRoman", "%1.")
    bullets = _numbering(document, "bullet", "\u2022")
    _add(document, "Course Description", sections, **heading_fmt)
    _add(
        document,
        "Introduces the reference interview, print and online reference sources, "
        "and information service in public and academic libraries.",
    )
    _add(document, "Student Learning Outcomes", sections, **heading_fmt)
    _add(document, "Conduct a reference interview with a library patron.", bullets)
    _add(document, "Evaluate online reference sources for accuracy.", bullets)
    _add(document, "Outline of Topics", sections, **heading_fmt)
    _add(document, "The reference interview", bullets)
    _add(document, "Ready reference sources", bullets)
    _add(document, "Virtual reference services", bullets)
    return document


@pytest.mark.parametrize(
    "heading_fmt",
    [{"bold": True}, {"caps": True}],
    ids=["bold-numbered-normal", "caps-run-property"],
)
def test_outline_numbered_bold_or_caps_section_headings_start_their_sections(
    tmp_path, heading_fmt
):
    path = _save(_outline_syllabus(heading_fmt), tmp_path)
    found = _statements(path)
    assert ("outcome", "Conduct a reference interview with a library patron.") in found
    assert ("outcome", "Evaluate online reference sources for accuracy.") in found
    assert ("topic", "The reference interview") in found
    assert ("topic", "Virtual reference services") in found
    assert all(text != "Student Learning Outcomes" for _, text in found)
    assert not any("no learning outcomes" in r for r in _reasons(path))


def test_outline_numbered_all_caps_text_headings_are_headings(tmp_path):
    import docx

    document = docx.Document()
    _add(document, "LTA 130 Circulation Services", bold=True)
    sections = _numbering(document, "upperRoman", "%1.")
    _add(document, "COURSE OBJECTIVES", sections)
    _add(document, "Students will:")
    inner = _numbering(document, "decimal", "%1.")
    _add(document, "Check materials in and out in an integrated library system.", inner)
    _add(document, "Explain overdue and fine policies to patrons.", inner)
    _add(document, "ASSIGNMENTS", sections)
    _add(document, "Circulation desk role-play", inner)
    path = _save(document, tmp_path, "LTA130.docx")
    found = _statements(path)
    assert (
        "outcome",
        "Check materials in and out in an integrated library system.",
    ) in found
    assert ("assessment", "Circulation desk role-play") in found


def test_heading_style_with_numbering_and_outline_level_styles_are_headings(
    tmp_path,
):
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    sections = _numbering(document, "upperRoman", "%1.")
    custom = document.styles.add_style("Syllabus Section", WD_STYLE_TYPE.PARAGRAPH)
    custom.element.get_or_add_pPr().append(
        parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>')
    )
    document.add_paragraph("LTA 140 Collection Development", style="Title")
    heading = document.add_paragraph("Course Outcomes", style="Heading 1")
    _number(heading, sections)
    document.add_paragraph("Apply selection criteria to print and digital materials.")
    document.add_paragraph("Major Topics", style="Syllabus Section")
    document.add_paragraph("Weeding with the CREW method")
    direct = document.add_paragraph("Textbook")
    direct._p.get_or_add_pPr().append(
        parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>')
    )
    document.add_paragraph("Disher, W. Crash Course in Collection Development.")
    path = _save(document, tmp_path, "LTA140.docx")
    blocks = read_docx(path, notes=[], max_chars=10**6)
    roles = {b.text: (b.role, b.level) for b in blocks}
    assert roles["Course Outcomes"] == ("heading", 1)
    assert roles["Major Topics"] == ("heading", 1)
    assert roles["Textbook"] == ("heading", 2)
    found = _statements(path)
    assert (
        "outcome",
        "Apply selection criteria to print and digital materials.",
    ) in found
    assert ("topic", "Weeding with the CREW method") in found
    assert (
        "reading",
        "Disher, W. Crash Course in Collection Development.",
    ) in found


def test_consecutive_numbered_bold_items_stay_list_items(tmp_path):
    """A numbered list of short bold items, one looking like a section name
    ("Collection development policies"), is a list, not headings."""
    import docx

    document = docx.Document()
    document.add_heading("LTA 150 Technical Services", 1)
    document.add_heading("Major Topics", 2)
    topics = _numbering(document, "decimal", "%1.")
    for text in (
        "Acquisitions workflows",
        "Collection development policies",
        "Processing and mending",
    ):
        _add(document, text, topics, bold=True)
    document.add_heading("Learning Outcomes", 2)
    document.add_paragraph("Process a new book for the shelf.", style="List Bullet")
    path = _save(document, tmp_path, "LTA150.docx")
    found = _statements(path)
    assert ("topic", "Acquisitions workflows") in found
    assert ("topic", "Collection development policies") in found
    assert ("topic", "Processing and mending") in found


def test_numbering_with_a_sentence_at_its_first_level_stays_list_items(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("LTA 160 Library Technology", 1)
    document.add_heading("Course Objectives", 2)
    outcomes = _numbering(document, "decimal", "%1.")
    other = _numbering(document, "bullet", "\u2022")
    _add(document, "Topics", outcomes, bold=True)
    _add(document, "Integrated library systems", other)
    _add(document, "Troubleshoot a public computer workstation.", outcomes, bold=True)
    path = _save(document, tmp_path, "LTA160.docx")
    blocks = read_docx(path, notes=[], max_chars=10**6)
    assert [b.role for b in blocks if b.text == "Topics"] == ["item"]
    found = _statements(path)
    assert ("outcome", "Troubleshoot a public computer workstation.") in found


def test_numbered_items_carry_their_nesting_level(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Learning Outcomes", 1)
    outcomes = _numbering(document, "decimal", "%1.")
    _add(document, "Describe bibliographic standards, including:", outcomes)
    _add(document, "MARC 21", outcomes, ilvl=1)
    _add(document, "Dublin Core", outcomes, ilvl=1)
    document.add_paragraph("Shelve items by call number.", style="List Bullet")
    unnumbered = document.add_paragraph("Weekly reading responses")
    # numId 0 removes numbering (Word writes it to cancel a style's list)
    _number(unnumbered, "0")
    blocks = read_docx(_save(document, tmp_path), notes=[], max_chars=10**6)
    levels = {b.text: (b.role, b.level) for b in blocks}
    assert levels["Describe bibliographic standards, including:"] == ("item", 1)
    assert levels["MARC 21"] == ("item", 2)
    assert levels["Dublin Core"] == ("item", 2)
    # a list style without its own w:numPr: the level is not known
    assert levels["Shelve items by call number."] == ("item", 0)
    assert levels["Weekly reading responses"][0] == "para"


def test_table_cell_paragraphs_bullets_and_line_breaks_are_separate_lines(tmp_path):
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    soft = document.add_paragraph("Reference desk hours")
    soft.add_run().add_break(WD_BREAK.LINE)
    soft.add_run("Monday to Thursday")
    table = document.add_table(rows=1, cols=2)
    first, second = table.rows[0].cells
    first.text = "Website evaluation worksheet"
    first.add_paragraph("Discussion board post")
    second.text = "Booktalk"
    bullets = _numbering(document, "bullet", "\u2022")
    for text in ("Shelf-reading log", "Catalog record\tcritique"):
        _number(second.add_paragraph(text), bullets)
    broken = second.add_paragraph("Citation quiz")
    broken.add_run().add_break(WD_BREAK.LINE)
    broken.add_run("Final  exam")
    blocks = read_docx(_save(document, tmp_path), notes=[], max_chars=10**6)
    para, row = blocks
    assert para.role == "para"
    assert para.text == "Reference desk hours\nMonday to Thursday"
    assert row.cells == (
        "Website evaluation worksheet\nDiscussion board post",
        "Booktalk\nShelf-reading log\nCatalog record critique\nCitation quiz\n"
        "Final exam",
    )
