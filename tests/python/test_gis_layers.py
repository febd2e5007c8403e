"""The GIS layers of a run: communes.geojson, sites.geojson and layers.gpkg open in
geopandas and ogrinfo, with one feature per commune and plan whose attributes are the
replication means of by_commune.csv, and the scenario's sites."""
import os
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT

gpd = pytest.importorskip("geopandas")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    from conftest import BUILD
    out = str(tmp_path_factory.mktemp("gis") / "out")
    r = subprocess.run([os.path.join(BUILD, "maillage"), "run", os.path.join(ROOT, "scenarios", "loir-et-cher.yaml"),
                        "--replications", "2", "--set", "scenario.horizon=120 d", "--plan", "baseline",
                        "--plan", "new-msps", "--jobs", "1", "--out", out, "--quiet"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


def test_gis_files_are_in_the_manifest(run_dir):
    manifest = open(os.path.join(run_dir, ".maillage-manifest")).read()
    for name in ("communes.geojson", "sites.geojson", "layers.gpkg"):
        assert name in manifest


@pytest.mark.parametrize("source", ["communes.geojson", "layers.gpkg"])
def test_communes_layer_matches_by_commune(run_dir, source):
    path = os.path.join(run_dir, source)
    layer = gpd.read_file(path, layer="communes") if source.endswith("gpkg") else gpd.read_file(path)
    by_commune = pd.read_csv(os.path.join(run_dir, "by_commune.csv"), dtype={"insee": str})
    communes = set(by_commune["insee"])
    assert set(layer["plan"]) == {"baseline", "new-msps"}
    for plan, group in layer.groupby("plan"):
        assert sorted(group["insee"]) == sorted(communes)  # every commune once per plan
    assert layer.geometry.is_valid.all()
    assert not layer.geometry.is_empty.any()
    assert layer.crs.to_epsg() == 4326
    means = by_commune.groupby(["plan", "insee"]).mean(numeric_only=True)
    merged = layer.set_index(["plan", "insee"])
    for measure in ("wait_days_mean", "unserved", "apl"):
        if measure not in means.columns:
            continue
        expected = means.loc[merged.index, measure].to_numpy()
        # 5 significant figures (docs/outputs.md)
        np.testing.assert_allclose(merged[measure].to_numpy(dtype=float), expected, rtol=1e-4, atol=1e-12, equal_nan=True)
    # differences only for the plan, paired against the baseline
    base = merged.xs("baseline", level="plan")
    plan = merged.xs("new-msps", level="plan")
    assert base["unserved_diff"].isna().all()
    np.testing.assert_allclose(plan["unserved_diff"].to_numpy(dtype=float),
                               (plan["unserved"] - base.loc[plan.index, "unserved"]).to_numpy(dtype=float),
                               rtol=1e-4, atol=1e-9)
    # an interval of a measure that cannot be negative stops at 0; a share's at 1
    assert (layer["unserved_share_low"].dropna() >= 0).all()
    assert (layer["unserved_share_high"].dropna() <= 1).all()
    assert (layer["wait_days_mean_low"].dropna() >= 0).all()
    # the per-care-type columns are in the GeoPackage only (GeoJSON repeats every name in every feature)
    care_type_columns = [c for c in layer.columns if "." in c]
    assert bool(care_type_columns) == source.endswith("gpkg")


def test_communes_geojson_is_compact(run_dir):
    text = open(os.path.join(run_dir, "communes.geojson")).read()
    assert "0000000" not in text and "9999999" not in text  # no 17-digit attributes
    assert len(text) < 6_000_000  # 19.7 MB before rounding and the split, 4.3 MB after (3 plans)


def test_sites_layer_holds_the_supply(run_dir):
    sites = gpd.read_file(os.path.join(run_dir, "sites.geojson"))
    packaged = gpd.read_file(os.path.join(run_dir, "layers.gpkg"), layer="sites")
    assert len(sites) == len(packaged)
    util = pd.read_csv(os.path.join(run_dir, "utilisation.csv"))
    practices = sites[sites["kind"].isin(["cabinet", "msp", "centre_de_sante"])]
    for plan in ("baseline", "new-msps"):
        ids = set(util[(util["plan"] == plan) & util["kind"].isin(["cabinet", "msp", "centre_de_sante"])]["resource"])
        assert set(practices[practices["plan"] == plan]["id"]) == ids
    assert len(practices[practices["plan"] == "new-msps"]) > len(practices[practices["plan"] == "baseline"])
    row = practices.iloc[0]
    u = util[(util["plan"] == row["plan"]) & (util["resource"] == row["id"])]
    assert row["utilisation"] == pytest.approx((u["busy_hours"] / u["open_hours"]).mean(), rel=1e-4)
    assert sites.geometry.is_valid.all()


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="no ogrinfo")
def test_ogrinfo_lists_both_layers(run_dir):
    out = subprocess.run(["ogrinfo", "-so", "-q", os.path.join(run_dir, "layers.gpkg")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "communes" in out.stdout and "sites" in out.stdout


@pytest.fixture(scope="module")
def select_dir(tmp_path_factory):
    from conftest import BUILD
    out = str(tmp_path_factory.mktemp("gis-select") / "out")
    r = subprocess.run([os.path.join(BUILD, "maillage"), "select", os.path.join(ROOT, "tests", "fixtures", "site-selection.yaml"),
                        "--replications", "2", "--jobs", "1", "--out", out], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.parametrize("source", ["sites.geojson", "layers.gpkg"])
def test_select_sites_layer_matches_selection_sites(select_dir, source):
    path = os.path.join(select_dir, source)
    sites = gpd.read_file(path, layer="sites") if source.endswith("gpkg") else gpd.read_file(path)
    chosen = pd.read_csv(os.path.join(select_dir, "selection_sites.csv"), dtype={"insee": str})
    options = set(pd.read_csv(os.path.join(select_dir, "selection.csv"))["option"]) - {"baseline"}
    # every option is there with all its sites, the baseline's too
    assert set(sites["option"].dropna()) == options
    assert set(sites["plan"]) == options | {"baseline"}
    picked = sites[sites["chosen"] == 1]
    assert sorted(zip(picked["option"], picked["id"], picked["insee"])) == \
        sorted(zip(chosen["option"], chosen["id"], chosen["insee"]))
    for _, row in chosen.iterrows():
        site = picked[(picked["option"] == row["option"]) & (picked["id"] == row["id"])].iloc[0]
        assert site["host"] == row["host"]
        assert row["name"] in site["name"]
        if "lat" in chosen.columns:  # coordinates in selection_sites.csv: the same point
            assert site.geometry.y == pytest.approx(row["lat"], abs=1e-5)
            assert site.geometry.x == pytest.approx(row["lon"], abs=1e-5)
    # the options differ from one another only by their chosen sites
    base = sites[(sites["plan"] == "baseline")]
    for option in options:
        mine = sites[(sites["plan"] == option) & (sites["chosen"] == 0)]
        assert sorted(mine["id"]) == sorted(base["id"])
