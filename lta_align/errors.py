"""The lta-align exception hierarchy.

Every error a user can meet derives from :class:`LtaAlignError`, and every message
says what failed, where, why and what to do next. Each class also derives from a
built-in exception so that existing ``except ValueError`` code keeps working.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "FrameworkError",
    "InputFileError",
    "LtaAlignError",
    "MissingDependencyError",
    "OutputExistsError",
    "ParseError",
    "ReviewConflictError",
    "SchemaError",
    "UnsupportedFormatError",
]


class LtaAlignError(Exception):
    """Base class of every error raised by lta-align (the CLI catches only this)."""

    exit_code = 1

    def format_message(self) -> str:
        """Return the message shown to users."""
        return str(self.args[0]) if self.args else self.__class__.__name__

    def __str__(self) -> str:
        return self.format_message()


class InputFileError(LtaAlignError):
    """A syllabus, outcome sheet or framework file could not be read.

    Parameters
    ----------
    path : str or Path
        The file that failed.
    reason : str
        Why it failed, in words a faculty member understands.
    hint : str, default=""
        What to do about it.
    """

    def __init__(self, path: str | Path, reason: str, hint: str = "") -> None:
        self.path = Path(path)
        self.reason = reason
        self.hint = hint
        super().__init__(path, reason, hint)

    def format_message(self) -> str:
        msg = f"Could not read '{self.path}': {self.reason}"
        if self.hint:
            msg += f" {self.hint}"
        return msg


class UnsupportedFormatError(InputFileError, ValueError):
    """The file type is not one lta-align reads."""


class ParseError(InputFileError, ValueError):
    """The file is corrupt, protected, empty, scanned, or otherwise unreadable."""


class SchemaError(LtaAlignError, ValueError):
    """A table (sheet, framework, decisions file) lacks required columns."""


class FrameworkError(LtaAlignError, ValueError):
    """A framework file has bad rows; the message lists all of them."""


class ReviewConflictError(LtaAlignError):
    """An action would overwrite or drop reviewed work."""


class OutputExistsError(ReviewConflictError, FileExistsError):
    """An output file exists and may have been edited by a person."""


class MissingDependencyError(LtaAlignError, ImportError):
    """An optional extra is needed and is not installed."""
