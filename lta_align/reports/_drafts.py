"""Drafted outcomes for the gaps: ``gaps.draft_outcome`` and ``gaps.assessment_idea``.

For every gap the report offers a measurable learning outcome to start from,
drafted from the competency and the home course: its level (an introductory
course, a regular one, or one that expects more: 200-level, practicum,
capstone) picks the wording, and its own syllabus vocabulary fills the slots
("patrons" or "users", "print materials" or "books"). Drafts for the built-in
LSSC sets come from ``reports/data/draft_outcomes.yaml`` (written for
lta-align, never the competency text); any other competency is drafted by
turning its text into an outcome (a vague lead verb replaced by a measurable
one, trailing clauses trimmed, and never left as a copy). A competency known
only in part gets no draft: :data:`DRAFT_UNKNOWN` says why. Everything is
deterministic: the same inputs give the same drafts.

Drafts are starting points for faculty to edit (:data:`DRAFT_LABEL`), not
outcomes to submit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .._resources import read_resource
from ..columns import BLOOM_LEVELS
from ..text import clean, normalise
from ._audit import course_min_level
from ._verbs import read_outcome

__all__ = ["DRAFT_LABEL", "DRAFT_UNKNOWN", "Draft", "Drafter"]

DRAFT_UNKNOWN = (
    "No draft: the official wording of this competency is not known; load the "
    "official list (load_framework(path) / --framework PATH)."
)
"""``gaps.draft_outcome`` of a competency known only in part."""
DRAFT_LABEL = "Draft outcome (for faculty to edit)"
"""How renderings label ``draft_outcome``: a starting point, not final wording."""
BANDS = ("intro", "core", "advanced")
_RANK = {level: i for i, level in enumerate(BLOOM_LEVELS)}


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted outcome and an assessment idea for one gap."""

    outcome: str
    assessment_idea: str


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    import yaml

    return yaml.safe_load(
        read_resource("lta_align.reports", "data", "draft_outcomes.yaml")
    )


def _sentence(text: str) -> str:
    text = clean(text).strip(" ,;:").rstrip(".")
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def _lower_first(text: str) -> str:
    # keep acronyms and proper names ("MARC", "ALA") as they are
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


