"""The learning simulation of ``bench/accuracy.py``: hit@1 after reviewer decisions.

Within each provider's courses (one program per provider), a simulated
reviewer decides every other labelled outcome: accepts its labelled
competencies and rejects the wrong ones among its top 3. hit@1 is counted on
the undecided outcomes before and after ``align(..., decisions=...)``; the
learning values (``learn_weight``, ``learn_min_similarity``,
``reject_weight``, ``learn_neighbors``) are chosen leave-one-provider-out on
that hit@1. A second run decides a random half of all outcomes of the pooled program.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pandas as pd

from lta_align.model import Program

#: the learning values chosen together (see lta_align.match._learn): the gain
#: per unit of similarity to an accepted pair, the similarity under which a
#: decided statement teaches nothing, the loss per unit of similarity to a
#: rejected pair, and how many nearest decided statements count
LEARN_FIELDS = (
    "learn_weight",
    "learn_min_similarity",
    "reject_weight",
    "learn_neighbors",
)
GRID_LEARN = list(
    itertools.product(
        (0.0, 0.1, 0.25, 0.5), (0.0, 0.1, 0.2, 0.3), (0.0, 0.25, 0.5), (1, 3, 5)
    )
)


def learn_config(config, values):
    """``config`` with the learning ``values`` (in :data:`LEARN_FIELDS` order)."""
    return replace(config, **dict(zip(LEARN_FIELDS, values, strict=True)))


def _tie(k):
    """Ties: the least learning (the smallest gain)."""
    return -k[0]


def subprogram(program: Program, course_ids) -> Program:
    """The courses ``course_ids`` of ``program`` as a program of their own."""
    keep = set(course_ids)
    return Program(
        program.courses[program.courses["course_id"].isin(keep)],
        program.statements[program.statements["course_id"].isin(keep)],
        program.problems,
        name=program.name,
    )


def simulated_decisions(matches, labels, decided):
    """A reviewer's rows for the ``decided`` outcomes (accept gold, reject wrong)."""
    top = matches[matches["rank"] <= 3]
    cands = top.groupby("statement_id")["competency_id"].apply(list).to_dict()
    rows = []
    for lab in labels:
        if lab["statement_id"] not in decided:
            continue
        for comp in sorted(lab["gold"]):
            rows.append((lab["course_id"], lab["statement_id"], comp, "accept"))
        for comp in cands.get(lab["statement_id"], []):
            if comp not in lab["either"]:
                rows.append((lab["course_id"], lab["statement_id"], comp, "reject"))
    return pd.DataFrame(
        rows, columns=["course_id", "statement_id", "competency_id", "decision"]
    )


def hit1_on(matches, labels, ids):
    top = matches[matches["rank"] == 1].set_index("statement_id")["competency_id"]
    hits = [
        top.get(lab["statement_id"]) in lab["gold"]
        for lab in labels
        if lab["statement_id"] in ids and lab["gold"]
    ]
    return np.array([sum(hits), len(hits)], dtype=float)


def learning_simulation(runner, program, truth, labels, config):
    """Per provider: decisions on every other outcome; LOPO choice of the values."""
    providers = sorted({truth.info[c]["provider"] for c in truth.courses})
    per = {}  # provider -> {"before": counts, params: counts}
    for prov in providers:
        cids = [c for c in truth.courses if truth.info[c]["provider"] == prov]
        sub = subprogram(program, cids)
        labs = sorted(
            (lab for lab in labels if lab["course_id"] in cids),
            key=lambda lab: (lab["course_id"], lab["i"]),
        )
        decided = {lab["statement_id"] for lab in labs[0::2]}
        rest = {lab["statement_id"] for lab in labs[1::2]}
        before = runner.matches(sub, config)
        dec = simulated_decisions(before, labs, decided)
        res = {"before": hit1_on(before, labs, rest)}
        for k in GRID_LEARN:
            after = runner.matches(sub, learn_config(config, k), decisions=dec)
            res[k] = hit1_on(after, labs, rest)
        per[prov] = res
    before = sum(r["before"] for r in per.values())
    after = np.zeros(2)
    chosen = set()
    for held in providers:
        train = [p for p in providers if p != held]
        best = max(
            GRID_LEARN, key=lambda k: (sum(per[p][k][0] for p in train), _tie(k))
        )
        chosen.add(best)
        after += per[held][best]
    full = max(
        GRID_LEARN, key=lambda k: (sum(per[p][k][0] for p in providers), _tie(k))
    )
    shipped = sum(
        per[p][
            min(
                GRID_LEARN,
                key=lambda k: sum(
                    abs(v - getattr(config, f))
                    for v, f in zip(k, LEARN_FIELDS, strict=True)
                ),
            )
        ]
        for p in providers
    )
    return before, after, sorted(chosen), full, shipped


def half_simulation(runner, program, labels, config, seed=0):
    rng = np.random.default_rng(seed)
    labs = list(labels)
    pick = rng.permutation(len(labs))
    decided = {labs[i]["statement_id"] for i in pick[: len(labs) // 2]}
    rest = {labs[i]["statement_id"] for i in pick[len(labs) // 2 :]}
    before = runner.matches(program, config)
    dec = simulated_decisions(before, labs, decided)
    after = runner.matches(program, config, decisions=dec)
    return hit1_on(before, labs, rest), hit1_on(after, labs, rest)
