"""The tables of a run, as pandas DataFrames read from the very CSV text the CLI writes."""
import io
import os
import warnings

import pandas as pd


class Result:
    """summary, kpis, by_commune, utilisation (and links, coverage with a network)."""

    def __init__(self, csv, held=None):
        self.csv = dict(csv)  # table name -> CSV text, byte for byte as the CLI's files
        self.report = None    # select(): the ranking as the command line prints it
        self.scenario = None  # the scenario's path, set by run() and select()
        self._held = held     # the run itself in C++, for write(): report and GIS layers

    def __getstate__(self):
        # The C++ run does not pickle: a Result sent to another process keeps its tables.
        return {**self.__dict__, "_held": None}

    # The measures a reader looks at first, in the repr; the wait per care type
    # ("wait_days_mean.gp_acute"): over every care type at once it mixes a same-day need
    # with one booked months ahead.
    MAIN_MEASURES = ("episodes", "unserved_share", "travel_min")

    def __repr__(self):
        lines = [f"<maillage.Result scenario={self.scenario!r}"]
        if "summary" in self.csv:
            summary = self.summary
            plans = list(dict.fromkeys(summary["plan"]))
            lines[0] += f" plans={plans} replications={summary['replication'].nunique()}"
        lines[0] += ">"
        if "kpis" in self.csv:
            kpis = self.kpis
            shown = kpis["measure"].isin(self.MAIN_MEASURES) | kpis["measure"].str.startswith("wait_days_mean.")
            for _, row in kpis[shown].iterrows():
                interval = "" if row["ci_low"] != row["ci_low"] else f"  [{row['ci_low']:.4g}, {row['ci_high']:.4g}]"
                lines.append(f"  {row['plan']:<16} {row['measure']:<24} {row['mean']:.4g}{interval}")
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

    def write(self, folder, lang="en"):
        """Writes every file `maillage run --out folder --lang lang` writes (`maillage select`'s
        for a select() result): the CSV tables, report.html, the GIS layers, byte for byte as
        the command line's for the same run. As there, the folder is replaced whole, and only
        when it is empty or holds nothing but an earlier run's files.

        A Result that holds only tables (unpickled, or built from CSV text) writes its CSV
        files alone, with a warning: the report and layers need the run itself."""
        folder = os.fspath(folder)
        if lang not in ("en", "fr"):
            raise ValueError(f"lang takes 'en' or 'fr', got {lang!r}")
        if self._held is not None:
            from . import _maillage
            _maillage.write(self._held, folder, lang, f"maillage.Result.write(lang={lang!r})")
            return
        warnings.warn("this Result holds only its tables (it was unpickled or built from CSV text): "
                      "writing the CSV files without report.html and the GIS layers")
        os.makedirs(folder, exist_ok=True)
        for name, text in self.csv.items():
            with open(os.path.join(folder, name + ".csv"), "w", encoding="utf-8", newline="") as f:
                f.write(text)
