"""Benchmark ``mintgraph analyze`` on generated landscapes of 1k, 10k, 100k actors, against plain networkx.

Usage::

    python benchmarks/run.py [--sizes example,1000,10000,100000] [--timeout 600] [--repeat 3] [--readme]

For each size (``example`` is the bundled ``data/``; a number N is a landscape of N actors and
about 5 cooperations per actor made by ``mintgraph generate`` — 26 Hessen districts up to
10,000 actors, 150 synthetic districts above) it runs, each in a fresh process:

1. every step of ``mintgraph analyze`` (load, the steps reported by ``mintgraph.analyze``'s
   ``on_step``, writing the outputs), with the peak memory of that process and the worker
   processes it starts (the larger of its own max RSS and the sum over all of them, sampled);
2. the whole command ``python -m mintgraph analyze DIR -o OUT`` (start-up included), wall time
   and peak memory; with ``--repeat N`` it is timed N times in a row and the median is reported
   with every run's time (the machine's speed varies by several per cent from minute to minute);
3. ``benchmarks/plain_networkx.py``: the same metrics written the plain way with networkx
   alone; above its time budget it extrapolates from a measured sample (marked *est.*);
4. ``benchmarks/raw_engine.py``: the same indicators with the same algorithms and parameters
   written directly against igraph, networkit, numpy and scipy (the fair baseline of issue 18),
   per step, with ``--check`` against the files of 1. — the table *mintgraph ÷ raw engine*. Both
   1. and 4. also record each step's CPU time (``time.process_time``), which other work on a
   shared machine disturbs far less than wall time: the table's CPU row compares those.

A process that runs longer than ``--timeout`` seconds is stopped and marked ``>`` the timeout.
Results are kept per size in ``benchmarks/results.json``, so a run can be resumed or a size
re-run (``--sizes 10000``); the Markdown tables printed at the end (and, with ``--readme``,
written into ``benchmarks/README.md`` between the ``results`` markers) cover every stored size.
Speed is measured here, never in unit tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mintgraph.analysis import STEPS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
README = Path(__file__).resolve().parent / "README.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"

_STEPS_CHILD = r"""
import json, resource, sys, time
def emit(name, seconds, cpu=None):  # wall seconds, and CPU seconds of this process
    print(json.dumps({"step": name, "seconds": seconds, "cpu": cpu}), flush=True)
def clock():  # CPU: this process's and that of the worker processes it has ended (and reaped)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), time.process_time() + children.ru_utime + children.ru_stime
def since(start):
    now = clock()
    return now[0] - start[0], now[1] - start[1]
start = clock()
import mintgraph
from mintgraph.export import write_outputs
emit("import", *since(start))
if len(sys.argv) > 3:  # --stub-actors: the actor centralities and brokerage replaced by zeros
    import pandas as pd
    import mintgraph.analysis as analysis
    from mintgraph.metrics.actors import CENTRALITY_COLUMNS
    from mintgraph.metrics.brokerage import BROKERAGE_COLUMNS
    def stub(graph, *columns):
        table = pd.DataFrame(0.0, index=pd.Index(list(graph), name="id"), columns=list(columns))
        return table
    def centrality(graph):
        table = stub(graph, *CENTRALITY_COLUMNS)
        table["degree"] = table["weighted_degree"] = [float(d) for _, d in graph.degree()]
        return table
    analysis.actor_centrality = centrality
    analysis.actor_brokerage = lambda graph, dataset: stub(graph, *BROKERAGE_COLUMNS).astype(int)
start = clock()
dataset = mintgraph.load(sys.argv[1])
emit("load + validate", *since(start))
# analyze's work before its first reported step (latest_year, ended_ties, dataset_in_year) ends
# when the first step calls cooperation_graph; each step's CPU time runs from the previous mark
import mintgraph.analysis as analysis
first_step, mark = analysis.cooperation_graph, {}
def cooperation_graph(*args, **kwargs):
    if not mark.get("begun"):
        emit("current ties (reference year)", *since(mark["start"]))
        mark["start"], mark["begun"] = clock(), True
    return first_step(*args, **kwargs)
analysis.cooperation_graph = cooperation_graph
def on_step(name, seconds):
    emit(name, seconds, since(mark["start"])[1])
    mark["start"] = clock()
mark["start"] = clock()
result = mintgraph.analyze(dataset, on_step=on_step)
start = clock()
write_outputs(result, sys.argv[2])
emit("write outputs", *since(start))
print(json.dumps({"actors": len(dataset.actors), "ties": result.graph.number_of_edges(),
                  "cooperations": len(dataset.cooperations)}), flush=True)
