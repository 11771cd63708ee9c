#!/usr/bin/env bash
# The sync's three speed figures, two pacte binaries side by side in one
# run (so both see the same load): cold import of 10k against the PyYAML →
# JSON → sqlite-utils pipeline, the unchanged re-import against
# `git status`, and the CPU time per sheet at 1k, 10k and 50k.
#
#   bash bench/sync-speed.sh BEFORE AFTER C1K C10K C50K WORKDIR
#
# Corpora: `gen-corpus N DIR --seed 1`; C10K is made a git repository.
set -euo pipefail
before=$1 after=$2 c1k=$3 c10k=$4 c50k=$5 work=$6
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
load() { echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"; }
cold() { # label, binary, corpus
    rm -f "$work/$1.db" "$work/$1.db-journal"
    /usr/bin/time -f "$1 cold $(basename "$3"): %e s wall, %U user, %S sys, %M KB" \
        "$2" --db "$work/$1.db" import -q "$3" > /dev/null
}
load
for round in 1 2; do
    cold before "$before" "$c10k"; cold after "$after" "$c10k"
done
load
cat > "$work/pipeline.sh" <<SCRIPT
#!/usr/bin/env bash
set -e
rm -f "$work/su.db"
python3 "$root/bench/yaml_to_json.py" "$c10k" > "$work/sheets.json"
sqlite-utils insert "$work/su.db" sheets "$work/sheets.json" --pk id
sqlite-utils enable-fts "$work/su.db" sheets title description results structure --fts5 --tokenize "unicode61 remove_diacritics 2"
SCRIPT
chmod +x "$work/pipeline.sh"
cold after "$after" "$c10k"
/usr/bin/time -f "pipeline: %e s wall, %U user, %S sys, %M KB" "$work/pipeline.sh"
cold after "$after" "$c10k"
load
[ -d "$c10k/.git" ] || { git -C "$c10k" init -q && git -C "$c10k" add -A \
    && git -C "$c10k" -c user.name=bench -c user.email=bench@example.org commit -qm corpus; }
"$before" --db "$work/before.db" import -q "$c10k" > /dev/null
"$after" --db "$work/after.db" import -q "$c10k" > /dev/null
sleep 3 # past the two seconds in which a file's stamp is not trusted
hyperfine -N --warmup 2 --runs 20 --export-json "$work/reimport.json" \
    "$before --db $work/before.db import -q $c10k" \
    "$after --db $work/after.db import -q $c10k" \
    "git -C $c10k status --porcelain"
load
for label in before after; do
    bin=$before; [ "$label" = after ] && bin=$after
    cold "$label" "$bin" "$c1k"; cold "$label" "$bin" "$c1k"
    cold "$label" "$bin" "$c50k"
done
load
