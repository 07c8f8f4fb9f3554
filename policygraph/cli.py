"""The `policygraph` command: a thin shell over plain functions (see each cli_* module)."""

from __future__ import annotations

from policygraph import cli_export, cli_graph, cli_load, cli_neo4j  # noqa: F401  (register commands)
from policygraph.cli_app import app


def main() -> None:
    app()


if __name__ == "__main__":
    main()
