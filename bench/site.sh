#!/usr/bin/env bash
# Times `pacte site` on the generated 10k-sheet corpus against the cold
# import of the same sheets (the target: the site in at most 3× the import),
# and a rebuild with nothing changed. Prints the figures; bench/SITE.md
# records a run.
#
#   bash bench/site.sh            # BENCH_DIR=/tmp/x to keep the corpus
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-site-bench.XXXXXX)}
mkdir -p "$work"
cargo build --release --quiet --bin pacte --example gen-corpus
pacte="$PWD/target/release/pacte"
[ -d "$work/c10000" ] || target/release/examples/gen-corpus 10000 "$work/c10000" --seed 1
export PACTE_DB="$work/site-bench.db"
runs=${RUNS:-3}

timed() { # label, command...
    local label=$1; shift
    local best=""
    for _ in $(seq "$runs"); do
        [ "$label" = "cold import" ] && rm -f "$PACTE_DB" "$PACTE_DB-wal" "$PACTE_DB-shm"
        [ "$label" = "site, first build" ] && rm -rf "$work/site"
        local start end
        start=$(date +%s.%N)
        "$@" > /dev/null
        end=$(date +%s.%N)
        local took
        took=$(echo "$end - $start" | bc)
        if [ -z "$best" ] || [ "$(echo "$took < $best" | bc)" = 1 ]; then best=$took; fi
    done
    printf '%-28s %8.2f s (best of %s)\n' "$label" "$best" "$runs"
}

timed "cold import" "$pacte" import -q "$work/c10000"
timed "site, first build" "$pacte" site -q "$work/site"
timed "site, nothing changed" "$pacte" site -q "$work/site"
echo "files: $(find "$work/site" -type f | wc -l), size: $(du -sh "$work/site" | cut -f1)"
echo "search index: $(du -sh "$work/site/pagefind" | cut -f1) in $(find "$work/site/pagefind" -type f | wc -l) files"
