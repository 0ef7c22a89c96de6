"""Framework files pass the same input checks and decoding as syllabi."""

from __future__ import annotations

import pytest

import lta_align as la

ROWS = "competency_id,text\nX-1,Explain the café reference interview.\n"


def test_password_protected_framework_workbook_says_so(tmp_path):
    path = tmp_path / "framework.xlsx"
    body = "EncryptionInfo".encode("utf-16-le")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + body)
    with pytest.raises(la.ParseError, match="password-protected"):
        la.load_framework(path)


def test_framework_zip_bomb_is_refused_before_unpacking(tmp_path):
    import zipfile

    path = tmp_path / "framework.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 400_000_000)
    with pytest.raises(la.ParseError, match="zip bomb"):
        la.load_framework(path)


def test_framework_csv_in_windows_1252_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "framework.csv"
    path.write_bytes(ROWS.encode("cp1252"))
    with pytest.warns(UserWarning, match="Windows-1252"):
        fw = la.load_framework(path)
    assert "café" in fw.competencies.text.iloc[0]


def test_framework_csv_with_utf16_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "framework.csv"
    path.write_bytes(ROWS.encode("utf-16"))
    assert la.load_framework(path).competencies.competency_id.tolist() == ["X-1"]


def test_empty_framework_file_is_a_plain_reason(tmp_path):
    path = tmp_path / "framework.yaml"
    path.write_bytes(b"")
    with pytest.raises(la.ParseError, match="empty"):
        la.load_framework(path)
