"""Library-science vocabulary for matching: abbreviations, variants, stop phrases.

Everything here is general domain knowledge about library work, written for
text matching. It is used on both sides (competencies and course statements):
a statement saying "ILL" and a competency saying "interlibrary loan" meet on the
same tokens. Nothing here is competency text and nothing is shown to people.

The analyser (:func:`analyse`) lower-cases, removes stop phrases (syllabus
boilerplate such as "students will be able to"), adds the expansion of every
glossary entry found (both ways: the abbreviation adds its long form and the
long form adds its abbreviation token), and reduces words with a small suffix
stemmer. It is pure and deterministic.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Each group lists spellings of one idea; the first item is its canonical form.
# When any member occurs in a text, the canonical form and a concept token
# (``_c_<name>``) are added, so all members match each other.
SYNONYM_GROUPS: dict[str, tuple[str, ...]] = {
    "circulation": (
        "circulation",
        "circ",
        "check out",
        "checkout",
        "check-out",
        "check in",
        "checkin",
        "check-in",
        "charging",
        "discharging",
        "loan desk",
        "circulation desk",
        "lending",
    ),
    "ill": (
        "interlibrary loan",
        "inter-library loan",
        "ill",
        "document delivery",
        "resource sharing",
        "reciprocal borrowing",
    ),
    "ils": (
        "integrated library system",
        "ils",
        "library automation system",
        "library management system",
        "library services platform",
        "lsp",
        "automation system",
        "automated system",
        "koha",
        "evergreen",
        "sierra",
        "polaris",
        "alma",
        "symphony",
    ),
    "opac": (
        "online public access catalog",
        "online catalog",
        "opac",
        "library catalog",
        "discovery layer",
        "discovery tool",
        "discovery system",
        "catalog search",
    ),
    "marc": (
        "marc",
        "marc21",
        "marc 21",
        "machine-readable cataloging",
        "machine readable cataloging",
        "bibliographic record",
        "bibliographic records",
        "catalog record",
        "catalog records",
    ),
    "rda": (
        "rda",
        "resource description and access",
        "aacr2",
        "aacr",
        "anglo-american cataloguing rules",
        "anglo-american cataloging rules",
        "descriptive cataloging",
        "cataloging rules",
        "cataloguing rules",
    ),
    "ddc": (
        "dewey decimal classification",
        "dewey decimal",
        "dewey",
        "ddc",
        "webdewey",
    ),
    "lcc": ("library of congress classification", "lcc", "lc classification"),
    "lcsh": (
        "library of congress subject headings",
        "lcsh",
        "subject headings",
        "sears subject headings",
        "sears list",
        "subject heading",
        "controlled vocabulary",
        "controlled vocabularies",
        "bisac",
        "genre/form",
        "subject access",
    ),
    "authority": (
        "authority control",
        "authority record",
        "authority records",
        "name authority",
        "access points",
        "access point",
        "authorized headings",
    ),
    "classify": (
        "classification",
        "classify",
        "classifying",
        "call number",
        "call numbers",
        "cutter number",
        "cutter",
        "shelf list",
    ),
    "catalog": (
        "cataloging",
        "cataloguing",
        "catalogue",
        "catalog",
        "copy cataloging",
        "original cataloging",
        "metadata",
    ),
    "oclc": (
        "oclc",
        "worldcat",
        "connexion",
        "bibliographic utility",
        "bibliographic utilities",
    ),
    "dublincore": (
        "dublin core",
        "metadata schema",
        "metadata standards",
        "metadata formats",
    ),
    "ra": (
        "readers' advisory",
        "readers advisory",
        "reader's advisory",
        "reader advisory",
        "ra",
        "read-alike",
        "read-alikes",
        "readalike",
        "appeal factors",
        "genre fiction",
        "leisure reading",
    ),
    "ya": (
        "young adult",
        "young adults",
        "ya",
        "teen",
        "teens",
        "teenager",
        "teenagers",
        "adolescent",
        "adolescents",
        "tween",
        "tweens",
    ),
    "children": (
        "children",
        "child",
        "kids",
        "juvenile",
        "youth",
        "young people",
        "early childhood",
        "preschool",
        "infants",
        "toddlers",
    ),
    "weeding": (
        "weeding",
        "weed",
        "deselection",
        "deselect",
        "deselecting",
        "crew method",
        "mustie",
        "withdrawal of materials",
    ),
    "storytime": (
        "storytime",
        "story time",
        "storytimes",
        "story hour",
        "lapsit",
        "toddler time",
        "baby time",
        "preschool storytime",
    ),
    "earlylit": (
        "early literacy",
        "emergent literacy",
        "every child ready to read",
        "ecrr",
        "pre-reading",
        "prereading",
    ),
    "childlit": (
        "children's literature",
        "childrens literature",
        "picture books",
        "picture book",
        "caldecott",
        "newbery",
        "printz",
        "young adult literature",
        "ya literature",
        "award-winning",
    ),
    "acquisitions": (
        "acquisitions",
        "acquisition",
        "ordering",
        "purchasing",
        "receiving",
        "vendors",
        "vendor",
        "jobbers",
        "jobber",
        "approval plans",
        "standing orders",
        "invoices",
        "invoicing",
        "procurement",
    ),
    "serials": (
        "serials",
        "periodicals",
        "journals",
        "subscriptions",
        "magazines",
        "continuing resources",
    ),
    "eres": (
        "electronic resources",
        "e-resources",
        "eresources",
        "databases",
        "e-books",
        "ebooks",
        "licensing",
        "licenses",
        "license agreements",
        "digital content",
    ),
    "colldev": (
        "collection development",
        "collection management",
        "selection",
        "selecting",
        "selection criteria",
        "collection development policy",
        "collection policy",
        "collection analysis",
        "collection assessment",
    ),
    "preserve": (
        "preservation",
        "conservation",
        "mending",
        "book repair",
        "repair",
        "repairing",
        "disaster planning",
        "digitization",
        "digitisation",
        "care of materials",
        "archival",
    ),
    "processing": (
        "processing",
        "physical processing",
        "labeling",
        "labelling",
        "barcoding",
        "barcodes",
        "spine labels",
        "covering",
        "property stamps",
        "jacketing",
    ),
    "shelving": (
        "shelving",
        "shelve",
        "reshelving",
        "shelf reading",
        "shelf-reading",
        "shifting",
        "stacks maintenance",
        "shelf order",
        "shelving order",
        "filing order",
    ),
    "reserves": ("reserves", "course reserves", "e-reserves", "reserve desk"),
    "copyright": (
        "copyright",
        "fair use",
        "contu",
        "teach act",
        "intellectual property",
        "public domain",
    ),
    "privacy": (
        "privacy",
        "confidentiality",
        "patron confidentiality",
        "patron privacy",
        "user privacy",
        "patron records",
    ),
    "intfree": (
        "intellectual freedom",
        "censorship",
        "library bill of rights",
        "freedom to read",
        "freedom of information",
        "challenged materials",
        "book challenges",
        "reconsideration",
        "banned books",
        "first amendment",
    ),
    "ethics": (
        "ethics",
        "ethical",
        "code of ethics",
        "professional ethics",
        "professional values",
        "core values",
    ),
    "refint": (
        "reference interview",
        "reference interviews",
        "question negotiation",
        "open-ended questions",
        "open questions",
    ),
    "reference": (
        "reference",
        "reference services",
        "reference desk",
        "reference sources",
        "ready reference",
        "information services",
        "reference questions",
        "reference transactions",
        "information needs",
    ),
    "infolit": (
        "information literacy",
        "digital literacy",
        "library instruction",
        "bibliographic instruction",
        "research skills",
        "media literacy",
        "instruction sessions",
    ),
    "evalsrc": (
        "evaluate sources",
        "evaluating sources",
        "evaluating information",
        "evaluate information",
        "craap",
        "credibility",
        "authoritative",
        "reliability",
        "reliable",
    ),
    "search": (
        "search strategies",
        "search strategy",
        "boolean",
        "boolean operators",
        "keyword searching",
        "keyword search",
        "subject searching",
        "database searching",
        "search techniques",
        "truncation",
    ),
    "customer": (
        "customer service",
        "patron service",
        "public service",
        "user service",
        "service excellence",
        "patron interactions",
        "customer",
        "customers",
    ),
    "difficult": (
        "difficult patrons",
        "difficult customers",
        "problem patrons",
        "challenging patrons",
        "difficult situations",
        "challenging behavior",
        "conflict",
        "conflicts",
        "disagreements",
        "de-escalation",
        "de-escalate",
        "complaints",
    ),
    "team": (
        "teamwork",
        "team",
        "teams",
        "team member",
        "collaboration",
        "collaborate",
        "collaborative",
        "co-workers",
        "coworkers",
        "colleagues",
    ),
    "communication": (
        "communication",
        "communicate",
        "communicating",
        "interpersonal",
        "listening",
        "active listening",
        "verbal",
        "nonverbal",
        "non-verbal",
        "body language",
        "written communication",
        "email",
    ),
    "feedback": (
        "feedback",
        "constructive criticism",
        "criticism",
        "giving and receiving feedback",
    ),
    "supervise": (
        "supervision",
        "supervising",
        "supervise",
        "supervisor",
        "supervisors",
        "supervisory",
        "managing staff",
        "personnel",
        "human resources",
        "staff management",
        "discipline",
        "disciplining",
    ),
    "hiring": (
        "hiring",
        "recruitment",
        "recruiting",
        "interviewing candidates",
        "job interviews",
        "onboarding",
        "orientation of new staff",
        "performance evaluation",
        "performance appraisal",
        "performance reviews",
        "evaluating staff",
    ),
    "training": (
        "staff training",
        "staff development",
        "training",
        "professional development",
        "continuing education",
        "lifelong learning",
    ),
    "leadership": ("leadership", "leading", "leaders", "motivation", "motivating"),
    "budget": (
        "budget",
        "budgets",
        "budgeting",
        "funding",
        "finance",
        "financial",
        "fiscal",
    ),
    "grants": (
        "grants",
        "grant writing",
        "grant proposals",
        "fundraising",
        "fund-raising",
        "friends of the library",
        "foundations",
        "donors",
    ),
    "planning": (
        "strategic planning",
        "strategic plan",
        "needs assessment",
        "community analysis",
        "community needs",
        "demographics",
        "goals and objectives",
        "measurable objectives",
        "outcomes measurement",
    ),
    "marketing": (
        "marketing",
        "public relations",
        "promotion",
        "promote",
        "publicity",
        "publicize",
        "advocacy",
        "outreach",
        "social media",
    ),
    "policy": ("policies", "policy", "procedures", "rules and regulations"),
    "law": (
        "employment law",
        "employment laws",
        "labor law",
        "flsa",
        "fmla",
        "eeo",
        "equal employment opportunity",
        "workplace law",
        "legal requirements",
    ),
    "governance": (
        "governance",
        "library board",
        "board of trustees",
        "trustees",
        "municipal",
        "local government",
        "parent institution",
        "organizational structure",
        "organization of libraries",
    ),
    "libtypes": (
        "types of libraries",
        "public libraries",
        "academic libraries",
        "school libraries",
        "special libraries",
        "public library",
        "academic library",
        "school library",
        "special library",
        "library types",
    ),
    "roles": (
        "support staff",
        "library support staff",
        "paraprofessional",
        "paraprofessionals",
        "library technicians",
        "library technician",
        "library assistants",
        "library workers",
        "library careers",
        "staffing",
        "job duties",
        "career",
    ),
    "history": (
        "history of libraries",
        "library history",
        "role of libraries",
        "purpose of libraries",
        "mission",
        "library mission",
    ),
    "consortia": (
        "consortia",
        "consortium",
        "library networks",
        "cooperation",
        "cooperative",
        "partnerships",
        "partnership",
        "networks",
    ),
    "tech": (
        "technology",
        "technologies",
        "computer",
        "computers",
        "software",
        "hardware",
        "digital tools",
        "emerging technologies",
        "new technologies",
    ),
    "troubleshoot": (
        "troubleshoot",
        "troubleshooting",
        "technical problems",
        "technical support",
        "tech support",
        "diagnose",
        "printers",
        "printing",
        "wi-fi",
        "wifi",
        "help desk",
    ),
    "assistive": (
        "assistive technology",
        "assistive technologies",
        "accessibility",
        "accessible",
        "screen reader",
        "screen readers",
        "ada",
        "disabilities",
        "disability",
        "universal design",
        "adaptive technology",
    ),
    "internet": ("internet", "web", "websites", "website", "world wide web"),
    "safety": (
        "internet safety",
        "online safety",
        "cipa",
        "filtering",
        "internet filtering",
        "acceptable use",
        "acceptable use policy",
    ),
    "security": (
        "security",
        "safety",
        "emergency",
        "emergencies",
        "emergency procedures",
        "disaster",
        "theft",
        "building security",
        "data security",
        "cybersecurity",
        "passwords",
    ),
    "money": (
        "fines",
        "fees",
        "cash handling",
        "money",
        "payments",
        "cash",
        "overdue fines",
        "lost items",
        "billing",
    ),
    "stats": (
        "statistics",
        "circulation statistics",
        "data collection",
        "usage data",
        "reports",
        "reporting",
        "metrics",
    ),
    "programming": (
        "programming",
        "programs",
        "library programs",
        "events",
        "book club",
        "book clubs",
        "book discussion",
        "book discussion groups",
        "summer reading",
        "displays",
    ),
    "booktalk": (
        "booktalk",
        "booktalks",
        "book talk",
        "book talks",
        "annotation",
        "annotations",
        "book review",
        "book reviews",
        "reviewing",
    ),
    "reviewsrc": (
        "review sources",
        "review journals",
        "booklist",
        "library journal",
        "school library journal",
        "kirkus",
        "publishers weekly",
        "choice reviews",
        "novelist",
        "goodreads",
    ),
    "fiction": (
        "fiction",
        "genres",
        "genre",
        "novels",
        "popular fiction",
        "mysteries",
        "romance",
        "science fiction",
        "fantasy",
        "graphic novels",
        "nonfiction",
        "popular materials",
    ),
    "media": (
        "audiovisual",
        "av materials",
        "films",
        "film",
        "movies",
        "dvds",
        "music",
        "audiobooks",
        "media",
        "video",
        "sound recordings",
    ),
    "diversity": (
        "diversity",
        "diverse",
        "multicultural",
        "inclusion",
        "inclusive",
        "equity",
        "underserved",
        "special populations",
        "special needs",
        "cultural differences",
    ),
    "development": (
        "child development",
        "adolescent development",
        "developmental stages",
        "developmental needs",
    ),
    "homework": ("homework help", "homework", "school assignments", "student research"),
    "school": ("schools", "school", "teachers", "educators", "school media"),
    "parents": ("parents", "caregivers", "families", "family"),
}

# Syllabus boilerplate removed before matching (lower case, matched on words).
STOP_PHRASES: tuple[str, ...] = (
    "upon successful completion of this course",
    "upon successful completion of the course",
    "upon completion of this course",
    "upon completion of the course",
    "at the end of this course",
    "at the end of the course",
    "by the end of this course",
    "by the end of the course",
    "on completion of this course",
    "after completing this course",
    "successful students will be able to",
    "students will be able to",
    "the student will be able to",
    "students will learn to",
    "students will learn",
    "students will",
    "learners will be able to",
    "learners will",
    "participants will be able to",
    "participants will",
    "the learner will",
    "you will be able to",
    "you will",
    "will be able to",
    "be able to",
    "demonstrate an understanding of",
    "demonstrate understanding of",
    "demonstrate knowledge of",
    "demonstrate the ability to",
    "demonstrate competence in",
    "demonstrate familiarity with",
    "develop an understanding of",
    "gain an understanding of",
    "gain knowledge of",
    "an understanding of",
    "understanding of",
    "knowledge of",
    "ability to",
    "this course",
    "the course",
    "the student",
    "students",
    "learners",
)

STOP_WORDS = frozenset(
    """a an and are as at be been being both but by can could did do does each
    either etc for from had has have how i if in into is it its it's may more most
    must no nor not of on or other our own per same shall should so some such than
    that the their them then there these they this those through to too under up
    upon us very was we were what when where which while who whom why will with
    within without would you your also among across well various basic including
    include includes use using used apply applying understand understanding
    describe describing explain explaining identify identifying demonstrate
    demonstrating discuss discussing recognize recognise know learn learning
    course courses student students learner learners one's them""".split()
)

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'/-]*[a-z0-9]|[a-z0-9]")

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ational", ""),
    ("ization", "ize"),
    ("isation", "ize"),
    ("fication", "fy"),
    ("ications", "ic"),
    ("ication", "ic"),
    ("ations", ""),
    ("ation", ""),
    ("tions", "t"),
    ("tion", "t"),
    ("ates", ""),
    ("ated", ""),
    ("ate", ""),
    ("ments", ""),
    ("ment", ""),
    ("ingly", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ers", ""),
    ("er", ""),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a light stem of a lower-case ``word`` (suffix stripping, min stem 3).

    ``stem("cataloging") == stem("catalogs") == stem("catalog")``;
    ``stem("hiring") == stem("hire")``; words of 3 letters or fewer, and words
    with digits, are kept as they are.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: -len(suffix)] + repl
            if (
                repl == ""
                and len(base) > 3
                and base[-1] == base[-2]
                and base[-1] not in "lsz"
            ):
                base = base[:-1]  # shipping -> ship, planned -> plan
            return base[:-1] if len(base) >= 4 and base.endswith("e") else base
    return word[:-1] if word.endswith("e") else word


