"""The entry point of the ``mintgraph`` command: Ctrl-C ends it with one line and exit code 130.

Imported before anything heavy, so that an interrupt while the libraries load is handled too.
The command itself is :mod:`mintgraph.cli`.
"""

from __future__ import annotations

import sys

INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT, the shell's convention)."""


def main() -> None:
    """Run the command line; on Ctrl-C print one line and exit 130 (outputs are written
    atomically, so an interrupted run leaves the previous outputs as they were)."""
    try:
        from mintgraph.cli import cli

        cli.main(prog_name="mintgraph", standalone_mode=False)
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


def _interrupted() -> None:
    try:
        print("\nmintgraph: interrupted (Ctrl-C); no output was changed half-way", file=sys.stderr)
    finally:
        sys.exit(INTERRUPTED)
