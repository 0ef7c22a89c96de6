"""Read the layout of a web page printed to PDF by a browser (Chromium's
Skia/PDF): its text layer has no list bullets, headings or paragraph breaks,
so they are found from the drawn bullets, the font sizes and the space between
lines."""

from __future__ import annotations

from collections import Counter

from ._columns import column_gap, word_lines

WEB_PRODUCERS = ("skia/pdf",)
"""What the PDF's /Producer starts with when a browser printed a web page
(Chrome, Edge and every Chromium browser: "Skia/PDF m120")."""

_PARAGRAPH_GAP = 0.5
"""A paragraph (or list item) ends where the space to the next line is more than
this share of the body text size (a wrapped line follows with next to none)."""
_HEADING_SIZE = 1.2
"""A line at least this many times the body text size is a heading."""
_BULLET_BOX = 8.0
"""A drawn bullet (a disc or square a browser draws for a list item) is at most
this wide and high, left of its item's first line."""


def web_page(page) -> list[tuple[str, object]] | None:
    """A web page printed by a browser, line by line with its structure: list
    items get back the bullet the browser drew as a shape ("• "), a line set
    larger than the body text is a ``("heading", (text, level))``, and a
    ``("break", "")`` separates paragraphs. None for a page in two columns (its
    text layer reads each column whole)."""
    lines = page.extract_text_lines()
    if not lines or column_gap(word_lines(page), page.width) is not None:
        return None
    sizes: Counter[float] = Counter()
    for line in lines:
        for ch in line["chars"]:
            sizes[round(ch["size"], 1)] += 1
    body = sizes.most_common(1)[0][0]
    big = sorted({_size(ln) for ln in lines if _size(ln) >= _HEADING_SIZE * body})
    bullets = _drawn_bullets(page)
    items: list[tuple[str, object]] = []
    bottom = None
    for line in lines:
        size = _size(line)
        if bottom is not None and line["top"] - bottom > _PARAGRAPH_GAP * body:
            items.append(("break", ""))
        bottom = line["bottom"]
        text = line["text"]
        if size >= _HEADING_SIZE * body and len(text.split()) <= 14:
            level = len(big) - big.index(size)
            if items and items[-1][0] == "heading" and items[-1][1][1] == level:
                items[-1] = ("heading", (f"{items[-1][1][0]} {text}", level))
            else:
                items.append(("heading", (text, level)))
            continue
        if any(_bullet_of(box, line) for box in bullets):
            text = f"\u2022 {text}"
        items.append(("line", text))
    return items


def _size(line: dict) -> float:
    return max(
        (round(c["size"], 1) for c in line["chars"] if c["text"].strip()), default=0
    )


def _drawn_bullets(page) -> list[tuple[float, float, float, float]]:
    out = []
    for shape in list(page.curves) + list(page.rects):
        w, h = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        if 1.5 <= w <= _BULLET_BOX and 1.5 <= h <= _BULLET_BOX and 0.5 <= w / h <= 2:
            out.append((shape["x0"], shape["top"], shape["x1"], shape["bottom"]))
    return out


def _bullet_of(box, line: dict) -> bool:
    """A drawn bullet just left of the line, level with it."""
    x0, top, x1, bottom = box
    middle = (top + bottom) / 2
    return (
        x1 <= line["x0"]
        and line["x0"] - x1 <= 3 * _BULLET_BOX
        and line["top"] <= middle <= line["bottom"]
    )
