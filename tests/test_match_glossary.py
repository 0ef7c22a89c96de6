"""Tests of the matching vocabulary: glossary concepts, stop phrases, stemming."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from lta_align._resources import read_resource
from lta_align.errors import LtaAlignError
from lta_align.match import _glossary
from lta_align.match._analysis import (
    analyse,
    analyse_batch,
    concepts,
    strip_boilerplate,
)
from lta_align.match._glossary import SYNONYM_GROUPS, stem


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("ILL", "interlibrary loan"),
        ("ILS", "integrated library system"),
        ("OPAC", "online catalog"),
        ("AACR2", "Resource Description and Access"),
        ("DDC", "Dewey Decimal Classification"),
        ("LCSH", "Library of Congress Subject Headings"),
        ("RA", "readers' advisory"),
        ("YA", "teen"),
        ("weeding", "deselection"),
        ("storytime", "story hour"),
        ("circ", "check-out"),
    ],
)
def test_abbreviation_and_long_form_share_a_concept(short, long):
    assert set(concepts(short)) & set(concepts(long))


def test_glossary_matches_inflected_forms():
    assert "hiring" in concepts("Hire and orient new employees")
    assert "hiring" in concepts("hired staff")
    assert "ill" in concepts("Process inter-library loans")


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("the communication process and barriers to understanding", "processing"),
        ("Topics covered in the first half of the term", "processing"),
        ("Service encounter observation report", "stats"),
        ("Receive feedback from peers", "acquisitions"),
    ],
)
def test_everyday_verbs_do_not_name_a_library_task(text, group):
    assert group not in concepts(text)
    assert f"_c_{group}" not in analyse(text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Physical processing of new books", "processing"),
        ("Covering and labeling paperbacks", "processing"),
        ("Receiving shipments and invoices", "acquisitions"),
        ("Gather circulation statistics and usage reports", "stats"),
    ],
)
def test_the_task_noun_still_names_the_task(text, group):
    assert group in concepts(text)


def test_longest_phrase_wins():
    assert concepts("reference interview") == ["refint"]
    assert concepts("collection management") == ["colldev"]


def test_stop_phrases_are_removed_from_statements():
    tokens = analyse(
        "Upon successful completion of this course, students will be able to "
        "demonstrate an understanding of the reference interview."
    )
    assert "student" not in tokens and "cours" not in tokens
    assert "_c_refint" in tokens
    assert strip_boilerplate("Students will be able to shelve books.") == (
        "shelve books."
    )


def test_stemmer_conflates_common_variants():
    assert stem("cataloging") == stem("catalogs") == stem("catalog")
    assert stem("classification") == stem("classify")
    assert stem("circulation") == stem("circulate")
    assert stem("hiring") == stem("hire")
    assert stem("ill") == "ill"


def test_british_spellings_match_american_ones():
    assert analyse("cataloguing organisation") == analyse("cataloging organization")


def test_every_glossary_member_finds_its_own_group():
    wrong = [
        (group, member)
        for group, members in SYNONYM_GROUPS.items()
        for member in members
        if group not in concepts(member)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("member", "groups"),
    [
        ("public services", {"departments", "customer"}),
        ("printing", {"troubleshoot", "publictech"}),
        ("booklist", {"reviewsrc", "lists"}),
    ],
)
def test_a_phrase_two_groups_share_names_both(member, groups):
    assert set(concepts(member)) == groups


def test_print_as_a_bare_word_does_not_name_troubleshooting():
    assert concepts("print and electronic collections") == ["publictech"]


def test_glossary_is_read_from_the_packaged_yaml():
    text = read_resource("lta_align.match", "data", "glossary.yaml")
    assert text.startswith("#") and "groups:" in text
    assert list(yaml.safe_load(text)["groups"]) == list(SYNONYM_GROUPS)


def test_a_broken_install_without_the_glossary_names_the_file(monkeypatch):
    monkeypatch.setattr(_glossary, "_RESOURCE", ("data", "missing.yaml"))
    with pytest.raises(LtaAlignError, match="lta_align/match/data/missing.yaml"):
        _glossary._load_vocabulary()


# --- the batch analyser against the plain word-by-word algorithm ------------------


def _reference_analyse(text: str) -> list[str]:
    """The analyser written plainly, one word at a time (the specification)."""
    g = _glossary
    words = g.words(text.lower().replace("\u2019", "'"))
    stops = {tuple(g.words(p)) for p in g.STOP_PHRASES}
    kept, i = [], 0
    while i < len(words):
        lengths = range(len(words) - i, 0, -1)
        skip = next((n for n in lengths if tuple(words[i : i + n]) in stops), 0)
        if skip:
            i += skip
        else:
            kept.append(words[i])
            i += 1
    stems = [stem(w) for w in kept]
    found, i = [], 0
    while i < len(stems):
        step = 1
        for n in range(len(stems) - i, 0, -1):
            groups = g.PHRASE_INDEX.get(tuple(stems[i : i + n]))
            bare = n == 1 and not kept[i].endswith(("ing", "ings"))
            if groups and bare and stems[i] in g.BARE_GROUPS:
                groups = g.BARE_GROUPS[stems[i]]
            if groups:
                found += groups
                step = n
                break
        i += step
    content = [
        s
        for w, s in zip(kept, stems, strict=True)
        if len(w) >= 2 and w not in g.STOP_WORDS and not w.isdigit()
    ]
    return [f"_c_{c}" for c in found] + content


_GLOSSARY_WORDS = sorted(
    {w for ms in SYNONYM_GROUPS.values() for m in ms for w in m.split()}
    | {w for p in _glossary.STOP_PHRASES for w in p.split()}
    | {"processed", "covers", "ordering", "printed", "the", "of", "a"}
)
_glossary_text = st.lists(
    st.one_of(
        st.sampled_from(_GLOSSARY_WORDS),
        st.text(alphabet="abcdeilnorst'-\u2019 ,.\x00", max_size=6),
    ),
    max_size=25,
).map(" ".join)


@given(_glossary_text)
def test_compiled_analyser_equals_the_word_by_word_algorithm(text):
    assert analyse(text) == _reference_analyse(text)


@given(st.lists(st.one_of(_glossary_text, st.text(max_size=40)), max_size=8))
def test_batch_analysis_equals_one_text_at_a_time(texts):
    assert analyse_batch(texts) == [analyse(t) for t in texts]


@given(st.text(max_size=200))
def test_analyse_never_fails_and_is_deterministic(text):
    assert analyse(text) == analyse(text)
    assert all(isinstance(t, str) and t for t in analyse(text))
