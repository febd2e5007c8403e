"""`maillage new`: a runnable starter scenario for some départements.

The communes are cut from the national table (INSEE COG, legal population); roads are the
knn model of the examples; demand is the examples' documented default; supply comes from
the importers' files, or, only when asked (--synthetic-supply), from the synthetic method
of the examples, clearly labelled.
"""
import argparse
import csv
import json
import math
import os
import re
import shutil
import sys
import unicodedata

from .importers import ImportError_, read_table
from . import outlines as outline_files

# The synthetic supply method of the examples (scenarios/data/README.md).
GPS_PER_100K = 73          # an order of magnitude for these départements, not a census
# A modelled doctor consults every opening hour of the year (48 h a week: about 8,000
# consultations); a real GP does about 5,000 (home visits, paperwork, holidays). So the
# model holds full-time consulting equivalents: 240 x 0.65 = 156.
CONSULTING_SHARE = 0.65
CENTRE_POPULATION = 1500   # a commune this large is a local centre with at least one practice
# No commune further than 15 minutes' drive from a GP: fewer than 1% of residents were in 2007
# (DREES, June 2011, as reported by the Sénat, report n° 335, 2012-2013; 84% had one in their
# own commune). Where the towns of 1,500 are far apart (Creuse, Lozère), the largest commune
# beyond reach becomes a centre too, until every commune is within reach; at the starter's
# roads (great-circle x 1.3 at 70 km/h), 15 minutes is 13.5 km as the crow flies.
COVER_MINUTES = 15
ROAD_DETOUR = 1.3
ROAD_KMH = 70
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


# Each commune is one point, so a trip within a commune counts as 0 km. A resident of a disc of
# area A lies on average (2/3) sqrt(A / pi) from its centre: 2.5 km from 44 km² (Lyon's 48 km²:
# 2.6 km; Paris's 105 km²: 3.9 km). Said for towns (rural communes live around their village)
# when such towns hold this share of the residents.
INNER_KM = 2.5
INNER_POPULATION = 20000
INNER_SHARE = 0.05


def inner_km(area_km2):
    """Mean straight-line distance from a point of a disc of this area to its centre."""
    return 2 / 3 * math.sqrt(area_km2 / math.pi)


def point_caveat(communes):
    """The caveat for towns too large to be a point, or None when they hold few residents."""
    def km_within(r):
        try:
            return inner_km(float(r["area_km2"]))
        except (KeyError, ValueError):
            return 0.0
    large = sorted(((int(r["population"]), r["insee"], r["name"], km_within(r)) for r in communes
                    if int(r["population"]) >= INNER_POPULATION and km_within(r) >= INNER_KM),
                   key=lambda t: (-t[0], t[1]))
    total = sum(int(r["population"]) for r in communes)
    held = sum(t[0] for t in large)
    if not large or held < INNER_SHARE * total:
        return None
    named = [t[2] for t in large[:3]] + ([f"{len(large) - 3} other towns"] if len(large) > 3 else [])
    names = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    near, far = min(t[3] for t in large), max(t[3] for t in large)
    spread = f"{near:.1f} km" if round(near, 1) == round(far, 1) else f"{near:.1f} to {far:.1f} km"
    one = len(large) == 1
    return (f"Each commune is one point, so a trip within a commune counts as 0 km. {names} "
            f"({held / total:.0%} of the inhabitants) {'is' if one else 'are'} large enough that "
            f"{'its' if one else 'their'} residents live on average {spread} from the centre as the crow "
            "flies: their travel, and the travel remote care spares them, read low. Split such communes "
            "(arrondissements, IRIS) in communes.csv for a finer picture.")


