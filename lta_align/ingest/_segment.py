"""Split the blocks of a free-form syllabus into typed statements.

The segmenter walks the blocks in order. Headings (explicit styles, or short
lines that :func:`~._headings.classify_heading` recognises) switch the current
section; blocks in a content section become statements of that kind, blocks in
institutional-policy sections are dropped and counted, and the header area
gives the course code, title and credits. Table rows are read by
:class:`~._table_rows.TableRows` and outcome lists by
:class:`~._outcome_lists.OutcomeLists`, the walker's mixins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import clean
from ._blocks import Block
from ._headings import (
    CODE_LABELS,
    CREDIT_LABELS,
    CREDITS,
    TITLE_LABELS,
    classify_heading,
    heading_key,
    looks_like_heading,
)
from ._lead_ins import STEM, is_stem, split_inline_list
from ._outcome_lists import OutcomeLists
from ._statements import (
    KIND_PRIORITY,
    Statement,
    clean_statement,
    code_from_file_name,
    code_from_text,
    dedupe,
    split_lines,
    split_lines_at,
)
from ._table_rows import TableRows

__all__ = [
    "KIND_PRIORITY",
    "Segmented",
    "Statement",
    "clean_statement",
    "code_from_file_name",
    "code_from_text",
    "dedupe",
    "segment",
    "split_lines",
]

_LABEL = re.compile(
    r"^\s*([A-Za-z][A-Za-z/&#'(). -]{0,40}?)\s*[:\uff1a]\s*(.*)$", re.DOTALL
)
_INLINE_BOILERPLATE = re.compile(
    r"subject to change|academic (integrity|honesty)|plagiarism"
    r"|disability (services|resource)|accommodations? (letter|request)"
    r"|attendance (is|policy)|title ix|office hours"
    # "The schedule may change; changes will be announced in class"
    r"|\b(schedule|calendar|dates?|syllabus)\b[^.;]{0,30}\b(may|might|can|could)"
    r" (change|be (changed|adjusted|revised))|changes will be (announced|posted)",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    # an e-mail address (started only where a run of its letters starts, so a
    # long run of letters is scanned once)
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+"
    r"|(\+?1[ .-]?)?(\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]\d{4}\b"  # a phone number
    r"|\bext\.? ?\d+",
    re.IGNORECASE,
)
"""Contact details: a line that is only these (and a few words such as a name or
"Phone:") is boilerplate, never a statement."""
_CLOSING = re.compile(
    r"(thanks( again)?|many thanks|thank you|best( wishes)?|(kind |warm |best )?regards"
    r"|sincerely|cheers|respectfully)\s*[,.!]?|--",
    re.IGNORECASE,
)
"""The first line of an e-mail's closing ("Thanks,", "Best regards,") or the
"--" signature delimiter: it and everything after it are the signature."""

SCHEDULE_LABELS: dict[str, tuple[str, bool]] = {
    "read": ("reading", False),
    "reading": ("reading", False),
    "readings": ("reading", False),
    "watch": ("reading", False),
    "view": ("reading", False),
    "listen": ("reading", False),
    "do": ("assessment", False),
    "submit": ("assessment", False),
    "due": ("assessment", False),
    "assignment": ("assessment", False),
    "assignments": ("assessment", False),
    "activity": ("assessment", False),
    "homework": ("assessment", False),
    "quiz": ("assessment", True),
    "lab": ("assessment", True),
    "discussion": ("assessment", True),
}
"""Labels of the lines under a week of a schedule ("Read: Evans, Chapter 1",
"Do: Weeding project"): the kind the line is read as, and whether the label
stays in the text (a verb such as "Read" is dropped; a noun naming the work,
"Quiz: MARC fields", stays)."""

_BOLD_HEADING_SECTIONS = frozenset({"description", "methods", "reading"})
"""Sections where a short bold line naming no section starts a section of its
own ("**Lab Etiquette**" after the readings). In assessment and topic sections
bold lines are the titles of assignments and weeks, in outcome sections the
names of groups of outcomes, in policy sections the policies' names."""


