"""What a sweep gives back: the long (tidy) table and its xarray export, plots with 95%
intervals, the example script's PNG, run control (jobs, checkpoint and resume, Ctrl-C),
Sobol indices, and a Result's repr."""
import math
import os
import runpy
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor

import numpy as np
import pytest

import maillage

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCTORS = "supply.practices[0].doctors"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def plans(fixtures):
    return maillage.load(os.path.join(fixtures, "plans.yaml"))


@pytest.fixture
def table(plans):
    return maillage.sweep(plans, grid={DOCTORS: [1, 3]}, replications=2, seed=1, plans=["baseline"], jobs=2)


def test_tidy_has_one_value_per_row_with_numeric_parameters(plans, table):
    long = maillage.tidy(table)
    assert list(long.columns) == ["variant", DOCTORS, "plan", "replication", "measure", "care_type", "value"]
    assert long[DOCTORS].dtype.kind == "i" and long["value"].dtype.kind == "f"
    total = long[(long["measure"] == "unserved_share") & (long["care_type"] == "all")]
    assert list(total["value"]) == list(table["unserved_share"])
    acute = long[(long["measure"] == "served") & (long["care_type"] == "gp_acute")]
    assert list(acute["value"]) == list(table["served.gp_acute"].astype(float))
    again = maillage.sweep(plans, grid={DOCTORS: [1, 3]}, replications=2, seed=1, plans=["baseline"], jobs=2,
                           tidy=True)
    assert again.to_csv(index=False) == long.to_csv(index=False)


def test_to_xarray_has_a_variable_per_measure_and_parameters_as_coordinates(table):
    ds = maillage.to_xarray(table)
    assert set(ds.dims) == {"variant", "plan", "replication"}
    assert list(ds[DOCTORS].values) == [1, 3]
    row = table[(table["variant"] == 1) & (table["replication"] == table["replication"].max())].iloc[0]
    cell = ds["wait_days_mean.gp_acute"].sel(variant=1, plan="baseline", replication=row["replication"])
    assert float(cell) == row["wait_days_mean.gp_acute"]


def test_plot_sweep_draws_means_with_95_percent_intervals(table, tmp_path):
    from maillage.plot import sweep_intervals
    points = sweep_intervals(table, x=DOCTORS, y="unserved_share")
    for _, p in points.iterrows():
        values = table[table[DOCTORS] == p[DOCTORS]]["unserved_share"]
        assert p["mean"] == pytest.approx(values.mean())
        half = 12.706204736 * values.std(ddof=1) / math.sqrt(2)  # t(0.975, 1 df)
        assert p["ci_high"] - p["mean"] == pytest.approx(half, rel=1e-4, abs=1e-12)
    path = tmp_path / "sweep.png"
    maillage.plot_sweep(table, x=DOCTORS, y="wait_days_mean", care_type="gp_acute", path=str(path))
    assert path.read_bytes()[:8] == PNG
    with pytest.raises(ValueError, match="no measure 'unserved_shar'"):
        maillage.plot_sweep(table, x=DOCTORS, y="unserved_shar")
    with pytest.raises(ValueError, match="'doctors' is not a column"):
        maillage.plot_sweep(table, x="doctors", y="unserved_share")


def test_result_plot_and_repr(plans, tmp_path):
    result = maillage.run(plans, replications=2, seed=1, jobs=1)
    path = tmp_path / "run.png"
    result.plot("unserved_share", path=str(path))
    assert path.read_bytes()[:8] == PNG
    text = repr(result)
    assert plans.path in text and "replications=2" in text and "baseline" in text
    assert "unserved_share" in text and "wait_days_mean.gp_acute" in text
    # No wait over every care type at once among the first measures.
    assert not any(line.split()[1:2] == ["wait_days_mean"] for line in text.splitlines())


def test_the_example_script_writes_its_png(fixtures, tmp_path):
    script = runpy.run_path(os.path.join(ROOT, "examples", "sweep_doctors.py"))
    out = tmp_path / "doctors.png"
    table = script["main"](["--scenario", os.path.join(fixtures, "plans.yaml"), "--out", str(out),
                            "--scales", "0.5,1.0", "--rates", "2,3", "--horizon", "30 d", "--jobs", "2"])
    assert out.read_bytes()[:8] == PNG
    assert len(table) == 2 * 2 * 2 and table["error"].isna().all()


class HalfLost:
    """An executor whose workers are lost after `keep` variants (as a killed Dask worker)."""

    def __init__(self, pool, keep):
        self.pool, self.keep, self.submitted = pool, keep, 0

    def submit(self, fn, *args):
        self.submitted += 1
        if self.submitted > self.keep:
            lost = Future()
            lost.set_exception(ConnectionError("worker lost"))
            return lost
        return self.pool.submit(fn, *args)


def test_a_sweep_killed_half_way_resumes_from_its_checkpoint_with_the_same_table(plans, tmp_path):
    grid = {DOCTORS: [1, 2, 3, 4]}
    whole = maillage.sweep(plans, grid=grid, replications=2, seed=1, plans=["baseline"], jobs=2)
    folder = tmp_path / "checkpoint"
    with ProcessPoolExecutor(2) as pool:
        with pytest.raises(RuntimeError, match=r"2 variant\(s\) did not finish.*resume"):
            maillage.sweep(plans, grid=grid, replications=2, seed=1, plans=["baseline"],
                           executor=HalfLost(pool, 2), checkpoint=folder)
        assert len([f for f in os.listdir(folder) if f.startswith("variant-")]) == 2
        counting = HalfLost(pool, 99)
        resumed = maillage.sweep(plans, grid=grid, replications=2, seed=1, plans=["baseline"],
                                 executor=counting, checkpoint=folder)
    assert counting.submitted == 2
    assert resumed.to_csv(index=False) == whole.to_csv(index=False)
    assert maillage.summarise(resumed).to_csv() == maillage.summarise(whole).to_csv()
    with pytest.raises(ValueError, match="holds another sweep"):
        maillage.sweep(plans, grid=grid, replications=2, seed=2, plans=["baseline"], checkpoint=folder)


