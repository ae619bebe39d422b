#!/usr/bin/env bash
# Runs `perfprog extract` over every PDF of a folder (recursively), each with
# a timeout, and tallies the outcomes by exit code and error kind: read
# (exit 0), damaged text layer, not a performance programme, other failures
# (exit 2, by their message), timeouts, and anything else (a crash: a signal
# or an unexpected exit code). Prints the counts, every file of the chosen
# kinds with its message, and the slowest files.
#
#   bench/corpus.sh DIR                    # the release binary of this tree
#   bench/corpus.sh DIR BIN                # another build (e.g. main's)
#   TIMEOUT=60 JOBS=2 SHOW=damaged,crash bench/corpus.sh DIR
#
# The corpus itself stays outside the repository: e.g. the manuals of
# Debian's texlive-*-doc and ghostscript-doc packages, the `.pdf.gz` copies
# gunzipped into a scratch folder. A per-file log goes to $OUT (default: a
# temporary folder, printed at the end).
set -uo pipefail
dir=${1:?usage: bench/corpus.sh DIR [BIN]}
bin=${2:-$(cd "$(dirname "$0")/.." && pwd)/target/release/perfprog}
timeout=${TIMEOUT:-60}
jobs=${JOBS:-2}
show=${SHOW:-damaged,crash,timeout}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
[[ -x $bin ]] || { echo "no binary at $bin (cargo build --release)" >&2; exit 2; }

# One file: "<exit code>\t<seconds>\t<kind>\t<file>\t<first error line>".
one() {
  local bin=$1 timeout=$2 f=$3 start end rc msg kind err
  err=$(mktemp)
  start=$(date +%s.%N)
  timeout -k 5 "$timeout" "$bin" extract "$f" >/dev/null 2>"$err"
  rc=$?
  end=$(date +%s.%N)
  msg=$(grep -m1 -i 'error' "$err" || true)
  rm -f "$err"
  case $rc in
    0) kind=read ;;
    2)
      case $msg in
        *"text layer is damaged"*) kind=damaged ;;
        *"not a performance programme"*) kind=not-programme ;;
        *) kind=other ;;
      esac ;;
    124 | 137) kind=timeout ;;
    *) kind=crash ;;
  esac
  printf '%s\t%.2f\t%s\t%s\t%s\n' "$rc" "$(echo "$end - $start" | bc)" "$kind" "$f" "${msg//$'\t'/ }"
}
export -f one

begin=$(date +%s)
find "$dir" -type f -iname '*.pdf' -print0 | sort -z |
  xargs -0 -P "$jobs" -I{} bash -c 'one "$@"' _ "$bin" "$timeout" {} >"$out/results.tsv"
total=$(($(date +%s) - begin))

n=$(wc -l <"$out/results.tsv")
echo "files: $n   wall time: ${total}s   (jobs: $jobs, timeout: ${timeout}s, binary: $bin)"
echo "by exit code:"
cut -f1 "$out/results.tsv" | sort | uniq -c | sort -rn | sed 's/^/  /'
echo "by kind:"
cut -f3 "$out/results.tsv" | sort | uniq -c | sort -rn | sed 's/^/  /'
echo "other failures, by message (file name removed):"
awk -F'\t' '$3 == "other" { sub(/^[^:]*: /, "", $5); sub(/\(.*$/, "", $5); print $5 }' "$out/results.tsv" |
  sort | uniq -c | sort -rn | head -10 | sed 's/^/  /'
IFS=, read -ra kinds <<<"$show"
for k in "${kinds[@]}"; do
  echo "files of kind $k:"
  awk -F'\t' -v k="$k" '$3 == k { print "  " $4 "\t" $5 }' "$out/results.tsv"
done
echo "slowest files (seconds):"
sort -t$'\t' -k2,2 -rn "$out/results.tsv" | head -10 | awk -F'\t' '{ print "  " $2 "\t" $3 "\t" $4 }'
echo "per-file results: $out/results.tsv"
