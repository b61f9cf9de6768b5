#!/usr/bin/env bash
# Audit benchmark: generate a mixed archive of 20,200 documents (text, HTML,
# DOCX, XLSX, PDF of 2–50 KB; 20% of them inside zip archives, one nested),
# audit it with all cores, then audit it again with nothing changed.
#
#   benches/audit/run.sh [--structured-only] [--files N] [--threads N]
#
# Prints files/s, MB/s, peak RSS (from /usr/bin/time -v) and the re-run time
# as a percentage of the first run. Data goes to benches/audit/bench-data/
# (gitignored) and is generated once per N.
set -euo pipefail
cd "$(dirname "$0")/../.."
files=20200
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --structured-only) extra+=(--structured-only) ;;
    --files) files="$2"; shift ;;
    --threads) extra+=(--threads "$2"); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
cargo build --release -q -p tuomin-audit-bench
bin=target/release
data=benches/audit/bench-data
archive="$data/archive-$files"
if [ ! -f "$archive/.done" ]; then
  rm -rf "$archive"
  "$bin/audit-bench-gen" "$archive" "$files"
  touch "$archive/.done"
fi
out="$data/out"
rm -rf "$out"
echo "input: $(du -sh --exclude=.done "$archive" | cut -f1) in $(find "$archive" -type f ! -name .done | wc -l) files on disk, $files documents; $(nproc) cores"

measure() { # label
  /usr/bin/time -v "$bin/audit-bench-run" "$archive" "$out" "${extra[@]}" \
    > "$data/$1.out" 2> "$data/$1.time"
  local res rss wall
  res=$(grep '^RESULT' "$data/$1.out")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$data/$1.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$data/$1.time")
  echo "$1: $res peak_rss_mb=$((rss / 1024)) process_wall=$wall"
}
measure first
measure rerun
python3 - "$data" <<'PY'
import re, sys
d = sys.argv[1]
def secs(label):
    return float(re.search(r"seconds=([\d.]+)", open(f"{d}/{label}.out").read()).group(1))
def wall(label):
    t = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", open(f"{d}/{label}.time").read()).group(1)
    s = 0.0
    for part in t.split(":"):
        s = s * 60 + float(part)
    return s
f, r = secs("first"), secs("rerun")
print(f"re-run: {r:.2f}s of audit = {100*r/f:.1f}% of the first run ({wall('rerun'):.2f}s vs {wall('first'):.2f}s process wall time incl. scanner build: {100*wall('rerun')/wall('first'):.1f}%)")
PY
