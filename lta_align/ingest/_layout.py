"""Layout vocabulary shared by every reader: bullet glyphs and table column roles.

One table of bullet glyphs (what Word, Google Docs and PDF exporters put before a
list item) and one table of column-header words (what a column of a syllabus
table holds), so a PDF, DOCX, HTML or Markdown table is read the same way: row
by row, each cell in the kind its column names, with its location.
"""

from __future__ import annotations

import re

BULLET_GLYPHS = (
    "-*+"
    "\u2022\u2023\u2043\u25aa\u25ab\u25e6\u25cf\u25cb\u25a0\u25a1\u25c6\u25c7"
    "\u25b8\u25ba\u27a2\u2756\u2713\u2714\u00b7\u2013\u2014"
    # private-use code points of Word's Symbol and Wingdings bullets, as they
    # come out of a PDF text layer or a paste from Word
    "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf071\uf0e0\uf0d8\uf0de\uf0f0"
)
"""Characters that start a list item when followed by a space (the ``o`` of a
Courier New circle bullet is handled apart: only before a capital letter)."""

_PRIVATE_USE = "".join(c for c in BULLET_GLYPHS if "\ue000" <= c <= "\uf8ff")

BULLET_MARK = (
    f"[{re.escape(BULLET_GLYPHS)}](?=\\s)|[{_PRIVATE_USE}]|(?-i:o(?=\\s+[A-Z0-9\"'(]))"
)
"""Regex alternation for one bullet mark (glyph and following-space rule)."""

LONE_BULLET = f"^(?:[{re.escape(BULLET_GLYPHS)}]|o)$"
"""Regex for a line that is only a bullet mark (its text is on the next line)."""

COLUMN_ROLES: tuple[tuple[str, str], ...] = (
    # (role, regex over the header's key: lower case, words only); first wins
    (
        "number",
        r"^(slo|clo|outcome|objective|item|row)? ?(#|no|num|number)$|^#$|^(clo|plo)s?$",
    ),
    ("week", r"^(week|wk|session|class|unit|module|day|lesson)s?( no| number| #)?$"),
    # "Due" holds dates or the work due: see DATE_OR_CONTENT
    ("due", r"^(due|due dates?|dates? due)$"),
    ("date", r"^(date|dates|day and date|when)s?$"),
    (
        "assessment",
        r"assess|assignment|evaluat|measure|evidence|exam|graded|task|homework"
        r"|deliverable|quiz|^work due$|^(learning )?activit(y|ies)$"
        # hands-on work done in class or lab
        r"|^(labs?|lab (activit(y|ies)|exercises?|work|assignments?)|practice"
        r"|practicums?|exercises?|(in class|class|hands on) (activit(y|ies)"
        r"|exercises?|practice)|lab and practice)$",
    ),
    ("outcome", r"outcome|objective|\bslos?\b|competenc|students will|goal"),
    # a plain text column: the kind of the section the table is in
    ("text", r"^(description|statement|text|details?|wording)$"),
    ("reading", r"reading|textbook|\btexts?\b|chapter|materials|resources|prepar"),
    ("topic", r"topic|content|subject|theme|focus|activit|lecture|agenda"),
)
"""Column-header words and the role of the column under them."""

_COMPILED = tuple((role, re.compile(rx)) for role, rx in COLUMN_ROLES)
CONTENT_ROLES = ("outcome", "assessment", "topic", "reading")
"""Roles whose cells are statements (of that kind); the others locate a row."""

DATE_OR_CONTENT = {"due": "assessment"}
"""Roles of columns that hold either dates ("Sept. 8", "Week 3") or statements
of a kind ("Annotated read-alike list"): a cell is read as that kind unless it
is a date."""

DATE_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august "
    "sep sept september oct october nov november dec december "
    "mon monday tue tues tuesday wed weds wednesday thu thur thurs thursday "
    "fri friday sat saturday sun sunday "
    "week weeks wk day days session class module unit by on at due before end of "
    "the and to am pm noon midnight tba tbd tbc na none no n a st nd rd th "
    "today tomorrow finals".split()
)
"""Words a date cell is made of, besides numbers ("Week 3", "Mon 9/8 by 11:59 pm",
"Sept. 8-10", "TBA"); a cell with any other word is text."""
_DATE_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)?|[a-z]+")


