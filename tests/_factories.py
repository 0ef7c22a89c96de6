"""Hand-made alignments for the report, Excel, evidence and compare tests.

``make_alignment()`` builds an object with the attributes of
``lta_align.match.Alignment`` (the shared contract in the project notes) without
running the matcher, so the tests pin exact statuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

import lta_align as la
from lta_align.columns import (
    ALIGNED_COURSE_COLUMNS,
    COURSE_SET_COLUMNS,
    COVERAGE_COLUMNS,
    MATCH_COLUMNS,
    PROBLEM_COLUMNS,
    STATEMENT_COLUMNS,
)
from lta_align.model import Program
from lta_align.text import statement_id


@dataclass(frozen=True)
class FakeAlignment:
    """Same attributes as ``lta_align.match.Alignment``."""

    program: Program
    framework: Any
    matches: pd.DataFrame
    coverage: pd.DataFrame
    course_sets: pd.DataFrame
    courses: pd.DataFrame
    unmatched: pd.DataFrame
    method: str = "tfidf"
    config: Any = None
    decisions: Any = field(default=None)


INJECTION = '=HYPERLINK("http://x","y")'
SCRIPT = "Write a <script>alert(1)</script> & | review it"

# course -> (code, title, primary set, {competency number: (status, score, decision)})
DEFAULT_DESIGN: dict[str, tuple[str, str, str, dict]] = {
    "LTA130": (
        "LTA 130",
        "Cataloging and Classification",
        "cataloging_classification",
        dict.fromkeys(range(1, 9), ("covered", 0.8, "")),
    ),
    "LTA140": (
        "LTA 140",
        "Acquisitions and Collection Management",
        "collection_management",
        {
            **dict.fromkeys((1, 2, 3, 4, 5, 6, 7, 9), ("covered", 0.7, "")),
            10: ("covered", 0.6, "accept"),
            8: ("partial", 0.2, ""),
        },
    ),
    "LTA110": (
        "LTA 110",
        "Library Technology",
        "technology",
        dict.fromkeys(range(1, 9), ("covered", 0.7, "")),
    ),
    "LTA150": (
        "LTA 150",
        "Access Services",
        "access_services",
        dict.fromkeys(range(1, 14), ("covered", 0.7, "")),
    ),
    "LTA170": (
        "LTA 170",
        "Supervision",
        "supervision_management",
        dict.fromkeys(range(1, 9), ("covered", 0.6, "")),
    ),
    "LTA190": ("LTA 190", "Library Practicum", "", {}),
}

# extra (course, set, number, status, score) rows outside a course's primary set
EXTRA = [
    ("LTA150", "technology", 9, "covered", 0.55),
    ("LTA190", "foundations", 9, "partial", 0.2),
]


def make_alignment(
    design: dict | None = None, extra: list | None = None, *, inject: bool = True
) -> FakeAlignment:
    """Return a small alignment following the contract.

    Each (course, competency) pair gets one outcome statement whose text names
    the competency; ``inject=True`` gives LTA130 an outcome starting with ``=``
    (formula injection test) and an assessment with ``<script>`` (escaping test).
    """
    design = DEFAULT_DESIGN if design is None else design
    extra = EXTRA if extra is None else extra
    fw = la.load_framework("lssc")
    comps = fw.competencies.set_index("competency_id")
    courses, statements, matches = [], [], []
    for cid, (code, title, _primary, _) in design.items():
        courses.append(
            {
                "course_id": cid,
                "course_code": code,
                "course_title": title,
                "source": f"syllabi/{cid}.md",
                "methods": "Lecture, discussion and hands-on lab work.",
            }
        )
    rows = []
    for cid, (_, _, primary, items) in design.items():
        for n, (status, score, decision) in items.items():
            rows.append((cid, primary, n, status, score, decision))
    for cid, set_id, n, status, score in extra:
        rows.append((cid, set_id, n, status, score, ""))
    for i, (cid, set_id, n, status, score, decision) in enumerate(rows):
        comp_id = f"{set_id}.{n}"
        text = f"Outcome for {comps.at[comp_id, 'text'].rstrip('.').lower()}."
        kind = "outcome"
        sid = statement_id(cid, text)
        statements.append(
            {
                "course_id": cid,
                "statement_id": sid,
                "kind": kind,
                "text": text,
                "source": f"syllabi/{cid}.md",
                "location": f"line {10 + i}",
            }
        )
        matches.append(
            {
                "course_id": cid,
                "statement_id": sid,
                "competency_id": comp_id,
                "set_id": set_id,
                "score": score,
                "rank": 1,
                "ambiguous": False,
                "kind": kind,
                "decision": decision,
                "level": "mastered" if decision else "",
                "note": "",
                "_status": status,
            }
        )
    if inject:
        for cid, text, kind, comp_id, score in (
            ("LTA130", INJECTION, "outcome", "cataloging_classification.1", 0.3),
            ("LTA140", SCRIPT, "assessment", "collection_management.8", 0.25),
        ):
            sid = statement_id(cid, text)
            statements.append(
                {
                    "course_id": cid,
                    "statement_id": sid,
                    "kind": kind,
                    "text": text,
                    "source": f"syllabi/{cid}.md",
                    "location": "line 99",
                }
            )
            matches.append(
                {
                    "course_id": cid,
                    "statement_id": sid,
                    "competency_id": comp_id,
                    "set_id": comp_id.split(".")[0],
                    "score": score,
                    "rank": 2,
                    "ambiguous": True,
                    "kind": kind,
                    "decision": "",
                    "level": "",
                    "note": "",
                    "_status": "partial",
                }
            )
    m = pd.DataFrame(matches)
    coverage_rows = []
    status_of = {
        (r["course_id"], r["competency_id"]): r
        for r in sorted(matches, key=lambda r: -r["score"])[::-1]
    }
    touched = sorted({(r["course_id"], r["set_id"]) for r in matches})
    for cid, set_id in touched:
        for comp in fw.competencies_of(set_id).itertuples():
            best = status_of.get((cid, comp.competency_id))
            if best is None:
                continue
            coverage_rows.append(
                {
                    "course_id": cid,
                    "competency_id": comp.competency_id,
                    "set_id": set_id,
                    "score": best["score"],
                    "status": best["_status"],
                    "evidence_statement_id": best["statement_id"],
                    "level": best["level"],
                    "reviewed": bool(best["decision"]),
                    "n_evidence": 1,
                }
            )
    coverage = pd.DataFrame(
        coverage_rows, columns=[*COVERAGE_COLUMNS, "level", "reviewed", "n_evidence"]
    )
    cs_rows = []
    for cid, set_id in touched:
        sub = coverage[(coverage.course_id == cid) & (coverage.set_id == set_id)]
        total = int(fw.sets.set_index("set_id").at[set_id, "n_competencies"])
        covered = int((sub.status == "covered").sum())
        cs_rows.append(
            {
                "course_id": cid,
                "set_id": set_id,
                "set_name": fw.set_name(set_id),
                "covered": covered,
                "total": total,
                "coverage": covered / total,
                "score": float(sub.score.mean()),
                "complete": covered == total,
                "provisional": set_id in fw.incomplete_sets,
            }
        )
    course_sets = pd.DataFrame(cs_rows, columns=[*COURSE_SET_COLUMNS, "provisional"])
    aligned = pd.DataFrame(
        [
            {
                "course_id": c["course_id"],
                "course_code": c["course_code"],
                "course_title": c["course_title"],
                "primary_set_id": design[c["course_id"]][2],
                "primary_set_name": fw.set_name(design[c["course_id"]][2])
                if design[c["course_id"]][2]
                else "",
                "primary_score": 0.7 if design[c["course_id"]][2] else 0.0,
            }
            for c in courses
        ],
        columns=ALIGNED_COURSE_COLUMNS,
    )
    program = Program(
        courses=pd.DataFrame(courses),
        statements=pd.DataFrame(statements, columns=STATEMENT_COLUMNS),
        problems=pd.DataFrame(
            [
                {
                    "source": "syllabi/broken.docx",
                    "severity": "error",
                    "reason": "the file is password-protected.",
                }
            ],
            columns=PROBLEM_COLUMNS,
        ),
        name="Fake program",
    )
    return FakeAlignment(
        program=program,
        framework=fw,
        matches=m.drop(columns="_status")[
            [*MATCH_COLUMNS, "kind", "decision", "level", "note"]
        ],
        coverage=coverage,
        course_sets=course_sets,
        courses=aligned,
        unmatched=pd.DataFrame(
            columns=["course_id", "statement_id", "kind", "text", "best_score"]
        ),
    )
