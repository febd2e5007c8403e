"""A sweep's per-commune results and weekly series: each variant's by_commune.csv and
timeseries.csv, kept when the sweep was run with by_commune=True or series=True, as one
table with the variant and its parameters, long (one value per row) or wide."""
import pandas as pd

from .result import Result
from .tidy import _split

# Columns that say which row a value belongs to, per table.
_IDS = {"by_commune": ("plan", "replication", "insee", "name"), "timeseries": ("plan", "replication", "week")}
_ASK = {"by_commune": "by_commune=True", "timeseries": "series=True"}


def _variant_table(table, name, tidy):
    kept = table.attrs.get(name)
    if kept is None:
        raise ValueError(f"this sweep kept no {name}.csv: run maillage.sweep(..., {_ASK[name]})")
    keys = list(table.attrs.get("parameters", []))
    frames = []
    for label, design, csv in kept:
        frame = Result({name: csv}).table(name)
        frame.insert(0, "variant", label)
        for i, k in enumerate(keys):
            frame.insert(1 + i, k, design.get(k))
        frames.append(frame)
    wide = pd.concat(frames, ignore_index=True)
    for k in keys:  # numbers stay numbers, as in the sweep's own table
        converted = pd.to_numeric(wide[k], errors="coerce")
        if converted.notna().sum() == wide[k].notna().sum():
            wide[k] = converted
    wide.attrs["parameters"] = keys
    if not tidy:
        return wide
    ids = ["variant", *keys, *_IDS[name]]
    long = wide.melt(id_vars=ids, var_name="column", value_name="value")
    split = long["column"].map(_split)
    long.insert(len(ids), "measure", split.map(lambda s: s[0]))
    long.insert(len(ids) + 1, "care_type", split.map(lambda s: s[1]))
    long = long.drop(columns="column")
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    long.attrs["parameters"] = keys
    return long.reset_index(drop=True)


def by_commune(table, tidy=True):
    """Each variant's by_commune.csv: with tidy=True (default) one row per variant, plan,
    replication, commune (insee, name), measure and care type ('all' for the total), with
    the variant's parameters as columns; tidy=False gives the CSV's own columns, prefixed
    by the variant and its parameters. Needs sweep(..., by_commune=True)."""
    return _variant_table(table, "by_commune", tidy)


def series(table, tidy=True):
    """Each variant's weekly series (timeseries.csv): with tidy=True (default) one row per
    variant, plan, replication, week, measure and care type ('all' for the totals; each care
    type's episodes, served, unserved and wait_days_mean); tidy=False the CSV's columns
    prefixed by the variant and its parameters. Needs sweep(..., series=True)."""
    return _variant_table(table, "timeseries", tidy)
