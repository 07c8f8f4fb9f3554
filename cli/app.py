"""The typer application object every command module registers on (kept apart to avoid cycles)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="policygraph",
    help=(
        "PolicyGraph: turn a folder of Vietnamese policy documents into a graph of documents, "
        "bodies, projects and evidenced references (CITES, IMPLEMENTS, SUPERSEDES).\n\n"
        "Start with:  policygraph load examples/corpus  then  policygraph stats"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
