"""The ``mintgraph`` command: a thin shell over :mod:`mintgraph.api`.

It parses options, calls the library and formats what comes back; it never
computes an indicator. Data problems end as one line on stderr and exit code 1;
usage errors exit with 2 (click's convention).

Example
-------
.. code-block:: console

    $ mintgraph validate data/
    $ mintgraph analyze data/ -o output/ --lang en
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from mintgraph import api
from mintgraph.api import (
    DEDUPE_THRESHOLD,
    EXPORT_FORMATS,
    FORK_ABOVE,
    LANGS,
    PLANTED_NOTE,
    SAMPLING_THRESHOLD,
    SIZE_COLUMNS,
    TERMINAL_LANG_VARIABLE,
    DataError,
    generate,
    import_answers,
    import_survey,
    load,
    terminal_text,
    validate,
    write_survey_forms,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    import networkx as nx

    from mintgraph.api import Analysis, Dataset

DATA_DIR = click.argument("data_dir", default="data", type=click.Path(path_type=Path), required=False)
"""A folder of CSV files, or one ``.xlsx`` workbook with a sheet per table."""

OUT_DIR = click.option(
    "-o",
    "--out",
    "out_dir",
    default="output",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the results.",
)
LANG = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=lambda: os.environ.get(TERMINAL_LANG_VARIABLE) or LANGS[0],
    show_default=f"{LANGS[0]}, or ${TERMINAL_LANG_VARIABLE}",
    help="Language of the pages and of what the command prints (German or English).",
)

YEAR = click.option(
    "--year",
    type=int,
    default=None,
    help="Analyse the ties active in this year (default: the data's last year). "
    "Ties whose cooperations all ended before it are left out and counted as ended_ties.",
)
ALL_YEARS = click.option(
    "--all-years",
    is_flag=True,
    help="Count every cooperation ever recorded, ended ones included (ignores --year).",
)


MUTUAL_ONLY = click.option(
    "--mutual-only",
    is_flag=True,
    help="Count only survey ties that both sides named (reciprocity 'mutual'); rows not from a survey stay.",
)

FORCE = click.option("--force", is_flag=True, help="Overwrite an existing file (never done silently).")


def _refuse_overwrite(out_file: Path, force: bool, data_dir: Path | None = None) -> None:
    """End with a one-line error if ``out_file`` exists or lies inside the data folder, unless ``force``."""
    if force:
        return
    if data_dir is not None and Path(data_dir).is_dir():
        try:
            inside = out_file.resolve().is_relative_to(Path(data_dir).resolve())
        except OSError:
            inside = False
        if inside:
            _fail(f"{out_file}: lies inside the data folder {data_dir}; write it elsewhere (or use --force)")
    if out_file.exists():
        _fail(f"{out_file}: exists and would be overwritten; choose another file with -o (or use --force)")


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _analyze(
    dataset: Dataset,
    year: int | None,
    all_years: bool,
    exact: bool | None = None,
    mutual_only: bool = False,
    on_graph: Callable[[nx.Graph, Dataset], None] | None = None,
) -> Analysis:
    """:func:`mintgraph.analyze` with the command's year options; a year without data is a one-line error."""
    try:
        return api.analyze(
            dataset, year=year, all_years=all_years, exact=exact, mutual_only=mutual_only, on_graph=on_graph
        )
    except ValueError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(api.__version__, prog_name="mintgraph")
def cli() -> None:
    """mintgraph: MINT education networks as a graph — are they 'gemeinsam stark'?"""


