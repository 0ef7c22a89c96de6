"""The import's shortcuts give exactly what the plain text helpers give.

An outcome sheet is read with each cell cleaned once, per-course values worked
out once per file and cheap tests before costly patterns. These tests compare
those paths with straightforward copies of the rules they replace, on text
chosen to break them: characters NFKC changes, invisible and control
characters, smart quotes, numbering, weights and the same course code written
several ways.
"""

from __future__ import annotations

import csv
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import lta_align as la
from lta_align.ingest import Limits
from lta_align.ingest import _statements as S
from lta_align.ingest._headings import heading_key
from lta_align.ingest._limits import cap_text
from lta_align.text import (
    clean,
    course_id_from_code,
    normalise,
    normalise_clean,
    statement_id,
    statement_id_normalised,
)

FAST = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# --- the rules as they were written before the shortcuts ---------------------------
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u200b]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def plain_clean(text):
    text = _INVISIBLE.sub("", str(text))
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split())


def plain_clean_once(kind, text):
    text = plain_clean(text)
    if kind in ("outcome", "reading", "description"):
        text = S._LEADING_MARK.sub("", text, count=1)
    elif kind == "topic":
        text = S._LEADING_MARK.sub("", text, count=1)
        text = S._PERIOD.sub("", text, count=1)
        text = S._DATE.sub("", text, count=1)
        if S._BREAK.match(text.strip(" .")):
            return ""
    elif kind == "assessment":
        text = S._LEADING_MARK.sub("", text, count=1)
        text = S._WEIGHT_PAREN.sub("", text)
        text = S._cut_tail(S._WEIGHT_TAIL, text)
        text = S._cut_tail(S._DOTS_TAIL, text)
        if heading_key(text) in ("total", "total points", "total grade", "grand total"):
            return ""
    text = text.strip(" \t|")
    if S.NON_TEXT.match(text) or not re.search(r"[^\W\d_]{2,}", text):
        return ""
    return text


def plain_clean_statement(kind, text):
    for _ in range(20):
        cleaned = plain_clean_once(kind, text)
        if cleaned == text or not cleaned:
            return cleaned
        text = cleaned
    return text


def plain_dedupe(statements):
    first, out = {}, []
    for st_ in statements:
        key = normalise(st_.text)
        if key in first:
            i = first[key]
            if S.KIND_PRIORITY[st_.kind] > S.KIND_PRIORITY[out[i].kind]:
                out[i] = S.Statement(st_.kind, out[i].text, out[i].location)
            continue
        first[key] = len(out)
        out.append(st_)
    return out


# --- text that breaks shortcuts ----------------------------------------------------
TRICKY = [
    "",
    " ",
    "plain ASCII outcome",
    "  spaced   out\ttext\n",
    "\ufb01le the \ufb02ow",  # ligatures fi, fl
    "\uff2c\uff34\uff21 \uff11\uff10\uff11",  # full-width "LTA 101"
    "non\u00a0breaking\u202fspaces\u3000here",
    "soft\u00adhyphen and zero\u200bwidth",
    "cafe\u00ad\u0301 menu",  # a soft hyphen between a letter and its accent
    "\u2018smart\u2019 \u201cquotes\u201d",
    "controls\x00\x01\x07\x1b\x7f\x85\x9f inside",
    "file\x1cseparators\x1dare\x1espaces\x1f",
    "e\u0301 composed, \u212b angstrom, \u2126 ohm, \u00b5 micro",
    "\u2163 roman, \u2460 circled, \u00bd half, x\u00b2",
    "\u0130stanbul \u0131 stra\u00dfe \u017flong s \u212a kelvin",
    "1. Explain the mission of libraries.",
    "SLO #2: Describe types of libraries",
    "Week 3 (Sept 9): Cataloging basics",
    "Jan 5 - Introduction",
    "Spring Break",
    "Midterm exam (20%)",
    "Final project ..... 30 points",
    "Reflection paper [15 pts]",
    "Total points",
    "GRAND TOTAL",
    "Tot\u0430l",  # Cyrillic a
    "\u2022 bulleted outcome.",
    "...",
    "!!!",
    "(a) Identify sources",
    "\u6570\u636e\u5e93 \u0e44\u0e17\u0e22",
    "\ufeffbyte order mark",
    "line\u2028separator\u2029paragraph",
    "!" * 2000 + "x",
    "x" + "." * 2000,
    "Final exam" + " " * 300 + "." * 300 + " 25%",
]
KINDS = ["outcome", "topic", "assessment", "reading", "description"]

