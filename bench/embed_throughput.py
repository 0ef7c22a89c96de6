"""Statements per second of the embedding matchers, cold cache, beside tfidf.

Usage::

    .venv/bin/python bench/embed_throughput.py [--statements 3000] [--repeat 3]

A program of ``--statements`` generated statements (``bench/scale.py``'s
generator: LSSC-like outcomes, topics and assessments with filler words, fixed
seed; every text distinct) and the bundled sample program are aligned with
``method="hybrid"`` ``--repeat`` times. Before each run the in-process
embedding cache is emptied, so every statement is embedded again (the figure a
first run on a new program gets; a re-run after review embeds nothing and is
as fast as ``tfidf``). The framework is fitted before the first timed run
(its vectors are not counted). Printed per program: distinct texts, the
median seconds and statements per second of ``hybrid``, of the encoder alone
on the same texts, and of ``tfidf`` in the same process, and the ratio
hybrid / tfidf. Needs the ``embed`` extra.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

# every statement is embedded: the vectors' disk cache would serve them instead
os.environ["LTA_ALIGN_CACHE_DIR"] = "off"

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))


def _median_seconds(fn, repeat: int, before=None) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--statements", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    import scale

    import lta_align as la
    from lta_align.match import embed

    fw = la.load_framework("lssc")
    programs = {
        "sample": la.load_syllabi(REPO / "data" / "syllabi"),
        "generated": scale.program_in_memory(scale.make_rows(fw, args.statements)),
    }
    from lta_align.config import MatchConfig
    from lta_align.match import get_matcher

    config = MatchConfig.for_framework(fw, "hybrid")
    get_matcher("hybrid", config).fit(fw)  # load the model, embed the framework
    keep = dict(embed._CACHE)  # the framework's texts only
    la.align(programs["sample"], fw, method="tfidf")
    print(f"cpus: {embed._cores()}; batch {embed.BATCH}; median of {args.repeat}")

    def cold() -> None:  # the framework's vectors stay cached, the statements' go
        embed._CACHE.clear()
        embed._CACHE.update(keep)

    for name, program in programs.items():
        texts = program.statements["text"].astype(str).tolist()
        n, uniq = len(texts), sorted(set(texts))
        distinct = len(uniq)
        hybrid = _median_seconds(
            lambda p=program: la.align(p, fw, method="hybrid"), args.repeat, cold
        )
        encoder = _median_seconds(lambda t=uniq: embed._encode(t), args.repeat)
        tfidf = _median_seconds(
            lambda p=program: la.align(p, fw, method="tfidf"), args.repeat
        )
        print(
            f"{name}: {n:,} statements ({distinct:,} distinct)\n"
            f"  hybrid align, cold cache: {hybrid:.2f} s = {n / hybrid:,.0f} "
            f"statements/s\n"
            f"  encoder alone:            {encoder:.2f} s = {distinct / encoder:,.0f} "
            f"texts/s\n"
            f"  tfidf align:              {tfidf:.2f} s = {n / tfidf:,.0f} "
            f"statements/s\n"
            f"  ratio hybrid / tfidf: {hybrid / tfidf:.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
