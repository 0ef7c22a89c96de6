"""Subcommands about reviewers' decisions: ``review import`` and ``review show``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..columns import DECISION_COLUMNS
from ..errors import LtaAlignError
from ._common import out as _out


def _cmd_review_import(args: argparse.Namespace) -> int:
    from ..decisions import DecisionStore, import_review

    xlsx = Path(args.xlsx)
    store = DecisionStore(args.decisions or xlsx.with_name("decisions.csv"))
    framework = None
    if args.framework:
        from ..frameworks import load_framework

        framework = load_framework(args.framework)
    report = import_review(
        xlsx, store, reviewer=args.reviewer, prefer=args.prefer, framework=framework
    )
    _out(report.summary())
    _out(f"Decisions file: {store.path}")
    if len(report.added):
        _out(
            "Run lta-align again to apply them; if it refuses to replace the "
            "edited workbook, add --force (its decisions are now in the "
            "decisions file)."
        )
    if len(report.conflicts) and args.prefer == "store":
        _out(
            "Conflicting rows were not imported; pass --prefer sheet to let the "
            "sheet win (the old decisions stay in the file's history)."
        )
    return 0


def _cmd_review_show(args: argparse.Namespace) -> int:
    from ..decisions import DecisionStore

    store = DecisionStore(args.decisions)
    if not store.path.exists():
        raise LtaAlignError(
            f"No decisions file at '{store.path}'. Review matches in the notebook "
            "(03_review.ipynb) or import a reviewed Excel matrix with "
            "`lta-align review import`."
        )
    table = store.history() if args.history else store.current()
    _out(
        table[DECISION_COLUMNS].to_string(index=False)
        if len(table)
        else "(no decisions)"
    )
    counts = store.current()["decision"].replace("", "comment").value_counts()
    _out(
        "Current: "
        + (", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "none")
    )
    if args.check:
        from ..ingest import load_syllabi

        program = load_syllabi(*args.check, progress=False)
        orphans = store.orphans(program)
        if len(orphans):
            _out(
                f"{len(orphans)} decision(s) no longer match a statement (the "
                "syllabus text changed); review them again:"
            )
            for row in orphans.itertuples(index=False):
                _out(
                    f"  {row.statement_id} -> {row.competency_id} "
                    f"({row.decision or 'comment'}, {row.reviewer})"
                )
        else:
            _out("Every decision still matches a statement in the syllabi.")
    return 0


def add_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="import or show reviewers' decisions",
        description="Reviewers' decisions (accept, reject, add, level, comment) "
        "live in decisions.csv, an append-only log next to the outputs; runs apply "
        "them over the automatic matches.",
    )
    rsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = rsub.add_parser(
        "import",
        help="merge the reviewer columns of an exported Excel matrix",
        description="Read the 'Matches' sheet of alignment.xlsx (columns decision, "
        "level, comment) and append the decisions to the decisions file. Decisions "
        "already in the file are never dropped; conflicts are listed.",
    )
    imp.add_argument("xlsx", help="the reviewed workbook (alignment.xlsx)")
    imp.add_argument(
        "--decisions",
        default=None,
        help="decisions file (default: decisions.csv beside XLSX)",
    )
    imp.add_argument(
        "--reviewer",
        default=None,
        help="who reviewed the sheet (default: the sheet's reviewer "
        "column, else excel:FILENAME)",
    )
    imp.add_argument(
        "--prefer",
        choices=["store", "sheet"],
        default="store",
        help="who wins a conflict (default: the decisions file)",
    )
    imp.add_argument(
        "--framework",
        default="lssc",
        help="framework whose competency ids are checked (default: "
        "lssc; '' to skip the check)",
    )
    imp.set_defaults(func=_cmd_review_import)
    show = rsub.add_parser("show", help="print the current decisions")
    show.add_argument(
        "--decisions",
        default="out/decisions.csv",
        help="decisions file (default: out/decisions.csv)",
    )
    show.add_argument(
        "--history", action="store_true", help="print every change, oldest first"
    )
    show.add_argument(
        "--check",
        nargs="+",
        metavar="INPUT",
        default=None,
        help="syllabi to check for decisions whose statement changed",
    )
    show.set_defaults(func=_cmd_review_show)
