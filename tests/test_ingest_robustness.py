"""Reading is linear in the input, and every failure is a plain reason.

No test here times anything absolute: the growth check compares the cost of
one input with the cost of the same input four times longer.
"""

from __future__ import annotations

import io
import re
import struct
import time

import pytest

import lta_align as la
from lta_align.errors import LtaAlignError, ParseError
from lta_align.ingest.html._reader import defuse
from lta_align.text import normalise

HEADER = "# LTA 101 Intro\n\n## Learning Outcomes\n\n- Explain library values.\n\n"
EXCEPTION_NAMES = re.compile(
    r"\b\w*(Error|Exception|BadZipFile)\b|Traceback|NotImplemented", re.I
)


def _cost(fn, arg, runs: int = 3) -> float:
    """The best of ``runs`` runs (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()  # CPU time: other processes do not count
        fn(arg)
        best = min(best, time.process_time() - start)
    return max(best, 1e-3)


GROWTH = 8
"""Inputs are compared at n and 8n characters: linear work costs about 8 times
more, quadratic work 64 times; the tests allow 32 (room for caches and noise)."""
MAX_RATIO = 32


def _growth(fn, make, small: int = 10_000, runs: int = 3) -> float:
    """Cost of ``GROWTH`` times the input over the cost of the input."""
    return _cost(fn, make(GROWTH * small), runs) / _cost(fn, make(small), runs)


@pytest.mark.parametrize("run", ["!", ".", "[", "<a ", "(", "*"])
def test_normalise_grows_linearly_with_a_run_of_one_character(run):
    # (sizes large enough that both sizes are out of the CPU caches)
    make = lambda n: "a" + run * (n // len(run)) + "x"  # noqa: E731
    assert _growth(normalise, make, small=200_000, runs=5) < MAX_RATIO


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
@pytest.mark.parametrize("run", ["!", ".", "[", "<", "<a ", "_", "|", "(1) ", " ; and"])
def test_reading_a_file_grows_linearly_with_a_run_of_one_character(
    tmp_path, suffix, run
):
    def make(n: int):
        path = tmp_path / f"LTA101_{n}{suffix}"
        path.write_text(HEADER + "a" + run * (n // len(run)) + "x\n", encoding="utf-8")
        return path

    assert _growth(la.load_syllabi, make, small=5_000) < MAX_RATIO


@pytest.mark.parametrize("run", [" ", "; and ", "(2) x y "])
def test_splitting_an_inline_list_grows_linearly(run):
    from lta_align.ingest._lead_ins import split_inline_list

    make = lambda n: "will be able to: (1) a b" + run * (n // len(run)) + "(2) c d"  # noqa: E731
    assert _growth(split_inline_list, make, small=200_000, runs=3) < MAX_RATIO


def test_html_stray_angle_brackets_are_text_and_tags_are_kept():
    assert defuse("<p>a < b</p><!-- c<d -->") == "<p>a &lt; b</p><!-- c<d -->"
    assert defuse("<a <a <b>") == "&lt;a &lt;a <b>"


@pytest.mark.parametrize("junk", ["<![foo[bar]]>", "<![ x", "<![if !supportLists]>"])
def test_malformed_html_declarations_do_not_stop_the_batch(tmp_path, junk):
    path = tmp_path / "LTA101.html"
    path.write_text(
        f"<html><body><h1>LTA 101 Intro</h1>{junk}<h2>Learning Outcomes</h2>"
        "<ul><li>Explain library values.</li></ul></body></html>"
    )
    program = la.load_syllabi(path, strict=True)
    assert "Explain library values." in set(program.statements.text)


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("LTA 101 Intro", 1)
    document.add_heading("Learning Outcomes", 2)
    document.add_paragraph("Explain library values.", style="List Bullet")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _bump_extract_version(data: bytes) -> bytes:
    """Set "version needed to extract" of every entry to 9.9 (unsupported)."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        for m in re.finditer(re.escape(sig), data):
            struct.pack_into("<H", out, m.start() + offset, 99)
    return bytes(out)


