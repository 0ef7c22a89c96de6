"""Accuracy of every matching method on the labelled development courses.

Usage::

    .venv/bin/python bench/accuracy.py [EVAL_DIR] [--methods tfidf,hybrid]

EVAL_DIR defaults to ``../shared/eval`` relative to the repository and must
hold ``lta_courses_dev.jsonl`` and ``outcome_labels_dev.jsonl``.

Printed, for a plain TF-IDF baseline (competency statements only, no glossary,
no match terms, no course context, no tuning) and for each method of
``lta_align.match.METHODS`` that can run here:

* course -> set top-1: the course's ``primary_set_id`` equals one of its
  labelled sets (a course labelled with no set must get no primary set);
  overall and per set.
* outcome -> competency hit@1: the rank-1 competency is among the outcome's
  ``competencies`` (both annotators agree); an unmatched outcome is a miss.
  hit@3: any of the top 3 is among them ("recall@3" in the targets);
  gold-recall@3: share of the labelled competencies found in the top 3.
  The same figures against ``either`` (one annotator or both) follow.
* coverage precision / recall / F1 over course x competency pairs of each
  course's labelled set(s): truly covered when one of the course's outcomes is
  labelled with the competency; predicted covered when ``status`` is
  ``covered``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

import lta_align as la
from lta_align.match import METHODS, MatchConfig
from lta_align.model import Program, problems_frame
from lta_align.text import statement_id

REPO = Path(__file__).resolve().parents[1]


def load_eval(eval_dir: Path, framework):
    courses = [
        json.loads(x)
        for x in (eval_dir / "lta_courses_dev.jsonl").read_text("utf-8").splitlines()
        if x.strip()
    ]
    labels = [
        json.loads(x)
        for x in (eval_dir / "outcome_labels_dev.jsonl").read_text("utf-8").splitlines()
        if x.strip()
    ]
    name_to_id = dict(
        zip(framework.sets["set_name"], framework.sets["set_id"], strict=True)
    )
    rows, crow, truth_sets = [], [], {}
    for c in courses:
        cid = c["id"]
        crow.append(
            {
                "course_id": cid,
                "course_code": c.get("course_code", ""),
                "course_title": c["title"],
                "source": "eval",
            }
        )
        truth_sets[cid] = {name_to_id[s] for s in c.get("lssc_sets", [])}
        if c.get("description"):
            rows.append((cid, "description", c["description"]))
        for o in c["outcomes"]:
            rows.append((cid, "outcome", o))
    st = pd.DataFrame(
        [
            {
                "course_id": cid,
                "statement_id": statement_id(cid, t),
                "kind": k,
                "text": t,
                "source": "eval",
                "location": "",
            }
            for cid, k, t in rows
        ]
    )
    st = st.drop_duplicates(["course_id", "statement_id"])
    program = Program(
        pd.DataFrame(crow),
        st.reset_index(drop=True),
        problems_frame([]),
        name="eval-dev",
    )
    out_labels = []
    for lab in labels:
        course = next(c for c in courses if c["id"] == lab["course"])
        text = course["outcomes"][lab["i"]]
        out_labels.append(
            {
                "course_id": lab["course"],
                "statement_id": statement_id(lab["course"], text),
                "gold": set(lab["competencies"]),
                "either": set(lab["either"]),
            }
        )
    return program, truth_sets, out_labels


def evaluate(matches, courses, coverage, truth_sets, labels, framework):
    res = {}
    prim = dict(zip(courses["course_id"], courses["primary_set_id"], strict=True))
    ok, per_set = [], defaultdict(list)
    for cid, sets in truth_sets.items():
        good = (prim.get(cid, "") in sets) if sets else prim.get(cid, "") == ""
        ok.append(good)
        for s in sets or {"(general)"}:
            per_set[s].append(good)
    res["set_top1"] = float(np.mean(ok))
    res["per_set"] = {s: (sum(v), len(v)) for s, v in sorted(per_set.items())}
    ranked = matches.sort_values(["statement_id", "rank"], kind="stable")
    top = ranked.groupby("statement_id")["competency_id"].apply(list).to_dict()
    labelled = [lab for lab in labels if lab["gold"]]
    res["hit1_labelled"] = (
        float(
            np.mean(
                [
                    top.get(lab["statement_id"], [None])[0] in lab["gold"]
                    for lab in labelled
                ]
            )
        )
        if labelled
        else 0.0
    )
    empty = [lab for lab in labels if not lab["gold"]]
    res["empty_unmatched"] = (
        sum(lab["statement_id"] not in top for lab in empty),
        len(empty),
    )
    for key in ("gold", "either"):
        h1, h3, r3 = [], [], []
        for lab in labels:
            pred = top.get(lab["statement_id"], [])
            gold = lab[key]
            h1.append(bool(pred[:1]) and pred[0] in gold)
            h3.append(any(p in gold for p in pred[:3]))
            r3.append(len(gold & set(pred[:3])) / max(len(gold), 1))
        res[f"hit1_{key}"] = float(np.mean(h1))
        res[f"hit3_{key}"] = float(np.mean(h3))
        res[f"rec3_{key}"] = float(np.mean(r3))
    truth_cov = defaultdict(set)
    for lab in labels:
        truth_cov[lab["course_id"]] |= lab["gold"]
    comps = framework.competencies
    cov_status = {
        (r.course_id, r.competency_id): r.status for r in coverage.itertuples()
    }
    tp = fp = fn = 0
    for cid, sets in truth_sets.items():
        for comp in comps.loc[comps["set_id"].isin(sets), "competency_id"]:
            truth = comp in truth_cov[cid]
            pred = cov_status.get((cid, comp), "not covered") == "covered"
            tp += truth and pred
            fp += pred and not truth
            fn += truth and not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    res["cov_p"], res["cov_r"] = p, r
    res["cov_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return res


def baseline(program, framework, cov_threshold=0.2, floor=0.05):
    """Plain TF-IDF: sklearn defaults, competency text only, no context."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    comps = framework.competencies
    vec = TfidfVectorizer(sublinear_tf=True).fit(comps["text"])
    st = program.statements
    sim = linear_kernel(vec.transform(st["text"]), vec.transform(comps["text"]))
    order = np.argsort(-sim, axis=1, kind="stable")[:, :3]
    rows = []
    for i, r in enumerate(st.itertuples()):
        for rank, j in enumerate(order[i], start=1):
            if sim[i, j] >= floor:
                rows.append(
                    {
                        "course_id": r.course_id,
                        "statement_id": r.statement_id,
                        "competency_id": comps["competency_id"].iloc[j],
                        "set_id": comps["set_id"].iloc[j],
                        "score": float(sim[i, j]),
                        "rank": rank,
                        "kind": r.kind,
                    }
                )
    matches = pd.DataFrame(rows)
    # course set = set with most rank-1 votes (ties: framework order)
    top1 = matches[matches["rank"] == 1]
    votes = top1.groupby(["course_id", "set_id"]).size().rename("n").reset_index()
    order_s = {s: i for i, s in enumerate(framework.set_ids)}
    votes["_o"] = votes["set_id"].map(order_s)
    votes = votes.sort_values(["course_id", "n", "_o"], ascending=[True, False, True])
    primary = votes.drop_duplicates("course_id").set_index("course_id")["set_id"]
    courses = program.courses.assign(
        primary_set_id=program.courses["course_id"].map(primary).fillna("")
    )
    best = matches.groupby(["course_id", "competency_id"])["score"].max()
    coverage = best.reset_index()
    coverage["status"] = np.where(
        coverage["score"] >= cov_threshold, "covered", "not covered"
    )
    return matches, courses, coverage


