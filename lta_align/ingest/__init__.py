"""Import syllabi (DOCX, PDF, Markdown, text, HTML) and outcome sheets (CSV, XLSX).

>>> import lta_align as la
>>> program = la.load_syllabi("data/syllabi")
>>> program.courses["course_id"].tolist()[:3]
['LTA101', 'LTA105', 'LTA110']
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from ..columns import COURSE_COLUMNS, STATEMENT_COLUMNS
from ..errors import (
    InputFileError,
    LtaAlignError,
    ParseError,
    UnsupportedFormatError,
)
from ..model import Program, ReadProblem, problems_frame
from ..text import clean, course_id_from_code, normalise, statement_id_normalised
from ._blocks import Block, truncation_note
from ._limits import Limits, OverBudget, cap_statements, preflight, time_budget
from ._reasons import read_failure
from ._segment import segment
from ._sheets import SheetRow
from ._statements import first_of_each

__all__ = ["COURSE_EXTRA_COLUMNS", "SUFFIXES", "Limits", "load_syllabi"]

logger = logging.getLogger(__name__)

SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".text": "txt",
    ".docx": "docx",
    ".dotx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
"""File extensions read, and the format name recorded in ``source_format``."""

_OLD_FORMATS = {
    ".doc": "an old Word .doc file; save it as .docx (Word: File > Save As).",
    ".xls": "an old Excel .xls file; save it as .xlsx.",
    ".rtf": "a Rich Text file; save it as .docx.",
    ".odt": "an OpenDocument text file; save it as .docx.",
    ".ods": "an OpenDocument spreadsheet; save it as .xlsx.",
    ".pages": "an Apple Pages file; export it as .docx or PDF.",
}

COURSE_EXTRA_COLUMNS = [
    "credits",
    "methods",
    "n_outcomes",
    "source_format",
    "dropped_boilerplate",
]
"""Columns of ``Program.courses`` after the contract columns: ``credits`` (as
written, e.g. "3"), ``methods`` (method of instruction text), ``n_outcomes``,
``source_format`` (md, txt, docx, pdf, html, csv, xlsx; several joined by ", "),
``dropped_boilerplate`` (institutional-policy blocks dropped)."""

_PROGRESS_THRESHOLD = 20

_Item = tuple[str, str, str, str, str, str | None]
"""A statement read: ``(course_id, kind, text, location, source, key)``; ``key``
is ``normalise(text)`` when the reader worked it out already, else None."""


@dataclass
class _Course:
    course_id: str
    course_code: str
    course_title: str
    sources: list[str]
    formats: list[str]
    credits: str = ""
    methods: str = ""
    dropped_boilerplate: int = 0


def _is_skipped(path: Path) -> bool:
    name = path.name
    return (
        name.startswith((".", "~$", "~"))
        or name.lower().endswith((".tmp", ".bak", ".swp", ".part", ".crdownload"))
        or name.lower() in {"thumbs.db", "desktop.ini", ".ds_store"}
    )


def _keep(found: dict[str, Path], path: Path) -> None:
    """Record ``path`` once; of two spellings of one file keep the smaller, so
    the source shown does not depend on the order of the arguments."""
    key = str(path.resolve())
    if key not in found or path.as_posix() < found[key].as_posix():
        found[key] = path


def _discover(paths: Iterable[str | Path], problems: list[ReadProblem]) -> list[Path]:
    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        try:
            _discover_one(path, found, problems)
        except OSError as exc:  # a name too long, a folder that cannot be listed
            problems.append(
                ReadProblem(
                    str(path),
                    f"the file or folder could not be opened ({exc.strerror or exc}).",
                    hint="Check the path and that you can open it.",
                )
            )
    return sorted(found.values(), key=lambda p: (p.as_posix().casefold(), p.as_posix()))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system
        return False


def _discover_one(
    path: Path, found: dict[str, Path], problems: list[ReadProblem]
) -> None:
    if path.is_dir():
        for child in path.rglob("*"):
            rel = child.relative_to(path)
            if any(_is_skipped(Path(part)) for part in rel.parts):
                continue
            if child.is_file():
                _keep(found, child)
    elif path.is_file():
        _keep(found, path)
    else:
        problems.append(
            ReadProblem(
                str(path),
                "the file or folder does not exist.",
                hint="Check the path and spelling.",
            )
        )


def _want_progress(progress: bool | None, n_files: int) -> bool:
    if progress is False or n_files <= _PROGRESS_THRESHOLD:
        return False
    if progress is None:
        try:
            return sys.stderr.isatty()
        except (AttributeError, ValueError):
            return False
    return True


def _read_blocks(
    path: Path, fmt: str, limits: Limits, notes: list[ReadProblem]
) -> list[Block]:
    cap = limits.max_text_chars
    if fmt in ("md", "txt"):
        from ._text import read_text

        return read_text(path, notes=notes, max_chars=cap)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(path, notes=notes, max_chars=cap)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, notes=notes, max_pages=limits.max_pages, max_chars=cap)
    if fmt == "html":
        from .html import read_html

        return read_html(path, notes=notes, max_chars=cap)
    raise AssertionError(fmt)  # pragma: no cover


def _truncate(blocks: list[Block], limit: int, notes: list[ReadProblem]) -> list[Block]:
    total = 0
    for i, block in enumerate(blocks):
        total += len(block.text)
        if total > limit:
            if not any("max_text_chars" in n.hint for n in notes):
                notes.append(truncation_note(limit, block.location))
            return blocks[:i]
    return blocks


_NO_TEXT = {
    "docx": "no text was found in the file: the Word document's body has no "
    "paragraphs or tables with text (only pictures, charts, or text in the page "
    "header and footer, which are not read).",
    "html": "no text was found in the file: the web page has no text outside "
    "navigation, scripts and page headers and footers.",
    "txt": "no text was found in the file (it holds only spaces or blank lines).",
    "md": "no text was found in the file (it holds only spaces, blank lines or "
    "markup).",
}
_NO_TEXT_HINT = "Check that it is the syllabus and not an empty template."


def _read_file(path: Path, fmt: str, limits: Limits, notes: list[ReadProblem]):
    """Return (segmented syllabus or None, sheet rows or None)."""
    preflight(path, limits)
    if fmt in ("csv", "xlsx"):
        from ._sheets import read_csv, read_xlsx

        reader = read_csv if fmt == "csv" else read_xlsx
        rows = reader(path, notes=notes, max_chars=limits.max_text_chars)
        return None, cap_statements(rows, limits, notes)
    blocks = _read_blocks(path, fmt, limits, notes)
    blocks = _truncate(blocks, limits.max_text_chars, notes)
    if not any(b.text.strip() for b in blocks):
        raise ParseError(path, _NO_TEXT.get(fmt, _NO_TEXT["txt"]), _NO_TEXT_HINT)
    seg = segment(blocks, file_stem=path.stem)
    capped = cap_statements(seg.statements, limits, notes)
    return replace(seg, statements=tuple(capped)), None


def load_syllabi(
    *paths: str | Path,
    limits: Limits | None = None,
    strict: bool = False,
    progress: bool | None = None,
    name: str | None = None,
) -> Program:
    """Read syllabi and outcome sheets into a :class:`~lta_align.model.Program`.

    Folders are searched recursively; every file is read in sorted path order,
    whatever the order of the arguments. Tables are read by column: a header
    naming outcome, assessment, topic or reading columns puts every cell in the
    kind of its column (dates, week and number columns locate the row). Outcome
    sheets are read whole: every non-empty row becomes a statement or is named
    in ``.problems``. Hidden and temporary files (``.x``,
    ``~$x.docx``, ``x.tmp``, ``Thumbs.db``) are skipped silently. A file that
    cannot be read becomes a row of ``.problems`` and the others are still read.

    Parameters
    ----------
    *paths : str or Path
        Files and folders. Formats: ``.docx`` (and ``.dotx``), ``.pdf``, ``.md``,
        ``.txt``, ``.html``/``.htm`` (syllabi) and ``.csv``, ``.xlsx`` (outcome
        sheets with columns ``course_code, course_title, kind, text`` or common
        variants).
    limits : Limits, optional
        Size limits applied before parsing and the per-file time budget
        (default ``Limits()``).
    strict : bool, default=False
        Raise the first error instead of recording it in ``.problems``.
    progress : bool or None, default=None
        Show a progress bar for more than 20 files; None shows it only when
        stderr is a terminal.
    name : str, optional
        Label of the program (default: the first folder's name).

    Returns
    -------
    Program
        ``.courses``: ``course_id, course_code, course_title, source, credits,
        methods, n_outcomes, source_format, dropped_boilerplate`` (one row per
        course id, sorted; a course read from several files lists them in
        ``source`` joined by "; ").
        ``.statements``: ``course_id, statement_id, kind, text, source,
        location``; ``kind`` in description, outcome, topic, assessment, reading;
        sorted by course id, then file and document order.
        ``.problems``: ``source, severity, reason``; severity ``error`` (file
        skipped), ``warning`` (read, but check it) or ``info``.

    Raises
    ------
    InputFileError
        Only with ``strict=True``: the first file that could not be read. No
        other exception escapes: a parser failure becomes a plain reason.

    Examples
    --------
    >>> program = load_syllabi("data/syllabi/LTA130_cataloging_classification.docx")
    >>> program.problems[program.problems.severity == "error"].empty
    True
    """
    if not paths:
        raise TypeError("load_syllabi() needs at least one file or folder path")
    limits = limits or Limits()
    problems: list[ReadProblem] = []
    files = _discover(paths, problems)
    if strict and problems:
        p = problems[0]
        raise InputFileError(p.source, p.reason, p.hint)

    courses: dict[str, _Course] = {}
    statements: list[_Item] = []
    iterator: Iterable[Path] = files
    if _want_progress(progress, len(files)):
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="Reading syllabi", unit="file")
    n_failed = 0
    for path in iterator:
        source = str(path)
        suffix = path.suffix.lower()
        fmt = SUFFIXES.get(suffix)
        notes: list[ReadProblem] = []
        try:
            if fmt is None:
                reason = _OLD_FORMATS.get(suffix)
                if reason:
                    raise UnsupportedFormatError(path, f"this is {reason}")
                raise UnsupportedFormatError(
                    path,
                    f"unknown format ({suffix or 'no extension'}).",
                    "lta-align reads .docx, .pdf, .md, .txt, .html, .csv and .xlsx "
                    "files; convert it to one of these or move it out of the folder.",
                )
            try:
                with time_budget(limits.max_seconds):
                    seg, rows = _read_file(path, fmt, limits, notes)
            except OverBudget:
                raise ParseError(
                    path,
                    f"reading the file took more than {limits.max_seconds:g} seconds, "
                    "so it was skipped (a file that slow is usually malformed or "
                    "machine-made).",
                    "Open it and save or export it again; if it is genuine, raise "
                    "Limits(max_seconds=...).",
                ) from None
            except OSError as exc:  # permissions, a cloud placeholder, removed
                raise ParseError(
                    path,
                    f"the file could not be opened ({exc.strerror or exc}).",
                    "Check that you can open it (permissions, fully downloaded) "
                    "and run again.",
                ) from exc
            except InputFileError:
                raise
            except LtaAlignError as exc:
                raise ParseError(path, exc.format_message()) from exc
            except Exception as exc:  # noqa: BLE001 - only our errors escape
                raise read_failure(path, exc) from exc
        except InputFileError as exc:
            if strict:
                raise
            n_failed += 1
            problems.append(ReadProblem(source, exc.reason, "error", exc.hint))
            continue
        for n in notes:
            problems.append(replace(n, source=source))
        if seg is not None:
            _add_syllabus(seg, source, fmt, courses, statements, problems)
        else:
            _add_sheet(rows or [], source, fmt, courses, statements)

    program = _build(courses, statements, problems, name, paths)
    if n_failed:
        logger.warning(
            "%d of %d file(s) could not be read; see Program.problems for the reasons.",
            n_failed,
            len(files),
        )
    return program


def _course(
    courses: dict[str, _Course], code: str, title: str, source: str, fmt: str
) -> _Course:
    code = clean(code)
    course_id = course_id_from_code(code) or "UNKNOWN"
    course = courses.get(course_id)
    if course is None:
        course = courses[course_id] = _Course(course_id, code, clean(title), [], [])
    if source not in course.sources:
        course.sources.append(source)
    if fmt not in course.formats:
        course.formats.append(fmt)
    if not course.course_title and title:
        course.course_title = clean(title)
    return course


def _unread_note(source: str, unread: tuple[tuple[str, int], ...]) -> ReadProblem:
    """The info row naming the sections under headings lta-align does not know."""
    shown = ", ".join(f"'{heading}' ({n})" for heading, n in unread[:5])
    more = f" and {len(unread) - 5} more" if len(unread) > 5 else ""
    total = sum(n for _, n in unread)
    return ReadProblem(
        source,
        f"{total} paragraph(s) under heading(s) lta-align does not know were not "
        f"read: {shown}{more}.",
        "info",
        "If they are outcomes, topics, assignments or readings, rename the heading "
        "(for example 'Learning Outcomes', 'Weekly Topics', 'Assignments').",
    )


def _opening(text: str, width: int = 40) -> str:
    """The first words of ``text`` (cut at a word, "…" when cut)."""
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def _unread_prose_note(
    source: str, unread: tuple[tuple[str, str, str, str], ...]
) -> ReadProblem:
    """The info row naming the paragraphs before the first section heading,
    under course-facts headings or after a table, that were not read."""
    headings = list(dict.fromkeys(h for s, h, _, _ in unread if s == "info" and h))
    places = []
    if any(s == "" for s, _, _, _ in unread):
        places.append("before the first section heading")
    if any(s == "info" for s, _, _, _ in unread):
        named = ", ".join(f"'{h}'" for h in headings[:3])
        places.append("under course-facts headings" + (f" ({named})" if named else ""))
    if any(s == "table" for s, _, _, _ in unread):
        places.append("after a table with no heading")
    shown = ", ".join(
        f"'{_opening(text)}' ({where})" for _, _, text, where in unread[:3]
    )
    more = f" and {len(unread) - 3} more" if len(unread) > 3 else ""
    return ReadProblem(
        source,
        f"{len(unread)} paragraph(s) {' or '.join(places)} were not read: "
        f"{shown}{more}.",
        "info",
        "If they are outcomes, topics, assignments or readings, put them under a "
        "heading such as 'Learning Outcomes', 'Weekly Topics', 'Assignments' or "
        "'Readings'.",
    )


def _add_syllabus(seg, source, fmt, courses, statements, problems) -> None:
    course = _course(courses, seg.course_code, seg.course_title, source, fmt)
    course.credits = course.credits or seg.credits
    course.methods = " ".join(x for x in (course.methods, seg.methods) if x)
    course.dropped_boilerplate += seg.dropped_boilerplate
    for st in seg.statements:
        statements.append(
            (course.course_id, st.kind, st.text, st.location, source, None)
        )
    if seg.code_from_file_name:
        problems.append(
            ReadProblem(
                source,
                f"no course code was found in the syllabus; used {seg.course_code!r} "
                "from the file name.",
                "info",
                "Put the code in the title or a 'Course: LTA 101 ...' line.",
            )
        )
    if seg.unread:
        problems.append(_unread_note(source, seg.unread))
    if seg.unread_prose:
        problems.append(_unread_prose_note(source, seg.unread_prose))
    if not seg.statements:
        problems.append(
            ReadProblem(
                source,
                "no learning outcomes found: nothing in the file was read as a "
                "statement, because no section heading lta-align knows (Learning "
                "Outcomes, Course Description, Topics, Assignments, Readings) was "
                "found"
                + (
                    f" and {seg.dropped_boilerplate} policy block(s) were dropped."
                    if seg.dropped_boilerplate
                    else "."
                ),
                "warning",
                "Check that it is a syllabus, and put its outcomes under a heading "
                "such as 'Learning Outcomes'.",
            )
        )
    elif not any(st.kind == "outcome" for st in seg.statements):
        problems.append(
            ReadProblem(
                source,
                "no learning outcomes found.",
                "warning",
                "Check that they are under a heading such as 'Learning Outcomes'.",
            )
        )


def _add_sheet(rows: list[SheetRow], source, fmt, courses, statements) -> None:
    from ._statements import clean_statement

    # a sheet names each course on many rows; _course() gives the same answer for
    # the same code and title within one file, so ask it once per pair
    seen: dict[tuple[str, str], _Course] = {}
    for row in rows:
        pair = (row.course_code, row.course_title)
        course = seen.get(pair)
        if course is None:
            course = seen[pair] = _course(courses, *pair, source, fmt)
        if row.statement_of == row.text:  # worked out while reading, not cut since
            text, key = row.statement, row.statement_key
        else:
            text, key = clean_statement(row.kind, row.text), None
        if text:
            statements.append(
                (course.course_id, row.kind, text, row.location, source, key)
            )


def _build(courses, statements, problems, name, paths) -> Program:
    # dedupe within each course across files, keeping file then document order
    per_course: dict[str, list[_Item]] = {}
    for item in statements:
        per_course.setdefault(item[0], []).append(item)
    rows = []
    for course_id in sorted(per_course):
        items = per_course[course_id]
        # normalise each text once: the key of dedupe and of the statement id
        keys = [normalise(it[2]) if it[5] is None else it[5] for it in items]
        for i, kind in first_of_each(keys, [it[1] for it in items]):
            _, _, text, location, source, _ = items[i]
            sid = statement_id_normalised(course_id, keys[i])
            rows.append((course_id, sid, kind, text, source, location))
    stmt_df = pd.DataFrame(rows, columns=STATEMENT_COLUMNS).astype(
        {
            "course_id": str,
            "statement_id": str,
            "kind": str,
            "text": str,
            "source": str,
            "location": str,
        }
    )
    n_outcomes = stmt_df[stmt_df["kind"] == "outcome"].groupby("course_id").size()
    course_rows = [
        {
            "course_id": c.course_id,
            "course_code": c.course_code,
            "course_title": c.course_title,
            "source": "; ".join(c.sources),
            "credits": c.credits,
            "methods": c.methods,
            "n_outcomes": int(n_outcomes.get(c.course_id, 0)),
            "source_format": ", ".join(sorted(c.formats)),
            "dropped_boilerplate": c.dropped_boilerplate,
        }
        for c in sorted(courses.values(), key=lambda c: c.course_id)
    ]
    course_df = pd.DataFrame(course_rows, columns=COURSE_COLUMNS + COURSE_EXTRA_COLUMNS)
    course_df = course_df.astype(
        {"n_outcomes": "int64", "dropped_boilerplate": "int64"}
    )
    problems = sorted(problems, key=lambda p: (p.source, _SEV.get(p.severity, 9)))
    if name is None:
        # the first folder given, else the folder all given files share, so listing
        # a folder's files (in any order) names the program like the folder itself
        dirs = sorted(Path(p).resolve().name for p in paths if _is_dir(Path(p)))
        parents = {Path(p).resolve().parent.name for p in paths}
        name = dirs[0] if dirs else (parents.pop() if len(parents) == 1 else "")
    return Program(
        courses=course_df,
        statements=stmt_df,
        problems=problems_frame(problems),
        name=name,
        sources=tuple(sorted({Path(s) for c in courses.values() for s in c.sources})),
    )


_SEV = {"error": 0, "warning": 1, "info": 2}
