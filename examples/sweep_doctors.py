#!/usr/bin/env python3
"""How do the unserved share and the mean wait respond to the number of GPs and to the
acute-care rate? A sweep of every practice's doctors (× 0.8 … 1.1) by the gp_acute rate on
Loir-et-Cher, two replications; one PNG with both measures and their 95% intervals.

Doctors are scaled exactly: a one-doctor cabinet × 0.8 keeps a diary with 0.8 of the
weekly slots (fractional doctors are part-time diaries), so every practice takes its share.
The rates are bare numbers: they take the scenario's unit (per year).

The horizon is shortened from the scenario's 435 days to 160 (its 70-day warm-up, then 90
days measured) to keep the 12 variants × 2 replications to a few minutes on a laptop; the
intervals say how much that costs in precision. `--horizon "435 d" --replications 10` gives
the scenario's own figures.

    PYTHONPATH=build/python python3 examples/sweep_doctors.py --out sweep_doctors.png
"""
import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import maillage  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default=os.path.join(HERE, "..", "scenarios", "loir-et-cher.yaml"))
    parser.add_argument("--out", default="sweep_doctors.png", help="the PNG to write")
    parser.add_argument("--scales", default="0.8,0.9,1.0,1.1", help="factors on every practice's doctors")
    parser.add_argument("--rates", default="1.0,1.2,1.4", help="gp_acute rates, in the scenario's unit (per year)")
    parser.add_argument("--horizon", default="160 d", help="shorter than the scenario's, to stay quick")
    parser.add_argument("--replications", type=int, default=2)
    parser.add_argument("--plan", default="baseline")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args(argv)

    doctors, rate = "supply.practices[*].doctors", "demand.care_types.gp_acute.rate"
    sc = maillage.load(args.scenario, overrides={"scenario.horizon": args.horizon})
    table = maillage.sweep(sc, grid={doctors: [f"*{s}" for s in args.scales.split(",")],
                                     rate: [float(r) for r in args.rates.split(",")]},
                           replications=args.replications, seed=1, plans=[args.plan], jobs=args.jobs)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    maillage.plot_sweep(table, x=doctors, y="unserved_share", hue=rate, ax=axes[0])
    maillage.plot_sweep(table, x=doctors, y="wait_days_mean", hue=rate, ax=axes[1])
    fig.suptitle(f"{sc.name}: doctors × acute-care rate ({args.replications} replications, 95% intervals)")
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)
    print(f"wrote {args.out}")
    return table


if __name__ == "__main__":
    main()
