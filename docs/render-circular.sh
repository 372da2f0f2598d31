#!/usr/bin/env bash
# Renders the first two pages of the demo year's circular for 2026-Q3 as docs/circular.png,
# as an office's Word would show them. Needs LibreOffice, poppler and a CJK font:
#   apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk
# The watcher runs on today's date, so the figures are the demo year as seen today.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url="sqlite:///$work/duban.sqlite"
export DUBAN_LOG_LEVEL=WARNING
.venv/bin/duban demo --database-url "$url"
.venv/bin/duban watch --once --database-url "$url"
.venv/bin/duban report circular --period 2026-Q3 --out "$work/circular.docx" --database-url "$url"
soffice --headless --convert-to pdf --outdir "$work" "$work/circular.docx" >/dev/null
pdftoppm -png -r 90 -f 1 -l 2 "$work/circular.pdf" "$work/page"
.venv/bin/python - "$work" <<'PY'
import sys
from pathlib import Path
from PIL import Image

pages = [Image.open(p) for p in sorted(Path(sys.argv[1]).glob("page-*.png"))]
sheet = Image.new("RGB", (sum(p.width for p in pages) + 12 * (len(pages) + 1),
                          max(p.height for p in pages) + 24), "#d9d9d9")
x = 12
for page in pages:
    sheet.paste(page, (x, 12))
    x += page.width + 12
sheet.save("docs/circular.png", optimize=True)
PY
echo "written docs/circular.png"
