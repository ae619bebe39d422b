#!/usr/bin/env bash
# Benchmarks (release build), medians over repeated runs with hyperfine
# (Debian package `hyperfine`), against pdftotext (package `poppler-utils`)
# and MuPDF's text extraction (`mutool draw -F txt`, package `mupdf-tools`)
# on the same files in the same session as the references.
#
#   bench/run.sh            # extract, render, departments, build, workbook
#   bench/run.sh extract    # only the extraction benchmark
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/perfprog
pdf=inputs/izmir-2024-performans-programi.pdf
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
what=${1:-all}
# Medians from hyperfine's JSON export.
median() {
  python3 -c 'import json,sys,statistics
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-48s median %8.1f ms" % (r["command"], statistics.median(r["times"]) * 1000))' "$1"
}

if [[ $what == all || $what == extract ]]; then
  # Each file's references and perfprog run back to back, so that a
  # machine whose speed drifts over the minutes weighs on the three alike;
  # the ratio to MuPDF is printed per file.
  files=(
    "main fixture:$pdf"
    "A4 printing:tests/data/izmir-2024-performans-programi-a4.pdf"
    "real-table printing:tests/data/izmir-2024-performans-programi-tables.pdf"
    "Kuzeykent 2021:tests/data/kuzeykent-2021-performans-programi.pdf"
    "Güneyova 2009:tests/data/guneyova-2009-performans-programi.pdf"
    "Kuzeykent 2026 (program budget):tests/data/kuzeykent-2026-performans-programi.pdf"
  )
  for entry in "${files[@]}"; do
    name=${entry%%:*}
    file=${entry#*:}
    # Five blocks of 3 runs per command, the commands' order reversed from
    # one block to the next: a machine whose speed drifts over the seconds
    # weighs on the three alike, where 15 runs of one command in one block
    # would each catch another minute. Medians of the 15 runs pooled.
    cmds=(
      -n "pdftotext ($name)" "pdftotext $file $out/plain.txt"
      -n "mutool draw -F txt ($name)" "mutool draw -q -F txt -o $out/mu.txt $file"
      -n "perfprog extract ($name)" "$bin extract $file -o $out/model.json"
    )
    reversed=("${cmds[@]:6:3}" "${cmds[@]:3:3}" "${cmds[@]:0:3}")
    for block in 0 1 2 3 4; do
      if ((block % 2)); then order=("${reversed[@]}"); else order=("${cmds[@]}"); fi
      hyperfine -N -w 1 -r 3 --export-json "$out/extract-$block.json" "${order[@]}" >/dev/null
    done
    python3 -c 'import json,sys,statistics
times={}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
med={c: statistics.median(t) for c, t in times.items()}
for c in sorted(med, key=lambda c: ("pdftotext" not in c, "perfprog" in c)):
    print("%-48s median %8.1f ms" % (c, med[c] * 1000))
mu=[m for c, m in med.items() if c.startswith("mutool")][0]
pp=[m for c, m in med.items() if c.startswith("perfprog")][0]
print("%-48s %.2fx" % ("perfprog / mutool", pp / mu))' "$out"/extract-{0,1,2,3,4}.json
    # The same pair interleaved: a machine whose speed drifts between
    # hyperfine's blocks of runs weighs on both alike within a round.
    python3 -c 'import shlex,subprocess,sys,time,statistics
mu,pp=sys.argv[1:3]
def run(cmd):
    argv=shlex.split(cmd); s=time.perf_counter(); subprocess.run(argv,check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL); return time.perf_counter()-s
run(mu); run(pp)
ratios=[]
for i in range(21):
    # Each round runs the two in turn, the first of them alternating.
    if i % 2: b=run(pp); a=run(mu)
    else: a=run(mu); b=run(pp)
    ratios.append(b/a)
print("%-48s %.2fx\n" % ("interleaved, median of 21 rounds", statistics.median(ratios)))' \
      "mutool draw -q -F txt -o $out/mu.txt $file" "$bin extract $file -o $out/model.json"
  done
  hyperfine -N -w 2 -r 15 --export-json "$out/extract.json" \
    -n "perfprog extract (.txt)" "$bin extract tests/data/izmir-2024-performans-programi.txt -o $out/model-txt.json" >/dev/null
  median "$out/extract.json"
  /usr/bin/time -f "extract peak RSS: %M KiB" "$bin" extract "$pdf" -o "$out/model.json"
fi
if [[ $what == all || $what == render ]]; then
  $bin extract "$pdf" -o "$out/model.json"
  hyperfine -N -w 1 -r 5 --export-json "$out/render.json" \
    -n "render (full report)" "$bin render $out/model.json -o $out/r -q" \
    -n "departments (all extracts)" "$bin departments $out/model.json -o $out/d -q"
  median "$out/render.json"
fi
if [[ $what == all || $what == build ]]; then
  hyperfine -N -w 1 -r 5 --export-json "$out/build.json" \
    -n "build (whole job)" "$bin build $pdf -o $out/b -q" \
    -n "build (Kuzeykent 2026, program budget)" "$bin build tests/data/kuzeykent-2026-performans-programi.pdf -o $out/bb -q"
  median "$out/build.json"
  /usr/bin/time -f "build peak RSS: %M KiB" "$bin" build "$pdf" -o "$out/b" -q
fi
if [[ $what == all || $what == workbook ]]; then
  $bin extract "$pdf" -o "$out/model.json"
  $bin export "$out/model.json" --xlsx "$out/model.xlsx"
  hyperfine -N -w 2 -r 10 --export-json "$out/workbook.json" \
    -n "export --xlsx" "$bin export $out/model.json --xlsx $out/w.xlsx" \
    -n "import" "$bin import $out/model.xlsx -o $out/w.json" \
    -n "export --csv" "$bin export $out/model.json --csv $out/csv" \
    -n "rollover" "$bin rollover $out/model.json --to 2099 -o $out/r.json"
  median "$out/workbook.json"
fi
