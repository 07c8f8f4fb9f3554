"""Loading files into the embedded store: hash, skip what has not changed, extract in parallel, stage in
batches, then one identity pass (graph.store). Memory stays bounded: extractions stream from the worker
processes into the store a batch at a time, a very large file's rows are made as they are written, and
the pass works family by family.

>>> import os, tempfile
>>> d = tempfile.mkdtemp(); p = os.path.join(d, "a.txt")
>>> _ = open(p, "w", encoding="utf-8").write("Thực hiện Nghị quyết số 31-NQ/TW ngày 30/12/2022 của Bộ Chính trị.")
>>> r = load_files(os.path.join(d, "g.db"), [Found(p, "a.txt")], jobs=1)
>>> (r.loaded, r.unchanged, r.failed)
(['a.txt'], [], [])
>>> load_files(os.path.join(d, "g.db"), [Found(p, "a.txt")], jobs=1).unchanged
['a.txt']
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..loaders import convert
from ..loaders.extract import extract_file
from ..loaders.models import LoadError
from ..loaders.ocr import OcrMode
from ..loaders.readers import display
from .store import Staged, Store, staged
from .store_pass import PassReport

BATCH = 1000
STREAMED = 16 << 20  # a file this large (bytes) is extracted in the loading process and streamed into the store


@dataclass(frozen=True)
class Found:
    """A file to load: where it is, and its path relative to the folder given (its identity)."""

    path: str
    rel: str


@dataclass
class LoadResult:
    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each: "<path>: <problem>"
    report: PassReport | None = None


# (what happened to a file: "loaded" | "unchanged" | "failed", count), or "ocr page" for a page OCR'd
Progress = Callable[[str, int], None]


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


Extracted = tuple[str, "Staged | None", "str | None"]  # (relative path, its rows, or the one-line problem)


#: in a worker process: the queue each page OCR'd is counted on (the loading process ticks "ocr page")
_PAGES: Any = None


def _init_worker(pages: Any) -> None:
    global _PAGES
    _PAGES = pages


def _page_done(done: int, total: int) -> None:
    if _PAGES is not None:
        _PAGES.put(1)


def _extract(job: tuple[str, str, str, str], lazy: bool = False, ocr: OcrMode = "auto") -> Extracted:
    """One file's extraction as the rows the store writes (see store.staged), or the one-line problem."""
    path, rel, sha256, location = job
    try:
        x = extract_file(path, rel, ocr, _page_done)
    except LoadError as e:
        return rel, None, str(e)
    except Exception as e:  # an extraction bug must not lose the other files
        return rel, None, f"{display(path)}: {type(e).__name__}: {e}"
    return rel, staged(x, sha256, location, lazy=lazy), None


def _extracted(
    jobs: Sequence[tuple[str, str, str, str]], workers: int, ocr: OcrMode = "auto", tick: Progress | None = None
) -> Iterator[tuple[Extracted, bool]]:
    """Extract `jobs` (in `workers` processes when there are several), each with whether it must be
    written at once: a file of STREAMED bytes or more is extracted here, after the others, and staged
    lazily and alone (a worker would hold its extraction and its rows, then pickle the rows over).
    Each page OCR'd ticks "ocr page" (counted on a queue a thread of this process reads)."""
    sizes = [_size(j[0]) for j in jobs]
    small = [j for j, n in zip(jobs, sizes, strict=True) if n < STREAMED]
    big = [j for j, n in zip(jobs, sizes, strict=True) if n >= STREAMED]
    convert.prepare([j[0] for j in jobs], workers)  # .doc and .rtf files: many per LibreOffice start
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with _page_ticks(ctx, tick) as pages:
        _init_worker(pages)
        try:
            if workers <= 1 or len(small) < 2:
                yield from ((_extract(j, lazy=True, ocr=ocr), False) for j in small)  # rows made as written
            else:
                with ctx.Pool(min(workers, len(small)), _init_worker, (pages,)) as pool:
                    yield from ((r, False) for r in pool.imap(partial(_extract, ocr=ocr), small, chunksize=4))
            yield from ((_extract(j, lazy=True, ocr=ocr), True) for j in big)
        finally:
            _init_worker(None)


