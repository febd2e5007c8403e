#!/usr/bin/env python3
"""Builds the France-scale benchmark scenario from the shared data (not committed: made on
the fly by benchmarks/run.sh), the same way make_example.py builds the départements:

    /usr/bin/python3 benchmarks/make_france.py ../shared/data/communes-france.csv OUT_DIR

Writes OUT_DIR/france.yaml, france-communes.csv and france-practices.yaml: every commune
of mainland France (COG 2026, legal population 2023; Corsica left out, an island), and a synthetic GP supply (73 GPs per 100,000
inhabitants, 0.65 consulting equivalents each, in every commune of 1,500 inhabitants or
more, sized by the population nearest to it). Deterministic; numpy from Debian.
"""
import csv
import os
import sys

import numpy as np

GPS_PER_100K, CONSULTING_SHARE, CENTRE_POPULATION, MAX_PER_PRACTICE = 73, 0.65, 1500, 8

SCENARIO = """# France: {communes} communes, {people} inhabitants, GP care only (made by make_france.py).
scenario:
  name: france
  horizon: 393 d
  warmup: 28 d
  replications: 1
  seed: 1
territory:
  communes: france-communes.csv
  roads: {{model: knn, k: 6, detour: 1.3, speed: 60 km/h}}
demand:
  without_gp_share: 0.11
  care_types:
    gp_acute:
      rate: 1.2 per year
      unscheduled: true
      max_wait: 1 d
      max_travel: 30 min
      duration: {{exponential: 15 min}}
      pathway: [own_gp, any_gp]
    gp_routine:
      rate: 3 per year
      max_wait: 14 d
      max_travel: 45 min
      duration: {{lognormal: {{mean: 18 min, sd: 6 min}}}}
      pathway: [own_gp, any_gp]
supply:
  practices: france-practices.yaml
"""


def main(source, out):
    os.makedirs(out, exist_ok=True)
    with open(source, newline="", encoding="utf-8") as f:
        # Mainland France: Corsica is an island, which a kNN road graph cannot join (the
        # loader refuses a disconnected graph), and the file holds no overseas commune.
        rows = sorted((r for r in csv.DictReader(f) if r["dept"] not in ("2A", "2B")), key=lambda r: r["insee"])
    pop = np.array([int(r["population"]) for r in rows], dtype=float)
    lat = np.radians([float(r["lat"]) for r in rows])
    lon = np.radians([float(r["lon"]) for r in rows])
    centres = np.flatnonzero(pop >= CENTRE_POPULATION)
    # Every commune's population goes to its nearest centre (great circle), in chunks.
    nearest = np.empty(len(rows), dtype=int)
    for start in range(0, len(rows), 2000):
        a, b = slice(start, start + 2000), centres
        d = (np.sin((lat[b][None, :] - lat[a][:, None]) / 2) ** 2 +
             np.cos(lat[a][:, None]) * np.cos(lat[b][None, :]) * np.sin((lon[b][None, :] - lon[a][:, None]) / 2) ** 2)
        nearest[a] = centres[np.argmin(d, axis=1)]
    catchment = np.bincount(nearest, weights=pop, minlength=len(rows))[centres]
    total = round(pop.sum() * GPS_PER_100K / 100000 * CONSULTING_SHARE)
    raw = np.maximum(1.0, catchment / 2100)
    doctors = np.maximum(1, np.rint(raw * total / raw.sum())).astype(int)

    with open(os.path.join(out, "france-communes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["insee", "name", "population", "lat", "lon"])
        for r in rows:
            w.writerow([r["insee"], r["name"], r["population"], r["lat"], r["lon"]])
    lines = [f"# Synthetic GP practices of France: {len(centres)} communes, {doctors.sum()} consulting doctors."]
    for c, d in zip(centres, doctors):
        parts = -(-d // MAX_PER_PRACTICE)
        for k in range(parts):
            n = d // parts + (1 if k < d % parts else 0)
            lines.append(f'- {{id: p-{rows[c]["insee"]}-{k + 1}, commune: "{rows[c]["insee"]}", doctors: {n}, '
                         f'hours: {{mon-fri: "08:30-12:30, 14:00-19:00", sat: "09:00-12:00"}}}}')
    with open(os.path.join(out, "france-practices.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "france.yaml"), "w", encoding="utf-8") as f:
        f.write(SCENARIO.format(communes=len(rows), people=int(pop.sum())))
    print(f"france: {len(rows)} communes, {int(pop.sum())} inhabitants, {len(centres)} practice communes, "
          f"{doctors.sum()} doctors -> {out}/")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
