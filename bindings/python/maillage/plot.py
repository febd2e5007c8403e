"""Figures through matplotlib (Agg backend, no display needed): a sweep's measure against a
parameter with 95% intervals over replications, and a run's measures per plan."""
import math

import numpy as np

from .summary import _t_quantile
from .tidy import tidy


def _pyplot():
    import matplotlib
    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def _interval(values):
    """Mean and half width of the 95% Student interval (nan with one replication)."""
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    if len(v) == 0:
        return math.nan, math.nan
    if len(v) == 1:
        return float(v[0]), math.nan
    return float(v.mean()), _t_quantile(0.975, len(v) - 1) * float(v.std(ddof=1)) / math.sqrt(len(v))


def _relative(values):
    """A parameter swept as relative changes ("*0.8", "*1.1") is drawn at its factors."""
    if values.map(lambda v: isinstance(v, str) and v.startswith("*")).all():
        try:
            return values.map(lambda v: float(v[1:]))
        except ValueError:
            return None
    return None


def sweep_intervals(table, x, y, hue=None, care_type="all", plan=None):
    """The points plot_sweep draws, as a DataFrame: x, hue, mean, ci_low, ci_high, n."""
    import pandas as pd
    long = table if "measure" in table.columns else tidy(table)
    for name in (x, hue):
        if name is not None and name not in long.columns:
            raise ValueError(f"{name!r} is not a column of the sweep: {list(long.columns)}")
    rows = long[(long["measure"] == y) & (long["care_type"] == care_type)]
    if rows.empty:
        raise ValueError(f"no measure {y!r} with care type {care_type!r} in the sweep: "
                         f"measures {sorted(long['measure'].unique())}, care types {sorted(long['care_type'].unique())}")
    plans = rows["plan"].unique()
    if plan is None and len(plans) > 1:
        raise ValueError(f"the sweep has several plans {list(plans)}: pass plan=")
    if plan is not None:
        rows = rows[rows["plan"] == plan]
    rows = rows.copy()
    for name in (x, hue):
        factors = _relative(rows[name]) if name is not None else None
        if factors is not None:
            rows[name] = factors
    keys = [x] if hue is None else [hue, x]
    out = []
    for group, g in rows.groupby(keys if hue is not None else x, sort=True, dropna=False):
        group = group if isinstance(group, tuple) else (group,)
        mean, half = _interval(g["value"])
        out.append((*group, mean, mean - half, mean + half, int(g["value"].notna().sum())))
    return pd.DataFrame(out, columns=[*keys, "mean", "ci_low", "ci_high", "n"])


def plot_sweep(table, x, y, hue=None, care_type="all", plan=None, ax=None, path=None):
    """Draws the mean of measure `y` against parameter `x` (one line per value of `hue`),
    with its 95% interval over replications as error bars. `table`: what sweep() returned
    (wide or tidy). Returns the matplotlib Axes; `path` also saves the figure (PNG, SVG, PDF)."""
    plt = _pyplot()
    points = sweep_intervals(table, x, y, hue, care_type, plan)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    groups = [(None, points)] if hue is None else list(points.groupby(hue, sort=True))
    for value, g in groups:
        label = None if hue is None else f"{hue} = {value:g}" if isinstance(value, float) else f"{hue} = {value}"
        yerr = [(g["mean"] - g["ci_low"]).fillna(0), (g["ci_high"] - g["mean"]).fillna(0)]
        ax.errorbar(g[x], g["mean"], yerr=yerr, marker="o", capsize=3, label=label)
    relative = _relative(table[x].dropna()) is not None
    ax.set_xlabel(f"{x} (× scenario)" if relative else x)
    ax.set_ylabel(y if care_type == "all" else f"{y} ({care_type})")
    if hue is not None:
        ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    if path is not None:
        ax.figure.tight_layout()
        ax.figure.savefig(path, dpi=120)
    return ax


def plot_result(result, y, care_type="all", ax=None, path=None):
    """One measure per plan of a run: kpis.csv's mean and 95% interval as bars."""
    plt = _pyplot()
    kpis = result.kpis
    name = y if care_type == "all" else f"{y}.{care_type}"
    rows = kpis[kpis["measure"] == name]
    if rows.empty:
        raise ValueError(f"no measure {name!r} in this result: {sorted(kpis['measure'].unique())}")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    ax.bar(rows["plan"], rows["mean"], yerr=[rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]],
           capsize=4, color="#4c72b0")
    ax.set_ylabel(name)
    ax.set_xlabel("plan")
    ax.grid(axis="y", alpha=0.3)
    if path is not None:
        ax.figure.tight_layout()
        ax.figure.savefig(path, dpi=120)
    return ax
