"""What a matcher reads from a framework besides its structure: each
competency's matchable text and match terms, and its competency profiles
(example phrasings shipped beside the framework)."""

from __future__ import annotations

import re

from ..model import Framework

_MISSING_NOTE = re.compile(r"\([^)]*(?:missing|stored copy)[^)]*\)", re.IGNORECASE)


def competency_documents(framework: Framework) -> tuple[list[str], list[str]]:
    """Return each competency's matchable text and its match terms (framework order).

    Editorial notes such as "(rest of the text missing in the stored copy)" are
    removed from the text; the match terms are joined with "; " ("" when none).
    """
    comps = framework.competencies
    texts = [_MISSING_NOTE.sub(" ", str(t)).strip() for t in comps["text"]]
    terms = [
        "; ".join(framework.match_terms.get(c, ())) for c in comps["competency_id"]
    ]
    return texts, terms


def load_profiles(framework: Framework) -> dict[str, tuple[str, ...]]:
    """Return example phrasings per competency id for ``framework`` ({} if none).

    Read from ``<framework_id>_profiles.yaml`` in the package's framework data,
    else from ``<name>_profiles.yaml`` beside the framework's source file (so a
    custom framework can ship its own). The file maps competency ids to lists
    of sentences; unknown ids are ignored.
    """
    from importlib.resources import files
    from pathlib import Path

    from ._cache import read_yaml

    texts = []
    resource = files("lta_align.frameworks") / "data"
    texts.append(resource / f"{framework.framework_id}_profiles.yaml")
    if framework.source:
        src = Path(str(framework.source))
        texts.append(src.with_name(f"{src.stem}_profiles.yaml"))
    for path in texts:
        try:
            data = read_yaml(path) or {}
        except (FileNotFoundError, OSError, ValueError):
            continue
        if not isinstance(data, dict):
            continue
        known = set(framework.competencies["competency_id"])
        return {
            str(k): tuple(str(t) for t in (v or []) if str(t).strip())
            for k, v in data.items()
            if str(k) in known and isinstance(v, list)
        }
    return {}