@cli.command(name="analyze")
@DATA_DIR
@OUT_DIR
@LANG
@click.option(
    "--size-by",
    type=click.Choice(SIZE_COLUMNS),
    default="degree",
    show_default=True,
    help="Actor indicator that sizes the nodes of graph.html.",
)
@click.option(
    "--per-network", is_flag=True, help="Also write networks/<id>.html, one actor graph per network."
)
@click.option(
    "--include-personal",
    is_flag=True,
    help="Show contact person, e-mail and phone in the actor graphs. Off by default: "
    "only for files you do not share.",
)
@click.option(
    "--exact",
    is_flag=True,
    help=f"Compute betweenness and closeness exactly also above {SAMPLING_THRESHOLD:,} actors "
    "(slow; there they are sampled within a documented error bound).",
)
@YEAR
@ALL_YEARS
@MUTUAL_ONLY
@click.option(
    "--excel",
    is_flag=True,
    help="Write the CSV files for a German Excel: byte-order mark, ';' between cells, decimal commas.",
)
def analyze_command(
    data_dir: Path,
    out_dir: Path,
    lang: str,
    size_by: str,
    per_network: bool,
    include_personal: bool,
    exact: bool,
    year: int | None,
    all_years: bool,
    mutual_only: bool,
    excel: bool,
) -> None:
    """Compute the indicators for DATA_DIR (default: data/) and write tables and views.

    Writes the tables (actors, networks, regions, network_pairs, scorecard, effects as CSV;
    summary.json) and the views (graph.html, networks.html, map.html) to the output
    folder. The data is validated first; on errors nothing is written.
    """
    # The cyclic garbage collector is off while the command analyses and writes: at 100,000
    # actors its collections took 4.6 s (timed with gc.callbacks) and, switched off, the peak
    # grew by 13 MB (benchmarks/README.md).
    with api.paused_cycle_collector(), contextlib.ExitStack() as stack:
        api.prestart_workers(data_dir)  # for a large landscape: its workers import while the data is read
        try:
            dataset = load(data_dir)
        except DataError as exc:
            _fail(str(exc))
        layouts: list[api.DistrictLayouts] = []

        def start_layouts(graph: nx.Graph, current: Dataset) -> None:
            # a large landscape's district pages: their layouts are drawn on the core the
            # indicators leave idle (they depend only on the graph and the actors)
            early = api.DistrictLayouts.start(graph, current)
            if early is not None:
                layouts.append(stack.enter_context(early))

        result = _analyze(
            dataset,
            year,
            all_years,
            exact=True if exact else None,
            mutual_only=mutual_only,
            on_graph=start_layouts,
        )
        # on a large landscape a forked copy words the result while the outputs are written
        big = len(result.actors) > FORK_ABOVE
        with api.Forked(functools.partial(api.analysis_text, result, lang), in_child=big) as wording:
            try:
                written = api.write_outputs(
                    result,
                    out_dir,
                    lang=lang,
                    size_by=size_by,
                    per_network=per_network,
                    include_personal=include_personal,
                    excel=excel,
                    layouts=layouts[0] if layouts else None,
                )
            except OSError as exc:
                _fail(f"{exc.filename or out_dir}: cannot write ({exc.strerror})")
            text = wording.result()
    click.echo(f"mintgraph analyze: {data_dir} → {out_dir}")
    click.echo(text)
    top = [p.name for p in written if p.parent == out_dir]
    inner = [p for p in written if p.parent != out_dir and p.suffix == ".html"]  # pages, not shared files
    folders = ", ".join(sorted({f"{p.parent.name}/" for p in inner}))
    extra = len(inner)
    more = terminal_text("wrote_more", lang, n=extra, folders=folders) if extra else ""
    click.echo("  " + terminal_text("wrote", lang, files=", ".join(top)) + more)
    personal = dataset.personal_values()
    api.outlive(result, dataset, layouts)  # freed by the process's end, not one by one on return
    if personal and not include_personal:
        held = ", ".join(
            terminal_text("personal_values", lang, column=column, n=n) for column, n in personal.items()
        )
        click.echo("  " + terminal_text("personal", lang, held=held))


