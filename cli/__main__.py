"""`python -m policygraph.cli` runs the `policygraph` command."""

from . import main

main()
