#!/bin/sh
# Rendering speed on hostile text: one sheet whose title is a single
# 900 KB word and whose description is 200 000 words, rendered as a table
# (one line per row and --wide), laid out by show, and exported as Markdown
# and CSV. Every renderer should be linear in the size of the text.
# Usage: bench/tables.sh [path/to/pacte]   (default: target/release/pacte)
set -eu
pacte=$(realpath "${1:-target/release/pacte}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys
title = "x" * (900 * 1024)
words = " ".join(["mot"] * 200000)
with open(sys.argv[1] + "/enorme.yaml", "w") as f:
    f.write(f"id: enorme\ntitle: {title}\nstructure: S\nstatus: ongoing\n"
            f"themes: [ess]\nobjectives: [o]\ndescription: \"{words}\"\n")
PY
export PACTE_DB="$work/pacte.db" COLUMNS=80
"$pacte" import -q --max-size 5000000 "$work/enorme.yaml" >/dev/null
hyperfine --warmup 1 --runs 5 --export-markdown "$work/tables.md" \
    "$pacte list --format table" \
    "$pacte list --format table --wide" \
    "$pacte show enorme --no-pager" \
    "$pacte export --format markdown" \
    "$pacte export --format csv" >/dev/null
cat "$work/tables.md"
