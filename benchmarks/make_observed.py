#!/usr/bin/env python3
"""Synthetic "observed" car times for benchmarks/calibration.md: not real times, but times
from a road network built to have what real ones have and the knn model has not.

Communes: Loir-et-Cher, Loiret and Sarthe (scenarios/data, about 940, 250 km across).
The "true" network: each commune joined to its 5 nearest at a detour drawn in 1.1-1.6 and
a speed drawn per road (lognormal around 60 km/h, sd 25 %); a trunk network joining the 25
largest communes to their 3 nearest large ones at 100 km/h with detour 1.1; a town
penalty of 2 min to cross any commune of more than 10,000 people; each commune's own
access time (1-5 min, leaving and parking) at both ends. Times: 150 random origins to
every commune, kept when between 10 minutes and 4 hours, with their km.

    python3 benchmarks/make_observed.py OUT_DIR
    maillage calibrate OUT_DIR/scenario.yaml --observed OUT_DIR/observed.csv --out OUT_DIR
"""
import csv
import heapq
import math
import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def nearest(c, pool, k):
    return sorted((km(c, o), o["i"]) for o in pool if o["i"] != c["i"])[:k]


def main(out):
    rng = random.Random(7)
    communes = []
    for dep in ("loir-et-cher", "loiret", "sarthe"):
        with open(os.path.join(ROOT, "scenarios", "data", f"{dep}-communes.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                communes.append({"insee": r["insee"], "name": r["name"], "population": int(float(r["population"])),
                                 "lat": float(r["lat"]), "lon": float(r["lon"]), "i": len(communes)})
    n = len(communes)
    adj = [[] for _ in range(n)]  # (node, minutes, km)

    def join(a, b, detour, speed):
        d = km(communes[a], communes[b]) * detour
        for x, y in ((a, b), (b, a)):
            adj[x].append((y, 60 * d / speed, d))

    for c in communes:
        for _, j in nearest(c, communes, 5):
            join(c["i"], j, rng.uniform(1.1, 1.6), 60 * math.exp(rng.gauss(0, 0.25)))
    big = sorted(communes, key=lambda c: -c["population"])[:25]
    for c in big:
        for _, j in nearest(c, big, 3):
            join(c["i"], j, 1.1, 100)
    town = [2.0 if c["population"] > 10000 else 0.0 for c in communes]
    access = [rng.uniform(1, 5) for _ in communes]

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "communes.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["insee", "name", "population", "lat", "lon"])
        for c in communes:
            w.writerow([c["insee"], c["name"], c["population"], c["lat"], c["lon"]])
    with open(os.path.join(out, "observed.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["from", "to", "minutes", "km"])
        for s in sorted(rng.sample(range(n), 150)):
            best = {s: (0.0, 0.0)}
            heap = [(0.0, 0.0, s)]
            while heap:
                t, d, v = heapq.heappop(heap)
                if t > best[v][0]:
                    continue
                for u, mt, mk in adj[v]:
                    nt = t + mt + (town[u] if u != s else 0)
                    if u not in best or nt < best[u][0]:
                        best[u] = (nt, d + mk)
                        heapq.heappush(heap, (nt, d + mk, u))
            for u, (t, d) in sorted(best.items()):
                t = t + access[s] + access[u] - town[u]  # no town crossing at the destination itself
                if u != s and 10 <= t <= 240:
                    w.writerow([communes[s]["insee"], communes[u]["insee"], f"{t:.2f}", f"{d:.2f}"])
    with open(os.path.join(out, "scenario.yaml"), "w", encoding="utf-8") as f:
        f.write("""# Made by benchmarks/make_observed.py: three departements, the plain knn model.
scenario: {name: calibration-benchmark, horizon: 30 d, replications: 1}
territory:
  communes: communes.csv
  roads: {model: knn, k: 6, detour: 1.3, speed: 70 km/h}
demand:
  care_types:
    gp_routine: {rate: 1 per year, max_wait: 30 d, max_travel: 1 h, duration: {fixed: 20 min}, pathway: [any_gp]}
supply:
  practices:
    - {id: msp, commune: "%s", doctors: 2, hours: {mon-fri: "08:00-19:00"}}
""" % communes[0]["insee"])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/calibration-benchmark")
