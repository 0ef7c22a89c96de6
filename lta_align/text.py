"""Pure text helpers shared by import and matching (no I/O)."""

from __future__ import annotations

import re
import unicodedata

from ._utils import short_hash

_SPACE = re.compile(r"\s+")
_CODE = re.compile(r"[^A-Za-z0-9]+")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u200b]")
"""Characters removed by :func:`clean`: C0/C1 controls that are not whitespace
(tab, newlines, form feed and the like become spaces instead), soft hyphen and
zero-width space."""
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def clean(text: str) -> str:
    """Return ``text`` with Unicode normalised (NFKC), smart quotes and spaces folded.

    Case and punctuation are kept: this is the text shown to people.
    """
    if type(text) is str and text.isascii():
        # the fast path, same result: NFKC leaves ASCII as it is and the smart
        # quotes are not ASCII, so only the controls (if any) and spaces change
        if not text.isprintable():
            text = _INVISIBLE.sub("", text)
        return " ".join(text.split())
    # drop soft hyphens, zero-width spaces and control characters (which Word,
    # XML and Excel cannot hold) BEFORE NFKC, so an accent that followed one is
    # composed now (keeps clean/normalise idempotent)
    text = _INVISIBLE.sub("", str(text))
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    # same as _SPACE.sub(" ", text).strip() (both split on str.isspace()), faster
    return " ".join(text.split())


_KEEP_LAST = re.compile(r"[\w)\]]")
_LEADING_PUNCT = re.compile(r"^[^\w(\[]+")


def normalise(text: str) -> str:
    """Return the comparison form of ``text``: cleaned, lower case, no edge punctuation.

    ``normalise`` is idempotent: ``normalise(normalise(x)) == normalise(x)``.
    Linear in the length of ``text`` (a 300 KB run of "!" costs no more than
    300 KB of words).
    """
    return normalise_clean(clean(text))


def normalise_clean(text: str) -> str:
    """:func:`normalise` for a ``text`` that is already :func:`clean`'s result.

    ``normalise_clean(clean(x)) == normalise(x)``: for callers that hold the
    cleaned text already (an import cleans each cell once).
    """
    text = text.casefold()
    # strip trailing punctuation from the end backwards: the regex
    # ``[^\w)\]]+$`` retries from every position of a long run (quadratic)
    end = len(text)
    while end and _KEEP_LAST.match(text, end - 1) is None:
        end -= 1
    text = _LEADING_PUNCT.sub("", text[:end])
    return " ".join(text.split())


def search_tail(pattern: re.Pattern[str], text: str, window: int = 256):
    """Return ``pattern.search`` over the last ``window`` characters of ``text``.

    For patterns anchored at the end (``...$``) whose match is short: searching
    the whole text retries from every position, which is quadratic in a long run
    of the characters the pattern starts with. Match positions refer to ``text``.
    """
    return pattern.search(text, max(len(text) - window, 0))


def course_id_from_code(code: str) -> str:
    """Return a stable course id from a course code: ``"LTA 101"`` -> ``"LTA101"``."""
    return _CODE.sub("", clean(code)).upper()


def statement_id(course_id: str, text: str) -> str:
    """Return the stable id of a statement: course id + hash of its normalised text.

    The id survives re-reading the syllabus, moving the statement to another page
    or changing its case and spacing, so review decisions keep applying.
    """
    return statement_id_normalised(course_id, normalise(text))


def statement_id_normalised(course_id: str, normalised: str) -> str:
    """:func:`statement_id` for a text already normalised (``normalise(text)``)."""
    return f"{course_id}-{short_hash(normalised)}"
