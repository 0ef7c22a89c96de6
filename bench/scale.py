"""Time and memory of align() on a generated 100,000-statement program.

Usage::

    .venv/bin/python bench/scale.py [--statements 100000] [--repeat 3]
        [--frameworks lssc,big] [--dense-subset 10000]

For each framework (the built-in LSSC sets, and a generated framework of 100
sets x 100 = 10,000 competencies) a fresh subprocess generates the program
(fixed seed), then runs

* ``la.align(program, framework)`` (method tfidf, default config),
* a straightforward dense scikit-learn implementation in the same process:
  ``TfidfVectorizer`` fitted on the competency texts, ``.toarray()`` on both
  sides, ``cosine_similarity`` on the dense arrays, ``argsort`` for the top 3.

Printed per framework: median wall time of ``--repeat`` runs of each, the peak
resident memory of the process after each step (``resource.ru_maxrss``, so the
dense figure includes everything before it) and the time ratio. The dense
baseline on the 10,000-competency framework does not fit in memory for 100,000
statements (100,000 x 10,000 float64 scores alone are 8 GB), so it runs on the
first ``--dense-subset`` statements and its time is scaled linearly; the output
says so.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

WORDS_FILLER = (
    "weekly discussion practice project lab case study review group session hands-on "
    "exercise real-world scenario community college library staff patrons skills"
).split()


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


def make_program(framework, n_statements: int, per_course: int = 100):
    """Courses of ``per_course`` statements, each course mostly about one set."""
    from lta_align.model import Program, problems_frame
    from lta_align.text import statement_id

    rng = np.random.default_rng(0)
    comps = framework.competencies
    set_ids = framework.set_ids
    by_set = {s: comps.loc[comps["set_id"] == s, "text"].tolist() for s in set_ids}
    kinds = np.array(["outcome", "topic", "assessment", "reading", "description"])
    kind_p = [0.3, 0.35, 0.2, 0.1, 0.05]
    rows = []
    n_courses = max(1, n_statements // per_course)
    for c in range(n_courses):
        cid = f"GEN{c:05d}"
        home = set_ids[c % len(set_ids)]
        for i in range(per_course):
            s = home if rng.random() < 0.8 else set_ids[rng.integers(len(set_ids))]
            words = rng.choice(by_set[s]).rstrip(".").split()
            keep = rng.choice(words, size=max(3, len(words) // 2), replace=False)
            text = " ".join(list(keep) + list(rng.choice(WORDS_FILLER, size=4)))
            text = f"{text} ({i})"
            rows.append(
                (cid, statement_id(cid, text), kinds[rng.choice(5, p=kind_p)], text)
            )
    st = pd.DataFrame(rows, columns=["course_id", "statement_id", "kind", "text"])
    st["source"] = "generated"
    st["location"] = ""
    courses = pd.DataFrame({"course_id": sorted(st["course_id"].unique())})
    courses["course_code"] = courses["course_id"]
    courses["course_title"] = courses["course_id"]
    courses["source"] = "generated"
    return Program(
        courses,
        st.iloc[:n_statements].reset_index(drop=True),
        problems_frame([]),
        name="generated",
    )


def dense_baseline(program, framework):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vec = TfidfVectorizer(sublinear_tf=True).fit(framework.competencies["text"])
    a = vec.transform(program.statements["text"]).toarray()
    b = vec.transform(framework.competencies["text"]).toarray()
    sim = cosine_similarity(a, b)
    top = np.argsort(-sim, axis=1, kind="stable")[:, :3]
    return top


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(args) -> None:
    import lta_align as la

    framework = make_framework(args.framework)
    program = make_program(framework, args.statements)
    import sklearn  # noqa: F401  (import cost outside the timings)

    import lta_align.match.tfidf  # noqa: F401

    before = rss_mb()
    times = []
    result = None
    for _ in range(args.repeat):
        result = None  # free the previous result: peak memory of one run
        gc.collect()
        t = time.perf_counter()
        result = la.align(program, framework)
        times.append(time.perf_counter() - t)
    engine_rss = rss_mb()
    n_dense = len(program.statements)
    if args.framework != "lssc" and args.dense_subset:
        n_dense = min(n_dense, args.dense_subset)
    sub = (
        program
        if n_dense == len(program.statements)
        else type(program)(
            program.courses, program.statements.iloc[:n_dense], program.problems
        )
    )
    dtimes = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        dense_baseline(sub, framework)
        dtimes.append(time.perf_counter() - t)
    print(
        json.dumps(
            {
                "framework": args.framework,
                "competencies": len(framework.competencies),
                "statements": len(program.statements),
                "engine_s": statistics.median(times),
                "engine_runs": times,
                "rss_before_mb": before,
                "rss_engine_mb": engine_rss,
                "dense_statements": n_dense,
                "dense_s": statistics.median(dtimes),
                "dense_scaled_s": statistics.median(dtimes)
                * len(program.statements)
                / n_dense,
                "rss_dense_mb": rss_mb(),
                "matches": len(result.matches),
                "coverage_rows": len(result.coverage),
            }
        )
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--frameworks", default="lssc,big")
    ap.add_argument("--dense-subset", type=int, default=10_000)
    ap.add_argument("--worker", dest="framework", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.framework:
        worker(args)
        return 0
    print(
        f"cpus: {os.cpu_count()}; statements: {args.statements:,}; "
        f"median of {args.repeat} runs"
    )
    for fw in args.frameworks.split(","):
        cmd = [
            sys.executable,
            __file__,
            "--worker",
            fw,
            "--statements",
            str(args.statements),
            "--repeat",
            str(args.repeat),
            "--dense-subset",
            str(args.dense_subset),
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if out.returncode:
            print(f"{fw}: worker failed:\n{out.stderr[-2000:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        dense_note = (
            ""
            if r["dense_statements"] == r["statements"]
            else f" (measured on {r['dense_statements']:,} statements, "
            "time scaled linearly)"
        )
        print(
            f"{fw}: {r['statements']:,} statements x {r['competencies']:,} "
            f"competencies\n"
            f"  align (tfidf): {r['engine_s']:.2f} s median "
            f"(runs {', '.join(f'{t:.2f}' for t in r['engine_runs'])}); "
            f"peak RSS {r['rss_engine_mb']:.0f} MB (program + framework alone "
            f"{r['rss_before_mb']:.0f} MB); {r['matches']:,} matches, "
            f"{r['coverage_rows']:,} coverage rows\n"
            f"  dense sklearn: {r['dense_scaled_s']:.2f} s{dense_note}; peak RSS "
            f"after it {r['rss_dense_mb']:.0f} MB\n"
            f"  time ratio align / dense: {r['engine_s'] / r['dense_scaled_s']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
