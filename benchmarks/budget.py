"""What the whole ``mintgraph analyze`` costs, part by part: the command as shipped and with the
two largest optional parts of its work left out, back to back.

Usage::

    python benchmarks/budget.py [--actors 100000] [--rounds 3] [--readme]

Issue 18 asks for the whole command at 100,000 actors in under 30 s on two cores. This script
measures what that target would cost in what the tool computes. On a landscape made as
``run.py`` makes it (``mintgraph generate``, 150 synthetic districts above 10,000 actors, seed 1)
it runs, each in a fresh process with the layout cache off (a first run), in turns:

* **as shipped** — ``python -m mintgraph analyze DIR -o OUT``;
* **no permutation tests** — the same command with ``mintgraph.analyze(..., permutations=0)``:
  no E-I p-values, no null-model intervals, no p-values of the members' comparisons;
* **no district pages** — the same command without ``districts/<code>.html`` (the district
  overview ``graph.html`` is still written; only the per-district actor pages and their layouts
  are left out);
* **neither** — both left out.

The variants are made inside the child process by replacing ``mintgraph.api.analyze`` with a
call that passes ``permutations=0`` and ``mintgraph.export._DistrictPages`` with a class that
writes nothing — a measurement device, not an option of the tool. The script checks that each
variant did what it says (no p-values in ``networks.csv``, no district page) and that the
shipped command wrote them, so no figure comes from a variant that silently did not apply.

Each round runs the four variants once, in a rotated order, so that the machine's drift (this
shared two-core machine swings by 15–20 % within minutes) spreads over all of them. Each run is
``run.py``'s ``run_child``; the table gives each variant's median wall time, its CPU time (user
+ system of the process and the workers it reaped, from ``wait4``) and the peak memory (as
``run.py`` samples it), and the median of the per-round differences to *as shipped*. ``--readme`` writes the table into
``benchmarks/README.md`` between the ``budget`` markers.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import README, data_for, machine, run_child

BEGIN, END = "<!-- budget:begin -->", "<!-- budget:end -->"

VARIANTS = {
    "shipped": "as shipped",
    "no-permutations": "no permutation tests (`permutations=0`)",
    "no-district-pages": "no district pages (`districts/*.html`)",
    "neither": "neither permutation tests nor district pages",
}

_CHILD = r"""
import sys
data, out, variant = sys.argv[1:4]
if variant in ("no-permutations", "neither"):
    import mintgraph.api as api
    shipped = api.analyze
    def analyze(*args, **kwargs):
        kwargs["permutations"] = 0
        return shipped(*args, **kwargs)
    api.analyze = analyze  # what `mintgraph analyze` calls (mintgraph.cli._analyze)
if variant in ("no-district-pages", "neither"):
    import mintgraph.export as export
    class NoPages:  # the district pages' worker and pages left out; the overview stays
        def __init__(self, *args, **kwargs): pass
        def write_pages(self, staged): pass
        def __enter__(self): return self
        def __exit__(self, *exc): pass
    export._DistrictPages = NoPages
from mintgraph.console import run
sys.argv = ["mintgraph", "analyze", data, "-o", out]
run()
"""


def run_variant(data: Path, out: Path, variant: str, timeout: float) -> dict:
    """One whole command in a fresh process (``run.py``'s ``run_child``: layout cache off): wall
    and CPU seconds, peak MiB."""
    result = run_child([sys.executable, "-c", _CHILD, str(data), str(out), variant], timeout)
    if not result["ok"]:
        raise SystemExit(f"{variant}: the command failed or ran out of time: {result['error']}")
    return {key: result[key] for key in ("wall", "cpu", "peak_mib")}


def check_variant(out: Path, variant: str) -> None:
    """Stop unless the variant's outputs show that it left out what it says, and only that."""
    with (out / "networks.csv").open(newline="", encoding="utf-8") as f:
        p_values = [row["ei_index_p"] for row in csv.DictReader(f)]
    pages = list((out / "districts").glob("*.html")) if (out / "districts").is_dir() else []
    tested = any(p != "" for p in p_values)
    if tested != (variant in ("shipped", "no-district-pages")):
        raise SystemExit(f"{variant}: networks.csv has {'some' if tested else 'no'} E-I p-values")
    if bool(pages) != (variant in ("shipped", "no-permutations")):
        raise SystemExit(f"{variant}: {len(pages)} district pages written")
    if not (out / "graph.html").is_file():
        raise SystemExit(f"{variant}: no graph.html")


def measure(actors: int, rounds: int, seed: int, timeout: float) -> dict:
    names = list(VARIANTS)
    runs: dict[str, list[dict]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as tmp:
        data, _ = data_for(str(actors), Path(tmp) / "data", seed)
        for r in range(rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            for name in order:
                out = Path(tmp) / f"out-{name}"
                print(f"[round {r + 1}/{rounds}] {name} …", file=sys.stderr, flush=True)
                result = run_variant(data, out, name, timeout)
                check_variant(out, name)
                result["round"] = r
                runs[name].append(result)
                print(
                    f"    {result['wall']:.1f} s wall, {result['cpu']:.1f} s CPU, {result['peak_mib']:,.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
    return {"actors": actors, "rounds": rounds, "machine": machine(), "runs": runs}


def table(record: dict) -> str:
    runs = record["runs"]
    shipped = {run["round"]: run for run in runs["shipped"]}
    m = record["machine"]
    lines = [
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['ram']} RAM; Python {m['python']}; {m['date']}, "
        f"commit {m['commit']}; `python benchmarks/budget.py --actors {record['actors']} "
        f"--rounds {record['rounds']}`: {record['actors']:,} actors, {record['rounds']} "
        f"round{'s' if record['rounds'] != 1 else ''}, "
        "layout cache off.",
        "",
        "| variant | wall s (median; all rounds) | CPU s (median) | peak MiB (max) | wall s saved (median of the rounds' differences) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, label in VARIANTS.items():
        walls = [run["wall"] for run in runs[name]]
        saved = [shipped[run["round"]]["wall"] - run["wall"] for run in runs[name]]
        lines.append(
            f"| {label} | {statistics.median(walls):.1f} ({' / '.join(f'{w:.1f}' for w in walls)}) "
            f"| {statistics.median(run['cpu'] for run in runs[name]):.1f} "
            f"| {max(run['peak_mib'] for run in runs[name]):,.0f} "
            f"| {'–' if name == 'shipped' else f'{statistics.median(saved):.1f}'} |"
        )
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600, help="seconds a variant may take")
    parser.add_argument("--readme", action="store_true", help="write the table into benchmarks/README.md")
    args = parser.parse_args()
    from mintgraph.views.aggregate_html import AGGREGATE_ABOVE

    if args.actors <= AGGREGATE_ABOVE:
        parser.error(
            f"district pages are written above {AGGREGATE_ABOVE:,} actors: use --actors {AGGREGATE_ABOVE + 1} or more"
        )
    text = table(measure(args.actors, args.rounds, args.seed, args.timeout))
    print(text)
    if args.readme:
        write_readme(text)


if __name__ == "__main__":
    main()
