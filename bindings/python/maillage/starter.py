"""`maillage new`: a runnable starter scenario for some départements.

The communes are cut from the national table (INSEE COG, legal population); roads are the
knn model of the examples; demand is the examples' documented default; supply comes from
the importers' files, or, only when asked (--synthetic-supply), from the synthetic method
of the examples, clearly labelled.
"""
import argparse
import csv
import math
import os
import shutil
import sys
import unicodedata

from .importers import ImportError_, read_table

# The synthetic supply method of the examples (scenarios/data/README.md).
GPS_PER_100K = 73          # an order of magnitude for these départements, not a census
# A modelled doctor consults every opening hour of the year (48 h a week: about 8,000
# consultations); a real GP does about 5,000 (home visits, paperwork, holidays). So the
# model holds full-time consulting equivalents: 240 x 0.65 = 156.
CONSULTING_SHARE = 0.65
CENTRE_POPULATION = 1500   # a commune this large is a local centre with at least one practice
PEOPLE_PER_GP = 2100       # first allocation, then scaled to the total
MAX_PER_PRACTICE = 8


def km(a, b):
    r = math.pi / 180
    h = (math.sin((b[0] - a[0]) * r / 2) ** 2
         + math.cos(a[0] * r) * math.cos(b[0] * r) * math.sin((b[1] - a[1]) * r / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def slug(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in ascii_name.lower()).strip("-").replace("--", "-")


def synthetic_practices(communes):
    """(centres, doctors per centre) for communes = [{insee, name, population, lat, lon}]."""
    point = {r["insee"]: (float(r["lat"]), float(r["lon"])) for r in communes}
    pop = {r["insee"]: int(r["population"]) for r in communes}
    total_gps = round(sum(pop.values()) * GPS_PER_100K / 100000 * CONSULTING_SHARE)
    centres = [r["insee"] for r in communes if pop[r["insee"]] >= CENTRE_POPULATION]
    if not centres:  # a rural territory: its largest commune
        centres = [max(communes, key=lambda r: (int(r["population"]), r["insee"]))["insee"]]
    catchment = {c: 0 for c in centres}
    for r in communes:
        nearest = min(centres, key=lambda c: (km(point[r["insee"]], point[c]), c))
        catchment[nearest] += pop[r["insee"]]
    raw = {c: max(1.0, catchment[c] / PEOPLE_PER_GP) for c in centres}
    scale = max(1, total_gps) / sum(raw.values())
    return centres, {c: max(1, round(raw[c] * scale)) for c in centres}


def practice_lines(centres, doctors, label, walk_in=(), centre_de_sante=()):
    lines = []
    for c in centres:
        d = doctors[c]
        if c in centre_de_sante:
            lines.append(f'- {{id: cds-{slug(label[c])}, commune: "{c}", kind: centre_de_sante, doctors: 3, '
                         f'hours: {{mon-fri: "08:00-19:00"}}}}')
            d -= 3
        if c in walk_in:
            lines.append(f'- {{id: walk-in-{slug(label[c])}, commune: "{c}", doctors: 1, '
                         f'hours: {{mon-sat: "08:00-20:00"}}, access: walk_in}}')
            d -= 1
        parts = math.ceil(d / MAX_PER_PRACTICE)
        for k in range(parts):
            n = d // parts + (1 if k < d % parts else 0)
            kind = "msp" if n >= 4 else "cabinet"
            suffix = f"-{k + 1}" if parts > 1 else ""
            lines.append(f'- {{id: {kind}-{slug(label[c])}{suffix}, commune: "{c}", kind: {kind}, doctors: {n}, '
                         f'hours: {{mon-fri: "08:30-12:30, 14:00-19:00", sat: "09:00-12:00"}}}}')
    return lines


def find_communes_table():
    """The national table: scenarios/data/france-communes.csv in a parent of the package."""
    d = os.path.dirname(os.path.abspath(__file__))
    for _ in range(6):
        for rel in ("scenarios/data/france-communes.csv", "data/france-communes.csv"):
            p = os.path.join(d, rel)
            if os.path.isfile(p):
                return p
        d = os.path.dirname(d)
    return None


class StarterError(Exception):
    pass


DEMAND = """demand:
  # Demand calibrated as the examples' (docs/calibration.md), on the synthetic supply of
  # Indre-et-Loire: 4 GP needs a year per inhabitant, about 3.8 met by GPs as DREES counts
  # GP consultations and visits (APL 2015); the rest falls through, as the ED visits primary
  # care could have taken (Cour des comptes, 2017: 0.054 a year per inhabitant). Check your
  # baseline against docs/calibration.md before trusting absolute volumes.
  without_gp_share: 0.15   # the examples' share without a médecin traitant: set your own
  care_types:
    gp_acute:              # same-day needs (soins non programmés), seen within 48 hours
      rate: 1.2 per year
      unscheduled: true
      max_wait: 2 d
      max_travel: 30 min
      duration: {exponential: 15 min}
      pathway: [own_gp, any_gp]
    gp_routine:            # follow-up and chronic care, booked within two weeks
      rate: 2.8 per year
      max_wait: 14 d
      max_travel: 45 min
      duration: {lognormal: {mean: 18 min, sd: 6 min}}
      pathway: [own_gp, any_gp]
"""


def new_scenario(departements, out, communes_table=None, practices=None, hospitals=None, ages=None,
                 synthetic_supply=False, log=sys.stderr, epci=()):
    table = communes_table or find_communes_table()
    if not table or not os.path.isfile(table):
        raise StarterError("the national commune table was not found: pass --communes FILE "
                           "(columns insee,name,dept,population,lat,lon,area_km2)")
    wanted = [str(d).zfill(2) for d in departements]
    try:  # the loader's CSV reader: a table saved by a spreadsheet reads as the scenario would
        header, rows = read_table(table)
        rows = list(rows)
    except ImportError_ as e:
        raise StarterError(str(e)) from None
    missing_cols = {"insee", "name", "dept", "population", "lat", "lon", "area_km2"} - set(header)
    if missing_cols:
        raise StarterError(f"{table}: missing columns {', '.join(sorted(missing_cols))}")
    wanted_epci = [str(e) for e in epci]
    if wanted_epci and "epci" not in header:
        raise StarterError(f"{table} has no epci column (SIREN of each commune's EPCI) to select EPCI "
                           "by: pass --communes FILE with one, or name départements")
    communes = sorted((r for r in rows if r["dept"] in wanted or (wanted_epci and r["epci"] in wanted_epci)),
                      key=lambda r: r["insee"])
    for r in communes:  # numbers the starter computes with: a clear error, not a traceback
        for col in ("population", "lat", "lon"):
            try:
                float(r[col])
            except ValueError:
                raise StarterError(f"{table}: commune {r['insee']}: {col}: expected a number, "
                                   f"got \"{r[col][:40]}\"") from None
        r["population"] = str(round(float(r["population"])))
    unknown = [d for d in wanted if d not in {r["dept"] for r in communes}]
    if unknown:
        raise StarterError(f"{table}: no commune in département(s) {', '.join(unknown)}")
    unknown = [e for e in wanted_epci if e not in {r["epci"] for r in communes}]
    if unknown:
        known = sorted({r["dept"] for r in rows if r.get("epci")})
        raise StarterError(
            f"{table}: no commune has the EPCI {', '.join(unknown)} (SIREN codes). The table knows the EPCI "
            f"of départements {', '.join(known) or 'none'} only: add yours from the DGCL list of EPCI members "
            "(Epcicom CSV, collectivites-locales.gouv.fr) with `maillage import epci Epcicom2025.csv --out "
            "communes-epci.csv`, then pass --communes communes-epci.csv")
    if not practices and not synthetic_supply:
        raise StarterError("no supply given: pass --practices FILE (from `maillage import rpps` or "
                           "`maillage import bpe`), or --synthetic-supply for an invented, labelled one")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "communes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["insee", "name", "population", "lat", "lon", "area_km2"])
        for r in communes:
            w.writerow([r["insee"], r["name"], r["population"], r["lat"], r["lon"], r["area_km2"]])
    if practices:
        shutil.copyfile(practices, os.path.join(out, "practices.yaml"))
        supply_note = f"# Supply: GP practices from {os.path.basename(practices)}."
    else:
        centres, doctors = synthetic_practices(communes)
        label = {r["insee"]: r["name"] for r in communes}
        lines = ["# SYNTHETIC GP practices made by `maillage new --synthetic-supply`: NOT the real",
                 "# locations of doctors. The examples' method (scenarios/data/README.md): 73 GPs per",
                 "# 100,000 inhabitants x 0.65 consulting share, in communes of 1,500 or more, by catchment.",
                 f"# {len(centres)} communes with practices, {sum(doctors.values())} full-time consulting doctors."]
        lines += practice_lines(centres, doctors, label)
        with open(os.path.join(out, "practices.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        supply_note = "# Supply: SYNTHETIC GP practices (--synthetic-supply): replace with imported ones."
        print("maillage new: warning: the supply is synthetic (invented practices); import real "
              "ones with `maillage import rpps|bpe`", file=log)
    extra = []
    if hospitals:
        shutil.copyfile(hospitals, os.path.join(out, "hospitals.yaml"))
        extra.append("  hospitals: hospitals.yaml")
    territory_ages = ""
    if ages:
        shutil.copyfile(ages, os.path.join(out, "ages.csv"))
        territory_ages = "  ages: ages.csv\n"
    name = "starter-" + "-".join(wanted + wanted_epci)
    pop = sum(int(r["population"]) for r in communes)
    epci_names = {r["epci"]: r.get("epci_name") or r["epci"] for r in communes if r.get("epci") in wanted_epci}
    places = wanted + [f"{epci_names[e]} ({e})" for e in wanted_epci]
    text = (f"# Starter scenario for {', '.join(places)}: {len(communes)} communes, "
            f"{pop:,} inhabitants.\n"
            "# Made by `maillage new`. Communes: INSEE COG, legal population (the national table).\n"
            f"{supply_note}\n"
            "scenario:\n"
            f"  name: {name}\n"
            "  horizon: 435 d\n  warmup: 70 d\n  replications: 5\n  seed: 42\n\n"
            "territory:\n"
            "  communes: communes.csv\n"
            f"{territory_ages}"
            "  # No road network offline: each commune joined to its 6 nearest, great-circle x 1.3 at 70 km/h.\n"
            "  roads: {model: knn, k: 6, detour: 1.3, speed: 70 km/h}\n\n"
            + DEMAND + "\n"
            "supply:\n"
            "  practices: practices.yaml\n" + "".join(e + "\n" for e in extra))
    with open(os.path.join(out, "scenario.yaml"), "w", encoding="utf-8") as f:
        f.write(text)
    return os.path.join(out, "scenario.yaml")


def main(argv=None):
    p = argparse.ArgumentParser(prog="maillage new", description="write a runnable starter scenario")
    p.add_argument("departements", nargs="*", help="département codes, e.g. 37 45")
    p.add_argument("--epci", nargs="+", default=[], metavar="SIREN",
                   help="EPCI (SIREN codes) to take whole; the table needs an epci column")
    p.add_argument("--out", required=True)
    p.add_argument("--communes", help="the national commune table (default: the one shipped)")
    p.add_argument("--practices")
    p.add_argument("--hospitals")
    p.add_argument("--ages")
    p.add_argument("--synthetic-supply", action="store_true")
    a = p.parse_args(argv)
    if not a.departements and not a.epci:
        p.error("name at least one département or --epci")
    try:
        path = new_scenario(a.departements, a.out, a.communes, a.practices, a.hospitals, a.ages, a.synthetic_supply,
                            epci=a.epci)
    except (StarterError, OSError) as e:
        print(f"maillage new: {e}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0
