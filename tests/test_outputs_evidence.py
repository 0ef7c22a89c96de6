"""Issue 13: the evidence DOCX a committee reads (caveat once, header rows on
every page, the syllabus named by its file name only)."""

from __future__ import annotations

import dataclasses

import docx
import pytest
from _factories import make_alignment

from lta_align.evidence import evidence_pack


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    alignment = make_alignment()
    courses = alignment.program.courses.assign(
        source="/home/dana/Documents/Private stuff/syllabi/LTA140.docx"
    )
    program = dataclasses.replace(alignment.program, courses=courses)
    alignment = dataclasses.replace(alignment, program=program)
    out = tmp_path_factory.mktemp("ev")
    return evidence_pack(alignment, "LTA 140", "collection_management", out)


def _text(path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def test_docx_states_the_wording_caveat_once(pack):
    text = _text(pack[0])
    assert text.count("About the wording.") == 1
    assert text.count("All competency statements in this file are paraphrases") == 1
    assert "is a paraphrase made for matching" not in text  # the second caveat
    assert "official wording" in text


def test_docx_table_header_repeats_on_every_page(pack):
    table = docx.Document(pack[0]).tables[0]
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None
    tags = {el.tag.rsplit("}", 1)[1] for el in tr_pr}
    assert "tblHeader" in tags


def test_docx_names_the_syllabus_file_not_its_local_path(pack):
    text = _text(pack[0])
    assert "Syllabus file: LTA140.docx" in text
    assert "/home/dana" not in text and "Private stuff" not in text
