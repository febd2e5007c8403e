"""The Python package: the same results as the command line, overrides, sweeps."""
import os

import pandas as pd
import pytest

import maillage


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def test_results_equal_the_cli_files_byte_for_byte(fixtures, cli, tmp_path):
    scenario = os.path.join(fixtures, "plans.yaml")
    out = tmp_path / "cli"
    assert cli("run", scenario, "--replications", "3", "--seed", "11", "--quiet", "--out", str(out)).returncode == 0
    sc = maillage.load(scenario)
    for attempt in range(2):  # twice in one interpreter: each simulation has its own process
        res = maillage.run(sc, replications=3, seed=11)
        for table in ("summary", "kpis", "by_commune", "utilisation"):
            assert res.csv[table] == read(out / f"{table}.csv"), (attempt, table)
    assert list(res.summary["plan"].unique()) == ["baseline", "same", "new-msp", "fewer"]
    assert len(res.summary) == 4 * 3
    assert res.by_commune["insee"].iloc[0] == "41018"  # codes stay text


def test_overrides_change_the_results_as_expected(fixtures):
    sc = maillage.load(os.path.join(fixtures, "plans.yaml"))
    base = maillage.run(sc, replications=2, seed=3, plans=["baseline"]).summary
    doubled = maillage.run(sc.with_overrides({"demand.care_types.gp_acute.rate": "6 per year"}),
                           replications=2, seed=3, plans=["baseline"]).summary
    ratio = doubled["episodes"].sum() / base["episodes"].sum()
    assert 1.9 < ratio < 2.1  # twice the rate, about twice the needs
    more_doctors = maillage.run(sc, replications=2, seed=3, plans=["baseline"],
                                overrides={"supply.practices[0].doctors": 8}).summary
    assert more_doctors["unserved"].sum() < base["unserved"].sum()


def test_a_bad_override_gives_the_loaders_message(fixtures):
    sc = maillage.load(os.path.join(fixtures, "plans.yaml"))
    with pytest.raises(maillage.ScenarioError, match=r'expected a rate like "1.2 per year"'):
        sc.with_overrides({"demand.care_types.gp_acute.rate": "3 per fortnight"})
    with pytest.raises(maillage.ScenarioError, match=r'has no item \[7\]'):
        maillage.run(sc, overrides={"supply.practices[7].doctors": 2})
    with pytest.raises(maillage.ScenarioError, match=r"unknown commune"):
        maillage.load(os.path.join(fixtures, "broken", "unknown_commune.yaml"))
    with pytest.raises(ValueError, match=r'no plan "nope"'):
        maillage.run(sc, plans=["nope"])


GRID = {"supply.practices[0].doctors": [3, 5]}


def sweep_numbers(table):
    return table.drop(columns=["error"]).to_csv(index=False)


def test_sweep_on_the_local_pool_and_on_dask_gives_identical_numbers(fixtures):
    distributed = pytest.importorskip("distributed")
    sc = maillage.load(os.path.join(fixtures, "plans.yaml"))
    local = maillage.sweep(sc, GRID, replications=3, seed=2, plans=["baseline"])
    assert len(local) == 2 * 3
    assert list(local["supply.practices[0].doctors"]) == [3, 3, 3, 5, 5, 5]
    assert local["error"].isna().all()
    assert local[local["supply.practices[0].doctors"] == 5]["served"].mean() > \
        local[local["supply.practices[0].doctors"] == 3]["served"].mean()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = maillage.sweep(sc, GRID, replications=3, seed=2, plans=["baseline"], executor=client.get_executor())
    assert sweep_numbers(on_dask) == sweep_numbers(local)


def test_an_invalid_variant_raises_before_the_sweep_runs(fixtures):
    sc = maillage.load(os.path.join(fixtures, "plans.yaml"))
    with pytest.raises(maillage.ScenarioError, match=r"(?s)variant 1 .*expected a number from 0.1 to 1000, got 0"):
        maillage.sweep(sc, {"supply.practices[0].doctors": [2, 0]}, replications=2, seed=1, plans=["baseline"])


