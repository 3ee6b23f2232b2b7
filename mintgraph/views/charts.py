"""Charts of the report as inline SVG text, drawn with matplotlib — deterministic and offline.

Each function takes plain tables and labels and returns one ``<svg>`` element as text, ready
to be placed into an HTML page (no XML declaration, no DOCTYPE). The output is byte-identical
for the same input: the Agg-free SVG canvas is used with a fixed ``svg.hashsalt``, text stays
text (``svg.fonttype: none``, so it is searchable and prints sharply) and the date metadata is
left out. Element ids are prefixed with a per-chart prefix so several charts can share a page.
matplotlib is imported inside the functions, so importing this module costs nothing.

Text reaches the SVG through matplotlib's own XML escaping; a name such as
``<script>alert(1)</script>`` stays text.

Example
-------
>>> svg = line_chart([2012, 2013], {"Ties": [1, 3]}, title="Ties", ylabel="n", prefix="t")
>>> svg.startswith("<svg") and svg.count("<svg") == 1 and "Ties" in svg
True
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mintgraph.i18n import format_int, format_number

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

SALT = "mintgraph"
"""Fixed ``svg.hashsalt``: matplotlib's content-derived ids (clip paths) are the same in every run."""

SERIES_COLORS: tuple[str, ...] = (
    "#0072B2",  # Okabe–Ito blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#882255",  # Tol wine
    "#999933",  # Tol olive
    "#332288",  # Tol indigo
    "#000000",
)
"""Colours of the lines of several networks (colour-blind safe, Okabe–Ito and Tol)."""

NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
"""``savefig`` metadata: no date (reproducible) and no other Dublin Core block."""

LEGEND_COLUMNS = 3  # entries per legend row, below the chart
WIDTH_IN = 7.0  # figure width in inches: a little less than A4's text width
RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": SALT,
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "path.simplify": False,
}
"""rcParams of every chart (set only while a chart is drawn)."""


def _figure(height: float):  # -> matplotlib.figure.Figure
    import matplotlib

    matplotlib.use("Agg")  # never a GUI backend; the SVG canvas is attached below
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height), layout="constrained")
    FigureCanvasSVG(figure)
    return figure


def _svg(figure, prefix: str, label: str) -> str:
    """The figure as SVG text, without the XML prologue, with every id prefixed by ``prefix``."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata=NO_METADATA)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", text)
    text = re.sub(r'((?:xlink:)?href)="#([^"]+)"', rf'\1="#{prefix}-\2"', text)
    return text.replace(
        "<svg ", f'<svg class="chart" role="img" aria-label="{html.escape(label)}" ', 1
    ).strip()


def _tick_formatter(lang: str):  # -> matplotlib.ticker.FuncFormatter
    """Tick labels in the language's number format (``0,5`` and ``1.050`` in German)."""
    from matplotlib.ticker import FuncFormatter

    def label(value: float, _position: int) -> str:
        if float(value).is_integer():
            return format_int(int(value), lang).replace("-", "\u2212")
        return f"{value:.2f}".rstrip("0").replace("-", "\u2212").replace(".", "," if lang == "de" else ".")

    return FuncFormatter(label)


def _context():
    import matplotlib

    return matplotlib.rc_context(RC)


def line_chart(
    years: Sequence[int],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str,
    ylabel: str,
    prefix: str,
    xlabel: str = "",
    ylim: tuple[float, float] | None = None,
    integer: bool = False,
    lang: str = "en",
    height: float = 2.9,
) -> str:
    """One line per series over the years, as SVG text.

    Parameters
    ----------
    years : the x values.
    series : label → values (one per year; ``None`` or NaN leave a gap). Colours follow
        :data:`SERIES_COLORS` in the mapping's order.
    title, ylabel, xlabel : translated chart title and axis labels.
    prefix : prefix of the element ids (unique per page).
    ylim : fixed y range, e.g. ``(-1, 1)`` for the E-I index.
    integer : integer ticks on the y axis (counts).
    lang : language of the tick numbers (decimal mark and thousands separator).

    Returns
    -------
    The ``<svg>`` element as text.

    Example
    -------
    >>> svg = line_chart([1, 2, 3], {"<b>&": [0.1, None, 0.3], "b": [1, 2, 3]}, title="T", ylabel="y", prefix="x")
    >>> "&lt;b&gt;&amp;" in svg and "<b>" not in svg
    True
    """
    with _context():
        from matplotlib.ticker import MaxNLocator

        rows = math.ceil(len(series) / LEGEND_COLUMNS) if len(series) > 1 else 0
        figure = _figure(height + 0.22 * rows)
        axes = figure.add_subplot()
        for index, (label, values) in enumerate(series.items()):
            ys = [float("nan") if v is None else float(v) for v in values]
            axes.plot(
                list(years),
                ys,
                marker="o",
                markersize=3,
                linewidth=1.6,
                color=SERIES_COLORS[index % len(SERIES_COLORS)],
                label=label,
            )
        axes.set_title(title, loc="left")
        axes.set_ylabel(ylabel)
        axes.set_xlabel(xlabel)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        if integer:
            axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(_tick_formatter(lang))
        if ylim is not None:
            axes.set_ylim(*ylim)
        if len(series) > 1:
            figure.legend(loc="outside lower center", ncols=min(LEGEND_COLUMNS, len(series)), fontsize=8)
        return _svg(figure, prefix, title)


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    colors: Sequence[str],
    *,
    title: str,
    xlabel: str,
    prefix: str,
    lang: str = "en",
) -> str:
    """Horizontal bars, the first label on top, each bar labelled with its value, as SVG text.

    Example
    -------
    >>> svg = bar_chart(["Schule", "Uni"], [2, 1], ["#56B4E9", "#0072B2"], title="T", xlabel="n", prefix="b")
    >>> svg.count('fill: #56b4e9') >= 1
    True
    """
    height = 0.9 + 0.28 * max(len(labels), 1)
    with _context():
        figure = _figure(height)
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        axes.barh(positions, list(values), color=list(colors), edgecolor="#555555", linewidth=0.4)
        axes.set_yticks(positions, list(labels))
        axes.invert_yaxis()
        axes.grid(axis="y", visible=False)
        axes.set_axisbelow(True)
        axes.set_title(title, loc="left")
        axes.set_xlabel(xlabel)
        top = max(values, default=0) or 1
        for y, value in zip(positions, values, strict=True):
            axes.text(value + top * 0.01, y, format_number(value, lang), va="center", fontsize=8)
        axes.set_xlim(0, top * 1.12)
        axes.xaxis.set_major_formatter(_tick_formatter(lang))
        return _svg(figure, prefix, title)
