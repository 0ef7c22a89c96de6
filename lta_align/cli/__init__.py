"""The ``lta-align`` command line.

Each subcommand is one ``add_<name>(subparsers)`` function that registers its
parser and sets ``func``; the function it calls does the work through the public
verbs. Only :class:`~lta_align.errors.LtaAlignError` is caught: its message goes
to stderr with exit status 1 (2 for usage errors), without a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import LtaAlignError
from ._audit import add_audit
from ._common import err
from ._frameworks import add_framework, add_frameworks
from ._pipeline import add_compare, add_evidence, add_run
from ._review import add_review

__all__ = ["build_parser", "main"]

COMMANDS = [
    add_frameworks,
    add_framework,
    add_run,
    add_evidence,
    add_compare,
    add_review,
    add_audit,
]


def build_parser() -> argparse.ArgumentParser:
    """Return the ``lta-align`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="lta-align",
        description="Align Library Technical Assistant course syllabi with the LSSC "
        "competency sets (or any framework) and report the gaps. Everything runs "
        "on this computer; no file leaves it.",
    )
    parser.add_argument(
        "--version", action="version", version=f"lta-align {__version__}"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


class _CliLog(logging.Handler):
    """Show the library's warnings as plain lines, in the CLI's words.

    The library speaks to Python users ("see Program.problems"); a CLI user
    has ``problems.csv`` (``run``) or the problem lines printed above.
    """

    def __init__(self, problems_where: str) -> None:
        super().__init__(logging.WARNING)
        self.problems_where = problems_where

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage().replace("Program.problems", self.problems_where)
        err(f"warning: {text}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # bare `lta-align`: show the commands
        parser.print_help(sys.stderr)
        return 2
    where = (
        "problems.csv (listed below)"
        if args.command == "run"
        else "the problem lines below"
    )
    handler = _CliLog(where)
    logger = logging.getLogger("lta_align")
    logger.addHandler(handler)
    try:
        return int(args.func(args) or 0)
    except LtaAlignError as exc:
        err(f"Error: {exc}")
        return exc.exit_code
    except BrokenPipeError:  # e.g. `lta-align framework show lssc | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        err(
            "Interrupted; files already written are complete, nothing was half-written."
        )
        return 130
    finally:
        logger.removeHandler(handler)
