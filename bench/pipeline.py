"""The whole ``lta-align run`` job, step by step, beside a baseline tree.

Usage::

    .venv/bin/python bench/pipeline.py [--repeat 3] [--courses 300]
        [--baseline SRC] [--method tfidf] [--programs sample,generated]
        [--no-cli]

Programs: the bundled sample (``data/syllabi``, 10 courses), a generated
program of ``--courses`` courses written as real files (md, txt, html, docx, pdf
syllabi and xlsx outcome sheets, from ``bench/import_throughput.py``; fixed
seed), and ``matches10k``: 5,800 generated statements built in memory
(``bench/scale.py``'s generator), about 10,000 matches, for the workbook
(``--programs sample,generated,matches10k``; the CLI line is skipped for it).

For each program and each tree (this checkout, and ``--baseline``: a folder
holding another version's ``lta_align`` package, e.g. an exported older commit)
a fresh subprocess runs the job ``--repeat`` times in process:

    import (load_syllabi) -> framework (load_framework) -> align -> report
    (gap_report) -> csv (the six tables) -> workbook (to_excel) -> html + md

Run 1 is cold (imports done, framework not yet fitted); runs 2+ are warm, as in
a notebook or a second CLI step. Then (unless ``--no-cli``) ``python -m
lta_align run INPUT --out TMP`` runs ``--repeat`` times as separate processes
(start-up, imports and fitting included), each with an empty embedding-vector
cache (``LTA_ALIGN_CACHE_DIR``, a fresh folder) and then once more with the
vectors the first run kept ("cli re-run (cached)": the run after a review).
The two trees alternate, so load on a shared machine hits both alike.
Printed: the median of each step, warm total and CLI wall time per tree, the
in-process worker's peak resident memory (all runs of the job), and the ratio
this / baseline.

``--method hybrid`` (or embed) needs the ``embed`` extra; the align line then
also gives statements per second.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
STEPS = ["import", "framework", "align", "report", "csv", "workbook", "html_md"]


def run_job(inputs: list[str], out: Path, method: str) -> tuple[dict, dict]:
    """One in-process run of the job; return step times and a few counts."""
    import lta_align as la
    from lta_align.outputs import table_to_csv

    t: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        t[name] = now - clock
        clock = now

    if inputs[0].startswith("@"):  # a generated program built in memory
        sys.path.insert(0, str(HERE))
        from scale import make_rows, program_in_memory

        rows = make_rows(la.load_framework("lssc"), int(inputs[0][1:]))
        program = program_in_memory(rows)
    else:
        program = la.load_syllabi(*inputs, progress=False)
    lap("import")
    framework = la.load_framework("lssc")
    lap("framework")
    alignment = la.align(program, framework, method=method)
    lap("align")
    report = la.gap_report(alignment)
    lap("report")
    out.mkdir(parents=True, exist_ok=True)
    for name in ("matches", "coverage", "course_sets", "courses"):
        (out / f"{name}.csv").write_text(table_to_csv(getattr(alignment, name)))
    (out / "statements.csv").write_text(table_to_csv(program.statements))
    (out / "problems.csv").write_text(table_to_csv(program.problems))
    lap("csv")
    la.to_excel(alignment, out / "alignment.xlsx", force=True)
    lap("workbook")
    (out / "report.html").write_text(report.to_html(alignment=alignment))
    (out / "report.md").write_text(report.to_markdown())
    lap("html_md")
    counts = {
        "courses": len(program.courses),
        "statements": len(program.statements),
        "matches": len(alignment.matches),
    }
    return t, counts


def worker(args) -> None:
    runs, counts = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            t, counts = run_job(args.inputs, Path(tmp) / f"out{i}", args.method)
            runs.append(t)
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB
    print(json.dumps({"runs": runs, "counts": counts, "peak_mb": peak}))


def cli_once(src: Path, inputs: list[str], method: str, cache: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(src), "LTA_ALIGN_CACHE_DIR": cache}
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "lta_align", "run", *inputs, "--out", tmp]
        cmd += ["--quiet", "--method", method]
        t = time.perf_counter()
        # cwd=tmp: ``python -m`` puts the working directory first on sys.path,
        # so run from the checkout, every tree would import this checkout
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp)
        wall = time.perf_counter() - t
    if done.returncode:
        raise RuntimeError(done.stderr[-1500:])
    return wall


def in_process(src: Path, inputs: list[str], args) -> dict:
    with tempfile.TemporaryDirectory() as cache:  # run 1 embeds everything
        env = {**os.environ, "PYTHONPATH": str(src), "LTA_ALIGN_CACHE_DIR": cache}
        cmd = [sys.executable, __file__, "--worker", "--repeat", str(args.repeat)]
        cmd += ["--method", args.method, *inputs]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr[-1500:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def summarise(result: dict) -> dict[str, float]:
    runs = result["runs"]
    warm = runs[1:] or runs
    out = {s: statistics.median(r[s] for r in warm) for s in STEPS}
    out["total warm"] = statistics.median(sum(r.values()) for r in warm)
    out["total cold (run 1)"] = sum(runs[0].values())
    out["align cold (run 1)"] = runs[0]["align"]
    out["peak RSS (MB)"] = result.get("peak_mb", 0.0)
    return out


def generate_program(folder: Path, courses: int) -> None:
    sys.path.insert(0, str(HERE))
    from import_throughput import generate

    # 5 syllabus formats x n files, plus n/5 sheets of 5 courses each
    generate(folder, per_format=max(1, round(courses / 6)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--courses", type=int, default=300)
    ap.add_argument("--baseline", type=Path, default=None)
    ap.add_argument("--method", default="tfidf")
    ap.add_argument("--programs", default="sample,generated")
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    trees = [("this", REPO)]
    if args.baseline:
        trees.insert(0, ("baseline", args.baseline.resolve()))
    print(
        f"cpus: {os.cpu_count()}; method {args.method}; median of {args.repeat} "
        f"runs (warm = runs 2+); trees: " + ", ".join(f"{n} = {p}" for n, p in trees)
    )
    with tempfile.TemporaryDirectory() as tmp:
        programs = {}
        if "sample" in args.programs:
            programs["sample"] = [str(REPO / "data" / "syllabi")]
        if "generated" in args.programs:
            folder = Path(tmp) / "generated"
            generate_program(folder, args.courses)
            programs["generated"] = [str(folder)]
        if "matches10k" in args.programs:  # about 10,000 matches, no files
            programs["matches10k"] = ["@5800"]
        for name, inputs in programs.items():
            results: dict[str, dict] = {}
            cli: dict[str, list[float]] = {n: [] for n, _ in trees}
            again: dict[str, list[float]] = {n: [] for n, _ in trees}
            for tree, src in trees:  # in-process, one subprocess per tree
                results[tree] = in_process(src, inputs, args)
            if not args.no_cli and not inputs[0].startswith("@"):
                for _ in range(args.repeat):
                    for tree, src in trees:  # alternate: shared load hits both
                        # a fresh vector cache: the first run, then a re-run
                        with tempfile.TemporaryDirectory() as cache:
                            cli[tree].append(cli_once(src, inputs, args.method, cache))
                            again[tree].append(
                                cli_once(src, inputs, args.method, cache)
                            )
            counts = results["this"]["counts"]
            print(
                f"\n{name}: {counts['courses']} courses, {counts['statements']} "
                f"statements, {counts['matches']} matches"
            )
            table = {tree: summarise(r) for tree, r in results.items()}
            for tree in cli:
                if cli[tree]:
                    table[tree]["cli run (process)"] = statistics.median(cli[tree])
                    table[tree]["cli re-run (cached)"] = statistics.median(again[tree])
            header = f"  {'step':22s}" + "".join(f"{t:>12s}" for t, _ in trees)
            print(header + ("    this/baseline" if len(trees) > 1 else ""))
            for step in table["this"]:
                vals = [table[t][step] for t, _ in trees]
                unit = "" if step.startswith("peak") else "s"
                fmt = "{:11.0f} " if unit == "" else "{:11.3f}s"
                line = f"  {step:22s}" + "".join(fmt.format(v) for v in vals)
                if len(trees) > 1 and vals[0] > 0:
                    line += f"    {vals[-1] / vals[0]:.2f}"
                print(line)
            align = table["this"]["align"]
            print(
                f"  align (this tree, warm): "
                f"{counts['statements'] / max(align, 1e-9):,.0f} statements/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
