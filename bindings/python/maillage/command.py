"""`maillage new` and `maillage import`: run by the maillage binary as python3 -m maillage.command."""
import argparse
import sys

from . import epci, importers, outlines, rpps_specialists, starter


def import_main(argv):
    p = argparse.ArgumentParser(prog="maillage import", description="turn a public file into a scenario file")
    p.add_argument("kind", choices=["rpps", "bpe", "finess", "ages", "epci", "outlines"])
    p.add_argument("files", nargs="+")
    p.add_argument("--departements", nargs="+", default=[],
                   help="the départements to keep (required, except for epci: all by default)")
    p.add_argument("--communes", help="epci: the commune table to complete; outlines: the table naming the "
                                      "départements' communes (default: the national one shipped)")
    p.add_argument("--out", required=True)
    p.add_argument("--varmod", help="bpe: the metadata file naming the type codes")
    p.add_argument("--centres", help="finess: also write its centres de santé (practices) to this file")
    p.add_argument("--ehpads", help="finess: also write its EHPADs to this file")
    p.add_argument("--ehpad-pool", default="geriatrie", help="finess: the remote pool answering the EHPADs' carts")
    p.add_argument("--specialty", help="rpps: specialists of this specialty (ophthalmology) instead of GPs, "
                                       "as supply.hospitals items")
    p.add_argument("--key", help="outlines: the property holding the INSEE code (default: insee, INSEE_COM, "
                                 "code or CODGEO)")
    p.add_argument("--simplify", type=float, default=outlines.SIMPLIFY_M, metavar="METRES",
                   help="outlines: simplification tolerance in metres (0: none; default %(default)g)")
    a = p.parse_args(argv)
    if a.kind == "outlines" and len(a.files) != 1:
        p.error("outlines: name one file (a Shapefile's .shp, a GeoPackage or a GeoJSON)")
    if a.kind != "epci" and not a.departements:
        p.error("the following arguments are required: --departements")
    try:
        if a.kind == "epci":
            rep = epci.import_epci(a.files, a.out, a.communes or starter.find_communes_table(), a.departements)
        elif a.kind == "outlines":
            codes = outlines.departement_communes(a.communes or starter.find_communes_table(), a.departements)
            rep = outlines.import_outlines(a.files[0], codes, a.out, a.key, a.simplify)
        elif a.kind == "rpps" and a.specialty:
            rep = rpps_specialists.import_rpps_specialists(a.files, a.departements, a.out, a.specialty)
        elif a.kind == "rpps":
            rep = importers.import_rpps(a.files, a.departements, a.out)
        elif a.kind == "bpe":
            rep = importers.import_bpe(a.files, a.departements, a.out, a.varmod)
        elif a.kind == "finess":
            rep = importers.import_finess(a.files, a.departements, a.out, centres_out=a.centres, ehpads_out=a.ehpads,
                                           ehpad_pool=a.ehpad_pool)
        else:
            rep = importers.import_ages(a.files, a.departements, a.out)
    except (importers.ImportError_, OSError) as e:
        print(f"maillage import: {e}", file=sys.stderr)
        return 1
    print(rep)
    return 0


def main(argv):
    if not argv or argv[0] not in ("new", "import"):
        print("maillage: expected `new` or `import`", file=sys.stderr)
        return 2
    return starter.main(argv[1:]) if argv[0] == "new" else import_main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
