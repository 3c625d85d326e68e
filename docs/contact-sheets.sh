#!/usr/bin/env bash
# contact-sheets.sh RUN_DIR SHEETS_DIR [PATTERN…]
#
# One contact sheet (a PNG with every page side by side, labelled) per document of a perfsociale run, to look at
# the pages as a person holding the printout would. Converts the run's .odt/.ods/.xlsx to PDF with LibreOffice in
# one batch (a private profile, so it neither touches nor waits for your own LibreOffice; PDFs already written by
# `generate --pdf` are reused), renders every page with pdftoppm, and tiles them with ImageMagick's `montage`.
#
#   PATTERN   shell patterns of the file names to keep (default: every document; packs are never opened)
#   DPI=40    render resolution; COLUMNS=6 pages per row of a sheet; PAGES=N only the first N pages of each
#
# Needs: soffice (libreoffice-writer-nogui, libreoffice-calc-nogui), pdftoppm (poppler-utils), montage (imagemagick).
# Example (the sheets in docs/contact-sheets/):
#   swift run perfsociale generate --output /tmp/run
#   DPI=30 PAGES=3 docs/contact-sheets.sh /tmp/run docs/contact-sheets 'objectifs-jardin*' 'indicateurs-jardin*' \
#       'demarche-partagee-jardin*' 'tableau-de-bord-jardin*' 'emargement-*' 'attestations-*' 'certificats-realisation-*' \
#       'autoevaluation-*'
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
RUN=$(readlink -f "$1"); OUT=$2; shift 2
DPI=${DPI:-40}; COLUMNS=${COLUMNS:-6}; PAGES=${PAGES:-}
for tool in soffice pdftoppm montage; do
    command -v "$tool" >/dev/null || { echo "contact-sheets: $tool missing (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils imagemagick)" >&2; exit 3; }
done
mkdir -p "$OUT"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT

# The documents to show, in name order.
docs=()
for f in "$RUN"/*.odt "$RUN"/*.ods "$RUN"/*.xlsx; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    if [ $# -gt 0 ]; then
        keep=no; for p in "$@"; do [[ $name == $p ]] && keep=yes; done
        [ $keep = yes ] || continue
    fi
    docs+=("$f")
done
[ ${#docs[@]} -gt 0 ] || { echo "contact-sheets: no document in $RUN" >&2; exit 1; }

# One LibreOffice batch for the documents without a PDF (an .ods and an .xlsx of the same name get their own).
todo=()
for f in "${docs[@]}"; do
    base=$(basename "${f%.*}"); ext=${f##*.}
    if [ -f "$RUN/$base.pdf" ] && [ "$ext" != ods ]; then cp "$RUN/$base.pdf" "$WORK/$base.$ext.pdf"; else
        cp "$f" "$WORK/$base.$ext.${ext}"; todo+=("$WORK/$base.$ext.${ext}")
    fi
done
if [ ${#todo[@]} -gt 0 ]; then
    soffice -env:UserInstallation=file://"$WORK"/profile --headless --norestore --convert-to pdf --outdir "$WORK" \
        "${todo[@]}" >/dev/null 2>&1
fi

for f in "${docs[@]}"; do
    base=$(basename "${f%.*}"); ext=${f##*.}
    pdf="$WORK/$base.$ext.pdf"
    [ -s "$pdf" ] || { echo "contact-sheets: LibreOffice did not convert $(basename "$f")" >&2; exit 1; }
    rm -f "$WORK"/page-*.png
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    pdftoppm -r "$DPI" ${PAGES:+-l "$PAGES"} -png "$pdf" "$WORK/page"
    title="$(basename "$f") · $pages page(s)"
    if [ -n "$PAGES" ] && [ "$pages" -gt "$PAGES" ]; then title="$title, the first $PAGES shown"; fi
    sheet="$OUT/$base.$ext.png"
    montage "$WORK"/page-*.png -tile "${COLUMNS}x" -geometry +4+4 -background '#d0d0d0' -pointsize 11 \
        -title "$title" -depth 8 -colors 64 "$sheet"
    echo "$sheet ($pages pages)"
done