@pytest.mark.parametrize("strict", [False, True])
def test_unsupported_zip_version_is_a_plain_reason_in_every_mode(tmp_path, strict):
    path = tmp_path / "LTA101.docx"
    path.write_bytes(_bump_extract_version(_docx_bytes()))
    if strict:
        with pytest.raises(ParseError, match="LTA101.docx"):
            la.load_syllabi(path, strict=True)
        return
    program = la.load_syllabi(path)
    reason = program.problems.reason.iloc[0]
    assert "cannot unpack" in reason and not EXCEPTION_NAMES.search(reason)


def _ole(streams: list[str]) -> bytes:
    """A minimal OLE compound file header followed by directory entry names."""
    body = b"".join(name.encode("utf-16-le").ljust(128, b"\0") for name in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + body


@pytest.mark.parametrize("name", ["LTA101.docx", "LTA190.xlsx"])
def test_password_protected_office_file_says_so_and_what_to_do(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(_ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    reason = la.load_syllabi(path).problems.iloc[0]
    assert "password-protected" in reason["reason"]
    assert "password" in reason["reason"] and "damaged" not in reason["reason"]


def test_old_word_file_with_a_docx_name_says_save_as_docx(tmp_path):
    path = tmp_path / "LTA101.docx"
    path.write_bytes(_ole(["Root Entry", "WordDocument"]))
    problem = la.load_syllabi(path).problems.iloc[0]
    assert "old Word .doc" in problem["reason"]


def test_only_lta_align_errors_escape_whatever_a_reader_raises(tmp_path, monkeypatch):
    from lta_align.ingest import _text

    def boom(*args, **kwargs):
        raise AssertionError("internal parser state")

    monkeypatch.setattr(_text, "parse_lines", boom)
    path = tmp_path / "LTA101.md"
    path.write_text(HEADER)
    program = la.load_syllabi(path)
    reason = program.problems.reason.iloc[0]
    assert "could not be read" in reason and not EXCEPTION_NAMES.search(reason)
    with pytest.raises(LtaAlignError):
        la.load_syllabi(path, strict=True)


def test_a_file_over_the_time_budget_is_skipped_with_a_reason(tmp_path, monkeypatch):
    from lta_align.ingest import _text

    def slow(*args, **kwargs):
        while True:  # a reader that never finishes
            time.sleep(0.01)

    monkeypatch.setattr(_text, "parse_lines", slow)
    (tmp_path / "LTA101.md").write_text(HEADER)
    program = la.load_syllabi(tmp_path, limits=la.ingest.Limits(max_seconds=0.3))
    reason = program.problems.reason.iloc[0]
    assert "took more than 0.3 seconds" in reason
    assert not EXCEPTION_NAMES.search(reason)


def _aes_pdf(path, user_password: str) -> None:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("LTA 101 Intro", "Learning Outcomes", "- Explain library values."):
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    writer.encrypt(user_password, "owner-secret", algorithm="AES-256")
    with open(path, "wb") as fh:
        writer.write(fh)


def test_aes_encrypted_pdf_that_opens_without_a_password_is_read(tmp_path):
    path = tmp_path / "LTA101.pdf"
    _aes_pdf(path, "")
    program = la.load_syllabi(path, strict=True)
    assert "Explain library values." in set(program.statements.text)


def test_aes_encrypted_pdf_with_a_password_says_password_protected(tmp_path):
    path = tmp_path / "LTA101.pdf"
    _aes_pdf(path, "let-me-in")
    reason = la.load_syllabi(path).problems.reason.iloc[0]
    assert "password-protected" in reason and not EXCEPTION_NAMES.search(reason)


def test_a_path_the_file_system_refuses_is_a_problem_not_a_crash():
    program = la.load_syllabi("x" * 5000)  # longer than any file name allows
    assert "could not be opened" in program.problems.reason.iloc[0]
    with pytest.raises(LtaAlignError):
        la.load_syllabi("x" * 5000, strict=True)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (
            "LTA101.html",
            "<nav><a href='/'>Home</a></nav><script>x()</script>",
            "web page",
        ),
        ("LTA101.txt", "   \n\n  \n", "blank lines"),
    ],
)
def test_a_file_with_no_text_says_why(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_text(content)
    reason = la.load_syllabi(path).problems.reason.iloc[0]
    assert "no text was found" in reason and words in reason
