"""Same inputs, same answer: the CLI's outputs are identical byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from lta_align.cli import main

SAMPLE = Path(__file__).parents[1] / "data" / "syllabi"
COMPARED = [
    "matches.csv",
    "coverage.csv",
    "course_sets.csv",
    "courses.csv",
    "statements.csv",
    "problems.csv",
    "gaps.csv",
    "alignment.xlsx",
    "report.html",
    "report.md",
]


def _digests(folder: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in COMPARED
    }


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory) -> list[dict[str, str]]:
    base = tmp_path_factory.mktemp("det")
    files = sorted(p for p in SAMPLE.iterdir() if p.is_file())
    argument_lists = [
        [str(SAMPLE)],
        [str(SAMPLE)],
        [str(p) for p in reversed(files)],
    ]
    digests = []
    for i, inputs in enumerate(argument_lists):
        out = base / f"run{i}"
        assert main(["run", *inputs, "--out", str(out), "--quiet"]) == 0
        digests.append(_digests(out))
    return digests


@pytest.mark.parametrize("name", COMPARED)
def test_two_runs_write_identical_bytes(three_runs, name):
    assert three_runs[0][name] == three_runs[1][name]


@pytest.mark.parametrize("name", COMPARED)
def test_listing_files_in_another_order_writes_identical_bytes(three_runs, name):
    assert three_runs[0][name] == three_runs[2][name]