@dataclass(frozen=True, slots=True)
class Segmented:
    """What the segmenter found in one syllabus."""

    course_code: str
    course_title: str
    credits: str
    methods: str
    statements: tuple[Statement, ...]
    dropped_boilerplate: int
    code_from_file_name: bool
    unread: tuple[tuple[str, int], ...] = ()
    """Headings lta-align does not know, in order, with how many blocks under
    each were not read (neither statements nor policy)."""
    unread_prose: tuple[tuple[str, str, str, str], ...] = ()
    """Paragraphs of prose not read because they stand before the first section
    heading, under a course-facts heading or after a table with no heading:
    (section: "" before any heading, "info" or "table"; the course-facts
    heading; the paragraph's text; its location)."""


_LEAD_IN_SECTIONS = frozenset({None, "description", "other", "topic", "methods"})
"""Sections where a lead-in line starts the outcome list that follows it (in
policy and program-outcome sections it does not)."""


def _split_label(text: str) -> tuple[str, str] | None:
    m = _LABEL.match(text)
    if m is None or len(m.group(1).split()) > 5:
        return None
    return m.group(1).strip(" *_."), m.group(2).strip()


def _schedule_label(text: str) -> tuple[str, str] | None:
    """The kind and text of a labelled line under a week of a schedule
    ("Read: Evans, Chapter 1" -> reading "Evans, Chapter 1"), else None."""
    parts = _split_label(text)
    if parts is None or not parts[1]:
        return None
    found = SCHEDULE_LABELS.get(parts[0].casefold())
    if found is None:
        return None
    kind, keep = found
    return kind, (f"{parts[0]}: {parts[1]}" if keep else parts[1])


def _is_contact(text: str) -> bool:
    """True for a line that is only contact details ("Phone: 555-201-3344",
    "Northfield CC | jdoe@northfield.edu"): at most a few words beside them."""
    if "\n" in text.strip() or not _CONTACT.search(text):
        return False
    rest = re.findall(r"[A-Za-z]{2,}", _CONTACT.sub(" ", text))
    return len(rest) <= 5 and not re.search(r"[.!?]\s*$", _CONTACT.sub("", text))


def _is_prose(text: str) -> bool:
    """True for a paragraph of prose rather than a course fact: six words or
    more (or four ending a sentence), written in sentence case, and not a
    "Label: value" line."""
    words = text.split()
    if _split_label(text) is not None or len(words) < 4:
        return False
    if len(words) < 6 and text[-1] not in ".!?":
        return False
    later = [w for w in words[1:] if w[:1].isalpha()]
    return sum(w[0].islower() for w in later) * 2 > len(later)


