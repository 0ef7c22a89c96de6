"""Run ``load_syllabi`` over every file of a folder, one file at a time, and count.

Usage::

    .venv/bin/python bench/robustness.py DIR [--budget 60] [--top 15]
    .venv/bin/python bench/robustness.py DIR --fuzz 20 [--seed 0]

With ``--fuzz N``, each file of ``DIR`` is first turned into N mutated copies
(bytes flipped, cut, a chunk repeated; inside DOCX/XLSX the XML of one part is
mutated and the package rebuilt) in a temporary folder, and those are read.

Every file under ``DIR`` is read alone (``load_syllabi(path)``) in a worker
process with a per-file time budget; a file over the budget is stopped and
counted as a timeout. Prints the number of files, how many were read (no
``error`` problem), the problems by reason, the exceptions other than
``LtaAlignError`` that escaped (must be 0), the timeouts, the slowest files and
the worker's peak memory. Point it at public test-file collections (pypdf,
python-docx, Apache POI, qpdf, ...) unpacked into a scratch folder; never commit
them.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import re
import resource
import sys
import time
import traceback
from collections import Counter
from pathlib import Path


def _worker(conn) -> None:
    import logging
    import warnings

    import lta_align as la
    from lta_align.errors import LtaAlignError

    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    while True:
        path = conn.recv()
        if path is None:
            return
        start = time.perf_counter()
        result: dict = {"path": path}
        try:
            program = la.load_syllabi(path)
            result["statements"] = len(program.statements)
            result["problems"] = [
                (p.severity, p.reason) for p in program.problems.itertuples()
            ]
        except LtaAlignError as exc:  # allowed, but load_syllabi should not raise
            result["problems"] = [("error", f"raised {type(exc).__name__}: {exc}")]
            result["statements"] = 0
        except BaseException as exc:  # noqa: BLE001 - what this bench counts
            result["exception"] = f"{type(exc).__name__}: {exc}"[:300]
            result["traceback"] = traceback.format_exc()[-1500:]
        result["seconds"] = time.perf_counter() - start
        result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        conn.send(result)


class _Pool:
    def __init__(self) -> None:
        self.ctx = mp.get_context("fork")
        self._start()

    def _start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()

    def run(self, path: str, budget: float) -> dict:
        self.conn.send(path)
        if self.conn.poll(budget):
            try:
                return self.conn.recv()
            except EOFError:
                pass
            result = {"path": path, "exception": "worker died (crash or out of memory)"}
        else:
            result = {"path": path, "timeout": True, "seconds": budget}
        self.proc.kill()
        self.proc.join()
        self._start()
        return result

    def close(self) -> None:
        self.conn.send(None)
        self.proc.join(5)


_VOLATILE = re.compile(r"'[^']*'|\"[^\"]*\"|\d[\d,.]*")


def _reason_key(reason: str) -> str:
    """A reason with file names, quotes and numbers blanked, to group by."""
    return _VOLATILE.sub("#", reason.split(". ")[0])[:110]


def _mutate_bytes(data: bytes, rng) -> bytes:
    if not data:
        return b"<"
    kind = rng.randrange(4)
    buf = bytearray(data)
    if kind == 0:  # flip a few bytes
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if kind == 1:  # cut
        return bytes(buf[: rng.randrange(len(buf))])
    if kind == 2:  # repeat a chunk many times
        i = rng.randrange(len(buf))
        chunk = bytes(buf[i : i + rng.randint(1, 16)]) or b"<"
        return bytes(buf[:i]) + chunk * rng.randint(100, 20_000) + bytes(buf[i:])
    # insert markup-like junk
    junk = rng.choice([b"<![", b"<!--", b"<a ", b"]]>", b"&#", b"\x00", b"\xff\xfe"])
    i = rng.randrange(len(buf))
    return bytes(buf[:i]) + junk * rng.randint(1, 500) + bytes(buf[i:])


def _mutate(path: Path, rng) -> bytes:
    import io
    import zipfile

    data = path.read_bytes()
    if (
        path.suffix.lower() in {".docx", ".xlsx", ".xlsm", ".dotx"}
        and rng.random() < 0.7
    ):
        try:
            src = zipfile.ZipFile(io.BytesIO(data))
            names = [n for n in src.namelist() if n.endswith((".xml", ".rels"))]
            victim = rng.choice(names)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    body = src.read(info.filename)
                    if info.filename == victim:
                        body = _mutate_bytes(body, rng)
                    dst.writestr(info.filename, body)
            return out.getvalue()
        except Exception:  # noqa: BLE001 - fall back to mutating the bytes
            pass
    return _mutate_bytes(data, rng)


def _fuzzed(files: list[Path], n: int, seed: int, folder: Path) -> list[Path]:
    import random

    rng = random.Random(seed)
    out = []
    for k, path in enumerate(files):
        for i in range(n):
            target = folder / f"{k:05d}_{i:03d}_{path.name}"
            target.write_bytes(_mutate(path, rng))
            out.append(target)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per file")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--fuzz", type=int, default=0, help="mutated copies per file")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--examples", type=int, default=0, help="files shown per error reason"
    )
    args = parser.parse_args(argv)

    files = sorted(p for p in args.folder.rglob("*") if p.is_file())
    scratch = None
    if args.fuzz:
        import tempfile

        scratch = tempfile.TemporaryDirectory(prefix="lta-fuzz-")
        files = _fuzzed(files, args.fuzz, args.seed, Path(scratch.name))
    pool = _Pool()
    results = []
    start = time.perf_counter()
    for i, path in enumerate(files, 1):
        results.append(pool.run(str(path), args.budget))
        if i % 250 == 0:
            sys.stderr.write(f"{i}/{len(files)} files\n")
    pool.close()
    total = time.perf_counter() - start

    read = sum(
        1
        for r in results
        if "problems" in r and not any(s == "error" for s, _ in r["problems"])
    )
    exceptions = [r for r in results if "exception" in r]
    timeouts = [r for r in results if r.get("timeout")]
    by_reason: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[str]] = {}
    for r in results:
        for severity, reason in r.get("problems", []):
            key = (severity, _reason_key(reason))
            by_reason[key] += 1
            examples.setdefault(key, []).append(r["path"])
    by_suffix = Counter(Path(r["path"]).suffix.lower() for r in results)

    out = sys.stdout.write
    out(f"folder: {args.folder}\n")
    kinds = ", ".join(f"{k or 'none'}: {v}" for k, v in by_suffix.most_common())
    out(f"files: {len(files)}  ({kinds})\n")
    out(f"read (no error problem): {read}\n")
    out(f"statements: {sum(r.get('statements', 0) for r in results)}\n")
    out(f"exceptions escaping load_syllabi: {len(exceptions)}\n")
    for r in exceptions[: args.top]:
        out(f"  {r['path']}: {r['exception']}\n")
    out(f"timeouts (over {args.budget:g} s): {len(timeouts)}\n")
    for r in timeouts[: args.top]:
        out(f"  {r['path']}\n")
    out("problems by reason (severity, count):\n")
    for (severity, reason), n in by_reason.most_common(args.top * 2):
        out(f"  {severity:7} {n:5}  {reason}\n")
        if severity == "error":
            for path in examples[(severity, reason)][: args.examples]:
                out(f"                 e.g. {path}\n")
    slowest = sorted(results, key=lambda r: -r.get("seconds", 0))[: args.top]
    out("slowest files:\n")
    for r in slowest:
        out(f"  {r.get('seconds', 0):7.2f} s  {r['path']}\n")
    peak = max((r.get("maxrss_mb", 0) for r in results), default=0)
    out(f"peak worker memory: {peak:.0f} MB\n")
    out(f"total time: {total:.0f} s\n")
    if scratch is not None:
        scratch.cleanup()
    return 1 if exceptions else 0


if __name__ == "__main__":
    raise SystemExit(main())
