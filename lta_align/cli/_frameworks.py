"""Subcommands about frameworks: ``frameworks`` and ``framework show``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import LtaAlignError
from ._common import err as _err
from ._common import out as _out


def _cmd_frameworks(args: argparse.Namespace) -> int:
    from ..frameworks import list_frameworks

    table = list_frameworks()
    _out(table.to_string(index=False))
    return 0


def add_frameworks(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("frameworks", help="list the built-in competency frameworks")
    p.set_defaults(func=_cmd_frameworks)


def _cmd_framework_show(args: argparse.Namespace) -> int:
    from ..frameworks import framework_to_frame, load_framework

    fw = load_framework(args.framework, sheet=args.sheet)
    if args.format in {"csv", "xlsx"}:
        table = framework_to_frame(fw)
        dest = Path(args.output) if args.output else None
        if args.format == "csv":
            text = table.to_csv(index=False, lineterminator="\n")
            if dest is None:
                sys.stdout.write(text)
                return 0
            from .._utils import atomic_write_text

            if dest.exists() and not args.force:
                raise LtaAlignError(
                    f"'{dest}' exists; pass --force to replace it or choose another "
                    "name."
                )
            try:
                atomic_write_text(dest, text)
            except OSError as exc:
                raise LtaAlignError(
                    f"Could not write '{dest}': {exc.strerror or exc}. Choose "
                    "another --output path."
                ) from None
        else:
            if dest is None:
                raise LtaAlignError("--format xlsx needs --output FILE.xlsx")
            from ..frameworks._export import write_framework_xlsx

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


def add_framework(sub: argparse._SubParsersAction) -> None:
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