import os
sizes = {name: os.path.getsize(os.path.join(sys.argv[2], name))
         for name in ("graph.html", "networks.html", "map.html") if os.path.exists(os.path.join(sys.argv[2], name))}
print(json.dumps({"html": sizes}), flush=True)
"""


def machine() -> dict[str, str]:
    """nproc, CPU model, RAM, Python and library versions, date."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024**2:.0f} GiB"
    except OSError:
        pass
    versions = []
    for name in ("networkx", "numpy", "scipy", "pandas", "igraph", "networkit"):
        with contextlib.suppress(ImportError):
            versions.append(f"{name} {__import__(name).__version__}")
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "ram": ram,
        "python": platform.python_version(),
        "versions": ", ".join(versions),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": _commit(),
    }


_OWN_RESULTS = (":!benchmarks/results.json", ":!benchmarks/README.md")


def _commit() -> str:
    """The checkout's commit (short), with ``+changes`` when files differ from it (the benchmark's own
    results, ``results.json`` and this folder's README, do not count); ``unknown`` without git."""
    root = Path(__file__).resolve().parents[1]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", *_OWN_RESULTS],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+changes" if dirty else "")


def _group_rss_mib(group: int) -> float:
    """The memory (MiB) of every process in the process group ``group`` together: the command and
    the worker processes it starts (``mintgraph.layout.LayoutBatch``, the
    ``mintgraph.workers.Worker`` of the Louvain runs and the networks' betweenness, the forked
    copy ``mintgraph.workers.Forked`` that renders the tables and views beside the district
    pages). Each process counts its
    proportional set size (``Pss`` in ``/proc/<pid>/smaps_rollup``: a page shared by k processes
    counts 1/k in each), so a page is never counted twice — not even in the instant between a
    worker's fork and its exec, when it shares all of the command's pages. The operating
    system's peak RSS of a process counts one process only; this sum, sampled every 50 ms, is the
    figure for the command. 0 where ``/proc`` is missing (not Linux)."""
    total = 0
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != group:  # the field after state: pgrp
                continue
            for line in (entry / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return total / 1024


def run_child(
    args: list[str],
    timeout: float,
    *,
    keep_text: bool = False,
    layout_cache: str = "off",
    sample: bool = True,
) -> dict:
    """Run a process; return its stdout lines, wall seconds, CPU seconds (user + system, its own and
    those of the processes it reaped), peak memory (MiB: the larger of its own
    peak RSS and the sampled sum over it and its worker processes) and whether it timed out
    (with ``keep_text``, also the lines of stdout that are not JSON, as ``text``). The layout
    cache is off unless ``layout_cache`` names a folder: every figure is a first run.

    ``sample=False`` does not sample the memory (the peak is the process's own peak RSS): reading
    ``smaps_rollup`` walks a process's page tables, and for the whole command at 100,000 actors —
    five processes of up to 1.7 GB — the sampling every 50 ms cost 9.8 CPU seconds during a 33 s
    run (2026-12-05 20:30), a third of a core taken from the command it times."""
    start = time.perf_counter()
    env = {**os.environ, "MINTGRAPH_LAYOUT_CACHE": layout_cache}
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, cwd=ROOT, start_new_session=True, env=env)
        deadline = start + timeout
        status, usage, timed_out = 0, None, False
        group_peak = 0.0  # the sum over the process and its workers, sampled
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            if sample:
                group_peak = max(group_peak, _group_rss_mib(proc.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        printed = out.read().splitlines()
        lines = [json.loads(line) for line in printed if line.startswith("{")]
        err.seek(0)
        error = err.read()[-400:]
    return {
        "error": error if proc.returncode else "",
        "lines": lines,
        "text": [line for line in printed if not line.startswith("{")] if keep_text else [],
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime if usage else None,  # with the workers it reaped
        "peak_mib": max(usage.ru_maxrss / 1024, group_peak) if usage else None,
        "timed_out": timed_out,
        "ok": not timed_out and proc.returncode == 0,
    }


def data_for(size: str, folder: Path, seed: int) -> tuple[Path, float | None]:
    """The data folder of a size (generated into ``folder``) and the generator's seconds."""
    if size == "example":
        return ROOT / "data", None
    n = int(size)
    regions = 26 if n <= 10_000 else 150
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mintgraph", "generate", "--actors", str(n), "--regions", str(regions),
         "--seed", str(seed), str(folder)],
        check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    return folder, time.perf_counter() - start


def measure_stubbed(size: str, timeout: float, seed: int) -> dict:
    """Only the steps, with the actor centralities and brokerage stubbed (the rest of the pipeline)."""
    with tempfile.TemporaryDirectory() as tmp:
        data, _ = data_for(size, Path(tmp) / "data", seed)
        print(f"[{size}] steps, actor metrics stubbed …", file=sys.stderr, flush=True)
        args = [sys.executable, "-c", _STEPS_CHILD, str(data), str(Path(tmp) / "out"), "stub"]
        steps = run_child(args, timeout)
        return {
            "steps": {line["step"]: line["seconds"] for line in steps["lines"] if "step" in line},
            "peak_mib": steps["peak_mib"],
            "wall": steps["wall"],
            "timed_out": steps["timed_out"],
            "error": steps["error"],
        }


def measure(size: str, timeout: float, seed: int, repeat: int = 1) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        data, generate_seconds = data_for(size, Path(tmp) / "data", seed)
        record: dict = {"size": size, "generate": generate_seconds, "timeout": timeout}
        print(f"[{size}] steps …", file=sys.stderr, flush=True)
        steps = run_child([sys.executable, "-c", _STEPS_CHILD, str(data), str(Path(tmp) / "out1")], timeout)
        record["steps"] = {line["step"]: line["seconds"] for line in steps["lines"] if "step" in line}
        record["steps_cpu"] = {line["step"]: line["cpu"] for line in steps["lines"] if "step" in line}
        counts = next((line for line in steps["lines"] if "actors" in line), None)
        record["counts"] = counts
        record["html"] = next((line["html"] for line in steps["lines"] if "html" in line), {})
        record["steps_peak_mib"] = steps["peak_mib"]
        record["steps_timed_out"] = steps["timed_out"]
        record["steps_error"] = steps["error"]
        if steps["ok"]:
            print(f"[{size}] mintgraph analyze …", file=sys.stderr, flush=True)
            # timed without sampling the memory (which would take CPU from it), then run again with
            # the sampling for the peak memory: the first run of a fresh layout cache, all layouts drawn
            # ``repeat`` times, in a row: the median is reported with every run's time (the
            # machine's speed varies by several per cent from minute to minute)
            runs = [
                run_child(
                    [sys.executable, "-m", "mintgraph", "analyze", str(data), "-o", str(Path(tmp) / "out2")],
                    timeout,
                    sample=False,
                )
                for _ in range(repeat)
            ]
            command = (
                runs[len(runs) // 2] if all(r["ok"] for r in runs) else next(r for r in runs if not r["ok"])
            )
            walls = [r["wall"] for r in runs]
            record["command"] = {k: command[k] for k in ("wall", "peak_mib", "timed_out", "ok")}
            record["command"]["wall"] = statistics.median(walls) if command["ok"] else command["wall"]
            record["command"]["walls"] = walls
            # a re-run after a data fix: the same command again with the layouts of a first run cached
            print(f"[{size}] mintgraph analyze, re-run with cached layouts …", file=sys.stderr, flush=True)
            cache = str(Path(tmp) / "layout-cache")
            again = [sys.executable, "-m", "mintgraph", "analyze", str(data), "-o", str(Path(tmp) / "out3")]
            first = run_child(again, timeout, layout_cache=cache)
            record["command"]["peak_mib"] = max(command["peak_mib"] or 0, first["peak_mib"] or 0)
            rerun = run_child(again, timeout, layout_cache=cache, sample=False)
            record["rerun"] = {k: rerun[k] for k in ("wall", "peak_mib", "timed_out", "ok")}
        else:
            record["command"] = {
                "wall": steps["wall"],
                "peak_mib": steps["peak_mib"],
                "timed_out": True,
                "ok": False,
            }
        print(f"[{size}] plain networkx …", file=sys.stderr, flush=True)
        plain = run_child(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "plain_networkx.py"),
                str(data),
                "--budget",
                str(timeout),
            ],
            timeout * 1.5 + 60,
        )
        metrics = [line for line in plain["lines"] if "metric" in line]
        total = next((line for line in plain["lines"] if "total" in line), None)
        record["plain"] = {
            "metrics": metrics,
            "total": total["total"] if total else None,
            "estimated": total["estimated"] if total else True,
            "wall": plain["wall"],
            "peak_mib": plain["peak_mib"],
            "timed_out": plain["timed_out"],
            "error": plain["error"],
        }
        record["raw"] = measure_raw(size, data, Path(tmp) / "out1" if steps["ok"] else None, timeout)
        if counts is None:  # read the counts from the files when analyze did not finish
            import pandas as pd

            coops = pd.read_csv(data / "cooperations.csv", dtype=str, keep_default_na=False)
            pairs = {tuple(sorted(p)) for p in zip(coops["source"], coops["target"], strict=True)}
            actors = len(pd.read_csv(data / "actors.csv", dtype=str))
            record["counts"] = {"actors": actors, "ties": len(pairs), "cooperations": len(coops)}
    return record


