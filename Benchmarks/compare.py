#!/usr/bin/env python3
"""Times perfsociale's release build against the peers, interleaved (A B A B …) in the same run.

  python3 Benchmarks/compare.py [--runs N] [--warmup K] [--out DIR]

Wall time is the monotonic clock around each whole process (start-up, parsing and writing included); peak memory is
GNU time's maximum RSS. Outputs go to tmpfs (/dev/shm) as in ../shared/bench/BASELINES.md. Prints one table with the
medians, min–max, peak RSS, and our ratios to each peer, then checks our outputs with the shared checkers.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared")
BENCH = os.path.join(SHARED, "bench")


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, check=True, **kw)


def measure(cmd, cwd, rep):
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rep, "--"] + cmd, cwd=cwd,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    if p.returncode:
        sys.exit(f"compare.py: exit {p.returncode}: {' '.join(cmd)}\n{p.stderr.decode()[-2000:]}")
    return wall, int(open(rep).read().split()[-1]) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--out", default="/dev/shm/perfsociale-bench")
    ap.add_argument("--no-check", action="store_true", help="skip the shared checkers on our outputs")
    ap.add_argument("--growth", action="store_true", help="also time 10x the indicators and participants, and 10,000 x 120")
    a = ap.parse_args()
    out = a.out
    os.makedirs(out, exist_ok=True)
    venv = "/tmp/peers-venv"
    py = os.path.join(venv, "bin", "python")

    # 1. Tools: the peers (as ../shared/bench/run_peers.sh installs them) and our release build.
    if not (shutil.which("gcc") and os.path.exists("/usr/include/xlsxwriter.h") and os.path.exists("/usr/bin/time")):
        sh("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev libxlsxwriter-dev "
           "zlib1g-dev unzip time python3-venv >/dev/null")
    if not os.path.exists(py):
        sh(f"python3 -m venv {venv} && {venv}/bin/pip install -q XlsxWriter==3.3.1 openpyxl==3.1.5 relatorio==1.0.0")
    os.makedirs(os.path.join(out, "bin"), exist_ok=True)
    sh(f"gcc -O2 -o {out}/bin/w1_libxlsxwriter {BENCH}/w1_libxlsxwriter.c -lxlsxwriter")
    os.makedirs(os.path.join(out, "templates"), exist_ok=True)
    sh(f"{py} {BENCH}/w2_data.py {out}/w2_participants.json 1000 >/dev/null && {py} {BENCH}/odt_template.py {out}/templates >/dev/null")
    sh(f"python3 {BENCH}/make_workbooks.py {out} >/dev/null")
    # Release build with the Swift runtime linked statically: a CLI started thousands of times a day should not pay
    # for loading libswiftCore and Foundation dynamically (about 5 ms of every run).
    build = "swift build -c release --static-swift-stdlib --scratch-path .build-bench --product perfsociale"
    sh(build + " 2>&1 | tail -1", cwd=REPO)
    ours = os.path.join(subprocess.run(build.replace("--product perfsociale", "--show-bin-path"), shell=True, cwd=REPO,
                                       capture_output=True, text=True).stdout.strip(), "perfsociale")

    # The W1 dashboard, made once, that `report` reads back (target: under 0.5 s).
    shutil.rmtree(os.path.join(out, "w1-dashboard"), ignore_errors=True)
    sh(f"{ours} generate {out}/bench-dashboard.json --only dashboard --output {out}/w1-dashboard --quiet")
    w1_dashboard = os.path.join(out, "w1-dashboard", next(f for f in os.listdir(os.path.join(out, "w1-dashboard")) if f.endswith(".xlsx")))

    # 2. The rows: (workload, label, command). Ours first in each workload.
    rows = [
        ("report", "perfsociale report (W1 dashboard)", [ours, "report", w1_dashboard, "--output", f"{out}/ours-report", "--quiet"]),
        ("W1", "perfsociale", [ours, "generate", f"{out}/bench-dashboard.json", "--only", "dashboard", "--output", f"{out}/ours-w1", "--quiet"]),
        ("W1", "libxlsxwriter (C)", [f"{out}/bin/w1_libxlsxwriter", "w1_libxlsxwriter.xlsx"]),
        ("W1", "XlsxWriter (Python)", [py, f"{BENCH}/w1_xlsxwriter.py", "w1_xlsxwriter.xlsx"]),
        ("W1", "openpyxl write-only", [py, f"{BENCH}/w1_openpyxl.py", "w1_openpyxl.xlsx"]),
        ("W2", "perfsociale", [ours, "generate", f"{out}/bench-certificates.json", "--only", "attestation", "--output", f"{out}/ours-w2", "--quiet"]),
        ("W2", "naive zipfile script", [py, f"{BENCH}/w2_naive.py", "w2_participants.json", "templates", "w2_naive"]),
        ("W2", "relatorio", [py, f"{BENCH}/w2_relatorio.py", "w2_participants.json", "templates", "w2_relatorio"]),
        ("pack", "perfsociale (built-in example)", [ours, "generate", "--output", f"{out}/ours-pack", "--quiet"]),
    ]
    for d in ("ours-w1", "ours-w2", "ours-pack", "ours-report"):
        shutil.rmtree(os.path.join(out, d), ignore_errors=True)

    walls = {i: [] for i in range(len(rows))}
    peaks = {i: [] for i in range(len(rows))}
    with tempfile.NamedTemporaryFile("r") as rep:
        for run in range(a.warmup + a.runs):
            for i, (_, _, cmd) in enumerate(rows):        # interleaved: A B C … A B C …
                wall, peak = measure(cmd, out, rep.name)
                if run >= a.warmup:
                    walls[i].append(wall)
                    peaks[i].append(peak)

    med = statistics.median
    print(f"\nperfsociale vs peers: {a.runs} interleaved runs after {a.warmup} warm-up, outputs in {out}")
    print(f"machine: {os.cpu_count()} cores, {subprocess.run('uname -srm', shell=True, capture_output=True, text=True).stdout.strip()}")
    print(f"{'workload':<9}{'tool':<32}{'median s':>10}{'min–max s':>17}{'peak MiB':>10}{'ours ÷ this':>13}")
    ours_median = {}
    for i, (w, label, _) in enumerate(rows):
        if label.startswith("perfsociale"):
            ours_median[w] = med(walls[i])
    for i, (w, label, _) in enumerate(rows):
        m = med(walls[i])
        ratio = "" if label.startswith("perfsociale") else f"{ours_median[w] / m:.2f}×"
        print(f"{w:<9}{label:<32}{m:>10.4f}{min(walls[i]):>8.4f}–{max(walls[i]):<8.4f}{med(peaks[i]):>10.1f}{ratio:>13}")
    w1 = os.path.join(out, "ours-w1")
    sizes = {f: os.path.getsize(os.path.join(w1, f)) for f in os.listdir(w1) if f.endswith(".xlsx")}
    ref = os.path.getsize(os.path.join(out, "w1_libxlsxwriter.xlsx"))
    for f, s in sizes.items():
        print(f"W1 size: {f} {s:,} bytes = {s / ref:.2f}× libxlsxwriter's {ref:,}")

    if a.growth:
        growth(ours, out, rows, walls, a)

    if not a.no_check and os.path.isdir(os.path.join(SHARED, "checks")):
        checks = os.path.join(SHARED, "checks")
        for f in sorted(os.listdir(w1)):
            if f.endswith(".xlsx"):
                sh(f"python3 {checks}/xlsx_check.py -q {w1}/{f} | tail -1 && python3 {checks}/recalc_check.py {w1}/{f} | tail -1")
        w2 = os.path.join(out, "ours-w2")
        odts = sorted(f for f in os.listdir(w2) if f.endswith(".odt"))
        for f in odts[:3] + [x for x in odts if x.startswith("attestations-")]:
            sh(f"bash {checks}/odf_check.sh {w2}/{f} -q | tail -1")


def scaled_workbooks(out):
    """W1 with 10x the indicators (5,000 x 60), W2 with 10x the participants (10,000), and 10,000 indicators x 120."""
    import json
    d = json.load(open(os.path.join(out, "bench-dashboard.json"), encoding="utf-8"))
    org = d["organizations"][0]

    def scale_dashboard(factor, periods):
        o = json.loads(json.dumps(org))
        axes, values = [], {}
        for k in range(factor):
            for ax in org["axes"]:
                ax2 = json.loads(json.dumps(ax))
                ax2["id"] = f"{ax['id']}-{k}"
                for ob in ax2["objectives"]:
                    ob["id"] = f"{ob['id']}-{k}"
                    for ind in ob["indicators"]:
                        old = ind["id"]
                        ind["id"] = f"{old}-{k}"
                        series = list(org["dashboard"]["values"][old].values())
                        values[ind["id"]] = {}
                        for c in range(periods):
                            y, m = 2021 + c // 12, c % 12 + 1
                            values[ind["id"]][f"{y}-{m:02d}"] = series[c % len(series)]
                axes.append(ax2)
        o["axes"] = axes
        o["dashboard"] = dict(org["dashboard"], periods=periods, values=values)
        w = dict(d, organizations=[o])
        return w

    json.dump(scale_dashboard(10, 60), open(os.path.join(out, "bench-dashboard-x10.json"), "w"), ensure_ascii=False)
    json.dump(scale_dashboard(20, 120), open(os.path.join(out, "bench-dashboard-10000x120.json"), "w"), ensure_ascii=False)
    c = json.load(open(os.path.join(out, "bench-certificates.json"), encoding="utf-8"))
    people = []
    for k in range(10):
        for p in c["participants"]:
            q = dict(p, id=f"{p['id']}-{k}")
            people.append(q)
    json.dump(dict(c, participants=people), open(os.path.join(out, "bench-certificates-x10.json"), "w"), ensure_ascii=False)


def growth(ours, out, rows, walls, a):
    scaled_workbooks(out)
    med = statistics.median
    base = {w: med(walls[i]) for i, (w, label, _) in enumerate(rows) if label == "perfsociale"}
    cases = [("W1 x10 (5,000 indicators x 60)", "W1", ["bench-dashboard-x10.json", "--only", "dashboard"]),
             ("W2 x10 (10,000 participants)", "W2", ["bench-certificates-x10.json", "--only", "attestation"]),
             ("10,000 indicators x 120 months", None, ["bench-dashboard-10000x120.json", "--only", "dashboard"])]
    print(f"\n{'growth':<34}{'median s':>10}{'peak MiB':>10}{'x base time':>13}")
    with tempfile.NamedTemporaryFile("r") as rep:
        for label, w, args in cases:
            ws, ps = [], []
            for run in range(1 + max(3, a.runs // 3)):
                shutil.rmtree(os.path.join(out, "ours-growth"), ignore_errors=True)
                wall, peak = measure([ours, "generate", os.path.join(out, args[0])] + args[1:] +
                                     ["--output", os.path.join(out, "ours-growth"), "--quiet"], out, rep.name)
                if run:
                    ws.append(wall)
                    ps.append(peak)
            ratio = f"{med(ws) / base[w]:.1f}x" if w else ""
            print(f"{label:<34}{med(ws):>10.3f}{max(ps):>10.1f}{ratio:>13}")


if __name__ == "__main__":
    main()
