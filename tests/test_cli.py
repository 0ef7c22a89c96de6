"""The ``lta-align`` command line: help, version, frameworks, usage errors."""

from __future__ import annotations

import pytest

import lta_align as la
from lta_align.cli import main


def test_version_prints_package_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert la.__version__ in capsys.readouterr().out


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("frameworks", "framework", "run"):
        assert command in out


def test_frameworks_lists_lssc(capsys):
    assert main(["frameworks"]) == 0
    out = capsys.readouterr().out
    assert "lssc" in out and "2012" in out and "youth_services" in out


def test_framework_show_prints_sets_statements_and_caveats(capsys):
    assert main(["framework", "show", "lssc"]) == 0
    out = capsys.readouterr().out
    assert (
        "Cataloging and Classification [cataloging_classification] - elective, 8" in out
    )
    assert "known only in part" in out
    assert "paraphrase" in out
    # editorial match terms are never shown as competency text
    assert "CREW method" not in out


def test_framework_show_bad_path_is_a_clean_error(capsys, tmp_path):
    assert main(["framework", "show", str(tmp_path / "missing.csv")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: Could not read") and "Traceback" not in err


def test_csv_export_refuses_to_overwrite_without_force(capsys, tmp_path):
    target = tmp_path / "fw.csv"
    target.write_text("my edits\n", encoding="utf-8")
    assert (
        main(["framework", "show", "lssc", "--format", "csv", "-o", str(target)]) == 1
    )
    assert target.read_text(encoding="utf-8") == "my edits\n"
    assert "--force" in capsys.readouterr().err
    assert (
        main(
            [
                "framework",
                "show",
                "lssc",
                "--format",
                "csv",
                "-o",
                str(target),
                "--force",
            ]
        )
        == 0
    )
    assert target.read_text(encoding="utf-8").startswith("framework_id,")


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["run"])
    assert info.value.code == 2


def test_run_names_the_method_it_used(capsys, tmp_path):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "data" / "syllabi"
    one = tmp_path / "in"
    one.mkdir()
    (one / "LTA101.md").write_bytes(
        (sample / "LTA101_intro_to_libraries.md").read_bytes()
    )
    assert main(["run", str(one), "--out", str(tmp_path / "out")]) == 0
    said = capsys.readouterr().out
    method = la.match.DEFAULT_METHOD if la.match.embed_available() else "tfidf"
    assert f"using method '{method}'." in said
