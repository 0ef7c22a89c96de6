"""The plots draw each status in its colour (the palette of every output)."""

from __future__ import annotations

import matplotlib.colors as mcolors

from lta_align._office import STATUS_COLOURS
from lta_align.plots import coverage_heatmap


def test_heatmap_cells_have_the_colour_of_their_status(sample_program, lssc):
    import dataclasses

    import lta_align as la
    from lta_align.config import MatchConfig

    # a "partial" band under "covered", so that the sample shows all three
    config = dataclasses.replace(
        MatchConfig.for_framework(lssc, "tfidf"),
        partial_threshold=0.12,
        covered_threshold=0.2,
    )
    alignment = la.align(sample_program, lssc, method="tfidf", config=config)
    ax = coverage_heatmap(alignment)
    image = ax.images[0]
    rgba = image.to_rgba(image.get_array(), bytes=False)
    courses = list(dict.fromkeys(alignment.courses["course_id"]))
    comps = list(alignment.framework.competencies["competency_id"])
    cov = alignment.coverage.drop_duplicates(["course_id", "competency_id"])
    seen = set()
    for r in cov.itertuples():
        i, j = courses.index(r.course_id), comps.index(r.competency_id)
        want = mcolors.to_rgba("#" + STATUS_COLOURS[r.status])
        assert tuple(rgba[i, j]) == want, (r.course_id, r.competency_id, r.status)
        seen.add(r.status)
    assert seen == set(STATUS_COLOURS)  # the sample shows all three


def test_a_large_program_gets_one_heatmap_row_per_primary_set(
    sample_alignment, sample_report, monkeypatch
):
    """Above HEATMAP_MAX_COURSES courses a row is a set, showing its best status."""
    import lta_align.plots as plots
    from lta_align.columns import STATUS_RANK

    monkeypatch.setattr(plots, "HEATMAP_MAX_COURSES", 5)  # the sample has 10
    ax = coverage_heatmap(sample_alignment)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    courses = sample_alignment.courses
    home = courses["primary_set_id"].where(~courses["general"].astype(bool), "")
    fw = sample_alignment.framework
    expected = []
    for set_id in [*fw.set_ids, ""]:
        n = int((home == set_id).sum())
        if n:
            name = fw.set_name(set_id) if set_id else "no primary set"
            expected.append(f"{name} ({n} course{'s' if n != 1 else ''})")
    assert labels == expected
    assert sum(int(lab.rsplit("(", 1)[1].split()[0]) for lab in labels) == 10
    image = ax.images[0]
    rgba = image.to_rgba(image.get_array(), bytes=False)
    comps = list(fw.competencies["competency_id"])
    cov = sample_alignment.coverage.merge(
        courses[["course_id"]].assign(home=home.values), on="course_id"
    )
    best = (
        cov.assign(rank=cov["status"].map(STATUS_RANK))
        .groupby(["home", "competency_id"])["rank"]
        .min()
    )
    homes = [s for s in [*fw.set_ids, ""] if (home == s).any()]
    for (set_home, comp), rank in best.items():
        status = next(k for k, v in STATUS_RANK.items() if v == rank)
        i, j = homes.index(set_home), comps.index(comp)
        assert tuple(rgba[i, j]) == mcolors.to_rgba("#" + STATUS_COLOURS[status])
    html = sample_report.to_html(alignment=sample_alignment)
    assert "This program has 10 courses, more than the 5" in html
    assert "each row here is a primary set" in html
