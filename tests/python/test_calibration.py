"""The examples' baselines beside the published figures (docs/calibration.md).

Each example runs as the table says: its baseline, two replications of its file's measured
year after its warm-up (its own seeds: the figures are reproducible); its figures per
inhabitant a year are checked within 20% of the published ones, unless docs/calibration.md
names the exception and says why, and the table must quote the figures measured here. The
six runs take about 40 s of CPU (about 20 s on two cores).
"""
import csv
import math
import os
import re
import subprocess

import pytest

from conftest import BUILD, ROOT

# Published figures (sources in docs/calibration.md).
GP_CONSULTATIONS = 3.8          # GP consultations and visits per inhabitant a year (DREES, APL 2015)
GP_WAIT_MEDIAN = 2.0            # days (DREES, Études et Résultats n° 1085, 2018)
OPHTHALMOLOGY_WAIT_MEDIAN = 52  # days (same study)
OPHTHALMOLOGY_WAIT_MEAN = 80    # days (same study)
OPHTHALMOLOGY_WAIT_P90 = 189    # days: 10% waited longer (same study)
ED_PRIMARY_CARE = 3.6e6 / 67.0e6  # ED visits a year that primary care could have seen, per inhabitant
BAND = 0.20
GP_TYPES = ("gp_acute", "gp_routine")
EXAMPLES = ("loir-et-cher", "loiret", "sarthe", "yvelines")
# The starter on départements not shipped, from the national table's rows: an urban one and
# a rural one (docs/calibration.md).
STARTERS = {"starter-37": ("37", os.path.join(ROOT, "tests", "fixtures", "import", "communes-37.csv")),
            "starter-23": ("23", os.path.join(ROOT, "scenarios", "data", "france-communes.csv"))}
# (example, figure) pairs that differ, each explained in docs/calibration.md under its heading.
EXCEPTIONS = {
    ("starter-23", "ed_primary_care"): "The starter in a rural département",
}
REPLICATIONS = 2


def population(scenario):
    communes = re.search(r"^  communes: (\S+)", open(scenario, encoding="utf-8").read(), re.M).group(1)
    with open(os.path.join(os.path.dirname(scenario), communes), newline="", encoding="utf-8") as f:
        return sum(int(r["population"]) for r in csv.DictReader(f))


def figures(kpis, people):
    rows = {r["measure"]: r for r in csv.DictReader(open(kpis, newline="")) if r["plan"] == "baseline"}

    def per_inhabitant(measure):
        return float(rows[measure]["mean_per_year"]) / people if measure in rows else 0.0

    def mean(measure):
        return float(rows[measure]["mean"]) if measure in rows and rows[measure]["mean"] else None

    gp_episodes = sum(float(rows[f"episodes.{t}"]["mean"]) for t in GP_TYPES)
    # The GP wait: the median of the two GP care types together lies between theirs; their
    # mean weighted by the GP consultations stands for it (the overall median mixes in the
    # ophthalmology waits, 7% of the needs).
    gp_served = {t: mean(f"served.{t}") - (mean(f"ed_visits.{t}") or 0.0) for t in GP_TYPES}
    gp_medians = {t: mean(f"wait_days_median.{t}") for t in GP_TYPES}
    gp_wait = (sum(gp_served[t] * gp_medians[t] for t in GP_TYPES) / sum(gp_served.values())
               if None not in gp_medians.values() else mean("wait_days_median"))
    return {
        # A consultation at an ED is no GP consultation.
        "gp_consultations": sum(per_inhabitant(f"served.{t}") - per_inhabitant(f"ed_visits.{t}") for t in GP_TYPES),
        "gp_wait_median": gp_wait,
        "gp_share_of_episodes": gp_episodes / float(rows["episodes"]["mean"]),
        "ophthalmology_wait_median": mean("wait_days_median.ophthalmology"),
        "ophthalmology_wait_mean": mean("wait_days_mean.ophthalmology"),
        "ophthalmology_wait_p90": mean("wait_days_p90.ophthalmology"),
        # Same-day needs primary care did not meet: at an ED where the pathway has one,
        # unserved where it has none (they would go there).
        "ed_primary_care": per_inhabitant("ed_visits.gp_acute") + per_inhabitant("unserved.gp_acute"),
    }


