"""Same inputs, same answer: the CLI's outputs are identical byte for byte.

Two CLI runs over the sample program: the shared ``sample_run`` (the folder
given, files discovered in their usual order) and one here with every file
listed by hand in reverse order. Equal bytes show both that a rerun gives the
same files (nothing depends on the clock, a salted hash or a set's order) and
that the order the inputs are given in does not matter.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from _factories import SAMPLE

from lta_align.cli import main

COMPARED = [
    "matches.csv",
    "coverage.csv",
    "course_sets.csv",
    "courses.csv",
    "statements.csv",
    "problems.csv",
    "gaps.csv",
    "audit.csv",
    "alignment.xlsx",
    "report.html",
    "report.md",
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def reversed_run(tmp_path_factory) -> Path:
    files = sorted(p for p in SAMPLE.iterdir() if p.is_file())
    assert len(files) >= 10  # the whole sample, listed file by file
    out = tmp_path_factory.mktemp("det") / "reversed"
    inputs = [str(p) for p in reversed(files)]
    assert main(["run", *inputs, "--out", str(out), "--quiet"]) == 0
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", COMPARED)
def test_a_rerun_with_the_files_in_reverse_order_writes_identical_bytes(
    sample_run, reversed_run, name
):
    assert _digest(sample_run / name) == _digest(reversed_run / name)
