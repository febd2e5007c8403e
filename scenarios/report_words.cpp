#include "scenarios/report_words.hpp"

#include <cmath>
#include <cstdlib>
#include <map>
#include <utility>

namespace maillage {
namespace {

using Pair = std::pair<const char*, const char*>;  // English, French

const std::map<std::string, Pair>& table() {
  static const std::map<std::string, Pair> words = {
      // Measures, by summary column ("m." + column).
      {"m.episodes", {"needs", "besoins de soins"}},
      {"m.served", {"needs served", "besoins couverts"}},
      {"m.unserved", {"needs unserved", "besoins non couverts"}},
      {"m.unserved_share", {"unserved share", "part des besoins non couverts"}},
      {"m.unserved_too_far", {"  too far", "  trop loin"}},
      {"m.unserved_too_long", {"  too long", "  attente trop longue"}},
      {"m.unserved_network", {"  network", "  réseau"}},
      {"m.unserved_capacity", {"  capacity", "  capacité"}},
      {"m.in_progress", {"still under way a year on", "encore en cours un an après"}},
      // Over every care type at once: a same-day need and one booked months ahead mixed, so
      // the label says it (the waits per care type are their own rows).
      {"m.wait_days_mean", {"wait (d), mean, all care types", "délai d'attente moyen (jours), tous types de soins"}},
      {"m.wait_days_median", {"wait (d), median, all care types", "délai d'attente médian (jours), tous types de soins"}},
      {"m.wait_days_p90", {"wait (d), p90, all care types", "délai d'attente, p90 (jours), tous types de soins"}},
      {"m.site_wait_days_mean", {"mean wait of the sites' care types (days)", "délai moyen des soins des sites (jours)"}},
      {"m.ed_visits", {"ED visits", "passages aux urgences"}},
      {"m.travel_km", {"travel (km)", "km parcourus"}},
      {"m.travel_min", {"travel (min)", "temps de trajet (min)"}},
      {"m.travel_avoided_km", {"travel avoided (km)", "trajets évités (km)"}},
      {"m.travel_avoided_min", {"travel avoided (min)", "trajets évités (min)"}},
      {"m.travel_avoided_unreferenced", {"  served remotely, no reference", "  à distance, sans référence"}},
      {"m.travel_detour_km", {"travel detour (km)", "détour (km)"}},
      {"m.travel_detour_min", {"travel detour (min)", "détour (min)"}},
      {"m.sessions_degraded", {"sessions degraded", "séances dégradées"}},
      {"m.sessions_failed", {"sessions failed", "séances échouées"}},
      {"m.abandoned", {"left a queue (patience)", "abandons (patience)"}},
      {"m.without_gp_residents", {"no médecin traitant (people)", "sans médecin traitant (hab.)"}},
      {"m.without_gp_share", {"no médecin traitant (share)", "sans médecin traitant (part)"}},
      {"m.apl", {"APL (consultations per inhabitant a year)", "APL (consultations par habitant et par an)"}},
      // Glossary: what each measure of the first screen and the table means.
      {"g.served", {"needs for care that got it within the care type's limits (distance, wait)",
                    "besoins de soins pris en charge dans les limites du type de soin (distance, délai)"}},
      {"g.unserved", {"needs that found no care: too far, too long a wait, no network or no capacity",
                      "besoins sans prise en charge : trop loin, attente trop longue, pas de réseau ou de capacité"}},
      {"g.unserved_share", {"needs unserved divided by all needs", "besoins non couverts rapportés à tous les besoins"}},
      {"g.wait_days_mean", {"days from the need to the care, over the needs served",
                            "jours entre le besoin et le soin, sur les besoins couverts"}},
      {"g.ct_wait.term", {"mean wait of a care type", "délai moyen d'un type de soins"}},
      {"g.ct_wait", {"days from the need (for care booked ahead, the request) to the care, over that care type's needs served; "
                     "never averaged over care types, whose waits differ in kind (a same-day need, a specialist booked months "
                     "ahead)",
                     "jours entre le besoin (pour les soins pris sur rendez-vous à l'avance, la demande) et le soin, sur les "
                     "besoins couverts de ce type de soins ; jamais moyenné sur plusieurs types de soins, dont les délais "
                     "diffèrent par nature (un besoin du jour, un spécialiste vu dans des mois)"}},
      {"g.ct_wait_days_p90.term", {"p90 wait of a care type", "9e décile du délai d'un type de soins"}},
      {"g.ct_wait_days_p90", {"the wait that nine needs of that care type served in ten do not exceed",
                              "le délai que neuf besoins couverts de ce type de soins sur dix ne dépassent pas"}},
      {"g.travel_km", {"km driven by patients to reach care, there and back",
                       "km parcourus par les patients pour se soigner, aller et retour"}},
      {"g.travel_avoided_km", {"km not driven thanks to care given remotely or nearby",
                               "km non parcourus grâce aux soins à distance ou de proximité"}},
      {"g.ed_visits", {"visits to an emergency department", "passages dans un service d'urgences"}},
      {"g.interval", {"95% interval: the range the true value lies in with 95% confidence, over the replications",
                      "intervalle à 95\u00a0% : la plage où se trouve la vraie valeur avec 95\u00a0% de confiance, sur les réplications"}},
      {"g.not_sure", {"the difference's 95% interval includes zero: the plan may leave this measure as it is",
                      "l'intervalle à 95\u00a0% de la différence contient zéro : le plan peut laisser cette mesure inchangée"}},
      {"g.sessions_degraded", {"video consultations below the video's bit rate: the line or the platform limits them",
                               "téléconsultations sous le débit de la vidéo : la ligne ou la plateforme les limite"}},
      {"g.sessions_failed", {"video consultations below the minimum bit rate, which could not take place",
                             "téléconsultations sous le débit minimum, qui n'ont pas pu avoir lieu"}},
      {"g.unserved_too_far", {"needs unserved because no care was within the care type's travel limit",
                              "besoins non couverts faute de soin dans la limite de trajet du type de soin"}},
      {"g.unserved_too_long", {"needs unserved because no care came within the care type's wait limit",
                               "besoins non couverts faute de soin dans la limite de délai du type de soin"}},
      {"g.unserved_network", {"needs unserved because the network could not carry the remote consultation",
                              "besoins non couverts car le réseau ne permettait pas la consultation à distance"}},
      {"g.unserved_capacity", {"needs unserved because every provider in reach was full",
                               "besoins non couverts car tous les soignants à portée étaient complets"}},
      {"g.without_gp_residents", {"residents registered with no médecin traitant (a stock, not per year)",
                                  "habitants sans médecin traitant déclaré (un effectif, pas un flux annuel)"}},
      {"g.abandoned", {"patients who left a queue when their patience ran out",
                       "patients partis d'une file d'attente à bout de patience"}},
      {"g.travel_detour_km", {"km driven beyond the nearest practice because it was full",
                              "km parcourus au-delà du cabinet le plus proche parce qu'il était complet"}},
      {"g.wait_days_p90", {"the wait that nine needs served in ten do not exceed",
                           "le délai que neuf besoins couverts sur dix ne dépassent pas"}},
      // The first screen.
      {"first.title", {"At a glance", "En bref"}},
      {"caveat.title", {"Read this before the figures", "À lire avant les chiffres"}},
      {"caveat.line", {"caveat", "mise en garde"}},
      {"caveat.censored", {"The mean wait for %s leaves out %s% of its needs, still under way a year after the end of the run (a site that never opens again?): the longest waits. Read it as a lower bound.",
                           "Le délai moyen pour %s laisse de côté %s\u00a0% de ses besoins, encore en cours un an après la fin de la simulation (un lieu qui ne rouvre jamais\u00a0?)\u00a0: les plus longues attentes. C'est un minorant."}},
      {"first.intro", {"Each plan against the baseline, on common random numbers; 95% intervals in brackets.",
                       "Chaque plan face à la situation de référence, sur des nombres aléatoires communs ; intervalles à 95\u00a0% entre crochets."}},
      // ".one": the singular, for 1 (and in French below 2: "1 besoin", "0,5 jour").
      {"first.served.more", {"more needs served", "besoins couverts en plus"}},
      {"first.served.more.one", {"more need served", "besoin couvert en plus"}},
      {"first.served.less", {"fewer needs served", "besoins couverts en moins"}},
      {"first.served.less.one", {"fewer need served", "besoin couvert en moins"}},
      {"first.wait.less", {"mean wait %s days shorter", "délai d'attente moyen plus court de %s jours"}},
      {"first.wait.less.one", {"mean wait %s day shorter", "délai d'attente moyen plus court de %s jour"}},
      {"first.wait.more", {"mean wait %s days longer", "délai d'attente moyen plus long de %s jours"}},
      {"first.wait.more.one", {"mean wait %s day longer", "délai d'attente moyen plus long de %s jour"}},
      {"first.km.less", {"km less driven", "km parcourus en moins"}},
      {"first.km.less.one", {"km less driven", "km parcouru en moins"}},
      {"first.km.more", {"km more driven", "km parcourus en plus"}},
      {"first.km.more.one", {"km more driven", "km parcouru en plus"}},
      // The wait of one care type (its name first).
      {"first.ctwait.less", {"%s mean wait %s days shorter", "délai moyen pour %s plus court de %s jours"}},
      {"first.ctwait.less.one", {"%s mean wait %s day shorter", "délai moyen pour %s plus court de %s jour"}},
      {"first.ctwait.more", {"%s mean wait %s days longer", "délai moyen pour %s plus long de %s jours"}},
      {"first.ctwait.more.one", {"%s mean wait %s day longer", "délai moyen pour %s plus long de %s jour"}},
      {"first.ctwait_h.less", {"%s mean wait %s hours shorter", "délai moyen pour %s plus court de %s heures"}},
      {"first.ctwait_h.less.one", {"%s mean wait %s hour shorter", "délai moyen pour %s plus court de %s heure"}},
      {"first.ctwait_h.more", {"%s mean wait %s hours longer", "délai moyen pour %s plus long de %s heures"}},
      {"first.ctwait_h.more.one", {"%s mean wait %s hour longer", "délai moyen pour %s plus long de %s heure"}},
      {"first.ctwait.same", {"%s mean wait unchanged", "délai moyen pour %s inchangé"}},
      {"first.waits.same", {"waits unchanged in every care type", "délais inchangés pour chaque type de soins"}},
      {"first.waits.others_same", {"other care types' waits unchanged", "délais des autres types de soins inchangés"}},
      {"first.waits.others_sure", {"%s other care types' waits also surely different (main measures)",
                                   "%s autres types de soins aux délais aussi sûrement différents (principales mesures)"}},
      {"first.waits.others_sure.one", {"%s other care type's wait also surely different (main measures)",
                                       "%s autre type de soins au délai aussi sûrement différent (principales mesures)"}},
      {"first.waits.others_shorter", {"%s other care types' waits also surely shorter (main measures)",
                                      "%s autres types de soins aux délais aussi sûrement plus courts (principales mesures)"}},
      {"first.waits.others_shorter.one", {"%s other care type's wait also surely shorter (main measures)",
                                          "%s autre type de soins au délai aussi sûrement plus court (principales mesures)"}},
      {"first.waits.others_longer", {"%s other care types' waits also surely longer (main measures)",
                                     "%s autres types de soins aux délais aussi sûrement plus longs (principales mesures)"}},
      {"first.waits.others_longer.one", {"%s other care type's wait also surely longer (main measures)",
                                         "%s autre type de soins au délai aussi sûrement plus long (principales mesures)"}},
      {"first.waits.others_unsure", {"other care types' waits not surely different",
                                     "délais des autres types de soins pas sûrement différents"}},
      {"first.served.same", {"needs served unchanged", "besoins couverts inchangés"}},
      {"first.wait.same", {"mean wait unchanged", "délai d'attente moyen inchangé"}},
      {"first.km.same", {"km driven unchanged", "km parcourus inchangés"}},
      // The measure a plan moves most beyond the three questions ("first.x." + column).
      {"first.x.sessions_degraded.more", {"more video sessions degraded", "séances vidéo dégradées en plus"}},
      {"first.x.sessions_degraded.less", {"fewer video sessions degraded", "séances vidéo dégradées en moins"}},
      {"first.x.sessions_degraded.more.one", {"more video session degraded", "séance vidéo dégradée en plus"}},
      {"first.x.sessions_degraded.less.one", {"fewer video session degraded", "séance vidéo dégradée en moins"}},
      {"first.x.sessions_failed.more", {"more video sessions failed", "séances vidéo échouées en plus"}},
      {"first.x.sessions_failed.less", {"fewer video sessions failed", "séances vidéo échouées en moins"}},
      {"first.x.sessions_failed.more.one", {"more video session failed", "séance vidéo échouée en plus"}},
      {"first.x.sessions_failed.less.one", {"fewer video session failed", "séance vidéo échouée en moins"}},
      {"first.x.ed_visits.more", {"more ED visits", "passages aux urgences en plus"}},
      {"first.x.ed_visits.less", {"fewer ED visits", "passages aux urgences en moins"}},
      {"first.x.ed_visits.more.one", {"more ED visit", "passage aux urgences en plus"}},
      {"first.x.ed_visits.less.one", {"fewer ED visit", "passage aux urgences en moins"}},
      {"first.x.unserved_too_far.more", {"more needs unserved as too far", "besoins non couverts car trop loin en plus"}},
      {"first.x.unserved_too_far.less", {"fewer needs unserved as too far", "besoins non couverts car trop loin en moins"}},
      {"first.x.unserved_too_far.more.one", {"more need unserved as too far", "besoin non couvert car trop loin en plus"}},
      {"first.x.unserved_too_far.less.one", {"fewer need unserved as too far", "besoin non couvert car trop loin en moins"}},
      {"first.x.unserved_too_long.more", {"more needs unserved for too long a wait",
                                          "besoins non couverts pour attente trop longue en plus"}},
      {"first.x.unserved_too_long.less", {"fewer needs unserved for too long a wait",
                                          "besoins non couverts pour attente trop longue en moins"}},
      {"first.x.unserved_too_long.more.one", {"more need unserved for too long a wait", "besoin non couvert pour attente trop longue en plus"}},
      {"first.x.unserved_too_long.less.one", {"fewer need unserved for too long a wait", "besoin non couvert pour attente trop longue en moins"}},
      {"first.x.unserved_network.more", {"more needs unserved for want of a network", "besoins non couverts faute de réseau en plus"}},
      {"first.x.unserved_network.less", {"fewer needs unserved for want of a network", "besoins non couverts faute de réseau en moins"}},
      {"first.x.unserved_network.more.one", {"more need unserved for want of a network", "besoin non couvert faute de réseau en plus"}},
      {"first.x.unserved_network.less.one", {"fewer need unserved for want of a network", "besoin non couvert faute de réseau en moins"}},
      {"first.x.unserved_capacity.more", {"more needs unserved for want of capacity", "besoins non couverts faute de capacité en plus"}},
      {"first.x.unserved_capacity.less", {"fewer needs unserved for want of capacity", "besoins non couverts faute de capacité en moins"}},
      {"first.x.unserved_capacity.more.one", {"more need unserved for want of capacity", "besoin non couvert faute de capacité en plus"}},
      {"first.x.unserved_capacity.less.one", {"fewer need unserved for want of capacity", "besoin non couvert faute de capacité en moins"}},
      {"first.x.without_gp_residents.more", {"more residents without a médecin traitant", "habitants sans médecin traitant en plus"}},
      {"first.x.without_gp_residents.less", {"fewer residents without a médecin traitant", "habitants sans médecin traitant en moins"}},
      {"first.x.without_gp_residents.more.one", {"more resident without a médecin traitant", "habitant sans médecin traitant en plus"}},
      {"first.x.without_gp_residents.less.one", {"fewer resident without a médecin traitant", "habitant sans médecin traitant en moins"}},
      {"first.x.abandoned.more", {"more patients left a queue", "abandons de file d'attente en plus"}},
      {"first.x.abandoned.less", {"fewer patients left a queue", "abandons de file d'attente en moins"}},
      {"first.x.abandoned.more.one", {"more patient left a queue", "abandon de file d'attente en plus"}},
      {"first.x.abandoned.less.one", {"fewer patient left a queue", "abandon de file d'attente en moins"}},
      {"first.x.travel_avoided_km.more", {"more km avoided by remote or nearby care", "km évités par les soins à distance ou de proximité en plus"}},
      {"first.x.travel_avoided_km.less", {"fewer km avoided by remote or nearby care", "km évités par les soins à distance ou de proximité en moins"}},
      {"first.x.travel_avoided_km.more.one", {"more km avoided by remote or nearby care", "km évité par les soins à distance ou de proximité en plus"}},
      {"first.x.travel_avoided_km.less.one", {"fewer km avoided by remote or nearby care", "km évité par les soins à distance ou de proximité en moins"}},
      {"first.x.travel_detour_km.more", {"more km of detour past a full practice", "km de détour en plus (cabinets complets)"}},
      {"first.x.travel_detour_km.less", {"fewer km of detour past a full practice", "km de détour en moins (cabinets complets)"}},
      {"first.x.wait_days_p90.more", {"p90 wait %s days longer", "9e décile du délai d'attente plus long de %s jours"}},
      {"first.x.wait_days_p90.less", {"p90 wait %s days shorter", "9e décile du délai d'attente plus court de %s jours"}},
      {"first.x.wait_days_p90.more.one", {"p90 wait %s days longer", "9e décile du délai d'attente plus long de %s jour"}},
      {"first.x.wait_days_p90.less.one", {"p90 wait %s days shorter", "9e décile du délai d'attente plus court de %s jour"}},
      {"first.ct.wait_days_p90.more", {"%s p90 wait %s days longer", "9e décile du délai pour %s plus long de %s jours"}},
      {"first.ct.wait_days_p90.more.one", {"%s p90 wait %s day longer", "9e décile du délai pour %s plus long de %s jour"}},
      {"first.ct.wait_days_p90.less", {"%s p90 wait %s days shorter", "9e décile du délai pour %s plus court de %s jours"}},
      {"first.ct.wait_days_p90.less.one", {"%s p90 wait %s day shorter", "9e décile du délai pour %s plus court de %s jour"}},
      {"first.ct.wait_days_p90_h.more", {"%s p90 wait %s hours longer", "9e décile du délai pour %s plus long de %s heures"}},
      {"first.ct.wait_days_p90_h.more.one", {"%s p90 wait %s hour longer", "9e décile du délai pour %s plus long de %s heure"}},
      {"first.ct.wait_days_p90_h.less", {"%s p90 wait %s hours shorter", "9e décile du délai pour %s plus court de %s heures"}},
      {"first.ct.wait_days_p90_h.less.one", {"%s p90 wait %s hour shorter", "9e décile du délai pour %s plus court de %s heure"}},
      {"first.a_year", {" a year", " par an"}},
      {"first.not_sure", {"not surely different", "pas sûrement différent"}},
      {"first.cost", {"costs %s EUR a year", "coûte %s EUR par an"}},
      {"first.extra", {"%s EUR a year more than the baseline", "%s EUR par an de plus que la référence"}},
      {"first.saving", {"%s EUR a year less than the baseline", "%s EUR par an de moins que la référence"}},
      {"first.same_cost", {"the same as the baseline", "autant que la référence"}},
      {"first.verdict", {"verdict", "verdict"}},
      // The baseline alone: its levels, as the three questions' answers.
      {"first.base.intro", {"The baseline alone, with its 95% intervals in brackets; add plans (plans: in the scenario) to compare with it.",
                            "La situation de référence seule, intervalles à 95\u00a0% entre crochets\u00a0; ajouter des scénarios (plans: dans le fichier) pour la comparer."}},
      {"first.base.served", {"%s needs served a year", "%s besoins couverts par an"}},
      {"first.base.served.one", {"%s need served a year", "%s besoin couvert par an"}},
      {"first.base.unserved", {"%s% of needs unserved", "%s\u00a0% des besoins non couverts"}},
      {"first.base.unserved.one", {"%s% of needs unserved", "%s\u00a0% des besoins non couverts"}},
      {"first.base.ctwait", {"%s mean wait %s days", "délai moyen pour %s\u00a0: %s jours"}},
      {"first.base.ctwait.one", {"%s mean wait %s day", "délai moyen pour %s\u00a0: %s jour"}},
      {"first.base.wait", {"mean wait %s days", "délai d'attente moyen\u00a0: %s jours"}},
      {"first.base.wait.one", {"mean wait %s day", "délai d'attente moyen\u00a0: %s jour"}},
      {"first.base.km", {"%s km driven a year", "%s km parcourus par an"}},
      {"first.base.km.one", {"%s km driven a year", "%s km parcouru par an"}},
      {"first.base.ed", {"%s ED visits a year", "%s passages aux urgences par an"}},
      {"first.base.ed.one", {"%s ED visit a year", "%s passage aux urgences par an"}},
      {"first.no_baseline", {"No baseline to compare with.", "Pas de situation de référence à comparer."}},
      // Cost verdicts (cost_verdict) and their measures.
      {"v.dominant", {"dominant", "dominant"}},
      {"v.dominated", {"dominated", "dominé"}},
      {"v.no sure gain", {"no sure gain", "pas de gain sûr"}},
      {"v.cheaper, worse", {"cheaper, worse", "moins cher, moins bien"}},
      {"v.served", {"needs served", "besoins couverts"}},
      {"v.km", {"km driven", "km parcourus"}},
      {"v.ctwait", {"%s mean wait", "délai moyen pour %s"}},
      {"v.waits_all", {"mean waits", "délais moyens"}},
      {"v.waits_others", {"other care types' mean waits", "délais moyens des autres types de soins"}},
      {"v.eur_per_extra_served", {"EUR per extra need served", "EUR par besoin couvert en plus"}},
      {"v.eur_per_km_avoided", {"EUR per km avoided", "EUR par km évité"}},
      {"v.eur_per_day_shorter", {"EUR a year per day off the mean wait", "EUR par an par jour de délai moyen en moins"}},
      // Assumptions.
      {"a.title", {"Assumptions", "Hypothèses"}},
      {"a.scenario", {"scenario", "scénario"}},
      {"a.replications", {"replications", "réplications"}},
      {"a.seed", {"seed", "graine"}},
      {"a.warmup", {"warm-up", "mise en régime"}},
      {"a.days", {"days", "jours"}},
      {"a.period", {"measured period", "période mesurée"}},
      {"a.cohort", {"the needs arising in it, each followed to its end, past it if need be",
                    "les besoins qui y naissent, chacun suivi jusqu'à son terme, au-delà s'il le faut"}},
      {"g.title", {"Glossary", "Glossaire"}},
      // Headings and table words.
      {"h.measures", {"Main measures", "Principales mesures"}},
      {"h.maps", {"Maps", "Cartes"}},
      {"h.costs", {"Costs", "Coûts"}},
      {"h.weeks", {"Week by week", "Semaine par semaine"}},
      {"h.selection", {"Site selection", "Choix des sites"}},
      {"t.measure", {"measure", "mesure"}},
      {"t.interval", {"95% interval", "intervalle à 95\u00a0%"}},
      {"t.per_year", {"per year", "par an"}},
      {"t.difference", {"difference", "différence"}},
      {"t.difference_paired", {"difference to baseline (paired 95%)", "écart à la référence (apparié, 95\u00a0%)"}},
      {"t.mean", {"mean", "moyenne"}},
      {"t.unchanged", {"unchanged", "inchangé"}},
      {"t.unreferenced", {"warning: %s episodes served remotely have no in-person reference, left out of travel avoided: give "
                          "their care type a specialty a hospital has or a reference: {commune: INSEE}",
                          "attention : %s besoins couverts à distance n'ont pas de référence en présentiel, laissés hors des "
                          "trajets évités : donnez à leur type de soin une spécialité qu'un hôpital a, ou une référence : "
                          "{commune: INSEE}"}},
      {"t.plan", {"plan", "plan"}},
      {"t.counts_over", {"counts over", "effectifs sur"}},
      {"t.days_measured", {"days measured", "jours mesurés"}},
      {"t.csv_note", {"Every table is also a CSV file in this folder.", "Chaque tableau est aussi un fichier CSV de ce dossier."}},
      {"t.cost_title", {"cost-effectiveness against the baseline, per year (euros per unit only for a sure gain at a price):",
                        "coût-efficacité face à la référence, par an (euros par unité seulement pour un gain sûr à un coût) :"}},
      {"t.eur_a_year", {"EUR a year", "EUR par an"}},
      {"t.gain", {"gain", "gain"}},
      {"t.a_year", {"a year", "par an"}},
      {"c.served", {"served", "besoins couverts"}},
      {"c.km", {"km driven", "km parcourus"}},
      {"c.eur_per_extra_served", {"EUR per extra episode served", "EUR par besoin couvert en plus"}},
      {"t.ct_unserved", {": unserved share", " : part non couverte"}},
      {"t.ct_wait", {": wait mean (d)", " : attente moyenne (j)"}},
      {"t.replication", {"replication", "réplication"}},
      {"t.replications", {"replications", "réplications"}},
      {"t.student", {"; intervals are Student-t over replications", " ; intervalles de Student sur les réplications"}},
      {"t.paired", {"; differences paired on common random numbers", " ; écarts appariés sur nombres aléatoires communs"}},
      {"t.clipped", {"; * clipped at 0", " ; * bornés à 0"}},
      {"t.interval_note", {"", "Médianes et 9e déciles viennent d'un résumé de quantiles à 0,5\u00a0% de résolution relative : "
                               "leurs intervalles ont au moins cette largeur ; les intervalles des mesures jamais négatives s'arrêtent à 0"}},
      // The report's paragraphs.
      {"r.counts_over", {"Counts over %s", "Effectifs sur %s"}},
      {"r.not_a_year", {" (the period is not a year: counts are also given per year)",
                        " (la période n'est pas une année : les effectifs sont aussi donnés par an)"}},
      {"r.measures_intro", {". Mean over replications and its 95% interval; for each plan, the difference to the baseline, "
                            "paired on common random numbers. ",
                            ". Moyenne sur les réplications et son intervalle à 95\u00a0% ; pour chaque plan, l'écart à la "
                            "référence, apparié sur nombres aléatoires communs. "}},
      {"r.interval_note", {"Medians and p90s come from a quantile sketch of 0.5% relative resolution: their intervals are at "
                           "least that wide; intervals of measures that cannot be negative stop at 0",
                           "Médianes et 9e déciles viennent d'un résumé de quantiles à 0,5\u00a0% de résolution relative : leurs "
                           "intervalles ont au moins cette largeur ; les intervalles des mesures jamais négatives s'arrêtent à 0"}},
      {"r.clipped", {" (* clipped).", " (* borné)."}},
      {"r.days_measured", {"%s days measured", "%s jours mesurés"}},
      {"r.period", {"the measured period", "la période mesurée"}},
      {"r.costs_intro", {"Annual cost (capital spread over its years) and, against the baseline, the gains per year (km "
                         "avoided: km driven, baseline minus plan) with a verdict per measure: dominant (a sure gain for no "
                         "more money), dominated (more money, surely no better), no sure gain (the gain's 95% interval "
                         "includes zero), cheaper, worse, or ratio: only then euros per extra served episode and per km "
                         "avoided, with 95% intervals. The wait is judged care type by care type, below: days summed over "
                         "care types would add a same-day need's hours to a specialist's months.",
                         "Coût annuel (l'investissement réparti sur sa durée) et, face à la référence, les gains par an "
                         "(km évités : km parcourus, référence moins plan) avec un verdict par mesure : dominant (un gain "
                         "sûr sans dépense de plus), dominé (plus cher, sûrement pas mieux), pas de gain sûr "
                         "(l'intervalle à 95\u00a0% du gain contient zéro), moins cher, moins bien, ou ratio : alors seulement "
                         "les euros par besoin couvert en plus et par km évité, avec leurs intervalles à 95\u00a0%. Le délai "
                         "est jugé type de soins par type de soins, plus bas : des jours additionnés sur plusieurs types de "
                         "soins mêleraient les heures d'un besoin du jour aux mois d'un spécialiste."}},
      {"r.weeks_intro", {"From the start, warm-up included (by the week needs arose), averaged over replications: the "
                         "warm-up should cover the start-up transient.",
                         "Depuis le début, mise en régime comprise (par semaine d'apparition des besoins), en moyenne sur "
                         "les réplications : la mise en régime doit couvrir le démarrage."}},
      {"r.warmup", {"warm-up", "mise en régime"}},
      {"r.week", {"week", "semaine"}},
      {"r.chart_wait", {"wait (days), mean, all care types", "délai d'attente moyen (jours), tous types de soins"}},
      {"r.chart_unserved", {"unserved share", "part des besoins non couverts"}},
      {"r.chart_ed", {"ED visits a week", "passages aux urgences par semaine"}},
      {"r.chart_wait_ct", {"wait (days), mean, per care type (each on its own scale)",
                           "délai d'attente moyen (jours), par type de soins (chacun à son échelle)"}},
      {"r.panel_cut", {"weeks from %s left out: over 1% in progress", "semaines à partir de %s omises\u00a0: plus de 1\u00a0% en cours"}},
      {"r.week_cut", {"Week %s is left out: over 1% of its needs were still under way a year after the horizon, so its "
                      "waits and shares would be those of the quickest only.",
                      "Semaine %s omise\u00a0: plus de 1\u00a0% de ses besoins étaient encore en cours un an "
                      "après l'horizon, ses délais et parts seraient ceux des plus rapides seulement."}},
      {"r.weeks_cut", {"Weeks %s to %s are left out: over 1% of their needs were still under way a year after the horizon, so their "
                       "waits and shares would be those of the quickest only.",
                       "Semaines %s à %s omises\u00a0: plus de 1\u00a0% de leurs besoins étaient encore en cours un an "
                       "après l'horizon, leurs délais et parts seraient ceux des plus rapides seulement."}},
      {"r.screen", {"Analytic screen: ", "Présélection analytique : "}},
      {"r.ranked_by", {". Ranked by simulation on common random numbers, by %s (lower is better).",
                       ". Classement par simulation sur nombres aléatoires communs, selon %s (le plus bas est le mieux)."}},
      {"r.rank", {"rank", "rang"}},
      {"r.option", {"option", "option"}},
      {"r.screen_rank", {"screen rank", "rang présélection"}},
      {"r.screen_value", {"screen value", "valeur présélection"}},
      {"r.diff_winner", {"difference to the winner", "écart au gagnant"}},
      {"r.found_by", {"found by", "trouvée par"}},
      {"r.winner", {"winner", "gagnant"}},
      {"r.today_none", {"the scenario as it is (no new site)", "le scénario tel quel (aucun nouveau site)"}},
      {"r.today_current", {"the scenario as it is (its current sites)", "le scénario tel quel (ses sites actuels)"}},
      // The site-selection verdict (report_verdict.cpp): "%s" are filled in turn.
      {"s.travel_min_per_served", {"travel_min_per_served", "temps de trajet par besoin couvert (min)"}},
      {"s.coverage_label", {"share of the need within %s min of a site", "part des besoins à moins de %s min d'un site"}},
      {"s.travel_label", {"mean travel to the nearest site, min (capped at %s)",
                          "trajet moyen jusqu'au site le plus proche, min (plafonné à %s)"}},
      {"s.aside_host", {"%s candidates set aside for a host earlier in prefer_hosts in the same commune",
                        "%s candidats écartés pour un hôte placé avant dans prefer_hosts, dans la même commune"}},
      {"s.aside_host.one", {"%s candidate set aside for a host earlier in prefer_hosts in the same commune",
                            "%s candidat écarté pour un hôte placé avant dans prefer_hosts, dans la même commune"}},
      {"s.aside_cost", {"%s candidates set aside for a cheaper one of the same host type in the same commune",
                        "%s candidats écartés pour un moins cher du même type d'hôte, dans la même commune"}},
      {"s.aside_cost.one", {"%s candidate set aside for a cheaper one of the same host type in the same commune",
                            "%s candidat écarté pour un moins cher du même type d'hôte, dans la même commune"}},
      {"s.tie_hosts.one", {"%s candidate ties with another of its commune on host preference and cost: the screen, which "
                           "sees distance only, takes the first listed and names the other as its alternate (selection_sites.csv)",
                           "%s candidat à égalité avec un autre de sa commune sur la préférence d'hôte et le coût : la "
                           "présélection, qui ne voit que les distances, prend le premier de la liste et nomme l'autre comme "
                           "son alternative (selection_sites.csv)"}},
      {"s.tie_cost.one", {"%s candidate ties with another of its commune on cost, and no site_selection.prefer_hosts orders "
                          "host types: the screen, which sees distance only, takes the first listed and names the other as its "
                          "alternate (selection_sites.csv)",
                          "%s candidat à égalité avec un autre de sa commune sur le coût, et aucun "
                          "site_selection.prefer_hosts n'ordonne les types d'hôtes : la présélection, qui ne voit que les "
                          "distances, prend le premier de la liste et nomme l'autre comme son alternative (selection_sites.csv)"}},
      {"s.tie_hosts", {"%s candidates tie with another of their commune on host preference and cost: the screen, which "
                       "sees distance only, takes the first listed and names the others as its alternates (selection_sites.csv)",
                       "%s candidats à égalité avec un autre de leur commune sur la préférence d'hôte et le coût : la "
                       "présélection, qui ne voit que les distances, prend le premier de la liste et nomme les autres comme "
                       "ses alternatives (selection_sites.csv)"}},
      {"s.tie_cost", {"%s candidates tie with another of their commune on cost, and no site_selection.prefer_hosts orders "
                      "host types: the screen, which sees distance only, takes the first listed and names the others as its "
                      "alternates (selection_sites.csv)",
                      "%s candidats à égalité avec un autre de leur commune sur le coût, et aucun "
                      "site_selection.prefer_hosts n'ordonne les types d'hôtes : la présélection, qui ne voit que les "
                      "distances, prend le premier de la liste et nomme les autres comme ses alternatives (selection_sites.csv)"}},
      {"s.coverage_cannot_rank", {"every need is within %s min of a site with the best options: coverage cannot tell them "
                                  "apart, so the screen ranks them by travel (p-median)",
                                  "avec les meilleures options, tous les besoins sont à moins de %s min d'un site : la "
                                  "couverture ne les départage pas, la présélection les classe donc par trajet (p-médian)"}},
      {"s.no_static_wait", {"the wait has no static counterpart: the screen places sites near the need (p-median), the simulation judges",
                            "le délai d'attente n'a pas d'équivalent statique : la présélection place les sites près des "
                            "besoins (p-médian), la simulation juge"}},
      {"s.no_static_ed", {"ED visits have no static counterpart: the screen places sites near the need (p-median), the simulation judges",
                          "les passages aux urgences n'ont pas d'équivalent statique : la présélection place les sites près "
                          "des besoins (p-médian), la simulation juge"}},
      {"s.unserved_within", {"the screen counts the need within %s min (the longest max_travel of the care types using the "
                             "sites); the simulation counts what goes unserved",
                             "la présélection compte les besoins à moins de %s min (le plus long max_travel des types de "
                             "soins qui utilisent les sites) ; la simulation compte ceux qui restent non couverts"}},
      {"s.note", {"Note: %s.", "Remarque\u00a0: %s."}},
      {"s.wins", {"%s wins on %s: %s %s", "%s l'emporte (%s)\u00a0: %s %s"}},
      {"s.wins_over", {", %s better than %s %s, 95% paired over %s replications",
                       ", %s de mieux que %s %s, écart apparié à 95\u00a0% sur %s réplications"}},
      {"s.wins_level", {", level with %s at this precision (difference %s, 95% paired over %s replications)",
                        ", à égalité avec %s à cette précision (écart %s, apparié à 95\u00a0% sur %s réplications)"}},
      {"s.tie", {"%s and %s tie on %s (identical in every replication, mean %s): this measure does not separate them; choose "
                 "another objective.",
                 "%s et %s sont à égalité (%s, identique dans chaque réplication, moyenne %s)\u00a0: ce critère ne les "
                 "sépare pas ; choisissez un autre objectif."}},
      {"s.not_sure", {"The margin is not sure at 95% (its interval reaches zero): %s and %s are not distinguishable with these "
                      "replications; %s.",
                      "L'écart n'est pas sûr à 95\u00a0% (son intervalle atteint zéro)\u00a0: %s et %s ne se distinguent pas "
                      "avec ces réplications ; %s."}},
      {"s.guide_more", {"run more (--replications) to separate them", "lancez-en davantage (--replications) pour les séparer"}},
      {"s.guide_n", {"about %s replications would separate them if the difference is what it seems (--replications)",
                     "environ %s réplications les sépareraient si l'écart est bien celui observé (--replications)"}},
      {"s.guide_equivalent", {"they are equivalent at this precision: more replications would not separate them in useful "
                              "time (about %s would be needed)",
                              "elles sont équivalentes à cette précision : davantage de réplications ne les sépareraient pas "
                              "en un temps utile (il en faudrait environ %s)"}},
      {"s.no_option", {"No option does better than %s on %s.",
                       "Aucune option ne fait mieux que %s sur le critère «\u00a0%s\u00a0»."}},
      {"s.confirmed", {"The simulation confirms the analytic screen: its first choice (%s) is the best option simulated.",
                       "La simulation confirme la présélection analytique\u00a0: son premier choix (%s) est la meilleure option "
                       "simulée."}},
      {"s.overturned", {"The simulation overturns the analytic order: the screen's first choice (%s) ranks %s, surely worse "
                        "than the winner, once congestion, opening hours and the care pathways are simulated.",
                        "La simulation renverse l'ordre de la présélection\u00a0: son premier choix (%s) se classe %s, "
                        "sûrement moins bon que la gagnante, une fois simulés l'engorgement, les horaires d'ouverture et "
                        "les parcours de soins."}},
      {"s.not_overturned", {"The screen's first choice (%s) ranks %s but is not surely worse than the winner (%s %s): the "
                            "simulation does not overturn the screen with these replications.",
                            "Le premier choix de la présélection (%s) se classe %s mais n'est pas sûrement moins bon que la "
                            "gagnante (%s %s)\u00a0: la simulation ne renverse pas la présélection avec ces réplications."}},
      {"s.choose", {"Choose %s.", "Choisir %s."}},
      {"s.choose_only", {"Choose %s (the only option).", "Choisir %s (la seule option)."}},
      {"s.choose_surely", {"Choose %s: it is surely better than %s, the next option.",
                           "Choisir %s\u00a0: elle est sûrement meilleure que %s, l'option suivante."}},
      {"s.choose_cap", {"Choose %s (best so far): the cap of %s replications was reached before the others were separated or "
                        "found equivalent within %s.",
                        "Choisir %s (la meilleure à ce stade)\u00a0: le plafond de %s réplications a été atteint avant que "
                        "les autres soient séparées ou jugées équivalentes à %s près."}},
      {"s.equivalent", {"%s are equivalent within %s%s: choose on other grounds (cost, hosts); %s has the best mean.",
                        "%s sont équivalentes à %s près%s\u00a0: choisir sur d'autres critères (coût, hôtes) ; %s a la "
                        "meilleure moyenne."}},
      {"s.not_decided", {"Not decided: %s and %s are not distinguishable with %s replications; about %s replications would "
                         "separate them if the difference is what it seems (--replications), or set "
                         "site_selection.equivalent_within (e.g. 1%) and maillage select adds replications until one is chosen "
                         "or they are equivalent within it.",
                         "Pas encore de choix\u00a0: %s et %s ne se distinguent pas avec %s réplications ; environ %s "
                         "réplications les sépareraient si l'écart est bien celui observé (--replications), ou fixez "
                         "site_selection.equivalent_within (par exemple 1\u00a0%) et maillage select ajoute des réplications "
                         "jusqu'à en choisir une ou les juger équivalentes à ce seuil près."}},
      {"s.eq_here", {"%s and %s are equivalent at this precision: they differ by %s %s on %s",
                     "%s et %s sont équivalentes à cette précision\u00a0: elles diffèrent de %s %s (%s)"}},
      {"s.not_decided_more", {" Not surely worse than %s either: %s.", " Pas sûrement moins bonnes que %s non plus\u00a0: %s."}},
      {"s.eq_here_many", {"%s are equivalent at this precision: none is surely worse than %s, and the closest, %s, differs by "
                          "%s %s on %s",
                          "%s sont équivalentes à cette précision\u00a0: aucune n'est sûrement moins bonne que %s, et la plus "
                          "proche, %s, en diffère de %s %s (%s)"}},
      {"s.eq_share", {", at most %s of %s's mean", ", au plus %s de la moyenne de %s"}},
      {"s.eq_too_little", {", too little for more replications to separate them in useful time",
                           ", trop peu pour que davantage de réplications les séparent en un temps utile"}},
      {"s.eq_needed", {" (about %s would be needed)", " (il en faudrait environ %s)"}},
      {"s.eq_end", {"; choose on other grounds (cost, hosts), or set site_selection.equivalent_within (e.g. 1%) for maillage "
                    "select to confirm it.",
                    " ; choisir sur d'autres critères (coût, hôtes), ou fixer site_selection.equivalent_within (par "
                    "exemple 1\u00a0%) pour que maillage select le confirme."}},
      {"s.sequential", {"Sequential ranking (KN++, Kim & Nelson 2006; indifference zone %s): replications used %s.",
                        "Classement séquentiel (KN++, Kim & Nelson 2006 ; zone d'indifférence %s)\u00a0: réplications "
                        "utilisées %s."}},
      {"s.today", {"Against today: %s", "Face à l'existant\u00a0: %s"}},
      {"s.today_better", {"%s is surely better than the current placement on %s: by %s %s, 95% paired.",
                          "%s est sûrement meilleure que l'implantation actuelle (%s)\u00a0: de %s %s, apparié à 95\u00a0%."}},
      {"s.today_worse", {"%s is surely worse than the current placement on %s, by %s %s, 95% paired: no option does better "
                         "than today.",
                         "%s est sûrement moins bonne que l'implantation actuelle (%s), de %s %s, apparié à 95\u00a0%\u00a0: "
                         "aucune option ne fait mieux qu'aujourd'hui."}},
      {"s.today_not_sure", {"%s is not surely better than the current placement on %s: the difference is %s %s, 95% paired.",
                            "%s n'est pas sûrement meilleure que l'implantation actuelle (%s)\u00a0: l'écart est de %s %s, "
                            "apparié à 95\u00a0%."}},
      {"s.the_winner", {"the winner", "la gagnante"}},
      {"s.diff", {"%s = %s with %s", "%s = %s avec %s"}},
      {"s.same_sites", {"the same sites", "les mêmes sites"}},
      {"s.other_sites", {"%s other sites: ", "%s autres sites\u00a0: "}},
      {"s.instead", {" instead of ", " au lieu de "}},
      {"s.instead_list", {"; instead of: ", " ; au lieu de\u00a0: "}},
      {"s.less", {" less ", " sans "}},
      {"s.added", {" added", " en plus"}},
      {"s.and", {" and ", " et "}},
      {"s.site", {"site", "site"}},
      {"s.in", {" in %s", " à %s"}},
      // Why video sessions were degraded (session_causes.cpp).
      {"n.title", {"Network", "Réseau"}},
      {"n.intro", {"The sites whose video sessions were degraded (below the video rate) or failed (below the minimum), with "
                   "their sessions per replication, and what limited them most often.",
                   "Les sites dont des séances vidéo ont été dégradées (sous le débit de la vidéo) ou ont échoué (sous le "
                   "minimum), avec leurs séances par réplication, et ce qui les limitait le plus souvent."}},
      {"n.by_site", {"network, by site:", "réseau, par site :"}},
      {"n.more_sites", {"%s more sites (utilisation.csv)", "%s autres sites (utilisation.csv)"}},
      {"n.more_sites.one", {"%s more site (utilisation.csv)", "%s autre site (utilisation.csv)"}},
      {"n.shares", {"%s% of %s sessions a replication degraded, %s% failed",
                    "%s % de %s séances par réplication dégradées, %s % échouées"}},
      {"n.limited", {"; limited by %s %s (%s Mbps nominal", "; limitées par %s %s (%s Mbit/s nominal"}},
      {"n.upload", {"the upload", "l'envoi (montant)"}},
      {"n.download", {"the download", "la réception (descendant)"}},
      {"n.patients_lines", {"of the patients' %s lines", "des lignes %s des patients"}},
      {"n.its_line", {"of its %s line", "de sa ligne %s"}},
      {"n.below_video", {", below the %s Mbps video)", ", sous les %s Mbit/s de la vidéo)"}},
      {"n.shared", {": shared with other flows, or the platform's link)", " : partagée avec d'autres flux ou la plateforme)"}},
      // Cost-effectiveness columns (cost_effectiveness.csv) as a reader says them.
      {"ce.plan", {"plan", "plan"}},
      {"ce.annual_cost_eur", {"EUR a year", "EUR par an"}},
      {"ce.extra_annual_cost_eur", {"EUR a year more than the baseline", "EUR par an de plus que la référence"}},
      {"ce.served_gain", {"extra needs served a year", "besoins couverts en plus par an"}},
      {"ce.km_gain", {"km avoided a year", "km évités par an"}},
      {"ce.wait_change", {"mean wait against the baseline (95% interval)", "délai moyen face à la référence (intervalle à 95\u00a0%)"}},
      {"ce.waits_intro", {"Each care type's mean wait against the baseline (shorter or longer, with the 95% interval of the "
                          "difference) and its verdict; for a sure gain at a price, euros a year per day off that care type's "
                          "mean wait.",
                          "Le délai moyen de chaque type de soins face à la référence (plus court ou plus long, avec "
                          "l'intervalle à 95\u00a0% de l'écart) et son verdict ; pour un gain sûr à un prix, les euros par an "
                          "par jour de délai moyen en moins pour ce type de soins."}},
      {"ce.served_verdict", {"needs served: verdict", "besoins couverts : verdict"}},
      {"ce.km_verdict", {"km driven: verdict", "km parcourus : verdict"}},
      {"ce.wait_verdict", {"mean wait: verdict", "délai moyen : verdict"}},
      // The printed ranking of `maillage select` (print_ranking).
      {"p.selection", {"site selection:", "choix des sites :"}},
      {"p.site", {"site", "site"}},
      {"p.sites", {"sites", "sites"}},
      {"p.within_budget", {"sites within the budget", "des sites dans le budget"}},
      {"p.among", {"among", "parmi"}},
      {"p.candidates", {"candidates", "candidats"}},
      {"p.objective", {"objective", "objectif"}},
      {"p.screen", {"analytic screen", "présélection analytique"}},
      {"p.mclp", {"maximal covering", "couverture maximale"}},
      {"p.ranked_by", {"ranked by simulation on common random numbers, by %s (lower is better):",
                       "classement par simulation sur nombres aléatoires communs, selon %s (le plus bas est le mieux) :"}},
      {"p.screen_col", {"screen", "présélection"}},
      {"p.diff_winner", {"difference to the winner (95%)", "écart au gagnant (95\u00a0%)"}},
      {"p.wait_col", {"%s wait (d)", "attente %s (j)"}},
      {"p.all_care_types", {"all care types", "tous types de soins"}},
      {"p.eur_col", {"EUR/year", "EUR/an"}},
      // The maps.
      {"map.intro_outlines", {"By commune, mean over replications, on the commune outlines; squares: practices, crosses: "
                              "hospitals. Hover a commune for its INSEE code and value.",
                              "Par commune, moyenne sur les réplications, sur les contours des communes ; carrés : "
                              "cabinets, croix : hôpitaux. Survolez une commune pour son code INSEE et sa valeur."}},
      {"map.intro_points", {"By commune, mean over replications: points at the communes' centres, sized by population; "
                            "squares: practices, crosses: hospitals. Hover a commune for its INSEE code and value.",
                            "Par commune, moyenne sur les réplications : points au centre des communes, de taille selon "
                            "la population ; carrés : cabinets, croix : hôpitaux. Survolez une commune pour son code "
                            "INSEE et sa valeur."}},
      {"map.minus", {"minus", "moins"}},
      {"map.diff_unserved", {"unserved share (red: more unserved, worse)",
                             "part des besoins non couverts (rouge : plus de besoins non couverts, pire)"}},
      {"map.diff_without_gp", {"share without a médecin traitant (red: more without, worse)",
                               "part sans médecin traitant (rouge : plus de personnes sans, pire)"}},
      {"map.no_data", {"no data", "pas de données"}},
      {"map.options", {"The options on the map", "Les options sur la carte"}},
      {"map.options_intro", {"The winner's unserved share by commune, then each option's difference to the winner (red: "
                             "more unserved than with the winner). Sites: filled circles are the option's new sites, "
                             "green plus signs the sites it opens that the winner does not, red rings the winner's "
                             "sites it does not open.",
                             "La part des besoins non couverts par commune avec l'option gagnante, puis l'écart de chaque "
                             "option à la gagnante (rouge : plus de besoins non couverts qu'avec la gagnante). Sites : "
                             "les disques pleins sont les nouveaux sites de l'option, les croix vertes ceux qu'elle "
                             "ouvre et que la gagnante n'ouvre pas, les cercles rouges les sites de la gagnante "
                             "qu'elle n'ouvre pas."}},
      {"map.winner", {"winner", "gagnante"}},
      {"map.option_minus_winner", {"%s minus the winner %s", "%s moins la gagnante %s"}},
      {"map.added", {"added", "en plus"}},
      {"map.removed", {"removed", "en moins"}},
      {"map.sites_of", {"sites", "sites"}},
  };
  return words;
}

}  // namespace

std::optional<Lang> parse_lang(const std::string& name) {
  if (name == "en") return Lang::en;
  if (name == "fr") return Lang::fr;
  return std::nullopt;
}

std::string word(const std::string& key, Lang lang) {
  const auto it = table().find(key);
  if (it == table().end()) return key;
  return lang == Lang::fr ? it->second.second : it->second.first;
}

std::string word_for(const std::string& key, const std::string& shown, Lang lang) {
  bool one = false;
  if (lang == Lang::en) {
    one = shown == "1" || shown == "-1";
  } else {  // "1 234,5" -> 1234.5: French agrees in the singular below 2
    std::string plain;
    for (char c : shown)
      if ((c >= '0' && c <= '9') || c == '-') plain += c;
      else if (c == ',') plain += '.';
    char* end = nullptr;
    const double v = std::strtod(plain.c_str(), &end);
    one = !plain.empty() && *end == '\0' && std::fabs(v) < 2;
  }
  if (one && table().count(key + ".one")) return word(key + ".one", lang);
  return word(key, lang);
}

std::string measure_label(const std::string& column, Lang lang, const std::string& fallback) {
  const auto it = table().find("m." + column);
  if (it == table().end()) return fallback;
  return lang == Lang::fr ? it->second.second : it->second.first;
}

std::string note(const std::string& text, Lang lang) {
  if (lang == Lang::en) return text;
  // The fragments of the notes experiment.cpp and warmup.cpp build, longest first so that
  // a fragment inside another is not replaced first.
  static const Pair kFragments[] = {
      {"; warning: fewer than 5 replications, the intervals mean little",
       " ; attention : moins de 5 réplications, les intervalles ne disent pas grand-chose"},
      {"; warning: no steady state in the first half of the horizon",
       " ; attention : pas de régime établi dans la première moitié de l'horizon"},
      {" weeks, found by MSER-5 (White 1997) on the baseline's weekly series: mean wait per care type and over all, "
       "unserved share, ED visits (",
       " semaines, trouvée par MSER-5 (White 1997) sur les séries hebdomadaires de la référence\u00a0: délai moyen par "
       "type de soins et global, part non couverte, passages aux urgences ("},
      {", lengthen it (still moving: ", ", allongez-le (encore en mouvement\u00a0: "},
      {"no series shows a start-up transient", "aucune série ne montre de transitoire de démarrage"},
      {"the mean wait over all care types", "le délai moyen sur tous types de soins"},
      {"the mean wait of ", "le délai moyen de "},
      {"the unserved share", "la part non couverte"},
      {"ED visits a week", "les passages aux urgences par semaine"},
      {" uncensored weeks); set by ", " semaines non censurées) ; fixée par "},
      {" uncensored weeks); ", " semaines non censurées) ; "},
      {" pilot replications, ", " réplications pilotes, "},
      {" uncensored weeks)", " semaines non censurées)"},
      {" replications (replications: auto, target half-width ", " réplications (réplications : auto, demi-largeur visée "},
      {": met)", " : atteinte)"},
      {": cap of ", " : plafond de "},
      {" reached; ", " atteint ; "},
      {"warm-up ", "mise en régime "},
      {" replications", " réplications"},
      {" replication", " réplication"},
  };
  std::string out = text;
  for (const auto& [en, fr] : kFragments)
    for (auto at = out.find(en); at != std::string::npos; at = out.find(en, at + std::string(fr).size()))
      out.replace(at, std::string(en).size(), fr);
  return out;
}

std::string colon(Lang lang) { return lang == Lang::fr ? "\u00a0: " : ": "; }

std::string plan_label(const std::string& plan, Lang lang) {
  return plan == "baseline" && lang == Lang::fr ? "référence (baseline)" : plan;
}

std::string fill(const std::string& pattern, const std::string& value) {
  const auto at = pattern.find("%s");
  return at == std::string::npos ? pattern + " " + value : pattern.substr(0, at) + value + pattern.substr(at + 2);
}

std::string fill(const std::string& pattern, const std::vector<std::string>& values) {
  std::string out;
  std::size_t from = 0;
  for (const auto& v : values) {
    const auto at = pattern.find("%s", from);
    if (at == std::string::npos) break;
    out += pattern.substr(from, at - from) + v;
    from = at + 2;
  }
  return out + pattern.substr(from);
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : std::string(1, c);
  return out;
}

}  // namespace maillage
