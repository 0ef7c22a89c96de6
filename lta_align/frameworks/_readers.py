"""Read competency frameworks from CSV, XLSX and YAML files.

Accepted columns (case, spaces and underscores ignored; CASE names in brackets):

========================  ==========================================================
column                    accepted names
========================  ==========================================================
``competency_id``         competency_id, id, code, ``humanCodingScheme``, ``identifier``
``text``                  text, statement, competency, ``fullStatement``, description
``set_id``                set_id, set, set code, group, group_id, parent, parent_id,
                          ``isChildOf``, category
``set_name``              set_name, set title, competency set, group name, parent name
``required``              required, mandatory, core (yes/no, true/false, 1/0)
``number``                number, item, ``listEnumeration``
``match_terms``           match_terms, keywords (separated by ``;``): matching aids only
``partial``               partial (only part of the official item is known)
``set_complete``          set_complete (false: the set is known only in part)
========================  ==========================================================

A file needs a statement column and either an id or a number column. Without a
set column every competency goes into one set named after the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..columns import FRAMEWORK_COLUMNS, SET_COLUMNS
from ..errors import (
    FrameworkError,
    InputFileError,
    ParseError,
    SchemaError,
    UnsupportedFormatError,
)
from ..model import CandidateRule, Framework
from ..text import clean

ALIASES: dict[str, tuple[str, ...]] = {
    "competency_id": (
        "competency_id",
        "competencyid",
        "id",
        "code",
        "competency_code",
        "humancodingscheme",
        "identifier",
    ),
    "text": (
        "text",
        "statement",
        "competency",
        "fullstatement",
        "description",
        "competency_text",
        "competency_statement",
    ),
    "set_id": (
        "set_id",
        "setid",
        "set",
        "set_code",
        "group",
        "group_id",
        "parent",
        "parent_id",
        "ischildof",
        "category",
        "category_id",
    ),
    "set_name": (
        "set_name",
        "setname",
        "set_title",
        "competency_set",
        "group_name",
        "parent_name",
        "category_name",
    ),
    "required": ("required", "mandatory", "core"),
    "number": ("number", "item", "no", "listenumeration"),
    "match_terms": ("match_terms", "keywords"),
    "partial": ("partial",),
    "set_complete": ("set_complete",),
    "set_note": ("set_note",),
    "expected_count": ("expected_count",),
    "framework_id": ("framework_id",),
    "framework_name": ("framework_name",),
    "framework_version": ("framework_version",),
    "n_electives": ("n_electives", "electives_required"),
}
_TRUE = {"true", "yes", "y", "1", "required", "x", "t"}
_FALSE = {"false", "no", "n", "0", "elective", "optional", "f", ""}


def _key(name: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "set"


def _bool(value: Any, *, default: bool) -> bool | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return default if text == "" else False
    return None


def _rename(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Map accepted header variants onto canonical names (first match wins)."""
    by_key = {_key(c): c for c in df.columns}
    mapping: dict[str, str] = {}
    for canonical, names in ALIASES.items():
        for name in names:
            original = by_key.get(name.replace(" ", "_"))
            if original is not None and original not in mapping:
                mapping[original] = canonical
                break
    out = df.rename(columns=mapping)
    # CASE files carry both a UUID identifier and a humanCodingScheme: prefer the
    # human code when both were present (the first alias found wins above).
    return out.loc[:, ~out.columns.duplicated()]


def _checked_text(path: Path) -> str:
    """The file's text after the input checks syllabi get (size, encoding)."""
    import warnings

    from ..ingest._files import read_checked_text

    notes: list = []
    text = read_checked_text(path, notes=notes)
    for n in notes:
        warnings.warn(f"{path}: {n.reason} {n.hint}".strip(), stacklevel=4)
    return text


