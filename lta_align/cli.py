"""The ``lta-align`` command line.

Each subcommand is one ``_add_<name>(subparsers)`` function that registers its
parser and sets ``func``; the function it calls does the work through the public
verbs. Only :class:`~lta_align.errors.LtaAlignError` is caught: its message goes
to stderr with exit status 1 (2 for usage errors), without a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ._version import __version__
from .errors import LtaAlignError


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


# --- frameworks ---------------------------------------------------------------
def _cmd_frameworks(args: argparse.Namespace) -> int:
    from .frameworks import list_frameworks

    table = list_frameworks()
    _out(table.to_string(index=False))
    return 0


def _add_frameworks(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("frameworks", help="list the built-in competency frameworks")
    p.set_defaults(func=_cmd_frameworks)


def _cmd_framework_show(args: argparse.Namespace) -> int:
    from .frameworks import framework_to_frame, load_framework

    fw = load_framework(args.framework, sheet=args.sheet)
    if args.format in {"csv", "xlsx"}:
        table = framework_to_frame(fw)
        dest = Path(args.output) if args.output else None
        if args.format == "csv":
            text = table.to_csv(index=False, lineterminator="\n")
            if dest is None:
                sys.stdout.write(text)
                return 0
            from ._utils import atomic_write_text

            if dest.exists() and not args.force:
                raise LtaAlignError(
                    f"'{dest}' exists; pass --force to replace it or choose another "
                    "name."
                )
            atomic_write_text(dest, text)
        else:
            if dest is None:
                raise LtaAlignError("--format xlsx needs --output FILE.xlsx")
            from .frameworks._export import write_framework_xlsx

            write_framework_xlsx(fw, dest, force=args.force)
        _err(f"wrote {dest}")
        return 0
    _out(f"{fw.name} (version {fw.version or 'unversioned'})")
    if fw.source_note:
        _out(f"Note: {fw.source_note}")
    if fw.rule is not None:
        _out(f"Rule: {fw.rule.text}")
    _out("")
    for s in fw.sets.itertuples():
        kind = "required" if s.required else "elective"
        flag = "" if s.complete else "  [known only in part: verdicts provisional]"
        _out(
            f"{s.set_name} [{s.set_id}] - {kind}, {s.n_competencies} competencies{flag}"
        )
        for c in fw.competencies_of(s.set_id).itertuples():
            _out(f"  {c.competency_id:<32} {c.text}")
        _out("")
    return 0


def _add_framework(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("framework", help="show or export one framework")
    fsub = p.add_subparsers(dest="action", required=True)
    show = fsub.add_parser(
        "show",
        help="print a framework's sets and statements, or export it",
        description="Print a framework, or write it as an editable sheet that "
        "`--framework PATH` loads back.",
    )
    show.add_argument("framework", help="built-in name (lssc) or a CSV/XLSX/YAML path")
    show.add_argument("--format", choices=["text", "csv", "xlsx"], default="text")
    show.add_argument("--output", "-o", help="file to write (csv: default stdout)")
    show.add_argument("--sheet", help="worksheet of an XLSX framework file")
    show.add_argument("--force", action="store_true", help="replace an existing file")
    show.set_defaults(func=_cmd_framework_show)


# --- run ----------------------------------------------------------------------
def _apply_review(alignment, decisions, out):
    """Apply review decisions (``decisions`` or OUT/decisions.csv when it exists)."""
    path = Path(decisions) if decisions else Path(out) / "decisions.csv"
    if not path.exists():
        if decisions:
            raise LtaAlignError(
                f"No decisions file at '{path}'. Check the --decisions path, or "
                "leave it out to use OUT/decisions.csv when there is one."
            )
        return alignment
    from .review import DecisionStore, apply_decisions

    alignment = apply_decisions(alignment, DecisionStore(path))
    n = len(alignment.decisions)
    orphans = int((alignment.decisions["orphan"] != "").sum())
    _err(f"applied {n - orphans} review decision(s) from {path}")
    if orphans:
        _err(
            f"{orphans} decision(s) no longer match a statement (the syllabus text "
            f"changed); list them with: lta-align review show --decisions {path} "
            "--check INPUT..."
        )
    return alignment


def _cmd_run(args: argparse.Namespace) -> int:
    from .frameworks import load_framework
    from .ingest import Limits, load_syllabi
    from .match import align
    from .outputs import write_outputs

    framework = load_framework(args.framework)
    limits = (
        Limits() if args.max_file_mb is None else Limits(max_file_mb=args.max_file_mb)
    )
    program = load_syllabi(*args.inputs, progress=not args.quiet, limits=limits)
    for row in program.problems.itertuples():
        _err(f"{row.severity}: {row.source}: {row.reason}")
    if program.courses.empty:
        raise LtaAlignError(
            "Nothing could be read from the inputs "
            f"({', '.join(map(str, args.inputs))}); see the problems above."
        )
    alignment = align(program, framework, method=args.method)
    alignment = _apply_review(alignment, args.decisions, args.out)
    written = write_outputs(
        alignment, args.out, force=args.force, decisions=args.decisions
    )
    _out(
        f"Read {len(program.courses)} course(s) and {len(program.statements)} "
        f"statement(s); {len(program.problems)} input problem(s)."
    )
    _out(
        f"Aligned with {framework.name} (version {framework.version}) "
        f"using method '{args.method}'."
    )
    _out(f"Outputs in {Path(args.out).resolve()}:")
    for path in written:
        _out(f"  {path.name}")
    return 0


def _add_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="import syllabi, align them and write the reports",
        description="Read syllabi and outcome sheets (files or folders), align them "
        "with a framework and write CSV tables, the Excel matrix and the gap report "
        "into --out.",
    )
    p.add_argument("inputs", nargs="+", help="syllabus files, outcome sheets, folders")
    p.add_argument(
        "--framework",
        default="lssc",
        help="built-in name or framework file (default: lssc)",
    )
    p.add_argument(
        "--method",
        default="tfidf",
        help="matching method: tfidf (default, offline) or embed/hybrid "
        "when the [embed] extra is installed",
    )
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument(
        "--decisions",
        default=None,
        help="review decisions file to apply (default: "
        "OUT/decisions.csv when it exists)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace output files even if someone edited them",
    )
    p.add_argument(
        "--max-file-mb",
        type=_positive_number,
        default=None,
        metavar="MB",
        help="skip input files larger than this (default: 50)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_run)


def _positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"should be a positive number; got {text!r}")
    return value


# --- evidence and compare ---------------------------------------------------------
def _load_and_align(inputs, framework_arg, method, *, quiet=False, decisions=None):
    """Load syllabi, align them and apply review decisions when there are any."""
    from .frameworks import load_framework
    from .ingest import load_syllabi
    from .match import align

    framework = load_framework(framework_arg)
    program = load_syllabi(*inputs, progress=not quiet)
    for row in program.problems.itertuples():
        _err(f"{row.severity}: {row.source}: {row.reason}")
    if program.courses.empty:
        raise LtaAlignError(
            "Nothing could be read from the inputs "
            f"({', '.join(map(str, inputs))}); see the problems above."
        )
    alignment = align(program, framework, method=method)
    if decisions is not None and Path(decisions).exists():
        from .review import DecisionStore, apply_decisions

        alignment = apply_decisions(alignment, DecisionStore(decisions))
        _err(f"applied review decisions from {decisions}")
    return alignment


def _cmd_evidence(args: argparse.Namespace) -> int:
    from .evidence import evidence_pack

    decisions = args.decisions or Path(args.out) / "decisions.csv"
    alignment = _load_and_align(args.inputs, args.framework, args.method,
                                quiet=args.quiet, decisions=decisions)
    for path in evidence_pack(alignment, args.course, args.set, args.out,
                              force=args.force):
        _out(f"wrote {path}")
    return 0


def _add_evidence(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evidence", help="write a course-approval evidence pack (DOCX + XLSX)",
        description="Align the syllabi and write, for one course and one "
        "competency set, the evidence an LSSC course-approval application asks "
        "for: learning objectives, content and assessments per competency, and "
        "the competencies not yet covered. Review decisions in OUT/decisions.csv "
        "(or --decisions) are applied first.",
    )
    p.add_argument("inputs", nargs="+", help="syllabus files, outcome sheets, folders")
    p.add_argument("--course", required=True, help="course code, e.g. 'LTA 130'")
    p.add_argument("--set", required=True,
                   help="competency set id, e.g. cataloging_classification")
    p.add_argument("--framework", default="lssc",
                   help="built-in name or framework file (default: lssc)")
    p.add_argument("--method", default="tfidf", help="matching method")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--decisions", default=None,
                   help="review decisions file (default: OUT/decisions.csv)")
    p.add_argument("--force", action="store_true",
                   help="replace files even if someone edited them")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_evidence)


def _cmd_compare(args: argparse.Namespace) -> int:
    from ._utils import OutputGuard
    from .compare import compare
    from .outputs import table_to_csv

    old = _load_and_align([args.old], args.framework, args.method, quiet=args.quiet)
    new = _load_and_align([args.new], args.framework, args.method, quiet=args.quiet)
    result = compare(old, new)
    gained = int((result.changes["change"] == "gained").sum())
    lost = int((result.changes["change"] == "lost").sum())
    _out(f"{gained} competenc{'y' if gained == 1 else 'ies'} gained, {lost} lost.")
    for row in result.sets.itertuples():
        if row.gained or row.lost or row.old_status != row.new_status:
            _out(f"  {row.set_name}: {row.old_covered}/{row.total} -> "
                 f"{row.new_covered}/{row.total} ({row.old_status} -> "
                 f"{row.new_status})")
    if args.out:
        guard = OutputGuard(args.out, force=args.force)
        for name in ("compare.csv", "compare.html", "compare.md"):
            guard.check(name)
        for name, text in (("compare.csv", table_to_csv(result.changes)),
                           ("compare.html", result.to_html()),
                           ("compare.md", result.to_markdown())):
            _out(f"wrote {guard.write_text(name, text)}")
    return 0


def _add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare", help="compare two versions of a program's syllabi",
        description="Align OLD and NEW (folders or files of syllabi) with the same "
        "framework and list the competencies each course gained or lost.",
    )
    p.add_argument("old", help="folder or file with the old syllabi")
    p.add_argument("new", help="folder or file with the new syllabi")
    p.add_argument("--framework", default="lssc",
                   help="built-in name or framework file (default: lssc)")
    p.add_argument("--method", default="tfidf", help="matching method")
    p.add_argument("--out", default=None,
                   help="folder for compare.csv, compare.html and compare.md")
    p.add_argument("--force", action="store_true",
                   help="replace files even if someone edited them")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_compare)



# --- review -------------------------------------------------------------------------
def _cmd_review_import(args: argparse.Namespace) -> int:
    from .review import DecisionStore, import_review

    xlsx = Path(args.xlsx)
    store = DecisionStore(args.decisions or xlsx.with_name("decisions.csv"))
    framework = None
    if args.framework:
        from .frameworks import load_framework

        framework = load_framework(args.framework)
    report = import_review(xlsx, store, reviewer=args.reviewer, prefer=args.prefer,
                           framework=framework)
    _out(report.summary())
    _out(f"Decisions file: {store.path}")
    if len(report.added):
        _out("Run lta-align again to apply them; if it refuses to replace the "
             "edited workbook, add --force (its decisions are now in the "
             "decisions file).")
    if len(report.conflicts) and args.prefer == "store":
        _out("Conflicting rows were not imported; pass --prefer sheet to let the "
             "sheet win (the old decisions stay in the file's history).")
    return 0


def _cmd_review_show(args: argparse.Namespace) -> int:
    from .review import DecisionStore

    store = DecisionStore(args.decisions)
    if not store.path.exists():
        raise LtaAlignError(
            f"No decisions file at '{store.path}'. Review matches in the notebook "
            "(03_review.ipynb) or import a reviewed Excel matrix with "
            "`lta-align review import`."
        )
    table = store.history() if args.history else store.current()
    columns = ["course_id", "statement_id", "competency_id", "decision", "level",
               "reviewer", "decided_at", "note"]
    _out(table[columns].to_string(index=False) if len(table) else "(no decisions)")
    counts = store.current()["decision"].replace("", "comment").value_counts()
    _out("Current: " + (", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
                        or "none"))
    if args.check:
        from .ingest import load_syllabi

        program = load_syllabi(*args.check, progress=False)
        orphans = store.orphans(program)
        if len(orphans):
            _out(f"{len(orphans)} decision(s) no longer match a statement (the "
                 "syllabus text changed); review them again:")
            for row in orphans.itertuples(index=False):
                _out(f"  {row.statement_id} -> {row.competency_id} "
                     f"({row.decision or 'comment'}, {row.reviewer})")
        else:
            _out("Every decision still matches a statement in the syllabi.")
    return 0


def _add_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review", help="import or show reviewers' decisions",
        description="Reviewers' decisions (accept, reject, add, level, comment) "
        "live in decisions.csv, an append-only log next to the outputs; runs apply "
        "them over the automatic matches.",
    )
    rsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = rsub.add_parser(
        "import", help="merge the reviewer columns of an exported Excel matrix",
        description="Read the 'Matches' sheet of alignment.xlsx (columns decision, "
        "level, comment) and append the decisions to the decisions file. Decisions "
        "already in the file are never dropped; conflicts are listed.",
    )
    imp.add_argument("xlsx", help="the reviewed workbook (alignment.xlsx)")
    imp.add_argument("--decisions", default=None,
                     help="decisions file (default: decisions.csv beside XLSX)")
    imp.add_argument("--reviewer", default=None,
                     help="who reviewed the sheet (default: the sheet's reviewer "
                     "column, else excel:FILENAME)")
    imp.add_argument("--prefer", choices=["store", "sheet"], default="store",
                     help="who wins a conflict (default: the decisions file)")
    imp.add_argument("--framework", default="lssc",
                     help="framework whose competency ids are checked (default: "
                     "lssc; '' to skip the check)")
    imp.set_defaults(func=_cmd_review_import)
    show = rsub.add_parser("show", help="print the current decisions")
    show.add_argument("--decisions", default="out/decisions.csv",
                      help="decisions file (default: out/decisions.csv)")
    show.add_argument("--history", action="store_true",
                      help="print every change, oldest first")
    show.add_argument("--check", nargs="+", metavar="INPUT", default=None,
                      help="syllabi to check for decisions whose statement changed")
    show.set_defaults(func=_cmd_review_show)

COMMANDS = [
    _add_frameworks,
    _add_framework,
    _add_run,
    _add_evidence,
    _add_compare,
    _add_review,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lta-align",
        description="Align Library Technical Assistant course syllabi with the LSSC "
        "competency sets (or any framework) and report the gaps. Everything runs "
        "on this computer; no file leaves it.",
    )
    parser.add_argument(
        "--version", action="version", version=f"lta-align {__version__}"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except LtaAlignError as exc:
        _err(f"Error: {exc}")
        return exc.exit_code
    except BrokenPipeError:  # e.g. `lta-align framework show lssc | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        _err(
            "Interrupted; files already written are complete, nothing was half-written."
        )
        return 130
