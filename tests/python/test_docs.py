"""Keeps docs/scenario.md and docs/scenario.schema.json true to the loader.

The loader declares the keys it accepts in YamlReader::map(node, path, {allowed...}, ...)
and read_items(..., {allowed...}, ...) calls; this test reads those lists from the source,
so a key added to the loader without documentation (or documented but gone) fails here."""
import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "scenario.md"
SCHEMA = ROOT / "docs" / "scenario.schema.json"

CALL = re.compile(r"(?:\.map|\bread_items)\s*\(")
LIST = re.compile(r"\{((?:\s*\"[A-Za-z_][A-Za-z0-9_]*\"\s*,?)+)\}")


def loader_keys():
    """Every key named in the first literal list of a map()/read_items() call in scenarios/."""
    keys = set()
    for src in sorted((ROOT / "scenarios").glob("*.cpp")):
        text = src.read_text(encoding="utf-8")
        for m in CALL.finditer(text):
            lst = LIST.search(text, m.end(), m.end() + 600)
            if lst:
                keys.update(re.findall(r"\"([^\"]+)\"", lst.group(1)))
    return keys


def schema_keys(node=None):
    node = json.loads(SCHEMA.read_text(encoding="utf-8")) if node is None else node
    keys = set()
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                keys.update(v.keys())
            keys |= schema_keys(v)
    elif isinstance(node, list):
        for v in node:
            keys |= schema_keys(v)
    return keys


def doc_keys():
    """Keys the reference documents: `key` in the first column of its tables."""
    return set(re.findall(r"^\|\s*`([A-Za-z_][A-Za-z0-9_]*)`", DOC.read_text(encoding="utf-8"), re.M))


def test_the_scan_finds_the_loader_keys():
    keys = loader_keys()
    # a broken regex would make every other test pass vacuously
    for k in ("scenario", "territory", "horizon", "practices", "tele_expertise", "coverage_within", "ferries"):
        assert k in keys
    assert len(keys) > 80


def test_every_loader_key_is_documented():
    assert sorted(loader_keys() - doc_keys()) == []


def test_every_documented_key_is_accepted_by_the_loader():
    assert sorted(doc_keys() - loader_keys()) == []


def test_every_loader_key_is_in_the_schema():
    assert sorted(loader_keys() - schema_keys()) == []


def test_every_schema_key_is_accepted_by_the_loader():
    assert sorted(schema_keys() - loader_keys()) == []


def _examples():
    return sorted((ROOT / "scenarios").glob("*.yaml"))


def _valid_fixtures():
    """The fixtures that are whole, valid scenarios (not the broken ones, not supply lists)."""
    return [p for p in sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))
            if p.read_text(encoding="utf-8").lstrip().startswith(("scenario:", "#")) and "\nscenario:" in "\n" + p.read_text(encoding="utf-8")]


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", _examples() + _valid_fixtures(), ids=lambda p: p.parent.name + "/" + p.name)
def test_every_example_validates_against_the_schema(validator, path):
    yaml = pytest.importorskip("yaml")
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
    assert errors == []


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_a_misspelled_key_does_not_validate(validator, path):
    yaml = pytest.importorskip("yaml")
    doc = yaml.safe_load(path.read_text())
    doc["scenario"]["horizn"] = doc["scenario"].pop("horizon")
    assert not validator.is_valid(doc)
    doc = yaml.safe_load(path.read_text())
    doc["territory"]["road"] = doc["territory"].pop("roads")
    assert not validator.is_valid(doc)