# A sweep in a process of its own that kills itself (SIGKILL: no cleanup, no finally) once
# two variants are in its checkpoint, as a machine that goes down half-way.
KILLED = """
import os, signal, sys
import maillage
from maillage import checkpoint
saved = checkpoint.Checkpoint.save
def save(self, index, outcome):
    saved(self, index, outcome)
    if len([f for f in os.listdir(self.folder) if f.startswith("variant-")]) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
checkpoint.Checkpoint.save = save
maillage.sweep(sys.argv[1], grid={%r: [1, 2, 3, 4]}, replications=2, seed=1, plans=["baseline"], jobs=1,
               checkpoint=sys.argv[2], progress=False)
""" % DOCTORS


def test_a_sweep_whose_process_is_killed_resumes_with_the_same_table(plans, tmp_path):
    import subprocess
    import sys
    folder = tmp_path / "checkpoint"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    log = tmp_path / "killed.log"
    with open(log, "w") as out:
        # A session of its own: its pool's worker, orphaned by the kill, is ended with it below.
        killed = subprocess.Popen([sys.executable, "-c", KILLED, plans.path, str(folder)], env=env, stdout=out,
                                  stderr=out, start_new_session=True)
        try:
            code = killed.wait(timeout=600)
        finally:
            try:
                os.killpg(killed.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert code == -signal.SIGKILL, log.read_text()
    assert len([f for f in os.listdir(folder) if f.startswith("variant-")]) == 2
    grid = {DOCTORS: [1, 2, 3, 4]}
    resumed = maillage.sweep(plans, grid=grid, replications=2, seed=1, plans=["baseline"], jobs=2,
                             checkpoint=folder, progress=False)
    whole = maillage.sweep(plans, grid=grid, replications=2, seed=1, plans=["baseline"], jobs=2, progress=False)
    assert resumed.to_csv(index=False) == whole.to_csv(index=False)


def test_ctrl_c_returns_the_variants_that_finished(plans):
    class Interrupted(HalfLost):
        def submit(self, fn, *args):
            self.submitted += 1
            if self.submitted > self.keep:
                stop = Future()  # pending: the finished variant comes first, then Ctrl-C
                threading.Timer(0.2, stop.set_exception, [KeyboardInterrupt()]).start()
                return stop
            done = Future()
            done.set_result(fn(*args))
            return done
    with pytest.warns(UserWarning, match="interrupted: 1 of 2"):
        table = maillage.sweep(plans, grid={DOCTORS: [1, 2]}, replications=1, seed=1, plans=["baseline"],
                               executor=Interrupted(None, 1))
    assert table.attrs["interrupted"] and list(table["variant"]) == [0]


def test_jobs_and_an_executor_together_are_refused(plans):
    with pytest.raises(TypeError, match="not both"):
        maillage.sweep(plans, grid={DOCTORS: [1]}, jobs=2, executor=ProcessPoolExecutor(1))


def ishigami(x):
    return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_sobol_indices_of_the_ishigami_function():
    problem = {"x1": (-math.pi, math.pi), "x2": (-math.pi, math.pi), "x3": (-math.pi, math.pi)}
    design = maillage.saltelli(problem, n=20000, seed=7)
    assert len(design) == 20000 * 5
    x = np.array([[v[k] for k in problem] for v in design])
    indices = maillage.sensitivity(problem, ishigami(x)).set_index("parameter")
    assert indices.loc["x1", "S1"] == pytest.approx(0.314, abs=0.03)
    assert indices.loc["x2", "S1"] == pytest.approx(0.442, abs=0.03)
    assert indices.loc["x3", "S1"] == pytest.approx(0.0, abs=0.03)
    assert indices.loc["x1", "ST"] == pytest.approx(0.558, abs=0.03)
    assert indices.loc["x2", "ST"] == pytest.approx(0.442, abs=0.03)
    assert indices.loc["x3", "ST"] == pytest.approx(0.244, abs=0.03)


def test_sensitivity_reads_a_sweep_table_and_relative_bounds():
    import pandas as pd
    problem = {"a": ("*0.5", "*1.5"), "b": (0, 1)}
    design = maillage.saltelli(problem, n=4, seed=1)
    assert all(v["a"].startswith("*") and isinstance(v["b"], float) for v in design)
    y = np.array([float(v["a"][1:]) + 0.1 * v["b"] for v in design])
    table = pd.DataFrame({"variant": np.repeat(range(len(design)), 2), "plan": "baseline",
                          "replication": np.tile([1, 2], len(design)), "unserved_share": np.repeat(y, 2),
                          "error": None})
    from_table = maillage.sensitivity(problem, table, measure="unserved_share")
    assert from_table.equals(maillage.sensitivity(problem, y))
    with pytest.raises(ValueError, match="low must be below high"):
        maillage.saltelli({"a": (1, 1)}, n=4)