@cli.command(name="report")
@DATA_DIR
@OUT_DIR
@LANG
@YEAR
@ALL_YEARS
@MUTUAL_ONLY
def report_command(
    data_dir: Path, out_dir: Path, lang: str, year: int | None, all_years: bool, mutual_only: bool
) -> None:
    """Write report.html and metrics.xlsx for DATA_DIR (default: data/).

    report.html is one printable, self-contained report; metrics.xlsx holds every
    table of analyze as one Excel sheet each.

    Executive summary, Plus scorecard, network comparison, charts over the years, map,
    suggested contacts, method and data provenance. The date printed on it is
    SOURCE_DATE_EPOCH if set, else today.
    """
    try:
        dataset = load(data_dir)
    except DataError as exc:
        _fail(str(exc))
    result = _analyze(dataset, year, all_years, mutual_only=mutual_only)
    try:
        written = api.write_report_files(result, out_dir, lang=lang)
    except OSError as exc:
        _fail(f"{exc.filename or out_dir}: cannot write ({exc.strerror})")
    click.echo(f"mintgraph report: {data_dir} → {out_dir}")
    click.echo("  " + terminal_text("wrote", lang, files=", ".join(p.name for p in written)))


@cli.command(name="validate")
@DATA_DIR
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def validate_command(data_dir: Path, fmt: str) -> None:
    """Check the tables in DATA_DIR and list every problem (file, row, column).

    Exit code 0: no errors (warnings may be listed); 1: the data has errors.
    """
    report = validate(data_dir)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"ok": report.ok, "problems": [p.to_dict() for p in report.problems]},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for problem in report.problems:
            click.echo(f"{problem.severity}: {problem}", err=problem.severity == "error")
        click.echo(f"{data_dir}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    sys.exit(0 if report.ok else 1)


@cli.command(name="dedupe")
@DATA_DIR
@click.option(
    "-o",
    "--out",
    "out_file",
    default="output/duplicates.csv",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the list of likely duplicates.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=DEDUPE_THRESHOLD,
    show_default=True,
    help="Minimum name similarity (0-100).",
)
@FORCE
def dedupe_command(data_dir: Path, out_file: Path, threshold: float, force: bool) -> None:
    """List likely duplicate actors (same district, similar names) for you to confirm.

    Writes a CSV with one row per likely duplicate and an empty 'confirmed' column.
    Write 'yes' where two rows are one organisation and save the file as
    duplicates.csv in the data folder: the next load merges them.
    """
    _refuse_overwrite(out_file, force, data_dir)
    try:
        dataset = load(data_dir)
    except DataError as exc:
        _fail(str(exc))
    table = api.find_duplicates(dataset, threshold=threshold)
    try:
        api.atomic_write_text(out_file, api.table_csv(table))
    except OSError as exc:
        _fail(f"{exc.filename or out_file}: cannot write ({exc.strerror})")
    click.echo(f"mintgraph dedupe: {len(table)} likely duplicate(s) among {len(dataset.actors):,} actors")
    for row in table.itertuples(index=False):
        click.echo(
            f"  {row.score:5.1f}  {row.duplicate_name!s} ({row.duplicate_id}) → {row.actor_name!s} ({row.actor_id})"
        )
    if len(table):
        click.echo(
            f"  wrote {out_file}: write 'yes' into 'confirmed' where right, then save it as "
            f"{Path(data_dir) / 'duplicates.csv'}"
        )


@cli.command(name="survey-form")
@DATA_DIR
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="forms",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the forms.",
)
@click.option(
    "--network",
    "networks",
    multiple=True,
    help="A form for this network's members (repeatable); without it, one form for every actor.",
)
@LANG
def survey_form_command(data_dir: Path, out_dir: Path, networks: tuple[str, ...], lang: str) -> None:
    """Write an offline survey form (one HTML file) to e-mail to the members.

    The respondent picks their organisation, names partners from the roster (no personal data),
    and saves one answer file to send back; read the answers with 'mintgraph import-survey FOLDER'.
    """
    try:
        dataset = load(data_dir)
    except DataError as exc:
        _fail(str(exc))
    unknown = [n for n in networks if n not in set(dataset.networks["id"])]
    if unknown:
        _fail(f"unknown network '{unknown[0]}' (networks.csv has: {', '.join(dataset.networks['id'])})")
    try:
        written = write_survey_forms(dataset, out_dir, list(networks) or None, lang=lang)
    except OSError as exc:
        _fail(f"{exc.filename or out_dir}: cannot write ({exc.strerror})")
    click.echo(f"mintgraph survey-form: {data_dir} → {out_dir}")
    for path in written:
        click.echo(f"  wrote {path.name}")