def synthetic_practices(communes, cover_minutes=COVER_MINUTES):
    """(centres, doctors per centre) for communes = [{insee, name, population, lat, lon}].
    cover_minutes=None: the towns of 1,500 only (how the examples' files were made)."""
    point = {r["insee"]: (float(r["lat"]), float(r["lon"])) for r in communes}
    pop = {r["insee"]: int(r["population"]) for r in communes}
    total_gps = round(sum(pop.values()) * GPS_PER_100K / 100000 * CONSULTING_SHARE)
    centres = [r["insee"] for r in communes if pop[r["insee"]] >= CENTRE_POPULATION]
    if not centres:  # a rural territory: its largest commune
        centres = [max(communes, key=lambda r: (int(r["population"]), r["insee"]))["insee"]]
    if cover_minutes is not None:
        reach_km = cover_minutes / 60 * ROAD_KMH / ROAD_DETOUR
        nearest = {r["insee"]: min(km(point[r["insee"]], point[c]) for c in centres) for r in communes}
        while True:
            beyond = [c for c, d in nearest.items() if d > reach_km]
            if not beyond:
                break
            added = max(beyond, key=lambda c: (pop[c], c))
            centres.append(added)
            for c in nearest:
                nearest[c] = min(nearest[c], km(point[c], point[added]))
        centres.sort()
    catchment = {c: 0 for c in centres}
    for r in communes:
        nearest = min(centres, key=lambda c: (km(point[r["insee"]], point[c]), c))
        catchment[nearest] += pop[r["insee"]]
    raw = {c: max(1.0, catchment[c] / PEOPLE_PER_GP) for c in centres}
    scale = max(1, total_gps) / sum(raw.values())
    return centres, {c: max(1, round(raw[c] * scale)) for c in centres}


# The synthetic ophthalmologists (docs/calibration.md, "Ophthalmology"): 6 per 100,000
# inhabitants (Ordre des médecins, 1 January 2025: 5.96 in regular activity; DREES counted
# 8.5 in 2021 with every mode of practice), in towns of 10,000 or more (only about one in
# nine practises in an area under 50,000), by catchment. A modelled ophthalmologist consults
# 37.5 hours a week all year in 15-minute slots, 7,800 a year; 0.75 of them are consulting
# equivalents (holidays, theatre and exam time): 5,850 consultations a year, beside the
# 4,762 distinct patients a libéral ophthalmologist saw in 2022 (Cnam).
OPHTHALMOLOGISTS_PER_100K = 6.0
OPHTHALMOLOGY_CONSULTING_SHARE = 0.75
OPHTHALMOLOGY_TOWN = 10000
OPHTHALMOLOGY_HOURS = '{mon-fri: "09:00-12:30, 14:00-18:00"}'


def synthetic_ophthalmologists(communes):
    """(towns, consulting ophthalmologists per town) for communes = [{insee, population, lat, lon}]."""
    point = {r["insee"]: (float(r["lat"]), float(r["lon"])) for r in communes}
    pop = {r["insee"]: int(r["population"]) for r in communes}
    total = max(1, round(sum(pop.values()) * OPHTHALMOLOGISTS_PER_100K / 100000 * OPHTHALMOLOGY_CONSULTING_SHARE))
    towns = [r["insee"] for r in communes if pop[r["insee"]] >= OPHTHALMOLOGY_TOWN]
    if not towns:
        towns = [max(communes, key=lambda r: (int(r["population"]), r["insee"]))["insee"]]
    catchment = {c: 0 for c in towns}
    for r in communes:
        catchment[min(towns, key=lambda c: (km(point[r["insee"]], point[c]), c))] += pop[r["insee"]]
    # Largest remainders: the towns' doctors sum to the total, each town at least one.
    share = {c: total * catchment[c] / sum(catchment.values()) for c in towns}
    doctors = {c: max(1, int(share[c])) for c in towns}
    for c in sorted(towns, key=lambda c: (-(share[c] - int(share[c])), c)):
        if sum(doctors.values()) >= total:
            break
        doctors[c] += 1
    return towns, doctors


