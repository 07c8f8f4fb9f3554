"""`policygraph load` and `policygraph remove`: files in, statements into the store (graph.ingest)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from .app import app
from .common import (
    DatabaseOpt,
    JsonOpt,
    PasswordOpt,
    StoreOpt,
    UserOpt,
    echo_json,
    err,
    fail,
    one_line,
    out,
    plural,
    progress_bar,
    run_guarded,
    warn,
)

if TYPE_CHECKING:
    from ..graph.ingest import Found


class OcrChoice(str, Enum):
    """`load --ocr`: loaders.ocr.OCR_MODES."""

    auto = "auto"
    always = "always"
    never = "never"


def _error_line(message: str) -> None:
    err.print(Text("error: ", style="red") + Text(one_line(message)))


def _scan(paths: list[Path], as_json: bool) -> tuple[list[Found], list[dict[str, str]]]:
    """Every file to load with its path relative to the folder given, and what is passed over and why
    (named on stderr: one line each, or a summary line when there are many)."""
    from ..graph.ingest import Found
    from ..loaders import readers

    found = run_guarded(readers.scan, paths)
    skipped = [{"path": k.path, "reason": k.reason} for k in found.skipped]
    if not as_json:
        for k in skipped[:_SKIPS_SHOWN]:
            warn(f"{k['path']}: skipped: {k['reason']}")
        if len(skipped) > _SKIPS_SHOWN:
            warn(f"{len(skipped) - _SKIPS_SHOWN} more files skipped (--json lists them all)")
    return [Found(str(f.path), f.rel) for f in found.files], skipped


_SKIPS_SHOWN = 10


@app.command()
def load(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            show_default=False,
            help="Files or folders, read recursively (what is read: policygraph formats).",
        ),
    ],
    store: StoreOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            show_default=False,
            help="Extract with N processes (default: every core).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Extract every file again, even those unchanged.")] = False,
    ocr: Annotated[
        OcrChoice,
        typer.Option(
            "--ocr",
            metavar="auto|always|never",
            help="OCR (Tesseract, Vietnamese) of PDF pages without a text layer and "
            "of images (auto), of every page with an image (always), or of "
            "nothing (never); add --force for files loaded before.",
        ),
    ] = OcrChoice.auto,
    as_json: JsonOpt = False,
    neo4j: Annotated[
        str | None,
        typer.Option(
            "--neo4j",
            metavar="URI",
            show_default=False,
            help="Then push what changed to Neo4j at this URI (bolt://, neo4j://, neo4j+s://).",
        ),
    ] = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Load documents into the store. A file is identified by its path relative to the folder given;
    loading it again replaces what it said before, and an unchanged file (same content) is skipped.

    Examples:

      policygraph load examples/corpus

      policygraph load archive/ --store ~/hai-phong.db --jobs 2

      policygraph load new.pdf --json

      policygraph load scans/ --ocr always

      policygraph load examples/corpus --neo4j bolt://127.0.0.1:7687

    Exit code 1 when some file could not be loaded (each named on stderr; the others are loaded), 2 when
    there is nothing to load or the store cannot be written.
    """
    from ..graph.ingest import default_jobs, describe, load_files
    from ..graph.store import store_path

    found, skipped = _scan(paths, as_json)
    if not found:
        from ..loaders.readers import SUPPORTED

        fail(f"nothing to load: no {' '.join(SUPPORTED)} file in " + ", ".join(map(str, paths)), 2)
    counts = {"loaded": 0, "unchanged": 0, "failed": 0, "ocr page": 0}
    with progress_bar("loading", quiet=as_json) as progress:
        task = progress.add_task("", total=len(found))

        def tick(what: str, n: int) -> None:
            counts[what] += n
            pages = f", {counts['ocr page']} pages OCR'd" if counts["ocr page"] else ""
            progress.update(
                task,
                advance=0 if what == "ocr page" else n,
                description=f"{counts['loaded']} loaded, {counts['unchanged']} unchanged{pages}",
            )

        result = run_guarded(load_files, store, found, jobs or default_jobs(), tick, force, ocr=ocr.value)
    for line in result.failed:
        _error_line(line)
    summary = {
        "store": str(store_path(store)),
        "loaded": len(result.loaded),
        "unchanged": len(result.unchanged),
        "failed": result.failed,
        "skipped": skipped,
        **run_guarded(describe, store),
    }
    if neo4j:
        summary["neo4j"] = _push(store, neo4j, user, password, database)
    if as_json:
        echo_json(summary)
    else:
        out.print(
            f"loaded {plural(len(result.loaded), 'file')} into {summary['store']}"
            + (f" ({len(result.unchanged)} unchanged)" if result.unchanged else "")
            + (f", {len(result.failed)} failed" if result.failed else "")
            + (f", {len(skipped)} skipped" if skipped else "")
            + f"; the store holds {plural(summary['files_in_store'], 'file')}: {summary['documents']} documents, "
            f"{summary['relations']} document relations, {summary['edges']} edges in all"
        )
    if result.failed:
        raise typer.Exit(1)


def _push(
    store: str | None, uri: str, user: str | None, password: str | None, database: str | None
) -> dict[str, object]:
    from ..graph import neo4j_connect
    from ..graph import neo4j_model as nm
    from ..graph.store import open_source
    from ..graph.store_push import push_source

    try:
        drv = neo4j_connect.connect(uri, user, password, database)
        src = run_guarded(open_source, store)
        try:
            pushed = push_source(drv, src, database=database)
        finally:
            src.close()
            drv.close()
    except nm.Neo4jUnavailable as e:
        fail(f"the store is saved, but Neo4j was not updated: {e}", 2)
    return {"uri": uri, "files_pushed": pushed.files, "unchanged": pushed.unchanged}


@app.command()
def remove(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...", show_default=False, help="Files as loaded (their path relative to the folder loaded)."
        ),
    ],
    store: StoreOpt = None,
) -> None:
    """Retract files: everything they stated leaves the graph; nodes no file asserts disappear.

    Example:  policygraph remove 000_dd968633c1f9caf8.txt
    """
    from ..graph.ingest import describe, remove_files

    rep = run_guarded(remove_files, store, files)
    missing = [f for f in files if f not in rep.removed]
    for f in missing:
        warn(f"{f}: not in the store")
    n = run_guarded(describe, store)["files_in_store"]
    out.print(f"removed {plural(len(rep.removed), 'file')}; the store holds {plural(n, 'file')}")
    if missing:
        raise typer.Exit(1)


@app.command()
def formats(as_json: JsonOpt = False) -> None:
    """The formats `load` reads (loaders.readers.FORMATS), the largest file of each, and whether the program a
    format needs (LibreOffice, Tesseract) is installed here.

    Example:  policygraph formats
    """
    from rich.table import Table

    from ..loaders.readers import FORMATS

    rows: list[dict[str, Any]] = [
        {
            "format": f.name,
            "extensions": list(f.extensions),
            "what": f.what,
            "max_mb": f.max_bytes // 1_000_000,
            "needs": f.needs or None,
            "missing": f.ready(),
        }
        for f in FORMATS
    ]
    if as_json:
        echo_json({"formats": rows})
        return
    t = Table(title="what load reads", title_justify="left")
    for col in ("extensions", "what", "max MB", "needs", "here"):
        t.add_column(col, overflow="fold")
    for r in rows:
        here = "" if not r["needs"] else Text(str(r["missing"]), style="red") if r["missing"] else Text("installed")
        t.add_row(" ".join(r["extensions"]), str(r["what"]), f"{r['max_mb']:,}", str(r["needs"] or ""), here)
    out.print(t)
