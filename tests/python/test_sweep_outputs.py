"""What a run or a sweep writes and keeps beyond the summary: Result.write (every file of
`maillage run`, byte for byte), each variant's per-commune results and weekly series, and
fractional doctors (part-time diaries) in a sweep of every practice's doctors."""
import os
import pickle

import pytest

import maillage

DOCTORS = "supply.practices[0].doctors"
SHORT = {"scenario.horizon": "40 d", "scenario.warmup": "7 d"}  # a short run: these tests check files, not numbers


@pytest.fixture
def plans(fixtures):
    return maillage.load(os.path.join(fixtures, "plans.yaml"), overrides=SHORT)


def files(folder):
    """Every file of a results folder but the manifest (which names the command that wrote it)."""
    return {name: open(os.path.join(folder, name), "rb").read() for name in sorted(os.listdir(folder))
            if name != ".maillage-manifest"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_result_write_gives_the_files_of_maillage_run_byte_for_byte(fixtures, cli, tmp_path, lang):
    path = os.path.join(fixtures, "plans.yaml")
    sets = [arg for k, v in SHORT.items() for arg in ("--set", f"{k}={v}")]
    done = cli("run", path, "--replications", "2", "--seed", "3", "--lang", lang, "--quiet",
               "--out", str(tmp_path / "cli"), *sets)
    assert done.returncode == 0, done.stderr
    result = maillage.run(path, replications=2, seed=3, overrides=SHORT, progress=False)
    result.write(tmp_path / "py", lang=lang)
    ours, theirs = files(tmp_path / "py"), files(tmp_path / "cli")
    assert {"report.html", "summary.csv", "kpis.csv", "by_commune.csv", "communes.geojson", "sites.geojson",
            "layers.gpkg"} <= set(theirs)
    assert list(ours) == list(theirs)
    for name in theirs:
        assert ours[name] == theirs[name], name
    # The report speaks the language asked for.
    assert (b'lang="fr"' in ours["report.html"]) == (lang == "fr")


def test_result_write_replaces_only_its_own_folder(plans, tmp_path):
    result = maillage.run(plans, replications=1, seed=3, plans=["baseline"], progress=False)
    result.write(tmp_path / "out")
    result.write(tmp_path / "out")  # an earlier run's folder is replaced whole
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("my own file")
    with pytest.raises(RuntimeError, match="notes.txt"):
        result.write(tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "my own file"
    with pytest.raises(ValueError, match="lang takes 'en' or 'fr'"):
        result.write(tmp_path / "other", lang="de")


def test_an_unpickled_result_writes_its_tables_and_says_what_is_missing(plans, tmp_path):
    result = pickle.loads(pickle.dumps(maillage.run(plans, replications=1, seed=3, plans=["baseline"],
                                                    progress=False)))
    with pytest.warns(UserWarning, match="without report.html"):
        result.write(tmp_path / "tables")
    assert sorted(os.listdir(tmp_path / "tables")) == sorted(name + ".csv" for name in result.csv)


@pytest.fixture
def kept(plans):
    return maillage.sweep(plans, grid={DOCTORS: [1, 3]}, replications=2, seed=1, plans=["baseline"], jobs=2,
                          by_commune=True, series=True, progress=False)


def test_a_sweep_keeps_each_variants_communes_and_weekly_series_on_request(plans, kept):
    communes = maillage.by_commune(kept)
    assert list(communes.columns) == ["variant", DOCTORS, "plan", "replication", "insee", "name", "measure",
                                      "care_type", "value"]
    assert communes[DOCTORS].dtype.kind == "i" and communes["value"].dtype.kind == "f"
    weeks = maillage.series(kept)
    assert list(weeks.columns) == ["variant", DOCTORS, "plan", "replication", "week", "measure", "care_type",
                                   "value"]
    # Each variant's rows are its own run's by_commune.csv and timeseries.csv.
    for label, doctors in ((0, 1), (1, 3)):
        run = maillage.run(plans, replications=2, seed=1, plans=["baseline"], overrides={DOCTORS: doctors},
                           progress=False)
        wide = maillage.by_commune(kept, tidy=False)
        mine = wide[wide["variant"] == label].drop(columns=["variant", DOCTORS]).reset_index(drop=True)
        assert mine.to_csv(index=False) == run.by_commune.to_csv(index=False)
        wide = maillage.series(kept, tidy=False)
        mine = wide[wide["variant"] == label].drop(columns=["variant", DOCTORS]).reset_index(drop=True)
        assert mine.to_csv(index=False) == run.timeseries.to_csv(index=False)
    # A long value is the wide cell it came from.
    row = communes[(communes["measure"] == "unserved_share") & (communes["care_type"] == "all")].iloc[0]
    wide = maillage.by_commune(kept, tidy=False)
    cell = wide[(wide["variant"] == row["variant"]) & (wide["insee"] == row["insee"]) &
                (wide["replication"] == row["replication"])]["unserved_share"].iloc[0]
    assert cell == row["value"] or (cell != cell and row["value"] != row["value"])
    # Each care type's weekly series is its own care_type, beside the totals ('all').
    cares = set(weeks["care_type"])
    assert "all" in cares and len(cares) > 1
    assert set(weeks[weeks["care_type"] != "all"]["measure"]) == {"episodes", "served", "unserved", "wait_days_mean"}
    per_care = weeks[(weeks["care_type"] != "all") & (weeks["measure"] == "episodes")]
    totals = weeks[(weeks["care_type"] == "all") & (weeks["measure"] == "episodes")]
    keys = ["variant", "replication", "week"]
    assert per_care.groupby(keys)["value"].sum().equals(totals.set_index(keys)["value"].sort_index())
    # The long sweep table keeps them too.
    assert maillage.by_commune(maillage.tidy(kept)).equals(communes)


def test_per_commune_results_not_asked_for_say_how_to_ask(plans):
    table = maillage.sweep(plans, grid={DOCTORS: [1]}, replications=1, seed=1, plans=["baseline"], jobs=1,
                           progress=False)
    with pytest.raises(ValueError, match=r"by_commune=True"):
        maillage.by_commune(table)
    with pytest.raises(ValueError, match=r"series=True"):
        maillage.series(table)


def test_a_checkpoint_of_a_sweep_with_series_is_not_taken_for_one_without(plans, tmp_path):
    grid = {DOCTORS: [1]}
    maillage.sweep(plans, grid=grid, replications=1, seed=1, plans=["baseline"], jobs=1, progress=False,
                   checkpoint=tmp_path / "ck", series=True)
    with pytest.raises(ValueError, match="holds another sweep"):
        maillage.sweep(plans, grid=grid, replications=1, seed=1, plans=["baseline"], jobs=1, progress=False,
                       checkpoint=tmp_path / "ck")
    again = maillage.sweep(plans, grid=grid, replications=1, seed=1, plans=["baseline"], jobs=1, progress=False,
                           checkpoint=tmp_path / "ck", series=True)
    assert len(maillage.series(again)) > 0


def open_hours(result, resource):
    u = result.utilisation
    return u[u["resource"] == resource]["open_hours"].sum()


def test_fractional_doctors_are_part_time_diaries(plans):
    def run(doctors):
        return maillage.run(plans, replications=1, seed=2, plans=["baseline"], progress=False,
                            overrides={DOCTORS: doctors})
    full, part, half = run(3), run(2.5), run(0.5)
    # 2.5 doctors: two full diaries and a half-time one; 0.5: a half-time diary alone.
    assert open_hours(part, "msp-blois") == pytest.approx(open_hours(full, "msp-blois") * 2.5 / 3)
    assert open_hours(half, "msp-blois") == pytest.approx(open_hours(full, "msp-blois") / 6)
    # Fewer doctor-hours, more patients left without a GP.
    served = [r.summary["served"].iloc[0] for r in (half, part, full)]
    assert served[0] < served[1] <= served[2]
    # Scaling every practice's doctors by 0.9 now changes one-doctor practices too (0.9 of a diary).
    scaled = maillage.run(plans, replications=1, seed=2, plans=["baseline"], progress=False,
                          overrides={"supply.practices[*].doctors": "*0.9"})
    assert open_hours(scaled, "cab-mer") == pytest.approx(open_hours(full, "cab-mer") * 0.9)


def test_a_select_result_writes_the_files_of_maillage_select(fixtures, cli, tmp_path):
    scenario = os.path.join(fixtures, "site-selection.yaml")
    done = cli("select", scenario, "--replications", "2", "--quiet", "--out", str(tmp_path / "cli"))
    assert done.returncode == 0, done.stderr
    maillage.select(scenario, replications=2, progress=False).write(tmp_path / "py")
    ours, theirs = files(tmp_path / "py"), files(tmp_path / "cli")
    assert "selection.csv" in theirs and "report.html" in theirs
    assert list(ours) == list(theirs)
    for name in theirs:
        assert ours[name] == theirs[name], name
