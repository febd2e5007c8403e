"""Maillage from Python: load a scenario, run it, sweep its parameters.

    import maillage
    sc = maillage.load("scenarios/loir-et-cher.yaml")
    res = maillage.run(sc, replications=10, seed=1,
                       overrides={"demand.care_types.gp_acute.rate": "1.4 per year"})
    res.summary        # pandas.DataFrame, the same as summary.csv
    table = maillage.sweep(sc, grid={"supply.practices[0].doctors": [4, 6, 8]}, replications=20)
    long = maillage.tidy(table)  # variant, parameters, plan, replication, measure, care_type, value
    maillage.plot_sweep(table, x="supply.practices[0].doctors", y="unserved_share", path="fig.png")
    ranked = maillage.select("scenarios/yvelines.yaml")   # site selection, as `maillage select`
    ranked.selection   # the ranking; print(ranked.report) for the verdict
    maillage.travel(sc, from_="41018")   # the model's travel minutes and km, a DataFrame

Every simulation runs in a process of its own (SimGrid keeps global state), so calling
run() many times in one interpreter gives the same numbers as the command line.
"""
from ._maillage import ScenarioError
from .result import Result
from .plot import plot_sweep
from .scenario import Scenario, load
from .sensitivity import saltelli, sensitivity
from .summary import summarise
from .sweep import run, select, sweep
from .tidy import tidy, to_xarray
from .travel import travel
from .variant_tables import by_commune, series

__all__ = ["ScenarioError", "Result", "Scenario", "by_commune", "load", "plot_sweep", "run", "saltelli", "select", "sensitivity",
           "series", "summarise", "sweep", "tidy", "to_xarray", "travel"]
