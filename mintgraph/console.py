"""The entry point of the ``mintgraph`` command: Ctrl-C ends it with one line and exit code 130.

Imported before anything heavy, so that an interrupt while the libraries load is handled too.
The command itself is :mod:`mintgraph.cli`; :func:`run` is what the installed command and
``python -m mintgraph`` call.
"""

from __future__ import annotations

import contextlib
import os
import sys

from mintgraph import interrupts, lifetime
from mintgraph.libraries import leave_out_extras

INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT, the shell's convention)."""


def main() -> None:
    """Run the command line; on Ctrl-C print one line and exit 130 (outputs are written
    atomically, so an interrupted run leaves the previous outputs as they were).

    Ctrl-C is taken where it is safe (:mod:`mintgraph.interrupts`): not inside an import, not
    while outputs are moved into place, and a command whose interrupt a library dropped still
    ends with exit code 130 instead of finishing as if nothing had been pressed.
    """
    leave_out_extras()  # the command never plots with igraph or networkit
    with interrupts.installed():
        try:
            from mintgraph.cli import cli

            cli.main(prog_name="mintgraph", standalone_mode=False)
            interrupts.check()
        except KeyboardInterrupt:
            _interrupted()
        except Exception as exc:  # click's own exceptions: usage errors, --help, aborts
            import click

            if isinstance(exc, click.exceptions.Abort):
                _interrupted()
            if isinstance(exc, click.exceptions.Exit):
                sys.exit(exc.exit_code)
            if isinstance(exc, click.ClickException):
                exc.show()
                sys.exit(exc.exit_code)
            raise


def run() -> None:
    """:func:`main`, then the process ends without Python's teardown.

    Everything is written and flushed by then, and the exit handlers (:mod:`atexit`) run as
    usual; what is skipped is freeing the analysis object by object
    (:func:`mintgraph.lifetime.outlive` keeps what a command would free on its return) and the
    last garbage collection (1.5 s of one core at 100,000 actors, benchmarks/README.md), and
    waiting for a computation still running on a side thread after an error or Ctrl-C. The exit
    code is :func:`main`'s: 0, or what its ``SystemExit`` carries (an uncaught error: 1, its
    traceback printed as Python prints it).
    """
    lifetime.keep_until_exit()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    import atexit

    try:
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe (``| head``): nowhere to go
                stream.flush()
        os._exit(code)


def _exit_code(exc: SystemExit) -> int:
    """The exit status Python gives ``exc``: ``None`` is 0, a number itself, anything else is
    printed (to standard error) and is 1."""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code & 0xFF
    with contextlib.suppress(OSError, ValueError):
        print(exc.code, file=sys.stderr)
    return 1


@interrupts.uninterrupted  # a second Ctrl-C does not cut the line short
def _interrupted() -> None:
    try:
        print("\nmintgraph: interrupted (Ctrl-C); no output was changed half-way", file=sys.stderr)
    finally:
        sys.exit(INTERRUPTED)
