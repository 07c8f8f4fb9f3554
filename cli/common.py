"""What every command shares: the consoles, the options, one way to fail, to reach Neo4j and to name a node.

Text from documents and file names is data, never markup: both consoles have rich markup, emoji and
highlighting off, and :func:`clean` strips control characters (terminal escapes) from what is printed
for people (``--json`` output escapes them instead).

>>> clean("Nghị quyết\\x1b[2J số 31")
'Nghị quyết[2J số 31'
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from ..loaders.models import PolicyGraphError

if TYPE_CHECKING:
    import networkx as nx

    from ..graph.queries import Direction
    from ..graph.source import GraphSource

err = Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)
out = Console(markup=False, emoji=False, highlight=False)

# ------------------------------------------------------------------------------------------------ options
#
# Every option that more than one command takes is declared here, once: its name, metavar, env var and help.
# The options of a source (--store --neo4j --user --password --database) and of a Neo4j (--neo4j --user
# --password --database) reach a command as one object (Source, Neo4jOptions) through `takes`.

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="FILE",
        show_default=False,
        help="The embedded store (default: $POLICYGRAPH_STORE, else ./policygraph.db).",
    ),
]
# No envvar on the query commands on purpose: with NEO4J_URI set for `push`/`cypher`, a query must not
# silently leave the store it was pointed at; pass --neo4j "$NEO4J_URI" to ask Neo4j.
Neo4jOpt = Annotated[
    str | None,
    typer.Option(
        "--neo4j",
        metavar="URI",
        show_default=False,
        help="Answer from Neo4j at this URI instead of the store (bolt://, neo4j://, neo4j+s://), "
        'e.g. --neo4j "$NEO4J_URI".',
    ),
]
#: load's --neo4j: where to push what a load changed (no envvar either: a load writes Neo4j only when asked)
ThenPushOpt = Annotated[
    str | None,
    typer.Option(
        "--neo4j",
        metavar="URI",
        show_default=False,
        help="Then push what changed to Neo4j at this URI (bolt://, neo4j://, neo4j+s://).",
    ),
]
#: push's and cypher's --neo4j: the Neo4j they work on, $NEO4J_URI by default
TargetOpt = Annotated[
    str,
    typer.Option(
        "--neo4j",
        envvar="NEO4J_URI",
        metavar="URI",
        show_default=False,
        help="Neo4j URI (default: $NEO4J_URI): bolt://host:7687, neo4j://host (cluster), "
        "neo4j+s://xxx.databases.neo4j.io (Aura).",
    ),
]
UserOpt = Annotated[
    str | None,
    typer.Option(
        "--user",
        envvar="NEO4J_USER",
        metavar="NAME",
        show_default=False,
        help="Neo4j user (default: $NEO4J_USER; none: no auth).",
    ),
]
PasswordOpt = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="NEO4J_PASSWORD",
        metavar="SECRET",
        show_default=False,
        help="Neo4j password ($NEO4J_PASSWORD).",
    ),
]
DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database",
        envvar="NEO4J_DATABASE",
        metavar="NAME",
        show_default=False,
        help="Neo4j database (default: $NEO4J_DATABASE, else the server's).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (for scripts) instead of tables.")]
RefArg = Annotated[
    str,
    typer.Argument(
        metavar="REF",
        show_default=False,
        help='A symbol (31-NQ/TW, 08-NQ/TU@Hải Phòng 2022), a type and number ("Nghị quyết 31", "KL 21"), '
        'title words ("Luật Đất đai"), a file name or a node id.',
    ),
]


class Neo4jOptions:
    """Where Neo4j is and how to log in (None: answer from the embedded store)."""

    def __init__(
        self, uri: str | None, user: str | None = None, password: str | None = None, database: str | None = None
    ) -> None:
        self.uri, self.user, self.password, self.database = uri, user, password, database

    def __bool__(self) -> bool:
        return bool(self.uri)


@dataclass(frozen=True)
class Source:
    """Where a command reads or writes the graph: the embedded store (`store`, None: the default one) and, when
    `neo4j` is set, Neo4j. Every command that takes a source takes these five options (with_source)."""

    store: str | None = None
    neo4j: Neo4jOptions = field(default_factory=lambda: Neo4jOptions(None))


#: an option without a default: typer requires it
REQUIRED: Any = inspect.Parameter.empty
_KW = inspect.Parameter.KEYWORD_ONLY


@dataclass(frozen=True)
class OptionGroup:
    """Options a command receives as one object: typer sees each (parameter name, annotated type, default),
    the command what `build` makes of their values (given by name)."""

    options: tuple[tuple[str, Any, Any], ...]
    build: Callable[..., Any]


def _neo4j(neo4j: str | None, user: str | None, password: str | None, database: str | None) -> Neo4jOptions:
    return Neo4jOptions(neo4j, user, password, database)


def neo4j_options(uri: Any, default: Any = None) -> OptionGroup:
    """--neo4j (declared as `uri`, with its `default`), --user, --password, --database: a Neo4jOptions."""
    return OptionGroup(
        (
            ("neo4j", uri, default),
            ("user", UserOpt, None),
            ("password", PasswordOpt, None),
            ("database", DatabaseOpt, None),
        ),
        _neo4j,
    )


def _source(store: str | None, **neo4j: Any) -> Source:
    return Source(store, _neo4j(**neo4j))


#: the five source options of the query commands (lineage, show, stats, coverage, status, view): a Source
SOURCE = OptionGroup((("store", StoreOpt, None), *neo4j_options(Neo4jOpt).options), _source)
#: the Neo4j `push` and `cypher` work on (--neo4j is $NEO4J_URI by default): a Neo4jOptions
NEO4J_TARGET = neo4j_options(TargetOpt, REQUIRED)
#: the Neo4j `load --neo4j` pushes to afterwards (none: the store only): a Neo4jOptions
THEN_PUSH = neo4j_options(ThenPushOpt)


def takes(**groups: OptionGroup) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a command each group's options in place of its parameter of that name, and that parameter the
    object the group builds: typer sees the options (in --help where the parameter stands), the command
    one object. A caller may also pass the object itself (``lineage("31-NQ/TW", source=Source("g.db"))``)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        sig = inspect.signature(command, eval_str=True)
        params = []
        for p in sig.parameters.values():
            if p.name in groups:
                params += [inspect.Parameter(n, _KW, default=d, annotation=a) for n, a, d in groups[p.name].options]
            else:
                params.append(p.replace(kind=_KW))

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            for name, group in groups.items():
                values = {n: kwargs.pop(n, None if d is REQUIRED else d) for n, _, d in group.options}
                if name not in sig.bind_partial(*args, **kwargs).arguments:  # not given itself
                    kwargs[name] = group.build(**values)
            return command(*args, **kwargs)

        run.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        return run

    return decorate


#: a command's source options (--store, --neo4j, --user, --password, --database) as one argument, `source: Source`
with_source = takes(source=SOURCE)


# ---------------------------------------------------------------------------------------------- printing

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(s: object) -> str:
    """`s` as text safe for a terminal: control characters (ESC, BEL, bidi overrides) removed."""
    return _CONTROL.sub("", str(s))


def one_line(s: object) -> str:
    """`s` cleaned, on one line (an error message is one line, whatever the exception said)."""
    return " ".join(clean(s).replace("\n", " ").split())


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``error: MESSAGE`` on one line of stderr and exit with `code`."""
    err.print(Text("error: ", style="red") + Text(one_line(message)))
    raise typer.Exit(code)


