"""Bad inputs become readable problems; the batch goes on; results are deterministic."""

from __future__ import annotations

import io
import logging
import shutil
from pathlib import Path

import pytest

import lta_align as la
from lta_align.errors import InputFileError, ParseError, UnsupportedFormatError
from lta_align.ingest import Limits

GOOD_MD = "# LTA 101 Intro\n\n## Learning Outcomes\n\n- Explain library values.\n"


def _pdf_bytes(text_lines=(), *, rectangle=False, image=False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text_lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if rectangle:
        pdf.rect(20, 20, 120, 160, style="F")
    if image:  # a scanned page: a picture of the text, no text layer
        from PIL import Image

        pdf.image(Image.new("L", (120, 160), 128), x=20, y=20, w=120)
    return bytes(pdf.output())


def _only_problem(program, name: str):
    rows = program.problems[program.problems["source"].str.endswith(name)]
    assert len(rows) == 1, program.problems
    return rows.iloc[0]


def test_encrypted_pdf_is_reported_as_password_protected(write_file, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_pdf_bytes(["LTA 110 Library Technology"]))))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    write_file("LTA110.pdf", buffer.getvalue())
    write_file("LTA101.md", GOOD_MD)

    program = la.load_syllabi(tmp_path)

    problem = _only_problem(program, "LTA110.pdf")
    assert problem["severity"] == "error"
    assert "password-protected" in problem["reason"]
    assert "Save an unprotected copy" in problem["reason"]
    assert program.courses["course_id"].tolist() == ["LTA101"]


def test_pdf_with_only_a_drawing_says_almost_no_text_not_scanned(write_file):
    path = write_file("LTA140_cover.pdf", _pdf_bytes(["LTA"], rectangle=True))
    problem = _only_problem(la.load_syllabi(path), "LTA140_cover.pdf")
    assert "almost no text" in problem["reason"]
    assert "scanned" not in problem["reason"]


def test_pdf_page_that_cannot_be_extracted_is_named_not_called_scanned(
    write_file, monkeypatch
):
    from pypdf import PageObject

    def broken(self, *args, **kwargs):
        raise KeyError("/Contents")

    monkeypatch.setattr(PageObject, "extract_text", broken)
    path = write_file("LTA140_broken.pdf", _pdf_bytes(["LTA 140 Course"]))
    problem = _only_problem(la.load_syllabi(path), "LTA140_broken.pdf")
    assert "page(s) could not be extracted" in problem["reason"]
    assert "scanned" not in problem["reason"]


def test_scanned_pdf_without_text_layer_asks_for_ocr(write_file):
    path = write_file("LTA140_scan.pdf", _pdf_bytes(image=True))
    program = la.load_syllabi(path)
    problem = _only_problem(program, "LTA140_scan.pdf")
    assert problem["severity"] == "error"
    assert "no text layer (a scanned image)" in problem["reason"]
    assert "OCR" in problem["reason"]
    with pytest.raises(ParseError, match="LTA140_scan.pdf"):
        la.load_syllabi(path, strict=True)


def test_corrupt_docx_is_reported_by_name_and_others_are_kept(write_file, tmp_path):
    write_file("LTA105.docx", b"PK\x03\x04 this is not really a zip archive")
    write_file("LTA101.md", GOOD_MD)
    program = la.load_syllabi(tmp_path)
    problem = _only_problem(program, "LTA105.docx")
    assert problem["severity"] == "error"
    assert "damaged" in problem["reason"]
    assert "save it again" in problem["reason"]
    assert program.courses["course_id"].tolist() == ["LTA101"]


def test_corrupt_pdf_is_reported_as_damaged(write_file):
    path = write_file("LTA110.pdf", b"%PDF-1.4\n garbage garbage garbage\n")
    problem = _only_problem(la.load_syllabi(path), "LTA110.pdf")
    assert problem["severity"] == "error"
    assert "damaged or not a PDF" in problem["reason"]


