"""Word styles and numbering: which paragraphs are headings.

A paragraph is a heading by its style name ("Heading 2", "Title") or outline
level (``w:outlineLvl``, its own or its style's, inherited through
``w:basedOn``); a paragraph numbered by Word (``w:numPr``) is a list item,
unless its numbering is an outline of section headings ("I. STUDENT LEARNING
OUTCOMES", see :func:`number_headings`).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, replace
from posixpath import dirname, join, normpath

from .._blocks import Block
from .._headings import classify_heading
from ._ooxml import element_text, first_child, get_attr, local_name, parse_xml

_HEADING_STYLE = re.compile(r"^(heading|\u00fcberschrift|titre|titulo)\s*(\d)", re.I)
_BODY_TEXT_LEVEL = 9
"""``w:outlineLvl`` 9 is body text; 0-8 are heading levels 1-9."""
_MAX_HEADING_WORDS = 8
_SENTENCE_END = ".;,!?"
_OFF = ("0", "false", "off")


@dataclass(frozen=True, slots=True)
class Styles:
    """The paragraph styles of a document, by style id (``None``: the default).

    ``outline`` holds the outline level (0 = heading level 1) a style sets or
    inherits through ``w:basedOn``; body-text styles are absent.
    """

    names: dict[str | None, str]
    outline: dict[str | None, int]


def _outline_level(ppr) -> int | None:
    """The ``w:outlineLvl`` set in a paragraph's or style's properties."""
    element = first_child(ppr, "outlineLvl") if ppr is not None else None
    value = get_attr(element, "val") if element is not None else None
    return int(value) if value is not None and value.isdigit() else None


def read_styles(archive: zipfile.ZipFile, main: str) -> Styles:
    """Read the paragraph styles: names and outline levels.

    A style without a ``w:type`` is a paragraph style (the OOXML default).
    """
    names: dict[str | None, str] = {None: "Normal"}
    own: dict[str | None, int | None] = {}
    based_on: dict[str | None, str | None] = {}
    part = normpath(join(dirname(main), "styles.xml"))
    try:
        root = parse_xml(archive.read(part))
    except KeyError:
        return Styles(names, {})
    for style in root:
        if local_name(style.tag) != "style":
            continue
        if (get_attr(style, "type") or "paragraph") != "paragraph":
            continue
        name_el = first_child(style, "name")
        name = (get_attr(name_el, "val") if name_el is not None else None) or ""
        style_id = get_attr(style, "styleId")
        names[style_id] = name
        own[style_id] = _outline_level(first_child(style, "pPr"))
        parent = first_child(style, "basedOn")
        based_on[style_id] = get_attr(parent, "val") if parent is not None else None
        if (get_attr(style, "default") or "").lower() in ("1", "true", "on"):
            names[None] = name
            own[None] = own[style_id]
    outline = {}
    for style_id in own:
        level = _inherited(style_id, own, based_on)
        if level is not None and level < _BODY_TEXT_LEVEL:
            outline[style_id] = level
    return Styles(names, outline)


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


def heading_level(styles: Styles, style: str, style_id: str | None, ppr) -> int:
    """Heading level (1 = top) from the style name ("Heading 2", "Title") or
    the outline level of the paragraph or its style; 0 for body text."""
    match = _HEADING_STYLE.match(style)
    if match:
        return int(match.group(2))
    if style.lower() == "title":
        return 1
    level = _outline_level(ppr)
    if level is None:
        level = styles.outline.get(style_id)
    if level is None or level >= _BODY_TEXT_LEVEL:
        return 0
    return level + 1


@dataclass(frozen=True, slots=True)
class Numbered:
    """A paragraph numbered by Word (``w:numPr``) and read as a list item."""

    index: int  # of its block in ``_Body.blocks``
    num_id: str
    ilvl: int
    heading_like: bool


def number_headings(blocks: list[Block], numbered: list[Numbered]) -> None:
    """Make section headings of the first level of an outline numbering
    ("I. STUDENT LEARNING OUTCOMES", "II. MAJOR TOPICS"), read as list items.

    A numbering is an outline of headings when its first-level paragraphs
    are all short bold or ALL CAPS lines without sentence punctuation at the
    end, one of them names a syllabus section, and most of them have other
    text between them and the next one (a list's items follow each other).
    """
    by_numbering: dict[str, list[Numbered]] = {}
    for entry in numbered:
        by_numbering.setdefault(entry.num_id, []).append(entry)
    for entries in by_numbering.values():
        top = [(pos, e) for pos, e in enumerate(entries) if e.ilvl == 0]
        if _is_heading_outline(blocks, top):
            for _, entry in top:
                block = blocks[entry.index]
                blocks[entry.index] = replace(block, role="heading", level=1)


def _is_heading_outline(blocks: list[Block], top: list[tuple[int, Numbered]]) -> bool:
    if len(top) < 2 or not all(e.heading_like for _, e in top):
        return False
    if not any(classify_heading(blocks[e.index].text) for _, e in top):
        return False
    apart = 0
    for (pos_a, a), (pos_b, b) in zip(top, top[1:], strict=False):
        # blocks between them that are not paragraphs of this numbering
        if b.index - a.index > pos_b - pos_a:
            apart += 1
    return apart > (len(top) - 1) / 2


def numbering_of(ppr) -> tuple[str, int] | None:
    """(numbering id, level) of a paragraph numbered by Word; ``numId`` 0
    removes a style's numbering."""
    num_pr = first_child(ppr, "numPr") if ppr is not None else None
    if num_pr is None:
        return None
    num_el = first_child(num_pr, "numId")
    num_id = (get_attr(num_el, "val") if num_el is not None else None) or ""
    if num_id == "0":
        return None
    ilvl_el = first_child(num_pr, "ilvl")
    ilvl = (get_attr(ilvl_el, "val") if ilvl_el is not None else None) or "0"
    return num_id, int(ilvl) if ilvl.isdigit() else 0


def heading_like(p, text: str) -> bool:
    """A short bold or ALL CAPS line without sentence punctuation at the end."""
    if "\n" in text or len(text.split()) > _MAX_HEADING_WORDS:
        return False
    if text[-1] in _SENTENCE_END:
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= 2 and all(c.isupper() for c in letters)
    return capitals or all_bold(p) or _all_runs(p, "caps")


def all_bold(p) -> bool:
    """Every run with text is bold (a likely heading)."""
    return _all_runs(p, "b")


def _all_runs(p, prop: str) -> bool:
    """Every run with text has the on/off run property ``prop`` ("b", "caps")."""
    runs = [r for r in p.iter() if local_name(r.tag) == "r" and element_text(r).strip()]
    if not runs:
        return False
    for run in runs:
        rpr = first_child(run, "rPr")
        flag = first_child(rpr, prop) if rpr is not None else None
        if flag is None or (get_attr(flag, "val") or "true").lower() in _OFF:
            return False
    return True
