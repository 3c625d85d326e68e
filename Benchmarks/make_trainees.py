#!/usr/bin/env python3
"""The built-in example with N trainees (its 8 participants repeated, ids and names made unique): the scale test of
issue 12 (« a full run of 100,000 trainees under 60 s and 1 GB, linear from 10,000 »).

  python3 Benchmarks/make_trainees.py N OUT.json
"""
import json, os, sys

n, out = int(sys.argv[1]), sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
wb = json.load(open(os.path.join(here, "..", "Templates", "example-workbook.json"), encoding="utf-8"))
base = wb["participants"]
people = []
for k in range(n):
    p = dict(base[k % len(base)])
    p["id"] = f"{p['id']}-{k}"
    p["lastName"] = f"{p['lastName']} {k}"
    people.append(p)
wb["participants"] = people
json.dump(wb, open(out, "w"), ensure_ascii=False)
