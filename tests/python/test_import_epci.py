"""EPCI: the national table's epci column, `maillage import epci` from the DGCL list of
members, and `maillage new --epci` from a fresh clone."""
import csv
import os

import pytest

from maillage import epci, importers

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.join(ROOT, "tests", "fixtures", "import")
DGCL = os.path.join(HERE, "dgcl-epcicom.csv")  # the published format: ';', latin-1, CRLF
NATIONAL = os.path.join(ROOT, "scenarios", "data", "france-communes.csv")
SHIPPED_EPCI_DEPTS = {"28", "41", "45", "72", "78", "91"}


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_national_table_has_the_epci_of_the_public_data_only():
    """DGCL 2025 EPCI for the 1,760 communes of 28, 41, 45, 72, 78 and 91; empty elsewhere."""
    table = rows(NATIONAL)
    with_epci = [r for r in table if r["epci"]]
    assert {r["dept"] for r in with_epci} == SHIPPED_EPCI_DEPTS
    assert len(with_epci) == sum(r["dept"] in SHIPPED_EPCI_DEPTS for r in table) == 1760
    vendomois = [r for r in table if r["epci"] == "200072072"]
    assert len(vendomois) == 65 and {r["epci_name"] for r in vendomois} == {"CA Territoires Vendômois"}
    assert all(len(r["epci"]) == 9 and r["epci"].isdigit() for r in with_epci)


def test_import_epci_sets_the_members_and_reports(tmp_path):
    out = tmp_path / "t.csv"
    rep = epci.import_epci([DGCL], str(out), os.path.join(HERE, "communes-37.csv"))
    assert rep.kept == 6
    assert rep.dropped["member commune not in the table (overseas, or another year's commune codes)"] == 1
    assert rep.dropped["commune of the table in no EPCI of the list (an island commune, or another year's list)"] == 266
    got = {r["insee"]: (r["epci"], r["epci_name"]) for r in rows(out)}
    assert got["37261"] == ("200000371", "Métropole d'essai du Val de Loire")  # latin-1 read right
    assert got["37003"] == ("200000372", "Communauté de communes d'essai d'Amboise")
    assert got["37001"] == ("", "")
    assert list(rows(out)[0])[:7] == ["insee", "name", "dept", "population", "lat", "lon", "area_km2"]


def test_import_epci_keeps_the_shipped_epci_and_filters_departements(tmp_path):
    out = tmp_path / "t.csv"
    epci.import_epci([DGCL], str(out), NATIONAL, departements=["37"])
    table = rows(out)
    assert sum(r["epci"] == "200000371" for r in table) == 5
    assert sum(r["epci"] == "200072072" for r in table) == 65  # the shipped ones stay
    assert len(table) == len(rows(NATIONAL))


def test_import_epci_refuses_a_spreadsheet_and_names_missing_columns(tmp_path):
    with pytest.raises(importers.ImportError_, match="save its sheet as CSV"):
        epci.import_epci([str(tmp_path / "Epcicom2025.xlsx")], str(tmp_path / "o.csv"), NATIONAL)
    bad = tmp_path / "bad.csv"
    bad.write_text("dept;siren;nom\n37;200000371;x\n", encoding="utf-8")
    with pytest.raises(importers.ImportError_, match="missing column \"raison_sociale\""):
        epci.import_epci([str(bad)], str(tmp_path / "o.csv"), NATIONAL)


def test_new_epci_of_the_shipped_table_from_a_fresh_clone(cli, tmp_path):
    """No --communes: the shipped table knows CA Territoires Vendômois; the starter checks and runs."""
    d = tmp_path / "s"
    r = cli("new", "--epci", "200072072", "--synthetic-supply", "--out", str(d))
    assert r.returncode == 0, r.stderr
    assert len((d / "communes.csv").read_text(encoding="utf-8").splitlines()) == 66
    assert "CA Territoires Vendômois (200072072)" in (d / "scenario.yaml").read_text(encoding="utf-8")
    r = cli("check", str(d / "scenario.yaml"))
    assert r.returncode == 0, r.stderr
    r = cli("run", str(d / "scenario.yaml"), "--replications", "1", "--set", "scenario.horizon=15 d",
            "--set", "scenario.warmup=3 d", "--quiet", "--jobs", "1", "--out", str(tmp_path / "res"))
    assert r.returncode == 0, r.stderr


def test_new_unknown_epci_says_how_to_add_it(cli, tmp_path):
    r = cli("new", "--epci", "200000372", "--synthetic-supply", "--out", str(tmp_path / "s"))
    assert r.returncode == 1
    assert "200000372" in r.stderr and "maillage import epci" in r.stderr and "28, 41, 45, 72, 78, 91" in r.stderr


def test_import_epci_command_then_new(cli, tmp_path):
    """An officer of 37: import the DGCL list into the national table, then start from an EPCI."""
    table = tmp_path / "communes-epci.csv"
    r = cli("import", "epci", DGCL, "--out", str(table))
    assert r.returncode == 0, r.stderr
    assert "kept 6" in r.stdout
    d = tmp_path / "s"
    r = cli("new", "--epci", "200000371", "--communes", str(table), "--synthetic-supply", "--out", str(d))
    assert r.returncode == 0, r.stderr
    assert [ln.split(",")[0] for ln in (d / "communes.csv").read_text().splitlines()[1:]] == \
        ["37018", "37050", "37214", "37233", "37261"]
    assert cli("check", str(d / "scenario.yaml")).returncode == 0
    r = cli("import", "rpps", DGCL, "--out", str(tmp_path / "x.yaml"))
    assert r.returncode == 2 and "--departements" in r.stderr
