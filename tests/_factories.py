"""Hand-made alignments for the report, Excel, evidence and compare tests.

``make_alignment()`` builds a real :class:`lta_align.Alignment` from a small
hand-made program without running the matcher: the matches are written by hand
(one outcome per designed course x competency pair) and the summary tables are
computed from them by :func:`lta_align.coverage.summarise`, as ``align`` does.
``DESIGN_CONFIG`` puts the covered line at 0.5, so a designed score of 0.55 or
more is ``covered`` and 0.2-0.3 is ``partial``: the tests pin exact statuses.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import lta_align as la
from lta_align import Alignment, MatchConfig
from lta_align.columns import MATCH_COLUMNS, PROBLEM_COLUMNS, STATEMENT_COLUMNS
from lta_align.coverage import summarise
from lta_align.model import Program
from lta_align.text import statement_id

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "syllabi"
"""The bundled sample program (ten LTA courses)."""

DESIGN_CONFIG = MatchConfig(
    match_threshold=0.12, partial_threshold=0.15, covered_threshold=0.5
)

INJECTION = '=HYPERLINK("http://x","y")'
SCRIPT = "Write a <script>alert(1)</script> & | review it"

# course -> (code, title, {(set id, competency number): (score, decision)});
# a score of 0.55 or more is covered, 0.2 partial; "accept" is a reviewer's
DEFAULT_DESIGN: dict[str, tuple[str, str, dict]] = {
    "LTA130": (
        "LTA 130",
        "Cataloging and Classification",
        {("cataloging_classification", n): (0.8, "") for n in range(1, 9)},
    ),
    "LTA140": (
        "LTA 140",
        "Acquisitions and Collection Management",
        {
            **{
                ("collection_management", n): (0.7, "")
                for n in (1, 2, 3, 4, 5, 6, 7, 9)
            },
            ("collection_management", 10): (0.6, "accept"),
            ("collection_management", 8): (0.2, ""),
        },
    ),
    "LTA110": (
        "LTA 110",
        "Library Technology",
        {("technology", n): (0.7, "") for n in range(1, 9)},
    ),
    "LTA150": (
        "LTA 150",
        "Access Services",
        {
            **{("access_services", n): (0.7, "") for n in range(1, 14)},
            ("technology", 9): (0.55, ""),
        },
    ),
    "LTA170": (
        "LTA 170",
        "Supervision",
        {("supervision_management", n): (0.6, "") for n in range(1, 9)},
    ),
    # a general course: evidence spread over two sets, so no primary set
    "LTA190": (
        "LTA 190",
        "Library Practicum",
        {("foundations", 9): (0.2, ""), ("communication_teamwork", 2): (0.2, "")},
    ),
}


def make_alignment(design: dict | None = None, *, inject: bool = True) -> Alignment:
    """Return the alignment of a small hand-made program (see the module notes).

    Each designed (course, competency) pair gets one outcome statement whose
    text names the competency; ``inject=True`` gives LTA130 an outcome starting
    with ``=`` (formula injection test) and LTA140 an assessment with
    ``<script>`` (escaping test), both weak (partial) second-rank matches.
    """
    design = DEFAULT_DESIGN if design is None else design
    fw = la.load_framework("lssc")
    text_of = fw.competencies.set_index("competency_id")["text"]
    courses, statements, matches = [], [], []
    rows = []
    for cid, (code, title, items) in design.items():
        courses.append(
            {
                "course_id": cid,
                "course_code": code,
                "course_title": title,
                "source": f"syllabi/{cid}.md",
                "methods": "Lecture, discussion and hands-on lab work.",
            }
        )
        for (set_id, n), (score, decision) in items.items():
            comp_id = f"{set_id}.{n}"
            text = f"Outcome for {text_of[comp_id].rstrip('.').lower()}."
            rows.append((cid, "outcome", text, comp_id, score, 1, False, decision))
    if inject:
        rows += [
            ("LTA130", "outcome", INJECTION, "cataloging_classification.1", 0.3, 2),
            ("LTA140", "assessment", SCRIPT, "collection_management.8", 0.25, 2),
        ]
        rows[-2:] = [(*r, True, "") for r in rows[-2:]]
    for i, (cid, kind, text, comp_id, score, rank, ambiguous, decision) in enumerate(
        rows
    ):
        sid = statement_id(cid, text)
        statements.append(
            {
                "course_id": cid,
                "statement_id": sid,
                "kind": kind,
                "text": text,
                "source": f"syllabi/{cid}.md",
                "location": "line 99" if rank == 2 else f"line {10 + i}",
            }
        )
        matches.append(
            {
                "course_id": cid,
                "statement_id": sid,
                "competency_id": comp_id,
                "set_id": comp_id.split(".")[0],
                "score": score,
                "rank": rank,
                "ambiguous": ambiguous,
                "kind": kind,
                "decision": decision,
                "level": "mastered" if decision else "",
                "note": "",
            }
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
    m = pd.DataFrame(
        matches, columns=[*MATCH_COLUMNS, "kind", "decision", "level", "note"]
    )
    # the engine's flags, as align() sets them
    m["below_floor"] = m["score"] < DESIGN_CONFIG.match_threshold
    m["no_match"] = False
    m["learned_from"] = ""
    coverage, course_sets, aligned = summarise(m, program, fw, DESIGN_CONFIG)
    return Alignment(
        program=program,
        framework=fw,
        method="tfidf",
        config=DESIGN_CONFIG,
        matches=m,
        coverage=coverage,
        course_sets=course_sets,
        courses=aligned,
        unmatched=pd.DataFrame(
            columns=["course_id", "statement_id", "kind", "text", "best_score"]
        ),
    )
