"""Packaging that can't drift: the floors in pyproject.toml are the versions CI tests against."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / ".ci" / "constraints-min.txt"


def normalized(name: str) -> str:
    """A distribution name as pip compares it (PEP 503): ``Jinja2`` and ``jinja2`` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def floors(pyproject: str) -> tuple[dict[str, str], list[str]]:
    """The ``>=`` floor of each runtime dependency in ``[project] dependencies``, and what is wrong
    (a dependency without exactly one ``>=`` floor, or listed twice)."""
    found: dict[str, str] = {}
    problems = []
    for text in tomllib.loads(pyproject)["project"]["dependencies"]:
        requirement = Requirement(text)
        name = normalized(requirement.name)
        lower = [s.version for s in requirement.specifier if s.operator == ">="]
        if len(lower) != 1:
            problems.append(f"{text!r} in pyproject.toml needs exactly one >= floor")
        elif name in found:
            problems.append(f"{requirement.name} is listed twice in pyproject.toml")
        else:
            found[name] = lower[0]
    return found, problems


def pins(constraints: str) -> tuple[dict[str, str], list[str]]:
    """The ``name==version`` pins of a constraints file, and what is wrong (another form, a name
    pinned twice)."""
    found: dict[str, str] = {}
    problems = []
    for line in constraints.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([0-9][^\s;,]*)", line)
        if not match:
            problems.append(f"{line!r} in constraints-min.txt is not name==version")
            continue
        name = normalized(match.group(1))
        if name in found:
            problems.append(f"{match.group(1)} is pinned twice in constraints-min.txt")
        found[name] = match.group(2)
    return found, problems


def drift(pyproject: str, constraints: str) -> list[str]:
    """Every way the pins differ from the floors: a dependency without a pin, a pin of something
    that is no runtime dependency, a pin other than the floor (compared as written)."""
    wanted, problems = floors(pyproject)
    pinned, more = pins(constraints)
    problems += more
    for name in sorted(wanted.keys() - pinned.keys()):
        problems.append(f"{name}>={wanted[name]} has no pin in constraints-min.txt")
    for name in sorted(pinned.keys() - wanted.keys()):
        problems.append(f"{name}=={pinned[name]} is pinned but is no runtime dependency")
    for name in sorted(wanted.keys() & pinned.keys()):
        if wanted[name] != pinned[name]:
            problems.append(f"{name}: floor {wanted[name]} in pyproject.toml, pin {pinned[name]}")
    return problems


def test_every_runtime_dependency_is_pinned_at_its_floor():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert drift(pyproject, CONSTRAINTS.read_text(encoding="utf-8")) == []
    assert floors(pyproject)[0], "no runtime dependency found"


def test_drift_is_found():
    pyproject = """
[project]
dependencies = ["networkx>=3.6", "Jinja2>=3.1", "pandas", "numpy>=2.0,>=2.1", "tqdm>=4.66"]
"""
    constraints = "# floors\nnetworkx==3.6.1\njinja2==3.1  # same name as Jinja2\nscipy==1.13\ntqdm>=4.66\n"
    assert drift(pyproject, constraints) == [
        "'pandas' in pyproject.toml needs exactly one >= floor",
        "'numpy>=2.0,>=2.1' in pyproject.toml needs exactly one >= floor",
        "'tqdm>=4.66' in constraints-min.txt is not name==version",
        "tqdm>=4.66 has no pin in constraints-min.txt",
        "scipy==1.13 is pinned but is no runtime dependency",
        "networkx: floor 3.6 in pyproject.toml, pin 3.6.1",
    ]
    assert "networkx is pinned twice in constraints-min.txt" in drift(
        pyproject, "networkx==3.6\nnetworkx==3.6\n"
    )


def test_ci_runs_the_suite_at_the_pins():
    script = ROOT / ".ci" / "min-versions"
    assert os.access(script, os.X_OK), ".ci/min-versions must be executable"
    text = script.read_text(encoding="utf-8")
    assert "-c .ci/constraints-min.txt" in text
    assert ".venv-min/bin/python -m pytest" in text
    assert ".ci/min-versions" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
