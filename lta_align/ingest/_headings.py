"""Classify syllabus section headings ("Student Learning Outcomes", "Topical
Outline", "Graded Work", "Academic Integrity", ...) into section kinds.

One keyword classifier serves every format: Word heading styles, Markdown ``#``,
HTML ``h1``-``h4``, bold or all-caps short lines and "Label:" lines all go through
:func:`classify_heading`; a line without heading markup names a section only when
it is essentially the section's name (``strict=True``: "Required Texts" does,
"Final Exam" does not), and a schedule entry ("Week 3: Library Programs") never
does. The words of a syllabus header ("Course:", "Credits:")
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

# Each rule's alternatives are whole words of the heading key (see _compile). When
# several rules match, the one whose match starts first wins ("Course Calendar
# (Subject to Change)" names a calendar), ties going to the earlier rule, so
# specific phrases come first. The last rule (course facts such as "Catalog" or
# "Credits") is a fallback: it applies only when no other rule matches, so
# "Catalog Description" stays a description.
_RULES: tuple[tuple[str, str], ...] = (
    # institutional boilerplate
    (
        "boilerplate",
        r"grading (scales?|policy|policies|system|criteria)|grade scales?",
    ),
    ("boilerplate", r"letter grades?|grade (distribution|equivalents)"),
    ("boilerplate", r"attendance|participation polic(y|ies)|absences?"),
    (
        "boilerplate",
        r"academic (honesty|integrity|dishonesty|misconduct)|plagiarism|cheating",
    ),
    (
        "boilerplate",
        r"americans with disabilities act|disabilit(y|ies)|accommodations?"
        r"|^accessibility$|accessibility (statement|services)|ada",
    ),
    ("boilerplate", r"title ix|non ?discrimination|harassment|equal opportunity"),
    ("boilerplate", r"late (work|assignments?|submissions?|policy)|make ?ups?"),
    (
        "boilerplate",
        r"office hours|instructors?|professors?|faculty (information|contact)"
        r"|presenters?|facilitators?",
    ),
    (
        "boilerplate",
        r"contact (hours|information|info)|^contact$|e ?mails?|(tele)?phones?",
    ),
    (
        "boilerplate",
        r"polic(y|ies)|code of conduct|student conduct|classroom conduct"
        r"|expectations",
    ),
    ("boilerplate", r"student (support|services|resources|success|rights|handbook)"),
    (
        "boilerplate",
        r"withdraw(al|als|ing)?|incompletes?|drop dates?|important dates"
        r"|holidays?|registration|how to register|dates and times",
    ),
    (
        "boilerplate",
        r"netiquette|civility|emergenc(y|ies)|inclement|weather|safety statement",
    ),
    (
        "boilerplate",
        r"tutoring|writing center|counsel(ing|ling|ors?)?|technical support"
        r"|(technical|technology|computer|system|software|hardware) requirements",
    ),
    ("boilerplate", r"disclaimer|subject to change|syllabus changes|recordings?"),
    (
        "boilerplate",
        r"electronic devices|cell phones?|artificial intelligence|ai use",
    ),
    # outcomes of the program or college, listed in a course syllabus for context
    (
        "info",
        r"(program|institutional|general education|gen ed|college wide)"
        r" (learning )?(outcomes?|goals|objectives|competenc(y|ies|e|es))"
        r"|plos?|islos?",
    ),
    # assessment phrases that contain "methods"
    ("assessment", r"methods? of (evaluation|assessment|grading)|evaluation methods?"),
    ("assessment", r"assessment methods?|how you will be (graded|evaluated|assessed)"),
    (
        "methods",
        r"methods? of (instruction|delivery|teaching)|instructional (methods?"
        r"|methodology|strateg(y|ies)|approach(es)?|format|delivery)|teaching"
        r" (methods?|strateg(y|ies))|delivery (methods?|modes?|format)"
        r"|course format|modality|pedagog(y|ies|ical)|learning activities",
    ),
    (
        "outcome",
        r"outcomes?|objectives?|competenc(y|ies|e|es)|slos?|clos?|learning goals"
        r"|course goals|student goals|goals and objectives|performance standards"
        r"|what (you|we) will (learn|be able to do)|learning expectations",
    ),
    (
        "description",
        r"descriptions?|overview|about (this|the) course|course summary"
        r"|rationale|course purpose",
    ),
    (
        "topic",
        r"schedules?|calendars?|topics?|topical|outlines?|course contents?"
        r"|^contents?|units?( of study)?$|modules?$|weekly|lessons?$|agenda"
        r"|course map",
    ),
    (
        "assessment",
        r"assignments?|assessments?|evaluations?|graded work|graded|grading|grades?"
        r"|course requirements|requirements|exams?|examinations?|quiz(zes)?"
        r"|projects?|course ?work|rubrics?",
    ),
    (
        "reading",
        r"texts?|textbooks?|readings?|books?|bibliography|(required|course"
        r"|instructional|learning) (materials|resources)|^materials|^resources",
    ),
    (
        "info",
        r"prerequisites?|co ?requisites?|credits?|credit hours|term|semester"
        r"|meets|meeting times?|class meetings?|location|section|crn|course (number"
        r"|title|code|id|name)|^course$|program|department|division|format"
        r"|delivery|catalog|(who should|who can) (attend|enroll|register)"
        r"|(intended|target) audience|^audience$|who this course is for"
        r"|at a glance",
    ),
)

_COMPILED = tuple(
    (kind, re.compile(rf"(?<![a-z0-9])(?:{rx})(?![a-z0-9])")) for kind, rx in _RULES
)
_FALLBACK = len(_COMPILED) - 1  # the course-facts rule

GENERIC_WORDS = frozenset(
    """
    a an and the of for to in on by with per your this our my all
    course courses student students learning required recommended optional
    suggested supplemental additional tentative weekly week weeks major class
    classes classroom college general important expected measurable intended
    specific information info statement statements list covered criteria
    breakdown materials supplies due dates summary weights points services
    resources support office center supplementary lab labs institutional
    campus academic
    """.split()
)
"""Words a loose heading may carry beside the phrase that names its section:
"Required Texts", "Student Learning Outcomes", "Tentative Course Calendar". A
line with any other word ("Final Exam", "Circulation Policies", "Collection
Development Policy Analysis") is content, not a heading (see
:func:`classify_heading`, ``strict``)."""

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?"
    r"|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+)?"
)
SCHEDULE_ENTRY = re.compile(
    r"^\s*(?:(?:weeks?|sessions?|modules?|units?|class(?:es)?|days?|lessons?"
    r"|lectures?|meetings?)\s+(?:\d{1,2}|[ivx]{1,4}|one|two|three|four|five|six"
    r"|seven|eight|nine|ten)\b|week of\b"
    rf"|{_WEEKDAY}{_MONTH}\s*\d{{1,2}}\b|{_WEEKDAY}\d{{1,2}}/\d{{1,2}}\b)",
    re.IGNORECASE,
)
"""An entry of a course schedule: "Week 3: Library Programs", "Session 2 -",
"Module 4", "Day 1", "Sept. 8", "Mon 9/8". Its text is the entry's topic and
never names a section, whatever words follow."""

_NUMBERING = re.compile(
    r"^\s*(?:section|part|unit)?\s*(?:[0-9]{1,2}|[ivxIVX]{1,4}|[A-Ha-h])"
    r"[.):]\s+"
)


_CONTRACTIONS = (("'ll", " will"), ("n't", " not"), ("'re", " are"), ("'ve", " have"))
"""Contractions a heading is compared without: "What You'll Learn" is "what you
will learn"; other apostrophes go ("Readers' Advisory", "Student's")."""


