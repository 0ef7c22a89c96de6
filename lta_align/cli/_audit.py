"""Subcommand ``audit``: the outcome quality audit of a program's syllabi."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..columns import OUTCOME_ISSUES
from ..errors import LtaAlignError
from ._common import err, out, positive_number

AUDIT_FILE = "audit.csv"


def _cmd_audit(args: argparse.Namespace) -> int:
    from .._utils import OutputGuard
    from ..ingest import Limits, load_syllabi
    from ..outputs import table_to_csv
    from ..reports import audit_outcomes
    from ..reports._audit import audit_summary

    limits = (
        Limits() if args.max_file_mb is None else Limits(max_file_mb=args.max_file_mb)
    )
    program = load_syllabi(*args.inputs, progress=not args.quiet, limits=limits)
    for row in program.problems.itertuples():
        err(f"{row.severity}: {row.source}: {row.reason}")
    if program.courses.empty:
        raise LtaAlignError(
            "Nothing could be read from the inputs "
            f"({', '.join(map(str, args.inputs))}); see the problems above."
        )
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
    p.add_argument(
        "--force",
        action="store_true",
        help="replace audit.csv even if someone edited it",
    )
    p.add_argument(
        "--max-file-mb",
        type=positive_number,
        default=None,
        metavar="MB",
        help="skip input files larger than this (default: 50)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_audit)
