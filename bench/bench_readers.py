#!/usr/bin/env python3
"""Reading throughput (MB/s, one core): readers.read now, the same with the per-character text checks
it had before, and extraction of the same texts, all measured in this run.

usage: python bench/bench_readers.py [--gen N] [--repeat R] [--extract-mb MB] [--shared DIR]
Corpora: N documents written by SHARED/eval/gen_corpus.py (default 1,000; skipped if absent), the
laws in SHARED/corpus/vn-laws (else examples/corpus), and 20 of those laws saved as TCVN3 and VNI
bytes (legacy decoding and conversion; the reader refused them before, so no comparison). Prints one
line per corpus: files, MB, read MB/s now, read MB/s with the old per-character checks and the
speed-up, extraction MB/s (on the first --extract-mb MB) and the share of reading in reading +
extraction.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from policygraph.loaders import legacy_vn, readers
from policygraph.loaders.extract import extract_text
from policygraph.loaders.readers import read, scan

ROOT = Path(__file__).resolve().parents[1]


def old_mostly_not_text(s: str) -> bool:
    """readers._mostly_not_text before: one Python step and one unicodedata call per character."""
    sample = s[:8192]
    bad = sum(1 for c in sample
              if c not in "\t\n\r\f\v\x1b" and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs"))
    return bad > max(2, len(sample) // 20)


def old_binary_bytes(data: bytes) -> bool:
    """readers._binary_bytes before: one Python step per byte."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    bad = sum(1 for b in sample if b in readers._CONTROL_BYTES)
    return bad > max(2, len(sample) // 20)


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def read_all(files: list[Path]) -> None:
    for f in files:
        read(f)


def with_old_checks(files: list[Path]) -> None:
    now = readers._mostly_not_text, readers._binary_bytes
    readers._mostly_not_text, readers._binary_bytes = old_mostly_not_text, old_binary_bytes
    try:
        read_all(files)
    finally:
        readers._mostly_not_text, readers._binary_bytes = now


def report(name: str, files: list[Path], repeat: int, extract_mb: float, before: bool = True) -> None:
    """One line; `before` False for files the reader refused before (legacy bytes): no comparison."""
    mb = sum(f.stat().st_size for f in files) / 1e6
    now = best_of(lambda: read_all(files), repeat)
    old = best_of(lambda: with_old_checks(files), repeat) if before else None
    texts, size = [], 0.0
    for f in files:
        if size >= extract_mb:
            break
        texts.append(read(f))
        size += f.stat().st_size / 1e6
    ext = best_of(lambda: [extract_text(t) for t in texts], 1)
    read_rate, ext_rate = mb / now, size / ext
    compared = f"{mb / old:>10.1f}{old / now:>8.1f}x" if old else f"{'-':>10}{'-':>9}"
    print(f"{name:<28}{len(files):>7}{mb:>8.1f}{read_rate:>10.1f}{compared}"
          f"{ext_rate:>10.2f}{(1 / read_rate) / (1 / read_rate + 1 / ext_rate):>9.1%}")


def legacy_copies(laws: list[Path], out: Path) -> dict[str, list[Path]]:
    made: dict[str, list[Path]] = {}
    for enc in (legacy_vn.TCVN3, legacy_vn.VNI):
        made[enc] = []
        for f in laws:
            text = legacy_vn.from_unicode(f.read_text(encoding="utf-8"), enc)
            dst = out / f"{enc}-{f.name}"
            dst.write_bytes(text.encode("cp1252", "replace"))
            made[enc].append(dst)
    return made


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gen", type=int, default=1000, help="documents to generate (0: none)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--extract-mb", type=float, default=3.0, help="MB of each corpus to extract for the share")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (../shared)")
    a = ap.parse_args()
    shared = a.shared
    print(f"{'corpus':<28}{'files':>7}{'MB':>8}{'read MB/s':>10}{'before':>10}{'speedup':>9}"
          f"{'extract':>10}{'read %':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        gen = shared / "eval" / "gen_corpus.py"
        if a.gen and gen.exists():
            out = Path(tmp) / "gen"
            subprocess.run([sys.executable, str(gen), str(out), str(a.gen)], check=True, capture_output=True)
            report(f"gen_corpus {a.gen}", [f.path for f in scan([out]).files], a.repeat, a.extract_mb)
        laws_dir = shared / "corpus" / "vn-laws"
        laws = [f.path for f in scan([laws_dir if laws_dir.exists() else ROOT / "examples" / "corpus"]).files]
        report("laws" if laws_dir.exists() else "examples/corpus", laws, a.repeat, a.extract_mb)
        for enc, files in legacy_copies(laws[:20], Path(tmp)).items():
            report(f"20 laws as {enc} bytes", files, a.repeat, a.extract_mb, before=False)


if __name__ == "__main__":
    main()
