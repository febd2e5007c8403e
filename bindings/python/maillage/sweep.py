"""Runs and sweeps: one scenario, or many variants of it on any concurrent.futures executor
(a local process pool by default, a dask.distributed client's executor on a cluster)."""
import itertools
import os
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from . import _maillage, arguments
from .progress import Progress
from .result import Result
from .scenario import Scenario


def _scenario(scenario):
    return scenario if isinstance(scenario, Scenario) else Scenario(scenario)


def run(scenario, replications=None, seed=None, overrides=None, plans=None, jobs=None, progress=None):
    """Runs every plan of the scenario (or `plans`); returns a Result.

    `scenario` is a Scenario or a path; `overrides` change values for this run only;
    `jobs` is how many simulations run at once (default: one per core); `progress`: True,
    False, or None for a bar on a terminal only."""
    scenario = _scenario(scenario)
    pairs = scenario._override_pairs(overrides)
    replications, seed, plans, jobs = (arguments.replications(replications), arguments.seed(seed),
                                       arguments.plans(plans), arguments.jobs(jobs))
    bar = Progress(progress)
    try:
        tables = _maillage.run(scenario.path, pairs, replications, seed, plans, jobs, bar, force=scenario.force)
    finally:
        bar.close()
    return Result(tables)


def select(scenario, replications=None, seed=None, overrides=None, jobs=None, progress=None):
    """Ranks the options of the scenario's site_selection, as `maillage select` does: the
    analytic screen, then every option simulated on common random numbers. Returns a
    Result whose `selection` (the ranking) and `selection_sites` are DataFrames and whose
    `report` is the ranking as the command line prints it, with its verdict."""
    scenario = _scenario(scenario)
    pairs = scenario._override_pairs(overrides)
    replications, seed, jobs = arguments.replications(replications), arguments.seed(seed), arguments.jobs(jobs)
    bar = Progress(progress)
    try:
        tables, report = _maillage.select(scenario.path, pairs, replications, seed, jobs, bar)
    finally:
        bar.close()
    result = Result(tables)
    result.report = report
    return result


def _run_variant(path, overrides, replications, seed, plans, force=False):
    """One variant of a sweep, in a worker: its summary CSV text, or the error it raised.
    Module-level so that every executor can pickle it."""
    try:
        pairs = list(overrides.items())
        tables = _maillage.run(path, pairs, replications, seed, plans, 1, None, force=force)
        return (tables["summary"], tables["kpis"]), None
    except Exception as e:  # a failed variant is reported in its rows, the sweep goes on
        return None, f"{type(e).__name__}: {e}"


def _design(grid, variants, labels):
    """The variants to run, their labels and the parameter columns, from a grid (every
    combination) or a list of variants (any design: a Latin hypercube, a Sobol sample...)."""
    if (grid is None) == (variants is None):
        raise TypeError("sweep takes either grid= (key path -> list of values) or variants= (a list of dicts)")
    if grid is not None:
        grid = arguments.grid(grid)
        keys = list(grid)
        designs = [dict(zip(keys, values)) for values in itertools.product(*(grid[k] for k in keys))]
    else:
        designs = arguments.variants(variants)
        keys = list(dict.fromkeys(k for d in designs for k in d))
    return designs, arguments.labels(labels, len(designs)), keys


def _check_variants(scenario, designs, labels):
    """Every variant loaded and validated before any runs: a misspelled key or a value that
    does not parse raises here, naming the variant, instead of costing a sweep."""
    for i, (design, label) in enumerate(zip(designs, labels)):
        try:
            _maillage.check(scenario.path, scenario._override_pairs(design), force=scenario.force)
        except Exception as e:
            name = f"variant {i}" + (f" ({label})" if label != i else "")
            raise type(e)(f"{name} {design!r}: {e}") from None


def sweep(scenario, grid=None, replications=None, seed=None, executor=None, plans=None, progress=None,
          variants=None, labels=None):
    """Runs every combination of the grid's values ({key path: [values]}), or every variant
    of `variants` (a list of {key path: value}, e.g. a Latin hypercube), and returns one
    DataFrame: a row per variant, plan and replication, with `variant` (its label: `labels`,
    or its number), the parameters as columns (numeric when the values are), and an `error`
    column (empty, or why that variant failed while running).

    Every variant is validated before any runs: a key that does not exist or a value that
    does not parse raises, naming the variant.
    `executor`: any concurrent.futures.Executor; default: a process pool on every core."""
    scenario = _scenario(scenario)
    designs, labels, keys = _design(grid, variants, labels)
    executor = arguments.executor(executor)
    replications, seed, plans = arguments.replications(replications), arguments.seed(seed), arguments.plans(plans)
    _check_variants(scenario, designs, labels)
    own = executor is None
    if own:
        executor = ProcessPoolExecutor(max_workers=os.cpu_count())
    bar = Progress(progress, unit="variant")
    try:
        futures = []
        for design in designs:
            overrides = dict(scenario._override_pairs(design))
            futures.append(executor.submit(_run_variant, scenario.path, overrides, replications, seed, plans,
                                           scenario.force))
        frames, kpis = [], []
        for i, (design, label, future) in enumerate(zip(designs, labels, futures)):
            csv, error = future.result()
            bar(i + 1, len(designs))
            if csv is not None:
                result = Result({"summary": csv[0], "kpis": csv[1]})
                frame = result.summary
                kpis.append((label, design, csv[1]))
            else:
                frame = pd.DataFrame({"plan": [None], "replication": [None]})
            frame = _labelled(frame, label, design, keys)
            frame["error"] = error
            frames.append(frame)
    finally:
        bar.close()
        if own:
            executor.shutdown()
    table = _numeric(pd.concat(frames, ignore_index=True), keys)
    # Each variant's kpis.csv, for summarise(): its intervals are the command line's own.
    # Kept as each variant's CSV text, parsed as Result parses it: pandas compares attrs
    # when tables are joined (text compares), and no float goes through a second round trip.
    table.attrs["kpis"] = kpis or None
    table.attrs["parameters"] = keys
    return table


def _labelled(frame, label, design, keys):
    frame.insert(0, "variant", label)
    for k in keys:
        frame.insert(frame.columns.get_loc("plan"), k, [design.get(k)] * len(frame))
    return frame


def _numeric(table, keys):
    """Numbers stay numbers (a column of ints and floats becomes float)."""
    for k in keys:
        converted = pd.to_numeric(table[k], errors="coerce")
        if converted.notna().sum() == table[k].notna().sum():
            table[k] = converted
    return table
