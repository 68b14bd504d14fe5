#!/usr/bin/env bash
# The yearly report as the PDF a council receives, its table of contents with
# the page each section starts on.
#
#   examples/council-report.sh CONTRACT_DIR OUT.pdf REPORT_OPTIONS...
#   examples/council-report.sh examples/montauban-2023 bilan-2023.pdf \
#       --year 2023 --council "Conseil communautaire" --date 2024-06-27
#
# Browsers do not number the entries of a table of contents (Chromium has no
# CSS target-counter()), and `contrat` cannot know where a browser will break
# the pages. So this prints twice, with headless Chromium:
#   1. `contrat report -o OUT.html` (contents without numbers), printed to PDF;
#   2. the page each section starts on is read from that PDF (pdftotext, page
#      by page: the first line under the running title is the section's
#      heading), and given back as `contrat report --toc-pages id=page,...`;
#   3. that HTML is printed again to OUT.pdf, and measured again: the numbers
#      must be the pages the sections start on, or the script fails.
# OUT.html, beside OUT.pdf, is the page with the numbered contents.
#
#   examples/council-report.sh --measure PAGE.html PAGE.pdf
# prints `id=page` for each section of PAGE.html, as found in PAGE.pdf.
#
# Needs chromium and pdftotext (Debian's chromium and poppler-utils). The
# binary is $CONTRAT if set, else target/release/contrat, built when missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"

# The sections of a report page, `id<TAB>heading` per line, in order: each
# `<section id="…">` is followed by its `<h2>`, whose text is unescaped here
# as the PDF shows it.
sections() {
  perl -CSD -0777 -ne '
    while (/<section id="([^"]+)"[^>]*>\s*<h2>(.*?)<\/h2>/sg) {
      my ($id, $h) = ($1, $2);
      $h =~ s/&lt;/</g; $h =~ s/&gt;/>/g; $h =~ s/&quot;/"/g; $h =~ s/&#39;/\x27/g; $h =~ s/&amp;/&/g;
      $h =~ s/\s+/ /g;
      print "$id\t$h\n";
    }' "$1"
}

# The page each section starts on: the first page, after the contents, whose
# first lines (under the running title) begin with the section's heading.
measure() {
  local html="$1" pdf="$2" pages page id heading text from=1 found
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"
  declare -A top
  for ((page = 1; page <= pages; page++)); do
    # The first four lines, joined: a long heading may wrap.
    top[$page]="$(pdftotext -enc UTF-8 -f "$page" -l "$page" "$pdf" - \
      | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' | grep -v '^$' | head -4 | tr '\n' ' ')"
    if [[ "${top[$page]}" == *"${CONTENTS_HEADING:-}"* && -n "${CONTENTS_HEADING:-}" ]]; then
      from=$((page + 1))
    fi
  done
  while IFS=$'\t' read -r id heading; do
    found=""
    for ((page = from; page <= pages; page++)); do
      text="${top[$page]}"
      if [[ "$text" == *"$heading"* ]]; then
        found="$page"
        break
      fi
    done
    if [[ -z "$found" ]]; then
      echo "council-report: section $id (\"$heading\") starts on no page of $pdf" >&2
      return 1
    fi
    echo "$id=$found"
    from=$((found + 1))
  done < <(sections "$html")
}

# The heading of the contents, so that the search for sections starts after it.
contents_heading() {
  perl -CSD -0777 -ne 'print "$1" if /<nav class="toc">\s*<h2>(.*?)<\/h2>/s' "$1"
}

print_pdf() {
  local html="$1" pdf="$2" profile
  profile="$(mktemp -d)"
  local sandbox=()
  [[ "$(id -u)" == 0 ]] && sandbox=(--no-sandbox)
  rm -f "$pdf"
  timeout 180 chromium --headless "${sandbox[@]}" --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --disable-extensions --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$pdf" \
    "file://$(realpath "$html")" >/dev/null 2>"$profile.log" || {
    echo "council-report: chromium could not print $html: $(tail -3 "$profile.log")" >&2
    rm -rf "$profile" "$profile.log"
    return 1
  }
  rm -rf "$profile" "$profile.log"
  [[ -s "$pdf" ]] || { echo "council-report: chromium wrote no PDF" >&2; return 1; }
}

if [[ "${1:-}" == "--measure" ]]; then
  [[ $# -eq 3 ]] || { echo "usage: $0 --measure PAGE.html PAGE.pdf" >&2; exit 2; }
  CONTENTS_HEADING="$(contents_heading "$2")" measure "$2" "$3"
  exit
fi

if [[ $# -lt 2 ]]; then
  echo "usage: $0 CONTRACT_DIR OUT.pdf REPORT_OPTIONS..." >&2
  exit 2
fi
contract="$1"
pdf="$2"
shift 2
case "$pdf" in
  *.pdf) ;;
  *) echo "council-report: $pdf: the output is a .pdf file" >&2; exit 2 ;;
esac
html="${pdf%.pdf}.html"
for tool in chromium pdftotext pdfinfo perl; do
  command -v "$tool" >/dev/null || { echo "council-report: $tool is missing (Debian: chromium, poppler-utils)" >&2; exit 2; }
done
if [[ -z "${CONTRAT:-}" ]]; then
  CONTRAT="$root/target/release/contrat"
  if [[ ! -x "$CONTRAT" ]]; then
    (cd "$root" && cargo build --release --quiet)
  fi
fi

first="$(mktemp -d)"
trap 'rm -rf "$first"' EXIT
"$CONTRAT" --contract "$contract" report "$@" -o "$first/draft.html"
print_pdf "$first/draft.html" "$first/draft.pdf"
export CONTENTS_HEADING
CONTENTS_HEADING="$(contents_heading "$first/draft.html")"
pages="$(measure "$first/draft.html" "$first/draft.pdf" | paste -sd, -)"

"$CONTRAT" --contract "$contract" report "$@" --toc-pages "$pages" -o "$html"
print_pdf "$html" "$pdf"
again="$(measure "$html" "$pdf" | paste -sd, -)"
if [[ "$again" != "$pages" ]]; then
  echo "council-report: the pages moved on the second print ($pages, then $again)" >&2
  exit 1
fi
echo "$pdf: $(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }') pages; sections start on pages $pages"
