"""Issue 13: a run is whole or not at all; outputs follow the umask; open
workbooks are never overwritten."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from _review_factories import make_alignment

from lta_align import _utils
from lta_align._utils import MANIFEST_NAME, OutputGuard
from lta_align.errors import LtaAlignError, OutputExistsError
from lta_align.outputs import write_outputs


@pytest.fixture(scope="module")
def alignment():
    return make_alignment()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_outputs_follow_the_umask_not_owner_only(alignment, tmp_path):
    old = os.umask(0o022)
    try:
        written = write_outputs(alignment, tmp_path / "out")
    finally:
        os.umask(old)
    for path in [*written, tmp_path / "out" / MANIFEST_NAME]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name
    old = os.umask(0o007)
    try:
        path = _utils.atomic_write_text(tmp_path / "x.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o660


def test_a_file_given_as_out_is_one_clear_error(alignment, tmp_path):
    not_a_folder = tmp_path / "out"
    not_a_folder.write_text("notes")
    with pytest.raises(LtaAlignError, match="is a file, not a folder") as info:
        write_outputs(alignment, not_a_folder)
    assert "\n" not in str(info.value) and str(not_a_folder) in str(info.value)
    assert not_a_folder.read_text() == "notes"


def test_one_unreplaceable_file_leaves_the_previous_run_untouched(
    alignment, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    write_outputs(alignment, out)
    (out / "decisions.csv").write_text("kept\n")
    before = _snapshot(out)
    real_replace = os.replace

    def replace(src, dst):  # report.html is immutable (chattr +i)
        if out / "report.html" in (Path(src), Path(dst)):
            raise PermissionError(1, "Operation not permitted", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(_utils.os, "replace", replace)
    changed = make_alignment()  # same data; the bytes would be rewritten anyway
    with pytest.raises(LtaAlignError, match="Cannot write to the output folder") as e:
        write_outputs(changed, out, force=True)
    assert str(out) in str(e.value) and "permission denied" in str(e.value)
    monkeypatch.undo()
    assert _snapshot(out) == before
    leftovers = [p for p in out.parent.iterdir() if "staging" in p.name]
    assert leftovers == []


def test_read_only_folder_is_one_line_and_nothing_changes(
    alignment, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    write_outputs(alignment, out)
    before = _snapshot(out)
    real_replace = os.replace

    def replace(src, dst):  # what a read-only folder does (root ignores chmod)
        if Path(dst).parent == out or Path(src).parent == out:
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(_utils.os, "replace", replace)
    with pytest.raises(LtaAlignError, match="permission denied"):
        write_outputs(alignment, out)
    monkeypatch.undo()
    assert _snapshot(out) == before


@pytest.mark.parametrize("lock", ["~$alignment.xlsx", ".~lock.alignment.xlsx#"])
def test_run_refuses_to_overwrite_a_workbook_open_in_excel_or_libreoffice(
    alignment, tmp_path, lock
):
    out = tmp_path / "out"
    write_outputs(alignment, out)
    before = _snapshot(out)
    (out / lock).write_text("lock")
    with pytest.raises(OutputExistsError, match="open in Excel or LibreOffice"):
        write_outputs(alignment, out, force=True)
    after = {k: v for k, v in _snapshot(out).items() if k != lock}
    assert after == before


def test_guard_commit_keeps_the_manifest_and_edit_protection(alignment, tmp_path):
    out = tmp_path / "out"
    write_outputs(alignment, out)
    (out / "report.md").write_text("edited by a person")
    with pytest.raises(OutputExistsError, match="report.md"):
        write_outputs(alignment, out)
    assert (out / "report.md").read_text() == "edited by a person"
    guard = OutputGuard(out)
    guard.commit({"new.txt": b"x"})
    assert OutputGuard(out).check("new.txt") == out / "new.txt"


def test_an_interrupt_while_moving_files_in_puts_the_previous_run_back(
    alignment, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    write_outputs(alignment, out)
    before = _snapshot(out)
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if Path(dst).parent == out and len(calls) == 15:  # halfway through moving in
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(_utils.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(alignment, out, force=True)
    monkeypatch.undo()
    assert _snapshot(out) == before
