"""The XLSX and DOCX outputs open in a real office suite (headless LibreOffice).

Skipped when LibreOffice is not installed (CI machines); run locally after
``apt-get install -y libreoffice-calc libreoffice-writer``.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from _factories import make_alignment

from lta_align.evidence import evidence_pack
from lta_align.excel import to_excel

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice (soffice) is not installed; install libreoffice-calc "
        "and libreoffice-writer to check that the XLSX/DOCX outputs open",
    ),
    pytest.mark.slow,
]


def _to_pdf(path, tmp_path):
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "pdf" / (path.stem + ".pdf")
    assert result.returncode == 0, result.stderr
    assert pdf.exists(), f"LibreOffice did not convert {path.name}: {result.stderr}"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5_000
    return data


def test_libreoffice_opens_the_excel_matrix_and_the_evidence_pack(tmp_path):
    alignment = make_alignment()
    xlsx = to_excel(alignment, tmp_path / "alignment.xlsx")
    docx_path, ev_xlsx = evidence_pack(
        alignment, "LTA140", "collection_management", tmp_path / "ev"
    )
    for path in (xlsx, docx_path, ev_xlsx):
        pdf = _to_pdf(path, tmp_path)
        assert pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 1


def _word_heights(pdf_path):
    import re

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        [pdftotext, "-bbox", str(pdf_path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    pages = text.split("<page ")[1:]
    box = re.compile(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<'
    )
    return [
        [(float(b) - float(a), w) for a, b, w in box.findall(page)] for page in pages
    ]


def test_printed_matrix_text_is_at_least_8pt(tmp_path):
    """Issue 13: the printed workbook was 4-5 pt text; the Matrix must read at 8 pt."""
    from openpyxl import load_workbook

    xlsx = to_excel(make_alignment(), tmp_path / "alignment.xlsx")
    wb = load_workbook(xlsx)
    for name in wb.sheetnames:  # print the Matrix sheet alone
        if name != "Matrix":
            del wb[name]
    wb.save(tmp_path / "matrix.xlsx")
    _to_pdf(tmp_path / "matrix.xlsx", tmp_path)
    pages = _word_heights(tmp_path / "pdf" / "matrix.pdf")
    body = [h for words in pages for h, w in words if w.startswith("Understand")]
    assert body, "no competency text found in the printed Matrix"
    # a word box is about 1.2 x the font size
    assert min(body) / 1.2 >= 8, min(body) / 1.2
