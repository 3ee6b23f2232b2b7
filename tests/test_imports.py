"""The package's import graph: the command line goes through the API only, and no module imports
the package face (``mintgraph/__init__``) — the version comes from :mod:`mintgraph.version`."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mintgraph"


def _imports(path: Path, *, type_checking: bool = True) -> set[str]:
    """Every module a file imports (absolute names; ``from x import y`` gives ``x``, or ``x.y``
    when ``y`` is a submodule of the package, as in ``from mintgraph import engine``). With
    ``type_checking=False``, the imports under ``if TYPE_CHECKING:`` are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if not type_checking:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and ast.unparse(node.test) in (
                "TYPE_CHECKING",
                "typing.TYPE_CHECKING",
            ):
                skipped |= {id(inner) for stmt in node.body for inner in ast.walk(stmt)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = PACKAGE.parent.joinpath(*node.module.split("."), alias.name)
                is_module = sub.with_suffix(".py").is_file() or (sub / "__init__.py").is_file()
                found.add(f"{node.module}.{alias.name}" if is_module else node.module)
    return found


def test_the_command_line_imports_only_the_api() -> None:
    own = {m for m in _imports(PACKAGE / "cli.py") if m == "mintgraph" or m.startswith("mintgraph.")}
    assert own == {"mintgraph.api"}


def test_no_module_imports_the_package_face() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "__init__.py" or path.parent != PACKAGE
        if "mintgraph" in _imports(path)
    ]
    assert offenders == []


def test_the_version_is_the_installed_packages() -> None:
    from importlib.metadata import version

    import mintgraph
    from mintgraph.version import __version__

    assert mintgraph.__version__ == __version__ == version("mintgraph")


LAYERS: dict[int, set[str]] = {
    0: {
        "defaults",
        "version",
        "errors",
        "schema",
        "i18n",
        "style",
        "interrupts",
        "files",
        "workers",
        "kernels",
        "jit",
        "libraries",
        "lifetime",
        "regions",
        "engine",
        "summary",
        "cells",
        "geo",
    },
    1: {"io", "model", "dedupe", "validate", "testing", "synth", "survey"},  # load
    2: {"timeline", "graph"},  # graph
    3: {"metrics", "layout", "analysis", "compare", "report"},  # measure (metrics.* included)
    4: {"views", "export", "export_compare", "interchange", "workbook", "notebook", "survey_form"},  # render
    5: {"api"},
    6: {"cli", "console", "__main__", ""},  # "" is the package face, mintgraph/__init__
}
"""The one-way flow ``load → model → graph → metrics → render/export → api → cli``: a module may
import from its own layer or a lower one (the first part of its name after ``mintgraph.`` decides)."""

ALLOWED_UPWARD = {
    ("mintgraph.analysis", "mintgraph.notebook"): "Jupyter's Analysis._repr_html_ hook, imported when called",
}


def _module_graph() -> dict[str, set[str]]:
    """Module → the package modules it imports at run time (``if TYPE_CHECKING:`` blocks left out)."""
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return {
        name: {m for m in _imports(path, type_checking=False) if m in modules and m != name}
        for name, path in modules.items()
    }


def _layer(module: str) -> int:
    first = module.removeprefix("mintgraph").removeprefix(".").split(".")[0]
    return next(rank for rank, names in LAYERS.items() if first in names)


def test_every_module_has_a_layer() -> None:
    unplaced = []
    for module in _module_graph():
        try:
            _layer(module)
        except StopIteration:
            unplaced.append(module)
    assert unplaced == []


def test_imports_flow_one_way_and_form_no_cycle() -> None:
    import networkx as nx

    graph = _module_graph()
    upward = sorted((a, b) for a, targets in graph.items() for b in targets if _layer(b) > _layer(a))
    assert upward == sorted(ALLOWED_UPWARD)
    directed = nx.DiGraph([(a, b) for a, targets in graph.items() for b in targets])
    assert nx.is_directed_acyclic_graph(directed), nx.find_cycle(directed)