def _words(text: str) -> list[str]:
    """Lower-case word tokens; hyphens and slashes split words, 's dropped."""
    out: list[str] = []
    for raw in _TOKEN.findall(text):
        for part in re.split(r"[/-]", raw):
            word = part.strip("'")
            if word.endswith("'s"):
                word = word[:-2]
            if word:
                out.append(word)
    return out


def _stem_phrase(text: str) -> str:
    return " ".join(stem(w) for w in _words(text.lower()))


def _build_phrase_index() -> tuple[re.Pattern[str], dict[str, str]]:
    member_to_group: dict[str, str] = {}
    for group in sorted(SYNONYM_GROUPS):
        for member in SYNONYM_GROUPS[group]:
            key = _stem_phrase(member)
            if key:
                member_to_group.setdefault(key, group)
    members = sorted(member_to_group, key=lambda m: (-len(m), m))
    alternation = "|".join(re.escape(m) for m in members)
    pattern = re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])")
    return pattern, member_to_group


_PHRASES, _MEMBER_GROUP = _build_phrase_index()
_STOP_PHRASE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=lambda p: -len(p)))
    + r")(?![a-z0-9])"
)


def concepts(text: str) -> list[str]:
    """Return the glossary groups named in ``text`` (with repeats, in order).

    Matching works on stemmed words, so "hire", "hired" and "hiring" all find
    the group that lists "hiring".
    """
    return [_MEMBER_GROUP[m.group(0)] for m in _PHRASES.finditer(_stem_phrase(text))]


def analyse(text: str) -> list[str]:
    """Return the matching tokens of ``text``.

    Steps: lower case, drop stop phrases, add one concept token per glossary
    phrase found (``_c_ill`` for "ILL" and "interlibrary loan" alike), then the
    stemmed content words (stop words dropped).
    """
    low = text.lower().replace("\u2019", "'")
    low = _STOP_PHRASE.sub(" ", low)
    words = _words(low)
    stems = [stem(w) for w in words]
    tokens = [
        f"_c_{_MEMBER_GROUP[m.group(0)]}" for m in _PHRASES.finditer(" ".join(stems))
    ]
    tokens += [
        s
        for w, s in zip(words, stems, strict=True)
        if len(w) >= 2 and w not in STOP_WORDS and not w.isdigit()
    ]
    return tokens


_STOP_PHRASE_CI = re.compile(_STOP_PHRASE.pattern, re.IGNORECASE)


def strip_boilerplate(text: str) -> str:
    """Return ``text`` without syllabus stop phrases ("students will be able to")."""
    out = _STOP_PHRASE_CI.sub(" ", text.replace("\u2019", "'"))
    return re.sub(r"\s+", " ", out).strip(" ,:;-")
