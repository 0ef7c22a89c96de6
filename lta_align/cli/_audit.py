"""Subcommand ``audit``: the outcome quality audit of a program's syllabi."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..columns import OUTCOME_ISSUES
from ._common import add_input_options, out, read_inputs

AUDIT_FILE = "audit.csv"


def _cmd_audit(args: argparse.Namespace) -> int:
    from .._utils import OutputGuard
    from ..outputs import table_to_csv
    from ..reports import audit_outcomes
    from ..reports._audit import audit_summary

    program = read_inputs(args, args.inputs)
    audit = audit_outcomes(program)
    guard = OutputGuard(args.out, force=args.force)
    guard.check(AUDIT_FILE)  # refuses before writing when a person edited it
    path = guard.write_text(AUDIT_FILE, table_to_csv(audit))
    summary = audit_summary(audit, program.courses)
    flagged = int((audit["issues"] != "").sum())
    out(
        f"Audited {len(audit)} outcome(s) in {len(summary)} course(s); "
        f"{flagged} flagged."
    )
    for row in summary.to_dict("records"):
        detail = ", ".join(f"{i} {row[i]}" for i in OUTCOME_ISSUES if row[i])
        out(
            f"  {row['course_code']}: {row['flagged']} of {row['outcomes']} flagged"
            + (f" ({detail})" if detail else "")
        )
    out(f"wrote {Path(path).resolve()}")
    return 0


def add_audit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit",
        help="check the wording of every learning outcome (writes audit.csv)",
        description="Read syllabi and outcome sheets and audit each learning "
        "outcome as an assessment reviewer would: main verb and Bloom level, and "
        "outcomes that are not measurable, have no action verb, are compound, too "
        "long, duplicated across courses or below the course's expected level, "
        "each with a suggested rewrite. Writes OUT/audit.csv.",
    )
    p.add_argument("inputs", nargs="+", help="syllabus files, outcome sheets, folders")
    p.add_argument("--out", required=True, help="output folder")
    add_input_options(p)
    p.set_defaults(func=_cmd_audit)
