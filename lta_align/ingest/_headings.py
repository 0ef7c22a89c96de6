"""Classify syllabus section headings ("Student Learning Outcomes", "Topical
Outline", "Graded Work", "Academic Integrity", ...) into section kinds.

One keyword classifier serves every format: Word heading styles, Markdown ``#``,
HTML ``h1``-``h4``, bold or all-caps short lines and "Label:" lines all go through
:func:`classify_heading`. The words of a syllabus header ("Course:", "Credits:")
and of the columns a table's text sits in are here too.
"""

from __future__ import annotations

import re

SECTIONS = (
    "outcome",
    "topic",
    "assessment",
    "reading",
    "description",
    "methods",
    "boilerplate",
    "info",
)
"""Section kinds: the five statement kinds, ``methods`` (method of instruction,
kept as course metadata), ``boilerplate`` (institutional policy, dropped and
counted) and ``info`` (course facts such as credits or prerequisites)."""

# Ordered: the first rule that matches wins, so specific phrases come first.
_RULES: tuple[tuple[str, str], ...] = (
    # institutional boilerplate
    ("boilerplate", r"grading (scale|policy|policies|system|criteria)|grade scale"),
    ("boilerplate", r"letter grades?|grade (distribution|equivalents)"),
    ("boilerplate", r"attendance|participation polic|absences?"),
    (
        "boilerplate",
        r"academic (honesty|integrity|dishonesty|misconduct)|plagiarism|cheating",
    ),
    (
        "boilerplate",
        r"disabilit|accommodations?|^accessibility$|accessibility (statement|services)"
        r"|\bada\b",
    ),
    ("boilerplate", r"title ix|non ?discrimination|harassment|equal opportunity"),
    ("boilerplate", r"late (work|assignments?|submissions?|policy)|make ?up"),
    ("boilerplate", r"office hours|instructor|professor|faculty (information|contact)"),
    ("boilerplate", r"contact (hours|information|info)|^contact$|e ?mail|phone"),
    ("boilerplate", r"polic(y|ies)|code of conduct|student conduct|classroom conduct"),
    ("boilerplate", r"student (support|services|resources|success|rights|handbook)"),
    ("boilerplate", r"withdraw|incompletes?|drop date|important dates|holidays?"),
    ("boilerplate", r"netiquette|civility|emergenc|inclement|weather|safety statement"),
    (
        "boilerplate",
        r"tutoring|writing center|counsel|technical (support|requirements)",
    ),
    ("boilerplate", r"disclaimer|subject to change|syllabus changes|recording"),
    (
        "boilerplate",
        r"electronic devices|cell phones?|artificial intelligence|\bai\b use",
    ),
    # outcomes of the program or college, listed in a course syllabus for context
    (
        "info",
        r"(program|institutional|general education|gen ed|college wide)"
        r" (learning )?(outcomes?|goals|objectives|competenc\w*)|\b(plos?|islos?)\b",
    ),
    # assessment phrases that contain "methods"
    ("assessment", r"methods? of (evaluation|assessment|grading)|evaluation methods?"),
    ("assessment", r"assessment methods?|how you will be (graded|evaluated|assessed)"),
    (
        "methods",
        r"methods? of (instruction|delivery|teaching)|instructional (method|strateg"
        r"|approach|format|delivery)|teaching (method|strateg)|delivery (method|mode"
        r"|format)|course format|modality|pedagog|learning activities",
    ),
    (
        "outcome",
        r"outcomes?|objectives?|competenc|\bslos?\b|learning goals|course goals"
        r"|student goals|goals and objectives|what you will learn|performance "
        r"standards",
    ),
    (
        "description",
        r"descriptions?|overview|about (this|the) course|course summary"
        r"|rationale|course purpose",
    ),
    (
        "topic",
        r"schedule|calendar|topics?|topical|outline|course content|^content"
        r"|units?( of study)?$|modules?$|weekly|lessons?$|agenda|course map",
    ),
    (
        "assessment",
        r"assignments?|assessments?|evaluation|graded|grading|grades?"
        r"|course requirements|requirements|exams?|examinations?|projects?"
        r"|coursework",
    ),
    (
        "reading",
        r"\btexts?\b|textbooks?|readings?|books?|bibliography|(required|course"
        r"|instructional|learning) (materials|resources)|^materials|^resources",
    ),
    (
        "info",
        r"prerequisites?|co ?requisites?|credits?|credit hours|term|semester"
        r"|meets|meeting times?|class meetings?|location|section|crn|course (number"
        r"|title|code|id|name)|^course$|program|department|division|format"
        r"|delivery|catalog",
    ),
)
_COMPILED = tuple((kind, re.compile(rx)) for kind, rx in _RULES)
_NUMBERING = re.compile(
    r"^\s*(?:section|part|unit)?\s*(?:[0-9]{1,2}|[ivxIVX]{1,4}|[A-Ha-h])"
    r"[.):]\s+"
)