def measure_raw(size: str, data: Path, output: Path | None, timeout: float) -> dict:
    """``benchmarks/raw_engine.py`` in a fresh process: its steps, and with ``output`` (the files
    ``mintgraph analyze`` wrote) its ``--check`` of every quantity against them."""
    print(f"[{size}] raw engine …", file=sys.stderr, flush=True)
    args = [sys.executable, str(ROOT / "benchmarks" / "raw_engine.py"), str(data)]
    if output is not None and output.is_dir():
        args += ["--check", str(output)]
    raw = run_child(args, timeout, keep_text=True)
    agreement = next((line for line in raw["text"] if line.startswith("check: ")), "")
    return {
        "steps": {line["step"]: line["seconds"] for line in raw["lines"] if "step" in line},
        "steps_cpu": {line["step"]: line["cpu"] for line in raw["lines"] if "step" in line},
        "total": next((line["total"] for line in raw["lines"] if "total" in line), None),
        "check": agreement.removeprefix("check: ").split(" comparisons")[0],
        "check_failures": [line for line in raw["text"] if line.startswith("FAIL")],
        "wall": raw["wall"],
        "peak_mib": raw["peak_mib"],
        "timed_out": raw["timed_out"],
        "error": raw["error"],
    }


STEP_ORDER = ("import", "load + validate", "current ties (reference year)", *STEPS, "write outputs")
"""The rows of the step tables, in the order the steps run (``current ties`` is measured as the
time ``mintgraph.analyze`` spends outside the steps it reports, before the first)."""

