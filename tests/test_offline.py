"""lta-align works with the network off and keeps ``import lta_align`` light.

Syllabi stay on the user's computer: no step of the pipeline may open a socket
(no telemetry, no model or data download). The socket functions are replaced by
ones that fail loudly, so any attempt shows up as a test failure naming the caller.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "syllabi"

HEAVY = ("sklearn", "matplotlib", "ipywidgets", "openpyxl")


class NetworkUsed(AssertionError):
    """Raised by the patched socket functions."""


@pytest.fixture
def no_network(monkeypatch):
    """Make every way of opening a connection or resolving a name fail.

    Attempts are also recorded and checked at the end, so code that catches the
    error and carries on (a silent update check) still fails the test.
    """
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:200])
        raise NetworkUsed(f"lta-align tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    yield attempts
    assert attempts == [], f"network used: {attempts}"


def test_the_guard_itself_blocks_and_records_connections(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("pypi.org", 443), timeout=1)
    with socket.socket() as sock, pytest.raises(NetworkUsed):
        sock.connect(("127.0.0.1", 9))
    assert len(no_network) == 2
    no_network.clear()  # expected attempts: do not fail the teardown check


def _run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_import_lta_align_leaves_heavy_libraries_unloaded():
    proc = _run_python(
        f"""
        import sys
        import lta_align
        lta_align.load_framework("lssc")
        heavy = {HEAVY!r}
        loaded = sorted(m for m in heavy if m in sys.modules)
        print(",".join(loaded))
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", (
        f"`import lta_align` loaded {proc.stdout.strip()}; import them inside the "
        "function that needs them"
    )


def test_importing_every_lta_align_module_opens_no_socket():
    proc = _run_python(
        """
        import importlib, pkgutil, socket, sys

        def refuse(*args, **kwargs):
            raise SystemExit(f"NETWORK: {args!r}")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        import lta_align
        names = sorted(
            m.name
            for m in pkgutil.walk_packages(lta_align.__path__, "lta_align.")
            if m.name != "lta_align.__main__"  # runs the CLI
        )
        failed = []
        for name in names:
            try:
                importlib.import_module(name)
            except ImportError as exc:  # an optional extra that is not installed
                failed.append(f"{name}: {exc}")
        print(len(names))
        for line in failed:
            print(line)
        # the embedding libraries load only when method="embed" is used
        for heavy in ("onnxruntime", "tokenizers"):
            if heavy in sys.modules:
                print(f"embed: {heavy} imported at import time")
        """
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "NETWORK" not in proc.stdout + proc.stderr
    first, *optional = proc.stdout.splitlines()
    assert int(first) >= 5  # the walk found the package's modules
    # nothing is missing, and nothing optional was loaded on import
    assert optional == []


@pytest.mark.slow
def test_full_pipeline_runs_with_the_network_off(no_network, tmp_path):
    import lta_align as la
    from lta_align.outputs import write_outputs

    framework = la.load_framework("lssc")
    program = la.load_syllabi(SAMPLE)
    alignment = la.align(program, framework)
    store = la.DecisionStore(tmp_path / "decisions.csv")
    first = alignment.matches.iloc[0]
    store.accept(first["statement_id"], first["competency_id"], reviewer="offline")
    reviewed = la.apply_decisions(alignment, store)
    written = write_outputs(reviewed, tmp_path / "out")
    evidence = la.evidence_pack(
        reviewed, "LTA130", "cataloging_classification", tmp_path / "evidence"
    )
    report = la.gap_report(reviewed)

    assert len(program.courses) == 10
    assert not alignment.matches.empty
    names = {p.name for p in written}
    assert {"matches.csv", "coverage.csv", "alignment.xlsx", "report.html"} <= names
    assert all(p.stat().st_size > 0 for p in [*written, *evidence])
    assert report.to_markdown()


@pytest.mark.slow
def test_embedding_method_runs_with_the_network_off(no_network):
    pytest.importorskip("onnxruntime", reason="the optional [embed] extra")
    pytest.importorskip("tokenizers", reason="the optional [embed] extra")
    import lta_align as la
    from lta_align.match import embed

    # load the model and tokenizer and encode for real, with sockets off
    embed._CACHE.clear()
    embed.get_encoder.cache_clear()
    program = la.load_syllabi(SAMPLE / "LTA130_cataloging_classification.docx")
    alignment = la.align(program, la.load_framework("lssc"), method="embed")
    assert embed._CACHE  # vectors were computed here, then cached

    assert (alignment.matches["set_id"] == "cataloging_classification").any()
