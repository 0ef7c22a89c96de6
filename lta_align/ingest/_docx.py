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
:meth:`_Body.number_headings`).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from posixpath import dirname, join, normpath

from ..errors import ParseError
from ..model import ReadProblem
from ._blocks import Block
from ._headings import classify_heading
from ._limits import damaged_reason

_HEADING_STYLE = re.compile(r"^(heading|\u00fcberschrift|titre|titulo)\s*(\d)", re.I)
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
_HOW_TO_FIX = "Open it in Word and save it again as .docx."
_BODY_TEXT_LEVEL = 9
"""``w:outlineLvl`` 9 is body text; 0-8 are heading levels 1-9."""
_MAX_HEADING_WORDS = 8
_SENTENCE_END = ".;,!?"
_OFF = ("0", "false", "off")


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


@dataclass(frozen=True, slots=True)
class _Styles:
    """The paragraph styles of a document, by style id (``None``: the default).

    ``outline`` holds the outline level (0 = heading level 1) a style sets or
    inherits through ``w:basedOn``; body-text styles are absent.
    """

    names: dict[str | None, str]
    outline: dict[str | None, int]


def _outline_level(ppr) -> int | None:
    """The ``w:outlineLvl`` set in a paragraph's or style's properties."""
    element = _child(ppr, "outlineLvl") if ppr is not None else None
    value = _attr(element, "val") if element is not None else None
    return int(value) if value is not None and value.isdigit() else None


def _styles(archive: zipfile.ZipFile, main: str) -> _Styles:
    """Read the paragraph styles: names and outline levels.

    A style without a ``w:type`` is a paragraph style (the OOXML default).
    """
    names: dict[str | None, str] = {None: "Normal"}
    own: dict[str | None, int | None] = {}
    based_on: dict[str | None, str | None] = {}
    part = normpath(join(dirname(main), "styles.xml"))
    try:
        root = _parse_xml(archive.read(part))
    except KeyError:
        return _Styles(names, {})
    for style in root:
        if _local(style.tag) != "style":
            continue
        if (_attr(style, "type") or "paragraph") != "paragraph":
            continue
        name_el = _child(style, "name")
        name = (_attr(name_el, "val") if name_el is not None else None) or ""
        style_id = _attr(style, "styleId")
        names[style_id] = name
        own[style_id] = _outline_level(_child(style, "pPr"))
        parent = _child(style, "basedOn")
        based_on[style_id] = _attr(parent, "val") if parent is not None else None
        if (_attr(style, "default") or "").lower() in ("1", "true", "on"):
            names[None] = name
            own[None] = own[style_id]
    outline = {}
    for style_id in own:
        level = _inherited(style_id, own, based_on)
        if level is not None and level < _BODY_TEXT_LEVEL:
            outline[style_id] = level
    return _Styles(names, outline)


def _inherited(style_id, own: dict, based_on: dict) -> int | None:
    """A style's outline level, its own or its nearest ancestor's (a cycle of
    ``w:basedOn`` or a chain past 16 styles gives up)."""
    for _ in range(16):
        level = own.get(style_id)
        if level is not None or style_id not in based_on:
            return level
        style_id = based_on[style_id]
        if style_id is None:
            return None
    return None


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
            styles = _styles(archive, main)
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml raise many types
        raise ParseError(path, damaged_reason("Word", exc), _HOW_TO_FIX) from exc
    body = _child(root, "body")
    if body is None:
        raise ParseError(
            path, "the file is damaged: it is not a valid Word document.", _HOW_TO_FIX
        )
    walker = _Body(styles, max_chars)
    try:
        walker.walk(body)
        walker.number_headings()
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


@dataclass(frozen=True, slots=True)
class _Numbered:
    """A paragraph numbered by Word (``w:numPr``) and read as a list item."""

    index: int  # of its block in ``_Body.blocks``
    num_id: str
    ilvl: int
    heading_like: bool


