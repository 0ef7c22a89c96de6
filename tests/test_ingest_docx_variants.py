"""Valid Word files in the shapes Word and other tools really write are read.

Each case starts from a small python-docx syllabus and changes its XML the way
Word, LibreOffice, Google Docs or a template system does.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

import lta_align as la

OUTCOMES = ["Explain library values.", "Describe the reference interview."]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _base() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("LTA 101 Introduction to Libraries", 1)
    document.add_heading("Learning Outcomes", 2)
    for text in OUTCOMES:
        document.add_paragraph(text, style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Student Learning Outcome"
    table.rows[0].cells[1].text = "Assessment"
    table.rows[1].cells[0].text = "Apply the Dewey Decimal Classification."
    table.rows[1].cells[1].text = "Shelving lab"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _rewrite(data: bytes, edit) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                content = edit(info.filename, content.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, content)
    return out.getvalue()


def _in(name: str, fn):
    return lambda filename, text: fn(text) if filename == name else text


def _comment_and_pi(text: str) -> str:
    return text.replace(
        "<w:body>", "<w:body><!-- made by a template --><?mso-application progid?>", 1
    )


def _untyped_style(text: str) -> str:
    return text.replace(
        "</w:styles>",
        '<w:style w:styleId="Loose"><w:name w:val="Loose"/></w:style></w:styles>',
    )


def _text_box(text: str) -> str:
    box = (
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml">'
        "<v:textbox><w:txbxContent><w:p><w:r><w:t>Use the integrated library "
        "system.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
        "</w:r></w:p>"
    )
    return text.replace("<w:tbl>", box + "<w:tbl>", 1)


def _sdt_cells(text: str) -> str:
    return re.sub(
        r"(<w:tc>.*?</w:tc>)",
        r"<w:sdt><w:sdtPr/><w:sdtContent>\1</w:sdtContent></w:sdt>",
        text,
        flags=re.S,
    )


def _sdt_runs(text: str) -> str:
    return text.replace(
        "<w:t>Explain library values.</w:t>",
        "<w:t>Explain</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t> library values."
        "</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t></w:t>",
    )


def _strict(filename: str, text: str) -> str:
    text = text.replace(W, "http://purl.oclc.org/ooxml/wordprocessingml/main")
    return text.replace(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    )


def _template(text: str) -> str:
    return text.replace("document.main+xml", "template.main+xml")


CASES = {
    "comment_and_processing_instruction": _in("word/document.xml", _comment_and_pi),
    "style_without_a_type": _in("word/styles.xml", _untyped_style),
    "text_box": _in("word/document.xml", _text_box),
    "content_controls_around_cells": _in("word/document.xml", _sdt_cells),
    "content_control_inside_a_paragraph": _in("word/document.xml", _sdt_runs),
    "strict_open_xml": _strict,
    "template_content_type": _in("[Content_Types].xml", _template),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_valid_word_variant_is_read_in_full(tmp_path, case):
    path = tmp_path / "LTA101.docx"
    path.write_bytes(_rewrite(_base(), CASES[case]))
    program = la.load_syllabi(path, strict=True)
    st = program.statements
    kinds = dict(zip(st.text, st.kind, strict=True))
    for text in OUTCOMES:
        assert kinds.get(text) == "outcome", st.to_string()
    assert kinds.get("Apply the Dewey Decimal Classification.") == "outcome"
    assert kinds.get("Shelving lab") == "assessment"
    if case == "text_box":
        assert "Use the integrated library system." in kinds
    assert program.courses.course_code.tolist() == ["LTA 101"]
