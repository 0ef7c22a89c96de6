"""The public API: one hop from ``lta_align``, documented, one name per idea.

Every name in ``lta_align.__all__`` resolves and has its own docstring; every
public verb documents its Parameters and Returns (numpydoc), takes at most two
positional arguments (the rest are keyword-only) and uses the project's
argument names: ``path`` for a file, ``store`` for the decisions, ``out_dir`` for
a folder written into. Old keyword names keep working with a DeprecationWarning.
"""

from __future__ import annotations

import inspect
import re

import pandas as pd
import pytest

import lta_align as la

PUBLIC = sorted(set(la.__all__) - {"__version__"})
VERBS = [n for n in PUBLIC if inspect.isfunction(getattr(la, n))]
CLASSES = [n for n in PUBLIC if inspect.isclass(getattr(la, n))]

# verbs whose third and fourth arguments name what to work on, not an option:
# evidence_table(alignment, course, set_id), evidence_pack(..., out_dir)
POSITIONAL_EXCEPTIONS = {"evidence_table": 3, "evidence_pack": 4}

# one name per idea; the names on the left were used before and are not any more
RETIRED_NAMES = {
    "name_or_path": "path",
    "xlsx_path": "path",
    "file": "path",
    "store_or_frame": "store",
    "decisions_path": "store",
    "output_dir": "out_dir",
    "fw": "framework",
}


def test_all_is_sorted_and_without_duplicates():
    assert la.__all__ == sorted(set(la.__all__))


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_resolves_and_has_its_own_docstring(name):
    obj = getattr(la, name)
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
    assert doc and doc.strip(), f"lta_align.{name} has no docstring"
    assert name in dir(la)


def test_version_is_a_version_string():
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?([.-]?\w+)*", la.__version__)


def test_unknown_name_raises_attribute_error_naming_it():
    with pytest.raises(AttributeError, match="no_such_verb"):
        la.no_such_verb  # noqa: B018


def _sections(obj) -> set[str]:
    lines = inspect.getdoc(obj).splitlines()
    return {
        lines[i].strip()
        for i in range(len(lines) - 1)
        if lines[i + 1].strip() and set(lines[i + 1].strip()) == {"-"}
    }


@pytest.mark.parametrize("name", VERBS)
def test_every_verb_documents_parameters_and_returns(name):
    verb = getattr(la, name)
    sections = _sections(verb)
    params = inspect.signature(verb).parameters
    if params:
        assert "Parameters" in sections, f"{name}: no Parameters section"
    assert "Returns" in sections, f"{name}: no Returns section"
    doc = inspect.getdoc(verb)
    for p in params.values():
        if p.kind is p.VAR_POSITIONAL:
            continue
        documented = re.search(rf"^(\w+, )*{p.name}\b", doc, re.M)
        assert documented, f"{name}: {p.name} undocumented"


@pytest.mark.parametrize("name", VERBS)
def test_verbs_take_at_most_two_positional_arguments(name):
    params = inspect.signature(getattr(la, name)).parameters.values()
    positional = [
        p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    assert len(positional) <= POSITIONAL_EXCEPTIONS.get(name, 2), (
        f"{name}: make the arguments after the second keyword-only"
    )


def _callables(name: str):
    """The verb, or the class and its public methods."""
    obj = getattr(la, name)
    yield name, obj
    if inspect.isclass(obj):
        for attr, member in vars(obj).items():
            if inspect.isfunction(member) and not attr.startswith("_"):
                yield f"{name}.{attr}", member


@pytest.mark.parametrize("name", [*VERBS, *CLASSES])
def test_the_same_idea_has_the_same_argument_name(name):
    for label, obj in _callables(name):
        try:
            params = inspect.signature(obj).parameters
        except (TypeError, ValueError):  # exceptions implemented in C
            continue
        for p in params:
            assert p not in RETIRED_NAMES, f"{label}({p}=): write {RETIRED_NAMES[p]}="


def test_old_keyword_names_still_work_with_a_deprecation_warning(tmp_path):
    from _review_factories import make_alignment, sid

    alignment = make_alignment()
    frame = pd.DataFrame(
        {
            "statement_id": [sid(0)],
            "competency_id": ["cataloging_classification.3"],
            "decision": ["reject"],
        }
    )
    with pytest.warns(DeprecationWarning, match=r"store_or_frame=.*store="):
        old = la.apply_decisions(alignment, store_or_frame=frame)
    new = la.apply_decisions(alignment, store=frame)
    pd.testing.assert_frame_equal(old.matches, new.matches)
    with pytest.raises(TypeError, match="both"):
        la.apply_decisions(alignment, store=frame, store_or_frame=frame)
    missing = tmp_path / "none.xlsx"
    with (
        pytest.warns(DeprecationWarning, match=r"xlsx_path=.*path="),
        pytest.raises(la.InputFileError, match="none.xlsx"),
    ):
        la.import_review(xlsx_path=missing, store=tmp_path / "decisions.csv")
    with pytest.warns(DeprecationWarning, match=r"name_or_path=.*path="):
        assert len(la.load_framework(name_or_path="lssc").sets) == 10


def test_public_alignment_arguments_are_typed_as_alignment():
    hints = {
        name: inspect.signature(getattr(la, name)).parameters["alignment"].annotation
        for name in VERBS
        if "alignment" in inspect.signature(getattr(la, name)).parameters
    }
    assert hints, "no verb takes an alignment?"
    wrong = {n: h for n, h in hints.items() if not str(h).startswith("Alignment")}
    assert not wrong, f"type these as Alignment: {wrong}"
