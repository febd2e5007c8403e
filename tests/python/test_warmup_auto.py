"""`warmup: auto` on a real example: the chosen warm-up is printed with the weekly series
that set it (or that none shows a start-up transient), and the report says the same."""
import os
import re
import subprocess

from conftest import BUILD, ROOT


def test_auto_warmup_on_an_example_says_which_series_set_it(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [os.path.join(BUILD, "maillage"), "run", os.path.join(ROOT, "scenarios", "loir-et-cher.yaml"),
         "--replications", "2", "--plan", "baseline", "--jobs", "2", "--set", "scenario.warmup=auto",
         "--out", str(out)],
        capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found = re.search(r"warm-up (\d+) weeks, found by MSER-5 \(White 1997\) on the baseline's weekly series: mean wait "
                      r"per care type and over all, unserved share, ED visits \(2 pilot replications, (\d+) uncensored "
                      r"weeks\); (set by [^;\n]+|no series shows a start-up transient)", done.stdout)
    assert found, done.stdout
    weeks, reason = int(found.group(1)), found.group(3)
    # The reason names the series read: a care type of the scenario, the unserved share or the ED visits.
    if weeks > 0:
        names = reason[len("set by "):].split(", ")
        header = (out / "timeseries.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        cares = {c[len("wait_days_mean."):] for c in header if c.startswith("wait_days_mean.")}
        assert all(n in ("the mean wait over all care types", "the unserved share", "ED visits a week")
                   or (n.startswith("the mean wait of ") and n[len("the mean wait of "):] in cares) for n in names), reason
    else:
        assert reason == "no series shows a start-up transient"
    # The report's warm-up line carries the same note, and the run used that warm-up.
    html = (out / "report.html").read_text(encoding="utf-8")
    assert found.group(0) in html.replace("&#39;", "'")
    kpis = (out / "kpis.csv").read_text(encoding="utf-8").splitlines()
    period = kpis[1].split(",")[kpis[0].split(",").index("period_days")]
    assert float(period) == 435 - 7 * weeks
