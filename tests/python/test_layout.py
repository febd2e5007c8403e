"""The code's layout rules that a reader relies on (DESIGN: one room per service)."""
import os
import re

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS = os.path.join(ROOT, "models")


def services():
    """Header names (without .hpp) of the classes that derive from Service."""
    found = []
    for name in sorted(os.listdir(MODELS)):
        if name.endswith(".hpp"):
            with open(os.path.join(MODELS, name), encoding="utf-8") as f:
                if re.search(r"class \w+ : public Service\b", f.read()):
                    found.append(name[:-4])
    return found


def test_every_pathway_service_is_a_room_of_its_own():
    found = services()
    assert {"practices", "remote_care", "hospitals", "hotlines", "buses", "tele_expertise_service"} <= set(found)
    for s in found:
        for ext in (".hpp", ".cpp"):
            path = os.path.join(MODELS, s + ext)
            with open(path, encoding="utf-8") as f:
                included = set(re.findall(r'#include "models/(\w+)\.hpp"', f.read()))
            others = included & (set(found) - {s})
            assert not others, f"{s}{ext} includes another service: {sorted(others)}"


def test_each_service_is_registered_once_in_the_simulation():
    with open(os.path.join(MODELS, "simulation.cpp"), encoding="utf-8") as f:
        registered = re.findall(r"add<(\w+)>\(\);", f.read())
    assert len(registered) == len(set(registered)) == len(services())


def test_no_source_file_holds_too_much():
    for layer in ("engine", "models", "scenarios", "bindings"):
        for name in os.listdir(os.path.join(ROOT, layer)):
            if name.endswith(".cpp"):
                with open(os.path.join(ROOT, layer, name), encoding="utf-8") as f:
                    lines = sum(1 for _ in f)
                assert lines <= 700, f"{layer}/{name} has {lines} lines"


def test_catch_test_names_select_themselves():
    # ctest runs each case by its name; Catch reads "," as "or" and "[" as a tag, and CMake
    # splits lists at ";", so such a name would select nothing or another test.
    pattern = re.compile(r'TEST_CASE\("((?:[^"\\]|\\.)*)"')
    for folder, _, files in os.walk(os.path.join(ROOT, "tests")):
        for name in files:
            if name.endswith(".cpp"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    for case in pattern.findall(f.read()):
                        assert not set(case) & set(',;[]*~'), f"{name}: {case!r}"
