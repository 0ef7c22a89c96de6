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
