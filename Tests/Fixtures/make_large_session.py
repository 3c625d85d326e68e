#!/usr/bin/env python3
"""Writes the large print-test session (issue 13): the built-in example grown to 45 trainees from 3 associations,
the first association with 60 indicators (4 axes x 3 objectives x 5 indicators) and objective statements of 400
characters, monthly dashboard over 12 months. Deterministic: the same input gives the same workbook.

usage: make_large_session.py EXAMPLE.json OUT.json"""
import copy, json, sys

FIRST = ["Anaïs", "Bastien", "Chloé", "Dorian", "Élodie", "Fatou", "Gaëtan", "Hélène", "Idriss", "Jeanne",
         "Killian", "Léna", "Mathis", "Nour", "Océane"]
LAST = ["Le Goff", "Diallo", "Morvan", "Nguyen", "Guillou", "Ben Salah", "Quéméner", "Rousseau", "Tanguy",
        "Ouedraogo", "Le Floc'h", "Marchand", "Kerbrat", "Da Silva", "Jaouen"]
STATUSES = ["employee", "volunteer", "boardMember"]
FILLER = ("en associant les bénévoles, les salariés et les habitants du quartier à chaque étape, en rendant "
          "compte au conseil d'administration tous les trimestres et en ajustant les actions selon les résultats "
          "observés, les moyens disponibles et les retours des partenaires du territoire ; ")

def statement(n):
    s = f"D'ici fin 2026, objectif {n} : atteindre les cibles fixées (au moins 85 % de réalisation) "
    while len(s) < 400:
        s += FILLER
    return s[:397].rstrip(" ,;") + "."

def main(src, dst):
    w = json.load(open(src, encoding="utf-8"))
    orgs = w["organizations"][:3]
    big = orgs[0]
    template_ind = copy.deepcopy(big["axes"][0]["objectives"][0]["indicators"][0])
    axes, n_ind, values = [], 0, {}
    for a in range(1, 5):
        objectives = []
        for o in range(1, 4):
            inds = []
            for i in range(1, 6):
                n_ind += 1
                ind = copy.deepcopy(template_ind)
                ind["id"] = f"IND-{n_ind:02d}"
                ind["name"] = f"Indicateur {n_ind} : part des actions menées dans les délais prévus au plan"
                ind["frequency"] = "monthly"
                ind["baseline"], ind["target"] = 10 + n_ind, 20 + 2 * n_ind
                inds.append(ind)
                values[ind["id"]] = {f"2026-{m:02d}": 12 + n_ind + m for m in range(1, 4)}
            objectives.append({**copy.deepcopy(big["axes"][0]["objectives"][0]),
                               "id": f"O{(a - 1) * 3 + o}", "statement": statement((a - 1) * 3 + o), "indicators": inds})
        axes.append({"id": f"ax{a}", "title": f"Axe stratégique {a} : consolider l'utilité sociale du projet associatif",
                     "objectives": objectives})
    big["axes"] = axes
    big["dashboard"] = {**big["dashboard"], "periodicity": "monthly", "start": "2026-01", "periods": 12, "values": values}
    w["organizations"] = orgs
    halfdays = [h["id"] for h in w["session"]["halfDays"]]
    objectives = [o["id"] for o in w["course"]["objectives"]]
    people = []
    for k in range(45):
        p = copy.deepcopy(w["participants"][0])
        p.pop("email", None)
        p["id"] = f"p{k + 1:02d}"
        p["firstName"], p["lastName"] = FIRST[k % 15], LAST[(k * 7) % 15] + ("" if k < 15 else f"-{LAST[k % 15]}")
        p["organization"] = orgs[k % 3]["id"]
        p["status"] = STATUSES[k % 3]
        p["attendance"] = {h: ("absent" if (k + j) % 17 == 0 else "present") for j, h in enumerate(halfdays)}
        p["selfAssessment"] = {"start": {o: 1 + (k % 2) for o in objectives}, "end": {o: 3 + (k % 2) for o in objectives}}
        p["results"] = {o: "acquired" for o in objectives}
        people.append(p)
    w["participants"] = people
    json.dump(w, open(dst, "w", encoding="utf-8"), ensure_ascii=False, indent=1)

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
