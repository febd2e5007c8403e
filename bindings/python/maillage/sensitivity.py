"""Variance-based (Sobol) sensitivity indices with numpy only (SALib is not in Debian): a
Saltelli design to sweep, then first-order indices (Saltelli 2010 estimator) and total
indices (Jansen 1999 estimator) from the outputs.

    problem = {"demand.care_types.gp_acute.rate": (1.0, 1.6), "supply.practices[*].doctors": ("*0.8", "*1.1")}
    design = maillage.saltelli(problem, n=64, seed=1)
    table = maillage.sweep(sc, variants=design, replications=2)
    maillage.sensitivity(problem, table, measure="unserved_share")
"""
import numpy as np
import pandas as pd


def _bounds(problem):
    if not isinstance(problem, dict) or not problem:
        raise TypeError(f"problem must be a dict {{key path: (low, high)}}, got {problem!r}")
    out = []
    for key, b in problem.items():
        if not isinstance(b, (tuple, list)) or len(b) != 2:
            raise ValueError(f"problem[{key!r}] must be (low, high), got {b!r}")
        scaled = [isinstance(v, str) and v.startswith("*") for v in b]
        low, high = (float(v[1:]) if s else float(v) for v, s in zip(b, scaled))
        if not low < high:
            raise ValueError(f"problem[{key!r}]: low must be below high, got {b!r}")
        out.append((key, low, high, all(scaled)))
    return out


def saltelli_matrix(d, n, seed=0):
    """The unit-cube design, n*(d+2) rows: A (n rows), B (n), then A with column i from B,
    for each i."""
    n = int(n)
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    rng = np.random.default_rng(seed)
    a, b = rng.random((n, d)), rng.random((n, d))
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def saltelli(problem, n, seed=0):
    """The design as a list of variants for sweep(variants=): n*(d+2) dicts. A bound given
    as "*0.8" (both ends) is sampled as a relative change ("*0.93...")."""
    bounds = _bounds(problem)
    unit = saltelli_matrix(len(bounds), n, seed)
    variants = []
    for row in unit:
        variant = {}
        for (key, low, high, scaled), u in zip(bounds, row):
            value = low + u * (high - low)
            variant[key] = f"*{value!r}" if scaled else float(value)
        variants.append(variant)
    return variants


def indices(y, d):
    """First-order S1 and total ST indices from outputs in saltelli_matrix's row order."""
    y = np.asarray(y, dtype=float)
    if y.ndim != 1 or len(y) % (d + 2) != 0:
        raise ValueError(f"expected n*(d+2) outputs with d={d}, got {y.shape}")
    n = len(y) // (d + 2)
    fa, fb = y[:n], y[n:2 * n]
    var = np.var(np.concatenate([fa, fb]), ddof=0)
    if not var > 0:
        raise ValueError("the output does not vary over the design: no index can be computed")
    s1, st = [], []
    for i in range(d):
        fab = y[(2 + i) * n:(3 + i) * n]
        s1.append(np.mean(fb * (fab - fa)) / var)         # Saltelli et al. 2010
        st.append(0.5 * np.mean((fa - fab) ** 2) / var)   # Jansen 1999
    return np.array(s1), np.array(st)


def sensitivity(problem, outputs, measure=None, plan=None, care_type="all"):
    """First-order (S1) and total (ST) Sobol indices per parameter, a DataFrame.

    `outputs`: the model outputs in the order of saltelli(problem, n)'s variants (an array),
    or the table sweep(variants=saltelli(...)) returned with `measure` (mean over
    replications of each variant; `plan` when the sweep ran several)."""
    bounds = _bounds(problem)
    if isinstance(outputs, pd.DataFrame):
        if measure is None:
            raise ValueError("sensitivity() of a sweep table needs measure=, e.g. 'unserved_share'")
        column = measure if care_type == "all" else f"{measure}.{care_type}"
        if column not in outputs.columns:
            raise ValueError(f"no measure {column!r} in the sweep table")
        if outputs["error"].notna().any():
            raise ValueError("some variants failed (see the error column): indices need every variant")
        rows = outputs
        if plan is not None:
            rows = rows[rows["plan"] == plan]
        elif rows["plan"].nunique() > 1:
            raise ValueError(f"the sweep has several plans {list(rows['plan'].unique())}: pass plan=")
        outputs = rows.groupby("variant", sort=False)[column].mean().to_numpy()
    s1, st = indices(outputs, len(bounds))
    return pd.DataFrame({"parameter": [b[0] for b in bounds], "S1": s1, "ST": st})
