"""Sweeps over any design: a list of variants with labels, numeric parameter columns, and
every variant validated before anything runs."""
import os

import numpy as np
import pytest

import maillage

KEYS = ["supply.practices[0].doctors", "supply.practices[1].doctors"]


def latin_hypercube(points, low, high, seed):
    """A Latin hypercube of whole doctor counts: one point per stratum on each axis."""
    rng = np.random.default_rng(seed)
    columns = [(rng.permutation(points) + rng.random(points)) / points for _ in KEYS]
    return [{k: int(low + c[i] * (high - low + 1)) for k, c in zip(KEYS, columns)} for i in range(points)]


@pytest.fixture
def plans(fixtures):
    return maillage.load(os.path.join(fixtures, "plans.yaml"))


def test_a_latin_hypercube_runs_with_numeric_parameter_columns(plans):
    design = latin_hypercube(8, 1, 4, seed=3)
    table = maillage.sweep(plans, variants=design, replications=1, seed=1, plans=["baseline"])
    assert list(table["variant"]) == list(range(8))
    assert table["error"].isna().all()
    for k in KEYS:
        assert table[k].dtype.kind == "i"
        assert list(table[k]) == [d[k] for d in design]
    assert (table["served"] > 0).all()


def test_the_latin_hypercube_on_a_local_cluster_gives_the_same_table(plans):
    distributed = pytest.importorskip("distributed")
    design = latin_hypercube(8, 1, 4, seed=3)
    local = maillage.sweep(plans, variants=design, replications=1, seed=1, plans=["baseline"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = maillage.sweep(plans, variants=design, replications=1, seed=1, plans=["baseline"],
                                 executor=client.get_executor())
    assert on_dask.to_csv(index=False) == local.to_csv(index=False)


def test_labels_name_the_variants_and_missing_keys_are_empty(plans):
    table = maillage.sweep(plans, variants=[{KEYS[0]: 2}, {KEYS[1]: 3}], labels=["two", "three"],
                           replications=1, seed=1, plans=["baseline"])
    assert list(table["variant"]) == ["two", "three"]
    assert table[KEYS[0]].iloc[0] == 2 and np.isnan(table[KEYS[0]].iloc[1])
    assert table[KEYS[1]].iloc[1] == 3


def test_a_misspelled_key_raises_before_anything_runs_naming_the_variant(plans):
    class Refusing:
        def submit(self, *args):
            raise AssertionError("a variant ran before every variant was checked")
    with pytest.raises(maillage.ScenarioError, match=r"variant 1 \(typo\)"):
        maillage.sweep(plans, variants=[{KEYS[0]: 2}, {"supply.practices[0].docters": 3}], labels=["ok", "typo"],
                       executor=Refusing())
    with pytest.raises(maillage.ScenarioError, match=r"(?s)variant 1 .*expected a number from 0.1 to 1000, got 0"):
        maillage.sweep(plans, grid={KEYS[0]: [2, 0]}, executor=Refusing())


def test_a_string_where_a_list_is_expected_raises(plans):
    with pytest.raises(TypeError, match=r'grid\["supply.practices\[0\].doctors"\] must be a non-empty list'):
        maillage.sweep(plans, grid={KEYS[0]: "345"})
    with pytest.raises(TypeError, match=r"^variants must be a list of dicts"):
        maillage.sweep(plans, variants="abc")
    with pytest.raises(TypeError, match=r"^variants\[0\] must be a dict"):
        maillage.sweep(plans, variants=["abc"])
    with pytest.raises(ValueError, match=r"one label per variant: 2 variants, 1 labels"):
        maillage.sweep(plans, variants=[{KEYS[0]: 2}, {KEYS[0]: 3}], labels=["a"])
    with pytest.raises(TypeError, match=r"either grid= .* or variants="):
        maillage.sweep(plans)


def test_summarise_intervals_equal_kpis_csv_and_the_reference_difference_is_paired(plans):
    table = maillage.sweep(plans, variants=[{KEYS[0]: 2}, {KEYS[0]: 4}], labels=["two", "four"],
                           replications=3, seed=7, plans=["baseline"])
    summary = maillage.summarise(table, reference="two")
    alone = maillage.run(plans, replications=3, seed=7, plans=["baseline"], jobs=1,
                         overrides={KEYS[0]: 4}).kpis
    four = summary[summary["variant"] == "four"].reset_index(drop=True)
    assert list(four["measure"]) == list(alone["measure"])
    for column in ["mean", "ci_low", "ci_high"]:
        assert list(four[column]) == list(alone[column])
    two = summary[summary["variant"] == "two"]
    served = two[two["measure"] == "served"]
    assert served["diff_ref"].iloc[0] == 0
    gained = four[four["measure"] == "served"]
    rows = table[table["plan"] == "baseline"]
    expected = (rows[rows["variant"] == "four"]["served"].to_numpy() - rows[rows["variant"] == "two"]["served"].to_numpy())
    assert gained["diff_ref"].iloc[0] == pytest.approx(expected.mean())
    assert gained["diff_ref_low"].iloc[0] < expected.mean() < gained["diff_ref_high"].iloc[0]
    with pytest.raises(ValueError, match=r"reference 'eight' is not a variant"):
        maillage.summarise(table, reference="eight")
