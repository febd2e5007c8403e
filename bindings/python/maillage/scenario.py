"""A scenario file with overrides, validated by the same loader as the command line."""
import json
import os

from . import _maillage, arguments


def yaml_value(value):
    """A Python value as the YAML text the loader reads: "1.4 per year" stays as it is."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value)  # lists and dicts: JSON is YAML


class Scenario:
    """A validated scenario: a file and the overrides applied to it (key path -> value).
    `force`: accept a scenario beyond the work limits (as the command line's --force)."""

    def __init__(self, path, overrides=None, force=False):
        self.path = os.path.abspath(arguments.path(path))
        self.overrides = arguments.overrides(overrides)
        self.force = force
        info = _maillage.check(self.path, self._override_pairs(), force=force)
        self.name = info["name"]
        self.plans = list(info["plans"])
        self.replications = info["replications"]
        self.seed = info["seed"]

    def _override_pairs(self, extra=None):
        merged = {**self.overrides, **arguments.overrides(extra)}
        return [(k, yaml_value(v)) for k, v in merged.items()]

    def with_overrides(self, overrides):
        """A new scenario with these values changed too; raises ScenarioError when invalid."""
        return Scenario(self.path, {**self.overrides, **arguments.overrides(overrides)}, force=self.force)

    def __repr__(self):
        return f"Scenario({self.path!r}, overrides={self.overrides!r})"


def load(path, overrides=None, force=False):
    """Loads and validates a scenario file; raises ScenarioError listing every problem."""
    return Scenario(path, overrides, force)
