#!/usr/bin/env python3
"""Real files of every format as analysts have them: does each load (or get one clear line), and are its
own symbol, date and issuer right? Also the time each file's reading and extraction take, by kind.

usage: python bench/bench_formats.py [--shared DIR] [--json]
The files are SHARED/corpus/formats (real .doc in Unicode, TCVN3 and VNI, .rtf, .docx with header tables,
gazette and TCVN3-layer PDFs, scans without a text layer, saved vbpl.vn pages); their expected facts are
bench/formats.gold.json, taken from that folder's README. Prints one line per file (OK or what differs)
and the checks passed in all; a file that cannot be read counts its three checks as failed and prints
its one-line error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from policygraph.loaders.extract import extract_text
from policygraph.loaders.models import LoadError
from policygraph.loaders.readers import read

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("symbol", "date", "issuer")


def shared_dir() -> Path:
    return next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared")


def check(path: Path, gold: dict[str, str | None]) -> dict[str, object]:
    """One file: read and extract it, compare its own facts with the gold, time both steps."""
    t0 = time.perf_counter()
    try:
        text = read(path)
    except LoadError as e:
        return {"error": str(e), "passed": 0, "read_s": time.perf_counter() - t0}
    t1 = time.perf_counter()
    x = extract_text(text)
    t2 = time.perf_counter()
    own = x.docs[x.source]
    got = {f: getattr(own, f) for f in FIELDS}
    wrong = {f: (got[f], gold[f]) for f in FIELDS if got[f] != gold[f]}
    return {
        "got": got,
        "wrong": wrong,
        "passed": len(FIELDS) - len(wrong),
        "read_s": t1 - t0,
        "extract_s": t2 - t1,
        "mb": path.stat().st_size / 1e6,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (default: found beside the checkout)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    folder = (args.shared or shared_dir()) / "corpus" / "formats"
    gold = {
        k: v
        for k, v in json.loads((ROOT / "bench" / "formats.gold.json").read_text("utf-8")).items()
        if not k.startswith("_")
    }
    results = {name: check(folder / name, g) for name, g in gold.items()}
    passed = sum(int(r["passed"]) for r in results.values())  # type: ignore[call-overload]
    if args.json:
        print(json.dumps({"files": results, "passed": passed, "checks": 3 * len(gold)}, ensure_ascii=False, indent=1))
        return 0
    for name, r in results.items():
        if "error" in r:
            print(f"ERROR {name}: {r['error']}")
            continue
        status = "OK   " if not r["wrong"] else "DIFF "
        diffs = "; ".join(f"{f}: got {g!r}, expected {e!r}" for f, (g, e) in r["wrong"].items())  # type: ignore[attr-defined]
        print(f"{status}{name}  read {r['read_s']:.2f} s, extract {r['extract_s']:.2f} s  {diffs}")
    print(
        f"own symbol, date and issuer right: {passed}/{3 * len(gold)} checks "
        f"({sum(1 for r in results.values() if 'error' not in r)}/{len(gold)} files read)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