def test_progress_is_silent_when_not_on_a_terminal(fixtures, capfd):
    sc = maillage.load(os.path.join(fixtures, "valid.yaml"))
    maillage.run(sc, replications=2)
    maillage.run(sc, replications=2, progress=False)
    assert capfd.readouterr().err == ""


def test_select_ranks_as_the_cli_does(fixtures, cli, tmp_path):
    scenario = os.path.join(fixtures, "site-selection.yaml")
    out = tmp_path / "cli"
    done = cli("select", scenario, "--replications", "2", "--out", str(out))
    assert done.returncode == 0, done.stderr
    ranked = maillage.select(scenario, replications=2)
    for table in ("selection", "selection_sites", "summary", "kpis"):
        assert ranked.csv[table] == read(out / f"{table}.csv"), table
    assert list(ranked.selection["option"]) == ["option-2", "option-1", "baseline"]
    assert "overturns the analytic order" in ranked.report
    assert ranked.report in done.stdout  # the same printed ranking and verdict
    assert ranked.selection_sites.loc[0, "insee"] == "00002"  # codes stay text


def test_travel_is_the_cli_export_as_a_dataframe(fixtures, cli, tmp_path):
    scenario = os.path.join(fixtures, "valid.yaml")
    out = tmp_path / "travel.csv"
    assert cli("travel", scenario, "--from", "41018", "41269", "--sites", "--out", str(out)).returncode == 0
    df = maillage.travel(scenario, from_=["41018", "41269"], sites=True)
    assert list(df.columns) == ["from", "to", "minutes", "km"]
    assert df["from"].iloc[0] == "41018"  # codes stay text
    assert len(df) == 2 * 3 + 2 * 3
    assert df.equals(pd.read_csv(out, dtype={"from": str, "to": str}))
    blois_vendome = df[(df["from"] == "41018") & (df["to"] == "41269")]
    assert blois_vendome["km"].iloc[0] > 30
    with pytest.raises(ValueError, match="unknown commune"):
        maillage.travel(scenario, from_="99999")


@pytest.mark.parametrize("name, message", [
    ("scalar_file.yaml", r"expected a mapping of keys \(scenario"),
    ("plans_not_mappings.yaml", r"plans.empty: expected a mapping"),
    ("remote_pool_no_hours.yaml", r'missing key "hours"'),
    ("list_file_is_directory.yaml", r"not a regular file \(a directory\)"),
    ("data_file_is_a_device.yaml", r"/dev/zero: not a regular file"),
    ("deep_nesting.yaml", r"nesting deeper than"),
    ("nul_byte.yaml", r"a NUL byte at line 12"),
    ("duplicate_keys.yaml", r'duplicate key "seed"'),
    ("horizon_too_long.yaml", r"at most 100 years"),
    ("unsafe_name.yaml", r"scenario.name: expected letters"),
    ("workload.yaml", r"episodes to simulate a replication"),
])
def test_every_input_the_cli_refuses_is_a_scenario_error(fixtures, name, message):
    with pytest.raises(maillage.ScenarioError, match=message):
        maillage.load(os.path.join(fixtures, "broken", name))


def test_overrides_that_crashed_are_scenario_errors_and_force_lifts_the_limits(fixtures):
    valid = os.path.join(fixtures, "valid.yaml")
    for key, value in [("supply.practices[99999999999999999999]", 1), ("", 5), ("plans.x", 42)]:
        with pytest.raises(maillage.ScenarioError):
            maillage.load(valid, {key: value})
    typo = {"demand.care_types.gp_acute.rate": "1e9 per year"}
    with pytest.raises(maillage.ScenarioError, match=r"--force \(force=True in Python\)"):
        maillage.load(valid, typo)
    assert maillage.load(valid, typo, force=True).force
