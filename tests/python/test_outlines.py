"""Commune outlines for the maps of a new territory: `maillage import outlines` and
`maillage new --outlines`, from the formats planners have (ADMIN EXPRESS in Lambert-93 as a
GeoPackage or a Shapefile, a WGS84 GeoJSON)."""
import json
import os

import geopandas
import pytest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
LOIR_ET_CHER = os.path.join(ROOT, "scenarios", "data", "loir-et-cher-outlines.geojson")


@pytest.fixture(scope="module")
def admin_express(tmp_path_factory):
    """Loir-et-Cher's outlines as IGN ships ADMIN EXPRESS: Lambert-93, layer COMMUNE, INSEE_COM."""
    d = tmp_path_factory.mktemp("adminexpress")
    g = geopandas.read_file(LOIR_ET_CHER).rename(columns={"insee": "INSEE_COM"}).to_crs(2154)
    g["NOM"] = "x"
    g[["INSEE_COM", "NOM", "geometry"]].to_file(d / "ADE.gpkg", layer="COMMUNE", driver="GPKG")
    g[["INSEE_COM", "NOM", "geometry"]].to_file(d / "COMMUNE.shp")
    return d


def coordinates(path):
    out = {}
    for f in json.loads(open(path, encoding="utf-8").read())["features"]:
        g = f["geometry"]
        polygons = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        out[f["properties"]["insee"]] = [p for poly in polygons for ring in poly for p in ring]
    return out


@pytest.mark.parametrize("name", ["ADE.gpkg", "COMMUNE.shp"])
def test_import_outlines_from_lambert93_gives_the_wgs84_outlines(cli, admin_express, tmp_path, name):
    out = tmp_path / "o.geojson"
    r = cli("import", "outlines", str(admin_express / name), "--departements", "41", "--simplify", "0",
            "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "kept 267 of 267 communes" in r.stdout and "INSEE_COM" in r.stdout and "reprojected" in r.stdout
    got, want = coordinates(out), coordinates(LOIR_ET_CHER)
    assert sorted(got) == sorted(want)
    for code in ("41018", "41269"):  # Blois, Vendôme: the round trip through Lambert-93 within a metre
        # (RFC 7946 may start or turn a ring the other way: compare the points, not their order)
        assert {(round(x, 4), round(y, 4)) for x, y in got[code]} == {(round(x, 4), round(y, 4)) for x, y in want[code]}


def test_import_outlines_says_which_communes_have_none(cli, tmp_path):
    part = tmp_path / "part.geojson"
    g = geopandas.read_file(LOIR_ET_CHER)
    g[g.insee != "41018"].to_file(part, driver="GeoJSON")
    r = cli("import", "outlines", str(part), "--departements", "41", "--out", str(tmp_path / "o.geojson"))
    assert r.returncode == 0, r.stderr
    assert "kept 266 of 267" in r.stdout and "1 communes have no outline" in r.stdout and "41018" in r.stdout


def test_import_outlines_of_another_territory_is_refused(cli, tmp_path):
    out = tmp_path / "o.geojson"
    r = cli("import", "outlines", LOIR_ET_CHER, "--departements", "37", "--out", str(out))
    assert r.returncode == 1
    assert "none of the 272 communes wanted" in r.stderr and "does the file cover the territory?" in r.stderr
    assert not out.exists()


def test_new_with_outlines_draws_polygons(cli, admin_express, tmp_path):
    d = tmp_path / "s"
    r = cli("new", "41", "--synthetic-supply", "--outlines", str(admin_express / "ADE.gpkg"), "--out", str(d))
    assert r.returncode == 0, r.stderr
    assert "kept 267 of 267 communes" in r.stderr
    assert "  outlines: outlines.geojson" in (d / "scenario.yaml").read_text(encoding="utf-8")
    r = cli("run", str(d / "scenario.yaml"), "--replications", "1", "--set", "scenario.horizon=10 d",
            "--set", "scenario.warmup=2 d", "--quiet", "--jobs", "1", "--out", str(tmp_path / "res"))
    assert r.returncode == 0, r.stderr
    layer = json.loads((tmp_path / "res" / "communes.geojson").read_text(encoding="utf-8"))
    kinds = {f["geometry"]["type"] for f in layer["features"]}
    assert kinds <= {"Polygon", "MultiPolygon"} and len(layer["features"]) == 267


def test_new_without_outlines_says_the_map_is_points(cli, tmp_path):
    r = cli("new", "41", "--synthetic-supply", "--out", str(tmp_path / "s"))
    assert r.returncode == 0 and "--outlines" in r.stderr and "as a point" in r.stderr
