"""Atomic writes and the output guard: a crash or a re-run never loses a file.

A writer killed with SIGKILL (power cut, OOM killer, closed laptop lid) must leave
the previous file intact and never a half-written file under the real name; a
re-run must never overwrite a file a person edited unless asked to.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lta_align._utils import (
    MANIFEST_NAME,
    OutputGuard,
    atomic_open,
    atomic_write_bytes,
    atomic_write_text,
)
from lta_align.errors import OutputExistsError, ReviewConflictError

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"
)

OLD = b"course_id,statement_id\nLTA101,LTA101-old\n"

# The child blocks at the last moment before the rename (inside os.fsync, which
# atomic_open calls after writing every byte), tells the parent, and waits to be
# killed. That is the widest window in which a crash could leave a partial file.
_KILL_BEFORE_RENAME = textwrap.dedent(
    """
    import os, sys, time
    from lta_align import _utils

    target = sys.argv[1]
    real_fsync = os.fsync

    def fsync_then_hang(fd):
        real_fsync(fd)
        sys.stdout.write("ready\\n")
        sys.stdout.flush()
        while True:
            time.sleep(1)

    _utils.os.fsync = fsync_then_hang
    _utils.atomic_write_bytes(target, b"N" * (32 * 1024 * 1024))
    """
)

# The child writes a large file in chunks and is killed after the first chunk:
# the temporary file holds part of the new data when the process dies.
_KILL_MID_WRITE = textwrap.dedent(
    """
    import sys, time
    from lta_align._utils import atomic_open

    target = sys.argv[1]
    with atomic_open(target, "wb") as fh:
        fh.write(b"P" * (4 * 1024 * 1024))
        fh.flush()
        sys.stdout.write("ready\\n")
        sys.stdout.flush()
        for _ in range(600):
            fh.write(b"P" * 1024)
            time.sleep(0.1)
    """
)


def _kill_writer(script: str, target: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "ready", proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:  # pragma: no cover - only when an assert failed
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize(
    "script",
    [_KILL_BEFORE_RENAME, _KILL_MID_WRITE],
    ids=["killed-after-writing-before-rename", "killed-mid-write"],
)
def test_killed_writer_leaves_previous_file_intact(tmp_path, script):
    target = tmp_path / "matches.csv"
    target.write_bytes(OLD)

    _kill_writer(script, target)

    assert target.read_bytes() == OLD
    # the only other file is the hidden temporary one, never the real name
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p != target)
    assert all(n.startswith(".matches.csv.") and n.endswith(".tmp") for n in leftovers)
    assert leftovers, "the test should have caught the writer with its temp file"


def test_killed_first_write_leaves_no_file_under_the_real_name(tmp_path):
    target = tmp_path / "coverage.csv"

    _kill_writer(_KILL_BEFORE_RENAME, target)

    assert not target.exists()


def test_failed_write_removes_its_temporary_file_and_keeps_the_old_one(tmp_path):
    target = tmp_path / "report.md"
    target.write_bytes(OLD)

    with pytest.raises(RuntimeError, match="disk full"):
        with atomic_open(target, "wb") as fh:
            fh.write(b"half")
            raise RuntimeError("disk full")

    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_atomic_write_text_replaces_content_and_creates_folders(tmp_path):
    target = tmp_path / "new" / "sub" / "gaps.md"
    atomic_write_text(target, "first\n")
    atomic_write_bytes(target, "second – é\n".encode())

    assert target.read_text("utf-8") == "second – é\n"
    assert [p.name for p in target.parent.iterdir()] == ["gaps.md"]


# --- OutputGuard -----------------------------------------------------------------
def test_guard_replaces_its_own_unedited_output(tmp_path):
    OutputGuard(tmp_path).write_text("matches.csv", "v1\n")

    # a later run (a new guard reading the manifest) may replace it
    OutputGuard(tmp_path).write_text("matches.csv", "v2\n")

    assert (tmp_path / "matches.csv").read_text("utf-8") == "v2\n"


def test_guard_refuses_to_overwrite_a_file_a_person_edited(tmp_path):
    OutputGuard(tmp_path).write_text("matches.csv", "v1\n")
    (tmp_path / "matches.csv").write_text("v1\nmy review notes\n", "utf-8")

    with pytest.raises(OutputExistsError, match="changed after lta-align") as e:
        OutputGuard(tmp_path).write_text("matches.csv", "v2\n")

    assert "--force" in str(e.value)
    assert isinstance(e.value, ReviewConflictError)
    assert (tmp_path / "matches.csv").read_text("utf-8") == "v1\nmy review notes\n"


def test_guard_refuses_a_file_it_never_wrote(tmp_path):
    (tmp_path / "alignment.xlsx").write_bytes(b"someone else's workbook")

    with pytest.raises(OutputExistsError, match="not written by lta-align"):
        OutputGuard(tmp_path).write_bytes("alignment.xlsx", b"ours")

    assert (tmp_path / "alignment.xlsx").read_bytes() == b"someone else's workbook"


def test_guard_with_force_replaces_an_edited_file_and_adopts_it(tmp_path):
    OutputGuard(tmp_path).write_text("matches.csv", "v1\n")
    (tmp_path / "matches.csv").write_text("edited\n", "utf-8")

    OutputGuard(tmp_path, force=True).write_text("matches.csv", "v2\n")
    assert (tmp_path / "matches.csv").read_text("utf-8") == "v2\n"

    # once replaced, the file is ours again: a normal run may update it
    OutputGuard(tmp_path).write_text("matches.csv", "v3\n")
    assert (tmp_path / "matches.csv").read_text("utf-8") == "v3\n"


def test_guard_with_a_damaged_manifest_refuses_rather_than_overwrites(tmp_path):
    OutputGuard(tmp_path).write_text("matches.csv", "v1\n")
    (tmp_path / MANIFEST_NAME).write_text("{not json", "utf-8")

    with pytest.raises(OutputExistsError):
        OutputGuard(tmp_path).write_text("matches.csv", "v2\n")

    assert (tmp_path / "matches.csv").read_text("utf-8") == "v1\n"


def test_guard_manifest_records_the_sha256_of_each_file_written(tmp_path):
    guard = OutputGuard(tmp_path)
    guard.write_text("b.csv", "b\n")
    guard.write_text("a.csv", "a\n")

    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text("utf-8"))
    assert list(manifest) == ["a.csv", "b.csv"]  # sorted: deterministic bytes
    assert manifest["a.csv"] == (
        "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7"
    )


def test_guard_writes_a_deleted_output_again(tmp_path):
    OutputGuard(tmp_path).write_text("matches.csv", "v1\n")
    os.unlink(tmp_path / "matches.csv")

    OutputGuard(tmp_path).write_text("matches.csv", "v2\n")

    assert (tmp_path / "matches.csv").read_text("utf-8") == "v2\n"
