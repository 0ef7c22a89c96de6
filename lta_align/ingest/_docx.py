"""Read Word (.docx) syllabi: paragraphs with their style, and tables, in order."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ParseError
from ..model import ReadProblem
from ._blocks import Block
from ._limits import damaged_reason

_HEADING_STYLE = re.compile(r"^(heading|\u00fcberschrift|titre|titulo)\s*(\d)", re.I)


def read_docx(path: Path, *, notes: list[ReadProblem], max_chars: int) -> list[Block]:
    """Read a .docx into blocks: paragraphs ("paragraph N") and table rows
    ("table T row R") in document order. Headers and footers are ignored.

    Raises
    ------
    ParseError
        The file is not a readable Word document.
    """
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
        body = document.element.body
        children = list(_iter_body(body))
        style_names = _style_names(document)
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types
        raise ParseError(
            path,
            damaged_reason("Word", exc),
            "Open it in Word and save it again as .docx.",
        ) from exc

    blocks: list[Block] = []
    n_par = 0
    n_table = 0
    total = 0
    try:
        for child in children:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                n_par += 1
                block = _paragraph(Paragraph(child, document), n_par, style_names)
                if block is not None:
                    blocks.append(block)
                    total += len(block.text)
            elif tag == "tbl":
                n_table += 1
                rows = _table(Table(child, document), n_table)
                blocks.extend(rows)
                total += sum(len(b.text) for b in rows)
            if total > max_chars:
                break
    except Exception as exc:  # noqa: BLE001
        raise ParseError(
            path,
            f"the Word document has content that could not be read "
            f"({exc.__class__.__name__}: {exc}).",
            "Open it in Word and save it again as .docx.",
        ) from exc
    return blocks


def _style_names(document) -> dict[str | None, str]:
    """Map paragraph style ids to names once (python-docx looks them up per call).

    The ``None`` key holds the document's default paragraph style.
    """
    from docx.enum.style import WD_STYLE_TYPE

    names: dict[str | None, str] = {None: "Normal"}
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        names[style.style_id] = style.name or ""
        if style.element.default:
            names[None] = style.name or ""
    return names


def _paragraph(par, number: int, style_names: dict[str | None, str]) -> Block | None:
    text = par.text.replace("\t", " ").strip()
    if not text:
        return None
    style_id = par._p.style
    style = style_names.get(style_id, style_names[None] if style_id is None else "")
    loc = f"paragraph {number}"
    match = _HEADING_STYLE.match(style)
    if match:
        return Block(text, loc, "heading", level=int(match.group(2)))
    if style.lower() == "title":
        return Block(text, loc, "heading", level=1)
    ppr = par._p.pPr
    has_numbering = ppr is not None and ppr.numPr is not None
    if "list" in style.lower() or has_numbering:
        return Block(text, loc, "item")
    runs = [r for r in par.runs if r.text.strip()]
    strong = bool(runs) and all(r.bold for r in runs)
    return Block(text, loc, "para", strong=strong)


def _iter_body(element):
    """Yield the paragraphs and tables of the body in order, looking inside
    content controls (``w:sdt``, common in college syllabus templates)."""
    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            yield child
        elif tag == "sdt":
            for content in child.iterchildren():
                if content.tag.rsplit("}", 1)[-1] == "sdtContent":
                    yield from _iter_body(content)


def _table(table, number: int) -> list[Block]:
    blocks: list[Block] = []
    for r, row in enumerate(table.rows, start=1):
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # merged cells repeat the same cell object: keep it once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            # keep paragraph breaks inside a cell: a layout table may hold a
            # whole list of outcomes in one cell
            lines = (
                " ".join(line.split())
                for p in cell.paragraphs
                for line in p.text.split("\n")
            )
            cells.append("\n".join(line for line in lines if line))
        if not any(cells):
            continue
        blocks.append(
            Block(
                " | ".join(c for c in cells if c),
                f"table {number} row {r}",
                "row",
                cells=tuple(cells),
                table=number,
                header=False,
            )
        )
    return blocks
