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
    from ..match import METHODS

    p.add_argument(
        "--method",
        default=None,
        choices=sorted(METHODS),
        help="matching method: tfidf (offline, core install), or hybrid/embed "
        "when the [embed] extra is installed (default: the best installed "
        "method, see lta_align.match.DEFAULT_METHOD)",
    )
    if decisions:
        p.add_argument(
            "--decisions",
            default=None,
            help="review decisions file to apply (default: OUT/decisions.csv "
            "when it exists)",
        )
    add_input_options(p)


def add_input_options(p: argparse.ArgumentParser) -> None:
    """Add the options of every command that reads syllabi and writes files."""
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


def read_inputs(args: argparse.Namespace, inputs: list[str]):
    """Read ``inputs``, print their problems, and refuse when nothing was read.

    Raises :class:`LtaAlignError` when no course could be read (saying whether
    files were found at all).
    """
    from ..ingest import Limits, load_syllabi

    limits = (
        Limits() if args.max_file_mb is None else Limits(max_file_mb=args.max_file_mb)
    )
    program = load_syllabi(*inputs, progress=not args.quiet, limits=limits)
    for row in program.problems.itertuples():
        err(f"{row.severity}: {row.source}: {row.reason}")
    if program.courses.empty:
        where = ", ".join(map(str, inputs))
        if len(program.problems):
            raise LtaAlignError(
                f"Nothing could be read from the inputs ({where}); see the "
                "problems above."
            )
        raise LtaAlignError(
            f"No syllabus or outcome sheet found in {where}. Give a folder or "
            "files in a supported format (.docx, .pdf, .html, .md, .txt, .xlsx, "
            ".csv)."
        )
    return program


def load_and_align(args: argparse.Namespace, inputs: list[str], *, review: bool = True):
    """Read ``inputs``, report their problems, align, and apply review decisions.

    With ``review``, decisions come from ``--decisions``, else ``OUT/decisions.csv``
    when it exists.
    Raises :class:`LtaAlignError` when nothing at all could be read.
    """
    from ..frameworks import load_framework
    from ..match import align

    framework = load_framework(args.framework)
    program = read_inputs(args, inputs)
    path = _decisions_path(args.decisions, args.out) if review else None
    if path is None:
        return align(program, framework, method=args.method)
    from ..decisions import DecisionStore

    # the decisions override their own pairs and teach the matcher the rest
    alignment = align(
        program, framework, method=args.method, decisions=DecisionStore(path)
    )
    _report_review(alignment, path)
    return alignment


def _decisions_path(decisions: str | None, out_dir: str | None) -> Path | None:
    path = Path(decisions) if decisions else Path(out_dir) / "decisions.csv"
    if not path.exists():
        if decisions:
            raise LtaAlignError(
                f"No decisions file at '{path}'. Check the --decisions path, or "
                "leave it out to use OUT/decisions.csv when there is one."
            )
        return None
    return path


def _report_review(alignment, path: Path) -> None:
    n = len(alignment.decisions)
    orphans = int((alignment.decisions["orphan"] != "").sum())
    err(f"applied {n - orphans} review decision(s) from {path}")
    if orphans:
        err(
            f"{orphans} decision(s) no longer match a statement (the syllabus text "
            f"changed); list them with: lta-align review show --decisions {path} "
            "--check INPUT..."
        )