def fmt(res):
    return (
        f"set top-1 {res['set_top1']:.0%} | hit@1 {res['hit1_gold']:.1%} "
        f"(labelled only {res['hit1_labelled']:.1%}) hit@3 {res['hit3_gold']:.1%} "
        f"gold-recall@3 {res['rec3_gold']:.1%} | "
        f"either: hit@1 {res['hit1_either']:.1%} hit@3 {res['hit3_either']:.1%} "
        f"| coverage P {res['cov_p']:.2f} R {res['cov_r']:.2f} "
        f"F1 {res['cov_f1']:.2f} | no-label outcomes unmatched "
        f"{res['empty_unmatched'][0]}/{res['empty_unmatched'][1]}"
    )


def _course_counts(matches, courses, coverage, truth_sets, labels, framework):
    """Per-course counts (set ok, coverage tp/fp/fn, hit@1, hit@3, outcomes)."""
    out = {}
    for cid in sorted(truth_sets):
        labs = [lab for lab in labels if lab["course_id"] == cid]
        one = {cid: truth_sets[cid]}
        r = evaluate(matches, courses, coverage, one, labs, framework)
        truth = set().union(*[lab["gold"] for lab in labs]) if labs else set()
        status = {
            (x.course_id, x.competency_id): x.status
            for x in coverage[coverage["course_id"] == cid].itertuples()
        }
        comps = framework.competencies
        tp = fp = fn = 0
        for comp in comps.loc[comps["set_id"].isin(truth_sets[cid]), "competency_id"]:
            t = comp in truth
            pr = status.get((cid, comp), "not covered") == "covered"
            tp += t and pr
            fp += pr and not t
            fn += t and not pr
        n = len(labs)
        out[cid] = np.array(
            [r["set_top1"], tp, fp, fn, r["hit1_gold"] * n, r["hit3_gold"] * n, n]
        )
    return out