class _Walker(TableRows, OutcomeLists):
    def __init__(self, file_stem: str) -> None:
        self.file_stem = file_stem
        self.section: str | None = None  # None = header area
        self.section_level = 0
        self.code = ""
        self.title = ""
        self.title_guess = ""  # a first heading without a course code
        self.credits = ""
        self.methods: list[str] = []
        self.statements: list[Statement] = []
        self.boilerplate = 0
        self.table_header: dict[int, tuple[str, ...]] = {}
        self.seen_tables: set[int] = set()
        # tables whose header names two or more content columns ("Outcome |
        # Assessment", "Week | Date | Topic | Reading"): every cell is read in
        # the kind of its column
        self.table_roles: dict[int, tuple[str | None, ...]] = {}
        self.rows_checked: dict[int, int] = {}
        self.header_description = False
        self.other_heading = ""
        self.unread: dict[str, int] = {}
        self.unread_prose: list[tuple[str, str, str, str]] = []
        self.section_name = ""  # the heading of a course-facts section
        self.closed = False  # an e-mail closing ("Thanks,") was met
        # (table, section, level) while in a table whose title row set the section
        self.titled_table: tuple[int, str | None, int] | None = None
        # (table, section, level) of a table of "Label | value" rows met in
        # the header area or a facts section: the section each row is read in
        self.label_table: tuple[int, str | None, int] | None = None
        # an outcome list item ending in ":" whose parts may follow
        self.parent = None

    # -- header facts
    def _take_code(self, text: str, *, from_label: bool = False) -> bool:
        found = code_from_text(text)
        if found is None or (self.code and not from_label):
            return False
        if len(found[1].split()) > 15:
            return False
        self.code = found[0]
        if found[1] and not self.title:
            self.title = found[1]
        return True

    def _label(self, label: str, value: str, location: str, role: str) -> bool:
        """Handle a "Label: value" block; return True if it was consumed."""
        key = heading_key(label)
        if key in CODE_LABELS and value:
            if not self._take_code(value, from_label=True) and not self.title:
                self.title = clean(value)
            return True
        if key in TITLE_LABELS and value:
            if not self.title or self.section is None:
                self.title = clean(value)
            return True
        if key in CREDIT_LABELS:
            m = re.search(r"\d+(?:\.\d+)?", value)
            if m and not self.credits:
                self.credits = m.group(0)
            return True
        kind = classify_heading(label, strict=True)
        if kind is None:
            return False
        if kind == "boilerplate":
            self.boilerplate += 1
            return True
        if kind == "info":
            return True  # "Prerequisite: LTA 101", "Format: hybrid": facts, not content
        if kind == "methods":
            if value:
                self.methods.append(clean(value))
            return True
        if role == "item" and self.section is not None:
            return False  # "Week 3: Topic" style items belong to the current section
        # a content section introduced inline: "Course Description: Introduces ..."
        self.section = kind
        self.section_level = 99
        if value:
            self._content(Block(value, location, "para"))
        return True

    # -- walking
    def feed(self, block: Block) -> None:
        text = block.text.strip()
        if not text:
            return
        if self.closed or self._closing(block):
            self.boilerplate += 1
            return
        if self.parent is not None:
            if block.role == "item" and self._part(text, block.location):
                return
            self.finish()
        if self.section is None and block.role == "para" and "\n" in text:
            pieces = split_lines_at(text)
            if len(pieces) > 1 and code_from_text(pieces[0][1]):
                # "LTA 110 Library Technology, 3 Credit Hours\nSpring 2026": the
                # title line is a fact of its own (a wrapped title stays whole)
                lines = [ln for ln in text.split("\n") if ln.strip()]
                offset = pieces[1][0]
                line = re.fullmatch(r"line (\d+)", block.location)
                where = (
                    f"line {int(line.group(1)) + offset}" if line else block.location
                )
                self.feed(
                    Block(pieces[0][1], block.location, "para", strong=block.strong)
                )
                self.feed(Block("\n".join(lines[offset:]), where, "para"))
                return
        if self.titled_table and block.table != self.titled_table[0]:
            # the end of a table titled "Course Learning Outcomes" in its first
            # row: the section it was in goes on
            _, self.section, self.section_level = self.titled_table
            self.titled_table = None
        if block.role == "heading":
            self._heading(block)
            return
        if self.section is None and block.role in ("para", "heading"):
            text = self._take_credits(text)
            if not text:
                return
            block = Block(
                text, block.location, block.role, block.level, strong=block.strong
            )
        if block.role == "para" and (
            looks_like_heading(text)
            or block.strong
            and "\n" not in text
            and not re.search(r":\s*\S", text)
        ):
            if self.section is None and self._take_code(text):
                return
            kind = classify_heading(text, strict=True)
            if kind is not None and len(text.split()) <= 8 and text[-1] not in ".;,":
                self._switch(kind, 99, text)
                return
            if kind is None and block.strong and self._bold_heading(text):
                self._switch("other", 99)
                self.other_heading = clean(text)
                return
        if (
            block.role == "para"
            and self.section in _LEAD_IN_SECTIONS
            and self._lead_in(block)
        ):
            return
        if block.role == "row" and self._role_table_row(block):
            return
        if block.role == "row":
            cells = [c.strip(" *_:") for c in block.cells if c.strip(" *_:")]
            if self._label_row(block, cells):
                return
            if self.section is None and len(cells) == 1:
                if self._take_code(cells[0]):
                    return
            if len(cells) == 1 and self._table_title(block, cells[0]):
                return
        if block.role in ("para", "item"):
            parts = _split_label(text)
            if self.section is None and parts is None and self._take_code(text):
                return
            # a list item in a content section is content even when it looks like
            # "Collection development policy analysis: 15%"
            if parts is not None and (self.section is None or block.role == "para"):
                if self.section == "topic" and _schedule_label(text) is not None:
                    pass  # "Read: Evans, Chapter 1" under a week: read in _content
                elif self._label(parts[0], parts[1], block.location, block.role):
                    return
            if self._header_description(block):
                return
        self._content(block)

    def _take_credits(self, text: str) -> str:
        """Take "3 Units" / "3 credit hours" from a header-area line; return the
        rest of the line ("" when the line was only the credits)."""
        m = CREDITS.search(text)
        if m is None:
            return text
        if not self.credits:
            self.credits = m.group(1)
        head = text[: m.start()].rstrip()
        if head.endswith(("(", "[")):  # "Collection Development (3 credits)"
            head = head[:-1]
        rest = (head + text[m.end() :]).strip(" \t|,;:-\u2013\u2014")
        return rest

    def _header_description(self, block: Block) -> bool:
        """A catalog entry's description: the first full paragraph under the
        course title, before any heading."""
        text = block.text.strip()
        if (
            self.section is not None
            or block.role != "para"
            or not (self.code or self.title_guess)
            or self.header_description
            or len(text.split()) < 12
            or not text.endswith((".", "!", "?"))
            or _INLINE_BOILERPLATE.search(text)
        ):
            return False
        self.header_description = True
        self._add_listing("description", text, block.location, split_inline_list(text))
        return True

    def _heading(self, block: Block) -> None:
        text = block.text
        if self.section is None and self._take_code(text):
            return
        kind = classify_heading(text)
        if (
            kind is None
            and self.section in _LEAD_IN_SECTIONS
            and STEM.search(text)
            and is_stem(text, "para")
        ):
            self._switch("outcome", block.level or 99)  # "Upon completion ...:"
            return
        if kind is None:
            parts = _split_label(text)
            if parts is not None and self._label(
                parts[0], parts[1], block.location, "para"
            ):
                return
            if self.section is None:
                if not self.title_guess and not self.code and block.level <= 1:
                    self.title_guess = clean(text)
                return
            if block.level <= self.section_level:
                self._switch("other", block.level)
                self.other_heading = clean(text)
                return
            # a sub-heading naming no section ("Week 4 - Performance Reviews"
            # under "Weekly Schedule", an assignment's title under "Assignments")
            # is a statement of the section it is in
            self._content(Block(text, block.location, "heading"))
            return
        self._switch(kind, block.level or 99, text)

    def _switch(self, kind: str, level: int, name: str = "") -> None:
        self.section = kind
        self.section_level = level
        self.section_name = clean(name).rstrip(":") if kind == "info" else ""

    def _closing(self, block: Block) -> bool:
        """An e-mail closing ("Thanks,", "Best regards,") or a "--" signature
        line after the syllabus's sections: it and all after it are the
        signature (in the header area only the closing block itself)."""
        if block.role != "para":
            return False
        lines = [ln.strip() for ln in block.text.split("\n") if ln.strip()]
        if not (_CLOSING.fullmatch(lines[0]) or "--" in lines[1:]):
            return False
        self.closed = self.section is not None
        return True

    def _bold_heading(self, text: str) -> bool:
        """A bold line standing alone that names no section starts a section
        of its own where bold lines are not the titles of items."""
        words = text.split()
        return (
            self.section in _BOLD_HEADING_SECTIONS
            and "\n" not in text
            and len(words) <= 6
            and (len(words) >= 2 or self.section != "reading")
            and text[-1] not in ".;,:!?"
        )

    def _note_unread(self, block: Block) -> None:
        """Remember a paragraph of prose dropped before the first section
        heading, under a course-facts heading or after a table; course facts
        (short lines, "Label: value" lines, title-case lines) are not noted."""
        texts = [c for c in block.cells if c.strip()] if block.role == "row" else []
        for text in texts or [block.text]:
            text = clean(text)
            if _is_prose(text):
                where = (self.section or "", self.section_name)
                self.unread_prose.append((*where, text, block.location))
                return

    def _content(self, block: Block) -> None:
        section = self.section
        if self._lead_item(block):
            return
        if section == "other":
            heading = self.other_heading
            self.unread[heading] = self.unread.get(heading, 0) + 1
            return
        if section in (None, "info", "table"):
            self._note_unread(block)
            return
        if section == "boilerplate" or _is_contact(block.text):
            self.boilerplate += 1
            return
        if section == "methods":
            self.methods.append(clean(block.text))
            return
        if block.role == "row":
            self._row(section, block)
            return
        text = block.text
        if (
            block.role == "para"
            and section in ("topic", "assessment", "reading")
            and (_INLINE_BOILERPLATE.search(text))
        ):
            self.boilerplate += 1
            return
        pieces = split_lines_at(text) if block.role == "para" else [(0, text)]
        if section == "description" and len(pieces) > 1:
            pieces = [(0, " ".join(piece for _, piece in pieces))]
        line = re.fullmatch(r"line (\d+)", block.location)
        listed = section in ("description", "outcome")
        for offset, piece in pieces:
            parts = split_inline_list(piece) if listed else None
            if section == "outcome" and parts is None and is_stem(piece, block.role):
                continue  # a lead-in without its list
            location = f"line {int(line.group(1)) + offset}" if line else block.location
            labelled = _schedule_label(piece) if section == "topic" else None
            if labelled is not None:
                self._add(*labelled, location)
                continue
            self._add_listing(section, piece, location, parts)

    def _add(self, kind: str, text: str, location: str) -> None:
        # a one-word statement ("Budgets", "Quizzes", an outcome "Weeding") is
        # kept as written: nothing is dropped silently
        text = clean_statement(kind, text)
        if text:
            self.statements.append(Statement(kind, text, location))


def segment(blocks: list[Block], *, file_stem: str) -> Segmented:
    """Split one syllabus into typed statements and course facts.

    Parameters
    ----------
    blocks : list of Block
        The file's blocks, from one of the readers.
    file_stem : str
        The file name without extension (the fallback for the course code).

    Returns
    -------
    Segmented
        Course code and title, credits, methods of instruction, the statements
        (deduplicated) and how many boilerplate blocks were dropped.
    """
    walker = _Walker(file_stem)
    for block in blocks:
        walker.feed(block)
    walker.finish()
    code, title = walker.code, walker.title or walker.title_guess
    from_file = False
    if not code:
        found = code_from_file_name(file_stem)
        from_file = True
        if found is not None:
            code = found[0]
            title = title or found[1]
        else:
            code = clean(re.sub(r"[_]+", " ", file_stem))
    return Segmented(
        course_code=code,
        course_title=title,
        credits=walker.credits,
        methods=" ".join(walker.methods),
        statements=tuple(dedupe(walker.statements)),
        dropped_boilerplate=walker.boilerplate,
        code_from_file_name=from_file,
        unread=tuple(walker.unread.items()),
        unread_prose=tuple(walker.unread_prose),
    )
