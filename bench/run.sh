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
  a4=tests/data/izmir-2024-performans-programi-a4.pdf
  tables=tests/data/izmir-2024-performans-programi-tables.pdf
  kuzeykent=tests/data/kuzeykent-2021-performans-programi.pdf
  guneyova=tests/data/guneyova-2009-performans-programi.pdf
  budget=tests/data/kuzeykent-2026-performans-programi.pdf
  hyperfine -N -w 2 -r 15 --export-json "$out/extract.json" \
    -n pdftotext "pdftotext $pdf $out/plain.txt" \
    -n "mutool draw -F txt" "mutool draw -q -F txt -o $out/mu.txt $pdf" \
    -n "perfprog extract" "$bin extract $pdf -o $out/model.json" \
    -n "pdftotext (A4 printing)" "pdftotext $a4 $out/plain-a4.txt" \
    -n "mutool draw -F txt (A4 printing)" "mutool draw -q -F txt -o $out/mu-a4.txt $a4" \
    -n "perfprog extract (A4 printing)" "$bin extract $a4 -o $out/model-a4.json" \
    -n "pdftotext (real-table printing)" "pdftotext $tables $out/plain-tables.txt" \
    -n "mutool draw -F txt (real-table printing)" "mutool draw -q -F txt -o $out/mu-tables.txt $tables" \
    -n "perfprog extract (real-table printing)" "$bin extract $tables -o $out/model-tables.json" \
    -n "perfprog extract (.txt)" "$bin extract tests/data/izmir-2024-performans-programi.txt -o $out/model-txt.json" \
    -n "pdftotext (Kuzeykent)" "pdftotext $kuzeykent $out/plain-k.txt" \
    -n "mutool draw -F txt (Kuzeykent)" "mutool draw -q -F txt -o $out/mu-k.txt $kuzeykent" \
    -n "perfprog extract (Kuzeykent)" "$bin extract $kuzeykent -o $out/model-k.json" \
    -n "pdftotext (Güneyova)" "pdftotext $guneyova $out/plain-g.txt" \
    -n "mutool draw -F txt (Güneyova)" "mutool draw -q -F txt -o $out/mu-g.txt $guneyova" \
    -n "perfprog extract (Güneyova)" "$bin extract $guneyova -o $out/model-g.json" \
    -n "pdftotext (Kuzeykent 2026, program budget)" "pdftotext $budget $out/plain-b.txt" \
    -n "mutool draw -F txt (Kuzeykent 2026, program budget)" "mutool draw -q -F txt -o $out/mu-b.txt $budget" \
    -n "perfprog extract (Kuzeykent 2026, program budget)" "$bin extract $budget -o $out/model-b.json"
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
