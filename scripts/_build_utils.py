"""Helpers shared by the build scripts in this folder (not part of lta_align).

Office files (DOCX, XLSX) are ZIP archives. python-docx and openpyxl stamp "now" into
``docProps/core.xml`` and into every ZIP entry, so two runs give different bytes.
:func:`make_zip_deterministic` rewrites an archive with fixed entry times and fixed
created/modified dates so that rebuilding gives byte-identical files.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

#: The one timestamp every generated file carries (created, modified, ZIP entry time).
FIXED_DATETIME = datetime(2026, 8, 17, 9, 0, 0, tzinfo=UTC)
FIXED_ZIP_TIME = (2026, 8, 17, 9, 0, 0)
FIXED_W3CDTF = "2026-08-17T09:00:00Z"

_CORE_DATE_RE = re.compile(
    r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)", re.DOTALL
)


def _fix_core_xml(data: bytes) -> bytes:
    text = data.decode("utf-8")
    text = _CORE_DATE_RE.sub(lambda m: f"{m.group(1)}{FIXED_W3CDTF}{m.group(3)}", text)
    return text.encode("utf-8")


def make_zip_deterministic(path: Path) -> None:
    """Rewrite the ZIP at *path* in place with fixed entry times and core dates."""
    path = Path(path)
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w") as dst:
            for name, data in entries:
                if name == "docProps/core.xml":
                    data = _fix_core_xml(data)
                info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 0
                dst.writestr(info, data, compresslevel=9)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line endings (same bytes on every platform)."""
    Path(path).write_bytes(text.encode("utf-8"))
