#!/usr/bin/env python3
"""A synthetic road network the size of a département, as an OpenStreetMap XML extract, to
measure `roads: {osm: ...}` (benchmarks/osm.md). A grid of N x N nodes over the Sarthe's
bounding box (about 100 m apart for N = 1000, i.e. 1 M nodes): every row and column is a
road, residential by default, tertiary every 10th, primary every 50th (maxspeed 80), trunk
every 200th; every 7th residential row is one way.

    python3 benchmarks/make_osm.py 1000 > /tmp/sarthe-synthetic.osm
"""
import sys

LAT0, LAT1, LON0, LON1 = 47.56, 48.49, -0.46, 0.93


def main(n):
    w = sys.stdout.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="make_osm.py">\n')
    dlat, dlon = (LAT1 - LAT0) / (n - 1), (LON1 - LON0) / (n - 1)
    for i in range(n):
        lat = LAT0 + i * dlat
        w("".join(f'<node id="{i * n + j + 1}" lat="{lat:.7f}" lon="{LON0 + j * dlon:.7f}" version="1"/>\n'
                  for j in range(n)))
    way = 1

    def tags(k):
        if k % 200 == 0:
            return '<tag k="highway" v="trunk"/>'
        if k % 50 == 0:
            return '<tag k="highway" v="primary"/><tag k="maxspeed" v="80"/>'
        if k % 10 == 0:
            return '<tag k="highway" v="tertiary"/>'
        return '<tag k="highway" v="residential"/>' + ('<tag k="oneway" v="yes"/>' if k % 7 == 0 else "")

    for i in range(n):  # rows
        w(f'<way id="{way}" version="1">' + "".join(f'<nd ref="{i * n + j + 1}"/>' for j in range(n)) + tags(i) + "</way>\n")
        way += 1
    for j in range(n):  # columns
        w(f'<way id="{way}" version="1">' + "".join(f'<nd ref="{i * n + j + 1}"/>' for i in range(n)) + tags(j) + "</way>\n")
        way += 1
    w("</osm>\n")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
