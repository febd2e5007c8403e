"""The Python API's arguments checked before they reach the C++ core, with messages a user
reads ("replications must be a whole number from 1 to 100000, got 'ten'") rather than
pybind11's list of signatures. The limits are the command line's."""
import numbers
import os
from collections.abc import Mapping


def whole_number(name, value, low, high):
    """An int in [low, high], or None (the scenario's or the default value)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 10.0 is ten
    message = f"{name} must be a whole number from {low} to {high}, got {value!r}"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(message)
    if not low <= value <= high:
        raise ValueError(message)
    return int(value)


def replications(value):
    return whole_number("replications", value, 1, 100000)


def seed(value):
    return whole_number("seed", value, 0, 2 ** 62)


def jobs(value):
    """Simulations at once: None is one per core (0 for the core)."""
    return whole_number("jobs", value, 1, 1024) or 0


def path(value):
    """A scenario file: a str or a path-like object."""
    if isinstance(value, (str, os.PathLike)):
        return os.fspath(value)
    raise TypeError(f"scenario must be a Scenario or the path of a scenario file, got {value!r}")


def plans(value):
    """Plan names: a list of str, or one str for a single plan."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(p, str) for p in value):
        raise TypeError(f'plans must be a list of plan names, e.g. ["baseline"], got {value!r}')
    return list(value)


def overrides(value, name="overrides"):
    """Key path -> value, e.g. {"supply.practices[0].doctors": 8}."""
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise TypeError(f'{name} must be a dict of key path -> value, e.g. {{"supply.practices[0].doctors": 8}}, '
                        f"got {value!r}")
    return dict(value)


def grid(value):
    """Key path -> a non-empty list of values to sweep."""
    checked = {}
    for key, values in overrides(value, "grid").items():
        if isinstance(values, (str, bytes, Mapping)) or not hasattr(values, "__iter__") or not list(values):
            raise TypeError(f'grid["{key}"] must be a non-empty list of values, e.g. [4, 6, 8], got {values!r}')
        checked[key] = list(values)
    return checked


def variants(value):
    """A non-empty list of variants, each a dict of key path -> value."""
    if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
        raise TypeError(f'variants must be a list of dicts of key path -> value, '
                        f'e.g. [{{"supply.practices[0].doctors": 4}}], got {value!r}')
    checked = [overrides(v, f"variants[{i}]") for i, v in enumerate(value)]
    if not checked:
        raise TypeError("variants must be a non-empty list of dicts of key path -> value")
    return checked


def labels(value, count):
    """One label per variant (str or number), or None for their numbers 0, 1, 2..."""
    if value is None:
        return list(range(count))
    if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
        raise TypeError(f"labels must be a list of one label per variant, got {value!r}")
    value = list(value)
    if len(value) != count:
        raise ValueError(f"labels must have one label per variant: {count} variants, {len(value)} labels")
    if len(set(value)) != len(value):
        raise ValueError(f"labels must be distinct, got {value!r}")
    return value


def executor(value):
    if value is not None and not callable(getattr(value, "submit", None)):
        raise TypeError(f"executor must be a concurrent.futures.Executor (with submit), got {value!r}")
    return value
