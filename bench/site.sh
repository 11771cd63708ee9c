#!/usr/bin/env bash
# Times `pacte site` on a generated corpus (10 000 sheets unless N says
# otherwise) against the cold import of the same sheets (the target: the
# site in at most 2× the import), with the peak memory of each, a rebuild
# with nothing changed (the target: under a second, nothing rewritten), the
# size of the output, and the bytes searches download (bench/search-bytes.js,
# which runs the page's scripts in Node). bench/SITE.md records a run.
#
#   bash bench/site.sh            # N=50000, BENCH_DIR=/tmp/x to keep the corpus
#
# On a shared machine compare the ratios of one run, and the CPU times
# (user + system), which other work disturbs less than the wall times. On
# ext4 without a journal, creating files just after many were deleted (the
# previous run's site) is slower for a few minutes: see bench/SITE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-10000}
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-site-bench.XXXXXX)}
mkdir -p "$work"
cargo build --release --quiet --bin pacte --example gen-corpus
pacte="$PWD/target/release/pacte"
[ -d "$work/c$n" ] || target/release/examples/gen-corpus "$n" "$work/c$n" --seed 1
export PACTE_DB="$work/site-bench-$n.db"

measured() { # label, command...: wall time, CPU time and peak memory of one run
    local label=$1; shift
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || {
        cat "$work/stderr"; exit 1; }
    read -r seconds kilobytes user system < "$work/time"
    printf '%-26s %7.2f s   cpu %7.2f s   peak %5d MB\n' "$label" "$seconds" \
        "$(echo "$user + $system" | bc)" "$((kilobytes / 1024))"
}

rm -f "$PACTE_DB" "$PACTE_DB-wal" "$PACTE_DB-shm"
rm -rf "$work/site"
echo "$n sheets ($(du -sh "$work/c$n" | cut -f1) of YAML), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
measured "cold import" "$pacte" import -q "$work/c$n"
measured "site, first build" "$pacte" site -q "$work/site"
find "$work/site" -type f -newer "$work/time" -print -quit > /dev/null
touch "$work/before-rebuild"
measured "site, nothing changed" "$pacte" site -q "$work/site"
echo "files rewritten by the rebuild: $(find "$work/site" -type f -newer "$work/before-rebuild" | wc -l)"
measured "site --full, nothing changed" "$pacte" site -q --full "$work/site"
echo "files rewritten by the full rebuild: $(find "$work/site" -type f -newer "$work/before-rebuild" | wc -l)"
echo "output: $(find "$work/site" -type f | wc -l) files, $(du -sh --apparent-size "$work/site" | cut -f1)" \
     "(search index: $(find "$work/site/search" -type f | wc -l) files, $(du -sh --apparent-size "$work/site/search" | cut -f1))"
node bench/search-bytes.js "$work/site" "insertion jeunes" "emploi formation" "économie solidaire" \
    "mobilité handicap" "garage" "formaiton" "comment aider les jeunes à trouver un emploi"
