"""Key paths that address many values: [*] (every item), [id] (one by its id), and
relative changes ("*0.9" or {"scale": 0.9}) rounded to whole doctors."""
import os

import pytest

import maillage
from maillage import _maillage
from maillage.scenario import yaml_value

BASE = {"msp-blois": 3, "cab-vendome": 1, "cab-mer": 1}


def doctors(fixtures, overrides):
    pairs = [(k, yaml_value(v)) for k, v in overrides.items()]
    return dict(_maillage.check(os.path.join(fixtures, "plans.yaml"), pairs)["doctors"])


def test_wildcard_id_and_scale_change_exactly_what_they_name(fixtures):
    assert doctors(fixtures, {}) == BASE
    assert doctors(fixtures, {"supply.practices[*].doctors": 4}) == {"msp-blois": 4, "cab-vendome": 4, "cab-mer": 4}
    assert doctors(fixtures, {"supply.practices[cab-mer].doctors": 6}) == {**BASE, "cab-mer": 6}
    # Whole counts round to the nearest, halves away from zero: 3 x 1.5 = 4.5 -> 5, 1 x 1.5 = 1.5 -> 2.
    assert doctors(fixtures, {"supply.practices[*].doctors": "*1.5"}) == {"msp-blois": 5, "cab-vendome": 2, "cab-mer": 2}
    assert doctors(fixtures, {"supply.practices[msp-blois].doctors": {"scale": 2}}) == {**BASE, "msp-blois": 6}
    assert doctors(fixtures, {"supply.practices[0].doctors": "*0.9"}) == BASE  # 2.7 -> 3


def test_scale_keeps_the_unit_of_a_rate(fixtures):
    sc = maillage.load(os.path.join(fixtures, "plans.yaml"))
    base = maillage.run(sc, replications=1, seed=4, plans=["baseline"], jobs=1).summary
    same = maillage.run(sc, replications=1, seed=4, plans=["baseline"], jobs=1,
                        overrides={"demand.care_types.gp_acute.rate": "3 per year"}).summary
    scaled = maillage.run(sc, replications=1, seed=4, plans=["baseline"], jobs=1,
                          overrides={"demand.care_types.gp_acute.rate": "*1.0"}).summary
    assert scaled.to_csv() == base.to_csv() == same.to_csv()
    doubled = maillage.run(sc, replications=1, seed=4, plans=["baseline"], jobs=1,
                           overrides={"demand.care_types.gp_acute.rate": {"scale": 2}}).summary
    assert doubled["episodes"].iloc[0] > 1.5 * base["episodes"].iloc[0]


@pytest.mark.parametrize("key,value,message", [
    ("supply.practices[*].doctors", "*x", r"expected a scale like \"\*0.9\""),
    ("supply.practices[*].doctors", {"scale": -1}, r"expected a scale like"),
    ("supply.practices[*].id", "*2", r"is not a number to scale"),
    ("supply.practices[*].doctors", "*0.1", r"expected a whole number from 1 to 1000, got 0"),
])
def test_bad_scales_are_refused_with_their_key(fixtures, key, value, message):
    with pytest.raises(maillage.ScenarioError, match=message):
        doctors(fixtures, {key: value})