def test_the_command_starts_without_the_heavy_libraries() -> None:
    """``mintgraph --help`` (and every option declaration) loads neither pandas, numpy nor a graph
    library: they load when a command runs (issue 18: start-up under 0.5 s)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from mintgraph.console import main\n"
        "sys.argv = ['mintgraph', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pandas', 'numpy', 'scipy', 'networkx', 'igraph', 'networkit', 'matplotlib', 'jinja2')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Commands:" in out and out.strip().splitlines()[-1] == "[]"


def test_the_api_names_that_load_lazily_exist() -> None:
    import mintgraph.api as api

    for name in api._LAZY:
        assert getattr(api, name) is not None, name
    assert set(api._LAZY) <= set(api.__all__)


def test_the_command_imports_igraph_without_its_plotting_backend(tmp_path: Path) -> None:
    """The command hides matplotlib while igraph loads (igraph would load matplotlib.pyplot,
    0.3 s of every run: :mod:`mintgraph.libraries`); igraph works, and the report still draws its charts with matplotlib.
    The example does not load numba either (:mod:`mintgraph.kernels` pays only on larger data)."""
    import subprocess
    import sys

    data = PACKAGE.parent / "data"
    code = (
        "import sys\n"
        "from mintgraph.console import main\n"
        f"sys.argv = ['mintgraph', 'analyze', {str(data)!r}, '-o', {str(tmp_path / 'a')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('numba', 'numba' in sys.modules)\n"
        "import igraph\n"
        "print('igraph', 'igraph' in sys.modules, igraph.Graph.Ring(5).diameter())\n"
        "print('pyplot', 'matplotlib.pyplot' in sys.modules)\n"
        f"sys.argv = ['mintgraph', 'report', {str(data)!r}, '-o', {str(tmp_path / 'r')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('matplotlib', 'matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "igraph True 2" in out and "pyplot False" in out and "matplotlib True" in out
    assert "numba False" in out  # the example's work is too small for the compiled loops to pay
    report = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "<svg" in report or "data:image/png" in report


def test_networkit_is_imported_without_its_plotting_and_learning_where_mintgraph_runs_alone() -> None:
    """networkit would load matplotlib.pyplot and scikit-learn (0.85 s of CPU): in the command's
    process and in a worker it loads without them and works; both import later as usual."""
    import functools
    import subprocess
    import sys

    from mintgraph.workers import receive, send, start_worker, stop

    code = (
        "import sys\n"
        "from mintgraph.libraries import leave_out_extras\n"
        "leave_out_extras()\n"
        "import igraph, networkit\n"
        "print('loaded', sorted(m for m in ('matplotlib', 'sklearn') if m in sys.modules))\n"
        "g = networkit.Graph(3)\n"
        "g.addEdge(0, 1); g.addEdge(1, 2)\n"
        "print('betweenness', networkit.centrality.Betweenness(g).run().scores())  # ordered pairs\n"
        "import matplotlib.pyplot, sklearn\n"
        "print('later', 'matplotlib.pyplot' in sys.modules and 'sklearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "loaded []" in out and "betweenness [0.0, 2.0, 0.0]" in out and "later True" in out
    # networkit as imported alone, for comparison: it does load both
    plain = "import sys, networkit; print(sorted(m for m in ('matplotlib', 'sklearn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", plain], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['matplotlib', 'sklearn']"
    # a worker process (asked directly: a Worker would do a call it has not sent yet itself)
    check = "sorted(m for m in ('matplotlib', 'sklearn', 'networkit') if m in __import__('sys').modules)"
    worker = start_worker()
    assert worker is not None
    try:
        send(worker.stdin, functools.partial(eval, "__import__('networkit').__name__"))
        assert receive(worker.stdout) == (True, "networkit")
        send(worker.stdin, functools.partial(eval, check))
        assert receive(worker.stdout) == (True, ["networkit"])
    finally:
        stop(worker)


def test_the_command_ends_without_teardown_yet_flushes_and_runs_exit_handlers(tmp_path: Path) -> None:
    """``console.run`` (the installed command, ``python -m mintgraph``) ends the process at once
    after the command: its output is all there, written to a pipe, and the exit handlers
    ran; a failing command the same, with its own exit code."""
    import subprocess
    import sys

    data = PACKAGE.parent / "data"
    mark = tmp_path / "handler-ran"
    code = (
        "import atexit, pathlib, sys\n"
        f"atexit.register(pathlib.Path({str(mark)!r}).write_text, 'yes')\n"
        "from mintgraph.console import run\n"
        f"sys.argv = ['mintgraph', 'analyze', {str(data)!r}, '-o', {str(tmp_path / 'a')!r}]\n"
        "run()\n"
        "print('not reached')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().splitlines()[-1].startswith("  geschrieben: actors.csv")
    assert "not reached" not in done.stdout and mark.read_text() == "yes"
    assert (tmp_path / "a" / "summary.json").is_file()
    mark.unlink()
    failing_code = code.replace(str(data), str(tmp_path / "missing"))
    failing = subprocess.run([sys.executable, "-c", failing_code], capture_output=True, text=True)
    assert failing.returncode == 1 and failing.stderr.startswith("Error: "), failing.stderr
    assert "not reached" not in failing.stdout and mark.read_text() == "yes"


def test_the_command_keeps_its_analysis_until_the_process_ends_and_the_api_keeps_nothing(
    tmp_path: Path,
) -> None:
    """Inside ``console.run`` the analysis, its data and the actor pages' parts are kept until
    the process ends (never freed one by one: :mod:`mintgraph.lifetime`); the same command
    through click's runner, as the API and the tests call it, keeps nothing."""
    import subprocess
    import sys

    from click.testing import CliRunner

    from mintgraph import lifetime
    from mintgraph.cli import cli

    data = PACKAGE.parent / "data"
    seen = tmp_path / "kept"
    code = (
        "import atexit, pathlib, sys\n"
        "from mintgraph import lifetime\n"
        f"atexit.register(lambda: pathlib.Path({str(seen)!r}).write_text("
        "' '.join(sorted(type(o).__name__ for o in lifetime._kept))))\n"
        "from mintgraph.console import run\n"
        f"sys.argv = ['mintgraph', 'analyze', {str(data)!r}, '-o', {str(tmp_path / 'a')!r}]\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert seen.read_text().split() == ["ActorGraphPages", "Analysis", "Dataset", "list"]
    result = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert lifetime.kept() == 0
