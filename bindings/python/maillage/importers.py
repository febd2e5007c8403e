"""Importers of the public files into the files scenarios read.

Each reads the producer's published format through the scenario loader's CSV reader (UTF-8
or latin-1, a BOM, CRLF, `;` `|` `,` separators, one row at a time), and returns a Report:
what it kept and what it dropped, why.
- rpps: Annuaire Santé open extract PS_LibreAcces_Personne_activite -> practices YAML;
- bpe: INSEE Base permanente des équipements (+ its varmod metadata) -> practices YAML;
- finess: FINESS etalab extraction (structureet + geolocalisation lines) -> hospitals YAML,
  and optionally centres de santé (practices YAML) and EHPADs;
- ages: INSEE census BTT_TD_POP1B (population by single year of age) -> long CSV of bands.
"""
import collections
import csv
import re
import unicodedata

from ._maillage import CsvReader


class ImportError_(Exception):
    pass


class Report:
    def __init__(self, what):
        self.what, self.kept, self.dropped = what, 0, collections.Counter()

    def drop(self, reason):
        self.dropped[reason] += 1

    def __str__(self):
        lines = [f"{self.what}: kept {self.kept}, dropped {sum(self.dropped.values())}"]
        lines += [f"  {n} {reason}" for reason, n in sorted(self.dropped.items())]
        return "\n".join(lines)


def read_table(path):
    """(header, rows as dicts), read one at a time by the scenario loader's CSV reader (C++,
    scenarios/csv_reader.cpp): the same separators (',' ';' '|'), encodings (UTF-8, BOM,
    latin-1), decimal comma and messages as a scenario's own files."""
    try:
        reader = CsvReader(path)
    except RuntimeError as e:
        raise ImportError_(str(e)) from None
    header = [h.strip() for h in reader.header]

    def rows():
        try:
            for _, fields in reader:
                yield dict(zip(header, (v.strip() for v in fields)))
        except RuntimeError as e:
            raise ImportError_(str(e)) from None
    return header, rows()


