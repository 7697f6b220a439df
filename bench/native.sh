#!/usr/bin/env bash
# aidstat's command line beside DuckDB's Python package on the same CSV and
# job (sums by year × category, exact decimals), one thread each, then DuckDB
# with two. Best of N wall-clock runs. By hand, not a test:
#   bench/native.sh [CSV] [N]     default: the harness's 10,000,000-row file, 3 runs
set -euo pipefail
cd "$(dirname "$0")/.."
csv=${1:-target/bench-harness/data/funding_10000000.csv}
n=${2:-3}
[ -f "$csv" ] || { echo "no $csv: run node ../shared/bench/gen-data.mjs --rows 10000000 (or bench/big-file.mjs once)"; exit 1; }
bin=target/release/aidstat
[ -x "$bin" ] || cargo build --release --quiet -p aidstat-cli
py=target/py/bin/python
best() { sort -n | head -1; }
t_aidstat=$(for _ in $(seq "$n"); do
  s=$(date +%s.%N); "$bin" analyze "$csv" --rows category --columns year --measure amount_wan --format json >/tmp/aidstat-native.json; e=$(date +%s.%N)
  echo "$e - $s" | bc; done | best)
duck() {
  "$py" - "$csv" "$1" <<'PY'
import sys, time, duckdb
csv, threads = sys.argv[1], int(sys.argv[2])
con = duckdb.connect(config={"threads": threads})
t = time.time()
rows = con.execute(
    "SELECT year, category, SUM(amount_wan) FROM read_csv(?, header = true, types = {'amount_wan': 'DECIMAL(18,2)'}) GROUP BY ALL",
    [csv]).fetchall()
print(f"{time.time() - t:.3f} {len(rows)} {sum(r[2] for r in rows)}")
PY
}
d1=$(for _ in $(seq "$n"); do duck 1; done | sort -n | head -1)
d2=$(for _ in $(seq "$n"); do duck 2; done | sort -n | head -1)
grand=$("$py" -c "import json;r=json.load(open('/tmp/aidstat-native.json'));print(r['rows'][-1]['cells'][-1]['value']['exact'])")
echo "file: $csv ($(du -h "$csv" | cut -f1))"
echo "aidstat analyze (1 thread):   ${t_aidstat}s   grand total $grand"
echo "duckdb threads=1:             ${d1}"
echo "duckdb threads=2:             ${d2}"