def start_baseline(scenario, folder):
    # The table's command: the file's horizon, warm-up and seed.
    return subprocess.Popen([os.path.join(BUILD, "maillage"), "run", scenario, "--plan", "baseline",
                             "--replications", str(REPLICATIONS), "--jobs", "1", "--quiet", "--out", str(folder / "out")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def days(scenario, key):
    return float(re.search(rf"^  {key}: (\d+) d\b", open(scenario, encoding="utf-8").read(), re.M).group(1))


@pytest.fixture(scope="module")
def baselines(tmp_path_factory):
    """The four examples and the starter's demand on its synthetic supply of two départements
    not shipped, run side by side."""
    runs = {}
    for name in EXAMPLES:
        folder = tmp_path_factory.mktemp(name)
        scenario = os.path.join(ROOT, "scenarios", f"{name}.yaml")
        runs[name] = (scenario, folder, start_baseline(scenario, folder))
    for name, (departement, communes) in STARTERS.items():
        folder = tmp_path_factory.mktemp(name)
        r = subprocess.run([os.path.join(BUILD, "maillage"), "new", departement, "--synthetic-supply",
                            "--out", str(folder / "s"), "--communes", communes], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        scenario = str(folder / "s" / "scenario.yaml")
        runs[name] = (scenario, folder, start_baseline(scenario, folder))
    out = {}
    for name, (scenario, folder, proc) in runs.items():
        _, err = proc.communicate()
        assert proc.returncode == 0, f"{name}: {err}"
        out[name] = figures(str(folder / "out" / "kpis.csv"), population(scenario))
        out[name]["weeks"] = weekly(str(folder / "out" / "timeseries.csv"))
        out[name]["measured_weeks"] = measured_weeks(days(scenario, "warmup"), days(scenario, "horizon"))
    return out


def weekly(timeseries):
    """week -> (mean wait of the needs of that week, booked-ahead ones in the week of booking;
    same-day needs no primary care met: at an ED, or unserved where there is none, with the
    other care types' unserved), summed over the replications."""
    out = {}
    for r in csv.DictReader(open(timeseries, newline="")):
        if r["plan"] != "baseline":
            continue
        w = int(float(r["week"]))
        wait, overflow = out.get(w, (0.0, 0.0))
        out[w] = (wait + float(r["wait_days_mean"]) / REPLICATIONS, overflow + float(r["ed_visits"]) + float(r["unserved"]))
    return out


def measured_weeks(warmup, horizon):
    """The whole weeks after the warm-up, less the last two (their GP needs booked past the
    horizon are not counted yet): two halves of equal length."""
    first, last = int(-(-warmup // 7)) + 1, int(horizon // 7) - 2
    half = (last - first + 1) // 2
    return range(first, first + half), range(last - half + 1, last + 1)


def within(value, published):
    return value is not None and abs(value - published) <= BAND * published


@pytest.mark.parametrize("name", EXAMPLES + tuple(STARTERS))
def test_example_reproduces_published_figures(baselines, name):
    f = baselines[name]
    # GP care is the bulk of the need; ophthalmology about 7% of it.
    assert f["gp_share_of_episodes"] > 0.85
    published = {"gp_consultations": GP_CONSULTATIONS, "gp_wait_median": GP_WAIT_MEDIAN,
                 "ophthalmology_wait_median": OPHTHALMOLOGY_WAIT_MEDIAN,
                 "ophthalmology_wait_mean": OPHTHALMOLOGY_WAIT_MEAN, "ophthalmology_wait_p90": OPHTHALMOLOGY_WAIT_P90,
                 "ed_primary_care": ED_PRIMARY_CARE}
    wrong = [f"{k}: {f[k]} against {v}" for k, v in published.items()
             if (name, k) not in EXCEPTIONS and not within(f[k], v)]
    assert not wrong, f"{name} outside 20% of the published figures: {wrong}"


@pytest.mark.parametrize("name", EXAMPLES + tuple(STARTERS))
def test_weekly_wait_and_overflow_are_level_after_the_warm_up(baselines, name):
    # Ophthalmology's long waits (7% of the needs) are booked ahead, not a backlog growing
    # through the run: the weekly mean wait does not drift between the two halves of the
    # measured year. Nor do the same-day needs primary care did not meet (weekly counts): a
    # count growing through the year would be a queue above capacity, or a warm-up too short
    # for it, and the year's figure would depend on its length. Within 5%, beyond the counts'
    # own noise (three Poisson standard deviations of the difference of the halves' means).
    w = baselines[name]["weeks"]
    halves = baselines[name]["measured_weeks"]
    assert len(halves[0]) >= 24  # the measured year
    wait = [sum(w[k][0] for k in weeks) / len(weeks) for weeks in halves]
    overflow = [sum(w[k][1] for k in weeks) / len(weeks) for weeks in halves]
    assert wait[0] > 4  # the ophthalmology waits are in it
    assert abs(wait[1] - wait[0]) <= 0.05 * wait[0], wait
    noise = 3 * math.sqrt(sum(overflow) / len(halves[0]))
    assert abs(overflow[1] - overflow[0]) <= 0.05 * overflow[0] + noise, overflow


def table_row(doc, name):
    """The figures docs/calibration.md's table quotes for an example, as (value, decimals)."""
    label = name.replace("-", " ") if name in STARTERS else name
    row = next(line for line in doc.splitlines() if line.startswith(f"| {label} "))
    cells = row.split("|")
    numbers = [[(float(x), len(x.split(".")[1]) if "." in x else 0) for x in re.findall(r"\d+(?:\.\d+)?", c)]
               for c in cells[3:7]]
    return {"gp_consultations": numbers[0][0], "gp_wait_median": numbers[1][0],
            "ophthalmology_wait_median": numbers[2][0], "ophthalmology_wait_mean": numbers[2][1],
            "ophthalmology_wait_p90": numbers[2][2], "ed_primary_care": numbers[3][0]}


def test_every_exception_is_explained_in_the_docs():
    doc = open(os.path.join(ROOT, "docs", "calibration.md"), encoding="utf-8").read()
    for heading in set(EXCEPTIONS.values()):
        assert re.search(rf"^#+ .*{re.escape(heading)}", doc, re.M), heading
    for name in EXAMPLES + tuple(STARTERS):
        table_row(doc, name)


@pytest.mark.parametrize("name", EXAMPLES + tuple(STARTERS))
def test_the_docs_table_quotes_the_figures_measured(baselines, name):
    # The table is what a reader trusts: its figures are this test's runs, to the last digit
    # shown (within one unit of it). A change of the model that moves them updates the table.
    doc = open(os.path.join(ROOT, "docs", "calibration.md"), encoding="utf-8").read()
    wrong = [f"{k}: table {v} ({d} decimals), measured {baselines[name][k]:.4f}"
             for k, (v, d) in table_row(doc, name).items() if abs(baselines[name][k] - v) > 10 ** -d * 1.0001]
    assert not wrong, f"{name}: docs/calibration.md's table is not what was measured: {wrong}"


def test_figures_count_ed_visits_apart_from_gp_consultations(tmp_path):
    kpis = tmp_path / "kpis.csv"
    kpis.write_text(
        "plan,measure,mean,mean_per_year\n"
        "baseline,episodes,100,400\n"
        "baseline,episodes.gp_acute,30,120\nbaseline,episodes.gp_routine,70,280\n"
        "baseline,served.gp_acute,30,120\nbaseline,served.gp_routine,60,240\n"
        "baseline,ed_visits.gp_acute,5,20\nbaseline,unserved.gp_acute,0,0\n"
        "baseline,wait_days_median,1.5,\n")
    f = figures(str(kpis), 100)
    assert f["gp_consultations"] == pytest.approx(3.4)
    assert f["ed_primary_care"] == pytest.approx(0.2)
    assert f["gp_wait_median"] == 1.5 and f["ophthalmology_wait_median"] is None
    # With the GP types' medians: their mean weighted by GP consultations (25 and 60).
    with open(kpis, "a") as out:
        out.write("baseline,wait_days_median.gp_acute,1,\nbaseline,wait_days_median.gp_routine,2,\n"
                  "baseline,wait_days_median.ophthalmology,50,\n")
    f = figures(str(kpis), 100)
    assert f["gp_wait_median"] == pytest.approx((25 * 1 + 60 * 2) / 85)
    assert f["ophthalmology_wait_median"] == 50