def read_table(path: Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX framework file into a raw string DataFrame.

    The file goes through the same input checks and decoding as syllabi (size
    limit, zip bomb, password-protected files, XML entities; UTF-8 or
    Windows-1252), and a workbook is read by the same tolerant sheet reader.
    """
    import io

    suffix = path.suffix.lower()
    try:
        if suffix in {".csv", ".tsv", ".txt"}:
            sep = "\t" if suffix == ".tsv" else None
            return pd.read_csv(
                io.StringIO(_checked_text(path)),
                dtype=str,
                keep_default_na=False,
                sep=sep,
                engine="python",
            )
        if suffix in {".xlsx", ".xlsm"}:
            from ..ingest._files import read_checked_sheets

            book = {title: rows for title, _, rows in read_checked_sheets(path)}
            names = list(book)
            if sheet is None:
                preferred = [
                    n
                    for n in names
                    if _key(n) in {"competencies", "framework", "competency"}
                ]
                sheet = preferred[0] if preferred else names[0]
            elif isinstance(sheet, int):
                sheet = names[sheet]
            if sheet not in names:
                raise SchemaError(
                    f"'{path}' has no sheet named '{sheet}'; its sheets are "
                    f"{names}. Pass sheet=<name> (--sheet) with one of them."
                )
            rows = [r for r in book[sheet] if any(v != "" for v in r)]
            if not rows:
                raise ParseError(
                    path,
                    f"sheet '{sheet}' is empty.",
                    "Put the header in the first row.",
                )
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            header = [v.strip() for v in rows[0]]
            return pd.DataFrame(rows[1:], columns=header, dtype=str)
    except (SchemaError, ParseError, InputFileError):
        raise
    except Exception as exc:  # noqa: BLE001 - corrupt zip, bad CSV quoting, ...
        raise ParseError(
            path,
            f"the file is damaged or not a valid {suffix} file.",
            "Re-save it and try again.",
        ) from exc
    raise UnsupportedFormatError(
        path,
        f"'{suffix}' is not a framework format.",
        "Use a .csv, .xlsx or .yaml file (see `lta-align framework show lssc "
        "--format csv` for an example).",
    )


def frame_to_framework(
    df: pd.DataFrame, path: Path, *, meta: dict | None = None
) -> Framework:
    """Validate a raw table and build a :class:`Framework` (all row errors at once)."""
    meta = dict(meta or {})
    df = _rename(df, path).copy()
    for col in df.columns:
        df[col] = df[col].map(lambda v: clean(v) if isinstance(v, str) else v)
    if "text" not in df.columns or not ({"competency_id", "number"} & set(df.columns)):
        missing = []
        if "text" not in df.columns:
            missing.append("a statement column (text / statement / fullStatement)")
        if not ({"competency_id", "number"} & set(df.columns)):
            missing.append(
                "an id column (competency_id / identifier / "
                "humanCodingScheme) or a number column"
            )
        raise SchemaError(
            f"'{path}' lacks {' and '.join(missing)}; its columns are "
            f"{list(df.columns)}. Rename the header row (see the framework template "
            "in templates/) and try again."
        )
    # drop fully blank rows (trailing rows in spreadsheets)
    blank = df.apply(lambda r: all(str(v).strip() == "" for v in r), axis=1)
    df = df[~blank]
    if not len(df):
        raise FrameworkError(f"'{path}' has a header but no competency rows.")

    for col in ("framework_id", "framework_name", "framework_version"):
        if col in df.columns and col.split("_")[1] not in meta:
            values = [v for v in df[col].unique() if v]
            if values:
                meta[col.split("_")[1]] = values[0]

    if "n_electives" in df.columns and "rule" not in meta:
        values = [v for v in df["n_electives"].unique() if str(v).isdigit()]
        if values:
            meta["n_electives"] = int(values[0])
            meta["rule_text"] = (
                f"Complete every required set plus any {values[0]} elective sets; a "
                "course counts for a set only when it covers every competency of it."
            )

    errors: list[str] = []
    if "set_id" not in df.columns and "set_name" not in df.columns:
        df["set_name"] = meta.get("name") or path.stem
    if "set_id" not in df.columns:
        df["set_id"] = df["set_name"].map(_slug)
    if "set_name" not in df.columns:
        df["set_name"] = df["set_id"]
    df["set_name"] = [n or s for n, s in zip(df["set_name"], df["set_id"], strict=True)]
    if "number" not in df.columns:
        df["number"] = ""
    if "competency_id" not in df.columns:
        df["competency_id"] = [
            f"{s}.{n}" if n else ""
            for s, n in zip(df["set_id"], df["number"], strict=True)
        ]

    rows = []
    for i, rec in enumerate(df.to_dict("records")):
        line = i + 2  # spreadsheet row (header is row 1)
        cid, text, sid = rec["competency_id"], rec["text"], rec["set_id"]
        if not cid:
            errors.append(
                f"row {line}: no competency id or number; give each row an "
                "id such as 'cataloging.3'"
            )
        if not text:
            errors.append(
                f"row {line} ({cid or 'no id'}): the statement is empty; "
                "write the competency text or delete the row"
            )
        if not sid:
            errors.append(f"row {line} ({cid}): no set; fill the set_id column")
        required = _bool(rec.get("required"), default=False)
        if required is None:
            errors.append(
                f"row {line} ({cid}): required is '{rec.get('required')}'; "
                "use yes or no"
            )
        partial = _bool(rec.get("partial"), default=False)
        set_complete = _bool(rec.get("set_complete"), default=True)
        terms = tuple(
            t.strip() for t in str(rec.get("match_terms") or "").split(";") if t.strip()
        )
        rows.append(
            {
                "set_id": sid,
                "set_name": rec["set_name"],
                "required": bool(required),
                "competency_id": cid,
                "text": text,
                "number": rec["number"] or "",
                "partial": bool(partial),
                "_terms": terms,
                "_set_complete": bool(
                    set_complete if set_complete is not None else True
                ),
                "_set_note": str(rec.get("set_note") or ""),
                "_expected": str(rec.get("expected_count") or ""),
                "_line": line,
            }
        )
    seen: dict[str, int] = {}
    for r in rows:
        if r["competency_id"] and r["competency_id"] in seen:
            errors.append(
                f"row {r['_line']}: duplicate competency id "
                f"'{r['competency_id']}' (first on row "
                f"{seen[r['competency_id']]}); ids must be unique"
            )
        seen.setdefault(r["competency_id"], r["_line"])
    for sid in {r["set_id"] for r in rows if r["set_id"]}:
        flags = {r["required"] for r in rows if r["set_id"] == sid}
        if len(flags) > 1:
            errors.append(
                f"set '{sid}': some rows say required and some do not; make them agree"
            )
    if errors:
        shown = errors[:20]
        more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise FrameworkError(
            f"'{path}' has {len(errors)} problem(s):\n  "
            + "\n  ".join(shown)
            + more
            + "\nFix these rows and load the file again."
        )
    return _assemble(rows, meta, source=str(path))


def _assemble(rows: list[dict], meta: dict, *, source: str) -> Framework:
    comps = pd.DataFrame(rows)
    set_order = list(dict.fromkeys(comps["set_id"]))
    sets = []
    for sid in set_order:
        part = comps[comps["set_id"] == sid]
        expected = part["_expected"].iloc[0]
        sets.append(
            {
                "set_id": sid,
                "set_name": part["set_name"].iloc[0],
                "required": bool(part["required"].iloc[0]),
                "n_competencies": int(len(part)),
                "complete": bool(part["_set_complete"].iloc[0]),
                "expected_count": int(expected) if str(expected).isdigit() else pd.NA,
                "note": part["_set_note"].iloc[0],
            }
        )
    sets_df = pd.DataFrame(
        sets, columns=[*SET_COLUMNS, "complete", "expected_count", "note"]
    )
    sets_df["expected_count"] = sets_df["expected_count"].astype("Int64")
    match_terms = {r["competency_id"]: r["_terms"] for r in rows if r["_terms"]}
    comps = comps[[*FRAMEWORK_COLUMNS, "number", "partial"]].reset_index(drop=True)
    comps["required"] = comps["required"].astype(bool)
    comps["partial"] = comps["partial"].astype(bool)
    rule = meta.get("rule")
    if rule is None and "n_electives" in meta:
        rule = CandidateRule(int(meta["n_electives"]), str(meta.get("rule_text", "")))
    return Framework(
        framework_id=str(meta.get("id") or _slug(Path(source).stem)),
        name=str(meta.get("name") or Path(source).stem),
        version=str(meta.get("version") or ""),
        competencies=comps,
        sets=sets_df,
        match_terms=match_terms,
        source_note=str(meta.get("source_note") or ""),
        rule=rule,
        source=source,
    )


def read_yaml(path: Path, text: str | None = None) -> Framework:
    """Read a YAML framework: nested ``sets: [{id, name, competencies: [...]}]``
    (the built-in layout) or a flat ``competencies: [{competency_id, text, ...}]``."""
    try:
        data = yaml.safe_load(text if text is not None else _checked_text(path))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (line {where.line + 1})" if where is not None else ""
        raise ParseError(
            path,
            f"the YAML is not valid{at}.",
            "Check indentation and quoting.",
        ) from exc
    if not isinstance(data, dict) or not ({"sets", "competencies"} & set(data)):
        raise SchemaError(
            f"'{path}' needs a top-level 'sets:' list (each with id, name, required "
            "and competencies) or a 'competencies:' list; see the built-in "
            "lta_align/frameworks/data/lssc.yaml for the layout."
        )
    meta = {k: data.get(k) for k in ("framework_id", "name", "version", "source_note")}
    meta["id"] = meta.pop("framework_id")
    rule = data.get("candidate_rule")
    if isinstance(rule, dict) and "n_electives" in rule:
        meta["rule"] = CandidateRule(
            int(rule["n_electives"]), str(rule.get("text", ""))
        )
    records = []
    if "sets" in data:
        for s in data["sets"] or []:
            if not isinstance(s, dict):
                raise SchemaError(f"'{path}': each entry of 'sets' must be a mapping.")
            sid = str(s.get("id") or s.get("set_id") or _slug(str(s.get("name", ""))))
            for c in s.get("competencies") or []:
                c = c if isinstance(c, dict) else {"text": c}
                number = str(c.get("number", "") or "")
                records.append(
                    {
                        "set_id": sid,
                        "set_name": s.get("name") or s.get("set_name") or sid,
                        "required": s.get("required", False),
                        "competency_id": c.get("id")
                        or c.get("competency_id")
                        or (f"{sid}.{number}" if number else ""),
                        "text": c.get("text") or c.get("statement") or "",
                        "number": number,
                        "partial": c.get("partial", False),
                        "match_terms": "; ".join(c.get("match_terms") or []),
                        "set_complete": s.get("complete", True),
                        "set_note": s.get("note") or "",
                        "expected_count": s.get("expected_count") or "",
                    }
                )
    else:
        for c in data["competencies"] or []:
            c = dict(c)
            if isinstance(c.get("match_terms"), list):
                c["match_terms"] = "; ".join(c["match_terms"])
            records.append(c)
    df = pd.DataFrame(records).astype(object)
    df = df.map(lambda v: "" if v is None else str(v) if not isinstance(v, bool) else v)
    return frame_to_framework(df, path, meta=meta)
