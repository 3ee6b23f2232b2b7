"""Writing the analysis to files — always atomically.

Each file is written to a temporary file in the target folder and moved into
place with :func:`os.replace`, so an interrupted run leaves either the previous
file or the new one, never half a file. Input files are never written.

Example
-------
>>> import mintgraph
>>> result = mintgraph.analyze(mintgraph.load("data"))   # doctest: +SKIP
>>> [p.name for p in write_outputs(result, "output")]     # doctest: +SKIP
['actors.csv', 'networks.csv', 'regions.csv', 'summary.json', 'graph.html']
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import os
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from mintgraph.analysis import Analysis
from mintgraph.graph import network_members
from mintgraph.i18n import LANGS
from mintgraph.metrics.networks import SMALL_NETWORK_MEMBERS, rankable_networks
from mintgraph.metrics.nexus import network_of_networks
from mintgraph.metrics.scorecard import HESSEN, PLUS
from mintgraph.report import ProvenanceIndex, effect_findings, effect_highlights, provenance
from mintgraph.schema import PERSONAL_COLUMNS
from mintgraph.views import aggregate_html
from mintgraph.views.aggregate_html import render_district_overview
from mintgraph.views.graph_html import LAYOUT_ANCHORS, ActorGraphPages
from mintgraph.views.map_html import render_map
from mintgraph.views.networks_html import render_network_of_networks

_UMASK = os.umask(0o022)
os.umask(_UMASK)

OUTPUT_FILES = (
    "actors.csv",
    "networks.csv",
    "regions.csv",
    "network_pairs.csv",
    "scorecard.csv",
    "effects.csv",
    "summary.json",
    "graph.html",
    "networks.html",
    "map.html",
)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file and an atomic rename.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write_text(p, "hallo"); p.read_text()
    'hallo'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600; give the file the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is read as a formula by spreadsheet programs."""


