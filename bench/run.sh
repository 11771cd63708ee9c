#!/usr/bin/env bash
# Measures pacte on generated corpora of 1k, 10k and 50k sheets, and the
# PyYAML → sqlite-utils pipeline on the same 10k, then writes the figures
# to bench/RESULTS.md. Needs about 1 GB of disk and ten minutes.
#
#   bash bench/run.sh            # everything
#   SKIP_50K=1 bash bench/run.sh # without the 50k corpus
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-bench.XXXXXX)}
mkdir -p "$work"
echo "working in $work" >&2

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
if ! command -v sqlite-utils >/dev/null && [ -z "${SKIP_PIPELINE:-}" ]; then
    pip install -q sqlite-utils pyyaml || echo "sqlite-utils not available: the comparison is left out" >&2
fi

cargo build --release --quiet --bin pacte --example gen-corpus
pacte="$root/target/release/pacte"
gen="$root/target/release/examples/gen-corpus"

sizes="1000 10000 50000"
[ -n "${SKIP_50K:-}" ] && sizes="1000 10000"
for n in $sizes; do
    [ -d "$work/c$n" ] || "$gen" "$n" "$work/c$n" --seed 1
done
# The machine may be shared: say how loaded it was.
echo "load before: $(uptime)" | tee "$work/load.txt" >&2

timed() { # name, command...
    local name=$1; shift
    /usr/bin/time -v "$@" > /dev/null 2> "$work/$name.time"
}

measure_import() { # size label, corpus, runs
    local label=$1 corpus=$2 runs=$3 db="$work/db-$1/pacte.db"
    mkdir -p "$work/db-$label"
    hyperfine --warmup 1 --runs "$runs" --export-json "$work/import$label.json" \
        --prepare "rm -f $db $db-wal $db-shm" "$pacte --db $db import -q $corpus"
    rm -f "$db" "$db-wal" "$db-shm"
    timed "import$label" "$pacte" --db "$db" import -q "$corpus"
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/reimport$label.json" \
        "$pacte --db $db import -q $corpus"
    timed "reimport$label" "$pacte" --db "$db" import -q "$corpus"
}

# The anchor for "has anything changed?": git's own answer on the same tree
# (the corpus under git, its index fresh), which a re-import of an unchanged
# folder should stay within 2.5× of.
anchor_git() { # corpus
    [ -d "$1/.git" ] || { git -C "$1" init -q && git -C "$1" add -A && git -C "$1" -c user.name=bench -c user.email=bench@example.org commit -qm corpus; }
    git -C "$1" status --porcelain > /dev/null
    hyperfine -N --warmup 2 --runs 10 --export-json "$work/gitstatus10k.json" "git -C $1 status --porcelain"
}

measure_import 1k "$work/c1000" 10
measure_import 10k "$work/c10000" 5
[ -z "${SKIP_50K:-}" ] && measure_import 50k "$work/c50000" 3

db="$work/db-10k/pacte.db"
corpus="$work/c10000"
anchor_git "$corpus"
# 100 changed files per run: each run rewrites a title in each of them.
cat > "$work/change.sh" <<SCRIPT
#!/usr/bin/env bash
stamp=\$(date +%s%N)
find "$corpus" -name '*.yaml' | sort | head -100 | while read -r f; do
    sed -i "0,/^title: /s/^title: .*/title: Titre changé \$stamp/" "\$f"
done
SCRIPT
chmod +x "$work/change.sh"
hyperfine --runs 5 --export-json "$work/changed10k.json" --prepare "$work/change.sh" \
    "$pacte --db $db import -q $corpus"
"$work/change.sh"; timed changed10k "$pacte" --db "$db" import -q "$corpus"

hyperfine --warmup 1 --runs 5 --export-json "$work/validate10k.json" "$pacte validate -q $corpus"
timed validate10k "$pacte" validate -q "$corpus"