def ophthalmologist_lines(towns, doctors, label):
    """Supply items for supply.hospitals: an ophthalmology cabinet is a site with the specialty
    and no emergency department."""
    return [f'- {{id: ophtalmo-{slug(label[c])}, commune: "{c}", specialties: {{ophthalmology: '
            f'{{doctors: {doctors[c]}, hours: {OPHTHALMOLOGY_HOURS}}}}}}}' for c in towns]


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


def count_emergency_departments(text):
    """Items of a supply.hospitals YAML list that have an emergency department: lines with an
    `emergency` key, in flow or block style, comments aside."""
    code = (line.split(" #")[0] for line in text.splitlines() if not line.lstrip().startswith("#"))
    return sum(1 for line in code if re.search(r"(^|[{,\s])emergency\s*:", line))


DEMAND = """demand:
  # Demand calibrated as the examples' (docs/calibration.md), on the synthetic supply of
  # Indre-et-Loire: 4 GP needs a year per inhabitant, about 3.8 met by GPs as DREES counts
  # GP consultations and visits (APL 2015); the rest falls through, as the ED visits primary
  # care could have taken (Cour des comptes, 2017: 0.054 a year per inhabitant). Check your
  # baseline against docs/calibration.md before trusting absolute volumes.
  without_gp_share: 0.15   # the examples' share without a médecin traitant: set your own
  care_types:
    gp_acute:              # same-day needs (soins non programmés), seen within 48 hours
      label: {en: "same-day GP care", fr: "soins non programmés"}
      rate: 1.2 per year
      unscheduled: true
      max_wait: 2 d
      max_travel: 30 min
      duration: {exponential: 15 min}
      pathway: SAME_DAY_PATHWAY
    gp_routine:            # follow-up and chronic care, booked within two weeks
      label: {en: "GP follow-up", fr: "suivi chez le généraliste"}
      rate: 2.8 per year
      max_wait: 14 d
      max_travel: 45 min
      duration: {lognormal: {mean: 18 min, sd: 6 min}}
      pathway: [own_gp, any_gp]
"""

# Written when the scenario has ophthalmologists (--synthetic-supply, or --ophthalmologists).
OPHTHALMOLOGY = """    ophthalmology:         # a consultation with an ophthalmologist, booked ahead
      label: {en: "ophthalmologist", fr: "ophtalmologue"}
      # 0.3 a year per inhabitant: libéral ophthalmologists saw 4,762 distinct patients each
      # in 2022, 3,984 of them (Cnam): 0.28 per inhabitant, hospital consultations besides.
      rate: 0.3 per year
      # Patients book months ahead (a check-up, a practice's first free date, by choice): the
      # lead time, log-normal of median 54 days (shape 1.1), calibrated on DREES, Études et
      # Résultats n° 1085 (2018): median wait 52 days, mean 80, 10% beyond 189 days.
      lead_time: {lognormal: {mean: 99 d, sd: 152 d}}
      max_wait: 365 d        # beyond a year the patient gives up (unserved too_long)
      max_travel: 60 min
      duration: {lognormal: {mean: 15 min, sd: 5 min}}
      specialty: ophthalmology
      # Patients weigh the drive against the wait: a day sooner is worth a minute more of
      # driving (round trip), so full diaries send them to the next town.
      choice: {travel_min: 1, wait_day: 1}
      pathway: [hospital]
"""


