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

Then, on the real sample files of SHARED/corpus/formats and the laws: reading throughput by kind (MB/s;
pages/s for OCR) and the share of a load's time (reading + extraction of all those files) each reader
takes; the PDF text-layer extractors compared on the real PDFs (PDFium, which PolicyGraph uses, pypdf and
pdfminer.six when installed): MB/s and the share of words that are words of a reference text of the same
document (split syllables are not); and OCR pages/s of a --ocr-pages page scan made of the real scans'
pages (Tesseract, one process).
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from policygraph.loaders import legacy_vn, ocr, plain, readers
from policygraph.loaders.extract import extract_text
from policygraph.loaders.readers import read, scan

ROOT = Path(__file__).resolve().parents[1]


def old_mostly_not_text(s: str) -> bool:
    """plain.mostly_not_text before: one Python step and one unicodedata call per character."""
    sample = s[:8192]
    bad = sum(1 for c in sample if c not in "\t\n\r\f\v\x1b" and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs"))
    return bad > max(2, len(sample) // 20)


def old_binary_bytes(data: bytes) -> bool:
    """plain.binary_bytes before: one Python step per byte."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    bad = sum(1 for b in sample if b in plain._CONTROL_BYTES)
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
    now = plain.mostly_not_text, plain.binary_bytes
    plain.mostly_not_text, plain.binary_bytes = old_mostly_not_text, old_binary_bytes
    try:
        read_all(files)
    finally:
        plain.mostly_not_text, plain.binary_bytes = now


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
    print(
        f"{name:<28}{len(files):>7}{mb:>8.1f}{read_rate:>10.1f}{compared}"
        f"{ext_rate:>10.2f}{(1 / read_rate) / (1 / read_rate + 1 / ext_rate):>9.1%}"
    )


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
    ap.add_argument("--ocr-pages", type=int, default=10, help="pages of the scan OCR'd for pages/s (0: none)")
    a = ap.parse_args()
    shared = a.shared
    print(
        f"{'corpus':<28}{'files':>7}{'MB':>8}{'read MB/s':>10}{'before':>10}{'speedup':>9}{'extract':>10}{'read %':>9}"
    )
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
        formats = shared / "corpus" / "formats"
        by_kind([f.path for f in scan([formats]).files if formats.exists()] + laws)
        extractors(formats)
        if a.ocr_pages:
            ocr_rate(formats / "pdf_scan", a.ocr_pages, Path(tmp))


# ------------------------------------------------------------------------------------------ by kind


def by_kind(files: list[Path]) -> None:
    """Read and extract every file once; per kind: files, MB, pages, read MB/s (pages/s for OCR'd kinds)
    and the share of the whole load (reading + extraction of all the files) its reading takes."""
    rows: dict[str, list[float]] = {}
    extract_s = 0.0
    for f in files:
        t = time.perf_counter()
        try:
            text = read(f)
        except readers.LoadError:
            continue
        dt = time.perf_counter() - t
        kind = text.format + (" (OCR)" if text.ocr_pages else "")
        row = rows.setdefault(kind, [0, 0.0, 0, 0.0])
        row[0] += 1
        row[1] += f.stat().st_size / 1e6
        row[2] += text.ocr_pages or len(text.pages or [])
        row[3] += dt
        t = time.perf_counter()
        extract_text(text)
        extract_s += time.perf_counter() - t
    total = sum(r[3] for r in rows.values()) + extract_s
    print(f"\n{'reader':<16}{'files':>7}{'MB':>8}{'pages':>7}{'read s':>9}{'rate':>14}{'load %':>9}")
    for kind, (n, mb, pages, secs) in sorted(rows.items()):
        rate = f"{pages / secs:.2f} pages/s" if "OCR" in kind else f"{mb / secs:.2f} MB/s"
        print(f"{kind:<16}{n:>7}{mb:>8.2f}{pages or '-':>7}{secs:>9.2f}{rate:>14}{secs / total:>9.1%}")
    print(
        f"{'extraction':<16}{sum(int(r[0]) for r in rows.values()):>7}{'':>8}{'':>7}{extract_s:>9.2f}{'':>14}"
        f"{extract_s / total:>9.1%}"
    )


# -------------------------------------------------------------------------------------- PDF extractors

WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text)
    return [w.lower() for w in WORD.findall(legacy_vn.convert(text, legacy_vn.detect(text)))]


def _pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def _pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text as pdfminer_text

    return str(pdfminer_text(io.BytesIO(data)))


def _pdfium(data: bytes) -> str:
    from policygraph.loaders.pdf import read_pdf

    return "\n".join(read_pdf(data, "never").pages)


def extractors(formats: Path) -> None:
    """Each PDF text-layer extractor on the real PDFs: MB/s and the share of its words that are words of
    a reference text of the same document (the vbpl.vn page of the law, the TT01 transcript)."""
    pdfs = {
        "CongBao BLHS 2015": (
            formats / "pdf_text" / "CongBao_1263-1264_2015_BLHS-100-2015-QH13_P1.pdf",
            lambda: read(formats / "html" / "vbpl_toanvan_BLHS_100-2015-QH13.html").text,
        ),
        "TT01 TCVN3": (
            formats / "pdf_text" / "TT01-2006-TT-NHNN_tcvn3-textlayer.pdf",
            lambda: (formats / "pdf_text" / "TT01-2006-TT-NHNN_tcvn3-textlayer.groundtruth.txt").read_text(
                encoding="utf-8"
            ),
        ),
    }
    print(f"\n{'PDF text layer':<20}{'extractor':<14}{'MB/s':>8}{'words':>8}{'known %':>9}")
    for name, (path, reference) in pdfs.items():
        if not path.exists():
            continue
        data, known = path.read_bytes(), set(_words(reference()))
        for label, fn in (("pypdfium2", _pdfium), ("pypdf", _pypdf), ("pdfminer.six", _pdfminer)):
            try:
                secs = best_of(functools.partial(fn, data), 1)
                got = _words(fn(data))
            except ImportError:
                print(f"{name:<20}{label:<14}{'(not installed)':>25}")
                continue
            share = sum(w in known for w in got) / max(len(got), 1)
            print(f"{name:<20}{label:<14}{len(data) / 1e6 / secs:>8.2f}{len(got):>8}{share:>9.1%}")


# ---------------------------------------------------------------------------------------------- OCR


def ocr_rate(scans: Path, pages: int, out: Path) -> None:
    """OCR pages/s of a `pages`-page scan made of the real scans' pages (repeated), read by readers.read."""
    import pypdfium2 as pdfium

    problem = ocr.missing()
    if problem or not scans.exists():
        print(f"\nOCR: not measured ({problem or f'{scans} is missing'})")
        return
    doc = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(p)) for p in sorted(scans.glob("*.pdf"))]
    order = [(s, i) for s in sources for i in range(len(s))]
    for n in range(pages):
        src, i = order[n % len(order)]
        doc.import_pages(src, [i])
    path = out / f"scan-{pages}.pdf"
    doc.save(str(path))
    import resource

    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    text = read(path)
    secs = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    print(
        f"\nOCR (Tesseract {ocr.LANG}, {ocr.DPI} dpi, one process, one thread): {text.ocr_pages} pages in "
        f"{secs:.1f} s = {text.ocr_pages / secs:.2f} pages/s ({busy:.1f} CPU s in Tesseract = "
        f"{text.ocr_pages / max(busy, 1e-9):.2f} pages per CPU s; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores); mean word confidence {text.ocr_confidence}"
    )


if __name__ == "__main__":
    main()
