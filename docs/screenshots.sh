#!/usr/bin/env bash
# Remakes the README's screenshots of the site: the examples imported into a
# temporary database, published, served on 127.0.0.1 and photographed by
# headless Chromium, on a desktop and on a phone: the catalogue, a sheet and
# a search. Needs chromium and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/pacte-shots.XXXXXX)
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
cargo build --quiet --bin pacte
pacte=target/debug/pacte
export PACTE_DB="$work/pacte.db"
"$pacte" import -q examples/sheets >/dev/null
"$pacte" site -q "$work/site" --publisher "la Maison de l'Emploi et de la Formation du Pays Thur Doller"
port=${PORT:-8799}
python3 -m http.server --bind 127.0.0.1 -d "$work/site" "$port" >/dev/null 2>&1 &
server=$!
sleep 1
shot() { # file, width, height, path
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --hide-scrollbars --virtual-time-budget=5000 \
        --screenshot="docs/$1" --window-size="$2,$3" "http://127.0.0.1:$port/$4" 2>/dev/null
}
for page in "index:index.html" "sheet:fiches/pacte-ess/index.html" "search:recherche/index.html?q=emploi+des+jeunes"; do
    name=${page%%:*}
    path=${page#*:}
    shot "site-$name.png" 1280 900 "$path"
    shot "site-$name-phone.png" 390 844 "$path"
done