_PIECES = st.sampled_from(
    [
        "\ufb01",
        "\uff21",
        "\uff11",
        "\u00a0",
        "\u00ad",
        "\u200b",
        "\u2019",
        "\u201c",
        "\x01",
        "\x7f",
        "\x85",
        "\t",
        "\n",
        "\u0301",
        "\u212b",
        "\u00bd",
        "(",
        ")",
        "[",
        "]",
        "%",
        "...",
        ".",
        ":",
        "|",
        "#",
        " ",
        "1.",
        "a)",
        "Week 2",
        "SLO 3:",
        "Jan 4 - ",
        "20 points",
        "pts",
        "total",
        "Total",
        "break",
        "TBA",
        "library",
        "Explain",
    ]
)
TEXTS = st.one_of(st.text(), st.lists(_PIECES, max_size=12).map("".join))


@pytest.mark.parametrize("text", TRICKY)
def test_clean_fast_path_matches_the_plain_rule(text):
    assert clean(text) == plain_clean(text)


def test_clean_fast_path_matches_the_plain_rule_for_every_ascii_character():
    for code in range(128):
        text = f"a{chr(code)}b {chr(code)}"
        assert clean(text) == plain_clean(text), repr(text)


@FAST
@given(TEXTS)
def test_clean_matches_the_plain_rule_on_any_text(text):
    assert clean(text) == plain_clean(text)


@FAST
@given(TEXTS)
@example("\ufb01le")
def test_normalise_clean_of_clean_text_is_normalise(text):
    assert normalise_clean(clean(text)) == normalise(text)
    assert statement_id_normalised("LTA101", normalise(text)) == statement_id(
        "LTA101", text
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("text", TRICKY)
def test_clean_statement_matches_the_plain_rule(kind, text):
    expected = plain_clean_statement(kind, text)
    assert S.clean_statement(kind, text) == expected
    assert S.clean_statement_cleaned(kind, text, clean(text)) == expected


@FAST
@given(st.sampled_from(KINDS), TEXTS)
def test_clean_statement_matches_the_plain_rule_on_any_text(kind, text):
    assert S.clean_statement(kind, text) == plain_clean_statement(kind, text)


@FAST
@given(
    st.lists(
        st.tuples(st.sampled_from(KINDS), st.sampled_from(TRICKY[:20] + ["X", "x."])),
        max_size=30,
    )
)
def test_dedupe_keeps_what_the_plain_rule_keeps(pairs):
    statements = [S.Statement(k, t, f"row {i}") for i, (k, t) in enumerate(pairs)]
    assert S.dedupe(statements) == plain_dedupe(statements)


# --- whole sheets --------------------------------------------------------------------
def _csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(
            [["course_code", "course_title", "kind", "text"]] + rows
        )
    return path


def test_one_course_code_written_several_ways_is_one_course(tmp_path):
    path = _csv(
        tmp_path / "outcomes.csv",
        [
            ["LTA 101", "", "outcome", "Explain the mission of libraries."],
            [
                "lta-101",
                "Intro to \ufb01ling",
                "outcome",
                "Describe types of libraries.",
            ],
            ["\uff2c\uff34\uff21\uff11\uff10\uff11", "Other", "topic", "Week 2: MARC"],
            ["LTA\u00a0101", "", "outcome", "explain the mission of libraries"],
            ["LTA 120", "Reference", "assessment", "Midterm exam (20%)"],
            [
                "lta 1\u00ad20",
                "",
                "outcome",
                "\u2018Conduct\u2019 a reference interview",
            ],
        ],
    )
    program = la.load_syllabi(path)
    courses = program.courses
    assert courses.course_id.tolist() == ["LTA101", "LTA120"]
    assert courses.course_code.tolist() == ["LTA 101", "LTA 120"]
    # the first title written, cleaned (the first row has none)
    assert courses.course_title.tolist() == ["Intro to filing", "Reference"]
    statements = program.statements
    assert statements.text.tolist() == [
        "Explain the mission of libraries.",
        "Describe types of libraries.",
        "MARC",
        "Midterm exam",
        "'Conduct' a reference interview",
    ]
    assert statements.statement_id.tolist() == [
        statement_id(c, t)
        for c, t in zip(statements.course_id, statements.text, strict=True)
    ]
    # the repeat in other case and without its period is read once
    assert program.problems.reason.str.contains("repeats a statement").any()
    assert course_id_from_code("\uff2c\uff34\uff21\uff11\uff10\uff11") == "LTA101"


def test_a_cut_sheet_statement_is_cleaned_from_its_cut_text(tmp_path):
    long = "1. Explain " + "the mission of libraries " * 20 + "(20%)"
    path = _csv(tmp_path / "outcomes.csv", [["LTA 101", "Intro", "assessment", long]])
    program = la.load_syllabi(path, limits=Limits(max_statement_chars=100))
    expected = plain_clean_statement("assessment", cap_text(long, 100))
    assert program.statements.text.tolist() == [expected]
    assert program.problems.reason.str.contains("were cut").any()
