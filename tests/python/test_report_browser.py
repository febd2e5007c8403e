"""report.html seen in a real browser: headless Chromium renders the Loir-et-Cher report
to a PNG; the page is not blank, the first map's box is drawn, and its SVG has one shape
per commune."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import BUILD, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def run_example(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [os.path.join(BUILD, "maillage"), "run", os.path.join(ROOT, "scenarios", "loir-et-cher.yaml"),
         "--replications", "2", "--plan", "baseline", "--plan", "new-msps",
         "--set", "scenario.horizon=60 d", "--set", "scenario.warmup=14 d", "--quiet", "--out", str(out)],
        capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out / "report.html"


def test_report_map_has_one_shape_per_commune(tmp_path):
    html = run_example(tmp_path).read_text(encoding="utf-8")
    communes = set()
    with open(tmp_path / "out" / "by_commune.csv", encoding="utf-8") as f:
        next(f)
        for line in f:
            communes.add(line.split(",")[2])
    first_map = html[html.index('data-map="communes"'):]
    first_map = first_map[:first_map.index("</svg>")]
    shapes = re.findall(r'<(?:path|circle) data-insee="([^"]+)"', first_map)
    assert len(shapes) == len(communes)
    assert set(shapes) == communes
    assert "<script" not in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package chromium)")
def test_report_renders_in_headless_chromium(tmp_path):
    import matplotlib.image
    report = run_example(tmp_path)
    png = tmp_path / "report.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={png}",
                    "--window-size=1280,2000", "--hide-scrollbars", report.as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert png.exists(), "chromium wrote no screenshot"
    pixels = matplotlib.image.imread(str(png))[:, :, :3]
    background = pixels[0, 0]
    differs = (abs(pixels - background).sum(axis=2) > 0.05)
    assert differs.mean() > 0.01, "the page is blank"
    # The maps hold viridis colours: dark purple to yellow, absent from the rest of the page.
    r, g, b = pixels[:, :, 0], pixels[:, :, 1], pixels[:, :, 2]
    viridis_like = ((b > r + 0.15) & (g > 0.15)) | ((g > 0.5) & (b < 0.3) & (r > 0.3))
    assert viridis_like.sum() > 200, "no map drawn"
