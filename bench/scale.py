"""Time and memory of load_syllabi() + align() on a generated program, beside dense.

Usage::

    .venv/bin/python bench/scale.py [--statements 100000] [--repeat 3] [--spread 0]
        [--frameworks lssc,big] [--dense-subset 10000] [--via csv|xlsx|memory]

For each framework (the built-in LSSC sets, and a generated framework of 100
sets x 100 = 10,000 competencies) a fresh subprocess generates a program (fixed
seed; courses of 100 statements, each mostly about one set) and, like a user,

* writes it as outcome sheets (``--via csv``, the default, or ``xlsx``) into a
  temporary folder and reads it back with ``la.load_syllabi`` (a sheet holds at
  most ``ROWS_PER_SHEET`` rows so that it stays under the import's
  2,000,000-character cap: a program is split over several files; ``--via
  memory`` skips the files, for quick runs),
* runs ``la.align(program, framework, method="tfidf")`` (default config)
  ``--repeat`` times; the first run fits the framework, the later ones reuse it
  as a notebook or a second CLI step in the same process does,
* runs in the same process a straightforward dense scikit-learn matcher on the
  same statements: ``TfidfVectorizer`` fitted on the competency texts,
  ``.toarray()`` on both sides, ``cosine_similarity``, ``argsort`` for the top 3.

Printed per framework: medians (and runs), the peak resident memory of the
process after each step (``ru_maxrss``, so later figures include earlier ones),
and the ratio align / dense. The dense baseline cannot hold 100,000 x 10,000
scores (8 GB), so for the big framework it runs on the first ``--dense-subset``
statements and its time is scaled linearly; the output says so.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

WORDS_FILLER = (
    "weekly discussion practice project lab case study review group session hands-on "
    "exercise real-world scenario community college library staff patrons skills"
).split()
KINDS = ["outcome", "topic", "assessment", "reading", "description"]
KIND_P = [0.3, 0.35, 0.2, 0.1, 0.05]
ROWS_PER_SHEET = 10_000  # about 0.8 million characters: under the import cap


def make_framework(kind: str):
    import lta_align as la
    from lta_align.model import Framework

    if kind == "lssc":
        return la.load_framework("lssc")
    rng = np.random.default_rng(1)
    base = la.load_framework("lssc")
    vocab = sorted({w for t in base.competencies["text"] for w in t.lower().split()})
    vocab += [f"term{i:04d}" for i in range(4000)]
    rows, sets = [], []
    for s in range(100):
        topic = rng.choice(vocab, size=30, replace=False)
        set_id = f"set{s:03d}"
        sets.append(
            {
                "set_id": set_id,
                "set_name": f"Generated set {s}",
                "required": s < 3,
                "n_competencies": 100,
                "complete": True,
                "expected_count": 100,
                "note": "",
            }
        )
        for c in range(100):
            words = list(rng.choice(topic, size=6)) + list(rng.choice(vocab, size=6))
            rows.append(
                {
                    "set_id": set_id,
                    "set_name": f"Generated set {s}",
                    "required": s < 3,
                    "competency_id": f"{set_id}.{c + 1}",
                    "text": " ".join(words).capitalize() + ".",
                    "number": str(c + 1),
                    "partial": False,
                }
            )
    comps = pd.DataFrame(rows)
    return Framework(
        "big", "Generated 10,000-competency framework", "1", comps, pd.DataFrame(sets)
    )


def make_rows(
    framework, n_statements: int, per_course: int = 100, spread: int = 0
) -> list[tuple]:
    """``(course_code, course_title, kind, text)`` rows; courses of ``per_course``.

    80% of a course's statements come from its home set, the rest from any set
    (``spread=0``) or from the ``spread`` sets after the home set.
    """
    rng = random.Random(0)
    comps = framework.competencies
    set_ids = list(framework.set_ids)
    by_set = {
        s: [t.rstrip(".").split() for t in comps.loc[comps["set_id"] == s, "text"]]
        for s in set_ids
    }
    rows = []
    n_courses = max(1, -(-n_statements // per_course))
    for c in range(n_courses):
        code = f"GEN {c:06d}"
        h = c % len(set_ids)
        home = set_ids[h]
        others = (
            [set_ids[(h + j) % len(set_ids)] for j in range(1, spread + 1)]
            if spread
            else set_ids
        )
        title = f"Generated course {c}"
        for i in range(per_course):
            if len(rows) == n_statements:
                break
            s = home if rng.random() < 0.8 else rng.choice(others)
            words = rng.choice(by_set[s])
            keep = rng.sample(words, max(3, len(words) // 2))
            text = " ".join(keep + rng.choices(WORDS_FILLER, k=4)) + f" ({i})"
            kind = rng.choices(KINDS, KIND_P)[0]
            rows.append((code, title, kind, text))
    return rows


def write_sheets(rows: list[tuple], folder: Path, fmt: str) -> list[Path]:
    """Write ``rows`` as outcome sheets of at most ``ROWS_PER_SHEET`` rows."""
    header = ["course_code", "course_title", "kind", "text"]
    paths = []
    for k, start in enumerate(range(0, len(rows), ROWS_PER_SHEET)):
        part = rows[start : start + ROWS_PER_SHEET]
        path = folder / f"outcomes_{k:04d}.{fmt}"
        if fmt == "csv":
            with path.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(header)
                writer.writerows(part)
        else:
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet("Outcomes")
            ws.append(header)
            for row in part:
                ws.append(list(row))
            wb.save(path)
        paths.append(path)
    return paths


def program_in_memory(rows: list[tuple]):
    from lta_align.model import Program, problems_frame
    from lta_align.text import course_id_from_code, statement_id

    st = pd.DataFrame(rows, columns=["course_code", "course_title", "kind", "text"])
    st["course_id"] = [course_id_from_code(c) for c in st["course_code"]]
    st["statement_id"] = [
        statement_id(c, t) for c, t in zip(st["course_id"], st["text"], strict=True)
    ]
    st["source"] = "generated"
    st["location"] = ""
    courses = st.drop_duplicates("course_id")[
        ["course_id", "course_code", "course_title"]
    ].reset_index(drop=True)
    courses["source"] = "generated"
    columns = ["course_id", "statement_id", "kind", "text", "source", "location"]
    return Program(courses, st[columns], problems_frame([]), name="generated")


def dense_baseline(texts: list[str], framework):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vec = TfidfVectorizer(sublinear_tf=True).fit(framework.competencies["text"])
    a = vec.transform(texts).toarray()
    b = vec.transform(framework.competencies["text"]).toarray()
    sim = cosine_similarity(a, b)
    return np.argsort(-sim, axis=1, kind="stable")[:, :3]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(args) -> dict:
    import lta_align as la
    import lta_align.match.tfidf  # noqa: F401  (import cost outside the timings)

    framework = make_framework(args.framework)
    t = time.perf_counter()
    rows = make_rows(framework, args.statements, spread=args.spread)
    gen_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        load_s, n_files = 0.0, 0
        if args.via == "memory":
            program = program_in_memory(rows)
        else:
            files = write_sheets(rows, Path(tmp), args.via)
            n_files = len(files)
            t = time.perf_counter()
            program = la.load_syllabi(tmp, progress=False)
            load_s = time.perf_counter() - t
    del rows
    gc.collect()
    rss_loaded = rss_mb()
    times, result = [], None
    for _ in range(args.repeat):
        result = None  # free the previous result: peak memory of one run
        gc.collect()
        t = time.perf_counter()
        result = la.align(program, framework, method="tfidf")
        times.append(time.perf_counter() - t)
    rss_align = rss_mb()
    n_matches, n_cov = len(result.matches), len(result.coverage)
    result = None
    gc.collect()
    texts = program.statements["text"].astype(str).tolist()
    n_dense = len(texts)
    if args.framework != "lssc" and args.dense_subset:
        n_dense = min(n_dense, args.dense_subset)
    dtimes = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        dense_baseline(texts[:n_dense], framework)
        dtimes.append(time.perf_counter() - t)
    return {
        "framework": args.framework,
        "competencies": len(framework.competencies),
        "statements": len(program.statements),
        "courses": len(program.courses),
        "problems": len(program.problems),
        "via": args.via,
        "files": n_files,
        "generate_s": gen_s,
        "load_s": load_s,
        "rss_loaded_mb": rss_loaded,
        "align_runs": times,
        "rss_align_mb": rss_align,
        "dense_statements": n_dense,
        "dense_runs": dtimes,
        "dense_scale": len(texts) / n_dense,
        "rss_dense_mb": rss_mb(),
        "matches": n_matches,
        "coverage_rows": n_cov,
    }


def report(r: dict) -> str:
    align = statistics.median(r["align_runs"])
    warm = statistics.median(r["align_runs"][1:]) if len(r["align_runs"]) > 1 else align
    dense = statistics.median(r["dense_runs"]) * r["dense_scale"]
    note = (
        ""
        if r["dense_statements"] == r["statements"]
        else f" (measured on {r['dense_statements']:,} statements, scaled linearly)"
    )
    runs = ", ".join(f"{t:.2f}" for t in r["align_runs"])
    load = (
        f"  load_syllabi ({r['files']} {r['via']} sheets): {r['load_s']:.2f} s; "
        f"{r['statements']:,} statements, {r['courses']:,} courses, "
        f"{r['problems']} problems; peak RSS {r['rss_loaded_mb']:.0f} MB\n"
        if r["via"] != "memory"
        else f"  program built in memory; peak RSS {r['rss_loaded_mb']:.0f} MB\n"
    )
    return (
        f"{r['framework']}: {r['statements']:,} statements x "
        f"{r['competencies']:,} competencies\n"
        + load
        + f"  align (tfidf): {align:.2f} s median (runs {runs}; warm median "
        f"{warm:.2f} s); peak RSS {r['rss_align_mb']:.0f} MB; {r['matches']:,} "
        f"matches, {r['coverage_rows']:,} coverage rows\n"
        f"  dense sklearn: {dense:.2f} s median{note}; peak RSS after it "
        f"{r['rss_dense_mb']:.0f} MB\n"
        f"  ratio align / dense: {align / dense:.2f} (warm {warm / dense:.2f}); "
        f"load + align / dense: {(r['load_s'] + align) / dense:.2f}"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--frameworks", default="lssc,big")
    ap.add_argument("--dense-subset", type=int, default=10_000)
    ap.add_argument("--via", choices=["csv", "xlsx", "memory"], default="csv")
    ap.add_argument(
        "--spread",
        type=int,
        default=0,
        help="other sets a course draws 20%% of its statements from (0: any set)",
    )
    ap.add_argument("--worker", dest="framework", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.framework:
        print(json.dumps(worker(args)))
        return 0
    print(
        f"cpus: {os.cpu_count()}; statements: {args.statements:,}; "
        f"median of {args.repeat} runs; via {args.via}; spread {args.spread or 'all'}"
    )
    for fw in args.frameworks.split(","):
        cmd = [sys.executable, __file__, "--worker", fw]
        for name in ("statements", "repeat", "dense_subset", "via", "spread"):
            cmd += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if out.returncode:
            print(f"{fw}: worker failed:\n{out.stderr[-2000:]}")
            continue
        print(report(json.loads(out.stdout.strip().splitlines()[-1])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
