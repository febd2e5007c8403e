"""Sweep throughput on 1 and 2 worker processes (goal: 2 cores >= 1.8x one).

    /usr/bin/python3 benchmarks/sweep_throughput.py [variants]

A grid of Loir-et-Cher variants (doctors of one practice), one replication each, baseline
only, shortened to 120 days so that each variant takes about a third of a second.
"""
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import maillage

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def main(variants):
    sc = maillage.load(os.path.join(ROOT, "scenarios", "loir-et-cher.yaml"),
                       {"scenario.horizon": "120 d", "scenario.warmup": "14 d"})
    grid = {"supply.practices[0].doctors": list(range(1, variants + 1))}
    rates = {}
    for workers in (1, 2):
        with ProcessPoolExecutor(max_workers=workers) as pool:
            start = time.monotonic()
            table = maillage.sweep(sc, grid, replications=1, seed=1, plans=["baseline"], executor=pool, progress=False)
            elapsed = time.monotonic() - start
        assert table["error"].isna().all()
        rates[workers] = variants / elapsed
        print(f"{workers} worker(s): {variants} variants in {elapsed:.2f} s, {rates[workers]:.2f} variants/s")
    print(f"speed-up on 2 cores: {rates[2] / rates[1]:.2f}x (goal >= 1.8x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 16)
