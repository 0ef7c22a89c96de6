"""Read Markdown and plain-text syllabi (and decode any text file)."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import ParseError
from ..model import ReadProblem
from ._blocks import Block, cut_text, note, parse_lines

MARKDOWN_SUFFIXES = {".md", ".markdown"}

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
    return parse_lines(
        ((f"line {i}", line) for i, line in enumerate(lines, start=1)),
        markdown=path.suffix.lower() in MARKDOWN_SUFFIXES,
    )