def _key(text: str) -> str:
    text = text.casefold().replace("&", " and ").replace("#", " # ")
    text = re.sub(r"[^a-z0-9# ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def column_role(header: str) -> str | None:
    """Return the role a table column header names, or None.

    >>> column_role("Student Learning Outcome"), column_role("SLO #")
    ('outcome', 'number')
    >>> column_role("Reading / Preparation"), column_role("Wk")
    ('reading', 'week')
    """
    key = _key(header)
    if not key or len(key.split()) > 6:
        return None
    for role, rx in _COMPILED:
        if rx.search(key):
            return role
    return None


def cell_kind(role: str | None, cell: str) -> str | None:
    """The kind of statement a cell in a column of ``role`` is; None for none.

    A content column's cells are statements of its kind; a "Due" column's
    cells are assessments unless they are dates.

    >>> cell_kind("due", "Sept. 8"), cell_kind("due", "Annotated booklist")
    (None, 'assessment')
    """
    if not cell.strip():
        return None
    if role in CONTENT_ROLES:
        return role
    if role in DATE_OR_CONTENT and not is_date(cell):
        return DATE_OR_CONTENT[role]
    return None


def is_date(cell: str) -> bool:
    """True for a cell that only gives a date, day or week ("Mon 9/8", "Week 3").

    >>> is_date("Tues., Oct. 14 by 11:59 pm"), is_date("Quiz 2")
    (True, False)
    """
    return all(
        t[0].isdigit() or t in DATE_WORDS for t in _DATE_TOKEN.findall(cell.casefold())
    )


def header_roles(
    cells: tuple[str, ...] | list[str], section: str | None = None
) -> tuple[str | None, ...] | None:
    """Return the role of every column if ``cells`` is a table header row, else None.

    A header row names at least two columns and at least one content column
    (outcome, assessment, topic, reading, or a "Due" column, which may hold
    assessments), and no cell is a sentence. :func:`cell_kind` gives the kind
    of each cell under these roles. A plain
    text column ("Description", "Statement") takes the kind of the ``section``
    the table is in ("CLO | Description | Assessment" under "Course Learning
    Outcomes"), unless another column names that kind.
    """
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2 or any(
        len(c.split()) > 6 or c.strip().endswith(".") for c in filled
    ):
        return None
    roles = tuple(column_role(c) if c.strip() else None for c in cells)
    roles = _mapping_columns(cells, roles)
    text_kind = section if section in CONTENT_ROLES and section not in roles else None
    roles = tuple(text_kind if r == "text" else r for r in roles)
    named = [r for r in roles if r]
    if len(named) < 2 or not content_columns(roles):
        return None
    return roles


_MAPPING = re.compile(
    r"\b(lssc|ala|framework|program|plos?|islos?|mapped|mapping|alignment|aligned"
    r"|crosswalk|standards?|sets?)\b"
)
"""Words of a column that maps the outcome beside it to a framework ("LSSC
Competency", "Program Outcome", "Competency Set"): the syllabus's own mapping,
not a second outcome."""


def _mapping_columns(
    cells: tuple[str, ...] | list[str], roles: tuple[str | None, ...]
) -> tuple[str | None, ...]:
    """Mark ``mapping`` the outcome columns after the first whose header names a
    framework ("Course Learning Outcome | Assessment | LSSC Competency")."""
    if roles.count("outcome") < 2:
        return roles
    first = roles.index("outcome")
    return tuple(
        "mapping" if r == "outcome" and i > first and _MAPPING.search(_key(c)) else r
        for i, (c, r) in enumerate(zip(cells, roles, strict=True))
    )


def content_columns(roles: tuple[str | None, ...]) -> int:
    """How many different kinds of statements the header's columns may hold."""
    kinds = {DATE_OR_CONTENT.get(r, r) for r in roles if r}
    return len(kinds & set(CONTENT_ROLES))
