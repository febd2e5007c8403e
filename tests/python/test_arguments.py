"""Wrong arguments to the Python API get a message a user understands, before any C++ call
(pybind11 would answer with a TypeError listing signatures)."""
import os
import pathlib
from concurrent.futures import ThreadPoolExecutor

import pytest

import maillage


@pytest.fixture
def scenario(fixtures):
    return maillage.load(os.path.join(fixtures, "valid.yaml"))


@pytest.mark.parametrize("kwargs,error,message", [
    ({"replications": "ten"}, TypeError, r"^replications must be a whole number from 1 to 100000, got 'ten'$"),
    ({"replications": 0}, ValueError, r"^replications must be a whole number from 1 to 100000, got 0$"),
    ({"replications": 2.5}, TypeError, r"replications must be a whole number"),
    ({"replications": True}, TypeError, r"replications must be a whole number"),
    ({"seed": -1}, ValueError, r"^seed must be a whole number from 0 to 4611686018427387904, got -1$"),
    ({"seed": "42"}, TypeError, r"seed must be a whole number"),
    ({"jobs": 0}, ValueError, r"^jobs must be a whole number from 1 to 1024, got 0$"),
    ({"plans": [1]}, TypeError, r"^plans must be a list of plan names"),
    ({"overrides": ["scenario.seed=3"]}, TypeError, r"^overrides must be a dict of key path -> value"),
    ({"overrides": {3: 4}}, TypeError, r"^overrides must be a dict"),
])
def test_run_arguments(scenario, kwargs, error, message):
    with pytest.raises(error, match=message):
        maillage.run(scenario, **kwargs)


def test_select_and_sweep_arguments(scenario, fixtures):
    with pytest.raises(ValueError, match=r"^replications must be a whole number from 1 to 100000, got 100001$"):
        maillage.select(os.path.join(fixtures, "site-selection.yaml"), replications=100001)
    with pytest.raises(TypeError, match=r'^grid\["supply.practices\[0\].doctors"\] must be a non-empty list'):
        maillage.sweep(scenario, grid={"supply.practices[0].doctors": 4})
    with pytest.raises(TypeError, match=r"must be a non-empty list"):
        maillage.sweep(scenario, grid={"supply.practices[0].doctors": []})
    with pytest.raises(TypeError, match=r"^grid must be a dict"):
        maillage.sweep(scenario, grid=[4, 6])
    with pytest.raises(TypeError, match=r"^executor must be a concurrent.futures.Executor"):
        maillage.sweep(scenario, grid={"supply.practices[0].doctors": [4]}, executor="dask")
    with pytest.raises(TypeError, match=r"^scenario must be a Scenario or the path of a scenario file, got 3$"):
        maillage.load(3)


def test_friendly_values_are_taken(scenario, fixtures):
    # 2.0 is two, a path object is a path, one plan name is a list of one.
    res = maillage.run(pathlib.Path(fixtures) / "valid.yaml", replications=2.0, seed=1, plans="baseline", jobs=1)
    assert len(res.summary) == 2
    table = maillage.sweep(scenario, grid={"supply.practices[0].doctors": range(5, 6)}, replications=1,
                           executor=ThreadPoolExecutor(1))
    assert list(table["supply.practices[0].doctors"]) == [5]