def heading_key(text: str) -> str:
    """Return the comparison form of a heading: lower case, words only."""
    text = _NUMBERING.sub("", text.strip())
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def classify_heading(text: str) -> str | None:
    """Return the section kind that a heading names, or None.

    Parameters
    ----------
    text : str
        The heading text, e.g. ``"Student Learning Outcomes"`` or ``"GRADED WORK"``.

    Returns
    -------
    str or None
        One of :data:`SECTIONS`, or None when the text names no known section
        (headings over 10 words are never classified).

    Examples
    --------
    >>> classify_heading("Course Objectives")
    'outcome'
    >>> classify_heading("Methods of Evaluation")
    'assessment'
    >>> classify_heading("Academic Honesty")
    'boilerplate'
    """
    key = heading_key(text)
    if not key or len(key.split()) > 10:
        return None
    for kind, rx in _COMPILED:
        if rx.search(key):
            return kind
    return None


def looks_like_heading(line: str) -> bool:
    """True if a lone line of plain text is probably a section heading.

    One line, short (at most 8 words), starts with a capital, no sentence
    punctuation or number at the end, no "Label: value" colon, and either names a
    known section or is written in capitals.
    """
    s = line.strip().rstrip(":").strip()
    if not s or len(s.split()) > 8 or s[-1] in ".,;" or not s[0].isupper():
        return False
    if "\n" in s or ":" in s or re.search(r"\d\s*%|\d$", s):
        # several lines, "Label: value", or "Midterm exam 25%": not a heading
        return False
    if classify_heading(s) not in (None, "info"):
        return True
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


# -- the words of a syllabus header and of table columns (read by ._segment)
COLUMN_WORDS = {
    "outcome": (
        "outcome",
        "objective",
        "slo",
        "competenc",
        "statement",
        "students will",
        "description",
        "text",
    ),
    "topic": ("topic", "content", "subject", "theme", "focus", "description"),
    "assessment": (
        "assignment",
        "assessment",
        "activity",
        "task",
        "item",
        "component",
        "project",
        "description",
        "name",
    ),
    "reading": ("reading", "text", "title", "book", "source", "citation"),
    "description": ("description", "text"),
}
CREDITS = re.compile(
    r"(?:^|(?<=\s)|(?<=[(\[]))(\d{1,2}(?:\.\d)?)(?:\s*[-\u2013]\s*\d{1,2})?\s*"
    r"(?:units?|credits?|credit hours?|semester (?:credit )?hours?|cr\.?)"
    r"(?:\s*[)\]])?\s*$",
    re.IGNORECASE,
)
"""Credits written after a course title or on their own line: "3 Units",
"3 credit hours", "(4 Credits)", "3-4 units" (the first number is kept)."""
CODE_LABELS = {
    "syllabus",
    "course syllabus",
    "syllabus for",
    "course",
    "course code",
    "course number",
    "course no",
    "course id",
    "course and title",
    "course name and number",
    "course number and title",
}
TITLE_LABELS = {"title", "course title", "course name", "name"}
CREDIT_LABELS = {"credits", "credit", "credit hours", "units", "credit units", "hours"}
