"""lta-align: align Library Technical Assistant courses with competency frameworks.

>>> import lta_align as la
>>> fw = la.load_framework("lssc")
>>> program = la.load_syllabi("data/syllabi")
>>> len(program.courses)
10
>>> result = la.align(program, fw)
>>> report = la.gap_report(result)
>>> report.path_verdict[:45]
'Yes: a student can complete the certification'

Then ``la.to_excel(result, "out/alignment.xlsx")`` writes the workbook and
``report.to_html()`` the report page.

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

if TYPE_CHECKING:  # pragma: no cover
    from .config import MatchConfig
    from .decisions import DecisionStore, apply_decisions, import_review
    from .evidence import evidence_pack, evidence_table
    from .excel import to_excel
    from .ingest import Limits, load_syllabi
    from .match import align
    from .model import Alignment
    from .outputs import write_outputs
    from .plots import coverage_heatmap, set_coverage_bars
    from .reports import Comparison, GapReport, audit_outcomes, compare, gap_report
    from .widgets import review, review_panel

# public name -> module that defines it (imported on first use)
_LAZY = {
    "audit_outcomes": "lta_align.reports",
    "load_syllabi": "lta_align.ingest",
    "align": "lta_align.match",
    "Alignment": "lta_align.model",
    "MatchConfig": "lta_align.config",
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
    "audit_outcomes",
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
