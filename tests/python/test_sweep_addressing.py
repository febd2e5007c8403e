"""Key paths that address many values: [*] (every item), [id] (one by its id), and
relative changes ("*0.9" or {"scale": 0.9}) kept exact where fractions mean something (a
practice's doctors: part-time diaries) and rounded where only whole counts do; bare numbers
that take the unit of the value they replace."""
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
    # A practice's doctors take fractions (part-time diaries): the product is exact.
    assert doctors(fixtures, {"supply.practices[*].doctors": "*1.5"}) == {"msp-blois": 4.5, "cab-vendome": 1.5,
                                                                           "cab-mer": 1.5}
    assert doctors(fixtures, {"supply.practices[msp-blois].doctors": {"scale": 2}}) == {**BASE, "msp-blois": 6}
    assert doctors(fixtures, {"supply.practices[0].doctors": "*0.9"}) == {**BASE, "msp-blois": 2.7}


def test_a_scaled_whole_count_rounds_halves_away_from_zero(fixtures):
    path = os.path.join(fixtures, "plans.yaml")
    # scenario.replications takes whole counts only: 6 x 0.75 = 4.5 -> 5, 6 x 0.7 = 4.2 -> 4.
    assert _maillage.check(path, [("scenario.replications", "*0.75")])["replications"] == 5
    assert _maillage.check(path, [("scenario.replications", "*0.7")])["replications"] == 4
    # Written by hand, a fraction there is still an error.
    with pytest.raises(maillage.ScenarioError, match="override scenario.replications.*expected a whole number"):
        _maillage.check(path, [("scenario.replications", "4.5")])


def run_summary(sc, overrides=None):
    return maillage.run(sc, replications=1, seed=4, plans=["baseline"], jobs=1, overrides=overrides).summary


def test_a_bare_number_takes_the_unit_of_the_value_it_replaces(fixtures, cli):
    sc = maillage.load(os.path.join(fixtures, "plans.yaml"))
    # 1.4 replacing "3 per year" is 1.4 per year; 20 replacing "40 min" is 20 min.
    assert run_summary(sc, {"demand.care_types.gp_acute.rate": 1.4}).to_csv() == \
        run_summary(sc, {"demand.care_types.gp_acute.rate": "1.4 per year"}).to_csv()
    assert run_summary(sc, {"demand.care_types.gp_acute.max_travel": 20}).to_csv() == \
        run_summary(sc, {"demand.care_types.gp_acute.max_travel": "20 min"}).to_csv()
    assert run_summary(sc, {"demand.care_types.gp_acute.rate": 1.4}).to_csv() != run_summary(sc).to_csv()
    # In a sweep's design the parameter column stays numeric.
    table = maillage.sweep(sc, grid={"demand.care_types.gp_acute.rate": [1.4, 3]}, replications=1, seed=4,
                           plans=["baseline"], jobs=1, progress=False)
    assert table["demand.care_types.gp_acute.rate"].tolist() == [1.4, 3.0]
    # The same on the command line.
    ok = cli("check", os.path.join(fixtures, "plans.yaml"), "--set", "demand.care_types.gp_acute.rate=1.4")
    assert ok.returncode == 0, ok.stderr
    # Other quantities: 50 replacing "70 km/h" is 50 km/h, 10 replacing "14 d" is 10 d.
    ok = cli("check", os.path.join(fixtures, "plans.yaml"), "--set", "territory.roads.speed=50",
             "--set", "scenario.warmup=10")
    assert ok.returncode == 0, ok.stderr
    # Where the scenario writes no unit to take, the error names the key and says why.
    with pytest.raises(maillage.ScenarioError,
                       match=r"override demand\.care_types\.gp_acute\.duration.*fixed.*expected a duration.*"
                             r"a bare number takes the unit of the value it replaces"):
        _maillage.check(os.path.join(fixtures, "plans.yaml"),
                        [("demand.care_types.gp_acute.duration", yaml_value({"fixed": 10}))])


@pytest.mark.parametrize("key,value,message", [
    ("supply.practices[*].doctors", "*x", r"expected a scale like \"\*0.9\""),
    ("supply.practices[*].doctors", {"scale": -1}, r"expected a scale like"),
    ("supply.practices[*].id", "*2", r"is not a number to scale"),
    ("supply.practices[*].doctors", "*0.01", r"expected a number from 0.1 to 1000, got 0.01"),
])
def test_bad_scales_are_refused_with_their_key(fixtures, key, value, message):
    with pytest.raises(maillage.ScenarioError, match=message):
        doctors(fixtures, {key: value})
