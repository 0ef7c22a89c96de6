"""Issue 13: the command line speaks to its users: help, choices, plain errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lta_align.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "syllabi"
ONE = SAMPLE / "LTA101_intro_to_libraries.md"


@pytest.fixture(scope="module")
def one_run(tmp_path_factory) -> Path:
    """A finished run of one sample syllabus (copied by the tests that change it)."""
    root = tmp_path_factory.mktemp("run")
    shutil.copy(ONE, root / ONE.name)
    assert main(["run", str(root / ONE.name), "--out", str(root / "out"), "-q"]) == 0
    return root


def test_bare_command_prints_the_commands_and_exits_2(capsys):
    assert main([]) == 2
    text = capsys.readouterr().err
    for command in ("run", "review", "evidence", "compare", "frameworks"):
        assert command in text


def test_unknown_method_lists_the_allowed_values(capsys):
    with pytest.raises(SystemExit) as info:
        main(["run", str(ONE), "--out", "x", "--method", "bm25"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'bm25'" in err and "'tfidf'" in err
    assert "Traceback" not in err


def test_empty_folder_does_not_point_at_problems_nobody_printed(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["run", str(tmp_path / "empty"), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "problems above" not in err
    assert "No syllabus or outcome sheet found" in err


def test_cli_users_are_told_about_problems_csv_not_program_problems(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(ONE, tmp_path / "in" / ONE.name)
    (tmp_path / "in" / "broken.docx").write_bytes(b"not a docx")
    code = main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "-q"])
    assert code == 0
    err = capsys.readouterr().err
    assert "Program.problems" not in err
    assert "see problems.csv" in err


def test_file_given_as_out_is_one_line_exit_1(one_run, tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    assert main(["run", str(one_run / ONE.name), "--out", str(target), "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    assert str(target) in err and "not a folder" in err


@pytest.mark.parametrize("lock", ["~$alignment.xlsx", ".~lock.alignment.xlsx#"])
def test_open_workbook_is_neither_overwritten_nor_imported(
    one_run, tmp_path, capsys, lock
):
    out = tmp_path / "out"
    shutil.copytree(one_run / "out", out)
    before = (out / "alignment.xlsx").read_bytes()
    (out / lock).write_text("lock")
    capsys.readouterr()
    code = main(["run", str(one_run / ONE.name), "--out", str(out), "-q", "--force"])
    assert code == 1
    assert "open in Excel or LibreOffice" in capsys.readouterr().err
    assert (out / "alignment.xlsx").read_bytes() == before
    code = main(["review", "import", str(out / "alignment.xlsx"), "--reviewer", "A"])
    assert code == 1
    err = capsys.readouterr().err
    assert (
        "the workbook is open in Excel or LibreOffice: save and close it first" in err
    )
    assert "Imported" not in err and not (out / "decisions.csv").exists()


def test_framework_export_to_an_unwritable_place_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "lssc.csv"  # a "folder" that is a file
    assert (
        main(["framework", "show", "lssc", "--format", "csv", "-o", str(target)]) == 1
    )
    err = capsys.readouterr().err
    assert "Could not write" in err and "Traceback" not in err