def new_scenario(departements, out, communes_table=None, practices=None, hospitals=None, ages=None,
                 synthetic_supply=False, log=sys.stderr, epci=(), ophthalmologists=None, outlines=None,
                 outline_key=None):
    table = communes_table or find_communes_table()
    if not table or not os.path.isfile(table):
        raise StarterError("the national commune table was not found: pass --communes FILE "
                           "(columns insee,name,dept,population,lat,lon,area_km2)")
    wanted = [str(d).strip().upper().zfill(2) for d in departements]  # "2a" is Corse-du-Sud, "1" the Ain
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
        held = sorted({r["dept"] for r in rows})
        raise StarterError(
            f"{table}: no commune in département(s) {', '.join(unknown)}: the table holds "
            f"{len(held)} département(s), {', '.join(held) if len(held) <= 8 else held[0] + ' to ' + held[-1]}"
            f"{'' if any(h.startswith('97') for h in held) else ' (no overseas département)'}. "
            "For another territory, pass --communes FILE with its communes "
            "(columns insee,name,dept,population,lat,lon,area_km2)")
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
    # What a reader of the report must know first (scenario.caveats: shown before any figure).
    caveats = []
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
                 "# 100,000 inhabitants x 0.65 consulting share, in communes of 1,500 or more and, where",
                 f"# those are far apart, enough others that every commune is within {COVER_MINUTES} minutes; by catchment.",
                 f"# {len(centres)} communes with practices, {sum(doctors.values())} full-time consulting doctors."]
        lines += practice_lines(centres, doctors, label)
        with open(os.path.join(out, "practices.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        supply_note = "# Supply: SYNTHETIC GP practices (--synthetic-supply): replace with imported ones."
        caveats.append("The GP practices are invented (maillage new --synthetic-supply), placed by the "
                       "examples' method: they are not the real doctors of this territory. Import the real "
                       "ones with maillage import rpps or bpe before showing these figures.")
        print("maillage new: warning: the supply is synthetic (invented practices); import real "
              "ones with `maillage import rpps|bpe`", file=log)
    extra = []
    # supply.hospitals holds the hospitals and the ophthalmology cabinets: one YAML list, the
    # given files one after the other (each a block list of items).
    hospital_parts = []
    emergency_departments = 0
    if hospitals:
        with open(hospitals, encoding="utf-8-sig") as f:
            hospital_parts.append(f.read())
        emergency_departments = count_emergency_departments(hospital_parts[-1])
    if ophthalmologists:
        with open(ophthalmologists, encoding="utf-8-sig") as f:
            hospital_parts.append(f.read())
    elif synthetic_supply:
        print("maillage new: warning: the ophthalmologists are synthetic (invented cabinets); import real "
              "ones with `maillage import rpps --specialty ophthalmology`", file=log)
        towns, eye_doctors = synthetic_ophthalmologists(communes)
        caveats.append("The ophthalmologists are invented (maillage new --synthetic-supply): their "
                       "towns and numbers follow national densities, not this territory's cabinets.")
        label = {r["insee"]: r["name"] for r in communes}
        hospital_parts.append("\n".join(
            ["# SYNTHETIC ophthalmology cabinets made by `maillage new --synthetic-supply`: NOT the real",
             f"# ophthalmologists. {OPHTHALMOLOGISTS_PER_100K:g} per 100,000 inhabitants x "
             f"{OPHTHALMOLOGY_CONSULTING_SHARE:g} consulting share, in towns of",
             f"# {OPHTHALMOLOGY_TOWN:,} or more, by catchment (docs/calibration.md, \"Ophthalmology\").",
             f"# {len(towns)} towns, {sum(eye_doctors.values())} consulting ophthalmologists."]
            + ophthalmologist_lines(towns, eye_doctors, label)) + "\n")
    if hospital_parts:
        with open(os.path.join(out, "hospitals.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(p if p.endswith("\n") else p + "\n" for p in hospital_parts))
        extra.append("  hospitals: hospitals.yaml")
    # Same-day needs no GP takes go to the nearest ED when there is one, as in the examples.
    same_day = ("[own_gp, any_gp, ed]  # ed: the nearest emergency department, wherever it is"
                if emergency_departments else "[own_gp, any_gp]")
    demand = (DEMAND.replace("SAME_DAY_PATHWAY", same_day, 1)
              + (OPHTHALMOLOGY if ophthalmologists or synthetic_supply else ""))
    if not (ophthalmologists or synthetic_supply):
        print("maillage new: note: no ophthalmologists given (--ophthalmologists FILE, or "
              "--synthetic-supply): the ophthalmology care type is left out", file=log)
    territory_ages = ""
    if ages:
        shutil.copyfile(ages, os.path.join(out, "ages.csv"))
        territory_ages = "  ages: ages.csv\n"
    territory_outlines = ""
    if outlines:  # the polygons of the maps; without them each commune is a point
        try:
            print(outline_files.import_outlines(outlines, [r["insee"] for r in communes],
                                                os.path.join(out, "outlines.geojson"), outline_key), file=log)
        except ImportError_ as e:
            raise StarterError(str(e)) from None
        territory_outlines = "  outlines: outlines.geojson   # commune polygons, for maps and GIS layers\n"
    else:
        print("maillage new: note: no --outlines FILE (IGN ADMIN EXPRESS or another commune outline file): "
              "the maps draw each commune as a point", file=log)
    if (large := point_caveat(communes)):
        caveats.append(large)
    caveats.append(f"Travel times are estimated from straight-line distances (x {ROAD_DETOUR:g} at "
                   f"{ROAD_KMH} km/h, each commune joined to its 6 nearest), not from a road network.")
    if emergency_departments:
        caveats.append(f"The same-day needs no GP takes within two days go to the nearest of the "
                       f"{emergency_departments} emergency departments of hospitals.yaml, whose "
                       "doctors on duty are assumed (FINESS does not list them): read the ED visits as the "
                       "needs primary care left, not the EDs' waits.")
    else:
        caveats.append("No one is sent to an emergency department: the same-day needs no GP takes within "
                       "two days are counted unserved, and stand for the ED visits primary care could have "
                       "spared (docs/calibration.md); ED visits read 0. Give --hospitals (maillage import "
                       "finess) to send them to the nearest ED.")
    scenario_caveats = ("  # Shown before any figure; remove one when you have replaced what it warns of.\n"
                        "  caveats:\n" + "".join(f"    - {json.dumps(c, ensure_ascii=False)}\n" for c in caveats))
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
            "  horizon: 505 d          # a year measured after the warm-up\n"
            "  # Twenty weeks: the same-day needs that find no GP rise until about week 20 as the\n"
            "  # diaries fill (Loiret, Creuse); check yours with `maillage run --series`.\n"
            "  warmup: 140 d\n  replications: 5\n  seed: 42\n"
            f"{scenario_caveats}\n"
            "territory:\n"
            "  communes: communes.csv\n"
            f"{territory_ages}"
            f"{territory_outlines}"
            "  # No road network offline: each commune joined to its 6 nearest, great-circle x 1.3 at 70 km/h.\n"
            f"  roads: {{model: knn, k: 6, detour: {ROAD_DETOUR:g}, speed: {ROAD_KMH} km/h}}\n\n"
            + demand + "\n"
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
    p.add_argument("--ophthalmologists", metavar="FILE",
                   help="ophthalmology cabinets (supply.hospitals items with an ophthalmology specialty)")
    p.add_argument("--ages")
    p.add_argument("--outlines", metavar="FILE",
                   help="commune outlines for the maps: IGN ADMIN EXPRESS (.shp or .gpkg) or a GeoJSON")
    p.add_argument("--outline-key", metavar="PROPERTY", help="the outlines' property holding the INSEE code")
    p.add_argument("--synthetic-supply", action="store_true")
    a = p.parse_args(argv)
    if not a.departements and not a.epci:
        p.error("name at least one département or --epci")
    try:
        path = new_scenario(a.departements, a.out, a.communes, a.practices, a.hospitals, a.ages, a.synthetic_supply,
                            epci=a.epci, ophthalmologists=a.ophthalmologists, outlines=a.outlines,
                            outline_key=a.outline_key)
    except (StarterError, OSError) as e:
        print(f"maillage new: {e}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0
