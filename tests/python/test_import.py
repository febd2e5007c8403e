import codecs
import os

import pytest

from maillage import importers

HERE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "import")


def fx(name):
    return os.path.join(HERE, name)


def practices(path):
    """commune -> doctors from a practices YAML written by an importer."""
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("- {"):
            com = line.split('commune: "', 1)[1].split('"', 1)[0]
            out[com] = out.get(com, 0) + int(line.split("doctors: ", 1)[1].split(",", 1)[0])
    return out


def test_rpps_keeps_gps_of_practices_and_says_why_others_drop(tmp_path):
    """The fixture's rows carry the ANS codes and labels; docs/data-sources.md cites them."""
    out = tmp_path / "p.yaml"
    rep = importers.import_rpps([fx("rpps-personne-activite.txt")], ["37"], str(out))
    assert rep.kept == 7  # SM26, SM53 and SM54; SA05, SA07, SA08, SA09 and SA52
    assert rep.dropped == {
        "activity in a health or medico-social establishment (secteur SA01-SA04, SA06, SA16-SA18)": 1,
        "not a médecin (profession code != 10)": 1,
        "not general medicine (savoir-faire not SM26, SM53 or SM54)": 1,
        "secteur d'activité SA50: not a cabinet, société, maison or centre de santé": 1,
        "site outside the départements": 1, "teleconsultation platform": 1}
    assert practices(out) == {"37003": 3, "37261": 4}
    text = out.read_text(encoding="utf-8")
    assert "1.50 FTE" in text and "0.50 FTE" in text  # a doctor on two sites counts half at each
    # The sector names the kind of practice: SA52 is a maison de santé, SA05 a centre de santé.
    assert 'kind: msp' in text.split("MSP DES ROSIERS")[0].splitlines()[-1]
    assert 'kind: centre_de_sante' in text.split("CENTRE DE SANTÉ MUNICIPAL")[0].splitlines()[-1]
    assert "SELARL DES TANNEURS, Exercice en société" in text  # SM26: qualifié en médecine générale


def test_rpps_codes_are_those_of_the_ans_nomenclatures():
    """The codes the importer keeps, with the labels of TRE_G15, TRE_R38 and TRE_R02."""
    assert importers.GP_PROFESSION == "10"
    assert set(importers.GP_SKILLS) == {"SM26", "SM53", "SM54"}
    assert importers.PRACTICE_SECTORS == {"SA05": "Centre de santé", "SA07": "Cabinet individuel",
                                          "SA08": "Cabinet de groupe", "SA09": "Exercice en société",
                                          "SA52": "Maison de santé ou Pôle de santé"}
    assert not set(importers.PRACTICE_SECTORS) & set(importers.ESTABLISHMENT_SECTORS)


def test_rpps_savoir_faire_in_a_separate_file(tmp_path):
    """Extracts that keep the spécialités in PS_LibreAcces_SavoirFaire: the activity file
    without its savoir-faire columns, plus that file, give the same practices."""
    lines = open(fx("rpps-personne-activite.txt"), encoding="utf-8-sig").read().splitlines()
    cols = lines[0].split("|")
    keep = [i for i, c in enumerate(cols) if "savoir-faire" not in c]
    act = tmp_path / "PS_LibreAcces_Personne_activite.txt"
    act.write_text("\n".join("|".join(ln.split("|")[i] for i in keep) for ln in lines) + "\n", encoding="utf-8")
    sf = tmp_path / "PS_LibreAcces_SavoirFaire.txt"
    sf.write_text("Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code type savoir-faire|"
                  "Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|\n"
                  + "".join(f"8|{ln.split('|')[1]}|{ln.split('|')[2]}|S|Spécialité ordinale|"
                            f"{ln.split('|')[15]}|{ln.split('|')[16]}|\n" for ln in lines[1:] if ln.split("|")[15]),
                  encoding="utf-8")
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    importers.import_rpps([fx("rpps-personne-activite.txt")], ["37"], str(a))
    rep = importers.import_rpps([str(act), str(sf)], ["37"], str(b))
    assert rep.kept == 7 and a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
    with pytest.raises(importers.ImportError_, match="PS_LibreAcces_SavoirFaire"):
        importers.import_rpps([str(act)], ["37"], str(tmp_path / "c.yaml"))


def test_rpps_paris_arrondissement_goes_to_paris(tmp_path):
    out = tmp_path / "p.yaml"
    importers.import_rpps([fx("rpps-personne-activite.txt")], ["75"], str(out))
    assert practices(out) == {"75056": 1}  # 75104 -> 75056; the platform is dropped