def heading_key(text: str) -> str:
    """Return the comparison form of a heading: lower case, words only.

    >>> heading_key("What You'll Learn"), heading_key("2. Readers' Advisory")
    ('what you will learn', 'readers advisory')
    """
    text = _NUMBERING.sub("", text.strip())
    text = text.casefold().replace("&", " and ").replace("\u2019", "'")
    if "'" in text:
        for short, full in _CONTRACTIONS:
            text = text.replace(short, full)
        text = text.replace("'", "")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def classify_heading(text: str, *, strict: bool = False) -> str | None:
    """Return the section kind that a heading names, or None.

    Parameters
    ----------
    text : str
        The heading text, e.g. ``"Student Learning Outcomes"`` or ``"GRADED WORK"``.
    strict : bool, default=False
        For a line with no heading markup (a short plain, bold or capitalised
        line, a "Label:"): it names a section only when its other words are
        :data:`GENERIC_WORDS`, so "Final Exam" or "Circulation Policies" is
        content. Explicit headings (Word heading styles, Markdown ``#``, HTML
        ``h1``-``h4``) use the default.

    Returns
    -------
    str or None
        One of :data:`SECTIONS`, or None when the text names no known section.
        Headings over 10 words and schedule entries ("Week 3: Library
        Programs", see :data:`SCHEDULE_ENTRY`) are never classified.

    Examples
    --------
    >>> classify_heading("Course Objectives")
    'outcome'
    >>> classify_heading("Methods of Evaluation")
    'assessment'
    >>> classify_heading("Academic Honesty")
    'boilerplate'
    >>> classify_heading("Tentative Course Calendar (Subject to Change)")
    'topic'
    >>> classify_heading("Week 4: Collection Development Policies") is None
    True
    >>> classify_heading("Final Exam"), classify_heading("Final Exam", strict=True)
    ('assessment', None)
    """
    key = heading_key(text)
    if not key or len(key.split()) > 10 or SCHEDULE_ENTRY.match(text):
        return None
    found = [
        (m.start(), i) for i, (_, rx) in enumerate(_COMPILED) if (m := rx.search(key))
    ]
    named = [f for f in found if f[1] != _FALLBACK] or found
    if not named:
        return None
    if strict and not _only_generic_besides(key):
        return None
    return _COMPILED[min(named)[1]][0]


def _only_generic_besides(key: str) -> bool:
    """True if every word of ``key`` outside the phrases the rules match is one
    of :data:`GENERIC_WORDS`."""
    covered = [False] * len(key)
    for _, rx in _COMPILED:
        for m in rx.finditer(key):
            covered[m.start() : m.end()] = [True] * (m.end() - m.start())
    rest = "".join(" " if c else ch for ch, c in zip(key, covered, strict=True))
    return all(word in GENERIC_WORDS for word in rest.split())


def looks_like_heading(line: str) -> bool:
    """True if a lone line of plain text is probably a section heading.

    One line, short (at most 8 words), starts with a capital, no sentence
    punctuation or number at the end, no "Label: value" colon, and either is
    essentially a section name (:func:`classify_heading` with ``strict=True``)
    or is written in capitals.

    Examples
    --------
    >>> looks_like_heading("Required Texts"), looks_like_heading("Weeding Project")
    (True, False)
    """
    s = line.strip().rstrip(":").strip()
    if not s or len(s.split()) > 8 or s[-1] in ".,;" or not s[0].isupper():
        return False
    if "\n" in s or ":" in s or re.search(r"\d\s*%|\d$", s):
        # several lines, "Label: value", or "Midterm exam 25%": not a heading
        return False
    if classify_heading(s, strict=True) not in (None, "info"):
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