@cli.command(name="import-survey")
@click.argument("survey", type=click.Path(path_type=Path))
@click.option(
    "--mapping",
    "mapping_file",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file naming the survey export's columns (see docs/survey.md); not for answer files.",
)
@click.option(
    "--data",
    "data_dir",
    default="data",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The data the forms were made from (for a folder of answer files).",
)
@click.option(
    "-o",
    "--out",
    "out_file",
    default="output/cooperations_survey.csv",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the cooperations (never over an existing file without --force).",
)
@FORCE
def import_survey_command(
    survey: Path, mapping_file: Path | None, data_dir: Path, out_file: Path, force: bool
) -> None:
    """Turn survey answers into cooperations: a folder of answer files from 'mintgraph survey-form',
    or a survey export (one row per respondent, partners in columns) with --mapping.

    Writes a cooperations.csv with a 'reciprocity' column (mutual, one_sided, unconfirmed) and
    prints the response rate. For answer files also: new actors to confirm, activities, and the
    actors that have not answered yet, next to the cooperations file.
    """
    if survey.is_dir():
        _import_answer_files(survey, data_dir, out_file, force)
        return
    if mapping_file is None:
        _fail(f"{survey}: a survey export needs --mapping (a folder of answer files does not)")
    _refuse_overwrite(out_file, force)
    try:
        result = import_survey(survey, mapping_file)
    except DataError as exc:
        _fail(str(exc))
    try:
        api.atomic_write_text(out_file, api.table_csv(result.cooperations))
    except OSError as exc:
        _fail(f"{exc.filename or out_file}: cannot write ({exc.strerror})")
    counts = result.cooperations["reciprocity"].value_counts()
    rate = f"{result.response_rate:.0%}" if result.population else "–"
    click.echo(
        f"mintgraph import-survey: {result.respondents} of {result.population} actors responded ({rate}); "
        f"{len(result.cooperations)} cooperations: {counts.get('mutual', 0)} mutual, "
        f"{counts.get('one_sided', 0)} one-sided, {counts.get('unconfirmed', 0)} unconfirmed"
    )
    for problem in result.problems[:20]:
        click.echo(f"  warning: {problem}", err=True)
    if len(result.problems) > 20:
        click.echo(f"  … and {len(result.problems) - 20} more warnings", err=True)
    click.echo(f"  wrote {out_file}")


def _import_answer_files(folder: Path, data_dir: Path, out_file: Path, force: bool) -> None:
    """``import-survey FOLDER``: every answer file checked before anything is written."""
    outputs = {
        "cooperations": out_file,
        "actors": out_file.with_name("actors_survey.csv"),
        "activities": out_file.with_name("activities_survey.csv"),
        "not_answered": out_file.with_name("not_answered.csv"),
    }
    for path in outputs.values():
        _refuse_overwrite(path, force, data_dir)
    try:
        dataset = load(data_dir)
        result = import_answers(folder, dataset)
    except DataError as exc:
        _fail(str(exc))
    tables = {
        "cooperations": result.cooperations,
        "actors": result.new_actors,
        "activities": result.activities,
        "not_answered": result.not_answered,
    }
    try:
        api.write_all((path, api.table_csv(tables[key])) for key, path in outputs.items())
    except OSError as exc:
        _fail(f"{exc.filename or out_file}: cannot write ({exc.strerror})")
    counts = result.cooperations["reciprocity"].value_counts()
    whole = result.response.iloc[0]
    click.echo(
        f"mintgraph import-survey: {len(result.respondents)} answer files of {int(whole['members'])} actors "
        f"({whole['rate']:.0%}); {len(result.cooperations)} cooperations: {counts.get('mutual', 0)} mutual, "
        f"{counts.get('one_sided', 0)} one-sided, {counts.get('unconfirmed', 0)} unconfirmed"
    )
    names = dict(zip(dataset.networks["id"], dataset.networks["name"], strict=True))
    for row in result.response.iloc[1:].itertuples(index=False):
        rate = f"{row.rate:.0%}" if row.members else "–"
        click.echo(
            f"  {names.get(row.network, row.network)}: {row.answered} of {row.members} members answered ({rate})"
        )
    waiting = result.not_answered["name"].tolist()
    if waiting:
        shown = ", ".join(waiting[:20]) + (f" … and {len(waiting) - 20} more" if len(waiting) > 20 else "")
        click.echo(f"  not answered yet ({len(waiting)}): {shown}")
    if len(result.new_actors):
        click.echo(
            f"  {len(result.new_actors)} partners not in actors.csv: check {outputs['actors']} "
            "(similar_to names existing actors that may be the same) before adding them"
        )
    for problem in result.warnings[:20]:
        click.echo(f"  warning: {problem}", err=True)
    for path in outputs.values():
        click.echo(f"  wrote {path}")


