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
    "copycat": (
        "copy cataloging",
        "shared cataloging",
        "cooperative cataloging",
        "union catalog",
        "derived cataloging",
    ),
    "departments": (
        "departments",
        "department",
        "functional units",
        "technical services",
        "public services",
        "organizational chart",
        "org chart",
        "library organization",
        "units of the library",
    ),
    "publictech": (
        "public computers",
        "public access computers",
        "printers",
        "scanners",
        "copiers",
        "photocopiers",
        "e-readers",
        "ereaders",
        "devices",
        "mobile devices",
        "tablets",
        "hotspots",
        "remote access",
        "public equipment",
        "self-checkout",
        "microfilm readers",
    ),
    "badnews": (
        "bad news",
        "difficult news",
        "sensitive news",
        "saying no",
        "delivering bad news",
        "sensitive information",
        "sensitive situations",
    ),
    "proactive": (
        "proactive",
        "anticipate",
        "anticipating",
        "roving",
        "approachable",
        "approachability",
    ),
    "channels": (
        "telephone",
        "phone",
        "memo",
        "memos",
        "business writing",
        "correspondence",
        "letters",
        "communication channels",
        "appropriate medium",
        "audience",
        "written messages",
    ),
    "arrange": (
        "arrangement",
        "arranging collections",
        "shelf arrangement",
        "bookstore model",
        "genrefication",
        "organizing collections",
        "organization of collections",
        "arrangement of materials",
        "nontraditional arrangement",
        "collection arrangement",
    ),
    "emergency": (
        "emergency",
        "emergencies",
        "emergency procedures",
        "first aid",
        "evacuation",
        "fire drill",
        "medical emergencies",
        "disaster",
        "crisis",
        "incident reports",
        "incident report",
        "lockdown",
    ),
    "datasec": (
        "data security",
        "cybersecurity",
        "passwords",
        "malware",
        "malicious software",
        "virus",
        "viruses",
        "antivirus",
        "phishing",
        "spyware",
        "firewall",
        "firewalls",
        "spam",
        "data integrity",
        "backups",
        "backup",
        "data accuracy",
        "identity theft",
    ),
    "lists": (
        "booklists",
        "book lists",
        "reading lists",
        "displays",
        "book displays",
        "pathfinders",
        "read-alike lists",
        "bibliographies",
        "recommended reading",
    ),
    "nonjudgment": (
        "nonjudgmental",
        "non-judgmental",
        "without judgment",
        "without judging",
        "reading tastes",
        "reading preferences",
        "respect for reading choices",
    ),
    "accessformats": (
        "large print",
        "talking books",
        "braille",
        "accessible formats",
        "audiobooks",
        "audio books",
        "described video",
        "national library service",
        "nls",
    ),
    "film": (
        "film",
        "films",
        "movies",
        "movie",
        "dvds",
        "dvd",
        "video",
        "videos",
        "cinema",
        "directors",
        "streaming video",
    ),
    "music": (
        "music",
        "classical music",
        "popular music",
        "sound recordings",
        "albums",
        "composers",
        "composer",
        "cds",
        "musicians",
    ),
    "readinglevel": (
        "reading level",
        "reading levels",
        "reluctant readers",
        "emergent readers",
        "beginning readers",
        "early readers",
        "leveled readers",
        "developing readers",
    ),
    "minors": (
        "minors",
        "rights of minors",
        "minors' access",
        "unattended children",
        "children's internet use",
    ),
    "circulation": (
        "patron registration",
        "library card",
        "library cards",
        "patron accounts",
        "renewals",
        "renewal",
        "renew",
        "overdue",
        "overdues",
        "holds",
        "hold requests",
        "recalls",
        "circulation policies",
        "loan periods",
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
        "original cataloging",
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
        "subject analysis",
        "subject cataloging",
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
        "authority work",
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
    "oclc": (
        "oclc",
        "worldcat",
        "connexion",
        "bibliographic utility",
        "bibliographic utilities",
    ),
    "dublincore": (
        "metadata schemas",
        "metadata",
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
        "verification",
        "bibliographic verification",
        "pre-order searching",
        "order records",
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
        "gifts",
        "donations",
        "gift materials",
        "collection maintenance",
        "selection tools",
        "selection aids",
        "selecting materials",
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
        "library values",
        "professional attitude",
        "professionalism",
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
        "virtual reference",
        "chat reference",
        "email reference",
        "information desk",
        "research questions",
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
        "manager",
        "managers",
        "management role",
        "management skills",
        "supervisory skills",
        "supervisory role",
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
        "hire",
        "new employees",
        "new staff",
        "orientation",
        "job descriptions",
        "job interview",
        "interviewing candidates",
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
        "professional associations",
        "professional association",
        "library associations",
        "american library association",
        "ala",
        "conferences",
        "conference",
        "webinars",
        "networking with colleagues",
        "staff training",
        "staff development",
        "training",
        "professional development",
        "continuing education",
        "lifelong learning",
    ),
    "leadership": ("leadership", "leading", "leaders", "motivation", "motivating"),
    "budget": (
        "accounting",
        "expenditures",
        "encumbrances",
        "fund accounting",
        "financial records",
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
        "library exists",
        "why libraries exist",
        "purpose libraries",
        "purposes of libraries",
        "functions of libraries",
        "library functions",
        "role of the library",
        "roles of libraries",
        "library in society",
        "libraries in society",
        "historical development",
        "historical",
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
        "trends",
        "technology trends",
        "new developments",
        "automation",
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
        "computer problems",
        "technical issues",
        "technical conditions",
        "maintenance of equipment",
        "equipment maintenance",
        "troubleshoot",
        "troubleshooting",
        "technical problems",
        "technical support",
        "tech support",
        "diagnose",
        "printing",
        "wi-fi",
        "wifi",
        "help desk",
    ),
    "assistive": (
        "assistive technology",
        "assistive technologies",
        "accessibility",
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
        "building security",
        "security gates",
        "security systems",
        "safe environment",
        "unattended",
        "loss prevention",
        "security",
        "safety",
        "theft",
        "building security",
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
        "statistical",
        "statistical data",
        "statistics",
        "circulation statistics",
        "data collection",
        "usage data",
        "usage reports",
        "statistical reports",
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
    "diversity": (
        "identity",
        "belonging",
        "cultural",
        "culture",
        "diverse users",
        "diverse populations",
        "different users",
        "user groups",
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


# British and variant spellings folded to one form before stemming
SPELLINGS = {
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "catalogued": "cataloged",
    "cataloguing": "cataloging",
    "cataloguer": "cataloger",
    "cataloguers": "catalogers",
    "organisation": "organization",
    "organisations": "organizations",
    "organise": "organize",
    "organising": "organizing",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "programme": "program",
    "programmes": "programs",
    "licence": "license",
    "licences": "licenses",
    "centre": "center",
    "analyse": "analyze",
    "colour": "color",
    "favourite": "favorite",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
}


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


def _words(text: str) -> list[str]:
    """Lower-case word tokens; hyphens and slashes split words, 's dropped."""
    out: list[str] = []
    for word in _WORD.findall(text):
        if word.endswith("'s"):
            word = word[:-2]
        if "'" in word:
            word = word.replace("'", "")
        out.append(SPELLINGS.get(word, word))
    return out


def _stems(text: str) -> list[str]:
    return [stem(w) for w in _words(text.lower())]


# Everyday verbs whose "-ing" noun names a library task ("processing" new
# books, "covering" paperbacks, "ordering" titles) but which, as verbs, say
# nothing about the task: "the communication process", "topics covered", "in
# order to", "report findings". A glossary member that is the "-ing" noun of one
# of these matches only that "-ing" form, never the bare verb.
GENERIC_VERBS: frozenset[str] = frozenset(
    {
        "account",
        "charge",
        "cover",
        "lead",
        "order",
        "print",
        "process",
        "receive",
        "report",
        "review",
        "select",
        "shift",
    }
)


def _gerund_only_stems() -> frozenset[str]:
    """Stems that find a group only when written as the "-ing" noun."""
    gerund, other = set(), set()
    for members in SYNONYM_GROUPS.values():
        for member in members:
            key = _stems(member)
            if len(key) != 1:
                continue
            verb = member[:-3]
            if member.endswith("ing") and (
                verb in GENERIC_VERBS or verb + "e" in GENERIC_VERBS
            ):
                gerund.add(key[0])
            else:
                other.add(key[0])
    return frozenset(gerund - other)


def _build_phrase_index() -> tuple[dict[tuple[str, ...], str], dict[str, int]]:
    """Map stemmed glossary phrases to their group; first stem -> longest length."""
    index: dict[tuple[str, ...], str] = {}
    for group in sorted(SYNONYM_GROUPS):
        for member in SYNONYM_GROUPS[group]:
            key = tuple(_stems(member))
            if key:
                index.setdefault(key, group)
    longest: dict[str, int] = {}
    for key in index:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return index, longest


_PHRASE_INDEX, _PHRASE_LONGEST = _build_phrase_index()
_GERUND_ONLY = _gerund_only_stems()
_STOP_INDEX = {tuple(_words(p)): len(_words(p)) for p in STOP_PHRASES}
_STOP_LONGEST: dict[str, int] = {}
for _key in _STOP_INDEX:
    _STOP_LONGEST[_key[0]] = max(_STOP_LONGEST.get(_key[0], 0), len(_key))


def _drop_stop_phrases(words: list[str]) -> list[str]:
    """Remove stop phrases (longest first, left to right) from a word list."""
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        longest = _STOP_LONGEST.get(words[i], 0)
        skip = 0
        for length in range(min(longest, n - i), 0, -1):
            if tuple(words[i : i + length]) in _STOP_INDEX:
                skip = length
                break
        if skip:
            i += skip
        else:
            out.append(words[i])
            i += 1
    return out


def _find_concepts(stems: list[str], words: list[str] | None = None) -> list[str]:
    """Glossary groups of the longest phrases found left to right (no overlap).

    ``words`` (the unstemmed words, same length) lets a one-word "-ing" noun of
    a generic verb (:data:`GENERIC_VERBS`) match only in its "-ing" form.
    """
    found: list[str] = []
    i, n = 0, len(stems)
    while i < n:
        longest = _PHRASE_LONGEST.get(stems[i], 0)
        step = 1
        for length in range(min(longest, n - i), 0, -1):
            group = _PHRASE_INDEX.get(tuple(stems[i : i + length]))
            if (
                group is not None
                and length == 1
                and words is not None
                and stems[i] in _GERUND_ONLY
                and not words[i].endswith(("ing", "ings"))
            ):
                group = None
            if group is not None:
                found.append(group)
                step = length
                break
        i += step
    return found


_STOP_PHRASE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=lambda p: -len(p)))
    + r")(?![a-z0-9])"
)


def concepts(text: str) -> list[str]:
    """Return the glossary groups named in ``text`` (with repeats, in order).

    Matching works on stemmed words, so "hire", "hired" and "hiring" all find
    the group that lists "hiring"; the longest phrase wins. The "-ing" noun of
    an everyday verb (:data:`GENERIC_VERBS`: "processing", "covering") is the
    exception: only that "-ing" form finds its group.
    """
    words = _words(text.lower())
    return _find_concepts([stem(w) for w in words], words)


def analyse(text: str) -> list[str]:
    """Return the matching tokens of ``text``.

    Steps: lower case, drop stop phrases, add one concept token per glossary
    phrase found (``_c_ill`` for "ILL" and "interlibrary loan" alike), then the
    stemmed content words (stop words dropped).
    """
    words = _drop_stop_phrases(_words(text.lower().replace("\u2019", "'")))
    stems = [stem(w) for w in words]
    tokens = [f"_c_{group}" for group in _find_concepts(stems, words)]
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
