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
        return tables["summary"], None
    except Exception as e:  # a failed variant is reported in its rows, the sweep goes on
        return None, f"{type(e).__name__}: {e}"


def sweep(scenario, grid, replications=None, seed=None, executor=None, plans=None, progress=None):
    """Runs every combination of the grid's values ({key path: [values]}) and returns one
    DataFrame: a row per variant, plan and replication, with the grid values as columns and
    an `error` column (empty, or why that variant failed).

    `executor`: any concurrent.futures.Executor; default: a process pool on every core."""
    scenario = _scenario(scenario)
    grid, executor = arguments.grid(grid), arguments.executor(executor)
    replications, seed, plans = arguments.replications(replications), arguments.seed(seed), arguments.plans(plans)
    keys = list(grid)
    variants = list(itertools.product(*(grid[k] for k in keys)))
    own = executor is None
    if own:
        executor = ProcessPoolExecutor(max_workers=os.cpu_count())
    bar = Progress(progress, unit="variant")
    try:
        futures = []
        for values in variants:
            overrides = dict(scenario._override_pairs(dict(zip(keys, values))))
            futures.append(executor.submit(_run_variant, scenario.path, overrides, replications, seed, plans,
                                           scenario.force))
        frames = []
        for i, (values, future) in enumerate(zip(variants, futures)):
            csv, error = future.result()
            bar(i + 1, len(variants))
            if csv is not None:
                frame = Result({"summary": csv}).summary
            else:
                frame = pd.DataFrame({"plan": [None], "replication": [None]})
            frame.insert(0, "variant", i)
            for k, v in zip(keys, values):
                frame.insert(frame.columns.get_loc("plan"), k, [v] * len(frame))
            frame["error"] = error
            frames.append(frame)
    finally:
        bar.close()
        if own:
            executor.shutdown()
    return pd.concat(frames, ignore_index=True)