def neutralise_formula(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading ``'``.

    The OWASP rule against CSV injection: ``=HYPERLINK(...)``, ``+1``, ``-1+2``, ``@SUM(...)``
    or a cell starting with a tab or carriage return is prefixed with a single quote, which
    Excel and LibreOffice show as text. Numbers and other values pass unchanged.

    >>> print(neutralise_formula('=HYPERLINK("http://x","klick")'))
    '=HYPERLINK("http://x","klick")
    >>> neutralise_formula("Uni"), neutralise_formula(-1.5)
    ('Uni', -1.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_text_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table with :func:`neutralise_formula` applied to every text (object) column."""
    changed = {}
    for column in table.columns:
        values = table[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_PREFIXES)).astype(bool)
        if risky.any():
            values = values.copy()  # only the risky cells change; the column keeps its values and dtype
            values[risky] = "'" + values[risky]
            changed[column] = values
    return table.assign(**changed) if changed else table


def table_csv(table: pd.DataFrame, *, excel: bool = False) -> str:
    """A table as CSV text: UTF-8, comma, ``\\n`` line ends, full float precision, empty = missing.

    Text cells that a spreadsheet would run as formulas are neutralised (:func:`neutralise_formula`).
    ``excel=True`` writes what a German Excel opens by double-click: a byte-order mark, ``;``
    between cells and decimal commas (``--excel``).

    >>> print(table_csv(pd.DataFrame({"name": ["=1+1", "Uni"], "degree": [-1, 2]})), end="")
    name,degree
    '=1+1,-1
    Uni,2
    >>> table_csv(pd.DataFrame({"name": ["Uni"], "density": [0.25]}), excel=True)
    '\\ufeffname;density\\nUni;0,25\\n'
    """
    safe = safe_text_columns(table)
    if excel:
        return "\ufeff" + safe.to_csv(index=False, lineterminator="\n", sep=";", decimal=",")
    return safe.to_csv(index=False, lineterminator="\n")


def write_outputs(
    result: Analysis,
    out_dir: str | Path,
    *,
    lang: str = "de",
    size_by: str = "degree",
    per_network: bool = False,
    include_personal: bool = False,
    excel: bool = False,
) -> list[Path]:
    """Write the tables (:data:`OUTPUT_FILES`: CSV files, ``summary.json``) and the HTML views.

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.
    out_dir : folder to write to (created if missing).
    lang : language of the HTML labels, ``de`` or ``en``.
    size_by : the actor indicator that sizes the nodes of ``graph.html``.
    per_network : also write ``networks/<id>.html``, the actor graph of each network.
    include_personal : show contact person, e-mail and phone in the actor graphs' tooltips.
        Off by default: personal data never reaches a shared file unless asked for.
    excel : write the CSV files for a German Excel (byte-order mark, ``;``, decimal commas).

    Returns
    -------
    The paths written.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    out = Path(out_dir)
    # Everything is rendered first and written last, each file atomically: a run stopped while
    # computing leaves the previous outputs as they were.
    pages: dict[Path, str] = {
        out / f"{name}.csv": table_csv(table, excel=excel) for name, table in result.tables().items()
    }
    pages[out / "summary.json"] = (
        json.dumps(result.summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    )
    personal = _personal(result) if include_personal else None
    # the per-actor and per-tie parts of the actor graphs, prepared once for all their pages
    actor_pages = ActorGraphPages(
        result.graph,
        result.actors,
        lang=lang,
        size_by=size_by,
        networks=result.dataset.networks[["id", "name"]],
        personal=personal,
    )
    if len(result.actors) > aggregate_html.AGGREGATE_ABOVE:
        pages.update(_district_pages(result, out, actor_pages))
    else:
        pages[out / "graph.html"] = actor_pages.render()
    nexus = network_of_networks(result.graph, result.dataset)
    page = render_network_of_networks(
        nexus, result.networks, result.actors, result.dataset.memberships, lang=lang
    )
    pages[out / "networks.html"] = page
    page = render_map(
        result.dataset.boundaries,
        result.regions,
        result.graph,
        result.actors,
        result.dataset.networks,
        lang=lang,
        attribution=result.dataset.region_source,
    )
    pages[out / "map.html"] = page
    if per_network:
        names = dict(zip(result.networks["id"], result.networks["name"], strict=True))
        for network_id, members in network_members(result.dataset).items():
            page = actor_pages.render(members, title=names[network_id])
            pages[out / "networks" / f"{safe_filename(network_id)}.html"] = page
    written = [_write(path, text) for path, text in pages.items()]
    remove_stale_pages(out, written)
    return written


PAGE_FOLDERS = ("networks", "districts")
"""Sub-folders of the output folder that hold only pages mintgraph writes (``--per-network``,
district pages above 2,000 actors)."""


def remove_stale_pages(out: Path, written: list[Path]) -> list[Path]:
    """Delete the ``.html`` pages of an earlier run in :data:`PAGE_FOLDERS` that this run did not
    write (a network that is gone, district pages of a larger landscape); return them.

    Only ``.html`` files directly in those sub-folders are touched, nothing else in the output
    folder, so a page can never outlive the data it showed.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / "networks").mkdir(); (out / "networks" / "old.html").write_text("x")
    1
    >>> [p.name for p in remove_stale_pages(out, [])]
    ['old.html']
    """
    keep = {p.resolve() for p in written}
    removed = []
    for folder in PAGE_FOLDERS:
        for page in sorted((out / folder).glob("*.html")):
            if page.resolve() not in keep:
                page.unlink(missing_ok=True)
                removed.append(page)
    return removed


DISTRICT_DENSE_LAYOUT_LIMIT = LAYOUT_ANCHORS
"""On the district pages, components of more nodes get the sampled force layout.

A landscape above :data:`~mintgraph.views.aggregate_html.AGGREGATE_ABOVE` actors has many
district pages of several hundred to a few thousand actors each; the exact force layout
(O(n²) per step) would take most of the writing time. Up to :data:`LAYOUT_ANCHORS` nodes the
sampled layout draws every node as an anchor, so its forces are exact.
"""


def _district_pages(result: Analysis, out: Path, actor_pages: ActorGraphPages) -> dict[Path, str]:
    """Above :data:`~mintgraph.views.aggregate_html.AGGREGATE_ABOVE` actors: ``graph.html`` shows the
    districts, and ``districts/<code>.html`` each district's actors with their partners and the
    ties that have at least one end in the district (ties between two partners from elsewhere
    belong to their own districts' pages). The district pages share one copy of vis-network,
    ``districts/vis-network.min.js`` and ``districts/vis-network.css``, and link back to the overview."""
    from mintgraph.views.common import shared_vis_files

    names = result.dataset.region_names()
    districts = list(result.actors.groupby("region", sort=True)["id"])
    links = {code: f"districts/{safe_filename(code)}.html" for code, _ in districts}

    def render(district: tuple[str, pd.Series]) -> str:
        code, ids = district
        title = names.get(code, code)
        return actor_pages.render(
            ids,
            partners=True,
            title=title,
            dense_limit=DISTRICT_DENSE_LAYOUT_LIMIT,
            shared_vis=True,
            overview="../graph.html",
        )

    # Each page depends only on its district: two threads (NumPy's layout steps run outside
    # the interpreter lock) give the same pages in the same order.
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        pages = {
            out / links[code]: page
            for (code, _), page in zip(districts, pool.map(render, districts), strict=True)
        }
    overview = render_district_overview(
        result.graph, result.actors, result.regions, lang=actor_pages.lang, links=links
    )
    shared = {out / "districts" / name: text for name, text in shared_vis_files().items()}
    return {out / "graph.html": overview, **shared, **pages}


def safe_filename(identifier: str) -> str:
    """A file name for a user-supplied id: letters, digits, ``-`` and ``_`` kept, anything else replaced.

    A changed id gets a short hash of the original, so two ids never share a file.

    >>> safe_filename("mint-wmk"), safe_filename("../etc/passwd")
    ('mint-wmk', '___etc_passwd-e96c47ea')
    """
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "_", identifier)[:80]
    if cleaned == identifier and cleaned:
        return cleaned
    return f"{cleaned}-{hashlib.sha1(identifier.encode('utf-8')).hexdigest()[:8]}"


def _personal(result: Analysis) -> pd.DataFrame | None:
    columns = [c for c in PERSONAL_COLUMNS if c in result.dataset.actors.columns]
    table = result.dataset.actors[["id", *columns]]
    return table if (table[columns] != "").any().any() else None


def _write(path: Path, text: str) -> Path:
    atomic_write_text(path, text)
    return path


def summary_text(result: Analysis) -> str:
    """A short, readable summary of the analysis for the terminal (English).

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> print(summary_text(analyze(tiny_dataset())).splitlines()[0])
    6 actors in 4 districts, 3 networks (1 umbrella), 6 cooperations → 5 ties active in 2020, 2 activities
    >>> print(summary_text(analyze(tiny_dataset(), year=2021)).splitlines()[1])
    1 tie whose cooperations all ended before 2021 is left out (--all-years counts it)
    """
    s = result.summary
    year = s.get("reference_year")
    when = f" active in {year}" if year is not None else " (all years, ended ones included)"
    lines = [
        f"{s['actors']:,} actors in {s['districts_with_actors']} districts, {s['networks']} networks "
        f"({s['umbrella_networks']} umbrella{'s' if s['umbrella_networks'] != 1 else ''}), "
        f"{s['cooperations']:,} cooperations → {s['ties']:,} ties{when}, {s['activities']:,} activities",
    ]
    ended = int(s.get("ended_ties") or 0)
    if ended:
        lines.append(
            f"{ended:,} tie{'s' if ended != 1 else ''} whose cooperations all ended before {year} "
            f"{'are' if ended != 1 else 'is'} left out (--all-years counts {'them' if ended != 1 else 'it'})"
        )
    if s["density"] is not None:
        lines.append(
            f"density {s['density']:.4f} · {s['components']} components, the largest holds "
            f"{s['largest_component_share']:.0%} of actors · clustering {s['average_clustering']:.3f}"
            + (
                f" · {s['cross_district_share']:.0%} of ties cross district borders"
                if s["cross_district_share"] is not None
                else ""
            )
        )
    sources = ProvenanceIndex(result.dataset)
    coops = provenance(result.dataset).set_index("table").loc["cooperations"]
    if coops["synthetic"]:
        lines.append(
            f"example data: {coops['synthetic'] / coops['rows']:.0%} of the {coops['rows']:,} cooperation rows are "
            "synthetic — the figures show how mintgraph computes, not findings about the organisations named"
        )
    actors = result.actors
    if len(actors) and actors["betweenness"].max() > 0:
        top = actors.sort_values(["betweenness", "id"], ascending=[False, True]).iloc[0]
        lines.append(
            f"strongest broker: {top['name']} ({top['region_name']}), betweenness {top['betweenness']:.3f}"
            + _example_mark(sources.fictional(top["id"]), sources.actor(top["id"]))
        )
    nets = rankable_networks(result.networks).dropna(subset=["density"])
    nets = nets[nets["level"] == "network"]
    if len(nets):
        dense = nets.sort_values(["density", "id"], ascending=[False, True]).iloc[0]
        lines.append(
            f"densest network of {SMALL_NETWORK_MEMBERS}+ members: {dense['name']} ({dense['members']} "
            f"members, density {dense['density']:.3f}, E-I {dense['ei_index']:+.2f})"
            + _example_mark(False, sources.network(network_members(result.dataset)[dense["id"]]))
        )
    small = result.networks.loc[result.networks["small_network"].astype(bool), "name"].tolist()
    if small:
        lines.append(
            f"small networks (fewer than {SMALL_NETWORK_MEMBERS} members, not ranked): " + ", ".join(small)
        )
    return "\n".join(lines)


def _example_mark(fictional: bool, example: bool) -> str:
    """The terminal's mark for a named claim on synthetic rows (see docs/report.md)."""
    if fictional:
        return " [fictional example actor]"
    return " [example data]" if example else ""


def scorecard_text(result: Analysis) -> str:
    """The Plus scorecard in a few terminal lines: per item, its first indicator for Hessen and the networks.

    The range runs over all regional networks; the best one is named only for an indicator
    with a ``direction`` that is ``size_free``, only among networks that are not
    ``small_network`` and only where the networks differ — so a one-member network with E-I +1
    or two tied members with density 1 are never "best". ``partial`` marks an indicator some networks lack data for.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> print(scorecard_text(analyze(tiny_dataset(), permutations=0)).splitlines()[3])
      Fostering cooperation              density                   all 0.333 · networks 1
    """
    card = result.scorecard
    regional = result.networks.loc[result.networks["level"] == "network", "id"]
    networks = card[card["scope"].isin(regional)]
    lines = [
        "Plus scorecard (all = the whole landscape as one network; networks: lowest–highest; "
        f"best of {SMALL_NETWORK_MEMBERS}+ members):"
    ]
    for plus in PLUS:
        label = f"  {plus.en:<34} "
        if not plus.indicators:
            lines.append(label + "not measurable from network data")
            continue
        indicator = plus.indicators[0]
        rows = networks[(networks["plus"] == plus.id) & (networks["indicator"] == indicator)]
        values = pd.to_numeric(rows["value"], errors="coerce").dropna()
        hessen = card[
            (card["scope"] == HESSEN) & (card["plus"] == plus.id) & (card["indicator"] == indicator)
        ]
        text = f"{indicator:<25} all {_fmt(hessen['value'].iloc[0])}"
        if len(values):
            spread = (
                _fmt(values.min())
                if values.min() == values.max()
                else f"{_fmt(values.min())}–{_fmt(values.max())}"
            )
            text += f" · networks {spread}"
            best = _best_network(rows) if values.min() != values.max() else None
            if best:
                text += f" (best: {best})"
            if rows["partial"].astype(bool).any():
                text += " · partial data"
        lines.append(label + text)
    return "\n".join(lines)


TERMINAL_EFFECTS = 5
"""How many clear differences the terminal states; the rest are in effects.csv and the report."""

ESTIMATES = frozenset({"partners_vs_comparable"})
"""Scorecard indicators that are estimates with an interval: no "best" network is named for them;
:func:`effects_text` says which differences are clear."""


def effects_text(result: Analysis) -> str:
    """What the networks add, for the terminal: the differences clear after the FDR adjustment.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> print(effects_text(analyze(tiny_dataset(), permutations=99)))
    Members against comparable actors outside each network (effects.csv; associations, not effects):
      No comparison has enough comparable actors to test a difference.
    """
    from mintgraph.views.report_html import effect_sentence  # the report's words; imported late (cycle)

    lines = [
        "Members against comparable actors outside each network (effects.csv; associations, not effects):"
    ]
    shown, rest = effect_highlights(effect_findings(result), TERMINAL_EFFECTS)
    for finding in shown:
        lines.append("  " + effect_sentence(finding, "en") + (" [example data]" if finding.example else ""))
    if rest:
        lines.append(
            f"  … and {rest:,} more clear difference{'s' if rest != 1 else ''} (effects.csv, report.html)"
        )
    return "\n".join(lines)


def _best_network(rows: pd.DataFrame) -> str | None:
    """The name of the best network among scorecard rows of one indicator, or None: only for a
    size-free indicator with a direction, only among networks that are not small (networks
    tied at the best value are all named, up to three)."""
    if rows.empty:
        return None
    direction, size_free = rows["direction"].iloc[0], rows["size_free"].iloc[0]
    if direction not in ("higher", "lower") or not size_free:
        return None
    if rows["indicator"].iloc[0] in ESTIMATES:  # an estimate with an interval: see effects_text
        return None
    values = pd.to_numeric(rows["value"], errors="coerce")
    eligible = values[values.notna() & ~rows["small_network"].astype(bool)]
    if eligible.empty:
        return None
    top = eligible.max() if direction == "higher" else eligible.min()
    names = [str(name) for name in rows.loc[eligible.index[eligible == top], "scope_name"]]
    return " / ".join(names) if len(names) <= 3 else f"{len(names)} networks at {_fmt(top)}"


def _fmt(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, int | float):
        return f"{value:.3g}"
    return str(value)


def write_report(
    result: Analysis, out_dir: str | Path, *, lang: str = "de", date: datetime.date | None = None
) -> Path:
    """Write ``report.html``, the printable report (:func:`mintgraph.views.report_html.render_report`).

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.
    out_dir : folder to write to (created if missing).
    lang : ``de`` or ``en``.
    date : the date printed on the report; ``None``: ``SOURCE_DATE_EPOCH`` if set, else today.

    Returns
    -------
    The path written.

    >>> import tempfile
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> write_report(analyze(tiny_dataset(), permutations=0), tempfile.mkdtemp(), lang="en").name
    'report.html'
    """
    from mintgraph.views.report_html import render_report  # matplotlib only when a report is asked for

    return _write(Path(out_dir) / "report.html", render_report(result, lang=lang, date=date))
