"""Read Word (.docx) syllabi: paragraphs with their style, and tables, in order.

The package is read directly (zip + lxml, entities never resolved) rather than
through python-docx, so that what Word opens is read too: transitional and
Strict Open XML (two namespaces), templates (.dotx content type) saved as
.docx, XML comments and processing instructions in the body, styles without a
type, text in text boxes, and content controls (``w:sdt``) around paragraphs,
runs, rows or cells. Elements are matched by local name, namespaces ignored.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from posixpath import dirname, join, normpath

from ..errors import ParseError
from ..model import ReadProblem
from ._blocks import Block
from ._limits import damaged_reason

_HEADING_STYLE = re.compile(r"^(heading|\u00fcberschrift|titre|titulo)\s*(\d)", re.I)
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
_HOW_TO_FIX = "Open it in Word and save it again as .docx."


def _local(tag) -> str:
    """Local name of an element tag; "" for comments, PIs and entities."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _attr(element, name: str) -> str | None:
    """Attribute by local name (``w:val`` in either namespace)."""
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return value
    return None


def _child(element, name: str):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _parse_xml(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_blank_text=False
    )
    return etree.fromstring(data, parser)


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships."""
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        rels = _parse_xml(archive.read("_rels/.rels"))
        for rel in rels:
            if _OFFICE_DOCUMENT.search(_attr(rel, "Type") or ""):
                target = (_attr(rel, "Target") or "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise KeyError("no main document part")


def _style_names(archive: zipfile.ZipFile, main: str) -> dict[str | None, str]:
    """Map paragraph style ids to names; ``None`` holds the default style.

    A style without a ``w:type`` is a paragraph style (the OOXML default).
    """
    names: dict[str | None, str] = {None: "Normal"}
    part = normpath(join(dirname(main), "styles.xml"))
    try:
        root = _parse_xml(archive.read(part))
    except KeyError:
        return names
    for style in root:
        if _local(style.tag) != "style":
            continue
        if (_attr(style, "type") or "paragraph") != "paragraph":
            continue
        name_el = _child(style, "name")
        name = (_attr(name_el, "val") if name_el is not None else None) or ""
        style_id = _attr(style, "styleId")
        names[style_id] = name
        if (_attr(style, "default") or "").lower() in ("1", "true", "on"):
            names[None] = name
    return names


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
            root = _parse_xml(archive.read(main))
            style_names = _style_names(archive, main)
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml raise many types
        raise ParseError(path, damaged_reason("Word", exc), _HOW_TO_FIX) from exc
    body = _child(root, "body")
    if body is None:
        raise ParseError(
            path, "the file is damaged: it is not a valid Word document.", _HOW_TO_FIX
        )
    walker = _Body(style_names, max_chars)
    try:
        walker.walk(body)
    except Exception as exc:  # noqa: BLE001 - report, never crash the batch
        raise ParseError(
            path,
            "the Word document has content that could not be read.",
            _HOW_TO_FIX,
        ) from exc
    return walker.blocks


_SKIP = {"txbxContent", "Fallback", "del", "moveFrom", "instrText", "delText"}
"""Subtrees whose text is not the paragraph's own: text boxes (read apart, after
the paragraph), the VML copy of a drawing, tracked deletions, field codes."""


def _text(element) -> str:
    """The text of a paragraph (runs, hyperlinks, fields, content controls)."""
    out: list[str] = []
    stack = [iter(element)]
    while stack:
        for child in stack[-1]:
            name = _local(child.tag)
            if not name or name in _SKIP:
                continue
            if name == "t":
                out.append(child.text or "")
            elif name in ("tab", "ptab"):
                if _local(child.getparent().tag) == "r":
                    out.append("\t")
            elif name in ("br", "cr"):
                out.append("\n")
            elif name == "noBreakHyphen":
                out.append("-")
            elif name in ("pPr", "rPr"):
                continue
            else:
                stack.append(iter(child))
                break
        else:
            stack.pop()
    return "".join(out)


def _text_boxes(paragraph) -> list:
    """Paragraphs inside the text boxes anchored in ``paragraph`` (DrawingML
    only: the VML fallback holds the same text again)."""
    found = []
    for box in paragraph.iter():
        if _local(box.tag) != "txbxContent":
            continue
        parent = box.getparent()
        inside_fallback = False
        while parent is not None and parent is not paragraph:
            if _local(parent.tag) == "Fallback":
                inside_fallback = True
                break
            parent = parent.getparent()
        if not inside_fallback:
            found.append(box)
    return found


class _Body:
    def __init__(self, style_names: dict[str | None, str], max_chars: int) -> None:
        self.style_names = style_names
        self.max_chars = max_chars
        self.blocks: list[Block] = []
        self.n_par = 0
        self.n_table = 0
        self.total = 0

    def walk(self, element) -> None:
        for child in element:
            if self.total > self.max_chars:
                return
            name = _local(child.tag)
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
        text = _text(p).replace("\t", " ").strip()
        if not text:
            return None
        ppr = _child(p, "pPr")
        style_el = _child(ppr, "pStyle") if ppr is not None else None
        style_id = _attr(style_el, "val") if style_el is not None else None
        names = self.style_names
        style = names.get(style_id, names[None] if style_id is None else "")
        loc = f"paragraph {number}"
        match = _HEADING_STYLE.match(style)
        if match:
            return Block(text, loc, "heading", level=int(match.group(2)))
        if style.lower() == "title":
            return Block(text, loc, "heading", level=1)
        has_numbering = ppr is not None and _child(ppr, "numPr") is not None
        if "list" in style.lower() or has_numbering:
            return Block(text, loc, "item")
        return Block(text, loc, "para", strong=_all_bold(p))

    def _table(self, tbl) -> None:
        self.n_table += 1
        number = self.n_table
        for r, tr in enumerate(_rows(tbl), start=1):
            cells = []
            for tc in _cells(tr):
                lines = []
                for p in _cell_paragraphs(tc):
                    for line in _text(p).split("\n"):
                        line = " ".join(line.split())
                        if line:
                            lines.append(line)
                cells.append("\n".join(lines))
            if not any(cells):
                continue
            self._add(
                Block(
                    " | ".join(c for c in cells if c),
                    f"table {number} row {r}",
                    "row",
                    cells=tuple(cells),
                    table=number,
                    header=False,
                )
            )


def _all_bold(p) -> bool:
    """Every run with text is bold (a likely heading)."""
    runs = [r for r in p.iter() if _local(r.tag) == "r" and _text(r).strip()]
    if not runs:
        return False
    for run in runs:
        rpr = _child(run, "rPr")
        bold = _child(rpr, "b") if rpr is not None else None
        if bold is None or (_attr(bold, "val") or "true").lower() in ("0", "false"):
            return False
    return True


def _through_controls(element, name: str):
    """Children named ``name``, looking inside content controls and custom XML."""
    for child in element:
        local = _local(child.tag)
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
        name = _local(child.tag)
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
