"""Read Word (.docx) syllabi: paragraphs with their style, and tables, in order.

The package is read directly (zip + lxml, entities never resolved) rather than
through python-docx, so that what Word opens is read too: transitional and
Strict Open XML (two namespaces), templates (.dotx content type) saved as
.docx, XML comments and processing instructions in the body, styles without a
type, text in text boxes, and content controls (``w:sdt``) around paragraphs,
runs, rows or cells. Elements are matched by local name, namespaces ignored.

A paragraph is a heading by its style name ("Heading 2", "Title") or outline
level (``w:outlineLvl``, its own or its style's); a paragraph numbered by Word
(``w:numPr``) is a list item with its nesting level, unless its numbering is an
outline of section headings ("I. STUDENT LEARNING OUTCOMES", see
:func:`~._styles.number_headings`).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ...errors import ParseError
from ...model import ReadProblem
from .._blocks import Block
from .._limits import damaged_reason
from ._ooxml import element_text, first_child, get_attr, local_name, parse_xml
from ._styles import (
    Numbered,
    Styles,
    all_bold,
    heading_level,
    heading_like,
    number_headings,
    numbering_of,
    read_styles,
)

_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
_HOW_TO_FIX = "Open it in Word and save it again as .docx."


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships."""
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        rels = parse_xml(archive.read("_rels/.rels"))
        for rel in rels:
            if _OFFICE_DOCUMENT.search(get_attr(rel, "Type") or ""):
                target = (get_attr(rel, "Target") or "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise KeyError("no main document part")


def read_docx(path: Path, *, notes: list[ReadProblem], max_chars: int) -> list[Block]:
    """Read a .docx into blocks: paragraphs ("paragraph N") and table rows
    ("table T row R") in document order. Headers and footers are ignored.

    Raises
    ------
    ParseError
        The file is not a readable Word document.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            main = _main_part(archive)
            root = parse_xml(archive.read(main))
            styles = read_styles(archive, main)
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml raise many types
        raise ParseError(path, damaged_reason("Word", exc), _HOW_TO_FIX) from exc
    body = first_child(root, "body")
    if body is None:
        raise ParseError(
            path, "the file is damaged: it is not a valid Word document.", _HOW_TO_FIX
        )
    walker = _Body(styles, max_chars)
    try:
        walker.walk(body)
        number_headings(walker.blocks, walker.numbered)
    except Exception as exc:  # noqa: BLE001 - report, never crash the batch
        raise ParseError(
            path,
            "the Word document has content that could not be read.",
            _HOW_TO_FIX,
        ) from exc
    return walker.blocks


def _text_boxes(paragraph) -> list:
    """Paragraphs inside the text boxes anchored in ``paragraph`` (DrawingML
    only: the VML fallback holds the same text again)."""
    found = []
    for box in paragraph.iter():
        if local_name(box.tag) != "txbxContent":
            continue
        parent = box.getparent()
        inside_fallback = False
        while parent is not None and parent is not paragraph:
            if local_name(parent.tag) == "Fallback":
                inside_fallback = True
                break
            parent = parent.getparent()
        if not inside_fallback:
            found.append(box)
    return found


class _Body:
    def __init__(self, styles: Styles, max_chars: int) -> None:
        self.styles = styles
        self.max_chars = max_chars
        self.blocks: list[Block] = []
        self.numbered: list[Numbered] = []
        self.n_par = 0
        self.n_table = 0
        self.total = 0

    def walk(self, element) -> None:
        for child in element:
            if self.total > self.max_chars:
                return
            name = local_name(child.tag)
            if name == "p":
                self._paragraph(child)
            elif name == "tbl":
                self._table(child)
            elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
                self.walk(child)

    def _add(self, block: Block) -> None:
        self.blocks.append(block)
        self.total += len(block.text)

    def _paragraph(self, p) -> None:
        self.n_par += 1
        block = self._paragraph_block(p, self.n_par)
        if block is not None:
            self._add(block)
        for box in _text_boxes(p):
            self.walk(box)

    def _paragraph_block(self, p, number: int) -> Block | None:
        text = element_text(p).replace("\t", " ").strip()
        if not text:
            return None
        ppr = first_child(p, "pPr")
        style_el = first_child(ppr, "pStyle") if ppr is not None else None
        style_id = get_attr(style_el, "val") if style_el is not None else None
        names = self.styles.names
        style = names.get(style_id, names[None] if style_id is None else "")
        loc = f"paragraph {number}"
        level = heading_level(self.styles, style, style_id, ppr)
        if level:
            return Block(text, loc, "heading", level=level)
        numbering = numbering_of(ppr)
        if numbering is not None:
            num_id, ilvl = numbering
            # the block is added next: its index is the current length
            self.numbered.append(
                Numbered(len(self.blocks), num_id, ilvl, heading_like(p, text))
            )
            return Block(text, loc, "item", level=ilvl + 1)
        if "list" in style.lower():
            return Block(text, loc, "item")
        return Block(text, loc, "para", strong=all_bold(p))

    def _table(self, tbl) -> None:
        self.n_table += 1
        number = self.n_table
        for r, tr in enumerate(_rows(tbl), start=1):
            cells = []
            for tc in _cells(tr):
                lines = []
                for p in _cell_paragraphs(tc):
                    for line in element_text(p).split("\n"):
                        line = " ".join(line.split())
                        if line:
                            lines.append(line)
                cells.append("\n".join(lines))
            if not any(cells):
                continue
            self._add(Block.row(cells, f"table {number} row {r}", number))


def _through_controls(element, name: str):
    """Children named ``name``, looking inside content controls and custom XML."""
    for child in element:
        local = local_name(child.tag)
        if local == name:
            yield child
        elif local in ("sdt", "sdtContent", "customXml", "ins"):
            yield from _through_controls(child, name)


def _rows(tbl):
    return _through_controls(tbl, "tr")


def _cells(tr):
    return _through_controls(tr, "tc")


def _cell_paragraphs(tc):
    """The paragraphs of a cell in order, nested tables included."""
    for child in tc:
        name = local_name(child.tag)
        if name == "p":
            yield child
            for box in _text_boxes(child):
                yield from _through_controls(box, "p")
        elif name == "tbl":
            for tr in _rows(child):
                for inner in _cells(tr):
                    yield from _cell_paragraphs(inner)
        elif name in ("sdt", "sdtContent", "customXml"):
            yield from _cell_paragraphs(child)
