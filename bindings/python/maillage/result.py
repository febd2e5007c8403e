"""The tables of a run, as pandas DataFrames read from the very CSV text the CLI writes."""
import io
import os

import pandas as pd


class Result:
    """summary, kpis, by_commune, utilisation (and links, coverage with a network)."""

    def __init__(self, csv):
        self.csv = dict(csv)  # table name -> CSV text, byte for byte as the CLI's files
        self.report = None    # select(): the ranking as the command line prints it
        self.scenario = None  # the scenario's path, set by run() and select()

    # The measures a reader looks at first, in the repr.
    MAIN_MEASURES = ("episodes", "unserved_share", "wait_days_mean", "travel_min")

    def __repr__(self):
        lines = [f"<maillage.Result scenario={self.scenario!r}"]
        if "summary" in self.csv:
            summary = self.summary
            plans = list(dict.fromkeys(summary["plan"]))
            lines[0] += f" plans={plans} replications={summary['replication'].nunique()}"
        lines[0] += ">"
        if "kpis" in self.csv:
            kpis = self.kpis
            for _, row in kpis[kpis["measure"].isin(self.MAIN_MEASURES)].iterrows():
                interval = "" if row["ci_low"] != row["ci_low"] else f"  [{row['ci_low']:.4g}, {row['ci_high']:.4g}]"
                lines.append(f"  {row['plan']:<16} {row['measure']:<16} {row['mean']:.4g}{interval}")
        return "\n".join(lines)

    def plot(self, y="unserved_share", care_type="all", ax=None, path=None):
        """Bars of one measure per plan with kpis.csv's 95% intervals; returns the Axes
        (`path` also saves the figure)."""
        from .plot import plot_result
        return plot_result(self, y, care_type=care_type, ax=ax, path=path)

    def table(self, name):
        """One table as a DataFrame (INSEE codes stay text)."""
        return pd.read_csv(io.StringIO(self.csv[name]), dtype={"insee": str, "plan": str, "option": str})

    summary = property(lambda self: self.table("summary"))
    kpis = property(lambda self: self.table("kpis"))
    by_commune = property(lambda self: self.table("by_commune"))
    utilisation = property(lambda self: self.table("utilisation"))
    timeseries = property(lambda self: self.table("timeseries"))
    links = property(lambda self: self.table("links") if "links" in self.csv else None)
    coverage = property(lambda self: self.table("coverage") if "coverage" in self.csv else None)
    costs = property(lambda self: self.table("costs") if "costs" in self.csv else None)
    cost_effectiveness = property(lambda self: self.table("cost_effectiveness")
                                  if "cost_effectiveness" in self.csv else None)

    # From maillage.select(): the ranking of the options and the sites of each.
    selection = property(lambda self: self.table("selection") if "selection" in self.csv else None)
    selection_sites = property(lambda self: self.table("selection_sites") if "selection_sites" in self.csv else None)

    def write(self, folder):
        """Writes the CSV files as `maillage run --out folder` does."""
        os.makedirs(folder, exist_ok=True)
        for name, text in self.csv.items():
            with open(os.path.join(folder, name + ".csv"), "w", encoding="utf-8", newline="") as f:
                f.write(text)
