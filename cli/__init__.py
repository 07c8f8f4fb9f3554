"""PolicyGraph: a knowledge graph of Vietnamese policy documents and the references between them.

This package is the `policygraph` command, a thin shell over plain functions (one cmd_* module per
group of commands: each command parses, calls a plain function and hands the answer to render.py or
render_io.py; the options several commands share are declared once, in common.py). The pipeline, one module per step (siblings under the `policygraph` namespace):

    loaders.readers   files -> Text
    loaders.normalise Text -> matching view
    loaders.find      matching view -> Mentions
    loaders.resolve   Mentions -> document references within one file
    loaders.relations references -> typed statements with evidence
    graph.identity    which references of which files are one document
    graph.store       statements of many files <-> the embedded store;  graph.neo4j_store -> Neo4j
    graph.queries     lineage, coverage, show, stats;  graph.validity  status (in force or not)
    ontology.export   JSON / GraphML / Turtle / JSON-LD / CSV;  visualisations.html  the HTML view
"""

from __future__ import annotations

import atexit
import gc
import os
import sys

from . import cmd_export, cmd_load, cmd_neo4j, cmd_query, cmd_status, cmd_view  # noqa: F401  (register commands)
from .app import app

__version__ = "0.1.0"


def main() -> None:
    """The `policygraph` command. A command builds graphs of tens of thousands of objects, then exits: at
    the collector's default pace (a pass every 700 allocations, full passes over every live object) that
    cost a quarter of a second of `coverage --neo4j` at 10^5 documents. What is loaded by now lives as
    long as the process (frozen: never scanned again) and passes come every 100,000 allocations."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 50)
    try:
        app()
    except SystemExit as e:
        _exit(e.code)
    _exit(0)


def _exit(code: object) -> None:
    """End the process as `sys.exit(code)` would, without freeing every object one by one first: after
    reading the 11,389 documents that carry out the 10^5 hub, `coverage --neo4j` spent 0.15-0.2 s of its
    2 s on that. Exit handlers run and the output is flushed; nothing is left to write."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): what could be written was
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    main()
