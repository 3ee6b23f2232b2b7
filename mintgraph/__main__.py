"""``python -m mintgraph`` runs the command-line interface."""

from mintgraph.cli import main

main()
