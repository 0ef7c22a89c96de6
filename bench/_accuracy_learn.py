"""The learning simulation of ``bench/accuracy.py``: hit@1 after reviewer decisions.

Within each provider's courses (one program per provider), a simulated
reviewer decides every other labelled outcome: accepts its labelled
competencies and rejects the wrong ones among its top 3. hit@1 is counted on
the undecided outcomes before and after ``align(..., decisions=...)``; the
learning values (``learn_weight``, ``learn_min_similarity``,
``reject_weight``, ``learn_neighbors``) are chosen leave-one-provider-out on
that hit@1, with the decision model off. A second run decides a random half of
all outcomes of the pooled program.

The decision model (``learn_model_weight``, ``learn_example_weight``) is chosen
after, with the nearness values fixed at their all-provider choice
(:func:`model_simulation`): per provider, the hits on the undecided outcomes of
both runs (every other outcome of the provider's courses decided; a random half
of the pooled program decided, counted on that provider's undecided outcomes),
chosen leave-one-provider-out on their sum.
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
#: the decision model's values chosen together: its weight (0 = off) and how
#: many framework phrasings one decided statement counts for
MODEL_FIELDS = ("learn_model_weight", "learn_example_weight", "nearness")
GRID_MODEL = [(0.0, 3.0, True)] + list(
    itertools.product((0.2, 0.3, 0.5), (3.0, 10.0), (True, False))
)


def model_config(config, values):
    """``config`` with the decision model's ``values`` (:data:`MODEL_FIELDS`);
    ``nearness`` False turns the nearest-statement gain and loss off."""
    weight, examples, nearness = values
    config = replace(config, learn_model_weight=weight, learn_example_weight=examples)
    return config if nearness else replace(config, learn_weight=0.0, reject_weight=0.0)


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


def every_other(program, truth, labels):
    """Per provider (sorted): its courses as a program, their labels in course
    and outcome order, the decided statement ids (every other outcome) and the
    undecided ones."""
    providers = sorted({truth.info[c]["provider"] for c in truth.courses})
    for prov in providers:
        cids = [c for c in truth.courses if truth.info[c]["provider"] == prov]
        labs = sorted(
            (lab for lab in labels if lab["course_id"] in cids),
            key=lambda lab: (lab["course_id"], lab["i"]),
        )
        decided = {lab["statement_id"] for lab in labs[0::2]}
        rest = {lab["statement_id"] for lab in labs[1::2]}
        yield prov, subprogram(program, cids), labs, decided, rest


def learning_simulation(runner, program, truth, labels, config):
    """Per provider: decisions on every other outcome; LOPO choice of the values
    (the decision model off)."""
    config = replace(config, learn_model_weight=0.0)
    providers = sorted({truth.info[c]["provider"] for c in truth.courses})
    per = {}  # provider -> {"before": counts, params: counts}
    for prov, sub, labs, decided, rest in every_other(program, truth, labels):
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


def _half(labels, seed):
    """The decided and undecided statement ids of the random-half run."""
    rng = np.random.default_rng(seed)
    labs = list(labels)
    pick = rng.permutation(len(labs))
    decided = {labs[i]["statement_id"] for i in pick[: len(labs) // 2]}
    rest = {labs[i]["statement_id"] for i in pick[len(labs) // 2 :]}
    return decided, rest


def half_simulation(runner, program, labels, config, seed=0):
    decided, rest = _half(labels, seed)
    before = runner.matches(program, config)
    dec = simulated_decisions(before, labels, decided)
    after = runner.matches(program, config, decisions=dec)
    return hit1_on(before, labels, rest), hit1_on(after, labels, rest)


def model_simulation(runner, program, truth, labels, config, seed=0):
    """Choose the decision model's values (:data:`GRID_MODEL`), LOPO.

    ``config`` carries the nearness values. Returns, per run ("every other",
    "half"), the hits before, after with the LOPO-chosen values and after with
    the values chosen on all providers, plus the values chosen in the folds and
    on all providers.
    """
    providers = sorted({truth.info[c]["provider"] for c in truth.courses})
    prov_of = {
        lab["statement_id"]: truth.info[lab["course_id"]]["provider"] for lab in labels
    }
    # per provider and run: {values: hits}
    per = {p: {"every other": {}, "half": {}} for p in providers}
    before = {"every other": np.zeros(2), "half": np.zeros(2)}
    for prov, sub, labs, decided, rest in every_other(program, truth, labels):
        first = runner.matches(sub, config)
        dec = simulated_decisions(first, labs, decided)
        before["every other"] += hit1_on(first, labs, rest)
        for k in GRID_MODEL:
            after = runner.matches(sub, model_config(config, k), decisions=dec)
            per[prov]["every other"][k] = hit1_on(after, labs, rest)
    decided, rest = _half(labels, seed)
    first = runner.matches(program, config)
    dec = simulated_decisions(first, labels, decided)
    mine = {p: {s for s in rest if prov_of[s] == p} for p in providers}
    for prov in providers:
        before["half"] += hit1_on(first, labels, mine[prov])
    for k in GRID_MODEL:
        after = runner.matches(program, model_config(config, k), decisions=dec)
        for prov in providers:
            per[prov]["half"][k] = hit1_on(after, labels, mine[prov])

    def total(k, provs):
        return sum(per[p][r][k][0] for p in provs for r in ("every other", "half"))

    def pick(provs):
        # ties: the model off, then the smallest weight, then nearness on
        return max(GRID_MODEL, key=lambda k: (total(k, provs), -k[0], -k[1], k[2]))

    held_out = {"every other": np.zeros(2), "half": np.zeros(2)}
    chosen = set()
    for held in providers:
        best = pick([p for p in providers if p != held])
        chosen.add(best)
        for r in held_out:
            held_out[r] += per[held][r][best]
    full = pick(providers)
    on_all = {r: sum(per[p][r][full] for p in providers) for r in held_out}
    return before, held_out, on_all, sorted(chosen), full
