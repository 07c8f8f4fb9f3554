#!/usr/bin/env python3
"""Extraction throughput (MB/s, one core) next to a bare single-regex scan of the same text, as a ratio.

usage: python bench/bench_extract.py [FOLDER] [--repeat N]
Default corpus: ../shared/corpus/vn-laws (208 laws, 24 MB) if present, else examples/corpus.
Prints: bare symbol regex, find (normalise + find mentions: the citation extractor, like eyecite's
get_citations), and the whole per-file chain (header, resolve, relations, projects) — and their ratios.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from policygraph.loaders.extract import extract_text
from policygraph.loaders.find import find_mentions
from policygraph.loaders.models import Text
from policygraph.loaders.symbols import SYMBOL_RE


def _time(fn, texts, repeat):
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for x in texts:
            fn(x)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[1]
    default = root.parent / "shared" / "corpus" / "vn-laws"
    ap.add_argument("folder", nargs="?", default=str(default if default.exists() else root / "examples" / "corpus"))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    files = sorted(Path(a.folder).glob("*.txt"))
    if not files:
        sys.exit(f"{a.folder}: no .txt files")
    texts = [f.read_text(encoding="utf-8") for f in files]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    bare = _time(lambda t: sum(1 for _ in SYMBOL_RE.finditer(t)), texts, a.repeat)
    find = _time(find_mentions, texts, a.repeat)
    chain = _time(lambda t: extract_text(Text(path="x.txt", text=t)), texts, max(1, a.repeat - 2))
    print(f"corpus: {len(files)} files, {mb:.1f} MB ({a.folder})")
    print(f"bare single-regex symbol scan : {mb / bare:8.2f} MB/s")
    print(f"find (normalise + mentions)   : {mb / find:8.2f} MB/s   ratio to bare {bare / find:.3f}")
    print(f"whole per-file chain          : {mb / chain:8.2f} MB/s   ratio to bare {bare / chain:.3f}")


if __name__ == "__main__":
    main()
