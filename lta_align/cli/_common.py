"""Helpers shared by the subcommands: output, common options, the read-align step."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import LtaAlignError


def out(text: str = "") -> None:
    """Print a result line (stdout)."""
    sys.stdout.write(text + "\n")


def err(text: str) -> None:
    """Print a progress or problem line (stderr)."""
    sys.stderr.write(text + "\n")


def positive_number(text: str) -> float:
    """argparse type: a number greater than zero."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"should be a positive number; got {text!r}")
    return value


def add_pipeline_options(p: argparse.ArgumentParser, *, decisions: bool = True) -> None:
    """Add the options every command that reads and aligns syllabi shares."""
    p.add_argument(
        "--framework",
        default="lssc",
        help="built-in name or framework file (default: lssc)",
    )
    p.add_argument(
        "--method",
        default="tfidf",
        help="matching method: tfidf (default, offline), or hybrid/embed when "
        "the [embed] extra is installed",
    )
    if decisions:
        p.add_argument(
            "--decisions",
            default=None,
            help="review decisions file to apply (default: OUT/decisions.csv "
            "when it exists)",
        )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace output files even if someone edited them",
    )
    p.add_argument(
        "--max-file-mb",
        type=positive_number,
        default=None,
        metavar="MB",
        help="skip input files larger than this (default: 50)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def load_and_align(args: argparse.Namespace, inputs: list[str], *, review: bool = True):
    """Read ``inputs``, report their problems, align, and apply review decisions.

    With ``review``, decisions come from ``--decisions``, else ``OUT/decisions.csv``
    when it exists.
    Raises :class:`LtaAlignError` when nothing at all could be read.
    """
    from ..frameworks import load_framework
    from ..ingest import Limits, load_syllabi
    from ..match import align

    framework = load_framework(args.framework)
    limits = (
        Limits() if args.max_file_mb is None else Limits(max_file_mb=args.max_file_mb)
    )
    program = load_syllabi(*inputs, progress=not args.quiet, limits=limits)
    for row in program.problems.itertuples():
        err(f"{row.severity}: {row.source}: {row.reason}")
    if program.courses.empty:
        raise LtaAlignError(
            "Nothing could be read from the inputs "
            f"({', '.join(map(str, inputs))}); see the problems above."
        )
    alignment = align(program, framework, method=args.method)
    if review:
        alignment = _apply_review(alignment, args.decisions, args.out)
    return alignment


def _apply_review(alignment, decisions: str | None, out_dir: str | None):
    path = Path(decisions) if decisions else Path(out_dir) / "decisions.csv"
    if not path.exists():
        if decisions:
            raise LtaAlignError(
                f"No decisions file at '{path}'. Check the --decisions path, or "
                "leave it out to use OUT/decisions.csv when there is one."
            )
        return alignment
    from ..decisions import DecisionStore, apply_decisions

    alignment = apply_decisions(alignment, DecisionStore(path))
    n = len(alignment.decisions)
    orphans = int((alignment.decisions["orphan"] != "").sum())
    err(f"applied {n - orphans} review decision(s) from {path}")
    if orphans:
        err(
            f"{orphans} decision(s) no longer match a statement (the syllabus text "
            f"changed); list them with: lta-align review show --decisions {path} "
            "--check INPUT..."
        )
    return alignment
