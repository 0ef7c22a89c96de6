"""Session fixtures shared by the tests and the doctests (``--doctest-modules``).

The sample program is read and aligned once per run: ``lssc`` (the built-in
framework), ``sample_program`` (``data/syllabi``), ``sample_alignment`` (its
tf-idf alignment), ``sample_report`` (its gap report) and ``sample_run`` (the
folder one ``lta-align run data/syllabi`` wrote). They are shared: never change
them in place (copy a table, or copy the folder, first).

Doctests run from the project root and find ``la``, ``fw``, ``program``,
``result``, ``report`` (the sample objects above), ``store`` (an empty
DecisionStore) and ``out`` (an empty folder) in their namespace, so an example
can show a call on real data in one line. This file sits at the top because a
``tests/conftest.py`` is not seen by the doctests under ``lta_align/``.

With ``LTA_ALIGN_NO_SKIP=1`` (set by ``.ci/run``) a skipped test fails.

The notebooks (run under nbval) read their output folder ``OUT`` from
``LTA_ALIGN_OUT`` when it is set; it points at a fresh temporary folder for the
whole session, so the suite neither reads decisions a reviewer saved in the
project's ``out/`` nor trips over a workbook someone edited there, and leaves
nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SAMPLE = ROOT / "data" / "syllabi"


@pytest.fixture(scope="session")
def lssc():
    """The built-in LSSC framework."""
    import lta_align as la

    return la.load_framework("lssc")


@pytest.fixture(scope="session")
def sample_program():
    """The sample program in ``data/syllabi``, read once."""
    import lta_align as la

    return la.load_syllabi(SAMPLE, progress=False)


@pytest.fixture(scope="session")
def sample_alignment(sample_program, lssc):
    """The tf-idf alignment of the sample program with LSSC (no decisions)."""
    import lta_align as la

    return la.align(sample_program, lssc, method="tfidf")


@pytest.fixture(scope="session")
def sample_report(sample_alignment):
    """The gap report of ``sample_alignment``."""
    import lta_align as la

    return la.gap_report(sample_alignment)


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Path:
    """The output folder of ``lta-align run data/syllabi`` (copy it to change it)."""
    from lta_align.cli import main

    out = tmp_path_factory.mktemp("sample_run") / "out"
    assert main(["run", str(SAMPLE), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(autouse=True)
def _doctest_objects(request, tmp_path_factory, monkeypatch):
    """Fill the namespace of a doctest with the sample objects (doctests only)."""
    if not isinstance(request.node, pytest.DoctestItem):
        return
    import lta_align as la

    monkeypatch.chdir(ROOT)  # examples name "data/syllabi" from the project root

    out = tmp_path_factory.mktemp("doctest")
    request.getfixturevalue("doctest_namespace").update(
        la=la,
        fw=request.getfixturevalue("lssc"),
        program=request.getfixturevalue("sample_program"),
        result=request.getfixturevalue("sample_alignment"),
        report=request.getfixturevalue("sample_report"),
        store=la.DecisionStore(out / "decisions.csv"),
        out=out,
    )


def _fail_skips(report) -> None:
    """With ``LTA_ALIGN_NO_SKIP=1`` (CI) a skip is reported as a failure."""
    if (
        os.environ.get("LTA_ALIGN_NO_SKIP") == "1"
        and report.skipped
        and not hasattr(report, "wasxfail")
    ):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else ""
        report.outcome = "failed"
        report.longrepr = (
            f"skipped, but LTA_ALIGN_NO_SKIP=1 (CI) allows no skips: {reason}"
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _fail_skips(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):  # a module-level importorskip
    outcome = yield
    _fail_skips(outcome.get_result())


_NOTEBOOK_OUT: list[str] = []


def pytest_configure(config):
    if "LTA_ALIGN_OUT" not in os.environ:
        folder = tempfile.mkdtemp(prefix="lta-align-notebooks-")
        os.environ["LTA_ALIGN_OUT"] = folder
        _NOTEBOOK_OUT.append(folder)
    # the embedding vectors' disk cache (lta_align.match._vectors): never the
    # user's own cache folder, and fresh for every test session (notebook
    # kernels inherit it)
    if "LTA_ALIGN_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="lta-align-vectors-")
        os.environ["LTA_ALIGN_CACHE_DIR"] = folder
        _NOTEBOOK_OUT.append(folder)


def pytest_unconfigure(config):
    for folder in _NOTEBOOK_OUT:
        os.environ.pop("LTA_ALIGN_OUT", None)
        os.environ.pop("LTA_ALIGN_CACHE_DIR", None)
        shutil.rmtree(folder, ignore_errors=True)
