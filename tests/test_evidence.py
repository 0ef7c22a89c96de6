"""Course-approval evidence pack (DOCX + XLSX) and the `evidence` command."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from _factories import make_alignment

import lta_align as la
from lta_align.cli import main
from lta_align.errors import OutputExistsError
from lta_align.evidence import EvidenceArgumentError, evidence_pack, evidence_table

SYLLABI = Path(__file__).resolve().parents[1] / "data" / "syllabi"


@pytest.fixture(scope="module")
def alignment():
    return make_alignment()


@pytest.fixture(scope="module")
def pack(alignment, tmp_path_factory):
    out = tmp_path_factory.mktemp("ev")
    return evidence_pack(alignment, "LTA 140", "collection_management", out)


def _docx_text(path) -> str:
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_evidence_pack_is_exposed_lazily():
    assert la.evidence_pack is evidence_pack


def test_pack_writes_docx_and_xlsx_named_after_course_and_set(pack):
    assert [p.name for p in pack] == [
        "LTA140_collection_management_evidence.docx",
        "LTA140_collection_management_evidence.xlsx",
    ]


def test_docx_has_one_table_row_per_competency_of_the_set(pack, alignment):
    d = docx.Document(pack[0])
    assert len(d.tables) == 2  # the map, then instructor qualifications
    n = len(alignment.framework.competencies_of("collection_management"))
    table = d.tables[0]
    assert len(table.rows) == 1 + n
    assert table.rows[0].cells[1].text == "Competency"
    numbers = [row.cells[0].text for row in table.rows[1:]]
    assert numbers == [str(i) for i in range(1, n + 1)]
    row8 = table.rows[8].cells
    assert "preserving library materials" in row8[1].text
    assert row8[6].text == "partial"


def test_docx_states_objectives_methods_missing_list_and_wording_note(pack):
    text = _docx_text(pack[0])
    assert "LTA 140 Acquisitions and Collection Management" in text
    assert "2. Course learning objectives" in text
    assert "Method of instruction: Lecture, discussion and hands-on lab work." in text
    assert "5. Competencies not yet covered" in text
    assert "#8 Understand the principles and basic methods of preserving" in text
    assert "paraphrase" in text and "official wording" in text
    assert "covers 9 of 10 competencies" in text
    assert "(reviewed)" in text  # competency 10 rests on a reviewer's accept


def test_xlsx_has_the_same_rows_and_objectives_sheet(pack, alignment):
    wb = openpyxl.load_workbook(pack[1])
    assert wb.sheetnames == [
        "Evidence",
        "Objectives",
        "Instructors",
        "Approval facts",
    ]
    ws = wb["Evidence"]
    header = [c.value for c in ws[7]]
    assert header[:2] == ["#", "Competency"]
    assert ws.max_row == 7 + 10
    assert ws.freeze_panes == "C8"
    assert ws.cell(row=15, column=7).value == "partial"


def test_provisional_note_for_a_set_known_only_in_part(alignment, tmp_path):
    paths = evidence_pack(alignment, "LTA170", "Supervision and Management", tmp_path)
    text = _docx_text(paths[0])
    assert "Provisional: Supervision and Management is known only in part" in text


def test_evidence_pack_is_byte_identical_across_runs(alignment, tmp_path):
    a = evidence_pack(alignment, "LTA130", "cataloging_classification", tmp_path / "a")
    b = evidence_pack(alignment, "LTA130", "cataloging_classification", tmp_path / "b")
    for x, y in zip(a, b, strict=True):
        assert (
            hashlib.sha256(x.read_bytes()).digest()
            == hashlib.sha256(y.read_bytes()).digest()
        )
        with zipfile.ZipFile(x) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_unknown_course_or_set_lists_the_valid_ones(alignment, tmp_path):
    with pytest.raises(EvidenceArgumentError, match="LTA 130"):
        evidence_pack(alignment, "LTA 999", "cataloging_classification", tmp_path)
    with pytest.raises(EvidenceArgumentError, match="cataloging_classification"):
        evidence_table(alignment, "LTA130", "cooking")


def test_evidence_pack_keeps_an_edited_docx(alignment, tmp_path):
    paths = evidence_pack(alignment, "LTA130", "cataloging_classification", tmp_path)
    d = docx.Document(paths[0])
    d.add_paragraph("Edited by the program chair.")
    d.save(paths[0])
    with pytest.raises(OutputExistsError):
        evidence_pack(alignment, "LTA130", "cataloging_classification", tmp_path)
    assert "Edited by the program chair." in _docx_text(paths[0])


def test_cli_evidence_on_the_sample_program(tmp_path, capsys):
    code = main(
        [
            "evidence",
            str(SYLLABI),
            "--course",
            "LTA 130",
            "--set",
            "cataloging_classification",
            "--out",
            str(tmp_path),
            "-q",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "LTA130_cataloging_classification_evidence.docx" in out
    d = docx.Document(tmp_path / "LTA130_cataloging_classification_evidence.docx")
    assert len(d.tables[0].rows) == 1 + 8
    assert (
        "cataloging"
        in _docx_text(
            tmp_path / "LTA130_cataloging_classification_evidence.docx"
        ).lower()
    )


def test_cli_evidence_unknown_course_exits_1_with_message(tmp_path, capsys):
    code = main(
        [
            "evidence",
            str(SYLLABI),
            "--course",
            "LTA 999",
            "--set",
            "cataloging_classification",
            "--out",
            str(tmp_path),
            "-q",
        ]
    )
    assert code == 1
    assert "LTA 999" in capsys.readouterr().err


def test_evidence_pack_writes_both_files_or_neither(
    sample_alignment, tmp_path, monkeypatch
):
    import lta_align.evidence as ev

    def broken(*args, **kwargs):
        raise la.LtaAlignError("the workbook could not be built")

    monkeypatch.setattr(ev, "xlsx_bytes", broken)
    with pytest.raises(la.LtaAlignError, match="could not be built"):
        la.evidence_pack(
            sample_alignment, "LTA 130", "cataloging_classification", tmp_path
        )
    assert list(tmp_path.iterdir()) == []  # no DOCX without its XLSX