class Drafter:
    """Drafts outcomes for the gaps of one alignment (course context cached).

    Parameters
    ----------
    program : Program
        The program whose courses are the homes of the gaps.
    framework : Framework
        The framework the gaps are competencies of.
    """

    def __init__(self, program: Any, framework: Any) -> None:
        self.program = program
        self.framework = framework
        comps = framework.competencies
        self._comps = comps.drop_duplicates("competency_id").set_index("competency_id")
        self._context: dict[str, tuple[str, str]] = {}
        self._by_course: dict[str, Any] | None = None
        self._course_rows: dict[str, tuple[str, str]] = {}

    # --- the home course ------------------------------------------------------
    def course_context(self, course_id: str) -> tuple[str, str]:
        """Return ``(band, vocabulary)`` of a course (``("core", "")`` for none).

        ``band`` is ``advanced`` when the course's place in the program expects
        apply-level outcomes (:func:`~lta_align.reports._audit.course_min_level`),
        ``intro`` when most of its outcomes are at remember/understand level,
        else ``core``; ``vocabulary`` is its title and syllabus text, lower case.
        """
        if course_id in self._context:
            return self._context[course_id]
        if self._by_course is None:  # built once: a lookup per course, not a scan
            courses = self.program.courses.drop_duplicates("course_id")
            self._course_rows = {
                cid: (str(code), str(title))
                for cid, code, title in zip(
                    courses["course_id"],
                    courses["course_code"],
                    courses["course_title"],
                    strict=True,
                )
            }
            stmts = self.program.statements
            self._by_course = dict(tuple(stmts.groupby("course_id", sort=False)))
        if not course_id or course_id not in self._course_rows:
            return "core", ""
        code, title = self._course_rows[course_id]
        stmts = self.program.statements
        mine = self._by_course.get(course_id, stmts.iloc[0:0])
        vocabulary = " ".join([title, *mine["text"].astype(str)]).casefold()
        band = "core"
        if course_min_level(code, title)[0]:
            band = "advanced"
        else:
            levels = [
                read_outcome(t).bloom_level
                for t in mine.loc[mine["kind"] == "outcome", "text"].astype(str)
            ]
            known = sorted(_RANK[lv] for lv in levels if lv)
            if known and known[(len(known) - 1) // 2] <= _RANK["understand"]:
                band = "intro"
        self._context[course_id] = (band, vocabulary)
        return band, vocabulary

    # --- drafting -----------------------------------------------------------
    def draft(self, competency_id: str, course_id: str = "") -> Draft:
        """Return the draft outcome and assessment idea for one gap.

        Parameters
        ----------
        competency_id : str
            The competency not covered.
        course_id : str, default=""
            Its home course (``gaps.home_course_id``); ``""`` when none.

        Returns
        -------
        Draft
            ``outcome`` starts with a measurable verb and is never the
            competency text; :data:`DRAFT_UNKNOWN` and no assessment idea for a
            competency known only in part.
        """
        if competency_id not in self._comps.index:
            return Draft(DRAFT_UNKNOWN, "")
        comp = self._comps.loc[competency_id]
        text = clean(str(comp.get("text", "") or ""))
        if _is_partial(comp) or not text:
            return Draft(DRAFT_UNKNOWN, "")
        band, vocabulary = self.course_context(course_id)
        entry = None
        if getattr(self.framework, "framework_id", "") == "lssc":
            entry = (_data().get("competencies") or {}).get(competency_id)
        if entry:
            outcome = _fill(_pick(entry, band), entry.get("slots") or {}, vocabulary)
            assess = str(entry.get("assess") or "")
        else:
            outcome, assess = "", ""
        if not outcome or normalise(outcome) == normalise(text):
            outcome = transform_competency(text)
        if band == "advanced" and not (entry or {}).get("advanced"):
            outcome = _raise_for_advanced(outcome)
        if not assess:
            assess = _assess_by_level(read_outcome(outcome).bloom_level)
        return Draft(outcome, assess)


def _is_partial(comp: Any) -> bool:
    value = comp.get("partial", False)
    if isinstance(value, str):
        return value.strip().casefold() in {"true", "1", "yes"}
    try:
        return bool(value) and value == value  # NaN is not partial
    except (TypeError, ValueError):
        return False


def _pick(entry: dict[str, Any], band: str) -> str:
    if band == "advanced" and entry.get("advanced"):
        return str(entry["advanced"])
    if band == "intro" and entry.get("intro"):
        return str(entry["intro"])
    return str(entry.get("draft") or "")


def _fill(template: str, slots: dict[str, list[str]], vocabulary: str) -> str:
    """Fill ``{slot}`` names with the first candidate the course itself uses."""
    values = {}
    for name, candidates in slots.items():
        candidates = [str(c) for c in candidates] or [name]
        found = [
            c
            for c in candidates
            if re.search(r"\b" + re.escape(c.casefold()), vocabulary)
        ]
        values[name] = found[0] if found else candidates[-1]
    try:
        return _sentence(template.format(**values))
    except (KeyError, IndexError, ValueError):
        return ""


def _raise_for_advanced(outcome: str) -> str:
    """ "Explain how ..." -> "Analyze how ..." for a course that expects more."""
    rule = (_data().get("fallback") or {}).get("raise_for_advanced") or {}
    reading = read_outcome(outcome)
    words = outcome.split()
    if (
        rule.get("verb")
        and reading.bloom_level in {"remember", "understand"}
        and len(reading.verb.split()) == 1
        and len(words) > 2
        and words[1].casefold() in {str(w).casefold() for w in rule.get("before", [])}
    ):
        return " ".join([str(rule["verb"]), *words[1:]])
    return outcome


def _assess_by_level(level: str) -> str:
    by_level = (_data().get("fallback") or {}).get("assess_by_level") or {}
    return str(by_level.get(level or "apply") or by_level.get("apply") or "")


def transform_competency(text: str) -> str:
    """Turn a competency statement into a draft outcome (for frameworks with no data).

    The trailing clauses (``, including ...``, ``, as well as ...``, ``: ...``)
    are trimmed; a vague lead ("Understand", "Know", "Be familiar with") becomes
    a measurable verb; when the result would still be the competency text, its
    verb is swapped for an alternate ("Explain" -> "Describe"). The result
    always starts with a measurable verb.

    Examples
    --------
    >>> transform_competency("Understand the principles of preserving materials.")
    'Explain the principles of preserving materials.'
    """
    fb = _data().get("fallback") or {}
    original = clean(text).rstrip(".")
    body = original
    for marker in fb.get("trim_after") or []:
        at = body.find(marker)
        if at > 0 and len(body[:at].split()) >= 3:
            body = body[:at]
    low = body.casefold()
    leads = sorted((fb.get("lead_verbs") or {}).items(), key=lambda kv: -len(kv[0]))
    for lead, verb in leads:
        if low == lead or low.startswith(lead + " "):
            rest = body[len(lead) :].strip()
            body = f"{verb} {_lower_first(rest)}" if verb else rest
            break
    reading = read_outcome(body)
    if not reading.clauses or reading.clauses[0].verbs[0][1] == "not measurable":
        body = f"Explain {_lower_first(body)}"
    if normalise(body) == normalise(original):
        words = body.split(None, 1)
        first = words[0].casefold()
        alternates = {k.casefold(): v for k, v in (fb.get("alternates") or {}).items()}
        swap = alternates.get(first)
        if swap:
            body = f"{swap} {words[1] if len(words) > 1 else ''}"
        else:
            body = f"Demonstrate how to {_lower_first(body)}"
    return _sentence(body)