NOT_INDICATORS = ("import", "write outputs")
"""Steps left out of *all indicators* (load + validate … scorecard)."""


def _ordered(names) -> list[str]:
    names = list(dict.fromkeys(names))
    return sorted(names, key=lambda s: STEP_ORDER.index(s) if s in STEP_ORDER else len(STEP_ORDER))


def _seconds(value: float | None, *, over: bool = False, estimate: bool = False) -> str:
    if value is None:
        return "–"
    text = f"{value:,.1f}" if value >= 10 else f"{value:.2f}"
    return (">" if over else "") + ("≈" if estimate else "") + text + (" (est.)" if estimate else "")


def _runs(command: dict) -> str:
    """`` (runs: 30.1 / 31.2 / 29.8)`` where the whole command was timed more than once (``--repeat``)."""
    walls = command.get("walls") or []
    return f" (runs: {' / '.join(_seconds(w) for w in walls)})" if len(walls) > 1 else ""


def markdown(results: dict[str, dict], info: dict[str, str], ran: list[str] | None = None) -> str:
    """The Markdown tables: one overview row per size, then the steps and the plain metrics.

    ``ran``: the sizes measured by this run (default: all); the machine line names the others
    with the date and commit of the run that measured them."""
    order = sorted(results, key=lambda s: -1 if s == "example" else int(s))
    ran = order if ran is None else [size for size in order if size in ran]
    earlier = [
        f"`{size}` from the {results[size]['run']['date']} run (commit {results[size]['run']['commit']})"
        if "run" in results[size]
        else f"`{size}` from an earlier run"
        for size in order
        if size not in ran
    ]
    repeat = f" --repeat {info['repeat']}" if int(info.get("repeat", 1)) > 1 else ""
    lines = [
        f"Machine: {info['nproc']} cores, {info['cpu']}, {info['ram']} RAM; Python {info['python']}, "
        f"{info['versions']}; {info['date']}, commit {info.get('commit', 'unknown')} "
        f"(`python benchmarks/run.py --sizes {','.join(ran)}{repeat}`)"
        + "".join(f"; {e}" for e in earlier)
        + ".",
        "",
        "| size | actors | cooperations | ties | generate s | `mintgraph analyze` s (wall) "
        "| re-run, layouts cached s | peak MiB | plain networkx s | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in order:
        r = results[size]
        c = r.get("counts") or {}
        cmd, plain = r["command"], r["plain"]
        ours = cmd["wall"]
        theirs = plain["total"]
        if theirs is None or ours is None:
            ratio = "–"
        elif cmd["timed_out"]:
            ratio = f"<{theirs / ours:.1f}×"
        else:
            ratio = ("≈" if plain["estimated"] else "") + f"{theirs / ours:.1f}×"
        lines.append(
            f"| {size} | {c.get('actors', 0):,} | {c.get('cooperations', 0):,} | {c.get('ties', 0):,} "
            f"| {_seconds(r['generate'])} | {_seconds(ours, over=cmd['timed_out'])}{_runs(cmd)} "
            f"| {_seconds((r.get('rerun') or {}).get('wall'))} | {cmd['peak_mib'] or 0:,.0f} | {_seconds(theirs, estimate=plain['estimated'])} | {ratio} |"
        )
    lines += [
        "",
        "Steps of `mintgraph analyze` (seconds; `>` = still running when the timeout stopped it):",
        "",
    ]
    steps = _ordered(s for size in order for s in results[size]["steps"])
    lines.append("| step | " + " | ".join(order) + " |")
    lines.append("|---|" + "---:|" * len(order))
    for step in steps:
        cells = []
        for size in order:
            value = results[size]["steps"].get(step)
            cells.append(
                _seconds(value)
                if value is not None
                else ("stopped" if results[size]["steps_timed_out"] else "–")
            )
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    indicators = []
    for size in order:
        done = results[size]["steps"]
        if results[size]["steps_timed_out"] or "scorecard" not in done:
            indicators.append("–")
        else:
            indicators.append(_seconds(_indicators(done)))
    lines.append("| **all indicators** (load + validate … scorecard) | " + " | ".join(indicators) + " |")
    lines.append(
        "| peak MiB | " + " | ".join(f"{results[s]['steps_peak_mib'] or 0:,.0f}" for s in order) + " |"
    )
    for page in ("graph.html", "networks.html", "map.html"):
        cells = [
            f"{results[s]['html'][page] / 1e6:.2f}" if page in results[s].get("html", {}) else "–"
            for s in order
        ]
        lines.append(f"| `{page}` MB | " + " | ".join(cells) + " |")
    lines += ["", "Plain networkx, per metric (seconds; *est.* = extrapolated from a sample of nodes):", ""]
    metrics = list(dict.fromkeys(m["metric"] for s in order for m in results[s]["plain"]["metrics"]))
    lines.append("| metric | " + " | ".join(order) + " |")
    lines.append("|---|" + "---:|" * len(order))
    for metric in metrics:
        cells = []
        for size in order:
            found = [m for m in results[size]["plain"]["metrics"] if m["metric"] == metric]
            cells.append(_seconds(found[0]["seconds"], estimate=found[0]["estimated"]) if found else "–")
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _indicators(steps: dict[str, float]) -> float:
    """*All indicators*: the sum of the steps load + validate … scorecard."""
    return sum(v for k, v in steps.items() if k not in NOT_INDICATORS)


def markdown_raw(results: dict[str, dict]) -> str:
    """The raw-engine table: its seconds per step and mintgraph ÷ raw engine, per size."""
    order = [
        s for s in sorted(results, key=lambda s: -1 if s == "example" else int(s)) if results[s].get("raw")
    ]
    if not order:
        return ""
    lines = [
        "Raw engine (`benchmarks/raw_engine.py`, the same indicators written directly against igraph,",
        "networkit, numpy and scipy), per step: seconds, and in brackets **mintgraph ÷ raw engine**",
        "(`mintgraph analyze`'s step above divided by this one; *stopped* = not reached in the timeout):",
        "",
        "| step | " + " | ".join(order) + " |",
        "|---|" + "---:|" * len(order),
    ]
    steps = _ordered(
        s for size in order for s in (*results[size]["steps"], *results[size]["raw"]["steps"])
        if s not in NOT_INDICATORS
    )  # fmt: skip

    def cell(ours: float | None, theirs: float | None, over: bool) -> str:
        if theirs is None:
            return "stopped" if over else "–"
        text = f"{theirs:.3f}" if theirs < 1 else _seconds(theirs)
        if ours is None or theirs <= 0:
            return text
        return f"{text} ({ours / theirs:.1f}×)"

    for step in steps:
        cells = [
            cell(
                results[s]["steps"].get(step),
                results[s]["raw"]["steps"].get(step),
                results[s]["raw"]["timed_out"],
            )
            for s in order
        ]
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    totals = []
    for size in order:
        r = results[size]
        done = r["steps_timed_out"] or "scorecard" not in r["steps"]
        theirs = r["raw"]["total"]
        totals.append(cell(None if done else _indicators(r["steps"]), theirs, r["raw"]["timed_out"]))
    lines.append("| **all indicators** (load + validate … scorecard) | " + " | ".join(totals) + " |")
    cpu = []
    for size in order:
        ours, theirs = results[size].get("steps_cpu", {}), results[size]["raw"].get("steps_cpu", {})
        if "scorecard" in ours and "scorecard" in theirs:
            a, b = _indicators(ours), _indicators(theirs)
            cpu.append(f"{a:.1f} / {b:.1f} ({a / b:.1f}×)" if b > 0 else "–")
        else:
            cpu.append("–")
    lines.append("| **all indicators, CPU seconds** (mintgraph / raw engine) | " + " | ".join(cpu) + " |")
    lines.append(
        "| agreement with `mintgraph analyze`'s files (`--check`) | "
        + " | ".join(results[s]["raw"].get("check") or "–" for s in order)
        + " |"
    )
    return "\n".join(lines)


def markdown_stubbed(stubbed: dict[str, dict]) -> str:
    """The steps of the runs with stubbed actor metrics (``--stub-actors``)."""
    order = sorted(stubbed, key=lambda s: -1 if s == "example" else int(s))
    lines = [
        "Steps with the actor centralities and brokerage **stubbed** (zeros; `--stub-actors`): what the",
        "rest of the pipeline costs (seconds; the wall time includes start-up and the stubbed step):",
        "",
        "| step | " + " | ".join(order) + " |",
        "|---|" + "---:|" * len(order),
    ]
    steps = list(dict.fromkeys(s for size in order for s in stubbed[size]["steps"]))
    for step in steps:
        cells = [_seconds(stubbed[size]["steps"].get(step)) for size in order]
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    lines.append(
        "| wall | "
        + " | ".join(_seconds(stubbed[s]["wall"], over=stubbed[s]["timed_out"]) for s in order)
        + " |"
    )
    lines.append("| peak MiB | " + " | ".join(f"{stubbed[s]['peak_mib'] or 0:,.0f}" for s in order) + " |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    if BEGIN in readme and END in readme:
        head, rest = readme.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        readme = f"{head}{BEGIN}\n{text}\n{END}{tail}"
    else:
        readme = f"{readme.rstrip()}\n\n{BEGIN}\n{text}\n{END}\n"
    README.write_text(readme, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="example,1000,10000", help="comma-separated: example and/or numbers"
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per process (and plain budget)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time the whole command this many times (the median, every run shown)",
    )
    parser.add_argument("--readme", action="store_true", help="write the tables into benchmarks/README.md")
    parser.add_argument("--fresh", action="store_true", help="forget the stored results of other sizes")
    parser.add_argument(
        "--stub-actors", action="store_true", help="only the steps, with the actor metrics replaced by zeros"
    )
    args = parser.parse_args()
    stored = {} if args.fresh or not RESULTS.exists() else json.loads(RESULTS.read_text())
    results: dict[str, dict] = stored.get("results", {})
    stubbed: dict[str, dict] = stored.get("stubbed", {})
    info = stored.get("machine", machine()) if args.stub_actors else machine()
    ran = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if not args.stub_actors:
        info["repeat"] = str(args.repeat)
    for size in ran:
        if args.stub_actors:
            stubbed[size] = measure_stubbed(size, args.timeout, args.seed)
        else:
            results[size] = measure(size, args.timeout, args.seed, args.repeat)
            results[size]["run"] = {"date": info["date"], "commit": info.get("commit", "unknown")}
        RESULTS.write_text(
            json.dumps({"machine": info, "results": results, "stubbed": stubbed}, indent=2) + "\n"
        )
    text = markdown(results, info, None if args.stub_actors else ran) if results else ""
    raw = markdown_raw(results)
    if raw:
        text += "\n\n" + raw
    if stubbed:
        text += "\n\n" + markdown_stubbed(stubbed)
    print(text)
    if args.readme:
        write_readme(text)


if __name__ == "__main__":
    main()
