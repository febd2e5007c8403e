"""Specialists from the Annuaire Santé (RPPS) open extract: `maillage import rpps --specialty`.

Writes supply.hospitals items with the specialty and no emergency department, one per
commune, in the same units as the synthetic method of starter.py (docs/calibration.md,
"Ophthalmology"): a doctor with k sites counts 1/k at each; the commune's full-time
equivalents times the consulting share, rounded, at least one.
"""
import collections

from . import importers, starter

# Savoir-faire codes of the ordinal specialties (ANS nomenclature TRE_R38, as listed by its
# value set JDV_J239 SpecialitesSNP_SAS: SM38 "Ophtalmologie").
SPECIALTY_SKILLS = {"ophthalmology": {"SM38"}}
SPECIALTY_ID = {"ophthalmology": "ophtalmo"}


def import_rpps_specialists(paths, departements, out, specialty):
    if specialty not in SPECIALTY_SKILLS:
        raise importers.ImportError_(f"--specialty {specialty}: expected one of {', '.join(sorted(SPECIALTY_SKILLS))}")
    skills = SPECIALTY_SKILLS[specialty]
    rep = importers.Report(f"rpps {specialty}")
    wanted = {str(d).zfill(2) for d in departements}
    acts = []
    for path in paths:
        header, rows = importers.read_table(path)
        c_id = importers.column(header, path, "Identification nationale PP", "Identifiant PP")
        c_prof = importers.column(header, path, "Code profession")
        c_sf = importers.column(header, path, "Code savoir-faire")
        c_site = importers.column(header, path, "Identifiant technique de la structure")
        c_rs = importers.column(header, path, "Raison sociale site")
        c_com = importers.column(header, path, "Code commune (coord. structure)")
        for r in rows:
            if r.get(c_prof) != importers.GP_PROFESSION:
                rep.drop("not a médecin (profession code != 10)")
            elif r.get(c_sf) not in skills:
                rep.drop(f"not {specialty} (savoir-faire not {'/'.join(sorted(skills))})")
            elif "teleconsult" in importers.norm(r.get(c_rs, "")).replace(" ", ""):
                rep.drop("teleconsultation platform")
            elif not r.get(c_com):
                rep.drop("no commune for the site")
            else:
                # Hospital specialists are kept: their consultations are part of the demand.
                acts.append((r[c_id], r[c_site] or r[c_rs], importers.parent_commune(r[c_com])))
    sites_of = collections.defaultdict(set)
    for pid, site, _ in acts:
        sites_of[pid].add(site)
    fte, people = collections.Counter(), collections.defaultdict(set)
    for pid, site, com in sorted(set(acts)):
        if importers.dept_of(com) not in wanted:
            rep.drop("site outside the départements")
            continue
        rep.kept += 1
        fte[com] += 1 / len(sites_of[pid])
        people[com].add(pid)
    share = starter.OPHTHALMOLOGY_CONSULTING_SHARE
    lines = [f"# {specialty} from the Annuaire Santé (RPPS) open extract, by `maillage import rpps --specialty`.",
             f"# One site per commune; doctors = full-time equivalents x {share:g} consulting share, rounded, at least 1",
             "# (a doctor with k sites counts 1/k at each): docs/calibration.md, \"Ophthalmology\".",
             f"# {len(fte)} communes, {rep.kept} activities kept."]
    for com in sorted(fte):
        lines.append(f'- {{id: {SPECIALTY_ID[specialty]}-{com}, commune: "{com}", specialties: {{{specialty}: '
                     f'{{doctors: {max(1, round(fte[com] * share))}, hours: {starter.OPHTHALMOLOGY_HOURS}}}}}}}'
                     f'  # {len(people[com])} doctors, {fte[com]:.2f} FTE')
    importers._write(out, lines)
    return rep
