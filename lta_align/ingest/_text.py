"""Read Markdown and plain-text syllabi (and decode any text file)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import ParseError
from ..model import ReadProblem
from ._blocks import Block, cut_text, note, parse_lines

MARKDOWN_SUFFIXES = {".md", ".markdown"}

FRONT_MATTER_LINES = 200
"""The most lines read as a YAML front matter block; a longer "---" block is
read as text (a front matter block is a few lines of page settings)."""
_FRONT_MATTER_KEY = re.compile(
    r"^(?P<key>[A-Za-z_][\w .-]{0,40}?)\s*:(?:\s+(?P<value>.*))?$"
)
_FRONT_MATTER_LABELS = {
    "title": "Course",
    "code": "Course code",
    "number": "Course number",
}
"""Front matter keys renamed to the header labels the segmenter reads (other
keys are read as written: ``course_code`` is "Course code"). A page's title is
its course line: "LTA 130 Cataloging" gives the code and the title."""
_QUOTED = re.compile(r"^(?P<q>[\"'])(?P<text>.*)(?P=q)$")
_FLOW_LIST = re.compile(r"^\[(?P<text>.*)\]$")
_BLOCK_SCALAR = re.compile(r"^[|>][+-]?$")

_BINARY_HINT = "Check the file extension: it may be a different kind of file renamed."


def decode_bytes(path: Path, data: bytes, notes: list[ReadProblem]) -> str:
    """Decode the bytes of a text file.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such;
    otherwise Windows-1252 is tried, with a warning-severity note, if it decodes
    cleanly.

    Raises
    ------
    ParseError
        The content looks binary (NUL bytes, mostly control characters) or
        cannot be decoded.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(path, data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise ParseError(
                    path,
                    f"the file starts with a {encoding.upper()} marker but its text "
                    f"cannot be decoded ({exc.reason}).",
                    "Open it in a text editor and save it again as UTF-8.",
                ) from exc
    if b"\x00" in data[:65536]:
        raise ParseError(
            path, "this is not a text file (it looks binary).", _BINARY_HINT
        )
    try:
        return _check_text(path, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ParseError(
            path,
            "the text is not UTF-8 and could not be decoded as Windows-1252 either.",
            "Open it in a text editor and save it again as UTF-8.",
        ) from exc
    text = _check_text(path, text)
    notes.append(
        note(
            "the file is not UTF-8; it was read as Windows-1252, so a few special "
            "characters may be wrong.",
            "Save it as UTF-8 to be sure.",
        )
    )
    return text


def _check_text(path: Path, text: str) -> str:
    sample = text[:20000]
    if sample:
        bad = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
        bad += sample.count("\ufffd")
        if "\x00" in sample or bad / len(sample) > 0.05:
            raise ParseError(
                path, "this is not a text file (it looks binary).", _BINARY_HINT
            )
    return text


def read_text(path: Path, *, notes: list[ReadProblem], max_chars: int) -> list[Block]:
    """Read a Markdown or plain-text syllabus into blocks located by line number.

    Parameters
    ----------
    path : Path
        A ``.md``, ``.markdown``, ``.txt`` or ``.text`` file.
    notes : list of ReadProblem
        Warnings about the file are appended here.
    max_chars : int
        Text past this many characters is skipped (the caller reports it).
    """
    text = decode_bytes(path, path.read_bytes(), notes)
    text = cut_text(text, max_chars, notes)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, start = front_matter(lines)
    return front + parse_lines(
        ((f"line {i}", lines[i - 1]) for i in range(start, len(lines) + 1)),
        markdown=path.suffix.lower() in MARKDOWN_SUFFIXES,
    )


def front_matter(lines: list[str]) -> tuple[list[Block], int]:
    """Read a leading YAML front matter block ("---", "key: value" lines, "---").

    Each key gives a "Label: value" paragraph, read like the header lines of
    any syllabus ("title", "course_code", "credits" give the course facts;
    "term", "instructor", "tags" are course details). The block is not
    evaluated as YAML: a value is its text, quotes removed, with the lines and
    list entries under its key joined.

    Returns
    -------
    (list of Block, int)
        The blocks, and the number of the first line after the block (1 when
        the text does not open with front matter).
    """
    if not lines or lines[0].strip() != "---":
        return [], 1
    entries: list[tuple[int, str, list[str]]] = []  # (line, key, value parts)
    for i, raw in enumerate(lines[1 : FRONT_MATTER_LINES + 1], start=2):
        line = raw.rstrip()
        if line.strip() in ("---", "..."):
            blocks = [_front_block(n, key, parts) for n, key, parts in entries]
            return [b for b in blocks if b is not None], i + 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _FRONT_MATTER_KEY.match(line)
        if m is not None:
            entries.append((i, m.group("key"), [m.group("value") or ""]))
        elif entries and (line[0].isspace() or line.startswith("- ")):
            entries[-1][2].append(line.strip())  # a wrapped value or a list entry
        else:
            return [], 1  # not front matter: a rule above ordinary text
    return [], 1


def _front_block(number: int, key: str, parts: list[str]) -> Block | None:
    first, rest = parts[0].strip(), parts[1:]
    if _BLOCK_SCALAR.match(first):
        first = ""
    listed = [p[2:].strip() for p in rest if p.startswith("- ")]
    pieces = [first, " ".join(p for p in rest if not p.startswith("- "))]
    values = [_unquote(p) for p in (*pieces, *listed)]
    value = ", ".join(v for v in values if v)
    if not value:
        return None
    word = key.strip().replace("_", " ")
    label = _FRONT_MATTER_LABELS.get(word.lower(), word[:1].upper() + word[1:])
    return Block(f"{label}: {value}", f"line {number}", "para")


def _unquote(value: str) -> str:
    value = value.strip()
    m = _FLOW_LIST.match(value)
    if m is not None:
        value = ", ".join(_unquote(v) for v in m.group("text").split(","))
    m = _QUOTED.match(value)
    return m.group("text").strip() if m is not None else value
