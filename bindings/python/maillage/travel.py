"""The road model's travel times out (as `maillage travel`) and observed times in (as
`maillage calibrate`)."""
import io

import pandas as pd

from . import _maillage
from .scenario import Scenario


def _codes(x):
    if x is None:
        return []
    return [x] if isinstance(x, str) else [str(c) for c in x]


def travel(scenario, from_=None, to=None, sites=False, overrides=None):
    """One-way travel between communes as the simulation uses it: a DataFrame with columns
    from, to (INSEE codes, or a site's id with sites=True), minutes, km. `from_` and `to`
    are INSEE codes (one or a list; default: every commune)."""
    if not isinstance(scenario, Scenario):
        scenario = Scenario(scenario)
    text = _maillage.travel(scenario.path, scenario._override_pairs(overrides), _codes(from_), _codes(to), sites)
    return pd.read_csv(io.StringIO(text), dtype={"from": str, "to": str})
