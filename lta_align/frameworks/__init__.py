"""Competency frameworks: the built-in LSSC sets and user-supplied files."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .._compat import renamed_keyword
from .._resources import read_resource
from ..errors import InputFileError, UnsupportedFormatError
from ..model import Framework
from ._readers import frame_to_framework, read_table, read_yaml

__all__ = ["framework_to_frame", "list_frameworks", "load_framework"]

BUILTINS = {"lssc": "lssc.yaml"}
ALIASES = {"lssc-2012": "lssc", "lssc2012": "lssc"}

EXPORT_COLUMNS = [
    "framework_id",
    "framework_name",
    "framework_version",
    "set_id",
    "set_name",
    "required",
    "set_complete",
    "set_note",
    "expected_count",
    "competency_id",
    "number",
    "partial",
    "text",
    "match_terms",
    "n_electives",
]
"""Columns of the editable framework sheet (``framework show --format csv``)."""


@lru_cache(maxsize=8)
def _parsed_builtin(name: str) -> Framework:
    """The parsed built-in framework: shared, so never handed out (see below)."""
    text = read_resource("lta_align.frameworks", "data", BUILTINS[name])
    return read_yaml(Path(f"<built-in {name}>"), text)


def _norm_text(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _keep_paraphrase_caveat(fw: Framework) -> Framework:
    """A framework file still holding lta-align's LSSC paraphrases says so.

    Texts are compared with the built-in ``lssc``; when any is unchanged the
    note says how many of the file's statements are still paraphrases (not the
    official wording), so an edited copy never loses the caveat.
    """
    import dataclasses

    builtin = _builtin("lssc")
    known = {_norm_text(t) for t in builtin.competencies["text"]}
    texts = fw.competencies["text"]
    n_same = sum(_norm_text(t) in known for t in texts)
    if not n_same:
        return fw
    caveat = (
        f"{n_same} of {len(texts)} competency statements in this file are still "
        "lta-align's paraphrases of the LSSC sets, not the official ALA-APA "
        "wording: replace them with the official text before submitting any "
        "course-approval or recognition application."
    )
    note = f"{caveat} {fw.source_note}".strip() if fw.source_note else caveat
    return dataclasses.replace(fw, source_note=note)


def _builtin(name: str) -> Framework:
    """A fresh copy of the built-in framework: callers may change its tables."""
    cached = _parsed_builtin(name)
    return dataclasses.replace(
        cached,
        competencies=cached.competencies.copy(),
        sets=cached.sets.copy(),
        match_terms=dict(cached.match_terms),
    )


@renamed_keyword("name_or_path", "path")
def load_framework(
    path: str | Path = "lssc", *, sheet: str | int | None = None
) -> Framework:
    """Load a built-in framework by name, or a framework file (CSV, XLSX, YAML).

    Parameters
    ----------
    path : str or Path, default="lssc"
        The path of a framework file, or the name of a built-in framework:
        ``"lssc"`` for the LSSC sets (paraphrased wording, 2012 numbering).
        See :mod:`lta_align.frameworks._readers` for the accepted columns
        (CASE names such as ``humanCodingScheme`` and ``fullStatement`` work
        too).
    sheet : str or int, optional
        Worksheet of an XLSX file; default: a sheet named "Competencies" or
        "Framework", else the first.

    Returns
    -------
    Framework
        A new object on every call (the built-in data is parsed once and
        copied), so changing its tables never changes what later calls get.
        ``.competencies`` has columns ``set_id, set_name, required, competency_id,
        text, number, partial``; ``.sets`` has ``set_id, set_name, required,
        n_competencies, complete, expected_count, note``; ``.name`` and
        ``.version`` are strings.

    Raises
    ------
    SchemaError
        Required columns are missing, or the sheet does not exist.
    FrameworkError
        Rows are bad (empty statement, duplicate id, ...); all are listed.
    InputFileError
        The file does not exist, is damaged or has an unknown format.
    LtaAlignError
        The built-in data is missing from the installed package.

    Examples
    --------
    >>> import lta_align as la
    >>> fw = la.load_framework("lssc")
    >>> len(fw.sets), int(fw.sets["required"].sum())
    (10, 3)
    """
    key = str(path).strip()
    key = key if isinstance(path, Path) else ALIASES.get(key.lower(), key.lower())
    if key in BUILTINS:
        return _builtin(key)
    path = Path(path)
    if not path.exists():
        raise InputFileError(
            path,
            "no such file, and it is not a built-in framework name.",
            f"Built-in frameworks: {sorted(BUILTINS)}.",
        )
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return _keep_paraphrase_caveat(read_yaml(path))
    if suffix in {".csv", ".tsv", ".xlsx", ".xlsm"}:
        fw = frame_to_framework(read_table(path, sheet=sheet), path)
        return _keep_paraphrase_caveat(fw)
    raise UnsupportedFormatError(
        path,
        f"'{suffix or path.name}' is not a framework format.",
        "Use .csv, .xlsx or .yaml.",
    )


def list_frameworks() -> pd.DataFrame:
    """List the built-in frameworks.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, title, version, n_sets, n_competencies, incomplete_sets``.
    """
    rows = []
    for name in sorted(BUILTINS):
        fw = _parsed_builtin(name)
        rows.append(
            {
                "name": name,
                "title": fw.name,
                "version": fw.version,
                "n_sets": len(fw.sets),
                "n_competencies": len(fw.competencies),
                "incomplete_sets": ", ".join(fw.incomplete_sets),
            }
        )
    return pd.DataFrame(rows)


def framework_to_frame(framework: Framework) -> pd.DataFrame:
    """Return the framework as one editable table (columns ``EXPORT_COLUMNS``).

    Writing this table to CSV or XLSX and loading it back with
    :func:`load_framework` gives the same competencies, sets and match terms.
    """
    sets = framework.sets.set_index("set_id")
    comps = framework.competencies
    out = pd.DataFrame(
        {
            "framework_id": framework.framework_id,
            "framework_name": framework.name,
            "framework_version": framework.version,
            "set_id": comps["set_id"],
            "set_name": comps["set_name"],
            "required": comps["required"].map({True: "yes", False: "no"}),
            "set_complete": comps["set_id"].map(
                lambda s: "yes" if sets.at[s, "complete"] else "no"
            ),
            "set_note": comps["set_id"].map(lambda s: sets.at[s, "note"]),
            "expected_count": comps["set_id"].map(
                lambda s: (
                    ""
                    if pd.isna(sets.at[s, "expected_count"])
                    else str(int(sets.at[s, "expected_count"]))
                )
            ),
            "competency_id": comps["competency_id"],
            "number": comps["number"],
            "partial": comps["partial"].map({True: "yes", False: "no"}),
            "text": comps["text"],
            "match_terms": comps["competency_id"].map(
                lambda c: "; ".join(framework.match_terms.get(c, ()))
            ),
            "n_electives": ""
            if framework.rule is None
            else str(framework.rule.n_electives),
        }
    )
    return out[EXPORT_COLUMNS]
