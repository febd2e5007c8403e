import math
import os

from maillage import starter

HERE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "import")
TABLE = os.path.join(HERE, "communes-37.csv")


def test_new_without_supply_says_what_to_pass(cli, tmp_path):
    r = cli("new", "37", "--communes", TABLE, "--out", str(tmp_path / "s"))
    assert r.returncode == 1
    assert "--practices" in r.stderr and "--synthetic-supply" in r.stderr


def test_new_unknown_departement(cli, tmp_path):
    r = cli("new", "99", "--communes", TABLE, "--synthetic-supply", "--out", str(tmp_path / "s"))
    assert r.returncode == 1 and "99" in r.stderr
    # What the table holds, and how to bring another territory.
    assert "holds 1 département(s), 37" in r.stderr and "--communes FILE" in r.stderr


def test_new_overseas_says_the_shipped_table_is_metropolitan(cli, tmp_path):
    r = cli("new", "971", "--synthetic-supply", "--out", str(tmp_path / "s"))
    assert r.returncode == 1
    assert "no commune in département(s) 971" in r.stderr and "no overseas département" in r.stderr
    assert not (tmp_path / "s").exists()


def test_new_corsica_in_lower_case(cli, tmp_path):
    """"2a" is Corse-du-Sud (the code is 2A), as "1" is the Ain (01)."""
    d = tmp_path / "s"
    r = cli("new", "2a", "--synthetic-supply", "--out", str(d))
    assert r.returncode == 0, r.stderr
    rows = (d / "communes.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == 124 and all(x.startswith("2A") for x in rows)


def commune(insee, population, area):
    return {"insee": insee, "name": f"C{insee}", "population": str(population), "area_km2": str(area)}


def test_point_caveat_for_towns_too_large_to_be_a_point():
    # A disc of area A: residents on average (2/3) sqrt(A / pi) from the centre.
    assert abs(starter.inner_km(math.pi * 9) - 2.0) < 1e-12
    # One city of 105 km² (Paris): said, in the singular.
    said = starter.point_caveat([commune("75056", 2_100_000, 105)])
    assert "C75056 (100% of the inhabitants) is large enough that its residents" in said
    assert "3.9 km" in said and "0 km" in said
    # Two towns among villages, named largest first, with their spread of distances.
    villages = [commune(f"1{k:04d}", 500, 300) for k in range(100)]  # large but rural: not said
    towns = [commune("90001", 30_000, 50), commune("90002", 60_000, 200)]
    said = starter.point_caveat(villages + towns)
    assert "C90002 and C90001 (64% of the inhabitants) are large enough that their residents" in said
    assert "2.7 to 5.3 km" in said
    assert starter.point_caveat(villages) is None
    # Below 5% of the residents, or below 2.5 km (Lille's 35 km²: 2.2 km), nothing is said.
    assert starter.point_caveat(villages * 40 + towns[:1]) is None
    assert starter.point_caveat([commune("59350", 236_000, 35)]) is None
    # Four or more: the three largest named, the others counted.
    many = [commune(f"9{k:04d}", 20_000 + k, 60) for k in range(5)]
    assert "C90004, C90003, C90002 and 2 other towns" in starter.point_caveat(many)


def test_new_paris_warns_that_trips_within_it_count_as_zero(cli, tmp_path):
    d = tmp_path / "s"
    r = cli("new", "75", "--synthetic-supply", "--out", str(d))
    assert r.returncode == 0, r.stderr
    r = cli("check", str(d / "scenario.yaml"))
    said = [line for line in r.stdout.splitlines() if line.startswith("caveat: ")]
    assert any("Paris (100% of the inhabitants)" in line and "counts as 0 km" in line for line in said), said


def test_new_synthetic_checks_and_runs(cli, tmp_path):
    d = tmp_path / "s"
    r = cli("new", "37", "--communes", TABLE, "--synthetic-supply", "--out", str(d))
    assert r.returncode == 0, r.stderr
    assert "synthetic" in r.stderr
    assert (d / "communes.csv").read_text().count("\n") == 273
    assert "SYNTHETIC" in (d / "practices.yaml").read_text()
    r = cli("check", str(d / "scenario.yaml"))
    assert r.returncode == 0, r.stderr
    # The invented supply and the estimated roads are said before any figure, wherever read.
    said = [line for line in r.stdout.splitlines() if line.startswith("caveat: ")]
    assert len(said) == 4, r.stdout
    assert "GP practices are invented" in said[0] and "ophthalmologists are invented" in said[1]
    assert "straight-line distances (x 1.3 at 70 km/h" in said[2]
    assert "emergency department" in said[3] and "counted unserved" in said[3]
    r = cli("run", str(d / "scenario.yaml"), "--replications", "1", "--set", "scenario.horizon=20 d",
            "--set", "scenario.warmup=5 d", "--jobs", "1", "--out", str(tmp_path / "res"))
    assert r.returncode == 0, r.stderr
    # The scenario's caveats first; a run this short adds its own (mean waits read low).
    assert [line for line in r.stdout.splitlines() if line.startswith("caveat: ")][:len(said)] == said
    page = (tmp_path / "res" / "report.html").read_text(encoding="utf-8")
    box = page.index('id="caveats"')
    assert box < page.index("needs served a year")
    assert "GP practices are invented" in page[box:page.index("</div>", box)]


def test_new_with_imported_practices(cli, tmp_path):
    p = tmp_path / "p.yaml"
    assert cli("import", "rpps", os.path.join(HERE, "rpps-personne-activite.txt"), "--departements", "37",
               "--out", str(p)).returncode == 0
    d = tmp_path / "s"
    r = cli("new", "37", "--communes", TABLE, "--practices", str(p), "--out", str(d))
    assert r.returncode == 0, r.stderr
    r = cli("check", str(d / "scenario.yaml"))
    assert r.returncode == 0
    # Real practices: nothing said of them (and no invented ophthalmologists are made).
    said = [line for line in r.stdout.splitlines() if line.startswith("caveat: ")]
    assert said[0] == ("caveat: Travel times are estimated from straight-line distances (x 1.3 at 70 km/h, "
                       "each commune joined to its 6 nearest), not from a road network.")
    assert len(said) == 2 and "emergency department" in said[1]


def test_new_with_finess_hospitals_sends_same_day_overflow_to_the_ed(cli, tmp_path):
    """Hospitals with an emergency department: the same-day pathway ends at the nearest ED, the
    caveat says the EDs' doctors are assumed, and a run counts ED visits."""
    h = tmp_path / "h.yaml"
    assert cli("import", "finess", os.path.join(HERE, "finess-etalab.csv"), "--departements", "37",
               "--out", str(h)).returncode == 0
    d = tmp_path / "s"
    r = cli("new", "37", "--communes", TABLE, "--synthetic-supply", "--hospitals", str(h), "--out", str(d))
    assert r.returncode == 0, r.stderr
    text = (d / "scenario.yaml").read_text(encoding="utf-8")
    assert "pathway: [own_gp, any_gp, ed]" in text and text.count(", ed]") == 1
    r = cli("check", str(d / "scenario.yaml"))
    assert r.returncode == 0, r.stderr
    said = [line for line in r.stdout.splitlines() if line.startswith("caveat: ")]
    assert not any("No one is sent to an emergency department" in c for c in said)
    assert any("nearest of the 2 emergency departments of hospitals.yaml" in c and "assumed" in c for c in said), said
    r = cli("run", str(d / "scenario.yaml"), "--replications", "1", "--set", "scenario.horizon=30 d",
            "--set", "scenario.warmup=5 d", "--jobs", "1", "--out", str(tmp_path / "res"))
    assert r.returncode == 0, r.stderr
    import csv
    with open(tmp_path / "res" / "summary.csv", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert float(row["ed_visits"]) > 0


def test_count_emergency_departments_reads_flow_and_block_items_not_comments():
    text = ("# emergency: not an item\n"
            "- {id: a, commune: \"37261\", emergency: {doctors: 2}}  # CHU\n"
            "- id: b\n  commune: \"37003\"\n  emergency:\n    doctors: 1\n"
            "- {id: c, commune: \"37003\", specialties: [{name: ophthalmology}]}  # emergency: no\n")
    assert starter.count_emergency_departments(text) == 2


def test_synthetic_method_is_deterministic():
    rows = [{"insee": "1", "name": "A", "population": "3000", "lat": "47", "lon": "1"},
            {"insee": "2", "name": "B", "population": "500", "lat": "47.1", "lon": "1"}]
    assert starter.synthetic_practices(rows) == (["1"], {"1": 2})


def test_synthetic_ophthalmologists_by_catchment():
    # 6 per 100,000 x 0.75: 45 consulting ophthalmologists for a million inhabitants, in the
    # towns of 10,000 or more, shared by catchment; the village goes to its nearest town.
    rows = [{"insee": "1", "name": "A", "population": "690001", "lat": "47", "lon": "1"},
            {"insee": "2", "name": "B", "population": "300000", "lat": "48", "lon": "1"},
            {"insee": "3", "name": "C", "population": "9999", "lat": "47.9", "lon": "1"},
            {"insee": "4", "name": "D", "population": "0", "lat": "46", "lon": "1"}]
    towns, doctors = starter.synthetic_ophthalmologists(rows)
    assert towns == ["1", "2"]
    assert sum(doctors.values()) == 45
    assert doctors == {"1": 31, "2": 14}  # B's catchment holds C: 309,999 of a million
    line = starter.ophthalmologist_lines(towns, doctors, {"1": "A", "2": "B"})[1]
    assert line.startswith('- {id: ophtalmo-b, commune: "2", specialties: {ophthalmology: {doctors: 14,')


def test_new_synthetic_models_ophthalmology_and_says_so_without(cli, tmp_path):
    d = tmp_path / "s"
    r = cli("new", "37", "--communes", TABLE, "--synthetic-supply", "--out", str(d))
    assert r.returncode == 0 and "the ophthalmologists are synthetic" in r.stderr
    text = (d / "scenario.yaml").read_text()
    assert "ophthalmology:" in text and "lead_time:" in text and "hospitals: hospitals.yaml" in text
    assert "SYNTHETIC ophthalmology cabinets" in (d / "hospitals.yaml").read_text()
    # Real GP practices and no ophthalmologists: no ophthalmology need without a provider.
    p = tmp_path / "p.yaml"
    assert cli("import", "rpps", os.path.join(HERE, "rpps-personne-activite.txt"), "--departements", "37",
               "--out", str(p)).returncode == 0
    eyes = tmp_path / "eyes.yaml"
    eyes.write_text('- {id: ophtalmo-tours, commune: "37261", specialties: {ophthalmology: '
                    '{doctors: 2, hours: {mon-fri: "09:00-17:00"}}}}\n')
    r = cli("new", "37", "--communes", TABLE, "--practices", str(p), "--out", str(tmp_path / "real"))
    assert r.returncode == 0 and "ophthalmology care type is left out" in r.stderr
    assert "ophthalmology:" not in (tmp_path / "real" / "scenario.yaml").read_text()
    r = cli("new", "37", "--communes", TABLE, "--practices", str(p), "--ophthalmologists", str(eyes),
            "--out", str(tmp_path / "given"))
    assert r.returncode == 0, r.stderr
    assert "ophthalmology:" in (tmp_path / "given" / "scenario.yaml").read_text()
    assert cli("check", str(tmp_path / "given" / "scenario.yaml")).returncode == 0


def test_new_by_epci_takes_its_communes_whole(cli, tmp_path):
    table = tmp_path / "communes.csv"
    table.write_text("insee,name,dept,population,lat,lon,area_km2,epci\n"
                     "37001,A,37,3000,47.1,0.7,10,200000001\n37002,B,37,500,47.2,0.7,10,200000001\n"
                     "37003,C,37,800,47.3,0.7,10,200000002\n41001,D,41,900,47.5,1.3,10,200000001\n")
    d = tmp_path / "s"
    r = cli("new", "--epci", "200000001", "--communes", str(table), "--synthetic-supply", "--out", str(d))
    assert r.returncode == 0, r.stderr
    assert [line.split(",")[0] for line in (d / "communes.csv").read_text().splitlines()[1:]] == \
        ["37001", "37002", "41001"]
    assert cli("check", str(d / "scenario.yaml")).returncode == 0


def test_new_by_epci_needs_an_epci_column(cli, tmp_path):
    r = cli("new", "--epci", "200000001", "--communes", TABLE, "--synthetic-supply", "--out", str(tmp_path / "s"))
    assert r.returncode == 1 and "no epci column" in r.stderr


def test_new_37_from_the_shipped_table(cli, tmp_path):
    """A fresh clone: no --communes, the national table cut to Indre-et-Loire (272 communes,
    its legal population), then check and a short run."""
    d = tmp_path / "s"
    r = cli("new", "37", "--synthetic-supply", "--out", str(d))
    assert r.returncode == 0, r.stderr
    lines = (d / "communes.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 273 and sum(int(x.split(",")[2]) for x in lines[1:]) == 619_362
    assert cli("check", str(d / "scenario.yaml")).returncode == 0
    r = cli("run", str(d / "scenario.yaml"), "--replications", "1", "--set", "scenario.horizon=15 d",
            "--set", "scenario.warmup=3 d", "--quiet", "--jobs", "1", "--out", str(tmp_path / "res"))
    assert r.returncode == 0, r.stderr


def test_new_reads_a_spreadsheet_table_and_names_a_bad_number(cli, tmp_path):
    """--communes as French Excel saves it (';', decimal comma, latin-1): read by the loader's
    reader; a population that is not a number is named, not a traceback."""
    table = tmp_path / "communes.csv"
    text = ("insee;name;dept;population;lat;lon;area_km2\r\n37003;Amboise;37;12937;47,39158;1,00038;40,78\r\n"
            "37261;Tours;37;139259;47,39835;0,69618;33,22\r\n37018;Ballan-Miré;37;8477;47,33728;0,60202;26,16\r\n")
    table.write_bytes(text.encode("latin-1"))
    d = tmp_path / "s"
    r = cli("new", "37", "--communes", str(table), "--synthetic-supply", "--out", str(d))
    assert r.returncode == 0, r.stderr
    assert "37018,Ballan-Miré,8477,47.33728,0.60202" in (d / "communes.csv").read_text(encoding="utf-8")
    table.write_bytes(text.replace("139259", "139 259").encode("latin-1"))
    r = cli("new", "37", "--communes", str(table), "--synthetic-supply", "--out", str(d))
    assert r.returncode == 1 and "commune 37261: population: expected a number, got \"139 259\"" in r.stderr


def test_synthetic_practices_leave_no_commune_beyond_fifteen_minutes():
    # Creuse: nine towns of 1,500 for 255 communes, a quarter of the residents beyond 15 km
    # of them. The starter adds the largest commune out of reach until every commune is within
    # 15 minutes at its roads' speed (docs/calibration.md, "The starter in a rural département").
    import csv
    table = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "data", "france-communes.csv")
    creuse = [r for r in csv.DictReader(open(table, encoding="utf-8")) if r["dept"] == "23"]
    point = {r["insee"]: (float(r["lat"]), float(r["lon"])) for r in creuse}
    towns = {r["insee"] for r in creuse if int(r["population"]) >= starter.CENTRE_POPULATION}
    reach_km = starter.COVER_MINUTES / 60 * starter.ROAD_KMH / starter.ROAD_DETOUR
    assert round(reach_km, 1) == 13.5

    def furthest(centres):
        return max(min(starter.km(point[c], point[s]) for s in centres) for c in point)

    centres, doctors = starter.synthetic_practices(creuse)
    assert towns < set(centres) and len(centres) == 26
    assert furthest(centres) <= reach_km < furthest(towns)
    # The doctors stay those of the density: 73 per 100,000 x 0.65 (each centre at least one).
    people = sum(int(r["population"]) for r in creuse)
    assert round(people * starter.GPS_PER_100K / 1e5 * starter.CONSULTING_SHARE) <= sum(doctors.values()) <= 60
    # The examples' files were made with the towns alone (make_example.py).
    assert set(starter.synthetic_practices(creuse, cover_minutes=None)[0]) == towns
