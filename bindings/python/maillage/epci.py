"""The EPCI of each commune, from the DGCL's published list of EPCI members.

The DGCL (Direction générale des collectivités locales) publishes every year the EPCI à
fiscalité propre with their member communes ("Liste et composition des EPCI à fiscalité
propre", file `Epcicom<YEAR>`, on collectivites-locales.gouv.fr and data.gouv.fr): one row
per member commune, `;`-separated in latin-1 for the CSV, with the columns
dept;siren;raison_sociale;nature_juridique;mode_financ;nb_membres;total_pop_tot;
total_pop_mun;dep_com;insee;siren_membre;nom_membre;ptot_<YEAR>;pmun_<YEAR>.
`siren` is the EPCI's SIREN (the code `maillage new --epci` and `communes: {epci: [...]}`
take), `raison_sociale` its name, `insee` the member commune's code.
"""
import csv
import os

from .importers import ImportError_, Report, column, parent_commune, read_table

COLUMNS = ("epci", "epci_name")


def read_membership(paths, rep):
    """commune code -> (EPCI SIREN, EPCI name), from DGCL Epcicom files."""
    member = {}
    for path in paths:
        if path.lower().endswith((".xlsx", ".xls", ".ods")):
            raise ImportError_(f"{path}: a spreadsheet: save its sheet as CSV (separator ';'), or take the "
                               "DGCL's CSV edition of the same list")
        header, rows = read_table(path)
        c_siren = column(header, path, "siren", "n_siren", "siren_epci")
        c_name = column(header, path, "raison_sociale", "nom_du_groupement")
        c_insee = column(header, path, "insee", "n_insee", "code_insee")
        for r in rows:
            code, siren = r.get(c_insee, "").zfill(5) if r.get(c_insee) else "", r.get(c_siren, "")
            if not code or not siren:
                rep.drop("row without a commune code or an EPCI SIREN")
                continue
            member[parent_commune(code)] = (siren, r.get(c_name, ""))
    return member


def import_epci(paths, out, communes_table, departements=()):
    """Writes `out`: the commune table with its `epci` and `epci_name` columns set from the
    DGCL list (added when missing). With `departements`, only their communes change."""
    rep = Report("epci")
    if not communes_table or not os.path.isfile(communes_table):
        raise ImportError_("the national commune table was not found: pass --communes FILE")
    member = read_membership(paths, rep)
    wanted = {str(d).zfill(2) for d in departements}
    header, rows = read_table(communes_table)
    rows = list(rows)
    if "insee" not in header:
        raise ImportError_(f"{communes_table}:1:1: missing column \"insee\" (found: {', '.join(header)})")
    header += [c for c in COLUMNS if c not in header]
    seen = set()
    for r in rows:
        if wanted and r.get("dept") not in wanted:
            continue
        found = member.get(r["insee"])
        if found:
            seen.add(r["insee"])
            rep.kept += 1
            r["epci"], r["epci_name"] = found
        elif not r.get("epci"):
            rep.drop("commune of the table in no EPCI of the list (an island commune, or another year's list)")
    for code in member.keys() - seen:
        if not wanted or code[:3 if code.startswith("97") else 2] in wanted:
            rep.drop("member commune not in the table (overseas, or another year's commune codes)")
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k) or "" for k in header})
    return rep
