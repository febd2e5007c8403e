"""The command leaves without the libraries' static destructors (bindings/cli.cpp): what it
printed to a pipe and every file it wrote must still be whole when it has exited."""
import os
import pathlib
import sqlite3

import pandas as pd


def test_a_run_printed_to_a_pipe_is_whole_and_its_files_closed(cli, fixtures, tmp_path):
    out = tmp_path / "out"
    r = cli("run", os.path.join(fixtures, "valid.yaml"), "--replications", "2", "--jobs", "1", "--out", str(out))
    assert r.returncode == 0, r.stderr
    # stdout is a pipe here (block-buffered): its last line is the last thing main prints.
    assert r.stdout.startswith("scenario valid (")
    assert r.stdout.rstrip("\n").splitlines()[-1].startswith(f"results written to {out}/ (report.html")
    # The GeoPackage was closed by GDAL before the exit: SQLite finds it whole, its layers filled.
    with sqlite3.connect(out / "layers.gpkg") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM communes").fetchone()[0] > 0
    assert (out / "report.html").read_text().rstrip().endswith("</html>")
    assert len(pd.read_csv(out / "summary.csv")) > 0


def test_check_and_errors_reach_a_pipe_whole(cli, fixtures, tmp_path):
    r = cli("check", os.path.join(fixtures, "valid.yaml"))
    assert r.returncode == 0 and r.stdout.startswith(os.path.join(fixtures, "valid.yaml") + ": OK (")
    # The valid scenario with one bad value (its data file by full path): one error, then
    # the summary line, the last thing printed.
    text = (pathlib.Path(fixtures) / "valid.yaml").read_text().replace("horizon: 60 d", "horizon: sixty")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("communes: communes.csv", f"communes: {pathlib.Path(fixtures) / 'communes.csv'}"))
    r = cli("run", str(bad), "--out", str(tmp_path / "never"))
    assert r.returncode == 1
    assert "horizon" in r.stderr
    assert r.stderr.rstrip("\n").splitlines()[-1] == "1 error: the scenario was not run"
