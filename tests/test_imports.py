"""The package's import graph: the command line goes through the API only, and no module imports
the package face (``mintgraph/__init__``) — the version comes from :mod:`mintgraph.version`."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mintgraph"


def _imports(path: Path) -> set[str]:
    """Every module a file imports (absolute names; ``from x import y`` gives ``x``, or ``x.y``
    when ``y`` is a submodule of the package, as in ``from mintgraph import engine``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
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
