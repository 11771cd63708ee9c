#!/usr/bin/env bash
# Remakes the README's screenshots of the site: the examples imported into a
# temporary database, published, served on 127.0.0.1 and photographed by
# headless Chromium. Needs chromium and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/pacte-shots.XXXXXX)
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
cargo build --quiet --bin pacte
pacte=target/debug/pacte
export PACTE_DB="$work/pacte.db"
"$pacte" import -q examples/sheets >/dev/null
"$pacte" site -q "$work/site"
port=${PORT:-8799}
python3 -m http.server --bind 127.0.0.1 -d "$work/site" "$port" >/dev/null 2>&1 &
server=$!
sleep 1
shot() { # file, width, height, path
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --hide-scrollbars \
        --screenshot="docs/$1" --window-size="$2,$3" "http://127.0.0.1:$port/$4" 2>/dev/null
}
shot site-index.png 1100 760 ""
shot site-sheet.png 1100 760 "fiches/pacte-ess/"
shot site-phone.png 390 760 ""
