"""Build the bundled example landscape in ``data/`` from the curated real facts plus synthetic rows.

Usage::

    python scripts/build_example_data.py [OUT_DIR]      # default: data/

Reads the real facts in ``scripts/example_real/`` (one CSV per table, every row with a source URL)
and the municipality list ``scripts/example_real/municipalities.csv``, takes Hessen's districts from
``mintgraph/regions/hessen/regions.csv`` (or, if that file is absent, builds the same table from
the reference CSVs in ``/work/shared/reference``), enlarges the real facts with
:func:`example_landscape.generate_landscape` (``scripts/example_landscape.py``) under a fixed seed and writes the six tables as UTF-8
CSV with ``\\n`` line endings. The output is byte-for-byte reproducible.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "scripts"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from example_landscape import generate_landscape  # noqa: E402  (next to this script)

from mintgraph.synth import OUTPUT_TABLES, output_columns  # noqa: E402

REAL_DIR = ROOT / "scripts" / "example_real"
REGIONS_CSV = ROOT / "mintgraph" / "regions" / "hessen" / "regions.csv"
REFERENCE_DIR = Path("/work/shared/reference")

SEED = 20251125
N_ACTORS = 600
N_ACTIVITIES = 480
N_COOPERATIONS = 1500
START_YEAR = 2011
END_YEAR = 2026


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def load_regions() -> pd.DataFrame:
    """Hessen's districts with columns code, name, population, neighbours (codes joined by ``|``)."""
    if REGIONS_CSV.exists():
        regions = _read(REGIONS_CSV)
        return regions[["code", "name", "population", "neighbours"]].reset_index(drop=True)
    kreise = _read(REFERENCE_DIR / "hessen_kreise.csv")
    adjacency = _read(REFERENCE_DIR / "hessen_adjacency.csv")
    neighbours: dict[str, list[str]] = {code: [] for code in kreise["ags"]}
    for a, b in zip(adjacency["ags_a"], adjacency["ags_b"], strict=True):
        neighbours[a].append(b)
        neighbours[b].append(a)
    return pd.DataFrame(
        {
            "code": kreise["ags"],
            "name": kreise["name"],
            "population": kreise["population"],
            "neighbours": ["|".join(sorted(neighbours[c])) for c in kreise["ags"]],
        }
    )


def build(out_dir: Path) -> dict[str, pd.DataFrame]:
    """Generate the example landscape and write it to ``out_dir``; returns the tables."""
    base = {name: _read(REAL_DIR / f"{name}.csv") for name in OUTPUT_TABLES}
    tables = generate_landscape(
        load_regions(),
        n_actors=N_ACTORS,
        n_activities=N_ACTIVITIES,
        n_cooperations=N_COOPERATIONS,
        start_year=START_YEAR,
        end_year=END_YEAR,
        seed=SEED,
        base=base,
        municipalities=_read(REAL_DIR / "municipalities.csv"),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in OUTPUT_TABLES:
        table = tables[name][output_columns(name)]
        table.to_csv(out_dir / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")
    return tables


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(__doc__)
        return 0 if args and args[0] in ("-h", "--help") else 2
    out_dir = Path(args[0]) if args else ROOT / "data"
    tables = build(out_dir)
    counts = ", ".join(f"{name} {len(tables[name])}" for name in OUTPUT_TABLES)
    print(f"wrote {out_dir}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
