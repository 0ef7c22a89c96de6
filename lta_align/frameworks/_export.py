"""Write a framework as an editable XLSX sheet."""

from __future__ import annotations

from pathlib import Path

from ..model import Framework


def write_framework_xlsx(
    framework: Framework, path: Path, *, force: bool = False
) -> Path:
    """Write ``framework`` as an XLSX file that :func:`load_framework` reads back."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from .._utils import OutputGuard
    from . import framework_to_frame

    table = framework_to_frame(framework)
    book = Workbook()
    sheet = book.active
    sheet.title = "Competencies"
    sheet.append(list(table.columns))
    for row in table.itertuples(index=False):
        sheet.append([_safe(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = {"text": 90, "match_terms": 40, "set_name": 30, "competency_id": 30}
    for idx, name in enumerate(table.columns, start=1):
        letter = sheet.cell(row=1, column=idx).column_letter
        sheet.column_dimensions[letter].width = widths.get(name, 14)
    for cell in sheet["M"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    from io import BytesIO

    buf = BytesIO()
    book.save(buf)
    guard = OutputGuard(path.parent, force=force)
    return guard.write_bytes(path.name, buf.getvalue())


def _safe(value: object) -> object:
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return value
