#!/usr/bin/env python3
"""Reading a classeur of 1,000 trainees x 8 half-days: perfsociale against python-calamine, interleaved.

  python3 Benchmarks/read_classeur.py [--runs N] [--binary PATH]

perfsociale runs `validate` on the file (read every sheet, decode, validate: more than a read); python-calamine
(Rust, the fastest Python reader) loads every sheet's values. Both are whole processes timed by the monotonic clock,
interleaved after a warm-up, on tmpfs. Prints medians for the XLSX and the ODS file.
"""
import argparse, json, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
wb = CalamineWorkbook.from_path(sys.argv[1])
n = 0
for name in wb.sheet_names:
    n += sum(len(r) for r in wb.get_sheet_by_name(name).to_python())
print(n)
"""


def workbook(trainees, half_days):
    d = json.load(open(os.path.join(REPO, "Templates", "example-workbook.json")))
    base = d["session"]["halfDays"]
    days = []
    for i in range(half_days):
        h = dict(base[i % len(base)])
        h["id"] = "h%d" % (i + 1)
        h["date"] = "2026-%02d-%02d" % (5 + i // 8, 4 + (i // 2) % 4 * 7 + 1)
        h["part"] = "morning" if i % 2 == 0 else "afternoon"
        h["start"], h["end"] = ("09:00", "12:30") if i % 2 == 0 else ("13:30", "17:00")
        days.append(h)
    d["session"]["halfDays"] = days
    course_hours = sum(3.5 for _ in days)
    d["course"]["plannedHours"] = course_hours
    people = []
    for n in range(trainees):
        p = dict(d["participants"][n % len(d["participants"])])
        p["id"] = "p%d" % (n + 1)
        p["lastName"] = "Stagiaire %d" % (n + 1)
        p["attendance"] = {h["id"]: ("present" if (n + k) % 7 else {"status": "remote", "minutes": 150}) for k, h in enumerate(days)}
        people.append(p)
    d["participants"] = people
    return d


def timed(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    if p.returncode:
        sys.exit("read_classeur.py: exit %d: %s\n%s" % (p.returncode, " ".join(cmd), p.stderr.decode()[-2000:]))
    return wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--binary", default=os.path.join(REPO, ".build-bench", "release", "perfsociale"))
    ap.add_argument("--out", default="/dev/shm/perfsociale-read")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    src = os.path.join(a.out, "classeur-1000x8.json")
    json.dump(workbook(1000, 8), open(src, "w"), ensure_ascii=False)
    for ext in ("xlsx", "ods"):
        dst = os.path.join(a.out, "classeur-1000x8." + ext)
        if os.path.exists(dst):
            os.remove(dst)
        subprocess.run([a.binary, "convert", src, dst], check=True, stdout=subprocess.DEVNULL)
    print("%-34s %8s %8s" % ("file", "ours", "calamine"))
    for ext in ("xlsx", "ods"):
        f = os.path.join(a.out, "classeur-1000x8." + ext)
        ours_cmd = [a.binary, "validate", f]
        peer_cmd = [sys.executable, "-c", CALAMINE, f]
        for _ in range(2):
            timed(ours_cmd); timed(peer_cmd)
        ours, peer = [], []
        for _ in range(a.runs):
            ours.append(timed(ours_cmd)); peer.append(timed(peer_cmd))
        mo, mp = statistics.median(ours), statistics.median(peer)
        print("%-34s %7.3fs %7.3fs  ours/calamine %.2fx" % (os.path.basename(f), mo, mp, mo / mp))


if __name__ == "__main__":
    main()
