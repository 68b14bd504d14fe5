#!/usr/bin/env bash
# The yearly report (rapport annuel) of every year of a contract, in French and
# in English, as Markdown (with its charts as SVG files beside it) and as one
# HTML page each: what an officer runs once a year, or CI on every change.
#
#   examples/yearly-report.sh OUT_DIR [CONTRACT_DIR]
#
# CONTRACT_DIR defaults to examples/montauban-2023. The years are those of the
# counted actions (funded, completed or closed), as `contrat coverage` lists them. For
# each year and language it writes OUT_DIR/report-YEAR-LANG.md (and
# report-YEAR-LANG-*.svg) and OUT_DIR/report-YEAR-LANG.html.
#
# The binary is $CONTRAT if set, else target/release/contrat, built when
# missing. When NOTES_DIR is set, NOTES_DIR/notes-YEAR-LANG.md, if it exists,
# goes into that report as the officer's own text (--notes).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 OUT_DIR [CONTRACT_DIR]" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$1"
contract="${2:-$root/examples/montauban-2023}"
if [[ -z "${CONTRAT:-}" ]]; then
  CONTRAT="$root/target/release/contrat"
  if [[ ! -x "$CONTRAT" ]]; then
    (cd "$root" && cargo build --release --quiet)
  fi
fi

# The "years" of the coverage report, one per line: the JSON is pretty-printed
# with one number per line, so no JSON tool is needed.
years="$("$CONTRAT" --contract "$contract" coverage --format json | awk '
  /"years": \[\]/ { exit }
  /"years": \[/ { inside = 1; next }
  inside && /\]/ { exit }
  inside { gsub(/[ ,]/, ""); print }
')"
if [[ -z "$years" ]]; then
  echo "$contract has no funded or completed action: no report to make" >&2
  exit 1
fi

mkdir -p "$out"
for year in $years; do
  for lang in fr en; do
    notes=()
    if [[ -n "${NOTES_DIR:-}" && -f "$NOTES_DIR/notes-$year-$lang.md" ]]; then
      notes=(--notes "$NOTES_DIR/notes-$year-$lang.md")
    fi
    for format in md html; do
      "$CONTRAT" --contract "$contract" report --year "$year" --lang "$lang" \
        ${notes[@]+"${notes[@]}"} -o "$out/report-$year-$lang.$format"
    done
    echo "$out/report-$year-$lang.md, $out/report-$year-$lang.html"
  done
done
