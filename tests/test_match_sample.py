"""The engine finds the designed coverage of the sample program (data/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

SYLLABI = Path(__file__).resolve().parents[1] / "data" / "syllabi"

pytestmark = pytest.mark.skipif(
    not SYLLABI.is_dir(), reason="the sample program data/syllabi is not present"
)

DESIGNED_PRIMARY = {
    "LTA101": "foundations",
    "LTA105": "communication_teamwork",
    "LTA110": "technology",
    "LTA120": "reference_information",
    "LTA130": "cataloging_classification",
    "LTA140": "collection_management",
    "LTA150": "access_services",
    "LTA160": "youth_services",
    "LTA170": "supervision_management",
}
DESIGNED_GENERAL = {"LTA190"}


@pytest.fixture(scope="module")
def sample(sample_alignment):
    return sample_alignment  # read once per session (conftest.py)


def status(result, course_id: str, competency_id: str) -> str:
    cov = result.coverage
    row = cov[(cov["course_id"] == course_id) & (cov["competency_id"] == competency_id)]
    return str(row["status"].iloc[0]) if len(row) else "not covered"


def test_each_sample_course_gets_its_designed_primary_set(sample):
    courses = sample.courses
    primary = dict(zip(courses["course_id"], courses["primary_set_id"], strict=True))
    assert {c: primary[c] for c in DESIGNED_PRIMARY} == DESIGNED_PRIMARY
    # no set course is flagged general. The practicum LTA 190 is designed
    # general, but neither method flags it: its evidence leans to Foundations
    # above the cross-validated cut (README, "Accuracy")
    general = set(courses.loc[courses["general"], "course_id"])
    assert general <= DESIGNED_GENERAL
    # a general course still names the set it leans to
    assert all(primary[c] for c in DESIGNED_GENERAL)


def test_designed_gaps_are_not_covered(sample):
    assert status(sample, "LTA140", "collection_management.8") == "not covered"
    assert status(sample, "LTA110", "technology.9") == "not covered"
    for n in range(9, 14):
        assert status(sample, "LTA170", f"supervision_management.{n}") == "not covered"


def test_designed_complete_courses_are_complete(sample):
    sets = sample.course_sets.set_index(["course_id", "set_id"])
    for key in [
        ("LTA101", "foundations"),
        ("LTA105", "communication_teamwork"),
        ("LTA120", "reference_information"),
        ("LTA150", "access_services"),
        ("LTA160", "youth_services"),
    ]:
        assert bool(sets.loc[key, "complete"]), key
    # LTA 130 covers cataloging on its own; tfidf (this fixture) reads item #1's
    # evidence (a second-place candidate) as partial, hybrid finds it covered
    # (test_reports.test_default_method_finds_the_designed_single_course)
    for n in range(2, 9):
        assert status(sample, "LTA130", f"cataloging_classification.{n}") == "covered"
    assert status(sample, "LTA130", "cataloging_classification.1") in (
        "covered",
        "partial",
    )
    assert bool(sets.loc[("LTA160", "youth_services"), "provisional"])
    assert not bool(sets.loc[("LTA140", "collection_management"), "complete"])
    row = sets.loc[("LTA140", "collection_management")]
    assert (row["covered"], row["total"]) == (9, 10)


def test_designed_supervision_items_are_covered(sample):
    for n in [1, 2, 3, 4, 5, 6, 7, 8, 14]:
        assert status(sample, "LTA170", f"supervision_management.{n}") == "covered"
