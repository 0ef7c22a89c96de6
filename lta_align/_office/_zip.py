"""Deterministic Office files (XLSX, DOCX): fixed properties and zip layout.

openpyxl and python-docx write "now" into ``docProps/core.xml`` and into the
zip entry times. These helpers fix both, so the same inputs give the same
bytes (shared by :mod:`lta_align.excel` and :mod:`lta_align.evidence`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_DATETIME = "2000-01-01T00:00:00Z"
AUTHOR = "lta-align"

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_CREATED = re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)")


def fix_workbook_properties(wb: Any, title: str = "") -> None:
    """Fixed creator and times on an openpyxl workbook."""
    fixed = dt.datetime(2000, 1, 1)
    props = wb.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    if title:
        props.title = title
    props.created = fixed
    props.modified = fixed


def fix_document_properties(doc: Any, title: str = "") -> None:
    """Fixed author, times and revision on a python-docx document."""
    fixed = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    cp = doc.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    if title:
        cp.title = title
    cp.created = fixed
    cp.modified = fixed
    cp.last_printed = fixed
    cp.revision = 1


def saved_bytes(obj: Any) -> bytes:
    """Save an openpyxl workbook or python-docx document to deterministic bytes."""
    buf = io.BytesIO()
    obj.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed entry times, order and core times."""
    src = zipfile.ZipFile(io.BytesIO(data))
    # [Content_Types].xml must stay first; keep the rest in a fixed order
    order = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in order:
            body = src.read(name)
            if name == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + FIXED_DATETIME.encode() + rb"\2", body)
                body = _CREATED.sub(rb"\g<1>" + FIXED_DATETIME.encode() + rb"\2", body)
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, body)
    return out.getvalue()
