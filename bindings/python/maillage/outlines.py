"""Commune outlines for the maps: cut from the file a planner has (IGN ADMIN EXPRESS as
Shapefile or GeoPackage in Lambert-93, data.gouv.fr's or OpenStreetMap's GeoJSON) into the
small WGS84 GeoJSON `territory.outlines` reads, by the C++ extractor
(scenarios/outline_extract.cpp): `maillage new --outlines` and `maillage import outlines`."""
from ._maillage import extract_outlines
from .importers import ImportError_, read_table

SIMPLIFY_M = 25.0  # metres: invisible on a département's map, a tenth of ADMIN EXPRESS's size


def import_outlines(source, codes, out, key=None, simplify_m=SIMPLIFY_M):
    """Writes `out` and returns what it kept and missed, as the importers' reports do."""
    codes = sorted(set(codes))
    try:
        r = extract_outlines(source, codes, out, key or "", simplify_m)
    except (ValueError, OSError) as e:
        raise ImportError_(str(e)) from None
    how = [f"property {r.key}"]
    if r.reprojected:
        how.append("reprojected to WGS84")
    if simplify_m > 0:
        how.append(f"simplified to {simplify_m:g} m")
    lines = [f"outlines: kept {r.kept} of {len(codes)} communes from layer {r.layer} ({', '.join(how)})"]
    if r.missing:
        shown = ", ".join(r.missing[:8]) + (", ..." if len(r.missing) > 8 else "")
        lines.append(f"  {len(r.missing)} communes have no outline in {source} and are drawn as points: {shown}")
    return "\n".join(lines)


def departement_communes(table, departements):
    """The INSEE codes of the communes of `departements` in the national commune table."""
    wanted = {str(d).zfill(2) for d in departements}
    header, rows = read_table(table)
    if not {"insee", "dept"} <= set(header):
        raise ImportError_(f"{table}: expected the columns insee and dept")
    codes = [r["insee"] for r in rows if r["dept"] in wanted]
    if not codes:
        raise ImportError_(f"{table}: no commune in département(s) {', '.join(sorted(wanted))}")
    return codes
