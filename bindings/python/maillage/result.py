"""The tables of a run, as pandas DataFrames read from the very CSV text the CLI writes."""
import io
import os

import pandas as pd


class Result:
    """summary, kpis, by_commune, utilisation (and links, coverage with a network)."""

    def __init__(self, csv):
        self.csv = dict(csv)  # table name -> CSV text, byte for byte as the CLI's files
        self.report = None    # select(): the ranking as the command line prints it

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
