#!/usr/bin/env python3
"""Extraction of reference-dense files next to prose: MB/s of each, their ratio, and peak memory.

usage: python bench/bench_dense.py [N] [--laws FOLDER] [--one-line] [--load]
A generated file of N lines "Căn cứ Luật số <i>/<year>/QH11;" (default 100,000; --one-line joins them with
spaces into one sentence) is extracted next to the prose of the laws (../shared/corpus/vn-laws, else
tests/data/laws). Prints, measured in this run: MB/s of the per-file chain on each, the ratio dense/prose,
the relations per second, the largest evidence excerpt, the peak memory of extracting the dense file
(tracemalloc), and the same ratio for the relations step alone (loaders.relations: sentences, readings,
evidence); --load also runs `policygraph load` on it in a fresh process and prints its time, peak
resident memory and the store's size (the end-to-end figure, store included).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from policygraph.loaders.evidence import Passages
from policygraph.loaders.extract import extract_text
from policygraph.loaders.find import find_mentions
from policygraph.loaders.models import DocRef, Text
from policygraph.loaders.normalise import MatchView
from policygraph.loaders.relations import relate
from policygraph.loaders.resolve import resolve_mentions

ROOT = Path(__file__).resolve().parents[1]


def dense_text(n: int, one_line: bool) -> str:
    """N references to N different laws (numbers 1..99999 in successive years: a symbol's number has at
    most five digits)."""
    return (" " if one_line else "\n").join(
        f"Căn cứ Luật số {i % 99999 + 1}/{1996 + i // 99999}/QH11;" for i in range(n)
    )


def laws_folder() -> Path:
    for p in ROOT.parents:
        if (p / "shared" / "corpus" / "vn-laws").is_dir():
            return p / "shared" / "corpus" / "vn-laws"
    return ROOT / "tests" / "data" / "laws"


def extract_rate(texts: list[str]) -> tuple[float, float, int, int]:
    """(MB, seconds of CPU, relations, longest evidence excerpt) of extracting `texts`."""
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.process_time()
    rels, longest = 0, 0
    for i, t in enumerate(texts):
        x = extract_text(Text(path=f"f{i}.txt", text=t))
        rels += len(x.relations)
        longest = max([longest, *(len(r.evidence.sentence) for r in x.relations if r.evidence)])
    return mb, time.process_time() - t0, rels, longest


def relate_rate(texts: list[str]) -> tuple[float, float]:
    """(MB, seconds of CPU) of the relations step alone (sentences, readings, evidence) on `texts`."""
    inputs = []
    for t in texts:
        view = MatchView.of(t)
        mentions = find_mentions(view)
        resolve_mentions(mentions, DocRef(key="source", is_source=True))
        inputs.append((view, mentions))
    t0 = time.process_time()
    for view, mentions in inputs:
        relate(view, mentions, "source", Passages(view, "f.txt"))
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6, time.process_time() - t0


def load_figures(text: str) -> tuple[float, float, float]:
    """(seconds, peak resident MB, store MB) of `policygraph load` on `text` in a fresh process."""
    with tempfile.TemporaryDirectory() as d:
        f, store = Path(d) / "dense.txt", Path(d) / "g.db"
        f.write_text(text, encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "policygraph.cli", "load", str(f), "--store", str(store)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        return min(wall, cpu) if cpu > 0 else wall, after.ru_maxrss / 1024, os.path.getsize(store) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=100_000, help="lines of the dense file")
    ap.add_argument("--laws", default=str(laws_folder()), help="the prose to compare with")
    ap.add_argument("--one-line", action="store_true", help="one sentence of N references")
    ap.add_argument("--load", action="store_true", help="also time `policygraph load` on the dense file")
    a = ap.parse_args()
    laws = [f.read_text(encoding="utf-8") for f in sorted(Path(a.laws).glob("*.txt"))]
    if not laws:
        sys.exit(f"{a.laws}: no .txt files")
    mb, secs, rels, longest = extract_rate(laws)
    prose = mb / secs
    print(
        f"prose: {len(laws)} laws, {mb:.1f} MB: {prose:.2f} MB/s, {rels / secs:,.0f} relations/s, "
        f"longest evidence {longest} chars"
    )
    text = dense_text(a.n, a.one_line)
    tracemalloc.start()
    mb, secs, rels, longest = extract_rate([text])
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    shape = "one line" if a.one_line else "lines"
    print(
        f"dense: {a.n:,} {shape}, {mb:.1f} MB: {mb / secs:.2f} MB/s, {rels / secs:,.0f} relations/s, "
        f"longest evidence {longest} chars, peak {peak:.0f} MB (tracemalloc, extraction only)"
    )
    print(f"ratio dense/prose MB/s: {mb / secs / prose:.3f} (the whole per-file chain)")
    mb, secs = relate_rate(laws)
    relate_prose = mb / secs
    mb, secs = relate_rate([text])
    print(
        f"relations step alone: prose {relate_prose:.2f} MB/s, dense {mb / secs:.2f} MB/s, "
        f"ratio {mb / secs / relate_prose:.3f}"
    )
    if a.load:
        secs, rss, size = load_figures(text)
        print(f"policygraph load of the dense file: {secs:.1f} s CPU, peak {rss:.0f} MB resident, store {size:.0f} MB")


if __name__ == "__main__":
    main()
