"""The embedded store: one JSON file on disk holding every loaded file's extraction and the graph.

Re-loading a file replaces what it said before; removing a file retracts it; the graph is rebuilt from
the extractions, so a node no file asserts any more disappears. Writes go to a temporary file that is
renamed over the store, so a crash never leaves a half-written store.

>>> import tempfile, os
>>> s = open_store(os.path.join(tempfile.mkdtemp(), "g.json"))
>>> s.graph.number_of_nodes()
0
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from ..loaders.models import Extraction, PolicyGraphError
from .build import build_graph
from .source import MemorySource

DEFAULT_STORE = "policygraph.store.json"
FORMAT_VERSION = 1


def store_path(opt: str | os.PathLike[str] | None = None) -> Path:
    """--store, else $POLICYGRAPH_STORE, else ./policygraph.store.json."""
    return Path(opt or os.environ.get("POLICYGRAPH_STORE") or DEFAULT_STORE)


def graph_to_data(G: nx.MultiDiGraph) -> dict[str, Any]:
    return nx.node_link_data(G, edges="edges")


def graph_from_data(data: dict[str, Any]) -> nx.MultiDiGraph:
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


class Store:
    """Extractions by file name, and the graph built from them."""

    def __init__(self, path: Path, extractions: dict[str, Extraction], graph: nx.MultiDiGraph | None = None):
        self.path = path
        self.extractions = extractions
        self._graph = graph

    @property
    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            self._graph = build_graph(self.extractions.values())
        return self._graph

    def put(self, x: Extraction) -> None:
        """Add or replace one file's statements."""
        self.extractions[x.file] = x
        self._graph = None

    def remove(self, file: str) -> bool:
        self._graph = None
        return self.extractions.pop(file, None) is not None

    def save(self) -> None:
        data = {"format": "policygraph-store", "version": FORMAT_VERSION,
                "extractions": {k: v.to_dict() for k, v in sorted(self.extractions.items())},
                "graph": graph_to_data(self.graph)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


class StoreError(PolicyGraphError):
    """The store cannot be opened, read or written (the message names it and says why)."""


def open_store(path: str | os.PathLike[str] | None = None, create: bool = True) -> Store:
    """Open the store at `path` (see store_path); an absent file is an empty store when `create`."""
    p = store_path(path)
    if not p.exists():
        if not create:
            raise StoreError(f"{p}: no store here (run `policygraph load PATH` first)")
        return Store(p, {})
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise StoreError(f"{p}: not a PolicyGraph store ({e})") from e
    if not isinstance(data, dict) or data.get("format") != "policygraph-store":
        raise StoreError(f"{p}: not a PolicyGraph store")
    xs = {k: Extraction.from_dict(v) for k, v in data["extractions"].items()}
    g = graph_from_data(data["graph"]) if "graph" in data else None
    return Store(p, xs, g)


@contextlib.contextmanager
def locked(path: str | os.PathLike[str] | None = None) -> Iterator[Path]:
    """Hold an exclusive lock beside the store while reading, changing and saving it, so two loads at
    once do not lose each other's files (the second waits for the first)."""
    p = store_path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with open(str(p) + ".lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield p
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def load_graph(path: str | os.PathLike[str] | None = None) -> nx.MultiDiGraph:
    """The graph of the store at `path`."""
    return open_store(path, create=False).graph


def open_source(path: str | os.PathLike[str] | None = None) -> MemorySource:
    """The store at `path` as a graph.source.GraphSource; StoreError when there is none."""
    p = store_path(path)
    if not p.exists():
        raise StoreError(f"{p}: no store here (run `policygraph load PATH` first, or give --store / --neo4j)")
    return MemorySource(open_store(p).graph)
