"""More than a thousand mutated scenarios (tests/fuzz/mutate_scenarios.py) through the loader
that `maillage check` runs: each is accepted, or refused with every error located (file:
line:col or a key path), never a crash, an unexpected exception or a hang.

Each input is loaded in a forked child (tests/fuzz/load_mutants.py: the pybind module, the
very loader of the command line, without a process start per input). A child killed by a
signal, or an exception other than ScenarioError (which would abort the command line), is a
failure; a child still loading after TIMEOUT s is a hang."""
import json
import os
import re
import subprocess
import sys

import pytest

FUZZ = os.path.join(os.path.dirname(__file__), "..", "fuzz")
sys.path.insert(0, FUZZ)
import mutate_scenarios  # noqa: E402

COUNT = 1200
TIMEOUT = 20.0
# Every diagnostic names where: a file (scenario, included YAML or CSV), with line:column
# when the document has lines, or the override's key path.
LOCATED = re.compile(r"^(\S+\.(yaml|csv)(:\d+:\d+)?|override \S+): ")

# Loader bugs known and being fixed on another branch: the message of the exception that
# escapes the loader, and the inputs of tests/fixtures/crashes (see its README.md). Remove an
# entry once its fix is merged: its tests then pass unexpectedly, which fails (strict).
CRASHES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "crashes")
# Loader crashes the fuzzer and the corpus found, each kept as a fixture (tests/fixtures/crashes):
# fixed; each must now be refused with its place.
FOUND = {
    "scalar scenario file": (r'operator\[\] call on a scalar \(key: "plans"\)',
                             ["scalar_scenario.yaml", "fuzz-scalar_scenario.yaml"]),
    "non-mapping plan": (r'operator\[\] call on a scalar \(key: "set"\)',
                         ["non_mapping_plan.yaml", "fuzz-non_mapping_plan.yaml"]),
    "remote pool, cabin, EHPAD cart or bus without hours": (
        r'invalid node; first invalid key: "hours"',
        ["remote_pool_without_hours.yaml", "fuzz-remote_pool_without_hours.yaml", "cabin_without_hours.yaml",
         "fuzz-ehpad_cart_without_hours.yaml", "fuzz-bus_without_hours.yaml"]),
    "bus stop without day": (r'invalid node; first invalid key: "day"', ["fuzz-bus_stop_without_day.yaml"]),
    "tele_expertise without delay": (r'invalid node; first invalid key: "delay"',
                                     ["fuzz-distribution_without_delay.yaml"]),
    "network without coverage": (r'invalid node; first invalid key: "coverage"', ["network_without_coverage.yaml"]),
    "supply file that is a directory": (r"Is a directory", ["supply_file_directory.yaml"]),
    "horizon 1e300 d accepted (the run dies)": (None, ["horizon_1e300_days.yaml"]),
}


def load_all(paths, jobs=os.cpu_count() or 2):
    """path -> (outcome, message), from load_mutants.py in a process of its own."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, os.path.join(FUZZ, "load_mutants.py"), str(TIMEOUT), str(jobs), *paths],
                          capture_output=True, text=True, env=env, check=True)
    return {path: tuple(result) for path, result in json.loads(done.stdout).items()}


def failure(path, outcome, message):
    """Why this result breaks the contract, or None."""
    if outcome == "ok":
        return None
    if outcome == "refused":
        # (split at newlines only: a key quoted in a message may hold \r or U+2028)
        unlocated = [line for line in message.split("\n") if not LOCATED.match(line)]
        return f"an error without its place: {unlocated[0]!r}" if unlocated else None
    return f"{outcome}: {message[:300]}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mutants")
    written = mutate_scenarios.generate(str(folder), COUNT)
    return dict(written), load_all([path for path, _ in written])


def test_mutated_scenarios_are_accepted_or_refused_with_their_place(corpus):
    sources, results = corpus
    assert len(results) >= 1000
    broken = []
    for path, (outcome, message) in sorted(results.items()):
        why = failure(path, outcome, message)
        if why:
            broken.append(f"{path} (from {sources[path]}): {why}")
    assert not broken, f"{len(broken)} of {len(results)} mutants broke the loader:\n" + "\n".join(broken[:20])


@pytest.fixture(scope="module")
def crash_fixtures():
    return load_all([os.path.abspath(os.path.join(CRASHES, f)) for _, files in FOUND.values() for f in files])


@pytest.mark.parametrize("reason,fixture", [(r, f) for r, (_, files) in FOUND.items() for f in files])
def test_crash_fixture_is_refused_with_its_place(reason, fixture, crash_fixtures):
    path = os.path.abspath(os.path.join(CRASHES, fixture))
    outcome, message = crash_fixtures[path]
    assert outcome == "refused" and not failure(path, outcome, message), f"{outcome}: {message[:300]}"
