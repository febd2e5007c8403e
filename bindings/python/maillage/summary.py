"""A sweep's summary per variant and plan: kpis.csv's mean and 95% interval (the C++
writer's own numbers, not recomputed), and the paired difference to a reference variant
over replications (same seed, so the same patients: common random numbers)."""
import math

import numpy as np
import pandas as pd

from .result import Result


def _t_quantile(p, df):
    """Student-t quantile by bisection on the CDF, integrated from the density (no scipy)."""
    if df > 1000:
        df = 1000
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)

    def cdf(t):
        x = np.linspace(0.0, t, 20001)
        y = c * (1 + x * x / df) ** (-(df + 1) / 2)
        return 0.5 + float(np.sum((y[1:] + y[:-1]) * np.diff(x)) / 2)
    lo, hi = 0.0, 1000.0
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return (lo + hi) / 2


def summarise(table, reference=None):
    """Per variant, plan and measure: mean, ci_low, ci_high (equal to kpis.csv's), and with
    `reference` (a variant label) diff_ref, diff_ref_low, diff_ref_high: the paired
    difference of each replication to the same replication of the reference variant."""
    kpis = table.attrs.get("kpis")
    if kpis is None:
        raise ValueError("summarise() takes the table maillage.sweep returned, with at least one variant that ran")
    keys = table.attrs.get("parameters", [])
    frames = []
    for label, design, csv in kpis:
        frame = Result({"kpis": csv}).kpis
        frame.insert(0, "variant", label)
        for k in keys:
            frame.insert(frame.columns.get_loc("plan"), k, design.get(k))
        frames.append(frame)
    kpis = pd.concat(frames, ignore_index=True)
    out = kpis[["variant", *keys, "plan", "measure", "mean", "ci_low", "ci_high", "half_width"]].copy()
    if reference is None:
        return out
    if reference not in set(table["variant"]):
        raise ValueError(f"reference {reference!r} is not a variant of this sweep: {sorted(set(table['variant']), key=str)}")
    measures = [m for m in out["measure"].unique() if m in table.columns]
    long = table.melt(id_vars=["variant", "plan", "replication"], value_vars=measures, var_name="measure")
    ref = long[long["variant"] == reference].drop(columns="variant").rename(columns={"value": "ref"})
    paired = long.merge(ref, on=["plan", "replication", "measure"])
    paired["d"] = paired["value"] - paired["ref"]
    rows = []
    for (variant, plan, measure), g in paired.groupby(["variant", "plan", "measure"], sort=False):
        d = g["d"].to_numpy(dtype=float)
        half = _t_quantile(0.975, len(d) - 1) * d.std(ddof=1) / math.sqrt(len(d)) if len(d) > 1 else math.nan
        rows.append((variant, plan, measure, d.mean(), d.mean() - half, d.mean() + half))
    diffs = pd.DataFrame(rows, columns=["variant", "plan", "measure", "diff_ref", "diff_ref_low", "diff_ref_high"])
    return out.merge(diffs, on=["variant", "plan", "measure"], how="left")
