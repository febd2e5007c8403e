#!/usr/bin/env python3
"""Mutated scenarios for robustness tests: the example scenarios, the test fixtures and their
data files, each changed a little (a line deleted, duplicated or swapped, values swapped, a
wrong type, a huge number, unicode, a truncation...). Deterministic: the same files each time.

    python3 tests/fuzz/mutate_scenarios.py OUT_DIR [COUNT]   # writes OUT_DIR/NNNN.yaml

Every mutant is a scenario file (NNNN.yaml) whose data paths are absolute; a mutated data
file sits beside it (NNNN-data.csv or .yaml) and the scenario points at it. tests/python/
test_mutated_scenarios.py runs `maillage check` on each: never a crash, never a hang.
"""
import glob
import os
import random
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SOURCES = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")) +
                 glob.glob(os.path.join(ROOT, "tests", "fixtures", "*.yaml")) +
                 glob.glob(os.path.join(ROOT, "tests", "fixtures", "broken", "*.yaml")))
DATA_REF = re.compile(r"(?<=[\s:{,\[])([\w./-]+\.(?:csv|yaml|geojson))\b")

WRONG_TYPES = ["[]", "{}", "[1, 2]", "{a: 1}", "true", "null", "~", '""', "-1", "0", "abc", "- x", "1 per", "per year",
               "12 parsecs", "&a x", "*a", "!!binary aGk=", "[[[[]]]]", "{{}}", "'", '"', "|", ">", "? x"]
HUGE = ["1e300", "-1e300", "1e308", "1e309", "99999999999999999999999", "-0", "nan", ".nan", ".inf", "-.inf",
        "1e-320", "2147483648", "-2147483649", "18446744073709551616", "4294967296", "0x7fffffff", "1e300 d",
        "1e300 per year", "1e18 min", "999999999 d", "0 d", "-5 d", "1e300 km/h", "1e300 Mbps"]
UNICODE = ["é", "\u202e", "\U0001d54f", "\ufeff", "\u200b", "日本", "\U0001f600", "\u00a0", "\r", "\t", "\\", "\x7f",
           "\u2028"]
SPECIAL = [":", "-", "[", "]", "{", "}", ",", "#", "&", "*", "!", "%", "@", "`", "'", '"', "|", ">", "? ", "<<: *a", "---",
           "...", "\n- ", "\n  ", " "]


def swap_values(rng, text):
    """Two `key: value` values traded."""
    found = list(re.finditer(r"(?<=: )([^\s,{}\[\]#][^,{}\[\]#\n]*)", text))
    if len(found) < 2:
        return text
    a, b = sorted(rng.sample(found, 2), key=lambda m: m.start())
    return text[:a.start()] + b.group() + text[a.end():b.start()] + a.group() + text[b.end():]


def replace_scalar(rng, text, choices, pattern=r"(?<=: )([^\s,{}\[\]#][^,{}\[\]#\n]*)"):
    found = list(re.finditer(pattern, text))
    if not found:
        return text
    m = rng.choice(found)
    return text[:m.start()] + rng.choice(choices) + text[m.end():]


def mutate_once(rng, text, numbers_only=False):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    kind = rng.randrange(11)
    if kind == 0:  # a line deleted
        del lines[i]
    elif kind == 1:  # a line duplicated
        lines.insert(i, lines[i])
    elif kind == 2:  # two lines swapped
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == 3:
        return swap_values(rng, text)
    elif kind == 4:  # a wrong type
        return replace_scalar(rng, text, WRONG_TYPES)
    elif kind == 5:  # a huge, tiny, negative or not-a-number value
        return replace_scalar(rng, text, HUGE, r"-?\d+(\.\d+)?")
    elif kind == 6:  # unicode or a control character inserted
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(UNICODE) + text[at:]
    elif kind == 7:  # truncated
        return text[:rng.randrange(len(text) + 1)]
    elif kind == 8:  # indentation changed
        lines[i] = (" " * rng.randrange(1, 5) + lines[i]) if rng.random() < 0.5 else lines[i].lstrip()
    elif kind == 9:  # a YAML (or CSV) special character inserted
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(SPECIAL) + text[at:]
    else:  # a field of a comma-separated line emptied, doubled or dropped
        fields = lines[i].split(",")
        f = rng.randrange(len(fields))
        choice = rng.randrange(3)
        if choice == 0:
            fields[f] = ""
        elif choice == 1:
            fields.insert(f, fields[f])
        else:
            del fields[f]
        lines[i] = ",".join(fields)
    return "\n".join(lines)


def absolute_data_paths(text, folder):
    """Data paths made absolute, so that the mutant can live anywhere."""
    def absolute(m):
        path = os.path.normpath(os.path.join(folder, m.group(1)))
        return path if os.path.isfile(path) else m.group(1)
    return DATA_REF.sub(absolute, text)


def generate(out_dir, count=1200):
    os.makedirs(out_dir, exist_ok=True)
    texts = {s: open(s, encoding="utf-8").read() for s in SOURCES}
    written = []
    for n in range(count):
        rng = random.Random(n)
        source = rng.choice(SOURCES)
        text = absolute_data_paths(texts[source], os.path.dirname(source))
        name = os.path.join(out_dir, f"{n:04d}.yaml")
        refs = [r for r in DATA_REF.findall(text) if os.path.isabs(r)]
        if refs and rng.random() < 0.3:  # one of its data files mutated instead
            ref = rng.choice(refs)
            data = open(ref, encoding="utf-8").read()
            for _ in range(rng.randint(1, 3)):
                data = mutate_once(rng, data)
            data_name = os.path.join(out_dir, f"{n:04d}-data" + os.path.splitext(ref)[1])
            with open(data_name, "w", encoding="utf-8", newline="") as f:
                f.write(data)
            text = text.replace(ref, data_name)
        else:
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                text = mutate_once(rng, text)
        with open(name, "w", encoding="utf-8", errors="surrogatepass", newline="") as f:
            f.write(text)
        written.append((name, os.path.relpath(source, ROOT)))
    return written


if __name__ == "__main__":
    for path, source in generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1200):
        print(path, source)
