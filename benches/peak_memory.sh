#!/usr/bin/env bash
# Peak memory (max RSS) and wall time of `tuomin scan` and `tuomin redact`
# on a 1 GB mixed Chinese text with personal data at realistic density.
#
#   bash benches/peak_memory.sh            # 1 GB (default)
#   SIZE_MB=200 bash benches/peak_memory.sh
#
# Needs /usr/bin/time (Debian package `time`). The input is generated into
# bench-data/ (git-ignored) by repeating examples/relief-list.txt and the
# county summary style filler of benches/lib.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${SIZE_MB:-1024}
mkdir -p bench-data
input=bench-data/mixed-${size_mb}mb.txt
if [ ! -f "$input" ]; then
  python3 - "$input" "$size_mb" <<'PY'
import sys
path, size_mb = sys.argv[1], int(sys.argv[2])
seed = open("examples/relief-list.txt", encoding="utf-8").read()
filler = ("县政府高度重视政务公开工作，先后召开专项会议8次，全面推动各项工作落实。"
          "户胡镇、龙潭乡、马店镇等8个乡镇根据通知要求申报了示范点建设。"
          "霍政办〔2023〕12号文件要求严格落实个人信息保护规定，资金合计1,234,567.89元。\n") * 20
block = (seed + filler).encode("utf-8")
target = size_mb * 1024 * 1024
with open(path, "wb") as f:
    written = 0
    while written < target:
        f.write(block)
        written += len(block)
PY
fi
cargo build --release -p tuomin-cli >/dev/null
bytes=$(stat -c %s "$input")
echo "input: $input ($((bytes / 1048576)) MiB)"
for cmd in "scan --format jsonl" "redact -o bench-data/redacted.txt"; do
  /usr/bin/time -f "%e s wall, %M KiB max RSS" -o bench-data/time.txt \
    target/release/tuomin $cmd "$input" > /dev/null || true
  # time(1) writes "Command exited with non-zero status 1" first when
  # tuomin reports findings (exit 1): the figures are on the last line.
  line=$(tail -n 1 bench-data/time.txt)
  read -r secs _ _ rss _ <<< "$line"
  mbps=$(python3 -c "print(f'{$bytes/1e6/$secs:.1f}')")
  echo "tuomin $cmd: $line -> ${mbps} MB/s, peak $((rss / 1024)) MiB"
done
rm -f bench-data/redacted.txt
