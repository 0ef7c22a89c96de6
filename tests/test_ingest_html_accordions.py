"""Syllabus-management pages whose section titles are accordion controls
("<button class="accordion">Course Schedule</button><div class="panel">") outside
any heading: each titles the section its panel holds; other buttons stay out."""

from __future__ import annotations

from _ingest_helpers import kinds_and_texts as _rows

import lta_align as la
from lta_align.ingest.html._reader import _parse


def _load(tmp_path, text: str):
    (tmp_path / "LTA140.html").write_text(text, encoding="utf-8")
    return la.load_syllabi(tmp_path)


def _page(body: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>LTA 140 | Syllabus</title></head><body>"
        "<main><h1>LTA 140 Circulation Services</h1>" + body + "</main></body></html>"
    )


def _section(title: str, panel: str, *, button: str = 'class="accordion"') -> str:
    return (
        f'<div class="component"><button {button}>{title}</button>'
        f'<div class="panel">{panel}</div></div>'
    )


ACCORDIONS = _page(
    _section(
        "Student Learning Outcomes",
        "<ol><li>Explain loan periods, renewals and holds to patrons.</li>"
        "<li>Process interlibrary loan requests in the ILS.</li></ol>",
    )
    + _section(
        "Course Schedule",
        "<table><tr><th>Week</th><th>Topic</th></tr>"
        "<tr><td>Week 1</td><td>Circulation desk procedures</td></tr>"
        "<tr><td>Week 2</td><td>Patron records and privacy</td></tr></table>",
    )
    + _section(
        "Grading",
        "<table><tr><th>Assessment</th><th>Weight</th></tr>"
        "<tr><td>Overdue notice project</td><td>40%</td></tr>"
        "<tr><td>Desk scenario quiz</td><td>60%</td></tr></table>",
    )
    + _section(
        "Required Texts",
        "<p>Circulation Desk Manual, 3rd ed. ALA Editions, 2021.</p>",
    )
    + _section(
        "Disability Services",
        "<p>Students who need accommodations should contact the Access Office "
        "early in the term.</p>",
    )
)


def test_accordion_buttons_title_their_panels(tmp_path):
    program = _load(tmp_path, ACCORDIONS)
    assert _rows(program) == [
        ("outcome", "Explain loan periods, renewals and holds to patrons."),
        ("outcome", "Process interlibrary loan requests in the ILS."),
        ("topic", "Circulation desk procedures"),
        ("topic", "Patron records and privacy"),
        ("assessment", "Overdue notice project"),
        ("assessment", "Desk scenario quiz"),
        ("reading", "Circulation Desk Manual, 3rd ed. ALA Editions, 2021."),
    ]
    # the accommodations policy is counted as boilerplate, not an outcome
    assert program.courses["dropped_boilerplate"].tolist() == [1]
    assert "Access Office" not in " ".join(program.statements["text"])


def test_accordion_reads_like_the_same_page_with_details_summary(tmp_path):
    details = (
        ACCORDIONS.replace('<button class="accordion">', "<details><summary>")
        .replace("</button>", "</summary>")
        .replace('<div class="panel">', "<div>")
        .replace("</div></div>", "</div></details></div>")
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "d").mkdir()
    accordion = _rows(_load(tmp_path / "a", ACCORDIONS))
    assert accordion == _rows(_load(tmp_path / "d", details))


def test_a_control_naming_no_section_is_a_heading_when_a_panel_follows(tmp_path):
    page = _page(
        _section(
            "Course Objectives",
            "<ul><li>Shelve materials by call number.</li></ul>",
        )
        # "Week by Week" names no section, but its button opens a panel (by id)
        + '<button aria-controls="wk" aria-expanded="false">Week by Week</button>'
        '<div id="wk"><ul><li>Shelf reading and inventory</li></ul></div>'
    )
    program = _load(tmp_path, page)
    # the panel's item is under a heading of its own, named to the user
    assert _rows(program) == [("outcome", "Shelve materials by call number.")]
    assert "'Week by Week' (1)" in " ".join(program.problems["reason"])
    blocks = _parse(page).blocks
    assert [(b.text, b.role, b.level) for b in blocks if b.text == "Week by Week"] == [
        ("Week by Week", "heading", 2)
    ]


def test_controls_that_title_nothing_stay_dropped(tmp_path):
    page = _page(
        _section(
            "Learning Outcomes",
            "<ul><li>Register new patrons and issue library cards.</li></ul>"
            "<p><button>Print</button></p>"
            "<button type='submit'>Submit</button>"
            "<p>Apply the library's fine and fee schedule.</p>"
            "<p>Questions? <button>Show more</button></p>",
        )
    )
    rows = _rows(_load(tmp_path, page))
    text = " ".join(t for _, t in rows)
    for control in ("Print", "Submit", "Show more"):
        assert control not in text
    # what follows a dropped control is still in the outcomes section
    assert ("outcome", "Apply the library's fine and fee schedule.") in rows
    assert ("outcome", "Questions?") in rows


def test_long_control_text_is_no_heading_even_before_a_panel():
    long = "Click here to read every detail about this week in the course"
    blocks = _parse(
        "<h2>Course Topics</h2><button class='accordion'>"
        + long
        + "</button><div class='panel'><p>Reader advisory interviews</p></div>"
    ).blocks
    assert [(b.text, b.role) for b in blocks] == [
        ("Course Topics", "heading"),
        ("Reader advisory interviews", "para"),
    ]


def test_bootstrap_accordion_wrappers_are_containers_not_headings():
    blocks = _parse(
        "<h2>Reference Services</h2>"
        '<div class="accordion" id="acc"><div class="accordion-item">'
        '<button class="accordion-button" aria-controls="u1">Units of Study</button>'
        '<div id="u1" class="accordion-collapse collapse show">'
        '<div class="accordion-body"><ul><li>The reference interview</li></ul>'
        "</div></div></div></div>"
    ).blocks
    # one below the last real heading (h2)
    assert [(b.text, b.role, b.level) for b in blocks] == [
        ("Reference Services", "heading", 2),
        ("Units of Study", "heading", 3),
        ("The reference interview", "item", 0),
    ]


def test_a_button_naming_a_section_is_a_heading_without_a_panel():
    blocks = _parse(
        "<h1>LTA 150</h1><button>Required Readings</button>"
        "<p>Cassell, Reference and Information Services.</p>"
    ).blocks
    assert [(b.text, b.role, b.level) for b in blocks] == [
        ("LTA 150", "heading", 1),
        ("Required Readings", "heading", 2),
        ("Cassell, Reference and Information Services.", "para", 0),
    ]