def _figures(c):
    """set top-1, hit@1, hit@3, coverage P, R, F1 from summed course counts."""
    n_courses = c[7]
    tp, fp, fn = c[1], c[2], c[3]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    n = max(c[6], 1)
    return c[0] / n_courses, c[4] / n, c[5] / n, p, r, f1


def leave_one_course_out(program, framework, truth_sets, labels, method="tfidf"):
    """Choose the calibrated values on 14 courses and score the 15th, in turn.

    The values chosen: ``prior_weight`` (strength of the course context, a
    global parameter of the matcher), ``covered_threshold`` and
    ``primary_min_share``. The objective on the 14 training courses is the sum
    of the four target figures (set top-1, hit@1, hit@3, coverage F1). The
    matcher itself learns nothing else from the labels.
    """
    from lta_align.coverage import summarise

    grid_pw = [0.3, 0.5, 0.7]
    grid_ct = [0.15, 0.18, 0.2, 0.22, 0.25, 0.3, 0.35, 0.4, 0.45]
    grid_ps = [0.5, 0.55, 0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.72, 0.75]
    counts = {}
    for pw in grid_pw:
        base = MatchConfig.for_framework(framework, method, prior_weight=pw)
        result = la.align(program, framework, method=method, config=base)
        for ct in grid_ct:
            for ps in grid_ps:
                cfg = replace(
                    base,
                    covered_threshold=ct,
                    partial_threshold=min(base.partial_threshold, ct),
                    match_threshold=min(base.match_threshold, ct),
                    primary_min_share=ps,
                )
                cov, _, co = summarise(result.matches, program, framework, cfg)
                per = _course_counts(
                    result.matches, co, cov, truth_sets, labels, framework
                )
                counts[pw, ct, ps] = per
    courses = sorted(truth_sets)
    total = np.zeros(8)
    chosen = []
    for held in courses:

        def quality(key, held=held):
            c = sum(v for k, v in counts[key].items() if k != held)
            top1, hit1, hit3, _, _, f1 = _figures(np.append(c, len(courses) - 1))
            return (round(f1 + top1 + hit1 + hit3, 6), key)

        scored = [quality(k) for k in counts]
        top = max(q for q, _ in scored)
        # several values tie on 14 courses: take the middle of the tied region
        # (the largest margin on both sides), not its edge
        tied = sorted(k for q, k in scored if q == top)
        best = tied[len(tied) // 2]
        chosen.append(best)
        total += np.append(counts[best][held], 1)
    top1, hit1, hit3, p, r, f1 = _figures(total)
    print(
        f"{'LOO':>9}: {method}, values chosen on the other 14 courses: "
        f"set top-1 {top1:.0%} | hit@1 {hit1:.1%} hit@3 {hit3:.1%} | "
        f"coverage P {p:.2f} R {r:.2f} F1 {f1:.2f} | chosen (prior weight, "
        f"covered, primary share): {sorted(set(chosen))}"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(REPO / ".." / "shared" / "eval"))
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument("--per-set", action="store_true", help="print per-set top-1")
    ap.add_argument(
        "--loo",
        action="store_true",
        help="leave-one-course-out check of the calibrated values",
    )
    args = ap.parse_args(argv)
    framework = la.load_framework("lssc")
    program, truth_sets, labels = load_eval(Path(args.eval_dir), framework)
    print(
        f"eval: {len(program.courses)} courses, {len(program.statements)} "
        f"statements, {len(labels)} labelled outcomes ({args.eval_dir})"
    )
    t = time.perf_counter()
    res = evaluate(*baseline(program, framework), truth_sets, labels, framework)
    print(f"{'baseline':>9}: {fmt(res)}  [{time.perf_counter() - t:.2f}s]")
    for method in args.methods.split(","):
        t = time.perf_counter()
        try:
            result = la.align(
                program,
                framework,
                method=method,
                config=MatchConfig.for_framework(framework, method),
            )
        except ImportError as exc:
            print(f"{method:>9}: skipped ({exc})")
            continue
        res = evaluate(
            result.matches,
            result.courses,
            result.coverage,
            truth_sets,
            labels,
            framework,
        )
        print(f"{method:>9}: {fmt(res)}  [{time.perf_counter() - t:.2f}s]")
        if args.per_set:
            for s, (a, n) in res["per_set"].items():
                print(f"{'':>11}{s}: {a}/{n}")
    if args.loo:
        leave_one_course_out(program, framework, truth_sets, labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
