"""Subcommands that read and align syllabi: ``run``, ``evidence``, ``compare``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import add_pipeline_options, load_and_align, out


def _cmd_run(args: argparse.Namespace) -> int:
    from ..outputs import write_outputs

    alignment = load_and_align(args, args.inputs)
    written = write_outputs(alignment, args.out, force=args.force)
    program, framework = alignment.program, alignment.framework
    out(
        f"Read {len(program.courses)} course(s) and {len(program.statements)} "
        f"statement(s); {len(program.problems)} input problem(s)."
    )
    out(
        f"Aligned with {framework.name} (version {framework.version}) "
        f"using method '{alignment.method}'."
    )
    out(f"Outputs in {Path(args.out).resolve()}:")
    for path in written:
        out(f"  {path.name}")
    return 0


def add_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="import syllabi, align them and write the reports",
        description="Read syllabi and outcome sheets (files or folders), align them "
        "with a framework, apply review decisions, and write CSV tables, the Excel "
        "matrix and the gap report into --out.",
    )
    p.add_argument("inputs", nargs="+", help="syllabus files, outcome sheets, folders")
    p.add_argument("--out", required=True, help="output folder")
    add_pipeline_options(p)
    p.set_defaults(func=_cmd_run)


def _cmd_evidence(args: argparse.Namespace) -> int:
    from ..evidence import evidence_pack

    alignment = load_and_align(args, args.inputs)
    for path in evidence_pack(
        alignment, args.course, args.set, args.out, force=args.force
    ):
        out(f"wrote {path}")
    return 0


def add_evidence(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evidence",
        help="write a course-approval evidence pack (DOCX + XLSX)",
        description="Align the syllabi and write, for one course and one "
        "competency set, the evidence an LSSC course-approval application asks "
        "for: learning objectives, content and assessments per competency, and "
        "the competencies not yet covered. Review decisions in OUT/decisions.csv "
        "(or --decisions) are applied first.",
    )
    p.add_argument("inputs", nargs="+", help="syllabus files, outcome sheets, folders")
    p.add_argument("--course", required=True, help="course code, e.g. 'LTA 130'")
    p.add_argument(
        "--set", required=True, help="competency set id, e.g. cataloging_classification"
    )
    p.add_argument("--out", required=True, help="output folder")
    add_pipeline_options(p)
    p.set_defaults(func=_cmd_evidence)


def _cmd_compare(args: argparse.Namespace) -> int:
    from .._utils import OutputGuard
    from ..outputs import table_to_csv
    from ..reports._compare import compare

    old = load_and_align(args, [args.old], review=False)
    new = load_and_align(args, [args.new], review=False)
    result = compare(old, new)
    gained = int((result.changes["change"] == "gained").sum())
    lost = int((result.changes["change"] == "lost").sum())
    out(f"{gained} competenc{'y' if gained == 1 else 'ies'} gained, {lost} lost.")
    for row in result.sets.itertuples():
        if row.gained or row.lost or row.old_status != row.new_status:
            out(
                f"  {row.set_name}: {row.old_covered}/{row.total} -> "
                f"{row.new_covered}/{row.total} ({row.old_status} -> "
                f"{row.new_status})"
            )
    if args.out:
        guard = OutputGuard(args.out, force=args.force)
        files = {
            "compare.csv": table_to_csv(result.changes),
            "compare.html": result.to_html(),
            "compare.md": result.to_markdown(),
        }
        written = guard.commit({k: v.encode("utf-8") for k, v in files.items()})
        for path in written:
            out(f"wrote {path}")
    return 0


def add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two versions of a program's syllabi",
        description="Align OLD and NEW (folders or files of syllabi) with the same "
        "framework and list the competencies each course gained or lost.",
    )
    p.add_argument("old", help="folder or file with the old syllabi")
    p.add_argument("new", help="folder or file with the new syllabi")
    p.add_argument(
        "--out",
        default=None,
        help="folder for compare.csv, compare.html and compare.md",
    )
    add_pipeline_options(p, decisions=False)
    p.set_defaults(func=_cmd_compare)
