"""A sweep's table in long form (one value per row), the shape pandas, seaborn and xarray
users group and plot by, and an xarray.Dataset export."""
import pandas as pd

# Columns of a sweep table that are not measures.
_IDS = ("variant", "plan", "replication", "error")


def _split(column):
    """'wait_days_mean.gp_acute' -> ('wait_days_mean', 'gp_acute'); totals get care_type 'all'."""
    measure, _, care = column.partition(".")
    return measure, care or "all"


def tidy(table):
    """One row per variant, plan, replication, measure and care type: the columns variant,
    the sweep's parameters (numeric when the values are), plan, replication, measure,
    care_type ('all' for the total over care types) and value. Failed variants are left out
    (their `error` stays in the wide table)."""
    keys = list(table.attrs.get("parameters", []))
    ok = table[table["error"].isna()] if "error" in table.columns else table
    ids = ["variant", *keys, "plan", "replication"]
    measures = [c for c in ok.columns if c not in ids and c not in _IDS]
    long = ok.melt(id_vars=ids, value_vars=measures, var_name="column", value_name="value")
    split = long["column"].map(_split)
    long.insert(len(ids), "measure", split.map(lambda s: s[0]))
    long.insert(len(ids) + 1, "care_type", split.map(lambda s: s[1]))
    long = long.drop(columns="column")
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    long["replication"] = long["replication"].astype(int)
    long = long.reset_index(drop=True)
    # What summarise(), by_commune() and series() read stays with the long table.
    long.attrs = {k: v for k, v in table.attrs.items() if k in ("kpis", "by_commune", "timeseries")}
    long.attrs["parameters"] = keys
    return long


def to_xarray(table):
    """The sweep as an xarray.Dataset: one variable per measure (e.g. 'unserved_share',
    'unserved_share.gp_acute'), dimensions variant, plan and replication; the parameters
    are coordinates along variant."""
    import xarray as xr
    long = table if "measure" in table.columns else tidy(table)
    keys = list(long.attrs.get("parameters", table.attrs.get("parameters", [])))
    long = long.copy()
    long["name"] = [m if c == "all" else f"{m}.{c}" for m, c in zip(long["measure"], long["care_type"])]
    wide = long.pivot_table(index=["variant", "plan", "replication"], columns="name", values="value",
                            aggfunc="first", sort=False)
    wide = wide[list(dict.fromkeys(long["name"]))]
    ds = xr.Dataset.from_dataframe(wide)
    if keys:
        params = long.drop_duplicates("variant").set_index("variant")[keys]
        for k in keys:
            ds = ds.assign_coords({k: ("variant", params.loc[ds["variant"].values, k].to_numpy())})
    return ds
