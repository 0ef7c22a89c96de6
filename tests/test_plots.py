"""The plots draw each status in its colour (the palette of every output)."""

from __future__ import annotations

import matplotlib.colors as mcolors

from lta_align._office import STATUS_COLOURS
from lta_align.plots import coverage_heatmap


def test_heatmap_cells_have_the_colour_of_their_status(sample_alignment):
    ax = coverage_heatmap(sample_alignment)
    image = ax.images[0]
    rgba = image.to_rgba(image.get_array(), bytes=False)
    courses = list(dict.fromkeys(sample_alignment.courses["course_id"]))
    comps = list(sample_alignment.framework.competencies["competency_id"])
    cov = sample_alignment.coverage.drop_duplicates(["course_id", "competency_id"])
    seen = set()
    for r in cov.itertuples():
        i, j = courses.index(r.course_id), comps.index(r.competency_id)
        want = mcolors.to_rgba("#" + STATUS_COLOURS[r.status])
        assert tuple(rgba[i, j]) == want, (r.course_id, r.competency_id, r.status)
        seen.add(r.status)
    assert seen == set(STATUS_COLOURS)  # the sample shows all three
