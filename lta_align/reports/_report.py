"""The gap report: :class:`GapReport` and :func:`gap_report` (compute only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..columns import AUDIT_COLUMNS, AUDIT_SUMMARY_COLUMNS
from ._audit import audit_outcomes, audit_summary
from ._base import (
    PROGRAM_STATUSES,
    Ctx,
    program_title,
    provisional_footnote,
)
from ._course import course_level, decided_sets
from ._gaps import gap_tables
from ._program import certification_path, program_level

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Alignment

__all__ = ["GapReport", "gap_report"]


@dataclass(frozen=True)
class GapReport:
    """The tables of a gap report, ready to show, filter or render.

    Attributes
    ----------
    framework_name, framework_version, source_note : str
        Printed in every rendering; ``source_note`` says where the competency
        wording comes from (for LSSC: a paraphrase).
    program_name : str
        Label of the program (input folder name).
    title : str
        The title the renderings use: ``program_name`` when it is a real name,
        else built from the courses (``"LTA program: 10 courses (LTA 101–LTA
        190)"``, see :func:`program_title`).
    provisional_footnote : str
        One note naming every set known only in part, printed once below a
        table whose verdicts carry the short marker ``provisional*``.
    course_verdicts : pandas.DataFrame
        One row per (course, set) reported: ``course_id, course_code,
        course_title, set_id, set_name, required, role`` (``primary`` or
        ``also``: covers at least half), ``covered, partial, total, complete,
        verdict, missing, reviewed, provisional_note``.
    course_detail : pandas.DataFrame
        Every competency of each reported (course, set): ``course_id,
        course_code, set_id, competency_id, number, competency, status, score,
        level, reviewed, evidence_statement_id, evidence, evidence_kind,
        evidence_location``.
    program_sets : pandas.DataFrame
        One row per set of the framework: ``set_id, set_name, required, total,
        covered, status`` (``single course``, ``across courses``, ``partial``,
        ``absent``), ``complete, single_courses, covering, missing, verdict,
        reviewed, provisional_note, suggestion`` (one set-level suggestion when
        no course addresses the set: none has it as primary set and nothing is
        covered; else ``""``).
    program_competencies : pandas.DataFrame
        One row per competency: ``set_id, competency_id, number, competency,
        status`` (best over the courses), ``covered_by, best_course_id,
        best_score, reviewed``.
    path : pandas.DataFrame
        The certification path, one row per set: ``set_id, set_name, required,
        complete, single_course, counts`` (counted toward the path),
        ``missing_count, in_plan`` (part of the shortest list of gaps to close),
        ``provisional_note``. Empty when the framework has no rule.
    path_verdict, path_basis : str
        One-sentence verdict on the certification path and the basis used.
    gaps : pandas.DataFrame
        ``scope`` (``program`` or a course id for the course's primary set),
        ``set_id, set_name, competency_id, number, competency, best_status,
        home_course_id, home_course_code, near_misses, suggestion, in_plan,
        provisional_note, action`` (``strengthen`` a near miss of the home
        course, ``add`` an outcome and assessment to it, or ``new``: no course
        is a natural home), ``draft_outcome`` (a measurable outcome drafted for
        the home course, for faculty to edit; for a competency known only in
        part, a note that its wording is unknown) and ``assessment_idea``.
    near_misses : pandas.DataFrame
        The closest existing statements for each gap: ``scope, set_id,
        competency_id, course_id, course_code, statement_id, kind, text,
        location, score, status`` (the course's status for the competency),
        ``strength`` (the statement on its own: ``covered``, ``partial`` or
        ``weak``; only a near miss at least ``partial`` is suggested for
        strengthening).
    problems : pandas.DataFrame
        Input problems: ``source, severity, reason``.
    method : str
        The matching method of the alignment.
    outcome_quality : pandas.DataFrame
        The outcome quality audit (:func:`lta_align.audit_outcomes`): ``course_id,
        statement_id, text, verb, bloom_level, issues, suggestion``.
    outcome_quality_summary : pandas.DataFrame
        The audit counted per course: ``course_id, course_code, outcomes,
        flagged`` and one count per issue.
    """

    framework_name: str
    framework_version: str
    source_note: str
    program_name: str
    course_verdicts: pd.DataFrame
    course_detail: pd.DataFrame
    program_sets: pd.DataFrame
    program_competencies: pd.DataFrame
    path: pd.DataFrame
    path_verdict: str
    path_basis: str
    gaps: pd.DataFrame
    near_misses: pd.DataFrame
    problems: pd.DataFrame
    method: str = ""
    rule_text: str = ""
    n_courses: int = 0
    n_statements: int = 0
    title: str = ""
    provisional_footnote: str = ""
    outcome_quality: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=AUDIT_COLUMNS)
    )
    outcome_quality_summary: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=AUDIT_SUMMARY_COLUMNS)
    )

    def summary(self) -> str:
        """Return a short plain-text summary: framework, path verdict, set statuses."""
        lines = [
            self.heading,
            f"{self.framework_name} (version {self.framework_version})",
            self.path_verdict or "No certification rule in this framework.",
        ]
        for status in PROGRAM_STATUSES:
            names = self.program_sets.loc[
                self.program_sets["status"] == status, "set_name"
            ].tolist()
            if names:
                lines.append(f"{status}: {', '.join(names)}")
        lines.append(f"Note: {self.source_note}" if self.source_note else "")
        return "\n".join(line for line in lines if line)

    def to_html(
        self,
        *,
        plots: bool = True,
        alignment: Alignment | None = None,
        template: str | Path | None = None,
    ) -> str:
        """Return the report as one self-contained HTML page.

        Parameters
        ----------
        plots : bool, default=True
            Embed the per-set coverage bars (and, when ``alignment`` is given,
            the course x competency heatmap) as PNG images.
        alignment : Alignment, optional
            Needed for the heatmap.
        template : path, optional
            A restyled copy of the packaged Jinja template
            (``templates/report.html.j2`` at the top of the project is the
            starting point); the packaged one when ``None``.

        Raises
        ------
        LtaAlignError
            ``template`` cannot be read or is not a valid template.
        """
        from ._html import render_html

        return render_html(self, plots=plots, alignment=alignment, template=template)

    def to_markdown(self) -> str:
        """Return the report as Markdown (no images)."""
        from ._markdown import render_markdown

        return render_markdown(self)

    def _repr_html_(self) -> str:  # notebooks
        return self.to_html(plots=False)

    @property
    def heading(self) -> str:
        """``title``, or ``program_name`` for a report built by hand."""
        return self.title or self.program_name or "Program"

    def __repr__(self) -> str:
        return f"GapReport({self.heading!r}: {self.path_verdict})"


def gap_report(alignment: Alignment) -> GapReport:
    """Build the gap report of an alignment.

    Parameters
    ----------
    alignment : Alignment
        The result of :func:`lta_align.align`, with review decisions applied
        (:func:`lta_align.apply_decisions`) when there are any: verdicts resting
        on a reviewer decision are marked ``reviewed``.

    Returns
    -------
    GapReport
        Tables for the three levels (course x set, program x set, certification
        path) and the gaps with near misses and suggestions; see
        :class:`GapReport` for the columns. ``to_html()`` and ``to_markdown()``
        render it.

    Examples
    --------
    >>> import lta_align as la
    >>> report = la.gap_report(result)        # result = la.align(program, fw)
    >>> print(report.summary())                # doctest: +ELLIPSIS
    LTA program: 10 courses (LTA 101–LTA 190)
    ALA-APA Library Support Staff Certification (LSSC) competency sets (version 2012)
    Yes: a student can complete the certification through this program: ...
    across courses: Technology
    partial: ...Collection Management, Supervision and Management
    ...Note: ...
    """
    ctx = Ctx(alignment)
    verdicts, detail = course_level(ctx)
    ps, pc = program_level(ctx)
    # a verdict rests on review when any decision (a reject too) touched its set
    ps["reviewed"] = ps["reviewed"] | ps["set_id"].isin(decided_sets(ctx))
    path, path_verdict, basis = certification_path(ctx, ps)
    gaps, near = gap_tables(ctx, ps, pc, path, verdicts)
    audit = audit_outcomes(ctx.program)
    fw = ctx.fw
    incomplete = ps.loc[ps["provisional_note"] != "", "set_name"].tolist()
    return GapReport(
        framework_name=fw.name,
        framework_version=str(fw.version),
        source_note=fw.source_note,
        program_name=ctx.program.name,
        course_verdicts=verdicts,
        course_detail=detail,
        program_sets=ps,
        program_competencies=pc,
        path=path,
        path_verdict=path_verdict,
        path_basis=basis,
        gaps=gaps,
        near_misses=near,
        problems=ctx.program.problems,
        method=alignment.method,
        rule_text=fw.rule.text if fw.rule is not None else "",
        n_courses=len(ctx.courses),
        n_statements=len(ctx.program.statements),
        title=program_title(ctx.program.name, ctx.courses["course_code"].tolist()),
        provisional_footnote=provisional_footnote(incomplete, fw.name),
        outcome_quality=audit,
        outcome_quality_summary=audit_summary(audit, ctx.courses),
    )
