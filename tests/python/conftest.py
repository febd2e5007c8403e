import os
import subprocess

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("MAILLAGE_BUILD_DIR", os.path.join(ROOT, "build"))
if not os.path.isabs(BUILD):
    BUILD = os.path.join(ROOT, BUILD)


@pytest.fixture
def fixtures():
    return os.path.join(ROOT, "tests", "fixtures")


@pytest.fixture
def cli():
    """Runs the maillage command; returns its exit code."""
    def run(*args):
        return subprocess.run([os.path.join(BUILD, "maillage"), *args], capture_output=True, text=True)
    return run