@contextmanager
def _page_ticks(ctx: Any, tick: Progress | None) -> Iterator[Any]:
    """A queue that workers put 1 on for each page OCR'd, and a thread that ticks them; None without `tick`."""
    if tick is None:
        yield None
        return
    pages = ctx.SimpleQueue()

    def drain() -> None:
        while (n := pages.get()) is not None:
            tick("ocr page", n)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        yield pages
    finally:
        pages.put(None)
        reader.join(timeout=10)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # extraction names the problem


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def load_files(
    store: str | os.PathLike[str] | None,
    found: Sequence[Found],
    jobs: int | None = None,
    progress: Progress | None = None,
    force: bool = False,
    batch: int = BATCH,
    ocr: OcrMode = "auto",
) -> LoadResult:
    """Load `found` into the store at `store`: unchanged files (same sha256) are skipped unless `force`;
    each file's statements replace what it stated before. The graph changes in one final transaction.
    `ocr`: which pages of PDFs are OCR'd, and whether images are (see readers.read)."""
    result = LoadResult()
    tick = progress or (lambda what, n: None)
    with Store.open(store) as st:
        known = st.known()
        todo: list[tuple[str, str, str, str]] = []
        for f in found:
            try:
                digest = sha256_of(f.path)
            except OSError as e:
                result.failed.append(f"{display(f.path)}: {e.strerror or e}")
                tick("failed", 1)
                continue
            if not force and known.get(f.rel) == digest:
                result.unchanged.append(f.rel)
                tick("unchanged", 1)
            else:
                todo.append((f.path, f.rel, digest, display(os.path.abspath(f.path))))
        _stage_all(st, todo, jobs or default_jobs(), batch, result, tick, ocr)  # extractions gone before the pass
        result.report = st.commit()
    return result


def _stage_all(
    st: Store,
    todo: Sequence[tuple[str, str, str, str]],
    workers: int,
    batch: int,
    result: LoadResult,
    tick: Progress,
    ocr: OcrMode = "auto",
) -> None:
    """Extract `todo` and stage it, `batch` files per transaction (a file to be written alone, alone)."""
    batch_rows: list[Staged] = []
    for (rel, rows, problem), alone in _extracted(todo, workers, ocr, tick):
        if rows is None:
            result.failed.append(problem or rel)
            tick("failed", 1)
            continue
        batch_rows.append(rows)
        if len(batch_rows) >= batch or alone:
            _stage(st, batch_rows, result)
            batch_rows = []
        tick("loaded", 1)
    _stage(st, batch_rows, result)


def _stage(st: Store, rows: list[Staged], result: LoadResult) -> None:
    problems = st.stage(rows)
    result.failed += problems
    bad = {p.split(": ", 1)[0] for p in problems}
    result.loaded += [s.file for s in rows if (s.location or s.file) not in bad]


def remove_files(store: str | os.PathLike[str] | None, rels: Sequence[str]) -> PassReport:
    """Retract files (by relative path) from the store: everything they stated leaves the graph."""
    with Store.open(store, create=False) as st:
        return st.commit(remove=rels)


def describe(store: str | os.PathLike[str] | None) -> dict[str, Any]:
    """Counts for the load summary: files, documents, document relations, edges."""
    with Store.open(store, create=False) as st:
        s = st.source().stats(0)
    rel = sum(n for t, n in s["by_relation"].items() if t in ("CITES", "IMPLEMENTS", "SUPERSEDES"))
    return {
        "files_in_store": s["files"],
        "nodes": s["nodes"],
        "documents": s["by_kind"].get("Document", 0),
        "relations": rel,
        "edges": s["edges"],
    }
