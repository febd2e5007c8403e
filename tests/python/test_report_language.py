"""--lang: report.html and the printed summary in French; English by default; an unknown
language is a usage error naming the ones there are."""
import os

import pytest


def run(cli, fixtures, tmp_path, *extra):
    out = tmp_path / "out"
    done = cli("run", os.path.join(fixtures, "valid.yaml"), "--replications", "2", "--jobs", "1",
               "--out", str(out), *extra)
    assert done.returncode == 0, done.stderr
    return done.stdout, (out / "report.html").read_text(encoding="utf-8")


def test_french_report_and_summary(cli, fixtures, tmp_path):
    printed, html = run(cli, fixtures, tmp_path, "--lang", "fr")
    assert '<html lang="fr">' in html
    assert "<h2>En bref</h2>" in html
    assert "délai d'attente moyen (jours)" in html
    assert "besoins non couverts" in html
    assert "Hypothèses" in html and "Glossaire" in html
    assert "délai d'attente moyen (jours)" in printed
    assert "besoins non couverts" in printed
    assert "jours mesurés" in printed
    assert "wait (d), mean" not in printed
    assert "délai d'attente moyen (jours), tous types de soins" in printed


def test_english_by_default_and_byte_identical(cli, fixtures, tmp_path):
    printed, html = run(cli, fixtures, tmp_path)
    assert '<html lang="en">' in html
    assert "<h2>At a glance</h2>" in html
    assert "wait (d), mean, all care types" in printed
    again = tmp_path / "again"
    again.mkdir()
    _, html2 = run(cli, fixtures, again)
    assert html2 == html


def test_unknown_language_is_a_usage_error(cli, fixtures, tmp_path):
    done = cli("run", os.path.join(fixtures, "valid.yaml"), "--lang", "de", "--out", str(tmp_path / "o"))
    assert done.returncode == 2
    assert "en" in done.stderr and "fr" in done.stderr


def test_python_write_in_french_gives_the_cli_report(cli, fixtures, tmp_path):
    import maillage
    printed, html = run(cli, fixtures, tmp_path, "--lang", "fr")
    result = maillage.run(os.path.join(fixtures, "valid.yaml"), replications=2, jobs=1, progress=False)
    result.write(str(tmp_path / "py"), lang="fr")
    assert (tmp_path / "py" / "report.html").read_text(encoding="utf-8") == html


def test_select_in_french(cli, fixtures, tmp_path):
    import maillage
    out = tmp_path / "sel"
    done = cli("select", os.path.join(fixtures, "site-selection.yaml"), "--replications", "2", "--jobs", "1",
               "--lang", "fr", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "choix des sites : 1 site parmi 2 candidats" in done.stdout
    assert "classement par simulation" in done.stdout and "gagnant" in done.stdout
    assert "ranked by simulation" not in done.stdout
    # The verdict too: French sentences, none of the English ones.
    assert "l'emporte (besoins non couverts)" in done.stdout and "Face à l'existant" in done.stdout
    for english in ("wins on", "Against today", "Note:", "The simulation", "Choose ", "Not decided", "(verdict"):
        assert english not in done.stdout
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<h2>Choix des sites</h2>" in html and "Les options sur la carte" in html
    assert "rang présélection" in html and "réplications" in html
    for english in ("Analytic screen", "Ranked by simulation", "screen rank", "Counts over", "week 1", "warm-up<",
                    "wins on", "Against today", "Note:", "the scenario as it is", "rédigé par le modèle"):
        assert english not in html
    assert "l'emporte (besoins non couverts)" in html
    ranked = maillage.select(os.path.join(fixtures, "site-selection.yaml"), replications=2, jobs=1, progress=False)
    ranked.write(str(tmp_path / "py"), lang="fr")
    assert (tmp_path / "py" / "report.html").read_text(encoding="utf-8") == html
    # The printed ranking in Python speaks the language asked, as the command line does.
    fr = maillage.select(os.path.join(fixtures, "site-selection.yaml"), replications=2, jobs=1, progress=False,
                         lang="fr")
    assert fr.report in done.stdout and "l'emporte (besoins non couverts)" in fr.report
    assert "wins on" not in fr.report and "wins on" in ranked.report
    with pytest.raises(ValueError, match="lang takes"):
        maillage.select(os.path.join(fixtures, "site-selection.yaml"), replications=2, jobs=1, progress=False,
                        lang="de")
