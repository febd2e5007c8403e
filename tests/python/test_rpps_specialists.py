import os

import pytest

from maillage import importers, rpps_specialists

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "import", "rpps-ophtalmologie.txt")


def doctors(path):
    """commune -> ophthalmologists from a supply.hospitals YAML written by the importer."""
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("- {"):
            com = line.split('commune: "', 1)[1].split('"', 1)[0]
            out[com] = int(line.split("doctors: ", 1)[1].split(",", 1)[0])
    return out


def test_ophthalmologists_by_commune_with_what_is_dropped(tmp_path):
    out = tmp_path / "eyes.yaml"
    rep = rpps_specialists.import_rpps_specialists([FIXTURE], ["37"], str(out), "ophthalmology")
    # Kept: two at the Tours cabinet (one of them also in Amboise) and one at the hospital.
    assert rep.kept == 4
    assert rep.dropped == {"not a médecin (profession code != 10)": 1,
                           "not ophthalmology (savoir-faire not SM38)": 1,
                           "site outside the départements": 1, "teleconsultation platform": 1,
                           "no commune for the site": 1}
    # Tours: 1 + 0.5 + 1 = 2.5 FTE x 0.75 = 1.9 -> 2; Amboise: 0.5 x 0.75 -> at least 1.
    assert doctors(out) == {"37003": 1, "37261": 2}
    text = out.read_text(encoding="utf-8")
    assert "specialties: {ophthalmology: {doctors: 2," in text and "2.50 FTE" in text


def test_latin1_and_semicolons_read_the_same(tmp_path):
    src = tmp_path / "latin1.txt"
    src.write_bytes(open(FIXTURE, encoding="utf-8-sig").read().replace("|", ";").encode("latin-1"))
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    rpps_specialists.import_rpps_specialists([FIXTURE], ["37"], str(a), "ophthalmology")
    rpps_specialists.import_rpps_specialists([str(src)], ["37"], str(b), "ophthalmology")
    assert a.read_text() == b.read_text()


def test_unknown_specialty_is_refused():
    with pytest.raises(importers.ImportError_, match="expected one of ophthalmology"):
        rpps_specialists.import_rpps_specialists([FIXTURE], ["37"], "unused.yaml", "cardiology")


def test_imported_ophthalmologists_feed_the_starter(cli, tmp_path):
    eyes = tmp_path / "eyes.yaml"
    r = cli("import", "rpps", FIXTURE, "--departements", "37", "--specialty", "ophthalmology", "--out", str(eyes))
    assert r.returncode == 0, r.stderr
    assert "rpps ophthalmology: kept 4" in r.stdout
    table = os.path.join(os.path.dirname(FIXTURE), "communes-37.csv")
    d = tmp_path / "s"
    r = cli("new", "37", "--communes", table, "--synthetic-supply", "--ophthalmologists", str(eyes), "--out", str(d))
    assert r.returncode == 0, r.stderr
    assert "ophtalmo-37261" in (d / "hospitals.yaml").read_text()
    assert "SYNTHETIC ophthalmology" not in (d / "hospitals.yaml").read_text()
    assert cli("check", str(d / "scenario.yaml")).returncode == 0
