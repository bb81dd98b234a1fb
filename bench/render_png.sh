#!/usr/bin/env bash
# Render a workbook to PNG with LibreOffice, to look at what a user would see.
#
#   bench/render_png.sh WORKBOOK.xlsx OUT_DIR [SHEET]
#
# Writes OUT_DIR/<name>.pdf and OUT_DIR/<name>-<page>.png (one page per sheet: SinglePageSheets).
# With SHEET, only that sheet is rendered: the others are deleted from a temporary copy (via the
# project's openpyxl; LibreOffice prints hidden sheets too, so hiding them is not enough).
# Needs: soffice (libreoffice-calc) and pdftoppm (poppler-utils).
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 WORKBOOK.xlsx OUT_DIR [SHEET]" >&2
  exit 2
fi
book=$1
out=$2
sheet=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name=$(basename "${book%.*}")
cp "$book" "$work/$name.xlsx"

if [[ -n $sheet ]]; then
  "$python" - "$work/$name.xlsx" "$sheet" <<'PY'
import sys
from openpyxl import load_workbook

path, title = sys.argv[1], sys.argv[2]
wb = load_workbook(path)
if title not in wb.sheetnames:
    sys.exit(f"no sheet {title!r} in the workbook; sheets: {', '.join(wb.sheetnames)}")
for ws in list(wb.worksheets):
    if ws.title != title:
        wb.remove(ws)
wb.save(path)
PY
fi

# A private profile, so a running LibreOffice or a first-start wizard cannot interfere.
soffice -env:UserInstallation="file://$work/profile" --headless \
  --convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
  --outdir "$work" "$work/$name.xlsx" >/dev/null
cp "$work/$name.pdf" "$out/$name.pdf"
pdftoppm -png -r 80 "$out/$name.pdf" "$out/$name"
ls "$out"/"$name"*.png