query() { # name, pacte arguments...
    local name=$1; shift
    hyperfine -N --warmup 3 --runs 30 --export-json "$work/$name.json" \
        --output null "$pacte --db $db $*"
    timed "$name" "$pacte" --db "$db" "$@"
}
query listall list --format tsv
query listfilter list --theme ess --status ongoing
query search search insertion territoire --limit 20
query show show fiche-004242
query stats stats --by theme
query export export --format yaml

if command -v sqlite-utils >/dev/null && [ -z "${SKIP_PIPELINE:-}" ]; then
    cat > "$work/pipeline.sh" <<SCRIPT
#!/usr/bin/env bash
set -e
rm -f "$work/su.db"
python3 "$root/bench/yaml_to_json.py" "$corpus" > "$work/sheets.json"
sqlite-utils insert "$work/su.db" sheets "$work/sheets.json" --pk id
sqlite-utils enable-fts "$work/su.db" sheets title description results structure --fts5 --tokenize "unicode61 remove_diacritics 2"
SCRIPT
    chmod +x "$work/pipeline.sh"
    hyperfine --warmup 1 --runs 3 --export-json "$work/pipeline.json" "$work/pipeline.sh"
    timed pipeline "$work/pipeline.sh"
    hyperfine -N --warmup 3 --runs 30 --export-json "$work/sqlite_utils_search.json" --output null \
        "sqlite-utils search $work/su.db sheets 'insertion territoire' --limit 20"
fi

size_mb() { du -sb --apparent-size "$1" | awk '{printf "%.2f", $1 / 1048576}'; }
db_mb() { # checkpoint first, so that the main file holds everything
    [ -f "$1" ] || { echo 0; return; }
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma wal_checkpoint(TRUNCATE)'); c.close()" "$1"
    size_mb "$1"
}
export BENCH_YAML_MB10K=$(size_mb "$work/c10000")
export BENCH_DB_MB1K=$(db_mb "$work/db-1k/pacte.db")
export BENCH_DB_MB10K=$(db_mb "$work/db-10k/pacte.db")
export BENCH_DB_MB50K=$(db_mb "$work/db-50k/pacte.db")
export BENCH_SQLITE=$(grep -A1 '^name = "libsqlite3-sys"' Cargo.lock | sed -n 's/version = "\(.*\)"/libsqlite3-sys \1 (bundled)/p')
python3 - "$work" "$pacte" <<'PY'
import datetime, json, os, platform, subprocess, sys
work, pacte = sys.argv[1], sys.argv[2]
def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "not installed"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "")
try:
    import yaml
    pyyaml = yaml.__version__ + (" (C loader)" if yaml.__with_libyaml__ else "")
except ImportError:
    pyyaml = "not installed"
env = os.environ
facts = {
    "date": datetime.date.today().isoformat(),
    "commit": run("git", "-C", os.path.dirname(os.path.dirname(pacte)) + "/..", "rev-parse", "--short", "HEAD"),
    "cpu": cpu, "cores": os.cpu_count(), "memory": mem,
    "pacte": run(pacte, "--version"), "rustc": run("rustc", "--version"),
    "sqlite": env["BENCH_SQLITE"], "hyperfine": run("hyperfine", "--version"),
    "python": "Python " + platform.python_version(), "pyyaml": pyyaml,
    "sqlite_utils": run("sqlite-utils", "--version") or "not installed",
    "files10k": sum(len(f) for _, _, f in os.walk(work + "/c10000")),
    "yaml_mb10k": float(env["BENCH_YAML_MB10K"]),
    "db_mb1k": float(env["BENCH_DB_MB1K"]),
    "db_mb10k": float(env["BENCH_DB_MB10K"]),
    "db_mb50k": float(env["BENCH_DB_MB50K"]),
}
json.dump(facts, open(work + "/facts.json", "w"))
PY
python3 "$root/bench/report.py" "$work" "$root/bench/RESULTS.md"
