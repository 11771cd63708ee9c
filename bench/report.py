"""Turns the benchmark's measurements into bench/RESULTS.md."""
import json
import pathlib
import sys

work = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
facts = json.loads((work / "facts.json").read_text())


def median(name):
    path = work / f"{name}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["results"][0]["median"]


def cpu(name):
    """Mean user + system time: steadier than wall time on a shared machine."""
    path = work / f"{name}.json"
    if not path.exists():
        return None
    result = json.loads(path.read_text())["results"][0]
    return result["user"] + result["system"]


def peak(name):
    path = work / f"{name}.time"
    if not path.exists():
        return None
    for line in path.read_text().splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1]) / 1024
    return None


def ms(seconds):
    return "—" if seconds is None else f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def mb(value):
    return "—" if value is None else f"{value:.0f} MB"


rows = [
    ("cold import of 10k sheets into an empty database", "import10k",
     "≤ 0.13 × the pipeline; ≤ 150 MB"),
    ("cold import of 50k sheets into an empty database", "import50k", "≤ 150 MB"),
    ("re-import, nothing changed", "reimport10k", "≤ 2.5 × git status"),
    ("`git status --porcelain` on the same tree (anchor)", "gitstatus10k", ""),
    ("re-import, 100 files changed", "changed10k", ""),
    ("validate the 10k", "validate10k", ""),
    ("list all 10k rows as TSV to /dev/null", "listall", "≤ 150 ms"),
    ("list --theme ess --status ongoing", "listfilter", "≤ 20 ms"),
    ("search two words", "search", "≤ 20 ms"),
    ("show one sheet", "show", "≤ 20 ms"),
    ("stats --by theme", "stats", "≤ 20 ms"),
    ("export --format yaml (all 10k) to /dev/null", "export", ""),
]
lines = [
    "# Benchmark results",
    "",
    f"Run on {facts['date']} by `bench/run.sh` at commit {facts.get('commit', 'cd77044')} "
    "(numbers below come from that run).",
    "",
    f"- machine: {facts['cpu']}, {facts['cores']} cores, {facts['memory']}",
    f"- {facts['pacte']}, {facts['rustc']}, SQLite from {facts['sqlite']}, {facts['hyperfine']}",
    f"- comparison: {facts['python']}, PyYAML {facts['pyyaml']}, sqlite-utils {facts['sqlite_utils']}",
    f"- corpus: `gen-corpus 10000 --seed 1`: {facts['files10k']} files, {facts['yaml_mb10k']:.1f} MB of YAML",
    f"- {(work / 'load.txt').read_text().strip() if (work / 'load.txt').exists() else 'load not recorded'}",
    "",
    "Wall times are hyperfine medians; CPU is hyperfine's mean user + system time; memory is "
    "the peak resident set of one run (`/usr/bin/time -v`).",
    "",
    "| what | median | CPU | peak memory | target |",
    "|---|---|---|---|---|",
]
for label, name, target in rows:
    lines.append(f"| {label} | {ms(median(name))} | {ms(cpu(name))} | {mb(peak(name))} | {target} |")
pipeline = median("pipeline")
if pipeline is not None:
    lines += [
        f"| PyYAML → JSON → `sqlite-utils insert` + `enable-fts`, same corpus | {ms(pipeline)} | {ms(cpu('pipeline'))} | {mb(peak('pipeline'))} | |",
        f"| `sqlite-utils search`, two words | {ms(median('sqlite_utils_search'))} | {ms(cpu('sqlite_utils_search'))} | | |",
    ]
cold = median("import10k")
reimport = median("reimport10k")
lines += ["", "## Ratios", ""]
if pipeline:
    lines.append(f"- cold import / PyYAML + sqlite-utils pipeline: **{cold / pipeline:.2f}** (target ≤ 0.13)")
lines.append(f"- re-import unchanged / cold import: **{reimport / cold:.2f}**")
if median("gitstatus10k"):
    lines.append(f"- re-import unchanged / `git status --porcelain`: **{reimport / median('gitstatus10k'):.1f}** "
                 f"in wall time, **{cpu('reimport10k') / cpu('gitstatus10k'):.1f}** in CPU time (target ≤ 2.5)")
if median("sqlite_utils_search"):
    lines.append(f"- search / sqlite-utils search: **{median('search') / median('sqlite_utils_search'):.2f}**")
lines.append(
    f"- database size / YAML size: **{facts['db_mb10k'] / facts['yaml_mb10k']:.2f}** "
    f"({facts['db_mb10k']:.1f} MB for {facts['yaml_mb10k']:.1f} MB; target ≤ 1.5)"
)
lines += ["", "## Cost per sheet at each size", "", "| sheets | cold import | per sheet | CPU per sheet | peak memory | re-import unchanged | database |", "|---|---|---|---|---|---|---|"]
for size in ("1k", "10k", "50k"):
    cold_n = median(f"import{size}")
    re_n = median(f"reimport{size}")
    count = {"1k": 1000, "10k": 10000, "50k": 50000}[size]
    if cold_n is None:
        continue
    lines.append(
        f"| {count} | {ms(cold_n)} | {cold_n / count * 1e6:.0f} µs | {cpu(f'import{size}') / count * 1e6:.0f} µs "
        f"| {mb(peak(f'import{size}'))} | {ms(re_n)} | {facts.get('db_mb' + size, 0):.1f} MB |"
    )
analysis = pathlib.Path(__file__).with_name("ANALYSIS.md")
if analysis.exists():
    lines += ["", analysis.read_text().rstrip()]
out.write_text("\n".join(lines) + "\n")
print(out.read_text())
