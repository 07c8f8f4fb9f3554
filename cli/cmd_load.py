"""`policygraph load` and `policygraph remove`: files in, statements into the store (graph.ingest)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import render_io
from .app import app
from .common import (
    THEN_PUSH,
    JsonOpt,
    Neo4jOptions,
    StoreOpt,
    fail,
    progress_bar,
    run_guarded,
    takes,
)

if TYPE_CHECKING:
    from ..graph.ingest import Found, LoadResult


class OcrChoice(str, Enum):
    """`load --ocr`: loaders.ocr.OCR_MODES."""

    auto = "auto"
    always = "always"
    never = "never"


def _scan(paths: list[Path]) -> tuple[list[Found], list[dict[str, str]]]:
    """Every file to load with its path relative to the folder given, and what is passed over and why."""
    from ..graph.ingest import Found
    from ..loaders import readers

    found = run_guarded(readers.scan, paths)
    skipped = [{"path": k.path, "reason": k.reason} for k in found.skipped]
    return [Found(str(f.path), f.rel) for f in found.files], skipped


@app.command()
@takes(push_to=THEN_PUSH)
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
    *,
    push_to: Neo4jOptions,
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
    found, skipped = _scan(paths)
    render_io.skipped(skipped, as_json)
    result = load_found(store, found, paths, jobs, force, ocr.value, quiet=as_json)
    render_io.failed_files(result.failed)
    summary = summarise(store, result, skipped)
    if push_to:
        summary["neo4j"] = push_after_load(store, push_to)
    render_io.loaded(summary, result, as_json)
    if result.failed:
        raise typer.Exit(1)


def load_found(
    store: str | None, found: list[Found], paths: list[Path], jobs: int | None, force: bool, ocr: str, quiet: bool
) -> LoadResult:
    """Load the files `found` (graph.ingest.load_files), with a progress bar on stderr unless `quiet`. Exit 2
    when nothing was found in `paths`."""
    from ..graph.ingest import default_jobs, load_files

    if not found:
        from ..loaders.readers import SUPPORTED

        fail(f"nothing to load: no {' '.join(SUPPORTED)} file in " + ", ".join(map(str, paths)), 2)
    counts = {"loaded": 0, "unchanged": 0, "failed": 0, "ocr page": 0}
    with progress_bar("loading", quiet=quiet) as progress:
        task = progress.add_task("", total=len(found))

        def tick(what: str, n: int) -> None:
            counts[what] += n
            pages = f", {counts['ocr page']} pages OCR'd" if counts["ocr page"] else ""
            progress.update(
                task,
                advance=0 if what == "ocr page" else n,
                description=f"{counts['loaded']} loaded, {counts['unchanged']} unchanged{pages}",
            )

        return run_guarded(load_files, store, found, jobs or default_jobs(), tick, force, ocr=ocr)


def summarise(store: str | None, result: LoadResult, skipped: list[dict[str, str]]) -> dict[str, Any]:
    """What a load did and what the store holds now, as load --json prints it."""
    from ..graph.ingest import describe
    from ..graph.store import store_path

    return {
        "store": str(store_path(store)),
        "loaded": len(result.loaded),
        "unchanged": len(result.unchanged),
        "failed": result.failed,
        "skipped": skipped,
        **run_guarded(describe, store),
    }


def push_after_load(store: str | None, target: Neo4jOptions) -> dict[str, object]:
    """Push what the store holds to Neo4j (the files changed: those Neo4j holds unchanged are skipped); a
    failure is one error line that says the store is saved."""
    from ..graph import neo4j_connect
    from ..graph import neo4j_model as nm
    from .cmd_neo4j import push_path

    assert target.uri
    try:
        drv = neo4j_connect.connect(target.uri, target.user, target.password, target.database)
        try:
            pushed = push_path(drv, store, database=target.database)
        finally:
            drv.close()
    except nm.Neo4jUnavailable as e:
        fail(f"the store is saved, but Neo4j was not updated: {e}", 2)
    return {"uri": target.uri, "files_pushed": pushed.files, "unchanged": pushed.unchanged}


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
    render_io.removed(rep.removed, missing, run_guarded(describe, store)["files_in_store"])
    if missing:
        raise typer.Exit(1)


@app.command()
def formats(as_json: JsonOpt = False) -> None:
    """The formats `load` reads (loaders.readers.FORMATS), the largest file of each, and whether the program a
    format needs (LibreOffice, Tesseract) is installed here.

    Example:  policygraph formats
    """
    render_io.formats(format_rows(), as_json)


def format_rows() -> list[dict[str, Any]]:
    """Each format load reads (loaders.readers.FORMATS): its extensions, what it is, the largest file in MB,
    the program it needs and what of it is missing here."""
    from ..loaders.readers import FORMATS

    return [
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
