"""The typer application object every command module registers on (kept apart to avoid cycles).

Help reads as a person wrote it: plain click layout (no rich panels), arguments and options shown by
their metavar (``REF``, ``PATH...``, ``--limit N``), never by a Python type such as ``<list[Path]>``.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption


class Command(TyperCommand):
    """A command whose arguments and options show as their metavar (or their name in capitals) in the usage
    line and in the help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for p in self.params:
            if isinstance(p, TyperArgument):
                _show_as_metavar(p)
            elif isinstance(p, TyperOption) and not p.is_flag and p.metavar is None:
                p.metavar = (p.name or "VALUE").upper()


def _show_as_metavar(p: TyperArgument) -> None:
    shown = p.metavar or (p.name or "ARG").upper()
    usage = shown if p.required else f"[{shown}]"
    p._usage_display_name = lambda: usage  # type: ignore[method-assign]
    p.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
    p._rich_display_name = lambda: shown  # type: ignore[method-assign]


class App(typer.Typer):
    def command(self, *args: Any, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or Command, **kwargs)


app = App(
    name="policygraph",
    help=(
        "PolicyGraph: turn a folder of Vietnamese policy documents into a graph of documents, "
        "bodies, projects and evidenced references (CITES, IMPLEMENTS, SUPERSEDES).\n\n"
        "Start with:  policygraph load examples/corpus  then  policygraph stats"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
