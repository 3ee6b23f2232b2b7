"""``python -m mintgraph`` runs the command-line interface."""

from mintgraph.console import run

run()
