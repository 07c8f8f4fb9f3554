#!/usr/bin/env python3
"""Extraction throughput (MB/s, one core) next to a bare single-regex scan of the same text, as a ratio.

usage: python bench/bench_extract.py [FOLDER] [--repeat N]
Default corpus: ../shared/corpus/vn-laws (208 laws, 24 MB) if present, else examples/corpus.
Prints: bare symbol regex, find (normalise + find mentions: the citation extractor, like eyecite's
get_citations), the whole per-file chain (header, resolve, relations, projects), and the chain without the
relations stage (relate replaced by a function that returns nothing; the sentence index is still built for
evidence) — and their ratios to the bare scan.

Times are CPU seconds of this process (time.process_time), the best of N rounds; the stages run in turn in
every round, so a busy machine slows them alike and the ratios hold.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from policygraph.loaders import extract
from policygraph.loaders.find import find_mentions
from policygraph.loaders.models import Text
from policygraph.loaders.symbols import SYMBOL_RE


def _cpu(fn: Callable[[str], object], texts: list[str]) -> float:
    t = time.process_time()
    for x in texts:
        fn(x)
    return time.process_time() - t


def _without_relate(t: str) -> object:
    real = extract.relate
    extract.relate = lambda *a, **k: []  # type: ignore[assignment]
    try:
        return extract.extract_text(Text(path="x.txt", text=t))
    finally:
        extract.relate = real


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[1]
    # ../shared next to the checkout (or next to the folder that holds the worktrees)
    default = next(
        (p / "shared" / "corpus" / "vn-laws" for p in root.parents if (p / "shared" / "corpus" / "vn-laws").exists()),
        root / "examples" / "corpus",
    )
    ap.add_argument("folder", nargs="?", default=str(default))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    files = sorted(Path(a.folder).glob("*.txt"))
    if not files:
        sys.exit(f"{a.folder}: no .txt files")
    texts = [f.read_text(encoding="utf-8") for f in files]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    stages: dict[str, Callable[[str], object]] = {
        "bare": lambda t: sum(1 for _ in SYMBOL_RE.finditer(t)),
        "find": find_mentions,
        "chain": lambda t: extract.extract_text(Text(path="x.txt", text=t)),
        "chain without relate": _without_relate,
    }
    best = {k: float("inf") for k in stages}
    for _ in range(max(1, a.repeat)):
        for k, fn in stages.items():
            best[k] = min(best[k], _cpu(fn, texts))
    print(f"corpus: {len(files)} files, {mb:.1f} MB ({a.folder}); CPU time, best of {a.repeat}")
    print(f"bare single-regex symbol scan : {mb / best['bare']:8.2f} MB/s")
    for k, label in (
        ("find", "find (normalise + mentions)"),
        ("chain", "whole per-file chain"),
        ("chain without relate", "chain without relate"),
    ):
        print(f"{label:<30}: {mb / best[k]:8.2f} MB/s   ratio to bare {best['bare'] / best[k]:.3f}")


if __name__ == "__main__":
    main()