class _Body:
    def __init__(self, styles: _Styles, max_chars: int) -> None:
        self.styles = styles
        self.max_chars = max_chars
        self.blocks: list[Block] = []
        self.numbered: list[_Numbered] = []
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
        names = self.styles.names
        style = names.get(style_id, names[None] if style_id is None else "")
        loc = f"paragraph {number}"
        level = self._heading_level(style, style_id, ppr)
        if level:
            return Block(text, loc, "heading", level=level)
        numbering = _numbering(ppr)
        if numbering is not None:
            num_id, ilvl = numbering
            # the block is added next: its index is the current length
            self.numbered.append(
                _Numbered(len(self.blocks), num_id, ilvl, _heading_like(p, text))
            )
            return Block(text, loc, "item", level=ilvl + 1)
        if "list" in style.lower():
            return Block(text, loc, "item")
        return Block(text, loc, "para", strong=_all_bold(p))

    def _heading_level(self, style: str, style_id: str | None, ppr) -> int:
        """Heading level (1 = top) from the style name ("Heading 2", "Title") or
        the outline level of the paragraph or its style; 0 for body text."""
        match = _HEADING_STYLE.match(style)
        if match:
            return int(match.group(2))
        if style.lower() == "title":
            return 1
        level = _outline_level(ppr)
        if level is None:
            level = self.styles.outline.get(style_id)
        if level is None or level >= _BODY_TEXT_LEVEL:
            return 0
        return level + 1

    def number_headings(self) -> None:
        """Make section headings of the first level of an outline numbering
        ("I. STUDENT LEARNING OUTCOMES", "II. MAJOR TOPICS"), read as list items.

        A numbering is an outline of headings when its first-level paragraphs
        are all short bold or ALL CAPS lines without sentence punctuation at the
        end, one of them names a syllabus section, and most of them have other
        text between them and the next one (a list's items follow each other).
        """
        by_numbering: dict[str, list[_Numbered]] = {}
        for entry in self.numbered:
            by_numbering.setdefault(entry.num_id, []).append(entry)
        for entries in by_numbering.values():
            top = [(pos, e) for pos, e in enumerate(entries) if e.ilvl == 0]
            if self._is_heading_outline(top):
                for _, entry in top:
                    block = self.blocks[entry.index]
                    self.blocks[entry.index] = replace(block, role="heading", level=1)

    def _is_heading_outline(self, top: list[tuple[int, _Numbered]]) -> bool:
        if len(top) < 2 or not all(e.heading_like for _, e in top):
            return False
        if not any(classify_heading(self.blocks[e.index].text) for _, e in top):
            return False
        apart = 0
        for (pos_a, a), (pos_b, b) in zip(top, top[1:], strict=False):
            # blocks between them that are not paragraphs of this numbering
            if b.index - a.index > pos_b - pos_a:
                apart += 1
        return apart > (len(top) - 1) / 2

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


def _numbering(ppr) -> tuple[str, int] | None:
    """(numbering id, level) of a paragraph numbered by Word; ``numId`` 0
    removes a style's numbering."""
    num_pr = _child(ppr, "numPr") if ppr is not None else None
    if num_pr is None:
        return None
    num_el = _child(num_pr, "numId")
    num_id = (_attr(num_el, "val") if num_el is not None else None) or ""
    if num_id == "0":
        return None
    ilvl_el = _child(num_pr, "ilvl")
    ilvl = (_attr(ilvl_el, "val") if ilvl_el is not None else None) or "0"
    return num_id, int(ilvl) if ilvl.isdigit() else 0


def _heading_like(p, text: str) -> bool:
    """A short bold or ALL CAPS line without sentence punctuation at the end."""
    if "\n" in text or len(text.split()) > _MAX_HEADING_WORDS:
        return False
    if text[-1] in _SENTENCE_END:
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= 2 and all(c.isupper() for c in letters)
    return capitals or _all_bold(p) or _all_runs(p, "caps")


def _all_bold(p) -> bool:
    """Every run with text is bold (a likely heading)."""
    return _all_runs(p, "b")


def _all_runs(p, prop: str) -> bool:
    """Every run with text has the on/off run property ``prop`` ("b", "caps")."""
    runs = [r for r in p.iter() if _local(r.tag) == "r" and _text(r).strip()]
    if not runs:
        return False
    for run in runs:
        rpr = _child(run, "rPr")
        flag = _child(rpr, prop) if rpr is not None else None
        if flag is None or (_attr(flag, "val") or "true").lower() in _OFF:
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
