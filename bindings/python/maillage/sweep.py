"""Runs and sweeps: one scenario, or many variants of it on any concurrent.futures executor
(a local process pool by default, a dask.distributed client's executor on a cluster)."""
import itertools
import os
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed

import pandas as pd

from . import _maillage, arguments
from .progress import Progress
from .checkpoint import Checkpoint
from .result import Result
from .scenario import Scenario
from .tidy import tidy as tidy_table


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
        tables, held = _maillage.run(scenario.path, pairs, replications, seed, plans, jobs, bar, force=scenario.force)
    finally:
        bar.close()
    result = Result(tables, held)
    result.scenario = scenario.path
    return result


def select(scenario, replications=None, seed=None, overrides=None, jobs=None, progress=None, lang="en"):
    """Ranks the options of the scenario's site_selection, as `maillage select` does: the
    analytic screen, then every option simulated on common random numbers. Returns a
    Result whose `selection` (the ranking) and `selection_sites` are DataFrames and whose
    `report` is the ranking as the command line prints it, with its verdict, in `lang`
    ("en" or "fr", as `maillage select --lang`)."""
    scenario = _scenario(scenario)
    pairs = scenario._override_pairs(overrides)
    replications, seed, jobs = arguments.replications(replications), arguments.seed(seed), arguments.jobs(jobs)
    bar = Progress(progress)
    try:
        tables, report, held = _maillage.select(scenario.path, pairs, replications, seed, jobs, bar, lang)
    finally:
        bar.close()
    result = Result(tables, held)
    result.scenario = scenario.path
    result.report = report
    return result


# The tables a sweep keeps of each variant: always these, then those asked for.
_KEPT = ("summary", "kpis")


def _run_variant(path, overrides, replications, seed, plans, force=False, tables=_KEPT):
    """One variant of a sweep, in a worker: the CSV text of `tables`, or the error it raised.
    Module-level so that every executor can pickle it."""
    try:
        pairs = list(overrides.items())
        csv, _ = _maillage.run(path, pairs, replications, seed, plans, 1, None, force=force)
        return tuple(csv[name] for name in tables), None
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
          variants=None, labels=None, jobs=None, checkpoint=None, tidy=False, by_commune=False, series=False):
    """Runs every combination of the grid's values ({key path: [values]}), or every variant
    of `variants` (a list of {key path: value}, e.g. a Latin hypercube), and returns one
    DataFrame: a row per variant, plan and replication, with `variant` (its label: `labels`,
    or its number), the parameters as columns (numeric when the values are), and an `error`
    column (empty, or why that variant failed while running). `tidy=True` returns the long
    table instead (see maillage.tidy). `by_commune=True` and `series=True` also keep each
    variant's by_commune.csv and timeseries.csv: maillage.by_commune(table) and
    maillage.series(table) give them, tidy, with the variant and its parameters.

    Every variant is validated before any runs: a key that does not exist or a value that
    does not parse raises, naming the variant.
    `executor`: any concurrent.futures.Executor; default: a process pool of `jobs` workers
    (default: one per core). `checkpoint`: a folder where each finished variant is written
    as it ends; the same sweep run again resumes there, running only what had not finished.
    Ctrl-C stops the sweep and returns the variants that finished (attrs["interrupted"])."""
    scenario = _scenario(scenario)
    designs, labels, keys = _design(grid, variants, labels)
    executor = arguments.executor(executor)
    if executor is not None and jobs is not None:
        raise TypeError("sweep takes jobs= (its own process pool) or executor=, not both")
    jobs = arguments.jobs(jobs)
    replications, seed, plans = arguments.replications(replications), arguments.seed(seed), arguments.plans(plans)
    _check_variants(scenario, designs, labels)
    overrides = [dict(scenario._override_pairs(design)) for design in designs]
    tables = _KEPT + (("by_commune",) if by_commune else ()) + (("timeseries",) if series else ())
    saved = Checkpoint(checkpoint, scenario, overrides, replications, seed, plans, tables) \
        if checkpoint is not None else None
    outcomes = {}
    if saved is not None:
        outcomes = {i: o for i in range(len(designs)) if (o := saved.load(i)) is not None}
    todo = [i for i in range(len(designs)) if i not in outcomes]
    own = executor is None and todo
    if own:
        executor = ProcessPoolExecutor(max_workers=min(jobs or os.cpu_count(), len(todo)))
    bar = Progress(progress, unit="variant")
    lost, interrupted = [], False
    try:
        futures = {executor.submit(_run_variant, scenario.path, overrides[i], replications, seed, plans,
                                   scenario.force, tables): i for i in todo}
        try:
            for future in as_completed(futures):
                i = futures[future]
                try:
                    outcomes[i] = future.result()
                except Exception as e:  # a lost worker: the variant did not finish, the others go on
                    lost.append((i, f"{type(e).__name__}: {e}"))
                    continue
                if saved is not None:
                    saved.save(i, outcomes[i])
                bar(len(outcomes), len(designs))
        except KeyboardInterrupt:
            interrupted = True
            for future in futures:
                future.cancel()
            warnings.warn(f"sweep interrupted: {len(outcomes)} of {len(designs)} variants finished"
                          + (f"; run it again with checkpoint={checkpoint!r} to resume" if saved else ""))
    finally:
        bar.close()
        if own:
            executor.shutdown(wait=not interrupted, cancel_futures=True)
    if lost:
        where = f"; run the same sweep again with checkpoint={checkpoint!r} to resume" if saved else \
            "; pass checkpoint= to keep finished variants across attempts"
        raise RuntimeError(f"{len(lost)} variant(s) did not finish ({', '.join(f'{labels[i]!r}: {e}' for i, e in sorted(lost)[:3])})"
                           + where)
    table = _table([(i, designs[i], labels[i], outcomes[i]) for i in sorted(outcomes)], keys, tables)
    table.attrs["interrupted"] = interrupted
    if tidy:
        return tidy_table(table)
    return table


def _table(done, keys, tables=_KEPT):
    """The wide table of the finished variants, in design order."""
    frames, kept = [], {name: [] for name in tables[1:]}
    for _, design, label, (csv, error) in done:
        if csv is not None:
            frame = Result({"summary": csv[0]}).summary
            for name, text in zip(tables[1:], csv[1:]):
                kept[name].append((label, design, text))
        else:
            frame = pd.DataFrame({"plan": [None], "replication": [None]})
        frame = _labelled(frame, label, design, keys)
        frame["error"] = error
        frames.append(frame)
    if not frames:
        table = pd.DataFrame(columns=["variant", *keys, "plan", "replication", "error"])
    else:
        table = _numeric(pd.concat(frames, ignore_index=True), keys)
    # Each variant's kpis.csv, for summarise(): its intervals are the command line's own.
    # Kept as each variant's CSV text, parsed as Result parses it: pandas compares attrs
    # when tables are joined (text compares), and no float goes through a second round trip.
    # by_commune and timeseries, when asked for, are kept the same way for maillage.by_commune()
    # and maillage.series().
    for name, texts in kept.items():
        table.attrs[name] = texts or None
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