def test_unknown_format_is_reported_and_old_word_files_get_a_hint(write_file, tmp_path):
    write_file("notes.xyz", "whatever")
    write_file("LTA120.doc", b"\xd0\xcf\x11\xe0 old word")
    program = la.load_syllabi(tmp_path)
    assert "unknown format (.xyz)" in _only_problem(program, "notes.xyz")["reason"]
    assert "save it as .docx" in _only_problem(program, "LTA120.doc")["reason"]
    with pytest.raises(UnsupportedFormatError, match="notes.xyz"):
        la.load_syllabi(tmp_path / "notes.xyz", strict=True)


def test_empty_file_is_reported(write_file):
    path = write_file("LTA101.md", "")
    problem = _only_problem(la.load_syllabi(path), "LTA101.md")
    assert problem["severity"] == "error"
    assert "empty" in problem["reason"]


def test_syllabus_without_outcomes_gets_a_warning_and_is_still_read(write_file):
    path = write_file(
        "LTA170.md",
        "# LTA 170 Supervision\n\n## Weekly Topics\n\n- Week 1: Hiring staff\n",
    )
    program = la.load_syllabi(path)
    problem = _only_problem(program, "LTA170.md")
    assert problem["severity"] == "warning"
    assert "no learning outcomes found" in problem["reason"]
    assert "'Learning Outcomes'" in problem["reason"]
    assert program.statements["kind"].tolist() == ["topic"]


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01\x02\x03binary\x00" * 50, bytes(range(1, 32)) * 40],
    ids=["nul-bytes", "control-characters"],
)
def test_binary_content_in_a_text_file_is_not_read_as_text(write_file, content):
    path = write_file("LTA101.md", content)
    problem = _only_problem(la.load_syllabi(path), "LTA101.md")
    assert problem["severity"] == "error"
    assert "not a text file (it looks binary)" in problem["reason"]
    assert "file extension" in problem["reason"]


def test_undecodable_utf16_is_reported(write_file):
    path = write_file("LTA101.txt", b"\xff\xfe" + b"\x00\xd8" + b"A\x00")
    problem = _only_problem(la.load_syllabi(path), "LTA101.txt")
    assert problem["severity"] == "error"
    assert "save it again as UTF-8" in problem["reason"]


def test_missing_path_is_a_problem_and_strict_raises(tmp_path):
    missing = tmp_path / "nope"
    program = la.load_syllabi(missing)
    assert "does not exist" in _only_problem(program, "nope")["reason"]
    with pytest.raises(InputFileError, match="nope"):
        la.load_syllabi(missing, strict=True)


def test_strict_mode_raises_the_first_error_but_not_warnings(write_file, tmp_path):
    write_file("b_no_outcomes.md", "# LTA 102 Something\n\nJust text.\n")
    assert len(la.load_syllabi(tmp_path, strict=True).courses) == 1
    write_file("a_empty.txt", "")
    with pytest.raises(ParseError, match="a_empty.txt"):
        la.load_syllabi(tmp_path, strict=True)


def test_hidden_and_temporary_files_are_skipped_silently(write_file, tmp_path):
    write_file("LTA101.md", GOOD_MD)
    for name in (
        ".hidden.md",
        "~$LTA101.docx",
        "draft.tmp",
        "Thumbs.db",
        ".DS_Store",
        ".ipynb_checkpoints/LTA101-checkpoint.md",
    ):
        write_file(name, "junk")
    program = la.load_syllabi(tmp_path)
    assert program.problems.empty, program.problems
    assert program.courses["course_id"].tolist() == ["LTA101"]


def test_failed_files_are_summarised_in_the_log(write_file, tmp_path, caplog):
    write_file("LTA101.md", GOOD_MD)
    write_file("broken.docx", b"not a zip")
    with caplog.at_level(logging.WARNING, logger="lta_align.ingest"):
        la.load_syllabi(tmp_path)
    assert "1 of 2 file(s) could not be read" in caplog.text