def test_rpps_latin1_and_semicolons_read_the_same(tmp_path):
    text = open(fx("rpps-personne-activite.txt"), encoding="utf-8-sig").read().replace("|", ";")
    src = tmp_path / "latin1.csv"
    src.write_bytes(text.replace("\r\n", "\n").encode("latin-1"))
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    importers.import_rpps([fx("rpps-personne-activite.txt")], ["37"], str(a))
    importers.import_rpps([str(src)], ["37"], str(b))
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


def test_rpps_missing_column_names_it(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Identifiant PP|Nom\n1|x\n", encoding="utf-8")
    with pytest.raises(importers.ImportError_, match="missing column"):
        importers.import_rpps([str(bad)], ["37"], str(tmp_path / "o.yaml"))


def test_bpe_reads_the_gp_code_from_varmod(tmp_path):
    out = tmp_path / "b.yaml"
    rep = importers.import_bpe([fx("bpe-ensemble.csv")], ["37"], str(out), varmod=fx("bpe-varmod.csv"))
    assert practices(out) == {"37003": 3, "37261": 12}
    assert rep.kept == 2 and rep.dropped["commune outside the départements"] == 1
    # A varmod naming another code for GPs: that code is counted instead.
    vm = tmp_path / "vm.csv"
    vm.write_text(open(fx("bpe-varmod.csv"), encoding="latin-1").read().replace("D277;Chirurgien-dentiste", "D277;Médecin XX")
                  .replace("D265;Médecin généraliste", "D265;Autre").replace("Médecin XX", "Médecin généraliste"),
                  encoding="utf-8")
    importers.import_bpe([fx("bpe-ensemble.csv")], ["37"], str(out), varmod=str(vm))
    assert practices(out) == {"37003": 2}


def test_ages_bands_per_commune(tmp_path):
    out = tmp_path / "a.csv"
    rep = importers.import_ages([fx("ages-btt-td-pop1b.csv")], ["37"], str(out))
    rows = out.read_text().splitlines()
    assert rows[0] == "insee,age_min,age_max,population"
    assert "37003,0,4,61" in rows and "37003,100,,40" in rows
    assert rep.dropped == {"age or count not a number": 1, "commune outside the départements": 1}


def test_import_command_reports(cli, tmp_path):
    out = tmp_path / "p.yaml"
    r = cli("import", "rpps", fx("rpps-personne-activite.txt"), "--departements", "37", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "kept 7" in r.stdout and out.exists()
    r = cli("import", "rpps", fx("nope.txt"), "--departements", "37", "--out", str(out))
    assert r.returncode == 1 and "nope.txt" in r.stderr


def test_lambert93_known_points():
    lat, lon = importers.lambert93_to_wgs84(700000, 6600000)  # the projection's origin
    assert abs(lat - 46.5) < 1e-7 and abs(lon - 3.0) < 1e-7
    lat, lon = importers.lambert93_to_wgs84(652469.02, 6862035.26)  # Paris, Hôtel de Ville
    assert abs(lat - 48.8566) < 1e-5 and abs(lon - 2.3522) < 1e-5


def test_finess_hospitals_latin1(tmp_path):
    out = tmp_path / "h.yaml"
    rep = importers.import_finess([fx("finess-etalab.csv")], ["37"], str(out))
    text = out.read_text(encoding="utf-8")
    assert rep.kept == 2
    assert rep.dropped == {"other category (not 101, 355)": 2, "outside the départements": 1}
    assert 'commune: "37261"' in text and 'commune: "37003"' in text and "ÉLÉONORE" in text
    assert "46.50000,3.00000" in text


def test_finess_centres_de_sante_and_ehpads(cli, tmp_path):
    """Categories 124 and 500 go to their own files, the EHPADs' residents flagged as assumed;
    the three files load in a scenario."""
    out = {k: tmp_path / f"{k}.yaml" for k in ("hospitals", "centres", "ehpads")}
    r = cli("import", "finess", fx("finess-etalab.csv"), "--departements", "37", "--out", str(out["hospitals"]),
            "--centres", str(out["centres"]), "--ehpads", str(out["ehpads"]))
    assert r.returncode == 0, r.stderr
    assert "kept 4" in r.stdout
    centres = out["centres"].read_text(encoding="utf-8")
    assert centres.count("kind: centre_de_sante") == 1 and "CENTRE DE SANTÉ MUNICIPAL" in centres
    ehpads = out["ehpads"].read_text(encoding="utf-8")
    assert "residents ASSUMED" in ehpads and 'id: ehpad-370001000, commune: "37261", residents: 80, ' in ehpads
    assert "cart: {pool: geriatrie," in ehpads
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "scenario: {name: finess, horizon: 10 d, replications: 1}\n"
        "territory:\n  communes:\n"
        "    - {insee: \"37261\", name: Tours, population: 139000, lat: 47.39, lon: 0.69}\n"
        "    - {insee: \"37003\", name: Amboise, population: 13000, lat: 47.41, lon: 0.98}\n"
        "  roads: {model: knn, k: 1, detour: 1.3, speed: 70 km/h}\n"
        "  network: {technologies: {adsl: {down: 8 Mbps, up: 800 kbps, latency: 30 ms}}, coverage: {default: adsl}}\n"
        "demand:\n  care_types:\n"
        "    gp: {rate: 2 per year, max_wait: 7 d, max_travel: 1 h, duration: {fixed: 15 min}, pathway: [any_gp, ed]}\n"
        "supply:\n  practices: centres.yaml\n  hospitals: hospitals.yaml\n  ehpads: ehpads.yaml\n"
        "  remote_pools: [{id: geriatrie, doctors: 1, hours: {mon-fri: \"09:00-17:00\"}}]\n",
        encoding="utf-8")
    r = cli("check", str(scenario))
    assert r.returncode == 0, r.stderr


def test_ages_import_is_read_by_the_loader(cli, tmp_path):
    """The importer's output, named as territory.ages, loads; a commune it lacks is named."""
    importers.import_ages([fx("ages-btt-td-pop1b.csv")], ["37"], str(tmp_path / "ages.csv"))
    scenario = tmp_path / "s.yaml"
    base = ("scenario: {name: ages, horizon: 10 d, replications: 1}\n"
            "territory:\n"
            "  communes:\n"
            "    - {insee: \"37003\", name: Amboise, population: 13000, lat: 47.41, lon: 0.98}\n"
            "{extra}"
            "  roads: {model: knn, k: 1, detour: 1.3, speed: 70 km/h}\n"
            "  ages: ages.csv\n"
            "demand:\n"
            "  care_types:\n"
            "    gp: {rate: 2 per year, max_wait: 7 d, max_travel: 1 h, duration: {fixed: 15 min}, pathway: [any_gp]}\n"
            "supply:\n"
            "  practices: [{id: p, commune: \"37003\", doctors: 1, hours: {mon-fri: \"09:00-17:00\"}}]\n")
    scenario.write_text(base.replace("{extra}", ""), encoding="utf-8")
    r = cli("check", str(scenario))
    assert r.returncode == 0, r.stderr
    scenario.write_text(base.replace("{extra}", "    - {insee: \"37261\", name: Tours, population: 139000, lat: 47.39, lon: 0.69}\n"),
                        encoding="utf-8")
    r = cli("check", str(scenario))
    assert r.returncode != 0 and "37261" in r.stderr + r.stdout and "ages" in r.stderr + r.stdout


SPREADSHEETS = os.path.join(HERE, "..", "spreadsheet")


def test_importers_read_spreadsheets_with_the_loaders_reader(cli, tmp_path):
    """One CSV reader (C++, scenarios/csv_reader.cpp) for the loader and the importers: the
    spreadsheet fixtures of the loader's tests read the same here, and refusals carry the
    loader's messages."""
    header, rows = importers.read_table(os.path.join(SPREADSHEETS, "communes-bom-semicolon.csv"))
    rows = list(rows)
    assert header[0] == "insee" and rows[0]["lat"] == "47.58142"  # BOM dropped, decimal comma read
    assert rows[1]["name"] == "Vendôme"
    _, rows = importers.read_table(os.path.join(SPREADSHEETS, "communes-latin1.csv"))
    assert [r["name"] for r in rows][1] == "Vendôme"
    for name, message in (("communes-tabs.csv", "separated by tabs"), ("communes-mixed.csv", "holds ';'")):
        path = os.path.join(SPREADSHEETS, name)
        with pytest.raises(importers.ImportError_, match=message):
            list(importers.read_table(path)[1])
        scenario = tmp_path / f"{name}.yaml"
        scenario.write_text(
            f"scenario: {{name: s, horizon: 10 d}}\nterritory:\n  communes: {path}\n"
            "  roads: {model: knn, k: 1, detour: 1.3, speed: 70 km/h}\n"
            "demand: {care_types: {gp: {rate: 2 per year, max_wait: 7 d, max_travel: 1 h, "
            "duration: {fixed: 15 min}, pathway: [any_gp]}}}\n"
            "supply: {practices: [{id: p, commune: \"41018\", doctors: 1, hours: {mon-fri: \"09:00-17:00\"}}]}\n",
            encoding="utf-8")
        r = cli("check", str(scenario))
        assert r.returncode == 1 and message in r.stderr + r.stdout


def test_importers_read_pipes_and_stream(tmp_path):
    """The Annuaire Santé's '|' files, and a missing file named as the OS says."""
    header, rows = importers.read_table(fx("rpps-personne-activite.txt"))
    assert header[0] == "Type d'identifiant PP" and len(header) == 57
    assert next(rows)["Code savoir-faire"] == "SM54"
    with pytest.raises(OSError, match="nope.csv"):
        importers.read_table(str(tmp_path / "nope.csv"))