@cli.command(name="compare")
@click.argument("data_dirs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--from", "year_from", type=int, help="The earlier year (with --to and one DATA_DIR).")
@click.option("--to", "year_to", type=int, help="The later year.")
@OUT_DIR
@LANG
def compare_command(
    data_dirs: tuple[Path, ...], year_from: int | None, year_to: int | None, out_dir: Path, lang: str
) -> None:
    """Compare two states of the landscape: two years of one dataset, or two survey waves.

    \b
    mintgraph compare --from 2019 --to 2024 [DATA_DIR]   (default: data/)
    mintgraph compare OLD_DIR NEW_DIR

    Writes compare.csv (every network, district and landscape indicator before and after),
    compare_ties.csv, compare_actors.csv and compare.html.
    """
    if (year_from is None) != (year_to is None):
        raise click.UsageError("give both --from and --to, or neither (and two folders)")
    if year_from is not None and year_to is not None:
        if len(data_dirs) > 1:
            raise click.UsageError("with --from/--to give at most one DATA_DIR")
        if year_from >= year_to:
            raise click.BadParameter(f"{year_from} is not before {year_to}", param_hint="'--from'/'--to'")
        data_dir = data_dirs[0] if data_dirs else Path("data")
        try:
            dataset = load(data_dir)
        except DataError as exc:
            _fail(str(exc))
        try:
            comparison = api.compare_years(dataset, year_from, year_to)
        except ValueError as exc:
            _fail(str(exc))
        source = str(data_dir)
    else:
        if len(data_dirs) != 2:
            raise click.UsageError("give two folders (OLD_DIR NEW_DIR), or one with --from and --to")
        datasets = []
        for folder in data_dirs:
            try:
                datasets.append(load(folder))
            except DataError as exc:
                _fail(str(exc))
        old, new = data_dirs
        labels = (old.name, new.name) if old.name != new.name else (str(old), str(new))
        comparison = api.compare_datasets(datasets[0], datasets[1], labels=labels)
        source = f"{old} → {new}"
    for warning in comparison.warnings:
        click.echo(f"Warning: {warning}", err=True)
    try:
        written = api.write_comparison(comparison, out_dir, lang=lang)
    except OSError as exc:
        _fail(f"{exc.filename or out_dir}: cannot write ({exc.strerror})")
    click.echo(f"mintgraph compare: {source} → {out_dir}")
    for line in api.comparison_text(comparison).splitlines():
        click.echo(f"  {line}")
    click.echo("  " + terminal_text("wrote", lang, files=", ".join(p.name for p in written)))