def test_text_past_the_limit_is_cut_with_a_warning(write_file):
    lines = "".join(f"- Outcome number {n} explains something.\n" for n in range(200))
    path = write_file("LTA101.md", "# LTA 101 Intro\n\n## Outcomes\n\n" + lines)
    program = la.load_syllabi(path, limits=Limits(max_text_chars=1000))
    problem = _only_problem(program, "LTA101.md")
    assert problem["severity"] == "warning"
    assert "max_text_chars" in problem["reason"]
    assert 0 < len(program.statements) < 200


def test_too_large_file_is_skipped_by_the_preflight_check(write_file):
    path = write_file("LTA101.md", GOOD_MD + "x" * 3000)
    program = la.load_syllabi(path, limits=Limits(max_file_mb=0.001))
    assert "over the 0.001 MB limit" in _only_problem(program, "LTA101.md")["reason"]


# --- determinism --------------------------------------------------------------


@pytest.fixture
def two_folders(tmp_path, write_file):
    write_file("a/LTA101.md", GOOD_MD)
    write_file(
        "a/sub/LTA105.md",
        "# LTA 105 Communication\n\n## Objectives\n\n- Listen actively.\n",
    )
    write_file("b/LTA120.txt", "LTA 120 Reference\n\nOUTCOMES\n\n- Answer questions.\n")
    write_file(
        "b/sheet.csv",
        "course_code,text\nLTA 190,Complete the practicum.\nLTA 101,Describe boards.\n",
    )
    return tmp_path / "a", tmp_path / "b"


def test_results_do_not_depend_on_argument_order(two_folders):
    a, b = two_folders
    one = la.load_syllabi(a, b)
    two = la.load_syllabi(b, a / "sub" / "LTA105.md", a)
    assert one.statements.equals(two.statements)
    assert one.courses.equals(two.courses)
    assert one.problems.equals(two.problems)


def test_a_file_named_twice_is_read_once_with_the_same_source(two_folders):
    a, _ = two_folders
    one = la.load_syllabi(a, f"{a}/sub/../sub/LTA105.md")
    two = la.load_syllabi(f"{a}/sub/../sub/LTA105.md", a)
    assert one.courses.equals(two.courses)
    assert len(one.courses) == 2


def test_calling_without_paths_is_a_type_error():
    with pytest.raises(TypeError, match="at least one file or folder"):
        la.load_syllabi()


def test_statement_ids_are_stable_across_loads_and_file_moves(two_folders, tmp_path):
    a, b = two_folders
    first = la.load_syllabi(a, b).statements
    moved = tmp_path / "moved"
    shutil.copytree(a, moved)
    second = la.load_syllabi(moved, b).statements
    # same ids for the same statements (file order may change with the folder name)
    assert sorted(first["statement_id"]) == sorted(second["statement_id"])
    assert first["statement_id"].is_unique
    pairs = first.set_index("statement_id")["text"].to_dict()
    assert pairs == second.set_index("statement_id")["text"].to_dict()


def test_progress_bar_is_off_for_few_files_and_when_disabled(two_folders, capsys):
    a, b = two_folders
    la.load_syllabi(a, b, progress=True)
    la.load_syllabi(a, b, progress=False)
    assert "Reading syllabi" not in capsys.readouterr().err


def test_progress_bar_shows_for_many_files_when_asked(tmp_path, write_file, capsys):
    for n in range(25):
        write_file(f"LTA{100 + n}.md", GOOD_MD.replace("101", str(100 + n)))
    program = la.load_syllabi(tmp_path, progress=True)
    assert len(program.courses) == 25
    assert "Reading syllabi" in capsys.readouterr().err


def test_program_name_defaults_to_the_folder_name(two_folders):
    a, b = two_folders
    assert la.load_syllabi(b, a).name == "a"
    assert la.load_syllabi(a, name="Riverbend").name == "Riverbend"


def test_sample_folder_outputs_are_identical_across_runs():
    sample = Path(__file__).resolve().parents[1] / "data" / "syllabi"
    one, two = la.load_syllabi(sample), la.load_syllabi(sample)
    assert one.statements.equals(two.statements)
    assert one.courses.equals(two.courses)
