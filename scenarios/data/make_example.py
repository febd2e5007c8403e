#!/usr/bin/env python3
"""Builds the data of the example scenarios from the project's shared public data.

    python3 scenarios/data/make_example.py SOURCE_DIR   (the folder of the source files: README.md)

Writes, next to this script:
- <name>-communes.csv: the communes (INSEE COG 2026, legal population 2023, a point inside);
- <name>-practices.yaml: a plausible, synthetic supply of GP practices (see README.md);
- <name>-hospitals.yaml: the example's hospitals (Loiret, Yvelines), then a plausible,
  synthetic supply of ophthalmology cabinets (see README.md);
- <name>-coverage.csv: each commune's access technology from ARCEP's FTTH deployment of
  early 2018 (ftth where at least half the premises could be connected, else adsl);
- <name>-rollout.csv: fibre for the largest communes still on adsl, in three steps, until
  70% of the population has FTTH (the Loir-et-Cher and regional target);
- sarthe-sites.yaml: the 27 telemedicine sites of Sarthe, at real FINESS establishments;
- yvelines-devices.yaml: the 51 teleconsultation devices of Yvelines (cabins, kiosks,
  suitcases), at real FINESS establishments, then in the largest practice towns without one;
- yvelines-candidates.csv: the hosts that could receive a device (the programme's list of host
  types): every FINESS establishment of Yvelines, the MSPs of the practices file, a CCAS in
  every commune of 5,000 inhabitants or more, a Maison France Services in each canton's most
  populous commune.
For Loir-et-Cher (41), Loiret (45), Sarthe (72) and Yvelines (78).
Deterministic: the same input gives the same files. Python standard library only.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The synthetic supply method, from the package's starter.py (standard library only).
sys.path.insert(0, os.path.join(HERE, "..", "..", "bindings", "python", "maillage"))
import starter  # noqa: E402
FTTH_TARGET = 0.70
ROLLOUT_DAYS = (90, 180, 270)
CENTRE_POPULATION = starter.CENTRE_POPULATION
WALK_IN = {"41018", "41194", "41269", "72181"}  # Blois, Romorantin, Vendôme, Le Mans: a walk-in centre each
CENTRE_DE_SANTE = {"41018", "72181"}  # Blois and Le Mans also have a centre de santé


km = starter.km


def write_practices(name, communes):
    # The method lives in the package (maillage new --synthetic-supply uses it too).
    # The towns of 1,500 only, as these files were made: the starter's 15-minute cover
    # rule came later, and would add centres in Loir-et-Cher (2% of residents beyond 15 km).
    centres, doctors = starter.synthetic_practices(
        [dict(r, lat=r["lat_inside"], lon=r["lon_inside"]) for r in communes], cover_minutes=None)
    label = {r["insee"]: r["name"] for r in communes}
    lines = [
        f"# Synthetic, plausible GP practices ({name}), made by make_example.py:",
        "# not the real locations of doctors (no open list was available). See README.md.",
        f"# {len(centres)} communes with practices, {sum(doctors.values())} full-time consulting doctors.",
    ]
    lines += starter.practice_lines(centres, doctors, label, WALK_IN, CENTRE_DE_SANTE)
    with open(os.path.join(HERE, f"{name}-practices.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(centres), sum(doctors.values())


# The examples' hospitals, written before their ophthalmology cabinets in <name>-hospitals.yaml
# (supply.hospitals is one list). Places: FINESS 2020; doctors on duty: assumed.
HOSPITALS = {
    "loiret": [
        "# Hospitals (FINESS 2020 places; doctors assumed): emergency departments, and the",
        "# hospital ophthalmologists who also read the bus's retinographs.",
        '- {id: chr-orleans, commune: "45234", emergency: {doctors: 6},',
        '   specialties: {ophthalmology: {doctors: 3, hours: {mon-fri: "09:00-17:00"}}}}',
        '- {id: ch-montargis, commune: "45004", emergency: {doctors: 3},',
        '   specialties: {ophthalmology: {doctors: 1, hours: {mon-fri: "09:00-17:00"}}}}',
        '- {id: ch-gien, commune: "45155", emergency: {doctors: 2}}',
        '- {id: ch-pithiviers, commune: "45252", emergency: {doctors: 2}}',
    ],
    "yvelines": [
        "# Hospitals with an emergency department (FINESS 2020 places; doctors on duty assumed).",
        '- {id: ch-versailles, commune: "78646", emergency: {doctors: 5}}',
        '- {id: chi-poissy, commune: "78498", emergency: {doctors: 4}}',
        '- {id: ch-mantes-la-jolie, commune: "78361", emergency: {doctors: 3}}',
        '- {id: ch-rambouillet, commune: "78517", emergency: {doctors: 2}}',
    ],
}


def write_hospitals(name, communes):
    # The ophthalmologists: the starter's synthetic method (starter.py), as for GPs.
    towns, doctors = starter.synthetic_ophthalmologists(
        [dict(r, lat=r["lat_inside"], lon=r["lon_inside"]) for r in communes])
    label = {r["insee"]: r["name"] for r in communes}
    lines = HOSPITALS.get(name, []) + [
        f"# Synthetic, plausible ophthalmology cabinets ({name}), made by make_example.py: not the real",
        f"# ophthalmologists. {starter.OPHTHALMOLOGISTS_PER_100K:g} per 100,000 inhabitants x "
        f"{starter.OPHTHALMOLOGY_CONSULTING_SHARE:g} consulting share,",
        f"# in towns of {starter.OPHTHALMOLOGY_TOWN:,} or more, by catchment (docs/calibration.md, \"Ophthalmology\").",
        f"# {len(towns)} towns, {sum(doctors.values())} consulting ophthalmologists.",
    ] + starter.ophthalmologist_lines(towns, doctors, label)
    with open(os.path.join(HERE, f"{name}-hospitals.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(towns), sum(doctors.values())


def write_network(name, communes, fibre):
    pop = {r["insee"]: int(r["population"]) for r in communes}
    ftth = {r["insee"]: r["insee"] in fibre and float(fibre[r["insee"]]["ftth_rate_2018T1"] or 0) >= 0.5
            for r in communes}
    with open(os.path.join(HERE, f"{name}-coverage.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["insee", "technology"])
        for r in communes:
            w.writerow([r["insee"], "ftth" if ftth[r["insee"]] else "adsl"])
    # The largest communes first, as operators deploy, until the target share is covered.
    total = sum(pop.values())
    covered = sum(pop[c] for c in pop if ftth[c])
    todo = sorted((c for c in pop if not ftth[c]), key=lambda c: (-pop[c], c))
    chosen = []
    for c in todo:
        if covered >= FTTH_TARGET * total:
            break
        chosen.append(c)
        covered += pop[c]
    with open(os.path.join(HERE, f"{name}-rollout.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["insee", "at", "technology"])
        for i, c in enumerate(chosen):
            w.writerow([c, f"{ROLLOUT_DAYS[i * len(ROLLOUT_DAYS) // len(chosen)]} d", "ftth"])
    return sum(1 for c in ftth if ftth[c]), len(chosen), covered / total


def write_sarthe_sites(hospitals):
    # Sarthe's own establishments (a FINESS number of another département is a geocoding
    # slip in the source), one per commune first, then others, 27 in all.
    own = sorted((h for h in hospitals if h["dept"] == "72" and h["finess"].startswith("72")),
                 key=lambda h: h["finess"])
    seen, first, rest = set(), [], []
    for h in own:
        (rest if h["insee"] in seen else first).append(h)
        seen.add(h["insee"])
    sites = (first + rest)[:27]
    lines = ["# The 27 telemedicine sites of Sarthe (the programme's count), placed at real FINESS",
             "# establishments (FINESS 2020: one per commune, then others, by FINESS number): where a site is,",
             "# is real; that these 27 are the programme's own is not known.",
             "# Made by make_example.py."]
    for h in sites:
        lines.append(f'- {{id: site-{h["finess"]}, commune: "{h["insee"]}", kind: cabin, pool: generalistes, '
                     f'hours: {{mon-fri: "09:00-17:00"}}}}  # {h["name"].title()}, {h["city"].title()}')
    with open(os.path.join(HERE, "sarthe-sites.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(sites)


def write_yvelines_devices(hospitals, all_communes):
    # Host sites: Yvelines' own establishments, one per commune, then the largest towns with
    # practices and no device yet; 51 in all (the département's count).
    own = sorted((h for h in hospitals if h["dept"] == "78" and h["finess"].startswith("78")),
                 key=lambda h: h["finess"])
    hosts, seen = [], set()
    for h in own:
        if h["insee"] not in seen:
            seen.add(h["insee"])
            hosts.append((h["insee"], f'{h["name"].title()}, {h["city"].title()}'))
    towns = sorted((r for r in all_communes if r["dept"] == "78" and int(r["population"]) >= CENTRE_POPULATION),
                   key=lambda r: (-int(r["population"]), r["insee"]))
    for r in towns:
        if len(hosts) >= 51:
            break
        if r["insee"] not in seen:
            seen.add(r["insee"])
            hosts.append((r["insee"], f'maison de santé, {r["name"]}'))
    hosts = hosts[:51]
    lines = ["# The 51 teleconsultation devices of Yvelines (the département's count): 30 cabins, 15",
             "# kiosks (bornes) and 6 suitcases (mallettes, used by a nurse, so open in the nurse's hours).",
             "# Hosts: real FINESS 2020 establishments (one per commune), then the largest towns without one",
             "# (as maisons de santé would host them). Which hosts the programme chose is not known.",
             "# Cost: about 1,000 EUR a month each (the figure the programme's call gives).",
             "# Made by make_example.py."]
    for i, (insee, label) in enumerate(hosts):
        kind = "cabin" if i < 30 else "kiosk" if i < 45 else "suitcase"
        hours = '{mon-fri: "09:00-12:00, 14:00-17:00"}' if kind == "suitcase" else '{mon-sat: "08:00-20:00"}'
        lines.append(f'- {{id: {kind}-{insee}, commune: "{insee}", kind: {kind}, pool: plateforme-78, '
                     f'hours: {hours}, cost: {{per_year: 12000 EUR}}}}  # {label}')
    with open(os.path.join(HERE, "yvelines-devices.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(hosts)


def write_yvelines_candidates(hospitals, all_communes):
    # Host types from the programme's call: hospitals, MSPs and centres de santé, large
    # cabinets, CCAS, Maisons France Services. Real: FINESS establishments, communes,
    # cantons. Assumed: the MSPs (those of the synthetic practices file), a CCAS in every
    # commune of 5,000 or more (CCAS are compulsory from 1,500; larger ones have premises),
    # a Maison France Services in each canton's most populous commune (the label aims at one
    # per canton; their addresses were not at hand).
    communes = sorted((r for r in all_communes if r["dept"] == "78"), key=lambda r: r["insee"])
    name = {r["insee"]: r["name"] for r in communes}
    rows = []
    for h in sorted((h for h in hospitals if h["dept"] == "78" and h["insee"] in name), key=lambda h: h["finess"]):
        rows.append((f'finess-{h["finess"]}', h["insee"], "hospital", h["name"].title()))
    with open(os.path.join(HERE, "yvelines-practices.yaml"), encoding="utf-8") as f:
        for line in f:
            if "kind: msp" in line:
                pid = line.split("id: ", 1)[1].split(",", 1)[0]
                insee = line.split('commune: "', 1)[1].split('"', 1)[0]
                rows.append((f"host-{pid}", insee, "msp", f"MSP, {name[insee]}"))
    for r in communes:
        if int(r["population"]) >= 5000:
            rows.append((f'ccas-{r["insee"]}', r["insee"], "ccas", f'CCAS, {r["name"]}'))
    by_canton = {}
    for r in communes:
        best = by_canton.get(r["canton"])
        if best is None or (int(r["population"]), r["insee"]) > (int(best["population"]), best["insee"]):
            by_canton[r["canton"]] = r
    for canton in sorted(by_canton):
        r = by_canton[canton]
        rows.append((f'mfs-{r["insee"]}', r["insee"], "france_services", f'Maison France Services, {r["name"]}'))
    with open(os.path.join(HERE, "yvelines-candidates.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "commune", "host", "name"])
        w.writerows(rows)
    return len(rows), len({r[1] for r in rows})


def write_loiret_hotlines(all_communes):
    # Four CPTS, each answering for the communes nearest its seat (great-circle distance).
    seats = [("cpts-orleans-metropole", "45234", 3, 40), ("cpts-montargois", "45208", 2, 25),
             ("cpts-giennois", "45155", 1, 15), ("cpts-pithiverais", "45252", 1, 15)]
    communes = sorted((r for r in all_communes if r["dept"] == "45"), key=lambda r: r["insee"])
    point = {r["insee"]: (float(r["lat_inside"]), float(r["lon_inside"])) for r in communes}
    covers = {seat: [] for _, seat, _, _ in seats}
    for r in communes:
        nearest = min(seats, key=lambda s: (km(point[r["insee"]], point[s[1]]), s[1]))
        covers[nearest[1]].append(r["insee"])
    lines = ["# Four CPTS phone lines for same-day care, each for the communes nearest its seat (an",
             "# assumption: the CPTS' real territories were not at hand). On-call doctors and slots are",
             "# assumptions too, sized on the seed text (18 volunteer doctors among about 30). Made by make_example.py."]
    for cid, seat, doctors, slots in seats:
        codes = ", ".join(f'"{c}"' for c in covers[seat])
        lines.append(f'- {{id: {cid}, commune: "{seat}", doctors: {doctors}, slots_per_day: {slots},')
        lines.append(f'   hours: {{mon-fri: "08:00-20:00", sat: "08:00-12:00"}}, communes: [{codes}]}}')
    with open(os.path.join(HERE, "loiret-hotlines.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(seats)


def main(shared):
    with open(os.path.join(shared, "communes-41-45-72-78.csv"), newline="", encoding="utf-8") as f:
        all_communes = list(csv.DictReader(f))
    with open(os.path.join(shared, "fibre-ftth-arcep-2017T3-2018T1-41-45-72-78.csv"), newline="", encoding="utf-8") as f:
        fibre = {r["insee"]: r for r in csv.DictReader(f)}
    with open(os.path.join(shared, "hospitals-finess2020-41-45-72-78.csv"), newline="", encoding="utf-8") as f:
        hospitals = list(csv.DictReader(f))
    for dept, name in (("41", "loir-et-cher"), ("45", "loiret"), ("72", "sarthe"), ("78", "yvelines")):
        communes = sorted((r for r in all_communes if r["dept"] == dept), key=lambda r: r["insee"])
        with open(os.path.join(HERE, f"{name}-communes.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["insee", "name", "population", "lat", "lon", "area_km2"])
            for r in communes:
                w.writerow([r["insee"], r["name"], r["population"], r["lat_inside"], r["lon_inside"], r["area_km2"]])
        centres, doctors = write_practices(name, communes)
        ftth, rolled, share = write_network(name, communes, fibre)
        towns, eye_doctors = write_hospitals(name, communes)
        print(f"{name}: {len(communes)} communes, {sum(int(r['population']) for r in communes)} inhabitants; "
              f"{centres} practice communes, {doctors} doctors; {ftth} communes on FTTH in 2018, "
              f"{rolled} more rolled out to {share:.0%} of the population; "
              f"{eye_doctors} ophthalmologists in {towns} towns")
    print(f"sarthe: {write_sarthe_sites(hospitals)} telemedicine sites")
    print(f"yvelines: {write_yvelines_devices(hospitals, all_communes)} teleconsultation devices")
    print(f"loiret: {write_loiret_hotlines(all_communes)} CPTS hotlines")
    hosts, places = write_yvelines_candidates(hospitals, all_communes)
    print(f"yvelines: {hosts} candidate hosts in {places} communes")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_example.py SOURCE_DIR (the folder holding communes-41-45-72-78.csv...)")
    main(sys.argv[1])