@cli.command(name="export")
@DATA_DIR
@OUT_DIR
@click.option(
    "--format",
    "formats",
    type=click.Choice(EXPORT_FORMATS),
    multiple=True,
    help="File format; repeat for several. Default: all three.",
)
@YEAR
@ALL_YEARS
def export_command(
    data_dir: Path, out_dir: Path, formats: tuple[str, ...], year: int | None, all_years: bool
) -> None:
    """Write the actor graph of DATA_DIR for other tools: graph.gexf, graph.graphml, graph.json.

    GEXF 1.3 opens in Gephi with the colours, sizes and positions of graph.html; GraphML
    reads into igraph, Cytoscape and yEd; node-link JSON into networkx and D3. Every
    indicator of actors.csv is a node attribute, every tie attribute an edge attribute;
    personal data (contact person, e-mail, phone) is never written.
    """
    try:
        dataset = load(data_dir)
    except DataError as exc:
        _fail(str(exc))
    result = _analyze(dataset, year, all_years)
    try:
        written = api.write_exports(result, out_dir, formats or EXPORT_FORMATS)
    except OSError as exc:
        _fail(f"{exc.filename or out_dir}: cannot write ({exc.strerror})")
    except ValueError as exc:
        _fail(str(exc))
    click.echo(f"mintgraph export: {data_dir} → {out_dir}")
    click.echo("  wrote: " + ", ".join(p.name for p in written))


@cli.command(name="generate")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--actors", "n_actors", type=click.IntRange(min=2), required=True, help="Number of actors.")
@click.option(
    "--regions",
    "n_regions",
    type=click.IntRange(1, 9999),
    default=26,
    show_default=True,
    help="Number of districts: up to 26 of Hessen's, more a synthetic state (written as regions.csv).",
)
@click.option(
    "--seed", type=int, default=1, show_default=True, help="Seed: the same seed gives the same files."
)
@click.option(
    "--cooperations-per-actor",
    type=click.FloatRange(min=0.5),
    default=5.0,
    show_default=True,
    help="Rows of cooperations.csv per actor.",
)
@click.option(
    "--plant-effect",
    "plant_extra",
    metavar="EXTRA",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    help="Members of one network get EXTRA more partners outside it on average — a known effect "
    "for testing the effects analysis.",
)
@click.option(
    "--plant-network",
    metavar="ID",
    default=None,
    help="Network that gets the planted effect.  [default: the largest regional network]",
)
@click.option(
    "--force", is_flag=True, help="Write into a folder that already holds files (replaces its tables)."
)
@click.option(
    "--land",
    type=click.Choice([f"{i:02d}" for i in range(1, 17)] + ["all"]),
    default=None,
    help="Use the real districts of one Land (e.g. 09 = Bayern) or of all of Germany (all); "
    "--regions is then ignored.",
)
def generate_command(
    out_dir: Path,
    n_actors: int,
    n_regions: int,
    seed: int,
    cooperations_per_actor: float,
    plant_extra: float,
    plant_network: str | None,
    force: bool,
    land: str | None,
) -> None:
    """Write a synthetic MINT landscape to OUT_DIR, in the data format (see docs/generate.md).

    Districts, regional networks under umbrella networks, heavy-tailed degrees, mostly
    local ties and a few long-range bridges, activities and years; every row is marked
    source=synthetic. Analyse it with `mintgraph analyze OUT_DIR`.
    """
    try:
        written = generate(
            out_dir,
            n_actors=n_actors,
            n_regions=n_regions,
            seed=seed,
            cooperations_per_actor=cooperations_per_actor,
            plant_network=plant_network,
            plant_extra=plant_extra,
            force=force,
            land=land,
        )
    except FileExistsError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or out_dir}: cannot write ({exc.strerror})")
    except ValueError as exc:
        _fail(str(exc))
    where = f"the districts of Land {land}" if land not in (None, "all") else "all of Germany's 400 districts"
    where = f"{n_regions} districts" if land is None else where
    click.echo(f"mintgraph generate: {n_actors:,} actors in {where} (seed {seed}) → {out_dir}")
    click.echo("  wrote: " + ", ".join(p.name for p in written))
    if plant_extra > 0:
        import csv

        note = PLANTED_NOTE.format(extra=plant_extra)
        with (Path(out_dir) / "networks.csv").open(encoding="utf-8", newline="") as handle:
            planted = [row for row in csv.DictReader(handle) if row.get("note") == note]
        for row in planted:
            click.echo(
                f"  planted effect: +{plant_extra:g} partners per member outside {row['id']} ({row['name']})"
            )


def main() -> None:
    """Entry point of the ``mintgraph`` console script."""
    cli()