def warn(message: str) -> None:
    err.print(Text("warning: ", style="yellow") + Text(one_line(message)))


def echo_json(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def plural(count: int, noun: str) -> str:
    """>>> plural(1, "file"), plural(3, "body"), plural(2, "document")
    ('1 file', '3 bodies', '2 documents')
    """
    if count == 1:
        return f"1 {noun}"
    return f"{count} " + (noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s")


def run_guarded(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call `fn`; the project's own errors (PolicyGraphError) become one line and their exit code."""
    try:
        return fn(*args, **kwargs)
    except PolicyGraphError as e:
        fail(str(e), e.exit_code)


# ------------------------------------------------------------------------------------------ output files

STORE_COMPANIONS = ("", ".lock", ".tmp", "-wal", "-shm", "-journal")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # hard links and symbolic links too
    except OSError:
        return a.resolve() == b.resolve()


def store_clash(output: Path, store: str | None) -> str | None:
    """Why `output` must not be written (it is the store, or a file the store keeps beside itself), or None.

    Every command that writes a file it is given (-o) asks this first.

    >>> store_clash(Path("graph.json"), "policygraph.db") is None
    True
    >>> store_clash(Path("./policygraph.db-wal"), "policygraph.db")
    'refusing to write policygraph.db-wal: it belongs to the store policygraph.db (choose another file)'
    """
    from ..graph.store import store_path

    kept = store_path(store)
    for suffix in STORE_COMPANIONS:
        if _same_file(output, kept.with_name(kept.name + suffix)):
            what = "is the store" if not suffix else f"belongs to the store {kept}"
            return f"refusing to write {output}: it {what} (choose another file)"
    return None


def check_output(output: Path, store: str | None) -> None:
    """One error line (exit 1) when `output` is the store or one of its files."""
    problem = store_clash(output, store)
    if problem:
        fail(problem, 1)


# ------------------------------------------------------------------------------------------------- Neo4j


def connect(neo4j: Neo4jOptions) -> Any:
    """A Neo4j driver, or one error line and exit code 2 (unreachable, bad URI, refused credentials)."""
    from ..graph import neo4j_connect  # lazy: the driver is only needed with --neo4j

    assert neo4j.uri
    try:
        return neo4j_connect.connect(neo4j.uri, neo4j.user, neo4j.password, neo4j.database)
    except Exception as e:  # Neo4jUnavailable, bad URI, auth
        fail(str(e) or f"cannot reach Neo4j at {neo4j.uri}", 2)


def parse_direction(up: bool, down: bool, both: bool, default: Direction) -> Direction:
    """The direction of ``--up/--down/--both`` (at most one; `default` when none), the one rule for lineage
    and view.

    >>> parse_direction(False, True, False, "up"), parse_direction(False, False, False, "both")
    ('down', 'both')
    """
    if up + down + both > 1:
        raise typer.BadParameter("give one of --up, --down, --both", param_hint="--up/--down/--both")
    return "up" if up else "down" if down else "both" if both else default


def parse_types(values: Sequence[str] | None) -> tuple[str, ...]:
    """The document relation types of ``--type`` (comma-separated or repeated; default all three), the
    one rule for lineage and view.

    >>> parse_types(["implements,CITES"]), parse_types(None)
    (('IMPLEMENTS', 'CITES'), ('IMPLEMENTS', 'CITES', 'SUPERSEDES'))
    """
    known = ("SUPERSEDES", "IMPLEMENTS", "CITES")
    types = [v.upper() for v in split_csv_option(values)]
    for t in types:
        if t not in known:
            raise typer.BadParameter(f"{t!r}: choose among {', '.join(known)}", param_hint="--type")
    return tuple(dict.fromkeys(types)) or ("IMPLEMENTS", "CITES", "SUPERSEDES")


def split_csv_option(values: Sequence[str] | None) -> list[str]:
    """``--type A,B --type C`` -> ``['A', 'B', 'C']``.

    >>> split_csv_option(["IMPLEMENTS, cites", "SUPERSEDES"])
    ['IMPLEMENTS', 'cites', 'SUPERSEDES']
    """
    return [p.strip() for v in values or [] for p in v.split(",") if p.strip()]


# ------------------------------------------------------------------------------------------- the sources


@contextlib.contextmanager
def open_source(store: str | None | Source, neo4j: Neo4jOptions | None = None) -> Iterator[GraphSource]:
    """The graph a query command reads: Neo4j when ``--neo4j`` is given, else the embedded store.

    Any failure to open it is one error line and exit code 2.
    """
    source = store if isinstance(store, Source) else Source(store, neo4j or Neo4jOptions(None))
    neo4j = source.neo4j
    src: GraphSource
    if neo4j:
        from ..graph.neo4j_read import Neo4jSource

        src = Neo4jSource(connect(neo4j), neo4j.database)
    else:
        from ..graph.store import open_source as open_store_source

        src = run_guarded(open_store_source, source.store)
    try:
        yield src
    except PolicyGraphError as e:
        fail(str(e), e.exit_code)
    except typer.Exit:
        raise
    except Exception as e:
        if not neo4j:
            raise
        fail(f"reading from Neo4j at {neo4j.uri}: {e}", 2)
    finally:
        src.close()


def _candidate_row(G: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    from ..graph import queries as q

    d = G.nodes[n]
    return {
        "id": n,
        "symbol": d.get("symbol"),
        "name": q.display_name(d, n),
        "label": d.get("label"),
        "date": d.get("date"),
        "jurisdiction": d.get("jurisdiction"),
        "issuer": q.issuer_of(G, n),
        "source_file": d.get("source_file"),
        "ref": q.suggest_ref(G, n),
    }


def resolve_one(src: GraphSource, ref: str, as_json: bool = False) -> str:
    """The one node REF names; exit 1 when none, exit 2 (listing the candidates) when several."""
    from rich.table import Table

    from ..graph import queries as q

    G = src.candidates(ref)
    found = q.resolve_ref(G, ref)
    if not found:
        close = q.did_you_mean(G, ref)
        if as_json:
            echo_json({"error": "not found", "ref": ref, "did_you_mean": close})
        hint = (
            "did you mean " + ", ".join(repr(c) for c in close) + "?"
            if close
            else 'try a symbol such as 31-NQ/TW, "Nghị quyết 31", title words, a file name, '
            "or `policygraph stats` to see what is loaded"
        )
        fail(f"nothing matches {ref!r}; {hint}", 1)
    if len(found) == 1:
        return found[0]
    rows = [_candidate_row(G, n) for n in found]
    if as_json:
        echo_json({"error": "ambiguous", "ref": ref, "candidates": rows})
    else:
        t = Table(title=f"{clean(ref)!r} matches {len(found)} nodes", title_justify="left", show_lines=False)
        for col in ("narrower ref", "label", "date", "jurisdiction", "issuer", "id"):
            t.add_column(col, overflow="fold")
        for r in rows:
            t.add_row(
                *(
                    clean(x)
                    for x in (
                        r["ref"],
                        r["label"] or "",
                        r["date"] or "",
                        r["jurisdiction"] or "central",
                        r["issuer"] or "",
                        r["id"],
                    )
                )
            )
        err.print(t, soft_wrap=False)
    example = rows[0]["ref"] if rows[0]["ref"] != rows[0]["id"] else "08-NQ/TU@Hải Phòng 2022"
    err.print(
        Text(f"ambiguous: give a narrower ref (jurisdiction and/or year), e.g. {clean(example)!r}", style="yellow")
    )
    raise typer.Exit(2)


Walk = tuple[str, "int | None", "Sequence[str] | None"]


def around(
    src: GraphSource,
    node: str,
    walks: Sequence[Walk],
    issuers: bool = True,
    issuers_of: Sequence[str] | None = None,
    base: nx.MultiDiGraph | None = None,
    unnamed_only: bool = False,
    brief: bool = False,
) -> nx.MultiDiGraph:
    """The sub-graph a command walks from `node` (added to `base`): each walk is (direction, depth,
    relation types), plus the ISSUED_BY edges of the nodes reached, or of `issuers_of` (a document's
    issuer is shown beside it; with `unnamed_only`, of those without an ``issuer`` of their own, which
    is all graph.queries.issuer_of reads). `brief`: what the walks reach may carry only what orders and
    counts it (graph.source.GraphSource.neighbourhood; read_in_full reads what is then shown)."""
    import networkx as nx

    graphs = [base.copy()] if base is not None else []
    graphs += [
        src.neighbourhood([node], direction, depth, types, brief)  # type: ignore[arg-type]
        for direction, depth, types in walks
    ]
    H = graphs[0] if graphs else nx.MultiDiGraph()
    for F in graphs[1:]:
        _add(H, F)
    wanted = list(issuers_of) if issuers_of is not None else list(H.nodes)
    if unnamed_only:
        wanted = [n for n in wanted if n in H and not H.nodes[n].get("issuer")]
    if issuers and wanted:
        _add(H, src.neighbourhood(wanted, "out", 1, ["ISSUED_BY"], brief))
    return H


def read_in_full(src: GraphSource, G: nx.MultiDiGraph, nodes: Sequence[str], types: Sequence[str]) -> None:
    """Add to `G`, a brief walk this command made (around), `nodes` in full with the edges of `types` they
    state and the nodes those lead to: what it shows of a walk it only counted."""
    _add(G, src.neighbourhood(nodes, "out", 1, types))


def _add(H: nx.MultiDiGraph, F: nx.MultiDiGraph) -> None:
    """Add F's nodes and edges to H (nx.compose, without copying H)."""
    H.add_nodes_from(F.nodes(data=True))
    H.add_edges_from(F.edges(keys=True, data=True))


def write_rows(rows: list[dict[str, Any]], columns: tuple[str, ...], path: Path, store: str | None) -> bool:
    """Write an answer's rows as CSV or .xlsx (by suffix), or CSV to standard output for '-'; True for the
    latter (the command then prints nothing else)."""
    from ..ontology.report import csv_bytes, write_report

    if str(path) == "-":
        sys.stdout.buffer.write(csv_bytes(rows, columns))
        sys.stdout.flush()
        return True
    check_output(path, store)
    try:
        written = write_report(rows, columns, path)
    except (ValueError, OSError) as e:
        fail(str(e) if isinstance(e, ValueError) else f"{path}: {e.strerror or e}", 1)
    err.print(f"wrote {written}: {plural(len(rows), 'row')}")
    return False


def progress_bar(label: str, quiet: bool) -> Any:
    """A progress bar on stderr for long work (`label`, a bar, done of total, time, the current item); off
    for --json and when stderr is no terminal. Use as a context manager."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )


@contextlib.contextmanager
def progress_steps(label: str, quiet: bool) -> Iterator[Callable[[str, int], None]]:
    """progress_bar for work of unknown size: yields `step(description, done)`, which shows how much is done
    and the current item."""
    with progress_bar(label, quiet) as progress:
        task = progress.add_task("", total=None)

        def step(description: str, done: int) -> None:
            progress.update(task, completed=done, description=description)

        yield step
