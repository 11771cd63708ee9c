#!/usr/bin/env bash
# Work that must grow with the input, not its square: `review` on 10 000
# near-duplicate sheets (target: under 10 s and 300 MB), one sheet naming
# 20 000 partners (name variants), and a 10 000-word search query.
# Writes nothing in the repository; prints the figures.
#
#   bash bench/bounded.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-$(mktemp -d /tmp/pacte-bounded.XXXXXX)}
echo "working in $work" >&2
cargo build --release --quiet --bin pacte  # a no-op when already built
pacte="$(pwd)/target/release/pacte"
export PACTE_NOW=2026-06-01

# 10 000 near copies of one action, one file each, by one structure.
python3 - "$work/dups" <<'PY'
import os, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for n in range(10000):
    with open(f"{out}/s{n:05}.yaml", "w") as f:
        f.write(f"""id: forum-seniors-{n:05}
title: Forum de l'emploi des seniors {n}
structure: Maison de l'Emploi du Pays de Test
status: ongoing
themes: [maintien-emploi]
publics: [seniors]
objectives: [Rapprocher employeurs et demandeurs d'emploi seniors]
description: >-
  Un forum annuel réunit les employeurs du territoire et les demandeurs
  d'emploi de plus de cinquante ans autour d'ateliers, de rencontres et de
  témoignages, édition numéro {n} organisée avec les partenaires locaux.
""")
PY

# One sheet naming 20 000 partners, in spellings close to each other.
python3 - "$work/names" <<'PY'
import os, sys, random
random.seed(1)
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
letters = "abcdefghijklmnopqrstuvwxyz"
names = set()
while len(names) < 20000:
    names.add("Association " + "".join(random.choice(letters) for _ in range(10)))
with open(f"{out}/partners.yaml", "w") as f:
    f.write("id: partenaires\ntitle: Beaucoup de partenaires\nstructure: PLIE de Test\n"
            "status: ongoing\nthemes: [partenariats]\nobjectives: [Tester]\n"
            "description: Une action.\npartners:\n  others:\n")
    for name in sorted(names):
        f.write(f"    - {name}\n")
PY

measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "$label: %e s wall, %U s user, %M KB peak" "$@" > /dev/null 2> "$work/time.txt" || true
    tail -1 "$work/time.txt"
}

PACTE_DB="$work/dups.db" "$pacte" import --quiet "$work/dups" > /dev/null
PACTE_DB="$work/names.db" "$pacte" import --quiet "$work/names" --max-size 4000000 > /dev/null
measure "review, 10 000 near duplicates" env PACTE_DB="$work/dups.db" "$pacte" review --format json
PACTE_DB="$work/dups.db" "$pacte" review --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("  groups:", len(r["duplicates"]), "members of the largest:", max((len(g["members"]) for g in r["duplicates"]), default=0))'
measure "review, 20 000 partner names" env PACTE_DB="$work/names.db" "$pacte" review --format json
query=$(python3 -c 'import random; random.seed(2); print(" ".join("mot%d" % random.randrange(10**6) for _ in range(10000)))')
measure "search, 10 000 words" env PACTE_DB="$work/dups.db" "$pacte" search --format json -- "$query"
query=$(python3 -c 'import random; random.seed(2); print(" ".join("-mot%d" % random.randrange(10**6) for _ in range(10000)) + " forum")')
measure "search, 10 000 excluded words" env PACTE_DB="$work/dups.db" "$pacte" search --format json -- "$query"
