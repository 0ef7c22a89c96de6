"""lta-align: align Library Technical Assistant courses with competency frameworks.

>>> import lta_align as la
>>> fw = la.load_framework("lssc")                      # doctest: +SKIP
>>> program = la.load_syllabi("data/syllabi")           # doctest: +SKIP
>>> result = la.align(program, fw)                      # doctest: +SKIP
>>> report = la.gap_report(result)                      # doctest: +SKIP
>>> la.to_excel(result, "out/alignment.xlsx")           # doctest: +SKIP

Heavy modules (scikit-learn, openpyxl, matplotlib, ipywidgets) load only when the
verb that needs them is first used, so ``import lta_align`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    FrameworkError,
    InputFileError,
    LtaAlignError,
    MissingDependencyError,
    OutputExistsError,
    ParseError,
    ReviewConflictError,
    SchemaError,
    UnsupportedFormatError,
)
from .frameworks import list_frameworks, load_framework
from .model import Framework, Program

# `compare` is imported eagerly (it is light: pandas only) because its module
# has the same name: importing lta_align.compare first would otherwise make
# `lta_align.compare` the module instead of the function.
from .reports._compare import compare

if TYPE_CHECKING:  # pragma: no cover
    from .decisions import DecisionStore, apply_decisions, import_review
    from .evidence import evidence_pack
    from .excel import to_excel
    from .ingest import load_syllabi
    from .match import Alignment, MatchConfig, align
    from .reports import GapReport, gap_report
    from .reports._compare import compare
    from .widgets import review

# public name -> module that defines it (imported on first use)
_LAZY = {
    "load_syllabi": "lta_align.ingest",
    "align": "lta_align.match",
    "Alignment": "lta_align.match",
    "MatchConfig": "lta_align.match",
    "gap_report": "lta_align.reports",
    "GapReport": "lta_align.reports",
    "to_excel": "lta_align.excel",
    "evidence_pack": "lta_align.evidence",
    "evidence_table": "lta_align.evidence",
    "compare": "lta_align.reports",
    "Comparison": "lta_align.reports",
    "DecisionStore": "lta_align.decisions",
    "apply_decisions": "lta_align.decisions",
    "import_review": "lta_align.decisions",
    "review_panel": "lta_align.widgets",
    "review": "lta_align.widgets",
    "Limits": "lta_align.ingest",
    "write_outputs": "lta_align.outputs",
    "coverage_heatmap": "lta_align.plots",
    "set_coverage_bars": "lta_align.plots",
}

__all__ = [
    "Alignment",
    "Comparison",
    "DecisionStore",
    "Framework",
    "FrameworkError",
    "GapReport",
    "InputFileError",
    "Limits",
    "LtaAlignError",
    "MatchConfig",
    "MissingDependencyError",
    "OutputExistsError",
    "ParseError",
    "Program",
    "ReviewConflictError",
    "SchemaError",
    "UnsupportedFormatError",
    "__version__",
    "align",
    "apply_decisions",
    "compare",
    "coverage_heatmap",
    "evidence_pack",
    "evidence_table",
    "gap_report",
    "import_review",
    "list_frameworks",
    "load_framework",
    "load_syllabi",
    "review",
    "review_panel",
    "set_coverage_bars",
    "to_excel",
    "write_outputs",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lta_align' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
