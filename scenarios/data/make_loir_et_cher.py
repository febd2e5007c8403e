#!/usr/bin/env python3
"""Builds the data of scenarios/loir-et-cher.yaml from the project's shared public data.

    python3 scenarios/data/make_loir_et_cher.py ../shared/data/communes-41-45-72-78.csv

Writes, next to this script:
- loir-et-cher-communes.csv: the 267 communes of Loir-et-Cher (INSEE COG 2026, legal
  population 2023, a point inside each commune);
- loir-et-cher-practices.yaml: a plausible, synthetic supply of GP practices (see README.md).
Deterministic: the same input gives the same files. Python standard library only.
"""
import csv
import math
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GPS = 240                # about 73 GPs per 100,000 inhabitants: an order of magnitude, not a census
# A modelled doctor consults every opening hour of the year (48 h a week: about 8,000
# consultations); a real GP does about 5,000 (home visits, paperwork, holidays). So the
# model holds full-time consulting equivalents: 240 x 0.65 = 156.
CONSULTING_SHARE = 0.65
TOTAL_GPS = round(GPS * CONSULTING_SHARE)
CENTRE_POPULATION = 1500  # a commune this large is a local centre with at least one practice
PEOPLE_PER_GP = 2100     # first allocation, then scaled to TOTAL_GPS
MAX_PER_PRACTICE = 8
WALK_IN = {"41018", "41194", "41269"}  # Blois, Romorantin-Lanthenay, Vendôme: one walk-in centre each


def km(a, b):
    r = math.pi / 180
    h = (math.sin((b[0] - a[0]) * r / 2) ** 2
         + math.cos(a[0] * r) * math.cos(b[0] * r) * math.sin((b[1] - a[1]) * r / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def slug(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in ascii_name.lower()).strip("-").replace("--", "-")


def main(source):
    with open(source, newline="", encoding="utf-8") as f:
        communes = [r for r in csv.DictReader(f) if r["dept"] == "41"]
    communes.sort(key=lambda r: r["insee"])
    with open(os.path.join(HERE, "loir-et-cher-communes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["insee", "name", "population", "lat", "lon", "area_km2"])
        for r in communes:
            w.writerow([r["insee"], r["name"], r["population"], r["lat_inside"], r["lon_inside"], r["area_km2"]])

    point = {r["insee"]: (float(r["lat_inside"]), float(r["lon_inside"])) for r in communes}
    pop = {r["insee"]: int(r["population"]) for r in communes}
    centres = [r["insee"] for r in communes if pop[r["insee"]] >= CENTRE_POPULATION]
    # Every commune's population goes to its nearest centre: the catchment a practice serves.
    catchment = {c: 0 for c in centres}
    for r in communes:
        nearest = min(centres, key=lambda c: (km(point[r["insee"]], point[c]), c))
        catchment[nearest] += pop[r["insee"]]
    raw = {c: max(1.0, catchment[c] / PEOPLE_PER_GP) for c in centres}
    scale = TOTAL_GPS / sum(raw.values())
    doctors = {c: max(1, round(raw[c] * scale)) for c in centres}

    name = {r["insee"]: r["name"] for r in communes}
    lines = [
        "# Synthetic, plausible GP practices of Loir-et-Cher, made by make_loir_et_cher.py:",
        "# not the real locations of doctors (no open list was available). See README.md.",
        f"# {len(centres)} communes with practices, {sum(doctors.values())} full-time consulting doctors.",
    ]
    for c in centres:
        d = doctors[c]
        if c == "41018":  # Blois, the préfecture: a centre de santé beside the MSP
            lines.append(f'- {{id: cds-blois, commune: "{c}", kind: centre_de_sante, doctors: 3, '
                         f'hours: {{mon-fri: "08:00-19:00"}}}}')
            d -= 3
        if c in WALK_IN:
            lines.append(f'- {{id: walk-in-{slug(name[c])}, commune: "{c}", doctors: 1, '
                         f'hours: {{mon-sat: "08:00-20:00"}}, access: walk_in}}')
            d -= 1
        # MSPs hold 4 to 8 doctors here: a town with more has several.
        parts = math.ceil(d / MAX_PER_PRACTICE)
        for k in range(parts):
            n = d // parts + (1 if k < d % parts else 0)
            kind = "msp" if n >= 4 else "cabinet"
            suffix = f"-{k + 1}" if parts > 1 else ""
            lines.append(f'- {{id: {kind}-{slug(name[c])}{suffix}, commune: "{c}", kind: {kind}, doctors: {n}, '
                         f'hours: {{mon-fri: "08:30-12:30, 14:00-19:00", sat: "09:00-12:00"}}}}')
    with open(os.path.join(HERE, "loir-et-cher-practices.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(communes)} communes, {sum(pop.values())} inhabitants; {len(centres)} practice communes, "
          f"{sum(doctors.values())} doctors")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../shared/data/communes-41-45-72-78.csv"))
