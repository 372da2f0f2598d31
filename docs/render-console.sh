#!/usr/bin/env bash
# Takes the README's screenshots of the console (docs/console/*.png): the demo year served on
# a free local port and read on 21 December 2026, at 1366×768 in Debian's Chromium.
#   apt-get install chromium fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/.."
DUBAN_LOG_LEVEL=WARNING .venv/bin/python -m tests.browser.screenshots docs/console