def norm(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def column(header, path, *names):
    by = {norm(h): h for h in header}
    for n in names:
        if norm(n) in by:
            return by[norm(n)]
    raise ImportError_(f"{path}:1:1: missing column \"{names[0]}\" (found: {', '.join(header)})")


def parent_commune(code):
    """Paris, Lyon and Marseille arrondissements -> the commune the national table holds."""
    if code.startswith("751") and len(code) == 5 and "75101" <= code <= "75120":
        return "75056"
    if "69381" <= code <= "69389":
        return "69123"
    if "13201" <= code <= "13216":
        return "13055"
    return code


def dept_of(insee):
    return insee[:3] if insee.startswith("97") else insee[:2]


def slug(s):
    return "-".join(norm(s).split())[:40] or "site"


HOURS = '{mon-fri: "08:30-12:30, 14:00-19:00", sat: "09:00-12:00"}'

# Annuaire Santé codes, each checked against the ANS nomenclature that defines it
# (docs/data-sources.md gives the versions read):
# - TRE_G15-ProfessionSante: 10 "Médecin";
# - TRE_R38-SpecialiteOrdinale: the three general-medicine spécialités ordinales;
# - TRE_R02-SecteurActivite: the sectors of an ambulatory GP practice. Every other sector is
#   left out: health and medico-social establishments (hospitals, EDs, EHPADs), but also
#   occupational medicine, PMI, insurers, out-of-hours duty sites (SA50), whose doctors do not
#   give the consultations of a médecin traitant. DREES's APL counts libéral GPs and the
#   consultations of centres de santé, so SA05 is kept.
GP_PROFESSION = "10"
GP_SKILLS = {"SM26": "Qualifié en Médecine générale", "SM53": "Spécialiste en Médecine générale",
             "SM54": "Médecine générale"}
PRACTICE_SECTORS = {"SA05": "Centre de santé", "SA07": "Cabinet individuel", "SA08": "Cabinet de groupe",
                    "SA09": "Exercice en société", "SA52": "Maison de santé ou Pôle de santé"}
ESTABLISHMENT_SECTORS = {"SA01": "Etablissement public de santé",
                         "SA02": "Hôpital militaire du Service de santé des armées",
                         "SA03": "Etablissement privé PSPH", "SA04": "Etablissement privé non PSPH",
                         "SA06": "Autre structure du Service de santé des armées",
                         "SA16": "Etablissement pour personnes handicapées",
                         "SA17": "Etablissement pour personnes âgées", "SA18": "Etablissement aide à la famille"}


def _rpps_skills(path, header, rows, gp_people):
    """A PS_LibreAcces_SavoirFaire file (the extracts that keep savoir-faire apart): the
    people holding a general-medicine spécialité ordinale."""
    c_id = column(header, path, "Identification nationale PP", "Identifiant PP")
    c_sf = column(header, path, "Code savoir-faire")
    gp_people.update(r[c_id] for r in rows if r.get(c_sf) in GP_SKILLS)


def import_rpps(paths, departements, out):
    """GPs by practice site; a doctor with k sites counts 1/k at each (the rule of the FTE).
    `paths` are PS_LibreAcces_Personne_activite files, and the PS_LibreAcces_SavoirFaire file
    when the activity file carries no savoir-faire."""
    rep = Report("rpps")
    wanted = {str(d).zfill(2) for d in departements}
    tables, gp_people = [], set()
    for path in paths:
        header, rows = read_table(path)
        if not any(norm(h) == norm("Code commune (coord. structure)") for h in header) and \
                any(norm(h) == norm("Code savoir-faire") for h in header):
            _rpps_skills(path, header, rows, gp_people)
        else:
            tables.append((path, header, rows))
    acts = []
    for path, header, rows in tables:
        c_id = column(header, path, "Identification nationale PP", "Identifiant PP")
        c_prof = column(header, path, "Code profession")
        c_sf = next((h for h in header if norm(h) == norm("Code savoir-faire")), None)
        if c_sf is None and not gp_people:
            raise ImportError_(f"{path}:1:1: no column \"Code savoir-faire\": give the extract's "
                               "PS_LibreAcces_SavoirFaire file too (it holds the spécialités)")
        c_sect = column(header, path, "Code secteur d'activité")
        c_site = column(header, path, "Identifiant technique de la structure", "Identifiant structure")
        c_rs = column(header, path, "Raison sociale site")
        c_com = column(header, path, "Code commune (coord. structure)")
        c_lib = column(header, path, "Libellé commune (coord. structure)")
        for r in rows:
            sf, sect = r.get(c_sf, "") if c_sf else "", r.get(c_sect, "")
            if r.get(c_prof) != GP_PROFESSION:
                rep.drop("not a médecin (profession code != 10)")
            elif sf not in GP_SKILLS and not (not sf and r[c_id] in gp_people):
                rep.drop("not general medicine (savoir-faire not SM26, SM53 or SM54)")
            elif sect in ESTABLISHMENT_SECTORS:
                rep.drop("activity in a health or medico-social establishment (secteur SA01-SA04, SA06, SA16-SA18)")
            elif sect not in PRACTICE_SECTORS:
                rep.drop(f"secteur d'activité {sect or '(empty)'}: not a cabinet, société, maison or centre de santé")
            elif "teleconsult" in norm(r.get(c_rs, "")).replace(" ", ""):
                rep.drop("teleconsultation platform")
            elif not r.get(c_com):
                rep.drop("no commune for the site")
            else:
                acts.append((r[c_id], r[c_site] or r[c_rs], parent_commune(r[c_com]), r.get(c_lib, ""), r[c_rs], sect))
    sites_of = collections.defaultdict(set)
    for pid, site, *_ in acts:
        sites_of[pid].add(site)
    practices = {}
    for pid, site, com, lib, rs, sect in sorted(set(acts)):
        if dept_of(com) not in wanted:
            rep.drop("site outside the départements")
            continue
        rep.kept += 1
        p = practices.setdefault(site, {"commune": com, "name": rs or lib, "fte": 0.0, "people": 0, "sector": sect})
        p["fte"] += 1 / len(sites_of[pid])
        p["people"] += 1
    lines = ["# GP practices from the Annuaire Santé (RPPS) open extract, by `maillage import rpps`.",
             "# doctors = full-time equivalents, rounded (at least 1): a doctor with k sites counts 1/k at each.",
             f"# {len(practices)} practices, {rep.kept} GP activities kept."]
    for i, (site, p) in enumerate(sorted(practices.items(), key=lambda kv: (kv[1]["commune"], kv[0]))):
        # The sector says what the site is; a group of four or more GPs works as an MSP does.
        kind = ("centre_de_sante" if p["sector"] == "SA05" else
                "msp" if p["sector"] == "SA52" or p["people"] >= 4 else "cabinet")
        prefix = "cds" if kind == "centre_de_sante" else kind
        lines.append(f'- {{id: {prefix}-{p["commune"]}-{i + 1}, commune: "{p["commune"]}", kind: {kind}, '
                     f'doctors: {max(1, round(p["fte"]))}, hours: {HOURS}}}  '
                     f'# {p["name"]}, {PRACTICE_SECTORS[p["sector"]]}, {p["people"]} GPs, {p["fte"]:.2f} FTE')
    _write(out, lines)
    return rep


def import_bpe(paths, departements, out, varmod=None):
    """One practice per commune holding the BPE's count of GPs: coarser than RPPS (no sites)."""
    rep = Report("bpe")
    wanted = {str(d).zfill(2) for d in departements}
    code = "D265"  # the GP code since BPE 2021 (D201 before); read from the metadata when given
    if varmod:
        header, rows = read_table(varmod)
        c_var, c_mod, c_lib = (column(header, varmod, n) for n in ("COD_VAR", "COD_MOD", "LIB_MOD"))
        gp = [r[c_mod] for r in rows if r[c_var] == "TYPEQU" and norm(r[c_lib]).startswith("medecin generaliste")]
        if len(gp) != 1:
            raise ImportError_(f"{varmod}: expected one TYPEQU labelled \"Médecin généraliste\", found {len(gp)}")
        code = gp[0]
    counts = collections.Counter()
    for path in paths:
        header, rows = read_table(path)
        c_com = column(header, path, "DEPCOM", "CODGEO")
        c_typ = column(header, path, "TYPEQU")
        c_nb = next((h for h in header if norm(h) in ("nb equip", "nb")), None)
        for r in rows:
            if r[c_typ] != code:
                rep.drop(f"other equipment (not {code})")
                continue
            com = parent_commune(r[c_com])
            if dept_of(com) not in wanted:
                rep.drop("commune outside the départements")
                continue
            rep.kept += 1
            counts[com] += int(float(r[c_nb])) if c_nb and r[c_nb] else 1
    lines = ["# GP practices from the INSEE BPE, by `maillage import bpe`: one practice per commune",
             f"# with the commune's count of GPs (type {code}). Coarser than RPPS: no sites, no FTE."]
    for com in sorted(counts):
        kind = "msp" if counts[com] >= 4 else "cabinet"
        lines.append(f'- {{id: bpe-{com}, commune: "{com}", kind: {kind}, doctors: {counts[com]}, hours: {HOURS}}}')
    _write(out, lines)
    return rep


def import_ages(paths, departements, out, width=5, top=100):
    """BTT_TD_POP1B (NIVGEO;CODGEO;LIBGEO;SEXE;AGED100;NB) -> insee,age_min,age_max,population;
    bands of `width` years, age_max inclusive, the last band open (age_max empty)."""
    rep = Report("ages")
    wanted = {str(d).zfill(2) for d in departements}
    pop = collections.defaultdict(float)
    for path in paths:
        header, rows = read_table(path)
        c_geo = column(header, path, "CODGEO")
        c_age = column(header, path, "AGED100", "AGEPYR10", "AGE")
        c_nb = column(header, path, "NB")
        for r in rows:
            com = parent_commune(r[c_geo])
            if dept_of(com) not in wanted:
                rep.drop("commune outside the départements")
                continue
            try:
                age, nb = int(r[c_age]), float(r[c_nb].replace(",", "."))
            except ValueError:
                rep.drop("age or count not a number")
                continue
            rep.kept += 1
            pop[com, min(age // width * width, top)] += nb
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["insee", "age_min", "age_max", "population"])
        for (com, lo) in sorted(pop):
            w.writerow([com, lo, "" if lo >= top else lo + width - 1, round(pop[com, lo])])
    return rep


def lambert93_to_wgs84(x, y):
    """Lambert-93 (EPSG:2154) metres -> (lat, lon) degrees, by PROJ (python3-pyproj)."""
    from pyproj import Transformer  # imported here: only the FINESS importer needs PROJ
    return Transformer.from_crs("EPSG:2154", "EPSG:4326").transform(x, y)


# FINESS establishment categories (categetab; nomenclature TRE_R66 of the ANS for health
# establishments: 101 centre hospitalier régional, 355 centre hospitalier non dénommé
# ailleurs). EDs are authorisations kept in another FINESS file, so CHR/CHU and CH stand for
# the hospitals with one (the usual proxy). 124 centre de santé, 500 EHPAD.
HOSPITAL_CATEGORIES = {"101": "CHR/CHU", "355": "centre hospitalier"}
CENTRE_DE_SANTE = "124"
EHPAD = "500"
# The structureet lines hold no capacity (it is in FINESS's separate extract of the social
# and medico-social equipment): about 600,000 EHPAD places in 7,500 EHPADs in France.
EHPAD_RESIDENTS_ASSUMED = 80


def import_finess(paths, departements, out, ed_doctors=2, centres_out=None, ehpads_out=None, ehpad_pool="geriatrie"):
    """Hospitals (CHR/CHU, CH) -> out; with centres_out, centres de santé as practices; with
    ehpads_out, EHPADs (their residents assumed: the extract has no capacity), each with a
    telemedicine cart answered by the remote pool `ehpad_pool` (the scenario must define it)."""
    rep = Report("finess")
    wanted = {str(d).zfill(2) for d in departements}
    est, geo = {}, {}
    for path in paths:
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        for line in text.replace("\r\n", "\n").split("\n"):
            f = line.split(";")
            if f[0] == "structureet" and len(f) > 21:
                est[f[1]] = f
            elif f[0] == "geolocalisation" and len(f) > 3:
                geo[f[1]] = f
    wanted_categories = dict(HOSPITAL_CATEGORIES)
    if centres_out:
        wanted_categories[CENTRE_DE_SANTE] = "centre de santé"
    if ehpads_out:
        wanted_categories[EHPAD] = "EHPAD"
    kept = collections.defaultdict(list)
    for nof, f in sorted(est.items()):
        insee = f[13] + f[12][-3:] if len(f[13]) == 2 else ""
        if f[18] not in wanted_categories:
            rep.drop(f"other category (not {', '.join(sorted(wanted_categories))})")
        elif f[13] not in wanted:
            rep.drop("outside the départements")
        elif not insee:
            rep.drop("no commune code")
        else:
            rep.kept += 1
            where = ""
            g = geo.get(nof)
            if g and g[2] and g[3]:
                lat, lon = lambert93_to_wgs84(float(g[2]), float(g[3]))
                where = f" at {float(lat):.5f},{float(lon):.5f}"
            kept[f[18]].append((nof, insee, f[3], where))
    hospitals = [nof for c in HOSPITAL_CATEGORIES for nof in kept[c]]
    lines = ["# Hospitals from FINESS (etalab extraction), by `maillage import finess`: CHR/CHU and",
             "# centres hospitaliers taken as having an emergency department (FINESS categories 101, 355);",
             f"# emergency doctors on duty assumed {ed_doctors} (FINESS does not hold them): adjust."]
    for nof, insee, name, where in sorted(hospitals):
        lines.append(f'- {{id: finess-{nof}, commune: "{insee}", emergency: {{doctors: {ed_doctors}}}}}  # {name}{where}')
    _write(out, lines)
    if centres_out:
        lines = ["# Centres de santé from FINESS (category 124), by `maillage import finess`.",
                 "# FINESS holds no staff: one doctor each, weekday hours, assumed: set them from the centre."]
        for nof, insee, name, where in kept[CENTRE_DE_SANTE]:
            lines.append(f'- {{id: cds-{nof}, commune: "{insee}", kind: centre_de_sante, doctors: 1, '
                         f'hours: {{mon-fri: "08:00-19:00"}}}}  # {name}{where}')
        _write(centres_out, lines)
    if ehpads_out:
        lines = ["# EHPADs from FINESS (category 500), by `maillage import finess`.",
                 f"# residents ASSUMED {EHPAD_RESIDENTS_ASSUMED} each (the national mean): the structureet",
                 "# extract holds no capacity; take it from FINESS's equipment extract (capacité installée).",
                 f"# Carts ASSUMED, answered by the remote pool `{ehpad_pool}` in weekday hours: define it in",
                 "# supply.remote_pools, and keep only the EHPADs that have one."]
        for nof, insee, name, where in kept[EHPAD]:
            lines.append(f'- {{id: ehpad-{nof}, commune: "{insee}", residents: {EHPAD_RESIDENTS_ASSUMED}, '
                         f'cart: {{pool: {ehpad_pool}, hours: {{mon-fri: "09:00-17:00"}}}}}}  # {name}{where}')
        _write(ehpads_out, lines)
    return rep


def _write(out, lines):
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
